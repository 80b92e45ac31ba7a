/* finding.h: findings (问题数据): the failed checks of validation rules,
 * kept in the store. A failed check opens a finding (unless the same
 * values were already confirmed); a finding stays open while its values
 * stay the same, and closes by itself when they change (the check then
 * passes, or fails with other values: a new finding), or when someone
 * confirms the value with a reason (kfq findings close --note). Every
 * closing is in the history. Depends on base, store, model and
 * quality/check. */
#ifndef KFQ_FINDING_H
#define KFQ_FINDING_H

#include <stddef.h>
#include <stdint.h>

#include "base/period.h"
#include "base/strmap.h"
#include "model/model.h"
#include "quality/check.h"
#include "store/db.h"

/* Opens and closes findings from check results, inside the caller's
 * transaction. */
struct finding_rec {
	struct kfq_db *db;
	const struct unit_set *units;
	int64_t import_id;           /* 0 when not from an import */
	int errors_too;              /* record failed error rules (validate) too */
	struct strmap known;         /* key → the latest finding's place in v */
	struct finding_known *v;
	size_t n, cap;
	unsigned char *has;          /* per unit: 1 when one of v is the unit's */
	size_t opened, closed, still_open, confirmed;
};

/* Load the findings of year (all months; every year when 0) so that
 * checks of that year can be matched to them. */
int finding_rec_init(struct finding_rec *fr, struct kfq_db *db, const struct unit_set *units,
                     int64_t import_id, int year, struct kfq_err *err);
void finding_rec_release(struct finding_rec *fr);
/* Record one check (a check_fn: ctx is the finding_rec). */
int finding_record(void *ctx, const struct check_result *r, const struct check_key *k,
                   struct kfq_err *err);

/* One finding as read back; strings owned by the list. */
struct finding {
	int64_t id;
	char *rule, *severity, *unit, *unit_name, *detail, *detail_zh, *status, *opened_at,
	     *opened_by, *closed_at, *closed_by, *closed_how, *note;
	int year, month;
	int64_t import_id;
};

struct finding_list {
	struct finding *v;
	size_t n;
};

struct finding_query {
	const char *status;          /* "open", "closed" or NULL (all) */
	const char *rule;            /* NULL: any */
	const char *severity;        /* "error", "warning" or NULL */
	const struct period *period; /* the months in it, or NULL */
	const char *unit;            /* the unit's subtree, or NULL */
	int64_t id;                  /* one finding, or 0 */
};

int finding_read(struct kfq_db *db, const struct finding_query *q, struct finding_list *out,
                 struct kfq_err *err);
void finding_list_release(struct finding_list *l);

/* Close finding id as confirmed: the value stands, for the reason given
 * (note required), with the account and time of db's transaction, and in
 * history. An unknown or closed finding is a user error. */
int finding_close(struct kfq_db *db, const struct kfq_ctx *cx, int64_t id, const char *note,
                  struct kfq_err *err);

/* One finding explained (kfq findings explain): the finding, its rule as
 * stored, and its check evaluated again on the data now, with every value
 * it read (quality/check.h, struct check_explain). */
struct finding_explanation {
	struct finding_list l;       /* the finding: l.v[0] */
	struct kfq_model m;
	struct rule_set set;
	const struct rule *rule;     /* NULL when the rule is no longer stored */
	struct check_explain x;
};

/* An unknown finding is a user error. e is released by
 * finding_explanation_release (also after a failure). */
int finding_explain(struct kfq_db *db, int64_t id, struct finding_explanation *e,
                    struct kfq_err *err);
void finding_explanation_release(struct finding_explanation *e);

#endif
