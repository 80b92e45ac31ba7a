/* tmpl_table.c: the tables a report template can hold ({{table NAME}},
 * docs/reports.md): the bulletin, the parks ranked on an indicator, the
 * lagging key projects, and the modules' figures as their commands print
 * them for people. Each is the grid its command builds (report/<module>_grid.c,
 * report/bulletin.c, report/show.c), or, for the parks and the lagging
 * projects, that grid's rows reordered or a query's rows laid out: no
 * figure is computed here. Depends on base, model, calc, the domain
 * queries and report. */
#include "report/tmpl_part.h"

#include <stdlib.h>
#include <string.h>

#include "assess/assess.h"
#include "base/sbuf.h"
#include "base/xalloc.h"
#include "case/case.h"
#include "case/case_query.h"
#include "index/ixcalc.h"
#include "lead/lead_query.h"
#include "project/project_query.h"
#include "report/assess_grid.h"
#include "report/bulletin.h"
#include "report/case_grid.h"
#include "report/index_grid.h"
#include "report/lead_grid.h"
#include "report/project_grid.h"
#include "report/show.h"

#define TABLES "bulletin, parks INDICATOR, lagging, projects, leads, cases, visits, index " \
               "or assess SCHEME"

/* The parks (the unit's children) ranked on indicator ind: show.c's rows
 * of the children in the order of its rank column. */
static int parks_table(struct teval *e, const char *ind, struct grid *g, struct kfq_err *err)
{
	static const char *const KEEP[] = { "unit", "ytd", "growth", "target", "completion", "share",
	                                    "rank" };
	struct show_opts so = { ind, e->o.unit, e->o.period, NULL, 1, 1, 1, NULL, 0 };
	struct grid sg;
	long cols[7];
	const char *heads[7];
	size_t *order;
	if (show_build(e->db, e->m, &so, &sg, err) < 0)
		return -1;
	for (int k = 0; k < 7; k++) {
		cols[k] = -1;
		for (size_t c = 0; c < sg.ncols; c++)
			if (strcmp(sg.keys[c], KEEP[k]) == 0)
				cols[k] = (long)c;
		heads[k] = cols[k] >= 0 ? sg.heads[cols[k]] : KEEP[k];
	}
	grid_init(g, 7, KEEP, heads);
	for (int k = 1; k < 7; k++)
		grid_numeric(g, (size_t)k);
	order = xcalloc(sg.nrows ? sg.nrows : 1, sizeof *order);
	for (size_t r = 1; r < sg.nrows; r++)
		order[r - 1] = r;
	/* insertion sort on the rank column (a park without a rank last) */
	for (size_t i = 1; i + 1 < sg.nrows; i++)
		for (size_t j = i; j > 0; j--) {
			const char *a = sg.cells[order[j - 1] * sg.ncols + (size_t)cols[6]];
			const char *b = sg.cells[order[j] * sg.ncols + (size_t)cols[6]];
			long ra = a ? atol(a) : 1L << 30, rb = b ? atol(b) : 1L << 30;
			if (ra <= rb)
				break;
			size_t t = order[j];
			order[j] = order[j - 1];
			order[j - 1] = t;
		}
	for (size_t i = 0; i + 1 < sg.nrows; i++) {
		grid_row(g);
		for (int k = 0; k < 7; k++)
			if (cols[k] >= 0)
				grid_set(g, (size_t)k, sg.cells[order[i] * sg.ncols + (size_t)cols[k]]);
	}
	free(order);
	grid_release(&sg);
	return 0;
}

/* The key projects not started or behind schedule at the period's end:
 * kfq project warn --date on the day after it, which judges the months that
 * have ended (its threshold of 10 points). */
static int lagging_table(struct teval *e, struct grid *g, struct kfq_err *err)
{
	static const char *const KEYS[] = { "code", "name", "park", "warning", "completion",
	                                    "elapsed", "plan" };
	static const char *const HEADS[] = { "项目代码", "项目名称", "所在园区", "预警",
	                                     "完成年度计划(%)", "序时(%)", "年度计划(亿元)" };
	const struct period *p = &e->o.period;
	struct project_warnings_req rq = { e->m->units.v[e->o.unit].code,
	                                   { p->last == 12 ? p->year + 1 : p->year,
	                                     p->last == 12 ? 1 : p->last + 1, 1 }, 10 };
	struct project_warnings w;
	char buf[32];
	memset(&w, 0, sizeof w);
	if (project_warnings(e->cx, e->db, &rq, &w, err) < 0) {
		project_warnings_release(&w);
		return -1;
	}
	grid_init(g, 7, KEYS, HEADS);
	for (size_t c = 4; c < 7; c++)
		grid_numeric(g, c);
	for (size_t i = 0; i < w.n; i++) {
		const struct project_warning *x = &w.v[i];
		if (x->kind != PW_NOT_STARTED && x->kind != PW_BEHIND)
			continue;
		grid_row(g);
		grid_set(g, 0, x->code);
		grid_set(g, 1, x->name);
		grid_set(g, 2, x->park_name);
		grid_set(g, 3, PROJECT_WARNING_KIND_ZH[x->kind]);
		if (x->kind == PW_BEHIND) {
			dec_format_tenths(x->completion, buf, sizeof buf);
			grid_set(g, 4, buf);
			dec_format_tenths(x->elapsed, buf, sizeof buf);
			grid_set(g, 5, buf);
			project_put_money(g, 6, x->plan, 2);
		}
	}
	project_warnings_release(&w);
	return 0;
}

