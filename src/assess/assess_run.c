/* assess_run.c: stored assessment runs (see assess.h): a run written in
 * one transaction (scheme text and version, inputs hash, inputs, results,
 * the nodes' scores), read back from its stored text and inputs, the
 * latest run of a scheme, a previous period's ranks and the rules checked
 * against them, and how today's inputs differ from a run's. Gathering the
 * inputs is assess.c. Depends on base, store and assess/scheme and
 * composite; it must not depend on model or calc (a stored run is read
 * back without today's data). */
#include "assess/assess.h"
#include "assess/assess_part.h"
#include "base/strmap.h"
#include "base/xalloc.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- storing ---- */

static void bind_real(struct kfq_stmt *st, int k, double x)
{
	if (isnan(x))
		st_bind_null(st, k);
	else
		st_bind_double(st, k, x);
}

static int store_rows(struct kfq_db *db, const struct assess_data *d, const struct as_result *r,
                      int64_t run, struct kfq_err *err)
{
	static const char INP[] = "INSERT INTO as_input(run, entity, indicator, raw, imputed, "
	                          "normalised) VALUES (?, ?, ?, ?, ?, ?)";
	static const char RES[] = "INSERT INTO as_result(run, entity, name, industry, score, rank, "
	                          "class, reason, region) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
	static const char PART[] = "INSERT INTO as_part(run, entity, node, score, contribution) "
	                           "VALUES (?, ?, ?, ?, ?)";
	const struct as_scheme *s = &d->scheme;
	size_t nl = s->n_leaves, nn = s->n_nodes;
	struct kfq_stmt *st;

	for (size_t e = 0; e < d->n; e++) {
		const struct as_entity_result *er = &r->ent[e];
		for (size_t j = 0; j < nl; j++) {
			if (db_cached(db, INP, &st, err) < 0)
				return -1;
			st_bind_i64(st, 1, run);
			st_bind_text(st, 2, d->ents[e].code);
			st_bind_text(st, 3, s->nodes[s->leaves[j]].code);
			if (d->present[e * nl + j])
				st_bind_i64(st, 4, d->raw[e * nl + j]);
			st_bind_int(st, 5, r->imputed[e * nl + j] != 0);
			bind_real(st, 6, r->norm[e * nl + j]);
			if (st_step(st) != ST_DONE)
				return db_fault(db, err, "storing an assessment input");
		}
		if (db_cached(db, RES, &st, err) < 0)
			return -1;
		st_bind_i64(st, 1, run);
		st_bind_text(st, 2, d->ents[e].code);
		st_bind_text(st, 3, d->ents[e].name ? d->ents[e].name : d->ents[e].code);
		if (d->ents[e].industry)
			st_bind_text(st, 4, d->ents[e].industry);
		if (er->status == AS_RATED)
			st_bind_double(st, 5, er->score);
		if (er->rank > 0)
			st_bind_int(st, 6, er->rank);
		if (er->class_name)
			st_bind_text(st, 7, er->class_name);
		if (er->reason)
			st_bind_text(st, 8, er->reason);
		if (d->ents[e].region)
			st_bind_text(st, 9, d->ents[e].region);
		if (st_step(st) != ST_DONE)
			return db_fault(db, err, "storing an assessment result");
		if (er->status != AS_RATED)
			continue;
		for (size_t i = 0; i < nn; i++) {
			if (db_cached(db, PART, &st, err) < 0)
				return -1;
			st_bind_i64(st, 1, run);
			st_bind_text(st, 2, d->ents[e].code);
			st_bind_text(st, 3, s->nodes[i].code);
			bind_real(st, 4, r->node_score[e * nn + i]);
			bind_real(st, 5, r->node_contrib[e * nn + i]);
			if (st_step(st) != ST_DONE)
				return db_fault(db, err, "storing an assessment part");
		}
	}
	return 0;
}

static int store_once(const struct kfq_ctx *cx, struct kfq_db *db, const struct assess_data *d,
                      const struct as_result *r, int64_t *run, struct kfq_err *err)
{
	static const char RUN[] = "INSERT INTO as_run(scheme, version, period, at, who, scheme_text, "
	                          "inputs_hash, left_out) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
	struct kfq_stmt *st;

	if (db_begin(db, cx, err) < 0)
		return -1;
	if (db_cached(db, RUN, &st, err) < 0)
		goto fail;
	st_bind_text(st, 1, d->scheme.code);
	st_bind_text(st, 2, d->scheme.version);
	st_bind_int(st, 3, d->period);
	st_bind_text(st, 4, cx->now);
	st_bind_text(st, 5, cx->who);
	st_bind_text(st, 6, d->scheme.text ? d->scheme.text : "");
	st_bind_text(st, 7, d->hash);
	st_bind_i64(st, 8, (int64_t)d->n_nodata);
	if (st_step(st) != ST_ROW) {
		db_fault(db, err, "storing an assessment run");
		goto fail;
	}
	*run = st_i64(st, 0);
	if (st_step(st) != ST_DONE) {
		db_fault(db, err, "storing an assessment run");
		goto fail;
	}
	st_reset(st);
	if (store_rows(db, d, r, *run, err) < 0 || db_commit(db, err) < 0)
		goto fail;
	return 0;
fail:
	db_rollback(db);
	return -1;
}

