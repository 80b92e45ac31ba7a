/* publish.c: publication of approved months and their revisions (see
 * publish.h). A figure is compared as published: at its indicator's
 * decimals in its display measure, so that a correction below the last
 * digit shown is not a revision of what was printed. Depends on base,
 * store, model, calc. */
#include "quality/publish.h"
#include "base/xalloc.h"
#include "store/history.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the figures of a month ---- */

/* Whether two figures read the same as shown (at ind's decimals). */
static int same_shown(const struct indicator *ind, int ha, dec a, int hb, dec b)
{
	char x[64], y[64];
	if (ha != hb)
		return 0;
	if (!ha)
		return 1;
	dec_format(a, ind->measure->shift, ind->decimals, x, sizeof x);
	dec_format(b, ind->measure->shift, ind->decimals, y, sizeof y);
	return strcmp(x, y) == 0;
}

static void shown(const struct indicator *ind, int has, dec v, char *buf, size_t n)
{
	if (!has) {
		snprintf(buf, n, "-");
		return;
	}
	dec_format(v, ind->measure->shift, ind->decimals, buf, n);
}

/* Whether unit u is `root` or under it. */
static int under(const struct unit_set *us, size_t u, size_t root)
{
	for (long x = (long)u; x >= 0; x = us->v[x].parent)
		if ((size_t)x == root)
			return 1;
	return 0;
}

/* The figures of month p now for root and every unit with children under
 * it: a value or a year to date, else no entry. */
static int figures_now(struct kfq_db *db, const struct kfq_model *m, size_t root,
                       const struct period *p, struct pub_value **out, size_t *n,
                       struct kfq_err *err)
{
	struct figure_ctx fc;
	size_t cap = 0;
	int rc = 0;

	*out = NULL;
	*n = 0;
	figure_ctx_init(&fc, db, &m->units, &m->inds);
	for (size_t i = 0; i < m->inds.n && rc == 0; i++)
		for (size_t u = 0; u < m->units.n && rc == 0; u++) {
			struct figure f;
			struct pub_value *v;
			if ((u != root && !m->units.v[u].nchildren) || !under(&m->units, u, root))
				continue;
			if ((rc = figure_get(&fc, i, u, p, &f, err)) < 0)
				break;
			if (!(f.has & (FIG_VALUE | FIG_YTD)))
				continue;
			XGROW(*out, *n + 1, cap);
			v = &(*out)[(*n)++];
			v->ind = i;
			v->unit = u;
			v->has_value = (f.has & FIG_VALUE) != 0;
			v->has_ytd = (f.has & FIG_YTD) != 0;
			v->value = v->has_value ? f.value : 0;
			v->ytd = v->has_ytd ? f.ytd : 0;
		}
	figure_ctx_release(&fc);
	if (rc < 0) {
		free(*out);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

/* ---- the stored publications ---- */

static void pubs_release(struct publication *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].reason);
	free(v);
}

/* The revisions of unit id's month, by revision. */
static int pubs_load(struct kfq_db *db, int64_t unit_id, int year, int month,
                     struct publication **out, size_t *n, struct kfq_err *err)
{
	static const char SQL[] = "SELECT id, revision, at, who, reason FROM publication "
	                          "WHERE unit_id = ? AND year = ? AND month = ? ORDER BY revision";
	struct kfq_stmt *st;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (db_cached(db, SQL, &st, err) < 0)
		return -1;
	st_bind_i64(st, 1, unit_id);
	st_bind_int(st, 2, year);
	st_bind_int(st, 3, month);
	while ((rc = st_step(st)) == ST_ROW) {
		struct publication *p;
		const char *reason = st_text(st, 4);
		XGROW(*out, *n + 1, cap);
		p = &(*out)[(*n)++];
		memset(p, 0, sizeof *p);
		p->id = st_i64(st, 0);
		p->revision = st_int(st, 1);
		snprintf(p->at, sizeof p->at, "%s", st_text(st, 2) ? st_text(st, 2) : "");
		snprintf(p->who, sizeof p->who, "%s", st_text(st, 3) ? st_text(st, 3) : "");
		p->reason = reason ? xstrdup(reason) : NULL;
	}
	st_reset(st);
	if (rc != ST_DONE) {
		pubs_release(*out, *n);
		*out = NULL;
		*n = 0;
		return db_fault(db, err, "reading publications");
	}
	return 0;
}

