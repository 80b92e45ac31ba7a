/* fin_pressure.c: loan pressure (压贷抽贷, see finance.h): enterprises
 * whose credit lines a bank cut or called, the guarantees between firms
 * (guarantor → borrower; a firm never guarantees itself) and the zone's
 * interventions (a meeting with the bank, a restructuring, a bridging
 * loan) with their outcomes. The network's chains, circles and exposures
 * are guarantee.c's, read through fin_query.h. Depends on base, store. */
#include "finance/fin_part.h"

#include <stdio.h>
#include <string.h>

int fin_credit_put(struct kfq_db *db, const struct fin_credit_row *r, int *changed,
                   struct kfq_err *err)
{
	static const char GET[] =
		"SELECT CAST(c.amount AS TEXT), c.note FROM fin_credit c JOIN unit u ON u.id = c.unit_id "
		"WHERE u.code = ? AND c.bank = ? AND c.date = ? AND c.kind = ?";
	static const char PUT[] =
		"INSERT INTO fin_credit(unit_id, bank, date, kind, amount, note) VALUES (?1, ?2, ?3, ?4, "
		"?5, ?6) ON CONFLICT(unit_id, bank, date, kind) DO UPDATE SET amount = ?5, note = ?6";
	static const char *const NAMES[] = { "amount(元)", "note" };
	int64_t unit;
	int kind, exists, rc;
	struct date d;
	char iso[16], am[24], key[300];
	dec v;
	struct sbuf note;
	struct kfq_stmt *st;

	if (fin_unit(db, "enterprise", r->enterprise, "enterprise", &unit, err) < 0 ||
	    fin_need_text(r->bank, "bank", err) < 0 || fin_date(r->date, "date", &d, iso, err) < 0 ||
	    fin_kind(r->kind, "kind", FIN_CREDIT_KIND, FIN_CREDIT_KIND_ZH, &kind, err) < 0 ||
	    fin_money(r->amount, r->shift, "amount", &v, err) < 0)
		return -1;
	if (v == 0)
		return kfq_error_field(err, "amount", "zero (a line cut or called by nothing)");
	fin_i64_text(v, am);
	{
		const char *now[] = { am, fin_nz(r->note) };
		const char *keys[] = { r->enterprise, r->bank, iso, FIN_CREDIT_KIND[kind] };
		sbuf_init(&note);
		rc = fin_compare(db, GET, keys, 4, NAMES, now, 2, &exists, &note, err);
	}
	*changed = rc < 0 ? 0 : !exists ? 1 : note.len ? 2 : 0;
	if (rc == 0 && *changed) {
		if ((rc = db_prepare(db, PUT, &st, err)) == 0) {
			st_bind_i64(st, 1, unit);
			st_bind_text(st, 2, r->bank);
			st_bind_text(st, 3, iso);
			st_bind_text(st, 4, FIN_CREDIT_KIND[kind]);
			st_bind_i64(st, 5, v);
			if (fin_nz(r->note))
				st_bind_text(st, 6, r->note);
			rc = st_step(st) == ST_DONE ? 0 : db_fault(db, err, "writing a credit action");
			st_finalize(st);
		}
		snprintf(key, sizeof key, "%s %s %s", r->bank, iso, FIN_CREDIT_KIND[kind]);
		if (rc == 0)
			rc = fin_history(db, "credit-action", r->enterprise, key, *changed, note.buf, err);
	}
	sbuf_release(&note);
	return rc;
}

int fin_guarantee_put(struct kfq_db *db, const struct fin_guarantee_row *r, int *changed,
                      struct kfq_err *err)
{
	static const char GET[] =
		"SELECT a.code, b.code, g.bank, CAST(g.amount AS TEXT), g.start, g.ends FROM "
		"fin_guarantee g JOIN unit a ON a.id = g.guarantor_id JOIN unit b ON b.id = "
		"g.borrower_id WHERE g.code = ?";
	static const char PUT[] =
		"INSERT INTO fin_guarantee(code, guarantor_id, borrower_id, bank, amount, start, ends) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT(code) DO UPDATE SET guarantor_id = ?2, "
		"borrower_id = ?3, bank = ?4, amount = ?5, start = ?6, ends = ?7";
	static const char *const NAMES[] = { "guarantor", "borrower", "bank", "amount(元)", "start",
	                                     "ends" };
	int64_t a, b;
	int exists, rc;
	struct date ds, de;
	char siso[16] = "", eiso[16] = "", am[24];
	dec v;
	struct sbuf note;
	struct kfq_stmt *st;