int assess_store(const struct kfq_ctx *cx, struct kfq_db *db, const struct assess_data *d,
                 const struct as_result *r, int64_t *run, struct kfq_err *err)
{
	/* run again when a concurrent writer made the transaction fail */
	for (int attempt = 1;; attempt++) {
		if (store_once(cx, db, d, r, run, err) == 0)
			return 0;
		if (err->kind != KFQ_EFAULT || !db_retryable(db) || attempt == DB_RETRIES)
			return -1;
		db_backoff(db, attempt);
	}
}

/* ---- reading back ---- */

int assess_latest_run(struct kfq_db *db, const char *code, int period, int64_t *run,
                      struct kfq_err *err)
{
	static const char SQL[] = "SELECT max(id) FROM as_run WHERE scheme = ? AND period = ?";
	struct kfq_stmt *st;
	int found = 0;
	if (db_cached(db, SQL, &st, err) < 0)
		return -1;
	st_bind_text(st, 1, code);
	st_bind_int(st, 2, period);
	if (st_step(st) != ST_ROW) {
		db_fault(db, err, "finding a stored assessment run");
		st_reset(st);
		return -1;
	}
	if (!st_null(st, 0)) {
		*run = st_i64(st, 0);
		found = 1;
	}
	st_reset(st);
	return found;
}

static char *col_dup(struct kfq_stmt *st, int k)
{
	const char *t = st_text(st, k);
	return t ? xstrdup((const char *)t) : NULL;
}

int assess_runs(struct kfq_db *db, int period, struct assess_runs *out, struct kfq_err *err)
{
	static const char SQL[] = "SELECT id, scheme, version, period, at, who, scheme_text "
	                          "FROM as_run WHERE ? = 0 OR period = ? ORDER BY id DESC";
	struct kfq_stmt *st;
	size_t cap = 0;
	int step;

	memset(out, 0, sizeof *out);
	if (db_prepare(db, SQL, &st, err) < 0)
		return -1;
	st_bind_int(st, 1, period);
	st_bind_int(st, 2, period);
	while ((step = st_step(st)) == ST_ROW) {
		struct assess_run_row *r;
		struct as_scheme sc;
		struct kfq_err perr = { 0 };
		const char *text = (const char *)st_text(st, 6);
		XGROW(out->v, out->n + 1, cap);
		r = &out->v[out->n++];
		memset(r, 0, sizeof *r);
		r->id = st_i64(st, 0);
		r->scheme = col_dup(st, 1);
		r->version = col_dup(st, 2);
		r->period = st_int(st, 3);
		r->at = col_dup(st, 4);
		r->who = col_dup(st, 5);
		/* the scheme's name from its stored text (checked when it was stored) */
		if (text && as_scheme_parse(text, strlen(text), "stored", &sc, &perr) == 0 && sc.name)
			r->name = xstrdup(sc.name);
		if (text)
			as_scheme_release(&sc);
	}
	st_finalize(st);
	if (step != ST_DONE) {
		assess_runs_release(out);
		return db_fault(db, err, "listing the stored assessment runs");
	}
	return 0;
}

void assess_runs_release(struct assess_runs *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].scheme);
		free(l->v[i].version);
		free(l->v[i].name);
		free(l->v[i].at);
		free(l->v[i].who);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}

