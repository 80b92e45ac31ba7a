/* ixcalc_read.c: the stored results read back for kfq index (see ixcalc.h):
 * computed months, one series (rebased on request), flags, prosperity; and
 * what is not stored but recomputed with a month's stored settings and
 * checked against its stored level: the contributions to the total's
 * month-on-month and year-on-year change, rounded to add up, and the
 * superlative comparison. Depends on base, store and the engines. */
#include "index/ixcalc_run.h"
#include "base/xalloc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void text_col(char *buf, size_t n, struct kfq_stmt *st, int i)
{
	const char *s = st_text(st, i);
	snprintf(buf, n, "%s", s ? s : "");
}

static const char SQL_MONTHS[] =
	"SELECT year, month, computed_at, coalesce(published_at, ''), revision, settings "
	"FROM ix_month WHERE ?1 IS NULL OR year * 12 + month - 1 = ?1 ORDER BY year, month";

static int months(struct kfq_db *db, int only, struct ixcalc_month **v, size_t *n,
                  struct kfq_err *err)
{
	struct kfq_stmt *st;
	size_t cap = 0;
	int rc;
	*v = NULL;
	*n = 0;
	if (db_prepare(db, SQL_MONTHS, &st, err) < 0)
		return -1;
	if (only >= 0)
		st_bind_int(st, 1, only);
	while ((rc = st_step(st)) == ST_ROW) {
		struct ixcalc_month *m;
		XGROW(*v, *n + 1, cap);
		m = &(*v)[(*n)++];
		m->year = st_int(st, 0);
		m->month = st_int(st, 1);
		text_col(m->computed_at, sizeof m->computed_at, st, 2);
		text_col(m->published_at, sizeof m->published_at, st, 3);
		m->revision = st_int(st, 4);
		text_col(m->settings, sizeof m->settings, st, 5);
	}
	if (rc != ST_DONE) {
		db_fault(db, err, "reading index months");
		st_finalize(st);
		free(*v);
		*v = NULL;
		*n = 0;
		return -1;
	}
	st_finalize(st);
	return 0;
}

int ixcalc_months(struct kfq_db *db, struct ixcalc_month **v, size_t *n, struct kfq_err *err)
{
	return months(db, -1, v, n, err);
}

int ixcalc_month_get(struct kfq_db *db, int year, int month, struct ixcalc_month *m,
                     struct kfq_err *err)
{
	struct ixcalc_month *v;
	size_t n;
	if (months(db, ix_mi(year, month), &v, &n, err) < 0)
		return -1;
	if (n)
		*m = v[0];
	free(v);
	return n > 0;
}

/* The month must be computed: 0, or a user error naming what is. */
int ixrun_need_month(struct kfq_db *db, int year, int month, struct ixcalc_month *m,
                      struct kfq_err *err)
{
	struct ixcalc_month *v;
	size_t n;
	int found = ixcalc_month_get(db, year, month, m, err);
	if (found != 0)
		return found < 0 ? -1 : 0;
	if (ixcalc_months(db, &v, &n, err) < 0)
		return -1;
	if (n)
		kfq_error(err, "%04d-%02d has not been computed (computed: %04d-%02d to %04d-%02d; kfq "
		          "index compute --period %04d-%02d)", year, month, v[0].year, v[0].month,
		          v[n - 1].year, v[n - 1].month, year, month);
	else
		kfq_error(err, "%04d-%02d has not been computed: nothing is yet (kfq index compute "
		          "--period %04d-%02d)", year, month, year, month);
	free(v);
	return -1;
}

/* ---- series ---- */

static int known_category(struct kfq_db *db, const char *code, struct kfq_err *err)
{
	struct kfq_stmt *st;
	int found, rc;
	char list[512] = "";
	if (db_prepare(db, "SELECT code FROM ix_category ORDER BY seq, code", &st, err) < 0)
		return -1;
	found = 0;
	while ((rc = st_step(st)) == ST_ROW) {
		const char *c = st_text(st, 0);
		found |= strcmp(c, code) == 0;
		if (strlen(list) + strlen(c) + 8 < sizeof list)
			snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", *list ? ", " : "",
			         c);
	}
	if (rc != ST_DONE) {
		db_fault(db, err, "reading index categories");
		st_finalize(st);
		return -1;
	}
	st_finalize(st);
	if (!found)
		return kfq_error(err, "unknown category \"%s\" (expected one of: %s)", code,
		                 *list ? list : "none yet; import index-categories first");
	return 0;
}

