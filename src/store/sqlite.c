/* sqlite.c: the SQLite backend of the store (the default: one file).
 *
 * A database is a file opened in WAL mode with foreign keys on; its schema
 * version is PRAGMA user_version. A file that is not a database, or whose
 * schema is newer than this build's, is refused before anything in it
 * changes. A file this account cannot write is opened for reading (as
 * immutable when SQLite cannot make the WAL's index beside it). Before the
 * first write its pages are checked (sqlite_check.c: PRAGMA quick_check), and a
 * damaged database is refused. A writer waits for another (busy handler)
 * up to db_wait. A full disk, out of
 * memory, a read-only file and a wait given up are told plainly as the
 * machine's errors (KFQ_EENV). The only file that calls sqlite3_*.
 * Depends on store/backend.h, store/schema and SQLite. */
#include "store/backend.h"
#include "store/schema.h"
#include "store/sqlite_part.h"
#include "base/sbuf.h"
#include "base/xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

struct sq_stmt {
	struct kfq_stmt head;
	sqlite3_stmt *h;
	int rc;            /* the extended code of the last failed step */
	int64_t changes;   /* rows changed by the last statement stepped to its end */
};

static struct sq_db *sqdb(struct kfq_db *db)
{
	return db->be;
}

sqlite3 *sq_handle(struct kfq_db *db)
{
	return db->be ? sqdb(db)->h : NULL;
}

static sqlite3 *handle(struct kfq_db *db)
{
	return sq_handle(db);
}


static struct sq_stmt *sq(struct kfq_stmt *st)
{
	return (struct sq_stmt *)st;
}

static const struct sq_stmt *csq(const struct kfq_stmt *st)
{
	return (const struct sq_stmt *)st;
}

/* ---- the machine's errors ---- */

/* Why this account cannot write the database file: a new string, or NULL
 * when it can (the file, and its folder, where SQLite keeps the
 * write-ahead log and its index beside it). */
static char *read_only_reason(const char *path)
{
	char *dir, *why = NULL;
	if (faccessat(AT_FDCWD, path, W_OK, AT_EACCESS) != 0)
		return xstrdup(errno == EROFS ? "on a read-only file system" : "the file is not writable");
	dir = xstrdup(path);
	if (faccessat(AT_FDCWD, dirname(dir), W_OK, AT_EACCESS) != 0)
		why = xstrdup("its folder is not writable, and SQLite keeps its write-ahead log there");
	free(dir);
	return why;
}

/* Waiting for another writer (SQLite's busy handler): a short sleep and
 * again, up to db_wait.seconds; after a second the user is told why
 * nothing happens. A busy database is not a fault, only a wait. */
static int sq_busy(void *arg, int count)
{
	struct kfq_db *db = arg;
	struct sq_db *s = sqdb(db);
	struct timespec now;
	double waited;

	clock_gettime(CLOCK_MONOTONIC, &now);
	if (count == 0) {
		/* a writer that has waited its turn among this process's writers
		 * waits no longer than db_wait.seconds in all (three queued behind
		 * another program's lock had waited 15, 30 and 45 s) */
		double queued = (double)(now.tv_sec - s->queued.tv_sec) +
		                (double)(now.tv_nsec - s->queued.tv_nsec) / 1e9;
		int from_queue = s->in_queue && queued < db_wait.seconds;
		s->wait_start = from_queue ? s->queued : now;
		s->told = from_queue && s->queued_told;
		s->in_queue = 0;   /* (the wait at BEGIN: a later one counts from itself) */
	}
	s->gave_up = 0;
	waited = (double)(now.tv_sec - s->wait_start.tv_sec) +
	         (double)(now.tv_nsec - s->wait_start.tv_nsec) / 1e9;
	if (waited >= db_wait.seconds) {
		s->gave_up = 1;
		return 0;
	}
	if (!s->told && waited >= 1.0 && db_wait.notice) {
		db_wait.notice(db->name, db_wait.seconds);
		s->told = 1;
	}
	sqlite3_sleep(count < 20 ? 5 : 50);
	return 1;
}

/* The writers of this process (a server's threads) queue for the database
 * here, each woken as the one before commits, rather than each polling
 * SQLite's lock by sleeps (sq_busy), where a writer that has waited longest
 * sleeps longest and the newest takes the lock: under the web's write mix
 * that left one request in a hundred waiting up to 1.5 s. Writers of other
 * processes still wait through sq_busy. Held from before BEGIN to the end
 * of the transaction (db_begin_writer), up to db_wait.seconds. */
