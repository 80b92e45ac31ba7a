/* explain.c: "why this rank" for one entity (its strongest and weakest
 * indicators against the leader and the median entity, in a plain sentence
 * in Chinese and in English), and the previous-period rules (last N ranks
 * for Y periods running). See composite.h. Depends on base and assess. */
#include "assess/composite.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/sbuf.h"
#include "base/xalloc.h"

static const char *ent_label(const struct as_input *in, size_t e)
{
	const struct as_entity *x = &in->entities[e];
	return x->name && x->name[0] ? x->name : x->code;
}

static double gap_of(const struct as_explain_item *it, int vs_leader)
{
	return vs_leader ? it->lgap : it->gap;
}

/* Pick up to 3 items with gap (against the median, or with vs_leader the
 * leader) of the given sign, largest |gap| first. */
static size_t pick(const struct as_explain *x, int sign, int vs_leader, size_t *outv)
{
	size_t n = 0;
	for (size_t i = 0; i < x->n_items; i++) {
		double g = gap_of(&x->items[i], vs_leader) * sign;
		if (isnan(g) || !(g > 0))
			continue;
		size_t at = n < 3 ? n++ : 3;
		if (at == 3) {
			if (!(g > gap_of(&x->items[outv[2]], vs_leader) * sign))
				continue;
			at = 2;
		}
		while (at > 0 && g > gap_of(&x->items[outv[at - 1]], vs_leader) * sign) {
			outv[at] = outv[at - 1];
			at--;
		}
		outv[at] = i;
	}
	return n;
}

/* "专利授权量 (92.3 vs median 60.1, leader 88.0)" for the English sentence;
 * "专利授权量（92.3，中位数60.1，第一名88.0）" for the Chinese one. */
static void add_items(struct sbuf *sb, const struct as_scheme *s, const struct as_explain *x,
                      const size_t *ix, size_t n, int zh)
{
	for (size_t k = 0; k < n; k++) {
		const struct as_explain_item *it = &x->items[ix[k]];
		const char *label = as_node_label(&s->nodes[s->leaves[it->leaf]]);
		char lead[32];
		if (isnan(it->leader_norm))
			snprintf(lead, sizeof lead, "%s", zh ? "无值" : "none");
		else
			snprintf(lead, sizeof lead, "%.1f", it->leader_norm);
		if (zh)
			sbuf_addf(sb, "%s%s（%.1f，中位数%.1f，第一名%s）", k ? "、" : "", label,
			          it->norm, it->median_norm, lead);
		else
			sbuf_addf(sb, "%s%s (%.1f vs median %.1f, leader %s)", k ? ", " : "", label,
			          it->norm, it->median_norm, lead);
	}
}

/* Round the items' contributions to `decimals` places so that they add up
 * exactly to `total` (the published score, in the same units): each is
 * rounded down, then the units still missing go to the largest remainders
 * (or, if the parts overshoot, are taken from the smallest); ties to the
 * earlier item. */
static void round_contributions(struct as_explain *x, int decimals, int64_t total)
{
	double scale = pow(10, decimals);
	double *rem = xcalloc(x->n_items ? x->n_items : 1, sizeof *rem);
	int64_t sum = 0;
	for (size_t i = 0; i < x->n_items; i++) {
		double v = x->items[i].contrib * scale, f;
		if (isnan(v)) {
			x->items[i].contrib_pub = 0;
			rem[i] = NAN;
			continue;
		}
		f = floor(v + 1e-9 * fabs(v));   /* 2.9999999999 of 3.00 written is 3 */
		x->items[i].contrib_pub = (int64_t)f;
		rem[i] = v - f;
		sum += (int64_t)f;
	}
	while (sum != total) {
		int up = sum < total;
		size_t best = x->n_items;
		for (size_t i = 0; i < x->n_items; i++) {
			if (isnan(rem[i]))
				continue;
			if (best == x->n_items || (up ? rem[i] > rem[best] : rem[i] < rem[best]))
				best = i;
		}
		if (best == x->n_items)
			break;
		x->items[best].contrib_pub += up ? 1 : -1;
		rem[best] = up ? -1 : 2;   /* each part moves once per pass */
		sum += up ? 1 : -1;
	}
	free(rem);
}

int as_explain(const struct as_scheme *s, const struct as_input *in,
               const struct as_result *r, size_t e, struct as_explain *out,
               struct kfq_err *err)
{
	struct as_explain x = { 0 };
	const struct as_entity_result *er;
	struct sbuf zh, en;
	char score[64];

