/* assess.c: composite assessments on the database (see assess.h): a
 * scheme checked against the indicators and units, and its inputs gathered
 * from the core's figures (÷ land or another indicator), with each
 * entity's region and the inputs hash. Stored runs are assess_run.c.
 * Depends on base, store, model, calc and assess/scheme; it writes
 * nothing. */
#include "assess/assess.h"
#include "assess/assess_part.h"
#include "base/xalloc.h"
#include "calc/figure.h"
#include "base/formula.h"
#include "model/model.h"

#include <ctype.h>
#include <inttypes.h>
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
	if (fn & (FORMULA_PRIOR | FORMULA_PREV))   /* a year's: prior and prev are the year before */
		r = figure_value(x->fc, (size_t)i, x->u, x->year - 1, 1, 12, x->year, out, err);
	else
		r = figure_value(x->fc, (size_t)i, x->u, x->year, 1, 12, x->year, out, err);
	return r < 0 ? -1 : r == 1 ? 0 : 1;
}

/* The value of leaf node n at unit u, exactly: its source (a formula in
 * the base unit, or an indicator in its display measure) divided by its
 * per (land in 亩, or an indicator in its display measure), rounded once to
 * DEC_SCALE places. f is the source compiled (a code compiles to itself).
 * 1 present, 0 missing (no value, or per is 0), -1 error. */
static int leaf_value(struct figure_ctx *fc, const struct kfq_model *m, const struct as_node *n,
                      struct formula *f, size_t u, int year, dec *out, struct kfq_err *err)
{
	struct lctx c = { fc, u, year };
	struct kfq_err none = { 0 };
	dec per = DEC_ONE;
	int shift = 0, r;

	if (is_code(n->source))
		shift = m->inds.v[indicators_find(&m->inds, n->source)].measure->shift;
	if (n->per && strcmp(n->per, LAND) == 0) {
		if (!m->units.v[u].has_land)
			return 0;
		per = m->units.v[u].land_mu;
	} else if (n->per) {
		long pi = indicators_find(&m->inds, n->per);
		r = figure_value(fc, (size_t)pi, u, year, 1, 12, year, &per, err);
		if (r != 1)
			return r;
		shift -= m->inds.v[pi].measure->shift;
	}
	if (per == 0)
		return 0;
	r = formula_eval_per(f, lookup, &c, per, shift, DEC_SCALE, out, &none);
	if (r < 0) {
		*err = none;
		return -1;
	}
	return r == 0;
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
void assess_hash_inputs(struct assess_data *d)
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

void assess_alloc_matrix(struct assess_data *d, size_t n)
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
		if (formula_compile(n->source, &forms[j], err) < 0)
			goto out;
	}
	raw = xcalloc((nc ? nc : 1) * (nl ? nl : 1), sizeof *raw);
	pres = xcalloc((nc ? nc : 1) * (nl ? nl : 1), 1);
	figure_ctx_init(&fc, db, &m.units, &m.inds);
	/* indicator by indicator: the figure cache holds one indicator's cube */
	for (size_t j = 0; j < nl; j++)
		for (size_t c = 0; c < nc; c++) {
			dec x;
			int r = leaf_value(&fc, &m, &s->nodes[s->leaves[j]], forms[j], cand[c], period, &x,
			                   err);
			if (r < 0) {
				figure_ctx_release(&fc);
				free(raw);
				free(pres);
				goto out;
			}
			if (r == 1) {
				raw[c * nl + j] = x;
				pres[c * nl + j] = 1;
			}
		}
	figure_ctx_release(&fc);
	assess_alloc_matrix(d, nc);
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
	assess_hash_inputs(d);
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
