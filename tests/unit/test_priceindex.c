/* test_priceindex.c: unit tests for the price-index engine (index/priceindex.c,
 * index/pricetree.c) on data small enough to check by hand. Where a figure
 * is not obvious, it was computed independently (python3, straight from the
 * formulas of the CPI Manual, not from this code) and the comment beside it
 * says so; the script's arithmetic is summarised in each comment. */
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "index/priceindex.h"

#define EPS 1e-9

/* A panel of nitem items in one aggregate "ea", prices row by row (0 = absent). */
static void panel_rows(struct pi_panel *p, size_t nper, int first_month, size_t nitem,
                       const double *rows)
{
	struct kfq_err err;
	pi_panel_init(p, nper, first_month);
	pi_panel_add_ea(p, "ea");
	for (size_t i = 0; i < nitem; i++) {
		char id[32];
		snprintf(id, sizeof id, "i%zu", i + 1);
		size_t it = pi_panel_add_item(p, id, 0);
		for (size_t t = 0; t < nper; t++)
			if (rows[i * nper + t] > 0)
				assert_int_equal(pi_panel_set(p, it, t, rows[i * nper + t], -1, &err), 0);
	}
}

/* ---- elementary formulas ---- */

/* Two items, 10 → 12 and 20 → 18: Jevons √(1.2 × 0.9) = √1.08; Dutot
 * 30 / 30 = 1; Carli (1.2 + 0.9) / 2 = 1.05. */
static void test_formulas(void **state)
{
	(void)state;
	static const double rows[] = { 10, 12, 20, 18 };
	struct pi_panel p;
	struct kfq_err err;
	double r;
	panel_rows(&p, 2, 1, 2, rows);
	assert_int_equal(pi_elementary(&p, 0, PI_JEVONS, 0, 1, &r, &err), 0);
	assert_true(fabs(r - sqrt(1.08)) < EPS);
	assert_int_equal(pi_elementary(&p, 0, PI_DUTOT, 0, 1, &r, &err), 0);
	assert_true(fabs(r - 1.0) < EPS);
	assert_int_equal(pi_elementary(&p, 0, PI_CARLI, 0, 1, &r, &err), 0);
	assert_true(fabs(r - 1.05) < EPS);
	pi_panel_release(&p);
}

/* A worked example in the manner of the CPI Manual's elementary-index
 * chapter. The data are constructed here, not the manual's table: four
 * items A–D over five months, month 4 back at month 0's prices.
 *   A 4 5 4 6 4 | B 10 10 12 10 10 | C 8 6 8 9 8 | D 5 5 5 4 5
 * Direct indices on month 0, computed independently (python3):
 *   month  Carli     Dutot           Jevons
 *   1      100       96.2962962963   98.3994835633
 *   2      105       107.4074074074  104.6635139392
 *   3      110.625   107.4074074074  107.7912335889
 *   4      100       100             100
 * Chained month to month, Jevons and Dutot return to 100 in month 4 but
 * Carli reaches 109.7235484182: its upward bias (it fails time reversal). */
static void test_manual_style_example(void **state)
{
	(void)state;
	static const double rows[] = {
		4, 5, 4, 6, 4,  10, 10, 12, 10, 10,  8, 6, 8, 9, 8,  5, 5, 5, 4, 5,
	};
	static const double want[4][3] = {
		{ 100, 96.2962962963, 98.3994835633 },
		{ 105, 107.4074074074, 104.6635139392 },
		{ 110.625, 107.4074074074, 107.7912335889 },
		{ 100, 100, 100 },
	};
	static const enum pi_formula f[3] = { PI_CARLI, PI_DUTOT, PI_JEVONS };
	struct pi_panel p;
	struct kfq_err err;
	double r;
	panel_rows(&p, 5, 1, 4, rows);
	for (size_t t = 1; t <= 4; t++)
		for (size_t k = 0; k < 3; k++) {
			assert_int_equal(pi_elementary(&p, 0, f[k], 0, t, &r, &err), 0);
			assert_true(fabs(100 * r - want[t - 1][k]) < 1e-9);
		}
	double chained[3] = { 100, 100, 100 };
	for (size_t t = 1; t <= 4; t++)
		for (size_t k = 0; k < 3; k++) {
			assert_int_equal(pi_elementary(&p, 0, f[k], t - 1, t, &r, &err), 0);
			chained[k] *= r;
		}
	assert_true(fabs(chained[0] - 109.7235484182) < 1e-9);
	assert_true(fabs(chained[1] - 100) < 1e-9);
	assert_true(fabs(chained[2] - 100) < 1e-9);
	/* Carli ≥ Jevons every month (arithmetic ≥ geometric mean). */
	for (size_t t = 1; t <= 4; t++)
		assert_true(want[t - 1][0] >= want[t - 1][2]);
	pi_panel_release(&p);
}

