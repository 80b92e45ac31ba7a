/* test_entry.c: unit tests for one value entered by hand (io/entry.c):
 * its version before and after, a stale version refused with both values
 * and nothing written, the parent's roll-up rebuilt at once, the history
 * naming the account and the source, each bad field named; a server's
 * kept model. The tree: zone z with park p1 (e1, e2). */
#include "testutil.h"
#include "testdb.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calc/figure.h"
#include "io/entry.h"
#include "model/model.h"

struct fx {
	char path[TDB_PATH_MAX];
	struct kfq_db *db;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	if (tdb_create(f->path, sizeof f->path, &f->db) < 0)
		return -1;
	tdb_load(f->db, "units", "code,name,kind,parent\nz,区,zone,\np1,园一,park,z\n"
	         "e1,企一,enterprise,p1\ne2,企二,enterprise,p1\n");
	tdb_load(f->db, "indicators", "code,name_zh,measure,kind,agg\n"
	         "sales,应税销售,万元,flow,sum\nfirms,新增企业,家,flow,sum\n");
	tdb_load(f->db, "data", "unit,indicator,period,value\ne1,sales,2017-08,100\n"
	         "e2,sales,2017-08,50\n");
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

/* The park's value in 2017-08 as text in 万元. */
static void park_value(struct fx *f, char *buf, size_t n)
{
	struct kfq_err err = { 0 };
	struct kfq_model m;
	struct figure_ctx fc;
	struct figure fig;
	struct period p;
	assert_int_equal(model_load(f->db, &m, &err), 0);
	assert_int_equal(period_parse("2017-08", &p, &err), 0);
	figure_ctx_init(&fc, f->db, &m.units, &m.inds);
	assert_int_equal(figure_get(&fc, (size_t)indicators_find(&m.inds, "sales"),
	                            (size_t)units_find(&m.units, "p1"), &p, &fig, &err), 0);
	dec_format(fig.value, measure_find("万元", &err)->shift, -1, buf, n);
	figure_ctx_release(&fc);
	model_release(&m);
}

static void test_versions_and_conflict(void **state)
{
	struct fx *f = *state;
	struct kfq_err err = { 0 };
	struct entry_res res;
	char value[64], ver[ENTRY_VERSION_MAX], v0[ENTRY_VERSION_MAX], buf[64];
	struct entry_req q = { "e1", "sales", "2017-08", "120", NULL, NULL, "web", NULL, 0 };

	assert_int_equal(entry_get(f->db, "e1", "sales", "2017-08", value, sizeof value, v0, &err), 0);
	assert_string_equal(value, "100");
	assert_string_equal(v0, "v10000000000");   /* 100 万元 = 10^6 元, in 10^-4 元 */
	assert_int_equal(entry_get(f->db, "e1", "sales", "2017-09", value, sizeof value, ver, &err), 0);
	assert_string_equal(value, "");
	assert_string_equal(ver, "none");
	park_value(f, buf, sizeof buf);
	assert_string_equal(buf, "150");
	/* written with the version read: changed, the park's roll-up follows;
	 * the writer's note kept in history with the change */
	q.version = v0;
	q.note = "财务更正";
	assert_int_equal(entry_put(f->db, tdb_ctx(), &q, &res, &err), 0);
	assert_int_equal(res.put, PUT_CHANGED);
	assert_string_equal(res.version, "v12000000000");
	park_value(f, buf, sizeof buf);
	assert_string_equal(buf, "170");
	/* the same stale version again: refused with both values, nothing written */
	q.value = "1.3";
	q.measure = "亿元";
	assert_int_equal(entry_put(f->db, tdb_ctx(), &q, &res, &err), -1);
	assert_true(res.conflict);
	assert_string_equal(res.stored, "0.012");
	assert_string_equal(res.yours, "1.3");
	assert_string_equal(res.version, "v12000000000");
	assert_string_equal(err.msg, "the value was changed by someone else since you read it: "
	                    "now 0.012, yours 1.3 (亿元); read it again and decide");
	park_value(f, buf, sizeof buf);
	assert_string_equal(buf, "170");
	/* a new key: version none */
	q.period = "2017-09";
	q.version = "none";
	assert_int_equal(entry_put(f->db, tdb_ctx(), &q, &res, &err), 0);
	assert_int_equal(res.put, PUT_ADDED);
	q.version = "none";
	assert_int_equal(entry_put(f->db, tdb_ctx(), &q, &res, &err), -1);
	assert_true(res.conflict);
	assert_string_equal(res.stored, "1.3");
	/* history: the account and the source */
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM history WHERE kind = 'obs' AND "
	                            "unit = 'e1' AND who = 'tester' AND source = 'web'"), 2);
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM history WHERE unit = 'e1' AND "
	                            "period = '2017-08' AND note = '财务更正'"), 1);
}

