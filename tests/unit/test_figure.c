/* test_figure.c: unit tests for computed figures (calc/cube.c, calc/figure.c)
 * on a tree small enough to check by hand: zone z with parks p1 (e1, e2)
 * and p2 (e3, e4). Month values and year-to-date filings give the same
 * figures; quarters; stock levels; sum, mean, max and none; a parent's own
 * filing; scope and comparable growth; targets, completion and
 * time-proportional completion; share and rank; formulas; exact totals;
 * overflow reported as an error. Every expectation is worked out in the
 * comment beside it. */
#include "testutil.h"
#include "testdb.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "base/period.h"
#include "base/sbuf.h"
#include "calc/cube.h"
#include "calc/figure.h"
#include "base/formula.h"
#include "io/import.h"
#include "model/model.h"
#include "store/db.h"

/* 1 万元 in stored units (1/10000 元); 1 元, 1 人 ... is DEC_ONE. */
#define WAN(x) ((dec)(x) * INT64_C(100000000))
#define ONE(x) ((dec)(x) * DEC_ONE)

/* ---- fixtures ---- */

struct fx {
	char path[TDB_PATH_MAX];
	struct kfq_db *db;
};

static const char UNITS[] =
	"code,name,kind,parent\n"
	"z,开发区,zone,\n"
	"p1,园区一,park,z\n"
	"p2,园区二,park,z\n"
	"e1,企业一,enterprise,p1\n"
	"e2,企业二,enterprise,p1\n"
	"e3,企业三,enterprise,p2\n"
	"e4,企业四,enterprise,p2\n";

static const char INDICATORS[] =
	"code,name_zh,measure,kind,agg,decimals,scope,formula\n"
	"sales,应税销售,万元,flow,sum,1,,\n"
	"staff,从业人员,人,stock,sum,0,,\n"
	"wage,平均工资,元,stock,mean,0,,\n"
	"peak,最高负荷,千瓦时,stock,max,0,,\n"
	"rate,达标率,%,stock,none,1,,\n"
	"ivadd,规上工业增加值,万元,flow,sum,1,above_scale,\n"
	"x,分子,万元,flow,sum,1,,\n"
	"y,分母,万元,flow,sum,1,,\n"
	"xy_ratio,比率,%,flow,none,1,,x / y * 100\n"
	"big,大数,元,flow,sum,0,,\n";

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);

	if (!f)
		return -1;
	if (tdb_create(f->path, sizeof f->path, &f->db) != 0) {
		free(f);
		return -1;
	}
	tdb_load(f->db, "units", UNITS);
	tdb_load(f->db, "indicators", INDICATORS);
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

/* The figures of (ind, unit, period) computed afresh; returns figure_get's
 * result, with err filled when it fails. */
static int fig_try(struct fx *f, const char *ind, const char *unit, const char *period,
                   struct figure *out, struct kfq_err *err)
{
	struct kfq_model m;
	struct figure_ctx fc;
	struct period p;
	long i, u;
	int rc;

	assert_int_equal(period_parse(period, &p, err), 0);
	assert_int_equal(model_load(f->db, &m, err), 0);
	i = indicators_find(&m.inds, ind);
	u = units_find(&m.units, unit);
	assert_true(i >= 0);
	assert_true(u >= 0);
	figure_ctx_init(&fc, f->db, &m.units, &m.inds);
	rc = figure_get(&fc, (size_t)i, (size_t)u, &p, out, err);
	figure_ctx_release(&fc);
	model_release(&m);
	return rc;
}

static struct figure fig(struct fx *f, const char *ind, const char *unit, const char *period)
{
	struct figure out;
	struct kfq_err err = { 0 };
	if (fig_try(f, ind, unit, period, &out, &err) != 0)
		fail_msg("figure_get(%s, %s, %s): %s", ind, unit, period, err.msg);
	return out;
}

/* The same with the growth and completion of partial figures asked for
 * (--partial). */
static struct figure fig_partial(struct fx *f, const char *ind, const char *unit,
                                 const char *period)
{
	struct kfq_model m;
	struct figure_ctx fc;
	struct period p;
	struct figure g;
	struct kfq_err err = { 0 };

	assert_int_equal(period_parse(period, &p, &err), 0);
	assert_int_equal(model_load(f->db, &m, &err), 0);
	figure_ctx_init(&fc, f->db, &m.units, &m.inds);
	fc.partial_ratios = 1;
	if (figure_get(&fc, (size_t)indicators_find(&m.inds, ind),
	               (size_t)units_find(&m.units, unit), &p, &g, &err) != 0)
		fail_msg("figure_get(%s, %s, %s): %s", ind, unit, period, err.msg);
	figure_ctx_release(&fc);
	model_release(&m);
	return g;
}

#define HAS(fg, bit) (((fg).has & (bit)) != 0)

/* Assert the figure has the value v (and the bit that says so). */
#define assert_value(fg, v) do { \
	assert_true(HAS(fg, FIG_VALUE)); \
	assert_int_equal((fg).value, (v)); \
} while (0)
#define assert_ytd(fg, v) do { \
	assert_true(HAS(fg, FIG_YTD)); \
	assert_int_equal((fg).ytd, (v)); \
} while (0)

/* ---- month values and year-to-date filings ---- */

/* e1 files its month values 10, 20, ... 80 (万元); e2 files the same
 * figures as year-to-date totals 10, 30, 60, 100, 150, 210, 280, 360; e3
 * files 1-6月 = 210 and then the months 7 and 8 (70, 80). */
static const char MONTHS_AND_YTD[] =
	"unit,indicator,period,value\n"
	"e1,sales,2017-01,10\n" "e1,sales,2017-02,20\n" "e1,sales,2017-03,30\n"
	"e1,sales,2017-04,40\n" "e1,sales,2017-05,50\n" "e1,sales,2017-06,60\n"
	"e1,sales,2017-07,70\n" "e1,sales,2017-08,80\n"
	"e2,sales,2017年1-1月,10\n" "e2,sales,2017年1-2月,30\n" "e2,sales,2017年1-3月,60\n"
	"e2,sales,2017年1-4月,100\n" "e2,sales,2017年1-5月,150\n" "e2,sales,2017年1-6月,210\n"
	"e2,sales,2017年1-7月,280\n" "e2,sales,2017年1-8月,360\n"
	"e3,sales,2017年1-6月,210\n" "e3,sales,2017-07,70\n" "e3,sales,2017-08,80\n";

static void test_ytd_from_months_equals_ytd_filings(void **state)
{
	struct fx *f = *state;
	char per[32];

	tdb_load(f->db, "data", MONTHS_AND_YTD);
	for (int m = 1; m <= 8; m++) {
		struct figure a, b, pa;
		int ytd = 5 * m * (m + 1);      /* 10 + 20 + ... + 10m */
		snprintf(per, sizeof per, "2017年1-%d月", m);
		a = fig(f, "sales", "e1", per);
		b = fig(f, "sales", "e2", per);
		pa = fig(f, "sales", "p1", per);
		/* For a year-to-date period, the value is the year to date. */
		assert_value(a, WAN(ytd));
		assert_ytd(a, WAN(ytd));
		assert_value(b, WAN(ytd));
		assert_ytd(b, WAN(ytd));
		assert_ytd(pa, WAN(2 * ytd));
		/* And each month's own value, whichever way it was filed. */
		snprintf(per, sizeof per, "2017-%02d", m);
		a = fig(f, "sales", "e1", per);
		b = fig(f, "sales", "e2", per);
		assert_value(a, WAN(10 * m));
		assert_value(b, WAN(10 * m));
		assert_ytd(a, WAN(ytd));
		assert_ytd(b, WAN(ytd));
	}
}

