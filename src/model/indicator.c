/* indicator.c: loading, validating and writing indicators (see
 * indicator.h). Depends on base, store and calc/formula. */
#include "model/indicator.h"
#include "base/xalloc.h"
#include "store/history.h"

#include <stdlib.h>
#include <string.h>

static const char *const KIND_NAMES[] = { "flow", "stock" };
static const char *const AGG_NAMES[] = { "sum", "mean", "max", "none" };

const char *ind_kind_name(enum ind_kind k)
{
	return KIND_NAMES[k];
}

const char *ind_agg_name(enum ind_agg a)
{
	return AGG_NAMES[a];
}

static int lookup_name(const char *s, const char *const *names, int n)
{
	for (int i = 0; i < n; i++)
		if (strcmp(s, names[i]) == 0)
			return i;
	return -1;
}

static char *col_text(struct kfq_stmt *st, int i)
{
	const char *t = st_text(st, i);
	return t ? xstrdup((const char *)t) : NULL;
}

int indicators_load(struct kfq_db *db, struct indicator_set *set, struct kfq_err *err)
{
	struct kfq_stmt *st;
	size_t cap = 0;
	int rc;

	memset(set, 0, sizeof *set);
	strmap_init(&set->by_code);
	if (db_prepare(db, "SELECT id, code, name_zh, name_en, measure, kind, agg, decimals, scope, "
	               "formula, headline, derived FROM indicator ORDER BY code", &st, err) < 0) {
		strmap_release(&set->by_code);
		return -1;
	}
	while ((rc = st_step(st)) == ST_ROW) {
		struct indicator *d;
		char *m;
		XGROW(set->v, set->n + 1, cap);
		d = &set->v[set->n++];
		memset(d, 0, sizeof *d);
		d->id = st_i64(st, 0);
		d->code = col_text(st, 1);
		d->name_zh = col_text(st, 2);
		d->name_en = col_text(st, 3);
		m = col_text(st, 4);
		d->measure = measure_find(m, err);
		free(m);
		d->kind = lookup_name(st_text(st, 5), KIND_NAMES, 2) == 1
		          ? IND_STOCK : IND_FLOW;
		d->agg = (enum ind_agg)lookup_name(st_text(st, 6), AGG_NAMES, 4);
		d->decimals = st_int(st, 7);
		d->scope = col_text(st, 8);
		d->formula_text = col_text(st, 9);
		d->headline = st_int(st, 10);
		d->derived = st_int(st, 11);
		if (!d->measure || (int)d->agg < 0 ||
		    (d->formula_text && formula_compile(d->formula_text, &d->formula, err) < 0)) {
			st_finalize(st);
			kfq_err_prefix(err, "%s: indicator \"%s\" is damaged", db_name(db), d->code);
			err->kind = KFQ_EFAULT;
			indicators_release(set);
			return -1;
		}
	}
	if (rc != ST_DONE) {
		db_fault(db, err, "reading indicators");
		st_finalize(st);
		indicators_release(set);
		return -1;
	}
	st_finalize(st);
	for (size_t i = 0; i < set->n; i++)
		strmap_put(&set->by_code, set->v[i].code, i);
	return 0;
}

void indicators_release(struct indicator_set *set)
{
	for (size_t i = 0; i < set->n; i++) {
		struct indicator *d = &set->v[i];
		free(d->code);
		free(d->name_zh);
		free(d->name_en);
		free(d->scope);
		free(d->formula_text);
		formula_free(d->formula);
	}
	free(set->v);
	strmap_release(&set->by_code);
	memset(set, 0, sizeof *set);
}

long indicators_find(const struct indicator_set *set, const char *code)
{
	size_t i;
	return strmap_get(&set->by_code, code, &i) ? (long)i : -1;
}

long indicators_need(const struct indicator_set *set, const char *code, struct kfq_err *err)
{
	long i = indicators_find(set, code);
	if (i < 0)
		kfq_error(err, "unknown indicator \"%s\" (see `kfq export indicators`)", code);
	return i;
}

static int valid_code(const char *s)
{
	if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || *s == '_'))
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || *s == '_' ||
		      (*s >= '0' && *s <= '9')))
			return 0;
	return 1;
}

static const char *nz(const char *s)
{
	return s && *s ? s : NULL;
}

/* Check the formula compiles and names only known indicators (or itself
 * through prior()). */
