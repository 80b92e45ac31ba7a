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
 * newest first; headings in Chinese when heads is set, else the keys. */
int history_build(struct kfq_db *db, const struct kfq_model *m, const struct history_query *q,
                  int heads, struct grid *g, struct kfq_err *err);

#endif
