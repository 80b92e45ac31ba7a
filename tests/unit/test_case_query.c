/* test_case_query.c: unit tests for what a front end asks of the cases
 * (case/case_query.h: case_list, case_overdue, case_show, case_stats; and
 * case/case.h's case_register and case_apply, one call and one transaction
 * each) on six hand-checked cases, with the day set through the context
 * or the request. Also: refusals name their field apart from the message;
 * a failed statement is a fault, never "no rows"; and two people stepping
 * the same case at once, each through a connection of their own in a
 * process of their own, end with one step first and the other after it
 * or refused, never a fault (on SQLite and on PostgreSQL). Every
 * expectation is worked out in the comment beside it (2017-03-01 was a
 * Wednesday; no holidays; default service levels: urgent 2, high 3,
 * normal 5, low 10 working days). */
#include "testutil.h"
#include "testdb.h"

#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/date.h"
#include "base/dec.h"
#include "base/period.h"
#include "case/case.h"
#include "case/case_query.h"
#include "store/db.h"

/* ---- the cases ---- */

static const char UNITS[] =
	"code,name,kind,parent\n"
	"z,开发区,zone,\n"
	"p1,园区一,park,z\n"
	"e1,企业一,enterprise,p1\n"
	"e2,企业二,enterprise,p1\n"
	"e3,企业三,enterprise,p1\n";

static const char HOUSEHOLDS[] =
	"code,community,address,head,phone\n"
	"h1,东村,1号,张三,13800000001\n"
	"h2,西村,2号,李四,\n";

static const char VISITS[] =
	"code,date,team,enterprise,household,campaign,notes\n"
	"v1,2017-03-01,组一,e1,,大走访,\n"
	"v2,2017-03-02,组一,,h1,大走访,\n";

static const char DEPTS[] =
	"dept,supervisor\n"
	"住建局,王副书记\n"
	"城管局,李主任\n";

/* Deadlines: k1 Wednesday 03-01 + 5 = Thursday 2 (1), Friday 3 (2),
 * Monday 6 (3), Tuesday 7 (4), Wednesday 03-08 (5); k2 03-01 + 3 = Monday
 * 03-06; k3 Thursday 03-02 + 2 = Monday 03-06; k4 Monday 03-06 + 10 =
 * Monday 03-20; k5 Tuesday 03-07 + 5 = Tuesday 03-14; k6 Monday 04-03 + 5
 * = Monday 04-10. */
static const char CASES[] =
	"code,raised,channel,visit,enterprise,household,campaign,category,priority,description\n"
	"k1,2017-03-01,visit,v1,e1,,大走访,labour,normal,缺技术工人\n"
	"k2,2017-03-01,hotline,,e2,,,infrastructure,high,临时用电增容\n"
	"k3,2017-03-02,visit,v2,,h1,大走访,infrastructure,urgent,路灯不亮\n"
	"k4,2017-03-06,hotline,,e3,,,labour,low,缺焊工\n"
	"k5,2017-03-07,hotline,,e3,,,labour,normal,还是缺焊工\n"
	"k6,2017-04-03,online,,,h2,,policy,normal,政策咨询\n";

/* k1 resolved 03-07 (on time, 6 days), rated 5; k2 resolved 03-10 (late),
 * reopened 03-13, resolved again 03-20 (19 days), rated 4; k3 with 住建局,
 * then from 03-10 with 城管局, never resolved; k4 resolved 03-09 (3 days,
 * on time), rated 3; k5 merged into k4 on 03-08; k6 never handled. */
static const char EVENTS[] =
	"case,date,action,dept,note,into,rating,who\n"
	"k1,2017-03-02,assign,人社局,,,,\n"
	"k1,2017-03-03,accept,,,,,\n"
	"k1,2017-03-07,resolve,,已招工,,,\n"
	"k1,2017-03-09,confirm,,,,5,\n"
	"k2,2017-03-02,assign,供电公司,,,,\n"
	"k2,2017-03-03,accept,,,,,\n"
	"k2,2017-03-10,resolve,,已增容,,,\n"
	"k2,2017-03-13,reopen,,电压不稳,,,\n"
	"k2,2017-03-20,resolve,,更换变压器,,,\n"
	"k2,2017-03-21,confirm,,,,4,\n"
	"k3,2017-03-03,assign,住建局,,,,\n"
	"k3,2017-03-06,accept,,,,,\n"
	"k3,2017-03-10,transfer,城管局,属城管职责,,,\n"
	"k4,2017-03-07,assign,人社局,,,,\n"
	"k4,2017-03-08,accept,,,,,\n"
	"k4,2017-03-09,resolve,,已招聘,,,\n"
	"k4,2017-03-10,confirm,,,,3,\n"
	"k5,2017-03-08,merge,,,k4,,\n";

struct fx {
	char path[TDB_PATH_MAX];
	struct kfq_db *db;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	if (!f)
		return -1;
	if (tdb_create(f->path, sizeof f->path, &f->db) != 0) {
		free(f);
		return -1;
	}
	tdb_clock("2017-03-25", "2017-03-25T08:00:00Z");
	tdb_load(f->db, "units", UNITS);
	tdb_load(f->db, "households", HOUSEHOLDS);
	tdb_load(f->db, "visits", VISITS);
	tdb_load(f->db, "case-depts", DEPTS);
	tdb_load(f->db, "cases", CASES);
	tdb_load(f->db, "case-events", EVENTS);
	*state = f;
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

/* ---- helpers ---- */

static struct date day(const char *s)
{
	struct date d;
	struct kfq_err err = { 0 };
	if (date_parse(s, &d, &err) != 0)
		fail_msg("date_parse(%s): %s", s, err.msg);
	return d;
}

static void assert_date(const struct date *d, const char *want)
{
	char got[16] = "";
	if (d->year)
		date_format(d, got, sizeof got);
	if (strcmp(got, want) != 0)
		fail_msg("date %s, expected %s", got[0] ? got : "(none)", want[0] ? want : "(none)");
}

static void assert_null_or(const char *got, const char *want)
{
	if (!want ? got != NULL : !got || strcmp(got, want) != 0)
		fail_msg("\"%s\", expected \"%s\"", got ? got : "(null)", want ? want : "(null)");
}

static void assert_rate(const struct case_rate *r, int64_t tenths)
{
	if (tenths < 0) {
		assert_false(r->known);
		return;
	}
	assert_true(r->known);
	assert_int_equal(r->tenths, tenths);
}

/* One text of the first row of sql with ?1 = arg; "(no row)" when none. */
static void text_of(struct kfq_db *db, const char *sql, const char *arg, char *buf, size_t n)
{
	struct kfq_stmt *st = tdb_prepare(db, sql);
	st_bind_text(st, 1, arg);
	if (st_step(st) == ST_ROW)
		snprintf(buf, n, "%s", st_text(st, 0) ? st_text(st, 0) : "");
	else
		snprintf(buf, n, "(no row)");
	st_finalize(st);
}

static void assert_status(struct kfq_db *db, const char *code, const char *want)
{
	char got[32];
	text_of(db, "SELECT status FROM kase WHERE code = ?", code, got, sizeof got);
	assert_string_equal(got, want);
}

static int64_t steps_of(struct kfq_db *db, const char *code)
{
	char n[32];
	text_of(db, "SELECT count(*) FROM case_event e JOIN kase k ON k.id = e.case_id "
	        "WHERE k.code = ?", code, n, sizeof n);
	return atoll(n);
}

/* A published count of the top unit in one month of 2017, in units. */
static int64_t month_count(struct kfq_db *db, const char *ind, int month)
{
	struct kfq_stmt *st = tdb_prepare(db, "SELECT o.value FROM obs o JOIN indicator i ON "
	                                  "i.id = o.ind_id JOIN unit u ON u.id = o.unit_id WHERE "
	                                  "i.code = ? AND u.code = 'z' AND o.year = 2017 AND "
	                                  "o.first = ? AND o.last = ?");
	int64_t v = -1;
	st_bind_text(st, 1, ind);
	st_bind_int(st, 2, month);
	st_bind_int(st, 3, month);
	if (st_step(st) == ST_ROW)
		v = st_i64(st, 0) / DEC_ONE;
	st_finalize(st);
	return v;
}

static const struct case_list_row *list_row(const struct case_list *l, const char *code)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i].code, code) == 0)
			return &l->v[i];
	fail_msg("case %s is not in the list", code);
	return NULL;
}

