/* ixcalc.c: the price index of one run, from the store into memory (see
 * ixcalc_run.h): the categories in tree order, the items and their monthly
 * prices (the month's quote, else the geometric mean of its weekly quotes),
 * replacements linked by overlap, imputation and outlier flags
 * (pi_prepare), the yearly weights checked per leaf category × channel,
 * the two trees (channel-major and category-major) and their series. Also
 * the channel, formula and settings names. Storing is ixcalc_write.c.
 * Depends on base, store and the price engine. */
#include "index/ixcalc_run.h"
#include "base/sbuf.h"
#include "base/xalloc.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const FORMULA[] = { "jevons", "dutot", "carli" };

int ixcalc_formula_parse(const char *s)
{
	for (int i = 0; i < 3; i++)
		if (s && strcmp(s, FORMULA[i]) == 0)
			return i;
	return -1;
}

const char *ixcalc_formula_name(enum pi_formula f)
{
	return (unsigned)f < 3 ? FORMULA[f] : "?";
}

void ixcalc_settings_default(struct ixcalc_settings *s)
{
	memset(s, 0, sizeof *s);
	s->base_year = 2016;
	s->base_month = 12;
	s->formula = PI_JEVONS;
	s->outlier_k = 2;
	s->max_impute = 2;
}

void ixcalc_settings_text(const struct ixcalc_settings *s, char *buf, size_t n)
{
	snprintf(buf, n, "base=%04d-%02d period=%04d-%02d formula=%s outlier_k=%.17g max_impute=%d",
	         s->base_year, s->base_month, s->year, s->month, ixcalc_formula_name(s->formula),
	         s->outlier_k, s->max_impute);
}

int ixcalc_settings_read(const char *text, struct ixcalc_settings *s, struct kfq_err *err)
{
	char f[16];
	ixcalc_settings_default(s);
	if (sscanf(text, "base=%d-%d period=%d-%d formula=%15s outlier_k=%lf max_impute=%d",
	           &s->base_year, &s->base_month, &s->year, &s->month, f, &s->outlier_k,
	           &s->max_impute) != 7 || ixcalc_formula_parse(f) < 0)
		return kfq_fault(err, "ix_month: settings \"%s\" are damaged", text);
	s->formula = (enum pi_formula)ixcalc_formula_parse(f);
	return 0;
}

void ixrun_month(const struct ixrun *r, size_t t, int *year, int *month)
{
	int mi = ix_mi(r->set.base_year, r->set.base_month) + (int)t;
	*year = mi / 12;
	*month = mi % 12 + 1;
}

void ixrun_err_months(const struct ixrun *r, struct kfq_err *err)
{
	struct sbuf out;
	const char *p = err->msg;
	sbuf_init(&out);
	while (*p) {
		int plural = strncmp(p, "months ", 7) == 0;
		if ((plural || strncmp(p, "month ", 6) == 0) && isdigit((unsigned char)p[6 + plural])) {
			char *end;
			unsigned long t = strtoul(p + 6 + plural, &end, 10);
			int y, m;
			if (t < 100000) {
				ixrun_month(r, t, &y, &m);
				sbuf_addf(&out, "%s%04d-%02d", plural ? "months " : "", y, m);
				p = end;
				if (strncmp(p, " to ", 4) == 0 && isdigit((unsigned char)p[4])) {
					t = strtoul(p + 4, &end, 10);
					ixrun_month(r, t < 100000 ? t : 0, &y, &m);
					sbuf_addf(&out, " to %04d-%02d", y, m);
					p = end;
				}
				continue;
			}
		}
		sbuf_addf(&out, "%c", *p++);
	}
	snprintf(err->msg, sizeof err->msg, "%s", out.buf ? out.buf : "");
	sbuf_release(&out);
}

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
static long cat_of(const struct ixrun *r, int64_t id)
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
		x->cat = cat_of(r, st_i64(st, 2));
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

/* ---- segments and weights ---- */

