/* cli.h: what every command of the command line shares: the command table
 * entry, the option table, the parsed options, and the context the
 * dispatcher prepares (the open database). A command parses, calls the
 * library, prints; it computes no figure itself. Depends on libkfq. */
#ifndef KFQ_CLI_H
#define KFQ_CLI_H

#include <stdio.h>

#include "base/ctx.h"
#include "base/err.h"
#include "store/db.h"

#define OPT_MAX 32   /* options of one command (kfq case has 22) */
#define POS_MAX 8

struct opt {
	const char *name;     /* "period" for --period */
	const char *arg;      /* "P" when it takes a value, NULL for a flag */
	const char *help;
};

struct cli {
	const char *db_path;
	struct kfq_ctx cx;    /* who acts, today, the language: passed to the library */
	struct kfq_db *db;    /* open when the command has NEED_DB or CREATE_DB */
	struct kfq_err err;
	FILE *out;
};

enum cmd_flags { NEED_DB = 1, CREATE_DB = 2 };

struct optv {
	const char *val[OPT_MAX];   /* the value, or "1" for a flag that was given */
	const char *pos[POS_MAX];
	int npos;
};

struct cmd {
	const char *name;
	int (*fn)(struct cli *cli, const struct optv *ov);
	int flags;
	int min_pos, max_pos;
	const char *usage;     /* after "kfq NAME " */
	const char *summary;
	const struct opt *opts;   /* terminated by a NULL name */
	const char *more;      /* extra help text, or NULL */
};

/* Exit codes. */
enum { EXIT_OK = 0, EXIT_USER = 1, EXIT_FAULT = 2 };

/* Print err as "kfq: message" and return the exit code for its kind. */
int cli_fail(struct cli *cli);
void cli_help(const struct cmd *c, FILE *out);

/* Commands, one per file in src/cli/. */
int cmd_init(struct cli *cli, const struct optv *ov);
int cmd_import(struct cli *cli, const struct optv *ov);
int cmd_export(struct cli *cli, const struct optv *ov);
int cmd_show(struct cli *cli, const struct optv *ov);
int cmd_bulletin(struct cli *cli, const struct optv *ov);
int cmd_history(struct cli *cli, const struct optv *ov);
int cmd_demo(struct cli *cli, const struct optv *ov);
int cmd_project(struct cli *cli, const struct optv *ov);
int cmd_lead(struct cli *cli, const struct optv *ov);
int cmd_case(struct cli *cli, const struct optv *ov);
int cmd_visit(struct cli *cli, const struct optv *ov);
int cmd_index(struct cli *cli, const struct optv *ov);
int cmd_assess(struct cli *cli, const struct optv *ov);
int cmd_help(struct cli *cli, const struct optv *ov);

extern const struct opt INIT_OPTS[], IMPORT_OPTS[], EXPORT_OPTS[], SHOW_OPTS[],
	BULLETIN_OPTS[], HISTORY_OPTS[], DEMO_OPTS[], PROJECT_OPTS[], HELP_OPTS[];
extern const struct opt LEAD_OPTS[];
extern const struct opt CASE_OPTS[], VISIT_OPTS[];
extern const struct opt INDEX_OPTS[];
extern const struct opt ASSESS_OPTS[];
extern const struct cmd COMMANDS[];

/* A subcommand of a command that has them (kfq project list ...): its
 * name, how many arguments follow it (0, or 1 for a CODE), and the
 * options of the command it takes. */
struct subcmd {
	const char *name;
	int npos;
	const char *opts[12];   /* NULL-terminated */
};

/* The subcommand named by ov->pos[0], with its arguments and options
 * checked against it: its index in subs, or -1 with a message in err. */
int subcmd_find(const struct cmd *c, const struct optv *ov, const struct subcmd *subs, size_t n,
                struct kfq_err *err);
int subcmd_takes(const struct subcmd *s, const char *opt);

struct grid;
/* A report section in the table format: a heading, then the grid or 无. */
void cli_section(FILE *out, const char *title, const struct grid *g);

/* Index of option `name` in opts (for reading ov->val). */
int opt_index(const struct opt *opts, const char *name);
/* The value of option `name`, or NULL when not given. */
const char *opt_get(const struct cmd *c, const struct optv *ov, const char *name);
const struct cmd *cmd_find(const char *name);

#endif
