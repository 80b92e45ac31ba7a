/* finance.c: kfq finance fund|loans|meetings|network|exposure|warn: the
 * finance platform (金融活水) as the finance office reads it: the risk
 * compensation fund with its leverage, defaults and compensation; its
 * loans; the bank–enterprise meetings with the figures per bank and per
 * park; the guarantee network's circles and chains; one firm's exposure;
 * the firms under loan pressure (压贷抽贷) and what the zone did. Each
 * subcommand builds a request, calls one function of finance/fin_query.h
 * and writes the grids of report/finance_grid.c: table, csv or json. The
 * records come in through kfq import (docs/formats.md, "Finance").
 * Depends on libkfq. */
#include "cli/cli.h"
#include "finance/fin_query.h"
#include "report/finance_grid.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

struct finance_args {
	struct cli_args h;
	const char *fund;
	struct date date;
	struct period period;
	int format;
};

#define A struct finance_args
static const struct optdef OPTS[] = {
	OPTION("fund", OPT_TEXT, A, fund, "CODE", "fund, loans: only this fund"),
	OPTION("date", OPT_DATE, A, date, "D",
	  "the day the figures stand at (default: today, or $KFQ_TODAY); network, exposure: the "
	  "guarantees in force that day (default: every guarantee)"),
	OPTION("period", OPT_PERIOD, A, period, "P",
	  "meetings: the meetings and needs of this period (default: all)"),
	OPTION_CHOICE("format", A, format, "F", "the format; table by default", CLI_FORMATS, NULL),
	OPTION_END,
};
#undef A
static const struct finance_args DEFAULTS = { { .sub = -1 }, NULL, { 0 }, { 0 }, GRID_TABLE };

struct fctx {
	struct cli *cli;
	const struct finance_args *a;
	enum grid_format f;
};

/* A table's heading (table format only), the grid, released. */
static void put(const struct fctx *x, const char *heading, struct grid *g)
{
	if (x->f == GRID_TABLE && heading)
		cli_section(x->cli->out, heading, g);
	else
		grid_write(g, x->f, x->cli->out);
	grid_release(g);
}

static int sub_fund(struct fctx *x)
{
	struct fin_fund_res r;
	struct grid g;
	char iso[16], head[80];
	if (fin_funds(&x->cli->cx, x->cli->db, x->a->fund, &x->a->date, &r, &x->cli->err) < 0) {
		fin_fund_res_release(&r);
		return -1;
	}
	fin_fund_grid(&r, &g);
	if (x->f == GRID_TABLE && r.n) {
		/* one line per figure: the table is wide */
		static const char *const KV[2] = { "figure", "value" }, *const KVH[2] = { "项目", "数值" };
		struct grid kv;
		date_format(&r.day, iso, sizeof iso);
		for (size_t i = 0; i < r.n; i++) {
			grid_init(&kv, 2, KV, KVH);
			for (size_t c = 0; c < g.ncols; c++) {
				grid_row(&kv);
				grid_set(&kv, 0, g.heads[c]);
				grid_set(&kv, 1, g.cells[i * g.ncols + c]);
			}
			snprintf(head, sizeof head, "风险补偿基金（截至 %s）", iso);
			fprintf(x->cli->out, "%s%s\n\n", i ? "\n" : "", head);
			grid_write(&kv, GRID_TABLE, x->cli->out);
			grid_release(&kv);
		}
		grid_release(&g);
	} else {
		put(x, "风险补偿基金", &g);
	}
	fin_fund_res_release(&r);
	return 0;
}

static int sub_loans(struct fctx *x)
{
	struct fin_loan_res r;
	struct grid g;
	if (fin_loans(&x->cli->cx, x->cli->db, x->a->fund, &x->a->date, &r, &x->cli->err) < 0) {
		fin_loan_res_release(&r);
		return -1;
	}
	fin_loan_grid(&r, x->f == GRID_TABLE, &g);
	grid_write(&g, x->f, x->cli->out);
	grid_release(&g);
	fin_loan_res_release(&r);
	return 0;
}

static int sub_meetings(struct fctx *x)
{
	struct fin_meeting_res r;
	struct grid g;
	if (fin_meetings(&x->cli->cx, x->cli->db, &x->a->period, &r, &x->cli->err) < 0) {
		fin_meeting_res_release(&r);
		return -1;
	}
	fin_meeting_grid(&r, &g);
	if (x->f != GRID_TABLE) {
		put(x, NULL, &g);
	} else {
		put(x, "银企对接会", &g);
		fin_match_grid(&r, 1, &g);
		put(x, "按银行（基金）", &g);
		fin_match_grid(&r, 0, &g);
		put(x, "按园区", &g);
	}
	fin_meeting_res_release(&r);
	return 0;
}

