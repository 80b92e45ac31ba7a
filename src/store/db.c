/* db.c: the store's generic layer (see db.h): choosing the backend,
 * migrations, transactions on behalf of a context, the statement cache,
 * the fault simulation, and the statement calls passed to the backend.
 * Engine-specific code is in sqlite.c and pg.c. Depends on base,
 * store/schema and the backends. */
#include "store/db.h"
#include "store/backend.h"
#include "store/pg.h"
#include "store/schema.h"
#include "base/sbuf.h"
#include "base/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- fault simulation ---- */

void db_inject_fault(struct kfq_db *db, long n)
{
	db->fault_countdown = n;
}

int db_inject_io_fault(struct kfq_db *db, long n)
{
	if (!db->ops->io_fault)
		return -1;
	db->ops->io_fault(n);
	return 0;
}

int db_injected(struct kfq_db *db, struct kfq_err *err)
{
	if (db->fault_countdown <= 0 || --db->fault_countdown > 0)
		return 0;
	db->fault_struck = 1;   /* db_fault tells it, for a step that failed */
	if (err)
		kfq_fault(err, "%s: simulated fault", db->name);
	return 1;
}

/* ---- opening ---- */

struct db_wait db_wait = { DB_BUSY_WAIT, NULL };

int64_t db_check_every = DB_CHECK_EVERY;

void db_busy_wait(int seconds, void (*notice)(const char *name, int seconds))
{
	db_wait.seconds = seconds;
	db_wait.notice = notice;
}

int db_busy_seconds(void)
{
	return db_wait.seconds;
}

int db_remote(const struct kfq_db *db)
{
	return db->ops->remote;
}

const char *db_name(const struct kfq_db *db)
{
	return db->name;
}

int db_schema_latest(void)
{
	return schema_count();
}

int db_schema_version(struct kfq_db *db)
{
	return db->ops->version(db);
}

int db_fault(struct kfq_db *db, struct kfq_err *err, const char *what)
{
	if (db->fault_struck) {
		db->fault_struck = 0;
		return kfq_fault(err, "%s: %s: simulated fault", db->name, what);
	}
	if (db->ops->env_error && db->ops->env_error(db, err) < 0)
		return -1;
	return kfq_fault(err, "%s: %s: %s", db->name, what, db->ops->errmsg(db));
}

static int migrate(struct kfq_db *db, struct kfq_err *err)
{
	struct kfq_ctx cx;
	int v = db_schema_version(db);

	if (v < 0)
		return db_fault(db, err, "reading the schema version");
	if (v > schema_count())
		return kfq_error(err, "%s: schema version %d is newer than this kfq understands (%d); "
		                 "use a newer kfq", db->name, v, schema_count());
	if (v < schema_count() && db->read_only)
		return kfq_env(err, "%s: the database has schema version %d and this kfq needs %d, "
		               "but it is read-only (%s), so it cannot be upgraded: make it "
		               "writable, or read it with the kfq that wrote it", db->name, v,
		               schema_count(), db->read_only);
	ctx_init(&cx, "kfq");
	while (v < schema_count()) {
		char *sql = db->ops->migration(v);
		int rc = db_begin(db, &cx, err);
		if (rc == 0 && (db_exec(db, sql, err) < 0 || db->ops->set_version(db, v + 1, err) < 0)) {
			db_rollback(db);
			rc = kfq_err_prefix(err, "migrating the schema from version %d", v);
		}
		free(sql);
		if (rc < 0 || db_commit(db, err) < 0)
			return -1;
		v++;
	}
	return 0;
}

int db_open(struct kfq_db **out, const char *target, enum db_open_mode mode,
            struct kfq_err *err)
{
	struct kfq_db *db = xcalloc(1, sizeof *db);

	db->ops = pg_is_url(target) ? &DB_PG_OPS : &DB_SQLITE_OPS;
	db->name = xstrdup(target);
	if (db->ops->open(db, target, mode, err) < 0 || migrate(db, err) < 0) {
		db_close(db);
		return -1;
	}
	*out = db;
	return 0;
}

