/* history.h: the append-only change history of observations, targets,
 * units and indicators: old value, new value, when, by whom, from where.
 * Depends on store/db. */
#ifndef KFQ_HISTORY_H
#define KFQ_HISTORY_H

#include "store/db.h"
#include "base/dec.h"

struct history_entry {
	const char *kind;       /* "obs", "target", "unit", "indicator", "group" */
	const char *unit;       /* unit code or NULL */
	const char *indicator;  /* indicator code or NULL */
	const char *period;     /* canonical period text or NULL */
	const dec *old_value;   /* NULL: there was none */
	const dec *new_value;   /* NULL: removed */
	const char *note;       /* free text or NULL */
	const char *source;     /* "data.csv:12" or NULL */
};

/* Append one entry, stamped with the account and the time of the
 * transaction's context (db_begin). Inside the caller's transaction: a
 * fault outside one. */
int history_add(struct kfq_db *db, const struct history_entry *e, struct kfq_err *err);

#endif
