/* history.c: appending to the change history (see history.h). Reading it
 * is `kfq history` (src/cli/history.c). Depends on store/db. */
#include "store/history.h"

static const char SQL_ADD[] =
	"INSERT INTO history(at, who, kind, unit, indicator, period, old_value, new_value, note, source)"
	" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

static void bind_opt_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

static void bind_opt_dec(sqlite3_stmt *st, int i, const dec *v)
{
	if (v)
		sqlite3_bind_int64(st, i, *v);
	else
		sqlite3_bind_null(st, i);
}

int history_add(struct kfq_db *db, const struct history_entry *e, struct kfq_err *err)
{
	sqlite3_stmt *st;
	char now[64];

	if (db_cached(db, SQL_ADD, &st, err) < 0)
		return -1;
	db_now(now, sizeof now);
	sqlite3_bind_text(st, 1, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, db->who, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, e->kind, -1, SQLITE_STATIC);
	bind_opt_text(st, 4, e->unit);
	bind_opt_text(st, 5, e->indicator);
	bind_opt_text(st, 6, e->period);
	bind_opt_dec(st, 7, e->old_value);
	bind_opt_dec(st, 8, e->new_value);
	bind_opt_text(st, 9, e->note);
	bind_opt_text(st, 10, e->source);
	if (sqlite3_step(st) != SQLITE_DONE)
		return db_fault(db, err, "writing history");
	sqlite3_reset(st);
	return 0;
}
