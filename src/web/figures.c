/* figures.c: /api/v1/figures (the bulletin), /api/v1/figures/{indicator}
 * (one indicator's figures) and /api/v1/missing (who has not reported):
 * the grids kfq bulletin, kfq show and kfq missing build, with the same
 * library calls, in the same JSON. */
#include "web/http.h"
#include "report/bulletin.h"
#include "report/missing.h"
#include "report/show.h"

#include <stdlib.h>
#include <string.h>

/* ?partial=1: growth and completion of partial figures too (--partial). */
static int partial_ratios(struct web_req *q)
{
	const char *s = web_query(q, "partial");
	return s && (strcmp(s, "1") == 0 || strcmp(s, "true") == 0);
}

/* The period parameter (required when need), parsed into *p. */
int web_bulletin(struct web_req *q, struct web_res *r)
{
	struct bulletin_opts o = { 0 };
	struct kfq_err err = { 0 };
	const struct kfq_model *m;
	struct figure_ctx fc;
	struct period p;
	struct grid g;
	long u;
	int rc;

	if (web_period(q, r, 1, &p) < 0)
		return 0;
	if (!(m = model_get(q->db, &err)))
		return web_fail(q, r, &err);
	if ((u = web_unit(q, r, m, web_query(q, "unit"))) < 0) {
		model_put(m);
		return 0;
	}
	o.period = &p;
	o.unit = (size_t)u;
	o.english = q->cx.lang == KFQ_EN;
	o.children = 1;
	figure_ctx_init(&fc, q->db, &m->units, &m->inds);
	fc.partial_ratios = partial_ratios(q);
	rc = bulletin_build(&fc, &o, &g, &err);
	if (rc == 0) {
		web_grid(r, &g);
	} else {
		web_fail(q, r, &err);
		grid_release(&g);
	}
	figure_ctx_release(&fc);
	model_put(m);
	return 0;
}

int web_figures(struct web_req *q, struct web_res *r)
{
	const char *by = web_query(q, "by");
	struct show_opts o = { 0 };
	struct kfq_err err = { 0 };
	const struct kfq_model *m;
	struct grid g;
	long u;

	if (by && strcmp(by, "children") != 0)
		return web_error_field(r, 400, "by", "by: \"%s\" (expected children)", by);
	if (web_period(q, r, 0, &o.period) < 0)
		return 0;
	if (!(m = model_get(q->db, &err)))
		return web_fail(q, r, &err);
	if ((u = web_unit(q, r, m, web_query(q, "unit"))) < 0) {
		model_put(m);
		return 0;
	}
	o.indicator = q->params[0];
	o.unit = (size_t)u;
	o.measure = web_query(q, "measure");
	o.children = by != NULL;
	o.partial_ratios = partial_ratios(q);
	if (show_build(q->db, m, &o, &g, &err) < 0) {
		model_put(m);
		return web_fail(q, r, &err);
	}
	web_grid(r, &g);
	model_put(m);
	return 0;
}

int web_missing(struct web_req *q, struct web_res *r)
{
	struct missing_opts o = { 0 };
	struct kfq_err err = { 0 };
	const struct kfq_model *m;
	struct grid g;
	size_t n;
	long u;

	if (web_period(q, r, 1, &o.period) < 0)
		return 0;
	if (!(m = model_get(q->db, &err)))
		return web_fail(q, r, &err);
	if ((u = web_unit(q, r, m, web_query(q, "unit"))) < 0) {
		model_put(m);
		return 0;
	}
	o.unit = (size_t)u;
	o.indicator = web_query(q, "indicator");
	o.deadline_day = MISSING_DEADLINE_DAY;
	if (web_query(q, "deadline_day")) {
		const char *s = web_query(q, "deadline_day");
		char *end;
		long v = strtol(s, &end, 10);
		if (!*s || *end || v < 1 || v > 31) {
			model_put(m);
			return web_error_field(r, 400, "deadline_day",
			                       "deadline_day: \"%s\": expected a day of the month, 1 "
			                       "to 31", s);
		}
		o.deadline_day = (int)v;
	}
	if (missing_build(q->db, m, &o, &g, &n, &err) < 0) {
		model_put(m);
		return web_fail(q, r, &err);
	}
	web_grid(r, &g);
	model_put(m);
	return 0;
}
