/* pg.c: the PostgreSQL backend of the store (a server: many writers,
 * replication, the backups an IT department already runs).
 *
 * A database is named by a libpq URL (postgresql://user@host/dbname, with
 * options=-csearch_path=NAME for a schema of its own). kfq's tables live
 * in the first schema of the search path; the schema version is the table
 * kfq_schema. SQL arrives in the store's portable dialect: ? and ?N
 * placeholders become $N; the migrations' types, WITHOUT ROWID and
 * triggers are translated here (pg_schema.c). Statements are prepared on
 * the server once per connection, with the parameter types the first
 * bindings give. Write transactions are SERIALIZABLE: a concurrent change
 * that would make one of them wrong fails it with a serialization failure,
 * which the generic layer retries. The only file, with pg_schema.c, that
 * calls libpq. Depends on store/backend.h, base and libpq. */
#include "store/backend.h"
#include "store/pg.h"
#include "store/schema.h"
#include "base/sbuf.h"
#include "base/strmap.h"
#include "base/xalloc.h"

#include <errno.h>
#include <inttypes.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

static struct pg_be *be(struct kfq_db *db)
{
	return db->be;
}

static struct pg_stmt *pq(struct kfq_stmt *st)
{
	return (struct pg_stmt *)st;
}

/* ---- errors ---- */

/* Keep res's error (the first of a failed transaction: what follows it is
 * only "current transaction is aborted"). */
static void keep_error(struct kfq_db *db, const PGresult *res)
{
	struct pg_be *b = be(db);
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	const char *msg = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	if (b->failed_tx && state && strcmp(state, "25P02") == 0)
		return;
	if (!msg)
		msg = PQerrorMessage(b->conn);
	snprintf(b->errmsg, sizeof b->errmsg, "%s", msg && *msg ? msg : "unknown PostgreSQL error");
	b->errmsg[strcspn(b->errmsg, "\n")] = '\0';
	snprintf(b->sqlstate, sizeof b->sqlstate, "%s", state ? state : "");
	if (db->in_tx)
		b->failed_tx = 1;
}

static const char *pg_errmsg(struct kfq_db *db)
{
	return be(db) ? be(db)->errmsg : "not connected";
}

/* Serialization failures and deadlocks: the transaction can be run again. */
static int pg_retryable(struct kfq_db *db)
{
	const char *s = be(db)->sqlstate;
	return strcmp(s, "40001") == 0 || strcmp(s, "40P01") == 0;
}

/* ---- the database ---- */

static int pg_exec(struct kfq_db *db, const char *sql, struct kfq_err *err)
{
	PGresult *res = PQexec(be(db)->conn, sql);
	ExecStatusType s = PQresultStatus(res);
	if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK) {
		keep_error(db, res);
		PQclear(res);
		return kfq_fault(err, "%s: %s", db->name, be(db)->errmsg);
	}
	PQclear(res);
	if (strcmp(sql, "COMMIT") == 0 || strcmp(sql, "ROLLBACK") == 0)
		be(db)->failed_tx = 0;
	if (strncmp(sql, db->ops->begin_sql, strlen(db->ops->begin_sql)) == 0) {
		be(db)->failed_tx = 0;
		be(db)->sqlstate[0] = '\0';   /* a new transaction: nothing to retry yet */
	}
	return 0;
}

/* The single value of a query without parameters, as text (a new string),
 * or NULL (none, or an error: *failed). */
static char *scalar(struct kfq_db *db, const char *sql, int *failed)
{
	PGresult *res = PQexec(be(db)->conn, sql);
	char *v = NULL;
	*failed = PQresultStatus(res) != PGRES_TUPLES_OK;
	if (*failed)
		keep_error(db, res);
	else if (PQntuples(res) > 0 && !PQgetisnull(res, 0, 0))
		v = xstrdup(PQgetvalue(res, 0, 0));
	PQclear(res);
	return v;
}

static int pg_version(struct kfq_db *db)
{
	int failed, v;
	char *s = scalar(db, "SELECT to_regclass('kfq_schema') IS NOT NULL", &failed);
	if (failed || !s)
		return free(s), -1;
	if (strcmp(s, "t") != 0) {
		free(s);
		return 0;
	}
	free(s);
	s = scalar(db, "SELECT max(version) FROM kfq_schema", &failed);
	v = failed ? -1 : s ? atoi(s) : 0;
	free(s);
	return v;
}

