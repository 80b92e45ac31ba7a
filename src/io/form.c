/* form.c: report forms (see form.h): a filled sheet checked cell by cell
 * and turned into the data import's rows (the definition: base/formdef.c).
 * Depends on base, store, model and io/import. */
#include "io/form.h"
#include "base/dec.h"
#include "base/measure.h"
#include "base/sbuf.h"
#include "base/table.h"
#include "base/uscc.h"
#include "base/xalloc.h"
#include "calc/figure.h"
#include "model/obs.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int form_check(const struct form *f, const struct kfq_model *m, struct kfq_err *err)
{
	for (size_t k = 0; k < f->ncols; k++) {
		long i = indicators_need(&m->inds, f->cols[k].indicator, err);
		if (i < 0 || !form_measure(f, k, m->inds.v[i].measure, err)) {
			char c[8];
			form_col_name(f->cols[k].col, c, sizeof c);
			return kfq_err_prefix(err, "%s: column %s", f->path, c);
		}
		if (m->inds.v[i].formula || m->inds.v[i].derived) {
			char c[8];
			form_col_name(f->cols[k].col, c, sizeof c);
			return kfq_error(err, "%s: column %s: \"%s\" is computed by kfq, not reported by "
			                 "units", f->path, c, f->cols[k].indicator);
		}
	}
	return 0;
}

/* ---- a filled sheet ---- */

struct srow {
	size_t line;
	size_t n;
	char **cells;
};

struct sheet {
	struct srow *v;
	size_t n, cap;
};

static int keep_row(void *ctx, size_t line, size_t ncells, const char *const *cells,
                    struct kfq_err *err)
{
	struct sheet *sh = ctx;
	struct srow *r;
	(void)err;
	XGROW(sh->v, sh->n + 1, sh->cap);
	r = &sh->v[sh->n++];
	r->line = line;
	r->n = ncells;
	r->cells = xmalloc((ncells ? ncells : 1) * sizeof *r->cells);
	for (size_t i = 0; i < ncells; i++)
		r->cells[i] = xstrdup(cells[i]);
	return 0;
}

static void sheet_release(struct sheet *sh)
{
	for (size_t i = 0; i < sh->n; i++) {
		for (size_t k = 0; k < sh->v[i].n; k++)
			free(sh->v[i].cells[k]);
		free(sh->v[i].cells);
	}
	free(sh->v);
}

/* A cell's text without surrounding blanks (into buf). */
static const char *cell_at(const struct srow *r, int col, char *buf, size_t n)
{
	const char *s = col >= 0 && (size_t)col < r->n ? r->cells[col] : "";
	size_t len;
	while (*s == ' ' || *s == '\t')
		s++;
	len = strlen(s);
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\r' ||
	               s[len - 1] == '\n'))
		len--;
	if (len >= n)
		len = n - 1;
	memcpy(buf, s, len);
	buf[len] = '\0';
	return buf;
}

/* Levenshtein distance between two UTF-8 texts, by code point (capped). */
static size_t cps(const char *s, unsigned *out, size_t max)
{
	size_t n = 0;
	const unsigned char *p = (const unsigned char *)s;
	while (*p && n < max) {
		unsigned c = *p++;
		int more = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
		if (more)
			c &= 0x3Fu >> more;
		while (more-- > 0 && (*p & 0xC0) == 0x80)
			c = (c << 6) | (*p++ & 0x3F);
		out[n++] = c;
	}
	return n;
}

static size_t distance(const char *a, const char *b)
{
	unsigned x[64], y[64];
	size_t nx = cps(a, x, 64), ny = cps(b, y, 64), row[65];
	for (size_t j = 0; j <= ny; j++)
		row[j] = j;
	for (size_t i = 1; i <= nx; i++) {
		size_t prev = row[0], cur;
		row[0] = i;
		for (size_t j = 1; j <= ny; j++) {
			cur = row[j];
			row[j] = x[i - 1] == y[j - 1] ? prev :
			         1 + (prev < row[j - 1] ? (prev < row[j] ? prev : row[j]) :
			              (row[j - 1] < row[j] ? row[j - 1] : row[j]));
			prev = cur;
		}
	}
	return row[ny];
}

