/* figure.c: computing figures from cubes and formulas (see figure.h).
 * Depends on base, store, model, calc/cube, calc/formula. */
#include "calc/figure.h"
#include "base/formula.h"
#include "calc/rollup.h"
#include "base/xalloc.h"

#include <stdlib.h>

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
	free(fc->tc.v);
	free(fc->tc.st);
	fc->tc.v = NULL;
	fc->tc.st = NULL;
	fc->tc.ind = NULL;
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
	switch (fc->whole ? 0 : rollup_cube(fc->db, fc->units, ind, year, scope_year, out, err)) {
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

void figure_shift(unsigned fn, int *year, int *first, int *last)
{
	if (fn & FORMULA_PREV) {
		int len = *last - *first + 1;
		if (*first == 1 && *last == 12) {
			(*year)--;                      /* a year: the year before */
		} else if (*first == 1 && *last > 1 && len != 3) {
			/* a year to date: at the month before (1-3月 is read as Q1) */
			(*last)--;
		} else if (*first > len) {
			*first -= len;                  /* a month, a quarter: the one before */
			*last -= len;
		} else {
			(*year)--;                      /* January, Q1, 1-1月: December's, Q4 */
			*first += 12 - len;
			*last += 12 - len;
		}
	}
	if (fn & FORMULA_YTD)
		*first = 1;
	if (fn & FORMULA_PRIOR)
		(*year)--;
}

static int lookup(void *ctx, const char *code, enum formula_fn fn, dec *out, struct kfq_err *err)
{
	struct fctx *x = ctx;
	long i = indicators_need(x->fc->inds, code, err);
	int r, year = x->year, first = x->first, last = x->last;
	if (i < 0)
		return -1;
	figure_shift((unsigned)fn, &year, &first, &last);
	r = figure_value(x->fc, (size_t)i, x->u, year, first, last, x->scope_year, out, err);
	return r < 0 ? -1 : r == 1 ? 0 : 1;
}

/* A formula's value, rounded to `places` of the base unit: 1 with *v, 0
 * none, -1 on error. */
static int formula_value(struct figure_ctx *fc, const struct indicator *d, size_t u, int year,
                         int first, int last, int scope_year, int places, dec *v,
                         struct kfq_err *err)
{
	struct fctx x = { fc, u, year, first, last, scope_year };
	int r;
	if (fc->depth > 16)
		return kfq_error(err, "formula of \"%s\" nests too deeply (a cycle?)", d->code);
	fc->depth++;
	r = formula_eval(d->formula, lookup, &x, places, v, err);
	fc->depth--;
	return r < 0 ? -1 : r == 0;
}

int figure_value(struct figure_ctx *fc, size_t ind, size_t u, int year, int first, int last,
                 int scope_year, dec *v, struct kfq_err *err)
{
	const struct indicator *d = &fc->inds->v[ind];
	struct cube *cb;
	int r;

	if (d->formula)
		return formula_value(fc, d, u, year, first, last, scope_year,
		                     formula_places(d->decimals, d->measure->shift), v, err);
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

/* A formula's coverage: that of each input as the formula reads it (its
 * period functions applied), the first partial one's, else the first
 * input's. The formula is evaluated with each input standing for a
 * distinct power of 3 (so that no difference of inputs is zero and every
 * input is read); its result is not used. */
struct cover {
	struct figure_ctx *fc;
	size_t u;
	int year, first, last, n;
	int any, partial;
	uint32_t reported, expected;
	int failed;              /* a look-up failed: err says why */
	struct kfq_err *err;
};

static int cover_lookup(void *ctx, const char *code, enum formula_fn fn, dec *out,
                        struct kfq_err *err)
{
	struct cover *x = ctx;
	long i = indicators_need(x->fc->inds, code, x->err);
	int year = x->year, first = x->first, last = x->last;
	uint32_t r, e;
	dec v = 1;
	(void)err;
	figure_shift((unsigned)fn, &year, &first, &last);
	if (i < 0 ||
	    figure_coverage(x->fc, (size_t)i, x->u, year, first, last, &r, &e, x->err) < 0) {
		x->failed = 1;
		return -1;
	}
	if (!x->any || (!x->partial && r < e)) {
		x->any = 1;
		x->partial = r < e;
		x->reported = r;
		x->expected = e;
	}
	for (int k = 0; k < x->n % 20; k++)
		v *= 3;
	x->n++;
	*out = v * DEC_ONE;
	return 0;
}

static int formula_coverage(struct figure_ctx *fc, const struct indicator *d, size_t u, int year,
                            int first, int last, uint32_t *reported, uint32_t *expected,
                            struct kfq_err *err)
{
	struct cover x = { fc, u, year, first, last, 0, 0, 0, 0, 0, 0, err };
	struct kfq_err eval = { 0 };   /* the stand-in result's overflow or division by zero */
	dec ignored;
	if (fc->depth > 16)
		return kfq_error(err, "formula of \"%s\" nests too deeply (a cycle?)", d->code);
	fc->depth++;
	formula_eval(d->formula, cover_lookup, &x, 0, &ignored, &eval);
	fc->depth--;
	if (x.failed)
		return -1;
	*reported = x.reported;
	*expected = x.expected;
	return 0;
}

int figure_coverage(struct figure_ctx *fc, size_t ind, size_t u, int year, int first, int last,
                    uint32_t *reported, uint32_t *expected, struct kfq_err *err)
{
	const struct indicator *d = &fc->inds->v[ind];
	struct cube *cb;

	*reported = *expected = 0;
	if (d->formula)
		return formula_coverage(fc, d, u, year, first, last, reported, expected, err);
	if (get_cube(fc, d, year, year, &cb, err) < 0)
		return -1;
	if (cube_coverage(cb, u, first, last, reported, expected) < 0) {
		if (cb->fault[0])
			return kfq_fault(err, "%s", cb->fault);
		return kfq_error(err, "indicator \"%s\": the total of unit \"%s\" in %d does not fit in "
		                 "kfq's exact figures", d->code, cb->overflow_unit, year);
	}
	return 0;
}

/* The target of root when it is not known yet (tc.st 0): its own was read
 * (st 1); a unit without is the sum of its children's (st 3) or has none
 * (st 2), each computed the first time it is asked for, deepest first
 * (iteratively), and kept. Only root's subtree is visited, and in it only
 * the units not known yet: a bulletin of the province's zones sums no
 * enterprise's. Returns -1 on overflow. */
static int sum_targets(struct figure_ctx *fc, size_t root)
{
	const struct unit_set *us = fc->units;
	unsigned char *st = fc->tc.st;
	size_t *stack = NULL, top = 0, cap = 0;
	int rc = 0;

	if (st[root])
		return 0;
	XGROW(stack, 1, cap);
	stack[top++] = root;
	while (top > 0 && rc == 0) {
		size_t x = stack[top - 1];
		const struct unit *ux = &us->v[x];
		int pending = 0;
		if (st[x]) {   /* (known: reached twice before it was done) */
			top--;
			continue;
		}
		for (size_t k = 0; k < ux->nchildren; k++)
			if (!st[ux->children[k]]) {
				XGROW(stack, top + 1, cap);
				stack[top++] = ux->children[k];
				pending = 1;
			}
		if (pending)
			continue;
		top--;
		for (size_t k = 0; k < ux->nchildren; k++) {
			size_t ch = ux->children[k];
			if (st[ch] != 1 && st[ch] != 3)
				continue;
			if (st[x] != 3) {
				fc->tc.v[x] = fc->tc.v[ch];
				st[x] = 3;
			} else if (dec_add(fc->tc.v[x], fc->tc.v[ch], &fc->tc.v[x]) < 0) {
				rc = -1;
			}
		}
		if (st[x] != 3)
			st[x] = 2;
	}
	free(stack);
	return rc;
}

/* Load every target of (ind, year) once. */
static int load_targets(struct figure_ctx *fc, const struct indicator *d, int year,
                        struct kfq_err *err)
{
	static const char SQL[] = "SELECT unit_id, value FROM target WHERE ind_id = ? AND year = ?";
	const struct unit_set *us = fc->units;
	struct kfq_stmt *st;
	int rc;

	free(fc->tc.v);
	free(fc->tc.st);
	fc->tc.v = xcalloc(us->n ? us->n : 1, sizeof *fc->tc.v);
	fc->tc.st = xcalloc(us->n ? us->n : 1, 1);
	fc->tc.ind = d;
	fc->tc.year = year;
	if (db_cached(fc->db, SQL, &st, err) < 0)
		goto fail;
	st_bind_i64(st, 1, d->id);
	st_bind_int(st, 2, year);
	while ((rc = st_step(st)) == ST_ROW) {
		int64_t id = st_i64(st, 0);
		if (id >= 0 && id <= us->max_id && us->by_id[id] >= 0) {
			fc->tc.v[us->by_id[id]] = st_i64(st, 1);
			fc->tc.st[us->by_id[id]] = 1;
		}
	}
	if (rc != ST_DONE)
		db_fault(fc->db, err, "reading targets");
	st_reset(st);
	if (rc == ST_DONE)
		return 0;   /* units without their own: summed when asked (sum_targets) */
fail:
	fc->tc.ind = NULL;
	return -1;
}

/* 1 with *v: u's own target; 2: its children's sum; 0: none. */
static int target_of(struct figure_ctx *fc, const struct indicator *d, size_t u, int year,
                     dec *v, struct kfq_err *err)
{
	if (fc->tc.ind != d || fc->tc.year != year)
		if (load_targets(fc, d, year, err) < 0)
			return -1;
	if (sum_targets(fc, u) < 0) {
		fc->tc.ind = NULL;   /* (a sum half made: read again next time) */
		return kfq_error(err, "indicator \"%s\": the targets under \"%s\" in %d do not add up "
		                 "within kfq's exact figures", d->code, fc->units->v[u].code, year);
	}
	if (fc->tc.st[u] != 1 && fc->tc.st[u] != 3)
		return 0;
	*v = fc->tc.v[u];
	return fc->tc.st[u] == 1 ? 1 : 2;
}

int64_t figure_elapsed_tenths(int last)
{
	return ((int64_t)last * 1000 + 6) / 12;   /* tenths, rounded */
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
	{
		uint32_t e2;
		if (figure_coverage(fc, ind, u, y, p->first, p->last, &f->reported, &f->expected,
		                    err) < 0 ||
		    figure_coverage(fc, ind, u, y, 1, p->last, &f->ytd_reported, &e2, err) < 0)
			return -1;
		f->has |= FIG_COVERAGE;
		/* a formula's year to date may lean on another input than its
		 * value: partial against the value's count when it is partial */
		if (e2 != f->expected)
			f->ytd_reported = f->ytd_reported >= e2 ? f->expected
			                  : f->expected ? f->expected - 1 : 0;
	}
	/* A formula of partial inputs other than a sum of them (a ratio, a
	 * growth: it compares what is partial with what is not) is withheld
	 * like a growth, unless asked for. */
	if (d->formula && formula_degree(d->formula) != 1 && !fc->partial_ratios) {
		if (f->reported < f->expected)
			f->has &= ~(unsigned)FIG_VALUE;
		if (f->ytd_reported < f->expected)
			f->has &= ~(unsigned)FIG_YTD;
	}
	if (d->formula) {
		/* growth of a formula from its exact values, not from those
		 * rounded to its decimals: rounded once */
		dec xv = 0, xp = 0, xy = 0, xpy = 0;
		int places = DEC_SCALE;
		if ((f->has & FIG_VALUE) && (f->has & FIG_PRIOR) &&
		    (formula_value(fc, d, u, y, p->first, p->last, y, places, &xv, err) < 0 ||
		     formula_value(fc, d, u, y - 1, p->first, p->last, y - 1, places, &xp, err) < 0))
			return -1;
		if ((f->has & FIG_YTD) && (f->has & FIG_PRIOR_YTD) &&
		    (formula_value(fc, d, u, y, 1, p->last, y, places, &xy, err) < 0 ||
		     formula_value(fc, d, u, y - 1, 1, p->last, y - 1, places, &xpy, err) < 0))
			return -1;
		if ((f->has & FIG_VALUE) && (f->has & FIG_PRIOR) &&
		    dec_growth_tenths(xv, xp, &f->growth) == 0)
			f->has |= FIG_GROWTH;
		if ((f->has & FIG_YTD) && (f->has & FIG_PRIOR_YTD) &&
		    dec_growth_tenths(xy, xpy, &f->ytd_growth) == 0)
			f->has |= FIG_YTD_GROWTH;
	} else {
		if ((f->has & FIG_VALUE) && (f->has & FIG_PRIOR) &&
		    dec_growth_tenths(f->value, f->prior, &f->growth) == 0)
			f->has |= FIG_GROWTH;
		if ((f->has & FIG_YTD) && (f->has & FIG_PRIOR_YTD) &&
		    dec_growth_tenths(f->ytd, f->prior_ytd, &f->ytd_growth) == 0)
			f->has |= FIG_YTD_GROWTH;
	}
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
	if ((f->has & FIG_COVERAGE) && !fc->partial_ratios) {
		if (f->reported < f->expected)
			f->has &= ~(unsigned)(FIG_GROWTH | FIG_CGROWTH);
		if (f->ytd_reported < f->expected)
			f->has &= ~(unsigned)(FIG_YTD_GROWTH | FIG_YTD_CGROWTH);
	}
	r = target_of(fc, d, u, y, &f->target, err);
	if (r < 0)
		return -1;
	if (r) {
		int whole = !(f->has & FIG_COVERAGE) || fc->partial_ratios ||
		            f->ytd_reported >= f->expected;
		f->has |= FIG_TARGET | (r == 1 ? FIG_TARGET_OWN : 0);
		if (whole && (f->has & FIG_YTD) && dec_percent_tenths(f->ytd, f->target, &f->completion) == 0) {
			f->has |= FIG_COMPLETION;
			f->elapsed = figure_elapsed_tenths(p->last);
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
	/* Share of the parent (of a sum: a park's part of the zone's total,
	 * not of its mean or its rate) and rank among siblings, by the
	 * period's value. */
	if (unit->parent >= 0 && (f->has & FIG_VALUE)) {
		const struct unit *par = &fc->units->v[unit->parent];
		dec pv;
		int rank = 1, n = 0;
		if (d->agg == AGG_SUM && (!d->formula || formula_degree(d->formula) == 1)) {
			r = figure_value(fc, ind, (size_t)unit->parent, y, p->first, p->last, y, &pv, err);
			if (r < 0)
				return -1;
			if (r && dec_percent_tenths(f->value, pv, &f->share) == 0)
				f->has |= FIG_SHARE;
		}
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
