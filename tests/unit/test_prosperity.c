/* test_prosperity.c: unit tests for the prosperity diffusion indices and
 * composites (index/prosperity.c). Every expected value is worked out by
 * hand in the comment beside it: index = 100 × (up + flat/2) / answered,
 * non-responses left out; composite = Σ w·index / Σ w over the parts
 * present. Every error a caller can trigger is triggered. */
#include "testutil.h"

#include <float.h>
#include <math.h>
#include <stdio.h>

#include "index/prosperity.h"

#define NA(a) (sizeof(a) / sizeof((a)[0]))
#define EPS 1e-9

/* ---- building answer sets ---- */

static struct pr_answer answers[4096];
static char names[4096][16];
static size_t n_answers;

/* Append `count` answers to question q with reply r and weight w, from
 * respondents named "<q>-<number>" (distinct across calls). */
static void add(const char *q, enum pr_reply r, size_t count, double w)
{
	for (size_t i = 0; i < count; i++) {
		assert_true(n_answers < NA(answers));
		snprintf(names[n_answers], sizeof names[0], "r%zu", n_answers);
		answers[n_answers] = (struct pr_answer){ q, names[n_answers], r, w };
		n_answers++;
	}
}

static int setup(void **state)
{
	(void)state;
	n_answers = 0;
	return 0;
}

/* Diffusion of question q over the answers built so far; must succeed. */
static struct pr_result diffusion(const char *q, int weighted, int inverted)
{
	struct pr_result r;
	struct kfq_err err = { 0 };
	if (pr_diffusion(answers, n_answers, q, weighted, inverted, &r, &err) != 0)
		fail_msg("pr_diffusion(%s): %s", q, err.msg);
	return r;
}

/* Diffusion must fail with a user error containing `needle`, leaving out alone. */
static void diffusion_fails(const char *q, int weighted, const char *needle)
{
	struct pr_result r = { .index = -7 };
	struct kfq_err err = { 0 };
	assert_int_equal(pr_diffusion(answers, n_answers, q, weighted, 0, &r, &err), -1);
	assert_int_equal(err.kind, KFQ_EUSER);
	assert_err_has(&err, needle);
	assert_true(r.index == -7);
}

/* ---- diffusion: hand-checked ---- */

/* The example: 40 up, 30 flat, 30 down → 40 + 15 = 55.0. */
static void test_example_55(void **state)
{
	(void)state;
	add("sales", PR_UP, 40, 0);
	add("sales", PR_FLAT, 30, 0);
	add("sales", PR_DOWN, 30, 0);
	struct pr_result r = diffusion("sales", 0, 0);
	assert_string_equal(r.question, "sales");
	assert_int_equal(r.n_up, 40);
	assert_int_equal(r.n_flat, 30);
	assert_int_equal(r.n_down, 30);
	assert_int_equal(r.n_none, 0);
	assert_int_equal(r.n_answered, 100);
	assert_true(r.share_up == 40.0 && r.share_flat == 30.0 && r.share_down == 30.0);
	assert_true(r.nonresponse == 0.0);
	assert_true(r.index == 55.0);
	assert_true(r.published == 55.0);
	assert_false(r.weighted);
	assert_false(r.inverted);
}

/* Inventory: 20 up, 50 flat, 30 down. Plain 20 + 25 = 45.0; inverted
 * (up is bad news) 30 + 25 = 55.0 = 100 − 45; counts and shares as answered. */
static void test_inverted(void **state)
{
	(void)state;
	add("inventory", PR_UP, 20, 1);
	add("inventory", PR_FLAT, 50, 1);
	add("inventory", PR_DOWN, 30, 1);
	struct pr_result plain = diffusion("inventory", 0, 0);
	struct pr_result inv = diffusion("inventory", 0, 1);
	assert_true(plain.index == 45.0 && plain.published == 45.0);
	assert_true(inv.index == 55.0 && inv.published == 55.0);
	assert_true(inv.inverted);
	assert_int_equal(inv.n_up, 20);
	assert_int_equal(inv.n_down, 30);
	assert_true(inv.share_up == 20.0 && inv.share_down == 30.0);
	/* weighted, unit weights: the same */
	struct pr_result winv = diffusion("inventory", 1, 1);
	assert_true(fabs(winv.index - 55.0) < EPS);
	assert_true(winv.published == 55.0);
}