static int pg_set_version(struct kfq_db *db, int v, struct kfq_err *err)
{
	char sql[160];
	snprintf(sql, sizeof sql, "CREATE TABLE IF NOT EXISTS kfq_schema(version BIGINT NOT NULL); "
	         "DELETE FROM kfq_schema; INSERT INTO kfq_schema(version) VALUES (%d)", v);
	return pg_exec(db, sql, err);
}

static char *pg_migration(int from_version)
{
	struct sbuf sb;
	sbuf_init(&sb);
	/* one migrating process at a time, whichever gets the lock first */
	sbuf_adds(&sb, "SELECT pg_advisory_xact_lock(4242001);");
	if (from_version == 0)
		sbuf_adds(&sb, PG_SCHEMA_PRELUDE);
	pg_schema_translate(schema_migration(from_version), &sb);
	return sbuf_detach(&sb);
}

static void pg_close(struct kfq_db *db)
{
	struct pg_be *b = be(db);
	PQfinish(b->conn);
	for (size_t i = 0; i < b->nprepared; i++)
		free(b->keys[i]);
	free(b->keys);
	strmap_release(&b->prepared);
	free(b);
	db->be = NULL;
}

/* The URL without its password, for messages. */
static char *public_name(const char *url)
{
	const char *at = strchr(url, '@'), *scheme = strstr(url, "://");
	const char *colon;
	char *s;
	if (!at || !scheme || at < scheme)
		return xstrdup(url);
	colon = memchr(scheme + 3, ':', (size_t)(at - scheme - 3));
	if (!colon)
		return xstrdup(url);
	s = xmalloc(strlen(url) + 8);
	snprintf(s, strlen(url) + 8, "%.*s:***%s", (int)(colon - url), url, at);
	return s;
}

/* The first schema of the search path, when the URL names one of its own
 * (options=-csearch_path=zone1): created by kfq init (DB_CREATE), else it
 * must exist. A database used as it is (public) needs nothing. */
static int own_schema(struct kfq_db *db, enum db_open_mode mode, struct kfq_err *err)
{
	PGconn *c = be(db)->conn;
	int failed;
	char *path = scalar(db, "SHOW search_path", &failed), *name, *q, *sql;
	size_t len;
	PGresult *res;
	const char *params[1];
	int exists;

	if (failed)
		return kfq_fault(err, "%s: reading the search path: %s", db->name, be(db)->errmsg);
	len = strcspn(path, ",");
	while (len && path[len - 1] == ' ')
		len--;
	path[len] = '\0';
	name = path[0] == '"' && len > 1 ? path + 1 : path;
	if (name != path)
		name[strlen(name) - 1] = '\0';
	if (strcmp(name, "$user") == 0 || strcmp(name, "public") == 0 || !*name) {
		free(path);
		return 0;
	}
	params[0] = name;
	res = PQexecParams(c, "SELECT count(*) FROM pg_namespace WHERE nspname = $1", 1, NULL, params,
	                   NULL, NULL, 0);
	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		keep_error(db, res);
		PQclear(res);
		free(path);
		return kfq_fault(err, "%s: reading the schemas: %s", db->name, be(db)->errmsg);
	}
	exists = atoi(PQgetvalue(res, 0, 0)) > 0;
	PQclear(res);
	if (exists) {
		free(path);
		return 0;
	}
	if (mode == DB_EXISTING) {
		kfq_error(err, "no kfq database at %s (no schema \"%s\"; create it with "
		          "`kfq --db URL init`)", db->name, name);
		free(path);
		return -1;
	}
	q = PQescapeIdentifier(c, name, strlen(name));
	free(path);
	if (!q)
		return kfq_fault(err, "%s: %s", db->name, PQerrorMessage(c));
	sql = xmalloc(strlen(q) + 32);
	snprintf(sql, strlen(q) + 32, "CREATE SCHEMA IF NOT EXISTS %s", q);
	PQfreemem(q);
	failed = pg_exec(db, sql, err);
	free(sql);
	return failed;
}

