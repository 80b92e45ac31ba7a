/* case_grid.c: the cases as grids: the list, one case, the stats (see
 * case_grid.h). */
#include "report/case_grid.h"
#include "base/dec.h"
#include "case/case.h"

#include <stdio.h>
#include <string.h>

enum { L_CODE, L_RAISED, L_CAT, L_PRI, L_DEPT, L_STATUS, L_DEADLINE, L_DAYS, L_ENT, L_HH, L_N };
static const char *const L_KEYS[L_N] = {
	"code", "raised", "category", "priority", "dept", "status", "deadline", "days_overdue",
	"enterprise", "household",
};
static const char *const L_HEADS[L_N] = {
	"问题编号", "提出日期", "类别", "优先级", "责任部门", "状态", "办结时限", "超期天数", "企业",
	"群众",
};

static const char *text(int people, const char *s, const char *const *en, const char *const *zh)
{
	int i = case_name_index(s, en, NULL);
	return i >= 0 && people ? zh[i] : s;
}

static void put_date(struct grid *g, size_t col, const struct date *d)
{
	char buf[16];
	if (!d->year)
		return;
	date_format(d, buf, sizeof buf);
	grid_set(g, col, buf);
}

void case_list_grid(const struct case_list *l, int people, struct grid *g)
{
	grid_init(g, L_N, L_KEYS, people ? L_HEADS : L_KEYS);
	grid_numeric(g, L_DAYS);
	for (size_t i = 0; i < l->n; i++) {
		const struct case_list_row *r = &l->v[i];
		const struct case_party *p = &r->party;
		grid_row(g);
		grid_set(g, L_CODE, r->code);
		put_date(g, L_RAISED, &r->raised);
		grid_set(g, L_CAT, text(people, r->category, CASE_CATEGORY, CASE_CATEGORY_ZH));
		grid_set(g, L_PRI, text(people, r->priority, CASE_PRIORITY, CASE_PRIORITY_ZH));
		grid_set(g, L_DEPT, r->dept);
		grid_set(g, L_STATUS, text(people, r->status, CASE_STATUS, CASE_STATUS_ZH));
		put_date(g, L_DEADLINE, &r->deadline);
		if (r->overdue)
			grid_setf(g, L_DAYS, "%ld", r->days_overdue);
		if (people) {
			if (p->unit)
				grid_setf(g, L_ENT, "%s %s", p->unit, p->unit_name ? p->unit_name : "");
			if (p->household)
				grid_setf(g, L_HH, "%s %s", p->household, p->community ? p->community : "");
		} else {
			grid_set(g, L_ENT, p->unit);
			grid_set(g, L_HH, p->household);
		}
	}
}

/* ---- one case ---- */

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

/* The attribute k of the case as shown, into buf when it is made here;
 * NULL when it has none. */
