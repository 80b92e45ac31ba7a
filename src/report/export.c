/* export.c: building export tables (see export.h). The column names are
 * the canonical ones import matches first. */
#include "report/export.h"
#include "base/dec.h"
#include "base/measure.h"
#include "base/period.h"
#include "base/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct export_def {
	const char *kind;
	const char *sql;
	size_t ncols;
	const char *cols[12];
	int value_col;       /* column holding a DEC value to format, -1 none */
	int measure_col;     /* column holding the measure name for value_col */
};

static const struct export_def DEFS[] = {
	{ "units",
	  "SELECT u.code, u.name, u.kind, p.code, u.industry, u.land_mu, u.hightech, u.uscc "
	  "FROM unit u LEFT JOIN unit p ON p.id = u.parent_id WHERE u.kind <> 'project' "
	  "ORDER BY u.code",
	  8, { "code", "name", "kind", "parent", "industry", "land_mu", "hightech", "uscc" }, 5, -2 },
	{ "indicators",
	  "SELECT code, name_zh, name_en, measure, kind, agg, decimals, scope, formula, headline "
	  "FROM indicator ORDER BY formula IS NOT NULL, id",
	  10, { "code", "name_zh", "name_en", "measure", "kind", "agg", "decimals", "scope", "formula",
	        "headline" }, -1, -1 },
	{ "groups",
	  "SELECT u.code, g.grp, g.year FROM unit_group g JOIN unit u ON u.id = g.unit_id "
	  "ORDER BY g.grp, g.year, u.code",
	  3, { "unit", "group", "year" }, -1, -1 },
	{ "data",
	  /* one indicator-year's values (export_data); obs alone in its FROM:
	   * a view of two tables, read as it goes (joined, SQLite would first
	   * copy it whole) */
	  "SELECT (SELECT code FROM unit WHERE id = o.unit_id) AS uc, (SELECT code FROM indicator "
	  "WHERE id = ?1), o.year, o.first, o.last, o.value, (SELECT measure FROM indicator "
	  "WHERE id = ?1) FROM obs o WHERE o.ind_id = ?1 AND o.year = ?2 AND "
	  "o.unit_id IN (SELECT id FROM unit WHERE kind <> 'project') ORDER BY uc, o.last, o.first",
	  5, { "unit", "indicator", "period", "value", "measure" }, 3, 4 },
	{ "targets",
	  "SELECT u.code, i.code, t.year, t.value, i.measure FROM target t "
	  "JOIN unit u ON u.id = t.unit_id JOIN indicator i ON i.id = t.ind_id "
	  "WHERE u.kind <> 'project' ORDER BY i.code, t.year, u.code",
	  5, { "unit", "indicator", "year", "value", "measure" }, 3, 4 },
	{ "rules",
	  "SELECT code, severity, left_expr, op, right_expr, unit_kind, grp, industry, months, params, "
	  "message FROM vrule ORDER BY code",
	  11, { "code", "severity", "left", "op", "right", "kind", "group", "industry", "months",
	        "params", "message" }, -1, -1 },
};

/* The project register's kinds (docs/formats.md, "Key projects"): money in
 * 万元 exactly, periods in their canonical form. */
struct project_export {
	const char *kind;
	const char *sql;
	size_t ncols;
	const char *cols[16];
	int money_col;       /* DEC 元 shown in 万元, -1 none */
	int span_cols;       /* columns year, first, last become one period column here, -1 none */
};

