/* figure.c: computing figures from cubes and formulas (see figure.h).
 * Depends on base, store, model, calc/cube, calc/formula. */
#include "calc/figure.h"
#include "calc/formula.h"
#include "calc/rollup.h"

#include <string.h>

void figure_ctx_init(struct figure_ctx *fc, struct kfq_db *db, const struct unit_set *units,
                     const struct indicator_set *inds)
{
	memset(fc, 0, sizeof *fc);
	fc->db = db;
	fc->units = units;
	fc->inds = inds;
}

void figure_ctx_release(struct figure_ctx *fc)
{
	for (size_t i = 0; i < sizeof fc->cache / sizeof fc->cache[0]; i++)
		cube_free(fc->cache[i]);
	memset(fc->cache, 0, sizeof fc->cache);
}

static int get_cube(struct figure_ctx *fc, const struct indicator *ind, int year, int scope_year,
                    struct cube **out, struct kfq_err *err)
{
	size_t n = sizeof fc->cache / sizeof fc->cache[0];
	for (size_t i = 0; i < n; i++) {
		struct cube *c = fc->cache[i];
		if (c && c->ind == ind && c->year == year && c->scope_year == scope_year) {
			*out = c;
			return 0;
		}
	}
	switch (rollup_cube(fc->db, fc->units, ind, year, scope_year, out, err)) {
	case -1:
		return -1;
	case 0:
		if (cube_build(fc->db, fc->units, ind, year, scope_year, out, err) < 0)
			return -1;
		break;
	default:
		break;
	}
	cube_free(fc->cache[fc->next]);
	fc->cache[fc->next] = *out;
	fc->next = (fc->next + 1) % (int)n;
	return 0;
}

struct fctx {
	struct figure_ctx *fc;
	size_t u;
	int year, first, last, scope_year;
};

static int lookup(void *ctx, const char *code, enum formula_fn fn, dec *out, struct kfq_err *err)
{
	struct fctx *x = ctx;
	long i = indicators_need(x->fc->inds, code, err);
	int r;
	if (i < 0)
		return -1;
	switch (fn) {
	case FORMULA_YTD:
		r = figure_value(x->fc, (size_t)i, x->u, x->year, 1, x->last, x->scope_year, out, err);
		break;
	case FORMULA_PRIOR:
		r = figure_value(x->fc, (size_t)i, x->u, x->year - 1, x->first, x->last,
		                 x->scope_year, out, err);
		break;
	default:
		r = figure_value(x->fc, (size_t)i, x->u, x->year, x->first, x->last, x->scope_year, out,
		                 err);
	}
	return r < 0 ? -1 : r == 1 ? 0 : 1;
}

int figure_value(struct figure_ctx *fc, size_t ind, size_t u, int year, int first, int last,
                 int scope_year, dec *v, struct kfq_err *err)
{
	const struct indicator *d = &fc->inds->v[ind];
	struct cube *cb;
	int r;

	if (d->formula) {
		struct fctx x = { fc, u, year, first, last, scope_year };
		if (fc->depth > 16)
			return kfq_error(err, "formula of \"%s\" nests too deeply (a cycle?)", d->code);
		fc->depth++;
		r = formula_eval(d->formula, lookup, &x, v, err);
		fc->depth--;
		return r < 0 ? -1 : r == 0;
	}
	if (get_cube(fc, d, year, scope_year, &cb, err) < 0)
		return -1;
	r = cube_value(cb, u, first, last, v);
	if (r < 0 && cb->fault[0])
		return kfq_fault(err, "%s", cb->fault);
	if (r < 0)
		return kfq_error(err, "indicator \"%s\": the total of unit \"%s\" in %d does not fit in "
		                 "kfq's exact figures", d->code, cb->overflow_unit, year);
	return r;
}

static int target_of(struct figure_ctx *fc, const struct indicator *d, const struct unit *u,
                     int year, dec *v, struct kfq_err *err)
{
	static const char SQL[] = "SELECT value FROM target WHERE ind_id = ? AND year = ? AND unit_id = ?";
	sqlite3_stmt *st;
	int found;
	if (db_cached(fc->db, SQL, &st, err) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, d->id);
	sqlite3_bind_int(st, 2, year);
	sqlite3_bind_int64(st, 3, u->id);
	found = sqlite3_step(st) == SQLITE_ROW;
	if (found)
		*v = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return found;
}

