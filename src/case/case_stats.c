/* case_stats.c: how a period's problems were handled (case_stats in
 * case_query.h), in total or per department or category: raised, resolved,
 * the resolution and on-time rates, the median days from raised to
 * resolved, those open and overdue at the period's end, the satisfaction
 * (rating 4 or 5) and reopen rates. The counts are those the published
 * figures count (case_figures.c: cases_raised is raised in the period,
 * merged duplicates excluded; cases_resolved and cases_on_time resolved in
 * it, by the deadline or not), so the total agrees with them; the
 * breakdowns, which are not indicators, are counted here from the case
 * records. Rates are rounded as every percentage is (dec_percent_tenths).
 * Reads and changes nothing; depends on base, store and case/case.h. */
#include "case/case_query.h"
#include "case/case.h"
#include "case/case_part.h"
#include "base/dec.h"
#include "base/xalloc.h"

#include <stdlib.h>
#include <string.h>

/* Every case (of the campaign ?2, all with ?2 NULL), with whether it is
 * open and overdue on ?1: the columns C_RAISED ... */
enum { C_RAISED, C_RESOLVED, C_DEADLINE, C_RATING, C_STATUS, C_DEPT, C_CAT, C_REOPENED,
       C_OVERDUE };
static const char SQL_CASES[] =
	"SELECT k.raised, k.resolved, k.deadline, k.rating, k.status, k.dept, k.category, "
	"CASE WHEN EXISTS (SELECT 1 FROM case_event e WHERE e.case_id = k.id AND "
	"e.action = 'reopen') THEN 1 ELSE 0 END, "
	"CASE WHEN " CASE_OPEN_AT " AND k.deadline < ?1 THEN 1 ELSE 0 END "
	"FROM kase k WHERE ?2 IS NULL OR k.campaign = ?2 ORDER BY k.code";

/* A group being counted: its days to resolve, one per resolved case. */
struct tally {
	long *days;
	size_t ndays, cap;
};

/* One case as the counts need it. */
struct one {
	struct date raised, resolved, deadline;
	int merged, rated, rating, reopened, overdue;
};

static int read_one(struct kfq_stmt *st, struct one *c, struct kfq_err *err)
{
	const char *status = st_text(st, C_STATUS);
	c->merged = status && strcmp(status, "merged") == 0;
	c->rated = !st_null(st, C_RATING);
	c->rating = st_int(st, C_RATING);
	c->reopened = st_int(st, C_REOPENED);
	c->overdue = st_int(st, C_OVERDUE);
	if (case_col_date(st, C_RAISED, &c->raised, err) < 0 ||
	    case_col_date(st, C_RESOLVED, &c->resolved, err) < 0 ||
	    case_col_date(st, C_DEADLINE, &c->deadline, err) < 0)
		return -1;
	return 0;
}

static int within(const struct date *d, const struct date *from, const struct date *to)
{
	return d->year && date_cmp(d, from) >= 0 && date_cmp(d, to) <= 0;
}

static void count(struct case_stats_group *g, struct tally *t, const struct one *c,
                  const struct date *from, const struct date *to)
{
	if (within(&c->raised, from, to) && !c->merged)
		g->raised++;
	if (within(&c->resolved, from, to)) {
		g->resolved++;
		g->on_time += date_cmp(&c->resolved, &c->deadline) <= 0;
		if (c->rated) {
			g->rated++;
			g->satisfied += c->rating >= 4;
		}
		g->reopened += c->reopened;
		XGROW(t->days, t->ndays + 1, t->cap);
		t->days[t->ndays++] = date_days(&c->raised, &c->resolved);
	}
	g->overdue += c->overdue;
}

static struct case_rate rate(int64_t num, int64_t den)
{
	struct case_rate r = { 0, 0 };
	r.known = den != 0 && dec_percent_tenths(num, den, &r.tenths) == 0;
	return r;
}

static int cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;
	return (x > y) - (x < y);
}

