/* quality_grid.c: the tables of data quality (see quality_grid.h).
 * Depends on base, report/grid and quality/finding. */
#include "report/quality_grid.h"
#include "base/sbuf.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

void finding_grid(const struct finding_list *l, int zh, struct grid *g)
{
	static const char *const KEYS[] = { "id", "rule", "severity", "unit", "name", "period",
	                                    "status", "detail" };
	static const char *const HEADS[] = { "编号", "规则", "级别", "单位", "名称", "期间", "状态",
	                                     "说明" };
	grid_init(g, 8, KEYS, zh ? HEADS : NULL);
	grid_numeric(g, 0);
	for (size_t i = 0; i < l->n; i++) {
		const struct finding *f = &l->v[i];
		grid_row(g);
		grid_setf(g, 0, "%" PRId64, f->id);
		grid_set(g, 1, f->rule);
		grid_set(g, 2, f->severity);
		grid_set(g, 3, f->unit);
		grid_set(g, 4, f->unit_name);
		grid_setf(g, 5, "%04d-%02d", f->year, f->month);
		grid_set(g, 6, f->status);
		grid_set(g, 7, zh && f->detail_zh ? f->detail_zh : f->detail);
	}
}

/* A field of a rules file line, quoted when it must be. */
static void csv_field(struct sbuf *sb, const char *s)
{
	if (!strpbrk(s, ",\"\r\n")) {
		sbuf_adds(sb, s);
		return;
	}
	sbuf_addc(sb, '"');
	for (; *s; s++) {
		if (*s == '"')
			sbuf_addc(sb, '"');
		sbuf_addc(sb, *s);
	}
	sbuf_addc(sb, '"');
}

/* v in ind's measure with two more decimals than it shows. */
static void show_in(const struct indicator *ind, dec v, char *buf, size_t n)
{
	int len = dec_format(v, ind->measure->shift, ind->decimals + 2, buf, n);
	if (len > 0 && (size_t)len < n)
		snprintf(buf + len, n - (size_t)len, " %s", ind->measure->name);
}

/* A sample value: a ratio (at 10^8), or as the rule shows its left side. */
static void show_sample(const struct finding_explanation *e, dec v, char *buf, size_t n)
{
	const struct rule *r = e->rule;
	if (e->x.ratio_sample)
		dec_format(v, 4, 4, buf, n);
	else if (r->shown && formula_degree(r->left) == 1)
		show_in(r->shown, v, buf, n);
	else
		dec_format(v, 0, 4, buf, n);
}

static void row3(struct grid *g, const char *a, const char *b, const char *c)
{
	grid_row(g);
	grid_set(g, 0, a);
	grid_set(g, 1, b);
	grid_set(g, 2, c);
}

