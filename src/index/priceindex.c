/* priceindex.c: the panel of item prices and everything done within one
 * elementary aggregate: the Jevons, Dutot and Carli indices, imputation,
 * replacement by overlap, outlier flags, Fisher and Törnqvist (see
 * priceindex.h). The tree, chaining and contributions are in pricetree.c.
 * Depends on base only. */
#include "index/priceindex.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

static const char *const FORMULA_NAME[] = { "Jevons", "Dutot", "Carli" };

/* ---- the panel ---- */

void pi_panel_init(struct pi_panel *p, size_t nper, int first_month)
{
	memset(p, 0, sizeof *p);
	p->nper = nper;
	p->first_month = first_month;
}

void pi_panel_release(struct pi_panel *p)
{
	for (size_t i = 0; i < p->nea; i++) {
		free(p->ea_name[i]);
		free(p->ea_item[i]);
	}
	free(p->ea_item);
	free(p->ea_nitem);
	free(p->ea_item_cap);
	for (size_t i = 0; i < p->nitem; i++) {
		free(p->item[i].id);
		free(p->item[i].price);
		free(p->item[i].sales);
		free(p->item[i].status);
	}
	free(p->ea_name);
	free(p->item);
	memset(p, 0, sizeof *p);
}

size_t pi_panel_add_ea(struct pi_panel *p, const char *name)
{
	size_t cap = p->ea_cap;
	XGROW(p->ea_name, p->nea + 1, p->ea_cap);
	if (p->ea_cap != cap) {
		p->ea_item = xrealloc(p->ea_item, p->ea_cap * sizeof *p->ea_item);
		p->ea_nitem = xrealloc(p->ea_nitem, p->ea_cap * sizeof *p->ea_nitem);
		p->ea_item_cap = xrealloc(p->ea_item_cap, p->ea_cap * sizeof *p->ea_item_cap);
	}
	p->ea_name[p->nea] = xstrdup(name);
	p->ea_item[p->nea] = NULL;
	p->ea_nitem[p->nea] = p->ea_item_cap[p->nea] = 0;
	return p->nea++;
}

size_t pi_panel_add_item(struct pi_panel *p, const char *id, size_t ea)
{
	XGROW(p->item, p->nitem + 1, p->item_cap);
	struct pi_item *it = &p->item[p->nitem];
	it->id = xstrdup(id);
	it->ea = ea;
	it->price = xcalloc(p->nper ? p->nper : 1, sizeof *it->price);
	it->sales = xmalloc((p->nper ? p->nper : 1) * sizeof *it->sales);
	for (size_t t = 0; t < p->nper; t++)
		it->sales[t] = -1;
	it->status = xcalloc(p->nper ? p->nper : 1, 1);
	it->merged = 0;
	if (ea < p->nea) {
		XGROW(p->ea_item[ea], p->ea_nitem[ea] + 1, p->ea_item_cap[ea]);
		p->ea_item[ea][p->ea_nitem[ea]++] = p->nitem;
	}
	return p->nitem++;
}

int pi_panel_set(struct pi_panel *p, size_t item, size_t t, double price, double sales,
                 struct kfq_err *err)
{
	if (item >= p->nitem || t >= p->nper)
		return kfq_fault(err, "price index: item %zu month %zu outside the panel", item, t);
	struct pi_item *it = &p->item[item];
	if (!(price > 0) || !isfinite(price))
		return kfq_error(err, "item \"%s\", month %zu: price %g: expected a positive number",
		                 it->id, t, price);
	it->price[t] = price;
	it->status[t] = PI_OBSERVED;
	it->sales[t] = sales >= 0 ? sales : -1;
	return 0;
}

static int priced(const struct pi_item *it, size_t t)
{
	return it->status[t] != PI_ABSENT;
}

/* ---- reports ---- */

void pi_report_init(struct pi_report *r)
{
	memset(r, 0, sizeof *r);
}

void pi_report_release(struct pi_report *r)
{
	free(r->note);
	memset(r, 0, sizeof *r);
}

static void report_add(struct pi_report *r, enum pi_note_kind kind, size_t item, size_t other,
                       size_t period, double value, double ref)
{
	if (r == NULL)
		return;
	XGROW(r->note, r->n + 1, r->cap);
	r->note[r->n++] = (struct pi_note){ kind, item, other, period, value, ref };
}

/* ---- elementary indices ---- */