static struct case_list list_on(struct fx *f, const struct case_list_req *q)
{
	struct case_list l;
	struct kfq_err err = { 0 };
	if (case_list(tdb_ctx(), f->db, q, &l, &err) != 0)
		fail_msg("case_list: %s", err.msg);
	return l;
}

/* The codes of a list, comma-separated, in its order. */
static void codes_of(const struct case_list *l, char *buf, size_t n)
{
	buf[0] = '\0';
	for (size_t i = 0; i < l->n; i++)
		snprintf(buf + strlen(buf), n - strlen(buf), "%s%s", i ? "," : "", l->v[i].code);
}

/* ---- list ---- */

static void test_list_on_today(void **state)
{
	struct fx *f = *state;
	struct case_list_req q = { .status = -1, .category = -1 };   /* no day: the context's */
	struct case_list l = list_on(f, &q);
	const struct case_list_row *r;
	char codes[64];

	assert_date(&l.day, "2017-03-25");
	codes_of(&l, codes, sizeof codes);
	assert_string_equal(codes, "k1,k2,k3,k4,k5,k6");
	/* k3: open (transferred, never resolved), deadline Monday 03-06: on
	 * 03-25, 25 − 6 = 19 days overdue */
	r = list_row(&l, "k3");
	assert_true(r->overdue);
	assert_int_equal(r->days_overdue, 19);
	assert_date(&r->raised, "2017-03-02");
	assert_date(&r->deadline, "2017-03-06");
	assert_string_equal(r->status, "assigned");
	assert_string_equal(r->dept, "城管局");
	assert_string_equal(r->category, "infrastructure");
	assert_string_equal(r->priority, "urgent");
	assert_null_or(r->party.unit, NULL);
	assert_string_equal(r->party.household, "h1");
	assert_string_equal(r->party.community, "东村");
	/* k2 resolved again on 03-20: not open, not overdue */
	r = list_row(&l, "k2");
	assert_false(r->overdue);
	assert_string_equal(r->status, "confirmed");
	assert_string_equal(r->party.unit, "e2");
	assert_string_equal(r->party.unit_name, "企业二");
	/* k6 is raised on 04-03: not yet a case on 03-25, so not overdue */
	assert_false(list_row(&l, "k6")->overdue);
	assert_null_or(list_row(&l, "k6")->dept, NULL);
	/* k5 merged: never overdue */
	assert_false(list_row(&l, "k5")->overdue);
	assert_string_equal(list_row(&l, "k5")->status, "merged");
	case_list_release(&l);
}

static void test_list_on_a_day(void **state)
{
	struct fx *f = *state;
	struct case_list_req q = { .status = -1, .category = -1 };
	struct case_list l;

	/* 03-15: k2 was reopened on 03-13 (open again), deadline 03-06: 9
	 * days; k3 9 days; k1 (resolved 03-07), k4 (03-09), k5 (merged 03-08)
	 * are not open */
	q.day = day("2017-03-15");
	l = list_on(f, &q);
	assert_date(&l.day, "2017-03-15");
	assert_true(list_row(&l, "k2")->overdue);
	assert_int_equal(list_row(&l, "k2")->days_overdue, 9);
	assert_int_equal(list_row(&l, "k3")->days_overdue, 9);
	assert_false(list_row(&l, "k1")->overdue);
	assert_false(list_row(&l, "k4")->overdue);
	case_list_release(&l);
	/* on the deadline itself (03-06) nothing is overdue yet */
	q.day = day("2017-03-06");
	l = list_on(f, &q);
	for (size_t i = 0; i < l.n; i++)
		assert_false(l.v[i].overdue);
	case_list_release(&l);
	/* the day after, 03-07: k2 and k3 by one day; k1 was resolved that day */
	q.day = day("2017-03-07");
	q.overdue_only = 1;
	l = list_on(f, &q);
	{
		char codes[64];
		codes_of(&l, codes, sizeof codes);
		assert_string_equal(codes, "k2,k3");
	}
	assert_int_equal(l.v[0].days_overdue, 1);
	assert_int_equal(l.v[1].days_overdue, 1);
	case_list_release(&l);
}

static void test_list_filters(void **state)
{
	struct fx *f = *state;
	struct case_list_req q = { .status = -1, .category = -1 };
	struct case_list l;
	char codes[64];

	q.dept = "人社局";   /* k1 and k4 are with 人社局 */
	l = list_on(f, &q);
	codes_of(&l, codes, sizeof codes);
	assert_string_equal(codes, "k1,k4");
	case_list_release(&l);
	q.dept = NULL;
	q.status = CS_MERGED;
	l = list_on(f, &q);
	codes_of(&l, codes, sizeof codes);
	assert_string_equal(codes, "k5");
	case_list_release(&l);
	q.status = CS_CONFIRMED;   /* k1, k2, k4 confirmed; labour: k1, k4 */
	q.category = case_name_index("用工", CASE_CATEGORY, CASE_CATEGORY_ZH);
	l = list_on(f, &q);
	codes_of(&l, codes, sizeof codes);
	assert_string_equal(codes, "k1,k4");
	case_list_release(&l);
	q.status = -1;   /* overdue on 03-25 (today): k3 alone */
	q.category = -1;
	q.overdue_only = 1;
	l = list_on(f, &q);
	codes_of(&l, codes, sizeof codes);
	assert_string_equal(codes, "k3");
	case_list_release(&l);
	q.dept = "nobody";
	l = list_on(f, &q);
	assert_int_equal(l.n, 0);
	case_list_release(&l);
}