/* The figures revision `pub_id` froze, as indexes of m. */
static int snapshot_load(struct kfq_db *db, const struct kfq_model *m, int64_t pub_id,
                         struct pub_value **out, size_t *n, struct kfq_err *err)
{
	static const char SQL[] = "SELECT ind_id, unit_id, value, ytd FROM published_figure "
	                          "WHERE publication_id = ?";
	struct kfq_stmt *st;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (db_cached(db, SQL, &st, err) < 0)
		return -1;
	st_bind_i64(st, 1, pub_id);
	while ((rc = st_step(st)) == ST_ROW) {
		int64_t ind_id = st_i64(st, 0), unit_id = st_i64(st, 1);
		long i = -1, u = -1;
		struct pub_value *v;
		for (size_t k = 0; k < m->inds.n; k++)
			if (m->inds.v[k].id == ind_id)
				i = (long)k;
		if (unit_id >= 0 && unit_id <= m->units.max_id)
			u = m->units.by_id[unit_id];
		if (i < 0 || u < 0)
			continue;   /* an indicator or a unit removed since: nothing to compare */
		XGROW(*out, *n + 1, cap);
		v = &(*out)[(*n)++];
		v->ind = (size_t)i;
		v->unit = (size_t)u;
		v->has_value = st_type(st, 2) != ST_NULL_T;
		v->value = v->has_value ? st_i64(st, 2) : 0;
		v->has_ytd = st_type(st, 3) != ST_NULL_T;
		v->ytd = v->has_ytd ? st_i64(st, 3) : 0;
	}
	st_reset(st);
	if (rc != ST_DONE) {
		free(*out);
		*out = NULL;
		*n = 0;
		return db_fault(db, err, "reading published figures");
	}
	return 0;
}

static const struct pub_value *find_value(const struct pub_value *v, size_t n, size_t ind,
                                          size_t unit)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].ind == ind && v[i].unit == unit)
			return &v[i];
	return NULL;
}

/* Append the changes from a to b (from revision `from` to `to`). */
static void diff(const struct kfq_model *m, const struct pub_value *a, size_t na,
                 const struct pub_value *b, size_t nb, int from, int to,
                 const struct publication *by, struct pub_change **out, size_t *n, size_t *cap)
{
	static const struct pub_value NONE;
	/* every figure of a, then those of b that a lacks */
	for (int pass = 0; pass < 2; pass++) {
		const struct pub_value *src = pass ? b : a;
		size_t ns = pass ? nb : na;
		for (size_t i = 0; i < ns; i++) {
			const struct pub_value *x, *y;
			if (pass) {
				if (find_value(a, na, src[i].ind, src[i].unit))
					continue;
				x = &NONE;
				y = &src[i];
			} else {
				x = &src[i];
				y = find_value(b, nb, src[i].ind, src[i].unit);
				if (!y)
					y = &NONE;
			}
			for (int k = 0; k < 2; k++) {
				const struct indicator *ind = &m->inds.v[src[i].ind];
				int ho = k ? x->has_ytd : x->has_value, hn = k ? y->has_ytd : y->has_value;
				dec o = k ? x->ytd : x->value, nv = k ? y->ytd : y->value;
				struct pub_change *c;
				if (same_shown(ind, ho, o, hn, nv))
					continue;
				XGROW(*out, *n + 1, *cap);
				c = &(*out)[(*n)++];
				c->ind = src[i].ind;
				c->unit = src[i].unit;
				c->ytd = k;
				c->from = from;
				c->to = to;
				c->has_old = ho;
				c->has_new = hn;
				c->old_value = o;
				c->new_value = nv;
				c->by = by;
			}
		}
	}
}

/* The approval state of unit id's month: "entered" when none is stored. */
static int month_state(struct kfq_db *db, int64_t unit_id, int year, int month, char *state,
                       size_t n, struct kfq_err *err)
{
	static const char SQL[] = "SELECT state FROM approval WHERE unit_id = ? AND year = ? AND "
	                          "month = ?";
	struct kfq_stmt *st;
	int rc;
	if (db_cached(db, SQL, &st, err) < 0)
		return -1;
	st_bind_i64(st, 1, unit_id);
	st_bind_int(st, 2, year);
	st_bind_int(st, 3, month);
	rc = st_step(st);
	snprintf(state, n, "%s", rc == ST_ROW && st_text(st, 0) ? st_text(st, 0) : "entered");
	st_reset(st);
	if (rc != ST_ROW && rc != ST_DONE)
		return db_fault(db, err, "reading approvals");
	return 0;
}

/* ---- publishing ---- */

