/* init.c: kfq init: create the database, or upgrade an old one in place
 * (the dispatcher opens it with DB_CREATE, which runs the migrations). */
#include "cli/cli.h"

struct init_args {
	struct cli_args h;
};

static const struct optdef OPTS[] = { OPTION_END };
static const struct init_args DEFAULTS = { .h = { .sub = -1 } };

static int run(struct cli *cli, void *args)
{
	(void)args;
	cli_say(cli, "%s: kfq database, schema version %d\n", cli->db_path,
	        db_schema_version(cli->db));
	return EXIT_OK;
}

const struct cmd CMD_INIT = {
	{ "init", "", "create a database (or upgrade an old one in place)", 0, 0, OPTS, NULL, NULL,
	  NULL },
	run, CREATE_DB, sizeof(struct init_args), &DEFAULTS,
};
