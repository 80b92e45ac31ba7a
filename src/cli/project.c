/* project.c: kfq project list|show|stats|warn: the key-project register
 * (重点项目) as a project office reads it: the projects, one project in
 * full, the office's figures for a unit and period, and the warnings to act
 * on. Every figure comes from calc/figure (figure_get, figure_value); this
 * file counts nothing itself, it reads the register and prints. Depends on
 * libkfq. */
#include "cli/cli.h"
#include "base/date.h"
#include "base/xalloc.h"
#include "calc/figure.h"
#include "model/model.h"
#include "project/project.h"
#include "report/grid.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

const struct opt PROJECT_OPTS[] = {
	{ "status", "S", "list: only this status (reserve ... suspended, or 储备 ... 停缓建)" },
	{ "park", "CODE", "list: only the projects under this park" },
	{ "late", NULL, "list: only projects late to start" },
	{ "period", "P", "stats: the period (2017, 2017-08, 2017年1-8月 ...)" },
	{ "unit", "CODE", "stats, warn: the unit (default: the top-level unit)" },
	{ "date", "D", "list, show, warn: the day to judge on (default: today, or $KFQ_TODAY)" },
	{ "threshold", "N", "warn: points behind the share of the year elapsed (default 10)" },
	{ "format", "F", "table, csv or json" },
	{ NULL, NULL, NULL },
};

/* The register: one row per project, the columns of SQL_PROJECTS. */
enum { Q_CODE, Q_NAME, Q_CAT, Q_PARK, Q_PARKNAME, Q_OWNER, Q_IND, Q_LEVEL, Q_TOTAL, Q_PSTART,
       Q_PEND, Q_ASTART, Q_AEND, Q_PROD, Q_STATUS, Q_REASON, Q_MILES, Q_N };
static const char SQL_PROJECTS[] =
	"SELECT u.code, u.name, p.category, pu.code, pu.name, o.code, u.industry, p.key_level, "
	"p.total_inv, p.planned_start, p.planned_end, p.actual_start, p.actual_end, p.production, "
	"p.status, p.status_reason, p.milestones FROM project p JOIN unit u ON u.id = p.unit_id "
	"LEFT JOIN unit pu ON pu.id = u.parent_id LEFT JOIN unit o ON o.id = p.owner_id "
	"WHERE ?1 IS NULL OR u.code = ?1 ORDER BY u.code";

struct prow {
	char *col[Q_N];   /* NULL where empty; Q_TOTAL in exact 元 */
	long u;           /* index in the model's units */
	long inv;         /* its investment indicator (project_inv_indicator), or -1 */
};

struct pctx {
	struct cli *cli;
	const struct cmd *c;
	const struct optv *ov;
	enum grid_format f;
	struct kfq_model m;
	struct figure_ctx fc;
	struct date today;    /* --date, else KFQ_TODAY, else the system date */
	int shift, decimals;  /* how investment is shown: 亿元, key_inv_actual's places */
	struct prow *rows;
	size_t nrows;
};

static const char *opt(const struct pctx *x, const char *name)
{
	return opt_get(x->c, x->ov, name);
}

static int load_projects(struct pctx *x, const char *code)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc;

	if (db_prepare(x->cli->db, SQL_PROJECTS, &st, &x->cli->err) < 0)
		return -1;
	if (code)
		sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct prow *r;
		XGROW(x->rows, x->nrows + 1, cap);
		r = &x->rows[x->nrows++];
		for (int k = 0; k < Q_N; k++) {
			const char *s = (const char *)sqlite3_column_text(st, k);
			r->col[k] = s && *s ? xstrdup(s) : NULL;
		}
		r->u = units_find(&x->m.units, r->col[Q_CODE]);
		r->inv = indicators_find(&x->m.inds, project_inv_indicator(r->col[Q_CAT]));
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_fault(x->cli->db, &x->cli->err, "reading projects");
}

static void put_money(const struct pctx *x, struct grid *g, size_t col, dec v)
{
	char buf[64];
	dec_format(v, x->shift, x->decimals, buf, sizeof buf);
	grid_set(g, col, buf);
}

static void put_tenths(struct grid *g, size_t col, int ok, int64_t t)
{
	char buf[32];
	if (ok) {
		dec_format_tenths(t, buf, sizeof buf);
		grid_set(g, col, buf);
	}
}

static const char *status_text(const struct pctx *x, const char *s)
{
	for (int i = 0; s && PROJECT_STATUS[i]; i++)
		if (strcmp(s, PROJECT_STATUS[i]) == 0)
			return x->f == GRID_TABLE ? PROJECT_STATUS_ZH[i] : s;
	return s;
}

static int ind_need(const struct pctx *x, const char *code, long *i)
{
	if ((*i = indicators_find(&x->m.inds, code)) >= 0)
		return 0;
	return kfq_error(&x->cli->err, "project: no project figures yet (indicator \"%s\" is "
	                 "missing): import projects first (kfq import projects FILE)", code);
}

