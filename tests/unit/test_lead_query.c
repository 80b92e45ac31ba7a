/* test_lead_query.c: unit tests for what a front end reads of the
 * investment-promotion pipeline (lead/lead_query.h): the leads with their
 * stage on a day and the stage and park filters (lead_list), one lead in
 * full (lead_show), the bureau's figures and the landed leads per origin
 * or industry (lead_stats), and the funnel (lead_funnel) on a day given or
 * on the context's today; the user's errors with their messages, and a
 * failed read at any point told as a fault, never as "no row".
 *
 * The pipeline is the hand-checked one of tests/data/leads (t0100): zone z
 * with parks p1 (e1, e2) and p2 (e3, e4), key projects pj1 (p1), pj2 (p2):
 *   ld1 p1  5 亿 日本 眼镜, 3000 万美元: contact 2016-11-02, negotiation
 *       2017-01-10, signed 03-01, landed 04-15 (e1), started 06-01 (pj1)
 *   ld2 p2 12 亿 江苏 装备: contact 2017-02-01, negotiation 03-01, signed
 *       05-20, landed 08-08 (e3)
 *   ld3 p2 30 亿 美国 医药, 5000 万美元: contact 2017-03-01, negotiation
 *       05-01, signed 11-11
 *   ld4 p1  8 亿 广东 眼镜: contact 2017-06-01, negotiation 07-01
 *   ld5 p2  3 亿 日本 汽配, 1000 万美元: contact 2017-01-05, negotiation
 *       02-05, dropped 09-01 (投资方战略调整) */
#include "testutil.h"
#include "testdb.h"

#include <stdio.h>
#include <stdlib.h>

#include "base/ctx.h"
#include "base/date.h"
#include "base/period.h"
#include "lead/lead_query.h"
#include "store/db.h"

/* Stored values are counts of 1/10000 of the base unit (元, 美元, 个). */
#define YI(x) ((dec)(x) * INT64_C(1000000000000))      /* 1 亿元 = 10^8 元 */
#define WAN(x) ((dec)(x) * INT64_C(100000000))         /* 1 万美元 = 10^4 美元 */
#define ONE(x) ((dec)(x) * DEC_ONE)

#define MAX_ATTEMPTS 2000

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

static const char PROJECTS[] =
	"code,name,category,park,total_investment(亿元),status\n"
	"pj1,一号项目,industrial,p1,10,approved\n"
	"pj2,二号项目,industrial,p2,5,approved\n";

static const char LEADS[] =
	"code,name,investor,origin,industry,park,total_investment(亿元),"
	"foreign_investment(万美元),officer,source,enterprise,project\n"
	"ld1,光学镜片新厂,东洋光学株式会社,日本,眼镜,p1,5,3000,王强,展会,e1,pj1\n"
	"ld2,精密轴承,华东轴承集团,江苏,装备,p2,12,,李明,以商引商,e3,\n"
	"ld3,生物药研发,海外生物,美国,医药,p2,30,5000,张华,赴外招商,,\n"
	"ld4,智能眼镜,深圳智造,广东,眼镜,p1,8,,王强,展会,,\n"
	"ld5,汽配二期,日系汽配,日本,汽配,p2,3,1000,李明,以商引商,,\n";

static const char STAGES[] =
	"lead,stage,date,reason\n"
	"ld1,contact,2016-11-02,\n"
	"ld1,negotiation,2017-01-10,\n"
	"ld1,signed,2017-03-01,\n"
	"ld1,landed,2017-04-15,\n"
	"ld1,started,2017-06-01,\n"
	"ld2,contact,2017-02-01,\n"
	"ld2,negotiation,2017-03-01,\n"
	"ld2,signed,2017-05-20,\n"
	"ld2,landed,2017-08-08,\n"
	"ld3,contact,2017-03-01,\n"
	"ld3,negotiation,2017-05-01,\n"
	"ld3,signed,2017-11-11,\n"
	"ld4,contact,2017-06-01,\n"
	"ld4,negotiation,2017-07-01,\n"
	"ld5,contact,2017-01-05,\n"
	"ld5,negotiation,2017-02-05,\n"
	"ld5,dropped,2017-09-01,投资方战略调整\n";

static int open_db(void **state, int units, int leads)
{
	struct fx *f = calloc(1, sizeof *f);

	if (!f)
		return -1;
	tdb_clock("2017-12-31", "2018-01-31T08:00:00Z");
	if (tdb_create(f->path, sizeof f->path, &f->db) != 0) {
		free(f);
		return -1;
	}
	if (units) {
		tdb_load(f->db, "units", UNITS);
		tdb_load(f->db, "projects", PROJECTS);
	}
	if (leads) {
		tdb_load(f->db, "leads", LEADS);
		tdb_load(f->db, "lead-stages", STAGES);
	}
	*state = f;
	return 0;
}

static int setup(void **state)
{
	return open_db(state, 1, 1);
}