static int pg_open(struct kfq_db *db, const char *url, enum db_open_mode mode,
                   struct kfq_err *err)
{
	struct pg_be *b = xcalloc(1, sizeof *b);
	int v;

	free(db->name);
	db->name = public_name(url);
	db->be = b;
	strmap_init(&b->prepared);
	b->conn = PQconnectdb(url);
	if (PQstatus(b->conn) != CONNECTION_OK) {
		char msg[512];
		snprintf(msg, sizeof msg, "%s", PQerrorMessage(b->conn));
		msg[strcspn(msg, "\n")] = '\0';
		return kfq_error(err, "%s: cannot connect to the database: %s", db->name, msg);
	}
	if (pg_exec(db, "SET client_min_messages = warning; SET client_encoding = 'UTF8'", err) < 0 ||
	    own_schema(db, mode, err) < 0)
		return -1;
	if ((v = pg_version(db)) < 0)
		return kfq_fault(err, "%s: reading the schema version: %s", db->name, b->errmsg);
	if (v == 0 && mode == DB_EXISTING)
		return kfq_error(err, "no kfq database at %s (create one with `kfq --db URL init`)",
		                 db->name);
	if (v > schema_count())
		return kfq_error(err, "%s: schema version %d is newer than this kfq understands (%d); "
		                 "use a newer kfq", db->name, v, schema_count());
	return 0;
}

/* ---- statements ---- */

static const struct stmt_ops PG_STMT_OPS;

/* sql with ? and ?N as $N (outside quoted text); the highest N in *n. */
static char *placeholders(const char *sql, int *n)
{
	struct sbuf sb;
	int next = 0, max = 0;
	char quote = 0;
	sbuf_init(&sb);
	for (const char *p = sql; *p; p++) {
		if (quote) {
			sbuf_addc(&sb, *p);
			if (*p == quote)
				quote = 0;
			continue;
		}
		if (*p == '\'' || *p == '"') {
			quote = *p;
			sbuf_addc(&sb, *p);
			continue;
		}
		if (*p != '?') {
			sbuf_addc(&sb, *p);
			continue;
		}
		if (p[1] >= '0' && p[1] <= '9') {
			int k = (int)strtol(p + 1, (char **)&p, 10);
			p--;
			if (k > max)
				max = k;
			sbuf_addf(&sb, "$%d", k);
		} else {
			/* a bare ? takes the number after the highest so far, as in SQLite */
			next = max + 1;
			max = next;
			sbuf_addf(&sb, "$%d", next);
		}
	}
	*n = max;
	return sbuf_detach(&sb);
}

static int pg_prepare(struct kfq_db *db, const char *sql, struct kfq_stmt **out,
                      struct kfq_err *err)
{
	struct pg_stmt *st = xcalloc(1, sizeof *st);
	(void)err;
	st->head.ops = &PG_STMT_OPS;
	st->head.db = db;
	st->sql = placeholders(sql, &st->nparams);
	st->p = xcalloc((size_t)(st->nparams ? st->nparams : 1), sizeof *st->p);
	st->vals = xcalloc((size_t)(st->nparams ? st->nparams : 1), sizeof *st->vals);
	st->lens = xcalloc((size_t)(st->nparams ? st->nparams : 1), sizeof *st->lens);
	st->fmts = xcalloc((size_t)(st->nparams ? st->nparams : 1), sizeof *st->fmts);
	st->types = xcalloc((size_t)(st->nparams ? st->nparams : 1), sizeof *st->types);
	st->row = -1;
	*out = &st->head;
	return 0;
}

static struct pg_param *param(struct kfq_stmt *st, int i)
{
	struct pg_stmt *s = pq(st);
	if (i < 1 || i > s->nparams)
		return NULL;   /* as SQLite: binding a parameter that is not there does nothing */
	free(s->p[i - 1].val);
	memset(&s->p[i - 1], 0, sizeof s->p[i - 1]);
	return &s->p[i - 1];
}

static void pg_bind_text(struct kfq_stmt *st, int i, const char *s, int copy)
{
	struct pg_param *p = param(st, i);
	(void)copy;   /* always copied: the server reads it at the step */
	if (!p)
		return;
	p->val = xstrdup(s);
	p->len = (int)strlen(s);
	p->type = OID_UNKNOWN;   /* the server infers it from where it stands */
}