static void test_month_from_ytd_filings(void **state)
{
	struct fx *f = *state;
	struct figure g;

	tdb_load(f->db, "data", MONTHS_AND_YTD);
	/* e2 filed only totals: August = ytd(8) − ytd(7) = 360 − 280 = 80. */
	g = fig(f, "sales", "e2", "2017-08");
	assert_value(g, WAN(80));
	assert_ytd(g, WAN(360));
	/* e3: 1-6月 then months: July 70, August 80, ytd(8) = 210 + 70 + 80 = 360. */
	g = fig(f, "sales", "e3", "2017-07");
	assert_value(g, WAN(70));
	assert_ytd(g, WAN(280));
	g = fig(f, "sales", "e3", "2017年1-8月");
	assert_value(g, WAN(360));
	/* e3 never said what it sold in March alone: no value, not a guess. */
	g = fig(f, "sales", "e3", "2017-03");
	assert_false(HAS(g, FIG_VALUE));
	assert_false(HAS(g, FIG_YTD));
}

static void test_quarter(void **state)
{
	struct fx *f = *state;
	struct figure g;

	tdb_load(f->db, "data", MONTHS_AND_YTD);
	/* Q2 = April + May + June = 40 + 50 + 60 = 150 = ytd(6) − ytd(3) = 210 − 60. */
	g = fig(f, "sales", "e1", "2017Q2");
	assert_value(g, WAN(150));
	assert_ytd(g, WAN(210));
	g = fig(f, "sales", "e2", "2017年第二季度");
	assert_value(g, WAN(150));
	g = fig(f, "sales", "p1", "2017Q2");
	assert_value(g, WAN(300));
	/* Q1 of p1 = 2 × (10 + 20 + 30). */
	g = fig(f, "sales", "p1", "2017Q1");
	assert_value(g, WAN(120));
	/* Q3 is not over (nothing for September): no value, not a part of it. */
	g = fig(f, "sales", "e1", "2017Q3");
	assert_false(HAS(g, FIG_VALUE));
	g = fig(f, "sales", "p1", "2017");
	assert_false(HAS(g, FIG_VALUE));
}

/* ---- stock ---- */

static void test_stock_level_at_period_end(void **state)
{
	struct fx *f = *state;
	struct figure g;

	tdb_load(f->db, "data",
	         "unit,indicator,period,value\n"
	         "e1,staff,2017-03,100\n"
	         "e1,staff,2017-06,110\n"
	         "e1,staff,2017-08,120\n"
	         "e2,staff,2017-06,50\n"
	         "e2,staff,2017-08,55\n"
	         "e1,staff,2016-08,100\n"
	         "e2,staff,2016-08,50\n");
	/* A level is read at the period's end, never summed over months. */
	g = fig(f, "staff", "e1", "2017Q2");
	assert_value(g, ONE(110));
	g = fig(f, "staff", "e1", "2017年1-8月");
	assert_value(g, ONE(120));
	assert_ytd(g, ONE(120));
	g = fig(f, "staff", "e1", "2017Q1");
	assert_value(g, ONE(100));
	/* Units add up at the same date: June 110 + 50, August 120 + 55. */
	g = fig(f, "staff", "p1", "2017Q2");
	assert_value(g, ONE(160));
	g = fig(f, "staff", "p1", "2017-08");
	assert_value(g, ONE(175));
	/* Last August 150: growth (175 − 150) ÷ 150 = 16.666…% → 16.7. */
	assert_true(HAS(g, FIG_PRIOR));
	assert_int_equal(g.prior, ONE(150));
	assert_true(HAS(g, FIG_GROWTH));
	assert_int_equal(g.growth, 167);
	/* No level for December: the year has no value. */
	g = fig(f, "staff", "e1", "2017");
	assert_false(HAS(g, FIG_VALUE));
}

/* ---- aggregation over units ---- */

static void test_aggregation(void **state)
{
	struct fx *f = *state;
	struct figure g;

	tdb_load(f->db, "data",
	         "unit,indicator,period,value\n"
	         "e1,wage,2017,6000\n" "e2,wage,2017,8001\n" "e4,wage,2017,10000\n"
	         "e1,peak,2017,5\n" "e2,peak,2017,9\n" "e3,peak,2017,7\n" "e4,peak,2017,3\n"
	         "e1,rate,2017,90\n" "e2,rate,2017,80\n" "e3,rate,2017,70\n" "e4,rate,2017,60\n"
	         "e1,sales,2017,1\n" "e2,sales,2017,2\n" "e3,sales,2017,3\n" "e4,sales,2017,4\n");
	/* sum: 1 + 2 = 3, 3 + 4 = 7, all 10. */
	assert_value(fig(f, "sales", "p1", "2017"), WAN(3));
	assert_value(fig(f, "sales", "p2", "2017"), WAN(7));
	assert_value(fig(f, "sales", "z", "2017"), WAN(10));

	/* mean over the units that file (e3 does not): p1 (6000 + 8001) ÷ 2 =
	 * 7000.5; p2 10000; z (6000 + 8001 + 10000) ÷ 3 = 8000.3333 (four
	 * places), not the mean of the parks' means (8500.25). */
	assert_value(fig(f, "wage", "p1", "2017"), 70005000);
	assert_value(fig(f, "wage", "p2", "2017"), ONE(10000));
	assert_value(fig(f, "wage", "z", "2017"), 80003333);

	/* max: p1 9, p2 7, z 9. */
	assert_value(fig(f, "peak", "p1", "2017"), ONE(9));
	assert_value(fig(f, "peak", "p2", "2017"), ONE(7));
	assert_value(fig(f, "peak", "z", "2017"), ONE(9));

	/* none: each unit has its own, the parents have none. */
	assert_value(fig(f, "rate", "e1", "2017"), ONE(90));
	g = fig(f, "rate", "p1", "2017");
	assert_false(HAS(g, FIG_VALUE));
	g = fig(f, "rate", "z", "2017");
	assert_false(HAS(g, FIG_VALUE));
}