	memset(out, 0, sizeof *out);
	if (e >= r->n_entities)
		return kfq_fault(err, "explain: entity #%zu out of range (%zu entities)", e + 1,
		                 r->n_entities);
	er = &r->ent[e];
	x.entity = e;
	x.leader = r->order[0];
	x.median = r->order[(r->n_ranked - 1) / 2];
	x.n_items = s->n_leaves;
	x.items = xcalloc(x.n_items, sizeof *x.items);
	for (size_t j = 0; j < s->n_leaves; j++) {
		struct as_explain_item *it = &x.items[j];
		size_t L = s->n_leaves;
		it->leaf = j;
		it->share = as_node_share_in(s, er->region, s->leaves[j]);
		it->raw = r->raw[e * L + j];
		it->norm = r->norm[e * L + j];
		it->contrib = r->contrib[e * L + j];
		it->imputed = r->imputed[e * L + j];
		it->leader_norm = r->norm[x.leader * L + j];
		it->median_norm = r->norm[x.median * L + j];
		it->gap = it->share * (it->norm - it->median_norm);   /* NAN when either is missing */
		it->lgap = it->share * (it->norm - it->leader_norm);
	}
	sbuf_init(&zh);
	sbuf_init(&en);
	if (er->status != AS_RATED) {
		sbuf_addf(&zh, "%s不参与排名（T类）：%s。", ent_label(in, e), er->reason);
		sbuf_addf(&en, "%s is not ranked (class T): %s.", ent_label(in, e), er->reason);
	} else {
		round_contributions(&x, s->decimals, er->published);
		x.n_strongest = pick(&x, 1, 0, x.strongest);
		x.n_weakest = pick(&x, -1, 0, x.weakest);
		if (!x.n_weakest && e != x.leader) {
			/* nothing below the median: the largest shortfalls against the leader */
			x.n_weakest = pick(&x, -1, 1, x.weakest);
			x.weakest_vs_leader = x.n_weakest > 0;
		}
		as_format_score(r, e, score, sizeof score);
		sbuf_addf(&zh, "%s在%zu个参评对象中排名第%d（", ent_label(in, e), r->n_ranked,
		          er->rank);
		sbuf_addf(&en, "%s ranks %d of %zu (", ent_label(in, e), er->rank, r->n_ranked);
		if (er->class_name) {
			sbuf_addf(&zh, "%s类，", er->class_name);
			sbuf_addf(&en, "class %s, ", er->class_name);
		}
		sbuf_addf(&zh, "得分%s）", score);
		sbuf_addf(&en, "score %s)", score);
		if (er->disqualified) {
			sbuf_addf(&zh, "，因“%s”排在最后", er->reason);
			sbuf_addf(&en, ", placed last for \"%s\"", er->reason);
		}
		sbuf_adds(&zh, "：优势指标");
		sbuf_adds(&en, ": strongest ");
		if (x.n_strongest) {
			add_items(&zh, s, &x, x.strongest, x.n_strongest, 1);
			add_items(&en, s, &x, x.strongest, x.n_strongest, 0);
		} else {
			sbuf_adds(&zh, "无（没有高于中位对象的指标）");
			sbuf_adds(&en, "none (no indicator above the median entity)");
		}
		if (x.weakest_vs_leader) {
			sbuf_adds(&zh, "；与第一名差距最大的指标");
			sbuf_adds(&en, "; furthest behind the leader ");
		} else {
			sbuf_adds(&zh, "；弱项指标");
			sbuf_adds(&en, "; weakest ");
		}
		if (x.n_weakest) {
			add_items(&zh, s, &x, x.weakest, x.n_weakest, 1);
			add_items(&en, s, &x, x.weakest, x.n_weakest, 0);
		} else {
			sbuf_adds(&zh, "无（没有低于中位对象的指标）");
			sbuf_adds(&en, "none (no indicator below the median entity)");
		}
		sbuf_adds(&zh, "。");
		sbuf_adds(&en, ".");
	}
	x.sentence_zh = sbuf_detach(&zh);
	x.sentence_en = sbuf_detach(&en);
	*out = x;
	return 0;
}

void as_explain_release(struct as_explain *x)
{
	free(x->items);
	free(x->sentence_zh);
	free(x->sentence_en);
	memset(x, 0, sizeof *x);
}

/* ---- previous-period rules ---- */

int as_rules_check(const struct as_scheme *s, const struct as_result *r,
                   const struct as_period_ranks *prev, size_t n_prev,
                   struct as_rule_check *out, struct kfq_err *err)
{
	struct as_rule_check c = { 0 };
	size_t cap = 0;
	(void)err;
	memset(out, 0, sizeof *out);
	c.n_rules = s->n_rules;
	c.checked = xcalloc(s->n_rules + 1, 1);
	for (size_t k = 0; k < s->n_rules; k++) {
		const struct as_rule *rule = &s->rules[k];
		if (n_prev + 1 < (size_t)rule->years)
			continue;
		c.checked[k] = 1;
		for (size_t i = 0; i < r->n_ranked; i++) {
			size_t e = r->order[i];
			int in_tail = (size_t)r->ent[e].rank + (size_t)rule->last > r->n_ranked;
			for (int y = 0; in_tail && y + 1 < rule->years; y++) {
				int rk = prev[y].rank[e];
				in_tail = rk > 0 && (size_t)rk + (size_t)rule->last > prev[y].n_ranked;
			}
			if (!in_tail)
				continue;
			XGROW(c.breaches, c.n_breaches + 1, cap);
			c.breaches[c.n_breaches++] = (struct as_breach){ k, e };
		}
	}
	*out = c;
	return 0;
}

void as_rule_check_release(struct as_rule_check *c)
{
	free(c->breaches);
	free(c->checked);
	memset(c, 0, sizeof *c);
}
