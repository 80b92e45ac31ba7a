/* case_part.h: private to src/case: what the case module's queries share
 * (case_read.c): SQL fragments for a case's state on a day, and reading
 * stored values into results. Nothing outside src/case includes it.
 * Depends on base, store and case/case_query.h. */
#ifndef KFQ_CASE_PART_H
#define KFQ_CASE_PART_H

#include "base/date.h"
#include "case/case_query.h"
#include "store/db.h"

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
