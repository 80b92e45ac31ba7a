/* test_scheme.c: unit tests for assessment schemes (assess/scheme.c): every
 * statement and key read into the struct, the documented example
 * (docs/examples/zones.scheme) parsed, and every bad scheme refused with a
 * message that names the file, the line, the value and what was expected. */
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "assess/scheme.h"

/* A scheme header that every test below starts with (lines 1-2). */
#define HEAD "scheme t\nversion 1\n"

static struct as_scheme parse_ok(const char *text)
{
	struct as_scheme s;
	struct kfq_err err = { 0 };
	if (as_scheme_parse(text, strlen(text), "t.scheme", &s, &err) != 0)
		fail_msg("as_scheme_parse: %s", err.msg);
	return s;
}

/* Parsing must fail with a user error containing `needle` (which should
 * name the line: "t.scheme:N:"). */
#define parse_fails(text, needle) do { \
	struct as_scheme s_; \
	struct kfq_err err_ = { 0 }; \
	const char *t_ = (text); \
	assert_int_equal(as_scheme_parse(t_, strlen(t_), "t.scheme", &s_, &err_), -1); \
	assert_int_equal(err_.kind, KFQ_EUSER); \
	assert_err_has(&err_, needle); \
	assert_null(s_.nodes); \
	as_scheme_release(&s_); \
} while (0)

