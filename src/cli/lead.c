/* lead.c: kfq lead list|show|stats|funnel: the investment-promotion
 * pipeline (招商引资) as the promotion bureau reads it: the leads, one lead
 * in full, the bureau's figures for a unit and period, and the funnel of
 * its stages. This file holds the option table, the dispatcher (cmd_lead),
 * the helpers the subcommands share (lead_cmd.h), and two subcommands:
 * list (the leads) and stats (the bureau's figures); show is in
 * lead_show.c, funnel in lead_funnel.c. The published figures (landed,
 * pipeline, foreign capital) come from calc/figure, so they never disagree
 * with `kfq show`; only what is not an indicator (the breakdowns by
 * industry or origin, the funnel) is read from the lead records by this
 * command. Depends on libkfq. */
#include "cli/lead_cmd.h"
#include "base/xalloc.h"
#include "lead/lead.h"

#include <stddef.h>
#include <stdlib.h>
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

/* The leads: one row per lead, the columns Q_ID ... of lead_cmd.h. */
static const char SQL_LEADS[] =
	"SELECT l.id, l.code, l.name, l.investor, l.origin, l.industry, p.code, p.name, l.total_inv, "
	"l.foreign_inv, l.officer, l.source, e.code, e.name, j.code, j.name FROM lead l "
	"LEFT JOIN unit p ON p.id = l.park_id LEFT JOIN unit e ON e.id = l.unit_id "
	"LEFT JOIN unit j ON j.id = l.project_id WHERE ?1 IS NULL OR l.code = ?1 ORDER BY l.code";
/* A lead's stage as of a day (NULL: its latest), and the day it began. */
static const char SQL_STAGE_AT[] =
	"SELECT stage, date FROM lead_stage WHERE lead_id = ?1 AND (?2 IS NULL OR date <= ?2) "
	"ORDER BY date DESC, id DESC LIMIT 1";


int lead_load(struct lctx *x, const char *code)
{
	struct kfq_stmt *st, *sg;
	char iso[16];
	size_t cap = 0;
	int rc;

	if (db_prepare(x->cli->db, SQL_LEADS, &st, &x->cli->err) < 0)
		return -1;
	if (db_prepare(x->cli->db, SQL_STAGE_AT, &sg, &x->cli->err) < 0) {
		st_finalize(st);
		return -1;
	}
	if (code)
		st_bind_text(st, 1, code);
	if (x->has_day) {
		date_format(&x->day, iso, sizeof iso);
		st_bind_text(sg, 2, iso);
	}
	while ((rc = st_step(st)) == ST_ROW) {
		struct lrow *r;
		XGROW(x->rows, x->nrows + 1, cap);
		r = &x->rows[x->nrows++];
		memset(r, 0, sizeof *r);
		r->id = st_i64(st, Q_ID);
		for (int k = 0; k < Q_N; k++) {
			const char *s = st_text(st, k);
			r->col[k] = s && *s ? xstrdup(s) : NULL;
		}
		r->stage = -1;
		st_reset(sg);
		st_bind_i64(sg, 1, r->id);
		if ((rc = st_step(sg)) == ST_ROW) {
			r->stage = lead_stage_parse(st_text(sg, 0));
			snprintf(r->since, sizeof r->since, "%s", st_text(sg, 1));
		} else if (rc != ST_DONE) {
			break;
		}
	}
	st_finalize(sg);
	st_finalize(st);
	return rc == ST_DONE ? 0 : db_fault(x->cli->db, &x->cli->err, "reading leads");
}

static void free_leads(struct lctx *x)
{
	for (size_t i = 0; i < x->nrows; i++)
		for (int k = 0; k < Q_N; k++)
			free(x->rows[i].col[k]);
	free(x->rows);
	x->rows = NULL;
	x->nrows = 0;
}

/* Exact v in a measure 10^shift, with at least min_places decimals. */
static void put_exact(struct grid *g, size_t col, const char *v, int shift, int min_places)
{
	char buf[64];
	const char *dot;
	dec d;
	if (!v)
		return;
	d = strtoll(v, NULL, 10);
	dec_format(d, shift, -1, buf, sizeof buf);
	dot = strchr(buf, '.');
	if ((dot ? (int)strlen(dot + 1) : 0) < min_places)
		dec_format(d, shift, min_places, buf, sizeof buf);
	grid_set(g, col, buf);
}

/* A dec in an indicator's measure and places. */
static void put_ind(struct grid *g, size_t col, const struct indicator *d, dec v)
{
	char buf[64];
	dec_format(v, d->measure->shift, d->decimals, buf, sizeof buf);
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
	if (stage < 0 || stage >= LS_N)
		return NULL;
	return x->f == GRID_TABLE ? LEAD_STAGE_ZH[stage] : LEAD_STAGE[stage];
}

