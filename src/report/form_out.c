/* form_out.c: writing a report form's sheet (see form_out.h). */
#include "report/form_out.h"
#include "base/dec.h"
#include "base/measure.h"
#include "base/outfile.h"
#include "base/sbuf.h"
#include "base/table.h"
#include "base/xalloc.h"
#include "calc/figure.h"
#include "report/xlsx_out.h"
#include "report/xlsxw_lib.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

struct fw {
	const struct kfq_model *m;
	const struct form *f;
	const struct period *p;       /* the month */
	struct figure_ctx fc;
	long *ind;                    /* per form column, the indicator */
	const struct measure **meas;  /* per form column */
	size_t *units, nunits;        /* the enterprises, in code order */
	int lastcol;
};

/* Indicator ind of unit u over [first, last] of year: 1 with *v, 0 none. */
static int value(struct fw *w, size_t k, size_t u, int year, int first, int last, dec *v,
                 struct kfq_err *err)
{
	return figure_value(&w->fc, (size_t)w->ind[k], u, year, first, last, year, v, err);
}

/* The enterprises under u that filed any of the form's indicators last
 * year or this year to the month. */
static int pick_units(struct fw *w, size_t top, struct kfq_err *err)
{
	const struct unit_set *us = &w->m->units;
	int y = w->p->year, mo = w->p->last;
	w->units = xmalloc((us->n ? us->n : 1) * sizeof *w->units);
	for (size_t x = 0; x < us->n; x++) {
		int any = 0;
		if (us->v[x].nchildren || !units_within(us, x, top))
			continue;
		for (size_t k = 0; k < w->f->ncols && !any; k++) {
			dec v;
			int r;
			if ((r = value(w, k, x, y - 1, 1, 12, &v, err)) < 0 ||
			    (!r && (r = value(w, k, x, y, 1, mo, &v, err)) < 0) ||
			    (!r && (r = value(w, k, x, y, mo, mo, &v, err)) < 0))
				return -1;
			any = r;
		}
		if (any)
			w->units[w->nunits++] = x;
	}
	return 0;
}

/* A form that names the enterprises by 统一社会信用代码 needs every
 * one's: refused naming those without (the first ten). */
static int need_uscc(const struct fw *w, struct kfq_err *err)
{
	const struct unit_set *us = &w->m->units;
	struct sbuf sb;
	size_t none = 0;
	if (w->f->by != FORM_BY_USCC)
		return 0;
	sbuf_init(&sb);
	for (size_t i = 0; i < w->nunits; i++)
		if (!us->v[w->units[i]].uscc && ++none <= 10)
			sbuf_addf(&sb, "%s%s", none > 1 ? ", " : "", us->v[w->units[i]].code);
	if (none)
		kfq_error(err, "%s names the enterprises by 统一社会信用代码, but %zu of them have "
		          "none: %s%s (give them in the units file's column uscc)", w->f->path, none,
		          sb.buf, none > 10 ? " …" : "");
	sbuf_release(&sb);
	return none ? -1 : 0;
}

/* The heading of column k, split into its top and bottom lines. */
static void heading(const struct fw *w, size_t k, char *top, size_t nt, char *bottom, size_t nb)
{
	const struct form_col *c = &w->f->cols[k];
	const char *slash = c->heading ? strchr(c->heading, '/') : NULL;
	if (c->heading && slash) {
		snprintf(top, nt, "%.*s", (int)(slash - c->heading), c->heading);
		snprintf(bottom, nb, "%s", slash + 1);
	} else {
		snprintf(top, nt, "%s", c->heading ? c->heading : w->m->inds.v[w->ind[k]].name_zh);
		if (c->basis == FORM_MONTH)
			snprintf(bottom, nb, "本月");
		else if (w->p->last == 1)
			snprintf(bottom, nb, "1月累计");
		else
			snprintf(bottom, nb, "1-%d月累计", w->p->last);
	}
}

/* The sheet into a workbook at path. Returns -1 with err filled when a
 * figure could not be read, else 0 with libxlsxwriter's result in *e (and
 * errno in *sys). */
