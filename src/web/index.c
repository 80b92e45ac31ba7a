/* index.c: /api/v1/index (a series of the China Danyang Eyewear Index, as
 * kfq index show), the reports on one month (/index/contributions,
 * /index/flags, /index/prosperity, /index/superlative, as kfq index
 * contributions|flags|prosperity|superlative, their grids report/'s),
 * /api/v1/index/compute and /index/publish (compute, and freeze the
 * computed months up to a period, as kfq index compute|publish, for the
 * index role). The index is the eyewear town's published figure: every
 * account that reads may read it; the flags name the reporters and their
 * prices, and are the index office's (the route table says so). */
#include "web/http.h"
#include "base/period.h"
#include "index/ixcalc.h"
#include "report/index_grid.h"
#include "report/index_month_grid.h"

#include <stdlib.h>
#include <string.h>

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

	if (web_body_object(q, r, "period", "", &b) < 0)
		return 0;
	per = json_string_value(json_object_get(b, "period"));
	if (!per || period_parse(per, &p, &err) < 0 || p.first != p.last) {
		web_error_field(r, 400, "period",
		                "period: expected the month to publish up to (\"2017-12\")");
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

/* The report's month, ?period= (required): 0 with *year, *month; -1 with
 * 400 in r, in the words of the command line's --period. */
static int report_month(struct web_req *q, struct web_res *r, int *year, int *month)
{
	struct kfq_err err = { 0 };
	const char *s = web_query(q, "period");
	struct period p;
	char text[32];
	if (!s) {
		web_error_field(r, 400, "period", "period: %s (2017-08, 2017年8月)",
		          web_text(q, "须给出月份", "required"));
		return -1;
	}
	if (period_parse(s, &p, &err) == 0 && p.kind != PERIOD_MONTH) {
		period_format(&p, text, sizeof text);
		kfq_error(&err, "\"%s\": expected a month (2017-08, 2017年8月)", text);
	}
	if (err.msg[0]) {
		kfq_err_set_field(&err, "period");
		web_fail(q, r, &err);
		return -1;
	}
	*year = p.year;
	*month = p.first;
	return 0;
}

int web_index_contributions(struct web_req *q, struct web_res *r)
{
	struct kfq_err err = { 0 };
	struct ixcalc_contrib c;
	struct grid g;
	int y, m;

	if (report_month(q, r, &y, &m) < 0)
		return 0;
	if (ixcalc_contributions(q->db, y, m, &c, &err) < 0)
		return web_fail(q, r, &err);
	index_contrib_grid(&c, 0, &g);
	ixcalc_contrib_release(&c);
	return web_grid(r, &g);
}

int web_index_flags(struct web_req *q, struct web_res *r)
{
	struct kfq_err err = { 0 };
	struct ixcalc_flag *v;
	struct grid g;
	size_t n;
	int y, m;

	if (report_month(q, r, &y, &m) < 0)
		return 0;
	if (ixcalc_flags(q->db, y, m, &v, &n, &err) < 0)
		return web_fail(q, r, &err);
	index_flags_grid(v, n, 0, &g);
	free(v);
	return web_grid(r, &g);
}

int web_index_prosperity(struct web_req *q, struct web_res *r)
{
	struct kfq_err err = { 0 };
	struct ixcalc_prow *v;
	struct grid g;
	size_t n;
	int y, m;

	if (report_month(q, r, &y, &m) < 0)
		return 0;
	if (ixcalc_prosperity(q->db, y, m, &v, &n, &err) < 0)
		return web_fail(q, r, &err);
	index_prosperity_grid(v, n, 0, &g);
	free(v);
	return web_grid(r, &g);
}

int web_index_superlative(struct web_req *q, struct web_res *r)
{
	struct kfq_err err = { 0 };
	struct ixcalc_super *v;
	enum pi_formula f;
	struct grid g;
	size_t n;
	int y, m;

	if (report_month(q, r, &y, &m) < 0)
		return 0;
	if (ixcalc_superlative(q->db, y, m, &v, &n, &f, &err) < 0)
		return web_fail(q, r, &err);
	index_superlative_grid(v, n, f, 0, &g);
	free(v);
	return web_grid(r, &g);
}

/* A month of the body (key: "2017-12") into *year, *month; absent: 0 and
 * nothing set. -1 with 400 in r. */
static int body_month(struct web_res *r, json_t *b, const char *key, int *year, int *month)
{
	struct kfq_err err = { 0 };
	json_t *v = json_object_get(b, key);
	struct period p;
	if (!v)
		return 0;
	if (!json_is_string(v) || period_parse(json_string_value(v), &p, &err) < 0 ||
	    p.kind != PERIOD_MONTH) {
		web_error(r, 400, "%s: expected a month (\"2017-12\")", key);
		return -1;
	}
	*year = p.year;
	*month = p.first;
	return 0;
}

/* Settings of the body other than the months, as kfq index compute's
 * options: 0, or -1 with 400 in r. */
static int body_settings(struct web_req *q, struct web_res *r, json_t *b,
                         struct ixcalc_settings *s)
{
	json_t *f = json_object_get(b, "formula"), *k = json_object_get(b, "outlier_k");
	json_t *mi = json_object_get(b, "max_impute"), *u = json_object_get(b, "unit");
	json_t *rev = json_object_get(b, "revise");
	int fi;
	if (f && (!json_is_string(f) || (fi = ixcalc_formula_parse(json_string_value(f))) < 0))
		return web_error_field(r, 400, "formula",
		                       "formula: expected jevons, dutot or carli"), -1;
	if (f)
		s->formula = (enum pi_formula)fi;
	if (k && !json_is_number(k))
		return web_error_field(r, 400, "outlier_k",
		                       "outlier_k: expected a number greater than 1, or 0 for no "
		                       "outlier flags"), -1;
	if (k)
		s->outlier_k = json_number_value(k);
	if (mi && (!json_is_integer(mi) || json_integer_value(mi) < 0 ||
	           json_integer_value(mi) > 1000))
		return web_error_field(r, 400, "max_impute",
		                       "max_impute: expected a whole number from 0 (no limit) to "
		                       "1000"), -1;
	if (mi)
		s->max_impute = (int)json_integer_value(mi);
	if (rev && (!json_is_string(rev) || !*json_string_value(rev)))
		return web_error_field(r, 400, "revise",
		                       "revise: expected the reason of the revision"), -1;
	s->revise = rev ? json_string_value(rev) : NULL;
	if (u && !json_is_string(u))
		return web_error_field(r, 400, "unit", "unit: expected a unit's code"), -1;
	if (u) {
		struct kfq_err err = { 0 };
		const struct kfq_model *m;
		long i;
		if (!(m = model_get(q->db, &err)))
			return web_fail(q, r, &err), -1;
		i = web_unit(q, r, m, json_string_value(u));
		model_put(m);
		if (i < 0)
			return -1;
		s->unit = json_string_value(u);
	}
	return 0;
}

int web_index_compute(struct web_req *q, struct web_res *r)
{
	struct kfq_err err = { 0 };
	struct ixcalc_settings s;
	struct ixcalc_summary sum;
	char base[16], per[16];
	json_t *b;

	ixcalc_settings_default(&s);
	if (web_body_object(q, r, "period base formula unit revise", "outlier_k max_impute", &b) < 0)
		return 0;
	if (!json_object_get(b, "period")) {
		json_decref(b);
		return web_error_field(r, 400, "period",
		                       "period: expected the month to compute up to (\"2017-12\")");
	}
	if (body_month(r, b, "period", &s.year, &s.month) < 0 ||
	    body_month(r, b, "base", &s.base_year, &s.base_month) < 0 ||
	    body_settings(q, r, b, &s) < 0) {
		json_decref(b);
		return 0;
	}
	if (ixcalc_compute(&q->cx, q->db, &s, &sum, &err) < 0) {
		json_decref(b);
		return web_fail(q, r, &err);
	}
	json_decref(b);   /* after the compute: s's strings are the body's */
	snprintf(base, sizeof base, "%04d-%02d", s.base_year, s.base_month);
	snprintf(per, sizeof per, "%04d-%02d", s.year, s.month);
	return web_json(r, 200, json_pack("{s:s, s:s, s:s, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, "
	                                  "s:I, s:s}",
	                                  "base", base, "period", per,
	                                  "formula", ixcalc_formula_name(s.formula),
	                                  "months", (json_int_t)sum.nmonths,
	                                  "items", (json_int_t)sum.nitems,
	                                  "elementary_aggregates", (json_int_t)sum.nea,
	                                  "quotes", (json_int_t)sum.nquotes,
	                                  "outliers", (json_int_t)sum.noutliers,
	                                  "imputed", (json_int_t)sum.nimputed,
	                                  "replaced", (json_int_t)sum.nreplaced,
	                                  "prosperity_months", (json_int_t)sum.nprosperity,
	                                  "revised_months", (json_int_t)sum.nrevised,
	                                  "unit", sum.unit));
}
