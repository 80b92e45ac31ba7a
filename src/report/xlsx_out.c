/* xlsx_out.c: a grid to an XLSX file (see xlsx_out.h). */
#include "report/xlsx_out.h"
#include "base/outfile.h"
#include "base/table.h"
#include "report/xlsxw_lib.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

/* libxlsxwriter prints its own errors on standard error ("[ERROR][packager.c:1541]:
 * Error in closing member in the zipfile"), with no way to turn them off,
 * beside kfq's message: standard error goes to /dev/null while it works,
 * and kfq tells what it returned. Returns the saved descriptor (-1: none
 * was saved, nothing silenced). */
int xlsx_quiet_begin(void)
{
	int saved, null;
	fflush(stderr);
	if ((saved = dup(STDERR_FILENO)) < 0)
		return -1;
	if ((null = open("/dev/null", O_WRONLY | O_CLOEXEC)) < 0 || dup2(null, STDERR_FILENO) < 0) {
		if (null >= 0)
			close(null);
		close(saved);
		return -1;
	}
	close(null);
	return saved;
}

void xlsx_quiet_end(int saved)
{
	if (saved < 0)
		return;
	fflush(stderr);
	dup2(saved, STDERR_FILENO);
	close(saved);
}

/* Whether text is a plain decimal of at most 15 significant digits. */
static int exact_number(const char *s)
{
	int digits = 0, lead = 1;
	if (*s == '-')
		s++;
	if (!*s)
		return 0;
	for (; *s; s++) {
		if (*s == '.')
			continue;
		if (*s < '0' || *s > '9')
			return 0;
		if (*s != '0')
			lead = 0;
		if (!lead)
			digits++;
	}
	return digits <= 15;
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

/* The rows of g that hold a cell. */
static size_t rows_held(const struct grid *g)
{
	size_t n = 0;
	for (size_t r = 0; r < g->nrows; r++)
		for (size_t c = 0; c < g->ncols; c++)
			if (g->cells[r * g->ncols + c] && *g->cells[r * g->ncols + c]) {
				n++;
				break;
			}
	return n;
}

/* libxlsxwriter keeps each sheet in a temporary file whose failed writes it
 * does not report (a full disk gave a workbook of 11 KB for 1.1 MB, and no
 * error): the workbook is read back, and must hold every row written
 * (want: the rows written that hold a cell). */
static int read_back(size_t want, const char *path, const char *written, const char *sheet,
                     struct kfq_err *err)
{
	size_t got = 0;
	struct kfq_err rerr = { 0 };
	if (table_each(written, sheet, count_row, &got, &rerr) < 0)
		return kfq_error(err, "%s: the workbook written cannot be read back (is the disk "
		                 "full?): %s", path, rerr.msg);
	if (got != want)
		return kfq_error(err, "%s: the workbook written holds %zu rows of %zu (is the disk "
		                 "full?)", path, got, want);
	return 0;
}

/* The grid into a workbook at path (libxlsxwriter's calls); errno kept in
 * *sys when it fails. */
static lxw_error write_workbook(const struct grid *g, const char *path, const char *sheet,
                                int *sys)
{
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_error e;

	errno = 0;
	if (!(wb = lxw.workbook_new(path))) {
		*sys = errno;
		return LXW_ERROR_CREATING_XLSX_FILE;
	}
	ws = lxw.workbook_add_worksheet(wb, sheet);
	for (size_t c = 0; c < g->ncols; c++)
		lxw.worksheet_write_string(ws, 0, (lxw_col_t)c, g->keys[c], NULL);
	for (size_t r = 0; r < g->nrows; r++)
		for (size_t c = 0; c < g->ncols; c++) {
			const char *s = g->cells[r * g->ncols + c];
			if (!s)
				continue;
			if (g->numeric[c] && exact_number(s))
				lxw.worksheet_write_number(ws, (lxw_row_t)(r + 1), (lxw_col_t)c,
				                           strtod(s, NULL), NULL);
			else
				lxw.worksheet_write_string(ws, (lxw_row_t)(r + 1), (lxw_col_t)c, s,
				                           NULL);
		}
	e = lxw.workbook_close(wb);
	*sys = errno;
	return e;
}

/* What libxlsxwriter returned, told as kfq tells it; the workbook read
 * back and committed: 0, or -1 with err (nothing left under path). */
static int finish(struct outfile *o, lxw_error e, int sys, size_t want, const char *path,
                  const char *sheet, struct kfq_err *err)
{
	if (e != LXW_NO_ERROR) {
		outfile_abort(o);
		/* a full disk is told as every output tells it */
		if (sys == ENOSPC || sys == EDQUOT)
			return kfq_env(err, "%s: %s", path, strerror(sys));
		if (e == LXW_ERROR_CREATING_XLSX_FILE)
			return kfq_error(err, "%s: cannot create the workbook%s%s", path,
			                 sys ? ": " : "", sys ? strerror(sys) : "");
		return kfq_error(err, "%s: writing the workbook failed: %s", path,
		                 lxw.lxw_strerror(e));
	}
	if (o->tmp && read_back(want, path, o->write_path, sheet, err) < 0) {
		outfile_abort(o);
		return -1;
	}
	return outfile_commit(o, err);
}

int xlsx_write_grid(const struct grid *g, const char *path, const char *sheet, unsigned mode,
                    struct kfq_err *err)
{
	struct outfile of;
	lxw_error e;
	int quiet, sys = 0;

	if (xlsxw_lib_load(path, err) < 0 || outfile_open_named(&of, path, mode, err) < 0)
		return -1;
	quiet = xlsx_quiet_begin();
	e = write_workbook(g, of.write_path, sheet, &sys);
	xlsx_quiet_end(quiet);
	return finish(&of, e, sys, 1 + rows_held(g), path, sheet, err);
}

/* Text across the columns 0 to last of a row: merged, or the one cell
 * (libxlsxwriter refuses to merge a single cell). */
static void across(lxw_worksheet *ws, lxw_row_t row, lxw_col_t last, const char *text,
                   lxw_format *f)
{
	if (last == 0)
		lxw.worksheet_write_string(ws, row, 0, text, f);
	else
		lxw.worksheet_merge_range(ws, row, 0, row, last, text, f);
}

/* The statistical report's sheet into a workbook at path (see
 * xlsx_write_sheet); errno kept in *sys when it fails. */
static lxw_error write_sheet(const struct xlsx_sheet *s, const char *path, const char *sheet,
                             int *sys)
{
	const struct grid *g = s->g;
	lxw_col_t last = (lxw_col_t)(g->ncols - 1);
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *title, *sub, *head, *band, *para, *text, *note, *num[7];
	lxw_row_t row = 0;
	lxw_error e;

	errno = 0;
	if (!(wb = lxw.workbook_new(path))) {
		*sys = errno;
		return LXW_ERROR_CREATING_XLSX_FILE;
	}
	ws = lxw.workbook_add_worksheet(wb, sheet);
	title = lxw.workbook_add_format(wb);
	lxw.format_set_bold(title);
	lxw.format_set_font_size(title, 16);
	lxw.format_set_align(title, LXW_ALIGN_CENTER);
	lxw.format_set_align(title, LXW_ALIGN_VERTICAL_CENTER);
	sub = lxw.workbook_add_format(wb);
	lxw.format_set_align(sub, LXW_ALIGN_RIGHT);
	head = lxw.workbook_add_format(wb);
	lxw.format_set_bold(head);
	lxw.format_set_border(head, LXW_BORDER_THIN);
	lxw.format_set_align(head, LXW_ALIGN_CENTER);
	lxw.format_set_align(head, LXW_ALIGN_VERTICAL_CENTER);
	lxw.format_set_text_wrap(head);
	lxw.format_set_bg_color(head, 0xDDDDDD);
	band = lxw.workbook_add_format(wb);
	lxw.format_set_bold(band);
	lxw.format_set_border(band, LXW_BORDER_THIN);
	lxw.format_set_bg_color(band, 0xF2F2F2);
	para = lxw.workbook_add_format(wb);
	lxw.format_set_text_wrap(para);
	lxw.format_set_align(para, LXW_ALIGN_VERTICAL_TOP);
	text = lxw.workbook_add_format(wb);
	lxw.format_set_border(text, LXW_BORDER_THIN);
	note = lxw.workbook_add_format(wb);
	lxw.format_set_text_wrap(note);
	lxw.format_set_align(note, LXW_ALIGN_VERTICAL_TOP);
	for (int d = 0; d < 7; d++) {
		static const char *const NUMFMT[7] = { "0", "0.0", "0.00", "0.000", "0.0000",
		                                       "0.00000", "0.000000" };
		num[d] = lxw.workbook_add_format(wb);
		lxw.format_set_border(num[d], LXW_BORDER_THIN);
		lxw.format_set_num_format(num[d], NUMFMT[d]);
	}
	lxw.worksheet_set_column(ws, 0, 0, 26, NULL);
	lxw.worksheet_set_column(ws, 1, last, 12, NULL);
	lxw.worksheet_set_row(ws, 0, 30, NULL);
	across(ws, row, last, s->title, title);
	row++;
	if (s->subtitle) {
		across(ws, row, last, s->subtitle, sub);
		row++;
	}
	if (!s->no_heads) {
		for (size_t c = 0; c < g->ncols; c++)
			lxw.worksheet_write_string(ws, row, (lxw_col_t)c, g->heads[c], head);
		row++;
	}
	for (size_t r = 0; r < g->nrows; r++, row++) {
		if (s->band && s->band[r]) {
			const char *x = g->cells[r * g->ncols];
			if (s->band[r] == 2) {
				/* a paragraph: as high as its lines over the columns' width
				 * (26 + 12 per column, a Chinese character two) */
				double w = 26 + 12.0 * (double)last, cols = 0;
				for (const unsigned char *p = (const unsigned char *)(x ? x : ""); *p; p++)
					cols += *p < 0x80 ? 1 : (*p >= 0xe0 && *p < 0xf0) ? 2 : 0;
				lxw.worksheet_set_row(ws, row, 15.0 * (1 + (int)(cols / w)), NULL);
			}
			across(ws, row, last, x ? x : "", s->band[r] == 2 ? para : band);
			continue;
		}
		for (size_t c = 0; c < g->ncols; c++) {
			const char *x = g->cells[r * g->ncols + c];
			int d = s->decimals ? s->decimals[r * g->ncols + c] : -1;
			if (!x || !*x)
				lxw.worksheet_write_blank(ws, row, (lxw_col_t)c, text);
			else if (d >= 0 && d <= 6 && exact_number(x))
				lxw.worksheet_write_number(ws, row, (lxw_col_t)c, strtod(x, NULL),
				                           num[d]);
			else
				lxw.worksheet_write_string(ws, row, (lxw_col_t)c, x, text);
		}
	}
	row++;
	for (size_t k = 0; k < s->nnotes; k++, row++) {
		lxw.worksheet_set_row(ws, row, 30, NULL);
		across(ws, row, last, s->notes[k], note);
	}
	lxw.worksheet_set_paper(ws, 9);         /* A4 */
	lxw.worksheet_fit_to_pages(ws, 1, 0);   /* as wide as one page */
	e = lxw.workbook_close(wb);
	*sys = errno;
	return e;
}

int xlsx_write_sheet(const struct xlsx_sheet *s, const char *path, const char *sheet,
                     unsigned mode, struct kfq_err *err)
{
	struct outfile of;
	lxw_error e;
	int quiet, sys = 0;

	if (xlsxw_lib_load(path, err) < 0 || outfile_open_named(&of, path, mode, err) < 0)
		return -1;
	quiet = xlsx_quiet_begin();
	e = write_sheet(s, of.write_path, sheet, &sys);
	xlsx_quiet_end(quiet);
	/* read back: the title, the subtitle, the headings, every row, the notes */
	return finish(&of, e, sys, 1 + !s->no_heads + (s->subtitle ? 1 : 0) + rows_held(s->g) +
	              s->nnotes, path, sheet, err);
}
