/* testdb.c: shared helpers of the unit tests (see testdb.h). */
#include "testutil.h"
#include "testdb.h"

#include "base/sbuf.h"
#include "base/xalloc.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* ---- the context ---- */

static struct kfq_ctx tdb_cx;

const struct kfq_ctx *tdb_ctx(void)
{
	if (!tdb_cx.who[0])
		ctx_init(&tdb_cx, "tester");
	return &tdb_cx;
}

void tdb_clock(const char *today, const char *now)
{
	struct kfq_err err = { 0 };
	tdb_ctx();
	if (today && ctx_set_today(&tdb_cx, today, "today", &err) < 0)
		fail_msg("%s", err.msg);
	if (now && ctx_set_now(&tdb_cx, now, "now", &err) < 0)
		fail_msg("%s", err.msg);
}

void tdb_clock_reset(void)
{
	ctx_init(&tdb_cx, "tester");
}

/* ---- temporary database files ---- */

int tdb_pg(void)
{
	const char *pg = getenv("KFQ_TEST_PG");
	return pg && *pg;
}

static int fresh_name(char *path, size_t n)
{
	static unsigned counter;
	int fd;
	if (tdb_pg()) {
		/* the base URL with a schema of its own in the search path */
		const char *base = getenv("KFQ_TEST_PG");
		snprintf(path, n, "%s%soptions=-csearch_path%%3Dt%ld_%u", base,
		         strchr(base, '?') ? "&" : "?", (long)getpid(), counter++);
		return 0;
	}
	snprintf(path, n, "/tmp/kfq_test_db_XXXXXX");
	if ((fd = mkstemp(path)) < 0)
		return -1;
	close(fd);
	unlink(path);
	return 0;
}

/* ---- copies of a template database (PostgreSQL) ----
 *
 * On tests/pg.sh's server, KFQ_TEST_PG_TEMPLATE names a database that the
 * migrations have made (scripts/pgtest createdb, then kfq init): a
 * fixture's database (tdb_create) is a copy of it, CREATE DATABASE ...
 * TEMPLATE, which copies its files. That is some 100 ms of the server's CPU
 * against 200 for a schema migrated from nothing, for every fixture. The
 * migrations themselves are still run by the suites' own new schemas
 * (tdb_tmp_name) and by t0200. */

static PGconn *admin;

static const char *template_db(void)
{
	const char *t = getenv("KFQ_TEST_PG_TEMPLATE");
	return tdb_pg() && t && *t ? t : NULL;
}

/* Where a postgresql://HOST/DATABASE?... URL names its database: from
 * *name, *len bytes; -1 when it does not. */
static int dbname_of(const char *url, const char **name, int *len)
{
	const char *scheme = strstr(url, "://");
	const char *slash = scheme ? strchr(scheme + 3, '/') : NULL;
	if (!slash)
		return -1;
	*name = slash + 1;
	*len = (int)strcspn(slash + 1, "?");
	return 0;
}

/* The base URL with its database's name replaced by name. */
static void url_of(const char *name, char *path, size_t n)
{
	const char *base = getenv("KFQ_TEST_PG"), *d = NULL;
	int len = 0;
	if (dbname_of(base, &d, &len) < 0)
		fail_msg("KFQ_TEST_PG is not a postgresql://HOST/DATABASE URL: %s", base);
	snprintf(path, n, "%.*s%s%s", (int)(d - base), base, name, d + len);
}

static int admin_exec(const char *sql)
{
	PGresult *r;
	int ok;
	if (!admin) {
		admin = PQconnectdb(getenv("KFQ_TEST_PG"));
		if (PQstatus(admin) != CONNECTION_OK) {
			fprintf(stderr, "testdb: %s", PQerrorMessage(admin));
			PQfinish(admin);
			admin = NULL;
			return -1;
		}
	}
	r = PQexec(admin, sql);
	ok = PQresultStatus(r) == PGRES_COMMAND_OK;
	if (!ok)
		fprintf(stderr, "testdb: %s: %s", sql, PQerrorMessage(admin));
	PQclear(r);
	return ok ? 0 : -1;
}

static int template_copy(char *path, size_t n)
{
	static unsigned counter;
	char name[64], sql[192];
	snprintf(name, sizeof name, "c%ld_%u", (long)getpid(), counter++);
	snprintf(sql, sizeof sql, "CREATE DATABASE %s TEMPLATE %s STRATEGY FILE_COPY", name,
	         template_db());
	if (admin_exec(sql) < 0)
		return -1;
	url_of(name, path, n);
	return 0;
}

