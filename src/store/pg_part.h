/* pg_part.h: private to the PostgreSQL backend (pg.c, pg_stmt.c,
 * pg_bulk.c): the connection's and a statement's state and what the three
 * files share. Nothing else includes it. Depends on store/backend.h, base
 * and libpq. */
#ifndef KFQ_PG_PART_H
#define KFQ_PG_PART_H

#include <libpq-fe.h>
#include <stdint.h>

#include "base/sbuf.h"
#include "base/strmap.h"
#include "store/backend.h"

/* Type OIDs of the parameters we bind (pg_type.h). */
enum { OID_UNKNOWN = 0, OID_BYTEA = 17, OID_INT8 = 20, OID_TEXT = 25, OID_FLOAT8 = 701 };

struct pg_be {
	PGconn *conn;
	char errmsg[1024];
	char sqlstate[6];
	struct strmap prepared;   /* SQL + parameter types → index in names */
	char **keys;              /* the map's keys (owned) */
	size_t nprepared, cap;
	int failed_tx;            /* a statement failed in the transaction in progress */
};

struct pg_param {
	char *val;        /* NULL: SQL NULL; owned */
	int len;
	int binary;
	Oid type;
};

struct pg_stmt {
	struct kfq_stmt head;
	char *sql;            /* with $N placeholders */
	int nparams;
	struct pg_param *p;
	const char **vals;    /* [nparams]: what a step sends */
	int *lens, *fmts;
	Oid *types;
	PGresult *res;
	int row, nrows;       /* the current row; -1 before the first step */
	int started;
	int64_t changes;
	int unique;           /* the last error was a uniqueness violation */
	unsigned char *blob;  /* the last blob read, unescaped */
};

static inline struct pg_be *be(struct kfq_db *db)
{
	return db->be;
}

static inline struct pg_stmt *pq(struct kfq_stmt *st)
{
	return (struct pg_stmt *)st;
}

/* pg_lib.c: libpq's functions, which the backend calls as libpq.PQxxx.
 * libpq is loaded when kfq first opens a PostgreSQL database, not at every
 * start: with Kerberos, LDAP and OpenSSL it is a third of the loader's work
 * at each start of the program. pg_lib_load: 0, or -1 with the reason (an
 * environment error: libpq not installed). */
struct pg_lib {
	__typeof__(PQclear) *PQclear;
	__typeof__(PQcmdTuples) *PQcmdTuples;
	__typeof__(PQconnectdb) *PQconnectdb;
	__typeof__(PQerrorMessage) *PQerrorMessage;
	__typeof__(PQescapeIdentifier) *PQescapeIdentifier;
	__typeof__(PQexec) *PQexec;
	__typeof__(PQexecParams) *PQexecParams;
	__typeof__(PQexecPrepared) *PQexecPrepared;
	__typeof__(PQfinish) *PQfinish;
	__typeof__(PQfname) *PQfname;
	__typeof__(PQfreemem) *PQfreemem;
	__typeof__(PQftype) *PQftype;
	__typeof__(PQgetResult) *PQgetResult;
	__typeof__(PQgetisnull) *PQgetisnull;
	__typeof__(PQgetvalue) *PQgetvalue;
	__typeof__(PQnfields) *PQnfields;
	__typeof__(PQntuples) *PQntuples;
	__typeof__(PQprepare) *PQprepare;
	__typeof__(PQputCopyData) *PQputCopyData;
	__typeof__(PQputCopyEnd) *PQputCopyEnd;
	__typeof__(PQresultErrorField) *PQresultErrorField;
	__typeof__(PQresultStatus) *PQresultStatus;
	__typeof__(PQstatus) *PQstatus;
	__typeof__(PQunescapeBytea) *PQunescapeBytea;
};
extern struct pg_lib libpq;
int pg_lib_load(const char *db_name, struct kfq_err *err);

/* pg.c: keep res's error for db_fault (the first of a failed transaction);
 * run sql without parameters. */
void pg_keep_error(struct kfq_db *db, const PGresult *res);
int pg_exec(struct kfq_db *db, const char *sql, struct kfq_err *err);

/* pg_stmt.c: the statements. A statement of n parameters that is never
 * sent (the values bound for a bulk load), and freeing one. */
extern const struct stmt_ops PG_STMT_OPS;
struct pg_stmt *pg_stmt_new(struct kfq_db *db, const char *sql, int nparams);
int pg_prepare(struct kfq_db *db, const char *sql, struct kfq_stmt **out, struct kfq_err *err);
void pg_clear(struct kfq_stmt *st);
void pg_finalize(struct kfq_stmt *st);

/* pg_bulk.c: COPY ... FROM STDIN. */
int pg_bulk_begin(struct kfq_db *db, const char *table, const char *const *cols, int ncols,
                  struct kfq_bulk **out, struct kfq_stmt **st, struct kfq_err *err);
int pg_bulk_row(struct kfq_bulk *b, struct kfq_err *err);
int pg_bulk_end(struct kfq_bulk *b, struct kfq_err *err);

#endif
