/* project.c: the key-project register, its status rules, problems and
 * progress notes (see project.h); the counts derived from it are in
 * project_counts.c. Depends on base, store, model. */
#include "project/project.h"
#include "base/dec.h"
#include "base/measure.h"
#include "base/period.h"
#include "base/sbuf.h"
#include "model/indicator.h"
#include "model/unit.h"
#include "store/history.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const PROJECT_STATUS[] = { "reserve", "approved", "construction", "completed",
                                       "production", "suspended", NULL };
const char *const PROJECT_STATUS_ZH[] = { "储备", "审批", "在建", "竣工", "投产", "停缓建", NULL };
static const char *const CATEGORY[] = { "industrial", "infrastructure", "urban", "environmental",
                                        "livelihood", NULL };
static const char *const CATEGORY_ZH[] = { "产业类", "基础设施", "城建", "环保", "民生", NULL };
static const char *const LEVEL[] = { "province", "city", "zone", NULL };
static const char *const LEVEL_ZH[] = { "省", "市", "区", NULL };

/* The project indicators: the investment and its progress are filed; the
 * counts are derived (the last column). */
static const struct {
	const char *code, *zh, *en, *measure, *kind, *agg, *decimals, *formula;
	int derived;
} INDICATORS[] = {
	{ "key_inv_actual", "重点项目完成投资", "investment completed on key projects", "亿元", "flow",
	  "sum", "2", NULL, 0 },
	{ "other_inv_actual", "城建环保民生项目完成投资",
	  "investment completed on infrastructure, urban, environmental and livelihood projects",
	  "亿元", "flow", "sum", "2", NULL, 0 },
	{ "physical_progress", "形象进度", "physical progress", "%", "stock", "mean", "1", NULL, 0 },
	{ "key_projects", "重点项目", "key projects", "个", "stock", "sum", "0", NULL, 1 },
	{ "planned_starts", "计划开工项目", "projects planned to start", "个", "flow", "sum", "0",
	  NULL, 1 },
	{ "started", "已开工项目", "planned projects started", "个", "flow", "sum", "0", NULL, 1 },
	{ "started_late", "延期开工项目", "planned projects started late", "个", "flow", "sum", "0",
	  NULL, 1 },
	{ "projects_completed", "竣工项目", "projects completed", "个", "flow", "sum", "0", NULL, 1 },
	{ "projects_in_production", "投产项目", "projects in production", "个", "flow", "sum", "0",
	  NULL, 1 },
	{ "started_on_time", "按期开工项目", "planned projects started on time", "个", "flow", "none",
	  "0", "started - started_late", 0 },
	{ "start_rate", "开工率", "start rate of planned projects", "%", "flow", "none", "1",
	  "ytd(started) / ytd(planned_starts) * 100", 0 },
};
#define NIND (sizeof INDICATORS / sizeof INDICATORS[0])

const char *project_inv_indicator(const char *category)
{
	return category && strcmp(category, "industrial") == 0 ? "key_inv_actual" : "other_inv_actual";
}

int project_category(struct kfq_db *db, const char *code, char *buf, size_t n,
                     struct kfq_err *err)
{
	static const char SQL[] = "SELECT p.category FROM project p JOIN unit u ON u.id = p.unit_id "
	                          "WHERE u.code = ?";
	struct kfq_stmt *st;
	int rc;
	if (db_cached(db, SQL, &st, err) < 0)
		return -1;
	st_bind_text(st, 1, code);
	if ((rc = st_step(st)) == ST_ROW)
		snprintf(buf, n, "%s", st_text(st, 0));
	else if (rc == ST_ERROR)
		db_fault(db, err, "reading a project");
	st_reset(st);
	if (rc == ST_ERROR)
		return -1;
	if (rc != ST_ROW)
		return kfq_error(err, "unknown project \"%s\"", code);
	return 0;
}