static void test_parent_own_value(void **state)
{
	struct fx *f = *state;
	struct figure g;

	tdb_load(f->db, "data",
	         "unit,indicator,period,value\n"
	         "e1,sales,2017年1-8月,100\n"
	         "e2,sales,2017年1-8月,200\n"
	         "e3,sales,2017年1-8月,300\n"
	         "e4,sales,2017年1-8月,400\n"
	         "p2,sales,2017年1-8月,1000\n");
	/* p2 files 1000 itself (its enterprises account for only 700): it stands. */
	assert_value(fig(f, "sales", "p2", "2017年1-8月"), WAN(1000));
	/* p1 files nothing: the sum of e1 and e2. */
	assert_value(fig(f, "sales", "p1", "2017年1-8月"), WAN(300));
	/* z = p1 + p2's own = 300 + 1000. */
	assert_value(fig(f, "sales", "z", "2017年1-8月"), WAN(1300));
	/* e3's share is of p2's own figure: 300 ÷ 1000 = 30.0%. */
	g = fig(f, "sales", "e3", "2017年1-8月");
	assert_true(HAS(g, FIG_SHARE));
	assert_int_equal(g.share, 300);
}

/* ---- scope and comparable growth ---- */

static void test_scope_and_comparable_growth(void **state)
{
	struct fx *f = *state;
	struct figure g;

	/* Above scale: e1, e2 in 2016; e3 joins in 2017; e4 never. */
	tdb_load(f->db, "groups",
	         "unit,group,year\n"
	         "e1,above_scale,2016\n" "e2,above_scale,2016\n"
	         "e1,above_scale,2017\n" "e2,above_scale,2017\n" "e3,above_scale,2017\n");
	tdb_load(f->db, "data",
	         "unit,indicator,period,value\n"
	         "e1,ivadd,2016,100\n" "e2,ivadd,2016,100\n" "e3,ivadd,2016,50\n" "e4,ivadd,2016,80\n"
	         "e1,ivadd,2017,110\n" "e2,ivadd,2017,120\n" "e3,ivadd,2017,70\n" "e4,ivadd,2017,90\n");
	g = fig(f, "ivadd", "z", "2017");
	/* 2017 in 2017's scope: 110 + 120 + 70 = 300 (e4's 90 is out). */
	assert_value(g, WAN(300));
	/* 2016 in 2016's scope: 100 + 100 = 200; growth 50.0%. */
	assert_true(HAS(g, FIG_PRIOR));
	assert_int_equal(g.prior, WAN(200));
	assert_true(HAS(g, FIG_GROWTH));
	assert_int_equal(g.growth, 500);
	/* Comparable: 2016 of 2017's scope = 100 + 100 + 50 = 250; (300 − 250) ÷ 250 = 20.0%. */
	assert_true(HAS(g, FIG_CGROWTH));
	assert_int_equal(g.cgrowth, 200);
	assert_true(HAS(g, FIG_YTD_GROWTH));
	assert_int_equal(g.ytd_growth, 500);
	assert_true(HAS(g, FIG_YTD_CGROWTH));
	assert_int_equal(g.ytd_cgrowth, 200);

	/* p2: 70 this year (e3); last year it had no unit in scope, so no growth;
	 * on a comparable basis (e3's 50) it grew 40.0%. */
	g = fig(f, "ivadd", "p2", "2017");
	assert_value(g, WAN(70));
	assert_false(HAS(g, FIG_PRIOR));
	assert_false(HAS(g, FIG_GROWTH));
	assert_true(HAS(g, FIG_CGROWTH));
	assert_int_equal(g.cgrowth, 400);

	/* p1 did not change its scope: both growths are (230 − 200) ÷ 200 = 15.0%. */
	g = fig(f, "ivadd", "p1", "2017");
	assert_value(g, WAN(230));
	assert_int_equal(g.growth, 150);
	assert_int_equal(g.cgrowth, 150);

	/* Without a scope, comparable growth is growth. */
	tdb_load(f->db, "data",
	         "unit,indicator,period,value\n"
	         "e1,sales,2016,100\n" "e1,sales,2017,110\n");
	g = fig(f, "sales", "e1", "2017");
	assert_true(HAS(g, FIG_GROWTH) && HAS(g, FIG_CGROWTH));
	assert_int_equal(g.growth, 100);
	assert_int_equal(g.cgrowth, 100);
}

/* ---- targets ---- */

/* A unit without a target of its own has the sum of its children's, each
 * summed when first asked for (a child with its own stops the sum there);
 * a sum that does not fit is refused for the units above it alone, and
 * asked again, refused again, while the others are answered. */
static void test_target_sums(void **state)
{
	struct fx *f = *state;
	static const char *const ASK[] = { "e1", "p2", "p1", "z", "p2", "e3", "z" };
	static const char *const IND[] = { "big", "big", "staff", "staff", "staff", "staff", "big" };
	struct kfq_model m;
	struct figure_ctx fc;
	struct period p;
	struct kfq_err err = { 0 };

	tdb_load(f->db, "data", "unit,indicator,period,value\ne1,staff,2017-08,120\n");
	tdb_load(f->db, "targets", "unit,indicator,year,value\n"
	         "e1,staff,2017,200\ne2,staff,2017,50\np2,staff,2017,70\ne3,staff,2017,999\n"
	         "e3,big,2017,900000000000000\ne4,big,2017,900000000000000\nz,big,2017,5\n");
	assert_int_equal(period_parse("2017-08", &p, &err), 0);
	assert_int_equal(model_load(f->db, &m, &err), 0);
	figure_ctx_init(&fc, f->db, &m.units, &m.inds);
	for (size_t k = 0; k < sizeof ASK / sizeof ASK[0]; k++) {
		struct figure g;
		int rc = figure_get(&fc, (size_t)indicators_find(&m.inds, IND[k]),
		                    (size_t)units_find(&m.units, ASK[k]), &p, &g, &err);
		if (strcmp(ASK[k], "p2") == 0 && strcmp(IND[k], "big") == 0) {
			assert_int_equal(rc, -1);
			assert_non_null(strstr(err.msg, "the targets under \"p2\" in 2017 do not add up"));
			continue;
		}
		assert_int_equal(rc, 0);
		if (strcmp(ASK[k], "e1") == 0) {
			assert_false(HAS(g, FIG_TARGET));
		} else if (strcmp(ASK[k], "p1") == 0) {
			assert_true(HAS(g, FIG_TARGET) && !HAS(g, FIG_TARGET_OWN));
			assert_int_equal(g.target, ONE(250));
		} else if (strcmp(ASK[k], "z") == 0 && strcmp(IND[k], "staff") == 0) {
			assert_true(HAS(g, FIG_TARGET) && !HAS(g, FIG_TARGET_OWN));
			assert_int_equal(g.target, ONE(320));   /* p1's 250 and p2's own 70 */
		} else if (strcmp(ASK[k], "p2") == 0 || strcmp(ASK[k], "e3") == 0) {
			assert_true(HAS(g, FIG_TARGET_OWN));
			assert_int_equal(g.target, ONE(strcmp(ASK[k], "p2") == 0 ? 70 : 999));
		} else {   /* z's own big */
			assert_true(HAS(g, FIG_TARGET_OWN));
			assert_int_equal(g.target, ONE(5));
		}
	}
	figure_ctx_release(&fc);
	model_release(&m);
}


