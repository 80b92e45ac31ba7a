/* lead.c: leads and their stage rules (see lead.h); the pipeline figures
 * derived from them are in lead_figures.c. Depends on base, store. */
#include "lead/lead.h"
#include "base/sbuf.h"
#include "store/history.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const LEAD_STAGE[] = { "contact", "negotiation", "signed", "landed", "started",
                                   "dropped", NULL };
const char *const LEAD_STAGE_ZH[] = { "接洽", "洽谈跟踪", "签约", "注册落户", "开工", "终止", NULL };

int lead_stage_parse(const char *s)
{
	static const char *const more[] = { NULL, "洽谈", NULL, "落户", NULL, NULL };
	for (int i = 0; LEAD_STAGE[i]; i++)
		if (strcmp(s, LEAD_STAGE[i]) == 0 || strcmp(s, LEAD_STAGE_ZH[i]) == 0 ||
		    (more[i] && strcmp(s, more[i]) == 0))
			return i;
	return -1;
}

static const char *nz(const char *s)
{
	return s && *s ? s : NULL;
}

/* The id of a unit, or 0 (with err) when there is none; -1 on a fault. */
static int64_t unit_id(struct kfq_db *db, const char *col, const char *code, struct kfq_err *err)
{
	struct kfq_stmt *st;
	int64_t id = 0;
	int rc;
	if (db_prepare(db, "SELECT id FROM unit WHERE code = ?", &st, err) < 0)
		return -1;
	st_bind_text(st, 1, code);
	if ((rc = st_step(st)) == ST_ROW)
		id = st_i64(st, 0);
	else if (rc == ST_ERROR)
		id = db_fault(db, err, "reading a unit");
	st_finalize(st);
	if (!id)
		kfq_error_field(err, col, "unknown unit \"%s\"", code);
	return id;
}

/* Another lead already linked to this enterprise or project? */
static int linked_elsewhere(struct kfq_db *db, const char *col, int64_t id, const char *code,
                            struct kfq_err *err)
{
	struct kfq_stmt *st;
	char sql[128];
	int rc;
	snprintf(sql, sizeof sql, "SELECT code FROM lead WHERE %s = ? AND code <> ?",
	         strcmp(col, "enterprise") == 0 ? "unit_id" : "project_id");
	if (db_prepare(db, sql, &st, err) < 0)
		return -1;
	st_bind_i64(st, 1, id);
	st_bind_text(st, 2, code);
	if ((rc = st_step(st)) == ST_ROW)
		rc = kfq_error_field(err, col, "already linked to lead \"%s\" (one investment is "
		                     "counted once)", st_text(st, 0));
	else
		rc = rc == ST_ERROR ? db_fault(db, err, "reading leads") : 0;
	st_finalize(st);
	return rc;
}

/* Whether unit id is of kind: 1 or 0; -1 on a fault. */
static int unit_is(struct kfq_db *db, int64_t id, const char *kind, struct kfq_err *err)
{
	struct kfq_stmt *q;
	int rc, is = 0;
	if (db_prepare(db, "SELECT kind = ?2 FROM unit WHERE id = ?1", &q, err) < 0)
		return -1;
	st_bind_i64(q, 1, id);
	st_bind_text(q, 2, kind);
	if ((rc = st_step(q)) == ST_ERROR)
		is = db_fault(db, err, "reading a unit");
	else
		is = rc == ST_ROW && st_int(q, 0);
	st_finalize(q);
	return is;
}

/* A row of a leads file, its amounts parsed and its links resolved. */
struct lead_fields {
	dec total, foreign;
	int has_foreign;
	char tot[48], fo[48];        /* the amounts in 元 and 美元, as history writes them */
	int64_t park, ent, proj;     /* 0 when none */
};

static int check_amounts(const struct lead_row *r, struct lead_fields *f, struct kfq_err *err)
{
	memset(f, 0, sizeof *f);
	f->has_foreign = nz(r->foreign_inv) != NULL;
	if (!nz(r->code))
		return kfq_error_field(err, "code", "empty (every lead needs a code)");
	if (!nz(r->name))
		return kfq_error_field(err, "name", "empty");
	if (!nz(r->total_inv))
		return kfq_error_field(err, "total_investment", "empty");
	if (dec_parse(r->total_inv, r->total_shift, &f->total, err) < 0)
		return kfq_err_set_field(err, "total_investment");
	if (f->has_foreign && dec_parse(r->foreign_inv, r->foreign_shift, &f->foreign, err) < 0)
		return kfq_err_set_field(err, "foreign_investment");
	if (f->total < 0 || f->foreign < 0)
		return kfq_error(err, "a negative investment");
	dec_format(f->total, 0, -1, f->tot, sizeof f->tot);
	if (f->has_foreign)
		dec_format(f->foreign, 0, -1, f->fo, sizeof f->fo);
	return 0;
}

