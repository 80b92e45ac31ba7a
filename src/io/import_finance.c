/* import_finance.c: the import kinds of the finance platform (formats:
 * docs/formats.md, "Finance"): funds, fund-moves, fund-loans,
 * fund-events (defaults and recoveries), bank-meetings, financing-needs,
 * credit-actions, guarantees and interventions. Each row goes through one
 * put function of finance/finance.h (the rules are there); the figures
 * are derived again after the rows. The driver is io/import.c. Depends
 * on base, store, model, finance. */
#include "io/import_kind.h"
#include "base/measure.h"
#include "finance/finance.h"

#include <stdio.h>
#include <string.h>

/* The shift of a money column: its header's measure (in 元), 万元 when
 * the header gives none. */
static int money_shift(struct ictx *c, int col, int *shift, struct kfq_err *err)
{
	const struct measure *m;
	const char *name = c->map.measure[col][0] ? c->map.measure[col] : "万元";
	if (!(m = measure_find(name, err)))
		return kfq_err_prefix(err, "column \"%s\"", c->k->cols[col].name);
	if (strcmp(m->family, "元") != 0)
		return kfq_error(err, "column \"%s\": %s is not a measure in 元", c->k->cols[col].name,
		                 m->name);
	*shift = m->shift;
	return 0;
}

static void counted(struct ictx *c, int changed)
{
	c->res->added += changed == 1;
	c->res->changed += changed == 2;
	c->res->unchanged += changed == 0;
}

/* ---- funds ---- */
enum { FU_CODE, FU_NAME, FU_UNIT, FU_BANK, FU_LEV, FU_SF, FU_SB, FU_SI };
static const struct column_def FUND_COLS[] = {
	{ "code", "基金代码|代码", 1 },
	{ "name", "基金名称|名称", 1 },
	{ "unit", "单位|所属单位", 1 },
	{ "bank", "合作银行|银行", 0 },
	{ "leverage", "放大倍数|杠杆", 1 },
	{ "share_fund", "基金分担比例|基金比例", 1 },
	{ "share_bank", "银行分担比例|银行比例", 1 },
	{ "share_insurer", "保险分担比例|保险比例", 1 },
};

static int fund_row(struct ictx *c, const char *const *cell, struct kfq_err *err)
{
	struct fin_fund_row r = { cell[FU_CODE], cell[FU_NAME], cell[FU_UNIT], cell[FU_BANK],
	                          cell[FU_LEV], cell[FU_SF], cell[FU_SB], cell[FU_SI] };
	int changed;
	if (row_once_of(c, "this fund", err, "fund", cell[FU_CODE], NULL) < 0 ||
	    fin_fund_put(c->db, &r, &changed, err) < 0)
		return -1;
	counted(c, changed);
	return 0;
}

/* ---- fund-moves ---- */
enum { MV_FUND, MV_DATE, MV_KIND, MV_AMOUNT, MV_NOTE };
static const struct column_def MOVE_COLS[] = {
	{ "fund", "基金代码|基金", 1 },
	{ "date", "日期", 1 },
	{ "kind", "类型|变动类型", 1 },
	{ "amount", "金额", 1 },
	{ "note", "说明|备注", 0 },
};

static int move_row(struct ictx *c, const char *const *cell, struct kfq_err *err)
{
	struct fin_move_row r = { cell[MV_FUND], cell[MV_DATE], cell[MV_KIND], cell[MV_AMOUNT], 4,
	                          cell[MV_NOTE] };
	int changed;
	if (money_shift(c, MV_AMOUNT, &r.shift, err) < 0 ||
	    row_once_of(c, "this fund's movement of this kind on this date", err, "move",
	                cell[MV_FUND], cell[MV_DATE], cell[MV_KIND], NULL) < 0 ||
	    fin_move_put(c->db, &r, &changed, err) < 0)
		return -1;
	counted(c, changed);
	return 0;
}

/* ---- fund-loans ---- */
enum { LN_CODE, LN_FUND, LN_BANK, LN_ENT, LN_PRODUCT, LN_AMOUNT, LN_GRANTED, LN_DUE, LN_REPAID };
static const struct column_def LOAN_COLS[] = {
	{ "code", "贷款编号|编号", 1 },
	{ "fund", "基金代码|基金", 1 },
	{ "bank", "贷款银行|银行", 1 },
	{ "enterprise", "企业|借款企业|企业代码", 1 },
	{ "product", "产品|贷款产品", 1 },
	{ "amount", "金额|贷款金额", 1 },
	{ "granted", "发放日期|放款日期", 1 },
	{ "due", "到期日期|到期日", 1 },
	{ "repaid", "还款日期|结清日期", 0 },
};

