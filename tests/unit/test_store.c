/* test_store.c: unit tests for the SQLite store (store/db.c, store/history.c):
 * opening and creating a database, WAL and foreign keys, migrations run once,
 * refusing a newer schema and a file that is not a database (without touching
 * it), the append-only history, transactions and the meta settings. */
#include "testutil.h"
#include "testdb.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>   /* the SQLite backend's own files, made by hand */

#include "store/db.h"
#include "store/schema.h"
#include "store/history.h"

/* ---- temporary database files ---- */

struct tmpdb {
	char path[TDB_PATH_MAX];
	struct kfq_db *db;
};

static int file_exists(const char *path)
{
	return access(path, F_OK) == 0;
}

static int setup_db(void **state)
{
	struct tmpdb *t = calloc(1, sizeof *t);
	if (!t)
		return -1;
	if (tdb_create(t->path, sizeof t->path, &t->db) != 0) {
		free(t);
		return -1;
	}
	*state = t;
	return 0;
}

static int teardown_db(void **state)
{
	struct tmpdb *t = *state;
	tdb_destroy(t->db, t->path);
	free(t);
	return 0;
}

/* The text a query returns, copied into buf. */
static void text_of(struct kfq_db *db, const char *sql, char *buf, size_t n)
{
	struct kfq_stmt *st;
	st = tdb_prepare(db, sql);
	assert_int_equal(st_step(st), ST_ROW);
	snprintf(buf, n, "%s", st_text(st, 0));
	st_finalize(st);
}

/* ---- opening ---- */

static void test_open_missing_existing(void **state)
{
	char path[TDB_PATH_MAX];
	struct kfq_db *db = NULL;
	struct kfq_err err = { 0 };
	(void)state;

	tdb_tmp_name(path, sizeof path);
	assert_int_equal(db_open(&db, path, DB_EXISTING, &err), -1);
	assert_int_equal(err.kind, KFQ_EUSER);
	assert_err_has(&err, tdb_pg() ? "no kfq database at" : "no database at");
	assert_err_has(&err, path);
	assert_err_has(&err, "init");
	/* Nothing was created on the way: no file, or no schema. */
	if (tdb_pg())
		assert_int_equal(db_open(&db, path, DB_EXISTING, &err), -1);
	else
		assert_false(file_exists(path));
	tdb_remove(path);
}

static void test_open_create(void **state)
{
	char path[TDB_PATH_MAX], mode[16];
	struct kfq_db *db = NULL;
	struct kfq_err err = { 0 };
	(void)state;

	tdb_tmp_name(path, sizeof path);
	assert_int_equal(db_open(&db, path, DB_CREATE, &err), 0);
	assert_non_null(db);
	assert_true(db_schema_latest() >= 1);
	assert_int_equal(db_schema_version(db), db_schema_latest());
	if (tdb_pg()) {
		/* the core tables are there, in the URL's own schema */
		assert_int_equal(tdb_scalar(db, "SELECT count(*) FROM information_schema.tables WHERE "
		                            "table_schema = current_schema() AND table_name IN "
		                            "('meta', 'import_log', 'unit', 'unit_group', 'indicator', "
		                            "'obs', 'obs_m', 'obs_ytd', 'target', 'history')"), 10);
		(void)mode;
	} else {
		assert_true(file_exists(path));
		text_of(db, "PRAGMA journal_mode", mode, sizeof mode);
		assert_string_equal(mode, "wal");
		assert_int_equal(tdb_scalar(db, "PRAGMA foreign_keys"), 1);
		assert_int_equal(tdb_scalar(db, "SELECT count(*) FROM sqlite_master WHERE type = 'table' "
		                            "AND name IN ('meta', 'import_log', 'unit', 'unit_group', "
		                            "'indicator', 'obs_m', 'obs_ytd', 'target', 'history')"), 9);
		assert_int_equal(tdb_scalar(db, "SELECT count(*) FROM sqlite_master WHERE type = 'view' "
		                            "AND name = 'obs'"), 1);
	}
	db_close(db);
	tdb_remove(path);
}

static void test_open_create_bad_dir(void **state)
{
	struct kfq_db *db = NULL;
	struct kfq_err err = { 0 };
	(void)state;

	if (tdb_pg())
		skip();   /* a file's folder: SQLite's */
	assert_int_equal(db_open(&db, "/tmp/kfq_no_such_dir_x9/kfq.db", DB_CREATE, &err),
	                 -1);
	assert_int_equal(err.kind, KFQ_EUSER);
	assert_err_has(&err, "/tmp/kfq_no_such_dir_x9/kfq.db");
	assert_err_has(&err, "cannot open the database");
}

static void test_foreign_keys_enforced(void **state)
{
	struct tmpdb *t = *state;
	struct kfq_err err = { 0 };

	/* A unit whose parent does not exist is refused by the store itself. */
	assert_int_equal(db_exec(t->db, "INSERT INTO unit(code, name, kind, parent_id) "
	                         "VALUES ('e1', 'x', 'enterprise', 999)", &err), -1);
	assert_err_has(&err, tdb_pg() ? "foreign key" : "FOREIGN KEY");
	assert_int_equal(tdb_scalar(t->db, "SELECT count(*) FROM unit"), 0);
}

