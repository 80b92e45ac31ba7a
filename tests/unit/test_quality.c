/* test_quality.c: unit tests for data quality (src/quality): the rules
 * file refused line by line with the column and what was expected; each
 * kind of check (a comparison, ytd() against ytd(prev()), within a factor,
 * the magnitude slip, the robust outlier, peers, the ratio of two sources)
 * on imports: an error refuses the
 * whole import naming the line and the rule and writes nothing, a warning
 * is stored as an open finding that closes when the value changes;
 * validate_run on stored data; a finding explained and confirmed with a
 * reason. */
#include "testutil.h"
#include "testdb.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/sbuf.h"
#include "io/entry.h"
#include "io/import.h"
#include "model/model.h"
#include "quality/approval.h"
#include "quality/check.h"
#include "quality/check_part.h"   /* check_median: private to the checks, tested here */
#include "quality/finding.h"
#include "quality/publish.h"
#include "quality/validate.h"
#include "store/db.h"

struct fx {
	char path[TDB_PATH_MAX];
	struct kfq_db *db;
};

static const char UNITS[] =
	"code,name,kind,parent,industry\n"
	"z,开发区,zone,,\n"
	"p,一园,park,z,\n"
	"e1,甲,enterprise,p,3587\n"
	"e2,乙,enterprise,p,2710\n";
static const char INDS[] =
	"code,name_zh,measure,kind\n"
	"sales,应税销售,万元,flow\n"
	"va,增加值,万元,flow\n";

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	if (!f || tdb_create(f->path, sizeof f->path, &f->db) != 0) {
		free(f);
		return -1;
	}
	tdb_load(f->db, "units", UNITS);
	tdb_load(f->db, "indicators", INDS);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	tdb_destroy(f->db, f->path);
	free(f);
	return 0;
}

static const char RULE_HEAD[] = "code,severity,left,op,right,kind,group,industry,months,params,message\n";

/* Import a rules file of one rule row that must be refused at line 2 with needle. */
static void rule_refused(struct kfq_db *db, const char *row, const char *needle)
{
	char text[1024];
	struct tdb_imp r;
	snprintf(text, sizeof text, "%s%s\n", RULE_HEAD, row);
	tdb_run_import(db, "rules", text, 0, &r);
	if (r.rc == 0)
		fail_msg("rule row \"%s\" was accepted", row);
	tdb_assert_msg_line(&r, 2, needle);
	tdb_imp_release(&r);
}

static void test_bad_rules(void **state)
{
	struct fx *f = *state;
	rule_refused(f->db, "1x,error,sales,<=,va,,,,,,", "column \"code\": \"1x\" is not a rule code");
	rule_refused(f->db, "a,fatal,sales,<=,va,,,,,,", "column \"severity\": \"fatal\" (expected error, warning or off");
	rule_refused(f->db, "a,error,sales,=<,va,,,,,,", "column \"op\": \"=<\" (expected <, <=");
	rule_refused(f->db, "a,error,ytd(sales,<=,va,,,,,,",
	             "column \"left\": formula \"ytd(sales\": column 10: missing \")\"");
	rule_refused(f->db, "a,error,sales,<=,vat,,,,,,",
	             "column \"right\": unknown indicator \"vat\" in \"vat\"");
	rule_refused(f->db, "a,error,sales,<=,,,,,,,", "column \"right\": empty (expected an expression");
	rule_refused(f->db, "a,warning,sales,outlier,va,,,,,,",
	             "column \"right\": \"va\": outlier compares the left expression with its own history");
	rule_refused(f->db, "a,error,sales,<=,va,,,,13,,", "column \"months\": \"13\" (expected a month 1 to 12");
	rule_refused(f->db, "a,error,sales,<=,va,,,,12-2,,", "column \"months\": \"12-2\"");
	rule_refused(f->db, "a,warning,sales,outlier,,,,,,k=0,", "column \"params\": k=\"0\" (expected a number greater than 0)");
	rule_refused(f->db, "a,warning,sales,outlier,,,,,,factor=3,",
	             "column \"params\": unknown parameter \"factor\" for outlier (expected history, n, min, k)");
	rule_refused(f->db, "a,warning,sales,within,va,,,,,factor=1,",
	             "column \"params\": factor=\"1\" (expected a number greater than 1)");
	rule_refused(f->db, "a,warning,sales,outlier,,,,,,history=weeks,",
	             "column \"params\": history=\"weeks\" (expected months or same_month)");
	rule_refused(f->db, "a,warning,sales,outlier,,,,,,n=3 min=4,", "min=4 is more than n=3");
	rule_refused(f->db, "a,error,sales,<=,va,,,,,,{unit} {foo}", "column \"message\": unknown placeholder \"{foo}\"");
	rule_refused(f->db, "a,error,sales,lt,va,,,,,,", "(expected <, <=, >, >=, =, !=, within, outlier, "
	             "magnitude, peer or ratio)");
	rule_refused(f->db, "a,warning,sales,peer,va,,,,,,",
	             "column \"right\": \"va\": peer compares the left expression with its peers' "
	             "(expected no right expression)");
	rule_refused(f->db, "a,warning,sales,peer,,,,,,n=3,",
	             "column \"params\": unknown parameter \"n\" for peer (expected k, min, same_industry)");
	rule_refused(f->db, "a,warning,sales,peer,,,,,,same_industry=x,",
	             "column \"params\": same_industry=\"x\" (expected a whole number 0 to 20)");
	rule_refused(f->db, "a,warning,va,ratio,,,,,,,", "column \"right\": empty (expected the other source's indicator to divide by");
	rule_refused(f->db, "a,warning,va,ratio,sales,,,,,lo=0.5 hi=0.2,",
	             "column \"params\": \"lo=0.5 hi=0.2\": lo is not below hi (expected lo < hi)");
	rule_refused(f->db, "a,warning,va,ratio,sales,,,,,lo=0.2 n=6,",
	             "column \"params\": \"lo=0.2 n=6\": lo and hi make a fixed band (expected either "
	             "lo and hi, or history, n, min and factor");
	rule_refused(f->db, "a,warning,va,ratio,sales,,,,,lo=-1,",
	             "column \"params\": lo=\"-1\" (expected a number, 0 or more)");
	rule_refused(f->db, "a,warning,va,ratio,sales,,,,,k=3,",
	             "unknown parameter \"k\" for ratio (expected lo and hi, or history, n, min, factor)");
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM vrule"), 0);
}

static void load_rules(struct kfq_db *db, const char *rows)
{
	char text[2048];
	snprintf(text, sizeof text, "%s%s", RULE_HEAD, rows);
	tdb_load(db, "rules", text);
}

static int64_t obs_count(struct kfq_db *db)
{
	return tdb_scalar(db, "SELECT count(*) FROM obs");
}