int figure_get(struct figure_ctx *fc, size_t ind, size_t u, const struct period *p,
               struct figure *f, struct kfq_err *err)
{
	const struct indicator *d = &fc->inds->v[ind];
	const struct unit *unit = &fc->units->v[u];
	int y = p->year, r;
	dec cprior, cprior_ytd;

	memset(f, 0, sizeof *f);
#define GET(bit, year, first, scope, dst) do { \
	r = figure_value(fc, ind, u, (year), (first), p->last, (scope), (dst), err); \
	if (r < 0) return -1; \
	if (r) f->has |= (bit); \
} while (0)
	GET(FIG_VALUE, y, p->first, y, &f->value);
	GET(FIG_YTD, y, 1, y, &f->ytd);
	GET(FIG_PRIOR, y - 1, p->first, y - 1, &f->prior);
	GET(FIG_PRIOR_YTD, y - 1, 1, y - 1, &f->prior_ytd);
#undef GET
	if ((f->has & FIG_VALUE) && (f->has & FIG_PRIOR) &&
	    dec_growth_tenths(f->value, f->prior, &f->growth) == 0)
		f->has |= FIG_GROWTH;
	if ((f->has & FIG_YTD) && (f->has & FIG_PRIOR_YTD) &&
	    dec_growth_tenths(f->ytd, f->prior_ytd, &f->ytd_growth) == 0)
		f->has |= FIG_YTD_GROWTH;
	/* 同口径: last year's values of the units in this year's scope. */
	if (d->scope && !d->formula) {
		r = figure_value(fc, ind, u, y - 1, p->first, p->last, y, &cprior, err);
		if (r < 0)
			return -1;
		if (r && (f->has & FIG_VALUE) && dec_growth_tenths(f->value, cprior, &f->cgrowth) == 0)
			f->has |= FIG_CGROWTH;
		r = figure_value(fc, ind, u, y - 1, 1, p->last, y, &cprior_ytd, err);
		if (r < 0)
			return -1;
		if (r && (f->has & FIG_YTD) && dec_growth_tenths(f->ytd, cprior_ytd, &f->ytd_cgrowth) == 0)
			f->has |= FIG_YTD_CGROWTH;
	} else {
		if (f->has & FIG_GROWTH) {
			f->cgrowth = f->growth;
			f->has |= FIG_CGROWTH;
		}
		if (f->has & FIG_YTD_GROWTH) {
			f->ytd_cgrowth = f->ytd_growth;
			f->has |= FIG_YTD_CGROWTH;
		}
	}
	r = target_of(fc, d, unit, y, &f->target, err);
	if (r < 0)
		return -1;
	if (r) {
		f->has |= FIG_TARGET;
		if ((f->has & FIG_YTD) && dec_percent_tenths(f->ytd, f->target, &f->completion) == 0) {
			f->has |= FIG_COMPLETION;
			f->elapsed = (p->last * 1000 + 6) / 12;   /* tenths, rounded */
			if (d->kind == IND_FLOW && f->target != 0) {
				/* completion ÷ (months elapsed ÷ 12) = ytd × 12 000 ÷ (target × months),
				 * in tenths of a percent, rounded once */
				__int128 num = (__int128)f->ytd * 12000, den = (__int128)f->target * p->last;
				int neg = (num < 0) != (den < 0);
				__int128 an = num < 0 ? -num : num, ad = den < 0 ? -den : den;
				__int128 q = an / ad;
				if ((an % ad) * 2 >= ad)
					q++;
				f->timeprop = (int64_t)(neg ? -q : q);
				f->has |= FIG_TIMEPROP;
			}
		}
	}
	/* Share of the parent and rank among siblings, by the period's value. */
	if (unit->parent >= 0 && (f->has & FIG_VALUE)) {
		const struct unit *par = &fc->units->v[unit->parent];
		dec pv;
		int rank = 1, n = 0;
		r = figure_value(fc, ind, (size_t)unit->parent, y, p->first, p->last, y, &pv, err);
		if (r < 0)
			return -1;
		if (r && dec_percent_tenths(f->value, pv, &f->share) == 0)
			f->has |= FIG_SHARE;
		for (size_t k = 0; k < par->nchildren; k++) {
			dec sv;
			r = figure_value(fc, ind, par->children[k], y, p->first, p->last, y, &sv, err);
			if (r < 0)
				return -1;
			if (!r)
				continue;
			n++;
			if (sv > f->value)
				rank++;
		}
		f->rank = rank;
		f->nsiblings = n;
		f->has |= FIG_RANK;
	}
	return 0;
}
