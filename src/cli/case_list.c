/* case_list.c: kfq case list and kfq case overdue (督办): the cases with
 * their deadline and the days they are overdue on a day (case_list), and
 * the cases to chase on a day per department, those overdue too long
 * flagged for the supervising office (case_overdue), rendered as tables
 * with Chinese headings, or CSV and JSON. The dispatcher and the shared
 * helpers are case.c's (case_cmd.h). Depends on libkfq. */
#include "cli/case_cmd.h"
#include "report/case_grid.h"

#include <string.h>

/* The enterprise (code; its name in a table) and the household (code;
 * with the community in a table) of a case. */
static void put_party(const struct cctx *x, struct grid *g, size_t ent, size_t hh,
                      const struct case_party *p)
{
	if (x->f == GRID_TABLE) {
		if (p->unit)
			grid_setf(g, ent, "%s %s", p->unit, p->unit_name ? p->unit_name : "");
		if (p->household)
			grid_setf(g, hh, "%s %s", p->household, p->community ? p->community : "");
	} else {
		grid_set(g, ent, p->unit);
		grid_set(g, hh, p->household);
	}
}

/* ---- list ---- */

int case_sub_list(struct cctx *x)
{
	struct case_list_req q = {
		.day = x->a->date, .dept = x->a->dept, .status = x->a->status,
		.category = case_opt_name(x, "category", x->a->category, CASE_CATEGORY,
		                          CASE_CATEGORY_ZH),
		.overdue_only = x->a->overdue, .enterprise = x->a->enterprise,
	};
	struct case_list l;
	struct grid g;

	if (q.status < -1 || q.category < -1)
		return -1;
	if (case_list(&x->cli->cx, x->cli->db, &q, &l, &x->cli->err) < 0) {
		case_list_release(&l);
		return x->cli->err.kind == KFQ_EFAULT ? -1 : case_fail(x);
	}
	case_list_grid(&l, x->f == GRID_TABLE, &g);
	grid_write(&g, x->f, x->cli->out);
	grid_release(&g);
	case_list_release(&l);
	return 0;
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

#define ESCALATE "escalate to the supervising office"
#define UNASSIGNED "(未交办)"

/* --days N and --soon N, in the words of the options. */
static int check_days(struct cctx *x)
{
	if (x->a->days > CASE_ESCALATE_MAX)
		return kfq_error(&x->cli->err, "case overdue: --days %ld: expected a number of days, "
		                 "0 to %d", x->a->days, CASE_ESCALATE_MAX);
	if (x->a->soon > CASE_SOON_MAX)
		return kfq_error(&x->cli->err, "case overdue: --soon %ld: expected a number of days, "
		                 "0 to %d", x->a->soon, CASE_SOON_MAX);
	return 0;
}

static void write_summary(const struct cctx *x, const struct case_overdue *o)
{
	static const char *const K[4] = { "dept", "overdue", "escalate", "action" };
	static const char *const H[4] = { "责任部门", "超期", "超期逾N天", "督办" };
	char head[32], title[96];
	const char *heads[4] = { H[0], H[1], head, H[3] };
	struct grid g;
	snprintf(head, sizeof head, "超期逾%ld天", o->days);
	grid_init(&g, 4, K, heads);
	grid_numeric(&g, 1);
	grid_numeric(&g, 2);
	for (size_t i = 0; i < o->ndepts; i++) {
		const struct case_overdue_dept *d = &o->depts[i];
		grid_row(&g);
		grid_set(&g, 0, d->dept ? d->dept : UNASSIGNED);
		grid_setf(&g, 1, "%d", d->overdue);
		grid_setf(&g, 2, "%d", d->escalate);
		if (d->escalate && d->supervisor)
			grid_setf(&g, 3, "escalate to %s", d->supervisor);
		else if (d->escalate)
			grid_set(&g, 3, ESCALATE);
	}
	snprintf(title, sizeof title, "各部门（超期逾%ld天的督办）", o->days);
	cli_section(x->cli->out, title, &g);
	grid_release(&g);
}

/* What to do with a case, as the format says it. */
static void put_action(const struct cctx *x, struct grid *g, const struct case_overdue_row *r,
                       const struct case_overdue_dept *d)
{
	int table = x->f == GRID_TABLE;
	if (r->urge == CASE_DUE_SOON)
		grid_set(g, O_ACTION, table ? "即将到期 due soon" : "due soon");
	else if (r->urge == CASE_ESCALATE && d->supervisor)
		grid_setf(g, O_ACTION, "escalate to %s", d->supervisor);
	else if (r->urge == CASE_ESCALATE)
		grid_set(g, O_ACTION, table ? ESCALATE : "escalate");
}

int case_sub_overdue(struct cctx *x)
{
	struct case_overdue_req q = { .day = x->a->date, .days = x->a->days, .soon = x->a->soon };
	struct case_overdue o;
	struct grid g;
	char iso[16];

	if (check_days(x) < 0)
		return -1;
	if (case_overdue(&x->cli->cx, x->cli->db, &q, &o, &x->cli->err) < 0) {
		case_overdue_release(&o);
		return x->cli->err.kind == KFQ_EFAULT ? -1 : case_fail(x);
	}
	grid_init(&g, O_N, O_KEYS, x->f == GRID_TABLE ? O_HEADS : O_KEYS);
	grid_numeric(&g, O_DAYS);
	for (size_t i = 0; i < o.n; i++) {
		const struct case_overdue_row *r = &o.v[i];
		const struct case_overdue_dept *d = &o.depts[r->dept];
		grid_row(&g);
		grid_set(&g, O_DEPT, d->dept ? d->dept : x->f == GRID_TABLE ? UNASSIGNED : NULL);
		grid_set(&g, O_CODE, r->code);
		grid_set(&g, O_CAT, case_text(x, r->category, CASE_CATEGORY, CASE_CATEGORY_ZH));
		case_put_date(&g, O_RAISED, &r->raised);
		case_put_date(&g, O_DEADLINE, &r->deadline);
		grid_setf(&g, O_DAYS, "%ld", r->days_overdue);
		put_party(x, &g, O_ENT, O_HH, &r->party);
		put_action(x, &g, r, d);
	}
	if (x->f == GRID_TABLE) {
		date_format(&o.day, iso, sizeof iso);
		fprintf(x->cli->out, "超期问题（截至 %s，%zu 件超期，%zu 件%ld天内到期）\n", iso,
		        o.noverdue, o.nsoon, o.soon);
		cli_section(x->cli->out, "问题", &g);
		write_summary(x, &o);
	} else {
		grid_write(&g, x->f, x->cli->out);
	}
	grid_release(&g);
	case_overdue_release(&o);
	return 0;
}
