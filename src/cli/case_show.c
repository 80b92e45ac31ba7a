/* case_show.c: kfq case show CODE: one case in full (case_show): its
 * attributes and, in the table format, its timeline (every step with its
 * date, department, note, rating and who) and its change history. A
 * household's phone number is asked for only with --show-phone. The
 * dispatcher and the shared helpers are case.c's (case_cmd.h). Depends on
 * libkfq. */
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

/* The attribute k of the case as the format shows it, into buf when it is
 * made here; NULL when it has none. */
static const char *attribute(const struct cctx *x, const struct case_detail *d, int k,
                             char *buf, size_t n)
{
	const struct date *day = k == A_RAISED ? &d->raised : k == A_DEADLINE ? &d->deadline
	                         : k == A_RESOLVED ? &d->resolved : NULL;
	const char *const v[A_N] = {
		[A_CODE] = d->code, [A_VISIT] = d->visit, [A_ENT] = d->party.unit,
		[A_HH] = d->party.household, [A_HEAD] = d->head, [A_ADDRESS] = d->address,
		[A_PHONE] = d->phone, [A_CAMPAIGN] = d->campaign, [A_DESC] = d->description,
		[A_BY] = d->raised_by, [A_DEPT] = d->dept, [A_MERGED] = d->merged_into,
		[A_CHANNEL] = case_text(x, d->channel, CASE_CHANNEL, CASE_CHANNEL_ZH),
		[A_CAT] = case_text(x, d->category, CASE_CATEGORY, CASE_CATEGORY_ZH),
		[A_PRI] = case_text(x, d->priority, CASE_PRIORITY, CASE_PRIORITY_ZH),
		[A_STATUS] = case_text(x, d->status, CASE_STATUS, CASE_STATUS_ZH),
	};
	if (day) {
		if (!day->year)
			return NULL;
		date_format(day, buf, n);
		return buf;
	}
	if (k == A_RATING) {
		if (!d->rating)
			return NULL;
		snprintf(buf, n, "%d", d->rating);
		return buf;
	}
	return v[k];
}

static void show_attributes(struct cctx *x, const struct case_detail *d)
{
	static const char *const KV[2] = { "attribute", "value" }, *const KV_ZH[2] = { "项目", "内容" };
	int table = x->f == GRID_TABLE;
	struct grid g;

	grid_init(&g, table ? 2 : A_N, table ? KV : A_KEYS, table ? KV_ZH : A_KEYS);
	if (!table) {
		grid_numeric(&g, A_RATING);
		grid_row(&g);
	}
	for (int k = 0; k < A_N; k++) {
		char buf[32];
		const char *v = attribute(x, d, k, buf, sizeof buf);
		if (!table) {
			grid_set(&g, (size_t)k, v);
			continue;
		}
		if (!v)
			continue;
		grid_row(&g);
		grid_set(&g, 0, A_HEADS[k]);
		if (k == A_ENT)
			grid_setf(&g, 1, "%s %s", v, d->party.unit_name ? d->party.unit_name : "");
		else if (k == A_HH)
			grid_setf(&g, 1, "%s %s", v, d->party.community ? d->party.community : "");
		else
			grid_set(&g, 1, v);
	}
	if (table)
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
		grid_set(&g, 3, d->history[i].note);
	}
	cli_section(x->cli->out, "变更记录", &g);
	grid_release(&g);
}

int case_sub_show(struct cctx *x)
{
	struct case_show_req q = { .code = x->a->h.pos[0], .with_phone = x->a->show_phone };
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
