/* obs_months.c: every unit's month values of an indicator-year in one pass
 * (obs_month_values in obs.h), and which units filed a span of months
 * instead, read from their tables (schema 23: obs_m, a row of twelve
 * months a unit; obs_ytd). Depends on base, store and model. */
#include "model/obs.h"
#include "store/schema.h"

#define MON_V(m) ", v" #m

int obs_month_values(struct kfq_db *db, const struct unit_set *units, int64_t ind, int year,
                     int lo, int hi, dec *mon, uint16_t *got, unsigned char *other,
                     struct kfq_err *err)
{
	/* a month's own values: a unit's row of twelve (obs_m), in key order */
	static const char MON[] = "SELECT unit_id" SCHEMA_M12(MON_V) " FROM obs_m WHERE "
	                          "ind_id = ? AND year = ?";
	/* the others: obs_ytd */
	static const char SPAN[] = "SELECT DISTINCT unit_id FROM obs_ytd WHERE ind_id = ? AND "
	                           "year = ?";
	struct kfq_stmt *st;
	int rc;

	if (db_cached(db, MON, &st, err) < 0)
		return -1;
	st_bind_i64(st, 1, ind);
	st_bind_int(st, 2, year);
	while ((rc = st_step(st)) == ST_ROW) {
		int64_t id = st_i64(st, 0);
		long u = id >= 0 && id <= units->max_id ? units->by_id[id] : -1;
		if (u < 0)
			continue;
		for (int m = lo; m <= hi; m++)
			if (!st_null(st, m)) {
				mon[(size_t)u * 12 + (size_t)m - 1] = st_i64(st, m);
				got[u] |= (uint16_t)(1u << m);
			}
	}
	if (rc != ST_DONE)
		db_fault(db, err, "reading month values");
	st_reset(st);
	if (rc != ST_DONE)
		return -1;
	if (db_cached(db, SPAN, &st, err) < 0)
		return -1;
	st_bind_i64(st, 1, ind);
	st_bind_int(st, 2, year);
	while ((rc = st_step(st)) == ST_ROW) {
		int64_t id = st_i64(st, 0);
		long u = id >= 0 && id <= units->max_id ? units->by_id[id] : -1;
		if (u >= 0)
			other[u] = 1;
	}
	if (rc != ST_DONE)
		db_fault(db, err, "reading values of more than one month");
	st_reset(st);
	return rc == ST_DONE ? 0 : -1;
}
