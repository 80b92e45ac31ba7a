/* history.c: appending to the change history (see history.h). Reading it
 * is `kfq history` (src/cli/history.c). Depends on store/db. */
#include "store/history.h"

static const char SQL_ADD[] =
	"INSERT INTO history(at, who, kind, unit, indicator, period, old_value, new_value, note, source)"
	" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

static void bind_opt_dec(struct kfq_stmt *st, int i, const dec *v)
{
	if (v)
		st_bind_i64(st, i, *v);
	else
		st_bind_null(st, i);
}

int history_add(struct kfq_db *db, const struct history_entry *e, struct kfq_err *err)
{
	const struct kfq_ctx *cx = db_ctx(db);
	struct kfq_stmt *st;

	if (!cx)
		return kfq_fault(err, "%s: a change outside a transaction cannot be recorded in the "
		                 "history", db_name(db));
	if (db_cached(db, SQL_ADD, &st, err) < 0)
		return -1;
	st_bind_text(st, 1, cx->now);
	st_bind_text(st, 2, cx->who);
	st_bind_text(st, 3, e->kind);
	st_bind_text_copy(st, 4, e->unit);
	st_bind_text_copy(st, 5, e->indicator);
	st_bind_text_copy(st, 6, e->period);
	bind_opt_dec(st, 7, e->old_value);
	bind_opt_dec(st, 8, e->new_value);
	st_bind_text_copy(st, 9, e->note);
	st_bind_text_copy(st, 10, e->source);
	if (st_step(st) != ST_DONE)
		return db_fault(db, err, "writing history");
	st_reset(st);
	return 0;
}