static int index_of(const char *s, const char *const *en, const char *const *zh)
{
	for (int i = 0; en[i]; i++)
		if (strcmp(s, en[i]) == 0 || (zh && strcmp(s, zh[i]) == 0))
			return i;
	return -1;
}

static const char *nz(const char *s)
{
	return s && *s ? s : NULL;
}

int project_ensure_indicators(struct kfq_db *db, struct kfq_err *err)
{
	for (size_t i = 0; i < NIND; i++) {
		struct indicator_row r = { INDICATORS[i].code, INDICATORS[i].zh, INDICATORS[i].en,
		                           INDICATORS[i].measure, INDICATORS[i].kind,
		                           INDICATORS[i].agg, INDICATORS[i].decimals, NULL,
		                           INDICATORS[i].formula, NULL };
		if (indicator_ensure(db, &r, INDICATORS[i].derived, err) < 0)
			return -1;
	}
	return 0;
}

/* The user error in err, from a parser or a look-up that knows no field,
 * is about input field `field`: name it apart (kfq_error_field), the
 * message kept. A fault is about no field and stays as it is. Returns -1. */
static int field_error(struct kfq_err *err, const char *field)
{
	if (err->kind == KFQ_EUSER)
		snprintf(err->field, sizeof err->field, "%s", field);
	return -1;
}

/* Parse an optional date cell into ISO text ("" when empty). */
static int opt_date(const char *s, const char *col, char *out, size_t n, struct date *d,
                    int *has, struct kfq_err *err)
{
	*has = 0;
	out[0] = '\0';
	if (!nz(s))
		return 0;
	if (date_parse(s, d, err) < 0)
		return field_error(err, col);
	date_format(d, out, n);
	*has = 1;
	return 0;
}

/* Parse an optional month cell into "2017-03" ("" when empty). */
static int opt_month(const char *s, const char *col, char *out, size_t n, struct kfq_err *err)
{
	struct period p;
	out[0] = '\0';
	if (!nz(s))
		return 0;
	if (period_parse(s, &p, err) < 0 || p.kind != PERIOD_MONTH)
		return kfq_error_field(err, col, "\"%s\" is not a month (expected 2017-03 or "
		                       "2017年3月)", s);
	period_format(&p, out, n);
	return 0;
}

/* The id of unit code into *id: 1, or 0 when there is none; -1 when it is
 * not of kind (when kind is not NULL) or on a fault, with err. */
static int unit_id_of(struct kfq_db *db, const char *code, const char *kind, int64_t *id,
                      struct kfq_err *err)
{
	static const char SQL[] = "SELECT id, kind FROM unit WHERE code = ?";
	struct kfq_stmt *st;
	int found, rc;
	if (db_cached(db, SQL, &st, err) < 0)
		return -1;
	st_bind_text(st, 1, code);
	if ((rc = st_step(st)) == ST_ERROR) {
		db_fault(db, err, "reading a unit");
		st_reset(st);
		return -1;
	}
	found = rc == ST_ROW;
	if (found) {
		*id = st_i64(st, 0);
		if (kind && strcmp(st_text(st, 1), kind) != 0) {
			kfq_error(err, "\"%s\" is a %s, not a %s", code,
			          st_text(st, 1), kind);
			st_reset(st);
			return -1;
		}
	}
	st_reset(st);
	return found;
}

/* Whether a project has plans or investment filed: 1 or 0; -1 on a fault,
 * with err. */
static int has_investment(struct kfq_db *db, const char *code, struct kfq_err *err)
{
	struct kfq_stmt *st;
	int rc;
	if (db_prepare(db, "SELECT 1 FROM unit u WHERE u.code = ?1 AND (EXISTS (SELECT 1 "
	               "FROM obs o WHERE o.unit_id = u.id AND o.ind_id IN (SELECT id FROM indicator "
	               "WHERE code IN ('key_inv_actual', 'other_inv_actual'))) OR EXISTS "
	               "(SELECT 1 FROM target t JOIN indicator i ON i.id = t.ind_id WHERE "
	               "t.unit_id = u.id AND i.code IN ('key_inv_actual', "
	               "'other_inv_actual')))", &st, err) < 0)
		return -1;
	st_bind_text(st, 1, code);
	if ((rc = st_step(st)) == ST_ERROR)
		db_fault(db, err, "reading a project's investment");
	st_finalize(st);
	return rc == ST_ERROR ? -1 : rc == ST_ROW;
}

