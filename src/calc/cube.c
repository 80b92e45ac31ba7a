/* cube.c: loading one indicator-year and aggregating spans over the unit
 * tree (see cube.h); the lazy cube over stored roll-ups is in
 * cube_lazy.c. Depends on base, store, model. */
#include "calc/cube.h"
#include "calc/cube_part.h"
#include "base/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MEMO_SLOTS 6

/* Span results per unit, for the spans asked most recently: ranks and
 * shares ask for every sibling's value, and every ancestor's. */
struct memo_slot {
	int first, last;     /* 0 when unused */
	unsigned char *state;/* per unit: 0 not yet, 1 value, 2 none */
	dec *sum;
	uint32_t *n;         /* units contributing (for mean) */
};

struct cube_memo {
	struct memo_slot slot[MEMO_SLOTS];
	int next;
};

static const struct cell ZERO_CELL;

const struct cell *cube_cell(const struct cube *cb, size_t u)
{
	const struct cell *c;
	if (cb->c)
		return &cb->c[u];
	if (cb->units->v[u].nchildren)
		return &ZERO_CELL;   /* a parent's own series is inside its spans */
	c = cube_lazy_cell(cb, u);
	return c ? c : &ZERO_CELL;
}

/* How often a unit reports, from its records this year and the months
 * they end in (filed): 1 month by month, 3 by quarter, 0 otherwise. */
static uint8_t cadence(const struct obs_rec *r, size_t n, uint16_t filed)
{
	const uint16_t QEND = (1u << 3) | (1u << 6) | (1u << 9) | (1u << 12);
	int quarter = 0;
	if (filed & (filed >> 1))
		return 1;   /* two months running */
	for (size_t i = 0; i < n; i++) {
		if (r[i].first == r[i].last || (r[i].first == 1 && r[i].last == 2))
			return 1;   /* a month, or January and February together */
		if (r[i].last == r[i].first + 2 && r[i].last % 3 == 0)
			quarter = 1;
	}
	if (!(filed & ~QEND) && (quarter || (filed & (filed >> 3) & QEND)))
		return 3;
	return 0;
}

/* Turn one unit's records (sorted by last, then first) into its series.
 * Returns -1 when a total does not fit. */
int cube_own_series(const struct indicator *ind, const struct obs_rec *r, size_t n, struct cell *c)
{
	memset(c, 0, sizeof *c);
	c->own = 1;
	if (ind->kind == IND_STOCK) {
		for (size_t i = 0; i < n; i++)
			c->filed |= (uint16_t)(1u << r[i].last);
		c->cadence = cadence(r, n, c->filed);
		/* the level at each month: a month's own filing before a span's */
		for (size_t i = 0; i < n; i++) {
			int b = r[i].last;
			if (!(c->known & (1u << b)) || r[i].first == b) {
				c->cum[b] = r[i].v;
				c->known |= (uint16_t)(1u << b);
			}
		}
		return 0;
	}
	for (size_t i = 0; i < n; i++)
		c->filed |= (uint16_t)(1u << r[i].last);
	c->cadence = cadence(r, n, c->filed);
	c->known = 1;   /* nothing before January */
	for (size_t i = 0; i < n; i++) {
		int a = r[i].first, b = r[i].last;
		if (a == b) {
			c->mon[b] = r[i].v;
			c->mknown |= (uint16_t)(1u << b);
		}
		if (c->known & (1u << b))
			continue;   /* the widest span ending at b came first: it stands */
		if (!(c->known & (1u << (a - 1))))
			continue;
		if (dec_add(c->cum[a - 1], r[i].v, &c->cum[b]) < 0)
			return -1;
		c->known |= (uint16_t)(1u << b);
	}
	/* month values not filed as such: differences of year-to-date totals */
	for (int m = 1; m <= 12; m++)
		if (!(c->mknown & (1u << m)) && (c->known & (1u << m)) &&
		    (c->known & (1u << (m - 1)))) {
			if (dec_sub(c->cum[m], c->cum[m - 1], &c->mon[m]) < 0)
				return -1;
			c->mknown |= (uint16_t)(1u << m);
		}
	return 0;
}

