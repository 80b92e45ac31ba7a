/* case.c: service levels, holidays, departments, and cases with their
 * workflow (see case.h; households and visits: visit.c). Depends on base,
 * store. */
#include "case/case.h"
#include "case/case_part.h"
#include "base/sbuf.h"
#include "base/xalloc.h"
#include "store/history.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const CASE_STATUS[] = { "registered", "assigned", "accepted", "in_progress",
                                    "resolved", "confirmed", "closed", "merged", NULL };
const char *const CASE_STATUS_ZH[] = { "已登记", "已交办", "已受理", "办理中", "已办结", "已确认",
                                       "解释说明", "已合并", NULL };
const char *const CASE_ACTION[] = { "assign", "accept", "progress", "resolve", "confirm",
                                    "reopen", "transfer", "merge", "close", NULL };
const char *const CASE_ACTION_ZH[] = { "交办", "受理", "办理", "办结", "确认", "重办", "转办", "合并",
                                       "解释说明", NULL };
const char *const CASE_CATEGORY[] = { "land", "finance", "labour", "approvals", "infrastructure",
                                      "environment", "policy", "leadership", "other", NULL };
const char *const CASE_CATEGORY_ZH[] = { "用地", "融资信贷", "用工", "审批", "基础设施", "环境",
                                         "政策", "班子自查", "其他", NULL };
const char *const CASE_PRIORITY[] = { "urgent", "high", "normal", "low", NULL };
const char *const CASE_PRIORITY_ZH[] = { "紧急", "高", "普通", "低", NULL };
const char *const CASE_CHANNEL[] = { "visit", "hotline", "letter", "meeting", "online", NULL };
const char *const CASE_CHANNEL_ZH[] = { "走访", "热线", "来信", "会议", "网络", NULL };

/* Working days to close, by priority, when no service level is set
 * (Ningbo's rule: routed in 2 working days, closed in 5). */
static const int DEFAULT_CLOSE[] = { 2, 3, 5, 10 };

/* The status each step leads to, and the statuses it is allowed from. */
static const struct {
	enum case_status to;
	unsigned from;   /* bit per status */
} STEP[CA_N] = {
	[CA_ASSIGN] = { CS_ASSIGNED, 1u << CS_REGISTERED },
	[CA_ACCEPT] = { CS_ACCEPTED, 1u << CS_ASSIGNED },
	[CA_PROGRESS] = { CS_IN_PROGRESS, 1u << CS_ACCEPTED | 1u << CS_IN_PROGRESS },
	[CA_RESOLVE] = { CS_RESOLVED, 1u << CS_ACCEPTED | 1u << CS_IN_PROGRESS },
	[CA_CONFIRM] = { CS_CONFIRMED, 1u << CS_RESOLVED },
	[CA_REOPEN] = { CS_IN_PROGRESS, 1u << CS_RESOLVED | 1u << CS_CONFIRMED },
	[CA_TRANSFER] = { CS_ASSIGNED, 1u << CS_ASSIGNED | 1u << CS_ACCEPTED | 1u << CS_IN_PROGRESS },
	[CA_MERGE] = { CS_MERGED, 1u << CS_REGISTERED | 1u << CS_ASSIGNED | 1u << CS_ACCEPTED |
	                          1u << CS_IN_PROGRESS },
	[CA_CLOSE] = { CS_CLOSED, 1u << CS_REGISTERED | 1u << CS_ASSIGNED | 1u << CS_ACCEPTED |
	                          1u << CS_IN_PROGRESS },
};

int case_name_index(const char *s, const char *const *en, const char *const *zh)
{
	if (!s)
		return -1;
	for (int i = 0; en[i]; i++)
		if (strcmp(s, en[i]) == 0 || (zh && strcmp(s, zh[i]) == 0))
			return i;
	return -1;
}

int case_status_open(enum case_status s)
{
	return s <= CS_IN_PROGRESS;
}

int case_step_allowed(enum case_status s, enum case_action a)
{
	return s >= 0 && s < CS_N && a >= 0 && a < CA_N && (STEP[a].from & (1u << s)) != 0;
}