static void test_list_refuses(void **state)
{
	struct fx *f = *state;
	struct case_list_req q = { .status = CS_N, .category = -1 };
	struct case_list l;
	struct kfq_err err = { 0 };
	assert_int_equal(case_list(tdb_ctx(), f->db, &q, &l, &err), -1);
	assert_int_equal(err.kind, KFQ_EUSER);
	assert_string_equal(err.field, "status");
	case_list_release(&l);
	q.status = -1;
	q.category = 9;   /* land ... other: 0 to 8 */
	assert_int_equal(case_list(tdb_ctx(), f->db, &q, &l, &err), -1);
	assert_string_equal(err.field, "category");
	case_list_release(&l);
}

/* ---- overdue (督办) ---- */

static struct case_overdue overdue_on(struct fx *f, const char *d, long days, long soon)
{
	struct case_overdue_req q = { .days = days, .soon = soon };
	struct case_overdue o;
	struct kfq_err err = { 0 };
	if (d)
		q.day = day(d);
	if (case_overdue(tdb_ctx(), f->db, &q, &o, &err) != 0)
		fail_msg("case_overdue: %s", err.msg);
	return o;
}

static void test_overdue_escalates(void **state)
{
	struct fx *f = *state;
	/* 03-15, escalate past 5 days, due within 3 (by 03-18): open are k2
	 * (reopened 03-13, with 供电公司) and k3 (with 城管局 since 03-10), both
	 * deadline 03-06: 9 days > 5: escalate; k2's department names no
	 * supervisor, k3's names 李主任. By department in byte order: 供 (e4 be)
	 * before 城 (e5 9f). */
	struct case_overdue o = overdue_on(f, "2017-03-15", 5, 3);
	assert_int_equal(o.n, 2);
	assert_int_equal(o.noverdue, 2);
	assert_int_equal(o.nsoon, 0);
	assert_int_equal(o.ndepts, 2);
	assert_string_equal(o.v[0].code, "k2");
	assert_string_equal(o.depts[o.v[0].dept].dept, "供电公司");
	assert_null_or(o.depts[o.v[0].dept].supervisor, NULL);
	assert_int_equal(o.v[0].days_overdue, 9);
	assert_int_equal(o.v[0].urge, CASE_ESCALATE);
	assert_string_equal(o.v[1].code, "k3");
	assert_string_equal(o.depts[o.v[1].dept].dept, "城管局");
	assert_string_equal(o.depts[o.v[1].dept].supervisor, "李主任");
	assert_int_equal(o.v[1].urge, CASE_ESCALATE);
	assert_int_equal(o.depts[1].overdue, 1);
	assert_int_equal(o.depts[1].escalate, 1);
	assert_string_equal(o.v[1].party.household, "h1");
	assert_date(&o.v[1].raised, "2017-03-02");
	assert_date(&o.v[1].deadline, "2017-03-06");
	case_overdue_release(&o);
	/* past 10 days only: 9 is late, not yet for the supervisor */
	o = overdue_on(f, "2017-03-15", 10, 3);
	assert_int_equal(o.v[0].urge, CASE_LATE);
	assert_int_equal(o.v[1].urge, CASE_LATE);
	assert_int_equal(o.depts[0].overdue, 1);
	assert_int_equal(o.depts[0].escalate, 0);
	case_overdue_release(&o);
}

static void test_overdue_department_on_the_day(void **state)
{
	struct fx *f = *state;
	/* 03-08, past 1 day: k3 was still with 住建局 (transferred 03-10), 2
	 * days late: escalate to 王副书记; k2 with 供电公司, 2 days; k4 (due
	 * 03-20) is beyond 03-08 + 3 = 03-11; k5 merged that day. 住 (e4 bd)
	 * comes before 供 (e4 be). */
	struct case_overdue o = overdue_on(f, "2017-03-08", 1, 3);
	assert_int_equal(o.n, 2);
	assert_string_equal(o.v[0].code, "k3");
	assert_string_equal(o.depts[o.v[0].dept].dept, "住建局");
	assert_string_equal(o.depts[o.v[0].dept].supervisor, "王副书记");
	assert_int_equal(o.v[0].days_overdue, 2);
	assert_int_equal(o.v[0].urge, CASE_ESCALATE);
	assert_string_equal(o.v[1].code, "k2");
	case_overdue_release(&o);
}

static void test_overdue_due_soon(void **state)
{
	struct fx *f = *state;
	/* 04-05, due within 5 days (by 04-10): k6 (raised 04-03, deadline
	 * 04-10, not assigned) is due in 5 days: −5, due soon, listed first
	 * (not assigned); k3 is 03-06 → 04-05 = 25 + 5 = 30 days late. */
	struct case_overdue o = overdue_on(f, "2017-04-05", 5, 5);
	assert_int_equal(o.n, 2);
	assert_int_equal(o.noverdue, 1);
	assert_int_equal(o.nsoon, 1);
	assert_string_equal(o.v[0].code, "k6");
	assert_null_or(o.depts[o.v[0].dept].dept, NULL);
	assert_int_equal(o.v[0].days_overdue, -5);
	assert_int_equal(o.v[0].urge, CASE_DUE_SOON);
	assert_int_equal(o.depts[0].overdue, 0);
	assert_string_equal(o.v[1].code, "k3");
	assert_int_equal(o.v[1].days_overdue, 30);
	case_overdue_release(&o);
	/* within 4 days (by 04-09): k6 is not due yet */
	o = overdue_on(f, "2017-04-05", 5, 4);
	assert_int_equal(o.n, 1);
	assert_string_equal(o.v[0].code, "k3");
	case_overdue_release(&o);
	/* no day: the context's today, 03-25: k3 alone, 19 days */
	o = overdue_on(f, NULL, 5, 3);
	assert_date(&o.day, "2017-03-25");
	assert_int_equal(o.n, 1);
	assert_int_equal(o.v[0].days_overdue, 19);
	case_overdue_release(&o);
}

