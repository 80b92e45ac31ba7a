/* history_grid.h: the change history (store/history.h) as a grid, values
 * in each indicator's measure: what `kfq history` prints and
 * `/api/v1/history` returns, built once here. Depends on base, store,
 * model and report/grid. */
#ifndef KFQ_HISTORY_GRID_H
#define KFQ_HISTORY_GRID_H

#include "model/model.h"
#include "report/grid.h"
#include "store/history.h"

/* Fill g (initialised here when the call succeeds) with the entries of q,
 * newest first, each value's measure beside it; headings in Chinese when
 * heads is set, else the keys. For people (heads) the time is local,
 * tz_minutes east of UTC (480: Asia/Shanghai, which keeps no summer time),
 * "2017-09-05 16:00:00"; for scripts (no heads) it stays as stored, UTC
 * ("2017-09-05T08:00:00Z"). */
int history_build(struct kfq_db *db, const struct kfq_model *m, const struct history_query *q,
                  int heads, int tz_minutes, struct grid *g, struct kfq_err *err);
/* The offset of KFQ_TZ's text ("+08:00", "-05:30", "+8"), in minutes east
 * of UTC: 0 with *minutes, or -1 when it is not one. */
int history_tz_parse(const char *s, int *minutes);
/* A stored time "2017-09-05T08:00:00Z" at tz_minutes east of UTC:
 * "2017-09-05 16:00:00"; anything else as it is. */
void history_local_time(const char *at, int tz_minutes, char *buf, size_t n);

#endif