static void test_target_completion(void **state)
{
	struct fx *f = *state;
	struct figure g;

	tdb_load(f->db, "data",
	         "unit,indicator,period,value\n"
	         "e1,sales,2017年1-8月,300\n"
	         "e2,sales,2017年1-8月,420\n"
	         "e1,staff,2017-08,120\n");
	tdb_load(f->db, "targets",
	         "unit,indicator,year,value\n"
	         "z,sales,2017,1000\n"
	         "e1,staff,2017,200\n");
	g = fig(f, "sales", "z", "2017年1-8月");
	assert_ytd(g, WAN(720));
	assert_true(HAS(g, FIG_TARGET));
	assert_int_equal(g.target, WAN(1000));
	/* 720 ÷ 1000 = 72.0%. */
	assert_true(HAS(g, FIG_COMPLETION));
	assert_int_equal(g.completion, 720);
	/* 8 of 12 months = 66.7% of the year; 72.0% ÷ (8/12) = 108.0%. */
	assert_int_equal(g.elapsed, 667);
	assert_true(HAS(g, FIG_TIMEPROP));
	assert_int_equal(g.timeprop, 1080);

	/* The month's figure is judged by the year to date as well. */
	g = fig(f, "sales", "z", "2017-08");
	assert_false(HAS(g, FIG_VALUE));   /* nobody filed July, so no August alone */
	assert_int_equal(g.completion, 720);
	assert_int_equal(g.timeprop, 1080);

	/* No target, no completion. */
	g = fig(f, "sales", "p1", "2017年1-8月");
	assert_false(HAS(g, FIG_TARGET));
	assert_false(HAS(g, FIG_COMPLETION));
	assert_false(HAS(g, FIG_TIMEPROP));

	/* A stock is complete at its level (120 ÷ 200 = 60.0%); time does not scale it. */
	g = fig(f, "staff", "e1", "2017-08");
	assert_true(HAS(g, FIG_COMPLETION));
	assert_int_equal(g.completion, 600);
	assert_false(HAS(g, FIG_TIMEPROP));
}

/* Regression (was a bug in calc/figure.c, figure_get, time-proportional completion): timeprop is
 * computed from dec_div(ytd, target), which rounds the ratio to DEC_SCALE
 * (4) places before it is multiplied by 12 ÷ months; the rounding error is
 * then scaled by 12000 ÷ last tenths and can move the published tenth.
 * Input: e3 target 10000 万元, ytd 1-8月 1236.5 万元. Completion 12.365% →
 * 12.4 (right). Time-proportional: exact 12.365 × 12 ÷ 8 = 18.5475% → 18.5,
 * but ratio 0.12365 is first rounded to 0.1237, and 0.1237 × 1.5 = 18.555% →
 * 18.6 (wrong). Worse for January: ytd 1234.5 of 10000 gives exact
 * 148.14% → 148.1, the code 0.1235 × 12 = 148.2. figure.h promises exact
 * ratios rounded once. Fix: compute ytd × 12 × 1000 ÷ (target × last) in
 * 128 bits with one half-away-from-zero rounding. */
static void test_timeprop_rounded_once(void **state)
{
	struct fx *f = *state;
	struct figure g;

	tdb_load(f->db, "data",
	         "unit,indicator,period,value\n"
	         "e3,sales,2017年1-8月,1236.5\n"
	         "e4,sales,2017-01,1234.5\n");
	tdb_load(f->db, "targets", "unit,indicator,year,value\ne3,sales,2017,10000\ne4,sales,2017,10000\n");
	/* (e3 itself: p2's 1-8月 is partial, e4 not having filed since January) */
	g = fig(f, "sales", "e3", "2017年1-8月");
	assert_int_equal(g.completion, 124);     /* 12.365% → 12.4 */
	assert_int_equal(g.timeprop, 185);       /* 18.5475% → 18.5 */
	g = fig(f, "sales", "e4", "2017-01");
	assert_int_equal(g.completion, 123);     /* 12.345% → 12.3 */
	assert_int_equal(g.timeprop, 1481);      /* 148.14% → 148.1 */
}

/* ---- share and rank ---- */

static void test_share_and_rank(void **state)
{
	struct fx *f = *state;
	struct figure g;

	tdb_load(f->db, "data",
	         "unit,indicator,period,value\n"
	         "e1,sales,2017年1-8月,100\n"
	         "e2,sales,2017年1-8月,300\n"
	         "e3,sales,2017年1-8月,175\n"
	         "e4,sales,2017年1-8月,175\n");
	/* p1 = 400, p2 = 350, z = 750. */
	g = fig(f, "sales", "e1", "2017年1-8月");
	assert_int_equal(g.share, 250);          /* 100 ÷ 400 */
	assert_true(HAS(g, FIG_RANK));
	assert_int_equal(g.rank, 2);
	assert_int_equal(g.nsiblings, 2);
	g = fig(f, "sales", "e2", "2017年1-8月");
	assert_int_equal(g.share, 750);
	assert_int_equal(g.rank, 1);
	g = fig(f, "sales", "p1", "2017年1-8月");
	assert_int_equal(g.share, 533);          /* 400 ÷ 750 = 53.33…% */
	assert_int_equal(g.rank, 1);
	g = fig(f, "sales", "p2", "2017年1-8月");
	assert_int_equal(g.share, 467);          /* 350 ÷ 750 = 46.66…% */
	assert_int_equal(g.rank, 2);
	/* Equal values share a rank. */
	g = fig(f, "sales", "e3", "2017年1-8月");
	assert_int_equal(g.share, 500);
	assert_int_equal(g.rank, 1);
	g = fig(f, "sales", "e4", "2017年1-8月");
	assert_int_equal(g.rank, 1);
	/* The root has neither. */
	g = fig(f, "sales", "z", "2017年1-8月");
	assert_false(HAS(g, FIG_SHARE));
	assert_false(HAS(g, FIG_RANK));
}

static void test_rank_counts_only_siblings_with_values(void **state)
{
	struct fx *f = *state;
	struct figure g;

	tdb_load(f->db, "data",
	         "unit,indicator,period,value\n"
	         "e3,sales,2017年1-8月,10\n");
	/* e4 filed nothing: e3 is first of one; its share of p2 is all of it. */
	g = fig(f, "sales", "e3", "2017年1-8月");
	assert_int_equal(g.rank, 1);
	assert_int_equal(g.nsiblings, 1);
	assert_int_equal(g.share, 1000);
	/* A unit with no value has no rank. */
	g = fig(f, "sales", "e4", "2017年1-8月");
	assert_false(HAS(g, FIG_RANK));
	assert_false(HAS(g, FIG_SHARE));
}

/* ---- formulas ---- */

