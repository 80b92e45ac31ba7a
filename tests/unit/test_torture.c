/* test_torture.c: a failure at any point of an import, of a case step or
 * of reading figures loses nothing and writes nothing. The store's fault
 * simulation (db_inject_fault) makes the n-th operation fail, for n = 1, 2,
 * ... until the attempt gets through. After every failed attempt the error
 * must be the simulated fault, told as a fault (never the user's error:
 * "unknown unit", "given twice" ...), and the database must hold exactly
 * what it held before, every row of every table. And when the attempt gets
 * through, its fault must still be pending: an attempt that met the fault
 * and went on as if nothing had happened (a failed read taken for "no row")
 * is caught there. Every import kind of the core, the projects, the leads
 * and the campaign is tortured, and the validation rules (and a data import
 * that runs them); the eyewear index's kinds (src/index) are not covered
 * here. */
#include "testutil.h"
#include "testdb.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "base/date.h"
#include "base/period.h"
#include "base/sbuf.h"
#include "base/xalloc.h"
#include "calc/figure.h"
#include "calc/rollup.h"
#include "case/case.h"
#include "io/import.h"
#include "lead/lead.h"
#include "store/db.h"

/* More attempts than any import here has operations. */
#define MAX_ATTEMPTS 20000

/* ---- the files ---- */

static const char UNITS[] =
	"code,name,kind,parent\n"
	"z,开发区,zone,\np1,一号园区,park,z\np2,二号园区,park,z\n"
	"e1,甲,enterprise,p1\ne2,乙,enterprise,p1\ne3,丙,enterprise,p2\n";
static const char INDS[] =
	"code,name_zh,measure,scope\nsales,销售,万元,\nva,增加值,万元,above_scale\n";
static const char GROUPS[] = "unit,group,year\ne1,above_scale,2017\n";
static const char DATA[] =
	"unit,indicator,period,value\ne1,sales,2017-01,10\ne2,sales,2017-01,20\n"
	"e1,va,2017-01,3\n";
static const char RULES[] =
	"code,severity,left,op,right,kind\nva_le,error,va,<=,sales,enterprise\n"
	"small,warning,sales,<,20,enterprise\n";
static const char TARGETS[] = "unit,indicator,year,value\nz,sales,2017,100\n";
static const char PROJECTS[] =
	"code,name,category,park,owner,total_investment(亿元),planned_start,actual_start,"
	"actual_end,status\n"
	"pj1,一号项目,industrial,p1,e1,10,2017-03,2017-03-15,,construction\n"
	"pj2,二号项目,industrial,p1,,5,2017-05,,,approved\n"
	"pj3,三号项目,industrial,p2,,8,2017-09,,,approved\n"
	"pj4,河道整治,environmental,p2,,6,2016-10,2016-10-20,,construction\n";
static const char PLAN[] = "project,year,planned(亿元)\npj1,2017,4\npj2,2017,2\n";
static const char PROGRESS[] =
	"project,period,investment(万元),physical,note\npj1,2017年1-8月,30000,60,主体施工\n";
static const char PROBLEMS[] =
	"project,raised,description,dept,deadline,resolved\n"
	"pj1,2017-05-01,施工用电,供电公司,2017-06-15,\n";
static const char LEADS[] =
	"code,name,park,total_investment(亿元),enterprise,project\n"
	"ld1,光学镜片新厂,p1,5,e1,pj1\nld2,精密轴承,p2,12,,\n";
static const char STAGES[] =
	"lead,stage,date,reason\nld1,contact,2017-01-02,\nld1,negotiation,2017-01-10,\n"
	"ld2,contact,2017-02-01,\n";
static const char HOUSEHOLDS[] =
	"code,community,address,head,phone\nh001,前艾村,前艾村3组12号,王大成,13800000001\n"
	"h002,前艾村,前艾村5组2号,李秀英,13800000002\n";
static const char VISITS[] =
	"code,date,team,enterprise,household,campaign,notes\n"
	"v001,2017-03-01,第一组,e1,,走访,用电和用工\nv002,2017-03-05,第二组,,h001,走访,\n";