/* The closest units' names to name (up to three), for a message. */
static void closest(const struct unit_set *us, const char *name, struct sbuf *sb)
{
	size_t best[3] = { SIZE_MAX, SIZE_MAX, SIZE_MAX }, at[3] = { 0, 0, 0 };
	for (size_t u = 0; u < us->n; u++) {
		size_t d;
		if (us->v[u].nchildren)
			continue;
		d = distance(name, us->v[u].name);
		for (int k = 0; k < 3; k++)
			if (d < best[k]) {
				for (int j = 2; j > k; j--) {
					best[j] = best[j - 1];
					at[j] = at[j - 1];
				}
				best[k] = d;
				at[k] = u;
				break;
			}
	}
	for (int k = 0; k < 3 && best[k] != SIZE_MAX; k++)
		sbuf_addf(sb, "%s\"%s\" (%s)", k ? ", " : "", us->v[at[k]].name, us->v[at[k]].code);
}

struct fimp {
	struct figure_ctx fc;         /* the figures stored, for the 累计 cells */
	size_t same;                  /* 累计 cells equal to what the months give */
	const struct form *f;
	const struct kfq_model *m;
	const struct period *p;
	const char *file;
	struct sheet sh;
	struct sbuf msgs, msgs_zh;
	size_t bad;
	/* the rows for the data import */
	struct lrow { size_t line; char *unit, *ind, *period, *value, *measure; } *rows;
	size_t nrows, rows_cap;
};

static void cell_bad(struct fimp *x, int col, size_t line, const struct kfq_err *e)
{
	char c[8];
	form_col_name(col, c, sizeof c);
	x->bad++;
	if (x->bad > IMPORT_MAX_MESSAGES)
		return;
	sbuf_addf(&x->msgs, "%s:%s%zu: %s\n", x->file, c, line, e->msg);
	sbuf_addf(&x->msgs_zh, "%s:%s%zu: %s\n", x->file, c, line, kfq_err_msg(e, KFQ_ZH));
}

/* The unit a row names, or -1 (the cell's message recorded). */
static long row_unit(struct fimp *x, const struct srow *r, const char *text)
{
	const struct unit_set *us = &x->m->units;
	struct kfq_err e = { 0 };
	long u = -1;

	if (x->f->by == FORM_BY_CODE) {
		if ((u = units_find(us, text)) < 0)
			kfq_error(&e, "unknown unit \"%s\" (expected a unit's code)", text);
	} else if (x->f->by == FORM_BY_USCC) {
		char code[USCC_LEN + 1];
		if (uscc_parse(text, code, &e) == 0 && (u = units_find_uscc(us, code)) < 0)
			kfq_error(&e, "no unit has 统一社会信用代码 %s (give it in the units file's "
			          "column uscc)", code);
	} else {
		size_t hits = 0;
		for (size_t k = 0; k < us->n; k++)
			if (!strcmp(us->v[k].name, text)) {
				hits++;
				u = (long)k;
			}
		if (hits > 1) {
			kfq_error(&e, "%zu units are named \"%s\" (name them by code in this form)", hits,
			          text);
			u = -1;
		} else if (!hits) {
			struct sbuf sb;
			sbuf_init(&sb);
			closest(us, text, &sb);
			kfq_error(&e, "no unit is named \"%s\" (the closest: %s)", text,
			          sb.len ? sb.buf : "none");
			sbuf_release(&sb);
		}
	}
	if (u < 0)
		cell_bad(x, x->f->unit_col, r->line, &e);
	return u;
}

static void add_lrow(struct fimp *x, size_t line, const char *unit, const char *ind,
                     const char *period, const char *value, const char *measure)
{
	struct lrow *l;
	XGROW(x->rows, x->nrows + 1, x->rows_cap);
	l = &x->rows[x->nrows++];
	l->line = line;
	l->unit = xstrdup(unit);
	l->ind = xstrdup(ind);
	l->period = xstrdup(period);
	l->value = xstrdup(value);
	l->measure = xstrdup(measure);
}

/* A cell (column k) against what is stored, so that a sheet kfq exported
 * imports back unchanged and a figure is never filed twice in two ways
 * that disagree (a month beside year-to-date totals). A key stored exactly
 * (the month, or 1-N月) is written as a correction: 0. Otherwise the
 * figure the stored records give (a month from two year-to-date totals; a
 * year to date from the months, this sheet's 本月 cell for the month when
 * it has one): 1 when equal (nothing to store), -1 when not (the cell
 * named with both); 0 when they give none (a new filing). */
