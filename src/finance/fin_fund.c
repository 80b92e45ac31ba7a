/* fin_fund.c: the risk compensation fund's rules (see finance.h): the
 * exact split of a default among fund, bank and insurer, funds and their
 * capital movements, loans under the leverage limit, defaults and
 * recoveries. Depends on base, store. */
#include "finance/fin_part.h"

#include <stdio.h>
#include <string.h>

#define HUNDRED_PCT (100 * DEC_ONE)   /* 100% in 1/10 000 */

int fin_split(dec amount, const dec shares[FP_N], dec parts[FP_N], struct kfq_err *err)
{
	int64_t fen, left, rem[FP_N];
	dec total = 0;
	if (amount < 0 || amount % 100 != 0)
		return kfq_error(err, "an amount to split must be a whole number of fen (分), not "
		                 "negative");
	for (int p = 0; p < FP_N; p++) {
		if (shares[p] < 0 || dec_add(total, shares[p], &total) < 0)
			return kfq_error(err, "the shares must not be negative");
	}
	if (total != HUNDRED_PCT)
		return kfq_error(err, "the shares of fund, bank and insurer must add up to 100%%");
	fen = amount / 100;
	left = fen;
	for (int p = 0; p < FP_N; p++) {
		/* fen × share ÷ 100%: the share is in 1/10 000 of a percent */
		__int128 num = (__int128)fen * shares[p];
		parts[p] = (dec)(num / (100 * DEC_ONE));
		rem[p] = (int64_t)(num % (100 * DEC_ONE));
		left -= parts[p];
	}
	/* fewer than FP_N fen left: one each to the largest remainders, ties
	 * to the earlier party */
	while (left > 0) {
		int best = -1;
		for (int p = 0; p < FP_N; p++)
			if (rem[p] >= 0 && (best < 0 || rem[p] > rem[best]))
				best = p;
		parts[best]++;
		rem[best] = -1;
		left--;
	}
	for (int p = 0; p < FP_N; p++)
		parts[p] *= 100;
	return 0;
}

/* ---- funds ---- */

static int parse_share(const char *s, const char *field, dec *v, struct kfq_err *err)
{
	if (fin_need_text(s, field, err) < 0)
		return -1;
	if (dec_parse(s, 0, v, err) < 0)
		return kfq_err_set_field(err, field);
	if (*v < 0 || *v > HUNDRED_PCT)
		return kfq_error_field(err, field, "\"%s\" (expected a percentage from 0 to 100)", s);
	return 0;
}

/* 万元 text of v, exact. */
static const char *wan(dec v, char buf[48])
{
	dec_format(v, 4, -1, buf, 48);
	return buf;
}

/* The first day on or after from whose balance falls below nothing (a
 * movement's or a default's or recovery's: the balance changes on no
 * other), its balance in *bal; NULL when there is none or the sums do not
 * fit (*bal then 1). */
static const char *first_negative(const struct fin_fund_mem *f, const char *from, dec *bal)
{
	const char *worst = NULL;
	for (size_t i = 0; i < f->nmv + f->nev; i++) {
		const char *day = i < f->nmv ? f->mv[i].date : f->ev[i - f->nmv].date;
		dec b;
		if (strcmp(day, from) < 0 || (worst && strcmp(day, worst) >= 0))
			continue;
		if (fin_fund_balance(f, day, &b) < 0) {
			*bal = 1;
			return NULL;
		}
		if (b < 0) {
			worst = day;
			*bal = b;
		}
	}
	return worst;
}

/* What a refusal of the leverage rule is about: a loan, a movement of the
 * capital, the fund itself (its leverage); key names it (the loan's code,
 * the movement's day, the fund's code). */
enum fin_subject { FS_LOAN, FS_MOVE, FS_FUND };

/* The leverage rule for fund f as stored now: on day from and on every
 * later day a loan was granted, its loans outstanding ≤ leverage ×
 * balance. loan: the loan the row is (0 none), whose amount is taken out
 * to give the headroom. */
