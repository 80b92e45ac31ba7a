/* approval.c: kfq approval submit|approve|certify|reopen --unit U --period P
 * [--note T] and kfq approval status --period P [--unit U]: the approval of
 * units' months (quality/approval.h): each step one library call in its own
 * transaction; the tree with each unit's state and what blocks its next
 * step. Depends on libkfq. */
#include "cli/cli.h"
#include "quality/approval.h"
#include "report/grid.h"
#include "report/quality_grid.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

struct approval_args {
	struct cli_args h;
	const char *unit, *note;
	struct period period;
	int format;   /* enum grid_format */
};

#define A struct approval_args
static const struct optdef OPTS[] = {
	OPTION("unit", OPT_TEXT, A, unit, "CODE",
	  "the unit whose month the step is on; status: the tree under it (default: all)"),
	OPTION("period", OPT_PERIOD, A, period, "P", "the month (2017-08)"),
	OPTION("note", OPT_TEXT, A, note, "T", "why (required for reopen; kept in history)"),
	OPTION_CHOICE("format", A, format, "F", "status: the format; table by default", CLI_FORMATS,
	  NULL),
	OPTION_END,
};
#undef A
static const struct approval_args DEFAULTS = { .h = { .sub = -1 }, .format = GRID_TABLE };

static const struct subdef SUBS[] = {
	{ "submit", NULL, { "!unit", "!period", "note", NULL }, "填报 → 已提交: the month is submitted" },
	{ "approve", NULL, { "!unit", "!period", "note", NULL },
	  "已提交 → 已审核: approved (its units approved, no open error finding); locks the month" },
	{ "certify", NULL, { "!unit", "!period", "note", NULL }, "已审核 → 已核定: certified" },
	{ "reopen", NULL, { "!unit", "!period", "!note", NULL },
	  "back to 填报, with the reason: the month can change again" },
	{ "status", NULL, { "!period", "unit", "format", NULL },
	  "the tree: each unit's state, who set it, what blocks its next step" },
	{ NULL },
};

static int status(struct cli *cli, struct approval_args *a)
{
	enum grid_format f = (enum grid_format)a->format;
	struct approval_tree t;
	struct grid g;

	if (approval_status(cli->db, a->unit, &a->period, &t, &cli->err) < 0) {
		cli_field(&cli->err);
		return cli_fail(cli);
	}
	approval_grid(&t, f == GRID_TABLE && cli->cx.lang == KFQ_ZH, f == GRID_TABLE, &g);
	grid_write(&g, f, cli->out);
	grid_release(&g);
	approval_tree_release(&t);
	return EXIT_OK;
}

static int run(struct cli *cli, void *args)
{
	struct approval_args *a = args;
	static const enum approval_step STEPS[] = { AP_SUBMIT, AP_APPROVE, AP_CERTIFY, AP_REOPEN };
	char period[32];

	if (a->h.sub == 4)
		return status(cli, a);
	if (approval_apply(cli->db, &cli->cx, a->unit, &a->period, STEPS[a->h.sub], a->note,
	                   &cli->err) < 0) {
		cli_field(&cli->err);
		return cli_fail(cli);
	}
	period_format(&a->period, period, sizeof period);
	fprintf(cli->out, "%s %s: %s\n", a->unit, period, APPROVAL_STEP[STEPS[a->h.sub]]);
	return EXIT_OK;
}

const struct cmd CMD_APPROVAL = {
	{ "approval", NULL, "the approval of units' months: submit, approve, certify, reopen, status",
	  0, 0, OPTS, SUBS,
	  "An approved (已审核) or certified (已核定) month is locked: imports and edits of its\n"
	  "units' values are refused until it is reopened with a reason (docs/quality.md).\n",
	  NULL },
	run, NEED_DB, sizeof(struct approval_args), &DEFAULTS,
};