/* The year to date of investment indicator ind at unit u in year at month,
 * or, when that is not known (a project files year-to-date totals now and
 * then), at the latest earlier month that is. Returns 1 with *f and *at; 0
 * when nothing is known through month (*f and *at then are those of
 * [1, month], the plan among them); -1 on error. */
static int latest_ytd(struct pctx *x, long ind, size_t u, int year, int month,
                      struct figure *f, struct period *at)
{
	int m = month, r = 0;
	dec v;
	for (; m >= 1; m--)
		if ((r = figure_value(&x->fc, (size_t)ind, u, year, 1, m, year, &v, &x->cli->err)) != 0)
			break;
	if (r < 0)
		return -1;
	if (!r)
		m = month;
	at->year = year;
	at->kind = m == 12 ? PERIOD_YEAR : PERIOD_YTD;
	at->first = 1;
	at->last = m;
	return figure_get(&x->fc, (size_t)ind, u, at, f, &x->cli->err) < 0 ? -1 : r;
}

/* ---- list ---- */

enum { L_CODE, L_NAME, L_CAT, L_PARK, L_STATUS, L_PSTART, L_ASTART, L_TOTAL, L_PLAN, L_YTD,
       L_THROUGH, L_N };
static const char *const L_KEYS[L_N] = {
	"code", "name", "category", "park", "status", "planned_start", "actual_start",
	"total_investment", "plan", "ytd_investment", "ytd_period",
};
static const char *const L_HEADS[L_N] = {
	"项目代码", "项目名称", "类别", "所在园区", "状态", "计划开工", "实际开工", "总投资(亿元)",
	"年度计划(亿元)", "累计完成(亿元)", "截至",
};

/* Late to start at today: the planned month has passed without a start, or
 * it started after the planned month. */
static int is_late(const struct pctx *x, const struct prow *r)
{
	char month[16], day[16];
	const char *ps = r->col[Q_PSTART], *as = r->col[Q_ASTART];
	if (!ps)
		return 0;
	snprintf(month, sizeof month, "%04d-%02d", x->today.year, x->today.month);
	date_format(&x->today, day, sizeof day);
	if (!as || strcmp(as, day) > 0)
		return strcmp(ps, month) < 0;
	return strncmp(as, ps, 7) > 0;
}

static int list_status(struct pctx *x, const char **status)
{
	const char *s = opt(x, "status");
	char en[128] = "", zh[128] = "";
	*status = NULL;
	if (!s)
		return 0;
	for (int i = 0; PROJECT_STATUS[i]; i++) {
		if (strcmp(s, PROJECT_STATUS[i]) == 0 || strcmp(s, PROJECT_STATUS_ZH[i]) == 0) {
			*status = PROJECT_STATUS[i];
			return 0;
		}
		snprintf(en + strlen(en), sizeof en - strlen(en), "%s%s", i ? ", " : "",
		         PROJECT_STATUS[i]);
		snprintf(zh + strlen(zh), sizeof zh - strlen(zh), "%s%s", i ? ", " : "",
		         PROJECT_STATUS_ZH[i]);
	}
	return kfq_error(&x->cli->err, "project list: --status \"%s\" (expected %s; or %s)", s, en, zh);
}

/* The park named by --park: a unit of kind park, or one that has projects. */
static int list_park(struct pctx *x, long *park)
{
	const char *s = opt(x, "park");
	const struct unit_set *us = &x->m.units;
	char *known = xstrdup("");
	*park = -1;
	if (!s) {
		free(known);
		return 0;
	}
	for (size_t i = 0; i < us->n; i++) {
		int has_projects = 0;
		for (size_t k = 0; k < us->v[i].nchildren && !has_projects; k++)
			has_projects = strcmp(us->v[us->v[i].children[k]].kind, "project") == 0;
		if (!has_projects && strcmp(us->v[i].kind, "park") != 0)
			continue;
		if (strcmp(us->v[i].code, s) == 0) {
			*park = (long)i;
			free(known);
			return 0;
		}
		char *more = xasprintf("%s%s%s", known, *known ? ", " : "", us->v[i].code);
		free(known);
		known = more;
	}
	kfq_error(&x->cli->err, "project list: --park \"%s\" is not a park (expected one of: %s)", s,
	          *known ? known : "none yet; import units first");
	free(known);
	return -1;
}

