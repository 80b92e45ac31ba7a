/* index_month_grid.c: the index's month reports as grids (see
 * index_month_grid.h). Computes no figure: it rounds and lays out what
 * index/ixcalc.h read back. */
#include "report/index_month_grid.h"
#include "report/index_grid.h"

#include <math.h>
#include <stdio.h>

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

void index_contrib_grid(const struct ixcalc_contrib *c, int people, struct grid *g)
{
	grid_init(g, C_N, C_KEYS, people ? C_HEADS : C_KEYS);
	grid_numeric(g, C_MOM);
	grid_numeric(g, C_YOY);
	contrib_rows(g, c, c->cat, c->ncat, people ? "类别" : "category");
	contrib_rows(g, c, c->chan, c->nchan, people ? "渠道" : "channel");
	grid_row(g);
	grid_set(g, C_KIND, people ? "合计" : "total");
	grid_set(g, C_NAME, people ? "总指数变动(%)" : "total change (%)");
	if (c->has_mom)
		put_units(g, C_MOM, c->mom_units);
	if (c->has_yoy)
		put_units(g, C_YOY, c->yoy_units);
}

/* ---- flags ---- */

enum { F_KIND, F_ITEM, F_OTHER, F_REPORTER, F_CATEGORY, F_CHANNEL, F_VALUE, F_REF, F_N };
static const char *const F_KEYS[F_N] = { "kind", "item", "replacement", "reporter", "category",
                                         "channel", "value", "reference" };
static const char *const F_HEADS[F_N] = { "类型", "样本", "替换样本", "报价单位", "类别", "渠道",
                                          "数值", "参照" };

void index_flags_grid(const struct ixcalc_flag *v, size_t n, int people, struct grid *g)
{
	char buf[32];
	grid_init(g, F_N, F_KEYS, people ? F_HEADS : F_KEYS);
	grid_numeric(g, F_VALUE);
	grid_numeric(g, F_REF);
	for (size_t i = 0; i < n; i++) {
		const char *kind = v[i].kind;
		int imputed = strcmp(kind, "imputed") == 0, replaced = strcmp(kind, "replaced") == 0;
		if (people)
			kind = imputed ? "插补" : replaced ? "替换" : "异常值";
		grid_row(g);
		grid_set(g, F_KIND, kind);
		grid_set(g, F_ITEM, v[i].item);
		grid_set(g, F_OTHER, v[i].other);
		grid_set(g, F_REPORTER, v[i].reporter);
		grid_set(g, F_CATEGORY, v[i].category);
		grid_set(g, F_CHANNEL, v[i].channel);
		index_fmt(buf, sizeof buf, v[i].value, imputed ? 2 : 4);
		grid_set(g, F_VALUE, buf);
		if (!replaced) {
			index_fmt(buf, sizeof buf, v[i].ref, 4);
			grid_set(g, F_REF, buf);
		}
	}
}

/* ---- prosperity ---- */

enum { P_SURVEY, P_QUESTION, P_NAME, P_INVERTED, P_UP, P_FLAT, P_DOWN, P_NONE, P_SUP, P_SFLAT,
       P_SDOWN, P_INDEX, P_NOTE, P_N };
static const char *const P_KEYS[P_N] = { "survey", "question", "name", "inverted", "up", "flat",
                                         "down", "no_answer", "share_up", "share_flat",
                                         "share_down", "index", "note" };
static const char *const P_HEADS[P_N] = { "调查", "问题", "名称", "逆向", "上升", "持平", "下降",
                                          "未答", "上升%", "持平%", "下降%", "扩散指数", "说明" };

