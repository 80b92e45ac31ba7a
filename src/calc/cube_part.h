/* cube_part.h: private to calc/cube.c and calc/cube_lazy.c: what the
 * full cube and the lazy one share (a unit's records turned into its
 * series and spans, the scope's members, the counts of units expected).
 * Depends on calc/cube. */
#ifndef KFQ_CUBE_PART_H
#define KFQ_CUBE_PART_H

#include "calc/cube.h"
#include "model/obs.h"

/* One unit's records (sorted by last, then first) as its series in *c;
 * -1 when a total does not fit. */
int cube_own_series(const struct indicator *ind, const struct obs_rec *r, size_t n, struct cell *c);
/* A unit's own value over [a, b]: 1 with *v, 0 none, -1 overflow. */
int cube_own_span(const struct indicator *ind, const struct cell *c, int a, int b, dec *v);
/* A total of unit u does not fit: the cube refuses its figures. */
void cube_flag_overflow(struct cube *cb, size_t u);
/* Whether unit x (series c), which files its own values or is a leaf, is
 * expected to report by month last (see cube_coverage). */
int cube_expected_cell(const struct cube *cb, size_t x, const struct cell *c, int last);

/* A lazy cube's leaf u's series when read, else NULL (calc/cube_lazy.c). */
const struct cell *cube_lazy_cell(const struct cube *cb, size_t u);
/* A lazy cube's value of u over [a, b]: *state 1 a value (*sum, *n
 * contributing units), 2 none; -1 on a store error or an overflow. */
int cube_lazy_span(struct cube *cb, size_t u, int a, int b, int *state, dec *sum, uint32_t *n);
/* A lazy cube's unit u with children: its spans, read when first asked
 * for; NULL on a store error. */
const struct cube_spans *cube_lazy_spans(struct cube *cb, size_t u);
/* What a lazy cube read, freed. */
void cube_lazy_release(struct cube *cb);

#endif
