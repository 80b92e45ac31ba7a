/* auth.c: /api/v1/login, /logout and /me: signing in and out of the web
 * server (model/session.h does the work). */
#include "web/http.h"
#include "model/rights.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

/* The session cookie: not readable by scripts, never sent by another
 * site's requests, only over TLS when the server has it. */
static void cookie(struct web_req *q, struct web_res *r, const char *token, int64_t max_age)
{
	snprintf(r->cookie, sizeof r->cookie,
	         "kfq_session=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%lld%s", token,
	         (long long)max_age, q->tls ? "; Secure" : "");
}

static json_t *account_json(const struct account *a)
{
	json_t *rights = json_array(), *roles = json_array();
	char copy[sizeof a->roles], *save = NULL;
	for (int k = RIGHT_READ; k < RIGHT_COUNT; k++)
		if (account_can(a, (enum right)k))
			json_array_append_new(rights, json_string(right_name((enum right)k)));
	snprintf(copy, sizeof copy, "%s", a->roles);
	for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save))
		json_array_append_new(roles, json_string(t));
	json_t *o = json_pack("{s:s, s:s, s:o, s:o}", "name", a->name, "unit", a->unit, "roles",
	                      roles, "rights", rights);
	json_object_set_new(o, "dept", a->dept[0] ? json_string(a->dept) : json_null());
	json_object_set_new(o, "top", json_boolean(a->top));
	return o;
}

int web_login(struct web_req *q, struct web_res *r)
{
	struct kfq_err err = { 0 };
	struct session_new s;
	struct account a;
	int64_t retry = 0;
	json_t *body, *v;
	const char *name, *pw;
	int rc;

	if (web_body_object(q, r, "name password", "", &body) < 0)
		return 0;
	name = json_string_value(json_object_get(body, "name"));
	pw = json_string_value(json_object_get(body, "password"));
	if (!name || !pw) {
		json_decref(body);
		return web_error(r, 400, "%s", web_text(q, "须给出 name 和 password（字符串）",
		                                        "give name and password (strings)"));
	}
	snprintf(q->cx.who, sizeof q->cx.who, "%s", name);
	rc = session_login(q->db, &q->cx, name, pw, q->address, (int64_t)time(NULL), &s, &a,
	                   &retry, &err);
	json_decref(body);
	if (rc < 0) {
		if (err.kind == KFQ_EFAULT || err.kind == KFQ_EENV)   /* 500; busy, read-only: 503 */
			return web_fail(q, r, &err);
		if (retry > 0) {
			r->retry_after = (int)retry;
			return web_error(r, 429, "%s", web_err_text(q, &err));
		}
		return web_error(r, 401, "%s", web_err_text(q, &err));
	}
	cookie(q, r, s.token, q->opts->session_absolute);
	v = account_json(&a);
	json_object_set_new(v, "csrf_token", json_string(s.csrf));
	memset(&s, 0, sizeof s);
	return web_json(r, 200, v);
}

int web_logout(struct web_req *q, struct web_res *r)
{
	struct kfq_err err = { 0 };
	if (session_end(q->db, &q->cx, q->token, q->address, &err) < 0)
		return web_fail(q, r, &err);
	snprintf(r->cookie, sizeof r->cookie,
	         "kfq_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0%s",
	         q->tls ? "; Secure" : "");
	return web_json(r, 200, json_pack("{s:b}", "signed_out", 1));
}

int web_me(struct web_req *q, struct web_res *r)
{
	json_t *v = account_json(&q->account);
	json_object_set_new(v, "csrf_token", json_string(q->csrf));
	return web_json(r, 200, v);
}
