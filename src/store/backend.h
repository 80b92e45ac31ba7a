/* backend.h: private to src/store/: what a database backend provides
 * (SQLite in sqlite.c, PostgreSQL in pg.c) and what the generic layer
 * (db.c) keeps for every backend: the name, the transaction's context, the
 * statement cache and the fault simulation. Nothing outside src/store/
 * includes it. Depends on store/db.h. */
#ifndef KFQ_BACKEND_H
#define KFQ_BACKEND_H

#include "store/db.h"

struct db_ops {
	const char *engine;   /* "SQLite", "PostgreSQL" */
	int remote;           /* each statement a round trip to a server */
	/* Open target into db (db->name is set); migrate is db.c's. */
	int (*open)(struct kfq_db *db, const char *target, enum db_open_mode mode,
	            struct kfq_err *err);
	void (*close)(struct kfq_db *db);
	int (*exec)(struct kfq_db *db, const char *sql, struct kfq_err *err);
	int (*prepare)(struct kfq_db *db, const char *sql, struct kfq_stmt **st,
	               struct kfq_err *err);
	const char *(*errmsg)(struct kfq_db *db);
	/* The schema version (-1 when it cannot be read), and setting it inside
	 * the migration's transaction. */
	int (*version)(struct kfq_db *db);
	int (*set_version)(struct kfq_db *db, int v, struct kfq_err *err);
	/* Migration from_version's SQL as this engine runs it (a new string the
	 * caller frees). */
	char *(*migration)(int from_version);
	/* Whether the last error was one that running the transaction again
	 * can get past (a serialization failure, a deadlock). */
	int (*retryable)(struct kfq_db *db);
	/* After rows were written with their ids given (kfq copy): the ids the
	 * engine gives next follow the largest in table. */
	int (*sync_ids)(struct kfq_db *db, const char *table, struct kfq_err *err);
	/* Bulk loading (db_bulk_begin): NULL for "a prepared INSERT"; else the
	 * backend's own: begin (the values are bound on *st, a statement it
	 * makes), one row, the end. */
	int (*bulk_begin)(struct kfq_db *db, const char *table, const char *const *cols, int ncols,
	                  struct kfq_bulk **b, struct kfq_stmt **st, struct kfq_err *err);
	int (*bulk_row)(struct kfq_bulk *b, struct kfq_err *err);
	int (*bulk_end)(struct kfq_bulk *b, struct kfq_err *err);
	/* Wait for, and let go of, the database's writer lock (held from
	 * before a transaction starts to after it ends); NULL: none needed. */
	int (*writer_lock)(struct kfq_db *db, struct kfq_err *err);
	void (*writer_unlock)(struct kfq_db *db);
	/* Tests: the n-th write or sync to the files from now fails (NULL: the
	 * engine cannot be made to). */
	void (*io_fault)(long n);
	/* When the last error is the machine's rather than kfq's (a full disk,
	 * out of memory, a read-only file, another writer past the wait), fill
	 * err with a plain message of kind KFQ_EENV and return -1; else 0.
	 * NULL: the engine tells none apart. */
	int (*env_error)(struct kfq_db *db, struct kfq_err *err);
	/* A number that changes when another connection commits (SQLite's
	 * PRAGMA data_version); -1 when it cannot be read. NULL: the engine
	 * cannot tell (PostgreSQL). */
	int64_t (*data_version)(struct kfq_db *db);
	/* Before the first write of a handle, inside its transaction: whether
	 * the database's pages are whole (SQLite's PRAGMA quick_check, on every
	 * first write up to db_check_every bytes, once a day beyond); a damaged
	 * one is refused with a message of kind KFQ_EENV. NULL: the engine
	 * keeps its pages itself (PostgreSQL). */
	int (*check)(struct kfq_db *db, const struct kfq_ctx *cx, struct kfq_err *err);
	/* A check may go on beside the transaction (a big file's, in a thread
	 * of its own). Before COMMIT (commit 1): wait for it, and a damaged
	 * database is refused as check does (-1; the caller rolls back). On a
	 * rollback (commit 0): stop it, and 1 (the handle's next write is
	 * checked again). 0 when none was running.
	 * NULL: check always ends inside check. */
	int (*check_end)(struct kfq_db *db, int commit, struct kfq_err *err);
	const char *begin_sql;   /* starts a write transaction: "BEGIN IMMEDIATE" (after raising
	                            SQLite's page cache), "BEGIN ISOLATION LEVEL SERIALIZABLE" */
};

struct stmt_ops {
	void (*bind_text)(struct kfq_stmt *st, int i, const char *s, int copy);
	void (*bind_i64)(struct kfq_stmt *st, int i, int64_t v);
	void (*bind_double)(struct kfq_stmt *st, int i, double v);
	void (*bind_blob)(struct kfq_stmt *st, int i, const void *p, size_t n);
	void (*bind_null)(struct kfq_stmt *st, int i);
	int (*step)(struct kfq_stmt *st);
	int (*unique_violated)(const struct kfq_stmt *st);
	int64_t (*changes)(const struct kfq_stmt *st);
	int (*columns)(struct kfq_stmt *st);
	int (*type)(struct kfq_stmt *st, int col);
	const char *(*name)(struct kfq_stmt *st, int col);
	int (*is_null)(struct kfq_stmt *st, int col);
	const char *(*text)(struct kfq_stmt *st, int col);
	int64_t (*i64)(struct kfq_stmt *st, int col);
	double (*dbl)(struct kfq_stmt *st, int col);
	const void *(*blob)(struct kfq_stmt *st, int col, size_t *n);
	void (*reset)(struct kfq_stmt *st);
	void (*clear)(struct kfq_stmt *st);   /* the bindings to NULL */
	void (*finalize)(struct kfq_stmt *st);
};

/* The head of every backend's statement. */
struct kfq_stmt {
	const struct stmt_ops *ops;
	struct kfq_db *db;
};

#define DB_CACHE_SIZE 128

struct kfq_db {
	const struct db_ops *ops;
	void *be;                     /* the backend's own state */
	char *name;
	const struct kfq_ctx *cx;     /* the transaction's context, NULL outside one */
	int in_tx;
	struct { const char *sql; struct kfq_stmt *st; } cache[DB_CACHE_SIZE];
	long fault_countdown;         /* tests: fail the Nth operation from now; 0 off */
	int fault_struck;             /* the simulated fault struck and is not yet told */
	int writer_next;              /* the next db_begin waits for the writer lock */
	int writer_held;              /* the writer lock is held for this transaction */
	int64_t commits;              /* transactions this handle committed */
	int checked;                  /* ops->check passed on this handle */
	char *read_only;              /* NULL, or why the database can be read but not
	                                 written (the backend's open sets it): db_begin
	                                 refuses with it */
};

/* A bulk load of the generic kind: a prepared INSERT. */
struct kfq_bulk {
	struct kfq_db *db;
	struct kfq_stmt *ins;
	const char *table;
};

extern const struct db_ops DB_SQLITE_OPS, DB_PG_OPS;

/* How long a write waits for another writer of the same file, and whom it
 * tells that it waits (db_busy_wait); the SQLite backend's busy handler
 * reads them. */
struct db_wait {
	int seconds;
	void (*notice)(const char *name, int seconds);
};
extern struct db_wait db_wait;

/* Whether the simulated fault strikes now (filling err if given). */
int db_injected(struct kfq_db *db, struct kfq_err *err);

#endif
