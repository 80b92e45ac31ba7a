/* test_project_query.c: unit tests for the key-project register as the
 * front ends read it (project/project_query.h): the start rules (late, not
 * started) on chosen days; project_list with its filters; project_show's
 * plans, progress, problems (open, overdue, resolved) and history;
 * project_stats at the zone and a park; project_warnings (not started,
 * behind schedule, overdue problems, suspended) with the day taken from the
 * context or the request; the refused requests; and every query under fault
 * simulation (a failed step is a fault, never "unknown" or "no rows"). The
 * tree is zone z with parks p1 (enterprise e1) and p2; every expectation is
 * worked out in the comment beside it. */
#include "testutil.h"
#include "testdb.h"

#include <stdio.h>
#include <stdlib.h>

#include "base/ctx.h"
#include "base/date.h"
#include "base/period.h"
#include "project/project.h"
#include "project/project_query.h"
#include "store/db.h"

/* 1 万元 in stored units (1/10000 元); a count of 1 is DEC_ONE. */
#define WAN(x) ((dec)(x) * INT64_C(100000000))
#define ONE(x) ((dec)(x) * DEC_ONE)

/* ---- fixtures ---- */

struct fx {
	char path[TDB_PATH_MAX];
	struct kfq_db *db;
	struct kfq_err err;
};

static const char UNITS[] =
	"code,name,kind,parent\n"
	"z,开发区,zone,\n"
	"p1,园区一,park,z\n"
	"p2,园区二,park,z\n"
	"e1,企业一,enterprise,p1\n";

/* The register (code order: pa pb pc pd pe pg ps):
 *   pa p1 industrial     planned 2017-03, started 2017-03-15      on time
 *   pb p1 industrial     planned 2017-04, started 2017-07-01      late (July)
 *   pg p1 industrial     planned 2017-04, not started             approved
 *   pc p2 industrial     planned 2017-09, not started             approved
 *   pd p2 industrial     planned 2017-02, started 2016-11-20, completed 2017-06-10,
 *                        in production 2017-08-01
 *   pe p2 environmental  planned 2017-04, started 2017-04-10      (other_inv_actual)
 *   ps p2 industrial     planned 2017-03, not started, suspended (资金未到位), no plan */
static const char PROJECTS[] =
	"code,name,category,park,owner,industry,key_level,total_investment,planned_start,"
	"actual_start,planned_end,actual_end,production,status,reason,reopen,milestones\n"
	"pa,甲项目,industrial,p1,e1,C3587,city,50000,2017-03,2017-03-15,2018-06,,,construction,,,主体封顶\n"
	"pb,乙项目,industrial,p1,,,,20000,2017-04,2017-07-01,2018-12,,,construction,,,\n"
	"pg,戊项目,industrial,p1,,,,3000,2017-04,,2018-03,,,approved,,,\n"
	"pc,丙项目,industrial,p2,,,,8000,2017-09,,2019-01,,,approved,,,\n"
	"pd,丁项目,industrial,p2,,,province,6000,2017-02,2016-11-20,2017-06,2017-06-10,2017-08-01,"
	"production,,,\n"
	"pe,河道整治,environmental,p2,,,,9000,2017-04,2017-04-10,2018-12,,,construction,,,\n"
	"ps,辛项目,industrial,p2,,,,7000,2017-03,,2018-12,,,suspended,资金未到位,,\n";

/* Plans in 万元: key 2017 = 1000 + 400 + 100 + 300 + 200 = 2000 (p1 1500,
 * p2 500); pe's 800 is other_inv_actual. */
static const char PLANS[] =
	"project,year,planned(万元)\n"
	"pa,2017,1000\n"
	"pb,2017,400\n"
	"pg,2017,100\n"
	"pc,2017,300\n"
	"pd,2017,200\n"
	"pe,2017,800\n";

/* Investment to August, 万元: key = 600 + 150 + 200 = 950; other = 200. */
static const char PROGRESS[] =
	"project,period,investment(万元),physical,note\n"
	"pa,2017年1-8月,600,60,主体施工\n"
	"pb,2017年1-8月,150,,\n"
	"pd,2017年1-8月,200,,\n"
	"pe,2017年1-8月,200,,\n";

/* pa's problem resolved before its deadline; pb's open since June 30;
 * pc's past its deadline on September 30, resolved on October 20. */
static const char PROBLEMS[] =
	"project,raised,description,dept,deadline,resolved\n"
	"pa,2017-03-01,施工用电,供电公司,2017-04-30,2017-04-20\n"
	"pb,2017-05-01,环评未批复,环保局,2017-06-30,\n"
	"pc,2017-08-01,用地指标未落实,国土分局,2017-09-30,2017-10-20\n";

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
	*state = f;
	return 0;
}

