/* obs.c: writing observations, targets and group memberships with their
 * history (see obs.h; the look-ups are obs_read.c). Depends on base, store, model/unit and
 * model/indicator. */
#include "model/obs.h"
#include "model/obs_part.h"
#include "base/xalloc.h"
#include "store/history.h"
#include "store/schema.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void obs_writer_init(struct obs_writer *w, struct kfq_db *db, int64_t import_id)
{
	memset(w, 0, sizeof *w);
	w->db = db;
	w->import_id = import_id;
	w->seen = obs_seen_new();
	w->fresh = obs_fresh_new();
	w->pending = xcalloc(1, sizeof *w->pending);
	w->held = xcalloc(1, sizeof *w->held);
	w->year = obs_year_new();
}

int obs_flush(struct obs_writer *w, struct kfq_err *err)
{
	static const char *const COLS[] = { "ind_id", "year", "unit_id", "last", "first", "value",
	                                    "import_id", "line", "first_import" };
	struct obs_pending *p = w->pending;
	struct kfq_bulk *b;
	struct kfq_stmt *st;
	if (w->year && obs_year_flush(w, err) < 0)
		return -1;
	if (w->held && w->held->n && obs_held_resolve(w, err) < 0)
		return -1;
	if (!p || !p->n)
		return 0;
	if (db_bulk_begin(w->db, "obs_ytd", COLS, 9, &b, &st, err) < 0)
		return -1;
	for (size_t i = 0; i < p->n; i++) {
		const struct obs_row *r = &p->v[i];
		st_bind_i64(st, 1, r->ind);
		st_bind_int(st, 2, r->year);
		st_bind_i64(st, 3, r->unit);
		st_bind_int(st, 4, r->last);
		st_bind_int(st, 5, r->first);
		st_bind_i64(st, 6, r->value);
		if (w->import_id) {
			st_bind_i64(st, 7, w->import_id);
			st_bind_i64(st, 8, r->line);
			st_bind_i64(st, 9, w->import_id);
		} else {
			st_bind_null(st, 7);
			st_bind_null(st, 8);
			st_bind_null(st, 9);
		}
		if (bulk_row(b, err) < 0) {
			struct kfq_err ignored;
			bulk_end(b, &ignored);
			p->n = 0;
			return kfq_err_prefix(err, "writing observations");
		}
	}
	p->n = 0;
	return bulk_end(b, err) < 0 ? kfq_err_prefix(err, "writing observations") : 0;
}

/* Whether the value of (ind, u, p) is given for the first time in this
 * batch: an import gives each key once, whatever the store holds (a row
 * equal to the stored value counts as given, so that a later row with
 * another value cannot win silently). */
static int value_once(struct obs_writer *w, const struct indicator *ind, const struct unit *u,
                      const struct period *p, size_t line, struct kfq_err *err)
{
	uint64_t a = ((uint64_t)ind->id << 16) | (uint64_t)p->year;
	uint64_t b = (UINT64_C(5) << 60) | ((uint64_t)u->id << 8) | ((uint64_t)p->last << 4) |
	             (uint64_t)p->first;
	size_t prev = obs_seen_check(w->seen, a, b, line ? line : 1);
	if (prev == (size_t)-1 || (prev && !w->import_id))
		return kfq_error(err, "the same unit, indicator and period is given twice");
	if (prev) {
		char per[32];
		period_format(p, per, sizeof per);
		return kfq_error(err, "the same unit, indicator and period is already given on line %zu: "
		                 "%s %s %s", prev, u->code, ind->code, per);
	}
	return 0;
}

/* The same for a target (or a project's annual plan) of (ind, u, year). */
static int target_once(struct obs_writer *w, const struct indicator *ind, const struct unit *u,
                       int year, size_t line, struct kfq_err *err)
{
	uint64_t a = ((uint64_t)ind->id << 16) | (uint64_t)year;
	uint64_t b = (UINT64_C(6) << 60) | (uint64_t)u->id;
	size_t prev = obs_seen_check(w->seen, a, b, line ? line : 1);
	if (prev == (size_t)-1)
		return kfq_error(err, "the same target is given twice");
	if (prev)
		return kfq_error(err, "the same target is already given on line %zu: %s %s %d", prev,
		                 u->code, ind->code, year);
	return 0;
}