/* A unit's own value over [a, b]. Returns 1 with *v, 0 none, -1 overflow. */
int cube_own_span(const struct indicator *ind, const struct cell *c, int a, int b, dec *v)
{
	if (ind->kind == IND_STOCK) {
		if (!(c->known & (1u << b)))
			return 0;
		*v = c->cum[b];
		return 1;
	}
	if (a == b && (c->mknown & (1u << b))) {
		*v = c->mon[b];
		return 1;
	}
	if ((c->known & (1u << b)) && (c->known & (1u << (a - 1))))
		return dec_sub(c->cum[b], c->cum[a - 1], v) < 0 ? -1 : 1;
	/* month by month, when every month of the span is known */
	{
		dec s = 0;
		for (int m = a; m <= b; m++) {
			if (!(c->mknown & (1u << m)))
				return 0;
			if (dec_add(s, c->mon[m], &s) < 0)
				return -1;
		}
		*v = s;
		return 1;
	}
}

static struct memo_slot *memo_for(struct cube *cb, int a, int b)
{
	struct cube_memo *m = cb->memo;
	struct memo_slot *s;
	for (int i = 0; i < MEMO_SLOTS; i++)
		if (m->slot[i].first == a && m->slot[i].last == b)
			return &m->slot[i];
	s = &m->slot[m->next];
	m->next = (m->next + 1) % MEMO_SLOTS;
	if (!s->state) {
		size_t n = cb->n ? cb->n : 1;
		s->state = xmalloc(n);
		s->sum = xmalloc(n * sizeof *s->sum);
		s->n = xmalloc(n * sizeof *s->n);
	}
	memset(s->state, 0, cb->n ? cb->n : 1);
	s->first = a;
	s->last = b;
	return s;
}

int cube_span_index(int first, int last)
{
	return (first - 1) * 13 - (first - 1) * first / 2 + (last - first);
}

/* The sum (or max) over the subtree of u and the number of contributing
 * units, in a full cube; iterative over an explicit stack so any depth is
 * safe. */
static int span(struct cube *cb, struct memo_slot *ms, size_t u)
{
	const struct unit_set *us = cb->units;
	const struct indicator *ind = cb->ind;
	size_t *stack, top = 0, cap = 64;
	int rc = 0;

	if (ms->state[u])
		return 0;
	stack = xmalloc(cap * sizeof *stack);
	stack[top++] = u;
	while (top > 0) {
		size_t x = stack[top - 1];
		const struct unit *ux = &us->v[x];
		int pending = 0;

		if (ms->state[x]) {
			top--;
			continue;
		}
		if (cb->c[x].own) {
			dec v;
			int r;
			top--;
			if (cb->in_scope && ux->nchildren == 0 && !cb->in_scope[x]) {
				ms->state[x] = 2;
				continue;
			}
			r = cube_own_span(ind, &cb->c[x], ms->first, ms->last, &v);
			if (r < 0)
				goto overflow;
			ms->state[x] = r ? 1 : 2;
			ms->sum[x] = v;
			ms->n[x] = 1;
			continue;
		}
		if (ind->agg == AGG_NONE || ux->nchildren == 0) {
			top--;
			ms->state[x] = 2;
			continue;
		}
		for (size_t k = 0; k < ux->nchildren; k++)
			if (!ms->state[ux->children[k]]) {
				if (top == cap) {
					cap *= 2;
					stack = xrealloc(stack, cap * sizeof *stack);
				}
				stack[top++] = ux->children[k];
				pending = 1;
			}
		if (pending)
			continue;
		/* every child done: fold them */
		top--;
		{
			dec s = 0;
			uint32_t n = 0;
			int any = 0;
			for (size_t k = 0; k < ux->nchildren; k++) {
				size_t ch = ux->children[k];
				if (ms->state[ch] != 1)
					continue;
				if (!any) {
					s = ms->sum[ch];
				} else if (ind->agg == AGG_MAX) {
					if (ms->sum[ch] > s)
						s = ms->sum[ch];
				} else if (dec_add(s, ms->sum[ch], &s) < 0) {
					goto overflow;
				}
				n += ms->n[ch];
				any = 1;
			}
			ms->state[x] = any ? 1 : 2;
			ms->sum[x] = s;
			ms->n[x] = n;
		}
		continue;
overflow:
		snprintf(cb->overflow_unit, sizeof cb->overflow_unit, "%s", us->v[x].code);
		cb->overflow = 1;
		rc = -1;
		break;
	}
	free(stack);
	return rc;
}

