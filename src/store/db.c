/* db.c: opening the SQLite store, migrating it, transactions (see db.h).
 * Depends on base, store/schema and SQLite. */
#include "store/db.h"
#include "base/date.h"
#include "store/schema.h"
#include "base/xalloc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

int db_fault(struct kfq_db *db, struct kfq_err *err, const char *what)
{
	return kfq_fault(err, "%s: %s: %s", db->path, what, sqlite3_errmsg(db->h));
}

void db_inject_fault(struct kfq_db *db, long n)
{
	db->fault_countdown = n;
}

/* Whether the simulated fault strikes now. */
static int injected(struct kfq_db *db, struct kfq_err *err)
{
	if (db->fault_countdown <= 0 || --db->fault_countdown > 0)
		return 0;
	kfq_fault(err, "%s: simulated fault", db->path);
	return 1;
}

int db_exec(struct kfq_db *db, const char *sql, struct kfq_err *err)
{
	char *msg = NULL;
	if (strncmp(sql, "ROLLBACK", 8) != 0 && injected(db, err))
		return -1;
	if (sqlite3_exec(db->h, sql, NULL, NULL, &msg) != SQLITE_OK) {
		kfq_fault(err, "%s: %s", db->path, msg ? msg : sqlite3_errmsg(db->h));
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

int db_prepare(struct kfq_db *db, const char *sql, sqlite3_stmt **st, struct kfq_err *err)
{
	if (injected(db, err))
		return -1;
	if (sqlite3_prepare_v2(db->h, sql, -1, st, NULL) != SQLITE_OK)
		return db_fault(db, err, "preparing a statement");
	return 0;
}

int db_cached(struct kfq_db *db, const char *sql, sqlite3_stmt **st, struct kfq_err *err)
{
	size_t n = sizeof db->cache / sizeof db->cache[0], i;
	if (injected(db, err))
		return -1;
	for (i = 0; i < n && db->cache[i].sql; i++)
		if (db->cache[i].sql == sql) {
			sqlite3_reset(db->cache[i].st);
			sqlite3_clear_bindings(db->cache[i].st);
			*st = db->cache[i].st;
			return 0;
		}
	if (db_prepare(db, sql, st, err) < 0)
		return -1;
	if (i == n) {
		/* full: give up the oldest entry (statements are cheap to prepare again) */
		sqlite3_finalize(db->cache[0].st);
		memmove(&db->cache[0], &db->cache[1], (n - 1) * sizeof db->cache[0]);
		i = n - 1;
	}
	db->cache[i].sql = sql;
	db->cache[i].st = *st;
	return 0;
}

int db_schema_latest(void)
{
	return schema_count();
}

int db_schema_version(struct kfq_db *db)
{
	sqlite3_stmt *st;
	int v = -1;
	if (sqlite3_prepare_v2(db->h, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

static int migrate(struct kfq_db *db, struct kfq_err *err)
{
	int v = db_schema_version(db);

	if (v < 0)
		return db_fault(db, err, "reading the schema version");
	if (v > schema_count())
		return kfq_error(err, "%s: schema version %d is newer than this kfq understands (%d); "
		                 "use a newer kfq", db->path, v, schema_count());
	while (v < schema_count()) {
		char pragma[64];
		if (db_begin(db, err) < 0)
			return -1;
		snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", v + 1);
		if (db_exec(db, schema_migration(v), err) < 0 || db_exec(db, pragma, err) < 0) {
			db_rollback(db);
			return kfq_err_prefix(err, "migrating the schema from version %d", v);
		}
		if (db_commit(db, err) < 0)
			return -1;
		v++;
	}
	return 0;
}

int db_open(struct kfq_db **out, const char *path, enum db_open_mode mode,
            const char *who, struct kfq_err *err)
{
	struct kfq_db *db;
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX |
	            (mode == DB_CREATE ? SQLITE_OPEN_CREATE : 0);

	if (mode == DB_EXISTING && access(path, F_OK) != 0)
		return kfq_error(err, "no database at %s (create one with `kfq --db %s init`, "
		                 "or set --db or KFQ_DB)", path, path);
	db = xcalloc(1, sizeof *db);
	db->path = xstrdup(path);
	db->who = xstrdup(who && *who ? who : "unknown");
	if (sqlite3_open_v2(path, &db->h, flags, NULL) != SQLITE_OK) {
		kfq_error(err, "%s: cannot open the database: %s", path,
		          db->h ? sqlite3_errmsg(db->h) : strerror(errno));
		db_close(db);
		return -1;
	}
	sqlite3_extended_result_codes(db->h, 1);
	sqlite3_busy_timeout(db->h, 5000);
	if (db_exec(db, "PRAGMA foreign_keys = ON", err) < 0)
		goto fail;
	{
		/* Reject a file that is not a database before changing it. */
		sqlite3_stmt *st;
		if (sqlite3_prepare_v2(db->h, "SELECT count(*) FROM sqlite_master", -1, &st, NULL)
		    != SQLITE_OK) {
			kfq_error(err, "%s: not a kfq database: %s", path, sqlite3_errmsg(db->h));
			goto fail;
		}
		sqlite3_step(st);
		sqlite3_finalize(st);
	}
	if (db_schema_version(db) > schema_count()) {
		kfq_error(err, "%s: schema version %d is newer than this kfq understands (%d); "
		          "use a newer kfq", path, db_schema_version(db), schema_count());
		goto fail;
	}
	if (db_exec(db, "PRAGMA journal_mode = WAL", err) < 0 ||
	    db_exec(db, "PRAGMA synchronous = NORMAL", err) < 0 ||
	    db_exec(db, "PRAGMA cache_size = -262144", err) < 0)   /* up to 256 MiB */
		goto fail;
	if (migrate(db, err) < 0)
		goto fail;
	*out = db;
	return 0;
fail:
	db_close(db);
	return -1;
}

void db_close(struct kfq_db *db)
{
	if (!db)
		return;
	if (db->in_tx)
		db_rollback(db);
	for (size_t i = 0; i < sizeof db->cache / sizeof db->cache[0]; i++)
		if (db->cache[i].st)
			sqlite3_finalize(db->cache[i].st);
	if (db->h)
		sqlite3_close_v2(db->h);
	free(db->path);
	free(db->who);
	free(db);
}

int db_begin(struct kfq_db *db, struct kfq_err *err)
{
	if (db_exec(db, "BEGIN IMMEDIATE", err) < 0)
		return -1;
	db->in_tx = 1;
	return 0;
}

int db_commit(struct kfq_db *db, struct kfq_err *err)
{
	if (db_exec(db, "COMMIT", err) < 0) {
		db_rollback(db);
		return -1;
	}
	db->in_tx = 0;
	return 0;
}

void db_rollback(struct kfq_db *db)
{
	sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
	db->in_tx = 0;
}

char *db_meta_get(struct kfq_db *db, const char *key)
{
	sqlite3_stmt *st;
	char *v = NULL;
	if (sqlite3_prepare_v2(db->h, "SELECT value FROM meta WHERE key = ?", -1, &st, NULL)
	    != SQLITE_OK)
		return NULL;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return v;
}

int db_meta_set(struct kfq_db *db, const char *key, const char *value, struct kfq_err *err)
{
	sqlite3_stmt *st;
	int rc;
	if (db_prepare(db, "INSERT INTO meta(key, value) VALUES (?, ?) "
	               "ON CONFLICT(key) DO UPDATE SET value = excluded.value", &st, err) < 0)
		return -1;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_fault(db, err, "writing a setting");
	return 0;
}

int db_today(struct date *d)
{
	const char *fixed = getenv("KFQ_TODAY");
	time_t t;
	struct tm tm;

	if (fixed && *fixed)
		return date_parse(fixed, d, NULL);
	t = time(NULL);
	gmtime_r(&t, &tm);
	d->year = tm.tm_year + 1900;
	d->month = tm.tm_mon + 1;
	d->day = tm.tm_mday;
	return 0;
}

void db_now(char *buf, size_t n)
{
	const char *fixed = getenv("KFQ_NOW");
	time_t t;
	struct tm tm;

	if (fixed && *fixed) {
		snprintf(buf, n, "%s", fixed);
		return;
	}
	t = time(NULL);
	gmtime_r(&t, &tm);
	strftime(buf, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
}
