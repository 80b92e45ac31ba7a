/* demo.c: kfq demo: build the synthetic Danyang demo zone (src/demo/). */
#include "cli/cli.h"
#include "demo/demo.h"

struct demo_args {
	struct cli_args h;
};

static const struct optdef OPTS[] = { OPTION_END };
static const struct demo_args DEFAULTS = { .h = { .sub = -1 } };

static int run(struct cli *cli, void *args)
{
	struct demo_stats s;
	(void)args;
	if (demo_build(&cli->cx, cli->db, &s, &cli->err) < 0)
		return cli_fail(cli);
	cli_say(cli, "%s: demo zone 丹阳经济开发区 (danyang): %zu units, %zu enterprises, "
	        "%zu projects, %zu leads, %zu indicators, %zu values, %zu targets "
	        "(enterprise, project and lead data synthetic)\n",
	        cli->db_path, s.units, s.enterprises, s.projects, s.leads, s.indicators, s.values,
	        s.targets);
	return EXIT_OK;
}

const struct cmd CMD_DEMO = {
	{ "demo", "", "build the synthetic Danyang demo zone (丹阳经济开发区) in the database", 0, 0,
	  OPTS, NULL,
	  "The enterprise-level data is synthetic; the zone totals are the published 2017\n"
	  "figures of the zone's year-in-review.\n", NULL },
	run, CREATE_DB, sizeof(struct demo_args), &DEFAULTS,
};
