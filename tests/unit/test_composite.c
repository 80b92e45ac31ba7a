/* test_composite.c: unit tests for the composite engine (assess/composite.c,
 * normalise.c, explain.c, sensitivity.c) on data small enough to check by
 * hand; each expected value is worked out in the comment beside it. Many
 * tests use goalposts lo=0 hi=100, which leaves a value in 0-100 as it is,
 * so that the arithmetic of aggregation, ranks and classes stays visible.
 * The test "independent" compares with tests/tools/assess_expect.py, a
 * Python computation written from docs/assess.md (not from this code). */
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "assess/composite.h"

#define MAXE 32
#define MAXL 8
#define EPS 1e-9

/* ---- building a scheme and its input ---- */

static struct {
	struct as_scheme s;
	struct as_entity ents[MAXE];
	char codes[MAXE][16];
	double v[MAXE * MAXL];
	unsigned char p[MAXE * MAXL];
	size_t n;
	struct as_input in;
	struct as_result r;
} F;

static int setup(void **state)
{
	(void)state;
	memset(&F, 0, sizeof F);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	as_result_release(&F.r);
	as_scheme_release(&F.s);
	return 0;
}

/* Release everything and start again. */
static void reset(void)
{
	teardown(NULL);
	memset(&F, 0, sizeof F);
}

static void scheme(const char *text)
{
	struct kfq_err err = { 0 };
	as_scheme_release(&F.s);
	if (as_scheme_parse(text, strlen(text), "t.scheme", &F.s, &err) != 0)
		fail_msg("scheme: %s", err.msg);
}

/* A scheme of one indicator x (line 3) with the given dir/norm keys. */
static void one(const char *keys)
{
	char buf[512];
	snprintf(buf, sizeof buf, "scheme t\nversion 1\nindicator x weight=100 source=x %s\n",
	         keys);
	scheme(buf);
}

/* Add an entity; vals[0..n_leaves), NAN = missing. */
static size_t entity(const char *code, const char *industry, const double *vals)
{
	size_t e = F.n++, L = F.s.n_leaves;
	assert_true(F.n <= MAXE && L <= MAXL);
	snprintf(F.codes[e], sizeof F.codes[e], "%s", code);
	F.ents[e] = (struct as_entity){ F.codes[e], NULL, industry, NULL };
	for (size_t j = 0; j < L; j++) {
		F.p[e * L + j] = !isnan(vals[j]);
		F.v[e * L + j] = isnan(vals[j]) ? 0 : vals[j];
	}
	return e;
}

/* Entities "a", "b", ... with one value each. */
static void column(const double *vals, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char code[8] = { (char)('a' + i), 0 };
		entity(code, NULL, &vals[i]);
	}
}

static void set_input(void)
{
	F.in = (struct as_input){ F.ents, F.n, F.s.n_leaves, F.v, F.p };
}

static void compute_ok(void)
{
	struct kfq_err err = { 0 };
	set_input();
	as_result_release(&F.r);
	if (as_compute(&F.s, &F.in, &F.r, &err) != 0)
		fail_msg("as_compute: %s", err.msg);
}

#define compute_fails(needle) do { \
	struct kfq_err err_ = { 0 }; \
	set_input(); \
	as_result_release(&F.r); \
	assert_int_equal(as_compute(&F.s, &F.in, &F.r, &err_), -1); \
	assert_err_has(&err_, needle); \
	assert_null(F.r.ent); \
} while (0)

static double NORM(size_t e, size_t j)
{
	return F.r.norm[e * F.s.n_leaves + j];
}

#define assert_near(a, b) do { \
	double a_ = (a), b_ = (b); \
	if (!(fabs(a_ - b_) <= EPS * fmax(1, fabs(b_)))) \
		fail_msg("%s = %.12g, expected %.12g", #a, a_, b_); \
} while (0)

/* The normalised values of column x must be want[0..n). */
static void norms_are(const double *want, size_t n)
{
	for (size_t e = 0; e < n; e++)
		assert_near(NORM(e, 0), want[e]);
}

/* ---- the normalisations ---- */

static void test_minmax(void **state)
{
	(void)state;
	one("dir=higher norm=minmax");
	column((double[]){ 10, 20, 40, 50 }, 4);
	compute_ok();
	/* 100(x − 10)/40 */
	norms_are((double[]){ 0, 25, 75, 100 }, 4);
	/* single indicator: the score is the normalised value */
	assert_near(F.r.ent[1].score, 25);
	one("dir=lower norm=minmax");
	compute_ok();
	/* 100(50 − x)/40 */
	norms_are((double[]){ 100, 75, 25, 0 }, 4);
	one("dir=higher norm=minmax cap=60");
	compute_ok();
	norms_are((double[]){ 0, 25, 60, 60 }, 4);
}

static void test_zscore(void **state)
{
	(void)state;
	/* mean 5, population sd 2 */
	one("dir=higher norm=zscore");
	column((double[]){ 2, 4, 4, 4, 5, 5, 7, 9 }, 8);
	compute_ok();
	norms_are((double[]){ -1.5, -0.5, -0.5, -0.5, 0, 0, 1, 2 }, 8);
	one("dir=lower norm=zscore");
	compute_ok();
	norms_are((double[]){ 1.5, 0.5, 0.5, 0.5, 0, 0, -1, -2 }, 8);
}

static void test_rank(void **state)
{
	(void)state;
	/* ascending ranks 1, 2.5, 2.5, 4 (ties averaged): 100(r − 1)/3 */
	one("dir=higher norm=rank");
	column((double[]){ 10, 20, 20, 40 }, 4);
	compute_ok();
	norms_are((double[]){ 0, 50, 50, 100 }, 4);
	one("dir=lower norm=rank");
	compute_ok();
	norms_are((double[]){ 100, 50, 50, 0 }, 4);
}

static void test_ratio(void **state)
{
	(void)state;
	/* benchmark = mean 100: 100x/100 */
	one("dir=higher norm=ratio benchmark=mean");
	column((double[]){ 50, 100, 150 }, 3);
	compute_ok();
	norms_are((double[]){ 50, 100, 150 }, 3);
	assert_near(F.r.benchmark[0], 100);
	one("dir=higher norm=ratio benchmark=mean cap=120");
	compute_ok();
	norms_are((double[]){ 50, 100, 120 }, 3);
	/* lower: 100·b/x with b = 100 */
	one("dir=lower norm=ratio benchmark=100");
	compute_ok();
	norms_are((double[]){ 200, 100, 200.0 / 3 }, 3);
	/* median of 10, 20, 60 is 20 */
	F.v[0] = 10, F.v[1] = 20, F.v[2] = 60;
	one("dir=higher norm=ratio benchmark=median");
	compute_ok();
	norms_are((double[]){ 50, 100, 300 }, 3);
	assert_near(F.r.benchmark[0], 20);
	/* lower with a 0 value: the cap, else an error naming the entity */
	F.v[0] = 0;
	one("dir=lower norm=ratio benchmark=20 cap=150");
	compute_ok();
	norms_are((double[]){ 150, 100, 100.0 / 3 }, 3);
	one("dir=lower norm=ratio benchmark=20");
	compute_fails("t.scheme:3: indicator x: ratio (lower is better) divides by zero: entity a "
	              "has the value 0");
}

