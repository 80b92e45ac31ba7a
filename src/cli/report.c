/* report.c: kfq report render TEMPLATE --period P [--unit CODE] --format
 * md|html --output FILE: a report template (docs/reports.md) rendered for
 * a unit and a period, written whole or not at all (base/outfile); each
 * figure without a value is a warning on standard error. kfq report trace
 * TEMPLATE --period P (--line N | --figure REF) [--records]: how the
 * figures of a line, or one figure, were made. Depends on libkfq. */
#include "cli/cli.h"
#include "base/outfile.h"
#include "model/model.h"
#include "report/template.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

struct report_args {
	struct cli_args h;
	struct period period;
	const char *unit;
	int format;       /* 0 md, 1 html, 2 pdf, 3 docx, 4 xlsx */
	const char *output;
	long line;
	const char *figure;
	int records;
	const char *reason;
	long revision;
	int list;
};

static const char *const FORMATS[] = { "md", "html", "pdf", "docx", "xlsx", NULL };

#define A struct report_args
static const struct optdef OPTS[] = {
	OPTION("period", OPT_PERIOD, A, period, "P",
	  "the report's period: 2017, 2017年1-8月 (year to date), 2017-08 ..."),
	OPTION("unit", OPT_TEXT, A, unit, "CODE", "the report's unit (default: the top-level unit)"),
	OPTION_CHOICE("format", A, format, "F", "the format: md, html, pdf (A4), docx (Word, WPS) or xlsx (Excel, WPS); pdf, docx and xlsx need --output (default md)", FORMATS, NULL),
	OPTION("output", OPT_TEXT, A, output, "FILE",
	  "write the document to FILE (a temporary file renamed when complete); "
	  "default: standard output"),
	OPTION("line", OPT_INT, A, line, "N", "trace: the figures of the template's line N"),
	OPTION("figure", OPT_TEXT, A, figure, "REF",
	  "trace: the figure whose id= is REF, or whose reference (the HTML's data-ref) starts "
	  "with REF"),
	OPTION("records", OPT_FLAG, A, records, NULL,
	  "trace: every stored value behind the figure, with its file and line"),
	OPTION("reason", OPT_TEXT, A, reason, "T",
	  "publish: what was corrected (needed to publish a changed document again)"),
	OPTION("revision", OPT_INT, A, revision, "N", "published: revision N (default: the last)"),
	OPTION("list", OPT_FLAG, A, list, NULL, "published: list the revisions instead"),
	OPTION_END,
};
#undef A
static const struct report_args DEFAULTS = { { .sub = -1 }, { 0 }, NULL, 0, NULL, 0, NULL, 0,
                                             NULL, 0, 0 };

static const struct subdef SUBS[] = {
	{ "render", "TEMPLATE", { "!period", "unit", "format", "output", NULL },
	  "a report template (docs/reports.md) rendered for a unit and a period" },
	{ "trace", "TEMPLATE", { "!period", "unit", "line", "figure", "records", NULL },
	  "how a template's figures were made: the command, the units summed, the stored values "
	  "and the imports (file, lines) they came from, the changes since" },
	{ "publish", "TEMPLATE", { "!period", "unit", "reason", NULL },
	  "publish a template's document for a unit and a period: kept as it is, with every "
	  "figure it printed, as a new revision" },
	{ "published", "NAME", { "!period", "unit", "revision", "format", "output", "list", NULL },
	  "a published document as it was published (NAME: the template's file name without "
	  ".tmpl), or its revisions" },
	{ NULL },
};

static void write_doc(const struct tmpl_doc *d, int html, FILE *out)
{
	if (html)
		tmpl_write_html(d, out);
	else
		tmpl_write_md(d, out);
}

/* The template, the model and the options for a: 0, or an exit code
 * (then nothing is left to release). */
static int open_all(struct cli *cli, struct report_args *a, const char *cmd, struct tmpl **t,
                    struct kfq_model *m, struct tmpl_opts *o)
{
	long u;
	if (!a->period.year) {
		kfq_error(&cli->err, "report %s: --period is required (%s)", cmd, PERIOD_FORMS);
		return cli_fail(cli);
	}
	if (tmpl_load(a->h.pos[0], t, &cli->err) < 0)
		return cli_fail(cli);
	if (model_load(cli->db, m, &cli->err) < 0) {
		tmpl_free(*t);
		return cli_fail(cli);
	}
	if ((u = model_unit_or_root(m, a->unit, &cli->err)) < 0) {
		model_release(m);
		tmpl_free(*t);
		return cli_fail(cli);
	}
	o->period = a->period;
	o->unit = (size_t)u;
	return EXIT_OK;
}

/* After a render: the figures printed otherwise by the template's last
 * publication for the unit and the period, on standard error (old → new).
 * 0, or -1 with cli->err. */
