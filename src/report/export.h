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
/* Rows under the heading of a worksheet, at most. */
#define EXPORT_XLSX_ROWS ((size_t)1048575)

/* export_build, refused (-1 with err, g released) when kind has more than
 * max rows: only the first max + 1 are read. */
int export_build_max(struct kfq_db *db, const char *kind, size_t max, struct grid *g,
                     struct kfq_err *err);
/* The same rows written to out as they are read (f: GRID_CSV or GRID_JSON,
 * the bytes grid_write would write from export_build's grid), not held:
 * the province's 33 million values in the memory of a few. g (released
 * by the caller, also on failure) keeps the headings and, in g->streamed,
 * the count of rows written. A failure part way has written the rows
 * before it. */
int export_stream(struct kfq_db *db, const char *kind, enum grid_format f, FILE *out,
                  struct grid *g, struct kfq_err *err);

#endif
