/* project_show.c: one key project in full (project_show, see
 * project_query.h): its register row and, unless only the attributes are
 * asked, its annual plans with the investment to date, what was filed month
 * by month (investment, physical progress, the note), its problems (open,
 * overdue on the day, resolved) and the history of its changes. Reads
 * only. Depends on base, store, model, calc/figure; not on any front end. */
#include "project/project_part.h"
#include "base/xalloc.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* The years with a plan, each with the investment to date at the year's
 * latest month filed. */
static int read_plans(struct project_reader *r, const struct project_entry *e,
                      struct project_show *s, struct kfq_err *err)
{
	static const char SQL[] =
		"SELECT DISTINCT year FROM target WHERE ind_id = ?1 AND unit_id = ?2 ORDER BY year";
	struct kfq_stmt *st;
	size_t cap = 0;
	int rc;

	if (db_prepare(r->db, SQL, &st, err) < 0)
		return -1;
	st_bind_i64(st, 1, r->m.inds.v[e->inv].id);
	st_bind_i64(st, 2, r->m.units.v[e->u].id);
	while ((rc = st_step(st)) == ST_ROW) {
		struct project_plan_year *py;
		struct figure f;
		int got;
		XGROW(s->plans, s->nplans + 1, cap);
		py = &s->plans[s->nplans++];
		memset(py, 0, sizeof *py);
		py->year = st_int(st, 0);
		if ((got = project_latest_ytd(r, e->inv, (size_t)e->u, py->year, 12, &f, &py->through,
		                              err)) < 0)
			break;
		if (f.has & FIG_TARGET) {
			py->has |= PH_PLAN;
			py->plan = f.target;
		}
		if (got) {
			py->has |= PH_YTD;
			py->ytd = f.ytd;
			if (f.has & FIG_COMPLETION) {
				py->has |= PH_COMPLETION;
				py->completion = f.completion;
			}
		}
	}
	if (rc == ST_ERROR)
		db_fault(r->db, err, "reading project plans");
	st_finalize(st);
	return rc == ST_DONE ? 0 : -1;
}

/* Investment filed, physical progress and the note, by the month they end
 * (a year to date before the month's own value). */
static int read_progress(struct project_reader *r, const struct project_entry *e,
                         struct project_show *s, struct kfq_err *err)
{
	static const char SQL[] =
		"WITH inv AS (SELECT year, last, first, value FROM obs WHERE ind_id = ?1 AND "
		"unit_id = ?3), ph AS (SELECT year, last, value FROM obs WHERE ind_id = ?2 AND "
		"unit_id = ?3), nt AS (SELECT year, month AS last, note FROM project_note WHERE "
		"unit_id = ?3), k AS (SELECT year, last FROM inv UNION SELECT year, last FROM ph UNION "
		"SELECT year, last FROM nt) SELECT k.year, k.last, inv.first, inv.value, ph.value, "
		"nt.note FROM k LEFT JOIN inv USING (year, last) LEFT JOIN ph USING (year, last) LEFT "
		"JOIN nt USING (year, last) ORDER BY k.year, k.last, inv.first DESC";
	long phys = indicators_find(&r->m.inds, "physical_progress");
	struct kfq_stmt *st;
	size_t cap = 0;
	int rc;

	s->physical_decimals = phys >= 0 ? r->m.inds.v[phys].decimals : 1;
	if (db_prepare(r->db, SQL, &st, err) < 0)
		return -1;
	st_bind_i64(st, 1, r->m.inds.v[e->inv].id);
	st_bind_i64(st, 2, phys >= 0 ? r->m.inds.v[phys].id : -1);
	st_bind_i64(st, 3, r->m.units.v[e->u].id);
	while ((rc = st_step(st)) == ST_ROW) {
		struct project_progress *g;
		int year = st_int(st, 0), last = st_int(st, 1);
		int first = st_null(st, 2) ? last : st_int(st, 2);
		XGROW(s->progress, s->nprogress + 1, cap);
		g = &s->progress[s->nprogress++];
		memset(g, 0, sizeof *g);
		g->period = (struct period){ year, first == last ? PERIOD_MONTH : PERIOD_YTD, first, last };
		if ((g->has_investment = !st_null(st, 3)))
			g->investment = st_i64(st, 3);
		if ((g->has_physical = !st_null(st, 4)))
			g->physical = st_i64(st, 4);
		g->note = project_text(st_text(st, 5));
	}
	if (rc != ST_DONE)
		db_fault(r->db, err, "reading project progress");
	st_finalize(st);
	return rc == ST_DONE ? 0 : -1;
}

/* A copy of s, NULL for NULL ("" stays: a resolution given as empty text
 * still counts as one). */
