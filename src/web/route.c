/* route.c: the route table of /api/v1/ and the one place where a request
 * is checked before its handler runs: the session (cookie), the right the
 * route needs (model/rights.h), and for a change the CSRF token and its
 * query parameters. Also the helpers every handler uses to write JSON and
 * to find its unit; reading the request is request.c's. */
#include "web/http.h"
#include "web/mhd_lib.h"
#include "base/period.h"
#include "base/table.h"
#include "base/xalloc.h"
#include "model/rights.h"
#include "report/grid.h"

#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define PUBLIC (-1)

const struct route ROUTES[] = {
	{ "POST", "/api/v1/login", PUBLIC, web_login,
	  "sign in with {\"name\", \"password\"}: a session cookie and the CSRF token", "", 0 },
	{ "POST", "/api/v1/logout", RIGHT_NONE, web_logout, "end this session", "", 0 },
	{ "GET", "/api/v1/me", RIGHT_NONE, web_me,
	  "the signed-in account: its unit, roles and rights, the CSRF token", "", 0 },
	{ "GET", "/api/v1/units", RIGHT_READ, web_units,
	  "the units of the account's subtree (a page of them)", "parent kind page per_page", 1 },
	{ "GET", "/api/v1/units/{code}", RIGHT_READ, web_unit_one, "one unit and its children", "", 1 },
	{ "GET", "/api/v1/indicators", RIGHT_READ, web_indicators, "the indicators", "page per_page", 1 },
	{ "GET", "/api/v1/figures", RIGHT_READ, web_bulletin,
	  "the bulletin (经济运行简报) of a unit and its children, as kfq bulletin --format json",
	  "period unit lang partial", 1 },
	{ "GET", "/api/v1/figures/{indicator}", RIGHT_READ, web_figures,
	  "one indicator's figures, as kfq show --format json", "unit period by measure partial", 1 },
	{ "GET", "/api/v1/missing", RIGHT_READ, web_missing,
	  "who has not reported (未报) under a unit in a period, as kfq missing --format json",
	  "period unit indicator deadline_day", 1 },
	{ "GET", "/api/v1/observations/{unit}/{indicator}/{period}", RIGHT_READ, web_obs_get,
	  "one stored value, its version in the ETag", "", 0 },
	{ "PUT", "/api/v1/observations/{unit}/{indicator}/{period}", RIGHT_DATA, web_obs_put,
	  "enter or correct one value: {\"value\": \"27.94\", \"measure\"?, \"note\"?}, If-Match: the version "
	  "read (409 with both values when it changed since)", "", 0 },
	{ "GET", "/api/v1/targets", RIGHT_READ, web_targets,
	  "a unit's annual targets in a year (own or its children's sum) beside the year to date, "
	  "completion and 序时进度, as kfq target list --format json", "unit year", 1 },
	{ "GET", "/api/v1/targets/{unit}/{indicator}/{year}", RIGHT_READ, web_target_get,
	  "a unit's own annual target (null when none), its version in the ETag", "", 0 },
	{ "PUT", "/api/v1/targets/{unit}/{indicator}/{year}", RIGHT_SETUP, web_target_put,
	  "set a unit's annual target: {\"value\": \"350\", \"measure\"?, \"note\": \"why\"}, "
	  "If-Match: the version read (409 with both values when it changed since), as kfq "
	  "target set", "", 0 },
	{ "GET", "/api/v1/forms/{unit}/{period}", RIGHT_READ, web_form_get,
	  "a month's form of one unit: its values, their versions and the same period last year "
	  "(prior) (the headline indicators, "
	  "or ?indicators=a,b)", "indicators", 0 },
	{ "PUT", "/api/v1/forms/{unit}/{period}", RIGHT_DATA, web_form_put,
	  "a month's form written all or nothing: {\"values\": [{\"indicator\", \"value\", "
	  "\"measure\"?, \"version\", \"note\"?}]} (409 listing every value changed since it was read)", "", 0 },
	{ "POST", "/api/v1/imports/{kind}", RIGHT_DATA, web_import,
	  "import a CSV or XLSX file all or nothing, as kfq import (multipart part \"file\", or "
	  "the body with ?name=FILE); every bad row named", "dry_run sheet name backfill", 0 },
	{ "GET", "/api/v1/approval", RIGHT_READ, web_approval,
	  "the approval of a month under a unit (default: the account's): each unit's state, who "
	  "set it and when, what blocks its next step, as kfq approval status", "period unit", 0 },
	{ "POST", "/api/v1/approval/{unit}/{period}", RIGHT_DATA, web_approval_step,
	  "a step of a unit's month: {\"step\": \"submit\"|\"approve\"|\"certify\"|\"reopen\", "
	  "\"note\"?} (approve, certify and reopen need the right to publish; reopen a note), as "
	  "kfq approval STEP", "", 0 },
	{ "POST", "/api/v1/publications/{unit}/{period}", RIGHT_PUBLISH, web_publish,
	  "publish an approved month's figures as a new revision: {\"reason\"?} (required after "
	  "the first), as kfq publish", "", 0 },
	{ "GET", "/api/v1/publications/{unit}/{period}", RIGHT_READ, web_revisions,
	  "a published month's revisions and every figure changed since (old → new, who, why), as "
	  "kfq revisions; ?revision=N: the figures revision N froze", "revision", 0 },
	{ "GET", "/api/v1/history", RIGHT_READ, web_history,
	  "the change history of one unit (default: the account's), as kfq history",
	  "unit indicator period limit page per_page", 1 },
	{ "GET", "/api/v1/projects", RIGHT_READ, web_projects,
	  "the key-project register, as kfq project list (a park's, or all of a top-level account's)",
	  "status park late date page per_page", 1 },
	{ "GET", "/api/v1/projects/stats", RIGHT_READ, web_project_stats,
	  "the project office's figures for a unit and period, as kfq project stats", "period unit", 1 },
	/* after /projects/stats: the first route whose pattern matches is taken */
	{ "GET", "/api/v1/projects/{code}", RIGHT_READ, web_project_one,
	  "one key project's attributes, as kfq project show CODE --format json; ?sections=1: "
	  "{attributes, plans, progress, problems, history}, the tables kfq project show prints (a "
	  "project of a park outside the account's subtree is 404)", "date sections", 1 },
	{ "GET", "/api/v1/leads", RIGHT_READ, web_leads,
	  "the investment-promotion leads, as kfq lead list (a park's, or all of a top-level "
	  "account's)", "stage park date page per_page", 1 },
	{ "GET", "/api/v1/leads/stats", RIGHT_READ, web_lead_stats,
	  "the promotion bureau's figures for a unit and period (landed, pipeline, foreign "
	  "capital; ?by=industry|origin: the landed leads per group), as kfq lead stats",
	  "period unit by", 1 },
	{ "GET", "/api/v1/leads/funnel", RIGHT_READ, web_lead_funnel,
	  "the funnel of the pipeline's stages on a day, as kfq lead funnel (a top-level account)",
	  "date", 1 },
	{ "GET", "/api/v1/leads/{code}", RIGHT_READ, web_lead_one,
	  "one lead's attributes, as kfq lead show CODE --format json; ?sections=1: {attributes, "
	  "stages, changes}, the tables kfq lead show prints (a lead of a park outside the "
	  "account's subtree is 404)", "sections", 1 },
	{ "GET", "/api/v1/ledgers", RIGHT_READ, web_ledgers,
	  "the ledgers defined (台账): name, titles, fields, figures and how many rows each holds",
	  "", 1 },
	{ "GET", "/api/v1/ledgers/{name}/rows", RIGHT_READ, web_ledger_rows,
	  "a ledger's rows, as kfq ledger list NAME --format json: of a unit's subtree (an account "
	  "below the top: its own), dated in a period, ?where=F=V (any number)",
	  "unit period where page per_page", 1 },
	{ "GET", "/api/v1/finance/fund", RIGHT_READ, web_fin_fund,
	  "the risk compensation fund on a day: capital, balance, loans outstanding against the "
	  "leverage limit, defaults and each party's compensation, as kfq finance fund (a "
	  "top-level account)", "fund date", 0 },
	{ "GET", "/api/v1/finance/loans", RIGHT_READ, web_fin_loans,
	  "the loans under the fund with their state on a day, as kfq finance loans (a top-level "
	  "account)", "fund date page per_page", 0 },
	{ "GET", "/api/v1/finance/meetings", RIGHT_READ, web_fin_meetings,
	  "the bank-enterprise meetings and the financing matched and granted, per bank and per "
	  "park, as kfq finance meetings (a top-level account)", "period", 0 },
	{ "GET", "/api/v1/finance/network", RIGHT_READ, web_fin_network,
	  "the guarantee network's circles and chains (担保圈, 担保链), as kfq finance network (a "
	  "top-level account)", "date", 0 },
	{ "GET", "/api/v1/finance/exposure/{code}", RIGHT_READ, web_fin_exposure,
	  "one firm's exposure in the guarantee network if it defaults, as kfq finance exposure "
	  "(a top-level account)", "date", 0 },
	{ "GET", "/api/v1/finance/warn", RIGHT_READ, web_fin_warn,
	  "the firms under loan pressure (压贷抽贷) and what the zone did, as kfq finance warn (a "
	  "top-level account)", "date", 0 },
	{ "GET", "/api/v1/findings", RIGHT_READ, web_findings,
	  "the validation rules' findings under a unit (default: open ones), as kfq findings list",
	  "status severity rule period unit page per_page", 0 },
	{ "GET", "/api/v1/findings/{id}", RIGHT_READ, web_finding,
	  "one finding, as kfq findings show (404 outside the account's subtree)", "", 0 },
	{ "GET", "/api/v1/findings/{id}/explain", RIGHT_READ, web_finding_explain,
	  "why a finding: its rule, every value its check read, the range and the verdict, as "
	  "kfq findings explain", "", 0 },
	{ "POST", "/api/v1/findings/{id}/close", RIGHT_PUBLISH, web_finding_close,
	  "close a finding as confirmed: {\"note\": \"why the value stands\"} (required), as "
	  "kfq findings close ID --note", "", 0 },
	{ "GET", "/api/v1/index", RIGHT_READ, web_index,
	  "a series of the eyewear index (total, a channel, a category), as kfq index show",
	  "channel category from to rebase", 1 },
	{ "GET", "/api/v1/index/contributions", RIGHT_READ, web_index_contributions,
	  "a month's contributions of each top-level category and channel to the index's change "
	  "(percentage points), as kfq index contributions", "period", 1 },
	{ "GET", "/api/v1/index/flags", RIGHT_INDEX, web_index_flags,
	  "a month's prices to review (outliers, imputations, replacements: reporters and their "
	  "prices), as kfq index flags", "period", 1 },
	{ "GET", "/api/v1/index/prosperity", RIGHT_READ, web_index_prosperity,
	  "a month's prosperity surveys: per question the answers and the diffusion index, the "
	  "composites, the overall index, as kfq index prosperity", "period", 1 },
	{ "GET", "/api/v1/index/superlative", RIGHT_READ, web_index_superlative,
	  "a month's elementary aggregates by their formula against Fisher and Törnqvist, as kfq "
	  "index superlative", "period", 1 },
	{ "POST", "/api/v1/index/compute", RIGHT_INDEX, web_index_compute,
	  "compute the index up to {\"period\": \"2017-12\", \"base\"?, \"formula\"?, "
	  "\"outlier_k\"?, \"max_impute\"?, \"unit\"?, \"revise\"?}, as kfq index compute", "", 0 },
	{ "POST", "/api/v1/index/publish", RIGHT_INDEX, web_index_publish,
	  "freeze the computed months up to {\"period\": \"2017-12\"}, as kfq index publish", "", 0 },
	{ "GET", "/api/v1/cases", RIGHT_READ, web_cases,
	  "the visiting campaign's problems with the days overdue, as kfq case list (an account "
	  "below the top: those its own unit raised, as --enterprise)",
	  "dept status category overdue date page per_page", 1 },
	/* before /cases/{code}: the first route whose pattern matches is taken */
	{ "GET", "/api/v1/cases/overdue", RIGHT_READ, web_case_overdue,
	  "the cases to chase on a day (督办), as kfq case overdue: each overdue or due within "
	  "?soon days, escalated past ?days; ?by=dept: per department (a top-level account, not "
	  "a department's)", "date days soon by page per_page", 1 },
	{ "GET", "/api/v1/cases/stats", RIGHT_READ, web_case_stats,
	  "how a period's problems were handled, in total or per department or category, as kfq "
	  "case stats (a top-level account)", "period by campaign", 1 },
	{ "GET", "/api/v1/cases/{code}", RIGHT_READ, web_case_one,
	  "one case's attributes, as kfq case show (a department's account: its department's "
	  "cases only; an account below the top: its own unit's); ?contacts=1: a household's "
	  "head, address and phone too, the asking recorded in the audit log", "contacts", 1 },
	{ "GET", "/api/v1/cases/{code}/steps", RIGHT_READ, web_case_steps,
	  "a case's steps so far and the steps this account may take next (its status, the "
	  "workflow and the account's role and department)", "", 0 },
	{ "POST", "/api/v1/cases/{code}/steps", RIGHT_CASES, web_case_step,
	  "a step of a problem, as kfq case STEP: {\"action\", \"dept\"?, \"note\"?, \"date\"?, "
	  "\"into\"?, \"rating\"?}", "", 0 },
	{ "GET", "/api/v1/visits/stats", RIGHT_READ, web_visit_stats,
	  "the campaign's visits in a period: enterprises and households visited, visits, "
	  "problems raised, as kfq visit stats (a top-level account)", "period campaign", 1 },
	{ "GET", "/api/v1/assessments", RIGHT_READ, web_assessment_runs,
	  "the stored assessment runs, newest first: run, scheme, version, period, its name, when "
	  "and by whom", "period", 1 },
	{ "GET", "/api/v1/assessments/{scheme}/{period}", RIGHT_READ, web_assessment,
	  "a stored assessment's ranking (the latest run of the scheme for the year, or ?run=N), "
	  "as kfq assess show SCHEME --period P (the whole run: a top-level account, or one whose "
	  "subtree holds every entity rated)", "run", 1 },
	{ "GET", "/api/v1/assessments/{scheme}/{period}/explain", RIGHT_READ, web_assessment_explain,
	  "every ranked entity's sentence (why it ranks where it does), as kfq assess show --explain",
	  "run", 1 },
	{ "GET", "/api/v1/assessments/{scheme}/{period}/sensitivity", RIGHT_READ,
	  web_assessment_sensitivity,
	  "how robust each rank is: the median rank and the rank interval (5th to 95th percentile) "
	  "over a Monte Carlo of the scheme's weights and methods, as kfq assess sensitivity "
	  "(?runs, 1000 by default, at most 10000; ?seed, 1 by default)", "run runs seed", 1 },
	{ "GET", "/api/v1/assessments/{scheme}/{period}/entities/{code}", RIGHT_READ,
	  web_assessment_entity,
	  "one entity's indicators beside the leader and the median, as kfq assess show --entity "
	  "CODE (an entity of the account's subtree)", "run", 1 },
	{ "GET", "/api/v1/users", RIGHT_ACCOUNTS, web_users, "the accounts of the subtree", "", 0 },
	{ "POST", "/api/v1/users", RIGHT_ACCOUNTS, web_user_add,
	  "add an account: {\"name\", \"password\", \"unit\", \"roles\"}", "", 0 },
	{ "PUT", "/api/v1/users/{name}", RIGHT_ACCOUNTS, web_user_change,
	  "change an account: any of {\"roles\", \"unit\", \"password\", \"disabled\"}", "", 0 },
	{ "GET", "/api/v1/audit", RIGHT_ACCOUNTS, web_audit,
	  "the audit log about the subtree's accounts, newest first", "account page per_page", 0 },
	{ "GET", "/api/v1/openapi.json", PUBLIC, web_openapi, "this API, as OpenAPI 3", "", 0 },
	{ NULL, NULL, 0, NULL, NULL, NULL, 0 },
};