static void pg_bind_i64(struct kfq_stmt *st, int i, int64_t v)
{
	struct pg_param *p = param(st, i);
	char buf[32];
	if (!p)
		return;
	snprintf(buf, sizeof buf, "%" PRId64, v);
	p->val = xstrdup(buf);
	p->len = (int)strlen(buf);
	p->type = OID_INT8;
}

static void pg_bind_double(struct kfq_stmt *st, int i, double v)
{
	struct pg_param *p = param(st, i);
	char buf[40];
	if (!p)
		return;
	snprintf(buf, sizeof buf, "%.17g", v);
	p->val = xstrdup(buf);
	p->len = (int)strlen(buf);
	p->type = OID_FLOAT8;
}

static void pg_bind_blob(struct kfq_stmt *st, int i, const void *data, size_t n)
{
	struct pg_param *p = param(st, i);
	if (!p)
		return;
	p->val = xmalloc(n ? n : 1);
	memcpy(p->val, data, n);
	p->len = (int)n;
	p->binary = 1;
	p->type = OID_BYTEA;
}

static void pg_bind_null(struct kfq_stmt *st, int i)
{
	(void)param(st, i);
}

/* After a failed prepare with error state and message msg: give a
 * parameter the server could not type a type, and say whether to try
 * again. "could not determine data type of parameter $N" (42P08, 42P18): $N, bound
 * as text or NULL, becomes text; an operator that does not exist (42883,
 * 42804) for a NULL taken as text: it becomes a whole number. */
static int retype(struct pg_stmt *st, Oid *types, const char *state, const char *msg)
{
	const char *dollar = msg ? strchr(msg, '$') : NULL;
	if ((strcmp(state, "42P18") == 0 || strcmp(state, "42P08") == 0) && dollar) {
		int k = atoi(dollar + 1);
		if (k >= 1 && k <= st->nparams && types[k - 1] == OID_UNKNOWN) {
			types[k - 1] = OID_TEXT;
			return 1;
		}
		return 0;
	}
	if (strcmp(state, "42883") == 0 || strcmp(state, "42804") == 0)
		for (int i = 0; i < st->nparams; i++)
			if (types[i] == OID_TEXT && st->p[i].val == NULL) {
				types[i] = OID_INT8;
				return 1;
			}
	return 0;
}

/* The server-side name (into name, 32 bytes) of st's SQL prepared with
 * these parameter types, preparing it on first use. A parameter the server
 * cannot type from where it stands (NULL, or text, alone in "? IS NULL")
 * is retried as text, then as a whole number. -1 on an error (kept in the
 * backend). */
static int prepared(struct pg_stmt *st, Oid *types, char *name)
{
	struct kfq_db *db = st->head.db;
	struct pg_be *b = be(db);
	struct sbuf key;
	size_t idx;

	for (int attempt = 0; attempt < 2 * st->nparams + 1; attempt++) {
		PGresult *res;
		const char *state;
		sbuf_init(&key);
		sbuf_adds(&key, st->sql);
		sbuf_addc(&key, '\001');
		for (int i = 0; i < st->nparams; i++)
			sbuf_addf(&key, "%u,", (unsigned)types[i]);
		if (strmap_get(&b->prepared, key.buf, &idx)) {
			sbuf_release(&key);
			snprintf(name, 32, "k%zu", idx);
			return 0;
		}
		snprintf(name, 32, "k%zu", b->nprepared);
		res = PQprepare(b->conn, name, st->sql, st->nparams, types);
		if (PQresultStatus(res) == PGRES_COMMAND_OK) {
			PQclear(res);
			XGROW(b->keys, b->nprepared + 1, b->cap);
			b->keys[b->nprepared] = sbuf_detach(&key);
			strmap_put(&b->prepared, b->keys[b->nprepared], b->nprepared);
			b->nprepared++;
			return 0;
		}
		sbuf_release(&key);
		state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
		if (state && retype(st, types, state, PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY))) {
			PQclear(res);
			continue;
		}
		keep_error(db, res);
		PQclear(res);
		return -1;
	}
	return -1;
}