static int write_sheet(struct fw *w, const char *path, lxw_error *e, int *sys,
                       struct kfq_err *err)
{
	const struct form *f = w->f;
	const struct unit_set *us = &w->m->units;
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *title, *head, *input, *label, *sum;
	int H = f->header_rows, y = w->p->year, mo = w->p->last;
	lxw_row_t first = (lxw_row_t)H, row;
	lxw_data_validation dv;
	char buf[256], top[128], bottom[128];

	errno = 0;
	if (!(wb = lxw.workbook_new(path))) {
		*sys = errno;
		*e = LXW_ERROR_CREATING_XLSX_FILE;
		return 0;
	}
	ws = lxw.workbook_add_worksheet(wb, "表式");
	title = lxw.workbook_add_format(wb);
	lxw.format_set_bold(title);
	lxw.format_set_font_size(title, 14);
	lxw.format_set_align(title, LXW_ALIGN_CENTER);
	head = lxw.workbook_add_format(wb);
	lxw.format_set_bold(head);
	lxw.format_set_align(head, LXW_ALIGN_CENTER);
	lxw.format_set_align(head, LXW_ALIGN_VERTICAL_CENTER);
	lxw.format_set_border(head, LXW_BORDER_THIN);
	lxw.format_set_text_wrap(head);
	label = lxw.workbook_add_format(wb);
	lxw.format_set_border(label, LXW_BORDER_THIN);
	input = lxw.workbook_add_format(wb);
	lxw.format_set_border(input, LXW_BORDER_THIN);
	lxw.format_set_unlocked(input);
	lxw.format_set_bg_color(input, 0xFFF9E5);
	sum = lxw.workbook_add_format(wb);
	lxw.format_set_border(sum, LXW_BORDER_THIN);
	lxw.format_set_bold(sum);

