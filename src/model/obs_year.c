/* obs_year.c: an import's months, gathered by unit × indicator × year and
 * written a row of twelve at a time (obs_m, schema 23; see obs_part.h).
 *
 * Each month value a data file gives goes into its row in memory: a month
 * already filled there is the key given twice (named with its first line),
 * so no table of keys is needed. A month known to be new when it comes (its
 * indicator-year had no value, or the month is after every stored one) is
 * answered at once; the others are looked up at obs_flush, a batch of rows
 * per statement, and answered through w->resolved in the order of their
 * lines. Then each row is written once: a row of an indicator-year that had
 * no value in bulk (COPY on PostgreSQL), any other by an upsert that sets
 * only its new and changed months. Depends on base, store and model/obs. */
#include "model/obs.h"
#include "model/obs_part.h"
#include "base/sbuf.h"
#include "base/xalloc.h"
#include "store/schema.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* A held month's answer, given in line order once the rows are looked up. */
struct answer {
	uint32_t line;
	uint32_t row;
	unsigned char month;
	unsigned char res;
};

/* A month's value changed: history keeps the old one. */
struct change {
	uint32_t line;
	uint32_t row;
	unsigned char month;
	dec old;
};

#define YCOL(m) "v" #m, "i" #m, "l" #m, "f" #m,
static const char *const COLS[] = { "ind_id", "year", "unit_id", SCHEMA_M12(YCOL) };
#define NCOLS ((int)(sizeof COLS / sizeof COLS[0]))

#define YNAME(m) ", v" #m ", i" #m ", l" #m ", f" #m
#define YPARAM(m) ", ?, ?, ?, ?"
/* a month not bound (NULL) keeps what the row has; one bound replaces the
 * value, its import and line, and sets the first import only when the
 * month had no value */
#define YSET(m)                                                                               \
	", v" #m " = coalesce(excluded.v" #m ", obs_m.v" #m "), i" #m " = CASE WHEN excluded.v" #m \
	" IS NULL THEN obs_m.i" #m " ELSE excluded.i" #m " END, l" #m " = CASE WHEN excluded.v" #m \
	" IS NULL THEN obs_m.l" #m " ELSE excluded.l" #m " END, f" #m " = CASE WHEN excluded.v" #m \
	" IS NULL OR obs_m.v" #m " IS NOT NULL THEN obs_m.f" #m " ELSE excluded.f" #m " END"
#define PUT_HEAD "INSERT INTO obs_m(ind_id, year, unit_id" SCHEMA_M12(YNAME) ") VALUES "
#define PUT_ROW "(?, ?, ?" SCHEMA_M12(YPARAM) ")"
#define PUT_TAIL                                                                              \
	" ON CONFLICT (ind_id, year, unit_id) DO UPDATE SET ind_id = excluded.ind_id"          \
	SCHEMA_M12(YSET)
static const char SQL_PUT[] = PUT_HEAD PUT_ROW PUT_TAIL;

struct obs_year *obs_year_new(void)
{
	return xcalloc(1, sizeof(struct obs_year));
}

void obs_year_free(struct obs_year *y)
{
	if (!y)
		return;
	for (int i = 0; i < LOOK_SIZES; i++) {
		if (y->look[i])
			st_finalize(y->look[i]);
		free(y->sql[i]);
	}
	for (int i = 0; i < PUT_SIZES; i++) {
		if (y->put[i])
			st_finalize(y->put[i]);
		free(y->put_sql[i]);
	}
	free(y->rows);
	free(y->slot);
	free(y->group);
	free(y->by_group);
	free(y);
}

static uint64_t hash_of(int64_t ind, int year, int64_t unit)
{
	return obs_mix(((uint64_t)ind << 16) | (uint64_t)(year & 0xffff), (uint64_t)unit);
}

#define TAG(h) ((h) & UINT64_C(0xffffffff00000000))

static void rehash(struct obs_year *y, size_t nslot)
{
	free(y->slot);
	y->slot = xcalloc(nslot, sizeof *y->slot);
	obs_huge(y->slot, nslot * sizeof *y->slot);
	y->nslot = nslot;
	for (size_t r = 0; r < y->n; r++) {
		const struct yrow *w = &y->rows[r];
		uint64_t h = hash_of(w->ind->id, w->year, w->u->id);
		size_t i = (size_t)h & (nslot - 1);
		while (y->slot[i])
			i = (i + 1) & (nslot - 1);
		y->slot[i] = TAG(h) | ((uint64_t)r + 1);
	}
}

