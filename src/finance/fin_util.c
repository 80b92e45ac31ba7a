/* fin_util.c: the checks finance rows share and a fund's state in memory
 * (see fin_part.h). Depends on base, store. */
#include "finance/fin_part.h"
#include "base/xalloc.h"
#include "store/history.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const FIN_MOVE_KIND[] = { "inject", "withdraw", NULL };
const char *const FIN_MOVE_KIND_ZH[] = { "注资", "撤资", NULL };
const char *const FIN_EVENT_KIND[] = { "default", "recover", NULL };
const char *const FIN_EVENT_KIND_ZH[] = { "代偿", "追偿", NULL };
const char *const FIN_CREDIT_KIND[] = { "cut", "call", NULL };
const char *const FIN_CREDIT_KIND_ZH[] = { "压贷", "抽贷", NULL };
const char *const FIN_INTERVENTION_KIND[] = { "meeting", "restructure", "bridge", NULL };
const char *const FIN_INTERVENTION_KIND_ZH[] = { "银企会商", "债务重组", "过桥资金", NULL };
const char *const FIN_CHANNEL[] = { "loan", "equity", NULL };
const char *const FIN_CHANNEL_ZH[] = { "贷款", "股权", NULL };

const char *fin_nz(const char *s)
{
	return s && *s ? s : NULL;
}

int fin_need_text(const char *s, const char *field, struct kfq_err *err)
{
	return fin_nz(s) ? 0 : kfq_error_field(err, field, "empty");
}

int fin_kind_parse(const char *s, const char *const *en, const char *const *zh)
{
	for (int i = 0; s && en[i]; i++)
		if (strcmp(s, en[i]) == 0 || strcmp(s, zh[i]) == 0)
			return i;
	return -1;
}

int fin_kind(const char *s, const char *field, const char *const *en, const char *const *zh,
             int *k, struct kfq_err *err)
{
	struct sbuf sb;
	if (fin_need_text(s, field, err) < 0)
		return -1;
	if ((*k = fin_kind_parse(s, en, zh)) >= 0)
		return 0;
	sbuf_init(&sb);
	for (int i = 0; en[i]; i++)
		sbuf_addf(&sb, "%s%s (%s)", i ? ", " : "", en[i], zh[i]);
	kfq_error_field(err, field, "\"%s\" (expected %s)", s, sb.buf);
	sbuf_release(&sb);
	return -1;
}

int fin_unit(struct kfq_db *db, const char *field, const char *code, const char *kind,
             int64_t *id, struct kfq_err *err)
{
	struct kfq_stmt *st;
	int rc;
	*id = 0;
	if (fin_need_text(code, field, err) < 0)
		return -1;
	if (db_cached(db, "SELECT id, kind FROM unit WHERE code = ?", &st, err) < 0)
		return -1;
	st_bind_text(st, 1, code);
	if ((rc = st_step(st)) == ST_ROW) {
		if (kind && strcmp(st_text(st, 1), kind) != 0)
			rc = kfq_error_field(err, field, "\"%s\" is a %s, not a %s", code,
			                     st_text(st, 1), kind);
		else
			*id = st_i64(st, 0), rc = 0;
	} else if (rc == ST_ERROR) {
		rc = db_fault(db, err, "reading a unit");
	} else {
		rc = kfq_error_field(err, field, "unknown unit \"%s\"", code);
	}
	st_reset(st);
	return rc;
}

int fin_date(const char *s, const char *field, struct date *d, char iso[16], struct kfq_err *err)
{
	if (fin_need_text(s, field, err) < 0)
		return -1;
	if (date_parse(s, d, err) < 0)
		return kfq_err_set_field(err, field);
	date_format(d, iso, 16);
	return 0;
}

int fin_money(const char *s, int shift, const char *field, dec *v, struct kfq_err *err)
{
	if (fin_need_text(s, field, err) < 0)
		return -1;
	if (dec_parse(s, shift, v, err) < 0)
		return kfq_err_set_field(err, field);
	if (*v < 0)
		return kfq_error_field(err, field, "\"%s\" is negative", s);
	if (*v % 100 != 0)
		return kfq_error_field(err, field, "\"%s\" is not a whole number of fen (分)", s);
	return 0;
}