static const struct project_export PROJECT_DEFS[] = {
	{ "projects",
	  "SELECT u.code, u.name, p.category, par.code, o.code, u.industry, p.key_level, p.total_inv, "
	  "p.planned_start, p.planned_end, p.actual_start, p.actual_end, p.production, p.status, "
	  "p.status_reason, p.milestones FROM project p JOIN unit u ON u.id = p.unit_id "
	  "JOIN unit par ON par.id = u.parent_id LEFT JOIN unit o ON o.id = p.owner_id ORDER BY u.code",
	  16, { "code", "name", "category", "park", "owner", "industry", "key_level",
	        "total_investment(万元)", "planned_start", "planned_end", "actual_start", "actual_end",
	        "production", "status", "reason", "milestones" }, 7, -1 },
	{ "project-plan",
	  "SELECT u.code, t.year, t.value FROM target t JOIN unit u ON u.id = t.unit_id "
	  "JOIN indicator i ON i.id = t.ind_id WHERE u.kind = 'project' AND "
	  "i.code IN ('key_inv_actual', 'other_inv_actual') ORDER BY u.code, t.year",
	  3, { "project", "year", "planned(万元)" }, 2, -1 },
	/* investment rows, then physical progress, then notes */
	{ "progress",
	  "SELECT (SELECT code FROM unit WHERE id = o.unit_id), o.year, o.first, o.last, o.value, "
	  "NULL, NULL, 0 AS k FROM obs o WHERE o.unit_id IN (SELECT id FROM unit WHERE kind = "
	  "'project') AND o.ind_id IN (SELECT id FROM indicator WHERE code IN ('key_inv_actual', "
	  "'other_inv_actual')) UNION ALL SELECT (SELECT code FROM unit WHERE id = o.unit_id), "
	  "o.year, o.first, o.last, NULL, o.value, NULL, 1 FROM obs o WHERE o.unit_id IN (SELECT "
	  "id FROM unit WHERE kind = 'project') AND o.ind_id IN (SELECT id FROM indicator WHERE "
	  "code = 'physical_progress') "
	  "UNION ALL SELECT u.code, n.year, n.month, n.month, NULL, NULL, n.note, 2 FROM project_note n "
	  "JOIN unit u ON u.id = n.unit_id ORDER BY 8, 1, 2, 4, 3",
	  5, { "project", "period", "investment(万元)", "physical", "note" }, 2, 1 },
	{ "leads",
	  "SELECT l.code, l.name, l.investor, l.origin, l.industry, p.code, l.total_inv, l.foreign_inv, "
	  "l.officer, l.source, e.code, j.code FROM lead l LEFT JOIN unit p ON p.id = l.park_id "
	  "LEFT JOIN unit e ON e.id = l.unit_id LEFT JOIN unit j ON j.id = l.project_id "
	  "ORDER BY l.code",
	  12, { "code", "name", "investor", "origin", "industry", "park", "total_investment(万元)",
	        "foreign_investment(万美元)", "officer", "source", "enterprise", "project" }, 6, -1 },
	{ "lead-stages",
	  "SELECT l.code, s.stage, s.date, s.reason FROM lead_stage s JOIN lead l ON l.id = s.lead_id "
	  "ORDER BY l.code, s.date, s.id",
	  4, { "lead", "stage", "date", "reason" }, -1, -1 },
	/* a household's head, address and phone are personal information:
	   only with contacts (kfq export --with-contacts, recorded) */
	{ "households",
	  "SELECT code, community FROM household ORDER BY code",
	  2, { "code", "community" }, -1, -1 },
	{ "households-with-contacts",
	  "SELECT code, community, address, head, phone FROM household ORDER BY code",
	  5, { "code", "community", "address", "head", "phone" }, -1, -1 },
	{ "visits",
	  "SELECT v.code, v.date, v.team, u.code, h.code, v.campaign, v.notes FROM visit v "
	  "LEFT JOIN unit u ON u.id = v.unit_id LEFT JOIN household h ON h.id = v.household_id "
	  "ORDER BY v.code",
	  7, { "code", "date", "team", "enterprise", "household", "campaign", "notes" }, -1, -1 },
	{ "case-sla",
	  "SELECT category, priority, route_days, close_days FROM case_sla ORDER BY 1, 2",
	  4, { "category", "priority", "route_days", "close_days" }, -1, -1 },
	{ "holidays", "SELECT date, name FROM holiday ORDER BY date", 2, { "date", "name" }, -1, -1 },
	{ "case-depts", "SELECT dept, supervisor FROM case_dept ORDER BY dept", 2,
	  { "dept", "supervisor" }, -1, -1 },
	{ "cases",
	  "SELECT k.code, k.raised, k.channel, v.code, u.code, h.code, k.campaign, k.category, "
	  "k.priority, k.description, k.raised_by FROM kase k LEFT JOIN visit v ON v.id = k.visit_id "
	  "LEFT JOIN unit u ON u.id = k.unit_id LEFT JOIN household h ON h.id = k.household_id "
	  "ORDER BY k.code",
	  11, { "code", "raised", "channel", "visit", "enterprise", "household", "campaign",
	        "category", "priority", "description", "raised_by" }, -1, -1 },
	/* the steps in the order they were taken; a merge's note "into CODE" gives into */
	{ "case-events",
	  "SELECT k.code, e.date, e.action, e.dept, CASE WHEN e.action = 'merge' THEN NULL ELSE "
	  "e.note END, CASE WHEN e.action = 'merge' THEN substr(e.note, 6) END, e.rating, e.who "
	  "FROM case_event e JOIN kase k ON k.id = e.case_id ORDER BY e.id",
	  8, { "case", "date", "action", "dept", "note", "into", "rating", "who" }, -1, -1 },
	{ "project-problems",
	  "SELECT u.code, p.raised, p.description, p.dept, p.deadline, p.resolved FROM project_problem p "
	  "JOIN unit u ON u.id = p.unit_id ORDER BY u.code, p.raised, p.description",
	  6, { "project", "raised", "description", "dept", "deadline", "resolved" }, -1, -1 },
};

