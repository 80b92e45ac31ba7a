/* scheme_node.c: the scheme statements that make its tree (see scheme.h):
 * pillar and indicator (code, parent, weight; an indicator's source, per,
 * direction, normalisation with the keys that belong to it, cap and
 * winsorising), regions and a region's weights. The tree itself (parents,
 * cycles, sums to 100) is checked by scheme_tree.c once every line is
 * read. Dispatched from scheme.c's table. Depends on base only. */
#include "assess/scheme_part.h"

#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

/* A new node with the keys common to pillars and indicators. */
static int new_node(struct parser *p, const struct line *l, enum as_kind kind,
                    struct as_node **out, struct kfq_err *err)
{
	struct as_scheme *s = p->s;
	const char *what = kind == AS_PILLAR ? "pillar" : "indicator";
	const char *code = asl_pos(l, 0), *v;
	if (asl_check_code(l, what, code, err) != 0)
		return -1;
	for (size_t i = 0; i < s->n_nodes; i++)
		if (strcmp(s->nodes[i].code, code) == 0)
			return asl_line_error(l, err, "%s: code \"%s\" already used at line %d: expected "
			                  "a unique code", what, code, s->nodes[i].line);
	dec w;
	if (asl_require(l, what, "weight", &v, err) != 0 || asl_parse_dec(l, "weight", v, &w, err) != 0)
		return -1;
	if (w <= 0)
		return asl_line_error(l, err, "%s %s: weight \"%s\": expected a number > 0", what,
		                  code, v);
	size_t old = p->cap_nodes;
	XGROW(s->nodes, s->n_nodes + 1, p->cap_nodes);
	if (p->cap_nodes != old)
		p->parents = xrealloc(p->parents, p->cap_nodes * sizeof *p->parents);
	struct as_node *n = &s->nodes[s->n_nodes];
	memset(n, 0, sizeof *n);
	p->parents[s->n_nodes] = (v = asl_get(l, "parent")) ? xstrdup(v) : NULL;
	s->n_nodes++;
	n->kind = kind;
	n->code = xstrdup(code);
	n->name = (v = asl_get(l, "name")) ? xstrdup(v) : NULL;
	n->line = l->no;
	n->parent = -1;
	n->weight = w;
	n->leaf = -1;
	*out = n;
	return 0;
}

int asp_pillar(struct parser *p, const struct line *l, struct kfq_err *err)
{
	struct as_node *n;
	const char *v;
	if (new_node(p, l, AS_PILLAR, &n, err) != 0)
		return -1;
	if ((v = asl_get(l, "agg")))
		return asp_parse_agg(l, "agg", v, &n->agg, err);
	return 0;
}

/* Keys that belong to one normalisation only. */
static const struct {
	const char *key;
	enum as_norm norm;
} norm_keys[] = {
	{ "benchmark", AS_RATIO }, { "target", AS_TARGET }, { "lo", AS_GOALPOSTS },
	{ "hi", AS_GOALPOSTS },
};

int asp_indicator(struct parser *p, const struct line *l, struct kfq_err *err)
{
	struct as_node *n;
	const char *v, *code = asl_pos(l, 0);
	int k;
	if (new_node(p, l, AS_INDICATOR, &n, err) != 0)
		return -1;
	if (asl_require(l, "indicator", "source", &v, err) != 0)
		return -1;
	n->source = xstrdup(v);
	if ((v = asl_get(l, "per")))
		n->per = xstrdup(v);
	if (asl_require(l, "indicator", "dir", &v, err) != 0)
		return -1;
	if ((k = asp_dir_parse(v)) < 0)
		return asl_line_error(l, err, "indicator %s: dir \"%s\": expected higher or lower",
		                  code, v);
	n->dir = (enum as_dir)k;
	if (asl_require(l, "indicator", "norm", &v, err) != 0)
		return -1;
	if ((k = asp_norm_parse(v)) < 0)
		return asl_line_error(l, err, "indicator %s: norm \"%s\": expected minmax, zscore, rank, "
		                  "ratio, target or goalposts", code, v);
	n->norm = (enum as_norm)k;
	for (size_t i = 0; i < sizeof norm_keys / sizeof norm_keys[0]; i++)
		if (asl_get(l, norm_keys[i].key) && n->norm != norm_keys[i].norm)
			return asl_line_error(l, err, "indicator %s: %s= with norm=%s: expected %s= only "
			                  "with norm=%s", code, norm_keys[i].key, as_norm_name(n->norm),
			                  norm_keys[i].key, as_norm_name(norm_keys[i].norm));
	switch (n->norm) {
	case AS_RATIO:
		if (asl_require(l, "indicator", "benchmark", &v, err) != 0)
			return -1;
		if (strcmp(v, "mean") == 0) {
			n->bench = AS_BENCH_MEAN;
		} else if (strcmp(v, "median") == 0) {
			n->bench = AS_BENCH_MEDIAN;
		} else {
			n->bench = AS_BENCH_NUMBER;
			if (asl_parse_num(l, "benchmark", v, &n->benchmark, err) != 0)
				return -1;
			if (n->benchmark == 0)
				return asl_line_error(l, err, "indicator %s: benchmark \"%s\": expected a "
				                  "number ≠ 0, mean or median", code, v);
		}
		break;
	case AS_TARGET:
		if (asl_require(l, "indicator", "target", &v, err) != 0 ||
		    asl_parse_num(l, "target", v, &n->target, err) != 0)
			return -1;
		if (n->target <= 0)
			return asl_line_error(l, err, "indicator %s: target \"%s\": expected a number > 0",
			                  code, v);
		break;
	case AS_GOALPOSTS: {
		const char *lo, *hi;
		if (asl_require(l, "indicator", "lo", &lo, err) != 0 ||
		    asl_parse_num(l, "lo", lo, &n->lo, err) != 0 ||
		    asl_require(l, "indicator", "hi", &hi, err) != 0 ||
		    asl_parse_num(l, "hi", hi, &n->hi, err) != 0)
			return -1;
		if (n->lo >= n->hi)
			return asl_line_error(l, err, "indicator %s: goalposts lo=%s hi=%s: expected "
			                  "lo < hi", code, lo, hi);
		break;
	}
	default:
		break;
	}
	if ((v = asl_get(l, "cap"))) {
		if (asl_parse_num(l, "cap", v, &n->cap, err) != 0)
			return -1;
		n->has_cap = 1;
	}
	if ((v = asl_get(l, "winsor"))) {
		if (asl_parse_num(l, "winsor", v, &n->winsor, err) != 0)
			return -1;
		if (!(n->winsor > 0 && n->winsor < 50))
			return asl_line_error(l, err, "indicator %s: winsor \"%s\": expected a percent "
			                  "P with 0 < P < 50", code, v);
	}
	return 0;
}