static void segments(struct ixrun *r, size_t *link)
{
	r->nseg = 1;
	link[0] = 0;
	for (size_t t = 1; t + 1 < r->nper; t++) {
		int y, m;
		ixrun_month(r, t, &y, &m);
		if (m == 12)
			link[r->nseg++] = t;
	}
}

/* weight[seg * nea + ea], from ix_weight; every aggregate needs one. */
static int load_weights(struct kfq_db *db, struct ixrun *r, const size_t *link, double *wt,
                        struct kfq_err *err)
{
	struct kfq_stmt *st;
	size_t nea = r->panel.nea;
	int rc = 0;
	r->seg_year = xmalloc(r->nseg * sizeof *r->seg_year);
	for (size_t k = 0; k < r->nseg; k++) {
		int y, m;
		ixrun_month(r, link[k], &y, &m);
		r->seg_year[k] = m == 12 ? y + 1 : y;
	}
	for (size_t k = 0; k < r->nseg * nea; k++)
		wt[k] = -1;
	if (db_prepare(db, "SELECT year, category_id, channel, weight FROM ix_weight WHERE year "
	               "BETWEEN ? AND ?", &st, err) < 0)
		return -1;
	st_bind_int(st, 1, r->seg_year[0]);
	st_bind_int(st, 2, r->seg_year[r->nseg - 1]);
	while ((rc = st_step(st)) == ST_ROW) {
		int y = st_int(st, 0);
		long c = cat_of(r, st_i64(st, 1));
		int ch = ix_channel_parse(st_text(st, 2));
		for (size_t e = 0; e < nea; e++)
			if (r->ea_cat[e] == c && r->ea_ch[e] == ch)
				for (size_t k = 0; k < r->nseg; k++)
					if (r->seg_year[k] == y)
						wt[k * nea + e] = (double)st_i64(st, 3) / 10000;
	}
	if (rc != ST_DONE) {
		db_fault(db, err, "reading index weights");
		st_finalize(st);
		return -1;
	}
	st_finalize(st);
	for (size_t k = 0; k < r->nseg; k++)
		for (size_t e = 0; e < nea; e++)
			if (!(wt[k * nea + e] > 0))
				return kfq_error(err, "no weight for category \"%s\" (%s), channel %s, year %d: "
				                 "every category × channel with items needs a weight for each "
				                 "year computed (import index-weights)",
				                 r->cat[r->ea_cat[e]].code, r->cat[r->ea_cat[e]].name,
				                 IX_CHANNEL[r->ea_ch[e]], r->seg_year[k]);
	return 0;
}

/* ---- the trees ---- */

static size_t tree_add(struct ixtree *tr, const char *code, long parent, int ch, long cat,
                       long ea)
{
	if (tr->n == tr->cap) {
		tr->cap = tr->cap ? 2 * tr->cap : 32;
		tr->node = xrealloc(tr->node, tr->cap * sizeof *tr->node);
		tr->ch = xrealloc(tr->ch, tr->cap * sizeof *tr->ch);
		tr->cat = xrealloc(tr->cat, tr->cap * sizeof *tr->cat);
	}
	tr->node[tr->n] = (struct pi_node){ code, parent, 0, ea };
	tr->ch[tr->n] = ch;
	tr->cat[tr->n] = cat;
	return tr->n++;
}

static void tree_release(struct ixtree *tr)
{
	free(tr->node);
	free(tr->ch);
	free(tr->cat);
	free(tr->w);
	free(tr->seg);
	pi_series_release(&tr->s);
	memset(tr, 0, sizeof *tr);
}

/* has[c * (NCHANNEL + 1) + ch]: category c has an aggregate of channel ch
 * below it (or is one); slot NCHANNEL: of any channel. */
static char *below_has(const struct ixrun *r)
{
	size_t W = IX_NCHANNEL + 1;
	char *has = xcalloc(r->ncat * W + 1, 1);
	for (size_t e = 0; e < r->panel.nea; e++) {
		has[(size_t)r->ea_cat[e] * W + (size_t)r->ea_ch[e]] = 1;
		has[(size_t)r->ea_cat[e] * W + IX_NCHANNEL] = 1;
	}
	for (size_t c = r->ncat; c-- > 0;)
		if (r->cat[c].parent >= 0)
			for (size_t k = 0; k < W; k++)
				has[(size_t)r->cat[c].parent * W + k] |= has[c * W + k];
	return has;
}

