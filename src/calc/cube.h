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
#include "model/unit.h"
#include "store/db.h"

struct cell {
	dec cum[13];        /* flow: year to date at month m (cum[0] = 0); stock: level */
	dec mon[13];        /* flow: the month's own value */
	uint16_t known;     /* bit m: cum[m] known */
	uint16_t mknown;    /* bit m: mon[m] known */
	uint8_t own;        /* the unit files this indicator itself this year */
};

struct cube_memo;

/* Every span of months [a, b] (1 ≤ a ≤ b ≤ 12) of one unit: 78 of them. */
#define CUBE_NSPANS 78
struct cube_spans {
	uint8_t has[CUBE_NSPANS];   /* 1: a value */
	uint32_t n[CUBE_NSPANS];    /* filing units contributing (mean) */
	dec v[CUBE_NSPANS];         /* the sum (or max) */
};

/* Index of span [first, last] in struct cube_spans. */
int cube_span_index(int first, int last);

struct cube {
	const struct indicator *ind;
	const struct unit_set *units;
	int year, scope_year;
	struct cell *c;          /* per unit index */
	unsigned char *in_scope; /* per unit, NULL when the indicator has no scope */
	size_t n;
	struct cube_memo *memo;  /* span values already computed */
	int overflow;            /* a figure does not fit: refused, never wrapped */
	char overflow_unit[64];
	/* Stored roll-ups (calc/rollup.c): when pre is set, units with children
	 * take their spans from pre[u], and leaves are read from the store when
	 * first asked for. */
	struct cube_spans **pre;
	unsigned char *loaded;
	struct kfq_db *db;
	char fault[256];         /* a store error while reading a leaf */
};

/* Build the cube. Returns a new cube in *out; the caller frees it. */
int cube_build(struct kfq_db *db, const struct unit_set *units, const struct indicator *ind,
               int year, int scope_year, struct cube **out, struct kfq_err *err);
void cube_free(struct cube *cb);

/* A cube whose units with children take their values from pre (indexed by
 * unit, NULL for leaves; the cube takes ownership) and whose leaves are
 * read on demand. */
struct cube *cube_from_spans(struct kfq_db *db, const struct unit_set *units,
                             const struct indicator *ind, int year, int scope_year,
                             struct cube_spans **pre, struct kfq_err *err);

/* Every span of every unit with children, computed from a full cube into
 * out[u] (out is indexed by unit; entries for leaves are left alone).
 * Returns -1 when a total overflows. */
int cube_all_spans(struct cube *cb, struct cube_spans *out);

/* The value of unit u over months [first, last]: a flow's total over the
 * span, a stock's level at `last`; aggregated over the subtree when u does
 * not file it. Returns 1 and sets *v when there is a value, 0 when there is
 * none, -1 when a total overflows (cb->overflow is then set). */
int cube_value(struct cube *cb, size_t u, int first, int last, dec *v);

#endif
