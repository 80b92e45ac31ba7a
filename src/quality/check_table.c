/* check_table.c: the values the rules read, one table per indicator and
 * span of months over every unit (see check_part.h). A check of one unit
 * reads a dozen spans (its month, its years to date, the 12 months
 * before); asked unit by unit, the figures would compute each span for
 * one unit at a time and drop it for the next. A table is filled for
 * every unit the running rule checks at once, span by span, and each
 * check then reads arrays.
 *
 * A validation of many units (figure_ctx.whole) reads an enterprise's
 * values more directly: for a stored indicator without a scope, the month
 * values of each indicator-year are read once, only the months asked for
 * (a December's history needs the year before's December, not its twelve
 * months), and a leaf that files month by month has, as the cube computes
 * it (calc/cube.c, own_series and own_span), for a flow over months a..b
 * the sum of its values of those months when it filed every one of them
 * and none otherwise, for a stock the value of month b or none. A leaf
 * that filed a span of months (a year to date, a quarter) that year, a
 * unit with children and every other indicator are computed by the
 * figures as before. Depends on base, store, model, calc. */
#include "quality/check_part.h"
#include "base/xalloc.h"
#include "model/obs.h"

#include <stdlib.h>
#include <string.h>

/* At most this many tables are kept (each: a byte and a decimal per
 * unit); when full, all are dropped and filled again as asked. */
#define TAB_MAX 96
#define TAB_HASH 256

struct tab {
	size_t ind;
	int year, first, last;
	unsigned gen;            /* the units filled: run->mask_gen at filling */
	unsigned char *st;       /* per unit: 0 not yet, 1 a value, 2 none, 3 an error */
	dec *v;
	struct kfq_err err;      /* the first error (state 3) */
	int has_err;
	struct tab *next;        /* in its bucket */
};

/* One indicator-year's month values of every unit (obs_month_values). */
struct ser {
	size_t ind;
	int year, lo, hi;        /* the months read; lo 0: unused */
	int unsafe;              /* a year to date does not fit: all through the figures */
	size_t nother;           /* units with a value of more than one month */
	dec *mon;
	uint16_t *got;
	unsigned char *other;
};

/* Series kept (two per indicator: the year and the one before). */
#define SER_MAX 4
/* More leaves than this that filed spans of months: their cubes are read
 * whole, not leaf by leaf (as check.c's WHOLE_MIN). */
#define SER_WHOLE 200

struct check_tabs {
	struct tab *bucket[TAB_HASH];
	struct tab *all[TAB_MAX];
	size_t n;
	unsigned epoch;          /* changes when the tables are dropped */
	struct ser ser[SER_MAX];
	int next_ser;
	int year;                /* the year validated: its series are read whole */
	struct figure_ctx leaf;  /* for the leaves that filed spans of months */
};

static unsigned hash(size_t ind, int year, int first, int last)
{
	size_t h = ind * 2654435761u + (size_t)year * 40503u + (size_t)first * 13u + (size_t)last;
	return (unsigned)(h ^ (h >> 11)) % TAB_HASH;
}

void check_tabs_init(struct run *run, int year)
{
	run->tabs = xcalloc(1, sizeof *run->tabs);
	run->tabs->year = year;
	figure_ctx_init(&run->tabs->leaf, run->db, run->units, run->inds);
}

static void ser_free(struct ser *sr)
{
	free(sr->mon);
	free(sr->got);
	free(sr->other);
	memset(sr, 0, sizeof *sr);
}

/* The series of (ind, year) holding months [first, last]: NULL when the
 * indicator is not read this way, *err on a store error (-1 in *rc). */
static struct ser *get_ser(struct run *run, size_t ind, int year, int first, int last, int *rc,
                           struct kfq_err *err)
{
	struct check_tabs *t = run->tabs;
	const struct indicator *d = &run->inds->v[ind];
	size_t n = run->units->n ? run->units->n : 1;
	struct ser *sr = NULL;
	int lo = first, hi = last;

	*rc = 0;
	if (!run->fc.whole || d->formula || d->scope)
		return NULL;
	for (int i = 0; i < SER_MAX; i++)
		if (t->ser[i].lo && t->ser[i].ind == ind && t->ser[i].year == year) {
			sr = &t->ser[i];
			if (sr->lo <= first && last <= sr->hi)
				return sr->unsafe ? NULL : sr;
			lo = 1;      /* asked for more: read the whole year */
			hi = 12;
			break;
		}
	if (year == t->year) {
		lo = 1;
		hi = 12;
	}
	if (!sr) {
		sr = &t->ser[t->next_ser];
		t->next_ser = (t->next_ser + 1) % SER_MAX;
	}
	ser_free(sr);
	sr->mon = xmalloc(n * 12 * sizeof *sr->mon);
	sr->got = xcalloc(n, sizeof *sr->got);
	sr->other = xcalloc(n, 1);
	if (obs_month_values(run->db, run->units, d->id, year, lo, hi, sr->mon, sr->got, sr->other,
	                     err) < 0) {
		ser_free(sr);
		*rc = -1;
		return NULL;
	}
	sr->ind = ind;
	sr->year = year;
	sr->lo = lo;
	sr->hi = hi;
	for (size_t u = 0; u < run->units->n; u++) {
		sr->nother += sr->other[u];
		/* the cube adds up each year to date when it is built: one that
		 * does not fit fails every figure of the indicator-year there */
		if (lo == 1 && !sr->other[u] && !sr->unsafe) {
			dec c = 0;
			for (int m = 1; m <= 12 && (sr->got[u] & (1u << m)); m++)
				if (dec_add(c, sr->mon[u * 12 + (size_t)m - 1], &c) < 0)
					sr->unsafe = 1;
		}
	}
	return sr->unsafe ? NULL : sr;
}