void tdb_tmp_name(char *path, size_t n)
{
	assert_int_equal(fresh_name(path, n), 0);
}

void tdb_remove(const char *path)
{
	static const char *const suffix[] = { "", "-wal", "-shm", "-journal" };
	char name[TDB_PATH_MAX + 16];
	if (tdb_pg()) {
		const char *s = strstr(path, "search_path%3D");
		struct kfq_db *db;
		struct kfq_err err = { 0 };
		char sql[96];
		/* a throwaway server (tests/pg.sh) is removed whole at the end:
		 * dropping each schema (some 80 ms of the server's CPU, after
		 * some 150 ms to create it) would only be work */
		if (getenv("KFQ_TEST_PG_THROWAWAY"))
			return;
		if (!s && template_db()) {   /* a copy of the template: its own database */
			const char *d;
			int len;
			if (dbname_of(path, &d, &len) < 0)
				return;
			snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %.*s WITH (FORCE)", len, d);
			admin_exec(sql);
			return;
		}
		if (!s || db_open(&db, path, DB_EXISTING, &err) < 0)
			return;   /* never created */
		snprintf(sql, sizeof sql, "DROP SCHEMA IF EXISTS %s CASCADE", s + 14);
		if (db_exec(db, sql, &err) < 0)
			fprintf(stderr, "tdb_remove: %s\n", err.msg);
		db_close(db);
		return;
	}
	for (size_t i = 0; i < sizeof suffix / sizeof suffix[0]; i++) {
		snprintf(name, sizeof name, "%s%s", path, suffix[i]);
		unlink(name);
	}
}

int tdb_create(char *path, size_t n, struct kfq_db **db)
{
	struct kfq_err err = { 0 };

	if ((template_db() ? template_copy(path, n) : fresh_name(path, n)) != 0)
		return -1;
	if (db_open(db, path, DB_CREATE, &err) != 0) {
		fprintf(stderr, "db_open: %s\n", err.msg);
		return -1;
	}
	return 0;
}

void tdb_destroy(struct kfq_db *db, const char *path)
{
	db_close(db);
	tdb_remove(path);
}

/* ---- imports ---- */

void tdb_run_import(struct kfq_db *db, const char *kind, const char *text, int dry_run,
                    struct tdb_imp *r)
{
	struct import_opts o = { 0 };
	FILE *fp;
	int fd;

