/* visit.c: kfq visit stats --period P [--campaign X]: the visiting
 * campaign (暖企惠民大走访) in a period, as case/visit_stats.c counts it:
 * the enterprises and households visited, the visits, the problems raised
 * at them. Over a year these are the published visited_enterprises and
 * visited_households. Depends on libkfq. */
#include "cli/cli.h"
#include "base/period.h"
#include "case/case.h"
#include "report/case_grid.h"

#include <stddef.h>

struct visit_args {
	struct cli_args h;
	struct period period;
	const char *campaign;
	int format;   /* enum grid_format */
};

#define A struct visit_args
static const struct optdef OPTS[] = {
	OPTION("period", OPT_PERIOD, A, period, "P",
	  "the period (2017, 2017Q1, 2017-03, 2017年1-8月 ...)"),
	OPTION("campaign", OPT_TEXT, A, campaign, "X", "only the visits of this campaign"),
	OPTION_CHOICE("format", A, format, "F", "the format; table by default", CLI_FORMATS, NULL),
	OPTION_END,
};
#undef A
static const struct visit_args DEFAULTS = { { .sub = -1 }, { 0 }, NULL, GRID_TABLE };

static const struct subdef SUBS[] = {
	{ "stats", NULL, { "!period", "campaign", "format", NULL },
	  "enterprises and households visited, visits, problems raised" },
	{ NULL },
};

static int run(struct cli *cli, void *args)
{
	struct visit_args *a = args;
	enum grid_format f = (enum grid_format)a->format;
	struct visit_counts n;
	char label[64];
	struct grid g;

	if (!a->period.year) {
		kfq_error(&cli->err, "visit stats: --period is required (%s)", PERIOD_FORMS);
		return cli_fail(cli);
	}
	if (visit_stats(cli->db, &a->period, a->campaign, &n, &cli->err) < 0)
		return cli_fail(cli);
	if (f == GRID_TABLE) {
		period_label_zh(&a->period, label, sizeof label);
		fprintf(cli->out, "走访（%s%s%s）\n\n", label, a->campaign ? "，" : "",
		        a->campaign ? a->campaign : "");
	}
	visit_stats_grid(&n, &a->period, f == GRID_TABLE, &g);
	grid_write(&g, f, cli->out);
	grid_release(&g);
	return EXIT_OK;
}

const struct cmd CMD_VISIT = {
	{ "visit", NULL,
	  "the visiting campaign: enterprises and households visited, visits, problems raised",
	  0, 0, OPTS, SUBS, NULL, NULL },
	run, NEED_DB, sizeof(struct visit_args), &DEFAULTS,
};
