/* test_lead.c: unit tests for the investment-promotion pipeline (lead/lead.c
 * through the import kinds of io/import_lead.c): stage names; every lead
 * a leads file can be refused for, with its message, and the field a
 * refusal names apart (err.field); investments stored
 * exactly; changes kept in history; the stage rules of lead-stages; the
 * stage of a lead at a date; the derived pipeline figures of the parks and
 * the zone, worked out by hand in the comments beside them; a failed import
 * writes nothing. The tree: zone z with parks p1 (e1, e2) and p2 (e3, e4),
 * and the key projects pj1 (in p1) and pj2 (in p2). */
#include "testutil.h"
#include "testdb.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "base/date.h"
#include "base/period.h"
#include "calc/figure.h"
#include "io/import.h"
#include "lead/lead.h"
#include "model/model.h"
#include "store/db.h"

/* Stored values are counts of 1/10000 of the base unit (元, 美元, 个). */
#define YUAN(x) ((dec)(x) * DEC_ONE)
#define YI(x) ((dec)(x) * INT64_C(1000000000000))    /* 1 亿元 = 10^8 元 */
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

static const char PROJECTS[] =
	"code,name,category,park,total_investment(亿元),status\n"
	"pj1,一号项目,industrial,p1,10,approved\n"
	"pj2,二号项目,industrial,p2,5,approved\n";

static const char PLAN[] =
	"project,year,planned(亿元)\n"
	"pj1,2017,4\n"
	"pj2,2017,2\n";

/* The one text result of sql must be `want` (NULL: an SQL NULL). */
static void assert_sql_text(struct kfq_db *db, const char *sql, const char *want)
{
	struct kfq_stmt *st;
	const char *got;
	st = tdb_prepare(db, sql);
	assert_int_equal(st_step(st), ST_ROW);
	got = st_text(st, 0);
	if (!want) {
		if (got)
			fail_msg("%s: \"%s\", expected NULL", sql, got);
	} else if (!got || strcmp(got, want) != 0) {
		fail_msg("%s:\n  got      \"%s\"\n  expected \"%s\"", sql, got ? got : "(null)", want);
	}
	st_finalize(st);
}

/* Every table a lead import may write, to compare row counts before and after. */
static const char *const COUNTED[] = {
	"lead", "lead_stage", "obs", "history", "unit", NULL
};

/* An import of one bad row (line 2) that must fail with `needle` in its
 * message, writing nothing. */
static void import_bad(struct kfq_db *db, const char *kind, const char *text, const char *needle)
{
	struct tdb_counts before = tdb_counts_of(db, COUNTED), after;
	struct tdb_imp r;
	tdb_run_import(db, kind, text, 0, &r);
	if (r.rc == 0)
		fail_msg("import %s succeeded; expected \"%s\"", kind, needle);
	assert_int_equal(r.err.kind, KFQ_EUSER);
	assert_int_equal(r.res.bad_rows, 1);
	tdb_assert_msg_line(&r, 2, needle);
	import_result_release(&r.res);
	after = tdb_counts_of(db, COUNTED);
	tdb_assert_counts_equal(&before, &after);
}

/* The rows of the four pipeline indicators (the projects have figures of their own). */
static int64_t lead_obs(struct kfq_db *db)
{
	return tdb_scalar(db, "SELECT count(*) FROM obs o JOIN indicator i ON i.id = o.ind_id WHERE "
	                  "i.code IN ('landed_projects', 'landed_investment', 'pipeline_projects', "
	                  "'pipeline_investment')");
}

static int open_db(void **state, int with_tree)
{
	struct fx *f = calloc(1, sizeof *f);

	if (!f)
		return -1;
	tdb_clock("2017-12-31", NULL);
	if (tdb_create(f->path, sizeof f->path, &f->db) != 0) {
		free(f);
		return -1;
	}
	if (with_tree) {
		tdb_load(f->db, "units", UNITS);
		tdb_load(f->db, "projects", PROJECTS);
		tdb_load(f->db, "project-plan", PLAN);
	}
	*state = f;
	return 0;
}

static int setup(void **state)
{
	return open_db(state, 1);
}

static int setup_empty(void **state)
{
	return open_db(state, 0);
}

static int teardown(void **state)
{
	struct fx *f = *state;
	tdb_destroy(f->db, f->path);
	free(f);
	tdb_clock_reset();
	return 0;
}

static int64_t lead_id(struct kfq_db *db, const char *code)
{
	struct kfq_stmt *st;
	int64_t id;
	st = tdb_prepare(db, "SELECT id FROM lead WHERE code = ?");
	st_bind_text(st, 1, code);
	assert_int_equal(st_step(st), ST_ROW);
	id = st_i64(st, 0);
	st_finalize(st);
	return id;
}

/* ---- figures ---- */

static struct figure fig(struct fx *f, const char *ind, const char *unit, const char *period)
{
	struct kfq_model m;
	struct figure_ctx fc;
	struct figure out;
	struct period p;
	struct kfq_err err = { 0 };
	long i, u;
	int rc;

	assert_int_equal(period_parse(period, &p, &err), 0);
	assert_int_equal(model_load(f->db, &m, &err), 0);
	i = indicators_find(&m.inds, ind);
	u = units_find(&m.units, unit);
	assert_true(i >= 0);
	assert_true(u >= 0);
	figure_ctx_init(&fc, f->db, &m.units, &m.inds);
	rc = figure_get(&fc, (size_t)i, (size_t)u, &p, &out, &err);
	figure_ctx_release(&fc);
	model_release(&m);
	if (rc != 0)
		fail_msg("figure_get(%s, %s, %s): %s", ind, unit, period, err.msg);
	return out;
}

#define HAS(fg, bit) (((fg).has & (bit)) != 0)

/* The four figures of a unit in a period: landed projects and investment,
 * pipeline projects and investment (counts, and 亿元 as whole numbers). */
static void assert_pipeline(struct fx *f, const char *unit, const char *period, int landed,
                            int landed_yi, int pipe, int pipe_yi)
{
	static const char *const ind[] = { "landed_projects", "landed_investment",
	                                   "pipeline_projects", "pipeline_investment" };
	dec want[4] = { ONE(landed), YI(landed_yi), ONE(pipe), YI(pipe_yi) };
	for (int i = 0; i < 4; i++) {
		struct figure g = fig(f, ind[i], unit, period);
		if (!HAS(g, FIG_VALUE))
			fail_msg("%s of %s in %s: no value", ind[i], unit, period);
		if (g.value != want[i])
			fail_msg("%s of %s in %s: %lld, expected %lld", ind[i], unit, period,
			         (long long)g.value, (long long)want[i]);
	}
}

static void assert_no_figures(struct fx *f, const char *unit, const char *period)
{
	static const char *const ind[] = { "landed_projects", "landed_investment",
	                                   "pipeline_projects", "pipeline_investment" };
	for (int i = 0; i < 4; i++) {
		struct figure g = fig(f, ind[i], unit, period);
		if (HAS(g, FIG_VALUE))
			fail_msg("%s of %s in %s: %lld, expected no value", ind[i], unit, period,
			         (long long)g.value);
	}
}

