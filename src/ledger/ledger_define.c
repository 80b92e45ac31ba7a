/* ledger_define.c: a ledger's definition stored (see ledger.h): a new
 * ledger, or a change checked against the stored rows (each refitted to
 * the new fields, key and types) and against the figures others use (a
 * formula naming a figure that would go), the figures' indicators put or
 * dropped, all in one transaction. Depends on base, store, model,
 * calc/rollup. */
#include "ledger/ledger.h"
#include "ledger/ledger_part.h"
#include "base/sbuf.h"
#include "base/strmap.h"
#include "base/xalloc.h"
#include "model/indicator.h"
#include "model/lock.h"
#include "model/unit.h"
#include "store/history.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- defining ---- */

static int read_file(const char *path, char **text, size_t *len, struct kfq_err *err)
{
	FILE *fp = fopen(path, "rb");
	size_t cap = 4096, n = 0, got;
	char *buf;
	if (!fp)
		return kfq_error(err, "%s: %s", path, strerror(errno));
	buf = xmalloc(cap);
	while ((got = fread(buf + n, 1, cap - n - 1, fp)) > 0) {
		n += got;
		if (n > DEF_MAX) {
			fclose(fp);
			free(buf);
			return kfq_error(err, "%s: larger than %d bytes: not a ledger definition", path,
			                 DEF_MAX);
		}
		if (n + 1 == cap)
			buf = xrealloc(buf, cap *= 2);
	}
	if (ferror(fp)) {
		fclose(fp);
		free(buf);
		return kfq_error(err, "%s: %s", path, strerror(errno));
	}
	fclose(fp);
	buf[n] = 0;
	*text = buf;
	*len = n;
	return 0;
}

/* Whether formula text names code as a whole word. */
static int names_code(const char *formula, const char *code)
{
	size_t n = strlen(code);
	for (const char *p = formula; (p = strstr(p, code)); p += n) {
		int before = p > formula && (p[-1] == '_' || (p[-1] >= 'a' && p[-1] <= 'z') ||
		                             (p[-1] >= 'A' && p[-1] <= 'Z') || (p[-1] >= '0' && p[-1] <= '9'));
		char a = p[n];
		int after = a == '_' || (a >= 'a' && a <= 'z') || (a >= 'A' && a <= 'Z') ||
		            (a >= '0' && a <= '9');
		if (!before && !after)
			return 1;
	}
	return 0;
}

static long fig_index(const struct ledger_def *d, const char *code)
{
	for (size_t i = 0; i < d->nfig; i++)
		if (strcmp(d->fig[i].code, code) == 0)
			return (long)i;
	return -1;
}

/* A figure code of the new definition: free, this ledger's, or an
 * indicator without data that the ledger takes over; else refused. */
static int check_code(struct kfq_db *db, int64_t ledger, const struct ledger_def *d,
                      const struct ledger_figure *g, const char *path, struct kfq_err *err)
{
	struct kfq_stmt *st;
	int rc;
	int64_t owner = 0;
	char other[200] = "";
	if (db_prepare(db, "SELECT f.ledger_id, l.name FROM ledger_figure f JOIN ledger l ON "
	               "l.id = f.ledger_id WHERE f.code = ?", &st, err) < 0)
		return -1;
	st_bind_text(st, 1, g->code);
	if ((rc = st_step(st)) == ST_ROW) {
		owner = st_i64(st, 0);
		snprintf(other, sizeof other, "%s", st_text(st, 1));
	}
	st_finalize(st);
	if (rc == ST_ERROR)
		return db_fault(db, err, "reading ledger figures");
	if (owner && owner == ledger)
		return 0;
	if (owner)
		return kfq_error(err, "%s:%zu: figure %s is already ledger %s's: choose another code",
		                 path, g->line, g->code, other);
	if (db_prepare(db, "SELECT i.derived, (SELECT count(*) FROM obs o WHERE o.ind_id = i.id) + "
	               "(SELECT count(*) FROM target t WHERE t.ind_id = i.id), i.formula "
	               "FROM indicator i WHERE i.code = ?", &st, err) < 0)
		return -1;
	st_bind_text(st, 1, g->code);
	rc = st_step(st);
	if (rc == ST_ROW && (st_int(st, 0) || st_i64(st, 1) > 0 || !st_null(st, 2))) {
		int computed = st_int(st, 0), formula = !st_null(st, 2);
		rc = kfq_error(err, "%s:%zu: figure %s: indicator %s already exists with %s: choose "
		               "another code", path, g->line, g->code, g->code,
		               computed ? "figures kfq computes from other records" :
		               formula ? "a formula" : "data or targets of its own");
		kfq_err_zh(err, "%s:%zu: 指标 %s: 指标 %s 已存在，且%s：请换一个代码", path, g->line,
		           g->code, g->code, computed ? "其数由 kfq 从其他记录计算" :
		           formula ? "有公式" : "有自己的数据或目标");
	}
	else if (rc == ST_ERROR)
		rc = db_fault(db, err, "reading indicators");
	else
		rc = 0;
	st_finalize(st);
	(void)d;
	return rc;
}