void finding_explain_grid(const struct finding_explanation *e, int zh, struct grid *g)
{
	static const char *const KEYS[] = { "part", "item", "value" };
	static const char *const HEADS[] = { "部分", "项目", "数值" };
	const struct finding *f = &e->l.v[0];
	const struct rule *r = e->rule;
	const struct check_explain *x = &e->x;
	const struct unit *un = &e->m.units.v[x->res.unit];
	struct sbuf sb;
	char buf[128], period[16];
	size_t nsample = 0;

	grid_init(g, 3, KEYS, zh ? HEADS : NULL);
	grid_row(g);
	grid_set(g, 0, zh ? "问题" : "finding");
	grid_setf(g, 1, "%" PRId64, f->id);
	grid_setf(g, 2, "%s: %s", f->status, zh && f->detail_zh ? f->detail_zh : f->detail);
	sbuf_init(&sb);
	{
		const char *v[] = { r->code, rule_severity_name(r->severity), r->left_text,
		                    rule_op_name(r->op), r->right_text, r->kind ? r->kind : "",
		                    r->group ? r->group : "", r->industry ? r->industry : "",
		                    r->months_text, r->params_text, r->message };
		for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
			if (i)
				sbuf_addc(&sb, ',');
			csv_field(&sb, v[i]);
		}
	}
	row3(g, zh ? "规则" : "rule", r->code, sb.buf);
	sbuf_release(&sb);
	row3(g, zh ? "单位" : "unit", un->code, un->name);
	snprintf(period, sizeof period, "%04d-%02d", f->year, f->month);
	row3(g, zh ? "期间" : "period", period, "");
	if (!x->applies) {
		row3(g, zh ? "结论" : "verdict", "",
		     zh ? "规则现已不适用于该单位该月" : "the rule does not apply to "
		     "this unit's month now");
		return;
	}
	for (int side = 0; side < 2; side++) {
		const char *text = side ? r->right_text : r->left_text;
		if (!*text)
			continue;
		row3(g, side ? (zh ? "右式" : "right") : (zh ? "左式" : "left"), text,
		     side ? x->right_value : x->left_value);
		for (size_t i = 0; i < x->n; i++) {
			const struct check_operand *o = &x->v[i];
			char where[256];
			if (o->side != side)
				continue;
			snprintf(where, sizeof where, "%s (%s %04d-%02d)", o->label,
			         e->m.units.v[o->unit].code, o->year, o->month);
			if (o->has)
				show_in(o->ind, o->v, buf, sizeof buf);
			else
				snprintf(buf, sizeof buf, "%s", zh ? "无数据" : "no value");
			row3(g, zh ? "运算项" : "operand", where, buf);
		}
	}
	if (r->op == ROP_RATIO && x->checked)
		row3(g, zh ? "比值" : "ratio", x->subject, x->left);
	for (size_t i = 0; i < x->n; i++) {
		const struct check_operand *o = &x->v[i];
		if (o->side != 2)
			continue;
		show_sample(e, o->v, buf, sizeof buf);
		row3(g, r->op == ROP_PEER ? (zh ? "同类单位" : "peer")
		        : (zh ? "历史" : "history"), o->label, buf);
		nsample++;
	}
	if (!x->checked) {
		snprintf(buf, sizeof buf, zh ? "未检查：一侧无数据，或历史/同类单位不足（%zu 个，至少 %d 个）"
		         : "not checked now: a side without value, or too little history or too few "
		         "peers (%zu, at least %d)", nsample, r->min);
		row3(g, zh ? "结论" : "verdict", "", buf);
		return;
	}
	row3(g, zh ? "应为" : "expected", "", zh ? x->expected_zh : x->expected);
	row3(g, zh ? "结论" : "verdict",
	     x->res.failed ? (zh ? "不通过" : "fails") : (zh ? "通过" : "passes"),
	     zh ? x->off_zh : x->off);
}

void finding_show_grid(const struct finding *f, int zh, struct grid *g)
{
	static const char *const KEYS[] = { "field", "value" };
	static const char *const HEADS[] = { "项目", "内容" };
	const char *const rows[][2] = {
		{ "rule", f->rule }, { "severity", f->severity }, { "unit", f->unit },
		{ "name", f->unit_name }, { "status", f->status },
		{ "detail", zh && f->detail_zh ? f->detail_zh : f->detail },
		{ "opened_at", f->opened_at }, { "opened_by", f->opened_by },
		{ "closed_at", f->closed_at }, { "closed_by", f->closed_by },
		{ "closed_how", f->closed_how }, { "note", f->note },
	};
	grid_init(g, 2, KEYS, zh ? HEADS : NULL);
	grid_row(g);
	grid_set(g, 0, "id");
	grid_setf(g, 1, "%" PRId64, f->id);
	grid_row(g);
	grid_set(g, 0, "period");
	grid_setf(g, 1, "%04d-%02d", f->year, f->month);
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		grid_row(g);
		grid_set(g, 0, rows[i][0]);
		grid_set(g, 1, rows[i][1]);
	}
	if (f->import_id) {
		grid_row(g);
		grid_set(g, 0, "import");
		grid_setf(g, 1, "%" PRId64, f->import_id);
	}
}

