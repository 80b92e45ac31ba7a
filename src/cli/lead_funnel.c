/* lead_funnel.c: kfq lead funnel: the funnel of the pipeline's stages on
 * a day, as lead_funnel (in lead/lead_funnel.c) computes it: how many
 * leads reached each stage, the share that went on to the next, and the
 * median days it took them. This file renders it; the dispatcher and the
 * shared helpers are lead.c's (lead_cmd.h), and nothing but the dispatcher
 * uses this file. Depends on libkfq. */
#include "cli/lead_cmd.h"

#include <stdio.h>

enum { F_STAGE, F_LEADS, F_CONV, F_DAYS, F_N };
static const char *const F_KEYS[F_N] = { "stage", "leads", "conversion", "median_days" };
static const char *const F_HEADS[F_N] = { "阶段", "项目数", "转入下一阶段(%)",
                                          "转入下一阶段天数(中位数)" };

int lead_sub_funnel(struct lctx *x)
{
	/* the day: --date, else the context's today */
	struct lead_funnel_req rq = { x->a->date };
	struct lead_funnel_res r;
	struct grid g;
	char iso[16];

	if (lead_funnel(&x->cli->cx, x->cli->db, &rq, &r, &x->cli->err) < 0)
		return -1;
	grid_init(&g, F_N, F_KEYS, x->f == GRID_TABLE ? F_HEADS : F_KEYS);
	for (int k = F_LEADS; k < F_N; k++)
		grid_numeric(&g, (size_t)k);
	for (int s = 0; s < LS_N; s++) {
		const struct lead_funnel_stage *f = &r.stage[s];
		grid_row(&g);
		grid_set(&g, F_STAGE, lead_stage_text(x, s));
		grid_setf(&g, F_LEADS, "%ld", f->reached);
		if (f->has_conversion)
			lead_put_tenths(&g, F_CONV, f->conversion);
		if (f->has_median)
			lead_put_tenths(&g, F_DAYS, f->median_days);
	}
	if (x->f == GRID_TABLE) {
		date_format(&r.day, iso, sizeof iso);
		fprintf(x->cli->out, "招商引资漏斗（截至 %s）\n\n", iso);
	}
	grid_write(&g, x->f, x->cli->out);
	grid_release(&g);
	return 0;
}