static void test_overdue_refuses(void **state)
{
	struct fx *f = *state;
	struct case_overdue_req q = { .days = CASE_ESCALATE_MAX + 1, .soon = 3 };
	struct case_overdue o;
	struct kfq_err err = { 0 };
	assert_int_equal(case_overdue(tdb_ctx(), f->db, &q, &o, &err), -1);
	assert_string_equal(err.field, "days");
	assert_err_has(&err, "3651: expected a number of days, 0 to 3650");
	case_overdue_release(&o);
	q.days = 5;
	q.soon = -1;
	assert_int_equal(case_overdue(tdb_ctx(), f->db, &q, &o, &err), -1);
	assert_string_equal(err.field, "soon");
	case_overdue_release(&o);
}

/* ---- show ---- */

static void test_show(void **state)
{
	struct fx *f = *state;
	struct case_show_req q = { .code = "k2" };
	struct case_detail d;
	struct kfq_err err = { 0 };

	assert_int_equal(case_show(tdb_ctx(), f->db, &q, &d, &err), 0);
	assert_string_equal(d.code, "k2");
	assert_string_equal(d.channel, "hotline");
	assert_null_or(d.visit, NULL);
	assert_string_equal(d.party.unit, "e2");
	assert_string_equal(d.party.unit_name, "企业二");
	assert_null_or(d.party.household, NULL);
	assert_string_equal(d.category, "infrastructure");
	assert_string_equal(d.priority, "high");
	assert_string_equal(d.description, "临时用电增容");
	assert_string_equal(d.dept, "供电公司");
	assert_string_equal(d.status, "confirmed");
	assert_date(&d.raised, "2017-03-01");
	assert_date(&d.deadline, "2017-03-06");
	assert_date(&d.resolved, "2017-03-20");   /* resolved again after the reopen */
	assert_int_equal(d.rating, 4);
	assert_null_or(d.merged_into, NULL);
	/* six steps in date order, as imported (by the tests' account) */
	assert_int_equal(d.nsteps, 6);
	assert_date(&d.steps[0].date, "2017-03-02");
	assert_string_equal(d.steps[0].action, "assign");
	assert_string_equal(d.steps[0].dept, "供电公司");
	assert_string_equal(d.steps[3].action, "reopen");
	assert_string_equal(d.steps[3].note, "电压不稳");
	assert_string_equal(d.steps[5].action, "confirm");
	assert_int_equal(d.steps[5].rating, 4);
	assert_int_equal(d.steps[4].rating, 0);
	assert_string_equal(d.steps[5].who, "tester");
	/* and six changes in the history, stamped with the import's clock */
	assert_int_equal(d.nhistory, 6);
	assert_string_equal(d.history[0].note, "assign: registered → assigned");
	assert_string_equal(d.history[3].note, "reopen: resolved → in_progress; 电压不稳");
	assert_string_equal(d.history[3].date, "2017-03-13");
	assert_string_equal(d.history[3].who, "tester");
	assert_string_equal(d.history[3].at, "2017-03-25T08:00:00Z");
	case_detail_release(&d);
}

/* A household's head, address and phone are personal information: read
 * only when asked for, and the asking recorded in the audit log first
 * (issue 13, defect 9: the head and the address were always shown). */
static void test_show_contacts_only_when_asked(void **state)
{
	struct fx *f = *state;
	struct case_show_req q = { .code = "k3" };
	struct case_detail d;
	struct kfq_err err = { 0 };
	struct kfq_stmt *st;

	assert_int_equal(case_show(tdb_ctx(), f->db, &q, &d, &err), 0);
	assert_string_equal(d.party.household, "h1");
	assert_string_equal(d.party.community, "东村");
	assert_null(d.head);   /* not asked */
	assert_null(d.address);
	assert_null(d.phone);
	assert_string_equal(d.visit, "v2");
	assert_string_equal(d.campaign, "大走访");
	assert_date(&d.resolved, "");
	assert_int_equal(d.rating, 0);
	case_detail_release(&d);
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM audit"), 0);
	q.with_contacts = 1;
	q.address = "10.0.0.7";
	assert_int_equal(case_show(tdb_ctx(), f->db, &q, &d, &err), 0);
	assert_string_equal(d.head, "张三");
	assert_string_equal(d.address, "1号");
	assert_string_equal(d.phone, "13800000001");
	case_detail_release(&d);
	st = tdb_prepare(f->db, "SELECT who, address, event, account, detail FROM audit");
	assert_int_equal(st_step(st), ST_ROW);
	assert_string_equal(st_text(st, 0), "tester");
	assert_string_equal(st_text(st, 1), "10.0.0.7");
	assert_string_equal(st_text(st, 2), "personal-data");
	assert_string_equal(st_text(st, 3), "tester");
	assert_string_equal(st_text(st, 4), "case k3: the name, address and phone of household h1");
	assert_int_equal(st_step(st), ST_DONE);
	st_finalize(st);
	q.with_contacts = 0;
	/* the merged duplicate names the case it went into */
	q.code = "k5";
	assert_int_equal(case_show(tdb_ctx(), f->db, &q, &d, &err), 0);
	assert_string_equal(d.merged_into, "k4");
	assert_int_equal(d.nsteps, 1);
	case_detail_release(&d);
}

static void test_show_unknown(void **state)
{
	struct fx *f = *state;
	struct case_show_req q = { .code = "k9" };
	struct case_detail d;
	struct kfq_err err = { 0 };
	assert_int_equal(case_show(tdb_ctx(), f->db, &q, &d, &err), -1);
	assert_int_equal(err.kind, KFQ_EUSER);
	assert_string_equal(err.field, "case");
	assert_string_equal(err.msg, "unknown case \"k9\"");
	case_detail_release(&d);
}

/* ---- stats ---- */

static struct case_stats stats_of(struct fx *f, const char *period, int by, const char *campaign)
{
	struct case_stats_req q = { .by = by, .campaign = campaign };
	struct case_stats s;
	struct kfq_err err = { 0 };
	if (period_parse(period, &q.period, &err) != 0)
		fail_msg("period_parse(%s): %s", period, err.msg);
	if (case_stats(tdb_ctx(), f->db, &q, &s, &err) != 0)
		fail_msg("case_stats: %s", err.msg);
	return s;
}

