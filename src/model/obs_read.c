/* obs_read.c: looking up what is stored (see obs.h): a key's latest period
 * or month, whether a unit (or one under it) files an indicator in a year,
 * one value or target, the records behind a figure, the indicators with
 * targets. Depends on base, store, model/unit and model/indicator. */
#include "model/obs.h"
#include "base/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int obs_latest_period(struct kfq_db *db, int64_t ind, struct period *p, struct kfq_err *err)
{
	/* the latest year (the primary keys' last entry of the indicator), then
	 * its latest month */
	static const char YEAR[] = "SELECT max(y) FROM (SELECT max(year) AS y FROM obs_m WHERE "
	                           "ind_id = ?1 UNION ALL SELECT max(year) FROM obs_ytd WHERE "
	                           "ind_id = ?1) t";
	struct kfq_stmt *st;
	int rc, year = 0, month = 0;
	if (db_cached(db, YEAR, &st, err) < 0)
		return -1;
	st_bind_i64(st, 1, ind);
	rc = st_step(st);
	if (rc == ST_ROW && !st_null(st, 0))
		year = st_int(st, 0);
	else if (rc == ST_ERROR)
		db_fault(db, err, "reading the latest period");
	st_reset(st);
	if (rc == ST_ERROR)
		return -1;
	if (!year || (rc = obs_latest_month(db, ind, year, &month, err)) <= 0)
		return year ? rc : 0;
	p->year = year;
	p->first = 1;
	p->last = month;
	p->kind = month == 12 ? PERIOD_YEAR : PERIOD_YTD;
	return 1;
}

static int latest_of(struct kfq_db *db, const struct indicator_set *inds, size_t i, int depth,
                     struct period *p, struct kfq_err *err)
{
	const struct indicator *d = &inds->v[i];
	const char *const *codes;
	size_t n;
	int found = 0;
	if (!d->formula)
		return obs_latest_period(db, d->id, p, err);
	if (depth > 16)
		return kfq_error(err, "formula of \"%s\" nests too deeply (a cycle?)", d->code);
	n = formula_codes(d->formula, &codes);
	for (size_t k = 0; k < n; k++) {
		struct period q;
		long j = indicators_find(inds, codes[k]);
		int r;
		if (j < 0)
			continue;
		if ((r = latest_of(db, inds, (size_t)j, depth + 1, &q, err)) < 0)
			return -1;
		if (r && (!found || q.year < p->year || (q.year == p->year && q.last < p->last))) {
			*p = q;
			found = 1;
		}
	}
	return found;
}

int obs_latest_period_of(struct kfq_db *db, const struct indicator_set *inds, size_t i,
                         struct period *p, struct kfq_err *err)
{
	return latest_of(db, inds, i, 0, p, err);
}

int obs_unit_files(struct kfq_db *db, int64_t ind, int year, int64_t unit, struct kfq_err *err)
{
	/* (a row of obs_m has a month at least) */
	static const char Q[] = "SELECT 1 FROM obs_m WHERE ind_id = ?1 AND year = ?2 AND "
	                        "unit_id = ?3 UNION ALL SELECT 1 FROM obs_ytd WHERE ind_id = ?1 "
	                        "AND year = ?2 AND unit_id = ?3 LIMIT 1";
	struct kfq_stmt *st;
	int rc;
	if (db_cached(db, Q, &st, err) < 0)
		return -1;
	st_bind_i64(st, 1, ind);
	st_bind_int(st, 2, year);
	st_bind_i64(st, 3, unit);
	rc = st_step(st);
	st_reset(st);
	if (rc == ST_ERROR)
		return db_fault(db, err, "reading values");
	return rc == ST_ROW;
}

int obs_under_files(struct kfq_db *db, const struct unit_set *units, int64_t ind, int year,
                    size_t u, struct kfq_err *err)
{
	size_t *sub, n = units_subtree(units, u, &sub);
	int found = 0;
	for (size_t i = 0; i < n && found == 0; i++)
		if (sub[i] != u)
			found = obs_unit_files(db, ind, year, units->v[sub[i]].id, err);
	free(sub);
	return found;
}

int obs_latest_month(struct kfq_db *db, int64_t ind, int year, int *month, struct kfq_err *err)
{
	/* the latest month of the rows of twelve (from December down), and of
	 * the spans */
	static const char Q[] = "SELECT max(m) FROM (SELECT max(CASE"
	                        " WHEN v12 IS NOT NULL THEN 12 WHEN v11 IS NOT NULL THEN 11"
	                        " WHEN v10 IS NOT NULL THEN 10 WHEN v9 IS NOT NULL THEN 9"
	                        " WHEN v8 IS NOT NULL THEN 8 WHEN v7 IS NOT NULL THEN 7"
	                        " WHEN v6 IS NOT NULL THEN 6 WHEN v5 IS NOT NULL THEN 5"
	                        " WHEN v4 IS NOT NULL THEN 4 WHEN v3 IS NOT NULL THEN 3"
	                        " WHEN v2 IS NOT NULL THEN 2 WHEN v1 IS NOT NULL THEN 1"
	                        " END) AS m FROM obs_m WHERE ind_id = ?1 AND year = ?2 UNION ALL "
	                        "SELECT max(last) FROM obs_ytd WHERE ind_id = ?1 AND year = ?2) t";
	struct kfq_stmt *st;
	int rc, found = 0;
	if (db_cached(db, Q, &st, err) < 0)
		return -1;
	st_bind_i64(st, 1, ind);
	st_bind_int(st, 2, year);
	if ((rc = st_step(st)) == ST_ROW && !st_null(st, 0)) {
		*month = st_int(st, 0);
		found = 1;
	} else if (rc == ST_ERROR) {
		db_fault(db, err, "reading the latest month");
	}
	st_reset(st);
	return rc == ST_ERROR ? -1 : found;
}

