/* unit.c: loading the unit tree and writing units (see unit.h).
 * Depends on base and store. */
#include "model/unit.h"
#include "base/sbuf.h"
#include "base/uscc.h"
#include "base/xalloc.h"
#include "store/history.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The units' strings, kept in blocks of 64 KB or more that are freed
 * together: a province's 46 691 units are some 190 000 strings, one
 * allocation (and its share of page faults) each when they were copied
 * one by one, the most of what loading the tree cost. */
struct unit_texts {
	struct unit_texts *next;
	size_t used, cap;
	char text[];
};

static char *keep(struct unit_set *set, const char *t)
{
	size_t n;
	char *s;
	if (!t)
		return NULL;
	n = strlen(t) + 1;
	if (!set->texts || set->texts->cap - set->texts->used < n) {
		size_t cap = n > 65536 ? n : 65536;
		struct unit_texts *b = xmalloc(sizeof *b + cap);
		b->next = set->texts;
		b->used = 0;
		b->cap = cap;
		set->texts = b;
	}
	s = set->texts->text + set->texts->used;
	memcpy(s, t, n);
	set->texts->used += n;
	return s;
}

/* A unit's kind: one of a few, kept once each (the first 16 kinds met;
 * any other is kept once a unit). */
static char *keep_kind(struct unit_set *set, const char *t, char **kinds, size_t *nkinds)
{
	char *s;
	if (!t)
		return NULL;
	for (size_t i = 0; i < *nkinds; i++)
		if (strcmp(kinds[i], t) == 0)
			return kinds[i];
	s = keep(set, t);
	if (*nkinds < 16)
		kinds[(*nkinds)++] = s;
	return s;
}

static int by_code(const void *a, const void *b)
{
	return strcmp(((const struct unit *)a)->code, ((const struct unit *)b)->code);
}

int units_load(struct kfq_db *db, struct unit_set *set, struct kfq_err *err)
{
	struct kfq_stmt *st;
	size_t cap = 0, nkinds = 0;
	char *kinds[16];
	int rc, sorted = 1;

	memset(set, 0, sizeof *set);
	strmap_init(&set->by_code);
	strmap_init(&set->by_uscc);
	if (db_prepare(db, "SELECT id, code, name, kind, parent_id, industry, land_mu, hightech, "
	               "synthetic, uscc FROM unit", &st, err) < 0) {
		strmap_release(&set->by_code);
		strmap_release(&set->by_uscc);
		return -1;
	}
	while ((rc = st_step(st)) == ST_ROW) {
		struct unit *u;
		XGROW(set->v, set->n + 1, cap);
		u = &set->v[set->n];
		memset(u, 0, sizeof *u);
		u->id = st_i64(st, 0);
		u->code = keep(set, st_text(st, 1));
		u->name = keep(set, st_text(st, 2));
		u->kind = keep_kind(set, st_text(st, 3), kinds, &nkinds);
		u->parent = st_null(st, 4) ? 0 : (long)st_i64(st, 4);   /* the id, for now */
		u->industry = keep(set, st_text(st, 5));
		u->has_land = !st_null(st, 6);
		u->land_mu = st_i64(st, 6);
		u->hightech = st_int(st, 7);
		u->synthetic = st_int(st, 8);
		u->uscc = keep(set, st_text(st, 9));
		if (u->id > set->max_id)
			set->max_id = u->id;
		if (set->n && sorted && strcmp(u[-1].code, u->code) > 0)
			sorted = 0;
		set->n++;
	}
	if (rc != ST_DONE) {
		db_fault(db, err, "reading units");
		st_finalize(st);
		units_release(set);
		return -1;
	}
	st_finalize(st);
	/* In the table's order, which is mostly the codes' already (a units
	 * file in code order); sorted here only when not: reading them through
	 * the index on code sought each row in the table again. */
	if (!sorted)
		qsort(set->v, set->n, sizeof *set->v, by_code);
	set->by_id = xmalloc(((size_t)set->max_id + 1) * sizeof *set->by_id);
	for (int64_t i = 0; i <= set->max_id; i++)
		set->by_id[i] = -1;
	strmap_reserve(&set->by_code, set->n);
	for (size_t i = 0; i < set->n; i++) {
		set->by_id[set->v[i].id] = (long)i;
		strmap_put(&set->by_code, set->v[i].code, i);
		if (set->v[i].uscc)
			strmap_put(&set->by_uscc, set->v[i].uscc, i);
	}
	{
		size_t *ccap = xcalloc(set->n, sizeof *ccap);
		for (size_t i = 0; i < set->n; i++) {
			struct unit *p;
			set->v[i].parent = set->v[i].parent ? set->by_id[set->v[i].parent] : -1;
			if (set->v[i].parent < 0)
				continue;
			p = &set->v[set->v[i].parent];
			XGROW(p->children, p->nchildren + 1, ccap[set->v[i].parent]);
			p->children[p->nchildren++] = i;
		}
		free(ccap);
	}
	return 0;
}