/* The properties of the three formulas as tabulated in the Producer Price
 * Index Manual: Theory and Practice (ILO/IMF/OECD/UNECE/World Bank, 2004),
 * chapter 9 "PPI Calculation in Practice", Table 9.2 "Properties of Main
 * Elementary Aggregate Index Formulas" (p. 219 in the manual's list of
 * tables; read in the copy at yumpu.com, document 36649536, page 247):
 *                          Carli  Dutot  Jevons
 *   proportionality         yes    yes    yes
 *   change of units         yes    no     yes
 *   time reversal           no     yes    yes
 *   transitivity            no     yes    yes
 * (its fifth row, "allows for substitution", is not a property of the
 * arithmetic). The table has no numbers; the data here are ours, small
 * enough to check by hand. Two items, four months:
 *   i1 1 2 4 1.1   i2 4 3 2 4.4   (month 3 = month 0 × 1.1)
 * Time reversal, month 1 on 0 times month 0 on 1: Carli 1.375 × 11/12
 * = 1.2604166…; Dutot 5/5 × 5/5 = 1; Jevons √1.5 × √(2/3) = 1.
 * Transitivity, month 2 on 0 direct and through month 1: Carli 2.25 and
 * 1.375 × 4/3 = 1.8333…; Dutot 6/5 both; Jevons √2 both.
 * Proportionality: every formula gives 1.1 for month 3.
 * Change of units: i2 priced per 10 units (40 30 20 44): Carli and Jevons
 * for month 2 stay 2.25 and √2; Dutot becomes 24/41. */
static void test_manual_properties(void **state)
{
	(void)state;
	static const double rows[] = { 1, 2, 4, 1.1,  4, 3, 2, 4.4 };
	static const double tens[] = { 1, 2, 4, 1.1,  40, 30, 20, 44 };
	struct pi_panel p, q;
	struct kfq_err err;
	double fwd, back, direct, r01, r12;
	panel_rows(&p, 4, 1, 2, rows);
	panel_rows(&q, 4, 1, 2, tens);

	/* time reversal */
	static const double reversal[3] = { 1.375 * 11 / 12, 1, 1 };
	static const enum pi_formula f[3] = { PI_CARLI, PI_DUTOT, PI_JEVONS };
	for (size_t k = 0; k < 3; k++) {
		assert_int_equal(pi_elementary(&p, 0, f[k], 0, 1, &fwd, &err), 0);
		assert_int_equal(pi_elementary(&p, 0, f[k], 1, 0, &back, &err), 0);
		assert_true(fabs(fwd * back - reversal[k]) < EPS);
	}

	/* transitivity */
	static const double want_direct[3] = { 2.25, 1.2, 1.4142135623730951 };
	static const double want_chain[3] = { 1.375 * 4 / 3, 1.2, 1.4142135623730951 };
	for (size_t k = 0; k < 3; k++) {
		assert_int_equal(pi_elementary(&p, 0, f[k], 0, 2, &direct, &err), 0);
		assert_int_equal(pi_elementary(&p, 0, f[k], 0, 1, &r01, &err), 0);
		assert_int_equal(pi_elementary(&p, 0, f[k], 1, 2, &r12, &err), 0);
		assert_true(fabs(direct - want_direct[k]) < EPS);
		assert_true(fabs(r01 * r12 - want_chain[k]) < EPS);
	}

	/* proportionality */
	for (size_t k = 0; k < 3; k++) {
		assert_int_equal(pi_elementary(&p, 0, f[k], 0, 3, &direct, &err), 0);
		assert_true(fabs(direct - 1.1) < EPS);
	}

	/* change of units of measurement */
	static const double want_units[3] = { 2.25, 24.0 / 41, 1.4142135623730951 };
	for (size_t k = 0; k < 3; k++) {
		assert_int_equal(pi_elementary(&q, 0, f[k], 0, 2, &direct, &err), 0);
		assert_true(fabs(direct - want_units[k]) < EPS);
	}
	pi_panel_release(&q);
	pi_panel_release(&p);
}

static void test_elementary_errors(void **state)
{
	(void)state;
	static const double rows[] = { 10, 0, 0, 12 };
	struct pi_panel p;
	struct kfq_err err;
	double r;
	panel_rows(&p, 2, 1, 2, rows);
	assert_int_equal(pi_elementary(&p, 0, PI_JEVONS, 0, 1, &r, &err), -1);
	assert_err_has(&err, "no item is priced in both month 0 and month 1");
	assert_err_has(&err, "\"ea\"");
	size_t empty = pi_panel_add_ea(&p, "frames×online");
	assert_int_equal(pi_elementary(&p, empty, PI_JEVONS, 0, 1, &r, &err), -1);
	assert_err_has(&err, "\"frames×online\" is empty");
	assert_int_equal(pi_panel_set(&p, 0, 1, 0, -1, &err), -1);
	assert_err_has(&err, "expected a positive number");
	pi_panel_release(&p);
}

/* ---- imputation ---- */

/* i1 10 10 11 (×1.1), i2 20 20 26.4 (×1.32), i3 30 30 absent. i3 in month 2 is
 * 30 × √(1.1 × 1.32) = 36.149688795340964 (computed independently), not 30. */
