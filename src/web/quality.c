/* quality.c: the approval of units' months and their publication through
 * the API (quality/approval.h, quality/publish.h; docs/quality.md):
 * GET /api/v1/approval (the tree, as kfq approval status), POST
 * /api/v1/approval/{unit}/{period} (a step: submit needs the right to
 * enter data; approve, certify and reopen the right to publish), POST
 * /api/v1/publications/{unit}/{period} (kfq publish) and GET
 * /api/v1/publications/{unit}/{period} (kfq revisions). Each unit is held
 * to the account's subtree. Depends on the library and web/http.h. */
#include "web/http.h"
#include "quality/approval.h"
#include "quality/publish.h"
#include "report/quality_grid.h"
#include "base/xalloc.h"

#include <stdlib.h>
#include <string.h>

/* {period} of the path as a month: 0, or -1 with 400 in r. */
static int path_month(struct web_req *q, struct web_res *r, const char *text, struct period *p)
{
	struct kfq_err err = { 0 };
	if (period_parse(text, p, &err) < 0) {
		kfq_err_set_field(&err, "period");
		web_fail(q, r, &err);
		return -1;
	}
	return 0;
}

/* The unit {unit} within the account's subtree: its code (q->params[0]),
 * or NULL with 404 in r. */
static const char *path_unit(struct web_req *q, struct web_res *r)
{
	struct kfq_err err = { 0 };
	const struct kfq_model *m;
	long u;
	if (!(m = model_get(q->db, &err))) {
		web_fail(q, r, &err);
		return NULL;
	}
	u = web_unit(q, r, m, q->params[0]);
	model_put(m);
	return u < 0 ? NULL : q->params[0];
}

int web_approval(struct web_req *q, struct web_res *r)
{
	struct kfq_err err = { 0 };
	struct approval_tree t;
	const struct kfq_model *m;
	struct period p;
	struct grid g;
	const char *unit = web_query(q, "unit");
	long u;

	if (web_period(q, r, 1, &p) < 0)
		return 0;
	if (!(m = model_get(q->db, &err)))
		return web_fail(q, r, &err);
	u = web_unit(q, r, m, unit);
	model_put(m);
	if (u < 0)
		return 0;
	if (approval_status(q->db, unit ? unit : q->account.unit, &p, &t, &err) < 0)
		return web_fail(q, r, &err);
	approval_grid(&t, 0, 0, &g);
	approval_tree_release(&t);
	return web_grid(r, &g);
}

int web_approval_step(struct web_req *q, struct web_res *r)
{
	static const char *const STEPS[] = { "submit", "approve", "certify", "reopen", NULL };
	static const enum approval_step STEP[] = { AP_SUBMIT, AP_APPROVE, AP_CERTIFY, AP_REOPEN };
	struct kfq_err err = { 0 };
	struct period p;
	json_t *b;
	const char *step, *note, *unit;
	char *note_copy;
	int k = -1, rc;

	if (!(unit = path_unit(q, r)) || path_month(q, r, q->params[1], &p) < 0)
		return 0;
	if (web_body_object(q, r, "step note", "", &b) < 0)
		return 0;
	step = json_string_value(json_object_get(b, "step"));
	note = json_string_value(json_object_get(b, "note"));
	for (int i = 0; step && STEPS[i]; i++)
		if (strcmp(step, STEPS[i]) == 0)
			k = i;
	if (k < 0) {
		json_decref(b);
		return web_error_field(r, 400, "step",
		                       "step: expected submit, approve, certify or reopen");
	}
	if (note && strlen(note) > NOTE_MAX) {
		json_decref(b);
		return web_error_field(r, 400, "note", "note: at most %d bytes", NOTE_MAX);
	}
	/* submitting is the clerk's or the enterprise's; the rest the approver's */
	if (k > 0 && !account_can(&q->account, RIGHT_PUBLISH)) {
		json_decref(b);
		return web_error(r, 403, "%s \"%s\" (%s: %s)",
		                 web_text(q, "此账号没有权限", "this account lacks the right"),
		                 right_name(RIGHT_PUBLISH), web_text(q, "角色", "roles"),
		                 q->account.roles);
	}
	note_copy = note ? xstrdup(note) : NULL;
	json_decref(b);
	rc = approval_apply(q->db, &q->cx, unit, &p, STEP[k], note_copy, &err);
	free(note_copy);
	if (rc < 0)
		return web_fail(q, r, &err);
	return web_json(r, 200, json_pack("{s:s, s:s, s:s}", "unit", unit, "period", q->params[1],
	                                  "step", STEPS[k]));
}

