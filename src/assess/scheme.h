/* scheme.h: an assessment scheme (考核方案 / 评价办法), parsed and checked.
 *
 * A scheme is a text file, one statement per line (docs/formats.md,
 * "Assessment schemes"): the scheme's code and version, which entities are
 * rated, the tree of pillars and indicators with their weights, direction,
 * normalisation and outlier treatment, the missing-data rule, the class
 * rule, exclusions (class T), disqualifications, previous-period rules,
 * the Monte Carlo settings and regional weights (regions, weights region=). as_scheme_parse checks everything that can be
 * checked without the database; each error reads
 * "FILE:LINE: what: value "v": expected ...". Whether an indicator's source
 * (a core indicator or formula) exists is for the application to check: it
 * has the line numbers here.
 *
 * The tree: nodes[] holds the pillars and indicators in file order; the root
 * is implicit (parent -1, aggregated by the `aggregate` statement). Weights
 * are exact decimals (dec, 1/10 000); the weights of each node's children
 * sum to exactly 100. The indicators, in file order, are the columns of the
 * engine's input matrix (leaves[]). A region's weights (as_region) are a
 * full copy of the node weights with its overrides applied, and sum to
 * exactly 100 under every node too.
 *
 * No database, no output. Depends on base (err, dec, xalloc, sbuf) only. */
#ifndef KFQ_AS_SCHEME_H
#define KFQ_AS_SCHEME_H

#include <stddef.h>
#include <stdint.h>

#include "base/dec.h"
#include "base/err.h"

enum as_kind { AS_PILLAR, AS_INDICATOR };
enum as_dir { AS_HIGHER, AS_LOWER };
/* The normalisations, in the order of their names in as_norm_name. */
enum as_norm { AS_MINMAX, AS_ZSCORE, AS_RANK, AS_RATIO, AS_TARGET, AS_GOALPOSTS };
#define AS_N_NORMS 6
enum as_agg { AS_ARITHMETIC, AS_GEOMETRIC };
/* The ratio normalisation's benchmark: a number, or the mean or median of
 * the rated entities' values. */
enum as_bench { AS_BENCH_NUMBER, AS_BENCH_MEAN, AS_BENCH_MEDIAN };
/* impute none = reweight (a missing indicator's weight goes to its present
 * siblings); mean, median, min = the statistic of the rated entities that
 * have the value. */
enum as_impute { AS_IMPUTE_NONE, AS_IMPUTE_MEAN, AS_IMPUTE_MEDIAN, AS_IMPUTE_MIN };
enum as_classrule { AS_CLASSES_NONE, AS_CLASSES_PERCENTILE, AS_CLASSES_THRESHOLD };

/* A pillar or an indicator. Strings are owned by the scheme. */
struct as_node {
	enum as_kind kind;
	char *code;
	char *name;               /* name="..."; NULL when not given (show the code) */
	int line;                 /* the statement's line */
	int parent;               /* index in nodes[] of a pillar; -1 = the root */
	dec weight;               /* > 0, exact; siblings sum to 100 */
	double wnorm;             /* weight / Σ siblings' weights = weight / 100 */
	size_t *children;         /* indices in nodes[] (pillars only), file order */
	size_t n_children;
	int depth;                /* 1 for children of the root */
	/* pillars */
	enum as_agg agg;          /* default arithmetic */
	/* indicators */
	int leaf;                 /* column in the input matrix; -1 for pillars */
	char *source;             /* core indicator code or formula, as written */
	char *per;                /* divisor: an indicator code, "unit.land_mu", or NULL */
	enum as_dir dir;          /* default higher */
	enum as_norm norm;        /* required */
	enum as_bench bench;      /* ratio: benchmark kind (default mean) */
	double benchmark;         /* ratio with AS_BENCH_NUMBER: ≠ 0 */
	double target;            /* target: ≠ 0 */
	double lo, hi;            /* goalposts: lo < hi */
	int has_cap;
	double cap;               /* normalised value = min(value, cap) */
	double winsor;            /* 0 = none; else 0 < P < 50 */
};

/* entities kind=K [under=U] [also=a,b]: units of kind K in the subtree of U
 * (all of them when under is NULL), plus the listed units. */
struct as_entities {
	char *kind;
	char *under;              /* NULL when not given */
	char **also;
	size_t n_also;
	int line;                 /* 0 when the statement is absent (the application decides) */
};

/* One class of `classes percentile|threshold`, best first. */
struct as_class {
	char *name;               /* e.g. "A"; unique; never "T" (reserved for 不参评) */
	dec value;                /* percentile: share in percent; threshold: score at or above */
	dec cumulative;           /* percentile: shares summed up to this one (the last is 100) */
};

/* exclude CODE reason=... | exclude industry=PREFIX reason=...: class T. */
struct as_exclusion {
	char *unit;               /* one unit's code, or NULL */
	char *industry;           /* industry code prefix, or NULL */
	char *reason;             /* required */
	int line;
};

