/* project_stats.c: the project office's figures for a unit and a period
 * (project_stats, see project_query.h): key (industrial) projects, planned
 * starts, started (on time, late), the start rate, investment against the
 * annual plan (completion, time-proportional completion), completed, in
 * production, all year to date at the period's end. Every figure is
 * calc/figure's (figure_get); nothing is counted or divided here. Reads
 * only. Depends on base, store, model, calc/figure; not on any front end. */
#include "project/project_part.h"
#include "base/xalloc.h"

#include <stdlib.h>
#include <string.h>

const char *const PROJECT_STAT_INDICATOR[PST_N] = {
	"key_projects", "planned_starts", "started", "started_on_time", "started_late", "start_rate",
	"key_inv_actual", "projects_completed", "projects_in_production",
};

int project_stats(const struct kfq_ctx *cx, struct kfq_db *db, const struct project_stats_req *req,
                  struct project_stats *out, struct kfq_err *err)
{
	struct project_reader r;
	const struct period *p = &req->period;
	long u, ind[PST_N];
	int rc = -1;

	(void)cx;   /* the figures depend on the period asked, not on today */
	memset(out, 0, sizeof *out);
	if (!p->year)
		return kfq_error(err, "project stats: --period is required (%s)", PERIOD_FORMS);
	if (project_reader_open(&r, db, err) < 0)
		return -1;
	out->money_decimals = r.money_decimals;
	if ((u = model_unit_or_root(&r.m, req->unit, err)) < 0)
		goto done;
	for (int k = 0; k < PST_N; k++)
		if ((ind[k] = indicators_find(&r.m.inds, PROJECT_STAT_INDICATOR[k])) < 0) {
			kfq_error(err, "project: no project figures yet (indicator \"%s\" is missing): "
			          "import projects first (kfq import projects FILE)",
			          PROJECT_STAT_INDICATOR[k]);
			goto done;
		}
	out->unit = xstrdup(r.m.units.v[u].code);
	out->unit_name = xstrdup(r.m.units.v[u].name);
	out->period = period_ytd(p);
	/* counts at the period's end: key projects are a level, the rest year to date */
	for (int k = 0; k < PST_N; k++) {
		const struct indicator *d = &r.m.inds.v[ind[k]];
		struct project_stat_value *v = &out->v[k];
		struct figure f;
		if (figure_get(&r.fc, (size_t)ind[k], (size_t)u, p, &f, err) < 0)
			goto done;
		v->shift = d->measure->shift;
		v->decimals = d->decimals;
		if ((v->has = (f.has & FIG_YTD) != 0))
			v->value = f.ytd;
		if (k != PST_INVESTMENT)
			continue;
		if (f.has & FIG_TARGET) {
			out->has |= PH_PLAN;
			out->plan = f.target;
		}
		if (f.has & FIG_COMPLETION) {
			out->has |= PH_COMPLETION;
			out->completion = f.completion;
		}
		if (f.has & FIG_TIMEPROP) {
			out->has |= PH_TIMEPROP;
			out->timeprop = f.timeprop;
		}
	}
	rc = 0;
done:
	project_reader_close(&r);
	return rc;
}

void project_stats_release(struct project_stats *s)
{
	free(s->unit);
	free(s->unit_name);
	memset(s, 0, sizeof *s);
}
