/* bulletin.h: the monthly economic bulletin (经济运行简报): for a unit and
 * each of its children, every headline indicator's year-to-date value,
 * growth, comparable growth, annual target, completion and
 * time-proportional completion (序时进度), and, for a year to date that
 * not every unit expected has reported, how many did (已报/应报: the
 * growth, completion and 序时进度 of such a row are withheld, see
 * figure_get; the column is there only when a row is partial). Chinese
 * headings by default,
 * English on request. A front end only renders the grid this fills.
 * Depends on base, store, model, calc, quality/publish, report/grid. */
#ifndef KFQ_BULLETIN_H
#define KFQ_BULLETIN_H

#include "base/period.h"
#include "calc/figure.h"
#include "base/sbuf.h"
#include "report/grid.h"

struct bulletin_opts {
	const struct period *period;
	size_t unit;            /* index in the unit set */
	int english;
	int children;           /* also each child unit (default 1) */
	int partial;            /* out: rows whose year to date is partial */
	struct sbuf *notes;     /* when set: a line for each year to date shown that
	                           was published and has been revised since (old →
	                           new, the revision, who, why: publish_note) */
};

/* Fill g (initialised here; the caller releases it). */
int bulletin_build(struct figure_ctx *fc, struct bulletin_opts *o, struct grid *g,
                   struct kfq_err *err);

/* The bulletin in the layout of a Chinese statistical report (the XLSX
 * bulletin, report/xlsx_out.c): for the unit and each child a band row
 * with its name, then a row per headline indicator: 指标名称, 计量单位,
 * 本月 (the period's last month), 1-N月累计, 同比增长%, 年度目标, 完成%,
 * 序时进度%; the title, the period and the footnotes. The same figures as
 * bulletin_build (calc/figure), decimals as the indicator's. */
struct bulletin_sheet {
	char title[256];
	char subtitle[128];
	struct grid g;
	unsigned char *band;       /* per row: 1 for a unit's name */
	signed char *decimals;     /* per cell: places of a number, -1 text */
	char notes[3][256];
	size_t nnotes;
};
int bulletin_sheet_build(struct figure_ctx *fc, const struct bulletin_opts *o,
                         struct bulletin_sheet *s, struct kfq_err *err);
void bulletin_sheet_release(struct bulletin_sheet *s);

/* Format a value in the indicator's display measure with its decimals. */
void figure_format_value(const struct indicator *d, dec v, char *buf, size_t n);

#endif
