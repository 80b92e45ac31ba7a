/* ixcalc_panel.c: the price panel of one run read from the store (see
 * ixcalc_run.h): the categories in tree order, the items and their monthly
 * prices (the month's quote, else the geometric mean of its weekly
 * quotes), replacements linked by their overlap month, and the elementary
 * aggregates (leaf category × channel) with items priced from the base.
 * Weights, trees and the series are ixcalc_tree.c; the run as a whole is
 * ixcalc.c. Depends on base, store and the price engine; it must not
 * depend on model, calc or anything that writes. */
#include "index/ixcalc_run.h"
#include "base/xalloc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- categories ---- */

struct catrow {
	int64_t id, parent;
	char *code, *name;
	int seq;
	long idx;       /* position in tree order, -1 until placed */
};

static int cmp_catrow(const void *a, const void *b)
{
	const struct catrow *x = a, *y = b;
	if (x->seq != y->seq)
		return x->seq < y->seq ? -1 : 1;
	return strcmp(x->code, y->code);
}

/* Place the children of parent (0: the top level) after it, depth first. */
static void place(struct ixrun *r, struct catrow *c, size_t n, int64_t parent, long pidx)
{
	for (size_t i = 0; i < n; i++) {
		if (c[i].parent != parent || c[i].idx >= 0)
			continue;
		struct ixcat *k = &r->cat[r->ncat];
		c[i].idx = (long)r->ncat++;
		k->id = c[i].id;
		k->code = c[i].code;
		k->name = c[i].name;
		c[i].code = c[i].name = NULL;
		k->parent = pidx;
		k->seq = c[i].seq;
		k->nchild = 0;
		if (pidx >= 0)
			r->cat[pidx].nchild++;
		place(r, c, n, k->id, c[i].idx);
	}
}

static int load_categories(struct kfq_db *db, struct ixrun *r, struct kfq_err *err)
{
	struct kfq_stmt *st;
	struct catrow *c = NULL;
	size_t n = 0, cap = 0;
	int rc;
	if (db_prepare(db, "SELECT id, code, name, coalesce(parent_id, 0), seq FROM ix_category", &st,
	               err) < 0)
		return -1;
	while ((rc = st_step(st)) == ST_ROW) {
		XGROW(c, n + 1, cap);
		c[n].id = st_i64(st, 0);
		c[n].code = xstrdup(st_text(st, 1));
		c[n].name = xstrdup(st_text(st, 2));
		c[n].parent = st_i64(st, 3);
		c[n].seq = st_int(st, 4);
		c[n].idx = -1;
		n++;
	}
	if (rc != ST_DONE) {
		db_fault(db, err, "reading index categories");
		st_finalize(st);
		rc = -1;
		goto out;
	}
	st_finalize(st);
	rc = 0;
	if (n)
		qsort(c, n, sizeof *c, cmp_catrow);
	r->cat = xcalloc(n ? n : 1, sizeof *r->cat);
	place(r, c, n, 0, -1);
	for (size_t i = 0; i < n && rc == 0; i++)
		if (c[i].idx < 0)
			rc = kfq_error(err, "index category \"%s\" is not under a top-level category "
			               "(its parents form a cycle)", c[i].code);
out:
	for (size_t i = 0; i < n; i++) {
		free(c[i].code);
		free(c[i].name);
	}
	free(c);
	return rc;
}

/* The category of an id (categories are few: a scan). */
long ixrun_cat_of(const struct ixrun *r, int64_t id)
{
	for (size_t i = 0; i < r->ncat; i++)
		if (r->cat[i].id == id)
			return (long)i;
	return -1;
}

/* ---- items and quotes ---- */

struct itemrow {
	int64_t id, replaces;
	char *code;
	long cat;
	int ch, oy, om;
	int has_q;        /* priced in the run's months */
	int excluded;     /* a replacement whose overlap is after the period */
	long pidx;        /* panel item, -1 when not in the panel */
};