/* Hold a new value of a fresh indicator-year for obs_flush, catching a key
 * given twice in the batch (first line named). */
static int hold(struct obs_writer *w, const struct indicator *ind, const struct unit *u,
                const struct period *p, dec value, size_t line, struct kfq_err *err)
{
	if (!w->import_id && value_once(w, ind, u, p, line, err) < 0)
		return -1;   /* (an import's values were checked as they came) */
	obs_pend(w, ind, u, p, value, line);
	return w->pending->n >= OBS_BULK ? obs_flush(w, err) : 0;
}

void obs_pend(struct obs_writer *w, const struct indicator *ind, const struct unit *u,
              const struct period *p, dec value, size_t line)
{
	struct obs_pending *q = w->pending;
	XGROW(q->v, q->n + 1, q->cap);
	q->v[q->n++] = (struct obs_row){ ind->id, u->id, value, (int64_t)line, p->year, p->last,
	                                 p->first };
}

void obs_writer_release(struct obs_writer *w)
{
	obs_seen_free(w->seen);
	w->seen = NULL;
	obs_fresh_free(w->fresh);
	w->fresh = NULL;
	if (w->pending)
		free(w->pending->v);
	free(w->pending);
	w->pending = NULL;
	obs_held_release(w);
	obs_year_free(w->year);
	w->year = NULL;
}

size_t obs_seen_once(struct obs_writer *w, const char *key, size_t line)
{
	uint64_t a = UINT64_C(1469598103934665603), b = UINT64_C(0x84222325CBF29CE4);
	size_t prev;
	for (const char *k = key; *k; k++) {
		a = (a ^ (unsigned char)*k) * UINT64_C(1099511628211);
		b = (b ^ (unsigned char)*k) * UINT64_C(0x100000001B3) + UINT64_C(0x9E3779B97F4A7C15);
	}
	prev = obs_seen_check(w->seen, a, b ^ (UINT64_C(3) << 60), line ? line : 1);
	return prev == (size_t)-1 ? 1 : prev;
}

/* A group membership given twice in one batch (memberships carry no line
 * of their own in the store). */
static int duplicate(struct obs_writer *w, uint64_t a, uint64_t b, size_t line, struct kfq_err *err)
{
	size_t prev = obs_seen_check(w->seen, a, b, line);
	if (!prev)
		return 0;
	if (prev == (size_t)-1)
		return kfq_error(err, "given twice in this file");
	return kfq_error(err, "the same group membership is already given on line %zu", prev);
}

/* "file:line" for history, or NULL when the value has no source file. */
/* A change of old to value that puts back what an earlier change of value
 * to old replaced (the latest such, from history): a warning line naming
 * it. */