static int loan_row(struct ictx *c, const char *const *cell, struct kfq_err *err)
{
	struct fin_loan_row r = { cell[LN_CODE], cell[LN_FUND], cell[LN_BANK], cell[LN_ENT],
	                          cell[LN_PRODUCT], cell[LN_AMOUNT], 4, cell[LN_GRANTED],
	                          cell[LN_DUE], cell[LN_REPAID] };
	int changed;
	if (money_shift(c, LN_AMOUNT, &r.shift, err) < 0 ||
	    row_once_of(c, "this loan", err, "loan", cell[LN_CODE], NULL) < 0 ||
	    fin_loan_put(c->db, &r, &changed, err) < 0)
		return -1;
	counted(c, changed);
	return 0;
}

/* ---- fund-events ---- */
enum { EV_LOAN, EV_DATE, EV_KIND, EV_AMOUNT, EV_NOTE };
static const struct column_def EVENT_COLS[] = {
	{ "loan", "贷款编号|编号", 1 },
	{ "date", "日期", 1 },
	{ "kind", "类型", 1 },
	{ "amount", "金额", 1 },
	{ "note", "说明|备注", 0 },
};

static int event_row(struct ictx *c, const char *const *cell, struct kfq_err *err)
{
	struct fin_event_row r = { cell[EV_LOAN], cell[EV_DATE], cell[EV_KIND], cell[EV_AMOUNT], 4,
	                           cell[EV_NOTE] };
	int changed;
	if (money_shift(c, EV_AMOUNT, &r.shift, err) < 0 ||
	    row_once_of(c, "this loan's event of this kind on this date", err, "event",
	                cell[EV_LOAN], cell[EV_DATE], cell[EV_KIND], NULL) < 0 ||
	    fin_event_put(c->db, &r, &changed, err) < 0)
		return -1;
	counted(c, changed);
	return 0;
}

/* ---- bank-meetings ---- */
enum { BM_CODE, BM_DATE, BM_TITLE, BM_PARK, BM_BANKS, BM_ENTS };
static const struct column_def MEETING_COLS[] = {
	{ "code", "编号|会议编号", 1 },
	{ "date", "日期|会议日期", 1 },
	{ "title", "名称|会议名称", 1 },
	{ "park", "园区", 0 },
	{ "banks", "参会银行|银行", 1 },
	{ "enterprises", "参会企业|企业", 0 },
};

static int meeting_row(struct ictx *c, const char *const *cell, struct kfq_err *err)
{
	struct fin_meeting_row r = { cell[BM_CODE], cell[BM_DATE], cell[BM_TITLE], cell[BM_PARK],
	                             cell[BM_BANKS], cell[BM_ENTS] };
	int changed;
	if (row_once_of(c, "this meeting", err, "meeting", cell[BM_CODE], NULL) < 0 ||
	    fin_meeting_put(c->db, &r, &changed, err) < 0)
		return -1;
	counted(c, changed);
	return 0;
}

/* ---- financing-needs ---- */
enum { ND_CODE, ND_MEETING, ND_ENT, ND_CHANNEL, ND_LENDER, ND_RAISED, ND_AMOUNT, ND_MATCHED,
       ND_GRANTED, ND_GDATE };
static const struct column_def NEED_COLS[] = {
	{ "code", "编号|需求编号", 1 },
	{ "meeting", "对接会|会议编号", 0 },
	{ "enterprise", "企业|企业代码", 1 },
	{ "channel", "方式|融资方式", 0 },
	{ "lender", "银行|机构|资金方", 0 },
	{ "raised", "提出日期|日期", 1 },
	{ "amount", "需求金额|金额", 1 },
	{ "matched", "对接金额", 0 },
	{ "granted", "到位金额|发放金额", 0 },
	{ "granted_date", "到位日期|发放日期", 0 },
};

static int need_row(struct ictx *c, const char *const *cell, struct kfq_err *err)
{
	struct fin_need_row r = { cell[ND_CODE], cell[ND_MEETING], cell[ND_ENT], cell[ND_CHANNEL],
	                          cell[ND_LENDER], cell[ND_RAISED], cell[ND_AMOUNT],
	                          cell[ND_MATCHED], cell[ND_GRANTED], 4, cell[ND_GDATE] };
	int changed, s2, s3;
	/* one measure for the three amounts: the need's (matched and granted
	 * may say theirs, which must agree) */
	if (money_shift(c, ND_AMOUNT, &r.shift, err) < 0 || money_shift(c, ND_MATCHED, &s2, err) < 0 ||
	    money_shift(c, ND_GRANTED, &s3, err) < 0)
		return -1;
	if (s2 != r.shift || s3 != r.shift)
		return kfq_error(err, "columns \"amount\", \"matched\" and \"granted\" must be in "
		                 "one measure");
	if (row_once_of(c, "this need", err, "need", cell[ND_CODE], NULL) < 0 ||
	    fin_need_put(c->db, &r, &changed, err) < 0)
		return -1;
	counted(c, changed);
	return 0;
}

/* ---- credit-actions ---- */
enum { CR_ENT, CR_BANK, CR_DATE, CR_KIND, CR_AMOUNT, CR_NOTE };
static const struct column_def CREDIT_COLS[] = {
	{ "enterprise", "企业|企业代码", 1 },
	{ "bank", "银行", 1 },
	{ "date", "日期", 1 },
	{ "kind", "类型", 1 },
	{ "amount", "金额", 1 },
	{ "note", "说明|备注", 0 },
};

