/* test_assess.c: unit tests for assessments on the database (assess/assess.c):
 * the inputs come from the core's figures (a plain indicator, a formula with
 * prior(), a division by land and by another indicator), units without data
 * are left out, unknown sources and units are named by the scheme's line,
 * a stored run is read back exactly after the data changed (and today's
 * inputs are seen to differ, also when an entity is added), the previous
 * year's ranks and a two-year rule, and the rows a run stores (an excluded
 * entity, its industry in the hash), and regions read from the unit groups.
 *
 * The tree: province prov with zones z1 (100 亩), z2 (200), z3 (50) and z4
 * (no data); zone zx (100 亩) is a root of its own, rated through also=.
 * Hand-worked 2017 values, per indicator (sales 万元, gdp 亿元, jobs 人):
 *           sales  land  jobs  gdp16 gdp17 | sales/亩 growth% sales/job
 *   z1      1000   100   100   10    11    |   10      10      10
 *   z2      3000   200   400   20    21    |   15       5       7.5
 *   z3       200    50    50    5     6    |    4      20       4
 *   zx       800   100   160    8     8.8  |    8      10       5
 * min-max: sales/亩 z1 54.545 z2 100 z3 0 zx 36.364; growth z1 33.333 z2 0
 * z3 100 zx 33.333; sales/job z1 100 z2 58.333 z3 0 zx 16.667. Weights 50,
 * 30, 20: z1 57.27, z2 61.67, z3 30.00, zx 31.52: ranks z2 z1 zx z3.
 * 2016 (no 2015 GDP, so the 2016 scheme has no growth; weights 70, 30):
 * sales z1 500, z2 3000, z3 400, zx 900, same jobs: sales/亩 5 15 8 9 → 0
 * 100 30 40; sales/job 5 7.5 8 5.625 → 0 83.333 100 20.833; scores z1 0,
 * z2 95, z3 51, zx 34.25: ranks z2 z3 zx z1. */
#include "testutil.h"
#include "testdb.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "assess/assess.h"
#include "base/sbuf.h"
#include "store/db.h"

struct fx {
	char path[TDB_PATH_MAX];
	struct kfq_db *db;
};

static const char UNITS[] =
	"code,name,kind,parent,land_mu\n"
	"prov,省,province,,\n"
	"z1,一区,zone,prov,100\n"
	"z2,二区,zone,prov,200\n"
	"z3,三区,zone,prov,50\n"
	"z4,四区,zone,prov,80\n"
	"zx,外区,zone,,100\n";

static const char INDS[] =
	"code,name_zh,measure,kind,agg,decimals\n"
	"sales,销售,万元,flow,sum,2\n"
	"gdp,生产总值,亿元,flow,sum,2\n"
	"jobs,从业人员,人,stock,sum,0\n";

static const char DATA[] =
	"unit,indicator,period,value\n"
	"z1,sales,2017,1000\n" "z2,sales,2017,3000\n" "z3,sales,2017,200\n" "zx,sales,2017,800\n"
	"z1,sales,2016,500\n" "z2,sales,2016,3000\n" "z3,sales,2016,400\n" "zx,sales,2016,900\n"
	"z1,gdp,2016,10\n" "z2,gdp,2016,20\n" "z3,gdp,2016,5\n" "zx,gdp,2016,8\n"
	"z1,gdp,2017,11\n" "z2,gdp,2017,21\n" "z3,gdp,2017,6\n" "zx,gdp,2017,8.8\n"
	"z1,jobs,2016-12,100\n" "z2,jobs,2016-12,400\n" "z3,jobs,2016-12,50\n" "zx,jobs,2016-12,160\n"
	"z1,jobs,2017-12,100\n" "z2,jobs,2017-12,400\n" "z3,jobs,2017-12,50\n" "zx,jobs,2017-12,160\n";

static const char SCHEME[] =
	"scheme t\n"
	"version 1\n"
	"entities kind=zone under=prov also=zx\n"
	"min_data 50\n"
	"rule last=2 years=2 reason=\"末两位\"\n"
	"indicator sales_mu weight=50 source=sales per=unit.land_mu dir=higher norm=minmax\n"
	"indicator growth weight=30 source=\"(gdp - prior(gdp)) / prior(gdp) * 100\" dir=higher norm=minmax\n"
	"indicator sales_job weight=20 source=sales per=jobs dir=higher norm=minmax\n";