static int setup_units(void **state)
{
	return open_db(state, 1, 0);
}

static int setup_empty(void **state)
{
	return open_db(state, 0, 0);
}

static int teardown(void **state)
{
	struct fx *f = *state;
	tdb_destroy(f->db, f->path);
	free(f);
	tdb_clock_reset();
	return 0;
}

static struct date day(int y, int m, int d)
{
	struct date x = { y, m, d };
	return x;
}

static struct period per(const char *s)
{
	struct period p;
	struct kfq_err err = { 0 };
	assert_int_equal(period_parse(s, &p, &err), 0);
	return p;
}

static void assert_date(const struct date *d, int y, int m, int dd)
{
	if (d->year != y || d->month != m || d->day != dd)
		fail_msg("%04d-%02d-%02d, expected %04d-%02d-%02d", d->year, d->month, d->day, y, m, dd);
}

/* The leads of l must be exactly codes (NULL-terminated), in that order. */
static void assert_codes(const struct lead_list_res *l, const char *const codes[])
{
	size_t n = 0;
	while (codes[n])
		n++;
	if (l->n != n)
		fail_msg("%zu leads, expected %zu", l->n, n);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(l->v[i].code, codes[i]);
}

static const struct lead_item *find(const struct lead_list_res *l, const char *code)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i].code, code) == 0)
			return &l->v[i];
	fail_msg("no lead %s", code);
	return NULL;
}

static void list_ok(struct fx *f, const char *stage, const char *park, struct date d,
                    struct lead_list_res *out)
{
	struct lead_list_req rq = { stage, park, d };
	struct kfq_err err = { 0 };
	if (lead_list(tdb_ctx(), f->db, &rq, out, &err) != 0)
		fail_msg("lead_list: %s", err.msg);
}

/* ---- lead_list ---- */

static void test_list_latest(void **state)
{
	struct fx *f = *state;
	struct lead_list_res l;
	const struct lead_item *it;
	static const char *const all[] = { "ld1", "ld2", "ld3", "ld4", "ld5", NULL };

	list_ok(f, NULL, NULL, day(0, 0, 0), &l);
	assert_codes(&l, all);
	/* ld1: every attribute, exactly; started on 2017-06-01, its last stage */
	it = find(&l, "ld1");
	assert_string_equal(it->name, "光学镜片新厂");
	assert_string_equal(it->investor, "东洋光学株式会社");
	assert_string_equal(it->origin, "日本");
	assert_string_equal(it->industry, "眼镜");
	assert_string_equal(it->park, "p1");
	assert_string_equal(it->park_name, "园区一");
	assert_true(it->total_inv == YI(5));            /* 5 亿元 = 5 × 10^8 元 */
	assert_true(it->has_foreign);
	assert_true(it->foreign_inv == WAN(3000));      /* 3000 万美元 = 3 × 10^7 美元 */
	assert_string_equal(it->officer, "王强");
	assert_string_equal(it->source, "展会");
	assert_string_equal(it->enterprise, "e1");
	assert_string_equal(it->enterprise_name, "企业一");
	assert_string_equal(it->project, "pj1");
	assert_string_equal(it->project_name, "一号项目");
	assert_int_equal(it->stage, LS_STARTED);
	assert_date(&it->since, 2017, 6, 1);
	/* ld2: no foreign capital, no project; landed on 2017-08-08 */
	it = find(&l, "ld2");
	assert_false(it->has_foreign);
	assert_null(it->project);
	assert_int_equal(it->stage, LS_LANDED);
	assert_date(&it->since, 2017, 8, 8);
	/* ld3 signed on 11-11, ld4 negotiating since 07-01, ld5 dropped 09-01 */
	assert_int_equal(find(&l, "ld3")->stage, LS_SIGNED);
	assert_null(find(&l, "ld3")->enterprise);
	assert_int_equal(find(&l, "ld4")->stage, LS_NEGOTIATION);
	assert_date(&find(&l, "ld4")->since, 2017, 7, 1);
	assert_int_equal(find(&l, "ld5")->stage, LS_DROPPED);
	lead_list_release(&l);
	assert_int_equal(l.n, 0);
}

