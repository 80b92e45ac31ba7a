/* rollup.c: building, storing and reading roll-ups (see rollup.h).
 * A unit's spans are stored as one BLOB, beside its siblings' (the key
 * ends with the parent, then the unit): a tag byte 2, a bitmap of the 78
 * spans that have a value (10 bytes, span i at bit i % 8 of byte i / 8),
 * for each such span the count of units it sums and the value (LEB128
 * varints, the value zigzag-encoded), then the units expected to report by
 * each month (12 varints). A zone's row is some 600 bytes, so that it
 * fits in its B-tree page with no overflow page to read. The layout
 * written before (a flag byte, a 4-byte count and an 8-byte value for
 * each span, then 12 × 4 bytes, little-endian: 1 062 bytes) is still
 * read. A key holding a BLOB of neither (one written before the counts of
 * expected units) is not used: it is computed from the observations until
 * rebuilt. A parent with nothing under it (no value, no count, no unit
 * expected to report) has no row: a stored key's parent without one is
 * empty, so that the roll-ups grow with the data present, not with the
 * unit tree (a thousand empty parks cost nothing). Any change to the units
 * or the indicators rebuilds every key, so no row is missing for another
 * reason. Depends on base, store, model, calc/cube. */
#include "calc/rollup.h"
#include "base/xalloc.h"
#include "model/indicator.h"
#include "model/obs.h"
#include "model/unit.h"

#include <stdlib.h>
#include <string.h>

#define OLD_SPAN_BYTES 13
#define OLD_SPANS_BYTES (CUBE_NSPANS * OLD_SPAN_BYTES)
#define OLD_BLOB_BYTES (OLD_SPANS_BYTES + 12 * 4)
#define TAG 2
#define BITMAP_BYTES ((CUBE_NSPANS + 7) / 8)
/* the longest: every span with a 5-byte count and a 10-byte value */
#define BLOB_MAX (1 + BITMAP_BYTES + CUBE_NSPANS * 15 + 12 * 5)

void rollup_todo_init(struct rollup_todo *t)
{
	memset(t, 0, sizeof *t);
}

void rollup_todo_release(struct rollup_todo *t)
{
	free(t->v);
	free(t->unit_ids);
	memset(t, 0, sizeof *t);
}

/* A key to rebuild, wholly (partial 0) or above the todo's units; wholly
 * wins when both are asked for. */
static void add(struct rollup_todo *t, int64_t ind, int year, int scope_year, int partial)
{
	for (size_t i = 0; i < t->n; i++)
		if (t->v[i].ind_id == ind && t->v[i].year == year && t->v[i].scope_year == scope_year) {
			t->v[i].partial &= partial;
			return;
		}
	XGROW(t->v, t->n + 1, t->cap);
	t->v[t->n].ind_id = ind;
	t->v[t->n].year = year;
	t->v[t->n].scope_year = scope_year;
	t->v[t->n].partial = partial;
	t->n++;
}

static void todo_data(struct rollup_todo *t, const struct indicator *ind, int year, int partial)
{
	if (ind->formula)
		return;
	add(t, ind->id, year, year, partial);
	if (ind->scope)
		add(t, ind->id, year, year + 1, partial);
}

void rollup_todo_data(struct rollup_todo *t, const struct indicator *ind, int year)
{
	todo_data(t, ind, year, 0);
}

void rollup_todo_data_at(struct rollup_todo *t, const struct indicator *ind, int year)
{
	todo_data(t, ind, year, 1);
}

void rollup_todo_unit(struct rollup_todo *t, int64_t unit_id)
{
	XGROW(t->unit_ids, t->nunit_ids + 1, t->unit_ids_cap);
	t->unit_ids[t->nunit_ids++] = unit_id;
}

void rollup_todo_group(struct rollup_todo *t, const struct indicator_set *inds, const char *grp,
                       int year)
{
	for (size_t i = 0; i < inds->n; i++)
		if (inds->v[i].scope && !inds->v[i].formula && strcmp(inds->v[i].scope, grp) == 0) {
			add(t, inds->v[i].id, year, year, 0);
			add(t, inds->v[i].id, year - 1, year, 0);
		}
}

