/* lead_query.h: the investment-promotion pipeline as a front end reads it:
 * the leads with their stage on a day (lead_list), one lead in full
 * (lead_show), the bureau's figures for a unit and a period with the
 * landed leads per industry or origin (lead_stats), and the funnel of the
 * stages on a day (lead_funnel).
 *
 * Each function takes the context (today, the account), the database, a
 * request holding what the user asked, and fills a result: values (codes,
 * names, dates, exact decimals with the measure they are shown in, counts,
 * percentages and medians in tenths), never formatted text or headings;
 * the result owns its strings and is freed by the *_release beside the
 * function, also after a failure. They read and change nothing. A user
 * error (an unknown stage, park, unit or lead) fills err with a message
 * naming the request's field as the command line's option does (--stage,
 * --park, --unit); a failed read is a fault. Depends on base, store,
 * model, calc/figure and lead.h. */
#ifndef KFQ_LEAD_QUERY_H
#define KFQ_LEAD_QUERY_H

#include <stddef.h>
#include <stdint.h>

#include "base/ctx.h"
#include "base/date.h"
#include "base/dec.h"
#include "base/period.h"
#include "lead/lead.h"
#include "store/db.h"

/* ---- the leads (lead_query.c) ---- */

/* One lead with its stage on a day. Text fields are NULL where empty. */
struct lead_item {
	int64_t id;
	char *code, *name, *investor, *origin, *industry;
	char *park, *park_name;              /* the intended park: code, name */
	dec total_inv;                       /* total investment, exact, in 元 */
	dec foreign_inv;                     /* foreign investment, exact, in 美元 ... */
	int has_foreign;                     /* ... when given */
	char *officer, *source;
	char *enterprise, *enterprise_name;  /* the enterprise it became (landed) */
	char *project, *project_name;        /* the key project it became (started) */
	int stage;                           /* enum lead_stage on the day; -1: none yet */
	struct date since;                   /* the day that stage began (when stage >= 0) */
};

struct lead_list_req {
	const char *stage;   /* only the leads at this stage on the day (English or
	                      * Chinese: lead_stage_parse); NULL: all */
	const char *park;    /* only the leads intended for this park (a unit of kind
	                      * park, or one a lead names) or a unit under it; NULL: all */
	struct date date;    /* the day; year 0: each lead's latest stage */
};

struct lead_list_res {
	struct lead_item *v;   /* in code order */
	size_t n;
};

/* The leads req asks for into *out. A stage or park that is none fails
 * with a user error listing what is expected (the stage is checked before
 * anything is read). */
int lead_list(const struct kfq_ctx *cx, struct kfq_db *db, const struct lead_list_req *req,
              struct lead_list_res *out, struct kfq_err *err);
void lead_list_release(struct lead_list_res *r);

/* A stage the lead reached, in the order of its dates. */
struct lead_stage_step {
	int stage;                 /* enum lead_stage */
	struct date date;
	char *reason;              /* NULL when none */
	long days_in_previous;     /* since the previous step (when has_days: not the first) */
	int has_days;
};

/* A change of the lead, as the history keeps it (oldest first). */
struct lead_change {
	char *at, *who;            /* the instant (ISO 8601) and the account */
	char *date;                /* the stage's day for a stage change; NULL for an edit */
	char *note;                /* "stage: signed → landed", "officer: 张华 → 刘洋" ... */
};

struct lead_show_req {
	const char *code;          /* the lead */
};

struct lead_show_res {
	struct lead_item lead;     /* its attributes and latest stage, as lead_list gives them */
	struct lead_stage_step *steps;
	size_t nsteps;
	struct lead_change *changes;
	size_t nchanges;
};

/* The lead req->code in full into *out; a user error when there is none. */
int lead_show(const struct kfq_ctx *cx, struct kfq_db *db, const struct lead_show_req *req,
              struct lead_show_res *out, struct kfq_err *err);
void lead_show_release(struct lead_show_res *r);

/* ---- the bureau's figures (lead_stats.c) ---- */

/* A figure in the measure of the indicator behind it. */
struct lead_amount {
	int has;              /* 0: no value */
	dec v;                /* exact, in the base unit (个, 元, 美元) */
	int shift;            /* the indicator's measure is 10^shift base units ... */
	int decimals;         /* ... shown with these places */
	const char *measure;  /* its name (个, 亿元, 万美元 ...); static */
};

enum lead_by { LEAD_BY_NONE = -1, LEAD_BY_INDUSTRY = 0, LEAD_BY_ORIGIN = 1 };

struct lead_stats_req {
	struct period period;   /* required */
	const char *unit;       /* NULL: the top-level unit (model_unit_or_root) */
	enum lead_by by;        /* also break the landed leads down by industry or origin */
};

/* The landed leads of one industry or origin. */
struct lead_group {
	char *key;              /* the industry or origin; NULL: not given */
	long landed;
	dec investment;         /* their total investment, in 元 (shown as landed_inv is) */
};

struct lead_stats_res {
	char *unit, *unit_name;           /* the unit: code, name */
	struct period period;
	/* the derived indicators (calc/figure): landed in the period (a flow),
	 * the pipeline, signed or negotiating, at its end (a stock) */
	struct lead_amount landed, landed_inv, pipeline, pipeline_inv;
	/* foreign capital arrived: the indicator fdi_arrived, when there is one */
	int has_fdi;
	struct lead_amount fdi;           /* year to date at the period's end */
	struct lead_amount fdi_target;    /* the year's target */
	int has_fdi_completion;
	int64_t fdi_completion;           /* fdi ÷ target, tenths of a percent */
	/* when req->by is not LEAD_BY_NONE: the leads whose first landing falls
	 * in the period, in the unit's subtree, per key (in key order, the
	 * missing key last) */
	enum lead_by by;
	struct lead_group *groups;
	size_t ngroups;
};

/* The figures req asks for into *out. A unit that is none, or a database
 * without the lead indicators (no leads imported yet), is a user error. */
int lead_stats(const struct kfq_ctx *cx, struct kfq_db *db, const struct lead_stats_req *req,
               struct lead_stats_res *out, struct kfq_err *err);
void lead_stats_release(struct lead_stats_res *r);

/* ---- the funnel (lead_funnel.c) ---- */

struct lead_funnel_stage {
	long reached;            /* the leads that reached the stage by the day */
	long moved;              /* of them, those that went on to the next stage */
	int has_conversion;      /* the stage has a next one (not started, dropped) and leads */
	int64_t conversion;      /* moved ÷ reached, tenths of a percent */
	int has_median;          /* some moved on */
	int64_t median_days;     /* the median days they took, in tenths of a day */
};

struct lead_funnel_req {
	struct date date;        /* the day; year 0: the context's today */
};

/* Holds no allocation: nothing to release. */
struct lead_funnel_res {
	struct date day;                         /* the day it was taken on */
	struct lead_funnel_stage stage[LS_N];    /* by enum lead_stage */
};

/* The funnel on the day req asks for into *out. */
int lead_funnel(const struct kfq_ctx *cx, struct kfq_db *db, const struct lead_funnel_req *req,
                struct lead_funnel_res *out, struct kfq_err *err);

#endif
