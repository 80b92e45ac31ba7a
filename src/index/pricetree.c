/* pricetree.c: the upper levels of the price index (see priceindex.h): the
 * category tree and its weights, price-updated Lowe aggregation, chaining
 * every December, rebasing, changes, contributions and their rounding for
 * publication. Elementary indices come from priceindex.c. Depends on base
 * only. */
#include "index/priceindex.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

/* ---- the tree ---- */

int pi_tree_check(const struct pi_tree *tr, size_t nea, struct kfq_err *err)
{
	const struct pi_node *nd = tr->node;
	if (tr->n == 0)
		return kfq_error(err, "the category tree is empty");
	if (nd[0].parent != -1)
		return kfq_error(err, "category \"%s\": the first category must be the root "
		                 "(no parent)", nd[0].code);
	double *sum = xcalloc(tr->n, sizeof *sum);
	size_t *nchild = xcalloc(tr->n, sizeof *nchild);
	char *seen = xcalloc(nea ? nea : 1, 1);
	int rc = 0;
	for (size_t i = 0; i < tr->n && rc == 0; i++) {
		if (!(nd[i].weight > 0) || !isfinite(nd[i].weight))
			rc = kfq_error(err, "category \"%s\": weight %g: expected a positive number",
			               nd[i].code, nd[i].weight);
		else if (i > 0 && (nd[i].parent < 0 || (size_t)nd[i].parent >= i))
			rc = kfq_error(err, "category \"%s\": its parent must be a category listed "
			               "before it", nd[i].code);
		else if (i > 0) {
			sum[nd[i].parent] += nd[i].weight;
			nchild[nd[i].parent]++;
		}
	}
	for (size_t i = 0; i < tr->n && rc == 0; i++) {
		long ea = nd[i].ea;
		if (nchild[i] > 0 && ea >= 0)
			rc = kfq_error(err, "category \"%s\" has subcategories, so it cannot be an "
			               "elementary aggregate", nd[i].code);
		else if (nchild[i] == 0 && (ea < 0 || (size_t)ea >= nea))
			rc = kfq_error(err, "category \"%s\" has no subcategories, so it must name one "
			               "of the %zu elementary aggregates", nd[i].code, nea);
		else if (nchild[i] == 0 && seen[ea]++)
			rc = kfq_error(err, "category \"%s\": its elementary aggregate belongs to another "
			               "category too", nd[i].code);
		else if (nchild[i] > 0 && fabs(sum[i] - nd[i].weight) > 1e-9 * nd[i].weight)
			rc = kfq_error(err, "category \"%s\": the weights of its subcategories sum to "
			               "%.10g, not to its own weight %.10g", nd[i].code, sum[i],
			               nd[i].weight);
	}
	free(sum);
	free(nchild);
	free(seen);
	return rc;
}

/* ---- the series ---- */

void pi_chain(const double *rel, const size_t *link, size_t n, double *level)
{
	if (n == 0)
		return;
	level[0] = 100;
	for (size_t t = 1; t < n; t++)
		level[t] = level[link[t]] * rel[t];
}

void pi_series_release(struct pi_series *s)
{
	free(s->level);
	free(s->link);
	free(s->seg);
	free(s->eff);
	free(s->parent);
	memset(s, 0, sizeof *s);
}

/* Segments: month 0 up to the first December, then each year to its
 * December; a December that is the last month starts no segment. */
static size_t segment(const struct pi_panel *p, size_t *link, size_t *seg)
{
	size_t cur = 0, sg = 0;
	link[0] = 0;
	seg[0] = 0;
	for (size_t t = 1; t < p->nper; t++) {
		link[t] = cur;
		seg[t] = sg;
		if ((p->first_month - 1 + t) % 12 == 11 && t + 1 < p->nper) {
			cur = t;
			sg++;
		}
	}
	return sg + 1;
}