static void test_formula_ratio_of_sums(void **state)
{
	struct fx *f = *state;
	struct figure g;

	tdb_load(f->db, "data",
	         "unit,indicator,period,value\n"
	         "e1,x,2017年1-8月,30\n" "e1,y,2017年1-8月,40\n"
	         "e2,x,2017年1-8月,10\n" "e2,y,2017年1-8月,60\n"
	         "e3,x,2017年1-8月,5\n" "e3,y,2017年1-8月,0\n");
	/* e1: 30 ÷ 40 × 100 = 75. */
	assert_value(fig(f, "xy_ratio", "e1", "2017年1-8月"), ONE(75));
	/* p1: (30 + 10) ÷ (40 + 60) × 100 = 40 (not 75 + 16.67, nor their mean). */
	assert_value(fig(f, "xy_ratio", "p1", "2017年1-8月"), ONE(40));
	/* z: (30 + 10 + 5) ÷ (40 + 60 + 0) × 100 = 45. */
	assert_value(fig(f, "xy_ratio", "z", "2017年1-8月"), ONE(45));
	/* e3 and p2: division by zero is no value, not zero and not a crash. */
	g = fig(f, "xy_ratio", "e3", "2017年1-8月");
	assert_false(HAS(g, FIG_VALUE));
	g = fig(f, "xy_ratio", "p2", "2017年1-8月");
	assert_false(HAS(g, FIG_VALUE));
	/* e4 filed nothing: no value. */
	g = fig(f, "xy_ratio", "e4", "2017年1-8月");
	assert_false(HAS(g, FIG_VALUE));
}

/* A formula reads partial inputs as the totals it is given: e2 has not
 * filed August. A ratio of them (xy_ratio) or a growth (x_g) is withheld
 * like a growth, with its inputs' coverage; a sum of them (xy_sum) is shown
 * as a sum is, its growth withheld. The growth of a rate is computed from
 * its exact values, and a rate has no share of its parent's rate. */
static void test_formula_of_partial_inputs(void **state)
{
	struct fx *f = *state;
	struct figure g;
	struct sbuf d;

	tdb_load(f->db, "indicators", "code,name_zh,measure,kind,agg,decimals,scope,formula\n"
	         "xy_sum,合计,万元,flow,sum,1,,x + y\n"
	         "x_g,分子增速,%,flow,none,1,,(ytd(x) - prior(ytd(x))) * 100 / prior(ytd(x))\n");
	sbuf_init(&d);
	sbuf_addf(&d, "unit,indicator,period,value\n");
	for (int y = 2016; y <= 2017; y++)
		for (int mo = 1; mo <= 8; mo++)
			for (int e = 1; e <= 2; e++) {
				if (e == 2 && y == 2017 && mo == 8)
					continue;
				sbuf_addf(&d, "e%d,x,%d-%02d,%d\ne%d,y,%d-%02d,%d\n", e, y, mo,
				          10 * e + y - 2016, e, y, mo, 40);
			}
	/* e3 alone in p2: 25.5601% in 2017 against 22.9112% in 2016 */
	sbuf_addf(&d, "e3,x,2016年1-8月,22911.2\ne3,y,2016年1-8月,100000\n"
	          "e3,x,2017年1-8月,25560.1\ne3,y,2017年1-8月,100000\n");
	tdb_load(f->db, "data", d.buf);
	sbuf_release(&d);

	/* July is whole: p1's ratio (11 + 21) × 7 ÷ (80 × 7) × 100 = 40. */
	g = fig(f, "xy_ratio", "p1", "2017年1-7月");
	assert_ytd(g, ONE(40));
	assert_int_equal(g.ytd_reported, 2);
	assert_int_equal(g.expected, 2);
	assert_true(HAS(g, FIG_YTD_GROWTH));
	/* August: e2's year to date drops out; the ratio and the growth are
	 * withheld, with x's coverage (1 of 2) */
	g = fig(f, "xy_ratio", "p1", "2017年1-8月");
	assert_false(HAS(g, FIG_YTD));
	assert_false(HAS(g, FIG_VALUE));
	assert_false(HAS(g, FIG_YTD_GROWTH));
	assert_true(HAS(g, FIG_COVERAGE));
	assert_int_equal(g.ytd_reported, 1);
	assert_int_equal(g.expected, 2);
	g = fig(f, "x_g", "p1", "2017年1-8月");
	assert_false(HAS(g, FIG_VALUE));
	assert_int_equal(g.reported, 1);
	/* the month alone: e2's August is missing, so is the month's ratio */
	g = fig(f, "xy_ratio", "p1", "2017-08");
	assert_false(HAS(g, FIG_VALUE));
	assert_int_equal(g.reported, 1);
	/* a sum of inputs is shown as a sum is: e1's 1-8月 11 × 8 + 40 × 8 */
	g = fig(f, "xy_sum", "p1", "2017年1-8月");
	assert_ytd(g, WAN(408));
	assert_int_equal(g.ytd_reported, 1);
	assert_false(HAS(g, FIG_YTD_GROWTH));
	/* asked for, the partial ratio is given: e1's 11 × 8 ÷ (40 × 8) = 27.5 */
	g = fig_partial(f, "xy_ratio", "p1", "2017年1-8月");
	assert_ytd(g, ONE(275) / 10);
	/* p2's rate: 25.6 and 22.9 shown; its growth 25.5601 ÷ 22.9112 − 1 =
	 * 11.56…% → 11.6, not 25.6 ÷ 22.9 − 1 = 11.79…% → 11.8 */
	g = fig(f, "xy_ratio", "p2", "2017年1-8月");
	assert_ytd(g, ONE(256) / 10);
	assert_int_equal(g.prior_ytd, ONE(229) / 10);
	assert_int_equal(g.ytd_growth, 116);
	/* a rate is ranked among its siblings, but is no share of the zone's */
	assert_true(HAS(g, FIG_RANK));
	assert_false(HAS(g, FIG_SHARE));
	g = fig(f, "xy_sum", "p2", "2017年1-8月");
	assert_true(HAS(g, FIG_SHARE));
}

/* ---- growth ---- */

static void test_growth(void **state)
{
	struct fx *f = *state;
	struct figure g;

	tdb_load(f->db, "data",
	         "unit,indicator,period,value\n"
	         "e1,sales,2016年1-8月,0\n"   "e1,sales,2017年1-8月,100\n"
	         "e2,sales,2016年1-8月,80\n"  "e2,sales,2017年1-8月,100\n"
	         "e3,sales,2016年1-8月,200\n" "e3,sales,2017年1-8月,150\n"
	         "e4,sales,2016年1-8月,30\n"  "e4,sales,2017年1-8月,40\n");
	/* Zero last year: there is a prior (0) but no growth. */
	g = fig(f, "sales", "e1", "2017年1-8月");
	assert_true(HAS(g, FIG_PRIOR));
	assert_int_equal(g.prior, 0);
	assert_false(HAS(g, FIG_GROWTH));
	assert_false(HAS(g, FIG_CGROWTH));
	assert_false(HAS(g, FIG_YTD_GROWTH));
	/* (100 − 80) ÷ 80 = 25.0%; (150 − 200) ÷ 200 = −25.0%; (40 − 30) ÷ 30 = 33.3%. */
	g = fig(f, "sales", "e2", "2017年1-8月");
	assert_int_equal(g.growth, 250);
	assert_int_equal(g.ytd_growth, 250);
	g = fig(f, "sales", "e3", "2017年1-8月");
	assert_int_equal(g.growth, -250);
	g = fig(f, "sales", "e4", "2017年1-8月");
	assert_int_equal(g.growth, 333);
	/* z: (390 − 310) ÷ 310 = 25.806…% → 25.8. */
	g = fig(f, "sales", "z", "2017年1-8月");
	assert_value(g, WAN(390));
	assert_int_equal(g.prior, WAN(310));
	assert_int_equal(g.growth, 258);
	/* No data last year at all: no prior, no growth. */
	tdb_load(f->db, "data", "unit,indicator,period,value\ne1,x,2017年1-8月,5\n");
	g = fig(f, "x", "e1", "2017年1-8月");
	assert_false(HAS(g, FIG_PRIOR));
	assert_false(HAS(g, FIG_GROWTH));
}

