/* assess_grid.c: an assessment's results as grids (see assess_grid.h). */
#include "report/assess_grid.h"
#include "base/dec.h"
#include "base/xalloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* A double with 2 decimals, or empty for NAN. */
static void put_num(struct grid *g, size_t col, double v)
{
	if (!isnan(v))
		grid_setf(g, col, "%.2f", v);
}

enum { C_RANK, C_CHANGE, C_CODE, C_NAME, C_SCORE, C_CLASS, C_REASON, C_FIXED };

void assess_ranking_grid(const struct assess_data *d, const struct as_result *r, const int *prev,
                         int people, struct grid *g)
{
	static const char *const keys[C_FIXED] = { "rank", "change", "code", "name", "score",
	                                           "class", "reason" };
	static const char *const heads[C_FIXED] = { "名次", "升降", "代码", "名称", "得分", "类别",
	                                            "说明" };
	const struct as_scheme *s = &d->scheme;
	/* a scheme with regions: a region column, then the pillars */
	size_t reg = s->n_regions > 0, P = C_FIXED + reg, nc = P + s->n_roots;
	const char **k = xcalloc(nc, sizeof *k), **h = xcalloc(nc, sizeof *h);

	memcpy(k, keys, sizeof keys);
	memcpy(h, heads, sizeof heads);
	if (reg) {
		k[C_FIXED] = "region";
		h[C_FIXED] = "区域";
	}
	for (size_t i = 0; i < s->n_roots; i++) {
		k[P + i] = s->nodes[s->roots[i]].code;
		h[P + i] = as_node_label(&s->nodes[s->roots[i]]);
	}
	grid_init(g, nc, k, people ? h : NULL);
	grid_numeric(g, C_RANK);
	grid_numeric(g, C_SCORE);
	for (size_t i = 0; i < s->n_roots; i++)
		grid_numeric(g, P + i);
	for (size_t i = 0; i < d->n; i++) {
		size_t e = r->order[i];
		const struct as_entity_result *er = &r->ent[e];
		char buf[64];
		grid_row(g);
		if (er->rank > 0)
			grid_setf(g, C_RANK, "%d", er->rank);
		/* the change against the previous period's run: +2, -1, 0, new */
		if (prev && er->rank > 0) {
			if (prev[e] <= 0)
				grid_set(g, C_CHANGE, people ? "新" : "new");
			else
				grid_setf(g, C_CHANGE, "%+d", prev[e] - er->rank);
		}
		grid_set(g, C_CODE, d->ents[e].code);
		grid_set(g, C_NAME, d->ents[e].name);
		if (er->status == AS_RATED && as_format_score(r, e, buf, sizeof buf) >= 0)
			grid_set(g, C_SCORE, buf);
		grid_set(g, C_CLASS, er->class_name);
		grid_set(g, C_REASON, er->reason);
		if (reg)
			grid_set(g, C_FIXED, d->ents[e].region);
		for (size_t j = 0; j < s->n_roots; j++)
			put_num(g, P + j, r->node_score[e * s->n_nodes + s->roots[j]]);
	}
	free(k);
	free(h);
}

int assess_sentences_grid(const struct assess_data *d, const struct as_result *r, int people,
                          struct grid *g, struct kfq_err *err)
{
	static const char *const keys[] = { "rank", "code", "sentence_zh", "sentence_en" };
	static const char *const heads[] = { "名次", "代码", "说明", "explanation" };
	static const char *const keys_en[] = { "rank", "code", "sentence_en" };
	static const char *const heads_en[] = { "名次", "代码", "explanation" };
	struct as_input in = assess_input(d);