/* va ≤ sales for enterprises: line 3 (e1's August, va 60 > sales 50) is
 * refused naming the rule; nothing of the file is written. A rule changed
 * later is in history. */
static void test_comparison_refuses(void **state)
{
	struct fx *f = *state;
	struct tdb_imp r;
	int64_t before;

	load_rules(f->db, "va_le_sales,error,va,<=,sales,enterprise,,,,,增加值大于销售\n");
	tdb_load(f->db, "data", "unit,indicator,period,value\ne1,sales,2017-08,50\ne2,sales,2017-08,50\n");
	before = obs_count(f->db);
	tdb_run_import(f->db, "data", "unit,indicator,period,value\ne2,va,2017-08,20\ne1,va,2017-08,60\n",
	               0, &r);
	assert_int_equal(r.rc, -1);
	tdb_assert_msg_line(&r, 3, "rule va_le_sales: e1 2017-08: 增加值大于销售: va = 60.0000 万元, "
	                    "expected <= sales = 50.0000 万元 (above by 10.0000 万元)");
	assert_int_equal(r.res.bad_rows, 1);
	tdb_imp_release(&r);
	assert_int_equal(obs_count(f->db), before);
	/* the same, in a month the rule does not cover, goes in */
	load_rules(f->db, "va_le_sales,error,va,<=,sales,enterprise,,,1-7,,增加值大于销售\n");
	tdb_import_ok(f->db, "data", "unit,indicator,period,value\ne1,va,2017-08,60\n", 1, 0, 0);
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM history WHERE kind = 'rule' AND "
	                            "note LIKE 'rule va_le_sales: months: \"\" → 1-7'"), 1);
}

/* A year to date filed smaller than the month before's: ytd(sales) = 100 <
 * ytd(prev(sales)) = 120 at e1's August. Not checked in January (months 2-12). */
static void test_ytd_never_falls(void **state)
{
	struct fx *f = *state;
	struct tdb_imp r;

	load_rules(f->db, "ytd_up,error,ytd(sales),>=,ytd(prev(sales)),enterprise,,,2-12,,\n");
	tdb_run_import(f->db, "data", "unit,indicator,period,value\n"
	               "e1,sales,2017年1-7月,120\ne1,sales,2017年1-8月,100\n", 0, &r);
	assert_int_equal(r.rc, -1);
	tdb_assert_msg_line(&r, 3, "rule ytd_up: e1 2017-08: ytd(sales) = 100.0000 万元, expected >= "
	                    "ytd(prev(sales)) = 120.0000 万元 (below by 20.0000 万元)");
	tdb_imp_release(&r);
	tdb_import_ok(f->db, "data", "unit,indicator,period,value\n"
	              "e1,sales,2017年1-7月,120\ne1,sales,2017年1-8月,130\n", 2, 0, 0);
}

/* within factor=3 of last year, as a warning: 2017-08 = 400 against 100 in
 * 2016-08 is 4 times: the import goes in, the warning is reported with its
 * line and kept as an open finding; a corrected value (250, 2.5 times)
 * closes it as changed. */
static void test_warning_finding(void **state)
{
	struct fx *f = *state;
	struct tdb_imp r;

	load_rules(f->db, "yoy,warning,sales,within,prior(sales),enterprise,,,,factor=3,\n");
	tdb_import_ok(f->db, "data", "unit,indicator,period,value\ne1,sales,2016-08,100\n", 1, 0, 0);
	tdb_run_import(f->db, "data", "unit,indicator,period,value\ne1,sales,2017-08,400\n", 0, &r);
	assert_int_equal(r.rc, 0);
	assert_int_equal(r.res.warnings, 1);
	assert_non_null(r.res.warn);
	assert_non_null(strstr(r.res.warn, ":2: warning: rule yoy: e1 2017-08: sales = 400.0000 万元, "
	                       "expected within a factor of 3 of prior(sales) = 100.0000 万元: "
	                       "33.3333 万元 to 300.0000 万元 (4.00 times prior(sales))"));
	tdb_imp_release(&r);
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM finding WHERE status = 'open' AND "
	                            "rule_code = 'yoy' AND month = 8 AND left_value = 40000000000"), 1);
	/* a dry run reports it too but keeps nothing */
	tdb_run_import(f->db, "data", "unit,indicator,period,value\ne1,sales,2017-08,500\n", 1, &r);
	assert_int_equal(r.rc, 0);
	assert_int_equal(r.res.warnings, 1);
	tdb_imp_release(&r);
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM finding"), 1);
	tdb_import_ok(f->db, "data", "unit,indicator,period,value\ne1,sales,2017-08,250\n", 0, 1, 0);
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM finding WHERE status = 'closed' AND "
	                            "closed_how = 'changed'"), 1);
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM finding WHERE status = 'open'"), 0);
}

/* Twelve months of 100 and 110 (2016-08 … 2017-07): median 105, MAD 5.
 * Magnitude: 1 050 000 in August is 10 000 × 105 ≥ 1000 ×: refused. Outlier:
 * one deviation is max(1.4826 × 5, 5% × 105) = 7.413, k = 5 gives
 * 105 ± 37.065 (67.935 … 142.065): 150 is (150 − 105) ÷ 7.413 = 6.07
 * deviations off, flagged; 140 is 4.7, not. */
static void test_history_checks(void **state)
{
	struct fx *f = *state;
	char text[1024];
	size_t k = 0;
	struct tdb_imp r;

	k += (size_t)snprintf(text + k, sizeof text - k, "unit,indicator,period,value\n");
	for (int i = 0; i < 12; i++) {
		int m = 8 + i, y = 2016 + (m > 12);
		k += (size_t)snprintf(text + k, sizeof text - k, "e2,sales,%d-%02d,%d\n", y,
		                      m > 12 ? m - 12 : m, i % 2 ? 110 : 100);
	}
	tdb_import_ok(f->db, "data", text, 12, 0, 0);
	load_rules(f->db, "slip,error,sales,magnitude,,enterprise,,,,,\n"
	           "odd,warning,sales,outlier,,enterprise,,,,history=months n=12 k=5,\n");
	tdb_run_import(f->db, "data", "unit,indicator,period,value\ne2,sales,2017-08,1050000\n", 0, &r);
	assert_int_equal(r.rc, -1);
	tdb_assert_msg_line(&r, 2, "rule slip: e2 2017-08: sales = 1050000.0000 万元, expected about "
	                    "105.0000 万元 (the median of the 12 months before; flagged at 1000 times "
	                    "or less than 1/1000 of it) (10000.00 times the median");
	tdb_imp_release(&r);
	tdb_run_import(f->db, "data", "unit,indicator,period,value\ne2,sales,2017-08,150\n", 0, &r);
	assert_int_equal(r.rc, 0);
	assert_int_equal(r.res.warnings, 1);
	assert_non_null(strstr(r.res.warn, "rule odd: e2 2017-08: sales = 150.0000 万元, expected "
	                       "67.9350 万元 to 142.0650 万元 (median 105.0000 万元, MAD 5.0000 万元 of "
	                       "the 12 months before; k = 5) (6.1 robust deviations from the median)"));
	tdb_imp_release(&r);
	tdb_import_ok(f->db, "data", "unit,indicator,period,value\ne2,sales,2017-08,140\n", 0, 1, 0);
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM finding WHERE status = 'open'"), 0);
}