static pthread_mutex_t writers = PTHREAD_MUTEX_INITIALIZER;

static int sq_writer_lock(struct kfq_db *db, struct kfq_err *err)
{
	struct sq_db *s = sqdb(db);
	struct timespec start, until;
	clock_gettime(CLOCK_REALTIME, &start);
	clock_gettime(CLOCK_MONOTONIC, &s->queued);
	s->queued_told = 0;
	s->in_queue = 1;
	/* after a second the user is told why nothing happens, as sq_busy does */
	until = start;
	until.tv_sec += db_wait.seconds < 1 ? db_wait.seconds : 1;
	if (pthread_mutex_timedlock(&writers, &until) == 0)
		return 0;
	if (db_wait.seconds > 1) {
		if (db_wait.notice)
			db_wait.notice(db->name, db_wait.seconds);
		s->queued_told = 1;
		until = start;
		until.tv_sec += db_wait.seconds;
		if (pthread_mutex_timedlock(&writers, &until) == 0)
			return 0;
	}
	s->in_queue = 0;
	return kfq_env(err, "%s: another kfq is writing to the database and has not finished "
	               "after %d s: try again when it has (KFQ_BUSY_TIMEOUT sets the wait)",
	               db->name, db_wait.seconds);
}

static void sq_writer_unlock(struct kfq_db *db)
{
	sqdb(db)->in_queue = 0;
	pthread_mutex_unlock(&writers);
}

/* The errors that are the machine's, not kfq's (kind KFQ_EENV, exit 1),
 * told plainly. */
int sq_env_error(struct kfq_db *db, struct kfq_err *err)
{
	char *why;
	int sys = sq_vfs_errno();   /* (SQLite's own, sqlite3_system_errno, is often 0 by then) */
	if ((sqlite3_extended_errcode(handle(db)) & 0xff) == SQLITE_IOERR) {
		/* a write SQLite does not take for a full disk */
		if (sys == ENOSPC || sys == EDQUOT)
			return kfq_env(err, "%s: no space left on device: the change was not saved (make "
			               "room, then run the command again)", db->name);
		if (sys == EFBIG)
			return kfq_env(err, "%s: the file would grow past this process's file-size limit "
			               "(ulimit -f): the change was not saved", db->name);
	}
	if ((sqlite3_extended_errcode(handle(db)) & 0xff) == SQLITE_CORRUPT)
		/* a damaged page this statement read (before the day's check, or
		   while it runs beside a big file's first write): the transaction
		   is rolled back */
		return kfq_env(err, "%s: the database is damaged (SQLite: %s): nothing was changed; "
		               "restore it from a backup (kfq still reads what is whole, and "
		               "`sqlite3 %s .recover` salvages what it can)", db->name,
		               sqlite3_errmsg(handle(db)), db->name);
	switch (sqlite3_extended_errcode(handle(db))) {
	case SQLITE_FULL:
		return kfq_env(err, "%s: no space left on device: the change was not saved (make "
		               "room, then run the command again)", db->name);
	case SQLITE_NOMEM:
		return kfq_env(err, "%s: out of memory: the change was not saved", db->name);
	case SQLITE_BUSY:
		if (!sqdb(db)->gave_up)
			return 0;
		return kfq_env(err, "%s: another kfq is writing to the database and has not finished "
		               "after %d s: try again when it has (KFQ_BUSY_TIMEOUT sets the wait)",
		               db->name, db_wait.seconds);
	}
	if ((sqlite3_extended_errcode(handle(db)) & 0xff) != SQLITE_READONLY)
		return 0;
	why = read_only_reason(db->name);
	kfq_env(err, "%s: the database is read-only (%s): kfq can read it but not change it",
	        db->name, why ? why : sqlite3_errmsg(handle(db)));
	free(why);
	return -1;
}

/* ---- the database ---- */

static const char *sq_errmsg(struct kfq_db *db)
{
	return handle(db) ? sqlite3_errmsg(handle(db)) : "not open";
}

