/* assessments.c: /api/v1/assessments/{scheme}/{period} (a stored run's
 * ranking, as kfq assess show SCHEME --period P), .../explain (every
 * ranked entity's sentence, as --explain) and .../entities/{code} (one
 * entity's indicators beside the leader and the median, as --entity CODE):
 * the latest stored run of the scheme for the period, or ?run=N; and
 * /api/v1/assessments, the stored runs a page can offer to show. The grids
 * are the command line's (report/assess_grid.c). The web has no scheme
 * file: it shows what was stored (assess_view_open), never today's
 * figures rated afresh. A run is read whole by an account of a top-level
 * unit, or one whose subtree holds every entity rated; one entity by an
 * account whose subtree holds it (another is 404 as a unit that does not
 * exist). */
#include "web/http.h"
#include "assess/assess.h"
#include "report/assess_grid.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

/* A whole number from lo to hi of the path or query (name), in the
 * command line's words when it is not one: 0, or -1 with 400 in r. */
static int whole_number(struct web_res *r, const char *name, const char *s, int64_t lo,
                        int64_t hi, int64_t *out)
{
	char *end;
	long long n;
	errno = 0;
	n = strtoll(s, &end, 10);
	if (!*s || *end || errno || n < lo || n > hi) {
		web_error(r, 400, "%s: \"%s\": expected a whole number from %" PRId64 " to %" PRId64,
		          name, s, lo, hi);
		return -1;
	}
	*out = n;
	return 0;
}

/* The run of the path and query into *v: 0; else -1 with the answer in r
 * (400 for a bad period or run, 404 for no such stored run). */
static int open_run(struct web_req *q, struct web_res *r, struct assess_view *v)
{
	struct kfq_err err = { 0 };
	const char *runq = web_query(q, "run");
	int64_t period, run = 0;

	memset(v, 0, sizeof *v);
	if (whole_number(r, "period", q->params[1], 1900, 2999, &period) < 0 ||
	    (runq && whole_number(r, "run", runq, 1, INT64_MAX, &run) < 0))
		return -1;
	if (assess_view_open(q->db, q->params[0], (int)period, run, v, &err) < 0) {
		assess_view_release(v);
		if (err.kind == KFQ_EUSER)
			web_error(r, 404, "%s", web_err_text(q, &err));
		else
			web_fail(q, r, &err);
		return -1;
	}
	return 0;
}

/* Whether the account may read the whole run: its unit is a top-level
 * one, or its subtree holds every entity rated. -1 on a fault (in r). */
static int whole_run(struct web_req *q, struct web_res *r, const struct assess_view *v)
{
	struct kfq_err err = { 0 };
	const struct kfq_model *m;
	long scope;
	int all = 1;
	if (q->account.top)
		return 1;
	if (!(m = model_get(q->db, &err)))
		return web_fail(q, r, &err), -1;
	scope = units_find(&m->units, q->account.unit);
	for (size_t e = 0; e < v->d.n && all; e++) {
		long u = units_find(&m->units, v->d.ents[e].code);
		all = scope >= 0 && u >= 0 && units_within(&m->units, (size_t)u, (size_t)scope);
	}
	model_put(m);
	return all;
}

static int refuse_whole(struct web_req *q, struct web_res *r)
{
	return web_error(r, 403, "%s", web_text(q, "此评价涵盖本账号辖区以外的单位：只允许顶层单位的账号"
	                                        "查看全部结果，其他账号可查看本辖区的单位",
	                                        "this assessment rates units outside the account's "
	                                        "subtree: only an account of a top-level unit reads "
	                                        "it whole; others read their own units"));
}

int web_assessment(struct web_req *q, struct web_res *r)
{
	struct assess_view v;
	struct grid g;
	int ok;

	if (open_run(q, r, &v) < 0)
		return 0;
	if ((ok = whole_run(q, r, &v)) <= 0) {
		assess_view_release(&v);
		return ok < 0 ? 0 : refuse_whole(q, r);
	}
	assess_ranking_grid(&v.d, &v.r, v.has_prev ? v.prev : NULL, 0, &g);
	assess_view_release(&v);
	return web_grid(r, &g);
}