void units_release(struct unit_set *set)
{
	for (size_t i = 0; i < set->n; i++) {
		free(set->v[i].children);
	}
	while (set->texts) {
		struct unit_texts *next = set->texts->next;
		free(set->texts);
		set->texts = next;
	}
	free(set->v);
	free(set->by_id);
	strmap_release(&set->by_code);
	strmap_release(&set->by_uscc);
	memset(set, 0, sizeof *set);
}

long units_find(const struct unit_set *set, const char *code)
{
	size_t i;
	return strmap_get(&set->by_code, code, &i) ? (long)i : -1;
}

long units_find_uscc(const struct unit_set *set, const char *uscc)
{
	size_t i;
	return strmap_get(&set->by_uscc, uscc, &i) ? (long)i : -1;
}

long units_need(const struct unit_set *set, const char *code, struct kfq_err *err)
{
	long i = units_find(set, code);
	if (i < 0)
		kfq_error(err, "unknown unit \"%s\" (import it in a units file first)", code);
	return i;
}

size_t units_subtree(const struct unit_set *set, size_t root, size_t **out)
{
	size_t *v = xmalloc((set->n ? set->n : 1) * sizeof *v), n = 0, top = 0;
	size_t *stack = xmalloc((set->n ? set->n : 1) * sizeof *stack);
	stack[top++] = root;
	while (top > 0) {
		size_t x = stack[--top];
		v[n++] = x;
		for (size_t k = 0; k < set->v[x].nchildren; k++)
			stack[top++] = set->v[x].children[k];
	}
	free(stack);
	*out = v;
	return n;
}

int units_within(const struct unit_set *set, size_t a, size_t b)
{
	long i = (long)a;
	while (i >= 0) {
		if ((size_t)i == b)
			return 1;
		i = set->v[i].parent;
	}
	return 0;
}

static int parse_bool(const char *s, int *out)
{
	static const char *const yes[] = { "1", "yes", "y", "true", "是", "Y", "TRUE", "Yes" };
	static const char *const no[] = { "0", "no", "n", "false", "否", "", "N", "FALSE", "No" };
	for (size_t i = 0; i < sizeof yes / sizeof *yes; i++)
		if (strcmp(s, yes[i]) == 0)
			return *out = 1, 0;
	for (size_t i = 0; i < sizeof no / sizeof *no; i++)
		if (strcmp(s, no[i]) == 0)
			return *out = 0, 0;
	return -1;
}

static int same_text(const char *a, const char *b)
{
	if (!a || !b)
		return !a && (!b || !*b);
	return strcmp((const char *)a, b) == 0;
}

/* Compare the stored unit (a row of SQL_GET) with r; write what changed,
 * "name: old → new; ...", into note. Returns 1 when nothing changed. */
static int describe_change(struct kfq_stmt *st, const struct unit_row *r, int has_land, dec land,
                           int ht, struct sbuf *note)
{
	static const char *const names[] = { NULL, "name", "kind", "parent", "industry" };
	const char *now[] = { NULL, r->name, r->kind, r->parent, r->industry };
	int same = 1;

	for (int i = 1; i <= 4; i++)
		if (!same_text(st_text(st, i), now[i])) {
			const char *o = st_text(st, i);
			sbuf_addf(note, "%s%s: %s → %s", same ? "" : "; ", names[i],
			          o ? (const char *)o : "", now[i] ? now[i] : "");
			same = 0;
		}
	if (st_null(st, 5) ? has_land
	    : !has_land || st_i64(st, 5) != land) {
		char a[48] = "", b[48] = "";
		if (!st_null(st, 5))
			dec_format(st_i64(st, 5), 0, -1, a, sizeof a);
		if (has_land)
			dec_format(land, 0, -1, b, sizeof b);
		sbuf_addf(note, "%sland_mu: %s → %s", same ? "" : "; ", a, b);
		same = 0;
	}
	if (st_int(st, 6) != ht) {
		sbuf_addf(note, "%shightech: %d → %d", same ? "" : "; ", st_int(st, 6), ht);
		same = 0;
	}
	if (!same_text(st_text(st, 7), r->uscc)) {
		const char *o = st_text(st, 7);
		sbuf_addf(note, "%suscc: %s → %s", same ? "" : "; ", o ? o : "",
		          r->uscc ? r->uscc : "");
		same = 0;
	}
	return same;
}

/* Refuse a cycle: the new parent must not lie under the unit itself.
 * Returns 0 when fine, -1 with err filled otherwise. */
