/* finance_grid.h: the finance platform's results (finance/fin_query.h)
 * as grids, for kfq finance (and any other front end) to write in every
 * format: money in 万元 exactly, percentages with one decimal; table
 * selects Chinese names (在贷, 代偿 ...), else the English ones. Depends
 * on base, finance and report/grid. */
#ifndef KFQ_FINANCE_GRID_H
#define KFQ_FINANCE_GRID_H

#include "finance/fin_query.h"
#include "report/grid.h"

void fin_fund_grid(const struct fin_fund_res *r, struct grid *g);
void fin_loan_grid(const struct fin_loan_res *r, int table, struct grid *g);
void fin_meeting_grid(const struct fin_meeting_res *r, struct grid *g);
/* by_bank: the sums per bank (or fund), else per park */
void fin_match_grid(const struct fin_meeting_res *r, int by_bank, struct grid *g);
/* The circles (one row each), the chains (one row each). */
void fin_circle_grid(const struct fin_net_res *r, struct grid *g);
void fin_chain_grid(const struct fin_net_res *r, struct grid *g);
/* The firms exposed to r->target: relation, links away. */
void fin_exposure_grid(const struct fin_net_res *r, int table, struct grid *g);
void fin_warn_grid(const struct fin_warn_res *r, int table, struct grid *g);

#endif