static void test_target(void **state)
{
	(void)state;
	/* min(100, 100x/80) */
	one("dir=higher norm=target target=80");
	column((double[]){ 40, 80, 120 }, 3);
	compute_ok();
	norms_are((double[]){ 50, 100, 100 }, 3);
	/* lower: min(100, 100·2/x) for x = 1, 2, 4, 0 (0: the best, 100) */
	reset();
	one("dir=lower norm=target target=2");
	column((double[]){ 1, 2, 4, 0 }, 4);
	compute_ok();
	norms_are((double[]){ 100, 100, 50, 100 }, 4);
}

/* Ratio and target assume positive data (OECD/JRC Handbook): on negative
 * values 100·b/x with b = 20 gives a: -2 → -1000 and b: -40 → -50, so the
 * lowest value (a, the best when lower is better) would rank last. Refused,
 * naming the entity and the indicator, in both directions. */
static void test_negative_refused(void **state)
{
	static const char *const forms[] = {
		"dir=lower norm=ratio benchmark=20", "dir=higher norm=ratio benchmark=20",
		"dir=lower norm=ratio benchmark=mean", "dir=lower norm=target target=2",
		"dir=higher norm=target target=2",
	};
	(void)state;
	for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
		reset();
		one(forms[i]);
		column((double[]){ 5, -40, 10 }, 3);
		compute_fails("t.scheme:3: indicator x: norm=");
		compute_fails("needs values of 0 or more");
		compute_fails("entity b has -40.0000");
	}
	/* minmax takes them: 100(max − x)/(max − min) */
	reset();
	one("dir=lower norm=minmax");
	column((double[]){ 5, -40, 10 }, 3);
	compute_ok();
	norms_are((double[]){ 10, 100, 0 }, 3);
}

static void test_goalposts(void **state)
{
	(void)state;
	/* clamp(100(x − 10)/50, 0, 100) */
	one("dir=higher norm=goalposts lo=10 hi=60");
	column((double[]){ 0, 10, 35, 60, 70 }, 5);
	compute_ok();
	norms_are((double[]){ 0, 0, 50, 100, 100 }, 5);
	one("dir=lower norm=goalposts lo=10 hi=60");
	compute_ok();
	norms_are((double[]){ 100, 100, 50, 0, 0 }, 5);
}

static void test_winsor(void **state)
{
	(void)state;
	/* 1, 2, 3, 4, 100 at P = 25: positions 4·0.25 = 1 and 4·0.75 = 3 → 2 and 4;
	 * clipped 2, 2, 3, 4, 4; minmax 0, 0, 50, 100, 100 */
	one("dir=higher norm=minmax winsor=25");
	column((double[]){ 1, 2, 3, 4, 100 }, 5);
	compute_ok();
	norms_are((double[]){ 0, 0, 50, 100, 100 }, 5);
	assert_near(F.r.used[0], 2);
	assert_near(F.r.used[4], 4);
	assert_near(F.r.raw[4], 100);
	/* P = 10: positions 0.4 and 3.6 (interpolated): 1 + 0.4·1 = 1.4 and
	 * 4 + 0.6·96 = 61.6; minmax of 1.4, 2, 3, 4, 61.6 over 60.2 */
	one("dir=higher norm=minmax winsor=10");
	compute_ok();
	assert_near(F.r.used[0], 1.4);
	assert_near(F.r.used[4], 61.6);
	assert_near(NORM(1, 0), 100 * 0.6 / 60.2);
}

static void test_divide_by_zero(void **state)
{
	(void)state;
	one("dir=higher norm=minmax");
	column((double[]){ 5, 5, 5 }, 3);
	compute_fails("t.scheme:3: indicator x: minmax divides by zero: every entity has the "
	              "value 5 (3 rated)");
	one("dir=lower norm=zscore");
	compute_fails("t.scheme:3: indicator x: zscore divides by zero: every entity has the "
	              "value 5");
	reset();
	one("dir=higher norm=rank");
	column((double[]){ 7 }, 1);
	compute_fails("t.scheme:3: indicator x: rank divides by zero: only one rated entity (a) "
	              "has a value");
	reset();
	one("dir=higher norm=ratio benchmark=mean");
	column((double[]){ 0, 0 }, 2);   /* (negative values are refused before) */
	compute_fails("t.scheme:3: indicator x: ratio divides by zero: the benchmark (mean of 2 "
	              "rated) is 0");
}

/* ---- aggregation, contributions, missing data ---- */

/* a (60, arithmetic) = {x 50, y 50}; b (40, geometric) = {z 25, w 75};
 * values are their own normalised values (goalposts 0-100). */
#define TREE \
	"scheme t\nversion 1\n%s\n" \
	"pillar a weight=60\n" \
	"indicator x parent=a weight=50 source=x dir=higher norm=goalposts lo=0 hi=100\n" \
	"indicator y parent=a weight=50 source=y dir=higher norm=goalposts lo=0 hi=100\n" \
	"pillar b weight=40 agg=geometric\n" \
	"indicator z parent=b weight=25 source=z dir=higher norm=goalposts lo=0 hi=100\n" \
	"indicator w parent=b weight=75 source=w dir=higher norm=goalposts lo=0 hi=100\n"

static void tree(const char *line3)
{
	char buf[1024];
	snprintf(buf, sizeof buf, TREE, line3);
	scheme(buf);
}

static void contributions_add_up(void)
{
	for (size_t e = 0; e < F.n; e++) {
		if (F.r.ent[e].status != AS_RATED)
			continue;
		double sum = 0;
		for (size_t j = 0; j < F.s.n_leaves; j++)
			if (!isnan(F.r.contrib[e * F.s.n_leaves + j]))
				sum += F.r.contrib[e * F.s.n_leaves + j];
		assert_near(sum, F.r.ent[e].score);
	}
}

