/* lock.c: the months locked by approval and the derived figures they hold
 * (see lock.h). Depends on base, store, model. */
#include "model/lock.h"
#include "store/schema.h"
#include "base/sbuf.h"
#include "base/xalloc.h"
#include "model/indicator.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* approval.h's states, as the approval table stores them */
static const char *const STATE[] = { "entered", "submitted", "approved", "certified", NULL };
static const char *const STATE_ZH[] = { "填报", "已提交", "已审核", "已核定", NULL };

static int state_of(const char *s)
{
	for (int i = 0; STATE[i]; i++)
		if (strcmp(s, STATE[i]) == 0)
			return i;
	return 0;
}

static char *key_of(int64_t unit_id, int year, int month)
{
	struct sbuf sb;
	sbuf_init(&sb);
	sbuf_addf(&sb, "%" PRId64 " %d %d", unit_id, year, month);
	return sbuf_detach(&sb);
}

static char *dup(struct kfq_stmt *st, int col)
{
	const char *s = st_text(st, col);
	return xstrdup(s ? s : "");
}

int approval_locks_load(struct kfq_db *db, struct approval_locks *l, struct kfq_err *err)
{
	struct kfq_stmt *st;
	int rc;
	memset(l, 0, sizeof *l);
	strmap_init(&l->map);
	if (db_prepare(db, "SELECT unit_id, year, month, state, who, at FROM approval "
	               "WHERE state IN ('approved', 'certified')", &st, err) < 0)
		return -1;
	while ((rc = st_step(st)) == ST_ROW) {
		struct approval_lock *k;
		XGROW(l->v, l->n + 1, l->cap);
		k = &l->v[l->n];
		k->key = key_of(st_i64(st, 0), st_int(st, 1), st_int(st, 2));
		k->state = dup(st, 3);
		k->who = dup(st, 4);
		k->at = dup(st, 5);
		strmap_put(&l->map, k->key, l->n++);
	}
	if (rc != ST_DONE)
		db_fault(db, err, "reading approvals");
	st_finalize(st);
	return rc == ST_DONE ? 0 : -1;
}

void approval_locks_release(struct approval_locks *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].key);
		free(l->v[i].state);
		free(l->v[i].who);
		free(l->v[i].at);
	}
	free(l->v);
	strmap_release(&l->map);
	memset(l, 0, sizeof *l);
}

int approval_check(const struct approval_locks *l, const struct unit_set *units, size_t u,
                   int year, int month, struct kfq_err *err)
{
	if (!l->n)
		return 0;
	for (long x = (long)u; x >= 0; x = units->v[x].parent) {
		char *key = key_of(units->v[x].id, year, month);
		size_t i;
		int hit = strmap_get(&l->map, key, &i);
		free(key);
		if (hit) {
			const struct approval_lock *k = &l->v[i];
			int s = state_of(k->state);
			kfq_error(err, "%s %04d-%02d is locked: %s %s by %s at %s (kfq approval reopen "
			          "--unit %s --period %04d-%02d --note WHY first)", units->v[u].code, year,
			          month, units->v[x].code, k->state, k->who, k->at, units->v[x].code,
			          year, month);
			return kfq_err_zh(err, "%s %04d-%02d 已锁定：%s 由 %s 于 %s %s（请先 kfq approval "
			                  "reopen --unit %s --period %04d-%02d --note 原因）",
			                  units->v[u].code, year, month, units->v[x].code, k->who, k->at,
			                  STATE_ZH[s], units->v[x].code, year, month);
		}
	}
	return 0;
}


/* ---- the derived figures of the locked months ---- */