/* A figure of the old definition that the new one drops: refused when an
 * indicator's formula uses it (not a ratio of the new definition, nor a
 * figure of the old one dropped as well). */
static int check_removed(struct kfq_db *db, const struct ledger_def *od,
                         const struct ledger_def *nd, const char *code, const char *path,
                         struct kfq_err *err)
{
	struct kfq_stmt *st;
	int rc, out = 0;
	if (db_prepare(db, "SELECT code, formula FROM indicator WHERE formula IS NOT NULL ORDER BY "
	               "code", &st, err) < 0)
		return -1;
	while (out == 0 && (rc = st_step(st)) == ST_ROW) {
		const char *c = st_text(st, 0);
		long k = fig_index(nd, c);
		/* a ratio of the new definition is put again over its own inputs; a
		 * figure of the old one that goes too does not count */
		if (strcmp(c, code) == 0 || (k >= 0 && nd->fig[k].kind == LFIG_RATIO) ||
		    (k < 0 && fig_index(od, c) >= 0))
			continue;
		if (names_code(st_text(st, 1), code))
			out = kfq_error(err, "%s: figure %s would be removed, but indicator %s's formula "
			                "\"%s\" uses it: keep the figure or change that formula first", path,
			                code, c, st_text(st, 1));
	}
	if (out == 0 && rc != ST_DONE)
		out = db_fault(db, err, "reading indicators");
	st_finalize(st);
	return out;
}

/* Drop the obs of every figure of d (their years to rebuild in todo). */
static int clear_obs(struct kfq_db *db, const char *code, struct rollup_todo *todo,
                     struct kfq_err *err)
{
	struct kfq_stmt *st;
	int rc;
	if (db_prepare(db, "SELECT DISTINCT o.ind_id, o.year FROM obs o WHERE o.ind_id = "
	               "(SELECT id FROM indicator WHERE code = ?)", &st, err) < 0)
		return -1;
	st_bind_text(st, 1, code);
	while ((rc = st_step(st)) == ST_ROW) {
		struct indicator ind = { .id = st_i64(st, 0) };
		rollup_todo_data(todo, &ind, st_int(st, 1));
	}
	st_finalize(st);
	if (rc != ST_DONE)
		return db_fault(db, err, "reading ledger figures");
	if (db_prepare(db, "DELETE FROM obs WHERE ind_id = (SELECT id FROM indicator WHERE code = ?)",
	               &st, err) < 0)
		return -1;
	st_bind_text(st, 1, code);
	rc = st_step(st) == ST_DONE ? 0 : db_fault(db, err, "clearing ledger figures");
	st_finalize(st);
	return rc;
}

struct stored_row {
	char *k, *vals;
	int64_t import_id;     /* 0: none */
};

static int read_rows(struct kfq_db *db, int64_t ledger, struct stored_row **out, size_t *n,
                     struct kfq_err *err)
{
	struct kfq_stmt *st;
	size_t cap = 0;
	int rc;
	*out = NULL;
	*n = 0;
	if (db_prepare(db, "SELECT k, vals, import_id FROM ledger_row WHERE ledger_id = ? ORDER BY k",
	               &st, err) < 0)
		return -1;
	st_bind_i64(st, 1, ledger);
	while ((rc = st_step(st)) == ST_ROW) {
		XGROW(*out, *n + 1, cap);
		(*out)[*n].k = xstrdup(st_text(st, 0));
		(*out)[*n].vals = xstrdup(st_text(st, 1));
		(*out)[*n].import_id = st_null(st, 2) ? 0 : st_i64(st, 2);
		(*n)++;
	}
	st_finalize(st);
	return rc == ST_DONE ? 0 : db_fault(db, err, "reading ledger rows");
}

static void free_rows(struct stored_row *r, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(r[i].k);
		free(r[i].vals);
	}
	free(r);
}

/* The stored rows under the new definition: each value moved to its field
 * by name and checked again; refused with the first row that does not
 * fit. Rewritten when anything changed. */
