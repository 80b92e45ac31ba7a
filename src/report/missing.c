/* missing.c: the units that have not reported, and those that reported
 * late (see missing.h). Depends on base, store, model, calc and
 * report/grid, report/history_grid. */
#include "report/missing.h"
#include "base/date.h"
#include "base/xalloc.h"
#include "calc/cube.h"
#include "model/obs.h"
#include "report/history_grid.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { M_UNIT, M_NAME, M_PARENT, M_IND, M_STATUS, M_LAST, M_FILED, M_NCOLS };
static const char *const KEYS[M_NCOLS] = {
	"unit", "unit_name", "parent", "indicator", "status", "last_report", "filed",
};
static const char *const HEADS[M_NCOLS] = {
	"单位代码", "单位", "上级", "指标", "情况", "最近报送", "报送时间",
};

enum status { S_MISSING, S_NONE_THIS_YEAR, S_LATE };

/* The last month of the year with a record of u, 0 when none. */
static int last_filed(const struct cube *cb, size_t u)
{
	for (int m = 12; m >= 1; m--)
		if (cube_cell(cb, u)->filed & (1u << m))
			return m;
	return 0;
}

static void add(struct grid *g, const struct kfq_model *m, const struct missing_opts *o,
                const struct indicator *d, size_t u, enum status status, int year, int month,
                const char *filed)
{
	const struct unit *x = &m->units.v[u];
	grid_row(g);
	grid_set(g, M_UNIT, x->code);
	grid_set(g, M_NAME, x->name);
	if (x->parent >= 0)
		grid_set(g, M_PARENT, o->names ? m->units.v[x->parent].name :
		         m->units.v[x->parent].code);
	grid_set(g, M_IND, o->names ? d->name_zh : d->code);
	static const char *const ZH[] = { "未报", "本年未报", "迟报" };
	static const char *const EN[] = { "missing", "none_this_year", "late" };
	grid_set(g, M_STATUS, o->names ? ZH[status] : EN[status]);
	if (month)
		grid_setf(g, M_LAST, "%d-%02d", year, month);
	if (filed)
		grid_set(g, M_FILED, filed);
}

/* The deadline of the values of month `last` of year: day o->deadline_day
 * of the next month (its last day when the month is shorter),
 * "2017-09-10". */
static void deadline_of(const struct missing_opts *o, int year, int last, char *buf, size_t n)
{
	int y = last == 12 ? year + 1 : year, m = last == 12 ? 1 : last + 1;
	int day = o->deadline_day, days = date_month_days(y, m);
	snprintf(buf, n, "%04d-%02d-%02d", y, m, day < days ? day : days);
}

/* One indicator over the subtree of o->unit; sub: its nsub units, read
 * each by its key, or NULL: every unit's values read with the
 * indicator-year. */
