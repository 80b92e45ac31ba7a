/* obs_scan.c: an indicator-year's values read unit by unit from the two
 * tables that hold them (schema 23: obs_m, a row of twelve months a unit;
 * obs_ytd, the values of several months), merged in C in the order the
 * figures want them, rather than through the view obs (see obs.h,
 * obs_year_scan). Depends on base, store and model/obs. */
#include "model/obs.h"
#include "base/xalloc.h"
#include "store/schema.h"

#include <stdlib.h>

#define VCOL(m) ", v" #m
#define NCOL(m) ", NULL"
/* one statement (two at once could see the first evicted from the cache of
 * statements): a unit's row of months (last 0), then its spans by last
 * month and first, each part read in its primary key's order and merged */
#define SCAN(unit)                                                                       \
	"SELECT unit_id, 0 AS first, 0 AS last, 0 AS value" SCHEMA_M12(VCOL) " FROM obs_m "   \
	"WHERE ind_id = ?1 AND year = ?2" unit " UNION ALL SELECT unit_id, first, last, value" \
	SCHEMA_M12(NCOL) " FROM obs_ytd WHERE ind_id = ?1 AND year = ?2" unit                 \
	" ORDER BY 1, 3, 2"
static const char SCAN_ALL[] = SCAN("");
static const char SCAN_ONE[] = SCAN(" AND unit_id = ?3");

int obs_year_scan(struct kfq_db *db, int64_t ind, int year, int64_t unit,
                  int (*each)(void *ctx, int64_t unit_id, const struct obs_rec *r, size_t n),
                  void *ctx, struct kfq_err *err)
{
	struct kfq_stmt *st;
	struct obs_rec *r = NULL;
	size_t cap = 0;
	int rc = 0, s;

	if (db_cached(db, unit >= 0 ? SCAN_ONE : SCAN_ALL, &st, err) < 0)
		return -1;
	st_bind_i64(st, 1, ind);
	st_bind_int(st, 2, year);
	if (unit >= 0)
		st_bind_i64(st, 3, unit);
	s = st_step(st);
	while (rc == 0 && s == ST_ROW) {
		int64_t uid = st_i64(st, 0);
		dec mon[12];
		uint16_t has = 0;
		size_t n = 0;
		int m = 1;
		if (st_int(st, 2) == 0) {   /* its months */
			for (int k = 0; k < 12; k++)
				if (!st_null(st, 4 + k)) {
					has |= (uint16_t)(1u << k);
					mon[k] = st_i64(st, 4 + k);
				}
			s = st_step(st);
		}
		/* by last month, then first: a span [f, m] (f < m) before the month m */
		for (; s == ST_ROW && st_i64(st, 0) == uid; s = st_step(st)) {
			int last = st_int(st, 2);
			for (; m < last; m++)
				if (has & (1u << (m - 1))) {
					XGROW(r, n + 1, cap);
					r[n++] = (struct obs_rec){ m, m, mon[m - 1] };
				}
			XGROW(r, n + 1, cap);
			r[n++] = (struct obs_rec){ st_int(st, 1), last, st_i64(st, 3) };
		}
		for (; m <= 12; m++)
			if (has & (1u << (m - 1))) {
				XGROW(r, n + 1, cap);
				r[n++] = (struct obs_rec){ m, m, mon[m - 1] };
			}
		if (n && each(ctx, uid, r, n) < 0)
			rc = -1;
	}
	if (rc == 0 && s == ST_ERROR)
		rc = db_fault(db, err, "reading observations");
	st_reset(st);
	free(r);
	return rc;
}
