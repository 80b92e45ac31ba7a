/* test_finance.c: unit tests for the finance platform (src/finance through
 * the import kinds of io/import_finance.c and the queries of
 * finance/fin_query.h): the exact split of a default (odd fen, three
 * parties, every amount up to 20 元 against its exact share); the
 * leverage limit (exactly at it, one fen over, the headroom named, a
 * backdated loan checked on the later days, a repaid loan freeing room, a
 * withdrawal and a lower leverage refused); defaults and recoveries
 * (their rules, the parts stored, the balance); the published figures
 * worked out by hand; bank–enterprise matching and its sums; the
 * guarantee network read from the store with a self-guarantee refused;
 * every bad input named by line and column with nothing written; history
 * of changes; export then import changing nothing. The tree: zone z with
 * parks p1 (e1, e2) and p2 (e3, e4). Runs on SQLite, or on PostgreSQL
 * with KFQ_TEST_PG. */
#include "testutil.h"
#include "testdb.h"

#include <stdio.h>
#include <stdlib.h>

#include "base/dec.h"
#include "finance/fin_query.h"
#include "finance/finance.h"
#include "report/export.h"
#include "report/grid.h"
#include "store/db.h"

#define YUAN(x) ((dec)(x) * DEC_ONE)
#define WAN(x) ((dec)(x) * 10000 * DEC_ONE)
#define FEN(x) ((dec)(x) * 100)
#define PCT(x) ((dec)(x) * DEC_ONE)

struct fx {
	char path[TDB_PATH_MAX];
	struct kfq_db *db;
};

static const char UNITS[] =
	"code,name,kind,parent\n"
	"z,开发区,zone,\n"
	"p1,园区一,park,z\n"
	"p2,园区二,park,z\n"
	"e1,企业一,enterprise,p1\n"
	"e2,企业二,enterprise,p1\n"
	"e3,企业三,enterprise,p2\n"
	"e4,企业四,enterprise,p2\n";

/* 100 万元 of capital, leverage 10: 1000 万元 of loans at most. */
static const char FUND[] =
	"code,name,unit,bank,leverage,share_fund,share_bank,share_insurer\n"
	"rf,风险补偿基金,z,农业银行,10,40,40,20\n";
static const char MOVES[] =
	"fund,date,kind,amount(万元),note\n"
	"rf,2017-01-10,inject,100,出资\n";

static const char LOAN_HEAD[] = "code,fund,bank,enterprise,product,amount(万元),granted,due,repaid\n";

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	if (!f)
		return -1;
	tdb_clock("2017-12-31", NULL);
	if (tdb_create(f->path, sizeof f->path, &f->db) != 0) {
		free(f);
		return -1;
	}
	tdb_load(f->db, "units", UNITS);
	tdb_load(f->db, "funds", FUND);
	tdb_load(f->db, "fund-moves", MOVES);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	tdb_destroy(f->db, f->path);
	free(f);
	tdb_clock_reset();
	return 0;
}

static const char *const COUNTED[] = {
	"fin_fund", "fin_fund_move", "fin_loan", "fin_loan_event", "fin_meeting", "fin_need",
	"fin_credit", "fin_guarantee", "fin_intervention", "obs", "history", NULL
};

/* An import whose line `line` is bad with `needle` in its message: refused,
 * nothing written. */
static void import_bad_at(struct kfq_db *db, const char *kind, const char *text, size_t line,
                          const char *needle)
{
	struct tdb_counts before = tdb_counts_of(db, COUNTED), after;
	struct tdb_imp r;
	tdb_run_import(db, kind, text, 0, &r);
	if (r.rc == 0)
		fail_msg("import %s succeeded; expected \"%s\"", kind, needle);
	assert_int_equal(r.err.kind, KFQ_EUSER);
	tdb_assert_msg_line(&r, line, needle);
	tdb_imp_release(&r);
	after = tdb_counts_of(db, COUNTED);
	tdb_assert_counts_equal(&before, &after);
}

static void import_bad(struct kfq_db *db, const char *kind, const char *text, const char *needle)
{
	import_bad_at(db, kind, text, 2, needle);
}

/* A loans file: the header and rows. */
static char *loans(const char *rows)
{
	size_t n = strlen(LOAN_HEAD) + strlen(rows) + 1;
	char *s = malloc(n);
	snprintf(s, n, "%s%s", LOAN_HEAD, rows);
	return s;
}

static void load_loans(struct kfq_db *db, const char *rows)
{
	char *s = loans(rows);
	tdb_load(db, "fund-loans", s);
	free(s);
}

static void bad_loans(struct kfq_db *db, const char *rows, size_t line, const char *needle)
{
	char *s = loans(rows);
	import_bad_at(db, "fund-loans", s, line, needle);
	free(s);
}

/* A derived figure's stored month value at the fund's unit or another. */
static int64_t month_value(struct kfq_db *db, const char *ind, const char *unit, int y, int m)
{
	struct kfq_stmt *st = tdb_prepare(db, "SELECT o.value FROM obs o JOIN indicator i ON "
	                                  "i.id = o.ind_id JOIN unit u ON u.id = o.unit_id WHERE "
	                                  "i.code = ? AND u.code = ? AND o.year = ? AND o.first = ? "
	                                  "AND o.last = ?");
	int64_t v = -1;
	st_bind_text(st, 1, ind);
	st_bind_text(st, 2, unit);
	st_bind_int(st, 3, y);
	st_bind_int(st, 4, m);
	st_bind_int(st, 5, m);
	if (st_step(st) == ST_ROW)
		v = st_i64(st, 0);
	st_finalize(st);
	return v;
}