static int changed_since(struct cli *cli, const struct tmpl *t, const struct kfq_model *m,
                         const struct tmpl_opts *o, const struct tmpl_doc *doc)
{
	char *name = tmpl_pub_name(tmpl_file(t));
	struct grid g;
	int rc = tmpl_pub_changes(cli->db, m, name, o, doc, 0, &g, &cli->err);
	for (size_t r = 0; rc == 0 && r < g.nrows; r++)
		cli_warn(cli, "%s: published %s (revision %s), now %s\n", g.cells[r * g.ncols],
		         g.cells[r * g.ncols + 1], g.cells[r * g.ncols + 3], g.cells[r * g.ncols + 2]);
	if (rc == 0 && g.nrows)
		cli_warn(cli, "%zu figures changed since report %s was published (kfq report "
		         "published %s --list)\n", g.nrows, name, name);
	grid_release(&g);
	free(name);
	return rc;
}

static int trace(struct cli *cli, struct report_args *a)
{
	struct tmpl *t = NULL;
	struct kfq_model m;
	struct tmpl_opts o;
	int rc;
	if ((a->line > 0) == (a->figure != NULL)) {
		kfq_error(&cli->err, "report trace: give --line N or --figure REF");
		return cli_fail(cli);
	}
	if ((rc = open_all(cli, a, "trace", &t, &m, &o)) != EXIT_OK)
		return rc;
	rc = tmpl_trace(t, &cli->cx, cli->db, &m, &o, (int)a->line, a->figure, a->records,
	                cli->out, cli->msg_lang == KFQ_ZH, &cli->err) < 0 ? cli_fail(cli) : EXIT_OK;
	model_release(&m);
	tmpl_free(t);
	return rc;
}

static int render(struct cli *cli, struct report_args *a)
{
	struct tmpl *t = NULL;
	struct kfq_model m;
	struct tmpl_opts o;
	struct tmpl_doc doc;
	int rc;

	if ((rc = open_all(cli, a, "render", &t, &m, &o)) != EXIT_OK)
		return rc;
	if (tmpl_eval(t, &cli->cx, cli->db, &m, &o, &doc, &cli->err) < 0) {
		rc = cli_fail(cli);
	} else {
		for (size_t i = 0; i < doc.nwarn; i++)
			fprintf(stderr, "kfq: %s: %s\n", cli->msg_lang == KFQ_ZH ? "警告" : "warning",
			        kfq_err_msg(&doc.warn[i], cli->msg_lang));
		if (changed_since(cli, t, &m, &o, &doc) < 0)
			rc = cli_fail(cli);
		else if (a->format >= 2) {
			char header[256];
			snprintf(header, sizeof header, "%s", m.units.v[o.unit].name);
			if (!a->output) {
				kfq_error(&cli->err, "report render: --format %s needs --output FILE",
				          FORMATS[a->format]);
				rc = cli_fail(cli);
			} else if ((a->format == 2 ? tmpl_write_pdf(&doc, header, a->output, &cli->err)
			            : a->format == 3 ? tmpl_write_docx(&doc, header, NULL, a->output, &cli->err)
			            : tmpl_write_xlsx(&doc, a->output, &cli->err)) < 0) {
				kfq_err_prefix(&cli->err, "report render");
				rc = cli_fail(cli);
			}
		} else if (a->output) {
			struct outfile of;
			if (outfile_open(&of, a->output, 0644, &cli->err) < 0) {
				kfq_err_prefix(&cli->err, "report render");
				rc = cli_fail(cli);
			} else {
				write_doc(&doc, a->format == 1, of.fp);
				if (outfile_commit(&of, &cli->err) < 0) {
					kfq_err_prefix(&cli->err, "report render");
					rc = cli_fail(cli);
				}
			}
		} else
			write_doc(&doc, a->format == 1, cli->out);   /* checked at the end (kfq.c) */
	}
	tmpl_doc_release(&doc);
	model_release(&m);
	tmpl_free(t);
	return rc;
}

