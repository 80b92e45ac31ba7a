/* history.c: kfq history [--unit CODE] [--indicator CODE] [--period P]
 * [--limit N] [--format F]: the append-only change history, newest first
 * (store/history.c reads it), values shown in each indicator's measure. */
#include "cli/cli.h"
#include "base/period.h"
#include "model/model.h"
#include "report/grid.h"
#include "store/history.h"

#include <stddef.h>

struct history_args {
	struct cli_args h;
	const char *unit, *indicator;
	struct period period;
	long limit;
	int format;   /* enum grid_format */
};

#define A struct history_args
static const struct optdef OPTS[] = {
	OPTION("unit", OPT_TEXT, A, unit, "CODE", "only this unit"),
	OPTION("indicator", OPT_TEXT, A, indicator, "CODE", "only this indicator"),
	OPTION("period", OPT_PERIOD, A, period, "P", "only this period"),
	OPTION("limit", OPT_INT, A, limit, "N", "at most N entries (default 100)"),
	OPTION_CHOICE("format", A, format, "F", "the format; table by default", CLI_FORMATS, NULL),
	OPTION_END,
};
#undef A
static const struct history_args DEFAULTS = { { .sub = -1 }, NULL, NULL, { 0 }, 100, GRID_TABLE };

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

static int run(struct cli *cli, void *args)
{
	struct history_args *a = args;
	struct history_query q = { a->unit, a->indicator, NULL, a->limit };
	enum grid_format f = (enum grid_format)a->format;
	struct history_list l;
	struct kfq_model m;
	struct grid g;
	char per[32];

	if (a->limit <= 0) {
		kfq_error(&cli->err, "history: --limit %ld: expected a positive number", a->limit);
		return cli_fail(cli);
	}
	if (a->period.year) {
		period_format(&a->period, per, sizeof per);
		q.period = per;
	}
	if (model_load(cli->db, &m, &cli->err) < 0)
		return cli_fail(cli);
	if (history_read(cli->db, &q, &l, &cli->err) < 0) {
		history_list_release(&l);
		model_release(&m);
		return cli_fail(cli);
	}
	grid_init(&g, H_NCOLS, KEYS, f == GRID_TABLE ? HEADS : KEYS);
	for (size_t i = 0; i < l.n; i++) {
		const struct history_row *r = &l.v[i];
		long k = r->indicator ? indicators_find(&m.inds, r->indicator) : -1;
		const struct indicator *d = k >= 0 ? &m.inds.v[k] : NULL;
		grid_row(&g);
		grid_set(&g, H_AT, r->at);
		grid_set(&g, H_WHO, r->who);
		grid_set(&g, H_KIND, r->kind);
		grid_set(&g, H_UNIT, r->unit);
		grid_set(&g, H_IND, r->indicator);
		grid_set(&g, H_PERIOD, r->period);
		put_value(&g, H_OLD, r->has_old, r->old_value, d);
		put_value(&g, H_NEW, r->has_new, r->new_value, d);
		grid_set(&g, H_NOTE, r->note);
		grid_set(&g, H_SOURCE, r->source);
	}
	grid_write(&g, f, cli->out);
	grid_release(&g);
	history_list_release(&l);
	model_release(&m);
	return EXIT_OK;
}

const struct cmd CMD_HISTORY = {
	{ "history", "", "the change history of observations, targets, units and indicators", 0, 0,
	  OPTS, NULL, NULL, NULL },
	run, NEED_DB, sizeof(struct history_args), &DEFAULTS,
};