static int refit_rows(struct kfq_db *db, int64_t ledger, const struct ledger_def *od,
                      const struct ledger_def *nd, const char *path, size_t *nrows,
                      struct kfq_err *err)
{
	struct stored_row *r;
	struct unit_set units;
	struct strmap keys;
	struct sbuf v, k;
	size_t n;
	int rc = 0, differ = 0;
	char (*buf)[VAL_MAX] = xmalloc(nd->nf * sizeof *buf);
	const char **old = xmalloc((od->nf + 1) * sizeof *old), **nv = xmalloc(nd->nf * sizeof *nv);
	char **newv = NULL, **newk = NULL;

	if (read_rows(db, ledger, &r, &n, err) < 0 || units_load(db, &units, err) < 0) {
		free(buf);
		free(old);
		free(nv);
		return -1;
	}
	*nrows = n;
	strmap_init(&keys);
	sbuf_init(&v);
	sbuf_init(&k);
	newv = xcalloc(n ? n : 1, sizeof *newv);
	newk = xcalloc(n ? n : 1, sizeof *newk);
	for (size_t i = 0; rc == 0 && i < n; i++) {
		char *copy = ledger_split(r[i].vals, od->nf, old), shown[600];
		size_t dup;
		ledger_key_shown(r[i].k, shown, sizeof shown);
		for (size_t f = 0; rc == 0 && f < od->nf; f++)
			if (*old[f] && ledger_field_find(nd, od->f[f].name) < 0)
				rc = kfq_error(err, "%s: field \"%s\" would be removed, but row %s holds a "
				               "value in it (\"%s\"): keep the field, or clear it in the rows "
				               "first", path, od->f[f].name, shown, old[f]);
		for (size_t f = 0; rc == 0 && f < nd->nf; f++) {
			long of = ledger_field_find(od, nd->f[f].name);
			const char *was = of >= 0 ? old[of] : "";
			struct kfq_err e2;
			if (ledger_value(&nd->f[f], was, NULL, buf[f], VAL_MAX, &e2) < 0)
				rc = kfq_error(err, "%s: row %s does not fit the new definition: field \"%s\": "
				               "%s", path, shown, nd->f[f].name, e2.msg);
			else if (nd->f[f].type == LF_UNIT && *buf[f] && units_find(&units, buf[f]) < 0)
				rc = kfq_error(err, "%s: row %s: field \"%s\": unknown unit \"%s\"", path,
				               shown, nd->f[f].name, buf[f]);
			nv[f] = buf[f];
		}
		free(copy);
		if (rc)
			break;
		ledger_join_key(nd, nv, &k);
		ledger_join_vals(nd, nv, &v);
		if (strmap_get(&keys, k.buf, &dup)) {
			char other[600];
			ledger_key_shown(r[dup].k, other, sizeof other);
			rc = kfq_error(err, "%s: rows %s and %s would have the same key under the new "
			               "definition", path, other, shown);
			break;
		}
		newk[i] = xstrdup(k.buf);
		strmap_put(&keys, newk[i], i);   /* the map keeps the pointer */
		newv[i] = xstrdup(v.buf);
		differ |= strcmp(newk[i], r[i].k) != 0 || strcmp(newv[i], r[i].vals) != 0;
	}
	if (rc == 0 && differ) {
		struct kfq_stmt *st;
		rc = db_prepare(db, "DELETE FROM ledger_row WHERE ledger_id = ?", &st, err);
		if (rc == 0) {
			st_bind_i64(st, 1, ledger);
			rc = st_step(st) == ST_DONE ? 0 : db_fault(db, err, "rewriting ledger rows");
			st_finalize(st);
		}
		if (rc == 0)
			rc = db_prepare(db, "INSERT INTO ledger_row(ledger_id, k, vals, import_id) VALUES "
			                "(?, ?, ?, ?)", &st, err);
		for (size_t i = 0; rc == 0 && i < n; i++) {
			st_reset(st);
			st_bind_i64(st, 1, ledger);
			st_bind_text(st, 2, newk[i]);
			st_bind_text(st, 3, newv[i]);
			if (r[i].import_id)
				st_bind_i64(st, 4, r[i].import_id);
			else
				st_bind_null(st, 4);
			if (st_step(st) != ST_DONE)
				rc = db_fault(db, err, "rewriting ledger rows");
			if (rc || i + 1 == n)
				st_finalize(st);
		}
		if (rc == 0 && n == 0)
			st_finalize(st);
	}
	for (size_t i = 0; i < n; i++) {
		free(newk[i]);
		free(newv[i]);
	}
	free(newk);
	free(newv);
	free_rows(r, n);
	units_release(&units);
	strmap_release(&keys);
	sbuf_release(&v);
	sbuf_release(&k);
	free(buf);
	free(old);
	free(nv);
	return rc;
}

