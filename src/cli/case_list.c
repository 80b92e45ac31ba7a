/* case_list.c: kfq case list and kfq case overdue (督办): the cases, with
 * their deadline and the days they are overdue on a day, and the cases
 * open past their deadline on a day per department, those overdue too long
 * flagged for the supervising office. The dispatcher and the shared
 * helpers are case.c's (case_cmd.h); this file reads the case records and
 * changes nothing. Households appear by code and community, never with
 * their contact details. Depends on libkfq. */
#include "cli/case_cmd.h"
#include "base/xalloc.h"

#include <stdlib.h>
#include <string.h>

/* The enterprise (code; its name in a table) and the household (code; with
 * the community in a table) of a case, from columns col and col + 1 (unit
 * code and name) and col + 2 and col + 3 (household code and community). */
static void put_party(const struct cctx *x, struct grid *g, size_t ent, size_t hh,
                      struct kfq_stmt *st, int col)
{
	const char *uc = st_text(st, col);
	const char *un = st_text(st, col + 1);
	const char *hc = st_text(st, col + 2);
	const char *hn = st_text(st, col + 3);
	if (x->f == GRID_TABLE) {
		if (uc)
			grid_setf(g, ent, "%s %s", uc, un ? un : "");
		if (hc)
			grid_setf(g, hh, "%s %s", hc, hn ? hn : "");
	} else {
		grid_set(g, ent, uc);
		grid_set(g, hh, hc);
	}
}

/* ---- list ---- */

enum { L_CODE, L_RAISED, L_CAT, L_PRI, L_DEPT, L_STATUS, L_DEADLINE, L_DAYS, L_ENT, L_HH, L_N };
static const char *const L_KEYS[L_N] = {
	"code", "raised", "category", "priority", "dept", "status", "deadline", "days_overdue",
	"enterprise", "household",
};
static const char *const L_HEADS[L_N] = {
	"问题编号", "提出日期", "类别", "优先级", "责任部门", "状态", "办结时限", "超期天数", "企业",
	"群众",
};

static const char SQL_LIST[] =
	"SELECT k.code, k.raised, k.category, k.priority, k.dept, k.status, k.deadline, "
	"CASE WHEN " CASE_OPEN_AT " AND k.deadline < ?1 THEN 1 ELSE 0 END, "
	"u.code, u.name, h.code, h.community FROM kase k LEFT JOIN unit u ON u.id = k.unit_id "
	"LEFT JOIN household h ON h.id = k.household_id WHERE (?2 IS NULL OR k.dept = ?2) AND "
	"(?3 IS NULL OR k.status = ?3) AND (?4 IS NULL OR k.category = ?4) ORDER BY k.code";

int case_sub_list(struct cctx *x)
{
	int status = x->a->status;
	int cat = case_opt_name(x, "category", x->a->category, CASE_CATEGORY, CASE_CATEGORY_ZH);
	const char *dept = x->a->dept;
	struct kfq_stmt *st;
	struct grid g;
	int rc;

	if (status < -1 || cat < -1)
		return -1;
	if (db_prepare(x->cli->db, SQL_LIST, &st, &x->cli->err) < 0)
		return -1;
	st_bind_text(st, 1, x->iso);
	if (dept)
		st_bind_text(st, 2, dept);
	if (status >= 0)
		st_bind_text(st, 3, CASE_STATUS[status]);
	if (cat >= 0)
		st_bind_text(st, 4, CASE_CATEGORY[cat]);
	grid_init(&g, L_N, L_KEYS, x->f == GRID_TABLE ? L_HEADS : L_KEYS);
	grid_numeric(&g, L_DAYS);
	while ((rc = st_step(st)) == ST_ROW) {
		const char *deadline = st_text(st, 6);
		int overdue = st_int(st, 7);
		if (x->a->overdue && !overdue)
			continue;
		grid_row(&g);
		grid_set(&g, L_CODE, st_text(st, 0));
		grid_set(&g, L_RAISED, st_text(st, 1));
		grid_set(&g, L_CAT, case_text(x, st_text(st, 2), CASE_CATEGORY,
		                              CASE_CATEGORY_ZH));
		grid_set(&g, L_PRI, case_text(x, st_text(st, 3), CASE_PRIORITY,
		                              CASE_PRIORITY_ZH));
		grid_set(&g, L_DEPT, st_text(st, 4));
		grid_set(&g, L_STATUS, case_text(x, st_text(st, 5), CASE_STATUS,
		                                 CASE_STATUS_ZH));
		grid_set(&g, L_DEADLINE, deadline);
		if (overdue)
			grid_setf(&g, L_DAYS, "%ld", case_days(deadline, x->iso));
		put_party(x, &g, L_ENT, L_HH, st, 8);
	}
	st_finalize(st);
	if (rc == ST_DONE)
		grid_write(&g, x->f, x->cli->out);
	grid_release(&g);
	return rc == ST_DONE ? 0 : db_fault(x->cli->db, &x->cli->err, "reading cases");
}

