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
