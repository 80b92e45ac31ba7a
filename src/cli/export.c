/* export.c: kfq export KIND [--format csv|xlsx|json] [--output FILE], and
 * kfq export form FORM --unit CODE --period P --output FILE.xlsx (the
 * sheet of a report form to fill in, report/form_out.h). */
#include "cli/cli.h"
#include "model/model.h"
#include "report/export.h"
#include "report/form_out.h"
#include "io/import.h"
#include "report/xlsx_out.h"
#include "base/outfile.h"
#include "base/xalloc.h"
#include "model/session.h"

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct export_args {
	struct cli_args h;
	int format;              /* EXPORT_FORMATS */
	const char *output;
	int with_contacts;
	const char *unit;        /* export form */
	struct period period;    /* export form */
};

static const char *const EXPORT_FORMATS[] = { "csv", "xlsx", "json", NULL };
enum { F_CSV, F_XLSX, F_JSON };

#define A struct export_args
static const struct optdef OPTS[] = {
	OPTION_CHOICE("format", A, format, "F", "the format (default csv)", EXPORT_FORMATS, NULL),
	OPTION("output", OPT_TEXT, A, output, "FILE",
	  "write to FILE (required for xlsx; default: standard output)"),
	OPTION("with-contacts", OPT_FLAG, A, with_contacts, NULL,
	  "households: include the heads' names, the addresses and the phone numbers (personal "
	  "information: left out by default, and the asking recorded in the audit log)"),
	OPTION("unit", OPT_TEXT, A, unit, "CODE",
	  "export form: the park whose enterprises fill it in (default: the top-level unit)"),
	OPTION("period", OPT_PERIOD, A, period, "P", "export form: the month (2017-08)"),
	OPTION_END,
};
#undef A
static const struct export_args DEFAULTS = { { .sub = -1 }, F_CSV, NULL, 0, NULL, { 0 } };

static void kinds(FILE *out, int zh)
{
	cli_kinds(out, zh);
	fputs(opt_text(zh, "\n\nThe sheet of a report form (表式) for a park's enterprises to fill "
	      "in:\nkfq export form FORM --unit CODE --period P --output FILE.xlsx\n"
	      "(docs/formats.md, \"Forms\").\n"), out);
}

/* kfq export form FORM --unit CODE --period P --output FILE.xlsx */
static int export_form(struct cli *cli, const struct export_args *a)
{
	struct kfq_model m;
	struct form f;
	size_t n = 0;
	long u;
	int rc;

	if (a->h.npos != 2 || !a->output || !a->period.year) {
		kfq_error(&cli->err, "export form: expected FORM --period P --output FILE.xlsx "
		          "[--unit CODE]");
		return cli_fail(cli);
	}
	if (form_load(a->h.pos[1], &f, &cli->err) < 0)
		return cli_fail(cli);
	if (model_load(cli->db, &m, &cli->err) < 0) {
		form_release(&f);
		return cli_fail(cli);
	}
	rc = (u = model_unit_or_root(&m, a->unit, &cli->err)) < 0 ? -1 :
	     form_write(cli->db, &m, &f, (size_t)u, &a->period, a->output, &n, &cli->err);
	if (rc == 0)
		cli_say(cli, "%s: the form for %zu enterprises of %s\n", a->output, n,
		        m.units.v[u].name);
	model_release(&m);
	form_release(&f);
	if (rc < 0) {
		kfq_err_prefix(&cli->err, "export form");
		return cli_fail(cli);
	}
	return EXIT_OK;
}

static int run(struct cli *cli, void *args)
{
	struct export_args *a = args;
	const char *out = a->output;
	const char *const *pos = a->h.pos;
	struct grid g;
	int xlsx = a->format == F_XLSX, rc = EXIT_OK;
	enum grid_format f = a->format == F_JSON ? GRID_JSON : GRID_CSV;

	/* households' names, addresses and phones are personal information:
	   their files are for the account that wrote them only */
	unsigned mode = strcmp(pos[0], "households") == 0 ? 0600 : 0644;

	if (strcmp(pos[0], "form") == 0)
		return export_form(cli, a);
	if (a->h.npos != 1 || a->unit || a->period.year) {
		kfq_error(&cli->err, "export %s: --unit, --period and a second argument are for "
		          "export form", pos[0]);
		return cli_fail(cli);
	}

	if (xlsx && !out) {
		kfq_error(&cli->err, "export: --format xlsx needs --output FILE");
		return cli_fail(cli);
	}
	int contacts = a->with_contacts && strcmp(pos[0], "households") == 0;

	/* CSV and JSON written as the rows are read (a province's values do
	   not fit in memory); with contacts, the audit record comes first,
	   naming how many households */
	if (!xlsx && !contacts) {
		struct outfile of;
		FILE *fp = cli->out;   /* checked at the end (kfq.c) */
		if (out && outfile_open(&of, out, mode, &cli->err) < 0) {
			kfq_err_prefix(&cli->err, "export");
			return cli_fail(cli);
		}
		if (out)
			fp = of.fp;
		if (export_stream(cli->db, pos[0], f, fp, &g, &cli->err) < 0) {
			if (out)
				outfile_abort(&of);
			rc = cli_fail(cli);
		} else if (out && outfile_commit(&of, &cli->err) < 0) {
			kfq_err_prefix(&cli->err, "export");
			rc = cli_fail(cli);
		}
		grid_release(&g);
		return rc;
	}
	if (export_build_max(cli->db, contacts ? "households-with-contacts" : pos[0],
	                     xlsx ? EXPORT_XLSX_ROWS : 0, &g, &cli->err) < 0)
		return cli_fail(cli);
	if (contacts) {
		/* recorded before anything personal is written */
		char *detail = xasprintf("export households --with-contacts: the names, addresses "
		                         "and phones of %zu households%s%s", g.nrows,
		                         out ? " into " : "", out ? out : "");
		rc = audit_personal(cli->db, &cli->cx, NULL, detail, &cli->err);
		free(detail);
		if (rc < 0) {
			grid_release(&g);
			return cli_fail(cli);
		}
	}
	if (xlsx) {
		if (xlsx_write_grid(&g, out, pos[0], mode, &cli->err) < 0) {
			kfq_err_prefix(&cli->err, "export");
			rc = cli_fail(cli);
		}
	} else if (out) {
		struct outfile of;
		if (outfile_open(&of, out, mode, &cli->err) < 0) {
			kfq_err_prefix(&cli->err, "export");
			rc = cli_fail(cli);
		} else {
			grid_write(&g, f, of.fp);
			if (outfile_commit(&of, &cli->err) < 0) {
				kfq_err_prefix(&cli->err, "export");
				rc = cli_fail(cli);
			}
		}
	} else {
		grid_write(&g, f, cli->out);
	}
	grid_release(&g);
	return rc;
}

const struct cmd CMD_EXPORT = {
	{ "export", "KIND", "write one kind of records in the format import reads", 1, 2, OPTS, NULL,
	  NULL, kinds },
	run, NEED_DB, sizeof(struct export_args), &DEFAULTS,
};
