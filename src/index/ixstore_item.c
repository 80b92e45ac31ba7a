/* ixstore_item.c: the index's items (规格品) in the store (see ixstore.h):
 * the put of one row of index-items: a leaf category, a channel, a
 * reporting enterprise or merchant, and a replacement with its overlap
 * month (the replaced item known, in the same category and channel, not
 * replaced twice, no chain of replacements coming back); a changed field
 * kept in history. Depends on base and store; it must not depend on the
 * computation (ixcalc). */
#include "index/ixstore_part.h"
#include "base/sbuf.h"

#include <stdio.h>
#include <string.h>

static const char SQL_ITEM_ID[] = "SELECT id FROM ix_item WHERE code = ?";

/* ---- items ---- */

/* An item row resolved against the store. */
struct item_ref {
	int64_t id;           /* the stored item, 0 when new */
	int64_t cat, unit;    /* its leaf category and its reporter */
	int ch;               /* its channel */
	int64_t rid;          /* the item it replaces, 0 when none */
	int oy, om;           /* the overlap month with it */
	char overlap[16];     /* the same as "YYYY-MM", "" when none */
};

/* The item's category: known, and a leaf (items are priced at the lowest
 * level). */
static int item_category(struct kfq_db *db, const struct ix_item_row *r, int64_t *cat,
                         struct kfq_err *err)
{
	static const char SQL_KIDS[] =
		"SELECT group_concat(code, ', ') FROM (SELECT code FROM ix_category WHERE parent_id = ? "
		"ORDER BY seq, code) q";
	struct kfq_stmt *st;
	int step;
	if ((*cat = ixs_int_of(db, IXS_SQL_CAT_ID, r->category, err)) < 0)
		return -1;
	if (!*cat)
		return kfq_error_field(err, "category", "unknown category \"%s\" (expected a leaf "
		                       "category of the index; import index-categories first)",
		                       r->category);
	if (db_cached(db, SQL_KIDS, &st, err) < 0)
		return -1;
	st_bind_i64(st, 1, *cat);
	if ((step = ixs_step(st, "reading index categories", err)) < 0)
		return -1;
	if (step == ST_ROW && !st_null(st, 0)) {
		kfq_error_field(err, "category", "\"%s\" has sub-categories (%s) (expected a leaf "
		                "category: items are priced at the lowest level)", r->category,
		                st_text(st, 0));
		st_reset(st);
		return -1;
	}
	st_reset(st);
	return 0;
}

/* The item r replaces: known, priced in the same category and channel; its
 * id in x->rid and the item it replaces in turn in *next (0: none). */
static int replaced_item(struct kfq_db *db, const struct ix_item_row *r, struct item_ref *x,
                         int64_t *next, struct kfq_err *err)
{
	static const char SQL_OLD[] =
		"SELECT i.id, c.code, i.channel, i.replaces_id FROM ix_item i "
		"JOIN ix_category c ON c.id = i.category_id WHERE i.code = ?";
	struct kfq_stmt *st;
	char ocat[256] = "", och[16] = "";
	int step;
	if (db_cached(db, SQL_OLD, &st, err) < 0)
		return -1;
	st_bind_text(st, 1, r->replaces);
	if ((step = ixs_step(st, "reading index items", err)) < 0)
		return -1;
	if (step == ST_ROW) {
		x->rid = st_i64(st, 0);
		snprintf(ocat, sizeof ocat, "%s", st_text(st, 1));
		snprintf(och, sizeof och, "%s", st_text(st, 2));
		*next = st_i64(st, 3);
	}
	st_reset(st);
	if (!x->rid)
		return kfq_error_field(err, "replaces", "unknown item \"%s\" (expected an item "
		                       "imported before or given on an earlier line)", r->replaces);
	if (strcmp(ocat, r->category) != 0 || strcmp(och, IX_CHANNEL[x->ch]) != 0)
		return kfq_error_field(err, "replaces", "\"%s\" is priced in category %s, channel "
		                       "%s (expected a replacement in the same category and "
		                       "channel: %s, %s)", r->replaces, ocat, och, r->category,
		                       IX_CHANNEL[x->ch]);
	return 0;
}

