/* case.c: kfq case add|assign|...|close|list|show|stats|overdue: the
 * problems (cases) raised in the visiting campaign (暖企惠民大走访), as the
 * office that follows them up works them. This file holds the option
 * table, the dispatcher (cmd_case), the rendering helpers the subcommands
 * share (case_cmd.h), and the subcommands that change a case: add
 * (case_register) and one per step (case_apply), each one library call
 * that runs its own transaction. list and overdue are in case_list.c,
 * show in case_show.c, stats in case_stats.c. Depends on libkfq. */
#include "cli/case_cmd.h"
#include "base/dec.h"

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
	OPTION("enterprise", OPT_TEXT, A, enterprise, "U",
	  "add: the enterprise (unit code); list: only the cases it raised"),
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
	OPTION("with-contacts", OPT_FLAG, A, with_contacts, NULL,
	  "show: the household's head, address and phone (personal information: hidden unless "
	  "asked, and the asking recorded in the audit log)"),
	OPTION("show-phone", OPT_FLAG, A, with_contacts, NULL, "show: the same as --with-contacts"),
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

void case_put_date(struct grid *g, size_t col, const struct date *d)
{
	char buf[16];
	if (!d->year)
		return;
	date_format(d, buf, sizeof buf);
	grid_set(g, col, buf);
}

int case_fail(struct cctx *x)
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

/* ---- the subcommands that change a case ---- */

static int sub_add(struct cctx *x)
{
	struct case_row r;
	struct case_change res;
	char deadline[16];

	memset(&r, 0, sizeof r);
	r.code = x->a->h.pos[0];
	r.raised = x->a->raised;
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
	if (case_register(&x->cli->cx, x->cli->db, &r, &res, &x->cli->err) < 0)
		return x->cli->err.kind == KFQ_EFAULT ? -1 : case_fail(x);
	date_format(&res.deadline, deadline, sizeof deadline);
	if (res.changed)
		fprintf(x->cli->out, "%s: registered, due %s\n", r.code, deadline);
	else
		fprintf(x->cli->out, "%s: no change\n", r.code);
	return 0;
}

static int sub_step(struct cctx *x)
{
	struct case_step_req s = {
		.code = x->a->h.pos[0],
		.action = (enum case_action)case_name_index(x->sub, CASE_ACTION, NULL),
		.date = x->a->date, .dept = x->a->dept, .note = x->a->note, .into = x->a->into,
		.rating = (int)x->a->rating,
	};
	struct case_change res;

	if (x->a->rating != 0 && (x->a->rating < 1 || x->a->rating > 5))
		return kfq_error(&x->cli->err, "case %s: --rating %ld: expected 1 to 5", x->sub,
		                 x->a->rating);
	if (case_apply(&x->cli->cx, x->cli->db, &s, &res, &x->cli->err) < 0)
		return x->cli->err.kind == KFQ_EFAULT ? -1 : case_fail(x);
	if (res.changed)
		fprintf(x->cli->out, "%s: %s → %s\n", s.code, res.from >= 0 ? CASE_STATUS[res.from] : "",
		        res.to >= 0 ? CASE_STATUS[res.to] : "");
	else
		fprintf(x->cli->out, "%s: no change\n", s.code);
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
	{ "list", NULL, { "dept", "overdue", "status", "category", "enterprise", "date", "format", NULL },
	  "the cases, with the days overdue on D" },
	{ "show", "CODE", { "with-contacts", "show-phone", "format", NULL },
	  "a case, its steps and history (csv/json: the attributes); a household's head, address "
	  "and phone only when asked" },
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

	memset(&x, 0, sizeof x);
	x.cli = cli;
	x.a = args;
	x.sub = SUBS[x.a->h.sub].name;
	x.f = (enum grid_format)x.a->format;
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