void db_close(struct kfq_db *db)
{
	if (!db)
		return;
	if (db->in_tx)
		db_rollback(db);
	for (size_t i = 0; i < DB_CACHE_SIZE; i++)
		if (db->cache[i].st)
			db->cache[i].st->ops->finalize(db->cache[i].st);
	if (db->be)
		db->ops->close(db);
	free(db->read_only);
	free(db->name);
	free(db);
}

/* ---- transactions ---- */

int db_exec(struct kfq_db *db, const char *sql, struct kfq_err *err)
{
	if (db_injected(db, err))
		return -1;
	return db->ops->exec(db, sql, err);
}

/* Let go of the writer lock after a transaction ends. */
static void writer_done(struct kfq_db *db)
{
	if (db->writer_held && db->ops->writer_unlock)
		db->ops->writer_unlock(db);
	db->writer_held = 0;
}

int db_begin(struct kfq_db *db, const struct kfq_ctx *cx, struct kfq_err *err)
{
	if (db->in_tx)
		return kfq_fault(err, "%s: a transaction is already in progress", db->name);
	if (db->read_only)
		return kfq_env(err, "%s: the database is read-only (%s): kfq can read it but not "
		               "change it", db->name, db->read_only);
	if (db->writer_next && db->ops->writer_lock) {
		/* taken before the transaction, so that its snapshot follows the
		 * writer before it */
		if (db->ops->writer_lock(db, err) < 0)
			return -1;
		db->writer_held = 1;
	}
	db->writer_next = 0;
	if (db_exec(db, db->ops->begin_sql, err) < 0) {
		writer_done(db);
		return -1;
	}
	db->in_tx = 1;
	db->cx = cx;
	/* a damaged database is not written to (issue 13): checked before the
	   handle's first write */
	if (!db->checked && db->ops->check) {
		if (db->ops->check(db, cx, err) < 0) {
			db_rollback(db);
			return -1;
		}
		db->checked = 1;
	}
	return 0;
}

int db_begin_writer(struct kfq_db *db, const struct kfq_ctx *cx, struct kfq_err *err)
{
	db->writer_next = 1;
	return db_begin(db, cx, err);
}

int db_commit(struct kfq_db *db, struct kfq_err *err)
{
	/* the check of the pages may still be going on beside the writes */
	if (db->ops->check_end && db->ops->check_end(db, 1, err) < 0) {
		db->checked = 0;
		db_rollback(db);
		return -1;
	}
	if (db_exec(db, "COMMIT", err) < 0) {
		db_rollback(db);
		return -1;
	}
	db->in_tx = 0;
	db->cx = NULL;
	db->commits++;
	writer_done(db);
	return 0;
}

int64_t db_data_version(struct kfq_db *db)
{
	int64_t v = db->ops->data_version ? db->ops->data_version(db) : -1;
	if (v < 0)
		return -1;
	/* another connection's commits, then this handle's own */
	return (v << 32) | (db->commits & 0xffffffff);
}

void db_rollback(struct kfq_db *db)
{
	struct kfq_err ignored;
	/* Never simulated: undoing must always be possible. */
	if (db->ops->check_end && db->ops->check_end(db, 0, &ignored) != 0)
		db->checked = 0;
	db->ops->exec(db, "ROLLBACK", &ignored);
	db->in_tx = 0;
	db->cx = NULL;
	writer_done(db);
}

int db_retryable(struct kfq_db *db)
{
	return !db->fault_struck && db->ops->retryable && db->ops->retryable(db);
}

void db_backoff(struct kfq_db *db, int attempt)
{
	/* 5 ms, 10 ms, 20 ms ... with jitter, so that two writers part ways */
	long ms = 5L << (attempt < 8 ? attempt - 1 : 7);
	struct timespec ts;
	ms += rand() % (ms + 1);
	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (ms % 1000) * 1000000L;
	nanosleep(&ts, NULL);
	db->writer_next = 1;
}

const struct kfq_ctx *db_ctx(const struct kfq_db *db)
{
	return db->cx;
}

int db_in_tx(const struct kfq_db *db)
{
	return db->in_tx;
}