static void refused(struct fx *f, struct entry_req q, const char *field, const char *needle)
{
	struct kfq_err err = { 0 };
	struct entry_res res;
	assert_int_equal(entry_put(f->db, tdb_ctx(), &q, &res, &err), -1);
	assert_false(res.conflict);
	assert_string_equal(err.field, field);
	if (!strstr(err.msg, needle))
		fail_msg("'%s' not in '%s'", needle, err.msg);
}

static void test_refusals(void **state)
{
	struct fx *f = *state;
	refused(f, (struct entry_req){ "e9", "sales", "2017-08", "1", NULL, NULL, "web", NULL, 0 }, "unit",
	        "unknown unit \"e9\"");
	refused(f, (struct entry_req){ "e1", "sale", "2017-08", "1", NULL, NULL, "web", NULL, 0 }, "indicator",
	        "sale");
	refused(f, (struct entry_req){ "e1", "sales", "2017-13", "1", NULL, NULL, "web", NULL, 0 }, "period",
	        "13");
	refused(f, (struct entry_req){ "e1", "sales", "2017-08", "12,3x", NULL, NULL, "web", NULL, 0 }, "value",
	        "12,3x");
	refused(f, (struct entry_req){ "e1", "sales", "2017-08", "1", "个", NULL, "web", NULL, 0 }, "measure",
	        "个");
	refused(f, (struct entry_req){ "e1", "firms", "2017-08", "1.5", NULL, NULL, "web", NULL, 0 }, "value",
	        "\"1.5\" is not a whole number of 家");
	refused(f, (struct entry_req){ "e1", "firms", "2017-08", "-2", NULL, NULL, "web", NULL, 0 }, "value",
	        "\"-2\" is below zero");
	/* a value that fits, but makes its park's total too large for kfq's
	 * exact figures (a hostile trial: the year's every figure then failed
	 * for every user) */
	refused(f, (struct entry_req){ "e2", "sales", "2017-08", "92233720368", NULL, NULL, "web", NULL, 0 },
	        "value", "the total of unit \"p1\" in 2017 does not fit in kfq's exact figures");
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM history WHERE source = 'web'"), 0);
	assert_int_equal(tdb_scalar(f->db, "SELECT sum(value) FROM obs"), 150 * INT64_C(100000000));
}

/* A value entered for a unit that also files totals over months must
 * agree with them, as in a data import: refused naming both, nothing
 * written; an agreeing one goes in. */
