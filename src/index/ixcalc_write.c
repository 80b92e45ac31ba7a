/* ixcalc_write.c: kfq index compute and publish (see ixcalc.h): the run's
 * results stored in ix_value, ix_flag, ix_prosperity and ix_month; the check
 * of published (frozen) months and their revision, kept in history; then
 * the core's figures (ixcalc_core.c). Depends on base, store, model,
 * calc/rollup and the engines. */
#include "index/ixcalc_run.h"
#include "index/prosperity.h"
#include "base/dec.h"
#include "base/sbuf.h"
#include "base/xalloc.h"
#include "calc/rollup.h"
#include "model/indicator.h"
#include "store/history.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the run's values ---- */

/* One stored series: a node of one of the trees. */
struct series {
	int ch;
	long cat;
	const double *level;   /* [nper] */
	size_t tree, node;     /* tree 0: channel-major, 1: category-major */
	char name[160];        /* "factory/frames" ... for messages */
	char hist[192];        /* eyewear_pi_factory_frames ... for history */
};

struct vals {
	struct series *s;
	size_t n;
	double *contrib;       /* [series * nper + t], NAN where none */
};

static void vals_release(struct vals *v)
{
	free(v->s);
	free(v->contrib);
	memset(v, 0, sizeof *v);
}

static const char *ch_text(int ch)
{
	return ch < 0 ? "" : IX_CHANNEL[ch];
}

static const char *cat_text(const struct ixrun *r, long cat)
{
	return cat < 0 ? "" : r->cat[cat].code;
}

static int make_vals(const struct ixrun *r, struct vals *v, struct kfq_err *err)
{
	const struct ixtree *tr[2] = { &r->chm, &r->cm };
	double *pp[2];
	v->s = xcalloc(r->chm.n + r->cm.n, sizeof *v->s);
	v->n = 0;
	for (size_t k = 0; k < 2; k++)
		for (size_t i = 0; i < tr[k]->n; i++) {
			struct series *s;
			if (k == 1 && (tr[k]->ch[i] >= 0 || tr[k]->cat[i] < 0))
				continue;   /* the total and the aggregates are in the first tree */
			s = &v->s[v->n++];
			s->ch = tr[k]->ch[i];
			s->cat = tr[k]->cat[i];
			s->level = tr[k]->s.level + i * r->nper;
			s->tree = k;
			s->node = i;
			if (s->ch < 0 && s->cat < 0)
				snprintf(s->name, sizeof s->name, "total");
			else
				snprintf(s->name, sizeof s->name, "%s%s%s", ch_text(s->ch),
				         s->ch >= 0 && s->cat >= 0 ? "/" : "", cat_text(r, s->cat));
			snprintf(s->hist, sizeof s->hist, "eyewear_pi%s%s%s%s", s->ch >= 0 ? "_" : "",
			         ch_text(s->ch), s->cat >= 0 ? "_" : "", cat_text(r, s->cat));
		}
	v->contrib = xmalloc(v->n * r->nper * sizeof *v->contrib);
	for (size_t k = 0; k < v->n * r->nper; k++)
		v->contrib[k] = NAN;
	pp[0] = xmalloc(r->chm.n * sizeof *pp[0]);
	pp[1] = xmalloc(r->cm.n * sizeof *pp[1]);
	for (size_t t = 1; t < r->nper; t++) {
		for (size_t k = 0; k < 2; k++)
			if (pi_contributions_deep(&tr[k]->s, 0, t - 1, t, pp[k], err) < 0) {
				free(pp[0]);
				free(pp[1]);
				return -1;
			}
		for (size_t i = 0; i < v->n; i++)
			if (v->s[i].node != 0)
				v->contrib[i * r->nper + t] = pp[v->s[i].tree][v->s[i].node];
	}
	free(pp[0]);
	free(pp[1]);
	return 0;
}

static double mom_of(const double *lv, size_t t)
{
	return (lv[t] / lv[t - 1] - 1) * 100;
}

static double yoy_of(const double *lv, size_t t)
{
	return (lv[t] / lv[t - 12] - 1) * 100;
}

/* ---- frozen months ---- */

static int same(double a, double b)
{
	if (isnan(a) || isnan(b))
		return isnan(a) && isnan(b);
	return fabs(a - b) <= 1e-9 * fmax(1, fmax(fabs(a), fabs(b)));
}