static int check_leverage(const struct fin_fund_mem *f, const char *from, int64_t loan,
                          enum fin_subject subject, const char *key, struct kfq_err *err)
{
	for (size_t i = 0; i <= f->nln; i++) {
		const char *day = i == f->nln ? from : f->ln[i].granted;
		dec bal, out, limit, mine = 0, head;
		char a[48], b[48], c[48], d[48], e[48];
		if (strcmp(day, from) < 0 || (i == f->nln && !from[0]))
			continue;
		if (fin_fund_balance(f, day, &bal) < 0 || fin_fund_outstanding(f, day, 0, &out) < 0 ||
		    dec_mul(f->leverage, bal, &limit) < 0)
			return kfq_error(err, "fund \"%s\": the amounts do not fit", f->code);
		/* a loan answers for the days it is outstanding */
		if (loan && fin_fund_outstanding(f, day, loan, &mine) < 0)
			return kfq_error(err, "fund \"%s\": the amounts do not fit", f->code);
		if (out <= limit || (loan && mine == out))
			continue;
		/* the headroom: the limit less the other loans outstanding */
		if (dec_sub(limit, loan ? mine : out, &head) < 0)
			head = 0;
		dec_format(f->leverage, 0, -1, b, sizeof b);
#define OVER " on %s fund \"%s\" would have %s 万元 of loans outstanding, over its limit " \
		"of %s × its balance %s 万元 = %s 万元; the headroom left is %s 万元"
		switch (subject) {
		case FS_LOAN:
			return kfq_error(err, "loan \"%s\":" OVER, key, day, f->code, wan(out, a), b,
			                 wan(bal, c), wan(limit, d), head > 0 ? wan(head, e) : "0");
		case FS_MOVE:
			return kfq_error(err, "the movement of %s:" OVER, key, day, f->code, wan(out, a),
			                 b, wan(bal, c), wan(limit, d), head > 0 ? wan(head, e) : "0");
		default:
			return kfq_error(err, "fund \"%s\":" OVER, key, day, f->code, wan(out, a), b,
			                 wan(bal, c), wan(limit, d), head > 0 ? wan(head, e) : "0");
		}
#undef OVER
	}
	return 0;
}

/* Load fund id and check its leverage from day from. */
static int verify_fund(struct kfq_db *db, int64_t id, const char *from, int64_t loan,
                       enum fin_subject subject, const char *key, struct kfq_err *err)
{
	struct fin_fund_mem f;
	int rc = fin_fund_load(db, id, &f, err);
	if (rc == 0)
		rc = check_leverage(&f, from, loan, subject, key, err);
	fin_fund_mem_release(&f);
	return rc;
}

int fin_fund_put(struct kfq_db *db, const struct fin_fund_row *r, int *changed,
                 struct kfq_err *err)
{
	static const char GET[] =
		"SELECT f.name, u.code, f.bank, CAST(f.leverage AS TEXT), CAST(f.share_fund AS TEXT), "
		"CAST(f.share_bank AS TEXT), CAST(f.share_insurer AS TEXT) FROM fin_fund f "
		"JOIN unit u ON u.id = f.unit_id WHERE f.code = ?";
	static const char PUT[] =
		"INSERT INTO fin_fund(code, name, unit_id, bank, leverage, share_fund, share_bank, "
		"share_insurer) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT(code) DO UPDATE SET "
		"name = ?2, unit_id = ?3, bank = ?4, leverage = ?5, share_fund = ?6, share_bank = ?7, "
		"share_insurer = ?8";
	static const char *const NAMES[] = { "name", "unit", "bank", "leverage", "share_fund",
	                                     "share_bank", "share_insurer" };
	dec lev, sh[FP_N], total = 0;
	int64_t unit;
	char t[4][24];
	struct sbuf note;
	struct kfq_stmt *st;
	int exists, rc;

