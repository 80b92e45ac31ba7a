/* import_case.c: the import kinds of visits and cases: households, visits,
 * cases, case-events, case-sla and holidays (formats: docs/formats.md). The
 * driver is io/import.c. Depends on base, store, case. */
#include "io/import_kind.h"
#include "base/date.h"
#include "case/case.h"

#include <stdlib.h>
#include <stdio.h>
#include <string.h>

static void tally(struct ictx *c, int changed)
{
	c->res->added += changed == 1;
	c->res->changed += changed == 2;
	c->res->unchanged += changed == 0;
}

/* The tables the rows of households, visits and cases look up, read once
 * for the import (case.h, struct case_cache; released by io/import.c). */
static struct case_cache *cache(struct ictx *c)
{
	if (!c->case_cache)
		c->case_cache = case_cache_new();
	return c->case_cache;
}

static int need_date(const char *s, const char *col, struct date *d, struct kfq_err *err)
{
	if (date_parse(s, d, err) < 0)
		return kfq_err_prefix(err, "column \"%s\"", col);
	return 0;
}

static const struct column_def HOUSEHOLD_COLS[] = {
	{ "code", "户号|代码", 1 },
	{ "community", "村社区|村（社区）|社区", 1 },
	{ "address", "地址", 0 },
	{ "head", "户主", 0 },
	{ "phone", "联系电话|电话", 0 },
};

static int household_row(struct ictx *c, const char *const *cell, struct kfq_err *err)
{
	char key[300];
	int changed;
	snprintf(key, sizeof key, "hh\t%s", cell[0]);
	if (row_once(c, key, "this household", err) < 0)
		return -1;
	/* a file without the address, head or phone column (an export without
	 * contacts) keeps the ones stored */
	if (household_put(c->db, cache(c), cell[0], cell[1], c->map.col[2] >= 0 ? cell[2] : NULL,
	                  c->map.col[3] >= 0 ? cell[3] : NULL, c->map.col[4] >= 0 ? cell[4] : NULL,
	                  &changed, err) < 0)
		return -1;
	tally(c, changed);
	return 0;
}

static const struct column_def VISIT_COLS[] = {
	{ "code", "走访编号|编号", 1 },
	{ "date", "走访日期|日期", 1 },
	{ "team", "走访人|走访组", 1 },
	{ "enterprise", "企业|单位", 0 },
	{ "household", "户号|农户", 0 },
	{ "campaign", "活动", 0 },
	{ "notes", "走访情况|备注", 0 },
};

static int visit_row(struct ictx *c, const char *const *cell, struct kfq_err *err)
{
	struct date d;
	char key[300];
	int changed;
	snprintf(key, sizeof key, "visit\t%s", cell[0]);
	if (row_once(c, key, "this visit", err) < 0)
		return -1;
	if (need_date(cell[1], "date", &d, err) < 0 ||
	    visit_put(c->db, cache(c), cell[0], &d, cell[2], cell[3], cell[4], cell[5], cell[6],
	              &changed, err) < 0)
		return -1;
	tally(c, changed);
	return 0;
}

static const struct column_def CASE_COLS[] = {
	{ "code", "问题编号|编号", 1 },
	{ "raised", "提出日期|日期", 1 },
	{ "channel", "渠道|来源", 0 },
	{ "visit", "走访编号", 0 },
	{ "enterprise", "企业|单位", 0 },
	{ "household", "户号|农户", 0 },
	{ "campaign", "活动", 0 },
	{ "category", "类别|问题类别", 1 },
	{ "priority", "优先级|紧急程度", 0 },
	{ "description", "问题描述|问题", 1 },
	{ "raised_by", "提出人", 0 },
};

static int case_row_fn(struct ictx *c, const char *const *cell, struct kfq_err *err)
{
	struct case_row r = { cell[0], cell[2], cell[3], cell[4], cell[5], cell[6], cell[7],
	                      cell[8], cell[9], cell[10], { 0, 0, 0 } };
	char key[300];
	int changed;
	snprintf(key, sizeof key, "case\t%s", cell[0]);
	if (row_once(c, key, "this problem", err) < 0)
		return -1;
	if (need_date(cell[1], "raised", &r.raised, err) < 0 ||
	    case_add(c->db, cache(c), &r, &changed, err) < 0)
		return -1;
	tally(c, changed);
	return 0;
}

static const struct column_def EVENT_COLS[] = {
	{ "case", "问题编号|编号", 1 },
	{ "date", "日期", 1 },
	{ "action", "环节|操作", 1 },
	{ "dept", "责任部门|部门", 0 },
	{ "note", "说明|办理情况", 0 },
	{ "into", "合并至", 0 },
	{ "rating", "满意度|评价", 0 },
	{ "who", "经办人", 0 },
};