/* Peers: the enterprises under the same park (optionally of the same
 * industry), the unit itself left out. */
static const char PEER_UNITS[] =
	"code,name,kind,parent,industry\n"
	"p2,二园,park,z,\n"
	"e3,丙,enterprise,p,3587\n"
	"e4,丁,enterprise,p,3587\n"
	"e5,戊,enterprise,p,3599\n"
	"e6,己,enterprise,p,3587\n"
	"e9,庚,enterprise,p2,3587\n";

static void test_peer_check(void **state)
{
	struct fx *f = *state;
	struct tdb_imp r;
	struct validate_res res;
	struct period aug = { 2017, PERIOD_MONTH, 8, 8 }, sep = { 2017, PERIOD_MONTH, 9, 9 };
	struct validate_req q = { &aug, NULL, "peer_few" };
	struct kfq_err err;
	struct finding_explanation e;
	int64_t id;
	size_t peers = 0;

	tdb_load(f->db, "units", PEER_UNITS);
	/* August: e2..e6 100, 100, 110, 90, 105 (e9, 5 000, is in the other park);
	 * September: all five 100 (a MAD of 0) */
	tdb_load(f->db, "data", "unit,indicator,period,value\ne2,sales,2017-08,100\n"
	         "e3,sales,2017-08,100\ne4,sales,2017-08,110\ne5,sales,2017-08,90\n"
	         "e6,sales,2017-08,105\ne9,sales,2017-08,5000\n"
	         "e2,sales,2017-09,100\ne3,sales,2017-09,100\ne4,sales,2017-09,100\n"
	         "e5,sales,2017-09,100\ne6,sales,2017-09,100\n");
	load_rules(f->db, "peer_all,warning,sales,peer,,enterprise,,,,k=3 min=4,\n"
	           "peer_ind,warning,sales,peer,,enterprise,,,,k=3 min=4 same_industry=2,\n"
	           "peer_few,warning,sales,peer,,enterprise,,,,k=3 min=4 same_industry=4,\n");
	/* e1 = 130 against its five peers 90 100 100 105 110: median 100, the
	 * deviations 10 0 0 5 10 give a MAD of 5; one deviation 1.4826 × 5 =
	 * 7.413 (above 5% of 100), three 22.239: 77.761 to 122.239; 30 ÷ 7.413
	 * = 4.0 deviations. Of industry 35 (e2, 2710, left out): 90 100 105 110,
	 * median 102.5, MAD 5: 80.261 to 124.739, 27.5 ÷ 7.413 = 3.7. */
	tdb_run_import(f->db, "data", "unit,indicator,period,value\ne1,sales,2017-08,130\n", 0, &r);
	assert_int_equal(r.rc, 0);
	assert_int_equal(r.res.warnings, 2);
	assert_non_null(strstr(r.res.warn, "rule peer_all: e1 2017-08: sales = 130.0000 万元, expected "
	                       "77.7610 万元 to 122.2390 万元 (median 100.0000 万元, MAD 5.0000 万元 of 5 "
	                       "peers (the enterprises under p); k = 3) (4.0 robust deviations from the "
	                       "peers' median)"));
	assert_non_null(strstr(r.res.warn, "rule peer_ind: e1 2017-08: sales = 130.0000 万元, expected "
	                       "80.2610 万元 to 124.7390 万元 (median 102.5000 万元, MAD 5.0000 万元 of 4 "
	                       "peers (the enterprises of industry 35 under p); k = 3) (3.7 robust "
	                       "deviations from the peers' median)"));
	tdb_imp_release(&r);
	/* 120 is inside both ranges: the findings close */
	tdb_import_ok(f->db, "data", "unit,indicator,period,value\ne1,sales,2017-08,120\n", 0, 1, 0);
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM finding WHERE status = 'open'"), 0);
	/* too few peers: of industry 3587 each has 3 (e9 is in the other park) */
	assert_int_equal(validate_run(f->db, tdb_ctx(), &q, &res, &err), 0);
	assert_int_equal(res.checks, 0);
	/* a MAD of 0: one deviation is 5% of the median 100, three 15: 85 to 115 */
	tdb_run_import(f->db, "data", "unit,indicator,period,value\ne1,sales,2017-09,116\n", 0, &r);
	assert_int_equal(r.rc, 0);
	assert_non_null(strstr(r.res.warn, "rule peer_all: e1 2017-09: sales = 116.0000 万元, expected "
	                       "85.0000 万元 to 115.0000 万元 (median 100.0000 万元, MAD 0.0000 万元 of 5 "
	                       "peers (the enterprises under p); k = 3) (3.2 robust deviations"));
	tdb_imp_release(&r);
	/* explained: the five peers and their values */
	id = tdb_scalar(f->db, "SELECT id FROM finding WHERE rule_code = 'peer_all' AND month = 9");
	assert_int_equal(finding_explain(f->db, id, &e, &err), 0);
	assert_int_equal(e.x.checked, 1);
	assert_int_equal(e.x.res.failed, 1);
	for (size_t i = 0; i < e.x.n; i++)
		if (e.x.v[i].side == 2) {
			peers++;
			assert_int_equal(e.x.v[i].v, INT64_C(1000000) * DEC_ONE);   /* 100 万元 in 元 */
			assert_string_not_equal(e.m.units.v[e.x.v[i].unit].code, "e1");
		}
	assert_int_equal(peers, 5);
	finding_explanation_release(&e);
	/* confirmed; then three peers corrected to 99 move the median to 99 (a
	 * MAD of 0: 116 is still off by more than 3 × 4.95): e1's own value is
	 * what was confirmed, so it is not opened again */
	assert_int_equal(finding_close(f->db, tdb_ctx(), id, "经核实：9月新增订单", &err), 0);
	tdb_import_ok(f->db, "data", "unit,indicator,period,value\ne4,sales,2017-09,99\n"
	              "e5,sales,2017-09,99\ne6,sales,2017-09,99\n", 0, 3, 0);
	q.period = &sep;
	q.rule = "peer_all";
	assert_int_equal(validate_run(f->db, tdb_ctx(), &q, &res, &err), 0);
	assert_int_equal(res.failed, 1);
	assert_int_equal(res.opened, 0);
	assert_int_equal(res.confirmed, 1);
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM finding WHERE status = 'open' AND "
	                            "rule_code = 'peer_all'"), 0);
}