/* The price-updated weights of segment sg (link month L) into eff. */
static int segment_weights(struct pi_series *s, const struct pi_tree *tr, size_t nea,
                           const struct pi_config *cfg, const double *ealevel, size_t nper,
                           size_t sg, size_t L, struct kfq_err *err)
{
	struct pi_weights wt = { NULL, 0, 0 };
	if (cfg->seg)
		wt = cfg->seg[sg];
	if (wt.wref_n == 0) {
		wt.wref_from = 0;
		wt.wref_n = 1;
	}
	if (wt.wref_from + wt.wref_n > nper)
		return kfq_error(err, "year segment %zu: the weights' reference period (months %zu to "
		                 "%zu) is outside the %zu months", sg + 1, wt.wref_from,
		                 wt.wref_from + wt.wref_n - 1, nper);
	if (wt.w) {
		struct pi_node *copy = xmalloc(tr->n * sizeof *copy);
		memcpy(copy, tr->node, tr->n * sizeof *copy);
		for (size_t i = 0; i < tr->n; i++)
			copy[i].weight = wt.w[i];
		struct pi_tree t2 = { copy, tr->n };
		int rc = pi_tree_check(&t2, nea, err);
		free(copy);
		if (rc < 0)
			return kfq_err_prefix(err, "weights of year segment %zu", sg + 1);
	}
	double *eff = s->eff;
	for (size_t i = tr->n; i-- > 0;)
		if (tr->node[i].ea >= 0) {
			const double *lv = ealevel + (size_t)tr->node[i].ea * nper;
			double mean = 0;
			for (size_t t = wt.wref_from; t < wt.wref_from + wt.wref_n; t++)
				mean += lv[t];
			mean /= (double)wt.wref_n;
			double w = wt.w ? wt.w[i] : tr->node[i].weight;
			eff[i * s->nseg + sg] = w * lv[L] / mean;
		}
	for (size_t i = tr->n; i-- > 1;)
		eff[(size_t)tr->node[i].parent * s->nseg + sg] += eff[i * s->nseg + sg];
	return 0;
}

/* ---- aggregates with no price: imputed from the parent ---- */

/* Whether node a is node i or above it. */
static int node_under(const struct pi_tree *tr, long i, long a)
{
	for (; i >= 0; i = tr->node[i].parent)
		if (i == a)
			return 1;
	return 0;
}