int64_t fin_id_of(struct kfq_db *db, const char *table, const char *code, struct kfq_err *err)
{
	static const char *const SQL[][2] = {
		{ "fin_fund", "SELECT id FROM fin_fund WHERE code = ?" },
		{ "fin_loan", "SELECT id FROM fin_loan WHERE code = ?" },
		{ "fin_meeting", "SELECT id FROM fin_meeting WHERE code = ?" },
		{ "fin_guarantee", "SELECT id FROM fin_guarantee WHERE code = ?" },
		{ "fin_need", "SELECT id FROM fin_need WHERE code = ?" },
	};
	struct kfq_stmt *st;
	int64_t id = 0;
	int rc;
	size_t i;
	for (i = 0; i < sizeof SQL / sizeof SQL[0] && strcmp(SQL[i][0], table) != 0; i++)
		;
	if (i == sizeof SQL / sizeof SQL[0])
		return kfq_fault(err, "no such finance table \"%s\"", table);
	if (db_cached(db, SQL[i][1], &st, err) < 0)
		return -1;
	st_bind_text(st, 1, code ? code : "");
	if ((rc = st_step(st)) == ST_ROW)
		id = st_i64(st, 0);
	else if (rc == ST_ERROR)
		id = db_fault(db, err, "reading the finance records");
	st_reset(st);
	return id;
}

void fin_note_diff(struct sbuf *note, const char *name, const char *old, const char *now)
{
	old = old ? old : "";
	now = now ? now : "";
	if (strcmp(old, now) != 0)
		sbuf_addf(note, "%s%s: %s → %s", note->len ? "; " : "", name, old, now);
}

int fin_history(struct kfq_db *db, const char *kind, const char *key, const char *sub,
                int changed, const char *note, struct kfq_err *err)
{
	struct history_entry h = { .kind = kind, .unit = key };
	struct sbuf sb;
	int rc;
	if (!changed)
		return 0;
	sbuf_init(&sb);
	sbuf_addf(&sb, "%s%s%s", sub ? sub : "", sub ? ": " : "", changed == 1 ? "added" : note);
	h.note = sb.buf;
	rc = history_add(db, &h, err);
	sbuf_release(&sb);
	return rc;
}

int fin_compare(struct kfq_db *db, const char *sql_get, const char *const *keys, int nkeys,
                const char *const *names, const char *const *now, int n, int *exists,
                struct sbuf *note, struct kfq_err *err)
{
	struct kfq_stmt *st;
	int rc;
	*exists = 0;
	if (db_prepare(db, sql_get, &st, err) < 0)
		return -1;
	for (int k = 0; k < nkeys; k++)
		st_bind_text(st, k + 1, keys[k]);
	if ((rc = st_step(st)) == ST_ROW) {
		*exists = 1;
		for (int i = 0; i < n; i++)
			fin_note_diff(note, names[i], st_null(st, i) ? NULL : st_text(st, i), now[i]);
	}
	st_finalize(st);
	return rc == ST_ERROR ? db_fault(db, err, "reading the finance records") : 0;
}

void fin_i64_text(int64_t v, char buf[24])
{
	snprintf(buf, 24, "%lld", (long long)v);
}

/* ---- a fund in memory ---- */

static void copy_date(char dst[11], struct kfq_stmt *st, int col)
{
	const char *t = st_null(st, col) ? NULL : st_text(st, col);
	snprintf(dst, 11, "%s", t ? t : "");
}