static const char SCHEME16[] =
	"scheme t\n"
	"version 0\n"
	"entities kind=zone under=prov also=zx\n"
	"indicator sales_mu weight=70 source=sales per=unit.land_mu dir=higher norm=minmax\n"
	"indicator sales_job weight=30 source=sales per=jobs dir=higher norm=minmax\n";

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	*state = f;
	if (!f || tdb_create(f->path, sizeof f->path, &f->db) < 0)
		return -1;
	tdb_load(f->db, "units", UNITS);
	tdb_load(f->db, "indicators", INDS);
	tdb_load(f->db, "data", DATA);
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	tdb_destroy(f->db, f->path);
	free(f);
	return 0;
}

static size_t ent(const struct assess_data *d, const char *code)
{
	for (size_t e = 0; e < d->n; e++)
		if (strcmp(d->ents[e].code, code) == 0)
			return e;
	fail_msg("entity %s not rated", code);
	return 0;
}

/* Gather text (SCHEME when NULL) for year into d (the test fails on an error). */
static void gather_text(struct kfq_db *db, const char *text, int year, struct assess_data *d)
{
	struct as_scheme s;
	struct kfq_err err = { 0 };
	if (!text)
		text = SCHEME;
	if (assess_parse_scheme(db, text, strlen(text), "t.scheme", &s, &err) < 0 ||
	    assess_gather(db, &s, year, d, &err) < 0)
		fail_msg("%s", err.msg);
}

static void gather(struct kfq_db *db, int year, struct assess_data *d)
{
	gather_text(db, NULL, year, d);
}

/* Gather, compute and store a run of text for year; returns its id. */
static int64_t store(struct kfq_db *db, const char *text, int year)
{
	struct assess_data d;
	struct as_result r;
	struct as_input in;
	struct kfq_err err = { 0 };
	int64_t run = 0;
	gather_text(db, text, year, &d);
	in = assess_input(&d);
	if (as_compute(&d.scheme, &in, &r, &err) < 0 || assess_store(tdb_ctx(), db, &d, &r, &run, &err) < 0)
		fail_msg("%s", err.msg);
	as_result_release(&r);
	assess_data_release(&d);
	return run;
}

#define CELL(d, e, j) ((d)->raw[(e) * (d)->scheme.n_leaves + (j)])

static void test_inputs_from_figures(void **state)
{
	struct fx *f = *state;
	struct assess_data d;
	size_t z1, z2, z3, zx;

	gather(f->db, 2017, &d);
	assert_int_equal(d.n, 4);           /* z4 has no value: left out */
	assert_int_equal(d.n_nodata, 1);
	z1 = ent(&d, "z1");
	z2 = ent(&d, "z2");
	z3 = ent(&d, "z3");
	zx = ent(&d, "zx");                 /* a root of its own, through also= */
	/* sales per 亩 (万元 ÷ 亩) */
	assert_int_equal(CELL(&d, z1, 0), 10 * DEC_ONE);
	assert_int_equal(CELL(&d, z2, 0), 15 * DEC_ONE);
	assert_int_equal(CELL(&d, z3, 0), 4 * DEC_ONE);
	assert_int_equal(CELL(&d, zx, 0), 8 * DEC_ONE);
	/* growth: a formula with prior(), in percent */
	assert_int_equal(CELL(&d, z1, 1), 10 * DEC_ONE);
	assert_int_equal(CELL(&d, z2, 1), 5 * DEC_ONE);
	assert_int_equal(CELL(&d, z3, 1), 20 * DEC_ONE);
	assert_int_equal(CELL(&d, zx, 1), 10 * DEC_ONE);
	/* sales per job: divided by a stock indicator's year-end value */
	assert_int_equal(CELL(&d, z2, 2), 75000);
	assert_int_equal(CELL(&d, zx, 2), 5 * DEC_ONE);
	assert_true(d.values[z2 * 3 + 2] == 7.5);
	assert_string_equal(d.ents[z1].name, "一区");
	assess_data_release(&d);
}

static void test_missing_divisor(void **state)
{
	struct fx *f = *state;
	struct assess_data d;
	/* 2016: no 2015 GDP, so no growth for anyone; a zone without land has
	 * no sales per 亩 */
	tdb_load(f->db, "units", "code,name,kind,parent,land_mu\nz3,三区,zone,prov,\n");
	gather(f->db, 2016, &d);
	for (size_t e = 0; e < d.n; e++)
		assert_int_equal(d.present[e * 3 + 1], 0);
	assert_int_equal(d.present[ent(&d, "z3") * 3 + 0], 0);
	assert_int_equal(d.present[ent(&d, "z3") * 3 + 2], 1);
	assess_data_release(&d);
}