static int store(struct kfq_db *db, const struct kfq_ctx *cx, const struct kfq_model *m,
                 size_t u, const struct period *p, int revision, const char *reason,
                 const struct pub_value *v, size_t n, struct kfq_err *err)
{
	static const char PUB[] = "INSERT INTO publication(unit_id, year, month, revision, at, who, "
	                          "reason) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id";
	static const char FIG[] = "INSERT INTO published_figure(publication_id, ind_id, unit_id, "
	                          "value, ytd) VALUES (?, ?, ?, ?, ?)";
	struct kfq_stmt *st;
	int64_t id;

	if (db_cached(db, PUB, &st, err) < 0)
		return -1;
	st_bind_i64(st, 1, m->units.v[u].id);
	st_bind_int(st, 2, p->year);
	st_bind_int(st, 3, p->last);
	st_bind_int(st, 4, revision);
	st_bind_text(st, 5, cx->now);
	st_bind_text(st, 6, cx->who);
	if (reason && *reason)
		st_bind_text(st, 7, reason);
	else
		st_bind_null(st, 7);
	if (st_step(st) != ST_ROW) {
		st_reset(st);
		return db_fault(db, err, "writing a publication");
	}
	id = st_i64(st, 0);
	st_reset(st);
	for (size_t i = 0; i < n; i++) {
		if (db_cached(db, FIG, &st, err) < 0)
			return -1;
		st_bind_i64(st, 1, id);
		st_bind_i64(st, 2, m->inds.v[v[i].ind].id);
		st_bind_i64(st, 3, m->units.v[v[i].unit].id);
		if (v[i].has_value)
			st_bind_i64(st, 4, v[i].value);
		else
			st_bind_null(st, 4);
		if (v[i].has_ytd)
			st_bind_i64(st, 5, v[i].ytd);
		else
			st_bind_null(st, 5);
		if (st_step(st) != ST_DONE) {
			st_reset(st);
			return db_fault(db, err, "writing published figures");
		}
		st_reset(st);
	}
	return 0;
}

int publish_month(struct kfq_db *db, const struct kfq_ctx *cx, const char *unit,
                  const struct period *p, const char *reason, struct publish_result *res,
                  struct kfq_err *err)
{
	struct kfq_model m;
	struct publication *pubs = NULL;
	struct pub_value *now = NULL, *last = NULL;
	struct pub_change *ch = NULL;
	size_t npubs = 0, nnow = 0, nlast = 0, nch = 0, cap = 0;
	char period[16], state[32];
	long u;

	memset(res, 0, sizeof *res);
	if (p->first != p->last)
		return kfq_error_field(err, "period", "a month is published, not a span of months "
		                       "(expected 2017-08)");
	snprintf(period, sizeof period, "%04d-%02d", p->year, p->last);
	if (db_begin(db, cx, err) < 0)
		return -1;
	if (model_load(db, &m, err) < 0)
		goto fail;
	if ((u = units_need(&m.units, unit, err)) < 0) {
		kfq_err_set_field(err, "unit");
		goto fail_model;
	}
	if (month_state(db, m.units.v[u].id, p->year, p->last, state, sizeof state, err) < 0)
		goto fail_model;
	if (strcmp(state, "approved") != 0 && strcmp(state, "certified") != 0) {
		kfq_error(err, "%s %s is %s: only an approved or certified month is published "
		          "(kfq approval status --unit %s --period %s)", unit, period, state, unit, period);
		goto fail_model;
	}
	if (pubs_load(db, m.units.v[u].id, p->year, p->last, &pubs, &npubs, err) < 0 ||
	    figures_now(db, &m, (size_t)u, p, &now, &nnow, err) < 0)
		goto fail_all;
	if (nnow == 0) {
		kfq_error(err, "%s %s has no figures to publish", unit, period);
		goto fail_all;
	}
	if (npubs > 0) {
		const struct publication *lp = &pubs[npubs - 1];
		if (snapshot_load(db, &m, lp->id, &last, &nlast, err) < 0)
			goto fail_all;
		diff(&m, last, nlast, now, nnow, lp->revision, 0, NULL, &ch, &nch, &cap);
		if (nch == 0) {
			kfq_error(err, "%s %s: no figure has changed since revision %d (published %s by %s): "
			          "nothing to publish", unit, period, lp->revision, lp->at, lp->who);
			goto fail_all;
		}
		if (!reason || !*reason) {
			kfq_error_field(err, "reason", "required: %zu figures differ from revision %d; "
			                "say what was corrected", nch, lp->revision);
			goto fail_all;
		}
	}
	res->revision = npubs ? pubs[npubs - 1].revision + 1 : 1;
	res->figures = nnow;
	res->changed = nch;
	for (size_t i = 0; i < nnow; i++)
		if (i == 0 || now[i].unit != now[i - 1].unit) {
			int seen = 0;
			for (size_t k = 0; k < i && !seen; k++)
				seen = now[k].unit == now[i].unit;
			res->units += !seen;
		}
	if (store(db, cx, &m, (size_t)u, p, res->revision, reason, now, nnow, err) < 0)
		goto fail_all;
	{
		char text[700];
		struct history_entry h = { "publication", unit, NULL, period, NULL, NULL, text, NULL };
		snprintf(text, sizeof text, "revision %d: %zu figures of %zu units%s%s",
		         res->revision, res->figures, res->units, reason && *reason ? ": " : "",
		         reason && *reason ? reason : "");
		if (history_add(db, &h, err) < 0)
			goto fail_all;
	}
	free(ch);
	free(last);
	free(now);
	pubs_release(pubs, npubs);
	model_release(&m);
	return db_commit(db, err);
fail_all:
	free(ch);
	free(last);
	free(now);
	pubs_release(pubs, npubs);
fail_model:
	model_release(&m);
fail:
	db_rollback(db);
	return -1;
}

