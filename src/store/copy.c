/* copy.c: a whole kfq database copied into a new one, either way between
 * SQLite and PostgreSQL (a zone joining a province's server, or a server's
 * zone taken home to one file): every table, the history included, in one
 * transaction on the target, all or nothing (see copy.h). Depends on
 * store/db and store/schema; it knows no engine. */
#include "store/copy.h"
#include "store/schema.h"
#include "base/sbuf.h"
#include "base/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The self-referring column of table, or NULL. */
static const char *self_ref(const char *table)
{
	for (size_t i = 0; SCHEMA_SELF_REFS[i][0]; i++)
		if (strcmp(SCHEMA_SELF_REFS[i][0], table) == 0)
			return SCHEMA_SELF_REFS[i][1];
	return NULL;
}

static int is_id_table(const char *table)
{
	for (size_t i = 0; SCHEMA_ID_TABLES[i]; i++)
		if (strcmp(SCHEMA_ID_TABLES[i], table) == 0)
			return 1;
	return 0;
}

/* The rows of table in db into *n. */
static int count_rows(struct kfq_db *db, const char *table, int64_t *n, struct kfq_err *err)
{
	char sql[96];
	struct kfq_stmt *st;
	int rc;
	snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", table);
	if (db_prepare(db, sql, &st, err) < 0)
		return -1;
	if ((rc = st_step(st)) == ST_ROW)
		*n = st_i64(st, 0);
	else
		db_fault(db, err, "counting rows");
	st_finalize(st);
	return rc == ST_ROW ? 0 : -1;
}

/* Bind column c of the source row to parameter c + 1 of ins, as its type. */
static void bind_as(struct kfq_stmt *ins, struct kfq_stmt *src, int c)
{
	size_t n;
	const void *p;
	switch (st_type(src, c)) {
	case ST_INTEGER_T:
		st_bind_i64(ins, c + 1, st_i64(src, c));
		break;
	case ST_FLOAT_T:
		st_bind_double(ins, c + 1, st_double(src, c));
		break;
	case ST_TEXT_T:
		st_bind_text_copy(ins, c + 1, st_text(src, c));
		break;
	case ST_BLOB_T:
		p = st_blob(src, c, &n);
		if (p)
			st_bind_blob(ins, c + 1, p, n);
		else
			st_bind_blob(ins, c + 1, "", 0);
		break;
	default:
		st_bind_null(ins, c + 1);
	}
}

/* The ids of table's rows in an order in which a row that refers to
 * another row of the table (column self) comes after it: into *ids (the
 * caller frees it), *n of them. A cycle is a fault (the schema allows
 * none). */
static int referred_first(struct kfq_db *db, const char *table, const char *self, int64_t **ids,
                          size_t *n, struct kfq_err *err)
{
	struct kfq_stmt *st;
	struct sbuf sql;
	int64_t *id = NULL, *ref = NULL;
	unsigned char *done;
	size_t cap = 0, nr = 0, out = 0;
	int rc;

	*ids = NULL;
	*n = 0;
	sbuf_init(&sql);
	sbuf_addf(&sql, "SELECT id, %s FROM %s ORDER BY id", self, table);
	rc = db_prepare(db, sql.buf, &st, err);
	sbuf_release(&sql);
	if (rc < 0)
		return -1;
	while ((rc = st_step(st)) == ST_ROW) {
		if (nr == cap) {
			cap = cap ? cap * 2 : 256;
			id = xrealloc(id, cap * sizeof *id);
			ref = xrealloc(ref, cap * sizeof *ref);
		}
		id[nr] = st_i64(st, 0);
		ref[nr] = st_null(st, 1) ? 0 : st_i64(st, 1);
		nr++;
	}
	if (rc != ST_DONE)
		db_fault(db, err, table);
	st_finalize(st);
	if (rc != ST_DONE) {
		free(id);
		free(ref);
		return -1;
	}
	/* passes over the rows: each takes those whose row referred to is out */
	done = xcalloc(nr ? nr : 1, 1);
	*ids = xmalloc((nr ? nr : 1) * sizeof **ids);
	for (int progress = 1; progress && out < nr;) {
		progress = 0;
		for (size_t i = 0; i < nr; i++) {
			int ready = !done[i];
			if (ready && ref[i]) {
				ready = 0;
				for (size_t k = 0; k < out; k++)
					if ((*ids)[k] == ref[i]) {
						ready = 1;
						break;
					}
			}
			if (ready) {
				done[i] = 1;
				(*ids)[out++] = id[i];
				progress = 1;
			}
		}
	}
	free(done);
	free(id);
	free(ref);
	if (out < nr) {
		free(*ids);
		*ids = NULL;
		return kfq_fault(err, "%s: %zu rows refer to each other in a cycle", table, nr - out);
	}
	*n = out;
	return 0;
}

/* A table being written: the bulk load, begun on its first row (whose
 * column names it takes). */
struct load {
	const char *table;
	struct kfq_bulk *b;
	struct kfq_stmt *ins;
	char **names;
	int ncols;
};

/* Write src's current row into the load (begun when it is the first). */
static int put_row(struct kfq_db *to, struct load *l, struct kfq_stmt *src, struct kfq_err *err)
{
	if (!l->b) {
		l->ncols = st_columns(src);
		l->names = xcalloc((size_t)l->ncols, sizeof *l->names);
		for (int c = 0; c < l->ncols; c++)
			l->names[c] = xstrdup(st_name(src, c));
		if (db_bulk_begin(to, l->table, (const char *const *)l->names, l->ncols, &l->b, &l->ins,
		                  err) < 0) {
			l->b = NULL;
			return -1;
		}
	}
	for (int c = 0; c < l->ncols; c++)
		bind_as(l->ins, src, c);
	return bulk_row(l->b, err);
}

