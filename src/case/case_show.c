/* case_show.c: one case in full (case_show in case_query.h): its
 * attributes, who raised it, its steps (date, action, department, note,
 * rating, who) and its change history. A household's head, address and
 * phone number are read only when the request asks for them, and the
 * asking is recorded in the audit log first (its only write). Reads the
 * case records; depends on base, store, model/session and case/case.h. */
#include "case/case_query.h"
#include "case/case.h"
#include "case/case_part.h"
#include "base/xalloc.h"
#include "model/session.h"

#include <stdlib.h>
#include <string.h>

enum { K_CODE, K_RAISED, K_CHANNEL, K_VISIT, K_UNIT, K_UNIT_NAME, K_HH, K_COMMUNITY, K_HEAD,
       K_ADDRESS, K_PHONE, K_CAMPAIGN, K_CAT, K_PRI, K_DESC, K_BY, K_DEPT, K_DEADLINE, K_STATUS,
       K_RESOLVED, K_RATING, K_MERGED, K_ID };
static const char SQL_CASE[] =
	"SELECT k.code, k.raised, k.channel, v.code, u.code, u.name, h.code, h.community, h.head, "
	"h.address, h.phone, k.campaign, k.category, k.priority, k.description, k.raised_by, "
	"k.dept, k.deadline, k.status, k.resolved, k.rating, m.code, k.id FROM kase k "
	"LEFT JOIN visit v ON v.id = k.visit_id LEFT JOIN unit u ON u.id = k.unit_id "
	"LEFT JOIN household h ON h.id = k.household_id LEFT JOIN kase m ON m.id = k.merged_into "
	"WHERE k.code = ?";

static int read_case(struct kfq_stmt *st, int with_contacts, struct case_detail *d,
                     struct kfq_err *err)
{
	d->code = case_col_text(st, K_CODE);
	d->channel = case_col_text(st, K_CHANNEL);
	d->visit = case_col_text(st, K_VISIT);
	case_read_party(st, K_UNIT, &d->party);
	if (with_contacts) {
		d->head = case_col_text(st, K_HEAD);
		d->address = case_col_text(st, K_ADDRESS);
		d->phone = case_col_text(st, K_PHONE);
	}
	d->campaign = case_col_text(st, K_CAMPAIGN);
	d->category = case_col_text(st, K_CAT);
	d->priority = case_col_text(st, K_PRI);
	d->description = case_col_text(st, K_DESC);
	d->raised_by = case_col_text(st, K_BY);
	d->dept = case_col_text(st, K_DEPT);
	d->status = case_col_text(st, K_STATUS);
	d->rating = st_null(st, K_RATING) ? 0 : st_int(st, K_RATING);
	d->merged_into = case_col_text(st, K_MERGED);
	if (case_col_date(st, K_RAISED, &d->raised, err) < 0 ||
	    case_col_date(st, K_DEADLINE, &d->deadline, err) < 0 ||
	    case_col_date(st, K_RESOLVED, &d->resolved, err) < 0)
		return -1;
	return 0;
}

static int read_steps(struct kfq_db *db, int64_t id, struct case_detail *d, struct kfq_err *err)
{
	struct kfq_stmt *st;
	size_t cap = 0;
	int rc;

	if (db_prepare(db, "SELECT date, action, dept, note, rating, who FROM case_event "
	               "WHERE case_id = ? ORDER BY date, id", &st, err) < 0)
		return -1;
	st_bind_i64(st, 1, id);
	while ((rc = st_step(st)) == ST_ROW) {
		struct case_step_row *s;
		XGROW(d->steps, d->nsteps + 1, cap);
		s = &d->steps[d->nsteps++];
		memset(s, 0, sizeof *s);
		s->action = case_col_text(st, 1);
		s->dept = case_col_text(st, 2);
		s->note = case_col_text(st, 3);
		s->rating = st_null(st, 4) ? 0 : st_int(st, 4);
		s->who = case_col_text(st, 5);
		if (case_col_date(st, 0, &s->date, err) < 0)
			break;
	}
	if (rc == ST_ERROR)
		db_fault(db, err, "reading case steps");
	st_finalize(st);
	return rc == ST_DONE ? 0 : -1;
}

static int read_history(struct kfq_db *db, const char *code, struct case_detail *d,
                        struct kfq_err *err)
{
	struct kfq_stmt *st;
	size_t cap = 0;
	int rc;

