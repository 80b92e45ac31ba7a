/* import_project.c: the import kinds of the key-project register:
 * projects, project-plan, progress and project-problems (formats:
 * docs/formats.md). The driver is io/import.c. Depends on base, store,
 * model, project. */
#include "io/import_kind.h"
#include "base/date.h"
#include "base/measure.h"
#include "project/project.h"

#include <stdio.h>
#include <string.h>

/* ---- projects ---- */
enum { P_CODE, P_NAME, P_CAT, P_PARK, P_OWNER, P_IND, P_LEVEL, P_TOTAL, P_PSTART, P_ASTART,
       P_PEND, P_AEND, P_PROD, P_STATUS, P_REASON, P_REOPEN, P_MILES };
static const struct column_def PROJECT_COLS[] = {
	{ "code", "项目代码|代码", 1 },
	{ "name", "项目名称|名称", 1 },
	{ "category", "类别|项目类别", 1 },
	{ "park", "所在园区|园区", 1 },
	{ "owner", "业主单位|业主", 0 },
	{ "industry", "行业", 0 },
	{ "key_level", "重点级别|级别", 0 },
	{ "total_investment", "总投资", 1 },
	{ "planned_start", "计划开工", 0 },
	{ "actual_start", "实际开工", 0 },
	{ "planned_end", "计划竣工", 0 },
	{ "actual_end", "实际竣工", 0 },
	{ "production", "投产日期|投产", 0 },
	{ "status", "状态", 1 },
	{ "reason", "原因", 0 },
	{ "reopen", "重新打开", 0 },
	{ "milestones", "节点|形象节点", 0 },
};

/* The measure a value column's header gives, 万元 by default. */
static int header_shift(struct ictx *c, int col, int *shift, struct kfq_err *err)
{
	const struct measure *m;
	const char *name = c->map.measure[col][0] ? c->map.measure[col] : "万元";
	if (!(m = measure_find(name, err)))
		return -1;
	if (strcmp(m->family, "元") != 0)
		return kfq_error(err, "%s is not a measure of money in 元", m->name);
	*shift = m->shift;
	return 0;
}

/* An account's import (a web one): the project, if it is in the register,
 * under the account's unit (its park is held there with every unit a row
 * names: import.c). */
static int in_scope(struct ictx *c, const char *code, struct kfq_err *err)
{
	long u = units_find(&c->units, code);
	if (u >= 0 && !units_within(&c->units, (size_t)u, (size_t)c->scope))
		return kfq_error(err, "column \"code\": project \"%s\" is not under %s, this "
		                 "account's unit (an account changes the projects of its own tree "
		                 "only)", code, c->units.v[c->scope].code);
	return 0;
}

static int project_row_fn(struct ictx *c, const char *const *cell, struct kfq_err *err)
{
	struct project_row r = {
		cell[P_CODE], cell[P_NAME], cell[P_CAT], cell[P_PARK], cell[P_OWNER], cell[P_IND],
		cell[P_LEVEL], cell[P_TOTAL], 4, cell[P_PSTART], cell[P_PEND], cell[P_ASTART],
		cell[P_AEND], cell[P_PROD], cell[P_STATUS], cell[P_REASON], cell[P_REOPEN],
		cell[P_MILES],
	};
	int changed, moved;
	if (header_shift(c, P_TOTAL, &r.total_shift, err) < 0)
		return kfq_err_prefix(err, "column \"total_investment\"");
	if (c->scope >= 0 && in_scope(c, cell[P_CODE], err) < 0)
		return -1;
	if (project_put(c->db, &r, &changed, &moved, err) < 0 ||
	    row_once(c, cell[P_CODE], "this project", err) < 0)
		return -1;
	if (changed)
		mark_derive(c, cell[P_CODE]);
	if (moved)
		c->todo.all = 1;
	c->res->added += changed == 1;
	c->res->changed += changed == 2;
	c->res->unchanged += changed == 0;
	return 0;
}

/* A project already in the register (a unit of kind project). */
static long need_project(struct ictx *c, const char *code, struct kfq_err *err)
{
	long u;
	if (!*code)
		return kfq_error(err, "column \"project\": empty (expected a project code)");
	u = units_find(&c->units, code);
	/* outside the importer's subtree: as if there were no such project */
	if (u < 0 || strcmp(c->units.v[u].kind, "project") != 0 ||
	    (c->scope >= 0 && !units_within(&c->units, (size_t)u, (size_t)c->scope)))
		return kfq_error(err, "column \"project\": unknown project \"%s\" (import it in a "
		                 "projects file first)", code);
	return u;
}