static int cell_agrees(struct fimp *x, size_t u, size_t k, const long *di,
                       const unsigned char *has, const dec *v, size_t line)
{
	const struct form *f = x->f;
	const struct indicator *d = &x->m->inds.v[di[k]];
	int y = x->p->year, m = x->p->last, r;
	struct period key = f->cols[k].basis == FORM_MONTH ? *x->p : period_ytd(x->p);
	dec before = 0, month = 0, total, stored;
	int have_month = 0;
	struct kfq_err e = { 0 };

	if ((r = obs_get(x->fc.db, d->id, x->m->units.v[u].id, &key, &stored, &e)) != 0)
		return r < 0 ? (cell_bad(x, f->cols[k].col, line, &e), -1) : 0;
	if (f->cols[k].basis == FORM_MONTH) {
		if ((r = figure_value(&x->fc, (size_t)di[k], u, y, m, m, y, &total, &e)) <= 0)
			return r < 0 ? (cell_bad(x, f->cols[k].col, line, &e), -1) : 0;
	} else {
		for (size_t j = 0; j < f->ncols; j++)
			if (di[j] == di[k] && f->cols[j].basis == FORM_MONTH && has[j]) {
				month = v[j];
				have_month = 1;
			}
		if (!have_month &&
		    (r = figure_value(&x->fc, (size_t)di[k], u, y, m, m, y, &month, &e)) <= 0)
			return r < 0 ? (cell_bad(x, f->cols[k].col, line, &e), -1) : 0;
		if (m > 1 &&
		    (r = figure_value(&x->fc, (size_t)di[k], u, y, 1, m - 1, y, &before, &e)) <= 0)
			return r < 0 ? (cell_bad(x, f->cols[k].col, line, &e), -1) : 0;
		if (dec_add(before, month, &total) < 0)
			return 0;
	}
	if (total == v[k])
		return 1;
	{
		const struct measure *ms = form_measure(f, k, d->measure, &e);
		char got[64], want[64], b[64], mo[64];
		dec_format(v[k], ms->shift, -1, got, sizeof got);
		dec_format(total, ms->shift, -1, want, sizeof want);
		dec_format(before, ms->shift, -1, b, sizeof b);
		dec_format(month, ms->shift, -1, mo, sizeof mo);
		if (f->cols[k].basis == FORM_MONTH)
			kfq_error(&e, "本月 %s is not what the year-to-date totals filed give (%s %s): "
			          "correct those, or file the month the same", got, want, ms->name);
		else if (m > 1)
			kfq_error(&e, "累计 %s is not 1-%d月 as filed (%s) plus this month (%s): %s %s",
			          got, m - 1, b, mo, want, ms->name);
		else
			kfq_error(&e, "累计 %s is not this month (%s %s)", got, mo, ms->name);
		cell_bad(x, f->cols[k].col, line, &e);
	}
	return -1;
}

/* Check every cell; the good ones become rows for the data import. */
/* The sheet's width: its header rows' (a sheet Excel writes gives every
 * row as many cells) and at least the form's columns'. */
static size_t form_width(const struct fimp *x)
{
	const struct form *f = x->f;
	size_t w = (size_t)(f->unit_col > f->name_col ? f->unit_col : f->name_col) + 1;
	for (size_t k = 0; k < f->ncols; k++)
		if ((size_t)f->cols[k].col + 1 > w)
			w = (size_t)f->cols[k].col + 1;
	for (size_t i = 0; i < x->sh.n && x->sh.v[i].line <= (size_t)f->header_rows; i++)
		if (x->sh.v[i].n > w)
			w = x->sh.v[i].n;
	return w;
}

/* How many cells most rows under the header have (a sheet Excel writes
 * gives every row as many; a file written by hand may end every row with
 * a comma). */
static size_t usual_cells(const struct fimp *x)
{
	size_t best = 0, best_n = 0;
	for (size_t i = 0; i < x->sh.n; i++) {
		size_t n = 0, c = x->sh.v[i].n;
		if (x->sh.v[i].line <= (size_t)x->f->header_rows)
			continue;
		for (size_t j = 0; j < x->sh.n; j++)
			n += x->sh.v[j].line > (size_t)x->f->header_rows && x->sh.v[j].n == c;
		if (n > best_n || (n == best_n && c < best)) {
			best = c;
			best_n = n;
		}
		if (best_n * 2 > x->sh.n)
			break;   /* most of them */
	}
	return best;
}

/* Whether row r has a value past the sheet's width (named): a comma in
 * an unquoted value split it, and the cells after it moved (1,234 read as
 * 1 and 234 in the next column), so the row is refused, never shifted.
 * So is a row longer than the header and than most rows even when what
 * it pushed out is empty (2,400.0 in the last figure's column but one). */
