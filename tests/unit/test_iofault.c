/* test_iofault.c: a full disk or an I/O error in the middle of writing the
 * database's files (SQLite's own way of simulating it: kfq's VFS fails the
 * n-th write, sync or truncate, db_inject_io_fault) loses nothing: for
 * n = 1, 2, ... until the import gets through, every failed import is a
 * fault, and the database reopened afterwards holds exactly what it held
 * before, whole (integrity_check). SQLite only: a server keeps its files
 * itself. */
#include "testutil.h"
#include "testdb.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "base/sbuf.h"
#include "base/xalloc.h"

static const char *const TABLES[] = { "unit", "indicator", "obs", "target", "history",
                                      "import_log", "rollup", "rollup_state", "meta", NULL };

static const char UNITS[] =
	"code,name,kind,parent\nz,开发区,zone,\np1,一园,park,z\np2,二园,park,z\n"
	"e1,甲,enterprise,p1\ne2,乙,enterprise,p1\ne3,丙,enterprise,p2\n";
static const char INDS[] = "code,name_zh,measure,kind,agg,decimals\nsales,销售,万元,flow,sum,2\n";

/* A year of every enterprise's months, with values that depend on k. */
static char *year_of_data(int k)
{
	struct sbuf sb;
	sbuf_init(&sb);
	sbuf_adds(&sb, "unit,indicator,period,value\n");
	for (int m = 1; m <= 12; m++)
		for (int e = 1; e <= 3; e++)
			sbuf_addf(&sb, "e%d,sales,2017-%02d,%d.%02d\n", e, m, 100 * e + m * k, m);
	return sbuf_detach(&sb);
}

static void test_full_disk_loses_nothing(void **state)
{
	char path[TDB_PATH_MAX];
	struct kfq_db *db;
	char *first, *second;
	long n, failures = 0, full = 0;
	(void)state;

	if (tdb_pg())
		skip();   /* the server's files are its own */
	first = year_of_data(1);
	second = year_of_data(2);
	assert_int_equal(tdb_create(path, sizeof path, &db), 0);
	tdb_load(db, "units", UNITS);
	tdb_load(db, "indicators", INDS);
	tdb_load(db, "data", first);
	for (n = 1; n < 500; n++) {
		char *before = tdb_content(db, TABLES), *after;
		struct tdb_imp r;
		assert_int_equal(db_inject_io_fault(db, n), 0);
		tdb_run_import(db, "data", second, 0, &r);
		db_inject_io_fault(db, 0);
		if (r.rc == 0) {
			tdb_imp_release(&r);
			free(before);
			break;
		}
		failures++;
		/* a failed write is a full disk, the machine's (exit 1, said plainly);
		   a failed sync or truncate an I/O fault; neither the user's error */
		if (r.err.kind == KFQ_EUSER)
			fail_msg("a full disk at write %ld was told as the user's error: %s", n, r.err.msg);
		if (r.err.kind == KFQ_EENV) {
			if (!strstr(r.err.msg, "no space left on device: the change was not saved"))
				fail_msg("a full disk at write %ld was not said plainly: %s", n, r.err.msg);
			full++;
		}
		tdb_imp_release(&r);
		/* the file as another process would find it now */
		db_close(db);
		{
			struct kfq_err err = { 0 };
			if (db_open(&db, path, DB_EXISTING, &err) < 0)
				fail_msg("after a full disk at write %ld the database does not open: %s", n,
				         err.msg);
		}
		after = tdb_content(db, TABLES);
		if (strcmp(before, after) != 0)
			fail_msg("a full disk at write %ld changed the database", n);
		{
			struct kfq_stmt *st = tdb_prepare(db, "PRAGMA integrity_check");
			assert_int_equal(st_step(st), ST_ROW);
			assert_string_equal(st_text(st, 0), "ok");
			st_finalize(st);
		}
		free(before);
		free(after);
	}
	assert_true(n < 500);
	print_message("the import got through at write %ld; %ld full disks before it\n", n, failures);
	/* the import writes some pages and syncs: each was a point of failure */
	if (failures < 3)
		fail_msg("only %ld writes failed before the import got through", failures);
	if (full == 0)
		fail_msg("no failed write was told as a full disk");
	/* and the import that got through holds the second year's values */
	assert_int_equal(tdb_scalar(db, "SELECT count(*) FROM history WHERE kind = 'obs'"), 36);
	tdb_destroy(db, path);
	free(first);
	free(second);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_full_disk_loses_nothing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
