/* users.c: /api/v1/users: the accounts, for an account with the right
 * "accounts" (admin), through the same library calls as kfq user; an
 * admin sees and manages only the accounts of its own subtree, and grants
 * only units inside it. The audit log: GET /api/v1/audit. */
#include "web/http.h"

#include <stdlib.h>
#include <string.h>

/* Whether unit code lies in the admin's subtree (m loaded). */
static int inside(struct web_req *q, const struct kfq_model *m, const char *code)
{
	long u = units_find(&m->units, code), s = units_find(&m->units, q->account.unit);
	return u >= 0 && s >= 0 && units_within(&m->units, (size_t)u, (size_t)s);
}

static json_t *user_json(const struct account *a)
{
	json_t *o = json_pack("{s:s, s:s, s:s, s:b, s:s}", "name", a->name, "unit", a->unit,
	                      "roles", a->roles, "disabled", a->disabled, "created", a->created);
	json_object_set_new(o, "dept", a->dept[0] ? json_string(a->dept) : json_null());
	return o;
}

int web_users(struct web_req *q, struct web_res *r)
{
	struct kfq_err err = { 0 };
	const struct kfq_model *m;
	struct account *v;
	size_t n;
	json_t *items;
	if (!(m = model_get(q->db, &err)))
		return web_fail(q, r, &err);
	if (account_list(q->db, &v, &n, &err) < 0) {
		model_put(m);
		return web_fail(q, r, &err);
	}
	items = json_array();
	for (size_t i = 0; i < n; i++)
		if (inside(q, m, v[i].unit))
			json_array_append_new(items, user_json(&v[i]));
	free(v);
	model_put(m);
	return web_json(r, 200, json_pack("{s:o}", "items", items));
}

/* The account of the path, inside the admin's subtree (404 otherwise). */
static int target(struct web_req *q, struct web_res *r, const struct kfq_model **m,
                  struct account *a)
{
	struct kfq_err err = { 0 };
	int found;
	if (!(*m = model_get(q->db, &err)))
		return web_fail(q, r, &err), -1;
	found = account_get(q->db, q->params[0], a, &err);
	if (found < 0) {
		model_put(*m);
		return web_fail(q, r, &err), -1;
	}
	if (!found || !inside(q, *m, a->unit)) {
		model_put(*m);
		return web_error(r, 404, "unknown account \"%s\"", q->params[0]), -1;
	}
	return 0;
}

static int unit_inside(struct web_req *q, struct web_res *r, const struct kfq_model *m,
                       const char *unit)
{
	if (unit && !inside(q, m, unit))
		return web_error(r, 404, "unknown unit \"%s\"", unit), -1;
	return 0;
}

static const char *text(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

int web_user_add(struct web_req *q, struct web_res *r)
{
	struct kfq_err err = { 0 };
	const struct kfq_model *m;
	json_t *b;
	const char *name, *pw, *unit, *roles;
	int rc;
	if (web_body_object(q, r, "name password unit roles dept", "", &b) < 0)
		return 0;
	name = text(b, "name");
	pw = text(b, "password");
	unit = text(b, "unit");
	roles = text(b, "roles");
	if (!name || !pw || !unit || !roles) {
		json_decref(b);
		return web_error(r, 400, "%s", web_text(q, "须给出 name、password、unit、roles（字符串）",
		                                        "give name, password, unit and roles (strings)"));
	}
	if (!(m = model_get(q->db, &err))) {
		json_decref(b);
		return web_fail(q, r, &err);
	}
	rc = unit_inside(q, r, m, unit);
	model_put(m);
	if (rc == 0 && account_add(q->db, &q->cx, name, pw, unit, roles, text(b, "dept"), &err) < 0)
		web_fail(q, r, &err);
	else if (rc == 0)
		web_json(r, 201, json_pack("{s:s}", "added", name));
	json_decref(b);
	return 0;
}

int web_user_change(struct web_req *q, struct web_res *r)
{
	struct kfq_err err = { 0 };
	const struct kfq_model *m;
	struct account a;
	json_t *b, *dis;
	const char *pw, *unit, *roles, *dept;
	int rc = 0;
	if (web_body_object(q, r, "password unit roles dept", "disabled", &b) < 0)
		return 0;
	if (target(q, r, &m, &a) < 0) {
		json_decref(b);
		return 0;
	}
	pw = text(b, "password");
	unit = text(b, "unit");
	roles = text(b, "roles");
	dept = text(b, "dept");
	dis = json_object_get(b, "disabled");
	if (dis && !json_is_boolean(dis)) {
		web_error_field(r, 400, "disabled", "disabled: expected true or false");
		rc = -1;
	}
	/* an account's own roles, unit and department are changed by another
	 * administrator: an admin of accounts alone would otherwise grant
	 * itself the rights to data and publishing */
	if (rc == 0 && (roles || unit || dept || dis) && strcmp(a.name, q->account.name) == 0) {
		web_error(r, 403, "%s", web_text(q, "不能更改自己账号的角色、单位、部门或停用状态（请另一位管理员更改）",
		                                 "an account's own roles, unit, department or "
		                                 "disabled state are changed by another administrator"));
		rc = -1;
	}
	if (rc == 0)
		rc = unit_inside(q, r, m, unit);
	model_put(m);
	if (rc == 0 && (roles || unit || dept) &&
	    account_grant(q->db, &q->cx, a.name, roles, unit, dept, &err) < 0)
		rc = -1;
	if (rc == 0 && pw && account_passwd(q->db, &q->cx, a.name, pw, &err) < 0)
		rc = -1;
	if (rc == 0 && dis && account_disable(q->db, &q->cx, a.name, json_is_true(dis), &err) < 0)
		rc = -1;
	json_decref(b);
	if (rc < 0)
		return err.msg[0] ? web_fail(q, r, &err) : 0;
	if (account_get(q->db, a.name, &a, &err) != 1)
		return web_fail(q, r, &err);
	return web_json(r, 200, user_json(&a));
}

int web_audit(struct web_req *q, struct web_res *r)
{
	struct kfq_err err = { 0 };
	const struct kfq_model *m;
	struct audit_list l;
	struct account *v;
	size_t n, page, per;
	json_t *items;
	if (web_page(q, r, &page, &per) < 0)
		return 0;
	if (!(m = model_get(q->db, &err)))
		return web_fail(q, r, &err);
	if (account_list(q->db, &v, &n, &err) < 0 ||
	    audit_read(q->db, web_query(q, "account"), (long)(page * per), &l, &err) < 0) {
		model_put(m);
		return web_fail(q, r, &err);
	}
	items = json_array();
	for (size_t i = (page - 1) * per; i < l.n; i++) {
		/* entries about accounts of the admin's subtree only */
		int mine = 0;
		for (size_t k = 0; k < n && !mine; k++)
			mine = l.v[i].account && strcmp(l.v[i].account, v[k].name) == 0 &&
			       inside(q, m, v[k].unit);
		if (mine)
			json_array_append_new(items, json_pack(
				"{s:s, s:s, s:s?, s:s, s:s?, s:s?}", "at", l.v[i].at, "who", l.v[i].who,
				"address", l.v[i].address, "event", l.v[i].event, "account", l.v[i].account,
				"detail", l.v[i].detail));
	}
	audit_list_release(&l);
	free(v);
	model_put(m);
	return web_json(r, 200, json_pack("{s:o, s:I, s:I}", "items", items, "page",
	                                  (json_int_t)page, "per_page", (json_int_t)per));
}