int ixcalc_series(struct kfq_db *db, const char *channel, const char *category,
                  const struct period *rebase, int from, int to, struct ixcalc_point **v,
                  size_t *n, struct kfq_err *err)
{
	static const char SQL[] =
		"SELECT v.year, v.month, v.level, v.mom, v.yoy, v.contrib, m.published_at IS NOT NULL, "
		"m.revision FROM ix_value v JOIN ix_month m ON m.year = v.year AND m.month = v.month "
		"WHERE v.channel = ? AND v.category = ? ORDER BY v.year, v.month";
	const char *ch = "", *cat = category && *category ? category : "";
	struct ixcalc_point *all = NULL;
	size_t na = 0, cap = 0;
	struct kfq_stmt *st;
	int rc;

	*v = NULL;
	*n = 0;
	if (channel && *channel) {
		int c = ix_channel_parse(channel);
		if (c < 0)
			return kfq_error(err, "unknown channel \"%s\" (expected factory, wholesale or "
			                 "online; or 出厂, 批发市场, 网络零售)", channel);
		ch = IX_CHANNEL[c];
	}
	if (*cat && known_category(db, cat, err) < 0)
		return -1;
	if (db_prepare(db, SQL, &st, err) < 0)
		return -1;
	st_bind_text(st, 1, ch);
	st_bind_text(st, 2, cat);
	while ((rc = st_step(st)) == ST_ROW) {
		struct ixcalc_point *p;
		XGROW(all, na + 1, cap);
		p = &all[na++];
		memset(p, 0, sizeof *p);
		p->year = st_int(st, 0);
		p->month = st_int(st, 1);
		p->level = st_double(st, 2);
		if ((p->has_mom = !st_null(st, 3)))
			p->mom = st_double(st, 3);
		if ((p->has_yoy = !st_null(st, 4)))
			p->yoy = st_double(st, 4);
		if ((p->has_contrib = !st_null(st, 5)))
			p->contrib = st_double(st, 5);
		p->published = st_int(st, 6);
		p->revision = st_int(st, 7);
	}
	if (rc != ST_DONE) {
		db_fault(db, err, "reading index values");
		st_finalize(st);
		free(all);
		return -1;
	}
	st_finalize(st);
	if (!na) {
		struct ixcalc_month *mv;
		size_t nm;
		if (ixcalc_months(db, &mv, &nm, err) < 0)
			return -1;
		free(mv);
		if (!nm)
			return kfq_error(err, "nothing has been computed yet (kfq index compute --period P)");
		if (*ch && *cat)
			return kfq_error(err, "no index for channel %s, category %s: no items are priced "
			                 "there", ch, cat);
		if (*ch)
			return kfq_error(err, "no index for channel %s: no items are priced there", ch);
		if (*cat)
			return kfq_error(err, "no index for category %s: no items are priced there", cat);
		return kfq_error(err, "no index for the total: no items are priced there");
	}
	if (rebase) {
		size_t first = na, cnt = 0;
		for (size_t i = 0; i < na; i++)
			if (all[i].year == rebase->year && all[i].month >= rebase->first &&
			    all[i].month <= rebase->last) {
				if (first == na)
					first = i;
				cnt++;
			}
		int want = rebase->last - rebase->first + 1;
		if (rebase->kind == PERIOD_YTD || cnt != (size_t)want ||
		    all[first + cnt - 1].month - all[first].month + 1 != want) {
			char per[32];
			period_format(rebase, per, sizeof per);
			kfq_error(err, "rebasing to %s: %s (computed: %04d-%02d to %04d-%02d)", per,
			          rebase->kind == PERIOD_YTD ? "expected a month, a quarter or a year"
			          : "not every month of it is computed", all[0].year, all[0].month,
			          all[na - 1].year, all[na - 1].month);
			free(all);
			return -1;
		}
		double *lv = xmalloc(na * sizeof *lv);
		for (size_t i = 0; i < na; i++)
			lv[i] = all[i].level;
		struct pi_series s = { .nnode = 1, .nper = na, .level = lv };
		rc = pi_rebase(&s, first, cnt, err);
		for (size_t i = 0; i < na; i++)
			all[i].level = lv[i];
		free(lv);
		if (rc < 0) {
			free(all);
			return -1;
		}
	}
	*v = xmalloc(na * sizeof **v);
	for (size_t i = 0; i < na; i++) {
		int mi = all[i].year * 100 + all[i].month;
		if ((from && mi < from) || (to && mi > to))
			continue;
		(*v)[(*n)++] = all[i];
	}
	free(all);
	return 0;
}

