/* explain.c: kfq explain INDICATOR [--unit CODE] [--period P] [--what W]
 * [--records]: how one figure was made, as kfq report trace tells it for a
 * template's figure (report/template.h's tmpl_trace): the indicator, unit,
 * period and value, the command that shows it, its formula or the units it
 * sums with their values, the stored values behind it grouped by the
 * import (file, lines, time, account) or as entered by hand (each one with
 * --records), and the changes made to them since. Depends on libkfq. */
#include "cli/cli.h"
#include "model/model.h"
#include "model/obs.h"
#include "report/template.h"

#include <stdlib.h>
#include <string.h>

struct explain_args {
	struct cli_args h;
	const char *unit;
	struct period period;
	int what;        /* index in WHAT; -1: value for a month or a quarter, ytd otherwise */
	int records;
};

static const char *const WHAT[] = { "value", "ytd", "prior", "prior_ytd", "growth", "ytd_growth",
                                    "target", "completion", NULL };

#define A struct explain_args
static const struct optdef OPTS[] = {
	OPTION("unit", OPT_TEXT, A, unit, "CODE", "the unit (default: the top-level unit)"),
	OPTION("period", OPT_PERIOD, A, period, "P",
	  "2017, 2017年1-8月 (the year to date), 2017-08 ... (default: the latest with data)"),
	OPTION_CHOICE("what", A, what, "W", "which figure: the period's value, its year to date, "
	  "last year's, the growth, the target or its completion (default: the value of a month, "
	  "else the year to date)", WHAT, NULL),
	OPTION("records", OPT_FLAG, A, records, NULL,
	  "every stored value behind the figure, with its file and line"),
	OPTION_END,
};
#undef A
static const struct explain_args DEFAULTS = { { .sub = -1 }, NULL, { 0 }, -1, 0 };

static int run(struct cli *cli, void *args)
{
	struct explain_args *a = args;
	const char *code = a->h.pos[0];
	struct kfq_model m;
	struct tmpl_opts o;
	struct tmpl *t = NULL;
	char text[160];
	const char *what;
	long u, ind;
	int rc = EXIT_OK, found;

	if (model_load(cli->db, &m, &cli->err) < 0)
		return cli_fail(cli);
	if ((ind = indicators_find(&m.inds, code)) < 0) {
		kfq_error(&cli->err, "explain: unknown indicator \"%s\" (kfq export indicators lists "
		          "them)", code);
		model_release(&m);
		return cli_fail(cli);
	}
	if ((u = model_unit_or_root(&m, a->unit, &cli->err)) < 0) {
		model_release(&m);
		return cli_fail(cli);
	}
	o.unit = (size_t)u;
	o.period = a->period;
	if (!o.period.year) {
		/* the latest data: the year to date at its latest month, as kfq show */
		found = obs_latest_period_of(cli->db, &m.inds, (size_t)ind, &o.period, &cli->err);
		if (found <= 0) {
			if (!found)
				kfq_error(&cli->err, "explain: indicator \"%s\" has no data yet; give the "
				          "period", code);
			model_release(&m);
			return cli_fail(cli);
		}
	}
	what = a->what >= 0 ? WHAT[a->what]
	       : o.period.kind == PERIOD_MONTH || o.period.kind == PERIOD_QUARTER ? "value" : "ytd";
	/* a one-line template of the figure (the code is an indicator's: no
	 * braces can reach the template) */
	snprintf(text, sizeof text, "{{%s %s}}\n", code, what);
	if (tmpl_parse("", text, &t, &cli->err) < 0 ||
	    tmpl_trace(t, &cli->cx, cli->db, &m, &o, 1, NULL, a->records, cli->out,
	               cli->msg_lang == KFQ_ZH, &cli->err) < 0)
		rc = cli_fail(cli);
	tmpl_free(t);
	model_release(&m);
	return rc;
}

const struct cmd CMD_EXPLAIN = {
	{ "explain", "INDICATOR",
	  "how a figure was made: its formula or the units it sums, the stored values behind it "
	  "and the imports (file, lines) or edits they came from, the changes since", 1, 1, OPTS,
	  NULL, "The same account as kfq report trace gives for a template's figure "
	  "(docs/reports.md).\n", NULL },
	run, NEED_DB, sizeof(struct explain_args), &DEFAULTS,
};
