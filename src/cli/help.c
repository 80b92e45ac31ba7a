/* help.c: kfq help [COMMAND [SUBCOMMAND]]: the list of commands, or one
 * command's help, generated from its option table (cli/opt.c). */
#include "cli/cli.h"

#include <string.h>

struct help_args {
	struct cli_args h;
};

static const struct optdef OPTS[] = { OPTION_END };
static const struct help_args DEFAULTS = { .h = { .sub = -1 } };

static int run(struct cli *cli, void *args)
{
	struct help_args *a = args;
	const struct cmd *c;
	int sub = -1;

	if (a->h.npos == 0) {
		fprintf(cli->out, "usage: kfq [--db FILE] COMMAND [ARGS]\n\ncommands:\n");
		for (size_t i = 0; COMMANDS[i]; i++)
			fprintf(cli->out, "  %-10s %s\n", COMMANDS[i]->o.name, COMMANDS[i]->o.summary);
		fprintf(cli->out, "\nkfq help COMMAND, or kfq COMMAND --help, tells more.\n");
		return EXIT_OK;
	}
	if (!(c = cmd_find(a->h.pos[0]))) {
		const char *names[32], *near;
		size_t n = 0;
		for (; COMMANDS[n] && n < 32; n++)
			names[n] = COMMANDS[n]->o.name;
		near = opt_closest(a->h.pos[0], names, n);
		if (near)
			kfq_error(&cli->err, "help: unknown command \"%s\" (did you mean %s?)", a->h.pos[0],
			          near);
		else
			kfq_error(&cli->err, "help: unknown command \"%s\"", a->h.pos[0]);
		return cli_fail(cli);
	}
	if (a->h.npos > 1) {
		for (int i = 0; c->o.subs && c->o.subs[i].name; i++)
			if (strcmp(c->o.subs[i].name, a->h.pos[1]) == 0)
				sub = i;
		if (sub < 0) {
			kfq_error(&cli->err, "help: %s has no subcommand \"%s\" (see kfq help %s)",
			          c->o.name, a->h.pos[1], c->o.name);
			return cli_fail(cli);
		}
	}
	opt_help(&c->o, sub, cli->out);
	return EXIT_OK;
}

const struct cmd CMD_HELP = {
	{ "help", "[COMMAND [SUBCOMMAND]]", "help on kfq or one command", 0, 2, OPTS, NULL, NULL,
	  NULL },
	run, 0, sizeof(struct help_args), &DEFAULTS,
};
