/* case_cmd.h: private to kfq case, included by cli/case.c (the option
 * table, the dispatcher, add and the steps), cli/case_list.c (list and
 * overdue), cli/case_show.c and cli/case_stats.c, and by nothing else: the
 * context the dispatcher prepares for a subcommand and the helpers the
 * subcommands share. Nothing here is part of libkfq's face; it depends on
 * libkfq and cli/cli.h only. */
#ifndef KFQ_CASE_CMD_H
#define KFQ_CASE_CMD_H

#include <stdint.h>

#include "base/date.h"
#include "case/case.h"
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
	int show_phone;
	int format;                       /* enum grid_format */
};

struct cctx {
	struct cli *cli;
	const struct case_args *a;
	const char *sub;      /* the subcommand's name */
	enum grid_format f;
	struct date day;      /* --date, else today ($KFQ_TODAY, else the system's date) */
	char iso[16];         /* day as 2017-03-05 */
};

/* Whether a case is open (not resolved, closed or merged) on day ?1, from
 * its steps up to then: an SQL condition on kase k. */
#define CASE_OPEN_AT \
	"(k.raised <= ?1 AND coalesce((SELECT e.action FROM case_event e WHERE e.case_id = k.id " \
	"AND e.date <= ?1 AND e.action IN ('resolve', 'close', 'merge', 'reopen') " \
	"ORDER BY e.date DESC, e.id DESC LIMIT 1), 'reopen') = 'reopen')"

/* The department a case was with on day ?1 (its last assign or transfer
 * by then), or NULL: an SQL expression on kase k. */
#define CASE_DEPT_AT \
	"(SELECT e.dept FROM case_event e WHERE e.case_id = k.id AND e.date <= ?1 AND e.action " \
	"IN ('assign', 'transfer') ORDER BY e.date DESC, e.id DESC LIMIT 1)"

/* Name s of one of case.h's lists as the format shows it: Chinese in a
 * table, English else (s unchanged when it is not in the list). */
const char *case_text(const struct cctx *x, const char *s, const char *const *en,
                      const char *const *zh);

/* The index in en of the value s of option opt (English or Chinese), -1
 * when s is NULL; -2 with a message listing both when it is unknown. */
int case_opt_name(struct cctx *x, const char *opt, const char *s, const char *const *en,
                  const char *const *zh);

/* Sets cell col of g's current row to num / den as a percentage with one
 * decimal (half away from zero); empty when den is 0. */
void case_put_rate(struct grid *g, size_t col, int64_t num, int64_t den);

/* Days from ISO date a to ISO date b (b − a), 0 when either is not a date. */
long case_days(const char *a, const char *b);

/* The subcommands in files of their own; 0, or -1 with x->cli->err. */
int case_sub_list(struct cctx *x);      /* case_list.c */
int case_sub_overdue(struct cctx *x);   /* case_list.c */
int case_sub_show(struct cctx *x);      /* case_show.c */
int case_sub_stats(struct cctx *x);     /* case_stats.c */

#endif
