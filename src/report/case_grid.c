/* case_grid.c: the cases as a grid (see case_grid.h). */
#include "report/case_grid.h"
#include "case/case.h"

enum { L_CODE, L_RAISED, L_CAT, L_PRI, L_DEPT, L_STATUS, L_DEADLINE, L_DAYS, L_ENT, L_HH, L_N };
static const char *const L_KEYS[L_N] = {
	"code", "raised", "category", "priority", "dept", "status", "deadline", "days_overdue",
	"enterprise", "household",
};
static const char *const L_HEADS[L_N] = {
	"问题编号", "提出日期", "类别", "优先级", "责任部门", "状态", "办结时限", "超期天数", "企业",
	"群众",
};

static const char *text(int people, const char *s, const char *const *en, const char *const *zh)
{
	int i = case_name_index(s, en, NULL);
	return i >= 0 && people ? zh[i] : s;
}

static void put_date(struct grid *g, size_t col, const struct date *d)
{
	char buf[16];
	if (!d->year)
		return;
	date_format(d, buf, sizeof buf);
	grid_set(g, col, buf);
}

void case_list_grid(const struct case_list *l, int people, struct grid *g)
{
	grid_init(g, L_N, L_KEYS, people ? L_HEADS : L_KEYS);
	grid_numeric(g, L_DAYS);
	for (size_t i = 0; i < l->n; i++) {
		const struct case_list_row *r = &l->v[i];
		const struct case_party *p = &r->party;
		grid_row(g);
		grid_set(g, L_CODE, r->code);
		put_date(g, L_RAISED, &r->raised);
		grid_set(g, L_CAT, text(people, r->category, CASE_CATEGORY, CASE_CATEGORY_ZH));
		grid_set(g, L_PRI, text(people, r->priority, CASE_PRIORITY, CASE_PRIORITY_ZH));
		grid_set(g, L_DEPT, r->dept);
		grid_set(g, L_STATUS, text(people, r->status, CASE_STATUS, CASE_STATUS_ZH));
		put_date(g, L_DEADLINE, &r->deadline);
		if (r->overdue)
			grid_setf(g, L_DAYS, "%ld", r->days_overdue);
		if (people) {
			if (p->unit)
				grid_setf(g, L_ENT, "%s %s", p->unit, p->unit_name ? p->unit_name : "");
			if (p->household)
				grid_setf(g, L_HH, "%s %s", p->household, p->community ? p->community : "");
		} else {
			grid_set(g, L_ENT, p->unit);
			grid_set(g, L_HH, p->household);
		}
	}
}
