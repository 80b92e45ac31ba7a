/* pg.h: private to src/store/: the PostgreSQL backend's pieces (pg.c,
 * pg_schema.c) and what db.c needs of them. Depends on base. */
#ifndef KFQ_PG_H
#define KFQ_PG_H

#include "base/sbuf.h"

/* Whether a database target names a PostgreSQL server (postgresql:// or
 * postgres://, or a libpq key=value string with dbname=). */
int pg_is_url(const char *target);

/* Append to out the SQLite-dialect migration sql as PostgreSQL runs it:
 * INTEGER as BIGINT (identity for INTEGER PRIMARY KEY), REAL as DOUBLE
 * PRECISION, BLOB as BYTEA, TEXT compared byte by byte (COLLATE "C", as
 * SQLite does), no WITHOUT ROWID, and the append-only triggers as trigger
 * functions. */
void pg_schema_translate(const char *sql, struct sbuf *out);

/* What migration 0 needs first on PostgreSQL: the functions kfq's portable
 * SQL uses that PostgreSQL lacks (group_concat). */
extern const char PG_SCHEMA_PRELUDE[];

#endif
