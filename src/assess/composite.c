/* composite.c: rate entities by a scheme: exclusions, missing data,
 * imputation, winsorising, normalisation, aggregation, contributions,
 * published scores, ranks and classes (see composite.h and docs/assess.md).
 * Explanations and rules are in explain.c, the Monte Carlo analysis in
 * sensitivity.c. Depends on base and assess/scheme, assess/normalise. */
#include "assess/composite.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assess/normalise.h"
#include "base/sbuf.h"
#include "base/xalloc.h"

int64_t as_publish(double x, int decimals)
{
	double y = x;
	for (int i = 0; i < decimals; i++)
		y *= 10;
	double f = floor(y);
	double tol = 1e-9 * fmax(1.0, fabs(y));
	if (fabs(y - f - 0.5) <= tol)   /* a half, as the decimal is written: away from zero */
		return (int64_t)(y > 0 ? f + 1 : f);
	return (int64_t)llround(y);
}

int as_format_score(const struct as_result *r, size_t e, char *buf, size_t n)
{
	int64_t v = r->ent[e].published, p = 1;
	for (int i = 0; i < r->decimals; i++)
		p *= 10;
	const char *sign = v < 0 ? "-" : "";
	int64_t a = v < 0 ? -v : v;
	if (r->decimals == 0)
		return snprintf(buf, n, "%s%lld", sign, (long long)a);
	return snprintf(buf, n, "%s%lld.%0*lld", sign, (long long)(a / p), r->decimals,
	                (long long)(a % p));
}

/* ---- checks and statuses ---- */

static int cmp_str_ix(const void *pa, const void *pb, void *ctx)
{
	const struct as_entity *ents = ctx;
	size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
	return strcmp(ents[a].code, ents[b].code);
}

static int check_input(const struct as_scheme *s, const struct as_input *in,
                       struct kfq_err *err)
{
	if (in->n_leaves != s->n_leaves)
		return kfq_fault(err, "assessment input has %zu indicator columns, scheme %s has "
		                 "%zu", in->n_leaves, s->code, s->n_leaves);
	if (in->n_entities == 0)
		return kfq_error(err, "%s: no entities to rate: expected at least one", s->file);
	size_t *ix = xcalloc(in->n_entities, sizeof *ix);
	for (size_t e = 0; e < in->n_entities; e++) {
		if (!in->entities[e].code || !in->entities[e].code[0]) {
			free(ix);
			return kfq_error(err, "%s: entity #%zu has no code: expected a code",
			                 s->file, e + 1);
		}
		ix[e] = e;
	}
	qsort_r(ix, in->n_entities, sizeof *ix, cmp_str_ix, (void *)in->entities);
	for (size_t i = 1; i < in->n_entities; i++)
		if (strcmp(in->entities[ix[i]].code, in->entities[ix[i - 1]].code) == 0) {
			const char *c = in->entities[ix[i]].code;
			free(ix);
			return kfq_error(err, "%s: entity %s given twice: expected each entity once",
			                 s->file, c);
		}
	free(ix);
	for (size_t e = 0; e < in->n_entities; e++) {
		const char *rg = in->entities[e].region;
		if (rg && as_scheme_region(s, rg) < 0)
			return kfq_error(err, "%s: entity %s: region \"%s\": not one of the scheme's "
			                 "regions (regions statement%s)", s->file, in->entities[e].code,
			                 rg, s->n_regions ? "" : " absent");
	}
	for (size_t e = 0; e < in->n_entities; e++)
		for (size_t j = 0; j < s->n_leaves; j++)
			if (in->present[e * s->n_leaves + j] &&
			    !isfinite(in->values[e * s->n_leaves + j]))
				return kfq_error(err, "%s:%d: entity %s: indicator %s: value %g: expected "
				                 "a finite number", s->file, s->nodes[s->leaves[j]].line,
				                 in->entities[e].code, s->nodes[s->leaves[j]].code,
				                 in->values[e * s->n_leaves + j]);
	return 0;
}

static int prefix_of(const char *prefix, const char *s)
{
	return s && strncmp(s, prefix, strlen(prefix)) == 0;
}

