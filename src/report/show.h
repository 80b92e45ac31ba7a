/* show.h: the figures of one indicator for a unit (and each of its
 * children) in a period, as a grid: value, year to date, same period last
 * year, growth, comparable growth, target, completion, rank, share. What
 * `kfq show` prints and `/api/v1/figures/INDICATOR` returns, built once
 * here so that the two cannot disagree. Depends on base, model, calc and
 * report/grid. */
#ifndef KFQ_SHOW_H
#define KFQ_SHOW_H

#include "base/period.h"
#include "base/sbuf.h"
#include "calc/figure.h"
#include "model/model.h"
#include "report/grid.h"

struct show_opts {
	const char *indicator;     /* the indicator's code */
	size_t unit;               /* index in the model's units */
	struct period period;      /* year 0: the year to date at the latest month with data */
	const char *measure;       /* show values in this measure (万元 ...), NULL: the indicator's */
	int children;              /* also a row for each child unit */
	int names;                 /* units and indicators by name (for people), else by code */
	int partial_ratios;        /* growth and completion of partial figures too */
	struct sbuf *notes;        /* when set: a line for each figure shown that was revised
	                              since it was published (quality/publish.h) */
	int zh_notes;              /* those lines in Chinese */
};

/* Fill g (initialised here when the call succeeds; the caller releases
 * it). Refused: an unknown indicator, a measure that does not fit it, no
 * data yet when no period is given. */
int show_build(struct kfq_db *db, const struct kfq_model *m, const struct show_opts *o,
               struct grid *g, struct kfq_err *err);

#endif