/* A row of a projects file, checked and parsed. */
struct project_fields {
	int cat, level, status;
	dec total;
	char ps[16], pe[16];       /* planned start and end: 2017-03, "" when none */
	char as[16], ae[16], pr[16];   /* actual start, end, production: 2017-03-15, "" */
};

/* Check every field of r on its own and against the others (dates in
 * order, what a status needs) into f. */
static int check_fields(const struct project_row *r, struct project_fields *f,
                        struct kfq_err *err)
{
	struct date d_as, d_ae, d_pr;
	int has_as, has_ae, has_pr;

	f->level = 2;
	if (!nz(r->code))
		return kfq_error_field(err, "code", "empty (every project needs a code)");
	if (!nz(r->name))
		return kfq_error_field(err, "name", "empty (every project needs a name)");
	if (!nz(r->category) || (f->cat = index_of(r->category, CATEGORY, CATEGORY_ZH)) < 0)
		return kfq_error_field(err, "category", "\"%s\" (expected industrial, "
		                       "infrastructure, urban, environmental or livelihood; or 产业类, "
		                       "基础设施, 城建, 环保, 民生)", r->category ? r->category : "");
	if (nz(r->key_level) && (f->level = index_of(r->key_level, LEVEL, LEVEL_ZH)) < 0)
		return kfq_error_field(err, "key_level", "\"%s\" (expected province, city or zone; "
		                       "or 省, 市, 区)", r->key_level);
	if (!nz(r->park))
		return kfq_error_field(err, "park", "empty (the park the project stands in)");
	if (!nz(r->total_inv))
		return kfq_error_field(err, "total_investment", "empty");
	if (dec_parse(r->total_inv, r->total_shift, &f->total, err) < 0)
		return field_error(err, "total_investment");
	if (f->total < 0)
		return kfq_error_field(err, "total_investment", "negative");
	if (opt_month(r->planned_start, "planned_start", f->ps, sizeof f->ps, err) < 0 ||
	    opt_month(r->planned_end, "planned_end", f->pe, sizeof f->pe, err) < 0)
		return -1;
	if (f->ps[0] && f->pe[0] && strcmp(f->pe, f->ps) < 0)
		return kfq_error_field(err, "planned_end", "%s is before the planned start %s", f->pe,
		                       f->ps);
	if (opt_date(r->actual_start, "actual_start", f->as, sizeof f->as, &d_as, &has_as, err) < 0 ||
	    opt_date(r->actual_end, "actual_end", f->ae, sizeof f->ae, &d_ae, &has_ae, err) < 0 ||
	    opt_date(r->production, "production", f->pr, sizeof f->pr, &d_pr, &has_pr, err) < 0)
		return -1;
	if (has_as && has_ae && date_cmp(&d_ae, &d_as) < 0)
		return kfq_error_field(err, "actual_end", "%s is before the actual start %s", f->ae,
		                       f->as);
	if (has_ae && has_pr && date_cmp(&d_pr, &d_ae) < 0)
		return kfq_error_field(err, "production", "%s is before completion %s", f->pr, f->ae);
	if (!nz(r->status) ||
	    (f->status = index_of(r->status, PROJECT_STATUS, PROJECT_STATUS_ZH)) < 0)
		return kfq_error_field(err, "status", "\"%s\" (expected reserve, approved, "
		                       "construction, completed, production or suspended; or 储备, "
		                       "审批, 在建, 竣工, 投产, 停缓建)", r->status ? r->status : "");
	if (f->status == PS_SUSPENDED && !nz(r->reason))
		return kfq_error_field(err, "reason", "a suspended project needs the reason");
	if (f->status >= PS_CONSTRUCTION && f->status != PS_SUSPENDED && !has_as)
		return kfq_error_field(err, "actual_start", "a project %s must have started",
		                       PROJECT_STATUS[f->status]),
		       kfq_err_zh(err, "%s的项目须已开工（须有实际开工日期）", PROJECT_STATUS_ZH[f->status]);
	if ((f->status == PS_COMPLETED || f->status == PS_PRODUCTION) && !has_ae)
		return kfq_error_field(err, "actual_end", "a project %s must have its completion "
		                       "date", PROJECT_STATUS[f->status]),
		       kfq_err_zh(err, "%s的项目须有竣工日期", PROJECT_STATUS_ZH[f->status]);
	return 0;
}