int asp_regions(struct parser *p, const struct line *l, struct kfq_err *err)
{
	struct as_scheme *s = p->s;
	const char *v;
	char **names;
	if (asl_require(l, "regions", "group", &v, err) != 0)
		return -1;
	size_t n = asl_split_list(v, &names);
	s->regions = xcalloc(n, sizeof *s->regions);
	s->regions_line = l->no;
	for (size_t i = 0; i < n; i++) {
		s->regions[s->n_regions++].code = names[i];
		names[i] = NULL;
		if (asl_check_code(l, "regions group", s->regions[i].code, err) != 0)
			goto fail;
		for (size_t k = 0; k < i; k++)
			if (strcmp(s->regions[k].code, s->regions[i].code) == 0) {
				asl_line_error(l, err, "regions: group \"%s\" given twice: expected each "
				           "region once", s->regions[i].code);
				goto fail;
			}
	}
	asl_free_list(names, n);
	return 0;
fail:
	asl_free_list(names, n);
	return -1;
}

int asp_weights(struct parser *p, const struct line *l, struct kfq_err *err)
{
	const char *rg;
	if (asl_require(l, "weights", "region", &rg, err) != 0)
		return -1;
	for (size_t k = 0; k < p->n_ws; k++)
		if (strcmp(p->ws[k].region, rg) == 0)
			return asl_line_error(l, err, "weights: region \"%s\" already given at line %d: "
			                  "expected one weights statement per region", rg, p->ws[k].line);
	struct as_wstmt x = { 0 };
	x.codes = xcalloc(l->n, sizeof *x.codes);
	x.w = xcalloc(l->n, sizeof *x.w);
	for (size_t i = 1; i < l->n; i++) {
		const struct word *w = &l->w[i];
		if (!w->key || strcmp(w->key, "region") == 0)
			continue;
		if (asl_check_code(l, "weights", w->key, err) != 0 ||
		    asl_parse_dec(l, w->key, w->value, &x.w[x.n], err) != 0)
			goto fail;
		if (x.w[x.n] <= 0) {
			asl_line_error(l, err, "weights region=%s: %s weight \"%s\": expected a number > 0",
			           rg, w->key, w->value);
			goto fail;
		}
		x.codes[x.n++] = xstrdup(w->key);
	}
	if (x.n == 0) {
		asl_line_error(l, err, "weights region=%s: no weights: expected CODE=WEIGHT ...", rg);
		goto fail;
	}
	x.region = xstrdup(rg);
	x.line = l->no;
	XGROW(p->ws, p->n_ws + 1, p->cap_ws);
	p->ws[p->n_ws++] = x;
	return 0;
fail:
	asl_free_list(x.codes, x.n);
	free(x.w);
	return -1;
}

void asp_free_ws(struct parser *p)
{
	for (size_t k = 0; k < p->n_ws; k++) {
		free(p->ws[k].region);
		asl_free_list(p->ws[k].codes, p->ws[k].n);
		free(p->ws[k].w);
	}
	free(p->ws);
}