static int reverted(struct obs_writer *w, const struct indicator *ind, const struct unit *u,
                    const char *per, dec old, dec value, size_t line, struct kfq_err *err)
{
	static const char SQL[] =
		"SELECT at, who, source FROM history WHERE indicator = ? AND unit = ? AND period = ? "
		"AND kind = 'obs' AND old_value = ? AND new_value = ? ORDER BY id DESC LIMIT 1";
	struct kfq_stmt *st;
	char a[64], b[64];
	int rc;
	if (db_cached(w->db, SQL, &st, err) < 0)
		return -1;
	st_bind_text(st, 1, ind->code);
	st_bind_text(st, 2, u->code);
	st_bind_text(st, 3, per);
	st_bind_i64(st, 4, value);
	st_bind_i64(st, 5, old);
	if ((rc = st_step(st)) == ST_ROW) {
		const char *at = st_text(st, 0), *who = st_text(st, 1), *src = st_text(st, 2);
		dec_format(old, ind->measure->shift, -1, a, sizeof a);
		dec_format(value, ind->measure->shift, -1, b, sizeof b);
		sbuf_addf(w->reverts, "%s:%zu: warning: %s %s %s: %s → %s %s puts back the value that "
		          "the change of %s by %s%s%s%s replaced (%s → %s)\n", w->file ? w->file : "-",
		          line, u->code, ind->code, per, a, b, ind->measure->name, at ? at : "?",
		          who ? who : "?", src ? " (" : "", src ? src : "", src ? ")" : "", b, a);
		sbuf_addf(w->reverts_zh, "%s:%zu: 警告：%s %s %s：%s → %s %s，恢复了 %s 由 %s%s%s%s 修改前的"
		          "数值（%s → %s）\n", w->file ? w->file : "-", line, u->code, ind->code, per, a, b,
		          ind->measure->name, at ? at : "?", who ? who : "?", src ? "（" : "",
		          src ? src : "", src ? "）" : "", b, a);
		w->nreverts++;
	}
	st_reset(st);
	return rc == ST_ERROR ? db_fault(w->db, err, "reading history") : 0;
}

static const char *source_of(const struct obs_writer *w, size_t line, char *buf, size_t n)
{
	if (!w->file)
		return NULL;
	if (line == 0)   /* not from a file: the source's name alone ("web") */
		return w->file;
	snprintf(buf, n, "%s:%zu", w->file, line);
	return buf;
}

/* The key is already in the store: given earlier in this same import
 * (a duplicate, named with its line) or from before (*dup = 0). */
static int check_dup(struct obs_writer *w, struct kfq_stmt *st, int col, const char *what,
                     const char *what_zh, struct kfq_err *err)
{
	if (!w->import_id || st_null(st, col) ||
	    st_i64(st, col) != w->import_id)
		return 0;
	return kfq_error(err, "the same %s is already given on line %lld", what,
	                 (long long)st_i64(st, col + 1)),
	       kfq_err_zh(err, "同一%s已在第 %lld 行给出", what_zh, (long long)st_i64(st, col + 1));
}

/* The key of (ind, u, p) bound to parameters 1-5 of st. */
static void bind_key(struct kfq_stmt *st, const struct indicator *ind, const struct unit *u,
                     const struct period *p)
{
	st_bind_i64(st, 1, ind->id);
	st_bind_int(st, 2, p->year);
	st_bind_i64(st, 3, u->id);
	st_bind_int(st, 4, p->last);
	st_bind_int(st, 5, p->first);
}

/* The value and, from an import, its import and line: parameters 6-8. */
static void bind_value(struct kfq_stmt *st, const struct obs_writer *w, dec value, size_t line)
{
	st_bind_i64(st, 6, value);
	if (w->import_id) {
		st_bind_i64(st, 7, w->import_id);
		st_bind_i64(st, 8, (int64_t)line);
	}
}

/* History's entry for a value added (old NULL) or changed, with the
 * warning when a change puts back what an earlier change replaced. */
int obs_remember(struct obs_writer *w, const struct indicator *ind, const struct unit *u,
                 const struct period *p, const dec *old, dec value, size_t line,
                 struct kfq_err *err)
{
	char per[32], source[600];
	struct history_entry h = { .kind = "obs", .unit = u->code, .indicator = ind->code,
	                           .period = per, .old_value = old, .new_value = &value,
	                           .note = w->note,
	                           .source = source_of(w, line, source, sizeof source) };
	period_format(p, per, sizeof per);
	if (old && w->reverts && reverted(w, ind, u, per, *old, value, line, err) < 0)
		return -1;
	return history_add(w->db, &h, err);
}