/* ---- stage names ---- */

static void test_stage_parse(void **state)
{
	static const char *const en[] = { "contact", "negotiation", "signed", "landed", "started",
	                                   "dropped" };
	static const char *const zh[] = { "接洽", "洽谈跟踪", "签约", "注册落户", "开工", "终止" };
	(void)state;
	for (int i = 0; i < LS_N; i++) {
		assert_int_equal(lead_stage_parse(en[i]), i);
		assert_int_equal(lead_stage_parse(zh[i]), i);
		assert_string_equal(LEAD_STAGE[i], en[i]);
		assert_string_equal(LEAD_STAGE_ZH[i], zh[i]);
	}
	assert_null(LEAD_STAGE[LS_N]);
	assert_null(LEAD_STAGE_ZH[LS_N]);
	assert_int_equal(lead_stage_parse("contact"), LS_CONTACT);
	assert_int_equal(lead_stage_parse("dropped"), LS_DROPPED);
	/* The short Chinese names. */
	assert_int_equal(lead_stage_parse("洽谈"), LS_NEGOTIATION);
	assert_int_equal(lead_stage_parse("落户"), LS_LANDED);
	/* Unknown. */
	assert_int_equal(lead_stage_parse("paused"), -1);
	assert_int_equal(lead_stage_parse(""), -1);
	assert_int_equal(lead_stage_parse("跟踪"), -1);
	assert_int_equal(lead_stage_parse("contacts"), -1);
	assert_int_equal(lead_stage_parse("注册"), -1);
}

/* ---- leads ---- */

static const char LEADS_HEAD[] =
	"code,name,investor,origin,industry,park,total_investment(亿元),"
	"foreign_investment(万美元),officer,source,enterprise,project\n";

static void test_leads_stored_exactly(void **state)
{
	struct fx *f = *state;

	tdb_import_ok(f->db, "leads",
	              "code,name,investor,origin,industry,park,total_investment(亿元),"
	              "foreign_investment(万美元),officer,source,enterprise,project\n"
	              "la,光学镜片,东洋光学,日本,眼镜,p1,5,3000,王强,展会,e1,pj1\n"
	              "lb,精密轴承,,江苏,,p2,1.23456789,,,,,\n"
	              "lc,微量,,,,p2,0.0000000001,0.00000001,,,,\n", 3, 0, 0);
	/* 5 亿元 = 500 000 000 元; 3000 万美元 = 30 000 000 美元. */
	assert_int_equal(tdb_scalar(f->db, "SELECT total_inv FROM lead WHERE code = 'la'"), YI(5));
	assert_int_equal(tdb_scalar(f->db, "SELECT total_inv FROM lead WHERE code = 'la'"),
	                 YUAN(500000000));
	assert_int_equal(tdb_scalar(f->db, "SELECT foreign_inv FROM lead WHERE code = 'la'"),
	                 YUAN(30000000));
	/* 1.23456789 亿元 = 123 456 789 元, every digit kept. */
	assert_int_equal(tdb_scalar(f->db, "SELECT total_inv FROM lead WHERE code = 'lb'"),
	                 YUAN(123456789));
	assert_int_equal(tdb_scalar(f->db, "SELECT foreign_inv IS NULL FROM lead WHERE code = 'lb'"), 1);
	/* 10^-10 亿元 = 0.01 元 = 100 stored; 10^-8 万美元 = 0.0001 美元 = 1 stored. */
	assert_int_equal(tdb_scalar(f->db, "SELECT total_inv FROM lead WHERE code = 'lc'"), 100);
	assert_int_equal(tdb_scalar(f->db, "SELECT foreign_inv FROM lead WHERE code = 'lc'"), 1);
	/* The links and the text. */
	assert_sql_text(f->db, "SELECT u.code FROM lead l JOIN unit u ON u.id = l.park_id "
	                "WHERE l.code = 'la'", "p1");
	assert_sql_text(f->db, "SELECT u.code FROM lead l JOIN unit u ON u.id = l.unit_id "
	                "WHERE l.code = 'la'", "e1");
	assert_sql_text(f->db, "SELECT u.code FROM lead l JOIN unit u ON u.id = l.project_id "
	                "WHERE l.code = 'la'", "pj1");
	assert_sql_text(f->db, "SELECT investor || origin || industry || officer || source FROM lead "
	                "WHERE code = 'la'", "东洋光学日本眼镜王强展会");
	assert_sql_text(f->db, "SELECT investor FROM lead WHERE code = 'lb'", NULL);
	assert_int_equal(tdb_scalar(f->db, "SELECT unit_id IS NULL AND project_id IS NULL FROM lead "
	                            "WHERE code = 'lc'"), 1);

	/* Default measures 万元 and 万美元; Chinese headers in another order. */
	tdb_import_ok(f->db, "leads", "总投资,外资,项目名称,项目代码,意向园区\n1234.5,12.5,万元项目,ld,p1\n", 1, 0,
	              0);
	/* 1234.5 万元 = 12 345 000 元; 12.5 万美元 = 125 000 美元. */
	assert_int_equal(tdb_scalar(f->db, "SELECT total_inv FROM lead WHERE code = 'ld'"),
	                 YUAN(12345000));
	assert_int_equal(tdb_scalar(f->db, "SELECT foreign_inv FROM lead WHERE code = 'ld'"),
	                 YUAN(125000));
	/* 元 and 美元 headers. */
	tdb_import_ok(f->db, "leads", "code,name,park,total_investment(元),foreign_investment(美元)\n"
	              "le,元项目,p1,99.99,0.5\n", 1, 0, 0);
	assert_int_equal(tdb_scalar(f->db, "SELECT total_inv FROM lead WHERE code = 'le'"), 999900);
	assert_int_equal(tdb_scalar(f->db, "SELECT foreign_inv FROM lead WHERE code = 'le'"), 5000);

	/* The same leads again, the amounts written in other measures: unchanged, no history. */
	tdb_import_ok(f->db, "leads", "code,name,investor,origin,industry,park,total_investment(万元),"
	              "foreign_investment(美元),officer,source,enterprise,project\n"
	              "la,光学镜片,东洋光学,日本,眼镜,p1,50000,30000000,王强,展会,e1,pj1\n", 0, 0, 1);
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM history"), 0);
	/* No lead has a stage yet: no figures. */
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM lead_stage"), 0);
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM indicator WHERE derived = 1 AND code "
	                            "IN ('landed_projects', 'landed_investment', 'pipeline_projects', "
	                            "'pipeline_investment')"), 4);
}