static size_t put_varint(unsigned char *p, uint64_t v)
{
	size_t n = 0;
	while (v >= 0x80) {
		p[n++] = (unsigned char)(v | 0x80);
		v >>= 7;
	}
	p[n++] = (unsigned char)v;
	return n;
}

/* A varint at *p (before end) into *v; 0, or -1 when it runs past end or
 * past 64 bits. */
static int get_varint(const unsigned char **p, const unsigned char *end, uint64_t *v)
{
	uint64_t x = 0;
	for (int shift = 0; shift < 64; shift += 7) {
		unsigned char b;
		if (*p >= end)
			return -1;
		b = *(*p)++;
		x |= (uint64_t)(b & 0x7f) << shift;
		if (!(b & 0x80)) {
			*v = x;
			return 0;
		}
	}
	return -1;
}

static size_t encode(const struct cube_spans *sp, unsigned char *b)
{
	size_t n = 1 + BITMAP_BYTES;
	b[0] = TAG;
	memset(b + 1, 0, BITMAP_BYTES);
	for (int i = 0; i < CUBE_NSPANS; i++) {
		uint64_t v = (uint64_t)sp->v[i];
		if (!sp->has[i])
			continue;
		b[1 + i / 8] |= (unsigned char)(1u << (i % 8));
		n += put_varint(b + n, sp->n[i]);
		n += put_varint(b + n, (v << 1) ^ (uint64_t)(sp->v[i] < 0 ? -1 : 0));
	}
	for (int m = 0; m < 12; m++)
		n += put_varint(b + n, sp->expected[m]);
	return n;
}

static uint32_t get32(const unsigned char *p)
{
	uint32_t v = 0;
	for (int i = 3; i >= 0; i--)
		v = (v << 8) | p[i];
	return v;
}

static uint64_t get64(const unsigned char *p)
{
	uint64_t v = 0;
	for (int i = 7; i >= 0; i--)
		v = (v << 8) | p[i];
	return v;
}

/* Whether a stored BLOB is in a layout this build reads. */
static int readable(const unsigned char *b, size_t nb)
{
	return nb == OLD_BLOB_BYTES || (nb > 1 + BITMAP_BYTES && b[0] == TAG);
}

/* A stored BLOB into *sp (zeroed first); 0, or -1 when it is not one. */
static int decode(const unsigned char *b, size_t nb, struct cube_spans *sp)
{
	const unsigned char *p, *end = b + nb;
	memset(sp, 0, sizeof *sp);
	if (nb == OLD_BLOB_BYTES) {
		for (int i = 0; i < CUBE_NSPANS; i++) {
			sp->has[i] = b[i * OLD_SPAN_BYTES];
			sp->n[i] = get32(b + i * OLD_SPAN_BYTES + 1);
			sp->v[i] = (dec)get64(b + i * OLD_SPAN_BYTES + 5);
		}
		for (int m = 0; m < 12; m++)
			sp->expected[m] = get32(b + OLD_SPANS_BYTES + m * 4);
		return 0;
	}
	if (!readable(b, nb))
		return -1;
	p = b + 1 + BITMAP_BYTES;
	for (int i = 0; i < CUBE_NSPANS; i++) {
		uint64_t n, z;
		if (!(b[1 + i / 8] & (1u << (i % 8))))
			continue;
		if (get_varint(&p, end, &n) < 0 || n > UINT32_MAX || get_varint(&p, end, &z) < 0)
			return -1;
		sp->has[i] = 1;
		sp->n[i] = (uint32_t)n;
		sp->v[i] = (dec)((z >> 1) ^ (0 - (z & 1)));
	}
	for (int m = 0; m < 12; m++) {
		uint64_t e;
		if (get_varint(&p, end, &e) < 0 || e > UINT32_MAX)
			return -1;
		sp->expected[m] = (uint32_t)e;
	}
	return p == end ? 0 : -1;
}