/* ---- list ---- */

const char *const LEAD_LIST_KEYS[L_N] = {
	"code", "name", "investor", "origin", "industry", "park", "total_investment",
	"foreign_investment", "officer", "source", "stage", "stage_date", "enterprise", "project",
};
const char *const LEAD_LIST_HEADS[L_N] = {
	"代码", "项目名称", "投资方", "来源地", "行业", "意向园区", "总投资(亿元)", "外资(万美元)",
	"负责人", "信息来源", "阶段", "阶段日期", "落户企业", "重点项目",
};

void lead_list_row(const struct lctx *x, struct grid *g, const struct lrow *r)
{
	static const int SAME[][2] = {
		{ L_CODE, Q_CODE }, { L_NAME, Q_NAME }, { L_INVESTOR, Q_INVESTOR },
		{ L_ORIGIN, Q_ORIGIN }, { L_INDUSTRY, Q_INDUSTRY }, { L_OFFICER, Q_OFFICER },
		{ L_SOURCE, Q_SOURCE }, { L_ENT, Q_ENT }, { L_PROJ, Q_PROJ },
	};
	grid_row(g);
	for (size_t k = 0; k < sizeof SAME / sizeof SAME[0]; k++)
		grid_set(g, (size_t)SAME[k][0], r->col[SAME[k][1]]);
	grid_set(g, L_PARK, r->col[x->f == GRID_TABLE ? Q_PARKNAME : Q_PARK]);
	put_exact(g, L_TOTAL, r->col[Q_TOTAL], 8, 2);
	put_exact(g, L_FOREIGN, r->col[Q_FOREIGN], 4, 0);
	grid_set(g, L_STAGE, lead_stage_text(x, r->stage));
	grid_set(g, L_SINCE, r->since);
}

static int stage_list_error(struct lctx *x, const char *s)
{
	char en[128] = "", zh[128] = "";
	for (int i = 0; LEAD_STAGE[i]; i++) {
		snprintf(en + strlen(en), sizeof en - strlen(en), "%s%s", i ? ", " : "", LEAD_STAGE[i]);
		snprintf(zh + strlen(zh), sizeof zh - strlen(zh), "%s%s", i ? ", " : "",
		         LEAD_STAGE_ZH[i]);
	}
	return kfq_error(&x->cli->err, "lead list: --stage \"%s\" (expected %s; or %s)", s, en, zh);
}

/* The park named by --park: a unit of kind park, or one a lead names. */
static int list_park(struct lctx *x, long *park)
{
	const char *s = x->a->park;
	const struct unit_set *us = &x->m.units;
	char *known = xstrdup("");
	*park = -1;
	if (!s) {
		free(known);
		return 0;
	}
	for (size_t i = 0; i < us->n; i++) {
		int named = strcmp(us->v[i].kind, "park") == 0;
		for (size_t k = 0; k < x->nrows && !named; k++)
			named = x->rows[k].col[Q_PARK] && strcmp(x->rows[k].col[Q_PARK], us->v[i].code) == 0;
		if (!named)
			continue;
		if (strcmp(us->v[i].code, s) == 0) {
			*park = (long)i;
			free(known);
			return 0;
		}
		char *more = xasprintf("%s%s%s", known, *known ? ", " : "", us->v[i].code);
		free(known);
		known = more;
	}
	kfq_error(&x->cli->err, "lead list: --park \"%s\" is not a park (expected one of: %s)", s,
	          *known ? known : "none yet; import units first");
	free(known);
	return -1;
}