static int pg_step(struct kfq_stmt *kst)
{
	struct pg_stmt *st = pq(kst);
	struct kfq_db *db = kst->db;

	if (!st->started) {
		const char **vals = st->vals;
		int *lens = st->lens, *fmts = st->fmts;
		Oid *types = st->types;
		char name[32];
		ExecStatusType s;
		for (int i = 0; i < st->nparams; i++) {
			vals[i] = st->p[i].val;
			lens[i] = st->p[i].len;
			fmts[i] = st->p[i].binary;
			types[i] = st->p[i].type;
		}
		st->started = 1;
		st->unique = 0;
		if (prepared(st, types, name) < 0)
			return ST_ERROR;
		st->res = PQexecPrepared(be(db)->conn, name, st->nparams, vals, lens, fmts, 0);
		s = PQresultStatus(st->res);
		if (s == PGRES_COMMAND_OK) {
			st->changes = strtoll(PQcmdTuples(st->res), NULL, 10);
			st->nrows = 0;
		} else if (s == PGRES_TUPLES_OK) {
			st->nrows = PQntuples(st->res);
			st->changes = strtoll(PQcmdTuples(st->res), NULL, 10);
		} else {
			const char *state = PQresultErrorField(st->res, PG_DIAG_SQLSTATE);
			st->unique = state && strcmp(state, "23505") == 0;
			keep_error(db, st->res);
			PQclear(st->res);
			st->res = NULL;
			return ST_ERROR;
		}
		st->row = -1;
	}
	if (!st->res)
		return ST_ERROR;
	if (st->row + 1 < st->nrows) {
		st->row++;
		return ST_ROW;
	}
	st->row = st->nrows;
	return ST_DONE;
}

static int pg_unique_violated(const struct kfq_stmt *st)
{
	return ((const struct pg_stmt *)st)->unique;
}

static int64_t pg_changes(const struct kfq_stmt *st)
{
	return ((const struct pg_stmt *)st)->changes;
}

static int pg_columns(struct kfq_stmt *st)
{
	return pq(st)->res ? PQnfields(pq(st)->res) : 0;
}

static int valid_cell(struct pg_stmt *st, int col)
{
	return st->res && st->row >= 0 && st->row < st->nrows && col >= 0 &&
	       col < PQnfields(st->res);
}

static int pg_is_null(struct kfq_stmt *kst, int col);

static const char *pg_name(struct kfq_stmt *kst, int col)
{
	struct pg_stmt *st = pq(kst);
	return st->res && col >= 0 && col < PQnfields(st->res) ? PQfname(st->res, col) : NULL;
}

static int pg_type(struct kfq_stmt *kst, int col)
{
	struct pg_stmt *st = pq(kst);
	if (pg_is_null(kst, col))
		return ST_NULL_T;
	switch (PQftype(st->res, col)) {
	case 16: case 20: case 21: case 23:   /* bool, int8, int2, int4 */
		return ST_INTEGER_T;
	case 700: case 701:                   /* float4, float8 */
		return ST_FLOAT_T;
	case OID_BYTEA:
		return ST_BLOB_T;
	default:
		return ST_TEXT_T;
	}
}

static int pg_is_null(struct kfq_stmt *kst, int col)
{
	struct pg_stmt *st = pq(kst);
	return !valid_cell(st, col) || PQgetisnull(st->res, st->row, col);
}

static const char *pg_text(struct kfq_stmt *kst, int col)
{
	struct pg_stmt *st = pq(kst);
	if (pg_is_null(kst, col))
		return NULL;
	return PQgetvalue(st->res, st->row, col);
}

static int64_t pg_i64(struct kfq_stmt *kst, int col)
{
	const char *s = pg_text(kst, col);
	if (!s)
		return 0;
	if (s[0] == 't' && s[1] == '\0')
		return 1;   /* a boolean, as SQLite gives it */
	if (s[0] == 'f' && s[1] == '\0')
		return 0;
	if (strchr(s, '.') || strchr(s, 'e') || strchr(s, 'E'))
		return (int64_t)strtod(s, NULL);
	return strtoll(s, NULL, 10);
}

static double pg_double(struct kfq_stmt *kst, int col)
{
	const char *s = pg_text(kst, col);
	if (!s)
		return 0;
	if (s[0] == 't' && s[1] == '\0')
		return 1;
	return strtod(s, NULL);
}

