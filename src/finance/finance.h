/* finance.h: the finance platform (金融活水): the risk compensation fund
 * (风险补偿基金) and the loans registered under it, with its rules: the
 * leverage limit (loans outstanding ≤ leverage × the fund's balance at
 * every day a loan is outstanding), defaults compensated by the agreed
 * shares of fund, bank and insurer (adding up to 100%, split to the fen),
 * recoveries returned by the same shares; bank–enterprise matching
 * (meetings, needs); loan pressure (credit lines cut or called,
 * guarantees between firms, the zone's interventions). Every put
 * function runs inside the caller's transaction (the import's), keeps
 * changes in history and names the field a refusal is about (err->field).
 * The figures published through the core are fin_figures.c's; what a
 * front end reads is fin_query.h's; the guarantee network's graph
 * algorithms are guarantee.h's. Depends on base, store, model, calc/rollup. */
#ifndef KFQ_FINANCE_H
#define KFQ_FINANCE_H

#include <stddef.h>
#include <stdint.h>

#include "base/date.h"
#include "base/dec.h"
#include "calc/rollup.h"
#include "store/db.h"

/* The parties who bear a default, in the order of the split's ties. */
enum fin_party { FP_FUND, FP_BANK, FP_INSURER, FP_N };

/* Split amount (≥ 0, whole fen: a multiple of 100 in 1/10 000 元) into
 * parts[FP_N] by shares (percentages in 1/10 000, ≥ 0, adding up to
 * exactly 100%: 1 000 000), exactly: each part is its share rounded down
 * to the fen, then the fen left over (fewer than FP_N) go one each to the
 * largest remainders, ties to the earlier party (fund, bank, insurer).
 * Σ parts = amount. Returns -1 (err) for an amount not in whole fen,
 * negative shares or shares not adding up to 100%. */
int fin_split(dec amount, const dec shares[FP_N], dec parts[FP_N], struct kfq_err *err);

/* Rows as a file gives them, as text ("" or NULL: an empty cell); a money
 * cell is in 10^shift 元 (the header's measure, 万元 by default). */
struct fin_fund_row {
	const char *code, *name, *unit, *bank, *leverage;
	const char *share_fund, *share_bank, *share_insurer;   /* percent */
};
struct fin_move_row {
	const char *fund, *date, *kind;    /* inject | withdraw (注资 | 撤资) */
	const char *amount;
	int shift;
	const char *note;
};
struct fin_loan_row {
	const char *code, *fund, *bank, *enterprise, *product;
	const char *amount;
	int shift;
	const char *granted, *due, *repaid;
};
struct fin_event_row {
	const char *loan, *date, *kind;    /* default | recover (代偿 | 追偿) */
	const char *amount;
	int shift;
	const char *note;
};

/* Insert or update; *changed: 0 same, 1 added, 2 changed (history). */
int fin_fund_put(struct kfq_db *db, const struct fin_fund_row *r, int *changed,
                 struct kfq_err *err);
/* A movement of a fund's capital; a withdrawal may not take the balance
 * below zero nor below what its loans outstanding need (leverage). */
int fin_move_put(struct kfq_db *db, const struct fin_move_row *r, int *changed,
                 struct kfq_err *err);
/* A loan under a fund: refused when its fund's loans outstanding would
 * pass leverage × balance on a day it is outstanding (the message names
 * the day and the headroom left). */
int fin_loan_put(struct kfq_db *db, const struct fin_loan_row *r, int *changed,
                 struct kfq_err *err);
/* A default (the principal lost, at most the loan; once per loan; the
 * loan is then no longer outstanding) or a recovery (after the default;
 * all recoveries at most the defaulted amount), split by the fund's shares. */
int fin_event_put(struct kfq_db *db, const struct fin_event_row *r, int *changed,
                  struct kfq_err *err);

/* Bank–enterprise matching (fin_match.c). banks and enterprises: lists
 * separated by ; 、 or , ("农业银行;工商银行"). */
struct fin_meeting_row {
	const char *code, *date, *title, *park, *banks, *enterprises;
};
struct fin_need_row {
	const char *code, *meeting, *enterprise, *channel, *lender, *raised;
	const char *amount, *matched, *granted;   /* granted ≤ matched ≤ amount */
	int shift;
	const char *granted_date;
};
int fin_meeting_put(struct kfq_db *db, const struct fin_meeting_row *r, int *changed,
                    struct kfq_err *err);
int fin_need_put(struct kfq_db *db, const struct fin_need_row *r, int *changed,
                 struct kfq_err *err);

/* Loan pressure (fin_pressure.c). */
struct fin_credit_row {
	const char *enterprise, *bank, *date, *kind;   /* cut | call (压贷 | 抽贷) */
	const char *amount;
	int shift;
	const char *note;
};
struct fin_guarantee_row {
	const char *code, *guarantor, *borrower, *bank;
	const char *amount;
	int shift;
	const char *start, *ends;
};
struct fin_intervention_row {
	const char *enterprise, *date, *kind;   /* meeting | restructure | bridge */
	const char *bank, *outcome;
};
int fin_credit_put(struct kfq_db *db, const struct fin_credit_row *r, int *changed,
                   struct kfq_err *err);
/* A firm guaranteeing itself is refused. */
int fin_guarantee_put(struct kfq_db *db, const struct fin_guarantee_row *r, int *changed,
                      struct kfq_err *err);
int fin_intervention_put(struct kfq_db *db, const struct fin_intervention_row *r, int *changed,
                         struct kfq_err *err);

/* Create the finance indicators that are missing, marked derived. */
int fin_ensure_indicators(struct kfq_db *db, struct kfq_err *err);
/* Rewrite the published figures from the records; add the roll-ups to
 * rebuild to todo. */
int fin_derive(struct kfq_db *db, struct rollup_todo *todo, struct kfq_err *err);

/* Names of the kinds, English and Chinese, NULL-terminated, in enum order. */
extern const char *const FIN_MOVE_KIND[], *const FIN_MOVE_KIND_ZH[];
extern const char *const FIN_EVENT_KIND[], *const FIN_EVENT_KIND_ZH[];
extern const char *const FIN_CREDIT_KIND[], *const FIN_CREDIT_KIND_ZH[];
extern const char *const FIN_INTERVENTION_KIND[], *const FIN_INTERVENTION_KIND_ZH[];
extern const char *const FIN_CHANNEL[], *const FIN_CHANNEL_ZH[];
/* The index of s (English or Chinese) in a kind list; -1 when unknown. */
int fin_kind_parse(const char *s, const char *const *en, const char *const *zh);

#endif
