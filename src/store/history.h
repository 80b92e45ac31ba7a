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

/* One entry as read back. The strings are owned by the list. */
struct history_row {
	char *at, *who, *kind, *unit, *indicator, *period, *note, *source;
	int has_old, has_new;
	dec old_value, new_value;
};

struct history_list {
	struct history_row *v;
	size_t n;
};

/* Which entries to read: NULL (or 0) for any. */
struct history_query {
	const char *unit;        /* unit code */
	const char *indicator;   /* indicator code */
	const char *period;      /* canonical period text (period_format) */
	long limit;              /* at most this many, newest first (> 0) */
};

/* The entries matching q, newest first, into out (released with
 * history_list_release, also after a failure). */
int history_read(struct kfq_db *db, const struct history_query *q, struct history_list *out,
                 struct kfq_err *err);
void history_list_release(struct history_list *l);

#endif
