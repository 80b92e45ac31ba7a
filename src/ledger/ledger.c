/* ledger.c: ledgers on the database (see ledger.h): a definition stored
 * (a new ledger, or a change checked against the stored rows and the
 * figures others use), rows put by key with history, one row added by
 * hand, rows read back for list, rows and export. Defining is
 * ledger_define.c's, the figures ledger_figures.c's. Depends on base, store, model, calc/rollup. */
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


/* ---- loading ---- */

int ledger_load_text(struct kfq_db *db, const char *name, char **text, int64_t *id,
                     struct kfq_err *err)
{
	struct kfq_stmt *st;
	int rc;
	*text = NULL;
	*id = 0;
	if (db_prepare(db, "SELECT id, def FROM ledger WHERE name = ?", &st, err) < 0)
		return -1;
	st_bind_text(st, 1, name);
	if ((rc = st_step(st)) == ST_ROW) {
		*id = st_i64(st, 0);
		*text = xstrdup(st_text(st, 1));
	} else if (rc != ST_DONE)
		db_fault(db, err, "reading ledgers");
	st_finalize(st);
	return rc == ST_ERROR ? -1 : 0;
}

int ledger_load(struct kfq_db *db, const char *name, struct ledger_def *d, int64_t *id,
                struct kfq_err *err)
{
	char *text, label[160];
	int rc;
	memset(d, 0, sizeof *d);
	if (ledger_load_text(db, name, &text, id, err) < 0)
		return -1;
	if (!text)
		return kfq_error(err, "unknown ledger \"%s\" (kfq ledger define FILE first)", name);
	snprintf(label, sizeof label, "ledger %s", name);
	rc = ledger_def_parse(label, text, strlen(text), d, err);
	free(text);
	return rc;
}

int ledger_catalogue_read(struct kfq_db *db, struct ledger_catalogue *out, struct kfq_err *err)
{
	struct kfq_stmt *st;
	size_t cap = 0;
	int rc;
	memset(out, 0, sizeof *out);
	if (db_prepare(db, "SELECT l.name, l.def, (SELECT count(*) FROM ledger_row r "
	               "WHERE r.ledger_id = l.id) FROM ledger l ORDER BY l.name", &st, err) < 0)
		return -1;
	while ((rc = st_step(st)) == ST_ROW) {
		const char *name = st_text(st, 0), *text = st_text(st, 1);
		char label[160];
		struct ledger_entry *e;
		XGROW(out->v, out->n + 1, cap);
		e = &out->v[out->n++];
		memset(e, 0, sizeof *e);
		e->rows = (size_t)st_i64(st, 2);
		snprintf(label, sizeof label, "ledger %s", name);
		if (ledger_def_parse(label, text, strlen(text), &e->def, err) < 0) {
			st_finalize(st);
			return -1;
		}
	}
	if (rc != ST_DONE)
		db_fault(db, err, "reading ledgers");
	st_finalize(st);
	return rc == ST_DONE ? 0 : -1;
}

void ledger_catalogue_release(struct ledger_catalogue *c)
{
	for (size_t i = 0; i < c->n; i++)
		ledger_def_release(&c->v[i].def);
	free(c->v);
	memset(c, 0, sizeof *c);
}

int ledger_of_figure(struct kfq_db *db, const char *code, struct ledger_def *d, int64_t *id,
                     size_t *fig, struct kfq_err *err)
{
	struct kfq_stmt *st;
	char *name = NULL;
	int rc;
	memset(d, 0, sizeof *d);
	if (db_prepare(db, "SELECT l.name FROM ledger_figure f JOIN ledger l ON l.id = f.ledger_id "
	               "WHERE f.code = ?", &st, err) < 0)
		return -1;
	st_bind_text(st, 1, code);
	if ((rc = st_step(st)) == ST_ROW)
		name = xstrdup(st_text(st, 0));
	else if (rc != ST_DONE)
		db_fault(db, err, "reading ledger figures");
	st_finalize(st);
	if (rc == ST_ERROR)
		return -1;
	if (!name)
		return kfq_error(err, "\"%s\" is not a ledger's figure", code);
	rc = ledger_load(db, name, d, id, err);
	free(name);
	for (size_t i = 0; rc == 0 && i < d->nfig; i++)
		if (strcmp(d->fig[i].code, code) == 0) {
			*fig = i;
			return 0;
		}
	return rc < 0 ? -1 : kfq_fault(err, "figure %s is not in its ledger's definition", code);
}