static void check_bad(struct kfq_db *db, const char *text, const char *needle)
{
	struct as_scheme s;
	struct kfq_err err = { 0 };
	assert_int_equal(assess_parse_scheme(db, text, strlen(text), "bad.scheme", &s, &err), -1);
	assert_err_has(&err, needle);
}

static void test_unknown_names(void **state)
{
	struct fx *f = *state;
	check_bad(f->db, "scheme t\nversion 1\nentities kind=zone\n"
	          "indicator a weight=100 source=nosuch dir=higher norm=minmax\n",
	          "bad.scheme:4: indicator a: source \"nosuch\": no such indicator");
	check_bad(f->db, "scheme t\nversion 1\nentities kind=zone\n\n"
	          "indicator a weight=100 source=\"sales / nosuch\" dir=higher norm=minmax\n",
	          "bad.scheme:5: indicator a: source \"sales / nosuch\": no indicator \"nosuch\"");
	check_bad(f->db, "scheme t\nversion 1\nentities kind=zone\n"
	          "indicator a weight=100 source=sales per=area dir=higher norm=minmax\n",
	          "bad.scheme:4: indicator a: per \"area\": no such indicator");
	check_bad(f->db, "scheme t\nversion 1\nentities kind=zone under=nowhere\n"
	          "indicator a weight=100 source=sales dir=higher norm=minmax\n",
	          "bad.scheme:3: entities: under \"nowhere\": no such unit");
	check_bad(f->db, "scheme t\nversion 1\nentities kind=zone also=z1,zz\n"
	          "indicator a weight=100 source=sales dir=higher norm=minmax\n",
	          "bad.scheme:3: entities: also \"zz\": no such unit");
}

static void test_stored_run_reproduced(void **state)
{
	struct fx *f = *state;
	struct assess_data old, now;
	struct as_result r;
	struct as_input in;
	struct kfq_err err = { 0 };
	int64_t run = store(f->db, NULL, 2017);
	char sql[160];

	assert_true(run > 0);
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM as_result"), 4);
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM as_input"), 12);
	assert_int_equal(tdb_scalar(f->db, "SELECT rank FROM as_result WHERE entity = 'z2'"), 1);
	assert_int_equal(tdb_scalar(f->db, "SELECT rank FROM as_result WHERE entity = 'z3'"), 4);
	/* the data changes after publication: z3 sold ten times as much */
	tdb_load(f->db, "data", "unit,indicator,period,value\nz3,sales,2017,2000\n");
	assert_int_equal(assess_stored(f->db, run, &old, &err), 0);
	assert_int_equal(old.run, run);
	assert_int_equal(old.period, 2017);
	assert_string_equal(old.scheme.text, SCHEME);
	assert_int_equal(CELL(&old, ent(&old, "z3"), 0), 4 * DEC_ONE);
	in = assess_input(&old);
	assert_int_equal(as_compute(&old.scheme, &in, &r, &err), 0);
	for (size_t e = 0; e < old.n; e++) {
		snprintf(sql, sizeof sql, "SELECT rank FROM as_result WHERE run = %lld AND entity = '%s'",
		         (long long)run, old.ents[e].code);
		assert_int_equal(r.ent[e].rank, tdb_scalar(f->db, sql));
	}
	assert_string_equal(old.hash, old.stored_hash);
	/* today's inputs: two values of z3 differ (sales per 亩 and per job) */
	gather(f->db, 2017, &now);
	assert_string_not_equal(now.hash, old.stored_hash);
	assert_int_equal(assess_diff(&now, &old), 2);
	assert_int_equal(CELL(&now, ent(&now, "z3"), 0), 40 * DEC_ONE);
	/* z4 files a figure: one entity more than the stored run rated */
	assess_data_release(&now);
	tdb_load(f->db, "data", "unit,indicator,period,value\nz4,sales,2017,80\n");
	gather(f->db, 2017, &now);
	assert_int_equal(now.n, 5);
	assert_int_equal(now.n_nodata, 0);
	assert_int_equal(assess_diff(&now, &old), 3);
	assert_int_equal(assess_diff(&old, &now), 3);
	as_result_release(&r);
	assess_data_release(&old);
	assess_data_release(&now);
	assert_int_equal(assess_stored(f->db, run + 7, &old, &err), -1);
	assert_err_has(&err, "no stored assessment run");
}