int pi_impute_parents(struct pi_panel *p, const struct pi_tree *tr, const struct pi_config *cfg,
                      int max_run, struct pi_report *rep, struct kfq_err *err)
{
	size_t nper = p->nper, nea = p->nea, nn = tr->n;
	struct pi_series s;
	double *lv, *rel;
	long *node_of;
	unsigned char *has;
	int rc = 0;

	if (nper < 2 || nea == 0)
		return 0;
	if (pi_tree_check(tr, nea, err) < 0)
		return -1;
	memset(&s, 0, sizeof s);
	s.nnode = nn;
	s.nper = nper;
	s.link = xmalloc(nper * sizeof *s.link);
	s.seg = xmalloc(nper * sizeof *s.seg);
	s.nseg = segment(p, s.link, s.seg);
	if (cfg->seg && cfg->nseg < s.nseg) {
		free(s.link);
		free(s.seg);
		return kfq_error(err, "%zu weight sets given for %zu year segments", cfg->nseg, s.nseg);
	}
	s.eff = xcalloc(nn * s.nseg, sizeof *s.eff);
	lv = xmalloc(nea * nper * sizeof *lv);     /* each aggregate's level */
	rel = xmalloc(nea * nper * sizeof *rel);   /* ... and relative to its link month */
	has = xmalloc(nea);
	node_of = xmalloc(nea * sizeof *node_of);
	for (size_t e = 0; e < nea; e++) {
		lv[e * nper] = 100;
		rel[e * nper] = 1;
		node_of[e] = -1;
	}
	for (size_t i = 0; i < nn; i++)
		if (tr->node[i].ea >= 0)
			node_of[tr->node[i].ea] = (long)i;
	for (size_t t = 1; t < nper && rc == 0; t++) {
		size_t L = s.link[t], sg = s.seg[t];
		if (t == 1 || s.seg[t - 1] != sg) {
			memset(s.eff, 0, nn * s.nseg * sizeof *s.eff);
			rc = segment_weights(&s, tr, nea, cfg, lv, nper, sg, L, err);
			if (rc < 0)
				break;
		}
		for (size_t e = 0; e < nea && rc == 0; e++) {
			size_t n = 0;
			double r = 1;
			rc = pi_impute(p, e, cfg->formula, t, max_run, rep, err);
			if (rc == 0)
				rc = pi_elementary_matched(p, e, cfg->formula, L, t, 0, &r, &n, err);
			has[e] = n > 0;
			rel[e * nper + t] = r;
		}
		for (size_t e = 0; e < nea && rc == 0; e++) {
			double prev = t - 1 == L ? 1 : rel[e * nper + t - 1], m = 0;
			long a = node_of[e];
			int found = 0, carried = 0;
			if (has[e])
				continue;
			/* the nearest ancestor with aggregates that have a price */
			while (!found && a >= 0 && (a = tr->node[a].parent) >= 0) {
				double num = 0, den = 0;
				for (size_t k = 0; k < nea; k++) {
					if (!has[k] || node_of[k] < 0 || !node_under(tr, node_of[k], a))
						continue;
					double pk = t - 1 == L ? 1 : rel[k * nper + t - 1];
					double w = s.eff[(size_t)node_of[k] * s.nseg + sg] * pk;
					num += w * rel[k * nper + t] / pk;
					den += w;
				}
				if (den > 0) {
					m = num / den;
					found = 1;
				}
			}
			if (!found) {
				rc = kfq_error(err, "elementary aggregate \"%s\", month %zu: no price, and no "
				               "aggregate above it has one to impute it from", p->ea_name[e], t);
				break;
			}
			carried = pi_impute_by(p, e, t, m, rep) > 0;
			if (!carried) {
				rc = kfq_error(err, "elementary aggregate \"%s\", month %zu: no price, and no "
				               "item of it priced in month %zu to impute from its parent",
				               p->ea_name[e], t, t - 1);
				break;
			}
			rel[e * nper + t] = prev * m;
		}
		for (size_t e = 0; e < nea && rc == 0; e++)
			lv[e * nper + t] = lv[e * nper + L] * rel[e * nper + t];
	}
	free(node_of);
	free(has);
	free(rel);
	free(lv);
	free(s.eff);
	free(s.link);
	free(s.seg);
	return rc;
}

