/* assess.c: composite assessments on the database (see assess.h). */
#include "assess/assess.h"
#include "base/sbuf.h"
#include "base/xalloc.h"
#include "calc/figure.h"
#include "calc/formula.h"
#include "model/model.h"

#include <ctype.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LAND "unit.land_mu"

static int is_code(const char *s)
{
	if (!s || !(isalpha((unsigned char)*s) || *s == '_'))
		return 0;
	for (; *s; s++)
		if (!(isalnum((unsigned char)*s) || *s == '_'))
			return 0;
	return 1;
}

/* Check one node's source and per against the indicators. */
static int check_node(const struct as_scheme *s, const struct as_node *n,
                      const struct indicator_set *inds, struct kfq_err *err)
{
	if (is_code(n->source)) {
		if (indicators_find(inds, n->source) < 0)
			return kfq_error(err, "%s:%d: indicator %s: source \"%s\": no such indicator "
			                 "in the database (expected a known indicator code or a formula)",
			                 s->file, n->line, n->code, n->source);
	} else {
		struct formula *f;
		struct kfq_err e2 = { 0 };
		const char *const *codes;
		size_t nc;
		if (formula_compile(n->source, &f, &e2) < 0)
			return kfq_error(err, "%s:%d: indicator %s: source \"%s\": %s", s->file, n->line,
			                 n->code, n->source, e2.msg);
		nc = formula_codes(f, &codes);
		for (size_t k = 0; k < nc; k++)
			if (indicators_find(inds, codes[k]) < 0) {
				kfq_error(err, "%s:%d: indicator %s: source \"%s\": no indicator \"%s\" in the "
				          "database", s->file, n->line, n->code, n->source, codes[k]);
				formula_free(f);
				return -1;
			}
		formula_free(f);
	}
	if (n->per && strcmp(n->per, LAND) != 0 && indicators_find(inds, n->per) < 0)
		return kfq_error(err, "%s:%d: indicator %s: per \"%s\": no such indicator in the "
		                 "database (expected an indicator code or %s)", s->file, n->line,
		                 n->code, n->per, LAND);
	return 0;
}

static int check_scheme(const struct as_scheme *s, const struct kfq_model *m,
                        struct kfq_err *err)
{
	const struct as_entities *en = &s->entities;
	if (!en->kind)
		return kfq_error(err, "%s: no entities statement (expected e.g. \"entities "
		                 "kind=zone under=jiangsu\")", s->file);
	if (en->under && units_find(&m->units, en->under) < 0)
		return kfq_error(err, "%s:%d: entities: under \"%s\": no such unit", s->file, en->line,
		                 en->under);
	for (size_t k = 0; k < en->n_also; k++)
		if (units_find(&m->units, en->also[k]) < 0)
			return kfq_error(err, "%s:%d: entities: also \"%s\": no such unit", s->file,
			                 en->line, en->also[k]);
	for (size_t j = 0; j < s->n_leaves; j++)
		if (check_node(s, &s->nodes[s->leaves[j]], &m->inds, err) < 0)
			return -1;
	return 0;
}

int assess_parse_scheme(struct kfq_db *db, const char *text, size_t len, const char *file,
                        struct as_scheme *s, struct kfq_err *err)
{
	struct kfq_model m;
	int rc;
	if (as_scheme_parse(text, len, file, s, err) < 0)
		return -1;
	if (model_load(db, &m, err) < 0) {
		as_scheme_release(s);
		return -1;
	}
	rc = check_scheme(s, &m, err);
	model_release(&m);
	if (rc < 0)
		as_scheme_release(s);
	return rc;
}

int assess_load_scheme(struct kfq_db *db, const char *path, struct as_scheme *s,
                       struct kfq_err *err)
{
	struct kfq_model m;
	int rc;
	if (as_scheme_load(path, s, err) < 0)
		return -1;
	if (model_load(db, &m, err) < 0) {
		as_scheme_release(s);
		return -1;
	}
	rc = check_scheme(s, &m, err);
	model_release(&m);
	if (rc < 0)
		as_scheme_release(s);
	return rc;
}

/* ---- gathering ---- */

struct lctx {
	struct figure_ctx *fc;
	size_t u;
	int year;
};

static int lookup(void *ctx, const char *code, enum formula_fn fn, dec *out, struct kfq_err *err)
{
	struct lctx *x = ctx;
	long i = indicators_need(x->fc->inds, code, err);
	int r;
	if (i < 0)
		return -1;
	if (fn == FORMULA_PRIOR)
		r = figure_value(x->fc, (size_t)i, x->u, x->year - 1, 1, 12, x->year, out, err);
	else
		r = figure_value(x->fc, (size_t)i, x->u, x->year, 1, 12, x->year, out, err);
	return r < 0 ? -1 : r == 1 ? 0 : 1;
}

