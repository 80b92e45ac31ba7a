/* entry.c: one value entered by hand, with its version check (see
 * entry.h). */
#include "io/entry.h"
#include "calc/rollup.h"
#include "base/measure.h"
#include "base/sbuf.h"
#include "model/model.h"
#include "io/mixed.h"
#include "quality/approval.h"
#include "quality/finding.h"
#include "quality/rule.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

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

/* The first disagreement of a total and its months (io/mixed.h). */
struct mixed_first {
	int seen;
	struct kfq_err e;
};

static void first_only(void *ctx, size_t line, const struct kfq_err *e)
{
	struct mixed_first *f = ctx;
	(void)line;
	if (!f->seen) {
		f->seen = 1;
		f->e = *e;
	}
}

/* value (in measure, NULL: the indicator's own) as an exact figure in
 * d's measure into *v, the measure it was given in into *meas; a
 * refusal names its field. */
static int parse_value(const struct indicator *d, const char *value, const char *measure,
                       const struct measure **meas, dec *v, struct kfq_err *err)
{
	*meas = d->measure;
	if (measure && (!(*meas = measure_find(measure, err)) ||
	                measure_compatible(*meas, d->measure, err) < 0))
		return kfq_err_set_field(err, "measure");
	if (dec_parse(value, (*meas)->shift, v, err) < 0 ||
	    measure_count_check(d->measure, *v, value, err) < 0)
		return kfq_err_set_field(err, "value");
	return 0;
}

/* Whether text holds nothing but spaces, tabs, line ends and the
 * full-width space (U+3000): no reason given. */
static int blank(const char *text)
{
	for (const char *p = text; *p;)
		if (strchr(" \t\r\n", *p))
			p++;
		else if (strncmp(p, "\xe3\x80\x80", 3) == 0)
			p += 3;
		else
			return 0;
	return 1;
}

/* Someone else changed the value (or, target, the target) since it was
 * read at version cur: both figures in res and in the refusal. */
static int conflict(struct entry_res *res, const char *cur, int had, dec old, dec v,
                    const struct measure *meas, int target, struct kfq_err *err)
{
	res->conflict = 1;
	snprintf(res->version, sizeof res->version, "%s", cur);
	if (had)
		dec_format(old, meas->shift, -1, res->stored, sizeof res->stored);
	dec_format(v, meas->shift, -1, res->yours, sizeof res->yours);
	if (target)
		return kfq_error(err, "the target was changed by someone else since you read it: "
		                 "now %s, yours %s (%s); read it again and decide",
		                 had ? res->stored : "none", res->yours, meas->name);
	return kfq_error(err, "the value was changed by someone else since you read it: "
	                 "now %s, yours %s (%s); read it again and decide",
	                 had ? res->stored : "none", res->yours, meas->name);
}

/* A unit with children that files nothing of d in the year is the sum of
 * its children: a first value of its own replaces that sum (when there is
 * one) in every month of the year (cube.h), so it is refused unless asked
 * for, and then held by every locked month of the year, not only the
 * value's. */
static int parent_first(struct kfq_db *db, const struct kfq_model *m,
                        const struct approval_locks *l, const struct entry_req *q,
                        const struct indicator *d, size_t u, const struct period *p,
                        struct kfq_err *err)
{
	const struct unit *x = &m->units.v[u];
	int own;
	if (!x->nchildren || d->agg == AGG_NONE)
		return 0;
	if ((own = obs_unit_files(db, d->id, p->year, x->id, err)) != 0 ||
	    (own = rollup_under_has(db, &m->units, d->id, p->year, u, err)) <= 0)
		return own < 0 ? -1 : 0;   /* its own already, or nothing under it to replace */
	if (!q->parent_own)
		return kfq_error_field(err, "unit", "%s is the sum of its %zu units' %s in %d: a value "
		                       "of its own would replace their sum in every month of the year; "
		                       "enter its units' values, or have an account with the right "
		                       "\"setup\" enter it", x->code, x->nchildren, d->code, p->year);
	for (int month = 1; month <= 12; month++)
		if (approval_check(l, &m->units, u, p->year, month, err) < 0)
			return kfq_err_set_field(err, "period");
	return 0;
}

