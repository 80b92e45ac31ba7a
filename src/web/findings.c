/* findings.c: /api/v1/findings (the validation rules' findings, as kfq
 * findings list), /api/v1/findings/{id} (one, as kfq findings show) and
 * /api/v1/findings/{id}/explain (why: the rule, every value its check read,
 * the range and the verdict, as kfq findings explain) and a finding closed
 * as confirmed (POST .../close, as kfq findings close): the library's
 * queries and the command line's grids (report/quality_grid.c), held to the
 * account's subtree (a finding of a unit outside it is not found). */
#include "web/http.h"
#include "quality/finding.h"
#include "report/quality_grid.h"
#include "base/xalloc.h"

#include <stdlib.h>
#include <string.h>

static int zh_of(const struct web_req *q)
{
	return q->cx.lang == KFQ_ZH;
}

int web_findings(struct web_req *q, struct web_res *r)
{
	struct finding_query fq = { 0 };
	struct finding_list l;
	struct kfq_err err = { 0 };
	const struct kfq_model *m;
	struct period p = { 0 };
	struct grid g;
	const char *status = web_query(q, "status"), *sev = web_query(q, "severity");
	long u;

	if (web_period(q, r, 0, &p) < 0)
		return 0;
	if (status && strcmp(status, "all") != 0 && strcmp(status, "open") != 0 &&
	    strcmp(status, "closed") != 0)
		return web_error_field(r, 400, "status",
		                       "status: \"%s\": expected open, closed or all", status);
	if (sev && strcmp(sev, "error") != 0 && strcmp(sev, "warning") != 0)
		return web_error_field(r, 400, "severity",
		                       "severity: \"%s\": expected error or warning", sev);
	if (!(m = model_get(q->db, &err)))
		return web_fail(q, r, &err);
	if ((u = web_unit(q, r, m, web_query(q, "unit"))) < 0) {
		model_put(m);
		return 0;
	}
	fq.status = !status ? "open" : strcmp(status, "all") == 0 ? NULL : status;
	fq.severity = sev;
	fq.rule = web_query(q, "rule");
	fq.period = p.year ? &p : NULL;
	fq.unit = m->units.v[u].code;
	if (finding_read(q->db, &fq, &l, &err) < 0) {
		model_put(m);
		return web_fail(q, r, &err);
	}
	model_put(m);
	finding_grid(&l, zh_of(q), &g);
	finding_list_release(&l);
	return web_grid_list(q, r, &g);
}

/* The finding of the path's id within the account's subtree: 1 with l
 * holding it, 0 with r filled (400 or 404). */
static int one(struct web_req *q, struct web_res *r, struct finding_list *l, int64_t *id)
{
	struct finding_query fq = { 0 };
	struct kfq_err err = { 0 };
	char *end;
	long long v = strtoll(q->params[0], &end, 10);
	if (!*q->params[0] || *end || v <= 0) {
		web_error(r, 400, "finding \"%s\": expected a number (kfq findings list)", q->params[0]);
		return 0;
	}
	*id = (int64_t)v;
	fq.id = *id;
	fq.unit = q->account.unit;
	if (finding_read(q->db, &fq, l, &err) < 0) {
		web_fail(q, r, &err);
		return 0;
	}
	if (!l->n) {
		finding_list_release(l);
		web_error(r, 404, "no finding %s", q->params[0]);
		return 0;
	}
	return 1;
}

int web_finding(struct web_req *q, struct web_res *r)
{
	struct finding_list l;
	struct grid g;
	int64_t id;
	if (!one(q, r, &l, &id))
		return 0;
	finding_show_grid(&l.v[0], zh_of(q), &g);
	finding_list_release(&l);
	return web_grid(r, &g);
}

int web_finding_explain(struct web_req *q, struct web_res *r)
{
	struct finding_list l;
	struct finding_explanation e;
	struct kfq_err err = { 0 };
	struct grid g;
	int64_t id;
	if (!one(q, r, &l, &id))
		return 0;
	finding_list_release(&l);
	if (finding_explain(q->db, id, &e, &err) < 0) {
		finding_explanation_release(&e);
		return web_fail(q, r, &err);
	}
	finding_explain_grid(&e, zh_of(q), &g);
	finding_explanation_release(&e);
	return web_grid(r, &g);
}

/* POST /api/v1/findings/{id}/close {"note": "why the value stands"}: the
 * finding closed as confirmed, as kfq findings close ID --note (the
 * approver's right; a finding outside the account's subtree is not found). */
int web_finding_close(struct web_req *q, struct web_res *r)
{
	struct finding_list l;
	struct kfq_err err = { 0 };
	const char *note;
	char *copy;
	json_t *b;
	int64_t id;
	int rc;
	if (!one(q, r, &l, &id))
		return 0;
	finding_list_release(&l);
	if (web_body_object(q, r, "note", "", &b) < 0)
		return 0;
	note = json_string_value(json_object_get(b, "note"));
	if (note && strlen(note) > NOTE_MAX) {
		json_decref(b);
		return web_error_field(r, 400, "note", "note: at most %d bytes", NOTE_MAX);
	}
	copy = note ? xstrdup(note) : NULL;
	json_decref(b);
	rc = finding_close(q->db, &q->cx, id, copy, &err);
	free(copy);
	if (rc < 0)
		return web_fail(q, r, &err);
	return web_json(r, 200, json_pack("{s:I, s:s}", "id", (json_int_t)id, "status", "closed"));
}

