/* case.h: visits to enterprises and households and the problems (cases)
 * they raise, driven to a resolution the requester accepts (暖企惠民大走访).
 *
 * A case is registered with a category and a priority; its deadline is the
 * date raised plus the service level's working days for that category and
 * priority (weekends and listed holidays skipped). Every step is an event:
 * assign (to a department), accept, progress, resolve (what was done),
 * confirm (with the requester's rating 1-5), reopen, transfer (to another
 * department, with a reason), merge (into another case) and close (an
 * explanation, 解释说明, where nothing can be done). A step the case's status
 * does not allow is refused, naming the steps that are. A refusal about one
 * input field names the field apart from the message (kfq_error_field:
 * "rating"), and each front end names it its own way (the import's column
 * "rating", the command line's --rating).
 * The campaign's figures are published through the core as indicators of
 * the top unit: visited_enterprises and visited_households (distinct, so
 * far this year), cases_raised, cases_resolved, cases_on_time, and the
 * formulas case_resolution_rate and case_on_time_rate.
 * Depends on base, store, model, calc/rollup. */
#ifndef KFQ_CASE_H
#define KFQ_CASE_H

#include "base/ctx.h"
#include "base/date.h"
#include "base/period.h"
#include "calc/rollup.h"
#include "store/db.h"

enum case_status {
	CS_REGISTERED, CS_ASSIGNED, CS_ACCEPTED, CS_IN_PROGRESS, CS_RESOLVED, CS_CONFIRMED,
	CS_CLOSED, CS_MERGED, CS_N,
};
enum case_action {
	CA_ASSIGN, CA_ACCEPT, CA_PROGRESS, CA_RESOLVE, CA_CONFIRM, CA_REOPEN, CA_TRANSFER,
	CA_MERGE, CA_CLOSE, CA_N,
};

extern const char *const CASE_STATUS[], *const CASE_STATUS_ZH[];
extern const char *const CASE_ACTION[], *const CASE_ACTION_ZH[];
extern const char *const CASE_CATEGORY[], *const CASE_CATEGORY_ZH[];
extern const char *const CASE_PRIORITY[], *const CASE_PRIORITY_ZH[];
extern const char *const CASE_CHANNEL[], *const CASE_CHANNEL_ZH[];

/* A name in English or Chinese from one of the lists above; -1 if none. */
int case_name_index(const char *s, const char *const *en, const char *const *zh);
/* Whether a case in this status is still open (not resolved or ended). */
int case_status_open(enum case_status s);
/* Whether step a may be taken from status s (the workflow's rule). */
int case_step_allowed(enum case_status s, enum case_action a);

/* The date `days` working days after `from` (weekends and holidays from
 * the holiday table skipped). */
int case_workdays_add(struct kfq_db *db, const struct date *from, int days, struct date *out,
                      struct kfq_err *err);

/* What an import of households, visits or cases looks up at each row (the
 * codes of units, households and visits, the rows stored under the codes
 * it writes, the holidays and service levels), each table read once, at
 * the first row that needs it: on a PostgreSQL server a query a row was a
 * round trip each (case_cache.c). Given to household_put, visit_put and
 * case_add for the rows of one import in one transaction; NULL: each row
 * looks up what it needs. */
struct case_cache;
struct case_cache *case_cache_new(void);
void case_cache_free(struct case_cache *cc);

/* A household; address, head or phone NULL keeps the one stored ("" clears
 * it): a households file without those columns (an export without
 * contacts) changes none of them. */
int household_put(struct kfq_db *db, struct case_cache *cc, const char *code,
                  const char *community, const char *address, const char *head,
                  const char *phone, int *changed, struct kfq_err *err);
/* A visit to an enterprise (unit code) or a household (household code). */
int visit_put(struct kfq_db *db, struct case_cache *cc, const char *code, const struct date *date,
              const char *team, const char *unit, const char *household, const char *campaign,
              const char *notes, int *changed, struct kfq_err *err);
int case_sla_put(struct kfq_db *db, const char *category, const char *priority, int route_days,
                 int close_days, int *changed, struct kfq_err *err);
int holiday_put(struct kfq_db *db, const struct date *d, const char *name, int *changed,
                struct kfq_err *err);
/* The supervisor a department's overdue problems are escalated to. */
int case_dept_put(struct kfq_db *db, const char *dept, const char *supervisor, int *changed,
                  struct kfq_err *err);

struct case_row {
	const char *code, *channel, *visit, *unit, *household, *campaign, *category, *priority,
	           *description, *raised_by;
	struct date raised;
};
/* Register a case (its deadline from the service level). Registering the
 * same case again with the same fields changes nothing; with other fields
 * it is refused (cases change through their steps). */
int case_add(struct kfq_db *db, struct case_cache *cc, const struct case_row *r, int *changed,
             struct kfq_err *err);

/* Apply a step to a case. dept: assign/transfer; note: progress, resolve,
 * reopen, transfer, close (required for resolve, reopen, transfer, close);
 * into: merge; rating 1-5: confirm. A rating, an into or a merge's note
 * where the step takes none is refused. The same step on the same date with
 * the same note again changes nothing; given as taken by another who (not
 * empty) it is refused. */
int case_act(struct kfq_db *db, const char *code, const char *action, const struct date *date,
             const char *dept, const char *note, const char *into, int rating, const char *who,
             int *changed, struct kfq_err *err);

/* ---- a registration or a step as one call (case_step.c) ---- */

/* What case_register or case_apply did. */
struct case_change {
	int changed;            /* 0: the same again, nothing written */
	struct date deadline;   /* case_register: the case's deadline as stored */
	int from, to;           /* case_apply: its status before and after (enum case_status) */
};

/* Register r as case_add does, in a transaction of its own on behalf of
 * cx that also rewrites the published figures when the case is new; the
 * day raised, when r->raised.year is 0, is cx's today. Run again from its
 * start when a concurrent writer made it fail (at most DB_RETRIES times). */
int case_register(const struct kfq_ctx *cx, struct kfq_db *db, const struct case_row *r,
                  struct case_change *out, struct kfq_err *err);

/* A step asked for: case_act's arguments. */
struct case_step_req {
	const char *code;
	enum case_action action;
	struct date date;       /* year 0: cx's today */
	const char *dept, *note, *into;
	int rating;             /* confirm: 1 to 5 */
};

/* Apply step s as case_act does (on behalf of cx's account), in a
 * transaction of its own like case_register's. Two people stepping the
 * same case at once: one step is applied first; the other is applied
 * after it, or refused as not allowed from the status it then finds. */
int case_apply(const struct kfq_ctx *cx, struct kfq_db *db, const struct case_step_req *s,
               struct case_change *out, struct kfq_err *err);

/* Create the case indicators that are missing; mark the counts derived. */
int case_ensure_indicators(struct kfq_db *db, struct kfq_err *err);
/* Rewrite the published figures from visits and cases; add the roll-ups to
 * rebuild to todo. */
int case_derive(struct kfq_db *db, struct rollup_todo *todo, struct kfq_err *err);

/* ---- the visits (visit_stats.c) ---- */

/* A period's visits: the enterprises and households visited (each once),
 * the visits, and the problems raised at them (merged duplicates
 * excluded); only the campaign's when campaign is not NULL. */
struct visit_counts {
	int64_t enterprises, households, visits, cases_raised;
};

int visit_stats(struct kfq_db *db, const struct period *p, const char *campaign,
                struct visit_counts *out, struct kfq_err *err);

#endif