static int put_one(struct kfq_db *db, const struct kfq_model *m, const struct approval_locks *l,
                   const struct entry_req *q, struct entry_res *res, struct check_key *key,
                   struct kfq_err *err)
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
	if (parse_value(d, q->value, q->measure, &meas, &v, err) < 0)
		return -1;
	if (approval_check(l, &m->units, (size_t)u, p.year, p.last, err) < 0)
		return kfq_err_set_field(err, "period");
	if (parent_first(db, m, l, q, d, (size_t)u, &p, err) < 0)
		return -1;
	if ((had = obs_get(db, d->id, m->units.v[u].id, &p, &old, err)) < 0)
		return -1;
	version_of(had, old, cur);
	if (q->version && strcmp(q->version, cur) != 0)
		return conflict(res, cur, had, old, v, meas, 0, err);
	obs_writer_init(&w, db, 0);
	w.file = q->source;
	w.note = q->note;
	rc = obs_put(&w, d, &m->units.v[u], &p, v, 0, &res->put, err);
	obs_writer_release(&w);
	if (rc < 0)
		return -1;
	key->unit = (size_t)u;
	key->year = p.year;
	key->month = p.last;
	/* a total and the months it covers agree, as in a data import */
	if (res->put != PUT_SAME) {
		struct mixed_first first = { 0, { 0 } };
		const struct mixed_out o = { first_only, &first };
		if (mixed_check(db, d, &m->units.v[u], p.year, 0, &p, &o, err) < 0)
			return -1;
		if (first.seen) {
			*err = first.e;
			return kfq_err_set_field(err, "value");
		}
	}
	if (res->put != PUT_SAME) {
		/* only the parents above the unit: a value entered at a province
		 * rebuilds a handful of rows, not the indicator-year's every one */
		rollup_todo_init(&todo);
		todo.strict = 1;
		rollup_todo_data_at(&todo, d, p.year);
		rollup_todo_unit(&todo, m->units.v[u].id);
		rc = rollup_rebuild_with(db, &m->units, &m->inds, &todo, err);
		rollup_todo_release(&todo);
		if (rc < 0)   /* (a parent's total the value makes too large: the value's) */
			return err->kind == KFQ_EUSER ? kfq_err_set_field(err, "value") : -1;
	}
	version_of(1, v, res->version);
	return 0;
}

struct vctx {
	struct finding_rec fr;
	const struct kfq_model *m;
	struct entry_res *res;
	const struct entry_req *items;
	size_t n;
	size_t *bad;
	enum kfq_lang lang;
};

/* Whether formula f (NULL: none) names code. */
static int names(const struct formula *f, const char *code)
{
	const char *const *codes;
	size_t n = f ? formula_codes(f, &codes) : 0;
	for (size_t i = 0; i < n; i++)
		if (strcmp(codes[i], code) == 0)
			return 1;
	return 0;
}

/* A check of a written month: a failed error rule stops the write naming
 * the rule (the item is the key's line − 1), a failed warning is a finding
 * and told in the item's result. */
static int on_check(void *ctx, const struct check_result *r, const struct check_key *k,
                    struct kfq_err *err)
{
	struct vctx *v = ctx;
	const struct unit *u = &v->m->units.v[r->unit];
	struct entry_res *res = &v->res[k->line - 1];
	char period[16];

	if (finding_record(&v->fr, r, k, err) < 0)
		return -1;
	if (!r->failed)
		return 0;
	snprintf(period, sizeof period, "%04d-%02d", r->year, r->month);
	if (r->rule->severity == RULE_ERROR) {
		/* the item of this unit whose indicator the rule's left side names
		   (else its right side), else the first that changed the month */
		*v->bad = k->line - 1;
		for (int side = 0, found = 0; side < 2 && !found; side++)
			for (size_t j = 0; j < v->n && !found; j++)
				if (strcmp(v->items[j].unit, u->code) == 0 &&
				    names(side ? r->rule->right : r->rule->left, v->items[j].indicator)) {
					*v->bad = j;
					found = 1;
				}
		kfq_error_field(err, "value", "rule %s: %s %s: %s", r->rule->code, u->code, period,
		                r->detail);
		return kfq_err_zh(err, "规则 %s：%s %s：%s", r->rule->code, u->code, period,
		                  r->detail_zh);
	}
	if (!res->warnings++)
		snprintf(res->warning, sizeof res->warning, "rule %s: %s %s: %s", r->rule->code,
		         u->code, period, v->lang == KFQ_ZH ? r->detail_zh : r->detail);
	return 0;
}

