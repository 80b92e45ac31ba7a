/* index_report.c: the reports of kfq index for one month: contributions
 * (each top-level category's and channel's percentage points of the total's
 * change, rounded so that they add up to it exactly), flags (outliers,
 * imputations, replacements), prosperity (per survey and question, the
 * composites and the overall index) and superlative (each elementary
 * aggregate's month-on-month index against Fisher and Törnqvist). The
 * dispatcher is index.c's. Computes no figure itself. Depends on libkfq. */
#include "cli/index_cmd.h"
#include "index/ixcalc.h"

#include <stdlib.h>
#include <string.h>

/* Hundredths as text: 350 → "3.50", -5 → "-0.05". */
static void put_units(struct grid *g, size_t col, long long u)
{
	unsigned long long a = u < 0 ? (unsigned long long)-u : (unsigned long long)u;
	grid_setf(g, col, "%s%llu.%02llu", u < 0 ? "-" : "", a / 100, a % 100);
}

/* ---- contributions ---- */

enum { C_KIND, C_CODE, C_NAME, C_MOM, C_YOY, C_N };
static const char *const C_KEYS[C_N] = { "kind", "code", "name", "mom_pp", "yoy_pp" };
static const char *const C_HEADS[C_N] = { "类型", "代码", "名称", "环比贡献(百分点)",
                                          "同比贡献(百分点)" };

static void contrib_rows(struct grid *g, const struct ixcalc_contrib *c,
                         const struct ixcalc_part *p, size_t n, const char *kind)
{
	for (size_t i = 0; i < n; i++) {
		grid_row(g);
		grid_set(g, C_KIND, kind);
		grid_set(g, C_CODE, p[i].code);
		grid_set(g, C_NAME, p[i].name);
		if (c->has_mom)
			put_units(g, C_MOM, p[i].mom_units);
		if (c->has_yoy)
			put_units(g, C_YOY, p[i].yoy_units);
	}
}

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
	grid_init(&g, C_N, C_KEYS, table ? C_HEADS : C_KEYS);
	grid_numeric(&g, C_MOM);
	grid_numeric(&g, C_YOY);
	contrib_rows(&g, &c, c.cat, c.ncat, table ? "类别" : "category");
	contrib_rows(&g, &c, c.chan, c.nchan, table ? "渠道" : "channel");
	grid_row(&g);
	grid_set(&g, C_KIND, table ? "合计" : "total");
	grid_set(&g, C_NAME, table ? "总指数变动(%)" : "total change (%)");
	if (c.has_mom)
		put_units(&g, C_MOM, c.mom_units);
	if (c.has_yoy)
		put_units(&g, C_YOY, c.yoy_units);
	grid_write(&g, x->f, x->cli->out);
	grid_release(&g);
	ixcalc_contrib_release(&c);
	return 0;
}

/* ---- flags ---- */

enum { F_KIND, F_ITEM, F_OTHER, F_REPORTER, F_CATEGORY, F_CHANNEL, F_VALUE, F_REF, F_N };
static const char *const F_KEYS[F_N] = { "kind", "item", "replacement", "reporter", "category",
                                         "channel", "value", "reference" };
static const char *const F_HEADS[F_N] = { "类型", "样本", "替换样本", "报价单位", "类别", "渠道",
                                          "数值", "参照" };

int index_sub_flags(struct ictx *x)
{
	struct ixcalc_flag *v;
	size_t n;
	struct grid g;
	int table = x->f == GRID_TABLE;
	char buf[32];
	if (ixcalc_flags(x->cli->db, x->year, x->month, &v, &n, &x->cli->err) < 0)
		return kfq_err_prefix(&x->cli->err, "index flags");
	if (table)
		fprintf(x->cli->out, "%04d年%d月 需复核的价格：异常值（数值 = 价格比，参照 = 中位数）、"
		        "插补（数值 = 插补价格(元)，参照 = 同类其他样本的价格比）、替换（数值 = 重叠月"
		        "旧样本价格 ÷ 新样本价格）\n", x->year, x->month);
	grid_init(&g, F_N, F_KEYS, table ? F_HEADS : F_KEYS);
	grid_numeric(&g, F_VALUE);
	grid_numeric(&g, F_REF);
	for (size_t i = 0; i < n; i++) {
		const char *kind = v[i].kind;
		int imputed = strcmp(kind, "imputed") == 0, replaced = strcmp(kind, "replaced") == 0;
		if (table)
			kind = imputed ? "插补" : replaced ? "替换" : "异常值";
		grid_row(&g);
		grid_set(&g, F_KIND, kind);
		grid_set(&g, F_ITEM, v[i].item);
		grid_set(&g, F_OTHER, v[i].other);
		grid_set(&g, F_REPORTER, v[i].reporter);
		grid_set(&g, F_CATEGORY, v[i].category);
		grid_set(&g, F_CHANNEL, v[i].channel);
		index_fmt(buf, sizeof buf, v[i].value, imputed ? 2 : 4);
		grid_set(&g, F_VALUE, buf);
		if (!replaced) {
			index_fmt(buf, sizeof buf, v[i].ref, 4);
			grid_set(&g, F_REF, buf);
		}
	}
	if (table && n == 0)
		fprintf(x->cli->out, "无\n");
	else
		grid_write(&g, x->f, x->cli->out);
	grid_release(&g);
	free(v);
	return 0;
}

/* ---- prosperity ---- */

enum { P_SURVEY, P_QUESTION, P_NAME, P_INVERTED, P_UP, P_FLAT, P_DOWN, P_NONE, P_SUP, P_SFLAT,
       P_SDOWN, P_INDEX, P_N };