	if (fin_need_text(r->code, "code", err) < 0 || fin_need_text(r->name, "name", err) < 0 ||
	    fin_unit(db, "unit", r->unit, NULL, &unit, err) < 0 ||
	    fin_need_text(r->leverage, "leverage", err) < 0)
		return -1;
	if (dec_parse(r->leverage, 0, &lev, err) < 0)
		return kfq_err_set_field(err, "leverage");
	if (lev <= 0)
		return kfq_error_field(err, "leverage", "\"%s\" (expected a multiple above 0: loans "
		                       "outstanding ≤ leverage × the fund's balance)", r->leverage);
	if (parse_share(r->share_fund, "share_fund", &sh[FP_FUND], err) < 0 ||
	    parse_share(r->share_bank, "share_bank", &sh[FP_BANK], err) < 0 ||
	    parse_share(r->share_insurer, "share_insurer", &sh[FP_INSURER], err) < 0)
		return -1;
	for (int p = 0; p < FP_N; p++)
		total += sh[p];
	if (total != HUNDRED_PCT) {
		char buf[48];
		dec_format(total, 0, -1, buf, sizeof buf);
		return kfq_error_field(err, "share_insurer", "the shares of fund, bank and insurer "
		                       "add up to %s%%, not 100%%", buf);
	}
	fin_i64_text(lev, t[0]);
	for (int p = 0; p < FP_N; p++)
		fin_i64_text(sh[p], t[1 + p]);
	{
		const char *now[] = { r->name, r->unit, fin_nz(r->bank), t[0], t[1], t[2], t[3] };
		const char *keys[] = { r->code };
		sbuf_init(&note);
		rc = fin_compare(db, GET, keys, 1, NAMES, now, 7, &exists, &note, err);
	}
	*changed = rc < 0 ? 0 : !exists ? 1 : note.len ? 2 : 0;
	if (rc == 0 && *changed) {
		if ((rc = db_prepare(db, PUT, &st, err)) == 0) {
			st_bind_text(st, 1, r->code);
			st_bind_text(st, 2, r->name);
			st_bind_i64(st, 3, unit);
			if (fin_nz(r->bank))
				st_bind_text(st, 4, r->bank);
			st_bind_i64(st, 5, lev);
			for (int p = 0; p < FP_N; p++)
				st_bind_i64(st, 6 + p, sh[p]);
			rc = st_step(st) == ST_DONE ? 0 : db_fault(db, err, "writing a fund");
			st_finalize(st);
		}
		if (rc == 0 && *changed == 2) {
			/* a lower leverage must still hold for the loans registered */
			int64_t id = fin_id_of(db, "fin_fund", r->code, err);
			rc = id < 0 ? -1 : verify_fund(db, id, "", 0, FS_FUND, r->code, err);
			if (rc < 0 && err->kind == KFQ_EUSER)
				kfq_err_set_field(err, "leverage");
		}
		if (rc == 0)
			rc = fin_history(db, "fund", r->code, NULL, *changed, note.buf, err);
	}
	sbuf_release(&note);
	return rc;
}

/* ---- capital movements ---- */

int fin_move_put(struct kfq_db *db, const struct fin_move_row *r, int *changed,
                 struct kfq_err *err)
{
	static const char GET[] =
		"SELECT CAST(m.amount AS TEXT), m.note FROM fin_fund_move m JOIN fin_fund f ON "
		"f.id = m.fund_id WHERE f.code = ? AND m.date = ? AND m.kind = ?";
	static const char PUT[] =
		"INSERT INTO fin_fund_move(fund_id, date, kind, amount, note) VALUES (?1, ?2, ?3, ?4, ?5) "
		"ON CONFLICT(fund_id, date, kind) DO UPDATE SET amount = ?4, note = ?5";
	static const char *const NAMES[] = { "amount(元)", "note" };
	struct date d;
	char iso[16], am[24], key[160];
	int64_t fund;
	dec v;
	int kind, exists, rc;
	struct sbuf note;
	struct kfq_stmt *st;

