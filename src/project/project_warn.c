/* project_warn.c: the warnings a project office acts on (project_warnings,
 * see project_query.h), for the projects under a unit on a day: not
 * started as planned, investment behind the share of the year elapsed,
 * problems past their deadline, suspended; each with the sentence a user
 * reads. Completion and the share of the year elapsed are calc/figure's.
 * Reads only. Depends on base, store, model, calc/figure; not on any front
 * end. */
#include "project/project_part.h"
#include "project/project.h"
#include "base/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const PROJECT_WARNING_KIND[] = {
	"not started", "behind schedule", "overdue problem", "suspended", NULL,
};
const char *const PROJECT_WARNING_KIND_ZH[] = {
	"未按计划开工", "滞后序时进度", "问题超期未解决", "暂停（停缓建）", NULL,
};

/* A new warning of kind for a project; detail and its Chinese are taken
 * (freed with the result). */
static struct project_warning *add(struct project_warnings *w, size_t *cap,
                                   enum project_warning_kind kind, const char *code,
                                   const char *name, const char *park, const char *park_name,
                                   char *detail, char *detail_zh)
{
	struct project_warning *x;
	XGROW(w->v, w->n + 1, *cap);
	x = &w->v[w->n++];
	memset(x, 0, sizeof *x);
	x->kind = kind;
	x->code = project_text(code);
	x->name = project_text(name);
	x->park = project_text(park);
	x->park_name = project_text(park_name);
	x->detail = detail;
	x->detail_zh = detail_zh;
	return x;
}

static int under(const struct project_reader *r, const struct project_entry *e, long root)
{
	return e->u >= 0 && units_within(&r->m.units, (size_t)e->u, (size_t)root);
}

/* Projects whose completion of the year's plan (0 when nothing is filed)
 * is more than threshold tenths below the share of the year elapsed, at
 * the latest month with investment to date among the months that have
 * ended by the day: on 2017-10-01 that is September at the latest (October's
 * figures cannot be in), and in January the whole of last year against last
 * year's plan. */
static int warn_behind(struct project_reader *r, const struct project_register *reg, long root,
                       int64_t threshold, struct project_warnings *w, size_t *cap,
                       struct kfq_err *err)
{
	const struct date *day = &w->day;
	int year = day->month > 1 ? day->year : day->year - 1;
	int month = day->month > 1 ? day->month - 1 : 12;
	for (size_t i = 0; i < reg->n; i++) {
		const struct project_entry *e = &reg->v[i];
		struct project_warning *x;
		char plan[64], at_s[32], d1[32], d2[32];
		struct figure f;
		struct period at;
		int64_t done, elapsed;
		int got;
		if (e->inv < 0 || !under(r, e, root))
			continue;
		got = project_latest_ytd(r, e->inv, (size_t)e->u, year, month, &f, &at, err);
		if (got < 0)
			return -1;
		if (!(f.has & FIG_TARGET) || f.target <= 0 || (got && !(f.has & FIG_COMPLETION)))
			continue;
		done = got ? f.completion : 0;
		elapsed = got ? f.elapsed : figure_elapsed_tenths(at.last);
		if (elapsed - done <= threshold)
			continue;
		dec_format(f.target, 8, r->money_decimals, plan, sizeof plan);   /* 亿元 */
		period_format(&at, at_s, sizeof at_s);
		dec_format_tenths(done, d1, sizeof d1);
		dec_format_tenths(elapsed, d2, sizeof d2);
		x = add(w, cap, PW_BEHIND, e->p.code, e->p.name, e->p.park, e->p.park_name,
		        got ? xasprintf("%s: %s%% of the %d plan (%s 亿元) against %s%% of the year "
		                        "elapsed", at_s, d1, year, plan, d2)
		            : xasprintf("no year-to-date investment filed through %s: 0%% of the %d "
		                        "plan (%s 亿元) against %s%% of the year elapsed", at_s,
		                        year, plan, d2),
		        got ? xasprintf_zh("%s: %s%% of the %d plan (%s 亿元) against %s%% of the year "
		                           "elapsed", at_s, d1, year, plan, d2)
		            : xasprintf_zh("no year-to-date investment filed through %s: 0%% of the %d "
		                           "plan (%s 亿元) against %s%% of the year elapsed", at_s,
		                           year, plan, d2));
		x->at = at;
		x->completion = done;
		x->elapsed = elapsed;
		x->plan = f.target;
	}
	return 0;
}

/* The problems past their deadline on the day and not resolved by it
 * (resolved later still counts: the warnings of a past day). */