static int check_formula(struct kfq_db *db, const char *code, const char *text, struct kfq_err *err)
{
	struct formula *f;
	const char *const *codes;
	size_t n;
	struct kfq_stmt *st;

	if (formula_compile(text, &f, err) < 0)
		return kfq_err_set_field(err, "formula");
	n = formula_codes(f, &codes);
	if (n == 0) {   /* a constant: a period or a figure in the wrong column */
		formula_free(f);
		return kfq_error_field(err, "formula", "\"%s\" names no indicator (expected a "
		                       "formula over indicators, such as sales / area)", text);
	}
	if (db_prepare(db, "SELECT 1 FROM indicator WHERE code = ?", &st, err) < 0) {
		formula_free(f);
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		int rc;
		if (strcmp(codes[i], code) == 0) {
			kfq_error_field(err, "formula", "\"%s\" refers to itself", code);
			goto fail;
		}
		st_reset(st);
		st_bind_text_copy(st, 1, codes[i]);
		if ((rc = st_step(st)) == ST_ERROR) {
			db_fault(db, err, "reading indicators");
			goto fail;
		}
		if (rc != ST_ROW) {
			kfq_error_field(err, "formula", "unknown indicator \"%s\" in \"%s\" "
			                "(define it before the formula that uses it)", codes[i],
			                text);
			goto fail;
		}
	}
	st_finalize(st);
	formula_free(f);
	return 0;
fail:
	st_finalize(st);
	formula_free(f);
	return -1;
}

int indicator_put(struct kfq_db *db, const struct indicator_row *r, int *changed,
                  struct kfq_err *err)
{
	static const char SQL_GET[] = "SELECT name_zh, name_en, measure, kind, agg, decimals, scope, "
	                              "formula, headline, id FROM indicator WHERE code = ?";
	static const char SQL_PUT[] =
		"INSERT INTO indicator(code, name_zh, name_en, measure, kind, agg, decimals, scope, "
		"formula, headline) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) "
		"ON CONFLICT(code) DO UPDATE SET name_zh = ?2, name_en = ?3, measure = ?4, kind = ?5, "
		"agg = ?6, decimals = ?7, scope = ?8, formula = ?9, headline = ?10";
	const struct measure *m;
	struct kfq_stmt *st;
	int kind, agg, decimals = 2, headline = 0, exists = 0, same = 0, rc;
	char *old_measure = NULL;
	int64_t id = 0;

	if (!r->code || !valid_code(r->code))
		return kfq_error_field(err, "code", "\"%s\" is not a code (expected letters, "
		                       "digits and _, starting with a letter: taxable_sales)",
		                       r->code ? r->code : "");
	if (!nz(r->name_zh))
		return kfq_error_field(err, "name_zh", "empty (every indicator needs a Chinese "
		                       "name)");
	if (!nz(r->measure))
		return kfq_error_field(err, "measure", "empty (expected 万元, 亿元, 件 ...)");
	if (!(m = measure_find(r->measure, err)))
		return kfq_err_set_field(err, "measure");
	kind = nz(r->kind) ? lookup_name(r->kind, KIND_NAMES, 2) : 0;
	if (kind < 0)
		return kfq_error_field(err, "kind", "\"%s\" (expected flow or stock)", r->kind);
	agg = nz(r->agg) ? lookup_name(r->agg, AGG_NAMES, 4) : 0;
	if (agg < 0)
		return kfq_error_field(err, "agg", "\"%s\" (expected sum, mean, max or none)",
		                       r->agg);
	if (nz(r->decimals)) {
		char *end;
		long d = strtol(r->decimals, &end, 10);
		if (*end || d < 0 || d > 6)
			return kfq_error_field(err, "decimals", "\"%s\" (expected 0 to 6)",
			                       r->decimals);
		decimals = (int)d;
	}
	if (nz(r->headline)) {
		char *end;
		long h = strtol(r->headline, &end, 10);
		if (*end || h < 0 || h > 99)
			return kfq_error_field(err, "headline", "\"%s\" (expected 0, or the "
			                       "position 1 to 99 in the bulletin)", r->headline);
		headline = (int)h;
	}
	if (nz(r->formula) && check_formula(db, r->code, r->formula, err) < 0)
		return -1;