/* Sized for a row per twelve values, the most a file can fill, and grown
 * as rows come: every value's look-up probes the table at random, and a
 * table four times too large for the rows misses the processor's caches
 * for most of them (a file of one month has a row a value and grows it). */
void obs_year_expect(struct obs_year *y, size_t keys)
{
	size_t nslot = 1024, rows;
	if (keys > ((size_t)1 << 28))
		keys = (size_t)1 << 28;
	rows = keys / 12;
	while (nslot * 3 < rows * 4)
		nslot *= 2;
	if (nslot > y->nslot)
		rehash(y, nslot);
	if (rows > y->cap) {
		y->cap = rows;
		y->rows = xrealloc(y->rows, y->cap * sizeof *y->rows);
		obs_huge(y->rows, y->cap * sizeof *y->rows);
	}
}

/* The row of (ind, u, year), added empty when new (*isnew). */
static struct yrow *row_of(struct obs_year *y, const struct indicator *ind, const struct unit *u,
                           int year, int *isnew)
{
	uint64_t h;
	size_t i;
	/* A file's rows come in an order that repeats: a unit's months one
	 * after another (the same row), or a month's units and indicators in
	 * the order of the month before (the row after the one before). Those
	 * two are tried first, in order in memory, before the table's probe at
	 * random. */
	for (i = y->last; i < y->n && i <= y->last + 1; i++) {
		struct yrow *r = &y->rows[i];
		if (r->ind == ind && r->u == u && r->year == year) {
			y->last = i;
			*isnew = 0;
			return r;
		}
	}
	if ((y->n + 1) * 4 > y->nslot * 3)
		rehash(y, y->nslot ? y->nslot * 2 : 1024);
	h = hash_of(ind->id, year, u->id);
	for (i = (size_t)h & (y->nslot - 1); y->slot[i]; i = (i + 1) & (y->nslot - 1)) {
		struct yrow *r;
		if (TAG(y->slot[i]) != TAG(h))
			continue;
		r = &y->rows[(y->slot[i] & UINT32_MAX) - 1];
		if (r->ind == ind && r->u == u && r->year == year) {
			y->last = (size_t)(r - y->rows);
			*isnew = 0;
			return r;
		}
	}
	if (y->n == y->cap) {
		XGROW(y->rows, y->n + 1, y->cap);
		obs_huge(y->rows, y->cap * sizeof *y->rows);
	}
	y->slot[i] = TAG(h) | ((uint64_t)y->n + 1);
	*isnew = 1;
	y->last = y->n;
	memset(&y->rows[y->n], 0, sizeof y->rows[y->n]);
	y->rows[y->n].ind = ind;
	y->rows[y->n].u = u;
	y->rows[y->n].year = year;
	return &y->rows[y->n++];
}

int obs_year_put(struct obs_writer *w, const struct indicator *ind, const struct unit *u,
                 const struct period *p, dec value, size_t line, enum put_result *res,
                 struct kfq_err *err)
{
	struct obs_year *y = w->year;
	int m = p->last - 1, isnew, fresh;
	uint16_t bit = (uint16_t)(1u << m);
	struct yrow *r;

	if (line >= UINT32_MAX)
		return kfq_error(err, "more than %u lines: too many for one import",
		                 (unsigned)UINT32_MAX - 1);
	r = row_of(y, ind, u, p->year, &isnew);
	if (isnew) {
		/* asked once a row, answered once an indicator-year */
		if ((fresh = obs_fresh_is_new(w, ind->id, p->year, err)) < 0) {
			r->bound = 12;   /* (left empty: nothing to write) */
			return -1;
		}
		r->fresh = (unsigned char)fresh;
		r->bound = fresh ? 0 : (unsigned char)obs_fresh_bound(w, ind->id, p->year);
	}
	if (r->given & bit) {
		char per[32];
		period_format(p, per, sizeof per);
		return kfq_error(err, "the same unit, indicator and period is already given on line "
		                 "%zu: %s %s %s", (size_t)r->line[m], u->code, ind->code, per);
	}
	r->given |= bit;
	r->v[m] = value;
	r->line[m] = (uint32_t)line;
	if (p->last > r->bound) {
		r->known |= bit;
		*res = PUT_ADDED;
	} else {
		*res = PUT_HELD;
	}
	return 0;
}