static char *copy(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

/* The problems in the order raised; resolved at any date, else overdue
 * when the deadline is before the day, else open. */
static int read_problems(struct project_reader *r, const struct project_entry *e,
                         struct project_show *s, struct kfq_err *err)
{
	static const char SQL[] =
		"SELECT pb.raised, pb.description, pb.dept, pb.deadline, pb.resolved FROM "
		"project_problem pb JOIN unit u ON u.id = pb.unit_id WHERE u.code = ?1 "
		"ORDER BY pb.raised, pb.id";
	struct kfq_stmt *st;
	char day[16];
	size_t cap = 0;
	int rc;

	date_format(&s->day, day, sizeof day);
	if (db_prepare(r->db, SQL, &st, err) < 0)
		return -1;
	st_bind_text(st, 1, e->p.code);
	while ((rc = st_step(st)) == ST_ROW) {
		struct project_problem *pb;
		XGROW(s->problems, s->nproblems + 1, cap);
		pb = &s->problems[s->nproblems++];
		pb->raised = copy(st_text(st, 0));
		pb->description = copy(st_text(st, 1));
		pb->dept = copy(st_text(st, 2));
		pb->deadline = copy(st_text(st, 3));
		pb->resolved = copy(st_text(st, 4));
		pb->state = pb->resolved ? PROBLEM_RESOLVED
		          : pb->deadline && strcmp(pb->deadline, day) < 0 ? PROBLEM_OVERDUE
		          : PROBLEM_OPEN;
	}
	if (rc != ST_DONE)
		db_fault(r->db, err, "reading project problems");
	st_finalize(st);
	return rc == ST_DONE ? 0 : -1;
}

/* The project's changes, oldest first, with each value's measure scale. */
static int read_history(struct project_reader *r, const struct project_entry *e,
                        struct project_show *s, struct kfq_err *err)
{
	struct history_query q = { .unit = e->p.code, .limit = LONG_MAX };
	struct history_list *h = &s->history;

	if (history_read(r->db, &q, h, err) < 0)
		return -1;
	for (size_t i = 0, j = h->n ? h->n - 1 : 0; i < j; i++, j--) {
		struct history_row t = h->v[i];
		h->v[i] = h->v[j];
		h->v[j] = t;
	}
	s->history_shift = xcalloc(h->n ? h->n : 1, sizeof *s->history_shift);
	for (size_t i = 0; i < h->n; i++) {
		long d = h->v[i].indicator ? indicators_find(&r->m.inds, h->v[i].indicator) : -1;
		s->history_shift[i] = d >= 0 ? r->m.inds.v[d].measure->shift : 0;
	}
	return 0;
}

int project_show(const struct kfq_ctx *cx, struct kfq_db *db, const struct project_show_req *req,
                 struct project_show *out, struct kfq_err *err)
{
	struct project_reader r;
	struct project_register reg = { 0 };
	const struct project_entry *e;
	int rc = 0;

	memset(out, 0, sizeof *out);
	out->day = project_day(cx, &req->date);
	if (project_reader_open(&r, db, err) < 0)
		return -1;
	out->money_decimals = r.money_decimals;
	if (project_register_read(&r, req->code, &reg, err) < 0) {
		rc = -1;
	} else if (reg.n == 0 || reg.v[0].u < 0) {
		rc = kfq_error(err, "project show: unknown project \"%s\" (see kfq project list)",
		               req->code ? req->code : "");
	} else {
		e = &reg.v[0];
		out->has_investment = e->inv >= 0;
		if (!req->attributes_only && ((out->has_investment && (read_plans(&r, e, out, err) < 0 ||
		                                                      read_progress(&r, e, out, err) < 0)) ||
		                              read_problems(&r, e, out, err) < 0 ||
		                              read_history(&r, e, out, err) < 0))
			rc = -1;
		out->p = reg.v[0].p;            /* the result takes the strings */
		memset(&reg.v[0].p, 0, sizeof reg.v[0].p);
	}
	project_register_release(&reg);
	project_reader_close(&r);
	return rc;
}

void project_show_release(struct project_show *s)
{
	project_info_release(&s->p);
	free(s->plans);
	for (size_t i = 0; i < s->nprogress; i++)
		free(s->progress[i].note);
	free(s->progress);
	for (size_t i = 0; i < s->nproblems; i++) {
		struct project_problem *pb = &s->problems[i];
		free(pb->raised);
		free(pb->description);
		free(pb->dept);
		free(pb->deadline);
		free(pb->resolved);
	}
	free(s->problems);
	history_list_release(&s->history);
	free(s->history_shift);
	memset(s, 0, sizeof *s);
}
