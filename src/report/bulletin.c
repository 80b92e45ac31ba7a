/* bulletin.c: building the monthly bulletin (see bulletin.h).
 * Depends on base, store, model, calc, quality/publish (revised figures), report/grid. */
#include "report/bulletin.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "quality/publish.h"

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
	o->partial = 0;
	if (nind == 0) {
		free(order);
		grid_init(g, B_COVERAGE, KEYS, o->english ? HEADS_EN : HEADS_ZH);
		return kfq_error(err, "no headline indicators: give some indicators a \"headline\" "
		                 "position (1, 2, ...) in the indicators file");
	}
	/* Indicator by indicator (each indicator's cubes are built once), then
	 * shown unit by unit; the column of counts only when a row is partial. */
	{
		size_t nu = 1 + (o->children ? unit->nchildren : 0), partial = 0;
		struct figure *figs = xcalloc(nu * nind, sizeof *figs);
		for (size_t k = 0; rc == 0 && k < nind; k++)
			for (size_t j = 0; j < nu; j++) {
				size_t u = j == 0 ? o->unit : unit->children[j - 1];
				struct figure *f = &figs[j * nind + k];
				if (figure_get(fc, order[k], u, o->period, f, err) < 0) {
					rc = -1;
					break;
				}
				if (o->notes) {
					/* the year to date shown, against what was published */
					struct period y = period_ytd(o->period);
					struct figure t = *f;
					t.has = f->has & FIG_YTD ? FIG_VALUE : 0;
					t.value = f->ytd;
					if (publish_note(fc->db, fc->units, fc->inds, order[k], u, &y, &t,
					                 !o->english, o->notes, err) < 0) {
						rc = -1;
						break;
					}
				}
				partial += (f->has & FIG_COVERAGE) && f->ytd_reported < f->expected;
			}
		grid_init(g, partial ? B_NCOLS : B_COVERAGE, KEYS, o->english ? HEADS_EN : HEADS_ZH);
		for (int c = B_YTD; c < B_COVERAGE; c++)
			grid_numeric(g, (size_t)c);
		for (size_t j = 0; rc == 0 && j < nu; j++)
			for (size_t k = 0; k < nind; k++)
				add_row(fc, o, j == 0 ? o->unit : unit->children[j - 1], &fc->inds->v[order[k]],
				        &figs[j * nind + k], g);
		free(figs);
	}
	free(order);
	return rc;
}

/* ---- the statistical report's sheet ---- */

enum { X_IND, X_MEASURE, X_MONTH, X_YTD, X_GROWTH, X_TARGET, X_COMPLETION, X_TIMEPROP, X_NCOLS };

static void sheet_num(struct bulletin_sheet *s, size_t col, const char *text, int places)
{
	size_t r = s->g.nrows - 1;
	grid_set(&s->g, col, text);
	s->decimals[r * X_NCOLS + col] = (signed char)places;
}

static void sheet_row(struct bulletin_sheet *s, int band)
{
	size_t r = grid_row(&s->g);
	s->band = xrealloc(s->band, (r + 1) * sizeof *s->band);
	s->decimals = xrealloc(s->decimals, (r + 1) * X_NCOLS * sizeof *s->decimals);
	s->band[r] = (unsigned char)band;
	memset(&s->decimals[r * X_NCOLS], -1, X_NCOLS);
}

int bulletin_sheet_build(struct figure_ctx *fc, const struct bulletin_opts *o,
                         struct bulletin_sheet *s, struct kfq_err *err)
{
	static const char *const KEYS_X[X_NCOLS] = { "indicator", "measure", "month", "ytd",
		"growth", "target", "completion", "time_progress" };
	const struct unit *unit = &fc->units->v[o->unit];
	struct period month = { o->period->year, PERIOD_MONTH, o->period->last, o->period->last };
	struct period ytd = period_ytd(o->period);
	char heads[X_NCOLS][32], buf[64], label[64];
	const char *hp[X_NCOLS];
	size_t nu = 1 + (o->children ? unit->nchildren : 0);
	int n = 0;