/* Where export_stream writes the rows as they are read (out NULL: into
 * g), and how many a kind may have (0: any number). */
struct sink {
	enum grid_format f;
	FILE *out;
	size_t max;
};

/* Whether g holds sk->max rows already, so that one more is too many. */
static int full(const struct grid *g, const struct sink *sk)
{
	return sk && sk->max && g->nrows + g->streamed >= sk->max;
}

/* After a kind's rows (rc: the last step; ST_ROW when they were too many):
 * the statement finalized; 0, or -1 with err and g released. */
static int rows_end(struct kfq_db *db, struct kfq_stmt *st, int rc, struct grid *g,
                    const struct sink *sk, struct kfq_err *err)
{
	if (rc == ST_ROW)
		kfq_error(err, "more than %zu rows, more than a sheet of a workbook holds (1 048 576 "
		          "with the heading): export them as CSV or JSON (--format csv)", sk->max);
	else if (rc != ST_DONE)
		db_fault(db, err, "reading for export");
	st_finalize(st);
	if (rc != ST_DONE) {
		grid_release(g);
		return -1;
	}
	return 0;
}

/* g ready for the rows of a kind of cols columns. */
static void start(struct grid *g, size_t ncols, const char *const *cols, const struct sink *sk)
{
	grid_init(g, ncols, cols, NULL);
	if (sk && sk->out)
		grid_stream(g, sk->f, sk->out);
}

static int export_project(struct kfq_db *db, const struct project_export *d, struct grid *g,
                          const struct sink *sk, struct kfq_err *err)
{
	struct kfq_stmt *st;
	int rc;

	if (db_prepare(db, d->sql, &st, err) < 0)
		return -1;
	start(g, d->ncols, d->cols, sk);
	while ((rc = st_step(st)) == ST_ROW && !full(g, sk)) {
		char buf[64];
		int sc = 0;   /* SQL column */
		grid_row(g);
		for (size_t c = 0; c < d->ncols; c++, sc++) {
			if ((int)c == d->span_cols) {
				struct period p = period_span(st_int(st, sc), st_int(st, sc + 1),
				                              st_int(st, sc + 2));
				period_format(&p, buf, sizeof buf);
				grid_set(g, c, buf);
				sc += 2;
			} else if (st_null(st, sc)) {
				continue;
			} else if ((int)c == d->money_col ||
			           ((int)c == d->money_col + 1 && strcmp(d->kind, "leads") == 0)) {
				/* 元 in 万元, and for leads the foreign investment 美元 in 万美元 */
				dec_format(st_i64(st, sc), 4, -1, buf, sizeof buf);
				grid_set(g, c, buf);
			} else if (d->span_cols >= 0 && (int)c == d->money_col + 1) {
				/* physical progress, a percentage */
				dec_format(st_i64(st, sc), 0, -1, buf, sizeof buf);
				grid_set(g, c, buf);
			} else {
				grid_set(g, c, st_text(st, sc));
			}
		}
	}
	return rows_end(db, st, rc, g, sk, err);
}

/* The eyewear index's kinds: each SQL column is typed: t text, d a dec
 * written exactly (weights in their own scale, money in 元), m a month
 * (year, month: two SQL columns), q a quote's period (year, month, day:
 * three SQL columns; day 0 is the month's price, written 2017-03). */
