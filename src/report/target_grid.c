/* target_grid.c: a unit's targets beside the year to date (see
 * target_grid.h). */
#include "report/target_grid.h"
#include "base/xalloc.h"
#include "calc/figure.h"
#include "calc/rollup.h"
#include "model/obs.h"

#include <stdlib.h>
#include <string.h>

enum { T_UNIT, T_IND, T_MEASURE, T_YEAR, T_TARGET, T_SOURCE, T_PERIOD, T_YTD, T_COMPLETION,
       T_TIMEPROP, T_VERSION, T_NCOLS };
static const char *const KEYS[T_NCOLS] = {
	"unit", "indicator", "measure", "year", "target", "source", "period", "ytd", "completion",
	"time_progress", "version",
};
static const char *const HEADS[T_NCOLS] = {
	"单位", "指标", "计量单位", "年度", "目标", "目标来源", "累计期间", "累计", "完成(%)",
	"序时进度(%)", "版本",
};

/* The latest month of year with data of indicator ind; for a formula, the
 * earliest of its inputs' latest months (all of them are there). 0: none. */
static int latest_month(struct kfq_db *db, const struct indicator_set *inds, size_t ind,
                        int year, int depth, int *month, struct kfq_err *err)
{
	const struct indicator *d = &inds->v[ind];
	const char *const *codes;
	size_t n;
	int found = 0;

	if (!d->formula)
		return rollup_latest_month(db, d->id, year, month, err);
	if (depth > 8)
		return 0;
	n = formula_codes(d->formula, &codes);
	for (size_t k = 0; k < n; k++) {
		long i = indicators_find(inds, codes[k]);
		int m = 0, r;
		if (i < 0)
			return 0;
		if ((r = latest_month(db, inds, (size_t)i, year, depth + 1, &m, err)) <= 0)
			return r;
		if (!found || m < *month)
			*month = m;
		found = 1;
	}
	return found;
}

static void tenths(struct grid *g, size_t col, int ok, int64_t t)
{
	char buf[32];
	if (ok) {
		dec_format_tenths(t, buf, sizeof buf);
		grid_set(g, col, buf);
	}
}

static int add_row(struct figure_ctx *fc, size_t ind, const struct target_opts *o,
                   struct grid *g, struct kfq_err *err)
{
	const struct indicator *d = &fc->inds->v[ind];
	const struct unit *u = &fc->units->v[o->unit];
	struct period p = { .kind = PERIOD_YEAR, .year = o->year, .first = 1, .last = 12 };
	struct figure f;
	char buf[64];
	int month = 0, r;

	if ((r = latest_month(fc->db, fc->inds, ind, o->year, 0, &month, err)) < 0)
		return -1;
	if (r) {
		p.last = month;
		p.kind = month == 12 ? PERIOD_YEAR : PERIOD_YTD;
	}
	if (figure_get(fc, ind, o->unit, &p, &f, err) < 0)
		return -1;
	if (!d->headline && !(f.has & FIG_TARGET))
		return 0;
	grid_row(g);
	grid_set(g, T_UNIT, o->names ? u->name : u->code);
	grid_set(g, T_IND, o->names ? d->name_zh : d->code);
	grid_set(g, T_MEASURE, d->measure->name);
	grid_setf(g, T_YEAR, "%d", o->year);
	if (f.has & FIG_TARGET) {
		dec_format(f.target, d->measure->shift, d->decimals, buf, sizeof buf);
		grid_set(g, T_TARGET, buf);
		grid_set(g, T_SOURCE, f.has & FIG_TARGET_OWN ? (o->names ? "本单位" : "own")
		                                              : (o->names ? "下级合计" : "children"));
	}
	if (r) {
		period_format(&p, buf, sizeof buf);
		grid_set(g, T_PERIOD, buf);
	}
	if (f.has & FIG_YTD) {
		dec_format(f.ytd, d->measure->shift, d->decimals, buf, sizeof buf);
		grid_set(g, T_YTD, buf);
	}
	tenths(g, T_COMPLETION, f.has & FIG_COMPLETION, f.completion);
	tenths(g, T_TIMEPROP, f.has & FIG_TIMEPROP, f.timeprop);
	if (o->versions) {
		dec own = 0;
		if ((r = target_get(fc->db, d->id, u->id, o->year, &own, err)) < 0)
			return -1;
		if (r)
			grid_setf(g, T_VERSION, "v%lld", (long long)own);
		else
			grid_set(g, T_VERSION, "none");
	}
	return 0;
}

int target_grid_build(struct kfq_db *db, const struct kfq_model *m, const struct target_opts *o,
                      struct grid *g, struct kfq_err *err)
{
	const struct indicator_set *inds = &m->inds;
	size_t *order = xcalloc(inds->n ? inds->n : 1, sizeof *order), n = 0;
	unsigned char *with = xcalloc(inds->n ? inds->n : 1, 1);
	struct figure_ctx fc;
	int64_t *ids;
	size_t nids;
	int rc = 0;

	if (target_indicators(db, o->year, &ids, &nids, err) < 0) {
		free(order);
		free(with);
		return -1;
	}
	for (size_t i = 0; i < inds->n; i++)
		for (size_t k = 0; k < nids; k++)
			if (inds->v[i].id == ids[k])
				with[i] = 1;
	free(ids);
	/* the headline indicators in their bulletin order, then the others with
	   a target somewhere that year, by code */
	for (int pos = 1; pos < 100; pos++)
		for (size_t i = 0; i < inds->n; i++)
			if (inds->v[i].headline == pos)
				order[n++] = i;
	for (size_t i = 0; i < inds->n; i++)
		if (with[i] && (inds->v[i].headline < 1 || inds->v[i].headline >= 100))
			order[n++] = i;
	free(with);
	grid_init(g, o->versions ? T_NCOLS : T_VERSION, KEYS, o->names ? HEADS : KEYS);
	grid_numeric(g, T_YEAR);
	grid_numeric(g, T_TARGET);
	grid_numeric(g, T_YTD);
	grid_numeric(g, T_COMPLETION);
	grid_numeric(g, T_TIMEPROP);
	figure_ctx_init(&fc, db, &m->units, &m->inds);
	for (size_t k = 0; rc == 0 && k < n; k++)
		rc = add_row(&fc, order[k], o, g, err);
	figure_ctx_release(&fc);
	free(order);
	if (rc < 0)
		grid_release(g);
	return rc;
}
