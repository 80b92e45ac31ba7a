/* revisions.c: kfq revisions --unit U --period P [--revision N]: a unit's
 * published month: its revisions, every figure changed from one to the
 * next and since the last (old → new, who, why), or the figures one
 * revision froze (quality/publish.h). Depends on libkfq. */
#include "cli/cli.h"
#include "quality/publish.h"
#include "report/grid.h"
#include "report/quality_grid.h"

#include <stdio.h>

struct revisions_args {
	struct cli_args h;
	const char *unit;
	struct period period;
	long revision;
	int format;   /* enum grid_format */
};

#define A struct revisions_args
static const struct optdef OPTS[] = {
	OPTION("unit", OPT_TEXT, A, unit, "CODE", "the unit whose month was published (default: the zone)"),
	OPTION("period", OPT_PERIOD, A, period, "P", "the month (2017-08; required)"),
	OPTION("revision", OPT_INT, A, revision, "N", "the figures revision N froze, as published"),
	OPTION_CHOICE("format", A, format, "F", "the format; table by default", CLI_FORMATS, NULL),
	OPTION_END,
};
#undef A
static const struct revisions_args DEFAULTS = { .h = { .sub = -1 }, .format = GRID_TABLE };

static void changes(struct cli *cli, const struct kfq_model *m, const struct pub_report *r,
                    enum grid_format f)
{
	struct grid g;
	revision_changes_grid(m, r, f == GRID_TABLE && cli->cx.lang == KFQ_ZH, &g);
	grid_write(&g, f, cli->out);
	grid_release(&g);
}

static void snapshot(struct cli *cli, const struct kfq_model *m, const struct pub_report *r,
                     enum grid_format f)
{
	struct grid g;
	revision_figures_grid(m, r, f == GRID_TABLE && cli->cx.lang == KFQ_ZH, &g);
	grid_write(&g, f, cli->out);
	grid_release(&g);
}

static int run(struct cli *cli, void *args)
{
	struct revisions_args *a = args;
	enum grid_format f = (enum grid_format)a->format;
	struct kfq_model m;
	struct pub_report r;
	char period[32];
	long u;

	if (!a->period.year) {
		kfq_error(&cli->err, "revisions: --period is required (the month published: 2017-08)");
		return cli_fail(cli);
	}
	if (model_load(cli->db, &m, &cli->err) < 0)
		return cli_fail(cli);
	if ((u = model_unit_or_root(&m, a->unit, &cli->err)) < 0 ||
	    publish_read(cli->db, &m, (size_t)u, &a->period, (int)a->revision, &r, &cli->err) < 0) {
		model_release(&m);
		cli_field(&cli->err);
		return cli_fail(cli);
	}
	period_format(&a->period, period, sizeof period);
	if (a->revision > 0) {
		snapshot(cli, &m, &r, f);
	} else if (f == GRID_TABLE) {
		if (r.npubs == 0)
			cli_say(cli, "%s %s has not been published\n", m.units.v[u].code, period);
		for (size_t i = 0; i < r.npubs; i++)
			if (r.pubs[i].reason)
				cli_say(cli, "revision %d: %s by %s: %s\n", r.pubs[i].revision, r.pubs[i].at,
				        r.pubs[i].who, r.pubs[i].reason);
			else
				cli_say(cli, "revision %d: %s by %s\n", r.pubs[i].revision, r.pubs[i].at,
				        r.pubs[i].who);
		if (r.npubs > 0) {
			if (r.nchanges)
				cli_say(cli, "%zu changes:\n", r.nchanges);
			else
				cli_say(cli, "no changes\n");
			if (r.nchanges)
				changes(cli, &m, &r, f);
		}
	} else {
		changes(cli, &m, &r, f);
	}
	pub_report_release(&r);
	model_release(&m);
	return EXIT_OK;
}

const struct cmd CMD_REVISIONS = {
	{ "revisions", "--period P [--unit CODE] [--revision N]", "a published month: its revisions and every figure changed since", 0, 0,
	  OPTS, NULL,
	  "Lists the revisions of the unit's published month, then each figure (the month's\n"
	  "value or its year to date) that differs from one revision to the next, or from the\n"
	  "last revision to now (to: now, with the reopen's account and reason): old → new.\n"
	  "--revision N prints the figures revision N froze, as they were published.\n", NULL },
	run, NEED_DB, sizeof(struct revisions_args), &DEFAULTS,
};