int tref_table(struct teval *e, char **w, size_t nw, struct grid *g, char **ref, char **explain,
               struct kfq_err *err)
{
	const char *name = nw ? w[0] : "";
	const char *code = e->m->units.v[e->o.unit].code;
	const struct period *p = &e->o.period;
	char pf[32];
	int rc = 0;

	period_format(p, pf, sizeof pf);
	if (strcmp(name, "bulletin") == 0 && nw == 1) {
		struct bulletin_opts bo = { p, e->o.unit, 0, 1, 0, NULL };
		rc = bulletin_build(&e->fc, &bo, g, err);
		*explain = xasprintf("kfq bulletin --unit %s --period %s", code, pf);
	} else if (strcmp(name, "parks") == 0 && nw == 2) {
		if (indicators_find(&e->m->inds, w[1]) < 0) {
			char what[160];
			snprintf(what, sizeof what, "unknown indicator \"%s\"", w[1]);
			return teval_error(e, err, what, "an indicator's code: {{table parks taxable_sales}}");
		}
		rc = parks_table(e, w[1], g, err);
		*explain = xasprintf("kfq show %s --unit %s --period %s --by children", w[1], code, pf);
	} else if (strcmp(name, "lagging") == 0 && nw == 1) {
		rc = lagging_table(e, g, err);
		*explain = xasprintf("kfq project warn --unit %s --date %04d-%02d-01", code,
		                     p->last == 12 ? p->year + 1 : p->year, p->last == 12 ? 1 : p->last + 1);
	} else if (strcmp(name, "projects") == 0 && nw == 1) {
		struct project_stats_req rq = { *p, code };
		struct project_stats r;
		memset(&r, 0, sizeof r);
		if ((rc = project_stats(e->cx, e->db, &rq, &r, err)) == 0)
			project_stats_table(&r, g);
		project_stats_release(&r);
		*explain = xasprintf("kfq project stats --unit %s --period %s", code, pf);
	} else if (strcmp(name, "leads") == 0 && nw == 1) {
		struct lead_stats_req rq = { *p, code, LEAD_BY_NONE };
		struct lead_stats_res r;
		memset(&r, 0, sizeof r);
		if ((rc = lead_stats(e->cx, e->db, &rq, &r, err)) == 0)
			lead_stats_table(&r, g);
		lead_stats_release(&r);
		*explain = xasprintf("kfq lead stats --unit %s --period %s", code, pf);
	} else if (strcmp(name, "cases") == 0 && nw == 1) {
		struct case_stats_req rq = { *p, CASE_BY_CATEGORY, NULL };
		struct case_stats r;
		memset(&r, 0, sizeof r);
		if ((rc = case_stats(e->cx, e->db, &rq, &r, err)) == 0)
			case_stats_grid(&r, CASE_BY_CATEGORY, 1, g);
		case_stats_release(&r);
		*explain = xasprintf("kfq case stats --period %s --by category", pf);
	} else if (strcmp(name, "visits") == 0 && nw == 1) {
		struct visit_counts n;
		if ((rc = visit_stats(e->db, p, NULL, &n, err)) == 0)
			visit_stats_grid(&n, p, 1, g);
		*explain = xasprintf("kfq visit stats --period %s", pf);
	} else if (strcmp(name, "index") == 0 && nw == 1) {
		struct ixcalc_point *v = NULL;
		size_t n = 0, k = 0;
		if ((rc = ixcalc_series(e->db, "", "", NULL, 0, 0, &v, &n, err)) == 0) {
			/* the months of the report's year up to its last month */
			while (k < n && (v[k].year < p->year || (v[k].year == p->year && v[k].month < 1)))
				k++;
			while (n > k && (v[n - 1].year > p->year || v[n - 1].month > p->last))
				n--;
			index_series_grid(v + k, n - k, 1, g);
		}
		free(v);
		*explain = xasprintf("kfq index show");
	} else if (strcmp(name, "assess") == 0 && nw == 2) {
		struct assess_view v;
		memset(&v, 0, sizeof v);
		if ((rc = assess_view_open(e->db, w[1], p->year, 0, &v, err)) == 0)
			assess_ranking_grid(&v.d, &v.r, v.has_prev ? v.prev : NULL, 1, g);
		assess_view_release(&v);
		*explain = xasprintf("kfq assess show (the stored run of %s, %d)", w[1], p->year);
	} else {
		char what[160];
		snprintf(what, sizeof what, "unknown table \"%s\"%s", name,
		         nw > 2 ? " or too many words" : "");
		return teval_error(e, err, what, TABLES);
	}
	if (rc < 0) {
		free(*explain);
		*explain = NULL;
		return kfq_err_prefix(err, "%s:%d: table %s", e->t->name, e->line, name);
	}
	{
		struct sbuf sb;
		sbuf_init(&sb);
		sbuf_adds(&sb, "table");
		for (size_t i = 0; i < nw; i++)
			sbuf_addf(&sb, " %s", w[i]);
		sbuf_addf(&sb, " unit=%s period=%s", code, pf);
		*ref = sbuf_detach(&sb);
	}
	return 0;
}

