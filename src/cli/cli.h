/* cli.h: what every command of the command line shares: the command
 * descriptor (its option table, argument struct and function), the
 * context the dispatcher prepares (the open database, the acting account,
 * the clock), exit codes and report sections. A command parses, calls the
 * library, prints; it computes no figure itself. Depends on libkfq. */
#ifndef KFQ_CLI_H
#define KFQ_CLI_H

#include <stddef.h>
#include <stdio.h>

#include "base/ctx.h"
#include "base/err.h"
#include "cli/opt.h"
#include "store/db.h"

struct cli {
	const char *db_path;
	struct kfq_ctx cx;    /* who acts, today, the language: passed to the library */
	struct kfq_db *db;    /* open when the command has NEED_DB or CREATE_DB */
	struct kfq_err err;
	enum kfq_lang msg_lang;  /* the language of messages and results: Chinese unless
	                            --lang, KFQ_LANG or an English locale says otherwise */
	FILE *out;
};

enum cmd_flags { NEED_DB = 1, CREATE_DB = 2 };

/* A command: its options (opt.h), the size and the defaults of its
 * argument struct (whose head is a struct cli_args), and its function,
 * called with the parsed arguments. */
struct cmd {
	struct optcmd o;
	int (*fn)(struct cli *cli, void *args);
	int flags;
	size_t args_size;
	const void *defaults;
};

/* Exit codes: 0 success; 1 the input was wrong, or the machine stopped
 * the command (KFQ_EENV: a full disk, out of memory, a read-only database,
 * another kfq writing past the wait), which the user can act on as well;
 * 2 an internal fault. */
enum { EXIT_OK = 0, EXIT_USER = 1, EXIT_FAULT = 2 };

/* Print err as "kfq: message" (in cli->msg_lang) and return the exit code
 * for its kind. */
int cli_fail(struct cli *cli);
/* Print a result to cli->out: fmt, an English printf format, in the
 * user's language (its Chinese from the catalogue, base/msg.h, when the
 * language is Chinese and the catalogue has it), with the arguments. */
void cli_say(struct cli *cli, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The same on standard error, after "kfq: ". */
void cli_warn(const struct cli *cli, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The field a library error is about, named as the command line names it:
 * "--field: " before the message (rating → --rating, raised_by →
 * --raised-by); the field is then cleared. */
void cli_field(struct kfq_err *err);

/* The commands, one per file in src/cli/ (the table is kfq.c's). */
extern const struct cmd CMD_INIT, CMD_IMPORT, CMD_EXPORT, CMD_SHOW, CMD_BULLETIN, CMD_REPORT, CMD_HISTORY,
	CMD_PROJECT, CMD_LEAD, CMD_CASE, CMD_LEDGER, CMD_VISIT, CMD_INDEX, CMD_FINANCE, CMD_ASSESS, CMD_COPY, CMD_DEMO,
	CMD_USER, CMD_AUDIT, CMD_SERVE, CMD_MISSING, CMD_VALIDATE, CMD_FINDINGS, CMD_TARGET, CMD_APPROVAL, CMD_PUBLISH, CMD_REVISIONS, CMD_EXPLAIN, CMD_HELP;
/* Every command, NULL-terminated, in the order help lists them. */
extern const struct cmd *const COMMANDS[];
const struct cmd *cmd_find(const char *name);

/* The output formats of tables, in the order of enum grid_format. */
extern const char *const CLI_FORMATS[];      /* table, csv, json */
extern const char *const CLI_FORMATS_MD[];   /* table, csv, json, md */

/* "KIND is one of:" and the import's kinds (import_kind.h's list), wrapped
 * at 78 columns: the help of kfq import and kfq export (import.c). */
void cli_kinds(FILE *out, int zh);

struct grid;
/* A report section in the table format: a heading, then the grid or 无. */
void cli_section(FILE *out, const char *title, const struct grid *g);

#endif
