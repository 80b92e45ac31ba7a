/* case_list.c: the cases, filtered by department, status and category,
 * each with its deadline and, when it is open and past its deadline on
 * the day asked (today by default), the calendar days it is overdue
 * (case_list, case_query.h). Who raised a case appears by code and name
 * or community, never with a household's contacts. Reads the case records
 * and changes nothing; depends on base, store and case/case.h. */
#include "case/case_query.h"
#include "case/case.h"
#include "case/case_part.h"
#include "base/xalloc.h"

#include <stdlib.h>
#include <string.h>

/* ?1 the day; ?2 the department, ?3 the status, ?4 the category, ?5 the
 * enterprise, or NULL. */
static const char SQL_LIST[] =
	"SELECT k.code, k.raised, k.category, k.priority, k.dept, k.status, k.deadline, "
	"CASE WHEN " CASE_OPEN_AT " AND k.deadline < ?1 THEN 1 ELSE 0 END, "
	"u.code, u.name, h.code, h.community FROM kase k LEFT JOIN unit u ON u.id = k.unit_id "
	"LEFT JOIN household h ON h.id = k.household_id WHERE (?2 IS NULL OR k.dept = ?2) AND "
	"(?3 IS NULL OR k.status = ?3) AND (?4 IS NULL OR k.category = ?4) AND "
	"(?5 IS NULL OR u.code = ?5) ORDER BY k.code";

static int read_row(struct kfq_stmt *st, const struct date *day, struct case_list_row *r,
                    struct kfq_err *err)
{
	memset(r, 0, sizeof *r);
	r->code = case_col_text(st, 0);
	r->category = case_col_text(st, 2);
	r->priority = case_col_text(st, 3);
	r->dept = case_col_text(st, 4);
	r->status = case_col_text(st, 5);
	case_read_party(st, 8, &r->party);
	if (case_col_date(st, 1, &r->raised, err) < 0 || case_col_date(st, 6, &r->deadline, err) < 0)
		return -1;
	r->overdue = st_int(st, 7);
	if (r->overdue)   /* calendar days: the day after the deadline is 1 */
		r->days_overdue = date_days(&r->deadline, day);
	return 0;
}

static void row_release(struct case_list_row *r)
{
	free(r->code);
	free(r->category);
	free(r->priority);
	free(r->dept);
	free(r->status);
	case_party_release(&r->party);
}

int case_list(const struct kfq_ctx *cx, struct kfq_db *db, const struct case_list_req *q,
              struct case_list *out, struct kfq_err *err)
{
	struct kfq_stmt *st;
	size_t cap = 0;
	char iso[16];
	int rc;

	memset(out, 0, sizeof *out);
	out->day = case_day(cx, &q->day);
	if (q->status >= CS_N || q->status < -1)
		return kfq_error_field(err, "status", "%d is not a status", q->status);
	if (q->category >= case_names_n(CASE_CATEGORY) || q->category < -1)
		return kfq_error_field(err, "category", "%d is not a category", q->category);
	if (q->enterprise) {
		static const char SQL_UNIT[] = "SELECT 1 FROM unit WHERE code = ?";
		if (db_prepare(db, SQL_UNIT, &st, err) < 0)
			return -1;
		st_bind_text(st, 1, q->enterprise);
		rc = st_step(st);
		st_finalize(st);
		if (rc == ST_DONE)
			return kfq_error_field(err, "enterprise", "unknown unit \"%s\"", q->enterprise);
		if (rc != ST_ROW)
			return db_fault(db, err, "finding the enterprise of a case list");
	}
	if (db_prepare(db, SQL_LIST, &st, err) < 0)
		return -1;
	date_format(&out->day, iso, sizeof iso);
	st_bind_text(st, 1, iso);
	st_bind_text(st, 2, q->dept);
	st_bind_text(st, 3, q->status >= 0 ? CASE_STATUS[q->status] : NULL);
	st_bind_text(st, 4, q->category >= 0 ? CASE_CATEGORY[q->category] : NULL);
	st_bind_text(st, 5, q->enterprise);
	while ((rc = st_step(st)) == ST_ROW) {
		if (q->overdue_only && !st_int(st, 7))
			continue;
		XGROW(out->v, out->n + 1, cap);
		if (read_row(st, &out->day, &out->v[out->n++], err) < 0)
			break;
	}
	if (rc == ST_ERROR)
		db_fault(db, err, "reading cases");
	st_finalize(st);
	return rc == ST_DONE ? 0 : -1;
}

void case_list_release(struct case_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		row_release(&l->v[i]);
	free(l->v);
	memset(l, 0, sizeof *l);
}