static void test_list_on_a_day(void **state)
{
	struct fx *f = *state;
	struct lead_list_res l;

	/* 2017-06-30: ld1 started 06-01; ld2 signed 05-20 (lands 08-08);
	 * ld3 negotiating since 05-01; ld4 in contact since 06-01; ld5
	 * negotiating since 02-05 (dropped only in September) */
	list_ok(f, NULL, NULL, day(2017, 6, 30), &l);
	assert_int_equal(l.n, 5);
	assert_int_equal(find(&l, "ld1")->stage, LS_STARTED);
	assert_int_equal(find(&l, "ld2")->stage, LS_SIGNED);
	assert_date(&find(&l, "ld2")->since, 2017, 5, 20);
	assert_int_equal(find(&l, "ld3")->stage, LS_NEGOTIATION);
	assert_int_equal(find(&l, "ld4")->stage, LS_CONTACT);
	assert_int_equal(find(&l, "ld5")->stage, LS_NEGOTIATION);
	lead_list_release(&l);

	/* the stage is the one at the end of the day: ld1 landed on 04-15 */
	list_ok(f, NULL, NULL, day(2017, 4, 15), &l);
	assert_int_equal(find(&l, "ld1")->stage, LS_LANDED);
	lead_list_release(&l);
	list_ok(f, NULL, NULL, day(2017, 4, 14), &l);
	assert_int_equal(find(&l, "ld1")->stage, LS_SIGNED);
	lead_list_release(&l);

	/* 2016-01-01: before every stage, every lead listed with none */
	list_ok(f, NULL, NULL, day(2016, 1, 1), &l);
	assert_int_equal(l.n, 5);
	for (size_t i = 0; i < l.n; i++)
		assert_int_equal(l.v[i].stage, -1);
	lead_list_release(&l);
}

static void test_list_same_day(void **state)
{
	struct fx *f = *state;
	struct lead_list_res l;

	/* ld8 was contacted and began negotiating on the same day: the day
	 * ends negotiating (the later record); the day before, no stage */
	tdb_load(f->db, "leads", "code,name,park,total_investment(亿元)\nld8,八,p1,1\n");
	tdb_load(f->db, "lead-stages", "lead,stage,date,reason\n"
	         "ld8,contact,2017-07-01,\n"
	         "ld8,negotiation,2017-07-01,\n");
	list_ok(f, NULL, NULL, day(2017, 7, 1), &l);
	assert_int_equal(find(&l, "ld8")->stage, LS_NEGOTIATION);
	assert_date(&find(&l, "ld8")->since, 2017, 7, 1);
	assert_null(find(&l, "ld8")->investor);   /* an empty cell is NULL */
	lead_list_release(&l);
	list_ok(f, NULL, NULL, day(2017, 6, 30), &l);
	assert_int_equal(find(&l, "ld8")->stage, -1);
	lead_list_release(&l);
}

static void test_list_filters(void **state)
{
	struct fx *f = *state;
	struct lead_list_res l;
	static const char *const ld4[] = { "ld4", NULL }, *const ld3_ld5[] = { "ld3", "ld5", NULL };
	static const char *const ld5[] = { "ld5", NULL }, *const p1[] = { "ld1", "ld4", NULL };
	static const char *const p2_signed[] = { "ld3", NULL }, *const none[] = { NULL };

	/* negotiating now: only ld4 (ld3 signed, ld5 dropped) */
	list_ok(f, "negotiation", NULL, day(0, 0, 0), &l);
	assert_codes(&l, ld4);
	lead_list_release(&l);
	/* the short Chinese name, on 2017-06-30: ld3 and ld5; ld4 was in contact */
	list_ok(f, "洽谈", NULL, day(2017, 6, 30), &l);
	assert_codes(&l, ld3_ld5);
	lead_list_release(&l);
	list_ok(f, "终止", NULL, day(0, 0, 0), &l);
	assert_codes(&l, ld5);
	lead_list_release(&l);
	/* intended for p1: ld1 and ld4 */
	list_ok(f, NULL, "p1", day(0, 0, 0), &l);
	assert_codes(&l, p1);
	lead_list_release(&l);
	/* p2 and signed: ld3 (ld2 has landed) */
	list_ok(f, "signed", "p2", day(0, 0, 0), &l);
	assert_codes(&l, p2_signed);
	lead_list_release(&l);
	/* started by 2017-05-31: none yet (ld1 started 06-01) */
	list_ok(f, "started", NULL, day(2017, 5, 31), &l);
	assert_codes(&l, none);
	lead_list_release(&l);
}

static void test_list_refused(void **state)
{
	struct fx *f = *state;
	struct lead_list_res l;
	struct kfq_err err = { 0 };
	struct lead_list_req paused = { "paused", NULL, { 0, 0, 0 } };
	struct lead_list_req zone = { NULL, "z", { 0, 0, 0 } };
	struct lead_list_req ent = { NULL, "e1", { 0, 0, 0 } };
	struct lead_list_req both = { "paused", "z", { 0, 0, 0 } };

	assert_int_equal(lead_list(tdb_ctx(), f->db, &paused, &l, &err), -1);
	assert_int_equal(err.kind, KFQ_EUSER);
	assert_string_equal(err.field, "stage");
	assert_string_equal(err.msg, "\"paused\" (expected contact, negotiation, signed, "
	                    "landed, started, dropped; or 接洽, 洽谈跟踪, 签约, 注册落户, 开工, 终止)");
	assert_int_equal(l.n, 0);
	lead_list_release(&l);
	/* the zone and an enterprise are no parks; the parks are p1 and p2 */
	assert_int_equal(lead_list(tdb_ctx(), f->db, &zone, &l, &err), -1);
	assert_int_equal(err.kind, KFQ_EUSER);
	assert_string_equal(err.field, "park");
	assert_string_equal(err.msg, "\"z\" is not a park (expected one of: p1, p2)");
	lead_list_release(&l);
	assert_int_equal(lead_list(tdb_ctx(), f->db, &ent, &l, &err), -1);
	assert_string_equal(err.field, "park");
	assert_string_equal(err.msg, "\"e1\" is not a park (expected one of: p1, p2)");
	lead_list_release(&l);
	/* the stage is checked first */
	assert_int_equal(lead_list(tdb_ctx(), f->db, &both, &l, &err), -1);
	assert_string_equal(err.field, "stage");
	assert_err_has(&err, "\"paused\"");
	lead_list_release(&l);
}

