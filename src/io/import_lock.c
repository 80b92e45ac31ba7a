/* import_lock.c: the derived figures of an approved month, held as its
 * data rows are (quality/approval.h). A kind with an after() step (key
 * projects, leads, a ledger, the finance platform) derives its figures
 * again from all its records; the derived month values in the months that
 * hold an approval are read before the step and after it, and one that
 * changed in a locked month refuses the import, naming the figure, the
 * unit, the month, both values and who approved it. Private to the import
 * (import_kind.h). Depends on base, store, model, quality. */
#include "io/import_kind.h"
#include "base/xalloc.h"
#include "quality/approval.h"

#include <stdlib.h>

struct dval {
	int64_t ind, unit;
	int year, month;
	dec v;
};

static int derived_read(struct kfq_db *db, struct dval **out, size_t *n, struct kfq_err *err)
{
	static const char SQL[] =
		"SELECT o.ind_id, o.unit_id, o.year, o.last, o.value FROM obs o "
		"JOIN indicator i ON i.id = o.ind_id WHERE i.derived = 1 AND o.first = o.last AND "
		"EXISTS (SELECT 1 FROM approval a WHERE a.year = o.year AND a.month = o.last AND "
		"a.state IN ('approved', 'certified')) ORDER BY o.ind_id, o.unit_id, o.year, o.last";
	struct kfq_stmt *st;
	size_t cap = 0;
	int rc;
	*out = NULL;
	*n = 0;
	if (db_prepare(db, SQL, &st, err) < 0)
		return -1;
	while ((rc = st_step(st)) == ST_ROW) {
		struct dval *d;
		XGROW(*out, *n + 1, cap);
		d = &(*out)[(*n)++];
		d->ind = st_i64(st, 0);
		d->unit = st_i64(st, 1);
		d->year = st_int(st, 2);
		d->month = st_int(st, 3);
		d->v = st_i64(st, 4);
	}
	st_finalize(st);
	if (rc != ST_DONE) {
		free(*out);
		*out = NULL;
		return db_fault(db, err, "reading derived figures");
	}
	return 0;
}

static int dval_cmp(const struct dval *a, const struct dval *b)
{
	if (a->ind != b->ind)
		return a->ind < b->ind ? -1 : 1;
	if (a->unit != b->unit)
		return a->unit < b->unit ? -1 : 1;
	if (a->year != b->year)
		return a->year < b->year ? -1 : 1;
	return a->month < b->month ? -1 : a->month > b->month;
}

/* A changed derived value of (ind, unit, year, month): refused when locked. */
static int derived_changed(struct ictx *c, const struct dval *k, const dec *old, const dec *now,
                           struct kfq_err *err)
{
	struct unit_set us;
	struct indicator_set is;
	long u = -1;
	int rc = 0;
	char a[64], b[64];
	const char *code = "?";

	if (!c->locks_loaded) {
		c->locks_loaded = 1;
		if (approval_locks_load(c->db, &c->locks, err) < 0)
			return -1;
	}
	if (units_load(c->db, &us, err) < 0)
		return -1;
	if (indicators_load(c->db, &is, err) < 0) {
		units_release(&us);
		return -1;
	}
	if (k->unit >= 0 && k->unit <= us.max_id)
		u = us.by_id[k->unit];
	for (size_t i = 0; i < is.n; i++)
		if (is.v[i].id == k->ind) {
			code = is.v[i].code;
			if (old)
				dec_format(*old, is.v[i].measure->shift, -1, a, sizeof a);
			if (now)
				dec_format(*now, is.v[i].measure->shift, -1, b, sizeof b);
		}
	if (u >= 0 && approval_check(&c->locks, &us, (size_t)u, k->year, k->month, err) < 0)
		rc = kfq_err_prefix(err, "%s: figure %s of %s %04d-%02d would change from %s to %s",
		                    c->o->path, code, us.v[u].code, k->year, k->month, old ? a : "none",
		                    now ? b : "none");
	indicators_release(&is);
	units_release(&us);
	return rc;
}

int import_after_locked(struct ictx *c, struct kfq_err *err)
{
	struct dval *before = NULL, *after = NULL;
	size_t nb = 0, na = 0, i = 0, j = 0;
	int rc;

	if (derived_read(c->db, &before, &nb, err) < 0)
		return -1;
	if ((rc = c->k->after(c, err)) < 0 || (rc = derived_read(c->db, &after, &na, err)) < 0)
		goto out;
	while (rc == 0 && (i < nb || j < na)) {
		int d = i == nb ? 1 : j == na ? -1 : dval_cmp(&before[i], &after[j]);
		/* a derived count or sum of nothing is 0: a month that gains or
		 * loses a 0 (the derivation fills the year's months) is unchanged */
		if (d < 0) {            /* gone */
			if (before[i].v)
				rc = derived_changed(c, &before[i], &before[i].v, NULL, err);
			i++;
		} else if (d > 0) {     /* new */
			if (after[j].v)
				rc = derived_changed(c, &after[j], NULL, &after[j].v, err);
			j++;
		} else {
			if (before[i].v != after[j].v)
				rc = derived_changed(c, &after[j], &before[i].v, &after[j].v, err);
			i++;
			j++;
		}
	}
out:
	free(before);
	free(after);
	return rc;
}
