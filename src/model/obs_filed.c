/* obs_filed.c: when each unit first filed an indicator's values of a
 * month (obs_first_filed in obs.h): the import that first wrote each
 * value (obs.first_import; a back-fill's filings are never late), or for a
 * value entered by hand the first history kept of its key. For kfq
 * missing's late filers (迟报). Depends on base, store and model. */
#include "model/obs.h"
#include "base/xalloc.h"
#include "store/schema.h"

#include <stdlib.h>
#include <string.h>

/* at[u] = t when t is earlier (ISO 8601 UTC texts compare as times). */
static void keep_earliest(char **at, size_t u, const char *t)
{
	if (!t)
		return;
	if (!at[u] || strcmp(t, at[u]) < 0) {
		free(at[u]);
		at[u] = xstrdup(t);
	}
}

struct by_hand {
	size_t unit;
	int first;
};

/* One row (unit u, its first month, the import's time and back-fill):
 * kept, or queued as entered by hand. */
static void row(char **at, size_t u, struct kfq_stmt *st, int col, struct by_hand **hand,
                size_t *nhand, size_t *cap)
{
	if (st_text(st, col + 1)) {
		/* back-filled (补录): "", before every time, never late */
		keep_earliest(at, u, st_int(st, col + 2) ? "" : st_text(st, col + 1));
	} else {
		XGROW(*hand, *nhand + 1, *cap);
		(*hand)[(*nhand)++] = (struct by_hand){ u, st_int(st, col) };
	}
}

/* The values entered by hand: the first change history kept of each key. */
static int by_hand(struct kfq_db *db, const struct unit_set *units, const struct indicator *ind,
                   int year, int last, const struct by_hand *hand, size_t nhand, char **at,
                   struct kfq_err *err)
{
	static const char H[] = "SELECT min(at) FROM history WHERE indicator = ? AND unit = ? AND "
	                        "period = ? AND kind = 'obs'";
	struct kfq_stmt *st;
	int rc = 0;
	for (size_t i = 0; i < nhand && rc == 0; i++) {
		struct period p = period_span(year, hand[i].first, last);
		char per[32];
		period_format(&p, per, sizeof per);
		if ((rc = db_cached(db, H, &st, err)) < 0)
			break;
		st_bind_text(st, 1, ind->code);
		st_bind_text(st, 2, units->v[hand[i].unit].code);
		st_bind_text(st, 3, per);
		if ((rc = st_step(st)) == ST_ROW) {
			keep_earliest(at, hand[i].unit, st_text(st, 0));
			rc = 0;
		} else {
			rc = db_fault(db, err, "reading when values were filed");
		}
		st_reset(st);
	}
	return rc;
}

/* The values ending in month ?3 of (?1 indicator, ?2 year), with their
 * first filing: a month's from its row of twelve (obs_m), the others' from
 * obs_ytd; cols before the first month, more conditions in where. */
#define FILED_V(m) " WHEN " #m " THEN o.v" #m
#define FILED_F(m) " WHEN " #m " THEN o.f" #m
#define FILED(cols, where)                                                                  \
	"SELECT " cols "CAST(?3 AS INTEGER), l.at, l.backfill FROM obs_m o LEFT JOIN import_log " \
	"l ON l.id = CASE ?3" SCHEMA_M12(FILED_F) " END WHERE o.ind_id = ?1 AND o.year = ?2"    \
	where " AND CASE ?3" SCHEMA_M12(FILED_V) " END IS NOT NULL UNION ALL SELECT " cols      \
	"o.first, l.at, l.backfill FROM obs_ytd o LEFT JOIN import_log l ON l.id = "          \
	"o.first_import WHERE o.ind_id = ?1 AND o.year = ?2" where " AND o.last = ?3"

int obs_first_filed(struct kfq_db *db, const struct unit_set *units, const struct indicator *ind,
                    int year, int last, char **at, struct kfq_err *err)
{
	static const char Q[] = FILED("o.unit_id, ", "");
	struct by_hand *hand = NULL;
	size_t nhand = 0, cap = 0;
	struct kfq_stmt *st;
	int rc;

	if (db_prepare(db, Q, &st, err) < 0)
		return -1;
	st_bind_i64(st, 1, ind->id);
	st_bind_int(st, 2, year);
	st_bind_int(st, 3, last);
	while ((rc = st_step(st)) == ST_ROW) {
		int64_t id = st_i64(st, 0);
		long u = id >= 0 && id <= units->max_id ? units->by_id[id] : -1;
		if (u >= 0)
			row(at, (size_t)u, st, 1, &hand, &nhand, &cap);
	}
	if (rc == ST_ERROR)
		db_fault(db, err, "reading when values were filed");
	st_finalize(st);
	rc = rc == ST_ERROR ? -1 : by_hand(db, units, ind, year, last, hand, nhand, at, err);
	free(hand);
	return rc;
}

int obs_first_filed_of(struct kfq_db *db, const struct unit_set *units,
                       const struct indicator *ind, int year, int last, const size_t *only,
                       size_t nonly, char **at, struct kfq_err *err)
{
	static const char Q[] = FILED("", " AND o.unit_id = ?4");
	struct by_hand *hand = NULL;
	size_t nhand = 0, cap = 0;
	struct kfq_stmt *st;
	int rc = ST_DONE;

	for (size_t i = 0; i < nonly && rc == ST_DONE; i++) {
		if (db_cached(db, Q, &st, err) < 0) {
			free(hand);
			return -1;
		}
		st_bind_i64(st, 1, ind->id);
		st_bind_int(st, 2, year);
		st_bind_int(st, 3, last);
		st_bind_i64(st, 4, units->v[only[i]].id);
		while ((rc = st_step(st)) == ST_ROW)
			row(at, only[i], st, 0, &hand, &nhand, &cap);
		if (rc == ST_ERROR)
			db_fault(db, err, "reading when values were filed");
		st_reset(st);
	}
	rc = rc == ST_ERROR ? -1 : by_hand(db, units, ind, year, last, hand, nhand, at, err);
	free(hand);
	return rc;
}