static int check_ea(const struct pi_panel *p, size_t ea, struct kfq_err *err)
{
	if (ea >= p->nea)
		return kfq_fault(err, "price index: no elementary aggregate %zu", ea);
	for (size_t k = 0; k < p->ea_nitem[ea]; k++)
		if (!p->item[p->ea_item[ea][k]].merged)
			return 0;
	return kfq_error(err, "elementary aggregate \"%s\" is empty: it has no items",
	                 p->ea_name[ea]);
}

/* The index of the items of ea matched in a and b, leaving out `skip`
 * (SIZE_MAX: none); with `valued`, only those with a sales value in both
 * months. *n gets how many were matched; 0 leaves *ratio alone. */
static void matched_index_of(const struct pi_panel *p, size_t ea, enum pi_formula f, size_t a,
                             size_t b, size_t skip, int valued, double *ratio, size_t *n)
{
	double sa = 0, sb = 0, acc = 0;
	size_t m = 0;
	for (size_t k = 0; k < p->ea_nitem[ea]; k++) {
		size_t i = p->ea_item[ea][k];
		const struct pi_item *it = &p->item[i];
		if (it->ea != ea || it->merged || i == skip || !priced(it, a) || !priced(it, b) ||
		    (valued && (it->sales[a] < 0 || it->sales[b] < 0)))
			continue;
		double r = it->price[b] / it->price[a];
		sa += it->price[a];
		sb += it->price[b];
		acc += f == PI_JEVONS ? log(r) : r;
		m++;
	}
	*n = m;
	if (m == 0)
		return;
	switch (f) {
	case PI_JEVONS: *ratio = exp(acc / (double)m); break;
	case PI_DUTOT: *ratio = sb / sa; break;
	case PI_CARLI: *ratio = acc / (double)m; break;
	}
}

static void matched_index(const struct pi_panel *p, size_t ea, enum pi_formula f, size_t a,
                          size_t b, size_t skip, double *ratio, size_t *n)
{
	matched_index_of(p, ea, f, a, b, skip, 0, ratio, n);
}

int pi_elementary_matched(const struct pi_panel *p, size_t ea, enum pi_formula f, size_t a,
                          size_t b, int valued, double *ratio, size_t *n, struct kfq_err *err)
{
	if (check_ea(p, ea, err) < 0)
		return -1;
	if (a >= p->nper || b >= p->nper)
		return kfq_fault(err, "price index: month %zu or %zu outside the panel", a, b);
	matched_index_of(p, ea, f, a, b, SIZE_MAX, valued, ratio, n);
	return 0;
}

size_t pi_impute_by(struct pi_panel *p, size_t ea, size_t t, double ratio, struct pi_report *rep)
{
	size_t carried = 0;
	if (ea >= p->nea || t == 0 || t >= p->nper)
		return 0;
	for (size_t k = 0; k < p->ea_nitem[ea]; k++) {
		size_t i = p->ea_item[ea][k];
		struct pi_item *it = &p->item[i];
		if (it->merged || !priced(it, t - 1) || priced(it, t))
			continue;
		it->price[t] = it->price[t - 1] * ratio;
		it->status[t] = PI_IMPUTED;
		report_add(rep, PI_NOTE_IMPUTED, i, i, t, it->price[t], ratio);
		carried++;
	}
	return carried;
}

int pi_elementary(const struct pi_panel *p, size_t ea, enum pi_formula f, size_t a, size_t b,
                  double *ratio, struct kfq_err *err)
{
	if (check_ea(p, ea, err) < 0)
		return -1;
	if (a >= p->nper || b >= p->nper)
		return kfq_fault(err, "price index: month %zu or %zu outside the panel", a, b);
	size_t n;
	matched_index(p, ea, f, a, b, SIZE_MAX, ratio, &n);
	if (n == 0)
		return kfq_error(err, "elementary aggregate \"%s\": no item is priced in both month %zu "
		                 "and month %zu, so no %s index can be computed",
		                 p->ea_name[ea], a, b, FORMULA_NAME[f]);
	return 0;
}

