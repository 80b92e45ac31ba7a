/* test_form.c: unit tests for report forms (表式) that name the enterprises
 * by their 统一社会信用代码 (`unit = B uscc`, io/form.c, report/form_out.c):
 * rows matched by the code after trimming and upper-casing; a malformed
 * code, one of no unit and a code given twice refused by cell, nothing
 * written; the definition's unit line; the sheet kfq writes carries the
 * codes and imports back unchanged, and is refused while an enterprise has
 * no code. The tree: zone z, park p1 with e1 (Huawei's public code
 * 914403001922038216), e2 (Alibaba (China)'s 91330100716105852F) and e3
 * (none). Runs on both engines (KFQ_TEST_PG). */
#include "testutil.h"
#include "testdb.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/formdef.h"
#include "io/form.h"
#include "model/model.h"
#include "report/form_out.h"

struct fx {
	char path[TDB_PATH_MAX];
	struct kfq_db *db;
	char form[64];            /* the definition's file */
	struct form f;
};

/* text into a new temporary file (name into path, 64 bytes) */
static void write_tmp(char *path, const char *text)
{
	FILE *out;
	int fd;
	snprintf(path, 64, "/tmp/kfq_test_form_XXXXXX");
	assert_true((fd = mkstemp(path)) >= 0);
	assert_non_null(out = fdopen(fd, "w"));
	fputs(text, out);
	assert_int_equal(fclose(out), 0);
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	struct kfq_err err = { 0 };
	if (tdb_create(f->path, sizeof f->path, &f->db) < 0)
		return -1;
	tdb_load(f->db, "units", "code,name,kind,parent,uscc\nz,区,zone,,\np1,园一,park,z,\n"
	         "e1,甲公司,enterprise,p1,914403001922038216\n"
	         "e2,乙公司,enterprise,p1,91330100716105852F\ne3,丙公司,enterprise,p1,\n");
	tdb_load(f->db, "indicators", "code,name_zh,measure,kind,agg\nsales,应税销售,万元,flow,sum\n");
	write_tmp(f->form, "name = \"月报\"\nheader_rows = 1\nunit = B uscc\nname_column = A\n"
	          "measure = 万元\ncolumn C = sales 本月\n");
	if (form_load(f->form, &f->f, &err) < 0)
		fail_msg("%s", err.msg);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	form_release(&f->f);
	unlink(f->form);
	tdb_destroy(f->db, f->path);
	free(f);
	return 0;
}

struct run {
	int rc;
	struct import_result res;
	struct kfq_err err;
	char file[64];
};

/* The sheet (CSV text) imported for 2017-08; the file is removed after. */
static void import_sheet(struct fx *f, const char *text, struct run *r)
{
	struct import_opts o = { 0 };
	struct period p;
	memset(r, 0, sizeof *r);
	write_tmp(r->file, text);
	assert_int_equal(period_parse("2017-08", &p, &r->err), 0);
	o.kind = "data";
	o.path = r->file;
	r->rc = form_import(tdb_ctx(), f->db, &f->f, &p, &o, &r->res, &r->err);
	unlink(r->file);
}

static void run_release(struct run *r)
{
	free(r->res.messages);
	free(r->res.messages_zh);
	free(r->res.note);
	free(r->res.warn);
	free(r->res.warn_zh);
}

/* r's messages hold "FILE:CELL: needle…" */
static void has_cell(const struct run *r, const char *cell, const char *needle)
{
	char want[512];
	snprintf(want, sizeof want, "%s:%s: %s", r->file, cell, needle);
	if (!r->res.messages || !strstr(r->res.messages, want))
		fail_msg("no \"%s\" in:\n%s", want, r->res.messages ? r->res.messages : "(none)");
}

static int64_t august(struct fx *f, const char *unit)
{
	char sql[256];
	snprintf(sql, sizeof sql, "SELECT o.value FROM obs o JOIN unit u ON u.id = o.unit_id "
	         "WHERE u.code = '%s' AND o.year = 2017 AND o.first = 8 AND o.last = 8", unit);
	return tdb_scalar(f->db, sql);
}

static void test_rows_by_uscc(void **state)
{
	struct fx *f = *state;
	struct run r;
	assert_int_equal(f->f.by, FORM_BY_USCC);
	/* trimmed and upper-cased; 1 万元 = 10^8 in the store */
	import_sheet(f, "名称,统一社会信用代码,本月\n甲, 914403001922038216 ,10\n"
	             "乙,91330100716105852f,20.5\n", &r);
	if (r.rc < 0)
		fail_msg("%s\n%s", r.err.msg, r.res.messages ? r.res.messages : "");
	assert_int_equal(r.res.added, 2);
	run_release(&r);
	assert_int_equal(august(f, "e1"), INT64_C(1000000000));
	assert_int_equal(august(f, "e2"), INT64_C(2050000000));
}

