/* export.c: kfq export KIND [--format csv|xlsx|json] [--output FILE]. */
#include "cli/cli.h"
#include "io/export.h"
#include "report/xlsx_out.h"

#include <errno.h>
#include <string.h>

const struct opt EXPORT_OPTS[] = {
	{ "format", "F", "csv (default), xlsx or json" },
	{ "output", "FILE", "write to FILE (required for xlsx; default: standard output)" },
	{ "with-contacts", NULL, "households: include the phone numbers (left out by default)" },
	{ NULL, NULL, NULL },
};

int cmd_export(struct cli *cli, const struct optv *ov)
{
	const struct cmd *c = cmd_find("export");
	const char *fmt = opt_get(c, ov, "format"), *out = opt_get(c, ov, "output");
	struct grid g;
	int xlsx = fmt && strcmp(fmt, "xlsx") == 0, rc = EXIT_OK;
	enum grid_format f = GRID_CSV;

	if (!xlsx && fmt && strcmp(fmt, "csv") != 0 && strcmp(fmt, "json") != 0) {
		kfq_error(&cli->err, "export: --format \"%s\" (expected csv, xlsx or json)", fmt);
		return cli_fail(cli);
	}
	if (fmt && strcmp(fmt, "json") == 0)
		f = GRID_JSON;
	if (xlsx && !out) {
		kfq_error(&cli->err, "export: --format xlsx needs --output FILE");
		return cli_fail(cli);
	}
	if (export_build(cli->db, opt_get(c, ov, "with-contacts") && strcmp(ov->pos[0], "households")
	                 == 0 ? "households-with-contacts" : ov->pos[0], &g, &cli->err) < 0)
		return cli_fail(cli);
	if (xlsx) {
		if (xlsx_write_grid(&g, out, ov->pos[0], &cli->err) < 0)
			rc = cli_fail(cli);
	} else {
		FILE *fp = out ? fopen(out, "w") : cli->out;
		if (!fp) {
			kfq_error(&cli->err, "export: %s: %s", out, strerror(errno));
			rc = cli_fail(cli);
		} else {
			grid_write(&g, f, fp);
			if (out && fclose(fp) != 0) {
				kfq_error(&cli->err, "export: %s: %s", out, strerror(errno));
				rc = cli_fail(cli);
			}
		}
	}
	grid_release(&g);
	return rc;
}