static int forget(struct kfq_db *db, const struct rollup_key *k, struct kfq_err *err)
{
	static const char DEL_STATE[] = "DELETE FROM rollup_state WHERE ind_id = ? AND year = ? AND "
	                                "scope_year = ?";
	static const char DEL_ROWS[] = "DELETE FROM rollup WHERE ind_id = ? AND year = ? AND "
	                               "scope_year = ?";
	const char *sqls[2] = { DEL_STATE, DEL_ROWS };
	for (int i = 0; i < 2; i++) {
		struct kfq_stmt *st;
		if (db_cached(db, sqls[i], &st, err) < 0)
			return -1;
		st_bind_i64(st, 1, k->ind_id);
		st_bind_int(st, 2, k->year);
		st_bind_int(st, 3, k->scope_year);
		if (st_step(st) != ST_DONE)
			return db_fault(db, err, "clearing roll-ups");
		st_reset(st);
	}
	return 0;
}

/* Whether a parent's spans hold nothing: no value, no count, nobody
 * expected in any month. */
static int spans_empty(const struct cube_spans *sp)
{
	for (int i = 0; i < CUBE_NSPANS; i++)
		if (sp->has[i] || sp->n[i])
			return 0;
	for (int m = 0; m < 12; m++)
		if (sp->expected[m])
			return 0;
	return 1;
}

/* Build one key from the observations and store it. A key whose totals
 * overflow is left without roll-ups: queries then report the overflow. */
static int build(struct kfq_db *db, const struct unit_set *units, const struct indicator *ind,
                 const struct rollup_key *k, const struct rollup_todo *t, struct kfq_err *err)
{
	static const char INS[] = "INSERT INTO rollup(ind_id, year, scope_year, parent_id, unit_id, "
	                          "spans) VALUES (?, ?, ?, ?, ?, ?)";
	static const char STATE[] = "INSERT INTO rollup_state(ind_id, year, scope_year, latest) "
	                            "VALUES (?, ?, ?, ?)";
	struct cube *cb;
	struct cube_spans *sp;
	unsigned char blob[BLOB_MAX];
	struct kfq_stmt *st;
	int rc = 0, latest = 0;

	if (forget(db, k, err) < 0)
		return -1;
	if (cube_build_from(db, units, ind, k->year, k->scope_year, t->source, t->source_ctx, &cb,
	                    err) < 0)
		return -1;
	/* the latest month a record of any unit ends in */
	for (size_t u = 0; u < units->n; u++)
		for (int m = 12; m > latest; m--)
			if (cb->c[u].filed & (1u << m)) {
				latest = m;
				break;
			}
	if (!latest) {
		/* no record at all (a group's year before any value): nothing
		 * stored, as a rebuild of every key (which builds the keys that
		 * have records) leaves it; its figures, computed from no
		 * records, are as quick */
		cube_free(cb);
		return 0;
	}
	sp = xcalloc(units->n ? units->n : 1, sizeof *sp);
	if (cube_all_spans(cb, sp) < 0) {
		if (t->strict)  /* the values just written make it: refused */
			rc = kfq_error(err, "indicator \"%s\": the total of unit \"%s\" in %d does not "
			               "fit in kfq's exact figures", ind->code, cb->overflow_unit, k->year);
		goto out;       /* else no roll-ups for this key */
	}
	for (size_t u = 0; u < units->n && rc == 0; u++) {
		long parent = units->v[u].parent;
		size_t nb;
		if (units->v[u].nchildren == 0 || spans_empty(&sp[u]))
			continue;
		nb = encode(&sp[u], blob);
		if ((rc = db_cached(db, INS, &st, err)) < 0)
			break;
		st_bind_i64(st, 1, k->ind_id);
		st_bind_int(st, 2, k->year);
		st_bind_int(st, 3, k->scope_year);
		st_bind_i64(st, 4, parent < 0 ? 0 : units->v[parent].id);
		st_bind_i64(st, 5, units->v[u].id);
		st_bind_blob(st, 6, blob, nb);
		if (st_step(st) != ST_DONE)
			rc = db_fault(db, err, "writing roll-ups");
		st_reset(st);
	}
	if (rc == 0 && (rc = db_cached(db, STATE, &st, err)) == 0) {
		st_bind_i64(st, 1, k->ind_id);
		st_bind_int(st, 2, k->year);
		st_bind_int(st, 3, k->scope_year);
		st_bind_int(st, 4, latest);
		if (st_step(st) != ST_DONE)
			rc = db_fault(db, err, "writing roll-ups");
		st_reset(st);
	}
out:
	free(sp);
	cube_free(cb);
	return rc;
}