/* ---- overdue (督办) ---- */

enum { O_DEPT, O_CODE, O_CAT, O_RAISED, O_DEADLINE, O_DAYS, O_ENT, O_HH, O_ACTION, O_N };
static const char *const O_KEYS[O_N] = {
	"dept", "code", "category", "raised", "deadline", "days_overdue", "enterprise", "household",
	"action",
};
static const char *const O_HEADS[O_N] = {
	"责任部门", "问题编号", "类别", "提出日期", "办结时限", "超期天数", "企业", "群众", "督办",
};

/* Open on the day and past the deadline, with the department they were
 * with then, the longest overdue first within a department. */
static const char SQL_OVERDUE[] =
	"SELECT " CASE_DEPT_AT ", k.code, k.category, k.raised, k.deadline, u.code, u.name, "
	"h.code, h.community, (SELECT supervisor FROM case_dept WHERE dept = " CASE_DEPT_AT ") "
	"FROM kase k LEFT JOIN unit u ON u.id = k.unit_id "
	"LEFT JOIN household h ON h.id = k.household_id WHERE " CASE_OPEN_AT
	" AND k.deadline <= ?2 ORDER BY 1, k.deadline, k.code";

#define ESCALATE "escalate to the supervising office"

struct dept_count {
	char dept[160];
	char supervisor[160];   /* from case_dept, "" when none is named */
	int n, escalate;
};

static int days_opt(struct cctx *x, long *days)
{
	*days = x->a->days;
	if (*days > 3650)
		return kfq_error(&x->cli->err, "case overdue: --days %ld: expected a number of days, "
		                 "0 to 3650", *days);
	return 0;
}

/* --soon N: also the open cases due within N days (default 3). */
static int soon_opt(struct cctx *x, long *soon)
{
	*soon = x->a->soon;
	if (*soon > 365)
		return kfq_error(&x->cli->err, "case overdue: --soon %ld: expected a number of days, "
		                 "0 to 365", *soon);
	return 0;
}

static void write_summary(const struct cctx *x, const struct dept_count *d, size_t n, long days)
{
	static const char *const K[4] = { "dept", "overdue", "escalate", "action" };
	static const char *const H[4] = { "责任部门", "超期", "超期逾N天", "督办" };
	char head[32], title[96];
	const char *heads[4] = { H[0], H[1], head, H[3] };
	struct grid g;
	snprintf(head, sizeof head, "超期逾%ld天", days);
	grid_init(&g, 4, K, heads);
	grid_numeric(&g, 1);
	grid_numeric(&g, 2);
	for (size_t i = 0; i < n; i++) {
		grid_row(&g);
		grid_set(&g, 0, d[i].dept[0] ? d[i].dept : "(未交办)");
		grid_setf(&g, 1, "%d", d[i].n);
		grid_setf(&g, 2, "%d", d[i].escalate);
		if (d[i].escalate && d[i].supervisor[0])
			grid_setf(&g, 3, "escalate to %s", d[i].supervisor);
		else if (d[i].escalate)
			grid_set(&g, 3, ESCALATE);
	}
	snprintf(title, sizeof title, "各部门（超期逾%ld天的督办）", days);
	cli_section(x->cli->out, title, &g);
	grid_release(&g);
}

