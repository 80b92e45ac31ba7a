/* help.c: kfq help [COMMAND [SUBCOMMAND]]: the list of commands, or one
 * command's help, generated from its option table (cli/opt.c). */
#include "cli/cli.h"
#include "io/header.h"
#include "io/import.h"
#include "base/sbuf.h"
#include "report/grid.h"

#include <string.h>

struct help_args {
	struct cli_args h;
};

static const struct optdef OPTS[] = { OPTION_END };
static const struct help_args DEFAULTS = { .h = { .sub = -1 } };

/* kfq help import KIND: the columns of a kind, with the headings a file
 * may give them (an office's Excel is headed in Chinese). */
static int kind_columns(struct cli *cli, const char *cmd, const char *kind)
{
	size_t n;
	const struct column_def *cols = import_kind_columns(kind, &n);
	int zh = cli->msg_lang == KFQ_ZH;
	if (!cols) {
		kfq_error(&cli->err, "help: %s has no kind \"%s\" (see kfq help %s)", cmd, kind, cmd);
		return cli_fail(cli);
	}
	fprintf(cli->out, zh ? "kfq %s %s：各列\n（表头可写英文列名或中文别名；金额列可在括号中注明计量单位，如 amount(元)）\n\n"
	                     : "kfq %s %s: the columns (a heading may be the English name or any "
	                       "alias; a money column may give its measure in brackets: "
	                       "amount(元))\n\n", cmd, kind);
	{
		static const char *const KEYS[] = { "column", "required", "aliases" };
		static const char *const ZH[] = { "列", "必填", "别名" };
		struct grid g;
		struct sbuf al;
		grid_init(&g, 3, KEYS, zh ? ZH : NULL);
		sbuf_init(&al);
		for (size_t i = 0; i < n; i++) {
			sbuf_reset(&al);
			for (const char *p = cols[i].aliases; p && *p; p++)
				if (*p == '|')
					sbuf_adds(&al, zh ? "、" : ", ");
				else
					sbuf_addc(&al, *p);
			grid_row(&g);
			grid_set(&g, 0, cols[i].name);
			grid_set(&g, 1, cols[i].required ? (zh ? "是" : "yes") : (zh ? "否" : "no"));
			grid_set(&g, 2, al.buf);
		}
		grid_write(&g, GRID_TABLE, cli->out);
		sbuf_release(&al);
		grid_release(&g);
	}
	return EXIT_OK;
}

static int run(struct cli *cli, void *args)
{
	struct help_args *a = args;
	const struct cmd *c;
	int sub = -1;

	if (a->h.npos == 0) {
		int zh = cli->msg_lang == KFQ_ZH;
		fprintf(cli->out, zh ? "用法：kfq [--db 文件] 命令 [参数]\n\n命令：\n"
		                     : "usage: kfq [--db FILE] COMMAND [ARGS]\n\ncommands:\n");
		for (size_t i = 0; COMMANDS[i]; i++)
			fprintf(cli->out, "  %-10s %s\n", COMMANDS[i]->o.name,
			        opt_text(zh, COMMANDS[i]->o.summary));
		fprintf(cli->out, zh ? "\nkfq help 命令，或 kfq 命令 --help，查看详细说明。\n"
		                     : "\nkfq help COMMAND, or kfq COMMAND --help, tells more.\n");
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
	if (a->h.npos > 1 && (strcmp(c->o.name, "import") == 0 || strcmp(c->o.name, "export") == 0))
		return kind_columns(cli, c->o.name, a->h.pos[1]);
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
	opt_help(&c->o, sub, cli->msg_lang == KFQ_ZH, cli->out);
	return EXIT_OK;
}

const struct cmd CMD_HELP = {
	{ "help", "[COMMAND [SUBCOMMAND]]", "help on kfq or one command", 0, 2, OPTS, NULL, NULL,
	  NULL },
	run, 0, sizeof(struct help_args), &DEFAULTS,
};
