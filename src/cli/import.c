/* import.c: kfq import KIND FILE [--sheet NAME] [--dry-run], and
 * kfq import form FORM FILE --period P (a report form, io/form.h). */
#include "cli/cli.h"
#include "io/form.h"
#include "io/import.h"

#include <stddef.h>
#include <string.h>

struct import_args {
	struct cli_args h;
	const char *sheet;
	int dry_run;
	struct period period;   /* import form: the month filed */
	int backfill;
};

#define A struct import_args
static const struct optdef OPTS[] = {
	OPTION("sheet", OPT_TEXT, A, sheet, "NAME", "the XLSX sheet to read (default: the first)"),
	OPTION("dry-run", OPT_FLAG, A, dry_run, NULL,
	  "check every row and report, but write nothing"),
	OPTION("period", OPT_PERIOD, A, period, "P",
	  "import form: the month filed (2017-08: 本月 columns are August, 累计 ones 1-8月)"),
	OPTION("backfill", OPT_FLAG, A, backfill, NULL,
	  "values reported before kfq kept them (补录, e.g. last year's, loaded when the zone sets "
	  "up): what the file files first is never counted late (kfq missing)"),
	OPTION_END,
};
#undef A
static const struct import_args DEFAULTS = { .h = { .sub = -1 } };

void cli_kinds(FILE *out, int zh)
{
	fputs(opt_text(zh, "\nKIND is one of:"), out);
	for (size_t i = 0, col = 78; IMPORT_KINDS[i]; i++) {
		size_t n = strlen(IMPORT_KINDS[i]);
		if (col + 1 + n > 78) {
			fputs("\n ", out);
			col = 1;
		}
		fprintf(out, " %s", IMPORT_KINDS[i]);
		col += 1 + n;
	}
}

/* The kinds, from the import's own list, and the forms. */
static void kinds(FILE *out, int zh)
{
	cli_kinds(out, zh);
	fputs(opt_text(zh, "\n\nA report form (表式), the wide sheet an office fills in, read as FORM\n"
	      "defines it: kfq import form FORM FILE --period P (docs/formats.md, \"Forms\").\n"), out);
}

static int run(struct cli *cli, void *args)
{
	struct import_args *a = args;
	struct import_opts o = { a->h.pos[0], a->h.pos[1], a->sheet, a->dry_run, 0, NULL, NULL,
	                         NULL, NULL, a->backfill };
	struct import_result res;
	int rc;
	char *msgs, *warn;

	if (strcmp(o.kind, "form") == 0) {
		struct form f;
		if (a->h.npos != 3) {
			kfq_error(&cli->err, "import form: expected FORM FILE (the form's definition, "
			          "then the filled sheet)");
			return cli_fail(cli);
		}
		if (!a->period.year) {
			kfq_error(&cli->err, "import form: --period is required (the month filed: "
			          "2017-08)");
			return cli_fail(cli);
		}
		if (form_load(a->h.pos[1], &f, &cli->err) < 0)
			return cli_fail(cli);
		o.path = a->h.pos[2];
		rc = form_import(&cli->cx, cli->db, &f, &a->period, &o, &res, &cli->err);
		form_release(&f);
	} else if (a->period.year) {
		kfq_error(&cli->err, "import %s: expected FILE (--period is for import form)", o.kind);
		return cli_fail(cli);
	} else if (a->h.npos != 2) {
		kfq_error(&cli->err, "import %s: expected FILE only", o.kind);
		return cli_fail(cli);
	} else {
		rc = import_run(&cli->cx, cli->db, &o, &res, &cli->err);
	}
	msgs = cli->msg_lang == KFQ_ZH && res.messages_zh ? res.messages_zh : res.messages;
	warn = cli->msg_lang == KFQ_ZH && res.warn_zh ? res.warn_zh : res.warn;

	if (msgs) {
		/* one "kfq: file:line: message" line per bad row */
		for (char *line = msgs, *nl; *line; line = nl + 1) {
			nl = strchr(line, '\n');
			fprintf(stderr, "kfq: %.*s\n", (int)(nl - line), line);
		}
	}
	if (warn) {
		/* failed warning rules: "kfq: file:line: warning: rule …", kept as open findings */
		for (char *line = warn, *nl; *line; line = nl + 1) {
			nl = strchr(line, '\n');
			fprintf(stderr, "kfq: %.*s\n", (int)(nl - line), line);
		}
	}
	if (rc < 0) {
		import_result_release(&res);
		return cli_fail(cli);
	}
	if (o.dry_run)
		cli_say(cli, "dry run: %s: %zu rows: %zu added, %zu changed, %zu unchanged (nothing "
		        "written)\n", o.path, res.rows, res.added, res.changed, res.unchanged);
	else
		cli_say(cli, "%s: %zu rows: %zu added, %zu changed, %zu unchanged\n", o.path, res.rows,
		        res.added, res.changed, res.unchanged);
	if (res.note)
		fprintf(cli->out, "%s\n", res.note);
	if (res.reverts)
		cli_say(cli, "%zu values put back what a later correction replaced (see the warnings: "
		        "an old file?)\n", res.reverts);
	if (res.warnings && o.dry_run)
		cli_say(cli, "%zu warnings of the validation rules (a dry run keeps no finding)\n",
		        res.warnings);
	else if (res.warnings)
		cli_say(cli, "%zu warnings of the validation rules, kept as open findings (kfq "
		        "findings list)\n", res.warnings);
	import_result_release(&res);
	return EXIT_OK;
}

const struct cmd CMD_IMPORT = {
	{ "import", "KIND FILE",
	  "import one kind of records from CSV or XLSX, all or nothing", 2, 3, OPTS, NULL,
	  "Formats: docs/formats.md. If any row is bad nothing is written, and every bad row\n"
	  "is named (file:line: column, value, what was expected). A data import runs the\n"
	  "validation rules (kfq import rules) on the months it changes: a failed error rule\n"
	  "refuses it, a failed warning is kept as an open finding (docs/quality.md).\n", kinds },
	run, NEED_DB, sizeof(struct import_args), &DEFAULTS,
};
