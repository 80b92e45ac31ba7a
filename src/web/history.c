/* history.c: GET /api/v1/history: the change history of one unit of the
 * account's subtree (its own unit by default), as kfq history --format
 * json gives it. */
#include "web/http.h"
#include "base/period.h"
#include "report/history_grid.h"

#include <stdlib.h>

int web_history(struct web_req *q, struct web_res *r)
{
	struct kfq_err err = { 0 };
	struct history_query hq = { 0 };
	const struct kfq_model *m;
	struct period p;
	struct grid g;
	const char *per = web_query(q, "period");
	char canon[32];
	size_t limit = 100;
	long u;

	if (web_query(q, "limit")) {
		char *end;
		long n = strtol(web_query(q, "limit"), &end, 10);
		if (*end || n < 1 || n > 10000)
			return web_error_field(r, 400, "limit",
			                       "limit: \"%s\": expected a whole number from 1 to 10000",
			                       web_query(q, "limit"));
		limit = (size_t)n;
	}
	if (per) {
		if (period_parse(per, &p, &err) < 0) {
			kfq_err_set_field(&err, "period");
			return web_fail(q, r, &err);
		}
		period_format(&p, canon, sizeof canon);
		hq.period = canon;
	}
	if (!(m = model_get(q->db, &err)))
		return web_fail(q, r, &err);
	if ((u = web_unit(q, r, m, web_query(q, "unit"))) < 0) {
		model_put(m);
		return 0;
	}
	hq.unit = m->units.v[u].code;
	hq.indicator = web_query(q, "indicator");
	hq.limit = (long)limit;
	if (history_build(q->db, m, &hq, 0, 0, &g, &err) < 0) {
		model_put(m);
		return web_fail(q, r, &err);
	}
	web_grid_list(q, r, &g);
	model_put(m);
	return 0;
}
