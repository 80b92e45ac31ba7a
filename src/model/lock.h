/* lock.h: the months that approval has locked (quality/approval.h moves a
 * unit's month through its states; an approved or certified month is
 * locked, with every unit under it), and the figures derived from other
 * records that those months hold. Every writer checks them: a data row
 * (io/import.c, io/entry.c) by its unit and month; a write that derives
 * figures again from all its records (an import of projects, leads, a
 * ledger, the finance platform; a step of a case; a ledger row added by
 * hand; a ledger redefined) by comparing the derived month values in the
 * locked months before and after it (derived_hold): a change there refuses
 * the write, naming the figure, the unit, the month, both values and who
 * approved it. Here, below the domain modules, so that each of them holds
 * the lock in its own transaction. Depends on base, store, model. */
#ifndef KFQ_LOCK_H
#define KFQ_LOCK_H

#include <stddef.h>
#include <stdint.h>

#include "base/dec.h"
#include "base/strmap.h"
#include "model/unit.h"
#include "store/db.h"

/* The locked months of the store, for the writers' check. */
struct approval_locks {
	struct strmap map;       /* "unit id year month" → index in v */
	struct approval_lock { char *key, *state, *who, *at; } *v;
	size_t n, cap;
};

int approval_locks_load(struct kfq_db *db, struct approval_locks *l, struct kfq_err *err);
void approval_locks_release(struct approval_locks *l);
/* 0 when unit u's month is open to changes; -1 with a user error naming the
 * unit, the month, its state and who set it when it (or a unit above it)
 * is approved or certified. */
int approval_check(const struct approval_locks *l, const struct unit_set *units, size_t u,
                   int year, int month, struct kfq_err *err);

/* The derived figures' month values in the months that hold an approval,
 * read before a write that derives them again. */
struct derived_snap {
	struct derived_value { int64_t ind, unit; int year, month; dec v; } *v;
	size_t n;
};

int derived_snap_read(struct kfq_db *db, struct derived_snap *s, struct kfq_err *err);
void derived_snap_release(struct derived_snap *s);
/* After the write, in its transaction: 0 when no derived value of a locked
 * month changed (a 0 gained or lost is no change: a count of nothing); -1
 * with "SOURCE: figure CODE of UNIT YYYY-MM would change from A to B: UNIT
 * YYYY-MM is locked: …" for the first that did. */
int derived_hold(struct kfq_db *db, const struct derived_snap *before, const char *source,
                 struct kfq_err *err);

#endif
