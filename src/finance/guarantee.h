/* guarantee.h: the guarantee network's graph (担保链, 担保圈): firms
 * 0 … n-1 and guarantees guarantor → borrower. Circles are the strongly
 * connected components of two firms or more (each can reach every other
 * through guarantees); chains are the maximal paths of the network with
 * each circle taken as one link, from a firm (or circle) that no one in
 * the network guarantees to one that guarantees no one; a firm's exposure
 * is every firm that guarantees it, transitively (they pay when it
 * defaults), and every firm it guarantees, transitively (they lose its
 * backing), with the guarantees on those paths. Pure computation: depends
 * on base only. */
#ifndef KFQ_GUARANTEE_H
#define KFQ_GUARANTEE_H

#include <stddef.h>
#include <stdint.h>

#include "base/dec.h"

struct gnet_edge {
	size_t from, to;    /* guarantor, borrower; from ≠ to */
	dec amount;
};

struct gnet {
	size_t n, ne;
	const struct gnet_edge *e;
	/* computed by gnet_analyse: */
	size_t *comp;       /* [n]: the component of each firm */
	size_t ncomp;
	size_t *comp_size;  /* [ncomp] */
	/* chains: each a run of components, cs[chain_at[i] … chain_at[i+1]) */
	size_t *cs, ncs, cscap;
	size_t *chain_at, nchains, chcap;
	int truncated;      /* more than GNET_MAX_CHAINS chains: the first ones kept */
};

#define GNET_MAX_CHAINS 1000

/* Components (Tarjan's algorithm, iterative) and chains of the n firms
 * and ne edges (self-guarantees are ignored: the store refuses them).
 * Components are numbered in the order of their lowest firm. Release with
 * gnet_release. */
void gnet_analyse(struct gnet *g, size_t n, const struct gnet_edge *e, size_t ne);
void gnet_release(struct gnet *g);

/* The exposure of firm f: dist_up[k] > 0 for each firm that guarantees f
 * (at that many links), dist_down[k] > 0 for each firm f guarantees (0:
 * neither; a firm in f's circle is both); *amount_up: the guarantees
 * among f and the firms above it that lead to f, *amount_down: those
 * among f and the firms below it. -1 when a sum does not fit. */
int gnet_exposure(const struct gnet *g, size_t f, int *dist_up, int *dist_down, dec *amount_up,
                  dec *amount_down);

#endif