size_t web_body_limit(const struct web_opts *o, const char *path)
{
	return strncmp(path, "/api/v1/imports/", 16) == 0 ? o->upload_max : o->body_max;
}

int web_grid(struct web_res *r, struct grid *g)
{
	r->status = 200;
	sbuf_reset(&r->body);
	grid_json(g, &r->body);
	grid_release(g);
	return 0;
}

int web_grid_list(struct web_req *q, struct web_res *r, struct grid *g)
{
	size_t page, per_page, first;
	struct grid part;

	if (!web_query(q, "page") && !web_query(q, "per_page"))
		return web_grid(r, g);
	if (web_page(q, r, &page, &per_page) < 0) {
		grid_release(g);
		return 0;
	}
	/* the rows of the page: a view of g's cells */
	first = (page - 1) * per_page;
	part = *g;
	part.nrows = first < g->nrows ? g->nrows - first : 0;
	if (part.nrows > per_page)
		part.nrows = per_page;
	part.cells = part.nrows ? g->cells + first * g->ncols : g->cells;
	r->status = 200;
	r->total = (long long)g->nrows;
	sbuf_reset(&r->body);
	grid_json(&part, &r->body);
	grid_release(g);
	return 0;
}

int web_grids(struct web_res *r, const char *const *keys, struct grid *g, size_t n)
{
	/* written as text, each grid as grid_json writes it: a figure keeps
	 * its digits (parsed into a double, 3.80 would come back as
	 * 3.7999999999999998) */
	r->status = 200;
	sbuf_reset(&r->body);
	sbuf_addc(&r->body, '{');
	for (size_t i = 0; i < n; i++) {
		struct sbuf sb;
		sbuf_init(&sb);
		grid_json(&g[i], &sb);
		while (sb.len && (sb.buf[sb.len - 1] == '\n' || sb.buf[sb.len - 1] == ' '))
			sb.buf[--sb.len] = 0;
		sbuf_addf(&r->body, "%s\"%s\": %s", i ? ", " : "", keys[i], sb.buf);
		sbuf_release(&sb);
		grid_release(&g[i]);
	}
	sbuf_adds(&r->body, "}\n");
	return 0;
}