/* ---- rows ---- */

void ledger_join_vals(const struct ledger_def *d, const char *const *vals, struct sbuf *sb)
{
	sbuf_reset(sb);
	for (size_t i = 0; i < d->nf; i++) {
		if (i)
			sbuf_addc(sb, LEDGER_SEP);
		sbuf_adds(sb, vals[i] ? vals[i] : "");
	}
}

void ledger_join_key(const struct ledger_def *d, const char *const *vals, struct sbuf *sb)
{
	sbuf_reset(sb);
	for (size_t i = 0; i < d->nkey; i++) {
		if (i)
			sbuf_addc(sb, LEDGER_SEP);
		sbuf_adds(sb, vals[d->key[i]] ? vals[d->key[i]] : "");
	}
}

/* The key as a person reads it: "a / b". */
void ledger_key_shown(const char *k, char *buf, size_t n)
{
	size_t j = 0;
	for (const char *p = k; *p && j + 4 < n; p++) {
		if (*p == LEDGER_SEP) {
			memcpy(buf + j, " / ", 3);
			j += 3;
		} else
			buf[j++] = *p;
	}
	buf[j] = 0;
}

int ledger_empty(struct kfq_db *db, int64_t ledger, struct kfq_err *err)
{
	struct kfq_stmt *st;
	int rc;
	if (db_prepare(db, "SELECT 1 FROM ledger_row WHERE ledger_id = ? LIMIT 1", &st, err) < 0)
		return -1;
	st_bind_i64(st, 1, ledger);
	rc = st_step(st);
	st_finalize(st);
	return rc == ST_ROW ? 0 : rc == ST_DONE ? 1 : db_fault(db, err, "reading ledger rows");
}

int ledger_row_put(struct kfq_db *db, int64_t ledger, const struct ledger_def *d,
                   const char *const *vals, int64_t import_id, const char *file, size_t line,
                   int fresh, int *changed, struct kfq_err *err)
{
	char source[600];
	static const char GET[] = "SELECT vals FROM ledger_row WHERE ledger_id = ? AND k = ?";
	static const char INS[] = "INSERT INTO ledger_row(ledger_id, k, vals, import_id) "
	                          "VALUES (?, ?, ?, ?)";
	static const char UPD[] = "UPDATE ledger_row SET vals = ?, import_id = ? WHERE "
	                          "ledger_id = ? AND k = ?";
	struct kfq_stmt *st;
	struct sbuf key, v, note;
	char *old = NULL;
	int rc;

	sbuf_init(&key);
	sbuf_init(&v);
	sbuf_init(&note);
	ledger_join_key(d, vals, &key);
	ledger_join_vals(d, vals, &v);
	*changed = 0;
	if (!fresh) {
		if (db_cached(db, GET, &st, err) < 0)
			goto fail;
		st_bind_i64(st, 1, ledger);
		st_bind_text(st, 2, key.buf);
		if ((rc = st_step(st)) == ST_ROW)
			old = xstrdup(st_text(st, 0));
		st_reset(st);
		if (rc == ST_ERROR) {
			db_fault(db, err, "reading ledger rows");
			goto fail;
		}
	}
	if (old && strcmp(old, v.buf) == 0)
		goto done;
	if (db_cached(db, old ? UPD : INS, &st, err) < 0)
		goto fail;
	if (old) {
		st_bind_text(st, 1, v.buf);
		if (import_id)
			st_bind_i64(st, 2, import_id);
		else
			st_bind_null(st, 2);
		st_bind_i64(st, 3, ledger);
		st_bind_text(st, 4, key.buf);
	} else {
		st_bind_i64(st, 1, ledger);
		st_bind_text(st, 2, key.buf);
		st_bind_text(st, 3, v.buf);
		if (import_id)
			st_bind_i64(st, 4, import_id);
		else
			st_bind_null(st, 4);
	}
	rc = st_step(st);
	if (rc == ST_ERROR && fresh && !old && st_unique_violated(st)) {
		st_reset(st);
		rc = 1;   /* the key given twice in a fresh import */
		goto out;
	}
	st_reset(st);
	if (rc != ST_DONE) {
		db_fault(db, err, "writing ledger rows");
		goto fail;
	}
	*changed = old ? 2 : 1;
	/* a change keeps the old values; a row added outside an import (which
	 * its import_log records) keeps who added it */
	if (old || !import_id) {
		const char *was[64];
		char *copy = old ? ledger_split(old, d->nf < 64 ? d->nf : 64, was) : NULL;
		char shown[600];
		const char *unit = NULL;
		ledger_key_shown(key.buf, shown, sizeof shown);
		sbuf_addf(&note, "ledger %s, row %s: %s", d->name, shown, old ? "" : "added");
		for (size_t i = 0; i < d->nf && i < 64; i++) {
			if (d->f[i].type == LF_UNIT && !unit && vals[i] && *vals[i])
				unit = vals[i];
			if (old && strcmp(was[i], vals[i] ? vals[i] : "") != 0)
				sbuf_addf(&note, "%s%s: %s → %s", note.buf[note.len - 2] == ':' ? "" : "; ",
				          d->f[i].name, was[i], vals[i] ? vals[i] : "");
		}
		free(copy);
		if (file)
			snprintf(source, sizeof source, "%s:%zu", file, line);
		struct history_entry h = { .kind = "ledger", .unit = unit, .indicator = d->name,
		                           .note = note.buf, .source = file ? source : NULL };
		if (history_add(db, &h, err) < 0)
			goto fail;
	}
done:
	rc = 0;
out:
	free(old);
	sbuf_release(&key);
	sbuf_release(&v);
	sbuf_release(&note);
	return rc;
fail:
	free(old);
	sbuf_release(&key);
	sbuf_release(&v);
	sbuf_release(&note);
	return -1;
}

