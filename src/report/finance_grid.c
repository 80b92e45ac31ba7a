/* finance_grid.c: the finance platform's tables (see finance_grid.h).
 * Depends on base, finance, report/grid. */
#include "report/finance_grid.h"
#include "base/sbuf.h"

#include <stdio.h>

static void money(struct grid *g, size_t col, dec v)
{
	char buf[48];
	dec_format(v, 4, -1, buf, sizeof buf);
	grid_set(g, col, buf);
}

static void percent(struct grid *g, size_t col, dec v)
{
	char buf[48];
	dec_format(v, 0, 1, buf, sizeof buf);
	grid_set(g, col, buf);
}

void fin_fund_grid(const struct fin_fund_res *r, struct grid *g)
{
	static const char *const K[] = {
		"code", "name", "unit", "bank", "leverage", "share_fund", "share_bank", "share_insurer",
		"capital(万元)", "balance(万元)", "outstanding(万元)", "limit(万元)", "headroom(万元)",
		"leverage_used(%)", "loans", "granted(万元)", "defaults", "defaulted(万元)",
		"paid_fund(万元)", "paid_bank(万元)", "paid_insurer(万元)", "recovered(万元)",
		"default_rate(%)" };
	static const char *const H[] = {
		"基金", "名称", "单位", "合作银行", "放大倍数", "基金分担(%)", "银行分担(%)",
		"保险分担(%)", "基金规模(万元)", "基金余额(万元)", "贷款余额(万元)", "贷款上限(万元)",
		"可用额度(万元)", "放大倍数使用率(%)", "贷款笔数", "累计发放(万元)", "代偿笔数",
		"代偿本金(万元)", "基金代偿(万元)", "银行分担(万元)", "保险分担(万元)",
		"追偿收回(万元)", "代偿率(%)" };
	size_t n = sizeof K / sizeof K[0];
	grid_init(g, n, K, H);
	for (size_t c = 4; c < n; c++)
		grid_numeric(g, c);
	for (size_t i = 0; i < r->n; i++) {
		const struct fin_fund_item *f = &r->v[i];
		char buf[48];
		grid_row(g);
		grid_set(g, 0, f->code);
		grid_set(g, 1, f->name);
		grid_set(g, 2, f->unit);
		grid_set(g, 3, f->bank);
		dec_format(f->leverage, 0, -1, buf, sizeof buf);
		grid_set(g, 4, buf);
		for (int p = 0; p < FP_N; p++) {
			dec_format(f->share[p], 0, -1, buf, sizeof buf);
			grid_set(g, 5 + (size_t)p, buf);
		}
		money(g, 8, f->capital);
		money(g, 9, f->balance);
		money(g, 10, f->outstanding);
		money(g, 11, f->limit);
		money(g, 12, f->headroom);
		if (f->has_used)
			percent(g, 13, f->used);
		grid_setf(g, 14, "%ld", f->nloans);
		money(g, 15, f->granted);
		grid_setf(g, 16, "%ld", f->ndefaults);
		money(g, 17, f->defaulted);
		for (int p = 0; p < FP_N; p++)
			money(g, 18 + (size_t)p, f->comp[p]);
		money(g, 21, f->rec[FP_FUND]);
		if (f->has_rate)
			percent(g, 22, f->default_rate);
	}
}

