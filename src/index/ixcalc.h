/* ixcalc.h: the computation of the China Danyang Eyewear Index (中国丹阳眼镜
 * 指数) from the store: it reads the categories, weights, items, quotes and
 * survey answers (schema 7), runs the engines (priceindex.h, prosperity.h)
 * and writes the results (ix_value, ix_flag, ix_prosperity, ix_month), the
 * revisions of published months (history, kind "index") and the derived
 * core indicators eyewear_pi, eyewear_pi_<channel>, eyewear_pi_<top-level
 * category> and eyewear_prosperity. It also freezes months (publish) and
 * reads the results back for the commands. docs/index.md has the method.
 *
 * Conventions: a month is (year, month); the reference period (the base,
 * default 2016-12) is 100. A channel is "factory", "wholesale" or "online";
 * in stored series channel "" means all channels and category "" the total.
 * The weights of year Y apply to the months of Y (the months from the base
 * to the first December for the base's segment), chain-linked at December
 * Y-1; they are read as sales values of year Y-1 and price-updated from
 * that year's average (over its months from the base on) to the link month.
 *
 * Layer "index": depends on base, store, model, calc/rollup and the two
 * engines; nothing above. */
#ifndef KFQ_IXCALC_H
#define KFQ_IXCALC_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "base/period.h"
#include "index/priceindex.h"
#include "index/ixstore.h"
#include "store/db.h"

/* Channels: IX_CHANNEL, IX_CHANNEL_ZH and ix_channel_parse of index/ixstore.h. */

/* ---- computing ---- */

struct ixcalc_settings {
	int base_year, base_month;   /* the reference period = 100 */
	int year, month;             /* compute every month from the base through this one */
	enum pi_formula formula;     /* elementary aggregates */
	double outlier_k;            /* flag relatives outside median ÷ k … median × k (k > 1);
	                                0: no outlier flags */
	int max_impute;              /* an item missing more months in a row drops out; 0: no
	                                limit */
	const char *unit;            /* the unit the core figures belong to; NULL: meta
	                                'index.unit', else the first root unit */
	const char *revise;          /* NULL: a published month refuses any change; else the
	                                reason of the revision, kept in history */
};

/* Base 2016-12, Jevons, k = 2, max_impute = 2, no unit, no revision; the
 * period is left 0 (the caller sets it). */
void ixcalc_settings_default(struct ixcalc_settings *s);

/* "jevons", "dutot", "carli" → the formula; -1 otherwise. */
int ixcalc_formula_parse(const char *s);
const char *ixcalc_formula_name(enum pi_formula f);

struct ixcalc_summary {
	size_t nmonths;          /* months written, base … period */
	size_t nitems, nea;      /* items in the computation, elementary aggregates */
	size_t nquotes;          /* quote rows read */
	size_t nimputed, nreplaced, noutliers;
	size_t nprosperity;      /* months with survey answers */
	size_t nrevised;         /* published months revised (with a reason) */
	size_t nrevised_series;  /* series changed in them (history entries) */
	char unit[64];           /* the unit the core figures were written for */
};

/* Compute the index (price and prosperity) for every month from the base
 * through the period and store it; publish the derived core indicators for
 * the unit, rebuilding their roll-ups. All or nothing: in a transaction of
 * its own, or inside the caller's when one is open (db->in_tx; the caller
 * commits). A published month whose stored values would change (beyond a
 * relative 1e-9) refuses the whole computation, naming the months, series
 * and old and new levels, unless s->revise gives a reason: then the new
 * values replace the old, the month's revision goes up by one and each
 * changed series is written to history (old and new level at 4 decimals).
 * Months not published that lie outside base … period are dropped.
 * Fails (user errors) on: a period before the base, a published month
 * before the base, no weight for a leaf category × channel that has items
 * (naming category, channel and year), an elementary aggregate with no
 * quote at the base month, no unit to publish for. `out` may be NULL. */
int ixcalc_compute(const struct kfq_ctx *cx, struct kfq_db *db, const struct ixcalc_settings *s,
                   struct ixcalc_summary *out, struct kfq_err *err);

/* Freeze every computed month up to (year, month) that is not frozen yet
 * (published_at = the context's now). When db is already in a transaction
 * (the demo's), compute and publish run in it; else in one of their own on
 * behalf of cx. The month itself must have been computed. The
 * months frozen now are returned in *months (year * 100 + month; the caller
 * frees it), *n of them (0 if all were frozen already). */
int ixcalc_publish(const struct kfq_ctx *cx, struct kfq_db *db, int year, int month, int **months,
                   size_t *n, struct kfq_err *err);

/* ---- reading the results (for kfq index ...) ---- */

struct ixcalc_month {
	int year, month;
	char computed_at[32];
	char published_at[32];   /* "" when not frozen */
	int revision;
	char settings[256];      /* as stored: "base=2016-12 formula=jevons ..." */
};