static void test_every_statement(void **state)
{
	(void)state;
	struct as_scheme s = parse_ok(
		"# a comment line\n"
		"scheme jiangsu_zones   # trailing comment\n"
		"version 2017.1\n"
		"name \"江苏省 \\\"综合\\\" 考核\"\n"
		"entities kind=zone under=jiangsu also=danyang,kunshan\n"
		"decimals 3\n"
		"aggregate geometric\n"
		"\n"
		"min_data 80.5\n"
		"impute median\n"
		"classes percentile A=20 B=40 C=35 D=5\n"
		"exclude industry=D44 reason=\"公用事业\"\n"
		"exclude E0412 reason=投产不满两年\n"
		"disqualify z17 reason=\"重大安全生产事故\"\n"
		"rule last=2 years=2 reason=\"连续两年末两位\"\n"
		"sensitivity weights=15 norm=minmax,rank agg=arithmetic,geometric\n"
		"pillar economy name=\"经济发展\" weight=25 agg=geometric\n"
		"indicator gdp_growth parent=growth weight=50 source=zone_gdp_growth dir=higher "
		"norm=minmax winsor=5\n"
		"pillar growth parent=economy name=增长 weight=40\n"
		"indicator tax_growth parent=growth weight=50 source=\"tax + fee\" dir=lower "
		"norm=target target=12.5\n"
		"indicator tax_per_mu parent=economy weight=60 source=tax_paid per=unit.land_mu "
		"dir=higher norm=ratio benchmark=mean cap=200\n"
		"pillar green weight=75\n"
		"indicator energy parent=green weight=30 source=energy dir=lower norm=goalposts "
		"lo=0.2 hi=1.5\n"
		"indicator z parent=green weight=30 source=z dir=higher norm=zscore\n"
		"indicator r parent=green weight=20 source=r dir=higher norm=rank\n"
		"indicator b parent=green weight=10 source=b dir=higher norm=ratio benchmark=80\n"
		"indicator m parent=green weight=10 source=m dir=higher norm=ratio benchmark=median\n");
	assert_string_equal(s.file, "t.scheme");
	assert_string_equal(s.code, "jiangsu_zones");
	assert_int_equal(s.code_line, 2);
	assert_string_equal(s.version, "2017.1");
	assert_int_equal(s.version_line, 3);
	assert_string_equal(s.name, "江苏省 \"综合\" 考核");
	assert_string_equal(s.entities.kind, "zone");
	assert_string_equal(s.entities.under, "jiangsu");
	assert_int_equal(s.entities.n_also, 2);
	assert_string_equal(s.entities.also[1], "kunshan");
	assert_int_equal(s.entities.line, 5);
	assert_int_equal(s.decimals, 3);
	assert_int_equal(s.aggregate, AS_GEOMETRIC);
	assert_int_equal(s.aggregate_line, 7);
	assert_int_equal(s.min_data, 805000);
	assert_int_equal(s.impute, AS_IMPUTE_MEDIAN);
	assert_int_equal(s.class_rule, AS_CLASSES_PERCENTILE);
	assert_int_equal(s.n_classes, 4);
	assert_string_equal(s.classes[2].name, "C");
	assert_int_equal(s.classes[2].value, 350000);
	assert_int_equal(s.classes[2].cumulative, 950000);
	assert_int_equal(s.classes_line, 11);
	assert_int_equal(s.n_exclusions, 2);
	assert_null(s.exclusions[0].unit);
	assert_string_equal(s.exclusions[0].industry, "D44");
	assert_string_equal(s.exclusions[0].reason, "公用事业");
	assert_string_equal(s.exclusions[1].unit, "E0412");
	assert_string_equal(s.exclusions[1].reason, "投产不满两年");
	assert_int_equal(s.exclusions[1].line, 13);
	assert_int_equal(s.n_disqualified, 1);
	assert_string_equal(s.disqualified[0].unit, "z17");
	assert_int_equal(s.disqualified[0].line, 14);
	assert_int_equal(s.n_rules, 1);
	assert_int_equal(s.rules[0].last, 2);
	assert_int_equal(s.rules[0].years, 2);
	assert_int_equal(s.sens.line, 16);
	assert_true(s.sens.weights == 15);
	assert_int_equal(s.sens.norms, (1u << AS_MINMAX) | (1u << AS_RANK));
	assert_int_equal(s.sens.aggs, 3u);

	/* the tree: a pillar declared after its child; file order kept */
	assert_int_equal(s.n_nodes, 11);
	assert_int_equal(s.n_leaves, 8);
	assert_int_equal(s.n_roots, 2);
	int eco = as_scheme_find(&s, "economy"), gr = as_scheme_find(&s, "growth");
	int gdp = as_scheme_find(&s, "gdp_growth");
	assert_int_equal(eco, 0);
	assert_int_equal(gdp, 1);
	assert_int_equal(s.nodes[gdp].parent, gr);
	assert_int_equal(s.nodes[gr].parent, eco);
	assert_int_equal(s.nodes[eco].parent, -1);
	assert_int_equal(s.nodes[eco].agg, AS_GEOMETRIC);
	assert_int_equal(s.nodes[gr].agg, AS_ARITHMETIC);
	assert_int_equal(s.nodes[eco].n_children, 2);
	assert_int_equal(s.nodes[eco].children[0], (size_t)gr);
	assert_int_equal(s.nodes[gdp].depth, 3);
	assert_int_equal(s.nodes[gdp].leaf, 0);
	assert_int_equal(s.leaves[0], (size_t)gdp);
	assert_int_equal(s.nodes[gr].leaf, -1);
	assert_string_equal(as_node_label(&s.nodes[gr]), "增长");
	assert_string_equal(as_node_label(&s.nodes[gdp]), "gdp_growth");
	assert_true(s.nodes[gdp].winsor == 5);
	assert_int_equal(s.nodes[gdp].norm, AS_MINMAX);
	assert_int_equal(s.nodes[gdp].line, 18);
	/* effective weights: gdp 0.25 × 0.40 × 0.50 = 0.05 */
	assert_true(fabs(as_node_share(&s, (size_t)gdp) - 0.05) < 1e-12);
	const struct as_node *tg = &s.nodes[as_scheme_find(&s, "tax_growth")];
	assert_string_equal(tg->source, "tax + fee");
	assert_int_equal(tg->dir, AS_LOWER);
	assert_int_equal(tg->norm, AS_TARGET);
	assert_true(tg->target == 12.5);
	const struct as_node *tm = &s.nodes[as_scheme_find(&s, "tax_per_mu")];
	assert_string_equal(tm->per, "unit.land_mu");
	assert_int_equal(tm->bench, AS_BENCH_MEAN);
	assert_true(tm->has_cap && tm->cap == 200);
	const struct as_node *en = &s.nodes[as_scheme_find(&s, "energy")];
	assert_true(en->lo == 0.2 && en->hi == 1.5);
	assert_false(en->has_cap);
	assert_int_equal(s.nodes[as_scheme_find(&s, "b")].bench, AS_BENCH_NUMBER);
	assert_true(s.nodes[as_scheme_find(&s, "b")].benchmark == 80);
	assert_int_equal(s.nodes[as_scheme_find(&s, "m")].bench, AS_BENCH_MEDIAN);
	/* post order: every child before its parent */
	for (size_t k = 0; k < s.n_nodes; k++) {
		int p = s.nodes[s.post[k]].parent;
		for (size_t k2 = 0; k2 <= k && p >= 0; k2++)
			assert_true(s.post[k2] != (size_t)p);
	}
	assert_non_null(strstr(s.text, "tax_per_mu"));
	as_scheme_release(&s);
}