static int stored_state(struct kfq_db *db, const struct rollup_key *k, int *stored,
                        struct kfq_err *err);
static int read_family(void *arg, struct cube *cb, size_t u, struct kfq_err *err);
static int later(struct kfq_db *db, struct cube *cb, const struct rollup_key *k,
                 const size_t *idx, size_t n, struct kfq_err *err);

/* Rebuild key k above the units in idx (indexes, n of them) only: every
 * parent above them (and one of them that has children, which may file
 * its own) computed afresh from its children, deepest first, as build()
 * computes it, and its row replaced; the other rows stand, since nothing
 * under them changed. Returns 1 when done, 0 when the key must be built
 * whole (not stored, or a total overflows), -1 on error. */
static int build_above(struct kfq_db *db, const struct unit_set *units,
                       const struct indicator *ind, const struct rollup_key *k,
                       const size_t *idx, size_t n, struct kfq_err *err)
{
	static const char DEL[] = "DELETE FROM rollup WHERE ind_id = ? AND year = ? AND "
	                          "scope_year = ? AND parent_id = ? AND unit_id = ?";
	static const char INS[] = "INSERT INTO rollup(ind_id, year, scope_year, parent_id, unit_id, "
	                          "spans) VALUES (?, ?, ?, ?, ?, ?)";
	unsigned char *mark, blob[BLOB_MAX];
	size_t *todo = NULL, ntodo = 0, cap = 0;
	int *depth = NULL, stored, rc = 1;
	struct cube *cb;

	if (stored_state(db, k, &stored, err) < 0)
		return -1;
	if (!stored)
		return 0;
	/* the parents to compute, each once */
	mark = xcalloc(units->n ? units->n : 1, 1);
	for (size_t i = 0; i < n; i++)
		for (long x = units->v[idx[i]].nchildren ? (long)idx[i] : units->v[idx[i]].parent;
		     x >= 0 && !mark[x]; x = units->v[x].parent) {
			mark[x] = 1;
			XGROW(todo, ntodo + 1, cap);
			todo[ntodo++] = (size_t)x;
		}
	free(mark);
	/* deepest first: a parent is folded after every child of it that is */
	depth = xmalloc((ntodo ? ntodo : 1) * sizeof *depth);
	for (size_t i = 0; i < ntodo; i++) {
		depth[i] = 0;
		for (long x = units->v[todo[i]].parent; x >= 0; x = units->v[x].parent)
			depth[i]++;
	}
	for (size_t i = 1; i < ntodo; i++)   /* insertion sort: a few hundred parents */
		for (size_t j = i; j > 0 && depth[j - 1] < depth[j]; j--) {
			size_t t = todo[j];
			int d = depth[j];
			todo[j] = todo[j - 1];
			depth[j] = depth[j - 1];
			todo[j - 1] = t;
			depth[j - 1] = d;
		}
	cb = cube_lazy(db, units, ind, k->year, k->scope_year, read_family, NULL);
	for (size_t i = 0; i < ntodo && rc == 1; i++) {
		size_t x = todo[i];
		long parent = units->v[x].parent;
		struct cube_spans sp;
		struct kfq_stmt *st;
		if (cube_fold(cb, x, &sp) < 0) {
			if (cb->fault[0])
				rc = kfq_fault(err, "%s", cb->fault);
			else
				rc = 0;   /* an overflow: built whole, which leaves the key unstored */
			break;
		}
		for (int pass = 0; pass < 2 && rc == 1; pass++) {
			if (pass == 1 && spans_empty(&sp))
				break;
			if (db_cached(db, pass ? INS : DEL, &st, err) < 0) {
				rc = -1;
				break;
			}
			st_bind_i64(st, 1, k->ind_id);
			st_bind_int(st, 2, k->year);
			st_bind_int(st, 3, k->scope_year);
			st_bind_i64(st, 4, parent < 0 ? 0 : units->v[parent].id);
			st_bind_i64(st, 5, units->v[x].id);
			if (pass)
				st_bind_blob(st, 6, blob, encode(&sp, blob));
			if (st_step(st) != ST_DONE)
				rc = db_fault(db, err, "writing roll-ups");
			st_reset(st);
		}
	}
	if (rc == 1 && later(db, cb, k, idx, n, err) < 0)
		rc = -1;
	cube_free(cb);
	free(todo);
	free(depth);
	return rc;
}