/* Every computed month, in order. *v is new (the caller frees it). */
int ixcalc_months(struct kfq_db *db, struct ixcalc_month **v, size_t *n, struct kfq_err *err);
/* One month: 1 found, 0 not computed, -1 error. */
int ixcalc_month_get(struct kfq_db *db, int year, int month, struct ixcalc_month *m,
                     struct kfq_err *err);

struct ixcalc_point {
	int year, month;
	double level;            /* unrounded; rebased when asked */
	int has_mom, has_yoy, has_contrib;
	double mom, yoy;         /* percent, unrounded */
	double contrib;          /* percentage points of the total's month-on-month change */
	int published;           /* the month is frozen */
	int revision;
};

/* One stored series, channel ("" or NULL: all channels; English or
 * Chinese) × category code ("" or NULL: the total), months from … to
 * (year * 100 + month; 0: open). rebase: NULL, or a month or a year
 * (average) that the levels are rebased to = 100 (pi_rebase over the
 * whole stored series; the period must be computed in full). Unknown
 * channel or category, a category or channel without a series, and
 * nothing computed are user errors naming what exists. *v is new. */
int ixcalc_series(struct kfq_db *db, const char *channel, const char *category,
                  const struct period *rebase, int from, int to, struct ixcalc_point **v,
                  size_t *n, struct kfq_err *err);

/* One part of a change: a top-level category (over all channels) or a
 * channel, and its contribution to the total's change. */
struct ixcalc_part {
	char code[64];
	char name[128];
	double mom, yoy;            /* percentage points, unrounded */
	long long mom_units, yoy_units;   /* rounded to hundredths so that they sum to the
	                                     total's (pi_round_contributions) */
};

struct ixcalc_contrib {
	int year, month;
	double level;
	int has_mom, has_yoy;       /* month-on-month needs the month before in the
	                               computation, year-on-year the month a year before */
	double mom, yoy;            /* the total's change, percent */
	long long mom_units, yoy_units;   /* the total's change in hundredths, as published */
	struct ixcalc_part *cat;    /* top-level categories, in their order */
	size_t ncat;
	struct ixcalc_part *chan;   /* channels with items */
	size_t nchan;
};

/* The contributions for a computed month: the index is recomputed with the
 * settings stored for the month and must agree with the stored levels (else
 * a user error saying to compute again). c is filled; release it. */
int ixcalc_contributions(struct kfq_db *db, int year, int month, struct ixcalc_contrib *c,
                         struct kfq_err *err);
void ixcalc_contrib_release(struct ixcalc_contrib *c);

struct ixcalc_flag {
	char kind[12];          /* "outlier", "imputed", "replaced" */
	char item[64];          /* the item (replaced: the one that disappeared) */
	char other[64];         /* replaced: the replacement; else "" */
	char reporter[64];      /* the item's reporting unit */
	char category[64];
	char channel[16];
	double value;           /* outlier: its relative; imputed: the imputed price (元);
	                           replaced: old ÷ new price in the overlap month */
	double ref;             /* outlier: the aggregate's median relative; imputed: the
	                           others' relative; replaced: unused */
};

/* The flags stored for a computed month, outliers, then imputations, then
 * replacements (whose month is the overlap month). *v is new. */
int ixcalc_flags(struct kfq_db *db, int year, int month, struct ixcalc_flag **v, size_t *n,
                 struct kfq_err *err);

struct ixcalc_prow {
	char survey[64];         /* "" for the overall index */
	char survey_name[128];
	char question[64];       /* "" for the survey's composite */
	char question_name[128];
	int inverted;
	int has_counts;          /* questions: the counts below */
	long n_up, n_flat, n_down, n_none;
	double idx;              /* unrounded diffusion index or composite; NAN
	                            when a question has counts but no index */
};

/* The prosperity rows of a computed month: per survey (in code order) its
 * questions (in their order), then the survey's composite; last the
 * overall index. *v is new; none when the month had no answers. */
int ixcalc_prosperity(struct kfq_db *db, int year, int month, struct ixcalc_prow **v,
                      size_t *n, struct kfq_err *err);

struct ixcalc_super {
	char category[64];
	char channel[16];
	double chosen;           /* month on month, ratio, by the month's formula */
	double same;             /* the formula over the superlatives' items only */
	int has_super;           /* items with price and sales value in both months */
	double fisher, tornqvist;
	size_t nmatched;         /* items in the superlative comparison */
};

/* Per elementary aggregate, month on month for a computed month (not the
 * base): the formula's index against Fisher and Törnqvist where sales
 * values exist. *formula gets the formula used. *v is new. */
int ixcalc_superlative(struct kfq_db *db, int year, int month, struct ixcalc_super **v,
                       size_t *n, enum pi_formula *formula, struct kfq_err *err);

#endif
