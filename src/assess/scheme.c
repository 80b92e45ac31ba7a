/* scheme.c: parse and check an assessment scheme file (see scheme.h and
 * docs/formats.md, "Assessment schemes").
 *
 * A line is split into words: a word is a run of non-blank characters, a
 * double-quoted string ("a \"b\" c", with \" and \\ as the only escapes), or
 * key=value where the value may be quoted. `#` outside quotes starts a
 * comment. The first word is the statement's keyword; one table says, for
 * each keyword, how many positional words it takes, which keys it accepts
 * and whether it may appear twice. Everything the tree needs (parents,
 * cycles, children, weight sums) is checked by scheme_tree.c once every line
 * has been read, so a pillar may be declared after its children. Depends on
 * base only. */
#include "assess/scheme.h"
#include "assess/scheme_part.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/sbuf.h"
#include "base/xalloc.h"

/* ---- names ---- */

static const char *const norm_names[AS_N_NORMS] = {
	"minmax", "zscore", "rank", "ratio", "target", "goalposts",
};
static const char *const agg_names[] = { "arithmetic", "geometric" };
static const char *const impute_names[] = { "none", "mean", "median", "min" };
static const char *const dir_names[] = { "higher", "lower" };

const char *as_norm_name(enum as_norm n)
{
	return (unsigned)n < AS_N_NORMS ? norm_names[n] : NULL;
}

const char *as_agg_name(enum as_agg a)
{
	return (unsigned)a < 2 ? agg_names[a] : NULL;
}

const char *as_impute_name(enum as_impute i)
{
	return (unsigned)i < 4 ? impute_names[i] : NULL;
}

const char *as_dir_name(enum as_dir d)
{
	return (unsigned)d < 2 ? dir_names[d] : NULL;
}

/* Index of s in names[0..n), or -1. */
static int lookup(const char *const *names, int n, const char *s)
{
	for (int i = 0; i < n; i++)
		if (strcmp(names[i], s) == 0)
			return i;
	return -1;
}

/* ---- the statements ---- */

struct parser {
	struct as_scheme *s;
	size_t cap_nodes, cap_excl, cap_disq, cap_rules;
	int seen[32];             /* line of the first occurrence, per statement */
	char **parents;           /* per node: the parent's code as written, or NULL */
	struct as_wstmt *ws;      /* weights statements, resolved after the tree */
	size_t n_ws, cap_ws;
};

struct stmt {
	const char *name;
	int min_pos, max_pos;     /* positional words after the keyword */
	const char *keys;         /* accepted keys, space-separated, for the check and the message */
	int once;                 /* may appear only once */
	int (*fn)(struct parser *, const struct line *, struct kfq_err *);
};

/* The value of key k on the line, or NULL. */
static const char *get(const struct line *l, const char *k)
{
	for (size_t i = 1; i < l->n; i++)
		if (l->w[i].key && strcmp(l->w[i].key, k) == 0)
			return l->w[i].value;
	return NULL;
}

/* The i-th positional word (0 = first after the keyword), or NULL. */
static const char *pos(const struct line *l, size_t i)
{
	for (size_t j = 1; j < l->n; j++)
		if (!l->w[j].key && i-- == 0)
			return l->w[j].value;
	return NULL;
}

static int require(const struct line *l, const char *stmt, const char *k, const char **out,
                   struct kfq_err *err)
{
	*out = get(l, k);
	if (!*out || !**out)
		return asl_line_error(l, err, "%s: %s= missing: expected %s=VALUE", stmt, k, k);
	return 0;
}

static int st_scheme(struct parser *p, const struct line *l, struct kfq_err *err)
{
	if (asl_check_code(l, "scheme", pos(l, 0), err) != 0)
		return -1;
	p->s->code = xstrdup(pos(l, 0));
	p->s->code_line = l->no;
	return 0;
}

static int st_version(struct parser *p, const struct line *l, struct kfq_err *err)
{
	(void)err;
	p->s->version = xstrdup(pos(l, 0));
	p->s->version_line = l->no;
	return 0;
}

