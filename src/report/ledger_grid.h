/* ledger_grid.h: a ledger's rows as a grid: what `kfq ledger list`,
 * `rows` and `export` print (export: the header an import reads back, a
 * number's measure in brackets, "area(平方米)"). Depends on base,
 * ledger/ledger.h and report/grid. */
#ifndef KFQ_LEDGER_GRID_H
#define KFQ_LEDGER_GRID_H

#include "ledger/ledger.h"
#include "report/grid.h"

/* The rows of r (g initialised here): keys are the field names (with the
 * measure of a number in brackets), heads their titles. */
void ledger_rows_grid(const struct ledger_rows *r, struct grid *g);

#endif