/* The fixture with the whole register loaded. */
static int setup_register(void **state)
{
	struct fx *f;
	if (setup(state) != 0)
		return -1;
	f = *state;
	tdb_import_ok(f->db, "projects", PROJECTS, 7, 0, 0);
	tdb_import_ok(f->db, "project-plan", PLANS, 6, 0, 0);
	tdb_import_ok(f->db, "progress", PROGRESS, 4, 0, 0);
	tdb_import_ok(f->db, "project-problems", PROBLEMS, 3, 0, 0);
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	tdb_destroy(f->db, f->path);
	tdb_clock_reset();
	free(f);
	return 0;
}

static struct date day(int y, int m, int d)
{
	struct date x = { y, m, d };
	return x;
}

/* ---- the start rules, on chosen days ---- */

static void test_start_rules(void **state)
{
	struct project_info p;
	struct date d;
	(void)state;

	memset(&p, 0, sizeof p);
	/* Planned 2017-03, not started on 2017-04-01: the planned month has
	 * passed: late, and not started. */
	p.planned_start = "2017-03";
	d = day(2017, 4, 1);
	assert_true(project_is_late(&p, &d));
	assert_true(project_not_started(&p, &d));
	/* On 2017-03-31 the planned month has not passed yet: neither. */
	d = day(2017, 3, 31);
	assert_false(project_is_late(&p, &d));
	assert_false(project_not_started(&p, &d));
	/* Planned 2017-04, started 2017-07-01: on 2017-10-01 started after the
	 * planned month (late) but started (not "not started"). */
	p.planned_start = "2017-04";
	p.actual_start = "2017-07-01";
	d = day(2017, 10, 1);
	assert_true(project_is_late(&p, &d));
	assert_false(project_not_started(&p, &d));
	/* Judged on 2017-06-30 (looking back) it had not started yet, April
	 * having passed: late and not started. */
	d = day(2017, 6, 30);
	assert_true(project_is_late(&p, &d));
	assert_true(project_not_started(&p, &d));
	/* Started on its start day 2017-07-01: started by that day. */
	d = day(2017, 7, 1);
	assert_false(project_not_started(&p, &d));
	assert_true(project_is_late(&p, &d));
	/* Planned 2017-03, started 2017-03-15: on time, never late. */
	p.planned_start = "2017-03";
	p.actual_start = "2017-03-15";
	d = day(2017, 12, 31);
	assert_false(project_is_late(&p, &d));
	assert_false(project_not_started(&p, &d));
	/* Started early (2016-11-20 for 2017-02): not late. */
	p.planned_start = "2017-02";
	p.actual_start = "2016-11-20";
	assert_false(project_is_late(&p, &d));
	/* No planned start: nothing to be late against. */
	p.planned_start = NULL;
	p.actual_start = NULL;
	assert_false(project_is_late(&p, &d));
	assert_false(project_not_started(&p, &d));
}

/* ---- project_list ---- */

static const struct project_list_row *list_row(const struct project_list *l, const char *code)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i].p.code, code) == 0)
			return &l->v[i];
	fail_msg("%s is not in the list", code);
	return NULL;
}

/* The codes of the list, space-separated, into buf. */
static const char *codes_of(const struct project_list *l, char *buf, size_t n)
{
	size_t len = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < l->n && len < n; i++)
		len += (size_t)snprintf(buf + len, n - len, "%s%s", i ? " " : "", l->v[i].p.code);
	return buf;
}

static void list_ok(struct fx *f, const struct project_list_req *req, struct project_list *l)
{
	if (project_list(tdb_ctx(), f->db, req, l, &f->err) != 0)
		fail_msg("project_list: %s", f->err.msg);
}

