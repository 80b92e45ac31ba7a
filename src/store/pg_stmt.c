/* pg_stmt.c: the PostgreSQL backend's statements (see pg.c): ? and ?N
 * turned into $N, values bound as text with the types the bindings give,
 * each SQL text prepared on the server once per connection and set of
 * types (an untyped NULL retried as text, then as a whole number), the
 * result read row by row, booleans read as 1 and 0 as SQLite gives them.
 * Depends on store/pg_part.h, base and libpq. */
#include "store/pg_part.h"
#include "base/xalloc.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- statements ---- */


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

struct pg_stmt *pg_stmt_new(struct kfq_db *db, const char *sql, int nparams)
{
	struct pg_stmt *st = xcalloc(1, sizeof *st);
	size_t n = (size_t)(nparams ? nparams : 1);
	st->head.ops = &PG_STMT_OPS;
	st->head.db = db;
	st->sql = xstrdup(sql);
	st->nparams = nparams;
	st->p = xcalloc(n, sizeof *st->p);
	st->vals = xcalloc(n, sizeof *st->vals);
	st->lens = xcalloc(n, sizeof *st->lens);
	st->fmts = xcalloc(n, sizeof *st->fmts);
	st->types = xcalloc(n, sizeof *st->types);
	st->row = -1;
	return st;
}

int pg_prepare(struct kfq_db *db, const char *sql, struct kfq_stmt **out, struct kfq_err *err)
{
	int n;
	char *dollars = placeholders(sql, &n);
	struct pg_stmt *st = pg_stmt_new(db, dollars, n);
	(void)err;
	free(dollars);
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
		res = libpq.PQprepare(b->conn, name, st->sql, st->nparams, types);
		if (libpq.PQresultStatus(res) == PGRES_COMMAND_OK) {
			libpq.PQclear(res);
			XGROW(b->keys, b->nprepared + 1, b->cap);
			b->keys[b->nprepared] = sbuf_detach(&key);
			strmap_put(&b->prepared, b->keys[b->nprepared], b->nprepared);
			b->nprepared++;
			return 0;
		}
		sbuf_release(&key);
		state = libpq.PQresultErrorField(res, PG_DIAG_SQLSTATE);
		if (state &&
		    retype(st, types, state, libpq.PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY))) {
			libpq.PQclear(res);
			continue;
		}
		pg_keep_error(db, res);
		libpq.PQclear(res);
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
		st->res = libpq.PQexecPrepared(be(db)->conn, name, st->nparams, vals, lens, fmts,
		                               0);
		s = libpq.PQresultStatus(st->res);
		if (s == PGRES_COMMAND_OK) {
			st->changes = strtoll(libpq.PQcmdTuples(st->res), NULL, 10);
			st->nrows = 0;
		} else if (s == PGRES_TUPLES_OK) {
			st->nrows = libpq.PQntuples(st->res);
			st->changes = strtoll(libpq.PQcmdTuples(st->res), NULL, 10);
		} else {
			const char *state = libpq.PQresultErrorField(st->res, PG_DIAG_SQLSTATE);
			st->unique = state && strcmp(state, "23505") == 0;
			pg_keep_error(db, st->res);
			libpq.PQclear(st->res);
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
	return pq(st)->res ? libpq.PQnfields(pq(st)->res) : 0;
}

static int valid_cell(struct pg_stmt *st, int col)
{
	return st->res && st->row >= 0 && st->row < st->nrows && col >= 0 &&
	       col < libpq.PQnfields(st->res);
}

static int pg_is_null(struct kfq_stmt *kst, int col);

static const char *pg_name(struct kfq_stmt *kst, int col)
{
	struct pg_stmt *st = pq(kst);
	if (!st->res || col < 0 || col >= libpq.PQnfields(st->res))
		return NULL;
	return libpq.PQfname(st->res, col);
}

static int pg_type(struct kfq_stmt *kst, int col)
{
	struct pg_stmt *st = pq(kst);
	if (pg_is_null(kst, col))
		return ST_NULL_T;
	switch (libpq.PQftype(st->res, col)) {
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
	return !valid_cell(st, col) || libpq.PQgetisnull(st->res, st->row, col);
}

static const char *pg_text(struct kfq_stmt *kst, int col)
{
	struct pg_stmt *st = pq(kst);
	if (pg_is_null(kst, col))
		return NULL;
	return libpq.PQgetvalue(st->res, st->row, col);
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
		libpq.PQfreemem(st->blob);
		st->blob = NULL;
	}
	if (!s)
		return NULL;
	st->blob = libpq.PQunescapeBytea((const unsigned char *)s, n);
	return st->blob;
}

static void pg_reset(struct kfq_stmt *kst)
{
	struct pg_stmt *st = pq(kst);
	if (st->res)
		libpq.PQclear(st->res);
	if (st->blob)
		libpq.PQfreemem(st->blob);
	st->blob = NULL;
	st->res = NULL;
	st->started = 0;
	st->row = -1;
	st->nrows = 0;
}

void pg_clear(struct kfq_stmt *kst)
{
	struct pg_stmt *st = pq(kst);
	for (int i = 0; i < st->nparams; i++) {
		free(st->p[i].val);
		memset(&st->p[i], 0, sizeof st->p[i]);
	}
}

void pg_finalize(struct kfq_stmt *kst)
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

const struct stmt_ops PG_STMT_OPS = {
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