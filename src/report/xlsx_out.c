/* xlsx_out.c: a grid to an XLSX file (see xlsx_out.h). */
#include "report/xlsx_out.h"
#include "base/outfile.h"
#include "base/table.h"

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

/* libxlsxwriter keeps each sheet in a temporary file whose failed writes it
 * does not report (a full disk gave a workbook of 11 KB for 1.1 MB, and no
 * error): the workbook is read back, and must hold every row written. */
static int read_back(const struct grid *g, const char *path, const char *written,
                     const char *sheet, struct kfq_err *err)
{
	size_t want = 1, got = 0;
	struct kfq_err rerr = { 0 };
	for (size_t r = 0; r < g->nrows; r++)
		for (size_t c = 0; c < g->ncols; c++)
			if (g->cells[r * g->ncols + c] && *g->cells[r * g->ncols + c]) {
				want++;
				break;
			}
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
	if (!(wb = workbook_new(path))) {
		*sys = errno;
		return LXW_ERROR_CREATING_XLSX_FILE;
	}
	ws = workbook_add_worksheet(wb, sheet);
	for (size_t c = 0; c < g->ncols; c++)
		worksheet_write_string(ws, 0, (lxw_col_t)c, g->keys[c], NULL);
	for (size_t r = 0; r < g->nrows; r++)
		for (size_t c = 0; c < g->ncols; c++) {
			const char *s = g->cells[r * g->ncols + c];
			if (!s)
				continue;
			if (g->numeric[c] && exact_number(s))
				worksheet_write_number(ws, (lxw_row_t)(r + 1), (lxw_col_t)c, strtod(s, NULL), NULL);
			else
				worksheet_write_string(ws, (lxw_row_t)(r + 1), (lxw_col_t)c, s, NULL);
		}
	e = workbook_close(wb);
	*sys = errno;
	return e;
}

int xlsx_write_grid(const struct grid *g, const char *path, const char *sheet, unsigned mode,
                    struct kfq_err *err)
{
	struct outfile of;
	lxw_error e;
	int quiet, sys = 0;

	if (outfile_open_named(&of, path, mode, err) < 0)
		return -1;
	quiet = xlsx_quiet_begin();
	e = write_workbook(g, of.write_path, sheet, &sys);
	xlsx_quiet_end(quiet);
	if (e != LXW_NO_ERROR) {
		outfile_abort(&of);
		/* a full disk is told as every output tells it */
		if (sys == ENOSPC || sys == EDQUOT)
			return kfq_env(err, "%s: %s", path, strerror(sys));
		if (e == LXW_ERROR_CREATING_XLSX_FILE)
			return kfq_error(err, "%s: cannot create the workbook%s%s", path,
			                 sys ? ": " : "", sys ? strerror(sys) : "");
		return kfq_error(err, "%s: writing the workbook failed: %s", path, lxw_strerror(e));
	}
	if (of.tmp && read_back(g, path, of.write_path, sheet, err) < 0) {
		outfile_abort(&of);
		return -1;
	}
	return outfile_commit(&of, err);
}