static void test_list(void **state)
{
	struct fx *f = *state;
	struct project_list_req req = { -1, NULL, 0, { 0 } };
	struct project_list l;
	const struct project_list_row *r;
	char buf[128];

	tdb_clock("2017-10-01", NULL);
	list_ok(f, &req, &l);
	/* Every project in code order; the day is the context's. */
	assert_string_equal(codes_of(&l, buf, sizeof buf), "pa pb pc pd pe pg ps");
	assert_int_equal(l.day.year, 2017);
	assert_int_equal(l.day.month, 10);
	assert_int_equal(l.day.day, 1);
	assert_int_equal(l.money_decimals, 2);   /* key_inv_actual's */
	/* pa: 50 000 万元 in total; its 2017 plan 1000 万元, 600 to date at
	 * 1-8月, the latest month filed through October. */
	r = list_row(&l, "pa");
	assert_string_equal(r->p.name, "甲项目");
	assert_string_equal(r->p.park, "p1");
	assert_string_equal(r->p.park_name, "园区一");
	assert_string_equal(r->p.owner, "e1");
	assert_string_equal(r->p.status, "construction");
	assert_string_equal(r->p.planned_start, "2017-03");
	assert_string_equal(r->p.actual_start, "2017-03-15");
	assert_null(r->p.actual_end);
	assert_int_equal(r->p.total, WAN(50000));
	assert_int_equal(r->has, PH_PLAN | PH_YTD);
	assert_int_equal(r->plan, WAN(1000));
	assert_int_equal(r->ytd, WAN(600));
	assert_int_equal(r->through.year, 2017);
	assert_int_equal(r->through.kind, PERIOD_YTD);
	assert_int_equal(r->through.first, 1);
	assert_int_equal(r->through.last, 8);
	/* pc: planned (300 万元), nothing filed. */
	r = list_row(&l, "pc");
	assert_int_equal(r->has, PH_PLAN);
	assert_int_equal(r->plan, WAN(300));
	/* pe, environmental: its plan and investment are other_inv_actual's. */
	r = list_row(&l, "pe");
	assert_int_equal(r->has, PH_PLAN | PH_YTD);
	assert_int_equal(r->plan, WAN(800));
	assert_int_equal(r->ytd, WAN(200));
	/* ps: no plan, nothing filed. */
	r = list_row(&l, "ps");
	assert_int_equal(r->has, 0);
	assert_string_equal(r->p.reason, "资金未到位");
	project_list_release(&l);

	/* Late on 2017-10-01: pb (started in July, planned April), pc (planned
	 * September, not started), pg (April, not started), ps (March, not
	 * started; suspended, but late all the same). pa and pe started in
	 * their month, pd before it. */
	req.late = 1;
	list_ok(f, &req, &l);
	assert_string_equal(codes_of(&l, buf, sizeof buf), "pb pc pg ps");
	project_list_release(&l);
	/* The request's day over the context's: on 2017-09-15 pc's September
	 * has not passed. */
	req.date = day(2017, 9, 15);
	list_ok(f, &req, &l);
	assert_string_equal(codes_of(&l, buf, sizeof buf), "pb pg ps");
	assert_int_equal(l.day.month, 9);
	assert_int_equal(l.day.day, 15);
	project_list_release(&l);

	/* Under construction: pa, pb, pe; suspended: ps. */
	req = (struct project_list_req){ PS_CONSTRUCTION, NULL, 0, { 0 } };
	list_ok(f, &req, &l);
	assert_string_equal(codes_of(&l, buf, sizeof buf), "pa pb pe");
	project_list_release(&l);
	req.status = PS_SUSPENDED;
	list_ok(f, &req, &l);
	assert_string_equal(codes_of(&l, buf, sizeof buf), "ps");
	project_list_release(&l);

	/* Park p2: pc, pd, pe, ps; and late in p2 on 2017-10-01: pc, ps. */
	req = (struct project_list_req){ -1, "p2", 0, { 0 } };
	list_ok(f, &req, &l);
	assert_string_equal(codes_of(&l, buf, sizeof buf), "pc pd pe ps");
	project_list_release(&l);
	req.late = 1;
	list_ok(f, &req, &l);
	assert_string_equal(codes_of(&l, buf, sizeof buf), "pc ps");
	project_list_release(&l);

	/* In 2018 nobody has a plan: the rows carry none. */
	req = (struct project_list_req){ -1, NULL, 0, { 2018, 1, 15 } };
	list_ok(f, &req, &l);
	for (size_t i = 0; i < l.n; i++)
		assert_int_equal(l.v[i].has, 0);
	project_list_release(&l);
}

static void test_list_refused(void **state)
{
	struct fx *f = *state;
	struct project_list_req req = { -1, "e1", 0, { 0 } };
	struct project_list l;

	/* e1 is an enterprise: the parks are p1 and p2 (z is a zone without
	 * projects of its own). */
	assert_int_equal(project_list(tdb_ctx(), f->db, &req, &l, &f->err), -1);
	assert_int_equal(f->err.kind, KFQ_EUSER);
	assert_string_equal(f->err.msg, "project list: --park \"e1\" is not a park (expected one "
	                    "of: p1, p2)");
	assert_int_equal(l.n, 0);
	project_list_release(&l);
	req.park = "nowhere";
	assert_int_equal(project_list(tdb_ctx(), f->db, &req, &l, &f->err), -1);
	assert_err_has(&f->err, "\"nowhere\" is not a park");
	project_list_release(&l);
	/* A status that is not one. */
	req = (struct project_list_req){ 99, NULL, 0, { 0 } };
	assert_int_equal(project_list(tdb_ctx(), f->db, &req, &l, &f->err), -1);
	assert_int_equal(f->err.kind, KFQ_EUSER);
	project_list_release(&l);
}