static void test_defaults(void **state)
{
	(void)state;
	struct as_scheme s = parse_ok(HEAD "indicator x weight=100 source=x dir=higher "
	                              "norm=minmax\n");
	assert_null(s.name);
	assert_int_equal(s.entities.line, 0);
	assert_int_equal(s.decimals, 2);
	assert_int_equal(s.aggregate, AS_ARITHMETIC);
	assert_int_equal(s.min_data, 100 * DEC_ONE);
	assert_int_equal(s.impute, AS_IMPUTE_NONE);
	assert_int_equal(s.class_rule, AS_CLASSES_NONE);
	assert_int_equal(s.sens.line, 0);
	assert_true(s.sens.weights == 20);
	assert_int_equal(s.sens.norms, 0);
	assert_int_equal(s.sens.aggs, 0);
	assert_int_equal(s.n_roots, 1);
	assert_true(s.nodes[0].wnorm == 1);
	as_scheme_release(&s);
	/* threshold classes; decimal weights that add up exactly */
	s = parse_ok(HEAD "classes threshold A=90 B=75.5 C=60 D=0\n"
	             "indicator x weight=33.3333 source=x dir=higher norm=minmax\n"
	             "indicator y weight=33.3333 source=y dir=higher norm=minmax\n"
	             "indicator z weight=33.3334 source=z dir=higher norm=minmax\n");
	assert_int_equal(s.class_rule, AS_CLASSES_THRESHOLD);
	assert_int_equal(s.classes[1].value, 755000);
	assert_int_equal(s.classes[3].value, 0);
	as_scheme_release(&s);
}

static void test_example_file(void **state)
{
	(void)state;
	struct as_scheme s;
	struct kfq_err err = { 0 };
	if (as_scheme_load("docs/examples/zones.scheme", &s, &err) != 0)
		fail_msg("docs/examples/zones.scheme: %s", err.msg);
	assert_string_equal(s.code, "example_zones");
	assert_int_equal(s.n_leaves, 5);
	assert_int_equal(s.n_exclusions, 2);
	as_scheme_release(&s);
	assert_int_equal(as_scheme_load("no/such.scheme", &s, &err), -1);
	assert_err_has(&err, "no/such.scheme: cannot open the scheme");
}

static void test_bad_weights(void **state)
{
	(void)state;
	/* the top level: 60 + 30 */
	parse_fails(HEAD "pillar a weight=60\npillar b weight=30\n"
	            "indicator x parent=a weight=100 source=x dir=higher norm=minmax\n"
	            "indicator y parent=b weight=100 source=y dir=higher norm=minmax\n",
	            "t.scheme:3: the weights of the top-level pillars and indicators sum to 90 "
	            "(lines 3, 4): expected 100");
	/* under a pillar: named by the pillar's line */
	parse_fails(HEAD "pillar a weight=100\n"
	            "indicator x parent=a weight=50 source=x dir=higher norm=minmax\n"
	            "indicator y parent=a weight=50.0001 source=y dir=higher norm=minmax\n",
	            "t.scheme:3: the weights of the children of pillar a sum to 100.0001 "
	            "(lines 4, 5): expected 100");
	parse_fails(HEAD "indicator x weight=0 source=x dir=higher norm=minmax\n",
	            "t.scheme:3: indicator x: weight \"0\": expected a number > 0");
	parse_fails(HEAD "indicator x weight=-5 source=x dir=higher norm=minmax\n",
	            "t.scheme:3: indicator x: weight \"-5\": expected a number > 0");
	parse_fails(HEAD "indicator x weight=lots source=x dir=higher norm=minmax\n",
	            "t.scheme:3: weight: value \"lots\": expected a number");
	parse_fails(HEAD "indicator x source=x dir=higher norm=minmax\n",
	            "t.scheme:3: indicator: weight= missing");
}

