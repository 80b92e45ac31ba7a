/* case_stats.c: kfq case stats --period P [--by dept|category]
 * [--campaign X]: how the problems were handled (case_stats), in total or
 * per department or category: raised, resolved, the resolution and
 * on-time rates, the median days to resolve, those overdue at the
 * period's end, satisfaction and reopen rates; the total in a table as
 * figure / value pairs. The dispatcher and the shared helpers are
 * case.c's (case_cmd.h). Depends on libkfq. */
#include "cli/case_cmd.h"
#include "base/dec.h"
#include "base/period.h"

#include <string.h>

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

/* A group's name as the format shows it; the total's when name is NULL. */
static const char *group_name(const struct cctx *x, const struct case_stats_group *r, int total)
{
	if (total)
		return x->f == GRID_TABLE ? "合计" : "total";
	if (!r->name)
		return x->f == GRID_TABLE ? "(未交办)" : "";
	return x->a->by == CASE_BY_CATEGORY ? case_text(x, r->name, CASE_CATEGORY, CASE_CATEGORY_ZH)
	       : r->name;
}

/* A group's row of g, or with kv the total as figure / value pairs. */
static void put_group(const struct cctx *x, struct grid *g, const struct case_stats_group *r,
                      int total, int kv)
{
	struct grid row;
	struct grid *o = kv ? &row : g;
	if (kv)
		grid_init(&row, G_N, G_KEYS, G_KEYS);
	grid_row(o);
	grid_set(o, G_GROUP, group_name(x, r, total));
	grid_setf(o, G_RAISED, "%lld", (long long)r->raised);
	grid_setf(o, G_RESOLVED, "%lld", (long long)r->resolved);
	grid_setf(o, G_OVERDUE, "%lld", (long long)r->overdue);
	case_put_rate(o, G_RATE, &r->resolution);
	case_put_rate(o, G_ONTIME, &r->on_time_rate);
	case_put_rate(o, G_SATISFIED, &r->satisfaction);
	case_put_rate(o, G_REOPEN, &r->reopen);
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

int case_sub_stats(struct cctx *x)
{
	static const char *const KV[2] = { "figure", "value" }, *const KV_ZH[2] = { "指标", "数值" };
	struct case_stats_req q = { .period = x->a->period, .by = x->a->by,
	                            .campaign = x->a->campaign };
	const char *heads[G_N];
	struct case_stats s;
	char label[64];
	struct grid g;
	int kv;

	if (!q.period.year)
		return kfq_error(&x->cli->err, "case stats: --period is required (%s)", PERIOD_FORMS);
	if (case_stats(&x->cli->cx, x->cli->db, &q, &s, &x->cli->err) < 0) {
		case_stats_release(&s);
		return x->cli->err.kind == KFQ_EFAULT ? -1 : case_fail(x);
	}
	kv = x->f == GRID_TABLE && q.by == CASE_BY_NONE;
	memcpy(heads, G_HEADS, sizeof heads);
	if (q.by != CASE_BY_NONE)
		heads[G_GROUP] = q.by == CASE_BY_DEPT ? "责任部门" : "类别";
	grid_init(&g, kv ? 2 : G_N, kv ? KV : G_KEYS, kv ? KV_ZH : x->f == GRID_TABLE ? heads : G_KEYS);
	for (size_t k = kv ? 1 : G_RAISED; k < (kv ? 2 : G_N); k++)
		grid_numeric(&g, k);
	for (size_t i = 0; i < s.ngroups; i++)
		put_group(x, &g, &s.groups[i], 0, 0);
	put_group(x, &g, &s.total, 1, kv);
	if (x->f == GRID_TABLE) {
		period_label_zh(&q.period, label, sizeof label);
		fprintf(x->cli->out, "问题办理（%s%s%s）\n\n", label, q.campaign ? "，" : "",
		        q.campaign ? q.campaign : "");
	}
	grid_write(&g, x->f, x->cli->out);
	grid_release(&g);
	case_stats_release(&s);
	return 0;
}
