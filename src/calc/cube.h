/* cube.h: one indicator's values for one year over the whole unit tree.
 *
 * A unit's own series comes from its observations. For a flow: the
 * year-to-date total at each month (a filed year-to-date total stands as
 * filed; month values and quarters fill the months after it) and each
 * month's own value (filed, or the difference of two year-to-date totals).
 * For a stock: the level at each month.
 * A unit's value over months [first, last] is its own when it files the
 * indicator that year; otherwise the aggregate (sum, mean, max) of its
 * children's values over the same span, taken unit by unit, so a child that
 * has not filed a month yet leaves that month out rather than distorting a
 * difference. A scope (unit group) keeps only the leaf units that belong
 * to it in `scope_year`: scope_year = year gives the figures of the year,
 * scope_year = year + 1 the comparable (同口径) basis for next year's growth.
 * Depends on base, store, model. */
#ifndef KFQ_CUBE_H
#define KFQ_CUBE_H

#include <stdint.h>

#include "base/dec.h"
#include "model/indicator.h"
#include "model/obs.h"
#include "model/unit.h"
#include "store/db.h"

struct cell {
	dec cum[13];        /* flow: year to date at month m (cum[0] = 0); stock: level */
	dec mon[13];        /* flow: the month's own value */
	uint16_t known;     /* bit m: cum[m] known */
	uint16_t mknown;    /* bit m: mon[m] known */
	uint16_t filed;     /* bit m: a record of the unit ends at month m */
	uint8_t cadence;    /* 1 month by month, 3 by quarter, 0 other (cube_coverage) */
	uint8_t own;        /* the unit files this indicator itself this year */
};

struct cube_memo;

/* Every span of months [a, b] (1 ≤ a ≤ b ≤ 12) of one unit: 78 of them. */
#define CUBE_NSPANS 78
struct cube_spans {
	uint8_t has[CUBE_NSPANS];   /* 1: a value */
	uint32_t n[CUBE_NSPANS];    /* filing units contributing (mean) */
	dec v[CUBE_NSPANS];         /* the sum (or max) */
	uint32_t expected[12];      /* units expected to report by month m + 1 */
};

/* Index of span [first, last] in struct cube_spans. */
int cube_span_index(int first, int last);

struct cube;
struct cube_lazy_map;

/* Reads the stored spans of unit u (a unit with children), and any of its
 * siblings' it likes, into the cube through cube_lazy_put: 0, or -1 with
 * err set (see rollup.c). A unit it gives nothing for has no value. */
typedef int (*cube_read_spans_fn)(void *arg, struct cube *cb, size_t u, struct kfq_err *err);

struct cube {
	const struct indicator *ind;
	const struct unit_set *units;
	int year, scope_year;
	struct cell *c;          /* per unit index (full cubes); NULL in a lazy one */
	unsigned char *in_scope; /* per unit, NULL when the indicator has no scope */
	size_t n;
	struct cube_memo *memo;  /* span values already computed (full cubes) */
	int overflow;            /* a figure does not fit: refused, never wrapped */
	char overflow_unit[64];
	/* A lazy cube (cube_lazy, over stored roll-ups) holds nothing per unit
	 * of the tree: a unit with children has its spans read through
	 * read_spans, a leaf its observations, when first asked for, and kept
	 * in `lazy`; so a figure costs what it shows, not the tree under it. */
	cube_read_spans_fn read_spans;
	void *read_arg;
	struct cube_lazy_map *lazy;
	int scope_loaded;        /* lazy: in_scope read (on the first leaf) */
	struct kfq_db *db;
	char fault[256];         /* a store error while reading lazily */
	uint32_t *expected;      /* per unit × 12, computed on first use (full cubes) */
};

/* Build the cube. Returns a new cube in *out; the caller frees it. */
int cube_build(struct kfq_db *db, const struct unit_set *units, const struct indicator *ind,
               int year, int scope_year, struct cube **out, struct kfq_err *err);