static long project_ind(struct ictx *c, const char *code, struct kfq_err *err)
{
	long i = indicators_find(&c->inds, code);
	if (i < 0)
		kfq_fault(err, "indicator \"%s\" is missing", code);
	return i;
}

/* The investment indicator of a project, by its category. */
static long inv_ind(struct ictx *c, const char *code, struct kfq_err *err)
{
	char cat[32];
	if (project_category(c->db, code, cat, sizeof cat, err) < 0)
		return -1;
	return project_ind(c, project_inv_indicator(cat), err);
}

/* ---- project-plan: the annual planned investment, the target of
 * key_inv_actual for the project ---- */
enum { PL_PROJECT, PL_YEAR, PL_PLANNED };
static const struct column_def PLAN_COLS[] = {
	{ "project", "项目|项目代码", 1 },
	{ "year", "年度|年份", 1 },
	{ "planned", "计划投资|年度计划|计划", 1 },
};

static int plan_row(struct ictx *c, const char *const *cell, struct kfq_err *err)
{
	enum put_result r;
	long u, i;
	int year = 0;
	char key[64];
	dec v;

	if ((u = need_project(c, cell[PL_PROJECT], err)) < 0 ||
	    (i = inv_ind(c, cell[PL_PROJECT], err)) < 0)
		return -1;
	if (need_year(cell[PL_YEAR], "year", &year, err) < 0)
		return -1;
	snprintf(key, sizeof key, "%ld\t%d", u, year);
	if (row_once_of(c, "this project's plan for the year", err, "plan", key, NULL) < 0)
		return -1;
	if (parse_value(c, &c->inds.v[i], cell[PL_PLANNED], NULL, PL_PLANNED, &v, err) < 0)
		return -1;
	if (target_put(&c->w, &c->inds.v[i], &c->units.v[u], year, v, c->line, &r, err) < 0)
		return -1;
	if (r != PUT_SAME)
		mark_derive(c, cell[PL_PROJECT]);
	count(c, r);
	return 0;
}

/* ---- progress: investment completed (month or year to date), physical
 * progress, a note ---- */
enum { PG_PROJECT, PG_PERIOD, PG_INV, PG_PHYS, PG_NOTE };
static const struct column_def PROGRESS_COLS[] = {
	{ "project", "项目|项目代码", 1 },
	{ "period", "期间|报告期", 1 },
	{ "investment", "完成投资|投资", 0 },
	{ "physical", "形象进度|进度", 0 },
	{ "note", "备注|说明", 0 },
};

static int progress_row(struct ictx *c, const char *const *cell, struct kfq_err *err)
{
	enum put_result r, worst = PUT_SAME;
	struct period p;
	char key[80];
	long u, inv, phys;
	dec v;

	if ((u = need_project(c, cell[PG_PROJECT], err)) < 0 ||
	    (inv = inv_ind(c, cell[PG_PROJECT], err)) < 0 ||
	    (phys = project_ind(c, "physical_progress", err)) < 0)
		return -1;
	if (period_parse(cell[PG_PERIOD], &p, err) < 0)
		return kfq_err_prefix(err, "column \"period\"");
	/* the investment and the physical progress are refused twice by
	   obs_put; a row may give either or both, and the note */
	snprintf(key, sizeof key, "%ld\t%d\t%d", u, p.year, p.last);
	if (*cell[PG_NOTE] &&
	    row_once_of(c, "a note of this project for the period", err, "note", key, NULL) < 0)
		return -1;
	if (!*cell[PG_INV] && !*cell[PG_PHYS] && !*cell[PG_NOTE])
		return kfq_error(err, "nothing to record: investment, physical and note are all empty");
	if (*cell[PG_INV]) {
		if (parse_value(c, &c->inds.v[inv], cell[PG_INV], NULL, PG_INV, &v, err) < 0)
			return -1;
		if (obs_put(&c->w, &c->inds.v[inv], &c->units.v[u], &p, v, c->line, &r, err) < 0)
			return -1;
		if (r != PUT_SAME)
			mark_touched(c, (size_t)inv, p.year);
		worst = r > worst ? r : worst;
	}
	if (*cell[PG_PHYS]) {
		struct period at = p;
		if (dec_parse(cell[PG_PHYS], 0, &v, err) < 0)
			return kfq_err_prefix(err, "column \"physical\"");
		if (v < 0 || v > 100 * DEC_ONE)
			return kfq_error(err, "column \"physical\": \"%s\" (expected a percentage from 0 "
			                 "to 100)", cell[PG_PHYS]);
		at.first = at.last;   /* a level at the period's end */
		at.kind = PERIOD_MONTH;
		if (obs_put(&c->w, &c->inds.v[phys], &c->units.v[u], &at, v, c->line, &r, err) < 0)
			return -1;
		if (r != PUT_SAME)
			mark_touched(c, (size_t)phys, p.year);
		worst = r > worst ? r : worst;
	}
	if (*cell[PG_NOTE] && project_note_put(c->db, cell[PG_PROJECT], p.year, p.last,
	                                        cell[PG_NOTE], err) < 0)
		return -1;
	count(c, worst);
	return 0;
}

