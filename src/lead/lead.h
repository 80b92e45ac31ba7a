/* lead.h: the investment-promotion pipeline (招商引资): leads, their dated
 * stages (contact 接洽 → negotiation 洽谈跟踪 → signed 签约 → landed 注册落户 →
 * started 开工, or dropped 终止), the enterprise a landed lead became and the
 * key project a started one became, and the pipeline's figures: published
 * as derived indicators of the core (landed_projects, landed_investment,
 * pipeline_projects, pipeline_investment, counted in the lead's park).
 * What a front end reads (the leads, one lead, the bureau's figures, the
 * funnel) is lead_query.h's. Depends on base, store, model, calc/rollup. */
#ifndef KFQ_LEAD_H
#define KFQ_LEAD_H

#include <stddef.h>
#include <stdint.h>

#include "base/date.h"
#include "base/dec.h"
#include "calc/rollup.h"
#include "store/db.h"

enum lead_stage { LS_CONTACT, LS_NEGOTIATION, LS_SIGNED, LS_LANDED, LS_STARTED, LS_DROPPED,
                  LS_N };

extern const char *const LEAD_STAGE[];      /* "contact" ... NULL */
extern const char *const LEAD_STAGE_ZH[];   /* "接洽" ... NULL */

/* A stage name in English or Chinese; -1 when unknown. */
int lead_stage_parse(const char *s);

/* One row of a leads file, as text ("" or NULL for an empty cell). */
struct lead_row {
	const char *code, *name, *investor, *origin, *industry, *park;
	const char *total_inv;     /* in 10^total_shift 元 */
	int total_shift;
	const char *foreign_inv;   /* in 10^foreign_shift 美元 */
	int foreign_shift;
	const char *officer, *source, *enterprise, *project;
};

/* Create the lead indicators that are missing and mark them derived. */
int lead_ensure_indicators(struct kfq_db *db, struct kfq_err *err);

/* Insert or update a lead; an enterprise or project may be linked to one
 * lead only. *changed: 0 same, 1 added, 2 changed (kept in history). A
 * refusal about one column of a leads file names it apart (err->field:
 * "park", "total_investment" ...). */
int lead_put(struct kfq_db *db, const struct lead_row *r, int *changed, struct kfq_err *err);

/* Record that a lead reached a stage on a date. Dates move forward; going
 * back to an earlier stage, and dropping, need a reason; landing needs the
 * linked enterprise and starting the linked project. The same stage on the
 * same date again changes nothing. A refusal names its field apart
 * (err->field: "lead", "stage", "date" or "reason"). */
int lead_stage_put(struct kfq_db *db, const char *code, const char *stage,
                   const struct date *date, const char *reason, int *changed,
                   struct kfq_err *err);

/* Rewrite the derived pipeline figures from the leads; add the roll-ups
 * to rebuild to todo. */
int lead_derive(struct kfq_db *db, struct rollup_todo *todo, struct kfq_err *err);

/* The stage of a lead at the end of a date (its latest stage on or before
 * it), by lead id; -1 when it had none yet, -2 on a store error (err). */
int lead_stage_at(struct kfq_db *db, int64_t lead_id, const struct date *d, struct kfq_err *err);

#endif
