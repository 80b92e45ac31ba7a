/* projects.c: /api/v1/projects (the key-project register) and
 * /api/v1/projects/stats (the project office's figures for a unit and
 * period): the requests and grids of kfq project list and stats, held to
 * the account's subtree. */
#include "web/http.h"
#include "base/date.h"
#include "project/project.h"
#include "report/project_grid.h"

#include <string.h>

int web_projects(struct web_req *q, struct web_res *r)
{
	struct project_list_req req = { -1, NULL, 0, { 0 } };
	struct kfq_err err = { 0 };
	struct project_list l;
	struct grid g;
	const char *status = web_query(q, "status"), *late = web_query(q, "late");
	const char *date = web_query(q, "date");

	if (status) {
		for (int i = 0; PROJECT_STATUS[i]; i++)
			if (strcmp(status, PROJECT_STATUS[i]) == 0 || strcmp(status, PROJECT_STATUS_ZH[i]) == 0)
				req.status = i;
		if (req.status < 0)
			return web_error_field(r, 400, "status",
			                       "status: \"%s\" is not a project status", status);
	}
	req.late = late && (strcmp(late, "1") == 0 || strcmp(late, "true") == 0);
	if (date && date_parse(date, &req.date, &err) < 0) {
		kfq_err_set_field(&err, "date");
		return web_fail(q, r, &err);
	}
	if (web_park(q, r, &req.park) < 0)
		return 0;
	if (project_list(&q->cx, q->db, &req, &l, &err) < 0) {
		project_list_release(&l);
		return web_fail(q, r, &err);
	}
	project_list_grid(&l, 0, &g);
	project_list_release(&l);
	return web_grid_list(q, r, &g);
}

int web_project_stats(struct web_req *q, struct web_res *r)
{
	struct project_stats_req req = { { 0 }, NULL };
	struct kfq_err err = { 0 };
	struct project_stats s;
	const struct kfq_model *m;
	struct grid g;
	long u;

	if (web_period(q, r, 1, &req.period) < 0)
		return 0;
	if (!(m = model_get(q->db, &err)))
		return web_fail(q, r, &err);
	if ((u = web_unit(q, r, m, web_query(q, "unit"))) < 0) {
		model_put(m);
		return 0;
	}
	req.unit = m->units.v[u].code;
	if (project_stats(&q->cx, q->db, &req, &s, &err) < 0) {
		project_stats_release(&s);
		model_put(m);
		return web_fail(q, r, &err);
	}
	model_put(m);
	project_stats_grid(&s, &g);
	project_stats_release(&s);
	return web_grid(r, &g);
}

/* One project's attributes, as kfq project show CODE --format json; with
 * ?sections=1 an object of them and its sections (the tables kfq project
 * show prints). A project of a park outside the account's subtree is not
 * found, as one that does not exist. */
int web_project_one(struct web_req *q, struct web_res *r)
{
	static const char *const KEYS[] = { "attributes", "plans", "progress", "problems", "history" };
	const char *sections = web_query(q, "sections");
	int full = sections && strcmp(sections, "1") == 0;
	struct project_show_req req = { q->params[0], !full, { 0 } };
	struct grid gs[5];
	struct kfq_err err = { 0 };
	struct project_show s;
	struct grid g;
	const char *date = web_query(q, "date");
	int in;

	if (date && date_parse(date, &req.date, &err) < 0) {
		kfq_err_set_field(&err, "date");
		return web_fail(q, r, &err);
	}
	if (project_show(&q->cx, q->db, &req, &s, &err) < 0) {
		project_show_release(&s);
		if (err.kind == KFQ_EUSER)
			return web_error(r, 404, "unknown project \"%s\"", q->params[0]);
		return web_fail(q, r, &err);
	}
	if ((in = web_within(q, r, s.p.park)) <= 0) {
		project_show_release(&s);
		return in < 0 ? 0 : web_error(r, 404, "unknown project \"%s\"", q->params[0]);
	}
	if (full) {
		project_show_grid(&s, 0, &gs[0]);
		project_plans_grid(&s, &gs[1]);
		project_progress_grid(&s, &gs[2]);
		project_problems_grid(&s, &gs[3]);
		project_history_grid(&s, &gs[4]);
		project_show_release(&s);
		return web_grids(r, KEYS, gs, 5);
	}
	project_show_grid(&s, 0, &g);
	project_show_release(&s);
	return web_grid(r, &g);
}