/* An indicator's yearly value at unit u in its display measure: 1, 0 none,
 * -1 error. */
static int ind_value(struct figure_ctx *fc, long ind, size_t u, int year, double *out,
                     struct kfq_err *err)
{
	dec v;
	int r = figure_value(fc, (size_t)ind, u, year, 1, 12, year, &v, err);
	if (r == 1)
		*out = (double)v / (double)DEC_ONE / pow(10, fc->inds->v[ind].measure->shift);
	return r;
}

/* The value of leaf node n at unit u: 1 present, 0 missing, -1 error. */
static int leaf_value(struct figure_ctx *fc, const struct kfq_model *m, const struct as_node *n,
                      struct formula *f, size_t u, int year, double *out, struct kfq_err *err)
{
	double x, d;
	int r;
	if (f) {
		struct lctx c = { fc, u, year };
		dec v;
		r = formula_eval(f, lookup, &c, &v, err);
		if (r < 0)
			return -1;
		if (r == 1)
			return 0;
		x = (double)v / (double)DEC_ONE;
	} else {
		r = ind_value(fc, indicators_find(&m->inds, n->source), u, year, &x, err);
		if (r != 1)
			return r;
	}
	if (n->per) {
		if (strcmp(n->per, LAND) == 0) {
			if (!m->units.v[u].has_land)
				return 0;
			d = (double)m->units.v[u].land_mu / (double)DEC_ONE;
		} else if ((r = ind_value(fc, indicators_find(&m->inds, n->per), u, year, &d, err)) != 1)
			return r;
		if (d == 0)
			return 0;
		x /= d;
	}
	*out = x;
	return 1;
}

static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
	const unsigned char *b = p;
	for (size_t i = 0; i < n; i++) {
		h ^= b[i];
		h *= UINT64_C(1099511628211);
	}
	return h;
}

static uint64_t fnv_str(uint64_t h, const char *s)
{
	return fnv(h, s ? s : "", s ? strlen(s) + 1 : 1);
}

/* The hash of d's inputs (scheme code, period, entities, values). */
static void hash_inputs(struct assess_data *d)
{
	uint64_t h = UINT64_C(14695981039346656037);
	size_t nl = d->scheme.n_leaves;
	h = fnv_str(h, d->scheme.code);
	h = fnv(h, &d->period, sizeof d->period);
	for (size_t e = 0; e < d->n; e++) {
		h = fnv_str(h, d->ents[e].code);
		h = fnv_str(h, d->ents[e].industry);
		if (d->ents[e].region)   /* so a scheme without regions hashes as before */
			h = fnv_str(h, d->ents[e].region);
		for (size_t j = 0; j < nl; j++) {
			int64_t v = d->present[e * nl + j] ? d->raw[e * nl + j] : INT64_MIN;
			h = fnv(h, &v, sizeof v);
		}
	}
	snprintf(d->hash, sizeof d->hash, "%016" PRIx64, h);
}

/* Each entity's region: the first of the scheme's regions (unit groups)
 * that the unit belongs to in the period's year; NULL when none (the base
 * weights). The string is the scheme's (d->scheme owns it). */
static int set_regions(struct kfq_db *db, struct assess_data *d, struct kfq_err *err)
{
	static const char SQL[] = "SELECT g.grp FROM unit_group g JOIN unit u ON u.id = g.unit_id "
	                          "WHERE u.code = ? AND g.year = ?";
	const struct as_scheme *s = &d->scheme;
	struct kfq_stmt *st;
	if (s->n_regions == 0)
		return 0;
	if (db_prepare(db, SQL, &st, err) < 0)
		return -1;
	for (size_t e = 0; e < d->n; e++) {
		int best = -1;
		st_reset(st);
		st_bind_text(st, 1, d->ents[e].code);
		st_bind_int(st, 2, d->period);
		int rc;
		while ((rc = st_step(st)) == ST_ROW) {
			int k = as_scheme_region(s, st_text(st, 0));
			if (k >= 0 && (best < 0 || k < best))
				best = k;
		}
		if (rc != ST_DONE) {
			db_fault(db, err, "reading the regions (unit_group)");
			st_finalize(st);
			return -1;
		}
		d->ents[e].region = best >= 0 ? s->regions[best].code : NULL;
	}
	st_finalize(st);
	return 0;
}

static void alloc_matrix(struct assess_data *d, size_t n)
{
	size_t nl = d->scheme.n_leaves, cells = (n ? n : 1) * (nl ? nl : 1);
	d->ents = xcalloc(n ? n : 1, sizeof *d->ents);
	d->raw = xcalloc(cells, sizeof *d->raw);
	d->values = xcalloc(cells, sizeof *d->values);
	d->present = xcalloc(cells, 1);
}