/* ---- one row by hand ---- */

int ledger_add(const struct kfq_ctx *cx, struct kfq_db *db, const char *name,
               const char *const *assign, size_t n, int *changed, struct kfq_err *err)
{
	struct ledger_def d;
	struct unit_set units;
	struct rollup_todo todo;
	int64_t id;
	int rc = -1;
	char (*buf)[VAL_MAX] = NULL;
	const char **vals = NULL, **given = NULL;

	memset(&units, 0, sizeof units);
	rollup_todo_init(&todo);
	if (db_begin_writer(db, cx, err) < 0) {
		rollup_todo_release(&todo);
		return -1;
	}
	if (ledger_load(db, name, &d, &id, err) < 0 || units_load(db, &units, err) < 0)
		goto out;
	buf = xmalloc(d.nf * sizeof *buf);
	vals = xcalloc(d.nf, sizeof *vals);
	given = xcalloc(d.nf, sizeof *given);
	for (size_t i = 0; i < n; i++) {
		const char *eq = strchr(assign[i], '=');
		char fname[64];
		long f;
		if (!eq) {
			kfq_error(err, "\"%s\": expected FIELD=VALUE", assign[i]);
			goto out;
		}
		snprintf(fname, sizeof fname, "%.*s", (int)(eq - assign[i]), assign[i]);
		if ((f = ledger_field_find(&d, fname)) < 0) {
			kfq_error(err, "\"%s\": ledger %s has no field \"%s\"", assign[i], d.name, fname);
			goto out;
		}
		if (given[f]) {
			kfq_error(err, "field \"%s\" is given twice", fname);
			goto out;
		}
		given[f] = eq + 1;
	}
	for (size_t f = 0; f < d.nf; f++) {
		if (ledger_value(&d.f[f], given[f] ? given[f] : "", NULL, buf[f], VAL_MAX, err) < 0)
			goto out;
		if (d.f[f].type == LF_UNIT && *buf[f] && units_need(&units, buf[f], err) < 0) {
			kfq_err_set_field(err, d.f[f].name);
			goto out;
		}
		vals[f] = buf[f];
	}
	{
		/* a figure of a month approval has locked holds (model/lock.h) */
		struct derived_snap before;
		char source[200];
		int bad;
		if (derived_snap_read(db, &before, err) < 0)
			goto out;
		snprintf(source, sizeof source, "ledger %s", d.name);
		bad = ledger_row_put(db, id, &d, vals, 0, NULL, 0, 0, changed, err) < 0 ||
		      ledger_derive(db, id, &d, 0, &todo, err) < 0 ||
		      derived_hold(db, &before, source, err) < 0 || rollup_rebuild(db, &todo, err) < 0;
		derived_snap_release(&before);
		if (bad)
			goto out;
	}
	rc = db_commit(db, err);
	goto done;
out:
	db_rollback(db);
done:
	if (vals || buf || given) {
		free(buf);
		free(vals);
		free(given);
	}
	units_release(&units);
	ledger_def_release(&d);
	rollup_todo_release(&todo);
	return rc;
}
