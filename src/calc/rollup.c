/* rollup.c: building, storing and reading roll-ups (see rollup.h).
 * A unit's spans are stored as one BLOB: for each of the 78 spans a flag
 * byte, the count (4 bytes) and the value (8 bytes), then the units
 * expected to report by each month (12 × 4 bytes), little-endian. A BLOB
 * of another size (one written before the counts of expected units) is
 * not used: the key is computed from the observations until rebuilt.
 * Depends on base, store, model, calc/cube. */
#include "calc/rollup.h"
#include "base/xalloc.h"
#include "model/indicator.h"
#include "model/unit.h"

#include <stdlib.h>
#include <string.h>

#define SPAN_BYTES 13
#define SPANS_BYTES (CUBE_NSPANS * SPAN_BYTES)
#define BLOB_BYTES (SPANS_BYTES + 12 * 4)

void rollup_todo_init(struct rollup_todo *t)
{
	memset(t, 0, sizeof *t);
}

void rollup_todo_release(struct rollup_todo *t)
{
	free(t->v);
	memset(t, 0, sizeof *t);
}

static void add(struct rollup_todo *t, int64_t ind, int year, int scope_year)
{
	for (size_t i = 0; i < t->n; i++)
		if (t->v[i].ind_id == ind && t->v[i].year == year && t->v[i].scope_year == scope_year)
			return;
	XGROW(t->v, t->n + 1, t->cap);
	t->v[t->n].ind_id = ind;
	t->v[t->n].year = year;
	t->v[t->n].scope_year = scope_year;
	t->n++;
}

void rollup_todo_data(struct rollup_todo *t, const struct indicator *ind, int year)
{
	if (ind->formula)
		return;
	add(t, ind->id, year, year);
	if (ind->scope)
		add(t, ind->id, year, year + 1);
}

void rollup_todo_group(struct rollup_todo *t, const struct indicator_set *inds, const char *grp,
                       int year)
{
	for (size_t i = 0; i < inds->n; i++)
		if (inds->v[i].scope && !inds->v[i].formula && strcmp(inds->v[i].scope, grp) == 0) {
			add(t, inds->v[i].id, year, year);
			add(t, inds->v[i].id, year - 1, year);
		}
}

