/* priceindex.h: the computation engine of a consumer-style price index (the
 * China Danyang Eyewear Index), by the methods of the ILO/IMF CPI Manual
 * (2020), chapter on elementary indices, and its chapter on aggregation.
 *
 * A panel holds items (an optician's frame at one shop, say), each in one
 * elementary aggregate (a category × channel with no weights below it), with
 * a price per month and optionally its sales value. On the panel:
 *
 *  - elementary indices of matched items: Jevons (geometric mean of price
 *    relatives; the default), Dutot (ratio of average prices) and Carli
 *    (arithmetic mean of relatives). The manual explains that Carli is biased
 *    upwards: by the arithmetic–geometric mean inequality Carli ≥ Jevons, it
 *    fails the time-reversal test (a price that falls and comes back shows a
 *    rise), and chained Carli drifts up further. It is here for comparison;
 *  - missing prices imputed from the change of the other items of the same
 *    elementary aggregate (never carried forward), each imputation reported;
 *  - replacement linked by overlap: in the overlap month both items are
 *    priced, and the old item's series continues with the replacement's prices
 *    rescaled by old ÷ new in that month, so the difference in price level
 *    shows as no change; reported;
 *  - outliers: relatives outside median ÷ k … median × k are reported, never
 *    dropped;
 *  - Fisher and Törnqvist (bilateral, two months) where sales values exist.
 *
 * Above the elementary aggregates a tree of categories of any depth carries
 * weights (positive; children's weights sum to their parent's). The index is
 * a Lowe (weighted arithmetic, "Young/Lowe") index of the elementary indices
 * with weights price-updated from their reference period to the link month,
 * chain-linked every December; the reference period (month 0) = 100 unless
 * rebased. Outputs: levels, month-on-month and year-on-year change, and each
 * child's contribution to its parent's change, which add up to the total.
 *
 * Rounding: everything is computed in double and never rounded internally.
 * Only pi_round() and pi_round_contributions() round, for publication (half
 * away from zero, 四舍五入); the caller formats their result.
 *
 * Depends on base (err, xalloc) and libm only: no database, no import. */
#ifndef KFQ_PRICEINDEX_H
#define KFQ_PRICEINDEX_H

#include <stddef.h>

#include "base/err.h"

/* ---- the panel ---- */

enum pi_formula { PI_JEVONS = 0, PI_DUTOT, PI_CARLI };

/* The state of one price: the "missing" marker is PI_ABSENT. */
enum pi_status {
	PI_ABSENT = 0, /* not priced (price holds 0) */
	PI_OBSERVED,   /* collected */
	PI_IMPUTED,    /* filled in by pi_impute() */
	PI_LINKED,     /* a replacement's price, rescaled by pi_link_replacement() */
};

struct pi_item {
	char *id;
	size_t ea;                 /* its elementary aggregate */
	double *price;             /* [nper]; meaningful where status != PI_ABSENT */
	double *sales;             /* [nper]; sales value, < 0 where unknown */
	unsigned char *status;     /* [nper], enum pi_status */
	int merged;                /* 1: a replacement whose prices now continue
	                              another item (left out of every index) */
};

struct pi_panel {
	size_t nper;               /* months 0 … nper-1 */
	int first_month;           /* calendar month (1–12) of month 0 */
	char **ea_name;            /* elementary aggregates, for messages */
	size_t nea, ea_cap;
	struct pi_item *item;
	size_t nitem, item_cap;
	/* the items of each aggregate, in the order they were added (kept by
	 * pi_panel_add_item; the engine loops over an aggregate's items only) */
	size_t **ea_item;
	size_t *ea_nitem, *ea_item_cap;
};

void pi_panel_init(struct pi_panel *p, size_t nper, int first_month);
void pi_panel_release(struct pi_panel *p);
/* Add an elementary aggregate (the name is copied); returns its index. */
size_t pi_panel_add_ea(struct pi_panel *p, const char *name);
/* Add an item of aggregate ea, every month absent (id copied); returns its index. */
size_t pi_panel_add_item(struct pi_panel *p, const char *id, size_t ea);
/* Record an observed price (> 0) and, if sales >= 0, its sales value. */
int pi_panel_set(struct pi_panel *p, size_t item, size_t t, double price, double sales,
                 struct kfq_err *err);

/* ---- what the engine reports to the caller ---- */

enum pi_note_kind { PI_NOTE_IMPUTED, PI_NOTE_REPLACED, PI_NOTE_OUTLIER };

struct pi_note {
	enum pi_note_kind kind;
	size_t item;      /* the item (for REPLACED: the one that disappeared) */
	size_t other;     /* REPLACED: the replacement; otherwise the item itself */
	size_t period;    /* IMPUTED, OUTLIER: the month; REPLACED: the overlap month */
	double value;     /* IMPUTED: the price; REPLACED: old ÷ new in the overlap
	                     month; OUTLIER: the item's relative to the month before */
	double ref;       /* IMPUTED: the others' relative; OUTLIER: their median */
};

