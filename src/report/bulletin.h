/* bulletin.h: the monthly economic bulletin (经济运行简报): for a unit and
 * each of its children, every headline indicator's year-to-date value,
 * growth, comparable growth, annual target, completion and
 * time-proportional completion (序时进度), and, for a year to date that
 * not every unit expected has reported, how many did (已报/应报: the
 * growth, completion and 序时进度 of such a row are withheld, see
 * figure_get). Chinese headings by default,
 * English on request. A front end only renders the grid this fills.
 * Depends on base, store, model, calc, report/grid. */
#ifndef KFQ_BULLETIN_H
#define KFQ_BULLETIN_H

#include "base/period.h"
#include "calc/figure.h"
#include "report/grid.h"

struct bulletin_opts {
	const struct period *period;
	size_t unit;            /* index in the unit set */
	int english;
	int children;           /* also each child unit (default 1) */
	int partial;            /* out: rows whose year to date is partial */
};

/* Fill g (initialised here; the caller releases it). */
int bulletin_build(struct figure_ctx *fc, struct bulletin_opts *o, struct grid *g,
                   struct kfq_err *err);

/* Format a value in the indicator's display measure with its decimals. */
void figure_format_value(const struct indicator *d, dec v, char *buf, size_t n);

#endif