int assess_stored(struct kfq_db *db, int64_t run, struct assess_data *d, struct kfq_err *err)
{
	static const char RUN[] = "SELECT period, at, who, scheme_text, inputs_hash, left_out "
	                          "FROM as_run "
	                          "WHERE id = ?";
	static const char ENTS[] = "SELECT entity, name, industry, region FROM as_result "
	                           "WHERE run = ? ORDER BY entity";
	static const char INP[] = "SELECT entity, indicator, raw FROM as_input WHERE run = ?";
	struct kfq_stmt *st = NULL;
	char file[48];
	size_t n = 0, cap = 0, nl;
	struct strmap ecode;
	int rc = -1, step;

	memset(d, 0, sizeof *d);
	if (db_prepare(db, RUN, &st, err) < 0)
		return -1;
	st_bind_i64(st, 1, run);
	if ((step = st_step(st)) != ST_ROW) {
		if (step == ST_DONE)
			kfq_error(err, "no stored assessment run %" PRId64, run);
		else
			db_fault(db, err, "reading a stored assessment run");
		st_finalize(st);
		return -1;
	}
	d->period = st_int(st, 0);
	snprintf(d->at, sizeof d->at, "%s", st_text(st, 1));
	snprintf(d->who, sizeof d->who, "%s", st_text(st, 2));
	snprintf(d->stored_hash, sizeof d->stored_hash, "%s", st_text(st, 4));
	d->n_nodata = (size_t)st_i64(st, 5);
	snprintf(file, sizeof file, "run %" PRId64, run);
	{
		const char *text = st_text(st, 3);
		if (as_scheme_parse(text ? text : "", text ? strlen(text) : 0, file, &d->scheme, err) < 0) {
			st_finalize(st);
			return -1;
		}
	}
	st_finalize(st);
	d->run = run;
	nl = d->scheme.n_leaves;
	if (db_prepare(db, ENTS, &st, err) < 0)
		goto out0;
	st_bind_i64(st, 1, run);
	while ((step = st_step(st)) == ST_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			d->ents = xrealloc(d->ents, cap * sizeof *d->ents);
		}
		d->ents[n].code = col_dup(st, 0);
		d->ents[n].name = col_dup(st, 1);
		d->ents[n].industry = col_dup(st, 2);
		/* the region the run rated it with, not today's unit groups */
		d->ents[n].region = NULL;
		if (!st_null(st, 3)) {
			int k = as_scheme_region(&d->scheme, st_text(st, 3));
			if (k < 0) {
				st_finalize(st);
				kfq_error(err, "stored run %" PRId64 ": region \"%s\" is not in its scheme",
				          run, st_text(st, 3));
				d->n = n + 1;   /* so that the release frees this entity too */
				goto out0;
			}
			d->ents[n].region = d->scheme.regions[k].code;
		}
		n++;
	}
	if (step != ST_DONE) {
		db_fault(db, err, "reading a stored assessment run's results");
		st_finalize(st);
		d->n = n;   /* so that the release frees the entities read */
		goto out0;
	}
	st_finalize(st);
	{
		struct as_entity *ents = d->ents;
		d->ents = NULL;
		assess_alloc_matrix(d, n);
		if (n)
			memcpy(d->ents, ents, n * sizeof *ents);
		free(ents);
	}
	d->n = n;
	strmap_init(&ecode);
	for (size_t e = 0; e < n; e++)
		strmap_put(&ecode, d->ents[e].code, e);
	if (db_prepare(db, INP, &st, err) < 0)
		goto out;
	st_bind_i64(st, 1, run);
	while ((step = st_step(st)) == ST_ROW) {
		size_t e;
		int j = as_scheme_find(&d->scheme, st_text(st, 1));
		if (!strmap_get(&ecode, st_text(st, 0), &e) || j < 0 ||
		    d->scheme.nodes[j].leaf < 0) {
			st_finalize(st);
			kfq_error(err, "stored run %" PRId64 ": input %s/%s does not match its scheme", run,
			          st_text(st, 0),
			          st_text(st, 1));
			goto out;
		}
		if (!st_null(st, 2)) {
			size_t c = e * nl + (size_t)d->scheme.nodes[j].leaf;
			d->raw[c] = st_i64(st, 2);
			d->values[c] = (double)d->raw[c] / (double)DEC_ONE;
			d->present[c] = 1;
		}
	}
	if (step != ST_DONE) {
		db_fault(db, err, "reading a stored assessment run's inputs");
		st_finalize(st);
		goto out;
	}
	st_finalize(st);
	assess_hash_inputs(d);
	rc = 0;
out:
	strmap_release(&ecode);
out0:
	if (rc < 0)
		assess_data_release(d);
	return rc;
}

int assess_period_ranks(struct kfq_db *db, const struct assess_data *d, int period, int *rank,
                        size_t *n_ranked, struct kfq_err *err)
{
	static const char SQL[] = "SELECT entity, rank FROM as_result WHERE run = ? AND rank IS NOT NULL";
	struct kfq_stmt *st;
	int64_t run;
	struct strmap ecode;
	int step, r = assess_latest_run(db, d->scheme.code, period, &run, err);
	if (r <= 0)
		return r;
	for (size_t e = 0; e < d->n; e++)
		rank[e] = 0;
	*n_ranked = 0;
	if (db_prepare(db, SQL, &st, err) < 0)
		return -1;
	strmap_init(&ecode);
	for (size_t e = 0; e < d->n; e++)
		strmap_put(&ecode, d->ents[e].code, e);
	st_bind_i64(st, 1, run);
	while ((step = st_step(st)) == ST_ROW) {
		size_t e;
		(*n_ranked)++;
		if (strmap_get(&ecode, st_text(st, 0), &e))
			rank[e] = st_int(st, 1);
	}
	if (step != ST_DONE)
		db_fault(db, err, "reading a stored assessment run's ranks");
	st_finalize(st);
	strmap_release(&ecode);
	return step == ST_DONE ? 1 : -1;
}

