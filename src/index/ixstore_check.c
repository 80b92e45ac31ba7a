/* ixstore_check.c: the checks over the eyewear index's whole store, after an
 * import's rows (weights adding up at every level, items in leaf categories,
 * replacements), and the published months an import touched (see
 * ixstore.h). Depends on base, store. */
#include "index/ixstore_part.h"
#include "base/date.h"
#include "base/period.h"
#include "base/sbuf.h"
#include "base/xalloc.h"
#include "store/history.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- checks over the store ---- */

/* The sub-categories of a category with their weights in a year and channel
 * (NULL when the sub-category has none of its own). */
static const char SQL_KIDS[] =
	"SELECT k.id, k.code, w.weight FROM ix_category k LEFT JOIN ix_weight w ON "
	"w.category_id = k.id AND w.year = ? AND w.channel = ? WHERE k.parent_id = ? "
	"ORDER BY k.seq, k.code";

#define IX_MAX_DEPTH 64   /* deeper than any real tree; a guard against a cycle */

/* The weight of category cat in year and channel ch as the index uses it:
 * its own, else the sum of its sub-categories' (docs/formats.md: upper
 * levels are their sums). *has 0 when neither it nor anything below has
 * one. -1 on a fault. */
static int implied_weight(struct kfq_db *db, int64_t cat, int year, const char *ch, int depth,
                          dec *w, int *has, int *overflow, struct kfq_err *err);

/* The weights of category cat's sub-categories in year and channel ch
 * (a sub-category without its own weight counts with its sub-categories'
 * sum, "a1 3 (implied)"): their sum (*overflow when it does not fit),
 * "code weight, ..." in parts (NULL: not wanted), and their keys added to
 * keys (NULL: not wanted). -1 on a fault. */
static int kids_weights(struct kfq_db *db, int64_t cat, int year, const char *ch, int depth,
                        dec *sum, int *any, int *overflow, struct sbuf *parts,
                        struct sbuf *keys, struct kfq_err *err)
{
	struct kid { int64_t id; char *code; dec w; int has; } *v = NULL;
	size_t n = 0, cap = 0;
	struct kfq_stmt *kid;
	int rc;
	*sum = 0;
	*any = 0;
	if (depth > IX_MAX_DEPTH)
		return kfq_fault(err, "index categories nested deeper than %d levels", IX_MAX_DEPTH);
	if (db_prepare(db, SQL_KIDS, &kid, err) < 0)
		return -1;
	st_bind_int(kid, 1, year);
	st_bind_text_copy(kid, 2, ch);
	st_bind_i64(kid, 3, cat);
	while ((rc = st_step(kid)) == ST_ROW) {
		XGROW(v, n + 1, cap);
		v[n].id = st_i64(kid, 0);
		v[n].code = xstrdup(st_text(kid, 1));
		v[n].has = !st_null(kid, 2);
		v[n].w = v[n].has ? st_i64(kid, 2) : 0;
		n++;
	}
	st_finalize(kid);
	if (rc != ST_DONE)
		rc = db_fault(db, err, "checking index weights");
	else
		rc = 0;
	for (size_t i = 0; i < n && rc == 0; i++) {
		int implied = !v[i].has;
		char b[48];
		if (implied)
			rc = implied_weight(db, v[i].id, year, ch, depth + 1, &v[i].w, &v[i].has,
			                    overflow, err);
		if (rc < 0 || !v[i].has)
			continue;
		*any = 1;
		*overflow |= dec_add(*sum, v[i].w, sum) < 0;
		ixs_fmt_dec(v[i].w, b, sizeof b);
		if (parts)
			sbuf_addf(parts, "%s%s %s%s", parts->len ? ", " : "", v[i].code, b,
			          implied ? " (implied)" : "");
		if (keys && !implied)
			sbuf_addf(keys, "\tweight %d %s %s", year, v[i].code, ch);
	}
	for (size_t i = 0; i < n; i++)
		free(v[i].code);
	free(v);
	return rc;
}

static int implied_weight(struct kfq_db *db, int64_t cat, int year, const char *ch, int depth,
                          dec *w, int *has, int *overflow, struct kfq_err *err)
{
	return kids_weights(db, cat, year, ch, depth, w, has, overflow, NULL, NULL, err);
}

/* Report category cat (code), whose weight w is not its sub-categories'
 * sum: the keys name every sub-category, also one added or moved in this
 * file without a weight. -1 on a fault. */