	if (fin_need_text(r->fund, "fund", err) < 0)
		return -1;
	if ((fund = fin_id_of(db, "fin_fund", r->fund, err)) < 0)
		return -1;
	if (!fund)
		return kfq_error_field(err, "fund", "unknown fund \"%s\"", r->fund);
	if (fin_date(r->date, "date", &d, iso, err) < 0 ||
	    fin_kind(r->kind, "kind", FIN_MOVE_KIND, FIN_MOVE_KIND_ZH, &kind, err) < 0 ||
	    fin_money(r->amount, r->shift, "amount", &v, err) < 0)
		return -1;
	if (v == 0)
		return kfq_error_field(err, "amount", "zero (a movement moves money)");
	fin_i64_text(v, am);
	{
		const char *now[] = { am, fin_nz(r->note) };
		const char *keys[] = { r->fund, iso, FIN_MOVE_KIND[kind] };
		sbuf_init(&note);
		rc = fin_compare(db, GET, keys, 3, NAMES, now, 2, &exists, &note, err);
	}
	*changed = rc < 0 ? 0 : !exists ? 1 : note.len ? 2 : 0;
	if (rc == 0 && *changed) {
		if ((rc = db_prepare(db, PUT, &st, err)) == 0) {
			st_bind_i64(st, 1, fund);
			st_bind_text(st, 2, iso);
			st_bind_text(st, 3, FIN_MOVE_KIND[kind]);
			st_bind_i64(st, 4, v);
			if (fin_nz(r->note))
				st_bind_text(st, 5, r->note);
			rc = st_step(st) == ST_DONE ? 0 : db_fault(db, err, "writing a fund movement");
			st_finalize(st);
		}
		snprintf(key, sizeof key, "%s %s", iso, FIN_MOVE_KIND[kind]);
		if (rc == 0) {
			/* what stands after it: the balance, and the loans it backs */
			struct fin_fund_mem f;
			dec bal = 0;
			if ((rc = fin_fund_load(db, fund, &f, err)) == 0) {
				const char *neg = first_negative(&f, iso, &bal);
				char a[48];
				if (neg)
					rc = kfq_error_field(err, "amount", "the movement of %s: fund "
					                     "\"%s\" would be left with less than "
					                     "nothing on %s (%s 万元)", iso, r->fund, neg,
					                     wan(bal, a));
				else if (bal == 1)
					rc = kfq_error(err, "fund \"%s\": the amounts do not fit", r->fund);
				if (rc == 0)
					rc = check_leverage(&f, iso, 0, FS_MOVE, iso, err);
				if (rc < 0 && err->kind == KFQ_EUSER && !err->field[0])
					kfq_err_set_field(err, "amount");
			}
			fin_fund_mem_release(&f);
		}
		if (rc == 0)
			rc = fin_history(db, "fund-move", r->fund, key, *changed, note.buf, err);
	}
	sbuf_release(&note);
	return rc;
}

/* ---- loans ---- */

int fin_loan_put(struct kfq_db *db, const struct fin_loan_row *r, int *changed,
                 struct kfq_err *err)
{
	static const char GET[] =
		"SELECT f.code, l.bank, u.code, l.product, CAST(l.amount AS TEXT), l.granted, l.due, "
		"l.repaid FROM fin_loan l JOIN fin_fund f ON f.id = l.fund_id JOIN unit u ON "
		"u.id = l.unit_id WHERE l.code = ?";
	static const char PUT[] =
		"INSERT INTO fin_loan(code, fund_id, bank, unit_id, product, amount, granted, due, repaid) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT(code) DO UPDATE SET "
		"fund_id = ?2, bank = ?3, unit_id = ?4, product = ?5, amount = ?6, granted = ?7, "
		"due = ?8, repaid = ?9";
	static const char EVENTS[] =
		"SELECT f.code, min(CASE WHEN e.kind = 'default' THEN e.date END), min(e.date), "
		"max(CASE WHEN e.kind = 'default' THEN e.amount END) FROM fin_loan_event e "
		"JOIN fin_loan l ON l.id = e.loan_id JOIN fin_fund f ON f.id = l.fund_id "
		"WHERE l.code = ? GROUP BY f.code";
	static const char *const NAMES[] = { "fund", "bank", "enterprise", "product", "amount(元)",
	                                     "granted", "due", "repaid" };
	struct date g, due, rep;
	char giso[16], diso[16], riso[16] = "", am[24];
	int64_t fund, unit, id;
	dec v;
	int exists, rc;
	struct sbuf note;
	struct kfq_stmt *st;

