/* guarantee.c: the guarantee network's circles, chains and exposures
 * (see guarantee.h). Depends on base. */
#include "finance/guarantee.h"
#include "base/xalloc.h"

#include <stdlib.h>
#include <string.h>

/* Adjacency in compressed rows: the edges out of (or into) each firm. */
struct adj {
	size_t *at, *to, *edge;
};

static void adj_build(struct adj *a, size_t n, const struct gnet_edge *e, size_t ne, int rev)
{
	size_t *fill = xcalloc(n + 1, sizeof *fill);
	a->at = xcalloc(n + 1, sizeof *a->at);
	a->to = xcalloc(ne + 1, sizeof *a->to);
	a->edge = xcalloc(ne + 1, sizeof *a->edge);
	for (size_t i = 0; i < ne; i++)
		if (e[i].from != e[i].to)
			a->at[(rev ? e[i].to : e[i].from) + 1]++;
	for (size_t v = 0; v < n; v++)
		a->at[v + 1] += a->at[v];
	for (size_t i = 0; i < ne; i++) {
		size_t v = rev ? e[i].to : e[i].from, k;
		if (e[i].from == e[i].to)
			continue;
		k = a->at[v] + fill[v]++;
		a->to[k] = rev ? e[i].from : e[i].to;
		a->edge[k] = i;
	}
	free(fill);
}

static void adj_release(struct adj *a)
{
	free(a->at);
	free(a->to);
	free(a->edge);
}

#define NONE ((size_t)-1)

/* Tarjan's strongly connected components without recursion. */
static void tarjan(struct gnet *g, const struct adj *a)
{
	size_t n = g->n, counter = 0, sp = 0, cp = 0, nc = 0;
	size_t *index = xmalloc((n + 1) * sizeof *index), *low = xmalloc((n + 1) * sizeof *low);
	size_t *stack = xmalloc((n + 1) * sizeof *stack), *call = xmalloc((n + 1) * sizeof *call);
	size_t *next = xmalloc((n + 1) * sizeof *next), *raw = xmalloc((n + 1) * sizeof *raw);
	unsigned char *on = xcalloc(n + 1, 1);
	for (size_t v = 0; v < n; v++)
		index[v] = NONE;
	for (size_t s = 0; s < n; s++) {
		if (index[s] != NONE)
			continue;
		call[cp++] = s;
		index[s] = low[s] = counter++;
		next[s] = a->at[s];
		stack[sp++] = s;
		on[s] = 1;
		while (cp) {
			size_t v = call[cp - 1];
			if (next[v] < a->at[v + 1]) {
				size_t w = a->to[next[v]++];
				if (index[w] == NONE) {
					index[w] = low[w] = counter++;
					next[w] = a->at[w];
					stack[sp++] = w;
					on[w] = 1;
					call[cp++] = w;
				} else if (on[w] && index[w] < low[v]) {
					low[v] = index[w];
				}
				continue;
			}
			cp--;
			if (cp && low[v] < low[call[cp - 1]])
				low[call[cp - 1]] = low[v];
			if (low[v] == index[v]) {
				size_t w;
				do {
					w = stack[--sp];
					on[w] = 0;
					raw[w] = nc;
				} while (w != v);
				nc++;
			}
		}
	}
	/* renumber: components in the order of their lowest firm */
	{
		size_t *map = xmalloc((nc + 1) * sizeof *map), k = 0;
		for (size_t c = 0; c < nc; c++)
			map[c] = NONE;
		for (size_t v = 0; v < n; v++)
			if (map[raw[v]] == NONE)
				map[raw[v]] = k++;
		g->comp = xmalloc((n + 1) * sizeof *g->comp);
		g->comp_size = xcalloc(nc + 1, sizeof *g->comp_size);
		for (size_t v = 0; v < n; v++) {
			g->comp[v] = map[raw[v]];
			g->comp_size[g->comp[v]]++;
		}
		g->ncomp = nc;
		free(map);
	}
	free(index);
	free(low);
	free(stack);
	free(call);
	free(next);
	free(raw);
	free(on);
}

/* The condensation's edges (components), deduplicated, in rows. */
struct cdag {
	size_t *at, *to;
	size_t *indeg;
};

static int cmp_pair(const void *x, const void *y)
{
	const size_t *a = x, *b = y;
	return a[0] != b[0] ? (a[0] < b[0] ? -1 : 1) : a[1] != b[1] ? (a[1] < b[1] ? -1 : 1) : 0;
}