struct pi_report {
	struct pi_note *note;
	size_t n, cap;
};

void pi_report_init(struct pi_report *r);
void pi_report_release(struct pi_report *r);

/* ---- elementary aggregates ---- */

/* The elementary index of aggregate ea, month b on month a, as a ratio
 * (1.0 = no change), over the items priced in both months (matched; merged
 * items left out). -1 if the aggregate has no items or none is matched. */
int pi_elementary(const struct pi_panel *p, size_t ea, enum pi_formula f, size_t a, size_t b,
                  double *ratio, struct kfq_err *err);

/* The same, never refused for want of items: *n gets how many were matched
 * (0 leaves *ratio alone); with `valued`, only the items with a price and a
 * sales value in both months (those pi_superlative compares: like for like
 * beside Fisher and Törnqvist). */
int pi_elementary_matched(const struct pi_panel *p, size_t ea, enum pi_formula f, size_t a,
                          size_t b, int valued, double *ratio, size_t *n, struct kfq_err *err);

/* Carry the items of ea priced in t-1 and absent in t into t by `ratio`
 * (status PI_IMPUTED, each reported with ratio); returns how many. */
size_t pi_impute_by(struct pi_panel *p, size_t ea, size_t t, double ratio, struct pi_report *rep);

/* Impute the items of ea absent in month t (t >= 1) but priced in t-1: price
 * in t-1 × the index, by formula f, of the other items matched in t-1 and t.
 * max_run > 0 stops after that many consecutive imputed months (the item then
 * drops out of the matched set); 0 imputes without limit. Each imputation is
 * added to rep. When no other item is matched (the aggregate has no price in
 * t) nothing is imputed here: pi_impute_parents imputes from the parent. */
int pi_impute(struct pi_panel *p, size_t ea, enum pi_formula f, size_t t, int max_run,
              struct pi_report *rep, struct kfq_err *err);

/* Link replacement `repl` into `old` by overlap in month t: both priced in t;
 * from t+1 on, old's price is repl's × old(t) ÷ repl(t) (status PI_LINKED,
 * sales carried over), and repl is marked merged. Reported. Both items must
 * be in the same aggregate. */
int pi_link_replacement(struct pi_panel *p, size_t old, size_t repl, size_t t,
                        struct pi_report *rep, struct kfq_err *err);

/* Flag the items of ea whose relative month t on t-1 lies outside
 * median ÷ k … median × k (k > 1). Flagged items stay in every index.
 * Writes how many were flagged to *nflagged if not NULL. */
int pi_flag_outliers(const struct pi_panel *p, size_t ea, size_t t, double k,
                     struct pi_report *rep, size_t *nflagged, struct kfq_err *err);

/* Month by month from 1, for every aggregate: impute (pi_impute with f and
 * max_run), then flag outliers on the month before when k > 0. Link
 * replacements first: what they fill in is then not imputed. */
int pi_prepare(struct pi_panel *p, enum pi_formula f, int max_run, double k,
               struct pi_report *rep, struct kfq_err *err);

/* ---- superlative indices for comparison (bilateral) ---- */

/* Fisher (√ Laspeyres × Paasche) and Törnqvist (∏ relative ^ mean of the two
 * months' value shares) of n items with prices p0, p1 and sales values v0,
 * v1 (quantities are v ÷ p). Ratios, 1.0 = no change. */
int pi_fisher(const double *p0, const double *p1, const double *v0, const double *v1, size_t n,
              double *ratio, struct kfq_err *err);
int pi_tornqvist(const double *p0, const double *p1, const double *v0, const double *v1, size_t n,
                 double *ratio, struct kfq_err *err);
/* Both, for aggregate ea month b on a, over the items with price and sales
 * in both months. Either output may be NULL. */
int pi_superlative(const struct pi_panel *p, size_t ea, size_t a, size_t b, double *fisher,
                   double *tornqvist, struct kfq_err *err);

/* ---- the category tree and the aggregate index ---- */

/* Nodes in an array, every parent before its children, node 0 the root.
 * A leaf names an elementary aggregate; an inner node has ea = -1. */
struct pi_node {
	const char *code;
	long parent;       /* -1 for the root */
	double weight;     /* > 0; children's weights sum to the parent's */
	long ea;           /* leaf: the elementary aggregate; inner node: -1 */
};

struct pi_tree {
	const struct pi_node *node;
	size_t n;
};

/* Check the tree against the panel's aggregates (nea): one root first,
 * parents before children, positive weights, children summing to the parent
 * (relative tolerance 1e-9), leaves and only leaves naming an aggregate. */
int pi_tree_check(const struct pi_tree *tr, size_t nea, struct kfq_err *err);

