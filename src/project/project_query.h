/* project_query.h: the key-project register read for the front ends (the
 * command line's kfq project, the web server's projects): the register
 * with this year's plan and investment to date (project_list), one project
 * in full (project_show), the project office's figures for a unit and a
 * period (project_stats) and the warnings it acts on (project_warnings).
 *
 * Each function takes the context (today, unless the request names the day
 * to judge on), the database and a request, and fills a result that owns
 * its strings, freed by the *_release beside it (also after a failure). A
 * result holds values: codes, names, months and dates as ISO text, exact
 * decimals, counts, rates in tenths of a percent; how they are shown (in
 * 亿元, in Chinese or English, as a table or JSON) is the front end's. The
 * rules live here, each once: late to start, not started, behind schedule,
 * a problem overdue; the figures come from calc/figure.
 * Depends on base, store, model, calc. */
#ifndef KFQ_PROJECT_QUERY_H
#define KFQ_PROJECT_QUERY_H

#include <stddef.h>
#include <stdint.h>

#include "base/ctx.h"
#include "base/date.h"
#include "base/dec.h"
#include "base/period.h"
#include "store/db.h"
#include "store/history.h"

/* One project as the register holds it. Empty text is NULL. */
struct project_info {
	char *code, *name, *category;
	char *park, *park_name;                  /* the unit it stands under */
	char *owner, *industry, *key_level;
	dec total;                               /* total investment, exact (元) */
	char *planned_start, *planned_end;       /* months: 2017-03 */
	char *actual_start, *actual_end, *production;   /* dates: 2017-03-15 */
	char *status;                            /* PROJECT_STATUS: reserve ... */
	char *reason, *milestones;
};

/* Late to start on day: the planned month has passed without a start by
 * day, or it started (by day) in a month after the planned one. */
int project_is_late(const struct project_info *p, const struct date *day);
/* Not started as planned on day: the planned month is before day's month
 * and the project had not started by day (whatever its status). */
int project_not_started(const struct project_info *p, const struct date *day);

/* ---- the register (project_list.c) ---- */

struct project_list_req {
	int status;          /* enum project_status (project.h), -1: any */
	const char *park;    /* a park's code (a unit of kind park, or with projects), NULL: all */
	int late;            /* only the projects late to start on the day */
	struct date date;    /* the day to judge on; year 0: the context's today */
};

enum project_has { PH_PLAN = 1, PH_YTD = 2, PH_COMPLETION = 4, PH_TIMEPROP = 8 };

struct project_list_row {
	struct project_info p;
	unsigned has;        /* enum project_has */
	dec plan;            /* the plan of the day's year (its investment indicator's target) */
	dec ytd;             /* investment to date, at the latest month filed through the day's */
	struct period through;   /* that month's year to date (2017年1-8月) */
};

struct project_list {
	struct project_list_row *v;
	size_t n;
	struct date day;     /* the day judged on */
	int money_decimals;  /* the decimals investment is shown with (key_inv_actual's) */
};

/* The register in code order, filtered by req. A park that is not one is
 * a user error naming the parks. */
int project_list(const struct kfq_ctx *cx, struct kfq_db *db, const struct project_list_req *req,
                 struct project_list *out, struct kfq_err *err);
void project_list_release(struct project_list *l);

/* ---- one project (project_show.c) ---- */

struct project_show_req {
	const char *code;
	int attributes_only; /* 1: the register's row alone, no plans, progress, problems, history */
	struct date date;    /* the day problems are judged on; year 0: today */
};

/* A year with a plan: the plan, and the investment to date at the year's
 * latest month filed. */
struct project_plan_year {
	int year;
	unsigned has;        /* enum project_has */
	dec plan, ytd;
	struct period through;
	int64_t completion;  /* ytd ÷ plan, tenths of a percent */
};

/* What was filed for a month (or a year to date ending in it). */
struct project_progress {
	struct period period;    /* a month, or the year to date filed */
	int has_investment, has_physical;
	dec investment;
	dec physical;            /* physical progress, % */
	char *note;
};

enum project_problem_state { PROBLEM_OPEN, PROBLEM_OVERDUE, PROBLEM_RESOLVED };

struct project_problem {
	char *raised, *description, *dept, *deadline, *resolved;   /* dates as text */
	enum project_problem_state state;   /* resolved (at any date), else past its deadline on the day */
};