struct diff {
	int year, month;
	char name[160], hist[192];
	double old, now;   /* NAN: none */
};

struct diffs {
	struct diff *v;
	size_t n, cap;
};

static void diff_add(struct diffs *d, int y, int m, const char *name, const char *hist,
                     double old, double now)
{
	XGROW(d->v, d->n + 1, d->cap);
	d->v[d->n] = (struct diff){ y, m, "", "", old, now };
	snprintf(d->v[d->n].name, sizeof d->v[d->n].name, "%s", name);
	snprintf(d->v[d->n].hist, sizeof d->v[d->n].hist, "%s", hist);
	d->n++;
}

static double col_or_nan(struct kfq_stmt *st, int i)
{
	return st_null(st, i) ? NAN : st_double(st, i);
}

/* Compare month t's new values (and prosperity rows) with the stored ones. */
static int compare_month(struct kfq_db *db, const struct ixrun *r, const struct vals *v,
                         const struct ixprosp *pp, size_t t, struct diffs *d,
                         struct kfq_err *err)
{
	struct kfq_stmt *st;
	int y, m, rc;
	char *seen = xcalloc(v->n + 1, 1);
	ixrun_month(r, t, &y, &m);
	if (db_prepare(db, "SELECT channel, category, level, mom, yoy, contrib FROM ix_value "
	               "WHERE year = ? AND month = ?", &st, err) < 0) {
		free(seen);
		return -1;
	}
	st_bind_int(st, 1, y);
	st_bind_int(st, 2, m);
	while ((rc = st_step(st)) == ST_ROW) {
		const char *ch = st_text(st, 0);
		const char *cat = st_text(st, 1);
		double level = st_double(st, 2);
		size_t i;
		for (i = 0; i < v->n; i++)
			if (strcmp(ch_text(v->s[i].ch), ch) == 0 && strcmp(cat_text(r, v->s[i].cat), cat) == 0)
				break;
		if (i == v->n) {
			char name[160], hist[192];
			snprintf(name, sizeof name, "%s%s%s", *ch ? ch : "", *ch && *cat ? "/" : "", cat);
			snprintf(hist, sizeof hist, "eyewear_pi%s%s%s%s", *ch ? "_" : "", ch,
			         *cat ? "_" : "", cat);
			diff_add(d, y, m, *name ? name : "total", hist, level, NAN);
			continue;
		}
		seen[i] = 1;
		const double *lv = v->s[i].level;
		if (!same(level, lv[t]) ||
		    !same(col_or_nan(st, 3), t >= 1 ? mom_of(lv, t) : NAN) ||
		    !same(col_or_nan(st, 4), t >= 12 ? yoy_of(lv, t) : NAN) ||
		    !same(col_or_nan(st, 5), v->contrib[i * r->nper + t]))
			diff_add(d, y, m, v->s[i].name, v->s[i].hist, level, lv[t]);
	}
	if (rc != ST_DONE) {
		db_fault(db, err, "reading index values");
		st_finalize(st);
		free(seen);
		return -1;
	}
	st_finalize(st);
	for (size_t i = 0; i < v->n; i++)
		if (!seen[i])
			diff_add(d, y, m, v->s[i].name, v->s[i].hist, NAN, v->s[i].level[t]);
	free(seen);

