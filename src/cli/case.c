/* case.c: kfq case add|assign|...|close|list|show|stats|overdue: the
 * problems (cases) raised in the visiting campaign (暖企惠民大走访), as the
 * office that follows them up works them. This file holds the option
 * table, the dispatcher (cmd_case), the helpers the subcommands share
 * (case_cmd.h), and the subcommands that change a case: add (case_add) and
 * one per step (case_act), each in one transaction that also rewrites the
 * published figures, as an import does. list and overdue are in
 * case_list.c, show in case_show.c, stats in case_stats.c. Depends on
 * libkfq. */
#include "cli/case_cmd.h"
#include "calc/rollup.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const BY[] = { "dept", "category", NULL };

#define A struct case_args
static const struct optdef OPTS[] = {
	OPTION("raised", OPT_DATE, A, raised, "D",
	  "add: the day the problem was raised (default: today)"),
	OPTION("category", OPT_TEXT, A, category, "C",
	  "add, list: land, finance, labour, approvals, infrastructure, environment, "
	  "policy, leadership, other (or 用地 ... 其他)"),
	OPTION("description", OPT_TEXT, A, description, "T", "add: the problem"),
	OPTION("priority", OPT_TEXT, A, priority, "P",
	  "add: urgent, high, normal (default), low (or 紧急, 高, 普通, 低)"),
	OPTION("channel", OPT_TEXT, A, channel, "CH",
	  "add: visit (default with --visit), hotline, letter, meeting, online"),
	OPTION("visit", OPT_TEXT, A, visit, "V", "add: the visit that raised it"),
	OPTION("enterprise", OPT_TEXT, A, enterprise, "U", "add: the enterprise (unit code)"),
	OPTION("household", OPT_TEXT, A, household, "H", "add: the household (its code)"),
	OPTION("campaign", OPT_TEXT, A, campaign, "X", "add: the campaign; stats: only its cases"),
	OPTION("raised-by", OPT_TEXT, A, raised_by, "W", "add: who raised it"),
	OPTION("date", OPT_DATE, A, date, "D",
	  "steps: the day of the step; list, overdue: the day to judge on (default: today, "
	  "or $KFQ_TODAY)"),
	OPTION("dept", OPT_TEXT, A, dept, "X",
	  "assign, transfer: the department; list: only its cases"),
	OPTION("note", OPT_TEXT, A, note, "T", "steps: what was done, the reason, the explanation"),
	OPTION("into", OPT_TEXT, A, into, "CODE", "merge: the case this one duplicates"),
	OPTION("rating", OPT_INT, A, rating, "N", "confirm: the requester's rating, 1 to 5"),
	OPTION_CHOICE("status", A, status, "S",
	  "list: only this status", CASE_STATUS, CASE_STATUS_ZH),
	OPTION("overdue", OPT_FLAG, A, overdue, NULL,
	  "list: only cases open and past their deadline"),
	OPTION("period", OPT_PERIOD, A, period, "P",
	  "stats: the period (2017, 2017Q1, 2017-03, 2017年1-8月 ...)"),
	OPTION_CHOICE("by", A, by, "B", "stats: a row per department or category", BY, NULL),
	OPTION("days", OPT_INT, A, days, "N",
	  "overdue: escalate cases overdue by more than N days (default 5)"),
	OPTION("soon", OPT_INT, A, soon, "N",
	  "overdue: also the open cases due within N days (0 to 365, default 3)"),
	OPTION("show-phone", OPT_FLAG, A, show_phone, NULL,
	  "show: the household's phone number (hidden unless asked)"),
	OPTION_CHOICE("format", A, format, "F", "the format; table by default", CLI_FORMATS, NULL),
	OPTION_END,
};
#undef A
static const struct case_args DEFAULTS = {
	.h = { .sub = -1 }, .status = -1, .by = -1, .days = 5, .soon = 3, .format = GRID_TABLE,
};

const char *case_text(const struct cctx *x, const char *s, const char *const *en,
                      const char *const *zh)
{
	int i = case_name_index(s, en, NULL);
	return i >= 0 && x->f == GRID_TABLE ? zh[i] : s;
}

int case_opt_name(struct cctx *x, const char *opt, const char *s, const char *const *en,
                  const char *const *zh)
{
	char list[400] = "";
	int i;
	if (!s)
		return -1;
	if ((i = case_name_index(s, en, zh)) >= 0)
		return i;
	for (int k = 0; en[k]; k++)
		snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", k ? ", " : "", en[k]);
	snprintf(list + strlen(list), sizeof list - strlen(list), "; or ");
	for (int k = 0; zh[k]; k++)
		snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", k ? ", " : "", zh[k]);
	kfq_error(&x->cli->err, "case %s: --%s \"%s\" (expected %s)", x->sub, opt, s, list);
	return -2;
}

