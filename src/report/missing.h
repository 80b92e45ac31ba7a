/* missing.h: who has not reported (未报): for a period, the units under a
 * unit that were expected to report an indicator by the period's last
 * month and have no value for it (see cube_coverage), and those that
 * reported it last year but nothing this year by that month; and who
 * reported late (迟报): a unit whose value for the period's last month was
 * first filed after the deadline, the end (local time) of day N of the
 * month after it (10 by default). What `kfq missing` prints; the coverage
 * columns of `kfq show` and `kfq bulletin` count the same units (a late
 * filer has reported). Depends on base, store, model, calc and
 * report/grid, report/history_grid (local time). */
#ifndef KFQ_MISSING_H
#define KFQ_MISSING_H

#include "base/period.h"
#include "model/model.h"
#include "report/grid.h"

struct missing_opts {
	struct period period;      /* the span whose values are looked for */
	size_t unit;               /* index in the model's units: its subtree */
	const char *indicator;     /* one indicator's code, NULL: every stored one */
	int names;                 /* names for people (the filing time local), else codes
	                              (the filing time as stored, UTC) */
	int deadline_day;          /* a value first filed after the end of this day of the
	                              next month is late (MISSING_DEADLINE_DAY unless the
	                              user says otherwise) */
	int tz_minutes;            /* local time, minutes east of UTC ... */
	int tz_given;              /* ... when set; else Beijing time, +08:00 */
};

/* The 统计报表 deadline when none is given: the 10th of the next month. */
#define MISSING_DEADLINE_DAY 10

/* Fill g (initialised here when the call succeeds; the caller releases
 * it): one row per unit and indicator missing or late, in unit order.
 * *nmissing is the number of rows. Refused: an unknown indicator, a formula
 * indicator (it has no reports of its own), a deadline day outside 1-31
 * (a day past the month's end is its last day). */
int missing_build(struct kfq_db *db, const struct kfq_model *m, const struct missing_opts *o,
                  struct grid *g, size_t *nmissing, struct kfq_err *err);

#endif