int web_json(struct web_res *r, unsigned status, json_t *v)
{
	char *s = json_dumps(v, JSON_COMPACT);
	r->status = status;
	sbuf_reset(&r->body);
	if (s) {
		sbuf_adds(&r->body, s);
		sbuf_addc(&r->body, '\n');
		free(s);
	}
	json_decref(v);
	return 0;
}

/* msg with each byte that is not UTF-8 written as \xNN (a path or a value
 * quoted in a message: JSON holds only UTF-8, and the answer was empty); a
 * new string. */
static char *utf8_text(const char *msg)
{
	size_t n = strlen(msg), i = 0, o = 0;
	char *out = xmalloc(4 * n + 1);   /* a byte becomes at most four */
	while (i < n) {
		size_t ok = text_utf8_end(msg + i, n - i);
		memcpy(out + o, msg + i, ok);
		o += ok;
		i += ok;
		if (i < n) {
			o += (size_t)snprintf(out + o, 5, "\\x%02X", (unsigned char)msg[i]);
			i++;
		}
	}
	out[o] = '\0';
	return out;
}

static int error_json(struct web_res *r, unsigned status, const char *msg, const char *field)
{
	char *text = utf8_text(msg);
	json_t *e = json_pack("{s:i, s:s}", "status", (int)status, "message", text);
	free(text);
	if (field && *field)
		json_object_set_new(e, "field", json_string(field));
	return web_json(r, status, json_pack("{s:o}", "error", e));
}

