/* missing.c: kfq missing --period P [--unit CODE] [--indicator CODE]
 * [--deadline-day N] [--format table|csv|json]: who has not reported, and
 * who reported late (report/missing.h). */
#include "cli/cli.h"
#include "model/model.h"
#include "report/grid.h"
#include "report/history_grid.h"
#include "report/missing.h"

#include <stdlib.h>

struct missing_args {
	struct cli_args h;
	struct period period;
	const char *unit;
	const char *indicator;
	long deadline_day;
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
	OPTION("deadline-day", OPT_INT, A, deadline_day, "N",
	  "a value first filed after this day of the next month is late (迟报); 10 by default"),
	OPTION_CHOICE("format", A, format, "F", "the format; table by default", CLI_FORMATS, NULL),
	OPTION_END,
};
#undef A
static const struct missing_args DEFAULTS = { { .sub = -1 }, { 0 }, NULL, NULL,
                                               MISSING_DEADLINE_DAY, GRID_TABLE };

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
	if (a->deadline_day < 1 || a->deadline_day > 31) {
		kfq_error(&cli->err, "missing: --deadline-day %ld: expected a day of the month, 1 to 31",
		          a->deadline_day);
		return cli_fail(cli);
	}
	/* the filing times are local: $KFQ_TZ, by default Asia/Shanghai's +08:00 */
	{
		const char *tz = getenv("KFQ_TZ");
		if (tz && *tz) {
			if (history_tz_parse(tz, &o.tz_minutes) < 0) {
				kfq_error(&cli->err, "KFQ_TZ: \"%s\" is not a time zone offset (expected "
				          "one such as +08:00)", tz);
				return cli_fail(cli);
			}
			o.tz_given = 1;
		}
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
	o.deadline_day = (int)a->deadline_day;
	o.names = f == GRID_TABLE;
	rc = missing_build(cli->db, &m, &o, &g, &n, &cli->err);
	if (rc == 0) {
		char label[64];
		period_format(&a->period, label, sizeof label);
		if (f == GRID_TABLE && n == 0)
			fprintf(cli->out, cli->cx.lang == KFQ_ZH ?
			        "%s %s：应报单位均已按时报送\n" :
			        "%s %s: every unit expected to report has reported, on time\n",
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
	  "this year. The coverage columns of kfq show and kfq bulletin count the same.\n"
	  "迟报 (late): the value of the period's last month was first filed after the\n"
	  "deadline, the end of day N (--deadline-day, 10 by default) of the next month in\n"
	  "local time (Beijing time, or the offset in $KFQ_TZ); a later correction of a\n"
	  "value filed on time does not make it late, nor is a value first filed by a\n"
	  "back-fill (kfq import --backfill: reported before kfq kept it). Its column filed:\n"
	  "when (local time in the table, UTC as stored in CSV and JSON).\n", NULL },
	run, NEED_DB, sizeof(struct missing_args), &DEFAULTS,
};
