/* bulletin.c: kfq bulletin --period P [--unit CODE] [--format ...] [--lang en]. */
#include "cli/cli.h"
#include "model/model.h"
#include "report/bulletin.h"

#include <stddef.h>
#include <string.h>

struct bulletin_args {
	struct cli_args h;
	struct period period;
	const char *unit;
	int format;   /* enum grid_format */
	int lang;     /* enum kfq_lang */
	int partial;  /* growth and completion of partial figures too */
};

static const char *const LANGS[] = { "zh", "en", NULL };

#define A struct bulletin_args
static const struct optdef OPTS[] = {
	OPTION("period", OPT_PERIOD, A, period, "P",
	  "the period: 2017-08 or 2017年1-8月 (year to date), 2017 ..."),
	OPTION("unit", OPT_TEXT, A, unit, "CODE",
	  "the unit (default: the top-level unit); its children follow"),
	OPTION_CHOICE("format", A, format, "F",
	  "the format; table by default", CLI_FORMATS_MD, NULL),
	OPTION_CHOICE("lang", A, lang, "L", "the language (default zh)", LANGS, NULL),
	OPTION("partial", OPT_FLAG, A, partial, NULL,
	  "growth and completion of a partial year to date too (withheld by default)"),
	OPTION_END,
};
#undef A
static const struct bulletin_args DEFAULTS = { { .sub = -1 }, { 0 }, NULL, GRID_TABLE, -1, 0 };

static int run(struct cli *cli, void *args)
{
	struct bulletin_args *a = args;
	struct bulletin_opts o = { 0 };
	struct kfq_model m;
	struct figure_ctx fc;
	struct period p = a->period;
	struct grid g;
	enum grid_format f = (enum grid_format)a->format;
	long u;
	int rc;
	char label[64];

	if (a->lang >= 0)
		cli->cx.lang = a->lang == 1 ? KFQ_EN : KFQ_ZH;
	if (!p.year) {
		kfq_error(&cli->err, "bulletin: --period is required (%s)", PERIOD_FORMS);
		return cli_fail(cli);
	}
	if (model_load(cli->db, &m, &cli->err) < 0)
		return cli_fail(cli);
	if ((u = model_unit_or_root(&m, a->unit, &cli->err)) < 0) {
		model_release(&m);
		return cli_fail(cli);
	}
	o.period = &p;
	o.unit = (size_t)u;
	o.english = cli->cx.lang == KFQ_EN;
	o.children = 1;
	figure_ctx_init(&fc, cli->db, &m.units, &m.inds);
	fc.partial_ratios = a->partial;
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
		if (o.partial && (f == GRID_TABLE || f == GRID_MD))
			fprintf(cli->out, o.english ?
			        "\nNote: %d rows are partial: not every unit expected has reported "
			        "(reported/expected)%s; kfq missing --period %s lists them.\n" :
			        "\n注：%d 行的累计不完整（已报/应报）%s；未报单位见 kfq missing --period %s。\n",
			        o.partial, a->partial ? "" : o.english ?
			        ", so their growth, completion and time progress are withheld" :
			        "，其增长、完成和序时进度暂不计算", label);
	}
	grid_release(&g);
	figure_ctx_release(&fc);
	model_release(&m);
	return rc == 0 ? EXIT_OK : cli_fail(cli);
}

const struct cmd CMD_BULLETIN = {
	{ "bulletin", "--period P", "the monthly economic bulletin (经济运行简报) of the headline "
	  "indicators", 0, 0, OPTS, NULL, NULL, NULL },
	run, NEED_DB, sizeof(struct bulletin_args), &DEFAULTS,
};
