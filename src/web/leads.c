/* leads.c: /api/v1/leads: the investment-promotion pipeline (招商引资), as
 * kfq lead list: the request and the grid are the command line's, held to
 * the account's subtree (a park's account sees the leads intended for its
 * park). */
#include "web/http.h"
#include "base/date.h"
#include "report/lead_grid.h"

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
	web_grid(r, &g);
	return 0;
}
