/* lead_query.c: the leads read for a front end (see lead_query.h): the
 * leads with their stage on a day, filtered by stage and park (lead_list),
 * and one lead in full, with the stages it went through, the days spent in
 * each and the history of its changes (lead_show). Reads the lead records
 * and changes nothing; the pipeline's figures are lead_stats.c's and the
 * funnel lead_funnel.c's. Depends on base, store, model/unit and lead.h;
 * never on a front end. */
#include "lead/lead_query.h"
#include "base/xalloc.h"
#include "model/unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The leads: one row per lead, with its park, enterprise and project. */
static const char SQL_LEADS[] =
	"SELECT l.id, l.code, l.name, l.investor, l.origin, l.industry, p.code, p.name, l.total_inv, "
	"l.foreign_inv, l.officer, l.source, e.code, e.name, j.code, j.name FROM lead l "
	"LEFT JOIN unit p ON p.id = l.park_id LEFT JOIN unit e ON e.id = l.unit_id "
	"LEFT JOIN unit j ON j.id = l.project_id WHERE ?1 IS NULL OR l.code = ?1 ORDER BY l.code";
/* A lead's stage as of a day (NULL: its latest), and the day it began. */
static const char SQL_STAGE_AT[] =
	"SELECT stage, date FROM lead_stage WHERE lead_id = ?1 AND (?2 IS NULL OR date <= ?2) "
	"ORDER BY date DESC, id DESC LIMIT 1";

/* A copy of column k, NULL when it is NULL or empty. */
static char *text_or_null(struct kfq_stmt *st, int k)
{
	const char *s = st_text(st, k);
	return s && *s ? xstrdup(s) : NULL;
}

static void item_release(struct lead_item *it)
{
	char *const s[] = { it->code, it->name, it->investor, it->origin, it->industry, it->park,
	                    it->park_name, it->officer, it->source, it->enterprise,
	                    it->enterprise_name, it->project, it->project_name };
	for (size_t i = 0; i < sizeof s / sizeof s[0]; i++)
		free(s[i]);
	memset(it, 0, sizeof *it);
}

/* A stage and its day from the store; a fault when either is not one (the
 * schema and lead_stage_put keep such rows out). */
static int stored_stage(const char *stage, const char *day, int *s, struct date *d,
                        struct kfq_err *err)
{
	struct kfq_err e = { 0 };
	if ((*s = lead_stage_parse(stage ? stage : "")) < 0)
		return kfq_fault(err, "reading lead stages: a stored stage \"%s\" is none",
		                 stage ? stage : "");
	if (date_parse(day ? day : "", d, &e) < 0)
		return kfq_fault(err, "reading lead stages: a stored date \"%s\" is not a date",
		                 day ? day : "");
	return 0;
}

/* The current row of SQL_LEADS into it (its stage still none). */
static void item_from_row(struct kfq_stmt *st, struct lead_item *it)
{
	memset(it, 0, sizeof *it);
	it->id = st_i64(st, 0);
	it->code = text_or_null(st, 1);
	it->name = text_or_null(st, 2);
	it->investor = text_or_null(st, 3);
	it->origin = text_or_null(st, 4);
	it->industry = text_or_null(st, 5);
	it->park = text_or_null(st, 6);
	it->park_name = text_or_null(st, 7);
	it->total_inv = st_i64(st, 8);
	if ((it->has_foreign = !st_null(st, 9)))
		it->foreign_inv = st_i64(st, 9);
	it->officer = text_or_null(st, 10);
	it->source = text_or_null(st, 11);
	it->enterprise = text_or_null(st, 12);
	it->enterprise_name = text_or_null(st, 13);
	it->project = text_or_null(st, 14);
	it->project_name = text_or_null(st, 15);
	it->stage = -1;
}

/* Appends to out the leads (all of them, or the one lead code: none when
 * it is unknown) with their stage at the end of day (NULL: their latest). */
static int read_leads(struct kfq_db *db, const char *code, const struct date *day,
                      struct lead_list_res *out, struct kfq_err *err)
{
	struct kfq_stmt *st, *sg;
	char iso[16];
	size_t cap = out->n;
	int rc;