/* ---- project_show ---- */

static void show_ok(struct fx *f, const struct project_show_req *req, struct project_show *s)
{
	if (project_show(tdb_ctx(), f->db, req, s, &f->err) != 0)
		fail_msg("project_show(%s): %s", req->code, f->err.msg);
}

static void test_show(void **state)
{
	struct fx *f = *state;
	struct project_show_req req = { "pa", 0, { 0 } };
	struct project_show s;
	int64_t nhist;

	tdb_clock("2017-10-01", NULL);
	show_ok(f, &req, &s);
	assert_string_equal(s.p.code, "pa");
	assert_string_equal(s.p.industry, "C3587");
	assert_string_equal(s.p.key_level, "city");
	assert_string_equal(s.p.milestones, "主体封顶");
	assert_true(s.has_investment);
	assert_int_equal(s.physical_decimals, 1);
	/* One plan year: 2017, 1000 万元, 600 to date at 1-8月: 60.0%. */
	assert_int_equal(s.nplans, 1);
	assert_int_equal(s.plans[0].year, 2017);
	assert_int_equal(s.plans[0].has, PH_PLAN | PH_YTD | PH_COMPLETION);
	assert_int_equal(s.plans[0].plan, WAN(1000));
	assert_int_equal(s.plans[0].ytd, WAN(600));
	assert_int_equal(s.plans[0].through.last, 8);
	assert_int_equal(s.plans[0].completion, 600);
	/* One progress row: the year to date 1-8月, 600 万元, 60%, the note. */
	assert_int_equal(s.nprogress, 1);
	assert_int_equal(s.progress[0].period.kind, PERIOD_YTD);
	assert_int_equal(s.progress[0].period.first, 1);
	assert_int_equal(s.progress[0].period.last, 8);
	assert_true(s.progress[0].has_investment);
	assert_int_equal(s.progress[0].investment, WAN(600));
	assert_true(s.progress[0].has_physical);
	assert_int_equal(s.progress[0].physical, ONE(60));
	assert_string_equal(s.progress[0].note, "主体施工");
	/* Its problem was resolved on 2017-04-20. */
	assert_int_equal(s.nproblems, 1);
	assert_string_equal(s.problems[0].description, "施工用电");
	assert_int_equal(s.problems[0].state, PROBLEM_RESOLVED);
	assert_string_equal(s.problems[0].resolved, "2017-04-20");
	/* New projects and plans leave no history: none yet. */
	assert_int_equal(s.history.n, 0);
	project_show_release(&s);

	/* A changed milestone (the register, no indicator) and a changed plan
	 * (a target of key_inv_actual, in 亿元: shift 8) are pa's history,
	 * oldest first. */
	tdb_import_ok(f->db, "projects",
	              "code,name,category,park,owner,industry,key_level,total_investment,"
	              "planned_start,actual_start,planned_end,actual_end,production,status,reason,"
	              "reopen,milestones\npa,甲项目,industrial,p1,e1,C3587,city,50000,2017-03,"
	              "2017-03-15,2018-06,,,construction,,,设备进场\n", 0, 1, 0);
	tdb_import_ok(f->db, "project-plan", "project,year,planned(万元)\npa,2017,1100\n", 0, 1, 0);
	show_ok(f, &req, &s);
	nhist = tdb_scalar(f->db, "SELECT count(*) FROM history WHERE unit = 'pa'");
	assert_int_equal(nhist, 2);
	assert_int_equal((int64_t)s.history.n, nhist);
	assert_string_equal(s.history.v[0].kind, "project");
	assert_null(s.history.v[0].indicator);
	assert_string_equal(s.history.v[0].note, "milestones: 主体封顶 → 设备进场");
	assert_int_equal(s.history_shift[0], 0);
	{
		const struct history_row *h = &s.history.v[s.history.n - 1];
		size_t last = s.history.n - 1;
		assert_string_equal(h->kind, "target");
		assert_string_equal(h->indicator, "key_inv_actual");
		assert_int_equal(s.history_shift[last], 8);
		/* 1000 → 1100 万元 */
		assert_true(h->has_old && h->has_new);
		assert_int_equal(h->old_value, WAN(1000));
		assert_int_equal(h->new_value, WAN(1100));
	}
	/* The plan is now 1100: 600 ÷ 1100 = 54.5454… → 54.5%. */
	assert_int_equal(s.plans[0].plan, WAN(1100));
	assert_int_equal(s.plans[0].completion, 545);
	assert_string_equal(s.p.milestones, "设备进场");
	project_show_release(&s);

	/* pb's problem: deadline 2017-06-30, open. On 2017-10-01 overdue; on
	 * 2017-06-01 (the request's day) open. */
	req.code = "pb";
	show_ok(f, &req, &s);
	assert_int_equal(s.nproblems, 1);
	assert_int_equal(s.problems[0].state, PROBLEM_OVERDUE);
	assert_null(s.problems[0].resolved);
	/* pb filed only a year to date: progress 1-8月 150 万元, no physical. */
	assert_int_equal(s.nprogress, 1);
	assert_false(s.progress[0].has_physical);
	project_show_release(&s);
	req.date = day(2017, 6, 1);
	show_ok(f, &req, &s);
	assert_int_equal(s.problems[0].state, PROBLEM_OPEN);
	project_show_release(&s);

	/* pc's problem, past its deadline on 2017-10-01 but resolved on 10-20:
	 * show gives its resolution whatever the day (the warnings, looking
	 * back, count it overdue on 10-01: see test_warnings). */
	req = (struct project_show_req){ "pc", 0, { 2017, 10, 1 } };
	show_ok(f, &req, &s);
	assert_int_equal(s.problems[0].state, PROBLEM_RESOLVED);
	assert_string_equal(s.problems[0].resolved, "2017-10-20");
	/* Planned, nothing filed: the plan without investment to date. */
	assert_int_equal(s.nplans, 1);
	assert_int_equal(s.plans[0].has, PH_PLAN);
	assert_int_equal(s.plans[0].through.last, 12);
	assert_int_equal(s.nprogress, 0);
	project_show_release(&s);

	/* The attributes alone. */
	req = (struct project_show_req){ "pa", 1, { 0 } };
	show_ok(f, &req, &s);
	assert_string_equal(s.p.name, "甲项目");
	assert_int_equal(s.nplans + s.nprogress + s.nproblems + s.history.n, 0);
	project_show_release(&s);
}