int pi_impute(struct pi_panel *p, size_t ea, enum pi_formula f, size_t t, int max_run,
              struct pi_report *rep, struct kfq_err *err)
{
	if (check_ea(p, ea, err) < 0)
		return -1;
	if (t == 0 || t >= p->nper)
		return kfq_fault(err, "price index: cannot impute month %zu", t);
	/* The others' change is the same for every item to impute: those are
	 * absent in t, so never among the matched. */
	double ratio = 1;
	size_t n;
	matched_index(p, ea, f, t - 1, t, SIZE_MAX, &ratio, &n);
	for (size_t k = 0; k < p->ea_nitem[ea]; k++) {
		size_t i = p->ea_item[ea][k];
		struct pi_item *it = &p->item[i];
		if (it->ea != ea || it->merged || priced(it, t) || !priced(it, t - 1))
			continue;
		if (max_run > 0) {
			int run = 0;
			for (size_t s = t; s-- > 0 && it->status[s] == PI_IMPUTED;)
				run++;
			if (run >= max_run)
				continue;
		}
		if (n == 0)   /* the aggregate has no price: pi_impute_parents */
			return 0;
		it->price[t] = it->price[t - 1] * ratio;
		it->status[t] = PI_IMPUTED;
		report_add(rep, PI_NOTE_IMPUTED, i, i, t, it->price[t], ratio);
	}
	return 0;
}