/* ---- recomputed with a month's settings ---- */

/* The run through (year, month) with the settings stored for it, checked
 * against the stored total. */
static int rerun(struct kfq_db *db, int year, int month, struct ixrun *r, struct kfq_err *err)
{
	struct ixcalc_month m;
	struct ixcalc_settings s;
	struct kfq_stmt *st;
	double stored = NAN;
	int rc;
	if (ixrun_need_month(db, year, month, &m, err) < 0 || ixcalc_settings_read(m.settings, &s, err) < 0)
		return -1;
	if (ix_mi(year, month) < ix_mi(s.base_year, s.base_month))
		return kfq_error(err, "%04d-%02d is before the base of its computation", year, month);
	s.year = year;
	s.month = month;
	if (ixrun_build(db, &s, r, err) < 0)
		return kfq_err_prefix(err, "recomputing %04d-%02d", year, month);
	if (db_prepare(db, "SELECT level FROM ix_value WHERE year = ? AND month = ? AND channel = '' "
	               "AND category = ''", &st, err) < 0) {
		ixrun_release(r);
		return -1;
	}
	st_bind_int(st, 1, year);
	st_bind_int(st, 2, month);
	if ((rc = st_step(st)) == ST_ROW) {
		stored = st_double(st, 0);
	} else if (rc != ST_DONE) {
		db_fault(db, err, "reading index values");
		st_finalize(st);
		ixrun_release(r);
		return -1;
	}
	st_finalize(st);
	double now = r->chm.s.level[r->nper - 1];
	if (isnan(stored) || fabs(stored - now) > 1e-9 * fabs(now)) {
		kfq_error(err, "the quotes, items or weights have changed since %04d-%02d was computed "
		          "(stored total %.4f, now %.4f): compute it again (kfq index compute --period "
		          "%04d-%02d, with --revise REASON if it is published)", year, month,
		          pi_round(stored, 4), pi_round(now, 4), year, month);
		ixrun_release(r);
		return -1;
	}
	return 0;
}

void ixcalc_contrib_release(struct ixcalc_contrib *c)
{
	free(c->cat);
	free(c->chan);
	memset(c, 0, sizeof *c);
}

/* Children of the root of tr: their contributions from a to b, rounded. */
static int parts(const struct ixtree *tr, size_t a, size_t b, int yoy,
                 struct ixcalc_part *out, size_t n, long long *total_units, struct kfq_err *err)
{
	double *pp = xcalloc(tr->n, sizeof *pp), *x = xmalloc((n ? n : 1) * sizeof *x), pct;
	long long *u = xmalloc((n ? n : 1) * sizeof *u);
	int rc = pi_contributions(&tr->s, 0, a, b, pp, err);
	if (rc == 0)
		rc = pi_change(&tr->s, 0, a, b, &pct, err);
	if (rc == 0) {
		size_t k = 0;
		for (size_t i = 1; i < tr->n; i++)
			if (tr->node[i].parent == 0)
				x[k++] = pp[i];
		pi_round_contributions(x, n, pct, 2, u, total_units);
		for (k = 0; k < n; k++) {
			if (yoy) {
				out[k].yoy = x[k];
				out[k].yoy_units = u[k];
			} else {
				out[k].mom = x[k];
				out[k].mom_units = u[k];
			}
		}
	}
	free(pp);
	free(x);
	free(u);
	return rc;
}

static size_t root_children(const struct ixtree *tr)
{
	size_t n = 0;
	for (size_t i = 1; i < tr->n; i++)
		n += tr->node[i].parent == 0;
	return n;
}