static int warn_problems(struct project_reader *r, long root, struct project_warnings *w,
                         size_t *cap, struct kfq_err *err)
{
	static const char SQL[] =
		"SELECT u.code, u.name, pu.code, pu.name, pb.description, pb.dept, pb.deadline FROM "
		"project_problem pb JOIN unit u ON u.id = pb.unit_id LEFT JOIN unit pu ON "
		"pu.id = u.parent_id WHERE pb.deadline < ?1 AND (pb.resolved IS NULL OR "
		"pb.resolved > ?1) ORDER BY pb.deadline, u.code, pb.id";
	struct kfq_stmt *st;
	char day[16];
	int rc;

	date_format(&w->day, day, sizeof day);
	if (db_prepare(r->db, SQL, &st, err) < 0)
		return -1;
	st_bind_text(st, 1, day);
	while ((rc = st_step(st)) == ST_ROW) {
		struct project_warning *x;
		const char *code = st_text(st, 0);
		const char *dl = st_text(st, 6);
		long u = code ? units_find(&r->m.units, code) : -1;
		struct date d;
		long late = 0;
		struct kfq_err ignore;
		if (u < 0 || !units_within(&r->m.units, (size_t)u, (size_t)root))
			continue;
		if (date_parse(dl, &d, &ignore) == 0)
			late = date_days(&d, &w->day);
		x = add(w, cap, PW_OVERDUE_PROBLEM, code, st_text(st, 1), st_text(st, 2), st_text(st, 3),
		        XASPRINTF_BOTH("%s; %s; deadline %s; %ld day%s overdue", st_text(st, 4),
		                       st_text(st, 5), dl, late, late == 1 ? "" : "s"));
		x->deadline = project_text(dl);
		x->days = late;
	}
	if (rc != ST_DONE)
		db_fault(r->db, err, "reading problems");
	st_finalize(st);
	return rc == ST_DONE ? 0 : -1;
}

/* A status code in Chinese (as stored when it is none of the codes). */
static const char *project_status_zh(const char *status)
{
	for (int i = 0; status && PROJECT_STATUS[i]; i++)
		if (strcmp(status, PROJECT_STATUS[i]) == 0)
			return PROJECT_STATUS_ZH[i];
	return status ? status : "";
}

static int suspended(const struct project_entry *e)
{
	return e->p.status && strcmp(e->p.status, "suspended") == 0;
}

int project_warnings(const struct kfq_ctx *cx, struct kfq_db *db,
                     const struct project_warnings_req *req, struct project_warnings *out,
                     struct kfq_err *err)
{
	struct project_reader r;
	struct project_register reg = { 0 };
	size_t cap = 0;
	long root;
	int rc = -1;

	memset(out, 0, sizeof *out);
	out->day = project_day(cx, &req->date);
	if (req->threshold < 0 || req->threshold > 100)
		return kfq_error(err, "project warn: --threshold %ld: expected whole percentage points "
		                 "from 0 to 100", req->threshold);
	if (project_reader_open(&r, db, err) < 0)
		return -1;
	if ((root = model_unit_or_root(&r.m, req->unit, err)) < 0 ||
	    project_register_read(&r, NULL, &reg, err) < 0)
		goto done;
	out->unit = xstrdup(r.m.units.v[root].code);
	out->unit_name = xstrdup(r.m.units.v[root].name);
	/* (1) planned to start before this month, not started by the day */
	for (size_t i = 0; i < reg.n; i++) {
		const struct project_entry *e = &reg.v[i];
		if (under(&r, e, root) && project_not_started(&e->p, &out->day) && !suspended(e))
			add(out, &cap, PW_NOT_STARTED, e->p.code, e->p.name, e->p.park, e->p.park_name,
			    xasprintf("planned start %s; status %s", e->p.planned_start,
			              e->p.status ? e->p.status : ""),
			    xasprintf_zh("planned start %s; status %s", e->p.planned_start,
			                 project_status_zh(e->p.status)));
	}
	/* (2) investment behind the share of the year elapsed; (3) overdue problems */
	if (warn_behind(&r, &reg, root, req->threshold * 10, out, &cap, err) < 0 ||
	    warn_problems(&r, root, out, &cap, err) < 0)
		goto done;
	/* (4) suspended */
	for (size_t i = 0; i < reg.n; i++) {
		const struct project_entry *e = &reg.v[i];
		if (under(&r, e, root) && suspended(e))
			add(out, &cap, PW_SUSPENDED, e->p.code, e->p.name, e->p.park, e->p.park_name,
			    xstrdup(e->p.reason ? e->p.reason : ""), NULL);
	}
	rc = 0;
done:
	project_register_release(&reg);
	project_reader_close(&r);
	return rc;
}

void project_warnings_release(struct project_warnings *w)
{
	for (size_t i = 0; i < w->n; i++) {
		struct project_warning *x = &w->v[i];
		free(x->code);
		free(x->name);
		free(x->park);
		free(x->park_name);
		free(x->detail);
		free(x->detail_zh);
		free(x->deadline);
	}
	free(w->v);
	free(w->unit);
	free(w->unit_name);
	memset(w, 0, sizeof *w);
}