static long ea_of(const struct ixrun *r, size_t c, int ch)
{
	for (size_t e = 0; e < r->panel.nea; e++)
		if ((size_t)r->ea_cat[e] == c && r->ea_ch[e] == ch)
			return (long)e;
	return -1;
}

static void build_trees(struct ixrun *r)
{
	size_t W = IX_NCHANNEL + 1;
	char *has = below_has(r);
	long *at = xmalloc((r->ncat + 1) * sizeof *at);
	size_t root;

	/* channel-major: total → channel → categories; a leaf category is the
	 * aggregate of its channel */
	root = tree_add(&r->chm, "total", -1, -1, -1, -1);
	for (int ch = 0; ch < IX_NCHANNEL; ch++) {
		size_t cn;
		int any = 0;
		for (size_t e = 0; e < r->panel.nea; e++)
			any |= r->ea_ch[e] == ch;
		if (!any)
			continue;
		cn = tree_add(&r->chm, IX_CHANNEL[ch], (long)root, ch, -1, -1);
		for (size_t c = 0; c < r->ncat; c++) {
			long p = r->cat[c].parent < 0 ? (long)cn : at[r->cat[c].parent];
			at[c] = -1;
			if (!has[c * W + (size_t)ch])
				continue;
			at[c] = (long)tree_add(&r->chm, r->cat[c].code, p, ch, (long)c,
			                       r->cat[c].nchild ? -1 : ea_of(r, c, ch));
		}
	}
	/* category-major: total → categories → leaf × channel */
	root = tree_add(&r->cm, "total", -1, -1, -1, -1);
	for (size_t c = 0; c < r->ncat; c++) {
		long p = r->cat[c].parent < 0 ? (long)root : at[r->cat[c].parent];
		at[c] = -1;
		if (!has[c * W + IX_NCHANNEL])
			continue;
		at[c] = (long)tree_add(&r->cm, r->cat[c].code, p, -1, (long)c, -1);
		if (r->cat[c].nchild == 0)
			for (int ch = 0; ch < IX_NCHANNEL; ch++) {
				long e = ea_of(r, c, ch);
				if (e >= 0)
					tree_add(&r->cm, r->panel.ea_name[e], at[c], ch, (long)c, e);
			}
	}
	free(at);
	free(has);
}

/* Each segment's weights on tr's nodes, their reference periods, and the
 * series. */
static int tree_compute(struct ixrun *r, struct ixtree *tr, const size_t *link, const double *wt,
                        struct kfq_err *err)
{
	size_t nea = r->panel.nea;
	tr->w = xcalloc(r->nseg * tr->n, sizeof *tr->w);
	tr->seg = xcalloc(r->nseg, sizeof *tr->seg);
	for (size_t k = 0; k < r->nseg; k++) {
		double *w = tr->w + k * tr->n;
		int ly, lm;
		for (size_t i = 0; i < tr->n; i++)
			if (tr->node[i].ea >= 0)
				w[i] = wt[k * nea + (size_t)tr->node[i].ea];
		for (size_t i = tr->n; i-- > 1;)
			w[tr->node[i].parent] += w[i];
		/* reference period: year Y-1's months from the base on, up to the link */
		ixrun_month(r, link[k], &ly, &lm);
		tr->seg[k].w = w;
		if (ly == r->seg_year[k] - 1) {
			int from = ix_mi(ly, 1) - ix_mi(r->set.base_year, r->set.base_month);
			tr->seg[k].wref_from = from > 0 ? (size_t)from : 0;
			tr->seg[k].wref_n = link[k] - tr->seg[k].wref_from + 1;
		}
	}
	for (size_t i = 0; i < tr->n; i++)
		tr->node[i].weight = tr->w[i];
	struct pi_tree pt = { tr->node, tr->n };
	struct pi_config cfg = { r->set.formula, tr->seg, r->nseg };
	if (pi_series_compute(&tr->s, &r->panel, &pt, &cfg, err) < 0) {
		ixrun_err_months(r, err);
		return -1;
	}
	if (tr->s.nseg != r->nseg)
		return kfq_fault(err, "price index: %zu year segments, expected %zu", tr->s.nseg,
		                 r->nseg);
	return 0;
}

