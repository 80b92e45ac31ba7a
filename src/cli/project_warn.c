/* project_warn.c: kfq project warn: the warnings a project office acts
 * on, for the projects under a unit on a day, as project_warnings
 * (project/project_query.h) finds them: not started as planned, investment
 * behind the share of the year elapsed, problems past their deadline,
 * suspended. This file only renders: the dispatcher and the shared helpers
 * are project.c's (project_cmd.h); it is used by nothing but the
 * dispatcher. Depends on libkfq. */
#include "cli/project_cmd.h"

enum { W_KIND, W_CODE, W_NAME, W_PARK, W_DETAIL, W_N };
static const char *const W_KEYS[W_N] = { "kind", "project", "name", "park", "detail" };
static const char *const W_HEADS[W_N] = { "预警", "项目代码", "项目名称", "所在园区", "说明" };

int project_sub_warn(struct pctx *x)
{
	struct project_warnings_req req = { x->a->unit, x->a->date, x->a->threshold };
	struct project_warnings w;
	struct grid g;
	char day[16];

	if (project_warnings(&x->cli->cx, x->cli->db, &req, &w, &x->cli->err) < 0) {
		project_warnings_release(&w);
		return -1;
	}
	int zh = x->f == GRID_TABLE && x->cli->msg_lang == KFQ_ZH;   /* a table for people */
	grid_init(&g, W_N, W_KEYS, x->f == GRID_TABLE ? W_HEADS : W_KEYS);
	for (size_t i = 0; i < w.n; i++) {
		const struct project_warning *r = &w.v[i];
		grid_row(&g);
		grid_set(&g, W_KIND, (zh ? PROJECT_WARNING_KIND_ZH : PROJECT_WARNING_KIND)[r->kind]);
		grid_set(&g, W_CODE, r->code);
		grid_set(&g, W_NAME, r->name);
		grid_set(&g, W_PARK, x->f == GRID_TABLE ? r->park_name : r->park);
		grid_set(&g, W_DETAIL, zh && r->detail_zh ? r->detail_zh : r->detail);
	}
	if (x->f == GRID_TABLE) {
		date_format(&w.day, day, sizeof day);
		fprintf(x->cli->out, "%s重点项目预警（%s）\n\n", w.unit_name, day);
	}
	grid_write(&g, x->f, x->cli->out);
	grid_release(&g);
	project_warnings_release(&w);
	return 0;
}