	/* the title and the period line, when there are rows for them */
	if (H >= 3) {
		lxw.worksheet_merge_range(ws, 0, 0, 0, (lxw_col_t)w->lastcol,
		                          f->name ? f->name : "", title);
		period_label_zh(w->p, buf, sizeof buf);
		lxw.worksheet_write_string(ws, 1, 0, buf, NULL);
		if (f->measure) {
			snprintf(top, sizeof top, "计量单位：%s", f->measure);
			lxw.worksheet_write_string(ws, 1, (lxw_col_t)w->lastcol, top, NULL);
		}
	} else if (H == 2) {
		lxw.worksheet_merge_range(ws, 0, 0, 0, (lxw_col_t)w->lastcol,
		                          f->name ? f->name : "", title);
	}
	/* the headings: two rows (the indicator over 本月 and 累计, merged) when
	 * there is room, else one */
	if (H >= 1) {
		lxw_row_t hb = (lxw_row_t)(H - 1), ht = H >= 4 ? (lxw_row_t)(H - 2) : hb;
		const char *uhead = f->by == FORM_BY_NAME ? "企业名称"
		                    : f->by == FORM_BY_USCC ? "统一社会信用代码" : "单位代码";
		if (ht != hb) {
			lxw.worksheet_merge_range(ws, ht, (lxw_col_t)f->unit_col, hb,
			                          (lxw_col_t)f->unit_col, uhead, head);
			if (f->name_col >= 0)
				lxw.worksheet_merge_range(ws, ht, (lxw_col_t)f->name_col, hb,
				                          (lxw_col_t)f->name_col, "企业名称", head);
		} else {
			lxw.worksheet_write_string(ws, hb, (lxw_col_t)f->unit_col, uhead, head);
			if (f->name_col >= 0)
				lxw.worksheet_write_string(ws, hb, (lxw_col_t)f->name_col,
				                           "企业名称", head);
		}
		for (size_t k = 0; k < f->ncols; k++) {
			int c = f->cols[k].col, span = 0;
			heading(w, k, top, sizeof top, bottom, sizeof bottom);
			if (ht == hb) {
				snprintf(buf, sizeof buf, "%s %s", top, bottom);
				lxw.worksheet_write_string(ws, hb, (lxw_col_t)c, buf, head);
				continue;
			}
			lxw.worksheet_write_string(ws, hb, (lxw_col_t)c, bottom, head);
			/* the top heading once over the columns next to it that share it */
			if (k > 0 && f->cols[k - 1].col == c - 1) {
				char pt[128], pb[128];
				heading(w, k - 1, pt, sizeof pt, pb, sizeof pb);
				if (!strcmp(pt, top))
					continue;
			}
			while (k + (size_t)span + 1 < f->ncols && f->cols[k + span + 1].col == c + span + 1) {
				char nt[128], nb[128];
				heading(w, k + span + 1, nt, sizeof nt, nb, sizeof nb);
				if (strcmp(nt, top))
					break;
				span++;
			}
			if (span)
				lxw.worksheet_merge_range(ws, ht, (lxw_col_t)c, ht,
				                          (lxw_col_t)(c + span), top, head);
			else
				lxw.worksheet_write_string(ws, ht, (lxw_col_t)c, top, head);
		}
	}
	/* the enterprises */
	for (size_t i = 0; i < w->nunits; i++) {
		const struct unit *x = &us->v[w->units[i]];
		row = first + (lxw_row_t)i;
		lxw.worksheet_write_string(ws, row, (lxw_col_t)f->unit_col,
		                           f->by == FORM_BY_NAME   ? x->name
		                           : f->by == FORM_BY_USCC ? x->uscc
		                                                   : x->code,
		                           label);
		if (f->name_col >= 0)
			lxw.worksheet_write_string(ws, row, (lxw_col_t)f->name_col, x->name, label);
		for (size_t k = 0; k < f->ncols; k++) {
			const struct form_col *c = &f->cols[k];
			int a = c->basis == FORM_MONTH ? mo : 1;
			dec v;
			int r;
			if ((r = value(w, k, w->units[i], y, a, mo, &v, err)) < 0)
				goto fail;
			if (r) {
				dec_format(v, w->meas[k]->shift, -1, buf, sizeof buf);
				lxw.worksheet_write_number(ws, row, (lxw_col_t)c->col,
				                           strtod(buf, NULL), input);
			} else {
				lxw.worksheet_write_blank(ws, row, (lxw_col_t)c->col, input);
			}
			if ((r = value(w, k, w->units[i], y - 1, a, mo, &v, err)) < 0)
				goto fail;
			if (r) {
				char num[64];
				dec_format(v, w->meas[k]->shift, -1, num, sizeof num);
				snprintf(buf, sizeof buf, "上年同期：%s %s", num, w->meas[k]->name);
				lxw.worksheet_write_comment(ws, row, (lxw_col_t)c->col, buf);
			}
		}
	}
	/* the total row: formulas, with the sums of what is filled in */
	if (f->total && w->nunits) {
		row = first + (lxw_row_t)w->nunits;
		lxw.worksheet_write_string(ws, row, (lxw_col_t)f->unit_col, f->total, sum);
		for (size_t k = 0; k < f->ncols; k++) {
			char a[8], formula[64];
			dec s = 0, v;
			int r;
			for (size_t i = 0; i < w->nunits; i++) {
				int from = f->cols[k].basis == FORM_MONTH ? mo : 1;
				if ((r = value(w, k, w->units[i], y, from, mo, &v, err)) < 0)
					goto fail;
				if (r && dec_add(s, v, &s) < 0) {
					kfq_error(err, "the total of column %d does not fit", f->cols[k].col);
					goto fail;
				}
			}
			form_col_name(f->cols[k].col, a, sizeof a);
			snprintf(formula, sizeof formula, "=SUM(%s%u:%s%u)", a, (unsigned)first + 1, a,
			         (unsigned)row);
			dec_format(s, w->meas[k]->shift, -1, buf, sizeof buf);
			lxw.worksheet_write_formula_num(ws, row, (lxw_col_t)f->cols[k].col, formula,
			                                sum, strtod(buf, NULL));
		}
	}
	/* numbers only in the figures' cells */
	memset(&dv, 0, sizeof dv);
	dv.validate = LXW_VALIDATION_TYPE_DECIMAL;
	dv.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
	dv.minimum_number = -1e15;
	dv.maximum_number = 1e15;
	dv.error_title = "数字";
	dv.error_message = "请填写数字（不填表示未报）";
	for (size_t k = 0; k < f->ncols && w->nunits; k++)
		lxw.worksheet_data_validation_range(ws, first, (lxw_col_t)f->cols[k].col,
		                                    first + (lxw_row_t)w->nunits - 1,
		                                    (lxw_col_t)f->cols[k].col, &dv);
	lxw.worksheet_set_column(ws, (lxw_col_t)f->unit_col, (lxw_col_t)f->unit_col, 28, NULL);
	if (f->name_col >= 0)
		lxw.worksheet_set_column(ws, (lxw_col_t)f->name_col, (lxw_col_t)f->name_col, 28,
		                         NULL);
	lxw.worksheet_freeze_panes(ws, first, 0);
	lxw.worksheet_protect(ws, NULL, NULL);
	errno = 0;
	*e = lxw.workbook_close(wb);
	*sys = errno;
	return 0;
fail:
	lxw.workbook_close(wb);
	return -1;
}

