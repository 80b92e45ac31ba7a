/* ixstore.c: the eyewear index's data in the store (see ixstore.h): the
 * channel and reply names, what the puts share (ixstore_part.h: cells,
 * reporters, history notes), and the validated puts of categories and
 * weights. Items are ixstore_item.c, quotes ixstore_quote.c, surveys
 * ixstore_survey.c, the checks across rows ixstore_check.c. Depends on
 * base, store. */
#include "index/ixstore_part.h"
#include "base/msg.h"
#include "base/period.h"
#include "base/sbuf.h"
#include "base/xalloc.h"
#include "store/history.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const IX_CHANNEL[] = { "factory", "wholesale", "online", NULL };
const char *const IX_CHANNEL_ZH[] = { "出厂", "批发市场", "网络零售", NULL };
const char *const IX_REPLY[] = { "up", "flat", "down", "none", NULL };

#define CHANNEL_FORMS "factory, wholesale or online; or 出厂, 批发市场 (批发), 网络零售 (网络)"

/* ASCII case-insensitive equality. */
int ixs_same_word(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		char x = *a >= 'A' && *a <= 'Z' ? (char)(*a - 'A' + 'a') : *a;
		char y = *b >= 'A' && *b <= 'Z' ? (char)(*b - 'A' + 'a') : *b;
		if (x != y)
			return 0;
	}
	return *a == *b;
}

int ix_channel_parse(const char *s)
{
	static const char *const more[] = { "出厂价", "批发", "网络" };
	if (!s)
		return -1;
	for (int i = 0; i < IX_NCHANNEL; i++)
		if (ixs_same_word(s, IX_CHANNEL[i]) || strcmp(s, IX_CHANNEL_ZH[i]) == 0 ||
		    strcmp(s, more[i]) == 0)
			return i;
	return -1;
}

int ix_reply_parse(const char *s)
{
	static const char *const zh[IX_NREPLY][4] = {
		{ "上升", "增加", "增长", NULL }, { "持平", "不变", NULL }, { "下降", "减少", NULL },
		{ "未答", "空", NULL },
	};
	if (!s)
		return -1;
	for (int i = 0; i < IX_NREPLY; i++) {
		if (ixs_same_word(s, IX_REPLY[i]))
			return i;
		for (int k = 0; zh[i][k]; k++)
			if (strcmp(s, zh[i][k]) == 0)
				return i;
	}
	return -1;
}

const char *ixs_nz(const char *s)
{
	return s && *s ? s : NULL;
}

const char *ixs_txt(const char *s)
{
	return s ? s : "";
}

/* The single integer of a query with one text parameter: 0 when no row,
 * -1 on a fault. */
int64_t ixs_int_of(struct kfq_db *db, const char *sql, const char *code, struct kfq_err *err)
{
	struct kfq_stmt *st;
	int64_t v = 0;
	int rc;
	if (db_cached(db, sql, &st, err) < 0)
		return -1;
	st_bind_text(st, 1, code);
	if ((rc = ixs_step(st, "reading the index data", err)) < 0)
		return -1;
	if (rc == ST_ROW)
		v = st_i64(st, 0);
	st_reset(st);
	return v;
}

int ixs_step(struct kfq_stmt *st, const char *what, struct kfq_err *err)
{
	int rc = st_step(st);
	if (rc == ST_ROW || rc == ST_DONE)
		return rc;
	db_fault(st_db(st), err, what);
	st_reset(st);
	return -1;
}

const char IXS_SQL_CAT_ID[] = "SELECT id FROM ix_category WHERE code = ?";

/* A required cell. */
int ixs_need(const char *col, const char *v, const char *what, struct kfq_err *err)
{
	if (!ixs_nz(v))
		return kfq_error_field(err, col, "empty (expected %s)", what);
	return 0;
}