/* ---- exact totals ---- */

static void test_zone_equals_sum_of_parks(void **state)
{
	struct fx *f = *state;
	struct figure z, p1, p2;

	/* In three measures: 12 345 678 元 = 1234.5678 万元; 9.87654321 亿元 =
	 * 98765.4321 万元. */
	tdb_load(f->db, "data",
	         "unit,indicator,period,value,measure\n"
	         "e1,sales,2017年1-8月,12345678,元\n"
	         "e2,sales,2017年1-8月,0.0001,万元\n"
	         "e3,sales,2017年1-8月,9.87654321,亿元\n"
	         "e4,sales,2017年1-8月,0.3333,\n");
	p1 = fig(f, "sales", "p1", "2017年1-8月");
	p2 = fig(f, "sales", "p2", "2017年1-8月");
	z = fig(f, "sales", "z", "2017年1-8月");
	/* p1 = 1234.5679 万元, p2 = 98765.7654 万元, z = 100000.3333 万元, to the last digit. */
	assert_value(p1, INT64_C(12345679) * 10000);
	assert_value(p2, INT64_C(987657654) * 10000);
	assert_value(z, INT64_C(1000003333) * 10000);
	assert_int_equal(z.value, p1.value + p2.value);
	/* Shown exactly in either measure: 1 亿元 is 10 000 万元. */
	{
		char buf[32];
		dec_format(z.value, 4, -1, buf, sizeof buf);
		assert_string_equal(buf, "100000.3333");
		dec_format(z.value, 8, -1, buf, sizeof buf);
		assert_string_equal(buf, "10.00003333");
		dec_format(p1.value + p2.value, 8, -1, buf, sizeof buf);
		assert_string_equal(buf, "10.00003333");
	}
}

/* ---- overflow ---- */

static void test_rollup_overflow_is_an_error(void **state)
{
	struct fx *f = *state;
	struct figure g;
	struct kfq_err err = { 0 };
	struct tdb_imp r;

	/* Each fits: 5 × 10^14 元 is 5 × 10^18 stored; the sum, 10^19, is more than
	 * INT64_MAX (9.22 × 10^18). An import that would make the total is
	 * refused, naming the parent, and stores nothing. */
	tdb_run_import(f->db, "data",
	               "unit,indicator,period,value\n"
	               "e1,big,2017年1-8月,500000000000000\n"
	               "e2,big,2017年1-8月,500000000000000\n"
	               "e3,big,2017年1-8月,1\n", 0, &r);
	assert_int_equal(r.rc, -1);
	assert_err_has(&r.err, "indicator \"big\"");
	assert_err_has(&r.err, "unit \"p1\"");
	assert_err_has(&r.err, "does not fit");
	tdb_imp_release(&r);
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM obs WHERE ind_id = "
	                 "(SELECT id FROM indicator WHERE code = 'big')"), 0);
	/* Values that fit where they are, until the tree changes: e5 of a zone of
	 * its own, moved under p1. The move is not refused (the values were
	 * right); the totals that no longer fit are, as figures. */
	tdb_load(f->db, "units", "code,name,kind,parent\nw,另一区,zone,\ne5,企业五,enterprise,w\n");
	tdb_load(f->db, "data",
	         "unit,indicator,period,value\n"
	         "e1,big,2017年1-8月,500000000000000\n"
	         "e5,big,2017年1-8月,500000000000000\n");
	assert_value(fig(f, "big", "p1", "2017年1-8月"), INT64_C(500000000000000) * 10000);
	tdb_load(f->db, "units", "code,name,kind,parent\ne5,企业五,enterprise,p1\n");
	assert_int_equal(fig_try(f, "big", "p1", "2017年1-8月", &g, &err), -1);
	assert_int_equal(err.kind, KFQ_EUSER);
	assert_err_has(&err, "indicator \"big\"");
	assert_err_has(&err, "unit \"p1\"");
	assert_err_has(&err, "does not fit");
	kfq_err_clear(&err);
	assert_int_equal(fig_try(f, "big", "z", "2017年1-8月", &g, &err), -1);
	assert_err_has(&err, "does not fit");
	kfq_err_clear(&err);
	/* A unit whose own total fits keeps its figures: e1's 2018 growth is
	 * taken against its own 2017 value, which fits. */
	tdb_load(f->db, "data", "unit,indicator,period,value\ne1,big,2018年1-8月,7\n");
	g = fig(f, "big", "e1", "2018年1-8月");
	assert_true(HAS(g, FIG_PRIOR));
	assert_int_equal(g.prior, INT64_C(500000000000000) * 10000);
	/* Another indicator is not affected. */
	tdb_load(f->db, "data", "unit,indicator,period,value\ne1,sales,2017年1-8月,7\n");
	assert_value(fig(f, "sales", "z", "2017年1-8月"), WAN(7));
}

/* Regression (was a bug in calc/cube.c, own_series): when one unit's own
 * months did not add up within 64 bits, the figure came out as "no value"
 * with no error. Two months of e1 at 5e14 元 (5e18 stored each) are now
 * refused when they are imported, in one file or in two, naming e1; the
 * figure's own check stays behind it for a database written before. */
static void test_month_sum_overflow_is_an_error(void **state)
{
	struct fx *f = *state;
	struct tdb_imp r;

	tdb_run_import(f->db, "data",
	               "unit,indicator,period,value\n"
	               "e1,big,2017-01,500000000000000\n"
	               "e1,big,2017-02,500000000000000\n", 0, &r);
	assert_int_equal(r.rc, -1);
	assert_err_has(&r.err, "the total of unit \"e1\" in 2017 does not fit");
	tdb_imp_release(&r);
	tdb_load(f->db, "data", "unit,indicator,period,value\ne1,big,2017-01,500000000000000\n");
	tdb_run_import(f->db, "data",
	               "unit,indicator,period,value\ne1,big,2017-02,500000000000000\n", 0, &r);
	assert_int_equal(r.rc, -1);
	assert_err_has(&r.err, "the total of unit \"e1\" in 2017 does not fit");
	tdb_imp_release(&r);
	assert_value(fig(f, "big", "e1", "2017-01"), INT64_C(500000000000000) * 10000);
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM obs WHERE last = 2"), 0);
}