void case_put_rate(struct grid *g, size_t col, int64_t num, int64_t den)
{
	int64_t t;
	if (den <= 0)
		return;
	t = (num * 2000 + den) / (2 * den);   /* tenths, half away from zero (num ≥ 0) */
	grid_setf(g, col, "%lld.%lld", (long long)(t / 10), (long long)(t % 10));
}

long case_days(const char *a, const char *b)
{
	struct date da, db;
	if (!a || !b || date_parse(a, &da, NULL) < 0 || date_parse(b, &db, NULL) < 0)
		return 0;
	return date_days(&da, &db);
}

/* ---- the subcommands that change a case ---- */

/* The library names the field a message is about apart from it
 * (err->field, as an import's column "rating"); here the fields are
 * options, --rating and --raised-by, except the case itself, which is the
 * argument. Then the subcommand in front. */
static int step_fail(struct cctx *x)
{
	struct kfq_err *err = &x->cli->err;
	if (err->field[0] && strcmp(err->field, "case") != 0) {
		char opt[sizeof err->field];
		snprintf(opt, sizeof opt, "%s", err->field);
		for (char *p = opt; *p; p++)
			if (*p == '_')
				*p = '-';
		kfq_err_prefix(err, "--%s", opt);
	}
	err->field[0] = '\0';
	return kfq_err_prefix(err, "case %s", x->sub);
}

/* Rewrite the published figures (as an import of cases does) and commit. */
static int derive_commit(struct cctx *x)
{
	struct kfq_db *db = x->cli->db;
	struct rollup_todo todo;
	int rc;
	rollup_todo_init(&todo);
	rc = case_ensure_indicators(db, &x->cli->err) < 0 || case_derive(db, &todo, &x->cli->err) < 0 ||
	     rollup_rebuild(db, &todo, &x->cli->err) < 0 || db_commit(db, &x->cli->err) < 0 ? -1 : 0;
	rollup_todo_release(&todo);
	return rc;
}

static int sub_add(struct cctx *x)
{
	struct case_row r;
	char deadline[16] = "";
	struct kfq_stmt *st;
	int changed;

	memset(&r, 0, sizeof r);
	r.code = x->a->h.pos[0];
	r.raised = x->day;
	r.category = x->a->category;
	r.description = x->a->description;
	r.priority = x->a->priority;
	r.channel = x->a->channel;
	r.visit = x->a->visit;
	r.unit = x->a->enterprise;
	r.household = x->a->household;
	r.campaign = x->a->campaign;
	r.raised_by = x->a->raised_by;
	if (!r.category || !r.description)
		return kfq_error(&x->cli->err, "case add: --%s is required", r.category ? "description"
		                 : "category");
	if (!r.channel && !r.visit)
		return kfq_error(&x->cli->err, "case add: --channel is required without --visit "
		                 "(visit, hotline, letter, meeting or online)");
	if (db_begin(x->cli->db, &x->cli->cx, &x->cli->err) < 0)
		return -1;
	if (case_add(x->cli->db, &r, &changed, &x->cli->err) < 0) {
		db_rollback(x->cli->db);
		return step_fail(x);
	}
	if (changed ? derive_commit(x) < 0 : db_commit(x->cli->db, &x->cli->err) < 0) {
		db_rollback(x->cli->db);
		return -1;
	}
	if (db_prepare(x->cli->db, "SELECT deadline FROM kase WHERE code = ?", &st, &x->cli->err) < 0)
		return -1;
	st_bind_text(st, 1, r.code);
	if (st_step(st) == ST_ROW)
		snprintf(deadline, sizeof deadline, "%s", st_text(st, 0));
	st_finalize(st);
	if (changed)
		fprintf(x->cli->out, "%s: registered, due %s\n", r.code, deadline);
	else
		fprintf(x->cli->out, "%s: no change\n", r.code);
	return 0;
}

/* The status of case code into buf ("" when unknown). */
static int status_of(struct cctx *x, const char *code, char *buf, size_t n)
{
	struct kfq_stmt *st;
	buf[0] = 0;
	if (db_prepare(x->cli->db, "SELECT status FROM kase WHERE code = ?", &st, &x->cli->err) < 0)
		return -1;
	st_bind_text(st, 1, code);
	if (st_step(st) == ST_ROW)
		snprintf(buf, n, "%s", st_text(st, 0));
	st_finalize(st);
	return 0;
}