int pi_series_compute(struct pi_series *s, const struct pi_panel *p, const struct pi_tree *tr,
                      const struct pi_config *cfg, struct kfq_err *err)
{
	memset(s, 0, sizeof *s);
	if (p->nper == 0)
		return kfq_error(err, "the price panel has no months");
	if (p->first_month < 1 || p->first_month > 12)
		return kfq_error(err, "first month %d: expected 1 to 12", p->first_month);
	if (pi_tree_check(tr, p->nea, err) < 0)
		return -1;
	size_t nper = p->nper, nn = tr->n;
	s->nnode = nn;
	s->nper = nper;
	s->link = xmalloc(nper * sizeof *s->link);
	s->seg = xmalloc(nper * sizeof *s->seg);
	s->nseg = segment(p, s->link, s->seg);
	if (cfg->seg && cfg->nseg < s->nseg) {
		pi_series_release(s);
		return kfq_error(err, "%zu weight sets given for %zu year segments", cfg->nseg,
		                 s->nseg);
	}
	s->level = xmalloc(nn * nper * sizeof *s->level);
	s->eff = xcalloc(nn * s->nseg, sizeof *s->eff);
	s->parent = xmalloc(nn * sizeof *s->parent);
	for (size_t i = 0; i < nn; i++)
		s->parent[i] = tr->node[i].parent;

	/* Elementary levels: each month on its link month, chained. */
	double *ealevel = xmalloc((p->nea ? p->nea : 1) * nper * sizeof *ealevel);
	double *rel = xmalloc(nn * nper * sizeof *rel);
	int rc = 0;
	for (size_t e = 0; e < p->nea && rc == 0; e++) {
		double *r = rel; /* scratch: one aggregate's relatives */
		r[0] = 1;
		for (size_t t = 1; t < nper && rc == 0; t++)
			rc = pi_elementary(p, e, cfg->formula, s->link[t], t, &r[t], err);
		if (rc == 0)
			pi_chain(r, s->link, nper, ealevel + e * nper);
	}
	for (size_t sg = 0, t = 0; rc == 0 && t < nper; t++)
		if (t == 0 || s->seg[t] != sg) {
			sg = s->seg[t];
			rc = segment_weights(s, tr, p->nea, cfg, ealevel, nper, sg, s->link[t], err);
		}
	if (rc == 0) {
		/* Relatives to the link month, bottom-up: a parent's is the
		 * weighted mean of its children's. */
		memset(rel, 0, nn * nper * sizeof *rel);
		for (size_t i = nn; i-- > 0;) {
			double *ri = rel + i * nper;
			if (tr->node[i].ea >= 0) {
				const double *lv = ealevel + (size_t)tr->node[i].ea * nper;
				for (size_t t = 0; t < nper; t++)
					ri[t] = lv[t] / lv[s->link[t]];
			} else {
				for (size_t t = 0; t < nper; t++)
					ri[t] /= s->eff[i * s->nseg + s->seg[t]];
			}
			if (i == 0)
				continue;
			size_t par = (size_t)tr->node[i].parent;
			for (size_t t = 0; t < nper; t++)
				rel[par * nper + t] += s->eff[i * s->nseg + s->seg[t]] * ri[t];
		}
		for (size_t i = 0; i < nn; i++)
			pi_chain(rel + i * nper, s->link, nper, s->level + i * nper);
	}
	free(rel);
	free(ealevel);
	if (rc < 0)
		pi_series_release(s);
	return rc;
}

int pi_rebase(struct pi_series *s, size_t from, size_t n, struct kfq_err *err)
{
	if (n == 0 || from + n > s->nper)
		return kfq_error(err, "rebasing to months %zu to %zu: the series has months 0 to %zu",
		                 from, from + n - 1, s->nper - 1);
	for (size_t i = 0; i < s->nnode; i++) {
		double *lv = s->level + i * s->nper, mean = 0;
		for (size_t t = from; t < from + n; t++)
			mean += lv[t];
		mean /= (double)n;
		for (size_t t = 0; t < s->nper; t++)
			lv[t] = lv[t] / mean * 100;
	}
	return 0;
}

int pi_change(const struct pi_series *s, size_t node, size_t a, size_t b, double *pct,
              struct kfq_err *err)
{
	if (node >= s->nnode)
		return kfq_fault(err, "price index: no category %zu", node);
	if (a >= s->nper || b >= s->nper)
		return kfq_error(err, "change from month %zu to month %zu: the series has months 0 "
		                 "to %zu", a, b, s->nper - 1);
	const double *lv = s->level + node * s->nper;
	*pct = (lv[b] / lv[a] - 1) * 100;
	return 0;
}

/* ---- contributions ---- */

static double lvl(const struct pi_series *s, size_t node, size_t t)
{
	return s->level[node * s->nper + t];
}

/* c is a child of node, or (deep) any descendant. */
static int below(const struct pi_series *s, size_t c, size_t node, int deep)
{
	long p = s->parent[c];
	if (!deep)
		return p == (long)node;
	for (; p >= 0; p = s->parent[p])
		if (p == (long)node)
			return 1;
	return 0;
}

