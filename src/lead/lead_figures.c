/* lead_figures.c: the investment-promotion pipeline's figures (see lead.h):
 * the derived indicators landed_projects, landed_investment,
 * pipeline_projects and pipeline_investment, written as month values of
 * each lead's park from the leads and their dated stages. Depends on base,
 * store, model, calc/rollup. */
#include "lead/lead.h"
#include "base/xalloc.h"
#include "model/indicator.h"
#include "model/obs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
	const char *code, *zh, *en, *measure, *kind, *decimals;
} INDICATORS[] = {
	{ "landed_projects", "落户产业类项目", "projects landed", "个", "flow", "0" },
	{ "landed_investment", "落户项目总投资", "total investment of landed projects", "亿元", "flow",
	  "2" },
	{ "pipeline_projects", "已签约或正在跟踪洽谈项目", "projects signed or under negotiation", "个",
	  "stock", "0" },
	{ "pipeline_investment", "洽谈项目总投资", "total investment of the pipeline", "亿元", "stock",
	  "2" },
};
#define NIND (sizeof INDICATORS / sizeof INDICATORS[0])

int lead_ensure_indicators(struct kfq_db *db, struct kfq_err *err)
{
	for (size_t i = 0; i < NIND; i++) {
		struct indicator_row r = { INDICATORS[i].code, INDICATORS[i].zh, INDICATORS[i].en,
		                           INDICATORS[i].measure, INDICATORS[i].kind, "sum",
		                           INDICATORS[i].decimals, NULL, NULL, NULL };
		if (indicator_ensure(db, &r, 1, err) < 0)
			return -1;
	}
	return 0;
}

struct lead_mem {
	int64_t id, unit;
	dec inv;
	size_t first, n;     /* its stages in the stage array */
};

struct stage_mem {
	int stage;
	int y, m, d;
};

/* Stage of a lead at the end of (y, m): its latest stage dated on or before. */
static int stage_at_month(const struct lead_mem *l, const struct stage_mem *s, int y, int m)
{
	int st = -1;
	for (size_t i = l->first; i < l->first + l->n; i++)
		if (s[i].y < y || (s[i].y == y && s[i].m <= m))
			st = s[i].stage;
	return st;
}

/* The leads with their stages, in memory, by lead and date. */
struct pipeline {
	struct lead_mem *L;
	struct stage_mem *S;
	size_t nl, lcap, ns, scap;
	int ymin, ymax;      /* the years the stages are dated in */
};

/* The ids of the derived indicators, in the order of INDICATORS. */
static int figure_ids(struct kfq_db *db, int64_t ids[NIND], struct kfq_err *err)
{
	for (size_t i = 0; i < NIND; i++) {
		struct kfq_stmt *st;
		int rc;
		if (db_prepare(db, "SELECT id FROM indicator WHERE code = ?", &st, err) < 0)
			return -1;
		st_bind_text(st, 1, INDICATORS[i].code);
		if ((rc = st_step(st)) == ST_ERROR)
			db_fault(db, err, "reading lead indicators");
		ids[i] = rc == ST_ROW ? st_i64(st, 0) : -1;
		st_finalize(st);
		if (rc == ST_ERROR)
			return -1;
		if (ids[i] < 0)
			return kfq_fault(err, "indicator \"%s\" is missing", INDICATORS[i].code);
	}
	return 0;
}

/* The top of the unit tree, where a lead without a park is counted (0
 * when there is no tree). */
static int root_unit(struct kfq_db *db, int64_t *root, struct kfq_err *err)
{
	struct kfq_stmt *st;
	int rc;
	*root = 0;
	if (db_prepare(db, "SELECT id FROM unit WHERE parent_id IS NULL ORDER BY id LIMIT 1", &st,
	               err) < 0)
		return -1;
	if ((rc = st_step(st)) == ST_ROW)
		*root = st_i64(st, 0);
	else if (rc == ST_ERROR)
		db_fault(db, err, "reading the unit tree");
	st_finalize(st);
	return rc == ST_ERROR ? -1 : 0;
}

/* Delete the derived figures, noting the years that had them in todo. */
static int clear_figures(struct kfq_db *db, const int64_t ids[NIND], struct rollup_todo *todo,
                         struct kfq_err *err)
{
	struct kfq_stmt *st;
	int rc;
	if (db_prepare(db, "SELECT DISTINCT ind_id, year FROM obs WHERE ind_id IN (?, ?, ?, ?)", &st,
	               err) < 0)
		return -1;
	for (size_t i = 0; i < NIND; i++)
		st_bind_i64(st, (int)i + 1, ids[i]);
	while ((rc = st_step(st)) == ST_ROW) {
		struct indicator d = { .id = st_i64(st, 0) };
		rollup_todo_data(todo, &d, st_int(st, 1));
	}
	if (rc != ST_DONE)
		db_fault(db, err, "reading lead figures");
	st_finalize(st);
	if (rc != ST_DONE)
		return -1;
	if (db_prepare(db, "DELETE FROM obs WHERE ind_id IN (?, ?, ?, ?)", &st, err) < 0)
		return -1;
	for (size_t i = 0; i < NIND; i++)
		st_bind_i64(st, (int)i + 1, ids[i]);
	rc = st_step(st) == ST_DONE ? 0 : db_fault(db, err, "clearing lead figures");
	st_finalize(st);
	return rc;
}

/* Read every lead with its stages into p (a lead without a park counted
 * in root); the caller frees p->L and p->S. */