static void test_show_unknown(void **state)
{
	struct fx *f = *state;
	struct project_show_req req = { "px", 0, { 0 } };
	struct project_show s;

	assert_int_equal(project_show(tdb_ctx(), f->db, &req, &s, &f->err), -1);
	assert_int_equal(f->err.kind, KFQ_EUSER);
	assert_string_equal(f->err.msg, "project show: unknown project \"px\" (see kfq project list)");
	project_show_release(&s);
	/* A unit that is not a project. */
	req.code = "p1";
	assert_int_equal(project_show(tdb_ctx(), f->db, &req, &s, &f->err), -1);
	assert_string_equal(f->err.msg, "project show: unknown project \"p1\" (see kfq project list)");
	project_show_release(&s);
}

/* ---- project_stats ---- */

static void test_stats(void **state)
{
	struct fx *f = *state;
	struct project_stats_req req = { { 0 }, NULL };
	struct project_stats s;
	struct kfq_err err = { 0 };

	assert_int_equal(period_parse("2017年1-8月", &req.period, &err), 0);
	if (project_stats(tdb_ctx(), f->db, &req, &s, &f->err) != 0)
		fail_msg("project_stats: %s", f->err.msg);
	assert_string_equal(s.unit, "z");
	assert_string_equal(s.unit_name, "开发区");
	assert_int_equal(s.period.kind, PERIOD_YTD);
	assert_int_equal(s.period.last, 8);
	for (int k = 0; k < PST_N; k++)
		assert_true(s.v[k].has);
	/* Key projects: the industrial ones with a 2017 plan, pa pb pg pc pd: 5
	 * (ps has no plan, pe is environmental). */
	assert_int_equal(s.v[PST_KEY].value, ONE(5));
	/* Planned to start by August: pa (03), pb, pg (04), pd (02): 4; pc's
	 * September is still ahead. Started: pa (March), pb (July), pd (in
	 * 2016: counted in January): 3, of which pb late: 1, on time 2. */
	assert_int_equal(s.v[PST_PLANNED].value, ONE(4));
	assert_int_equal(s.v[PST_STARTED].value, ONE(3));
	assert_int_equal(s.v[PST_LATE].value, ONE(1));
	assert_int_equal(s.v[PST_ON_TIME].value, ONE(2));
	/* Start rate 3 ÷ 4 = 75.0%, shown with one decimal. */
	assert_int_equal(s.v[PST_START_RATE].value, ONE(75));
	assert_int_equal(s.v[PST_START_RATE].decimals, 1);
	/* pd completed in June and in production in August: 1 and 1. */
	assert_int_equal(s.v[PST_COMPLETED].value, ONE(1));
	assert_int_equal(s.v[PST_PRODUCTION].value, ONE(1));
	/* Investment 600 + 150 + 200 = 950 万元 (亿元: shift 8, 2 decimals)
	 * against the plans' 2000: 47.5%; 8 months elapsed: 47.5 × 12 ÷ 8 =
	 * 71.25 → 71.3. */
	assert_int_equal(s.v[PST_INVESTMENT].value, WAN(950));
	assert_int_equal(s.v[PST_INVESTMENT].shift, 8);
	assert_int_equal(s.v[PST_INVESTMENT].decimals, 2);
	assert_int_equal(s.has, PH_PLAN | PH_COMPLETION | PH_TIMEPROP);
	assert_int_equal(s.plan, WAN(2000));
	assert_int_equal(s.completion, 475);
	assert_int_equal(s.timeprop, 713);
	assert_int_equal(s.money_decimals, 2);
	project_stats_release(&s);

	/* Park p1 in August (the year to date 1-8月): pa, pb, pg key, all three
	 * planned by August, pa and pb started; 750 of 1500 万元: 50.0%. */
	assert_int_equal(period_parse("2017-08", &req.period, &err), 0);
	req.unit = "p1";
	if (project_stats(tdb_ctx(), f->db, &req, &s, &f->err) != 0)
		fail_msg("project_stats: %s", f->err.msg);
	assert_string_equal(s.unit, "p1");
	assert_int_equal(s.period.kind, PERIOD_YTD);
	assert_int_equal(s.v[PST_KEY].value, ONE(3));
	assert_int_equal(s.v[PST_PLANNED].value, ONE(3));
	assert_int_equal(s.v[PST_STARTED].value, ONE(2));
	assert_int_equal(s.v[PST_COMPLETED].value, 0);
	assert_int_equal(s.v[PST_INVESTMENT].value, WAN(750));
	assert_int_equal(s.plan, WAN(1500));
	assert_int_equal(s.completion, 500);
	project_stats_release(&s);
}