	if (db_prepare(db, SQL_LEADS, &st, err) < 0)
		return -1;
	if (db_prepare(db, SQL_STAGE_AT, &sg, err) < 0) {
		st_finalize(st);
		return -1;
	}
	if (code)
		st_bind_text(st, 1, code);
	if (day) {
		date_format(day, iso, sizeof iso);
		st_bind_text(sg, 2, iso);
	}
	while ((rc = st_step(st)) == ST_ROW) {
		struct lead_item *it;
		XGROW(out->v, out->n + 1, cap);
		it = &out->v[out->n++];
		item_from_row(st, it);
		st_reset(sg);
		st_bind_i64(sg, 1, it->id);
		if ((rc = st_step(sg)) == ST_ROW) {
			if (stored_stage(st_text(sg, 0), st_text(sg, 1), &it->stage, &it->since,
			                 err) < 0)
				break;
		} else if (rc != ST_DONE) {
			break;
		}
	}
	if (rc == ST_ERROR)
		db_fault(db, err, "reading leads");
	st_finalize(sg);
	st_finalize(st);
	return rc == ST_DONE ? 0 : -1;
}

void lead_list_release(struct lead_list_res *r)
{
	for (size_t i = 0; i < r->n; i++)
		item_release(&r->v[i]);
	free(r->v);
	r->v = NULL;
	r->n = 0;
}

static int stage_error(const char *s, struct kfq_err *err)
{
	char en[128] = "", zh[128] = "";
	for (int i = 0; LEAD_STAGE[i]; i++) {
		snprintf(en + strlen(en), sizeof en - strlen(en), "%s%s", i ? ", " : "", LEAD_STAGE[i]);
		snprintf(zh + strlen(zh), sizeof zh - strlen(zh), "%s%s", i ? ", " : "",
		         LEAD_STAGE_ZH[i]);
	}
	return kfq_error_field(err, "stage", "\"%s\" (expected %s; or %s)", s, en, zh);
}

/* The index in us of the park named s: a unit of kind park, or one that a
 * lead of l names; a user error listing those when s is neither. */
static long find_park(const struct unit_set *us, const struct lead_list_res *l, const char *s,
                      struct kfq_err *err)
{
	char *known = xstrdup("");
	for (size_t i = 0; i < us->n; i++) {
		int named = strcmp(us->v[i].kind, "park") == 0;
		for (size_t k = 0; k < l->n && !named; k++)
			named = l->v[k].park && strcmp(l->v[k].park, us->v[i].code) == 0;
		if (!named)
			continue;
		if (strcmp(us->v[i].code, s) == 0) {
			free(known);
			return (long)i;
		}
		char *more = xasprintf("%s%s%s", known, *known ? ", " : "", us->v[i].code);
		free(known);
		known = more;
	}
	kfq_error_field(err, "park", "\"%s\" is not a park (expected one of: %s)", s,
	                *known ? known : "none yet; import units first");
	free(known);
	return -1;
}

/* Keep in l only the leads at stage (-1: any) intended for a unit within
 * park (-1: any) of us. */
static void keep(struct lead_list_res *l, int stage, const struct unit_set *us, long park)
{
	size_t n = 0;
	for (size_t i = 0; i < l->n; i++) {
		struct lead_item *it = &l->v[i];
		int in = stage < 0 || it->stage == stage;
		if (in && park >= 0) {
			long u = it->park ? units_find(us, it->park) : -1;
			in = u >= 0 && units_within(us, (size_t)u, (size_t)park);
		}
		if (in)
			l->v[n++] = *it;
		else
			item_release(it);
	}
	l->n = n;
}

int lead_list(const struct kfq_ctx *cx, struct kfq_db *db, const struct lead_list_req *req,
              struct lead_list_res *out, struct kfq_err *err)
{
	struct unit_set us;
	long park = -1;
	int stage = -1;