static int is_holiday(struct kfq_db *db, struct case_cache *cc, const struct date *d,
                      struct kfq_err *err)
{
	static const char SQL[] = "SELECT 1 FROM holiday WHERE date = ?";
	struct kfq_stmt *st;
	char iso[16];
	int rc;
	date_format(d, iso, sizeof iso);
	if (cc)
		return case_cache_get(db, cc, CC_HOLIDAY, iso, NULL, err);
	if (db_cached(db, SQL, &st, err) < 0)
		return -1;
	st_bind_text_copy(st, 1, iso);
	if ((rc = st_step(st)) == ST_ERROR)
		db_fault(db, err, "reading holidays");
	st_reset(st);
	return rc == ST_ERROR ? -1 : rc == ST_ROW;
}

static int workdays_add(struct kfq_db *db, struct case_cache *cc, const struct date *from,
                        int days, struct date *out, struct kfq_err *err)
{
	struct date d = *from;
	struct date monday = { 2024, 1, 1 };   /* a Monday */
	while (days > 0) {
		long wd;
		int h;
		if (++d.day > date_month_days(d.year, d.month)) {
			d.day = 1;
			if (++d.month > 12) {
				d.month = 1;
				d.year++;
			}
		}
		wd = ((date_days(&monday, &d) % 7) + 7) % 7;   /* 0 Monday … 6 Sunday */
		if (wd >= 5)
			continue;
		if ((h = is_holiday(db, cc, &d, err)) < 0)
			return -1;
		if (!h)
			days--;
	}
	*out = d;
	return 0;
}

int case_workdays_add(struct kfq_db *db, const struct date *from, int days, struct date *out,
                      struct kfq_err *err)
{
	return workdays_add(db, NULL, from, days, out, err);
}

int case_sla_put(struct kfq_db *db, const char *category, const char *priority, int route_days,
                 int close_days, int *changed, struct kfq_err *err)
{
	int c = case_name_index(category, CASE_CATEGORY, CASE_CATEGORY_ZH);
	int p = case_name_index(priority, CASE_PRIORITY, CASE_PRIORITY_ZH);
	struct kfq_stmt *st;
	int rc, same = 0, exists = 0;

	if (c < 0)
		return kfq_error_field(err, "category", "\"%s\" (expected land, finance, labour, "
		                 "approvals, infrastructure, environment, policy, leadership or other)",
		                 category ? category : "");
	if (p < 0)
		return kfq_error_field(err, "priority", "\"%s\" (expected urgent, high, normal or low)",
		                 priority ? priority : "");
	if (route_days < 1 || close_days < route_days)
		return kfq_error(err, "route within %d and close within %d working days: both must be "
		                 "positive and closing cannot come before routing", route_days, close_days);
	if (db_prepare(db, "SELECT route_days = ?3 AND close_days = ?4 FROM case_sla WHERE "
	               "category = ?1 AND priority = ?2", &st, err) < 0)
		return -1;
	st_bind_text(st, 1, CASE_CATEGORY[c]);
	st_bind_text(st, 2, CASE_PRIORITY[p]);
	st_bind_int(st, 3, route_days);
	st_bind_int(st, 4, close_days);
	if ((rc = st_step(st)) == ST_ROW) {
		exists = 1;
		same = st_int(st, 0);
	} else if (rc == ST_ERROR) {
		db_fault(db, err, "reading a service level");
	}
	st_finalize(st);
	if (rc == ST_ERROR)
		return -1;
	*changed = same ? 0 : exists ? 2 : 1;
	if (same)
		return 0;
	if (db_prepare(db, "INSERT INTO case_sla VALUES (?1, ?2, ?3, ?4) ON CONFLICT(category, "
	               "priority) DO UPDATE SET route_days = ?3, close_days = ?4", &st, err) < 0)
		return -1;
	st_bind_text(st, 1, CASE_CATEGORY[c]);
	st_bind_text(st, 2, CASE_PRIORITY[p]);
	st_bind_int(st, 3, route_days);
	st_bind_int(st, 4, close_days);
	rc = st_step(st) == ST_DONE ? 0 : db_fault(db, err, "writing a service level");
	st_finalize(st);
	return rc;
}

