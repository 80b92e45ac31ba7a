/* quality_grid.h: the tables of data quality (docs/quality.md): findings
 * listed, one finding in full, the approval tree, a publication's changes
 * and a revision's figures: what the command line prints and the API
 * returns, built once. Depends on base, report/grid and quality. */
#ifndef KFQ_QUALITY_GRID_H
#define KFQ_QUALITY_GRID_H

#include "quality/approval.h"
#include "quality/finding.h"
#include "quality/publish.h"
#include "report/grid.h"

/* One row per finding: id, rule, severity, unit, name, period, status,
 * detail (in Chinese when zh). */
void finding_grid(const struct finding_list *l, int zh, struct grid *g);
/* One finding as field/value rows. */
void finding_show_grid(const struct finding *f, int zh, struct grid *g);
/* One finding explained: part, item, value rows: the finding, its rule as
 * a line of a rules file, the unit and month, each side's value and every
 * operand it read, the sample a statistical check compared with (months
 * of the unit's history, or its peers), the expected range and the verdict
 * now. */
void finding_explain_grid(const struct finding_explanation *e, int zh, struct grid *g);
/* The approval tree: unit (indented by depth when indent), name, state,
 * who, at, what blocks the next step (states in Chinese when zh). */
void approval_grid(const struct approval_tree *t, int zh, int indent, struct grid *g);
/* A published month's changes: unit, indicator, figure (value or ytd),
 * measure, from (revision), old, to (revision, or "now"), new, at, who,
 * reason. */
void revision_changes_grid(const struct kfq_model *m, const struct pub_report *r, int zh,
                           struct grid *g);
/* The figures a revision froze: unit, indicator, measure, value, ytd. */
void revision_figures_grid(const struct kfq_model *m, const struct pub_report *r, int zh,
                           struct grid *g);

#endif
