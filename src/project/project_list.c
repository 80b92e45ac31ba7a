/* project_list.c: the key-project register as a project office lists it
 * (project_list, see project_query.h): every project, or those of a
 * status, under a park, or late to start, each with the plan of the day's
 * year and the investment to date at the latest month filed. Reads only.
 * Depends on base, store, model, calc/figure; not on any front end. */
#include "project/project_part.h"
#include "project/project.h"
#include "base/xalloc.h"

#include <stdlib.h>
#include <string.h>

/* The park named by code: a unit of kind park, or one that has projects;
 * -1 for none asked (code NULL), -2 with a user error naming the parks. */
static long find_park(const struct unit_set *us, const char *code, struct kfq_err *err)
{
	char *known;
	if (!code)
		return -1;
	known = xstrdup("");
	for (size_t i = 0; i < us->n; i++) {
		int has_projects = 0;
		for (size_t k = 0; k < us->v[i].nchildren && !has_projects; k++)
			has_projects = strcmp(us->v[us->v[i].children[k]].kind, "project") == 0;
		if (!has_projects && strcmp(us->v[i].kind, "park") != 0)
			continue;
		if (strcmp(us->v[i].code, code) == 0) {
			free(known);
			return (long)i;
		}
		char *more = xasprintf("%s%s%s", known, *known ? ", " : "", us->v[i].code);
		free(known);
		known = more;
	}
	kfq_error(err, "project list: --park \"%s\" is not a park (expected one of: %s)", code,
	          *known ? known : "none yet; import units first");
	free(known);
	return -2;
}

/* Whether e passes req's filters on day. */
static int wanted(const struct project_reader *r, const struct project_list_req *req, long park,
                  const struct project_entry *e, const struct date *day)
{
	if (req->status >= 0 && (!e->p.status || strcmp(e->p.status, PROJECT_STATUS[req->status]) != 0))
		return 0;
	if (park >= 0 && (e->u < 0 || !units_within(&r->m.units, (size_t)e->u, (size_t)park)))
		return 0;
	return !req->late || project_is_late(&e->p, day);
}

int project_list(const struct kfq_ctx *cx, struct kfq_db *db, const struct project_list_req *req,
                 struct project_list *out, struct kfq_err *err)
{
	struct project_reader r;
	struct project_register reg = { 0 };
	long park;
	size_t cap = 0;
	int rc = 0;

	memset(out, 0, sizeof *out);
	out->day = project_day(cx, &req->date);
	if (req->status < -1 || req->status > PS_SUSPENDED)
		return kfq_error(err, "project list: status %d is not one of the statuses", req->status);
	if (project_reader_open(&r, db, err) < 0)
		return -1;
	out->money_decimals = r.money_decimals;
	if ((park = find_park(&r.m.units, req->park, err)) < -1 ||
	    project_register_read(&r, NULL, &reg, err) < 0) {
		project_register_release(&reg);
		project_reader_close(&r);
		return -1;
	}
	for (size_t i = 0; i < reg.n && rc == 0; i++) {
		struct project_entry *e = &reg.v[i];
		struct project_list_row *row;
		if (!wanted(&r, req, park, e, &out->day))
			continue;
		XGROW(out->v, out->n + 1, cap);
		row = &out->v[out->n++];
		memset(row, 0, sizeof *row);
		row->p = e->p;                        /* the row takes the strings */
		memset(&e->p, 0, sizeof e->p);
		if (e->inv >= 0 && e->u >= 0) {
			struct figure f;
			int got = project_latest_ytd(&r, e->inv, (size_t)e->u, out->day.year,
			                             out->day.month, &f, &row->through, err);
			if (got < 0) {
				rc = -1;
				break;
			}
			if (f.has & FIG_TARGET) {
				row->has |= PH_PLAN;
				row->plan = f.target;
			}
			if (got) {
				row->has |= PH_YTD;
				row->ytd = f.ytd;
			}
		}
	}
	project_register_release(&reg);
	project_reader_close(&r);
	return rc;
}

void project_list_release(struct project_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		project_info_release(&l->v[i].p);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}
