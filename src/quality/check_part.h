/* check_part.h: what the files of the checks share (check.c: the rules run,
 * the comparisons and the unit's own history; check_cross.c: peers and a
 * second source); private to src/quality/check*.c. Depends on base, store,
 * model, calc. */
#ifndef KFQ_CHECK_PART_H
#define KFQ_CHECK_PART_H

#include "quality/check.h"

struct tab;           /* check_table.c: one indicator and span over every unit */
struct check_tabs;

/* One run of the rules: the figures and what is loaded once. */
struct run {
	struct figure_ctx fc;
	const struct unit_set *units;
	const struct indicator_set *inds;
	struct kfq_db *db;
	char *grp;                /* the group whose members in grp_year are in_grp */
	int grp_year;
	unsigned char *in_grp;
	struct {                  /* a peer rule's values of one year, per unit × month */
		const struct rule *rule;
		int year;
		dec *v;
		unsigned char *st;     /* 0 not yet, 1 a value, 2 none */
	} peers;
	struct check_tabs *tabs;  /* the values read as tables (check_table.c), or NULL */
	const size_t *mask;       /* the units the running rule checks (tables fill them) */
	size_t nmask;
	unsigned mask_gen;        /* changes with mask */
	struct {                  /* codes of the rules' formulas → indicator, by address */
		const char *code;
		long ind;
	} codes[64];
	struct {                  /* a history rule's tables for one month (check.c) */
		const struct rule *rule;
		int year, month;
		unsigned epoch;
		struct tab *tb[24];
	} hist;
	struct check_explain *trace;   /* explaining one check: operands and samples kept */
	int trace_side;           /* the side whose operands are kept: 0 left, 1 right, -1 none */
};

/* A failed check's words (both languages). */
struct words {
	char left[80], right[80], expected[512], expected_zh[512], off[256], off_zh[256];
	char subject[320];        /* what was compared: the left expression, unless set */
};

/* The ratios of the ratio check are kept at this scale (10^8: 8 places). */
#define CHECK_RQ INT64_C(100000000)

/* f at unit u in month (year, month): 0 with *v, 1 no value, -1 error. */
int check_eval(struct run *run, const struct formula *f, size_t u, int year, int month, dec *v,
               struct kfq_err *err);
/* Whether the rule applies to unit u in (year, month): 1, 0, -1 error. */
int check_applies(struct run *run, const struct rule *r, size_t u, int year, int month,
                  struct kfq_err *err);
/* v as the rule's values are shown (the measure of the left expression's
 * first indicator when f keeps it, else a plain number). */
void check_show(const struct rule *r, const struct formula *f, dec v, char *buf, size_t n);
/* A ratio at CHECK_RQ as a plain number with up to 4 places. */
void check_show_ratio(int64_t q, char *buf, size_t n);
/* a ÷ b as text with two decimals ("12.34"), or "∞" when b is 0. */
void check_times(dec a, dec b, char *buf, size_t n);
/* The median of v[0..n) (sorted in place). */
dec check_median(dec *v, size_t n);
dec check_clamp(__int128 x);
/* The robust test of res->left against the sample h[0..n) (n ≥ 1): the
 * median, 1.4826 × MAD (at least 5% of the median), k deviations; basis
 * says what the sample is ("the 12 months before"). Always 1 (checked). */
int check_robust(const struct rule *r, struct check_result *res, struct words *w, dec *h,
                 size_t n, const char *basis, const char *basis_zh, int peers);
/* Keep a sample's value when explaining (label: a month or a unit). */
void check_trace_sample(struct run *run, const char *label, size_t unit, int year, int month,
                        dec v);

/* check_table.c: the values of indicators over spans of months, one table
 * per indicator and span over every unit, filled for the units in run->mask
 * at once (what figure_value returns: 1 with *v, 0 none, -1 error); year:
 * the one validated (its month values are read whole). */
void check_tabs_init(struct run *run, int year);
void check_tabs_release(struct run *run);
int check_tab_value(struct run *run, size_t ind, size_t u, int year, int first, int last, dec *v,
                    struct kfq_err *err);
/* The same in two steps, for a caller that keeps tables from check to
 * check: the table (made when missing; making one may drop every table
 * made before, and then check_tab_epoch changes), and a unit's value in it. */
struct tab *check_tab_get(struct run *run, size_t ind, int year, int first, int last);
unsigned check_tab_epoch(const struct run *run);
int check_tab_read(struct run *run, struct tab *tb, size_t u, dec *v, struct kfq_err *err);

/* check_cross.c: left against the peers' (ROP_PEER), left ÷ right against a
 * band or its own history (ROP_RATIO): 1 checked, 0 not, -1 error. */
int check_peer(struct run *run, struct check_result *res, struct words *w,
               struct kfq_err *err);
int check_ratio(struct run *run, struct check_result *res, struct words *w,
                struct kfq_err *err);

#endif