/* The validation rules on the written months (keys, line = item + 1). */
static int validate(struct kfq_db *db, const struct kfq_model *m, const struct entry_req *items,
                    size_t n, struct check_key **keys, size_t *nkeys, size_t *cap,
                    struct entry_res *res, size_t *bad, struct kfq_err *err)
{
	struct rule_set set;
	struct check_opts o = { .unit = -1, .with_errors = 1, .with_warnings = 1 };
	struct vctx v = { .m = m, .res = res, .items = items, .n = n, .bad = bad,
	                  .lang = db_ctx(db)->lang };
	long rc;

	if (rules_load(db, &m->inds, &set, err) < 0)
		return -1;
	if (!rules_active(&set) || !*nkeys) {
		rules_release(&set);
		return 0;
	}
	check_keys_expand(&m->units, keys, nkeys, cap);
	if (finding_rec_init(&v.fr, db, &m->units, 0, 0, err) < 0) {
		rules_release(&set);
		return -1;
	}
	o.keys = *keys;
	o.nkeys = *nkeys;
	rc = check_run(db, &m->units, &m->inds, &set, &o, on_check, &v, err);
	finding_rec_release(&v.fr);
	rules_release(&set);
	return rc < 0 ? -1 : 0;
}

/* Every item in the open transaction: 0; -1 on the first error that is
 * not a conflict (*bad its index), or after all of them when some were
 * conflicts (each res[k].conflict set, err naming them); then the
 * validation rules on what changed (*bad the item a failed error rule
 * names). */