static void test_previous_year(void **state)
{
	struct fx *f = *state;
	struct assess_data d;
	struct as_result r;
	struct as_input in;
	struct as_rule_check rc;
	struct kfq_err err = { 0 };
	int rank[8];
	size_t nr = 0;

	gather(f->db, 2017, &d);
	assert_int_equal(assess_period_ranks(f->db, &d, 2016, rank, &nr, &err), 0);
	store(f->db, SCHEME16, 2016);
	assert_int_equal(assess_period_ranks(f->db, &d, 2016, rank, &nr, &err), 1);
	assert_int_equal(nr, 4);
	assert_int_equal(rank[ent(&d, "z2")], 1);
	assert_int_equal(rank[ent(&d, "z3")], 2);
	assert_int_equal(rank[ent(&d, "zx")], 3);
	assert_int_equal(rank[ent(&d, "z1")], 4);
	/* last two in 2016 (zx, z1) and in 2017 (zx, z3): zx breaches the rule */
	in = assess_input(&d);
	assert_int_equal(as_compute(&d.scheme, &in, &r, &err), 0);
	assert_int_equal(r.ent[ent(&d, "z1")].rank, 2);
	assert_int_equal(assess_rules(f->db, &d, &r, &rc, &err), 0);
	assert_int_equal(rc.n_rules, 1);
	assert_int_equal(rc.checked[0], 1);
	assert_int_equal(rc.n_breaches, 1);
	assert_string_equal(d.ents[rc.breaches[0].entity].code, "zx");
	as_rule_check_release(&rc);
	as_result_release(&r);
	assess_data_release(&d);
}

/* What a run stores for an excluded entity, and the hash seeing an
 * industry change (which moves an entity in or out of an exclusion). */
static void test_stored_rows(void **state)
{
	static const char TEXT[] =
		"scheme x\nversion 2\nentities kind=zone under=prov also=zx\n"
		"classes threshold A=50 B=0\n"
		"exclude industry=44 reason=\"公用事业\"\n"
		"indicator sales_mu weight=60 source=sales per=unit.land_mu dir=higher norm=minmax\n"
		"indicator sales_job weight=40 source=sales per=jobs dir=higher norm=minmax\n";
	struct fx *f = *state;
	struct assess_data a, b;
	char before[17];

	gather_text(f->db, TEXT, 2017, &a);
	snprintf(before, sizeof before, "%s", a.hash);
	assess_data_release(&a);
	tdb_load(f->db, "units", "code,name,kind,parent,industry\nz1,一区,zone,prov,4430\n");
	gather_text(f->db, TEXT, 2017, &b);
	assert_string_not_equal(b.hash, before);
	assert_string_equal(b.ents[ent(&b, "z1")].industry, "4430");
	assess_data_release(&b);
	store(f->db, TEXT, 2017);
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM as_result WHERE entity = 'z1' AND "
	                            "class = 'T' AND reason = '公用事业' AND rank IS NULL AND "
	                            "score IS NULL AND industry = '4430'"), 1);
	/* z2 sales/亩 15 → 100, sales/job 7.5 → (7.5 − 4) / (7.5 − 4) = 100: 100, A */
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM as_result WHERE entity = 'z2' AND "
	                            "class = 'A' AND rank = 1 AND abs(score - 100) < 1e-9"), 1);
	/* nodes are stored for the 3 rated entities only; inputs for all 4 */
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM as_part"), 6);
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM as_input"), 8);
	assert_int_equal(tdb_scalar(f->db, "SELECT raw FROM as_input WHERE entity = 'z1' AND "
	                            "indicator = 'sales_mu'"), 10 * DEC_ONE);
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM as_input WHERE entity = 'z1' AND "
	                            "normalised IS NULL"), 2);
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM as_run WHERE scheme = 'x' AND "
	                            "version = '2' AND period = 2017 AND left_out = 1"), 1);
}