/* The owner, an enterprise: its id into *owner_id (0 when none is given). */
static int owner_of(struct kfq_db *db, const struct project_row *r, int64_t *owner_id,
                    struct kfq_err *err)
{
	int found;
	*owner_id = 0;
	if (!nz(r->owner))
		return 0;
	if ((found = unit_id_of(db, r->owner, NULL, owner_id, err)) < 0)
		return -1;
	if (!found)
		return kfq_error_field(err, "owner", "unknown unit \"%s\"", r->owner);
	if (unit_id_of(db, r->owner, "enterprise", owner_id, err) != 1)
		return field_error(err, "owner");
	return 0;
}

static void note_change(struct sbuf *note, const char *what, const char *old,
                        const char *now)
{
	const char *o = old ? (const char *)old : "";
	const char *n = now ? now : "";
	if (strcmp(o, n) == 0)
		return;
	sbuf_addf(note, "%s%s: %s → %s", note->len ? "; " : "", what, o, n);
}

/* What is stored of a project (exists 0: nothing). */
struct project_stored {
	int exists;
	int status;          /* -1 when unknown */
	char cat[32];
};

/* Read the stored project r->code into *old and write what r changes into
 * note, "status: construction → completed; ...". */
static int read_stored(struct kfq_db *db, const struct project_row *r,
                       const struct project_fields *f, struct project_stored *old,
                       struct sbuf *note, struct kfq_err *err)
{
	static const char SQL_ROW[] =
		"SELECT p.status, p.category, o.code, p.key_level, p.total_inv, p.planned_start, "
		"p.actual_start, p.planned_end, p.actual_end, p.production, p.status_reason, "
		"p.milestones FROM project p JOIN unit u ON u.id = p.unit_id LEFT JOIN unit o ON "
		"o.id = p.owner_id WHERE u.code = ?";
	struct kfq_stmt *st;
	char was[48], now[48];
	int rc;

	memset(old, 0, sizeof *old);
	old->status = -1;
	if (db_cached(db, SQL_ROW, &st, err) < 0)
		return -1;
	st_bind_text(st, 1, r->code);
	if ((rc = st_step(st)) == ST_ERROR) {
		db_fault(db, err, "reading a project");
		st_reset(st);
		return -1;
	}
	if (rc == ST_ROW) {
		old->exists = 1;
		old->status = index_of(st_text(st, 0), PROJECT_STATUS, NULL);
		snprintf(old->cat, sizeof old->cat, "%s", st_text(st, 1));
		note_change(note, "status", st_text(st, 0), PROJECT_STATUS[f->status]);
		note_change(note, "category", st_text(st, 1), CATEGORY[f->cat]);
		note_change(note, "owner", st_text(st, 2), nz(r->owner));
		note_change(note, "key_level", st_text(st, 3), LEVEL[f->level]);
		dec_format(st_i64(st, 4), 0, -1, was, sizeof was);
		dec_format(f->total, 0, -1, now, sizeof now);
		note_change(note, "total_inv(元)", was, now);
		note_change(note, "planned_start", st_text(st, 5), f->ps[0] ? f->ps : NULL);
		note_change(note, "actual_start", st_text(st, 6), f->as[0] ? f->as : NULL);
		note_change(note, "planned_end", st_text(st, 7), f->pe[0] ? f->pe : NULL);
		note_change(note, "actual_end", st_text(st, 8), f->ae[0] ? f->ae : NULL);
		note_change(note, "production", st_text(st, 9), f->pr[0] ? f->pr : NULL);
		note_change(note, "reason", st_text(st, 10), nz(r->reason));
		note_change(note, "milestones", st_text(st, 11), nz(r->milestones));
	}
	st_reset(st);
	return 0;
}