int holiday_put(struct kfq_db *db, const struct date *d, const char *name, int *changed,
                struct kfq_err *err)
{
	char iso[16];
	const char *v[2];
	int exists, same;
	date_format(d, iso, sizeof iso);
	v[0] = iso;
	v[1] = name;
	same = case_same_row(db, NULL, CC_N, "SELECT date, name FROM holiday WHERE date = ?", iso, v, 2,
	                &exists, err);
	if (same < 0)
		return -1;
	if (same) {
		*changed = 0;
		return 0;
	}
	*changed = exists ? 2 : 1;
	return case_exec_text(db, "INSERT INTO holiday(date, name) VALUES (?1, ?2) ON CONFLICT(date) DO "
	                 "UPDATE SET name = ?2", v, 2, err);
}

int case_dept_put(struct kfq_db *db, const char *dept, const char *supervisor, int *changed,
                  struct kfq_err *err)
{
	const char *v[2] = { dept, supervisor };
	int exists, same;
	if (!case_nz(dept))
		return kfq_error_field(err, "dept", "empty");
	if (!case_nz(supervisor))
		return kfq_error_field(err, "supervisor", "empty (who overdue problems go to)");
	same = case_same_row(db, NULL, CC_N, "SELECT dept, supervisor FROM case_dept WHERE dept = ?",
	                dept, v, 2, &exists, err);
	if (same < 0)
		return -1;
	if (same) {
		*changed = 0;
		return 0;
	}
	*changed = exists ? 2 : 1;
	return case_exec_text(db, "INSERT INTO case_dept(dept, supervisor) VALUES (?1, ?2) ON CONFLICT "
	                 "(dept) DO UPDATE SET supervisor = ?2", v, 2, err);
}

static int close_days_of(struct kfq_db *db, struct case_cache *cc, int cat, int pri, int *days,
                         struct kfq_err *err)
{
	static const char SQL[] = "SELECT close_days FROM case_sla WHERE category = ? AND priority = ?";
	struct kfq_stmt *st;
	int rc;
	*days = DEFAULT_CLOSE[pri];
	if (cc) {
		char key[64];
		const char *cell[1];
		snprintf(key, sizeof key, "%s %s", CASE_CATEGORY[cat], CASE_PRIORITY[pri]);
		if ((rc = case_cache_get(db, cc, CC_SLA, key, cell, err)) > 0)
			*days = atoi(cell[0]);
		return rc < 0 ? -1 : 0;
	}
	if (db_cached(db, SQL, &st, err) < 0)
		return -1;
	st_bind_text(st, 1, CASE_CATEGORY[cat]);
	st_bind_text(st, 2, CASE_PRIORITY[pri]);
	if ((rc = st_step(st)) == ST_ROW)
		*days = st_int(st, 0);
	else if (rc == ST_ERROR)
		db_fault(db, err, "reading a service level");
	st_reset(st);
	return rc == ST_ERROR ? -1 : 0;
}

int case_add(struct kfq_db *db, struct case_cache *cc, const struct case_row *r, int *changed,
             struct kfq_err *err)
{
	int cat = case_name_index(r->category, CASE_CATEGORY, CASE_CATEGORY_ZH);
	int pri = case_nz(r->priority) ? case_name_index(r->priority, CASE_PRIORITY, CASE_PRIORITY_ZH) : 2;
	int ch = case_nz(r->channel) ? case_name_index(r->channel, CASE_CHANNEL, CASE_CHANNEL_ZH)
	         : (case_nz(r->visit) ? 0 : -1);
	char raised[16], dl[16], vid[24] = "", uid[24] = "", hid[24] = "";
	const char *v[13];
	struct date deadline;
	int days, exists, same;

