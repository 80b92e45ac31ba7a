/* show.c: kfq show INDICATOR [--unit CODE] [--period P] [--by children]
 * [--measure M] [--format table|csv|json]. */
#include "cli/cli.h"
#include "model/model.h"
#include "report/grid.h"
#include "report/show.h"

#include <stdio.h>

struct show_args {
	struct cli_args h;
	const char *unit;
	struct period period;
	int by;           /* -1, or BY_CHILDREN */
	const char *measure;
	int format;       /* enum grid_format */
	int partial;      /* growth and completion of partial figures too */
};

static const char *const BY[] = { "children", NULL };

#define A struct show_args
static const struct optdef OPTS[] = {
	OPTION("unit", OPT_TEXT, A, unit, "CODE", "the unit (default: the top-level unit)"),
	OPTION("period", OPT_PERIOD, A, period, "P",
	  "2017, 2017Q3, 2017-08, 2017年1-8月 ... (default: the latest data)"),
	OPTION_CHOICE("by", A, by, "children", "also a row for each child unit", BY, NULL),
	OPTION("measure", OPT_TEXT, A, measure, "M", "show values in this measure (万元, 亿元 ...)"),
	OPTION_CHOICE("format", A, format, "F", "the format; table by default", CLI_FORMATS, NULL),
	OPTION("partial", OPT_FLAG, A, partial, NULL,
	  "growth and completion of a partial figure too (withheld by default)"),
	OPTION_END,
};
#undef A
static const struct show_args DEFAULTS = { { .sub = -1 }, NULL, { 0 }, -1, NULL, GRID_TABLE, 0 };

static int run(struct cli *cli, void *args)
{
	struct show_args *a = args;
	enum grid_format f = (enum grid_format)a->format;
	struct show_opts o = { 0 };
	struct kfq_model m;
	struct grid g;
	struct sbuf notes;
	long u;
	int rc;

	if (model_load(cli->db, &m, &cli->err) < 0)
		return cli_fail(cli);
	if ((u = model_unit_or_root(&m, a->unit, &cli->err)) < 0) {
		model_release(&m);
		return cli_fail(cli);
	}
	o.indicator = a->h.pos[0];
	o.unit = (size_t)u;
	o.period = a->period;
	o.measure = a->measure;
	o.children = a->by >= 0;
	o.names = f == GRID_TABLE;
	o.partial_ratios = a->partial;
	sbuf_init(&notes);
	if (f == GRID_TABLE)
		o.notes = &notes;   /* figures revised since published, below the table */
	o.zh_notes = cli->msg_lang == KFQ_ZH;
	rc = show_build(cli->db, &m, &o, &g, &cli->err);
	if (rc == 0) {
		grid_write(&g, f, cli->out);
		grid_release(&g);
		if (notes.len)
			fputs(notes.buf, cli->out);
	}
	sbuf_release(&notes);
	model_release(&m);
	if (rc < 0) {
		cli_field(&cli->err);
		return cli_fail(cli);
	}
	return EXIT_OK;
}

const struct cmd CMD_SHOW = {
	{ "show", "INDICATOR", "the figures of an indicator for a unit and period", 1, 1, OPTS, NULL,
	  "Columns: value, year to date, same period last year, growth, comparable growth\n"
	  "(同口径), target, completion, rank among siblings, share of the parent, the\n"
	  "units that reported and those expected to (已报, 应报). A partial figure (fewer\n"
	  "reported than expected) has its growth and completion withheld unless\n"
	  "--partial is given; kfq missing lists who has not reported.\n", NULL },
	run, NEED_DB, sizeof(struct show_args), &DEFAULTS,
};