void ixrun_release(struct ixrun *r)
{
	for (size_t i = 0; i < r->ncat; i++) {
		free(r->cat[i].code);
		free(r->cat[i].name);
	}
	free(r->cat);
	free(r->ea_cat);
	free(r->ea_ch);
	free(r->item_id);
	free(r->seg_year);
	tree_release(&r->chm);
	tree_release(&r->cm);
	pi_panel_release(&r->panel);
	pi_report_release(&r->rep);
	memset(r, 0, sizeof *r);
}

int ixrun_build(struct kfq_db *db, const struct ixcalc_settings *s, struct ixrun *r,
                struct kfq_err *err)
{
	struct items it;
	size_t *link = NULL;
	double *wt = NULL;
	int b, p, rc = -1;

	memset(r, 0, sizeof *r);
	memset(&it, 0, sizeof it);
	r->set = *s;
	r->set.unit = r->set.revise = NULL;
	if (s->base_month < 1 || s->base_month > 12 || s->month < 1 || s->month > 12)
		return kfq_fault(err, "index: month out of range");
	if ((unsigned)s->formula > PI_CARLI)
		return kfq_fault(err, "index: unknown formula %d", (int)s->formula);
	if (s->outlier_k != 0 && !(s->outlier_k > 1 && isfinite(s->outlier_k)))
		return kfq_error(err, "outlier bound k = %g: expected a number greater than 1 (or 0: "
		                 "no outlier flags)", s->outlier_k);
	if (s->max_impute < 0)
		return kfq_error(err, "max_impute %d: expected 0 (no limit) or more", s->max_impute);
	b = ix_mi(s->base_year, s->base_month);
	p = ix_mi(s->year, s->month);
	if (p < b)
		return kfq_error(err, "period %04d-%02d is before the base %04d-%02d (the index starts "
		                 "at its base = 100)", s->year, s->month, s->base_year, s->base_month);
	if (p - b >= 12 * 100)
		return kfq_error(err, "period %04d-%02d is more than a hundred years after the base "
		                 "%04d-%02d", s->year, s->month, s->base_year, s->base_month);
	r->nper = (size_t)(p - b + 1);
	pi_panel_init(&r->panel, r->nper, s->base_month);
	pi_report_init(&r->rep);
	if (load_categories(db, r, err) < 0 || load_items(db, r, &it, err) < 0 ||
	    load_quotes(db, r, &it, err) < 0 || build_panel(r, &it, err) < 0)
		goto out;
	if (pi_prepare(&r->panel, s->formula, s->max_impute, s->outlier_k, &r->rep, err) < 0) {
		ixrun_err_months(r, err);
		goto out;
	}
	link = xmalloc(r->nper * sizeof *link);
	segments(r, link);
	wt = xmalloc(r->nseg * r->panel.nea * sizeof *wt);
	if (load_weights(db, r, link, wt, err) < 0)
		goto out;
	build_trees(r);
	if (tree_compute(r, &r->chm, link, wt, err) < 0 || tree_compute(r, &r->cm, link, wt, err) < 0)
		goto out;
	/* the total is the same Lowe index whichever way the tree is cut */
	for (size_t t = 0; t < r->nper; t++) {
		double a = r->chm.s.level[t], c = r->cm.s.level[t];
		if (fabs(a - c) > 1e-9 * fabs(a)) {
			kfq_fault(err, "price index: the total differs between the trees (%.12g, %.12g)",
			          a, c);
			goto out;
		}
	}
	rc = 0;
out:
	free(link);
	free(wt);
	items_release(&it);
	if (rc < 0)
		ixrun_release(r);
	return rc;
}