/* Exclusions, data shortage, disqualification. Returns the number rated. */
static size_t set_statuses(const struct as_scheme *s, const struct as_input *in,
                           struct as_result *r)
{
	size_t rated = 0, L = s->n_leaves, nr = s->n_regions + 1;
	/* share[(region + 1) * L + j]: indicator j's effective weight in a region */
	double *share = xcalloc(nr * L + 1, sizeof *share);
	for (size_t k = 0; k < nr; k++)
		for (size_t j = 0; j < L; j++)
			share[k * L + j] = as_node_share_in(s, (int)k - 1, s->leaves[j]);
	double need = (double)s->min_data / DEC_ONE;
	for (size_t e = 0; e < in->n_entities; e++) {
		const struct as_entity *en = &in->entities[e];
		struct as_entity_result *er = &r->ent[e];
		double cov = 0;
		er->region = as_scheme_region(s, en->region);
		for (size_t j = 0; j < L; j++)
			if (in->present[e * L + j])
				cov += share[(size_t)(er->region + 1) * L + j];
		er->coverage = 100 * cov;
		er->class_ix = -1;
		for (size_t k = 0; k < s->n_exclusions; k++) {
			const struct as_exclusion *x = &s->exclusions[k];
			if ((x->unit && strcmp(x->unit, en->code) == 0) ||
			    (x->industry && prefix_of(x->industry, en->industry))) {
				er->status = AS_EXCLUDED;
				er->reason = xstrdup(x->reason);
				er->line = x->line;
				break;
			}
		}
		if (er->status == AS_RATED && (er->coverage < need - 1e-9 || cov <= 0)) {
			char b[32];
			dec_format(s->min_data, 0, -1, b, sizeof b);
			er->status = AS_DATA_SHORT;
			er->reason = xasprintf("数据不足 (%.1f%% of the weight present, %s%% required)",
			                       er->coverage, b);
		}
		if (er->status != AS_RATED) {
			er->class_name = "T";
			continue;
		}
		rated++;
		for (size_t k = 0; k < s->n_disqualified; k++)
			if (strcmp(s->disqualified[k].unit, en->code) == 0) {
				er->disqualified = 1;
				er->reason = xstrdup(s->disqualified[k].reason);
				er->line = s->disqualified[k].line;
			}
	}
	free(share);
	return rated;
}

/* ---- per indicator: impute, winsorise, normalise ---- */

static int do_indicator(const struct as_scheme *s, const struct as_input *in, size_t j,
                        struct as_result *r, double *x, double *y, size_t *who_e,
                        const char **who, struct kfq_err *err)
{
	const struct as_node *nd = &s->nodes[s->leaves[j]];
	size_t L = s->n_leaves, m = 0, missing = 0;
	for (size_t e = 0; e < in->n_entities; e++) {
		if (in->present[e * L + j])
			r->raw[e * L + j] = in->values[e * L + j];
		if (r->ent[e].status != AS_RATED)
			continue;
		if (in->present[e * L + j])
			x[m++] = in->values[e * L + j];
		else
			missing++;
	}
	if (m == 0)
		return kfq_error(err, "%s:%d: indicator %s: no rated entity has a value: expected "
		                 "at least one", s->file, nd->line, nd->code);
	if (missing && s->impute != AS_IMPUTE_NONE) {
		double v;
		if (s->impute == AS_IMPUTE_MEAN) {
			v = as_mean(x, m);
		} else if (s->impute == AS_IMPUTE_MEDIAN) {
			v = as_median(x, m, y);
		} else {
			v = x[0];
			for (size_t i = 1; i < m; i++)
				v = fmin(v, x[i]);
		}
		for (size_t e = 0; e < in->n_entities; e++)
			if (r->ent[e].status == AS_RATED && !in->present[e * L + j]) {
				r->raw[e * L + j] = v;
				r->imputed[e * L + j] = 1;
			}
	}
	/* the column over the rated entities with a value (present or imputed) */
	m = 0;
	for (size_t e = 0; e < in->n_entities; e++)
		if (r->ent[e].status == AS_RATED && !isnan(r->raw[e * L + j])) {
			who_e[m] = e;
			who[m] = in->entities[e].code;
			x[m++] = r->raw[e * L + j];
		}
	if (nd->winsor > 0) {
		memcpy(y, x, m * sizeof *x);
		as_sort_doubles(y, m);
		double lo = as_quantile(y, m, nd->winsor), hi = as_quantile(y, m, 100 - nd->winsor);
		for (size_t i = 0; i < m; i++)
			x[i] = fmin(hi, fmax(lo, x[i]));
	}
	for (size_t i = 0; i < m; i++)
		r->used[who_e[i] * L + j] = x[i];
	if (as_normalise(s, nd, nd->norm, 1, x, m, who, y, &r->benchmark[j], err) != 0)
		return -1;
	for (size_t i = 0; i < m; i++) {
		size_t e = who_e[i];
		r->norm[e * L + j] = y[i];
		r->node_score[e * r->n_nodes + s->leaves[j]] = y[i];
	}
	return 0;
}

/* ---- aggregation and contributions ---- */

static const char *node_what(const struct as_scheme *s, int i, char *buf, size_t n)
{
	if (i < 0)
		snprintf(buf, n, "the total (aggregate %s)", as_agg_name(s->aggregate));
	else
		snprintf(buf, n, "pillar %s", s->nodes[i].code);
	return buf;
}

