/* finance.c: /api/v1/finance/… (the finance platform, 金融活水, as kfq
 * finance fund|loans|meetings|network|exposure|warn): the requests and the
 * grids are the command line's (finance/fin_query.h, report/finance_grid.c).
 * The platform is the zone's (its fund, its banks, the guarantees between
 * its firms): only an account of a top-level unit reads it. */
#include "web/http.h"
#include "base/date.h"
#include "finance/fin_query.h"
#include "report/finance_grid.h"

#include <jansson.h>
#include <string.h>

/* The zone's platform: a top-level account; the day asked (?date=), else
 * today. 0, or -1 with r filled. */
static int zone_and_day(struct web_req *q, struct web_res *r, struct date *day)
{
	struct kfq_err err = { 0 };
	const char *d = web_query(q, "date");
	memset(day, 0, sizeof *day);
	if (!q->account.top) {
		web_error(r, 403, "%s", web_text(q, "金融活水平台是全区的：只允许顶层单位的账号",
		                                 "the finance platform is the zone's: only an account "
		                                 "of a top-level unit reads it"));
		return -1;
	}
	if (d && date_parse(d, day, &err) < 0) {
		kfq_err_set_field(&err, "date");
		web_fail(q, r, &err);
		return -1;
	}
	return 0;
}

int web_fin_fund(struct web_req *q, struct web_res *r)
{
	struct fin_fund_res res;
	struct kfq_err err = { 0 };
	struct date day;
	struct grid g;
	if (zone_and_day(q, r, &day) < 0)
		return 0;
	if (fin_funds(&q->cx, q->db, web_query(q, "fund"), &day, &res, &err) < 0) {
		fin_fund_res_release(&res);
		return web_fail(q, r, &err);
	}
	fin_fund_grid(&res, &g);
	fin_fund_res_release(&res);
	return web_grid(r, &g);
}

int web_fin_loans(struct web_req *q, struct web_res *r)
{
	struct fin_loan_res res;
	struct kfq_err err = { 0 };
	struct date day;
	struct grid g;
	if (zone_and_day(q, r, &day) < 0)
		return 0;
	if (fin_loans(&q->cx, q->db, web_query(q, "fund"), &day, &res, &err) < 0) {
		fin_loan_res_release(&res);
		return web_fail(q, r, &err);
	}
	fin_loan_grid(&res, 0, &g);
	fin_loan_res_release(&res);
	return web_grid_list(q, r, &g);
}

int web_fin_meetings(struct web_req *q, struct web_res *r)
{
	static const char *const KEYS[] = { "meetings", "by_bank", "by_park" };
	struct fin_meeting_res res;
	struct kfq_err err = { 0 };
	struct period p = { 0 };
	struct date day;
	struct grid g[3];
	if (zone_and_day(q, r, &day) < 0 || web_period(q, r, 0, &p) < 0)
		return 0;
	if (fin_meetings(&q->cx, q->db, &p, &res, &err) < 0) {
		fin_meeting_res_release(&res);
		return web_fail(q, r, &err);
	}
	fin_meeting_grid(&res, &g[0]);
	fin_match_grid(&res, 1, &g[1]);
	fin_match_grid(&res, 0, &g[2]);
	fin_meeting_res_release(&res);
	return web_grids(r, KEYS, g, 3);
}

int web_fin_network(struct web_req *q, struct web_res *r)
{
	static const char *const KEYS[] = { "circles", "chains" };
	struct fin_net_res res;
	struct kfq_err err = { 0 };
	struct date day;
	struct grid g[2];
	if (zone_and_day(q, r, &day) < 0)
		return 0;
	if (fin_network(&q->cx, q->db, &day, NULL, &res, &err) < 0) {
		fin_net_res_release(&res);
		return web_fail(q, r, &err);
	}
	fin_circle_grid(&res, &g[0]);
	fin_chain_grid(&res, &g[1]);
	fin_net_res_release(&res);
	return web_grids(r, KEYS, g, 2);
}

int web_fin_exposure(struct web_req *q, struct web_res *r)
{
	struct fin_net_res res;
	struct kfq_err err = { 0 };
	struct date day;
	struct grid g;
	if (zone_and_day(q, r, &day) < 0)
		return 0;
	if (fin_network(&q->cx, q->db, &day, q->params[0], &res, &err) < 0) {
		fin_net_res_release(&res);
		return web_fail(q, r, &err);
	}
	fin_exposure_grid(&res, 0, &g);
	fin_net_res_release(&res);
	return web_grid(r, &g);
}

int web_fin_warn(struct web_req *q, struct web_res *r)
{
	struct fin_warn_res res;
	struct kfq_err err = { 0 };
	struct date day;
	struct grid g;
	if (zone_and_day(q, r, &day) < 0)
		return 0;
	if (fin_warn(&q->cx, q->db, &day, &res, &err) < 0) {
		fin_warn_res_release(&res);
		return web_fail(q, r, &err);
	}
	fin_warn_grid(&res, 0, &g);
	fin_warn_res_release(&res);
	return web_grid(r, &g);
}
