/* fuzz_scheme.c: libFuzzer harness for assessment schemes and the engine.
 *
 * Parses arbitrary bytes as a scheme. An error must say something and name
 * the file. A scheme that parses is run on six entities whose values follow
 * from a hash of the input (some missing, some equal, some zero or
 * negative); when the run succeeds the results are checked: ranks start at
 * 1 and never go down in rank order, the ranked come first, contributions
 * add up to each score, classes are set for every ranked entity when the
 * scheme has classes; then every entity is explained, the rules checked and
 * a short Monte Carlo run made. Depends only on assess and base. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assess/composite.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define NE 6

static uint64_t next(uint64_t *h)
{
	*h ^= *h >> 33;
	*h *= 0xff51afd7ed558ccdULL;
	*h ^= *h >> 33;
	return *h;
}

static void run(const struct as_scheme *s, uint64_t h)
{
	static const char *codes[NE] = { "a", "b", "z17", "E0412", "danyang", "x" };
	static const char *inds[NE] = { "C35", "D4411", NULL, "44", "C3", "" };
	struct as_entity ents[NE];
	size_t L = s->n_leaves;
	if (L > 64)
		return;
	double *v = calloc(NE * L, sizeof *v);
	unsigned char *p = calloc(NE * L, 1);
	for (size_t e = 0; e < NE; e++) {
		/* the scheme's regions in turn, and entities without one */
		size_t rg = e % (s->n_regions + 1);
		ents[e] = (struct as_entity){ codes[e], NULL, inds[e],
		                              rg ? s->regions[rg - 1].code : NULL };
		for (size_t j = 0; j < L; j++) {
			uint64_t r = next(&h);
			p[e * L + j] = r % 7 != 0;
			v[e * L + j] = r % 5 == 0 ? 0 : (double)(int64_t)(r >> 40) / 1000.0 -
			               (r % 3 == 0 ? 100 : 0);
		}
	}
	struct as_input in = { ents, NE, L, v, p };
	struct as_result r;
	struct kfq_err err = { 0 };
	if (as_compute(s, &in, &r, &err) != 0) {
		if (!err.msg[0])
			abort();
		free(v);
		free(p);
		return;
	}
	for (size_t i = 0; i < NE; i++) {
		size_t e = r.order[i];
		if (i < r.n_ranked) {
			if (r.ent[e].status != AS_RATED || r.ent[e].rank < 1 ||
			    (i == 0 && r.ent[e].rank != 1) ||
			    (i > 0 && r.ent[e].rank < r.ent[r.order[i - 1]].rank))
				abort();
			if (s->class_rule != AS_CLASSES_NONE && r.ent[e].class_ix < 0)
				abort();
			double sum = 0;
			for (size_t j = 0; j < L; j++)
				if (!isnan(r.contrib[e * L + j]))
					sum += r.contrib[e * L + j];
			if (isfinite(r.ent[e].score) &&
			    fabs(sum - r.ent[e].score) > 1e-6 * fmax(1, fabs(r.ent[e].score)))
				abort();
		} else if (r.ent[e].status == AS_RATED || r.ent[e].rank != 0) {
			abort();
		}
	}
	for (size_t e = 0; e < NE; e++) {
		struct as_explain x;
		if (as_explain(s, &in, &r, e, &x, &err) != 0 || !x.sentence_en || !x.sentence_zh)
			abort();
		as_explain_release(&x);
	}
	int prev_rank[NE] = { 1, 2, 3, 4, 5, 6 };
	struct as_period_ranks prev[3] = { { prev_rank, NE }, { prev_rank, NE }, { prev_rank, 3 } };
	struct as_rule_check c;
	if (as_rules_check(s, &r, prev, h % 4, &c, &err) != 0)
		abort();
	as_rule_check_release(&c);
	struct as_sens_opts o = { 20, h };
	struct as_sens_result sr;
	if (as_sensitivity(s, &in, &r, &o, &sr, &err) == 0) {
		for (size_t i = 0; i < r.n_ranked; i++) {
			const struct as_sens_entity *se = &sr.ent[r.order[i]];
			if (se->p5 > se->median || se->median > se->p95 || se->p5 < 1 ||
			    se->p95 > (int)r.n_ranked)
				abort();
		}
		as_sens_release(&sr);
	} else if (!err.msg[0]) {
		abort();
	}
	as_result_release(&r);
	free(v);
	free(p);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct as_scheme s;
	struct kfq_err err = { 0 };
	uint64_t h = 1469598103934665603ULL;
	for (size_t i = 0; i < size; i++)
		h = (h ^ data[i]) * 1099511628211ULL;
	if (as_scheme_parse((const char *)data, size, "f.scheme", &s, &err) != 0) {
		if (strncmp(err.msg, "f.scheme", 8) != 0)
			abort();
		as_scheme_release(&s);
		return 0;
	}
	run(&s, h);
	as_scheme_release(&s);
	return 0;
}
