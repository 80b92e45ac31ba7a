/* project.c: kfq project list|show|stats|warn: the key-project register
 * (重点项目) as a project office reads it. This file holds the option
 * table, the dispatcher, the rendering helpers the subcommands share
 * (project_cmd.h), and the two short subcommands: list (the projects) and
 * stats (the office's figures for a unit and period); show is in
 * project_show.c, warn in project_warn.c. Each subcommand builds a request,
 * calls one function of project/project_query.h (which reads the register
 * and applies the rules; the figures are calc/figure's) and renders the
 * result as a table, CSV or JSON; nothing here touches the database.
 * Depends on libkfq. */
#include "cli/project_cmd.h"
#include "base/xalloc.h"
#include "project/project.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#define A struct project_args
static const struct optdef OPTS[] = {
	OPTION_CHOICE("status", A, status, "S",
	  "list: only this status", PROJECT_STATUS, PROJECT_STATUS_ZH),
	OPTION("park", OPT_TEXT, A, park, "CODE", "list: only the projects under this park"),
	OPTION("late", OPT_FLAG, A, late, NULL, "list: only projects late to start"),
	OPTION("period", OPT_PERIOD, A, period, "P",
	  "stats: the period (2017, 2017-08, 2017年1-8月 ...)"),
	OPTION("unit", OPT_TEXT, A, unit, "CODE",
	  "stats, warn: the unit (default: the top-level unit)"),
	OPTION("date", OPT_DATE, A, date, "D",
	  "list, show, warn: the day to judge on (default: today, or $KFQ_TODAY)"),
	OPTION("threshold", OPT_INT, A, threshold, "N",
	  "warn: points behind the share of the year elapsed (0 to 100, default 10)"),
	OPTION_CHOICE("format", A, format, "F", "the format; table by default", CLI_FORMATS, NULL),
	OPTION_END,
};
#undef A
static const struct project_args DEFAULTS = { { .sub = -1 }, -1, NULL, 0, { 0 }, NULL, { 0 }, 10,
                                              GRID_TABLE };

const char *project_status_text(const struct pctx *x, const char *s)
{
	return project_status_shown(s, x->f == GRID_TABLE);
}

static int sub_list(struct pctx *x)
{
	struct project_list_req req = { x->a->status, x->a->park, x->a->late, x->a->date };
	struct project_list l;
	struct grid g;

	if (project_list(&x->cli->cx, x->cli->db, &req, &l, &x->cli->err) < 0) {
		project_list_release(&l);
		return -1;
	}
	project_list_grid(&l, x->f == GRID_TABLE, &g);
	grid_write(&g, x->f, x->cli->out);
	grid_release(&g);
	project_list_release(&l);
	return 0;
}

static int sub_stats(struct pctx *x)
{
	struct project_stats_req req = { x->a->period, x->a->unit };
	struct project_stats s;
	struct grid g;
	char buf[64];

	if (project_stats(&x->cli->cx, x->cli->db, &req, &s, &x->cli->err) < 0) {
		project_stats_release(&s);
		return -1;
	}
	if (x->f == GRID_TABLE) {
		period_label_zh(&s.period, buf, sizeof buf);
		fprintf(x->cli->out, "%s重点项目（%s）\n\n", s.unit_name, buf);
		project_stats_table(&s, &g);
	} else {
		project_stats_grid(&s, &g);
	}
	grid_write(&g, x->f, x->cli->out);
	grid_release(&g);
	project_stats_release(&s);
	return 0;
}

/* ---- the subcommands ---- */

static const struct subdef SUBS[] = {
	{ "list", NULL, { "status", "park", "late", "date", "format", NULL },
	  "the register, with this year's plan and investment to date" },
	{ "show", "CODE", { "date", "format", NULL },
	  "a project: attributes, plans, progress, problems, history (csv/json: the attributes)" },
	{ "stats", NULL, { "!period", "unit", "format", NULL },
	  "key (industrial) projects, starts, start rate, investment against the plan, completed, "
	  "in production (year to date)" },
	{ "warn", NULL, { "date", "threshold", "unit", "format", NULL },
	  "not started, behind schedule, overdue problems, suspended" },
	{ NULL },
};
/* The handler of each subcommand, in the order of SUBS. */
static int (*const SUB_FN[])(struct pctx *x) = {
	sub_list, project_sub_show, sub_stats, project_sub_warn,
};

static int run(struct cli *cli, void *args)
{
	struct pctx x = { cli, args, GRID_TABLE };

	x.f = (enum grid_format)x.a->format;
	return SUB_FN[x.a->h.sub](&x) == 0 ? EXIT_OK : cli_fail(cli);
}

const struct cmd CMD_PROJECT = {
	{ "project", NULL,
	  "key projects (重点项目): list, show a project, the office's figures, warnings", 0, 0, OPTS,
	  SUBS,
	  "Late to start: the planned month has passed without a start, or it started after it.\n"
	  "Behind schedule: the plan's completion is more than N points (default 10) below the\n"
	  "share of the year elapsed, at the latest month with investment to date among the\n"
	  "months that have ended by --date (on 2017-10-01: through September; in January:\n"
	  "last year's plan, through December).\n", NULL },
	run, NEED_DB, sizeof(struct project_args), &DEFAULTS,
};