	if (!case_nz(r->code))
		return kfq_error_field(err, "code", "empty (every case needs a code)");
	if (cat < 0)
		return kfq_error_field(err, "category", "\"%s\" (expected land, finance, labour, "
		                 "approvals, infrastructure, environment, policy, leadership or other; or "
		                 "用地, 融资信贷, 用工, 审批, 基础设施, 环境, 政策, 班子自查, 其他)",
		                 r->category ? r->category : "");
	if (pri < 0)
		return kfq_error_field(err, "priority", "\"%s\" (expected urgent, high, normal or low; "
		                 "or 紧急, 高, 普通, 低)", r->priority);
	if (ch < 0)
		return kfq_error_field(err, "channel", "\"%s\" (expected visit, hotline, letter, "
		                 "meeting or online; or 走访, 热线, 来信, 会议, 网络)",
		                 r->channel ? r->channel : "");
	if (!case_nz(r->description))
		return kfq_error_field(err, "description", "empty");
	if (case_nz(r->visit)) {
		int64_t id = case_id_of(db, cc, CC_VISIT_ID, "SELECT id FROM visit WHERE code = ?",
		                   r->visit, err);
		if (id < 0)
			return -1;
		if (id == 0)
			return kfq_error_field(err, "visit", "unknown visit \"%s\"", r->visit);
		snprintf(vid, sizeof vid, "%lld", (long long)id);
	}
	if (case_nz(r->unit)) {
		int64_t id = case_id_of(db, cc, CC_UNIT_ID, "SELECT id FROM unit WHERE code = ?",
		                   r->unit, err);
		if (id < 0)
			return -1;
		if (id == 0)
			return kfq_error_field(err, "enterprise", "unknown unit \"%s\"", r->unit);
		snprintf(uid, sizeof uid, "%lld", (long long)id);
	}
	if (case_nz(r->household)) {
		int64_t id = case_id_of(db, cc, CC_HOUSEHOLD_ID,
		                   "SELECT id FROM household WHERE code = ?", r->household, err);
		if (id < 0)
			return -1;
		if (id == 0)
			return kfq_error_field(err, "household", "unknown household \"%s\"", r->household);
		snprintf(hid, sizeof hid, "%lld", (long long)id);
	}
	if (close_days_of(db, cc, cat, pri, &days, err) < 0 ||
	    workdays_add(db, cc, &r->raised, days, &deadline, err) < 0)
		return -1;
	date_format(&r->raised, raised, sizeof raised);
	date_format(&deadline, dl, sizeof dl);
	v[0] = r->code; v[1] = raised; v[2] = CASE_CHANNEL[ch]; v[3] = vid[0] ? vid : NULL;
	v[4] = uid[0] ? uid : NULL; v[5] = hid[0] ? hid : NULL; v[6] = r->campaign;
	v[7] = CASE_CATEGORY[cat]; v[8] = CASE_PRIORITY[pri]; v[9] = r->description;
	v[10] = r->raised_by; v[11] = dl; v[12] = "registered";
	/* the deadline is left out: it follows the service levels of the day */
	same = case_same_row(db, cc, CC_CASE, "SELECT code, raised, channel, visit_id, unit_id, "
	                "household_id, campaign, category, priority, description, raised_by "
	                "FROM kase WHERE code = ?", r->code, v, 11, &exists, err);
	if (same < 0)
		return -1;
	if (same) {
		*changed = 0;
		return 0;
	}
	if (exists)
		return kfq_error(err, "case \"%s\" is already registered with other details; a case "
		                 "changes through its steps (case-events)", r->code);
	*changed = 1;
	return case_exec_text(db, "INSERT INTO kase(code, raised, channel, visit_id, unit_id, household_id, "
	                 "campaign, category, priority, description, raised_by, deadline, status) "
	                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", v, 13, err);
}

/* The steps allowed from a status, for the message. */
static void allowed(enum case_status s, struct sbuf *sb)
{
	for (int a = 0; a < CA_N; a++)
		if (case_step_allowed(s, (enum case_action)a))
			sbuf_addf(sb, "%s%s", sb->len ? ", " : "", CASE_ACTION[a]);
	if (!sb->len)
		sbuf_adds(sb, "none: the case is finished");
}

/* The same in Chinese: 交办、受理. */
static void allowed_zh(enum case_status s, struct sbuf *sb)
{
	sbuf_init(sb);
	for (int a = 0; a < CA_N; a++)
		if (case_step_allowed(s, (enum case_action)a))
			sbuf_addf(sb, "%s%s", sb->len ? "、" : "", CASE_ACTION_ZH[a]);
	if (!sb->len)
		sbuf_adds(sb, "无，问题已了结");
}

/* What a step needs to know of its case. */
struct case_state {
	int64_t id;
	int status;          /* enum case_status, -1 when unknown */
	char last[16];       /* the date of its last step, else the day it was raised */
};

static int read_case(struct kfq_db *db, const char *code, struct case_state *cs,
                     struct kfq_err *err)
{
	struct kfq_stmt *st;
	int rc;
	if (db_prepare(db, "SELECT k.id, k.status, (SELECT max(date) FROM case_event WHERE case_id = "
	               "k.id), k.raised FROM kase k WHERE k.code = ?", &st, err) < 0)
		return -1;
	st_bind_text(st, 1, code ? code : "");
	if ((rc = st_step(st)) != ST_ROW) {
		if (rc == ST_ERROR)
			db_fault(db, err, "reading a case");
		st_finalize(st);
		return rc == ST_ERROR ? -1
		       : kfq_error_field(err, "case", "unknown case \"%s\"", code ? code : "");
	}
	cs->id = st_i64(st, 0);
	cs->status = case_name_index(st_text(st, 1), CASE_STATUS, NULL);
	snprintf(cs->last, sizeof cs->last, "%s", st_text(st, 2) ? st_text(st, 2) : st_text(st, 3));
	st_finalize(st);
	return 0;
}

/* Whether the case already has this very step (the same date, action,
 * note, department and rating): 1 or 0; -1 on a fault. Who took it, when it
 * is there, into who (a new string, or NULL). */
static int step_given(struct kfq_db *db, int64_t id, const char *iso, int a, const char *dept,
                      const char *note, int rating, char **who, struct kfq_err *err)
{
	struct kfq_stmt *st;
	int rc;
	*who = NULL;
	if (db_prepare(db, "SELECT coalesce(who, '') FROM case_event WHERE case_id = ? AND date = ? "
	               "AND action = ? AND coalesce(note, '') = ? AND coalesce(dept, '') = ? AND "
	               "coalesce(rating, 0) = ?", &st, err) < 0)
		return -1;
	st_bind_i64(st, 1, id);
	st_bind_text(st, 2, iso);
	st_bind_text(st, 3, CASE_ACTION[a]);
	st_bind_text(st, 4, case_nz(note) ? note : "");
	st_bind_text(st, 5, case_nz(dept) ? dept : "");
	st_bind_int(st, 6, a == CA_CONFIRM ? rating : 0);
	if ((rc = st_step(st)) == ST_ERROR)
		db_fault(db, err, "reading a case's steps");
	else if (rc == ST_ROW)
		*who = xstrdup(st_text(st, 0));
	st_finalize(st);
	return rc == ST_ERROR ? -1 : rc == ST_ROW;
}

/* What a step does not take is refused, not dropped: a rating is a
 * confirmation's, the case to go into a merge's, and a merge's note is that
 * case (a note of its own would be lost). */
static int check_fields(int a, const char *note, const char *into, int rating,
                        struct kfq_err *err)
{
	if (rating && a != CA_CONFIRM)
		return kfq_error_field(err, "rating", "%d: only confirm takes the requester's rating, "
		                       "%s does not", rating, CASE_ACTION[a]),
		       kfq_err_zh(err, "%d: 只有确认填写满意度，%s不填", rating, CASE_ACTION_ZH[a]);
	if (case_nz(into) && a != CA_MERGE)
		return kfq_error_field(err, "into", "\"%s\": only merge names the case it goes into, "
		                       "%s does not", into, CASE_ACTION[a]),
		       kfq_err_zh(err, "\"%s\": 只有合并填写合并至的问题，%s不填", into,
		                  CASE_ACTION_ZH[a]);
	if (a == CA_MERGE && case_nz(note))
		return kfq_error_field(err, "note", "\"%s\": merge takes no note (what it keeps is the "
		                       "case it goes into, column into)", note),
		       kfq_err_zh(err, "\"%s\": 合并不填说明（记下的是合并至的问题）", note);
	return 0;
}

/* The workflow's rules for step a on the case: dates move forward, the
 * step is allowed from the case's status (STEP), and it has what it needs. */
static int check_step(const char *code, const struct case_state *cs, int a, const char *iso,
                      const char *dept, const char *note, int rating, struct kfq_err *err)
{
	if (strcmp(iso, cs->last) < 0)
		return kfq_error_field(err, "date", "%s is before the case's last step (%s)", iso,
		                 cs->last);
	if (cs->status < 0 || !(STEP[a].from & (1u << cs->status))) {
		struct sbuf sb;
		sbuf_init(&sb);
		allowed(cs->status < 0 ? CS_REGISTERED : (enum case_status)cs->status, &sb);
		kfq_error(err, "case \"%s\" is %s: %s is not allowed (allowed: %s)", code,
		          cs->status < 0 ? "?" : CASE_STATUS[cs->status], CASE_ACTION[a], sb.buf);
		sbuf_release(&sb);
		allowed_zh(cs->status < 0 ? CS_REGISTERED : (enum case_status)cs->status, &sb);
		kfq_err_zh(err, "问题 \"%s\" 现为%s: 不能%s（可做: %s）", code,
		           cs->status < 0 ? "?" : CASE_STATUS_ZH[cs->status], CASE_ACTION_ZH[a], sb.buf);
		sbuf_release(&sb);
		return -1;
	}
	if ((a == CA_ASSIGN || a == CA_TRANSFER) && !case_nz(dept))
		return kfq_error_field(err, "dept", "%s needs the department", CASE_ACTION[a]),
		       kfq_err_zh(err, "%s须指定承办部门", CASE_ACTION_ZH[a]);
	if ((a == CA_RESOLVE || a == CA_REOPEN || a == CA_TRANSFER || a == CA_CLOSE) && !case_nz(note))
		return kfq_error_field(err, "note", "%s needs %s", CASE_ACTION[a],
		                 a == CA_RESOLVE ? "what was done" : a == CA_CLOSE
		                 ? "the explanation (解释说明)" : "the reason"),
		       kfq_err_zh(err, "%s须写明%s", CASE_ACTION_ZH[a],
		                  a == CA_RESOLVE ? "办理情况" : a == CA_CLOSE ? "解释说明" : "理由");
	if (a == CA_CONFIRM && (rating < 1 || rating > 5))
		return kfq_error_field(err, "rating", "confirming needs the requester's rating, 1 to 5");
	return 0;
}

/* The case a merge goes into: its id into *into_id. */
static int merge_target(struct kfq_db *db, int64_t id, const char *into, int64_t *into_id,
                        struct kfq_err *err)
{
	if (!case_nz(into))
		return kfq_error_field(err, "into", "merge needs the case it duplicates");
	if ((*into_id = case_id_of(db, NULL, CC_N, "SELECT id FROM kase WHERE code = ?", into, err)) < 0)
		return -1;
	if (*into_id == 0)
		return kfq_error_field(err, "into", "unknown case \"%s\"", into);
	if (*into_id == id)
		return kfq_error_field(err, "into", "a case cannot be merged into itself");
	return 0;
}

/* Write the step and move the case to the step's status. */
static int write_step(struct kfq_db *db, int64_t id, const char *iso, int a, const char *dept,
                      const char *note, int rating, int64_t into_id, const char *who,
                      struct kfq_err *err)
{
	struct kfq_stmt *st;
	int rc;
	if (db_prepare(db, "INSERT INTO case_event(case_id, date, action, dept, note, rating, who) "
	               "VALUES (?, ?, ?, ?, ?, ?, ?)", &st, err) < 0)
		return -1;
	st_bind_i64(st, 1, id);
	st_bind_text(st, 2, iso);
	st_bind_text(st, 3, CASE_ACTION[a]);
	if (case_nz(dept))
		st_bind_text(st, 4, dept);
	if (case_nz(note))
		st_bind_text(st, 5, note);
	if (a == CA_CONFIRM)
		st_bind_int(st, 6, rating);
	st_bind_text_copy(st, 7, case_nz(who) ? who : db_ctx(db) ? db_ctx(db)->who : "unknown");
	rc = st_step(st) == ST_DONE ? 0 : db_fault(db, err, "writing a case step");
	st_finalize(st);
	if (rc < 0)
		return -1;
	if (db_prepare(db, "UPDATE kase SET status = ?2, dept = coalesce(?3, dept), "
	               "resolved = CASE WHEN ?2 = 'resolved' THEN ?4 WHEN ?5 = 'reopen' THEN NULL "
	               "ELSE resolved END, rating = CASE WHEN ?6 > 0 THEN ?6 WHEN ?5 = 'reopen' THEN "
	               "NULL ELSE rating END, merged_into = coalesce(?7, merged_into) WHERE id = ?1",
	               &st, err) < 0)
		return -1;
	st_bind_i64(st, 1, id);
	st_bind_text(st, 2, CASE_STATUS[STEP[a].to]);
	if (case_nz(dept))
		st_bind_text(st, 3, dept);
	st_bind_text(st, 4, iso);
	st_bind_text(st, 5, CASE_ACTION[a]);
	st_bind_int(st, 6, a == CA_CONFIRM ? rating : 0);
	if (into_id)
		st_bind_i64(st, 7, into_id);
	rc = st_step(st) == ST_DONE ? 0 : db_fault(db, err, "updating a case");
	st_finalize(st);
	return rc;
}

/* The step in history: "resolve: in_progress → resolved; the note". */
static int step_history(struct kfq_db *db, const char *code, const char *iso, int a, int status,
                        const char *note, struct kfq_err *err)
{
	struct sbuf sb;
	struct history_entry h = { .kind = "case", .unit = code, .period = iso };
	int rc;
	sbuf_init(&sb);
	sbuf_addf(&sb, "%s: %s → %s", CASE_ACTION[a], status >= 0 ? CASE_STATUS[status] : "?",
	          CASE_STATUS[STEP[a].to]);
	if (case_nz(note))
		sbuf_addf(&sb, "; %s", note);
	h.note = sb.buf;
	rc = history_add(db, &h, err);
	sbuf_release(&sb);
	return rc;
}

int case_act(struct kfq_db *db, const char *code, const char *action, const struct date *date,
             const char *dept, const char *note, const char *into, int rating, const char *who,
             int *changed, struct kfq_err *err)
{
	int a = case_name_index(action, CASE_ACTION, CASE_ACTION_ZH), given;
	char iso[16], merge_note[80], *taken_by = NULL;
	struct case_state cs;
	int64_t into_id = 0;

	if (a < 0)
		return kfq_error_field(err, "action", "\"%s\" (expected assign, accept, progress, "
		                 "resolve, confirm, reopen, transfer, merge or close)", action ? action : "");
	date_format(date, iso, sizeof iso);
	if (check_fields(a, note, into, rating, err) < 0)
		return -1;
	if (a == CA_MERGE && case_nz(into)) {
		/* kept as the step's note, so merging again elsewhere is a new step */
		snprintf(merge_note, sizeof merge_note, "into %.60s", into);
		note = merge_note;
	}
	if (read_case(db, code, &cs, err) < 0 ||
	    (given = step_given(db, cs.id, iso, a, dept, note, rating, &taken_by, err)) < 0)
		return -1;
	if (given) {
		/* the same step again: nothing to do, unless it says another
		   took it (a step's who is not changed afterwards) */
		int other = case_nz(who) && strcmp(who, taken_by) != 0;
		if (other) {
			kfq_error_field(err, "who", "\"%s\": this %s of %s is already recorded as taken by "
			                "\"%s\" (who took a step is not changed afterwards; give \"%s\" or "
			                "leave who empty)", who, CASE_ACTION[a], iso, taken_by, taken_by);
			kfq_err_zh(err, "\"%s\": %s的这一%s已记为 \"%s\" 经办（经办人记下后不再更改；"
			           "填 \"%s\" 或留空）", who, iso, CASE_ACTION_ZH[a], taken_by, taken_by);
		}
		free(taken_by);
		*changed = 0;
		return other ? -1 : 0;
	}
	if (check_step(code, &cs, a, iso, dept, note, rating, err) < 0 ||
	    (a == CA_MERGE && merge_target(db, cs.id, into, &into_id, err) < 0) ||
	    write_step(db, cs.id, iso, a, dept, note, rating, into_id, who, err) < 0)
		return -1;
	*changed = 1;
	return step_history(db, code, iso, a, cs.status, note, err);
}