static void test_bad_cells(void **state)
{
	struct fx *f = *state;
	struct run r;
	import_sheet(f, "名称,统一社会信用代码,本月\n"
	             "甲,914403001922038216,10\n"
	             "丙,91321181MA1XXXXXX3,1\n"        /* B3: a wrong check character */
	             "丁,9144030071526726XG,1\n"        /* B4: a good code, no unit's */
	             "戊,9133010071610585,1\n"          /* B5: 16 characters */
	             "己,9133010071610585OF,1\n", &r);  /* B6: O is not used */
	assert_int_equal(r.rc, -1);
	has_cell(&r, "B3", "统一社会信用代码 91321181MA1XXXXXX3 fails its check character: "
	         "expected E");
	has_cell(&r, "B4", "no unit has 统一社会信用代码 9144030071526726XG (give it in the "
	         "units file's column uscc)");
	has_cell(&r, "B5", "统一社会信用代码 \"9133010071610585\" has 16 characters (expected 18)");
	has_cell(&r, "B6", "统一社会信用代码 \"9133010071610585OF\": character 17 \"O\" is not "
	         "allowed (expected 0-9 and the capital letters but I, O, S, V and Z)");
	run_release(&r);
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM obs"), 0);
	/* one enterprise twice, however its code is written: refused */
	import_sheet(f, "名称,统一社会信用代码,本月\n甲,914403001922038216,10\n"
	             "甲,914403001922038216 ,11\n", &r);
	assert_int_equal(r.rc, -1);
	assert_non_null(r.res.messages);
	assert_non_null(strstr(r.res.messages, "already given on line 2"));
	run_release(&r);
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM obs"), 0);
}

static void test_definition(void **state)
{
	struct fx *f = *state;
	struct kfq_err err = { 0 };
	struct form g;
	char path[64];
	(void)f;
	write_tmp(path, "unit = B credit\ncolumn C = sales 本月\n");
	assert_int_equal(form_load(path, &g, &err), -1);
	assert_err_has(&err, ":1: unit: \"B credit\" (expected the column and how it names the "
	               "enterprise: B code, B name or B uscc)");
	unlink(path);
	write_tmp(path, "column C = sales 本月\n");
	assert_int_equal(form_load(path, &g, &err), -1);
	assert_err_has(&err, ": no \"unit = COLUMN code|name|uscc\" line");
	unlink(path);
}

/* The sheet kfq writes names each enterprise by its code and comes back
 * unchanged; refused while one of them has none (e3). */
static void test_export_round_trip(void **state)
{
	struct fx *f = *state;
	struct kfq_err err = { 0 };
	struct kfq_model m;
	struct period p;
	struct run r;
	char out[64];
	size_t n;

	tdb_load(f->db, "data", "unit,indicator,period,value\ne1,sales,2017-08,10\n"
	         "e2,sales,2017-08,20\ne3,sales,2017-08,30\n");
	assert_int_equal(period_parse("2017-08", &p, &err), 0);
	assert_int_equal(model_load(f->db, &m, &err), 0);
	snprintf(out, sizeof out, "/tmp/kfq_test_form_%ld.xlsx", (long)getpid());
	assert_int_equal(form_write(f->db, &m, &f->f, (size_t)units_find(&m.units, "p1"), &p, out,
	                            &n, &err), -1);
	assert_err_has(&err, "names the enterprises by 统一社会信用代码, but 1 of them have none: "
	               "e3 (give them in the units file's column uscc)");
	assert_int_equal(access(out, F_OK), -1);
	model_release(&m);
	tdb_load(f->db, "units", "code,name,kind,parent,uscc\n"
	         "e3,丙公司,enterprise,p1,9144030071526726XG\n");
	assert_int_equal(model_load(f->db, &m, &err), 0);
	if (form_write(f->db, &m, &f->f, (size_t)units_find(&m.units, "p1"), &p, out, &n, &err) < 0)
		fail_msg("%s", err.msg);
	assert_int_equal(n, 3);
	model_release(&m);
	{
		struct import_opts o = { 0 };
		memset(&r, 0, sizeof r);
		snprintf(r.file, sizeof r.file, "%s", out);
		o.kind = "data";
		o.path = out;
		r.rc = form_import(tdb_ctx(), f->db, &f->f, &p, &o, &r.res, &r.err);
	}
	unlink(out);
	if (r.rc < 0)
		fail_msg("%s\n%s", r.err.msg, r.res.messages ? r.res.messages : "");
	assert_int_equal(r.res.added + r.res.changed, 0);
	assert_int_equal(r.res.unchanged, 3);
	run_release(&r);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_rows_by_uscc),
		T(test_bad_cells),
		T(test_definition),
		T(test_export_round_trip),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
