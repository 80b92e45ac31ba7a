/* scheme_part.h: private to the scheme parser (scheme.c, scheme_line.c,
 * scheme_rank.c, scheme_node.c, scheme_tree.c). Depends on base and
 * assess/scheme.h. */
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
/* The value of key k on the line, or NULL; the i-th positional word (0 =
 * the first after the keyword), or NULL. */
const char *asl_get(const struct line *l, const char *k);
const char *asl_pos(const struct line *l, size_t i);
/* Key k's value in *out, which the statement stmt requires (not empty). */
int asl_require(const struct line *l, const char *stmt, const char *k, const char **out,
                struct kfq_err *err);
/* Split a comma-separated list into *out (new strings; free with
 * asl_free_list); returns the count. */
size_t asl_split_list(const char *s, char ***out);
void asl_free_list(char **v, size_t n);

/* ---- the statements (scheme.c, scheme_rank.c, scheme_node.c) ---- */

/* The parse of one file in progress. */
struct parser {
	struct as_scheme *s;
	size_t cap_nodes, cap_excl, cap_disq, cap_rules;
	int seen[32];             /* line of the first occurrence, per statement */
	char **parents;           /* per node: the parent's code as written, or NULL */
	struct as_wstmt *ws;      /* weights statements, resolved after the tree */
	size_t n_ws, cap_ws;
};

/* A name's index (as_norm_name's, as_agg_name's, as_dir_name's), or -1. */
int asp_norm_parse(const char *s);
int asp_agg_parse(const char *s);
int asp_dir_parse(const char *s);
/* An aggregation named by v (arithmetic or geometric) for what. */
int asp_parse_agg(const struct line *l, const char *what, const char *v, enum as_agg *out,
                  struct kfq_err *err);

/* The statements, each filling p->s from one checked line (the table in
 * scheme.c has their words and keys). scheme_rank.c: */
int asp_classes(struct parser *p, const struct line *l, struct kfq_err *err);
int asp_exclude(struct parser *p, const struct line *l, struct kfq_err *err);
int asp_disqualify(struct parser *p, const struct line *l, struct kfq_err *err);
int asp_rule(struct parser *p, const struct line *l, struct kfq_err *err);
int asp_sensitivity(struct parser *p, const struct line *l, struct kfq_err *err);
/* scheme_node.c: */
int asp_pillar(struct parser *p, const struct line *l, struct kfq_err *err);
int asp_indicator(struct parser *p, const struct line *l, struct kfq_err *err);
int asp_regions(struct parser *p, const struct line *l, struct kfq_err *err);
int asp_weights(struct parser *p, const struct line *l, struct kfq_err *err);
/* Free the weights statements p collected. */
void asp_free_ws(struct parser *p);

#endif