/* Inversion equals 100 − the plain index for every split of 1 to 12
 * respondents, unweighted (exact) and published. */
static void test_inverted_is_complement(void **state)
{
	(void)state;
	for (size_t total = 1; total <= 12; total++)
		for (size_t up = 0; up <= total; up++)
			for (size_t flat = 0; up + flat <= total; flat++) {
				n_answers = 0;
				add("cost", PR_UP, up, 1);
				add("cost", PR_FLAT, flat, 1);
				add("cost", PR_DOWN, total - up - flat, 1);
				struct pr_result p = diffusion("cost", 0, 0);
				struct pr_result i = diffusion("cost", 0, 1);
				assert_true(fabs(p.index + i.index - 100.0) < EPS);
				/* published values are complements unless the plain one
				 * is a tie at .x5, which rounds away from zero both ways */
				assert_true(fabs(p.published + i.published - 100.0) < 0.1 + EPS);
			}
}

/* All flat → 50; all up → 100, inverted 0; all down → 0, inverted 100. */
static void test_extremes(void **state)
{
	(void)state;
	add("flat", PR_FLAT, 7, 0);
	add("up", PR_UP, 3, 0);
	add("down", PR_DOWN, 5, 0);
	assert_true(diffusion("flat", 0, 0).index == 50.0);
	assert_true(diffusion("flat", 0, 1).index == 50.0);
	assert_true(diffusion("flat", 0, 0).published == 50.0);
	assert_true(diffusion("up", 0, 0).index == 100.0);
	assert_true(diffusion("up", 0, 1).index == 0.0);
	assert_true(diffusion("down", 0, 0).index == 0.0);
	assert_true(diffusion("down", 0, 1).index == 100.0);
	/* one respondent */
	n_answers = 0;
	add("one", PR_FLAT, 1, 0);
	assert_true(diffusion("one", 0, 0).index == 50.0);
}

/* Weighted by size: A up (50), B flat (30), C down (20).
 * Weighted: (100·50 + 50·30) / 100 = 65.0; shares 50/30/20.
 * Unweighted: (100 + 50) / 3 = 50.0. */
static void test_weighted(void **state)
{
	(void)state;
	add("orders", PR_UP, 1, 50);
	add("orders", PR_FLAT, 1, 30);
	add("orders", PR_DOWN, 1, 20);
	struct pr_result w = diffusion("orders", 1, 0);
	assert_true(w.weighted);
	assert_true(fabs(w.index - 65.0) < EPS);
	assert_true(w.published == 65.0);
	assert_true(fabs(w.share_up - 50.0) < EPS && fabs(w.share_flat - 30.0) < EPS &&
	            fabs(w.share_down - 20.0) < EPS);
	assert_true(w.w_up == 50 && w.w_flat == 30 && w.w_down == 20 && w.w_answered == 100);
	assert_int_equal(w.n_answered, 3);
	struct pr_result u = diffusion("orders", 0, 0);
	assert_true(u.index == 50.0 && u.published == 50.0);
	assert_true(u.w_answered == 3);
	/* inverted weighted: (100·20 + 50·30) / 100 = 35.0 = 100 − 65 */
	struct pr_result wi = diffusion("orders", 1, 1);
	assert_true(fabs(wi.index - 35.0) < EPS && wi.published == 35.0);
}

/* A respondent of weight 0 is counted but moves nothing: 1 up (3), 1 flat
 * (1), 1 down (0) → (300 + 50) / 4 = 87.5. Weights are ignored unweighted,
 * even negative ones: (100 + 50) / 3 = 50.0. */
static void test_weight_zero_and_ignored(void **state)
{
	(void)state;
	add("profit", PR_UP, 1, 3);
	add("profit", PR_FLAT, 1, 1);
	add("profit", PR_DOWN, 1, 0);
	struct pr_result w = diffusion("profit", 1, 0);
	assert_int_equal(w.n_down, 1);
	assert_true(w.w_down == 0);
	assert_true(w.index == 87.5 && w.published == 87.5);
	answers[2].weight = -5;
	assert_true(diffusion("profit", 0, 0).index == 50.0);
}

/* Non-responses are reported and left out: 6 up, 2 flat, 2 down, 5 none.
 * Index (600 + 100) / 10 = 70.0 (not (600 + 350) / 15 = 63.3 as if flat);
 * shares 60/20/20 of the 10 who answered; 5 of 15 = 33.3 % no reply.
 * Weighted: the non-responders' weight is reported, not used. */