static void test_mixed_filings(void **state)
{
	struct fx *f = *state;
	struct kfq_err err = { 0 };
	struct entry_res res;
	struct entry_req q = { "e1", "sales", "2017-09", "60", NULL, NULL, "web", NULL, 0 };
	/* e1: 100 in August (setup), 0 before, and 1-8月 100 */
	tdb_load(f->db, "data", "unit,indicator,period,value\ne1,sales,2017-01,0\ne1,sales,2017-02,0\n"
	         "e1,sales,2017-03,0\ne1,sales,2017-04,0\ne1,sales,2017-05,0\ne1,sales,2017-06,0\n"
	         "e1,sales,2017-07,0\ne1,sales,2017年1-8月,100\n");
	refused(f, (struct entry_req){ "e1", "sales", "2017-08", "90", NULL, NULL, "web", NULL, 0 },
	        "value", "e1 sales 2017年1-8月 (stored) is 100.00 万元, but 1月…7月 (stored) + 8月 (this "
	        "value) give 90.00 万元");
	refused(f, (struct entry_req){ "e1", "sales", "2017年1-8月", "170", NULL, NULL, "web", NULL, 0 },
	        "value", "e1 sales 2017年1-8月 (this value) is 170.00 万元, but 1月…8月 (stored) give "
	        "100.00 万元");
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM history WHERE source = 'web'"), 0);
	/* September's own, with no total to disagree with, goes in */
	assert_int_equal(entry_put(f->db, tdb_ctx(), &q, &res, &err), 0);
	assert_int_equal(res.put, PUT_ADDED);
}

/* A form: two values at once, all or nothing. */
static void test_form(void **state)
{
	struct fx *f = *state;
	struct kfq_err err = { 0 };
	struct entry_res res[2];
	size_t bad;
	char buf[64];
	struct entry_req form[2] = {
		{ "e1", "sales", "2017-08", "110", NULL, "v10000000000", "web", NULL, 0 },
		{ "e2", "sales", "2017-08", "60", NULL, "v5000000000", "web", NULL, 0 },
	};
	assert_int_equal(entry_put_form(f->db, tdb_ctx(), form, 2, res, &bad, &err), 0);
	assert_int_equal(res[0].put, PUT_CHANGED);
	assert_int_equal(res[1].put, PUT_CHANGED);
	park_value(f, buf, sizeof buf);
	assert_string_equal(buf, "170");
	/* the same versions again: both stale, both named, nothing written */
	form[0].value = "1";
	form[1].value = "2";
	assert_int_equal(entry_put_form(f->db, tdb_ctx(), form, 2, res, &bad, &err), -1);
	assert_int_equal(bad, 2);
	assert_true(res[0].conflict && res[1].conflict);
	assert_string_equal(res[0].stored, "110");
	assert_string_equal(res[1].stored, "60");
	assert_string_equal(err.msg, "2 of the 2 values were changed by someone else since you read "
	                    "them (sales, sales); nothing was written: read them again and decide");
	/* one good, one bad: the good one is not written either */
	form[0].version = NULL;
	form[1].version = NULL;
	form[1].value = "6x";
	assert_int_equal(entry_put_form(f->db, tdb_ctx(), form, 2, res, &bad, &err), -1);
	assert_int_equal(bad, 1);
	assert_string_equal(err.field, "value");
	park_value(f, buf, sizeof buf);
	assert_string_equal(buf, "170");
}

/* The park's target of sales in 2017: 1 own, 2 its children's sum, 0
 * none (figure's FIG_TARGET_OWN), the target as text in 万元. */
static int park_target(struct fx *f, char *buf, size_t n)
{
	struct kfq_err err = { 0 };
	struct kfq_model m;
	struct figure_ctx fc;
	struct figure fig;
	struct period p;
	assert_int_equal(model_load(f->db, &m, &err), 0);
	assert_int_equal(period_parse("2017", &p, &err), 0);
	figure_ctx_init(&fc, f->db, &m.units, &m.inds);
	assert_int_equal(figure_get(&fc, (size_t)indicators_find(&m.inds, "sales"),
	                            (size_t)units_find(&m.units, "p1"), &p, &fig, &err), 0);
	buf[0] = '\0';
	if (fig.has & FIG_TARGET)
		dec_format(fig.target, measure_find("万元", &err)->shift, -1, buf, n);
	figure_ctx_release(&fc);
	model_release(&m);
	return !(fig.has & FIG_TARGET) ? 0 : (fig.has & FIG_TARGET_OWN) ? 1 : 2;
}

/* A target set by hand (kfq target set, PUT /targets/...): the children's
 * sum until the park has its own, its version, a stale version refused
 * with both values and nothing written, the reason in history, each bad
 * field named. */
