/* validate.c: kfq validate [--period P] [--unit U] [--rule R]: the
 * validation rules run on stored data (quality/validate.h), their findings
 * opened and closed; the summary with the time taken, then the open
 * findings of what was checked. Depends on libkfq. */
#include "cli/cli.h"
#include "quality/finding.h"
#include "quality/validate.h"
#include "report/quality_grid.h"
#include "base/xalloc.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

struct validate_args {
	struct cli_args h;
	struct period period;
	const char *unit, *rule;
	int format;   /* enum grid_format */
};

#define A struct validate_args
static const struct optdef OPTS[] = {
	OPTION("period", OPT_PERIOD, A, period, "P",
	  "check the months of this period (2017-08, 2017年1-8月, 2017 ...); default: every "
	  "month of every year with data"),
	OPTION("unit", OPT_TEXT, A, unit, "CODE", "check this unit and the units under it"),
	OPTION("rule", OPT_TEXT, A, rule, "CODE", "run only this rule"),
	OPTION_CHOICE("format", A, format, "F", "the format of the findings; table by default",
	  CLI_FORMATS, NULL),
	OPTION_END,
};
#undef A
static const struct validate_args DEFAULTS = { { .sub = -1 }, { 0 }, NULL, NULL, GRID_TABLE };

static int run(struct cli *cli, void *args)
{
	struct validate_args *a = args;
	enum grid_format f = (enum grid_format)a->format;
	struct validate_req q = { a->period.year ? &a->period : NULL, a->unit, a->rule };
	struct validate_res r;
	struct finding_query fq = { "open", a->rule, NULL, q.period, a->unit, 0 };
	struct finding_list l;
	struct timespec t0, t1;
	struct grid g;
	double secs;
	char span[32], *summary;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (validate_run(cli->db, &cli->cx, &q, &r, &cli->err) < 0) {
		cli_field(&cli->err);
		return cli_fail(cli);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	if (finding_read(cli->db, &fq, &l, &cli->err) < 0) {
		cli_field(&cli->err);
		return cli_fail(cli);
	}
	/* the summary goes to standard error for csv and json, so that what
	   standard output holds parses */
	if (q.period)
		period_format(q.period, span, sizeof span);
	else if (r.first_year && r.first_year != r.last_year)
		snprintf(span, sizeof span, "%d-%d", r.first_year, r.last_year);
	else if (r.first_year)
		snprintf(span, sizeof span, "%d", r.first_year);
	else
		snprintf(span, sizeof span, "%s", opt_text(cli->msg_lang == KFQ_ZH, "no data"));
	/* a table's heading; beside a file, on standard error */
	summary = (cli->msg_lang == KFQ_ZH ? xasprintf_zh : xasprintf)("validated %s: %zu rules, %zu checks in %.2f s: %zu failed (%zu errors, %zu "
	        "warnings); findings: %zu opened, %zu closed, %zu still open, %zu confirmed before; "
	        "%zu open in this scope\n",
	        span, r.rules, r.checks, secs, r.failed, r.errors, r.warnings, r.opened, r.closed,
	        r.still_open, r.confirmed, l.n);
	fputs(summary, f == GRID_TABLE ? cli->out : stderr);
	free(summary);
	if (l.n || f != GRID_TABLE) {
		finding_grid(&l, f == GRID_TABLE && cli->cx.lang == KFQ_ZH, &g);
		grid_write(&g, f, cli->out);
		grid_release(&g);
	}
	finding_list_release(&l);
	return EXIT_OK;
}

const struct cmd CMD_VALIDATE = {
	{ "validate", "", "run the validation rules on stored data and keep their findings", 0, 0,
	  OPTS, NULL,
	  "Rules: kfq import rules FILE (docs/formats.md, \"Validation rules\"); findings: kfq\n"
	  "findings list. A finding closes when its values change or when it is confirmed\n"
	  "(docs/quality.md).\n", NULL },
	run, NEED_DB, sizeof(struct validate_args), &DEFAULTS,
};