	if (db_prepare(db, "SELECT at, who, period, note FROM history WHERE kind = 'case' "
	               "AND unit = ? ORDER BY id", &st, err) < 0)
		return -1;
	st_bind_text(st, 1, code);
	while ((rc = st_step(st)) == ST_ROW) {
		struct case_history_row *h;
		XGROW(d->history, d->nhistory + 1, cap);
		h = &d->history[d->nhistory++];
		h->at = case_col_text(st, 0);
		h->who = case_col_text(st, 1);
		h->date = case_col_text(st, 2);
		h->note = case_col_text(st, 3);
	}
	if (rc != ST_DONE)
		db_fault(db, err, "reading case history");
	st_finalize(st);
	return rc == ST_DONE ? 0 : -1;
}

int case_show(const struct kfq_ctx *cx, struct kfq_db *db, const struct case_show_req *q,
              struct case_detail *out, struct kfq_err *err)
{
	struct kfq_stmt *st;
	int64_t id;
	int rc;

	memset(out, 0, sizeof *out);
	if (db_prepare(db, SQL_CASE, &st, err) < 0)
		return -1;
	st_bind_text(st, 1, q->code ? q->code : "");
	if ((rc = st_step(st)) != ST_ROW) {
		if (rc == ST_ERROR)
			db_fault(db, err, "reading a case");
		st_finalize(st);
		return rc == ST_ERROR ? -1 : kfq_error_field(err, "case", "unknown case \"%s\"",
		                                             q->code ? q->code : "");
	}
	rc = read_case(st, q->with_contacts, out, err);
	id = st_i64(st, K_ID);
	st_finalize(st);
	if (rc < 0 || read_steps(db, id, out, err) < 0 || read_history(db, q->code, out, err) < 0)
		return -1;
	if (q->with_contacts && out->party.household) {
		/* recorded before anything personal leaves the library */
		char *detail = xasprintf("case %s: the name, address and phone of household %s",
		                         out->code, out->party.household);
		rc = audit_personal(db, cx, q->address, detail, err);
		free(detail);
		if (rc < 0) {
			case_detail_release(out);
			return -1;
		}
	}
	return 0;
}

void case_detail_release(struct case_detail *d)
{
	char **s[] = { &d->code, &d->channel, &d->visit, &d->campaign, &d->category, &d->priority,
	               &d->description, &d->raised_by, &d->dept, &d->status, &d->merged_into,
	               &d->head, &d->address, &d->phone };
	for (size_t i = 0; i < sizeof s / sizeof s[0]; i++)
		free(*s[i]);
	case_party_release(&d->party);
	for (size_t i = 0; i < d->nsteps; i++) {
		free(d->steps[i].action);
		free(d->steps[i].dept);
		free(d->steps[i].note);
		free(d->steps[i].who);
	}
	for (size_t i = 0; i < d->nhistory; i++) {
		free(d->history[i].at);
		free(d->history[i].who);
		free(d->history[i].date);
		free(d->history[i].note);
	}
	free(d->steps);
	free(d->history);
	memset(d, 0, sizeof *d);
}

/* The index of the code of len bytes at p in names, or -1. */
static int code_at(const char *p, size_t len, const char *const *names)
{
	for (int i = 0; names[i]; i++)
		if (strlen(names[i]) == len && strncmp(p, names[i], len) == 0)
			return i;
	return -1;
}

char *case_history_note_zh(const char *note)
{
	static const char ARROW[] = " → ";
	const char *colon, *arrow, *to, *end;
	int a, from, st;
	if (!note || !(colon = strstr(note, ": ")) || !(arrow = strstr(colon, ARROW)))
		return NULL;
	to = arrow + strlen(ARROW);
	end = strstr(to, "; ");
	if (!end)
		end = to + strlen(to);
	a = code_at(note, (size_t)(colon - note), CASE_ACTION);
	from = code_at(colon + 2, (size_t)(arrow - colon - 2), CASE_STATUS);
	st = code_at(to, (size_t)(end - to), CASE_STATUS);
	if (a < 0 || st < 0 || (from < 0 && strncmp(colon + 2, "?", (size_t)(arrow - colon - 2))))
		return NULL;
	return xasprintf("%s：%s → %s%s%s", CASE_ACTION_ZH[a], from >= 0 ? CASE_STATUS_ZH[from] : "?",
	                 CASE_STATUS_ZH[st], *end ? "；" : "", *end ? end + 2 : "");
}

