/* test_torture.c: a failure at any point of an import loses nothing and
 * writes nothing. The store's fault simulation (db_inject_fault) makes the
 * n-th statement fail, for n = 1, 2, ... until the import gets through; after
 * every failed attempt the database must hold exactly what it held before. */
#include "testutil.h"
#include "testdb.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "base/xalloc.h"
#include "base/sbuf.h"
#include "io/import.h"
#include "store/db.h"

static char dbpath[64];

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* Every row of every table, as text. */
static char *content(struct kfq_db *db)
{
	static const char *const tables[] = { "unit", "unit_group", "indicator", "obs", "target",
	                                      "history", "import_log", "meta" };
	struct sbuf sb;
	sbuf_init(&sb);
	for (size_t t = 0; t < sizeof tables / sizeof *tables; t++) {
		char sql[128];
		struct kfq_stmt *st;
		snprintf(sql, sizeof sql, "SELECT * FROM %s", tables[t]);
		st = tdb_prepare(db, sql);
		sbuf_addf(&sb, "[%s]\n", tables[t]);
		while (st_step(st) == ST_ROW) {
			for (int c = 0; c < st_columns(st); c++) {
				const char *v = st_text(st, c);
				sbuf_addf(&sb, "%s|", v ? v : "NULL");
			}
			sbuf_addc(&sb, '\n');
		}
		st_finalize(st);
	}
	return sbuf_detach(&sb);
}

static void import_ok(struct kfq_db *db, const char *kind, const char *path)
{
	struct import_opts o = { kind, path, NULL, 0, 0 };
	struct import_result r;
	struct kfq_err err = { 0 };
	int rc = import_run(tdb_ctx(), db, &o, &r, &err);
	if (rc != 0)
		fail_msg("%s: %s\n%s", path, err.msg, r.messages ? r.messages : "");
	import_result_release(&r);
}

static int setup(void **state)
{
	int fd;
	snprintf(dbpath, sizeof dbpath, "/tmp/kfq-torture-XXXXXX");
	fd = mkstemp(dbpath);
	close(fd);
	unlink(dbpath);
	write_file("/tmp/kfq-torture-units.csv",
	           "code,name,kind,parent\nz,开发区,zone,\np,园区,park,z\ne1,甲,enterprise,p\n"
	           "e2,乙,enterprise,p\n");
	write_file("/tmp/kfq-torture-inds.csv",
	           "code,name_zh,measure,scope\nsales,销售,万元,\nva,增加值,万元,above_scale\n");
	write_file("/tmp/kfq-torture-groups.csv", "unit,group,year\ne1,above_scale,2017\n");
	write_file("/tmp/kfq-torture-data1.csv",
	           "unit,indicator,period,value\ne1,sales,2017-01,10\ne2,sales,2017-01,20\n"
	           "e1,va,2017-01,3\n");
	/* the import under test: corrections (history), new values, targets */
	write_file("/tmp/kfq-torture-data2.csv",
	           "unit,indicator,period,value\ne1,sales,2017-01,11\ne2,sales,2017-01,20\n"
	           "e1,sales,2017年1-2月,25\ne2,va,2017-02,4\ne1,va,2017-01,3.5\n");
	*state = NULL;
	return 0;
}

static int teardown(void **state)
{
	char p[80];
	(void)state;
	unlink(dbpath);
	snprintf(p, sizeof p, "%s-wal", dbpath);
	unlink(p);
	snprintf(p, sizeof p, "%s-shm", dbpath);
	unlink(p);
	unlink("/tmp/kfq-torture-units.csv");
	unlink("/tmp/kfq-torture-inds.csv");
	unlink("/tmp/kfq-torture-groups.csv");
	unlink("/tmp/kfq-torture-data1.csv");
	unlink("/tmp/kfq-torture-data2.csv");
	return 0;
}

static void torture(const char *kind, const char *path)
{
	struct kfq_db *db;
	struct kfq_err err = { 0 };
	long n;
	int failures = 0;

	assert_int_equal(db_open(&db, dbpath, DB_CREATE, &err), 0);
	for (n = 1; n < 1000; n++) {
		struct import_opts o = { kind, path, NULL, 0, 0 };
		struct import_result r;
		char *before = content(db), *after;
		int rc;
		db_inject_fault(db, n);
		rc = import_run(tdb_ctx(), db, &o, &r, &err);
		db_inject_fault(db, 0);
		if (rc == 0) {
			import_result_release(&r);
			free(before);
			break;
		}
		failures++;
		if (err.kind != KFQ_EFAULT)
			fail_msg("a fault at operation %ld was told as the user's error: %s\n%s", n, err.msg,
			         r.messages ? r.messages : "");
		import_result_release(&r);
		assert_err_has(&err, "simulated fault");
		after = content(db);
		if (strcmp(before, after) != 0)
			fail_msg("a fault at statement %ld changed the database:\nbefore:\n%s\nafter:\n%s",
			         n, before, after);
		free(before);
		free(after);
	}
	assert_true(n < 1000);
	/* every statement of the import was a point of failure once */
	assert_true(failures >= 5);
	db_close(db);
}

static void test_units_import_survives_any_fault(void **state)
{
	(void)state;
	torture("units", "/tmp/kfq-torture-units.csv");
}

static void test_data_import_survives_any_fault(void **state)
{
	struct kfq_db *db;
	struct kfq_err err = { 0 };
	(void)state;
	assert_int_equal(db_open(&db, dbpath, DB_CREATE, &err), 0);
	import_ok(db, "units", "/tmp/kfq-torture-units.csv");
	import_ok(db, "indicators", "/tmp/kfq-torture-inds.csv");
	import_ok(db, "groups", "/tmp/kfq-torture-groups.csv");
	import_ok(db, "data", "/tmp/kfq-torture-data1.csv");
	db_close(db);
	torture("data", "/tmp/kfq-torture-data2.csv");
	/* and after it got through, the corrections are in history */
	assert_int_equal(db_open(&db, dbpath, DB_EXISTING, &err), 0);
	{
		struct kfq_stmt *st;
		st = tdb_prepare(db, "SELECT count(*) FROM history WHERE kind = 'obs'");
		assert_int_equal(st_step(st), ST_ROW);
		assert_int_equal(st_int(st, 0), 2);
		st_finalize(st);
	}
	db_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_units_import_survives_any_fault, setup, teardown),
		cmocka_unit_test_setup_teardown(test_data_import_survives_any_fault, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