static int sub_list(struct pctx *x)
{
	const char *status;
	long park;
	struct grid g;
	int rc = 0;

	if (list_status(x, &status) < 0 || list_park(x, &park) < 0 || load_projects(x, NULL) < 0)
		return -1;
	grid_init(&g, L_N, L_KEYS, x->f == GRID_TABLE ? L_HEADS : L_KEYS);
	for (int k = L_TOTAL; k <= L_YTD; k++)
		grid_numeric(&g, (size_t)k);
	for (size_t i = 0; i < x->nrows && rc == 0; i++) {
		const struct prow *r = &x->rows[i];
		char buf[64];
		if ((status && strcmp(r->col[Q_STATUS], status) != 0) ||
		    (park >= 0 && (r->u < 0 || !units_within(&x->m.units, (size_t)r->u, (size_t)park))) ||
		    (opt(x, "late") && !is_late(x, r)))
			continue;
		grid_row(&g);
		grid_set(&g, L_CODE, r->col[Q_CODE]);
		grid_set(&g, L_NAME, r->col[Q_NAME]);
		grid_set(&g, L_CAT, r->col[Q_CAT]);
		grid_set(&g, L_PARK, r->col[x->f == GRID_TABLE ? Q_PARKNAME : Q_PARK]);
		grid_set(&g, L_STATUS, status_text(x, r->col[Q_STATUS]));
		grid_set(&g, L_PSTART, r->col[Q_PSTART]);
		grid_set(&g, L_ASTART, r->col[Q_ASTART]);
		put_money(x, &g, L_TOTAL, r->col[Q_TOTAL] ? strtoll(r->col[Q_TOTAL], NULL, 10) : 0);
		if (r->inv >= 0 && r->u >= 0) {
			struct figure f;
			struct period at;
			int got = latest_ytd(x, r->inv, (size_t)r->u, x->today.year, x->today.month, &f, &at);
			if (got < 0) {
				rc = -1;
				break;
			}
			if (f.has & FIG_TARGET)
				put_money(x, &g, L_PLAN, f.target);
			if (got) {
				put_money(x, &g, L_YTD, f.ytd);
				period_format(&at, buf, sizeof buf);
				grid_set(&g, L_THROUGH, buf);
			}
		}
	}
	if (rc == 0)
		grid_write(&g, x->f, x->cli->out);
	grid_release(&g);
	return rc;
}

/* ---- show ---- */

static const char *const A_KEYS[Q_N] = {
	"code", "name", "category", "park", "park_name", "owner", "industry", "key_level",
	"total_investment", "planned_start", "planned_end", "actual_start", "actual_end",
	"production", "status", "reason", "milestones",
};
static const char *const A_HEADS[Q_N] = {
	"项目代码", "项目名称", "类别", "所在园区", "园区名称", "业主单位", "行业", "重点级别",
	"总投资(亿元)", "计划开工", "计划竣工", "实际开工", "实际竣工", "投产日期", "状态", "原因",
	"节点",
};

/* A section of the table format: its heading, then its grid or "无". */
static void section(const struct pctx *x, const char *title, const struct grid *g)
{
	fprintf(x->cli->out, "\n%s\n", title);
	if (g->nrows)
		grid_write(g, GRID_TABLE, x->cli->out);
	else
		fprintf(x->cli->out, "无\n");
}

static void show_attributes(struct pctx *x, const struct prow *r)
{
	static const char *const KV[2] = { "attribute", "value" }, *const KV_ZH[2] = { "项目", "内容" };
	struct grid g;
	char buf[64];
	int table = x->f == GRID_TABLE;

	grid_init(&g, table ? 2 : Q_N, table ? KV : A_KEYS, table ? KV_ZH : A_KEYS);
	if (!table) {
		grid_numeric(&g, Q_TOTAL);
		grid_row(&g);
	}
	for (int k = 0; k < Q_N; k++) {
		const char *v = r->col[k];
		if (k == Q_TOTAL) {
			dec_format(v ? strtoll(v, NULL, 10) : 0, x->shift, x->decimals, buf, sizeof buf);
			v = buf;
		} else if (k == Q_STATUS) {
			v = status_text(x, v);
		}
		if (table && k == Q_PARK) {
			grid_row(&g);
			grid_set(&g, 0, A_HEADS[k]);
			grid_setf(&g, 1, "%s %s", v ? v : "", r->col[Q_PARKNAME] ? r->col[Q_PARKNAME] : "");
		} else if (table && k != Q_PARKNAME) {
			grid_row(&g);
			grid_set(&g, 0, A_HEADS[k]);
			grid_set(&g, 1, v);
		} else if (!table) {
			grid_set(&g, (size_t)k, v);
		}
	}
	if (table)
		fprintf(x->cli->out, "项目 %s %s\n\n", r->col[Q_CODE], r->col[Q_NAME]);
	grid_write(&g, x->f, x->cli->out);
	grid_release(&g);
}