static int parse_year(const char *s, int *year, struct kfq_err *err)
{
	struct period p;
	struct kfq_err e;
	if (ixs_need("year", s, "a year such as 2017", err) < 0)
		return -1;
	if (period_parse(s, &p, &e) < 0 || p.kind != PERIOD_YEAR)
		return kfq_error_field(err, "year", "\"%s\" is not a year (expected 2017 or 2017年)",
		                       s);
	*year = p.year;
	return 0;
}

int ixs_parse_month(const char *col, const char *s, int *y, int *m, struct kfq_err *err)
{
	struct period p;
	struct kfq_err e;
	if (ixs_need(col, s, "a month such as 2017-03", err) < 0)
		return -1;
	if (period_parse(s, &p, &e) < 0 || p.kind != PERIOD_MONTH)
		return kfq_error_field(err, col, "\"%s\" is not a month (expected 2017-03, 201703 "
		                       "or 2017年3月)", s);
	*y = p.year;
	*m = p.first;
	return 0;
}

int ixs_parse_channel(const char *s, struct kfq_err *err)
{
	int ch;
	if (ixs_need("channel", s, CHANNEL_FORMS, err) < 0)
		return -1;
	if ((ch = ix_channel_parse(s)) < 0)
		return kfq_error_field(err, "channel", "\"%s\" is not a channel (expected %s)", s,
		                       CHANNEL_FORMS);
	return ch;
}

/* A positive (or, when zero_ok, non-negative) decimal in 10^shift of the unit. */
int ixs_parse_amount(const char *col, const char *s, int shift, int zero_ok, const char *what,
                        dec *v, struct kfq_err *err)
{
	if (ixs_need(col, s, what, err) < 0)
		return -1;
	if (dec_parse(s, shift, v, err) < 0)
		return kfq_err_set_field(err, col);
	if (*v < 0 || (*v == 0 && !zero_ok)) {
		/* what, a fragment, in the reader's language too (msg_zh) */
		const char *zh = msg_zh(what);
		kfq_error_field(err, col, "\"%s\" is not %s (expected %s)", s,
		                zero_ok ? "zero or more" : "positive", what);
		return zh ? kfq_err_zh(err, "\"%s\" 取值无效（应为%s）", s, zh) : -1;
	}
	return 0;
}

/* A reporting unit: an enterprise or a market merchant of the core. */
int64_t ixs_reporter_id(struct kfq_db *db, const char *col, const char *code,
                           struct kfq_err *err)
{
	static const char SQL[] = "SELECT id, kind FROM unit WHERE code = ?";
	struct kfq_stmt *st;
	int64_t id = 0;
	char kind[32] = "";
	int rc;
	if (ixs_need(col, code, "the unit code of an enterprise or a market merchant", err) < 0)
		return -1;
	if (db_cached(db, SQL, &st, err) < 0)
		return -1;
	st_bind_text(st, 1, code);
	if ((rc = ixs_step(st, "reading units", err)) < 0)
		return -1;
	if (rc == ST_ROW) {
		id = st_i64(st, 0);
		snprintf(kind, sizeof kind, "%s", st_text(st, 1));
	}
	st_reset(st);
	if (!id)
		return kfq_error_field(err, col, "unknown unit \"%s\" (expected the unit code of "
		                       "an enterprise or a market merchant; import units first)",
		                       code);
	if (strcmp(kind, "enterprise") != 0 && strcmp(kind, "merchant") != 0)
		return kfq_error_field(err, col, "\"%s\" is a unit of kind %s (expected an "
		                       "enterprise or a merchant)", code, kind);
	return id;
}

int ixs_add_history(struct kfq_db *db, const char *kind, const char *unit, const char *period,
                       const dec *old_v, const dec *new_v, const char *note, const char *source,
                       struct kfq_err *err)
{
	struct history_entry h = { .kind = kind, .unit = unit, .period = period, .old_value = old_v,
	                           .new_value = new_v, .note = note, .source = source };
	return history_add(db, &h, err);
}