static struct fin_fund_item fund_on(struct fx *f, const char *day)
{
	struct fin_fund_res r;
	struct fin_fund_item it;
	struct kfq_err err = { 0 };
	struct date d;
	assert_int_equal(date_parse(day, &d, &err), 0);
	if (fin_funds(tdb_ctx(), f->db, "rf", &d, &r, &err) < 0)
		fail_msg("fin_funds: %s", err.msg);
	assert_int_equal(r.n, 1);
	it = r.v[0];
	it.code = it.name = it.unit = it.bank = NULL;
	fin_fund_res_release(&r);
	return it;
}

/* ---- the split ---- */

static void split(dec amount, dec s0, dec s1, dec s2, dec p0, dec p1, dec p2)
{
	const dec sh[FP_N] = { s0, s1, s2 };
	dec parts[FP_N];
	struct kfq_err err = { 0 };
	if (fin_split(amount, sh, parts, &err) < 0)
		fail_msg("fin_split: %s", err.msg);
	if (parts[0] != p0 || parts[1] != p1 || parts[2] != p2)
		fail_msg("split %lld: %lld %lld %lld, expected %lld %lld %lld", (long long)amount,
		         (long long)parts[0], (long long)parts[1], (long long)parts[2], (long long)p0,
		         (long long)p1, (long long)p2);
}

static void test_split_examples(void **state)
{
	dec t = 0;
	(void)state;
	/* 100.00 元 at 33.33/33.33/33.34: 10 000 fen × 0.3333 = 3 333 exactly, twice;
	 * 3 334 for the insurer */
	split(YUAN(100), 333300, 333300, 333400, FEN(3333), FEN(3333), FEN(3334));
	/* 1 fen at 40/40/20: all round to 0, remainders 0.4, 0.4, 0.2 fen: the one
	 * fen left goes to the fund (a tie with the bank, the fund first) */
	split(FEN(1), PCT(40), PCT(40), PCT(20), FEN(1), 0, 0);
	/* 2 fen: 0.8, 0.8, 0.4: the two left go to fund and bank */
	split(FEN(2), PCT(40), PCT(40), PCT(20), FEN(1), FEN(1), 0);
	/* 7 fen at 50/30/20: 3.5, 2.1, 1.4 → 3, 2, 1 and one left for the
	 * largest remainder, the fund's 0.5: 4, 2, 1 */
	split(FEN(7), PCT(50), PCT(30), PCT(20), FEN(4), FEN(2), FEN(1));
	/* 10 fen in thirds (33.3333/33.3333/33.3334): 3.33333, 3.33333,
	 * 3.33334 → 3, 3, 3 and the one left to the insurer's larger remainder */
	split(FEN(10), 333333, 333333, 333334, FEN(3), FEN(3), FEN(4));
	/* 833 333.50 元 (the demo's default) at 40/40/20: 33 333 340 fen × 0.4 =
	 * 13 333 336 fen, exactly; the insurer 6 666 668 */
	split(FEN(83333350), PCT(40), PCT(40), PCT(20), FEN(33333340), FEN(33333340),
	      FEN(16666670));
	/* a party with no share gets nothing, even of a remainder */
	split(FEN(3), PCT(50), PCT(50), 0, FEN(2), FEN(1), 0);
	split(0, PCT(40), PCT(40), PCT(20), 0, 0, 0);
	(void)t;
}

/* Every amount from 0 to 20 元, fen by fen, at four sets of shares: the
 * parts add up to the whole, and each is within one fen of its exact share. */
static void test_split_adds_up(void **state)
{
	static const dec SH[][FP_N] = { { PCT(40), PCT(40), PCT(20) },
	                                { 333300, 333300, 333400 },
	                                { 333333, 333333, 333334 },
	                                { PCT(100), 0, 0 },
	                                { 10001, 989999, 0 } };
	(void)state;
	for (size_t s = 0; s < sizeof SH / sizeof SH[0]; s++)
		for (int64_t fen = 0; fen <= 2000; fen++) {
			dec parts[FP_N], total = 0;
			struct kfq_err err = { 0 };
			assert_int_equal(fin_split(FEN(fen), SH[s], parts, &err), 0);
			for (int p = 0; p < FP_N; p++) {
				/* exact share in 1/1 000 000 fen: fen × share; the part in fen × 10^6 */
				__int128 exact = (__int128)fen * SH[s][p];
				__int128 got = (__int128)(parts[p] / 100) * 1000000;
				__int128 diff = got - exact;
				assert_int_equal(parts[p] % 100, 0);
				if (diff <= -1000000 || diff >= 1000000)
					fail_msg("%lld fen, share %lld: part %lld is a fen or more off",
					         (long long)fen, (long long)SH[s][p], (long long)parts[p]);
				total += parts[p];
			}
			assert_true(total == FEN(fen));
		}
}

static void test_split_refused(void **state)
{
	const dec ok[FP_N] = { PCT(40), PCT(40), PCT(20) };
	const dec short_[FP_N] = { PCT(40), PCT(40), PCT(19) };
	const dec neg[FP_N] = { PCT(60), PCT(60), PCT(-20) };
	dec parts[FP_N];
	struct kfq_err err = { 0 };
	(void)state;
	assert_int_equal(fin_split(FEN(1) + 1, ok, parts, &err), -1);
	assert_err_has(&err, "whole number of fen");
	assert_int_equal(fin_split(-FEN(1), ok, parts, &err), -1);
	assert_int_equal(fin_split(FEN(1), short_, parts, &err), -1);
	assert_err_has(&err, "add up to 100%");
	assert_int_equal(fin_split(FEN(1), neg, parts, &err), -1);
	assert_err_has(&err, "negative");
}

/* ---- the leverage limit ---- */