static void test_stats_year(void **state)
{
	struct fx *f = *state;
	struct case_stats s = stats_of(f, "2017", CASE_BY_NONE, NULL);
	const struct case_stats_group *t = &s.total;

	assert_int_equal(s.ngroups, 0);
	assert_null_or(t->name, NULL);
	/* raised: k1, k2, k3, k4, k6 (k5 merged) = 5; resolved k1, k2, k4 =
	 * 3; on time k1 (03-07 ≤ 03-08) and k4 (03-09 ≤ 03-20), k2 late (03-20
	 * > 03-06) = 2; open and overdue on 12-31: k3, k6 = 2 */
	assert_int_equal(t->raised, 5);
	assert_int_equal(t->resolved, 3);
	assert_int_equal(t->on_time, 2);
	assert_int_equal(t->overdue, 2);
	/* rated 5, 4, 3: 2 satisfied of 3; k2 reopened: 1 of 3 */
	assert_int_equal(t->rated, 3);
	assert_int_equal(t->satisfied, 2);
	assert_int_equal(t->reopened, 1);
	/* 3 / 5 = 60.0%; 2 / 3 = 66.67: 66.7%; 1 / 3 = 33.33: 33.3% */
	assert_rate(&t->resolution, 600);
	assert_rate(&t->on_time_rate, 667);
	assert_rate(&t->satisfaction, 667);
	assert_rate(&t->reopen, 333);
	/* days to resolve: k4 3, k1 6, k2 19: the median 6.0 */
	assert_true(t->has_median);
	assert_int_equal(t->median_days, 60);
	case_stats_release(&s);
}

static void test_stats_by_dept(void **state)
{
	struct fx *f = *state;
	struct case_stats s = stats_of(f, "2017", CASE_BY_DEPT, NULL);
	const struct case_stats_group *g = s.groups;

	/* in the order of their first case: k1 人社局, k2 供电公司, k3 城管局,
	 * k5 (none: merged before it was assigned) */
	assert_int_equal(s.ngroups, 4);
	assert_string_equal(g[0].name, "人社局");
	assert_string_equal(g[1].name, "供电公司");
	assert_string_equal(g[2].name, "城管局");
	assert_null_or(g[3].name, NULL);
	/* 人社局: k1 and k4, both resolved on time, 6 and 3 days: the median
	 * (3 + 6) / 2 = 4.5; rated 5 and 3: one satisfied, 50.0% */
	assert_int_equal(g[0].raised, 2);
	assert_int_equal(g[0].resolved, 2);
	assert_rate(&g[0].resolution, 1000);
	assert_rate(&g[0].on_time_rate, 1000);
	assert_int_equal(g[0].median_days, 45);
	assert_rate(&g[0].satisfaction, 500);
	assert_rate(&g[0].reopen, 0);
	/* 供电公司: k2, late, 19 days, reopened */
	assert_rate(&g[1].on_time_rate, 0);
	assert_int_equal(g[1].median_days, 190);
	assert_rate(&g[1].reopen, 1000);
	/* 城管局: k3 raised, not resolved, overdue: 0.0%, the rest unknown */
	assert_int_equal(g[2].raised, 1);
	assert_int_equal(g[2].overdue, 1);
	assert_rate(&g[2].resolution, 0);
	assert_rate(&g[2].on_time_rate, -1);
	assert_false(g[2].has_median);
	/* not assigned: k6 raised and overdue (k5 merged counts nowhere) */
	assert_int_equal(g[3].raised, 1);
	assert_int_equal(g[3].resolved, 0);
	assert_int_equal(g[3].overdue, 1);
	/* the total as without groups */
	assert_int_equal(s.total.raised, 5);
	assert_int_equal(s.total.median_days, 60);
	case_stats_release(&s);
}

static void test_stats_by_category_in_march(void **state)
{
	struct fx *f = *state;
	/* March (03-01 … 03-31): labour k1, k4 raised and resolved (k5
	 * merged); infrastructure k2, k3 raised, k2 resolved, k3 overdue on
	 * 03-31; policy k6 is raised in April and was not open on 03-31:
	 * nothing, so left out */
	struct case_stats s = stats_of(f, "2017-03", CASE_BY_CATEGORY, NULL);
	assert_int_equal(s.ngroups, 2);
	assert_string_equal(s.groups[0].name, "labour");
	assert_int_equal(s.groups[0].raised, 2);
	assert_int_equal(s.groups[0].resolved, 2);
	assert_int_equal(s.groups[0].median_days, 45);
	assert_string_equal(s.groups[1].name, "infrastructure");
	assert_int_equal(s.groups[1].raised, 2);
	assert_int_equal(s.groups[1].resolved, 1);
	assert_int_equal(s.groups[1].overdue, 1);
	assert_rate(&s.groups[1].resolution, 500);
	assert_int_equal(s.total.raised, 4);
	assert_int_equal(s.total.resolved, 3);
	assert_int_equal(s.total.overdue, 1);
	case_stats_release(&s);
}

static void test_stats_campaign_and_empty(void **state)
{
	struct fx *f = *state;
	/* the campaign's k1 and k3: both raised, k1 resolved (6 days), k3
	 * overdue */
	struct case_stats s = stats_of(f, "2017", CASE_BY_NONE, "大走访");
	assert_int_equal(s.total.raised, 2);
	assert_int_equal(s.total.resolved, 1);
	assert_int_equal(s.total.overdue, 1);
	assert_int_equal(s.total.median_days, 60);
	assert_rate(&s.total.resolution, 500);
	case_stats_release(&s);
	/* February: nothing raised, resolved or overdue; no rate, no median */
	s = stats_of(f, "2017-02", CASE_BY_DEPT, NULL);
	assert_int_equal(s.ngroups, 0);
	assert_int_equal(s.total.raised, 0);
	assert_rate(&s.total.resolution, -1);
	assert_rate(&s.total.satisfaction, -1);
	assert_false(s.total.has_median);
	case_stats_release(&s);
}

static void test_stats_refuses(void **state)
{
	struct fx *f = *state;
	struct case_stats_req q = { .by = CASE_BY_NONE };   /* no period */
	struct case_stats s;
	struct kfq_err err = { 0 };
	assert_int_equal(case_stats(tdb_ctx(), f->db, &q, &s, &err), -1);
	assert_int_equal(err.kind, KFQ_EUSER);
	assert_string_equal(err.field, "period");
	case_stats_release(&s);
}

/* ---- register and apply: one call, one transaction ---- */