int sq_exec(struct kfq_db *db, const char *sql, struct kfq_err *err)
{
	char *msg = NULL;
	if (sqlite3_exec(handle(db), sql, NULL, NULL, &msg) != SQLITE_OK) {
		if (sq_env_error(db, err) == 0)
			kfq_fault(err, "%s: %s", db->name, msg ? msg : sqlite3_errmsg(handle(db)));
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

int sq_version(struct kfq_db *db)
{
	sqlite3_stmt *st;
	int v = -1;
	if (sqlite3_prepare_v2(handle(db), "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

static int sq_set_version(struct kfq_db *db, int v, struct kfq_err *err)
{
	char pragma[64];
	snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", v);
	return sq_exec(db, pragma, err);
}

/* A snapshot that a writer moved past: the transaction can be run again.
 * Not a busy database after the wait: it waited long enough already. */
static int sq_retryable(struct kfq_db *db)
{
	int rc = sqlite3_extended_errcode(handle(db)) & 0xff;
	return (rc == SQLITE_BUSY && !sqdb(db)->gave_up) || rc == SQLITE_LOCKED;
}

static char *sq_migration(int from_version)
{
	struct sbuf sb;
	sbuf_init(&sb);
	sbuf_adds(&sb, schema_migration(from_version));
	sbuf_adds(&sb, schema_migration_triggers(from_version, 0));
	return sbuf_detach(&sb);
}

static void sq_close(struct kfq_db *db)
{
	struct kfq_err ignored;
	sq_check_end(db, 0, &ignored);
	sqlite3_close_v2(handle(db));
	free(db->be);
	db->be = NULL;
}

/* Open name (a path, or a URI with SQLITE_OPEN_URI) into db: extended
 * error codes, the busy handler, foreign keys. */
static int sq_connect(struct kfq_db *db, const char *name, int flags, struct kfq_err *err)
{
	sqlite3 *h = NULL;
	if (sqlite3_open_v2(name, &h, flags | SQLITE_OPEN_NOMUTEX, sq_vfs()) != SQLITE_OK) {
		kfq_error(err, "%s: cannot open the database: %s", db->name,
		          h ? sqlite3_errmsg(h) : strerror(errno));
		sqlite3_close_v2(h);
		return -1;
	}
	if (!db->be)
		db->be = xcalloc(1, sizeof(struct sq_db));
	sqdb(db)->h = h;
	sqlite3_extended_result_codes(h, 1);
	sqlite3_busy_handler(h, sq_busy, db);
	return sq_exec(db, "PRAGMA foreign_keys = ON", err);
}

/* The file's tables counted: the first read, which also tells a file that
 * is not a database. -1 when it fails (the message is the handle's). */
static int count_tables(sqlite3 *h)
{
	sqlite3_stmt *st;
	int n = -1;
	if (sqlite3_prepare_v2(h, "SELECT count(*) FROM sqlite_master", -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* A WAL database that this account cannot write, where SQLite cannot make
 * the log's index (-shm) either (a read-only folder or mount), is read as
 * immutable: the file alone, with no lock and no -shm. Only when no log
 * beside it holds changes that are not in the file yet. */
static int open_immutable(struct kfq_db *db, const char *path, struct kfq_err *err)
{
	struct sbuf uri;
	struct stat wal;
	char *wal_path = xasprintf("%s-wal", path);
	int rc, pending = stat(wal_path, &wal) == 0 && wal.st_size > 0;

	if (pending) {
		kfq_env(err, "%s: the database is read-only (%s), and its write-ahead log %s holds "
		        "changes that cannot be read without writing: open it once where it can be "
		        "written", path, db->read_only, wal_path);
		free(wal_path);
		return -1;
	}
	free(wal_path);
	sbuf_init(&uri);
	sbuf_adds(&uri, path[0] == '/' ? "file://" : "file:");
	for (const char *p = path; *p; p++)
		if (*p == '%' || *p == '?' || *p == '#')
			sbuf_addf(&uri, "%%%02X", (unsigned)(unsigned char)*p);
		else
			sbuf_addc(&uri, *p);
	sbuf_adds(&uri, "?immutable=1");
	sqlite3_close_v2(handle(db));
	sqdb(db)->h = NULL;
	rc = sq_connect(db, uri.buf, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, err);
	sbuf_release(&uri);
	return rc;
}

static int sq_open(struct kfq_db *db, const char *path, enum db_open_mode mode,
                   struct kfq_err *err)
{
	int flags = SQLITE_OPEN_READWRITE | (mode == DB_CREATE ? SQLITE_OPEN_CREATE : 0);
	int v, tables = 0;

	int is_new = access(path, F_OK) != 0;
	if (mode == DB_EXISTING && is_new)
		return kfq_error(err, "no database at %s (create one with `kfq --db %s init`, "
		                 "or set --db or KFQ_DB)", path, path);
	if (sq_connect(db, path, flags, err) < 0)
		return -1;
	/* A new database holds personal data (households, contacts): for its
	   owner only, as SQLite's journals after it; chmod to share it. */
	if (is_new && strcmp(path, ":memory:") != 0 && chmod(path, 0600) != 0 && errno != ENOENT)
		return kfq_error(err, "%s: cannot make the new database private: %s", path,
		                 strerror(errno));
	/* A file this account cannot write is read (SQLite opened it read-only,
	   or cannot make its -shm beside it); every write is refused. */
	if (!is_new && ((tables = count_tables(handle(db))) < 0 ||
	                sqlite3_db_readonly(handle(db), "main") == 1))
		db->read_only = read_only_reason(path);
	if (db->read_only && tables < 0 && open_immutable(db, path, err) < 0)
		return -1;
	/* Reject a file that is not a database before changing it. */
	if ((tables = count_tables(handle(db))) < 0)
		return kfq_error(err, "%s: not a kfq database: %s", path, sqlite3_errmsg(handle(db)));
	/* And one of a newer kfq, before WAL mode changes its file. */
	if ((v = sq_version(db)) > schema_count())
		return kfq_error(err, "%s: schema version %d is newer than this kfq understands (%d); "
		                 "use a newer kfq", path, v, schema_count());
	/* Only init (DB_CREATE) makes a file kfq's: another application's
	   database, or an empty file, is left exactly as it is. */
	if (v == 0 && tables)
		return mode == DB_CREATE
		       ? kfq_error(err, "%s: not a kfq database (it holds another application's "
		                   "tables); kfq changes nothing in it: give init a new file", path)
		       : kfq_error(err, "%s: not a kfq database (it holds another application's "
		                   "tables); kfq changes nothing in it", path);
	if (v == 0 && mode == DB_EXISTING)
		return kfq_error(err, "%s: not a kfq database (an empty file; create one with "
		                 "`kfq --db %s init`)", path, path);
	if ((!db->read_only && sq_exec(db, "PRAGMA journal_mode = WAL", err) < 0) ||
	    sq_exec(db, "PRAGMA synchronous = NORMAL", err) < 0 ||
	    sq_exec(db, CACHE_READING, err) < 0)
		return -1;
	return 0;
}

/* ---- statements ---- */

static const struct stmt_ops SQ_STMT_OPS;

static int sq_prepare(struct kfq_db *db, const char *sql, struct kfq_stmt **out,
                      struct kfq_err *err)
{
	sqlite3_stmt *h;
	struct sq_stmt *st;
	if (sqlite3_prepare_v2(handle(db), sql, -1, &h, NULL) != SQLITE_OK)
		return db_fault(db, err, "preparing a statement");
	st = xcalloc(1, sizeof *st);
	st->head.ops = &SQ_STMT_OPS;
	st->head.db = db;
	st->h = h;
	*out = &st->head;
	return 0;
}

static void sq_bind_text(struct kfq_stmt *st, int i, const char *s, int copy)
{
	sqlite3_bind_text(sq(st)->h, i, s, -1, copy ? SQLITE_TRANSIENT : SQLITE_STATIC);
}

static void sq_bind_i64(struct kfq_stmt *st, int i, int64_t v)
{
	sqlite3_bind_int64(sq(st)->h, i, v);
}

static void sq_bind_double(struct kfq_stmt *st, int i, double v)
{
	sqlite3_bind_double(sq(st)->h, i, v);
}

static void sq_bind_blob(struct kfq_stmt *st, int i, const void *p, size_t n)
{
	sqlite3_bind_blob64(sq(st)->h, i, p, n, SQLITE_STATIC);
}

static void sq_bind_null(struct kfq_stmt *st, int i)
{
	sqlite3_bind_null(sq(st)->h, i);
}

static int sq_step(struct kfq_stmt *st)
{
	int rc = sqlite3_step(sq(st)->h);
	if (rc == SQLITE_ROW)
		return ST_ROW;
	if (rc == SQLITE_DONE) {
		sq(st)->changes = sqlite3_changes64(handle(st->db));
		return ST_DONE;
	}
	sq(st)->rc = sqlite3_extended_errcode(handle(st->db));
	return ST_ERROR;
}

static int sq_unique_violated(const struct kfq_stmt *st)
{
	return csq(st)->rc == SQLITE_CONSTRAINT_PRIMARYKEY || csq(st)->rc == SQLITE_CONSTRAINT_UNIQUE;
}

static int64_t sq_changes(const struct kfq_stmt *st)
{
	return csq(st)->changes;
}

static int sq_columns(struct kfq_stmt *st)
{
	return sqlite3_column_count(sq(st)->h);
}

static const char *sq_name(struct kfq_stmt *st, int col)
{
	return sqlite3_column_name(sq(st)->h, col);
}

static int sq_type(struct kfq_stmt *st, int col)
{
	switch (sqlite3_column_type(sq(st)->h, col)) {
	case SQLITE_INTEGER: return ST_INTEGER_T;
	case SQLITE_FLOAT: return ST_FLOAT_T;
	case SQLITE_TEXT: return ST_TEXT_T;
	case SQLITE_BLOB: return ST_BLOB_T;
	default: return ST_NULL_T;
	}
}

static int sq_is_null(struct kfq_stmt *st, int col)
{
	return sqlite3_column_type(sq(st)->h, col) == SQLITE_NULL;
}

static const char *sq_text(struct kfq_stmt *st, int col)
{
	return (const char *)sqlite3_column_text(sq(st)->h, col);
}

static int64_t sq_i64(struct kfq_stmt *st, int col)
{
	return sqlite3_column_int64(sq(st)->h, col);
}

static double sq_double(struct kfq_stmt *st, int col)
{
	return sqlite3_column_double(sq(st)->h, col);
}

static const void *sq_blob(struct kfq_stmt *st, int col, size_t *n)
{
	const void *p = sqlite3_column_blob(sq(st)->h, col);
	*n = (size_t)sqlite3_column_bytes(sq(st)->h, col);
	return p;
}

static void sq_reset(struct kfq_stmt *st)
{
	sqlite3_reset(sq(st)->h);
	sq(st)->rc = 0;
}

static void sq_clear(struct kfq_stmt *st)
{
	sqlite3_clear_bindings(sq(st)->h);
}

static void sq_finalize(struct kfq_stmt *st)
{
	sqlite3_finalize(sq(st)->h);
	free(st);
}

static const struct stmt_ops SQ_STMT_OPS = {
	.bind_text = sq_bind_text,
	.bind_i64 = sq_bind_i64,
	.bind_double = sq_bind_double,
	.bind_blob = sq_bind_blob,
	.bind_null = sq_bind_null,
	.step = sq_step,
	.unique_violated = sq_unique_violated,
	.changes = sq_changes,
	.columns = sq_columns,
	.type = sq_type,
	.name = sq_name,
	.is_null = sq_is_null,
	.text = sq_text,
	.i64 = sq_i64,
	.dbl = sq_double,
	.blob = sq_blob,
	.reset = sq_reset,
	.clear = sq_clear,
	.finalize = sq_finalize,
};

static int64_t sq_data_version(struct kfq_db *db)
{
	static const char Q[] = "PRAGMA data_version";
	struct kfq_err err;
	struct kfq_stmt *st;
	int64_t v = -1;
	if (db_cached(db, Q, &st, &err) < 0)
		return -1;
	if (st_step(st) == ST_ROW)
		v = st_i64(st, 0) & 0x7fffffff;
	st_reset(st);
	return v;
}

const struct db_ops DB_SQLITE_OPS = {
	.engine = "SQLite",
	.open = sq_open,
	.close = sq_close,
	.exec = sq_exec,
	.prepare = sq_prepare,
	.errmsg = sq_errmsg,
	.version = sq_version,
	.set_version = sq_set_version,
	.migration = sq_migration,
	.retryable = sq_retryable,
	.io_fault = sq_vfs_fault,
	.env_error = sq_env_error,
	.data_version = sq_data_version,
	.check = sq_check,
	.check_end = sq_check_end,
	.begin_sql = CACHE_WRITING "; BEGIN IMMEDIATE",
	.writer_lock = sq_writer_lock,
	.writer_unlock = sq_writer_unlock,
};
