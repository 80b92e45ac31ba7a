/* obs_fresh.c: what a batch knows of each indicator-year it writes, asked
 * once when it first writes one (see obs_part.h): whether it had no
 * stored value, and the latest month a stored value ends in. Depends on
 * base, store and model/obs. */
#include "model/obs_part.h"
#include "base/xalloc.h"

#include <stdlib.h>

/* Whether (ind, year) had no stored value when this batch first wrote to
 * it: then every value of the batch for it is new, the look-up per row is
 * skipped, and a key given twice is caught by the primary key. Remembered
 * for the whole batch (the rows of a file usually cycle through the
 * indicators). */
struct obs_fresh {
	uint64_t *key;     /* ind_id << 16 | year, 0 = empty slot */
	unsigned char *val;
	size_t cap, n;
};

struct obs_fresh *obs_fresh_new(void)
{
	return xcalloc(1, sizeof(struct obs_fresh));
}

void obs_fresh_free(struct obs_fresh *f)
{
	if (f) {
		free(f->key);
		free(f->val);
	}
	free(f);
}

static unsigned char *fresh_slot(struct obs_fresh *f, uint64_t key)
{
	size_t i;
	if ((f->n + 1) * 2 > f->cap) {
		struct obs_fresh big = { xcalloc(f->cap ? f->cap * 2 : 64, sizeof *f->key),
		                         xcalloc(f->cap ? f->cap * 2 : 64, 1), f->cap ? f->cap * 2 : 64, 0 };
		for (i = 0; i < f->cap; i++)
			if (f->key[i])
				*fresh_slot(&big, f->key[i]) = f->val[i];
		free(f->key);
		free(f->val);
		*f = big;
	}
	for (i = obs_mix(key, 0) & (f->cap - 1); f->key[i]; i = (i + 1) & (f->cap - 1))
		if (f->key[i] == key)
			return &f->val[i];
	f->key[i] = key;
	f->val[i] = 2;     /* not known yet */
	f->n++;
	return &f->val[i];
}

/* Slot values: 2 not known yet, 1 fresh (no stored value), 0 stored values
 * ending in any month, LATEST_0 + m stored values, none ending after m;
 * with SPANS when the batch gave a value of several months. */
#define LATEST_0 3
#define SPANS 0x80
#define STATE(v) ((v) & 0x7f)

int obs_fresh_is_new(struct obs_writer *w, int64_t ind_id, int year, struct kfq_err *err)
{
	/* (a row of obs_m has a month at least) */
	static const char SQL[] = "SELECT 1 FROM obs_m WHERE ind_id = ?1 AND year = ?2 UNION ALL "
	                          "SELECT 1 FROM obs_ytd WHERE ind_id = ?1 AND year = ?2 LIMIT 1";
	unsigned char *v = fresh_slot(w->fresh, ((uint64_t)ind_id << 16) | (uint64_t)year);
	struct kfq_stmt *st;
	int rc, m;
	if (STATE(*v) != 2)
		return STATE(*v) == 1;
	if (db_cached(w->db, SQL, &st, err) < 0)
		return -1;
	st_bind_i64(st, 1, ind_id);
	st_bind_int(st, 2, year);
	if ((rc = st_step(st)) == ST_ERROR) {
		db_fault(w->db, err, "reading observations");
		st_reset(st);
		return -1;
	}
	st_reset(st);
	*v = (unsigned char)((*v & SPANS) | (rc != ST_ROW));
	/* asked before this batch writes the indicator-year: the bound holds
	 * for what was stored before it (its own keys are caught as they come) */
	if (!STATE(*v) && w->stored_latest) {
		if ((rc = w->stored_latest(w->db, ind_id, year, &m, err)) < 0)
			return -1;
		if (rc && m >= 0 && m <= 12)
			*v = (unsigned char)((*v & SPANS) | (LATEST_0 + m));
	}
	return STATE(*v) == 1;
}

void obs_fresh_spans(struct obs_writer *w, int64_t ind_id, int year)
{
	*fresh_slot(w->fresh, ((uint64_t)ind_id << 16) | (uint64_t)year) |= SPANS;
}

int obs_fresh_only_months(struct obs_writer *w, int64_t ind_id, int year)
{
	unsigned char v = *fresh_slot(w->fresh, ((uint64_t)ind_id << 16) | (uint64_t)year);
	return v == 1;
}

int obs_fresh_after(struct obs_writer *w, int64_t ind_id, int year, int last)
{
	unsigned char v = STATE(*fresh_slot(w->fresh, ((uint64_t)ind_id << 16) | (uint64_t)year));
	return v >= LATEST_0 && last > v - LATEST_0;
}

int obs_fresh_bound(struct obs_writer *w, int64_t ind_id, int year)
{
	unsigned char v = STATE(*fresh_slot(w->fresh, ((uint64_t)ind_id << 16) | (uint64_t)year));
	return v == 1 ? 0 : v >= LATEST_0 ? v - LATEST_0 : 12;
}