/* Exactly at the limit: 1000 万元 on 100 万元 × 10. */
static void test_leverage_exactly_at(void **state)
{
	struct fx *f = *state;
	struct fin_fund_item it;
	load_loans(f->db, "L1,rf,农业银行,e1,苏微贷,600,2017-02-01,2018-01-31,\n"
	                  "L2,rf,农业银行,e2,苏微贷,400,2017-03-01,2018-02-28,\n");
	it = fund_on(f, "2017-03-01");
	assert_true(it.outstanding == WAN(1000));
	assert_true(it.limit == WAN(1000));
	assert_true(it.headroom == 0);
	assert_true(it.used == PCT(100));
}

/* One fen over: refused, naming the day, the limit and the headroom (the
 * limit less the other loans: 1000 − 600 = 400 万元). */
static void test_leverage_one_fen_over(void **state)
{
	struct fx *f = *state;
	load_loans(f->db, "L1,rf,农业银行,e1,苏微贷,600,2017-02-01,2018-01-31,\n");
	bad_loans(f->db, "L2,rf,农业银行,e2,苏微贷,400.000001,2017-03-01,2018-02-28,\n", 2,
	          "column \"amount\": loan \"L2\": on 2017-03-01 fund \"rf\" would have "
	          "1000.000001 万元 of loans outstanding, over its limit of 10 × its balance 100 万元 "
	          "= 1000 万元; the headroom left is 400 万元");
	/* and a single loan a fen over the whole limit: headroom 1000 万元 */
	bad_loans(f->db, "L3,rf,农业银行,e3,苏微贷,1000.000001,2017-01-20,2018-01-19,\n", 2,
	          "the headroom left is 1000 万元");
	/* before the capital came in there is no room at all */
	bad_loans(f->db, "L4,rf,农业银行,e3,苏微贷,1,2017-01-09,2018-01-08,\n", 2,
	          "on 2017-01-09 fund \"rf\" would have 1 万元 of loans outstanding, over its limit "
	          "of 10 × its balance 0 万元 = 0 万元; the headroom left is 0 万元");
}

/* A loan repaid frees its room on the day it is repaid. */
static void test_leverage_repaid_frees_room(void **state)
{
	struct fx *f = *state;
	load_loans(f->db, "L1,rf,农业银行,e1,苏微贷,1000,2017-02-01,2017-08-31,2017-05-31\n"
	                  "L2,rf,农业银行,e2,苏微贷,1000,2017-05-31,2018-05-30,\n");
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM fin_loan"), 2);
	/* a day earlier the first was still out */
	bad_loans(f->db, "L3,rf,农业银行,e3,苏微贷,0.01,2017-05-30,2017-05-31,2017-05-31\n", 2,
	          "on 2017-05-30");
}

/* A backdated loan is checked on the later days it is outstanding: L0
 * (300, from February) fits on its own day but not on May 1st, when L2
 * (800) was granted: 1100 > 1000. */
static void test_leverage_backdated(void **state)
{
	struct fx *f = *state;
	load_loans(f->db, "L2,rf,农业银行,e2,苏微贷,800,2017-05-01,2018-04-30,\n");
	bad_loans(f->db, "L0,rf,农业银行,e1,苏微贷,300,2017-02-01,2018-01-31,\n", 2,
	          "on 2017-05-01 fund \"rf\" would have 1100 万元 of loans outstanding");
	/* repaid before May: it fits */
	load_loans(f->db, "L0,rf,农业银行,e1,苏微贷,300,2017-02-01,2018-01-31,2017-04-30\n");
}

/* A withdrawal that leaves too little for the loans, or less than nothing,
 * and a lower leverage that the loans would pass, are refused. */
static void test_leverage_withdraw_and_lower(void **state)
{
	struct fx *f = *state;
	load_loans(f->db, "L1,rf,农业银行,e1,苏微贷,600,2017-02-01,2018-01-31,\n");
	/* 100 − 50 = 50 万元 × 10 = 500 < 600 */
	import_bad(f->db, "fund-moves", "fund,date,kind,amount(万元)\nrf,2017-06-01,withdraw,50\n",
	           "column \"amount\": the movement of 2017-06-01: on 2017-06-01 fund \"rf\" would have "
	           "600 万元 of loans outstanding, over its limit of 10 × its balance 50 万元");
	import_bad(f->db, "fund-moves", "fund,date,kind,amount(万元)\nrf,2017-01-10,withdraw,101\n",
	           "would be left with less than nothing on 2017-01-10");
	/* 40 万元 leaves 60 × 10 = 600: exactly enough */
	tdb_import_ok(f->db, "fund-moves", "fund,date,kind,amount(万元)\nrf,2017-06-01,withdraw,40\n",
	              1, 0, 0);
	import_bad(f->db, "funds", "code,name,unit,bank,leverage,share_fund,share_bank,share_insurer\n"
	           "rf,风险补偿基金,z,农业银行,5,40,40,20\n",
	           "column \"leverage\": fund \"rf\": on 2017-02-01 fund \"rf\" would have 600 万元");
}

/* ---- defaults and recoveries ---- */

static const char EVENT_HEAD[] = "loan,date,kind,amount(元),note\n";