static void test_list_no_units(void **state)
{
	struct fx *f = *state;
	struct lead_list_res l;
	struct kfq_err err = { 0 };
	struct lead_list_req p1 = { NULL, "p1", { 0, 0, 0 } };

	/* no leads: an empty list */
	list_ok(f, NULL, NULL, day(0, 0, 0), &l);
	assert_int_equal(l.n, 0);
	lead_list_release(&l);
	/* no units: no park to name */
	assert_int_equal(lead_list(tdb_ctx(), f->db, &p1, &l, &err), -1);
	assert_string_equal(err.field, "park");
	assert_string_equal(err.msg, "\"p1\" is not a park (expected one of: none yet; import "
	                    "units first)");
	lead_list_release(&l);
}

/* ---- lead_show ---- */

static void test_show(void **state)
{
	struct fx *f = *state;
	struct lead_show_req rq = { "ld1" };
	struct lead_show_res r;
	struct kfq_err err = { 0 };
	static const struct {
		int stage, y, m, d;
		long days;
	} want[] = {
		{ LS_CONTACT, 2016, 11, 2, -1 },
		{ LS_NEGOTIATION, 2017, 1, 10, 69 },   /* 28 to Nov 30, 31 in Dec, 10 in Jan */
		{ LS_SIGNED, 2017, 3, 1, 50 },         /* 21 to Jan 31, 28 in Feb, 1 */
		{ LS_LANDED, 2017, 4, 15, 45 },        /* 30 to Mar 31, 15 */
		{ LS_STARTED, 2017, 6, 1, 47 },        /* 15 to Apr 30, 31 in May, 1 */
	};

	if (lead_show(tdb_ctx(), f->db, &rq, &r, &err) != 0)
		fail_msg("lead_show: %s", err.msg);
	assert_string_equal(r.lead.code, "ld1");
	assert_string_equal(r.lead.park_name, "园区一");
	assert_int_equal(r.lead.stage, LS_STARTED);   /* the latest */
	assert_int_equal(r.nsteps, 5);
	for (size_t i = 0; i < 5; i++) {
		const struct lead_stage_step *s = &r.steps[i];
		assert_int_equal(s->stage, want[i].stage);
		assert_date(&s->date, want[i].y, want[i].m, want[i].d);
		assert_null(s->reason);
		assert_int_equal(s->has_days, i > 0);
		if (i > 0)
			assert_int_equal(s->days_in_previous, want[i].days);
	}
	/* the history: one entry per stage, dated, by the tests' account */
	assert_int_equal(r.nchanges, 5);
	assert_string_equal(r.changes[0].note, "stage: contact");
	assert_string_equal(r.changes[0].date, "2016-11-02");
	assert_string_equal(r.changes[0].who, "tester");
	assert_string_equal(r.changes[0].at, "2018-01-31T08:00:00Z");
	assert_string_equal(r.changes[3].note, "stage: signed → landed");
	assert_string_equal(r.changes[4].note, "stage: landed → started");
	lead_show_release(&r);
	assert_int_equal(r.nsteps, 0);

	/* ld5: dropped 208 days after negotiation began (02-05 to 09-01:
	 * 23 + 31 + 30 + 31 + 30 + 31 + 31 + 1), with its reason */
	rq.code = "ld5";
	assert_int_equal(lead_show(tdb_ctx(), f->db, &rq, &r, &err), 0);
	assert_int_equal(r.nsteps, 3);
	assert_int_equal(r.steps[2].stage, LS_DROPPED);
	assert_int_equal(r.steps[2].days_in_previous, 208);
	assert_string_equal(r.steps[2].reason, "投资方战略调整");
	assert_string_equal(r.changes[2].note, "stage: negotiation → dropped; reason: 投资方战略调整");
	lead_show_release(&r);
}

