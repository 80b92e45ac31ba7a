/* case_stats.c: kfq case stats --period P [--by dept|category]
 * [--campaign X]: how the problems were handled (case_stats), in total or
 * per department or category: raised, resolved, the resolution and
 * on-time rates, the median days to resolve, those overdue at the
 * period's end, satisfaction and reopen rates; the total in a table as
 * figure / value pairs. The grid is report/case_grid.c's (the web's
 * /api/v1/cases/stats answers the same); this file prints it under a
 * heading. The dispatcher and the shared helpers are case.c's
 * (case_cmd.h). Depends on libkfq. */
#include "cli/case_cmd.h"
#include "base/period.h"
#include "report/case_grid.h"

int case_sub_stats(struct cctx *x)
{
	struct case_stats_req q = { .period = x->a->period, .by = x->a->by,
	                            .campaign = x->a->campaign };
	struct case_stats s;
	char label[64];
	struct grid g;

	if (!q.period.year)
		return kfq_error(&x->cli->err, "case stats: --period is required (%s)", PERIOD_FORMS);
	if (case_stats(&x->cli->cx, x->cli->db, &q, &s, &x->cli->err) < 0) {
		case_stats_release(&s);
		return x->cli->err.kind == KFQ_EFAULT ? -1 : case_fail(x);
	}
	case_stats_grid(&s, q.by, x->f == GRID_TABLE, &g);
	if (x->f == GRID_TABLE) {
		period_label_zh(&q.period, label, sizeof label);
		fprintf(x->cli->out, "问题办理（%s%s%s）\n\n", label, q.campaign ? "，" : "",
		        q.campaign ? q.campaign : "");
	}
	grid_write(&g, x->f, x->cli->out);
	grid_release(&g);
	case_stats_release(&s);
	return 0;
}
