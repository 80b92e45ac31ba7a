/* case_list.c: kfq case list and kfq case overdue (督办): the cases with
 * their deadline and the days they are overdue on a day (case_list), and
 * the cases to chase on a day per department, those overdue too long
 * flagged for the supervising office (case_overdue), rendered as tables
 * with Chinese headings, or CSV and JSON. The dispatcher and the shared
 * helpers are case.c's (case_cmd.h). Depends on libkfq. */
#include "cli/case_cmd.h"
#include "report/case_grid.h"

#include <string.h>

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

int case_sub_overdue(struct cctx *x)
{
	struct case_overdue_req q = { .day = x->a->date, .days = x->a->days, .soon = x->a->soon };
	struct case_overdue o;
	struct grid g;
	char iso[16], title[96];

	if (check_days(x) < 0)
		return -1;
	if (case_overdue(&x->cli->cx, x->cli->db, &q, &o, &x->cli->err) < 0) {
		case_overdue_release(&o);
		return x->cli->err.kind == KFQ_EFAULT ? -1 : case_fail(x);
	}
	case_overdue_grid(&o, x->f == GRID_TABLE, &g);
	if (x->f == GRID_TABLE) {
		date_format(&o.day, iso, sizeof iso);
		fprintf(x->cli->out, "超期问题（截至 %s，%zu 件超期，%zu 件%ld天内到期）\n", iso,
		        o.noverdue, o.nsoon, o.soon);
		cli_section(x->cli->out, "问题", &g);
		grid_release(&g);
		case_overdue_depts_grid(&o, &g);
		snprintf(title, sizeof title, "各部门（超期逾%ld天的督办）", o.days);
		cli_section(x->cli->out, title, &g);
	} else {
		grid_write(&g, x->f, x->cli->out);
	}
	grid_release(&g);
	case_overdue_release(&o);
	return 0;
}