/* No other item replaces x->rid already: one replacement an item. */
static int replaced_once(struct kfq_db *db, const struct ix_item_row *r,
                         const struct item_ref *x, struct kfq_err *err)
{
	static const char SQL_BY[] = "SELECT code FROM ix_item WHERE replaces_id = ? AND code <> ?";
	struct kfq_stmt *st;
	int step;
	if (db_cached(db, SQL_BY, &st, err) < 0)
		return -1;
	st_bind_i64(st, 1, x->rid);
	st_bind_text(st, 2, r->code);
	if ((step = ixs_step(st, "reading index items", err)) < 0)
		return -1;
	if (step == ST_ROW) {
		kfq_error_field(err, "replaces", "\"%s\" is already replaced by \"%s\" (expected "
		                "one replacement an item)", r->replaces,
		                st_text(st, 0));
		st_reset(st);
		return -1;
	}
	st_reset(st);
	return 0;
}

/* The chain of replacements from next back must not come to the item
 * itself (x->id, when stored). */
static int no_cycle(struct kfq_db *db, const struct ix_item_row *r, const struct item_ref *x,
                    int64_t next, struct kfq_err *err)
{
	static const char SQL_NEXT[] = "SELECT replaces_id FROM ix_item WHERE id = ?";
	struct kfq_stmt *st;
	int step;
	for (int depth = 0; x->id && next && depth < IXS_MAX_DEPTH; depth++) {
		if (next == x->id)
			return kfq_error_field(err, "replaces", "\"%s\" already follows \"%s\" in "
			                       "a chain of replacements (expected no cycles)",
			                       r->replaces, r->code);
		if (db_cached(db, SQL_NEXT, &st, err) < 0)
			return -1;
		st_bind_i64(st, 1, next);
		if ((step = ixs_step(st, "reading index items", err)) < 0)
			return -1;
		next = step == ST_ROW ? st_i64(st, 0) : 0;
		st_reset(st);
	}
	return 0;
}

/* Columns replaces and overlap: both or neither; the replaced item checked
 * (replaced_item, replaced_once, no_cycle), the overlap a month. */
static int item_replaces(struct kfq_db *db, const struct ix_item_row *r, struct item_ref *x,
                         struct kfq_err *err)
{
	int64_t next = 0;
	if (!ixs_nz(r->replaces)) {
		if (ixs_nz(r->overlap))
			return kfq_error_field(err, "overlap", "\"%s\" without a replaced item "
			                       "(expected it only with column replaces)",
			                       r->overlap);
		return 0;
	}
	if (strcmp(r->replaces, r->code) == 0)
		return kfq_error_field(err, "replaces", "\"%s\" is the item itself (expected the "
		                       "code of the item it replaces)", r->replaces);
	if (replaced_item(db, r, x, &next, err) < 0 || replaced_once(db, r, x, err) < 0 ||
	    no_cycle(db, r, x, next, err) < 0)
		return -1;
	if (!ixs_nz(r->overlap))
		return kfq_error_field(err, "overlap", "empty (expected the month YYYY-MM in which "
		                       "both \"%s\" and \"%s\" are priced)", r->code, r->replaces);
	if (ixs_parse_month("overlap", r->overlap, &x->oy, &x->om, err) < 0)
		return -1;
	snprintf(x->overlap, sizeof x->overlap, "%04d-%02d", x->oy, x->om);
	return 0;
}