struct project_show {
	struct project_info p;
	struct date day;
	int money_decimals;      /* as in struct project_list */
	int physical_decimals;   /* physical_progress's decimals */
	int has_investment;      /* it has an investment indicator: plans and progress apply */
	struct project_plan_year *plans;
	size_t nplans;
	struct project_progress *progress;
	size_t nprogress;
	struct project_problem *problems;
	size_t nproblems;
	struct history_list history;   /* the changes of the project, oldest first */
	int *history_shift;      /* per change: its indicator's measure scale (0: none), to show values */
};

/* One project; an unknown code (or a unit that is not a project) is a user
 * error. */
int project_show(const struct kfq_ctx *cx, struct kfq_db *db, const struct project_show_req *req,
                 struct project_show *out, struct kfq_err *err);
void project_show_release(struct project_show *s);

/* ---- the office's figures (project_stats.c) ---- */

/* The figures, each from its indicator (PROJECT_STAT_INDICATOR). */
enum project_stat {
	PST_KEY, PST_PLANNED, PST_STARTED, PST_ON_TIME, PST_LATE, PST_START_RATE, PST_INVESTMENT,
	PST_COMPLETED, PST_PRODUCTION, PST_N
};
extern const char *const PROJECT_STAT_INDICATOR[PST_N];   /* "key_projects" ... */

struct project_stat_value {
	int has;
	dec value;           /* year to date at the period's end (key projects: the level) */
	int shift, decimals; /* its indicator's measure scale and decimals, to show it */
};

struct project_stats_req {
	struct period period;    /* required */
	const char *unit;        /* NULL: the top-level unit */
};

struct project_stats {
	char *unit, *unit_name;
	struct period period;    /* the year to date the figures are at */
	struct project_stat_value v[PST_N];
	unsigned has;            /* PH_PLAN, PH_COMPLETION, PH_TIMEPROP */
	dec plan;                /* key_inv_actual's target of the year */
	int64_t completion;      /* investment ÷ plan, tenths of a percent */
	int64_t timeprop;        /* completion ÷ the share of the year elapsed (序时进度), tenths */
	int money_decimals;
};

int project_stats(const struct kfq_ctx *cx, struct kfq_db *db, const struct project_stats_req *req,
                  struct project_stats *out, struct kfq_err *err);
void project_stats_release(struct project_stats *s);

/* ---- warnings (project_warn.c) ---- */

enum project_warning_kind { PW_NOT_STARTED, PW_BEHIND, PW_OVERDUE_PROBLEM, PW_SUSPENDED };
extern const char *const PROJECT_WARNING_KIND[];      /* "not started" ... */
extern const char *const PROJECT_WARNING_KIND_ZH[];   /* "未按计划开工" ... */

struct project_warnings_req {
	const char *unit;        /* the projects under this unit; NULL: the top-level unit */
	struct date date;        /* the day to judge on; year 0: today */
	long threshold;          /* behind schedule: points (0 to 100) behind the year elapsed */
};

struct project_warning {
	enum project_warning_kind kind;
	char *code, *name, *park, *park_name;
	char *detail;            /* the sentence a user reads: "planned start 2017-09; status approved" */
	char *detail_zh;         /* the same in Chinese (NULL: detail is the user's own text) */
	/* behind schedule: the month judged at, completion and elapsed share (tenths), the plan */
	struct period at;
	int64_t completion, elapsed;
	dec plan;
	/* overdue problem: its deadline (text) and the days past it */
	char *deadline;
	long days;
};

struct project_warnings {
	struct project_warning *v;
	size_t n;
	char *unit, *unit_name;
	struct date day;
};

/* The warnings in this order: not started (planned before the day's month,
 * not started by the day, not suspended), behind schedule (a plan for the
 * day's year and its completion more than threshold points below the share
 * of the year elapsed, at the latest month with investment to date), the
 * problems past their deadline and unresolved on the day, the suspended
 * projects (with their reason). */
int project_warnings(const struct kfq_ctx *cx, struct kfq_db *db,
                     const struct project_warnings_req *req, struct project_warnings *out,
                     struct kfq_err *err);
void project_warnings_release(struct project_warnings *w);

#endif