/* in Chinese when the request is, through the library's catalogue
 * (base/msg_zh.c: the same arguments, test_msg checks them) */
static int error_v(struct web_res *r, unsigned status, const char *field, const char *fmt,
                   va_list ap)
{
	const char *zh = r->lang == KFQ_ZH ? msg_zh(fmt) : NULL;
	char msg[2048];
	vsnprintf(msg, sizeof msg, zh ? zh : fmt, ap);
	return error_json(r, status, msg, field);
}

int web_error(struct web_res *r, unsigned status, const char *fmt, ...)
{
	va_list ap;
	int rc;
	va_start(ap, fmt);
	rc = error_v(r, status, NULL, fmt, ap);
	va_end(ap);
	return rc;
}

int web_error_field(struct web_res *r, unsigned status, const char *field, const char *fmt, ...)
{
	va_list ap;
	int rc;
	va_start(ap, fmt);
	rc = error_v(r, status, field, fmt, ap);
	va_end(ap);
	return rc;
}

int web_fail(struct web_req *q, struct web_res *r, const struct kfq_err *err)
{
	if (err->kind == KFQ_EFAULT) {
		/* a fault's text may name files and statements: it goes to the
		 * log, and the client gets a plain 500 */
		fprintf(stderr, "kfq serve: %s %s: %s\n", q->method, q->path, err->msg);
		return web_error(r, 500, "%s", web_text(q, "服务器内部错误，已记入日志",
		                                        "internal error; the server's log has it"));
	}
	if (err->kind == KFQ_EENV) {
		/* the machine's: busy with another writer past the wait, a full
		 * disk, a read-only database; worth trying again later */
		fprintf(stderr, "kfq serve: %s %s: %s\n", q->method, q->path, err->msg);
		r->retry_after = 10;
		return error_json(r, 503, web_err_text(q, err), NULL);
	}
	return error_json(r, 400, web_err_text(q, err), err->field);
}