	(void)cx;   /* the day is the request's: a list never defaults to today */
	memset(out, 0, sizeof *out);
	if (req->stage && (stage = lead_stage_parse(req->stage)) < 0)
		return stage_error(req->stage, err);
	if (read_leads(db, NULL, req->date.year ? &req->date : NULL, out, err) < 0) {
		lead_list_release(out);
		return -1;
	}
	if (!req->park) {
		keep(out, stage, NULL, -1);
		return 0;
	}
	if (units_load(db, &us, err) < 0) {
		lead_list_release(out);
		return -1;
	}
	if ((park = find_park(&us, out, req->park, err)) >= 0)
		keep(out, stage, &us, park);
	else
		lead_list_release(out);
	units_release(&us);
	return park >= 0 ? 0 : -1;
}

/* ---- one lead ---- */

/* The stages of lead id in date order, with the days since the previous. */
static int read_steps(struct kfq_db *db, int64_t id, struct lead_show_res *out,
                      struct kfq_err *err)
{
	struct kfq_stmt *st;
	size_t cap = 0;
	int rc;

	if (db_prepare(db, "SELECT stage, date, reason FROM lead_stage WHERE lead_id = ? "
	               "ORDER BY date, id", &st, err) < 0)
		return -1;
	st_bind_i64(st, 1, id);
	while ((rc = st_step(st)) == ST_ROW) {
		struct lead_stage_step *s;
		XGROW(out->steps, out->nsteps + 1, cap);
		s = &out->steps[out->nsteps];
		memset(s, 0, sizeof *s);
		if (stored_stage(st_text(st, 0), st_text(st, 1), &s->stage, &s->date, err) < 0)
			break;
		s->reason = text_or_null(st, 2);
		if (out->nsteps > 0) {
			s->days_in_previous = date_days(&out->steps[out->nsteps - 1].date, &s->date);
			s->has_days = 1;
		}
		out->nsteps++;
	}
	if (rc == ST_ERROR)
		db_fault(db, err, "reading lead stages");
	st_finalize(st);
	return rc == ST_DONE ? 0 : -1;
}

/* The history of lead code, oldest first. */
static int read_changes(struct kfq_db *db, const char *code, struct lead_show_res *out,
                        struct kfq_err *err)
{
	struct kfq_stmt *st;
	size_t cap = 0;
	int rc;

	if (db_prepare(db, "SELECT at, who, period, note FROM history WHERE kind = 'lead' "
	               "AND unit = ? ORDER BY id", &st, err) < 0)
		return -1;
	st_bind_text(st, 1, code);
	while ((rc = st_step(st)) == ST_ROW) {
		struct lead_change *c;
		XGROW(out->changes, out->nchanges + 1, cap);
		c = &out->changes[out->nchanges++];
		c->at = text_or_null(st, 0);
		c->who = text_or_null(st, 1);
		c->date = text_or_null(st, 2);
		c->note = text_or_null(st, 3);
	}
	if (rc != ST_DONE)
		db_fault(db, err, "reading history");
	st_finalize(st);
	return rc == ST_DONE ? 0 : -1;
}

void lead_show_release(struct lead_show_res *r)
{
	item_release(&r->lead);
	for (size_t i = 0; i < r->nsteps; i++)
		free(r->steps[i].reason);
	free(r->steps);
	for (size_t i = 0; i < r->nchanges; i++) {
		free(r->changes[i].at);
		free(r->changes[i].who);
		free(r->changes[i].date);
		free(r->changes[i].note);
	}
	free(r->changes);
	memset(r, 0, sizeof *r);
}

int lead_show(const struct kfq_ctx *cx, struct kfq_db *db, const struct lead_show_req *req,
              struct lead_show_res *out, struct kfq_err *err)
{
	struct lead_list_res one = { 0 };
	const char *code = req->code ? req->code : "";

	(void)cx;
	memset(out, 0, sizeof *out);
	out->lead.stage = -1;
	if (read_leads(db, code, NULL, &one, err) < 0) {
		lead_list_release(&one);
		return -1;
	}
	if (one.n == 0)
		return kfq_error(err, "unknown lead \"%s\" (see kfq lead list)", code);
	out->lead = one.v[0];
	for (size_t i = 1; i < one.n; i++)   /* none: codes are unique */
		item_release(&one.v[i]);
	free(one.v);
	if (read_steps(db, out->lead.id, out, err) < 0 ||
	    read_changes(db, out->lead.code, out, err) < 0) {
		lead_show_release(out);
		return -1;
	}
	return 0;
}