	/* prosperity */
	seen = xcalloc(pp->n + 1, 1);
	if (db_prepare(db, "SELECT survey, question, idx, n_up, n_flat, n_down, n_none "
	               "FROM ix_prosperity WHERE year = ? AND month = ?", &st, err) < 0) {
		free(seen);
		return -1;
	}
	st_bind_int(st, 1, y);
	st_bind_int(st, 2, m);
	while ((rc = st_step(st)) == ST_ROW) {
		const char *sv = st_text(st, 0);
		const char *q = st_text(st, 1);
		double idx = st_null(st, 2) ? NAN : st_double(st, 2);
		char name[160], hist[192];
		size_t k;
		snprintf(name, sizeof name, "prosperity%s%s%s%s", *sv ? " " : "", sv, *q ? "/" : "", q);
		snprintf(hist, sizeof hist, "eyewear_prosperity%s%s%s%s", *sv ? "_" : "", sv,
		         *q ? "_" : "", q);
		for (k = 0; k < pp->n; k++)
			if (pp->v[k].year == y && pp->v[k].month == m && strcmp(pp->v[k].survey, sv) == 0 &&
			    strcmp(pp->v[k].question, q) == 0)
				break;
		if (k == pp->n) {
			diff_add(d, y, m, name, hist, idx, NAN);
			continue;
		}
		seen[k] = 1;
		int counts_same = 1;
		if (pp->v[k].has_counts)
			for (int c = 0; c < 4; c++)
				counts_same &= st_i64(st, 3 + c) == pp->v[k].n[c];
		if (!same(idx, pp->v[k].idx) || !counts_same)
			diff_add(d, y, m, name, hist, idx, pp->v[k].idx);
	}
	if (rc != ST_DONE) {
		db_fault(db, err, "reading prosperity values");
		st_finalize(st);
		free(seen);
		return -1;
	}
	st_finalize(st);
	for (size_t k = 0; k < pp->n; k++)
		if (pp->v[k].year == y && pp->v[k].month == m && !seen[k]) {
			char name[160], hist[192];
			const char *sv = pp->v[k].survey, *q = pp->v[k].question;
			snprintf(name, sizeof name, "prosperity%s%s%s%s", *sv ? " " : "", sv, *q ? "/" : "",
			         q);
			snprintf(hist, sizeof hist, "eyewear_prosperity%s%s%s%s", *sv ? "_" : "", sv,
			         *q ? "_" : "", q);
			diff_add(d, y, m, name, hist, NAN, pp->v[k].idx);
		}
	free(seen);
	return 0;
}

static void put_level(struct sbuf *b, double x)
{
	if (isnan(x))
		sbuf_addf(b, "none");
	else
		sbuf_addf(b, "%.4f", pi_round(x, 4));
}

static int refuse(const struct diffs *d, struct kfq_err *err)
{
	struct sbuf b;
	size_t shown = 0, months = 0;
	sbuf_init(&b);
	for (size_t i = 0; i < d->n; i++) {
		int first = i == 0 || d->v[i].year != d->v[i - 1].year ||
		            d->v[i].month != d->v[i - 1].month;
		months += first;
		if (shown == 12)
			continue;
		sbuf_addf(&b, "%s", first ? (i ? "; " : "") : ", ");
		if (first)
			sbuf_addf(&b, "%04d-%02d: ", d->v[i].year, d->v[i].month);
		sbuf_addf(&b, "%s ", d->v[i].name);
		put_level(&b, d->v[i].old);
		sbuf_addf(&b, " → ");
		put_level(&b, d->v[i].now);
		shown++;
	}
	kfq_error(err, "published months would change (%zu series in %zu month%s): %s%s; a published "
	          "month changes only by a revision with its reason (--revise REASON), kept in "
	          "history", d->n, months, months == 1 ? "" : "s", b.buf,
	          shown < d->n ? " ..." : "");
	sbuf_release(&b);
	return -1;
}

/* ---- writing ---- */

static int exec_range(struct kfq_db *db, const char *sql, int b, int p, struct kfq_err *err)
{
	struct kfq_stmt *st;
	int rc;
	if (db_prepare(db, sql, &st, err) < 0)
		return -1;
	st_bind_int(st, 1, b);
	st_bind_int(st, 2, p);
	if ((rc = st_step(st)) != ST_DONE)
		db_fault(db, err, "clearing index results");
	st_finalize(st);
	return rc == ST_DONE ? 0 : -1;
}

static int clear_results(struct kfq_db *db, int b, int p, struct kfq_err *err)
{
	static const char *const SQL[] = {
		"DELETE FROM ix_value WHERE year * 12 + month - 1 BETWEEN ?1 AND ?2 OR (year, month) IN "
		"(SELECT year, month FROM ix_month WHERE published_at IS NULL)",
		"DELETE FROM ix_flag WHERE year * 12 + month - 1 BETWEEN ?1 AND ?2 OR (year, month) IN "
		"(SELECT year, month FROM ix_month WHERE published_at IS NULL)",
		"DELETE FROM ix_prosperity WHERE year * 12 + month - 1 BETWEEN ?1 AND ?2 OR "
		"(year, month) IN (SELECT year, month FROM ix_month WHERE published_at IS NULL)",
		"DELETE FROM ix_month WHERE published_at IS NULL AND year * 12 + month - 1 "
		"NOT BETWEEN ?1 AND ?2",
	};
	for (size_t i = 0; i < sizeof SQL / sizeof SQL[0]; i++)
		if (exec_range(db, SQL[i], b, p, err) < 0)
			return -1;
	return 0;
}

