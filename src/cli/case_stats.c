/* case_stats.c: kfq case stats --period P [--by dept|category]
 * [--campaign X]: how the problems were handled, in total or per
 * department or category: raised, resolved, the resolution and on-time
 * rates, the median days to resolve, those overdue at the period's end,
 * satisfaction and reopen rates. The counts are those the published
 * figures count (cases_raised: raised in the period, merged ones excluded;
 * cases_resolved and cases_on_time: resolved in the period, by the
 * deadline or not), so the total agrees with kfq show; the breakdowns,
 * which are not indicators, are read from the case records here. The
 * dispatcher and the shared helpers are case.c's (case_cmd.h). Depends on
 * libkfq. */
#include "cli/case_cmd.h"
#include "base/period.h"
#include "base/xalloc.h"

#include <stdlib.h>
#include <string.h>

/* Every case of the campaign (all with ?2 NULL): the columns C_RAISED ... */
enum { C_RAISED, C_RESOLVED, C_DEADLINE, C_RATING, C_STATUS, C_DEPT, C_CAT, C_REOPENED,
       C_OVERDUE };
static const char SQL_CASES[] =
	"SELECT k.raised, k.resolved, k.deadline, k.rating, k.status, k.dept, k.category, "
	"EXISTS (SELECT 1 FROM case_event e WHERE e.case_id = k.id AND e.action = 'reopen'), "
	"CASE WHEN " CASE_OPEN_AT " AND k.deadline < ?1 THEN 1 ELSE 0 END "
	"FROM kase k WHERE ?2 IS NULL OR k.campaign = ?2 ORDER BY k.code";

struct group {
	char *name;          /* NULL: the total */
	int64_t raised, resolved, on_time, overdue, rated, satisfied, reopened;
	long *days;          /* days to resolve, one per resolved case */
	size_t ndays, cap;
};

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

static struct group *group_of(struct group **v, size_t *n, size_t *cap, const char *name)
{
	for (size_t i = 0; i < *n; i++)
		if (strcmp((*v)[i].name, name) == 0)
			return &(*v)[i];
	XGROW(*v, *n + 1, *cap);
	memset(&(*v)[*n], 0, sizeof **v);
	(*v)[*n].name = xstrdup(name);
	return &(*v)[(*n)++];
}

static void count(struct group *g, struct kfq_stmt *st, const char *from, const char *to)
{
	const char *raised = st_text(st, C_RAISED);
	const char *res = st_text(st, C_RESOLVED);
	const char *deadline = st_text(st, C_DEADLINE);
	const char *status = st_text(st, C_STATUS);
	if (strcmp(raised, from) >= 0 && strcmp(raised, to) <= 0 && strcmp(status, "merged") != 0)
		g->raised++;
	if (res && strcmp(res, from) >= 0 && strcmp(res, to) <= 0) {
		g->resolved++;
		g->on_time += strcmp(res, deadline) <= 0;
		if (!st_null(st, C_RATING)) {
			g->rated++;
			g->satisfied += st_int(st, C_RATING) >= 4;
		}
		g->reopened += st_int(st, C_REOPENED);
		XGROW(g->days, g->ndays + 1, g->cap);
		g->days[g->ndays++] = case_days(raised, res);
	}
	g->overdue += st_int(st, C_OVERDUE);
}

static int cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;
	return (x > y) - (x < y);
}