/* ---- reading ---- */

/* The last reopen of unit's month after time `since`, from history. */
static int last_reopen(struct kfq_db *db, const char *unit, const char *period, const char *since,
                       struct pub_report *r, struct kfq_err *err)
{
	struct history_query q = { unit, NULL, period, 1000 };
	struct history_list l;
	if (history_read(db, &q, &l, err) < 0) {
		history_list_release(&l);
		return -1;
	}
	for (size_t i = 0; i < l.n; i++) {   /* newest first */
		const struct history_row *h = &l.v[i];
		if (strcmp(h->kind, "approval") != 0 || !h->note || strncmp(h->note, "reopen:", 7) != 0)
			continue;
		if (strcmp(h->at, since) < 0)
			break;   /* before the last revision (the same second counts as after) */
		snprintf(r->reopened_at, sizeof r->reopened_at, "%s", h->at);
		snprintf(r->reopened_who, sizeof r->reopened_who, "%s", h->who ? h->who : "");
		{
			const char *why = strstr(h->note, ": ");
			why = why ? strstr(why + 2, ": ") : NULL;   /* "reopen: a → b: why" */
			r->reopen_reason = xstrdup(why ? why + 2 : h->note);
		}
		break;
	}
	history_list_release(&l);
	return 0;
}

int publish_read(struct kfq_db *db, const struct kfq_model *m, size_t unit,
                 const struct period *p, int revision, struct pub_report *r,
                 struct kfq_err *err)
{
	struct pub_value *prev = NULL, *cur = NULL;
	size_t nprev = 0, ncur = 0, cap = 0;
	char period[16];

	memset(r, 0, sizeof *r);
	if (p->first != p->last)
		return kfq_error_field(err, "period", "a month is published, not a span of months "
		                       "(expected 2017-08)");
	snprintf(period, sizeof period, "%04d-%02d", p->year, p->last);
	if (pubs_load(db, m->units.v[unit].id, p->year, p->last, &r->pubs, &r->npubs, err) < 0)
		return -1;
	if (revision > 0 && (size_t)revision > r->npubs) {
		kfq_error_field(err, "revision", "%s %s has %zu revisions (asked for %d)",
		                m->units.v[unit].code, period, r->npubs, revision);
		goto fail;
	}
	for (size_t i = 0; i < r->npubs; i++) {
		if (snapshot_load(db, m, r->pubs[i].id, &cur, &ncur, err) < 0)
			goto fail;
		if (i > 0)
			diff(m, prev, nprev, cur, ncur, r->pubs[i - 1].revision, r->pubs[i].revision,
			     &r->pubs[i], &r->changes, &r->nchanges, &cap);
		if (revision > 0 && r->pubs[i].revision == revision) {
			r->snapshot = xmalloc((ncur ? ncur : 1) * sizeof *cur);
			memcpy(r->snapshot, cur, ncur * sizeof *cur);
			r->nsnapshot = ncur;
		}
		free(prev);
		prev = cur;
		nprev = ncur;
		cur = NULL;
	}
	if (r->npubs > 0) {
		if (figures_now(db, m, unit, p, &cur, &ncur, err) < 0)
			goto fail;
		diff(m, prev, nprev, cur, ncur, r->pubs[r->npubs - 1].revision, 0, NULL, &r->changes,
		     &r->nchanges, &cap);
		if (last_reopen(db, m->units.v[unit].code, period, r->pubs[r->npubs - 1].at, r,
		                err) < 0)
			goto fail;
	}
	free(prev);
	free(cur);
	return 0;
fail:
	free(prev);
	free(cur);
	pub_report_release(r);
	return -1;
}

