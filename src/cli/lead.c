/* lead.c: kfq lead list|show|stats|funnel: the investment-promotion
 * pipeline (招商引资) as the promotion bureau reads it: the leads, one lead
 * in full, the bureau's figures for a unit and period, and the funnel of
 * its stages. This file holds the option table, the dispatcher (cmd_lead),
 * the rendering helpers the subcommands share (lead_cmd.h), and two
 * subcommands: list (the leads) and stats (the bureau's figures); show is
 * in lead_show.c, funnel in lead_funnel.c. Each builds a request, calls
 * one function of lead/lead_query.h (lead_list, lead_show, lead_stats,
 * lead_funnel: the queries and rules are there) and renders the result:
 * columns, Chinese or English headings, table, csv or json. Depends on
 * libkfq. */
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

/* An amount in its indicator's measure and places; empty when it has none. */
static void put_amount(struct grid *g, size_t col, const struct lead_amount *a)
{
	char buf[64];
	if (!a->has)
		return;
	dec_format(a->v, a->shift, a->decimals, buf, sizeof buf);
	grid_set(g, col, buf);
}

void lead_put_tenths(struct grid *g, size_t col, int64_t t)
{
	char buf[32];
	dec_format_tenths(t, buf, sizeof buf);
	grid_set(g, col, buf);
}

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

enum { S_UNIT, S_PERIOD, S_LANDED, S_LANDED_INV, S_PIPE, S_PIPE_INV, S_FDI, S_FDI_TARGET,
       S_FDI_COMPLETION, S_N };
static const char *const S_KEYS[S_N] = {
	"unit", "period", "landed", "landed_investment", "pipeline", "pipeline_investment",
	"fdi_arrived", "fdi_target", "fdi_completion",
};
static const char *const S_HEADS[S_N] = {
	"单位", "期间", "落户项目", "落户项目总投资(亿元)", "已签约或正在洽谈项目",
	"洽谈项目总投资(亿元)", "外资到账", "目标", "完成(%)",
};

/* The landed leads per industry or origin: in csv and json a row each
 * with the unit and period; in a table, after the figures, under 按行业
 * or 按来源地, a missing key shown as （未填）. */
static void stats_by(const struct lctx *x, const struct lead_stats_res *r)
{
	const int by_origin = r->by == LEAD_BY_ORIGIN, table = x->f == GRID_TABLE;
	const char *const keys[5] = { "unit", "period", by_origin ? "origin" : "industry", "landed",
	                              "landed_investment" };
	const char *const heads[5] = { "单位", "期间", by_origin ? "来源地" : "行业", "落户项目",
	                               "落户项目总投资(亿元)" };
	const size_t first = table ? 2 : 0;
	struct grid g;
	char per[32];

	period_format(&r->period, per, sizeof per);
	grid_init(&g, 5 - first, keys + first, table ? heads + first : keys + first);
	grid_numeric(&g, 3 - first);
	grid_numeric(&g, 4 - first);
	for (size_t i = 0; i < r->ngroups; i++) {
		const struct lead_group *gr = &r->groups[i];
		struct lead_amount inv = r->landed_inv;
		grid_row(&g);
		if (!table) {
			grid_set(&g, 0, r->unit);
			grid_set(&g, 1, per);
		}
		grid_set(&g, 2 - first, gr->key ? gr->key : table ? "（未填）" : NULL);
		grid_setf(&g, 3 - first, "%ld", gr->landed);
		inv.has = 1;
		inv.v = gr->investment;
		put_amount(&g, 4 - first, &inv);
	}
	if (table)
		fprintf(x->cli->out, "\n按%s\n", heads[2]);
	grid_write(&g, x->f, x->cli->out);
	grid_release(&g);
}

static int sub_stats(struct lctx *x)
{
	static const char *const KV[2] = { "figure", "value" }, *const KV_ZH[2] = { "指标", "数值" };
	struct lead_stats_req rq = { x->a->period, x->a->unit, (enum lead_by)x->a->by };
	struct lead_stats_res r;
	struct grid cells, g;
	char buf[64];

	if (lead_stats(&x->cli->cx, x->cli->db, &rq, &r, &x->cli->err) < 0)
		return -1;
	/* one row of cells, whichever way it is shown */
	grid_init(&cells, S_N, S_KEYS, S_KEYS);
	grid_row(&cells);
	grid_set(&cells, S_UNIT, r.unit);
	period_format(&r.period, buf, sizeof buf);
	grid_set(&cells, S_PERIOD, buf);
	put_amount(&cells, S_LANDED, &r.landed);
	put_amount(&cells, S_LANDED_INV, &r.landed_inv);
	put_amount(&cells, S_PIPE, &r.pipeline);
	put_amount(&cells, S_PIPE_INV, &r.pipeline_inv);
	if (r.has_fdi) {
		put_amount(&cells, S_FDI, &r.fdi);
		put_amount(&cells, S_FDI_TARGET, &r.fdi_target);
		if (r.has_fdi_completion)
			lead_put_tenths(&cells, S_FDI_COMPLETION, r.fdi_completion);
	}
	if (x->f == GRID_TABLE) {
		period_label_zh(&r.period, buf, sizeof buf);
		fprintf(x->cli->out, "%s招商引资（%s）\n\n", r.unit_name, buf);
		grid_init(&g, 2, KV, KV_ZH);
		grid_numeric(&g, 1);
		for (int k = S_LANDED; k < S_N; k++) {
			if (k >= S_FDI && !r.has_fdi)
				continue;
			grid_row(&g);
			if (k == S_FDI || k == S_FDI_TARGET)
				grid_setf(&g, 0, "%s(%s)", S_HEADS[k], r.fdi.measure);
			else
				grid_set(&g, 0, S_HEADS[k]);
			grid_set(&g, 1, cells.cells[k]);
		}
		grid_write(&g, GRID_TABLE, x->cli->out);
		grid_release(&g);
	} else if (r.by == LEAD_BY_NONE) {
		for (int k = S_LANDED; k < S_N; k++)
			grid_numeric(&cells, (size_t)k);
		grid_write(&cells, x->f, x->cli->out);
	}
	grid_release(&cells);
	if (r.by != LEAD_BY_NONE)
		stats_by(x, &r);
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