/* The rows as a table of numbered keys joined to the stored rows (the
 * casts type the parameters on PostgreSQL; CROSS JOIN keeps SQLite's loop
 * over the keys outside, each a seek of the primary key). */
static int prepare(struct kfq_db *db, struct obs_year *y, int size, struct kfq_err *err)
{
	struct sbuf s;
	sbuf_init(&s);
	sbuf_adds(&s, "WITH k(n, i, y, u) AS (VALUES ");
	for (int k = 0; k < 1 << size; k++)
		sbuf_addf(&s, "%s(CAST(? AS INTEGER), CAST(? AS BIGINT), CAST(? AS INTEGER), "
		          "CAST(? AS BIGINT))", k ? ", " : "");
	sbuf_adds(&s, ") SELECT k.n");
	for (int m = 1; m <= 12; m++)
		sbuf_addf(&s, ", o.v%d", m);
	sbuf_adds(&s, " FROM k CROSS JOIN obs_m o WHERE o.ind_id = k.i AND o.year = k.y AND "
	          "o.unit_id = k.u");
	y->sql[size] = s.buf;
	return db_prepare(db, y->sql[size], &y->look[size], err);
}

/* The stored months of rows idx[0 .. n - 1]: had[k] (a bit a month) and
 * old[k * 12 + m]. */
static int look_up(struct obs_writer *w, const uint32_t *idx, size_t n, uint16_t *had, dec *old,
                   struct kfq_err *err)
{
	struct obs_year *y = w->year;
	struct kfq_stmt *st;
	int rc, size = 0;
	while ((size_t)1 << size < n)   /* n <= LOOK_BATCH */
		size++;
	if (!y->look[size] && prepare(w->db, y, size, err) < 0)
		return -1;
	st = y->look[size];
	for (size_t k = 0; k < (size_t)1 << size; k++) {
		int b = (int)k * 4;
		if (k < n) {
			const struct yrow *r = &y->rows[idx[k]];
			st_bind_int(st, b + 1, (int)k);
			st_bind_i64(st, b + 2, r->ind->id);
			st_bind_int(st, b + 3, r->year);
			st_bind_i64(st, b + 4, r->u->id);
		} else {   /* the batch's rest: a key no row has */
			st_bind_int(st, b + 1, -1);
			for (int c = 2; c <= 4; c++)
				st_bind_int(st, b + c, 0);
		}
	}
	memset(had, 0, n * sizeof *had);
	while ((rc = st_step(st)) == ST_ROW) {
		int k = st_int(st, 0);
		if (k < 0 || (size_t)k >= n)
			continue;
		for (int m = 0; m < 12; m++)
			if (!st_null(st, m + 1)) {
				had[k] |= (uint16_t)(1u << m);
				old[(size_t)k * 12 + (size_t)m] = st_i64(st, m + 1);
			}
	}
	if (rc != ST_DONE)
		db_fault(w->db, err, "reading observations");
	st_reset(st);
	return rc == ST_DONE ? 0 : -1;
}

/* Bind the months in mask of row r to st's parameters at + 1 ... at + 51
 * (the others NULL). */
static void bind_row_at(struct kfq_stmt *st, int at, const struct obs_writer *w,
                        const struct yrow *r, uint16_t mask)
{
	st_bind_i64(st, at + 1, r->ind->id);
	st_bind_int(st, at + 2, r->year);
	st_bind_i64(st, at + 3, r->u->id);
	for (int m = 0; m < 12; m++) {
		int b = at + 4 + m * 4;
		if (!(mask & (1u << m))) {
			for (int c = 0; c < 4; c++)
				st_bind_null(st, b + c);
			continue;
		}
		st_bind_i64(st, b, r->v[m]);
		if (w->import_id) {
			st_bind_i64(st, b + 1, w->import_id);
			st_bind_i64(st, b + 2, r->line[m]);
			st_bind_i64(st, b + 3, w->import_id);
		} else {
			st_bind_null(st, b + 1);
			st_bind_null(st, b + 2);
			st_bind_null(st, b + 3);
		}
	}
}

