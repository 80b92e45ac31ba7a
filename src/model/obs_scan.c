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
/* Two statements, one after the other: the spans (few, usually) read
 * first, then the rows of months, merged with them unit by unit. One
 * statement of the two merged by SQLite (UNION ALL ... ORDER BY) sorted
 * every row of months again, a third of the scan's time. */
#define MONTHS(unit)                                                                  \
	"SELECT unit_id" SCHEMA_M12(VCOL) " FROM obs_m WHERE ind_id = ?1 AND year = ?2" unit \
	" ORDER BY unit_id"
#define SPANS(unit)                                                                   \
	"SELECT unit_id, first, last, value FROM obs_ytd WHERE ind_id = ?1 AND year = ?2" unit \
	" ORDER BY unit_id, last, first"
static const char *const SCAN_MONTHS[2] = { MONTHS(""), MONTHS(" AND unit_id = ?3") };
static const char *const SCAN_SPANS[2] = { SPANS(""), SPANS(" AND unit_id = ?3") };

/* A span of several months and its unit. */
struct span {
	int64_t unit;
	struct obs_rec r;
};

static int bind_run(struct kfq_db *db, const char *sql, int64_t ind, int year, int64_t unit,
                    struct kfq_stmt **st, struct kfq_err *err)
{
	if (db_cached(db, sql, st, err) < 0)
		return -1;
	st_bind_i64(*st, 1, ind);
	st_bind_int(*st, 2, year);
	if (unit >= 0)
		st_bind_i64(*st, 3, unit);
	return 0;
}

/* The spans of the scan into *out (n of them), in the order of unit, last
 * month, first. */
static int read_spans(struct kfq_db *db, int64_t ind, int year, int64_t unit, struct span **out,
                      size_t *n, struct kfq_err *err)
{
	struct kfq_stmt *st;
	size_t cap = 0;
	int s;
	*out = NULL;
	*n = 0;
	if (bind_run(db, SCAN_SPANS[unit >= 0], ind, year, unit, &st, err) < 0)
		return -1;
	while ((s = st_step(st)) == ST_ROW) {
		XGROW(*out, *n + 1, cap);
		(*out)[(*n)++] = (struct span){ st_i64(st, 0),
		                                { st_int(st, 1), st_int(st, 2), st_i64(st, 3) } };
	}
	if (s != ST_DONE) {
		db_fault(db, err, "reading observations");
		st_reset(st);
		free(*out);
		*out = NULL;
		return -1;
	}
	st_reset(st);
	return 0;
}

int obs_year_scan(struct kfq_db *db, int64_t ind, int year, int64_t unit,
                  int (*each)(void *ctx, int64_t unit_id, const struct obs_rec *r, size_t n),
                  void *ctx, struct kfq_err *err)
{
	struct kfq_stmt *st;
	struct obs_rec *r = NULL;
	struct span *sp;
	size_t cap = 0, nsp, k = 0;
	int rc = 0, s;

	if (read_spans(db, ind, year, unit, &sp, &nsp, err) < 0)
		return -1;
	if (bind_run(db, SCAN_MONTHS[unit >= 0], ind, year, unit, &st, err) < 0) {
		free(sp);
		return -1;
	}
	s = st_step(st);
	while (rc == 0 && s != ST_ERROR && (s == ST_ROW || k < nsp)) {
		int64_t uid;
		dec mon[12];
		uint16_t has = 0;
		size_t n = 0;
		int m = 1;
		/* the next unit: of the row of months, or of the spans */
		if (s == ST_ROW && (k == nsp || st_i64(st, 0) <= sp[k].unit)) {
			uid = st_i64(st, 0);
			for (int j = 0; j < 12; j++)
				if (!st_null(st, 1 + j)) {
					has |= (uint16_t)(1u << j);
					mon[j] = st_i64(st, 1 + j);
				}
			s = st_step(st);
		} else {
			uid = sp[k].unit;
		}
		/* by last month, then first: a span [f, m] (f < m) before the month m */
		for (; k < nsp && sp[k].unit == uid; k++) {
			int last = sp[k].r.last;
			for (; m < last; m++)
				if (has & (1u << (m - 1))) {
					XGROW(r, n + 1, cap);
					r[n++] = (struct obs_rec){ m, m, mon[m - 1] };
				}
			XGROW(r, n + 1, cap);
			r[n++] = sp[k].r;
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
	free(sp);
	free(r);
	return rc;
}