int assess_rules(struct kfq_db *db, const struct assess_data *d, const struct as_result *r,
                 struct as_rule_check *out, struct kfq_err *err)
{
	const struct as_scheme *s = &d->scheme;
	int need = 0, rc;
	size_t np = 0;
	int **ranks;
	struct as_period_ranks *prev;

	for (size_t k = 0; k < s->n_rules; k++)
		if (s->rules[k].years - 1 > need)
			need = s->rules[k].years - 1;
	ranks = xcalloc((size_t)need + 1, sizeof *ranks);
	prev = xcalloc((size_t)need + 1, sizeof *prev);
	for (int y = 1; y <= need; y++) {
		size_t nr = 0;
		int got;
		ranks[np] = xcalloc(d->n ? d->n : 1, sizeof **ranks);
		got = assess_period_ranks(db, d, d->period - y, ranks[np], &nr, err);
		if (got < 0) {
			rc = -1;
			np++;
			goto out;
		}
		if (!got) {
			free(ranks[np]);
			ranks[np] = NULL;
			break;
		}
		prev[np].rank = ranks[np];
		prev[np].n_ranked = nr;
		np++;
	}
	rc = as_rules_check(s, r, prev, np, out, err);
out:
	for (size_t k = 0; k <= (size_t)need; k++)
		free(ranks[k]);
	free(ranks);
	free(prev);
	return rc;
}

size_t assess_diff(const struct assess_data *d, const struct assess_data *o)
{
	size_t diff = 0, nl = d->scheme.n_leaves;
	struct strmap oc, dc;
	strmap_init(&oc);
	strmap_init(&dc);
	for (size_t e = 0; e < o->n; e++)
		strmap_put(&oc, o->ents[e].code, e);
	for (size_t e = 0; e < d->n; e++)
		strmap_put(&dc, d->ents[e].code, e);
	for (size_t e = 0; e < d->n; e++) {
		size_t f;
		if (!strmap_get(&oc, d->ents[e].code, &f) || o->scheme.n_leaves != nl) {
			diff++;
			continue;
		}
		for (size_t j = 0; j < nl; j++) {
			int a = d->present[e * nl + j], b = o->present[f * nl + j];
			if (a != b || (a && d->raw[e * nl + j] != o->raw[f * nl + j]))
				diff++;
		}
	}
	for (size_t e = 0; e < o->n; e++) {
		size_t k;
		diff += !strmap_get(&dc, o->ents[e].code, &k);
	}
	strmap_release(&oc);
	strmap_release(&dc);
	return diff;
}

/* ---- a stored run as the front ends show it ---- */

int assess_view_open(struct kfq_db *db, const char *code, int period, int64_t run,
                     struct assess_view *v, struct kfq_err *err)
{
	struct as_input in;
	size_t n_prev = 0;
	int found;

	memset(v, 0, sizeof *v);
	if (!run) {
		if ((found = assess_latest_run(db, code, period, &run, err)) < 0)
			return -1;
		if (!found)
			return kfq_error_field(err, "run", "no stored run of scheme \"%s\" for %d (kfq "
			                       "assess run stores one)", code, period);
	}
	if (assess_stored(db, run, &v->d, err) < 0)
		return -1;
	if (strcmp(v->d.scheme.code, code) != 0 || v->d.period != period)
		return kfq_error_field(err, "run", "assess: run %" PRId64 " rated %s for %d, not %s "
		                       "for %d", run, v->d.scheme.code, v->d.period, code, period);
	in = assess_input(&v->d);
	if (as_compute(&v->d.scheme, &in, &v->r, err) < 0)
		return -1;
	v->have_r = 1;
	v->prev = xcalloc(v->d.n ? v->d.n : 1, sizeof *v->prev);
	v->has_prev = assess_period_ranks(db, &v->d, period - 1, v->prev, &n_prev, err);
	return v->has_prev < 0 ? -1 : 0;
}

void assess_view_release(struct assess_view *v)
{
	if (v->have_r)
		as_result_release(&v->r);
	if (v->d.ents || v->d.scheme.code)
		assess_data_release(&v->d);
	free(v->prev);
	memset(v, 0, sizeof *v);
}
