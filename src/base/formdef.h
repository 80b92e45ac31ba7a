/* formdef.h: report form definitions (表式): which column of an office's
 * wide monthly sheet holds which indicator, for the month (本月) or the
 * year to date (累计), which column names the enterprise (by code, by
 * its registered name or by its 统一社会信用代码), how many title and heading rows stand above the
 * first enterprise, and the label of a total row (docs/formats.md,
 * "Forms"). The text format is read here; io/form.c imports a filled
 * sheet, report/form_out.c writes the sheet to fill in. Depends on base
 * only. */
#ifndef KFQ_FORMDEF_H
#define KFQ_FORMDEF_H

#include <stddef.h>

#include "base/err.h"

enum form_basis { FORM_MONTH, FORM_YTD };
/* How the unit column names the enterprise. */
enum form_by { FORM_BY_CODE, FORM_BY_NAME, FORM_BY_USCC };

struct form_col {
	int col;                 /* 0-based column (A = 0) */
	char *indicator;         /* the indicator's code */
	enum form_basis basis;
	char *measure;           /* NULL: the form's, else the indicator's */
	char *heading;           /* "top/bottom" heading kfq export form writes; NULL: built */
};

struct form {
	char *path;              /* the definition's file, for messages */
	char *name;              /* the title */
	int header_rows;         /* rows 1..header_rows are the title and headings */
	int unit_col;            /* the column naming the enterprise */
	int name_col;            /* a second column with its name (-1: none) */
	enum form_by by;         /* unit_col holds codes, registered names or USCCs */
	char *measure;           /* the columns' measure, NULL: each indicator's */
	char *total;             /* the label of a total row (合计), NULL: none */
	struct form_col *cols;
	size_t ncols;
};

/* Read a form definition; refusals name file:line and what was expected. */
int form_load(const char *path, struct form *f, struct kfq_err *err);
void form_release(struct form *f);

/* The measure of column k: its own, the form's, else the indicator's
 * (ind); NULL with err when it is unknown or does not fit the indicator. */
struct measure;
const struct measure *form_measure(const struct form *f, size_t k, const struct measure *ind,
                                   struct kfq_err *err);

/* "C" for column 2, "AA" for 26. */
void form_col_name(int col, char *buf, size_t n);

#endif
