/* obs_held.c: an import's values of indicator-years that already have
 * values, looked up a batch at a time (obs.h, obs_writer.resolved). One
 * statement joins up to HELD_BATCH keys to the stored values, so a server
 * answers a few hundred values in one round trip where the look-up of each
 * value took one and its insert another; a smaller batch by the smallest
 * statement that holds it (1, 2, 4 ... keys). What is new goes to the bulk write
 * (obs_pend: COPY on PostgreSQL), what changed is updated with its history
 * one value at a time (obs_change; changes are few). Depends on
 * model/obs, store and base. */
#include "model/obs.h"
#include "model/obs_part.h"
#include "base/sbuf.h"
#include "base/xalloc.h"

#include <stdlib.h>
#include <string.h>

/* keys per statement at most: 6 parameters each, far under either
 * engine's limit (SQLite 32 766, PostgreSQL 65 535) */
enum { HELD_BATCH = 1 << (OBS_HELD_SIZES - 1) };

void obs_held_add(struct obs_writer *w, const struct indicator *ind, const struct unit *u,
                  const struct period *p, dec value, size_t line)
{
	struct obs_held *h = w->held;
	XGROW(h->v, h->n + 1, h->cap);
	h->v[h->n++] = (struct held_row){ ind, u, *p, value, line };
}

void obs_held_release(struct obs_writer *w)
{
	struct obs_held *h = w->held;
	if (!h)
		return;
	for (int i = 0; i < OBS_HELD_SIZES; i++) {
		if (h->look[i])
			st_finalize(h->look[i]);
		free(h->sql[i]);
	}
	free(h->v);
	free(h);
	w->held = NULL;
}

/* The keys as a table of numbered rows joined to the stored values. The
 * casts type the parameters on PostgreSQL; CROSS JOIN keeps SQLite's
 * loop over the keys outside, each a seek of the primary key. */
static int prepare(struct kfq_db *db, struct obs_held *h, int size, struct kfq_err *err)
{
	struct sbuf s;
	sbuf_init(&s);
	sbuf_adds(&s, "WITH k(n, i, y, u, l, f) AS (VALUES ");
	for (int k = 0; k < 1 << size; k++)
		sbuf_addf(&s, "%s(CAST(? AS INTEGER), CAST(? AS BIGINT), CAST(? AS INTEGER), "
		          "CAST(? AS BIGINT), CAST(? AS INTEGER), CAST(? AS INTEGER))", k ? ", " : "");
	sbuf_adds(&s, ") SELECT k.n, o.value FROM k CROSS JOIN obs_ytd o WHERE o.ind_id = k.i AND "
	          "o.year = k.y AND o.unit_id = k.u AND o.last = k.l AND o.first = k.f");
	h->sql[size] = s.buf;
	return db_prepare(db, h->sql[size], &h->look[size], err);
}

/* had[k] and old[k] for the n held values from `from` on. */
static int look_up(struct obs_writer *w, size_t from, size_t n, unsigned char *had, dec *old,
                   struct kfq_err *err)
{
	struct obs_held *h = w->held;
	struct kfq_stmt *st;
	int rc, size = 0;
	while ((size_t)1 << size < n)   /* n <= HELD_BATCH */
		size++;
	if (!h->look[size] && prepare(w->db, h, size, err) < 0)
		return -1;
	st = h->look[size];
	for (size_t k = 0; k < (size_t)1 << size; k++) {
		int b = (int)k * 6;
		if (k < n) {
			const struct held_row *r = &h->v[from + k];
			st_bind_int(st, b + 1, (int)k);
			st_bind_i64(st, b + 2, r->ind->id);
			st_bind_int(st, b + 3, r->p.year);
			st_bind_i64(st, b + 4, r->u->id);
			st_bind_int(st, b + 5, r->p.last);
			st_bind_int(st, b + 6, r->p.first);
		} else {   /* the batch's rest: a key no value has */
			st_bind_int(st, b + 1, -1);
			for (int c = 2; c <= 6; c++)
				st_bind_int(st, b + c, 0);
		}
	}
	memset(had, 0, n);
	while ((rc = st_step(st)) == ST_ROW) {
		int k = st_int(st, 0);
		if (k >= 0 && (size_t)k < n) {
			had[k] = 1;
			old[k] = st_i64(st, 1);
		}
	}
	if (rc != ST_DONE)
		db_fault(w->db, err, "reading observations");
	st_reset(st);
	return rc == ST_DONE ? 0 : -1;
}

int obs_held_resolve(struct obs_writer *w, struct kfq_err *err)
{
	struct obs_held *h = w->held;
	unsigned char had[HELD_BATCH];
	dec old[HELD_BATCH];
	int rc = 0;
	for (size_t from = 0; from < h->n && rc == 0; from += HELD_BATCH) {
		size_t n = h->n - from < HELD_BATCH ? h->n - from : HELD_BATCH;
		if ((rc = look_up(w, from, n, had, old, err)) < 0)
			break;
		for (size_t k = 0; k < n; k++) {
			const struct held_row *r = &h->v[from + k];
			enum put_result res = PUT_SAME;
			if (!had[k]) {
				obs_pend(w, r->ind, r->u, &r->p, r->value, r->line);
				res = PUT_ADDED;
			} else if (old[k] != r->value) {
				if ((rc = obs_change(w, r->ind, r->u, &r->p, old[k], r->value, r->line,
				                     err)) < 0)
					break;
				res = PUT_CHANGED;
			}
			w->resolved(w->resolved_ctx, r->ind, r->u, &r->p, r->line, res);
		}
	}
	h->n = 0;
	return rc;
}
