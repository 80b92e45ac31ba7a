/* lead_stats.c: the investment-promotion bureau's figures for a unit and a
 * period (see lead_query.h): the leads landed in the period and their
 * investment, the pipeline (signed or negotiating) at its end, and foreign
 * capital arrived against its target. These are indicators (the derived
 * landed_projects ... of lead_figures.c, and fdi_arrived), read through
 * calc/figure, so they never disagree with `kfq show`, and the completion
 * is calc/figure's; only the breakdown of the landed leads by industry or
 * origin, which no indicator holds, is read from the lead records. Reads
 * and changes nothing. Depends on base, store, model, calc/figure and
 * lead.h; never on a front end. */
#include "lead/lead_query.h"
#include "base/xalloc.h"
#include "calc/figure.h"
#include "model/model.h"

#include <stdlib.h>
#include <string.h>

/* The derived indicators behind landed, landed_inv, pipeline, pipeline_inv. */
static const char *const FIG_IND[4] = {
	"landed_projects", "landed_investment", "pipeline_projects", "pipeline_investment",
};

/* An empty amount in indicator d's measure and places. */
static struct lead_amount amount_of(const struct indicator *d)
{
	struct lead_amount a = { 0, 0, d->measure->shift, d->decimals, d->measure->name };
	return a;
}

static void amount_set(struct lead_amount *a, dec v)
{
	a->has = 1;
	a->v = v;
}

/* The leads whose first landing falls in [from, to], with the unit they
 * are counted in (the park, else the first top-level unit, as lead_derive
 * places them) and their investment, in key order, the missing key last. */
static const char *const SQL_LANDED_BY[2] = {
	"WITH f AS (SELECT lead_id, min(date) AS d FROM lead_stage WHERE stage = 'landed' "
	"GROUP BY lead_id) SELECT l.industry, coalesce(l.park_id, (SELECT id FROM unit WHERE "
	"parent_id IS NULL ORDER BY id LIMIT 1)), l.total_inv FROM lead l JOIN f ON "
	"f.lead_id = l.id WHERE f.d BETWEEN ?1 AND ?2 ORDER BY l.industry IS NULL, l.industry",
	"WITH f AS (SELECT lead_id, min(date) AS d FROM lead_stage WHERE stage = 'landed' "
	"GROUP BY lead_id) SELECT l.origin, coalesce(l.park_id, (SELECT id FROM unit WHERE "
	"parent_id IS NULL ORDER BY id LIMIT 1)), l.total_inv FROM lead l JOIN f ON "
	"f.lead_id = l.id WHERE f.d BETWEEN ?1 AND ?2 ORDER BY l.origin IS NULL, l.origin",
};

/* Whether key (NULL: missing) is the key of group g. */
static int same_key(const struct lead_group *g, const char *key)
{
	if (!g->key || !key)
		return !g->key && !key;
	return strcmp(g->key, key) == 0;
}

/* The landed leads of p within unit u of us, per industry or origin, into
 * out->groups. */
static int landed_by(struct kfq_db *db, const struct unit_set *us, size_t u,
                     const struct period *p, enum lead_by by, struct lead_stats_res *out,
                     struct kfq_err *err)
{
	struct date from = { p->year, p->first, 1 };
	struct date to = { p->year, p->last, date_month_days(p->year, p->last) };
	char d1[16], d2[16];
	struct kfq_stmt *st;
	size_t cap = 0;
	int rc;

	date_format(&from, d1, sizeof d1);
	date_format(&to, d2, sizeof d2);
	if (db_prepare(db, SQL_LANDED_BY[by == LEAD_BY_ORIGIN], &st, err) < 0)
		return -1;
	st_bind_text(st, 1, d1);
	st_bind_text(st, 2, d2);
	while ((rc = st_step(st)) == ST_ROW) {
		const char *key = st_text(st, 0);
		int64_t park = st_i64(st, 1);
		long pu = park >= 0 && park <= us->max_id ? us->by_id[park] : -1;
		struct lead_group *g;
		if (pu < 0 || !units_within(us, (size_t)pu, u))
			continue;
		/* the rows come in key order: a new key starts a group */
		if (!out->ngroups || !same_key(&out->groups[out->ngroups - 1], key)) {
			XGROW(out->groups, out->ngroups + 1, cap);
			g = &out->groups[out->ngroups++];
			g->key = key ? xstrdup(key) : NULL;
			g->landed = 0;
			g->investment = 0;
		}
		g = &out->groups[out->ngroups - 1];
		g->landed++;
		if (dec_add(g->investment, st_i64(st, 2), &g->investment) < 0) {
			st_finalize(st);
			return kfq_error(err, "the investment total does not fit");
		}
	}
	if (rc != ST_DONE)
		db_fault(db, err, "reading leads");
	st_finalize(st);
	return rc == ST_DONE ? 0 : -1;
}