static void test_leads_history(void **state)
{
	struct fx *f = *state;
	char text[1024];

	snprintf(text, sizeof text, "%s%s", LEADS_HEAD,
	         "la,光学镜片,东洋光学,日本,眼镜,p1,5,3000,王强,展会,e1,pj1\n"
	         "lb,精密轴承,,江苏,,p2,12,,,,,\n");
	tdb_import_ok(f->db, "leads", text, 2, 0, 0);
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM history"), 0);

	/* la: new name, 6 亿元, no foreign capital, park p2, no links; lb the same. */
	snprintf(text, sizeof text, "%s%s", LEADS_HEAD,
	         "la,光学镜片二期,东洋光学,日本,眼镜,p2,6,,王强,展会,,\n"
	         "lb,精密轴承,,江苏,,p2,12,,,,,\n");
	tdb_import_ok(f->db, "leads", text, 0, 1, 1);
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM history"), 1);
	assert_sql_text(f->db, "SELECT kind || '|' || unit FROM history", "lead|la");
	assert_sql_text(f->db, "SELECT note FROM history",
	                "name: 光学镜片 → 光学镜片二期; park: p1 → p2; "
	                "total_inv(元): 500000000 → 600000000; foreign_inv(美元): 30000000 → ; "
	                "enterprise: e1 → ; project: pj1 → ");
	assert_sql_text(f->db, "SELECT who FROM history", "tester");
	assert_int_equal(tdb_scalar(f->db, "SELECT total_inv FROM lead WHERE code = 'la'"), YI(6));
	assert_int_equal(tdb_scalar(f->db, "SELECT foreign_inv IS NULL AND unit_id IS NULL AND "
	                            "project_id IS NULL FROM lead WHERE code = 'la'"), 1);

	/* lb gains an investor, foreign capital (0.5 万美元 = 5000 美元) and loses its origin. */
	snprintf(text, sizeof text, "%s%s", LEADS_HEAD, "lb,精密轴承,华东集团,,,p2,12,0.5,,,e3,pj2\n");
	tdb_import_ok(f->db, "leads", text, 0, 1, 0);
	assert_sql_text(f->db, "SELECT note FROM history WHERE unit = 'lb'",
	                "investor:  → 华东集团; origin: 江苏 → ; foreign_inv(美元):  → 5000; "
	                "enterprise:  → e3; project:  → pj2");
	assert_sql_text(f->db, "SELECT origin FROM lead WHERE code = 'lb'", NULL);
	/* Once freed, e1 and pj1 may be linked to another lead. */
	snprintf(text, sizeof text, "%s%s", LEADS_HEAD, "lc,新线索,,,,p1,1,,,,e1,pj1\n");
	tdb_import_ok(f->db, "leads", text, 1, 0, 0);
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM history"), 2);
}

static void test_leads_bad_rows(void **state)
{
	struct fx *f = *state;
	struct tdb_counts before, after;
	struct tdb_imp r;
	char text[2048];

	snprintf(text, sizeof text, "%s%s", LEADS_HEAD, "la,甲,,,,p1,5,,,,e1,pj1\n");
	tdb_import_ok(f->db, "leads", text, 1, 0, 0);
	before = tdb_counts_of(f->db, COUNTED);
	snprintf(text, sizeof text, "%s%s", LEADS_HEAD,
	         ",无代码,,,,p1,1,,,,,\n"          /* 2: no code */
	         "l3,,,,,p1,1,,,,,\n"              /* 3: no name */
	         "l4,无投资,,,,p1,,,,,,\n"         /* 4: no total investment */
	         "l5,坏投资,,,,p1,五亿,,,,,\n"     /* 5: total not a number */
	         "l6,负投资,,,,p1,-1,,,,,\n"       /* 6: negative */
	         "l7,坏外资,,,,p1,1,lots,,,,\n"    /* 7: foreign not a number */
	         "l8,无园区,,,,p9,1,,,,,\n"        /* 8: unknown park */
	         "l9,无企业,,,,p1,1,,,,e9,\n"      /* 9: unknown enterprise */
	         "l10,园区企业,,,,p1,1,,,,p2,\n"   /* 10: a park as the enterprise */
	         "l11,项目企业,,,,p1,1,,,,pj2,\n"  /* 11: a project as the enterprise */
	         "l12,企业项目,,,,p1,1,,,,,e2\n"   /* 12: an enterprise as the project */
	         "l13,园区项目,,,,p1,1,,,,,p1\n"   /* 13: a park as the project */
	         "l14,无项目,,,,p1,1,,,,,pj9\n"    /* 14: unknown project */
	         "l15,重复企业,,,,p1,1,,,,e1,\n"   /* 15: e1 is la's */
	         "l16,重复项目,,,,p1,1,,,,,pj1\n"  /* 16: pj1 is la's */
	         "l17,好,,,,p2,1,,,,e3,pj2\n"      /* 17: good */
	         "l18,又是e3,,,,p2,1,,,,e3,\n"     /* 18: e3 is l17's (same file) */
	         "l19,又是pj2,,,,p2,1,,,,,pj2\n"   /* 19: pj2 is l17's (same file) */
	         "l20,负外资,,,,p1,1,-2,,,,\n");   /* 20: negative foreign */
	tdb_run_import(f->db, "leads", text, 0, &r);
	assert_int_equal(r.rc, -1);
	assert_int_equal(r.err.kind, KFQ_EUSER);
	assert_err_has(&r.err, "18 of 19 rows are bad; nothing was imported");
	assert_int_equal(r.res.bad_rows, 18);
	tdb_assert_msg_line(&r, 2, "column \"code\": empty (every lead needs a code)");
	tdb_assert_msg_line(&r, 3, "column \"name\": empty");
	tdb_assert_msg_line(&r, 4, "column \"total_investment\": empty");
	tdb_assert_msg_line(&r, 5, "column \"total_investment\": not a number: \"五亿\"");
	tdb_assert_msg_line(&r, 6, "a negative investment");
	tdb_assert_msg_line(&r, 7, "column \"foreign_investment\": not a number: \"lots\"");
	tdb_assert_msg_line(&r, 8, "column \"park\": unknown unit \"p9\"");
	tdb_assert_msg_line(&r, 9, "column \"enterprise\": unknown unit \"e9\"");
	tdb_assert_msg_line(&r, 10, "column \"enterprise\": \"p2\" is not an enterprise");
	tdb_assert_msg_line(&r, 11, "column \"enterprise\": \"pj2\" is not an enterprise");
	tdb_assert_msg_line(&r, 12, "column \"project\": \"e2\" is not a key project");
	tdb_assert_msg_line(&r, 13, "column \"project\": \"p1\" is not a key project");
	tdb_assert_msg_line(&r, 14, "column \"project\": unknown unit \"pj9\"");
	tdb_assert_msg_line(&r, 15, "column \"enterprise\": already linked to lead \"la\" (one "
	                    "investment is counted once)");
	tdb_assert_msg_line(&r, 16, "column \"project\": already linked to lead \"la\" (one "
	                    "investment is counted once)");
	tdb_assert_msg_line(&r, 18, "column \"enterprise\": already linked to lead \"l17\"");
	tdb_assert_msg_line(&r, 19, "column \"project\": already linked to lead \"l17\"");
	tdb_assert_msg_line(&r, 20, "a negative investment");
	{
		char good[80];
		snprintf(good, sizeof good, "%s:17:", r.file);
		assert_null(strstr(r.res.messages, good));
	}
	import_result_release(&r.res);
	after = tdb_counts_of(f->db, COUNTED);
	tdb_assert_counts_equal(&before, &after);
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM lead WHERE code = 'l17'"), 0);

	/* A foreign investment in a header measure that is not 美元; a total
	 * investment in one that is not 元. */
	import_bad(f->db, "leads", "code,name,total_investment,foreign_investment(万元)\n"
	           "lx,外资,1,1\n",
	           "column \"foreign_investment\": 万元 is not a measure in 美元");
	import_bad(f->db, "leads", "code,name,total_investment(万美元)\nlx,外资,1\n",
	           "column \"total_investment\": 万美元 is not a measure in 元");
	import_bad(f->db, "leads", "code,name,total_investment(亿美元)\nlx,外资,1\n",
	           "column \"total_investment\": 亿美元 is not a measure in 元");
	/* The header's measure is checked even when the row has no foreign capital. */
	import_bad(f->db, "leads", "code,name,total_investment,foreign_investment(亿元)\n"
	           "lx,外资,1,\n",
	           "column \"foreign_investment\": 亿元 is not a measure in 美元");

	/* A missing total_investment column is a whole-file error. */
	before = tdb_counts_of(f->db, COUNTED);
	tdb_run_import(f->db, "leads", "code,name,park\nlx,无投资,p1\n", 0, &r);
	assert_int_equal(r.rc, -1);
	assert_int_equal(r.err.kind, KFQ_EUSER);
	assert_err_has(&r.err, "missing column \"total_investment\"");
	import_result_release(&r.res);
	after = tdb_counts_of(f->db, COUNTED);
	tdb_assert_counts_equal(&before, &after);
}