	if (fin_need_text(r->code, "code", err) < 0 || fin_need_text(r->fund, "fund", err) < 0)
		return -1;
	if ((fund = fin_id_of(db, "fin_fund", r->fund, err)) < 0)
		return -1;
	if (!fund)
		return kfq_error_field(err, "fund", "unknown fund \"%s\"", r->fund);
	if (fin_need_text(r->bank, "bank", err) < 0 ||
	    fin_unit(db, "enterprise", r->enterprise, "enterprise", &unit, err) < 0 ||
	    fin_need_text(r->product, "product", err) < 0 ||
	    fin_money(r->amount, r->shift, "amount", &v, err) < 0)
		return -1;
	if (v == 0)
		return kfq_error_field(err, "amount", "zero (a loan lends money)");
	if (fin_date(r->granted, "granted", &g, giso, err) < 0 ||
	    fin_date(r->due, "due", &due, diso, err) < 0)
		return -1;
	if (date_cmp(&due, &g) <= 0)
		return kfq_error_field(err, "due", "%s is not after the day granted, %s", diso, giso);
	if (fin_nz(r->repaid)) {
		if (fin_date(r->repaid, "repaid", &rep, riso, err) < 0)
			return -1;
		if (date_cmp(&rep, &g) < 0)
			return kfq_error_field(err, "repaid", "%s is before the day granted, %s", riso,
			                       giso);
	}
	/* a loan with a default or a recovery stays as it was then */
	if (db_prepare(db, EVENTS, &st, err) < 0)
		return -1;
	st_bind_text(st, 1, r->code);
	if ((rc = st_step(st)) == ST_ROW) {
		const char *dflt = st_null(st, 1) ? NULL : st_text(st, 1);
		if (strcmp(st_text(st, 0), r->fund) != 0)
			rc = kfq_error_field(err, "fund", "loan \"%s\" has a default under fund \"%s\"; "
			                     "it stays there", r->code, st_text(st, 0));
		else if (strcmp(st_text(st, 2), giso) < 0)
			rc = kfq_error_field(err, "granted", "loan \"%s\" has a default or recovery on "
			                     "%s, before %s", r->code, st_text(st, 2), giso);
		else if (dflt && riso[0])
			rc = kfq_error_field(err, "repaid", "loan \"%s\" defaulted on %s; it cannot "
			                     "be repaid", r->code, dflt);
		else if (!st_null(st, 3) && st_i64(st, 3) > v)
			rc = kfq_error_field(err, "amount", "loan \"%s\" defaulted with more than "
			                     "this", r->code);
		else
			rc = 0;
	} else {
		rc = rc == ST_ERROR ? db_fault(db, err, "reading a loan's defaults") : 0;
	}
	st_finalize(st);
	if (rc < 0)
		return -1;
	fin_i64_text(v, am);
	{
		const char *now[] = { r->fund, r->bank, r->enterprise, r->product, am, giso, diso,
		                      riso[0] ? riso : NULL };
		const char *keys[] = { r->code };
		sbuf_init(&note);
		rc = fin_compare(db, GET, keys, 1, NAMES, now, 8, &exists, &note, err);
	}
	*changed = rc < 0 ? 0 : !exists ? 1 : note.len ? 2 : 0;
	if (rc == 0 && *changed) {
		if ((rc = db_prepare(db, PUT, &st, err)) == 0) {
			st_bind_text(st, 1, r->code);
			st_bind_i64(st, 2, fund);
			st_bind_text(st, 3, r->bank);
			st_bind_i64(st, 4, unit);
			st_bind_text(st, 5, r->product);
			st_bind_i64(st, 6, v);
			st_bind_text(st, 7, giso);
			st_bind_text(st, 8, diso);
			if (riso[0])
				st_bind_text(st, 9, riso);
			rc = st_step(st) == ST_DONE ? 0 : db_fault(db, err, "writing a loan");
			st_finalize(st);
		}
		if (rc == 0 && (id = fin_id_of(db, "fin_loan", r->code, err)) < 0)
			rc = -1;
		if (rc == 0 && (rc = verify_fund(db, fund, giso, id, FS_LOAN, r->code, err)) < 0 &&
		    err->kind == KFQ_EUSER)
			kfq_err_set_field(err, "amount");
		if (rc == 0)
			rc = fin_history(db, "fund-loan", r->code, NULL, *changed, note.buf, err);
	}
	sbuf_release(&note);
	return rc;
}