/* Regions from unit_group: z1 is in both north and south in 2017 and takes
 * south, the first in the scheme's list; z2 south; z3 is north only in 2016
 * (none in 2017: base weights); zx is in a group the scheme does not name
 * (base weights). South weighs sales_mu 20, growth 60 (sales_job keeps 20):
 * z1 = 0.2·54.545 + 0.6·33.333 + 0.2·100 = 50.909 (57.27 with the base
 * weights); z2 = 0.2·100 + 0 + 0.2·58.333 = 31.667; z3 30.00 and zx 31.52 as
 * with the base weights. A run stored and read back has the same regions and
 * hash; a zone moved to another region afterwards changes today's hash, but
 * the stored run keeps (and recomputes with) the regions it was rated with. */
static const char RSCHEME[] =
	"scheme t\n"
	"version 1\n"
	"entities kind=zone under=prov also=zx\n"
	"regions group=south,north\n"
	"weights region=south sales_mu=20 growth=60\n"
	"indicator sales_mu weight=50 source=sales per=unit.land_mu dir=higher norm=minmax\n"
	"indicator growth weight=30 source=\"(gdp - prior(gdp)) / prior(gdp) * 100\" dir=higher norm=minmax\n"
	"indicator sales_job weight=20 source=sales per=jobs dir=higher norm=minmax\n";

static void test_regions(void **state)
{
	struct fx *f = *state;
	struct assess_data d, old;
	struct as_result r;
	struct as_input in;
	struct kfq_err err = { 0 };

	tdb_load(f->db, "groups", "unit,group,year\nz1,north,2017\nz1,south,2017\n"
	         "z2,south,2017\nz3,north,2016\nzx,other,2017\n");
	gather_text(f->db, RSCHEME, 2017, &d);
	assert_string_equal(d.ents[ent(&d, "z1")].region, "south");
	assert_string_equal(d.ents[ent(&d, "z2")].region, "south");
	assert_null(d.ents[ent(&d, "z3")].region);
	assert_null(d.ents[ent(&d, "zx")].region);
	in = assess_input(&d);
	assert_int_equal(as_compute(&d.scheme, &in, &r, &err), 0);
	assert_true(fabs(r.ent[ent(&d, "z1")].score - (0.2 * 600.0 / 11 + 20 + 20)) < 1e-9);
	assert_true(fabs(r.ent[ent(&d, "z2")].score - (20 + 0.2 * 700.0 / 12)) < 1e-9);
	assert_int_equal(r.ent[ent(&d, "z3")].published, 3000);
	assert_int_equal(r.ent[ent(&d, "zx")].published, 3152);
	assert_int_equal(r.ent[ent(&d, "z1")].rank, 1);
	as_result_release(&r);
	assess_data_release(&d);

	int64_t run = store(f->db, RSCHEME, 2017);
	assert_int_equal(assess_stored(f->db, run, &old, &err), 0);
	assert_string_equal(old.ents[ent(&old, "z1")].region, "south");
	assert_null(old.ents[ent(&old, "z3")].region);
	assert_string_equal(old.hash, old.stored_hash);
	assess_data_release(&old);
	/* z3 joins south for 2017: today's inputs hash differently */
	tdb_load(f->db, "groups", "unit,group,year\nz3,south,2017\n");
	gather_text(f->db, RSCHEME, 2017, &d);
	assert_string_equal(d.ents[ent(&d, "z3")].region, "south");
	assert_int_equal(assess_stored(f->db, run, &old, &err), 0);
	assert_string_not_equal(d.hash, old.stored_hash);
	/* the stored run keeps the regions it was rated with: z3 still has
	 * none, and it recomputes to the stored hash and scores */
	assert_null(old.ents[ent(&old, "z3")].region);
	assert_string_equal(old.hash, old.stored_hash);
	in = assess_input(&old);
	assert_int_equal(as_compute(&old.scheme, &in, &r, &err), 0);
	assert_int_equal(r.ent[ent(&old, "z3")].published, 3000);
	as_result_release(&r);
	assess_data_release(&old);
	assess_data_release(&d);
	/* a scheme without regions hashes as before: the groups do not matter */
	gather(f->db, 2017, &d);
	assert_null(d.ents[0].region);
	assess_data_release(&d);
}

/* ---- faults ---- */

/* Every row of the tables the operations read or write, as text. */
static char *content(struct kfq_db *db)
{
	static const char *const tables[] = { "as_run", "as_input", "as_result", "as_part",
	                                      "history", "meta", NULL };
	return tdb_content(db, tables);
}


/* One operation under test on a fixture's data: 0, or -1 with err. */
struct op {
	const char *what;
	int (*fn)(struct kfq_db *db, const struct op *o, struct kfq_err *err);
	struct assess_data *d;
	struct as_result *r;
	int64_t run;
};