	memset(s, 0, sizeof *s);
	snprintf(heads[X_IND], sizeof heads[0], "指标名称");
	snprintf(heads[X_MEASURE], sizeof heads[0], "计量单位");
	snprintf(heads[X_MONTH], sizeof heads[0], "本月");
	if (o->period->last == 1)
		snprintf(heads[X_YTD], sizeof heads[0], "1月累计");
	else
		snprintf(heads[X_YTD], sizeof heads[0], "1-%d月累计", o->period->last);
	snprintf(heads[X_GROWTH], sizeof heads[0], "同比增长%%");
	snprintf(heads[X_TARGET], sizeof heads[0], "年度目标");
	snprintf(heads[X_COMPLETION], sizeof heads[0], "完成%%");
	snprintf(heads[X_TIMEPROP], sizeof heads[0], "序时进度%%");
	for (int c = 0; c < X_NCOLS; c++)
		hp[c] = heads[c];
	grid_init(&s->g, X_NCOLS, KEYS_X, hp);
	for (int c = X_MONTH; c < X_NCOLS; c++)
		grid_numeric(&s->g, (size_t)c);
	period_label_zh(&ytd, label, sizeof label);
	snprintf(s->title, sizeof s->title, "%s主要经济指标完成情况", unit->name);
	snprintf(s->subtitle, sizeof s->subtitle, "%s", label);
	for (size_t j = 0; j < nu; j++) {
		size_t u = j == 0 ? o->unit : unit->children[j - 1];
		sheet_row(s, 1);
		grid_set(&s->g, X_IND, fc->units->v[u].name);
		for (int pos = 1; pos < 100; pos++)
			for (size_t i = 0; i < fc->inds->n; i++) {
				const struct indicator *d = &fc->inds->v[i];
				struct figure f;
				if (d->headline != pos)
					continue;
				if (figure_get(fc, i, u, &month, &f, err) < 0) {
					bulletin_sheet_release(s);
					return -1;
				}
				n++;
				sheet_row(s, 0);
				grid_set(&s->g, X_IND, d->name_zh);
				grid_set(&s->g, X_MEASURE, d->measure->name);
#define VAL(bit, col, v) if (f.has & (bit)) { \
		figure_format_value(d, (v), buf, sizeof buf); sheet_num(s, (col), buf, d->decimals); }
#define PCT(bit, col, t) if (f.has & (bit)) { \
		dec_format_tenths((t), buf, sizeof buf); sheet_num(s, (col), buf, 1); }
				VAL(FIG_VALUE, X_MONTH, f.value);
				VAL(FIG_YTD, X_YTD, f.ytd);
				PCT(FIG_YTD_GROWTH, X_GROWTH, f.ytd_growth);
				VAL(FIG_TARGET, X_TARGET, f.target);
				PCT(FIG_COMPLETION, X_COMPLETION, f.completion);
				PCT(FIG_TIMEPROP, X_TIMEPROP, f.timeprop);
#undef VAL
#undef PCT
			}
	}
	if (n == 0) {
		bulletin_sheet_release(s);
		return kfq_error(err, "no headline indicators: give some indicators a \"headline\" "
		                 "position (1, 2, ...) in the indicators file");
	}
	period_label_zh(&ytd, label, sizeof label);
	snprintf(s->notes[0], sizeof s->notes[0], "注：1. 本月为%d年%d月当月数，累计为%s累计数；"
	         "同比增长为累计数比上年同期。", o->period->year, o->period->last, label);
	snprintf(s->notes[1], sizeof s->notes[1], "2. 完成%%为累计数占年度目标的比重；序时进度为完成%%"
	         "除以时间进度（%d/12），100为按序时完成。", o->period->last);
	snprintf(s->notes[2], sizeof s->notes[2], "3. 空格为本期无数据（如按季度核算的指标）。"
	         "数据来源：kfq（kfq bulletin --period %d年1-%d月）。", o->period->year,
	         o->period->last);
	s->nnotes = 3;
	return 0;
}

void bulletin_sheet_release(struct bulletin_sheet *s)
{
	grid_release(&s->g);
	free(s->band);
	free(s->decimals);
	s->band = NULL;
	s->decimals = NULL;
}
