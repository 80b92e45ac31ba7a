/* project_show.c: kfq project show CODE: one project in full: its
 * attributes and, in the table format, its sections (annual plans, progress
 * by month, problems, the history of changes). The dispatcher, the shared
 * helpers and the register's rows are project.c's (project_cmd.h); this
 * file computes no figure itself (calc/figure does) and is used by nothing
 * but the dispatcher. Depends on libkfq. */
#include "cli/project_cmd.h"

#include <stdlib.h>
#include <string.h>

static void put_tenths(struct grid *g, size_t col, int ok, int64_t t)
{
	char buf[32];
	if (ok) {
		dec_format_tenths(t, buf, sizeof buf);
		grid_set(g, col, buf);
	}
}

static const char *const A_KEYS[Q_N] = {
	"code", "name", "category", "park", "park_name", "owner", "industry", "key_level",
	"total_investment", "planned_start", "planned_end", "actual_start", "actual_end",
	"production", "status", "reason", "milestones",
};
static const char *const A_HEADS[Q_N] = {
	"项目代码", "项目名称", "类别", "所在园区", "园区名称", "业主单位", "行业", "重点级别",
	"总投资(亿元)", "计划开工", "计划竣工", "实际开工", "实际竣工", "投产日期", "状态", "原因",
	"节点",
};

static void show_attributes(struct pctx *x, const struct prow *r)
{
	static const char *const KV[2] = { "attribute", "value" }, *const KV_ZH[2] = { "项目", "内容" };
	struct grid g;
	char buf[64];
	int table = x->f == GRID_TABLE;

	grid_init(&g, table ? 2 : Q_N, table ? KV : A_KEYS, table ? KV_ZH : A_KEYS);
	if (!table) {
		grid_numeric(&g, Q_TOTAL);
		grid_row(&g);
	}
	for (int k = 0; k < Q_N; k++) {
		const char *v = r->col[k];
		if (k == Q_TOTAL) {
			dec_format(v ? strtoll(v, NULL, 10) : 0, x->shift, x->decimals, buf, sizeof buf);
			v = buf;
		} else if (k == Q_STATUS) {
			v = project_status_text(x, v);
		}
		if (table && k == Q_PARK) {
			grid_row(&g);
			grid_set(&g, 0, A_HEADS[k]);
			grid_setf(&g, 1, "%s %s", v ? v : "", r->col[Q_PARKNAME] ? r->col[Q_PARKNAME] : "");
		} else if (table && k != Q_PARKNAME) {
			grid_row(&g);
			grid_set(&g, 0, A_HEADS[k]);
			grid_set(&g, 1, v);
		} else if (!table) {
			grid_set(&g, (size_t)k, v);
		}
	}
	if (table)
		fprintf(x->cli->out, "项目 %s %s\n\n", r->col[Q_CODE], r->col[Q_NAME]);
	grid_write(&g, x->f, x->cli->out);
	grid_release(&g);
}

static int show_plans(struct pctx *x, const struct prow *r, struct kfq_stmt *st)
{
	static const char *const K[5] = { "year", "plan", "ytd_investment", "ytd_period", "completion" };
	static const char *const H[5] = { "年度", "计划投资(亿元)", "累计完成(亿元)", "截至", "完成(%)" };
	struct grid g;
	int rc;

	grid_init(&g, 5, K, H);
	for (int k = 1; k < 5; k++)
		if (k != 3)
			grid_numeric(&g, (size_t)k);
	st_bind_i64(st, 1, x->m.inds.v[r->inv].id);
	st_bind_i64(st, 2, x->m.units.v[r->u].id);
	while ((rc = st_step(st)) == ST_ROW) {
		struct figure f;
		struct period at;
		char buf[32];
		int year = st_int(st, 0), got;
		if ((got = project_latest_ytd(x, r->inv, (size_t)r->u, year, 12, &f, &at)) < 0)
			break;
		grid_row(&g);
		grid_setf(&g, 0, "%d", year);
		if (f.has & FIG_TARGET)
			project_put_money(x, &g, 1, f.target);
		if (got) {
			project_put_money(x, &g, 2, f.ytd);
			period_format(&at, buf, sizeof buf);
			grid_set(&g, 3, buf);
			put_tenths(&g, 4, f.has & FIG_COMPLETION, f.completion);
		}
	}
	if (rc == ST_DONE)
		cli_section(x->cli->out, "年度计划", &g);
	else if (rc == ST_ROW)
		rc = -1;
	else
		db_fault(x->cli->db, &x->cli->err, "reading project plans");
	grid_release(&g);
	return rc == ST_DONE ? 0 : -1;
}