int obs_change(struct obs_writer *w, const struct indicator *ind, const struct unit *u,
               const struct period *p, dec old, dec value, size_t line, struct kfq_err *err)
{
	static const char SQL[] = "UPDATE obs_ytd SET value = ?6, import_id = ?7, line = ?8 WHERE "
	                          "ind_id = ?1 AND year = ?2 AND unit_id = ?3 AND last = ?4 AND "
	                          "first = ?5";
	struct kfq_stmt *st;
	int rc;
	if (p->first == p->last) {
		if (obs_month_write(w, ind, u, p->year, p->last, value, line, err) < 0)
			return -1;
		return obs_remember(w, ind, u, p, &old, value, line, err);
	}
	if (db_cached(w->db, SQL, &st, err) < 0)
		return -1;
	bind_key(st, ind, u, p);
	bind_value(st, w, value, line);
	if ((rc = st_step(st)) != ST_DONE)
		db_fault(w->db, err, "writing an observation");
	st_reset(st);
	if (rc != ST_DONE)
		return -1;
	/* a change keeps the old value */
	return obs_remember(w, ind, u, p, &old, value, line, err);
}

/* Step st, bound to a key's look-up (value, import, line): *had and *old
 * the stored value when it has one (a NULL value is none), a duplicate of
 * this import refused naming its line; st reset. */
static int stored_of(struct obs_writer *w, struct kfq_stmt *st, int *had, dec *old,
                     struct kfq_err *err)
{
	static const char WHAT[] = "unit, indicator and period", WHAT_ZH[] = "单位、指标和期间";
	int rc = st_step(st);
	*had = 0;
	if (rc == ST_ROW && !st_null(st, 0)) {
		*had = 1;
		*old = st_i64(st, 0);
		if (check_dup(w, st, 1, WHAT, WHAT_ZH, err) < 0) {
			st_reset(st);
			return -1;
		}
	} else if (rc == ST_ERROR) {
		db_fault(w->db, err, "reading an observation");
		st_reset(st);
		return -1;
	}
	st_reset(st);
	return 0;
}

#define MONTH_OF(c, m) " WHEN " #m " THEN " #c #m
#define MONTH_V(m) MONTH_OF(v, m)
#define MONTH_I(m) MONTH_OF(i, m)
#define MONTH_L(m) MONTH_OF(l, m)

/* A month's value outside an import's bulk write (a clerk's entry, a
 * project's file): looked up, then added or changed as it comes. */
static int month_put(struct obs_writer *w, const struct indicator *ind, const struct unit *u,
                     const struct period *p, dec value, size_t line, enum put_result *res,
                     struct kfq_err *err)
{
	static const char SQL_GET[] = "SELECT CASE ?4" SCHEMA_M12(MONTH_V) " END, CASE ?4"
	                              SCHEMA_M12(MONTH_I) " END, CASE ?4" SCHEMA_M12(MONTH_L)
	                              " END FROM obs_m WHERE ind_id = ?1 AND year = ?2 AND "
	                              "unit_id = ?3";
	struct kfq_stmt *st;
	int had = 0;
	dec old = 0;

	if (w->bulk && w->resolved && w->import_id)
		return obs_year_put(w, ind, u, p, value, line, res, err);
	if (w->import_id && value_once(w, ind, u, p, line, err) < 0)
		return -1;
	if (db_cached(w->db, SQL_GET, &st, err) < 0)
		return -1;
	st_bind_i64(st, 1, ind->id);
	st_bind_int(st, 2, p->year);
	st_bind_i64(st, 3, u->id);
	st_bind_int(st, 4, p->last);
	if (stored_of(w, st, &had, &old, err) < 0)
		return -1;
	if (had && old == value) {
		*res = PUT_SAME;
		return 0;
	}
	if (had) {
		if (obs_change(w, ind, u, p, old, value, line, err) < 0)
			return -1;
		*res = PUT_CHANGED;
		return 0;
	}
	if (obs_month_write(w, ind, u, p->year, p->last, value, line, err) < 0)
		return -1;
	*res = PUT_ADDED;
	/* a value added outside an import (which its import_log records) keeps
	 * who added it */
	return w->import_id ? 0 : obs_remember(w, ind, u, p, NULL, value, line, err);
}