/* ---- defaults and recoveries ---- */

int fin_event_put(struct kfq_db *db, const struct fin_event_row *r, int *changed,
                  struct kfq_err *err)
{
	static const char LOAN[] =
		"SELECT l.id, l.amount, l.granted, l.repaid, f.share_fund, f.share_bank, "
		"f.share_insurer, f.id, f.code FROM fin_loan l JOIN fin_fund f ON f.id = l.fund_id "
		"WHERE l.code = ?";
	static const char GET[] =
		"SELECT CAST(e.amount AS TEXT), e.note FROM fin_loan_event e JOIN fin_loan l ON "
		"l.id = e.loan_id WHERE l.code = ? AND e.date = ? AND e.kind = ?";
	static const char OTHERS[] =
		"SELECT kind, date, amount FROM fin_loan_event WHERE loan_id = ? AND NOT (kind = ? AND "
		"date = ?)";
	static const char PUT[] =
		"INSERT INTO fin_loan_event(loan_id, date, kind, amount, fund_part, bank_part, "
		"insurer_part, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT(loan_id, kind, "
		"date) DO UPDATE SET amount = ?4, fund_part = ?5, bank_part = ?6, insurer_part = ?7, "
		"note = ?8";
	static const char *const NAMES[] = { "amount(元)", "note" };
	struct date d;
	char iso[16], am[24], granted[16] = "", repaid[16] = "", dflt[16] = "", key[200];
	char fund_code[200] = "";
	int64_t loan = 0, fund = 0;
	dec v, loan_amount = 0, sh[FP_N], parts[FP_N], defaulted = 0, recovered = 0;
	int kind, exists, rc;
	struct sbuf note;
	struct kfq_stmt *st;

