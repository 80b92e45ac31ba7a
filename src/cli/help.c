/* help.c: kfq help [COMMAND]. */
#include "cli/cli.h"

const struct opt HELP_OPTS[] = { { NULL, NULL, NULL } };

int cmd_help(struct cli *cli, const struct optv *ov)
{
	const struct cmd *c;
	if (ov->npos == 0) {
		fprintf(cli->out, "usage: kfq [--db FILE] COMMAND [ARGS]\n\ncommands:\n");
		for (c = COMMANDS; c->name; c++)
			fprintf(cli->out, "  %-10s %s\n", c->name, c->summary);
		fprintf(cli->out, "\nkfq help COMMAND, or kfq COMMAND --help, tells more.\n");
		return EXIT_OK;
	}
	if (!(c = cmd_find(ov->pos[0]))) {
		kfq_error(&cli->err, "help: unknown command \"%s\"", ov->pos[0]);
		return cli_fail(cli);
	}
	cli_help(c, cli->out);
	return EXIT_OK;
}
