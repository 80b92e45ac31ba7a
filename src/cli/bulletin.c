/* bulletin.c: kfq bulletin --period P [--unit CODE] [--format ...] [--lang en]
 * [--output FILE]: the bulletin as a table, CSV, JSON, Markdown, or as an
 * XLSX statistical report (report/bulletin.c's sheet, report/xlsx_out.c). */
#include "cli/cli.h"
#include "base/outfile.h"
#include "model/model.h"
#include "report/bulletin.h"
#include "report/xlsx_out.h"

#include <stddef.h>
#include <string.h>

struct bulletin_args {
	struct cli_args h;
	struct period period;
	const char *unit;
	int format;   /* enum grid_format, or F_XLSX */
	int lang;     /* enum kfq_lang */
	int partial;  /* growth and completion of partial figures too */
	const char *output;
};

static const char *const LANGS[] = { "zh", "en", NULL };
/* The grid's formats (enum grid_format), then the statistical report's workbook. */
static const char *const FORMATS[] = { "table", "csv", "json", "md", "xlsx", NULL };
enum { F_XLSX = 4 };

#define A struct bulletin_args
static const struct optdef OPTS[] = {
	OPTION("period", OPT_PERIOD, A, period, "P",
	  "the period: 2017-08 or 2017年1-8月 (year to date), 2017 ..."),
	OPTION("unit", OPT_TEXT, A, unit, "CODE",
	  "the unit (default: the top-level unit); its children follow"),
	OPTION_CHOICE("format", A, format, "F",
	  "the format; table by default; xlsx: the statistical report's workbook (merged title, "
	  "本月, 1-N月累计, 同比, 年度目标, 完成, 序时进度, footnotes; needs --output)", FORMATS, NULL),
	OPTION_CHOICE("lang", A, lang, "L", "the language (default zh)", LANGS, NULL),
	OPTION("partial", OPT_FLAG, A, partial, NULL,
	  "growth and completion of a partial year to date too (withheld by default)"),
	OPTION("output", OPT_TEXT, A, output, "FILE",
	  "write to FILE (whole or not at all) instead of standard output"),
	OPTION_END,
};
#undef A
static const struct bulletin_args DEFAULTS = { { .sub = -1 }, { 0 }, NULL, GRID_TABLE, -1, 0,
                                                NULL };

/* The workbook of the statistical report: 0, or an exit code. */
static int write_xlsx(struct cli *cli, struct figure_ctx *fc, const struct bulletin_opts *o,
                      const char *path)
{
	struct bulletin_sheet s;
	const char *notes[3];
	struct xlsx_sheet xs;
	if (bulletin_sheet_build(fc, o, &s, &cli->err) < 0)
		return -1;
	for (size_t k = 0; k < s.nnotes; k++)
		notes[k] = s.notes[k];
	xs.title = s.title;
	xs.subtitle = s.subtitle;
	xs.g = &s.g;
	xs.band = s.band;
	xs.decimals = s.decimals;
	xs.notes = notes;
	xs.nnotes = s.nnotes;
	if (xlsx_write_sheet(&xs, path, "经济运行简报", 0644, &cli->err) < 0) {
		bulletin_sheet_release(&s);
		return kfq_err_prefix(&cli->err, "bulletin");
	}
	bulletin_sheet_release(&s);
	return 0;
}

static int run(struct cli *cli, void *args)
{
	struct bulletin_args *a = args;
	struct bulletin_opts o = { 0 };
	struct kfq_model m;
	struct figure_ctx fc;
	struct period p = a->period;
	struct grid g;
	struct sbuf notes;
	enum grid_format f = (enum grid_format)a->format;
	struct outfile of;
	FILE *out = cli->out;
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
	if (a->format == F_XLSX) {
		if (!a->output)
			rc = kfq_error(&cli->err, "bulletin: --format xlsx needs --output FILE");
		else
			rc = write_xlsx(cli, &fc, &o, a->output);
		figure_ctx_release(&fc);
		model_release(&m);
		return rc == 0 ? EXIT_OK : cli_fail(cli);
	}
	if (a->output) {
		if (outfile_open(&of, a->output, 0644, &cli->err) < 0) {
			figure_ctx_release(&fc);
			model_release(&m);
			kfq_err_prefix(&cli->err, "bulletin");
			return cli_fail(cli);
		}
		out = of.fp;
	}
	sbuf_init(&notes);
	if (f == GRID_TABLE || f == GRID_MD)
		o.notes = &notes;   /* figures revised since published, below the table */
	rc = bulletin_build(&fc, &o, &g, &cli->err);
	if (rc == 0) {
		struct period ytd = period_ytd(&p);
		period_label_zh(&ytd, label, sizeof label);
		if (f == GRID_TABLE || f == GRID_MD) {
			if (o.english)
				fprintf(out, "%s%s economic bulletin, %s (year to date)\n\n",
				        f == GRID_MD ? "# " : "", m.units.v[u].name, label);
			else
				fprintf(out, "%s%s经济运行简报（%s）\n\n", f == GRID_MD ? "# " : "",
				        m.units.v[u].name, label);
		}
		grid_write(&g, f, out);
		if (o.partial && (f == GRID_TABLE || f == GRID_MD))
			fprintf(out, o.english ?
			        "\nNote: %d rows are partial: not every unit expected has reported "
			        "(reported/expected)%s; kfq missing --period %s lists them.\n" :
			        "\n注：%d 行的累计不完整（已报/应报）%s；未报单位见 kfq missing --period %s。\n",
			        o.partial, a->partial ? "" : o.english ?
			        ", so their growth, completion and time progress are withheld" :
			        "，其增长、完成和序时进度暂不计算", label);
		if (notes.len)
			fprintf(out, "\n%s%s", o.english ? "Revised since published:\n"
			                                   : "发布后修订的数据：\n", notes.buf);
	}
	sbuf_release(&notes);
	if (a->output) {
		if (rc == 0 && outfile_commit(&of, &cli->err) < 0)
			rc = kfq_err_prefix(&cli->err, "bulletin");
		else if (rc != 0)
			outfile_abort(&of);
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