static void test_stats_refused(void **state)
{
	struct fx *f = *state;
	struct project_stats_req req = { { 0 }, NULL };
	struct project_stats s;
	struct kfq_err err = { 0 };

	/* No period. */
	assert_int_equal(project_stats(tdb_ctx(), f->db, &req, &s, &f->err), -1);
	assert_int_equal(f->err.kind, KFQ_EUSER);
	assert_err_has(&f->err, "project stats: --period is required (");
	project_stats_release(&s);
	/* Before any project import the project indicators are missing: the
	 * first one asked for is named. */
	assert_int_equal(period_parse("2017", &req.period, &err), 0);
	assert_int_equal(project_stats(tdb_ctx(), f->db, &req, &s, &f->err), -1);
	assert_int_equal(f->err.kind, KFQ_EUSER);
	assert_string_equal(f->err.msg, "project: no project figures yet (indicator \"key_projects\" "
	                    "is missing): import projects first (kfq import projects FILE)");
	project_stats_release(&s);
	/* An unknown unit. */
	req.unit = "nowhere";
	assert_int_equal(project_stats(tdb_ctx(), f->db, &req, &s, &f->err), -1);
	assert_err_has(&f->err, "unknown unit \"nowhere\"");
	project_stats_release(&s);
}

/* ---- project_warnings ---- */

static void warn_ok(struct fx *f, const struct project_warnings_req *req,
                    struct project_warnings *w)
{
	if (project_warnings(tdb_ctx(), f->db, req, w, &f->err) != 0)
		fail_msg("project_warnings: %s", f->err.msg);
}

/* "kind code" of every warning, "|" between, into buf. */
static const char *warns_of(const struct project_warnings *w, char *buf, size_t n)
{
	size_t len = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < w->n && len < n; i++)
		len += (size_t)snprintf(buf + len, n - len, "%s%s %s", i ? "|" : "",
		                        PROJECT_WARNING_KIND[w->v[i].kind], w->v[i].code);
	return buf;
}