/* Writing through the view obs (schema 23) on either engine: a month into
 * its row of twelve, a year to date into obs_ytd, a month given twice
 * refused as the table refused it, a value deleted leaving its row's
 * other months, the row gone with its last month. */
static void test_obs_view_writes(void **state)
{
	struct tmpdb *t = *state;
	struct kfq_err err = { 0 };

	assert_int_equal(db_exec(t->db, "INSERT INTO unit(id, code, name, kind) VALUES "
	                         "(1, 'z', '开发区', 'zone');"
	                         "INSERT INTO indicator(id, code, name_zh, measure, kind, agg, "
	                         "decimals) VALUES (1, 'sales', '销售', '万元', 'flow', 'sum', 2);"
	                         "INSERT INTO obs(ind_id, year, unit_id, last, first, value) VALUES "
	                         "(1, 2017, 1, 3, 3, 30), (1, 2017, 1, 5, 5, 50), "
	                         "(1, 2017, 1, 5, 1, 150)", &err), 0);
	assert_int_equal(tdb_scalar(t->db, "SELECT count(*) FROM obs_m"), 1);
	assert_int_equal(tdb_scalar(t->db, "SELECT v3 + v5 FROM obs_m"), 80);
	assert_int_equal(tdb_scalar(t->db, "SELECT value FROM obs_ytd"), 150);
	assert_int_equal(tdb_scalar(t->db, "SELECT count(*) FROM obs"), 3);
	assert_int_equal(tdb_scalar(t->db, "SELECT sum(value) FROM obs WHERE first = last"), 80);
	assert_int_equal(db_exec(t->db, "INSERT INTO obs(ind_id, year, unit_id, last, first, value) "
	                         "VALUES (1, 2017, 1, 5, 5, 51)", &err), -1);
	assert_err_has(&err, tdb_pg() ? "duplicate key" : "UNIQUE constraint failed");
	assert_int_equal(tdb_scalar(t->db, "SELECT v5 FROM obs_m"), 50);
	assert_int_equal(db_exec(t->db, "DELETE FROM obs WHERE last = 5 AND first = 5", &err), 0);
	assert_int_equal(tdb_scalar(t->db, "SELECT count(*) FROM obs_m WHERE v3 = 30 AND v5 IS NULL"),
	                 1);
	assert_int_equal(tdb_scalar(t->db, "SELECT count(*) FROM obs_ytd"), 1);
	assert_int_equal(db_exec(t->db, "DELETE FROM obs WHERE ind_id = 1", &err), 0);
	assert_int_equal(tdb_scalar(t->db, "SELECT count(*) FROM obs_m"), 0);
	assert_int_equal(tdb_scalar(t->db, "SELECT count(*) FROM obs_ytd"), 0);
}

/* The relations (tables, indexes, sequences) of the URL's own schema. */
#define PG_TABLES "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = " \
	"c.relnamespace WHERE n.nspname = current_schema()"

static void test_reopen_keeps_schema(void **state)
{
	char path[TDB_PATH_MAX];
	struct kfq_db *db = NULL;
	struct kfq_err err = { 0 };
	int64_t cookie;
	char *v;
	(void)state;

	tdb_tmp_name(path, sizeof path);
	assert_int_equal(db_open(&db, path, DB_CREATE, &err), 0);
	assert_int_equal(db_meta_set(db, "zone", "danyang", &err), 0);
	assert_int_equal(db_exec(db, "INSERT INTO unit(code, name, kind) VALUES ('z', '开发区', 'zone')",
	                         &err), 0);
	/* SQLite bumps its schema cookie on any schema change; PostgreSQL
	 * counts the tables */
	cookie = tdb_scalar(db, tdb_pg() ? PG_TABLES : "PRAGMA schema_version");
	db_close(db);

	/* Reopening (either mode) runs no migration: the schema cookie, which
	 * SQLite bumps on any schema change, stays where it was, and the data
	 * is all there. */
	for (int mode = DB_EXISTING; mode <= DB_CREATE; mode++) {
		db = NULL;
		assert_int_equal(db_open(&db, path, (enum db_open_mode)mode, &err), 0);
		assert_int_equal(db_schema_version(db), db_schema_latest());
		assert_int_equal(tdb_scalar(db, tdb_pg() ? PG_TABLES : "PRAGMA schema_version"), cookie);
		v = db_meta_get(db, "zone");
		assert_non_null(v);
		assert_string_equal(v, "danyang");
		free(v);
		assert_int_equal(tdb_scalar(db, "SELECT count(*) FROM unit"), 1);
		db_close(db);
	}
	tdb_remove(path);
}

/* A version-1 database (as the first release wrote it, with data) is
 * upgraded in place: its data stays, the new tables appear. */
