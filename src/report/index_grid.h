/* index_grid.h: the eyewear index's series as a grid (level, month on
 * month, year on year, published, revision): what `kfq index show` prints
 * and `/api/v1/index` returns, built once here; and the rounding both use.
 * Depends on base, index/ixcalc.h and report/grid. */
#ifndef KFQ_INDEX_GRID_H
#define KFQ_INDEX_GRID_H

#include <stddef.h>

#include "index/ixcalc.h"
#include "report/grid.h"

/* x rounded half away from zero to decimals (pi_round), as text; never "-0.0". */
void index_fmt(char *buf, size_t n, double x, int decimals);

/* The series (g initialised here): Chinese headings and 是 for published
 * months for people, keys and 0/1 else. */
void index_series_grid(const struct ixcalc_point *v, size_t n, int people, struct grid *g);

#endif