void fin_loan_grid(const struct fin_loan_res *r, int table, struct grid *g)
{
	static const char *const K[] = { "code", "fund", "bank", "enterprise", "name", "product",
	                                 "amount(万元)", "granted", "due", "repaid", "status",
	                                 "defaulted", "default(万元)", "fund_part(万元)",
	                                 "bank_part(万元)", "insurer_part(万元)",
	                                 "recovered(万元)" };
	static const char *const H[] = { "编号", "基金", "银行", "企业", "企业名称", "产品",
	                                 "金额(万元)", "发放", "到期", "结清", "状态", "代偿日期",
	                                 "代偿本金(万元)", "基金(万元)", "银行(万元)", "保险(万元)",
	                                 "追偿(万元)" };
	size_t n = sizeof K / sizeof K[0];
	grid_init(g, n, K, H);
	grid_numeric(g, 6);
	for (size_t c = 12; c < n; c++)
		grid_numeric(g, c);
	for (size_t i = 0; i < r->n; i++) {
		const struct fin_loan_item *l = &r->v[i];
		grid_row(g);
		grid_set(g, 0, l->code);
		grid_set(g, 1, l->fund);
		grid_set(g, 2, l->bank);
		grid_set(g, 3, l->enterprise);
		grid_set(g, 4, l->ent_name);
		grid_set(g, 5, l->product);
		money(g, 6, l->amount);
		grid_set(g, 7, l->granted);
		grid_set(g, 8, l->due);
		grid_set(g, 9, l->repaid);
		grid_set(g, 10, (table ? FIN_LOAN_STATUS_ZH : FIN_LOAN_STATUS)[l->status]);
		if (l->defaulted[0]) {
			grid_set(g, 11, l->defaulted);
			money(g, 12, l->default_amount);
			for (int p = 0; p < FP_N; p++)
				money(g, 13 + (size_t)p, l->part[p]);
			money(g, 16, l->recovered);
		}
	}
}

void fin_meeting_grid(const struct fin_meeting_res *r, struct grid *g)
{
	static const char *const K[] = { "code", "date", "title", "park", "banks", "enterprises",
	                                 "needs", "needs(万元)", "matched(万元)", "granted(万元)" };
	static const char *const H[] = { "编号", "日期", "名称", "园区", "参会银行", "参会企业",
	                                 "需求数", "需求(万元)", "对接(万元)", "到位(万元)" };
	grid_init(g, 10, K, H);
	for (size_t c = 6; c < 10; c++)
		grid_numeric(g, c);
	for (size_t i = 0; i < r->n; i++) {
		const struct fin_meeting_item *m = &r->v[i];
		grid_row(g);
		grid_set(g, 0, m->code);
		grid_set(g, 1, m->date);
		grid_set(g, 2, m->title);
		grid_set(g, 3, m->park);
		grid_set(g, 4, m->banks);
		grid_set(g, 5, m->enterprises);
		grid_setf(g, 6, "%ld", m->nneeds);
		money(g, 7, m->needs);
		money(g, 8, m->matched);
		money(g, 9, m->granted);
	}
}

void fin_match_grid(const struct fin_meeting_res *r, int by_bank, struct grid *g)
{
	static const char *const KB[] = { "bank", "meetings", "needs", "needs(万元)",
	                                  "matched(万元)", "granted(万元)" };
	static const char *const KP[] = { "park", "meetings", "needs", "needs(万元)",
	                                  "matched(万元)", "granted(万元)" };
	static const char *const HB[] = { "银行或基金", "对接会", "需求数", "需求(万元)",
	                                  "对接(万元)", "到位(万元)" };
	static const char *const HP[] = { "园区", "对接会", "需求数", "需求(万元)", "对接(万元)",
	                                  "到位(万元)" };
	const struct fin_match_sum *v = by_bank ? r->bank : r->park;
	size_t n = by_bank ? r->nbank : r->npark;
	grid_init(g, 6, by_bank ? KB : KP, by_bank ? HB : HP);
	for (size_t c = 1; c < 6; c++)
		grid_numeric(g, c);
	for (size_t i = 0; i < n; i++) {
		grid_row(g);
		grid_set(g, 0, v[i].key[0] ? v[i].key : by_bank ? "-" : "（全区）");
		grid_setf(g, 1, "%ld", v[i].meetings);
		grid_setf(g, 2, "%ld", v[i].nneeds);
		money(g, 3, v[i].needs);
		money(g, 4, v[i].matched);
		money(g, 5, v[i].granted);
	}
}