/* Run o with a fault at operation n = 1, 2, ... until it gets through:
 * every failure is a simulated fault (never the user's error) and leaves
 * every table of content() as it was; no fault is swallowed by an operation
 * that succeeds. Returns the failed attempts. */
static long torture(struct kfq_db *db, const struct op *o)
{
	long n, failures = 0;
	for (n = 1; n < 5000; n += tdb_fault_stride()) {
		char *before = content(db), *after;
		struct kfq_err err = { 0 };
		int rc;
		db_inject_fault(db, n);
		rc = o->fn(db, o, &err);
		if (rc == 0) {
			tdb_assert_fault_pending(db, n, o->what);
			db_inject_fault(db, 0);
			free(before);
			break;
		}
		db_inject_fault(db, 0);
		failures++;
		if (err.kind != KFQ_EFAULT)
			fail_msg("%s: a fault at operation %ld was not told as a fault (kind %d): %s",
			         o->what, n, (int)err.kind, err.msg);
		if (!strstr(err.msg, "simulated fault"))
			fail_msg("%s: a fault at operation %ld was told as another fault: %s", o->what, n,
			         err.msg);
		after = content(db);
		if (strcmp(before, after) != 0)
			fail_msg("%s: a fault at operation %ld changed the database:\nbefore:\n%s\n"
			         "after:\n%s", o->what, n, before, after);
		free(before);
		free(after);
	}
	assert_true(n < 5000);
	return failures * tdb_fault_stride();   /* about the operations it took */
}

static int op_store(struct kfq_db *db, const struct op *o, struct kfq_err *err)
{
	int64_t run;
	return assess_store(tdb_ctx(), db, o->d, o->r, &run, err);
}

static int op_stored(struct kfq_db *db, const struct op *o, struct kfq_err *err)
{
	struct assess_data d;
	if (assess_stored(db, o->run, &d, err) < 0)
		return -1;
	assess_data_release(&d);
	return 0;
}

static int op_rules(struct kfq_db *db, const struct op *o, struct kfq_err *err)
{
	struct as_rule_check rc;
	if (assess_rules(db, o->d, o->r, &rc, err) < 0)
		return -1;
	as_rule_check_release(&rc);
	return 0;
}

static int op_latest(struct kfq_db *db, const struct op *o, struct kfq_err *err)
{
	int64_t run;
	return assess_latest_run(db, o->d->scheme.code, 2017, &run, err) < 0 ? -1 : 0;
}

/* Storing a run (with its regions, so every column is written), reading it
 * back, the previous year's ranks for its rule, the latest run: a fault
 * at any operation is a fault, never "no stored assessment run" or a run
 * without its entities, and a failed store writes nothing. */
static void test_fault_store_and_read(void **state)
{
	struct fx *f = *state;
	struct assess_data d;
	struct as_result r;
	struct as_input in;
	struct kfq_err err = { 0 };
	struct op o = { 0 };

	char text[1024];

	/* RSCHEME with SCHEME's rule (the last two of two years running) */
	snprintf(text, sizeof text, "%srule last=2 years=2 reason=\"末两位\"\n", RSCHEME);
	tdb_load(f->db, "groups", "unit,group,year\nz1,south,2017\n");
	store(f->db, SCHEME16, 2016);
	gather_text(f->db, text, 2017, &d);
	in = assess_input(&d);
	assert_int_equal(as_compute(&d.scheme, &in, &r, &err), 0);
	o.d = &d;
	o.r = &r;
	o.what = "store";
	o.fn = op_store;
	assert_true(torture(f->db, &o) >= 10);
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM as_run"), 2);
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM as_result WHERE region = 'south'"),
	                 1);
	o.run = tdb_scalar(f->db, "SELECT max(id) FROM as_run");
	o.what = "stored";
	o.fn = op_stored;
	assert_true(torture(f->db, &o) >= 3);
	o.what = "rules";
	o.fn = op_rules;
	assert_true(torture(f->db, &o) >= 2);
	o.what = "latest run";
	o.fn = op_latest;
	assert_true(torture(f->db, &o) >= 1);
	as_result_release(&r);
	assess_data_release(&d);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_inputs_from_figures),
		T(test_missing_divisor),
		T(test_unknown_names),
		T(test_stored_run_reproduced),
		T(test_previous_year),
		T(test_stored_rows),
		T(test_regions),
		T(test_fault_store_and_read),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