	if (fin_need_text(r->code, "code", err) < 0 ||
	    fin_unit(db, "guarantor", r->guarantor, "enterprise", &a, err) < 0 ||
	    fin_unit(db, "borrower", r->borrower, "enterprise", &b, err) < 0)
		return -1;
	if (a == b)
		return kfq_error_field(err, "borrower", "\"%s\" cannot guarantee itself",
		                       r->guarantor);
	if (fin_money(r->amount, r->shift, "amount", &v, err) < 0)
		return -1;
	if (v == 0)
		return kfq_error_field(err, "amount", "zero (a guarantee of nothing)");
	if (fin_nz(r->start) && fin_date(r->start, "start", &ds, siso, err) < 0)
		return -1;
	if (fin_nz(r->ends)) {
		if (fin_date(r->ends, "ends", &de, eiso, err) < 0)
			return -1;
		if (siso[0] && date_cmp(&de, &ds) < 0)
			return kfq_error_field(err, "ends", "%s is before the guarantee starts, %s", eiso,
			                       siso);
	}
	fin_i64_text(v, am);
	{
		const char *now[] = { r->guarantor, r->borrower, fin_nz(r->bank), am,
		                      siso[0] ? siso : NULL, eiso[0] ? eiso : NULL };
		const char *keys[] = { r->code };
		sbuf_init(&note);
		rc = fin_compare(db, GET, keys, 1, NAMES, now, 6, &exists, &note, err);
	}
	*changed = rc < 0 ? 0 : !exists ? 1 : note.len ? 2 : 0;
	if (rc == 0 && *changed) {
		if ((rc = db_prepare(db, PUT, &st, err)) == 0) {
			st_bind_text(st, 1, r->code);
			st_bind_i64(st, 2, a);
			st_bind_i64(st, 3, b);
			if (fin_nz(r->bank))
				st_bind_text(st, 4, r->bank);
			st_bind_i64(st, 5, v);
			if (siso[0])
				st_bind_text(st, 6, siso);
			if (eiso[0])
				st_bind_text(st, 7, eiso);
			rc = st_step(st) == ST_DONE ? 0 : db_fault(db, err, "writing a guarantee");
			st_finalize(st);
		}
		if (rc == 0)
			rc = fin_history(db, "guarantee", r->code, NULL, *changed, note.buf, err);
	}
	sbuf_release(&note);
	return rc;
}

int fin_intervention_put(struct kfq_db *db, const struct fin_intervention_row *r, int *changed,
                         struct kfq_err *err)
{
	static const char GET[] =
		"SELECT i.bank, i.outcome FROM fin_intervention i JOIN unit u ON u.id = i.unit_id "
		"WHERE u.code = ? AND i.date = ? AND i.kind = ?";
	static const char PUT[] =
		"INSERT INTO fin_intervention(unit_id, date, kind, bank, outcome) VALUES (?1, ?2, ?3, ?4, "
		"?5) ON CONFLICT(unit_id, date, kind) DO UPDATE SET bank = ?4, outcome = ?5";
	static const char *const NAMES[] = { "bank", "outcome" };
	int64_t unit;
	int kind, exists, rc;
	struct date d;
	char iso[16], key[300];
	struct sbuf note;
	struct kfq_stmt *st;

	if (fin_unit(db, "enterprise", r->enterprise, "enterprise", &unit, err) < 0 ||
	    fin_date(r->date, "date", &d, iso, err) < 0 ||
	    fin_kind(r->kind, "kind", FIN_INTERVENTION_KIND, FIN_INTERVENTION_KIND_ZH, &kind,
	             err) < 0)
		return -1;
	{
		const char *now[] = { fin_nz(r->bank), fin_nz(r->outcome) };
		const char *keys[] = { r->enterprise, iso, FIN_INTERVENTION_KIND[kind] };
		sbuf_init(&note);
		rc = fin_compare(db, GET, keys, 3, NAMES, now, 2, &exists, &note, err);
	}
	*changed = rc < 0 ? 0 : !exists ? 1 : note.len ? 2 : 0;
	if (rc == 0 && *changed) {
		if ((rc = db_prepare(db, PUT, &st, err)) == 0) {
			st_bind_i64(st, 1, unit);
			st_bind_text(st, 2, iso);
			st_bind_text(st, 3, FIN_INTERVENTION_KIND[kind]);
			if (fin_nz(r->bank))
				st_bind_text(st, 4, r->bank);
			if (fin_nz(r->outcome))
				st_bind_text(st, 5, r->outcome);
			rc = st_step(st) == ST_DONE ? 0 : db_fault(db, err, "writing an intervention");
			st_finalize(st);
		}
		snprintf(key, sizeof key, "%s %s", iso, FIN_INTERVENTION_KIND[kind]);
		if (rc == 0)
			rc = fin_history(db, "intervention", r->enterprise, key, *changed, note.buf, err);
	}
	sbuf_release(&note);
	return rc;
}