static void test_nonresponse(void **state)
{
	(void)state;
	add("employment", PR_UP, 6, 2);
	add("employment", PR_NONE, 3, 100);
	add("employment", PR_FLAT, 2, 2);
	add("employment", PR_DOWN, 2, 2);
	add("employment", PR_NONE, 2, 100);
	struct pr_result r = diffusion("employment", 0, 0);
	assert_int_equal(r.n_none, 5);
	assert_int_equal(r.n_answered, 10);
	assert_true(r.index == 70.0 && r.published == 70.0);
	assert_true(r.share_up == 60.0 && r.share_flat == 20.0 && r.share_down == 20.0);
	assert_true(fabs(r.nonresponse - 100.0 / 3) < EPS);
	struct pr_result w = diffusion("employment", 1, 0);
	assert_true(w.w_none == 500 && w.w_answered == 20);
	assert_true(fabs(w.index - 70.0) < EPS);
	assert_true(fabs(w.nonresponse - 100.0 / 3) < EPS);
}

/* Answers to other questions are skipped, and the same respondent may
 * answer several questions. sales: up, up, down → 66.7; orders: flat,
 * down → 25.0. */
static void test_other_questions_skipped(void **state)
{
	(void)state;
	static const struct pr_answer a[] = {
		{ "sales", "e1", PR_UP, 1 },
		{ "orders", "e1", PR_FLAT, 1 },
		{ "sales", "e2", PR_UP, 1 },
		{ "orders", "e2", PR_DOWN, 1 },
		{ "sales", "e3", PR_DOWN, 1 },
	};
	struct pr_result r;
	struct kfq_err err = { 0 };
	assert_int_equal(pr_diffusion(a, NA(a), "sales", 0, 0, &r, &err), 0);
	assert_int_equal(r.n_answered, 3);
	assert_true(fabs(r.index - 200.0 / 3) < EPS);
	assert_true(r.published == 66.7);
	assert_int_equal(pr_diffusion(a, NA(a), "orders", 0, 0, &r, &err), 0);
	assert_true(r.index == 25.0 && r.published == 25.0);
}

/* Publication rounding, half away from zero, exact for counts:
 * 1 flat, 199 down → 50/200 = 0.25 → 0.3; 550 up, 1 flat, 449 down →
 * (55 000 + 50)/1000 = 55.05 → 55.1 (weighted too, by the double);
 * 1 up of 3 → 33.33 → 33.3; 2 up of 3 → 66.67 → 66.7; 1 up of 8 → 12.5. */
static void test_published_rounding(void **state)
{
	(void)state;
	add("a", PR_FLAT, 1, 1);
	add("a", PR_DOWN, 199, 1);
	add("b", PR_UP, 550, 1);
	add("b", PR_FLAT, 1, 1);
	add("b", PR_DOWN, 449, 1);
	add("c", PR_UP, 1, 1);
	add("c", PR_DOWN, 2, 1);
	add("d", PR_UP, 2, 1);
	add("d", PR_DOWN, 1, 1);
	add("e", PR_UP, 1, 1);
	add("e", PR_DOWN, 7, 1);
	assert_true(diffusion("a", 0, 0).index == 0.25);
	assert_true(diffusion("a", 0, 0).published == 0.3);
	assert_true(diffusion("a", 1, 0).published == 0.3);
	assert_true(diffusion("b", 0, 0).published == 55.1);
	assert_true(diffusion("b", 1, 0).published == 55.1);
	/* inverted b: (44 900 + 50)/1000 = 44.95 → 45.0 */
	assert_true(diffusion("b", 0, 1).published == 45.0);
	assert_true(diffusion("c", 0, 0).published == 33.3);
	assert_true(diffusion("d", 0, 0).published == 66.7);
	assert_true(diffusion("e", 0, 0).published == 12.5);
}

/* pr_round1 on values as written; every x.x5 from 0 to 100 rounds up. */
static void test_round1(void **state)
{
	(void)state;
	assert_true(pr_round1(55.05) == 55.1);
	assert_true(pr_round1(54.95) == 55.0);
	assert_true(pr_round1(99.95) == 100.0);
	assert_true(pr_round1(12.25) == 12.3);
	assert_true(pr_round1(0.04) == 0.0);
	assert_true(pr_round1(-0.05) == -0.1);
	assert_true(pr_round1(47.857142857) == 47.9);
	for (int k = 0; k < 1000; k++) {
		char s[16];
		double x;
		snprintf(s, sizeof s, "%d.%d5", k / 10, k % 10);
		sscanf(s, "%lf", &x);
		if (pr_round1(x) != (k + 1) / 10.0)
			fail_msg("pr_round1(%s) = %.17g", s, pr_round1(x));
	}
}