static const void *pg_blob(struct kfq_stmt *kst, int col, size_t *n)
{
	struct pg_stmt *st = pq(kst);
	const char *s = pg_text(kst, col);
	*n = 0;
	if (st->blob) {
		PQfreemem(st->blob);
		st->blob = NULL;
	}
	if (!s)
		return NULL;
	st->blob = PQunescapeBytea((const unsigned char *)s, n);
	return st->blob;
}

static void pg_reset(struct kfq_stmt *kst)
{
	struct pg_stmt *st = pq(kst);
	if (st->res)
		PQclear(st->res);
	if (st->blob)
		PQfreemem(st->blob);
	st->blob = NULL;
	st->res = NULL;
	st->started = 0;
	st->row = -1;
	st->nrows = 0;
}

static void pg_clear(struct kfq_stmt *kst)
{
	struct pg_stmt *st = pq(kst);
	for (int i = 0; i < st->nparams; i++) {
		free(st->p[i].val);
		memset(&st->p[i], 0, sizeof st->p[i]);
	}
}

static void pg_finalize(struct kfq_stmt *kst)
{
	struct pg_stmt *st = pq(kst);
	pg_reset(kst);
	pg_clear(kst);
	free(st->p);
	free(st->vals);
	free(st->lens);
	free(st->fmts);
	free(st->types);
	free(st->sql);
	free(st);
}

static const struct stmt_ops PG_STMT_OPS = {
	.bind_text = pg_bind_text,
	.bind_i64 = pg_bind_i64,
	.bind_double = pg_bind_double,
	.bind_blob = pg_bind_blob,
	.bind_null = pg_bind_null,
	.step = pg_step,
	.unique_violated = pg_unique_violated,
	.changes = pg_changes,
	.columns = pg_columns,
	.type = pg_type,
	.name = pg_name,
	.is_null = pg_is_null,
	.text = pg_text,
	.i64 = pg_i64,
	.dbl = pg_double,
	.blob = pg_blob,
	.reset = pg_reset,
	.clear = pg_clear,
	.finalize = pg_finalize,
};

/* The identity sequence of table's id after the largest id in it. */
static int pg_sync_ids(struct kfq_db *db, const char *table, struct kfq_err *err)
{
	char sql[256];
	snprintf(sql, sizeof sql, "SELECT setval(pg_get_serial_sequence('%s', 'id'), "
	         "coalesce(max(id), 0) + 1, false) FROM %s", table, table);
	return pg_exec(db, sql, err);
}

/* ---- bulk loading: COPY ... FROM STDIN ---- */

struct pg_bulk {
	struct kfq_bulk head;     /* head.ins: the statement the values are bound on */
	struct sbuf buf;          /* rows not sent yet */
};

static int pg_bulk_begin(struct kfq_db *db, const char *table, const char *const *cols,
                         int ncols, struct kfq_bulk **out, struct kfq_stmt **st,
                         struct kfq_err *err)
{
	struct pg_bulk *b;
	struct pg_stmt *ps;
	struct sbuf sql;
	PGresult *res;

	sbuf_init(&sql);
	sbuf_addf(&sql, "COPY %s(", table);
	for (int c = 0; c < ncols; c++)
		sbuf_addf(&sql, "%s%s", c ? ", " : "", cols[c]);
	sbuf_adds(&sql, ") FROM STDIN");
	res = PQexec(be(db)->conn, sql.buf);
	sbuf_release(&sql);
	if (PQresultStatus(res) != PGRES_COPY_IN) {
		keep_error(db, res);
		PQclear(res);
		return kfq_fault(err, "%s: %s: %s", db->name, table, be(db)->errmsg);
	}
	PQclear(res);
	b = xcalloc(1, sizeof *b);
	ps = xcalloc(1, sizeof *ps);
	ps->head.ops = &PG_STMT_OPS;
	ps->head.db = db;
	ps->sql = xstrdup("");
	ps->nparams = ncols;
	ps->p = xcalloc((size_t)ncols, sizeof *ps->p);
	ps->vals = xcalloc((size_t)ncols, sizeof *ps->vals);
	ps->lens = xcalloc((size_t)ncols, sizeof *ps->lens);
	ps->fmts = xcalloc((size_t)ncols, sizeof *ps->fmts);
	ps->types = xcalloc((size_t)ncols, sizeof *ps->types);
	ps->row = -1;
	b->head.db = db;
	b->head.ins = &ps->head;
	b->head.table = table;
	sbuf_init(&b->buf);
	*out = &b->head;
	*st = &ps->head;
	return 0;
}

