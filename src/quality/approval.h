/* approval.h: the approval of a unit's month (数据审核): 填报 entered →
 * 已提交 submitted (by the clerk or the enterprise) → 已审核 approved (by
 * the park) → 已核定 certified (by the zone's statistician), each step in
 * one table with the states it may start from (as case.c's workflow), and
 * reopen (back to entered) with a reason. Approving or certifying a unit's
 * month needs every child unit with a state that month approved or
 * certified, and no open error finding in the unit's subtree that month.
 * An approved or certified month is locked: an import or an edit of the
 * unit's values in it is refused naming the unit, the month and who
 * approved it, until it is reopened. Every step is in history (kind
 * approval) with the account and the time. docs/quality.md, "Approval".
 * Depends on base, store, model. */
#ifndef KFQ_APPROVAL_H
#define KFQ_APPROVAL_H

#include <stddef.h>
#include <stdint.h>

#include "base/ctx.h"
#include "base/period.h"
#include "base/strmap.h"
#include "model/lock.h"
#include "model/unit.h"
#include "store/db.h"

enum approval_state { AS_ENTERED, AS_SUBMITTED, AS_APPROVED, AS_CERTIFIED, AS_N };
enum approval_step { AP_SUBMIT, AP_APPROVE, AP_CERTIFY, AP_REOPEN, AP_N };

extern const char *const APPROVAL_STATE[];      /* entered, submitted, approved, certified */
extern const char *const APPROVAL_STATE_ZH[];   /* 填报, 已提交, 已审核, 已核定 */
extern const char *const APPROVAL_STEP[];       /* submit, approve, certify, reopen */

/* The locked months and the derived figures they hold: model/lock.h. */

/* One step on unit's month (a month period), in its own transaction; note
 * required for reopen. A step not allowed from the month's state is refused
 * naming the steps that are; approve and certify name what blocks them. */
int approval_apply(struct kfq_db *db, const struct kfq_ctx *cx, const char *unit,
                   const struct period *p, enum approval_step step, const char *note,
                   struct kfq_err *err);

/* The tree under unit (NULL: every top-level unit) for a month: each unit
 * with children or with a state, its state, who and when, and what blocks
 * its next step. */
struct approval_row {
	size_t unit;
	int depth;
	enum approval_state state;
	char who[64], at[32];
	char blocks[256];        /* "" when nothing does */
};
struct approval_tree {
	struct unit_set units;
	struct approval_row *v;
	size_t n;
};
int approval_status(struct kfq_db *db, const char *unit, const struct period *p,
                    struct approval_tree *t, struct kfq_err *err);
void approval_tree_release(struct approval_tree *t);

#endif
