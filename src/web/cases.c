/* cases.c: /api/v1/cases (the visiting campaign's problems, as kfq case
 * list), /api/v1/cases/stats (how a period's problems were handled, as kfq
 * case stats), /api/v1/cases/{code} (one case's attributes, as kfq case
 * show) and /api/v1/cases/{code}/steps (a step: assign, accept, progress,
 * resolve, confirm, reopen, transfer, merge, close, as kfq case STEP): the
 * same library calls and grids (report/case_grid.c). The campaign is the
 * zone's: only an account of a top-level unit reads and works its cases;
 * a department's account sees only its department's (another's answers
 * as a case that does not exist). */
#include "web/http.h"
#include "base/date.h"
#include "base/period.h"
#include "case/case.h"
#include "report/case_grid.h"

#include <stdlib.h>
#include <string.h>

/* An account of a unit below the top sees the problems its own unit (an
 * enterprise) raised, and takes no step: the campaign is the zone's. */
static int own_unit_only(const struct web_req *q)
{
	return !q->account.top;
}

static int top_level(struct web_req *q, struct web_res *r)
{
	const int top = q->account.top;
	if (!top)
		web_error(r, 403, "%s", web_text(q, "走访问题属于全区：只允许顶层单位的账号",
		                                 "the campaign's cases are the zone's: only an account of "
		                                 "a top-level unit works them"));
	return top;
}

/* A name of list en (or zh) from the query, as an index; -1 when absent;
 * -2 with 400 in r when it is none of them. */
static int name_param(struct web_req *q, struct web_res *r, const char *key,
                      const char *const *en, const char *const *zh)
{
	const char *s = web_query(q, key);
	int i;
	if (!s)
		return -1;
	if ((i = case_name_index(s, en, zh)) < 0) {
		web_error(r, 400, "%s: \"%s\" is not one of the %ss", key, s, key);
		return -2;
	}
	return i;
}

int web_cases(struct web_req *q, struct web_res *r)
{
	struct case_list_req cq = { { 0 }, NULL, -1, -1, 0, NULL };
	struct kfq_err err = { 0 };
	struct case_list l;
	struct grid g;
	const char *day = web_query(q, "date"), *over = web_query(q, "overdue");

	if (own_unit_only(q))
		cq.enterprise = q->account.unit;
	if ((cq.status = name_param(q, r, "status", CASE_STATUS, CASE_STATUS_ZH)) < -1 ||
	    (cq.category = name_param(q, r, "category", CASE_CATEGORY, CASE_CATEGORY_ZH)) < -1)
		return 0;
	if (day && date_parse(day, &cq.day, &err) < 0) {
		kfq_err_set_field(&err, "date");
		return web_fail(q, r, &err);
	}
	/* a department's account: its department's cases only */
	cq.dept = q->account.dept[0] ? q->account.dept : web_query(q, "dept");
	cq.overdue_only = over && (strcmp(over, "1") == 0 || strcmp(over, "true") == 0);
	if (case_list(&q->cx, q->db, &cq, &l, &err) < 0) {
		case_list_release(&l);
		return web_fail(q, r, &err);
	}
	case_list_grid(&l, 0, &g);
	case_list_release(&l);
	web_grid_list(q, r, &g);
	return 0;
}

/* The case of the path into *d, when the account may see it: 0; else -1
 * with the answer in r: 404 for a case that does not exist, and the same
 * for another department's case asked for by a department's account. */
static int visible_case(struct web_req *q, struct web_res *r, struct case_detail *d)
{
	struct case_show_req cq = { q->params[0], 0, NULL };
	struct kfq_err err = { 0 };
	if (case_show(&q->cx, q->db, &cq, d, &err) < 0) {
		case_detail_release(d);
		if (err.kind == KFQ_EUSER)
			web_error(r, 404, "unknown case \"%s\"", q->params[0]);
		else
			web_fail(q, r, &err);
		return -1;
	}
	if ((q->account.dept[0] && !(d->dept && strcmp(d->dept, q->account.dept) == 0)) ||
	    (own_unit_only(q) && !(d->party.unit && strcmp(d->party.unit, q->account.unit) == 0))) {
		case_detail_release(d);
		web_error(r, 404, "unknown case \"%s\"", q->params[0]);
		return -1;
	}
	return 0;
}

