/* tmpl_part.h: private to src/report/tmpl_*.c: a parsed template's nodes,
 * the state of one evaluation and the value of one reference. */
#ifndef KFQ_TMPL_PART_H
#define KFQ_TMPL_PART_H

#include "calc/figure.h"
#include "report/template.h"

enum tnode_kind { TN_TEXT, TN_REF, TN_IF, TN_ELSE, TN_END };

struct tnode {
	enum tnode_kind kind;
	int line;
	char *text;          /* TN_TEXT */
	char **w;            /* TN_REF, TN_IF: the words inside {{ }} (TN_IF: after #if) */
	size_t nw;
	size_t mid, end;     /* TN_IF: its {{else}} (or {{/if}}) and its {{/if}} */
};

struct tmpl {
	char *name;
	char *text;          /* the template as written (kept when it is published) */
	struct tnode *v;
	size_t n;
};

/* A module's grid built once per evaluation (source, argument, unit, period). */
struct tsrc_cache {
	char *key;
	struct grid g;
};

struct teval {
	const struct tmpl *t;
	const struct kfq_ctx *cx;
	struct kfq_db *db;
	const struct kfq_model *m;
	struct tmpl_opts o;
	struct figure_ctx fc;
	struct tsrc_cache *cache;
	size_t ncache;
	struct tmpl_doc *doc;
	int line;            /* the node being evaluated */
};

/* The Markdown rendering (tmpl_write_md) as its lines, split in place
 * (the array is new; the caller frees it, not the lines). */
char **tmpl_md_lines(char *md, size_t *n);
/* The cells of a Markdown table row "| a | b |" (escaped pipes kept),
 * each new, at most max: how many. */
size_t tmpl_md_cells(const char *s, size_t n, char **cells, size_t max);
/* A cell's Markdown text as shown ("\|" is "|"), new. */
char *tmpl_md_shown(const char *s);

/* One reference's value. */
struct tval {
	int has;             /* 0: no value (a gap) */
	dec v;               /* in the base unit of its measure; a percent or a count as itself */
	int shift;           /* the measure it is shown in (10^shift base units) */
	char text[64];       /* as written in the document */
	char *ref;           /* the reference in full (new; the caller frees it) */
	char *explain;       /* where it comes from (new; the caller frees it) */
	char *id;            /* id=NAME, or NULL (new) */
	long ind;            /* an indicator's figure: the indicator; -1 for a module's */
	size_t unit;
	struct period period;
	int what;            /* its figure (value, ytd ...: tmpl_ref.c's order) */
	char *revised;       /* a published figure changed since: the note (new), or NULL */
};

/* Resolve the reference of words w[0..nw) (tmpl_ref.c): 0 with *v, or -1
 * with "file:line: ..." in err. */
int tref_value(struct teval *e, char **w, size_t nw, struct tval *v, struct kfq_err *err);
void tval_release(struct tval *v);
/* A table ({{table NAME ...}}, w[0] is NAME) into a new grid g: 0, or -1. */
int tref_table(struct teval *e, char **w, size_t nw, struct grid *g, char **ref, char **explain,
               struct kfq_err *err);
/* A chart ({{chart trend|parks INDICATOR}}, w[0] is its kind): its data
 * into a new grid g (label, value[, prior]), *kind 1 trend, 2 bars: 0 or -1. */
int tref_chart(struct teval *e, char **w, size_t nw, struct grid *g, int *kind, char **ref,
               char **explain, char **caption, struct kfq_err *err);
/* A chart's data as inline SVG (tmpl_svg.c). */
struct sbuf;
void tmpl_svg(const struct tspan *s, size_t no, struct sbuf *sb);
/* Whether w names a reference's source: an indicator or a module. */
int tref_is_source(const struct teval *e, const char *w);
/* The error of the node being evaluated: "file:line: " + fmt. Returns -1. */
int teval_error(struct teval *e, struct kfq_err *err, const char *what, const char *expected);

#endif