static void bind_row(struct kfq_stmt *st, const struct obs_writer *w, const struct yrow *r,
                     uint16_t mask)
{
	bind_row_at(st, 0, w, r, mask);
}

int obs_month_write(struct obs_writer *w, const struct indicator *ind, const struct unit *u,
                    int year, int month, dec value, size_t line, struct kfq_err *err)
{
	struct yrow r = { .ind = ind, .u = u, .year = year };
	struct kfq_stmt *st;
	r.v[month - 1] = value;
	r.line[month - 1] = (uint32_t)line;
	if (db_cached(w->db, SQL_PUT, &st, err) < 0)
		return -1;
	bind_row(st, w, &r, (uint16_t)(1u << (month - 1)));
	if (st_step(st) != ST_DONE)
		return db_fault(w->db, err, "writing an observation");
	st_reset(st);
	return 0;
}

#define ADD(m)                                                                               \
	"INSERT INTO obs_m(ind_id, year, unit_id, v" #m ") VALUES (?, ?, ?, ?) ON CONFLICT "       \
	"(ind_id, year, unit_id) DO UPDATE SET v" #m " = coalesce(obs_m.v" #m ", 0) + excluded.v" #m,
static const char *const SQL_ADD[12] = { SCHEMA_M12(ADD) };

int obs_month_add(struct kfq_db *db, int64_t ind, int year, int64_t unit, int month, dec delta,
                  struct kfq_err *err)
{
	struct kfq_stmt *st;
	if (month < 1 || month > 12)
		return kfq_fault(err, "month %d out of 1-12", month);
	if (db_cached(db, SQL_ADD[month - 1], &st, err) < 0)
		return -1;
	st_bind_i64(st, 1, ind);
	st_bind_int(st, 2, year);
	st_bind_i64(st, 3, unit);
	st_bind_i64(st, 4, delta);
	if (st_step(st) != ST_DONE)
		return db_fault(db, err, "writing an observation");
	st_reset(st);
	return 0;
}

#define SET(m)                                                                               \
	"INSERT INTO obs_m(ind_id, year, unit_id, v" #m ", i" #m ") VALUES (?1, ?2, ?3, ?4, ?5) "   \
	"ON CONFLICT (ind_id, year, unit_id) DO UPDATE SET v" #m " = excluded.v" #m ", i" #m       \
	" = excluded.i" #m ", l" #m " = NULL, f" #m " = NULL WHERE obs_m.v" #m " IS NULL",
static const char *const SQL_SET[12] = { SCHEMA_M12(SET) };

int obs_month_set(struct kfq_db *db, int64_t ind, int year, int64_t unit, int month, dec value,
                  int64_t import_id, struct kfq_err *err)
{
	struct kfq_stmt *st;
	int64_t n;
	if (month < 1 || month > 12)
		return kfq_fault(err, "month %d out of 1-12", month);
	if (db_cached(db, SQL_SET[month - 1], &st, err) < 0)
		return -1;
	st_bind_i64(st, 1, ind);
	st_bind_int(st, 2, year);
	st_bind_i64(st, 3, unit);
	st_bind_i64(st, 4, value);
	if (import_id)
		st_bind_i64(st, 5, import_id);
	else
		st_bind_null(st, 5);
	if (st_step(st) != ST_DONE)
		return db_fault(db, err, "writing an observation");
	n = st_changes(st);
	st_reset(st);
	return n == 1 ? 0 : kfq_fault(err, "the same unit, indicator and period is given twice");
}

/* The upsert of 2^size rows in one statement. */
static int prepare_put(struct kfq_db *db, struct obs_year *y, int size, struct kfq_err *err)
{
	struct sbuf s;
	sbuf_init(&s);
	sbuf_adds(&s, PUT_HEAD);
	for (int k = 0; k < 1 << size; k++)
		sbuf_addf(&s, "%s" PUT_ROW, k ? ", " : "");
	sbuf_adds(&s, PUT_TAIL);
	y->put_sql[size] = s.buf;
	return db_prepare(db, y->put_sql[size], &y->put[size], err);
}

/* One month of a stored row: its value, import and line, and its first
 * import when it had no value (the row's other months as they are). */