struct items {
	struct itemrow *v;
	size_t n, cap;
	double *price, *sales;   /* [item * nper + t]; price 0 = none */
};

static void items_release(struct items *it)
{
	for (size_t i = 0; i < it->n; i++)
		free(it->v[i].code);
	free(it->v);
	free(it->price);
	free(it->sales);
	memset(it, 0, sizeof *it);
}

static long item_find(const struct items *it, int64_t id)
{
	size_t lo = 0, hi = it->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (it->v[mid].id == id)
			return (long)mid;
		if (it->v[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

static int load_items(struct kfq_db *db, struct ixrun *r, struct items *it, struct kfq_err *err)
{
	struct kfq_stmt *st;
	int rc;
	if (db_prepare(db, "SELECT id, code, category_id, channel, coalesce(replaces_id, 0), "
	               "coalesce(overlap_year, 0), coalesce(overlap_month, 0) FROM ix_item ORDER BY id",
	               &st, err) < 0)
		return -1;
	while ((rc = st_step(st)) == ST_ROW) {
		struct itemrow *x;
		XGROW(it->v, it->n + 1, it->cap);
		x = &it->v[it->n++];
		memset(x, 0, sizeof *x);
		x->id = st_i64(st, 0);
		x->code = xstrdup(st_text(st, 1));
		x->cat = ixrun_cat_of(r, st_i64(st, 2));
		x->ch = ix_channel_parse(st_text(st, 3));
		x->replaces = st_i64(st, 4);
		x->oy = st_int(st, 5);
		x->om = st_int(st, 6);
		x->pidx = -1;
		if (x->cat < 0 || x->ch < 0) {
			st_finalize(st);
			return kfq_fault(err, "index item \"%s\": its category or channel is damaged",
			                 x->code);
		}
	}
	if (rc != ST_DONE) {
		db_fault(db, err, "reading index items");
		st_finalize(st);
		return -1;
	}
	st_finalize(st);
	return 0;
}

/* One (item, month) being read: the month's price or its weekly quotes. */
struct cell {
	long item;
	int t;
	int has_month, nweek, sales_all;
	double month_price, month_sales, logsum, salesum;
};

static int flush(const struct ixrun *r, struct items *it, struct cell *c, struct kfq_err *err)
{
	size_t k;
	if (c->item < 0)
		return 0;
	k = (size_t)c->item * r->nper + (size_t)c->t;
	if (c->has_month && c->nweek) {
		int y, m;
		ixrun_month(r, (size_t)c->t, &y, &m);
		return kfq_error(err, "item \"%s\", %04d-%02d: both a price for the month and weekly "
		                 "quotes (a month has one or the other)", it->v[c->item].code, y, m);
	}
	if (c->has_month) {
		it->price[k] = c->month_price;
		it->sales[k] = c->month_sales;
	} else {
		it->price[k] = exp(c->logsum / c->nweek);
		it->sales[k] = c->sales_all ? c->salesum : -1;
	}
	it->v[c->item].has_q = 1;
	c->item = -1;
	return 0;
}

static int load_quotes(struct kfq_db *db, struct ixrun *r, struct items *it, struct kfq_err *err)
{
	/* in primary-key order (no sort): the quotes of an item's month are
	 * consecutive. Every row is read (a range on year and month is no index
	 * here) and the months outside the run skipped: cheaper than a WHERE. */
	static const char SQL[] =
		"SELECT item_id, year, month, day, price, sales FROM ix_quote "
		"ORDER BY item_id, year, month, day";
	struct kfq_stmt *st;
	struct cell c = { -1, 0, 0, 0, 0, 0, 0, 0, 0 };
	int64_t last_id = -1;
	long item = -1;
	int b = ix_mi(r->set.base_year, r->set.base_month), rc;

	it->price = xcalloc(it->n * r->nper + 1, sizeof *it->price);
	it->sales = xmalloc((it->n * r->nper + 1) * sizeof *it->sales);
	if (db_prepare(db, SQL, &st, err) < 0)
		return -1;
	while ((rc = st_step(st)) == ST_ROW) {
		int64_t id = st_i64(st, 0);
		int t = ix_mi(st_int(st, 1), st_int(st, 2)) - b;
		if (t < 0 || t >= (int)r->nper)
			continue;
		int day = st_int(st, 3);
		double price = (double)st_i64(st, 4) / 10000;
		int has_sales = !st_null(st, 5);
		double sales = has_sales ? (double)st_i64(st, 5) / 10000 : -1;
		r->nquotes++;
		if (id != last_id) {
			item = item_find(it, id);
			last_id = id;
			if (item < 0) {
				st_finalize(st);
				return kfq_fault(err, "a quote for item %lld, which does not exist",
				                 (long long)id);
			}
		}
		if (item != c.item || t != c.t) {
			if (flush(r, it, &c, err) < 0) {
				st_finalize(st);
				return -1;
			}
			memset(&c, 0, sizeof c);
			c.item = item;
			c.t = t;
			c.sales_all = 1;
		}
		if (day == 0) {
			c.has_month = 1;
			c.month_price = price;
			c.month_sales = sales;
		} else {
			c.nweek++;
			c.logsum += log(price);
			c.salesum += has_sales ? sales : 0;
			c.sales_all &= has_sales;
		}
	}
	if (rc != ST_DONE) {
		db_fault(db, err, "reading price quotes");
		st_finalize(st);
		return -1;
	}
	st_finalize(st);
	return flush(r, it, &c, err);
}

/* ---- the panel ---- */

struct repl {
	long old, rep;   /* items */
	int t;
};

static int cmp_repl(const void *a, const void *b)
{
	const struct repl *x = a, *y = b;
	return (x->t < y->t) - (x->t > y->t);   /* latest overlap first */
}

static int build_panel(struct ixrun *r, struct items *it, struct kfq_err *err)
{
	int b = ix_mi(r->set.base_year, r->set.base_month);
	long *eaidx = xmalloc((r->ncat * IX_NCHANNEL + 1) * sizeof *eaidx);
	struct repl *rp = NULL;
	size_t nrp = 0, rcap = 0;
	int rc = 0;

	for (size_t k = 0; k < r->ncat * IX_NCHANNEL; k++)
		eaidx[k] = -1;
	/* replacements: linked when the overlap is in the run; left out of
	 * every index until then; an ordinary item when it came before the base */
	for (size_t i = 0; i < it->n; i++) {
		struct itemrow *x = &it->v[i];
		long o;
		int t;
		if (!x->replaces)
			continue;
		if ((o = item_find(it, x->replaces)) < 0) {
			rc = kfq_fault(err, "index item \"%s\" replaces an item that does not exist",
			               x->code);
			goto out;
		}
		t = ix_mi(x->oy, x->om) - b;
		if (t >= (int)r->nper)
			x->excluded = 1;
		else if (t >= 0) {
			XGROW(rp, nrp + 1, rcap);
			rp[nrp++] = (struct repl){ o, (long)i, t };
		}
	}
	/* the elementary aggregates: leaf category × channel with items priced */
	for (size_t i = 0; i < it->n; i++) {
		const struct itemrow *x = &it->v[i];
		if (!x->has_q || x->excluded)
			continue;
		if (r->cat[x->cat].nchild) {
			rc = kfq_error(err, "item \"%s\" is in category \"%s\", which has subcategories "
			               "(items belong to a category without subcategories)", x->code,
			               r->cat[x->cat].code);
			goto out;
		}
		eaidx[x->cat * IX_NCHANNEL + x->ch] = 0;
	}
	r->ea_cat = xmalloc((r->ncat * IX_NCHANNEL + 1) * sizeof *r->ea_cat);
	r->ea_ch = xmalloc((r->ncat * IX_NCHANNEL + 1) * sizeof *r->ea_ch);
	for (size_t k = 0; k < r->ncat * IX_NCHANNEL; k++)
		if (eaidx[k] == 0) {
			char name[160];
			snprintf(name, sizeof name, "%s/%s", r->cat[k / IX_NCHANNEL].code,
			         IX_CHANNEL[k % IX_NCHANNEL]);
			eaidx[k] = (long)pi_panel_add_ea(&r->panel, name);
			r->ea_cat[eaidx[k]] = (long)(k / IX_NCHANNEL);
			r->ea_ch[eaidx[k]] = (int)(k % IX_NCHANNEL);
		}
	if (r->panel.nea == 0) {
		int y, m;
		ixrun_month(r, r->nper - 1, &y, &m);
		rc = kfq_error(err, "no price quotes from the base %04d-%02d to %04d-%02d (import "
		               "index-items and price-quotes first)", r->set.base_year,
		               r->set.base_month, y, m);
		goto out;
	}
	r->item_id = xmalloc(it->n * sizeof *r->item_id);
	for (size_t i = 0; i < it->n; i++) {
		struct itemrow *x = &it->v[i];
		long ea = eaidx[x->cat * IX_NCHANNEL + x->ch];
		if (!x->has_q || ea < 0)
			continue;
		x->pidx = (long)pi_panel_add_item(&r->panel, x->code, (size_t)ea);
		r->item_id[x->pidx] = x->id;
		for (size_t t = 0; t < r->nper && rc == 0; t++)
			if (it->price[i * r->nper + t] > 0)
				rc = pi_panel_set(&r->panel, (size_t)x->pidx, t, it->price[i * r->nper + t],
				                  it->sales[i * r->nper + t], err);
		if (x->excluded)
			r->panel.item[x->pidx].merged = 1;
	}
	if (rc < 0)
		goto out;
	if (nrp)
		qsort(rp, nrp, sizeof *rp, cmp_repl);
	for (size_t k = 0; k < nrp && rc == 0; k++) {
		const struct itemrow *o = &it->v[rp[k].old], *n = &it->v[rp[k].rep];
		if (o->pidx < 0 || n->pidx < 0) {
			int y, m;
			ixrun_month(r, (size_t)rp[k].t, &y, &m);
			rc = kfq_error(err, "item \"%s\" replaces \"%s\" with overlap %04d-%02d, but "
			               "\"%s\" has no price from the base on", n->code, o->code, y, m,
			               o->pidx < 0 ? o->code : n->code);
		} else if (pi_link_replacement(&r->panel, (size_t)o->pidx, (size_t)n->pidx,
		                               (size_t)rp[k].t, &r->rep, err) < 0) {
			ixrun_err_months(r, err);
			rc = -1;
		}
	}
	/* every aggregate starts from prices in the base month */
	for (size_t e = 0; e < r->panel.nea && rc == 0; e++) {
		int priced = 0;
		for (size_t i = 0; i < r->panel.nitem && !priced; i++)
			priced = r->panel.item[i].ea == e && !r->panel.item[i].merged &&
			         r->panel.item[i].status[0] != PI_ABSENT;
		if (!priced)
			rc = kfq_error(err, "category \"%s\", channel %s: no item has a price in the base "
			               "month %04d-%02d (each elementary aggregate starts from its base "
			               "prices)", r->cat[r->ea_cat[e]].code, IX_CHANNEL[r->ea_ch[e]],
			               r->set.base_year, r->set.base_month);
	}
out:
	free(rp);
	free(eaidx);
	return rc;
}

int ixrun_panel(struct kfq_db *db, struct ixrun *r, struct kfq_err *err)
{
	struct items it;
	int rc;
	memset(&it, 0, sizeof it);
	rc = load_categories(db, r, err) < 0 || load_items(db, r, &it, err) < 0 ||
	     load_quotes(db, r, &it, err) < 0 || build_panel(r, &it, err) < 0 ? -1 : 0;
	items_release(&it);
	return rc;
}
