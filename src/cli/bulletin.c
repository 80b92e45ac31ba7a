/* bulletin.c: kfq bulletin --period P [--unit CODE] [--format ...] [--lang en]. */
#include "cli/cli.h"
#include "model/model.h"
#include "report/bulletin.h"

#include <string.h>

const struct opt BULLETIN_OPTS[] = {
	{ "period", "P", "the period: 2017-08 or 2017年1-8月 (year to date), 2017 ..." },
	{ "unit", "CODE", "the unit (default: the top-level unit); its children follow" },
	{ "format", "F", "table, csv, json or md" },
	{ "lang", "L", "zh (default) or en" },
	{ NULL, NULL, NULL },
};

int cmd_bulletin(struct cli *cli, const struct optv *ov)
{
	const struct cmd *c = cmd_find("bulletin");
	const char *lang = opt_get(c, ov, "lang"), *ps = opt_get(c, ov, "period");
	struct bulletin_opts o = { 0 };
	struct kfq_model m;
	struct figure_ctx fc;
	struct period p;
	struct grid g;
	enum grid_format f;
	long u;
	int rc;
	char label[64];

	if (grid_parse_format(opt_get(c, ov, "format"), 1, &f, &cli->err) < 0)
		return cli_fail(cli);
	if (lang && strcmp(lang, "zh") != 0 && strcmp(lang, "en") != 0) {
		kfq_error(&cli->err, "bulletin: --lang \"%s\" (expected zh or en)", lang);
		return cli_fail(cli);
	}
	if (!ps) {
		kfq_error(&cli->err, "bulletin: --period is required (%s)", PERIOD_FORMS);
		return cli_fail(cli);
	}
	if (period_parse(ps, &p, &cli->err) < 0)
		return cli_fail(cli);
	if (model_load(cli->db, &m, &cli->err) < 0)
		return cli_fail(cli);
	if ((u = model_unit_or_root(&m, opt_get(c, ov, "unit"), &cli->err)) < 0) {
		model_release(&m);
		return cli_fail(cli);
	}
	o.period = &p;
	o.unit = (size_t)u;
	o.english = lang && strcmp(lang, "en") == 0;
	o.children = 1;
	figure_ctx_init(&fc, cli->db, &m.units, &m.inds);
	rc = bulletin_build(&fc, &o, &g, &cli->err);
	if (rc == 0) {
		struct period ytd = period_ytd(&p);
		period_label_zh(&ytd, label, sizeof label);
		if (f == GRID_TABLE || f == GRID_MD) {
			if (o.english)
				fprintf(cli->out, "%s%s economic bulletin, %s (year to date)\n\n",
				        f == GRID_MD ? "# " : "", m.units.v[u].name, label);
			else
				fprintf(cli->out, "%s%s经济运行简报（%s）\n\n", f == GRID_MD ? "# " : "",
				        m.units.v[u].name, label);
		}
		grid_write(&g, f, cli->out);
	}
	grid_release(&g);
	figure_ctx_release(&fc);
	model_release(&m);
	return rc == 0 ? EXIT_OK : cli_fail(cli);
}