static void test_aggregation(void **state)
{
	(void)state;
	tree("# arithmetic root");
	entity("e", NULL, (double[]){ 80, 40, 16, 81 });
	compute_ok();
	/* a = 60; b = 16^0.25 · 81^0.75 = 2 · 27 = 54; score 0.6·60 + 0.4·54 = 57.6 */
	int a = as_scheme_find(&F.s, "a"), b = as_scheme_find(&F.s, "b");
	assert_near(F.r.node_score[a], 60);
	assert_near(F.r.node_score[b], 54);
	assert_near(F.r.ent[0].score, 57.6);
	assert_int_equal(F.r.ent[0].published, 5760);
	/* contributions: x 0.6·0.5·80 = 24, y 12; b's 21.6 split by w·ln s:
	 * z 21.6·ln 2/ln 54, w 21.6·3 ln 3/ln 54 */
	assert_near(F.r.contrib[0], 24);
	assert_near(F.r.contrib[1], 12);
	assert_near(F.r.contrib[2], 21.6 * log(2) / log(54));
	assert_near(F.r.contrib[3], 21.6 * 3 * log(3) / log(54));
	assert_near(F.r.node_contrib[a], 36);
	assert_near(F.r.node_contrib[b], 21.6);
	contributions_add_up();
	/* a geometric root: 60^0.6 · 54^0.4 */
	tree("aggregate geometric");
	compute_ok();
	assert_near(F.r.ent[0].score, pow(60, 0.6) * pow(54, 0.4));
	contributions_add_up();
	char buf[32];
	as_format_score(&F.r, 0, buf, sizeof buf);
	assert_string_equal(buf, "57.52");   /* 57.5239... */
}

static void test_geometric_zero(void **state)
{
	(void)state;
	tree("# line 3");
	entity("e", NULL, (double[]){ 80, 40, 0, 81 });
	compute_fails("t.scheme:7: entity e: pillar b is a geometric mean but its child z has the "
	              "score 0: expected scores > 0");
	tree("aggregate geometric");
	F.v[2] = 16, F.v[0] = 0, F.v[1] = 0;
	compute_fails("t.scheme:3: entity e: the total (aggregate geometric) is a geometric mean "
	              "but its child a has the score 0");
}

static void test_reweight_and_min_data(void **state)
{
	(void)state;
	/* y missing: its weight goes to x, so a = 80; 0.6·80 + 0.4·54 = 69.6.
	 * The weight present is 1 − 0.6·0.5 = 70%. */
	tree("min_data 70");
	entity("e", NULL, (double[]){ 80, NAN, 16, 81 });
	entity("f", NULL, (double[]){ 50, 50, 16, 81 });
	compute_ok();
	assert_int_equal(F.r.ent[0].status, AS_RATED);
	assert_near(F.r.ent[0].coverage, 70);
	assert_near(F.r.ent[0].score, 69.6);
	assert_true(isnan(F.r.norm[1]));
	assert_true(isnan(F.r.contrib[1]));
	assert_false(F.r.imputed[1]);
	assert_near(F.r.contrib[0], 48);   /* 0.6 · 1 · 80 */
	contributions_add_up();
	/* 70% < 80%: 数据不足, class T, not ranked */
	tree("min_data 80");
	compute_ok();
	assert_int_equal(F.r.ent[0].status, AS_DATA_SHORT);
	assert_string_equal(F.r.ent[0].class_name, "T");
	assert_int_equal(F.r.ent[0].rank, 0);
	assert_string_equal(F.r.ent[0].reason,
	                    "数据不足 (70.0% of the weight present, 80% required)");
	assert_int_equal(F.r.n_ranked, 1);
	assert_int_equal(F.r.order[1], 0);
	/* the raw value is still shown; nothing normalised */
	assert_near(F.r.raw[0], 80);
	assert_true(isnan(F.r.norm[0]));
	/* the default (100): any gap is short */
	tree("# min_data 100");
	compute_ok();
	assert_int_equal(F.r.ent[0].status, AS_DATA_SHORT);
	/* nobody left */
	F.p[4 + 1] = 0;
	compute_fails("t.scheme: no entity can be rated: all 2 are excluded or short of data");
}

/* x (50), y (50): entity d has no x; an excluded entity's 1000 is not used. */
static void impute(const char *how)
{
	char buf[512];
	snprintf(buf, sizeof buf, "scheme t\nversion 1\nmin_data 50\nimpute %s\n"
	         "exclude z reason=\"excluded\"\n"
	         "indicator x weight=50 source=x dir=higher norm=goalposts lo=0 hi=100\n"
	         "indicator y weight=50 source=y dir=higher norm=goalposts lo=0 hi=100\n", how);
	reset();
	scheme(buf);
	entity("a", NULL, (double[]){ 10, 50 });
	entity("b", NULL, (double[]){ 20, 50 });
	entity("c", NULL, (double[]){ 60, 50 });
	entity("d", NULL, (double[]){ NAN, 40 });
	entity("z", NULL, (double[]){ 1000, 50 });
	compute_ok();
}

static void test_imputation(void **state)
{
	(void)state;
	/* mean of 10, 20, 60 = 30: d = 0.5·30 + 0.5·40 = 35 */
	impute("mean");
	assert_near(F.r.raw[3 * 2], 30);
	assert_true(F.r.imputed[3 * 2]);
	assert_false(F.r.imputed[0]);
	assert_near(F.r.ent[3].score, 35);
	assert_near(F.r.ent[3].coverage, 50);   /* before imputation */
	contributions_add_up();
	/* median 20: 30 */
	impute("median");
	assert_near(F.r.raw[3 * 2], 20);
	assert_near(F.r.ent[3].score, 30);
	/* min 10: 25 */
	impute("min");
	assert_near(F.r.raw[3 * 2], 10);
	assert_near(F.r.ent[3].score, 25);
	/* none: reweighted to y alone: 40 */
	impute("none");
	assert_true(isnan(F.r.raw[3 * 2]));
	assert_false(F.r.imputed[3 * 2]);
	assert_near(F.r.ent[3].score, 40);
}

/* ---- exclusions, disqualification, ranks, classes ---- */

static void test_exclusion(void **state)
{
	(void)state;
	scheme("scheme t\nversion 1\nexclude industry=D44 reason=\"公用事业\"\n"
	       "exclude d reason=\"投产不满两年\"\n"
	       "indicator x weight=100 source=x dir=higher norm=minmax\n");
	entity("a", "C3511", (double[]){ 10 });
	entity("b", "D4411", (double[]){ 20 });
	entity("c", NULL, (double[]){ 30 });
	entity("d", "C39", (double[]){ 40 });
	entity("e", "D4", (double[]){ 50 });   /* "D4" does not start with "D44" */
	compute_ok();
	/* minmax over a, c, e only: 10 → 0, 30 → 50, 50 → 100 */
	assert_near(NORM(0, 0), 0);
	assert_near(NORM(2, 0), 50);
	assert_near(NORM(4, 0), 100);
	assert_int_equal(F.r.ent[1].status, AS_EXCLUDED);
	assert_string_equal(F.r.ent[1].reason, "公用事业");
	assert_int_equal(F.r.ent[1].line, 3);
	assert_string_equal(F.r.ent[1].class_name, "T");
	assert_int_equal(F.r.ent[1].class_ix, -1);
	assert_int_equal(F.r.ent[1].rank, 0);
	assert_true(isnan(NORM(1, 0)));
	assert_int_equal(F.r.ent[3].status, AS_EXCLUDED);
	assert_string_equal(F.r.ent[3].reason, "投产不满两年");
	assert_int_equal(F.r.ent[3].line, 4);
	/* ranked first (e, c, a), then the unranked by code (b, d) */
	assert_int_equal(F.r.n_ranked, 3);
	size_t want[] = { 4, 2, 0, 1, 3 };
	for (size_t i = 0; i < 5; i++)
		assert_int_equal(F.r.order[i], want[i]);
	assert_int_equal(F.r.ent[4].rank, 1);
	assert_null(F.r.ent[4].class_name);   /* no classes statement */
}

