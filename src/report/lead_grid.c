/* lead_grid.c: the leads as a grid (see lead_grid.h). */
#include "report/lead_grid.h"
#include "lead/lead.h"

#include <string.h>

const char *const LEAD_LIST_KEYS[L_N] = {
	"code", "name", "investor", "origin", "industry", "park", "total_investment",
	"foreign_investment", "officer", "source", "stage", "stage_date", "enterprise", "project",
};
const char *const LEAD_LIST_HEADS[L_N] = {
	"代码", "项目名称", "投资方", "来源地", "行业", "意向园区", "总投资(亿元)", "外资(万美元)",
	"负责人", "信息来源", "阶段", "阶段日期", "落户企业", "重点项目",
};

const char *lead_stage_shown(int stage, int zh)
{
	if (stage < 0 || stage >= LS_N)
		return NULL;
	return zh ? LEAD_STAGE_ZH[stage] : LEAD_STAGE[stage];
}

/* Exact d in a measure 10^shift, with at least min_places decimals. */
static void put_exact(struct grid *g, size_t col, dec d, int shift, int min_places)
{
	char buf[64];
	const char *dot;
	dec_format(d, shift, -1, buf, sizeof buf);
	dot = strchr(buf, '.');
	if ((dot ? (int)strlen(dot + 1) : 0) < min_places)
		dec_format(d, shift, min_places, buf, sizeof buf);
	grid_set(g, col, buf);
}

void lead_list_row_grid(struct grid *g, const struct lead_item *it, int people)
{
	char since[16];
	grid_row(g);
	grid_set(g, L_CODE, it->code);
	grid_set(g, L_NAME, it->name);
	grid_set(g, L_INVESTOR, it->investor);
	grid_set(g, L_ORIGIN, it->origin);
	grid_set(g, L_INDUSTRY, it->industry);
	grid_set(g, L_PARK, people ? it->park_name : it->park);
	put_exact(g, L_TOTAL, it->total_inv, 8, 2);           /* 元 in 亿元 */
	if (it->has_foreign)
		put_exact(g, L_FOREIGN, it->foreign_inv, 4, 0);   /* 美元 in 万美元 */
	grid_set(g, L_OFFICER, it->officer);
	grid_set(g, L_SOURCE, it->source);
	grid_set(g, L_STAGE, lead_stage_shown(it->stage, people));
	if (it->stage >= 0) {
		date_format(&it->since, since, sizeof since);
		grid_set(g, L_SINCE, since);
	}
	grid_set(g, L_ENT, it->enterprise);
	grid_set(g, L_PROJ, it->project);
}

void lead_list_grid(const struct lead_list_res *r, int people, struct grid *g)
{
	grid_init(g, L_N, LEAD_LIST_KEYS, people ? LEAD_LIST_HEADS : LEAD_LIST_KEYS);
	grid_numeric(g, L_TOTAL);
	grid_numeric(g, L_FOREIGN);
	for (size_t i = 0; i < r->n; i++)
		lead_list_row_grid(g, &r->v[i], people);
}

/* ---- the bureau's figures ---- */

/* An amount in its indicator's measure and places; empty when it has none. */
static void put_amount(struct grid *g, size_t col, const struct lead_amount *a)
{
	char buf[64];
	if (!a->has)
		return;
	dec_format(a->v, a->shift, a->decimals, buf, sizeof buf);
	grid_set(g, col, buf);
}

/* Tenths t as text ("66.7") into cell col. */
static void put_tenths(struct grid *g, size_t col, int64_t t)
{
	char buf[32];
	dec_format_tenths(t, buf, sizeof buf);
	grid_set(g, col, buf);
}

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

/* The figures as one keyed row (g initialised here). */
static void stats_cells(const struct lead_stats_res *r, struct grid *g)
{
	char buf[64];
	grid_init(g, S_N, S_KEYS, S_KEYS);
	grid_row(g);
	grid_set(g, S_UNIT, r->unit);
	period_format(&r->period, buf, sizeof buf);
	grid_set(g, S_PERIOD, buf);
	put_amount(g, S_LANDED, &r->landed);
	put_amount(g, S_LANDED_INV, &r->landed_inv);
	put_amount(g, S_PIPE, &r->pipeline);
	put_amount(g, S_PIPE_INV, &r->pipeline_inv);
	if (r->has_fdi) {
		put_amount(g, S_FDI, &r->fdi);
		put_amount(g, S_FDI_TARGET, &r->fdi_target);
		if (r->has_fdi_completion)
			put_tenths(g, S_FDI_COMPLETION, r->fdi_completion);
	}
}

/* The landed leads per industry or origin: for scripts a row each with
 * the unit and period; for people without them, a missing key shown as
 * （未填）. */