static void test_show_edit_in_history(void **state)
{
	struct fx *f = *state;
	struct lead_show_req rq = { "ld3" };
	struct lead_show_res r;
	struct kfq_err err = { 0 };
	char text[2048];

	/* a new officer for ld3: an edit, in the history without a date */
	snprintf(text, sizeof text, "%s", LEADS);
	memcpy(strstr(text, "张华"), "刘洋", strlen("刘洋"));
	tdb_import_ok(f->db, "leads", text, 0, 1, 4);
	assert_int_equal(lead_show(tdb_ctx(), f->db, &rq, &r, &err), 0);
	assert_string_equal(r.lead.officer, "刘洋");
	assert_int_equal(r.nchanges, 4);   /* three stages, then the edit */
	assert_null(r.changes[3].date);
	assert_string_equal(r.changes[3].note, "officer: 张华 → 刘洋");
	lead_show_release(&r);
}

static void test_show_unknown(void **state)
{
	struct fx *f = *state;
	struct lead_show_req rq = { "ld9" };
	struct lead_show_res r;
	struct kfq_err err = { 0 };

	assert_int_equal(lead_show(tdb_ctx(), f->db, &rq, &r, &err), -1);
	assert_int_equal(err.kind, KFQ_EUSER);
	assert_string_equal(err.msg, "unknown lead \"ld9\" (see kfq lead list)");
	lead_show_release(&r);
}

/* ---- lead_stats ---- */

static void stats_ok(struct fx *f, const char *period, const char *unit, enum lead_by by,
                     struct lead_stats_res *out)
{
	struct lead_stats_req rq = { per(period), unit, by };
	struct kfq_err err = { 0 };
	if (lead_stats(tdb_ctx(), f->db, &rq, out, &err) != 0)
		fail_msg("lead_stats %s: %s", period, err.msg);
}

static void assert_amount(const struct lead_amount *a, dec v)
{
	if (!a->has)
		fail_msg("no value, expected %lld", (long long)v);
	if (a->v != v)
		fail_msg("%lld, expected %lld", (long long)a->v, (long long)v);
}

static void test_stats(void **state)
{
	struct fx *f = *state;
	struct lead_stats_res r;

	/* 2017 at the top: ld1 (04-15, 5 亿) and ld2 (08-08, 12 亿) landed:
	 * 2, 17 亿; at 2017-12-31 ld3 signed (30) and ld4 negotiating (8)
	 * make the pipeline: 2, 38 亿 (ld5 dropped) */
	stats_ok(f, "2017", NULL, LEAD_BY_NONE, &r);
	assert_string_equal(r.unit, "z");
	assert_string_equal(r.unit_name, "开发区");
	assert_int_equal(r.period.year, 2017);
	assert_amount(&r.landed, ONE(2));
	assert_amount(&r.landed_inv, YI(17));
	assert_amount(&r.pipeline, ONE(2));
	assert_amount(&r.pipeline_inv, YI(38));
	/* shown as the indicators are: 个 and 亿元 with 2 places */
	assert_string_equal(r.landed.measure, "个");
	assert_int_equal(r.landed_inv.shift, 8);
	assert_int_equal(r.landed_inv.decimals, 2);
	assert_string_equal(r.pipeline_inv.measure, "亿元");
	assert_false(r.has_fdi);            /* no indicator fdi_arrived */
	assert_int_equal(r.ngroups, 0);     /* no breakdown asked */
	lead_stats_release(&r);

	/* June: none landed in the month (a value of 0); the pipeline at its
	 * end: ld2 signed (12), ld3 and ld5 negotiating (30, 3): 3, 45 亿 */
	stats_ok(f, "2017-06", NULL, LEAD_BY_NONE, &r);
	assert_amount(&r.landed, 0);
	assert_amount(&r.landed_inv, 0);
	assert_amount(&r.pipeline, ONE(3));
	assert_amount(&r.pipeline_inv, YI(45));
	lead_stats_release(&r);

	/* the third quarter: ld2 (08-08) */
	stats_ok(f, "2017Q3", NULL, LEAD_BY_NONE, &r);
	assert_amount(&r.landed_inv, YI(12));
	lead_stats_release(&r);

	/* park p1: ld1 landed (5); ld4 negotiating (8) */
	stats_ok(f, "2017", "p1", LEAD_BY_NONE, &r);
	assert_string_equal(r.unit, "p1");
	assert_amount(&r.landed, ONE(1));
	assert_amount(&r.landed_inv, YI(5));
	assert_amount(&r.pipeline, ONE(1));
	assert_amount(&r.pipeline_inv, YI(8));
	lead_stats_release(&r);
}