static void bind_opt(struct kfq_stmt *st, int i, double x)
{
	if (isnan(x))
		st_bind_null(st, i);
	else
		st_bind_double(st, i, x);
}

static int write_values(struct kfq_db *db, const struct ixrun *r, const struct vals *v,
                        struct kfq_err *err)
{
	struct kfq_stmt *st;
	int rc = 0;
	if (db_prepare(db, "INSERT INTO ix_value(year, month, channel, category, level, mom, yoy, "
	               "contrib) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", &st, err) < 0)
		return -1;
	for (size_t t = 0; t < r->nper && rc == 0; t++) {
		int y, m;
		ixrun_month(r, t, &y, &m);
		for (size_t i = 0; i < v->n && rc == 0; i++) {
			const double *lv = v->s[i].level;
			st_reset(st);
			st_bind_int(st, 1, y);
			st_bind_int(st, 2, m);
			st_bind_text(st, 3, ch_text(v->s[i].ch));
			st_bind_text(st, 4, cat_text(r, v->s[i].cat));
			st_bind_double(st, 5, lv[t]);
			bind_opt(st, 6, t >= 1 ? mom_of(lv, t) : NAN);
			bind_opt(st, 7, t >= 12 ? yoy_of(lv, t) : NAN);
			bind_opt(st, 8, v->contrib[i * r->nper + t]);
			if (st_step(st) != ST_DONE)
				rc = db_fault(db, err, "writing index values");
		}
	}
	st_finalize(st);
	return rc;
}

static int write_flags(struct kfq_db *db, const struct ixrun *r, struct kfq_err *err)
{
	static const char *const KIND[] = { "imputed", "replaced", "outlier" };
	struct kfq_stmt *st;
	int rc = 0;
	if (db_prepare(db, "INSERT INTO ix_flag(year, month, kind, item_id, other_id, value, ref) "
	               "VALUES (?, ?, ?, ?, ?, ?, ?)", &st, err) < 0)
		return -1;
	for (size_t k = 0; k < r->rep.n && rc == 0; k++) {
		const struct pi_note *no = &r->rep.note[k];
		int y, m;
		ixrun_month(r, no->period, &y, &m);
		st_reset(st);
		st_bind_int(st, 1, y);
		st_bind_int(st, 2, m);
		st_bind_text(st, 3, KIND[no->kind]);
		st_bind_i64(st, 4, r->item_id[no->item]);
		if (no->kind == PI_NOTE_REPLACED)
			st_bind_i64(st, 5, r->item_id[no->other]);
		else
			st_bind_null(st, 5);
		st_bind_double(st, 6, no->value);
		if (no->kind == PI_NOTE_REPLACED)
			st_bind_null(st, 7);
		else
			st_bind_double(st, 7, no->ref);
		if (st_step(st) != ST_DONE)
			rc = db_fault(db, err, "writing index flags");
	}
	st_finalize(st);
	return rc;
}

static int write_prosperity(struct kfq_db *db, const struct ixprosp *pp, struct kfq_err *err)
{
	struct kfq_stmt *st;
	int rc = 0;
	if (db_prepare(db, "INSERT INTO ix_prosperity(year, month, survey, question, n_up, n_flat, "
	               "n_down, n_none, idx) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", &st, err) < 0)
		return -1;
	for (size_t k = 0; k < pp->n && rc == 0; k++) {
		const struct ixprow *w = &pp->v[k];
		st_reset(st);
		st_bind_int(st, 1, w->year);
		st_bind_int(st, 2, w->month);
		st_bind_text(st, 3, w->survey);
		st_bind_text(st, 4, w->question);
		for (int c = 0; c < 4; c++)
			if (w->has_counts)
				st_bind_i64(st, 5 + c, w->n[c]);
			else
				st_bind_null(st, 5 + c);
		if (isnan(w->idx))
			st_bind_null(st, 9);
		else
			st_bind_double(st, 9, w->idx);
		if (st_step(st) != ST_DONE)
			rc = db_fault(db, err, "writing prosperity values");
	}
	st_finalize(st);
	return rc;
}