static void put_group(const struct cctx *x, struct grid *g, struct group *r, int kv)
{
	int64_t v[G_N] = { 0, r->raised, r->resolved, 0, 0, 0, r->overdue, 0, 0 };
	struct grid row;
	struct grid *o = kv ? &row : g;
	if (kv)
		grid_init(&row, G_N, G_KEYS, G_KEYS);
	grid_row(o);
	grid_set(o, G_GROUP, r->name ? r->name : x->f == GRID_TABLE ? "合计" : "total");
	for (int k = G_RAISED; k <= G_OVERDUE; k++)
		if (k != G_RATE && k != G_ONTIME && k != G_MEDIAN)
			grid_setf(o, (size_t)k, "%lld", (long long)v[k]);
	case_put_rate(o, G_RATE, r->resolved, r->raised);
	case_put_rate(o, G_ONTIME, r->on_time, r->resolved);
	case_put_rate(o, G_SATISFIED, r->satisfied, r->rated);
	case_put_rate(o, G_REOPEN, r->reopened, r->resolved);
	if (r->ndays) {
		long a, b;
		qsort(r->days, r->ndays, sizeof *r->days, cmp_long);
		a = r->days[(r->ndays - 1) / 2];
		b = r->days[r->ndays / 2];
		grid_setf(o, G_MEDIAN, "%ld.%d", (a + b) / 2, (a + b) % 2 ? 5 : 0);
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

int case_sub_stats(struct cctx *x)
{
	static const char *const KV[2] = { "figure", "value" }, *const KV_ZH[2] = { "指标", "数值" };
	const char *by = x->a->by == 0 ? "dept" : x->a->by == 1 ? "category" : NULL;
	const char *campaign = x->a->campaign;
	struct group total = { 0 }, *groups = NULL;
	size_t ngroups = 0, cap = 0;
	const char *heads[G_N];
	char from[16], to[16], label[64];
	struct period p = x->a->period;
	struct kfq_stmt *st;
	struct grid g;
	int rc, kv;

	if (!p.year)
		return kfq_error(&x->cli->err, "case stats: --period is required (%s)", PERIOD_FORMS);
	snprintf(from, sizeof from, "%04d-%02d-01", p.year, p.first);
	snprintf(to, sizeof to, "%04d-%02d-%02d", p.year, p.last, date_month_days(p.year, p.last));
	if (db_prepare(x->cli->db, SQL_CASES, &st, &x->cli->err) < 0)
		return -1;
	st_bind_text(st, 1, to);
	if (campaign)
		st_bind_text(st, 2, campaign);
	while ((rc = st_step(st)) == ST_ROW) {
		count(&total, st, from, to);
		if (by) {
			const char *name = st_text(st, *by == 'd' ? C_DEPT : C_CAT);
			if (*by == 'c')
				name = case_text(x, name, CASE_CATEGORY, CASE_CATEGORY_ZH);
			count(group_of(&groups, &ngroups, &cap, name ? name : x->f == GRID_TABLE
			               ? "(未交办)" : ""), st, from, to);
		}
	}
	st_finalize(st);
	if (rc != ST_DONE) {
		rc = db_fault(x->cli->db, &x->cli->err, "reading cases");
		goto done;
	}
	rc = 0;
	kv = x->f == GRID_TABLE && !by;
	memcpy(heads, G_HEADS, sizeof heads);
	if (by)
		heads[G_GROUP] = *by == 'd' ? "责任部门" : "类别";
	grid_init(&g, kv ? 2 : G_N, kv ? KV : G_KEYS, kv ? KV_ZH : x->f == GRID_TABLE ? heads : G_KEYS);
	for (size_t k = kv ? 1 : G_RAISED; k < (kv ? 2 : G_N); k++)
		grid_numeric(&g, k);
	for (size_t i = 0; i < ngroups; i++)
		if (groups[i].raised || groups[i].resolved || groups[i].overdue)
			put_group(x, &g, &groups[i], 0);
	put_group(x, &g, &total, kv);
	if (x->f == GRID_TABLE) {
		period_label_zh(&p, label, sizeof label);
		fprintf(x->cli->out, "问题办理（%s%s%s）\n\n", label, campaign ? "，" : "",
		        campaign ? campaign : "");
	}
	grid_write(&g, x->f, x->cli->out);
	grid_release(&g);
done:
	for (size_t i = 0; i < ngroups; i++) {
		free(groups[i].name);
		free(groups[i].days);
	}
	free(groups);
	free(total.days);
	return rc;
}