static void cdag_build(struct cdag *d, const struct gnet *g)
{
	size_t *pairs = xmalloc((2 * g->ne + 2) * sizeof *pairs), np = 0, k = 0;
	for (size_t i = 0; i < g->ne; i++) {
		size_t a = g->comp[g->e[i].from], b = g->comp[g->e[i].to];
		if (a != b) {
			pairs[2 * np] = a;
			pairs[2 * np + 1] = b;
			np++;
		}
	}
	qsort(pairs, np, 2 * sizeof *pairs, cmp_pair);
	d->at = xcalloc(g->ncomp + 1, sizeof *d->at);
	d->to = xmalloc((np + 1) * sizeof *d->to);
	d->indeg = xcalloc(g->ncomp + 1, sizeof *d->indeg);
	for (size_t i = 0; i < np; i++) {
		if (i && pairs[2 * i] == pairs[2 * i - 2] && pairs[2 * i + 1] == pairs[2 * i - 1])
			continue;
		d->to[k++] = pairs[2 * i + 1];
		d->at[pairs[2 * i] + 1]++;
		d->indeg[pairs[2 * i + 1]]++;
	}
	for (size_t c = 0; c < g->ncomp; c++)
		d->at[c + 1] += d->at[c];
	free(pairs);
}

/* Every path from source s to a sink, depth first, without recursion. */
static void chains_from(struct gnet *g, const struct cdag *d, size_t s)
{
	size_t *path = xmalloc((g->ncomp + 1) * sizeof *path), *pos = xmalloc((g->ncomp + 1) *
	                                                                      sizeof *pos);
	size_t depth = 0;
	path[depth] = s;
	pos[depth] = d->at[s];
	depth = 1;
	while (depth && !g->truncated) {
		size_t v = path[depth - 1];
		if (d->at[v] == d->at[v + 1]) {
			/* a sink: the path is a chain */
			if (g->nchains == GNET_MAX_CHAINS) {
				g->truncated = 1;
				break;
			}
			XGROW(g->chain_at, g->nchains + 2, g->chcap);
			XGROW(g->cs, g->ncs + depth, g->cscap);
			g->chain_at[g->nchains] = g->ncs;
			memcpy(g->cs + g->ncs, path, depth * sizeof *path);
			g->ncs += depth;
			g->nchains++;
			g->chain_at[g->nchains] = g->ncs;
			depth--;
			continue;
		}
		if (pos[depth - 1] < d->at[v + 1]) {
			size_t w = d->to[pos[depth - 1]++];
			path[depth] = w;
			pos[depth] = d->at[w];
			depth++;
		} else {
			depth--;
		}
	}
	free(path);
	free(pos);
}

void gnet_analyse(struct gnet *g, size_t n, const struct gnet_edge *e, size_t ne)
{
	struct adj a;
	struct cdag d;
	memset(g, 0, sizeof *g);
	g->n = n;
	g->ne = ne;
	g->e = e;
	adj_build(&a, n, e, ne, 0);
	tarjan(g, &a);
	adj_release(&a);
	cdag_build(&d, g);
	XGROW(g->chain_at, 1, g->chcap);
	g->chain_at[0] = 0;
	/* a source with a link out begins chains */
	for (size_t c = 0; c < g->ncomp && !g->truncated; c++)
		if (!d.indeg[c] && d.at[c] < d.at[c + 1])
			chains_from(g, &d, c);
	free(d.at);
	free(d.to);
	free(d.indeg);
}

void gnet_release(struct gnet *g)
{
	free(g->comp);
	free(g->comp_size);
	free(g->cs);
	free(g->chain_at);
	memset(g, 0, sizeof *g);
}

/* Breadth first from f along a: the distance of each firm reached, and
 * the sum of the edges used among the firms reached. */
static int reach(const struct gnet *g, const struct adj *a, size_t f, int *dist, dec *amount)
{
	size_t *queue = xmalloc((g->n + 1) * sizeof *queue), head = 0, tail = 0;
	int *seen = xcalloc(g->n + 1, sizeof *seen), rc = 0;
	*amount = 0;
	memset(dist, 0, g->n * sizeof *dist);
	queue[tail++] = f;
	seen[f] = 1;
	while (head < tail) {
		size_t v = queue[head++];
		for (size_t k = a->at[v]; k < a->at[v + 1]; k++) {
			size_t w = a->to[k];
			/* every guarantee leading on from a firm reached counts once */
			if (dec_add(*amount, g->e[a->edge[k]].amount, amount) < 0)
				rc = -1;
			if (!seen[w]) {
				seen[w] = seen[v] + 1;
				dist[w] = seen[w] - 1;
				queue[tail++] = w;
			}
		}
	}
	dist[f] = 0;
	free(queue);
	free(seen);
	return rc;
}

int gnet_exposure(const struct gnet *g, size_t f, int *dist_up, int *dist_down, dec *amount_up,
                  dec *amount_down)
{
	struct adj fwd, rev;
	int rc;
	adj_build(&fwd, g->n, g->e, g->ne, 0);
	adj_build(&rev, g->n, g->e, g->ne, 1);
	rc = reach(g, &rev, f, dist_up, amount_up) | reach(g, &fwd, f, dist_down, amount_down);
	adj_release(&fwd);
	adj_release(&rev);
	return rc < 0 ? -1 : 0;
}
