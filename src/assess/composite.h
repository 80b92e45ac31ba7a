/* composite.h: the composite assessment engine: normalise, aggregate, rank,
 * class, explain, check previous-period rules, and the Monte Carlo
 * sensitivity analysis (sensitivity.c). The method is docs/assess.md.
 *
 * Input: a parsed scheme (assess/scheme.h), the entities (code, name,
 * industry) and a matrix of raw values, one row per entity and one column
 * per indicator of the scheme (scheme->leaves order), each with a present
 * flag. The application reads the values from the core's figures (dividing
 * by `per` where the scheme says so); the engine knows no database.
 *
 * Order of work (as_compute):
 *  1. exclusions: an entity whose code is excluded, or whose industry starts
 *     with an excluded prefix, gets status EXCLUDED (class T) with the
 *     exclusion's reason (the first matching statement);
 *  2. missing data: an entity whose present indicators carry less than
 *     min_data percent of the total (effective) weight (with its region's
 *     weights) is DATA_SHORT
 *     (class T, reason "数据不足 ...");
 *  3. the others are RATED. Per indicator, over the rated entities:
 *     imputation (impute mean|median|min of those that have the value; each
 *     imputed value flagged), winsorising (raw values clipped to the P-th
 *     and (100−P)-th percentiles, linear interpolation), normalisation with
 *     direction, then cap;
 *  4. node scores bottom-up, with the weights of the entity's region (the
 *     base weights when it has none or its region has no weights statement): arithmetic Σ w·s / Σ w or geometric
 *     Π s^(w/Σw) over the children present (impute none: a missing child's
 *     weight goes to its present siblings); the root's score is the score;
 *  5. contributions: the score split down the tree (arithmetic: in
 *     proportion to w·s; geometric: in proportion to w·ln s), so an entity's
 *     indicator contributions sum to its score;
 *  6. publish: the score rounded to the scheme's decimals, half away from
 *     zero; rank by published score descending, ties share the better rank
 *     (1, 2, 2, 4) and are listed by code; disqualified entities after every
 *     other (among themselves by score);
 *  7. classes: percentile (rank r of n gets the first class with
 *     100·r ≤ cumulative·n, exact integers) or threshold (the first class
 *     whose threshold ≤ the published score; the last class takes anything
 *     below); a disqualified entity gets the last class under either rule.
 * Errors name the scheme's file and the indicator's line, and the entity
 * where one is to blame: a normalisation that divides by zero ("every entity
 * has the value V"), a score ≤ 0 under a geometric node, and so on.
 *
 * Depends on base and assess/scheme only. */
#ifndef KFQ_AS_COMPOSITE_H
#define KFQ_AS_COMPOSITE_H

#include <stddef.h>
#include <stdint.h>

#include "assess/scheme.h"
#include "base/err.h"

/* One entity to rate. Strings are borrowed for the life of the result. */
struct as_entity {
	const char *code;         /* required, unique */
	const char *name;         /* may be NULL (the code is shown) */
	const char *industry;     /* industry code (GB/T 4754, e.g. "D4411"), may be NULL */
	const char *region;       /* one of the scheme's regions (its weights apply), or NULL
	                           * (the base weights) */
};

/* The engine's input. values and present are borrowed, row-major:
 * cell (e, j) is [e * n_leaves + j], j the scheme's leaf (scheme->leaves[j]).
 * values[] is read only where present[] is non-zero (and must be finite). */
struct as_input {
	const struct as_entity *entities;
	size_t n_entities;
	size_t n_leaves;          /* must equal scheme->n_leaves */
	const double *values;
	const unsigned char *present;
};

enum as_status {
	AS_RATED = 0,             /* scored, ranked and classed (disqualified ones too) */
	AS_EXCLUDED,              /* class T: an exclusion applies (reason = its reason) */
	AS_DATA_SHORT,            /* class T: below min_data (reason says how far) */
};

/* One entity's outcome. */
struct as_entity_result {
	enum as_status status;
	int disqualified;         /* rated but ranked after every other entity */
	char *reason;             /* owned: exclusion, data shortage or disqualification reason; NULL if none */
	int line;                 /* the exclude/disqualify statement's line, 0 if none */
	int region;               /* index in scheme->regions of the weights used; -1 = base */
	double coverage;          /* percent of the total weight present (before imputation) */
	double score;             /* the root's score, unrounded (rated only) */
	int64_t published;        /* score × 10^decimals rounded half away from zero */
	int rank;                 /* 1-based; 0 when not ranked (status ≠ RATED) */
	int class_ix;             /* index in scheme->classes; -1 = T or no classes statement */
	const char *class_name;   /* "A" .. (borrowed from the scheme), "T", or NULL (no classes) */
};