static const char *attribute(const struct case_detail *d, int people, int k, char *buf,
                             size_t n)
{
	const struct date *day = k == A_RAISED ? &d->raised : k == A_DEADLINE ? &d->deadline
	                         : k == A_RESOLVED ? &d->resolved : NULL;
	const char *const v[A_N] = {
		[A_CODE] = d->code, [A_VISIT] = d->visit, [A_ENT] = d->party.unit,
		[A_HH] = d->party.household, [A_HEAD] = d->head, [A_ADDRESS] = d->address,
		[A_PHONE] = d->phone, [A_CAMPAIGN] = d->campaign, [A_DESC] = d->description,
		[A_BY] = d->raised_by, [A_DEPT] = d->dept, [A_MERGED] = d->merged_into,
		[A_CHANNEL] = text(people, d->channel, CASE_CHANNEL, CASE_CHANNEL_ZH),
		[A_CAT] = text(people, d->category, CASE_CATEGORY, CASE_CATEGORY_ZH),
		[A_PRI] = text(people, d->priority, CASE_PRIORITY, CASE_PRIORITY_ZH),
		[A_STATUS] = text(people, d->status, CASE_STATUS, CASE_STATUS_ZH),
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

void case_detail_grid(const struct case_detail *d, int people, struct grid *g)
{
	static const char *const KV[2] = { "attribute", "value" }, *const KV_ZH[2] = { "项目", "内容" };

	grid_init(g, people ? 2 : A_N, people ? KV : A_KEYS, people ? KV_ZH : A_KEYS);
	if (!people) {
		grid_numeric(g, A_RATING);
		grid_row(g);
	}
	for (int k = 0; k < A_N; k++) {
		char buf[32];
		const char *v = attribute(d, people, k, buf, sizeof buf);
		if (!people) {
			grid_set(g, (size_t)k, v);
			continue;
		}
		if (!v)
			continue;
		grid_row(g);
		grid_set(g, 0, A_HEADS[k]);
		if (k == A_ENT)
			grid_setf(g, 1, "%s %s", v, d->party.unit_name ? d->party.unit_name : "");
		else if (k == A_HH)
			grid_setf(g, 1, "%s %s", v, d->party.community ? d->party.community : "");
		else
			grid_set(g, 1, v);
	}
}

/* ---- how a period's problems were handled ---- */

enum { G_GROUP, G_RAISED, G_RESOLVED, G_RATE, G_ONTIME, G_MEDIAN, G_OVERDUE, G_SATISFIED,
       G_REOPEN, G_N };
static const char *const G_KEYS[G_N] = {
	"group", "raised", "resolved", "resolution_rate", "on_time_rate", "median_days", "overdue",
	"satisfaction_rate", "reopen_rate",
};
static const char *const G_HEADS[G_N] = {
	"分组", "收集问题", "解决问题", "解决率(%)", "按期解决率(%)", "办结天数中位数", "超期未办结",
	"满意率(%)", "重办率(%)",
};

/* The rate with its one decimal; empty when it is not known. */
static void put_rate(struct grid *g, size_t col, const struct case_rate *r)
{
	char buf[32];
	if (!r->known)
		return;
	dec_format_tenths(r->tenths, buf, sizeof buf);
	grid_set(g, col, buf);
}

/* A group's name as shown; the total's when total is set. */
static const char *group_name(const struct case_stats_group *r, int by, int people, int total)
{
	if (total)
		return people ? "合计" : "total";
	if (!r->name)
		return people ? "(未交办)" : "";
	return by == CASE_BY_CATEGORY ? text(people, r->name, CASE_CATEGORY, CASE_CATEGORY_ZH)
	       : r->name;
}

/* A group's row of g, or with kv the total as figure / value pairs. */
static void put_group(struct grid *g, const struct case_stats_group *r, int by, int people,
                      int total, int kv)
{
	struct grid row;
	struct grid *o = kv ? &row : g;
	if (kv)
		grid_init(&row, G_N, G_KEYS, G_KEYS);
	grid_row(o);
	grid_set(o, G_GROUP, group_name(r, by, people, total));
	grid_setf(o, G_RAISED, "%lld", (long long)r->raised);
	grid_setf(o, G_RESOLVED, "%lld", (long long)r->resolved);
	grid_setf(o, G_OVERDUE, "%lld", (long long)r->overdue);
	put_rate(o, G_RATE, &r->resolution);
	put_rate(o, G_ONTIME, &r->on_time_rate);
	put_rate(o, G_SATISFIED, &r->satisfaction);
	put_rate(o, G_REOPEN, &r->reopen);
	if (r->has_median) {
		char buf[32];
		dec_format_tenths(r->median_days, buf, sizeof buf);
		grid_set(o, G_MEDIAN, buf);
	}
	if (kv) {   /* the one row as figure / value pairs */
		for (int k = G_RAISED; k < G_N; k++) {
			grid_row(g);
			grid_set(g, 0, G_HEADS[k]);
			grid_set(g, 1, row.cells[(size_t)k]);
		}
		grid_release(&row);
	}
}

void case_stats_grid(const struct case_stats *s, int by, int people, struct grid *g)
{
	static const char *const KV[2] = { "figure", "value" }, *const KV_ZH[2] = { "指标", "数值" };
	const int kv = people && by == CASE_BY_NONE;
	const char *heads[G_N];

	memcpy(heads, G_HEADS, sizeof heads);
	if (by != CASE_BY_NONE)
		heads[G_GROUP] = by == CASE_BY_DEPT ? "责任部门" : "类别";
	grid_init(g, kv ? 2 : G_N, kv ? KV : G_KEYS, kv ? KV_ZH : people ? heads : G_KEYS);
	for (size_t k = kv ? 1 : G_RAISED; k < (kv ? 2 : G_N); k++)
		grid_numeric(g, k);
	for (size_t i = 0; i < s->ngroups; i++)
		put_group(g, &s->groups[i], by, people, 0, 0);
	put_group(g, &s->total, by, people, 1, kv);
}

/* ---- the cases to chase (督办) ---- */

enum { O_DEPT, O_CODE, O_CAT, O_RAISED, O_DEADLINE, O_DAYS, O_ENT, O_HH, O_ACTION, O_N };
static const char *const O_KEYS[O_N] = {
	"dept", "code", "category", "raised", "deadline", "days_overdue", "enterprise", "household",
	"action",
};
static const char *const O_HEADS[O_N] = {
	"责任部门", "问题编号", "类别", "提出日期", "办结时限", "超期天数", "企业", "群众", "督办",
};

#define ESCALATE "报督查部门督办"   /* escalate to the supervising office */
#define UNASSIGNED "(未交办)"

void case_overdue_grid(const struct case_overdue *o, int people, struct grid *g)
{
	grid_init(g, O_N, O_KEYS, people ? O_HEADS : O_KEYS);
	grid_numeric(g, O_DAYS);
	for (size_t i = 0; i < o->n; i++) {
		const struct case_overdue_row *r = &o->v[i];
		const struct case_overdue_dept *d = &o->depts[r->dept];
		const struct case_party *p = &r->party;
		grid_row(g);
		grid_set(g, O_DEPT, d->dept ? d->dept : people ? UNASSIGNED : NULL);
		grid_set(g, O_CODE, r->code);
		grid_set(g, O_CAT, text(people, r->category, CASE_CATEGORY, CASE_CATEGORY_ZH));
		put_date(g, O_RAISED, &r->raised);
		put_date(g, O_DEADLINE, &r->deadline);
		grid_setf(g, O_DAYS, "%ld", r->days_overdue);
		if (people) {
			if (p->unit)
				grid_setf(g, O_ENT, "%s %s", p->unit, p->unit_name ? p->unit_name : "");
			if (p->household)
				grid_setf(g, O_HH, "%s %s", p->household, p->community ? p->community : "");
		} else {
			grid_set(g, O_ENT, p->unit);
			grid_set(g, O_HH, p->household);
		}
		if (r->urge == CASE_DUE_SOON)
			grid_set(g, O_ACTION, people ? "即将到期" : "due soon");
		else if (r->urge == CASE_ESCALATE && d->supervisor)
			grid_setf(g, O_ACTION, people ? "报%s督办" : "escalate to %s", d->supervisor);
		else if (r->urge == CASE_ESCALATE)
			grid_set(g, O_ACTION, people ? ESCALATE : "escalate");
	}
}

void case_overdue_depts_grid(const struct case_overdue *o, struct grid *g)
{
	static const char *const K[4] = { "dept", "overdue", "escalate", "action" };
	static const char *const H[4] = { "责任部门", "超期", "超期逾N天", "督办" };
	char head[32];
	const char *heads[4] = { H[0], H[1], head, H[3] };
	snprintf(head, sizeof head, "超期逾%ld天", o->days);
	grid_init(g, 4, K, heads);
	grid_numeric(g, 1);
	grid_numeric(g, 2);
	for (size_t i = 0; i < o->ndepts; i++) {
		const struct case_overdue_dept *d = &o->depts[i];
		grid_row(g);
		grid_set(g, 0, d->dept ? d->dept : UNASSIGNED);
		grid_setf(g, 1, "%d", d->overdue);
		grid_setf(g, 2, "%d", d->escalate);
		if (d->escalate && d->supervisor)
			grid_setf(g, 3, "报%s督办", d->supervisor);
		else if (d->escalate)
			grid_set(g, 3, ESCALATE);
	}
}

/* ---- the visits (走访) ---- */

enum { V_PERIOD, V_ENT, V_HH, V_VISITS, V_CASES, V_N };
static const char *const V_KEYS[V_N] = {
	"period", "enterprises", "households", "visits", "cases_raised",
};
static const char *const V_HEADS[V_N] = {
	"期间", "走访企业(家)", "走访群众(户)", "走访(次)", "收集问题(件)",
};

void visit_stats_grid(const struct visit_counts *n, const struct period *p, int people,
                      struct grid *g)
{
	static const char *const KV[2] = { "figure", "value" }, *const KV_ZH[2] = { "指标", "数值" };
	const int64_t v[V_N] = { 0, n->enterprises, n->households, n->visits, n->cases_raised };
	char label[64];
	if (people) {
		grid_init(g, 2, KV, KV_ZH);
		grid_numeric(g, 1);
		for (int k = V_ENT; k < V_N; k++) {
			grid_row(g);
			grid_set(g, 0, V_HEADS[k]);
			grid_setf(g, 1, "%lld", (long long)v[k]);
		}
		return;
	}
	grid_init(g, V_N, V_KEYS, V_KEYS);
	grid_row(g);
	period_format(p, label, sizeof label);
	grid_set(g, V_PERIOD, label);
	for (int k = V_ENT; k < V_N; k++) {
		grid_numeric(g, (size_t)k);
		grid_setf(g, (size_t)k, "%lld", (long long)v[k]);
	}
}

