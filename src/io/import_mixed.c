/* import_mixed.c: mixed filings in a data import (docs/formats.md, "data").
 * A unit may file an indicator's months one by one and also totals over
 * several months (a year to date, 1-8月): where the months of a total are
 * all known, the two must agree at the indicator's decimals, or the import
 * is refused naming both (the figures would otherwise take the total and
 * drop what the months say). Checked after the rows are written, for every
 * unit, indicator and year with a total (found through the obs_span index)
 * of which this import wrote a row: a disagreement among values stored
 * before is not this import's to refuse. A stock's total is its level at
 * the end: it must equal the month's own filing of that month. Private to
 * the import (import_kind.h). Depends on base, store, model. */
#include "io/import_kind.h"
#include "io/mixed.h"
#include "base/sbuf.h"
#include "base/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct frow {
	int first, last;
	dec v;
	int ours;        /* written by this import */
	size_t line;     /* its line (this import's) */
};

/* "line 12" or "stored" (a value from before this import). */
static void where(const struct frow *r, char *buf, size_t n, int zh)
{
	if (r->ours && r->line)
		snprintf(buf, n, zh ? "第 %zu 行" : "line %zu", r->line);
	else if (r->ours)
		snprintf(buf, n, zh ? "此值" : "this value");
	else
		snprintf(buf, n, zh ? "已存" : "stored");
}

static void shown(const struct indicator *d, dec v, char *buf, size_t n)
{
	dec_format(v, d->measure->shift, d->decimals, buf, n);
}

/* One disagreement: total s against the parts given (a prefix row p, or
 * none, and the months k+1..b), reported at the line of a row of ours. */
static void refuse(const struct mixed_out *o, const struct indicator *d, const struct unit *u,
                   int year,
                   const struct frow *s, const struct frow *p, int k,
                   const struct frow *const *mon, dec implied)
{
	struct sbuf en, zh;
	char a[64], b[64], w[32];
	size_t line = s->ours ? s->line : 0;
	struct kfq_err e;

	for (int m = k + 1; !line && m <= s->last; m++)
		if (mon[m]->ours)
			line = mon[m]->line;
	if (!line && p && p->ours)
		line = p->line;
	sbuf_init(&en);
	sbuf_init(&zh);
	shown(d, s->v, a, sizeof a);
	shown(d, implied, b, sizeof b);
	where(s, w, sizeof w, 0);
	sbuf_addf(&en, "%s %s %d年%d-%d月 (%s) is %s %s, but ", u->code, d->code, year, s->first,
	          s->last, w, a, d->measure->name);
	where(s, w, sizeof w, 1);
	sbuf_addf(&zh, "%s %s %d年%d-%d月（%s）为 %s %s，但", u->code, d->code, year, s->first,
	          s->last, w, a, d->measure->name);
	if (p) {
		where(p, w, sizeof w, 0);
		if (p->first == p->last)
			sbuf_addf(&en, "%d月 (%s)", p->last, w);
		else
			sbuf_addf(&en, "%d-%d月 (%s)", p->first, p->last, w);
		where(p, w, sizeof w, 1);
		if (p->first == p->last)
			sbuf_addf(&zh, "%d月（%s）", p->last, w);
		else
			sbuf_addf(&zh, "%d-%d月（%s）", p->first, p->last, w);
	}
	/* the months, runs of them stored (or of this file's consecutive
	 * lines) together: 1月…7月 (stored) + 8月 (line 9) */
	for (int m = k + 1, end; m <= s->last; m = end + 1) {
		const char *sep = p || m > k + 1 ? " + " : "";
		for (end = m; end < s->last && mon[end + 1]->ours == mon[m]->ours &&
		              (!mon[m]->ours || mon[end + 1]->line == mon[end]->line + 1); end++)
			;
		if (end == m) {
			where(mon[m], w, sizeof w, 0);
			sbuf_addf(&en, "%s%d月 (%s)", sep, m, w);
			where(mon[m], w, sizeof w, 1);
			sbuf_addf(&zh, "%s%d月（%s）", sep, m, w);
		} else if (mon[m]->ours) {
			sbuf_addf(&en, "%s%d月…%d月 (lines %zu-%zu)", sep, m, end, mon[m]->line,
			          mon[end]->line);
			sbuf_addf(&zh, "%s%d月至%d月（第 %zu-%zu 行）", sep, m, end, mon[m]->line,
			          mon[end]->line);
		} else {
			sbuf_addf(&en, "%s%d月…%d月 (stored)", sep, m, end);
			sbuf_addf(&zh, "%s%d月至%d月（已存）", sep, m, end);
		}
	}
	if (d->kind == IND_STOCK) {
		sbuf_addf(&en, " is %s %s: a stock's level at the end of the months and that month's "
		          "own must agree", b, d->measure->name);
		sbuf_addf(&zh, "为 %s %s：时点数的期末值与该月数必须一致", b, d->measure->name);
	} else {
		sbuf_addf(&en, " give %s %s: a total and its months must agree", b, d->measure->name);
		sbuf_addf(&zh, "合计为 %s %s：累计数与各月数必须一致", b, d->measure->name);
	}
	kfq_error(&e, "%s", en.buf);
	kfq_err_zh(&e, "%s", zh.buf);
	o->report(o->ctx, line, &e);
	sbuf_release(&en);
	sbuf_release(&zh);
}

