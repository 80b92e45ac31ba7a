/* form.h: report forms (表式): the wide monthly sheets offices fill in,
 * one row per enterprise (named by code, by its registered name or by its
 * 统一社会信用代码), one
 * column per indicator and basis (本月, the month; 累计, the year to date),
 * under title and heading rows with merged cells. A form definition
 * (docs/formats.md "Forms") says which column is which; `kfq import form`
 * turns a filled sheet into the data import's rows, all or nothing, every
 * bad cell named by its reference (C12); `kfq export form` writes the sheet
 * to fill in for a park's enterprises (report/form_out.c).
 * Depends on base, store, model and io/import. */
#ifndef KFQ_FORM_H
#define KFQ_FORM_H

#include <stddef.h>

#include "base/formdef.h"
#include "base/period.h"
#include "io/import.h"
#include "model/model.h"

/* Check the form against the indicators and measures of the model. */
int form_check(const struct form *f, const struct kfq_model *m, struct kfq_err *err);

/* Import a filled form for period p (a month: 本月 columns give that month,
 * 累计 columns the year to date to it), all or nothing: the cells are
 * checked first (every bad one named "FILE:C12: ..."), then written through
 * the data import (o's dry_run and scope apply; o->path is the file). */
int form_import(const struct kfq_ctx *cx, struct kfq_db *db, const struct form *f,
                const struct period *p, const struct import_opts *o,
                struct import_result *res, struct kfq_err *err);

#endif
