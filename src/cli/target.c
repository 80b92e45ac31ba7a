/* target.c: kfq target list|set: a unit's annual targets beside the year
 * to date (report/target_grid.h: the figures of kfq bulletin and kfq show),
 * and one target set by hand with its reason kept in history
 * (io/entry.h: the same library call as PUT /api/v1/targets/...).
 * Depends on libkfq. */
#include "cli/cli.h"
#include "io/entry.h"
#include "model/model.h"
#include "report/target_grid.h"

#include <string.h>

struct target_args {
	struct cli_args h;
	const char *unit, *note, *measure;
	struct period year;
	int format;   /* enum grid_format */
};

#define A struct target_args
static const struct optdef OPTS[] = {
	OPTION("unit", OPT_TEXT, A, unit, "CODE", "list: the unit (default: the top-level unit)"),
	OPTION("year", OPT_PERIOD, A, year, "Y", "list: the year (2017)"),
	OPTION("note", OPT_TEXT, A, note, "T", "set: why the target is set or changed (required; "
	  "kept in history)"),
	OPTION("measure", OPT_TEXT, A, measure, "M", "set: the value's measure (default: the "
	  "indicator's)"),
	OPTION_CHOICE("format", A, format, "F", "the format; table by default", CLI_FORMATS, NULL),
	OPTION_END,
};
#undef A
static const struct target_args DEFAULTS = { .h = { .sub = -1 }, .format = GRID_TABLE };

static const struct subdef SUBS[] = {
	{ "list", NULL, { "unit", "!year", "format", NULL },
	  "the targets of a unit in a year: own or its children's sum, the year to date, "
	  "completion and 序时进度" },
	{ "set", "UNIT INDICATOR YEAR VALUE", { "!note", "measure", NULL },
	  "set a unit's annual target, the reason kept in history" },
	{ NULL },
};

enum { SUB_LIST, SUB_SET };

static int run(struct cli *cli, void *args)
{
	struct target_args *a = args;
	enum grid_format f = (enum grid_format)a->format;
	struct target_opts o = { 0 };
	struct kfq_model m;
	struct grid g;
	long u;
	int rc;

	if (a->h.sub == SUB_SET) {
		struct entry_target_req q = { a->h.pos[0], a->h.pos[1], a->h.pos[2], a->h.pos[3],
		                              a->measure, NULL, NULL, a->note };
		struct entry_res res;
		if (entry_target_put(cli->db, &cli->cx, &q, &res, &cli->err) < 0) {
			/* the unit, indicator, year and value are the words after set:
			   their messages name them; --measure and --note by the option */
			if (strcmp(cli->err.field, "measure") == 0 || strcmp(cli->err.field, "note") == 0)
				cli_field(&cli->err);
			else
				cli->err.field[0] = '\0';
			return cli_fail(cli);
		}
		if (res.put == PUT_SAME)
			cli_say(cli, "target of %s, %s, %s: unchanged\n", q.unit, q.indicator, q.year);
		else if (res.put == PUT_ADDED)
			cli_say(cli, "target of %s, %s, %s: added\n", q.unit, q.indicator, q.year);
		else
			cli_say(cli, "target of %s, %s, %s: changed\n", q.unit, q.indicator, q.year);
		return EXIT_OK;
	}
	if (a->year.kind != PERIOD_YEAR) {
		char buf[32];
		period_format(&a->year, buf, sizeof buf);
		kfq_error(&cli->err, "--year: \"%s\" is not a year (expected 2017 or 2017年)", buf);
		return cli_fail(cli);
	}
	if (model_load(cli->db, &m, &cli->err) < 0)
		return cli_fail(cli);
	if ((u = model_unit_or_root(&m, a->unit, &cli->err)) < 0) {
		model_release(&m);
		return cli_fail(cli);
	}
	o.unit = (size_t)u;
	o.year = a->year.year;
	o.names = f == GRID_TABLE;
	o.versions = f != GRID_TABLE;
	rc = target_grid_build(cli->db, &m, &o, &g, &cli->err);
	model_release(&m);
	if (rc < 0) {
		cli_field(&cli->err);
		return cli_fail(cli);
	}
	grid_write(&g, f, cli->out);
	grid_release(&g);
	return EXIT_OK;
}

const struct cmd CMD_TARGET = {
	{ "target", NULL, "annual targets: a unit's beside the year to date; one set by hand", 0, 0,
	  OPTS, SUBS,
	  "A unit's target is its own, else the sum of its children's (目标来源: 本单位 or\n"
	  "下级合计); the year to date is at the indicator's latest month with data in the\n"
	  "year, completion and 序时进度 as kfq bulletin gives them. kfq import targets\n"
	  "sets many at once.\n", NULL },
	run, NEED_DB, sizeof(struct target_args), &DEFAULTS,
};