/* Investment filed, physical progress and the note, by the month they end. */
static int show_progress(struct pctx *x, const struct prow *r, struct kfq_stmt *st)
{
	static const char *const K[4] = { "period", "investment", "physical", "note" };
	static const char *const H[4] = { "期间", "完成投资(亿元)", "形象进度(%)", "备注" };
	long phys = indicators_find(&x->m.inds, "physical_progress");
	struct grid g;
	int rc;

	grid_init(&g, 4, K, H);
	grid_numeric(&g, 1);
	grid_numeric(&g, 2);
	st_bind_i64(st, 1, x->m.inds.v[r->inv].id);
	st_bind_i64(st, 2, phys >= 0 ? x->m.inds.v[phys].id : -1);
	st_bind_i64(st, 3, x->m.units.v[r->u].id);
	while ((rc = st_step(st)) == ST_ROW) {
		int year = st_int(st, 0), last = st_int(st, 1);
		int first = st_null(st, 2) ? last : st_int(st, 2);
		struct period p = { year, first == last ? PERIOD_MONTH : PERIOD_YTD, first, last };
		char buf[64];
		grid_row(&g);
		period_format(&p, buf, sizeof buf);
		grid_set(&g, 0, buf);
		if (!st_null(st, 3))
			project_put_money(x, &g, 1, st_i64(st, 3));
		if (!st_null(st, 4)) {
			dec_format(st_i64(st, 4), 0, phys >= 0 ? x->m.inds.v[phys].decimals : 1,
			           buf, sizeof buf);
			grid_set(&g, 2, buf);
		}
		grid_set(&g, 3, st_text(st, 5));
	}
	if (rc == ST_DONE)
		cli_section(x->cli->out, "进度", &g);
	else
		db_fault(x->cli->db, &x->cli->err, "reading project progress");
	grid_release(&g);
	return rc == ST_DONE ? 0 : -1;
}

static int show_problems(struct pctx *x, const struct prow *r, struct kfq_stmt *st)
{
	static const char *const K[5] = { "raised", "description", "dept", "deadline", "resolved" };
	static const char *const H[5] = { "提出日期", "问题", "责任部门", "办结时限", "解决" };
	char day[16];
	struct grid g;
	int rc;

	date_format(&x->today, day, sizeof day);
	grid_init(&g, 5, K, H);
	st_bind_text(st, 1, r->col[Q_CODE]);
	while ((rc = st_step(st)) == ST_ROW) {
		const char *dl = st_text(st, 3);
		const char *res = st_text(st, 4);
		grid_row(&g);
		for (int k = 0; k < 4; k++)
			grid_set(&g, (size_t)k, st_text(st, k));
		grid_set(&g, 4, res ? res : dl && strcmp(dl, day) < 0 ? "overdue" : "open");
	}
	if (rc == ST_DONE)
		cli_section(x->cli->out, "问题", &g);
	else
		db_fault(x->cli->db, &x->cli->err, "reading project problems");
	grid_release(&g);
	return rc == ST_DONE ? 0 : -1;
}

