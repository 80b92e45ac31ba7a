/* case_grid.h: the visiting campaign's cases as a grid, with their
 * deadline and the days overdue on a day: what `kfq case list` prints and
 * `/api/v1/cases` returns, built once here. Depends on base, case and
 * report/grid. */
#ifndef KFQ_CASE_GRID_H
#define KFQ_CASE_GRID_H

#include "case/case_query.h"
#include "report/grid.h"

/* g initialised here: Chinese headings, names and the parties' names for
 * people (people set), else keys and codes. */
void case_list_grid(const struct case_list *l, int people, struct grid *g);

#endif
