/* case_grid.h: the visiting campaign's cases as grids, built once here
 * for both front ends: the list with their deadline and the days overdue
 * on a day (`kfq case list`, `/api/v1/cases`), one case's attributes
 * (`kfq case show`, `/api/v1/cases/{code}`), the cases to chase (`kfq case
 * overdue`, `/api/v1/cases/overdue`) and how a period's problems
 * were handled (`kfq case stats`, `/api/v1/cases/stats`). Depends on base,
 * case and report/grid. */
#ifndef KFQ_CASE_GRID_H
#define KFQ_CASE_GRID_H

#include "case/case.h"
#include "case/case_query.h"
#include "report/grid.h"

/* g initialised here: Chinese headings, names and the parties' names for
 * people (people set), else keys and codes. */
void case_list_grid(const struct case_list *l, int people, struct grid *g);

/* One case's attributes (g initialised here): for scripts one row keyed
 * code, raised ... merged_into (codes as stored); for people (people set)
 * attribute / value pairs with Chinese names, those it has not left out,
 * the enterprise and the household beside their names. */
void case_detail_grid(const struct case_detail *d, int people, struct grid *g);

/* The cases to chase on a day (kfq case overdue, /api/v1/cases/overdue;
 * g initialised here): each overdue or soon-due case with its department
 * and what to do (due soon; escalate, to the supervising office when the
 * department has one); Chinese headings and names for people. */
void case_overdue_grid(const struct case_overdue *o, int people, struct grid *g);
/* The same per department: how many overdue, how many past the
 * escalation's days, and whom to escalate to (g initialised here). */
void case_overdue_depts_grid(const struct case_overdue *o, struct grid *g);

/* The period's visits: enterprises and households visited, visits, problems
 * raised (kfq visit stats, /api/v1/visits/stats; g initialised here): one
 * row keyed for scripts, or figure / value pairs for people. */
void visit_stats_grid(const struct visit_counts *n, const struct period *p, int people,
                      struct grid *g);

/* How the period's problems were handled (g initialised here), by as the
 * request's (enum case_stats_by): a row per group, then the total; for
 * people with no groups the total as figure / value pairs. */
void case_stats_grid(const struct case_stats *s, int by, int people, struct grid *g);

#endif