static void test_impute(void **state)
{
	(void)state;
	static const double rows[] = { 10, 10, 11,  20, 20, 26.4,  30, 30, 0 };
	struct pi_panel p;
	struct pi_report rep;
	struct kfq_err err;
	double before, after;
	panel_rows(&p, 3, 1, 3, rows);
	pi_report_init(&rep);
	assert_int_equal(pi_elementary(&p, 0, PI_JEVONS, 0, 2, &before, &err), 0);
	assert_int_equal(pi_impute(&p, 0, PI_JEVONS, 1, 0, &rep, &err), 0);
	assert_int_equal(rep.n, 0);
	assert_int_equal(pi_impute(&p, 0, PI_JEVONS, 2, 0, &rep, &err), 0);
	assert_int_equal(rep.n, 1);
	assert_int_equal(rep.note[0].kind, PI_NOTE_IMPUTED);
	assert_int_equal(rep.note[0].item, 2);
	assert_int_equal(rep.note[0].period, 2);
	assert_true(fabs(rep.note[0].value - 36.149688795340964) < EPS);
	assert_true(fabs(rep.note[0].ref - 1.2049896265113655) < EPS);
	assert_int_equal(p.item[2].status[2], PI_IMPUTED);
	assert_true(fabs(p.item[2].price[2] - 36.149688795340964) < EPS);
	/* Imputing from the others leaves Jevons as it was. */
	assert_int_equal(pi_elementary(&p, 0, PI_JEVONS, 0, 2, &after, &err), 0);
	assert_true(fabs(before - after) < EPS);
	pi_report_release(&rep);
	pi_panel_release(&p);
}

/* With max_run 1, an item absent two months running is imputed once only. */
static void test_impute_run_and_error(void **state)
{
	(void)state;
	static const double rows[] = { 10, 11, 12,  20, 0, 0 };
	struct pi_panel p;
	struct pi_report rep;
	struct kfq_err err;
	panel_rows(&p, 3, 1, 2, rows);
	pi_report_init(&rep);
	assert_int_equal(pi_impute(&p, 0, PI_DUTOT, 1, 1, &rep, &err), 0);
	assert_true(fabs(p.item[1].price[1] - 22) < EPS); /* 20 × 11/10 */
	assert_int_equal(pi_impute(&p, 0, PI_DUTOT, 2, 1, &rep, &err), 0);
	assert_int_equal(p.item[1].status[2], PI_ABSENT);
	assert_int_equal(rep.n, 1);
	pi_report_release(&rep);
	pi_panel_release(&p);

	/* no item priced: nothing imputed here (pi_impute_parents does it) */
	static const double lone[] = { 10, 0,  20, 0 };
	panel_rows(&p, 2, 1, 2, lone);
	assert_int_equal(pi_impute(&p, 0, PI_JEVONS, 1, 0, NULL, &err), 0);
	assert_int_equal(p.item[0].status[1], PI_ABSENT);
	pi_panel_release(&p);
}

/* An aggregate with no price in a month is imputed from its parent (the CPI
 * Manual; piar does the same). Tree: all (100) → X (60) → x1 (30), x2 (30);
 * all → Y (40) → y1 (40); one item each, months 0-3 (January to April):
 *   a (x1) 10 11  0  0;  b (x2) 20 20 22  0;  c (y1) 5 5 5 10
 * Month 2: x1 has no price; its parent X has x2, ×1.1 (22 / 20): a = 11 ×
 * 1.1 = 12.1, x1's relative 1.21. Month 3: X has no price at all; the root
 * has y1, ×2: a = 24.2, b = 44; relatives x1 2.42, x2 2.2, y1 2.
 * The total, Σ w r / 100: month 2 (30 × 1.21 + 30 × 1.1 + 40) = 109.3;
 * month 3 (30 × 2.42 + 30 × 2.2 + 40 × 2) = 218.6. A month with no price
 * anywhere is refused. */
