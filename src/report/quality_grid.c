/* quality_grid.c: the tables of data quality (see quality_grid.h).
 * Depends on base, report/grid and quality/finding. */
#include "report/quality_grid.h"

#include <inttypes.h>
#include <stdio.h>

void finding_grid(const struct finding_list *l, int zh, struct grid *g)
{
	static const char *const KEYS[] = { "id", "rule", "severity", "unit", "name", "period",
	                                    "status", "detail" };
	static const char *const HEADS[] = { "编号", "规则", "级别", "单位", "名称", "期间", "状态",
	                                     "说明" };
	grid_init(g, 8, KEYS, zh ? HEADS : NULL);
	grid_numeric(g, 0);
	for (size_t i = 0; i < l->n; i++) {
		const struct finding *f = &l->v[i];
		grid_row(g);
		grid_setf(g, 0, "%" PRId64, f->id);
		grid_set(g, 1, f->rule);
		grid_set(g, 2, f->severity);
		grid_set(g, 3, f->unit);
		grid_set(g, 4, f->unit_name);
		grid_setf(g, 5, "%04d-%02d", f->year, f->month);
		grid_set(g, 6, f->status);
		grid_set(g, 7, zh && f->detail_zh ? f->detail_zh : f->detail);
	}
}

void finding_show_grid(const struct finding *f, int zh, struct grid *g)
{
	static const char *const KEYS[] = { "field", "value" };
	static const char *const HEADS[] = { "项目", "内容" };
	const char *const rows[][2] = {
		{ "rule", f->rule }, { "severity", f->severity }, { "unit", f->unit },
		{ "name", f->unit_name }, { "status", f->status },
		{ "detail", zh && f->detail_zh ? f->detail_zh : f->detail },
		{ "opened_at", f->opened_at }, { "opened_by", f->opened_by },
		{ "closed_at", f->closed_at }, { "closed_by", f->closed_by },
		{ "closed_how", f->closed_how }, { "note", f->note },
	};
	grid_init(g, 2, KEYS, zh ? HEADS : NULL);
	grid_row(g);
	grid_set(g, 0, "id");
	grid_setf(g, 1, "%" PRId64, f->id);
	grid_row(g);
	grid_set(g, 0, "period");
	grid_setf(g, 1, "%04d-%02d", f->year, f->month);
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		grid_row(g);
		grid_set(g, 0, rows[i][0]);
		grid_set(g, 1, rows[i][1]);
	}
	if (f->import_id) {
		grid_row(g);
		grid_set(g, 0, "import");
		grid_setf(g, 1, "%" PRId64, f->import_id);
	}
}