/* The four lead figures and foreign capital of unit u in p. */
static int figures(struct figure_ctx *fc, const struct kfq_model *m, size_t u,
                   const struct period *p, struct lead_stats_res *out, struct kfq_err *err)
{
	struct lead_amount *const a[4] = { &out->landed, &out->landed_inv, &out->pipeline,
	                                   &out->pipeline_inv };
	struct figure f;
	long ind[4], fdi;

	for (int k = 0; k < 4; k++)
		if ((ind[k] = indicators_find(&m->inds, FIG_IND[k])) < 0)
			return kfq_error(err, "no lead figures yet (indicator \"%s\" is missing): import "
			                 "leads first (kfq import leads FILE)", FIG_IND[k]);
	for (int k = 0; k < 4; k++) {
		*a[k] = amount_of(&m->inds.v[ind[k]]);
		if (figure_get(fc, (size_t)ind[k], u, p, &f, err) < 0)
			return -1;
		/* landed: in the period (a flow); pipeline: at its end (a level) */
		if (f.has & FIG_VALUE)
			amount_set(a[k], f.value);
	}
	if ((fdi = indicators_find(&m->inds, "fdi_arrived")) < 0)
		return 0;
	out->has_fdi = 1;
	out->fdi = out->fdi_target = amount_of(&m->inds.v[fdi]);
	if (figure_get(fc, (size_t)fdi, u, p, &f, err) < 0)
		return -1;
	if (f.has & FIG_YTD)
		amount_set(&out->fdi, f.ytd);
	if (f.has & FIG_TARGET)
		amount_set(&out->fdi_target, f.target);
	if (f.has & FIG_COMPLETION) {
		out->has_fdi_completion = 1;
		out->fdi_completion = f.completion;
	}
	return 0;
}

void lead_stats_release(struct lead_stats_res *r)
{
	free(r->unit);
	free(r->unit_name);
	for (size_t i = 0; i < r->ngroups; i++)
		free(r->groups[i].key);
	free(r->groups);
	memset(r, 0, sizeof *r);
	r->by = LEAD_BY_NONE;
}

int lead_stats(const struct kfq_ctx *cx, struct kfq_db *db, const struct lead_stats_req *req,
               struct lead_stats_res *out, struct kfq_err *err)
{
	struct kfq_model m;
	struct figure_ctx fc;
	long u;
	int rc;

	(void)cx;   /* the figures are the period's: nothing depends on today */
	memset(out, 0, sizeof *out);
	out->by = req->by;
	out->period = req->period;
	if (!req->period.year)
		return kfq_error_field(err, "period", "required (%s)", PERIOD_FORMS);
	if (model_load(db, &m, err) < 0)
		return -1;
	if ((u = model_unit_or_root(&m, req->unit, err)) < 0) {
		model_release(&m);
		return kfq_err_set_field(err, "unit");
	}
	out->unit = xstrdup(m.units.v[u].code);
	out->unit_name = xstrdup(m.units.v[u].name);
	figure_ctx_init(&fc, db, &m.units, &m.inds);
	rc = figures(&fc, &m, (size_t)u, &req->period, out, err);
	if (rc == 0 && req->by != LEAD_BY_NONE)
		rc = landed_by(db, &m.units, (size_t)u, &req->period, req->by, out, err);
	figure_ctx_release(&fc);
	model_release(&m);
	if (rc < 0)
		lead_stats_release(out);
	return rc;
}