static void test_stats_by(void **state)
{
	struct fx *f = *state;
	struct lead_stats_res r;

	/* landed in 2017 by origin: 日本 (ld1, 5 亿) before 江苏 (ld2, 12 亿)
	 * in byte order (日 E6 97, 江 E6 B1) */
	stats_ok(f, "2017", NULL, LEAD_BY_ORIGIN, &r);
	assert_int_equal(r.by, LEAD_BY_ORIGIN);
	assert_int_equal(r.ngroups, 2);
	assert_string_equal(r.groups[0].key, "日本");
	assert_int_equal(r.groups[0].landed, 1);
	assert_true(r.groups[0].investment == YI(5));
	assert_string_equal(r.groups[1].key, "江苏");
	assert_true(r.groups[1].investment == YI(12));
	assert_amount(&r.landed, ONE(2));   /* the figures come with it */
	lead_stats_release(&r);

	/* by industry in p2: ld2 装备 only (ld1 is p1's) */
	stats_ok(f, "2017", "p2", LEAD_BY_INDUSTRY, &r);
	assert_int_equal(r.ngroups, 1);
	assert_string_equal(r.groups[0].key, "装备");
	lead_stats_release(&r);

	/* June: none landed, no group */
	stats_ok(f, "2017-06", NULL, LEAD_BY_ORIGIN, &r);
	assert_int_equal(r.ngroups, 0);
	lead_stats_release(&r);

	/* ld6 (p1, 2 亿, no origin) and ld7 (p1, 4 亿, 日本) land in
	 * December; ld7 had landed once before, in 2016, and went back: its
	 * first landing counts, so not in 2017. By origin in 2017: 日本 1 (ld1,
	 * 5 亿), 江苏 1, the missing origin last: 1 (ld6, 2 亿). */
	tdb_load(f->db, "leads", "code,name,origin,park,total_investment(亿元),enterprise\n"
	         "ld6,六,,p1,2,e2\n"
	         "ld7,七,日本,p2,4,e4\n");
	tdb_load(f->db, "lead-stages", "lead,stage,date,reason\n"
	         "ld6,contact,2017-12-01,\n"
	         "ld6,landed,2017-12-20,\n"
	         "ld7,contact,2016-03-01,\n"
	         "ld7,landed,2016-05-01,\n"
	         "ld7,signed,2016-06-01,手续补正\n"
	         "ld7,landed,2017-12-20,\n");
	stats_ok(f, "2017", NULL, LEAD_BY_ORIGIN, &r);
	assert_int_equal(r.ngroups, 3);
	assert_string_equal(r.groups[0].key, "日本");
	assert_int_equal(r.groups[0].landed, 1);
	assert_null(r.groups[2].key);
	assert_int_equal(r.groups[2].landed, 1);
	assert_true(r.groups[2].investment == YI(2));
	lead_stats_release(&r);
	/* 2016: ld7's first landing, 日本 4 亿 */
	stats_ok(f, "2016", NULL, LEAD_BY_ORIGIN, &r);
	assert_int_equal(r.ngroups, 1);
	assert_string_equal(r.groups[0].key, "日本");
	assert_true(r.groups[0].investment == YI(4));
	lead_stats_release(&r);
}

static void test_stats_fdi(void **state)
{
	struct fx *f = *state;
	struct lead_stats_res r;

	tdb_load(f->db, "indicators", "code,name_zh,name_en,measure,kind,agg,decimals\n"
	         "fdi_arrived,外资到账,foreign capital arrived,万美元,flow,sum,0\n");
	tdb_load(f->db, "data", "unit,indicator,period,value(万美元)\n"
	         "e1,fdi_arrived,2017年1-6月,500\n"
	         "e1,fdi_arrived,2017,1200\n");
	tdb_load(f->db, "targets", "unit,indicator,year,value(万美元)\n"
	         "z,fdi_arrived,2017,2400\n");
	/* 2017: 1200 of 2400 万美元 arrived: 50.0% (calc/figure's completion) */
	stats_ok(f, "2017", NULL, LEAD_BY_NONE, &r);
	assert_true(r.has_fdi);
	assert_amount(&r.fdi, WAN(1200));
	assert_amount(&r.fdi_target, WAN(2400));
	assert_string_equal(r.fdi.measure, "万美元");
	assert_int_equal(r.fdi.shift, 4);
	assert_true(r.has_fdi_completion);
	assert_int_equal(r.fdi_completion, 500);
	lead_stats_release(&r);
	/* June: the year to date at its end, 500; 500 ÷ 2400 = 20.83…%: 20.8 */
	stats_ok(f, "2017-06", NULL, LEAD_BY_NONE, &r);
	assert_amount(&r.fdi, WAN(500));
	assert_int_equal(r.fdi_completion, 208);
	lead_stats_release(&r);
	/* 2016: no value and no target, so no completion */
	stats_ok(f, "2016", NULL, LEAD_BY_NONE, &r);
	assert_true(r.has_fdi);
	assert_false(r.fdi_target.has);
	assert_false(r.has_fdi_completion);
	lead_stats_release(&r);
}