/* The intended park (a lead is counted in it), the enterprise it became
 * and its key project, each checked; a lead that has landed (started)
 * keeps its enterprise (project). */
static int resolve_links(struct kfq_db *db, const struct lead_row *r, struct lead_fields *f,
                         struct kfq_err *err)
{
	struct kfq_stmt *q;
	int rc;

	if (!nz(r->park))
		return kfq_error_field(err, "park", "empty (the intended park: a lead is counted "
		                       "in its park)");
	if ((f->park = unit_id(db, "park", r->park, err)) <= 0 ||
	    (rc = unit_is(db, f->park, "park", err)) < 0)
		return -1;
	if (!rc)
		return kfq_error_field(err, "park", "\"%s\" is not a park (a lead is counted in "
		                       "its park; a unit's own figures would hide its children's)",
		                       r->park);
	if (nz(r->enterprise)) {
		if ((f->ent = unit_id(db, "enterprise", r->enterprise, err)) <= 0 ||
		    (rc = unit_is(db, f->ent, "enterprise", err)) < 0)
			return -1;
		if (!rc)
			return kfq_error_field(err, "enterprise", "\"%s\" is not an enterprise",
			                       r->enterprise);
		if (linked_elsewhere(db, "enterprise", f->ent, r->code, err) < 0)
			return -1;
	}
	if (db_prepare(db, "SELECT max(CASE WHEN s.stage = 'landed' THEN 1 ELSE 0 END), "
	               "max(CASE WHEN s.stage = 'started' THEN 1 ELSE 0 END) FROM lead l "
	               "JOIN lead_stage s ON s.lead_id = l.id WHERE l.code = ?", &q, err) < 0)
		return -1;
	st_bind_text(q, 1, r->code);
	if ((rc = st_step(q)) == ST_ROW) {
		int landed = st_int(q, 0), started = st_int(q, 1);
		st_finalize(q);
		if (landed && !nz(r->enterprise))
			return kfq_error_field(err, "enterprise", "lead \"%s\" has landed; it "
			                       "keeps the enterprise it became", r->code);
		if (started && !nz(r->project))
			return kfq_error_field(err, "project", "lead \"%s\" has started; it keeps "
			                       "its key project", r->code);
	} else {
		if (rc == ST_ERROR)
			db_fault(db, err, "reading a lead's stages");
		st_finalize(q);
		if (rc == ST_ERROR)
			return -1;
	}
	if (nz(r->project)) {
		if ((f->proj = unit_id(db, "project", r->project, err)) <= 0)
			return -1;
		if (db_prepare(db, "SELECT 1 FROM project WHERE unit_id = ?", &q, err) < 0)
			return -1;
		st_bind_i64(q, 1, f->proj);
		if ((rc = st_step(q)) == ST_ERROR)
			db_fault(db, err, "reading a project");
		st_finalize(q);
		if (rc == ST_ERROR)
			return -1;
		if (rc != ST_ROW)
			return kfq_error_field(err, "project", "\"%s\" is not a key project",
			                       r->project);
		if (linked_elsewhere(db, "project", f->proj, r->code, err) < 0)
			return -1;
	}
	return 0;
}

/* Compare the stored lead (*exists 0: none) with r; write what changed
 * into note, "name: old → new; ...". */
static int describe_change(struct kfq_db *db, const struct lead_row *r,
                           const struct lead_fields *f, int *exists, struct sbuf *note,
                           struct kfq_err *err)
{
	static const char SQL_GET[] =
		"SELECT l.name, l.investor, l.origin, l.industry, p.code, l.total_inv, l.foreign_inv, "
		"l.officer, l.source, e.code, j.code FROM lead l LEFT JOIN unit p ON p.id = l.park_id "
		"LEFT JOIN unit e ON e.id = l.unit_id LEFT JOIN unit j ON j.id = l.project_id "
		"WHERE l.code = ?";
	static const char *const names[] = { "name", "investor", "origin", "industry", "park",
	                                     "total_inv(元)", "foreign_inv(美元)", "officer",
	                                     "source", "enterprise", "project" };
	const char *now[] = { r->name, nz(r->investor), nz(r->origin), nz(r->industry),
	                      nz(r->park), f->tot, f->has_foreign ? f->fo : NULL, nz(r->officer),
	                      nz(r->source), nz(r->enterprise), nz(r->project) };
	struct kfq_stmt *st;
	int rc;