/* The changes a stored project may not take: a category that moves its
 * filed figures to another indicator, a status going back without reopen
 * and a reason. */
static int check_change(struct kfq_db *db, const struct project_row *r,
                        const struct project_fields *f, const struct project_stored *old,
                        struct kfq_err *err)
{
	int rc;
	if (!old->exists)
		return 0;
	if (strcmp(project_inv_indicator(old->cat), project_inv_indicator(CATEGORY[f->cat])) != 0 &&
	    (rc = has_investment(db, r->code, err)) != 0)
		return rc < 0 ? -1
		       : kfq_error_field(err, "category", "project \"%s\" has plans or "
		                         "investment filed as %s; it cannot become %s (its figures "
		                         "would change indicator)", r->code, old->cat,
		                         CATEGORY[f->cat]);
	if (old->status >= 0 && f->status != old->status && f->status != PS_SUSPENDED &&
	    old->status != PS_SUSPENDED && f->status < old->status) {
		int reopen = nz(r->reopen) && (strcmp(r->reopen, "1") == 0 ||
		             strcmp(r->reopen, "yes") == 0 || strcmp(r->reopen, "是") == 0);
		if (!reopen || !nz(r->reason))
			return kfq_error_field(err, "status", "a %s project cannot go back to %s "
			                       "(allowed: forward along reserve → approved → "
			                       "construction → completed → production, or suspended "
			                       "with a reason; going back needs reopen = yes and a "
			                       "reason)", PROJECT_STATUS[old->status],
			                       PROJECT_STATUS[f->status]),
			       kfq_err_zh(err, "%s的项目不能退回%s（只能按 储备 → 审批 → 在建 → 竣工 → "
			                  "投产 向前，或写明原因停缓建；退回须填 reopen = 是 并写明原因）",
			                  PROJECT_STATUS_ZH[old->status], PROJECT_STATUS_ZH[f->status]);
	}
	return 0;
}

/* The project's unit, a unit of kind project under its park: written, its
 * id into *unit_id; *moved: it changed park, *unit_changed: unit_put's. */
static int put_unit(struct kfq_db *db, const struct project_row *r, int exists, int64_t *unit_id,
                    int *moved, int *unit_changed, struct kfq_err *err)
{
	struct unit_row ur;
	int rc;

	switch (unit_id_of(db, r->park, NULL, unit_id, err)) {
	case -1:
		return -1;
	case 0:
		return kfq_error_field(err, "park", "unknown unit \"%s\"", r->park);
	}
	if (unit_id_of(db, r->park, "park", unit_id, err) != 1)
		return field_error(err, "park");
	if ((rc = unit_id_of(db, r->code, NULL, unit_id, err)) < 0)
		return -1;
	if (rc == 1 && !exists)
		return kfq_error_field(err, "code", "\"%s\" is already a unit that is not a project",
		                       r->code);
	memset(&ur, 0, sizeof ur);
	ur.code = r->code;
	ur.name = r->name;
	ur.kind = "project";
	ur.parent = r->park;
	ur.industry = r->industry ? r->industry : "";
	ur.land_mu = NULL;
	ur.hightech = NULL;
	*moved = 0;
	if (exists) {
		struct kfq_stmt *q;
		if (db_prepare(db, "SELECT p.code FROM unit u JOIN unit p ON p.id = u.parent_id WHERE "
		               "u.code = ?", &q, err) < 0)
			return -1;
		st_bind_text(q, 1, r->code);
		if ((rc = st_step(q)) == ST_ERROR)
			db_fault(db, err, "reading a project's park");
		else
			*moved = rc == ST_ROW && strcmp(st_text(q, 0), r->park) != 0;
		st_finalize(q);
		if (rc == ST_ERROR)
			return -1;
	}
	if (unit_put(db, &ur, 0, unit_changed, err) < 0)
		return -1;
	return unit_id_of(db, r->code, "project", unit_id, err) == 1 ? 0 : -1;
}

