/* entry.h: one value entered by hand (a clerk's correction on the web, a
 * month's figure typed in): the same checks and writes as a one-row data
 * import (model/obs.h), its roll-ups rebuilt, its history kept, all in one
 * transaction; and the guard against two people overwriting each other:
 * the writer says which value it last saw (a version), and a value changed
 * since is refused with both values. The validation rules (docs/quality.md)
 * run on the months written, as on an import: a failed error rule refuses
 * the write, a failed warning is kept as an open finding and told in the
 * result. Depends on base, store, model, calc, quality. */
#ifndef KFQ_ENTRY_H
#define KFQ_ENTRY_H

#include "base/ctx.h"
#include "model/obs.h"

/* A version: "v" and the stored value in the store's integer units, or
 * "none" when the key holds no value. */
#define ENTRY_VERSION_MAX 32

struct entry_req {
	const char *unit, *indicator, *period;  /* codes; the period in any form */
	const char *value;          /* a number, in measure */
	const char *measure;        /* NULL: the indicator's own */
	const char *version;        /* the version the writer saw; NULL: not checked */
	const char *source;         /* recorded in history as the value's source ("web") */
	const char *note;           /* kept in history with the change (why a value jumped), or NULL */
	int parent_own;             /* 1: a unit with children may be given its first value of
	                             * a year (which then replaces its children's sum in every
	                             * month): for an account with the right to set up */
};

struct entry_res {
	enum put_result put;        /* the same, added or changed */
	char version[ENTRY_VERSION_MAX];   /* after the write (or the stored one, on conflict) */
	int conflict;               /* the stored value is not the version given */
	char stored[64], yours[64]; /* on conflict: both, in the request's measure */
	int warnings;               /* warning rules this value made fail, kept as open findings */
	char warning[2048];         /* the first of them, in the context's language */
};

/* Write the value. -1 with a user error for an unknown unit, indicator,
 * period, measure or a bad number (err->field names which), and on a
 * conflict (res->conflict set). */
int entry_put(struct kfq_db *db, const struct kfq_ctx *cx, const struct entry_req *q,
              struct entry_res *res, struct kfq_err *err);

/* A month's form: several values (of one unit and period, or any) in one
 * transaction, all or nothing. res holds n results. -1 with *bad the index
 * of the first item refused for another reason than a conflict (its field
 * named in err); or, when some items' versions are stale, *bad = n, each
 * such res[k].conflict set with both values, and err naming them all:
 * nothing is written either way. */
int entry_put_form(struct kfq_db *db, const struct kfq_ctx *cx, const struct entry_req *items,
                   size_t n, struct entry_res *res, size_t *bad, struct kfq_err *err);

/* The value of a key as text in its indicator's measure ("" when none) and
 * its version. 0, or -1 with a user error naming the unknown field. */
int entry_get(struct kfq_db *db, const char *unit, const char *indicator, const char *period,
              char *value, size_t n, char *version, struct kfq_err *err);

/* One annual target (unit × indicator × year) set by hand, as a one-row
 * `kfq import targets` would write it (the same value check, target_put,
 * history), with the reason kept in history and the same guard against
 * two people overwriting each other: the version is the unit's own
 * target's ("v…", or "none"), never its children's sum. */
struct entry_target_req {
	const char *unit, *indicator, *year;   /* codes; the year as 2017 or 2017年 */
	const char *value;          /* a number, in measure */
	const char *measure;        /* NULL: the indicator's own */
	const char *version;        /* the version the writer saw; NULL: not checked */
	const char *source;         /* recorded in history as the target's source ("web") */
	const char *note;           /* why: required, at most ENTRY_NOTE_MAX bytes, kept in history */
};
#define ENTRY_NOTE_MAX 1000

/* Set the target in a transaction of its own. -1 with a user error for
 * an unknown unit or indicator, a bad year, measure or number, a missing
 * or too long note (err->field names which), and on a conflict
 * (res->conflict set, both values in res). */
int entry_target_put(struct kfq_db *db, const struct kfq_ctx *cx,
                     const struct entry_target_req *q, struct entry_res *res,
                     struct kfq_err *err);

/* The unit's own target as text in its indicator's measure ("" when none)
 * and its version. 0, or -1 with a user error naming the unknown field. */
int entry_target_get(struct kfq_db *db, const char *unit, const char *indicator,
                     const char *year, char *value, size_t n, char *version,
                     struct kfq_err *err);

#endif