static void stats_by(const struct lead_stats_res *r, int people, struct grid *g)
{
	const int by_origin = r->by == LEAD_BY_ORIGIN;
	const char *const keys[5] = { "unit", "period", by_origin ? "origin" : "industry", "landed",
	                              "landed_investment" };
	const char *const heads[5] = { "单位", "期间", by_origin ? "来源地" : "行业", "落户项目",
	                               "落户项目总投资(亿元)" };
	const size_t first = people ? 2 : 0;
	char per[32];

	period_format(&r->period, per, sizeof per);
	grid_init(g, 5 - first, keys + first, people ? heads + first : keys + first);
	grid_numeric(g, 3 - first);
	grid_numeric(g, 4 - first);
	for (size_t i = 0; i < r->ngroups; i++) {
		const struct lead_group *gr = &r->groups[i];
		struct lead_amount inv = r->landed_inv;
		grid_row(g);
		if (!people) {
			grid_set(g, 0, r->unit);
			grid_set(g, 1, per);
		}
		grid_set(g, 2 - first, gr->key ? gr->key : people ? "（未填）" : NULL);
		grid_setf(g, 3 - first, "%ld", gr->landed);
		inv.has = 1;
		inv.v = gr->investment;
		put_amount(g, 4 - first, &inv);
	}
}

void lead_stats_grid(const struct lead_stats_res *r, struct grid *g)
{
	if (r->by != LEAD_BY_NONE) {
		stats_by(r, 0, g);
		return;
	}
	stats_cells(r, g);
	for (int k = S_LANDED; k < S_N; k++)
		grid_numeric(g, (size_t)k);
}

void lead_stats_by_table(const struct lead_stats_res *r, struct grid *g)
{
	stats_by(r, 1, g);
}

void lead_stats_table(const struct lead_stats_res *r, struct grid *g)
{
	static const char *const KV[2] = { "figure", "value" }, *const KV_ZH[2] = { "指标", "数值" };
	struct grid cells;

	stats_cells(r, &cells);
	grid_init(g, 2, KV, KV_ZH);
	grid_numeric(g, 1);
	for (int k = S_LANDED; k < S_N; k++) {
		if (k >= S_FDI && !r->has_fdi)
			continue;
		grid_row(g);
		if (k == S_FDI || k == S_FDI_TARGET)
			grid_setf(g, 0, "%s(%s)", S_HEADS[k], r->fdi.measure);
		else
			grid_set(g, 0, S_HEADS[k]);
		grid_set(g, 1, cells.cells[k]);
	}
	grid_release(&cells);
}

/* ---- the funnel ---- */

enum { F_STAGE, F_LEADS, F_CONV, F_DAYS, F_N };
static const char *const F_KEYS[F_N] = { "stage", "leads", "conversion", "median_days" };
static const char *const F_HEADS[F_N] = { "阶段", "项目数", "转入下一阶段(%)",
                                          "转入下一阶段天数(中位数)" };

void lead_funnel_grid(const struct lead_funnel_res *r, int people, struct grid *g)
{
	grid_init(g, F_N, F_KEYS, people ? F_HEADS : F_KEYS);
	for (int k = F_LEADS; k < F_N; k++)
		grid_numeric(g, (size_t)k);
	for (int s = 0; s < LS_N; s++) {
		const struct lead_funnel_stage *f = &r->stage[s];
		grid_row(g);
		grid_set(g, F_STAGE, lead_stage_shown(s, people));
		grid_setf(g, F_LEADS, "%ld", f->reached);
		if (f->has_conversion)
			put_tenths(g, F_CONV, f->conversion);
		if (f->has_median)
			put_tenths(g, F_DAYS, f->median_days);
	}
}

/* ---- one lead's sections ---- */

void lead_steps_grid(const struct lead_show_res *r, int people, struct grid *g)
{
	static const char *const K[4] = { "stage", "date", "reason", "days_in_previous" };
	static const char *const H[4] = { "阶段", "日期", "原因", "上一阶段天数" };
	char day[16];

	grid_init(g, 4, K, H);
	grid_numeric(g, 3);
	for (size_t i = 0; i < r->nsteps; i++) {
		const struct lead_stage_step *s = &r->steps[i];
		grid_row(g);
		grid_set(g, 0, lead_stage_shown(s->stage, people));
		date_format(&s->date, day, sizeof day);
		grid_set(g, 1, day);
		grid_set(g, 2, s->reason);
		if (s->has_days)
			grid_setf(g, 3, "%ld", s->days_in_previous);
	}
}

void lead_changes_grid(const struct lead_show_res *r, struct grid *g)
{
	static const char *const K[4] = { "at", "who", "date", "note" };
	static const char *const H[4] = { "时间", "操作人", "日期", "说明" };
	grid_init(g, 4, K, H);
	for (size_t i = 0; i < r->nchanges; i++) {
		const struct lead_change *c = &r->changes[i];
		grid_row(g);
		grid_set(g, 0, c->at);
		grid_set(g, 1, c->who);
		grid_set(g, 2, c->date);
		grid_set(g, 3, c->note);
	}
}