static int sub_list(struct lctx *x)
{
	int stage = -1;
	long park;
	struct grid g;

	if (x->a->stage && (stage = lead_stage_parse(x->a->stage)) < 0)
		return stage_list_error(x, x->a->stage);
	if (lead_load(x, NULL) < 0 || list_park(x, &park) < 0)
		return -1;
	grid_init(&g, L_N, LEAD_LIST_KEYS, x->f == GRID_TABLE ? LEAD_LIST_HEADS : LEAD_LIST_KEYS);
	grid_numeric(&g, L_TOTAL);
	grid_numeric(&g, L_FOREIGN);
	for (size_t i = 0; i < x->nrows; i++) {
		const struct lrow *r = &x->rows[i];
		if (stage >= 0 && r->stage != stage)
			continue;
		if (park >= 0) {
			long u = r->col[Q_PARK] ? units_find(&x->m.units, r->col[Q_PARK]) : -1;
			if (u < 0 || !units_within(&x->m.units, (size_t)u, (size_t)park))
				continue;
		}
		lead_list_row(x, &g, r);
	}
	grid_write(&g, x->f, x->cli->out);
	grid_release(&g);
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
/* The derived indicator behind each lead figure. */
static const char *const S_IND[S_N] = {
	NULL, NULL, "landed_projects", "landed_investment", "pipeline_projects",
	"pipeline_investment", NULL, NULL, NULL,
};

/* The leads whose first landing falls in [from, to], in the subtree of
 * unit u (a lead with no park counts in the first top-level unit, as
 * lead_derive places it), grouped by industry or origin. */
static int stats_by(struct lctx *x, size_t u, const struct period *p, int by_origin,
                    const struct indicator *inv_ind)
{
	static const char *const SQL[2] = {
		"WITH f AS (SELECT lead_id, min(date) AS d FROM lead_stage WHERE stage = 'landed' "
		"GROUP BY lead_id) SELECT l.industry, coalesce(l.park_id, (SELECT id FROM unit WHERE "
		"parent_id IS NULL ORDER BY id LIMIT 1)), l.total_inv FROM lead l JOIN f ON "
		"f.lead_id = l.id WHERE f.d BETWEEN ?1 AND ?2 ORDER BY l.industry IS NULL, l.industry",
		"WITH f AS (SELECT lead_id, min(date) AS d FROM lead_stage WHERE stage = 'landed' "
		"GROUP BY lead_id) SELECT l.origin, coalesce(l.park_id, (SELECT id FROM unit WHERE "
		"parent_id IS NULL ORDER BY id LIMIT 1)), l.total_inv FROM lead l JOIN f ON "
		"f.lead_id = l.id WHERE f.d BETWEEN ?1 AND ?2 ORDER BY l.origin IS NULL, l.origin",
	};
	const char *what = by_origin ? "origin" : "industry";
	const char *keys[5] = { "unit", "period", what, "landed", "landed_investment" };
	const char *heads[5] = { "单位", "期间", by_origin ? "来源地" : "行业", "落户项目",
	                         "落户项目总投资(亿元)" };
	struct date from = { p->year, p->first, 1 };
	struct date to = { p->year, p->last, date_month_days(p->year, p->last) };
	const struct unit_set *us = &x->m.units;
	char d1[16], d2[16], per[32];
	char *group = NULL;
	struct kfq_stmt *st;
	struct grid g;
	long n = 0;
	dec inv = 0;
	int rc, table = x->f == GRID_TABLE, first = table ? 2 : 0, any = 0;

	date_format(&from, d1, sizeof d1);
	date_format(&to, d2, sizeof d2);
	period_format(p, per, sizeof per);
	if (db_prepare(x->cli->db, SQL[by_origin], &st, &x->cli->err) < 0)
		return -1;
	st_bind_text(st, 1, d1);
	st_bind_text(st, 2, d2);
	grid_init(&g, 5 - (size_t)first, keys + first, table ? heads + first : keys + first);
	grid_numeric(&g, 3 - (size_t)first);
	grid_numeric(&g, 4 - (size_t)first);
	for (;;) {
		const char *key = NULL;
		int64_t park = 0;
		long pu;
		if ((rc = st_step(st)) == ST_ROW) {
			key = st_text(st, 0);
			park = st_i64(st, 1);
			pu = park >= 0 && park <= us->max_id ? us->by_id[park] : -1;
			if (pu < 0 || !units_within(us, (size_t)pu, u))
				continue;
		}
		/* close the group before a new key, and at the end */
		if (any && (rc != ST_ROW || strcmp(group ? group : "", key ? key : "") != 0 ||
		            (!group) != (!key))) {
			grid_row(&g);
			if (!table) {
				grid_set(&g, 0, us->v[u].code);
				grid_set(&g, 1, per);
			}
			grid_set(&g, 2 - (size_t)first, group ? group : table ? "（未填）" : NULL);
			grid_setf(&g, 3 - (size_t)first, "%ld", n);
			put_ind(&g, 4 - (size_t)first, inv_ind, inv);
			free(group);
			group = NULL;
			n = 0;
			inv = 0;
			any = 0;
		}
		if (rc != ST_ROW)
			break;
		if (!any)
			group = key ? xstrdup(key) : NULL;
		any = 1;
		n++;
		if (dec_add(inv, st_i64(st, 2), &inv) < 0) {
			rc = kfq_error(&x->cli->err, "lead stats: the investment total does not fit");
			break;
		}
	}
	st_finalize(st);
	free(group);
	if (rc == ST_DONE) {
		if (table)
			fprintf(x->cli->out, "\n按%s\n", heads[2]);
		grid_write(&g, x->f, x->cli->out);
	} else if (rc != -1) {
		db_fault(x->cli->db, &x->cli->err, "reading leads");
	}
	grid_release(&g);
	return rc == ST_DONE ? 0 : -1;
}

static int sub_stats(struct lctx *x)
{
	static const char *const KV[2] = { "figure", "value" }, *const KV_ZH[2] = { "指标", "数值" };
	const int by = x->a->by >= 0, by_origin = x->a->by == 1;
	struct grid cells, g;
	struct period p = x->a->period;
	long u, ind[S_N], fdi;
	int rc = 0;
	char buf[64];

	if (!p.year)
		return kfq_error(&x->cli->err, "lead stats: --period is required (%s)", PERIOD_FORMS);
	if ((u = model_unit_or_root(&x->m, x->a->unit, &x->cli->err)) < 0)
		return kfq_err_prefix(&x->cli->err, "lead stats: --unit");
	for (int k = 0; k < S_N; k++)
		if (S_IND[k] && (ind[k] = indicators_find(&x->m.inds, S_IND[k])) < 0)
			return kfq_error(&x->cli->err, "lead stats: no lead figures yet (indicator \"%s\" is "
			                 "missing): import leads first (kfq import leads FILE)", S_IND[k]);
	/* one row of cells, whichever way it is shown */
	grid_init(&cells, S_N, S_KEYS, S_KEYS);
	grid_row(&cells);
	grid_set(&cells, S_UNIT, x->m.units.v[u].code);
	period_format(&p, buf, sizeof buf);
	grid_set(&cells, S_PERIOD, buf);
	for (int k = S_LANDED; k <= S_PIPE_INV; k++) {
		struct figure f;
		if (figure_get(&x->fc, (size_t)ind[k], (size_t)u, &p, &f, &x->cli->err) < 0) {
			grid_release(&cells);
			return -1;
		}
		/* landed: in the period (a flow); pipeline: at its end (a level) */
		if (f.has & FIG_VALUE)
			put_ind(&cells, (size_t)k, &x->m.inds.v[ind[k]], f.value);
	}
	if ((fdi = indicators_find(&x->m.inds, "fdi_arrived")) >= 0) {
		const struct indicator *d = &x->m.inds.v[fdi];
		struct figure f;
		if (figure_get(&x->fc, (size_t)fdi, (size_t)u, &p, &f, &x->cli->err) < 0) {
			grid_release(&cells);
			return -1;
		}
		if (f.has & FIG_YTD)
			put_ind(&cells, S_FDI, d, f.ytd);
		if (f.has & FIG_TARGET)
			put_ind(&cells, S_FDI_TARGET, d, f.target);
		if (f.has & FIG_COMPLETION)
			lead_put_tenths(&cells, S_FDI_COMPLETION, f.completion);
	}
	if (x->f == GRID_TABLE) {
		period_label_zh(&p, buf, sizeof buf);
		fprintf(x->cli->out, "%s招商引资（%s）\n\n", x->m.units.v[u].name, buf);
		grid_init(&g, 2, KV, KV_ZH);
		grid_numeric(&g, 1);
		for (int k = S_LANDED; k < S_N; k++) {
			if (k >= S_FDI && fdi < 0)
				continue;
			grid_row(&g);
			if (k == S_FDI || k == S_FDI_TARGET)
				grid_setf(&g, 0, "%s(%s)", S_HEADS[k], x->m.inds.v[fdi].measure->name);
			else
				grid_set(&g, 0, S_HEADS[k]);
			grid_set(&g, 1, cells.cells[k]);
		}
		grid_write(&g, GRID_TABLE, x->cli->out);
		grid_release(&g);
	} else if (!by) {
		for (int k = S_LANDED; k < S_N; k++)
			grid_numeric(&cells, (size_t)k);
		grid_write(&cells, x->f, x->cli->out);
	}
	grid_release(&cells);
	if (by)
		rc = stats_by(x, (size_t)u, &p, by_origin, &x->m.inds.v[ind[S_LANDED_INV]]);
	return rc;
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
	struct lctx x;
	int rc;

	memset(&x, 0, sizeof x);
	x.cli = cli;
	x.a = args;
	x.f = (enum grid_format)x.a->format;
	/* the day: --date; else, for funnel, the context's today */
	if (x.a->date.year) {
		x.day = x.a->date;
		x.has_day = 1;
	} else if (SUB_FN[x.a->h.sub] == lead_sub_funnel) {
		x.day = cli->cx.today;
		x.has_day = 1;
	}
	if (model_load(cli->db, &x.m, &cli->err) < 0)
		return cli_fail(cli);
	figure_ctx_init(&x.fc, cli->db, &x.m.units, &x.m.inds);
	rc = SUB_FN[x.a->h.sub](&x);
	free_leads(&x);
	figure_ctx_release(&x.fc);
	model_release(&x.m);
	return rc == 0 ? EXIT_OK : cli_fail(cli);
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