static void test_stats_refused(void **state)
{
	struct fx *f = *state;
	struct lead_stats_res r;
	struct kfq_err err = { 0 };
	struct lead_stats_req nowhere = { per("2017"), "nowhere", LEAD_BY_NONE };
	struct lead_stats_req noperiod = { { 0, PERIOD_YEAR, 0, 0 }, NULL, LEAD_BY_NONE };

	assert_int_equal(lead_stats(tdb_ctx(), f->db, &nowhere, &r, &err), -1);
	assert_int_equal(err.kind, KFQ_EUSER);
	assert_string_equal(err.field, "unit");
	assert_err_has(&err, "unknown unit \"nowhere\"");
	lead_stats_release(&r);
	assert_int_equal(lead_stats(tdb_ctx(), f->db, &noperiod, &r, &err), -1);
	assert_int_equal(err.kind, KFQ_EUSER);
	assert_string_equal(err.field, "period");
	assert_err_has(&err, "required");
	lead_stats_release(&r);
}

static void test_stats_before_leads(void **state)
{
	struct fx *f = *state;
	struct lead_stats_res r;
	struct kfq_err err = { 0 };
	struct lead_stats_req rq = { per("2017"), NULL, LEAD_BY_ORIGIN };

	/* units but no lead imported: the lead indicators do not exist yet */
	assert_int_equal(lead_stats(tdb_ctx(), f->db, &rq, &r, &err), -1);
	assert_int_equal(err.kind, KFQ_EUSER);
	assert_string_equal(err.msg, "no lead figures yet (indicator \"landed_projects\" is missing): "
	                    "import leads first (kfq import leads FILE)");
	lead_stats_release(&r);
}

/* ---- lead_funnel ---- */

static void assert_stage(const struct lead_funnel_res *r, int s, long reached, int64_t conv,
                         int64_t median)
{
	const struct lead_funnel_stage *f = &r->stage[s];
	if (f->reached != reached)
		fail_msg("%s: %ld reached, expected %ld", LEAD_STAGE[s], f->reached, reached);
	if (conv < 0 ? f->has_conversion : !f->has_conversion || f->conversion != conv)
		fail_msg("%s: conversion %d %lld, expected %lld", LEAD_STAGE[s], f->has_conversion,
		         (long long)f->conversion, (long long)conv);
	if (median < 0 ? f->has_median : !f->has_median || f->median_days != median)
		fail_msg("%s: median %d %lld, expected %lld", LEAD_STAGE[s], f->has_median,
		         (long long)f->median_days, (long long)median);
}

static void test_funnel_on_a_day(void **state)
{
	struct fx *f = *state;
	struct lead_funnel_req rq = { { 2017, 12, 31 } };
	struct lead_funnel_res r;
	struct kfq_err err = { 0 };

	assert_int_equal(lead_funnel(tdb_ctx(), f->db, &rq, &r, &err), 0);
	assert_date(&r.day, 2017, 12, 31);
	/* contact: all 5 negotiated, after 69 (ld1), 28 (ld2), 61 (ld3), 30
	 * (ld4, 06-01 to 07-01), 31 (ld5) days: 100.0%, median 31 */
	assert_stage(&r, LS_CONTACT, 5, 1000, 310);
	/* negotiation: 5, 3 signed after 50, 80, 194 days: 60.0%, median 80 */
	assert_stage(&r, LS_NEGOTIATION, 5, 600, 800);
	/* signed: 3, 2 landed after 45 (ld1) and 80 (ld2): 66.7%, median 62.5 */
	assert_stage(&r, LS_SIGNED, 3, 667, 625);
	/* landed: 2, ld1 started after 47 days: 50.0% */
	assert_stage(&r, LS_LANDED, 2, 500, 470);
	/* started and dropped lead nowhere: counts only */
	assert_stage(&r, LS_STARTED, 1, -1, -1);
	assert_stage(&r, LS_DROPPED, 1, -1, -1);
	assert_int_equal(r.stage[LS_STARTED].moved, 0);
}

static void test_funnel_on_today(void **state)
{
	struct fx *f = *state;
	struct lead_funnel_req rq = { { 0, 0, 0 } };
	struct lead_funnel_res r;
	struct kfq_err err = { 0 };
	struct kfq_ctx cx;

	/* no day asked: the context's today, 2017-05-01. By then ld4 had no
	 * stage; ld3 began negotiating that day. */
	ctx_init(&cx, "tester");
	assert_int_equal(ctx_set_today(&cx, "2017-05-01", "today", &err), 0);
	assert_int_equal(lead_funnel(&cx, f->db, &rq, &r, &err), 0);
	assert_date(&r.day, 2017, 5, 1);
	/* contact: 4, all negotiated after 28, 31, 61, 69: median (31 + 61) / 2 */
	assert_stage(&r, LS_CONTACT, 4, 1000, 460);
	/* negotiation: 4, only ld1 signed (50 days): 25.0% */
	assert_stage(&r, LS_NEGOTIATION, 4, 250, 500);
	/* signed: ld1, landed 45 days later */
	assert_stage(&r, LS_SIGNED, 1, 1000, 450);
	/* landed: ld1, not started yet: 0.0%, no median */
	assert_stage(&r, LS_LANDED, 1, 0, -1);
	/* none started or dropped: 0, and no share of nothing */
	assert_stage(&r, LS_STARTED, 0, -1, -1);
	assert_stage(&r, LS_DROPPED, 0, -1, -1);

	/* the tests' context says 2017-12-31: the year-end funnel */
	assert_int_equal(lead_funnel(tdb_ctx(), f->db, &rq, &r, &err), 0);
	assert_date(&r.day, 2017, 12, 31);
	assert_stage(&r, LS_SIGNED, 3, 667, 625);
}

