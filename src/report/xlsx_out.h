/* xlsx_out.h: writing a grid as an XLSX workbook (libxlsxwriter). Numbers
 * that a spreadsheet holds exactly (up to 15 significant digits) are
 * written as numbers, longer ones as text so that nothing is rounded.
 * The workbook is written whole or not at all (base/outfile.h), created
 * with mode (0644; 0600 for personal data); a statistical report's
 * sheet too (the XLSX bulletin). Depends on base and report/grid. */
#ifndef KFQ_XLSX_OUT_H
#define KFQ_XLSX_OUT_H

#include "report/grid.h"

int xlsx_write_grid(const struct grid *g, const char *path, const char *sheet, unsigned mode,
                    struct kfq_err *err);

/* libxlsxwriter prints its own errors on standard error; between these two
 * calls they go to /dev/null (kfq tells what the library returned).
 * xlsx_quiet_begin returns what xlsx_quiet_end restores. */
int xlsx_quiet_begin(void);
void xlsx_quiet_end(int saved);

/* A sheet in the layout of a Chinese statistical report: the title merged
 * over the columns, the period on the right under it, the headings (g's
 * heads) in bold with borders, the rows, each band row (a unit's name)
 * merged across and shaded, then the footnotes merged across under the
 * table. decimals[r * ncols + c] is the places a numeric cell is shown
 * with (the number is written exactly, only its format rounds), -1 for a
 * text cell. */
struct xlsx_sheet {
	const char *title;
	const char *subtitle;
	const struct grid *g;
	const unsigned char *band;       /* per row: 1 for a band row; 2 for a line of text
	                                    merged across, wrapped (a report's paragraph) */
	const signed char *decimals;     /* per cell */
	const char *const *notes;
	size_t nnotes;
	int no_heads;                    /* 1: no row of headings (g's rows are all there is) */
};
int xlsx_write_sheet(const struct xlsx_sheet *s, const char *path, const char *sheet,
                     unsigned mode, struct kfq_err *err);

#endif