int obs_put(struct obs_writer *w, const struct indicator *ind, const struct unit *u,
            const struct period *p, dec value, size_t line, enum put_result *res,
            struct kfq_err *err)
{
	/* values of several months (a year to date, a quarter): obs_ytd */
	static const char SQL_GET[] = "SELECT value, import_id, line FROM obs_ytd WHERE ind_id = ? "
	                              "AND year = ? AND unit_id = ? AND last = ? AND first = ?";
	/* first_import: the import that first filed the value (late filers,
	 * report/missing.c), never changed by an update */
	static const char SQL_INS[] = "INSERT INTO obs_ytd(ind_id, year, unit_id, last, first, value, "
	                              "import_id, line, first_import) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
	                              "?7, ?8, ?7)";
	static const char WHAT[] = "unit, indicator and period", WHAT_ZH[] = "单位、指标和期间";
	struct kfq_stmt *st;
	int is_new, had = 0, rc, dup;
	dec old = 0;

	if (ind->formula)
		return kfq_error(err, "indicator \"%s\" is computed from its formula (%s); it takes "
		                 "no data", ind->code, ind->formula_text);
	if (ind->derived && w->import_id)
		return kfq_error(err, "indicator \"%s\" is counted by kfq from the project records; "
		                 "it takes no data", ind->code);
	if (p->first == p->last)
		return month_put(w, ind, u, p, value, line, res, err);
	if (w->import_id && value_once(w, ind, u, p, line, err) < 0)
		return -1;
	obs_fresh_spans(w, ind->id, p->year);
	if ((is_new = obs_fresh_is_new(w, ind->id, p->year, err)) < 0)
		return -1;
	if (!is_new && w->bulk && w->resolved && w->import_id &&
	    obs_fresh_after(w, ind->id, p->year, p->last)) {
		/* ending after every stored value of its indicator-year: new */
		obs_pend(w, ind, u, p, value, line);
		*res = PUT_ADDED;
		return w->pending->n >= OBS_BULK ? obs_flush(w, err) : 0;
	}
	if (!is_new && w->bulk && w->resolved && w->import_id) {
		/* an indicator-year with values: held, looked up with a batch of
		 * others and answered through w->resolved (obs_held.c) */
		obs_held_add(w, ind, u, p, value, line);
		*res = PUT_HELD;
		return w->held->n >= OBS_BULK ? obs_flush(w, err) : 0;
	}
	if (!is_new) {
		if (db_cached(w->db, SQL_GET, &st, err) < 0)
			return -1;
		bind_key(st, ind, u, p);
		if (stored_of(w, st, &had, &old, err) < 0)
			return -1;
		if (had && old == value) {
			*res = PUT_SAME;
			return 0;
		}
	} else if (w->bulk) {
		/* a fresh indicator-year: held, written in bulk (obs_flush) */
		if (hold(w, ind, u, p, value, line, err) < 0)
			return -1;
		*res = PUT_ADDED;
		return 0;
	}
	if (had) {
		if (obs_change(w, ind, u, p, old, value, line, err) < 0)
			return -1;
		*res = PUT_CHANGED;
		return 0;
	}
	if (db_cached(w->db, SQL_INS, &st, err) < 0)
		return -1;
	bind_key(st, ind, u, p);
	bind_value(st, w, value, line);
	rc = st_step(st);
	dup = rc == ST_ERROR && st_unique_violated(st);
	if (rc != ST_DONE && !dup)
		db_fault(w->db, err, "writing an observation");
	st_reset(st);
	if (dup) {
		/* In a fresh indicator-year, only this import can have written it. */
		if (db_cached(w->db, SQL_GET, &st, err) < 0)
			return -1;
		bind_key(st, ind, u, p);
		rc = st_step(st);
		rc = rc == ST_ROW ? check_dup(w, st, 1, WHAT, WHAT_ZH, err)
		     : rc == ST_ERROR ? db_fault(w->db, err, "reading an observation") : 0;
		st_reset(st);
		if (rc < 0)
			return -1;
		return kfq_error(err, "the same unit, indicator and period is given twice");
	}
	if (rc != ST_DONE)
		return -1;
	*res = PUT_ADDED;
	/* a value added outside an import (which its import_log records) keeps
	 * who added it */
	return w->import_id ? 0 : obs_remember(w, ind, u, p, NULL, value, line, err);
}