static int sub_network(struct fctx *x)
{
	struct fin_net_res r;
	struct grid g;
	if (fin_network(&x->cli->cx, x->cli->db, &x->a->date, NULL, &r, &x->cli->err) < 0) {
		fin_net_res_release(&r);
		return -1;
	}
	if (x->f != GRID_TABLE) {
		fin_chain_grid(&r, &g);
		put(x, NULL, &g);
	} else {
		char buf[48];
		dec_format(r.total, 4, -1, buf, sizeof buf);
		fprintf(x->cli->out, "担保网络：%zu 家企业，%ld 笔担保，%s 万元\n", r.nfirm,
		        r.nguarantees, buf);
		fin_circle_grid(&r, &g);
		put(x, "担保圈", &g);
		fin_chain_grid(&r, &g);
		put(x, "担保链", &g);
		if (r.truncated)
			fprintf(x->cli->out, "（只列出前 %zu 条担保链）\n", r.nchain);
	}
	fin_net_res_release(&r);
	return 0;
}

static int sub_exposure(struct fctx *x)
{
	struct fin_net_res r;
	struct grid g;
	if (fin_network(&x->cli->cx, x->cli->db, &x->a->date, x->a->h.pos[0], &r,
	                &x->cli->err) < 0) {
		fin_net_res_release(&r);
		return -1;
	}
	fin_exposure_grid(&r, x->f == GRID_TABLE, &g);
	if (x->f == GRID_TABLE) {
		char up[48], down[48];
		const struct fin_net_firm *t = &r.firm[r.target];
		dec_format(r.amount_up, 4, -1, up, sizeof up);
		dec_format(r.amount_down, 4, -1, down, sizeof down);
		fprintf(x->cli->out, "%s %s 违约时的波及范围\n为其担保的链上担保额 %s 万元，由其担保的链上担保额 "
		        "%s 万元\n\n", t->code, t->name, up, down);
	}
	grid_write(&g, x->f, x->cli->out);
	grid_release(&g);
	fin_net_res_release(&r);
	return 0;
}

static int sub_warn(struct fctx *x)
{
	struct fin_warn_res r;
	struct grid g;
	char iso[16], head[96];
	if (fin_warn(&x->cli->cx, x->cli->db, &x->a->date, &r, &x->cli->err) < 0) {
		fin_warn_res_release(&r);
		return -1;
	}
	fin_warn_grid(&r, x->f == GRID_TABLE, &g);
	date_format(&r.day, iso, sizeof iso);
	snprintf(head, sizeof head, "压贷抽贷预警（截至 %s）", iso);
	put(x, head, &g);
	fin_warn_res_release(&r);
	return 0;
}

static const struct subdef SUBS[] = {
	{ "fund", NULL, { "fund", "date", "format", NULL },
	  "the risk compensation fund on a day: capital, balance, loans outstanding against the "
	  "leverage limit and the headroom, loans granted, defaults and the compensation each "
	  "party bore, recoveries, the default rate" },
	{ "loans", NULL, { "fund", "date", "format", NULL },
	  "the loans under the fund, each with its status on the day (outstanding, overdue, "
	  "repaid, defaulted) and its default split among fund, bank and insurer" },
	{ "meetings", NULL, { "period", "format", NULL },
	  "the bank–enterprise meetings with the needs raised, matched and granted, and the same "
	  "per bank (or venture fund) and per park (csv/json: the meetings)" },
	{ "network", NULL, { "date", "format", NULL },
	  "the guarantee network: its circles (担保圈) and chains (担保链) (csv/json: the chains)" },
	{ "exposure", "FIRM", { "date", "format", NULL },
	  "the firms exposed if FIRM defaults: those that guarantee it and those it guarantees, "
	  "transitively" },
	{ "warn", NULL, { "date", "format", NULL },
	  "the firms whose credit lines were cut or called (压贷抽贷), their place in the "
	  "guarantee network and the zone's interventions" },
	{ NULL },
};
static int (*const SUB_FN[])(struct fctx *x) = {
	sub_fund, sub_loans, sub_meetings, sub_network, sub_exposure, sub_warn,
};

static int run(struct cli *cli, void *args)
{
	struct fctx x = { cli, args, GRID_TABLE };
	x.f = (enum grid_format)x.a->format;
	if (SUB_FN[x.a->h.sub](&x) == 0)
		return EXIT_OK;
	if (cli->err.kind == KFQ_EUSER) {
		cli_field(&cli->err);
		kfq_err_prefix(&cli->err, "finance %s", SUBS[x.a->h.sub].name);
	}
	return cli_fail(cli);
}

const struct cmd CMD_FINANCE = {
	{ "finance", NULL,
	  "the finance platform (金融活水): the risk compensation fund, its loans, the "
	  "bank–enterprise meetings, the guarantee network and loan-pressure warnings", 0, 0,
	  OPTS, SUBS,
	  "Records come in with kfq import funds, fund-moves, fund-loans, fund-events,\n"
	  "bank-meetings, financing-needs, credit-actions, guarantees and interventions\n"
	  "(docs/finance.md). The figures are the indicators risk_fund, risk_fund_balance,\n"
	  "fund_loans_outstanding, fund_loans_granted, fund_leverage_used, fund_default_rate,\n"
	  "fund_compensation ... as kfq show gives them.\n", NULL },
	run, NEED_DB, sizeof(struct finance_args), &DEFAULTS,
};
