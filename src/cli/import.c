/* import.c: kfq import KIND FILE [--sheet NAME] [--dry-run]. */
#include "cli/cli.h"
#include "io/import.h"

#include <string.h>

const struct opt IMPORT_OPTS[] = {
	{ "sheet", "NAME", "the XLSX sheet to read (default: the first)" },
	{ "dry-run", NULL, "check every row and report, but write nothing" },
	{ NULL, NULL, NULL },
};

int cmd_import(struct cli *cli, const struct optv *ov)
{
	const struct cmd *c = cmd_find("import");
	struct import_opts o = { ov->pos[0], ov->pos[1], opt_get(c, ov, "sheet"),
	                         opt_get(c, ov, "dry-run") != NULL, 0 };
	struct import_result res;
	int rc = import_run(&cli->cx, cli->db, &o, &res, &cli->err);

	if (res.messages) {
		/* one "kfq: file:line: message" line per bad row */
		for (char *line = res.messages, *nl; *line; line = nl + 1) {
			nl = strchr(line, '\n');
			fprintf(stderr, "kfq: %.*s\n", (int)(nl - line), line);
		}
	}
	if (rc < 0) {
		import_result_release(&res);
		return cli_fail(cli);
	}
	fprintf(cli->out, "%s%s: %zu rows: %zu added, %zu changed, %zu unchanged%s\n",
	        o.dry_run ? "dry run: " : "", o.path, res.rows, res.added, res.changed, res.unchanged,
	        o.dry_run ? " (nothing written)" : "");
	if (res.note)
		fprintf(cli->out, "%s\n", res.note);
	import_result_release(&res);
	return EXIT_OK;
}