/* The rates and the median of a counted group. */
static void finish(struct case_stats_group *g, struct tally *t)
{
	g->resolution = rate(g->resolved, g->raised);
	g->on_time_rate = rate(g->on_time, g->resolved);
	g->satisfaction = rate(g->satisfied, g->rated);
	g->reopen = rate(g->reopened, g->resolved);
	if (t->ndays) {   /* the middle one, or the mean of the middle two */
		qsort(t->days, t->ndays, sizeof *t->days, cmp_long);
		g->has_median = 1;
		g->median_days = (int64_t)(t->days[(t->ndays - 1) / 2] + t->days[t->ndays / 2]) * 5;
	}
}

/* The group of name (NULL: not assigned) among the n so far, added when new. */
static size_t group_of(struct case_stats *s, struct tally **tallies, size_t *cap,
                       const char *name)
{
	for (size_t i = 0; i < s->ngroups; i++)
		if (strcmp(s->groups[i].name ? s->groups[i].name : "", name ? name : "") == 0)
			return i;
	if (s->ngroups + 1 > *cap) {
		size_t old = *cap;
		XGROW(s->groups, s->ngroups + 1, *cap);
		*tallies = xrealloc(*tallies, *cap * sizeof **tallies);
		memset(*tallies + old, 0, (*cap - old) * sizeof **tallies);
	}
	memset(&s->groups[s->ngroups], 0, sizeof *s->groups);
	s->groups[s->ngroups].name = name ? xstrdup(name) : NULL;
	return s->ngroups++;
}

/* Count every case of the request into out's total and groups. */
static int count_cases(struct kfq_db *db, const struct case_stats_req *q, struct case_stats *out,
                       struct tally *total, struct tally **tallies, size_t *cap,
                       struct kfq_err *err)
{
	struct date from = { q->period.year, q->period.first, 1 };
	struct date to = { q->period.year, q->period.last,
	                   date_month_days(q->period.year, q->period.last) };
	struct kfq_stmt *st;
	char iso[16];
	int rc;

	if (db_prepare(db, SQL_CASES, &st, err) < 0)
		return -1;
	date_format(&to, iso, sizeof iso);
	st_bind_text(st, 1, iso);
	st_bind_text(st, 2, q->campaign);
	while ((rc = st_step(st)) == ST_ROW) {
		struct one c;
		if (read_one(st, &c, err) < 0)
			break;
		count(&out->total, total, &c, &from, &to);
		if (q->by != CASE_BY_NONE) {
			size_t g = group_of(out, tallies, cap,
			                    st_text(st, q->by == CASE_BY_DEPT ? C_DEPT : C_CAT));
			count(&out->groups[g], &(*tallies)[g], &c, &from, &to);
		}
	}
	if (rc == ST_ERROR)
		db_fault(db, err, "reading cases");
	st_finalize(st);
	return rc == ST_DONE ? 0 : -1;
}

int case_stats(const struct kfq_ctx *cx, struct kfq_db *db, const struct case_stats_req *q,
               struct case_stats *out, struct kfq_err *err)
{
	struct tally total = { 0 }, *tallies = NULL;
	size_t cap = 0, kept = 0;
	int rc;

	(void)cx;   /* the period says the days */
	memset(out, 0, sizeof *out);
	if (!q->period.year)
		return kfq_error_field(err, "period", "required (%s)", PERIOD_FORMS);
	if (q->by != CASE_BY_NONE && q->by != CASE_BY_DEPT && q->by != CASE_BY_CATEGORY)
		return kfq_error_field(err, "by", "%d is not a grouping", q->by);
	rc = count_cases(db, q, out, &total, &tallies, &cap, err);
	if (rc == 0) {
		finish(&out->total, &total);
		for (size_t i = 0; i < out->ngroups; i++) {
			struct case_stats_group *g = &out->groups[i];
			finish(g, &tallies[i]);
			if (g->raised || g->resolved || g->overdue)
				out->groups[kept++] = *g;
			else
				free(g->name);
		}
		out->ngroups = kept;
	}
	for (size_t i = 0; i < cap; i++)
		free(tallies[i].days);
	free(tallies);
	free(total.days);
	return rc;
}

void case_stats_release(struct case_stats *s)
{
	for (size_t i = 0; i < s->ngroups; i++)
		free(s->groups[i].name);
	free(s->groups);
	memset(s, 0, sizeof *s);
}