static void test_register(void **state)
{
	struct fx *f = *state;
	struct case_row r = { .code = "k7", .channel = "online", .category = "other",
	                      .priority = "urgent", .description = "问询" };
	struct case_change c;
	struct kfq_err err = { 0 };

	/* no day: the context's today, Friday 03-24; urgent, 2 working days:
	 * Monday 03-27, Tuesday 03-28 */
	tdb_clock("2017-03-24", NULL);
	assert_int_equal(month_count(f->db, "cases_raised", 3), 4);   /* k1 … k4 (k5 merged) */
	assert_int_equal(case_register(tdb_ctx(), f->db, &r, &c, &err), 0);
	assert_int_equal(c.changed, 1);
	assert_date(&c.deadline, "2017-03-28");
	assert_status(f->db, "k7", "registered");
	/* in the same transaction the published figures were rewritten */
	assert_int_equal(month_count(f->db, "cases_raised", 3), 5);
	/* the same again: nothing changes, the deadline is told */
	assert_int_equal(case_register(tdb_ctx(), f->db, &r, &c, &err), 0);
	assert_int_equal(c.changed, 0);
	assert_date(&c.deadline, "2017-03-28");
	/* other details: refused, about no one field */
	r.description = "别的问题";
	assert_int_equal(case_register(tdb_ctx(), f->db, &r, &c, &err), -1);
	assert_int_equal(err.kind, KFQ_EUSER);
	assert_string_equal(err.field, "");
	assert_err_has(&err, "case \"k7\" is already registered with other details");
	/* a bad category: the field named apart from the message */
	r.code = "k8";
	r.category = "roads";
	assert_int_equal(case_register(tdb_ctx(), f->db, &r, &c, &err), -1);
	assert_string_equal(err.field, "category");
	assert_err_has(&err, "\"roads\" (expected land, finance");
	assert_status(f->db, "k8", "(no row)");
}

static void test_apply(void **state)
{
	struct fx *f = *state;
	struct case_step_req s = { .code = "k6", .action = CA_ASSIGN, .dept = "民政局" };
	struct case_change c;
	struct kfq_err err = { 0 };
	struct kfq_ctx cx;
	char who[64];

	/* no date: the context's today; the step by the context's account */
	ctx_init(&cx, "李四");
	assert_int_equal(ctx_set_today(&cx, "2017-04-05", "today", &err), 0);
	assert_int_equal(case_apply(&cx, f->db, &s, &c, &err), 0);
	assert_int_equal(c.changed, 1);
	assert_int_equal(c.from, CS_REGISTERED);
	assert_int_equal(c.to, CS_ASSIGNED);
	text_of(f->db, "SELECT e.date || ' ' || e.who FROM case_event e JOIN kase k ON "
	        "k.id = e.case_id WHERE k.code = ?", "k6", who, sizeof who);
	assert_string_equal(who, "2017-04-05 李四");
	text_of(f->db, "SELECT who FROM history WHERE kind = 'case' AND unit = ?", "k6", who,
	        sizeof who);
	assert_string_equal(who, "李四");
	/* the same step again: no change */
	assert_int_equal(case_apply(&cx, f->db, &s, &c, &err), 0);
	assert_int_equal(c.changed, 0);
	/* k3 accepted by 城管局 on 04-05, resolved 04-06: resolved in April 1 */
	s.code = "k3";
	s.action = CA_ACCEPT;
	s.dept = NULL;
	assert_int_equal(case_apply(&cx, f->db, &s, &c, &err), 0);
	assert_int_equal(c.from, CS_ASSIGNED);
	assert_int_equal(c.to, CS_ACCEPTED);
	s.action = CA_RESOLVE;
	s.date = day("2017-04-06");
	s.note = "已修复";
	assert_int_equal(month_count(f->db, "cases_resolved", 4), 0);
	assert_int_equal(case_apply(&cx, f->db, &s, &c, &err), 0);
	assert_int_equal(c.to, CS_RESOLVED);
	assert_int_equal(month_count(f->db, "cases_resolved", 4), 1);
}

static void test_apply_refuses(void **state)
{
	struct fx *f = *state;
	struct case_step_req s = { .code = "k6", .action = CA_CONFIRM, .rating = 5,
	                           .date = { 2017, 4, 5 } };
	struct case_change c;
	struct kfq_err err = { 0 };

	/* k6 is registered: confirm is not allowed; no field */
	assert_int_equal(case_apply(tdb_ctx(), f->db, &s, &c, &err), -1);
	assert_int_equal(err.kind, KFQ_EUSER);
	assert_string_equal(err.field, "");
	assert_string_equal(err.msg, "case \"k6\" is registered: confirm is not allowed (allowed: "
	                    "assign, merge, close)");
	/* resolve without a note: the field is the note */
	s.code = "k3";
	s.action = CA_ACCEPT;
	s.rating = 0;   /* a rating is confirm's only */
	assert_int_equal(case_apply(tdb_ctx(), f->db, &s, &c, &err), 0);
	s.action = CA_RESOLVE;
	assert_int_equal(case_apply(tdb_ctx(), f->db, &s, &c, &err), -1);
	assert_string_equal(err.field, "note");
	assert_string_equal(err.msg, "resolve needs what was done");
	/* a date before the case's last step (04-05) */
	s.note = "x";
	s.date = day("2017-04-01");
	assert_int_equal(case_apply(tdb_ctx(), f->db, &s, &c, &err), -1);
	assert_string_equal(err.field, "date");
	assert_string_equal(err.msg, "2017-04-01 is before the case's last step (2017-04-05)");
	/* an unknown case; a step out of the table */
	s.code = "k9";
	assert_int_equal(case_apply(tdb_ctx(), f->db, &s, &c, &err), -1);
	assert_string_equal(err.field, "case");
	assert_string_equal(err.msg, "unknown case \"k9\"");
	s.action = CA_N;
	assert_int_equal(case_apply(tdb_ctx(), f->db, &s, &c, &err), -1);
	assert_string_equal(err.field, "action");
	assert_int_equal(steps_of(f->db, "k3"), 4);   /* three imported, the accept */
}

/* ---- a failed statement is a fault ---- */

static const char *const TABLES[] = { "kase", "case_event", "history", "obs", NULL };

/* Run a query with a fault at operation n = 1, 2, ... (every 7th on
 * PostgreSQL) until it gets through: each failure a fault, never an empty
 * result or the user's error; the result released after it. */
