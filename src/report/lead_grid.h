/* lead_grid.h: the investment-promotion pipeline as grids: the leads
 * (what `kfq lead list` prints, and `lead show` shows of one lead, and
 * `/api/v1/leads` returns), the bureau's figures (`kfq lead stats`,
 * `/api/v1/leads/stats`) and the funnel (`kfq lead funnel`,
 * `/api/v1/leads/funnel`), each built once here. Depends on base,
 * lead/lead_query.h and report/grid. */
#ifndef KFQ_LEAD_GRID_H
#define KFQ_LEAD_GRID_H

#include "lead/lead_query.h"
#include "report/grid.h"

/* The columns of the list, which one lead's attributes show too. */
enum { L_CODE, L_NAME, L_INVESTOR, L_ORIGIN, L_INDUSTRY, L_PARK, L_TOTAL, L_FOREIGN, L_OFFICER,
       L_SOURCE, L_STAGE, L_SINCE, L_ENT, L_PROJ, L_N };
extern const char *const LEAD_LIST_KEYS[L_N];    /* "code" ... */
extern const char *const LEAD_LIST_HEADS[L_N];   /* "代码" ... */

/* A stage as shown: 接洽 ... for people (zh set), contact ... else; NULL
 * when it is none (-1). */
const char *lead_stage_shown(int stage, int zh);

/* Adds to g (L_N columns) a row for lead it: park names and Chinese stages
 * for people, codes else. */
void lead_list_row_grid(struct grid *g, const struct lead_item *it, int people);

/* One lead's sections, as `kfq lead show` prints them and
 * `/api/v1/leads/{code}?sections=1` gives them (g initialised here): the
 * stages it went through with the days spent in each (stages in Chinese
 * for people), the history of changes. */
void lead_steps_grid(const struct lead_show_res *r, int people, struct grid *g);
void lead_changes_grid(const struct lead_show_res *r, struct grid *g);

/* The list (g initialised here). */
void lead_list_grid(const struct lead_list_res *r, int people, struct grid *g);

/* The bureau's figures as scripts read them (--format csv|json; g
 * initialised here): one row keyed unit, period, landed ...; with r->by, a
 * row per industry or origin of the landed leads instead, each with the
 * unit and the period. */
void lead_stats_grid(const struct lead_stats_res *r, struct grid *g);
/* The same figures for people: figure / value pairs, Chinese headings
 * (fdi_arrived and its target with their measure). */
void lead_stats_table(const struct lead_stats_res *r, struct grid *g);
/* The landed leads per industry or origin for people (r->by set): the
 * key (（未填） when missing), landed, their investment. */
void lead_stats_by_table(const struct lead_stats_res *r, struct grid *g);

/* The funnel (g initialised here): a row per stage; Chinese headings and
 * stages for people, keys else. */
void lead_funnel_grid(const struct lead_funnel_res *r, int people, struct grid *g);

#endif
