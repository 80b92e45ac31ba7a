/* project_grid.c: the register and the office's figures as grids (see
 * project_grid.h). */
#include "report/project_grid.h"
#include "base/xalloc.h"
#include "project/project.h"

#include <stdlib.h>
#include <string.h>

void project_put_money(struct grid *g, size_t col, dec v, int decimals)
{
	char buf[64];
	dec_format(v, 8, decimals, buf, sizeof buf);   /* 亿元 */
	grid_set(g, col, buf);
}

const char *project_status_shown(const char *s, int zh)
{
	for (int i = 0; s && PROJECT_STATUS[i]; i++)
		if (strcmp(s, PROJECT_STATUS[i]) == 0)
			return zh ? PROJECT_STATUS_ZH[i] : s;
	return s;
}

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

void project_list_grid(const struct project_list *l, int people, struct grid *g)
{
	char buf[64];
	grid_init(g, L_N, L_KEYS, people ? L_HEADS : L_KEYS);
	for (int k = L_TOTAL; k <= L_YTD; k++)
		grid_numeric(g, (size_t)k);
	for (size_t i = 0; i < l->n; i++) {
		const struct project_list_row *r = &l->v[i];
		grid_row(g);
		grid_set(g, L_CODE, r->p.code);
		grid_set(g, L_NAME, r->p.name);
		grid_set(g, L_CAT, r->p.category);
		grid_set(g, L_PARK, people ? r->p.park_name : r->p.park);
		grid_set(g, L_STATUS, project_status_shown(r->p.status, people));
		grid_set(g, L_PSTART, r->p.planned_start);
		grid_set(g, L_ASTART, r->p.actual_start);
		project_put_money(g, L_TOTAL, r->p.total, l->money_decimals);
		if (r->has & PH_PLAN)
			project_put_money(g, L_PLAN, r->plan, l->money_decimals);
		if (r->has & PH_YTD) {
			project_put_money(g, L_YTD, r->ytd, l->money_decimals);
			period_format(&r->through, buf, sizeof buf);
			grid_set(g, L_THROUGH, buf);
		}
	}
}

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

/* Every column's text (NULL: none); the caller frees each. */
static void stats_cells(const struct project_stats *s, char *cell[S_N])
{
	char buf[64];
	memset(cell, 0, S_N * sizeof *cell);
	for (int k = S_KEY; k < S_N; k++) {
		const struct project_stat_value *v = S_FIG[k] >= 0 ? &s->v[S_FIG[k]] : NULL;
		if (v && v->has) {
			dec_format(v->value, v->shift, v->decimals, buf, sizeof buf);
			cell[k] = xstrdup(buf);
		}
	}
	if (s->has & PH_PLAN) {
		dec_format(s->plan, 8, s->money_decimals, buf, sizeof buf);
		cell[S_PLAN] = xstrdup(buf);
	}
	if (s->has & PH_COMPLETION) {
		dec_format_tenths(s->completion, buf, sizeof buf);
		cell[S_COMPLETION] = xstrdup(buf);
	}
	if (s->has & PH_TIMEPROP) {
		dec_format_tenths(s->timeprop, buf, sizeof buf);
		cell[S_TIMEPROP] = xstrdup(buf);
	}
	cell[S_UNIT] = xstrdup(s->unit);
	period_format(&s->period, buf, sizeof buf);
	cell[S_PERIOD] = xstrdup(buf);
}

void project_stats_grid(const struct project_stats *s, struct grid *g)
{
	char *cell[S_N];
	stats_cells(s, cell);
	grid_init(g, S_N, S_KEYS, S_KEYS);
	for (int k = S_KEY; k < S_N; k++)
		grid_numeric(g, (size_t)k);
	grid_row(g);
	for (int k = 0; k < S_N; k++) {
		grid_set(g, (size_t)k, cell[k]);
		free(cell[k]);
	}
}

void project_stats_table(const struct project_stats *s, struct grid *g)
{
	static const char *const KV[2] = { "figure", "value" }, *const KV_ZH[2] = { "指标", "数值" };
	char *cell[S_N];
	stats_cells(s, cell);
	grid_init(g, 2, KV, KV_ZH);
	grid_numeric(g, 1);
	for (int k = 0; k < S_N; k++) {
		if (k >= S_KEY) {
			grid_row(g);
			grid_set(g, 0, S_HEADS[k]);
			grid_set(g, 1, cell[k]);
		}
		free(cell[k]);
	}
}

/* ---- one project ---- */

enum { A_CODE, A_NAME, A_CAT, A_PARK, A_PARKNAME, A_OWNER, A_IND, A_LEVEL, A_TOTAL, A_PSTART,
       A_PEND, A_ASTART, A_AEND, A_PROD, A_STATUS, A_REASON, A_MILES, A_N };
static const char *const A_KEYS[A_N] = {
	"code", "name", "category", "park", "park_name", "owner", "industry", "key_level",
	"total_investment", "planned_start", "planned_end", "actual_start", "actual_end",
	"production", "status", "reason", "milestones",
};
static const char *const A_HEADS[A_N] = {
	"项目代码", "项目名称", "类别", "所在园区", "园区名称", "业主单位", "行业", "重点级别",
	"总投资(亿元)", "计划开工", "计划竣工", "实际开工", "实际竣工", "投产日期", "状态", "原因",
	"节点",
};

