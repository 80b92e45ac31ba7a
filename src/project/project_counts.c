/* project_counts.c: the counts the project office reports (key projects,
 * planned starts, started, started late, completed, in production),
 * derived from the register and the plans into the core as month values of
 * each project (see project.h). Depends on base, store, model, calc/rollup. */
#include "project/project.h"
#include "base/dec.h"
#include "base/xalloc.h"
#include "model/indicator.h"
#include "model/obs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int64_t ind_id(struct kfq_db *db, const char *code, struct kfq_err *err)
{
	static const char SQL[] = "SELECT id FROM indicator WHERE code = ?";
	struct kfq_stmt *st;
	int64_t id = -1;
	int rc;
	if (db_cached(db, SQL, &st, err) < 0)
		return -1;
	st_bind_text(st, 1, code);
	if ((rc = st_step(st)) == ST_ROW)
		id = st_i64(st, 0);
	else if (rc == ST_ERROR)
		db_fault(db, err, "reading indicators");
	st_reset(st);
	if (rc == ST_DONE)
		kfq_fault(err, "indicator \"%s\" is missing (project indicators not set up)", code);
	return id;
}

/* Add n to a derived count of a month (written for every month of a key
 * year, zeros included, so that year-to-date totals are known). */
static int put_count(struct kfq_db *db, int64_t ind, int year, int64_t unit, int month, int n,
                     struct kfq_err *err)
{
	return obs_month_add(db, ind, year, unit, month, n * DEC_ONE, err) < 0
	       ? kfq_err_prefix(err, "writing project counts") : 0;
}

/* Year and month of "2017-03" or "2017-03-05"; 0 when s is NULL. */
static int ym(const char *s, int *y, int *m)
{
	if (!s || sscanf((const char *)s, "%d-%d", y, m) != 2)
		return 0;
	return 1;
}

enum { D_KEY, D_PLANNED, D_STARTED, D_LATE, D_COMPLETED, D_PRODUCTION, D_N };
static const char *const DERIVED[D_N] = { "key_projects", "planned_starts", "started",
                                          "started_late", "projects_completed",
                                          "projects_in_production" };

int project_derive(struct kfq_db *db, const char *code, struct rollup_todo *todo,
                   struct kfq_err *err)
{
	static const char SQL_P[] = "SELECT u.id, p.planned_start, p.actual_start, p.actual_end, "
	                            "p.production, p.category FROM project p JOIN unit u ON "
	                            "u.id = p.unit_id WHERE u.code = ?";
	static const char SQL_YEARS[] = "SELECT year FROM target WHERE ind_id = ? AND unit_id = ? "
	                                "UNION SELECT year FROM obs WHERE unit_id = ?2 AND ind_id IN "
	                                "(SELECT id FROM indicator WHERE derived = 1)";
	static const char SQL_DEL[] = "DELETE FROM obs WHERE unit_id = ? AND ind_id IN "
	                              "(SELECT id FROM indicator WHERE derived = 1)";
	int64_t ids[D_N], inv, unit;
	int ps_y = 0, ps_m = 0, as_y = 0, as_m = 0, ae_y = 0, ae_m = 0, pr_y = 0, pr_m = 0;
	int has_ps, has_as, has_ae, has_pr, industrial, *years = NULL;
	size_t ny = 0, cap = 0;
	struct kfq_stmt *st;
	int rc = 0;

	for (int i = 0; i < D_N; i++)
		if ((ids[i] = ind_id(db, DERIVED[i], err)) < 0)
			return -1;
	if ((inv = ind_id(db, "key_inv_actual", err)) < 0)
		return -1;
	if (db_cached(db, SQL_P, &st, err) < 0)
		return -1;
	st_bind_text(st, 1, code);
	if ((rc = st_step(st)) != ST_ROW) {
		if (rc == ST_ERROR)
			db_fault(db, err, "reading a project");
		st_reset(st);
		return rc == ST_ERROR ? -1 : kfq_error(err, "unknown project \"%s\"", code);
	}
	unit = st_i64(st, 0);
	has_ps = ym(st_text(st, 1), &ps_y, &ps_m);
	has_as = ym(st_text(st, 2), &as_y, &as_m);
	has_ae = ym(st_text(st, 3), &ae_y, &ae_m);
	has_pr = ym(st_text(st, 4), &pr_y, &pr_m);
	industrial = strcmp(st_text(st, 5), "industrial") == 0;
	st_reset(st);
	/* the years it is key in (its plans), and the years it had counts in */
	if (db_cached(db, SQL_YEARS, &st, err) < 0)
		return -1;
	st_bind_i64(st, 1, inv);
	st_bind_i64(st, 2, unit);
	while ((rc = st_step(st)) == ST_ROW) {
		XGROW(years, ny + 1, cap);
		years[ny++] = st_int(st, 0);
	}
	if (rc != ST_DONE) {
		db_fault(db, err, "reading a project's years");
		st_reset(st);
		free(years);
		return -1;
	}
	st_reset(st);
	rc = 0;
	if (db_cached(db, SQL_DEL, &st, err) < 0) {
		free(years);
		return -1;
	}
	st_bind_i64(st, 1, unit);
	if (st_step(st) != ST_DONE)
		rc = db_fault(db, err, "clearing project counts");
	st_reset(st);
	for (size_t k = 0; rc == 0 && k < ny; k++) {
		int y = years[k], planned_here = has_ps && ps_y == y;
		for (int i = 0; i < D_N; i++) {
			struct indicator d = { .id = ids[i], .kind = i == D_KEY ? IND_STOCK : IND_FLOW };
			rollup_todo_data(todo, &d, y);
		}
		/* key in y only while it has a plan for y */
		{
			struct kfq_stmt *t;
			int key;
			if (db_prepare(db, "SELECT 1 FROM target WHERE ind_id = ? AND unit_id = ? AND year = ?",
			               &t, err) < 0) {
				rc = -1;
				break;
			}
			st_bind_i64(t, 1, inv);
			st_bind_i64(t, 2, unit);
			st_bind_int(t, 3, y);
			if ((key = st_step(t)) == ST_ERROR)
				rc = db_fault(db, err, "reading a project's plan");
			st_finalize(t);
			if (rc < 0)
				break;
			if (key != ST_ROW || !industrial)
				continue;
		}
		{
			/* the month each count falls in, 0 for none */
			int started = planned_here && has_as && as_y <= y ? (as_y < y ? 1 : as_m) : 0;
			int late = started && (as_y > ps_y || (as_y == ps_y && as_m > ps_m));
			int month_of[D_N] = { 0, planned_here ? ps_m : 0, started, late ? started : 0,
			                      has_ae && ae_y == y ? ae_m : 0, has_pr && pr_y == y ? pr_m : 0 };
			for (int m = 1; m <= 12 && rc == 0; m++)
				for (int i = 0; i < D_N && rc == 0; i++)
					rc = put_count(db, ids[i], y, unit, m, i == D_KEY || month_of[i] == m, err);
		}
	}
	free(years);
	return rc;
}