static int load_pipeline(struct kfq_db *db, int64_t root, struct pipeline *p, struct kfq_err *err)
{
	struct kfq_stmt *st;
	int rc;
	if (db_prepare(db, "SELECT l.id, coalesce(l.park_id, ?), l.total_inv, s.stage, s.date "
	               "FROM lead l JOIN lead_stage s ON s.lead_id = l.id ORDER BY l.id, s.date, s.id",
	               &st, err) < 0)
		return -1;
	st_bind_i64(st, 1, root);
	while ((rc = st_step(st)) == ST_ROW) {
		int64_t id = st_i64(st, 0);
		struct stage_mem *sm;
		if (!p->nl || p->L[p->nl - 1].id != id) {
			XGROW(p->L, p->nl + 1, p->lcap);
			p->L[p->nl].id = id;
			p->L[p->nl].unit = st_i64(st, 1);
			p->L[p->nl].inv = st_i64(st, 2);
			p->L[p->nl].first = p->ns;
			p->L[p->nl].n = 0;
			p->nl++;
		}
		XGROW(p->S, p->ns + 1, p->scap);
		sm = &p->S[p->ns++];
		sm->stage = lead_stage_parse(st_text(st, 3));
		if (sscanf(st_text(st, 4), "%d-%d-%d", &sm->y, &sm->m, &sm->d) != 3)
			sm->y = sm->m = sm->d = 0;
		p->L[p->nl - 1].n++;
		if (sm->y && sm->y < p->ymin)
			p->ymin = sm->y;
		if (sm->y > p->ymax)
			p->ymax = sm->y;
	}
	if (rc != ST_DONE)
		db_fault(db, err, "reading lead stages");
	st_finalize(st);
	return rc == ST_DONE ? 0 : -1;
}

/* The four figures of the unit of lead a in month m of year y, over that
 * unit's leads: landed (in the month of a lead's first landing) and the
 * pipeline at the month's end (negotiating or signed). */
static int month_figures(const struct pipeline *p, size_t a, int y, int m, dec v[NIND],
                         struct kfq_err *err)
{
	int rc = 0;
	for (size_t i = 0; i < NIND; i++)
		v[i] = 0;
	for (size_t k = a; k < p->nl; k++) {
		const struct lead_mem *l = &p->L[k];
		int first_landing = 1;
		if (l->unit != p->L[a].unit)
			continue;
		for (size_t i = l->first; i < l->first + l->n; i++)
			if (p->S[i].stage == LS_LANDED) {
				if (first_landing && p->S[i].y == y && p->S[i].m == m &&
				    (dec_add(v[0], DEC_ONE, &v[0]) < 0 || dec_add(v[1], l->inv, &v[1]) < 0))
					rc = kfq_error(err, "landed investment does not fit");
				first_landing = 0;
			}
		switch (stage_at_month(l, p->S, y, m)) {
		case LS_NEGOTIATION:
		case LS_SIGNED:
			if (dec_add(v[2], DEC_ONE, &v[2]) < 0 || dec_add(v[3], l->inv, &v[3]) < 0)
				rc = kfq_error(err, "pipeline investment does not fit");
			break;
		default:
			break;
		}
	}
	return rc;
}

/* Write the four figures of a unit's month. */
static int write_month(struct kfq_db *db, const int64_t ids[NIND], int64_t unit, int y, int m,
                       const dec v[NIND], struct kfq_err *err)
{
	for (size_t i = 0; i < NIND; i++)
		if (obs_month_set(db, ids[i], y, unit, m, v[i], 0, err) < 0)
			return kfq_err_prefix(err, "writing lead figures");
	return 0;
}

int lead_derive(struct kfq_db *db, struct rollup_todo *todo, struct kfq_err *err)
{
	struct pipeline p = { .ymin = 9999 };
	int64_t ids[NIND], root;
	int rc = 0;

	if (figure_ids(db, ids, err) < 0 || root_unit(db, &root, err) < 0 ||
	    clear_figures(db, ids, todo, err) < 0)
		return -1;
	if (load_pipeline(db, root, &p, err) < 0)
		rc = -1;
	else if (!root && p.nl)
		rc = kfq_error(err, "leads need a unit tree (import units first)");
	/* a pipeline stands until something changes it: figures run on to the
	 * current year (the transaction's context's today) */
	if (p.nl && db_ctx(db)) {
		const struct date *today = &db_ctx(db)->today;
		if (today->year > p.ymax && today->year < p.ymin + 100)
			p.ymax = today->year;
	}
	/* per unit, year, month: the four figures; zeros included so that
	 * year-to-date totals are known */
	for (int y = p.ymin; rc == 0 && y <= p.ymax; y++) {
		for (size_t i = 0; i < NIND; i++) {
			struct indicator d = { .id = ids[i] };
			rollup_todo_data(todo, &d, y);
		}
		for (size_t a = 0; rc == 0 && a < p.nl; a++) {
			int seen = 0;
			for (size_t b = 0; b < a; b++)
				seen |= p.L[b].unit == p.L[a].unit;
			if (seen)
				continue;   /* this unit's figures were written with the first of its leads */
			for (int m = 1; rc == 0 && m <= 12; m++) {
				dec v[NIND];
				if ((rc = month_figures(&p, a, y, m, v, err)) == 0)
					rc = write_month(db, ids, p.L[a].unit, y, m, v, err);
			}
		}
	}
	free(p.L);
	free(p.S);
	return rc;
}