static int event_row(struct ictx *c, const char *const *cell, struct kfq_err *err)
{
	struct date d;
	int changed, rating = 0;
	char iso[16];
	if (need_date(cell[1], "date", &d, err) < 0)
		return -1;
	/* a step is the same step whoever recorded it (case_act) */
	date_format(&d, iso, sizeof iso);
	if (row_once_of(c, "this step of the problem", err, "event", cell[0], iso, cell[2],
	                cell[3], cell[4], cell[5], cell[6], NULL) < 0)
		return -1;
	if (*cell[6]) {
		char *end;
		long r = strtol(cell[6], &end, 10);
		if (*end || r < 1 || r > 5)
			return kfq_error(err, "column \"rating\": \"%s\" (expected 1 to 5)", cell[6]);
		rating = (int)r;
	}
	if (case_act(c->db, cell[0], cell[2], &d, cell[3], cell[4], cell[5], rating, cell[7],
	             &changed, err) < 0)
		return -1;
	c->res->added += changed;
	c->res->unchanged += !changed;
	return 0;
}

static const struct column_def SLA_COLS[] = {
	{ "category", "类别", 1 },
	{ "priority", "优先级", 1 },
	{ "route_days", "交办时限", 1 },
	{ "close_days", "办结时限", 1 },
};

static int days(const char *s, const char *col, int *out, struct kfq_err *err)
{
	char *end;
	long v = strtol(s, &end, 10);
	if (!*s || *end || v < 1 || v > 365)
		return kfq_error(err, "column \"%s\": \"%s\" (expected working days, 1 to 365)", col, s);
	*out = (int)v;
	return 0;
}

static int sla_row(struct ictx *c, const char *const *cell, struct kfq_err *err)
{
	int route, close_, changed;
	if (row_once_of(c, "the service level of this category and priority", err, "sla", cell[0],
	                cell[1], NULL) < 0)
		return -1;
	if (days(cell[2], "route_days", &route, err) < 0 || days(cell[3], "close_days", &close_, err) < 0 ||
	    case_sla_put(c->db, cell[0], cell[1], route, close_, &changed, err) < 0)
		return -1;
	tally(c, changed);
	return 0;
}

static const struct column_def HOLIDAY_COLS[] = {
	{ "date", "日期", 1 },
	{ "name", "节日|名称", 0 },
};

static int holiday_row(struct ictx *c, const char *const *cell, struct kfq_err *err)
{
	struct date d;
	int changed;
	char iso[16];
	if (need_date(cell[0], "date", &d, err) < 0)
		return -1;
	date_format(&d, iso, sizeof iso);
	if (row_once_of(c, "this date", err, "holiday", iso, NULL) < 0 ||
	    holiday_put(c->db, &d, cell[1], &changed, err) < 0)
		return -1;
	tally(c, changed);
	return 0;
}

static int derive_cases(struct ictx *c, struct kfq_err *err)
{
	return case_derive(c->db, &c->todo, err);
}

static const struct column_def DEPT_COLS[] = {
	{ "dept", "责任部门|部门", 1 },
	{ "supervisor", "督办人|督办领导", 1 },
};

static int dept_row(struct ictx *c, const char *const *cell, struct kfq_err *err)
{
	int changed;
	if (row_once_of(c, "this department", err, "dept", cell[0], NULL) < 0)
		return -1;
	if (case_dept_put(c->db, cell[0], cell[1], &changed, err) < 0)
		return -1;
	tally(c, changed);
	return 0;
}

const struct kind_def CASE_KINDS[] = {
	{ "case-depts", DEPT_COLS, NCOLS(DEPT_COLS), dept_row, 0, NULL, NULL },
	{ "households", HOUSEHOLD_COLS, NCOLS(HOUSEHOLD_COLS), household_row, 0, NULL, NULL },
	{ "visits", VISIT_COLS, NCOLS(VISIT_COLS), visit_row, 0, case_ensure_indicators,
	  derive_cases },
	{ "cases", CASE_COLS, NCOLS(CASE_COLS), case_row_fn, 0, case_ensure_indicators,
	  derive_cases },
	{ "case-events", EVENT_COLS, NCOLS(EVENT_COLS), event_row, 0, case_ensure_indicators,
	  derive_cases },
	{ "case-sla", SLA_COLS, NCOLS(SLA_COLS), sla_row, 0, NULL, NULL },
	{ "holidays", HOLIDAY_COLS, NCOLS(HOLIDAY_COLS), holiday_row, 0, NULL, NULL },
};
const size_t NCASE_KINDS = NCOLS(CASE_KINDS);