static const char HOLIDAYS[] = "date,name\n2017-04-03,清明节\n";
static const char SLA[] = "category,priority,route_days,close_days\ninfrastructure,normal,2,10\n";
static const char CASES[] =
	"code,raised,channel,visit,enterprise,household,campaign,category,priority,description\n"
	"c001,2017-03-01,visit,v001,e1,,走访,labour,normal,缺技术工人\n"
	"c002,2017-03-01,visit,v001,e1,,走访,infrastructure,high,临时用电增容\n"
	"c003,2017-03-05,visit,v002,,h001,走访,infrastructure,normal,道路积水\n";
static const char EVENTS[] =
	"case,date,action,dept,note,into,rating,who\nc001,2017-03-02,assign,人社局,,,,\n";
static const char DEPTS[] = "dept,supervisor\n住建局,王明\n";
/* the finance platform: a fund of 100 万元 (leverage 10), two loans, a
 * default, a meeting, a need, a guarantee, a cut, an intervention */
static const char FUNDS[] = "code,name,unit,bank,leverage,share_fund,share_bank,share_insurer\n"
                            "rf,风险补偿基金,z,农业银行,10,40,40,20\n";
static const char FMOVES[] = "fund,date,kind,amount(万元)\nrf,2017-01-10,inject,100\n";
static const char FLOANS[] =
	"code,fund,bank,enterprise,product,amount(万元),granted,due,repaid\n"
	"L1,rf,农业银行,e1,苏微贷,300,2017-02-01,2018-01-31,\n"
	"L2,rf,农业银行,e2,苏微贷,200,2017-03-01,2018-02-28,\n";
static const char FEVENTS[] = "loan,date,kind,amount(元)\nL1,2017-06-30,default,100000.07\n";
static const char MEETINGS[] = "code,date,title,park,banks,enterprises\n"
                               "m1,2017-03-10,对接会,p1,农业银行;工商银行,e1;e2\n";
static const char NEEDS[] = "code,meeting,enterprise,lender,raised,amount(万元),matched(万元)\n"
                            "n1,m1,e1,农业银行,2017-03-10,500,300\n";
static const char GUARANTEES[] = "code,guarantor,borrower,amount(万元)\ng1,e1,e2,500\n";
static const char CREDITS[] = "enterprise,bank,date,kind,amount(万元)\ne2,江苏银行,2017-05-01,cut,300\n";
static const char INTERVENTIONS[] = "enterprise,date,kind,outcome\ne2,2017-05-05,meeting,缓贷\n";

/* One import: its kind and the text of its file. */
struct imp {
	const char *kind, *text;
};

/* A kind under fault simulation: the imports that fill the database first
 * (up to {NULL}), then the import under test, which changes rows, adds rows
 * and leaves rows as they are, so that every path of its writer is taken. */
struct kind_case {
	struct imp before[12];
	struct imp test;
};

#define CORE { "units", UNITS }, { "indicators", INDS }
#define REGISTER CORE, { "projects", PROJECTS }, { "project-plan", PLAN }
#define CAMPAIGN CORE, { "households", HOUSEHOLDS }, { "visits", VISITS }, \
	{ "holidays", HOLIDAYS }, { "case-sla", SLA }