	if (db_cached(db, SQL_GET, &st, err) < 0)
		return -1;
	st_bind_text(st, 1, r->code);
	if ((rc = st_step(st)) == ST_ERROR) {
		db_fault(db, err, "reading an indicator");
		st_reset(st);
		return -1;
	}
	if (rc == ST_ROW) {
		const char *f[8] = { r->name_zh, r->name_en ? r->name_en : "", m->name,
		                     KIND_NAMES[kind], AGG_NAMES[agg], NULL, nz(r->scope), nz(r->formula) };
		exists = 1;
		same = 1;
		for (int i = 0; i < 8; i++) {
			const char *t = st_text(st, i);
			if (i == 5)
				continue;
			if (!t != !f[i] || (t && strcmp((const char *)t, f[i]) != 0))
				same = 0;
		}
		if (st_int(st, 5) != decimals || st_int(st, 8) != headline)
			same = 0;
		old_measure = xstrdup(st_text(st, 2));
		id = st_i64(st, 9);
	}
	st_reset(st);
	if (exists && same) {
		free(old_measure);
		*changed = 0;
		return 0;
	}
	if (exists) {
		const struct measure *om = measure_find(old_measure, NULL);
		struct kfq_stmt *q;
		int has_data;
		free(old_measure);
		int has_values = 0;
		/* whether it has values, and whether it has targets */
		if (db_prepare(db, "SELECT (SELECT count(*) FROM (SELECT 1 FROM obs WHERE ind_id = ?1 "
		               "LIMIT 1) v), (SELECT count(*) FROM (SELECT 1 FROM target WHERE "
		               "ind_id = ?1 LIMIT 1) t)", &q, err) < 0)
			return -1;
		st_bind_i64(q, 1, id);
		if ((rc = st_step(q)) == ST_ROW) {
			has_values = st_int(q, 0) > 0;
			has_data = has_values || st_int(q, 1) > 0;
		} else {
			db_fault(db, err, "reading an indicator's data");
		}
		st_finalize(q);
		if (rc != ST_ROW)
			return -1;
		/* a formula's figures are computed: values stored would be hidden */
		if (has_values && nz(r->formula))
			return kfq_error_field(err, "formula", "indicator \"%s\" holds values; it "
			                       "cannot become a formula while it has them (give the "
			                       "formula a new code)", r->code);
		if (has_data && om && strcmp(om->family, m->family) != 0)
			return kfq_error_field(err, "measure", "indicator \"%s\" holds %s figures; "
			                       "it cannot become %s while it has data", r->code,
			                       om->family, m->name);
	}
	if (db_cached(db, SQL_PUT, &st, err) < 0)
		return -1;
	st_bind_text(st, 1, r->code);
	st_bind_text(st, 2, r->name_zh);
	st_bind_text(st, 3, r->name_en ? r->name_en : "");
	st_bind_text(st, 4, m->name);
	st_bind_text(st, 5, KIND_NAMES[kind]);
	st_bind_text(st, 6, AGG_NAMES[agg]);
	st_bind_int(st, 7, decimals);
	if (nz(r->scope))
		st_bind_text(st, 8, r->scope);
	if (nz(r->formula))
		st_bind_text(st, 9, r->formula);
	st_bind_int(st, 10, headline);
	if (st_step(st) != ST_DONE)
		return db_fault(db, err, "writing an indicator");
	st_reset(st);
	*changed = exists ? 2 : 1;
	if (exists) {
		struct history_entry h = { .kind = "indicator", .indicator = r->code,
		                           .note = "indicator definition changed" };
		return history_add(db, &h, err);
	}
	return 0;
}

int indicator_ensure(struct kfq_db *db, const struct indicator_row *row, int derived,
                     struct kfq_err *err)
{
	static const char GET[] = "SELECT 1 FROM indicator WHERE code = ?";
	static const char MARK[] = "UPDATE indicator SET derived = ? WHERE code = ?";
	struct kfq_stmt *st;
	int rc, changed;
	if (db_cached(db, GET, &st, err) < 0)
		return -1;
	st_bind_text(st, 1, row->code);
	if ((rc = st_step(st)) == ST_ERROR)
		db_fault(db, err, "reading indicators");
	st_reset(st);
	if (rc == ST_ERROR || (rc != ST_ROW && indicator_put(db, row, &changed, err) < 0))
		return -1;
	if (db_cached(db, MARK, &st, err) < 0)
		return -1;
	st_bind_int(st, 1, derived);
	st_bind_text(st, 2, row->code);
	rc = st_step(st) == ST_DONE ? 0 : db_fault(db, err, "marking a derived indicator");
	st_reset(st);
	return rc;
}