/* The stored item x->id against r: "field: was → now; ..." in note. */
static int item_diff(struct kfq_db *db, const struct ix_item_row *r, const struct item_ref *x,
                     struct sbuf *note, struct kfq_err *err)
{
	static const char SQL_GET[] =
		"SELECT i.id, c.code, i.channel, u.code, i.brand, i.model, i.material, i.size, o.code, "
		"i.overlap_year, i.overlap_month FROM ix_item i JOIN ix_category c ON c.id = i.category_id "
		"JOIN unit u ON u.id = i.unit_id LEFT JOIN ix_item o ON o.id = i.replaces_id "
		"WHERE i.code = ?";
	static const char *const names[] = { "category", "channel", "reporter", "brand", "model",
	                                     "material", "size", "replaces" };
	struct kfq_stmt *st;
	char was_overlap[16] = "";
	int step;
	if (db_cached(db, SQL_GET, &st, err) < 0)
		return -1;
	st_bind_text(st, 1, r->code);
	if ((step = ixs_step(st, "reading index items", err)) < 0)
		return -1;
	if (step == ST_ROW) {
		const char *now[] = { r->category, IX_CHANNEL[x->ch], r->reporter, ixs_nz(r->brand),
		                      ixs_nz(r->model), ixs_nz(r->material), ixs_nz(r->size),
		                      ixs_nz(r->replaces) };
		for (int i = 0; i < 8; i++)
			ixs_note_diff(note, names[i], st_text(st, i + 1), now[i]);
		if (!st_null(st, 9))
			snprintf(was_overlap, sizeof was_overlap, "%04d-%02d", st_int(st, 9),
			         st_int(st, 10));
		ixs_note_diff(note, "overlap", was_overlap, x->overlap);
	}
	st_reset(st);
	return 0;
}

static int item_write(struct kfq_db *db, const struct ix_item_row *r, const struct item_ref *x,
                      struct kfq_err *err)
{
	static const char SQL_PUT[] =
		"INSERT INTO ix_item(code, category_id, channel, unit_id, brand, model, material, size, "
		"replaces_id, overlap_year, overlap_month) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
		"?10, ?11) ON CONFLICT(code) DO UPDATE SET category_id = ?2, channel = ?3, unit_id = ?4, "
		"brand = ?5, model = ?6, material = ?7, size = ?8, replaces_id = ?9, overlap_year = ?10, "
		"overlap_month = ?11";
	struct kfq_stmt *st;
	if (db_cached(db, SQL_PUT, &st, err) < 0)
		return -1;
	st_bind_text(st, 1, r->code);
	st_bind_i64(st, 2, x->cat);
	st_bind_text(st, 3, IX_CHANNEL[x->ch]);
	st_bind_i64(st, 4, x->unit);
	if (ixs_nz(r->brand))
		st_bind_text(st, 5, r->brand);
	if (ixs_nz(r->model))
		st_bind_text(st, 6, r->model);
	if (ixs_nz(r->material))
		st_bind_text(st, 7, r->material);
	if (ixs_nz(r->size))
		st_bind_text(st, 8, r->size);
	if (x->rid) {
		st_bind_i64(st, 9, x->rid);
		st_bind_int(st, 10, x->oy);
		st_bind_int(st, 11, x->om);
	}
	if (st_step(st) != ST_DONE) {
		db_fault(db, err, "writing an index item");
		st_reset(st);
		return -1;
	}
	st_reset(st);
	return 0;
}

int ix_item_put(struct kfq_db *db, const struct ix_item_row *r, int *changed,
                struct kfq_err *err)
{
	struct item_ref x = { 0 };
	struct sbuf note;
	int rc;

	if (ixs_need("code", r->code, "an item code", err) < 0 ||
	    ixs_need("category", r->category, "a leaf category code", err) < 0)
		return -1;
	if (item_category(db, r, &x.cat, err) < 0)
		return -1;
	if ((x.ch = ixs_parse_channel(r->channel, err)) < 0)
		return -1;
	if ((x.unit = ixs_reporter_id(db, "reporter", r->reporter, err)) < 0)
		return -1;
	if ((x.id = ixs_int_of(db, SQL_ITEM_ID, r->code, err)) < 0)
		return -1;
	if (item_replaces(db, r, &x, err) < 0)
		return -1;
	sbuf_init(&note);
	rc = x.id ? item_diff(db, r, &x, &note, err) : 0;
	if (rc == 0) {
		*changed = !x.id ? 1 : note.len ? 2 : 0;
		if (*changed)
			rc = item_write(db, r, &x, err);
	}
	if (rc == 0 && *changed == 2)
		rc = ixs_history_changed(db, "index-item", r->reporter, "item", r->code, NULL, &note,
		                         err);
	sbuf_release(&note);
	return rc;
}