static void test_disqualification(void **state)
{
	(void)state;
	scheme("scheme t\nversion 1\nclasses percentile A=40 B=30 C=30\n"
	       "disqualify a reason=\"重大安全生产事故\"\n"
	       "indicator x weight=100 source=x dir=higher norm=goalposts lo=0 hi=100\n");
	column((double[]){ 90, 80, 70 }, 3);
	compute_ok();
	/* a has the best score but comes last; n = 3: A r ≤ 1.2, B r ≤ 2.1, C */
	assert_int_equal(F.r.ent[0].rank, 3);
	assert_true(F.r.ent[0].disqualified);
	assert_string_equal(F.r.ent[0].reason, "重大安全生产事故");
	assert_int_equal(F.r.ent[0].line, 4);
	assert_string_equal(F.r.ent[0].class_name, "C");
	assert_int_equal(F.r.ent[1].rank, 1);
	assert_string_equal(F.r.ent[1].class_name, "A");
	assert_int_equal(F.r.ent[2].rank, 2);
	assert_string_equal(F.r.ent[2].class_name, "B");
	assert_int_equal(F.r.n_rated_clean, 2);
	/* two disqualified: after the others, between them by score */
	scheme("scheme t\nversion 1\nclasses percentile A=40 B=30 C=30\n"
	       "disqualify c reason=r1\ndisqualify a reason=r2\n"
	       "indicator x weight=100 source=x dir=higher norm=goalposts lo=0 hi=100\n");
	compute_ok();
	assert_int_equal(F.r.ent[1].rank, 1);
	assert_int_equal(F.r.ent[0].rank, 2);
	assert_int_equal(F.r.ent[2].rank, 3);
	assert_string_equal(F.r.ent[0].class_name, "C");   /* disqualified: the last class */
}

static void test_ties(void **state)
{
	(void)state;
	/* published at 2 decimals: 90.00, 80.00, 80.00, 70.00 → 1, 2, 2, 4; the tied
	 * pair listed by code (b before c); A=50 B=50 of 4: A when 100r ≤ 200, so the
	 * tied rank 2 is A for both (three As), rank 4 is B */
	scheme("scheme t\nversion 1\nclasses percentile A=50 B=50\n"
	       "indicator x weight=100 source=x dir=higher norm=goalposts lo=0 hi=100\n");
	entity("d", NULL, (double[]){ 90 });
	entity("c", NULL, (double[]){ 80.004 });
	entity("b", NULL, (double[]){ 80.001 });
	entity("a", NULL, (double[]){ 70 });
	compute_ok();
	assert_int_equal(F.r.ent[0].rank, 1);
	assert_int_equal(F.r.ent[1].rank, 2);
	assert_int_equal(F.r.ent[2].rank, 2);
	assert_int_equal(F.r.ent[3].rank, 4);
	assert_int_equal(F.r.order[1], 2);   /* b */
	assert_int_equal(F.r.order[2], 1);   /* c */
	assert_string_equal(F.r.ent[1].class_name, "A");
	assert_string_equal(F.r.ent[2].class_name, "A");
	assert_string_equal(F.r.ent[3].class_name, "B");
	/* at 3 decimals they are no longer tied */
	scheme("scheme t\nversion 1\ndecimals 3\nclasses percentile A=50 B=50\n"
	       "indicator x weight=100 source=x dir=higher norm=goalposts lo=0 hi=100\n");
	compute_ok();
	assert_int_equal(F.r.ent[1].rank, 2);
	assert_int_equal(F.r.ent[2].rank, 3);
	assert_string_equal(F.r.ent[2].class_name, "B");
}

/* n entities e01.. with values n, n−1, ... 1 (e01 ranks 1); count the classes. */
static void percentile_counts(size_t n, const int *want)
{
	reset();
	scheme("scheme t\nversion 1\nclasses percentile A=20 B=40 C=35 D=5\n"
	       "indicator x weight=100 source=x dir=higher norm=goalposts lo=0 hi=100\n");
	for (size_t i = 0; i < n; i++) {
		char code[8];
		snprintf(code, sizeof code, "e%02zu", i + 1);
		entity(code, NULL, (double[]){ (double)(n - i) });
	}
	compute_ok();
	int got[4] = { 0 };
	for (size_t e = 0; e < n; e++) {
		assert_int_equal(F.r.ent[e].rank, (int)e + 1);
		got[F.r.ent[e].class_ix]++;
	}
	for (int c = 0; c < 4; c++)
		assert_int_equal(got[c], want[c]);
}

static void test_percentile_classes(void **state)
{
	(void)state;
	/* n = 20: A 100r ≤ 20·20 → r ≤ 4; B ≤ 60·20 → 12; C ≤ 95·20 → 19; D 20 */
	percentile_counts(20, (int[]){ 4, 8, 7, 1 });
	/* n = 7: A 100r ≤ 140 → 1; B ≤ 420 → 4; C ≤ 665 → 6; D 7 */
	percentile_counts(7, (int[]){ 1, 3, 2, 1 });
	assert_string_equal(F.r.ent[6].class_name, "D");
	/* n = 1: A (100 ≤ 20 fails ... C 100 ≤ 95 fails) → D */
	percentile_counts(1, (int[]){ 0, 0, 0, 1 });
}

static void test_threshold_classes(void **state)
{
	(void)state;
	/* the first class whose threshold ≤ the published score; 89.995 publishes
	 * as 90.00 (half away from zero) and is an A; 74.99 a C */
	scheme("scheme t\nversion 1\nclasses threshold A=90 B=75 C=60 D=0\n"
	       "indicator x weight=100 source=x dir=higher norm=goalposts lo=0 hi=100\n");
	column((double[]){ 95, 90, 89.995, 75, 74.99, 60, 10 }, 7);
	compute_ok();
	const char *want[] = { "A", "A", "A", "B", "C", "C", "D" };
	for (size_t e = 0; e < 7; e++)
		assert_string_equal(F.r.ent[e].class_name, want[e]);
	assert_int_equal(F.r.ent[2].published, 9000);
	assert_int_equal(F.r.ent[1].rank, 2);
	assert_int_equal(F.r.ent[2].rank, 2);   /* tied with 90.00 */
}