/* A savepoint statement: name is a fixed identifier of the caller's. */
static int savepoint_sql(struct kfq_db *db, const char *verb, const char *name,
                         struct kfq_err *err)
{
	char sql[96];
	for (const char *p = name; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || *p == '_'))
			return kfq_fault(err, "savepoint name \"%s\" is not an identifier", name);
	snprintf(sql, sizeof sql, "%s %s", verb, name);
	return db_exec(db, sql, err);
}

int db_savepoint(struct kfq_db *db, const char *name, struct kfq_err *err)
{
	return savepoint_sql(db, "SAVEPOINT", name, err);
}

int db_release(struct kfq_db *db, const char *name, struct kfq_err *err)
{
	return savepoint_sql(db, "RELEASE SAVEPOINT", name, err);
}

int db_rollback_to(struct kfq_db *db, const char *name, struct kfq_err *err)
{
	return savepoint_sql(db, "ROLLBACK TO SAVEPOINT", name, err);
}

/* ---- statements ---- */

int db_prepare(struct kfq_db *db, const char *sql, struct kfq_stmt **st, struct kfq_err *err)
{
	if (db_injected(db, err))
		return -1;
	return db->ops->prepare(db, sql, st, err);
}

int db_cached(struct kfq_db *db, const char *sql, struct kfq_stmt **st, struct kfq_err *err)
{
	size_t i;
	if (db_injected(db, err))
		return -1;
	for (i = 0; i < DB_CACHE_SIZE && db->cache[i].sql; i++)
		if (db->cache[i].sql == sql) {
			*st = db->cache[i].st;
			(*st)->ops->reset(*st);
			(*st)->ops->clear(*st);
			return 0;
		}
	if (db->ops->prepare(db, sql, st, err) < 0)
		return -1;
	if (i == DB_CACHE_SIZE) {
		/* full: give up the oldest entry (statements are cheap to prepare again) */
		db->cache[0].st->ops->finalize(db->cache[0].st);
		memmove(&db->cache[0], &db->cache[1], (DB_CACHE_SIZE - 1) * sizeof db->cache[0]);
		i = DB_CACHE_SIZE - 1;
	}
	db->cache[i].sql = sql;
	db->cache[i].st = *st;
	return 0;
}

void st_bind_text(struct kfq_stmt *st, int i, const char *s)
{
	if (s)
		st->ops->bind_text(st, i, s, 0);
	else
		st->ops->bind_null(st, i);
}

void st_bind_text_copy(struct kfq_stmt *st, int i, const char *s)
{
	if (s)
		st->ops->bind_text(st, i, s, 1);
	else
		st->ops->bind_null(st, i);
}

void st_bind_i64(struct kfq_stmt *st, int i, int64_t v)
{
	st->ops->bind_i64(st, i, v);
}

void st_bind_int(struct kfq_stmt *st, int i, int v)
{
	st->ops->bind_i64(st, i, v);
}

void st_bind_double(struct kfq_stmt *st, int i, double v)
{
	st->ops->bind_double(st, i, v);
}

void st_bind_blob(struct kfq_stmt *st, int i, const void *p, size_t n)
{
	st->ops->bind_blob(st, i, p, n);
}

void st_bind_null(struct kfq_stmt *st, int i)
{
	st->ops->bind_null(st, i);
}

int st_step(struct kfq_stmt *st)
{
	if (db_injected(st->db, NULL))
		return ST_ERROR;
	return st->ops->step(st);
}

int st_unique_violated(const struct kfq_stmt *st)
{
	return st->ops->unique_violated(st);
}

int64_t st_changes(const struct kfq_stmt *st)
{
	return st->ops->changes(st);
}

const char *st_name(struct kfq_stmt *st, int col)
{
	return st->ops->name(st, col);
}

int st_type(struct kfq_stmt *st, int col)
{
	return st->ops->type(st, col);
}

int db_sync_ids(struct kfq_db *db, const char *table, struct kfq_err *err)
{
	return db->ops->sync_ids ? db->ops->sync_ids(db, table, err) : 0;
}

int st_columns(struct kfq_stmt *st)
{
	return st->ops->columns(st);
}