static void test_impute_parents(void **state)
{
	static const struct pi_node nodes[] = {
		{ "all", -1, 100, -1 }, { "X", 0, 60, -1 }, { "x1", 1, 30, 0 }, { "x2", 1, 30, 1 },
		{ "Y", 0, 40, -1 }, { "y1", 4, 40, 2 },
	};
	static const double prices[3][4] = { { 10, 11, 0, 0 }, { 20, 20, 22, 0 }, { 5, 5, 5, 10 } };
	struct pi_tree tr = { nodes, 6 };
	struct pi_config cfg = { PI_JEVONS, NULL, 0 };
	struct pi_panel p;
	struct pi_report rep;
	struct pi_series s;
	struct kfq_err err;
	(void)state;
	pi_panel_init(&p, 4, 1);
	for (size_t e = 0; e < 3; e++) {
		char name[8];
		snprintf(name, sizeof name, "e%zu", e);
		pi_panel_add_ea(&p, name);
		size_t it = pi_panel_add_item(&p, name, e);
		for (size_t t = 0; t < 4; t++)
			if (prices[e][t] > 0)
				assert_int_equal(pi_panel_set(&p, it, t, prices[e][t], -1, &err), 0);
	}
	pi_report_init(&rep);
	assert_int_equal(pi_prepare(&p, PI_JEVONS, 0, 0, &rep, &err), 0);
	assert_int_equal(rep.n, 0);                      /* nothing to impute from within */
	assert_int_equal(pi_impute_parents(&p, &tr, &cfg, 0, &rep, &err), 0);
	assert_true(fabs(p.item[0].price[2] - 12.1) < EPS);
	assert_true(fabs(p.item[0].price[3] - 24.2) < EPS);
	assert_true(fabs(p.item[1].price[3] - 44) < EPS);
	assert_int_equal(p.item[0].status[2], PI_IMPUTED);
	assert_int_equal(rep.n, 3);                      /* flagged: a in 2 and 3, b in 3 */
	assert_true(fabs(rep.note[0].ref - 1.1) < EPS);  /* the parent's relative */
	assert_true(fabs(rep.note[2].ref - 2) < EPS);
	assert_int_equal(pi_series_compute(&s, &p, &tr, &cfg, &err), 0);
	assert_true(fabs(s.level[2] - 109.3) < EPS);
	assert_true(fabs(s.level[3] - 218.6) < EPS);
	pi_series_release(&s);
	pi_report_release(&rep);
	pi_panel_release(&p);

	/* April with no price at all: refused, naming the aggregate */
	pi_panel_init(&p, 4, 1);
	for (size_t e = 0; e < 3; e++) {
		char name[8];
		snprintf(name, sizeof name, "e%zu", e);
		pi_panel_add_ea(&p, name);
		size_t it = pi_panel_add_item(&p, name, e);
		for (size_t t = 0; t < 3; t++)
			assert_int_equal(pi_panel_set(&p, it, t, prices[e][1], -1, &err), 0);
	}
	pi_report_init(&rep);
	assert_int_equal(pi_impute_parents(&p, &tr, &cfg, 0, &rep, &err), -1);
	assert_err_has(&err, "elementary aggregate \"e0\", month 3: no price, and no aggregate "
	               "above it has one");
	pi_report_release(&rep);
	pi_panel_release(&p);
}

/* The whole panel: i2, absent in months 2 and 3, is imputed from the others'
 * change: ×1.1 (i1 and i3 both ×1.1), then ×√2 (i1 ×2, i3 ×1). Month 3's
 * relatives 2, √2, 1 have median √2 and lie within √2 ÷ 2.5 … √2 × 2.5:
 * no outlier. */
static void test_prepare(void **state)
{
	(void)state;
	static const double rows[] = { 10, 10, 11, 22,  20, 20, 0, 0,  30, 30, 33, 33 };
	struct pi_panel p;
	struct pi_report rep;
	struct kfq_err err;
	panel_rows(&p, 4, 1, 3, rows);
	pi_report_init(&rep);
	assert_int_equal(pi_prepare(&p, PI_JEVONS, 0, 2.5, &rep, &err), 0);
	assert_true(fabs(p.item[1].price[2] - 22) < EPS);
	/* month 3: others' Jevons √(2 × 1) = √2 */
	assert_true(fabs(p.item[1].price[3] - 22 * sqrt(2)) < EPS);
	size_t nimp = 0, nout = 0;
	for (size_t i = 0; i < rep.n; i++) {
		nimp += rep.note[i].kind == PI_NOTE_IMPUTED;
		nout += rep.note[i].kind == PI_NOTE_OUTLIER;
	}
	assert_int_equal(nimp, 2);
	assert_int_equal(nout, 0);
	assert_int_equal(pi_prepare(&p, PI_JEVONS, 0, 0.5, &rep, &err), -1);
	assert_err_has(&err, "greater than 1");
	pi_report_release(&rep);
	pi_panel_release(&p);
}

/* ---- replacement by overlap ---- */

/* old 10 10 11 – –, new – – 22 23.1 24.2: overlap in month 2, factor 11/22;
 * old continues 11.55, 12.1, so month 4 on month 0 is 1.21 (the new item's
 * doubled price level is no change). */
