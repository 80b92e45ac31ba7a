/* case_overdue.c: the cases to chase on a day (督办, case_overdue in
 * case_query.h): those open and past their deadline, and those due within
 * the next few days, per department (the one each was with on the day),
 * with the rule for each: overdue by more than the given number of days,
 * escalate to the department's supervisor (case_dept) or, when none is
 * named, to the supervising office; not yet due, due soon. Days overdue
 * are calendar days past the deadline. Reads the case records and changes
 * nothing; depends on base, store and case/case.h. */
#include "case/case_query.h"
#include "case/case.h"
#include "case/case_part.h"
#include "base/xalloc.h"

#include <stdlib.h>
#include <string.h>

/* Open on day ?1 and due by ?2, with the department they were with on ?1
 * and its supervisor; those not assigned first, then by department, the
 * longest overdue first within one. */
static const char SQL_OVERDUE[] =
	"SELECT o.dept, o.code, o.category, o.raised, o.deadline, o.ucode, o.uname, o.hcode, "
	"o.community, d.supervisor FROM (SELECT " CASE_DEPT_AT " AS dept, k.code, k.category, "
	"k.raised, k.deadline, u.code AS ucode, u.name AS uname, h.code AS hcode, h.community "
	"FROM kase k LEFT JOIN unit u ON u.id = k.unit_id LEFT JOIN household h ON "
	"h.id = k.household_id WHERE " CASE_OPEN_AT " AND k.deadline <= ?2) o "
	"LEFT JOIN case_dept d ON d.dept = o.dept ORDER BY coalesce(o.dept, ''), o.deadline, o.code";

/* Two departments the same, NULL (not assigned) as "". */
static int same_dept(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

static int read_row(struct kfq_stmt *st, struct case_overdue *o, size_t *cap_depts,
                    struct case_overdue_row *r, struct kfq_err *err)
{
	const char *dept = st_text(st, 0);
	struct case_overdue_dept *d;

	if (!o->ndepts || !same_dept(o->depts[o->ndepts - 1].dept, dept)) {
		XGROW(o->depts, o->ndepts + 1, *cap_depts);
		d = &o->depts[o->ndepts++];
		memset(d, 0, sizeof *d);
		d->dept = case_col_text(st, 0);
		if (st_text(st, 9) && *st_text(st, 9))
			d->supervisor = case_col_text(st, 9);
	}
	d = &o->depts[o->ndepts - 1];
	memset(r, 0, sizeof *r);
	r->dept = o->ndepts - 1;
	r->code = case_col_text(st, 1);
	r->category = case_col_text(st, 2);
	case_read_party(st, 5, &r->party);
	if (case_col_date(st, 3, &r->raised, err) < 0 || case_col_date(st, 4, &r->deadline, err) < 0)
		return -1;
	r->days_overdue = date_days(&r->deadline, &o->day);
	if (r->days_overdue <= 0) {
		r->urge = CASE_DUE_SOON;
		o->nsoon++;
		return 0;
	}
	r->urge = r->days_overdue > o->days ? CASE_ESCALATE : CASE_LATE;
	o->noverdue++;
	d->overdue++;
	d->escalate += r->urge == CASE_ESCALATE;
	return 0;
}

int case_overdue(const struct kfq_ctx *cx, struct kfq_db *db, const struct case_overdue_req *q,
                 struct case_overdue *out, struct kfq_err *err)
{
	struct kfq_stmt *st;
	struct date until;
	size_t cap = 0, cap_depts = 0;
	char iso[16], until_iso[16];
	int rc;

	memset(out, 0, sizeof *out);
	out->day = case_day(cx, &q->day);
	out->days = q->days;
	out->soon = q->soon;
	if (q->days < 0 || q->days > CASE_ESCALATE_MAX)
		return kfq_error_field(err, "days", "%ld: expected a number of days, 0 to %d", q->days,
		                       CASE_ESCALATE_MAX);
	if (q->soon < 0 || q->soon > CASE_SOON_MAX)
		return kfq_error_field(err, "soon", "%ld: expected a number of days, 0 to %d", q->soon,
		                       CASE_SOON_MAX);
	if (db_prepare(db, SQL_OVERDUE, &st, err) < 0)
		return -1;
	/* due within soon days: on or before that day */
	until = date_add_days(&out->day, q->soon);
	date_format(&out->day, iso, sizeof iso);
	date_format(&until, until_iso, sizeof until_iso);
	st_bind_text(st, 1, iso);
	st_bind_text(st, 2, until_iso);
	while ((rc = st_step(st)) == ST_ROW) {
		XGROW(out->v, out->n + 1, cap);
		if (read_row(st, out, &cap_depts, &out->v[out->n++], err) < 0)
			break;
	}
	if (rc == ST_ERROR)
		db_fault(db, err, "reading overdue cases");
	st_finalize(st);
	return rc == ST_DONE ? 0 : -1;
}

void case_overdue_release(struct case_overdue *o)
{
	for (size_t i = 0; i < o->n; i++) {
		free(o->v[i].code);
		free(o->v[i].category);
		case_party_release(&o->v[i].party);
	}
	for (size_t i = 0; i < o->ndepts; i++) {
		free(o->depts[i].dept);
		free(o->depts[i].supervisor);
	}
	free(o->v);
	free(o->depts);
	memset(o, 0, sizeof *o);
}
