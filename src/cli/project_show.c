/* project_show.c: kfq project show CODE: one project in full, as
 * project_show (project/project_query.h) reads it: its attributes and, in
 * the table format, its sections (annual plans, progress by month,
 * problems, the history of changes). This file only renders: the
 * dispatcher and the shared helpers are project.c's (project_cmd.h); it
 * is used by nothing but the dispatcher. Depends on libkfq. */
#include "cli/project_cmd.h"

#include <stdlib.h>
#include <string.h>

static void show_attributes(struct pctx *x, const struct project_show *s)
{
	struct grid g;
	int table = x->f == GRID_TABLE;

	project_show_grid(s, table, &g);
	if (table)
		fprintf(x->cli->out, "项目 %s %s\n\n", s->p.code, s->p.name);
	grid_write(&g, x->f, x->cli->out);
	grid_release(&g);
}

static void show_plans(struct pctx *x, const struct project_show *s)
{
	static const char *const K[5] = { "year", "plan", "ytd_investment", "ytd_period", "completion" };
	static const char *const H[5] = { "年度", "计划投资(亿元)", "累计完成(亿元)", "截至", "完成(%)" };
	struct grid g;

	grid_init(&g, 5, K, H);
	for (int k = 1; k < 5; k++)
		if (k != 3)
			grid_numeric(&g, (size_t)k);
	for (size_t i = 0; i < s->nplans; i++) {
		const struct project_plan_year *py = &s->plans[i];
		char buf[32];
		grid_row(&g);
		grid_setf(&g, 0, "%d", py->year);
		if (py->has & PH_PLAN)
			project_put_money(&g, 1, py->plan, s->money_decimals);
		if (py->has & PH_YTD) {
			project_put_money(&g, 2, py->ytd, s->money_decimals);
			period_format(&py->through, buf, sizeof buf);
			grid_set(&g, 3, buf);
		}
		if (py->has & PH_COMPLETION) {
			dec_format_tenths(py->completion, buf, sizeof buf);
			grid_set(&g, 4, buf);
		}
	}
	cli_section(x->cli->out, "年度计划", &g);
	grid_release(&g);
}

/* Investment filed, physical progress and the note, by the month they end. */
static void show_progress(struct pctx *x, const struct project_show *s)
{
	static const char *const K[4] = { "period", "investment", "physical", "note" };
	static const char *const H[4] = { "期间", "完成投资(亿元)", "形象进度(%)", "备注" };
	struct grid g;

	grid_init(&g, 4, K, H);
	grid_numeric(&g, 1);
	grid_numeric(&g, 2);
	for (size_t i = 0; i < s->nprogress; i++) {
		const struct project_progress *r = &s->progress[i];
		char buf[64];
		grid_row(&g);
		period_format(&r->period, buf, sizeof buf);
		grid_set(&g, 0, buf);
		if (r->has_investment)
			project_put_money(&g, 1, r->investment, s->money_decimals);
		if (r->has_physical) {
			dec_format(r->physical, 0, s->physical_decimals, buf, sizeof buf);
			grid_set(&g, 2, buf);
		}
		grid_set(&g, 3, r->note);
	}
	cli_section(x->cli->out, "进度", &g);
	grid_release(&g);
}

static void show_problems(struct pctx *x, const struct project_show *s)
{
	static const char *const K[5] = { "raised", "description", "dept", "deadline", "resolved" };
	static const char *const H[5] = { "提出日期", "问题", "责任部门", "办结时限", "解决" };
	struct grid g;

	grid_init(&g, 5, K, H);
	for (size_t i = 0; i < s->nproblems; i++) {
		const struct project_problem *pb = &s->problems[i];
		grid_row(&g);
		grid_set(&g, 0, pb->raised);
		grid_set(&g, 1, pb->description);
		grid_set(&g, 2, pb->dept);
		grid_set(&g, 3, pb->deadline);
		grid_set(&g, 4, pb->state == PROBLEM_RESOLVED ? pb->resolved
		                : pb->state == PROBLEM_OVERDUE ? "overdue" : "open");
	}
	cli_section(x->cli->out, "问题", &g);
	grid_release(&g);
}

static void put_hist_value(struct grid *g, size_t col, int has, dec v, int shift)
{
	char buf[64];
	if (!has)
		return;
	dec_format(v, shift, -1, buf, sizeof buf);
	grid_set(g, col, buf);
}

static void show_history(struct pctx *x, const struct project_show *s)
{
	static const char *const K[8] = { "at", "who", "kind", "indicator", "period", "old_value",
	                                  "new_value", "note" };
	static const char *const H[8] = { "时间", "操作人", "类别", "指标", "期间", "原值", "新值",
	                                  "说明" };
	struct grid g;

	grid_init(&g, 8, K, H);
	for (size_t i = 0; i < s->history.n; i++) {
		const struct history_row *h = &s->history.v[i];
		grid_row(&g);
		grid_set(&g, 0, h->at);
		grid_set(&g, 1, h->who);
		grid_set(&g, 2, h->kind);
		grid_set(&g, 3, h->indicator);
		grid_set(&g, 4, h->period);
		put_hist_value(&g, 5, h->has_old, h->old_value, s->history_shift[i]);
		put_hist_value(&g, 6, h->has_new, h->new_value, s->history_shift[i]);
		grid_set(&g, 7, h->note);
	}
	cli_section(x->cli->out, "变更记录", &g);
	grid_release(&g);
}

int project_sub_show(struct pctx *x)
{
	struct project_show_req req = { x->a->h.pos[0], x->f != GRID_TABLE, x->a->date };
	struct project_show s;

	if (project_show(&x->cli->cx, x->cli->db, &req, &s, &x->cli->err) < 0) {
		project_show_release(&s);
		return -1;
	}
	show_attributes(x, &s);
	if (x->f == GRID_TABLE) {
		if (s.has_investment) {
			show_plans(x, &s);
			show_progress(x, &s);
		}
		show_problems(x, &s);
		show_history(x, &s);
	}
	project_show_release(&s);
	return 0;
}
