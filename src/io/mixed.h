/* mixed.h: a unit's totals over several months (1-8月, a quarter) against
 * its months filed one by one (io/import_mixed.c; docs/formats.md, "data"):
 * where both are known they must agree at the indicator's decimals. The
 * data import checks the totals and months it writes; a value entered
 * through the web (io/entry.c) the same way. Depends on base, store,
 * model. */
#ifndef KFQ_MIXED_H
#define KFQ_MIXED_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "base/period.h"
#include "model/indicator.h"
#include "model/unit.h"
#include "store/db.h"

/* Where a disagreement goes: report(ctx, line, e), line 0 when the value
 * has none (entered, or stored before). */
struct mixed_out {
	void (*report)(void *ctx, size_t line, const struct kfq_err *e);
	void *ctx;
};

/* Check indicator d of unit u in year: the rows written by import
 * import_id (0: by none; then the row of period *mine is the one just
 * written) against the others; each disagreement that involves one of them
 * is reported. 0, or -1 with err on a fault. */
int mixed_check(struct kfq_db *db, const struct indicator *d, const struct unit *u, int year,
                int64_t import_id, const struct period *mine, const struct mixed_out *o,
                struct kfq_err *err);

#endif