int ixs_history_changed(struct kfq_db *db, const char *kind, const char *unit, const char *what,
                        const char *code, const char *code2, const struct sbuf *diffs,
                        struct kfq_err *err)
{
	struct sbuf n;
	int rc;
	sbuf_init(&n);
	sbuf_addf(&n, "%s %s%s%s: %s", what, code, code2 ? "/" : "", code2 ? code2 : "", diffs->buf);
	rc = ixs_add_history(db, kind, unit, NULL, NULL, NULL, n.buf, NULL, err);
	sbuf_release(&n);
	return rc;
}

/* Note one field's change "name: was → now" when the two differ. */
void ixs_note_diff(struct sbuf *note, const char *name, const char *was, const char *now)
{
	if (strcmp(ixs_txt(was), ixs_txt(now)) != 0)
		sbuf_addf(note, "%s%s: %s → %s", note->len ? "; " : "", name, ixs_txt(was), ixs_txt(now));
}

void ixs_fmt_dec(dec v, char *buf, size_t n)
{
	dec_format(v, 0, -1, buf, n);
}

/* ---- categories ---- */

int ix_category_put(struct kfq_db *db, const struct ix_category_row *r, int *changed,
                    struct kfq_err *err)
{
	static const char SQL_GET[] =
		"SELECT c.id, c.name, p.code, c.seq FROM ix_category c "
		"LEFT JOIN ix_category p ON p.id = c.parent_id WHERE c.code = ?";
	static const char SQL_UP[] = "SELECT parent_id FROM ix_category WHERE id = ?";
	int64_t id = 0, parent = 0;
	int exists = 0, seq = 0, rc = -1, step;
	char was_name[256] = "", was_parent[256] = "";
	struct sbuf note;
	struct kfq_stmt *st;

	if (ixs_need("code", r->code, "a category code", err) < 0 ||
	    ixs_need("name", r->name, "the category's name", err) < 0)
		return -1;
	if (ixs_nz(r->parent)) {
		if (strcmp(r->parent, r->code) == 0)
			return kfq_error_field(err, "parent", "\"%s\" is the category itself "
			                       "(expected another category, or empty for a "
			                       "top-level one)", r->parent);
		if ((parent = ixs_int_of(db, IXS_SQL_CAT_ID, r->parent, err)) < 0)
			return -1;
		if (!parent)
			return kfq_error_field(err, "parent", "unknown category \"%s\" (expected a "
			                       "category imported before or given on an earlier "
			                       "line)", r->parent);
	}
	if (db_cached(db, SQL_GET, &st, err) < 0)
		return -1;
	st_bind_text(st, 1, r->code);
	if ((step = ixs_step(st, "reading index categories", err)) < 0)
		return -1;
	if (step == ST_ROW) {
		exists = 1;
		id = st_i64(st, 0);
		snprintf(was_name, sizeof was_name, "%s", st_text(st, 1));
		snprintf(was_parent, sizeof was_parent, "%s", ixs_txt(st_text(st, 2)));
		seq = st_int(st, 3);
	}
	st_reset(st);
	/* a new parent must not lie below the category */
	if (exists && parent) {
		int64_t a = parent;
		for (int depth = 0; a && depth < IXS_MAX_DEPTH; depth++) {
			if (a == id)
				return kfq_error_field(err, "parent", "\"%s\" lies below \"%s\" "
				                       "(expected a parent outside the category's "
				                       "own branch: no cycles)", r->parent, r->code);
			if (db_cached(db, SQL_UP, &st, err) < 0)
				return -1;
			st_bind_i64(st, 1, a);
			if ((step = ixs_step(st, "reading index categories", err)) < 0)
				return -1;
			a = step == ST_ROW ? st_i64(st, 0) : 0;
			st_reset(st);
		}
	}
	sbuf_init(&note);
	if (exists) {
		ixs_note_diff(&note, "name", was_name, r->name);
		ixs_note_diff(&note, "parent", was_parent, ixs_nz(r->parent));
	}
	*changed = !exists ? 1 : note.len ? 2 : 0;
	if (*changed || seq != r->seq) {
		static const char SQL_PUT[] =
			"INSERT INTO ix_category(code, name, parent_id, seq) VALUES (?1, ?2, ?3, ?4) "
			"ON CONFLICT(code) DO UPDATE SET name = ?2, parent_id = ?3, seq = ?4";
		if (db_cached(db, SQL_PUT, &st, err) < 0)
			goto out;
		st_bind_text(st, 1, r->code);
		st_bind_text(st, 2, r->name);
		if (parent)
			st_bind_i64(st, 3, parent);
		st_bind_int(st, 4, r->seq);
		if (st_step(st) != ST_DONE) {
			db_fault(db, err, "writing an index category");
			st_reset(st);
			goto out;
		}
		st_reset(st);
	}
	rc = 0;
	if (*changed == 2)
		rc = ixs_history_changed(db, "index-category", NULL, "category", r->code, NULL, &note,
		                         err);
out:
	sbuf_release(&note);
	return rc;
}

