/* project.h: key projects (重点项目): the register, status changes, plans,
 * monthly progress, blocking problems, and the counts the project office
 * reports (key projects, planned starts, started, started late, completed,
 * in production), published as figures of the core.
 *
 * A project is a unit of kind "project" under its park: its investment is
 * the indicator key_inv_actual filed like any data (a month's value or the
 * year to date), its annual plan is that indicator's target, and both roll
 * up to parks and the zone with everything else. The counts are derived
 * indicators that kfq rewrites from the register whenever a project or its
 * plan changes, inside the same transaction. An industrial (产业类) project
 * is "key" in a year when it has a plan for that year; the counts and
 * key_inv_actual are those of key industrial projects, and the other
 * categories' investment is other_inv_actual.
 * Depends on base, store, model, calc/rollup. */
#ifndef KFQ_PROJECT_H
#define KFQ_PROJECT_H

#include <stdint.h>

#include "base/date.h"
#include "calc/rollup.h"
#include "store/db.h"

enum project_status {
	PS_RESERVE, PS_APPROVED, PS_CONSTRUCTION, PS_COMPLETED, PS_PRODUCTION, PS_SUSPENDED,
};

extern const char *const PROJECT_STATUS[];      /* "reserve" ... */
extern const char *const PROJECT_STATUS_ZH[];   /* "储备" ... */

/* One row of a projects file, as text (NULL or "" for an empty cell). */
struct project_row {
	const char *code, *name, *category, *park, *owner, *industry, *key_level;
	const char *total_inv;       /* in the measure 10^total_shift 元 */
	int total_shift;
	const char *planned_start, *planned_end;           /* months: 2017-03 */
	const char *actual_start, *actual_end, *production; /* dates */
	const char *status, *reason, *reopen, *milestones;
};

/* The indicator a project's investment and plan are filed under:
 * key_inv_actual for industrial (产业类) projects, which the key-project
 * figures count, other_inv_actual for the other categories. */
const char *project_inv_indicator(const char *category);
/* The category of project code, into buf. */
int project_category(struct kfq_db *db, const char *code, char *buf, size_t n,
                     struct kfq_err *err);

/* Create the project indicators that are missing (key_inv_actual, the
 * counts, start_rate ...), and mark the counts derived. */
int project_ensure_indicators(struct kfq_db *db, struct kfq_err *err);

/* Insert or update a project after checking every field and the status
 * change (forward along reserve → approved → construction → completed →
 * production; suspended from anywhere with a reason; back only with
 * reopen and a reason). Changes go to history. *changed: 0 same, 1 added,
 * 2 changed; *moved: it changed park (the tree changed). A refusal names
 * the field it is about apart (err->field, as a projects file's header
 * spells it: "status", "total_investment"), its message the value and
 * what was expected. */
int project_put(struct kfq_db *db, const struct project_row *r, int *changed, int *moved,
                struct kfq_err *err);

/* Rewrite the derived counts of one project from its register row and its
 * plan years; add the roll-ups to rebuild to todo. */
int project_derive(struct kfq_db *db, const char *code, struct rollup_todo *todo,
                   struct kfq_err *err);

/* A blocking problem (the key is project, date raised, description).
 * Refusals name their field apart, as project_put's do ("deadline"). */
int project_problem_put(struct kfq_db *db, const char *code, const struct date *raised,
                        const char *description, const char *dept, const struct date *deadline,
                        const struct date *resolved, int *changed, struct kfq_err *err);

/* The progress note of a month (replacing an earlier one). */
int project_note_put(struct kfq_db *db, const char *code, int year, int month, const char *note,
                     struct kfq_err *err);

#endif