long web_unit(struct web_req *q, struct web_res *r, const struct kfq_model *m, const char *code)
{
	long u = code ? units_find(&m->units, code) : units_find(&m->units, q->account.unit);
	long scope = units_find(&m->units, q->account.unit);
	if (u < 0 || scope < 0 || !units_within(&m->units, (size_t)u, (size_t)scope)) {
		web_error(r, 404, "unknown unit \"%s\"", code ? code : q->account.unit);
		return -1;
	}
	return u;
}

int web_path_unit(struct web_req *q, struct web_res *r)
{
	struct kfq_err err = { 0 };
	const struct kfq_model *m;
	long u;
	if (!(m = model_get(q->db, &err)))
		return web_fail(q, r, &err), -1;
	u = web_unit(q, r, m, q->params[0]);
	model_put(m);
	return u < 0 ? -1 : 0;
}

int web_value_json(struct web_req *q, struct web_res *r, const char *what, const char *value,
                   const char *version)
{
	struct kfq_err err = { 0 };
	const struct kfq_model *m = model_get(q->db, &err);
	long i;
	json_t *o;
	if (!m)
		return web_fail(q, r, &err);
	i = indicators_find(&m->inds, q->params[1]);
	o = json_pack("{s:s, s:s, s:s, s:s}", "unit", q->params[0], "indicator", q->params[1], what,
	              q->params[2], "version", version);
	json_object_set_new(o, "value", value[0] ? json_string(value) : json_null());
	/* the measure the value is in, its indicator's (612000 of what?) */
	if (i >= 0)
		json_object_set_new(o, "measure", json_string(m->inds.v[i].measure->name));
	model_put(m);
	web_set_etag(r, version);
	return web_json(r, 200, o);
}