static void test_replacement(void **state)
{
	(void)state;
	static const double rows[] = { 10, 10, 11, 0, 0,  0, 0, 22, 23.1, 24.2 };
	struct pi_panel p;
	struct pi_report rep;
	struct kfq_err err;
	double r;
	panel_rows(&p, 5, 1, 2, rows);
	pi_report_init(&rep);
	assert_int_equal(pi_link_replacement(&p, 0, 1, 1, &rep, &err), -1);
	assert_err_has(&err, "both must be priced in the overlap month, \"i2\" is not");
	assert_int_equal(pi_link_replacement(&p, 0, 1, 2, &rep, &err), 0);
	assert_int_equal(rep.n, 1);
	assert_int_equal(rep.note[0].kind, PI_NOTE_REPLACED);
	assert_int_equal(rep.note[0].other, 1);
	assert_true(fabs(rep.note[0].value - 0.5) < EPS);
	assert_true(fabs(p.item[0].price[3] - 11.55) < EPS);
	assert_int_equal(p.item[0].status[4], PI_LINKED);
	assert_true(p.item[1].merged);
	assert_int_equal(pi_elementary(&p, 0, PI_JEVONS, 0, 4, &r, &err), 0);
	assert_true(fabs(r - 1.21) < EPS);
	assert_int_equal(pi_elementary(&p, 0, PI_DUTOT, 2, 3, &r, &err), 0);
	assert_true(fabs(r - 1.05) < EPS);
	assert_int_equal(pi_link_replacement(&p, 0, 1, 2, &rep, &err), -1);
	assert_err_has(&err, "already linked");
	pi_report_release(&rep);
	pi_panel_release(&p);
}

/* ---- outliers ---- */

/* Relatives 1.00 1.02 0.98 3.00 0.30: median 1.00, k 2.5 → bounds 0.4 … 2.5;
 * items 4 and 5 are flagged and stay in the index. */
static void test_outliers(void **state)
{
	(void)state;
	static const double rows[] = { 10, 10,  10, 10.2,  10, 9.8,  10, 30,  10, 3 };
	struct pi_panel p;
	struct pi_report rep;
	struct kfq_err err;
	size_t nf;
	double r;
	panel_rows(&p, 2, 1, 5, rows);
	pi_report_init(&rep);
	assert_int_equal(pi_flag_outliers(&p, 0, 1, 2.5, &rep, &nf, &err), 0);
	assert_int_equal(nf, 2);
	assert_int_equal(rep.note[0].item, 3);
	assert_int_equal(rep.note[1].item, 4);
	assert_true(fabs(rep.note[0].value - 3.0) < EPS);
	assert_true(fabs(rep.note[0].ref - 1.0) < EPS);
	assert_int_equal(pi_elementary(&p, 0, PI_DUTOT, 0, 1, &r, &err), 0);
	assert_true(fabs(r - 63.0 / 50) < EPS); /* all five still counted */
	assert_int_equal(pi_flag_outliers(&p, 0, 1, 1.0, &rep, &nf, &err), -1);
	assert_err_has(&err, "greater than 1");
	pi_report_release(&rep);
	pi_panel_release(&p);
}

/* ---- Fisher and Törnqvist ---- */

/* p0 (1, 2), p1 (2, 2), v0 (10, 20), v1 (20, 10): Laspeyres 40/30, Paasche
 * 30/20, Fisher √2; shares' means (½, ½), Törnqvist 2^½ = √2. The second set
 * computed independently: p0 (2, 5, 8), p1 (2.2, 4.5, 8.8), v0 (40, 100, 60),
 * v1 (50, 90, 55): Fisher 0.998836532474, Törnqvist 0.998834563558. */
static void test_superlative(void **state)
{
	(void)state;
	static const double p0[] = { 1, 2 }, p1[] = { 2, 2 }, v0[] = { 10, 20 }, v1[] = { 20, 10 };
	struct kfq_err err;
	double f, t;
	assert_int_equal(pi_fisher(p0, p1, v0, v1, 2, &f, &err), 0);
	assert_int_equal(pi_tornqvist(p0, p1, v0, v1, 2, &t, &err), 0);
	assert_true(fabs(f - sqrt(2)) < EPS);
	assert_true(fabs(t - sqrt(2)) < EPS);

	static const double q0[] = { 2, 5, 8 }, q1[] = { 2.2, 4.5, 8.8 };
	static const double w0[] = { 40, 100, 60 }, w1[] = { 50, 90, 55 };
	struct pi_panel p;
	pi_panel_init(&p, 2, 1);
	pi_panel_add_ea(&p, "lenses");
	for (size_t i = 0; i < 3; i++) {
		size_t it = pi_panel_add_item(&p, "x", 0);
		assert_int_equal(pi_panel_set(&p, it, 0, q0[i], w0[i], &err), 0);
		assert_int_equal(pi_panel_set(&p, it, 1, q1[i], w1[i], &err), 0);
	}
	assert_int_equal(pi_superlative(&p, 0, 0, 1, &f, &t, &err), 0);
	assert_true(fabs(f - 0.998836532474) < 1e-12);
	assert_true(fabs(t - 0.998834563558) < 1e-12);
	pi_panel_release(&p);

	static const double z[] = { 0, 0 };
	assert_int_equal(pi_fisher(p0, p1, z, z, 2, &f, &err), -1);
	assert_err_has(&err, "add up to zero");
}

/* ---- the tree ---- */