static void test_default_and_recovery(void **state)
{
	struct fx *f = *state;
	struct fin_fund_item it;
	char text[256];
	load_loans(f->db, "L1,rf,农业银行,e1,苏微贷,600,2017-02-01,2018-01-31,\n"
	                  "L2,rf,农业银行,e2,苏微贷,400,2017-03-01,2018-02-28,\n");
	/* 1 000 000.07 元 lost on L1 in June: 100 000 007 fen × 40% = 40 000 002.8,
	 * × 40% the same, × 20% = 20 000 001.4: 40 000 002 + 40 000 002 +
	 * 20 000 001 = 100 000 005, two fen left: the fund's and the bank's .8 */
	snprintf(text, sizeof text, "%sL1,2017-06-30,default,1000000.07,逾期\n", EVENT_HEAD);
	tdb_import_ok(f->db, "fund-events", text, 1, 0, 0);
	assert_int_equal(tdb_scalar(f->db, "SELECT fund_part FROM fin_loan_event"), FEN(40000003));
	assert_int_equal(tdb_scalar(f->db, "SELECT bank_part FROM fin_loan_event"), FEN(40000003));
	assert_int_equal(tdb_scalar(f->db, "SELECT insurer_part FROM fin_loan_event"),
	                 FEN(20000001));
	/* 300 000 元 recovered in September: 120 000, 120 000, 60 000 */
	snprintf(text, sizeof text, "%sL1,2017-09-15,recover,300000,\n", EVENT_HEAD);
	tdb_import_ok(f->db, "fund-events", text, 1, 0, 0);
	/* the balance at the year's end: 1 000 000 − 400 000.03 + 120 000 =
	 * 719 999.97 元; L1 no longer outstanding: 400 万元 left of 7 199 999.7 */
	it = fund_on(f, "2017-12-31");
	assert_true(it.capital == WAN(100));
	assert_true(it.balance == FEN(71999997));
	assert_true(it.outstanding == WAN(400));
	assert_true(it.comp[FP_FUND] == FEN(40000003));
	assert_true(it.comp[FP_INSURER] == FEN(20000001));
	assert_true(it.rec[FP_FUND] == YUAN(120000));
	assert_true(it.defaulted == FEN(100000007));
	/* default rate 1 000 000.07 ÷ 10 000 000 = 10.0000007%: to 1/10 000 %, 10 */
	assert_true(it.default_rate == PCT(10));
	/* the figures: capital 100 万, balance, outstanding, compensation in June */
	assert_int_equal(month_value(f->db, "risk_fund", "z", 2017, 12), WAN(100));
	assert_int_equal(month_value(f->db, "risk_fund_balance", "z", 2017, 12), FEN(71999997));
	assert_int_equal(month_value(f->db, "risk_fund_balance", "z", 2017, 6), FEN(59999997));
	assert_int_equal(month_value(f->db, "fund_loans_outstanding", "z", 2017, 5), WAN(1000));
	assert_int_equal(month_value(f->db, "fund_loans_outstanding", "z", 2017, 6), WAN(400));
	assert_int_equal(month_value(f->db, "fund_compensation", "z", 2017, 6), FEN(40000003));
	assert_int_equal(month_value(f->db, "fund_compensation", "z", 2017, 7), 0);
	assert_int_equal(month_value(f->db, "fund_recovered", "z", 2017, 9), YUAN(120000));
	assert_int_equal(month_value(f->db, "fund_loans_granted", "z", 2017, 2), WAN(600));
	assert_int_equal(month_value(f->db, "fund_loans_count", "z", 2017, 3), DEC_ONE);
	/* leverage used in May: 1000 ÷ (10 × 100) = 100%; in December
	 * 400 ÷ 7 199 999.7 元 = 55.5555578…%: 55.5556 */
	assert_int_equal(month_value(f->db, "fund_leverage_used", "z", 2017, 5), PCT(100));
	assert_int_equal(month_value(f->db, "fund_leverage_used", "z", 2017, 12), 555556);
	/* no figures before the fund began */
	assert_int_equal(month_value(f->db, "risk_fund", "z", 2016, 12), -1);
}

static void test_default_rules(void **state)
{
	struct fx *f = *state;
	char text[256];
	load_loans(f->db, "L1,rf,农业银行,e1,苏微贷,600,2017-02-01,2018-01-31,\n"
	                  "L2,rf,农业银行,e2,苏微贷,100,2017-03-01,2018-02-28,2017-09-30\n");
#define EV(rows) (snprintf(text, sizeof text, "%s%s", EVENT_HEAD, rows), text)
	import_bad(f->db, "fund-events", EV("L1,2017-01-31,default,100,\n"),
	           "column \"date\": 2017-01-31 is before loan \"L1\" was granted, 2017-02-01");
	import_bad(f->db, "fund-events", EV("L1,2017-06-30,default,6000000.01,\n"),
	           "column \"amount\": 600.000001 万元 is more than loan \"L1\" lent, 600 万元");
	import_bad(f->db, "fund-events", EV("L2,2017-10-01,default,100,\n"),
	           "column \"date\": loan \"L2\" was repaid on 2017-09-30");
	import_bad(f->db, "fund-events", EV("L1,2017-06-30,recover,100,\n"),
	           "column \"kind\": loan \"L1\" has not defaulted; there is nothing to recover");
	import_bad(f->db, "fund-events", EV("L9,2017-06-30,default,100,\n"),
	           "column \"loan\": unknown loan \"L9\"");
	import_bad(f->db, "fund-events", EV("L1,2017-06-30,default,100.001,\n"),
	           "column \"amount\": \"100.001\" is not a whole number of fen");
	import_bad(f->db, "fund-events", EV("L1,2017-06-30,lost,100,\n"),
	           "column \"kind\": \"lost\" (expected default (代偿), recover (追偿))");
	tdb_load(f->db, "fund-events", EV("L1,2017-06-30,代偿,1000,\n"));
	import_bad(f->db, "fund-events", EV("L1,2017-07-30,default,100,\n"),
	           "loan \"L1\" already defaulted on 2017-06-30 (a loan defaults once)");
	import_bad(f->db, "fund-events", EV("L1,2017-06-29,recover,100,\n"),
	           "2017-06-29 is before loan \"L1\" defaulted, 2017-06-30");
	tdb_load(f->db, "fund-events", EV("L1,2017-08-01,recover,600,\n"));
	import_bad(f->db, "fund-events", EV("L1,2017-09-01,recover,400.01,\n"),
	           "the recoveries of loan \"L1\" would come to 0.100001 万元, more than the 0.1 万元 "
	           "it defaulted with");
	/* a defaulted loan is not repaid afterwards, and keeps its fund */
	bad_loans(f->db, "L1,rf,农业银行,e1,苏微贷,600,2017-02-01,2018-01-31,2017-12-01\n", 2,
	          "column \"repaid\": loan \"L1\" defaulted on 2017-06-30; it cannot be repaid");
#undef EV
}