static void put32(unsigned char *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

static void put64(unsigned char *p, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		p[i] = (unsigned char)(v >> (8 * i));
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

/* Build one key from the observations and store it. A key whose totals
 * overflow is left without roll-ups: queries then report the overflow. */
static int build(struct kfq_db *db, const struct unit_set *units, const struct indicator *ind,
                 const struct rollup_key *k, struct kfq_err *err)
{
	static const char INS[] = "INSERT INTO rollup(ind_id, year, scope_year, unit_id, spans) "
	                          "VALUES (?, ?, ?, ?, ?)";
	static const char STATE[] = "INSERT INTO rollup_state(ind_id, year, scope_year) VALUES (?, ?, ?)";
	struct cube *cb;
	struct cube_spans *sp;
	unsigned char blob[BLOB_BYTES];
	struct kfq_stmt *st;
	int rc = 0;

	if (forget(db, k, err) < 0)
		return -1;
	if (cube_build(db, units, ind, k->year, k->scope_year, &cb, err) < 0)
		return -1;
	sp = xcalloc(units->n ? units->n : 1, sizeof *sp);
	if (cube_all_spans(cb, sp) < 0)
		goto out;       /* overflow: no roll-ups for this key */
	for (size_t u = 0; u < units->n && rc == 0; u++) {
		if (units->v[u].nchildren == 0)
			continue;
		for (int i = 0; i < CUBE_NSPANS; i++) {
			blob[i * SPAN_BYTES] = sp[u].has[i];
			put32(blob + i * SPAN_BYTES + 1, sp[u].n[i]);
			put64(blob + i * SPAN_BYTES + 5, (uint64_t)sp[u].v[i]);
		}
		for (int m = 0; m < 12; m++)
			put32(blob + SPANS_BYTES + m * 4, sp[u].expected[m]);
		if ((rc = db_cached(db, INS, &st, err)) < 0)
			break;
		st_bind_i64(st, 1, k->ind_id);
		st_bind_int(st, 2, k->year);
		st_bind_int(st, 3, k->scope_year);
		st_bind_i64(st, 4, units->v[u].id);
		st_bind_blob(st, 5, blob, sizeof blob);
		if (st_step(st) != ST_DONE)
			rc = db_fault(db, err, "writing roll-ups");
		st_reset(st);
	}
	if (rc == 0 && (rc = db_cached(db, STATE, &st, err)) == 0) {
		st_bind_i64(st, 1, k->ind_id);
		st_bind_int(st, 2, k->year);
		st_bind_int(st, 3, k->scope_year);
		if (st_step(st) != ST_DONE)
			rc = db_fault(db, err, "writing roll-ups");
		st_reset(st);
	}
out:
	free(sp);
	cube_free(cb);
	return rc;
}

/* Every key that has observations: each (indicator, year) and, for a
 * scoped indicator, its comparable basis for the next year. */
static int all_keys(struct kfq_db *db, const struct indicator_set *inds, struct rollup_todo *t,
                    struct kfq_err *err)
{
	struct kfq_stmt *st;
	int rc;
	if (db_prepare(db, "SELECT DISTINCT ind_id, year FROM obs", &st, err) < 0)
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

int rollup_rebuild(struct kfq_db *db, const struct rollup_todo *t, struct kfq_err *err)
{
	struct unit_set units;
	struct indicator_set inds;
	struct rollup_todo all;
	const struct rollup_todo *todo = t;
	int rc = 0;

	if (!t->all && t->n == 0)
		return 0;
	if (units_load(db, &units, err) < 0)
		return -1;
	if (indicators_load(db, &inds, err) < 0) {
		units_release(&units);
		return -1;
	}
	rollup_todo_init(&all);
	if (t->all) {
		if (db_exec(db, "DELETE FROM rollup_state; DELETE FROM rollup", err) < 0 ||
		    all_keys(db, &inds, &all, err) < 0)
			rc = -1;
		todo = &all;
	}
	for (size_t i = 0; rc == 0 && i < todo->n; i++) {
		const struct indicator *ind = NULL;
		for (size_t j = 0; j < inds.n; j++)
			if (inds.v[j].id == todo->v[i].ind_id)
				ind = &inds.v[j];
		if (ind)
			rc = build(db, &units, ind, &todo->v[i], err);
	}
	rollup_todo_release(&all);
	indicators_release(&inds);
	units_release(&units);
	return rc;
}

int rollup_cube(struct kfq_db *db, const struct unit_set *units, const struct indicator *ind,
                int year, int scope_year, struct cube **out, struct kfq_err *err)
{
	static const char STATE[] = "SELECT 1 FROM rollup_state WHERE ind_id = ? AND year = ? AND "
	                            "scope_year = ?";
	static const char ROWS[] = "SELECT unit_id, spans FROM rollup WHERE ind_id = ? AND year = ? "
	                           "AND scope_year = ?";
	struct cube_spans **pre;
	struct kfq_stmt *st;
	int rc;

	if (db_cached(db, STATE, &st, err) < 0)
		return -1;
	st_bind_i64(st, 1, ind->id);
	st_bind_int(st, 2, year);
	st_bind_int(st, 3, scope_year);
	if ((rc = st_step(st)) == ST_ERROR)
		db_fault(db, err, "reading roll-ups");
	st_reset(st);
	if (rc == ST_ERROR)
		return -1;
	if (rc != ST_ROW)
		return 0;   /* not stored: the caller builds the cube from the observations */
	if (db_cached(db, ROWS, &st, err) < 0)
		return -1;
	st_bind_i64(st, 1, ind->id);
	st_bind_int(st, 2, year);
	st_bind_int(st, 3, scope_year);
	pre = xcalloc(units->n ? units->n : 1, sizeof *pre);
	while ((rc = st_step(st)) == ST_ROW) {
		int64_t id = st_i64(st, 0);
		size_t nb;
		const unsigned char *b = st_blob(st, 1, &nb);
		struct cube_spans *sp;
		long u;
		if (nb != BLOB_BYTES || id < 0 || id > units->max_id ||
		    (u = units->by_id[id]) < 0 || units->v[u].nchildren == 0)
			continue;   /* a unit that is no longer a parent: served from obs */
		sp = xmalloc(sizeof *sp);
		for (int i = 0; i < CUBE_NSPANS; i++) {
			sp->has[i] = b[i * SPAN_BYTES];
			sp->n[i] = get32(b + i * SPAN_BYTES + 1);
			sp->v[i] = (dec)get64(b + i * SPAN_BYTES + 5);
		}
		for (int m = 0; m < 12; m++)
			sp->expected[m] = get32(b + SPANS_BYTES + m * 4);
		free(pre[u]);
		pre[u] = sp;
	}
	if (rc != ST_DONE)
		db_fault(db, err, "reading roll-ups");
	st_reset(st);
	if (rc != ST_DONE) {
		for (size_t u = 0; u < units->n; u++)
			free(pre[u]);
		free(pre);
		return -1;
	}
	/* every unit with children must have its spans, or the key is not used */
	for (size_t u = 0; u < units->n; u++)
		if (units->v[u].nchildren && !pre[u]) {
			for (size_t k = 0; k < units->n; k++)
				free(pre[k]);
			free(pre);
			return 0;
		}
	*out = cube_from_spans(db, units, ind, year, scope_year, pre, err);
	return *out ? 1 : -1;
}
