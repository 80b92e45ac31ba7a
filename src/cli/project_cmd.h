/* project_cmd.h: private to kfq project, included by cli/project.c (the
 * option table, the dispatcher, list, stats), cli/project_show.c and
 * cli/project_warn.c, and by nothing else: the register's rows, the context
 * the dispatcher prepares for a subcommand, the helpers the subcommands
 * share, and the subcommands that live in their own files. Nothing here is
 * part of libkfq's face; it depends on libkfq and cli/cli.h only. */
#ifndef KFQ_PROJECT_CMD_H
#define KFQ_PROJECT_CMD_H

#include <stddef.h>

#include "base/date.h"
#include "base/dec.h"
#include "base/period.h"
#include "calc/figure.h"
#include "cli/cli.h"
#include "model/model.h"
#include "report/grid.h"

/* The register's columns, in the order project.c's query selects them. */
enum { Q_CODE, Q_NAME, Q_CAT, Q_PARK, Q_PARKNAME, Q_OWNER, Q_IND, Q_LEVEL, Q_TOTAL, Q_PSTART,
       Q_PEND, Q_ASTART, Q_AEND, Q_PROD, Q_STATUS, Q_REASON, Q_MILES, Q_N };

struct prow {
	char *col[Q_N];   /* NULL where empty; Q_TOTAL in exact 元 */
	long u;           /* index in the model's units */
	long inv;         /* its investment indicator (project_inv_indicator), or -1 */
};

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

struct pctx {
	struct cli *cli;
	const struct project_args *a;
	enum grid_format f;
	struct kfq_model m;
	struct figure_ctx fc;
	struct date today;    /* --date, else KFQ_TODAY, else the system date */
	int shift, decimals;  /* how investment is shown: 亿元, key_inv_actual's places */
	struct prow *rows;    /* filled by project_load; cmd_project frees them */
	size_t nrows;
};

/* Appends to x->rows the register's rows: all of them, or the one project
 * code (none when it is unknown). 0, or -1 with x->cli->err. */
int project_load(struct pctx *x, const char *code);

/* Sets cell col of g's current row to investment v as x shows it (亿元). */
void project_put_money(const struct pctx *x, struct grid *g, size_t col, dec v);

/* Status s as the format shows it: 储备 ... in a table, reserve ... else. */
const char *project_status_text(const struct pctx *x, const char *s);

/* The year to date of investment indicator ind at unit u in year at month,
 * or, when that is not known (a project files year-to-date totals now and
 * then), at the latest earlier month that is. Returns 1 with *f and *at; 0
 * when nothing is known through month (*f and *at then are those of
 * [1, month], the plan among them); -1 on error. */
int project_latest_ytd(struct pctx *x, long ind, size_t u, int year, int month,
                       struct figure *f, struct period *at);

/* The subcommands in files of their own; 0, or -1 with x->cli->err. */
int project_sub_show(struct pctx *x);   /* project_show.c */
int project_sub_warn(struct pctx *x);   /* project_warn.c */

#endif