/* ---- stages ---- */

static const char STAGES_HEAD[] = "lead,stage,date,reason\n";

/* A lead-stages file of one row. */
static const char *stage_row(char *buf, size_t n, const char *row)
{
	snprintf(buf, n, "%s%s\n", STAGES_HEAD, row);
	return buf;
}

static void test_stage_rules(void **state)
{
	struct fx *f = *state;
	char b[512];

	/* la will land and start (e1, pj1); lb has no links. */
	snprintf(b, sizeof b, "%s%s", LEADS_HEAD,
	         "la,甲,,,,p1,5,,,,e1,pj1\n"
	         "lb,乙,,,,p2,8,,,,,\n");
	tdb_import_ok(f->db, "leads", b, 2, 0, 0);

	tdb_clock(NULL, "2017-12-01T08:00:00Z");
	tdb_import_ok(f->db, "lead-stages", stage_row(b, sizeof b, "la,接洽,2017年2月1日,"), 1, 0, 0);
	assert_sql_text(f->db, "SELECT kind || '|' || unit || '|' || period || '|' || note "
	                "FROM history", "lead|la|2017-02-01|stage: contact");
	assert_sql_text(f->db, "SELECT stage || ' ' || date FROM lead_stage", "contact 2017-02-01");
	assert_sql_text(f->db, "SELECT reason FROM lead_stage", NULL);

	/* The same stage on the same date again, however written: unchanged. */
	tdb_import_ok(f->db, "lead-stages", stage_row(b, sizeof b, "la,contact,2017-02-01,"), 0, 0, 1);
	tdb_import_ok(f->db, "lead-stages", stage_row(b, sizeof b, "la,接洽,2017/2/1,"), 0, 0, 1);
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM history"), 1);
	/* The same stage later: already. */
	import_bad(f->db, "lead-stages", stage_row(b, sizeof b, "la,contact,2017-02-05,"),
	           "column \"stage\": the lead is already contact (since 2017-02-01)");
	/* An earlier date: refused, naming the last stage and its date. */
	import_bad(f->db, "lead-stages", stage_row(b, sizeof b, "la,negotiation,2017-01-31,"),
	           "column \"date\": 2017-01-31 is before the lead's last stage (contact on "
	           "2017-02-01); stage dates move forward");
	/* Landing without the enterprise: lb has none. Starting without the project too. */
	tdb_import_ok(f->db, "lead-stages", "lead,stage,date,reason\n"
	              "lb,contact,2017-01-10,\n"
	              "lb,negotiation,2017-02-10,\n"
	              "lb,signed,2017-03-10,\n", 3, 0, 0);
	import_bad(f->db, "lead-stages", stage_row(b, sizeof b, "lb,landed,2017-04-10,"),
	           "column \"stage\": a landed lead must name the enterprise it became (column "
	           "enterprise of the leads file)");
	import_bad(f->db, "lead-stages", stage_row(b, sizeof b, "lb,started,2017-04-10,"),
	           "column \"stage\": a started lead must name its key project (column project "
	           "of the leads file)");
	/* Dropping without a reason. */
	import_bad(f->db, "lead-stages", stage_row(b, sizeof b, "lb,dropped,2017-04-10,"),
	           "column \"reason\": dropping a lead needs a reason");
	import_bad(f->db, "lead-stages", stage_row(b, sizeof b, "lb,终止,2017-04-10,  "),
	           "column \"reason\": dropping a lead needs a reason");
	/* Going back without a reason, then with one. */
	import_bad(f->db, "lead-stages", stage_row(b, sizeof b, "lb,negotiation,2017-04-10,"),
	           "column \"reason\": going back to an earlier stage needs a reason");
	tdb_import_ok(f->db, "lead-stages", stage_row(b, sizeof b, "lb,negotiation,2017-04-10,条款重谈"),
	              1, 0, 0);
	assert_sql_text(f->db, "SELECT note FROM history WHERE unit = 'lb' ORDER BY id DESC LIMIT 1",
	                "stage: signed → negotiation; reason: 条款重谈");
	assert_sql_text(f->db, "SELECT reason FROM lead_stage WHERE date = '2017-04-10'", "条款重谈");
	/* Dropped, with its reason; coming back from dropped needs a reason too. */
	tdb_import_ok(f->db, "lead-stages", stage_row(b, sizeof b, "lb,dropped,2017-05-01,投资方战略调整"),
	              1, 0, 0);
	assert_sql_text(f->db, "SELECT note FROM history WHERE unit = 'lb' ORDER BY id DESC LIMIT 1",
	                "stage: negotiation → dropped; reason: 投资方战略调整");
	import_bad(f->db, "lead-stages", stage_row(b, sizeof b, "lb,dropped,2017-06-01,再次"),
	           "column \"stage\": the lead is already dropped (since 2017-05-01)");
	import_bad(f->db, "lead-stages", stage_row(b, sizeof b, "lb,contact,2017-06-01,"),
	           "column \"reason\": going back to an earlier stage needs a reason");
	tdb_import_ok(f->db, "lead-stages", stage_row(b, sizeof b, "lb,contact,2017-06-01,重新接触"),
	              1, 0, 0);

	/* la moves forward: several stages on one day are fine; landing and starting. */
	tdb_import_ok(f->db, "lead-stages", "lead,stage,date,reason\n"
	              "la,negotiation,2017-03-01,\n"
	              "la,signed,2017-03-01,\n"
	              "la,注册落户,2017-04-15,\n"
	              "la,开工,2017-06-01,\n", 4, 0, 0);
	assert_sql_text(f->db, "SELECT group_concat(note, ' | ') FROM (SELECT note FROM history "
	                "WHERE unit = 'la' ORDER BY id) h",
	                "stage: contact | stage: contact → negotiation | stage: negotiation → "
	                "signed | stage: signed → landed | stage: landed → started");
	assert_sql_text(f->db, "SELECT group_concat(period, ' ') FROM (SELECT period FROM history "
	                "WHERE unit = 'la' ORDER BY id) h",
	                "2017-02-01 2017-03-01 2017-03-01 2017-04-15 2017-06-01");
	assert_sql_text(f->db, "SELECT DISTINCT at FROM history WHERE unit = 'la'",
	                "2017-12-01T08:00:00Z");
	tdb_clock_reset();
	/* The whole history again: unchanged. */
	tdb_import_ok(f->db, "lead-stages", "lead,stage,date,reason\n"
	              "la,contact,2017-02-01,\n"
	              "la,negotiation,2017-03-01,\n"
	              "la,signed,2017-03-01,\n"
	              "la,landed,2017-04-15,\n"
	              "la,started,2017-06-01,\n", 0, 0, 5);

	/* A landed lead keeps its enterprise, a started one its project. */
	snprintf(b, sizeof b, "%s%s", LEADS_HEAD, "la,甲,,,,p1,5,,,,,pj1\n");
	import_bad(f->db, "leads", b, "column \"enterprise\": lead \"la\" has landed; it keeps the "
	           "enterprise it became");
	snprintf(b, sizeof b, "%s%s", LEADS_HEAD, "la,甲,,,,p1,5,,,,e1,\n");
	import_bad(f->db, "leads", b, "column \"project\": lead \"la\" has started; it keeps its "
	           "key project");
	/* ... but may change anything else. */
	snprintf(b, sizeof b, "%s%s", LEADS_HEAD, "la,甲公司,,,,p1,5,,,,e1,pj1\n");
	tdb_import_ok(f->db, "leads", b, 0, 1, 0);

	/* Unknown leads, stages and dates. */
	import_bad(f->db, "lead-stages", stage_row(b, sizeof b, "lz,contact,2017-01-01,"),
	           "column \"lead\": unknown lead \"lz\" (import it in a leads file first)");
	import_bad(f->db, "lead-stages", stage_row(b, sizeof b, "la,paused,2017-12-01,"),
	           "column \"stage\": \"paused\" (expected contact, negotiation, signed, landed, "
	           "started or dropped; or 接洽, 洽谈跟踪, 签约, 注册落户, 开工, 终止)");
	import_bad(f->db, "lead-stages", stage_row(b, sizeof b, "la,dropped,2017-02-30,x"),
	           "column \"date\"");
}

