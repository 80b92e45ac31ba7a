/* figure.h: the figures of a unit (with its subtree) × indicator × period:
 * value, year to date, same period last year, growth (同比), growth on a
 * comparable basis (同口径), target, completion, time-proportional
 * completion (序时进度), share of the parent and rank among siblings.
 *
 * A unit's target is its own, else the sum of its children's targets (of
 * those children that have one), so a zone's plan can be the sum of its
 * parks' or its projects' plans.
 * Percentages are exact ratios rounded half away from zero to one decimal
 * and held in tenths. Formula indicators are evaluated on the rolled-up
 * values of their inputs for the same unit and period (a ratio of sums, not
 * a sum of ratios). Depends on base, store, model, calc/cube, calc/formula. */
#ifndef KFQ_FIGURE_H
#define KFQ_FIGURE_H

#include <stdint.h>

#include "base/dec.h"
#include "base/period.h"
#include "calc/cube.h"
#include "model/indicator.h"
#include "model/unit.h"
#include "store/db.h"

enum figure_has {
	FIG_VALUE = 1 << 0, FIG_YTD = 1 << 1, FIG_PRIOR = 1 << 2, FIG_GROWTH = 1 << 3,
	FIG_CGROWTH = 1 << 4, FIG_TARGET = 1 << 5, FIG_COMPLETION = 1 << 6, FIG_TIMEPROP = 1 << 7,
	FIG_SHARE = 1 << 8, FIG_RANK = 1 << 9, FIG_PRIOR_YTD = 1 << 10, FIG_YTD_GROWTH = 1 << 11,
	FIG_YTD_CGROWTH = 1 << 12, FIG_COVERAGE = 1 << 13,
	FIG_TARGET_OWN = 1 << 14,   /* with FIG_TARGET: the unit's own target, not its children's sum */
};

struct figure {
	unsigned has;          /* enum figure_has bits: what has a value */
	dec value;             /* the period's value */
	dec ytd;               /* year to date at the period's end */
	dec prior;             /* the same period last year */
	dec prior_ytd;         /* year to date at the same month last year */
	int64_t growth;        /* tenths of a percent: value on prior */
	int64_t cgrowth;       /* value on prior of this year's scope */
	int64_t ytd_growth;    /* ytd on prior_ytd */
	int64_t ytd_cgrowth;
	dec target;            /* the annual target */
	int64_t completion;    /* ytd ÷ target, tenths of a percent */
	int64_t elapsed;       /* share of the year elapsed, tenths of a percent */
	int64_t timeprop;      /* completion ÷ elapsed share, tenths of a percent */
	int64_t share;         /* value ÷ parent's value, tenths */
	int rank;              /* 1 = largest value among siblings */
	int nsiblings;
	/* Coverage (FIG_COVERAGE): of the units expected to report by the
	 * period's last month, how many the value sums (reported) and how
	 * many the year to date sums; fewer than expected: a partial figure
	 * (cube_coverage). A formula's is that of its first partial input (as
	 * the formula reads it: prior, ytd, prev), else its first input's. */
	uint32_t expected, reported, ytd_reported;
};

struct figure_ctx {
	struct kfq_db *db;
	const struct unit_set *units;
	const struct indicator_set *inds;
	struct cube *cache[12];   /* recently built cubes */
	int next;
	struct {                  /* targets of one indicator-year, per unit */
		const struct indicator *ind;
		int year;
		dec *v;
		unsigned char *st;     /* 0 not yet, 1 its own target, 2 none, 3 its children's sum */
	} tc;
	int depth;                /* formula nesting, against cycles */
	int partial_ratios;       /* 1: growth and completion of partial figures too */
	int whole;                /* 1: cubes read from all the observations in one pass,
	                             not from stored roll-ups with each leaf read alone
	                             (for a caller about to read most leaves) */
};

void figure_ctx_init(struct figure_ctx *fc, struct kfq_db *db, const struct unit_set *units,
                     const struct indicator_set *inds);
void figure_ctx_release(struct figure_ctx *fc);

/* The value of indicator ind at unit u over months [first, last] of year,
 * counted over the units in scope in scope_year. Returns 1 with *v, 0 for
 * no value, -1 on error. */
int figure_value(struct figure_ctx *fc, size_t ind, size_t u, int year, int first, int last,
                 int scope_year, dec *v, struct kfq_err *err);

/* The months a formula's period function reads (enum formula_fn bits):
 * [first, last] of year moved to the previous period (prev), stretched to
 * January (ytd), a year back (prior), in that order. */
void figure_shift(unsigned fn, int *year, int *first, int *last);

/* The share of the year elapsed at the end of month `last` (1 to 12), in
 * tenths of a percent, rounded: what completion is held against (3 months:
 * 250, 8 months: 667). */
int64_t figure_elapsed_tenths(int last);

/* Coverage of the value of ind at u over [first, last] of year (see
 * cube_coverage; a formula's: see struct figure). */
int figure_coverage(struct figure_ctx *fc, size_t ind, size_t u, int year, int first, int last,
                    uint32_t *reported, uint32_t *expected, struct kfq_err *err);

/* All the figures of (ind, u, p). A partial figure (fewer units reported
 * than expected) compares an incomplete total with a complete one, so its
 * growth (and, for the year to date, its completion and 序时进度) is
 * withheld unless fc->partial_ratios is set; the coverage says why. So is
 * the value of a formula of partial inputs unless it is a sum of them
 * (formula_degree 1): a ratio or a growth of a partial total. A formula's
 * growth is computed from its values before they are rounded to its
 * decimals. The share of the parent is given for sums only. */
int figure_get(struct figure_ctx *fc, size_t ind, size_t u, const struct period *p,
               struct figure *f, struct kfq_err *err);

#endif