/* Finish the load (ok: keep it, else give it up); -1 on an error. */
static int end_load(struct load *l, int ok, struct kfq_err *err)
{
	struct kfq_err ignored;
	int rc = 0;
	if (l->b)
		rc = bulk_end(l->b, ok ? err : &ignored);
	for (int c = 0; l->names && c < l->ncols; c++)
		free(l->names[c]);
	free(l->names);
	memset(l, 0, sizeof *l);
	return ok ? rc : -1;
}

/* Copy table's rows from one database to the other (the target's
 * transaction in progress), at the engine's fastest (db_bulk_begin); *rows
 * their number. A table whose rows refer to each other (a unit's parent,
 * a replaced item) is written in an order in which the row referred to
 * comes first. */
static int copy_table(struct kfq_db *from, struct kfq_db *to, const char *table, int64_t *rows,
                      struct kfq_err *err)
{
	const char *self = self_ref(table);
	struct kfq_stmt *src = NULL;
	struct load l = { table, NULL, NULL, NULL, 0 };
	struct sbuf sql;
	int64_t *ids = NULL, n = 0;
	size_t nids = 0;
	int ok = 0;

	sbuf_init(&sql);
	if (self) {
		if (referred_first(from, table, self, &ids, &nids, err) < 0)
			goto out;
		sbuf_addf(&sql, "SELECT * FROM %s WHERE id = ?1", table);
		if (db_prepare(from, sql.buf, &src, err) < 0)
			goto out;
		for (size_t i = 0; i < nids; i++) {
			int r;
			st_reset(src);
			st_bind_i64(src, 1, ids[i]);
			if ((r = st_step(src)) != ST_ROW) {
				if (r == ST_ERROR)
					db_fault(from, err, table);
				else
					kfq_fault(err, "%s: row %lld vanished during the copy", table,
					          (long long)ids[i]);
				goto out;
			}
			if (put_row(to, &l, src, err) < 0)
				goto out;
			n++;
		}
	} else {
		int r;
		sbuf_addf(&sql, "SELECT * FROM %s ORDER BY 1", table);
		if (db_prepare(from, sql.buf, &src, err) < 0)
			goto out;
		while ((r = st_step(src)) == ST_ROW) {
			if (put_row(to, &l, src, err) < 0)
				goto out;
			n++;
		}
		if (r != ST_DONE) {
			db_fault(from, err, table);
			goto out;
		}
	}
	ok = 1;
out:
	st_finalize(src);
	free(ids);
	sbuf_release(&sql);
	if (end_load(&l, ok, err) < 0)
		return -1;
	if (is_id_table(table) && db_sync_ids(to, table, err) < 0)
		return -1;
	*rows = n;
	return 0;
}

int db_copy(const struct kfq_ctx *cx, struct kfq_db *from, struct kfq_db *to,
            struct copy_result *res, struct kfq_err *err)
{
	size_t nt = 0;
	int rc = -1;

	memset(res, 0, sizeof *res);
	while (SCHEMA_TABLES[nt])
		nt++;
	res->n = nt;
	res->table = SCHEMA_TABLES;
	res->rows = xcalloc(nt, sizeof *res->rows);
	if (db_schema_version(from) != db_schema_version(to))
		return kfq_fault(err, "%s is at schema version %d and %s at %d", db_name(from),
		                 db_schema_version(from), db_name(to), db_schema_version(to));
	/* a copy goes into an empty database: nothing of the target is lost */
	for (size_t t = 0; t < nt; t++) {
		int64_t n;
		if (count_rows(to, SCHEMA_TABLES[t], &n, err) < 0)
			return -1;
		if (n > 0)
			return kfq_error(err, "%s already holds data (%lld rows in %s): copy into a new, "
			                 "empty database", db_name(to), (long long)n, SCHEMA_TABLES[t]);
	}
	/* one consistent picture of the source, all or nothing on the target */
	if (db_begin(from, cx, err) < 0)
		return -1;
	if (db_begin(to, cx, err) < 0) {
		db_rollback(from);
		return -1;
	}
	for (size_t t = 0; t < nt; t++)
		if (copy_table(from, to, SCHEMA_TABLES[t], &res->rows[t], err) < 0)
			goto out;
	/* the copy holds what the source holds, table by table */
	for (size_t t = 0; t < nt; t++) {
		int64_t n;
		if (count_rows(to, SCHEMA_TABLES[t], &n, err) < 0)
			goto out;
		if (n != res->rows[t]) {
			kfq_fault(err, "%s: %s holds %lld rows after the copy, not %lld", db_name(to),
			          SCHEMA_TABLES[t], (long long)n, (long long)res->rows[t]);
			goto out;
		}
		res->total += n;
	}
	if (db_commit(to, err) < 0)
		goto out_from;
	rc = 0;
	goto out_from;
out:
	db_rollback(to);
out_from:
	db_rollback(from);   /* it only read */
	return rc;
}

void copy_result_release(struct copy_result *r)
{
	free(r->rows);
	r->rows = NULL;
	r->n = 0;
}