/* Two sources: value added (the statistics report) against sales (the tax
 * bureau), in a fixed band or against the same ratio in the unit's last 12
 * months. */
static void test_ratio_check(void **state)
{
	struct fx *f = *state;
	char text[2048];
	size_t k = 0;
	struct tdb_imp r;
	struct finding_explanation e;
	struct kfq_err err;
	int64_t id;
	size_t months = 0, operands = 0;

	k += (size_t)snprintf(text + k, sizeof text - k, "unit,indicator,period,value\n");
	for (int i = 0; i < 12; i++) {
		int m = 8 + i, y = 2016 + (m > 12);
		k += (size_t)snprintf(text + k, sizeof text - k, "e2,sales,%d-%02d,100\ne2,va,%d-%02d,%d\n",
		                      y, m > 12 ? m - 12 : m, y, m > 12 ? m - 12 : m, i % 2 ? 42 : 40);
	}
	tdb_import_ok(f->db, "data", text, 24, 0, 0);
	load_rules(f->db, "va_band,warning,va,ratio,sales,enterprise,,35,,lo=0.2 hi=0.5,\n"
	           "va_apart,warning,va,ratio,sales,enterprise,,27,,history=months n=12 factor=1.5,\n");
	/* the band: e1's 60 / 100 = 0.6, above 0.5 by 0.1 */
	tdb_run_import(f->db, "data", "unit,indicator,period,value\ne1,sales,2017-08,100\n"
	               "e1,va,2017-08,60\n", 0, &r);
	assert_int_equal(r.rc, 0);
	assert_int_equal(r.res.warnings, 1);
	assert_non_null(strstr(r.res.warn, "rule va_band: e1 2017-08: va / sales = 0.6, expected 0.2 to "
	                       "0.5 (the configured band) (above the band by 0.1: the two sources "
	                       "disagree)"));
	tdb_imp_release(&r);
	tdb_import_ok(f->db, "data", "unit,indicator,period,value\ne1,va,2017-08,45\n", 0, 1, 0);
	/* its history: e2's ratios 0.40 and 0.42, six each: the median 0.41;
	 * within a factor of 1.5: 0.2733 to 0.615; 0.2 is 0.49 times it */
	tdb_run_import(f->db, "data", "unit,indicator,period,value\ne2,sales,2017-08,100\n"
	               "e2,va,2017-08,20\n", 0, &r);
	assert_int_equal(r.rc, 0);
	assert_non_null(strstr(r.res.warn, "rule va_apart: e2 2017-08: va / sales = 0.2, expected "
	                       "0.2733 to 0.615 (within a factor of 1.5 of 0.41, the median ratio of the "
	                       "12 months before) (0.49 times its usual ratio: the two sources move "
	                       "apart)"));
	tdb_imp_release(&r);
	id = tdb_scalar(f->db, "SELECT id FROM finding WHERE rule_code = 'va_apart'");
	assert_int_equal(finding_explain(f->db, id, &e, &err), 0);
	for (size_t i = 0; i < e.x.n; i++) {
		months += e.x.v[i].side == 2;
		operands += e.x.v[i].side < 2;
	}
	assert_int_equal(months, 12);
	assert_int_equal(operands, 2);   /* va and sales of 2017-08 */
	finding_explanation_release(&e);
	/* 0.3 is within: the finding closes */
	tdb_import_ok(f->db, "data", "unit,indicator,period,value\ne2,va,2017-08,30\n", 0, 1, 0);
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM finding WHERE status = 'open'"), 0);
	/* a sales of 0 leaves the ratio unchecked */
	tdb_import_ok(f->db, "data", "unit,indicator,period,value\ne2,sales,2017-08,0\n", 0, 1, 0);
	assert_int_equal(finding_explain(f->db, id, &e, &err), 0);
	assert_int_equal(e.x.checked, 0);
	finding_explanation_release(&e);
}

/* Rules imported after the data: validate_run finds the stored violation
 * (an error too), a second run keeps the same finding open, a confirmation
 * with a reason closes it (in history), and a third run does not open it
 * again while the values stay the same. A group and an industry prefix
 * restrict a rule. */
static void test_validate_and_close(void **state)
{
	struct fx *f = *state;
	struct validate_res res;
	struct validate_req q = { NULL, NULL, NULL };
	struct kfq_err err;
	int64_t id;

	tdb_load(f->db, "data", "unit,indicator,period,value\ne1,sales,2017-08,50\ne1,va,2017-08,60\n"
	         "e2,sales,2017-08,50\ne2,va,2017-08,60\n");
	tdb_load(f->db, "groups", "unit,group,year\ne1,above_scale,2017\n");
	load_rules(f->db, "va_le_sales,error,va,<=,sales,enterprise,,35,,,\n"
	           "va_scoped,warning,va,<=,sales,,above_scale,,,,\n");
	assert_int_equal(validate_run(f->db, tdb_ctx(), &q, &res, &err), 0);
	/* e1 only: industry 3587 starts with 35 and e1 is above scale; e2 is neither */
	assert_int_equal(res.checks, 2);
	assert_int_equal(res.errors, 1);
	assert_int_equal(res.warnings, 1);
	assert_int_equal(res.opened, 2);
	assert_int_equal(validate_run(f->db, tdb_ctx(), &q, &res, &err), 0);
	assert_int_equal(res.opened, 0);
	assert_int_equal(res.still_open, 2);
	id = tdb_scalar(f->db, "SELECT id FROM finding WHERE rule_code = 'va_le_sales'");
	assert_int_equal(finding_close(f->db, tdb_ctx(), id, "", &err), -1);
	assert_err_has(&err, "required: why the value stands");
	assert_int_equal(finding_close(f->db, tdb_ctx(), id, "经核实：含外购件", &err), 0);
	assert_int_equal(finding_close(f->db, tdb_ctx(), id, "again", &err), -1);
	assert_err_has(&err, "is already closed (confirmed by");
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM history WHERE kind = 'finding' AND "
	                            "unit = 'e1' AND note LIKE '%经核实：含外购件'"), 1);
	assert_int_equal(validate_run(f->db, tdb_ctx(), &q, &res, &err), 0);
	assert_int_equal(res.opened, 0);
	assert_int_equal(res.confirmed, 1);
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM finding WHERE status = 'open'"), 1);
	q.rule = "nope";
	assert_int_equal(validate_run(f->db, tdb_ctx(), &q, &res, &err), -1);
	assert_err_has(&err, "unknown rule \"nope\"");
}

