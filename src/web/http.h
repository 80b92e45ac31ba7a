/* http.h: what the web server's parts share: one request as the handlers
 * see it (the signed-in account, the context, the database of this worker
 * thread, the path's parameters, the body) and the response they fill, the
 * route table, and the helpers that read parameters and write JSON and
 * errors. Depends on libkfq and jansson. */
#ifndef KFQ_HTTP_H
#define KFQ_HTTP_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "base/ctx.h"
#include "base/sbuf.h"
#include "model/account.h"
#include "model/model.h"
#include "model/session.h"
#include "store/db.h"
#include "web/web.h"

#define WEB_PARAMS 4
/* The longest note a change may carry into history (bytes). */
#define NOTE_MAX 1000

struct web_req {
	const char *method, *path;
	void *conn;                  /* the libmicrohttpd connection (query, headers) */
	const char *body;            /* NUL-terminated; body_len bytes */
	size_t body_len;
	char address[64];            /* the client's */
	const char *params[WEB_PARAMS];   /* the path's {…} parts, decoded */
	struct kfq_db *db;
	struct kfq_ctx cx;           /* who: the account (or "-"), the clock, the language */
	struct account account;      /* valid when signed_in */
	int signed_in;
	const char *token;           /* the session cookie, when signed in */
	char csrf[33];               /* the session's CSRF token, when signed in */
	const struct web_opts *opts;
	int tls;
};

struct web_res {
	unsigned status;
	struct sbuf body;
	const char *type;            /* Content-Type; JSON by default */
	char cookie[256];            /* a Set-Cookie value, or "" */
	int retry_after;             /* seconds, for 429; 0: none */
	char etag[48];               /* an ETag value (with its quotes), or "" */
	char allow[48];              /* a 405's Allow: the path's methods, or "" */
	int is_file;                 /* the body is the open file fd (static.c), fd_size bytes */
	int personal;                /* it holds personal information: never kept (cache.c) */
	enum kfq_lang lang;          /* web_error's language: the request's (Chinese by default) */
	long long total;             /* a page of a list: how many there are in all
	                              * (X-Total-Count); -1: not a page */
	const unsigned char *mem;    /* or these mem_size bytes, kept for the process (static.c) */
	size_t mem_size;
	int fd;
	uint64_t fd_size;
};

typedef int (*web_handler)(struct web_req *q, struct web_res *r);

struct route {
	const char *method;
	const char *path;            /* /api/v1/units/{code}: {…} matches one segment */
	int right;                   /* enum right; -1: no sign-in needed */
	web_handler fn;
	const char *summary;         /* one line, for the OpenAPI document */
	const char *query;           /* the query parameters it takes, space-separated */
	int cache;                   /* a read whose answer is kept until the data change (cache.c) */
};
extern const struct route ROUTES[];   /* terminated by a NULL method */

/* Run the route for q (signing in, rights, CSRF checked first): fills r. */
void web_dispatch(struct web_req *q, struct web_res *r);
/* The session of q's cookie into q->account: 1 signed in, 0 not, -1 with r
 * filled (a fault, or 403 for a change without the session's CSRF token).
 * web_not_signed_in: the 401 of a route that needs a session, into r. */
int web_sign_in(struct web_req *q, struct web_res *r);
int web_not_signed_in(struct web_req *q, struct web_res *r);
/* The route of q's method and path, its {…} parts into q->params (freed
 * by web_params_release); NULL when none, *methods then holding a bit
 * (1 << i of WEB_METHODS[i]) for each method the path has a route for:
 * 0 when the path has none. */
extern const char *const WEB_METHODS[6];
const struct route *web_route(struct web_req *q, unsigned *methods);
void web_params_release(struct web_req *q);
/* Whether rel (a path under --static DIR, without its leading /) is one
 * static.c may open: plain names only, no "", "." or ".." segment, no
 * hidden name, no backslash or control character. */
int web_static_path_ok(const char *rel);

/* A query parameter's value (NULL when absent). */
const char *web_query(const struct web_req *q, const char *name);
/* A switch parameter (?dry_run=1): *on 1 for 1 or true, 0 for 0, false or
 * none; -1 with 400 in r for anything else (yes, TRUE, an empty value). */
int web_query_flag(struct web_req *q, struct web_res *r, const char *name, int *on);
/* The request's language into q->cx.lang: ?lang= (zh or en, any region:
 * zh-CN), else Accept-Language's of zh and en by weight (q=), else Chinese.
 * -1 when ?lang= names another (the language then as if it were not
 * given: the caller says 400). */
int web_language(struct web_req *q);
/* A change's query parameters: 0 when each is one of takes (space-
 * separated) or lang; else -1 with 400 into r naming the first other. */
int web_query_taken(struct web_req *q, struct web_res *r, const char *takes);
/* A request header's value (NULL when absent). */
const char *web_header(const struct web_req *q, const char *name);