static void test_tree_errors(void **state)
{
	(void)state;
	struct kfq_err err;
	struct pi_node bad_sum[] = {
		{ "all", -1, 100, -1 }, { "frames", 0, 60, -1 }, { "metal", 1, 30, 0 },
		{ "plastic", 1, 20, 1 }, { "lenses", 0, 40, 2 },
	};
	struct pi_tree tr = { bad_sum, 5 };
	assert_int_equal(pi_tree_check(&tr, 3, &err), -1);
	assert_err_has(&err, "category \"frames\": the weights of its subcategories sum to 50");
	bad_sum[3].weight = 30;
	assert_int_equal(pi_tree_check(&tr, 3, &err), 0);
	bad_sum[3].weight = -30;
	assert_int_equal(pi_tree_check(&tr, 3, &err), -1);
	assert_err_has(&err, "category \"plastic\": weight -30");
	bad_sum[3].weight = 30;
	bad_sum[4].ea = -1;
	assert_int_equal(pi_tree_check(&tr, 3, &err), -1);
	assert_err_has(&err, "\"lenses\" has no subcategories");
	bad_sum[4].ea = 2;
	bad_sum[1].ea = 2;
	assert_int_equal(pi_tree_check(&tr, 3, &err), -1);
	assert_err_has(&err, "\"frames\" has subcategories");
}

/* Two aggregates A (weight 60) and B (40), one item each, months 0 (Dec 2016)
 * to 13 (Jan 2018): A 100 101 … 113, B 50 50 49 48 48 47 46 46 45 45 44 44 44 45. */
static const double TWO[] = {
	100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112, 113,
	50, 50, 49, 48, 48, 47, 46, 46, 45, 45, 44, 44, 44, 45,
};

static void two_panel(struct pi_panel *p)
{
	struct kfq_err err;
	pi_panel_init(p, 14, 12);
	pi_panel_add_ea(p, "A");
	pi_panel_add_ea(p, "B");
	for (size_t e = 0; e < 2; e++) {
		size_t it = pi_panel_add_item(p, e ? "b1" : "a1", e);
		for (size_t t = 0; t < 14; t++)
			assert_int_equal(pi_panel_set(p, it, t, TWO[e * 14 + t], -1, &err), 0);
	}
}

static const struct pi_node TWO_TREE[] = {
	{ "all", -1, 100, -1 }, { "A", 0, 60, 0 }, { "B", 0, 40, 1 },
};

/* Fixed weights: 2017 is a Laspeyres-type Lowe on December 2016, e.g. month 1
 * = 60 × 1.01 + 40 × 1 = 100.6; the chain across December 2017 then equals
 * the direct index: month 13 = 60 × 1.13 + 40 × 0.9 = 103.8. */
static void test_chain_fixed_weights(void **state)
{
	(void)state;
	struct pi_panel p;
	struct pi_series s;
	struct kfq_err err;
	struct pi_tree tr = { TWO_TREE, 3 };
	struct pi_config cfg = { PI_JEVONS, NULL, 0 };
	two_panel(&p);
	assert_int_equal(pi_series_compute(&s, &p, &tr, &cfg, &err), 0);
	assert_int_equal(s.nseg, 2);
	assert_int_equal(s.link[13], 12);
	assert_int_equal(s.link[12], 0);
	assert_true(fabs(s.level[0] - 100) < EPS);
	assert_true(fabs(s.level[1] - 100.6) < EPS);
	assert_true(fabs(s.level[12] - 102.4) < EPS);
	assert_true(fabs(s.level[13] - 103.8) < EPS);
	assert_true(fabs(s.level[1 * 14 + 13] - 113) < EPS); /* A's own level */
	double pct;
	assert_int_equal(pi_change(&s, 0, 12, 13, &pct, &err), 0);
	assert_true(fabs(pct - (103.8 / 102.4 - 1) * 100) < EPS);
	assert_int_equal(pi_change(&s, 0, 1, 14, &pct, &err), -1);
	assert_err_has(&err, "months 0 to 13");
	pi_series_release(&s);
	pi_panel_release(&p);
}

/* New weights 50/50 for 2018, reference period 2017 (months 1–12), price-
 * updated to December 2017 (A × 112 / mean, B × 44 / mean). Computed
 * independently: month 13 = 103.984770134341; month 12 → 13 contributions
 * A 0.46918247485316794, B 1.0784446094646585 (total 1.5476270843178);
 * year on year (month 1 → 13) by Eurostat's Ribe decomposition (HICP
 * methodological manual), computed independently (python3 from the manual's
 * formula): C_i = w_i,2017 (r_i(Dec) − r_i(a)) / R(a) × 100 + s_i,2018
 * (r_i(b) − 1) × 100 × I(Dec) / I(a), with r on December 2016 and 2017, w
 * the 2017 weights and s the 2018 weights price-updated to December 2017:
 * A 7.038213572812773, B -3.673630934302375, total 3.364582638510398. (The
 * split kfq used before, the part up to December scaled by the change
 * after it, gave A 7.1314, B -3.7668.) */