	*exists = 0;
	if (db_prepare(db, SQL_GET, &st, err) < 0)
		return -1;
	st_bind_text(st, 1, r->code);
	if ((rc = st_step(st)) == ST_ROW) {
		*exists = 1;
		for (int i = 0; i < 11; i++) {
			char was[64] = "";
			const char *o = st_text(st, i);
			if ((i == 5 || i == 6) && !st_null(st, i)) {
				dec_format(st_i64(st, i), 0, -1, was, sizeof was);
				o = was;
			}
			if (strcmp(o ? o : "", now[i] ? now[i] : "") != 0)
				sbuf_addf(note, "%s%s: %s → %s", note->len ? "; " : "", names[i], o ? o : "",
				          now[i] ? now[i] : "");
		}
	} else if (rc == ST_ERROR) {
		db_fault(db, err, "reading a lead");
	}
	st_finalize(st);
	return rc == ST_ERROR ? -1 : 0;
}

static int write_lead(struct kfq_db *db, const struct lead_row *r, const struct lead_fields *f,
                      struct kfq_err *err)
{
	static const char SQL_PUT[] =
		"INSERT INTO lead(code, name, investor, origin, industry, park_id, total_inv, foreign_inv, "
		"officer, source, unit_id, project_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
		"?11, ?12) ON CONFLICT(code) DO UPDATE SET name = ?2, investor = ?3, origin = ?4, "
		"industry = ?5, park_id = ?6, total_inv = ?7, foreign_inv = ?8, officer = ?9, "
		"source = ?10, unit_id = ?11, project_id = ?12";
	struct kfq_stmt *st;
	int rc;

	if (db_prepare(db, SQL_PUT, &st, err) < 0)
		return -1;
	st_bind_text(st, 1, r->code);
	st_bind_text(st, 2, r->name);
#define OPT(i, s) if (nz(s)) st_bind_text(st, (i), (s))
	OPT(3, r->investor);
	OPT(4, r->origin);
	OPT(5, r->industry);
	OPT(9, r->officer);
	OPT(10, r->source);
#undef OPT
	if (f->park)
		st_bind_i64(st, 6, f->park);
	st_bind_i64(st, 7, f->total);
	if (f->has_foreign)
		st_bind_i64(st, 8, f->foreign);
	if (f->ent)
		st_bind_i64(st, 11, f->ent);
	if (f->proj)
		st_bind_i64(st, 12, f->proj);
	rc = st_step(st) == ST_DONE ? 0 : db_fault(db, err, "writing a lead");
	st_finalize(st);
	return rc;
}

int lead_put(struct kfq_db *db, const struct lead_row *r, int *changed, struct kfq_err *err)
{
	struct lead_fields f;
	struct sbuf note;
	int exists, rc;

	if (check_amounts(r, &f, err) < 0 || resolve_links(db, r, &f, err) < 0)
		return -1;
	sbuf_init(&note);
	if ((rc = describe_change(db, r, &f, &exists, &note, err)) == 0) {
		*changed = !exists ? 1 : note.len ? 2 : 0;
		if (*changed)
			rc = write_lead(db, r, &f, err);
		if (rc == 0 && *changed == 2) {
			struct history_entry h = { .kind = "lead", .unit = r->code, .note = note.buf };
			rc = history_add(db, &h, err);
		}
	}
	sbuf_release(&note);
	return rc;
}

int lead_stage_at(struct kfq_db *db, int64_t lead_id, const struct date *d, struct kfq_err *err)
{
	static const char SQL[] = "SELECT stage FROM lead_stage WHERE lead_id = ? AND date <= ? "
	                          "ORDER BY date DESC, id DESC LIMIT 1";
	struct kfq_stmt *st;
	char iso[16];
	int stage = -1, rc;
	if (db_cached(db, SQL, &st, err) < 0)
		return -2;
	date_format(d, iso, sizeof iso);
	st_bind_i64(st, 1, lead_id);
	st_bind_text_copy(st, 2, iso);
	if ((rc = st_step(st)) == ST_ROW)
		stage = lead_stage_parse(st_text(st, 0));
	if (rc == ST_ERROR) {
		db_fault(db, err, "reading a lead's stages");
		stage = -2;
	}
	st_reset(st);
	return stage;
}

int lead_stage_put(struct kfq_db *db, const char *code, const char *stage_text,
                   const struct date *date, const char *reason, int *changed,
                   struct kfq_err *err)
{
	struct kfq_stmt *st;
	int64_t id, ent = 0, proj = 0;
	int stage = lead_stage_parse(stage_text ? stage_text : ""), cur = -1, found;
	char iso[16], last[16] = "";
	int rc;