static void queries_under_faults(struct fx *f, int which)
{
	long n;
	for (n = 1; n < 200; n += tdb_fault_stride()) {
		struct kfq_err err = { 0 };
		int rc;
		db_inject_fault(f->db, n);
		if (which == 0) {
			struct case_list_req q = { .status = -1, .category = -1 };
			struct case_list l;
			rc = case_list(tdb_ctx(), f->db, &q, &l, &err);
			assert_true(rc < 0 || l.n == 6);
			case_list_release(&l);
		} else if (which == 1) {
			struct case_overdue_req q = { .day = { 2017, 4, 5 }, .days = 5, .soon = 5 };
			struct case_overdue o;
			rc = case_overdue(tdb_ctx(), f->db, &q, &o, &err);
			assert_true(rc < 0 || o.n == 2);
			case_overdue_release(&o);
		} else if (which == 2) {
			struct case_show_req q = { .code = "k2" };
			struct case_detail d;
			rc = case_show(tdb_ctx(), f->db, &q, &d, &err);
			assert_true(rc < 0 || (d.nsteps == 6 && d.nhistory == 6));
			case_detail_release(&d);
		} else {
			struct case_stats_req q = { .period = { 2017, PERIOD_YEAR, 1, 12 }, .by = CASE_BY_DEPT };
			struct case_stats s;
			rc = case_stats(tdb_ctx(), f->db, &q, &s, &err);
			assert_true(rc < 0 || s.total.raised == 5);
			case_stats_release(&s);
		}
		if (rc == 0) {
			tdb_assert_fault_pending(f->db, n, "a case query");
			db_inject_fault(f->db, 0);
			return;
		}
		db_inject_fault(f->db, 0);
		if (err.kind != KFQ_EFAULT || !strstr(err.msg, "simulated fault"))
			fail_msg("query %d, fault at %ld: told as %s: %s", which, n,
			         err.kind == KFQ_EFAULT ? "another fault" : "the user's error", err.msg);
	}
	fail_msg("query %d never got through", which);
}

static void test_queries_fail_as_faults(void **state)
{
	struct fx *f = *state;
	for (int which = 0; which < 4; which++)
		queries_under_faults(f, which);
}

/* A step with a fault at operation n = 1, 2, ...: each failure a fault,
 * not run again (a simulated fault is no concurrent writer), the database
 * as before; then it gets through. */
static void test_apply_fails_as_a_fault(void **state)
{
	struct fx *f = *state;
	struct case_step_req s = { .code = "k6", .action = CA_ASSIGN, .dept = "民政局",
	                           .date = { 2017, 4, 5 } };
	char *before = tdb_content(f->db, TABLES);
	long n;
	for (n = 1; n < 2000; n += tdb_fault_stride()) {
		struct case_change c;
		struct kfq_err err = { 0 };
		char *after;
		db_inject_fault(f->db, n);
		if (case_apply(tdb_ctx(), f->db, &s, &c, &err) == 0) {
			tdb_assert_fault_pending(f->db, n, "case_apply");
			db_inject_fault(f->db, 0);
			assert_int_equal(c.changed, 1);
			break;
		}
		db_inject_fault(f->db, 0);
		if (err.kind != KFQ_EFAULT || !strstr(err.msg, "simulated fault"))
			fail_msg("fault at %ld: told as %s", n, err.msg);
		after = tdb_content(f->db, TABLES);
		if (strcmp(before, after) != 0)
			fail_msg("the fault at %ld changed the database", n);
		free(after);
	}
	free(before);
	assert_status(f->db, "k6", "assigned");
}

/* ---- two people at once ----
 *
 * Each person is a process of its own with a connection of its own,
 * forked while this process holds no transaction (SQLite's locks are a
 * process's: a child must not inherit one in use). */

/* What a child process tells its parent. */
struct outcome {
	int rc, kind, changed, from, to;
	char msg[400];
};

enum how { APPLY, HOLD };

/* In a child: open a connection of its own; with APPLY tell the parent
 * (ready), wait for go when given, apply s (case_apply); with HOLD write s
 * in a transaction (case_act), tell the parent, wait for go and only then
 * commit. Write the outcome and end. Never returns. */
static void child(const char *path, enum how how, const struct case_step_req *s, int ready,
                  int go, int result)
{
	struct kfq_db *db;
	struct kfq_err err = { 0 };
	struct case_change c = { 0 };
	struct outcome o;
	char b = 'r';

	memset(&o, 0, sizeof o);
	o.rc = -1;
	if (db_open(&db, path, DB_EXISTING, &err) == 0) {
		if (how == HOLD) {
			struct date d = s->date;
			o.rc = db_begin(db, tdb_ctx(), &err) < 0 ||
			       case_act(db, s->code, CASE_ACTION[s->action], &d, s->dept, s->note,
			                s->into, s->rating, "tester", &c.changed, &err) < 0 ? -1 : 0;
			if (write(ready, &b, 1) != 1 || read(go, &b, 1) < 0)
				_exit(3);
			if (o.rc == 0)
				o.rc = db_commit(db, &err);
		} else {
			if (write(ready, &b, 1) != 1 || (go >= 0 && read(go, &b, 1) < 0))
				_exit(3);
			o.rc = case_apply(tdb_ctx(), db, s, &c, &err);
		}
		db_close(db);
	}
	o.kind = err.kind;
	o.changed = c.changed;
	o.from = c.from;
	o.to = c.to;
	snprintf(o.msg, sizeof o.msg, "%.40s%s%.300s", err.field, err.field[0] ? ": " : "",
	         err.msg);
	_exit(write(result, &o, sizeof o) == (ssize_t)sizeof o ? 0 : 3);
}

/* A child started: the reading ends of its pipes, the writing end of its go. */
struct kid {
	pid_t pid;
	int ready, result, go;
};

/* Start a child doing s as how; it waits for a byte (or the end) on go
 * when go is not -1, else on a pipe of its own (kid.go) when it holds.
 * close_w: a writing end of the parent's the child must not keep (or -1). */
static struct kid start_child(struct fx *f, enum how how, const struct case_step_req *s, int go,
                              int close_w)
{
	int pr[2], po[2], pg[2] = { -1, -1 };
	struct kid k;
	assert_int_equal(pipe(pr), 0);
	assert_int_equal(pipe(po), 0);
	if (how == HOLD)
		assert_int_equal(pipe(pg), 0);
	fflush(NULL);
	k.pid = fork();
	assert_true(k.pid >= 0);
	if (k.pid == 0) {
		close(pr[0]);
		close(po[0]);
		if (close_w >= 0)
			close(close_w);
		if (how == HOLD)
			close(pg[1]);
		child(f->path, how, s, pr[1], how == HOLD ? pg[0] : go, po[1]);
	}
	close(pr[1]);
	close(po[1]);
	if (how == HOLD)
		close(pg[0]);
	k.ready = pr[0];
	k.result = po[0];
	k.go = pg[1];
	return k;
}

static void wait_ready(const struct kid *k)
{
	char b;
	struct pollfd p = { .fd = k->ready, .events = POLLIN };
	assert_int_equal(poll(&p, 1, 30000), 1);
	assert_int_equal(read(k->ready, &b, 1), 1);
}

