/* leads.c: /api/v1/leads (the investment-promotion pipeline, 招商引资, as
 * kfq lead list), /api/v1/leads/stats (the bureau's figures for a unit and
 * period, as kfq lead stats) and /api/v1/leads/funnel (the funnel of the
 * stages on a day, as kfq lead funnel): the requests and the grids are the
 * command line's (report/lead_grid.c), held to the account's subtree (a
 * park's account sees the leads intended for its park and its own
 * figures; the funnel is the whole zone's pipeline, for an account of a
 * top-level unit). */
#include "web/http.h"
#include "base/date.h"
#include "report/lead_grid.h"

#include <string.h>

int web_leads(struct web_req *q, struct web_res *r)
{
	struct lead_list_req req = { NULL, NULL, { 0 } };
	struct kfq_err err = { 0 };
	struct lead_list_res res;
	struct grid g;
	const char *date = web_query(q, "date");

	req.stage = web_query(q, "stage");
	if (date && date_parse(date, &req.date, &err) < 0) {
		kfq_err_set_field(&err, "date");
		return web_fail(q, r, &err);
	}
	if (web_park(q, r, &req.park) < 0)
		return 0;
	if (lead_list(&q->cx, q->db, &req, &res, &err) < 0)
		return web_fail(q, r, &err);
	lead_list_grid(&res, 0, &g);
	lead_list_release(&res);
	web_grid_list(q, r, &g);
	return 0;
}

int web_lead_stats(struct web_req *q, struct web_res *r)
{
	struct lead_stats_req req = { { 0 }, NULL, LEAD_BY_NONE };
	struct kfq_err err = { 0 };
	struct lead_stats_res res;
	const struct kfq_model *m;
	struct grid g;
	const char *by = web_query(q, "by");
	long u;

	if (web_period(q, r, 1, &req.period) < 0)
		return 0;
	if (by && strcmp(by, "industry") == 0)
		req.by = LEAD_BY_INDUSTRY;
	else if (by && strcmp(by, "origin") == 0)
		req.by = LEAD_BY_ORIGIN;
	else if (by)
		return web_error_field(r, 400, "by", "by: \"%s\": expected industry or origin", by);
	if (!(m = model_get(q->db, &err)))
		return web_fail(q, r, &err);
	if ((u = web_unit(q, r, m, web_query(q, "unit"))) < 0) {
		model_put(m);
		return 0;
	}
	req.unit = m->units.v[u].code;
	if (lead_stats(&q->cx, q->db, &req, &res, &err) < 0) {
		model_put(m);
		return web_fail(q, r, &err);
	}
	model_put(m);
	lead_stats_grid(&res, &g);
	lead_stats_release(&res);
	return web_grid(r, &g);
}

int web_lead_funnel(struct web_req *q, struct web_res *r)
{
	struct lead_funnel_req req = { { 0 } };
	struct kfq_err err = { 0 };
	struct lead_funnel_res res;
	struct grid g;
	const char *date = web_query(q, "date");

	if (!q->account.top)
		return web_error(r, 403, "%s", web_text(q, "漏斗是全区的招商项目：只允许顶层单位的账号",
		                                        "the funnel is the whole zone's pipeline: only "
		                                        "an account of a top-level unit reads it"));
	if (date && date_parse(date, &req.date, &err) < 0) {
		kfq_err_set_field(&err, "date");
		return web_fail(q, r, &err);
	}
	if (lead_funnel(&q->cx, q->db, &req, &res, &err) < 0)
		return web_fail(q, r, &err);
	lead_funnel_grid(&res, 0, &g);
	return web_grid(r, &g);
}

/* One lead's attributes, as kfq lead show CODE --format json; with
 * ?sections=1 an object of them, its stages and its changes (the tables
 * kfq lead show prints). A lead intended for a park outside the account's
 * subtree is not found, as one that does not exist. */
int web_lead_one(struct web_req *q, struct web_res *r)
{
	static const char *const KEYS[] = { "attributes", "stages", "changes" };
	const char *sections = web_query(q, "sections");
	struct grid gs[3];
	struct lead_show_req req = { q->params[0] };
	struct kfq_err err = { 0 };
	struct lead_show_res res;
	struct grid g;
	int in;

	if (lead_show(&q->cx, q->db, &req, &res, &err) < 0) {
		if (err.kind == KFQ_EUSER)
			return web_error(r, 404, "unknown lead \"%s\"", q->params[0]);
		return web_fail(q, r, &err);
	}
	if ((in = web_within(q, r, res.lead.park)) <= 0) {
		lead_show_release(&res);
		return in < 0 ? 0 : web_error(r, 404, "unknown lead \"%s\"", q->params[0]);
	}
	grid_init(&g, L_N, LEAD_LIST_KEYS, LEAD_LIST_KEYS);
	grid_numeric(&g, L_TOTAL);
	grid_numeric(&g, L_FOREIGN);
	lead_list_row_grid(&g, &res.lead, 0);
	if (sections && strcmp(sections, "1") == 0) {
		gs[0] = g;
		lead_steps_grid(&res, 0, &gs[1]);
		lead_changes_grid(&res, &gs[2]);
		lead_show_release(&res);
		return web_grids(r, KEYS, gs, 3);
	}
	lead_show_release(&res);
	return web_grid(r, &g);
}
