/* db.h: the one database interface of kfq: opening, schema migrations,
 * transactions, prepared statements with bound parameters.
 *
 * Nothing outside src/store/ talks to a database engine: the modules
 * prepare SQL in the one portable dialect both backends run (? or ?N
 * placeholders, standard ON CONFLICT upserts, no engine-specific
 * functions), bind parameters (never build SQL from user values), step
 * through the rows and read the columns. The backends, SQLite (the default:
 * one file) and PostgreSQL (a server), translate what differs.
 *
 * A database is opened and brought up to date in place by versioned
 * migrations (an old database is upgraded, never dropped). Every write
 * happens between db_begin and db_commit, on behalf of the context given
 * to db_begin (its account and clock are what the history records);
 * db_rollback undoes it. Depends on base. */
#ifndef KFQ_DB_H
#define KFQ_DB_H

#include <stddef.h>
#include <stdint.h>

#include "base/ctx.h"
#include "base/err.h"

struct kfq_db;     /* an open database (one connection) */
struct kfq_stmt;   /* a prepared statement of one database */

enum db_open_mode {
	DB_EXISTING = 0,   /* the database must exist and be kfq's (an empty file is not) */
	DB_CREATE = 1,     /* create it when missing or empty; never in another
	                      application's database */
};

/* Open (and migrate) the database named by target: a file path (SQLite).
 * Returns a new handle in *out; the caller frees it with db_close.
 *
 * A SQLite file that this account cannot write (a 0444 file, a read-only
 * mount, a folder where SQLite cannot make its write-ahead log) is opened
 * for reading: every read works, and db_begin refuses with a message of
 * kind KFQ_EENV that names the file and says it is read-only (so does a
 * migration that the file's older schema would need). */
int db_open(struct kfq_db **out, const char *target, enum db_open_mode mode,
            struct kfq_err *err);
void db_close(struct kfq_db *db);
/* The database's name for messages (the path; a server's URL without its
 * password). */
const char *db_name(const struct kfq_db *db);

/* How long a write waits for another kfq writing the same SQLite file
 * (one writer at a time) before it gives up with a message of kind
 * KFQ_EENV: "another kfq is writing …; try again". notice, when not NULL,
 * is called once a wait has lasted a second, with the database's name and
 * the limit, so that a user knows why nothing happens. Process-wide, set
 * before db_open; PostgreSQL waits for its locks its own way. */
#define DB_BUSY_WAIT 60
void db_busy_wait(int seconds, void (*notice)(const char *name, int seconds));
/* The wait db_busy_wait set, in seconds. */
int db_busy_seconds(void);

/* A damaged database is not written to: before a handle's first write,
 * inside its transaction, SQLite's PRAGMA quick_check reads every page,
 * and a database it finds damaged is refused with a message of kind
 * KFQ_EENV (restore it from a backup). It costs some 40 ms on the demo's
 * 22 MB and 0.45 s on a 110 MB city (docs/reliability.md): a file up to
 * db_check_every bytes is checked on every first write; a bigger one on
 * the first write of the context's day (the day of the last check kept in
 * meta, key "quick_check"), beside the write (a second connection, a
 * thread) and waited for before its commit. Process-wide; tests lower
 * it. A server's database keeps its own pages (PostgreSQL: not
 * checked). */
#define DB_CHECK_EVERY ((int64_t)64 << 20)
extern int64_t db_check_every;

/* The schema version this build writes, and the one of an open database. */
int db_schema_latest(void);
int db_schema_version(struct kfq_db *db);

/* Transactions. db_begin starts a write transaction on behalf of cx (kept
 * until commit or rollback: see db_ctx); one at a time. */
int db_begin(struct kfq_db *db, const struct kfq_ctx *cx, struct kfq_err *err);
int db_commit(struct kfq_db *db, struct kfq_err *err);
void db_rollback(struct kfq_db *db);
/* Whether the transaction that just failed can be run again from its
 * start with a chance of success: a serialization failure or a deadlock
 * with a concurrent writer (PostgreSQL), a database busy past the timeout
 * (SQLite). The caller rolls back, calls db_backoff(db, attempt) and runs
 * the whole transaction again, at most DB_RETRIES times. db_backoff waits
 * a little, and makes the next db_begin wait its turn among the writers
 * (as db_begin_writer does), so that a retried transaction cannot lose to
 * the others again and again. */
#define DB_RETRIES 8
int db_retryable(struct kfq_db *db);
void db_backoff(struct kfq_db *db, int attempt);

/* A write transaction that waits for the other writers of the same
 * database (on PostgreSQL: the same schema) before it starts, instead of
 * racing them: for the large ones (an import), which would otherwise fail
 * each other's reading of the roll-ups and start over. Other databases'
 * (schemas') writers run at the same time. SQLite has one writer anyway. */
int db_begin_writer(struct kfq_db *db, const struct kfq_ctx *cx, struct kfq_err *err);

/* A number that changes whenever the database's content may have changed
 * since it was last read: a commit of this handle or of any other
 * connection. -1 when the engine cannot tell (PostgreSQL): a reader that
 * keeps results must then read afresh every time. For caches of what was
 * computed from the database (the web server's figures). */
int64_t db_data_version(struct kfq_db *db);

/* 1 when each statement is a round trip to a server (PostgreSQL), where
 * many rows a statement pay; 0 in process (SQLite), where one a statement
 * is as quick and keeps no statement journal. */
int db_remote(const struct kfq_db *db);

/* The context of the transaction in progress, NULL outside one. */
const struct kfq_ctx *db_ctx(const struct kfq_db *db);
int db_in_tx(const struct kfq_db *db);