/* ---- weights ---- */

int ix_weight_put(struct kfq_db *db, const struct ix_weight_row *r, int64_t import_id,
                  int *changed, struct kfq_err *err)
{
	static const char SQL_GET[] =
		"SELECT weight FROM ix_weight WHERE year = ? AND category_id = ? AND channel = ?";
	static const char SQL_PUT[] =
		"INSERT INTO ix_weight(year, category_id, channel, weight, import_id) "
		"VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT(year, category_id, channel) "
		"DO UPDATE SET weight = ?4, import_id = ?5";
	struct kfq_stmt *st;
	int year = 0, ch, exists = 0, step;
	int64_t cat;
	dec w, was = 0;

	if (parse_year(r->year, &year, err) < 0)
		return -1;
	if (ixs_need("category", r->category, "a category code", err) < 0)
		return -1;
	if ((cat = ixs_int_of(db, IXS_SQL_CAT_ID, r->category, err)) < 0)
		return -1;
	if (!cat)
		return kfq_error_field(err, "category", "unknown category \"%s\" (expected a "
		                       "category of the index; import index-categories first)",
		                       r->category);
	if ((ch = ixs_parse_channel(r->channel, err)) < 0)
		return -1;
	if (ixs_parse_amount("weight", r->weight, r->weight_shift, 0, "a sales value or share > 0", &w,
	                 err) < 0)
		return -1;
	if (db_cached(db, SQL_GET, &st, err) < 0)
		return -1;
	st_bind_int(st, 1, year);
	st_bind_i64(st, 2, cat);
	st_bind_text(st, 3, IX_CHANNEL[ch]);
	if ((step = ixs_step(st, "reading index weights", err)) < 0)
		return -1;
	if (step == ST_ROW) {
		exists = 1;
		was = st_i64(st, 0);
	}
	st_reset(st);
	*changed = !exists ? 1 : was != w ? 2 : 0;
	if (!*changed)
		return 0;
	if (db_cached(db, SQL_PUT, &st, err) < 0)
		return -1;
	st_bind_int(st, 1, year);
	st_bind_i64(st, 2, cat);
	st_bind_text(st, 3, IX_CHANNEL[ch]);
	st_bind_i64(st, 4, w);
	if (import_id)
		st_bind_i64(st, 5, import_id);
	if (st_step(st) != ST_DONE) {
		db_fault(db, err, "writing an index weight");
		st_reset(st);
		return -1;
	}
	st_reset(st);
	if (*changed == 2) {
		char n[256], y[8];
		snprintf(n, sizeof n, "weight of category %s, channel %s", r->category, IX_CHANNEL[ch]);
		snprintf(y, sizeof y, "%d", year);
		return ixs_add_history(db, "index-weight", NULL, y, &was, &w, n, NULL, err);
	}
	return 0;
}