static void test_target(void **state)
{
	struct fx *f = *state;
	struct kfq_err err = { 0 };
	struct entry_res res;
	char value[64], ver[ENTRY_VERSION_MAX], buf[64];
	struct entry_target_req q = { "e1", "sales", "2017", "900", NULL, NULL, "web", "年初计划" };

	assert_int_equal(park_target(f, buf, sizeof buf), 0);
	assert_int_equal(entry_target_put(f->db, tdb_ctx(), &q, &res, &err), 0);
	assert_int_equal(res.put, PUT_ADDED);
	assert_string_equal(res.version, "v90000000000");
	assert_int_equal(park_target(f, buf, sizeof buf), 2);
	assert_string_equal(buf, "900");
	/* the park's own: read as none (its children's sum is not its own) */
	assert_int_equal(entry_target_get(f->db, "p1", "sales", "2017年", value, sizeof value, ver,
	                                  &err), 0);
	assert_string_equal(value, "");
	assert_string_equal(ver, "none");
	q.unit = "p1";
	q.value = "0.15";
	q.measure = "亿元";
	q.version = ver;
	q.note = "园区自定";
	assert_int_equal(entry_target_put(f->db, tdb_ctx(), &q, &res, &err), 0);
	assert_int_equal(res.put, PUT_ADDED);
	assert_int_equal(park_target(f, buf, sizeof buf), 1);
	assert_string_equal(buf, "1500");
	/* "none" again once it has one: refused, both values, nothing written */
	q.value = "1600";
	q.measure = NULL;
	assert_int_equal(entry_target_put(f->db, tdb_ctx(), &q, &res, &err), -1);
	assert_true(res.conflict);
	assert_string_equal(res.stored, "1500");
	assert_string_equal(res.yours, "1600");
	assert_string_equal(res.version, "v150000000000");
	assert_string_equal(err.msg, "the target was changed by someone else since you read it: "
	                    "now 1500, yours 1600 (万元); read it again and decide");
	park_target(f, buf, sizeof buf);
	assert_string_equal(buf, "1500");
	q.version = "v150000000000";
	assert_int_equal(entry_target_put(f->db, tdb_ctx(), &q, &res, &err), 0);
	assert_int_equal(res.put, PUT_CHANGED);
	park_target(f, buf, sizeof buf);
	assert_string_equal(buf, "1600");
	/* history: both additions and the change, each with its reason */
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM history WHERE kind = 'target' AND "
	                            "who = 'tester' AND source = 'web' AND period = '2017'"), 3);
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM history WHERE kind = 'target' AND "
	                            "unit = 'p1' AND note = '园区自定' AND old_value IS NOT NULL"), 1);
	/* refusals, each naming its field */
	{
		static const struct { struct entry_target_req q; const char *field, *needle; } bad[] = {
			{ { "e9", "sales", "2017", "1", NULL, NULL, NULL, "x" }, "unit", "unknown unit" },
			{ { "e1", "nope", "2017", "1", NULL, NULL, NULL, "x" }, "indicator", "unknown indicator" },
			{ { "e1", "sales", "2017-08", "1", NULL, NULL, NULL, "x" }, "year", "is not a year" },
			{ { "e1", "sales", "2017", "12,3x", NULL, NULL, NULL, "x" }, "value", "not a number" },
			{ { "e1", "sales", "2017", "1", "件", NULL, NULL, "x" }, "measure", "cannot be converted" },
			{ { "e1", "sales", "2017", "1", NULL, NULL, NULL, "" }, "note", "a reason is required" },
			{ { "e1", "sales", "2017", "1", NULL, NULL, NULL, NULL }, "note", "a reason is required" },
		};
		for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
			memset(&err, 0, sizeof err);
			assert_int_equal(entry_target_put(f->db, tdb_ctx(), &bad[k].q, &res, &err), -1);
			assert_false(res.conflict);
			assert_string_equal(err.field, bad[k].field);
			if (!strstr(err.msg, bad[k].needle))
				fail_msg("'%s' not in '%s'", bad[k].needle, err.msg);
		}
	}
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM target"), 2);
}