int st_null(struct kfq_stmt *st, int col)
{
	return st->ops->is_null(st, col);
}

const char *st_text(struct kfq_stmt *st, int col)
{
	return st->ops->text(st, col);
}

int64_t st_i64(struct kfq_stmt *st, int col)
{
	return st->ops->i64(st, col);
}

int st_int(struct kfq_stmt *st, int col)
{
	return (int)st->ops->i64(st, col);
}

double st_double(struct kfq_stmt *st, int col)
{
	return st->ops->dbl(st, col);
}

const void *st_blob(struct kfq_stmt *st, int col, size_t *n)
{
	return st->ops->blob(st, col, n);
}

void st_reset(struct kfq_stmt *st)
{
	st->ops->reset(st);
}

void st_finalize(struct kfq_stmt *st)
{
	if (st)
		st->ops->finalize(st);
}

struct kfq_db *st_db(const struct kfq_stmt *st)
{
	return st->db;
}

/* ---- bulk loading ---- */

int db_bulk_begin(struct kfq_db *db, const char *table, const char *const *cols, int ncols,
                  struct kfq_bulk **b, struct kfq_stmt **st, struct kfq_err *err)
{
	struct sbuf sql;
	struct kfq_bulk *k;
	int rc;
	if (db->ops->bulk_begin)
		return db->ops->bulk_begin(db, table, cols, ncols, b, st, err);
	sbuf_init(&sql);
	sbuf_addf(&sql, "INSERT INTO %s(", table);
	for (int c = 0; c < ncols; c++)
		sbuf_addf(&sql, "%s%s", c ? ", " : "", cols[c]);
	sbuf_adds(&sql, ") VALUES (");
	for (int c = 0; c < ncols; c++)
		sbuf_addf(&sql, "%s?%d", c ? ", " : "", c + 1);
	sbuf_adds(&sql, ")");
	k = xcalloc(1, sizeof *k);
	k->db = db;
	k->table = table;
	rc = db_prepare(db, sql.buf, &k->ins, err);
	sbuf_release(&sql);
	if (rc < 0) {
		free(k);
		return -1;
	}
	*b = k;
	*st = k->ins;
	return 0;
}

int bulk_row(struct kfq_bulk *b, struct kfq_err *err)
{
	if (b->db->ops->bulk_row)
		return b->db->ops->bulk_row(b, err);
	if (st_step(b->ins) != ST_DONE)
		return db_fault(b->db, err, b->table);
	st_reset(b->ins);
	b->ins->ops->clear(b->ins);
	return 0;
}

int bulk_end(struct kfq_bulk *b, struct kfq_err *err)
{
	if (b->db->ops->bulk_end)
		return b->db->ops->bulk_end(b, err);
	st_finalize(b->ins);
	free(b);
	(void)err;
	return 0;
}

/* ---- settings ---- */

static const char SQL_META_GET[] = "SELECT value FROM meta WHERE key = ?";
static const char SQL_META_SET[] =
	"INSERT INTO meta(key, value) VALUES (?, ?) "
	"ON CONFLICT(key) DO UPDATE SET value = excluded.value";

char *db_meta_get(struct kfq_db *db, const char *key)
{
	struct kfq_stmt *st;
	struct kfq_err ignored;
	char *v = NULL;
	if (db->ops->prepare(db, SQL_META_GET, &st, &ignored) < 0)
		return NULL;
	st_bind_text(st, 1, key);
	if (st->ops->step(st) == ST_ROW && st_text(st, 0))
		v = xstrdup(st_text(st, 0));
	st_finalize(st);
	return v;
}

int db_meta_set(struct kfq_db *db, const char *key, const char *value, struct kfq_err *err)
{
	struct kfq_stmt *st;
	int rc;
	if (db_prepare(db, SQL_META_SET, &st, err) < 0)
		return -1;
	st_bind_text(st, 1, key);
	st_bind_text(st, 2, value);
	rc = st_step(st);
	st_finalize(st);
	if (rc != ST_DONE)
		return db_fault(db, err, "writing a setting");
	return 0;
}