/* ---- charts ---- */

int tref_chart(struct teval *e, char **w, size_t nw, struct grid *g, int *kind, char **ref,
               char **explain, char **caption, struct kfq_err *err)
{
	static const char *const TREND[] = { "month", "value", "prior" };
	static const char *const TREND_ZH[] = { "月份", "本年", "上年同期" };
	static const char *const BARS[] = { "unit", "ytd" };
	static const char *const BARS_ZH[] = { "单位", "累计" };
	const struct period *p = &e->o.period;
	const struct unit *u = &e->m->units.v[e->o.unit];
	const struct indicator *d;
	char pf[32], buf[64], lab[64];
	long ind;

	if (nw != 2 || (strcmp(w[0], "trend") != 0 && strcmp(w[0], "parks") != 0))
		return teval_error(e, err, "unknown chart", "{{chart trend INDICATOR}} (its months, this "
		                   "year and last) or {{chart parks INDICATOR}} (the children compared)");
	if ((ind = indicators_find(&e->m->inds, w[1])) < 0) {
		char what[160];
		snprintf(what, sizeof what, "unknown indicator \"%s\"", w[1]);
		return teval_error(e, err, what, "an indicator's code: {{chart trend taxable_sales}}");
	}
	d = &e->m->inds.v[ind];
	period_format(p, pf, sizeof pf);
	if (w[0][0] == 't') {
		*kind = 1;
		grid_init(g, 3, TREND, TREND_ZH);
		for (int mth = 1; mth <= p->last; mth++) {
			struct period pm = { p->year, PERIOD_MONTH, mth, mth };
			struct figure f;
			if (figure_get(&e->fc, (size_t)ind, e->o.unit, &pm, &f, err) < 0) {
				grid_release(g);
				return kfq_err_prefix(err, "%s:%d", e->t->name, e->line);
			}
			grid_row(g);
			grid_setf(g, 0, "%d月", mth);
			if (f.has & FIG_VALUE) {
				figure_format_value(d, f.value, buf, sizeof buf);
				grid_set(g, 1, buf);
			}
			if (f.has & FIG_PRIOR) {
				figure_format_value(d, f.prior, buf, sizeof buf);
				grid_set(g, 2, buf);
			}
		}
		*caption = xasprintf("%s%s逐月（%s，%d年与%d年）", u->name, d->name_zh, d->measure->name,
		                     p->year, p->year - 1);
		*explain = xasprintf("kfq show %s --unit %s --period %d-MM, each month", d->code, u->code,
		                     p->year);
	} else {
		*kind = 2;
		grid_init(g, 2, BARS, BARS_ZH);
		for (size_t k = 0; k < u->nchildren; k++) {
			struct figure f;
			if (figure_get(&e->fc, (size_t)ind, u->children[k], p, &f, err) < 0) {
				grid_release(g);
				return kfq_err_prefix(err, "%s:%d", e->t->name, e->line);
			}
			grid_row(g);
			grid_set(g, 0, e->m->units.v[u->children[k]].name);
			if (f.has & FIG_YTD) {
				figure_format_value(d, f.ytd, buf, sizeof buf);
				grid_set(g, 1, buf);
			}
		}
		period_label_zh(p, lab, sizeof lab);
		*caption = xasprintf("各园区%s（%s，%s）", d->name_zh, lab, d->measure->name);
		*explain = xasprintf("kfq show %s --unit %s --period %s --by children", d->code, u->code,
		                     pf);
	}
	grid_numeric(g, 1);
	if (g->ncols > 2)
		grid_numeric(g, 2);
	*ref = xasprintf("chart %s %s unit=%s period=%s", w[0], w[1], u->code, pf);
	return 0;
}
