/* project_register.c: the register as the queries read it (see
 * project_part.h): each project's row with its unit and investment
 * indicator, the latest year to date filed, and the two start rules (not
 * started as planned, late to start) that the list and the warnings share.
 * Reads only; writes nothing. Depends on base, store, model, calc/figure;
 * not on any front end. */
#include "project/project_part.h"
#include "project/project.h"
#include "base/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *project_text(const char *s)
{
	return s && *s ? xstrdup(s) : NULL;
}

struct date project_day(const struct kfq_ctx *cx, const struct date *asked)
{
	return asked->year ? *asked : cx->today;
}

int project_reader_open(struct project_reader *r, struct kfq_db *db, struct kfq_err *err)
{
	long inv;

	memset(r, 0, sizeof *r);
	r->db = db;
	if (model_load(db, &r->m, err) < 0)
		return -1;
	inv = indicators_find(&r->m.inds, "key_inv_actual");
	r->money_decimals = inv >= 0 ? r->m.inds.v[inv].decimals : 2;
	figure_ctx_init(&r->fc, db, &r->m.units, &r->m.inds);
	return 0;
}

void project_reader_close(struct project_reader *r)
{
	if (!r->db)
		return;
	figure_ctx_release(&r->fc);
	model_release(&r->m);
	r->db = NULL;
}

/* The register: one row per project. */
static const char SQL_PROJECTS[] =
	"SELECT u.code, u.name, p.category, pu.code, pu.name, o.code, u.industry, p.key_level, "
	"p.total_inv, p.planned_start, p.planned_end, p.actual_start, p.actual_end, p.production, "
	"p.status, p.status_reason, p.milestones FROM project p JOIN unit u ON u.id = p.unit_id "
	"LEFT JOIN unit pu ON pu.id = u.parent_id LEFT JOIN unit o ON o.id = p.owner_id "
	"WHERE ?1 IS NULL OR u.code = ?1 ORDER BY u.code";

static void read_row(struct kfq_stmt *st, struct project_info *p)
{
	p->code = project_text(st_text(st, 0));
	p->name = project_text(st_text(st, 1));
	p->category = project_text(st_text(st, 2));
	p->park = project_text(st_text(st, 3));
	p->park_name = project_text(st_text(st, 4));
	p->owner = project_text(st_text(st, 5));
	p->industry = project_text(st_text(st, 6));
	p->key_level = project_text(st_text(st, 7));
	p->total = st_null(st, 8) ? 0 : st_i64(st, 8);
	p->planned_start = project_text(st_text(st, 9));
	p->planned_end = project_text(st_text(st, 10));
	p->actual_start = project_text(st_text(st, 11));
	p->actual_end = project_text(st_text(st, 12));
	p->production = project_text(st_text(st, 13));
	p->status = project_text(st_text(st, 14));
	p->reason = project_text(st_text(st, 15));
	p->milestones = project_text(st_text(st, 16));
}

int project_register_read(struct project_reader *r, const char *code,
                          struct project_register *out, struct kfq_err *err)
{
	struct kfq_stmt *st;
	size_t cap = 0;
	int rc;

	out->v = NULL;
	out->n = 0;
	if (db_prepare(r->db, SQL_PROJECTS, &st, err) < 0)
		return -1;
	if (code)
		st_bind_text(st, 1, code);
	while ((rc = st_step(st)) == ST_ROW) {
		struct project_entry *e;
		XGROW(out->v, out->n + 1, cap);
		e = &out->v[out->n++];
		read_row(st, &e->p);
		e->u = e->p.code ? units_find(&r->m.units, e->p.code) : -1;
		e->inv = indicators_find(&r->m.inds, project_inv_indicator(e->p.category));
	}
	if (rc != ST_DONE)
		db_fault(r->db, err, "reading projects");
	st_finalize(st);
	return rc == ST_DONE ? 0 : -1;
}

void project_info_release(struct project_info *p)
{
	char **text[] = { &p->code, &p->name, &p->category, &p->park, &p->park_name, &p->owner,
	                  &p->industry, &p->key_level, &p->planned_start, &p->planned_end,
	                  &p->actual_start, &p->actual_end, &p->production, &p->status, &p->reason,
	                  &p->milestones };
	for (size_t i = 0; i < sizeof text / sizeof text[0]; i++) {
		free(*text[i]);
		*text[i] = NULL;
	}
}

void project_register_release(struct project_register *reg)
{
	for (size_t i = 0; i < reg->n; i++)
		project_info_release(&reg->v[i].p);
	free(reg->v);
	reg->v = NULL;
	reg->n = 0;
}

int project_latest_ytd(struct project_reader *r, long ind, size_t u, int year, int month,
                       struct figure *f, struct period *at, struct kfq_err *err)
{
	int m = month, got = 0;
	dec v;
	for (; m >= 1; m--)
		if ((got = figure_value(&r->fc, (size_t)ind, u, year, 1, m, year, &v, err)) != 0)
			break;
	if (got < 0)
		return -1;
	if (!got)
		m = month;
	at->year = year;
	at->kind = m == 12 ? PERIOD_YEAR : PERIOD_YTD;
	at->first = 1;
	at->last = m;
	return figure_get(&r->fc, (size_t)ind, u, at, f, err) < 0 ? -1 : got;
}

/* ---- the start rules ---- */

/* Whether p had started by day (its actual start is on or before it). */
static int started_by(const struct project_info *p, const char *day)
{
	return p->actual_start && strcmp(p->actual_start, day) <= 0;
}

int project_not_started(const struct project_info *p, const struct date *day)
{
	char month[16], iso[16];
	if (!p->planned_start)
		return 0;
	snprintf(month, sizeof month, "%04d-%02d", day->year, day->month);
	date_format(day, iso, sizeof iso);
	return strcmp(p->planned_start, month) < 0 && !started_by(p, iso);
}

int project_is_late(const struct project_info *p, const struct date *day)
{
	char iso[16];
	if (!p->planned_start)
		return 0;
	date_format(day, iso, sizeof iso);
	if (!started_by(p, iso))
		return project_not_started(p, day);
	/* started in a later month than planned ("2017-07-01" against "2017-05") */
	return strncmp(p->actual_start, p->planned_start, 7) > 0;
}