/* The fund pays its share of a default from its balance: a default that
 * would take it below nothing is refused, and so is a withdrawal dated
 * before a default that leaves enough on its own day but not on the
 * default's. */
static void test_balance_never_negative(void **state)
{
	struct fx *f = *state;
	char text[256];
	load_loans(f->db, "L1,rf,农业银行,e1,苏微贷,600,2017-02-01,2018-01-31,\n"
	                  "L2,rf,农业银行,e2,苏微贷,400,2017-03-01,2018-02-28,\n");
#define EV(rows) (snprintf(text, sizeof text, "%s%s", EVENT_HEAD, rows), text)
	/* 600 万元 lost: the fund's 40% is 240 万元 of its 100 */
	import_bad(f->db, "fund-events", EV("L1,2017-06-30,default,6000000,\n"),
	           "column \"amount\": the fund's share, 240 万元, would leave fund \"rf\" with less "
	           "than nothing on 2017-06-30 (-140 万元): record the capital that paid it first");
	/* 200 万元 lost: 80 万元 of the fund's, 20 万元 left */
	tdb_import_ok(f->db, "fund-events", EV("L1,2017-06-30,default,2000000,\n"), 1, 0, 0);
	/* 30 万元 out on 2017-07-01 leaves less than nothing at once */
	import_bad(f->db, "fund-moves", "fund,date,kind,amount(万元)\nrf,2017-07-01,withdraw,30\n",
	           "would be left with less than nothing on 2017-07-01 (-10 万元)");
	/* and dated in June before the default: 70 万元 on its day (600 of
	 * loans under 10 × 70), less than nothing when the default is paid */
	import_bad(f->db, "fund-moves", "fund,date,kind,amount(万元)\nrf,2017-02-15,withdraw,30\n",
	           "column \"amount\": the movement of 2017-02-15: fund \"rf\" would be left with "
	           "less than nothing on 2017-06-30 (-10 万元)");
	/* topped up before the default, it pays 600 万元's share */
	tdb_import_ok(f->db, "fund-moves", "fund,date,kind,amount(万元)\nrf,2017-06-01,inject,200\n",
	              1, 0, 0);
	tdb_import_ok(f->db, "fund-events", EV("L1,2017-06-30,default,6000000,\n"), 0, 1, 0);
#undef EV
}

/* ---- bad input, each named ---- */

static void test_bad_funds(void **state)
{
	struct fx *f = *state;
	static const char H[] = "code,name,unit,bank,leverage,share_fund,share_bank,share_insurer\n";
	char text[512];
#define F(row) (snprintf(text, sizeof text, "%s%s\n", H, row), text)
	import_bad(f->db, "funds", F("f2,基金,z,银行,10,40,40,21"),
	           "column \"share_insurer\": the shares of fund, bank and insurer add up to 101%, "
	           "not 100%");
	import_bad(f->db, "funds", F("f2,基金,z,银行,10,-10,90,20"),
	           "column \"share_fund\": \"-10\" (expected a percentage from 0 to 100)");
	import_bad(f->db, "funds", F("f2,基金,z,银行,0,40,40,20"),
	           "column \"leverage\": \"0\" (expected a multiple above 0");
	import_bad(f->db, "funds", F("f2,基金,z,银行,十,40,40,20"), "column \"leverage\"");
	import_bad(f->db, "funds", F("f2,基金,nowhere,银行,10,40,40,20"),
	           "column \"unit\": unknown unit \"nowhere\"");
	import_bad(f->db, "funds", F("f2,,z,银行,10,40,40,20"), "column \"name\"");
#undef F
}

static void test_bad_loans(void **state)
{
	struct fx *f = *state;
	bad_loans(f->db, "L1,nofund,农业银行,e1,苏微贷,1,2017-02-01,2018-01-31,\n", 2,
	          "column \"fund\": unknown fund \"nofund\"");
	bad_loans(f->db, "L1,rf,农业银行,p1,苏微贷,1,2017-02-01,2018-01-31,\n", 2,
	          "column \"enterprise\": \"p1\" is a park, not a enterprise");
	bad_loans(f->db, "L1,rf,农业银行,e9,苏微贷,1,2017-02-01,2018-01-31,\n", 2,
	          "column \"enterprise\": unknown unit \"e9\"");
	bad_loans(f->db, "L1,rf,农业银行,e1,苏微贷,-1,2017-02-01,2018-01-31,\n", 2,
	          "column \"amount\": \"-1\" is negative");
	bad_loans(f->db, "L1,rf,农业银行,e1,苏微贷,0,2017-02-01,2018-01-31,\n", 2,
	          "column \"amount\": zero");
	bad_loans(f->db, "L1,rf,农业银行,e1,苏微贷,1x,2017-02-01,2018-01-31,\n", 2,
	          "column \"amount\"");
	bad_loans(f->db, "L1,rf,农业银行,e1,苏微贷,1,2017-02-30,2018-01-31,\n", 2,
	          "column \"granted\"");
	bad_loans(f->db, "L1,rf,农业银行,e1,苏微贷,1,2017-02-01,2017-02-01,\n", 2,
	          "column \"due\": 2017-02-01 is not after the day granted, 2017-02-01");
	bad_loans(f->db, "L1,rf,农业银行,e1,苏微贷,1,2017-02-01,2018-02-01,2017-01-01\n", 2,
	          "column \"repaid\": 2017-01-01 is before the day granted, 2017-02-01");
	bad_loans(f->db, "L1,rf,,e1,苏微贷,1,2017-02-01,2018-02-01,\n", 2, "column \"bank\"");
	/* a good row first, the bad one on line 3: still nothing written */
	bad_loans(f->db, "L1,rf,农业银行,e1,苏微贷,1,2017-02-01,2018-02-01,\n"
	                 "L1,rf,农业银行,e1,苏微贷,1,2017-02-01,2018-02-01,\n", 3, "line 2");
}