int assess_gather(struct kfq_db *db, struct as_scheme *s, int period, struct assess_data *d,
                  struct kfq_err *err)
{
	struct kfq_model m;
	struct figure_ctx fc;
	const struct as_entities *en;
	size_t *cand, nc = 0, nl = s->n_leaves, kept = 0;
	struct formula **forms;
	dec *raw;
	unsigned char *pres;
	long under = -1;
	int rc = -1;

	memset(d, 0, sizeof *d);
	d->scheme = *s;
	memset(s, 0, sizeof *s);
	d->period = period;
	if (model_load(db, &m, err) < 0) {
		assess_data_release(d);
		return -1;
	}
	if (check_scheme(&d->scheme, &m, err) < 0) {
		model_release(&m);
		assess_data_release(d);
		return -1;
	}
	s = &d->scheme;
	en = &s->entities;
	if (en->under)
		under = units_find(&m.units, en->under);
	cand = xcalloc(m.units.n ? m.units.n : 1, sizeof *cand);
	for (size_t i = 0; i < m.units.n; i++) {
		int in = strcmp(m.units.v[i].kind, en->kind) == 0 &&
		         (under < 0 || units_within(&m.units, i, (size_t)under));
		for (size_t k = 0; !in && k < en->n_also; k++)
			in = strcmp(m.units.v[i].code, en->also[k]) == 0;
		if (in)
			cand[nc++] = i;
	}
	forms = xcalloc(nl ? nl : 1, sizeof *forms);
	for (size_t j = 0; j < nl; j++) {
		const struct as_node *n = &s->nodes[s->leaves[j]];
		if (!is_code(n->source) && formula_compile(n->source, &forms[j], err) < 0)
			goto out;
	}
	raw = xcalloc((nc ? nc : 1) * (nl ? nl : 1), sizeof *raw);
	pres = xcalloc((nc ? nc : 1) * (nl ? nl : 1), 1);
	figure_ctx_init(&fc, db, &m.units, &m.inds);
	/* indicator by indicator: the figure cache holds one indicator's cube */
	for (size_t j = 0; j < nl; j++)
		for (size_t c = 0; c < nc; c++) {
			double x;
			int r = leaf_value(&fc, &m, &s->nodes[s->leaves[j]], forms[j], cand[c], period, &x,
			                   err);
			if (r < 0) {
				figure_ctx_release(&fc);
				free(raw);
				free(pres);
				goto out;
			}
			if (r == 1 && isfinite(x) && fabs(x) < 9e14) {
				raw[c * nl + j] = (dec)llround(x * (double)DEC_ONE);
				pres[c * nl + j] = 1;
			}
		}
	figure_ctx_release(&fc);
	alloc_matrix(d, nc);
	for (size_t c = 0; c < nc; c++) {
		const struct unit *u = &m.units.v[cand[c]];
		int any = 0;
		for (size_t j = 0; j < nl; j++)
			any |= pres[c * nl + j];
		if (!any && nl) {
			d->n_nodata++;
			continue;
		}
		d->ents[kept].code = xstrdup(u->code);
		d->ents[kept].name = xstrdup(u->name);
		d->ents[kept].industry = u->industry ? xstrdup(u->industry) : NULL;
		for (size_t j = 0; j < nl; j++) {
			d->raw[kept * nl + j] = raw[c * nl + j];
			d->present[kept * nl + j] = pres[c * nl + j];
			d->values[kept * nl + j] = (double)raw[c * nl + j] / (double)DEC_ONE;
		}
		kept++;
	}
	d->n = kept;
	free(raw);
	free(pres);
	if (set_regions(db, d, err) < 0)
		goto out;
	hash_inputs(d);
	rc = 0;
out:
	for (size_t j = 0; j < nl; j++)
		if (forms[j])
			formula_free(forms[j]);
	free(forms);
	free(cand);
	model_release(&m);
	if (rc < 0)
		assess_data_release(d);
	return rc;
}

void assess_data_release(struct assess_data *d)
{
	for (size_t e = 0; e < d->n; e++) {
		free((char *)d->ents[e].code);
		free((char *)d->ents[e].name);
		free((char *)d->ents[e].industry);
	}
	free(d->ents);
	free(d->raw);
	free(d->values);
	free(d->present);
	as_scheme_release(&d->scheme);
	memset(d, 0, sizeof *d);
}

struct as_input assess_input(const struct assess_data *d)
{
	struct as_input in = { d->ents, d->n, d->scheme.n_leaves, d->values, d->present };
	return in;
}

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

int assess_store(const struct kfq_ctx *cx, struct kfq_db *db, const struct assess_data *d,
                 const struct as_result *r,
                 int64_t *run, struct kfq_err *err)
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
		alloc_matrix(d, n);
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
	hash_inputs(d);
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