static void test_upgrade_from_v1(void **state)
{
	char path[TDB_PATH_MAX];
	sqlite3 *h;
	struct kfq_db *db = NULL;
	struct kfq_err err = { 0 };
	(void)state;

	if (tdb_pg())
		skip();   /* a file made by hand with SQLite */

	tdb_tmp_name(path, sizeof path);
	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h, schema_migration(0), NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h,
		"PRAGMA user_version = 1;"
		"INSERT INTO unit(id, code, name, kind) VALUES (1, 'z', '开发区', 'zone');"
		"INSERT INTO indicator(id, code, name_zh, measure, kind, agg, decimals) "
		"VALUES (1, 'sales', '销售', '万元', 'flow', 'sum', 2);"
		"INSERT INTO obs(ind_id, year, unit_id, last, first, value) VALUES (1, 2017, 1, 8, 1, 123);"
		"INSERT INTO obs(ind_id, year, unit_id, last, first, value, import_id) "
		"VALUES (1, 2017, 1, 3, 3, 45, NULL);"
		"INSERT INTO history(at, who, kind) VALUES ('2017-09-01T00:00:00Z', 'clerk', 'obs');",
		NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);

	assert_int_equal(db_open(&db, path, DB_EXISTING, &err), 0);
	assert_int_equal(db_schema_version(db), db_schema_latest());
	assert_true(db_schema_latest() >= 2);
	assert_int_equal(tdb_scalar(db, "SELECT value FROM obs WHERE unit_id = 1 AND first < last"),
	                 123);
	/* a month's value in its row of twelve (migration 23) */
	assert_int_equal(tdb_scalar(db, "SELECT value FROM obs WHERE unit_id = 1 AND first = 3 AND "
	                            "last = 3"), 45);
	assert_int_equal(tdb_scalar(db, "SELECT v3 FROM obs_m WHERE unit_id = 1 AND v8 IS NULL"), 45);
	assert_int_equal(tdb_scalar(db, "SELECT count(*) FROM obs_m"), 1);
	assert_int_equal(tdb_scalar(db, "SELECT count(*) FROM history WHERE who = 'clerk'"), 1);
	assert_int_equal(tdb_scalar(db, "SELECT count(*) FROM rollup_state"), 0);
	db_close(db);
	tdb_remove(path);
}

