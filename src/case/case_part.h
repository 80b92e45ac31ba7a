/* case_part.h: private to src/case: what the case module's queries share
 * (case_read.c): SQL fragments for a case's state on a day, and reading
 * stored values into results; the tables an import looks up, read once
 * (case_cache.c). Nothing outside src/case includes it.
 * Depends on base, store and case/case_query.h. */
#ifndef KFQ_CASE_PART_H
#define KFQ_CASE_PART_H

#include "base/date.h"
#include "case/case.h"
#include "case/case_query.h"
#include "store/db.h"

#include <stdint.h>

/* Whether a case is open (not resolved, closed or merged) on day ?1, from
 * its steps up to then: an SQL condition on kase k. */
#define CASE_OPEN_AT \
	"(k.raised <= ?1 AND coalesce((SELECT e.action FROM case_event e WHERE e.case_id = k.id " \
	"AND e.date <= ?1 AND e.action IN ('resolve', 'close', 'merge', 'reopen') " \
	"ORDER BY e.date DESC, e.id DESC LIMIT 1), 'reopen') = 'reopen')"

/* The department a case was with on day ?1 (its last assign or transfer
 * by then), or NULL: an SQL expression on kase k. */
#define CASE_DEPT_AT \
	"(SELECT e.dept FROM case_event e WHERE e.case_id = k.id AND e.date <= ?1 AND e.action " \
	"IN ('assign', 'transfer') ORDER BY e.date DESC, e.id DESC LIMIT 1)"

/* case_cache.c: the tables an import of households, visits or cases looks
 * up, each read once (struct case_cache of case.h). */
enum case_cached {
	CC_UNIT_ID,          /* unit code → its id */
	CC_HOUSEHOLD_ID,     /* household code → its id */
	CC_VISIT_ID,         /* visit code → its id */
	CC_HOUSEHOLD,        /* code → community, address, head, phone */
	CC_VISIT,            /* code → code, date, team, unit_id, household_id, campaign, notes */
	CC_CASE,             /* code → code, raised, channel, visit_id, unit_id, household_id,
	                        campaign, category, priority, description, raised_by */
	CC_HOLIDAY,          /* dates (no cells) */
	CC_SLA,              /* "category priority" → close_days */
	CC_N
};
/* The stored row of key in table which (read at the first call): 1 and its
 * cells (texts, "" for NULL), 0 when there is none, -1 on a store error. */
int case_cache_get(struct kfq_db *db, struct case_cache *cc, enum case_cached which,
                   const char *key, const char **cells, struct kfq_err *err);

/* A text given, or NULL for NULL and "" (an empty cell). */
static inline const char *case_nz(const char *s)
{
	return s && *s ? s : NULL;
}

/* The id a look-up gives for code, 0 when none, -1 on a store error (err):
 * from cc's table which when cc is given, else by sql, a string literal
 * (kept prepared, see db_cached). */
int64_t case_id_of(struct kfq_db *db, struct case_cache *cc, enum case_cached which,
                   const char *sql, const char *code, struct kfq_err *err);
/* Compare a stored row (texts) with new values v[0 .. n-1] (NULL and ""
 * the same): 1 when the same, 0 when not (or *exists 0: there is none), -1
 * on a store error (err). The row from cc's table which when cc is given
 * (at most 11 cells), else by sql. */
int case_same_row(struct kfq_db *db, struct case_cache *cc, enum case_cached which,
                  const char *sql, const char *key, const char *const *v, int n, int *exists,
                  struct kfq_err *err);
/* Run an upsert (a string literal) with the texts v[0 .. n-1] bound in
 * order ("" as NULL). */
int case_exec_text(struct kfq_db *db, const char *sql, const char *const *v, int n,
                   struct kfq_err *err);

/* A new copy of column col of the current row, NULL for NULL. */
char *case_col_text(struct kfq_stmt *st, int col);

/* The stored date in column col into *d (year 0 for NULL); a fault when
 * it is not a date. */
int case_col_date(struct kfq_stmt *st, int col, struct date *d, struct kfq_err *err);

/* The day a request names, else the context's today. */
struct date case_day(const struct kfq_ctx *cx, const struct date *asked);

/* How many names a NULL-terminated list of case.h holds. */
int case_names_n(const char *const *names);

/* Who raised a case from columns col ... col + 3: the unit's code and
 * name, the household's code and community. */
void case_read_party(struct kfq_stmt *st, int col, struct case_party *p);
void case_party_release(struct case_party *p);

#endif