static void test_bad_network_rows(void **state)
{
	struct fx *f = *state;
	static const char G[] = "code,guarantor,borrower,bank,amount(万元),start,ends\n";
	char text[512];
#define R(h, row) (snprintf(text, sizeof text, "%s%s\n", h, row), text)
	import_bad(f->db, "guarantees", R(G, "g1,e1,e1,银行,100,,"),
	           "column \"borrower\": \"e1\" cannot guarantee itself");
	import_bad(f->db, "guarantees", R(G, "g1,e1,e2,银行,100,2017-05-01,2017-04-30"),
	           "column \"ends\": 2017-04-30 is before the guarantee starts, 2017-05-01");
	import_bad(f->db, "guarantees", R(G, "g1,e1,z,银行,100,,"),
	           "column \"borrower\": \"z\" is a zone, not a enterprise");
	import_bad(f->db, "credit-actions",
	           R("enterprise,bank,date,kind,amount(万元)\n", "e1,银行,2017-05-01,squeeze,100"),
	           "column \"kind\": \"squeeze\" (expected cut (压贷), call (抽贷))");
	import_bad(f->db, "interventions",
	           R("enterprise,date,kind,bank,outcome\n", "e1,2017-05-01,pray,,"),
	           "column \"kind\": \"pray\" (expected meeting (银企会商), restructure (债务重组), "
	           "bridge (过桥资金))");
	import_bad(f->db, "financing-needs",
	           R("code,enterprise,raised,amount(万元),matched(万元),granted(万元),granted_date\n",
	             "n1,e1,2017-05-01,100,50,60,2017-06-01"),
	           "column \"granted\": more than was matched");
	import_bad(f->db, "financing-needs",
	           R("code,enterprise,raised,amount(万元),matched(万元)\n", "n1,e1,2017-05-01,100,101"),
	           "column \"matched\": more than the need raised");
	import_bad(f->db, "financing-needs",
	           R("code,enterprise,raised,amount(万元),matched(万元),granted(元)\n",
	             "n1,e1,2017-05-01,100,50,50"),
	           "must be in one measure");
	import_bad(f->db, "bank-meetings", R("code,date,title,banks\n", "m1,2017-05-01,会,甲;乙;甲"),
	           "column \"banks\": \"甲\" is listed twice");
	import_bad(f->db, "bank-meetings",
	           R("code,date,title,park,banks\n", "m1,2017-05-01,会,e1,甲"),
	           "column \"park\": \"e1\" is a enterprise, not a park");
#undef R
}

/* ---- matching, the network, history, round trips ---- */

static void test_meetings_and_sums(void **state)
{
	struct fx *f = *state;
	struct fin_meeting_res r;
	struct kfq_err err = { 0 };
	struct period all = { 0 };
	tdb_load(f->db, "bank-meetings", "code,date,title,park,banks,enterprises\n"
	         "m1,2017-03-10,对接会,p1,农业银行、工商银行,e1;e2\n"
	         "m2,2017-09-10,走进开发区,,农业银行;创投,e3\n");
	tdb_load(f->db, "financing-needs", "code,meeting,enterprise,channel,lender,raised,"
	         "amount(万元),matched(万元),granted(万元),granted_date\n"
	         "n1,m1,e1,loan,农业银行,2017-03-10,500,300,200,2017-04-01\n"
	         "n2,m1,e2,贷款,工商银行,2017-03-10,100,,,\n"
	         "n3,m2,e3,equity,创投,2017-09-10,800,800,800,2017-10-20\n");
	assert_int_equal(fin_meetings(tdb_ctx(), f->db, &all, &r, &err), 0);
	assert_int_equal(r.n, 2);
	assert_string_equal(r.v[0].banks, "农业银行、工商银行");
	assert_int_equal(r.v[0].nneeds, 2);
	assert_true(r.v[0].needs == WAN(600));
	/* per bank, in byte order (农 E5 86, 创 E5 88, 工 E5 B7): 农业银行 2
	 * meetings, 500/300/200; 创投 1, 800/800/800; 工商银行 1, 100/0/0 */
	assert_int_equal(r.nbank, 3);
	assert_string_equal(r.bank[0].key, "农业银行");
	assert_int_equal(r.bank[0].meetings, 2);
	assert_true(r.bank[0].granted == WAN(200));
	/* per park: the zone-wide meeting under "", p1 (e1, e2), p2 (e3) */
	assert_int_equal(r.npark, 3);
	assert_string_equal(r.park[1].key, "p1");
	assert_true(r.park[1].needs == WAN(600));
	assert_true(r.park[2].granted == WAN(800));
	fin_meeting_res_release(&r);
	/* the figures: meetings in their park or the zone; granted in its month */
	assert_int_equal(month_value(f->db, "bank_meetings", "p1", 2017, 3), DEC_ONE);
	assert_int_equal(month_value(f->db, "bank_meetings", "z", 2017, 9), DEC_ONE);
	/* the zone holds a meeting of its own, so the core does not sum its
	 * parks: its figure carries p1's March meeting too */
	assert_int_equal(month_value(f->db, "bank_meetings", "z", 2017, 3), DEC_ONE);
	assert_int_equal(month_value(f->db, "financing_needs", "z", 2017, 3), WAN(600));
	assert_int_equal(month_value(f->db, "financing_granted", "p1", 2017, 4), WAN(200));
	assert_int_equal(month_value(f->db, "financing_granted", "p2", 2017, 10), WAN(800));
	assert_int_equal(month_value(f->db, "financing_needs", "p1", 2017, 3), WAN(600));
}