/* The outcome of as_compute. Per-entity matrices are row-major over the
 * entities in input order. NAN marks "no value" in the double matrices. */
struct as_result {
	size_t n_entities, n_nodes, n_leaves;
	int decimals;
	struct as_entity_result *ent;   /* [n_entities] */
	/* [e * n_nodes + i]: node i's score for entity e (an indicator's score is
	 * its normalised value); NAN when the node has no present child or the
	 * entity is not rated. */
	double *node_score;
	/* [e * n_nodes + i]: node i's share of the score (the sum of its
	 * indicators' contributions); NAN when not scored. */
	double *node_contrib;
	/* [e * n_leaves + j]: the value used (raw, or imputed), before
	 * winsorising; NAN when missing and not imputed. */
	double *raw;
	double *used;             /* after winsorising: what was normalised */
	double *norm;             /* normalised (direction and cap applied) */
	double *contrib;          /* contribution to the score; NAN when not scored */
	unsigned char *imputed;   /* 1: raw[] was imputed (impute mean|median|min) */
	double *benchmark;        /* [n_leaves]: the ratio benchmark used, NAN for other norms */
	/* Entity indices: the ranked ones in rank order (ties by code), then the
	 * unranked (status order EXCLUDED, DATA_SHORT, then by code). */
	size_t *order;
	size_t n_ranked;          /* entities with a rank (= status RATED) */
	size_t n_rated_clean;     /* ranked and not disqualified */
};

/* Rate the entities. On success fills *out (release with as_result_release)
 * and returns 0; on error returns -1 with a message naming the scheme's
 * file and line (and the entity where there is one) and leaves *out empty.
 * Fails on: input not matching the scheme (column count, duplicate or empty
 * codes, a non-finite present value, a region that is not one of the
 * scheme's); no entity rated; a normalisation that
 * divides by zero; a lower-is-better ratio of a value 0 without cap (a
 * lower-is-better target of 0 scores 100); a score ≤ 0 under a geometric
 * node. */
int as_compute(const struct as_scheme *s, const struct as_input *in, struct as_result *out,
               struct kfq_err *err);
void as_result_release(struct as_result *r);

/* The published score as text with the scheme's decimals ("82.35"). */
int as_format_score(const struct as_result *r, size_t e, char *buf, size_t n);
/* x rounded to `decimals` places half away from zero, as an integer count of
 * 10^-decimals (a value within 1e-9, relative, of a half is taken as the half,
 * so 89.995 publishes as 90.00 as it is written). */
int64_t as_publish(double x, int decimals);

/* ---- why this rank ---- */

/* One indicator, for one entity, beside the leader and the median entity. */
struct as_explain_item {
	size_t leaf;              /* input column; node = scheme->leaves[leaf] */
	double share;             /* effective weight in the total (as_node_share) */
	double raw, norm, contrib;   /* the entity's; NAN when missing */
	int imputed;
	double leader_norm;       /* the rank-1 entity's normalised value */
	double median_norm;       /* the median entity's normalised value */
	double gap;               /* share × (norm − median_norm); NAN when missing */
	double lgap;              /* share × (norm − leader_norm); NAN when missing */
	int64_t contrib_pub;      /* the contribution published: in units of
	                             10^-decimals, rounded so that the entity's
	                             contributions add up exactly to its published
	                             score (largest remainder); 0 when missing */
};

struct as_explain {
	size_t entity;
	size_t leader;            /* entity index of the first in rank order */
	size_t median;            /* entity index at rank-order position ⌊(n_ranked−1)/2⌋ */
	struct as_explain_item *items;   /* [n_leaves], scheme order */
	size_t n_items;
	size_t strongest[3], n_strongest;   /* indices in items, largest gap first (gap > 0) */
	size_t weakest[3], n_weakest;       /* smallest gap first (gap < 0); when no
	                                       indicator is below the median and the
	                                       entity is not the leader: smallest lgap
	                                       first (lgap < 0), weakest_vs_leader = 1 */
	int weakest_vs_leader;
	char *sentence_zh;        /* owned: e.g. "丹阳经济开发区在22个中排名第2（A类）：最强…；最弱…。" */
	char *sentence_en;        /* owned: "丹阳经济开发区 ranks 2 of 22 (class A): strongest …; weakest …." */
};