int ixcalc_contributions(struct kfq_db *db, int year, int month, struct ixcalc_contrib *c,
                         struct kfq_err *err)
{
	struct ixrun r;
	size_t t, k;
	int rc = 0;
	memset(c, 0, sizeof *c);
	if (rerun(db, year, month, &r, err) < 0)
		return -1;
	t = r.nper - 1;
	c->year = year;
	c->month = month;
	c->level = r.chm.s.level[t];
	c->ncat = root_children(&r.cm);
	c->nchan = root_children(&r.chm);
	c->cat = xcalloc(c->ncat + 1, sizeof *c->cat);
	c->chan = xcalloc(c->nchan + 1, sizeof *c->chan);
	k = 0;
	for (size_t i = 1; i < r.cm.n; i++)
		if (r.cm.node[i].parent == 0) {
			snprintf(c->cat[k].code, sizeof c->cat[k].code, "%s", r.cat[r.cm.cat[i]].code);
			snprintf(c->cat[k].name, sizeof c->cat[k].name, "%s", r.cat[r.cm.cat[i]].name);
			k++;
		}
	k = 0;
	for (size_t i = 1; i < r.chm.n; i++)
		if (r.chm.node[i].parent == 0) {
			snprintf(c->chan[k].code, sizeof c->chan[k].code, "%s", IX_CHANNEL[r.chm.ch[i]]);
			snprintf(c->chan[k].name, sizeof c->chan[k].name, "%s",
			         IX_CHANNEL_ZH[r.chm.ch[i]]);
			k++;
		}
	if (t >= 1) {
		long long u2;
		c->has_mom = 1;
		c->mom = (r.chm.s.level[t] / r.chm.s.level[t - 1] - 1) * 100;
		rc = parts(&r.cm, t - 1, t, 0, c->cat, c->ncat, &c->mom_units, err);
		if (rc == 0)
			rc = parts(&r.chm, t - 1, t, 0, c->chan, c->nchan, &u2, err);
	}
	if (rc == 0 && t >= 12) {
		long long u2;
		c->has_yoy = 1;
		c->yoy = (r.chm.s.level[t] / r.chm.s.level[t - 12] - 1) * 100;
		rc = parts(&r.cm, t - 12, t, 1, c->cat, c->ncat, &c->yoy_units, err);
		if (rc == 0)
			rc = parts(&r.chm, t - 12, t, 1, c->chan, c->nchan, &u2, err);
	}
	ixrun_release(&r);
	if (rc < 0)
		ixcalc_contrib_release(c);
	return rc;
}

int ixcalc_superlative(struct kfq_db *db, int year, int month, struct ixcalc_super **v,
                       size_t *n, enum pi_formula *formula, struct kfq_err *err)
{
	struct ixrun r;
	size_t t;
	int rc = 0;
	*v = NULL;
	*n = 0;
	if (rerun(db, year, month, &r, err) < 0)
		return -1;
	*formula = r.set.formula;
	t = r.nper - 1;
	if (t == 0) {
		ixrun_release(&r);
		return kfq_error(err, "%04d-%02d is the base: there is no month before it to compare "
		                 "with", year, month);
	}
	*v = xcalloc(r.panel.nea, sizeof **v);
	for (size_t e = 0; e < r.panel.nea && rc == 0; e++) {
		struct ixcalc_super *s = &(*v)[(*n)++];
		struct kfq_err e2;
		snprintf(s->category, sizeof s->category, "%s", r.cat[r.ea_cat[e]].code);
		snprintf(s->channel, sizeof s->channel, "%s", IX_CHANNEL[r.ea_ch[e]]);
		if (pi_elementary(&r.panel, e, r.set.formula, t - 1, t, &s->chosen, err) < 0) {
			ixrun_err_months(&r, err);
			rc = -1;
			break;
		}
		/* like for like: the formula over the items Fisher and Törnqvist
		 * compare (a price and a sales value in both months) */
		if (pi_elementary_matched(&r.panel, e, r.set.formula, t - 1, t, 1, &s->same,
		                          &s->nmatched, err) < 0) {
			rc = -1;
			break;
		}
		if (s->nmatched && pi_superlative(&r.panel, e, t - 1, t, &s->fisher, &s->tornqvist,
		                                  &e2) == 0)
			s->has_super = 1;
	}
	ixrun_release(&r);
	if (rc < 0) {
		free(*v);
		*v = NULL;
		*n = 0;
	}
	return rc;
}

/* ---- flags and prosperity ---- */