void project_show_grid(const struct project_show *s, int people, struct grid *g)
{
	static const char *const KV[2] = { "attribute", "value" }, *const KV_ZH[2] = { "项目", "内容" };
	const struct project_info *p = &s->p;
	const char *col[A_N] = {
		p->code, p->name, p->category, p->park, p->park_name, p->owner, p->industry,
		p->key_level, NULL, p->planned_start, p->planned_end, p->actual_start, p->actual_end,
		p->production, project_status_shown(p->status, people), p->reason, p->milestones,
	};
	char total[64];
	int table = people;

	dec_format(p->total, 8, s->money_decimals, total, sizeof total);   /* 亿元 */
	col[A_TOTAL] = total;
	grid_init(g, table ? 2 : A_N, table ? KV : A_KEYS, table ? KV_ZH : A_KEYS);
	if (!table) {
		grid_numeric(g, A_TOTAL);
		grid_row(g);
	}
	for (int k = 0; k < A_N; k++) {
		if (table && k == A_PARK) {
			grid_row(g);
			grid_set(g, 0, A_HEADS[k]);
			grid_setf(g, 1, "%s %s", p->park ? p->park : "", p->park_name ? p->park_name : "");
		} else if (table && k != A_PARKNAME) {
			grid_row(g);
			grid_set(g, 0, A_HEADS[k]);
			grid_set(g, 1, col[k]);
		} else if (!table) {
			grid_set(g, (size_t)k, col[k]);
		}
	}
}

/* ---- its sections ---- */

void project_plans_grid(const struct project_show *s, struct grid *g)
{
	static const char *const K[5] = { "year", "plan", "ytd_investment", "ytd_period", "completion" };
	static const char *const H[5] = { "年度", "计划投资(亿元)", "累计完成(亿元)", "截至", "完成(%)" };

	grid_init(g, 5, K, H);
	for (int k = 1; k < 5; k++)
		if (k != 3)
			grid_numeric(g, (size_t)k);
	for (size_t i = 0; i < s->nplans; i++) {
		const struct project_plan_year *py = &s->plans[i];
		char buf[32];
		grid_row(g);
		grid_setf(g, 0, "%d", py->year);
		if (py->has & PH_PLAN)
			project_put_money(g, 1, py->plan, s->money_decimals);
		if (py->has & PH_YTD) {
			project_put_money(g, 2, py->ytd, s->money_decimals);
			period_format(&py->through, buf, sizeof buf);
			grid_set(g, 3, buf);
		}
		if (py->has & PH_COMPLETION) {
			dec_format_tenths(py->completion, buf, sizeof buf);
			grid_set(g, 4, buf);
		}
	}
}

/* Investment filed, physical progress and the note, by the month they end. */
void project_progress_grid(const struct project_show *s, struct grid *g)
{
	static const char *const K[4] = { "period", "investment", "physical", "note" };
	static const char *const H[4] = { "期间", "完成投资(亿元)", "形象进度(%)", "备注" };

	grid_init(g, 4, K, H);
	grid_numeric(g, 1);
	grid_numeric(g, 2);
	for (size_t i = 0; i < s->nprogress; i++) {
		const struct project_progress *r = &s->progress[i];
		char buf[64];
		grid_row(g);
		period_format(&r->period, buf, sizeof buf);
		grid_set(g, 0, buf);
		if (r->has_investment)
			project_put_money(g, 1, r->investment, s->money_decimals);
		if (r->has_physical) {
			dec_format(r->physical, 0, s->physical_decimals, buf, sizeof buf);
			grid_set(g, 2, buf);
		}
		grid_set(g, 3, r->note);
	}
}

void project_problems_grid(const struct project_show *s, struct grid *g)
{
	static const char *const K[5] = { "raised", "description", "dept", "deadline", "resolved" };
	static const char *const H[5] = { "提出日期", "问题", "责任部门", "办结时限", "解决" };

	grid_init(g, 5, K, H);
	for (size_t i = 0; i < s->nproblems; i++) {
		const struct project_problem *pb = &s->problems[i];
		grid_row(g);
		grid_set(g, 0, pb->raised);
		grid_set(g, 1, pb->description);
		grid_set(g, 2, pb->dept);
		grid_set(g, 3, pb->deadline);
		grid_set(g, 4, pb->state == PROBLEM_RESOLVED ? pb->resolved
		                : pb->state == PROBLEM_OVERDUE ? "overdue" : "open");
	}
}

static void put_hist_value(struct grid *g, size_t col, int has, dec v, int shift)
{
	char buf[64];
	if (!has)
		return;
	dec_format(v, shift, -1, buf, sizeof buf);
	grid_set(g, col, buf);
}

void project_history_grid(const struct project_show *s, struct grid *g)
{
	static const char *const K[8] = { "at", "who", "kind", "indicator", "period", "old_value",
	                                  "new_value", "note" };
	static const char *const H[8] = { "时间", "操作人", "类别", "指标", "期间", "原值", "新值",
	                                  "说明" };

	grid_init(g, 8, K, H);
	for (size_t i = 0; i < s->history.n; i++) {
		const struct history_row *h = &s->history.v[i];
		grid_row(g);
		grid_set(g, 0, h->at);
		grid_set(g, 1, h->who);
		grid_set(g, 2, h->kind);
		grid_set(g, 3, h->indicator);
		grid_set(g, 4, h->period);
		put_hist_value(g, 5, h->has_old, h->old_value, s->history_shift[i]);
		put_hist_value(g, 6, h->has_new, h->new_value, s->history_shift[i]);
		grid_set(g, 7, h->note);
	}
}