/* The rows of one unit's indicator in one year: check every total. */
static void check_unit(const struct mixed_out *o, const struct indicator *d,
                       const struct unit *u, int year, const struct frow *r, size_t n)
{
	const struct frow *mon[13] = { 0 };
	char x[64], y[64];
	for (size_t i = 0; i < n; i++)
		if (r[i].first == r[i].last)
			mon[r[i].last] = &r[i];
	for (size_t i = 0; i < n; i++) {
		const struct frow *s = &r[i];
		if (s->first == s->last)
			continue;
		if (d->kind == IND_STOCK) {
			/* the level at the total's end against the month's own */
			const struct frow *m = mon[s->last];
			if (m && (s->ours || m->ours)) {
				shown(d, s->v, x, sizeof x);
				shown(d, m->v, y, sizeof y);
				if (strcmp(x, y) != 0)
					refuse(o, d, u, year, s, NULL, s->last - 1, mon, m->v);
			}
			continue;
		}
		/* the parts: a row over first..k (none when k = first - 1), and
		 * the months k+1..last each filed on its own */
		for (int k = s->last - 1; k >= s->first - 1; k--) {
			const struct frow *p = NULL;
			int ours = s->ours;
			dec sum = 0;
			if (!mon[k + 1])
				break;   /* a month missing: no smaller k has it either */
			if (k == s->first)
				continue;   /* a month: k - 1 takes it with the others */
			if (k > s->first) {
				for (size_t j = 0; j < n && !p; j++)
					if (r[j].first == s->first && r[j].last == k)
						p = &r[j];
				if (!p)
					continue;
				sum = p->v;
				ours |= p->ours;
			}
			int ovf = 0;
			for (int m = k + 1; m <= s->last && !ovf; m++) {
				ours |= mon[m]->ours;
				ovf = dec_add(sum, mon[m]->v, &sum) < 0;
			}
			if (!ours || ovf)
				continue;
			shown(d, s->v, x, sizeof x);
			shown(d, sum, y, sizeof y);
			if (strcmp(x, y) != 0) {
				refuse(o, d, u, year, s, p, k, mon, sum);
				break;
			}
		}
	}
}

int mixed_check(struct kfq_db *db, const struct indicator *d, const struct unit *u, int year,
                int64_t import_id, const struct period *mine, const struct mixed_out *o,
                struct kfq_err *err)
{
	static const char ROWS[] =
		"SELECT first, last, value, import_id, line FROM obs WHERE ind_id = ? AND year = ? "
		"AND unit_id = ? ORDER BY last, first";
	struct kfq_stmt *rs;
	struct frow *r = NULL;
	size_t n = 0, rcap = 0;
	int any = 0, s;

	if (db_cached(db, ROWS, &rs, err) < 0)
		return -1;
	st_bind_i64(rs, 1, d->id);
	st_bind_int(rs, 2, year);
	st_bind_i64(rs, 3, u->id);
	while ((s = st_step(rs)) == ST_ROW) {
		XGROW(r, n + 1, rcap);
		r[n].first = st_int(rs, 0);
		r[n].last = st_int(rs, 1);
		r[n].v = st_i64(rs, 2);
		if (import_id)
			r[n].ours = st_type(rs, 3) != ST_NULL_T && st_i64(rs, 3) == import_id;
		else
			r[n].ours = mine && mine->first == r[n].first && mine->last == r[n].last;
		r[n].line = import_id && st_type(rs, 4) != ST_NULL_T ? (size_t)st_i64(rs, 4) : 0;
		any |= r[n].ours;
		n++;
	}
	st_reset(rs);
	if (s != ST_DONE) {
		free(r);
		return db_fault(db, err, "reading totals");
	}
	if (any)
		check_unit(o, d, u, year, r, n);
	free(r);
	return 0;
}

static void import_report(void *ctx, size_t line, const struct kfq_err *e)
{
	import_bad_row(ctx, line, e);
}

int import_mixed_check(struct ictx *c, struct kfq_err *err)
{
	static const char SPANS[] =
		"SELECT DISTINCT unit_id FROM obs_ytd WHERE ind_id = ? AND year = ?";
	const struct mixed_out o = { import_report, c };
	struct kfq_stmt *st;
	int64_t *units = NULL;
	size_t nunits = 0, ucap = 0;
	int rc = 0;

	for (size_t i = 0; rc == 0 && i < c->inds.n; i++)
		for (unsigned yb = 0; rc == 0 && yb < YEAR_BITS; yb++) {
			const struct indicator *d = &c->inds.v[i];
			int year = (int)yb + 1900, s;
			if (!(c->touched[i * YEAR_BYTES + yb / 8] & (1u << (yb % 8))) || d->formula_text)
				continue;
			if (db_cached(c->db, SPANS, &st, err) < 0) {
				rc = -1;
				break;
			}
			st_bind_i64(st, 1, d->id);
			st_bind_int(st, 2, year);
			nunits = 0;
			while ((s = st_step(st)) == ST_ROW) {
				XGROW(units, nunits + 1, ucap);
				units[nunits++] = st_i64(st, 0);
			}
			st_reset(st);
			if (s != ST_DONE) {
				rc = db_fault(c->db, err, "reading totals");
				break;
			}
			for (size_t k = 0; rc == 0 && k < nunits; k++) {
				long ui = units[k] >= 0 && units[k] <= c->units.max_id
				          ? c->units.by_id[units[k]] : -1;
				if (ui >= 0)
					rc = mixed_check(c->db, d, &c->units.v[ui], year, c->res->import_id,
					                 NULL, &o, err);
			}
		}
	free(units);
	return rc;
}