/* kfq report publish TEMPLATE --period P [--unit CODE] [--reason T] */
static int publish(struct cli *cli, struct report_args *a)
{
	struct tmpl *t = NULL;
	struct kfq_model m;
	struct tmpl_opts o;
	struct tmpl_doc doc;
	int rc, revision, unchanged;
	char period[64], *name;

	if ((rc = open_all(cli, a, "publish", &t, &m, &o)) != EXIT_OK)
		return rc;
	name = tmpl_pub_name(a->h.pos[0]);
	period_format(&o.period, period, sizeof period);
	if (tmpl_eval(t, &cli->cx, cli->db, &m, &o, &doc, &cli->err) < 0 ||
	    tmpl_publish(t, &cli->cx, cli->db, &m, &o, &doc, a->reason, &revision, &unchanged,
	                 &cli->err) < 0) {
		rc = cli_fail(cli);
	} else {
		for (size_t i = 0; i < doc.nwarn; i++)
			fprintf(stderr, "kfq: %s: %s\n", cli->msg_lang == KFQ_ZH ? "警告" : "warning",
			        kfq_err_msg(&doc.warn[i], cli->msg_lang));
		if (unchanged)
			cli_say(cli, "report %s for %s %s: the same as published revision %d: nothing "
			        "published\n", name, m.units.v[o.unit].code, period, revision);
		else
			cli_say(cli, "report %s for %s %s: published revision %d (%zu figures, %zu "
			        "gaps)\n", name, m.units.v[o.unit].code, period, revision, doc.nnums,
			        doc.ngaps);
	}
	free(name);
	tmpl_doc_release(&doc);
	model_release(&m);
	tmpl_free(t);
	return rc;
}

/* kfq report published NAME --period P [--unit CODE] [--revision N]
 * [--format F] [--output FILE] [--list] */
static int published(struct cli *cli, struct report_args *a)
{
	struct kfq_model m;
	struct tmpl_opts o;
	struct tmpl_pub p;
	char period[64];
	long u;
	int got, rc = EXIT_OK;

	if (!a->period.year) {
		kfq_error(&cli->err, "report published: --period is required (%s)", PERIOD_FORMS);
		return cli_fail(cli);
	}
	if (model_load(cli->db, &m, &cli->err) < 0)
		return cli_fail(cli);
	if ((u = model_unit_or_root(&m, a->unit, &cli->err)) < 0) {
		model_release(&m);
		return cli_fail(cli);
	}
	o.period = a->period;
	o.unit = (size_t)u;
	period_format(&o.period, period, sizeof period);
	if (a->list) {
		struct grid g;
		if (tmpl_pub_list(cli->db, &m, a->h.pos[0], &o, 1, &g, &cli->err) < 0)
			rc = cli_fail(cli);
		else
			grid_write(&g, GRID_TABLE, cli->out);
		grid_release(&g);
		model_release(&m);
		return rc;
	}
	if ((got = tmpl_pub_read(cli->db, &m, a->h.pos[0], &o, (int)a->revision, &p,
	                         &cli->err)) < 0) {
		rc = cli_fail(cli);
	} else if (!got) {
		if (a->revision)
			kfq_error(&cli->err, "report %s for %s %s has no revision %ld (kfq report "
			          "published %s --period %s --list)", a->h.pos[0], m.units.v[u].code,
			          period, a->revision, a->h.pos[0], period);
		else
			kfq_error(&cli->err, "report %s for %s %s has not been published (kfq report "
			          "publish TEMPLATE)", a->h.pos[0], m.units.v[u].code, period);
		rc = cli_fail(cli);
	} else {
		/* as published: the Markdown and the HTML verbatim; PDF and DOCX
		 * laid out from the Markdown, as they always are */
		struct tspan one = { .kind = SP_TEXT, .text = p.md };
		struct tmpl_doc doc = { .v = &one, .n = 1 };
		char header[256];
		snprintf(header, sizeof header, "%s", m.units.v[u].name);
		if (a->format >= 2 && !a->output) {
			kfq_error(&cli->err, "report published: --format %s needs --output FILE",
			          FORMATS[a->format]);
			rc = cli_fail(cli);
		} else if (a->format >= 2) {
			if ((a->format == 2 ? tmpl_write_pdf(&doc, header, a->output, &cli->err)
			     : a->format == 3 ? tmpl_write_docx(&doc, header, p.at, a->output, &cli->err)
			     : tmpl_write_xlsx(&doc, a->output, &cli->err)) < 0)
				rc = cli_fail(cli);
		} else if (a->output) {
			struct outfile of;
			if (outfile_open(&of, a->output, 0644, &cli->err) < 0) {
				rc = cli_fail(cli);
			} else {
				fputs(a->format == 1 ? p.html : p.md, of.fp);
				if (outfile_commit(&of, &cli->err) < 0)
					rc = cli_fail(cli);
			}
		} else {
			fputs(a->format == 1 ? p.html : p.md, cli->out);
		}
		tmpl_pub_release(&p);
	}
	model_release(&m);
	return rc;
}

static int run(struct cli *cli, void *args)
{
	struct report_args *a = args;
	switch (a->h.sub) {
	case 1:
		return trace(cli, a);
	case 2:
		return publish(cli, a);
	case 3:
		return published(cli, a);
	default:
		return render(cli, a);
	}
}

const struct cmd CMD_REPORT = {
	{ "report", NULL, "documents from report templates: the monthly bulletin, the annual review "
	  "(docs/reports.md)", 0, 0, OPTS, SUBS, NULL, NULL },
	run, NEED_DB, sizeof(struct report_args), &DEFAULTS,
};