struct index_export {
	const char *kind;
	const char *sql;
	const char *types;
	size_t ncols;
	const char *cols[10];
};

/* Each category's path from the top, by the order of listing (seq): each
 * step "1000000003 code", the seq at a fixed width so that text order is
 * number order (in both engines' SQL). */
#define TREE_ORDER \
	"WITH RECURSIVE t(id, path) AS (SELECT id, CAST(1000000000 + seq AS TEXT) || ' ' || code " \
	"FROM ix_category WHERE parent_id IS NULL UNION ALL SELECT c.id, t.path || '/' || " \
	"CAST(1000000000 + c.seq AS TEXT) || ' ' || c.code FROM ix_category c JOIN t ON " \
	"c.parent_id = t.id) "

static const struct index_export INDEX_DEFS[] = {
	/* depth first, in the order they were listed: a parent before its children */
	{ "index-categories",
	  TREE_ORDER "SELECT c.code, c.name, p.code FROM t JOIN ix_category c ON c.id = t.id "
	  "LEFT JOIN ix_category p ON p.id = c.parent_id ORDER BY t.path",
	  "ttt", 3, { "code", "name", "parent" } },
	{ "index-weights",
	  TREE_ORDER "SELECT w.year, c.code, w.channel, w.weight FROM ix_weight w "
	  "JOIN ix_category c ON c.id = w.category_id JOIN t ON t.id = c.id ORDER BY w.year, t.path, "
	  "CASE w.channel WHEN 'factory' THEN 0 WHEN 'wholesale' THEN 1 ELSE 2 END",
	  "tttd", 4, { "year", "category", "channel", "weight" } },
	/* a replaced item was stored before its replacement */
	{ "index-items",
	  "SELECT i.code, c.code, i.channel, u.code, i.brand, i.model, i.material, i.size, o.code, "
	  "i.overlap_year, i.overlap_month FROM ix_item i JOIN ix_category c ON c.id = i.category_id "
	  "JOIN unit u ON u.id = i.unit_id LEFT JOIN ix_item o ON o.id = i.replaces_id ORDER BY i.id",
	  "tttttttttm", 10, { "code", "category", "channel", "reporter", "brand", "model", "material",
	                     "size", "replaces", "overlap" } },
	{ "price-quotes",
	  "SELECT i.code, q.year, q.month, q.day, q.price, q.sales FROM ix_quote q "
	  "JOIN ix_item i ON i.id = q.item_id ORDER BY q.item_id, q.year, q.month, q.day",
	  "tqdd", 4, { "item", "period", "price", "sales" } },
	{ "surveys", "SELECT code, name, weight FROM ix_survey ORDER BY code", "ttd", 3,
	  { "code", "name", "weight" } },
	{ "survey-questions",
	  "SELECT survey, code, name, inverted, weight FROM ix_question ORDER BY survey, seq, code",
	  "ttttd", 5, { "survey", "code", "name", "inverted", "weight" } },
	{ "survey-answers",
	  "SELECT a.survey, a.year, a.month, u.code, a.question, a.reply, a.weight FROM ix_answer a "
	  "JOIN unit u ON u.id = a.unit_id LEFT JOIN ix_question q ON q.survey = a.survey AND "
	  "q.code = a.question ORDER BY a.survey, a.year, a.month, u.code, q.seq, a.question",
	  "tmtttd", 6, { "survey", "period", "respondent", "question", "reply", "weight" } },
};

/* The finance platform's kinds (docs/formats.md, "Finance"): w is money
 * in 万元, exactly. */
