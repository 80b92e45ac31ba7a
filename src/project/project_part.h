/* project_part.h: private to the register's queries (project_register.c,
 * project_list.c, project_show.c, project_stats.c, project_warn.c): the
 * reader they share (the model, the figures, how investment is shown), the
 * register's rows with each project's unit and investment indicator, and
 * the latest year to date filed. Nothing here is part of libkfq's face;
 * front ends include project_query.h. Depends on base, store, model, calc. */
#ifndef KFQ_PROJECT_PART_H
#define KFQ_PROJECT_PART_H

#include <stddef.h>

#include "calc/figure.h"
#include "model/model.h"
#include "project/project_query.h"

/* What every query reads through: the units and indicators, the figures. */
struct project_reader {
	struct kfq_db *db;
	struct kfq_model m;
	struct figure_ctx fc;
	int money_decimals;   /* key_inv_actual's decimals, 2 without it */
};

/* Load the model into r (released by project_reader_close, also after a
 * failure). */
int project_reader_open(struct project_reader *r, struct kfq_db *db, struct kfq_err *err);
void project_reader_close(struct project_reader *r);

/* One row of the register and where it stands in the reader's model. */
struct project_entry {
	struct project_info p;
	long u;     /* its unit in r->m.units, -1 when not found */
	long inv;   /* its investment indicator (project_inv_indicator) in r->m.inds, or -1 */
};

struct project_register {
	struct project_entry *v;
	size_t n;
};

/* The register in code order: every project, or the one project code
 * (none when it is unknown); released by project_register_release, also
 * after a failure. */
int project_register_read(struct project_reader *r, const char *code,
                          struct project_register *out, struct kfq_err *err);
void project_register_release(struct project_register *reg);
void project_info_release(struct project_info *p);

/* The year to date of investment indicator ind at unit u in year at month,
 * or, when that is not known (a project files year-to-date totals now and
 * then), at the latest earlier month that is. Returns 1 with *f and *at; 0
 * when nothing is known through month (*f and *at then are those of
 * [1, month], the plan among them); -1 on error. */
int project_latest_ytd(struct project_reader *r, long ind, size_t u, int year, int month,
                       struct figure *f, struct period *at, struct kfq_err *err);

/* The day a request names, else the context's today. */
struct date project_day(const struct kfq_ctx *cx, const struct date *asked);

/* A copy of s, NULL for NULL or "". */
char *project_text(const char *s);

#endif
