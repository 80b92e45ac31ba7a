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

#endif
