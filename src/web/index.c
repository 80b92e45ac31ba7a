/* index.c: /api/v1/index (a series of the China Danyang Eyewear Index, as
 * kfq index show) and /api/v1/index/publish (freeze the computed months up
 * to a period, as kfq index publish, for the index role). The index is the
 * eyewear town's published figure: every account that reads may read it. */
#include "web/http.h"
#include "base/period.h"
#include "report/index_grid.h"

#include <stdlib.h>

/* A month parameter (2017-12, 2017年12月) as year * 100 + month; 0 when
 * absent; -1 with 400 in r. */
static int month_param(struct web_req *q, struct web_res *r, const char *key, int *out)
{
	struct kfq_err err = { 0 };
	const char *s = web_query(q, key);
	struct period p;
	*out = 0;
	if (!s)
		return 0;
	if (period_parse(s, &p, &err) < 0 || p.first != p.last) {
		if (!err.msg[0])
			kfq_error(&err, "\"%s\" is not a month (2017-12)", s);
		kfq_err_set_field(&err, key);
		web_fail(q, r, &err);
		return -1;
	}
	*out = p.year * 100 + p.last;
	return 0;
}

int web_index(struct web_req *q, struct web_res *r)
{
	struct kfq_err err = { 0 };
	struct ixcalc_point *v;
	struct period rp;
	const char *rebase = web_query(q, "rebase");
	int from, to;
	size_t n;
	struct grid g;

	if (month_param(q, r, "from", &from) < 0 || month_param(q, r, "to", &to) < 0)
		return 0;
	if (rebase && period_parse(rebase, &rp, &err) < 0) {
		kfq_err_set_field(&err, "rebase");
		return web_fail(q, r, &err);
	}
	if (ixcalc_series(q->db, web_query(q, "channel"), web_query(q, "category"),
	                  rebase ? &rp : NULL, from, to, &v, &n, &err) < 0)
		return web_fail(q, r, &err);
	index_series_grid(v, n, 0, &g);
	free(v);
	web_grid(r, &g);
	return 0;
}

int web_index_publish(struct web_req *q, struct web_res *r)
{
	struct kfq_err err = { 0 };
	struct period p;
	json_t *b, *months;
	const char *per;
	int *mv;
	size_t n;

	if (web_body_object(q, r, &b) < 0)
		return 0;
	per = json_string_value(json_object_get(b, "period"));
	if (!per || period_parse(per, &p, &err) < 0 || p.first != p.last) {
		web_error(r, 400, "period: expected the month to publish up to (\"2017-12\")");
		json_decref(b);
		return 0;
	}
	json_decref(b);
	if (ixcalc_publish(&q->cx, q->db, p.year, p.last, &mv, &n, &err) < 0)
		return web_fail(q, r, &err);
	months = json_array();
	for (size_t i = 0; i < n; i++) {
		char m[16];
		snprintf(m, sizeof m, "%04d-%02d", mv[i] / 100, mv[i] % 100);
		json_array_append_new(months, json_string(m));
	}
	free(mv);
	return web_json(r, 200, json_pack("{s:o}", "published", months));
}