/* The library names the field a refusal is about apart from its message
 * (err.field); the import puts it in front as column "x" (the messages
 * above), a command line or a web form names it its own way. Called here
 * directly, in a transaction rolled back. */
static void test_refusals_name_field(void **state)
{
	struct fx *f = *state;
	struct kfq_err err = { 0 };
	struct date d = { 2017, 3, 1 };
	struct lead_row r = { "lx", "外资", NULL, NULL, NULL, "p1", "五亿", 8, NULL, 4,
	                      NULL, NULL, NULL, NULL };
	int changed = -1;

	assert_int_equal(db_begin(f->db, tdb_ctx(), &err), 0);
	/* A stage that is none: the field is "stage", the message the value
	 * and the stages expected, in English and Chinese. */
	assert_int_equal(lead_stage_put(f->db, "lx", "paused", &d, NULL, &changed, &err), -1);
	assert_int_equal(err.kind, KFQ_EUSER);
	assert_string_equal(err.field, "stage");
	assert_string_equal(err.msg, "\"paused\" (expected contact, negotiation, signed, landed, "
	                    "started or dropped; or 接洽, 洽谈跟踪, 签约, 注册落户, 开工, 终止)");
	/* A parser's message about a cell keeps its words and gets the field. */
	assert_int_equal(lead_put(f->db, &r, &changed, &err), -1);
	assert_int_equal(err.kind, KFQ_EUSER);
	assert_string_equal(err.field, "total_investment");
	assert_string_equal(err.msg, "not a number: \"五亿\" (expected digits such as 1234.5)");
	/* The field of a link is the one checked: the park, then the enterprise. */
	r.total_inv = "5";
	r.park = "p9";
	assert_int_equal(lead_put(f->db, &r, &changed, &err), -1);
	assert_string_equal(err.field, "park");
	assert_string_equal(err.msg, "unknown unit \"p9\"");
	r.park = "p1";
	r.enterprise = "p2";
	assert_int_equal(lead_put(f->db, &r, &changed, &err), -1);
	assert_string_equal(err.field, "enterprise");
	assert_string_equal(err.msg, "\"p2\" is not an enterprise");
	/* A refusal about two fields names none (and clears the last one's). */
	r.enterprise = NULL;
	r.total_inv = "-5";
	assert_int_equal(lead_put(f->db, &r, &changed, &err), -1);
	assert_int_equal(err.kind, KFQ_EUSER);
	assert_string_equal(err.field, "");
	assert_string_equal(err.msg, "a negative investment");
	db_rollback(f->db);
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM lead"), 0);
}

/* A lead that has landed and gone back keeps its enterprise: it did land. */
static void test_landed_then_back_keeps_enterprise(void **state)
{
	struct fx *f = *state;
	char b[512];

	snprintf(b, sizeof b, "%s%s", LEADS_HEAD, "la,甲,,,,p1,5,,,,e1,\n");
	tdb_import_ok(f->db, "leads", b, 1, 0, 0);
	tdb_import_ok(f->db, "lead-stages", "lead,stage,date,reason\n"
	              "la,signed,2017-03-01,\n"
	              "la,landed,2017-04-01,\n"
	              "la,signed,2017-05-01,注册撤回\n", 3, 0, 0);
	snprintf(b, sizeof b, "%s%s", LEADS_HEAD, "la,甲,,,,p1,5,,,,,\n");
	import_bad(f->db, "leads", b, "lead \"la\" has landed; it keeps the enterprise it became");
	/* Another enterprise is a change, kept in history. */
	snprintf(b, sizeof b, "%s%s", LEADS_HEAD, "la,甲,,,,p1,5,,,,e2,\n");
	tdb_import_ok(f->db, "leads", b, 0, 1, 0);
	assert_sql_text(f->db, "SELECT note FROM history WHERE note LIKE 'enterprise%'",
	                "enterprise: e1 → e2");
}