void cube_flag_overflow(struct cube *cb, size_t u)
{
	cb->overflow = 1;
	snprintf(cb->overflow_unit, sizeof cb->overflow_unit, "%s", cb->units->v[u].code);
}

/* A full cube, its cells empty. */
static struct cube *full_cube(const struct unit_set *units, const struct indicator *ind,
                              int year, int scope_year)
{
	struct cube *cb = xcalloc(1, sizeof *cb);
	cb->ind = ind;
	cb->units = units;
	cb->year = year;
	cb->scope_year = scope_year;
	cb->n = units->n;
	cb->c = xcalloc(units->n ? units->n : 1, sizeof *cb->c);
	cb->memo = xcalloc(1, sizeof *cb->memo);
	return cb;
}

/* The scope's members into a new cube's in_scope, when its indicator has
 * a scope. */
static int load_scope(struct kfq_db *db, struct cube *cb, struct kfq_err *err)
{
	if (!cb->ind->scope)
		return 0;
	cb->in_scope = xcalloc(cb->n ? cb->n : 1, 1);
	return units_in_group(db, cb->units, cb->ind->scope, cb->scope_year, cb->in_scope, err);
}

/* A unit's values into its cell of the cube being built (obs_year_scan). */
static int own_cell(void *ctx, int64_t uid, const struct obs_rec *r, size_t n)
{
	struct cube *cb = ctx;
	const struct unit_set *units = cb->units;
	if (uid >= 0 && uid <= units->max_id && units->by_id[uid] >= 0) {
		size_t u = (size_t)units->by_id[uid];
		if (cube_own_series(cb->ind, r, n, &cb->c[u]) < 0)
			cube_flag_overflow(cb, u);
	}
	return 0;
}

int cube_build_under(struct kfq_db *db, const struct unit_set *units,
                     const struct indicator *ind, int year, int scope_year, size_t root,
                     struct cube **out, struct kfq_err *err)
{
	struct cube *cb = full_cube(units, ind, year, scope_year);
	size_t *sub, nsub = units_subtree(units, root, &sub);
	int rc = 0;

	for (size_t i = 0; i < nsub && rc == 0; i++)
		rc = obs_year_scan(db, ind->id, year, units->v[sub[i]].id, own_cell, cb, err);
	free(sub);
	if (rc < 0 || load_scope(db, cb, err) < 0) {
		cube_free(cb);
		return -1;
	}
	*out = cb;
	return 0;
}

int cube_build_from(struct kfq_db *db, const struct unit_set *units,
                    const struct indicator *ind, int year, int scope_year,
                    obs_source_fn source, void *source_ctx, struct cube **out,
                    struct kfq_err *err)
{
	struct cube *cb = full_cube(units, ind, year, scope_year);
	int held = source ? source(source_ctx, ind->id, year, own_cell, cb) : 0;
	if (held < 0 || (!held && obs_year_scan(db, ind->id, year, -1, own_cell, cb, err) < 0) ||
	    load_scope(db, cb, err) < 0) {
		cube_free(cb);
		return -1;
	}
	*out = cb;
	return 0;
}

int cube_build(struct kfq_db *db, const struct unit_set *units, const struct indicator *ind,
               int year, int scope_year, struct cube **out, struct kfq_err *err)
{
	return cube_build_from(db, units, ind, year, scope_year, NULL, NULL, out, err);
}

void cube_free(struct cube *cb)
{
	if (!cb)
		return;
	if (cb->memo)
		for (int i = 0; i < MEMO_SLOTS; i++) {
			free(cb->memo->slot[i].state);
			free(cb->memo->slot[i].sum);
			free(cb->memo->slot[i].n);
		}
	free(cb->memo);
	free(cb->c);
	free(cb->in_scope);
	cube_lazy_release(cb);
	free(cb->expected);
	free(cb);
}

