/* case_query.h: what a front end reads of the cases: the list with the
 * days each case is overdue on a day (case_list), the cases to chase on a
 * day, per department, with the rule for escalating them (督办,
 * case_overdue), one case in full with its steps and its history
 * (case_show), and how a period's problems were handled, in total or per
 * department or category (case_stats).
 *
 * Each function takes the context (today, when the request names no day),
 * the database and a request, and fills a result that owns its strings,
 * freed by the *_release function beside it (also after a failure). The
 * results hold values: codes as stored (English: "infrastructure",
 * "confirmed"), dates, counts, rates in tenths of a percent; the names
 * people read (Chinese or English) and the layout are the front end's.
 * Nothing here writes. Depends on base, store and case/case.h. */
#ifndef KFQ_CASE_QUERY_H
#define KFQ_CASE_QUERY_H

#include <stddef.h>
#include <stdint.h>

#include "base/ctx.h"
#include "base/date.h"
#include "base/period.h"
#include "store/db.h"

/* Who raised a case: an enterprise (unit code and name) or a household
 * (code and community); NULL where not. Never a household's contacts. */
struct case_party {
	char *unit, *unit_name, *household, *community;
};

/* ---- the list (case_list.c) ---- */

struct case_list_req {
	struct date day;     /* the day to judge on; year 0: cx's today */
	const char *dept;    /* only the cases with this department; NULL: any */
	int status;          /* only this status (enum case_status); -1: any */
	int category;        /* only this category (index in CASE_CATEGORY); -1: any */
	int overdue_only;    /* only the cases open and past their deadline on the day */
	const char *enterprise;   /* only the cases this unit (code) raised; NULL: any */
};

struct case_list_row {
	char *code, *category, *priority, *dept, *status;   /* dept NULL: not assigned */
	struct date raised, deadline;
	int overdue;         /* open on the day and past its deadline */
	long days_overdue;   /* when overdue: calendar days from the deadline to the day */
	struct case_party party;
};

/* The cases in code order. */
struct case_list {
	struct date day;     /* the day judged on */
	struct case_list_row *v;
	size_t n;
};

int case_list(const struct kfq_ctx *cx, struct kfq_db *db, const struct case_list_req *q,
              struct case_list *out, struct kfq_err *err);
void case_list_release(struct case_list *l);

/* ---- the cases to chase (督办, case_overdue.c) ---- */

#define CASE_ESCALATE_MAX 3650   /* the most days overdue a request may name */
#define CASE_SOON_MAX 365        /* the most days ahead a request may look */

struct case_overdue_req {
	struct date day;     /* year 0: cx's today */
	long days;           /* escalate a case overdue by more than this (0 to CASE_ESCALATE_MAX) */
	long soon;           /* also the open cases due within this many days (0 to CASE_SOON_MAX) */
};

enum case_urge {
	CASE_LATE,           /* overdue, not yet for the supervising office */
	CASE_ESCALATE,       /* overdue by more than the request's days: escalate */
	CASE_DUE_SOON,       /* not overdue yet: due within the request's soon days */
};

struct case_overdue_row {
	size_t dept;         /* its department in the result's depts */
	char *code, *category;
	struct date raised, deadline;
	long days_overdue;   /* from the deadline to the day; 0 or less: not yet due */
	enum case_urge urge;
	struct case_party party;
};

/* A department as the cases were with it on the day. */
struct case_overdue_dept {
	char *dept;          /* NULL: not assigned */
	char *supervisor;    /* who its overdue problems go to (case_dept); NULL: none named */
	int overdue, escalate;
};

/* The cases open on the day and due by day + soon, per department (the
 * one each was with on the day, those not assigned first), the longest
 * overdue first within one. */
struct case_overdue {
	struct date day;
	long days, soon;
	size_t noverdue, nsoon;
	struct case_overdue_row *v;
	size_t n;
	struct case_overdue_dept *depts;
	size_t ndepts;
};

int case_overdue(const struct kfq_ctx *cx, struct kfq_db *db, const struct case_overdue_req *q,
                 struct case_overdue *out, struct kfq_err *err);
void case_overdue_release(struct case_overdue *o);

/* ---- one case (case_show.c) ---- */

struct case_show_req {
	const char *code;
	/* the household's head, address and phone too: personal information,
	   read only when asked for, and the asking recorded in the audit log
	   first (audit_personal, from address: the client's, NULL on the
	   command line); a case of no household records nothing */
	int with_contacts;
	const char *address;
};

/* A step as recorded. */
struct case_step_row {
	struct date date;
	char *action, *dept, *note, *who;
	int rating;          /* 0: none */
};

/* A change of the case in the history. */
struct case_history_row {
	char *at, *who, *date, *note;
};

struct case_detail {
	char *code, *channel, *visit, *campaign, *category, *priority, *description, *raised_by,
	     *dept, *status, *merged_into;
	struct date raised, deadline, resolved;   /* resolved year 0: not resolved */
	int rating;          /* 0: not rated */
	struct case_party party;
	char *head, *address, *phone;             /* the household's; phone only when asked */
	struct case_step_row *steps;              /* by date, as entered */
	size_t nsteps;
	struct case_history_row *history;         /* as written */
	size_t nhistory;
};

/* Unknown code: a user error about the field "case". */
int case_show(const struct kfq_ctx *cx, struct kfq_db *db, const struct case_show_req *q,
              struct case_detail *out, struct kfq_err *err);
void case_detail_release(struct case_detail *d);
/* A step's note in the history ("assign: registered → assigned; the
 * note", as case_act writes it) in Chinese ("交办：已登记 → 已交办；the
 * note"), new; NULL when note is not a step's. */
char *case_history_note_zh(const char *note);

/* ---- how a period's problems were handled (case_stats.c) ---- */

enum case_stats_by { CASE_BY_NONE = -1, CASE_BY_DEPT = 0, CASE_BY_CATEGORY = 1 };

struct case_stats_req {
	struct period period;
	int by;              /* enum case_stats_by */
	const char *campaign;   /* only its cases; NULL: all */
};

/* A share in tenths of a percent, rounded half away from zero; known only
 * when its denominator is not 0. */
struct case_rate {
	int known;
	int64_t tenths;
};

/* The counts the published figures count: raised in the period (merged
 * duplicates excluded), resolved in it, by the deadline or not; the cases
 * open and overdue at the period's end; of those resolved, the rated, the
 * satisfied (rating 4 or 5) and the reopened. */
struct case_stats_group {
	char *name;          /* the department or the category code; NULL: not assigned, or the total */
	int64_t raised, resolved, on_time, overdue, rated, satisfied, reopened;
	struct case_rate resolution, on_time_rate, satisfaction, reopen;
	int has_median;
	int64_t median_days; /* days from raised to resolved, the median, in tenths of a day */
};

/* The groups in the order of their first case by code, those with
 * nothing raised, resolved or overdue left out; and the total. */
struct case_stats {
	struct case_stats_group *groups;
	size_t ngroups;
	struct case_stats_group total;
};

/* No period: a user error about the field "period". */
int case_stats(const struct kfq_ctx *cx, struct kfq_db *db, const struct case_stats_req *q,
               struct case_stats *out, struct kfq_err *err);
void case_stats_release(struct case_stats *s);

#endif