static const struct index_export FINANCE_DEFS[] = {
	{ "funds",
	  "SELECT f.code, f.name, u.code, f.bank, f.leverage, f.share_fund, f.share_bank, "
	  "f.share_insurer FROM fin_fund f JOIN unit u ON u.id = f.unit_id ORDER BY f.code",
	  "ttttdddd", 8, { "code", "name", "unit", "bank", "leverage", "share_fund", "share_bank",
	                   "share_insurer" } },
	{ "fund-moves",
	  "SELECT f.code, m.date, m.kind, m.amount, m.note FROM fin_fund_move m JOIN fin_fund f ON "
	  "f.id = m.fund_id ORDER BY f.code, m.date, m.kind",
	  "tttwt", 5, { "fund", "date", "kind", "amount(万元)", "note" } },
	{ "fund-loans",
	  "SELECT l.code, f.code, l.bank, u.code, l.product, l.amount, l.granted, l.due, l.repaid "
	  "FROM fin_loan l JOIN fin_fund f ON f.id = l.fund_id JOIN unit u ON u.id = l.unit_id "
	  "ORDER BY l.code",
	  "tttttwttt", 9, { "code", "fund", "bank", "enterprise", "product", "amount(万元)", "granted",
	                    "due", "repaid" } },
	/* a loan's default before its recoveries */
	{ "fund-events",
	  "SELECT l.code, e.date, e.kind, e.amount, e.note FROM fin_loan_event e JOIN fin_loan l ON "
	  "l.id = e.loan_id ORDER BY l.code, e.date, e.kind",
	  "tttwt", 5, { "loan", "date", "kind", "amount(万元)", "note" } },
	{ "bank-meetings",
	  "SELECT m.code, m.date, m.title, p.code, (SELECT group_concat(b.bank, ';') FROM (SELECT "
	  "bank FROM fin_meeting_bank WHERE meeting_id = m.id ORDER BY bank) b), (SELECT "
	  "group_concat(e.code, ';') FROM (SELECT u.code FROM fin_meeting_ent x JOIN unit u ON "
	  "u.id = x.unit_id WHERE x.meeting_id = m.id ORDER BY u.code) e) FROM fin_meeting m "
	  "LEFT JOIN unit p ON p.id = m.park_id ORDER BY m.code",
	  "tttttt", 6, { "code", "date", "title", "park", "banks", "enterprises" } },
	{ "financing-needs",
	  "SELECT n.code, m.code, u.code, n.channel, n.lender, n.raised, n.amount, n.matched, "
	  "n.granted, n.granted_date FROM fin_need n JOIN unit u ON u.id = n.unit_id LEFT JOIN "
	  "fin_meeting m ON m.id = n.meeting_id ORDER BY n.code",
	  "ttttttwwwt", 10, { "code", "meeting", "enterprise", "channel", "lender", "raised",
	                      "amount(万元)", "matched(万元)", "granted(万元)", "granted_date" } },
	{ "credit-actions",
	  "SELECT u.code, c.bank, c.date, c.kind, c.amount, c.note FROM fin_credit c JOIN unit u ON "
	  "u.id = c.unit_id ORDER BY u.code, c.date, c.bank, c.kind",
	  "ttttwt", 6, { "enterprise", "bank", "date", "kind", "amount(万元)", "note" } },
	{ "guarantees",
	  "SELECT g.code, a.code, b.code, g.bank, g.amount, g.start, g.ends FROM fin_guarantee g "
	  "JOIN unit a ON a.id = g.guarantor_id JOIN unit b ON b.id = g.borrower_id ORDER BY g.code",
	  "ttttwtt", 7, { "code", "guarantor", "borrower", "bank", "amount(万元)", "start", "ends" } },
	{ "interventions",
	  "SELECT u.code, i.date, i.kind, i.bank, i.outcome FROM fin_intervention i JOIN unit u ON "
	  "u.id = i.unit_id ORDER BY u.code, i.date, i.kind",
	  "ttttt", 5, { "enterprise", "date", "kind", "bank", "outcome" } },
};

