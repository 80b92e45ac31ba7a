/* sensitivity.c: the Monte Carlo uncertainty analysis of a composite
 * ranking (as the JRC's COINr does), and the PRNG it draws from.
 *
 * The PRNG: the seed is expanded by splitmix64 (Steele, Lea, Flood 2014)
 * into the 256-bit state of xoshiro256** (Blackman and Vigna 2018); a
 * uniform double in [0, 1) is the top 53 bits of a draw times 2^-53. Both
 * are a few lines of public-domain arithmetic, written out here so that a
 * seed gives the same runs on every platform and every libc.
 *
 * Each run, in this order: one draw per node (file order) for its weight
 * factor 1 + X/100·(2u − 1); one draw for the normalisation when the scheme
 * switches them (an index into the listed ones); one for the aggregation
 * when switched. A node's factor multiplies its weight in every region
 * (regional weights, scheme.h), so a scheme without regions draws exactly
 * as before; each entity is aggregated with its region's perturbed weights.
 * Weights are renormalised per parent (over the children present).
 * Normalised columns are computed once per listed normalisation before the
 * runs; inside the run loop nothing is allocated, each entity's
 * tree is aggregated once and the entities are sorted once.
 * Depends on base and assess. */
#include "assess/composite.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "assess/normalise.h"
#include "base/xalloc.h"

/* ---- the PRNG ---- */

static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += UINT64_C(0x9E3779B97F4A7C15));
	z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
	return z ^ (z >> 31);
}

static uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

void as_rng_seed(struct as_rng *g, uint64_t seed)
{
	uint64_t x = seed;
	for (int i = 0; i < 4; i++)
		g->s[i] = splitmix64(&x);
}

