/* case_show.c: kfq case show CODE: one case in full (case_show): its
 * attributes (the grid of report/case_grid.c, which /api/v1/cases/{code}
 * answers too) and, in the table format, its timeline (every step with its
 * date, department, note, rating and who) and its change history. A
 * household's head, address and phone are asked for only with
 * --with-contacts (or its older name --show-phone), and the asking is
 * recorded in the audit log. The
 * dispatcher and the shared helpers are case.c's (case_cmd.h). Depends on
 * libkfq. */
#include "cli/case_cmd.h"
#include "report/case_grid.h"

#include <stdlib.h>
#include <string.h>

static void show_attributes(struct cctx *x, const struct case_detail *d)
{
	struct grid g;

	case_detail_grid(d, x->f == GRID_TABLE, &g);
	if (x->f == GRID_TABLE)
		fprintf(x->cli->out, "问题 %s %s\n\n", d->code, d->description);
	grid_write(&g, x->f, x->cli->out);
	grid_release(&g);
}

static void show_timeline(struct cctx *x, const struct case_detail *d)
{
	static const char *const K[6] = { "date", "step", "dept", "note", "rating", "who" };
	static const char *const H[6] = { "日期", "环节", "责任部门", "说明", "满意度", "经办人" };
	struct grid g;

	grid_init(&g, 6, K, H);
	for (size_t i = 0; i < d->nsteps; i++) {
		const struct case_step_row *s = &d->steps[i];
		int a = case_name_index(s->action, CASE_ACTION, NULL);
		grid_row(&g);
		case_put_date(&g, 0, &s->date);
		if (a >= 0)
			grid_setf(&g, 1, "%s %s", CASE_ACTION_ZH[a], s->action);
		else
			grid_set(&g, 1, s->action);
		grid_set(&g, 2, s->dept);
		grid_set(&g, 3, s->note);
		if (s->rating)
			grid_setf(&g, 4, "%d", s->rating);
		grid_set(&g, 5, s->who);
	}
	cli_section(x->cli->out, "办理过程", &g);
	grid_release(&g);
}

static void show_history(struct cctx *x, const struct case_detail *d)
{
	static const char *const K[4] = { "at", "who", "date", "note" };
	static const char *const H[4] = { "时间", "经办人", "日期", "变更" };
	struct grid g;

	grid_init(&g, 4, K, H);
	for (size_t i = 0; i < d->nhistory; i++) {
		grid_row(&g);
		grid_set(&g, 0, d->history[i].at);
		grid_set(&g, 1, d->history[i].who);
		grid_set(&g, 2, d->history[i].date);
		char *zh = x->cli->msg_lang == KFQ_ZH ? case_history_note_zh(d->history[i].note) : NULL;
		grid_set(&g, 3, zh ? zh : d->history[i].note);
		free(zh);
	}
	cli_section(x->cli->out, "变更记录", &g);
	grid_release(&g);
}

int case_sub_show(struct cctx *x)
{
	struct case_show_req q = { .code = x->a->h.pos[0], .with_contacts = x->a->with_contacts };
	struct case_detail d;

	if (case_show(&x->cli->cx, x->cli->db, &q, &d, &x->cli->err) < 0) {
		case_detail_release(&d);
		return x->cli->err.kind == KFQ_EFAULT ? -1 : case_fail(x);
	}
	show_attributes(x, &d);
	if (x->f == GRID_TABLE) {
		show_timeline(x, &d);
		show_history(x, &d);
	}
	case_detail_release(&d);
	return 0;
}
