/* obs_whole.c: an import's values of an indicator-year given back from its
 * rows in memory, when those rows are all the indicator-year has (see
 * obs.h, obs_writer_whole): the roll-ups of a new indicator-year are then
 * built without reading back what the import has just written. Depends on
 * base and model/obs. */
#include "model/obs.h"
#include "model/obs_part.h"
#include "base/xalloc.h"

#include <stdlib.h>
#include <string.h>

static uint64_t group_key(int64_t ind, int year)
{
	return ((uint64_t)ind << 16) | (uint64_t)(year & 0xffff);
}

/* The rows by indicator-year: each row's group found through a small table
 * of keys (an indicator-year's rows come in runs, so the group before is
 * tried first), then the rows placed group by group (a counting sort). */
static void group_rows(struct obs_year *y)
{
	size_t nslot = 64, *slot = xcalloc(nslot, sizeof *slot), cap = 0, last = 0;
	uint32_t *of = xmalloc((y->n ? y->n : 1) * sizeof *of);
	free(y->group);
	free(y->by_group);
	y->group = NULL;
	y->ngroup = 0;
	for (size_t r = 0; r < y->n; r++) {
		const struct yrow *w = &y->rows[r];
		uint64_t k = group_key(w->ind->id, w->year);
		size_t i;
		if (y->ngroup && group_key(y->group[last].ind, y->group[last].year) == k) {
			of[r] = (uint32_t)last;
			y->group[last].n++;
			continue;
		}
		if ((y->ngroup + 1) * 2 > nslot) {   /* the table of keys doubled */
			free(slot);
			nslot *= 2;
			slot = xcalloc(nslot, sizeof *slot);
			for (size_t g = 0; g < y->ngroup; g++) {
				i = obs_mix(group_key(y->group[g].ind, y->group[g].year), 0) & (nslot - 1);
				while (slot[i])
					i = (i + 1) & (nslot - 1);
				slot[i] = g + 1;
			}
		}
		for (i = obs_mix(k, 0) & (nslot - 1); slot[i]; i = (i + 1) & (nslot - 1))
			if (group_key(y->group[slot[i] - 1].ind, y->group[slot[i] - 1].year) == k)
				break;
		if (!slot[i]) {
			XGROW(y->group, y->ngroup + 1, cap);
			y->group[y->ngroup] = (struct ygroup){ w->ind->id, w->year, 0, 0 };
			slot[i] = ++y->ngroup;
		}
		last = slot[i] - 1;
		of[r] = (uint32_t)last;
		y->group[last].n++;
	}
	for (size_t g = 0, at = 0; g < y->ngroup; g++) {
		y->group[g].at = at;
		at += y->group[g].n;
		y->group[g].n = 0;
	}
	y->by_group = xmalloc((y->n ? y->n : 1) * sizeof *y->by_group);
	for (size_t r = 0; r < y->n; r++) {
		struct ygroup *g = &y->group[of[r]];
		y->by_group[g->at + g->n++] = (uint32_t)r;
	}
	y->grouped = y->n;
	free(of);
	free(slot);
}

int obs_writer_whole(struct obs_writer *w, int64_t ind, int year, obs_each_fn each, void *ctx)
{
	struct obs_year *y = w->year;
	const struct ygroup *g = NULL;
	struct obs_rec rec[12];

	if (!y || !y->n || !obs_fresh_only_months(w, ind, year))
		return 0;
	if (!y->group || y->grouped != y->n)
		group_rows(y);
	for (size_t k = 0; k < y->ngroup && !g; k++)
		if (y->group[k].ind == ind && y->group[k].year == year)
			g = &y->group[k];
	if (!g)
		return 0;
	/* every month given written (obs_flush done) */
	for (size_t k = 0; k < g->n; k++) {
		const struct yrow *r = &y->rows[y->by_group[g->at + k]];
		if (r->given & (uint16_t)~r->done)
			return 0;
	}
	for (size_t k = 0; k < g->n; k++) {
		const struct yrow *r = &y->rows[y->by_group[g->at + k]];
		size_t n = 0;
		for (int m = 0; m < 12; m++)
			if (r->given & (1u << m))
				rec[n++] = (struct obs_rec){ m + 1, m + 1, r->v[m] };
		if (n && each(ctx, r->u->id, rec, n) < 0)
			return -1;
	}
	return 1;
}

int obs_whole_source(void *w, int64_t ind, int year, obs_each_fn each, void *ctx)
{
	return obs_writer_whole(w, ind, year, each, ctx);
}