void index_prosperity_grid(const struct ixcalc_prow *v, size_t n, int people, struct grid *g)
{
	char buf[32];
	grid_init(g, P_N, P_KEYS, people ? P_HEADS : P_KEYS);
	for (int k = P_INVERTED; k < P_NOTE; k++)
		grid_numeric(g, (size_t)k);
	for (size_t i = 0; i < n; i++) {
		const struct ixcalc_prow *p = &v[i];
		grid_row(g);
		grid_set(g, P_SURVEY, p->survey);
		grid_set(g, P_QUESTION, p->question);
		if (!*p->survey)
			grid_set(g, P_NAME, people ? "总景气指数" : "overall");
		else if (!*p->question)
			grid_setf(g, P_NAME, "%s%s", p->survey_name, people ? " 综合" : " (composite)");
		else
			grid_set(g, P_NAME, p->question_name);
		if (p->has_counts) {
			long ans = p->n_up + p->n_flat + p->n_down;
			if (people)
				grid_set(g, P_INVERTED, p->inverted ? "是" : "");
			else
				grid_setf(g, P_INVERTED, "%d", p->inverted);
			grid_setf(g, P_UP, "%ld", p->n_up);
			grid_setf(g, P_FLAT, "%ld", p->n_flat);
			grid_setf(g, P_DOWN, "%ld", p->n_down);
			grid_setf(g, P_NONE, "%ld", p->n_none);
			if (ans > 0) {
				index_fmt(buf, sizeof buf, 100.0 * (double)p->n_up / (double)ans, 1);
				grid_set(g, P_SUP, buf);
				index_fmt(buf, sizeof buf, 100.0 * (double)p->n_flat / (double)ans, 1);
				grid_set(g, P_SFLAT, buf);
				index_fmt(buf, sizeof buf, 100.0 * (double)p->n_down / (double)ans, 1);
				grid_set(g, P_SDOWN, buf);
			}
		}
		if (!isnan(p->idx)) {
			index_fmt(buf, sizeof buf, p->idx, 1);
			grid_set(g, P_INDEX, buf);
		} else if (p->n_up + p->n_flat + p->n_down == 0) {   /* counts, no index */
			grid_set(g, P_NOTE, people ? "全部未答，无指数" : "no index: every reply none");
		} else {
			grid_set(g, P_NOTE, people ? "答卷权数合计为0，无指数，已跳过"
			                           : "no index: the answers' weights add up to 0 (skipped)");
		}
	}
}

/* ---- superlative ---- */

enum { S_CATEGORY, S_CHANNEL, S_CHOSEN, S_SAME, S_FISHER, S_TORNQVIST, S_ITEMS, S_N };
static const char *const S_KEYS[S_N] = { "category", "channel", "index", "index_same_items",
                                         "fisher", "tornqvist", "items_with_sales" };

void index_superlative_grid(const struct ixcalc_super *v, size_t n, enum pi_formula f,
                            int people, struct grid *g)
{
	const char *heads[S_N] = { "类别", "渠道", NULL, NULL, "Fisher", "Törnqvist",
	                           "有销售额的样本" };
	char buf[32], same[48];
	heads[S_CHOSEN] = ixcalc_formula_name(f);
	snprintf(same, sizeof same, "%s（同样本）", ixcalc_formula_name(f));
	heads[S_SAME] = same;
	grid_init(g, S_N, S_KEYS, people ? heads : S_KEYS);
	for (int k = S_CHOSEN; k < S_N; k++)
		grid_numeric(g, (size_t)k);
	for (size_t i = 0; i < n; i++) {
		grid_row(g);
		grid_set(g, S_CATEGORY, v[i].category);
		grid_set(g, S_CHANNEL, v[i].channel);
		index_fmt(buf, sizeof buf, v[i].chosen * 100, 3);
		grid_set(g, S_CHOSEN, buf);
		if (v[i].nmatched) {
			index_fmt(buf, sizeof buf, v[i].same * 100, 3);
			grid_set(g, S_SAME, buf);
		}
		if (v[i].has_super) {
			index_fmt(buf, sizeof buf, v[i].fisher * 100, 3);
			grid_set(g, S_FISHER, buf);
			index_fmt(buf, sizeof buf, v[i].tornqvist * 100, 3);
			grid_set(g, S_TORNQVIST, buf);
		}
		grid_setf(g, S_ITEMS, "%zu", v[i].nmatched);
	}
}