/* ---- project-problems: what blocks a project, who must solve it, by when ---- */
enum { PB_PROJECT, PB_RAISED, PB_DESC, PB_DEPT, PB_DEADLINE, PB_RESOLVED };
static const struct column_def PROBLEM_COLS[] = {
	{ "project", "项目|项目代码", 1 },
	{ "raised", "提出日期|日期", 1 },
	{ "description", "问题|问题描述", 1 },
	{ "dept", "责任部门|部门", 1 },
	{ "deadline", "办结时限|时限", 1 },
	{ "resolved", "解决日期|办结日期", 0 },
};

static int problem_row(struct ictx *c, const char *const *cell, struct kfq_err *err)
{
	struct date raised, deadline, resolved;
	char key[600], iso[16];
	int changed;

	if (date_parse(cell[PB_RAISED], &raised, err) < 0)
		return kfq_err_prefix(err, "column \"raised\"");
	if (date_parse(cell[PB_DEADLINE], &deadline, err) < 0)
		return kfq_err_prefix(err, "column \"deadline\"");
	if (*cell[PB_RESOLVED] && date_parse(cell[PB_RESOLVED], &resolved, err) < 0)
		return kfq_err_prefix(err, "column \"resolved\"");
	if (project_problem_put(c->db, cell[PB_PROJECT], &raised, cell[PB_DESC], cell[PB_DEPT],
	                        &deadline, *cell[PB_RESOLVED] ? &resolved : NULL, &changed, err) < 0)
		return -1;
	/* the date as parsed: 2017-08-01 and 2017/8/1 are one day */
	date_format(&raised, iso, sizeof iso);
	snprintf(key, sizeof key, "%s\x1f%s\x1f%s", cell[PB_PROJECT], iso, cell[PB_DESC]);
	if (row_once(c, key, "the same problem (project, date raised, description)", err) < 0)
		return -1;
	c->res->added += changed == 1;
	c->res->changed += changed == 2;
	c->res->unchanged += changed == 0;
	return 0;
}

/* After the rows: derive again the counts of every project that changed. */
static int derive_projects(struct ictx *c, struct kfq_err *err)
{
	for (size_t i = 0; i < c->nderive; i++)
		if (project_derive(c->db, c->derive[i], &c->todo, err) < 0)
			return -1;
	return 0;
}

const struct kind_def PROJECT_KINDS[] = {
	{ "projects", PROJECT_COLS, NCOLS(PROJECT_COLS), project_row_fn, 1,
	  project_ensure_indicators, derive_projects },
	{ "project-plan", PLAN_COLS, NCOLS(PLAN_COLS), plan_row, 1, project_ensure_indicators,
	  derive_projects },
	{ "progress", PROGRESS_COLS, NCOLS(PROGRESS_COLS), progress_row, 1,
	  project_ensure_indicators, derive_projects },
	{ "project-problems", PROBLEM_COLS, NCOLS(PROBLEM_COLS), problem_row, 1,
	  project_ensure_indicators, derive_projects },
};
const size_t NPROJECT_KINDS = NCOLS(PROJECT_KINDS);
