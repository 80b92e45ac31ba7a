/* ledger.c: kfq ledger define|import|export|list|rows|add: ledgers (台账,
 * docs/formats.md "Ledgers"): a definition stored, rows imported all or
 * nothing and exported back, listed with filters, the rows behind one
 * figure with its total, and one row added by hand. Each subcommand calls
 * one function of ledger/ledger.h (or the import) and prints what
 * report/ledger_grid.c builds. Depends on libkfq. */
#include "cli/cli.h"
#include "base/outfile.h"
#include "io/import.h"
#include "ledger/ledger.h"
#include "report/grid.h"
#include "report/ledger_grid.h"
#include "report/xlsx_out.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

struct ledger_args {
	struct cli_args h;
	const char *unit;
	struct period period;
	const char *where;
	const char *sheet;
	const char *output;
	int dry_run;
	int format;
};

#define A struct ledger_args
static const struct optdef OPTS[] = {
	OPTION("unit", OPT_TEXT, A, unit, "CODE", "list, rows: the rows of this unit's subtree"),
	OPTION("period", OPT_PERIOD, A, period, "P",
	  "list: rows dated in the period (the first date field); rows: those the figure counts "
	  "for it (dated in it, or standing at its end)"),
	OPTION("where", OPT_TEXT, A, where, "F=V",
	  "list: rows whose field F is V (more as words after NAME: kind=新认定)"),
	OPTION("sheet", OPT_TEXT, A, sheet, "NAME", "import: the XLSX sheet (default: the first)"),
	OPTION("dry-run", OPT_FLAG, A, dry_run, NULL, "import: check every row, write nothing"),
	OPTION("output", OPT_TEXT, A, output, "FILE", "export: write to FILE (default: standard "
	  "output), as XLSX when its name ends in .xlsx"),
	OPTION_CHOICE("format", A, format, "F", "list, rows: the format; table by default",
	  CLI_FORMATS, NULL),
	OPTION_END,
};
#undef A
static const struct ledger_args DEFAULTS = { .h = { .sub = -1 }, .format = GRID_TABLE };

static int sub_define(struct cli *cli, struct ledger_args *a)
{
	struct define_result r;
	if (ledger_define(&cli->cx, cli->db, a->h.pos[0], &r, &cli->err) < 0)
		return -1;
	if (r.added)
		cli_say(cli, "%s: ledger defined, %zu figures; %zu stored rows fit it\n", a->h.pos[0],
		        r.figures, r.rows);
	else
		cli_say(cli, "%s: ledger redefined, %zu figures; %zu stored rows fit it\n",
		        a->h.pos[0], r.figures, r.rows);
	return 0;
}

static int sub_import(struct cli *cli, struct ledger_args *a)
{
	struct import_opts o = { "ledger", a->h.pos[1], a->sheet, a->dry_run, 0, NULL, NULL, NULL,
	                         a->h.pos[0], 0 };
	struct import_result res;
	char *msgs;
	int rc;
	if (a->h.npos != 2)
		return kfq_error(&cli->err, "ledger import: expected NAME FILE");
	rc = import_run(&cli->cx, cli->db, &o, &res, &cli->err);
	msgs = cli->msg_lang == KFQ_ZH && res.messages_zh ? res.messages_zh : res.messages;
	if (msgs)
		for (char *line = msgs, *nl; *line; line = nl + 1) {
			nl = strchr(line, '\n');
			fprintf(stderr, "kfq: %.*s\n", (int)(nl - line), line);
		}
	if (rc == 0 && o.dry_run)
		cli_say(cli, "dry run: %s: %zu rows: %zu added, %zu changed, %zu unchanged (nothing "
		        "written)\n", o.path, res.rows, res.added, res.changed, res.unchanged);
	else if (rc == 0)
		cli_say(cli, "%s: %zu rows: %zu added, %zu changed, %zu unchanged\n", o.path, res.rows,
		        res.added, res.changed, res.unchanged);
	import_result_release(&res);
	return rc;
}

/* Rows read by q and written as a grid in format f to out. */
static int write_rows(struct cli *cli, const struct ledger_query *q, enum grid_format f,
                      FILE *out, int total)
{
	struct ledger_rows r;
	struct grid g;
	if (ledger_rows_read(cli->db, q, &r, &cli->err) < 0) {
		ledger_rows_release(&r);
		return -1;
	}
	ledger_rows_grid(&r, &g);
	grid_write(&g, f, out);
	if (total && r.has_total && f == GRID_TABLE) {
		const struct ledger_figure *fg = &r.def.fig[r.fig];
		char v[64];
		dec_format(r.total, fg->measure->shift, fg->decimals, v, sizeof v);
		fprintf(out, "\n%s %s (%s): %zu rows, %s %s\n", fg->code, fg->title, r.def.name,
		        r.nrows, v, fg->measure->name);
	}
	grid_release(&g);
	ledger_rows_release(&r);
	return 0;
}