/* Insert or update the register's row of the project. */
static int write_project(struct kfq_db *db, const struct project_row *r,
                         const struct project_fields *f, int64_t unit_id, int64_t owner_id,
                         struct kfq_err *err)
{
	static const char SQL_PUT[] =
		"INSERT INTO project(unit_id, category, owner_id, key_level, total_inv, planned_start, "
		"actual_start, planned_end, actual_end, production, status, status_reason, milestones) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) ON CONFLICT(unit_id) DO "
		"UPDATE SET category = ?2, owner_id = ?3, key_level = ?4, total_inv = ?5, "
		"planned_start = ?6, actual_start = ?7, planned_end = ?8, actual_end = ?9, "
		"production = ?10, status = ?11, status_reason = ?12, milestones = ?13";
	struct kfq_stmt *st;
	int rc;

	if (db_cached(db, SQL_PUT, &st, err) < 0)
		return -1;
	st_bind_i64(st, 1, unit_id);
	st_bind_text(st, 2, CATEGORY[f->cat]);
	if (owner_id)
		st_bind_i64(st, 3, owner_id);
	st_bind_text(st, 4, LEVEL[f->level]);
	st_bind_i64(st, 5, f->total);
#define OPT(i, s) if ((s)[0]) st_bind_text(st, (i), (s))
	OPT(6, f->ps);
	OPT(7, f->as);
	OPT(8, f->pe);
	OPT(9, f->ae);
	OPT(10, f->pr);
#undef OPT
	st_bind_text(st, 11, PROJECT_STATUS[f->status]);
	if (nz(r->reason))
		st_bind_text(st, 12, r->reason);
	if (nz(r->milestones))
		st_bind_text(st, 13, r->milestones);
	rc = st_step(st) == ST_DONE ? 0 : db_fault(db, err, "writing a project");
	st_reset(st);
	return rc;
}

int project_put(struct kfq_db *db, const struct project_row *r, int *changed, int *moved,
                struct kfq_err *err)
{
	struct project_fields f;
	struct project_stored old;
	struct sbuf note;
	int64_t unit_id, owner_id;
	int unit_changed, rc = -1;

	if (check_fields(r, &f, err) < 0 || owner_of(db, r, &owner_id, err) < 0)
		return -1;
	sbuf_init(&note);
	if (read_stored(db, r, &f, &old, &note, err) < 0 || check_change(db, r, &f, &old, err) < 0 ||
	    put_unit(db, r, old.exists, &unit_id, moved, &unit_changed, err) < 0)
		goto out;
	*changed = !old.exists ? 1 : (note.len || unit_changed) ? 2 : 0;
	rc = 0;
	if (*changed == 0)
		goto out;
	if ((rc = write_project(db, r, &f, unit_id, owner_id, err)) == 0 && old.exists && note.len) {
		struct history_entry h = { .kind = "project", .unit = r->code, .note = note.buf };
		rc = history_add(db, &h, err);
	}
out:
	sbuf_release(&note);
	return rc;
}

