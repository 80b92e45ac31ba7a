/* visit_stats.c: the visiting campaign's counts over a period: the
 * enterprises and households visited (each once), the visits, and the
 * problems raised at them (merged duplicates excluded). Over a year these
 * are the published visited_enterprises and visited_households. Reads
 * the visit records and changes nothing. Depends on store and base. */
#include "case/case.h"
#include "base/date.h"

#include <stdio.h>

/* ?1, ?2: the period's first and last day; ?3: the campaign or NULL. */
static const char SQL_VISITS[] =
	"SELECT count(DISTINCT unit_id), count(DISTINCT household_id), count(*), "
	"(SELECT count(*) FROM kase k JOIN visit w ON w.id = k.visit_id WHERE k.raised BETWEEN ?1 "
	"AND ?2 AND k.status <> 'merged' AND (?3 IS NULL OR w.campaign = ?3)) "
	"FROM visit WHERE date BETWEEN ?1 AND ?2 AND (?3 IS NULL OR campaign = ?3)";

int visit_stats(struct kfq_db *db, const struct period *p, const char *campaign,
                struct visit_counts *out, struct kfq_err *err)
{
	char from[16], to[16];
	struct kfq_stmt *st;
	int rc;

	snprintf(from, sizeof from, "%04d-%02d-01", p->year, p->first);
	snprintf(to, sizeof to, "%04d-%02d-%02d", p->year, p->last, date_month_days(p->year, p->last));
	if (db_prepare(db, SQL_VISITS, &st, err) < 0)
		return -1;
	st_bind_text(st, 1, from);
	st_bind_text(st, 2, to);
	st_bind_text(st, 3, campaign);
	if ((rc = st_step(st)) == ST_ROW) {
		out->enterprises = st_i64(st, 0);
		out->households = st_i64(st, 1);
		out->visits = st_i64(st, 2);
		out->cases_raised = st_i64(st, 3);
	} else {
		db_fault(db, err, "reading visits");
	}
	st_finalize(st);
	return rc == ST_ROW ? 0 : -1;
}