static const char *const P_KEYS[P_N] = { "survey", "question", "name", "inverted", "up", "flat",
                                         "down", "no_answer", "share_up", "share_flat",
                                         "share_down", "index" };
static const char *const P_HEADS[P_N] = { "调查", "问题", "名称", "逆向", "上升", "持平", "下降",
                                          "未答", "上升%", "持平%", "下降%", "扩散指数" };

int index_sub_prosperity(struct ictx *x)
{
	struct ixcalc_prow *v;
	size_t n;
	struct grid g;
	int table = x->f == GRID_TABLE;
	char buf[32];
	if (ixcalc_prosperity(x->cli->db, x->year, x->month, &v, &n, &x->cli->err) < 0)
		return kfq_err_prefix(&x->cli->err, "index prosperity");
	if (table)
		fprintf(x->cli->out, "%04d年%d月 丹阳眼镜景气指数（扩散指数 = 上升%% + 0.5 × 持平%%，"
		        "50 为荣枯线；逆向问题取反；未答不计入）\n", x->year, x->month);
	grid_init(&g, P_N, P_KEYS, table ? P_HEADS : P_KEYS);
	for (int k = P_INVERTED; k < P_N; k++)
		grid_numeric(&g, (size_t)k);
	for (size_t i = 0; i < n; i++) {
		const struct ixcalc_prow *p = &v[i];
		grid_row(&g);
		grid_set(&g, P_SURVEY, p->survey);
		grid_set(&g, P_QUESTION, p->question);
		if (!*p->survey)
			grid_set(&g, P_NAME, table ? "总景气指数" : "overall");
		else if (!*p->question)
			grid_setf(&g, P_NAME, "%s%s", p->survey_name, table ? " 综合" : " (composite)");
		else
			grid_set(&g, P_NAME, p->question_name);
		if (p->has_counts) {
			long ans = p->n_up + p->n_flat + p->n_down;
			if (table)
				grid_set(&g, P_INVERTED, p->inverted ? "是" : "");
			else
				grid_setf(&g, P_INVERTED, "%d", p->inverted);
			grid_setf(&g, P_UP, "%ld", p->n_up);
			grid_setf(&g, P_FLAT, "%ld", p->n_flat);
			grid_setf(&g, P_DOWN, "%ld", p->n_down);
			grid_setf(&g, P_NONE, "%ld", p->n_none);
			if (ans > 0) {
				index_fmt(buf, sizeof buf, 100.0 * (double)p->n_up / (double)ans, 1);
				grid_set(&g, P_SUP, buf);
				index_fmt(buf, sizeof buf, 100.0 * (double)p->n_flat / (double)ans, 1);
				grid_set(&g, P_SFLAT, buf);
				index_fmt(buf, sizeof buf, 100.0 * (double)p->n_down / (double)ans, 1);
				grid_set(&g, P_SDOWN, buf);
			}
		}
		index_fmt(buf, sizeof buf, p->idx, 1);
		grid_set(&g, P_INDEX, buf);
	}
	if (table && n == 0)
		fprintf(x->cli->out, "无（该月没有调查答卷）\n");
	else
		grid_write(&g, x->f, x->cli->out);
	grid_release(&g);
	free(v);
	return 0;
}

/* ---- superlative ---- */

enum { S_CATEGORY, S_CHANNEL, S_CHOSEN, S_FISHER, S_TORNQVIST, S_ITEMS, S_N };
static const char *const S_KEYS[S_N] = { "category", "channel", "index", "fisher", "tornqvist",
                                         "items_with_sales" };

int index_sub_superlative(struct ictx *x)
{
	struct ixcalc_super *v;
	enum pi_formula f;
	size_t n;
	struct grid g;
	char buf[32];
	const char *heads[S_N] = { "类别", "渠道", NULL, "Fisher", "Törnqvist", "有销售额的样本" };
	if (ixcalc_superlative(x->cli->db, x->year, x->month, &v, &n, &f, &x->cli->err) < 0)
		return kfq_err_prefix(&x->cli->err, "index superlative");
	heads[S_CHOSEN] = ixcalc_formula_name(f);
	if (x->f == GRID_TABLE)
		fprintf(x->cli->out, "%04d年%d月 各基本分类环比指数（上月 = 100）：%s 与 Fisher、Törnqvist "
		        "（仅限两个月都有销售额的样本）\n", x->year, x->month, ixcalc_formula_name(f));
	grid_init(&g, S_N, S_KEYS, x->f == GRID_TABLE ? heads : S_KEYS);
	for (int k = S_CHOSEN; k < S_N; k++)
		grid_numeric(&g, (size_t)k);
	for (size_t i = 0; i < n; i++) {
		grid_row(&g);
		grid_set(&g, S_CATEGORY, v[i].category);
		grid_set(&g, S_CHANNEL, v[i].channel);
		index_fmt(buf, sizeof buf, v[i].chosen * 100, 3);
		grid_set(&g, S_CHOSEN, buf);
		if (v[i].has_super) {
			index_fmt(buf, sizeof buf, v[i].fisher * 100, 3);
			grid_set(&g, S_FISHER, buf);
			index_fmt(buf, sizeof buf, v[i].tornqvist * 100, 3);
			grid_set(&g, S_TORNQVIST, buf);
		}
		grid_setf(&g, S_ITEMS, "%zu", v[i].nmatched);
	}
	grid_write(&g, x->f, x->cli->out);
	grid_release(&g);
	free(v);
	return 0;
}