static void test_funnel_back_and_forth(void **state)
{
	struct fx *f = *state;
	struct lead_funnel_req rq = { { 2017, 12, 31 } };
	struct lead_funnel_res r;
	struct kfq_err err = { 0 };

	/* ld3 goes back to negotiation on 12-01: it still reached signed once
	 * (first signed 11-11), and negotiation counts from its first day
	 * (05-01 to 11-11: 194 days); nothing changes */
	tdb_load(f->db, "lead-stages", "lead,stage,date,reason\n"
	         "ld3,negotiation,2017-12-01,投资方要求重新议价\n");
	assert_int_equal(lead_funnel(tdb_ctx(), f->db, &rq, &r, &err), 0);
	assert_stage(&r, LS_NEGOTIATION, 5, 600, 800);
	assert_stage(&r, LS_SIGNED, 3, 667, 625);
}

/* ---- faults ---- */

/* Each query with a fault injected at its n-th operation, for n = 1, 2,
 * ...: a failure is the simulated fault, told as a fault (never "unknown
 * lead" or an empty list), and the result holds nothing; when it gets
 * through, the fault is still pending (no failed read taken for "no row"). */
static int run_query(struct kfq_db *db, int which, struct kfq_err *err)
{
	struct lead_list_req lq = { "signed", "p2", { 2017, 12, 31 } };
	struct lead_show_req sq = { "ld1" };
	struct lead_stats_req tq = { { 2017, PERIOD_YEAR, 1, 12 }, "z", LEAD_BY_ORIGIN };
	struct lead_funnel_req fq = { { 2017, 12, 31 } };
	struct lead_list_res l;
	struct lead_show_res s;
	struct lead_stats_res t;
	struct lead_funnel_res fr;
	int rc;

	switch (which) {
	case 0:
		rc = lead_list(tdb_ctx(), db, &lq, &l, err);
		if (rc == 0)
			assert_int_equal(l.n, 1);
		else
			assert_int_equal(l.n, 0);
		lead_list_release(&l);
		return rc;
	case 1:
		rc = lead_show(tdb_ctx(), db, &sq, &s, err);
		if (rc == 0)
			assert_int_equal(s.nsteps, 5);
		else
			assert_null(s.lead.code);
		lead_show_release(&s);
		return rc;
	case 2:
		rc = lead_stats(tdb_ctx(), db, &tq, &t, err);
		if (rc == 0)
			assert_int_equal(t.ngroups, 2);
		else
			assert_int_equal(t.ngroups, 0);
		lead_stats_release(&t);
		return rc;
	default:
		rc = lead_funnel(tdb_ctx(), db, &fq, &fr, err);
		if (rc == 0)
			assert_int_equal(fr.stage[LS_CONTACT].reached, 5);
		return rc;
	}
}

static void test_faults(void **state)
{
	static const char *const what[] = { "lead_list", "lead_show", "lead_stats", "lead_funnel" };
	struct fx *f = *state;

	for (int q = 0; q < 4; q++) {
		long n;
		for (n = 1; n < MAX_ATTEMPTS; n += tdb_fault_stride()) {
			struct kfq_err err = { 0 };
			db_inject_fault(f->db, n);
			if (run_query(f->db, q, &err) == 0) {
				tdb_assert_fault_pending(f->db, n, what[q]);
				db_inject_fault(f->db, 0);
				break;
			}
			db_inject_fault(f->db, 0);
			if (err.kind != KFQ_EFAULT || !strstr(err.msg, "simulated fault"))
				fail_msg("%s: the fault at operation %ld was told as %s", what[q], n, err.msg);
		}
		assert_true(n < MAX_ATTEMPTS);
		assert_true(n > 1);   /* it read something */
	}
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_list_latest),
		T(test_list_on_a_day),
		T(test_list_same_day),
		T(test_list_filters),
		T(test_list_refused),
		cmocka_unit_test_setup_teardown(test_list_no_units, setup_empty, teardown),
		T(test_show),
		T(test_show_edit_in_history),
		T(test_show_unknown),
		T(test_stats),
		T(test_stats_by),
		T(test_stats_fdi),
		T(test_stats_refused),
		cmocka_unit_test_setup_teardown(test_stats_before_leads, setup_units, teardown),
		T(test_funnel_on_a_day),
		T(test_funnel_on_today),
		T(test_funnel_back_and_forth),
		T(test_faults),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
