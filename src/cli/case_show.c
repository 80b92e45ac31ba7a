/* case_show.c: kfq case show CODE: one case in full: its attributes and,
 * in the table format, its timeline (every step with its date, department,
 * note, rating and who) and its change history. A household's phone number
 * is shown only with --show-phone. The dispatcher and the shared helpers
 * are case.c's (case_cmd.h); this file reads the case records and changes
 * nothing. Depends on libkfq. */
#include "cli/case_cmd.h"

#include <string.h>

enum { A_CODE, A_RAISED, A_CHANNEL, A_VISIT, A_ENT, A_HH, A_HEAD, A_ADDRESS, A_PHONE, A_CAMPAIGN,
       A_CAT, A_PRI, A_DESC, A_BY, A_DEPT, A_DEADLINE, A_STATUS, A_RESOLVED, A_RATING, A_MERGED,
       A_N };
static const char *const A_KEYS[A_N] = {
	"code", "raised", "channel", "visit", "enterprise", "household", "head", "address", "phone",
	"campaign", "category", "priority", "description", "raised_by", "dept", "deadline", "status",
	"resolved", "rating", "merged_into",
};
static const char *const A_HEADS[A_N] = {
	"问题编号", "提出日期", "渠道", "走访编号", "企业", "户号", "户主", "地址", "联系电话", "活动",
	"类别", "优先级", "问题描述", "提出人", "责任部门", "办结时限", "状态", "办结日期", "满意度",
	"合并至",
};

/* The case's columns in the order A_CODE ...; then the enterprise's name,
 * the case's id and the household's community. */
static const char SQL_CASE[] =
	"SELECT k.code, k.raised, k.channel, v.code, u.code, h.code, h.head, "
	"h.address, h.phone, k.campaign, k.category, k.priority, k.description, k.raised_by, k.dept, "
	"k.deadline, k.status, k.resolved, k.rating, m.code, u.name, k.id, h.community FROM kase k "
	"LEFT JOIN visit v ON v.id = k.visit_id LEFT JOIN unit u ON u.id = k.unit_id "
	"LEFT JOIN household h ON h.id = k.household_id LEFT JOIN kase m ON m.id = k.merged_into "
	"WHERE k.code = ?";

static void show_attributes(struct cctx *x, struct kfq_stmt *st)
{
	static const char *const KV[2] = { "attribute", "value" }, *const KV_ZH[2] = { "项目", "内容" };
	int table = x->f == GRID_TABLE, phone = x->a->show_phone;
	struct grid g;

	grid_init(&g, table ? 2 : A_N, table ? KV : A_KEYS, table ? KV_ZH : A_KEYS);
	if (!table) {
		grid_numeric(&g, A_RATING);
		grid_row(&g);
	}
	for (int k = 0; k < A_N; k++) {
		const char *v = st_text(st, k);
		if (k == A_PHONE && !phone)
			v = NULL;
		else if (k == A_CHANNEL)
			v = case_text(x, v, CASE_CHANNEL, CASE_CHANNEL_ZH);
		else if (k == A_CAT)
			v = case_text(x, v, CASE_CATEGORY, CASE_CATEGORY_ZH);
		else if (k == A_PRI)
			v = case_text(x, v, CASE_PRIORITY, CASE_PRIORITY_ZH);
		else if (k == A_STATUS)
			v = case_text(x, v, CASE_STATUS, CASE_STATUS_ZH);
		if (!table) {
			grid_set(&g, (size_t)k, v);
			continue;
		}
		if (!v || (k == A_PHONE && !phone))
			continue;
		grid_row(&g);
		grid_set(&g, 0, A_HEADS[k]);
		if (k == A_ENT || k == A_HH)
			grid_setf(&g, 1, "%s %s", v, st_text(st, k == A_ENT ? A_N
			                                                               : A_N + 2));
		else
			grid_set(&g, 1, v);
	}
	if (table)
		fprintf(x->cli->out, "问题 %s %s\n\n", st_text(st, A_CODE),
		        st_text(st, A_DESC));
	grid_write(&g, x->f, x->cli->out);
	grid_release(&g);
}

static int show_timeline(struct cctx *x, int64_t id)
{
	static const char *const K[6] = { "date", "step", "dept", "note", "rating", "who" };
	static const char *const H[6] = { "日期", "环节", "责任部门", "说明", "满意度", "经办人" };
	struct kfq_stmt *st;
	struct grid g;
	int rc;

	if (db_prepare(x->cli->db, "SELECT date, action, dept, note, rating, who FROM case_event "
	               "WHERE case_id = ? ORDER BY date, id", &st, &x->cli->err) < 0)
		return -1;
	st_bind_i64(st, 1, id);
	grid_init(&g, 6, K, H);
	while ((rc = st_step(st)) == ST_ROW) {
		const char *a = st_text(st, 1);
		int i = case_name_index(a, CASE_ACTION, NULL);
		grid_row(&g);
		grid_set(&g, 0, st_text(st, 0));
		if (i >= 0)
			grid_setf(&g, 1, "%s %s", CASE_ACTION_ZH[i], a);
		else
			grid_set(&g, 1, a);
		for (int k = 2; k < 6; k++)
			grid_set(&g, (size_t)k, st_text(st, k));
	}
	st_finalize(st);
	if (rc == ST_DONE)
		cli_section(x->cli->out, "办理过程", &g);
	grid_release(&g);
	return rc == ST_DONE ? 0 : db_fault(x->cli->db, &x->cli->err, "reading case steps");
}

static int show_history(struct cctx *x, const char *code)
{
	static const char *const K[4] = { "at", "who", "date", "note" };
	static const char *const H[4] = { "时间", "经办人", "日期", "变更" };
	struct kfq_stmt *st;
	struct grid g;
	int rc;

	if (db_prepare(x->cli->db, "SELECT at, who, period, note FROM history WHERE kind = 'case' "
	               "AND unit = ? ORDER BY id", &st, &x->cli->err) < 0)
		return -1;
	st_bind_text(st, 1, code);
	grid_init(&g, 4, K, H);
	while ((rc = st_step(st)) == ST_ROW) {
		grid_row(&g);
		for (int k = 0; k < 4; k++)
			grid_set(&g, (size_t)k, st_text(st, k));
	}
	st_finalize(st);
	if (rc == ST_DONE)
		cli_section(x->cli->out, "变更记录", &g);
	grid_release(&g);
	return rc == ST_DONE ? 0 : db_fault(x->cli->db, &x->cli->err, "reading case history");
}

int case_sub_show(struct cctx *x)
{
	const char *code = x->a->h.pos[0];
	struct kfq_stmt *st;
	int64_t id;
	int rc;

	if (db_prepare(x->cli->db, SQL_CASE, &st, &x->cli->err) < 0)
		return -1;
	st_bind_text(st, 1, code);
	if ((rc = st_step(st)) != ST_ROW) {
		st_finalize(st);
		return rc == ST_DONE ? kfq_error(&x->cli->err, "case show: unknown case \"%s\"", code)
		       : db_fault(x->cli->db, &x->cli->err, "reading a case");
	}
	show_attributes(x, st);
	id = st_i64(st, A_N + 1);
	st_finalize(st);
	if (x->f != GRID_TABLE)
		return 0;
	return show_timeline(x, id) < 0 || show_history(x, code) < 0 ? -1 : 0;
}
