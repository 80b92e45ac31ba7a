/* target_grid.h: a unit's annual targets beside the year to date (目标管理):
 * for each headline indicator and each indicator with a target at the
 * unit (its own, or its children's sum), the target and whose it is, the
 * year to date at the indicator's latest month with data in the year, the
 * completion and 序时进度: the figures of calc/figure, as kfq bulletin and
 * kfq show give them. What `kfq target list` prints and `GET
 * /api/v1/targets` returns, built once here. Depends on base, store,
 * model, calc and report/grid. */
#ifndef KFQ_TARGET_GRID_H
#define KFQ_TARGET_GRID_H

#include "model/model.h"
#include "report/grid.h"

struct target_opts {
	size_t unit;      /* index in the model's units */
	int year;
	int names;        /* units and indicators by name, Chinese headings (for people) */
	int versions;     /* a column with the version of the unit's own target ("v…", "none"),
	                     what a writer sends back (io/entry.h) */
};

/* Fill g (initialised here when the call succeeds; the caller releases it). */
int target_grid_build(struct kfq_db *db, const struct kfq_model *m, const struct target_opts *o,
                      struct grid *g, struct kfq_err *err);

#endif
