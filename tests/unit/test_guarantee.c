/* test_guarantee.c: unit tests for the guarantee network's graph
 * (finance/guarantee.c) on hand-drawn networks: a circle with a chain
 * into and out of it, a firm in two chains, a self-guarantee (ignored),
 * disconnected parts, a diamond, two circles joined, a lone circle, more
 * chains than are listed, a chain deeper than any C stack; exposures
 * upward and downward with their amounts. Each network is drawn in the
 * comment beside it, an arrow from guarantor to borrower. */
#include "testutil.h"

#include <stdlib.h>

#include "finance/guarantee.h"

#define W(x) ((dec)(x) * 10000 * 10000)   /* x 万元 */

/* The chains of g as text, "0 1 2|3 4", each component by its lowest firm. */
static void chains_text(const struct gnet *g, char *buf, size_t n)
{
	size_t len = 0;
	buf[0] = '\0';
	for (size_t k = 0; k < g->nchains; k++)
		for (size_t j = g->chain_at[k]; j < g->chain_at[k + 1]; j++) {
			size_t low = 0;
			while (g->comp[low] != g->cs[j])
				low++;
			len += (size_t)snprintf(buf + len, n - len, "%s%zu",
			                        j == g->chain_at[k] ? (k ? "|" : "") : " ", low);
		}
}

static size_t circles(const struct gnet *g)
{
	size_t n = 0;
	for (size_t c = 0; c < g->ncomp; c++)
		n += g->comp_size[c] > 1;
	return n;
}

/* A ⇄ B ⇄ C a circle (0 → 1 → 2 → 0), D (3) guarantees A, C guarantees E (4):
 *     3 → 〔0 1 2〕 → 4 : one circle, one chain through it. */
static void test_circle_with_chain(void **state)
{
	const struct gnet_edge e[] = { { 0, 1, W(8) }, { 1, 2, W(6) }, { 2, 0, W(5) },
	                               { 3, 0, W(3) }, { 2, 4, W(2) } };
	struct gnet g;
	char buf[256];
	int up[5], down[5];
	dec au, ad;
	(void)state;
	gnet_analyse(&g, 5, e, 5);
	assert_int_equal(circles(&g), 1);
	assert_int_equal(g.comp[0], g.comp[1]);
	assert_int_equal(g.comp[1], g.comp[2]);
	assert_int_not_equal(g.comp[3], g.comp[0]);
	assert_int_not_equal(g.comp[4], g.comp[0]);
	chains_text(&g, buf, sizeof buf);
	assert_string_equal(buf, "3 0 4");
	/* if C (2) defaults: upward B (1 link), A (2: A → B → C), D (3: D → A
	 * → B → C); downward A (1: C → A), B (2), E (1). Upward, the guarantees
	 * into C, B, A: 6 + 8 + 5 + 3 = 22 万; downward out of C, A, B, E:
	 * 5 + 2 + 8 + 6 = 21 万 */
	assert_int_equal(gnet_exposure(&g, 2, up, down, &au, &ad), 0);
	assert_int_equal(up[1], 1);
	assert_int_equal(up[0], 2);
	assert_int_equal(up[3], 3);
	assert_int_equal(up[4], 0);
	assert_int_equal(down[0], 1);
	assert_int_equal(down[1], 2);
	assert_int_equal(down[4], 1);
	assert_int_equal(down[3], 0);
	assert_int_equal(up[2], 0);
	assert_int_equal(down[2], 0);
	assert_true(au == W(22));
	assert_true(ad == W(21));
	gnet_release(&g);
}

/* X (0) guarantees Y (1) and Z (2): two chains, X in both. */
static void test_firm_in_two_chains(void **state)
{
	const struct gnet_edge e[] = { { 0, 1, W(4) }, { 0, 2, W(2) } };
	struct gnet g;
	char buf[256];
	(void)state;
	gnet_analyse(&g, 3, e, 2);
	assert_int_equal(circles(&g), 0);
	chains_text(&g, buf, sizeof buf);
	assert_string_equal(buf, "0 1|0 2");
	gnet_release(&g);
}

/* A (0) guaranteeing itself is no circle and no chain (the store refuses
 * it; the graph ignores it); with A → B beside it, one chain. */
static void test_self_guarantee_ignored(void **state)
{
	const struct gnet_edge e[] = { { 0, 0, W(1) }, { 0, 1, W(1) } };
	struct gnet g;
	char buf[256];
	int up[2], down[2];
	dec au, ad;
	(void)state;
	gnet_analyse(&g, 2, e, 1);
	assert_int_equal(circles(&g), 0);
	assert_int_equal(g.nchains, 0);
	gnet_release(&g);
	gnet_analyse(&g, 2, e, 2);
	assert_int_equal(circles(&g), 0);
	chains_text(&g, buf, sizeof buf);
	assert_string_equal(buf, "0 1");
	/* A's exposure: B below it; the self-guarantee counts for nothing */
	assert_int_equal(gnet_exposure(&g, 0, up, down, &au, &ad), 0);
	assert_int_equal(up[1], 0);
	assert_int_equal(down[1], 1);
	assert_true(au == 0);
	assert_true(ad == W(1));
	gnet_release(&g);
}

/* Two parts that do not touch, P → Q (0 → 1) and R → S → T (2 → 3 → 4),
 * and U (5) in no guarantee: two chains; U in none. */