/* A validation of many units reads its values as tables, an enterprise's
 * month values directly (quality/check_table.c): every check of a zone of
 * 240 enterprises (month values with gaps, years to date, a year to date
 * beside month values, a stock with quarters, an indicator with a scope, a
 * formula, parks' sums) must be what a check explained alone computes
 * through the figures: the same verdict, values and words. */
struct tab_seen {
	const struct rule *base;    /* the rule set's: results indexed by rule */
	unsigned char *got;
	struct check_result *v;
	size_t nunits, checks, failed;
};

static int tab_collect(void *ctx, const struct check_result *r, const struct check_key *k,
                       struct kfq_err *err)
{
	struct tab_seen *t = ctx;
	size_t at = ((size_t)(r->rule - t->base) * t->nunits + r->unit) * 13 + (size_t)r->month;
	(void)k;
	(void)err;
	t->got[at] = 1;
	t->v[at] = *r;
	t->checks++;
	t->failed += r->failed != 0;
	return 0;
}

static void test_tables_as_figures(void **state)
{
	struct fx *f = *state;
	struct sbuf u, d, g;
	struct kfq_model m;
	struct rule_set set;
	struct check_opts o = { .unit = -1, .year = 2017, .first = 1, .last = 12, .with_errors = 1,
	                        .with_warnings = 1 };
	struct tab_seen t;
	struct kfq_err err;
	size_t compared = 0, failed = 0;
	static const int MONTHS[] = { 1, 7, 12 };

	sbuf_init(&u);
	sbuf_init(&d);
	sbuf_init(&g);
	sbuf_addf(&u, "code,name,kind,parent,industry\np2,二园,park,z,\n");
	sbuf_addf(&d, "unit,indicator,period,value\n");
	sbuf_addf(&g, "unit,group,year\n");
	for (int e = 1; e <= 240; e++) {
		sbuf_addf(&u, "t%03d,企业%03d,enterprise,%s,%s\n", e, e, e % 2 ? "p" : "p2",
		          e % 3 ? "3587" : "2710");
		if (e % 2 == 0)
			sbuf_addf(&g, "t%03d,above_scale,2016\nt%03d,above_scale,2017\n", e, e);
		for (int y = 2016; y <= 2017; y++) {
			long cum = 0;
			for (int mo = 1; mo <= 12; mo++) {
				long s = 100 + (e * 37 + mo * 11 + y) % 50;
				if (e % 13 == 0 && mo == 7)
					s *= 3;                  /* an outlier */
				if (e % 29 == 0 && mo == 12 && y == 2017)
					s *= 10000;              /* a value in 元 */
				cum += s;
				if ((e * 7 + mo * 3 + y) % 17 == 0)
					continue;                /* a gap */
				if (e % 11 == 0)             /* a year to date each month */
					sbuf_addf(&d, "t%03d,sales,%d年1-%d月,%ld\n", e, y, mo, cum);
				else
					sbuf_addf(&d, "t%03d,sales,%d-%02d,%ld\n", e, y, mo, s);
				if (e % 23 == 0 && mo == 6)  /* and beside month values */
					sbuf_addf(&d, "t%03d,sales,%d年1-6月,%ld\n", e, y, cum);
				if ((e + mo) % 5)
					sbuf_addf(&d, "t%03d,va,%d-%02d,%ld\n", e, y, mo, s * (25 + (e + mo) % 9) / 100);
				if (e % 19 == 0 && mo % 3 == 0)
					sbuf_addf(&d, "t%03d,emp,%dQ%d,%d\n", e, y, mo / 3, 50 + (e + mo) % 7);
				else if (e % 19 && (e + mo) % 4)
					sbuf_addf(&d, "t%03d,emp,%d-%02d,%d\n", e, y, mo, 50 + (e * mo) % 11);
				sbuf_addf(&d, "t%03d,tax,%d-%02d,%ld\n", e, y, mo, s / 10 + (e % 31 == 0) * 500);
			}
		}
	}
	tdb_load(f->db, "units", u.buf);
	tdb_load(f->db, "indicators", "code,name_zh,measure,kind,scope,formula\n"
	         "emp,从业人员,人,stock,,\ntax,税收,万元,flow,above_scale,\n"
	         "margin,增加值率,%,flow,,va / sales * 100\n");
	tdb_load(f->db, "groups", g.buf);
	tdb_load(f->db, "data", d.buf);
	sbuf_release(&u);
	sbuf_release(&d);
	sbuf_release(&g);
	load_rules(f->db,
	           "ytd,warning,ytd(sales),>=,ytd(prev(sales)),enterprise,,,2-12,,\n"
	           "slip,warning,sales,magnitude,,enterprise,,,,history=months n=12,\n"
	           "odd,warning,sales,outlier,,enterprise,,,,history=months n=12 k=2,\n"
	           "same,warning,sales,outlier,,enterprise,,,,history=same_month n=1 min=1 k=1,\n"
	           "grew,warning,sales,within,prior(sales),enterprise,,,,factor=1.2,\n"
	           "vale,warning,va,<=,sales / 3,enterprise,,,,,\n"
	           "peer,warning,sales,peer,,enterprise,,,,k=1,\n"
	           "apart,warning,va,ratio,sales,enterprise,,,,history=months n=12 factor=1.05,\n"
	           "staff,warning,emp,outlier,,enterprise,,,,history=months n=6 k=1,\n"
	           "staff_up,warning,emp,>=,prev(emp),,,,,,\n"
	           "rate,warning,margin,outlier,,,,,,history=months n=3 k=1,\n"
	           "taxed,warning,tax,<=,sales / 8,enterprise,above_scale,,,,\n"
	           "parks,warning,ytd(sales),>=,ytd(prev(sales)),park,,,,,\n");
	assert_int_equal(model_load(f->db, &m, &err), 0);
	assert_int_equal(rules_load(f->db, &m.inds, &set, &err), 0);
	memset(&t, 0, sizeof t);
	t.base = set.v;
	t.nunits = m.units.n;
	t.got = calloc(set.n * t.nunits * 13, 1);
	t.v = calloc(set.n * t.nunits * 13, sizeof *t.v);
	assert_non_null(t.got);
	assert_non_null(t.v);
	assert_true(check_run(f->db, &m.units, &m.inds, &set, &o, tab_collect, &t, &err) > 0);
	for (size_t ri = 0; ri < set.n; ri++)
		for (size_t un = 0; un < m.units.n; un++)
			for (size_t k = 0; k < sizeof MONTHS / sizeof MONTHS[0]; k++) {
				struct check_explain x;
				size_t at = (ri * t.nunits + un) * 13 + (size_t)MONTHS[k];
				const struct check_result *r = &t.v[at];
				assert_int_equal(check_explain(f->db, &m.units, &m.inds, &set.v[ri], un, 2017,
				                               MONTHS[k], &x, &err), 0);
				if (!x.applies || !x.checked) {
					if (t.got[at])
						fail_msg("rule %s, %s, 2017-%02d: checked, but not alone",
						         set.v[ri].code, m.units.v[un].code, MONTHS[k]);
					check_explain_release(&x);
					continue;
				}
				if (!t.got[at])
					fail_msg("rule %s, %s, 2017-%02d: checked alone, but not in the run",
					         set.v[ri].code, m.units.v[un].code, MONTHS[k]);
				if (r->failed != x.res.failed || r->left != x.res.left ||
				    r->has_right != x.res.has_right || (r->has_right && r->right != x.res.right) ||
				    strcmp(r->detail, x.res.detail) != 0 || strcmp(r->detail_zh, x.res.detail_zh) != 0)
					fail_msg("rule %s, %s, 2017-%02d: the run's %d %lld %s, alone %d %lld %s",
					         set.v[ri].code, m.units.v[un].code, MONTHS[k], r->failed,
					         (long long)r->left, r->detail, x.res.failed, (long long)x.res.left,
					         x.res.detail);
				compared++;
				failed += r->failed != 0;
				check_explain_release(&x);
			}
	/* enough of every kind compared, passing and failing */
	assert_true(compared > 5000);
	assert_true(failed > 300);
	assert_true(t.failed > failed);
	free(t.got);
	free(t.v);
	rules_release(&set);
	model_release(&m);
}