int pi_link_replacement(struct pi_panel *p, size_t old, size_t repl, size_t t,
                        struct pi_report *rep, struct kfq_err *err)
{
	if (old >= p->nitem || repl >= p->nitem || t >= p->nper)
		return kfq_fault(err, "price index: replacement outside the panel");
	struct pi_item *o = &p->item[old], *r = &p->item[repl];
	if (old == repl)
		return kfq_error(err, "item \"%s\" cannot replace itself", o->id);
	if (o->ea != r->ea)
		return kfq_error(err, "item \"%s\" (in \"%s\") cannot replace item \"%s\" (in \"%s\"): "
		                 "a replacement must be in the same elementary aggregate",
		                 r->id, p->ea_name[r->ea], o->id, p->ea_name[o->ea]);
	if (o->merged || r->merged)
		return kfq_error(err, "item \"%s\" is already linked into another item",
		                 o->merged ? o->id : r->id);
	if (!priced(o, t) || !priced(r, t))
		return kfq_error(err, "replacing item \"%s\" by \"%s\" with overlap in month %zu: "
		                 "both must be priced in the overlap month, \"%s\" is not",
		                 o->id, r->id, t, priced(o, t) ? r->id : o->id);
	for (size_t s = t + 1; s < p->nper; s++)
		if (o->status[s] == PI_OBSERVED)
			return kfq_error(err, "item \"%s\" is still priced in month %zu, after its "
			                 "replacement by \"%s\" in month %zu", o->id, s, r->id, t);
	double factor = o->price[t] / r->price[t];
	for (size_t s = t + 1; s < p->nper; s++) {
		if (priced(r, s)) {
			o->price[s] = r->price[s] * factor;
			o->status[s] = PI_LINKED;
			o->sales[s] = r->sales[s];
		} else {
			o->price[s] = 0;
			o->status[s] = PI_ABSENT;
			o->sales[s] = -1;
		}
	}
	r->merged = 1;
	report_add(rep, PI_NOTE_REPLACED, old, repl, t, factor, 1);
	return 0;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

int pi_flag_outliers(const struct pi_panel *p, size_t ea, size_t t, double k,
                     struct pi_report *rep, size_t *nflagged, struct kfq_err *err)
{
	if (nflagged)
		*nflagged = 0;
	if (!(k > 1))
		return kfq_error(err, "outlier bound k = %g: expected a number greater than 1", k);
	if (check_ea(p, ea, err) < 0)
		return -1;
	if (t == 0 || t >= p->nper)
		return kfq_fault(err, "price index: no month before month %zu", t);
	double *rel = xmalloc((p->ea_nitem[ea] ? p->ea_nitem[ea] : 1) * sizeof *rel);
	size_t m = 0;
	for (size_t j = 0; j < p->ea_nitem[ea]; j++) {
		const struct pi_item *it = &p->item[p->ea_item[ea][j]];
		if (it->ea == ea && !it->merged && priced(it, t - 1) && priced(it, t))
			rel[m++] = it->price[t] / it->price[t - 1];
	}
	if (m == 0) {
		free(rel);
		return 0;
	}
	qsort(rel, m, sizeof *rel, cmp_double);
	double med = m % 2 ? rel[m / 2] : (rel[m / 2 - 1] + rel[m / 2]) / 2;
	free(rel);
	size_t nf = 0;
	for (size_t j = 0; j < p->ea_nitem[ea]; j++) {
		size_t i = p->ea_item[ea][j];
		const struct pi_item *it = &p->item[i];
		if (it->ea != ea || it->merged || !priced(it, t - 1) || !priced(it, t))
			continue;
		double r = it->price[t] / it->price[t - 1];
		if (r < med / k || r > med * k) {
			report_add(rep, PI_NOTE_OUTLIER, i, i, t, r, med);
			nf++;
		}
	}
	if (nflagged)
		*nflagged = nf;
	return 0;
}

int pi_prepare(struct pi_panel *p, enum pi_formula f, int max_run, double k,
               struct pi_report *rep, struct kfq_err *err)
{
	for (size_t t = 1; t < p->nper; t++)
		for (size_t ea = 0; ea < p->nea; ea++) {
			if (pi_impute(p, ea, f, t, max_run, rep, err) < 0)
				return -1;
			if (k > 0 && pi_flag_outliers(p, ea, t, k, rep, NULL, err) < 0)
				return -1;
		}
	return 0;
}

/* ---- superlative indices ---- */

static int check_pairs(const double *p0, const double *p1, const double *v0, const double *v1,
                       size_t n, double *sv0, double *sv1, struct kfq_err *err)
{
	if (n == 0)
		return kfq_error(err, "no matched items with prices and sales values in both months");
	*sv0 = *sv1 = 0;
	for (size_t i = 0; i < n; i++) {
		if (!(p0[i] > 0) || !(p1[i] > 0))
			return kfq_error(err, "item %zu: prices must be positive", i + 1);
		if (!(v0[i] >= 0) || !(v1[i] >= 0))
			return kfq_error(err, "item %zu: sales values must not be negative", i + 1);
		*sv0 += v0[i];
		*sv1 += v1[i];
	}
	if (!(*sv0 > 0) || !(*sv1 > 0))
		return kfq_error(err, "the sales values of a month add up to zero");
	return 0;
}

int pi_fisher(const double *p0, const double *p1, const double *v0, const double *v1, size_t n,
              double *ratio, struct kfq_err *err)
{
	double sv0, sv1;
	if (check_pairs(p0, p1, v0, v1, n, &sv0, &sv1, err) < 0)
		return -1;
	double lasp = 0, deflated = 0;
	for (size_t i = 0; i < n; i++) {
		lasp += v0[i] * (p1[i] / p0[i]);     /* Σ p1 q0 */
		deflated += v1[i] * (p0[i] / p1[i]); /* Σ p0 q1 */
	}
	*ratio = sqrt((lasp / sv0) * (sv1 / deflated));
	return 0;
}

int pi_tornqvist(const double *p0, const double *p1, const double *v0, const double *v1, size_t n,
                 double *ratio, struct kfq_err *err)
{
	double sv0, sv1;
	if (check_pairs(p0, p1, v0, v1, n, &sv0, &sv1, err) < 0)
		return -1;
	double acc = 0;
	for (size_t i = 0; i < n; i++)
		acc += (v0[i] / sv0 + v1[i] / sv1) / 2 * log(p1[i] / p0[i]);
	*ratio = exp(acc);
	return 0;
}

int pi_superlative(const struct pi_panel *p, size_t ea, size_t a, size_t b, double *fisher,
                   double *tornqvist, struct kfq_err *err)
{
	if (check_ea(p, ea, err) < 0)
		return -1;
	if (a >= p->nper || b >= p->nper)
		return kfq_fault(err, "price index: month %zu or %zu outside the panel", a, b);
	size_t cap = p->nitem ? p->nitem : 1, n = 0;
	double *buf = xmalloc(4 * cap * sizeof *buf);
	double *p0 = buf, *p1 = buf + cap, *v0 = buf + 2 * cap, *v1 = buf + 3 * cap;
	for (size_t i = 0; i < p->nitem; i++) {
		const struct pi_item *it = &p->item[i];
		if (it->ea != ea || it->merged || !priced(it, a) || !priced(it, b) ||
		    it->sales[a] < 0 || it->sales[b] < 0)
			continue;
		p0[n] = it->price[a];
		p1[n] = it->price[b];
		v0[n] = it->sales[a];
		v1[n] = it->sales[b];
		n++;
	}
	if (n == 0) {
		free(buf);
		return kfq_error(err, "elementary aggregate \"%s\": no item has a price and a sales "
		                 "value in both month %zu and month %zu", p->ea_name[ea], a, b);
	}
	int rc = 0;
	if (fisher)
		rc = pi_fisher(p0, p1, v0, v1, n, fisher, err);
	if (rc == 0 && tornqvist)
		rc = pi_tornqvist(p0, p1, v0, v1, n, tornqvist, err);
	free(buf);
	if (rc < 0)
		return kfq_err_prefix(err, "elementary aggregate \"%s\"", p->ea_name[ea]);
	return 0;
}
