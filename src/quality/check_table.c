/* check_table.c: the values the rules read, one table per indicator and
 * span of months over every unit (see check_part.h). A check of one unit
 * reads a dozen spans (its month, its years to date, the 12 months
 * before); asked unit by unit, the figures would compute each span for
 * one unit at a time and drop it for the next. A table is filled for
 * every unit the running rule checks at once, span by span, and each
 * check then reads arrays. Depends on base, store, model, calc. */
#include "quality/check_part.h"
#include "base/xalloc.h"

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

struct check_tabs {
	struct tab *bucket[TAB_HASH];
	struct tab *all[TAB_MAX];
	size_t n;
};

static unsigned hash(size_t ind, int year, int first, int last)
{
	size_t h = ind * 2654435761u + (size_t)year * 40503u + (size_t)first * 13u + (size_t)last;
	return (unsigned)(h ^ (h >> 11)) % TAB_HASH;
}

void check_tabs_init(struct run *run)
{
	run->tabs = xcalloc(1, sizeof *run->tabs);
}

static void drop_all(struct check_tabs *t)
{
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
	free(run->tabs);
	run->tabs = NULL;
}

/* One unit's value into the table. */
static void fill_one(struct run *run, struct tab *tb, size_t u)
{
	struct kfq_err e;
	int r = figure_value(&run->fc, tb->ind, u, tb->year, tb->first, tb->last, tb->year,
	                     &tb->v[u], &e);
	if (r < 0) {
		if (!tb->has_err)
			tb->err = e;
		tb->has_err = 1;
		tb->st[u] = 3;
	} else {
		tb->st[u] = r == 1 ? 1 : 2;
	}
}

int check_tab_value(struct run *run, size_t ind, size_t u, int year, int first, int last, dec *v,
                    struct kfq_err *err)
{
	struct check_tabs *t = run->tabs;
	unsigned h = hash(ind, year, first, last);
	struct tab *tb;

	for (tb = t->bucket[h]; tb; tb = tb->next)
		if (tb->ind == ind && tb->year == year && tb->first == first && tb->last == last)
			break;
	if (!tb) {
		size_t n = run->units->n ? run->units->n : 1;
		if (t->n == TAB_MAX) {
			drop_all(t);
			h = hash(ind, year, first, last);
		}
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
	if (!tb->st[u]) {
		/* every unit the rule checks, span by span: the figures compute
		 * one span for all of them before the next */
		if (tb->gen != run->mask_gen) {
			tb->gen = run->mask_gen;
			for (size_t i = 0; i < run->nmask; i++)
				if (!tb->st[run->mask[i]])
					fill_one(run, tb, run->mask[i]);
		}
		if (!tb->st[u])
			fill_one(run, tb, u);
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