static void test_disconnected_parts(void **state)
{
	const struct gnet_edge e[] = { { 2, 3, W(1) }, { 0, 1, W(1) }, { 3, 4, W(1) } };
	struct gnet g;
	char buf[256];
	int up[6], down[6];
	dec au, ad;
	(void)state;
	gnet_analyse(&g, 6, e, 3);
	chains_text(&g, buf, sizeof buf);
	assert_string_equal(buf, "0 1|2 3 4");
	/* S's exposure stays in its own part */
	assert_int_equal(gnet_exposure(&g, 3, up, down, &au, &ad), 0);
	assert_int_equal(up[2], 1);
	assert_int_equal(down[4], 1);
	for (int k = 0; k < 2; k++)
		assert_int_equal(up[k] + down[k], 0);
	assert_int_equal(up[5] + down[5], 0);
	gnet_release(&g);
}

/* A diamond: A → B, A → C, B → D, C → D (0 → 1, 0 → 2, 1 → 3, 2 → 3):
 * two chains A B D and A C D; D's guarantors B, C (1 link) and A (2). */
static void test_diamond(void **state)
{
	const struct gnet_edge e[] = { { 0, 1, W(1) }, { 0, 2, W(2) }, { 1, 3, W(3) },
	                               { 2, 3, W(4) } };
	struct gnet g;
	char buf[256];
	int up[4], down[4];
	dec au, ad;
	(void)state;
	gnet_analyse(&g, 4, e, 4);
	chains_text(&g, buf, sizeof buf);
	assert_string_equal(buf, "0 1 3|0 2 3");
	assert_int_equal(gnet_exposure(&g, 3, up, down, &au, &ad), 0);
	assert_int_equal(up[1], 1);
	assert_int_equal(up[2], 1);
	assert_int_equal(up[0], 2);
	assert_true(au == W(10));   /* every guarantee leads to D: 1 + 2 + 3 + 4 */
	assert_true(ad == 0);
	/* B: A above it (1 万 of guarantee), D below (3 万) */
	assert_int_equal(gnet_exposure(&g, 1, up, down, &au, &ad), 0);
	assert_int_equal(up[0], 1);
	assert_int_equal(up[2], 0);
	assert_int_equal(down[3], 1);
	assert_true(au == W(1));
	assert_true(ad == W(3));
	gnet_release(&g);
}

/* Two circles joined: A ⇄ B (0 ⇄ 1) guarantees C (2), C ⇄ D (2 ⇄ 3):
 * two circles and one chain from the first to the second; a lone circle
 * E ⇄ F (4 ⇄ 5) beside them is a circle but no chain. */
static void test_two_circles_and_a_lone_one(void **state)
{
	const struct gnet_edge e[] = { { 0, 1, W(1) }, { 1, 0, W(1) }, { 1, 2, W(1) },
	                               { 2, 3, W(1) }, { 3, 2, W(1) }, { 4, 5, W(1) },
	                               { 5, 4, W(1) } };
	struct gnet g;
	char buf[256];
	(void)state;
	gnet_analyse(&g, 6, e, 7);
	assert_int_equal(circles(&g), 3);
	chains_text(&g, buf, sizeof buf);
	assert_string_equal(buf, "0 2");
	gnet_release(&g);
}

/* 12 layers of two firms, each firm guaranteeing both firms of the next
 * layer: 2 × 2^11 = 4096 paths, more than GNET_MAX_CHAINS: the first
 * 1000 are kept and the network says it was cut. */
static void test_too_many_chains(void **state)
{
	struct gnet_edge e[11 * 4];
	struct gnet g;
	size_t ne = 0;
	(void)state;
	for (size_t l = 0; l < 11; l++)
		for (size_t a = 0; a < 2; a++)
			for (size_t b = 0; b < 2; b++)
				e[ne++] = (struct gnet_edge){ 2 * l + a, 2 * (l + 1) + b, W(1) };
	gnet_analyse(&g, 24, e, ne);
	assert_int_equal(g.nchains, GNET_MAX_CHAINS);
	assert_true(g.truncated);
	for (size_t k = 0; k < g.nchains; k++)
		assert_int_equal(g.chain_at[k + 1] - g.chain_at[k], 12);
	gnet_release(&g);
}

/* A chain of 200 000 firms, and the same closed into one circle: no
 * recursion, so no stack runs out. */
static void test_deep_chain(void **state)
{
	size_t n = 200000;
	struct gnet_edge *e = calloc(n, sizeof *e);
	struct gnet g;
	int *up = calloc(n, sizeof *up), *down = calloc(n, sizeof *down);
	dec au, ad;
	(void)state;
	for (size_t i = 0; i + 1 < n; i++)
		e[i] = (struct gnet_edge){ i, i + 1, W(1) };
	gnet_analyse(&g, n, e, n - 1);
	assert_int_equal(g.nchains, 1);
	assert_int_equal(g.chain_at[1], n);
	assert_int_equal(circles(&g), 0);
	assert_int_equal(gnet_exposure(&g, n - 1, up, down, &au, &ad), 0);
	assert_int_equal(up[0], (int)n - 1);
	assert_true(au == W(n - 1));
	gnet_release(&g);
	e[n - 1] = (struct gnet_edge){ n - 1, 0, W(1) };
	gnet_analyse(&g, n, e, n);
	assert_int_equal(circles(&g), 1);
	assert_int_equal(g.comp_size[0], n);
	assert_int_equal(g.nchains, 0);
	gnet_release(&g);
	free(e);
	free(up);
	free(down);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_circle_with_chain),
		cmocka_unit_test(test_firm_in_two_chains),
		cmocka_unit_test(test_self_guarantee_ignored),
		cmocka_unit_test(test_disconnected_parts),
		cmocka_unit_test(test_diamond),
		cmocka_unit_test(test_two_circles_and_a_lone_one),
		cmocka_unit_test(test_too_many_chains),
		cmocka_unit_test(test_deep_chain),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