int web_within(struct web_req *q, struct web_res *r, const char *code)
{
	struct kfq_err err = { 0 };
	const struct kfq_model *m;
	long u, scope;
	int in;
	if (q->account.top)
		return 1;
	if (!code || !*code)
		return 0;
	if (!(m = model_get(q->db, &err)))
		return web_fail(q, r, &err), -1;
	u = units_find(&m->units, code);
	scope = units_find(&m->units, q->account.unit);
	in = u >= 0 && scope >= 0 && units_within(&m->units, (size_t)u, (size_t)scope);
	model_put(m);
	return in;
}

/* The park to list: the one asked for inside the subtree, else all when
 * the account's unit is a top-level one, else the account's own. */
int web_park(struct web_req *q, struct web_res *r, const char **park)
{
	struct kfq_err err = { 0 };
	const struct kfq_model *m;
	const char *asked = web_query(q, "park");
	*park = asked;
	if (!asked) {
		if (!q->account.top)
			*park = q->account.unit;
		return 0;
	}
	if (!(m = model_get(q->db, &err)))
		return web_fail(q, r, &err), -1;
	if (web_unit(q, r, m, asked) < 0) {
		model_put(m);
		return -1;
	}
	model_put(m);
	return 0;
}

/* Whether path matches the route's pattern; the {…} parts into q->params. */
static int match(const char *pattern, const char *path, struct web_req *q)
{
	int np = 0;
	while (*pattern && *path) {
		if (*pattern == '{') {
			const char *seg = path;
			size_t n = strcspn(path, "/");
			if (n == 0 || np >= WEB_PARAMS)
				return 0;
			q->params[np++] = xstrndup(seg, n);
			path += n;
			pattern = strchr(pattern, '}') + 1;
		} else if (*pattern++ != *path++) {
			return 0;
		}
	}
	return *pattern == '\0' && *path == '\0';
}