/* After a rebuild above the units in idx: the key's latest month raised to
 * the latest of theirs (their values were added or changed, never taken
 * away, on this path), from the records the rebuild read (a leaf's, in
 * cb), else from the store (a query each: a round trip on a server). */
static int later(struct kfq_db *db, struct cube *cb, const struct rollup_key *k,
                 const size_t *idx, size_t n, struct kfq_err *err)
{
	static const char MAX[] = "SELECT max(last) FROM obs WHERE ind_id = ? AND year = ? AND "
	                          "unit_id = ?";
	static const char UPD[] = "UPDATE rollup_state SET latest = ? WHERE ind_id = ? AND year = ? "
	                          "AND scope_year = ? AND latest < ?";
	const struct unit_set *units = cb->units;
	struct kfq_stmt *st;
	int latest = 0, rc;
	for (size_t i = 0; i < n; i++) {
		int m = cube_lazy_latest(cb, idx[i]);
		if (m >= 0) {
			if (m > latest)
				latest = m;
			continue;
		}
		if (db_cached(db, MAX, &st, err) < 0)
			return -1;
		st_bind_i64(st, 1, k->ind_id);
		st_bind_int(st, 2, k->year);
		st_bind_i64(st, 3, units->v[idx[i]].id);
		if ((rc = st_step(st)) == ST_ROW && !st_null(st, 0) && st_int(st, 0) > latest)
			latest = st_int(st, 0);
		else if (rc == ST_ERROR)
			db_fault(db, err, "reading the latest month");
		st_reset(st);
		if (rc == ST_ERROR)
			return -1;
	}
	if (!latest || db_cached(db, UPD, &st, err) < 0)
		return latest ? -1 : 0;
	st_bind_int(st, 1, latest);
	st_bind_i64(st, 2, k->ind_id);
	st_bind_int(st, 3, k->year);
	st_bind_int(st, 4, k->scope_year);
	st_bind_int(st, 5, latest);
	rc = st_step(st);
	st_reset(st);
	return rc == ST_DONE ? 0 : db_fault(db, err, "writing roll-ups");
}

int rollup_stored_latest(struct kfq_db *db, int64_t ind_id, int year, int *month,
                         struct kfq_err *err)
{
	static const char Q[] = "SELECT max(latest), count(*), count(latest) FROM rollup_state "
	                        "WHERE ind_id = ? AND year = ?";
	struct kfq_stmt *st;
	int rc, known = 0;
	if (db_cached(db, Q, &st, err) < 0)
		return -1;
	st_bind_i64(st, 1, ind_id);
	st_bind_int(st, 2, year);
	if ((rc = st_step(st)) == ST_ROW && st_i64(st, 1) > 0 && st_i64(st, 1) == st_i64(st, 2)) {
		*month = st_int(st, 0);
		known = 1;
	} else if (rc == ST_ERROR) {
		db_fault(db, err, "reading the latest month");
	}
	st_reset(st);
	return rc == ST_ERROR ? -1 : known;
}

int rollup_latest_month(struct kfq_db *db, int64_t ind_id, int year, int *month,
                        struct kfq_err *err)
{
	int known = rollup_stored_latest(db, ind_id, year, month, err);
	if (known < 0)
		return -1;
	if (!known)
		return obs_latest_month(db, ind_id, year, month, err);
	return *month > 0;
}

/* Every key that has observations: each (indicator, year) and, for a
 * scoped indicator, its comparable basis for the next year. */
static int all_keys(struct kfq_db *db, const struct indicator_set *inds, struct rollup_todo *t,
                    struct kfq_err *err)
{
	struct kfq_stmt *st;
	int rc;
	if (db_prepare(db, "SELECT ind_id, year FROM obs_m UNION SELECT ind_id, year FROM obs_ytd",
	               &st, err) < 0)
		return -1;
	while ((rc = st_step(st)) == ST_ROW) {
		int64_t id = st_i64(st, 0);
		for (size_t i = 0; i < inds->n; i++)
			if (inds->v[i].id == id)
				rollup_todo_data(t, &inds->v[i], st_int(st, 1));
	}
	if (rc != ST_DONE)
		db_fault(db, err, "listing roll-ups");
	st_finalize(st);
	return rc == ST_DONE ? 0 : -1;
}