static void test_publish(void **state)
{
	(void)state;
	assert_int_equal(as_publish(2.675, 2), 268);    /* 267.4999... in binary: a half */
	assert_int_equal(as_publish(-2.675, 2), -268);
	assert_int_equal(as_publish(1.005, 2), 101);
	assert_int_equal(as_publish(1.004, 2), 100);
	assert_int_equal(as_publish(0.5, 0), 1);
	assert_int_equal(as_publish(-0.5, 0), -1);
	assert_int_equal(as_publish(82.3449, 2), 8234);
	assert_int_equal(as_publish(12.34567, 4), 123457);
}

static void test_input_errors(void **state)
{
	(void)state;
	one("dir=higher norm=minmax");
	column((double[]){ 1, 2 }, 2);
	snprintf(F.codes[1], sizeof F.codes[1], "a");
	compute_fails("t.scheme: entity a given twice");
	F.codes[1][0] = 0;
	compute_fails("t.scheme: entity #2 has no code");
	F.codes[1][0] = 'b';
	F.v[1] = INFINITY;
	compute_fails("t.scheme:3: entity b: indicator x: value inf: expected a finite number");
	F.v[1] = 2;
	F.p[0] = F.p[1] = 0;
	compute_fails("no entity can be rated");
	F.n = 0;
	compute_fails("t.scheme: no entities to rate");
	/* an indicator that no rated entity has: its line */
	reset();
	scheme("scheme t\nversion 1\nmin_data 50\n"
	       "indicator x weight=50 source=x dir=higher norm=minmax\n"
	       "indicator y weight=50 source=y dir=higher norm=minmax\n");
	entity("a", NULL, (double[]){ 1, NAN });
	entity("b", NULL, (double[]){ 2, NAN });
	compute_fails("t.scheme:5: indicator y: no rated entity has a value: expected at least one");
}

/* ---- the independent check ---- */

static const char indep_scheme[] =
	"scheme indep\nversion 1\nmin_data 80\n"
	"classes percentile A=20 B=40 C=35 D=5\n"
	"exclude industry=D44 reason=\"公用事业\"\n"
	"disqualify e05 reason=\"重大安全生产事故\"\n"
	"sensitivity weights=20\n"
	"pillar econ weight=55\n"
	"indicator i1 parent=econ weight=40 source=i1 dir=higher norm=minmax winsor=10\n"
	"indicator i2 parent=econ weight=35 source=i2 dir=lower norm=minmax\n"
	"indicator i3 parent=econ weight=25 source=i3 dir=higher norm=rank\n"
	"pillar green weight=45 agg=geometric\n"
	"indicator i4 parent=green weight=50 source=i4 dir=higher norm=ratio benchmark=median "
	"cap=150\n"
	"indicator i5 parent=green weight=30 source=i5 dir=lower norm=target target=2\n"
	"indicator i6 parent=green weight=20 source=i6 dir=higher norm=goalposts lo=10 hi=60\n";

static void indep_input(void)
{
	static const struct {
		const char *code, *industry;
		double v[6];
	} rows[] = {
		{ "e01", "C35", { 120, 8, 5, 40, 1.5, 55 } },
		{ "e02", "C35", { 95, 6.5, 7, 55, 2.5, 30 } },
		{ "e03", "C36", { 300, 12, 7, 25, 1, 45 } },
		{ "e04", "C35", { 60, 4, 3, 70, 4, 20 } },
		{ "e05", "C35", { 150, 5, 9, 60, 1.8, 58 } },
		{ "e06", "C39", { 80, 9.5, 2, 35, 3, 12 } },
		{ "e07", "C35", { 110, NAN, 6, 45, 2, 40 } },
		{ "e08", "C35", { 45, 7, 4, 90, 2.2, 65 } },
		{ "e09", "C35", { 130, 3, 8, 50, 5, 25 } },
		{ "e10", "C35", { 70, 10, 1, 30, 1.2, 35 } },
		{ "e11", "C35", { 100, 6, 5, NAN, NAN, 50 } },
		{ "e12", "D4420", { 90, 5.5, 6, 40, 2, 30 } },
	};
	scheme(indep_scheme);
	for (size_t i = 0; i < 12; i++)
		entity(rows[i].code, rows[i].industry, rows[i].v);
	compute_ok();
}

static void test_independent(void **state)
{
	(void)state;
	/* Printed by python3 tests/tools/assess_expect.py (an independent computation
	 * from docs/assess.md): code, score, published ×100, rank, class, in rank
	 * order; e11 is short of data (64% < 80%), e12 excluded (industry D44). */
	static const struct {
		const char *code;
		double score;
		int64_t published;
		int rank;
		const char *cls;
	} want[] = {
		{ "e09", 73.809394470, 7381, 1, "A" },
		{ "e08", 68.837749341, 6884, 2, "A" },
		{ "e01", 67.804659240, 6780, 3, "B" },
		{ "e07", 67.665024703, 6767, 4, "B" },
		{ "e02", 66.938230856, 6694, 5, "B" },
		{ "e03", 62.329277247, 6233, 6, "B" },
		{ "e04", 52.636206613, 5264, 7, "C" },
		{ "e10", 37.786319150, 3779, 8, "C" },
		{ "e06", 29.283677952, 2928, 9, "C" },
		{ "e05", 97.788025891, 9779, 10, "D" },
	};
	indep_input();
	assert_int_equal(F.r.n_ranked, 10);
	for (size_t i = 0; i < 10; i++) {
		size_t e = F.r.order[i];
		assert_string_equal(F.ents[e].code, want[i].code);
		if (fabs(F.r.ent[e].score - want[i].score) > 1e-8)
			fail_msg("%s: score %.12f, expected %.9f", want[i].code, F.r.ent[e].score,
			         want[i].score);
		assert_int_equal(F.r.ent[e].published, want[i].published);
		assert_int_equal(F.r.ent[e].rank, want[i].rank);
		assert_string_equal(F.r.ent[e].class_name, want[i].cls);
	}
	assert_int_equal(F.r.ent[10].status, AS_DATA_SHORT);
	assert_near(F.r.ent[10].coverage, 64);
	assert_int_equal(F.r.ent[11].status, AS_EXCLUDED);
	assert_int_equal(F.r.order[10], 11);   /* excluded before data-short */
	assert_int_equal(F.r.order[11], 10);
	contributions_add_up();
	/* pillar contributions add up to the score too */
	int econ = as_scheme_find(&F.s, "econ"), green = as_scheme_find(&F.s, "green");
	for (size_t i = 0; i < 10; i++) {
		size_t e = F.r.order[i];
		assert_near(F.r.node_contrib[e * F.s.n_nodes + (size_t)econ] +
		            F.r.node_contrib[e * F.s.n_nodes + (size_t)green], F.r.ent[e].score);
	}
}

/* ---- explain and rules ---- */

