/* project_show.c: kfq project show CODE: one project in full, as
 * project_show (project/project_query.h) reads it: its attributes and, in
 * the table format, its sections (annual plans, progress by month,
 * problems, the history of changes). This file only renders: the
 * dispatcher and the shared helpers are project.c's (project_cmd.h); it
 * is used by nothing but the dispatcher. Depends on libkfq. */
#include "cli/project_cmd.h"

#include <stdlib.h>
#include <string.h>

static void show_attributes(struct pctx *x, const struct project_show *s)
{
	struct grid g;
	int table = x->f == GRID_TABLE;

	project_show_grid(s, table, &g);
	if (table)
		fprintf(x->cli->out, "项目 %s %s\n\n", s->p.code, s->p.name);
	grid_write(&g, x->f, x->cli->out);
	grid_release(&g);
}

static void section(struct pctx *x, const char *title, void (*build)(const struct project_show *,
                                                                    struct grid *),
                    const struct project_show *s)
{
	struct grid g;
	build(s, &g);
	cli_section(x->cli->out, title, &g);
	grid_release(&g);
}

int project_sub_show(struct pctx *x)
{
	struct project_show_req req = { x->a->h.pos[0], x->f != GRID_TABLE, x->a->date };
	struct project_show s;

	if (project_show(&x->cli->cx, x->cli->db, &req, &s, &x->cli->err) < 0) {
		project_show_release(&s);
		return -1;
	}
	show_attributes(x, &s);
	if (x->f == GRID_TABLE) {
		if (s.has_investment) {
			section(x, "年度计划", project_plans_grid, &s);
			section(x, "进度", project_progress_grid, &s);
		}
		section(x, "问题", project_problems_grid, &s);
		section(x, "变更记录", project_history_grid, &s);
	}
	project_show_release(&s);
	return 0;
}
