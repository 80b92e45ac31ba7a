/* index_cmd.h: private to kfq index, included by cli/index.c (the option
 * table, the dispatcher, compute, publish, show) and cli/index_report.c
 * (contributions, flags, prosperity, superlative), and by nothing else.
 * Depends on libkfq and cli/cli.h only. */
#ifndef KFQ_INDEX_CMD_H
#define KFQ_INDEX_CMD_H

#include "cli/cli.h"
#include "report/grid.h"
#include "report/index_grid.h"

#include "base/period.h"

/* kfq index's arguments (the option table is index.c's). */
struct index_args {
	struct cli_args h;
	struct period period, base, from, to, rebase;   /* year 0: not given */
	const char *formula, *outlier_k, *max_impute, *unit, *revise, *category, *channel;
	int format;   /* enum grid_format */
};

struct ictx {
	struct cli *cli;
	const struct index_args *a;
	const char *sub;          /* the subcommand's name */
	enum grid_format f;
	int year, month;          /* --period, when the subcommand takes it */
};

/* The subcommands of index_report.c; 0, or -1 with x->cli->err. */
int index_sub_contributions(struct ictx *x);
int index_sub_flags(struct ictx *x);
int index_sub_prosperity(struct ictx *x);
int index_sub_superlative(struct ictx *x);

#endif
