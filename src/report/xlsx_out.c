/* xlsx_out.c: a grid to an XLSX file (see xlsx_out.h). */
#include "report/xlsx_out.h"

#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

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

int xlsx_write_grid(const struct grid *g, const char *path, const char *sheet,
                    struct kfq_err *err)
{
	lxw_workbook *wb = workbook_new(path);
	lxw_worksheet *ws;
	lxw_error e;

	if (!wb)
		return kfq_error(err, "%s: cannot create the workbook", path);
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
	if ((e = workbook_close(wb)) != LXW_NO_ERROR)
		return kfq_error(err, "%s: writing the workbook failed: %s", path, lxw_strerror(e));
	return 0;
}
