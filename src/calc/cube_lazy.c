/* cube_lazy.c: a cube over stored roll-ups that reads only the units it
 * is asked for (see cube.h, cube_lazy): a parent's spans through the
 * reader the caller gives (calc/rollup.c, with its siblings'), a leaf's
 * records from the store; and a parent computed afresh from its children
 * (cube_fold), for a rebuild above the units an import changed.
 * Depends on base, store, model, calc/cube. */
#include "calc/cube.h"
#include "calc/cube_part.h"
#include "base/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A lazy cube's units read so far: unit index → its spans (a unit with
 * children) or its series (a leaf). Open addressing, at most 3/4 full. */
struct lazy_slot {
	size_t u;
	void *p;             /* NULL: a free slot */
};

struct cube_lazy_map {
	struct lazy_slot *v;
	size_t cap, n;       /* cap a power of two */
};

static size_t lazy_hash(size_t u, size_t cap)
{
	return (size_t)(((uint64_t)u * 0x9E3779B97F4A7C15u) >> 32) & (cap - 1);
}

static void *lazy_find(const struct cube_lazy_map *m, size_t u)
{
	if (m->cap == 0)
		return NULL;
	for (size_t i = lazy_hash(u, m->cap);; i = (i + 1) & (m->cap - 1)) {
		if (!m->v[i].p)
			return NULL;
		if (m->v[i].u == u)
			return m->v[i].p;
	}
}

static void lazy_put(struct cube_lazy_map *m, size_t u, void *p)
{
	if ((m->n + 1) * 4 > m->cap * 3) {
		struct lazy_slot *old = m->v;
		size_t ocap = m->cap;
		m->cap = ocap ? ocap * 2 : 64;
		m->v = xcalloc(m->cap, sizeof *m->v);
		m->n = 0;
		for (size_t i = 0; i < ocap; i++)
			if (old[i].p)
				lazy_put(m, old[i].u, old[i].p);
		free(old);
	}
	for (size_t i = lazy_hash(u, m->cap);; i = (i + 1) & (m->cap - 1))
		if (!m->v[i].p) {
			m->v[i].u = u;
			m->v[i].p = p;
			m->n++;
			return;
		}
}

const struct cell *cube_lazy_cell(const struct cube *cb, size_t u)
{
	return lazy_find(cb->lazy, u);
}

void cube_lazy_release(struct cube *cb)
{
	if (!cb->lazy)
		return;
	for (size_t i = 0; i < cb->lazy->cap; i++)
		free(cb->lazy->v[i].p);
	free(cb->lazy->v);
	free(cb->lazy);
	cb->lazy = NULL;
}

struct leaf {
	struct cube *cb;
	size_t u;
	struct cell *c;
};

static int leaf_cell(void *ctx, int64_t uid, const struct obs_rec *r, size_t n)
{
	struct leaf *l = ctx;
	(void)uid;
	if (cube_own_series(l->cb->ind, r, n, l->c) < 0)
		cube_flag_overflow(l->cb, l->u);
	return 0;
}

/* Read one leaf's observations into *c (a lazy cube). */
static int load_leaf(struct cube *cb, size_t u, struct cell *c)
{
	struct leaf l = { cb, u, c };
	struct kfq_err err;
	if (obs_year_scan(cb->db, cb->ind->id, cb->year, cb->units->v[u].id, leaf_cell, &l,
	                  &err) < 0) {
		snprintf(cb->fault, sizeof cb->fault, "%.200s", err.msg);
		return -1;
	}
	return cb->overflow ? -1 : 0;
}

/* A lazy cube's leaf u, read when first asked for (and the scope's
 * members with the first leaf). NULL on a store error or an overflow. */
static const struct cell *lazy_leaf(struct cube *cb, size_t u)
{
	struct cell *c = lazy_find(cb->lazy, u);
	if (c)
		return c;
	if (cb->ind->scope && !cb->scope_loaded) {
		struct kfq_err err;
		cb->in_scope = xcalloc(cb->n ? cb->n : 1, 1);
		cb->scope_loaded = 1;
		if (units_in_group(cb->db, cb->units, cb->ind->scope, cb->scope_year, cb->in_scope,
		               &err) < 0) {
			snprintf(cb->fault, sizeof cb->fault, "%.200s", err.msg);
			return NULL;
		}
	}
	c = xcalloc(1, sizeof *c);
	lazy_put(cb->lazy, u, c);
	return load_leaf(cb, u, c) < 0 ? NULL : c;
}

int cube_lazy_latest(const struct cube *cb, size_t u)
{
	const struct cell *c;
	if (cb->units->v[u].nchildren || !(c = lazy_find(cb->lazy, u)))
		return -1;
	for (int m = 12; m >= 1; m--)
		if (c->filed & (1u << m))
			return m;
	return 0;
}

void cube_lazy_put(struct cube *cb, size_t u, const struct cube_spans *sp)
{
	struct cube_spans *copy;
	if (lazy_find(cb->lazy, u))
		return;
	copy = xmalloc(sizeof *copy);
	*copy = *sp;
	lazy_put(cb->lazy, u, copy);
}

/* A lazy cube's unit u with children: its stored spans, read when first
 * asked for (with its siblings', as the reader gives them). NULL on a
 * store error. */