static void test_bad_tree(void **state)
{
	(void)state;
	parse_fails(HEAD "indicator x parent=nope weight=100 source=x dir=higher norm=minmax\n",
	            "t.scheme:3: x: parent \"nope\": no pillar of that code");
	parse_fails(HEAD "indicator x weight=100 source=x dir=higher norm=minmax\n"
	            "indicator y parent=x weight=100 source=y dir=higher norm=minmax\n",
	            "t.scheme:4: y: parent \"x\" is an indicator (line 3): expected a pillar");
	parse_fails(HEAD "pillar a parent=b weight=100\npillar b parent=a weight=100\n"
	            "indicator x parent=a weight=100 source=x dir=higher norm=minmax\n",
	            "t.scheme:3: pillar a: parents form a cycle (a → b → a)");
	parse_fails(HEAD "pillar a parent=a weight=100\n"
	            "indicator x weight=100 source=x dir=higher norm=minmax\n",
	            "t.scheme:3: pillar a: parents form a cycle (a → a)");
	parse_fails(HEAD "pillar a weight=50\npillar empty weight=50\n"
	            "indicator x parent=a weight=100 source=x dir=higher norm=minmax\n",
	            "t.scheme:4: pillar empty has no children");
	parse_fails(HEAD "pillar a weight=100\n"
	            "indicator a parent=a weight=100 source=x dir=higher norm=minmax\n",
	            "t.scheme:4: indicator: code \"a\" already used at line 3: expected a unique");
	parse_fails(HEAD "name x\n", "t.scheme:1: scheme t has no indicator");
	parse_fails(HEAD "indicator x weight=100 source=x dir=higher norm=minmax\n"
	            "pillar x weight=1\n", "t.scheme:4: pillar: code \"x\" already used at line 3");
}

static void test_bad_classes(void **state)
{
	(void)state;
#define IND "indicator x weight=100 source=x dir=higher norm=minmax\n"
	parse_fails(HEAD "classes percentile A=20 B=40 C=30 D=5\n" IND,
	            "t.scheme:3: classes percentile: shares sum to 95: expected 100");
	parse_fails(HEAD "\nclasses percentile A=20 B=40 C=35 D=6\n" IND,
	            "t.scheme:4: classes percentile: shares sum to 101: expected 100");
	parse_fails(HEAD "classes percentile A=20 B=0 C=80\n" IND,
	            "t.scheme:3: class B: share \"0\": expected a percent > 0");
	parse_fails(HEAD "classes threshold A=90 B=95 C=0\n" IND,
	            "t.scheme:3: class B: threshold 95 is not below class A's 90: expected "
	            "descending");
	parse_fails(HEAD "classes threshold A=90 B=60\n" IND,
	            "t.scheme:3: classes threshold: the last class B has threshold 60: expected 0");
	parse_fails(HEAD "classes percentile A=50 A=50\n" IND,
	            "t.scheme:3: classes: key \"A\" given twice: expected it once");
	parse_fails(HEAD "classes percentile A=50 T=50\n" IND,
	            "t.scheme:3: class \"T\": reserved");
	parse_fails(HEAD "classes ranked A=50 B=50\n" IND,
	            "t.scheme:3: classes: value \"ranked\": expected percentile or threshold");
	parse_fails(HEAD "classes percentile\n" IND,
	            "t.scheme:3: classes percentile: no classes");
	parse_fails(HEAD "classes percentile A=many B=50\n" IND,
	            "t.scheme:3: A: value \"many\": expected a number");
}

