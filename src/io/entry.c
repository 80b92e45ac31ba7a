/* entry.c: one value entered by hand, with its version check (see
 * entry.h). */
#include "io/entry.h"
#include "calc/rollup.h"
#include "base/sbuf.h"
#include "model/model.h"

#include <stdio.h>
#include <string.h>

static void version_of(int had, dec v, char *buf)
{
	if (had)
		snprintf(buf, ENTRY_VERSION_MAX, "v%lld", (long long)v);
	else
		snprintf(buf, ENTRY_VERSION_MAX, "none");
}

/* The unit, the indicator and the period of a request, each refused with
 * its field named. */
static int resolve(const struct kfq_model *m, const char *unit, const char *ind,
                   const char *period, long *u, long *i, struct period *p, struct kfq_err *err)
{
	if ((*u = units_need(&m->units, unit, err)) < 0)
		return kfq_err_set_field(err, "unit");
	if ((*i = indicators_need(&m->inds, ind, err)) < 0)
		return kfq_err_set_field(err, "indicator");
	if (period_parse(period, p, err) < 0)
		return kfq_err_set_field(err, "period");
	return 0;
}

static int put_one(struct kfq_db *db, const struct kfq_model *m, const struct entry_req *q,
                 struct entry_res *res, struct kfq_err *err)
{
	const struct measure *meas;
	const struct indicator *d;
	struct obs_writer w;
	struct rollup_todo todo;
	struct period p;
	long u, i;
	dec v, old = 0;
	int had, rc;
	char cur[ENTRY_VERSION_MAX];

	if (resolve(m, q->unit, q->indicator, q->period, &u, &i, &p, err) < 0)
		return -1;
	d = &m->inds.v[i];
	meas = d->measure;
	if (q->measure && (!(meas = measure_find(q->measure, err)) ||
	                   measure_compatible(meas, d->measure, err) < 0))
		return kfq_err_set_field(err, "measure");
	if (dec_parse(q->value, meas->shift, &v, err) < 0)
		return kfq_err_set_field(err, "value");
	if ((had = obs_get(db, d->id, m->units.v[u].id, &p, &old, err)) < 0)
		return -1;
	version_of(had, old, cur);
	if (q->version && strcmp(q->version, cur) != 0) {
		res->conflict = 1;
		snprintf(res->version, sizeof res->version, "%s", cur);
		if (had)
			dec_format(old, meas->shift, -1, res->stored, sizeof res->stored);
		dec_format(v, meas->shift, -1, res->yours, sizeof res->yours);
		return kfq_error(err, "the value was changed by someone else since you read it: "
		                 "now %s, yours %s (%s); read it again and decide",
		                 had ? res->stored : "none", res->yours, meas->name);
	}
	obs_writer_init(&w, db, 0);
	w.file = q->source;
	w.note = q->note;
	rc = obs_put(&w, d, &m->units.v[u], &p, v, 0, &res->put, err);
	obs_writer_release(&w);
	if (rc < 0)
		return -1;
	if (res->put != PUT_SAME) {
		rollup_todo_init(&todo);
		rollup_todo_data(&todo, d, p.year);
		rc = rollup_rebuild(db, &todo, err);
		rollup_todo_release(&todo);
		if (rc < 0)
			return -1;
	}
	version_of(1, v, res->version);
	return 0;
}

/* Every item in the open transaction: 0; -1 on the first error that is
 * not a conflict (*bad its index), or after all of them when some were
 * conflicts (each res[k].conflict set, err naming them). */
static int put_all(struct kfq_db *db, const struct kfq_model *m, const struct entry_req *items,
                   size_t n, struct entry_res *res, size_t *bad, struct kfq_err *err)
{
	struct sbuf names;
	size_t conflicts = 0;
	for (size_t k = 0; k < n; k++) {
		memset(&res[k], 0, sizeof res[k]);
		if (put_one(db, m, &items[k], &res[k], err) == 0)
			continue;
		if (!res[k].conflict) {
			*bad = k;
			return -1;
		}
		conflicts++;
	}
	if (!conflicts)
		return 0;
	if (n == 1)
		return -1;   /* err says it of the one value */
	sbuf_init(&names);
	for (size_t k = 0; k < n; k++)
		if (res[k].conflict)
			sbuf_addf(&names, "%s%s", names.len ? ", " : "", items[k].indicator);
	kfq_error(err, "%zu of the %zu values were changed by someone else since you read them "
	          "(%s); nothing was written: read them again and decide", conflicts, n, names.buf);
	sbuf_release(&names);
	*bad = n;
	return -1;
}

int entry_put_form(struct kfq_db *db, const struct kfq_ctx *cx, const struct entry_req *items,
                   size_t n, struct entry_res *res, size_t *bad, struct kfq_err *err)
{
	struct kfq_model m;
	int rc;
	*bad = n;
	for (int attempt = 1;; attempt++) {
		if (db_begin_writer(db, cx, err) < 0)
			return -1;
		rc = model_load(db, &m, err);
		if (rc == 0) {
			rc = put_all(db, &m, items, n, res, bad, err);
			model_release(&m);
		}
		if (rc == 0 && db_commit(db, err) == 0)
			return 0;
		if (db_in_tx(db))
			db_rollback(db);
		if (err->kind != KFQ_EFAULT || !db_retryable(db) || attempt == DB_RETRIES)
			return -1;
		db_backoff(db, attempt);
	}
}

int entry_put(struct kfq_db *db, const struct kfq_ctx *cx, const struct entry_req *q,
              struct entry_res *res, struct kfq_err *err)
{
	size_t bad;
	return entry_put_form(db, cx, q, 1, res, &bad, err);
}

int entry_get(struct kfq_db *db, const char *unit, const char *indicator, const char *period,
              char *value, size_t n, char *version, struct kfq_err *err)
{
	struct kfq_model m;
	struct period p;
	long u, i;
	dec v = 0;
	int had = -1;
	value[0] = '\0';
	if (model_load(db, &m, err) < 0)
		return -1;
	if (resolve(&m, unit, indicator, period, &u, &i, &p, err) == 0 &&
	    (had = obs_get(db, m.inds.v[i].id, m.units.v[u].id, &p, &v, err)) > 0)
		dec_format(v, m.inds.v[i].measure->shift, -1, value, n);
	if (had >= 0)
		version_of(had, v, version);
	model_release(&m);
	return had < 0 ? -1 : 0;
}