static int show_plans(struct pctx *x, const struct prow *r, sqlite3_stmt *st)
{
	static const char *const K[5] = { "year", "plan", "ytd_investment", "ytd_period", "completion" };
	static const char *const H[5] = { "年度", "计划投资(亿元)", "累计完成(亿元)", "截至", "完成(%)" };
	struct grid g;
	int rc;

	grid_init(&g, 5, K, H);
	for (int k = 1; k < 5; k++)
		if (k != 3)
			grid_numeric(&g, (size_t)k);
	sqlite3_bind_int64(st, 1, x->m.inds.v[r->inv].id);
	sqlite3_bind_int64(st, 2, x->m.units.v[r->u].id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct figure f;
		struct period at;
		char buf[32];
		int year = sqlite3_column_int(st, 0), got;
		if ((got = latest_ytd(x, r->inv, (size_t)r->u, year, 12, &f, &at)) < 0)
			break;
		grid_row(&g);
		grid_setf(&g, 0, "%d", year);
		if (f.has & FIG_TARGET)
			put_money(x, &g, 1, f.target);
		if (got) {
			put_money(x, &g, 2, f.ytd);
			period_format(&at, buf, sizeof buf);
			grid_set(&g, 3, buf);
			put_tenths(&g, 4, f.has & FIG_COMPLETION, f.completion);
		}
	}
	if (rc == SQLITE_DONE)
		section(x, "年度计划", &g);
	else if (rc == SQLITE_ROW)
		rc = -1;
	else
		db_fault(x->cli->db, &x->cli->err, "reading project plans");
	grid_release(&g);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* Investment filed, physical progress and the note, by the month they end. */
static int show_progress(struct pctx *x, const struct prow *r, sqlite3_stmt *st)
{
	static const char *const K[4] = { "period", "investment", "physical", "note" };
	static const char *const H[4] = { "期间", "完成投资(亿元)", "形象进度(%)", "备注" };
	long phys = indicators_find(&x->m.inds, "physical_progress");
	struct grid g;
	int rc;

	grid_init(&g, 4, K, H);
	grid_numeric(&g, 1);
	grid_numeric(&g, 2);
	sqlite3_bind_int64(st, 1, x->m.inds.v[r->inv].id);
	sqlite3_bind_int64(st, 2, phys >= 0 ? x->m.inds.v[phys].id : -1);
	sqlite3_bind_int64(st, 3, x->m.units.v[r->u].id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int year = sqlite3_column_int(st, 0), last = sqlite3_column_int(st, 1);
		int first = sqlite3_column_type(st, 2) == SQLITE_NULL ? last : sqlite3_column_int(st, 2);
		struct period p = { year, first == last ? PERIOD_MONTH : PERIOD_YTD, first, last };
		char buf[64];
		grid_row(&g);
		period_format(&p, buf, sizeof buf);
		grid_set(&g, 0, buf);
		if (sqlite3_column_type(st, 3) != SQLITE_NULL)
			put_money(x, &g, 1, sqlite3_column_int64(st, 3));
		if (sqlite3_column_type(st, 4) != SQLITE_NULL) {
			dec_format(sqlite3_column_int64(st, 4), 0, phys >= 0 ? x->m.inds.v[phys].decimals : 1,
			           buf, sizeof buf);
			grid_set(&g, 2, buf);
		}
		grid_set(&g, 3, (const char *)sqlite3_column_text(st, 5));
	}
	if (rc == SQLITE_DONE)
		section(x, "进度", &g);
	else
		db_fault(x->cli->db, &x->cli->err, "reading project progress");
	grid_release(&g);
	return rc == SQLITE_DONE ? 0 : -1;
}

static int show_problems(struct pctx *x, const struct prow *r, sqlite3_stmt *st)
{
	static const char *const K[5] = { "raised", "description", "dept", "deadline", "resolved" };
	static const char *const H[5] = { "提出日期", "问题", "责任部门", "办结时限", "解决" };
	char day[16];
	struct grid g;
	int rc;

	date_format(&x->today, day, sizeof day);
	grid_init(&g, 5, K, H);
	sqlite3_bind_text(st, 1, r->col[Q_CODE], -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *dl = (const char *)sqlite3_column_text(st, 3);
		const char *res = (const char *)sqlite3_column_text(st, 4);
		grid_row(&g);
		for (int k = 0; k < 4; k++)
			grid_set(&g, (size_t)k, (const char *)sqlite3_column_text(st, k));
		grid_set(&g, 4, res ? res : dl && strcmp(dl, day) < 0 ? "overdue" : "open");
	}
	if (rc == SQLITE_DONE)
		section(x, "问题", &g);
	else
		db_fault(x->cli->db, &x->cli->err, "reading project problems");
	grid_release(&g);
	return rc == SQLITE_DONE ? 0 : -1;
}

static void put_hist_value(const struct pctx *x, struct grid *g, size_t col, sqlite3_stmt *st,
                           int i)
{
	const char *ic = (const char *)sqlite3_column_text(st, 3);
	long d = ic ? indicators_find(&x->m.inds, ic) : -1;
	char buf[64];
	if (sqlite3_column_type(st, i) == SQLITE_NULL)
		return;
	dec_format(sqlite3_column_int64(st, i), d >= 0 ? x->m.inds.v[d].measure->shift : 0, -1, buf,
	           sizeof buf);
	grid_set(g, col, buf);
}

static int show_history(struct pctx *x, const struct prow *r, sqlite3_stmt *st)
{
	static const char *const K[8] = { "at", "who", "kind", "indicator", "period", "old_value",
	                                  "new_value", "note" };
	static const char *const H[8] = { "时间", "操作人", "类别", "指标", "期间", "原值", "新值",
	                                  "说明" };
	struct grid g;
	int rc;

	grid_init(&g, 8, K, H);
	sqlite3_bind_text(st, 1, r->col[Q_CODE], -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		grid_row(&g);
		for (int k = 0; k < 5; k++)
			grid_set(&g, (size_t)k, (const char *)sqlite3_column_text(st, k));
		put_hist_value(x, &g, 5, st, 5);
		put_hist_value(x, &g, 6, st, 6);
		grid_set(&g, 7, (const char *)sqlite3_column_text(st, 7));
	}
	if (rc == SQLITE_DONE)
		section(x, "变更记录", &g);
	else
		db_fault(x->cli->db, &x->cli->err, "reading history");
	grid_release(&g);
	return rc == SQLITE_DONE ? 0 : -1;
}

static int sub_show(struct pctx *x)
{
	static const char *const SQL[4] = {
		"SELECT DISTINCT year FROM target WHERE ind_id = ?1 AND unit_id = ?2 ORDER BY year",
		"WITH inv AS (SELECT year, last, first, value FROM obs WHERE ind_id = ?1 AND "
		"unit_id = ?3), ph AS (SELECT year, last, value FROM obs WHERE ind_id = ?2 AND "
		"unit_id = ?3), nt AS (SELECT year, month AS last, note FROM project_note WHERE "
		"unit_id = ?3), k AS (SELECT year, last FROM inv UNION SELECT year, last FROM ph UNION "
		"SELECT year, last FROM nt) SELECT k.year, k.last, inv.first, inv.value, ph.value, "
		"nt.note FROM k LEFT JOIN inv USING (year, last) LEFT JOIN ph USING (year, last) LEFT "
		"JOIN nt USING (year, last) ORDER BY k.year, k.last, inv.first DESC",
		"SELECT pb.raised, pb.description, pb.dept, pb.deadline, pb.resolved FROM "
		"project_problem pb JOIN unit u ON u.id = pb.unit_id WHERE u.code = ?1 "
		"ORDER BY pb.raised, pb.id",
		"SELECT at, who, kind, indicator, period, old_value, new_value, note FROM history "
		"WHERE unit = ?1 ORDER BY id",
	};
	int (*const part[4])(struct pctx *, const struct prow *, sqlite3_stmt *) = {
		show_plans, show_progress, show_problems, show_history,
	};
	const struct prow *r;

	if (load_projects(x, x->ov->pos[1]) < 0)
		return -1;
	if (x->nrows == 0 || x->rows[0].u < 0)
		return kfq_error(&x->cli->err, "project show: unknown project \"%s\" (see kfq project "
		                 "list)", x->ov->pos[1]);
	r = &x->rows[0];
	show_attributes(x, r);
	if (x->f != GRID_TABLE)
		return 0;
	for (int k = 0; k < 4; k++) {
		sqlite3_stmt *st;
		int rc;
		if (k < 2 && r->inv < 0)
			continue;
		if (db_prepare(x->cli->db, SQL[k], &st, &x->cli->err) < 0)
			return -1;
		rc = part[k](x, r, st);
		sqlite3_finalize(st);
		if (rc < 0)
			return -1;
	}
	return 0;
}

/* ---- stats ---- */

enum { S_UNIT, S_PERIOD, S_KEY, S_PLANNED, S_STARTED, S_ONTIME, S_LATE, S_RATE, S_INV, S_PLAN,
       S_COMPLETION, S_TIMEPROP, S_COMPLETED, S_PRODUCTION, S_N };
static const char *const S_KEYS[S_N] = {
	"unit", "period", "key_projects", "planned_starts", "started", "started_on_time",
	"started_late", "start_rate", "investment", "plan", "completion", "time_progress",
	"completed", "in_production",
};
static const char *const S_HEADS[S_N] = {
	"单位", "期间", "重点项目", "计划开工", "已开工", "其中按期", "其中延期", "开工率(%)",
	"完成投资(亿元)", "年度计划(亿元)", "完成年度计划(%)", "序时进度(%)", "竣工", "投产",
};
/* The indicator behind each figure column (NULL: from key_inv_actual's figure). */
static const char *const S_IND[S_N] = {
	NULL, NULL, "key_projects", "planned_starts", "started", "started_on_time", "started_late",
	"start_rate", "key_inv_actual", NULL, NULL, NULL, "projects_completed",
	"projects_in_production",
};

static int sub_stats(struct pctx *x)
{
	static const char *const KV[2] = { "figure", "value" }, *const KV_ZH[2] = { "指标", "数值" };
	const char *ps = opt(x, "period");
	char *cell[S_N] = { NULL };
	struct period p, ytd;
	struct figure inv = { 0 };
	struct grid g;
	long u, ind[S_N];
	char buf[64];

	if (!ps)
		return kfq_error(&x->cli->err, "project stats: --period is required (%s)", PERIOD_FORMS);
	if (period_parse(ps, &p, &x->cli->err) < 0)
		return kfq_err_prefix(&x->cli->err, "project stats: --period");
	if ((u = model_unit_or_root(&x->m, opt(x, "unit"), &x->cli->err)) < 0)
		return -1;
	for (int k = 0; k < S_N; k++)
		if (S_IND[k] && ind_need(x, S_IND[k], &ind[k]) < 0)
			return -1;
	ytd = period_ytd(&p);
	/* counts at the period's end: key projects are a level, the rest year to date */
	for (int k = S_KEY; k < S_N; k++) {
		const struct indicator *d;
		struct figure f;
		if (!S_IND[k])
			continue;
		d = &x->m.inds.v[ind[k]];
		if (figure_get(&x->fc, (size_t)ind[k], (size_t)u, &p, &f, &x->cli->err) < 0)
			goto fail;
		if (k == S_INV)
			inv = f;
		if (f.has & FIG_YTD) {
			dec_format(f.ytd, d->measure->shift, d->decimals, buf, sizeof buf);
			cell[k] = xstrdup(buf);
		}
	}
	if (inv.has & FIG_TARGET) {
		dec_format(inv.target, x->shift, x->decimals, buf, sizeof buf);
		cell[S_PLAN] = xstrdup(buf);
	}
	if (inv.has & FIG_COMPLETION) {
		dec_format_tenths(inv.completion, buf, sizeof buf);
		cell[S_COMPLETION] = xstrdup(buf);
	}
	if (inv.has & FIG_TIMEPROP) {
		dec_format_tenths(inv.timeprop, buf, sizeof buf);
		cell[S_TIMEPROP] = xstrdup(buf);
	}
	cell[S_UNIT] = xstrdup(x->m.units.v[u].code);
	period_format(&ytd, buf, sizeof buf);
	cell[S_PERIOD] = xstrdup(buf);
	if (x->f == GRID_TABLE) {
		period_label_zh(&ytd, buf, sizeof buf);
		fprintf(x->cli->out, "%s重点项目（%s）\n\n", x->m.units.v[u].name, buf);
		grid_init(&g, 2, KV, KV_ZH);
		grid_numeric(&g, 1);
		for (int k = S_KEY; k < S_N; k++) {
			grid_row(&g);
			grid_set(&g, 0, S_HEADS[k]);
			grid_set(&g, 1, cell[k]);
		}
	} else {
		grid_init(&g, S_N, S_KEYS, S_KEYS);
		for (int k = S_KEY; k < S_N; k++)
			grid_numeric(&g, (size_t)k);
		grid_row(&g);
		for (int k = 0; k < S_N; k++)
			grid_set(&g, (size_t)k, cell[k]);
	}
	grid_write(&g, x->f, x->cli->out);
	grid_release(&g);
	for (int k = 0; k < S_N; k++)
		free(cell[k]);
	return 0;
fail:
	for (int k = 0; k < S_N; k++)
		free(cell[k]);
	return -1;
}

/* ---- warn ---- */

enum { W_KIND, W_CODE, W_NAME, W_PARK, W_DETAIL, W_N };
static const char *const W_KEYS[W_N] = { "kind", "project", "name", "park", "detail" };
static const char *const W_HEADS[W_N] = { "预警", "项目代码", "项目名称", "所在园区", "说明" };

static void warn_row(const struct pctx *x, struct grid *g, const char *kind, const char *code,
                     const char *name, const char *park, const char *parkname, char *detail)
{
	grid_row(g);
	grid_set(g, W_KIND, kind);
	grid_set(g, W_CODE, code);
	grid_set(g, W_NAME, name);
	grid_set(g, W_PARK, x->f == GRID_TABLE ? parkname : park);
	grid_set(g, W_DETAIL, detail);
	free(detail);
}

/* Projects with a plan for the year whose completion is more than
 * threshold points (in tenths) below the share of the year elapsed. */
static int warn_behind(struct pctx *x, struct grid *g, long root, int64_t threshold)
{
	for (size_t i = 0; i < x->nrows; i++) {
		const struct prow *r = &x->rows[i];
		char plan[64], at_s[32], d1[32], d2[32];
		struct figure f;
		struct period at;
		int64_t done, elapsed;
		int got;
		if (r->u < 0 || r->inv < 0 || !units_within(&x->m.units, (size_t)r->u, (size_t)root))
			continue;
		got = latest_ytd(x, r->inv, (size_t)r->u, x->today.year, x->today.month, &f, &at);
		if (got < 0)
			return -1;
		if (!(f.has & FIG_TARGET) || f.target <= 0 || (got && !(f.has & FIG_COMPLETION)))
			continue;
		done = got ? f.completion : 0;
		elapsed = (at.last * 1000 + 6) / 12;
		if (elapsed - done <= threshold)
			continue;
		dec_format(f.target, x->shift, x->decimals, plan, sizeof plan);
		period_format(&at, at_s, sizeof at_s);
		dec_format_tenths(done, d1, sizeof d1);
		dec_format_tenths(elapsed, d2, sizeof d2);
		warn_row(x, g, "behind schedule", r->col[Q_CODE], r->col[Q_NAME], r->col[Q_PARK],
		         r->col[Q_PARKNAME],
		         got ? xasprintf("%s: %s%% of the %d plan (%s 亿元) against %s%% of the year "
		                         "elapsed", at_s, d1, x->today.year, plan, d2)
		             : xasprintf("no year-to-date investment filed through %s: 0%% of the %d "
		                         "plan (%s 亿元) against %s%% of the year elapsed", at_s,
		                         x->today.year, plan, d2));
	}
	return 0;
}

static int warn_problems(struct pctx *x, struct grid *g, long root)
{
	static const char SQL[] =
		"SELECT u.code, u.name, pu.code, pu.name, pb.description, pb.dept, pb.deadline FROM "
		"project_problem pb JOIN unit u ON u.id = pb.unit_id LEFT JOIN unit pu ON "
		"pu.id = u.parent_id WHERE pb.deadline < ?1 AND (pb.resolved IS NULL OR "
		"pb.resolved > ?1) ORDER BY pb.deadline, u.code, pb.id";
	sqlite3_stmt *st;
	char day[16];
	int rc;

	date_format(&x->today, day, sizeof day);
	if (db_prepare(x->cli->db, SQL, &st, &x->cli->err) < 0)
		return -1;
	sqlite3_bind_text(st, 1, day, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *code = (const char *)sqlite3_column_text(st, 0);
		const char *dl = (const char *)sqlite3_column_text(st, 6);
		long u = units_find(&x->m.units, code);
		struct date d;
		long late = 0;
		struct kfq_err ignore;
		if (u < 0 || !units_within(&x->m.units, (size_t)u, (size_t)root))
			continue;
		if (date_parse(dl, &d, &ignore) == 0)
			late = date_days(&d, &x->today);
		warn_row(x, g, "overdue problem", code, (const char *)sqlite3_column_text(st, 1),
		         (const char *)sqlite3_column_text(st, 2),
		         (const char *)sqlite3_column_text(st, 3),
		         xasprintf("%s; %s; deadline %s; %ld day%s overdue",
		                   (const char *)sqlite3_column_text(st, 4),
		                   (const char *)sqlite3_column_text(st, 5), dl, late,
		                   late == 1 ? "" : "s"));
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_fault(x->cli->db, &x->cli->err, "reading problems");
}

static int sub_warn(struct pctx *x)
{
	const char *ts = opt(x, "threshold");
	char month[16], day[16];
	long root, threshold = 10;
	struct grid g;
	int rc = 0;

	if (ts) {
		char *end;
		threshold = strtol(ts, &end, 10);
		if (!*ts || *end || threshold < 0 || threshold > 100)
			return kfq_error(&x->cli->err, "project warn: --threshold \"%s\" (expected whole "
			                 "percentage points from 0 to 100)", ts);
	}
	if ((root = model_unit_or_root(&x->m, opt(x, "unit"), &x->cli->err)) < 0 ||
	    load_projects(x, NULL) < 0)
		return -1;
	snprintf(month, sizeof month, "%04d-%02d", x->today.year, x->today.month);
	date_format(&x->today, day, sizeof day);
	grid_init(&g, W_N, W_KEYS, x->f == GRID_TABLE ? W_HEADS : W_KEYS);
	/* (1) planned to start before this month, not started by today */
	for (size_t i = 0; i < x->nrows; i++) {
		const struct prow *r = &x->rows[i];
		if (r->u < 0 || !units_within(&x->m.units, (size_t)r->u, (size_t)root) ||
		    !r->col[Q_PSTART] || strcmp(r->col[Q_PSTART], month) >= 0 ||
		    (r->col[Q_ASTART] && strcmp(r->col[Q_ASTART], day) <= 0) ||
		    strcmp(r->col[Q_STATUS], "suspended") == 0)
			continue;
		warn_row(x, &g, "not started", r->col[Q_CODE], r->col[Q_NAME], r->col[Q_PARK],
		         r->col[Q_PARKNAME], xasprintf("planned start %s; status %s", r->col[Q_PSTART],
		                                       r->col[Q_STATUS]));
	}
	/* (2) investment behind the share of the year elapsed; (3) overdue problems */
	rc = warn_behind(x, &g, root, threshold * 10);
	if (rc == 0)
		rc = warn_problems(x, &g, root);
	/* (4) suspended */
	for (size_t i = 0; rc == 0 && i < x->nrows; i++) {
		const struct prow *r = &x->rows[i];
		if (r->u >= 0 && units_within(&x->m.units, (size_t)r->u, (size_t)root) &&
		    strcmp(r->col[Q_STATUS], "suspended") == 0)
			warn_row(x, &g, "suspended", r->col[Q_CODE], r->col[Q_NAME], r->col[Q_PARK],
			         r->col[Q_PARKNAME], xstrdup(r->col[Q_REASON] ? r->col[Q_REASON] : ""));
	}
	if (rc == 0) {
		if (x->f == GRID_TABLE)
			fprintf(x->cli->out, "%s重点项目预警（%s）\n\n", x->m.units.v[root].name, day);
		grid_write(&g, x->f, x->cli->out);
	}
	grid_release(&g);
	return rc;
}

/* ---- the subcommands ---- */

static const struct {
	const char *name;
	int (*fn)(struct pctx *x);
	int npos;              /* arguments after the subcommand */
	const char *const opts[8];   /* the options it takes */
} SUBS[] = {
	{ "list", sub_list, 0, { "status", "park", "late", "date", "format", NULL } },
	{ "show", sub_show, 1, { "date", "format", NULL } },
	{ "stats", sub_stats, 0, { "period", "unit", "format", NULL } },
	{ "warn", sub_warn, 0, { "date", "threshold", "unit", "format", NULL } },
};
#define NSUBS (sizeof SUBS / sizeof SUBS[0])

static int takes(size_t s, const char *name)
{
	for (int k = 0; SUBS[s].opts[k]; k++)
		if (strcmp(SUBS[s].opts[k], name) == 0)
			return 1;
	return 0;
}

/* Check the arguments against the subcommand; -1 with a message. */
static int check_args(struct pctx *x, size_t s)
{
	const char *name = SUBS[s].name;
	if (x->ov->npos - 1 != SUBS[s].npos)
		return kfq_error(&x->cli->err, "project %s: %s (usage: kfq project %s%s)", name,
		                 x->ov->npos - 1 < SUBS[s].npos ? "missing argument"
		                 : "unexpected argument", name, SUBS[s].npos ? " CODE" : "");
	for (int i = 0; x->c->opts[i].name; i++) {
		if (!x->ov->val[i] || takes(s, x->c->opts[i].name))
			continue;
		char list[160] = "";
		for (int k = 0; SUBS[s].opts[k]; k++)
			snprintf(list + strlen(list), sizeof list - strlen(list), "%s--%s",
			         k ? ", " : "", SUBS[s].opts[k]);
		return kfq_error(&x->cli->err, "project %s: --%s does not apply (it takes %s)", name,
		                 x->c->opts[i].name, list);
	}
	return 0;
}

/* --date, else $KFQ_TODAY, else the system's date. */
static int today(struct pctx *x, const char *sub)
{
	const char *s = opt(x, "date"), *env = getenv("KFQ_TODAY");
	if (s)
		return date_parse(s, &x->today, &x->cli->err) < 0
		       ? kfq_err_prefix(&x->cli->err, "project %s: --date", sub) : 0;
	if (env && *env)
		return date_parse(env, &x->today, &x->cli->err) < 0
		       ? kfq_err_prefix(&x->cli->err, "KFQ_TODAY") : 0;
	time_t t = time(NULL);
	struct tm tm;
	if (!localtime_r(&t, &tm))
		return kfq_fault(&x->cli->err, "reading the system date failed");
	x->today.year = tm.tm_year + 1900;
	x->today.month = tm.tm_mon + 1;
	x->today.day = tm.tm_mday;
	return 0;
}

int cmd_project(struct cli *cli, const struct optv *ov)
{
	struct pctx x;
	size_t s;
	long inv;
	int rc;

	memset(&x, 0, sizeof x);
	x.cli = cli;
	x.c = cmd_find("project");
	x.ov = ov;
	for (s = 0; s < NSUBS && strcmp(SUBS[s].name, ov->pos[0]) != 0; s++)
		;
	if (s == NSUBS) {
		kfq_error(&cli->err, "project: unknown subcommand \"%s\" (expected list, show, stats or "
		          "warn; see kfq project --help)", ov->pos[0]);
		return cli_fail(cli);
	}
	if (check_args(&x, s) < 0 || grid_parse_format(opt(&x, "format"), 0, &x.f, &cli->err) < 0 ||
	    (takes(s, "date") && today(&x, SUBS[s].name) < 0))
		return cli_fail(cli);
	if (model_load(cli->db, &x.m, &cli->err) < 0)
		return cli_fail(cli);
	inv = indicators_find(&x.m.inds, "key_inv_actual");
	x.shift = 8;   /* 亿元 */
	x.decimals = inv >= 0 ? x.m.inds.v[inv].decimals : 2;
	figure_ctx_init(&x.fc, cli->db, &x.m.units, &x.m.inds);
	rc = SUBS[s].fn(&x);
	for (size_t i = 0; i < x.nrows; i++)
		for (int k = 0; k < Q_N; k++)
			free(x.rows[i].col[k]);
	free(x.rows);
	figure_ctx_release(&x.fc);
	model_release(&x.m);
	return rc == 0 ? EXIT_OK : cli_fail(cli);
}