	memset(r, 0, sizeof *r);
	snprintf(r->file, sizeof r->file, "/tmp/kfq_test_in_XXXXXX");
	fd = mkstemp(r->file);
	assert_true(fd >= 0);
	fp = fdopen(fd, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
	o.kind = kind;
	o.path = r->file;
	o.dry_run = dry_run & 1;
	o.backfill = (dry_run & TDB_BACKFILL) != 0;
	r->rc = import_run(tdb_ctx(), db, &o, &r->res, &r->err);
	unlink(r->file);
}

void tdb_imp_release(struct tdb_imp *r)
{
	import_result_release(&r->res);
}

void tdb_check_ok(const struct tdb_imp *r, const char *kind, size_t added, size_t changed,
                  size_t unchanged)
{
	if (r->rc != 0)
		fail_msg("import %s failed: %s\n%s", kind, r->err.msg,
		         r->res.messages ? r->res.messages : "");
	assert_int_equal(r->res.added, added);
	assert_int_equal(r->res.changed, changed);
	assert_int_equal(r->res.unchanged, unchanged);
	assert_int_equal(r->res.bad_rows, 0);
	assert_null(r->res.messages);
}

void tdb_import_ok(struct kfq_db *db, const char *kind, const char *text, size_t added,
                   size_t changed, size_t unchanged)
{
	struct tdb_imp r;
	tdb_run_import(db, kind, text, 0, &r);
	tdb_check_ok(&r, kind, added, changed, unchanged);
	tdb_imp_release(&r);
}

void tdb_load(struct kfq_db *db, const char *kind, const char *text)
{
	struct tdb_imp r;
	tdb_run_import(db, kind, text, 0, &r);
	if (r.rc != 0)
		fail_msg("import %s failed: %s\n%s", kind, r.err.msg,
		         r.res.messages ? r.res.messages : "");
	tdb_imp_release(&r);
}

void tdb_assert_msg_line(const struct tdb_imp *r, size_t line, const char *needle)
{
	char prefix[96];
	const char *m = r->res.messages, *p;

	if (!m)
		fail_msg("no messages (wanted line %zu: %s); err: %s", line, needle, r->err.msg);
	snprintf(prefix, sizeof prefix, "%s:%zu: ", r->file, line);
	for (p = strstr(m, prefix); p; p = strstr(p + 1, prefix)) {
		const char *eol = strchr(p, '\n');
		const char *hit = strstr(p, needle);
		if (hit && (!eol || hit < eol))
			return;
	}
	fail_msg("no message \"%s...%s\" in:\n%s", prefix, needle, m);
}

/* ---- reading the store ---- */

struct kfq_stmt *tdb_prepare(struct kfq_db *db, const char *sql)
{
	struct kfq_stmt *st;
	struct kfq_err err = { 0 };
	if (db_prepare(db, sql, &st, &err) < 0)
		fail_msg("preparing %s: %s", sql, err.msg);
	return st;
}

int64_t tdb_scalar(struct kfq_db *db, const char *sql)
{
	struct kfq_stmt *st;
	int64_t v;
	st = tdb_prepare(db, sql);
	assert_int_equal(st_step(st), ST_ROW);
	v = st_i64(st, 0);
	st_finalize(st);
	return v;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

char *tdb_content(struct kfq_db *db, const char *const tables[])
{
	struct sbuf out;
	sbuf_init(&out);
	for (size_t t = 0; tables[t]; t++) {
		char sql[128];
		struct kfq_stmt *st;
		char **rows = NULL;
		size_t n = 0, cap = 0;
		snprintf(sql, sizeof sql, "SELECT * FROM %s", tables[t]);
		st = tdb_prepare(db, sql);
		while (st_step(st) == ST_ROW) {
			struct sbuf row;
			sbuf_init(&row);
			for (int c = 0; c < st_columns(st); c++) {
				const char *v = st_text(st, c);
				sbuf_addf(&row, "%s|", v ? v : "NULL");
			}
			XGROW(rows, n + 1, cap);
			rows[n++] = sbuf_detach(&row);
		}
		st_finalize(st);
		if (n)
			qsort(rows, n, sizeof *rows, cmp_str);
		sbuf_addf(&out, "[%s]\n", tables[t]);
		for (size_t i = 0; i < n; i++) {
			sbuf_addf(&out, "%s\n", rows[i]);
			free(rows[i]);
		}
		free(rows);
	}
	return sbuf_detach(&out);
}

long tdb_fault_stride(void)
{
	const char *s = getenv("KFQ_TEST_FAULT_STRIDE");
	if (s && atol(s) > 0)
		return atol(s);
	return tdb_pg() ? 7 : 1;
}

void tdb_assert_fault_pending(struct kfq_db *db, long n, const char *what)
{
	struct kfq_err e = { 0 };
	for (long k = 0; k < n; k++) {
		struct kfq_stmt *st;
		if (db_prepare(db, "SELECT 1", &st, &e) < 0) {
			db_fault(db, &e, "probe");   /* the fault told: nothing left over */
			return;
		}
		st_finalize(st);
	}
	fail_msg("%s: the fault at operation %ld failed a statement, and the operation succeeded "
	         "anyway", what, n);
}

struct tdb_counts tdb_counts_of(struct kfq_db *db, const char *const tables[])
{
	struct tdb_counts c = { 0 };
	char sql[128];

	for (; tables[c.n]; c.n++) {
		assert_true(c.n < TDB_MAX_TABLES);
		c.table[c.n] = tables[c.n];
		snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", tables[c.n]);
		c.rows[c.n] = tdb_scalar(db, sql);
	}
	return c;
}

int64_t *tdb_rows(struct tdb_counts *c, const char *table)
{
	for (size_t i = 0; i < c->n; i++)
		if (strcmp(c->table[i], table) == 0)
			return &c->rows[i];
	fail_msg("table %s is not counted", table);
	return NULL;
}

void tdb_assert_counts_equal(const struct tdb_counts *a, const struct tdb_counts *b)
{
	assert_int_equal(a->n, b->n);
	for (size_t i = 0; i < a->n; i++) {
		assert_string_equal(a->table[i], b->table[i]);
		if (a->rows[i] != b->rows[i])
			fail_msg("rows of %s: %lld, then %lld", a->table[i], (long long)a->rows[i],
			         (long long)b->rows[i]);
	}
}