int web_case_one(struct web_req *q, struct web_res *r)
{
	struct case_detail d;
	struct grid g;
	const char *contacts = web_query(q, "contacts");

	if (contacts && strcmp(contacts, "1") != 0 && strcmp(contacts, "true") != 0)
		return web_error_field(r, 400, "contacts",
		                       "contacts: expected 1 (the household's head, address and "
		                       "phone) or nothing");
	if (visible_case(q, r, &d) < 0)
		return 0;
	if (contacts && d.party.household) {
		/* personal information: read again with it, once the account may
		   see the case, the asking recorded (account, time, address) */
		struct case_show_req cq = { q->params[0], 1, q->address };
		struct kfq_err err = { 0 };
		r->personal = 1;
		case_detail_release(&d);
		if (case_show(&q->cx, q->db, &cq, &d, &err) < 0) {
			case_detail_release(&d);
			return web_fail(q, r, &err);
		}
	}
	case_detail_grid(&d, 0, &g);
	case_detail_release(&d);
	return web_grid(r, &g);
}

/* A whole number from 0 to max of the query (name), default def: 0, or
 * -1 with 400 in r naming it. */
static int days_param(struct web_req *q, struct web_res *r, const char *name, long def, long max,
                      long *out)
{
	const char *s = web_query(q, name);
	char *end;
	long v;
	*out = def;
	if (!s)
		return 0;
	v = strtol(s, &end, 10);
	if (!*s || *end || v < 0 || v > max) {
		web_error(r, 400, "%s: \"%s\": expected a number of days, 0 to %ld", name, s, max);
		return -1;
	}
	*out = v;
	return 0;
}

int web_case_overdue(struct web_req *q, struct web_res *r)
{
	struct case_overdue_req cq = { { 0 }, 5, 3 };
	struct kfq_err err = { 0 };
	struct case_overdue o;
	struct grid g;
	const char *day = web_query(q, "date"), *part = web_query(q, "by");

	if (!top_level(q, r))
		return 0;
	if (q->account.dept[0])
		return web_error(r, 403, "%s", web_text(q,
			"部门账号的超期问题见 /api/v1/cases?overdue=1；督办清单属于全区",
			"a department's overdue cases are /api/v1/cases?overdue=1; the list to chase "
			"is the zone's"));
	if (days_param(q, r, "days", 5, CASE_ESCALATE_MAX, &cq.days) < 0 ||
	    days_param(q, r, "soon", 3, CASE_SOON_MAX, &cq.soon) < 0)
		return 0;
	if (part && strcmp(part, "dept") != 0)
		return web_error_field(r, 400, "by", "by: \"%s\" (expected dept)", part);
	if (day && date_parse(day, &cq.day, &err) < 0) {
		kfq_err_set_field(&err, "date");
		return web_fail(q, r, &err);
	}
	if (case_overdue(&q->cx, q->db, &cq, &o, &err) < 0) {
		case_overdue_release(&o);
		return web_fail(q, r, &err);
	}
	if (part)
		case_overdue_depts_grid(&o, &g);
	else
		case_overdue_grid(&o, 0, &g);
	case_overdue_release(&o);
	return web_grid_list(q, r, &g);
}

int web_visit_stats(struct web_req *q, struct web_res *r)
{
	struct kfq_err err = { 0 };
	struct visit_counts n;
	struct period p;
	struct grid g;

	if (!top_level(q, r))
		return 0;
	if (web_period(q, r, 1, &p) < 0)
		return 0;
	if (visit_stats(q->db, &p, web_query(q, "campaign"), &n, &err) < 0)
		return web_fail(q, r, &err);
	visit_stats_grid(&n, &p, 0, &g);
	return web_grid(r, &g);
}

int web_case_stats(struct web_req *q, struct web_res *r)
{
	struct case_stats_req cq = { { 0 }, CASE_BY_NONE, NULL };
	struct kfq_err err = { 0 };
	struct case_stats s;
	struct grid g;
	const char *by = web_query(q, "by");

	if (!top_level(q, r))
		return 0;
	if (web_period(q, r, 1, &cq.period) < 0)
		return 0;
	if (by && strcmp(by, "dept") == 0)
		cq.by = CASE_BY_DEPT;
	else if (by && strcmp(by, "category") == 0)
		cq.by = CASE_BY_CATEGORY;
	else if (by)
		return web_error_field(r, 400, "by",
		                       "by: \"%s\" is not one of dept or category", by);
	cq.campaign = web_query(q, "campaign");
	if (case_stats(&q->cx, q->db, &cq, &s, &err) < 0) {
		case_stats_release(&s);
		return web_fail(q, r, &err);
	}
	case_stats_grid(&s, cq.by, 0, &g);
	case_stats_release(&s);
	return web_grid(r, &g);
}

/* A department's account steps only the cases assigned to its department
 * (another's answers as a case that does not exist), and only as the
 * department: accept, progress, resolve. 1 when it may; else 0 with the
 * answer in r. */