static void test_explain(void **state)
{
	(void)state;
	/* weights 50/30/20, values are the normalised values: a = 45 + 3 + 10 = 58,
	 * b = 60, c = 15 + 27 + 8 = 50; ranks b, a, c; leader b, median a */
	scheme("scheme t\nversion 1\n"
	       "indicator x name=\"亩均税收\" weight=50 source=x dir=higher norm=goalposts lo=0 hi=100\n"
	       "indicator y name=\"专利\" weight=30 source=y dir=higher norm=goalposts lo=0 hi=100\n"
	       "indicator z weight=20 source=z dir=higher norm=goalposts lo=0 hi=100\n");
	entity("a", NULL, (double[]){ 90, 10, 50 });
	entity("b", NULL, (double[]){ 60, 60, 60 });
	entity("c", NULL, (double[]){ 30, 90, 40 });
	F.ents[2].name = "丙区";
	compute_ok();
	struct as_explain x;
	struct kfq_err err = { 0 };
	assert_int_equal(as_explain(&F.s, &F.in, &F.r, 2, &x, &err), 0);
	assert_int_equal(x.leader, 1);
	assert_int_equal(x.median, 0);
	/* gaps: x 0.5(30 − 90) = −30, y 0.3(90 − 10) = 24, z 0.2(40 − 50) = −2 */
	assert_near(x.items[0].gap, -30);
	assert_near(x.items[1].gap, 24);
	assert_near(x.items[2].gap, -2);
	assert_near(x.items[1].leader_norm, 60);
	assert_near(x.items[1].median_norm, 10);
	assert_near(x.items[0].contrib, 15);
	assert_int_equal(x.n_strongest, 1);
	assert_int_equal(x.strongest[0], 1);
	assert_int_equal(x.n_weakest, 2);
	assert_int_equal(x.weakest[0], 0);
	assert_int_equal(x.weakest[1], 2);
	assert_string_equal(x.sentence_en,
	                    "丙区 ranks 3 of 3 (score 50.00): strongest 专利 (90.0 vs median 10.0, "
	                    "leader 60.0); weakest 亩均税收 (30.0 vs median 90.0, leader 60.0), "
	                    "z (40.0 vs median 50.0, leader 60.0).");
	assert_string_equal(x.sentence_zh,
	                    "丙区在3个参评对象中排名第3（得分50.00）：优势指标专利（90.0，中位数10.0，"
	                    "第一名60.0）；弱项指标亩均税收（30.0，中位数90.0，第一名60.0）、z（40.0，"
	                    "中位数50.0，第一名60.0）。");
	as_explain_release(&x);
	/* the median entity itself: nothing above or below the median, so its
	 * weakest are where it is furthest behind the leader */
	assert_int_equal(as_explain(&F.s, &F.in, &F.r, 0, &x, &err), 0);
	assert_int_equal(x.n_strongest, 0);
	assert_non_null(strstr(x.sentence_en, "strongest none (no indicator above the median"));
	/* lgap: 专利 0.3(10 − 60) = −15, z 0.2(50 − 60) = −2; x is ahead (+30) */
	assert_int_equal(x.weakest_vs_leader, 1);
	assert_int_equal(x.n_weakest, 2);
	assert_int_equal(x.weakest[0], 1);
	assert_int_equal(x.weakest[1], 2);
	assert_near(x.items[1].lgap, -15);
	assert_string_equal(x.sentence_en,
	                    "a ranks 2 of 3 (score 58.00): strongest none (no indicator above the "
	                    "median entity); furthest behind the leader 专利 (10.0 vs median 10.0, "
	                    "leader 60.0), z (50.0 vs median 50.0, leader 60.0).");
	assert_non_null(strstr(x.sentence_zh, "；与第一名差距最大的指标专利（10.0，"));
	/* the published contributions add up to the published score exactly */
	{
		int64_t sum = 0;
		for (size_t i = 0; i < x.n_items; i++)
			sum += x.items[i].contrib_pub;
		assert_int_equal(sum, F.r.ent[0].published);
		assert_int_equal(sum, 5800);
	}
	as_explain_release(&x);
	/* the leader: nobody to be behind */
	assert_int_equal(as_explain(&F.s, &F.in, &F.r, 1, &x, &err), 0);
	assert_int_equal(x.weakest_vs_leader, 0);
	as_explain_release(&x);
	assert_int_equal(as_explain(&F.s, &F.in, &F.r, 3, &x, &err), -1);
	assert_err_has(&err, "out of range");
	/* an entity not ranked: the reason */
	reset();
	indep_input();
	assert_int_equal(as_explain(&F.s, &F.in, &F.r, 11, &x, &err), 0);
	assert_string_equal(x.sentence_en, "e12 is not ranked (class T): 公用事业.");
	assert_string_equal(x.sentence_zh, "e12不参与排名（T类）：公用事业。");
	as_explain_release(&x);
	assert_int_equal(as_explain(&F.s, &F.in, &F.r, 4, &x, &err), 0);
	assert_non_null(strstr(x.sentence_en, "e05 ranks 10 of 10 (class D, score 97.79), placed "
	                       "last for \"重大安全生产事故\": strongest"));
	as_explain_release(&x);
}

static void test_rules(void **state)
{
	(void)state;
	scheme("scheme t\nversion 1\nrule last=2 years=2 reason=\"末两位\"\n"
	       "rule last=1 years=3 reason=\"三年末位\"\n"
	       "indicator x weight=100 source=x dir=higher norm=goalposts lo=0 hi=100\n");
	column((double[]){ 50, 40, 30, 20, 10 }, 5);   /* ranks 1-5 */
	compute_ok();
	/* last year: d was 5th of 5, e 2nd, c absent */
	int last[] = { 1, 3, 0, 5, 2 };
	struct as_period_ranks prev[] = { { last, 5 } };
	struct as_rule_check c;
	struct kfq_err err = { 0 };
	assert_int_equal(as_rules_check(&F.s, &F.r, prev, 1, &c, &err), 0);
	assert_int_equal(c.n_rules, 2);
	assert_true(c.checked[0]);
	assert_false(c.checked[1]);   /* three years need two previous periods */
	assert_int_equal(c.n_breaches, 1);
	assert_int_equal(c.breaches[0].rule, 0);
	assert_int_equal(c.breaches[0].entity, 3);
	as_rule_check_release(&c);
	/* with a second earlier period: e last in all three → the second rule */
	int before[] = { 1, 2, 3, 4, 5 };
	int last2[] = { 1, 2, 3, 4, 5 };
	struct as_period_ranks prev2[] = { { last2, 5 }, { before, 5 } };
	assert_int_equal(as_rules_check(&F.s, &F.r, prev2, 2, &c, &err), 0);
	assert_true(c.checked[1]);
	assert_int_equal(c.n_breaches, 3);   /* rule 0: d (4, 4), e (5, 5); rule 1: e */
	assert_int_equal(c.breaches[0].entity, 3);
	assert_int_equal(c.breaches[1].entity, 4);
	assert_int_equal(c.breaches[2].rule, 1);
	assert_int_equal(c.breaches[2].entity, 4);
	as_rule_check_release(&c);
}