/* Savepoints inside a transaction (name: a fixed identifier, not user
 * text): a part that can be undone alone. */
int db_savepoint(struct kfq_db *db, const char *name, struct kfq_err *err);
int db_release(struct kfq_db *db, const char *name, struct kfq_err *err);
int db_rollback_to(struct kfq_db *db, const char *name, struct kfq_err *err);

/* Prepare sql; on failure fill err with the engine's message (a fault).
 * The caller frees the statement with st_finalize. */
int db_prepare(struct kfq_db *db, const char *sql, struct kfq_stmt **st, struct kfq_err *err);
/* A prepared statement kept for the life of the handle, keyed by the
 * address of a static SQL string; reset and with bindings cleared. Do not
 * finalize it. */
int db_cached(struct kfq_db *db, const char *sql, struct kfq_stmt **st, struct kfq_err *err);
/* Run sql (one or more statements, no parameters, no rows wanted). */
int db_exec(struct kfq_db *db, const char *sql, struct kfq_err *err);
/* Fill err with the engine's last message as a fault about what; -1. */
int db_fault(struct kfq_db *db, struct kfq_err *err, const char *what);

/* After rows of table were written with their ids given: the ids the
 * engine gives next follow the largest (PostgreSQL's identity sequences;
 * nothing to do on SQLite). table is a name of the schema's, not user text. */
int db_sync_ids(struct kfq_db *db, const char *table, struct kfq_err *err);

/* Fault simulation for tests (in the spirit of SQLite's and curl's): the
 * n-th operation from now (a prepare, a step or a commit) fails as an
 * internal fault, as a full disk or an I/O error would. 0 turns it off. */
void db_inject_fault(struct kfq_db *db, long n);

/* The file layer's fault (SQLite's own way, a failing VFS): the n-th write,
 * sync or truncate of the database's files from now fails as a full disk
 * would; 0 turns it off. -1 when the engine cannot (a server). */
int db_inject_io_fault(struct kfq_db *db, long n);

/* ---- statements ---- */

enum { ST_ERROR = -1, ST_ROW = 1, ST_DONE = 2 };

/* Parameters are numbered from 1. st_bind_text binds s without copying it:
 * s must stay valid until the statement is stepped to its end, reset or
 * finalized; st_bind_text_copy copies. A NULL s binds NULL. */
void st_bind_text(struct kfq_stmt *st, int i, const char *s);
void st_bind_text_copy(struct kfq_stmt *st, int i, const char *s);
void st_bind_i64(struct kfq_stmt *st, int i, int64_t v);
void st_bind_int(struct kfq_stmt *st, int i, int v);
void st_bind_double(struct kfq_stmt *st, int i, double v);
void st_bind_blob(struct kfq_stmt *st, int i, const void *p, size_t n);   /* not copied */
void st_bind_null(struct kfq_stmt *st, int i);

/* The next row (ST_ROW), the end (ST_DONE) or an error (ST_ERROR: the
 * message is db_fault's). */
int st_step(struct kfq_stmt *st);
/* Whether the last ST_ERROR was a uniqueness (primary key or unique)
 * constraint violated. */
int st_unique_violated(const struct kfq_stmt *st);
/* Rows changed by the last INSERT, UPDATE or DELETE stepped to its end. */
int64_t st_changes(const struct kfq_stmt *st);

/* The type of a column's value in the current row. */
enum st_type { ST_NULL_T, ST_INTEGER_T, ST_FLOAT_T, ST_TEXT_T, ST_BLOB_T };
int st_type(struct kfq_stmt *st, int col);
/* The name of a column (after the first step on some engines). */
const char *st_name(struct kfq_stmt *st, int col);
/* How many columns a row of the statement has. */
int st_columns(struct kfq_stmt *st);
/* Columns of the current row, numbered from 0. st_text is NULL for NULL and
 * valid until the next step, reset or finalize. */
int st_null(struct kfq_stmt *st, int col);
const char *st_text(struct kfq_stmt *st, int col);
int64_t st_i64(struct kfq_stmt *st, int col);
int st_int(struct kfq_stmt *st, int col);
double st_double(struct kfq_stmt *st, int col);
/* A blob column: its bytes (NULL when empty or NULL) and size in *n. */
const void *st_blob(struct kfq_stmt *st, int col, size_t *n);

/* Back to before the first step; the bindings stay. */
void st_reset(struct kfq_stmt *st);
void st_finalize(struct kfq_stmt *st);
struct kfq_db *st_db(const struct kfq_stmt *st);

/* ---- bulk loading ---- */

/* Many new rows into one table at the engine's fastest (PostgreSQL's COPY;
 * a prepared INSERT on SQLite), inside the caller's transaction: begin
 * with the table and its columns (names of the schema's, not user text),
 * bind each row's values with st_bind_* on the statement *st (parameters
 * 1 … ncols), then bulk_row; bulk_end finishes (and frees). A row that
 * breaks a constraint fails the load at bulk_row or at bulk_end. */
struct kfq_bulk;
int db_bulk_begin(struct kfq_db *db, const char *table, const char *const *cols, int ncols,
                  struct kfq_bulk **b, struct kfq_stmt **st, struct kfq_err *err);
int bulk_row(struct kfq_bulk *b, struct kfq_err *err);
int bulk_end(struct kfq_bulk *b, struct kfq_err *err);

/* ---- settings ---- */

/* meta table: key/value text settings. db_meta_get returns a new string or
 * NULL when unset; the caller frees it. */
char *db_meta_get(struct kfq_db *db, const char *key);
int db_meta_set(struct kfq_db *db, const char *key, const char *value, struct kfq_err *err);

#endif