static int count_row(void *ctx, size_t line, size_t ncells, const char *const *cells,
                     struct kfq_err *err)
{
	(void)line;
	(void)ncells;
	(void)cells;
	(void)err;
	++*(size_t *)ctx;
	return 0;
}

int form_write(struct kfq_db *db, const struct kfq_model *m, const struct form *f, size_t u,
               const struct period *p, const char *path, size_t *nrows, struct kfq_err *err)
{
	struct fw w;
	struct outfile of;
	struct period month = *p;
	lxw_error e = LXW_NO_ERROR;
	int quiet, sys = 0, rc = -1, wrc;
	size_t got = 0;

	if (xlsxw_lib_load(path, err) < 0)
		return -1;
	memset(&w, 0, sizeof w);
	month.first = month.last;
	w.m = m;
	w.f = f;
	w.p = &month;
	w.ind = xcalloc(f->ncols ? f->ncols : 1, sizeof *w.ind);
	w.meas = xcalloc(f->ncols ? f->ncols : 1, sizeof *w.meas);
	w.lastcol = f->unit_col > f->name_col ? f->unit_col : f->name_col;
	for (size_t k = 0; k < f->ncols; k++) {
		char c[8];
		form_col_name(f->cols[k].col, c, sizeof c);
		if ((w.ind[k] = indicators_need(&m->inds, f->cols[k].indicator, err)) < 0 ||
		    !(w.meas[k] = form_measure(f, k, m->inds.v[w.ind[k]].measure, err))) {
			kfq_err_prefix(err, "%s: column %s", f->path, c);
			goto out;
		}
		if (f->cols[k].col > w.lastcol)
			w.lastcol = f->cols[k].col;
	}
	figure_ctx_init(&w.fc, db, &m->units, &m->inds);
	if (pick_units(&w, u, err) < 0 || need_uscc(&w, err) < 0)
		goto out_fc;
	if (outfile_open_named(&of, path, 0644, err) < 0)
		goto out_fc;
	quiet = xlsx_quiet_begin();
	wrc = write_sheet(&w, of.write_path, &e, &sys, err);
	xlsx_quiet_end(quiet);
	if (wrc < 0) {
		outfile_abort(&of);
		goto out_fc;
	}
	if (e != LXW_NO_ERROR) {
		outfile_abort(&of);
		if (sys == ENOSPC || sys == EDQUOT)
			kfq_env(err, "%s: %s", path, strerror(sys));
		else
			kfq_error(err, "%s: writing the workbook failed: %s", path,
			          lxw.lxw_strerror(e));
		goto out_fc;
	}
	/* libxlsxwriter does not report a failed write of its temporary files
	 * (a full disk): the workbook is read back and must hold every row */
	if (of.tmp && (table_each(of.write_path, NULL, count_row, &got, err) < 0 ||
	               got < w.nunits)) {
		outfile_abort(&of);
		kfq_error(err, "%s: the workbook written cannot be read back whole (is the disk "
		          "full?)", path);
		goto out_fc;
	}
	if (outfile_commit(&of, err) < 0)
		goto out_fc;
	*nrows = w.nunits;
	rc = 0;
out_fc:
	figure_ctx_release(&w.fc);
out:
	free(w.ind);
	free(w.meas);
	free(w.units);
	return rc;
}