/* A server's kept model (model_keep): the same while nothing changes; a
 * unit or an indicator changed from another connection is seen at the next
 * get; one still read when a newer replaces it stays whole until put; one
 * got inside a transaction rolled back is never taken again. (Last: it
 * turns keeping on for the rest of the process.) */
static void test_model_kept(void **state)
{
	struct fx *f = *state;
	struct kfq_err err = { 0 };
	struct kfq_db *other;
	const struct kfq_model *a, *b, *c;
	struct tdb_imp imp;
	struct entry_res res;
	struct entry_req q = { "e1", "sales", "2017-08", "120", NULL, NULL, "web", NULL, 0 };
	size_t n;

	model_keep();
	assert_non_null(a = model_get(f->db, &err));
	assert_non_null(b = model_get(f->db, &err));
	assert_ptr_equal(a, b);
	n = a->units.n;
	model_put(b);
	/* a value entered changes no unit: the model stands */
	assert_int_equal(entry_put(f->db, tdb_ctx(), &q, &res, &err), 0);
	assert_non_null(b = model_get(f->db, &err));
	assert_ptr_equal(a, b);
	model_put(b);
	/* the units file imported again changes nothing: the model stands */
	assert_int_equal(db_open(&other, f->path, DB_EXISTING, &err), 0);
	tdb_run_import(other, "units", "code,name,kind,parent\nz,区,zone,\np1,园一,park,z\n"
	               "e1,企一,enterprise,p1\ne2,企二,enterprise,p1\n", 0, &imp);
	assert_int_equal(imp.rc, 0);
	assert_int_equal(imp.res.unchanged, 4);
	tdb_imp_release(&imp);
	assert_non_null(b = model_get(f->db, &err));
	assert_ptr_equal(a, b);
	model_put(b);
	/* a unit added by another connection, while a is still read */
	tdb_load(other, "units", "code,name,kind,parent\ne3,企三,enterprise,p1\n");
	assert_non_null(b = model_get(f->db, &err));
	assert_ptr_not_equal(a, b);
	assert_int_equal(b->units.n, n + 1);
	assert_true(units_find(&b->units, "e3") >= 0);
	assert_int_equal(a->units.n, n);   /* the old one whole until put */
	assert_true(units_find(&a->units, "e3") < 0);
	model_put(a);
	model_put(b);
	/* an indicator renamed */
	tdb_load(other, "indicators", "code,name_zh,measure,kind,agg\nsales,销售收入,万元,flow,sum\n");
	assert_non_null(a = model_get(f->db, &err));
	assert_string_equal(a->inds.v[indicators_find(&a->inds, "sales")].name_zh, "销售收入");
	model_put(a);
	db_close(other);
	/* a unit written in a transaction that is rolled back */
	assert_int_equal(db_begin(f->db, tdb_ctx(), &err), 0);
	assert_int_equal(db_exec(f->db, "UPDATE unit SET name = '改名' WHERE code = 'e1'", &err), 0);
	assert_non_null(a = model_get(f->db, &err));
	assert_string_equal(a->units.v[units_find(&a->units, "e1")].name, "改名");
	model_put(a);
	db_rollback(f->db);
	assert_non_null(b = model_get(f->db, &err));
	assert_string_equal(b->units.v[units_find(&b->units, "e1")].name, "企一");
	/* and the model after it is kept again */
	assert_non_null(c = model_get(f->db, &err));
	assert_ptr_equal(b, c);
	model_put(b);
	model_put(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_versions_and_conflict, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refusals, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mixed_filings, setup, teardown),
		cmocka_unit_test_setup_teardown(test_form, setup, teardown),
		cmocka_unit_test_setup_teardown(test_target, setup, teardown),
		cmocka_unit_test_setup_teardown(test_model_kept, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
