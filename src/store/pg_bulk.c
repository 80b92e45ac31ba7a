/* pg_bulk.c: bulk loading on PostgreSQL (db_bulk_begin, see db.h): COPY
 * ... FROM STDIN in text format, the rows' values bound on a statement that
 * is never sent, escaped and sent 64 KiB at a time. Depends on
 * store/pg_part.h, base and libpq. */
#include "store/pg_part.h"
#include "base/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- bulk loading: COPY ... FROM STDIN ---- */

struct pg_bulk {
	struct kfq_bulk head;     /* head.ins: the statement the values are bound on */
	struct sbuf buf;          /* rows not sent yet */
};

int pg_bulk_begin(struct kfq_db *db, const char *table, const char *const *cols,
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
	res = libpq.PQexec(be(db)->conn, sql.buf);
	sbuf_release(&sql);
	if (libpq.PQresultStatus(res) != PGRES_COPY_IN) {
		pg_keep_error(db, res);
		libpq.PQclear(res);
		return kfq_fault(err, "%s: %s: %s", db->name, table, be(db)->errmsg);
	}
	libpq.PQclear(res);
	b = xcalloc(1, sizeof *b);
	ps = pg_stmt_new(db, "", ncols);
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
	if (b->buf.len && libpq.PQputCopyData(be(db)->conn, b->buf.buf, (int)b->buf.len) != 1) {
		snprintf(be(db)->errmsg, sizeof be(db)->errmsg, "%s",
		         libpq.PQerrorMessage(be(db)->conn));
		return kfq_fault(err, "%s: %s: %s", db->name, b->head.table, be(db)->errmsg);
	}
	sbuf_reset(&b->buf);
	return 0;
}

int pg_bulk_row(struct kfq_bulk *kb, struct kfq_err *err)
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

int pg_bulk_end(struct kfq_bulk *kb, struct kfq_err *err)
{
	struct pg_bulk *b = (struct pg_bulk *)kb;
	struct kfq_db *db = kb->db;
	PGconn *conn = be(db)->conn;
	PGresult *res;
	int rc = pg_bulk_flush(b, err);
	if (libpq.PQputCopyEnd(conn, rc < 0 ? "the load was given up" : NULL) != 1 && rc == 0)
		rc = kfq_fault(err, "%s: %s: %s", db->name, kb->table, libpq.PQerrorMessage(conn));
	while ((res = libpq.PQgetResult(conn)) != NULL) {
		if (libpq.PQresultStatus(res) != PGRES_COMMAND_OK && rc == 0) {
			pg_keep_error(db, res);
			rc = kfq_fault(err, "%s: %s: %s", db->name, kb->table, be(db)->errmsg);
		}
		libpq.PQclear(res);
	}
	pg_finalize(kb->ins);
	sbuf_release(&b->buf);
	free(b);
	return rc;
}