static int st_name(struct parser *p, const struct line *l, struct kfq_err *err)
{
	(void)err;
	p->s->name = xstrdup(pos(l, 0));
	return 0;
}

/* Split a comma-separated list; returns the count. */
static size_t split_list(const char *s, char ***out)
{
	size_t n = 0, cap = 0;
	char **v = NULL;
	const char *p = s;
	for (;;) {
		const char *c = strchr(p, ',');
		size_t len = c ? (size_t)(c - p) : strlen(p);
		XGROW(v, n + 1, cap);
		v[n++] = xstrndup(p, len);
		if (!c)
			break;
		p = c + 1;
	}
	*out = v;
	return n;
}

static void free_list(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static int st_entities(struct parser *p, const struct line *l, struct kfq_err *err)
{
	struct as_entities *e = &p->s->entities;
	const char *kind, *v;
	if (require(l, "entities", "kind", &kind, err) != 0 ||
	    asl_check_code(l, "entities kind", kind, err) != 0)
		return -1;
	if ((v = get(l, "under")) && asl_check_code(l, "entities under", v, err) != 0)
		return -1;
	e->kind = xstrdup(kind);
	e->under = v ? xstrdup(v) : NULL;
	e->line = l->no;
	if ((v = get(l, "also"))) {
		e->n_also = split_list(v, &e->also);
		for (size_t i = 0; i < e->n_also; i++)
			if (asl_check_code(l, "entities also", e->also[i], err) != 0)
				return -1;
	}
	return 0;
}

static int st_decimals(struct parser *p, const struct line *l, struct kfq_err *err)
{
	return asl_parse_int(l, "decimals", pos(l, 0), 0, 4, &p->s->decimals, err);
}

static int parse_agg(const struct line *l, const char *what, const char *v, enum as_agg *out,
                     struct kfq_err *err)
{
	int i = lookup(agg_names, 2, v);
	if (i < 0)
		return asl_line_error(l, err, "%s: value \"%s\": expected arithmetic or geometric",
		                  what, v);
	*out = (enum as_agg)i;
	return 0;
}

static int st_aggregate(struct parser *p, const struct line *l, struct kfq_err *err)
{
	p->s->aggregate_line = l->no;
	return parse_agg(l, "aggregate", pos(l, 0), &p->s->aggregate, err);
}

static int st_min_data(struct parser *p, const struct line *l, struct kfq_err *err)
{
	dec v;
	if (asl_parse_dec(l, "min_data", pos(l, 0), &v, err) != 0)
		return -1;
	if (v < 0 || v > 100 * DEC_ONE)
		return asl_line_error(l, err, "min_data: value \"%s\": expected a percent from 0 to 100",
		                  pos(l, 0));
	p->s->min_data = v;
	return 0;
}

static int st_impute(struct parser *p, const struct line *l, struct kfq_err *err)
{
	int i = lookup(impute_names, 4, pos(l, 0));
	if (i < 0)
		return asl_line_error(l, err, "impute: value \"%s\": expected none, mean, median or min",
		                  pos(l, 0));
	p->s->impute = (enum as_impute)i;
	return 0;
}

static int st_classes(struct parser *p, const struct line *l, struct kfq_err *err)
{
	struct as_scheme *s = p->s;
	const char *rule = pos(l, 0);
	char b1[64], b2[64];
	if (strcmp(rule, "percentile") == 0)
		s->class_rule = AS_CLASSES_PERCENTILE;
	else if (strcmp(rule, "threshold") == 0)
		s->class_rule = AS_CLASSES_THRESHOLD;
	else
		return asl_line_error(l, err, "classes: value \"%s\": expected percentile or threshold",
		                  rule);
	s->classes_line = l->no;
	s->classes = xcalloc(l->n, sizeof *s->classes);
	dec cum = 0;
	for (size_t i = 1; i < l->n; i++) {
		const struct word *w = &l->w[i];
		if (!w->key)
			continue;
		struct as_class *c = &s->classes[s->n_classes];
		if (asl_check_code(l, "class", w->key, err) != 0)
			return -1;
		if (strcmp(w->key, "T") == 0)
			return asl_line_error(l, err, "class \"T\": reserved for entities not rated: "
			                  "expected another name");
		if (asl_parse_dec(l, w->key, w->value, &c->value, err) != 0)
			return -1;
		c->name = xstrdup(w->key);
		s->n_classes++;
		if (s->class_rule == AS_CLASSES_PERCENTILE) {
			if (c->value <= 0)
				return asl_line_error(l, err, "class %s: share \"%s\": expected a percent > 0",
				                  c->name, w->value);
			if (dec_add(cum, c->value, &cum) != 0)
				return asl_line_error(l, err, "class %s: share \"%s\": too large", c->name,
				                  w->value);
			c->cumulative = cum;
		} else {
			if (c->value < 0)
				return asl_line_error(l, err, "class %s: threshold \"%s\": expected a "
				                  "score ≥ 0", c->name, w->value);
			if (s->n_classes > 1 && c->value >= s->classes[s->n_classes - 2].value)
				return asl_line_error(l, err, "class %s: threshold %s is not below class "
				                  "%s's %s: expected descending thresholds", c->name,
				                  asl_dec_text(c->value, b1, sizeof b1),
				                  s->classes[s->n_classes - 2].name,
				                  asl_dec_text(s->classes[s->n_classes - 2].value, b2,
				                           sizeof b2));
		}
	}
	if (s->n_classes == 0)
		return asl_line_error(l, err, "classes %s: no classes: expected NAME=VALUE ...", rule);
	if (s->class_rule == AS_CLASSES_PERCENTILE && cum != 100 * DEC_ONE)
		return asl_line_error(l, err, "classes percentile: shares sum to %s: expected 100",
		                  asl_dec_text(cum, b1, sizeof b1));
	if (s->class_rule == AS_CLASSES_THRESHOLD && s->classes[s->n_classes - 1].value != 0)
		return asl_line_error(l, err, "classes threshold: the last class %s has threshold %s: "
		                  "expected 0", s->classes[s->n_classes - 1].name,
		                  asl_dec_text(s->classes[s->n_classes - 1].value, b1, sizeof b1));
	return 0;
}

static int st_exclude(struct parser *p, const struct line *l, struct kfq_err *err)
{
	struct as_scheme *s = p->s;
	const char *unit = pos(l, 0), *ind = get(l, "industry"), *reason;
	if (!unit == !ind)
		return asl_line_error(l, err, "exclude: expected a unit code or industry=PREFIX "
		                  "(one of them)");
	if (require(l, "exclude", "reason", &reason, err) != 0)
		return -1;
	if (asl_check_code(l, unit ? "exclude" : "exclude industry", unit ? unit : ind, err) != 0)
		return -1;
	XGROW(s->exclusions, s->n_exclusions + 1, p->cap_excl);
	struct as_exclusion *x = &s->exclusions[s->n_exclusions++];
	x->unit = unit ? xstrdup(unit) : NULL;
	x->industry = ind ? xstrdup(ind) : NULL;
	x->reason = xstrdup(reason);
	x->line = l->no;
	return 0;
}

static int st_disqualify(struct parser *p, const struct line *l, struct kfq_err *err)
{
	struct as_scheme *s = p->s;
	const char *unit = pos(l, 0), *reason;
	if (asl_check_code(l, "disqualify", unit, err) != 0 ||
	    require(l, "disqualify", "reason", &reason, err) != 0)
		return -1;
	for (size_t i = 0; i < s->n_disqualified; i++)
		if (strcmp(s->disqualified[i].unit, unit) == 0)
			return asl_line_error(l, err, "disqualify: unit \"%s\" already disqualified at "
			                  "line %d: expected each unit once", unit,
			                  s->disqualified[i].line);
	XGROW(s->disqualified, s->n_disqualified + 1, p->cap_disq);
	struct as_disqualify *d = &s->disqualified[s->n_disqualified++];
	d->unit = xstrdup(unit);
	d->reason = xstrdup(reason);
	d->line = l->no;
	return 0;
}

static int st_rule(struct parser *p, const struct line *l, struct kfq_err *err)
{
	struct as_scheme *s = p->s;
	const char *last, *years, *reason;
	struct as_rule r = { 0 };
	if (require(l, "rule", "last", &last, err) != 0 ||
	    asl_parse_int(l, "rule last", last, 1, 1000000, &r.last, err) != 0 ||
	    require(l, "rule", "years", &years, err) != 0 ||
	    asl_parse_int(l, "rule years", years, 1, 100, &r.years, err) != 0 ||
	    require(l, "rule", "reason", &reason, err) != 0)
		return -1;
	r.reason = xstrdup(reason);
	r.line = l->no;
	XGROW(s->rules, s->n_rules + 1, p->cap_rules);
	s->rules[s->n_rules++] = r;
	return 0;
}

static int st_sensitivity(struct parser *p, const struct line *l, struct kfq_err *err)
{
	struct as_sensitivity *x = &p->s->sens;
	const char *v;
	x->line = l->no;
	if ((v = get(l, "weights"))) {
		if (asl_parse_num(l, "sensitivity weights", v, &x->weights, err) != 0)
			return -1;
		if (x->weights < 0 || x->weights >= 100)
			return asl_line_error(l, err, "sensitivity weights: value \"%s\": expected a "
			                  "percent from 0 to below 100", v);
	}
	if ((v = get(l, "norm"))) {
		char **names;
		size_t n = split_list(v, &names);
		for (size_t i = 0; i < n; i++) {
			int k = lookup(norm_names, AS_N_NORMS, names[i]);
			if (k < 0 || k > AS_RANK) {
				asl_line_error(l, err, "sensitivity norm: value \"%s\": expected minmax, "
				           "zscore or rank (comma-separated)", names[i]);
				free_list(names, n);
				return -1;
			}
			x->norms |= 1u << k;
		}
		free_list(names, n);
	}
	if ((v = get(l, "agg"))) {
		char **names;
		size_t n = split_list(v, &names);
		for (size_t i = 0; i < n; i++) {
			int k = lookup(agg_names, 2, names[i]);
			if (k < 0) {
				asl_line_error(l, err, "sensitivity agg: value \"%s\": expected arithmetic "
				           "or geometric (comma-separated)", names[i]);
				free_list(names, n);
				return -1;
			}
			x->aggs |= 1u << k;
		}
		free_list(names, n);
	}
	return 0;
}

static int st_regions(struct parser *p, const struct line *l, struct kfq_err *err)
{
	struct as_scheme *s = p->s;
	const char *v;
	char **names;
	if (require(l, "regions", "group", &v, err) != 0)
		return -1;
	size_t n = split_list(v, &names);
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
	free_list(names, n);
	return 0;
fail:
	free_list(names, n);
	return -1;
}

static int st_weights(struct parser *p, const struct line *l, struct kfq_err *err)
{
	const char *rg;
	if (require(l, "weights", "region", &rg, err) != 0)
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
	free_list(x.codes, x.n);
	free(x.w);
	return -1;
}

static void free_ws(struct parser *p)
{
	for (size_t k = 0; k < p->n_ws; k++) {
		free(p->ws[k].region);
		free_list(p->ws[k].codes, p->ws[k].n);
		free(p->ws[k].w);
	}
	free(p->ws);
}

/* A new node with the keys common to pillars and indicators. */
static int new_node(struct parser *p, const struct line *l, enum as_kind kind,
                    struct as_node **out, struct kfq_err *err)
{
	struct as_scheme *s = p->s;
	const char *what = kind == AS_PILLAR ? "pillar" : "indicator";
	const char *code = pos(l, 0), *v;
	if (asl_check_code(l, what, code, err) != 0)
		return -1;
	for (size_t i = 0; i < s->n_nodes; i++)
		if (strcmp(s->nodes[i].code, code) == 0)
			return asl_line_error(l, err, "%s: code \"%s\" already used at line %d: expected "
			                  "a unique code", what, code, s->nodes[i].line);
	dec w;
	if (require(l, what, "weight", &v, err) != 0 || asl_parse_dec(l, "weight", v, &w, err) != 0)
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
	p->parents[s->n_nodes] = (v = get(l, "parent")) ? xstrdup(v) : NULL;
	s->n_nodes++;
	n->kind = kind;
	n->code = xstrdup(code);
	n->name = (v = get(l, "name")) ? xstrdup(v) : NULL;
	n->line = l->no;
	n->parent = -1;
	n->weight = w;
	n->leaf = -1;
	*out = n;
	return 0;
}

static int st_pillar(struct parser *p, const struct line *l, struct kfq_err *err)
{
	struct as_node *n;
	const char *v;
	if (new_node(p, l, AS_PILLAR, &n, err) != 0)
		return -1;
	if ((v = get(l, "agg")))
		return parse_agg(l, "agg", v, &n->agg, err);
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

static int st_indicator(struct parser *p, const struct line *l, struct kfq_err *err)
{
	struct as_node *n;
	const char *v, *code = pos(l, 0);
	int k;
	if (new_node(p, l, AS_INDICATOR, &n, err) != 0)
		return -1;
	if (require(l, "indicator", "source", &v, err) != 0)
		return -1;
	n->source = xstrdup(v);
	if ((v = get(l, "per")))
		n->per = xstrdup(v);
	if (require(l, "indicator", "dir", &v, err) != 0)
		return -1;
	if ((k = lookup(dir_names, 2, v)) < 0)
		return asl_line_error(l, err, "indicator %s: dir \"%s\": expected higher or lower",
		                  code, v);
	n->dir = (enum as_dir)k;
	if (require(l, "indicator", "norm", &v, err) != 0)
		return -1;
	if ((k = lookup(norm_names, AS_N_NORMS, v)) < 0)
		return asl_line_error(l, err, "indicator %s: norm \"%s\": expected minmax, zscore, rank, "
		                  "ratio, target or goalposts", code, v);
	n->norm = (enum as_norm)k;
	for (size_t i = 0; i < sizeof norm_keys / sizeof norm_keys[0]; i++)
		if (get(l, norm_keys[i].key) && n->norm != norm_keys[i].norm)
			return asl_line_error(l, err, "indicator %s: %s= with norm=%s: expected %s= only "
			                  "with norm=%s", code, norm_keys[i].key, norm_names[n->norm],
			                  norm_keys[i].key, norm_names[norm_keys[i].norm]);
	switch (n->norm) {
	case AS_RATIO:
		if (require(l, "indicator", "benchmark", &v, err) != 0)
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
		if (require(l, "indicator", "target", &v, err) != 0 ||
		    asl_parse_num(l, "target", v, &n->target, err) != 0)
			return -1;
		if (n->target <= 0)
			return asl_line_error(l, err, "indicator %s: target \"%s\": expected a number > 0",
			                  code, v);
		break;
	case AS_GOALPOSTS: {
		const char *lo, *hi;
		if (require(l, "indicator", "lo", &lo, err) != 0 ||
		    asl_parse_num(l, "lo", lo, &n->lo, err) != 0 ||
		    require(l, "indicator", "hi", &hi, err) != 0 ||
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
	if ((v = get(l, "cap"))) {
		if (asl_parse_num(l, "cap", v, &n->cap, err) != 0)
			return -1;
		n->has_cap = 1;
	}
	if ((v = get(l, "winsor"))) {
		if (asl_parse_num(l, "winsor", v, &n->winsor, err) != 0)
			return -1;
		if (!(n->winsor > 0 && n->winsor < 50))
			return asl_line_error(l, err, "indicator %s: winsor \"%s\": expected a percent "
			                  "P with 0 < P < 50", code, v);
	}
	return 0;
}

static const struct stmt stmts[] = {
	{ "scheme", 1, 1, "", 1, st_scheme },
	{ "version", 1, 1, "", 1, st_version },
	{ "name", 1, 1, "", 1, st_name },
	{ "entities", 0, 0, "kind under also", 1, st_entities },
	{ "decimals", 1, 1, "", 1, st_decimals },
	{ "aggregate", 1, 1, "", 1, st_aggregate },
	{ "min_data", 1, 1, "", 1, st_min_data },
	{ "impute", 1, 1, "", 1, st_impute },
	{ "classes", 1, 1, "", 1, st_classes },   /* NAME=VALUE keys, checked by st_classes */
	{ "exclude", 0, 1, "industry reason", 0, st_exclude },
	{ "disqualify", 1, 1, "reason", 0, st_disqualify },
	{ "rule", 0, 0, "last years reason", 0, st_rule },
	{ "sensitivity", 0, 0, "weights norm agg", 1, st_sensitivity },
	{ "regions", 0, 0, "group", 1, st_regions },
	{ "weights", 0, 0, "region", 0, st_weights },   /* CODE=W keys, checked by st_weights */
	{ "pillar", 1, 1, "parent weight name agg", 0, st_pillar },
	{ "indicator", 1, 1,
	  "parent weight name source per dir norm benchmark target lo hi cap winsor", 0,
	  st_indicator },
};
#define N_STMTS (sizeof stmts / sizeof stmts[0])

/* Is k one of the space-separated words of list? */
static int in_list(const char *list, const char *k)
{
	size_t n = strlen(k);
	for (const char *p = list; *p;) {
		const char *e = strchr(p, ' ');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		if (len == n && memcmp(p, k, n) == 0)
			return 1;
		p += len;
		while (*p == ' ')
			p++;
	}
	return 0;
}

static int run_statement(struct parser *p, const struct line *l, int first,
                         struct kfq_err *err)
{
	const char *kw = l->w[0].value;
	size_t i;
	if (l->w[0].key)
		return asl_line_error(l, err, "\"%s=%s\": expected a statement keyword first",
		                  l->w[0].key, l->w[0].value);
	for (i = 0; i < N_STMTS; i++)
		if (strcmp(stmts[i].name, kw) == 0)
			break;
	if (i == N_STMTS)
		return asl_line_error(l, err, "unknown statement \"%s\": expected scheme, version, name, "
		                  "entities, decimals, aggregate, min_data, impute, classes, "
		                  "exclude, disqualify, rule, sensitivity, regions, weights, pillar or "
		                  "indicator", kw);
	const struct stmt *st = &stmts[i];
	if (first && i != 0)
		return asl_line_error(l, err, "first statement \"%s\": expected \"scheme CODE\" first",
		                  kw);
	if (st->once && p->seen[i])
		return asl_line_error(l, err, "%s given twice (first at line %d): expected it once",
		                  kw, p->seen[i]);
	p->seen[i] = l->no;
	int npos = 0;
	for (size_t j = 1; j < l->n; j++) {
		const struct word *w = &l->w[j];
		if (!w->key) {
			npos++;
			continue;
		}
		if (st->fn != st_classes && st->fn != st_weights && !in_list(st->keys, w->key))
			return asl_line_error(l, err, "%s: unknown key \"%s\": expected %s%s", kw, w->key,
			                  *st->keys ? "one of: " : "no keys", st->keys);
		for (size_t k = 1; k < j; k++)
			if (l->w[k].key && strcmp(l->w[k].key, w->key) == 0)
				return asl_line_error(l, err, "%s: key \"%s\" given twice: expected it once",
				                  kw, w->key);
	}
	if (npos < st->min_pos || npos > st->max_pos) {
		if (st->max_pos == 0)
			return asl_line_error(l, err, "%s: word \"%s\": expected only key=value pairs "
			                  "(%s)", kw, pos(l, 0), st->keys);
		if (npos > st->max_pos)
			return asl_line_error(l, err, "%s: extra word \"%s\": expected %d word%s after "
			                  "\"%s\"", kw, pos(l, (size_t)st->max_pos), st->max_pos,
			                  st->max_pos == 1 ? "" : "s", kw);
		return asl_line_error(l, err, "%s: missing value: expected \"%s VALUE\"", kw, kw);
	}
	return st->fn(p, l, err);
}

/* ---- the whole file ---- */

int as_scheme_parse(const char *text, size_t len, const char *file, struct as_scheme *out,
                    struct kfq_err *err)
{
	struct as_scheme s = { 0 };
	struct parser p = { 0 };
	struct line l = { 0 };
	const char *at = text, *end = text + len;
	int first = 1, no = 0, first_line = 1;

	s.file = xstrdup(file ? file : "(scheme)");
	s.text = xstrndup(text, len);
	s.decimals = 2;
	s.min_data = 100 * DEC_ONE;
	s.sens.weights = 20;
	p.s = &s;
	l.file = s.file;
	memset(out, 0, sizeof *out);
	while (at < end) {
		const char *nl = memchr(at, '\n', (size_t)(end - at));
		const char *eol = nl ? nl : end;
		no++;
		l.no = no;
		if (memchr(at, '\0', (size_t)(eol - at))) {
			asl_line_error(&l, err, "a NUL byte: expected text");
			goto fail;
		}
		if (asl_split_line(&l, at, eol, err) != 0)
			goto fail;
		at = nl ? nl + 1 : end;
		if (l.n == 0)
			continue;
		if (first)
			first_line = no;
		if (run_statement(&p, &l, first, err) != 0)
			goto fail;
		first = 0;
		asl_free_words(&l);
	}
	l.no = first_line;
	if (first) {
		asl_line_error(&l, err, "empty scheme: expected \"scheme CODE\" first");
		goto fail;
	}
	if (!s.version) {
		asl_line_error(&l, err, "scheme %s has no version statement: expected \"version V\"",
		           s.code);
		goto fail;
	}
	if (as_scheme_tree(&s, p.parents, err) != 0 ||
	    as_scheme_regions(&s, p.ws, p.n_ws, err) != 0)
		goto fail;
	for (size_t i = 0; i < s.n_nodes; i++)
		free(p.parents[i]);
	free(p.parents);
	free_ws(&p);
	*out = s;
	return 0;
fail:
	asl_free_words(&l);
	for (size_t i = 0; i < s.n_nodes; i++)
		free(p.parents[i]);
	free(p.parents);
	free_ws(&p);
	as_scheme_release(&s);
	return -1;
}

int as_scheme_load(const char *path, struct as_scheme *out, struct kfq_err *err)
{
	FILE *f = fopen(path, "rb");
	struct sbuf sb;
	char buf[8192];
	size_t n;
	memset(out, 0, sizeof *out);
	if (!f)
		return kfq_error(err, "%s: cannot open the scheme: %s", path, strerror(errno));
	sbuf_init(&sb);
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		sbuf_add(&sb, buf, n);
	if (ferror(f)) {
		int e = errno;
		fclose(f);
		sbuf_release(&sb);
		return kfq_error(err, "%s: cannot read the scheme: %s", path, strerror(e));
	}
	fclose(f);
	int rc = as_scheme_parse(sb.buf ? sb.buf : "", sb.len, path, out, err);
	sbuf_release(&sb);
	return rc;
}

void as_scheme_release(struct as_scheme *s)
{
	free(s->file);
	free(s->text);
	free(s->code);
	free(s->version);
	free(s->name);
	free(s->entities.kind);
	free(s->entities.under);
	free_list(s->entities.also, s->entities.n_also);
	for (size_t i = 0; i < s->n_classes; i++)
		free(s->classes[i].name);
	free(s->classes);
	for (size_t i = 0; i < s->n_exclusions; i++) {
		free(s->exclusions[i].unit);
		free(s->exclusions[i].industry);
		free(s->exclusions[i].reason);
	}
	free(s->exclusions);
	for (size_t i = 0; i < s->n_disqualified; i++) {
		free(s->disqualified[i].unit);
		free(s->disqualified[i].reason);
	}
	free(s->disqualified);
	for (size_t i = 0; i < s->n_rules; i++)
		free(s->rules[i].reason);
	free(s->rules);
	for (size_t i = 0; i < s->n_nodes; i++) {
		struct as_node *n = &s->nodes[i];
		free(n->code);
		free(n->name);
		free(n->children);
		free(n->source);
		free(n->per);
	}
	for (size_t k = 0; k < s->n_regions; k++) {
		free(s->regions[k].code);
		free(s->regions[k].weight);
		free(s->regions[k].wnorm);
	}
	free(s->regions);
	free(s->wnorm);
	free(s->nodes);
	free(s->roots);
	free(s->leaves);
	free(s->post);
	memset(s, 0, sizeof *s);
}