int fin_fund_load(struct kfq_db *db, int64_t id, struct fin_fund_mem *f, struct kfq_err *err)
{
	struct kfq_stmt *st;
	int rc;
	memset(f, 0, sizeof *f);
	f->id = id;
	if (db_prepare(db, "SELECT code, unit_id, leverage, share_fund, share_bank, share_insurer "
	               "FROM fin_fund WHERE id = ?", &st, err) < 0)
		return -1;
	st_bind_i64(st, 1, id);
	if ((rc = st_step(st)) == ST_ROW) {
		snprintf(f->code, sizeof f->code, "%s", st_text(st, 0));
		f->unit = st_i64(st, 1);
		f->leverage = st_i64(st, 2);
		for (int p = 0; p < FP_N; p++)
			f->share[p] = st_i64(st, 3 + p);
	}
	st_finalize(st);
	if (rc != ST_ROW)
		return rc == ST_ERROR ? db_fault(db, err, "reading a fund")
		       : kfq_fault(err, "fund %lld is missing", (long long)id);
	if (db_prepare(db, "SELECT date, kind, amount FROM fin_fund_move WHERE fund_id = ? "
	               "ORDER BY date, id", &st, err) < 0)
		return -1;
	st_bind_i64(st, 1, id);
	while ((rc = st_step(st)) == ST_ROW) {
		XGROW(f->mv, f->nmv + 1, f->mvcap);
		copy_date(f->mv[f->nmv].date, st, 0);
		f->mv[f->nmv].withdraw = strcmp(st_text(st, 1), "withdraw") == 0;
		f->mv[f->nmv++].amount = st_i64(st, 2);
	}
	st_finalize(st);
	if (rc != ST_DONE)
		return db_fault(db, err, "reading a fund's movements");
	if (db_prepare(db, "SELECT l.id, l.code, l.granted, l.repaid, l.amount, "
	               "(SELECT min(e.date) FROM fin_loan_event e WHERE e.loan_id = l.id AND "
	               "e.kind = 'default') FROM fin_loan l WHERE l.fund_id = ? ORDER BY l.granted, "
	               "l.id", &st, err) < 0)
		return -1;
	st_bind_i64(st, 1, id);
	while ((rc = st_step(st)) == ST_ROW) {
		struct fin_loan_mem *l;
		XGROW(f->ln, f->nln + 1, f->lncap);
		l = &f->ln[f->nln++];
		l->id = st_i64(st, 0);
		snprintf(l->code, sizeof l->code, "%s", st_text(st, 1));
		copy_date(l->granted, st, 2);
		copy_date(l->repaid, st, 3);
		l->amount = st_i64(st, 4);
		copy_date(l->defaulted, st, 5);
	}
	st_finalize(st);
	if (rc != ST_DONE)
		return db_fault(db, err, "reading a fund's loans");
	if (db_prepare(db, "SELECT e.loan_id, e.date, e.kind, e.amount, e.fund_part, e.bank_part, "
	               "e.insurer_part FROM fin_loan_event e JOIN fin_loan l ON l.id = e.loan_id "
	               "WHERE l.fund_id = ? ORDER BY e.date, e.id", &st, err) < 0)
		return -1;
	st_bind_i64(st, 1, id);
	while ((rc = st_step(st)) == ST_ROW) {
		struct fin_event_mem *e;
		XGROW(f->ev, f->nev + 1, f->evcap);
		e = &f->ev[f->nev++];
		e->loan = st_i64(st, 0);
		copy_date(e->date, st, 1);
		e->recover = strcmp(st_text(st, 2), "recover") == 0;
		e->amount = st_i64(st, 3);
		for (int p = 0; p < FP_N; p++)
			e->part[p] = st_i64(st, 4 + p);
	}
	st_finalize(st);
	if (rc != ST_DONE)
		return db_fault(db, err, "reading a fund's defaults");
	return 0;
}

void fin_fund_mem_release(struct fin_fund_mem *f)
{
	free(f->mv);
	free(f->ln);
	free(f->ev);
	memset(f, 0, sizeof *f);
}

int fin_fund_balance(const struct fin_fund_mem *f, const char *iso, dec *balance)
{
	dec b = 0;
	for (size_t i = 0; i < f->nmv; i++)
		if (strcmp(f->mv[i].date, iso) <= 0 &&
		    (f->mv[i].withdraw ? dec_sub(b, f->mv[i].amount, &b)
		                       : dec_add(b, f->mv[i].amount, &b)) < 0)
			return -1;
	for (size_t i = 0; i < f->nev; i++)
		if (strcmp(f->ev[i].date, iso) <= 0 &&
		    (f->ev[i].recover ? dec_add(b, f->ev[i].part[FP_FUND], &b)
		                      : dec_sub(b, f->ev[i].part[FP_FUND], &b)) < 0)
			return -1;
	*balance = b;
	return 0;
}

int fin_fund_outstanding(const struct fin_fund_mem *f, const char *iso, int64_t skip, dec *out)
{
	dec o = 0;
	for (size_t i = 0; i < f->nln; i++) {
		const struct fin_loan_mem *l = &f->ln[i];
		if (l->id == skip || strcmp(l->granted, iso) > 0 ||
		    (l->repaid[0] && strcmp(l->repaid, iso) <= 0) ||
		    (l->defaulted[0] && strcmp(l->defaulted, iso) <= 0))
			continue;
		if (dec_add(o, l->amount, &o) < 0)
			return -1;
	}
	*out = o;
	return 0;
}