static void test_bad_norms(void **state)
{
	(void)state;
#define X "indicator x weight=100 source=x dir=higher "
	parse_fails(HEAD X "norm=goalposts lo=10 hi=10\n",
	            "t.scheme:3: indicator x: goalposts lo=10 hi=10: expected lo < hi");
	parse_fails(HEAD X "norm=goalposts lo=10 hi=5\n",
	            "t.scheme:3: indicator x: goalposts lo=10 hi=5: expected lo < hi");
	parse_fails(HEAD X "norm=goalposts lo=10\n", "t.scheme:3: indicator: hi= missing");
	parse_fails(HEAD X "norm=ratio\n", "t.scheme:3: indicator: benchmark= missing");
	parse_fails(HEAD X "norm=ratio benchmark=0\n",
	            "t.scheme:3: indicator x: benchmark \"0\": expected a number ≠ 0, mean or median");
	parse_fails(HEAD X "norm=ratio benchmark=average\n",
	            "t.scheme:3: benchmark: value \"average\": expected a number");
	parse_fails(HEAD X "norm=target target=0\n",
	            "t.scheme:3: indicator x: target \"0\": expected a number > 0");
	parse_fails(HEAD X "norm=minmax lo=1\n",
	            "t.scheme:3: indicator x: lo= with norm=minmax: expected lo= only with "
	            "norm=goalposts");
	parse_fails(HEAD X "norm=minmax benchmark=mean\n",
	            "t.scheme:3: indicator x: benchmark= with norm=minmax");
	parse_fails(HEAD X "norm=logistic\n",
	            "t.scheme:3: indicator x: norm \"logistic\": expected minmax, zscore, rank, ratio, "
	            "target or goalposts");
	parse_fails(HEAD "indicator x weight=100 source=x dir=up norm=minmax\n",
	            "t.scheme:3: indicator x: dir \"up\": expected higher or lower");
	parse_fails(HEAD "indicator x weight=100 source=x norm=minmax\n",
	            "t.scheme:3: indicator: dir= missing");
	parse_fails(HEAD "indicator x weight=100 dir=higher norm=minmax\n",
	            "t.scheme:3: indicator: source= missing");
	parse_fails(HEAD "indicator x weight=100 source=x dir=higher\n",
	            "t.scheme:3: indicator: norm= missing");
	parse_fails(HEAD X "norm=minmax winsor=50\n",
	            "t.scheme:3: indicator x: winsor \"50\": expected a percent P with 0 < P < 50");
	parse_fails(HEAD X "norm=minmax winsor=0\n", "t.scheme:3: indicator x: winsor \"0\"");
	parse_fails(HEAD X "norm=minmax cap=big\n",
	            "t.scheme:3: cap: value \"big\": expected a number");
	parse_fails(HEAD "pillar a weight=100 agg=harmonic\n" X "norm=minmax\n",
	            "t.scheme:3: agg: value \"harmonic\": expected arithmetic or geometric");
}