int case_sub_overdue(struct cctx *x)
{
	struct dept_count *d = NULL;
	size_t nd = 0, cap = 0;
	struct kfq_stmt *st;
	struct grid g;
	long days, soon;
	char until_iso[16];
	size_t nsoon = 0;
	int rc;

	if (days_opt(x, &days) < 0 || soon_opt(x, &soon) < 0 ||
	    db_prepare(x->cli->db, SQL_OVERDUE, &st, &x->cli->err) < 0)
		return -1;
	{
		/* due within soon days: on or before that day */
		struct date until = date_add_days(&x->day, soon);
		date_format(&until, until_iso, sizeof until_iso);
	}
	st_bind_text(st, 1, x->iso);
	st_bind_text(st, 2, until_iso);
	grid_init(&g, O_N, O_KEYS, x->f == GRID_TABLE ? O_HEADS : O_KEYS);
	grid_numeric(&g, O_DAYS);
	while ((rc = st_step(st)) == ST_ROW) {
		const char *dept = st_text(st, 0);
		const char *deadline = st_text(st, 4);
		long late = case_days(deadline, x->iso);
		if (!nd || strcmp(d[nd - 1].dept, dept ? dept : "") != 0) {
			XGROW(d, nd + 1, cap);
			memset(&d[nd], 0, sizeof d[nd]);
			snprintf(d[nd].dept, sizeof d[nd].dept, "%s", dept ? dept : "");
			if (st_text(st, 9))
				snprintf(d[nd].supervisor, sizeof d[nd].supervisor, "%s",
				         st_text(st, 9));
			nd++;
		}
		d[nd - 1].n += late > 0;
		d[nd - 1].escalate += late > days;
		if (late <= 0)
			nsoon++;
		grid_row(&g);
		grid_set(&g, O_DEPT, dept ? dept : x->f == GRID_TABLE ? "(未交办)" : NULL);
		grid_set(&g, O_CODE, st_text(st, 1));
		grid_set(&g, O_CAT, case_text(x, st_text(st, 2), CASE_CATEGORY,
		                              CASE_CATEGORY_ZH));
		grid_set(&g, O_RAISED, st_text(st, 3));
		grid_set(&g, O_DEADLINE, deadline);
		grid_setf(&g, O_DAYS, "%ld", late);
		put_party(x, &g, O_ENT, O_HH, st, 5);
		if (late <= 0)
			grid_set(&g, O_ACTION, x->f == GRID_TABLE ? "即将到期 due soon" : "due soon");
		else if (late > days && d[nd - 1].supervisor[0])
			grid_setf(&g, O_ACTION, "escalate to %s", d[nd - 1].supervisor);
		else if (late > days)
			grid_set(&g, O_ACTION, x->f == GRID_TABLE ? ESCALATE : "escalate");
	}
	st_finalize(st);
	if (rc == ST_DONE) {
		if (x->f == GRID_TABLE) {
			fprintf(x->cli->out, "超期问题（截至 %s，%zu 件超期，%zu 件%ld天内到期）\n", x->iso,
			        g.nrows - nsoon, nsoon, soon);
			cli_section(x->cli->out, "问题", &g);
			write_summary(x, d, nd, days);
		} else {
			grid_write(&g, x->f, x->cli->out);
		}
	}
	grid_release(&g);
	free(d);
	return rc == ST_DONE ? 0 : db_fault(x->cli->db, &x->cli->err, "reading overdue cases");
}