static int put_all(struct kfq_db *db, const struct kfq_model *m, const struct entry_req *items,
                   size_t n, struct entry_res *res, size_t *bad, struct kfq_err *err)
{
	struct sbuf names;
	size_t conflicts = 0, nkeys = 0, cap = 0;
	struct check_key *keys = NULL;
	struct approval_locks locks;
	int rc;
	if (approval_locks_load(db, &locks, err) < 0) {
		approval_locks_release(&locks);
		return -1;
	}
	for (size_t k = 0; k < n; k++) {
		struct check_key key = { 0, 0, 0, k + 1, 0 };
		memset(&res[k], 0, sizeof res[k]);
		if (put_one(db, m, &locks, &items[k], &res[k], &key, err) == 0) {
			if (res[k].put != PUT_SAME) {
				XGROW(keys, nkeys + 1, cap);
				keys[nkeys++] = key;
			}
			continue;
		}
		if (!res[k].conflict) {
			*bad = k;
			free(keys);
			approval_locks_release(&locks);
			return -1;
		}
		conflicts++;
	}
	approval_locks_release(&locks);
	if (!conflicts) {
		rc = validate(db, m, items, n, &keys, &nkeys, &cap, res, bad, err);
		free(keys);
		return rc;
	}
	free(keys);
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

/* One write with the model, in a writer's transaction, retried as the store
 * says (a serialization failure on PostgreSQL); what differs is write. */
typedef int (*write_fn)(struct kfq_db *db, const struct kfq_model *m, void *arg,
                        struct kfq_err *err);

static int write_retried(struct kfq_db *db, const struct kfq_ctx *cx, write_fn write, void *arg,
                         struct kfq_err *err)
{
	for (int attempt = 1;; attempt++) {
		const struct kfq_model *m;
		int rc;
		if (db_begin_writer(db, cx, err) < 0)
			return -1;
		m = model_get(db, err);
		rc = m ? write(db, m, arg, err) : -1;
		model_put(m);
		if (rc == 0 && db_commit(db, err) == 0)
			return 0;
		if (db_in_tx(db))
			db_rollback(db);
		if (err->kind != KFQ_EFAULT || !db_retryable(db) || attempt == DB_RETRIES)
			return -1;
		db_backoff(db, attempt);
	}
}

struct form_arg {
	const struct entry_req *items;
	size_t n;
	struct entry_res *res;
	size_t *bad;
};

static int write_form(struct kfq_db *db, const struct kfq_model *m, void *arg,
                      struct kfq_err *err)
{
	struct form_arg *a = arg;
	return put_all(db, m, a->items, a->n, a->res, a->bad, err);
}

int entry_put_form(struct kfq_db *db, const struct kfq_ctx *cx, const struct entry_req *items,
                   size_t n, struct entry_res *res, size_t *bad, struct kfq_err *err)
{
	struct form_arg a = { items, n, res, bad };
	*bad = n;
	return write_retried(db, cx, write_form, &a, err);
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
	const struct kfq_model *m;
	struct period p;
	long u, i;
	dec v = 0;
	int had = -1;
	value[0] = '\0';
	if (!(m = model_get(db, err)))
		return -1;
	if (resolve(m, unit, indicator, period, &u, &i, &p, err) == 0 &&
	    (had = obs_get(db, m->inds.v[i].id, m->units.v[u].id, &p, &v, err)) > 0)
		dec_format(v, m->inds.v[i].measure->shift, -1, value, n);
	if (had >= 0)
		version_of(had, v, version);
	model_put(m);
	return had < 0 ? -1 : 0;
}

/* The unit, indicator and year of a target's request, each refused with
 * its field named (the year as the targets import takes it). */
static int resolve_target(const struct kfq_model *m, const char *unit, const char *ind,
                          const char *year, long *u, long *i, int *y, struct kfq_err *err)
{
	struct period p;
	if ((*u = units_need(&m->units, unit, err)) < 0)
		return kfq_err_set_field(err, "unit");
	if ((*i = indicators_need(&m->inds, ind, err)) < 0)
		return kfq_err_set_field(err, "indicator");
	if (period_parse(year, &p, err) < 0 || p.kind != PERIOD_YEAR)
		return kfq_error_field(err, "year", "\"%s\" is not a year (expected 2017 or 2017年)",
		                       year);
	*y = p.year;
	return 0;
}

static int target_one(struct kfq_db *db, const struct kfq_model *m,
                      const struct entry_target_req *q, struct entry_res *res,
                      struct kfq_err *err)
{
	const struct measure *meas;
	const struct indicator *d;
	struct obs_writer w;
	long u, i;
	int year, had, rc;
	dec v, old = 0;
	char cur[ENTRY_VERSION_MAX];

	if (resolve_target(m, q->unit, q->indicator, q->year, &u, &i, &year, err) < 0)
		return -1;
	d = &m->inds.v[i];
	if (parse_value(d, q->value, q->measure, &meas, &v, err) < 0)
		return -1;
	if (!q->note || blank(q->note))
		return kfq_error_field(err, "note", "a reason is required (why the target is set or "
		                       "changed)");
	if (strlen(q->note) > ENTRY_NOTE_MAX)
		return kfq_error_field(err, "note", "the reason is %zu bytes long (at most %d)",
		                       strlen(q->note), ENTRY_NOTE_MAX);
	if ((had = target_get(db, d->id, m->units.v[u].id, year, &old, err)) < 0)
		return -1;
	version_of(had, old, cur);
	if (q->version && strcmp(q->version, cur) != 0)
		return conflict(res, cur, had, old, v, meas, 1, err);
	obs_writer_init(&w, db, 0);
	w.file = q->source;
	w.note = q->note;
	rc = target_put(&w, d, &m->units.v[u], year, v, 0, &res->put, err);
	obs_writer_release(&w);
	if (rc < 0)
		return -1;
	version_of(1, v, res->version);
	return 0;
}

struct target_arg {
	const struct entry_target_req *q;
	struct entry_res *res;
};

static int write_target(struct kfq_db *db, const struct kfq_model *m, void *arg,
                        struct kfq_err *err)
{
	struct target_arg *a = arg;
	memset(a->res, 0, sizeof *a->res);
	return target_one(db, m, a->q, a->res, err);
}

int entry_target_put(struct kfq_db *db, const struct kfq_ctx *cx,
                     const struct entry_target_req *q, struct entry_res *res,
                     struct kfq_err *err)
{
	struct target_arg a = { q, res };
	memset(res, 0, sizeof *res);
	return write_retried(db, cx, write_target, &a, err);
}

int entry_target_get(struct kfq_db *db, const char *unit, const char *indicator,
                     const char *year, char *value, size_t n, char *version,
                     struct kfq_err *err)
{
	const struct kfq_model *m;
	long u, i;
	int y, had = -1;
	dec v = 0;
	value[0] = '\0';
	if (!(m = model_get(db, err)))
		return -1;
	if (resolve_target(m, unit, indicator, year, &u, &i, &y, err) == 0 &&
	    (had = target_get(db, m->inds.v[i].id, m->units.v[u].id, y, &v, err)) > 0)
		dec_format(v, m->inds.v[i].measure->shift, -1, value, n);
	if (had >= 0)
		version_of(had, v, version);
	model_put(m);
	return had < 0 ? -1 : 0;
}