static void test_bad_statements(void **state)
{
	(void)state;
	parse_fails(HEAD "colours x=1\n" IND,
	            "t.scheme:3: unknown statement \"colours\": expected scheme, version");
	parse_fails(HEAD "pillar a weight=100 colour=red\n" IND,
	            "t.scheme:3: pillar: unknown key \"colour\": expected one of: parent weight "
	            "name agg");
	parse_fails(HEAD "decimals 2 places=3\n" IND,
	            "t.scheme:3: decimals: unknown key \"places\": expected no keys");
	parse_fails(HEAD X "norm=minmax weight=3\n",
	            "t.scheme:3: indicator: key \"weight\" given twice");
	parse_fails("version 1\nscheme t\n" IND,
	            "t.scheme:1: first statement \"version\": expected \"scheme CODE\" first");
	parse_fails("# only a comment\n\nscheme t\n" IND,
	            "t.scheme:3: scheme t has no version statement");
	parse_fails("", "t.scheme:1: empty scheme");
	parse_fails("  # nothing\n", "t.scheme:1: empty scheme");
	parse_fails(HEAD "version 2\n" IND,
	            "t.scheme:3: version given twice (first at line 2)");
	parse_fails(HEAD "scheme u\n" IND, "t.scheme:3: scheme given twice (first at line 1)");
	parse_fails("scheme\nversion 1\n" IND,
	            "t.scheme:1: scheme: missing value: expected \"scheme VALUE\"");
	parse_fails("scheme a b\nversion 1\n" IND,
	            "t.scheme:1: scheme: extra word \"b\": expected 1 word after \"scheme\"");
	parse_fails("scheme a/b\nversion 1\n" IND,
	            "t.scheme:1: scheme: value \"a/b\": expected a code");
	parse_fails(HEAD "name \"unterminated\n" IND,
	            "t.scheme:3: unterminated quoted string \"unterminated: expected a closing \"");
	parse_fails(HEAD "name ab\"cd\"\n" IND, "t.scheme:3: quote inside the word \"ab\"");
	parse_fails(HEAD "pillar a weight=\"5\"0\n" IND,
	            "t.scheme:3: key weight: value \"5\" runs into \"0\"");
	parse_fails(HEAD "pillar a =5\n" IND, "t.scheme:3: \"=\" without a key");
	parse_fails(HEAD "decimals 5\n" IND,
	            "t.scheme:3: decimals: value \"5\": expected a whole number from 0 to 4");
	parse_fails(HEAD "aggregate median\n" IND,
	            "t.scheme:3: aggregate: value \"median\": expected arithmetic or geometric");
	parse_fails(HEAD "min_data 120\n" IND,
	            "t.scheme:3: min_data: value \"120\": expected a percent from 0 to 100");
	parse_fails(HEAD "impute zero\n" IND,
	            "t.scheme:3: impute: value \"zero\": expected none, mean, median or min");
	parse_fails(HEAD "entities under=js\n" IND, "t.scheme:3: entities: kind= missing");
	parse_fails(HEAD "entities zone\n" IND,
	            "t.scheme:3: entities: word \"zone\": expected only key=value pairs");
	parse_fails(HEAD "exclude x1\n" IND, "t.scheme:3: exclude: reason= missing");
	parse_fails(HEAD "exclude x1 industry=D44 reason=r\n" IND,
	            "t.scheme:3: exclude: expected a unit code or industry=PREFIX (one of them)");
	parse_fails(HEAD "exclude reason=r\n" IND, "t.scheme:3: exclude: expected a unit code");
	parse_fails(HEAD "disqualify z1\n" IND, "t.scheme:3: disqualify: reason= missing");
	parse_fails(HEAD "disqualify z1 reason=a\ndisqualify z1 reason=b\n" IND,
	            "t.scheme:4: disqualify: unit \"z1\" already disqualified at line 3");
	parse_fails(HEAD "rule last=0 years=2 reason=r\n" IND,
	            "t.scheme:3: rule last: value \"0\": expected a whole number from 1");
	parse_fails(HEAD "rule last=2 reason=r\n" IND, "t.scheme:3: rule: years= missing");
	parse_fails(HEAD "sensitivity norm=minmax,ratio\n" IND,
	            "t.scheme:3: sensitivity norm: value \"ratio\": expected minmax, zscore or rank");
	parse_fails(HEAD "sensitivity agg=arithmetic,median\n" IND,
	            "t.scheme:3: sensitivity agg: value \"median\": expected arithmetic or geometric");
	parse_fails(HEAD "sensitivity weights=100\n" IND,
	            "t.scheme:3: sensitivity weights: value \"100\": expected a percent from 0 to "
	            "below 100");
	parse_fails(HEAD "sensitivity weights=20\nsensitivity weights=10\n" IND,
	            "t.scheme:4: sensitivity given twice (first at line 3)");
	parse_fails("scheme t\r\nversion 1\r\nbogus\r\n" IND, "t.scheme:3: unknown statement \"bogus\"");
	static const char nul[] = "scheme t\nversion 1\nna\0me x\n";
	struct as_scheme s;
	struct kfq_err err = { 0 };
	assert_int_equal(as_scheme_parse(nul, sizeof nul - 1, "t.scheme", &s, &err), -1);
	assert_err_has(&err, "t.scheme:3: a NUL byte");
#undef IND
#undef X
}

/* regions and weights region=...: the overrides read, the base weights
 * kept for the rest; every bad statement named by its line. */
#define RHEAD HEAD "regions group=sunan,suzhong,subei\n"
#define RTREE "pillar economy weight=60\n" \
	"indicator gdp parent=economy weight=50 source=gdp dir=higher norm=minmax\n" \
	"indicator tax parent=economy weight=50 source=tax dir=higher norm=minmax\n" \
	"indicator green weight=40 source=green dir=higher norm=minmax\n"

