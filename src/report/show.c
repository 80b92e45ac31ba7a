/* show.c: the figures of one indicator as a grid (see show.h). */
#include "report/show.h"
#include "model/obs.h"
#include "quality/publish.h"

#include <string.h>

enum { S_UNIT, S_IND, S_PERIOD, S_MEASURE, S_VALUE, S_YTD, S_PRIOR, S_GROWTH, S_CGROWTH,
       S_TARGET, S_COMPLETION, S_RANK, S_SHARE, S_REPORTED, S_EXPECTED, S_NCOLS };
static const char *const KEYS[S_NCOLS] = {
	"unit", "indicator", "period", "measure", "value", "ytd", "prior", "growth",
	"comparable_growth", "target", "completion", "rank", "share", "reported", "expected",
};
static const char *const HEADS[S_NCOLS] = {
	"单位", "指标", "期间", "计量单位", "本期", "累计", "上年同期", "同比(%)", "同口径(%)",
	"目标", "完成(%)", "位次", "占比(%)", "已报", "应报",
};

static void put_tenths(struct grid *g, size_t col, int ok, int64_t t)
{
	char buf[32];
	if (ok) {
		dec_format_tenths(t, buf, sizeof buf);
		grid_set(g, col, buf);
	}
}

static int add_row(struct figure_ctx *fc, size_t ind, size_t u, const struct period *p,
                   const struct measure *m, const struct show_opts *o, struct grid *g,
                   struct kfq_err *err)
{
	const struct indicator *d = &fc->inds->v[ind];
	struct figure fig;
	char buf[64];

	if (figure_get(fc, ind, u, p, &fig, err) < 0)
		return -1;
	grid_row(g);
	grid_set(g, S_UNIT, o->names ? fc->units->v[u].name : fc->units->v[u].code);
	grid_set(g, S_IND, o->names ? d->name_zh : d->code);
	period_format(p, buf, sizeof buf);
	grid_set(g, S_PERIOD, buf);
	grid_set(g, S_MEASURE, m->name);
#define VAL(bit, col, v) if (fig.has & (bit)) { \
		dec_format((v), m->shift, d->decimals, buf, sizeof buf); grid_set(g, (col), buf); }
	VAL(FIG_VALUE, S_VALUE, fig.value);
	VAL(FIG_YTD, S_YTD, fig.ytd);
	VAL(FIG_PRIOR, S_PRIOR, fig.prior);
	VAL(FIG_TARGET, S_TARGET, fig.target);
#undef VAL
	put_tenths(g, S_GROWTH, fig.has & FIG_GROWTH, fig.growth);
	put_tenths(g, S_CGROWTH, fig.has & FIG_CGROWTH, fig.cgrowth);
	put_tenths(g, S_COMPLETION, fig.has & FIG_COMPLETION, fig.completion);
	if (fig.has & FIG_RANK)
		grid_setf(g, S_RANK, "%d", fig.rank);
	/* how many of the units expected to report the period's value did */
	if ((fig.has & FIG_COVERAGE) && fig.expected) {
		grid_setf(g, S_REPORTED, "%u", (unsigned)fig.reported);
		grid_setf(g, S_EXPECTED, "%u", (unsigned)fig.expected);
	}
	put_tenths(g, S_SHARE, fig.has & FIG_SHARE, fig.share);
	if (o->notes)
		return publish_note(fc->db, fc->units, fc->inds, ind, u, p, &fig, o->zh_notes,
		                    o->notes, err);
	return 0;
}

int show_build(struct kfq_db *db, const struct kfq_model *m, const struct show_opts *o,
               struct grid *g, struct kfq_err *err)
{
	struct figure_ctx fc;
	struct period p = o->period;
	const struct measure *meas;
	long ind;
	int rc = 0;

	if ((ind = indicators_need(&m->inds, o->indicator, err)) < 0)
		return -1;
	if (!p.year) {
		/* the latest data: the year to date at its latest month */
		int found = obs_latest_period_of(db, &m->inds, (size_t)ind, &p, err);
		if (found < 0)
			return -1;
		if (!found)
			return kfq_error_field(err, "period", "indicator \"%s\" has no data yet; "
			                       "give the period", m->inds.v[ind].code);
	}
	meas = m->inds.v[ind].measure;
	if (o->measure) {
		const struct measure *want = measure_find(o->measure, err);
		if (!want || measure_compatible(meas, want, err) < 0)
			return -1;
		meas = want;
	}
	figure_ctx_init(&fc, db, &m->units, &m->inds);
	fc.partial_ratios = o->partial_ratios;
	grid_init(g, S_NCOLS, KEYS, o->names ? HEADS : KEYS);
	for (int k = S_VALUE; k < (int)g->ncols; k++)
		if (k != S_RANK || !o->names)
			grid_numeric(g, (size_t)k);
	rc = add_row(&fc, (size_t)ind, o->unit, &p, meas, o, g, err);
	for (size_t k = 0; rc == 0 && o->children && k < m->units.v[o->unit].nchildren; k++)
		rc = add_row(&fc, (size_t)ind, m->units.v[o->unit].children[k], &p, meas, o, g, err);
	figure_ctx_release(&fc);
	if (rc < 0)
		grid_release(g);
	return rc;
}