int web_publish(struct web_req *q, struct web_res *r)
{
	struct kfq_err err = { 0 };
	struct publish_result res;
	struct period p;
	json_t *b;
	const char *reason, *unit;
	char *reason_copy;
	int rc;

	if (!(unit = path_unit(q, r)) || path_month(q, r, q->params[1], &p) < 0)
		return 0;
	if (web_body_object(q, r, "reason", "", &b) < 0)
		return 0;
	reason = json_string_value(json_object_get(b, "reason"));
	if (reason && strlen(reason) > NOTE_MAX) {
		json_decref(b);
		return web_error_field(r, 400, "reason", "reason: at most %d bytes", NOTE_MAX);
	}
	reason_copy = reason ? xstrdup(reason) : NULL;
	json_decref(b);
	rc = publish_month(q->db, &q->cx, unit, &p, reason_copy, &res, &err);
	free(reason_copy);
	if (rc < 0)
		return web_fail(q, r, &err);
	return web_json(r, 200, json_pack("{s:s, s:s, s:i, s:I, s:I, s:I}", "unit", unit, "period",
	                                  q->params[1], "revision", res.revision, "figures",
	                                  (json_int_t)res.figures, "units", (json_int_t)res.units,
	                                  "changed", (json_int_t)res.changed));
}

int web_revisions(struct web_req *q, struct web_res *r)
{
	struct kfq_err err = { 0 };
	const struct kfq_model *m;
	struct pub_report rep;
	struct period p;
	struct grid g;
	const char *rs = web_query(q, "revision");
	long u, revision = 0;
	json_t *out, *revs;

	if (rs) {
		char *end;
		revision = strtol(rs, &end, 10);
		if (*end || revision < 1 || revision > 100000)
			return web_error_field(r, 400, "revision",
			                       "revision: expected a revision number (1, 2 ...)");
	}
	if (path_month(q, r, q->params[1], &p) < 0)
		return 0;
	if (!(m = model_get(q->db, &err)))
		return web_fail(q, r, &err);
	if ((u = web_unit(q, r, m, q->params[0])) < 0) {
		model_put(m);
		return 0;
	}
	if (publish_read(q->db, m, (size_t)u, &p, (int)revision, &rep, &err) < 0) {
		model_put(m);
		return web_fail(q, r, &err);
	}
	if (revision > 0) {
		revision_figures_grid(m, &rep, 0, &g);
		pub_report_release(&rep);
		model_put(m);
		return web_grid(r, &g);
	}
	revs = json_array();
	for (size_t i = 0; i < rep.npubs; i++)
		json_array_append_new(revs, json_pack("{s:i, s:s, s:s, s:s?}", "revision",
		                                      rep.pubs[i].revision, "at", rep.pubs[i].at, "who",
		                                      rep.pubs[i].who, "reason", rep.pubs[i].reason));
	revision_changes_grid(m, &rep, 0, &g);
	pub_report_release(&rep);
	model_put(m);
	/* the changes as the command line's --format json writes them */
	{
		struct sbuf sb;
		json_error_t je;
		json_t *changes;
		sbuf_init(&sb);
		grid_json(&g, &sb);
		grid_release(&g);
		changes = json_loads(sb.buf, 0, &je);
		sbuf_release(&sb);
		out = json_pack("{s:o, s:o}", "revisions", revs, "changes",
		                changes ? changes : json_array());
	}
	return web_json(r, 200, out);
}