/* Regression (was a bug in calc/cube.c, fold + cube_value): a parent's year-to-date series is
 * folded month by month from whichever children are known at that month,
 * and a month's value is then v[last] − v[first−1] of that series, so the
 * two terms can cover different children. When one unit has not filed the
 * latest month yet, the parent's month value is wrong, even negative.
 * Input: e1 files months 1-8 (10, 20 … 80 万元), e2 months 1-7 only (10 … 70).
 * p1 ytd(7) = 280 + 280 = 560, p1 ytd(8) = 360 (e1 only), so p1's August =
 * 360 − 560 = −200 万元. Expected: August of p1 is e1's 80 (the units that
 * filed August), or no value; never −200. Related: p1's ytd falls from 560
 * (July) to 360 (August) without any sign that e2 is missing. Fix: take a
 * span's value per filing unit before summing (or require the same set of
 * units at first−1 and last, e.g. via cell.n, before subtracting). */
static void test_late_filer_does_not_corrupt_parent_month(void **state)
{
	struct fx *f = *state;
	struct figure g;

	tdb_load(f->db, "data",
	         "unit,indicator,period,value\n"
	         "e1,sales,2017-01,10\n" "e1,sales,2017-02,20\n" "e1,sales,2017-03,30\n"
	         "e1,sales,2017-04,40\n" "e1,sales,2017-05,50\n" "e1,sales,2017-06,60\n"
	         "e1,sales,2017-07,70\n" "e1,sales,2017-08,80\n"
	         "e2,sales,2017-01,10\n" "e2,sales,2017-02,20\n" "e2,sales,2017-03,30\n"
	         "e2,sales,2017-04,40\n" "e2,sales,2017-05,50\n" "e2,sales,2017-06,60\n"
	         "e2,sales,2017-07,70\n");
	/* July, when both have filed, is right: 70 + 70. */
	assert_value(fig(f, "sales", "p1", "2017-07"), WAN(140));
	g = fig(f, "sales", "p1", "2017-08");
	if (HAS(g, FIG_VALUE))
		assert_int_equal(g.value, WAN(80));
}

/* The months a formula's period functions read (figure_shift): prev of
 * August is July, of January last December; of Q1 last year's Q4; of the
 * year to date 1-8月 1-7月; of a year the year before. ytd(prev()) of
 * March is 1-2月; prior(ytd()) of August last year's 1-8月. */
static void test_shift(void **state)
{
	struct { unsigned fn; int y, f, l, ey, ef, el; } c[] = {
		{ FORMULA_PREV, 2017, 8, 8, 2017, 7, 7 },
		{ FORMULA_PREV, 2017, 1, 1, 2016, 12, 12 },
		{ FORMULA_PREV, 2017, 1, 3, 2016, 10, 12 },
		{ FORMULA_PREV, 2017, 4, 6, 2017, 1, 3 },
		{ FORMULA_PREV, 2017, 1, 8, 2017, 1, 7 },
		{ FORMULA_PREV, 2017, 1, 12, 2016, 1, 12 },
		{ FORMULA_PREV | FORMULA_YTD, 2017, 3, 3, 2017, 1, 2 },
		{ FORMULA_PRIOR | FORMULA_YTD, 2017, 8, 8, 2016, 1, 8 },
		{ FORMULA_VALUE, 2017, 8, 8, 2017, 8, 8 },
	};
	(void)state;
	for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
		int y = c[i].y, f = c[i].f, l = c[i].l;
		figure_shift(c[i].fn, &y, &f, &l);
		assert_int_equal(y, c[i].ey);
		assert_int_equal(f, c[i].ef);
		assert_int_equal(l, c[i].el);
	}
}

/* ---- coverage: honest totals ---- */

/* The coverage of (ind, unit) over [first, last] of 2017 from a cube built
 * from the observations, as a report without stored roll-ups sees it. */
static void cov_from_obs(struct fx *f, const char *ind, const char *unit, int first, int last,
                         uint32_t *rep, uint32_t *exp)
{
	struct kfq_model m;
	struct kfq_err err = { 0 };
	struct cube *cb;
	long i, u;

	assert_int_equal(model_load(f->db, &m, &err), 0);
	i = indicators_find(&m.inds, ind);
	u = units_find(&m.units, unit);
	assert_true(i >= 0 && u >= 0);
	assert_int_equal(cube_build(f->db, &m.units, &m.inds.v[i], 2017, 2017, &cb, &err), 0);
	assert_int_equal(cube_coverage(cb, (size_t)u, first, last, rep, exp), 0);
	cube_free(cb);
	model_release(&m);
}

/* Coverage from the stored roll-ups (what figure_get reads after an
 * import) equals coverage from the observations. */
static void assert_cov(struct fx *f, const char *ind, const char *unit, const char *period,
                       int first, int last, uint32_t rep, uint32_t exp)
{
	struct figure g = fig(f, ind, unit, period);
	uint32_t r2, e2;
	assert_true(HAS(g, FIG_COVERAGE));
	assert_int_equal(g.reported, rep);
	assert_int_equal(g.expected, exp);
	cov_from_obs(f, ind, unit, first, last, &r2, &e2);
	assert_int_equal(r2, rep);
	assert_int_equal(e2, exp);
}

/* e1 files every month 1-8 of 2017, e2 months 1-7 (August not yet), e3
 * quarters 1 and 2, e4 January and February together (1-2月) and nothing
 * after; e1 and e2 filed 2016's 1-7月 and 1-8月, e3 and e4 the year. */
static const char COVERAGE[] =
	"unit,indicator,period,value\n"
	"e1,sales,2017-01,10\n" "e1,sales,2017-02,10\n" "e1,sales,2017-03,10\n"
	"e1,sales,2017-04,10\n" "e1,sales,2017-05,10\n" "e1,sales,2017-06,10\n"
	"e1,sales,2017-07,10\n" "e1,sales,2017-08,10\n"
	"e2,sales,2017-01,20\n" "e2,sales,2017-02,20\n" "e2,sales,2017-03,20\n"
	"e2,sales,2017-04,20\n" "e2,sales,2017-05,20\n" "e2,sales,2017-06,20\n"
	"e2,sales,2017-07,20\n"
	"e3,sales,2017Q1,30\n" "e3,sales,2017Q2,30\n"
	"e4,sales,2017年1-2月,40\n"
	"e1,sales,2016年1-7月,56\n" "e1,sales,2016年1-8月,64\n"
	"e2,sales,2016年1-7月,112\n" "e2,sales,2016年1-8月,128\n"
	"e3,sales,2016,288\n" "e4,sales,2016,384\n";

static void test_coverage_counts_who_reported(void **state)
{
	struct fx *f = *state;

	tdb_load(f->db, "data", COVERAGE);
	/* July: e1 and e2 both (2 of 2); August: e2 missing (1 of 2). */
	assert_cov(f, "sales", "p1", "2017-07", 7, 7, 2, 2);
	assert_cov(f, "sales", "p1", "2017-08", 8, 8, 1, 2);
	assert_cov(f, "sales", "p1", "2017年1-8月", 1, 8, 1, 2);
	/* e3 reports by quarter: not expected in August, expected in September
	 * (the third quarter, not filed) and June (filed); e4 month by month
	 * (1-2月 together), so expected from March on and missing. */
	assert_cov(f, "sales", "p2", "2017-06", 6, 6, 0, 2);   /* e3's Q2 has no June alone */
	assert_cov(f, "sales", "p2", "2017年1-6月", 1, 6, 1, 2);
	assert_cov(f, "sales", "p2", "2017年1-8月", 1, 8, 0, 1);
	assert_cov(f, "sales", "p2", "2017年1-9月", 1, 9, 0, 2);
	assert_cov(f, "sales", "p2", "2017年1-2月", 1, 2, 1, 1);
	/* The zone adds its parks: 1-8月, e1 of e1, e2, e4. */
	assert_cov(f, "sales", "z", "2017年1-8月", 1, 8, 1, 3);
	assert_cov(f, "sales", "z", "2017年1-7月", 1, 7, 2, 3);
	/* An enterprise counts itself. */
	assert_cov(f, "sales", "e2", "2017-08", 8, 8, 0, 1);
	assert_cov(f, "sales", "e1", "2017-08", 8, 8, 1, 1);
}

