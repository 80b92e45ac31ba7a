/* missing.c: kfq missing --period P [--unit CODE] [--indicator CODE]
 * [--format table|csv|json]: who has not reported (report/missing.h). */
#include "cli/cli.h"
#include "model/model.h"
#include "report/grid.h"
#include "report/missing.h"

struct missing_args {
	struct cli_args h;
	struct period period;
	const char *unit;
	const char *indicator;
	int format;       /* enum grid_format */
};

#define A struct missing_args
static const struct optdef OPTS[] = {
	OPTION("period", OPT_PERIOD, A, period, "P",
	  "the period: 2017-08 (the month), 2017年1-8月 (the year to date) ..."),
	OPTION("unit", OPT_TEXT, A, unit, "CODE",
	  "the units under this one (default: the top-level unit)"),
	OPTION("indicator", OPT_TEXT, A, indicator, "CODE",
	  "one indicator (default: every indicator that units report)"),
	OPTION_CHOICE("format", A, format, "F", "the format; table by default", CLI_FORMATS, NULL),
	OPTION_END,
};
#undef A
static const struct missing_args DEFAULTS = { { .sub = -1 }, { 0 }, NULL, NULL, GRID_TABLE };

static int run(struct cli *cli, void *args)
{
	struct missing_args *a = args;
	enum grid_format f = (enum grid_format)a->format;
	struct missing_opts o = { 0 };
	struct kfq_model m;
	struct grid g;
	size_t n;
	long u;
	int rc;

	if (!a->period.year) {
		kfq_error(&cli->err, "missing: --period is required (%s)", PERIOD_FORMS);
		return cli_fail(cli);
	}
	if (model_load(cli->db, &m, &cli->err) < 0)
		return cli_fail(cli);
	if ((u = model_unit_or_root(&m, a->unit, &cli->err)) < 0) {
		model_release(&m);
		return cli_fail(cli);
	}
	o.period = a->period;
	o.unit = (size_t)u;
	o.indicator = a->indicator;
	o.names = f == GRID_TABLE;
	rc = missing_build(cli->db, &m, &o, &g, &n, &cli->err);
	if (rc == 0) {
		char label[64];
		period_format(&a->period, label, sizeof label);
		if (f == GRID_TABLE && n == 0)
			fprintf(cli->out, cli->cx.lang == KFQ_ZH ?
			        "%s %s：应报单位均已报送\n" :
			        "%s %s: every unit expected to report has reported\n",
			        m.units.v[u].name, label);
		else
			grid_write(&g, f, cli->out);
		grid_release(&g);
	}
	model_release(&m);
	if (rc < 0) {
		cli_field(&cli->err);
		return cli_fail(cli);
	}
	return EXIT_OK;
}

const struct cmd CMD_MISSING = {
	{ "missing", "--period P", "who has not reported (未报): the units expected to report a "
	  "period that have no value for it", 0, 0, OPTS, NULL,
	  "A unit is expected to report an indicator by a month when it has filed the\n"
	  "indicator this year in or before that month, or, for an indicator with a scope\n"
	  "(口径, e.g. 规上), when it is in the scope that year. 未报 (missing): expected\n"
	  "and no value for the period; 本年未报 (none this year): filed last year, nothing\n"
	  "this year. The coverage columns of kfq show and kfq bulletin count the same.\n", NULL },
	run, NEED_DB, sizeof(struct missing_args), &DEFAULTS,
};
