/* xlsx_out.h: writing a grid as an XLSX workbook (libxlsxwriter). Numbers
 * that a spreadsheet holds exactly (up to 15 significant digits) are
 * written as numbers, longer ones as text so that nothing is rounded.
 * The workbook is written whole or not at all (base/outfile.h), created
 * with mode (0644; 0600 for personal data). Depends on base and
 * report/grid. */
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

#endif
