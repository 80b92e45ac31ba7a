/* project_warn.c: kfq project warn: the warnings a project office acts
 * on, for the projects under a unit on a day: not started as planned,
 * investment behind the share of the year elapsed, problems past their
 * deadline, suspended. The dispatcher, the shared helpers and the
 * register's rows are project.c's (project_cmd.h); this file computes no
 * figure itself (calc/figure does) and is used by nothing but the
 * dispatcher. Depends on libkfq. */
#include "cli/project_cmd.h"
#include "base/xalloc.h"

#include <stdlib.h>
#include <string.h>

enum { W_KIND, W_CODE, W_NAME, W_PARK, W_DETAIL, W_N };
static const char *const W_KEYS[W_N] = { "kind", "project", "name", "park", "detail" };
static const char *const W_HEADS[W_N] = { "预警", "项目代码", "项目名称", "所在园区", "说明" };

static void warn_row(const struct pctx *x, struct grid *g, const char *kind, const char *code,
                     const char *name, const char *park, const char *parkname, char *detail)
{
	grid_row(g);
	grid_set(g, W_KIND, kind);
	grid_set(g, W_CODE, code);
	grid_set(g, W_NAME, name);
	grid_set(g, W_PARK, x->f == GRID_TABLE ? parkname : park);
	grid_set(g, W_DETAIL, detail);
	free(detail);
}

/* Projects with a plan for the year whose completion is more than
 * threshold points (in tenths) below the share of the year elapsed. */
static int warn_behind(struct pctx *x, struct grid *g, long root, int64_t threshold)
{
	for (size_t i = 0; i < x->nrows; i++) {
		const struct prow *r = &x->rows[i];
		char plan[64], at_s[32], d1[32], d2[32];
		struct figure f;
		struct period at;
		int64_t done, elapsed;
		int got;
		if (r->u < 0 || r->inv < 0 || !units_within(&x->m.units, (size_t)r->u, (size_t)root))
			continue;
		got = project_latest_ytd(x, r->inv, (size_t)r->u, x->today.year, x->today.month, &f,
		                         &at);
		if (got < 0)
			return -1;
		if (!(f.has & FIG_TARGET) || f.target <= 0 || (got && !(f.has & FIG_COMPLETION)))
			continue;
		done = got ? f.completion : 0;
		elapsed = (at.last * 1000 + 6) / 12;
		if (elapsed - done <= threshold)
			continue;
		dec_format(f.target, x->shift, x->decimals, plan, sizeof plan);
		period_format(&at, at_s, sizeof at_s);
		dec_format_tenths(done, d1, sizeof d1);
		dec_format_tenths(elapsed, d2, sizeof d2);
		warn_row(x, g, "behind schedule", r->col[Q_CODE], r->col[Q_NAME], r->col[Q_PARK],
		         r->col[Q_PARKNAME],
		         got ? xasprintf("%s: %s%% of the %d plan (%s 亿元) against %s%% of the year "
		                         "elapsed", at_s, d1, x->today.year, plan, d2)
		             : xasprintf("no year-to-date investment filed through %s: 0%% of the %d "
		                         "plan (%s 亿元) against %s%% of the year elapsed", at_s,
		                         x->today.year, plan, d2));
	}
	return 0;
}

static int warn_problems(struct pctx *x, struct grid *g, long root)
{
	static const char SQL[] =
		"SELECT u.code, u.name, pu.code, pu.name, pb.description, pb.dept, pb.deadline FROM "
		"project_problem pb JOIN unit u ON u.id = pb.unit_id LEFT JOIN unit pu ON "
		"pu.id = u.parent_id WHERE pb.deadline < ?1 AND (pb.resolved IS NULL OR "
		"pb.resolved > ?1) ORDER BY pb.deadline, u.code, pb.id";
	struct kfq_stmt *st;
	char day[16];
	int rc;

	date_format(&x->today, day, sizeof day);
	if (db_prepare(x->cli->db, SQL, &st, &x->cli->err) < 0)
		return -1;
	st_bind_text(st, 1, day);
	while ((rc = st_step(st)) == ST_ROW) {
		const char *code = st_text(st, 0);
		const char *dl = st_text(st, 6);
		long u = units_find(&x->m.units, code);
		struct date d;
		long late = 0;
		struct kfq_err ignore;
		if (u < 0 || !units_within(&x->m.units, (size_t)u, (size_t)root))
			continue;
		if (date_parse(dl, &d, &ignore) == 0)
			late = date_days(&d, &x->today);
		warn_row(x, g, "overdue problem", code, st_text(st, 1),
		         st_text(st, 2),
		         st_text(st, 3),
		         xasprintf("%s; %s; deadline %s; %ld day%s overdue",
		                   st_text(st, 4),
		                   st_text(st, 5), dl, late,
		                   late == 1 ? "" : "s"));
	}
	st_finalize(st);
	return rc == ST_DONE ? 0 : db_fault(x->cli->db, &x->cli->err, "reading problems");
}

int project_sub_warn(struct pctx *x)
{
	char month[16], day[16];
	long root, threshold = x->a->threshold;
	struct grid g;
	int rc = 0;

	if ((root = model_unit_or_root(&x->m, x->a->unit, &x->cli->err)) < 0 ||
	    project_load(x, NULL) < 0)
		return -1;
	snprintf(month, sizeof month, "%04d-%02d", x->today.year, x->today.month);
	date_format(&x->today, day, sizeof day);
	grid_init(&g, W_N, W_KEYS, x->f == GRID_TABLE ? W_HEADS : W_KEYS);
	/* (1) planned to start before this month, not started by today */
	for (size_t i = 0; i < x->nrows; i++) {
		const struct prow *r = &x->rows[i];
		if (r->u < 0 || !units_within(&x->m.units, (size_t)r->u, (size_t)root) ||
		    !r->col[Q_PSTART] || strcmp(r->col[Q_PSTART], month) >= 0 ||
		    (r->col[Q_ASTART] && strcmp(r->col[Q_ASTART], day) <= 0) ||
		    strcmp(r->col[Q_STATUS], "suspended") == 0)
			continue;
		warn_row(x, &g, "not started", r->col[Q_CODE], r->col[Q_NAME], r->col[Q_PARK],
		         r->col[Q_PARKNAME], xasprintf("planned start %s; status %s", r->col[Q_PSTART],
		                                       r->col[Q_STATUS]));
	}
	/* (2) investment behind the share of the year elapsed; (3) overdue problems */
	rc = warn_behind(x, &g, root, threshold * 10);
	if (rc == 0)
		rc = warn_problems(x, &g, root);
	/* (4) suspended */
	for (size_t i = 0; rc == 0 && i < x->nrows; i++) {
		const struct prow *r = &x->rows[i];
		if (r->u >= 0 && units_within(&x->m.units, (size_t)r->u, (size_t)root) &&
		    strcmp(r->col[Q_STATUS], "suspended") == 0)
			warn_row(x, &g, "suspended", r->col[Q_CODE], r->col[Q_NAME], r->col[Q_PARK],
			         r->col[Q_PARKNAME], xstrdup(r->col[Q_REASON] ? r->col[Q_REASON] : ""));
	}
	if (rc == 0) {
		if (x->f == GRID_TABLE)
			fprintf(x->cli->out, "%s重点项目预警（%s）\n\n", x->m.units.v[root].name, day);
		grid_write(&g, x->f, x->cli->out);
	}
	grid_release(&g);
	return rc;
}