static int put_indicator(struct kfq_db *db, int64_t ledger, const struct ledger_figure *g,
                         struct kfq_err *err)
{
	char dec_s[4], formula[300];
	struct indicator_row row = { g->code, g->title, g->title_en ? g->title_en : "",
	                             g->measure->name, g->stock ? "stock" : "flow", "sum", dec_s,
	                             NULL, NULL, NULL };
	struct kfq_stmt *st;
	int changed, rc;
	snprintf(dec_s, sizeof dec_s, "%d", g->decimals);
	if (g->kind == LFIG_RATIO) {
		snprintf(formula, sizeof formula, "%s / %s * %s", g->num, g->den, g->scale);
		row.formula = formula;
		row.kind = "stock";
	}
	if (indicator_put(db, &row, &changed, err) < 0)
		return kfq_err_prefix(err, "figure %s", g->code);
	if (db_prepare(db, "UPDATE indicator SET derived = 1 WHERE code = ?", &st, err) < 0)
		return -1;
	st_bind_text(st, 1, g->code);
	rc = st_step(st) == ST_DONE ? 0 : db_fault(db, err, "marking ledger figures");
	st_finalize(st);
	if (rc < 0)
		return -1;
	if (db_prepare(db, "INSERT INTO ledger_figure(code, ledger_id) VALUES (?, ?) ON CONFLICT "
	               "(code) DO NOTHING", &st, err) < 0)
		return -1;
	st_bind_text(st, 1, g->code);
	st_bind_i64(st, 2, ledger);
	rc = st_step(st) == ST_DONE ? 0 : db_fault(db, err, "writing ledger figures");
	st_finalize(st);
	return rc;
}

static int drop_figure(struct kfq_db *db, const char *code, struct rollup_todo *todo,
                       struct kfq_err *err)
{
	struct kfq_stmt *st;
	int rc;
	if (clear_obs(db, code, todo, err) < 0)
		return -1;
	if (db_prepare(db, "DELETE FROM ledger_figure WHERE code = ?", &st, err) < 0)
		return -1;
	st_bind_text(st, 1, code);
	rc = st_step(st) == ST_DONE ? 0 : db_fault(db, err, "removing a ledger figure");
	st_finalize(st);
	/* the indicator goes with it, unless it holds targets (then it stays,
	 * no longer derived, for them) */
	static const char *const SQL[] = {
		"DELETE FROM rollup WHERE ind_id = (SELECT id FROM indicator WHERE code = ?1) AND NOT "
		"EXISTS (SELECT 1 FROM target t JOIN indicator i ON i.id = t.ind_id WHERE i.code = ?1)",
		"DELETE FROM rollup_state WHERE ind_id = (SELECT id FROM indicator WHERE code = ?1) AND "
		"NOT EXISTS (SELECT 1 FROM target t JOIN indicator i ON i.id = t.ind_id WHERE "
		"i.code = ?1)",
		"DELETE FROM indicator WHERE code = ?1 AND NOT EXISTS (SELECT 1 FROM target t WHERE "
		"t.ind_id = indicator.id)",
		"UPDATE indicator SET derived = 0 WHERE code = ?1",
	};
	for (size_t i = 0; rc == 0 && i < sizeof SQL / sizeof SQL[0]; i++) {
		if (db_prepare(db, SQL[i], &st, err) < 0)
			return -1;
		st_bind_text(st, 1, code);
		rc = st_step(st) == ST_DONE ? 0 : db_fault(db, err, "removing a ledger figure");
		st_finalize(st);
	}
	return rc;
}

static int define_in_tx(struct kfq_db *db, const char *path, const char *text,
                        const struct ledger_def *nd, struct define_result *res,
                        struct kfq_err *err)
{
	struct ledger_def od;
	struct rollup_todo todo;
	struct derived_snap before = { NULL, 0 };
	struct kfq_stmt *st;
	char *old_text = NULL;
	int64_t id;
	int rc = 0;

