/* assess_grid.h: an assessment's results as grids, what `kfq assess show`
 * prints (and `assess run` after storing) and `/api/v1/assessments/...`
 * return, built once here: the ranking (score, rank change, class, the
 * pillars' scores), every ranked entity's sentence, one entity's
 * indicators beside the leader and the median. people: Chinese headings
 * and marks for people, keys else. Depends on base, assess and
 * report/grid. */
#ifndef KFQ_ASSESS_GRID_H
#define KFQ_ASSESS_GRID_H

#include "assess/assess.h"
#include "report/grid.h"

/* The ranking of d rated as r (g initialised here): the ranked in rank
 * order, then the others; prev (d->n ranks in the previous period's run,
 * 0 none) gives the change, NULL when there is no previous run. */
void assess_ranking_grid(const struct assess_data *d, const struct as_result *r, const int *prev,
                         int people, struct grid *g);

/* Every ranked entity's sentence (g initialised here): people 0, both
 * the Chinese and the English (for files); 1, a table with the Chinese
 * only; 2, with the English only. 0, or -1 with err (g then released). */
int assess_sentences_grid(const struct assess_data *d, const struct as_result *r, int people,
                          struct grid *g, struct kfq_err *err);

/* Entity e's indicators as explained in ex (as_explain): the weight it was
 * rated with, raw, normalised, contribution, the leader's and the median's,
 * strong or weak (g initialised here). */
void assess_entity_grid(const struct assess_data *d, const struct as_result *r, size_t e,
                        const struct as_explain *ex, int people, struct grid *g);

/* The robustness of each ranked entity's rank over a sensitivity
 * analysis sr (as_sensitivity): its rank, code, name, the median rank, the
 * 5th and 95th percentile ranks (the rank interval) and the share of runs
 * at its own rank (%), in the ranking's order (g initialised here). */
void assess_sensitivity_grid(const struct assess_data *d, const struct as_result *r,
                             const struct as_sens_result *sr, int people, struct grid *g);

#endif