static int would_cycle(struct kfq_db *db, const struct unit_row *r, int64_t parent_id,
                       int64_t self, struct kfq_err *err)
{
	struct kfq_stmt *cy;
	int rc;
	if (db_prepare(db, "WITH RECURSIVE up(id) AS (SELECT ?1 UNION ALL SELECT "
	               "u.parent_id FROM unit u JOIN up ON u.id = up.id WHERE u.parent_id "
	               "IS NOT NULL) SELECT 1 FROM up WHERE id = ?2", &cy, err) < 0)
		return -1;
	st_bind_i64(cy, 1, parent_id);
	st_bind_i64(cy, 2, self);
	if ((rc = st_step(cy)) == ST_ERROR)
		db_fault(db, err, "reading the unit tree");
	st_finalize(cy);
	if (rc == ST_ERROR)
		return -1;
	if (rc == ST_ROW)
		return kfq_error_field(err, "parent", "\"%s\" lies under \"%s\"; the tree "
		                       "would have a cycle", r->parent, r->code);
	return 0;
}

/* The unit other than `code` whose 统一社会信用代码 is uscc: 1 naming it in
 * err, 0 when there is none. */
static int uscc_taken(struct kfq_db *db, const char *uscc, const char *code, struct kfq_err *err)
{
	static const char SQL[] = "SELECT code FROM unit WHERE uscc = ? AND code <> ?";
	struct kfq_stmt *st;
	int rc;
	if (db_cached(db, SQL, &st, err) < 0)
		return -1;
	st_bind_text(st, 1, uscc);
	st_bind_text(st, 2, code);
	if ((rc = st_step(st)) == ST_ROW)
		kfq_error_field(err, "uscc", "统一社会信用代码 %s is already unit \"%s\"'s (a code "
		                "names one unit)", uscc, st_text(st, 0));
	else if (rc == ST_ERROR)
		db_fault(db, err, "reading a unit");
	st_reset(st);
	return rc == ST_ROW ? 1 : rc == ST_ERROR ? -1 : 0;
}

static int put_full(struct kfq_db *db, const struct unit_row *row, int synthetic, int *changed,
                    struct kfq_err *err)
{
	static const char SQL_GET[] = "SELECT u.id, u.name, u.kind, p.code, u.industry, u.land_mu, "
	                              "u.hightech, u.uscc FROM unit u LEFT JOIN unit p ON "
	                              "p.id = u.parent_id WHERE u.code = ?";
	static const char SQL_PARENT[] = "SELECT id FROM unit WHERE code = ?";
	static const char SQL_INS[] = "INSERT INTO unit(code, name, kind, parent_id, industry, land_mu, "
	                              "hightech, uscc, synthetic) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
	static const char SQL_UPD[] = "UPDATE unit SET name = ?2, kind = ?3, parent_id = ?4, "
	                              "industry = ?5, land_mu = ?6, hightech = ?7, uscc = ?8 "
	                              "WHERE code = ?1";
	struct unit_row rr = *row;
	const struct unit_row *r = &rr;
	char uscc[USCC_LEN + 1];
	struct kfq_stmt *st;
	int64_t parent_id = 0;
	dec land = 0;
	int has_land = r->land_mu && *r->land_mu, ht = 0, exists = 0, same = 0, rc;
	struct sbuf note;