static int one(struct kfq_db *db, const struct kfq_model *m, const struct missing_opts *o,
               const size_t *sub, size_t nsub, const struct indicator *d, struct grid *g,
               size_t *n, struct kfq_err *err)
{
	const struct unit_set *us = &m->units;
	const struct period *p = &o->period;
	struct cube *cb, *prior = NULL;
	size_t *stack, top = 0;
	char **filed, deadline[40];
	int rc = 0, tz = o->tz_given ? o->tz_minutes : 8 * 60;

	if ((sub ? cube_build_under(db, us, d, p->year, p->year, o->unit, &cb, err)
	            : cube_build(db, us, d, p->year, p->year, &cb, err)) < 0)
		return -1;
	if (!d->scope &&
	    (sub ? cube_build_under(db, us, d, p->year - 1, p->year - 1, o->unit, &prior, err)
	            : cube_build(db, us, d, p->year - 1, p->year - 1, &prior, err)) < 0) {
		cube_free(cb);
		return -1;
	}
	filed = xcalloc(us->n ? us->n : 1, sizeof *filed);
	if ((sub ? obs_first_filed_of(db, us, d, p->year, p->last, sub, nsub, filed, err)
	            : obs_first_filed(db, us, d, p->year, p->last, filed, err)) < 0) {
		free(filed);
		cube_free(cb);
		cube_free(prior);
		return -1;
	}
	deadline_of(o, p->year, p->last, deadline, sizeof deadline);
	stack = xmalloc((us->n ? us->n : 1) * sizeof *stack);
	stack[top++] = o->unit;
	while (top > 0 && rc == 0) {
		size_t x = stack[--top];
		const struct unit *ux = &us->v[x];
		/* children pushed last first, so that they come out in code order */
		for (size_t k = ux->nchildren; k-- > 0;)
			stack[top++] = ux->children[k];
		if (cube_cell(cb, x)->own || ux->nchildren == 0) {
			uint32_t r, e;
			if ((rc = cube_coverage(cb, x, p->first, p->last, &r, &e)) < 0)
				break;
			/* a unit with a record ending in the month but no value for
			 * this span (an annual figure asked for December alone) has
			 * reported: not listed, though the span's coverage counts it */
			if (e && !r && !(cube_cell(cb, x)->filed & (1u << p->last))) {
				add(g, m, o, d, x, S_MISSING, p->year, last_filed(cb, x), NULL);
				(*n)++;
			} else if (!e && !cube_cell(cb, x)->own && prior && cube_cell(prior, x)->own) {
				add(g, m, o, d, x, S_NONE_THIS_YEAR, p->year - 1, last_filed(prior, x),
				    NULL);
				(*n)++;
			} else if (e && filed[x] && *filed[x]) {
				/* late: first filed on a local day after the deadline's */
				char local[40];
				history_local_time(filed[x], tz, local, sizeof local);
				if (strncmp(local, deadline, 10) > 0) {
					add(g, m, o, d, x, S_LATE, p->year, p->last,
					    o->names ? local : filed[x]);
					(*n)++;
				}
			}
		}
	}
	if (rc < 0) {
		if (cb->fault[0])
			kfq_fault(err, "%s", cb->fault);
		else
			kfq_error(err, "indicator \"%s\": a total in %d does not fit in kfq's exact "
			          "figures", d->code, p->year);
	}
	free(stack);
	for (size_t i = 0; i < us->n; i++)
		free(filed[i]);
	free(filed);
	cube_free(cb);
	cube_free(prior);
	return rc;
}

int missing_build(struct kfq_db *db, const struct kfq_model *m, const struct missing_opts *o,
                  struct grid *g, size_t *nmissing, struct kfq_err *err)
{
	long only = -1;
	size_t *sub, nsub;
	int rc = 0;

	*nmissing = 0;
	if (o->deadline_day < 1 || o->deadline_day > 31)
		return kfq_error_field(err, "deadline_day", "%d (expected a day of the month, 1 to 31: "
		                       "the deadline is the end of that day of the next month)",
		                       o->deadline_day);
	if (o->indicator) {
		if ((only = indicators_need(&m->inds, o->indicator, err)) < 0)
			return -1;
		if (m->inds.v[only].formula)
			return kfq_error_field(err, "indicator", "\"%s\" is computed by a formula: its "
			                       "inputs are what units report", o->indicator);
		if (m->inds.v[only].derived)
			return kfq_error_field(err, "indicator", "\"%s\" is computed by kfq from its "
			                       "registers, not reported by units", o->indicator);
	}
	/* a subtree of less than an eighth of the tree (a zone of a province)
	 * read unit by unit, not with everything else */
	nsub = units_subtree(&m->units, o->unit, &sub);
	if (nsub * 8 >= m->units.n) {
		free(sub);
		sub = NULL;
	}
	grid_init(g, M_NCOLS, KEYS, o->names ? HEADS : KEYS);
	for (size_t i = 0; rc == 0 && i < m->inds.n; i++) {
		if (only >= 0 ? (long)i != only : m->inds.v[i].formula || m->inds.v[i].derived)
			continue;
		rc = one(db, m, o, sub, nsub, &m->inds.v[i], g, nmissing, err);
	}
	free(sub);
	if (rc < 0)
		grid_release(g);
	return rc;
}