static void test_network_from_store(void **state)
{
	struct fx *f = *state;
	struct fin_net_res r;
	struct kfq_err err = { 0 };
	struct date d;
	/* e1 → e2 → e3 → e1 a circle, e4 → e3 into it; g5 ended in 2016 */
	tdb_load(f->db, "guarantees", "code,guarantor,borrower,bank,amount(万元),start,ends\n"
	         "g1,e1,e2,银行,500,2016-01-01,2018-12-31\n"
	         "g2,e2,e3,银行,300,,\n"
	         "g3,e3,e1,银行,400,2017-01-01,\n"
	         "g4,e4,e3,银行,200,2017-02-01,2018-01-31\n"
	         "g5,e4,e1,银行,100,2015-01-01,2016-12-31\n");
	assert_int_equal(fin_network(tdb_ctx(), f->db, NULL, "e4", &r, &err), 0);
	assert_int_equal(r.nfirm, 4);
	assert_int_equal(r.ncircle, 1);
	assert_int_equal(r.circle_n[0], 3);
	assert_int_equal(r.nchain, 1);
	assert_string_equal(r.chain[0], "e4 → 〔e1 ⇄ e2 ⇄ e3〕");
	/* e4's exposure: e3 (1 link), e1 (2: by g5 as well), e2 (2) downward */
	assert_int_equal(r.firm[2].dist_down, 1);
	assert_int_equal(r.firm[0].dist_down, 1);   /* g5 e4 → e1, every guarantee */
	fin_net_res_release(&r);
	/* in force on 2017-06-30: g5 ended; e4 reaches e1 through e3 */
	assert_int_equal(date_parse("2017-06-30", &d, &err), 0);
	assert_int_equal(fin_network(tdb_ctx(), f->db, &d, "e4", &r, &err), 0);
	assert_int_equal(r.nguarantees, 4);
	assert_int_equal(r.firm[0].dist_down, 2);
	assert_true(r.amount_down == WAN(200 + 400 + 500 + 300));
	fin_net_res_release(&r);
	/* on 2016-06-30: only g1, g2, g5 (g3 not yet): no circle, chains
	 * e1 → e2 → e3 and e4 → e1 → e2 → e3 */
	assert_int_equal(date_parse("2016-06-30", &d, &err), 0);
	assert_int_equal(fin_network(tdb_ctx(), f->db, &d, NULL, &r, &err), 0);
	assert_int_equal(r.ncircle, 0);
	assert_int_equal(r.nchain, 1);
	assert_string_equal(r.chain[0], "e4 → e1 → e2 → e3");
	fin_net_res_release(&r);
	/* a firm in no guarantee */
	assert_int_equal(fin_network(tdb_ctx(), f->db, &d, "z", &r, &err), -1);
	assert_err_has(&err, "\"z\" is in no guarantee in force that day");
	fin_net_res_release(&r);
}

static void test_warn(void **state)
{
	struct fx *f = *state;
	struct fin_warn_res r;
	struct kfq_err err = { 0 };
	struct date d;
	tdb_load(f->db, "guarantees", "code,guarantor,borrower,amount(万元)\n"
	         "g1,e1,e2,500\ng2,e2,e1,300\ng3,e3,e2,100\n");
	tdb_load(f->db, "credit-actions", "enterprise,bank,date,kind,amount(万元)\n"
	         "e2,江苏银行,2017-05-01,cut,300\ne2,江苏银行,2017-06-01,call,200\n"
	         "e4,工商银行,2017-11-01,压贷,50\n");
	tdb_load(f->db, "interventions", "enterprise,date,kind,bank,outcome\n"
	         "e2,2017-06-05,bridge,江苏银行,续贷\n");
	assert_int_equal(date_parse("2017-12-31", &d, &err), 0);
	assert_int_equal(fin_warn(tdb_ctx(), f->db, &d, &r, &err), 0);
	assert_int_equal(r.n, 2);
	assert_string_equal(r.v[0].code, "e2");
	assert_true(r.v[0].cut == WAN(300));
	assert_true(r.v[0].called == WAN(200));
	assert_true(r.v[0].in_circle);
	/* e2's guarantors: e1 (its circle) and e3; exposed: e1 and e3 */
	assert_int_equal(r.v[0].guarantors, 2);
	assert_int_equal(r.v[0].exposed, 2);
	assert_true(r.v[0].helped);
	assert_string_equal(r.v[0].interventions, "2017-06-05 过桥资金: 续贷");
	assert_false(r.v[1].helped);
	assert_int_equal(r.v[1].exposed, 0);
	fin_warn_res_release(&r);
	/* on 2017-05-31 the call had not come and nothing was done yet */
	assert_int_equal(date_parse("2017-05-31", &d, &err), 0);
	assert_int_equal(fin_warn(tdb_ctx(), f->db, &d, &r, &err), 0);
	assert_int_equal(r.n, 1);
	assert_true(r.v[0].called == 0);
	assert_false(r.v[0].helped);
	fin_warn_res_release(&r);
}

