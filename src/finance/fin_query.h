/* fin_query.h: what the front ends read of the finance platform, each a
 * function with a request and a result (rows of text and exact amounts,
 * for a front end to render): the funds with their figures on a day, the
 * loans, the meetings with the figures per bank and per park, the
 * guarantee network's circles and chains, one firm's exposure, and the
 * early-warning list of firms under loan pressure. Nothing here writes.
 * Depends on base, store, finance. */
#ifndef KFQ_FIN_QUERY_H
#define KFQ_FIN_QUERY_H

#include "base/ctx.h"
#include "base/period.h"
#include "finance/finance.h"

/* ---- the funds (kfq finance fund) ---- */
struct fin_fund_item {
	char *code, *name, *unit, *bank;
	dec leverage, share[FP_N];
	dec capital, balance, outstanding, limit, headroom;   /* headroom < 0: over the limit */
	int has_used;                 /* limit > 0 */
	dec used;                     /* outstanding ÷ limit, % */
	dec granted, defaulted, recovered;   /* since the start */
	long nloans, ndefaults;
	dec comp[FP_N], rec[FP_N];    /* compensation borne, recoveries returned, per party */
	int has_rate;
	dec default_rate;             /* defaulted ÷ granted, % */
};
struct fin_fund_res {
	struct date day;
	struct fin_fund_item *v;
	size_t n;
};
/* The funds (code: one, NULL: all) as they stood at the end of day (year
 * 0: the context's today). */
int fin_funds(const struct kfq_ctx *cx, struct kfq_db *db, const char *code,
              const struct date *day, struct fin_fund_res *out, struct kfq_err *err);
void fin_fund_res_release(struct fin_fund_res *r);

/* ---- the loans (kfq finance loans) ---- */
enum fin_loan_status { FL_OUTSTANDING, FL_OVERDUE, FL_REPAID, FL_DEFAULTED, FL_FUTURE };
extern const char *const FIN_LOAN_STATUS[], *const FIN_LOAN_STATUS_ZH[];
struct fin_loan_item {
	char *code, *fund, *bank, *enterprise, *ent_name, *product;
	char granted[11], due[11], repaid[11], defaulted[11];
	dec amount, default_amount, recovered, part[FP_N];
	int status;
};
struct fin_loan_res {
	struct date day;
	struct fin_loan_item *v;
	size_t n;
};
int fin_loans(const struct kfq_ctx *cx, struct kfq_db *db, const char *fund,
              const struct date *day, struct fin_loan_res *out, struct kfq_err *err);
void fin_loan_res_release(struct fin_loan_res *r);

/* ---- the meetings (kfq finance meetings) ---- */
struct fin_meeting_item {
	char *code, *date, *title, *park, *banks, *enterprises;
	long nneeds;
	dec needs, matched, granted;
};
struct fin_match_sum {   /* per bank (or venture fund), per park */
	char *key;
	long meetings, nneeds;
	dec needs, matched, granted;
};
struct fin_meeting_res {
	struct period period;   /* year 0: every meeting */
	struct fin_meeting_item *v;
	size_t n;
	struct fin_match_sum *bank, *park;
	size_t nbank, npark;
};
int fin_meetings(const struct kfq_ctx *cx, struct kfq_db *db, const struct period *p,
                 struct fin_meeting_res *out, struct kfq_err *err);
void fin_meeting_res_release(struct fin_meeting_res *r);

/* ---- the guarantee network (kfq finance network, exposure) ---- */
struct fin_net_firm {
	char *code, *name;
	size_t comp;
	int dist_up, dist_down;   /* exposure only */
};
struct fin_net_res {
	struct fin_net_firm *firm;   /* the firms in a guarantee, by code */
	size_t nfirm;
	size_t **circle;             /* each circle's firms (indices into firm), by code */
	size_t *circle_n, ncircle;
	char **chain;                /* each chain as text: A → B → 〔C ⇄ D〕 → E */
	size_t nchain;
	int truncated;
	long nguarantees;
	dec total;
	/* exposure of one firm */
	long target;                 /* its index, -1 none */
	dec amount_up, amount_down;
};
/* The network of the guarantees in force at the end of day (started by
 * it, not ended before it; year 0: every guarantee). firm: also its
 * exposure (an unknown firm, or one in no guarantee, is refused). */
int fin_network(const struct kfq_ctx *cx, struct kfq_db *db, const struct date *day,
                const char *firm, struct fin_net_res *out, struct kfq_err *err);
void fin_net_res_release(struct fin_net_res *r);

/* ---- early warning (kfq finance warn) ---- */
struct fin_warn_item {
	char *code, *name;
	dec cut, called;              /* credit cut and called, by the day */
	char last[11];                /* the latest cut or call */
	int in_circle;
	long exposed;                 /* firms exposed if it defaults */
	long guarantors;
	char *interventions;          /* "2017-05-10 银企会商: outcome; ..." or NULL */
	int helped;                   /* an intervention on or after its latest cut or call */
};
struct fin_warn_res {
	struct date day;
	struct fin_warn_item *v;
	size_t n;
};
int fin_warn(const struct kfq_ctx *cx, struct kfq_db *db, const struct date *day,
             struct fin_warn_res *out, struct kfq_err *err);
void fin_warn_res_release(struct fin_warn_res *r);

#endif