static void put_hist_value(const struct pctx *x, struct grid *g, size_t col, struct kfq_stmt *st,
                           int i)
{
	const char *ic = st_text(st, 3);
	long d = ic ? indicators_find(&x->m.inds, ic) : -1;
	char buf[64];
	if (st_null(st, i))
		return;
	dec_format(st_i64(st, i), d >= 0 ? x->m.inds.v[d].measure->shift : 0, -1, buf,
	           sizeof buf);
	grid_set(g, col, buf);
}

static int show_history(struct pctx *x, const struct prow *r, struct kfq_stmt *st)
{
	static const char *const K[8] = { "at", "who", "kind", "indicator", "period", "old_value",
	                                  "new_value", "note" };
	static const char *const H[8] = { "时间", "操作人", "类别", "指标", "期间", "原值", "新值",
	                                  "说明" };
	struct grid g;
	int rc;

	grid_init(&g, 8, K, H);
	st_bind_text(st, 1, r->col[Q_CODE]);
	while ((rc = st_step(st)) == ST_ROW) {
		grid_row(&g);
		for (int k = 0; k < 5; k++)
			grid_set(&g, (size_t)k, st_text(st, k));
		put_hist_value(x, &g, 5, st, 5);
		put_hist_value(x, &g, 6, st, 6);
		grid_set(&g, 7, st_text(st, 7));
	}
	if (rc == ST_DONE)
		cli_section(x->cli->out, "变更记录", &g);
	else
		db_fault(x->cli->db, &x->cli->err, "reading history");
	grid_release(&g);
	return rc == ST_DONE ? 0 : -1;
}

int project_sub_show(struct pctx *x)
{
	static const char *const SQL[4] = {
		"SELECT DISTINCT year FROM target WHERE ind_id = ?1 AND unit_id = ?2 ORDER BY year",
		"WITH inv AS (SELECT year, last, first, value FROM obs WHERE ind_id = ?1 AND "
		"unit_id = ?3), ph AS (SELECT year, last, value FROM obs WHERE ind_id = ?2 AND "
		"unit_id = ?3), nt AS (SELECT year, month AS last, note FROM project_note WHERE "
		"unit_id = ?3), k AS (SELECT year, last FROM inv UNION SELECT year, last FROM ph UNION "
		"SELECT year, last FROM nt) SELECT k.year, k.last, inv.first, inv.value, ph.value, "
		"nt.note FROM k LEFT JOIN inv USING (year, last) LEFT JOIN ph USING (year, last) LEFT "
		"JOIN nt USING (year, last) ORDER BY k.year, k.last, inv.first DESC",
		"SELECT pb.raised, pb.description, pb.dept, pb.deadline, pb.resolved FROM "
		"project_problem pb JOIN unit u ON u.id = pb.unit_id WHERE u.code = ?1 "
		"ORDER BY pb.raised, pb.id",
		"SELECT at, who, kind, indicator, period, old_value, new_value, note FROM history "
		"WHERE unit = ?1 ORDER BY id",
	};
	int (*const part[4])(struct pctx *, const struct prow *, struct kfq_stmt *) = {
		show_plans, show_progress, show_problems, show_history,
	};
	const struct prow *r;

	if (project_load(x, x->a->h.pos[0]) < 0)
		return -1;
	if (x->nrows == 0 || x->rows[0].u < 0)
		return kfq_error(&x->cli->err, "project show: unknown project \"%s\" (see kfq project "
		                 "list)", x->a->h.pos[0]);
	r = &x->rows[0];
	show_attributes(x, r);
	if (x->f != GRID_TABLE)
		return 0;
	for (int k = 0; k < 4; k++) {
		struct kfq_stmt *st;
		int rc;
		if (k < 2 && r->inv < 0)
			continue;
		if (db_prepare(x->cli->db, SQL[k], &st, &x->cli->err) < 0)
			return -1;
		rc = part[k](x, r, st);
		st_finalize(st);
		if (rc < 0)
			return -1;
	}
	return 0;
}