int rollup_rebuild_with(struct kfq_db *db, const struct unit_set *units,
                        const struct indicator_set *inds, const struct rollup_todo *t,
                        struct kfq_err *err)
{
	struct rollup_todo all;
	const struct rollup_todo *todo = t;
	size_t *idx = NULL, nidx = 0, idx_cap = 0;
	int rc = 0;

	if (!t->all && t->n == 0)
		return 0;
	rollup_todo_init(&all);
	if (t->all) {
		if (db_exec(db, "DELETE FROM rollup_state; DELETE FROM rollup", err) < 0 ||
		    all_keys(db, inds, &all, err) < 0)
			rc = -1;
		todo = &all;
	}
	/* the units whose values changed, for keys rebuilt above them (when
	 * more than an eighth of a large tree's units changed, each key read
	 * whole is as quick) */
	for (size_t i = 0; rc == 0 && !t->all && i < t->nunit_ids; i++) {
		int64_t id = t->unit_ids[i];
		if (id >= 0 && id <= units->max_id && units->by_id[id] >= 0) {
			XGROW(idx, nidx + 1, idx_cap);
			idx[nidx++] = (size_t)units->by_id[id];
		}
	}
	for (size_t i = 0; rc == 0 && i < todo->n; i++) {
		const struct indicator *ind = NULL;
		int done = 0;
		for (size_t j = 0; j < inds->n; j++)
			if (inds->v[j].id == todo->v[i].ind_id)
				ind = &inds->v[j];
		if (!ind)
			continue;
		if (todo->v[i].partial && !t->all && (nidx <= 64 || nidx * 8 < units->n) &&
		    (done = build_above(db, units, ind, &todo->v[i], idx, nidx, err)) < 0)
			rc = -1;
		else if (!done)
			rc = build(db, units, ind, &todo->v[i], t, err);
	}
	free(idx);
	rollup_todo_release(&all);
	return rc;
}

int rollup_rebuild(struct kfq_db *db, const struct rollup_todo *t, struct kfq_err *err)
{
	struct unit_set units;
	struct indicator_set inds;
	int rc;

	if (!t->all && t->n == 0)
		return 0;
	if (units_load(db, &units, err) < 0)
		return -1;
	if (indicators_load(db, &inds, err) < 0) {
		units_release(&units);
		return -1;
	}
	rc = rollup_rebuild_with(db, &units, &inds, t, err);
	indicators_release(&inds);
	units_release(&units);
	return rc;
}

/* A lazy cube's reader (cube.h): the stored spans of u and of its
 * siblings, which lie together (the key ends with the parent), so that a
 * unit's rank and share among them cost a few pages. A sibling with
 * children but no row has nothing under it (see the top). */
static int read_family(void *arg, struct cube *cb, size_t u, struct kfq_err *err)
{
	static const char ROWS[] = "SELECT unit_id, spans FROM rollup WHERE ind_id = ? AND year = ? "
	                           "AND scope_year = ? AND parent_id = ?";
	static const struct cube_spans NONE;
	const struct unit_set *us = cb->units;
	long parent = us->v[u].parent;
	struct cube_spans sp;
	struct kfq_stmt *st;
	int rc;

	(void)arg;
	if (db_cached(cb->db, ROWS, &st, err) < 0)
		return -1;
	st_bind_i64(st, 1, cb->ind->id);
	st_bind_int(st, 2, cb->year);
	st_bind_int(st, 3, cb->scope_year);
	st_bind_i64(st, 4, parent < 0 ? 0 : us->v[parent].id);
	while ((rc = st_step(st)) == ST_ROW) {
		int64_t id = st_i64(st, 0);
		size_t nb;
		const unsigned char *b = st_blob(st, 1, &nb);
		long x;
		if (id < 0 || id > us->max_id || (x = us->by_id[id]) < 0 || us->v[x].nchildren == 0)
			continue;   /* no longer a parent: every key is rebuilt then */
		if (decode(b, nb, &sp) < 0) {
			st_reset(st);
			return kfq_fault(err, "the stored roll-up of unit \"%s\" for indicator \"%s\" "
			                 "in %d is damaged (%zu bytes)", us->v[x].code, cb->ind->code,
			                 cb->year, nb);
		}
		cube_lazy_put(cb, (size_t)x, &sp);
	}
	if (rc != ST_DONE)
		db_fault(cb->db, err, "reading roll-ups");
	st_reset(st);
	if (rc != ST_DONE)
		return -1;
	if (parent >= 0)
		for (size_t k = 0; k < us->v[parent].nchildren; k++)
			if (us->v[us->v[parent].children[k]].nchildren)
				cube_lazy_put(cb, us->v[parent].children[k], &NONE);
	return 0;
}

