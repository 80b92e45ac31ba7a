/* demo_finance.c: the demo zone's finance platform (see demo_finance.h).
 * Depends on base, store, io (through demo_util). */
#include "demo/demo_finance.h"
#include "demo/demo_util.h"
#include "base/sbuf.h"

#include <stdio.h>

#define NLOANS 30

static const char *const BANKS[] = { "农业银行", "工商银行", "建设银行", "中国银行", "江苏银行",
                                     "丹阳农商行" };

/* The loans: 30 苏微贷 loans of 100 to 300 万元, three a month from
 * January 10th on; every fourth a six-month loan repaid when due. */
static void write_loans(struct sbuf *sb)
{
	sbuf_addf(sb, "code,fund,bank,enterprise,product,amount(万元),granted,due,repaid\n");
	for (int k = 0; k < NLOANS; k++) {
		int m = 1 + k / 3, d = 12 + (k % 3) * 6, amount = 100 + (k * 7 % 5) * 50;
		int short_loan = k % 4 == 0;
		int dm = short_loan ? m + 6 : m, dy = short_loan && dm > 12 ? 2018 : short_loan ? 2017
		         : 2018;
		char repaid[40] = "";
		if (dm > 12)
			dm -= 12;
		if (short_loan && dy == 2017)
			snprintf(repaid, sizeof repaid, "2017-%02d-%02d", dm, d);
		sbuf_addf(sb, "swd%03d,rcf,农业银行,ent%04d,苏微贷,%d,2017-%02d-%02d,%d-%02d-%02d,%s\n",
		          k + 1, 5 + k * 13, amount, m, d, dy, dm, d - 1, repaid);
	}
}

int demo_finance(const struct kfq_ctx *cx, struct kfq_db *db, const char *dir,
                 struct kfq_err *err)
{
	enum { FUNDS, MOVES, LOANS, EVENTS, MEETINGS, NEEDS, CREDIT, GUAR, INTERV, NK };
	static const char *const KINDS[NK] = { "funds", "fund-moves", "fund-loans", "fund-events",
	                                       "bank-meetings", "financing-needs", "credit-actions",
	                                       "guarantees", "interventions" };
	static const char *const FILES[NK] = { "funds.csv", "fund-moves.csv", "fund-loans.csv",
	                                       "fund-events.csv", "bank-meetings.csv",
	                                       "financing-needs.csv", "credit-actions.csv",
	                                       "guarantees.csv", "interventions.csv" };
	static const char *const PARKS[] = { "eyewear_town", "precision_park", "life_science_park",
	                                     "maker_park", "science_park", "japan_park" };
	struct sbuf sb[NK];
	int rc = 0, need = 0;

