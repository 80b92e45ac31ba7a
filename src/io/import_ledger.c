/* import_ledger.c: a ledger's rows as an import kind (kfq ledger import
 * NAME FILE): the columns are the ledger's fields (by name, or by the
 * field's title), each cell checked as the field's type asks (a number in
 * the header's measure, "area(平方米)", else the field's own), a unit held
 * to the importer's subtree, the key once per file; rows put by key, then
 * the ledger's figures derived again, all in the import's transaction.
 * The driver is io/import.c. Depends on base, store, model, ledger. */
#include "io/import_kind.h"
#include "base/sbuf.h"
#include "base/xalloc.h"
#include "ledger/ledger.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ledger_kind {
	struct kind_def k;
	struct column_def *cols;
	char **aliases;
	char *kind_name;
	struct ledger_def def;
	int64_t id;
	char (*buf)[4096];
	const char **vals;
	struct sbuf key;     /* the row's key, for row_once */
	int fresh;           /* 1: the ledger held no rows, rows inserted without a look-up
	                        and a key given twice caught by the table's key; 2: such a
	                        key was, nothing more is written (the import fails) and the
	                        keys are checked once per file as for a ledger with rows;
	                        -1: not known yet */
	/* the rows of a fresh import, kept for its figures rather than read
	 * back: their values one after another, each ended by a 0 */
	char *kept;
	size_t kept_len, kept_cap, nkept;
	size_t *lines, lines_cap;   /* each kept row's line */
};

/* A key given twice in a fresh import, caught by the table: the earlier
 * line is the kept row's with the same key. From here on the keys are
 * checked as they come (row_once), each kept row's first, and nothing
 * more is written: the import has failed. */
static int twice(struct ictx *c, struct ledger_kind *lk, struct kfq_err *err)
{
	const struct ledger_def *d = &lk->def;
	const char *p = lk->kept;
	const char **row = xmalloc(d->nf * sizeof *row);
	struct sbuf key;
	size_t earlier = 0;
	sbuf_init(&key);
	for (size_t i = 0; i < lk->nkept; i++) {
		for (size_t f = 0; f < d->nf; f++) {
			row[f] = p;
			p += strlen(p) + 1;
		}
		sbuf_reset(&key);
		sbuf_adds(&key, "ledger");
		for (size_t k = 0; k < d->nkey; k++) {
			sbuf_addc(&key, '\t');
			sbuf_adds(&key, row[d->key[k]]);
		}
		obs_seen_once(&c->w, key.buf, lk->lines[i]);
		if (!earlier && strcmp(key.buf, lk->key.buf) == 0)
			earlier = lk->lines[i];
	}
	sbuf_release(&key);
	free(row);
	lk->fresh = 2;
	if (!earlier)   /* not one of this file's: cannot be, the ledger was empty */
		return kfq_fault(err, "ledger %s: a key of a fresh import is stored already", d->name);
	return kfq_error(err, "%s is already given on line %zu (expected once per file)", "this key",
	                 earlier);
}

static int ledger_row_fn(struct ictx *c, const char *const *cell, struct kfq_err *err)
{
	struct ledger_kind *lk = c->kind_data;
	const struct ledger_def *d = &lk->def;
	int changed, rc;
	if (lk->fresh < 0 && (lk->fresh = ledger_empty(c->db, lk->id, err)) < 0)
		return -1;
	for (size_t f = 0; f < d->nf; f++) {
		if (ledger_value(&d->f[f], cell[f], c->map.measure[f], lk->buf[f], sizeof lk->buf[f],
		                 err) < 0)
			return -1;
		if (d->f[f].type == LF_UNIT && *lk->buf[f]) {
			long u = units_find(&c->units, lk->buf[f]);
			/* outside the importer's subtree: as if there were no such unit */
			if (u < 0 || (c->scope >= 0 && !units_within(&c->units, (size_t)u,
			                                             (size_t)c->scope)))
				return kfq_error_field(err, d->f[f].name, "unknown unit \"%s\" (import it "
				                       "in a units file first)", lk->buf[f]);
		}
		lk->vals[f] = lk->buf[f];
	}
	sbuf_reset(&lk->key);
	sbuf_adds(&lk->key, "ledger");
	for (size_t i = 0; i < d->nkey; i++) {
		sbuf_addc(&lk->key, '\t');
		sbuf_adds(&lk->key, lk->vals[d->key[i]]);
	}
	/* a fresh import's keys are checked by the table as its rows go in */
	if (lk->fresh != 1 && row_once(c, lk->key.buf, "this key", err) < 0)
		return -1;
	if (lk->fresh == 2)
		return 0;   /* a key given twice: the import has failed, its rows only checked */
	if ((rc = ledger_row_put(c->db, lk->id, d, lk->vals, c->res->import_id, c->o->path,
	                         c->line, lk->fresh, &changed, err)) < 0)
		return -1;
	if (rc == 1)
		return twice(c, lk, err);
	c->res->added += changed == 1;
	c->res->changed += changed == 2;
	c->res->unchanged += changed == 0;
	if (lk->fresh == 1) {
		for (size_t f = 0; f < d->nf; f++) {
			size_t n = strlen(lk->vals[f]) + 1;
			XGROW(lk->kept, lk->kept_len + n, lk->kept_cap);
			memcpy(lk->kept + lk->kept_len, lk->vals[f], n);
			lk->kept_len += n;
		}
		XGROW(lk->lines, lk->nkept + 1, lk->lines_cap);
		lk->lines[lk->nkept++] = c->line;
	}
	return 0;
}

