/* lead_show.c: kfq lead show CODE: one lead in full, as lead_show (in
 * lead/lead_query.c) reads it: its attributes and, in the table format,
 * its sections (the stages it went through with the days spent in each,
 * its links to the enterprise and key project it became, the history of
 * changes). The dispatcher and the shared rendering helpers are lead.c's
 * (lead_cmd.h); this file renders and is used by nothing but the
 * dispatcher. Depends on libkfq. */
#include "cli/lead_cmd.h"

#include <stdio.h>

static void show_attributes(const struct lctx *x, const struct lead_item *it)
{
	static const char *const KV[2] = { "attribute", "value" }, *const KV_ZH[2] = { "项目", "内容" };
	struct grid row, g;

	/* the list's row, then (table) one line per column */
	grid_init(&row, L_N, LEAD_LIST_KEYS, LEAD_LIST_KEYS);
	grid_numeric(&row, L_TOTAL);
	grid_numeric(&row, L_FOREIGN);
	lead_list_row(x, &row, it);
	if (x->f != GRID_TABLE) {
		grid_write(&row, x->f, x->cli->out);
		grid_release(&row);
		return;
	}
	grid_init(&g, 2, KV, KV_ZH);
	for (int k = 0; k < L_N; k++) {
		if (k == L_ENT || k == L_PROJ)
			continue;   /* in the links */
		grid_row(&g);
		grid_set(&g, 0, LEAD_LIST_HEADS[k]);
		if (k == L_PARK && it->park)
			grid_setf(&g, 1, "%s %s", it->park, it->park_name);
		else
			grid_set(&g, 1, row.cells[k]);
	}
	fprintf(x->cli->out, "招商项目 %s %s\n\n", it->code, it->name);
	grid_write(&g, GRID_TABLE, x->cli->out);
	grid_release(&g);
	grid_release(&row);
}

static void show_steps(const struct lctx *x, const struct lead_show_res *r)
{
	struct grid g;
	lead_steps_grid(r, x->f == GRID_TABLE, &g);
	cli_section(x->cli->out, "阶段", &g);
	grid_release(&g);
}

static void show_links(const struct lctx *x, const struct lead_item *it)
{
	static const char *const K[3] = { "link", "code", "name" };
	static const char *const H[3] = { "关联", "代码", "名称" };
	struct grid g;
	grid_init(&g, 3, K, H);
	if (it->enterprise) {
		grid_row(&g);
		grid_set(&g, 0, "落户企业");
		grid_set(&g, 1, it->enterprise);
		grid_set(&g, 2, it->enterprise_name);
	}
	if (it->project) {
		grid_row(&g);
		grid_set(&g, 0, "重点项目");
		grid_set(&g, 1, it->project);
		grid_set(&g, 2, it->project_name);
	}
	cli_section(x->cli->out, "关联", &g);
	grid_release(&g);
}

int lead_sub_show(struct lctx *x)
{
	struct lead_show_req rq = { x->a->h.pos[0] };
	struct lead_show_res r;

	if (lead_show(&x->cli->cx, x->cli->db, &rq, &r, &x->cli->err) < 0)
		return -1;
	show_attributes(x, &r.lead);
	if (x->f == GRID_TABLE) {
		show_steps(x, &r);
		show_links(x, &r.lead);
		{
			struct grid g;
			lead_changes_grid(&r, &g);
			cli_section(x->cli->out, "变更记录", &g);
			grid_release(&g);
		}
	}
	lead_show_release(&r);
	return 0;
}
