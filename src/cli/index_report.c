/* index_report.c: the reports of kfq index for one month: contributions
 * (each top-level category's and channel's percentage points of the total's
 * change, rounded so that they add up to it exactly), flags (outliers,
 * imputations, replacements), prosperity (per survey and question, the
 * composites and the overall index) and superlative (each elementary
 * aggregate's month-on-month index against Fisher and Törnqvist). The
 * grids are report/index_month_grid.c's (the web's /api/v1/index/...
 * answer the same); this file prints them under their headings. The
 * dispatcher is index.c's. Computes no figure itself. Depends on libkfq. */
#include "cli/index_cmd.h"
#include "index/ixcalc.h"
#include "report/index_month_grid.h"

#include <stdlib.h>

int index_sub_contributions(struct ictx *x)
{
	struct ixcalc_contrib c;
	struct grid g;
	int table = x->f == GRID_TABLE;
	char lv[32];
	if (ixcalc_contributions(x->cli->db, x->year, x->month, &c, &x->cli->err) < 0)
		return kfq_err_prefix(&x->cli->err, "index contributions");
	if (table) {
		index_fmt(lv, sizeof lv, c.level, 2);
		fprintf(x->cli->out, "%04d年%d月 中国丹阳眼镜价格指数 %s：各类别、各渠道对总指数变动的"
		        "贡献（百分点，合计等于总指数的变动）\n", c.year, c.month, lv);
	}
	index_contrib_grid(&c, table, &g);
	grid_write(&g, x->f, x->cli->out);
	grid_release(&g);
	ixcalc_contrib_release(&c);
	return 0;
}

int index_sub_flags(struct ictx *x)
{
	struct ixcalc_flag *v;
	size_t n;
	struct grid g;
	int table = x->f == GRID_TABLE;
	if (ixcalc_flags(x->cli->db, x->year, x->month, &v, &n, &x->cli->err) < 0)
		return kfq_err_prefix(&x->cli->err, "index flags");
	if (table)
		fprintf(x->cli->out, "%04d年%d月 需复核的价格：异常值（数值 = 价格比，参照 = 中位数）、"
		        "插补（数值 = 插补价格(元)，参照 = 同类其他样本的价格比）、替换（数值 = 重叠月"
		        "旧样本价格 ÷ 新样本价格）\n", x->year, x->month);
	index_flags_grid(v, n, table, &g);
	if (table && n == 0)
		fprintf(x->cli->out, "无\n");
	else
		grid_write(&g, x->f, x->cli->out);
	grid_release(&g);
	free(v);
	return 0;
}

int index_sub_prosperity(struct ictx *x)
{
	struct ixcalc_prow *v;
	size_t n;
	struct grid g;
	int table = x->f == GRID_TABLE;
	if (ixcalc_prosperity(x->cli->db, x->year, x->month, &v, &n, &x->cli->err) < 0)
		return kfq_err_prefix(&x->cli->err, "index prosperity");
	if (table)
		fprintf(x->cli->out, "%04d年%d月 丹阳眼镜景气指数（扩散指数 = 上升%% + 0.5 × 持平%%，"
		        "50 为荣枯线；逆向问题取反；未答不计入）\n", x->year, x->month);
	index_prosperity_grid(v, n, table, &g);
	if (table && n == 0)
		fprintf(x->cli->out, "无（该月没有调查答卷）\n");
	else
		grid_write(&g, x->f, x->cli->out);
	grid_release(&g);
	free(v);
	return 0;
}

int index_sub_superlative(struct ictx *x)
{
	struct ixcalc_super *v;
	enum pi_formula f;
	size_t n;
	struct grid g;
	if (ixcalc_superlative(x->cli->db, x->year, x->month, &v, &n, &f, &x->cli->err) < 0)
		return kfq_err_prefix(&x->cli->err, "index superlative");
	if (x->f == GRID_TABLE)
		fprintf(x->cli->out, "%04d年%d月 各基本分类环比指数（上月 = 100）：%s 与 Fisher、Törnqvist "
		        "（仅限两个月都有销售额的样本）\n", x->year, x->month, ixcalc_formula_name(f));
	index_superlative_grid(v, n, f, x->f == GRID_TABLE, &g);
	grid_write(&g, x->f, x->cli->out);
	grid_release(&g);
	free(v);
	return 0;
}
