/* project_cmd.h: private to kfq project, included by cli/project.c (the
 * option table, the dispatcher, list, stats), cli/project_show.c and
 * cli/project_warn.c, and by nothing else: the command's arguments, what
 * the dispatcher hands a subcommand, the rendering helpers the subcommands
 * share, and the subcommands that live in their own files. Each subcommand
 * builds a request, calls one function of project/project_query.h and
 * renders its result; nothing here reads the database or applies a rule.
 * Depends on libkfq and cli/cli.h only. */
#ifndef KFQ_PROJECT_CMD_H
#define KFQ_PROJECT_CMD_H

#include <stddef.h>

#include "base/date.h"
#include "base/dec.h"
#include "base/period.h"
#include "cli/cli.h"
#include "project/project_query.h"
#include "report/grid.h"
#include "report/project_grid.h"

/* kfq project's arguments (the option table is project.c's). */
struct project_args {
	struct cli_args h;
	int status;           /* index in PROJECT_STATUS, -1: any */
	const char *park;
	int late;
	struct period period;
	const char *unit;
	struct date date;     /* year 0: today */
	long threshold;
	int format;           /* enum grid_format */
};

/* What a subcommand gets from the dispatcher. */
struct pctx {
	struct cli *cli;
	const struct project_args *a;
	enum grid_format f;
};

/* Status s as the format shows it: 储备 ... in a table, reserve ... else. */
const char *project_status_text(const struct pctx *x, const char *s);

/* The subcommands in files of their own; 0, or -1 with x->cli->err. */
int project_sub_show(struct pctx *x);   /* project_show.c */
int project_sub_warn(struct pctx *x);   /* project_warn.c */

#endif