static void test_reply_name(void **state)
{
	(void)state;
	assert_string_equal(pr_reply_name(PR_UP), "up");
	assert_string_equal(pr_reply_name(PR_FLAT), "flat");
	assert_string_equal(pr_reply_name(PR_DOWN), "down");
	assert_string_equal(pr_reply_name(PR_NONE), "none");
	assert_null(pr_reply_name((enum pr_reply)4));
	assert_null(pr_reply_name((enum pr_reply)-1));
}

/* ---- diffusion: errors ---- */

static void test_diffusion_errors(void **state)
{
	struct pr_result r;
	struct kfq_err err = { 0 };
	(void)state;

	/* no answers at all */
	diffusion_fails("sales", 0, "no answers: the survey for question \"sales\" is empty");
	assert_int_equal(pr_diffusion(NULL, 3, "sales", 0, 0, &r, &err), -1);
	assert_err_has(&err, "survey for question \"sales\" is empty");
	/* no question asked */
	add("sales", PR_UP, 2, 1);
	diffusion_fails(NULL, 0, "no question given");
	diffusion_fails("", 0, "no question given");
	/* none to this question */
	diffusion_fails("orders", 0, "no answers to question \"orders\" among the 2 answers");
	/* an answer without a question, even to another question */
	answers[1].question = NULL;
	diffusion_fails("sales", 0, "answer 2 (respondent r1) names no question");
	answers[1].question = "";
	diffusion_fails("sales", 0, "answer 2 (respondent r1) names no question");
	answers[1].question = "sales";
	/* without a respondent */
	answers[1].respondent = NULL;
	diffusion_fails("sales", 0, "answer 2 to question \"sales\" names no respondent");
	answers[1].respondent = "";
	diffusion_fails("sales", 0, "answer 2 to question \"sales\" names no respondent");
	answers[1].respondent = names[1];
	/* a reply out of range */
	answers[0].reply = (enum pr_reply)7;
	diffusion_fails("sales", 0, "answer 1 to question \"sales\" (respondent r0): reply 7 "
	                "is not up, flat, down or none");
	answers[0].reply = PR_UP;
	/* the same respondent twice */
	add("sales", PR_DOWN, 1, 1);
	answers[2].respondent = "r0";
	diffusion_fails("sales", 0, "respondent \"r0\" answered question \"sales\" twice "
	                "(answers 1 and 3)");
	answers[2].respondent = names[2];
	struct pr_result ok = diffusion("sales", 0, 0);
	assert_true(fabs(ok.index - 200.0 / 3) < EPS);
	/* every answer a non-response */
	add("costs", PR_NONE, 4, 1);
	diffusion_fails("costs", 0, "question \"costs\": all 4 answers are non-responses; "
	                "there is no index");
	diffusion_fails("costs", 1, "all 4 answers are non-responses");
}

static void test_weight_errors(void **state)
{
	(void)state;
	add("sales", PR_UP, 1, 10);
	add("sales", PR_NONE, 1, 10);
	add("sales", PR_DOWN, 1, 10);
	/* negative: weighted only, non-responses included */
	answers[1].weight = -1;
	diffusion_fails("sales", 1, "answer 2 to question \"sales\" (respondent r1): weight -1 "
	                "is negative; a size is 0 or more");
	assert_true(diffusion("sales", 0, 0).index == 50.0);
	answers[1].weight = NAN;
	diffusion_fails("sales", 1, "answer 2 to question \"sales\" (respondent r1): weight nan "
	                "is not a number");
	answers[1].weight = INFINITY;
	diffusion_fails("sales", 1, "weight inf is not a number");
	answers[1].weight = 10;
	/* the weights of those who answered sum to zero */
	answers[0].weight = 0;
	answers[2].weight = 0;
	diffusion_fails("sales", 1, "question \"sales\": the weights of the 2 respondents who "
	                "answered sum to zero; there is no weighted index");
	assert_true(diffusion("sales", 0, 0).index == 50.0);
	/* beyond a double */
	answers[0].weight = DBL_MAX;
	answers[2].weight = DBL_MAX;
	diffusion_fails("sales", 1, "question \"sales\": the weights sum beyond the range");
}

