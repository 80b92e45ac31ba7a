/* scheme_rank.c: the scheme statements that decide who is rated and how a
 * ranking is read (see scheme.h): classes (percentile shares or score
 * thresholds), exclude (T: not rated), disqualify (rated, ranked last),
 * rule (the last places over years) and sensitivity (the Monte Carlo's
 * weights, normalisations and aggregations). Each checks its words and
 * fills the scheme; errors name "FILE:LINE". Dispatched from scheme.c's
 * table. Depends on base only. */
#include "assess/scheme_part.h"

#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

int asp_classes(struct parser *p, const struct line *l, struct kfq_err *err)
{
	struct as_scheme *s = p->s;
	const char *rule = asl_pos(l, 0);
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

int asp_exclude(struct parser *p, const struct line *l, struct kfq_err *err)
{
	struct as_scheme *s = p->s;
	const char *unit = asl_pos(l, 0), *ind = asl_get(l, "industry"), *reason;
	if (!unit == !ind)
		return asl_line_error(l, err, "exclude: expected a unit code or industry=PREFIX "
		                  "(one of them)");
	if (asl_require(l, "exclude", "reason", &reason, err) != 0)
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

int asp_disqualify(struct parser *p, const struct line *l, struct kfq_err *err)
{
	struct as_scheme *s = p->s;
	const char *unit = asl_pos(l, 0), *reason;
	if (asl_check_code(l, "disqualify", unit, err) != 0 ||
	    asl_require(l, "disqualify", "reason", &reason, err) != 0)
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

int asp_rule(struct parser *p, const struct line *l, struct kfq_err *err)
{
	struct as_scheme *s = p->s;
	const char *last, *years, *reason;
	struct as_rule r = { 0 };
	if (asl_require(l, "rule", "last", &last, err) != 0 ||
	    asl_parse_int(l, "rule last", last, 1, 1000000, &r.last, err) != 0 ||
	    asl_require(l, "rule", "years", &years, err) != 0 ||
	    asl_parse_int(l, "rule years", years, 1, 100, &r.years, err) != 0 ||
	    asl_require(l, "rule", "reason", &reason, err) != 0)
		return -1;
	r.reason = xstrdup(reason);
	r.line = l->no;
	XGROW(s->rules, s->n_rules + 1, p->cap_rules);
	s->rules[s->n_rules++] = r;
	return 0;
}

int asp_sensitivity(struct parser *p, const struct line *l, struct kfq_err *err)
{
	struct as_sensitivity *x = &p->s->sens;
	const char *v;
	x->line = l->no;
	if ((v = asl_get(l, "weights"))) {
		if (asl_parse_num(l, "sensitivity weights", v, &x->weights, err) != 0)
			return -1;
		if (x->weights < 0 || x->weights >= 100)
			return asl_line_error(l, err, "sensitivity weights: value \"%s\": expected a "
			                  "percent from 0 to below 100", v);
	}
	if ((v = asl_get(l, "norm"))) {
		char **names;
		size_t n = asl_split_list(v, &names);
		for (size_t i = 0; i < n; i++) {
			int k = asp_norm_parse(names[i]);
			if (k < 0 || k > AS_RANK) {
				asl_line_error(l, err, "sensitivity norm: value \"%s\": expected minmax, "
				           "zscore or rank (comma-separated)", names[i]);
				asl_free_list(names, n);
				return -1;
			}
			x->norms |= 1u << k;
		}
		asl_free_list(names, n);
	}
	if ((v = asl_get(l, "agg"))) {
		char **names;
		size_t n = asl_split_list(v, &names);
		for (size_t i = 0; i < n; i++) {
			int k = asp_agg_parse(names[i]);
			if (k < 0) {
				asl_line_error(l, err, "sensitivity agg: value \"%s\": expected arithmetic "
				           "or geometric (comma-separated)", names[i]);
				asl_free_list(names, n);
				return -1;
			}
			x->aggs |= 1u << k;
		}
		asl_free_list(names, n);
	}
	return 0;
}