static int beyond(struct fimp *x, const struct srow *r, size_t width, size_t usual)
{
	struct kfq_err e = { 0 };
	for (size_t k = width; k < r->n; k++)
		if (*r->cells[k]) {
			kfq_error(&e, "\"%s\" stands past the header's last column (a comma inside a "
			          "value needs quotes: \"1,234\")", r->cells[k]);
			cell_bad(x, (int)k, r->line, &e);
			return 1;
		}
	if (r->n > width && r->n > usual) {
		kfq_error(&e, "this row has %zu cells where the header and most rows have %zu: a comma "
		          "inside a value split it and moved the cells after it (a comma inside a "
		          "value needs quotes: \"1,234\")", r->n, usual > width ? usual : width);
		cell_bad(x, (int)r->n - 1, r->line, &e);
		return 1;
	}
	return 0;
}

static void read_cells(struct fimp *x)
{
	const struct form *f = x->f;
	char month[32], ytd[32], buf[512], scan[256];
	struct period py = period_ytd(x->p);
	size_t nc = f->ncols ? f->ncols : 1;
	dec *sum = xcalloc(nc, sizeof *sum), *v = xcalloc(nc, sizeof *v);
	unsigned char *any = xcalloc(nc, 1), *has = xcalloc(nc, 1);
	char (*text)[256] = xcalloc(nc, sizeof *text);
	long *di = xcalloc(nc, sizeof *di);

	const struct srow *total = NULL;
	size_t width = form_width(x), usual = usual_cells(x);

	for (size_t k = 0; k < f->ncols; k++)
		di[k] = indicators_find(&x->m->inds, f->cols[k].indicator);

	period_format(x->p, month, sizeof month);
	period_format(&py, ytd, sizeof ytd);
	for (size_t i = 0; i < x->sh.n; i++) {
		const struct srow *r = &x->sh.v[i];
		const char *who;
		long u;
		if (r->line <= (size_t)f->header_rows)
			continue;
		who = cell_at(r, f->unit_col, buf, sizeof buf);
		if (!*who)
			continue;   /* a note under the table, a blank line */
		if (f->total && !strcmp(who, f->total)) {
			total = r;
			continue;
		}
		{
			/* a row without a figure (a signature under the table, an
			 * enterprise that did not file) brings nothing to import */
			int figures = 0;
			for (size_t k = 0; k < f->ncols && !figures; k++)
				figures = *cell_at(r, f->cols[k].col, scan, sizeof scan) != 0;
			if (!figures)
				continue;
		}
		if (beyond(x, r, width, usual) || (u = row_unit(x, r, who)) < 0)
			continue;
		for (size_t k = 0; k < f->ncols; k++) {
			const struct form_col *c = &f->cols[k];
			struct kfq_err e = { 0 };
			const struct measure *ms = form_measure(f, k, x->m->inds.v[di[k]].measure, &e);
			cell_at(r, c->col, text[k], sizeof text[k]);
			has[k] = 0;
			if (!*text[k])
				continue;   /* not filed */
			if (dec_parse(text[k], ms->shift, &v[k], &e) < 0) {
				cell_bad(x, c->col, r->line, &e);
				continue;
			}
			if (dec_add(sum[k], v[k], &sum[k]) < 0) {
				kfq_error(&e, "the column's total does not fit in kfq's exact figures");
				cell_bad(x, c->col, r->line, &e);
				continue;
			}
			any[k] = has[k] = 1;
		}
		for (size_t k = 0; k < f->ncols; k++) {
			const struct form_col *c = &f->cols[k];
			const struct indicator *d = &x->m->inds.v[di[k]];
			struct kfq_err e = { 0 };
			const struct measure *ms = form_measure(f, k, d->measure, &e);
			if (!has[k])
				continue;
			{
				int r2 = cell_agrees(x, (size_t)u, k, di, has, v, r->line);
				if (r2 < 0)
					continue;   /* named */
				if (r2 == 1) {
					x->same++;  /* what the stored records give: nothing to store */
					continue;
				}
			}
			add_lrow(x, r->line, x->m->units.v[u].code, d->code,
			         c->basis == FORM_MONTH ? month : ytd, text[k], ms->name);
		}
	}
	/* a total row must be the sum of the column above it, to the last digit
	 * (once every cell above it is good) */
	for (size_t k = 0; total && !x->bad && k < f->ncols; k++) {
		const struct form_col *c = &f->cols[k];
		struct kfq_err e = { 0 };
		const struct measure *ms = form_measure(f, k, x->m->inds.v[di[k]].measure, &e);
		char want[64];
		dec tv;
		cell_at(total, c->col, text[k], sizeof text[k]);
		if (!*text[k])
			continue;
		if (dec_parse(text[k], ms->shift, &tv, &e) < 0) {
			cell_bad(x, c->col, total->line, &e);
			continue;
		}
		if (tv != sum[k]) {
			dec_format(sum[k], ms->shift, -1, want, sizeof want);
			kfq_error(&e, "%s \"%s\" is not the sum of the enterprises above it (%s %s)",
			          f->total, text[k], want, ms->name);
			cell_bad(x, c->col, total->line, &e);
		}
	}
	free(sum);
	free(any);
	free(v);
	free(has);
	free(text);
	free(di);
}