/* One weight set per year segment: the segment from one link month to the
 * next. w: weights per node (NULL: the tree's). Their reference period is
 * months wref_from … wref_from + wref_n - 1 (wref_n 0: month 0); they are
 * price-updated to the segment's link month by each elementary aggregate's
 * level there ÷ its average level over the reference period. */
struct pi_weights {
	const double *w;
	size_t wref_from, wref_n;
};

struct pi_config {
	enum pi_formula formula;
	const struct pi_weights *seg;  /* [number of segments] or NULL: the tree's
	                                  weights, reference month 0, every year */
	size_t nseg;
};

/* The computed index: every node, every month. */
struct pi_series {
	size_t nnode, nper, nseg;
	double *level;     /* [node * nper + t]; month 0 (or the rebased period) = 100 */
	size_t *link;      /* [t]: the link month of t's segment (t's own for t = 0) */
	size_t *seg;       /* [t]: t's segment */
	double *eff;       /* [node * nseg + s]: price-updated weight in segment s */
	long *parent;      /* [node], copied from the tree */
};

/* Chain: level[0] = 100, level[t] = level[link[t]] × rel[t] for t >= 1, where
 * link[t] < t and rel[t] is t on its link month. */
void pi_chain(const double *rel, const size_t *link, size_t n, double *level);

/* Impute the aggregates that have no price in a month from their parent,
 * as the CPI Manual does: month by month from 1, an aggregate none of whose
 * items is matched on its link month gets the month-on-month change of its
 * nearest ancestor in tr over the aggregates below it that have prices
 * (their price-updated weights times their relatives to the link at t-1, as
 * the index aggregates them), and its items priced in t-1 are carried into
 * t by that change (status PI_IMPUTED, reported with the parent's relative,
 * whatever max_run says: the alternative is no index). Items absent in t
 * but priced in t-1 beside items that are matched are imputed as pi_impute
 * does. Refused only when no aggregate under any ancestor has a price, or
 * the aggregate has no item priced in t-1 to carry. */
int pi_impute_parents(struct pi_panel *p, const struct pi_tree *tr, const struct pi_config *cfg,
                      int max_run, struct pi_report *rep, struct kfq_err *err);

/* Compute the index over the panel: elementary indices (on each link
 * month, by cfg->formula), chained every December, aggregated up the tree. The
 * panel should already be imputed and linked. Fills s (release with
 * pi_series_release). Segments: months 0 … first December, then each
 * following year to its December (a December month 0 is its own link). */
int pi_series_compute(struct pi_series *s, const struct pi_panel *p, const struct pi_tree *tr,
                      const struct pi_config *cfg, struct kfq_err *err);
void pi_series_release(struct pi_series *s);

/* Rebase every node so that the average level over months from … from+n-1
 * is 100 (n = 1: one month; n = 12: a year). */
int pi_rebase(struct pi_series *s, size_t from, size_t n, struct kfq_err *err);

/* Change of node from month a to month b, in percent (b on a). Month-on-month
 * is (t-1, t), year-on-year (t-12, t). -1 if a month is outside the series. */
int pi_change(const struct pi_series *s, size_t node, size_t a, size_t b, double *pct,
              struct kfq_err *err);

/* Each child's contribution, in percentage points, to node's change from
 * month a to month b (a < b): pp[c] for each child c of node, other entries
 * untouched (pp has nnode entries). Within a segment, child c contributes
 * w_c (r_c(b) - r_c(a)) / (W R(a)) × 100 with w the price-updated weights and
 * r, R relatives to the link month; across a link the change is split at the
 * link month by Eurostat's Ribe decomposition: the part up to the link month
 * plus the part after it scaled by the parent's level at the link ÷ its
 * level at a. Exact: the contributions sum to the change, up to double
 * rounding. */
int pi_contributions(const struct pi_series *s, size_t node, size_t a, size_t b, double *pp,
                     struct kfq_err *err);

/* The same for every descendant of node (children, grandchildren ...): pp[d]
 * is d's contribution to node's change (the same weights and split at the
 * link month; within a segment the price-updated weights add up, so a
 * node's contribution is the sum of its children's, and those of any cut
 * of the subtree add up to node's change). */
int pi_contributions_deep(const struct pi_series *s, size_t node, size_t a, size_t b, double *pp,
                          struct kfq_err *err);

/* ---- rounding for publication ---- */

/* x rounded half away from zero to `decimals` places (0–9). */
double pi_round(double x, int decimals);

/* Round n contributions to `decimals` places so that they add up exactly to
 * the total rounded on its own: each is rounded down, then the units still
 * missing go to those with the largest remainders (largest-remainder method;
 * ties to the earlier). Results are integers in units of 10^-decimals:
 * units[i] for each part, *total_units for the total. */
void pi_round_contributions(const double *x, size_t n, double total, int decimals,
                            long long *units, long long *total_units);

#endif