/* ---- Monte Carlo ---- */

static void test_rng(void **state)
{
	(void)state;
	/* Reference values from a Python transcription of splitmix64 and
	 * xoshiro256** (the published algorithms). */
	struct as_rng g;
	as_rng_seed(&g, 1);
	assert_true(g.s[0] == UINT64_C(0x910a2dec89025cc1));
	assert_true(g.s[3] == UINT64_C(0x71c18690ee42c90b));
	assert_true(as_rng_next(&g) == UINT64_C(0xb3f2af6d0fc710c5));
	assert_true(as_rng_next(&g) == UINT64_C(0x853b559647364cea));
	assert_true(as_rng_next(&g) == UINT64_C(0x92f89756082a4514));
	as_rng_seed(&g, 42);
	assert_true(as_rng_next(&g) == UINT64_C(0x15780b2e0c2ec716));
	for (int i = 0; i < 1000; i++) {
		double u = as_rng_uniform(&g);
		assert_true(u >= 0 && u < 1);
	}
}

static struct as_sens_result sens(size_t runs, uint64_t seed)
{
	struct as_sens_result x;
	struct as_sens_opts o = { runs, seed };
	struct kfq_err err = { 0 };
	if (as_sensitivity(&F.s, &F.in, &F.r, &o, &x, &err) != 0)
		fail_msg("as_sensitivity: %s", err.msg);
	return x;
}

static void test_sensitivity(void **state)
{
	(void)state;
	indep_input();
	struct as_sens_result a = sens(1000, 1), b = sens(1000, 1), c = sens(1000, 2);
	assert_int_equal(a.runs, 1000);
	assert_int_equal(a.discarded, 0);
	assert_true(a.weights == 20);
	/* the same seed: identical; another seed: different */
	assert_memory_equal(a.ent, b.ent, a.n_entities * sizeof *a.ent);
	assert_int_equal(a.n_pairs, b.n_pairs);
	if (a.n_pairs)
		assert_memory_equal(a.pairs, b.pairs, a.n_pairs * sizeof *a.pairs);
	assert_memory_not_equal(a.ent, c.ent, a.n_entities * sizeof *a.ent);
	for (size_t i = 0; i < F.r.n_ranked; i++) {
		size_t e = F.r.order[i];
		const struct as_sens_entity *s = &a.ent[e];
		assert_int_equal(s->nominal, F.r.ent[e].rank);
		assert_true(s->p5 <= s->nominal && s->nominal <= s->p95);
		assert_true(s->p5 <= s->median && s->median <= s->p95);
		assert_true(s->share_nominal > 0 && s->share_nominal <= 1);
	}
	/* the disqualified e05 is last in every run */
	assert_int_equal(a.ent[4].p5, 10);
	assert_int_equal(a.ent[4].p95, 10);
	assert_true(a.ent[4].share_nominal == 1);
	/* e01 (67.80) and e07 (67.67) are close: they cannot be told apart;
	 * e05 is always behind e06: that pair is not reported */
	int found = 0;
	for (size_t k = 0; k < a.n_pairs; k++) {
		assert_int_equal(F.r.ent[a.pairs[k].worse].rank, F.r.ent[a.pairs[k].better].rank + 1);
		assert_true(a.pairs[k].ahead < 0.95);
		found |= a.pairs[k].better == 0 && a.pairs[k].worse == 6;
		assert_false(a.pairs[k].worse == 4);
	}
	assert_true(found);
	/* unranked entities have no ranks */
	assert_int_equal(a.ent[10].nominal, 0);
	as_sens_release(&a);
	as_sens_release(&b);
	as_sens_release(&c);
}

static void test_sensitivity_switching(void **state)
{
	(void)state;
	/* z-scores are negative for half the entities: a geometric run is discarded */
	scheme("scheme t\nversion 1\nsensitivity weights=10 norm=minmax,zscore "
	       "agg=arithmetic,geometric\n"
	       "pillar p weight=100\n"
	       "indicator x parent=p weight=50 source=x dir=higher norm=zscore\n"
	       "indicator y parent=p weight=50 source=y dir=higher norm=minmax\n");
	entity("a", NULL, (double[]){ 1, 4 });
	entity("b", NULL, (double[]){ 2, 1 });
	entity("c", NULL, (double[]){ 3, 3 });
	entity("d", NULL, (double[]){ 4, 2 });
	compute_ok();
	struct as_sens_result a = sens(400, 7);
	assert_true(a.discarded > 0);
	assert_true(a.runs > 0);
	assert_int_equal(a.runs + a.discarded, 400);
	assert_int_equal(a.norms, (1u << AS_MINMAX) | (1u << AS_ZSCORE));
	as_sens_release(&a);
	/* only z-scores under geometric means: every run discarded → an error */
	scheme("scheme t\nversion 1\nsensitivity norm=zscore agg=geometric\n"
	       "indicator x weight=50 source=x dir=higher norm=zscore\n"
	       "indicator y weight=50 source=y dir=higher norm=zscore\n");
	compute_ok();
	struct as_sens_opts o = { 50, 1 };
	struct kfq_err err = { 0 };
	assert_int_equal(as_sensitivity(&F.s, &F.in, &F.r, &o, &a, &err), -1);
	assert_err_has(&err, "t.scheme: sensitivity: every one of the 50 runs was discarded");
	/* a switched normalisation that divides by zero names the indicator: x's
	 * values are all equal, fine for rank (50 each), not for minmax */
	scheme("scheme t\nversion 1\nsensitivity norm=minmax,rank\n"
	       "indicator x weight=50 source=x dir=higher norm=rank\n"
	       "indicator y weight=50 source=y dir=higher norm=minmax\n");
	F.v[0] = F.v[2] = F.v[4] = F.v[6] = 3;
	compute_ok();
	assert_near(NORM(0, 0), 50);
	assert_int_equal(as_sensitivity(&F.s, &F.in, &F.r, &o, &a, &err), -1);
	assert_err_has(&err, "sensitivity (norm=minmax): t.scheme:4: indicator x: minmax divides "
	               "by zero: every entity has the value 3");
}

