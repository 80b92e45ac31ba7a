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

void approval_grid(const struct approval_tree *t, int zh, int indent, struct grid *g)
{
	static const char *const KEYS[] = { "unit", "name", "state", "who", "at", "blocks" };
	static const char *const HEADS[] = { "单位", "名称", "状态", "经办人", "时间", "待办" };

	grid_init(g, 6, KEYS, zh ? HEADS : NULL);
	for (size_t i = 0; i < t->n; i++) {
		const struct approval_row *r = &t->v[i];
		grid_row(g);
		if (indent)
			grid_setf(g, 0, "%*s%s", 2 * r->depth, "", t->units.v[r->unit].code);
		else
			grid_set(g, 0, t->units.v[r->unit].code);
		grid_set(g, 1, t->units.v[r->unit].name);
		grid_set(g, 2, zh ? APPROVAL_STATE_ZH[r->state] : APPROVAL_STATE[r->state]);
		grid_set(g, 3, r->who);
		grid_set(g, 4, r->at);
		grid_set(g, 5, r->blocks);
	}
}

static void pub_value_text(const struct indicator *in, int has, dec v, char *buf, size_t n)
{
	if (has)
		dec_format(v, in->measure->shift, in->decimals, buf, n);
	else
		buf[0] = '\0';
}

void revision_changes_grid(const struct kfq_model *m, const struct pub_report *r, int zh,
                           struct grid *g)
{
	static const char *const KEYS[] = { "unit", "indicator", "figure", "measure", "from", "old",
	                                    "to", "new", "at", "who", "reason" };
	static const char *const HEADS[] = { "单位", "指标", "数", "计量单位", "原版", "原值", "新版",
	                                     "新值", "时间", "经办人", "原因" };
	char buf[64];

	grid_init(g, 11, KEYS, zh ? HEADS : NULL);
	for (size_t i = 0; i < r->nchanges; i++) {
		const struct pub_change *c = &r->changes[i];
		const struct indicator *in = &m->inds.v[c->ind];
		grid_row(g);
		grid_set(g, 0, m->units.v[c->unit].code);
		grid_set(g, 1, in->code);
		grid_set(g, 2, c->ytd ? "ytd" : "value");
		grid_set(g, 3, in->measure->name);
		grid_setf(g, 4, "%d", c->from);
		pub_value_text(in, c->has_old, c->old_value, buf, sizeof buf);
		grid_set(g, 5, buf);
		if (c->to)
			grid_setf(g, 6, "%d", c->to);
		else
			grid_set(g, 6, "now");
		pub_value_text(in, c->has_new, c->new_value, buf, sizeof buf);
		grid_set(g, 7, buf);
		if (c->by) {
			grid_set(g, 8, c->by->at);
			grid_set(g, 9, c->by->who);
			grid_set(g, 10, c->by->reason ? c->by->reason : "");
		} else {
			grid_set(g, 8, r->reopened_at);
			grid_set(g, 9, r->reopened_who);
			grid_set(g, 10, r->reopen_reason ? r->reopen_reason : "");
		}
	}
}

void revision_figures_grid(const struct kfq_model *m, const struct pub_report *r, int zh,
                           struct grid *g)
{
	static const char *const KEYS[] = { "unit", "indicator", "measure", "value", "ytd" };
	static const char *const HEADS[] = { "单位", "指标", "计量单位", "本月", "累计" };
	char buf[64];

	grid_init(g, 5, KEYS, zh ? HEADS : NULL);
	for (size_t i = 0; i < r->nsnapshot; i++) {
		const struct pub_value *v = &r->snapshot[i];
		const struct indicator *in = &m->inds.v[v->ind];
		grid_row(g);
		grid_set(g, 0, m->units.v[v->unit].code);
		grid_set(g, 1, in->code);
		grid_set(g, 2, in->measure->name);
		pub_value_text(in, v->has_value, v->value, buf, sizeof buf);
		grid_set(g, 3, buf);
		pub_value_text(in, v->has_ytd, v->ytd, buf, sizeof buf);
		grid_set(g, 4, buf);
	}
}
