/* ixcalc_tree.c: the upper levels of one run of the price index (see
 * ixcalc_run.h): the year segments chained every December, the yearly
 * weights read from the store and checked for every elementary aggregate,
 * the two trees over the aggregates (channel-major and category-major) and
 * their Lowe series, which must agree on the total. The panel they start
 * from is ixcalc_panel.c. Depends on base, store and the price engine; it
 * must not depend on model, calc or anything that writes. */
#include "index/ixcalc_run.h"
#include "base/xalloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

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
		long c = ixrun_cat_of(r, st_i64(st, 1));
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

void ixtree_release(struct ixtree *tr)
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
 * series; with `impute`, first the aggregates with no price in a month
 * imputed from their parents in tr (pi_impute_parents; the category-major
 * tree, so that both trees then see one panel). */
static int tree_compute(struct ixrun *r, struct ixtree *tr, const size_t *link, const double *wt,
                        int impute, struct kfq_err *err)
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
	if (impute && pi_impute_parents(&r->panel, &pt, &cfg, r->set.max_impute, &r->rep, err) < 0) {
		ixrun_err_months(r, err);
		return -1;
	}
	if (pi_series_compute(&tr->s, &r->panel, &pt, &cfg, err) < 0) {
		ixrun_err_months(r, err);
		return -1;
	}
	if (tr->s.nseg != r->nseg)
		return kfq_fault(err, "price index: %zu year segments, expected %zu", tr->s.nseg,
		                 r->nseg);
	return 0;
}

int ixrun_trees(struct kfq_db *db, struct ixrun *r, struct kfq_err *err)
{
	size_t *link = xmalloc(r->nper * sizeof *link);
	double *wt;
	int rc = -1;
	segments(r, link);
	wt = xmalloc(r->nseg * r->panel.nea * sizeof *wt);
	if (load_weights(db, r, link, wt, err) < 0)
		goto out;
	build_trees(r);
	if (tree_compute(r, &r->cm, link, wt, 1, err) < 0 ||
	    tree_compute(r, &r->chm, link, wt, 0, err) < 0)
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
	return rc;
}