	if (!r->code || !*r->code)
		return kfq_error_field(err, "code", "empty (every unit needs a code)");
	if (!r->name || !*r->name)
		return kfq_error_field(err, "name", "empty (every unit needs a name)");
	if (!r->kind || !*r->kind)
		return kfq_error_field(err, "kind", "empty (expected zone, park, enterprise ...)");
	if (has_land && dec_parse(r->land_mu, 0, &land, err) < 0)
		return kfq_err_set_field(err, "land_mu");
	if (has_land && land < 0)
		return kfq_error_field(err, "land_mu", "\"%s\" is negative (expected the land the "
		                       "unit uses, in 亩: 0 or more)", r->land_mu);
	if (r->hightech && parse_bool(r->hightech, &ht) < 0)
		return kfq_error_field(err, "hightech", "\"%s\" is not yes or no (expected 1/0, "
		                       "yes/no, 是/否)", r->hightech);
	if (r->uscc && *r->uscc) {
		if (uscc_parse(r->uscc, uscc, err) < 0)
			return kfq_err_set_field(err, "uscc");
		rr.uscc = uscc;
		if ((rc = uscc_taken(db, uscc, r->code, err)) != 0)
			return -1;
	} else {
		rr.uscc = NULL;
	}
	if (r->parent && *r->parent) {
		if (strcmp(r->parent, r->code) == 0)
			return kfq_error_field(err, "parent", "unit \"%s\" cannot be its own "
			                       "parent", r->code);
		if (db_cached(db, SQL_PARENT, &st, err) < 0)
			return -1;
		st_bind_text(st, 1, r->parent);
		if ((rc = st_step(st)) == ST_ERROR) {
			db_fault(db, err, "reading a unit");
			st_reset(st);
			return -1;
		}
		if (rc != ST_ROW)
			return kfq_error_field(err, "parent", "unknown unit \"%s\"", r->parent);
		parent_id = st_i64(st, 0);
		st_reset(st);
	}
	if (db_cached(db, SQL_GET, &st, err) < 0)
		return -1;
	sbuf_init(&note);
	st_bind_text(st, 1, r->code);
	if ((rc = st_step(st)) == ST_ROW) {
		int64_t self = st_i64(st, 0);
		exists = 1;
		same = describe_change(st, r, has_land, land, ht, &note);
		st_reset(st);
		if (!same && parent_id && (rc = would_cycle(db, r, parent_id, self, err)) != 0)
			goto out;
	} else if (rc == ST_ERROR) {
		rc = db_fault(db, err, "reading a unit");
		st_reset(st);
		goto out;
	}
	st_reset(st);
	rc = 0;
	*changed = 0;
	if (exists && same)
		goto out;
	rc = -1;
	if (db_cached(db, exists ? SQL_UPD : SQL_INS, &st, err) < 0)
		goto out;
	st_bind_text(st, 1, r->code);
	st_bind_text(st, 2, r->name);
	st_bind_text(st, 3, r->kind);
	if (parent_id)
		st_bind_i64(st, 4, parent_id);
	if (r->industry && *r->industry)
		st_bind_text(st, 5, r->industry);
	if (has_land)
		st_bind_i64(st, 6, land);
	st_bind_int(st, 7, ht);
	if (r->uscc)
		st_bind_text(st, 8, r->uscc);
	if (!exists)
		st_bind_int(st, 9, synthetic);
	if (st_step(st) != ST_DONE) {
		db_fault(db, err, "writing a unit");
		goto out;
	}
	st_reset(st);
	*changed = exists ? 2 : 1;
	rc = 0;
	if (exists) {
		struct history_entry h = { .kind = "unit", .unit = r->code, .note = note.buf };
		rc = history_add(db, &h, err);
	}
out:
	sbuf_release(&note);
	return rc;
}

int unit_put(struct kfq_db *db, const struct unit_row *r, int synthetic, int *changed,
             struct kfq_err *err)
{
	static const char SQL_KEEP[] = "SELECT p.code, u.industry, u.land_mu, u.hightech, u.uscc "
	                               "FROM unit u LEFT JOIN unit p ON p.id = u.parent_id "
	                               "WHERE u.code = ?";
	struct unit_row full = *r;
	const char **field[5] = { &full.parent, &full.industry, &full.land_mu, &full.hightech,
	                          &full.uscc };
	char keep[5][64] = { "", "", "", "", "" };
	struct kfq_stmt *st;
	int rc;

	/* A column the file does not have keeps what is stored. */
	if (r->code && *r->code &&
	    (!r->parent || !r->industry || !r->land_mu || !r->hightech || !r->uscc)) {
		if (db_cached(db, SQL_KEEP, &st, err) < 0)
			return -1;
		st_bind_text(st, 1, r->code);
		if ((rc = st_step(st)) == ST_ERROR) {
			db_fault(db, err, "reading a unit");
			st_reset(st);
			return -1;
		}
		if (rc == ST_ROW) {
			for (int i = 0; i < 2; i++)
				if (st_text(st, i))
					snprintf(keep[i], sizeof keep[i], "%s",
					         st_text(st, i));
			if (!st_null(st, 2))
				dec_format(st_i64(st, 2), 0, -1, keep[2], sizeof keep[2]);
			snprintf(keep[3], sizeof keep[3], "%d", st_int(st, 3));
			if (st_text(st, 4))
				snprintf(keep[4], sizeof keep[4], "%s", st_text(st, 4));
		}
		st_reset(st);
	}
	for (int i = 0; i < 5; i++)
		if (!*field[i])
			*field[i] = keep[i];
	return put_full(db, &full, synthetic, changed, err);
}

int units_in_group(struct kfq_db *db, const struct unit_set *set, const char *grp, int year,
                   unsigned char *in, struct kfq_err *err)
{
	struct kfq_stmt *st;
	int rc;
	if (db_prepare(db, "SELECT unit_id FROM unit_group WHERE grp = ? AND year = ?", &st, err) < 0)
		return -1;
	st_bind_text(st, 1, grp);
	st_bind_int(st, 2, year);
	while ((rc = st_step(st)) == ST_ROW) {
		int64_t id = st_i64(st, 0);
		if (id >= 0 && id <= set->max_id && set->by_id[id] >= 0)
			in[set->by_id[id]] = 1;
	}
	if (rc != ST_DONE)
		db_fault(db, err, "reading group members");
	st_finalize(st);
	return rc == ST_DONE ? 0 : -1;
}