/* The median of the checks' samples: twelve values (a year's history) go
 * through a sorting network, which sorts every input when it sorts the
 * 4 096 inputs of 0s and 1s; other sizes by insertion or qsort. Each size
 * from 1 to 40 against the middle of a sorted copy, on values with ties. */
static int cmp64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

static void test_median(void **state)
{
	unsigned seed = 12345;
	(void)state;
	for (int mask = 0; mask < 4096; mask++) {
		dec v[12];
		for (int i = 0; i < 12; i++)
			v[i] = (mask >> i) & 1;
		check_median(v, 12);
		for (int i = 0; i < 11; i++)
			if (v[i] > v[i + 1])
				fail_msg("0-1 input %d not sorted at %d", mask, i);
	}
	for (size_t n = 1; n <= 40; n++)
		for (int round = 0; round < 200; round++) {
			dec v[40], w[40], want;
			for (size_t i = 0; i < n; i++) {
				seed = seed * 1103515245u + 12345u;
				v[i] = w[i] = (dec)((seed >> 8) % 50) * 10000 - 200000;
			}
			qsort(w, n, sizeof *w, cmp64);
			want = n % 2 ? w[n / 2] : (w[n / 2 - 1] + w[n / 2]) / 2;
			assert_int_equal(check_median(v, n), want);
			assert_memory_equal(v, w, n * sizeof *v);
		}
}

/* The web's entry path (io/entry.c): a value that fails an error rule is
 * refused naming the rule and nothing is written; one that fails a warning
 * is written, kept as an open finding and told in the result; a form stops
 * at the item an error names. */
static void test_entry(void **state)
{
	struct fx *f = *state;
	struct entry_req q = { "e1", "va", "2017-08", "60", NULL, NULL, "web", NULL, 0 };
	struct entry_req form[2] = {
		{ "e2", "sales", "2017-08", "50", NULL, NULL, "web", NULL, 0 },
		{ "e2", "va", "2017-08", "70", NULL, NULL, "web", NULL, 0 },
	};
	struct entry_res res, fres[2];
	struct kfq_err err;
	size_t bad;

	tdb_load(f->db, "data", "unit,indicator,period,value\ne1,sales,2017-08,50\n");
	load_rules(f->db, "va_le_sales,error,va,<=,sales,enterprise,,,,,\n"
	           "big_va,warning,va,<,40,enterprise,,,,,\n");
	assert_int_equal(entry_put(f->db, tdb_ctx(), &q, &res, &err), -1);
	assert_err_has(&err, "rule va_le_sales: e1 2017-08: va = 60.0000 万元, expected <= sales = "
	               "50.0000 万元");
	assert_string_equal(err.field, "value");
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM obs WHERE value = 600000000"), 0);
	q.value = "45";
	assert_int_equal(entry_put(f->db, tdb_ctx(), &q, &res, &err), 0);
	assert_int_equal(res.warnings, 1);
	assert_non_null(strstr(res.warning, "rule big_va: e1 2017-08:"));
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM finding WHERE status = 'open' AND "
	                            "rule_code = 'big_va'"), 1);
	assert_int_equal(entry_put_form(f->db, tdb_ctx(), form, 2, fres, &bad, &err), -1);
	assert_int_equal(bad, 1);
	assert_err_has(&err, "rule va_le_sales: e2 2017-08");
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM obs o JOIN unit u ON u.id = o.unit_id "
	                            "WHERE u.code = 'e2'"), 0);
}

static int step(struct kfq_db *db, const char *unit, const char *month, enum approval_step st,
                const char *note, struct kfq_err *err)
{
	struct period p;
	assert_int_equal(period_parse(month, &p, err), 0);
	return approval_apply(db, tdb_ctx(), unit, &p, st, note, err);
}

/* The workflow table: from 填报 only submit; from 已提交 approve or reopen;
 * from 已审核 certify or reopen; from 已核定 only reopen (each refusal
 * names the allowed steps). The park p is approved only once its units
 * with data (e1, e2) are, and not while an error finding is open under it;
 * a unit is not reopened under an approved parent. An approved month
 * refuses an import (naming the line, the unit and who approved) and an
 * edit, and takes them again after a reopen with a reason; every step is in
 * history. */