/* Aggregate the children kids[0..nk) of node `self` (-1 = root) for entity
 * row sc (node scores): returns the score or NAN (no child present). */
static int aggregate(const struct as_scheme *s, const double *wn, int self, const size_t *kids,
                     size_t nk, enum as_agg agg, const double *sc, const char *entity,
                     double *out, struct kfq_err *err)
{
	double sw = 0, acc = 0;
	for (size_t k = 0; k < nk; k++)
		if (!isnan(sc[kids[k]]))
			sw += wn[kids[k]];
	if (sw == 0) {
		*out = NAN;
		return 0;
	}
	for (size_t k = 0; k < nk; k++) {
		double v = sc[kids[k]], a = wn[kids[k]] / sw;
		if (isnan(v))
			continue;
		if (agg == AS_ARITHMETIC) {
			acc += a * v;
		} else {
			if (!(v > 0)) {
				char b[128];
				return kfq_error(err, "%s:%d: entity %s: %s is a geometric mean but its "
				                 "child %s has the score %.6g: expected scores > 0 under a "
				                 "geometric node (use agg=arithmetic, or a normalisation "
				                 "without zeros)", s->file,
				                 self < 0 ? s->aggregate_line ? s->aggregate_line :
				                 s->code_line : s->nodes[self].line, entity,
				                 node_what(s, self, b, sizeof b), s->nodes[kids[k]].code, v);
			}
			acc += a * log(v);
		}
	}
	*out = agg == AS_ARITHMETIC ? acc : exp(acc);
	return 0;
}

/* Split contribution c of a node with score S among its children. */
static void split(const double *wn, const size_t *kids, size_t nk, enum as_agg agg,
                  double S, double c, const double *sc, double *contrib)
{
	double sw = 0;
	for (size_t k = 0; k < nk; k++)
		if (!isnan(sc[kids[k]]))
			sw += wn[kids[k]];
	double f = S != 0 ? c / S : 1;   /* arithmetic: S = 0 only below arithmetic nodes */
	double lnS = agg == AS_GEOMETRIC ? log(S) : 0;
	for (size_t k = 0; k < nk; k++) {
		size_t i = kids[k];
		double v = sc[i], a = wn[i] / sw;
		if (isnan(v))
			continue;
		if (agg == AS_ARITHMETIC)
			contrib[i] = f * a * v;
		else if (lnS != 0)
			contrib[i] = c * a * log(v) / lnS;
		else   /* S = 1: every ln s weighs nothing; split by weight */
			contrib[i] = c * a;
	}
}

static int score_entity(const struct as_scheme *s, const struct as_input *in, size_t e,
                        struct as_result *r, struct kfq_err *err)
{
	double *sc = &r->node_score[e * r->n_nodes], *ct = &r->node_contrib[e * r->n_nodes];
	const char *code = in->entities[e].code;
	const double *wn = as_scheme_wnorm(s, r->ent[e].region);
	double score;
	for (size_t k = 0; k < s->n_nodes; k++) {
		size_t i = s->post[k];
		const struct as_node *nd = &s->nodes[i];
		if (nd->kind == AS_PILLAR &&
		    aggregate(s, wn, (int)i, nd->children, nd->n_children, nd->agg, sc, code,
		              &sc[i], err) != 0)
			return -1;
	}
	if (aggregate(s, wn, -1, s->roots, s->n_roots, s->aggregate, sc, code, &score, err) != 0)
		return -1;
	r->ent[e].score = score;
	r->ent[e].published = as_publish(score, s->decimals);
	split(wn, s->roots, s->n_roots, s->aggregate, score, score, sc, ct);
	for (size_t k = s->n_nodes; k-- > 0;) {   /* parents before children */
		size_t i = s->post[k];
		const struct as_node *nd = &s->nodes[i];
		if (isnan(sc[i]))
			continue;
		if (nd->kind == AS_PILLAR)
			split(wn, nd->children, nd->n_children, nd->agg, sc[i], ct[i], sc, ct);
		else
			r->contrib[e * s->n_leaves + (size_t)nd->leaf] = ct[i];
	}
	return 0;
}

/* ---- ranks and classes ---- */

struct rk {
	const struct as_result *r;
	const struct as_input *in;
};

static int cmp_rank(const void *pa, const void *pb, void *ctx)
{
	const struct rk *k = ctx;
	size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
	const struct as_entity_result *x = &k->r->ent[a], *y = &k->r->ent[b];
	if (x->status != y->status)
		return (int)x->status - (int)y->status;
	if (x->status == AS_RATED) {
		if (x->disqualified != y->disqualified)
			return x->disqualified - y->disqualified;
		if (x->published != y->published)
			return x->published > y->published ? -1 : 1;
	}
	return strcmp(k->in->entities[a].code, k->in->entities[b].code);
}

