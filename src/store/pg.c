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
 * which the generic layer retries. With pg_stmt.c, pg_bulk.c and
 * pg_schema.c, the only files that call libpq; this one connects,
 * migrates and runs transactions. Depends on store/backend.h, base and libpq. */
#include "store/pg_part.h"
#include "store/pg.h"
#include "store/schema.h"
#include "base/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- errors ---- */

/* Keep res's error (the first of a failed transaction: what follows it is
 * only "current transaction is aborted"). */
void pg_keep_error(struct kfq_db *db, const PGresult *res)
{
	struct pg_be *b = be(db);
	const char *state = res ? libpq.PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	const char *msg = res ? libpq.PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	if (b->failed_tx && state && strcmp(state, "25P02") == 0)
		return;
	if (!msg)
		msg = libpq.PQerrorMessage(b->conn);
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

int pg_exec(struct kfq_db *db, const char *sql, struct kfq_err *err)
{
	PGresult *res = libpq.PQexec(be(db)->conn, sql);
	ExecStatusType s = libpq.PQresultStatus(res);
	if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK) {
		pg_keep_error(db, res);
		libpq.PQclear(res);
		return kfq_fault(err, "%s: %s", db->name, be(db)->errmsg);
	}
	libpq.PQclear(res);
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
	PGresult *res = libpq.PQexec(be(db)->conn, sql);
	char *v = NULL;
	*failed = libpq.PQresultStatus(res) != PGRES_TUPLES_OK;
	if (*failed)
		pg_keep_error(db, res);
	else if (libpq.PQntuples(res) > 0 && !libpq.PQgetisnull(res, 0, 0))
		v = xstrdup(libpq.PQgetvalue(res, 0, 0));
	libpq.PQclear(res);
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
	sbuf_adds(&sb, schema_migration_triggers(from_version, 1));
	return sbuf_detach(&sb);
}

static void pg_close(struct kfq_db *db)
{
	struct pg_be *b = be(db);
	if (b->conn)
		libpq.PQfinish(b->conn);
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
	res = libpq.PQexecParams(c, "SELECT count(*) FROM pg_namespace WHERE nspname = $1", 1,
	                         NULL, params, NULL, NULL, 0);
	if (libpq.PQresultStatus(res) != PGRES_TUPLES_OK) {
		pg_keep_error(db, res);
		libpq.PQclear(res);
		free(path);
		return kfq_fault(err, "%s: reading the schemas: %s", db->name, be(db)->errmsg);
	}
	exists = atoi(libpq.PQgetvalue(res, 0, 0)) > 0;
	libpq.PQclear(res);
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
	q = libpq.PQescapeIdentifier(c, name, strlen(name));
	free(path);
	if (!q)
		return kfq_fault(err, "%s: %s", db->name, libpq.PQerrorMessage(c));
	sql = xmalloc(strlen(q) + 32);
	snprintf(sql, strlen(q) + 32, "CREATE SCHEMA IF NOT EXISTS %s", q);
	libpq.PQfreemem(q);
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
	if (pg_lib_load(db->name, err) < 0)
		return -1;
	b->conn = libpq.PQconnectdb(url);
	if (libpq.PQstatus(b->conn) != CONNECTION_OK) {
		char msg[512];
		snprintf(msg, sizeof msg, "%s", libpq.PQerrorMessage(b->conn));
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


/* The writer lock of this database (its schema): a session-level advisory
 * lock, taken before BEGIN and let go after the transaction. */
static int pg_writer_lock(struct kfq_db *db, struct kfq_err *err)
{
	return pg_exec(db, "SELECT pg_advisory_lock(4242002, hashtext(current_schema()))", err);
}

static void pg_writer_unlock(struct kfq_db *db)
{
	struct kfq_err ignored;
	pg_exec(db, "SELECT pg_advisory_unlock(4242002, hashtext(current_schema()))", &ignored);
}

/* The identity sequence of table's id after the largest id in it. */
static int pg_sync_ids(struct kfq_db *db, const char *table, struct kfq_err *err)
{
	char sql[256];
	snprintf(sql, sizeof sql, "SELECT setval(pg_get_serial_sequence('%s', 'id'), "
	         "coalesce(max(id), 0) + 1, false) FROM %s", table, table);
	return pg_exec(db, sql, err);
}

const struct db_ops DB_PG_OPS = {
	.engine = "PostgreSQL",
	.remote = 1,
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
	.writer_lock = pg_writer_lock,
	.writer_unlock = pg_writer_unlock,
	.bulk_begin = pg_bulk_begin,
	.bulk_row = pg_bulk_row,
	.bulk_end = pg_bulk_end,
	.begin_sql = "BEGIN ISOLATION LEVEL SERIALIZABLE",
};