/* Explain entity e's result. For an entity that is not ranked the items
 * are filled and the sentence says why (the reason); strongest/weakest are
 * empty. Fails only on e out of range. Release with as_explain_release. */
int as_explain(const struct as_scheme *s, const struct as_input *in,
               const struct as_result *r, size_t e, struct as_explain *out,
               struct kfq_err *err);
void as_explain_release(struct as_explain *x);

/* ---- previous-period rules ---- */

/* One earlier period's ranks, aligned with the current input's entities. */
struct as_period_ranks {
	const int *rank;          /* [n_entities]: rank then, 0 = not ranked or absent */
	size_t n_ranked;          /* how many entities were ranked then */
};

struct as_breach {
	size_t rule;              /* index in scheme->rules */
	size_t entity;
};

struct as_rule_check {
	struct as_breach *breaches;   /* by rule, then rank order */
	size_t n_breaches;
	unsigned char *checked;       /* [n_rules]: 0 when fewer previous periods were
	                               * given than the rule's years − 1 (not checkable) */
	size_t n_rules;
};

/* Check the scheme's rules: prev[0] is the previous period, prev[1] the one
 * before, ... (n_prev of them). An entity is in the last N ranks of a period
 * when its rank > n_ranked − N. Release with as_rule_check_release. */
int as_rules_check(const struct as_scheme *s, const struct as_result *r,
                   const struct as_period_ranks *prev, size_t n_prev,
                   struct as_rule_check *out, struct kfq_err *err);
void as_rule_check_release(struct as_rule_check *c);

/* ---- Monte Carlo sensitivity (sensitivity.c) ---- */

struct as_sens_opts {
	size_t runs;              /* 0 = 1000 */
	uint64_t seed;            /* the PRNG seed (callers pass 1 for the default) */
};

/* One entity's ranks over the runs (ranked entities only; zeros otherwise). */
struct as_sens_entity {
	int nominal;              /* the rank of as_compute (0: not ranked) */
	int median;               /* nearest-rank 50th percentile of the run ranks */
	int p5, p95;              /* nearest-rank 5th and 95th percentiles */
	double share_nominal;     /* fraction (0-1) of runs at the nominal rank */
};

/* Two entities adjacent in the nominal order (better, then worse) that the
 * runs cannot tell apart: the better one is strictly ahead in fewer than
 * 95% of the runs. */
struct as_sens_pair {
	size_t better, worse;     /* entity indices */
	double ahead;             /* fraction of runs with better strictly ahead */
};

struct as_sens_result {
	size_t runs;              /* runs counted (the statistics are over these) */
	size_t discarded;         /* runs dropped: a score < 0 under a geometric node;
	                           * runs + discarded = the runs asked for */
	uint64_t seed;
	double weights;           /* the ±X% used */
	unsigned norms, aggs;     /* the switches used (scheme->sens) */
	size_t n_entities;
	struct as_sens_entity *ent;   /* [n_entities], input order */
	struct as_sens_pair *pairs;   /* nominal order */
	size_t n_pairs;
};

/* Run the Monte Carlo analysis of the scheme's `sensitivity` statement
 * (defaults when absent: weights ±20%, no switching) around the nominal
 * result r (from as_compute on the same scheme and input). PRNG: the seed
 * expanded by splitmix64 into the state of xoshiro256**; uniform doubles
 * from the top 53 bits. Per run, in this order: one draw per node for its
 * weight factor (file order), one draw for the normalisation (when norms
 * are switched), one for the aggregation (when switched); weights are
 * renormalised per parent. The same seed gives identical output. The rated
 * set, imputed values and exclusions are the nominal ones; a switched
 * normalisation is applied without the indicator's cap. In a run, a child
 * score of 0 under a geometric node makes the node 0 (the limit), a negative
 * one discards the run (counted). Fails when every run is discarded or a
 * switched normalisation divides by zero. Release with as_sens_release. */
int as_sensitivity(const struct as_scheme *s, const struct as_input *in,
                   const struct as_result *r, const struct as_sens_opts *opts,
                   struct as_sens_result *out, struct kfq_err *err);
void as_sens_release(struct as_sens_result *x);

/* The PRNG, public for tests and the demo's reproducibility notes. */
struct as_rng {
	uint64_t s[4];
};
void as_rng_seed(struct as_rng *g, uint64_t seed);
uint64_t as_rng_next(struct as_rng *g);
/* A uniform double in [0, 1). */
double as_rng_uniform(struct as_rng *g);

#endif