static void test_warnings(void **state)
{
	struct fx *f = *state;
	struct project_warnings_req req = { NULL, { 0 }, 10 };
	struct project_warnings w;
	char buf[512];

	tdb_clock("2017-10-01", NULL);
	warn_ok(f, &req, &w);
	assert_string_equal(w.unit, "z");
	assert_string_equal(w.unit_name, "开发区");
	assert_int_equal(w.day.month, 10);
	/* On 2017-10-01, threshold 10 points:
	 * - not started (planned before October, not started, not suspended):
	 *   pc (09), pg (04);
	 * - behind schedule (8 of 12 months elapsed at 1-8月: 66.7%): pb 150 of
	 *   400 = 37.5%, 29.2 points behind; pc and pg filed nothing: 0% against
	 *   9 months (on October 1st September is the last month ended; October
	 *   is not over): 75.0%; pe 200 of 800 =
	 *   25.0%. Not pa (60.0%: 6.7 points), pd (100%), ps (no plan);
	 * - overdue problems by deadline: pb's (06-30, open), pc's (09-30,
	 *   resolved only on 10-20);
	 * - suspended: ps. */
	assert_string_equal(warns_of(&w, buf, sizeof buf),
	                    "not started pc|not started pg|behind schedule pb|behind schedule pc|"
	                    "behind schedule pe|behind schedule pg|overdue problem pb|"
	                    "overdue problem pc|suspended ps");
	assert_string_equal(w.v[0].detail, "planned start 2017-09; status approved");
	assert_string_equal(w.v[0].park, "p2");
	assert_string_equal(w.v[0].park_name, "园区二");
	/* pb: 37.5% of 400 万元 = 0.04 亿元 against 66.7%. */
	assert_string_equal(w.v[2].detail, "2017年1-8月: 37.5% of the 2017 plan (0.04 亿元) against "
	                    "66.7% of the year elapsed");
	assert_int_equal(w.v[2].completion, 375);
	assert_int_equal(w.v[2].elapsed, 667);
	assert_int_equal(w.v[2].plan, WAN(400));
	assert_int_equal(w.v[2].at.last, 8);
	/* pc: nothing filed through September: 9 months, 75.0%. */
	assert_string_equal(w.v[3].detail, "no year-to-date investment filed through 2017年1-9月: 0% "
	                    "of the 2017 plan (0.03 亿元) against 75.0% of the year elapsed");
	assert_int_equal(w.v[3].completion, 0);
	assert_int_equal(w.v[3].elapsed, 750);
	/* pe's plan is other_inv_actual's: 200 of 800 = 25.0%. */
	assert_string_equal(w.v[4].detail, "2017年1-8月: 25.0% of the 2017 plan (0.08 亿元) against "
	                    "66.7% of the year elapsed");
	/* pb's problem: 2017-06-30 to 2017-10-01 is 1 + 31 + 31 + 30 = 93 days;
	 * pc's a single day. */
	assert_string_equal(w.v[6].detail, "环评未批复; 环保局; deadline 2017-06-30; 93 days overdue");
	assert_int_equal(w.v[6].days, 93);
	assert_string_equal(w.v[6].deadline, "2017-06-30");
	assert_string_equal(w.v[7].detail, "用地指标未落实; 国土分局; deadline 2017-09-30; 1 day overdue");
	assert_int_equal(w.v[7].days, 1);
	assert_string_equal(w.v[8].detail, "资金未到位");
	project_warnings_release(&w);

	/* Park p1 alone: pg not started; pb and pg behind; pb's problem. */
	req.unit = "p1";
	warn_ok(f, &req, &w);
	assert_string_equal(warns_of(&w, buf, sizeof buf),
	                    "not started pg|behind schedule pb|behind schedule pg|overdue problem pb");
	project_warnings_release(&w);

	/* Threshold 30 points: pb's 29.2 is within it. */
	req = (struct project_warnings_req){ "p1", { 0 }, 30 };
	warn_ok(f, &req, &w);
	assert_string_equal(warns_of(&w, buf, sizeof buf),
	                    "not started pg|behind schedule pg|overdue problem pb");
	project_warnings_release(&w);

	/* The request's day over the context's: on 2017-11-01 pc's problem was
	 * resolved (10-20); pb's is 124 days overdue (93 + 31). */
	req = (struct project_warnings_req){ NULL, { 2017, 11, 1 }, 10 };
	warn_ok(f, &req, &w);
	assert_int_equal(w.day.month, 11);
	for (size_t i = 0; i < w.n; i++)
		if (w.v[i].kind == PW_OVERDUE_PROBLEM) {
			assert_string_equal(w.v[i].code, "pb");
			assert_int_equal(w.v[i].days, 124);
		}
	project_warnings_release(&w);

	/* On 2017-09-15 (September: 8 months filed at 1-8月, 66.7% elapsed),
	 * threshold 0: pa's 60.0% is 6.7 points behind; pc is not late in its
	 * planned month. */
	req = (struct project_warnings_req){ NULL, { 2017, 9, 15 }, 0 };
	warn_ok(f, &req, &w);
	assert_string_equal(warns_of(&w, buf, sizeof buf),
	                    "not started pg|behind schedule pa|behind schedule pb|behind schedule pc|"
	                    "behind schedule pe|behind schedule pg|overdue problem pb|suspended ps");
	project_warnings_release(&w);
}