/* ---- composite ---- */

static struct pr_composite composite(const struct pr_part *p, size_t n)
{
	struct pr_composite c;
	struct kfq_err err = { 0 };
	if (pr_composite(p, n, &c, &err) != 0)
		fail_msg("pr_composite: %s", err.msg);
	return c;
}

static void composite_fails(const struct pr_part *p, size_t n, const char *needle)
{
	struct pr_composite c = { .index = -7 };
	struct kfq_err err = { 0 };
	assert_int_equal(pr_composite(p, n, &c, &err), -1);
	assert_int_equal(err.kind, KFQ_EUSER);
	assert_err_has(&err, needle);
	assert_true(c.index == -7);
}

/* Weights 3, 3, 2, 2 on 55, 60, 45, 40:
 * (165 + 180 + 90 + 80) / 10 = 51.5, all present, coverage 100. */
static void test_composite(void **state)
{
	(void)state;
	struct pr_part p[] = {
		{ "sales", 3, 1, 55 }, { "orders", 3, 1, 60 },
		{ "inventory", 2, 1, 45 }, { "profit", 2, 1, 40 },
	};
	struct pr_composite c = composite(p, NA(p));
	assert_true(fabs(c.index - 51.5) < EPS);
	assert_true(c.published == 51.5);
	assert_int_equal(c.n_present, 4);
	assert_int_equal(c.n_missing, 0);
	assert_true(c.weight_present == 10 && c.weight_total == 10);
	assert_true(c.coverage == 100.0);
	/* fractional weights give the same: 0.3, 0.3, 0.2, 0.2 */
	struct pr_part q[] = {
		{ "sales", 0.3, 1, 55 }, { "orders", 0.3, 1, 60 },
		{ "inventory", 0.2, 1, 45 }, { "profit", 0.2, 1, 40 },
	};
	c = composite(q, NA(q));
	assert_true(fabs(c.index - 51.5) < EPS && c.published == 51.5);
	/* one part: its own index */
	c = composite(p + 1, 1);
	assert_true(c.index == 60.0);
	/* all at 50 stay at 50 */
	struct pr_part f[] = { { "a", 1, 1, 50 }, { "b", 7, 1, 50 } };
	assert_true(composite(f, 2).index == 50.0);
}

/* orders missing: renormalised over 3 + 2 + 2 = 7:
 * (165 + 90 + 80) / 7 = 335 / 7 = 47.857… → 47.9; coverage 70 %.
 * A missing part's index is not read (NaN here). */
static void test_composite_missing(void **state)
{
	(void)state;
	struct pr_part p[] = {
		{ "sales", 3, 1, 55 }, { "orders", 3, 0, NAN },
		{ "inventory", 2, 1, 45 }, { "profit", 2, 1, 40 },
	};
	struct pr_composite c = composite(p, NA(p));
	assert_true(fabs(c.index - 335.0 / 7) < EPS);
	assert_true(c.published == 47.9);
	assert_int_equal(c.n_present, 3);
	assert_int_equal(c.n_missing, 1);
	assert_true(c.weight_present == 7 && c.weight_total == 10);
	assert_true(fabs(c.coverage - 70.0) < EPS);
}

/* From answers to the overall index. Enterprises: sales 40/30/30 → 55.0,
 * inventory (inverted) 20/50/30 → 55.0, profit 10/40/50 → 30.0; weights
 * 2, 1, 1 → (110 + 55 + 30) / 4 = 48.75 → 48.8. Merchants: sales only
 * (inventory, profit missing) 30/60/10 → 60.0, weights 2, 1, 1 →
 * 60.0, coverage 50 %. Overall 0.6 × 48.75 + 0.4 × 60 = 29.25 + 24 = 53.25
 * → 53.3. */