static void test_stage_at(void **state)
{
	struct fx *f = *state;
	struct kfq_err err = { 0 };
	char b[512];
	int64_t la, lb;
	static const struct {
		int y, m, d, want;
	} at[] = {
		{ 2016, 11, 1, -1 },              /* before the first stage */
		{ 2016, 11, 2, LS_CONTACT },      /* on its day */
		{ 2017, 1, 9, LS_CONTACT },
		{ 2017, 1, 10, LS_NEGOTIATION },
		{ 2017, 2, 28, LS_NEGOTIATION },
		{ 2017, 3, 1, LS_SIGNED },
		{ 2017, 4, 14, LS_SIGNED },
		{ 2017, 4, 15, LS_LANDED },
		{ 2017, 5, 9, LS_LANDED },
		{ 2017, 5, 10, LS_SIGNED },       /* went back */
		{ 2017, 6, 1, LS_LANDED },        /* landed again */
		{ 2017, 6, 2, LS_STARTED },       /* two stages on one day: the later */
		{ 2030, 1, 1, LS_STARTED },
	};

	snprintf(b, sizeof b, "%s%s", LEADS_HEAD,
	         "la,甲,,,,p1,5,,,,e1,pj1\n"
	         "lb,乙,,,,p2,8,,,,,\n");
	tdb_import_ok(f->db, "leads", b, 2, 0, 0);
	tdb_import_ok(f->db, "lead-stages", "lead,stage,date,reason\n"
	              "la,contact,2016-11-02,\n"
	              "la,negotiation,2017-01-10,\n"
	              "la,signed,2017-03-01,\n"
	              "la,landed,2017-04-15,\n"
	              "la,signed,2017-05-10,手续补正\n"
	              "la,landed,2017-06-01,\n"
	              "la,started,2017-06-02,\n"
	              "lb,contact,2017-07-01,\n"
	              "lb,negotiation,2017-07-01,\n"
	              "lb,dropped,2017-07-02,放弃\n", 10, 0, 0);
	la = lead_id(f->db, "la");
	lb = lead_id(f->db, "lb");
	for (size_t i = 0; i < sizeof at / sizeof at[0]; i++) {
		struct date d = { at[i].y, at[i].m, at[i].d };
		int got = lead_stage_at(f->db, la, &d, &err);
		if (got != at[i].want)
			fail_msg("la at %d-%02d-%02d: %d, expected %d", at[i].y, at[i].m, at[i].d, got,
			         at[i].want);
	}
	{
		struct date d1 = { 2017, 6, 30 }, d2 = { 2017, 7, 1 }, d3 = { 2017, 7, 2 };
		assert_int_equal(lead_stage_at(f->db, lb, &d1, &err), -1);
		/* contact and negotiation on the same day: the day ends negotiating. */
		assert_int_equal(lead_stage_at(f->db, lb, &d2, &err), LS_NEGOTIATION);
		assert_int_equal(lead_stage_at(f->db, lb, &d3, &err), LS_DROPPED);
		/* An id that is no lead has no stage. */
		assert_int_equal(lead_stage_at(f->db, la + lb + 100, &d3, &err), -1);
	}
}

/* ---- derived figures ---- */

/* Three leads in 2017, worked out month by month (P = negotiation or
 * signed at the month's end, the pipeline):
 *   la p1 5 亿: contact 01-05, negotiation 02-10, signed 03-20, landed
 *      04-15, back to signed 05-10, landed again 06-01.
 *      end of Jan contact; Feb P; Mar P; Apr landed; May P; Jun-Dec landed.
 *      landed once, in April.
 *   lb p1 8 亿: contact 02-01, negotiation 03-01, signed 12-05.
 *      Jan none; Feb contact; Mar-Dec P.
 *   lc p2 12 亿: contact 01-10, negotiation 01-20, dropped 07-01.
 *      Jan-Jun P; Jul-Dec dropped.
 * p1 pipeline: Jan 0; Feb 1 (5); Mar 2 (13); Apr 1 (8); May 2 (13); Jun-Dec 1 (8).
 * p2 pipeline: Jan-Jun 1 (12); Jul-Dec 0.
 * z = p1 + p2: Jan 1 (12); Feb 2 (17); Mar 3 (25); Apr 2 (20); May 3 (25);
 *   Jun 2 (20); Jul-Dec 1 (8).
 * landed: p1 and z 1 (5) in April, 0 in every other month; p2 none. */
static const char DERIVE_LEADS[] =
	"code,name,park,total_investment(亿元),enterprise,project\n"
	"la,甲,p1,5,e1,\n"
	"lb,乙,p1,8,,\n"
	"lc,丙,p2,12,e3,\n";

static const char DERIVE_STAGES[] =
	"lead,stage,date,reason\n"
	"la,contact,2017-01-05,\n"
	"la,negotiation,2017-02-10,\n"
	"la,signed,2017-03-20,\n"
	"la,landed,2017-04-15,\n"
	"la,signed,2017-05-10,注册撤回\n"
	"la,landed,2017-06-01,\n"
	"lb,contact,2017-02-01,\n"
	"lb,negotiation,2017-03-01,\n"
	"lb,signed,2017-12-05,\n"
	"lc,contact,2017-01-10,\n"
	"lc,negotiation,2017-01-20,\n"
	"lc,dropped,2017-07-01,转投他处\n";

static void test_derive_months(void **state)
{
	struct fx *f = *state;
	static const int p1_pipe[13] = { 0, 0, 1, 2, 1, 2, 1, 1, 1, 1, 1, 1, 1 };
	static const int p1_inv[13] = { 0, 0, 5, 13, 8, 13, 8, 8, 8, 8, 8, 8, 8 };
	static const int p2_pipe[13] = { 0, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0 };
	static const int z_pipe[13] = { 0, 1, 2, 3, 2, 3, 2, 1, 1, 1, 1, 1, 1 };
	static const int z_inv[13] = { 0, 12, 17, 25, 20, 25, 20, 8, 8, 8, 8, 8, 8 };
	char per[32];

	tdb_import_ok(f->db, "leads", DERIVE_LEADS, 3, 0, 0);
	tdb_import_ok(f->db, "lead-stages", DERIVE_STAGES, 12, 0, 0);
	for (int m = 1; m <= 12; m++) {
		int landed = m == 4;
		snprintf(per, sizeof per, "2017-%02d", m);
		assert_pipeline(f, "p1", per, landed, landed * 5, p1_pipe[m], p1_inv[m]);
		assert_pipeline(f, "p2", per, 0, 0, p2_pipe[m], 12 * p2_pipe[m]);
		assert_pipeline(f, "z", per, landed, landed * 5, z_pipe[m], z_inv[m]);
	}
	/* Over a span: landed adds up, the pipeline is the level at its end. */
	assert_pipeline(f, "z", "2017", 1, 5, 1, 8);
	assert_pipeline(f, "z", "2017Q1", 0, 0, 3, 25);
	assert_pipeline(f, "z", "2017Q2", 1, 5, 2, 20);
	assert_pipeline(f, "p1", "2017年1-5月", 1, 5, 2, 13);
	assert_pipeline(f, "p2", "2017", 0, 0, 0, 0);
	{
		struct figure g = fig(f, "landed_projects", "z", "2017-06");
		assert_true(HAS(g, FIG_YTD));
		assert_int_equal(g.ytd, ONE(1));
		g = fig(f, "landed_investment", "p1", "2017-12");
		assert_true(HAS(g, FIG_YTD));
		assert_int_equal(g.ytd, YI(5));
	}
	/* Written where the leads are: p1 and p2, never the enterprises. */
	assert_int_equal(tdb_scalar(f->db, "SELECT count(DISTINCT u.code) FROM obs o JOIN unit u ON "
	                            "u.id = o.unit_id JOIN indicator i ON i.id = o.ind_id WHERE i.code "
	                            "= 'landed_projects'"), 2);
	/* 2 units × 12 months × 4 indicators. */
	assert_int_equal(lead_obs(f->db), 96);
	/* the tests' today is 2017-12-31: nothing in 2016 or 2018. */
	assert_no_figures(f, "z", "2018-03");
	assert_no_figures(f, "p1", "2016-12");

	/* The same stages again: the same figures. */
	tdb_import_ok(f->db, "lead-stages", DERIVE_STAGES, 0, 0, 12);
	assert_int_equal(lead_obs(f->db), 96);
	assert_pipeline(f, "z", "2017-05", 0, 0, 3, 25);

	/* lb moves to p2 and grows to 10 亿: derived again from the leads. */
	tdb_import_ok(f->db, "leads", "code,name,park,total_investment(亿元)\nlb,乙,p2,10\n", 0, 1, 0);
	/* p1 in May: la alone, 5; p2 in May: lb 10 + lc 12 = 22 (2 leads). */
	assert_pipeline(f, "p1", "2017-05", 0, 0, 1, 5);
	assert_pipeline(f, "p2", "2017-05", 0, 0, 2, 22);
	assert_pipeline(f, "z", "2017-05", 0, 0, 3, 27);
	assert_pipeline(f, "p1", "2017-12", 0, 0, 0, 0);
	assert_pipeline(f, "p2", "2017-12", 0, 0, 1, 10);
}