static int export_index(struct kfq_db *db, const struct index_export *d, struct grid *g,
                        const struct sink *sk, struct kfq_err *err)
{
	struct kfq_stmt *st;
	int rc;

	if (db_prepare(db, d->sql, &st, err) < 0)
		return -1;
	start(g, d->ncols, d->cols, sk);
	while ((rc = st_step(st)) == ST_ROW && !full(g, sk)) {
		int sc = 0;   /* SQL column */
		grid_row(g);
		for (size_t c = 0; c < d->ncols; c++) {
			char buf[64];
			char t = d->types[c];
			int null = st_null(st, sc);
			if (t == 'm') {
				if (!null) {
					snprintf(buf, sizeof buf, "%04d-%02d", st_int(st, sc),
					         st_int(st, sc + 1));
					grid_set(g, c, buf);
				}
				sc += 2;
			} else if (t == 'q') {
				int day = st_int(st, sc + 2);
				if (day)
					snprintf(buf, sizeof buf, "%04d-%02d-%02d", st_int(st, sc),
					         st_int(st, sc + 1), day);
				else
					snprintf(buf, sizeof buf, "%04d-%02d", st_int(st, sc),
					         st_int(st, sc + 1));
				grid_set(g, c, buf);
				sc += 3;
			} else if (t == 'd' || t == 'w') {
				if (!null) {
					dec_format(st_i64(st, sc), t == 'w' ? 4 : 0, -1, buf, sizeof buf);
					grid_set(g, c, buf);
				}
				sc++;
			} else {
				if (!null)
					grid_set(g, c, st_text(st, sc));
				sc++;
			}
		}
	}
	return rows_end(db, st, rc, g, sk, err);
}

/* A value of the data from the statement's row into a new row of g, in
 * measure m (the indicator's: the same for all its rows). */
static void data_row(struct kfq_stmt *st, const struct measure *m, struct grid *g)
{
	char buf[64];
	struct period p = period_span(st_int(st, 2), st_int(st, 3), st_int(st, 4));
	grid_row(g);
	grid_set(g, 0, st_text(st, 0));
	grid_set(g, 1, st_text(st, 1));
	period_format(&p, buf, sizeof buf);
	grid_set(g, 2, buf);
	dec_format(st_i64(st, 5), m ? m->shift : 0, -1, buf, sizeof buf);
	grid_set(g, 3, buf);
	grid_set(g, 4, st_text(st, 6));
}

/* The stored (not derived) indicators' ids in the order of their codes,
 * each with the first and last year it has values in ({0, 0}: none). */
struct ind_years {
	int64_t id;
	int first, last;
};

static int data_keys(struct kfq_db *db, struct ind_years **out, size_t *n, struct kfq_err *err)
{
	/* each bound of each table by its key's first columns: a seek apiece */
	static const char KEYS[] = "SELECT i.id, (SELECT min(year) FROM obs_m WHERE ind_id = i.id), "
	                           "(SELECT max(year) FROM obs_m WHERE ind_id = i.id), "
	                           "(SELECT min(year) FROM obs_ytd WHERE ind_id = i.id), "
	                           "(SELECT max(year) FROM obs_ytd WHERE ind_id = i.id) "
	                           "FROM indicator i WHERE i.derived = 0 ORDER BY i.code";
	struct ind_years *v = NULL;
	size_t cap = 0;
	struct kfq_stmt *st;
	int rc;

	*n = 0;
	if (db_prepare(db, KEYS, &st, err) < 0)
		return -1;
	while ((rc = st_step(st)) == ST_ROW) {
		struct ind_years k = { st_i64(st, 0), 0, 0 };
		for (int c = 1; c <= 3; c += 2)
			if (!st_null(st, c)) {
				if (!k.first || st_int(st, c) < k.first)
					k.first = st_int(st, c);
				if (st_int(st, c + 1) > k.last)
					k.last = st_int(st, c + 1);
			}
		XGROW(v, *n + 1, cap);
		v[(*n)++] = k;
	}
	if (rc != ST_DONE)
		db_fault(db, err, "reading for export");
	st_finalize(st);
	if (rc != ST_DONE) {
		free(v);
		return -1;
	}
	*out = v;
	return 0;
}

/* The data, an indicator-year at a time, in the order of the indicators'
 * codes and the years, each one's values sorted apart (by unit code, then
 * span): one ORDER BY over them all sorted a province's 33 million values
 * at once, in temporary files. */
