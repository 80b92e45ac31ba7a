/* index_month_grid.h: the eyewear index's reports on one month as grids:
 * contributions, flags, prosperity and the superlative comparison, what
 * `kfq index contributions|flags|prosperity|superlative` print and
 * `/api/v1/index/contributions` ... return, built once here. Each takes
 * the stored results as index/ixcalc.h reads them back and a people flag:
 * Chinese headings and names for people, keys and codes else. Depends on
 * base, index/ixcalc.h and report/grid, report/index_grid (the rounding). */
#ifndef KFQ_INDEX_MONTH_GRID_H
#define KFQ_INDEX_MONTH_GRID_H

#include <stddef.h>

#include "index/ixcalc.h"
#include "report/grid.h"

/* Each top-level category's and channel's percentage points of the
 * total's change, then the total (g initialised here). */
void index_contrib_grid(const struct ixcalc_contrib *c, int people, struct grid *g);

/* The prices to review: outliers, imputations, replacements. */
void index_flags_grid(const struct ixcalc_flag *v, size_t n, int people, struct grid *g);

/* Per survey and question the answers and the diffusion index, the
 * composites and the overall index. */
void index_prosperity_grid(const struct ixcalc_prow *v, size_t n, int people, struct grid *g);

/* Per elementary aggregate the month's formula f against Fisher and
 * Törnqvist (month on month, previous month = 100). */
void index_superlative_grid(const struct ixcalc_super *v, size_t n, enum pi_formula f,
                            int people, struct grid *g);

#endif
