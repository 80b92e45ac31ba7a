/* bulletin.c: building the monthly bulletin (see bulletin.h).
 * Depends on base, store, model, calc, report/grid. */
#include "report/bulletin.h"

#include <stdio.h>
#include <stdlib.h>

#include "base/xalloc.h"

enum { B_UNIT, B_IND, B_MEASURE, B_YTD, B_GROWTH, B_CGROWTH, B_TARGET, B_COMPLETION,
       B_TIMEPROP, B_COVERAGE, B_NCOLS };

static const char *const KEYS[B_NCOLS] = {
	"unit", "indicator", "measure", "ytd", "growth", "comparable_growth", "target",
	"completion", "time_progress", "coverage",
};
static const char *const HEADS_ZH[B_NCOLS] = {
	"单位", "指标", "计量单位", "累计", "同比增长(%)", "同口径增长(%)", "年度目标",
	"完成(%)", "序时进度(%)", "已报/应报",
};
static const char *const HEADS_EN[B_NCOLS] = {
	"unit", "indicator", "measure", "year to date", "growth (%)", "comparable (%)",
	"annual target", "completion (%)", "vs time (%)", "reported",
};

void figure_format_value(const struct indicator *d, dec v, char *buf, size_t n)
{
	dec_format(v, d->measure->shift, d->decimals, buf, n);
}

static void tenths(struct grid *g, size_t col, int ok, int64_t t)
{
	char buf[32];
	if (!ok)
		return;
	dec_format_tenths(t, buf, sizeof buf);
	grid_set(g, col, buf);
}

static void add_row(const struct figure_ctx *fc, struct bulletin_opts *o, size_t u,
                    const struct indicator *d, const struct figure *f, struct grid *g)
{
	char buf[64];

	grid_row(g);
	grid_set(g, B_UNIT, fc->units->v[u].name);
	grid_set(g, B_IND, o->english && d->name_en[0] ? d->name_en : d->name_zh);
	grid_set(g, B_MEASURE, d->measure->name);
	if (f->has & FIG_YTD) {
		figure_format_value(d, f->ytd, buf, sizeof buf);
		grid_set(g, B_YTD, buf);
	}
	tenths(g, B_GROWTH, f->has & FIG_YTD_GROWTH, f->ytd_growth);
	tenths(g, B_CGROWTH, f->has & FIG_YTD_CGROWTH, f->ytd_cgrowth);
	if (f->has & FIG_TARGET) {
		figure_format_value(d, f->target, buf, sizeof buf);
		grid_set(g, B_TARGET, buf);
	}
	tenths(g, B_COMPLETION, f->has & FIG_COMPLETION, f->completion);
	tenths(g, B_TIMEPROP, f->has & FIG_TIMEPROP, f->timeprop);
	/* a partial year to date: how many of the units expected reported */
	if ((f->has & FIG_COVERAGE) && f->ytd_reported < f->expected) {
		grid_setf(g, B_COVERAGE, "%u/%u", (unsigned)f->ytd_reported, (unsigned)f->expected);
		o->partial++;
	}
}

int bulletin_build(struct figure_ctx *fc, struct bulletin_opts *o, struct grid *g,
                   struct kfq_err *err)
{
	const struct unit *unit = &fc->units->v[o->unit];
	size_t *order = xcalloc(fc->inds->n ? fc->inds->n : 1, sizeof *order), nind = 0;
	int rc = 0;

	/* Headline indicators in their bulletin order. */
	for (int pos = 1; pos < 100; pos++)
		for (size_t i = 0; i < fc->inds->n; i++)
			if (fc->inds->v[i].headline == pos)
				order[nind++] = i;
	grid_init(g, B_NCOLS, KEYS, o->english ? HEADS_EN : HEADS_ZH);
	o->partial = 0;
	for (int c = B_YTD; c < B_COVERAGE; c++)
		grid_numeric(g, (size_t)c);
	if (nind == 0) {
		free(order);
		return kfq_error(err, "no headline indicators: give some indicators a \"headline\" "
		                 "position (1, 2, ...) in the indicators file");
	}
	/* Indicator by indicator (each indicator's cubes are built once), then
	 * shown unit by unit. */
	{
		size_t nu = 1 + (o->children ? unit->nchildren : 0);
		struct figure *figs = xcalloc(nu * nind, sizeof *figs);
		for (size_t k = 0; rc == 0 && k < nind; k++)
			for (size_t j = 0; j < nu; j++) {
				size_t u = j == 0 ? o->unit : unit->children[j - 1];
				if (figure_get(fc, order[k], u, o->period, &figs[j * nind + k], err) < 0) {
					rc = -1;
					break;
				}
			}
		for (size_t j = 0; rc == 0 && j < nu; j++)
			for (size_t k = 0; k < nind; k++)
				add_row(fc, o, j == 0 ? o->unit : unit->children[j - 1], &fc->inds->v[order[k]],
				        &figs[j * nind + k], g);
		free(figs);
	}
	free(order);
	return rc;
}