/* v (len bytes) as COPY's text format writes a value. */
static void copy_text(struct sbuf *out, const char *v, int len)
{
	for (int i = 0; i < len; i++) {
		char c = v[i];
		if (c == '\\')
			sbuf_adds(out, "\\\\");
		else if (c == '\t')
			sbuf_adds(out, "\\t");
		else if (c == '\n')
			sbuf_adds(out, "\\n");
		else if (c == '\r')
			sbuf_adds(out, "\\r");
		else
			sbuf_addc(out, c);
	}
}

static int pg_bulk_flush(struct pg_bulk *b, struct kfq_err *err)
{
	struct kfq_db *db = b->head.db;
	if (b->buf.len && PQputCopyData(be(db)->conn, b->buf.buf, (int)b->buf.len) != 1) {
		snprintf(be(db)->errmsg, sizeof be(db)->errmsg, "%s", PQerrorMessage(be(db)->conn));
		return kfq_fault(err, "%s: %s: %s", db->name, b->head.table, be(db)->errmsg);
	}
	sbuf_reset(&b->buf);
	return 0;
}

static int pg_bulk_row(struct kfq_bulk *kb, struct kfq_err *err)
{
	struct pg_bulk *b = (struct pg_bulk *)kb;
	struct pg_stmt *ps = pq(kb->ins);
	static const char HEX[] = "0123456789abcdef";
	for (int c = 0; c < ps->nparams; c++) {
		const struct pg_param *p = &ps->p[c];
		if (c)
			sbuf_addc(&b->buf, '\t');
		if (!p->val) {
			sbuf_adds(&b->buf, "\\N");
		} else if (p->binary) {
			/* bytea in hex: \x0a1b, its backslash doubled for COPY */
			sbuf_adds(&b->buf, "\\\\x");
			for (int i = 0; i < p->len; i++) {
				unsigned char u = (unsigned char)p->val[i];
				sbuf_addc(&b->buf, HEX[u >> 4]);
				sbuf_addc(&b->buf, HEX[u & 15]);
			}
		} else {
			copy_text(&b->buf, p->val, p->len);
		}
	}
	sbuf_addc(&b->buf, '\n');
	pg_clear(kb->ins);
	return b->buf.len >= (1u << 16) ? pg_bulk_flush(b, err) : 0;
}

static int pg_bulk_end(struct kfq_bulk *kb, struct kfq_err *err)
{
	struct pg_bulk *b = (struct pg_bulk *)kb;
	struct kfq_db *db = kb->db;
	PGconn *conn = be(db)->conn;
	PGresult *res;
	int rc = pg_bulk_flush(b, err);
	if (PQputCopyEnd(conn, rc < 0 ? "the load was given up" : NULL) != 1 && rc == 0)
		rc = kfq_fault(err, "%s: %s: %s", db->name, kb->table, PQerrorMessage(conn));
	while ((res = PQgetResult(conn)) != NULL) {
		if (PQresultStatus(res) != PGRES_COMMAND_OK && rc == 0) {
			keep_error(db, res);
			rc = kfq_fault(err, "%s: %s: %s", db->name, kb->table, be(db)->errmsg);
		}
		PQclear(res);
	}
	pg_finalize(kb->ins);
	sbuf_release(&b->buf);
	free(b);
	return rc;
}

const struct db_ops DB_PG_OPS = {
	.engine = "PostgreSQL",
	.open = pg_open,
	.close = pg_close,
	.exec = pg_exec,
	.prepare = pg_prepare,
	.errmsg = pg_errmsg,
	.version = pg_version,
	.set_version = pg_set_version,
	.migration = pg_migration,
	.retryable = pg_retryable,
	.sync_ids = pg_sync_ids,
	.bulk_begin = pg_bulk_begin,
	.bulk_row = pg_bulk_row,
	.bulk_end = pg_bulk_end,
	.begin_sql = "BEGIN ISOLATION LEVEL SERIALIZABLE",
};
