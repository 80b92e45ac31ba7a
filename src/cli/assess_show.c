/* assess_show.c: kfq assess show (and the table kfq assess run prints): the
 * ranking with each entity's score, class, rank change and first-level
 * pillar scores (and its region when the scheme has regions), the rule
 * breaches; --entity: one entity's indicators with the weights it was rated
 * with (its region's);
 * --explain: why it ranks where it does. Depends on libkfq. */
#include "cli/assess_cmd.h"
#include "base/dec.h"
#include "base/xalloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { C_RANK, C_CHANGE, C_CODE, C_NAME, C_SCORE, C_CLASS, C_REASON, C_FIXED };

static int ranking(struct actx *x)
{
	static const char *const keys[C_FIXED] = { "rank", "change", "code", "name", "score",
	                                           "class", "reason" };
	static const char *const heads[C_FIXED] = { "名次", "升降", "代码", "名称", "得分", "类别",
	                                            "说明" };
	const struct as_scheme *s = &x->d.scheme;
	/* a scheme with regions: a region column, then the pillars */
	size_t reg = s->n_regions > 0, P = C_FIXED + reg, nc = P + s->n_roots;
	const char **k = xcalloc(nc, sizeof *k), **h = xcalloc(nc, sizeof *h);
	struct grid g;
	int rc;

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
	grid_init(&g, nc, k, x->f == GRID_TABLE ? h : NULL);
	grid_numeric(&g, C_RANK);
	grid_numeric(&g, C_SCORE);
	for (size_t i = 0; i < s->n_roots; i++)
		grid_numeric(&g, P + i);
	for (size_t i = 0; i < x->d.n; i++) {
		size_t e = x->r.order[i];
		const struct as_entity_result *er = &x->r.ent[e];
		char buf[64];
		grid_row(&g);
		if (er->rank > 0)
			grid_setf(&g, C_RANK, "%d", er->rank);
		assess_put_change(x, &g, C_CHANGE, e);
		grid_set(&g, C_CODE, x->d.ents[e].code);
		grid_set(&g, C_NAME, x->d.ents[e].name);
		if (er->status == AS_RATED && as_format_score(&x->r, e, buf, sizeof buf) >= 0)
			grid_set(&g, C_SCORE, buf);
		grid_set(&g, C_CLASS, er->class_name);
		grid_set(&g, C_REASON, er->reason);
		if (reg)
			grid_set(&g, C_FIXED, x->d.ents[e].region);
		for (size_t j = 0; j < s->n_roots; j++)
			assess_put_num(&g, P + j, x->r.node_score[e * s->n_nodes + s->roots[j]]);
	}
	rc = assess_emit(x, &g, "ranking");
	grid_release(&g);
	free(k);
	free(h);
	return rc;
}

/* The rule breaches (table format: a section). */
static int breaches(struct actx *x)
{
	static const char *const keys[] = { "code", "name", "rank", "rule" };
	static const char *const heads[] = { "代码", "名称", "名次", "规则" };
	const struct as_scheme *s = &x->d.scheme;
	struct as_rule_check rc;
	struct grid g;

	if (!s->n_rules || x->f != GRID_TABLE || x->xlsx)
		return 0;
	if (assess_rules(x->cli->db, &x->d, &x->r, &rc, &x->cli->err) < 0)
		return -1;
	grid_init(&g, 4, keys, heads);
	for (size_t k = 0; k < rc.n_breaches; k++) {
		size_t e = rc.breaches[k].entity;
		grid_row(&g);
		grid_set(&g, 0, x->d.ents[e].code);
		grid_set(&g, 1, x->d.ents[e].name);
		grid_setf(&g, 2, "%d", x->r.ent[e].rank);
		grid_set(&g, 3, s->rules[rc.breaches[k].rule].reason);
	}
	cli_section(x->cli->out, "规则（rules breached）", &g);
	for (size_t k = 0; k < rc.n_rules; k++)
		if (!rc.checked[k])
				fprintf(x->cli->out, "(the rule of line %d, %d years, is not checked: no stored "
			        "run of %d)\n", s->rules[k].line, s->rules[k].years,
			        x->period - s->rules[k].years + 1);
	grid_release(&g);
	as_rule_check_release(&rc);
	return 0;
}