static const struct kind_case KIND_CASES[] = {
	/* renamed, moved, a new unit under a park given after it, the columns
	 * the file lacks kept from the store */
	{ { CORE }, { "units", "code,name,kind,parent\nz,开发区,zone,\ne1,甲公司,enterprise,p1\n"
	                       "e2,乙,enterprise,p2\ne5,戊,enterprise,p3\np3,三号园区,park,z\n" } },
	{ { CORE, { "data", DATA } },
	  { "indicators", "code,name_zh,measure,scope,formula\nsales,销售,万元,,\n"
	                  "va,工业增加值,万元,above_scale,\nva_rate,增加值率,%,,va / sales * 100\n" } },
	{ { CORE, { "groups", GROUPS }, { "data", DATA } },
	  { "groups", "unit,group,year\ne1,above_scale,2017\ne2,above_scale,2017\n" } },
	{ { CORE, { "targets", TARGETS } },
	  { "targets", "unit,indicator,year,value\nz,sales,2017,120\np1,sales,2017,50\n" } },
	/* the same; moved and started; a category changed; a new one */
	{ { REGISTER },
	  { "projects",
	    "code,name,category,park,owner,total_investment(亿元),planned_start,actual_start,"
	    "actual_end,status\n"
	    "pj1,一号项目,industrial,p1,e1,10,2017-03,2017-03-15,,construction\n"
	    "pj2,二号项目,industrial,p2,,5,2017-05,2017-06-01,,construction\n"
	    "pj3,三号项目,infrastructure,p2,,8,2017-09,,,approved\n"
	    "pj4,河道整治,environmental,p2,,6,2016-10,2016-10-20,,construction\n"
	    "pj5,五号项目,industrial,p1,e2,3,2017-10,,,reserve\n" } },
	{ { REGISTER },
	  { "project-plan", "project,year,planned(亿元)\npj1,2017,4.5\npj2,2017,2\npj4,2017,1\n" } },
	{ { REGISTER, { "progress", PROGRESS } },
	  { "progress", "project,period,investment(万元),physical,note\n"
	                "pj1,2017年1-8月,31000,60,主体结构\npj1,2017年1-12月,41000,80,\n"
	                "pj4,2017-08,500,,清淤\n" } },
	{ { REGISTER, { "project-problems", PROBLEMS } },
	  { "project-problems", "project,raised,description,dept,deadline,resolved\n"
	                        "pj1,2017-05-01,施工用电,供电公司,2017-06-15,2017-06-10\n"
	                        "pj3,2017-08-01,用地指标未落实,国土分局,2017-09-30,\n" } },
	{ { CORE, { "projects", PROJECTS }, { "leads", LEADS }, { "lead-stages", STAGES } },
	  { "leads", "code,name,park,total_investment(亿元),enterprise,project\n"
	             "ld1,光学镜片工厂,p1,5,e1,pj1\nld2,精密轴承,p2,12,,\nld3,智能眼镜,p2,8,e3,\n" } },
	{ { CORE, { "projects", PROJECTS }, { "leads", LEADS }, { "lead-stages", STAGES } },
	  { "lead-stages", "lead,stage,date,reason\nld1,negotiation,2017-01-10,\n"
	                   "ld1,signed,2017-03-01,\nld1,landed,2017-04-15,\nld1,started,2017-05-01,\n"
	                   "ld2,negotiation,2017-03-01,\n" } },
	{ { { "households", HOUSEHOLDS } },
	  { "households", "code,community,address,head,phone\n"
	                  "h001,前艾村,前艾村3组12号,王大成,13800000001\n"
	                  "h002,前艾村,前艾村6组2号,李秀英,13800000002\nh003,河阳社区,河阳路18号,张建国,\n" } },
	{ { CORE, { "households", HOUSEHOLDS }, { "visits", VISITS } },
	  { "visits", "code,date,team,enterprise,household,campaign,notes\n"
	              "v001,2017-03-01,第一组,e1,,走访,用电\nv002,2017-03-05,第二组,,h001,走访,\n"
	              "v003,2017-03-06,第二组,e3,,走访,\nv004,2017-04-06,第一组,,h002,走访,\n" } },
	{ { CAMPAIGN, { "cases", "code,raised,channel,visit,enterprise,household,campaign,category,"
	                         "priority,description\n"
	                         "c001,2017-03-01,visit,v001,e1,,走访,labour,normal,缺技术工人\n" } },
	  { "cases", CASES } },
	{ { CAMPAIGN, { "cases", CASES }, { "case-events", EVENTS } },
	  { "case-events", "case,date,action,dept,note,into,rating,who\n"
	                   "c001,2017-03-02,assign,人社局,,,,\nc001,2017-03-03,accept,,,,,\n"
	                   "c001,2017-03-06,progress,,专场招聘,,,\n"
	                   "c001,2017-03-07,resolve,,招聘会解决12人,,,\n"
	                   "c001,2017-03-08,confirm,,,,5,\nc002,2017-03-02,merge,,,c001,,\n"
	                   "c003,2017-03-06,close,,属市政管辖,,,\n" } },
	{ { { "case-sla", SLA } },
	  { "case-sla", "category,priority,route_days,close_days\ninfrastructure,normal,2,8\n"
	                "land,urgent,1,2\n" } },
	{ { { "holidays", HOLIDAYS } },
	  { "holidays", "date,name\n2017-04-03,清明节\n2017-04-04,清明\n2017-05-01,劳动节\n" } },
	{ { { "case-depts", DEPTS } },
	  { "case-depts", "dept,supervisor\n住建局,王明副书记\n城管局,李强\n" } },
	/* validation rules: one the same, one changed, one new */
	{ { CORE, { "data", DATA }, { "rules", RULES } },
	  { "rules", "code,severity,left,op,right,kind,params\nva_le,error,va,<=,sales,enterprise,\n"
	             "small,warning,sales,<,15,enterprise,\n"
	             "odd,warning,sales,outlier,,enterprise,history=months n=3 min=1\n" } },
	/* a data import that runs the rules: a warning opens a finding */
	{ { CORE, { "groups", GROUPS }, { "data", DATA }, { "rules", RULES } },
	  { "data", "unit,indicator,period,value\ne1,sales,2017-02,12\ne1,va,2017-02,4\n"
	            "e2,sales,2017-01,25\n" } },
	/* the finance platform: each kind changing a row, adding one, keeping one */
	{ { CORE, { "funds", FUNDS } },
	  { "funds", "code,name,unit,bank,leverage,share_fund,share_bank,share_insurer\n"
	             "rf,风险补偿基金,z,农业银行,8,50,30,20\nrf2,二号基金,p1,工商银行,5,100,0,0\n" } },
	{ { CORE, { "funds", FUNDS }, { "fund-moves", FMOVES } },
	  { "fund-moves", "fund,date,kind,amount(万元),note\nrf,2017-01-10,inject,120,追加\n"
	                  "rf,2017-07-01,inject,30,\nrf,2017-08-01,withdraw,10,\n" } },
	{ { CORE, { "funds", FUNDS }, { "fund-moves", FMOVES }, { "fund-loans", FLOANS } },
	  { "fund-loans", "code,fund,bank,enterprise,product,amount(万元),granted,due,repaid\n"
	                  "L1,rf,农业银行,e1,苏微贷,300,2017-02-01,2018-01-31,2017-09-30\n"
	                  "L2,rf,农业银行,e2,苏微贷,200,2017-03-01,2018-02-28,\n"
	                  "L3,rf,农业银行,e3,苏微贷,400,2017-04-01,2018-03-31,\n" } },
	{ { CORE, { "funds", FUNDS }, { "fund-moves", FMOVES }, { "fund-loans", FLOANS },
	    { "fund-events", FEVENTS } },
	  { "fund-events", "loan,date,kind,amount(元),note\nL1,2017-06-30,default,100000.07,逾期\n"
	                   "L1,2017-08-01,recover,30000,\nL2,2017-09-01,default,5.03,\n" } },
	{ { CORE, { "bank-meetings", MEETINGS } },
	  { "bank-meetings", "code,date,title,park,banks,enterprises\n"
	                     "m1,2017-03-10,对接会,p1,农业银行;建设银行,e1\n"
	                     "m2,2017-09-10,走进开发区,,农业银行,e3\n" } },
	{ { CORE, { "bank-meetings", MEETINGS }, { "financing-needs", NEEDS } },
	  { "financing-needs", "code,meeting,enterprise,channel,lender,raised,amount(万元),"
	                       "matched(万元),granted(万元),granted_date\n"
	                       "n1,m1,e1,loan,农业银行,2017-03-10,500,300,300,2017-04-01\n"
	                       "n2,,e3,equity,创投,2017-05-10,800,,,\n" } },
	{ { CORE, { "guarantees", GUARANTEES } },
	  { "guarantees", "code,guarantor,borrower,amount(万元),start\ng1,e1,e2,600,2017-01-01\n"
	                  "g2,e2,e1,100,\ng3,e3,e1,50,\n" } },
	{ { CORE, { "credit-actions", CREDITS } },
	  { "credit-actions", "enterprise,bank,date,kind,amount(万元),note\n"
	                      "e2,江苏银行,2017-05-01,cut,300,到期压降\ne2,江苏银行,2017-06-01,call,100,\n" } },
	{ { CORE, { "interventions", INTERVENTIONS } },
	  { "interventions", "enterprise,date,kind,bank,outcome\ne2,2017-05-05,meeting,江苏银行,缓贷\n"
	                     "e2,2017-06-10,bridge,,续贷\n" } },
};

