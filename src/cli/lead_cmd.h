/* lead_cmd.h: private to kfq lead, included by cli/lead.c (the option
 * table, the dispatcher, list, stats), cli/lead_show.c and cli/lead_funnel.c,
 * and by nothing else: what the dispatcher gives a subcommand, the
 * rendering helpers the subcommands share, and the subcommands that live
 * in their own files. Every subcommand builds a request, calls one
 * function of lead/lead_query.h and renders its result; nothing here reads
 * the database or computes a figure. Nothing here is part of libkfq's
 * face; it depends on libkfq and cli/cli.h only. */
#ifndef KFQ_LEAD_CMD_H
#define KFQ_LEAD_CMD_H

#include <stddef.h>
#include <stdint.h>

#include "base/date.h"
#include "base/period.h"
#include "cli/cli.h"
#include "lead/lead_query.h"
#include "report/grid.h"
#include "report/lead_grid.h"

/* kfq lead's arguments (the option table is lead.c's). */
struct lead_args {
	struct cli_args h;
	const char *stage;    /* English or Chinese (lead_stage_parse) */
	const char *park;
	struct date date;     /* year 0: not given */
	struct period period;
	const char *unit;
	int by;               /* -1, 0 industry, 1 origin (enum lead_by) */
	int format;           /* enum grid_format */
};

struct lctx {
	struct cli *cli;
	const struct lead_args *a;
	enum grid_format f;
};

/* The columns of `lead list` (L_CODE ... L_N, LEAD_LIST_KEYS, _HEADS) are
 * report/lead_grid.h's. */

/* Adds to g a row of the columns L_CODE ... for lead it, as x's format shows it. */
void lead_list_row(const struct lctx *x, struct grid *g, const struct lead_item *it);

/* Stage as the format shows it: 接洽 ... in a table, contact ... else;
 * NULL when it is none (-1). */
const char *lead_stage_text(const struct lctx *x, int stage);

/* The subcommands in files of their own; 0, or -1 with x->cli->err. */
int lead_sub_show(struct lctx *x);     /* lead_show.c */
int lead_sub_funnel(struct lctx *x);   /* lead_funnel.c */

#endif
