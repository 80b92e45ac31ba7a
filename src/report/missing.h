/* missing.h: who has not reported (未报): for a period, the units under a
 * unit that were expected to report an indicator by the period's last
 * month and have no value for it (see cube_coverage), and those that
 * reported it last year but nothing this year by that month. What
 * `kfq missing` prints; the coverage columns of `kfq show` and
 * `kfq bulletin` count the same units. Depends on base, store, model, calc
 * and report/grid. */
#ifndef KFQ_MISSING_H
#define KFQ_MISSING_H

#include "base/period.h"
#include "model/model.h"
#include "report/grid.h"

struct missing_opts {
	struct period period;      /* the span whose values are looked for */
	size_t unit;               /* index in the model's units: its subtree */
	const char *indicator;     /* one indicator's code, NULL: every stored one */
	int names;                 /* names for people, else codes */
};

/* Fill g (initialised here when the call succeeds; the caller releases
 * it): one row per unit and indicator missing, in unit order. *nmissing is
 * the number of rows. Refused: an unknown indicator, a formula indicator
 * (it has no reports of its own). */
int missing_build(struct kfq_db *db, const struct kfq_model *m, const struct missing_opts *o,
                  struct grid *g, size_t *nmissing, struct kfq_err *err);

#endif