/* The text in the request's language: Chinese, else English. */
const char *web_text(const struct web_req *q, const char *zh, const char *en);
/* A library error's message in the request's language (Chinese unless it
 * asks for English; a message the catalogue lacks stays English). */
const char *web_err_text(const struct web_req *q, const struct kfq_err *err);

/* An error response: {"error": {"status": N, "message": "…"}}, in Chinese
 * when r->lang is and the format is in the catalogue (base/msg.h); returns 0. */
int web_error(struct web_res *r, unsigned status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* The same with "field": the request's field or parameter it is about. */
int web_error_field(struct web_res *r, unsigned status, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* A library error: 400 for the user's input, 503 with Retry-After for the
 * machine's (another writer past the wait, a full disk, a read-only
 * database), 500 for a fault (whose details stay in the server's log).
 * Returns 0. */
int web_fail(struct web_req *q, struct web_res *r, const struct kfq_err *err);
/* A grid as the response (200), in the JSON the command line's --format
 * json writes; the grid is released. Returns 0. */
struct grid;
int web_grid(struct web_res *r, struct grid *g);
/* A list's grid as the response: the whole list, as web_grid, unless the
 * request asks for a page (?page=N&per_page=M): then those rows only, and
 * how many there are in all in X-Total-Count. Returns 0. */
int web_grid_list(struct web_req *q, struct web_res *r, struct grid *g);
/* Several grids as one JSON object, each under its key, as the response
 * (200); the grids are released. Returns 0. */
int web_grids(struct web_res *r, const char *const *keys, struct grid *g, size_t n);
/* A JSON value as the response (taken: the reference is stolen). */
int web_json(struct web_res *r, unsigned status, json_t *v);

/* The request's body as a JSON object into *out (400 into r when it is
 * not one: not JSON, a duplicate key, not UTF-8, a key that is not one of
 * the space-separated texts or others: a misspelt field is never left out
 * without a word; or one of texts that is not a string or null: "note": 5
 * is not taken for no note). The handler checks the others' types. 0 or
 * -1, the field named in r. */
int web_body_object(struct web_req *q, struct web_res *r, const char *texts, const char *others,
                    json_t **out);
/* 0 when every key of object o is one of keys; -1 with 400 into r naming
 * the first other (where: "values[2]", or NULL for the body). */
int web_body_keys(struct web_req *q, struct web_res *r, json_t *o, const char *keys,
                  const char *where);

/* The unit named code (NULL: the account's own) as an index of m, when it
 * lies in the account's subtree; else -1 with 404 "unknown unit" in r, the
 * same answer for a unit that does not exist and one outside the subtree. */
long web_unit(struct web_req *q, struct web_res *r, const struct kfq_model *m,
              const char *code);
/* The same for the path's first parameter, loading the units: 0 when it
 * lies in the subtree, -1 with r filled (404, or a fault) when not. */
int web_path_unit(struct web_req *q, struct web_res *r);
/* One stored value of the path (unit, indicator, then what = "period" or
 * "year") with its version, also as the ETag, and the measure it is in
 * (its indicator's); value "" is null. */
int web_value_json(struct web_req *q, struct web_res *r, const char *what, const char *value,
                   const char *version);

/* Whether what lies in unit code (a project's or a lead's park) is the
 * account's to see: 1 for any unit for an account of a top-level unit,
 * else 1 when code lies in its subtree, 0 when not (or NULL); -1 with a
 * fault in r. */
int web_within(struct web_req *q, struct web_res *r, const char *code);
/* The park a register is asked for (?park=CODE, inside the subtree: 404
 * into r otherwise); when none is asked: NULL (all) for an account of a
 * top-level unit, else the account's own unit. 0 or -1. */
int web_park(struct web_req *q, struct web_res *r, const char **park);

/* The ?period= of the request into *p (all zero when absent and not
 * needed): 0; or -1 with 400 in r when it is needed and absent, or not a
 * period (the library's words, the field named). */
struct period;
int web_period(struct web_req *q, struct web_res *r, int need, struct period *p);

/* A page of a list: ?page=N&per_page=M (default 1 and 100, at most 1000);
 * -1 with 400 in r when they are not numbers in range. */
int web_page(struct web_req *q, struct web_res *r, size_t *page, size_t *per_page);

/* A version from If-Match: "v123" (quotes and a weak W/ prefix taken
 * off) into out; and a version as r's ETag. */
void web_etag_value(const char *h, char *out, size_t n);
void web_set_etag(struct web_res *r, const char *version);
/* The response cache of this worker thread (cache.c, freed when the
 * thread ends): 1 with r filled when q was answered at this data version;
 * keep r (a 200) for the next. A version < 0 keeps nothing. */
int web_cache_get(struct web_req *q, struct web_res *r, int64_t version);
void web_cache_put(struct web_req *q, const struct web_res *r, int64_t version);
/* The sessions this worker thread found valid (cache.c): 1 with the
 * account and CSRF token when the session of token was checked in this
 * second (now) at this data version, so that a signed-in request reads no
 * session, account or role; any change to a session, an account or a role
 * is a write, which changes the version. A version < 0 keeps nothing. */
int web_session_get(const char *token, int64_t version, int64_t now, struct account *a,
                    char csrf[33]);
void web_session_put(const char *token, int64_t version, int64_t now, const struct account *a,
                     const char csrf[33]);

/* The handlers, one file per resource. */
int web_login(struct web_req *q, struct web_res *r);
int web_logout(struct web_req *q, struct web_res *r);
int web_me(struct web_req *q, struct web_res *r);
int web_units(struct web_req *q, struct web_res *r);
int web_unit_one(struct web_req *q, struct web_res *r);
int web_indicators(struct web_req *q, struct web_res *r);
int web_bulletin(struct web_req *q, struct web_res *r);
int web_figures(struct web_req *q, struct web_res *r);
int web_missing(struct web_req *q, struct web_res *r);
int web_openapi(struct web_req *q, struct web_res *r);
int web_obs_get(struct web_req *q, struct web_res *r);
int web_obs_put(struct web_req *q, struct web_res *r);
int web_targets(struct web_req *q, struct web_res *r);
int web_target_get(struct web_req *q, struct web_res *r);
int web_target_put(struct web_req *q, struct web_res *r);
int web_form_get(struct web_req *q, struct web_res *r);
int web_form_put(struct web_req *q, struct web_res *r);
int web_static(struct web_req *q, struct web_res *r);
int web_import(struct web_req *q, struct web_res *r);
int web_history(struct web_req *q, struct web_res *r);
int web_projects(struct web_req *q, struct web_res *r);
int web_project_stats(struct web_req *q, struct web_res *r);
int web_project_one(struct web_req *q, struct web_res *r);
int web_leads(struct web_req *q, struct web_res *r);
int web_lead_stats(struct web_req *q, struct web_res *r);
int web_lead_one(struct web_req *q, struct web_res *r);
int web_ledgers(struct web_req *q, struct web_res *r);
int web_ledger_rows(struct web_req *q, struct web_res *r);
int web_lead_funnel(struct web_req *q, struct web_res *r);
int web_fin_fund(struct web_req *q, struct web_res *r);
int web_fin_loans(struct web_req *q, struct web_res *r);
int web_fin_meetings(struct web_req *q, struct web_res *r);
int web_fin_network(struct web_req *q, struct web_res *r);
int web_fin_exposure(struct web_req *q, struct web_res *r);
int web_fin_warn(struct web_req *q, struct web_res *r);
int web_findings(struct web_req *q, struct web_res *r);
int web_finding(struct web_req *q, struct web_res *r);
int web_finding_explain(struct web_req *q, struct web_res *r);
int web_index(struct web_req *q, struct web_res *r);
int web_index_contributions(struct web_req *q, struct web_res *r);
int web_index_flags(struct web_req *q, struct web_res *r);
int web_index_prosperity(struct web_req *q, struct web_res *r);
int web_index_superlative(struct web_req *q, struct web_res *r);
int web_index_compute(struct web_req *q, struct web_res *r);
int web_index_publish(struct web_req *q, struct web_res *r);
int web_approval(struct web_req *q, struct web_res *r);
int web_approval_step(struct web_req *q, struct web_res *r);
int web_publish(struct web_req *q, struct web_res *r);
int web_revisions(struct web_req *q, struct web_res *r);
int web_cases(struct web_req *q, struct web_res *r);
int web_case_one(struct web_req *q, struct web_res *r);
int web_case_stats(struct web_req *q, struct web_res *r);
int web_case_step(struct web_req *q, struct web_res *r);
int web_case_steps(struct web_req *q, struct web_res *r);
int web_case_overdue(struct web_req *q, struct web_res *r);
int web_visit_stats(struct web_req *q, struct web_res *r);
int web_assessment_runs(struct web_req *q, struct web_res *r);
int web_assessment(struct web_req *q, struct web_res *r);
int web_assessment_explain(struct web_req *q, struct web_res *r);
int web_assessment_sensitivity(struct web_req *q, struct web_res *r);
int web_finding_close(struct web_req *q, struct web_res *r);
int web_assessment_entity(struct web_req *q, struct web_res *r);
int web_users(struct web_req *q, struct web_res *r);
int web_user_add(struct web_req *q, struct web_res *r);
int web_user_change(struct web_req *q, struct web_res *r);
int web_audit(struct web_req *q, struct web_res *r);

/* The largest body a request to path may send: uploads (/api/v1/imports/)
 * o->upload_max, the rest o->body_max. */
size_t web_body_limit(const struct web_opts *o, const char *path);

#endif