static int report_sum(struct kfq_db *db, int64_t cat, const char *code, int year, const char *ch,
                      dec w, dec sum, int overflow, const struct sbuf *parts, struct sbuf *keys,
                      ix_report_fn report, void *ctx, struct kfq_err *err)
{
	static const char SQL_ALL[] =
		"SELECT code FROM ix_category WHERE parent_id = ? ORDER BY seq, code";
	struct kfq_stmt *all;
	struct kfq_err p;
	char a[48], b[48];
	int rc;
	if (db_prepare(db, SQL_ALL, &all, err) < 0)
		return -1;
	st_bind_i64(all, 1, cat);
	while ((rc = st_step(all)) == ST_ROW)
		sbuf_addf(keys, "\tcategory %s", st_text(all, 0));
	if (rc != ST_DONE) {
		db_fault(db, err, "checking index weights");
		st_finalize(all);
		return -1;
	}
	st_finalize(all);
	sbuf_addf(keys, "\tcategory %s", code);
	ixs_fmt_dec(w, a, sizeof a);
	ixs_fmt_dec(sum, b, sizeof b);
	kfq_error(&p, "category \"%s\", %d, channel %s: weight %s, but its sub-categories' "
	          "weights add up to %s (%s) (expected the weight of a category to equal "
	          "the sum of its sub-categories' weights)", code, year, ch, a,
	          overflow ? "too much" : b, parts->len ? parts->buf : "none given");
	report(ctx, keys->buf, &p);
	return 0;
}

static int check_weights(struct kfq_db *db, ix_report_fn report, void *ctx, struct kfq_err *err)
{
	static const char SQL_INNER[] =
		"SELECT w.year, w.channel, c.id, c.code, w.weight FROM ix_weight w "
		"JOIN ix_category c ON c.id = w.category_id "
		"WHERE EXISTS (SELECT 1 FROM ix_category k WHERE k.parent_id = c.id) "
		"ORDER BY w.year, CASE w.channel WHEN 'factory' THEN 0 WHEN 'wholesale' THEN 1 ELSE 2 END, "
		"c.seq, c.code";
	struct kfq_stmt *st;
	int rc, problems = 0;

	if (db_prepare(db, SQL_INNER, &st, err) < 0)
		return -1;
	while ((rc = st_step(st)) == ST_ROW) {
		int year = st_int(st, 0), overflow = 0, any, k;
		const char *ch = st_text(st, 1);
		const char *code = st_text(st, 3);
		int64_t cat = st_i64(st, 2);
		dec w = st_i64(st, 4), sum;
		struct sbuf keys, parts;
		sbuf_init(&keys);
		sbuf_init(&parts);
		sbuf_addf(&keys, "weight %d %s %s", year, code, ch);
		k = kids_weights(db, cat, year, ch, 0, &sum, &any, &overflow, &parts, &keys, err);
		if (k == 0 && (sum != w || overflow)) {
			k = report_sum(db, cat, code, year, ch, w, sum, overflow, &parts, &keys, report, ctx,
			               err);
			problems++;
		}
		sbuf_release(&keys);
		sbuf_release(&parts);
		if (k < 0)
			break;   /* err filled; rc stays ST_ROW */
	}
	if (rc != ST_DONE && rc != ST_ROW)
		db_fault(db, err, "checking index weights");
	st_finalize(st);
	return rc == ST_DONE ? problems : -1;
}