static void params_release(struct web_req *q)
{
	for (int i = 0; i < WEB_PARAMS; i++) {
		free((char *)q->params[i]);
		q->params[i] = NULL;
	}
}

int web_sign_in(struct web_req *q, struct web_res *r)
{
	struct session_limits lim = { q->opts->session_idle, q->opts->session_absolute };
	struct kfq_err err = { 0 };
	char csrf[33];
	const char *tok = mhd.MHD_lookup_connection_value(q->conn, MHD_COOKIE_KIND, "kfq_session");
	int64_t now = (int64_t)time(NULL), version;
	int rc;
	if (!tok)
		return 0;
	version = db_data_version(q->db);
	if (web_session_get(tok, version, now, &q->account, csrf)) {
		rc = 1;
	} else {
		rc = session_check(q->db, &q->cx, tok, now, &lim, &q->account, csrf, &err);
		if (rc < 0) {
			web_fail(q, r, &err);
			return -1;
		}
		if (rc == 0)
			return 0;
		/* (the check may have written: the version after it) */
		web_session_put(tok, db_data_version(q->db), now, &q->account, csrf);
	}
	q->signed_in = 1;
	q->token = tok;
	memcpy(q->csrf, csrf, sizeof q->csrf);
	snprintf(q->cx.who, sizeof q->cx.who, "%s", q->account.name);
	/* a change must carry the session's CSRF token, which only pages of
	 * this server can read (it is not in the cookie) */
	if (strcmp(q->method, "GET") != 0 && strcmp(q->method, "HEAD") != 0) {
		const char *sent = web_header(q, "X-CSRF-Token");
		if (!sent || strlen(sent) != 32 || sodium_memcmp(sent, csrf, 32) != 0) {
			web_error(r, 403, "%s", web_text(q, "缺少或错误的 X-CSRF-Token 请求头（登录时给出）",
			                                 "missing or wrong X-CSRF-Token header (given at sign-in)"));
			return -1;
		}
	}
	return 1;
}