static void test_approval(void **state)
{
	struct fx *f = *state;
	struct kfq_err err;
	struct tdb_imp r;
	struct entry_req q = { "e1", "sales", "2017-08", "51", NULL, NULL, "web", NULL, 0 };
	struct entry_res res;

	tdb_load(f->db, "data", "unit,indicator,period,value\ne1,sales,2017-08,50\ne2,sales,2017-08,40\n");
	assert_int_equal(step(f->db, "e1", "2017-08", AP_APPROVE, NULL, &err), -1);
	assert_err_has(&err, "e1 2017-08 is entered: approve is not allowed (allowed: submit)");
	assert_int_equal(step(f->db, "e1", "2017-08", AP_CERTIFY, NULL, &err), -1);
	assert_int_equal(step(f->db, "e1", "2017-08", AP_REOPEN, "x", &err), -1);
	assert_err_has(&err, "(allowed: submit)");
	assert_int_equal(step(f->db, "e1", "2017-08", AP_SUBMIT, NULL, &err), 0);
	assert_int_equal(step(f->db, "e1", "2017-08", AP_SUBMIT, NULL, &err), -1);
	assert_err_has(&err, "is submitted: submit is not allowed (allowed: approve, reopen)");
	assert_int_equal(step(f->db, "e1", "2017-08", AP_CERTIFY, NULL, &err), -1);
	assert_int_equal(step(f->db, "e1", "2017-08", AP_APPROVE, NULL, &err), 0);
	assert_int_equal(step(f->db, "e1", "2017-08", AP_APPROVE, NULL, &err), -1);
	assert_err_has(&err, "is approved: approve is not allowed (allowed: certify, reopen)");
	assert_int_equal(step(f->db, "e1", "2017-08", AP_REOPEN, "", &err), -1);
	assert_err_has(&err, "required: why the month is opened again");
	assert_int_equal(step(f->db, "e1", "2017-08", AP_REOPEN, NULL, &err), -1);
	/* locked: an import and an edit are refused, nothing written */
	tdb_run_import(f->db, "data", "unit,indicator,period,value\ne2,sales,2017-07,1\ne1,sales,2017-08,55\n", 0, &r);
	assert_int_equal(r.rc, -1);
	tdb_assert_msg_line(&r, 3, "e1 2017-08 is locked: e1 approved by tester at ");
	tdb_imp_release(&r);
	assert_int_equal(entry_put(f->db, tdb_ctx(), &q, &res, &err), -1);
	assert_err_has(&err, "e1 2017-08 is locked");
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM obs WHERE value = 550000000 OR "
	                            "value = 510000000"), 0);
	/* another month is open */
	q.period = "2017-09";
	assert_int_equal(entry_put(f->db, tdb_ctx(), &q, &res, &err), 0);
	/* the park: e2 (with data) not yet approved */
	assert_int_equal(step(f->db, "p", "2017-08", AP_SUBMIT, NULL, &err), 0);
	assert_int_equal(step(f->db, "p", "2017-08", AP_APPROVE, NULL, &err), -1);
	assert_err_has(&err, "p 2017-08 cannot be approved: 1 child units not approved: e2 (entered)");
	assert_int_equal(step(f->db, "e2", "2017-08", AP_SUBMIT, NULL, &err), 0);
	assert_int_equal(step(f->db, "e2", "2017-08", AP_APPROVE, NULL, &err), 0);
	/* an open error finding under it blocks too */
	assert_int_equal(db_begin(f->db, tdb_ctx(), &err), 0);
	assert_int_equal(db_exec(f->db, "INSERT INTO finding(rule_code, unit_id, year, month, severity, "
	                         "detail, detail_zh, status, opened_at, opened_by) SELECT 'r', id, 2017, 8, "
	                         "'error', 'd', 'd', 'open', 'now', 'me' FROM unit WHERE code = 'e2'", &err), 0);
	assert_int_equal(db_commit(f->db, &err), 0);
	assert_int_equal(step(f->db, "p", "2017-08", AP_APPROVE, NULL, &err), -1);
	assert_err_has(&err, "open error findings in its units");
	assert_int_equal(db_begin(f->db, tdb_ctx(), &err), 0);
	assert_int_equal(db_exec(f->db, "UPDATE finding SET status = 'closed'", &err), 0);
	assert_int_equal(db_commit(f->db, &err), 0);
	assert_int_equal(step(f->db, "p", "2017-08", AP_APPROVE, NULL, &err), 0);
	assert_int_equal(step(f->db, "p", "2017-08", AP_CERTIFY, NULL, &err), 0);
	assert_int_equal(step(f->db, "p", "2017-08", AP_CERTIFY, NULL, &err), -1);
	assert_err_has(&err, "is certified: certify is not allowed (allowed: reopen)");
	/* a unit under a certified park is not reopened alone */
	assert_int_equal(step(f->db, "e1", "2017-08", AP_REOPEN, "更正", &err), -1);
	assert_err_has(&err, "its parent p is certified; reopen the parent first");
	assert_int_equal(step(f->db, "p", "2017-08", AP_REOPEN, "e1 更正", &err), 0);
	assert_int_equal(step(f->db, "e1", "2017-08", AP_REOPEN, "更正", &err), 0);
	q.period = "2017-08";
	assert_int_equal(entry_put(f->db, tdb_ctx(), &q, &res, &err), 0);
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM history WHERE kind = 'approval'"), 9);
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM history WHERE kind = 'approval' AND "
	                            "unit = 'e1' AND note = 'reopen: approved → entered: 更正'"), 1);
}

/* A park of less than an eighth of the tree has its units' data of the
 * month read one by one (quality/approval.c): what blocks its approval
 * (a unit with data not approved; one without data and no state takes no
 * part) and its status rows are those of the whole tree's, cut to it. */
static void test_approval_subtree(void **state)
{
	struct fx *f = *state;
	struct kfq_err err;
	struct approval_tree whole, part;
	struct period aug;
	char units[2048] = "code,name,kind,parent\nq,二园,park,z\n";
	char data[2048] = "unit,indicator,period,value\ne1,sales,2017-08,50\ne2,va,2017-07,4\n";
	size_t first = 0;

	for (int k = 1; k <= 40; k++) {
		snprintf(units + strlen(units), sizeof units - strlen(units),
		         "q%02d,丙%d,enterprise,q\n", k, k);
		snprintf(data + strlen(data), sizeof data - strlen(data), "q%02d,sales,2017-%02d,%d\n",
		         k, 7 + k % 2, k);
	}
	tdb_load(f->db, "units", units);
	tdb_load(f->db, "data", data);
	assert_int_equal(step(f->db, "p", "2017-08", AP_SUBMIT, NULL, &err), 0);
	assert_int_equal(step(f->db, "p", "2017-08", AP_APPROVE, NULL, &err), -1);
	assert_string_equal(err.msg, "p 2017-08 cannot be approved: 1 child units not approved: "
	                    "e1 (entered)");
	assert_int_equal(step(f->db, "q01", "2017-08", AP_SUBMIT, NULL, &err), 0);
	assert_int_equal(period_parse("2017-08", &aug, &err), 0);
	assert_int_equal(approval_status(f->db, "z", &aug, &whole, &err), 0);
	assert_int_equal(approval_status(f->db, "p", &aug, &part, &err), 0);
	while (first < whole.n && strcmp(whole.units.v[whole.v[first].unit].code, "p") != 0)
		first++;
	assert_true(part.n >= 2);   /* p and e1 (e2 has no August) */
	assert_true(first + part.n <= whole.n);
	for (size_t i = 0; i < part.n; i++) {
		const struct approval_row *a = &whole.v[first + i], *b = &part.v[i];
		assert_string_equal(whole.units.v[a->unit].code, part.units.v[b->unit].code);
		assert_int_equal(a->depth, b->depth + 1);
		assert_int_equal(a->state, b->state);
		assert_string_equal(a->blocks, b->blocks);
	}
	assert_int_equal(part.n, 2);
	assert_string_equal(part.v[0].blocks, "1 child units not approved: e1 (entered)");
	approval_tree_release(&whole);
	approval_tree_release(&part);
}