	/* for people, the sentence in their language only */
	if (people == 2)
		grid_init(g, 3, keys_en, heads_en);
	else
		grid_init(g, people ? 3 : 4, keys, people ? heads : NULL);
	grid_numeric(g, 0);
	for (size_t i = 0; i < r->n_ranked; i++) {
		size_t e = r->order[i];
		struct as_explain ex;
		if (as_explain(&d->scheme, &in, r, e, &ex, err) < 0) {
			grid_release(g);
			return -1;
		}
		grid_row(g);
		grid_setf(g, 0, "%d", r->ent[e].rank);
		grid_set(g, 1, d->ents[e].code);
		grid_set(g, 2, people == 2 ? ex.sentence_en : ex.sentence_zh);
		if (!people)
			grid_set(g, 3, ex.sentence_en);
		as_explain_release(&ex);
	}
	return 0;
}

void assess_entity_grid(const struct assess_data *d, const struct as_result *r, size_t e,
                        const struct as_explain *ex, int people, struct grid *g)
{
	static const char *const keys[] = { "indicator", "name", "weight", "raw", "normalised",
	                                    "contribution", "leader", "median", "mark" };
	static const char *const heads[] = { "指标", "名称", "权重%", "原始值", "标准化值", "贡献",
	                                     "第一名", "中位", "" };
	const struct as_scheme *s = &d->scheme;
	size_t nl = s->n_leaves;

	grid_init(g, 9, keys, people ? heads : NULL);
	for (size_t k = 2; k < 8; k++)
		grid_numeric(g, k);
	for (size_t i = 0; i < ex->n_items; i++) {
		const struct as_explain_item *it = &ex->items[i];
		const struct as_node *n = &s->nodes[s->leaves[it->leaf]];
		char buf[64];
		const char *mark = NULL;
		for (size_t k = 0; k < ex->n_strongest; k++)
			if (ex->strongest[k] == i)
				mark = people ? "强" : "strong";
		for (size_t k = 0; k < ex->n_weakest; k++)
			if (ex->weakest[k] == i)
				mark = people ? "弱" : "weak";
		grid_row(g);
		grid_set(g, 0, n->code);
		grid_set(g, 1, as_node_label(n));
		grid_setf(g, 2, "%.2f", 100 * it->share);
		if (d->present[e * nl + it->leaf]) {
			dec_format(d->raw[e * nl + it->leaf], 0, -1, buf, sizeof buf);
			grid_set(g, 3, buf);
		} else if (it->imputed && !isnan(it->raw)) {
			grid_setf(g, 3, "%.4f*", it->raw);
		}
		put_num(g, 4, it->norm);
		if (!isnan(it->contrib) && r->ent[e].status == AS_RATED)
			grid_setf(g, 5, "%.*f", s->decimals, it->contrib_pub / pow(10, s->decimals));
		else
			put_num(g, 5, it->contrib);
		put_num(g, 6, it->leader_norm);
		put_num(g, 7, it->median_norm);
		grid_set(g, 8, mark);
	}
}

void assess_sensitivity_grid(const struct assess_data *d, const struct as_result *r,
                             const struct as_sens_result *sr, int people, struct grid *g)
{
	static const char *const keys[] = { "rank", "code", "name", "median", "p5", "p95",
	                                    "at_rank" };
	static const char *const heads[] = { "名次", "代码", "名称", "中位名次", "5%名次",
	                                     "95%名次", "保持名次%" };
	grid_init(g, 7, keys, people ? heads : NULL);
	for (size_t k = 3; k < 7; k++)
		grid_numeric(g, k);
	grid_numeric(g, 0);
	for (size_t i = 0; i < r->n_ranked; i++) {
		size_t e = r->order[i];
		const struct as_sens_entity *se = &sr->ent[e];
		grid_row(g);
		grid_setf(g, 0, "%d", se->nominal);
		grid_set(g, 1, d->ents[e].code);
		grid_set(g, 2, d->ents[e].name);
		grid_setf(g, 3, "%d", se->median);
		grid_setf(g, 4, "%d", se->p5);
		grid_setf(g, 5, "%d", se->p95);
		grid_setf(g, 6, "%.1f", 100.0 * se->share_nominal);
	}
}

