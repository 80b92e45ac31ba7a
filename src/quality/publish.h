/* publish.h: publication of an approved month's figures, and revisions
 * (数据发布与修订). `kfq publish` freezes the figures of a unit's approved
 * (已审核) or certified (已核定) month: for the unit and every unit with
 * children under it, each indicator's value for the month and its year to
 * date, as computed then, stored as revision 1. The month can change
 * afterwards only by a reopen with a reason (quality/approval.h); once
 * approved again, publishing it again stores revision 2 with the reason of
 * the correction, and so on: every revision stays readable. A figure whose
 * value now differs from the one first published is revised: `kfq show`
 * notes it (old → new, the revision, who, why) and `kfq revisions` lists
 * every change. The eyewear index keeps its own revisions (a published
 * month's stored values replaced with a reason, the old ones in history):
 * its values are stored once, where these figures are sums derived from
 * enterprises' reports and so are kept as they were published.
 * docs/quality.md, "Publication and revisions". Depends on base, store,
 * model, calc. */
#ifndef KFQ_PUBLISH_H
#define KFQ_PUBLISH_H

#include <stddef.h>
#include <stdint.h>

#include "base/ctx.h"
#include "base/dec.h"
#include "base/period.h"
#include "base/sbuf.h"
#include "calc/figure.h"
#include "model/model.h"
#include "store/db.h"

struct publish_result {
	int revision;            /* the revision stored: 1, 2 ... */
	size_t units, figures;   /* units and figures (value or year to date) frozen */
	size_t changed;          /* figures that differ from the revision before */
};

/* Publish unit's month p (a month) in one transaction: refused unless the
 * month is approved or certified, and, once published, unless a figure
 * changed since (then reason, what was corrected, is required). */
int publish_month(struct kfq_db *db, const struct kfq_ctx *cx, const char *unit,
                  const struct period *p, const char *reason, struct publish_result *res,
                  struct kfq_err *err);

/* One published revision of a unit's month. */
struct publication {
	int64_t id;
	int revision;
	char at[32], who[64];
	char *reason;            /* NULL for revision 1 */
};

/* One figure as a revision froze it (or as it is now: rev 0). */
struct pub_value {
	size_t ind, unit;
	int has_value, has_ytd;
	dec value, ytd;
};

/* A change of a published figure: from revision `from` to revision `to`
 * (0: now, not yet published again), of its value or its year to date. */
struct pub_change {
	size_t ind, unit;
	int ytd;                 /* 0 the month's value, 1 the year to date */
	int from, to;
	int has_old, has_new;
	dec old_value, new_value;
	const struct publication *by;   /* the revision `to`; NULL for now */
};

struct pub_report {
	struct publication *pubs;   /* by revision */
	size_t npubs;
	struct pub_change *changes;
	size_t nchanges;
	char reopened_at[32], reopened_who[64];   /* the last reopen after the last revision */
	char *reopen_reason;
	struct pub_value *snapshot; /* the revision asked for (publish_read's `revision`) */
	size_t nsnapshot;
};

/* The publications of unit's month p, every change of their figures from
 * one revision to the next and from the last to now, and, when revision >
 * 0, that revision's figures. A month never published: 0 with npubs 0. */
int publish_read(struct kfq_db *db, const struct kfq_model *m, size_t unit,
                 const struct period *p, int revision, struct pub_report *r,
                 struct kfq_err *err);
void pub_report_release(struct pub_report *r);

/* For a figure shown (kfq show): when indicator ind of unit u over period p
 * (a month, or a year to date 1-M月) was published and its value now f
 * differs from the value first published, one line into out: what was
 * published, in which revision, and each change since, with who and why
 * (values in the indicator's measure), in Chinese when zh (units and
 * indicators by name) else English. Nothing when p is another span or the
 * figure was never published. */
int publish_note(struct kfq_db *db, const struct unit_set *units,
                 const struct indicator_set *inds, size_t ind, size_t u, const struct period *p,
                 const struct figure *f, int zh, struct sbuf *out, struct kfq_err *err);

#endif