/* The same, the records given by source(source_ctx, ...) when it holds the
 * indicator-year whole (returns 1; struct rollup_todo), else read. */
int cube_build_from(struct kfq_db *db, const struct unit_set *units,
                    const struct indicator *ind, int year, int scope_year,
                    obs_source_fn source, void *source_ctx, struct cube **out,
                    struct kfq_err *err);
void cube_free(struct cube *cb);
/* The same, with the records of root's subtree alone (root and every unit
 * under it), each unit's read by its key: every figure and coverage of a
 * unit in the subtree is cube_build's, the others' are empty. For a
 * subtree much smaller than the tree (a zone of a province), where reading
 * the whole indicator-year would cost the province. */
int cube_build_under(struct kfq_db *db, const struct unit_set *units,
                     const struct indicator *ind, int year, int scope_year, size_t root,
                     struct cube **out, struct kfq_err *err);

/* A lazy cube (see struct cube): units with children take their spans
 * from read_spans, leaves their observations, each when first asked for. */
struct cube *cube_lazy(struct kfq_db *db, const struct unit_set *units,
                       const struct indicator *ind, int year, int scope_year,
                       cube_read_spans_fn read_spans, void *read_arg);

/* For a lazy cube's reader: the spans of unit u (a unit with children),
 * copied, unless it has them already. */
void cube_lazy_put(struct cube *cb, size_t u, const struct cube_spans *sp);

/* A lazy cube's parent x computed afresh, as cube_all_spans computes it:
 * its own values when it files them, else the aggregate of its children's
 * (their spans as the cube has them, read or computed before; the leaves'
 * records). The result replaces x's spans in the cube, so that parents
 * above, folded after it, sum it. Returns 0, or -1 on an overflow
 * (cb->overflow) or a store error (cb->fault). */
int cube_fold(struct cube *cb, size_t x, struct cube_spans *out);

/* The latest month a lazy cube's leaf u has a record ending in, from the
 * records the cube has read: 1-12, 0 when it has none, -1 when the cube
 * has not read them (or u has children). */
int cube_lazy_latest(const struct cube *cb, size_t u);

/* Unit u's own series: all zero when it files nothing (or, in a lazy cube,
 * has not been read yet: cube_value and cube_coverage read it). */
const struct cell *cube_cell(const struct cube *cb, size_t u);

/* Every span of every unit with children, computed from a full cube (not
 * a lazy one) into out[u] (out is indexed by unit; entries for leaves are
 * left alone): the values cube_value and cube_coverage give, in one pass
 * over the tree. Returns -1 when a total overflows. */
int cube_all_spans(struct cube *cb, struct cube_spans *out);

/* The value of unit u over months [first, last]: a flow's total over the
 * span, a stock's level at `last`; aggregated over the subtree when u does
 * not file it. Returns 1 and sets *v when there is a value, 0 when there is
 * none, -1 when a total overflows (cb->overflow is then set). */
int cube_value(struct cube *cb, size_t u, int first, int last, dec *v);

/* Coverage (honest totals): of the units expected to report u's value by
 * month `last`, how many did over [first, last]. A unit is expected when
 * it files the indicator itself, one of its records this year ends in or
 * before `last`, and it reports month by month (a record of one month,
 * January–February together, or records ending in two months running),
 * or by quarter (a record of one quarter, or records ending at two
 * quarter ends running and at no other month) when `last` ends a quarter,
 * or it has a record ending in `last` (an annual filer is expected at
 * the months it files); or, for an indicator with a scope,
 * when it is a leaf
 * in the scope (a 规上 firm that has filed nothing this year is expected
 * all the same); below a unit that files its own values its children are
 * not counted, as in the values. *reported counts the expected units with
 * a value over the span (those the value sums). Returns 0, -1 on a store
 * error (cb->fault). */
int cube_coverage(struct cube *cb, size_t u, int first, int last, uint32_t *reported,
                  uint32_t *expected);

#endif