static int check_items(struct kfq_db *db, ix_report_fn report, void *ctx, struct kfq_err *err)
{
	static const char SQL_LEAF[] =
		"SELECT i.code, c.code, (SELECT group_concat(code, ', ') FROM (SELECT code FROM "
		"ix_category k WHERE k.parent_id = c.id ORDER BY seq, code) q) FROM ix_item i "
		"JOIN ix_category c ON c.id = i.category_id "
		"WHERE EXISTS (SELECT 1 FROM ix_category k WHERE k.parent_id = c.id) ORDER BY i.id";
	static const char SQL_REPL[] =
		"SELECT i.code, ic.code, i.channel, o.code, oc.code, o.channel FROM ix_item i "
		"JOIN ix_item o ON o.id = i.replaces_id JOIN ix_category ic ON ic.id = i.category_id "
		"JOIN ix_category oc ON oc.id = o.category_id "
		"WHERE i.category_id <> o.category_id OR i.channel <> o.channel ORDER BY i.id";
	struct kfq_stmt *st;
	int rc, problems = 0;

	if (db_prepare(db, SQL_LEAF, &st, err) < 0)
		return -1;
	while ((rc = st_step(st)) == ST_ROW) {
		const char *item = st_text(st, 0);
		const char *cat = st_text(st, 1);
		const char *kids = st_text(st, 2);
		struct sbuf keys;
		struct kfq_err p;
		sbuf_init(&keys);
		sbuf_addf(&keys, "item %s", item);
		for (const char *k = kids; k && *k;) {
			const char *end = strstr(k, ", ");
			size_t len = end ? (size_t)(end - k) : strlen(k);
			sbuf_addf(&keys, "\tcategory %.*s", (int)len, k);
			k = end ? end + 2 : k + len;
		}
		sbuf_addf(&keys, "\tcategory %s", cat);
		kfq_error(&p, "item \"%s\": its category \"%s\" has sub-categories (%s) (expected "
		          "items in leaf categories only)", item, cat, kids);
		report(ctx, keys.buf, &p);
		sbuf_release(&keys);
		problems++;
	}
	if (rc != ST_DONE) {
		db_fault(db, err, "checking index items");
		st_finalize(st);
		return -1;
	}
	st_finalize(st);
	if (db_prepare(db, SQL_REPL, &st, err) < 0)
		return -1;
	while ((rc = st_step(st)) == ST_ROW) {
		const char *t[6];
		char keys[512];
		struct kfq_err p;
		for (int k = 0; k < 6; k++)
			t[k] = st_text(st, k);
		snprintf(keys, sizeof keys, "item %s\titem %s", t[0], t[3]);
		kfq_error(&p, "item \"%s\" (category %s, channel %s) replaces \"%s\" (category %s, "
		          "channel %s) (expected a replacement in the same category and channel)", t[0],
		          t[1], t[2], t[3], t[4], t[5]);
		report(ctx, keys, &p);
		problems++;
	}
	if (rc != ST_DONE) {
		db_fault(db, err, "checking index items");
		st_finalize(st);
		return -1;
	}
	st_finalize(st);
	return problems;
}

int ix_check(struct kfq_db *db, unsigned what, ix_report_fn report, void *ctx,
             struct kfq_err *err)
{
	int n = 0, k;
	if (what & IX_CHECK_WEIGHTS) {
		if ((k = check_weights(db, report, ctx, err)) < 0)
			return -1;
		n += k;
	}
	if (what & IX_CHECK_ITEMS) {
		if ((k = check_items(db, report, ctx, err)) < 0)
			return -1;
		n += k;
	}
	return n;
}

int ix_published_touched(struct kfq_db *db, int64_t import_id, int64_t *quotes,
                         int64_t *answers, char *months, size_t n, struct kfq_err *err)
{
	static const char SQL[] =
		"SELECT t.year, t.month, count(*), sum(t.q) FROM (SELECT year, month, 1 AS q FROM ix_quote "
		"WHERE import_id = ?1 UNION ALL SELECT year, month, 0 FROM ix_answer WHERE import_id = ?1) "
		"t JOIN ix_month m ON m.year = t.year AND m.month = t.month "
		"WHERE m.published_at IS NOT NULL GROUP BY t.year, t.month ORDER BY t.year, t.month";
	struct kfq_stmt *st;
	struct sbuf sb;
	int rc, listed = 0;

	*quotes = *answers = 0;
	if (n)
		months[0] = '\0';
	if (db_prepare(db, SQL, &st, err) < 0)
		return -1;
	st_bind_i64(st, 1, import_id);
	sbuf_init(&sb);
	while ((rc = st_step(st)) == ST_ROW) {
		int64_t all = st_i64(st, 2), q = st_i64(st, 3);
		*quotes += q;
		*answers += all - q;
		if (listed < 6)
			sbuf_addf(&sb, "%s%04d-%02d", listed ? ", " : "", st_int(st, 0),
			          st_int(st, 1));
		else if (listed == 6)
			sbuf_adds(&sb, " …");
		listed++;
	}
	if (rc != ST_DONE)
		db_fault(db, err, "reading published months");
	st_finalize(st);
	if (n)
		snprintf(months, n, "%s", sb.len ? sb.buf : "");
	sbuf_release(&sb);
	return rc == ST_DONE ? 0 : -1;
}
