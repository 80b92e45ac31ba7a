/* demo.c: kfq demo: build the synthetic Danyang demo zone (src/demo/). */
#include "cli/cli.h"
#include "demo/demo.h"

const struct opt DEMO_OPTS[] = { { NULL, NULL, NULL } };

int cmd_demo(struct cli *cli, const struct optv *ov)
{
	struct demo_stats s;
	(void)ov;
	if (demo_build(&cli->cx, cli->db, &s, &cli->err) < 0)
		return cli_fail(cli);
	fprintf(cli->out, "%s: demo zone 丹阳经济开发区 (danyang): %zu units, %zu enterprises, "
	        "%zu projects, %zu leads, %zu indicators, %zu values, %zu targets "
	        "(enterprise, project and lead data synthetic)\n",
	        cli->db_path, s.units, s.enterprises, s.projects, s.leads, s.indicators, s.values,
	        s.targets);
	return EXIT_OK;
}