/* The rows, to the data import as a long file would give them. */
static int emit(void *ctx, table_row_fn fn, void *fctx, struct kfq_err *err)
{
	struct fimp *x = ctx;
	static const char *const HEAD[] = { "unit", "indicator", "period", "value", "measure" };
	if (fn(fctx, 0, 5, HEAD, err) < 0)
		return -1;
	for (size_t i = 0; i < x->nrows; i++) {
		const struct lrow *l = &x->rows[i];
		const char *cells[5] = { l->unit, l->ind, l->period, l->value, l->measure };
		if (fn(fctx, l->line, 5, cells, err) < 0)
			return -1;
	}
	return 0;
}

int form_import(const struct kfq_ctx *cx, struct kfq_db *db, const struct form *f,
                const struct period *p, const struct import_opts *o,
                struct import_result *res, struct kfq_err *err)
{
	struct fimp x;
	struct kfq_model m;
	struct import_opts io = *o;
	int rc = -1;

	memset(res, 0, sizeof *res);
	if (p->first != p->last && !(p->first == 1))
		return kfq_error_field(err, "period", "a form is filed for a month (2017-08), or a "
		                       "year to date (2017年1-8月)");
	memset(&x, 0, sizeof x);
	x.f = f;
	x.p = p;
	x.file = o->path;
	sbuf_init(&x.msgs);
	sbuf_init(&x.msgs_zh);
	if (model_load(db, &m, err) < 0)
		return -1;
	x.m = &m;
	figure_ctx_init(&x.fc, db, &m.units, &m.inds);
	if (form_check(f, &m, err) < 0)
		goto out;
	if (table_each(o->path, o->sheet, keep_row, &x.sh, err) < 0)
		goto out;
	{
		/* the month: 本月 columns are that month, 累计 its year to date */
		struct period month = *p;
		month.first = month.last;
		month.kind = PERIOD_MONTH;   /* of 2017年1-9月 (or 2017: 1-12月) too */
		x.p = &month;
		read_cells(&x);
		x.p = p;
	}
	if (x.bad) {
		if (x.bad > IMPORT_MAX_MESSAGES) {
			sbuf_addf(&x.msgs, "... and %zu more bad cells\n", x.bad - IMPORT_MAX_MESSAGES);
			sbuf_addf(&x.msgs_zh, "…… 另有 %zu 个单元格有错\n", x.bad - IMPORT_MAX_MESSAGES);
		}
		res->bad_rows = x.bad;
		res->messages = sbuf_detach(&x.msgs);
		res->messages_zh = sbuf_detach(&x.msgs_zh);
		kfq_error(err, "%s: %zu bad cells; nothing was imported", o->path, x.bad);
		goto out;
	}
	if (x.nrows == 0 && x.same == 0) {
		char c[8];
		form_col_name(f->unit_col, c, sizeof c);
		kfq_error(err, "%s: no figures below row %d (expected enterprises in column %s)",
		          o->path, f->header_rows, c);
		goto out;
	}
	io.kind = "data";
	io.rows = emit;
	io.rows_ctx = &x;
	rc = import_run(cx, db, &io, res, err);
	if (rc == 0) {
		res->rows += x.same;
		res->unchanged += x.same;
	}
out:
	figure_ctx_release(&x.fc);
	model_release(&m);
	sheet_release(&x.sh);
	for (size_t i = 0; i < x.nrows; i++) {
		free(x.rows[i].unit);
		free(x.rows[i].ind);
		free(x.rows[i].period);
		free(x.rows[i].value);
		free(x.rows[i].measure);
	}
	free(x.rows);
	sbuf_release(&x.msgs);
	sbuf_release(&x.msgs_zh);
	return rc;
}
