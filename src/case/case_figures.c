/* case_figures.c: the visiting campaign's figures, published through the
 * core as indicators of the top unit (see case.h): visited enterprises and
 * households (distinct, so far this year), problems raised, resolved and
 * resolved on time, and the two rates as formulas. Rewritten from the
 * visits and cases after every import or step. Depends on base, store,
 * model, calc/rollup. */
#include "case/case.h"
#include "base/dec.h"
#include "model/indicator.h"
#include "model/obs.h"

#include <string.h>

static const struct {
	const char *code, *zh, *en, *measure, *kind, *formula;
	int derived;
} INDICATORS[] = {
	{ "visited_enterprises", "走访企业", "enterprises visited (distinct, year to date)", "家",
	  "stock", NULL, 1 },
	{ "visited_households", "走访群众", "households visited (distinct, year to date)", "户",
	  "stock", NULL, 1 },
	{ "cases_raised", "收集问题", "problems raised", "件", "flow", NULL, 1 },
	{ "cases_resolved", "解决问题", "problems resolved", "件", "flow", NULL, 1 },
	{ "cases_on_time", "按期解决", "problems resolved by their deadline", "件", "flow", NULL, 1 },
	{ "case_resolution_rate", "问题解决率", "resolution rate", "%", "flow",
	  "ytd(cases_resolved) / ytd(cases_raised) * 100", 0 },
	{ "case_on_time_rate", "按期解决率", "on-time rate", "%", "flow",
	  "ytd(cases_on_time) / ytd(cases_resolved) * 100", 0 },
};
#define NIND (sizeof INDICATORS / sizeof INDICATORS[0])

int case_ensure_indicators(struct kfq_db *db, struct kfq_err *err)
{
	for (size_t i = 0; i < NIND; i++) {
		struct indicator_row r = { INDICATORS[i].code, INDICATORS[i].zh, INDICATORS[i].en,
		                           INDICATORS[i].measure, INDICATORS[i].kind,
		                           INDICATORS[i].formula ? "none" : "sum",
		                           INDICATORS[i].formula ? "1" : "0", NULL,
		                           INDICATORS[i].formula, NULL };
		if (indicator_ensure(db, &r, INDICATORS[i].derived, err) < 0)
			return -1;
	}
	return 0;
}

/* One derived figure: SQL giving (year, month, value as a count) rows. */
static int derive_one(struct kfq_db *db, int64_t ind, int64_t root, int stock, const char *sql,
                      struct rollup_todo *todo, struct kfq_err *err)
{
	struct kfq_stmt *st;
	int y0 = 0, y1 = 0, rc = 0;
	int64_t counts[200][13];   /* years from the first, months 1..12 */

	memset(counts, 0, sizeof counts);
	if (db_prepare(db, sql, &st, err) < 0)
		return -1;
	while ((rc = st_step(st)) == ST_ROW) {
		int y = st_int(st, 0), m = st_int(st, 1);
		if (y < 1900 || y > 2999 || m < 1 || m > 12)
			continue;
		if (!y0) {
			y0 = y1 = y;
		}
		if (y < y0 || y - y0 >= 200)
			continue;
		if (y > y1)
			y1 = y;
		counts[y - y0][m] += st_i64(st, 2);
	}
	if (rc != ST_DONE)
		db_fault(db, err, "counting visits and cases");
	st_finalize(st);
	if (rc != ST_DONE)
		return -1;
	rc = 0;
	if (!y0)
		return 0;
	for (int y = y0; rc == 0 && y <= y1; y++) {
		struct indicator d = { .id = ind };
		int64_t level = 0;
		rollup_todo_data(todo, &d, y);
		for (int m = 1; rc == 0 && m <= 12; m++) {
			/* a stock here is the distinct count so far this year: the SQL gives
			 * each unit once, in the month of its first visit */
			level = stock ? level + counts[y - y0][m] : counts[y - y0][m];
			if (obs_month_set(db, ind, y, root, m, level * DEC_ONE, 0, err) < 0)
				rc = kfq_err_prefix(err, "writing case figures");
		}
	}
	return rc;
}

