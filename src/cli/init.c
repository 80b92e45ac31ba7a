/* init.c: kfq init: create the database, or upgrade an old one in place
 * (the dispatcher opens it with DB_CREATE, which runs the migrations). */
#include "cli/cli.h"

const struct opt INIT_OPTS[] = { { NULL, NULL, NULL } };

int cmd_init(struct cli *cli, const struct optv *ov)
{
	(void)ov;
	fprintf(cli->out, "%s: kfq database, schema version %d\n", cli->db_path,
	        db_schema_version(cli->db));
	return EXIT_OK;
}
