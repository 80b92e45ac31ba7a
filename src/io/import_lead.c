/* import_lead.c: the import kinds of the investment-promotion pipeline:
 * leads and lead-stages (formats: docs/formats.md). The driver is
 * io/import.c. Depends on base, store, model, lead. */
#include "io/import_kind.h"
#include "base/date.h"
#include "base/measure.h"
#include "lead/lead.h"

#include <stdio.h>
#include <string.h>

enum { L_CODE, L_NAME, L_INVESTOR, L_ORIGIN, L_INDUSTRY, L_PARK, L_TOTAL, L_FOREIGN, L_OFFICER,
       L_SOURCE, L_ENT, L_PROJECT };
static const struct column_def LEAD_COLS[] = {
	{ "code", "项目代码|代码|线索代码", 1 },
	{ "name", "项目名称|名称", 1 },
	{ "investor", "投资方|投资者", 0 },
	{ "origin", "来源地|国别|国家或地区", 0 },
	{ "industry", "行业|产业", 0 },
	{ "park", "意向园区|园区", 0 },
	{ "total_investment", "总投资", 1 },
	{ "foreign_investment", "外资|外资金额", 0 },
	{ "officer", "负责人|招商负责人", 0 },
	{ "source", "信息来源|渠道", 0 },
	{ "enterprise", "落户企业|企业", 0 },
	{ "project", "重点项目|项目", 0 },
};

/* The shift of a money column's header measure in family `family`, the
 * default measure when the header gives none. */
static int money_shift(struct ictx *c, int col, const char *family, const char *dflt, int *shift,
                       struct kfq_err *err)
{
	const struct measure *m;
	const char *name = c->map.measure[col][0] ? c->map.measure[col] : dflt;
	if (!(m = measure_find(name, err)))
		return kfq_err_prefix(err, "column \"%s\"", c->k->cols[col].name);
	if (strcmp(m->family, family) != 0)
		return kfq_error(err, "column \"%s\": %s is not a measure in %s", c->k->cols[col].name,
		                 m->name, family);
	*shift = m->shift;
	return 0;
}

static int lead_row_fn(struct ictx *c, const char *const *cell, struct kfq_err *err)
{
	struct lead_row r = { cell[L_CODE], cell[L_NAME], cell[L_INVESTOR], cell[L_ORIGIN],
	                      cell[L_INDUSTRY], cell[L_PARK], cell[L_TOTAL], 4, cell[L_FOREIGN], 4,
	                      cell[L_OFFICER], cell[L_SOURCE], cell[L_ENT], cell[L_PROJECT] };
	char key[300];
	int changed;
	snprintf(key, sizeof key, "lead\t%s", cell[L_CODE]);
	if (row_once(c, key, "this lead", err) < 0)
		return -1;
	if (money_shift(c, L_TOTAL, "元", "万元", &r.total_shift, err) < 0 ||
	    money_shift(c, L_FOREIGN, "美元", "万美元", &r.foreign_shift, err) < 0)
		return -1;
	if (lead_put(c->db, &r, &changed, err) < 0)
		return -1;
	c->res->added += changed == 1;
	c->res->changed += changed == 2;
	c->res->unchanged += changed == 0;
	return 0;
}

enum { S_LEAD, S_STAGE, S_DATE, S_REASON };
static const struct column_def STAGE_COLS[] = {
	{ "lead", "项目代码|线索代码|项目", 1 },
	{ "stage", "阶段|进展", 1 },
	{ "date", "日期", 1 },
	{ "reason", "原因|说明", 0 },
};

static int stage_row(struct ictx *c, const char *const *cell, struct kfq_err *err)
{
	struct date d;
	int changed;
	char iso[16];
	if (date_parse(cell[S_DATE], &d, err) < 0)
		return kfq_err_prefix(err, "column \"date\"");
	date_format(&d, iso, sizeof iso);
	if (row_once_of(c, "this lead's stage on this date", err, "stage", cell[S_LEAD],
	                cell[S_STAGE], iso, NULL) < 0)
		return -1;
	if (lead_stage_put(c->db, cell[S_LEAD], cell[S_STAGE], &d, cell[S_REASON], &changed, err) < 0)
		return -1;
	c->res->added += changed == 1;
	c->res->unchanged += changed == 0;
	return 0;
}

static int derive_leads(struct ictx *c, struct kfq_err *err)
{
	return lead_derive(c->db, &c->todo, err);
}

const struct kind_def LEAD_KINDS[] = {
	{ "leads", LEAD_COLS, NCOLS(LEAD_COLS), lead_row_fn, 1, lead_ensure_indicators, derive_leads },
	{ "lead-stages", STAGE_COLS, NCOLS(STAGE_COLS), stage_row, 1, lead_ensure_indicators,
	  derive_leads },
};
const size_t NLEAD_KINDS = NCOLS(LEAD_KINDS);