static void test_regions(void **state)
{
	(void)state;
	struct as_scheme s = parse_ok(RHEAD "weights region=subei economy=70 green=30 gdp=60 "
	                              "tax=40\n" RTREE);
	assert_int_equal(s.n_regions, 3);
	assert_int_equal(s.regions_line, 3);
	assert_string_equal(s.regions[2].code, "subei");
	assert_int_equal(s.regions[2].line, 4);
	assert_int_equal(s.regions[0].line, 0);
	assert_int_equal(as_scheme_region(&s, "subei"), 2);
	assert_int_equal(as_scheme_region(&s, "east"), -1);
	assert_int_equal(as_scheme_region(&s, NULL), -1);
	int gdp = as_scheme_find(&s, "gdp");
	assert_true(s.regions[2].weight[gdp] == 60 * DEC_ONE);
	assert_true(s.regions[0].weight[gdp] == 50 * DEC_ONE);
	/* effective weights: subei 0.7 · 0.6 = 0.42, base 0.6 · 0.5 = 0.30 */
	assert_true(fabs(as_node_share_in(&s, 2, (size_t)gdp) - 0.42) < 1e-12);
	assert_true(fabs(as_node_share_in(&s, 0, (size_t)gdp) - 0.30) < 1e-12);
	assert_true(fabs(as_node_share_in(&s, -1, (size_t)gdp) - 0.30) < 1e-12);
	assert_true(as_scheme_wnorm(&s, -1) == s.wnorm);
	as_scheme_release(&s);
	/* weights may come before regions and the tree */
	s = parse_ok(HEAD "weights region=a green=40\nregions group=a\n" RTREE);
	assert_int_equal(s.regions[0].line, 3);
	as_scheme_release(&s);

	parse_fails(RHEAD "weights region=east economy=60\n" RTREE,
	            "t.scheme:4: weights: region \"east\": not in the regions statement (line 3): "
	            "expected one of sunan, suzhong, subei");
	parse_fails(HEAD "weights region=subei economy=60\n" RTREE,
	            "t.scheme:3: weights: region \"subei\": the scheme has no regions statement");
	parse_fails(RHEAD RTREE "weights region=subei economy=70 growth=30\n",
	            "t.scheme:8: weights region=subei: \"growth\": no pillar or indicator of that "
	            "code in the scheme");
	parse_fails(RHEAD "weights region=subei economy=0 green=100\n" RTREE,
	            "t.scheme:4: weights region=subei: economy weight \"0\": expected a number > 0");
	parse_fails(RHEAD "weights region=subei economy=-5\n" RTREE,
	            "t.scheme:4: weights region=subei: economy weight \"-5\"");
	parse_fails(RHEAD "weights region=subei economy=x\n" RTREE,
	            "t.scheme:4: economy: value \"x\": expected a number");
	parse_fails(RHEAD "weights region=subei economy=70\n" RTREE,
	            "t.scheme:4: region subei: the weights of the top-level pillars and indicators "
	            "sum to 110 (lines 5, 8; overrides at line 4): expected 100");
	parse_fails(RHEAD RTREE "weights region=sunan gdp=55\n",
	            "t.scheme:8: region sunan: the weights of the children of pillar economy sum "
	            "to 105 (lines 5, 6; overrides at line 8): expected 100");
	parse_fails(RHEAD "weights region=subei green=40\nweights region=subei green=40\n" RTREE,
	            "t.scheme:5: weights: region \"subei\" already given at line 4: expected one "
	            "weights statement per region");
	parse_fails(HEAD "regions group=a,b,a\n" RTREE,
	            "t.scheme:3: regions: group \"a\" given twice");
	parse_fails(RHEAD "regions group=x\n" RTREE,
	            "t.scheme:4: regions given twice (first at line 3)");
	parse_fails(RHEAD "weights economy=60\n" RTREE, "t.scheme:4: weights: region= missing");
	parse_fails(RHEAD "weights region=subei\n" RTREE,
	            "t.scheme:4: weights region=subei: no weights: expected CODE=WEIGHT");
	parse_fails(RHEAD "weights region=subei green=10 green=10\n" RTREE,
	            "t.scheme:4: weights: key \"green\" given twice");
	parse_fails(HEAD "regions\n" RTREE, "t.scheme:3: regions: group= missing");
	parse_fails(HEAD "regions group=a/b\n" RTREE,
	            "t.scheme:3: regions group: value \"a/b\": expected a code");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_statement),
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_example_file),
		cmocka_unit_test(test_bad_weights),
		cmocka_unit_test(test_bad_tree),
		cmocka_unit_test(test_bad_classes),
		cmocka_unit_test(test_bad_norms),
		cmocka_unit_test(test_bad_statements),
		cmocka_unit_test(test_regions),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
