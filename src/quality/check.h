/* check.h: running validation rules (quality/rule.h) on the stored
 * figures of units' months: each rule on each unit it applies to, month by
 * month, both sides evaluated as the core computes figures (calc/figure.h:
 * a unit's own values, or its children's rolled up), compared exactly.
 * A side with no value (a missing input, a division by zero) leaves the
 * month unchecked. The statistical checks read the same expression in the
 * unit's earlier months (or the same month of earlier years): the median
 * and the median absolute deviation (MAD) of that history give the
 * expected range. Every check evaluated is reported to a callback, failed
 * or not, so that stored findings can be opened and closed (finding.h).
 * Depends on base, store, model, calc. */
#ifndef KFQ_CHECK_H
#define KFQ_CHECK_H

#include <stddef.h>

#include "calc/figure.h"
#include "model/unit.h"
#include "quality/rule.h"

/* One evaluated check of rule × unit × month. */
struct check_result {
	const struct rule *rule;
	size_t unit;            /* index in the unit set */
	int year, month;
	int failed;
	dec left, right;        /* right: the expected value (the median for the
	                           statistical checks); valid when has_right */
	int has_right;
	char detail[1600];       /* failed: the message, placeholders filled (English) */
	char detail_zh[1600];    /* the same in Chinese */
};

/* A unit's month to check (an import's rows), with the file's line. */
struct check_key {
	size_t unit;
	int year, month;
	size_t line;
	int derived;            /* 0: the row's own month; 1: the month after it or an
	                           ancestor's (a line of its own is named first) */
};

/* The months a change of keys[0..n) affects: each key's own, the month
 * after it in the same year (prev() reads the month before) and the same
 * months of the unit's ancestors (whose figures sum it); once each, sorted,
 * with the line of a row's own month first. *keys grows (capacity *cap). */
void check_keys_expand(const struct unit_set *units, struct check_key **keys, size_t *n,
                       size_t *cap);

struct check_opts {
	const char *rule;          /* only this rule's code, or NULL */
	long unit;                 /* only this unit's subtree, -1: all */
	int year, first, last;     /* the months to check (when keys is NULL) */
	const struct check_key *keys;  /* or exactly these units' months */
	size_t nkeys;
	int with_errors, with_warnings;  /* which severities run */
};

/* Called for every check evaluated; k is the key it came from (NULL
 * without keys). Return -1 (err filled) to stop. */
typedef int (*check_fn)(void *ctx, const struct check_result *r, const struct check_key *k,
                        struct kfq_err *err);

/* Run the rules of set on units (with the indicators the set was loaded
 * against). Returns the number of checks evaluated, -1 on an error (an
 * unknown --rule, a figure that does not fit). */
long check_run(struct kfq_db *db, const struct unit_set *units,
               const struct indicator_set *inds, const struct rule_set *set,
               const struct check_opts *o, check_fn fn, void *ctx, struct kfq_err *err);

/* One value a check read: an operand of the left or right expression (an
 * indicator at the unit and month, through ytd/prior/prev), or one value of
 * the sample a statistical check compared with (a month of the unit's
 * history, or a peer unit). */
struct check_operand {
	int side;               /* 0 left, 1 right, 2 the sample */
	char label[96];         /* "ytd(taxable_sales)", "2017-07", "ent0005 某某公司" */
	const struct indicator *ind;   /* shown in its measure; NULL: as the rule shows */
	int has;                /* 0: no value */
	dec v;                  /* for a ratio's sample: the ratio at 10^8 */
	size_t unit;
	int year, month;        /* where it was read (the month after ytd/prior/prev) */
};

/* One check explained: whether it applies, its verdict now and every value
 * it read. */
struct check_explain {
	struct check_result res;
	int applies, checked;   /* checked 0: a side without value, too little history
	                           or too few peers */
	char subject[320], left[80], right[80];
	char left_value[80], right_value[80];   /* each side's value as shown ("" none) */
	char expected[512], expected_zh[512], off[256], off_zh[256];
	int ratio_sample;       /* the sample holds ratios (at 10^8) */
	struct check_operand *v;
	size_t n, cap;
};

/* Evaluate rule r at unit u in (year, month) as check_run would, keeping
 * every value it read. x is released by check_explain_release. */
int check_explain(struct kfq_db *db, const struct unit_set *units,
                  const struct indicator_set *inds, const struct rule *r, size_t u, int year,
                  int month, struct check_explain *x, struct kfq_err *err);
void check_explain_release(struct check_explain *x);

#endif
