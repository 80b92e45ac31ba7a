/* export.h: the contents of the database in the formats import reads, so
 * that export then import changes nothing (values exact, in each
 * indicator's measure). Depends on base, store, model, report/grid. */
#ifndef KFQ_EXPORT_H
#define KFQ_EXPORT_H

#include "report/grid.h"
#include "store/db.h"

/* Fill g (initialised here; the caller releases it) with every row of kind
 * ("units", "indicators", "groups", "data", "targets"). */
int export_build(struct kfq_db *db, const char *kind, struct grid *g, struct kfq_err *err);

#endif