int web_assessment_explain(struct web_req *q, struct web_res *r)
{
	struct kfq_err err = { 0 };
	struct assess_view v;
	struct grid g;
	int ok;

	if (open_run(q, r, &v) < 0)
		return 0;
	if ((ok = whole_run(q, r, &v)) <= 0) {
		assess_view_release(&v);
		return ok < 0 ? 0 : refuse_whole(q, r);
	}
	if (assess_sentences_grid(&v.d, &v.r, 0, &g, &err) < 0) {
		assess_view_release(&v);
		return web_fail(q, r, &err);
	}
	assess_view_release(&v);
	return web_grid(r, &g);
}

int web_assessment_sensitivity(struct web_req *q, struct web_res *r)
{
	struct kfq_err err = { 0 };
	struct as_sens_opts o = { 1000, 1 };
	struct as_sens_result sr;
	struct assess_view v;
	struct as_input in;
	const char *runs = web_query(q, "runs"), *seed = web_query(q, "seed");
	int64_t n;
	struct grid g;
	int ok;

	if (runs) {
		if (whole_number(r, "runs", runs, 1, 10000, &n) < 0)
			return 0;
		o.runs = (size_t)n;
	}
	if (seed) {
		if (whole_number(r, "seed", seed, 0, INT64_MAX, &n) < 0)
			return 0;
		o.seed = (uint64_t)n;
	}
	if (open_run(q, r, &v) < 0)
		return 0;
	if ((ok = whole_run(q, r, &v)) <= 0) {
		assess_view_release(&v);
		return ok < 0 ? 0 : refuse_whole(q, r);
	}
	in = assess_input(&v.d);
	if (as_sensitivity(&v.d.scheme, &in, &v.r, &o, &sr, &err) < 0) {
		assess_view_release(&v);
		return web_fail(q, r, &err);
	}
	assess_sensitivity_grid(&v.d, &v.r, &sr, 0, &g);
	as_sens_release(&sr);
	assess_view_release(&v);
	return web_grid(r, &g);
}

int web_assessment_entity(struct web_req *q, struct web_res *r)
{
	struct kfq_err err = { 0 };
	struct assess_view v;
	struct as_explain ex;
	struct as_input in;
	struct grid g;
	const char *code = q->params[2];
	size_t e;
	int ok;

	if (open_run(q, r, &v) < 0)
		return 0;
	if ((ok = whole_run(q, r, &v)) < 0) {
		assess_view_release(&v);
		return 0;
	}
	if (!ok) {   /* then the entity must lie in the account's subtree */
		const struct kfq_model *m;
		long u;
		if (!(m = model_get(q->db, &err))) {
			assess_view_release(&v);
			return web_fail(q, r, &err);
		}
		u = web_unit(q, r, m, code);
		model_put(m);
		if (u < 0) {
			assess_view_release(&v);
			return 0;
		}
	}
	for (e = 0; e < v.d.n && strcmp(v.d.ents[e].code, code) != 0; e++)
		;
	if (e == v.d.n) {
		web_error(r, 404, "assess: --entity \"%s\": not among the %zu entities rated", code,
		          v.d.n);
		assess_view_release(&v);
		return 0;
	}
	in = assess_input(&v.d);
	if (as_explain(&v.d.scheme, &in, &v.r, e, &ex, &err) < 0) {
		assess_view_release(&v);
		return web_fail(q, r, &err);
	}
	assess_entity_grid(&v.d, &v.r, e, &ex, 0, &g);
	as_explain_release(&ex);
	assess_view_release(&v);
	return web_grid(r, &g);
}

int web_assessment_runs(struct web_req *q, struct web_res *r)
{
	struct assess_runs l;
	struct kfq_err err = { 0 };
	const char *per = web_query(q, "period");
	int64_t period = 0;
	json_t *out;

	if (per && whole_number(r, "period", per, 1900, 9999, &period) < 0)
		return 0;
	if (assess_runs(q->db, (int)period, &l, &err) < 0)
		return web_fail(q, r, &err);
	out = json_array();
	for (size_t i = 0; i < l.n; i++) {
		const struct assess_run_row *w = &l.v[i];
		json_t *o = json_pack("{s:I, s:s, s:s, s:i, s:s, s:s}", "run", (json_int_t)w->id,
		                      "scheme", w->scheme, "version", w->version, "period", w->period,
		                      "at", w->at, "who", w->who);
		json_object_set_new(o, "name", w->name ? json_string(w->name) : json_null());
		json_array_append_new(out, o);
	}
	assess_runs_release(&l);
	return web_json(r, 200, out);
}