/* Whether unit x, which files its own values or is a leaf, is expected to
 * report by month last (see cube_coverage). */
int cube_expected_cell(const struct cube *cb, size_t x, const struct cell *c, int last)
{
	int leaf = cb->units->v[x].nchildren == 0;
	if (c->own) {
		if (cb->in_scope && leaf && !cb->in_scope[x])
			return 0;
		if (!(c->filed & (((1u << (last + 1)) - 1) & ~1u)))
			return 0;
		return c->cadence == 1 || (c->cadence == 3 && last % 3 == 0) ||
		       (c->filed & (1u << last));
	}
	return leaf && cb->in_scope && cb->in_scope[x];
}

static int expected_own(const struct cube *cb, size_t x, int last)
{
	return cube_expected_cell(cb, x, cube_cell(cb, x), last);
}

/* Every unit, children before their parents (a preorder of each root's
 * subtree, backwards), *count of them; the caller frees it. */
static size_t *bottom_up(const struct unit_set *us, size_t *count)
{
	size_t n = us->n, *order, *stack, no = 0, top = 0;

	order = xmalloc((n ? n : 1) * sizeof *order);
	stack = xmalloc((n ? n : 1) * sizeof *stack);
	for (size_t r = 0; r < n; r++) {
		if (us->v[r].parent >= 0)
			continue;
		stack[top++] = r;
		while (top > 0) {
			size_t x = stack[--top];
			order[no++] = x;
			for (size_t k = 0; k < us->v[x].nchildren; k++)
				stack[top++] = us->v[x].children[k];
		}
	}
	free(stack);
	for (size_t i = 0; i < no / 2; i++) {
		size_t t = order[i];
		order[i] = order[no - 1 - i];
		order[no - 1 - i] = t;
	}
	*count = no;
	return order;
}

/* Every unit's expected counts for the 12 months, bottom up (a cube built
 * from the observations: every leaf is loaded). */
static void compute_expected(struct cube *cb)
{
	const struct unit_set *us = cb->units;
	size_t no, *order = bottom_up(us, &no);
	uint32_t *e;

	cb->expected = e = xcalloc((cb->n ? cb->n : 1) * 12, sizeof *e);
	for (size_t i = 0; i < no; i++) {
		size_t x = order[i];
		const struct unit *ux = &us->v[x];
		if (cb->c[x].own || ux->nchildren == 0) {
			for (int m = 1; m <= 12; m++)
				e[x * 12 + (size_t)m - 1] = (uint32_t)expected_own(cb, x, m);
		} else if (cb->ind->agg != AGG_NONE) {
			for (size_t k = 0; k < ux->nchildren; k++)
				for (int m = 0; m < 12; m++)
					e[x * 12 + (size_t)m] += e[ux->children[k] * 12 + (size_t)m];
		}
	}
	free(order);
}

int cube_coverage(struct cube *cb, size_t u, int first, int last, uint32_t *reported,
                  uint32_t *expected)
{
	struct memo_slot *ms;

	*reported = *expected = 0;
	if (cb->overflow || cb->fault[0])
		return -1;
	if (!cb->c) {
		int state;
		dec sum;
		uint32_t n;
		if (cube_lazy_span(cb, u, first, last, &state, &sum, &n) < 0)
			return -1;
		*reported = state == 1 ? n : 0;
		if (cb->units->v[u].nchildren)
			*expected = cube_lazy_spans(cb, u)->expected[last - 1];   /* read by lazy_span */
		else
			*expected = (uint32_t)expected_own(cb, u, last);
		return 0;
	}
	ms = memo_for(cb, first, last);
	if (span(cb, ms, u) < 0)
		return -1;
	*reported = ms->state[u] == 1 ? ms->n[u] : 0;
	if (!cb->expected)
		compute_expected(cb);
	*expected = cb->expected[u * 12 + (size_t)last - 1];
	return 0;
}

/* Unit x's own values over every span into *out (n 1 for each); -1 on an
 * overflow, flagged at x. */
