/* case_cmd.h: private to kfq case, included by cli/case.c (the option
 * table, the dispatcher, add and the steps), cli/case_list.c (list and
 * overdue), cli/case_show.c and cli/case_stats.c, and by nothing else: the
 * context the dispatcher prepares for a subcommand and the rendering
 * helpers the subcommands share. Every subcommand builds a request from
 * its arguments, makes one call to the library (case/case.h,
 * case/case_query.h) and renders the result; nothing here is part of
 * libkfq's face; it depends on libkfq and cli/cli.h only. */
#ifndef KFQ_CASE_CMD_H
#define KFQ_CASE_CMD_H

#include <stdint.h>

#include "base/date.h"
#include "case/case.h"
#include "case/case_query.h"
#include "cli/cli.h"
#include "report/grid.h"

/* kfq case's arguments (the option table is case.c's). */
struct case_args {
	struct cli_args h;
	struct date raised, date;         /* year 0: not given (today) */
	const char *category, *description, *priority, *channel, *visit, *enterprise, *household,
	           *campaign, *raised_by, *dept, *note, *into;
	long rating;                      /* 0: not given */
	int status;                       /* index in CASE_STATUS, -1: any */
	int overdue;
	struct period period;
	int by;                           /* -1, 0 dept, 1 category */
	long days, soon;
	int with_contacts;
	int format;                       /* enum grid_format */
};

struct cctx {
	struct cli *cli;
	const struct case_args *a;
	const char *sub;      /* the subcommand's name */
	enum grid_format f;
};

/* Name s of one of case.h's lists as the format shows it: Chinese in a
 * table, English else (s unchanged when it is not in the list). */
const char *case_text(const struct cctx *x, const char *s, const char *const *en,
                      const char *const *zh);

/* The index in en of the value s of option opt (English or Chinese), -1
 * when s is NULL; -2 with a message listing both when it is unknown. */
int case_opt_name(struct cctx *x, const char *opt, const char *s, const char *const *en,
                  const char *const *zh);

/* A library refusal as the command line tells it: the field it is about
 * as its option (--rating; the case itself is the argument: no name),
 * then the subcommand in front. Returns -1. */
int case_fail(struct cctx *x);

/* Sets cell col of g's current row to date d (empty when d is none). */
void case_put_date(struct grid *g, size_t col, const struct date *d);

/* The subcommands in files of their own; 0, or -1 with x->cli->err. */
int case_sub_list(struct cctx *x);      /* case_list.c */
int case_sub_overdue(struct cctx *x);   /* case_list.c */
int case_sub_show(struct cctx *x);      /* case_show.c */
int case_sub_stats(struct cctx *x);     /* case_stats.c */

#endif
