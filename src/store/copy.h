/* copy.h: a whole kfq database copied into a new, empty one, either way
 * between SQLite and PostgreSQL (kfq copy --from DB --to DB). Depends on
 * store/db. */
#ifndef KFQ_COPY_H
#define KFQ_COPY_H

#include <stddef.h>
#include <stdint.h>

#include "store/db.h"

struct copy_result {
	size_t n;                   /* tables */
	const char *const *table;   /* their names (the schema's) */
	int64_t *rows;              /* rows copied per table */
	int64_t total;
};

/* Copy every table of from (the history, the import log and the stored
 * runs included) into to, which must hold no data, in one transaction on
 * to (all or nothing) and from one consistent reading of from; the copy is
 * checked to hold as many rows per table as the source. Both are at the
 * same schema version (db_open migrates them). res is released with
 * copy_result_release, also after a failure. */
int db_copy(const struct kfq_ctx *cx, struct kfq_db *from, struct kfq_db *to,
            struct copy_result *res, struct kfq_err *err);
void copy_result_release(struct copy_result *r);

#endif