/* The first landing counts, in its month, even when the lead went back
 * and landed again in another year. */
static void test_derive_landing_counted_once(void **state)
{
	struct fx *f = *state;

	tdb_import_ok(f->db, "leads", "code,name,park,total_investment(亿元),enterprise\n"
	              "la,甲,p1,5,e1\n", 1, 0, 0);
	tdb_import_ok(f->db, "lead-stages", "lead,stage,date,reason\n"
	              "la,signed,2017-11-20,\n"
	              "la,landed,2017-12-01,\n"
	              "la,signed,2017-12-15,注册撤回\n", 3, 0, 0);
	/* December: landed on the 1st (counted), signed again at the month's end. */
	assert_pipeline(f, "p1", "2017-12", 1, 5, 1, 5);
	assert_pipeline(f, "p1", "2017-11", 0, 0, 1, 5);
	tdb_clock("2018-03-10", NULL);
	tdb_import_ok(f->db, "lead-stages", "lead,stage,date,reason\nla,landed,2018-02-01,\n", 1, 0, 0);
	/* The second landing is not counted again. */
	assert_pipeline(f, "p1", "2018-02", 0, 0, 0, 0);
	assert_pipeline(f, "p1", "2018-01", 0, 0, 1, 5);
	assert_pipeline(f, "z", "2018", 0, 0, 0, 0);
	assert_pipeline(f, "z", "2017", 1, 5, 1, 5);
}

/* A pipeline stands until something changes it: figures run on to the
 * current year (the context's today). */
static void test_derive_runs_to_today(void **state)
{
	struct fx *f = *state;

	tdb_import_ok(f->db, "leads", "code,name,park,total_investment(亿元)\n"
	              "la,甲,p1,5\n"
	              "lb,乙,p2,7\n", 2, 0, 0);
	tdb_clock("2018-03-10", NULL);
	tdb_import_ok(f->db, "lead-stages", "lead,stage,date,reason\n"
	              "la,contact,2017-11-01,\n"
	              "la,negotiation,2017-12-10,\n"
	              "lb,contact,2017-06-01,\n", 3, 0, 0);
	/* la negotiating since December 2017: still in March 2018 and, with
	 * no other stage, at every month of 2018 (the year's level is December's). */
	assert_pipeline(f, "p1", "2017-11", 0, 0, 0, 0);
	assert_pipeline(f, "p1", "2017-12", 0, 0, 1, 5);
	assert_pipeline(f, "p1", "2018-03", 0, 0, 1, 5);
	assert_pipeline(f, "z", "2018-03", 0, 0, 1, 5);
	assert_pipeline(f, "z", "2018Q1", 0, 0, 1, 5);
	assert_pipeline(f, "p2", "2018-03", 0, 0, 0, 0);
	assert_no_figures(f, "z", "2019-01");
	/* 2 units × 24 months × 4 indicators. */
	assert_int_equal(lead_obs(f->db), 192);

	/* Today moves on to 2019; the next import carries the figures there. */
	tdb_clock("2019-01-15", NULL);
	tdb_import_ok(f->db, "lead-stages", "lead,stage,date,reason\nla,signed,2018-06-01,\n", 1, 0, 0);
	assert_pipeline(f, "z", "2019-01", 0, 0, 1, 5);
	assert_pipeline(f, "z", "2018-05", 0, 0, 1, 5);
	assert_int_equal(lead_obs(f->db), 288);
}

/* A lead that names no park counts at the top unit, and the zone's
 * figures are those of all its leads.
 *
 * SKIPPED: two bugs.
 * 1. lead/lead.c, lead_derive (line 433, "coalesce(l.park_id, ?)" with the
 *    root, and the INSERT that follows): a parkless lead's figures are
 *    written at z as z's own filing. A unit's own filing replaces the
 *    aggregate of its children (calc/cube.h), so z then shows only the
 *    parkless leads: z's pipeline_projects in 2017-03 is 1 (lx alone), not 2
 *    (la in p1 + lx), and the year's landed_projects 1 (3 亿), not 2 (8 亿).
 *    Every park's leads drop out of the zone as soon as one lead lacks a
 *    park. Expected: the zone counts all leads (e.g. keep the parkless
 *    leads apart and add them to the top unit's aggregate, or refuse a
 *    lead without a park).
 * 2. calc/cube.c, cube_all_spans (line 426: span() is called from the roots
 *    only): when a parent files its own values span() never descends into
 *    its children, so the stored roll-ups of every parent below it say "no
 *    value". Here p1 has its own obs (pipeline_projects 1 in 2017-03) yet
 *    figure_get gives p1 no value; with the rollup and rollup_state rows
 *    deleted (the cube built from observations) p1 shows 1. The same with
 *    ordinary data: e1 sales 10 and z sales 100 in 2017-03 give p1 no
 *    value instead of 10. Fix: call span() for every unit with children
 *    (it is memoised), not only for the roots. */
static void test_derive_lead_without_park(void **state)
{
	struct fx *f = *state;

	/* A lead is counted in its park: a lead without one, or with a unit
	 * that is not a park, is refused (its figures filed at the zone would
	 * hide the parks' own). */
	import_bad(f->db, "leads", "code,name,park,total_investment(亿元),enterprise\n"
	           "lx,无园区,,3,e4\n", "column \"park\": empty");
	import_bad(f->db, "leads", "code,name,park,total_investment(亿元)\n"
	           "ly,在区,z,3\n", "column \"park\": \"z\" is not a park");
}