const struct cube_spans *cube_lazy_spans(struct cube *cb, size_t u)
{
	static const struct cube_spans NONE;
	const struct cube_spans *sp = lazy_find(cb->lazy, u);
	struct kfq_err err;
	if (sp)
		return sp;
	if (cb->read_spans(cb->read_arg, cb, u, &err) < 0) {
		snprintf(cb->fault, sizeof cb->fault, "%.200s", err.msg);
		return NULL;
	}
	cube_lazy_put(cb, u, &NONE);
	return lazy_find(cb->lazy, u);
}

/* A lazy cube's value of u over [a, b]: *state 1 a value (*sum, *n
 * contributing units), 2 none. Returns -1 on a store error or overflow. */
int cube_lazy_span(struct cube *cb, size_t u, int a, int b, int *state, dec *sum, uint32_t *n)
{
	const struct cell *c;
	dec v = 0;
	int r;

	*state = 2;
	*sum = 0;
	*n = 0;
	if (cb->units->v[u].nchildren) {
		const struct cube_spans *sp = cube_lazy_spans(cb, u);
		int i = cube_span_index(a, b);
		if (!sp)
			return -1;
		*state = sp->has[i] ? 1 : 2;
		*sum = sp->v[i];
		*n = sp->n[i];
		return 0;
	}
	if (!(c = lazy_leaf(cb, u)))
		return -1;
	if (!c->own || (cb->in_scope && !cb->in_scope[u]))
		return 0;
	if ((r = cube_own_span(cb->ind, c, a, b, &v)) < 0) {
		cube_flag_overflow(cb, u);
		return -1;
	}
	if (r) {
		*state = 1;
		*sum = v;
		*n = 1;
	}
	return 0;
}

struct cube *cube_lazy(struct kfq_db *db, const struct unit_set *units,
                       const struct indicator *ind, int year, int scope_year,
                       cube_read_spans_fn read_spans, void *read_arg)
{
	struct cube *cb = xcalloc(1, sizeof *cb);

	cb->ind = ind;
	cb->units = units;
	cb->year = year;
	cb->scope_year = scope_year;
	cb->n = units->n;
	cb->read_spans = read_spans;
	cb->read_arg = read_arg;
	cb->lazy = xcalloc(1, sizeof *cb->lazy);
	cb->db = db;
	return cb;
}

int cube_fold(struct cube *cb, size_t x, struct cube_spans *out)
{
	const struct unit *ux = &cb->units->v[x];
	const struct indicator *ind = cb->ind;
	struct cell own;
	struct cube_spans *set;

	memset(out, 0, sizeof *out);
	memset(&own, 0, sizeof own);
	if (cb->overflow || cb->fault[0] || load_leaf(cb, x, &own) < 0)
		return -1;
	if (own.own) {
		/* a parent that files its own values: they stand (as span() has it) */
		for (int a = 1; a <= 12; a++)
			for (int b = a; b <= 12; b++) {
				int i = cube_span_index(a, b), r;
				dec v = 0;
				if ((r = cube_own_span(ind, &own, a, b, &v)) < 0) {
					cube_flag_overflow(cb, x);
					return -1;
				}
				out->has[i] = (uint8_t)r;
				out->v[i] = r ? v : 0;
				out->n[i] = (uint32_t)r;
			}
		for (int m = 1; m <= 12; m++)
			out->expected[m - 1] = (uint32_t)cube_expected_cell(cb, x, &own, m);
	} else if (ind->agg != AGG_NONE) {
		for (int a = 1; a <= 12; a++)
			for (int b = a; b <= 12; b++) {
				int i = cube_span_index(a, b), any = 0;
				dec s = 0;
				uint32_t n = 0;
				for (size_t k = 0; k < ux->nchildren; k++) {
					int state;
					dec sum;
					uint32_t cn;
					if (cube_lazy_span(cb, ux->children[k], a, b, &state, &sum, &cn) < 0)
						return -1;
					if (state != 1)
						continue;
					if (!any) {
						s = sum;
					} else if (ind->agg == AGG_MAX) {
						if (sum > s)
							s = sum;
					} else if (dec_add(s, sum, &s) < 0) {
						cube_flag_overflow(cb, x);
						return -1;
					}
					n += cn;
					any = 1;
				}
				out->has[i] = (uint8_t)any;
				out->v[i] = any ? s : 0;
				out->n[i] = any ? n : 0;
			}
		for (size_t k = 0; k < ux->nchildren; k++) {
			size_t ch = ux->children[k];
			const struct cube_spans *sp;
			if (cb->units->v[ch].nchildren) {
				if (!(sp = cube_lazy_spans(cb, ch)))
					return -1;
				for (int m = 0; m < 12; m++)
					out->expected[m] += sp->expected[m];
			} else {
				if (!lazy_leaf(cb, ch))
					return -1;
				for (int m = 1; m <= 12; m++)
					out->expected[m - 1] += (uint32_t)cube_expected_cell(cb, ch, cube_cell(cb, ch), m);
			}
		}
	}
	/* what the parents above read from now on */
	if ((set = lazy_find(cb->lazy, x)) != NULL) {
		*set = *out;
	} else {
		set = xmalloc(sizeof *set);
		*set = *out;
		lazy_put(cb->lazy, x, set);
	}
	return 0;
}
