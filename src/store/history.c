/* history.c: appending to the change history and reading it back (see
 * history.h). Depends on store/db. */
#include "store/history.h"
#include "base/xalloc.h"

#include <stdlib.h>

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

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

int history_read(struct kfq_db *db, const struct history_query *q, struct history_list *out,
                 struct kfq_err *err)
{
	struct kfq_stmt *st;
	size_t cap = 0;
	int rc;

	out->v = NULL;
	out->n = 0;
	if (q->limit <= 0)
		return kfq_error(err, "limit: %ld is not a positive number of entries", q->limit);
	if (db_prepare(db, "SELECT at, who, kind, unit, indicator, period, old_value, new_value, "
	               "note, source FROM history WHERE (CAST(?1 AS TEXT) IS NULL OR unit = ?1) AND "
	               "(CAST(?2 AS TEXT) IS NULL OR indicator = ?2) AND "
	               "(CAST(?3 AS TEXT) IS NULL OR period = ?3) "
	               "ORDER BY id DESC LIMIT ?4", &st, err) < 0)
		return -1;
	st_bind_text(st, 1, q->unit);
	st_bind_text(st, 2, q->indicator);
	st_bind_text(st, 3, q->period);
	st_bind_i64(st, 4, q->limit);
	while ((rc = st_step(st)) == ST_ROW) {
		struct history_row *r;
		XGROW(out->v, out->n + 1, cap);
		r = &out->v[out->n++];
		r->at = dup_or_null(st_text(st, 0));
		r->who = dup_or_null(st_text(st, 1));
		r->kind = dup_or_null(st_text(st, 2));
		r->unit = dup_or_null(st_text(st, 3));
		r->indicator = dup_or_null(st_text(st, 4));
		r->period = dup_or_null(st_text(st, 5));
		r->has_old = !st_null(st, 6);
		r->old_value = r->has_old ? st_i64(st, 6) : 0;
		r->has_new = !st_null(st, 7);
		r->new_value = r->has_new ? st_i64(st, 7) : 0;
		r->note = dup_or_null(st_text(st, 8));
		r->source = dup_or_null(st_text(st, 9));
	}
	if (rc != ST_DONE)
		db_fault(db, err, "reading history");
	st_finalize(st);
	return rc == ST_DONE ? 0 : -1;
}

void history_list_release(struct history_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		struct history_row *r = &l->v[i];
		free(r->at);
		free(r->who);
		free(r->kind);
		free(r->unit);
		free(r->indicator);
		free(r->period);
		free(r->note);
		free(r->source);
	}
	free(l->v);
	l->v = NULL;
	l->n = 0;
}