static int sub_step(struct cctx *x)
{
	const char *code = x->a->h.pos[0];
	char before[32], after[32];
	int rating = (int)x->a->rating, changed;

	if (x->a->rating != 0 && (x->a->rating < 1 || x->a->rating > 5))
		return kfq_error(&x->cli->err, "case %s: --rating %ld: expected 1 to 5", x->sub,
		                 x->a->rating);
	if (db_begin(x->cli->db, &x->cli->cx, &x->cli->err) < 0)
		return -1;
	if (status_of(x, code, before, sizeof before) < 0 ||
	    case_act(x->cli->db, code, x->sub, &x->day, x->a->dept, x->a->note, x->a->into, rating,
	             x->cli->cx.who, &changed, &x->cli->err) < 0) {
		db_rollback(x->cli->db);
		return x->cli->err.kind == KFQ_EFAULT ? -1 : step_fail(x);
	}
	if (status_of(x, code, after, sizeof after) < 0 ||
	    (changed ? derive_commit(x) : db_commit(x->cli->db, &x->cli->err)) < 0) {
		db_rollback(x->cli->db);
		return -1;
	}
	if (changed)
		fprintf(x->cli->out, "%s: %s → %s\n", code, before, after);
	else
		fprintf(x->cli->out, "%s: no change\n", code);
	return 0;
}

/* ---- the subcommands ---- */

#define STEP_OPTS "date", "note"
static const struct subdef SUBS[] = {
	{ "add", "CODE", { "raised", "category", "description", "priority", "channel", "visit",
	                   "enterprise", "household", "campaign", "raised-by", NULL },
	  "register a problem; its deadline is the date raised plus the service level's working "
	  "days" },
	{ "assign", "CODE", { STEP_OPTS, "dept", NULL }, "a step: to a department" },
	{ "accept", "CODE", { STEP_OPTS, NULL }, "a step: the department accepts it" },
	{ "progress", "CODE", { STEP_OPTS, NULL }, "a step: what was done so far" },
	{ "resolve", "CODE", { STEP_OPTS, NULL }, "a step: resolved" },
	{ "confirm", "CODE", { STEP_OPTS, "rating", NULL },
	  "a step: the requester confirms, with a rating" },
	{ "reopen", "CODE", { STEP_OPTS, NULL }, "a step: open again" },
	{ "transfer", "CODE", { STEP_OPTS, "dept", NULL }, "a step: to another department" },
	{ "merge", "CODE", { STEP_OPTS, "into", NULL }, "a step: a duplicate of another case" },
	{ "close", "CODE", { STEP_OPTS, NULL }, "a step: closed" },
	{ "list", NULL, { "dept", "overdue", "status", "category", "date", "format", NULL },
	  "the cases, with the days overdue on D" },
	{ "show", "CODE", { "show-phone", "format", NULL },
	  "a case, its steps and history (csv/json: the attributes); phone numbers only when asked" },
	{ "stats", NULL, { "!period", "by", "campaign", "format", NULL },
	  "raised, resolved, resolution, on-time, satisfaction (rating 4 or 5) and reopen rates, "
	  "median days to resolve, overdue at the end" },
	{ "overdue", NULL, { "date", "days", "soon", "format", NULL },
	  "open cases past their deadline on D (督办), per department; more than N days (default 5): "
	  "escalate to the supervising office" },
	{ NULL },
};
#undef STEP_OPTS
/* The handler of each subcommand, in the order of SUBS. */
static int (*const SUB_FN[])(struct cctx *x) = {
	sub_add, sub_step, sub_step, sub_step, sub_step, sub_step, sub_step, sub_step, sub_step,
	sub_step, case_sub_list, case_sub_show, case_sub_stats, case_sub_overdue,
};

static int run(struct cli *cli, void *args)
{
	struct cctx x;
	const struct date *d;

	memset(&x, 0, sizeof x);
	x.cli = cli;
	x.a = args;
	x.sub = SUBS[x.a->h.sub].name;
	x.f = (enum grid_format)x.a->format;
	/* --date (--raised for add), else today */
	d = x.a->h.sub == 0 ? &x.a->raised : &x.a->date;
	x.day = d->year ? *d : cli->cx.today;
	date_format(&x.day, x.iso, sizeof x.iso);
	return SUB_FN[x.a->h.sub](&x) == 0 ? EXIT_OK : cli_fail(cli);
}

const struct cmd CMD_CASE = {
	{ "case", NULL,
	  "problems raised in the visiting campaign (暖企惠民大走访): steps, list, stats, overdue",
	  0, 0, OPTS, SUBS,
	  "A step not allowed from the case's status is refused, naming those that are (the steps:\n"
	  "docs/formats.md, case-events). Raised counts the cases raised in the period (merged\n"
	  "duplicates excluded); resolved those resolved in it, as the published cases_raised and\n"
	  "cases_resolved do. Days overdue are calendar days past the deadline.\n", NULL },
	run, NEED_DB, sizeof(struct case_args), &DEFAULTS,
};