/* Regional weights: region south (line 4) overrides p=40 z=60 and, under p,
 * x=25 y=75; region north has no weights statement (base weights); d has no
 * region (base weights). Base: p 60 (x 50, y 50), z 40.
 * minmax over all four entities together:
 *   x: a 0, b 10, c 5, d 10      → 0, 100, 50, 100
 *   y: a 10, b 0, c 10, d 5      → 100, 0, 100, 50
 *   z: a 0, b 4, c 2.4, d 1      → 0, 100, 60, 25
 * base (a, b, d): score = 0.6·(x/2 + y/2) + 0.4·z
 *   a: p 50, 30 + 0 = 30: contributions x 0, y 0.3·100 = 30, z 0
 *   b: p 50, 30 + 40 = 70: x 30, y 0, z 40
 *   d: p 75, 45 + 10 = 55: x 30, y 15, z 10
 * south (c): p = 0.25·50 + 0.75·100 = 87.5; score = 0.4·87.5 + 0.6·60 = 35 + 36 = 71:
 *   x 0.4·0.25·50 = 5, y 0.4·0.75·100 = 30, z 0.6·60 = 36
 *   (with the base weights c would score 0.6·75 + 0.4·60 = 69, behind b)
 * ranks: c 71, b 70, d 55, a 30. */
#define REGION_SCHEME(sens) \
	"scheme r\nversion 1\nregions group=north,south\n" \
	"weights region=south p=40 z=60 x=25 y=75\n" \
	"pillar p weight=60\n" \
	"indicator x parent=p weight=50 source=x dir=higher norm=minmax\n" \
	"indicator y parent=p weight=50 source=y dir=higher norm=minmax\n" \
	"indicator z weight=40 source=z dir=higher norm=minmax\n" sens

static void region_input(void)
{
	entity("a", NULL, (double[]){ 0, 10, 0 });
	entity("b", NULL, (double[]){ 10, 0, 4 });
	entity("c", NULL, (double[]){ 5, 10, 2.4 });
	entity("d", NULL, (double[]){ 10, 5, 1 });
	F.ents[0].region = "north";
	F.ents[1].region = "north";
	F.ents[2].region = "south";
}

static void test_regions(void **state)
{
	(void)state;
	scheme(REGION_SCHEME(""));
	assert_int_equal(F.s.n_regions, 2);
	assert_int_equal(F.s.regions[0].line, 0);
	assert_int_equal(F.s.regions[1].line, 4);
	region_input();
	compute_ok();
	static const double score[] = { 30, 70, 71, 55 };
	static const double contrib[4][3] = { { 0, 30, 0 }, { 30, 0, 40 }, { 5, 30, 36 },
	                                      { 30, 15, 10 } };
	static const double pillar[] = { 50, 50, 87.5, 75 };
	static const int rank[] = { 4, 2, 1, 3 }, region[] = { 0, 0, 1, -1 };
	for (size_t e = 0; e < 4; e++) {
		assert_near(F.r.ent[e].score, score[e]);
		assert_int_equal(F.r.ent[e].rank, rank[e]);
		assert_int_equal(F.r.ent[e].region, region[e]);
		assert_near(F.r.node_score[e * F.s.n_nodes + 0], pillar[e]);
		for (size_t j = 0; j < 3; j++)
			assert_near(F.r.contrib[e * 3 + j], contrib[e][j]);
	}
	assert_near(NORM(2, 2), 60);
	/* explain c: the shares are south's: x 0.4·0.25, y 0.4·0.75, z 0.6 */
	struct as_explain ex;
	struct kfq_err err = { 0 };
	assert_int_equal(as_explain(&F.s, &F.in, &F.r, 2, &ex, &err), 0);
	assert_near(ex.items[0].share, 0.10);
	assert_near(ex.items[1].share, 0.30);
	assert_near(ex.items[2].share, 0.60);
	as_explain_release(&ex);
	assert_int_equal(as_explain(&F.s, &F.in, &F.r, 3, &ex, &err), 0);
	assert_near(ex.items[2].share, 0.40);
	as_explain_release(&ex);
	/* without regions every entity takes the base weights: c scores 69, 2nd */
	F.ents[0].region = F.ents[1].region = F.ents[2].region = NULL;
	compute_ok();
	assert_near(F.r.ent[2].score, 69);
	assert_int_equal(F.r.ent[2].rank, 2);
	/* a region the scheme does not have */
	F.ents[1].region = "east";
	compute_fails("t.scheme: entity b: region \"east\": not one of the scheme's regions");
}

/* min_data with the entity's weights: z missing leaves 60% of the base
 * weight but only 40% of south's; min_data 50. */
static void test_regions_min_data(void **state)
{
	(void)state;
	scheme(REGION_SCHEME("min_data 50\n"));
	region_input();
	entity("e", NULL, (double[]){ 1, 1, NAN });
	entity("f", NULL, (double[]){ 1, 1, NAN });
	F.ents[4].region = "south";
	F.ents[5].region = "north";
	compute_ok();
	assert_int_equal(F.r.ent[4].status, AS_DATA_SHORT);
	assert_near(F.r.ent[4].coverage, 40);
	assert_int_equal(F.r.ent[5].status, AS_RATED);
	assert_near(F.r.ent[5].coverage, 60);
}

/* The Monte Carlo uses each entity's regional weights: with weights=0 every
 * run is the nominal ranking (c 1st only with south's weights); the same
 * seed gives the same output with ±20%. */
static void test_regions_sensitivity(void **state)
{
	(void)state;
	scheme(REGION_SCHEME("sensitivity weights=0\n"));
	region_input();
	compute_ok();
	struct as_sens_result a = sens(50, 1);
	for (size_t e = 0; e < 4; e++) {
		assert_int_equal(a.ent[e].median, F.r.ent[e].rank);
		assert_true(a.ent[e].share_nominal == 1);
	}
	as_sens_release(&a);
	scheme(REGION_SCHEME("sensitivity weights=20 norm=minmax,rank agg=arithmetic,geometric\n"));
	compute_ok();
	struct as_sens_result b = sens(500, 3), c = sens(500, 3);
	assert_int_equal(b.runs + b.discarded, 500);
	assert_memory_equal(b.ent, c.ent, b.n_entities * sizeof *b.ent);
	assert_int_equal(b.n_pairs, c.n_pairs);
	if (b.n_pairs)
		assert_memory_equal(b.pairs, c.pairs, b.n_pairs * sizeof *b.pairs);
	as_sens_release(&b);
	as_sens_release(&c);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_minmax),
		T(test_zscore),
		T(test_rank),
		T(test_ratio),
		T(test_negative_refused),
		T(test_target),
		T(test_goalposts),
		T(test_winsor),
		T(test_divide_by_zero),
		T(test_aggregation),
		T(test_geometric_zero),
		T(test_reweight_and_min_data),
		T(test_imputation),
		T(test_exclusion),
		T(test_disqualification),
		T(test_ties),
		T(test_percentile_classes),
		T(test_threshold_classes),
		T(test_publish),
		T(test_input_errors),
		T(test_independent),
		T(test_explain),
		T(test_rules),
		T(test_rng),
		T(test_sensitivity),
		T(test_sensitivity_switching),
		T(test_regions),
		T(test_regions_min_data),
		T(test_regions_sensitivity),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
