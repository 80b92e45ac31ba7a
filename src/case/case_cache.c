/* case_cache.c: what an import of households, visits or cases looks up at
 * each row, read once (case.h, struct case_cache).
 *
 * A row of those files names a unit, a household or a visit by its code,
 * and is compared with the row stored under its own code; a case's
 * deadline counts working days past the holidays and its service level. By
 * a query a row, that is two to five queries a row and more for a case's
 * days, each a round trip to a PostgreSQL server: the demo's 50 360
 * households took 5.7 s there and its 57 459 visits 9.9 s. Here each table
 * is read once, at the first row that needs it, into a map from the code
 * (one query a table), and every later row is looked up in memory.
 *
 * The copy stays right for the whole import: an import writes only its
 * own kind's table, and a code it writes is not looked up again (a code
 * given twice in one file is refused before it gets here, io/import.c
 * row_once).
 *
 * Also the look-ups of one row that the writers of src/case share
 * (case_part.h): through the cache when given, else a query each. Depends
 * on base, store. */
#include "case/case_part.h"
#include "base/strmap.h"
#include "base/xalloc.h"

#include <stdlib.h>
#include <string.h>

/* Each table read: its key (column 0) and cells. */
static const struct {
	const char *sql;
	int ncols;            /* cells after the key */
} LOAD[CC_N] = {
	[CC_UNIT_ID] = { "SELECT code, id FROM unit", 1 },
	[CC_HOUSEHOLD_ID] = { "SELECT code, id FROM household", 1 },
	[CC_VISIT_ID] = { "SELECT code, id FROM visit", 1 },
	[CC_HOUSEHOLD] = { "SELECT code, community, address, head, phone FROM household", 4 },
	[CC_VISIT] = { "SELECT code, code, date, team, unit_id, household_id, campaign, notes "
	               "FROM visit", 7 },
	[CC_CASE] = { "SELECT code, code, raised, channel, visit_id, unit_id, household_id, "
	              "campaign, category, priority, description, raised_by FROM kase", 11 },
	[CC_HOLIDAY] = { "SELECT date FROM holiday", 0 },
	[CC_SLA] = { "SELECT category || ' ' || priority, close_days FROM case_sla", 1 },
};

/* One table's rows: each one allocation, its key and then its cells, each
 * ended by a NUL (a NULL cell is ""); the map from the key (the row's
 * first string) to the row. */
struct cache_table {
	int loaded;
	struct strmap at;
	char **row;
	size_t n, cap;
};

struct case_cache {
	struct cache_table t[CC_N];
};

struct case_cache *case_cache_new(void)
{
	struct case_cache *cc = xcalloc(1, sizeof *cc);
	for (int i = 0; i < CC_N; i++)
		strmap_init(&cc->t[i].at);
	return cc;
}

void case_cache_free(struct case_cache *cc)
{
	if (!cc)
		return;
	for (int i = 0; i < CC_N; i++) {
		for (size_t r = 0; r < cc->t[i].n; r++)
			free(cc->t[i].row[r]);
		free(cc->t[i].row);
		strmap_release(&cc->t[i].at);
	}
	free(cc);
}

static int load(struct kfq_db *db, struct cache_table *t, int which, struct kfq_err *err)
{
	struct kfq_stmt *st;
	int rc, n = LOAD[which].ncols + 1;
	if (db_prepare(db, LOAD[which].sql, &st, err) < 0)
		return -1;
	while ((rc = st_step(st)) == ST_ROW) {
		size_t len = 0, at = 0;
		char *row;
		for (int i = 0; i < n; i++) {
			const char *s = st_text(st, i);
			len += (s ? strlen(s) : 0) + 1;
		}
		row = xmalloc(len);
		for (int i = 0; i < n; i++) {
			const char *s = st_text(st, i);
			size_t l = s ? strlen(s) : 0;
			memcpy(row + at, s ? s : "", l);
			row[at + l] = '\0';
			at += l + 1;
		}
		if (t->n == t->cap) {
			t->cap = t->cap ? 2 * t->cap : 256;
			t->row = xrealloc(t->row, t->cap * sizeof *t->row);
		}
		t->row[t->n] = row;
		strmap_put(&t->at, row, t->n);
		t->n++;
	}
	if (rc == ST_ERROR)
		db_fault(db, err, "reading the codes an import looks up");
	st_finalize(st);
	if (rc == ST_ERROR)
		return -1;
	t->loaded = 1;
	return 0;
}

int case_cache_get(struct kfq_db *db, struct case_cache *cc, enum case_cached which,
                   const char *key, const char **cells, struct kfq_err *err)
{
	struct cache_table *t = &cc->t[which];
	const char *p;
	size_t r;
	if (!t->loaded && load(db, t, which, err) < 0)
		return -1;
	if (!strmap_get(&t->at, key, &r))
		return 0;
	p = t->row[r];
	for (int i = 0; i < LOAD[which].ncols; i++) {
		p += strlen(p) + 1;
		cells[i] = p;
	}
	return 1;
}

int64_t case_id_of(struct kfq_db *db, struct case_cache *cc, enum case_cached which,
                   const char *sql, const char *code, struct kfq_err *err)
{
	struct kfq_stmt *st;
	int64_t id = 0;
	int rc;
	if (cc) {
		const char *cell[1];
		rc = case_cache_get(db, cc, which, code, cell, err);
		return rc <= 0 ? rc : strtoll(cell[0], NULL, 10);
	}
	if (db_cached(db, sql, &st, err) < 0)
		return -1;
	st_bind_text(st, 1, code);
	if ((rc = st_step(st)) == ST_ROW)
		id = st_i64(st, 0);
	else if (rc == ST_ERROR)
		id = db_fault(db, err, "looking up a code");
	st_reset(st);
	return id;
}

int case_exec_text(struct kfq_db *db, const char *sql, const char *const *v, int n,
                   struct kfq_err *err)
{
	struct kfq_stmt *st;
	int rc;
	if (db_cached(db, sql, &st, err) < 0)
		return -1;
	for (int i = 0; i < n; i++)
		if (case_nz(v[i]))
			st_bind_text(st, i + 1, v[i]);
	rc = st_step(st) == ST_DONE ? 0 : db_fault(db, err, "writing");
	st_reset(st);
	return rc;
}

int case_same_row(struct kfq_db *db, struct case_cache *cc, enum case_cached which,
                  const char *sql, const char *key, const char *const *v, int n, int *exists,
                  struct kfq_err *err)
{
	struct kfq_stmt *st;
	int same = 1, rc;
	*exists = 0;
	if (cc) {
		const char *cell[11];
		if ((rc = case_cache_get(db, cc, which, key, cell, err)) <= 0)
			return rc;
		*exists = 1;
		for (int i = 0; i < n; i++)
			if (strcmp(cell[i], v[i] ? v[i] : "") != 0)
				same = 0;
		return same;
	}
	if (db_cached(db, sql, &st, err) < 0)
		return -1;
	st_bind_text(st, 1, key);
	if ((rc = st_step(st)) == ST_ROW) {
		*exists = 1;
		for (int i = 0; i < n; i++) {
			const char *o = st_text(st, i);
			if (strcmp(o ? o : "", v[i] ? v[i] : "") != 0)
				same = 0;
		}
	} else {
		same = rc == ST_ERROR ? db_fault(db, err, "reading a row to compare") : 0;
	}
	st_reset(st);
	return same;
}
