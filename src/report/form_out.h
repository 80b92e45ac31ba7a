/* form_out.h: the sheet of a report form (base/formdef.h) to fill in: the
 * title, the period and measure, the headings (merged as offices draw
 * them), one row per enterprise under a unit (those that filed any of the
 * form's indicators last year or this year), the figures already stored
 * for the period filled in, last year's same period beside each field as
 * a cell comment (上年同期), a total row of formulas when the form has one;
 * the figures' cells unlocked and held to numbers, the rest locked, so that
 * what comes back imports (kfq import form) without reshaping. Written
 * whole or not at all (base/outfile.h). Depends on base, store, model,
 * calc and report/xlsx_out. */
#ifndef KFQ_FORM_OUT_H
#define KFQ_FORM_OUT_H

#include "base/formdef.h"
#include "base/period.h"
#include "model/model.h"
#include "store/db.h"

/* Write the form of unit u (index in m's units) for the month of p. *nrows
 * is the number of enterprises written. */
int form_write(struct kfq_db *db, const struct kfq_model *m, const struct form *f, size_t u,
               const struct period *p, const char *path, size_t *nrows, struct kfq_err *err);

#endif
