/* visit.c: kfq visit stats --period P [--campaign X]: the visiting
 * campaign (暖企惠民大走访) in a period, as case/visit_stats.c counts it:
 * the enterprises and households visited, the visits, the problems raised
 * at them. Over a year these are the published visited_enterprises and
 * visited_households. Depends on libkfq. */
#include "cli/cli.h"
#include "base/period.h"
#include "case/case.h"
#include "report/grid.h"

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

enum { V_PERIOD, V_ENT, V_HH, V_VISITS, V_CASES, V_N };
static const char *const V_KEYS[V_N] = {
	"period", "enterprises", "households", "visits", "cases_raised",
};
static const char *const V_HEADS[V_N] = {
	"期间", "走访企业(家)", "走访群众(户)", "走访(次)", "收集问题(件)",
};

static int run(struct cli *cli, void *args)
{
	static const char *const KV[2] = { "figure", "value" }, *const KV_ZH[2] = { "指标", "数值" };
	struct visit_args *a = args;
	enum grid_format f = (enum grid_format)a->format;
	struct visit_counts n;
	int64_t v[V_N];
	char label[64];
	struct grid g;

	if (!a->period.year) {
		kfq_error(&cli->err, "visit stats: --period is required (%s)", PERIOD_FORMS);
		return cli_fail(cli);
	}
	if (visit_stats(cli->db, &a->period, a->campaign, &n, &cli->err) < 0)
		return cli_fail(cli);
	v[V_ENT] = n.enterprises;
	v[V_HH] = n.households;
	v[V_VISITS] = n.visits;
	v[V_CASES] = n.cases_raised;
	if (f == GRID_TABLE) {
		period_label_zh(&a->period, label, sizeof label);
		fprintf(cli->out, "走访（%s%s%s）\n\n", label, a->campaign ? "，" : "",
		        a->campaign ? a->campaign : "");
		grid_init(&g, 2, KV, KV_ZH);
		grid_numeric(&g, 1);
		for (int k = V_ENT; k < V_N; k++) {
			grid_row(&g);
			grid_set(&g, 0, V_HEADS[k]);
			grid_setf(&g, 1, "%lld", (long long)v[k]);
		}
	} else {
		grid_init(&g, V_N, V_KEYS, V_KEYS);
		grid_row(&g);
		period_format(&a->period, label, sizeof label);
		grid_set(&g, V_PERIOD, label);
		for (int k = V_ENT; k < V_N; k++) {
			grid_numeric(&g, (size_t)k);
			grid_setf(&g, (size_t)k, "%lld", (long long)v[k]);
		}
	}
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