static int export_data(struct kfq_db *db, const struct export_def *d, struct grid *g,
                       const struct sink *sk, struct kfq_err *err)
{
	struct ind_years *keys;
	struct kfq_stmt *st;
	size_t n;
	int rc = ST_DONE;

	if (data_keys(db, &keys, &n, err) < 0)
		return -1;
	if (db_prepare(db, d->sql, &st, err) < 0) {
		free(keys);
		return -1;
	}
	start(g, d->ncols, d->cols, sk);
	grid_numeric(g, (size_t)d->value_col);
	for (size_t i = 0; i < n && rc == ST_DONE; i++)
		for (int y = keys[i].first; keys[i].first && y <= keys[i].last && rc == ST_DONE; y++) {
			const struct measure *m = NULL;
			st_bind_i64(st, 1, keys[i].id);
			st_bind_int(st, 2, y);
			for (int first = 1; (rc = st_step(st)) == ST_ROW && !full(g, sk); first = 0) {
				if (first)
					m = measure_find(st_text(st, 6), NULL);
				data_row(st, m, g);
			}
			if (rc == ST_DONE)
				st_reset(st);
		}
	free(keys);
	return rows_end(db, st, rc, g, sk, err);
}

static int build(struct kfq_db *db, const char *kind, struct grid *g, const struct sink *sk,
                 struct kfq_err *err)
{
	const struct export_def *d = NULL;
	struct kfq_stmt *st;
	int rc;

	for (size_t i = 0; i < sizeof DEFS / sizeof DEFS[0]; i++)
		if (strcmp(DEFS[i].kind, kind) == 0)
			d = &DEFS[i];
	for (size_t i = 0; !d && i < sizeof PROJECT_DEFS / sizeof PROJECT_DEFS[0]; i++)
		if (strcmp(PROJECT_DEFS[i].kind, kind) == 0)
			return export_project(db, &PROJECT_DEFS[i], g, sk, err);
	for (size_t i = 0; !d && i < sizeof INDEX_DEFS / sizeof INDEX_DEFS[0]; i++)
		if (strcmp(INDEX_DEFS[i].kind, kind) == 0)
			return export_index(db, &INDEX_DEFS[i], g, sk, err);
	for (size_t i = 0; !d && i < sizeof FINANCE_DEFS / sizeof FINANCE_DEFS[0]; i++)
		if (strcmp(FINANCE_DEFS[i].kind, kind) == 0)
			return export_index(db, &FINANCE_DEFS[i], g, sk, err);
	if (!d)
		return kfq_error(err, "unknown export kind \"%s\" (expected units, indicators, groups, "
		                 "data, targets, projects, project-plan, progress, project-problems, leads, "
		                 "lead-stages, households, visits, case-sla, holidays, case-depts, cases, "
		                 "case-events, index-categories, index-weights, index-items, price-quotes, "
		                 "surveys, survey-questions, survey-answers, funds, fund-moves, "
		                 "fund-loans, fund-events, bank-meetings, financing-needs, "
		                 "credit-actions, guarantees, interventions or rules)",
		                 kind);
	if (strcmp(kind, "data") == 0)
		return export_data(db, d, g, sk, err);
	if (db_prepare(db, d->sql, &st, err) < 0)
		return -1;
	start(g, d->ncols, d->cols, sk);
	if (d->value_col >= 0)
		grid_numeric(g, (size_t)d->value_col);
	while ((rc = st_step(st)) == ST_ROW && !full(g, sk)) {
		char buf[64];
		grid_row(g);
		for (size_t c = 0; c < d->ncols; c++) {
			if ((int)c == d->value_col && !st_null(st, (int)c)) {
				const struct measure *m = d->measure_col >= 0
					? measure_find(st_text(st, d->measure_col), NULL)
					: NULL;
				dec_format(st_i64(st, (int)c), m ? m->shift : 0, -1, buf, sizeof buf);
				grid_set(g, c, buf);
			} else {
				grid_set(g, c, st_text(st, (int)c));
			}
		}
	}
	return rows_end(db, st, rc, g, sk, err);
}

int export_build(struct kfq_db *db, const char *kind, struct grid *g, struct kfq_err *err)
{
	return build(db, kind, g, NULL, err);
}

int export_build_max(struct kfq_db *db, const char *kind, size_t max, struct grid *g,
                     struct kfq_err *err)
{
	struct sink sk = { GRID_CSV, NULL, max };
	return build(db, kind, g, &sk, err);
}

int export_stream(struct kfq_db *db, const char *kind, enum grid_format f, FILE *out,
                  struct grid *g, struct kfq_err *err)
{
	struct sink sk = { f, out, 0 };
	memset(g, 0, sizeof *g);
	if (build(db, kind, g, &sk, err) < 0)
		return -1;
	grid_stream_end(g);
	return 0;
}
