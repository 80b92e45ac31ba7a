/* project_grid.h: the key-project register and the project office's
 * figures as grids: what `kfq project list|show|stats` print and
 * `/api/v1/projects`, `/api/v1/projects/{code}`, `/api/v1/projects/stats`
 * return, built once here.
 * Depends on base, project/project_query.h and report/grid. */
#ifndef KFQ_PROJECT_GRID_H
#define KFQ_PROJECT_GRID_H

#include "project/project_query.h"
#include "report/grid.h"

/* Investment v (元) into cell col of g's current row, in 亿元 with decimals. */
void project_put_money(struct grid *g, size_t col, dec v, int decimals);
/* Status s as shown: 储备 ... for people (zh set), reserve ... else. */
const char *project_status_shown(const char *s, int zh);

/* The register (g initialised here): Chinese headings, park names and
 * statuses when people set, else keys and codes. */
void project_list_grid(const struct project_list *l, int people, struct grid *g);

/* One project's attributes (g initialised here): for people, a table of
 * attribute / value in Chinese (the park as code and name, the status in
 * Chinese); else one row keyed for scripts, what `kfq project show
 * --format json` and `/api/v1/projects/{code}` give. */
void project_show_grid(const struct project_show *s, int people, struct grid *g);
/* Its sections, as `kfq project show` prints them (Chinese headings) and
 * `/api/v1/projects/{code}?sections=1` gives them (keys), each g
 * initialised here: the annual plans, the progress by month, the
 * problems, the history of changes. */
void project_plans_grid(const struct project_show *s, struct grid *g);
void project_progress_grid(const struct project_show *s, struct grid *g);
void project_problems_grid(const struct project_show *s, struct grid *g);
void project_history_grid(const struct project_show *s, struct grid *g);

/* The office's figures: one row keyed for scripts (g initialised here). */
void project_stats_grid(const struct project_stats *s, struct grid *g);
/* The same as a two-column table for people: figure, value. */
void project_stats_table(const struct project_stats *s, struct grid *g);

#endif