/* disqualify CODE reason=...: ranked after every other entity. */
struct as_disqualify {
	char *unit;
	char *reason;             /* required */
	int line;
};

/* rule last=N years=Y reason=...: an entity in the last N ranks in this
 * period and in each of the previous Y−1 periods breaches the rule. */
struct as_rule {
	int last;                 /* ≥ 1 */
	int years;                /* ≥ 1 */
	char *reason;             /* required */
	int line;
};

/* sensitivity weights=X norm=a,b agg=c,d: the Monte Carlo settings. */
struct as_sensitivity {
	int line;                 /* 0: statement absent; the defaults below apply */
	double weights;           /* X: each weight × U(1−X/100, 1+X/100); default 20, 0 ≤ X < 100 */
	unsigned norms;           /* bit (1u << enum as_norm); only minmax, zscore, rank;
	                           * 0 = normalisations not switched */
	unsigned aggs;            /* bit (1u << enum as_agg); 0 = aggregations not switched */
};

/* regions group=a,b,c and weights region=a CODE=W ...: entities of region a
 * (the application names each entity's region; see composite.h) are rated
 * with the base weights overridden by that region's weights statement. */
struct as_region {
	char *code;               /* the region (a unit group's code) */
	int line;                 /* its weights statement's line; 0 = none (base weights) */
	dec *weight;              /* [n_nodes]: every node's weight in this region */
	double *wnorm;            /* [n_nodes]: weight / 100 (siblings sum to 100 here too) */
};

struct as_scheme {
	char *file;               /* the name used in messages */
	char *text;               /* the scheme's text as read (to store with results) */
	char *code;               /* scheme CODE (first statement) */
	char *version;            /* version V (required) */
	char *name;               /* name "..." or NULL */
	int code_line, version_line;

	struct as_entities entities;
	int decimals;             /* 0-4, default 2: scores published (and tied) at this precision */
	enum as_agg aggregate;    /* the root's aggregation, default arithmetic */
	int aggregate_line;
	dec min_data;             /* percent of the total weight that must be present; default 100 */
	enum as_impute impute;    /* default none */

	enum as_classrule class_rule;   /* AS_CLASSES_NONE when no classes statement */
	struct as_class *classes;
	size_t n_classes;
	int classes_line;

	struct as_exclusion *exclusions;
	size_t n_exclusions;
	struct as_disqualify *disqualified;
	size_t n_disqualified;
	struct as_rule *rules;
	size_t n_rules;
	struct as_sensitivity sens;

	struct as_region *regions;   /* regions statement, in its order; NULL when absent */
	size_t n_regions;
	int regions_line;
	double *wnorm;            /* [n_nodes]: the base weights' wnorm (nodes[i].wnorm) */

	struct as_node *nodes;    /* pillars and indicators, file order */
	size_t n_nodes;
	size_t *roots;            /* indices in nodes[] of the root's children, file order */
	size_t n_roots;
	size_t *leaves;           /* index in nodes[] of input column j, file order */
	size_t n_leaves;
	size_t *post;             /* [n_nodes]: every node, each after all its children */
};

/* Parse and check the scheme in text[0..len) (UTF-8; need not be
 * NUL-terminated); `file` names it in messages. On success fills *out
 * (release with as_scheme_release) and returns 0; on error returns -1 with a
 * message "FILE:LINE: ..." and leaves *out empty (safe to release). */
int as_scheme_parse(const char *text, size_t len, const char *file, struct as_scheme *out,
                    struct kfq_err *err);
/* Read the file at path and parse it (as_scheme_parse with file = path). */
int as_scheme_load(const char *path, struct as_scheme *out, struct kfq_err *err);
void as_scheme_release(struct as_scheme *s);

/* Index in s->nodes of the node with this code, or -1. */
int as_scheme_find(const struct as_scheme *s, const char *code);
/* The node's name, or its code when it has none. */
const char *as_node_label(const struct as_node *n);
/* The effective weight of node i in the total: the product of wnorm along
 * its path to the root (the indicators' effective weights sum to 1). */
double as_node_share(const struct as_scheme *s, size_t i);

/* Index in s->regions of the region with this code, or -1 (NULL, or no
 * such region). */
int as_scheme_region(const struct as_scheme *s, const char *code);
/* The normalised weights (wnorm, [n_nodes]) of region r; the base weights
 * when r < 0. */
const double *as_scheme_wnorm(const struct as_scheme *s, int r);
/* as_node_share with region r's weights (the base ones when r < 0). */
double as_node_share_in(const struct as_scheme *s, int r, size_t i);

/* Names as written in schemes: "minmax", "arithmetic", "mean", "higher",
 * "percentile" ...; NULL for a value out of range. */
const char *as_norm_name(enum as_norm n);
const char *as_agg_name(enum as_agg a);
const char *as_impute_name(enum as_impute i);
const char *as_dir_name(enum as_dir d);

#endif