void pub_report_release(struct pub_report *r)
{
	pubs_release(r->pubs, r->npubs);
	free(r->changes);
	free(r->reopen_reason);
	free(r->snapshot);
	memset(r, 0, sizeof *r);
}

/* ---- the note beside a figure ---- */

int publish_note(struct kfq_db *db, const struct unit_set *units,
                 const struct indicator_set *inds, size_t ind, size_t u, const struct period *p,
                 const struct figure *f, int zh, struct sbuf *out, struct kfq_err *err)
{
	static const char SQL[] =
		"SELECT p.revision, p.at, p.who, p.reason, f.value, f.ytd, p.unit_id FROM published_figure f "
		"JOIN publication p ON p.id = f.publication_id WHERE f.ind_id = ? AND f.unit_id = ? "
		"AND p.year = ? AND p.month = ? ORDER BY p.at, p.revision";
	const struct indicator *in = &inds->v[ind];
	struct kfq_stmt *st;
	struct sbuf line;
	char a[64], b[64];
	int rc, ytd, first = 1, has_now, has_last = 0, nrev = 0;
	dec now, last = 0;

	if (p->first == p->last)
		ytd = 0;
	else if (p->first == 1 && p->kind != PERIOD_YEAR)
		ytd = 1;    /* 1-M月: the year to date at M */
	else
		return 0;
	has_now = (f->has & FIG_VALUE) != 0;
	now = has_now ? f->value : 0;
	if (db_cached(db, SQL, &st, err) < 0)
		return -1;
	st_bind_i64(st, 1, in->id);
	st_bind_i64(st, 2, units->v[u].id);
	st_bind_int(st, 3, p->year);
	st_bind_int(st, 4, p->last);
	sbuf_init(&line);
	while ((rc = st_step(st)) == ST_ROW) {
		int col = ytd ? 5 : 4, has = st_type(st, col) != ST_NULL_T;
		dec v = has ? st_i64(st, col) : 0;
		const char *reason = st_text(st, 3);
		if (first) {
			shown(in, has, v, a, sizeof a);
			if (zh)
				sbuf_addf(&line, "%s %s %d年%s%d月（%s）：发布值 %s（第 %d 版，%.10s，%s）",
				          units->v[u].name, in->name_zh, p->year, ytd ? "1-" : "", p->last,
				          in->measure->name, a, st_int(st, 0), st_text(st, 1), st_text(st, 2));
			else
				sbuf_addf(&line, "%s %s %04d-%02d%s (%s): published %s (revision %d, %.10s, %s)",
				          units->v[u].code, in->code, p->year, p->last, ytd ? " ytd" : "",
				          in->measure->name, a, st_int(st, 0), st_text(st, 1), st_text(st, 2));
			first = 0;
		} else if (!same_shown(in, has_last, last, has, v)) {
			shown(in, has_last, last, a, sizeof a);
			shown(in, has, v, b, sizeof b);
			sbuf_addf(&line, zh ? "；%s → %s（第 %d 版，%.10s，%s：%s）"
			                    : "; %s → %s in revision %d (%.10s, %s: %s)", a, b, st_int(st, 0),
			          st_text(st, 1), st_text(st, 2), reason ? reason : "");
			nrev++;
		}
		has_last = has;
		last = v;
	}
	st_reset(st);
	if (rc != ST_DONE) {
		sbuf_release(&line);
		return db_fault(db, err, "reading published figures");
	}
	if (!first && !same_shown(in, has_last, last, has_now, now)) {
		shown(in, has_last, last, a, sizeof a);
		shown(in, has_now, now, b, sizeof b);
		sbuf_addf(&line, zh ? "；%s → %s（现值，尚未重新发布：kfq revisions --unit %s "
		                      "--period %04d-%02d）"
		                    : "; %s → %s now, not yet published again (kfq revisions --unit %s "
		                      "--period %04d-%02d)", a, b, units->v[u].code, p->year, p->last);
		nrev++;
	}
	if (nrev)
		sbuf_addf(out, zh ? "修订：%s\n" : "revised: %s\n", line.buf);
	sbuf_release(&line);
	return 0;
}