	for (int k = 0; k < NK; k++)
		sbuf_init(&sb[k]);
	sbuf_addf(&sb[FUNDS], "code,name,unit,bank,leverage,share_fund,share_bank,share_insurer\n"
	          "rcf,丹阳开发区风险补偿基金,danyang,农业银行,10,40,40,20\n");
	sbuf_addf(&sb[MOVES], "fund,date,kind,amount(万元),note\n"
	          "rcf,2017-01-10,inject,1000,管委会出资设立风险补偿基金\n");
	write_loans(&sb[LOANS]);
	/* swd008 (ent0096) defaults in October: 83.33335 万元 of its principal;
	 * 30 万元 recovered from its pledged equipment in December */
	sbuf_addf(&sb[EVENTS], "loan,date,kind,amount(万元),note\n"
	          "swd008,2017-10-20,default,83.33335,企业停产，贷款逾期三个月\n"
	          "swd008,2017-12-15,recover,30,处置抵押设备\n");
	/* a meeting in each park in turn, and two zone-wide ones */
	sbuf_addf(&sb[MEETINGS], "code,date,title,park,banks,enterprises\n");
	sbuf_addf(&sb[NEEDS], "code,meeting,enterprise,channel,lender,raised,amount(万元),"
	          "matched(万元),granted(万元),granted_date\n");
	for (int i = 0; i < 8; i++) {
		int m = 2 + i * 4 / 3;
		const char *park = i < 6 ? PARKS[i] : "";
		sbuf_addf(&sb[MEETINGS], "bm2017-%02d,2017-%02d-%02d,%s,%s,%s;%s;%s,", i + 1, m, 10 + i,
		          i < 6 ? "银企对接会" : "金融机构走进开发区", park, BANKS[0],
		          BANKS[1 + i % 5], BANKS[1 + (i + 2) % 5]);
		for (int e = 0; e < 4; e++)
			sbuf_addf(&sb[MEETINGS], "%sent%04d", e ? ";" : "", 7 + i * 50 + e * 3);
		sbuf_addf(&sb[MEETINGS], "\n");
		for (int e = 0; e < 4; e++) {
			int amount = 200 + ((i + e) * 3 % 7) * 100, matched = e == 3 ? 0 : amount * 3 / 4;
			int granted = e >= 2 ? 0 : matched;
			const char *bank = e == 0 ? BANKS[0] : BANKS[1 + (i + e) % 5];
			sbuf_addf(&sb[NEEDS], "fn%03d,bm2017-%02d,ent%04d,loan,%s,2017-%02d-%02d,%d,", ++need,
			          i + 1, 7 + i * 50 + e * 3, bank, m, 10 + i, amount);
			if (matched)
				sbuf_addf(&sb[NEEDS], "%d,", matched);
			else
				sbuf_addf(&sb[NEEDS], ",");
			if (granted)
				sbuf_addf(&sb[NEEDS], "%d,2017-%02d-%02d\n", granted, m + 1, 5 + i);
			else
				sbuf_addf(&sb[NEEDS], ",\n");
		}
	}
	/* venture funds' follow-on investments (跟投) */
	sbuf_addf(&sb[NEEDS], "fn%03d,bm2017-07,ent0310,equity,丹阳高新创投,2017-09-17,1500,1000,1000,"
	          "2017-11-30\n", ++need);
	sbuf_addf(&sb[NEEDS], "fn%03d,bm2017-08,ent0385,equity,镇江产业投资基金,2017-11-18,2000,"
	          "1200,800,2017-12-22\n", ++need);
	/* the guarantee network: the circle ent0101 → ent0102 → ent0103 →
	 * ent0101; ent0104 guarantees into it, ent0103 guarantees ent0105 out
	 * of it; apart, ent0201 guarantees ent0202 and ent0203 (two chains) */
	sbuf_addf(&sb[GUAR], "code,guarantor,borrower,bank,amount(万元),start,ends\n"
	          "dg001,ent0101,ent0102,江苏银行,800,2016-05-01,2018-04-30\n"
	          "dg002,ent0102,ent0103,江苏银行,600,2016-08-01,2018-07-31\n"
	          "dg003,ent0103,ent0101,工商银行,500,2017-01-01,2018-12-31\n"
	          "dg004,ent0104,ent0101,工商银行,300,2017-03-01,2018-02-28\n"
	          "dg005,ent0103,ent0105,农业银行,200,2017-04-01,2018-03-31\n"
	          "dg006,ent0201,ent0202,建设银行,400,2016-10-01,2018-09-30\n"
	          "dg007,ent0201,ent0203,建设银行,250,2017-02-01,2018-01-31\n");
	sbuf_addf(&sb[CREDIT], "enterprise,bank,date,kind,amount(万元),note\n"
	          "ent0103,江苏银行,2017-05-12,cut,500,到期授信压降\n"
	          "ent0103,江苏银行,2017-06-20,call,300,担保圈风险，提前收回\n"
	          "ent0202,建设银行,2017-11-20,cut,150,授信压降\n");
	sbuf_addf(&sb[INTERV], "enterprise,date,kind,bank,outcome\n"
	          "ent0103,2017-06-22,meeting,江苏银行,工作小组约谈银行，同意不再抽贷\n"
	          "ent0103,2017-07-10,bridge,江苏银行,过桥资金 300 万元到位，按期续贷\n"
	          "ent0103,2017-09-15,restructure,江苏银行,调整融资结构，短贷转中长期\n");
	for (int k = 0; k < NK && rc == 0; k++)
		rc = demo_import(cx, db, dir, FILES[k], KINDS[k], &sb[k], 0, err);
	for (int k = 0; k < NK; k++)
		sbuf_release(&sb[k]);
	return rc;
}
