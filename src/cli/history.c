/* history.c: kfq history [--unit CODE] [--indicator CODE] [--period P]
 * [--limit N] [--format F]: the append-only change history, newest first
 * (store/history.c reads it), values shown in each indicator's measure. */
#include "cli/cli.h"
#include "base/period.h"
#include "model/model.h"
#include "report/grid.h"
#include "report/history_grid.h"

#include <stdlib.h>
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

static int run(struct cli *cli, void *args)
{
	struct history_args *a = args;
	struct history_query q = { a->unit, a->indicator, NULL, a->limit };
	enum grid_format f = (enum grid_format)a->format;
	struct kfq_model m;
	struct grid g;
	char per[32];
	int tz_minutes = 8 * 60;

	if (a->limit <= 0) {
		kfq_error(&cli->err, "history: --limit %ld: expected a positive number", a->limit);
		return cli_fail(cli);
	}
	if (a->period.year) {
		period_format(&a->period, per, sizeof per);
		q.period = per;
	}
	/* the table's times are local: $KFQ_TZ, by default Asia/Shanghai's +08:00 */
	{
		const char *tz = getenv("KFQ_TZ");
		if (tz && *tz && history_tz_parse(tz, &tz_minutes) < 0) {
			kfq_error(&cli->err, "KFQ_TZ: \"%s\" is not a time zone offset (expected one such "
			          "as +08:00)", tz);
			return cli_fail(cli);
		}
	}
	if (model_load(cli->db, &m, &cli->err) < 0)
		return cli_fail(cli);
	if (history_build(cli->db, &m, &q, f == GRID_TABLE, tz_minutes, &g, &cli->err) < 0) {
		model_release(&m);
		return cli_fail(cli);
	}
	grid_write(&g, f, cli->out);
	grid_release(&g);
	model_release(&m);
	return EXIT_OK;
}

const struct cmd CMD_HISTORY = {
	{ "history", "", "the change history of observations, targets, units and indicators", 0, 0,
	  OPTS, NULL, NULL, NULL },
	run, NEED_DB, sizeof(struct history_args), &DEFAULTS,
};