void approval_grid(const struct approval_tree *t, int zh, int indent, struct grid *g)
{
	static const char *const KEYS[] = { "unit", "name", "state", "who", "at", "blocks" };
	static const char *const HEADS[] = { "单位", "名称", "状态", "经办人", "时间", "待办" };

	grid_init(g, 6, KEYS, zh ? HEADS : NULL);
	for (size_t i = 0; i < t->n; i++) {
		const struct approval_row *r = &t->v[i];
		grid_row(g);
		if (indent)
			grid_setf(g, 0, "%*s%s", 2 * r->depth, "", t->units.v[r->unit].code);
		else
			grid_set(g, 0, t->units.v[r->unit].code);
		grid_set(g, 1, t->units.v[r->unit].name);
		grid_set(g, 2, zh ? APPROVAL_STATE_ZH[r->state] : APPROVAL_STATE[r->state]);
		grid_set(g, 3, r->who);
		grid_set(g, 4, r->at);
		grid_set(g, 5, r->blocks);
	}
}

static void pub_value_text(const struct indicator *in, int has, dec v, char *buf, size_t n)
{
	if (has)
		dec_format(v, in->measure->shift, in->decimals, buf, n);
	else
		buf[0] = '\0';
}

void revision_changes_grid(const struct kfq_model *m, const struct pub_report *r, int zh,
                           struct grid *g)
{
	static const char *const KEYS[] = { "unit", "indicator", "figure", "measure", "from", "old",
	                                    "to", "new", "at", "who", "reason" };
	static const char *const HEADS[] = { "单位", "指标", "数", "计量单位", "原版", "原值", "新版",
	                                     "新值", "时间", "经办人", "原因" };
	char buf[64];

	grid_init(g, 11, KEYS, zh ? HEADS : NULL);
	for (size_t i = 0; i < r->nchanges; i++) {
		const struct pub_change *c = &r->changes[i];
		const struct indicator *in = &m->inds.v[c->ind];
		grid_row(g);
		grid_set(g, 0, m->units.v[c->unit].code);
		grid_set(g, 1, in->code);
		grid_set(g, 2, c->ytd ? "ytd" : "value");
		grid_set(g, 3, in->measure->name);
		grid_setf(g, 4, "%d", c->from);
		pub_value_text(in, c->has_old, c->old_value, buf, sizeof buf);
		grid_set(g, 5, buf);
		if (c->to)
			grid_setf(g, 6, "%d", c->to);
		else
			grid_set(g, 6, "now");
		pub_value_text(in, c->has_new, c->new_value, buf, sizeof buf);
		grid_set(g, 7, buf);
		if (c->by) {
			grid_set(g, 8, c->by->at);
			grid_set(g, 9, c->by->who);
			grid_set(g, 10, c->by->reason ? c->by->reason : "");
		} else {
			grid_set(g, 8, r->reopened_at);
			grid_set(g, 9, r->reopened_who);
			grid_set(g, 10, r->reopen_reason ? r->reopen_reason : "");
		}
	}
}

void revision_figures_grid(const struct kfq_model *m, const struct pub_report *r, int zh,
                           struct grid *g)
{
	static const char *const KEYS[] = { "unit", "indicator", "measure", "value", "ytd" };
	static const char *const HEADS[] = { "单位", "指标", "计量单位", "本月", "累计" };
	char buf[64];

	grid_init(g, 5, KEYS, zh ? HEADS : NULL);
	for (size_t i = 0; i < r->nsnapshot; i++) {
		const struct pub_value *v = &r->snapshot[i];
		const struct indicator *in = &m->inds.v[v->ind];
		grid_row(g);
		grid_set(g, 0, m->units.v[v->unit].code);
		grid_set(g, 1, in->code);
		grid_set(g, 2, in->measure->name);
		pub_value_text(in, v->has_value, v->value, buf, sizeof buf);
		grid_set(g, 3, buf);
		pub_value_text(in, v->has_ytd, v->ytd, buf, sizeof buf);
		grid_set(g, 4, buf);
	}
}
