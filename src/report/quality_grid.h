/* quality_grid.h: the tables of data quality (docs/quality.md): findings
 * listed, one finding in full. Depends on base, report/grid and
 * quality/finding. */
#ifndef KFQ_QUALITY_GRID_H
#define KFQ_QUALITY_GRID_H

#include "quality/finding.h"
#include "report/grid.h"

/* One row per finding: id, rule, severity, unit, name, period, status,
 * detail (in Chinese when zh). */
void finding_grid(const struct finding_list *l, int zh, struct grid *g);
/* One finding as field/value rows. */
void finding_show_grid(const struct finding *f, int zh, struct grid *g);

#endif
