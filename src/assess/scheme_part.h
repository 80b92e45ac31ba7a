/* scheme_part.h: private to the scheme parser (scheme.c, scheme_tree.c). */
#ifndef KFQ_AS_SCHEME_PART_H
#define KFQ_AS_SCHEME_PART_H

#include "assess/scheme.h"
#include "base/err.h"

/* Build s's tree from its nodes (file order) and parents[i], the parent code
 * node i named (NULL: the top level): resolve parents, refuse unknown or
 * indicator parents, cycles, pillars without children, a scheme without
 * indicators and weights that do not sum to exactly 100 under a node (each
 * error "FILE:LINE: ..."); fill children, roots, leaves, depth, wnorm and
 * post. On error s may be half built: release it. */
int as_scheme_tree(struct as_scheme *s, char *const *parents, struct kfq_err *err);

/* One `weights region=R CODE=W ...` statement as written, resolved by
 * as_scheme_regions once the tree is built. */
struct as_wstmt {
	char *region;
	int line;
	char **codes;
	dec *w;
	size_t n;
};

/* Resolve the weights statements w[0..n) against s's tree and regions:
 * the region is one of `regions`, every code is a node, and under every
 * node the region's weights sum to exactly 100. Fills s->regions[].weight
 * and wnorm (base weights where not overridden) and s->wnorm. */
int as_scheme_regions(struct as_scheme *s, const struct as_wstmt *w, size_t n,
                      struct kfq_err *err);

#endif