static int write_months(struct kfq_db *db, const struct ixrun *r, const struct diffs *d,
                        struct kfq_err *err)
{
	struct kfq_stmt *st;
	const char *now = db_ctx(db)->now;
	char set[256];
	int rc = 0;
	ixcalc_settings_text(&r->set, set, sizeof set);
	if (db_prepare(db, "INSERT INTO ix_month(year, month, computed_at, settings) VALUES "
	               "(?1, ?2, ?3, ?4) ON CONFLICT(year, month) DO UPDATE SET computed_at = ?3, "
	               "settings = ?4, revision = ix_month.revision + ?5", &st, err) < 0)
		return -1;
	for (size_t t = 0; t < r->nper && rc == 0; t++) {
		int y, m, revised = 0;
		ixrun_month(r, t, &y, &m);
		for (size_t i = 0; i < d->n && !revised; i++)
			revised = d->v[i].year == y && d->v[i].month == m;
		st_reset(st);
		st_bind_int(st, 1, y);
		st_bind_int(st, 2, m);
		st_bind_text(st, 3, now);
		st_bind_text(st, 4, set);
		st_bind_int(st, 5, revised);
		if (st_step(st) != ST_DONE)
			rc = db_fault(db, err, "writing index months");
	}
	st_finalize(st);
	return rc;
}

static int write_history(struct kfq_db *db, const struct diffs *d, const char *unit,
                         const char *reason, struct kfq_err *err)
{
	for (size_t i = 0; i < d->n; i++) {
		char per[16];
		dec o = 0, n = 0;
		struct history_entry h = { .kind = "index", .unit = unit, .indicator = d->v[i].hist,
		                           .period = per, .note = reason };
		snprintf(per, sizeof per, "%04d-%02d", d->v[i].year, d->v[i].month);
		if (!isnan(d->v[i].old)) {
			o = (dec)llround(pi_round(d->v[i].old, 4) * 10000);
			h.old_value = &o;
		}
		if (!isnan(d->v[i].now)) {
			n = (dec)llround(pi_round(d->v[i].now, 4) * 10000);
			h.new_value = &n;
		}
		if (history_add(db, &h, err) < 0)
			return -1;
	}
	return 0;
}

/* ---- compute ---- */

static int compute(struct kfq_db *db, const struct ixcalc_settings *s,
                   struct ixcalc_summary *sum, struct kfq_err *err)
{
	struct ixrun r;
	struct ixprosp pp;
	struct vals v;
	struct diffs d = { NULL, 0, 0 };
	struct kfq_stmt *st;
	int64_t unit;
	int b = ix_mi(s->base_year, s->base_month), p = ix_mi(s->year, s->month), rc = -1;
	int *pub = NULL;
	size_t npub = 0, pcap = 0;

	memset(&v, 0, sizeof v);
	memset(&pp, 0, sizeof pp);
	if (s->revise && !*s->revise)
		return kfq_error(err, "a revision needs its reason (it is kept in history)");
	if (ixcore_unit(db, s->unit, &unit, sum->unit, sizeof sum->unit, err) < 0)
		return -1;
	/* published months */
	if (db_prepare(db, "SELECT year * 12 + month - 1 FROM ix_month WHERE published_at IS NOT "
	               "NULL ORDER BY 1", &st, err) < 0)
		return -1;
	while ((rc = st_step(st)) == ST_ROW) {
		XGROW(pub, npub + 1, pcap);
		pub[npub++] = st_int(st, 0);
	}
	if (rc != ST_DONE) {
		db_fault(db, err, "reading index months");
		st_finalize(st);
		free(pub);
		return -1;
	}
	st_finalize(st);
	if (npub && pub[0] < b && p >= b) {
		kfq_error(err, "month %04d-%02d is published, so the base cannot be after it (base "
		          "%04d-%02d); to show the index on another reference period use kfq index show "
		          "--rebase", pub[0] / 12, pub[0] % 12 + 1, s->base_year, s->base_month);
		free(pub);
		return -1;
	}
	if (ixrun_build(db, s, &r, err) < 0) {
		free(pub);
		return -1;
	}
	rc = -1;
	if (ixprosp_compute(db, s->base_year, s->base_month, s->year, s->month, &pp, err) < 0 ||
	    make_vals(&r, &v, err) < 0)
		goto out;
	for (size_t k = 0; k < npub; k++)
		if (pub[k] >= b && pub[k] <= p &&
		    compare_month(db, &r, &v, &pp, (size_t)(pub[k] - b), &d, err) < 0)
			goto out;
	if (d.n && !s->revise) {
		refuse(&d, err);
		goto out;
	}
	if (clear_results(db, b, p, err) < 0 || write_values(db, &r, &v, err) < 0 ||
	    write_flags(db, &r, err) < 0 || write_prosperity(db, &pp, err) < 0 ||
	    write_months(db, &r, &d, err) < 0 || write_history(db, &d, sum->unit, s->revise, err) < 0 ||
	    ixcore_publish(db, unit, err) < 0 || db_meta_set(db, "index.unit", sum->unit, err) < 0)
		goto out;
	sum->nmonths = r.nper;
	sum->nitems = r.panel.nitem;
	sum->nea = r.panel.nea;
	sum->nquotes = r.nquotes;
	for (size_t k = 0; k < r.rep.n; k++) {
		sum->nimputed += r.rep.note[k].kind == PI_NOTE_IMPUTED;
		sum->nreplaced += r.rep.note[k].kind == PI_NOTE_REPLACED;
		sum->noutliers += r.rep.note[k].kind == PI_NOTE_OUTLIER;
	}
	sum->nprosperity = pp.nmonths;
	sum->nrevised_series = d.n;
	for (size_t i = 0; i < d.n; i++)
		sum->nrevised += i == 0 || d.v[i].year != d.v[i - 1].year ||
		                 d.v[i].month != d.v[i - 1].month;
	rc = 0;
out:
	free(d.v);
	free(pub);
	vals_release(&v);
	ixprosp_release(&pp);
	ixrun_release(&r);
	return rc;
}