	if (stage < 0)
		return kfq_error_field(err, "stage", "\"%s\" (expected contact, negotiation, "
		                       "signed, landed, started or dropped; or 接洽, 洽谈跟踪, 签约, 注册落户, "
		                       "开工, 终止)", stage_text ? stage_text : "");
	date_format(date, iso, sizeof iso);
	if (db_prepare(db, "SELECT id, unit_id, project_id FROM lead WHERE code = ?", &st, err) < 0)
		return -1;
	st_bind_text(st, 1, code);
	if ((found = st_step(st)) == ST_ROW) {
		id = st_i64(st, 0);
		ent = st_i64(st, 1);
		proj = st_i64(st, 2);
	} else if (found == ST_ERROR) {
		db_fault(db, err, "reading a lead");
	}
	st_finalize(st);
	if (found == ST_ERROR)
		return -1;
	if (found != ST_ROW)
		return kfq_error_field(err, "lead", "unknown lead \"%s\" (import it in a leads "
		                       "file first)", code);
	/* the same stage on the same date: nothing to do */
	if (db_prepare(db, "SELECT 1 FROM lead_stage WHERE lead_id = ? AND stage = ? AND date = ?",
	               &st, err) < 0)
		return -1;
	st_bind_i64(st, 1, id);
	st_bind_text(st, 2, LEAD_STAGE[stage]);
	st_bind_text(st, 3, iso);
	if ((found = st_step(st)) == ST_ERROR)
		db_fault(db, err, "reading a lead's stages");
	st_finalize(st);
	if (found == ST_ERROR)
		return -1;
	if (found == ST_ROW) {
		*changed = 0;
		return 0;
	}
	if (db_prepare(db, "SELECT stage, date FROM lead_stage WHERE lead_id = ? ORDER BY date DESC, "
	               "id DESC LIMIT 1", &st, err) < 0)
		return -1;
	st_bind_i64(st, 1, id);
	if ((found = st_step(st)) == ST_ROW) {
		cur = lead_stage_parse(st_text(st, 0));
		snprintf(last, sizeof last, "%s", st_text(st, 1));
	} else if (found == ST_ERROR) {
		db_fault(db, err, "reading a lead's stages");
	}
	st_finalize(st);
	if (found == ST_ERROR)
		return -1;
	if (last[0] && strcmp(iso, last) < 0)
		return kfq_error_field(err, "date", "%s is before the lead's last stage (%s on "
		                       "%s); stage dates move forward", iso, LEAD_STAGE[cur], last),
		       kfq_err_zh(err, "%s 早于该线索的上一阶段（%s，%s）；阶段日期只能向后",
		                  iso, LEAD_STAGE_ZH[cur], last);
	if (cur >= 0 && stage == cur)
		return kfq_error_field(err, "stage", "the lead is already %s (since %s)",
		                       LEAD_STAGE[stage], last),
		       kfq_err_zh(err, "该线索已处于%s阶段（自 %s 起）", LEAD_STAGE_ZH[stage], last);
	if ((stage == LS_DROPPED || (cur >= 0 && (cur == LS_DROPPED || stage < cur))) && !nz(reason))
		return kfq_error_field(err, "reason", "%s needs a reason",
		                       stage == LS_DROPPED ? "dropping a lead"
		                       : "going back to an earlier stage"),
		       kfq_err_zh(err, "%s须写明原因", stage == LS_DROPPED ? "终止线索"
		                  : "退回较早的阶段");
	if (stage == LS_LANDED && !ent)
		return kfq_error_field(err, "stage", "a landed lead must name the enterprise it "
		                       "became (column enterprise of the leads file)");
	if (stage == LS_STARTED && !proj)
		return kfq_error_field(err, "stage", "a started lead must name its key project "
		                       "(column project of the leads file)");
	if (db_prepare(db, "INSERT INTO lead_stage(lead_id, stage, date, reason) VALUES (?, ?, ?, ?)",
	               &st, err) < 0)
		return -1;
	st_bind_i64(st, 1, id);
	st_bind_text(st, 2, LEAD_STAGE[stage]);
	st_bind_text(st, 3, iso);
	if (nz(reason))
		st_bind_text(st, 4, reason);
	if ((rc = st_step(st)) != ST_DONE)
		db_fault(db, err, "writing a lead stage");
	st_finalize(st);
	if (rc != ST_DONE)
		return -1;
	*changed = 1;
	{
		struct sbuf sb;
		struct history_entry h = { .kind = "lead", .unit = code, .period = iso };
		sbuf_init(&sb);
		if (cur >= 0)
			sbuf_addf(&sb, "stage: %s → %s", LEAD_STAGE[cur], LEAD_STAGE[stage]);
		else
			sbuf_addf(&sb, "stage: %s", LEAD_STAGE[stage]);
		if (nz(reason))
			sbuf_addf(&sb, "; reason: %s", reason);
		h.note = sb.buf;
		rc = history_add(db, &h, err);
		sbuf_release(&sb);
		return rc;
	}
}