#define ONE(m)                                                                                \
	"UPDATE obs_m SET v" #m " = ?4, i" #m " = ?5, l" #m " = ?6, f" #m " = CASE WHEN v" #m    \
	" IS NULL THEN ?5 ELSE f" #m " END WHERE ind_id = ?1 AND year = ?2 AND unit_id = ?3",
static const char *const SQL_ONE[12] = { SCHEMA_M12(ONE) };

/* Write month m of row r by SQL_ONE: 1 done, 0 when the row is not stored. */
static int put_one(struct obs_writer *w, const struct yrow *r, int m, struct kfq_err *err)
{
	struct kfq_stmt *st;
	int64_t n;
	if (db_cached(w->db, SQL_ONE[m], &st, err) < 0)
		return -1;
	st_bind_i64(st, 1, r->ind->id);
	st_bind_int(st, 2, r->year);
	st_bind_i64(st, 3, r->u->id);
	st_bind_i64(st, 4, r->v[m]);
	if (w->import_id) {
		st_bind_i64(st, 5, w->import_id);
		st_bind_i64(st, 6, r->line[m]);
	} else {
		st_bind_null(st, 5);
		st_bind_null(st, 6);
	}
	if (st_step(st) != ST_DONE) {
		db_fault(w->db, err, "writing observations");
		st_reset(st);
		return -1;
	}
	n = st_changes(st);
	st_reset(st);
	return n == 1;
}

/* Write the queued rows: by the largest statements that fit (64, 32 ...
 * rows), so that none is given twice in one. A single row of a single
 * month (a month's file in process) is an update of that month where the
 * row is stored: SQLite's upsert of the twelve months tries an insert,
 * then deletes and inserts the row (a province's month, 1.38 million rows:
 * 16.8 s by the upsert, 11.1 s so). */
static int put_flush(struct obs_writer *w, struct kfq_err *err)
{
	struct obs_year *y = w->year;
	size_t done = 0;
	if (y->nq == 1 && !(y->q[0].mask & (y->q[0].mask - 1))) {
		int m = __builtin_ctz(y->q[0].mask), rc;
		if ((rc = put_one(w, &y->rows[y->q[0].row], m, err)) != 0) {
			y->nq = 0;
			return rc < 0 ? -1 : 0;
		}
	}
	while (done < y->nq) {
		int size = PUT_SIZES - 1;
		struct kfq_stmt *st;
		while ((size_t)1 << size > y->nq - done)
			size--;
		if (!y->put[size] && prepare_put(w->db, y, size, err) < 0)
			return -1;
		st = y->put[size];
		for (int k = 0; k < 1 << size; k++) {
			const struct queued *q = &y->q[done + (size_t)k];
			bind_row_at(st, k * NCOLS, w, &y->rows[q->row], q->mask);
		}
		if (st_step(st) != ST_DONE) {
			db_fault(w->db, err, "writing observations");
			st_reset(st);
			return -1;
		}
		st_reset(st);
		done += (size_t)1 << size;
	}
	y->nq = 0;
	return 0;
}

/* Write the months in mask of row r over what its stored row has: queued,
 * 64 rows a statement on a server, one in process. */
static int upsert(struct obs_writer *w, const struct yrow *r, uint16_t mask, struct kfq_err *err)
{
	struct obs_year *y = w->year;
	y->q[y->nq++] = (struct queued){ (uint32_t)(r - y->rows), mask };
	return y->nq >= (db_remote(w->db) ? (size_t)PUT_BATCH : 1) ? put_flush(w, err) : 0;
}

/* The rows of indicator-years that had no value, written in bulk. */
static int write_fresh(struct obs_writer *w, struct kfq_err *err)
{
	struct obs_year *y = w->year;
	struct kfq_bulk *b = NULL;
	struct kfq_stmt *st = NULL;
	for (size_t i = 0; i < y->n; i++) {
		struct yrow *r = &y->rows[i];
		uint16_t todo = r->given & (uint16_t)~r->done;
		if (!todo || !r->fresh || r->done)
			continue;
		if (!b && db_bulk_begin(w->db, "obs_m", COLS, NCOLS, &b, &st, err) < 0)
			return kfq_err_prefix(err, "writing observations");
		bind_row(st, w, r, todo);
		if (bulk_row(b, err) < 0) {
			struct kfq_err ignored;
			bulk_end(b, &ignored);
			return kfq_err_prefix(err, "writing observations");
		}
		r->done |= todo;
	}
	return b && bulk_end(b, err) < 0 ? kfq_err_prefix(err, "writing observations") : 0;
}