	if (fin_need_text(r->loan, "loan", err) < 0 || fin_date(r->date, "date", &d, iso, err) < 0 ||
	    fin_kind(r->kind, "kind", FIN_EVENT_KIND, FIN_EVENT_KIND_ZH, &kind, err) < 0 ||
	    fin_money(r->amount, r->shift, "amount", &v, err) < 0)
		return -1;
	if (v == 0)
		return kfq_error_field(err, "amount", "zero");
	if (db_prepare(db, LOAN, &st, err) < 0)
		return -1;
	st_bind_text(st, 1, r->loan);
	if ((rc = st_step(st)) == ST_ROW) {
		loan = st_i64(st, 0);
		loan_amount = st_i64(st, 1);
		snprintf(granted, sizeof granted, "%s", st_text(st, 2));
		if (!st_null(st, 3))
			snprintf(repaid, sizeof repaid, "%s", st_text(st, 3));
		for (int p = 0; p < FP_N; p++)
			sh[p] = st_i64(st, 4 + p);
		fund = st_i64(st, 7);
		snprintf(fund_code, sizeof fund_code, "%s", st_text(st, 8));
	}
	st_finalize(st);
	if (rc == ST_ERROR)
		return db_fault(db, err, "reading a loan");
	if (!loan)
		return kfq_error_field(err, "loan", "unknown loan \"%s\"", r->loan);
	if (strcmp(iso, granted) < 0)
		return kfq_error_field(err, "date", "%s is before loan \"%s\" was granted, %s", iso,
		                       r->loan, granted);
	if (repaid[0] && strcmp(iso, repaid) >= 0)
		return kfq_error_field(err, "date", "loan \"%s\" was repaid on %s", r->loan, repaid);
	/* the loan's other events */
	if (db_prepare(db, OTHERS, &st, err) < 0)
		return -1;
	st_bind_i64(st, 1, loan);
	st_bind_text(st, 2, FIN_EVENT_KIND[kind]);
	st_bind_text(st, 3, iso);
	while ((rc = st_step(st)) == ST_ROW) {
		if (strcmp(st_text(st, 0), "default") == 0) {
			snprintf(dflt, sizeof dflt, "%s", st_text(st, 1));
			defaulted = st_i64(st, 2);
		} else if (dec_add(recovered, st_i64(st, 2), &recovered) < 0) {
			rc = ST_ERROR;
			break;
		}
	}
	st_finalize(st);
	if (rc != ST_DONE)
		return db_fault(db, err, "reading a loan's defaults");
	if (kind == 0) {
		if (dflt[0])
			return kfq_error_field(err, "date", "loan \"%s\" already defaulted on %s (a loan "
			                       "defaults once)", r->loan, dflt);
		if (v > loan_amount) {
			char a[48], b[48];
			return kfq_error_field(err, "amount", "%s 万元 is more than loan \"%s\" lent, "
			                       "%s 万元", wan(v, a), r->loan, wan(loan_amount, b));
		}
	} else {
		char a[48], b[48];
		if (!dflt[0] && kind == 1) {
			/* the default may be this row's own key only when kinds differ: none here */
			return kfq_error_field(err, "kind", "loan \"%s\" has not defaulted; there is "
			                       "nothing to recover", r->loan);
		}
		if (strcmp(iso, dflt) < 0)
			return kfq_error_field(err, "date", "%s is before loan \"%s\" defaulted, %s", iso,
			                       r->loan, dflt);
		if (dec_add(recovered, v, &recovered) < 0 || recovered > defaulted)
			return kfq_error_field(err, "amount", "the recoveries of loan \"%s\" would come "
			                       "to %s 万元, more than the %s 万元 it defaulted with",
			                       r->loan, wan(recovered, a), wan(defaulted, b));
	}
	if (kind == 0 && recovered > v) {
		char a[48];
		return kfq_error_field(err, "amount", "loan \"%s\" has %s 万元 recovered already, "
		                       "more than this", r->loan, wan(recovered, a));
	}
	if (fin_split(v, sh, parts, err) < 0)
		return kfq_err_set_field(err, "amount");
	fin_i64_text(v, am);
	{
		const char *now[] = { am, fin_nz(r->note) };
		const char *keys[] = { r->loan, iso, FIN_EVENT_KIND[kind] };
		sbuf_init(&note);
		rc = fin_compare(db, GET, keys, 3, NAMES, now, 2, &exists, &note, err);
	}
	*changed = rc < 0 ? 0 : !exists ? 1 : note.len ? 2 : 0;
	if (rc == 0 && *changed) {
		if ((rc = db_prepare(db, PUT, &st, err)) == 0) {
			st_bind_i64(st, 1, loan);
			st_bind_text(st, 2, iso);
			st_bind_text(st, 3, FIN_EVENT_KIND[kind]);
			st_bind_i64(st, 4, v);
			for (int p = 0; p < FP_N; p++)
				st_bind_i64(st, 5 + p, parts[p]);
			if (fin_nz(r->note))
				st_bind_text(st, 8, r->note);
			rc = st_step(st) == ST_DONE ? 0 : db_fault(db, err, "writing a default");
			st_finalize(st);
		}
		/* the fund pays its share from its balance: never below nothing,
		 * on this day or a later one */
		if (rc == 0) {
			struct fin_fund_mem f;
			dec bal = 0;
			if ((rc = fin_fund_load(db, fund, &f, err)) == 0) {
				const char *neg = first_negative(&f, iso, &bal);
				char a[48], b[48];
				if (neg)
					rc = kfq_error_field(err, "amount", "the fund's share, %s 万元, would leave "
					                     "fund \"%s\" with less than nothing on %s (%s 万元): "
					                     "record the capital that paid it first",
					                     wan(parts[FP_FUND], a), fund_code, neg, wan(bal, b));
				else if (bal == 1)
					rc = kfq_error(err, "fund \"%s\": the amounts do not fit", fund_code);
			}
			fin_fund_mem_release(&f);
		}
		snprintf(key, sizeof key, "%s %s", iso, FIN_EVENT_KIND[kind]);
		if (rc == 0)
			rc = fin_history(db, "fund-event", r->loan, key, *changed, note.buf, err);
	}
	sbuf_release(&note);
	return rc;
}