/* ---- a failed import writes nothing ---- */

static void test_failed_import_changes_nothing(void **state)
{
	struct fx *f = *state;
	struct tdb_counts before, after;
	struct tdb_imp r;

	tdb_import_ok(f->db, "leads", DERIVE_LEADS, 3, 0, 0);
	tdb_import_ok(f->db, "lead-stages", DERIVE_STAGES, 12, 0, 0);
	before = tdb_counts_of(f->db, COUNTED);
	assert_int_equal(lead_obs(f->db), 96);

	/* A leads file with a good change (la renamed, lb to p2) and a bad row. */
	tdb_run_import(f->db, "leads", "code,name,park,total_investment(亿元),enterprise\n"
	               "la,甲改,p1,5,e1\n"
	               "lb,乙,p2,8,\n"
	               "ld,丁,p1,1,e1\n"
	               "le,戊,p2,2,\n", 0, &r);
	assert_int_equal(r.rc, -1);
	assert_int_equal(r.res.bad_rows, 1);
	tdb_assert_msg_line(&r, 4, "already linked to lead \"la\"");
	import_result_release(&r.res);
	after = tdb_counts_of(f->db, COUNTED);
	tdb_assert_counts_equal(&before, &after);
	assert_sql_text(f->db, "SELECT name FROM lead WHERE code = 'la'", "甲");
	assert_pipeline(f, "p1", "2017-05", 0, 0, 2, 13);

	/* A stages file of bad rows only. */
	tdb_run_import(f->db, "lead-stages", "lead,stage,date,reason\n"
	               "lb,landed,2017-12-20,\n"          /* 2: lb has no enterprise */
	               "la,started,2017-12-20,\n"         /* 3: la has no project */
	               "lc,contact,2017-12-01,\n", 0, &r);   /* 4: back from dropped, no reason */
	assert_int_equal(r.rc, -1);
	assert_int_equal(r.res.bad_rows, 3);
	tdb_assert_msg_line(&r, 2, "a landed lead must name the enterprise it became");
	tdb_assert_msg_line(&r, 3, "a started lead must name its key project");
	tdb_assert_msg_line(&r, 4, "going back to an earlier stage needs a reason");
	import_result_release(&r.res);
	/* Good stages, then one dated before them. */
	tdb_run_import(f->db, "lead-stages", "lead,stage,date,reason\n"
	               "lc,negotiation,2017-08-01,复谈\n"  /* good */
	               "lc,signed,2017-09-01,\n"          /* good */
	               "lc,contact,2017-08-15,\n", 0, &r);   /* before signed */
	assert_int_equal(r.rc, -1);
	assert_int_equal(r.res.bad_rows, 1);
	tdb_assert_msg_line(&r, 4, "2017-08-15 is before the lead's last stage (signed on 2017-09-01)");
	import_result_release(&r.res);
	after = tdb_counts_of(f->db, COUNTED);
	tdb_assert_counts_equal(&before, &after);
	/* The figures are those of before: lc dropped in July, no pipeline in p2. */
	assert_pipeline(f, "p2", "2017-09", 0, 0, 0, 0);
	assert_pipeline(f, "z", "2017-12", 0, 0, 1, 8);
}

/* The history note of a stage keeps the reason as valid UTF-8 text,
 * however long; the stage itself keeps the whole reason.
 *
 * SKIPPED: bug in lead/lead.c, lead_stage_put (lines 358 and 361,
 * "%.100s" into note[160]): the reason is cut at 100 bytes, not
 * characters. A reason of 40 × "调" (120 bytes) leaves 33 characters and
 * the first byte (0xE8) of the 34th in history.note: invalid UTF-8 written
 * to the history that kfq history / lead show print. Expected: the cut on
 * a character boundary (or the whole reason, sizing the buffer to it). */
static void test_stage_long_reason(void **state)
{
	struct fx *f = *state;
	char reason[256], b[512];
	size_t len = 0;
	const unsigned char *p;
	struct kfq_stmt *st;

	/* 40 characters of 3 bytes each: 120 bytes. */
	for (int i = 0; i < 40; i++)
		len += (size_t)snprintf(reason + len, sizeof reason - len, "调");
	tdb_import_ok(f->db, "leads", "code,name,park,total_investment\nla,甲,p1,1\n", 1, 0, 0);
	tdb_import_ok(f->db, "lead-stages", "lead,stage,date,reason\nla,contact,2017-01-01,\n", 1, 0, 0);
	snprintf(b, sizeof b, "%sla,dropped,2017-02-01,%s\n", STAGES_HEAD, reason);
	tdb_import_ok(f->db, "lead-stages", b, 1, 0, 0);
	st = tdb_prepare(f->db, "SELECT reason FROM lead_stage WHERE stage = "
	                                    "'dropped'");
	assert_int_equal(st_step(st), ST_ROW);
	assert_string_equal(st_text(st, 0), reason);
	st_finalize(st);
	st = tdb_prepare(f->db, "SELECT note FROM history ORDER BY id DESC "
	                                    "LIMIT 1");
	assert_int_equal(st_step(st), ST_ROW);
	p = (const unsigned char *)st_text(st, 0);
	assert_non_null(p);
	assert_true(strncmp((const char *)p, "stage: contact → dropped; reason: 调调", 40) == 0);
	/* Every multi-byte sequence complete. */
	while (*p) {
		int n = *p < 0x80 ? 1 : (*p & 0xe0) == 0xc0 ? 2 : (*p & 0xf0) == 0xe0 ? 3 : 4;
		for (int k = 1; k < n; k++)
			if ((p[k] & 0xc0) != 0x80) {
				st_finalize(st);
				fail_msg("history note is not valid UTF-8 at byte %d of a %d-byte sequence", k,
				         n);
			}
		p += n;
	}
	st_finalize(st);
}

/* Stages without a unit tree: the import fails as a whole, writing nothing. */
static void test_derive_needs_units(void **state)
{
	struct fx *f = *state;

	/* Without a unit tree there is no park to count a lead in: refused. */
	import_bad(f->db, "leads", "code,name,park,total_investment\nla,甲,p1,100\n",
	           "column \"park\": unknown unit \"p1\"");
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_stage_parse),
		T(test_leads_stored_exactly),
		T(test_leads_history),
		T(test_leads_bad_rows),
		T(test_stage_rules),
		T(test_refusals_name_field),
		T(test_landed_then_back_keeps_enterprise),
		T(test_stage_at),
		T(test_derive_months),
		T(test_derive_landing_counted_once),
		T(test_derive_runs_to_today),
		T(test_derive_lead_without_park),
		T(test_failed_import_changes_nothing),
		T(test_stage_long_reason),
		cmocka_unit_test_setup_teardown(test_derive_needs_units, setup_empty, teardown),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