static int own_case(struct web_req *q, struct web_res *r, enum case_action a)
{
	struct case_detail d;
	if (a != CA_ACCEPT && a != CA_PROGRESS && a != CA_RESOLVE) {
		web_error(r, 403, "%s", web_text(q, "部门账号只能受理、报告进展、办结本部门的问题",
		                                 "a department's account accepts, reports progress on "
		                                 "and resolves its department's cases, nothing else"));
		return 0;
	}
	if (visible_case(q, r, &d) < 0)
		return 0;
	case_detail_release(&d);
	return 1;
}

/* Whether the account may take step a: the role cases, and for a
 * department's account only accepting, reporting progress and resolving. */
static int may_take(const struct web_req *q, enum case_action a)
{
	if (!account_can(&q->account, RIGHT_CASES) || own_unit_only(q))
		return 0;
	return !q->account.dept[0] || a == CA_ACCEPT || a == CA_PROGRESS || a == CA_RESOLVE;
}

int web_case_steps(struct web_req *q, struct web_res *r)
{
	struct case_detail d;
	json_t *steps, *actions, *o;
	int s;

	if (visible_case(q, r, &d) < 0)
		return 0;
	s = case_name_index(d.status, CASE_STATUS, CASE_STATUS_ZH);
	actions = json_array();
	for (int a = 0; a < CA_N; a++)
		if (s >= 0 && case_step_allowed((enum case_status)s, (enum case_action)a) &&
		    may_take(q, (enum case_action)a))
			json_array_append_new(actions, json_string(CASE_ACTION[a]));
	steps = json_array();
	for (size_t i = 0; i < d.nsteps; i++) {
		const struct case_step_row *st = &d.steps[i];
		char day[16];
		json_t *row;
		date_format(&st->date, day, sizeof day);
		row = json_pack("{s:s, s:s}", "date", day, "action", st->action);
		json_object_set_new(row, "dept", st->dept ? json_string(st->dept) : json_null());
		json_object_set_new(row, "note", st->note ? json_string(st->note) : json_null());
		json_object_set_new(row, "who", st->who ? json_string(st->who) : json_null());
		json_object_set_new(row, "rating", st->rating ? json_integer(st->rating) : json_null());
		json_array_append_new(steps, row);
	}
	o = json_pack("{s:s, s:s, s:o, s:o}", "code", d.code, "status", d.status, "actions", actions,
	              "steps", steps);
	case_detail_release(&d);
	return web_json(r, 200, o);
}

int web_case_step(struct web_req *q, struct web_res *r)
{
	struct case_step_req s = { 0 };
	struct case_change res;
	struct kfq_err err = { 0 };
	json_t *b, *rating;
	const char *action, *date;
	int a;

	if (!top_level(q, r) || web_body_object(q, r, "action date dept note into", "rating", &b) < 0)
		return 0;
	action = json_string_value(json_object_get(b, "action"));
	if (!action || (a = case_name_index(action, CASE_ACTION, CASE_ACTION_ZH)) < 0) {
		web_error_field(r, 400, "action",
		                "action: \"%s\": expected assign, accept, progress, resolve, "
		                "confirm, reopen, transfer, merge or close", action ? action : "");
		json_decref(b);   /* after the message: action is the body's */
		return 0;
	}
	if (q->account.dept[0] && !own_case(q, r, (enum case_action)a)) {
		json_decref(b);
		return 0;
	}
	s.code = q->params[0];
	s.action = (enum case_action)a;
	s.dept = json_string_value(json_object_get(b, "dept"));
	s.note = json_string_value(json_object_get(b, "note"));
	s.into = json_string_value(json_object_get(b, "into"));
	rating = json_object_get(b, "rating");
	if (rating && (!json_is_integer(rating) || json_integer_value(rating) < 1 ||
	               json_integer_value(rating) > 5)) {
		json_decref(b);
		return web_error_field(r, 400, "rating",
		                       "rating: expected a whole number from 1 to 5");
	}
	s.rating = rating ? (int)json_integer_value(rating) : 0;
	date = json_string_value(json_object_get(b, "date"));
	if (date && date_parse(date, &s.date, &err) < 0) {
		json_decref(b);
		kfq_err_set_field(&err, "date");
		return web_fail(q, r, &err);
	}
	if (case_apply(&q->cx, q->db, &s, &res, &err) < 0) {
		json_decref(b);
		return web_fail(q, r, &err);
	}
	json_decref(b);
	return web_json(r, 200, json_pack("{s:s, s:b, s:s, s:s}", "code", q->params[0], "changed",
	                                  res.changed, "from",
	                                  res.from >= 0 ? CASE_STATUS[res.from] : "",
	                                  "to", res.to >= 0 ? CASE_STATUS[res.to] : ""));
}
