/* header.h: matching a file's header row to the columns an import or an
 * export knows: English and Chinese names, any case, surrounding spaces,
 * and a measure in brackets ("value(万元)", "数值（亿元）").
 * Depends on base only. */
#ifndef KFQ_HEADER_H
#define KFQ_HEADER_H

#include <stddef.h>

#include "base/err.h"

#define HEADER_MAX_COLS 32

struct column_def {
	const char *name;       /* canonical English name, as export writes it */
	const char *aliases;    /* '|'-separated: "单位代码|单位|unit_code" */
	int required;
};

struct header_map {
	int col[HEADER_MAX_COLS];         /* file column of each def, -1 when absent */
	char measure[HEADER_MAX_COLS][32];/* measure given in the header, "" when none */
};

/* Map the header cells to defs (n defs, at most HEADER_MAX_COLS). Unknown
 * or repeated columns and missing required ones are errors naming them and
 * listing the expected columns. */
int header_map(const struct column_def *defs, size_t n, size_t ncells,
               const char *const *cells, struct header_map *map, struct kfq_err *err);

#endif