int project_problem_put(struct kfq_db *db, const char *code, const struct date *raised,
                        const char *description, const char *dept, const struct date *deadline,
                        const struct date *resolved, int *changed, struct kfq_err *err)
{
	static const char SQL_GET[] = "SELECT dept, deadline, resolved FROM project_problem WHERE "
	                              "unit_id = ? AND raised = ? AND description = ?";
	static const char SQL_PUT[] = "INSERT INTO project_problem(unit_id, raised, description, dept, "
	                              "deadline, resolved) VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT "
	                              "(unit_id, raised, description) DO UPDATE SET dept = ?4, "
	                              "deadline = ?5, resolved = ?6";
	char r[16], dl[16], rs[16] = "";
	struct sbuf note;
	struct kfq_stmt *st;
	int64_t unit;
	int exists = 0, rc;

	if ((rc = unit_id_of(db, code, "project", &unit, err)) != 1)
		return rc < 0 ? field_error(err, "project")
		       : kfq_error_field(err, "project", "unknown project \"%s\"", code);
	if (!nz(description))
		return kfq_error_field(err, "description", "empty");
	if (!nz(dept))
		return kfq_error_field(err, "dept", "empty (the department that must solve it)");
	if (date_cmp(deadline, raised) < 0)
		return kfq_error_field(err, "deadline", "before the date the problem was raised");
	if (resolved && date_cmp(resolved, raised) < 0)
		return kfq_error_field(err, "resolved", "before the date the problem was raised");
	date_format(raised, r, sizeof r);
	date_format(deadline, dl, sizeof dl);
	if (resolved)
		date_format(resolved, rs, sizeof rs);
	sbuf_init(&note);
	if (db_cached(db, SQL_GET, &st, err) < 0) {
		sbuf_release(&note);
		return -1;
	}
	st_bind_i64(st, 1, unit);
	st_bind_text(st, 2, r);
	st_bind_text(st, 3, description);
	if ((rc = st_step(st)) == ST_ERROR) {
		db_fault(db, err, "reading a project problem");
		st_reset(st);
		sbuf_release(&note);
		return -1;
	}
	if (rc == ST_ROW) {
		exists = 1;
		note_change(&note, "dept", st_text(st, 0), dept);
		note_change(&note, "deadline", st_text(st, 1), dl);
		note_change(&note, "resolved", st_text(st, 2), rs[0] ? rs : NULL);
	}
	st_reset(st);
	*changed = !exists ? 1 : note.len ? 2 : 0;
	rc = 0;
	if (*changed) {
		if (db_cached(db, SQL_PUT, &st, err) < 0) {
			sbuf_release(&note);
			return -1;
		}
		st_bind_i64(st, 1, unit);
		st_bind_text(st, 2, r);
		st_bind_text(st, 3, description);
		st_bind_text(st, 4, dept);
		st_bind_text(st, 5, dl);
		if (rs[0])
			st_bind_text(st, 6, rs);
		if (st_step(st) != ST_DONE)
			rc = db_fault(db, err, "writing a project problem");
		st_reset(st);
	}
	if (rc == 0 && *changed == 2) {
		struct history_entry h = { .kind = "problem", .unit = code, .period = r,
		                           .note = note.buf };
		rc = history_add(db, &h, err);
	}
	sbuf_release(&note);
	return rc;
}

int project_note_put(struct kfq_db *db, const char *code, int year, int month, const char *text,
                     struct kfq_err *err)
{
	static const char SQL[] = "INSERT INTO project_note(unit_id, year, month, note) VALUES "
	                          "(?1, ?2, ?3, ?4) ON CONFLICT(unit_id, year, month) DO UPDATE SET "
	                          "note = ?4";
	struct kfq_stmt *st;
	int64_t unit;
	int rc;

	if ((rc = unit_id_of(db, code, "project", &unit, err)) != 1)
		return rc < 0 ? -1 : kfq_error(err, "unknown project \"%s\"", code);
	if (db_cached(db, SQL, &st, err) < 0)
		return -1;
	st_bind_i64(st, 1, unit);
	st_bind_int(st, 2, year);
	st_bind_int(st, 3, month);
	st_bind_text(st, 4, text);
	rc = st_step(st) == ST_DONE ? 0 : db_fault(db, err, "writing a progress note");
	st_reset(st);
	return rc;
}