int target_get(struct kfq_db *db, int64_t ind, int64_t unit, int year, dec *v,
               struct kfq_err *err)
{
	static const char Q[] = "SELECT value FROM target WHERE ind_id = ? AND year = ? AND "
	                        "unit_id = ?";
	struct kfq_stmt *st;
	int rc;
	if (db_cached(db, Q, &st, err) < 0)
		return -1;
	st_bind_i64(st, 1, ind);
	st_bind_int(st, 2, year);
	st_bind_i64(st, 3, unit);
	rc = st_step(st);
	if (rc == ST_ROW)
		*v = st_i64(st, 0);
	else if (rc == ST_ERROR)
		db_fault(db, err, "reading a target");
	st_reset(st);
	return rc == ST_ROW ? 1 : rc == ST_DONE ? 0 : -1;
}

int obs_get(struct kfq_db *db, int64_t ind, int64_t unit, const struct period *p, dec *v,
            struct kfq_err *err)
{
	static const char Q[] = "SELECT value FROM obs WHERE ind_id = ? AND year = ? AND "
	                        "unit_id = ? AND last = ? AND first = ?";
	struct kfq_stmt *st;
	int rc;
	if (db_cached(db, Q, &st, err) < 0)
		return -1;
	st_bind_i64(st, 1, ind);
	st_bind_int(st, 2, p->year);
	st_bind_i64(st, 3, unit);
	st_bind_int(st, 4, p->last);
	st_bind_int(st, 5, p->first);
	rc = st_step(st);
	if (rc == ST_ROW)
		*v = st_i64(st, 0);
	else if (rc == ST_ERROR)
		db_fault(db, err, "reading an observation");
	st_reset(st);
	return rc == ST_ROW ? 1 : rc == ST_DONE ? 0 : -1;
}

int obs_sources(struct kfq_db *db, const struct unit_set *units, int64_t ind, size_t scope,
                int year, int first, int last, struct obs_source **v, size_t *n,
                struct kfq_err *err)
{
	static const char Q[] = "SELECT o.unit_id, o.first, o.last, o.value, l.file, o.line, l.at, "
	                        "l.who FROM obs o LEFT JOIN import_log l ON l.id = o.import_id "
	                        "WHERE o.ind_id = ? AND o.year = ? AND o.first >= ? AND o.last <= ? "
	                        "ORDER BY o.unit_id, o.last, o.first";
	struct kfq_stmt *st;
	size_t cap = 0;
	int rc;
	*v = NULL;
	*n = 0;
	if (db_prepare(db, Q, &st, err) < 0)
		return -1;
	st_bind_i64(st, 1, ind);
	st_bind_int(st, 2, year);
	st_bind_int(st, 3, first);
	st_bind_int(st, 4, last);
	while ((rc = st_step(st)) == ST_ROW) {
		int64_t id = st_i64(st, 0);
		long u = id >= 0 && id <= units->max_id ? units->by_id[id] : -1;
		struct obs_source *x;
		if (u < 0 || !units_within(units, (size_t)u, scope))
			continue;
		if (*n == cap) {
			cap = cap ? cap * 2 : 64;
			*v = xrealloc(*v, cap * sizeof **v);
		}
		x = &(*v)[(*n)++];
		memset(x, 0, sizeof *x);
		x->unit = (size_t)u;
		x->first = (int)st_i64(st, 1);
		x->last = (int)st_i64(st, 2);
		x->value = st_i64(st, 3);
		x->file = st_text(st, 4) ? xstrdup(st_text(st, 4)) : NULL;
		x->line = st_null(st, 5) ? 0 : st_i64(st, 5);
		x->at = st_text(st, 6) ? xstrdup(st_text(st, 6)) : NULL;
		x->who = st_text(st, 7) ? xstrdup(st_text(st, 7)) : NULL;
	}
	if (rc == ST_ERROR)
		db_fault(db, err, "reading the values behind a figure");
	st_finalize(st);
	if (rc == ST_ERROR) {
		obs_sources_free(*v, *n);
		*v = NULL;
		*n = 0;
		return -1;
	}
	return 0;
}

void obs_sources_free(struct obs_source *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].file);
		free(v[i].at);
		free(v[i].who);
	}
	free(v);
}

int target_indicators(struct kfq_db *db, int year, int64_t **ids, size_t *n, struct kfq_err *err)
{
	struct kfq_stmt *st;
	size_t cap = 0;
	int rc;
	*ids = NULL;
	*n = 0;
	if (db_prepare(db, "SELECT DISTINCT ind_id FROM target WHERE year = ? ORDER BY ind_id", &st,
	               err) < 0)
		return -1;
	st_bind_int(st, 1, year);
	while ((rc = st_step(st)) == ST_ROW) {
		XGROW(*ids, *n + 1, cap);
		(*ids)[(*n)++] = st_i64(st, 0);
	}
	if (rc == ST_ERROR)
		db_fault(db, err, "reading the targets' indicators");
	st_finalize(st);
	if (rc == ST_ERROR) {
		free(*ids);
		*ids = NULL;
		*n = 0;
		return -1;
	}
	return 0;
}