static void rank_and_class(const struct as_scheme *s, const struct as_input *in,
                           struct as_result *r)
{
	struct rk k = { r, in };
	size_t n = in->n_entities;
	for (size_t e = 0; e < n; e++)
		r->order[e] = e;
	qsort_r(r->order, n, sizeof *r->order, cmp_rank, &k);
	for (size_t i = 0; i < n; i++) {
		struct as_entity_result *x = &r->ent[r->order[i]];
		if (x->status != AS_RATED)
			break;
		const struct as_entity_result *prev = i ? &r->ent[r->order[i - 1]] : NULL;
		if (prev && prev->disqualified == x->disqualified && prev->published == x->published)
			x->rank = prev->rank;
		else
			x->rank = (int)i + 1;
		r->n_ranked++;
		if (!x->disqualified)
			r->n_rated_clean++;
	}
	if (s->class_rule == AS_CLASSES_NONE)
		return;
	int64_t scale = 1;
	for (int d = s->decimals; d < DEC_SCALE; d++)
		scale *= 10;
	for (size_t i = 0; i < r->n_ranked; i++) {
		struct as_entity_result *x = &r->ent[r->order[i]];
		size_t c = s->n_classes - 1;
		if (!x->disqualified) {
			for (c = 0; c + 1 < s->n_classes; c++) {
				if (s->class_rule == AS_CLASSES_PERCENTILE) {
					__int128 lhs = (__int128)100 * DEC_ONE * x->rank;
					__int128 rhs = (__int128)s->classes[c].cumulative * (__int128)r->n_ranked;
					if (lhs <= rhs)
						break;
				} else if ((__int128)x->published * scale >= s->classes[c].value) {
					break;
				}
			}
		}
		x->class_ix = (int)c;
		x->class_name = s->classes[c].name;
	}
}

/* ---- the whole run ---- */

void as_result_release(struct as_result *r)
{
	if (r->ent)
		for (size_t e = 0; e < r->n_entities; e++)
			free(r->ent[e].reason);
	free(r->ent);
	free(r->node_score);
	free(r->node_contrib);
	free(r->raw);
	free(r->used);
	free(r->norm);
	free(r->contrib);
	free(r->imputed);
	free(r->benchmark);
	free(r->order);
	memset(r, 0, sizeof *r);
}

static double *nans(size_t n)
{
	double *v = xcalloc(n ? n : 1, sizeof *v);
	for (size_t i = 0; i < n; i++)
		v[i] = NAN;
	return v;
}

int as_compute(const struct as_scheme *s, const struct as_input *in, struct as_result *out,
               struct kfq_err *err)
{
	struct as_result r = { 0 };
	size_t n = in->n_entities, L = s->n_leaves, N = s->n_nodes;
	double *x = NULL, *y = NULL;
	size_t *who_e = NULL;
	const char **who = NULL;

	memset(out, 0, sizeof *out);
	if (check_input(s, in, err) != 0)
		return -1;
	r.n_entities = n;
	r.n_nodes = N;
	r.n_leaves = L;
	r.decimals = s->decimals;
	r.ent = xcalloc(n, sizeof *r.ent);
	r.node_score = nans(n * N);
	r.node_contrib = nans(n * N);
	r.raw = nans(n * L);
	r.used = nans(n * L);
	r.norm = nans(n * L);
	r.contrib = nans(n * L);
	r.imputed = xcalloc(n * L + 1, 1);
	r.benchmark = nans(L);
	r.order = xcalloc(n, sizeof *r.order);
	size_t rated = set_statuses(s, in, &r);
	if (rated == 0) {
		kfq_error(err, "%s: no entity can be rated: all %zu are excluded or short of data "
		          "(min_data): expected at least one", s->file, n);
		goto fail;
	}
	x = xcalloc(n, sizeof *x);
	y = xcalloc(n, sizeof *y);
	who_e = xcalloc(n, sizeof *who_e);
	who = xcalloc(n, sizeof *who);
	for (size_t j = 0; j < L; j++)
		if (do_indicator(s, in, j, &r, x, y, who_e, who, err) != 0)
			goto fail;
	for (size_t e = 0; e < n; e++)
		if (r.ent[e].status == AS_RATED && score_entity(s, in, e, &r, err) != 0)
			goto fail;
	rank_and_class(s, in, &r);
	free(x);
	free(y);
	free(who_e);
	free(who);
	*out = r;
	return 0;
fail:
	free(x);
	free(y);
	free(who_e);
	free(who);
	as_result_release(&r);
	return -1;
}
