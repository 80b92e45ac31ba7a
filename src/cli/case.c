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

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const struct opt CASE_OPTS[] = {
	{ "raised", "D", "add: the day the problem was raised (default: today)" },
	{ "category", "C", "add, list: land, finance, labour, approvals, infrastructure, "
	  "environment, policy, leadership, other (or 用地 ... 其他)" },
	{ "description", "T", "add: the problem" },
	{ "priority", "P", "add: urgent, high, normal (default), low (or 紧急, 高, 普通, 低)" },
	{ "channel", "CH", "add: visit (default with --visit), hotline, letter, meeting, online" },
	{ "visit", "V", "add: the visit that raised it" },
	{ "enterprise", "U", "add: the enterprise (unit code)" },
	{ "household", "H", "add: the household (its code)" },
	{ "campaign", "X", "add: the campaign; stats: only its cases" },
	{ "raised-by", "W", "add: who raised it" },
	{ "date", "D", "steps: the day of the step; list, overdue: the day to judge on "
	  "(default: today, or $KFQ_TODAY)" },
	{ "dept", "X", "assign, transfer: the department; list: only its cases" },
	{ "note", "T", "steps: what was done, the reason, the explanation" },
	{ "into", "CODE", "merge: the case this one duplicates" },
	{ "rating", "N", "confirm: the requester's rating, 1 to 5" },
	{ "status", "S", "list: only this status (registered ... merged, or 已登记 ... 已合并)" },
	{ "overdue", NULL, "list: only cases open and past their deadline" },
	{ "period", "P", "stats: the period (2017, 2017Q1, 2017-03, 2017年1-8月 ...)" },
	{ "by", "dept|category", "stats: a row per department or category" },
	{ "days", "N", "overdue: escalate cases overdue by more than N days (default 5)" },
	{ "soon", "N", "overdue: also the open cases due within N days (default 3)" },
	{ "show-phone", NULL, "show: the household's phone number (hidden unless asked)" },
	{ "format", "F", "table, csv or json" },
	{ NULL, NULL, NULL },
};

const char *case_opt(const struct cctx *x, const char *name)
{
	return opt_get(x->c, x->ov, name);
}

const char *case_text(const struct cctx *x, const char *s, const char *const *en,
                      const char *const *zh)
{
	int i = case_name_index(s, en, NULL);
	return i >= 0 && x->f == GRID_TABLE ? zh[i] : s;
}

int case_opt_name(struct cctx *x, const char *opt, const char *const *en, const char *const *zh)
{
	const char *s = case_opt(x, opt);
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

/* Library messages name the import's columns (column "rating": ...); here
 * they are options: put the subcommand in front and --rating for the column. */
static int step_fail(struct cctx *x)
{
	struct kfq_err *err = &x->cli->err;
	char opt[48];
	const char *q;
	size_t len;
	if (strncmp(err->msg, "column \"", 8) == 0 && (q = strchr(err->msg + 8, '"')) &&
	    (size_t)(q - err->msg - 8) < sizeof opt - 4 && q[1] == ':') {
		const char *tail = q + 2 + (strncmp(err->msg + 8, "case\"", 5) == 0 && q[2] == ' ');
		if (strncmp(err->msg + 8, "case\"", 5) == 0)
			opt[0] = 0;
		else
			snprintf(opt, sizeof opt, "--%.*s:", (int)(q - err->msg - 8), err->msg + 8);
		for (char *p = opt; *p; p++)
			if (*p == '_')
				*p = '-';
		len = strlen(opt);   /* shorter than what it replaces */
		memmove(err->msg + len, tail, strlen(tail) + 1);
		memcpy(err->msg, opt, len);
	}
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
	r.code = x->ov->pos[1];
	r.raised = x->day;
	r.category = case_opt(x, "category");
	r.description = case_opt(x, "description");
	r.priority = case_opt(x, "priority");
	r.channel = case_opt(x, "channel");
	r.visit = case_opt(x, "visit");
	r.unit = case_opt(x, "enterprise");
	r.household = case_opt(x, "household");
	r.campaign = case_opt(x, "campaign");
	r.raised_by = case_opt(x, "raised-by");
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
	const char *code = x->ov->pos[1], *rs = case_opt(x, "rating");
	char before[32], after[32];
	int rating = 0, changed;

	if (rs) {
		char *end;
		long v = strtol(rs, &end, 10);
		if (!*rs || *end || v < 1 || v > 5)
			return kfq_error(&x->cli->err, "case %s: --rating \"%s\" (expected 1 to 5)", x->sub,
			                 rs);
		rating = (int)v;
	}
	if (db_begin(x->cli->db, &x->cli->cx, &x->cli->err) < 0)
		return -1;
	if (status_of(x, code, before, sizeof before) < 0 ||
	    case_act(x->cli->db, code, x->sub, &x->day, case_opt(x, "dept"), case_opt(x, "note"),
	             case_opt(x, "into"), rating, x->cli->cx.who, &changed, &x->cli->err) < 0) {
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

static const struct subcmd SUBS[] = {
	{ "add", 1, { "raised", "category", "description", "priority", "channel", "visit",
	              "enterprise", "household", "campaign", "raised-by", NULL } },
	{ "assign", 1, { "date", "dept", "note", NULL } },
	{ "accept", 1, { "date", "note", NULL } },
	{ "progress", 1, { "date", "note", NULL } },
	{ "resolve", 1, { "date", "note", NULL } },
	{ "confirm", 1, { "date", "rating", "note", NULL } },
	{ "reopen", 1, { "date", "note", NULL } },
	{ "transfer", 1, { "date", "dept", "note", NULL } },
	{ "merge", 1, { "date", "into", "note", NULL } },
	{ "close", 1, { "date", "note", NULL } },
	{ "list", 0, { "dept", "overdue", "status", "category", "date", "format", NULL } },
	{ "show", 1, { "show-phone", "format", NULL } },
	{ "stats", 0, { "period", "by", "campaign", "format", NULL } },
	{ "overdue", 0, { "date", "days", "soon", "format", NULL } },
};
/* The handler of each subcommand, in the order of SUBS. */
static int (*const SUB_FN[])(struct cctx *x) = {
	sub_add, sub_step, sub_step, sub_step, sub_step, sub_step, sub_step, sub_step, sub_step,
	sub_step, case_sub_list, case_sub_show, case_sub_stats, case_sub_overdue,
};
#define NSUBS (sizeof SUBS / sizeof SUBS[0])

/* --date (--raised for add), else today. */
static int set_day(struct cctx *x, const char *opt)
{
	const char *s = case_opt(x, opt);
	if (!s)
		x->day = x->cli->cx.today;
	else if (date_parse(s, &x->day, &x->cli->err) < 0)
		return kfq_err_prefix(&x->cli->err, "case %s: --%s", x->sub, opt);
	date_format(&x->day, x->iso, sizeof x->iso);
	return 0;
}

int cmd_case(struct cli *cli, const struct optv *ov)
{
	struct cctx x;
	int si;

	memset(&x, 0, sizeof x);
	x.cli = cli;
	x.c = cmd_find("case");
	x.ov = ov;
	if ((si = subcmd_find(x.c, ov, SUBS, NSUBS, &cli->err)) < 0)
		return cli_fail(cli);
	x.sub = SUBS[si].name;
	if (grid_parse_format(case_opt(&x, "format"), 0, &x.f, &cli->err) < 0 ||
	    set_day(&x, si == 0 ? "raised" : "date") < 0)
		return cli_fail(cli);
	return SUB_FN[si](&x) == 0 ? EXIT_OK : cli_fail(cli);
}
