/* publish.c: kfq publish --unit U --period P [--reason T]: an approved
 * month's figures frozen as a published revision (quality/publish.h), in
 * one transaction. Depends on libkfq. */
#include "cli/cli.h"
#include "quality/publish.h"

#include <stdio.h>

struct publish_args {
	struct cli_args h;
	const char *unit, *reason;
	struct period period;
};

#define A struct publish_args
static const struct optdef OPTS[] = {
	OPTION("unit", OPT_TEXT, A, unit, "CODE", "the unit whose month is published (required)"),
	OPTION("period", OPT_PERIOD, A, period, "P", "the month (2017-08; required)"),
	OPTION("reason", OPT_TEXT, A, reason, "T",
	  "what was corrected (required for a second revision; kept with it)"),
	OPTION_END,
};
#undef A
static const struct publish_args DEFAULTS = { .h = { .sub = -1 } };

static int run(struct cli *cli, void *args)
{
	struct publish_args *a = args;
	struct publish_result res;
	char period[32];

	if (!a->unit || !a->period.year) {
		kfq_error(&cli->err, "publish: --unit and --period are required (kfq publish --unit "
		          "danyang --period 2017-08)");
		return cli_fail(cli);
	}
	if (publish_month(cli->db, &cli->cx, a->unit, &a->period, a->reason, &res, &cli->err) < 0) {
		cli_field(&cli->err);
		return cli_fail(cli);
	}
	period_format(&a->period, period, sizeof period);
	if (res.revision > 1)
		cli_say(cli, "%s %s: published revision %d: %zu figures of %zu units (%zu changed since "
		        "revision %d)\n", a->unit, period, res.revision, res.figures, res.units,
		        res.changed, res.revision - 1);
	else
		cli_say(cli, "%s %s: published revision %d: %zu figures of %zu units\n", a->unit,
		        period, res.revision, res.figures, res.units);
	return EXIT_OK;
}

const struct cmd CMD_PUBLISH = {
	{ "publish", "--unit CODE --period P [--reason T]", "freeze an approved month's figures as published (a new revision)", 0, 0,
	  OPTS, NULL,
	  "Publishes the month's value and year to date of every indicator for the unit and\n"
	  "each unit with children under it, as they are now. Only an approved (已审核) or\n"
	  "certified (已核定) month is published. A month published before is published\n"
	  "again only after a correction (reopen, change, approve) and with --reason: a new\n"
	  "revision; every revision stays readable (kfq revisions). docs/quality.md.\n", NULL },
	run, NEED_DB, sizeof(struct publish_args), &DEFAULTS,
};