static int derive_ledger(struct ictx *c, struct kfq_err *err)
{
	struct ledger_kind *lk = c->kind_data;
	const char **v;
	const char *p;
	int rc;
	/* no row added or changed: the figures stand as they are */
	if (!c->res->added && !c->res->changed)
		return 0;
	if (lk->fresh != 1)
		return ledger_derive(c->db, lk->id, &lk->def, c->res->import_id, &c->todo, err);
	/* every row of the ledger came from this file */
	v = xmalloc((lk->nkept ? lk->nkept : 1) * lk->def.nf * sizeof *v);
	p = lk->kept;
	for (size_t i = 0; i < lk->nkept * lk->def.nf; i++) {
		v[i] = p;
		p += strlen(p) + 1;
	}
	rc = ledger_derive_given(c->db, &lk->def, v, lk->nkept, c->res->import_id, &c->todo, err);
	free(v);
	return rc;
}

struct ledger_kind *ledger_kind_open(struct kfq_db *db, const char *name, struct kfq_err *err)
{
	struct ledger_kind *lk = xcalloc(1, sizeof *lk);
	if (ledger_load(db, name, &lk->def, &lk->id, err) < 0) {
		ledger_kind_free(lk);
		return NULL;
	}
	if (lk->def.nf > HEADER_MAX_COLS) {
		kfq_error(err, "ledger %s has more fields than an import reads (%d)", name,
		          HEADER_MAX_COLS);
		ledger_kind_free(lk);
		return NULL;
	}
	lk->cols = xcalloc(lk->def.nf, sizeof *lk->cols);
	lk->aliases = xcalloc(lk->def.nf, sizeof *lk->aliases);
	lk->buf = xmalloc(lk->def.nf * sizeof *lk->buf);
	lk->vals = xcalloc(lk->def.nf, sizeof *lk->vals);
	for (size_t f = 0; f < lk->def.nf; f++) {
		lk->aliases[f] = xstrdup(lk->def.f[f].title ? lk->def.f[f].title : lk->def.f[f].name);
		lk->cols[f].name = lk->def.f[f].name;
		lk->cols[f].aliases = lk->aliases[f];
		lk->cols[f].required = lk->def.f[f].required;
	}
	lk->fresh = -1;   /* known at the first row, inside the import's transaction */
	sbuf_init(&lk->key);
	lk->kind_name = xasprintf("ledger %s", name);
	lk->k.name = lk->kind_name;
	lk->k.cols = lk->cols;
	lk->k.ncols = lk->def.nf;
	lk->k.row = ledger_row_fn;
	lk->k.needs_model = 1;
	lk->k.after = derive_ledger;
	return lk;
}

const struct kind_def *ledger_kind_def(const struct ledger_kind *lk)
{
	return &lk->k;
}

void ledger_kind_free(struct ledger_kind *lk)
{
	if (!lk)
		return;
	for (size_t f = 0; lk->aliases && f < lk->def.nf; f++)
		free(lk->aliases[f]);
	free(lk->aliases);
	free(lk->cols);
	free(lk->buf);
	free(lk->vals);
	free(lk->kind_name);
	free(lk->kept);
	free(lk->lines);
	sbuf_release(&lk->key);
	ledger_def_release(&lk->def);
	free(lk);
}