static int credit_row(struct ictx *c, const char *const *cell, struct kfq_err *err)
{
	struct fin_credit_row r = { cell[CR_ENT], cell[CR_BANK], cell[CR_DATE], cell[CR_KIND],
	                            cell[CR_AMOUNT], 4, cell[CR_NOTE] };
	int changed;
	if (money_shift(c, CR_AMOUNT, &r.shift, err) < 0 ||
	    row_once_of(c, "this bank's action on this enterprise on this date", err, "credit",
	                cell[CR_ENT], cell[CR_BANK], cell[CR_DATE], cell[CR_KIND], NULL) < 0 ||
	    fin_credit_put(c->db, &r, &changed, err) < 0)
		return -1;
	counted(c, changed);
	return 0;
}

/* ---- guarantees ---- */
enum { GU_CODE, GU_GUARANTOR, GU_BORROWER, GU_BANK, GU_AMOUNT, GU_START, GU_ENDS };
static const struct column_def GUARANTEE_COLS[] = {
	{ "code", "编号|担保编号", 1 },
	{ "guarantor", "担保企业|担保方", 1 },
	{ "borrower", "被担保企业|借款企业", 1 },
	{ "bank", "银行|贷款银行", 0 },
	{ "amount", "担保金额|金额", 1 },
	{ "start", "起始日期|开始日期", 0 },
	{ "ends", "到期日期|结束日期", 0 },
};

static int guarantee_row(struct ictx *c, const char *const *cell, struct kfq_err *err)
{
	struct fin_guarantee_row r = { cell[GU_CODE], cell[GU_GUARANTOR], cell[GU_BORROWER],
	                               cell[GU_BANK], cell[GU_AMOUNT], 4, cell[GU_START],
	                               cell[GU_ENDS] };
	int changed;
	if (money_shift(c, GU_AMOUNT, &r.shift, err) < 0 ||
	    row_once_of(c, "this guarantee", err, "guarantee", cell[GU_CODE], NULL) < 0 ||
	    fin_guarantee_put(c->db, &r, &changed, err) < 0)
		return -1;
	counted(c, changed);
	return 0;
}

/* ---- interventions ---- */
enum { IV_ENT, IV_DATE, IV_KIND, IV_BANK, IV_OUTCOME };
static const struct column_def INTERVENTION_COLS[] = {
	{ "enterprise", "企业|企业代码", 1 },
	{ "date", "日期", 1 },
	{ "kind", "类型|措施", 1 },
	{ "bank", "银行", 0 },
	{ "outcome", "结果|成效", 0 },
};

static int intervention_row(struct ictx *c, const char *const *cell, struct kfq_err *err)
{
	struct fin_intervention_row r = { cell[IV_ENT], cell[IV_DATE], cell[IV_KIND], cell[IV_BANK],
	                                   cell[IV_OUTCOME] };
	int changed;
	if (row_once_of(c, "this intervention", err, "intervention", cell[IV_ENT], cell[IV_DATE],
	                cell[IV_KIND], NULL) < 0 ||
	    fin_intervention_put(c->db, &r, &changed, err) < 0)
		return -1;
	counted(c, changed);
	return 0;
}

static int derive_finance(struct ictx *c, struct kfq_err *err)
{
	return fin_derive(c->db, &c->todo, err);
}

const struct kind_def FINANCE_KINDS[] = {
	{ "funds", FUND_COLS, NCOLS(FUND_COLS), fund_row, 1, fin_ensure_indicators, derive_finance },
	{ "fund-moves", MOVE_COLS, NCOLS(MOVE_COLS), move_row, 1, fin_ensure_indicators,
	  derive_finance },
	{ "fund-loans", LOAN_COLS, NCOLS(LOAN_COLS), loan_row, 1, fin_ensure_indicators,
	  derive_finance },
	{ "fund-events", EVENT_COLS, NCOLS(EVENT_COLS), event_row, 1, fin_ensure_indicators,
	  derive_finance },
	{ "bank-meetings", MEETING_COLS, NCOLS(MEETING_COLS), meeting_row, 1, fin_ensure_indicators,
	  derive_finance },
	{ "financing-needs", NEED_COLS, NCOLS(NEED_COLS), need_row, 1, fin_ensure_indicators,
	  derive_finance },
	{ "credit-actions", CREDIT_COLS, NCOLS(CREDIT_COLS), credit_row, 1, NULL, NULL },
	{ "guarantees", GUARANTEE_COLS, NCOLS(GUARANTEE_COLS), guarantee_row, 1, NULL, NULL },
	{ "interventions", INTERVENTION_COLS, NCOLS(INTERVENTION_COLS), intervention_row, 1, NULL,
	  NULL },
};
const size_t NFINANCE_KINDS = NCOLS(FINANCE_KINDS);
