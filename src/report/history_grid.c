/* history_grid.c: the change history as a grid (see history_grid.h). */
#include "report/history_grid.h"

enum { H_AT, H_WHO, H_KIND, H_UNIT, H_IND, H_PERIOD, H_OLD, H_NEW, H_NOTE, H_SOURCE, H_NCOLS };
static const char *const KEYS[H_NCOLS] = {
	"at", "who", "kind", "unit", "indicator", "period", "old_value", "new_value", "note", "source",
};
static const char *const HEADS[H_NCOLS] = {
	"时间", "操作人", "类别", "单位", "指标", "期间", "原值", "新值", "说明", "来源",
};

/* A value in its indicator's measure (the base unit when there is none). */
static void put_value(struct grid *g, size_t col, int has, dec v, const struct indicator *d)
{
	char buf[64];
	if (!has)
		return;
	dec_format(v, d ? d->measure->shift : 0, -1, buf, sizeof buf);
	grid_set(g, col, buf);
}

int history_build(struct kfq_db *db, const struct kfq_model *m, const struct history_query *q,
                  int heads, struct grid *g, struct kfq_err *err)
{
	struct history_list l;
	if (history_read(db, q, &l, err) < 0) {
		history_list_release(&l);
		return -1;
	}
	grid_init(g, H_NCOLS, KEYS, heads ? HEADS : KEYS);
	for (size_t i = 0; i < l.n; i++) {
		const struct history_row *r = &l.v[i];
		long k = r->indicator ? indicators_find(&m->inds, r->indicator) : -1;
		const struct indicator *d = k >= 0 ? &m->inds.v[k] : NULL;
		grid_row(g);
		grid_set(g, H_AT, r->at);
		grid_set(g, H_WHO, r->who);
		grid_set(g, H_KIND, r->kind);
		grid_set(g, H_UNIT, r->unit);
		grid_set(g, H_IND, r->indicator);
		grid_set(g, H_PERIOD, r->period);
		put_value(g, H_OLD, r->has_old, r->old_value, d);
		put_value(g, H_NEW, r->has_new, r->new_value, d);
		grid_set(g, H_NOTE, r->note);
		grid_set(g, H_SOURCE, r->source);
	}
	history_list_release(&l);
	return 0;
}
