/* scheme_part.h: private to the scheme parser (scheme.c, scheme_line.c,
 * scheme_tree.c). */
#ifndef KFQ_AS_SCHEME_PART_H
#define KFQ_AS_SCHEME_PART_H

#include "assess/scheme.h"
#include "base/dec.h"
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

/* ---- lines and values (scheme_line.c) ---- */

#define MAX_WORDS 64

/* One word of a line: key=value (key non-NULL) or a positional word. */
struct word {
	char *key;
	char *value;
};

struct line {
	const char *file;
	int no;
	struct word w[MAX_WORDS];
	size_t n;
};

/* "FILE:LINE: what" into err; returns -1. */
int asl_line_error(const struct line *l, struct kfq_err *err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void asl_free_words(struct line *l);
/* Split [p, end) into l's words (l->file and l->no set by the caller). */
int asl_split_line(struct line *l, const char *p, const char *end, struct kfq_err *err);
/* A key's value: a finite number, a whole number in [lo, hi], an exact
 * decimal, a code (letters, digits, _ - . and any UTF-8). */
int asl_parse_num(const struct line *l, const char *key, const char *s, double *out,
                  struct kfq_err *err);
int asl_parse_int(const struct line *l, const char *key, const char *s, int lo, int hi,
                  int *out, struct kfq_err *err);
int asl_parse_dec(const struct line *l, const char *key, const char *s, dec *out,
                  struct kfq_err *err);
int asl_check_code(const struct line *l, const char *what, const char *s, struct kfq_err *err);
/* v as text ("12.5"), in buf. */
char *asl_dec_text(dec v, char *buf, size_t n);

#endif