void fin_circle_grid(const struct fin_net_res *r, struct grid *g)
{
	static const char *const K[] = { "circle", "firms", "members" };
	static const char *const H[] = { "担保圈", "企业数", "成员" };
	grid_init(g, 3, K, H);
	grid_numeric(g, 1);
	for (size_t c = 0; c < r->ncircle; c++) {
		struct sbuf sb;
		grid_row(g);
		grid_setf(g, 0, "%zu", c + 1);
		grid_setf(g, 1, "%zu", r->circle_n[c]);
		sbuf_init(&sb);
		for (size_t j = 0; j < r->circle_n[c]; j++)
			sbuf_addf(&sb, "%s%s %s", j ? "、" : "", r->firm[r->circle[c][j]].code,
			          r->firm[r->circle[c][j]].name);
		grid_set(g, 2, sb.buf);
		sbuf_release(&sb);
	}
}

void fin_chain_grid(const struct fin_net_res *r, struct grid *g)
{
	static const char *const K[] = { "chain", "links" };
	static const char *const H[] = { "担保链", "担保方 → 被担保方" };
	grid_init(g, 2, K, H);
	for (size_t c = 0; c < r->nchain; c++) {
		grid_row(g);
		grid_setf(g, 0, "%zu", c + 1);
		grid_set(g, 1, r->chain[c]);
	}
}

void fin_exposure_grid(const struct fin_net_res *r, int table, struct grid *g)
{
	static const char *const K[] = { "firm", "name", "relation", "links_up", "links_down" };
	static const char *const H[] = { "企业", "名称", "关系", "向上层级", "向下层级" };
	grid_init(g, 5, K, H);
	grid_numeric(g, 3);
	grid_numeric(g, 4);
	for (size_t i = 0; i < r->nfirm; i++) {
		const struct fin_net_firm *f = &r->firm[i];
		const char *rel;
		if ((long)i == r->target || (!f->dist_up && !f->dist_down))
			continue;
		rel = f->dist_up && f->dist_down ? (table ? "同一担保圈" : "circle")
		      : f->dist_up ? (table ? "为其担保" : "guarantor")
		      : (table ? "由其担保" : "guaranteed");
		grid_row(g);
		grid_set(g, 0, f->code);
		grid_set(g, 1, f->name);
		grid_set(g, 2, rel);
		if (f->dist_up)
			grid_setf(g, 3, "%d", f->dist_up);
		if (f->dist_down)
			grid_setf(g, 4, "%d", f->dist_down);
	}
}

void fin_warn_grid(const struct fin_warn_res *r, int table, struct grid *g)
{
	static const char *const K[] = { "enterprise", "name", "cut(万元)", "called(万元)", "last",
	                                 "in_circle", "guarantors", "exposed", "interventions",
	                                 "helped" };
	static const char *const H[] = { "企业", "名称", "压贷(万元)", "抽贷(万元)", "最近",
	                                 "在担保圈", "担保方", "波及企业", "介入措施", "已介入" };
	grid_init(g, 10, K, H);
	grid_numeric(g, 2);
	grid_numeric(g, 3);
	grid_numeric(g, 6);
	grid_numeric(g, 7);
	for (size_t i = 0; i < r->n; i++) {
		const struct fin_warn_item *w = &r->v[i];
		grid_row(g);
		grid_set(g, 0, w->code);
		grid_set(g, 1, w->name);
		money(g, 2, w->cut);
		money(g, 3, w->called);
		grid_set(g, 4, w->last);
		grid_set(g, 5, w->in_circle ? (table ? "是" : "yes") : (table ? "否" : "no"));
		grid_setf(g, 6, "%ld", w->guarantors);
		grid_setf(g, 7, "%ld", w->exposed);
		grid_set(g, 8, w->interventions);
		grid_set(g, 9, w->helped ? (table ? "是" : "yes") : (table ? "否" : "no"));
	}
}