static int sub_export(struct cli *cli, struct ledger_args *a)
{
	struct ledger_query q = { a->h.pos[0], NULL, NULL, { 0 }, NULL, 0 };
	struct outfile of;
	size_t n = a->output ? strlen(a->output) : 0;
	if (n > 5 && strcmp(a->output + n - 5, ".xlsx") == 0) {
		struct ledger_rows r;
		struct grid g;
		int rc;
		if (ledger_rows_read(cli->db, &q, &r, &cli->err) < 0) {
			ledger_rows_release(&r);
			return -1;
		}
		ledger_rows_grid(&r, &g);
		rc = xlsx_write_grid(&g, a->output, r.def.name, 0644, &cli->err);
		grid_release(&g);
		ledger_rows_release(&r);
		return rc;
	}
	if (!a->output)
		return write_rows(cli, &q, GRID_CSV, cli->out, 0);
	if (outfile_open(&of, a->output, 0644, &cli->err) < 0)
		return -1;
	if (write_rows(cli, &q, GRID_CSV, of.fp, 0) < 0) {
		outfile_abort(&of);
		return -1;
	}
	return outfile_commit(&of, &cli->err);
}

static int sub_list(struct cli *cli, struct ledger_args *a)
{
	const char *where[POS_MAX + 1];
	size_t n = 0;
	for (int i = 1; i < a->h.npos; i++)
		where[n++] = a->h.pos[i];
	if (a->where)
		where[n++] = a->where;
	struct ledger_query q = { a->h.pos[0], NULL, a->unit, a->period, where, n };
	return write_rows(cli, &q, (enum grid_format)a->format, cli->out, 0);
}

static int sub_rows(struct cli *cli, struct ledger_args *a)
{
	struct ledger_query q = { NULL, a->h.pos[0], a->unit, a->period, NULL, 0 };
	return write_rows(cli, &q, (enum grid_format)a->format, cli->out, 1);
}

static int sub_add(struct cli *cli, struct ledger_args *a)
{
	int changed;
	if (ledger_add(&cli->cx, cli->db, a->h.pos[0], a->h.pos + 1, (size_t)a->h.npos - 1,
	               &changed, &cli->err) < 0)
		return -1;
	if (changed == 1)
		cli_say(cli, "ledger %s: row added\n", a->h.pos[0]);
	else if (changed == 2)
		cli_say(cli, "ledger %s: row changed\n", a->h.pos[0]);
	else
		cli_say(cli, "ledger %s: row unchanged\n", a->h.pos[0]);
	return 0;
}

static const struct subdef SUBS[] = {
	{ "define", "FILE", { NULL },
	  "store a ledger's definition (a new ledger, or a change its stored rows and figures "
	  "allow), and derive its figures" },
	{ "import", "NAME FILE", { "sheet", "dry-run", NULL },
	  "rows from CSV (UTF-8 or GB18030) or XLSX, all or nothing, by key; its figures derived "
	  "again" },
	{ "export", "NAME", { "output", NULL }, "the rows as CSV, as import reads them back" },
	{ "list", "NAME [F=V...]", { "unit", "period", "where", "format", NULL },
	  "the rows, of a unit's subtree, dated in a period, with fields equal to values" },
	{ "rows", "CODE", { "unit", "period", "format", NULL },
	  "the rows a ledger figure counts for a unit and period, and their total" },
	{ "add", "NAME F=V...", { NULL }, "one row, by its fields (a row with the same key is "
	  "changed; history keeps the old values)" },
	{ NULL },
};
static int (*const SUB_FN[])(struct cli *cli, struct ledger_args *a) = {
	sub_define, sub_import, sub_export, sub_list, sub_rows, sub_add,
};

static int run(struct cli *cli, void *args)
{
	struct ledger_args *a = args;
	if (SUB_FN[a->h.sub](cli, a) == 0)
		return EXIT_OK;
	if (cli->err.kind == KFQ_EUSER) {
		/* a ledger's field is named as the ledger names it; the options as options */
		if (cli->err.field[0] && strcmp(cli->err.field, "unit") != 0 &&
		    strcmp(cli->err.field, "period") != 0 && strcmp(cli->err.field, "where") != 0) {
			char f[sizeof cli->err.field];
			snprintf(f, sizeof f, "%s", cli->err.field);
			cli->err.field[0] = 0;
			kfq_err_prefix(&cli->err, "field \"%s\"", f);
		}
		cli_field(&cli->err);
		kfq_err_prefix(&cli->err, "ledger %s", SUBS[a->h.sub].name);
	}
	return cli_fail(cli);
}

const struct cmd CMD_LEDGER = {
	{ "ledger", NULL, "ledgers (台账): certifications, tenants, approvals, payments, events "
	  "and the figures they publish", 0, 0, OPTS, SUBS,
	  "A ledger's figures are indicators: kfq show CODE gives them like any other; kfq ledger\n"
	  "rows CODE lists the rows behind one. Definitions: docs/formats.md, \"Ledgers\".\n", NULL },
	run, NEED_DB, sizeof(struct ledger_args), &DEFAULTS,
};