static struct outcome finish_child(struct kid *k)
{
	struct outcome o;
	int status;
	memset(&o, 0, sizeof o);
	if (read(k->result, &o, sizeof o) != (ssize_t)sizeof o)
		fail_msg("a child process told nothing");
	assert_int_equal(waitpid(k->pid, &status, 0), k->pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	close(k->ready);
	close(k->result);
	if (k->go >= 0)
		close(k->go);
	return o;
}

/* One person's step (held) is written but not committed when another's
 * starts (applied): the other waits (SQLite) or meets a serialization
 * failure and runs again (PostgreSQL); either way it then finds the case
 * as the first step left it. */
static struct outcome step_during(struct fx *f, const struct case_step_req *held,
                                  const struct case_step_req *applied)
{
	struct timespec pause = { 0, 300 * 1000000L };
	struct kid h, a;
	struct outcome oh, oa;
	char b = 'c';

	h = start_child(f, HOLD, held, -1, -1);
	wait_ready(&h);   /* its step is written, not committed */
	a = start_child(f, APPLY, applied, -1, h.go);
	wait_ready(&a);
	nanosleep(&pause, NULL);   /* the other step has started and waits on the first */
	assert_int_equal(write(h.go, &b, 1), 1);
	oh = finish_child(&h);
	if (oh.rc != 0)
		fail_msg("the first step failed: %s", oh.msg);
	oa = finish_child(&a);
	if (oa.kind == KFQ_EFAULT)
		fail_msg("the second step failed as a fault: %s", oa.msg);
	return oa;
}

static void test_concurrent_step_after_another(void **state)
{
	struct fx *f = *state;
	struct case_step_req assign = { .code = "k6", .action = CA_ASSIGN, .dept = "民政局",
	                                .date = { 2017, 4, 5 } };
	struct case_step_req close_it = { .code = "k6", .action = CA_CLOSE,
	                                  .note = "已作政策解释", .date = { 2017, 4, 6 } };
	struct case_step_req reopen = { .code = "k4", .action = CA_REOPEN, .note = "回访不满意",
	                                .date = { 2017, 4, 5 } };
	struct case_step_req reopen_too = { .code = "k4", .action = CA_REOPEN, .note = "又来电",
	                                    .date = { 2017, 4, 5 } };
	struct outcome o;

	/* 1. k6 assigned by one person while another closes it: the closing is
	 *    applied after the assignment, from assigned */
	o = step_during(f, &assign, &close_it);
	if (o.rc != 0)
		fail_msg("the second step failed: %s", o.msg);
	assert_int_equal(o.changed, 1);
	assert_int_equal(o.from, CS_ASSIGNED);   /* it saw the first step */
	assert_int_equal(o.to, CS_CLOSED);
	assert_status(f->db, "k6", "closed");
	assert_int_equal(steps_of(f->db, "k6"), 2);

	/* 2. k4 (confirmed) reopened by one person, and by another at once with
	 *    another reason: after the first it is in progress, and the second
	 *    is refused as not allowed, not a fault */
	o = step_during(f, &reopen, &reopen_too);
	assert_int_equal(o.rc, -1);
	assert_int_equal(o.kind, KFQ_EUSER);
	assert_string_equal(o.msg, "case \"k4\" is in_progress: reopen is not allowed (allowed: "
	                    "progress, resolve, transfer, merge, close)");
	assert_status(f->db, "k4", "in_progress");
	assert_int_equal(steps_of(f->db, "k4"), 5);   /* four imported, the first reopen */
}

/* Two people step the same case at the same moment, round after round:
 * one step is applied, the other after it (close after assign) or refused
 * (assign after close: the case is finished), never a fault. */
static void test_concurrent_steps_race(void **state)
{
	struct fx *f = *state;
	enum { ROUNDS = 6 };
	struct kfq_err err = { 0 };

	for (int i = 0; i < ROUNDS; i++) {
		char code[16];
		struct case_row r = { .code = code, .channel = "online", .category = "policy",
		                      .description = "咨询", .raised = { 2017, 4, 3 } };
		struct case_step_req a = { .code = code, .action = CA_ASSIGN, .dept = "社区",
		                           .date = { 2017, 4, 5 } };
		struct case_step_req b = { .code = code, .action = CA_CLOSE, .note = "已解释",
		                           .date = { 2017, 4, 5 } };
		struct case_change c;
		struct outcome oa, ob;
		struct kid ka, kb;
		int go[2];
		char status[32];

		snprintf(code, sizeof code, "r%d", i);
		assert_int_equal(case_register(tdb_ctx(), f->db, &r, &c, &err), 0);
		assert_int_equal(pipe(go), 0);
		ka = start_child(f, APPLY, &a, go[0], go[1]);
		kb = start_child(f, APPLY, &b, go[0], go[1]);
		close(go[0]);
		wait_ready(&ka);
		wait_ready(&kb);
		close(go[1]);   /* both read the end of the pipe at once: go */
		oa = finish_child(&ka);
		ob = finish_child(&kb);
		if (oa.kind == KFQ_EFAULT || ob.kind == KFQ_EFAULT)
			fail_msg("round %d: a fault: %s / %s", i, oa.msg, ob.msg);
		assert_int_equal(ob.rc, 0);   /* closing is allowed from either status */
		text_of(f->db, "SELECT status FROM kase WHERE code = ?", code, status, sizeof status);
		assert_string_equal(status, "closed");
		if (oa.rc == 0) {
			/* assigned first, closed after it */
			assert_int_equal(oa.from, CS_REGISTERED);
			assert_int_equal(ob.from, CS_ASSIGNED);
			assert_int_equal(steps_of(f->db, code), 2);
		} else {
			/* closed first: the assignment refused */
			assert_int_equal(ob.from, CS_REGISTERED);
			assert_int_equal(oa.kind, KFQ_EUSER);
			assert_non_null(strstr(oa.msg, "is closed: assign is not allowed (allowed: none: "
			                       "the case is finished)"));
			assert_int_equal(steps_of(f->db, code), 1);
		}
	}
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_list_on_today),
		T(test_list_on_a_day),
		T(test_list_filters),
		T(test_list_refuses),
		T(test_overdue_escalates),
		T(test_overdue_department_on_the_day),
		T(test_overdue_due_soon),
		T(test_overdue_refuses),
		T(test_show),
		T(test_show_contacts_only_when_asked),
		T(test_show_unknown),
		T(test_stats_year),
		T(test_stats_by_dept),
		T(test_stats_by_category_in_march),
		T(test_stats_campaign_and_empty),
		T(test_stats_refuses),
		T(test_register),
		T(test_apply),
		T(test_apply_refuses),
		T(test_queries_fail_as_faults),
		T(test_apply_fails_as_a_fault),
		T(test_concurrent_step_after_another),
		T(test_concurrent_steps_race),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
