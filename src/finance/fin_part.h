/* fin_part.h: private to src/finance: the checks every finance row
 * shares (a unit of a kind, a date, an amount in whole fen, a kind's
 * name), a row's history entry, and a fund's state in memory for the
 * leverage rule and the figures. Nothing outside src/finance includes it.
 * Depends on base, store. */
#ifndef KFQ_FIN_PART_H
#define KFQ_FIN_PART_H

#include "finance/finance.h"
#include "base/sbuf.h"

/* s, or NULL when it is NULL or empty. */
const char *fin_nz(const char *s);
/* A required text cell: -1 (err naming field) when empty. */
int fin_need_text(const char *s, const char *field, struct kfq_err *err);
/* The id of the unit code (of kind, when kind is not NULL) into *id;
 * -1 with err naming field when there is none. */
int fin_unit(struct kfq_db *db, const char *field, const char *code, const char *kind,
             int64_t *id, struct kfq_err *err);
/* A date cell into d and its ISO text into iso[16]. */
int fin_date(const char *s, const char *field, struct date *d, char iso[16],
             struct kfq_err *err);
/* A money cell in 10^shift 元: ≥ 0 and whole fen. */
int fin_money(const char *s, int shift, const char *field, dec *v, struct kfq_err *err);
/* A kind's name (English or Chinese) into its index; -1 with err naming
 * field and the names allowed. */
int fin_kind(const char *s, const char *field, const char *const *en, const char *const *zh,
             int *k, struct kfq_err *err);
/* The id of a row of table (fin_fund, fin_loan, fin_meeting) by code; 0
 * when there is none; -1 on a fault. */
int64_t fin_id_of(struct kfq_db *db, const char *table, const char *code, struct kfq_err *err);
/* Append "name: old → new" to note when old and now differ ("" for NULL). */
void fin_note_diff(struct sbuf *note, const char *name, const char *old, const char *now);
/* Compare the stored row (sql_get, bound to keys, gives n text columns,
 * NULL for none) with now[]; keys[nkeys] are bound in order: *exists, and the differences, named by
 * names[], into note. */
int fin_compare(struct kfq_db *db, const char *sql_get, const char *const *keys, int nkeys,
                const char *const *names, const char *const *now, int n, int *exists,
                struct sbuf *note, struct kfq_err *err);
/* v as the text fin_compare reads back for an INTEGER column. */
void fin_i64_text(int64_t v, char buf[24]);
/* A change's history: kind ("fund", "fund-loan" ...), the code it is
 * kept under (the fund, loan, enterprise ...: kfq history --unit CODE
 * finds it), what of it changed when that is not all of it (sub: "2017-06-30
 * default", or NULL), the changes (note; "added" for a new row). */
int fin_history(struct kfq_db *db, const char *kind, const char *key, const char *sub,
                int changed, const char *note, struct kfq_err *err);

/* A fund's records in memory, by date. */
struct fin_move_mem { char date[11]; int withdraw; dec amount; };
struct fin_loan_mem {
	int64_t id;
	char code[64], granted[11], repaid[11], defaulted[11];   /* "" when none */
	dec amount;
};
struct fin_event_mem { int64_t loan; char date[11]; int recover; dec amount, part[FP_N]; };
struct fin_fund_mem {
	int64_t id, unit;
	char code[64];
	dec leverage, share[FP_N];
	struct fin_move_mem *mv; size_t nmv, mvcap;
	struct fin_loan_mem *ln; size_t nln, lncap;
	struct fin_event_mem *ev; size_t nev, evcap;
};
/* Load fund id's records; release with fin_fund_mem_release. */
int fin_fund_load(struct kfq_db *db, int64_t id, struct fin_fund_mem *f, struct kfq_err *err);
void fin_fund_mem_release(struct fin_fund_mem *f);
/* The fund's balance (capital − compensation + recoveries, the fund's
 * parts) and its loans outstanding at the end of day iso (skip: a loan id
 * left out, 0 none). -1 when a sum does not fit. */
int fin_fund_balance(const struct fin_fund_mem *f, const char *iso, dec *balance);
int fin_fund_outstanding(const struct fin_fund_mem *f, const char *iso, int64_t skip, dec *out);

#endif