/* Leaf u's value over [a, b] from its month values: 1 with *v, 0 none, -1
 * not from them (a sum that does not fit: the figures say so). */
static int ser_value(const struct run *run, const struct ser *sr, size_t u, int a, int b, dec *v)
{
	const dec *mon = sr->mon + u * 12;
	uint16_t got = sr->got[u];
	dec s = 0;
	if (run->inds->v[sr->ind].kind == IND_STOCK) {
		if (!(got & (1u << b)))
			return 0;
		*v = mon[b - 1];
		return 1;
	}
	for (int m = a; m <= b; m++) {
		if (!(got & (1u << m)))
			return 0;
		if (dec_add(s, mon[m - 1], &s) < 0)
			return -1;
	}
	*v = s;
	return 1;
}

static void drop_all(struct check_tabs *t)
{
	t->epoch++;
	for (size_t i = 0; i < t->n; i++) {
		free(t->all[i]->st);
		free(t->all[i]->v);
		free(t->all[i]);
	}
	t->n = 0;
	memset(t->bucket, 0, sizeof t->bucket);
}

void check_tabs_release(struct run *run)
{
	if (!run->tabs)
		return;
	drop_all(run->tabs);
	for (int i = 0; i < SER_MAX; i++)
		ser_free(&run->tabs->ser[i]);
	figure_ctx_release(&run->tabs->leaf);
	free(run->tabs);
	run->tabs = NULL;
}

/* One unit's value into the table: from the series sr (NULL: none) for a
 * leaf that files month by month, else from the figures. */
static void fill_one(struct run *run, struct tab *tb, const struct ser *sr, size_t u)
{
	struct kfq_err e;
	struct figure_ctx *fc = &run->fc;
	int r;
	if (sr && run->units->v[u].nchildren == 0) {
		if (!sr->other[u]) {
			r = ser_value(run, sr, u, tb->first, tb->last, &tb->v[u]);
			if (r >= 0) {
				tb->st[u] = r == 1 ? 1 : 2;
				return;
			}
		} else if (sr->nother <= SER_WHOLE) {
			fc = &run->tabs->leaf;   /* its records alone */
		}
	}
	r = figure_value(fc, tb->ind, u, tb->year, tb->first, tb->last, tb->year, &tb->v[u], &e);
	if (r < 0) {
		if (!tb->has_err)
			tb->err = e;
		tb->has_err = 1;
		tb->st[u] = 3;
	} else {
		tb->st[u] = r == 1 ? 1 : 2;
	}
}

struct tab *check_tab_get(struct run *run, size_t ind, int year, int first, int last)
{
	struct check_tabs *t = run->tabs;
	unsigned h = hash(ind, year, first, last);
	struct tab *tb;

	for (tb = t->bucket[h]; tb; tb = tb->next)
		if (tb->ind == ind && tb->year == year && tb->first == first && tb->last == last)
			return tb;
	{
		size_t n = run->units->n ? run->units->n : 1;
		if (t->n == TAB_MAX)
			drop_all(t);
		tb = xcalloc(1, sizeof *tb);
		tb->ind = ind;
		tb->year = year;
		tb->first = first;
		tb->last = last;
		tb->st = xcalloc(n, 1);
		tb->v = xmalloc(n * sizeof *tb->v);
		tb->next = t->bucket[h];
		t->bucket[h] = tb;
		t->all[t->n++] = tb;
	}
	return tb;
}

unsigned check_tab_epoch(const struct run *run)
{
	return run->tabs->epoch;
}

int check_tab_read(struct run *run, struct tab *tb, size_t u, dec *v, struct kfq_err *err)
{
	if (!tb->st[u]) {
		int rc;
		struct ser *sr = get_ser(run, tb->ind, tb->year, tb->first, tb->last, &rc, err);
		if (rc < 0)
			return -1;
		/* every unit the rule checks, span by span: the figures compute
		 * one span for all of them before the next */
		if (tb->gen != run->mask_gen) {
			tb->gen = run->mask_gen;
			for (size_t i = 0; i < run->nmask; i++)
				if (!tb->st[run->mask[i]])
					fill_one(run, tb, sr, run->mask[i]);
		}
		if (!tb->st[u])
			fill_one(run, tb, sr, u);
	}
	switch (tb->st[u]) {
	case 1:
		*v = tb->v[u];
		return 1;
	case 2:
		return 0;
	default:
		*err = tb->err;
		return -1;
	}
}

int check_tab_value(struct run *run, size_t ind, size_t u, int year, int first, int last, dec *v,
                    struct kfq_err *err)
{
	return check_tab_read(run, check_tab_get(run, ind, year, first, last), u, v, err);
}