static int by_line(const void *a, const void *b)
{
	const struct answer *x = a, *y = b;
	return x->line < y->line ? -1 : x->line > y->line;
}

static int change_by_line(const void *a, const void *b)
{
	const struct change *x = a, *y = b;
	return x->line < y->line ? -1 : x->line > y->line;
}

static struct period month_of(int year, int m)
{
	struct period p;
	memset(&p, 0, sizeof p);
	p.year = year;
	p.kind = PERIOD_MONTH;
	p.first = p.last = m + 1;
	return p;
}

int obs_year_flush(struct obs_writer *w, struct kfq_err *err)
{
	struct obs_year *y = w->year;
	uint32_t idx[LOOK_BATCH];
	uint16_t had[LOOK_BATCH];
	dec *old = xmalloc(LOOK_BATCH * 12 * sizeof *old);
	struct answer *ans = NULL;
	struct change *chg = NULL;
	size_t nans = 0, cans = 0, nchg = 0, cchg = 0, nidx = 0;
	int rc = 0;

	/* the rows with months to look up, a batch at a time; the others
	 * (every month new) written as they come */
	for (size_t i = 0; i <= y->n && rc == 0; i++) {
		if (i < y->n) {
			struct yrow *r = &y->rows[i];
			uint16_t todo = r->given & (uint16_t)~r->done;
			if (!todo || (r->fresh && !r->done))
				continue;
			if (!(todo & (uint16_t)~r->known)) {
				if ((rc = upsert(w, r, todo, err)) < 0)
					break;
				r->done |= todo;
				continue;
			}
			idx[nidx++] = (uint32_t)i;
			if (nidx < LOOK_BATCH)
				continue;
		}
		if (!nidx)
			continue;
		if ((rc = look_up(w, idx, nidx, had, old, err)) < 0)
			break;
		for (size_t k = 0; k < nidx && rc == 0; k++) {
			struct yrow *r = &y->rows[idx[k]];
			uint16_t todo = r->given & (uint16_t)~r->done, put = 0;
			for (int m = 0; m < 12; m++) {
				uint16_t bit = (uint16_t)(1u << m);
				enum put_result res;
				if (!(todo & bit))
					continue;
				if (!(had[k] & bit)) {
					res = PUT_ADDED;
					put |= bit;
				} else if (old[k * 12 + (size_t)m] != r->v[m]) {
					res = PUT_CHANGED;
					put |= bit;
					XGROW(chg, nchg + 1, cchg);
					chg[nchg++] = (struct change){ r->line[m], idx[k], (unsigned char)m,
					                               old[k * 12 + (size_t)m] };
				} else {
					res = PUT_SAME;
				}
				if (r->known & bit)
					continue;   /* answered when given */
				XGROW(ans, nans + 1, cans);
				ans[nans++] = (struct answer){ r->line[m], idx[k], (unsigned char)m,
				                               (unsigned char)res };
			}
			if (put)
				rc = upsert(w, r, put, err);
			r->done |= todo;
		}
		nidx = 0;
	}
	free(old);
	if (rc == 0)
		rc = put_flush(w, err);
	y->nq = 0;
	if (rc == 0)
		rc = write_fresh(w, err);
	/* history of the changes, then the answers, in the order of their lines */
	if (nchg > 1)
		qsort(chg, nchg, sizeof *chg, change_by_line);
	for (size_t k = 0; k < nchg && rc == 0; k++) {
		const struct yrow *r = &y->rows[chg[k].row];
		struct period p = month_of(r->year, chg[k].month);
		rc = obs_remember(w, r->ind, r->u, &p, &chg[k].old, r->v[chg[k].month], chg[k].line,
		                  err);
	}
	if (nans > 1)
		qsort(ans, nans, sizeof *ans, by_line);
	for (size_t k = 0; k < nans && rc == 0; k++) {
		const struct yrow *r = &y->rows[ans[k].row];
		struct period p = month_of(r->year, ans[k].month);
		w->resolved(w->resolved_ctx, r->ind, r->u, &p, ans[k].line, (enum put_result)ans[k].res);
	}
	free(ans);
	free(chg);
	return rc;
}
