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

void project_put_money(struct grid *g, size_t col, dec v, int decimals)
{
	char buf[64];
	dec_format(v, 8, decimals, buf, sizeof buf);   /* 亿元 */
	grid_set(g, col, buf);
}

const char *project_status_text(const struct pctx *x, const char *s)
{
	for (int i = 0; s && PROJECT_STATUS[i]; i++)
		if (strcmp(s, PROJECT_STATUS[i]) == 0)
			return x->f == GRID_TABLE ? PROJECT_STATUS_ZH[i] : s;
	return s;
}

/* ---- list ---- */

enum { L_CODE, L_NAME, L_CAT, L_PARK, L_STATUS, L_PSTART, L_ASTART, L_TOTAL, L_PLAN, L_YTD,
       L_THROUGH, L_N };
static const char *const L_KEYS[L_N] = {
	"code", "name", "category", "park", "status", "planned_start", "actual_start",
	"total_investment", "plan", "ytd_investment", "ytd_period",
};
static const char *const L_HEADS[L_N] = {
	"项目代码", "项目名称", "类别", "所在园区", "状态", "计划开工", "实际开工", "总投资(亿元)",
	"年度计划(亿元)", "累计完成(亿元)", "截至",
};

static int sub_list(struct pctx *x)
{
	struct project_list_req req = { x->a->status, x->a->park, x->a->late, x->a->date };
	struct project_list l;
	struct grid g;
	char buf[64];

	if (project_list(&x->cli->cx, x->cli->db, &req, &l, &x->cli->err) < 0) {
		project_list_release(&l);
		return -1;
	}
	grid_init(&g, L_N, L_KEYS, x->f == GRID_TABLE ? L_HEADS : L_KEYS);
	for (int k = L_TOTAL; k <= L_YTD; k++)
		grid_numeric(&g, (size_t)k);
	for (size_t i = 0; i < l.n; i++) {
		const struct project_list_row *r = &l.v[i];
		grid_row(&g);
		grid_set(&g, L_CODE, r->p.code);
		grid_set(&g, L_NAME, r->p.name);
		grid_set(&g, L_CAT, r->p.category);
		grid_set(&g, L_PARK, x->f == GRID_TABLE ? r->p.park_name : r->p.park);
		grid_set(&g, L_STATUS, project_status_text(x, r->p.status));
		grid_set(&g, L_PSTART, r->p.planned_start);
		grid_set(&g, L_ASTART, r->p.actual_start);
		project_put_money(&g, L_TOTAL, r->p.total, l.money_decimals);
		if (r->has & PH_PLAN)
			project_put_money(&g, L_PLAN, r->plan, l.money_decimals);
		if (r->has & PH_YTD) {
			project_put_money(&g, L_YTD, r->ytd, l.money_decimals);
			period_format(&r->through, buf, sizeof buf);
			grid_set(&g, L_THROUGH, buf);
		}
	}
	grid_write(&g, x->f, x->cli->out);
	grid_release(&g);
	project_list_release(&l);
	return 0;
}

/* ---- stats ---- */

enum { S_UNIT, S_PERIOD, S_KEY, S_PLANNED, S_STARTED, S_ONTIME, S_LATE, S_RATE, S_INV, S_PLAN,
       S_COMPLETION, S_TIMEPROP, S_COMPLETED, S_PRODUCTION, S_N };
static const char *const S_KEYS[S_N] = {
	"unit", "period", "key_projects", "planned_starts", "started", "started_on_time",
	"started_late", "start_rate", "investment", "plan", "completion", "time_progress",
	"completed", "in_production",
};
static const char *const S_HEADS[S_N] = {
	"单位", "期间", "重点项目", "计划开工", "已开工", "其中按期", "其中延期", "开工率(%)",
	"完成投资(亿元)", "年度计划(亿元)", "完成年度计划(%)", "序时进度(%)", "竣工", "投产",
};
/* The library's figure behind each figure column (-1: the unit, the
 * period, or from the investment's plan). */
static const int S_FIG[S_N] = {
	-1, -1, PST_KEY, PST_PLANNED, PST_STARTED, PST_ON_TIME, PST_LATE, PST_START_RATE,
	PST_INVESTMENT, -1, -1, -1, PST_COMPLETED, PST_PRODUCTION,
};

static int sub_stats(struct pctx *x)
{
	static const char *const KV[2] = { "figure", "value" }, *const KV_ZH[2] = { "指标", "数值" };
	struct project_stats_req req = { x->a->period, x->a->unit };
	struct project_stats s;
	char *cell[S_N] = { NULL };
	struct grid g;
	char buf[64];

	if (project_stats(&x->cli->cx, x->cli->db, &req, &s, &x->cli->err) < 0) {
		project_stats_release(&s);
		return -1;
	}
	for (int k = S_KEY; k < S_N; k++) {
		const struct project_stat_value *v = S_FIG[k] >= 0 ? &s.v[S_FIG[k]] : NULL;
		if (v && v->has) {
			dec_format(v->value, v->shift, v->decimals, buf, sizeof buf);
			cell[k] = xstrdup(buf);
		}
	}
	if (s.has & PH_PLAN) {
		dec_format(s.plan, 8, s.money_decimals, buf, sizeof buf);
		cell[S_PLAN] = xstrdup(buf);
	}
	if (s.has & PH_COMPLETION) {
		dec_format_tenths(s.completion, buf, sizeof buf);
		cell[S_COMPLETION] = xstrdup(buf);
	}
	if (s.has & PH_TIMEPROP) {
		dec_format_tenths(s.timeprop, buf, sizeof buf);
		cell[S_TIMEPROP] = xstrdup(buf);
	}
	cell[S_UNIT] = xstrdup(s.unit);
	period_format(&s.period, buf, sizeof buf);
	cell[S_PERIOD] = xstrdup(buf);
	if (x->f == GRID_TABLE) {
		period_label_zh(&s.period, buf, sizeof buf);
		fprintf(x->cli->out, "%s重点项目（%s）\n\n", s.unit_name, buf);
		grid_init(&g, 2, KV, KV_ZH);
		grid_numeric(&g, 1);
		for (int k = S_KEY; k < S_N; k++) {
			grid_row(&g);
			grid_set(&g, 0, S_HEADS[k]);
			grid_set(&g, 1, cell[k]);
		}
	} else {
		grid_init(&g, S_N, S_KEYS, S_KEYS);
		for (int k = S_KEY; k < S_N; k++)
			grid_numeric(&g, (size_t)k);
		grid_row(&g);
		for (int k = 0; k < S_N; k++)
			grid_set(&g, (size_t)k, cell[k]);
	}
	grid_write(&g, x->f, x->cli->out);
	grid_release(&g);
	for (int k = 0; k < S_N; k++)
		free(cell[k]);
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
	  "share of the year elapsed, at the latest month with investment to date.\n", NULL },
	run, NEED_DB, sizeof(struct project_args), &DEFAULTS,
};