static void test_chain_new_weights_contributions(void **state)
{
	(void)state;
	struct pi_panel p;
	struct pi_series s;
	struct kfq_err err;
	struct pi_tree tr = { TWO_TREE, 3 };
	static const double w2018[] = { 100, 50, 50 };
	struct pi_weights seg[2] = { { NULL, 0, 0 }, { w2018, 1, 12 } };
	struct pi_config cfg = { PI_JEVONS, seg, 2 };
	two_panel(&p);
	assert_int_equal(pi_series_compute(&s, &p, &tr, &cfg, &err), 0);
	assert_true(fabs(s.level[12] - 102.4) < EPS);
	assert_true(fabs(s.level[13] - 103.984770134341) < 1e-9);

	double pp[3] = { 0, 0, 0 }, pct;
	assert_int_equal(pi_contributions(&s, 0, 12, 13, pp, &err), 0);
	assert_true(fabs(pp[1] - 0.46918247485316794) < 1e-9);
	assert_true(fabs(pp[2] - 1.0784446094646585) < 1e-9);
	assert_int_equal(pi_change(&s, 0, 12, 13, &pct, &err), 0);
	assert_true(fabs(pp[1] + pp[2] - pct) < 1e-9);

	assert_int_equal(pi_contributions(&s, 0, 1, 13, pp, &err), 0);
	assert_int_equal(pi_change(&s, 0, 1, 13, &pct, &err), 0);
	assert_true(fabs(pp[1] - 7.038213572812773) < 1e-9);
	assert_true(fabs(pp[2] - -3.673630934302375) < 1e-9);
	assert_true(fabs(pct - 3.364582638510398) < 1e-9);
	assert_true(fabs(pp[1] + pp[2] - pct) < 1e-9);

	/* Published at one decimal: 7.0 and -3.7 would add to 3.3, the total
	 * is 3.4. In tenths the floors are 70 and -37 (remainders .38 and .26);
	 * the missing tenth goes to the largest remainder, A: 7.1 and -3.7. */
	long long u[2], tot;
	double parts[2] = { pp[1], pp[2] };
	pi_round_contributions(parts, 2, pct, 1, u, &tot);
	assert_int_equal(tot, 34);
	assert_int_equal(u[0], 71);
	assert_int_equal(u[1], -37);
	assert_int_equal(u[0] + u[1], tot);

	assert_int_equal(pi_contributions(&s, 0, 13, 13, pp, &err), -1);
	assert_err_has(&err, "expected an earlier and a later month");

	struct pi_weights bad[2] = { { NULL, 0, 0 }, { (const double[]){ 100, 50, 40 }, 1, 12 } };
	cfg.seg = bad;
	pi_series_release(&s);
	assert_int_equal(pi_series_compute(&s, &p, &tr, &cfg, &err), -1);
	assert_err_has(&err, "weights of year segment 2: category \"all\"");
	pi_series_release(&s);
	pi_panel_release(&p);
}

/* Rebased to December 2017 (month 12): 100 there, month 1 = 100.6/102.4 × 100
 * = 98.2421875. Rebased to 2017's average, the mean of months 1–12 is 100
 * and month 0 is 99.04258831297457 (computed independently). */
static void test_rebase(void **state)
{
	(void)state;
	struct pi_panel p;
	struct pi_series s;
	struct kfq_err err;
	struct pi_tree tr = { TWO_TREE, 3 };
	struct pi_config cfg = { PI_JEVONS, NULL, 0 };
	two_panel(&p);
	assert_int_equal(pi_series_compute(&s, &p, &tr, &cfg, &err), 0);
	assert_int_equal(pi_rebase(&s, 12, 1, &err), 0);
	assert_true(fabs(s.level[12] - 100) < EPS);
	assert_true(fabs(s.level[1] - 98.2421875) < EPS);
	assert_int_equal(pi_rebase(&s, 1, 12, &err), 0);
	double mean = 0;
	for (size_t t = 1; t <= 12; t++)
		mean += s.level[t] / 12;
	assert_true(fabs(mean - 100) < EPS);
	assert_true(fabs(s.level[0] - 99.04258831297457) < EPS);
	assert_int_equal(pi_rebase(&s, 10, 12, &err), -1);
	assert_err_has(&err, "the series has months 0 to 13");
	pi_series_release(&s);
	pi_panel_release(&p);
}