/* One entity: its indicators beside the leader and the median. */
static int entity(struct actx *x, size_t e, int explain)
{
	static const char *const keys[] = { "indicator", "name", "weight", "raw", "normalised",
	                                    "contribution", "leader", "median", "mark" };
	static const char *const heads[] = { "指标", "名称", "权重%", "原始值", "标准化值", "贡献",
	                                     "第一名", "中位", "" };
	const struct as_scheme *s = &x->d.scheme;
	struct as_input in = assess_input(&x->d);
	struct as_explain ex;
	struct grid g;
	size_t nl = s->n_leaves;
	int rc;

	if (as_explain(s, &in, &x->r, e, &ex, &x->cli->err) < 0)
		return -1;
	grid_init(&g, 9, keys, x->f == GRID_TABLE ? heads : NULL);
	for (size_t k = 2; k < 8; k++)
		grid_numeric(&g, k);
	for (size_t i = 0; i < ex.n_items; i++) {
		const struct as_explain_item *it = &ex.items[i];
		const struct as_node *n = &s->nodes[s->leaves[it->leaf]];
		char buf[64];
		const char *mark = NULL;
		for (size_t k = 0; k < ex.n_strongest; k++)
			if (ex.strongest[k] == i)
				mark = x->f == GRID_TABLE ? "强" : "strong";
		for (size_t k = 0; k < ex.n_weakest; k++)
			if (ex.weakest[k] == i)
				mark = x->f == GRID_TABLE ? "弱" : "weak";
		grid_row(&g);
		grid_set(&g, 0, n->code);
		grid_set(&g, 1, as_node_label(n));
		grid_setf(&g, 2, "%.2f", 100 * it->share);
		if (x->d.present[e * nl + it->leaf]) {
			dec_format(x->d.raw[e * nl + it->leaf], 0, -1, buf, sizeof buf);
			grid_set(&g, 3, buf);
		} else if (it->imputed && !isnan(it->raw)) {
			grid_setf(&g, 3, "%.4f*", it->raw);
		}
		assess_put_num(&g, 4, it->norm);
		if (!isnan(it->contrib) && x->r.ent[e].status == AS_RATED)
			grid_setf(&g, 5, "%.*f", s->decimals, it->contrib_pub / pow(10, s->decimals));
		else
			assess_put_num(&g, 5, it->contrib);
		assess_put_num(&g, 6, it->leader_norm);
		assess_put_num(&g, 7, it->median_norm);
		grid_set(&g, 8, mark);
	}
	if (x->f == GRID_TABLE && !x->xlsx) {
		const struct as_entity_result *er = &x->r.ent[e];
		char buf[64] = "";
		if (er->status == AS_RATED)
			as_format_score(&x->r, e, buf, sizeof buf);
		fprintf(x->cli->out, "%s %s: score %s, ", x->d.ents[e].code, x->d.ents[e].name,
		        *buf ? buf : "-");
		if (er->rank > 0)
			fprintf(x->cli->out, "rank %d of %zu", er->rank, x->r.n_ranked);
		else
			fprintf(x->cli->out, "not ranked");
		fprintf(x->cli->out, ", class %s", er->class_name ? er->class_name : "-");
		if (x->has_prev && er->rank > 0 && x->prev[e] > 0)
			fprintf(x->cli->out, " (%d in %d: %+d)", x->prev[e], x->period - 1,
			        x->prev[e] - er->rank);
		fprintf(x->cli->out, "%s%s\n", er->reason ? "; " : "", er->reason ? er->reason : "");
		if (s->n_regions) {
			if (er->region >= 0 && s->regions[er->region].line)
				fprintf(x->cli->out, "region %s: rated with its regional weights "
				        "(line %d)\n", s->regions[er->region].code,
				        s->regions[er->region].line);
			else
				fprintf(x->cli->out, "region %s: rated with the base weights\n",
				        er->region >= 0 ? s->regions[er->region].code : "(none)");
		}
		if (explain)
			fprintf(x->cli->out, "%s\n%s\n", ex.sentence_zh, ex.sentence_en);
		fprintf(x->cli->out, "leader: %s, median: %s\n\n", x->d.ents[ex.leader].name,
		        x->d.ents[ex.median].name);
	}
	rc = assess_emit(x, &g, "entity");
	if (rc == 0 && explain && x->f != GRID_TABLE && !x->xlsx)
		fprintf(stderr, "%s\n%s\n", ex.sentence_zh, ex.sentence_en);
	grid_release(&g);
	as_explain_release(&ex);
	return rc;
}

/* --explain without --entity: every ranked entity's sentence. */
static int sentences(struct actx *x)
{
	static const char *const keys[] = { "rank", "code", "sentence_zh", "sentence_en" };
	static const char *const heads[] = { "名次", "代码", "说明", "explanation" };
	struct as_input in = assess_input(&x->d);
	struct grid g;
	int rc = 0;

	grid_init(&g, 4, keys, x->f == GRID_TABLE ? heads : NULL);
	grid_numeric(&g, 0);
	for (size_t i = 0; i < x->r.n_ranked && rc == 0; i++) {
		size_t e = x->r.order[i];
		struct as_explain ex;
		if ((rc = as_explain(&x->d.scheme, &in, &x->r, e, &ex, &x->cli->err)) < 0)
			break;
		grid_row(&g);
		grid_setf(&g, 0, "%d", x->r.ent[e].rank);
		grid_set(&g, 1, x->d.ents[e].code);
		grid_set(&g, 2, ex.sentence_zh);
		grid_set(&g, 3, ex.sentence_en);
		as_explain_release(&ex);
	}
	if (rc == 0)
		rc = assess_emit(x, &g, "explain");
	grid_release(&g);
	return rc;
}

int assess_sub_show(struct actx *x)
{
	const char *code = x->a->entity;
	int explain = x->a->explain;

	if (code) {
		for (size_t e = 0; e < x->d.n; e++)
			if (strcmp(x->d.ents[e].code, code) == 0) {
				assess_header(x, "评价");
				return entity(x, e, explain);
			}
		return kfq_error(&x->cli->err, "assess: --entity \"%s\": not among the %zu entities "
		                 "rated", code, x->d.n);
	}
	assess_header(x, "排名");
	if (explain)
		return sentences(x);
	if (ranking(x) < 0)
		return -1;
	return breaches(x);
}
