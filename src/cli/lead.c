/* lead.c: kfq lead list|show|stats|funnel: the investment-promotion
 * pipeline (招商引资) as the promotion bureau reads it: the leads, one lead
 * in full, the bureau's figures for a unit and period, and the funnel of
 * its stages. This file holds the option table, the dispatcher (cmd_lead),
 * the rendering helpers the subcommands share (lead_cmd.h), and two
 * subcommands: list (the leads) and stats (the bureau's figures); show is
 * in lead_show.c, funnel in lead_funnel.c. Each builds a request, calls
 * one function of lead/lead_query.h (lead_list, lead_show, lead_stats,
 * lead_funnel: the queries and rules are there) and prints the result as
 * report/lead_grid.c builds it (the web answers the same grids): table,
 * csv or json. Depends on libkfq. */
#include "cli/lead_cmd.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

static const char *const BY[] = { "industry", "origin", NULL };

#define A struct lead_args
static const struct optdef OPTS[] = {
	OPTION("stage", OPT_TEXT, A, stage, "S",
	  "list: only leads now at this stage (contact ... dropped, or 接洽 ... 终止)"),
	OPTION("park", OPT_TEXT, A, park, "CODE", "list: only leads intended for this park"),
	OPTION("date", OPT_DATE, A, date, "D",
	  "list: the stages as of this day (default: the latest); funnel: the day (default: "
	  "today, or $KFQ_TODAY)"),
	OPTION("period", OPT_PERIOD, A, period, "P",
	  "stats: the period (2017, 2017Q3, 2017-08, 2017年1-8月 ...)"),
	OPTION("unit", OPT_TEXT, A, unit, "CODE", "stats: the unit (default: the top-level unit)"),
	OPTION_CHOICE("by", A, by, "B",
	  "stats: a row per industry or origin of the leads that landed", BY, NULL),
	OPTION_CHOICE("format", A, format, "F", "the format; table by default", CLI_FORMATS, NULL),
	OPTION_END,
};
#undef A
static const struct lead_args DEFAULTS = { { .sub = -1 }, NULL, NULL, { 0 }, { 0 }, NULL, -1,
                                           GRID_TABLE };

const char *lead_stage_text(const struct lctx *x, int stage)
{
	return lead_stage_shown(stage, x->f == GRID_TABLE);
}

/* ---- list ---- */

void lead_list_row(const struct lctx *x, struct grid *g, const struct lead_item *it)
{
	lead_list_row_grid(g, it, x->f == GRID_TABLE);
}

static int sub_list(struct lctx *x)
{
	struct lead_list_req rq = { x->a->stage, x->a->park, x->a->date };
	struct lead_list_res res;
	struct grid g;

	if (lead_list(&x->cli->cx, x->cli->db, &rq, &res, &x->cli->err) < 0)
		return -1;
	lead_list_grid(&res, x->f == GRID_TABLE, &g);
	grid_write(&g, x->f, x->cli->out);
	grid_release(&g);
	lead_list_release(&res);
	return 0;
}


/* ---- stats ---- */

static int sub_stats(struct lctx *x)
{
	struct lead_stats_req rq = { x->a->period, x->a->unit, (enum lead_by)x->a->by };
	struct lead_stats_res r;
	struct grid g;
	char label[64];

	if (lead_stats(&x->cli->cx, x->cli->db, &rq, &r, &x->cli->err) < 0)
		return -1;
	if (x->f != GRID_TABLE) {
		lead_stats_grid(&r, &g);
		grid_write(&g, x->f, x->cli->out);
		grid_release(&g);
		lead_stats_release(&r);
		return 0;
	}
	period_label_zh(&r.period, label, sizeof label);
	fprintf(x->cli->out, "%s招商引资（%s）\n\n", r.unit_name, label);
	lead_stats_table(&r, &g);
	grid_write(&g, GRID_TABLE, x->cli->out);
	grid_release(&g);
	if (r.by != LEAD_BY_NONE) {
		fprintf(x->cli->out, "\n按%s\n", r.by == LEAD_BY_ORIGIN ? "来源地" : "行业");
		lead_stats_by_table(&r, &g);
		grid_write(&g, GRID_TABLE, x->cli->out);
		grid_release(&g);
	}
	lead_stats_release(&r);
	return 0;
}

/* ---- the subcommands ---- */

static const struct subdef SUBS[] = {
	{ "list", NULL, { "stage", "park", "date", "format", NULL },
	  "the leads, each with its stage as of D (default: the latest) and the day it began" },
	{ "show", "CODE", { "format", NULL },
	  "a lead: attributes, dated stages with the days in the previous one, links, history "
	  "(csv/json: the attributes)" },
	{ "stats", NULL, { "!period", "unit", "by", "format", NULL },
	  "leads landed in the period and their investment, the pipeline (signed or negotiating) "
	  "at its end, foreign capital arrived (fdi_arrived) against its target; --by: the landed "
	  "leads per industry or origin (csv/json: those rows only)" },
	{ "funnel", NULL, { "date", "format", NULL },
	  "per stage, the leads that reached it by D (default: today), the share that moved on to "
	  "the next and the median days it took; and the leads dropped" },
	{ NULL },
};
/* The handler of each subcommand, in the order of SUBS. */
static int (*const SUB_FN[])(struct lctx *x) = {
	sub_list, lead_sub_show, sub_stats, lead_sub_funnel,
};

static int run(struct cli *cli, void *args)
{
	struct lctx x = { cli, args, GRID_TABLE };

	x.f = (enum grid_format)x.a->format;
	if (SUB_FN[x.a->h.sub](&x) == 0)
		return EXIT_OK;
	/* the library's user errors name the field (park): as an option here */
	if (cli->err.kind == KFQ_EUSER) {
		cli_field(&cli->err);
		kfq_err_prefix(&cli->err, "lead %s", SUBS[x.a->h.sub].name);
	}
	return cli_fail(cli);
}

const struct cmd CMD_LEAD = {
	{ "lead", NULL,
	  "investment promotion (招商引资): leads, a lead's stages, the figures, the funnel", 0, 0,
	  OPTS, SUBS,
	  "Landed, pipeline and foreign-capital figures are the indicators landed_projects,\n"
	  "landed_investment, pipeline_projects, pipeline_investment and fdi_arrived, as kfq show\n"
	  "gives them.\n", NULL },
	run, NEED_DB, sizeof(struct lead_args), &DEFAULTS,
};
