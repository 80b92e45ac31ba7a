/* db.h: the SQLite store: opening, schema migrations, transactions.
 *
 * A database is opened in WAL mode with foreign keys on and a busy timeout;
 * its schema is brought up to date in place by versioned migrations (an old
 * database is upgraded, never dropped). Every write happens between
 * db_begin and db_commit; db_rollback undoes it. Depends on base and SQLite. */
#ifndef KFQ_DB_H
#define KFQ_DB_H

#include <sqlite3.h>

#include "base/err.h"

struct kfq_db {
	sqlite3 *h;
	char *path;
	char *who;      /* recorded in history: the OS user for the CLI */
	int in_tx;
	struct { const char *sql; sqlite3_stmt *st; } cache[128];
	long fault_countdown;   /* tests: fail the Nth statement from now; 0 off */
};

enum db_open_mode {
	DB_EXISTING = 0,   /* the file must exist */
	DB_CREATE = 1,     /* create it when missing */
};

/* Open (and migrate) the database at path. Returns a new handle in *out; the
 * caller frees it with db_close. `who` is copied. */
int db_open(struct kfq_db **out, const char *path, enum db_open_mode mode,
            const char *who, struct kfq_err *err);
void db_close(struct kfq_db *db);

/* The schema version this build writes, and the one of an open database. */
int db_schema_latest(void);
int db_schema_version(struct kfq_db *db);

int db_begin(struct kfq_db *db, struct kfq_err *err);
int db_commit(struct kfq_db *db, struct kfq_err *err);
void db_rollback(struct kfq_db *db);

/* Prepare sql; on failure fill err with SQLite's message (a fault). */
int db_prepare(struct kfq_db *db, const char *sql, sqlite3_stmt **st, struct kfq_err *err);
/* A prepared statement kept for the life of the handle, keyed by the
 * address of a static SQL string; reset and with bindings cleared. Do not
 * finalize it. */
int db_cached(struct kfq_db *db, const char *sql, sqlite3_stmt **st, struct kfq_err *err);
/* Fault simulation for tests (in the spirit of SQLite's and curl's): the
 * n-th statement prepared, fetched from the cache or executed from now on
 * fails as an internal fault, as a full disk or an I/O error would. 0 turns
 * it off. */
void db_inject_fault(struct kfq_db *db, long n);

/* Run sql without results. */
int db_exec(struct kfq_db *db, const char *sql, struct kfq_err *err);
/* Fill err with the database's last message as a fault; returns -1. */
int db_fault(struct kfq_db *db, struct kfq_err *err, const char *what);

/* meta table: key/value text settings. db_meta_get returns a new string or
 * NULL when unset; the caller frees it. */
char *db_meta_get(struct kfq_db *db, const char *key);
int db_meta_set(struct kfq_db *db, const char *key, const char *value, struct kfq_err *err);

struct date;
/* Today's date: KFQ_TODAY in the environment (2017-10-01, for tests), else
 * the system's (UTC). Returns -1 when KFQ_TODAY is not a date. */
int db_today(struct date *d);

/* The current time as ISO 8601 UTC ("2026-11-26T23:10:00Z"); KFQ_NOW in the
 * environment overrides it (tests). Writes into buf. */
void db_now(char *buf, size_t n);

#endif