/* Whether key k is stored whole (its state row) in a layout this build
 * reads (an older one's is computed from the observations until rebuilt):
 * *stored 1 or 0; -1 on error. */
static int stored_state(struct kfq_db *db, const struct rollup_key *k, int *stored,
                        struct kfq_err *err)
{
	static const char STATE[] = "SELECT (SELECT spans FROM rollup WHERE ind_id = ?1 AND "
	                            "year = ?2 AND scope_year = ?3 LIMIT 1) FROM rollup_state WHERE "
	                            "ind_id = ?1 AND year = ?2 AND scope_year = ?3";
	struct kfq_stmt *st;
	int rc, stale = 0;

	if (db_cached(db, STATE, &st, err) < 0)
		return -1;
	st_bind_i64(st, 1, k->ind_id);
	st_bind_int(st, 2, k->year);
	st_bind_int(st, 3, k->scope_year);
	if ((rc = st_step(st)) == ST_ERROR)
		db_fault(db, err, "reading roll-ups");
	if (rc == ST_ROW && !st_null(st, 0)) {
		size_t nb;
		const unsigned char *b = st_blob(st, 0, &nb);
		stale = !readable(b, nb);
	}
	st_reset(st);
	if (rc == ST_ERROR)
		return -1;
	*stored = rc == ST_ROW && !stale;
	return 0;
}

int rollup_under_has(struct kfq_db *db, const struct unit_set *units, int64_t ind, int year,
                     size_t u, struct kfq_err *err)
{
	static const char ROW[] = "SELECT spans FROM rollup WHERE ind_id = ? AND year = ? AND "
	                          "scope_year = ? AND parent_id = ? AND unit_id = ?";
	struct rollup_key k = { ind, year, year, 0 };
	struct kfq_stmt *st;
	long parent = units->v[u].parent;
	int stored, rc, has = 0;
	if (stored_state(db, &k, &stored, err) < 0)
		return -1;
	if (!stored)
		return obs_under_files(db, units, ind, year, u, err);
	if (db_cached(db, ROW, &st, err) < 0)
		return -1;
	st_bind_i64(st, 1, ind);
	st_bind_int(st, 2, year);
	st_bind_int(st, 3, year);
	st_bind_i64(st, 4, parent < 0 ? 0 : units->v[parent].id);
	st_bind_i64(st, 5, units->v[u].id);
	if ((rc = st_step(st)) == ST_ROW) {
		struct cube_spans sp;
		size_t nb;
		const unsigned char *b = st_blob(st, 0, &nb);
		if (decode(b, nb, &sp) == 0)
			for (int i = 0; i < CUBE_NSPANS && !has; i++)
				has = sp.has[i];
	}
	st_reset(st);
	if (rc == ST_ERROR)
		return db_fault(db, err, "reading roll-ups");
	return has;
}

int rollup_cube(struct kfq_db *db, const struct unit_set *units, const struct indicator *ind,
                int year, int scope_year, struct cube **out, struct kfq_err *err)
{
	struct rollup_key k = { ind->id, year, scope_year, 0 };
	int stored;

	if (stored_state(db, &k, &stored, err) < 0)
		return -1;
	if (!stored)
		return 0;   /* not stored: the caller builds the cube from the observations */
	*out = cube_lazy(db, units, ind, year, scope_year, read_family, NULL);
	return 1;
}
