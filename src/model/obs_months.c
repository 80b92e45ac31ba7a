/* obs_months.c: every unit's month values of an indicator-year in one pass
 * (obs_month_values in obs.h), and which units filed a span of months
 * instead. Depends on base, store and model. */
#include "model/obs.h"

int obs_month_values(struct kfq_db *db, const struct unit_set *units, int64_t ind, int year,
                     int lo, int hi, dec *mon, uint16_t *got, unsigned char *other,
                     struct kfq_err *err)
{
	/* a month's own values, in key order: the index of obs itself, read
	 * through (the whole year: no test of the months, a tenth faster); for
	 * a few months of twelve, sought unit by unit (a year's December alone:
	 * in a third less time than passing the other months) */
	static const char MON[] = "SELECT unit_id, last, value FROM obs WHERE ind_id = ? AND "
	                          "year = ? AND first = last AND last BETWEEN ? AND ?";
	static const char YEAR[] = "SELECT unit_id, last, value FROM obs WHERE ind_id = ? AND "
	                           "year = ? AND first = last";
	static const char SEEK[] = "SELECT unit_id, last, value FROM obs WHERE ind_id = ? AND "
	                           "year = ? AND unit_id IN (SELECT id FROM unit) AND "
	                           "first = last AND last BETWEEN ? AND ?";
	/* the others: obs_span, an index of them alone */
	static const char SPAN[] = "SELECT DISTINCT unit_id FROM obs WHERE ind_id = ? AND year = ? "
	                           "AND first <> last";
	struct kfq_stmt *st;
	int rc, whole = lo == 1 && hi == 12;

	if (db_cached(db, whole ? YEAR : hi - lo < 6 ? SEEK : MON, &st, err) < 0)
		return -1;
	st_bind_i64(st, 1, ind);
	st_bind_int(st, 2, year);
	if (!whole) {
		st_bind_int(st, 3, lo);
		st_bind_int(st, 4, hi);
	}
	while ((rc = st_step(st)) == ST_ROW) {
		int64_t id = st_i64(st, 0);
		int m = st_int(st, 1);
		long u = id >= 0 && id <= units->max_id ? units->by_id[id] : -1;
		if (u < 0 || m < 1 || m > 12)
			continue;
		mon[(size_t)u * 12 + (size_t)m - 1] = st_i64(st, 2);
		got[u] |= (uint16_t)(1u << m);
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