/* ---- the database, every row of every table ---- */

/* One value of a row as text: NULL, or its bytes with those below a space
 * and the backslash written \hh. */
static void add_value(struct sbuf *sb, struct kfq_stmt *st, int col)
{
	static const char hex[] = "0123456789abcdef";
	char buf[256];
	size_t n, k = 0;
	const unsigned char *p = st_blob(st, col, &n);
	if (st_null(st, col)) {
		sbuf_adds(sb, "NULL|");
		return;
	}
	for (size_t i = 0; i < n; i++) {
		if (k + 3 > sizeof buf) {
			sbuf_add(sb, buf, k);
			k = 0;
		}
		if (p[i] >= ' ' && p[i] != '\\') {
			buf[k++] = (char)p[i];
		} else {
			buf[k++] = '\\';
			buf[k++] = hex[p[i] >> 4];
			buf[k++] = hex[p[i] & 15];
		}
	}
	sbuf_add(sb, buf, k);
	sbuf_addc(sb, '|');
}

/* Every table of a database, a statement reading all its rows kept
 * prepared (a torture loop reads them after every attempt). */
#define MAX_TABLES 96
struct tables {
	size_t n;
	char *name[MAX_TABLES];
	struct kfq_stmt *st[MAX_TABLES];
};

static void tables_init(struct tables *t, struct kfq_db *db)
{
	struct kfq_stmt *st = tdb_prepare(db, tdb_pg()
		? "SELECT table_name FROM information_schema.tables WHERE table_schema = "
		  "current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name"
		: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
	memset(t, 0, sizeof *t);
	while (st_step(st) == ST_ROW) {
		char sql[128];
		assert_true(t->n < MAX_TABLES);
		t->name[t->n] = xstrdup(st_text(st, 0));
		snprintf(sql, sizeof sql, "SELECT * FROM \"%s\"", t->name[t->n]);
		t->st[t->n++] = tdb_prepare(db, sql);
	}
	st_finalize(st);
}

static void tables_release(struct tables *t)
{
	for (size_t i = 0; i < t->n; i++) {
		free(t->name[i]);
		st_finalize(t->st[i]);
	}
	t->n = 0;
}

static int cmp_row(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every row of every table, as text; a table's rows sorted, so that the
 * same rows compare equal in whatever order the engine returns them. */
static char *content(struct tables *t)
{
	struct sbuf sb;
	sbuf_init(&sb);
	for (size_t i = 0; i < t->n; i++) {
		struct kfq_stmt *st = t->st[i];
		char **rows = NULL;
		size_t n = 0, cap = 0;
		int rc;
		sbuf_addf(&sb, "[%s]\n", t->name[i]);
		st_reset(st);
		while ((rc = st_step(st)) == ST_ROW) {
			struct sbuf row;
			sbuf_init(&row);
			for (int c = 0; c < st_columns(st); c++)
				add_value(&row, st, c);
			XGROW(rows, n + 1, cap);
			rows[n++] = sbuf_detach(&row);
		}
		assert_int_equal(rc, ST_DONE);
		st_reset(st);
		if (n)
			qsort(rows, n, sizeof *rows, cmp_row);
		for (size_t k = 0; k < n; k++) {
			sbuf_addf(&sb, "%s\n", rows[k]);
			free(rows[k]);
		}
		free(rows);
	}
	return sbuf_detach(&sb);
}

/* After an attempt got through: its fault must still be waiting (the
 * attempt was shorter than n operations), not met and carried on from. */
static void fault_still_pending(struct kfq_db *db, const char *what, long n)
{
	tdb_assert_fault_pending(db, n, what);
	db_inject_fault(db, 0);
}

/* An attempt failed: it must be the simulated fault, told as a fault, and
 * the database as before. */
static void failed_cleanly(struct tables *t, const char *what, long n, const struct kfq_err *err,
                           const char *messages, const char *before)
{
	char *after;
	if (err->kind != KFQ_EFAULT || !strstr(err->msg, "simulated fault"))
		fail_msg("%s: the fault at operation %ld was told as %s: %s\n%s", what, n,
		         err->kind == KFQ_EFAULT ? "another fault" : "the user's error", err->msg,
		         messages ? messages : "");
	after = content(t);
	if (strcmp(before, after) != 0)
		fail_msg("%s: the fault at operation %ld changed the database:\nbefore:\n%s\nafter:\n%s",
		         what, n, before, after);
	free(after);
}

/* ---- imports ---- */

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

/* Import text as kind, with a fault at operation n = 1, 2, ... until it
 * gets through; returns how many attempts failed. */
static int torture_import(struct kfq_db *db, const char *kind, const char *text)
{
	char path[TDB_PATH_MAX], *before;
	struct tables t;
	int fd, failures = 0;
	long n;

	snprintf(path, sizeof path, "/tmp/kfq-torture-XXXXXX");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	write_file(path, text);
	/* a failed attempt leaves the database as it was: one picture for all */
	tables_init(&t, db);
	before = content(&t);
	for (n = 1; n < MAX_ATTEMPTS; n += tdb_fault_stride()) {
		struct import_opts o = { kind, path, NULL, 0, 0, NULL, NULL, NULL, NULL, 0 };
		struct import_result r;
		struct kfq_err err = { 0 };
		int rc;
		db_inject_fault(db, n);
		rc = import_run(tdb_ctx(), db, &o, &r, &err);
		if (rc == 0) {
			import_result_release(&r);
			fault_still_pending(db, kind, n);
			break;
		}
		db_inject_fault(db, 0);
		failures++;
		failed_cleanly(&t, kind, n, &err, r.messages, before);
		import_result_release(&r);
	}
	free(before);
	tables_release(&t);
	unlink(path);
	assert_true(n < MAX_ATTEMPTS);
	return failures * tdb_fault_stride();   /* about the operations it took */
}

/* A fresh database filled by the imports of kc, then the import under
 * test tortured. */
static void torture_kind(const struct kind_case *kc)
{
	char path[TDB_PATH_MAX];
	struct kfq_db *db;
	int failures;

	assert_int_equal(tdb_create(path, sizeof path, &db), 0);
	for (const struct imp *i = kc->before; i->kind; i++)
		tdb_load(db, i->kind, i->text);
	failures = torture_import(db, kc->test.kind, kc->test.text);
	/* every operation of the import was a point of failure once */
	if (failures < 5)
		fail_msg("%s: only %d operations", kc->test.kind, failures);
	tdb_destroy(db, path);
}

/* One test per kind (main names it for the kind): the state is its case. */
static void test_kind_survives_any_fault(void **state)
{
	torture_kind(*state);
}

/* Every kind of the import is tortured above. */
static void test_no_kind_is_left_out(void **state)
{
	(void)state;
	for (size_t k = 0; IMPORT_KINDS[k]; k++) {
		/* the eyewear index's kinds are not covered; data has its own test */
		int found = strncmp(IMPORT_KINDS[k], "index-", 6) == 0 ||
		            strncmp(IMPORT_KINDS[k], "survey", 6) == 0 ||
		            strcmp(IMPORT_KINDS[k], "price-quotes") == 0 ||
		            strcmp(IMPORT_KINDS[k], "data") == 0;
		for (size_t i = 0; !found && i < sizeof KIND_CASES / sizeof KIND_CASES[0]; i++)
			found = strcmp(KIND_CASES[i].test.kind, IMPORT_KINDS[k]) == 0;
		if (!found)
			fail_msg("import kind \"%s\" is not tortured", IMPORT_KINDS[k]);
	}
}

static void test_data_import_survives_any_fault(void **state)
{
	char path[TDB_PATH_MAX];
	struct kfq_db *db;
	(void)state;
	assert_int_equal(tdb_create(path, sizeof path, &db), 0);
	tdb_load(db, "units", UNITS);
	tdb_load(db, "indicators", INDS);
	tdb_load(db, "groups", GROUPS);
	tdb_load(db, "data", DATA);
	/* corrections (history), new values, a year to date */
	assert_true(torture_import(db, "data", "unit,indicator,period,value\ne1,sales,2017-01,11\n"
	                           "e2,sales,2017-01,20\ne1,sales,2017年1-2月,25\ne2,va,2017-02,4\n"
	                           "e1,va,2017-01,3.5\n") >= 5);
	/* and after it got through, the corrections are in history */
	assert_int_equal(tdb_scalar(db, "SELECT count(*) FROM history WHERE kind = 'obs'"), 2);
	tdb_destroy(db, path);
}

/* ---- other operations: figures, a case step, a lead's stage ---- */

/* An operation on the database: 0, or -1 with err. */
typedef int (*op_fn)(struct kfq_db *db, const void *arg, struct kfq_err *err);

/* Run op with a fault at operation n = 1, 2, ... until it gets through;
 * returns how many attempts failed. */
static long torture_call(struct kfq_db *db, const char *what, op_fn op, const void *arg)
{
	char *before;
	struct tables t;
	long n;
	tables_init(&t, db);
	before = content(&t);
	for (n = 1; n < MAX_ATTEMPTS; n += tdb_fault_stride()) {
		struct kfq_err err = { 0 };
		db_inject_fault(db, n);
		if (op(db, arg, &err) == 0) {
			fault_still_pending(db, what, n);
			break;
		}
		db_inject_fault(db, 0);
		failed_cleanly(&t, what, n, &err, NULL, before);
	}
	free(before);
	tables_release(&t);
	assert_true(n < MAX_ATTEMPTS);
	return n - 1;
}

/* Every figure of every unit and indicator in 2017-02, as kfq show reads
 * them: the stored roll-ups, the observations, the scopes, the targets. */
static int read_figures(struct kfq_db *db, const void *arg, struct kfq_err *err)
{
	struct unit_set us;
	struct indicator_set is;
	struct figure_ctx fc;
	struct period p;
	int rc = 0;

	(void)arg;
	assert_int_equal(period_parse("2017-02", &p, err), 0);
	if (units_load(db, &us, err) < 0)
		return -1;
	if (indicators_load(db, &is, err) < 0) {
		units_release(&us);
		return -1;
	}
	figure_ctx_init(&fc, db, &us, &is);
	for (size_t i = 0; rc == 0 && i < is.n; i++)
		for (size_t u = 0; rc == 0 && u < us.n; u++) {
			struct figure f;
			rc = figure_get(&fc, i, u, &p, &f, err);
		}
	figure_ctx_release(&fc);
	indicators_release(&is);
	units_release(&us);
	return rc;
}

static void test_figures_survive_any_fault(void **state)
{
	char path[TDB_PATH_MAX];
	struct kfq_db *db;
	(void)state;
	assert_int_equal(tdb_create(path, sizeof path, &db), 0);
	tdb_load(db, "units", UNITS);
	tdb_load(db, "indicators", "code,name_zh,measure,scope,formula\nsales,销售,万元,,\n"
	                           "va,增加值,万元,above_scale,\nva_rate,增加值率,%,,va / sales * 100\n");
	tdb_load(db, "groups", "unit,group,year\ne1,above_scale,2016\ne1,above_scale,2017\n"
	                       "e2,above_scale,2017\n");
	tdb_load(db, "data", "unit,indicator,period,value\ne1,sales,2016-02,9\ne1,va,2016-02,2\n"
	                     "e2,va,2016-02,1\ne1,sales,2017年1-2月,25\ne2,sales,2017-02,20\n"
	                     "e1,va,2017-02,3\ne2,va,2017-02,4\n");
	tdb_load(db, "targets", "unit,indicator,year,value\np1,sales,2017,300\np2,sales,2017,100\n");
	assert_true(torture_call(db, "figures", read_figures, NULL) >= 5);
	tdb_destroy(db, path);
}

/* A case step, as kfq case takes it: in its own transaction, with the
 * campaign's figures derived again. */
struct step {
	const char *code, *action, *day, *dept, *note, *into;
	int rating;
};

static int case_step(struct kfq_db *db, const void *arg, struct kfq_err *err)
{
	const struct step *s = arg;
	struct rollup_todo todo;
	struct date d;
	int changed, rc;

	assert_int_equal(date_parse(s->day, &d, err), 0);
	if (db_begin(db, tdb_ctx(), err) < 0)
		return -1;
	rollup_todo_init(&todo);
	rc = case_act(db, s->code, s->action, &d, s->dept, s->note, s->into, s->rating, "tester",
	              &changed, err) < 0 ||
	     case_ensure_indicators(db, err) < 0 || case_derive(db, &todo, err) < 0 ||
	     rollup_rebuild(db, &todo, err) < 0 ? -1 : 0;
	rollup_todo_release(&todo);
	if (rc < 0) {
		db_rollback(db);
		return -1;
	}
	return db_commit(db, err);
}

static void test_case_steps_survive_any_fault(void **state)
{
	static const struct step steps[] = {
		{ "c001", "accept", "2017-03-03", NULL, NULL, NULL, 0 },
		{ "c002", "merge", "2017-03-09", NULL, NULL, "c003", 0 },
		{ "c003", "assign", "2017-03-09", "住建局", NULL, NULL, 0 },
	};
	char path[TDB_PATH_MAX];
	struct kfq_db *db;
	(void)state;
	assert_int_equal(tdb_create(path, sizeof path, &db), 0);
	tdb_load(db, "units", UNITS);
	tdb_load(db, "households", HOUSEHOLDS);
	tdb_load(db, "visits", VISITS);
	tdb_load(db, "holidays", HOLIDAYS);
	tdb_load(db, "case-sla", SLA);
	tdb_load(db, "cases", CASES);
	tdb_load(db, "case-events", EVENTS);
	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		char what[64];
		snprintf(what, sizeof what, "case %s %s", steps[i].action, steps[i].code);
		assert_true(torture_call(db, what, case_step, &steps[i]) >= 5);
	}
	assert_int_equal(tdb_scalar(db, "SELECT count(*) FROM case_event"), 4);
	tdb_destroy(db, path);
}

/* A lead's stage on a day, as kfq lead show reads it. */
static int stage_on(struct kfq_db *db, const void *arg, struct kfq_err *err)
{
	struct date d = { 2017, 3, 15 };
	int stage = lead_stage_at(db, *(const int64_t *)arg, &d, err);
	if (stage == -2)
		return -1;
	assert_int_equal(stage, LS_NEGOTIATION);
	return 0;
}

static void test_lead_stage_survives_any_fault(void **state)
{
	char path[TDB_PATH_MAX];
	struct kfq_db *db;
	int64_t id;
	(void)state;
	assert_int_equal(tdb_create(path, sizeof path, &db), 0);
	tdb_load(db, "units", UNITS);
	tdb_load(db, "indicators", INDS);
	tdb_load(db, "projects", PROJECTS);
	tdb_load(db, "leads", LEADS);
	tdb_load(db, "lead-stages", STAGES);
	id = tdb_scalar(db, "SELECT id FROM lead WHERE code = 'ld1'");
	/* two operations: exactly that on SQLite, where every one is tried */
	if (tdb_fault_stride() == 1)
		assert_int_equal(torture_call(db, "lead_stage_at", stage_on, &id), 2);
	else
		assert_true(torture_call(db, "lead_stage_at", stage_on, &id) >= 2);
	tdb_destroy(db, path);
}

#define NKIND_CASES (sizeof KIND_CASES / sizeof KIND_CASES[0])

int main(void)
{
	struct CMUnitTest tests[NKIND_CASES + 5] = {
		cmocka_unit_test(test_no_kind_is_left_out),
		cmocka_unit_test(test_data_import_survives_any_fault),
		cmocka_unit_test(test_figures_survive_any_fault),
		cmocka_unit_test(test_case_steps_survive_any_fault),
		cmocka_unit_test(test_lead_stage_survives_any_fault),
	};
	for (size_t i = 0; i < NKIND_CASES; i++)
		tests[5 + i] = (struct CMUnitTest){ KIND_CASES[i].test.kind, test_kind_survives_any_fault,
		                                    NULL, NULL, (void *)&KIND_CASES[i] };
	/* the pipeline's figures run to the context's year: 2017 only */
	tdb_clock("2017-12-31", "2017-12-31T12:00:00Z");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