	memset(&od, 0, sizeof od);
	rollup_todo_init(&todo);
	if (ledger_load_text(db, nd->name, &old_text, &id, err) < 0)
		goto fail;
	res->added = !old_text;
	if (old_text && ledger_def_parse("stored definition", old_text, strlen(old_text), &od,
	                                 err) < 0)
		goto fail;
	for (size_t i = 0; i < nd->nfig; i++)
		if (check_code(db, id, nd, &nd->fig[i], path, err) < 0)
			goto fail;
	for (size_t i = 0; i < od.nfig; i++)
		if (fig_index(nd, od.fig[i].code) < 0 && check_removed(db, &od, nd, od.fig[i].code,
		                                                       path, err) < 0)
			goto fail;
	if (old_text) {
		if (refit_rows(db, id, &od, nd, path, &res->rows, err) < 0)
			goto fail;
		if (db_prepare(db, "UPDATE ledger SET title = ?, def = ? WHERE id = ?", &st, err) < 0)
			goto fail;
		st_bind_text(st, 1, nd->title);
		st_bind_text(st, 2, text);
		st_bind_i64(st, 3, id);
		rc = st_step(st) == ST_DONE ? 0 : db_fault(db, err, "writing the ledger");
		st_finalize(st);
	} else {
		if (db_prepare(db, "INSERT INTO ledger(name, title, def) VALUES (?, ?, ?) RETURNING id",
		               &st, err) < 0)
			goto fail;
		st_bind_text(st, 1, nd->name);
		st_bind_text(st, 2, nd->title);
		st_bind_text(st, 3, text);
		if ((rc = st_step(st)) == ST_ROW) {
			id = st_i64(st, 0);
			rc = st_step(st);
		}
		rc = rc == ST_DONE ? 0 : db_fault(db, err, "writing the ledger");
		st_finalize(st);
	}
	if (rc < 0)
		goto fail;
	/* a figure of a month approval has locked holds (model/lock.h) */
	if (derived_snap_read(db, &before, err) < 0)
		goto fail;
	/* the figures: every old one's values dropped, removed ones released,
	 * the new ones' indicators put, then all derived again */
	for (size_t i = 0; i < od.nfig; i++) {
		if (fig_index(nd, od.fig[i].code) < 0) {
			if (drop_figure(db, od.fig[i].code, &todo, err) < 0)
				goto fail;
		} else if (clear_obs(db, od.fig[i].code, &todo, err) < 0)
			goto fail;
	}
	for (int pass = 0; pass < 2; pass++)   /* ratios after the figures they divide */
		for (size_t i = 0; i < nd->nfig; i++)
			if ((nd->fig[i].kind == LFIG_RATIO) == pass && put_indicator(db, id, &nd->fig[i],
			                                                             err) < 0)
				goto fail;
	res->figures = nd->nfig;
	if (ledger_derive(db, id, nd, 0, &todo, err) < 0 ||
	    derived_hold(db, &before, path, err) < 0 || rollup_rebuild(db, &todo, err) < 0)
		goto fail;
	{
		char note[300];
		snprintf(note, sizeof note, "ledger %s %s (%zu fields, %zu figures)", nd->name,
		         old_text ? "redefined" : "defined", nd->nf, nd->nfig);
		struct history_entry h = { .kind = "ledger", .indicator = nd->name, .note = note,
		                           .source = path };
		if (history_add(db, &h, err) < 0)
			goto fail;
	}
	free(old_text);
	ledger_def_release(&od);
	rollup_todo_release(&todo);
	derived_snap_release(&before);
	return 0;
fail:
	free(old_text);
	ledger_def_release(&od);
	rollup_todo_release(&todo);
	derived_snap_release(&before);
	return -1;
}

int ledger_define(const struct kfq_ctx *cx, struct kfq_db *db, const char *path,
                  struct define_result *res, struct kfq_err *err)
{
	return ledger_define_as(cx, db, path, path, res, err);
}

int ledger_define_as(const struct kfq_ctx *cx, struct kfq_db *db, const char *path,
                     const char *as, struct define_result *res, struct kfq_err *err)
{
	struct ledger_def d;
	char *text = NULL;
	size_t len = 0;
	int rc;
	memset(res, 0, sizeof *res);
	if (read_file(path, &text, &len, err) < 0)
		return -1;
	if (ledger_def_parse(as, text, len, &d, err) < 0) {
		ledger_def_release(&d);
		free(text);
		return -1;
	}
	if ((rc = db_begin_writer(db, cx, err)) == 0) {
		if ((rc = define_in_tx(db, as, text, &d, res, err)) == 0)
			rc = db_commit(db, err);
		else
			db_rollback(db);
	}
	ledger_def_release(&d);
	free(text);
	return rc;
}