static void test_composite_from_surveys(void **state)
{
	static const char *const Q[] = { "sales", "inventory", "profit" };
	static const double W[] = { 2, 1, 1 };
	static const int INV[] = { 0, 1, 0 };
	struct pr_part ent[3], mer[3];
	(void)state;

	add("sales", PR_UP, 40, 1); add("sales", PR_FLAT, 30, 1); add("sales", PR_DOWN, 30, 1);
	add("inventory", PR_UP, 20, 1); add("inventory", PR_FLAT, 50, 1);
	add("inventory", PR_DOWN, 30, 1);
	add("profit", PR_UP, 10, 1); add("profit", PR_FLAT, 40, 1); add("profit", PR_DOWN, 50, 1);
	for (size_t i = 0; i < 3; i++) {
		struct pr_result r = diffusion(Q[i], 0, INV[i]);
		ent[i] = (struct pr_part){ Q[i], W[i], 1, r.index };
	}
	n_answers = 0;
	add("sales", PR_UP, 30, 1); add("sales", PR_FLAT, 60, 1); add("sales", PR_DOWN, 10, 1);
	add("profit", PR_NONE, 12, 1);
	for (size_t i = 0; i < 3; i++) {
		struct pr_result r;
		struct kfq_err err = { 0 };
		int present = pr_diffusion(answers, n_answers, Q[i], 0, INV[i], &r, &err) == 0;
		mer[i] = (struct pr_part){ Q[i], W[i], present, present ? r.index : 0 };
	}
	assert_true(mer[0].present && !mer[1].present && !mer[2].present);
	struct pr_composite ce = composite(ent, 3), cm = composite(mer, 3);
	assert_true(fabs(ce.index - 48.75) < EPS && ce.published == 48.8);
	assert_true(cm.index == 60.0 && cm.n_missing == 2 && cm.coverage == 50.0);
	struct pr_part all[] = { { "enterprises", 0.6, 1, ce.index },
	                         { "merchants", 0.4, 1, cm.index } };
	struct pr_composite c = composite(all, 2);
	assert_true(fabs(c.index - 53.25) < EPS);
	assert_true(c.published == 53.3);
}

static void test_composite_errors(void **state)
{
	struct pr_composite c;
	struct kfq_err err = { 0 };
	(void)state;
	struct pr_part p[] = { { "sales", 1, 1, 55 }, { NULL, 1, 1, 60 } };

	composite_fails(p, 0, "no questions to combine");
	assert_int_equal(pr_composite(NULL, 2, &c, &err), -1);
	assert_err_has(&err, "no questions to combine");
	p[0].weight = 0;
	composite_fails(p, 2, "weight of \"sales\" is 0; weights must be positive");
	p[0].weight = -0.5;
	composite_fails(p, 2, "weight of \"sales\" is -0.5; weights must be positive");
	p[0].weight = NAN;
	composite_fails(p, 2, "weight of \"sales\" is nan; weights must be positive");
	p[0].weight = INFINITY;
	composite_fails(p, 2, "weight of \"sales\" is inf");
	p[0].weight = 1;
	/* an unnamed part is named by its position; missing parts are checked too */
	p[1].weight = 0;
	p[1].present = 0;
	composite_fails(p, 2, "weight of \"#2\" is 0; weights must be positive");
	p[1].weight = 1;
	p[1].present = 1;
	p[1].index = 100.5;
	composite_fails(p, 2, "index of \"#2\" is 100.5; a diffusion index lies between 0 and 100");
	p[1].index = -1;
	composite_fails(p, 2, "index of \"#2\" is -1");
	p[1].index = NAN;
	composite_fails(p, 2, "index of \"#2\" is nan");
	p[1].index = 60;
	/* weights summing beyond a double */
	p[0].weight = DBL_MAX;
	p[1].weight = DBL_MAX;
	composite_fails(p, 2, "the weights sum beyond the range");
	p[0].weight = 1;
	p[1].weight = 1;
	/* nothing present */
	p[0].present = 0;
	p[1].present = 0;
	composite_fails(p, 2, "none of the 2 questions has an index; there is no composite");
	/* the boundaries are allowed */
	p[0].present = 1;
	p[1].present = 1;
	p[0].index = 0;
	p[1].index = 100;
	assert_true(composite(p, 2).index == 50.0);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, NULL)
	const struct CMUnitTest tests[] = {
		T(test_example_55),
		T(test_inverted),
		T(test_inverted_is_complement),
		T(test_extremes),
		T(test_weighted),
		T(test_weight_zero_and_ignored),
		T(test_nonresponse),
		T(test_other_questions_skipped),
		T(test_published_rounding),
		T(test_round1),
		T(test_reply_name),
		T(test_diffusion_errors),
		T(test_weight_errors),
		T(test_composite),
		T(test_composite_missing),
		T(test_composite_from_surveys),
		T(test_composite_errors),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