#define SNAP_V(m) ", v" #m
int derived_snap_read(struct kfq_db *db, struct derived_snap *s, struct kfq_err *err)
{
	/* the months locked (few), then the derived figures' rows of twelve
	 * months of those years, each locked month of them kept */
	static const char LOCKED[] = "SELECT DISTINCT year, month FROM approval WHERE state IN "
	                             "('approved', 'certified') AND month BETWEEN 1 AND 12";
	static const char SQL[] = "SELECT ind_id, unit_id, year" SCHEMA_M12(SNAP_V) " FROM obs_m "
	                          "WHERE ind_id IN (SELECT id FROM indicator WHERE derived = 1) AND "
	                          "year IN (SELECT year FROM approval WHERE state IN ('approved', "
	                          "'certified')) ORDER BY ind_id, unit_id, year";
	struct lock_year {
		int year;
		uint16_t months;
	} *ly = NULL;
	struct kfq_stmt *st;
	size_t cap = 0, nly = 0, lcap = 0;
	int rc;
	memset(s, 0, sizeof *s);
	if (db_prepare(db, LOCKED, &st, err) < 0)
		return -1;
	while ((rc = st_step(st)) == ST_ROW) {
		int y = st_int(st, 0), m = st_int(st, 1);
		size_t k = 0;
		while (k < nly && ly[k].year != y)
			k++;
		if (k == nly) {
			XGROW(ly, nly + 1, lcap);
			ly[nly++] = (struct lock_year){ y, 0 };
		}
		ly[k].months |= (uint16_t)(1u << (m - 1));
	}
	st_finalize(st);
	if (rc != ST_DONE) {
		free(ly);
		return db_fault(db, err, "reading approvals");
	}
	if (!nly)
		return 0;   /* nothing locked: nothing to keep */
	if (db_prepare(db, SQL, &st, err) < 0) {
		free(ly);
		return -1;
	}
	while ((rc = st_step(st)) == ST_ROW) {
		int y = st_int(st, 2);
		uint16_t locked = 0;
		for (size_t k = 0; k < nly; k++)
			if (ly[k].year == y)
				locked = ly[k].months;
		for (int m = 1; m <= 12; m++) {
			struct derived_value *d;
			if (!(locked & (1u << (m - 1))) || st_null(st, 2 + m))
				continue;
			XGROW(s->v, s->n + 1, cap);
			d = &s->v[s->n++];
			d->ind = st_i64(st, 0);
			d->unit = st_i64(st, 1);
			d->year = y;
			d->month = m;
			d->v = st_i64(st, 2 + m);
		}
	}
	st_finalize(st);
	free(ly);
	if (rc != ST_DONE) {
		derived_snap_release(s);
		return db_fault(db, err, "reading derived figures");
	}
	return 0;
}

void derived_snap_release(struct derived_snap *s)
{
	free(s->v);
	memset(s, 0, sizeof *s);
}

static int value_cmp(const struct derived_value *a, const struct derived_value *b)
{
	if (a->ind != b->ind)
		return a->ind < b->ind ? -1 : 1;
	if (a->unit != b->unit)
		return a->unit < b->unit ? -1 : 1;
	if (a->year != b->year)
		return a->year < b->year ? -1 : 1;
	return a->month < b->month ? -1 : a->month > b->month;
}

/* A changed derived value of (ind, unit, year, month): refused when locked. */
static int changed(struct kfq_db *db, const struct derived_value *k, const dec *old,
                   const dec *now, const char *source, struct kfq_err *err)
{
	struct approval_locks locks;
	struct unit_set us;
	struct indicator_set is;
	long u = -1;
	int rc = 0;
	char a[64], b[64];
	const char *code = "?";

	if (approval_locks_load(db, &locks, err) < 0) {
		approval_locks_release(&locks);
		return -1;
	}
	if (units_load(db, &us, err) < 0) {
		approval_locks_release(&locks);
		return -1;
	}
	if (indicators_load(db, &is, err) < 0) {
		units_release(&us);
		approval_locks_release(&locks);
		return -1;
	}
	if (k->unit >= 0 && k->unit <= us.max_id)
		u = us.by_id[k->unit];
	for (size_t i = 0; i < is.n; i++)
		if (is.v[i].id == k->ind) {
			code = is.v[i].code;
			if (old)
				dec_format(*old, is.v[i].measure->shift, -1, a, sizeof a);
			if (now)
				dec_format(*now, is.v[i].measure->shift, -1, b, sizeof b);
		}
	if (u >= 0 && approval_check(&locks, &us, (size_t)u, k->year, k->month, err) < 0)
		rc = kfq_err_prefix(err, "%s: figure %s of %s %04d-%02d would change from %s to %s",
		                    source, code, us.v[u].code, k->year, k->month, old ? a : "none",
		                    now ? b : "none");
	indicators_release(&is);
	units_release(&us);
	approval_locks_release(&locks);
	return rc;
}

int derived_hold(struct kfq_db *db, const struct derived_snap *before, const char *source,
                 struct kfq_err *err)
{
	struct derived_snap after;
	size_t i = 0, j = 0, nb = before->n;
	int rc = 0;

	if (derived_snap_read(db, &after, err) < 0)
		return -1;
	while (rc == 0 && (i < nb || j < after.n)) {
		const struct derived_value *x = i < nb ? &before->v[i] : NULL;
		const struct derived_value *y = j < after.n ? &after.v[j] : NULL;
		int d = !x ? 1 : !y ? -1 : value_cmp(x, y);
		/* a derived count or sum of nothing is 0: a month that gains or
		 * loses a 0 (the derivation fills the year's months) is unchanged */
		if (d < 0) {            /* gone */
			if (x->v)
				rc = changed(db, x, &x->v, NULL, source, err);
			i++;
		} else if (d > 0) {     /* new */
			if (y->v)
				rc = changed(db, y, NULL, &y->v, source, err);
			j++;
		} else {
			if (x->v != y->v)
				rc = changed(db, y, &x->v, &y->v, source, err);
			i++;
			j++;
		}
	}
	derived_snap_release(&after);
	return rc;
}