static void test_newer_schema_refused(void **state)
{
	char path[TDB_PATH_MAX], sql[64];
	sqlite3 *h;
	struct kfq_db *db = NULL;
	struct kfq_err err = { 0 };
	int newer = db_schema_latest() + 1;
	(void)state;

	if (tdb_pg())
		skip();   /* a file made by hand with SQLite */

	tdb_tmp_name(path, sizeof path);
	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	snprintf(sql, sizeof sql, "CREATE TABLE later(x); PRAGMA user_version = %d", newer);
	assert_int_equal(sqlite3_exec(h, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);

	assert_int_equal(db_open(&db, path, DB_EXISTING, &err), -1);
	assert_null(db);
	assert_int_equal(err.kind, KFQ_EUSER);
	assert_err_has(&err, path);
	assert_err_has(&err, "newer than this kfq understands");
	assert_err_has(&err, "use a newer kfq");

	/* The database keeps its version and gets none of our tables. */
	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	{
		sqlite3_stmt *st;
		assert_int_equal(sqlite3_prepare_v2(h, "PRAGMA user_version", -1, &st, NULL), SQLITE_OK);
		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		assert_int_equal(sqlite3_column_int(st, 0), newer);
		sqlite3_finalize(st);
		assert_int_equal(sqlite3_prepare_v2(h, "SELECT count(*) FROM sqlite_master WHERE name = "
		                                    "'meta'", -1, &st, NULL), SQLITE_OK);
		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		assert_int_equal(sqlite3_column_int(st, 0), 0);
		sqlite3_finalize(st);
	}
	sqlite3_close(h);
	tdb_remove(path);
}

/* Regression (was a bug in store/db.c, db_open): "PRAGMA journal_mode = WAL" runs before
 * migrate() checks the version, so a database that kfq then refuses as
 * newer than it understands has already been switched to WAL (file header
 * bytes 18-19 rewritten) by the older kfq. Input: a rollback-journal SQLite
 * file with user_version = latest + 1. Expected: refused and untouched
 * (journal_mode still "delete"). Actual: refused, journal_mode "wal". Fix:
 * read and check user_version before setting the journal mode. */
static void test_newer_schema_untouched(void **state)
{
	char path[TDB_PATH_MAX], sql[64];
	sqlite3 *h;
	sqlite3_stmt *st;
	struct kfq_db *db = NULL;
	struct kfq_err err = { 0 };
	(void)state;

	if (tdb_pg())
		skip();   /* a file made by hand with SQLite */

	tdb_tmp_name(path, sizeof path);
	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	snprintf(sql, sizeof sql, "CREATE TABLE later(x); PRAGMA user_version = %d",
	         db_schema_latest() + 1);
	assert_int_equal(sqlite3_exec(h, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);
	assert_int_equal(db_open(&db, path, DB_EXISTING, &err), -1);

	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(h, "PRAGMA journal_mode", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	snprintf(sql, sizeof sql, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(h);
	tdb_remove(path);
	assert_string_equal(sql, "delete");
}

/* Write len bytes to a fresh file, try to open it both ways, and check it is
 * refused as not a database and left exactly as it was. */
static void check_refused_untouched(const unsigned char *bytes, size_t len)
{
	char path[TDB_PATH_MAX], name[TDB_PATH_MAX + 16];
	unsigned char *back = malloc(len + 1);
	struct kfq_db *db = NULL;
	struct kfq_err err = { 0 };
	FILE *f;
	size_t got;

	assert_non_null(back);
	tdb_tmp_name(path, sizeof path);
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(bytes, 1, len, f), len);
	fclose(f);

	for (int mode = DB_EXISTING; mode <= DB_CREATE; mode++) {
		db = NULL;
		kfq_err_clear(&err);
		assert_int_equal(db_open(&db, path, (enum db_open_mode)mode, &err), -1);
		assert_null(db);
		assert_int_equal(err.kind, KFQ_EUSER);
		assert_err_has(&err, path);
		assert_err_has(&err, "not a kfq database");

		/* Not a byte changed, and no WAL or journal file left beside it. */
		f = fopen(path, "rb");
		assert_non_null(f);
		got = fread(back, 1, len + 1, f);
		fclose(f);
		assert_int_equal(got, len);
		assert_memory_equal(back, bytes, len);
		snprintf(name, sizeof name, "%s-wal", path);
		assert_false(file_exists(name));
		snprintf(name, sizeof name, "%s-journal", path);
		assert_false(file_exists(name));
	}
	free(back);
	tdb_remove(path);
}

/* On a server: a schema that a newer kfq migrated is refused, and its
 * version stays; a URL whose schema does not exist is created by init
 * (DB_CREATE) and refused otherwise. */
static void test_server_schema(void **state)
{
	char path[TDB_PATH_MAX], sql[96];
	struct kfq_db *db = NULL;
	struct kfq_err err = { 0 };
	(void)state;

	if (!tdb_pg())
		skip();   /* PostgreSQL's */
	tdb_tmp_name(path, sizeof path);
	assert_int_equal(db_open(&db, path, DB_EXISTING, &err), -1);
	assert_err_has(&err, "no kfq database at");
	assert_int_equal(db_open(&db, path, DB_CREATE, &err), 0);
	snprintf(sql, sizeof sql, "UPDATE kfq_schema SET version = %d", db_schema_latest() + 1);
	assert_int_equal(db_exec(db, sql, &err), 0);
	db_close(db);
	db = NULL;
	assert_int_equal(db_open(&db, path, DB_CREATE, &err), -1);
	assert_null(db);
	assert_int_equal(err.kind, KFQ_EUSER);
	assert_err_has(&err, "newer than this kfq understands");
	tdb_remove(path);
}

static void test_not_a_database(void **state)
{
	unsigned char garbage[4096];
	static const char tiny[] = "unit,value\n";   /* `--db data.csv` by mistake */
	(void)state;

	if (tdb_pg())
		skip();   /* a file that is not SQLite's */
	for (size_t i = 0; i < sizeof garbage; i++)
		garbage[i] = (unsigned char)((i * 131 + 7) ^ (i >> 3));
	check_refused_untouched(garbage, sizeof garbage);
	check_refused_untouched((const unsigned char *)tiny, sizeof tiny - 1);
}

/* ---- history ---- */

static void test_history_append_only(void **state)
{
	struct tmpdb *t = *state;
	struct kfq_err err = { 0 };
	dec old_v = 100 * DEC_ONE, new_v = 120 * DEC_ONE;
	struct history_entry e = { .kind = "obs", .unit = "e1", .indicator = "sales",
	                           .period = "2017-08", .old_value = &old_v, .new_value = &new_v,
	                           .source = "data.csv:12" };
	char who[32], src[32];
	struct kfq_ctx cx;

	/* The account and the time are the transaction's context's. */
	ctx_init(&cx, "tester");
	assert_int_equal(ctx_set_now(&cx, "2017-09-10T08:00:00Z", "now", &err), 0);
	assert_int_equal(db_begin(t->db, &cx, &err), 0);
	assert_int_equal(history_add(t->db, &e, &err), 0);
	assert_int_equal(db_commit(t->db, &err), 0);
	/* Outside a transaction there is no one to record: refused. */
	assert_int_equal(history_add(t->db, &e, &err), -1);
	assert_int_equal(err.kind, KFQ_EFAULT);
	assert_err_has(&err, "outside a transaction");

	assert_int_equal(tdb_scalar(t->db, "SELECT count(*) FROM history"), 1);
	assert_int_equal(tdb_scalar(t->db, "SELECT old_value FROM history"), 100 * DEC_ONE);
	assert_int_equal(tdb_scalar(t->db, "SELECT new_value FROM history"), 120 * DEC_ONE);
	text_of(t->db, "SELECT who FROM history", who, sizeof who);
	assert_string_equal(who, "tester");
	text_of(t->db, "SELECT source FROM history", src, sizeof src);
	assert_string_equal(src, "data.csv:12");
	text_of(t->db, "SELECT at FROM history", src, sizeof src);
	assert_string_equal(src, "2017-09-10T08:00:00Z");

	/* Neither an update nor a delete gets through, even from raw SQL. */
	kfq_err_clear(&err);
	assert_int_equal(db_exec(t->db, "UPDATE history SET new_value = 1", &err), -1);
	assert_err_has(&err, "history is append-only");
	kfq_err_clear(&err);
	assert_int_equal(db_exec(t->db, "DELETE FROM history", &err), -1);
	assert_err_has(&err, "history is append-only");
	assert_int_equal(tdb_scalar(t->db, "SELECT count(*) FROM history"), 1);
	assert_int_equal(tdb_scalar(t->db, "SELECT new_value FROM history"), 120 * DEC_ONE);

	/* A removal (no new value) and an addition (no old value) are kept as NULL. */
	assert_int_equal(db_begin(t->db, &cx, &err), 0);
	e.old_value = NULL;
	assert_int_equal(history_add(t->db, &e, &err), 0);
	e.old_value = &old_v;
	e.new_value = NULL;
	assert_int_equal(history_add(t->db, &e, &err), 0);
	assert_int_equal(db_commit(t->db, &err), 0);
	assert_int_equal(tdb_scalar(t->db, "SELECT count(*) FROM history WHERE old_value IS NULL"), 1);
	assert_int_equal(tdb_scalar(t->db, "SELECT count(*) FROM history WHERE new_value IS NULL"), 1);
}

/* The model version (migration 21) counts a change to any column of a unit
 * or an indicator, on either engine, and an update that changes nothing
 * not at all; on SQLite each column of both tables is named in its
 * trigger's WHEN (a column added later must be). */
static void test_model_version(void **state)
{
	struct tmpdb *t = *state;
	struct kfq_err err = { 0 };
	static const char *const TABLES[] = { "unit", "indicator" };
	int64_t v;

	tdb_load(t->db, "units", "code,name,kind,parent\nz,区,zone,\ne1,企一,enterprise,z\n");
	tdb_load(t->db, "indicators", "code,name_zh,measure,kind,agg\nsales,应税销售,万元,flow,sum\n");
	v = tdb_scalar(t->db, "SELECT n FROM model_version");
	assert_true(v > 0);
	assert_int_equal(db_exec(t->db, "UPDATE unit SET name = name", &err), 0);
	assert_int_equal(db_exec(t->db, "UPDATE indicator SET headline = headline", &err), 0);
	assert_int_equal(tdb_scalar(t->db, "SELECT n FROM model_version"), v);
	assert_int_equal(db_exec(t->db, "UPDATE unit SET land_mu = 12 WHERE code = 'e1'", &err), 0);
	assert_true(tdb_scalar(t->db, "SELECT n FROM model_version") > v);
	v = tdb_scalar(t->db, "SELECT n FROM model_version");
	assert_int_equal(db_exec(t->db, "UPDATE indicator SET derived = 1", &err), 0);
	assert_true(tdb_scalar(t->db, "SELECT n FROM model_version") > v);
	if (tdb_pg())
		return;   /* (PostgreSQL's compares OLD.* with NEW.*, every column) */
	for (size_t k = 0; k < 2; k++) {
		char sql[160], trig[4096];
		struct kfq_stmt *st;
		snprintf(sql, sizeof sql, "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND "
		         "name = '%s_model_upd'", TABLES[k]);
		text_of(t->db, sql, trig, sizeof trig);
		snprintf(sql, sizeof sql, "SELECT name FROM pragma_table_info('%s')", TABLES[k]);
		st = tdb_prepare(t->db, sql);
		while (st_step(st) == ST_ROW) {
			char want[128];
			snprintf(want, sizeof want, "OLD.%s IS NOT NEW.%s ", st_text(st, 0), st_text(st, 0));
			if (!strstr(trig, want))
				fail_msg("%s_model_upd does not name column %s", TABLES[k], st_text(st, 0));
		}
		st_finalize(st);
	}
}

/* Two writers of one process (a server's threads): the second waits for
 * the first (in the process's queue of writers, store/sqlite.c
 * sq_writer_lock), is told after a second, gives up after the wait with the
 * busy message a writer of another process gets, and gets in once the
 * first has ended. What the queue is for (fairness: the web's write mix's
 * p99) is measured by bench/web.sh, not here. SQLite only (PostgreSQL's
 * writers wait on its own locks). */
struct second_writer {
	const char *path;
	int rc;
	struct kfq_err err;
};

static void *second_writer(void *p)
{
	struct second_writer *a = p;
	struct kfq_db *db;
	if (db_open(&db, a->path, DB_EXISTING, &a->err) < 0) {
		a->rc = -2;
		return NULL;
	}
	a->rc = db_begin_writer(db, tdb_ctx(), &a->err);
	if (a->rc == 0)
		db_rollback(db);
	db_close(db);
	return NULL;
}

static int notices;
static void count_notice(const char *name, int seconds)
{
	(void)name;
	(void)seconds;
	notices++;
}

static void test_writers_queue(void **state)
{
	struct tmpdb *t = *state;
	struct kfq_err err = { 0 };
	struct second_writer a = { t->path, 0, { 0 } };
	pthread_t th;

	if (tdb_pg())
		skip();
	db_busy_wait(2, count_notice);
	assert_int_equal(db_begin_writer(t->db, tdb_ctx(), &err), 0);
	assert_int_equal(pthread_create(&th, NULL, second_writer, &a), 0);
	assert_int_equal(pthread_join(th, NULL), 0);
	assert_int_equal(a.rc, -1);
	assert_int_equal(a.err.kind, KFQ_EENV);
	assert_err_has(&a.err, "another kfq is writing to the database and has not finished after "
	               "2 s: try again when it has");
	assert_int_equal(notices, 1);
	assert_int_equal(db_commit(t->db, &err), 0);
	assert_int_equal(pthread_create(&th, NULL, second_writer, &a), 0);
	assert_int_equal(pthread_join(th, NULL), 0);
	assert_int_equal(a.rc, 0);
	db_busy_wait(DB_BUSY_WAIT, NULL);
}

/* ---- transactions ---- */

static void test_rollback_leaves_nothing(void **state)
{
	struct tmpdb *t = *state;
	struct kfq_err err = { 0 };
	dec v = 5 * DEC_ONE;
	struct history_entry e = { .kind = "obs", .unit = "z", .indicator = "sales",
	                           .period = "2017", .new_value = &v };
	char *m;

	assert_int_equal(db_begin(t->db, tdb_ctx(), &err), 0);
	assert_int_equal(db_in_tx(t->db), 1);
	assert_int_equal(db_meta_set(t->db, "k", "v", &err), 0);
	assert_int_equal(db_exec(t->db, "INSERT INTO unit(code, name, kind) VALUES ('z', 'z', 'zone')",
	                         &err), 0);
	assert_int_equal(history_add(t->db, &e, &err), 0);
	db_rollback(t->db);
	assert_int_equal(db_in_tx(t->db), 0);

	assert_null(db_meta_get(t->db, "k"));
	assert_int_equal(tdb_scalar(t->db, "SELECT count(*) FROM unit"), 0);
	assert_int_equal(tdb_scalar(t->db, "SELECT count(*) FROM history"), 0);

	/* And what was committed stays, also for another connection. */
	assert_int_equal(db_begin(t->db, tdb_ctx(), &err), 0);
	assert_int_equal(db_meta_set(t->db, "k", "kept", &err), 0);
	assert_int_equal(db_commit(t->db, &err), 0);
	assert_int_equal(db_in_tx(t->db), 0);
	{
		struct kfq_db *other = NULL;
		assert_int_equal(db_open(&other, t->path, DB_EXISTING, &err), 0);
		m = db_meta_get(other, "k");
		assert_non_null(m);
		assert_string_equal(m, "kept");
		free(m);
		db_close(other);
	}
}

static void test_close_rolls_back(void **state)
{
	char path[TDB_PATH_MAX];
	struct kfq_db *db = NULL;
	struct kfq_err err = { 0 };
	(void)state;

	/* A handle closed in the middle of a transaction keeps nothing of it. */
	tdb_tmp_name(path, sizeof path);
	assert_int_equal(db_open(&db, path, DB_CREATE, &err), 0);
	assert_int_equal(db_begin(db, tdb_ctx(), &err), 0);
	assert_int_equal(db_meta_set(db, "half", "done", &err), 0);
	db_close(db);
	db = NULL;
	assert_int_equal(db_open(&db, path, DB_EXISTING, &err), 0);
	assert_null(db_meta_get(db, "half"));
	db_close(db);
	tdb_remove(path);
}

/* ---- meta ---- */

static void test_meta(void **state)
{
	struct tmpdb *t = *state;
	struct kfq_err err = { 0 };
	char *v;

	assert_null(db_meta_get(t->db, "zone_name"));
	assert_int_equal(db_meta_set(t->db, "zone_name", "丹阳经济开发区", &err), 0);
	v = db_meta_get(t->db, "zone_name");
	assert_non_null(v);
	assert_string_equal(v, "丹阳经济开发区");
	free(v);

	/* Setting again replaces, it does not add a second row. */
	assert_int_equal(db_meta_set(t->db, "zone_name", "Danyang EDZ", &err), 0);
	v = db_meta_get(t->db, "zone_name");
	assert_non_null(v);
	assert_string_equal(v, "Danyang EDZ");
	free(v);
	assert_int_equal(tdb_scalar(t->db, "SELECT count(*) FROM meta WHERE key = 'zone_name'"), 1);

	/* An empty value is a value, not "unset". */
	assert_int_equal(db_meta_set(t->db, "empty", "", &err), 0);
	v = db_meta_get(t->db, "empty");
	assert_non_null(v);
	assert_string_equal(v, "");
	free(v);

	/* Keys are exact. */
	assert_null(db_meta_get(t->db, "Zone_name"));
}

/* ---- a damaged database ---- */

static const char UNITS[] = "code,name,kind,parent\nz,区,zone,\ne1,甲,enterprise,z\n";
static const char INDS[] = "code,name_zh,measure,kind,agg,decimals\nsales,销售,万元,flow,sum,2\n";

/* The whole file at path into a new buffer, its size into *len. */
static unsigned char *file_bytes(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	unsigned char *b;
	long n;
	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	rewind(f);
	b = malloc((size_t)n + 1);
	assert_non_null(b);
	assert_int_equal(fread(b, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return b;
}

/* Damage the root page of table (a page the imports below never read):
 * its header overwritten, as a bad sector or a stray write would. */
static void damage_page_of(const char *path, const char *table)
{
	sqlite3 *h;
	sqlite3_stmt *st;
	long page, size;
	unsigned char junk[24];
	FILE *f;
	assert_int_equal(sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(h, "SELECT rootpage, (SELECT page_size FROM "
	                                    "pragma_page_size) FROM sqlite_master WHERE name = ?",
	                                    -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	page = sqlite3_column_int(st, 0);
	size = sqlite3_column_int(st, 1);
	sqlite3_finalize(st);
	sqlite3_close(h);
	memset(junk, 0xA5, sizeof junk);
	f = fopen(path, "r+b");
	assert_non_null(f);
	assert_int_equal(fseek(f, (page - 1) * size, SEEK_SET), 0);
	assert_int_equal(fwrite(junk, 1, sizeof junk, f), sizeof junk);
	fclose(f);
}

/* A database with a damaged page is not written to (issue 13, item 10):
 * an import that never reads the page committed. Refused as the machine's
 * error (KFQ_EENV), naming what PRAGMA quick_check found, the file left as
 * it was; what is whole is still read. */
static void test_damaged_page_refused(void **state)
{
	char path[TDB_PATH_MAX];
	struct kfq_db *db;
	struct kfq_err err = { 0 };
	struct tdb_imp r;
	unsigned char *before, *after;
	size_t nb, na;
	(void)state;

	if (tdb_pg())
		skip();   /* a server keeps its own pages */
	assert_int_equal(tdb_create(path, sizeof path, &db), 0);
	tdb_load(db, "units", UNITS);
	tdb_load(db, "indicators", INDS);
	tdb_load(db, "data", "unit,indicator,period,value\ne1,sales,2017-01,1\n");
	db_close(db);   /* the log checkpointed into the file */
	damage_page_of(path, "household");
	before = file_bytes(path, &nb);

	assert_int_equal(db_open(&db, path, DB_EXISTING, &err), 0);
	assert_int_equal(tdb_scalar(db, "SELECT count(*) FROM unit"), 2);   /* still read */
	tdb_run_import(db, "data", "unit,indicator,period,value\ne1,sales,2017-02,2\n", 0, &r);
	assert_int_equal(r.rc, -1);
	assert_int_equal(r.err.kind, KFQ_EENV);
	assert_err_has(&r.err, "the database is damaged (PRAGMA quick_check: ");
	assert_err_has(&r.err, "nothing was changed; restore it from a backup");
	tdb_imp_release(&r);
	assert_int_equal(tdb_scalar(db, "SELECT count(*) FROM obs"), 1);
	db_close(db);
	after = file_bytes(path, &na);
	assert_int_equal(na, nb);
	assert_memory_equal(after, before, nb);
	free(before);
	free(after);
	tdb_remove(path);
}

/* A "big" database (db_check_every 0: every file is one), made on
 * 2017-03-01 with the units and indicators, which checked it and marked
 * the day; returned open. big_done removes it and puts back the size and
 * the clock. */
static struct kfq_db *big_db(char *path, size_t n)
{
	struct kfq_db *db;
	struct kfq_err err = { 0 };
	db_check_every = 0;
	tdb_clock("2017-03-01", NULL);
	assert_int_equal(tdb_create(path, n, &db), 0);
	db_close(db);   /* (made: checked while its schema was written, not marked) */
	assert_int_equal(db_open(&db, path, DB_EXISTING, &err), 0);
	tdb_load(db, "units", UNITS);   /* checked beside the write, committed, marked */
	tdb_load(db, "indicators", INDS);
	return db;
}

/* path opened again on day. */
static struct kfq_db *big_open(const char *path, const char *day)
{
	struct kfq_db *db;
	struct kfq_err err = { 0 };
	tdb_clock(day, NULL);
	assert_int_equal(db_open(&db, path, DB_EXISTING, &err), 0);
	return db;
}

static void big_done(const char *path)
{
	tdb_remove(path);
	db_check_every = DB_CHECK_EVERY;
	tdb_clock_reset();
}

/* A database bigger than db_check_every is checked on the first write of
 * each day only: the day of the last check is kept in meta. */
static void test_damaged_big_checked_daily(void **state)
{
	char path[TDB_PATH_MAX], *v;
	struct kfq_db *db;
	struct tdb_imp r;
	(void)state;

	if (tdb_pg())
		skip();
	db = big_db(path, sizeof path);
	v = db_meta_get(db, "quick_check");
	assert_non_null(v);
	assert_string_equal(v, "2017-03-01");
	free(v);
	db_close(db);
	damage_page_of(path, "household");
	/* the same day: not checked again (the import does not read the page) */
	db = big_open(path, "2017-03-01");
	tdb_load(db, "data", "unit,indicator,period,value\ne1,sales,2017-01,1\n");
	db_close(db);
	/* the next day: checked, and refused */
	db = big_open(path, "2017-03-02");
	tdb_run_import(db, "data", "unit,indicator,period,value\ne1,sales,2017-02,2\n", 0, &r);
	assert_int_equal(r.rc, -1);
	assert_err_has(&r.err, "the database is damaged");
	tdb_imp_release(&r);
	db_close(db);
	big_done(path);
}

/* A big file's check runs beside the first write, its commit waiting for
 * it; a write that fails for its own reasons stops it, and is no check:
 * the day is not marked, the next write of the handle is checked, and a
 * damaged database refused then, with the same message. */
static void test_big_check_beside_the_write(void **state)
{
	char path[TDB_PATH_MAX], *v;
	struct kfq_db *db;
	struct tdb_imp r;
	(void)state;

	if (tdb_pg())
		skip();
	db_close(big_db(path, sizeof path));

	/* a whole file, the next day: a failed import leaves the day unmarked,
	   the next one is checked and marks it */
	db = big_open(path, "2017-03-02");
	tdb_run_import(db, "data", "unit,indicator,period,value\ne1,sales,2017-01,x\n", 0, &r);
	assert_int_equal(r.rc, -1);
	assert_err_has(&r.err, "1 of 1 rows are bad");
	tdb_imp_release(&r);
	v = db_meta_get(db, "quick_check");
	assert_non_null(v);
	assert_string_equal(v, "2017-03-01");
	free(v);
	tdb_load(db, "data", "unit,indicator,period,value\ne1,sales,2017-01,1\n");
	v = db_meta_get(db, "quick_check");
	assert_non_null(v);
	assert_string_equal(v, "2017-03-02");
	free(v);
	db_close(db);

	/* damaged, the day after: the failed import is told as itself, the
	   next write refused as damaged, nothing of it kept */
	damage_page_of(path, "household");
	db = big_open(path, "2017-03-03");
	tdb_run_import(db, "data", "unit,indicator,period,value\ne1,sales,2017-02,x\n", 0, &r);
	assert_int_equal(r.rc, -1);
	tdb_imp_release(&r);
	tdb_run_import(db, "data", "unit,indicator,period,value\ne1,sales,2017-02,2\n", 0, &r);
	assert_int_equal(r.rc, -1);
	assert_int_equal(r.err.kind, KFQ_EENV);
	assert_err_has(&r.err, "the database is damaged (PRAGMA quick_check: ");
	assert_err_has(&r.err, "nothing was changed; restore it from a backup");
	tdb_imp_release(&r);
	assert_int_equal(tdb_scalar(db, "SELECT count(*) FROM obs"), 1);
	v = db_meta_get(db, "quick_check");
	assert_non_null(v);
	assert_string_equal(v, "2017-03-02");
	free(v);
	db_close(db);
	big_done(path);
}

/* A damaged page that the write itself reads, in a big file whose check
 * runs beside the write: SQLite finds it first, and says so as the check
 * would (KFQ_EENV, restore from a backup), the file left as it was. */
static void test_damaged_page_the_write_reads(void **state)
{
	char path[TDB_PATH_MAX];
	struct kfq_db *db;
	struct tdb_imp r;
	unsigned char *before, *after;
	size_t nb, na;
	(void)state;

	if (tdb_pg())
		skip();
	db = big_db(path, sizeof path);
	tdb_load(db, "data", "unit,indicator,period,value\ne1,sales,2017-01,1\n");
	db_close(db);
	damage_page_of(path, "obs_m");
	before = file_bytes(path, &nb);
	db = big_open(path, "2017-03-02");
	tdb_run_import(db, "data", "unit,indicator,period,value\ne1,sales,2017-02,2\n", 0, &r);
	assert_int_equal(r.rc, -1);
	assert_int_equal(r.err.kind, KFQ_EENV);
	assert_err_has(&r.err, ": the database is damaged (");
	assert_err_has(&r.err, "nothing was changed; restore it from a backup");
	tdb_imp_release(&r);
	db_close(db);
	after = file_bytes(path, &na);
	assert_int_equal(na, nb);
	assert_memory_equal(after, before, nb);
	free(before);
	free(after);
	big_done(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_open_missing_existing),
		cmocka_unit_test(test_open_create),
		cmocka_unit_test(test_open_create_bad_dir),
		cmocka_unit_test_setup_teardown(test_foreign_keys_enforced, setup_db, teardown_db),
		cmocka_unit_test_setup_teardown(test_obs_view_writes, setup_db, teardown_db),
		cmocka_unit_test(test_reopen_keeps_schema),
		cmocka_unit_test(test_upgrade_from_v1),
		cmocka_unit_test(test_newer_schema_refused),
		cmocka_unit_test(test_newer_schema_untouched),
		cmocka_unit_test(test_not_a_database),
		cmocka_unit_test(test_server_schema),
		cmocka_unit_test_setup_teardown(test_history_append_only, setup_db, teardown_db),
		cmocka_unit_test_setup_teardown(test_model_version, setup_db, teardown_db),
		cmocka_unit_test_setup_teardown(test_writers_queue, setup_db, teardown_db),
		cmocka_unit_test_setup_teardown(test_rollback_leaves_nothing, setup_db, teardown_db),
		cmocka_unit_test(test_close_rolls_back),
		cmocka_unit_test_setup_teardown(test_meta, setup_db, teardown_db),
		cmocka_unit_test(test_damaged_page_refused),
		cmocka_unit_test(test_damaged_big_checked_daily),
		cmocka_unit_test(test_big_check_beside_the_write),
		cmocka_unit_test(test_damaged_page_the_write_reads),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