int case_derive(struct kfq_db *db, struct rollup_todo *todo, struct kfq_err *err)
{
	static const char *const SQL[] = {
		/* each enterprise once a year, in the month of its first visit */
		"SELECT y, m, count(*) FROM (SELECT unit_id, CAST(substr(min(date), 1, 4) AS INTEGER) y, "
		"CAST(substr(min(date), 6, 2) AS INTEGER) m FROM visit WHERE unit_id IS NOT NULL "
		"GROUP BY unit_id, substr(date, 1, 4)) v GROUP BY y, m",
		"SELECT y, m, count(*) FROM (SELECT household_id, CAST(substr(min(date), 1, 4) AS "
		"INTEGER) y, CAST(substr(min(date), 6, 2) AS INTEGER) m FROM visit WHERE household_id IS "
		"NOT NULL GROUP BY household_id, substr(date, 1, 4)) v GROUP BY y, m",
		"SELECT CAST(substr(raised, 1, 4) AS INTEGER), CAST(substr(raised, 6, 2) AS INTEGER), "
		"count(*) FROM kase WHERE status <> 'merged' GROUP BY 1, 2",
		"SELECT CAST(substr(resolved, 1, 4) AS INTEGER), CAST(substr(resolved, 6, 2) AS INTEGER), "
		"count(*) FROM kase WHERE resolved IS NOT NULL GROUP BY 1, 2",
		"SELECT CAST(substr(resolved, 1, 4) AS INTEGER), CAST(substr(resolved, 6, 2) AS INTEGER), "
		"count(*) FROM kase WHERE resolved IS NOT NULL AND resolved <= deadline GROUP BY 1, 2",
	};
	struct kfq_stmt *st;
	int64_t root = 0;
	int rc;

	if (db_prepare(db, "SELECT id FROM unit WHERE parent_id IS NULL ORDER BY id LIMIT 1", &st,
	               err) < 0)
		return -1;
	if ((rc = st_step(st)) == ST_ROW)
		root = st_i64(st, 0);
	else if (rc == ST_ERROR)
		db_fault(db, err, "reading the unit tree");
	st_finalize(st);
	if (rc == ST_ERROR)
		return -1;
	if (!root)
		return 0;   /* no unit tree yet: no figures to publish */
	for (size_t i = 0; i < sizeof SQL / sizeof SQL[0]; i++) {
		int64_t ind = 0;
		if (db_prepare(db, "SELECT id FROM indicator WHERE code = ?", &st, err) < 0)
			return -1;
		st_bind_text(st, 1, INDICATORS[i].code);
		if ((rc = st_step(st)) == ST_ROW)
			ind = st_i64(st, 0);
		else if (rc == ST_ERROR)
			db_fault(db, err, "reading case indicators");
		st_finalize(st);
		if (rc == ST_ERROR)
			return -1;
		if (!ind)
			return kfq_fault(err, "indicator \"%s\" is missing", INDICATORS[i].code);
		/* clear, noting the years that had figures */
		if (db_prepare(db, "SELECT DISTINCT year FROM obs WHERE ind_id = ?", &st, err) < 0)
			return -1;
		st_bind_i64(st, 1, ind);
		while ((rc = st_step(st)) == ST_ROW) {
			struct indicator d = { .id = ind };
			rollup_todo_data(todo, &d, st_int(st, 0));
		}
		if (rc != ST_DONE)
			db_fault(db, err, "reading case figures");
		st_finalize(st);
		if (rc != ST_DONE)
			return -1;
		if (db_prepare(db, "DELETE FROM obs WHERE ind_id = ?", &st, err) < 0)
			return -1;
		st_bind_i64(st, 1, ind);
		if (st_step(st) != ST_DONE) {
			db_fault(db, err, "clearing case figures");
			st_finalize(st);
			return -1;
		}
		st_finalize(st);
		if (derive_one(db, ind, root, i < 2, SQL[i], todo, err) < 0)
			return -1;
	}
	return 0;
}