static void test_partial_figures_withhold_growth(void **state)
{
	struct fx *f = *state;
	struct figure g;

	tdb_load(f->db, "data", COVERAGE);
	tdb_load(f->db, "targets", "unit,indicator,year,value\np1,sales,2017,500\n");
	/* p1 1-7月 is whole: 70 + 140 = 210 against 2016's 56 + 112 = 168 … */
	g = fig(f, "sales", "p1", "2017年1-7月");
	assert_true(HAS(g, FIG_YTD_GROWTH));
	assert_true(HAS(g, FIG_COMPLETION));
	/* … 1-8月 is partial (e2's August missing, so its whole year to date
	 * drops out): the total, e1's 80 alone, is shown with its coverage; its
	 * growth, completion and 序时进度 are not; the target still is. */
	g = fig(f, "sales", "p1", "2017年1-8月");
	assert_ytd(g, WAN(80));
	assert_int_equal(g.ytd_reported, 1);
	assert_false(HAS(g, FIG_GROWTH));
	assert_false(HAS(g, FIG_YTD_GROWTH));
	assert_false(HAS(g, FIG_COMPLETION));
	assert_false(HAS(g, FIG_TIMEPROP));
	assert_true(HAS(g, FIG_TARGET));
	/* Asked for, they are computed: 80 against 2016's 1-8月 of 64 + 128 =
	 * 192: −58.3%; completion 80 / 500 = 16.0%. */
	g = fig_partial(f, "sales", "p1", "2017年1-8月");
	assert_true(HAS(g, FIG_YTD_GROWTH));
	assert_int_equal(g.ytd_growth, -583);
	assert_int_equal(g.completion, 160);
}

/* An indicator with a scope expects every unit in it that year, even one
 * that has filed nothing: e2 is 规上 in 2017 and has not reported. */
static void test_scope_expects_members(void **state)
{
	struct fx *f = *state;

	tdb_load(f->db, "groups", "unit,group,year\ne1,above_scale,2017\ne2,above_scale,2017\n");
	tdb_load(f->db, "data", "unit,indicator,period,value\ne1,ivadd,2017-01,5\n"
	         "e3,ivadd,2017-01,7\n");
	/* p1: e1 and e2 expected, e1 reported; p2: e3 is not 规上, not counted. */
	assert_cov(f, "ivadd", "p1", "2017-01", 1, 1, 1, 2);
	assert_cov(f, "ivadd", "p2", "2017-01", 1, 1, 0, 0);
	assert_cov(f, "ivadd", "z", "2017-01", 1, 1, 1, 2);
}

/* Roll-ups grow with the data, not the unit tree (issue 13, defect 6):
 * 300 more parks, each with an enterprise and no data, and a chain of 200
 * parents, cost no stored row; the figures of the parents with data and of
 * the empty ones are what they were. Before, every parent stored its spans
 * for every key: 503 rows for one key here. */
static void test_empty_parents_store_nothing(void **state)
{
	struct fx *f = *state;
	struct sbuf units;
	struct figure g;

	sbuf_init(&units);
	sbuf_addf(&units, "code,name,kind,parent\n");
	for (int i = 0; i < 300; i++)
		sbuf_addf(&units, "q%d,空园%d,park,z\nqe%d,空企%d,enterprise,q%d\n", i, i, i, i, i);
	for (int i = 0; i < 200; i++)
		sbuf_addf(&units, "c%d,链%d,park,%s\n", i, i, i ? "" : "z");
	tdb_load(f->db, "units", units.buf);
	sbuf_release(&units);
	/* the chain: c1 under c0, c2 under c1 ... (a second file: parents first) */
	sbuf_init(&units);
	sbuf_addf(&units, "code,name,kind,parent\n");
	for (int i = 1; i < 200; i++)
		sbuf_addf(&units, "c%d,链%d,park,c%d\n", i, i, i - 1);
	sbuf_addf(&units, "ce,链底企业,enterprise,c199\n");
	tdb_load(f->db, "units", units.buf);
	sbuf_release(&units);
	tdb_load(f->db, "data", "unit,indicator,period,value\ne1,sales,2017-01,10\n"
	         "e3,sales,2017-01,5\n");
	/* one key (sales, 2017): rows for p1, p2 and z only */
	assert_int_equal(tdb_scalar(f->db, "SELECT COUNT(*) FROM rollup"), 3);
	g = fig(f, "sales", "z", "2017-01");
	assert_value(g, WAN(15));
	g = fig(f, "sales", "p1", "2017-01");
	assert_value(g, WAN(10));
	g = fig(f, "sales", "q7", "2017-01");
	assert_false(HAS(g, FIG_VALUE));
	g = fig(f, "sales", "c0", "2017-01");
	assert_false(HAS(g, FIG_VALUE));
	/* data at the bottom of the chain: every link above it has its row */
	tdb_load(f->db, "data", "unit,indicator,period,value\nce,sales,2017-01,2\n");
	assert_int_equal(tdb_scalar(f->db, "SELECT COUNT(*) FROM rollup"), 3 + 200);
	g = fig(f, "sales", "c0", "2017-01");
	assert_value(g, WAN(2));
	g = fig(f, "sales", "z", "2017-01");
	assert_value(g, WAN(17));
	g = fig(f, "sales", "q7", "2017-01");
	assert_false(HAS(g, FIG_VALUE));
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shift),
		T(test_ytd_from_months_equals_ytd_filings),
		T(test_month_from_ytd_filings),
		T(test_quarter),
		T(test_stock_level_at_period_end),
		T(test_aggregation),
		T(test_parent_own_value),
		T(test_scope_and_comparable_growth),
		T(test_target_completion),
		T(test_target_sums),
		T(test_timeprop_rounded_once),
		T(test_share_and_rank),
		T(test_rank_counts_only_siblings_with_values),
		T(test_formula_ratio_of_sums),
		T(test_formula_of_partial_inputs),
		T(test_growth),
		T(test_zone_equals_sum_of_parks),
		T(test_rollup_overflow_is_an_error),
		T(test_month_sum_overflow_is_an_error),
		T(test_late_filer_does_not_corrupt_parent_month),
		T(test_coverage_counts_who_reported),
		T(test_partial_figures_withhold_growth),
		T(test_scope_expects_members),
		T(test_empty_parents_store_nothing),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