static void test_history(void **state)
{
	struct fx *f = *state;
	load_loans(f->db, "L1,rf,农业银行,e1,苏微贷,600,2017-02-01,2018-01-31,\n");
	/* the same again: unchanged, no new history; then repaid: changed */
	{
		char *s = loans("L1,rf,农业银行,e1,苏微贷,600,2017-02-01,2018-01-31,\n");
		int64_t h = tdb_scalar(f->db, "SELECT count(*) FROM history");
		tdb_import_ok(f->db, "fund-loans", s, 0, 0, 1);
		assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM history"), h);
		free(s);
		s = loans("L1,rf,农业银行,e1,苏微贷,600,2017-02-01,2018-01-31,2017-10-31\n");
		tdb_import_ok(f->db, "fund-loans", s, 0, 1, 0);
		free(s);
	}
	{
		struct kfq_stmt *st = tdb_prepare(f->db, "SELECT note FROM history WHERE kind = "
		                                  "'fund-loan' AND unit = 'L1' ORDER BY id DESC");
		assert_int_equal(st_step(st), ST_ROW);
		assert_string_equal(st_text(st, 0), "repaid:  → 2017-10-31");
		assert_int_equal(st_step(st), ST_ROW);
		assert_string_equal(st_text(st, 0), "added");
		st_finalize(st);
	}
	/* a default and a recovery are kept under their loan, a movement under
	 * its fund, each saying which of them it was */
	tdb_load(f->db, "fund-events", "loan,date,kind,amount(万元)\nL1,2017-06-30,default,100\n");
	tdb_load(f->db, "fund-events", "loan,date,kind,amount(万元),note\n"
	         "L1,2017-06-30,default,100,停产\n");
	{
		struct kfq_stmt *st = tdb_prepare(f->db, "SELECT note FROM history WHERE kind = "
		                                  "'fund-event' AND unit = 'L1' ORDER BY id");
		assert_int_equal(st_step(st), ST_ROW);
		assert_string_equal(st_text(st, 0), "2017-06-30 default: added");
		assert_int_equal(st_step(st), ST_ROW);
		assert_string_equal(st_text(st, 0), "2017-06-30 default: note:  → 停产");
		assert_int_equal(st_step(st), ST_DONE);
		st_finalize(st);
	}
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM history WHERE kind = 'fund-move' "
	                            "AND unit = 'rf' AND note = '2017-01-10 inject: added'"), 1);
}

/* Every kind exported and imported again: nothing changes. */
static void test_round_trip(void **state)
{
	static const char *const KINDS[] = { "funds", "fund-moves", "fund-loans", "fund-events",
	                                     "bank-meetings", "financing-needs", "credit-actions",
	                                     "guarantees", "interventions" };
	struct fx *f = *state;
	load_loans(f->db, "L1,rf,农业银行,e1,苏微贷,600.000001,2017-02-01,2018-01-31,\n"
	                  "L2,rf,农业银行,e2,苏微贷,100,2017-03-01,2018-02-28,2017-09-30\n");
	tdb_load(f->db, "fund-events", "loan,date,kind,amount(元),note\n"
	         "L1,2017-06-30,default,1000000.07,逾期\nL1,2017-09-15,recover,3,\n");
	tdb_load(f->db, "bank-meetings", "code,date,title,park,banks,enterprises\n"
	         "m1,2017-03-10,对接会,p1,农业银行、工商银行,e2;e1\n");
	tdb_load(f->db, "financing-needs", "code,meeting,enterprise,channel,lender,raised,"
	         "amount(万元),matched(万元),granted(万元),granted_date\n"
	         "n1,m1,e1,loan,农业银行,2017-03-10,500.01,300,200,2017-04-01\n"
	         "n2,,e2,equity,创投,2017-03-10,100,,,\n");
	tdb_load(f->db, "credit-actions", "enterprise,bank,date,kind,amount(万元),note\n"
	         "e2,江苏银行,2017-05-01,cut,300,=cmd\n");
	tdb_load(f->db, "guarantees", "code,guarantor,borrower,bank,amount(万元),start,ends\n"
	         "g1,e1,e2,,500,,2018-01-01\n");
	tdb_load(f->db, "interventions", "enterprise,date,kind,bank,outcome\n"
	         "e2,2017-06-05,bridge,江苏银行,\"续贷, 成功\"\n");
	for (size_t k = 0; k < sizeof KINDS / sizeof KINDS[0]; k++) {
		struct grid g;
		struct kfq_err err = { 0 };
		char *buf = NULL;
		size_t len = 0, rows;
		FILE *out = open_memstream(&buf, &len);
		if (export_build(f->db, KINDS[k], &g, &err) < 0)
			fail_msg("export %s: %s", KINDS[k], err.msg);
		rows = g.nrows;
		assert_true(rows > 0);
		grid_write(&g, GRID_CSV, out);
		fclose(out);
		grid_release(&g);
		tdb_import_ok(f->db, KINDS[k], buf, 0, 0, rows);
		free(buf);
	}
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_split_examples),
		cmocka_unit_test(test_split_adds_up),
		cmocka_unit_test(test_split_refused),
		T(test_leverage_exactly_at),
		T(test_leverage_one_fen_over),
		T(test_leverage_repaid_frees_room),
		T(test_leverage_backdated),
		T(test_leverage_withdraw_and_lower),
		T(test_default_and_recovery),
		T(test_default_rules),
		T(test_balance_never_negative),
		T(test_bad_funds),
		T(test_bad_loans),
		T(test_bad_network_rows),
		T(test_meetings_and_sums),
		T(test_network_from_store),
		T(test_warn),
		T(test_history),
		T(test_round_trip),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