static void test_warnings_refused(void **state)
{
	struct fx *f = *state;
	struct project_warnings_req req = { NULL, { 0 }, 101 };
	struct project_warnings w;

	assert_int_equal(project_warnings(tdb_ctx(), f->db, &req, &w, &f->err), -1);
	assert_int_equal(f->err.kind, KFQ_EUSER);
	assert_string_equal(f->err.msg, "project warn: --threshold 101: expected whole percentage "
	                    "points from 0 to 100");
	project_warnings_release(&w);
	req.threshold = -1;
	assert_int_equal(project_warnings(tdb_ctx(), f->db, &req, &w, &f->err), -1);
	assert_err_has(&f->err, "--threshold -1");
	project_warnings_release(&w);
	req = (struct project_warnings_req){ "nowhere", { 0 }, 10 };
	assert_int_equal(project_warnings(tdb_ctx(), f->db, &req, &w, &f->err), -1);
	assert_err_has(&f->err, "unknown unit \"nowhere\"");
	project_warnings_release(&w);
}

/* ---- under fault simulation ---- */

typedef int (*query_op)(struct fx *f);

static int op_list(struct fx *f)
{
	struct project_list_req req = { -1, "p1", 1, { 2017, 10, 1 } };
	struct project_list l;
	int rc = project_list(tdb_ctx(), f->db, &req, &l, &f->err);
	project_list_release(&l);
	return rc;
}

static int op_show(struct fx *f)
{
	struct project_show_req req = { "pb", 0, { 2017, 10, 1 } };
	struct project_show s;
	int rc = project_show(tdb_ctx(), f->db, &req, &s, &f->err);
	project_show_release(&s);
	return rc;
}

static int op_stats(struct fx *f)
{
	struct project_stats_req req = { { 2017, PERIOD_YTD, 1, 8 }, NULL };
	struct project_stats s;
	int rc = project_stats(tdb_ctx(), f->db, &req, &s, &f->err);
	project_stats_release(&s);
	return rc;
}

static int op_warnings(struct fx *f)
{
	struct project_warnings_req req = { NULL, { 2017, 10, 1 }, 10 };
	struct project_warnings w;
	int rc = project_warnings(tdb_ctx(), f->db, &req, &w, &f->err);
	project_warnings_release(&w);
	return rc;
}

/* Run op with a fault at operation n = 1, 2, ... until it gets through:
 * every failed attempt is told as the simulated fault (never as an unknown
 * project, a missing unit or an empty result), and a fault is never
 * swallowed by a query that succeeds. */
static void torture(struct fx *f, query_op op, const char *what)
{
	long n;
	for (n = 1; n < 5000; n += tdb_fault_stride()) {
		int rc;
		kfq_err_clear(&f->err);
		db_inject_fault(f->db, n);
		rc = op(f);
		if (rc == 0) {
			tdb_assert_fault_pending(f->db, n, what);
			db_inject_fault(f->db, 0);
			break;
		}
		db_inject_fault(f->db, 0);
		if (f->err.kind != KFQ_EFAULT || !strstr(f->err.msg, "simulated fault"))
			fail_msg("%s: a fault at operation %ld was told as: %s (kind %d)", what, n,
			         f->err.msg, (int)f->err.kind);
	}
	assert_true(n > 1 && n < 5000);
	/* And it succeeds again without the fault. */
	assert_int_equal(op(f), 0);
}

static void test_faults(void **state)
{
	struct fx *f = *state;
	torture(f, op_list, "project_list");
	torture(f, op_show, "project_show");
	torture(f, op_stats, "project_stats");
	torture(f, op_warnings, "project_warnings");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_start_rules),
		cmocka_unit_test_setup_teardown(test_list, setup_register, teardown),
		cmocka_unit_test_setup_teardown(test_list_refused, setup_register, teardown),
		cmocka_unit_test_setup_teardown(test_show, setup_register, teardown),
		cmocka_unit_test_setup_teardown(test_show_unknown, setup_register, teardown),
		cmocka_unit_test_setup_teardown(test_stats, setup_register, teardown),
		cmocka_unit_test_setup_teardown(test_stats_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_warnings, setup_register, teardown),
		cmocka_unit_test_setup_teardown(test_warnings_refused, setup_register, teardown),
		cmocka_unit_test_setup_teardown(test_faults, setup_register, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
