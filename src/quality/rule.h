/* rule.h: validation rules (校验规则): named checks of a unit's month,
 * each a comparison of two expressions in the formula language of the
 * core (base/formula.h: indicators of the same unit and month, ytd(),
 * prior(), prev()), or a statistical check of one expression against the
 * unit's own history (a robust outlier, the magnitude slip of 元 for 万元),
 * against its peers (the units under the same parent, of the same industry)
 * or, for two indicators from different sources, their ratio against a band
 * or against the same ratio in the unit's own history;
 * a severity (an error blocks an import, a warning is kept as a finding,
 * off keeps the rule without running it), the units it applies to (a kind,
 * a group such as above_scale 规上, an industry code prefix, some months)
 * and a message with placeholders. Rules are imported (`kfq import rules`)
 * and kept in the store with their history, as every other configuration
 * is. The file format: docs/formats.md, "Validation rules"; the method:
 * docs/quality.md. Depends on base, store and model. */
#ifndef KFQ_RULE_H
#define KFQ_RULE_H

#include <stddef.h>

#include "base/dec.h"
#include "base/formula.h"
#include "model/indicator.h"
#include "store/db.h"

enum rule_severity { RULE_ERROR, RULE_WARNING, RULE_OFF };
enum rule_op {
	ROP_LT, ROP_LE, ROP_GT, ROP_GE, ROP_EQ, ROP_NE,
	ROP_WITHIN,      /* left within a factor of right: right ÷ F ≤ left ≤ right × F */
	ROP_OUTLIER,     /* left against the median and MAD of its own history */
	ROP_MAGNITUDE,   /* left about `factor` times its history's median or less */
	ROP_PEER,        /* left against the median and MAD of its peers' (the units under
	                    the same parent, optionally of the same industry) */
	ROP_RATIO,       /* left ÷ right (two sources) within a band [lo, hi], or within a
	                    factor of the median of the same ratio in its own history */
};
enum rule_history { RHIST_MONTHS, RHIST_SAME_MONTH };

struct rule {
	char *code;
	enum rule_severity severity;
	char *left_text, *right_text;     /* right_text "" for the statistical checks */
	struct formula *left, *right;     /* right NULL for the statistical checks */
	enum rule_op op;
	char *kind, *group, *industry;    /* applicability; NULL: any */
	int month_lo, month_hi;           /* 1..12 */
	char *months_text, *params_text, *message;   /* as given ("" when none) */
	/* params: within factor=F; outlier and magnitude history=months|same_month
	 * n=N min=M, outlier k=K, magnitude factor=F; peer k=K min=M
	 * same_industry=D; ratio lo=L hi=H, or history=… n=N min=M factor=F */
	dec factor, k;
	int n, min;
	enum rule_history history;
	int same_industry;                /* peer: characters of the industry code peers
	                                     share with the unit; 0: any industry */
	int band;                         /* ratio: 1 a fixed band [lo, hi] (has_lo, has_hi) */
	int has_lo, has_hi;
	dec lo, hi;
	const struct indicator *shown;    /* left's first indicator: values shown in its
	                                     measure; NULL when it names none */
};

struct rule_set {
	struct rule *v;
	size_t n;
};

/* One row of a rules file, as text (NULL: the column is absent). */
struct rule_row {
	const char *code, *severity, *left, *op, *right, *kind, *group, *industry, *months,
	           *params, *message;
};

/* Check a row and build the rule: every refusal names its field (err->field)
 * and says what was expected; the expressions must compile and name known
 * indicators of inds. r is released by rule_release. */
int rule_parse(const struct rule_row *row, const struct indicator_set *inds, struct rule *r,
               struct kfq_err *err);
void rule_release(struct rule *r);

/* Store a checked rule (inside the caller's transaction), history keeping
 * what changed. *changed: 0 the same, 1 added, 2 changed. */
int rule_put(struct kfq_db *db, const struct rule *r, int *changed, struct kfq_err *err);

/* The stored rules in code order, compiled against inds (which must outlive
 * the set). A rule that no longer compiles (an indicator renamed) is an
 * error naming it. */
int rules_load(struct kfq_db *db, const struct indicator_set *inds, struct rule_set *set,
               struct kfq_err *err);
void rules_release(struct rule_set *set);
/* Whether any rule is stored and not off (imports skip the checks without). */
int rules_active(const struct rule_set *set);

const char *rule_op_name(enum rule_op op);
const char *rule_severity_name(enum rule_severity s);

#endif