uint64_t as_rng_next(struct as_rng *g)
{
	uint64_t *s = g->s;
	uint64_t result = rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;
	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

double as_rng_uniform(struct as_rng *g)
{
	return (double)(as_rng_next(g) >> 11) * 0x1.0p-53;
}

/* ---- the runs ---- */

/* One entity in one run, for the sort. */
struct key {
	int64_t published;
	uint32_t disq;
	uint32_t code_rank;   /* position by code: ties listed by code */
	uint32_t ix;          /* index among the ranked entities */
};

static int cmp_key(const void *pa, const void *pb)
{
	const struct key *a = pa, *b = pb;
	if (a->disq != b->disq)
		return a->disq < b->disq ? -1 : 1;
	if (a->published != b->published)
		return a->published > b->published ? -1 : 1;
	return (a->code_rank > b->code_rank) - (a->code_rank < b->code_rank);
}

struct by_code {
	const struct as_input *in;
	const size_t *ents;
};

static int cmp_code(const void *pa, const void *pb, void *ctx)
{
	const struct by_code *c = ctx;
	size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
	return strcmp(c->in->entities[c->ents[a]].code, c->in->entities[c->ents[b]].code);
}

static int cmp_int(const void *pa, const void *pb)
{
	int a = *(const int *)pa, b = *(const int *)pb;
	return (a > b) - (a < b);
}

/* Aggregate children kids with weights w (unnormalised); 1 = discard the run. */
static int agg_run(const size_t *kids, size_t nk, enum as_agg agg, const double *w,
                   const double *sc, double *out)
{
	double sw = 0, acc = 0;
	int zero = 0;
	for (size_t k = 0; k < nk; k++)
		if (!isnan(sc[kids[k]]))
			sw += w[kids[k]];
	if (sw == 0) {
		*out = NAN;
		return 0;
	}
	for (size_t k = 0; k < nk; k++) {
		double v = sc[kids[k]];
		if (isnan(v))
			continue;
		if (agg == AS_ARITHMETIC) {
			acc += w[kids[k]] / sw * v;
		} else if (v > 0) {
			acc += w[kids[k]] / sw * log(v);
		} else if (v == 0) {
			zero = 1;   /* the limit of the geometric mean */
		} else {
			return 1;
		}
	}
	*out = agg == AS_ARITHMETIC ? acc : zero ? 0 : exp(acc);
	return 0;
}

/* The normalised matrix (ranked entities × leaves) for normalisation k:
 * indicators whose norm is listed in `norms` get k (without cap, unless k is
 * their own), the others keep their nominal values. */
static int alt_matrix(const struct as_scheme *s, const struct as_input *in,
                      const struct as_result *r, unsigned norms, enum as_norm k,
                      const size_t *ents, size_t m, double *mat, struct kfq_err *err)
{
	size_t L = s->n_leaves;
	double *x = xcalloc(m + 1, sizeof *x), *y = xcalloc(m + 1, sizeof *y), bench;
	size_t *at = xcalloc(m + 1, sizeof *at);
	const char **who = xcalloc(m + 1, sizeof *who);
	int rc = 0;
	for (size_t j = 0; j < L && rc == 0; j++) {
		const struct as_node *nd = &s->nodes[s->leaves[j]];
		for (size_t i = 0; i < m; i++)
			mat[i * L + j] = r->norm[ents[i] * L + j];
		if (!(norms & (1u << nd->norm)) || nd->norm == k)
			continue;
		size_t c = 0;
		for (size_t i = 0; i < m; i++) {
			double v = r->used[ents[i] * L + j];
			if (isnan(v))
				continue;
			at[c] = i;
			who[c] = in->entities[ents[i]].code;
			x[c++] = v;
		}
		rc = as_normalise(s, nd, k, 0, x, c, who, y, &bench, err);
		for (size_t i = 0; i < c && rc == 0; i++)
			mat[at[i] * L + j] = y[i];
	}
	if (rc != 0)
		kfq_err_prefix(err, "sensitivity (norm=%s)", as_norm_name(k));
	free(x);
	free(y);
	free(at);
	free(who);
	return rc;
}

void as_sens_release(struct as_sens_result *x)
{
	free(x->ent);
	free(x->pairs);
	memset(x, 0, sizeof *x);
}

/* What the runs work on, allocated once before them: inside the run loop
 * nothing is allocated. */
struct sens_work {
	size_t m, N, L, runs;    /* ranked entities, nodes, leaves, runs asked */
	double *w;               /* [(region + 1) * N + node]: the run's weights (-1 = base) */
	double *f;               /* [node]: the run's weight factors */
	double *sc;              /* [node]: one entity's node scores in the run */
	size_t *wix;             /* [ranked entity]: its row of w */
	struct key *keys;        /* [ranked entity]: the run's published scores, to sort */
	uint32_t *disq;          /* [ranked entity]: disqualified */
	uint32_t *code_rank;     /* [ranked entity]: its place by code */
	int *rk;                 /* [ranked entity * runs + kept run]: its rank */
	int *col;                /* [kept run]: one entity's ranks */
};

static void work_init(struct sens_work *wk, const struct as_scheme *s, const struct as_input *in,
                      const struct as_result *r, size_t runs)
{
	size_t m = r->n_ranked, N = s->n_nodes;
	const size_t *ents = r->order;
	size_t *byc = xcalloc(m, sizeof *byc);
	struct by_code bc = { in, ents };
	wk->m = m;
	wk->N = N;
	wk->L = s->n_leaves;
	wk->runs = runs;
	wk->w = xcalloc((s->n_regions + 1) * N + 1, sizeof *wk->w);
	wk->sc = xcalloc(N + 1, sizeof *wk->sc);
	wk->f = xcalloc(N + 1, sizeof *wk->f);
	wk->wix = xcalloc(m, sizeof *wk->wix);
	wk->keys = xcalloc(m, sizeof *wk->keys);
	wk->rk = xcalloc(m * runs, sizeof *wk->rk);
	wk->col = xcalloc(runs, sizeof *wk->col);
	wk->disq = xcalloc(m, sizeof *wk->disq);
	wk->code_rank = xcalloc(m, sizeof *wk->code_rank);
	for (size_t i = 0; i < m; i++) {
		byc[i] = i;
		wk->disq[i] = (uint32_t)r->ent[ents[i]].disqualified;
		wk->wix[i] = (size_t)(r->ent[ents[i]].region + 1) * N;
	}
	qsort_r(byc, m, sizeof *byc, cmp_code, &bc);
	for (size_t i = 0; i < m; i++)
		wk->code_rank[byc[i]] = (uint32_t)i;
	free(byc);
}

static void work_release(struct sens_work *wk)
{
	free(wk->w);
	free(wk->f);
	free(wk->wix);
	free(wk->sc);
	free(wk->keys);
	free(wk->rk);
	free(wk->col);
	free(wk->disq);
	free(wk->code_rank);
	memset(wk, 0, sizeof *wk);
}

/* Before the runs: the normalised matrix (ranked entities × leaves) of
 * each listed normalisation, or the nominal one when none is listed. */
static int sens_matrices(const struct as_scheme *s, const struct as_input *in,
                         const struct as_result *r, unsigned norms, const enum as_norm *norm_opt,
                         size_t n_norm, double **mats, struct kfq_err *err)
{
	size_t m = r->n_ranked, L = s->n_leaves;
	const size_t *ents = r->order;
	for (size_t k = 0; k < (n_norm ? n_norm : 1); k++) {
		mats[k] = xcalloc(m * L + 1, sizeof *mats[k]);
		if (!n_norm) {
			for (size_t i = 0; i < m; i++)
				for (size_t j = 0; j < L; j++)
					mats[k][i * L + j] = r->norm[ents[i] * L + j];
		} else if (alt_matrix(s, in, r, norms, norm_opt[k], ents, m, mats[k], err) != 0) {
			return -1;
		}
	}
	return 0;
}

/* One run's weights: a factor 1 + X/100·(2u − 1) a node, drawn in file
 * order, on its weight in the base and in every region. */
static void draw_weights(const struct as_scheme *s, struct as_rng *g, struct sens_work *wk)
{
	size_t N = wk->N;
	double X = s->sens.weights / 100;
	for (size_t i = 0; i < N; i++)
		wk->f[i] = 1 + X * (2 * as_rng_uniform(g) - 1);
	for (size_t i = 0; i < N; i++)
		wk->w[i] = (double)s->nodes[i].weight * wk->f[i];
	for (size_t k = 1; k < s->n_regions + 1; k++)
		for (size_t i = 0; i < N; i++)
			wk->w[k * N + i] = (double)s->regions[k - 1].weight[i] * wk->f[i];
}

/* Each ranked entity's published score in the run (matrix mat; agg for
 * every node when fixed_agg, else each node's own) into wk->keys. 1 when
 * a score cannot be computed (a negative value under a geometric mean):
 * the run is discarded. */
static int score_run(const struct as_scheme *s, const double *mat, int fixed_agg,
                     enum as_agg agg, struct sens_work *wk)
{
	size_t L = wk->L;
	int discard = 0;
	for (size_t i = 0; i < wk->m && !discard; i++) {
		const double *w = wk->w + wk->wix[i];
		for (size_t k = 0; k < wk->N && !discard; k++) {
			size_t nd = s->post[k];
			const struct as_node *node = &s->nodes[nd];
			if (node->kind == AS_INDICATOR)
				wk->sc[nd] = mat[i * L + (size_t)node->leaf];
			else
				discard = agg_run(node->children, node->n_children,
				                  fixed_agg ? agg : node->agg, w, wk->sc, &wk->sc[nd]);
		}
		double score = 0;
		if (!discard)
			discard = agg_run(s->roots, s->n_roots, fixed_agg ? agg : s->aggregate, w, wk->sc,
			                  &score);
		wk->keys[i] = (struct key){ as_publish(score, s->decimals), wk->disq[i],
		                            wk->code_rank[i], (uint32_t)i };
	}
	return discard;
}

/* The run's ranks (ties share a rank) into column kept of wk->rk. */
static void rank_run(struct sens_work *wk, size_t kept)
{
	struct key *keys = wk->keys;
	int rank = 0;
	qsort(keys, wk->m, sizeof *keys, cmp_key);
	for (size_t p = 0; p < wk->m; p++) {
		if (p == 0 || keys[p].disq != keys[p - 1].disq ||
		    keys[p].published != keys[p - 1].published)
			rank = (int)p + 1;
		wk->rk[(size_t)keys[p].ix * wk->runs + kept] = rank;
	}
}

/* After the kept runs: per entity its median rank, 5–95 % interval and
 * share of runs at its nominal rank; per adjacent pair in the nominal
 * order, the pairs where neither is ahead in 95 % of the runs. */
static void summarise(const struct as_result *r, struct sens_work *wk, size_t kept,
                      struct as_sens_result *o)
{
	size_t m = wk->m, runs = wk->runs;
	const size_t *ents = r->order;
	int *col = wk->col, *rk = wk->rk;
	for (size_t i = 0; i < m; i++) {
		struct as_sens_entity *se = &o->ent[ents[i]];
		size_t at_nominal = 0;
		se->nominal = r->ent[ents[i]].rank;
		memcpy(col, &rk[i * runs], kept * sizeof *col);
		for (size_t k = 0; k < kept; k++)
			at_nominal += col[k] == se->nominal;
		qsort(col, kept, sizeof *col, cmp_int);
		se->median = col[(50 * kept + 99) / 100 - 1];
		se->p5 = col[(5 * kept + 99) / 100 - 1];
		se->p95 = col[(95 * kept + 99) / 100 - 1];
		se->share_nominal = (double)at_nominal / (double)kept;
	}
	o->pairs = xcalloc(m, sizeof *o->pairs);
	for (size_t i = 0; i + 1 < m; i++) {
		size_t ahead = 0;
		for (size_t k = 0; k < kept; k++)
			ahead += rk[i * runs + k] < rk[(i + 1) * runs + k];
		if (100 * ahead < 95 * kept)
			o->pairs[o->n_pairs++] = (struct as_sens_pair){ ents[i], ents[i + 1],
			                                                (double)ahead / (double)kept };
	}
}

int as_sensitivity(const struct as_scheme *s, const struct as_input *in,
                   const struct as_result *r, const struct as_sens_opts *opts,
                   struct as_sens_result *out, struct kfq_err *err)
{
	struct as_sens_result o = { 0 };
	size_t runs = opts && opts->runs ? opts->runs : 1000;
	enum as_norm norm_opt[AS_N_NORMS];
	enum as_agg agg_opt[2];
	size_t n_norm = 0, n_agg = 0, kept = 0;
	double *mats[AS_N_NORMS] = { 0 };
	struct sens_work wk;
	struct as_rng g;
	int rc = -1;

	memset(out, 0, sizeof *out);
	if (r->n_ranked == 0)
		return kfq_error(err, "%s: sensitivity: no ranked entity", s->file);
	if (runs > 10000000)
		return kfq_error(err, "sensitivity: runs %zu: expected at most 10000000", runs);
	o.runs = runs;
	o.seed = opts ? opts->seed : 1;
	o.weights = s->sens.weights;
	o.norms = s->sens.norms;
	o.aggs = s->sens.aggs;
	o.n_entities = r->n_entities;
	o.ent = xcalloc(r->n_entities, sizeof *o.ent);
	for (int k = 0; k < AS_N_NORMS; k++)
		if (o.norms & (1u << k))
			norm_opt[n_norm++] = (enum as_norm)k;
	for (int k = 0; k < 2; k++)
		if (o.aggs & (1u << k))
			agg_opt[n_agg++] = (enum as_agg)k;
	if (sens_matrices(s, in, r, o.norms, norm_opt, n_norm, mats, err) != 0)
		goto done;

	work_init(&wk, s, in, r, runs);
	as_rng_seed(&g, o.seed);
	for (size_t run = 0; run < runs; run++) {
		const double *mat = mats[0];
		draw_weights(s, &g, &wk);
		if (n_norm)
			mat = mats[(size_t)(as_rng_uniform(&g) * (double)n_norm)];
		int fixed_agg = n_agg > 0;
		enum as_agg agg = n_agg ? agg_opt[(size_t)(as_rng_uniform(&g) * (double)n_agg)]
		                        : AS_ARITHMETIC;
		if (score_run(s, mat, fixed_agg, agg, &wk)) {
			o.discarded++;
			continue;
		}
		rank_run(&wk, kept++);
	}
	if (kept == 0) {
		kfq_error(err, "%s: sensitivity: every one of the %zu runs was discarded (a negative "
		          "score under a geometric mean): expected a normalisation without negative "
		          "values, or agg=arithmetic", s->file, runs);
	} else {
		summarise(r, &wk, kept, &o);
		o.runs = kept;
		rc = 0;
	}
	work_release(&wk);
done:
	for (size_t k = 0; k < AS_N_NORMS; k++)
		free(mats[k]);
	if (rc == 0)
		*out = o;
	else
		as_sens_release(&o);
	return rc;
}