/* A three-level tree: contributions of each level add to its parent's change. */
static void test_deep_tree(void **state)
{
	(void)state;
	struct pi_panel p;
	struct pi_series s;
	struct kfq_err err;
	static const struct pi_node nodes[] = {
		{ "all", -1, 10, -1 }, { "frames", 0, 6, -1 }, { "metal", 1, 4, 0 },
		{ "plastic", 1, 2, 1 }, { "lenses", 0, 4, 2 },
	};
	struct pi_tree tr = { nodes, 5 };
	struct pi_config cfg = { PI_DUTOT, NULL, 0 };
	pi_panel_init(&p, 3, 11);
	pi_panel_add_ea(&p, "metal");
	pi_panel_add_ea(&p, "plastic");
	pi_panel_add_ea(&p, "lenses");
	static const double pr[3][3] = { { 10, 11, 12 }, { 20, 19, 22 }, { 30, 33, 30 } };
	for (size_t e = 0; e < 3; e++) {
		size_t it = pi_panel_add_item(&p, "x", e);
		for (size_t t = 0; t < 3; t++)
			assert_int_equal(pi_panel_set(&p, it, t, pr[e][t], -1, &err), 0);
	}
	assert_int_equal(pi_series_compute(&s, &p, &tr, &cfg, &err), 0);
	/* month 0 is November: December (month 1) is the link of month 2.
	 * Month 1: frames (4×1.1 + 2×0.95)/6 = 1.05, all 0.6×1.05 + 0.4×1.1 = 1.07. */
	assert_int_equal(s.link[2], 1);
	assert_true(fabs(s.level[1 * 3 + 1] - 105) < EPS);
	assert_true(fabs(s.level[1] - 107) < EPS);
	double pp[5], pct;
	for (size_t node = 0; node <= 1; node++) {
		assert_int_equal(pi_contributions(&s, node, 0, 2, pp, &err), 0);
		assert_int_equal(pi_change(&s, node, 0, 2, &pct, &err), 0);
		double sum = 0;
		for (size_t c = 0; c < 5; c++)
			if (s.parent[c] == (long)node)
				sum += pp[c];
		assert_true(fabs(sum - pct) < 1e-9);
	}
	/* Every descendant's contribution to the total: month 0 → 1, weights
	 * 4, 2, 4 of 10, relatives 1.1, 0.95, 1.1: metal 4 × 0.1 / 10 = 4 pp,
	 * plastic 2 × -0.05 / 10 = -1 pp, frames their sum 3 pp, lenses 4 pp;
	 * the total's change is 7 %. */
	memset(pp, 0, sizeof pp);
	assert_int_equal(pi_contributions_deep(&s, 0, 0, 1, pp, &err), 0);
	assert_true(fabs(pp[2] - 4) < 1e-9);
	assert_true(fabs(pp[3] - -1) < 1e-9);
	assert_true(fabs(pp[1] - 3) < 1e-9);
	assert_true(fabs(pp[4] - 4) < 1e-9);
	/* across the December link (months 0 → 2) each cut still adds up */
	assert_int_equal(pi_contributions_deep(&s, 0, 0, 2, pp, &err), 0);
	assert_int_equal(pi_change(&s, 0, 0, 2, &pct, &err), 0);
	assert_true(fabs(pp[2] + pp[3] - pp[1]) < 1e-9);
	assert_true(fabs(pp[2] + pp[3] + pp[4] - pct) < 1e-9);
	assert_true(fabs(pp[1] + pp[4] - pct) < 1e-9);
	assert_int_equal(pi_contributions_deep(&s, 0, 2, 2, pp, &err), -1);
	assert_err_has(&err, "expected an earlier and a later month");
	pi_series_release(&s);
	pi_panel_release(&p);
}

/* ---- rounding ---- */

static void test_rounding(void **state)
{
	(void)state;
	assert_true(fabs(pi_round(0.25, 1) - 0.3) < EPS);
	assert_true(fabs(pi_round(-0.25, 1) - -0.3) < EPS);
	assert_true(fabs(pi_round(1.005, 2) - 1.01) < EPS); /* 1.00499999… in binary */
	long long u[3], t;
	/* 0.44 + 0.44 + 0.42 = 1.30: floors 4 4 4, one tenth to the first of
	 * the largest remainders: 5 4 4. */
	static const double a[] = { 0.44, 0.44, 0.42 };
	pi_round_contributions(a, 3, 1.30, 1, u, &t);
	assert_int_equal(t, 13);
	assert_int_equal(u[0], 5);
	assert_int_equal(u[1], 4);
	assert_int_equal(u[2], 4);
	/* -0.46 - 0.46 + 0.32 = -0.60: floors -5 -5 3 = -7 (remainders 0.4,
	 * 0.4, 0.2), one tenth up to the first largest: -4 -5 3 = -6. */
	static const double b[] = { -0.46, -0.46, 0.32 };
	pi_round_contributions(b, 3, -0.60, 1, u, &t);
	assert_int_equal(t, -6);
	assert_int_equal(u[0] + u[1] + u[2], -6);
	assert_int_equal(u[0], -4);
	assert_int_equal(u[2], 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_formulas),
		cmocka_unit_test(test_manual_style_example),
		cmocka_unit_test(test_manual_properties),
		cmocka_unit_test(test_elementary_errors),
		cmocka_unit_test(test_impute),
		cmocka_unit_test(test_impute_run_and_error),
		cmocka_unit_test(test_prepare),
		cmocka_unit_test(test_replacement),
		cmocka_unit_test(test_outliers),
		cmocka_unit_test(test_superlative),
		cmocka_unit_test(test_tree_errors),
		cmocka_unit_test(test_impute_parents),
		cmocka_unit_test(test_chain_fixed_weights),
		cmocka_unit_test(test_chain_new_weights_contributions),
		cmocka_unit_test(test_rebase),
		cmocka_unit_test(test_deep_tree),
		cmocka_unit_test(test_rounding),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
