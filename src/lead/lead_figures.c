/* lead_figures.c: the investment-promotion pipeline's figures (see lead.h):
 * the derived indicators landed_projects, landed_investment,
 * pipeline_projects and pipeline_investment, written as month values of
 * each lead's park from the leads and their dated stages. Depends on base,
 * store, model, calc/rollup. */
#include "lead/lead.h"
#include "base/xalloc.h"
#include "model/indicator.h"

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
		struct kfq_stmt *st;
		int changed, rc;
		if (db_prepare(db, "SELECT 1 FROM indicator WHERE code = ?", &st, err) < 0)
			return -1;
		st_bind_text(st, 1, r.code);
		if ((rc = st_step(st)) == ST_ERROR)
			db_fault(db, err, "reading lead indicators");
		st_finalize(st);
		if (rc == ST_ERROR)
			return -1;
		if (rc != ST_ROW && indicator_put(db, &r, &changed, err) < 0)
			return -1;
		if (db_prepare(db, "UPDATE indicator SET derived = 1 WHERE code = ?", &st, err) < 0)
			return -1;
		st_bind_text(st, 1, r.code);
		rc = st_step(st);
		st_finalize(st);
		if (rc != ST_DONE)
			return db_fault(db, err, "marking lead indicators");
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

int lead_derive(struct kfq_db *db, struct rollup_todo *todo, struct kfq_err *err)
{
	struct lead_mem *L = NULL;
	struct stage_mem *S = NULL;
	size_t nl = 0, lcap = 0, ns = 0, scap = 0;
	int64_t ids[NIND], root = 0;
	int ymin = 9999, ymax = 0, rc = 0;
	struct kfq_stmt *st;

	for (size_t i = 0; i < NIND; i++) {
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
	if (db_prepare(db, "SELECT id FROM unit WHERE parent_id IS NULL ORDER BY id LIMIT 1", &st,
	               err) < 0)
		return -1;
	if ((rc = st_step(st)) == ST_ROW)
		root = st_i64(st, 0);
	else if (rc == ST_ERROR)
		db_fault(db, err, "reading the unit tree");
	st_finalize(st);
	if (rc == ST_ERROR)
		return -1;
	/* the years that had figures, to clear them */
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
	if (rc < 0)
		return -1;
	if (db_prepare(db, "SELECT l.id, coalesce(l.park_id, ?), l.total_inv, s.stage, s.date "
	               "FROM lead l JOIN lead_stage s ON s.lead_id = l.id ORDER BY l.id, s.date, s.id",
	               &st, err) < 0)
		return -1;
	st_bind_i64(st, 1, root);
	while ((rc = st_step(st)) == ST_ROW) {
		int64_t id = st_i64(st, 0);
		struct stage_mem *sm;
		if (!nl || L[nl - 1].id != id) {
			XGROW(L, nl + 1, lcap);
			L[nl].id = id;
			L[nl].unit = st_i64(st, 1);
			L[nl].inv = st_i64(st, 2);
			L[nl].first = ns;
			L[nl].n = 0;
			nl++;
		}
		XGROW(S, ns + 1, scap);
		sm = &S[ns++];
		sm->stage = lead_stage_parse(st_text(st, 3));
		if (sscanf(st_text(st, 4), "%d-%d-%d", &sm->y, &sm->m, &sm->d)
		    != 3)
			sm->y = sm->m = sm->d = 0;
		L[nl - 1].n++;
		if (sm->y && sm->y < ymin)
			ymin = sm->y;
		if (sm->y > ymax)
			ymax = sm->y;
	}
	if (rc != ST_DONE)
		db_fault(db, err, "reading lead stages");
	st_finalize(st);
	if (rc != ST_DONE) {
		free(L);
		free(S);
		return -1;
	}
	rc = 0;
	if (!root && nl)
		rc = kfq_error(err, "leads need a unit tree (import units first)");
	/* a pipeline stands until something changes it: figures run on to the
	 * current year (the transaction's context's today) */
	if (nl && db_ctx(db)) {
		const struct date *today = &db_ctx(db)->today;
		if (today->year > ymax && today->year < ymin + 100)
			ymax = today->year;
	}
	/* per unit, year, month: the four figures; zeros included so that
	 * year-to-date totals are known */
	for (int y = ymin; rc == 0 && y <= ymax; y++) {
		for (size_t i = 0; i < NIND; i++) {
			struct indicator d = { .id = ids[i] };
			rollup_todo_data(todo, &d, y);
		}
		for (size_t a = 0; rc == 0 && a < nl; a++) {
			int seen = 0;
			for (size_t b = 0; b < a; b++)
				seen |= L[b].unit == L[a].unit;
			if (seen)
				continue;   /* this unit's figures were written with the first of its leads */
			for (int m = 1; rc == 0 && m <= 12; m++) {
				dec v[NIND] = { 0, 0, 0, 0 };
				for (size_t k = a; k < nl; k++) {
					int first_landing = 1;
					if (L[k].unit != L[a].unit)
						continue;
					for (size_t i = L[k].first; i < L[k].first + L[k].n; i++)
						if (S[i].stage == LS_LANDED) {
							if (first_landing && S[i].y == y && S[i].m == m &&
							    (dec_add(v[0], DEC_ONE, &v[0]) < 0 ||
							     dec_add(v[1], L[k].inv, &v[1]) < 0))
								rc = kfq_error(err, "landed investment does not fit");
							first_landing = 0;
						}
					switch (stage_at_month(&L[k], S, y, m)) {
					case LS_NEGOTIATION:
					case LS_SIGNED:
						if (dec_add(v[2], DEC_ONE, &v[2]) < 0 ||
						    dec_add(v[3], L[k].inv, &v[3]) < 0)
							rc = kfq_error(err, "pipeline investment does not fit");
						break;
					default:
						break;
					}
				}
				for (size_t i = 0; rc == 0 && i < NIND; i++) {
					if (db_prepare(db, "INSERT INTO obs(ind_id, year, unit_id, last, first, value) "
					               "VALUES (?, ?, ?, ?, ?, ?)", &st, err) < 0) {
						rc = -1;
						break;
					}
					st_bind_i64(st, 1, ids[i]);
					st_bind_int(st, 2, y);
					st_bind_i64(st, 3, L[a].unit);
					st_bind_int(st, 4, m);
					st_bind_int(st, 5, m);
					st_bind_i64(st, 6, v[i]);
					if (st_step(st) != ST_DONE)
						rc = db_fault(db, err, "writing lead figures");
					st_finalize(st);
				}
			}
		}
	}
	free(L);
	free(S);
	return rc;
}