static void contrib(const struct pi_series *s, size_t node, size_t a, size_t b, double *pp,
                    int deep)
{
	size_t L = s->link[b], sg = s->seg[b];
	if (a >= L) {
		double R = lvl(s, node, a) / lvl(s, node, L);
		double W = s->eff[node * s->nseg + sg];
		for (size_t c = node + 1; c < s->nnode; c++) {
			if (!below(s, c, node, deep))
				continue;
			double rb = lvl(s, c, b) / lvl(s, c, L), ra = lvl(s, c, a) / lvl(s, c, L);
			pp[c] = s->eff[c * s->nseg + sg] * (rb - ra) / (W * R) * 100;
		}
		return;
	}
	/* Across the link month L, Eurostat's Ribe decomposition (HICP
	 * methodological manual): the contribution to the change from a up to
	 * L, plus the contribution to the change after L (in points of the
	 * level at L) scaled by L(L) / L(a), the parent's levels; the two add
	 * up to the change from a to b. */
	double *before = xcalloc(s->nnode, sizeof *before);
	contrib(s, node, a, L, before, deep);
	contrib(s, node, L, b, pp, deep);
	double scale = lvl(s, node, L) / lvl(s, node, a);
	for (size_t c = node + 1; c < s->nnode; c++)
		if (below(s, c, node, deep))
			pp[c] = before[c] + pp[c] * scale;
	free(before);
}

static int contributions(const struct pi_series *s, size_t node, size_t a, size_t b, double *pp,
                         int deep, struct kfq_err *err)
{
	if (node >= s->nnode)
		return kfq_fault(err, "price index: no category %zu", node);
	if (a >= b || b >= s->nper)
		return kfq_error(err, "contributions from month %zu to month %zu: expected an earlier "
		                 "and a later month within months 0 to %zu", a, b, s->nper - 1);
	contrib(s, node, a, b, pp, deep);
	return 0;
}

int pi_contributions(const struct pi_series *s, size_t node, size_t a, size_t b, double *pp,
                     struct kfq_err *err)
{
	return contributions(s, node, a, b, pp, 0, err);
}

int pi_contributions_deep(const struct pi_series *s, size_t node, size_t a, size_t b, double *pp,
                          struct kfq_err *err)
{
	return contributions(s, node, a, b, pp, 1, err);
}

/* ---- rounding for publication ---- */

/* x × 10^decimals, snapped to the nearest integer or half when within a
 * relative 1e-9: what double arithmetic leaves as 2.4999999999 is 2.5. */
static double scaled(double x, int decimals)
{
	double y = x * pow(10, decimals);
	double h = round(y * 2) / 2;
	if (fabs(y - h) <= 1e-9 * fmax(1, fabs(y)))
		y = h;
	return y;
}

double pi_round(double x, int decimals)
{
	return round(scaled(x, decimals)) / pow(10, decimals);
}

void pi_round_contributions(const double *x, size_t n, double total, int decimals,
                            long long *units, long long *total_units)
{
	long long T = llround(scaled(total, decimals)), sum = 0;
	double *rem = xmalloc((n ? n : 1) * sizeof *rem);
	for (size_t i = 0; i < n; i++) {
		double y = scaled(x[i], decimals), f = floor(y);
		units[i] = (long long)f;
		rem[i] = y - f;
		sum += units[i];
	}
	char *given = xcalloc(n ? n : 1, 1);
	while (n > 0 && sum != T) {
		int up = sum < T;
		size_t best = n;
		for (size_t i = 0; i < n; i++)
			if (!given[i] && (best == n || (up ? rem[i] > rem[best] : rem[i] < rem[best])))
				best = i;
		if (best == n) { /* every part adjusted once: another round */
			memset(given, 0, n);
			continue;
		}
		given[best] = 1;
		units[best] += up ? 1 : -1;
		sum += up ? 1 : -1;
	}
	free(given);
	free(rem);
	*total_units = T;
}