int web_not_signed_in(struct web_req *q, struct web_res *r)
{
	return web_error(r, 401, "%s", web_text(q, "请先登录 (POST /api/v1/login)",
	                                        "sign in first (POST /api/v1/login)"));
}

const char *const WEB_METHODS[6] = { "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE" };

const struct route *web_route(struct web_req *q, unsigned *methods)
{
	*methods = 0;
	for (size_t i = 0; ROUTES[i].method; i++) {
		params_release(q);
		if (!match(ROUTES[i].path, q->path, q))
			continue;
		for (unsigned k = 0; k < 6; k++)
			if (strcmp(ROUTES[i].method, WEB_METHODS[k]) == 0)
				*methods |= 1u << k | (k == 0 ? 2u : 0);   /* HEAD wherever GET */
		if (strcmp(ROUTES[i].method, q->method) == 0 ||
		    (strcmp(q->method, "HEAD") == 0 && strcmp(ROUTES[i].method, "GET") == 0))
			return &ROUTES[i];
	}
	params_release(q);
	return NULL;
}

void web_params_release(struct web_req *q)
{
	params_release(q);
}

void web_dispatch(struct web_req *q, struct web_res *r)
{
	const struct route *rt;
	unsigned methods;
	int in, lang_ok;

	lang_ok = web_language(q) == 0;
	r->lang = q->cx.lang;
	if (strncmp(q->path, "/api/", 5) != 0 &&
	    (strcmp(q->method, "GET") == 0 || strcmp(q->method, "HEAD") == 0)) {
		web_static(q, r);
		return;
	}
	if (!lang_ok) {   /* (?lang=fr was answered in Chinese without a word) */
		web_error_field(r, 400, "lang", "lang: \"%s\" %s", web_query(q, "lang"),
		                web_text(q, "不是 kfq 使用的语言（应为 zh 或 en）",
		                         "is not a language kfq speaks (expected zh or en)"));
		return;
	}
	if (!(rt = web_route(q, &methods))) {
		if (methods) {   /* Allow: the path's methods (48 bytes hold all six) */
			for (unsigned k = 0, len = 0; k < 6; k++)
				if (methods & 1u << k)
					len += (unsigned)snprintf(r->allow + len, sizeof r->allow - len, "%s%s",
					                          len ? ", " : "", WEB_METHODS[k]);
			web_error(r, 405, "%s %s: %s (%s)", q->method, q->path,
			          web_text(q, "不支持此方法", "method not allowed"), r->allow);
		}
		else
			web_error(r, 404, "%s: %s", q->path, web_text(q, "没有这个地址", "no such path"));
		return;
	}
	/* a parameter the route does not take (a typo: ?dryrun=1, ?perid=)
	 * would be answered or done as if it were not there */
	if (web_query_taken(q, r, rt->query) < 0)
		goto out;
	if ((in = web_sign_in(q, r)) < 0)
		goto out;
	if (rt->right != PUBLIC && !in) {
		web_not_signed_in(q, r);
		goto out;
	}
	if (rt->right != PUBLIC && !account_can(&q->account, (enum right)rt->right)) {
		web_error(r, 403, "%s \"%s\" (%s: %s)",
		          web_text(q, "此账号没有权限", "this account lacks the right"),
		          right_name((enum right)rt->right), web_text(q, "角色", "roles"),
		          q->account.roles);
		goto out;
	}
	r->status = 200;
	if (rt->cache) {
		int64_t version = db_data_version(q->db);
		if (!web_cache_get(q, r, version)) {
			rt->fn(q, r);
			web_cache_put(q, r, version);
		}
	} else {
		rt->fn(q, r);
	}
out:
	params_release(q);
}

void web_set_etag(struct web_res *r, const char *version)
{
	snprintf(r->etag, sizeof r->etag, "\"%s\"", version);
}