int ixcalc_flags(struct kfq_db *db, int year, int month, struct ixcalc_flag **v, size_t *n,
                 struct kfq_err *err)
{
	static const char SQL[] =
		"SELECT f.kind, i.code, coalesce(o.code, ''), u.code, c.code, i.channel, f.value, "
		"coalesce(f.ref, 0) FROM ix_flag f JOIN ix_item i ON i.id = f.item_id "
		"LEFT JOIN ix_item o ON o.id = f.other_id JOIN unit u ON u.id = i.unit_id "
		"JOIN ix_category c ON c.id = i.category_id WHERE f.year = ? AND f.month = ? "
		"ORDER BY CASE f.kind WHEN 'outlier' THEN 0 WHEN 'imputed' THEN 1 ELSE 2 END, i.code";
	struct ixcalc_month m;
	struct kfq_stmt *st;
	size_t cap = 0;
	int rc;
	*v = NULL;
	*n = 0;
	if (ixrun_need_month(db, year, month, &m, err) < 0)
		return -1;
	if (db_prepare(db, SQL, &st, err) < 0)
		return -1;
	st_bind_int(st, 1, year);
	st_bind_int(st, 2, month);
	while ((rc = st_step(st)) == ST_ROW) {
		struct ixcalc_flag *f;
		XGROW(*v, *n + 1, cap);
		f = &(*v)[(*n)++];
		text_col(f->kind, sizeof f->kind, st, 0);
		text_col(f->item, sizeof f->item, st, 1);
		text_col(f->other, sizeof f->other, st, 2);
		text_col(f->reporter, sizeof f->reporter, st, 3);
		text_col(f->category, sizeof f->category, st, 4);
		text_col(f->channel, sizeof f->channel, st, 5);
		f->value = st_double(st, 6);
		f->ref = st_double(st, 7);
	}
	if (rc != ST_DONE) {
		db_fault(db, err, "reading index flags");
		st_finalize(st);
		free(*v);
		*v = NULL;
		*n = 0;
		return -1;
	}
	st_finalize(st);
	return 0;
}

int ixcalc_prosperity(struct kfq_db *db, int year, int month, struct ixcalc_prow **v,
                      size_t *n, struct kfq_err *err)
{
	static const char SQL[] =
		"SELECT p.survey, coalesce(s.name, ''), p.question, coalesce(q.name, ''), "
		"coalesce(q.inverted, 0), p.n_up IS NOT NULL, p.n_up, p.n_flat, p.n_down, p.n_none, p.idx "
		"FROM ix_prosperity p LEFT JOIN ix_survey s ON s.code = p.survey "
		"LEFT JOIN ix_question q ON q.survey = p.survey AND q.code = p.question "
		"WHERE p.year = ? AND p.month = ? "
		"ORDER BY p.survey = '', p.survey, p.question = '', q.seq, p.question";
	struct ixcalc_month m;
	struct kfq_stmt *st;
	size_t cap = 0;
	int rc;
	*v = NULL;
	*n = 0;
	if (ixrun_need_month(db, year, month, &m, err) < 0)
		return -1;
	if (db_prepare(db, SQL, &st, err) < 0)
		return -1;
	st_bind_int(st, 1, year);
	st_bind_int(st, 2, month);
	while ((rc = st_step(st)) == ST_ROW) {
		struct ixcalc_prow *p;
		XGROW(*v, *n + 1, cap);
		p = &(*v)[(*n)++];
		text_col(p->survey, sizeof p->survey, st, 0);
		text_col(p->survey_name, sizeof p->survey_name, st, 1);
		text_col(p->question, sizeof p->question, st, 2);
		text_col(p->question_name, sizeof p->question_name, st, 3);
		p->inverted = st_int(st, 4);
		p->has_counts = st_int(st, 5);
		p->n_up = st_i64(st, 6);
		p->n_flat = st_i64(st, 7);
		p->n_down = st_i64(st, 8);
		p->n_none = st_i64(st, 9);
		p->idx = st_null(st, 10) ? NAN : st_double(st, 10);
	}
	if (rc != ST_DONE) {
		db_fault(db, err, "reading prosperity values");
		st_finalize(st);
		free(*v);
		*v = NULL;
		*n = 0;
		return -1;
	}
	st_finalize(st);
	return 0;
}
