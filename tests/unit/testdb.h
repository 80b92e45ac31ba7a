/* testdb.h: shared helpers of the unit tests: temporary databases, imports
 * of a text, and reading the store. Every function fails the running test
 * (cmocka) on an unexpected result unless it says otherwise. */
#ifndef KFQ_TESTDB_H
#define KFQ_TESTDB_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "io/import.h"
#include "store/db.h"

/* ---- the context ---- */

/* The tests' context: account "tester", the system clock, Chinese. A test
 * that needs another clock or account makes its own (base/ctx.h). */
const struct kfq_ctx *tdb_ctx(void);
/* Set its clock: the day (today) and the instant (now) when not NULL. */
void tdb_clock(const char *today, const char *now);
/* Its clock back to the system's. */
void tdb_clock_reset(void);

/* ---- temporary databases ---- */

/* The tests run on SQLite files, or on PostgreSQL when KFQ_TEST_PG names a
 * server's database (scripts/pgtest starts one): each database is then a
 * schema of its own, or, when KFQ_TEST_PG_TEMPLATE names a migrated
 * database on the same server (tests/pg.sh), a fixture's (tdb_create) is a
 * copy of it. A database's name fits in TDB_PATH_MAX bytes. */
#define TDB_PATH_MAX 256
int tdb_pg(void);

/* A fresh name: a file in /tmp (not created), or a PostgreSQL URL of a
 * schema not created yet. */
void tdb_tmp_name(char *path, size_t n);

/* Remove the database at path: the file and its -wal, -shm and -journal
 * files, or the schema or the template's copy (left in place when
 * KFQ_TEST_PG_THROWAWAY is set: tests/pg.sh's server is removed whole at
 * the end). */
void tdb_remove(const char *path);

/* Create an empty database at a fresh name (into path) for a fixture's
 * setup: 0, or -1 with the reason on stderr. */
int tdb_create(char *path, size_t n, struct kfq_db **db);

/* Close the database of a fixture and remove its files. */
void tdb_destroy(struct kfq_db *db, const char *path);

/* ---- imports ---- */

/* One import of a file holding `text`. The file is removed afterwards; its
 * name stays in `file` for the expected messages. */
struct tdb_imp {
	int rc;
	struct import_result res;
	struct kfq_err err;
	char file[64];
};

/* dry_run: 1 a dry run; TDB_BACKFILL (or'ed in): a back-fill (--backfill) */
#define TDB_BACKFILL 2
void tdb_run_import(struct kfq_db *db, const char *kind, const char *text, int dry_run,
                    struct tdb_imp *r);
void tdb_imp_release(struct tdb_imp *r);

/* r must have succeeded with these counts, no bad rows and no messages. */
void tdb_check_ok(const struct tdb_imp *r, const char *kind, size_t added, size_t changed,
                  size_t unchanged);

/* An import that must succeed with these counts (as tdb_check_ok). */
void tdb_import_ok(struct kfq_db *db, const char *kind, const char *text, size_t added,
                   size_t changed, size_t unchanged);

/* An import that must succeed, whatever its counts. */
void tdb_load(struct kfq_db *db, const char *kind, const char *text);

/* r's messages must hold the line "FILE:LINE: ...needle..." */
void tdb_assert_msg_line(const struct tdb_imp *r, size_t line, const char *needle);

/* ---- reading the store ---- */

/* A prepared statement of sql (the test fails when it does not prepare);
 * the caller finalizes it. */
struct kfq_stmt *tdb_prepare(struct kfq_db *db, const char *sql);

/* The single integer a query returns (the test fails if it returns none). */
int64_t tdb_scalar(struct kfq_db *db, const char *sql);

/* Row counts of some tables, to compare before and after. */
#define TDB_MAX_TABLES 16
struct tdb_counts {
	size_t n;
	const char *table[TDB_MAX_TABLES];
	int64_t rows[TDB_MAX_TABLES];
};

/* Every row of tables (NULL-terminated) as text, each table's rows sorted,
 * so that two contents compare equal when the tables hold the same rows,
 * in whatever order the engine returns them. The caller frees it. */
char *tdb_content(struct kfq_db *db, const char *const tables[]);

/* The step between the operations a fault-simulation loop fails: every one
 * on SQLite; on PostgreSQL every 7th (each attempt costs round trips to
 * the server; the SQLite run covers every point, the server run that its
 * rollback keeps the same promise). */
long tdb_fault_stride(void);

/* After an operation that succeeded with a fault injected at operation n,
 * the fault must still be pending (the operation took fewer than n
 * operations), not swallowed: one of n harmless prepares meets it. */
void tdb_assert_fault_pending(struct kfq_db *db, long n, const char *what);

/* The row counts of tables (NULL-terminated). */
struct tdb_counts tdb_counts_of(struct kfq_db *db, const char *const tables[]);

/* The count of one table of c, to read or change (the test fails when the
 * table is not counted). */
int64_t *tdb_rows(struct tdb_counts *c, const char *table);

/* a and b count the same tables with the same rows. */
void tdb_assert_counts_equal(const struct tdb_counts *a, const struct tdb_counts *b);

#endif