int ixcalc_compute(const struct kfq_ctx *cx, struct kfq_db *db, const struct ixcalc_settings *s,
                   struct ixcalc_summary *out, struct kfq_err *err)
{
	struct ixcalc_summary sum;
	int own = !db_in_tx(db);
	for (int attempt = 1;; attempt++) {
		memset(&sum, 0, sizeof sum);
		if (own && db_begin(db, cx, err) < 0)
			return -1;
		if (compute(db, s, &sum, err) == 0 && (!own || db_commit(db, err) == 0))
			break;
		if (own && db_in_tx(db))
			db_rollback(db);
		/* in a transaction of its own, run again when a concurrent writer
		 * made it fail (a server's serialization failure) */
		if (!own || err->kind != KFQ_EFAULT || !db_retryable(db) || attempt == DB_RETRIES)
			return -1;
		db_backoff(db, attempt);
	}
	if (out)
		*out = sum;
	return 0;
}

/* ---- publish ---- */

int ixcalc_publish(const struct kfq_ctx *cx, struct kfq_db *db, int year, int month, int **months,
                   size_t *n, struct kfq_err *err)
{
	struct ixcalc_month m;
	struct kfq_stmt *st;
	size_t cap = 0;
	int own = !db_in_tx(db), rc;

	*months = NULL;
	*n = 0;
	if (ixrun_need_month(db, year, month, &m, err) < 0)
		return -1;
	if (own && db_begin(db, cx, err) < 0)
		return -1;
	if (db_prepare(db, "SELECT year * 100 + month FROM ix_month WHERE published_at IS NULL AND "
	               "year * 12 + month <= ? ORDER BY year, month", &st, err) < 0)
		goto fail;
	st_bind_int(st, 1, year * 12 + month);
	while ((rc = st_step(st)) == ST_ROW) {
		XGROW(*months, *n + 1, cap);
		(*months)[(*n)++] = st_int(st, 0);
	}
	if (rc != ST_DONE) {
		db_fault(db, err, "reading index months");
		st_finalize(st);
		goto fail;
	}
	st_finalize(st);
	if (db_prepare(db, "UPDATE ix_month SET published_at = ? WHERE published_at IS NULL AND "
	               "year * 12 + month <= ?", &st, err) < 0)
		goto fail;
	st_bind_text(st, 1, db_ctx(db)->now);
	st_bind_int(st, 2, year * 12 + month);
	rc = st_step(st);
	if (rc != ST_DONE) {
		db_fault(db, err, "freezing index months");
		st_finalize(st);
		goto fail;
	}
	st_finalize(st);
	if (own && db_commit(db, err) < 0)
		goto fail_nt;
	return 0;
fail:
	if (own)
		db_rollback(db);
fail_nt:
	free(*months);
	*months = NULL;
	*n = 0;
	return -1;
}