static int own_spans(struct cube *cb, size_t x, struct cube_spans *out)
{
	/* i runs through cube_span_index(a, b) in order */
	for (int a = 1, i = 0; a <= 12; a++)
		for (int b = a; b <= 12; b++, i++) {
			dec v = 0;
			int r = cube_own_span(cb->ind, &cb->c[x], a, b, &v);
			if (r < 0) {
				cube_flag_overflow(cb, x);
				return -1;
			}
			out->has[i] = (uint8_t)r;
			out->v[i] = r ? v : 0;
			out->n[i] = (uint32_t)r;
		}
	return 0;
}

/* As span() computes them, for every span at once: the units in one pass,
 * children before their parents, each parent's spans folded from its
 * children's (a leaf's own computed as its parent folds it), rather than
 * a walk of the tree for each of the 78 spans. */
int cube_all_spans(struct cube *cb, struct cube_spans *out)
{
	const struct unit_set *us = cb->units;
	const struct indicator *ind = cb->ind;
	size_t no, *order = bottom_up(us, &no);
	struct cube_spans leaf;
	int rc = 0;

	for (size_t o = 0; o < no && rc == 0; o++) {
		size_t x = order[o];
		const struct unit *ux = &us->v[x];
		struct cube_spans *sp = &out[x];
		if (ux->nchildren == 0)
			continue;
		memset(sp->has, 0, sizeof sp->has);
		memset(sp->n, 0, sizeof sp->n);
		memset(sp->v, 0, sizeof sp->v);
		if (cb->c[x].own) {
			rc = own_spans(cb, x, sp);
			continue;
		}
		if (ind->agg == AGG_NONE)
			continue;
		for (size_t k = 0; k < ux->nchildren && rc == 0; k++) {
			size_t ch = ux->children[k];
			const struct cube_spans *from = &out[ch];
			if (us->v[ch].nchildren == 0) {
				/* a leaf: its own values, when it files them and is in
				 * the scope */
				if (!cb->c[ch].own || (cb->in_scope && !cb->in_scope[ch]))
					continue;
				if ((rc = own_spans(cb, ch, &leaf)) < 0)
					break;
				from = &leaf;
			}
			for (int i = 0; i < CUBE_NSPANS; i++) {
				if (!from->has[i])
					continue;
				if (!sp->has[i]) {
					sp->v[i] = from->v[i];
				} else if (ind->agg == AGG_MAX) {
					if (from->v[i] > sp->v[i])
						sp->v[i] = from->v[i];
				} else if (dec_add(sp->v[i], from->v[i], &sp->v[i]) < 0) {
					cube_flag_overflow(cb, x);
					rc = -1;
					break;
				}
				sp->n[i] += from->n[i];
				sp->has[i] = 1;
			}
		}
	}
	free(order);
	if (rc < 0)
		return -1;
	if (!cb->expected)
		compute_expected(cb);
	for (size_t u = 0; u < us->n; u++)
		if (us->v[u].nchildren)
			memcpy(out[u].expected, cb->expected + u * 12, sizeof out[u].expected);
	return 0;
}

int cube_value(struct cube *cb, size_t u, int first, int last, dec *v)
{
	struct memo_slot *ms;
	int state;
	dec sum;
	uint32_t cnt;

	if (cb->overflow || cb->fault[0])
		return -1;
	if (!cb->c) {
		if (cube_lazy_span(cb, u, first, last, &state, &sum, &cnt) < 0)
			return -1;
	} else {
		ms = memo_for(cb, first, last);
		if (span(cb, ms, u) < 0)
			return -1;
		state = ms->state[u];
		sum = ms->sum[u];
		cnt = ms->n[u];
	}
	if (state != 1)
		return 0;
	*v = sum;
	if (cb->ind->agg == AGG_MEAN && !cube_cell(cb, u)->own && cnt > 1) {
		__int128 s = sum, n = cnt;
		__int128 q = (s < 0 ? -s : s) / n, r = (s < 0 ? -s : s) % n;
		if (r * 2 >= n)
			q++;
		*v = (dec)(s < 0 ? -q : q);
	}
	return 1;
}
