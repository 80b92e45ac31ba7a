/* lead_funnel.c: kfq lead funnel: the funnel of the pipeline's stages on
 * a day, as lead_funnel (in lead/lead_funnel.c) computes it: how many
 * leads reached each stage, the share that went on to the next, and the
 * median days it took them. The grid is report/lead_grid.c's (the web's
 * /api/v1/leads/funnel answers the same); this file prints it, with a
 * heading in the table format. The dispatcher and the shared helpers are
 * lead.c's (lead_cmd.h), and nothing but the dispatcher uses this file.
 * Depends on libkfq. */
#include "cli/lead_cmd.h"

#include <stdio.h>

int lead_sub_funnel(struct lctx *x)
{
	/* the day: --date, else the context's today */
	struct lead_funnel_req rq = { x->a->date };
	struct lead_funnel_res r;
	struct grid g;
	char iso[16];

	if (lead_funnel(&x->cli->cx, x->cli->db, &rq, &r, &x->cli->err) < 0)
		return -1;
	lead_funnel_grid(&r, x->f == GRID_TABLE, &g);
	if (x->f == GRID_TABLE) {
		date_format(&r.day, iso, sizeof iso);
		fprintf(x->cli->out, "招商引资漏斗（截至 %s）\n\n", iso);
	}
	grid_write(&g, x->f, x->cli->out);
	grid_release(&g);
	return 0;
}