int target_put(struct obs_writer *w, const struct indicator *ind, const struct unit *u, int year,
               dec value, size_t line, enum put_result *res, struct kfq_err *err)
{
	static const char SQL_GET[] = "SELECT value, import_id, line FROM target WHERE ind_id = ? "
	                              "AND year = ? AND unit_id = ?";
	static const char SQL_PUT[] = "INSERT INTO target(ind_id, year, unit_id, value, import_id, "
	                              "line) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
	                              "ON CONFLICT(ind_id, year, unit_id) DO UPDATE "
	                              "SET value = ?4, import_id = ?5, line = ?6";
	struct kfq_stmt *st;
	int had = 0, rc;
	dec old = 0;

	if (w->import_id && target_once(w, ind, u, year, line, err) < 0)
		return -1;
	if (db_cached(w->db, SQL_GET, &st, err) < 0)
		return -1;
	st_bind_i64(st, 1, ind->id);
	st_bind_int(st, 2, year);
	st_bind_i64(st, 3, u->id);
	if ((rc = st_step(st)) == ST_ROW) {
		had = 1;
		old = st_i64(st, 0);
		if (check_dup(w, st, 1, "target", "目标", err) < 0) {
			st_reset(st);
			return -1;
		}
	} else if (rc == ST_ERROR) {
		db_fault(w->db, err, "reading a target");
		st_reset(st);
		return -1;
	}
	st_reset(st);
	if (had && old == value) {
		*res = PUT_SAME;
		return 0;
	}
	if (db_cached(w->db, SQL_PUT, &st, err) < 0)
		return -1;
	st_bind_i64(st, 1, ind->id);
	st_bind_int(st, 2, year);
	st_bind_i64(st, 3, u->id);
	st_bind_i64(st, 4, value);
	if (w->import_id) {
		st_bind_i64(st, 5, w->import_id);
		st_bind_i64(st, 6, (int64_t)line);
	}
	if (st_step(st) != ST_DONE)
		return db_fault(w->db, err, "writing a target");
	st_reset(st);
	*res = had ? PUT_CHANGED : PUT_ADDED;
	/* a change keeps the old value; a target set outside an import (which
	 * its import_log records) keeps who set it and why */
	if (had || !w->import_id) {
		char per[16], source[600];
		struct history_entry h = { .kind = "target", .unit = u->code, .indicator = ind->code,
		                           .period = per, .old_value = had ? &old : NULL,
		                           .new_value = &value, .note = w->note,
		                           .source = source_of(w, line, source, sizeof source) };
		snprintf(per, sizeof per, "%04d", year);
		return history_add(w->db, &h, err);
	}
	return 0;
}

int group_put(struct obs_writer *w, const char *grp, int year, const struct unit *u,
              size_t line, enum put_result *res, struct kfq_err *err)
{
	static const char SQL[] = "INSERT INTO unit_group(grp, year, unit_id) VALUES (?, ?, ?) "
	                          "ON CONFLICT DO NOTHING";
	struct kfq_stmt *st;
	uint64_t h = 1469598103934665603u;

	for (const char *c = grp; *c; c++)
		h = (h ^ (unsigned char)*c) * 1099511628211u;
	if (duplicate(w, h, ((uint64_t)u->id << 16) | (uint64_t)year, line, err) < 0)
		return -1;
	if (db_cached(w->db, SQL, &st, err) < 0)
		return -1;
	st_bind_text(st, 1, grp);
	st_bind_int(st, 2, year);
	st_bind_i64(st, 3, u->id);
	if (st_step(st) != ST_DONE)
		return db_fault(w->db, err, "writing a group membership");
	*res = st_changes(st) ? PUT_ADDED : PUT_SAME;
	st_reset(st);
	return 0;
}
