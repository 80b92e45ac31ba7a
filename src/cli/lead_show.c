/* lead_show.c: kfq lead show CODE: one lead in full: its attributes and,
 * in the table format, its sections (the stages it went through with the
 * days spent in each, its links to the enterprise and key project it
 * became, the history of changes). The dispatcher, the shared helpers and
 * the leads' rows are lead.c's (lead_cmd.h); this file computes no figure
 * and is used by nothing but the dispatcher. Depends on libkfq. */
#include "cli/lead_cmd.h"
#include "lead/lead.h"

#include <stdio.h>

static void show_attributes(struct lctx *x, const struct lrow *r)
{
	static const char *const KV[2] = { "attribute", "value" }, *const KV_ZH[2] = { "项目", "内容" };
	struct grid row, g;

	/* the list's row, then (table) one line per column */
	grid_init(&row, L_N, LEAD_LIST_KEYS, LEAD_LIST_KEYS);
	grid_numeric(&row, L_TOTAL);
	grid_numeric(&row, L_FOREIGN);
	lead_list_row(x, &row, r);
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
		if (k == L_PARK && r->col[Q_PARK])
			grid_setf(&g, 1, "%s %s", r->col[Q_PARK], r->col[Q_PARKNAME]);
		else
			grid_set(&g, 1, row.cells[k]);
	}
	fprintf(x->cli->out, "招商项目 %s %s\n\n", r->col[Q_CODE], r->col[Q_NAME]);
	grid_write(&g, GRID_TABLE, x->cli->out);
	grid_release(&g);
	grid_release(&row);
}

static int show_stages(struct lctx *x, const struct lrow *r)
{
	static const char *const K[4] = { "stage", "date", "reason", "days_in_previous" };
	static const char *const H[4] = { "阶段", "日期", "原因", "上一阶段天数" };
	struct kfq_stmt *st;
	struct date prev;
	struct grid g;
	int rc, have_prev = 0;

	if (db_prepare(x->cli->db, "SELECT stage, date, reason FROM lead_stage WHERE lead_id = ? "
	               "ORDER BY date, id", &st, &x->cli->err) < 0)
		return -1;
	st_bind_i64(st, 1, r->id);
	grid_init(&g, 4, K, H);
	grid_numeric(&g, 3);
	while ((rc = st_step(st)) == ST_ROW) {
		const char *ds = st_text(st, 1);
		struct date d;
		grid_row(&g);
		grid_set(&g, 0, lead_stage_text(x, lead_stage_parse(st_text(st, 0))));
		grid_set(&g, 1, ds);
		grid_set(&g, 2, st_text(st, 2));
		if (date_parse(ds, &d, &x->cli->err) < 0) {
			have_prev = 0;
			continue;
		}
		if (have_prev)
			grid_setf(&g, 3, "%ld", date_days(&prev, &d));
		prev = d;
		have_prev = 1;
	}
	st_finalize(st);
	if (rc == ST_DONE)
		cli_section(x->cli->out, "阶段", &g);
	else
		db_fault(x->cli->db, &x->cli->err, "reading lead stages");
	grid_release(&g);
	return rc == ST_DONE ? 0 : -1;
}

static void show_links(struct lctx *x, const struct lrow *r)
{
	static const char *const K[3] = { "link", "code", "name" };
	static const char *const H[3] = { "关联", "代码", "名称" };
	struct grid g;
	grid_init(&g, 3, K, H);
	if (r->col[Q_ENT]) {
		grid_row(&g);
		grid_set(&g, 0, "落户企业");
		grid_set(&g, 1, r->col[Q_ENT]);
		grid_set(&g, 2, r->col[Q_ENTNAME]);
	}
	if (r->col[Q_PROJ]) {
		grid_row(&g);
		grid_set(&g, 0, "重点项目");
		grid_set(&g, 1, r->col[Q_PROJ]);
		grid_set(&g, 2, r->col[Q_PROJNAME]);
	}
	cli_section(x->cli->out, "关联", &g);
	grid_release(&g);
}

static int show_history(struct lctx *x, const struct lrow *r)
{
	static const char *const K[4] = { "at", "who", "date", "note" };
	static const char *const H[4] = { "时间", "操作人", "日期", "说明" };
	struct kfq_stmt *st;
	struct grid g;
	int rc;

	if (db_prepare(x->cli->db, "SELECT at, who, period, note FROM history WHERE kind = 'lead' "
	               "AND unit = ? ORDER BY id", &st, &x->cli->err) < 0)
		return -1;
	st_bind_text(st, 1, r->col[Q_CODE]);
	grid_init(&g, 4, K, H);
	while ((rc = st_step(st)) == ST_ROW) {
		grid_row(&g);
		for (int k = 0; k < 4; k++)
			grid_set(&g, (size_t)k, st_text(st, k));
	}
	st_finalize(st);
	if (rc == ST_DONE)
		cli_section(x->cli->out, "变更记录", &g);
	else
		db_fault(x->cli->db, &x->cli->err, "reading history");
	grid_release(&g);
	return rc == ST_DONE ? 0 : -1;
}

int lead_sub_show(struct lctx *x)
{
	const char *code = x->a->h.pos[0];
	if (lead_load(x, code) < 0)
		return -1;
	if (x->nrows == 0)
		return kfq_error(&x->cli->err, "lead show: unknown lead \"%s\" (see kfq lead list)", code);
	show_attributes(x, &x->rows[0]);
	if (x->f != GRID_TABLE)
		return 0;
	if (show_stages(x, &x->rows[0]) < 0)
		return -1;
	show_links(x, &x->rows[0]);
	return show_history(x, &x->rows[0]);
}