/* Publication and revisions (quality/publish.h), on either engine: the
 * park p's approved August published as revision 1 holds p's and z's sales
 * (z is not approved: publishing z is refused), the figures as computed
 * (50 + 40 = 90 万元); unchanged it is not published again; after a
 * reopen, a correction and a new approval, revision 2 needs a reason and
 * stores the new sum; publish_read lists the change 90 → 95 and keeps
 * revision 1 readable; publish_note says it beside the figure. */
static void test_publish(void **state)
{
	struct fx *f = *state;
	struct kfq_err err;
	struct period aug;
	struct publish_result res;
	struct kfq_model m;
	struct pub_report r;
	struct figure_ctx fc;
	struct figure fig;
	struct sbuf note;
	long p, sales;

	tdb_load(f->db, "data", "unit,indicator,period,value\ne1,sales,2017-08,50\ne2,sales,2017-08,40\n");
	assert_int_equal(period_parse("2017-08", &aug, &err), 0);
	assert_int_equal(publish_month(f->db, tdb_ctx(), "p", &aug, NULL, &res, &err), -1);
	assert_err_has(&err, "p 2017-08 is entered: only an approved or certified month is published");
	for (int i = 0; i < 3; i++) {
		const char *u = i == 0 ? "e1" : i == 1 ? "e2" : "p";
		assert_int_equal(step(f->db, u, "2017-08", AP_SUBMIT, NULL, &err), 0);
		assert_int_equal(step(f->db, u, "2017-08", AP_APPROVE, NULL, &err), 0);
	}
	assert_int_equal(publish_month(f->db, tdb_ctx(), "z", &aug, NULL, &res, &err), -1);
	assert_int_equal(publish_month(f->db, tdb_ctx(), "p", &aug, NULL, &res, &err), 0);
	assert_int_equal(res.revision, 1);
	assert_int_equal(res.units, 1);    /* p: the enterprises are not published */
	assert_int_equal(res.figures, 1);  /* sales (va has no data) */
	assert_int_equal(tdb_scalar(f->db, "SELECT value FROM published_figure"), INT64_C(9000000000));
	assert_int_equal(publish_month(f->db, tdb_ctx(), "p", &aug, "x", &res, &err), -1);
	assert_err_has(&err, "no figure has changed since revision 1");
	/* the correction */
	assert_int_equal(step(f->db, "p", "2017-08", AP_REOPEN, "e1 更正", &err), 0);
	assert_int_equal(step(f->db, "e1", "2017-08", AP_REOPEN, "更正", &err), 0);
	tdb_load(f->db, "data", "unit,indicator,period,value\ne1,sales,2017-08,55\n");
	for (int i = 0; i < 2; i++) {
		const char *u = i == 0 ? "e1" : "p";
		assert_int_equal(step(f->db, u, "2017-08", AP_SUBMIT, NULL, &err), 0);
		assert_int_equal(step(f->db, u, "2017-08", AP_APPROVE, NULL, &err), 0);
	}
	assert_int_equal(publish_month(f->db, tdb_ctx(), "p", &aug, NULL, &res, &err), -1);
	assert_err_has(&err, "required: 1 figures differ from revision 1");   /* the value (no ytd: nothing before August) */
	assert_int_equal(publish_month(f->db, tdb_ctx(), "p", &aug, "e1 更正", &res, &err), 0);
	assert_int_equal(res.revision, 2);
	assert_int_equal(res.changed, 1);
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM publication"), 2);
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM history WHERE kind = 'publication'"), 2);
	/* read back */
	assert_int_equal(model_load(f->db, &m, &err), 0);
	p = units_find(&m.units, "p");
	sales = indicators_find(&m.inds, "sales");
	assert_int_equal(publish_read(f->db, &m, (size_t)p, &aug, 1, &r, &err), 0);
	assert_int_equal(r.npubs, 2);
	assert_string_equal(r.pubs[1].reason, "e1 更正");
	assert_int_equal(r.nchanges, 1);
	assert_int_equal(r.changes[0].from, 1);
	assert_int_equal(r.changes[0].to, 2);
	assert_int_equal(r.changes[0].old_value, INT64_C(9000000000));
	assert_int_equal(r.changes[0].new_value, INT64_C(9500000000));
	assert_int_equal(r.nsnapshot, 1);
	assert_int_equal(r.snapshot[0].value, INT64_C(9000000000));
	pub_report_release(&r);
	/* beside the figure */
	figure_ctx_init(&fc, f->db, &m.units, &m.inds);
	assert_int_equal(figure_get(&fc, (size_t)sales, (size_t)p, &aug, &fig, &err), 0);
	figure_ctx_release(&fc);
	sbuf_init(&note);
	assert_int_equal(publish_note(f->db, &m.units, &m.inds, (size_t)sales, (size_t)p, &aug, &fig,
	                              0, &note, &err), 0);
	assert_non_null(strstr(note.buf, "p sales 2017-08 (万元): published 90.00 (revision 1, "));
	assert_non_null(strstr(note.buf, "90.00 → 95.00 in revision 2 ("));
	assert_non_null(strstr(note.buf, ": e1 更正)"));
	sbuf_reset(&note);
	/* in Chinese, by the unit's and the indicator's names */
	assert_int_equal(publish_note(f->db, &m.units, &m.inds, (size_t)sales, (size_t)p, &aug, &fig,
	                              1, &note, &err), 0);
	if (!strstr(note.buf, "修订：") || !strstr(note.buf, "2017年8月（万元）：发布值 90.00（第 1 版，") ||
	    !strstr(note.buf, "；90.00 → 95.00（第 2 版，") || !strstr(note.buf, "：e1 更正）"))
		fail_msg("the Chinese note: %s", note.buf);
	sbuf_release(&note);
	model_release(&m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_bad_rules, setup, teardown),
		cmocka_unit_test_setup_teardown(test_comparison_refuses, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ytd_never_falls, setup, teardown),
		cmocka_unit_test_setup_teardown(test_warning_finding, setup, teardown),
		cmocka_unit_test_setup_teardown(test_history_checks, setup, teardown),
		cmocka_unit_test_setup_teardown(test_peer_check, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ratio_check, setup, teardown),
		cmocka_unit_test_setup_teardown(test_validate_and_close, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tables_as_figures, setup, teardown),
		cmocka_unit_test(test_median),
		cmocka_unit_test_setup_teardown(test_entry, setup, teardown),
		cmocka_unit_test_setup_teardown(test_approval, setup, teardown),
		cmocka_unit_test_setup_teardown(test_approval_subtree, setup, teardown),
		cmocka_unit_test_setup_teardown(test_publish, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
