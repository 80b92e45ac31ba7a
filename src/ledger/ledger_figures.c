/* ledger_figures.c: a ledger's figures (see ledger.h): each count or sum
 * figure derived from the rows as month values of each row's unit (a flow:
 * the rows dated in the month; a stock: the rows standing at its end),
 * written to the core's obs with the import that changed the rows; and
 * the rows read back, filtered as list asks or as one figure counts them
 * (`kfq ledger rows`), with that figure's total. Depends on base, store,
 * model, calc/rollup. */
#include "ledger/ledger.h"
#include "base/strmap.h"
#include "base/xalloc.h"
#include "model/obs.h"
#include "model/indicator.h"
#include "model/unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The unit a row without one counts in: the top-level zone (else the
 * first top-level unit); -1 when there is no tree. */
static long root_unit(const struct unit_set *u)
{
	long first = -1;
	int64_t best = 0;
	for (size_t i = 0; i < u->n; i++)
		if (u->v[i].parent < 0) {
			if (strcmp(u->v[i].kind, "zone") == 0 && (first < 0 || u->v[first].parent >= 0 ||
			                                        strcmp(u->v[first].kind, "zone") != 0 ||
			                                        u->v[i].id < best)) {
				first = (long)i;
				best = u->v[i].id;
			} else if (first < 0) {
				first = (long)i;
				best = u->v[i].id;
			}
		}
	return first;
}

/* Year and month of a canonical date (2017-03-05). */
static int ym(const char *iso, int *y, int *m)
{
	for (int i = 0; i < 7; i++)
		if (i == 4 ? iso[i] != '-' : (iso[i] < '0' || iso[i] > '9'))
			return -1;
	*y = (iso[0] - '0') * 1000 + (iso[1] - '0') * 100 + (iso[2] - '0') * 10 + (iso[3] - '0');
	*m = (iso[5] - '0') * 10 + (iso[6] - '0');
	return 0;
}

static int passes(const struct ledger_figure *g, const char *const *v)
{
	for (size_t w = 0; w < g->nwhere; w++) {
		int any = 0;
		for (size_t k = 0; k < g->where[w].n && !any; k++)
			any = strcmp(v[g->where[w].field], g->where[w].values[k]) == 0;
		if (!any)
			return 0;
	}
	return 1;
}

/* A row's contribution to figure g (1 row, or its number) in *x; 1 when
 * it has none (filtered out, no date). */
static int contribution(const struct ledger_def *d, const struct ledger_figure *g,
                        const char *const *v, dec *x, struct kfq_err *err)
{
	if (!*v[g->date_field] || !passes(g, v))
		return 1;
	if (g->kind == LFIG_COUNT) {
		*x = DEC_ONE;
		return 0;
	}
	if (!*v[g->sum_field])
		return 1;
	return dec_parse(v[g->sum_field], d->f[g->sum_field].measure->shift, x, err) < 0 ? -1 : 0;
}

/* The rows of a ledger in memory: their texts in one arena, each field a
 * pointer into it (n × nf, row-major). */
struct rowset {
	char *arena;
	const char **own;        /* v when load_rows made it */
	const char *const *v;    /* n rows of nf values */
	size_t n;
};

static int load_rows(struct kfq_db *db, int64_t ledger, size_t nf, struct rowset *rs,
                     struct kfq_err *err)
{
	struct kfq_stmt *st;
	size_t len = 0, cap = 0, rcap = 0, *start = NULL;
	int rc;
	memset(rs, 0, sizeof *rs);
	if (db_prepare(db, "SELECT vals FROM ledger_row WHERE ledger_id = ? ORDER BY k", &st,
	               err) < 0)
		return -1;
	st_bind_i64(st, 1, ledger);
	while ((rc = st_step(st)) == ST_ROW) {
		const char *t = st_text(st, 0);
		size_t n = strlen(t) + 1;
		XGROW(rs->arena, len + n, cap);
		XGROW(start, rs->n + 1, rcap);
		memcpy(rs->arena + len, t, n);
		start[rs->n++] = len;
		len += n;
	}
	st_finalize(st);
	if (rc != ST_DONE) {
		free(start);
		return db_fault(db, err, "reading ledger rows");
	}
	rs->v = rs->own = xmalloc((rs->n ? rs->n : 1) * nf * sizeof *rs->own);
	for (size_t r = 0; r < rs->n; r++) {
		char *p = rs->arena + start[r];
		for (size_t f = 0; f < nf; f++) {
			char *e = p ? strchr(p, LEDGER_SEP) : NULL;
			rs->own[r * nf + f] = p ? p : "";
			if (e)
				*e = 0;
			p = e ? e + 1 : NULL;
		}
	}
	free(start);
	return 0;
}

static void rowset_release(struct rowset *rs)
{
	free(rs->arena);
	free(rs->own);
}

static int figure_id(struct kfq_db *db, const char *code, int64_t *id, struct kfq_err *err)
{
	struct kfq_stmt *st;
	int rc;
	if (db_prepare(db, "SELECT id FROM indicator WHERE code = ?", &st, err) < 0)
		return -1;
	st_bind_text(st, 1, code);
	rc = st_step(st);
	*id = rc == ST_ROW ? st_i64(st, 0) : 0;
	st_finalize(st);
	if (rc == ST_ERROR)
		return db_fault(db, err, "reading indicators");
	return *id ? 0 : kfq_fault(err, "indicator %s of a ledger figure is missing", code);
}

/* One figure's month values, per unit (index in units) × year × month. */
/* The unit (index in units) of every row by field f (-1: none, the root),
 * computed once per field and kept in cache[f]; -2 for a code not in the
 * tree. */
static const long *row_units(const struct rowset *rs, size_t nf, long f,
                             const struct unit_set *units, long root, long **cache)
{
	size_t k = f < 0 ? nf : (size_t)f;
	if (!cache[k]) {
		cache[k] = xmalloc((rs->n ? rs->n : 1) * sizeof **cache);
		for (size_t r = 0; r < rs->n; r++) {
			const char *c = f >= 0 ? rs->v[r * nf + (size_t)f] : "";
			long u = *c ? units_find(units, c) : root;
			cache[k][r] = u < 0 ? -2 : u;
		}
	}
	return cache[k];
}

static int derive_one(struct kfq_db *db, const struct ledger_def *d, const struct ledger_figure *g,
                      const struct rowset *rs, const struct unit_set *units, long root,
                      long **ucache, int64_t import_id, struct rollup_todo *todo,
                      struct kfq_err *err)
{
	int ymin = 9999, ymax = 0, rc = 0;
	long *slot = xmalloc((units->n ? units->n : 1) * sizeof *slot);
	size_t nused = 0, *used = xmalloc((units->n ? units->n : 1) * sizeof *used);
	dec *cell = NULL, *xs = xmalloc((rs->n ? rs->n : 1) * sizeof *xs);
	int *month = xmalloc((rs->n ? rs->n : 1) * sizeof *month);   /* y*12+m-1, -1: none */
	const long *ru = row_units(rs, d->nf, g->unit_field, units, root, ucache);
	int64_t ind;

	if (figure_id(db, g->code, &ind, err) < 0) {
		free(slot);
		free(used);
		free(xs);
		free(month);
		return -1;
	}
	for (size_t u = 0; u < units->n; u++)
		slot[u] = -1;
	/* first pass: each row's contribution and month, the years and the units */
	for (size_t r = 0; r < rs->n; r++) {
		const char *const *v = rs->v + r * d->nf;
		int y, m, c = contribution(d, g, v, &xs[r], err);
		long u = ru[r];
		month[r] = -1;
		if (c < 0) {
			rc = kfq_err_prefix(err, "ledger %s, figure %s", d->name, g->code);
			break;
		}
		if (c || ym(v[g->date_field], &y, &m) < 0)
			continue;
		if (u < 0) {
			rc = kfq_error(err, "ledger %s: a row names unit \"%s\", which is not in the unit "
			               "tree", d->name, g->unit_field >= 0 ? v[g->unit_field] : "");
			break;
		}
		month[r] = y * 12 + m - 1;
		if (slot[u] < 0) {
			slot[u] = (long)nused;
			used[nused++] = (size_t)u;
		}
		if (y < ymin)
			ymin = y;
		if (y > ymax)
			ymax = y;
	}
	/* the core takes a unit's own figure over its children's: rows counted
	 * in a unit and in one under it would lose the latter's */
	for (size_t s = 0; rc == 0 && s < nused; s++)
		for (long a = units->v[used[s]].parent; rc == 0 && a >= 0; a = units->v[a].parent)
			if (slot[a] >= 0)
				rc = kfq_error(err, "ledger %s, figure %s: rows count in %s and in %s under it; "
				               "a unit's own figure stands for its whole subtree, so those of "
				               "%s would not count: no row's unit may lie above another row's "
				               "(a row without a unit counts in the top-level zone)", d->name, g->code,
				               units->v[a].code, units->v[used[s]].code,
				               units->v[used[s]].code);
	if (rc == 0 && nused && g->stock && db_ctx(db)) {
		int ty = db_ctx(db)->today.year;
		if (ty > ymax && ty < ymin + 100)
			ymax = ty;
	}
	if (rc == 0 && nused) {
		size_t ny = (size_t)(ymax - ymin + 1), per = ny * 12;
		cell = xcalloc(nused * per, sizeof *cell);
		for (size_t r = 0; rc == 0 && r < rs->n; r++) {
			const char *const *v = rs->v + r * d->nf;
			dec x = xs[r], *at;
			int uy, um;
			long k0 = month[r] - ymin * 12;
			if (month[r] < 0)
				continue;
			at = cell + (size_t)slot[ru[r]] * per;
			if (dec_add(at[k0], x, &at[k0]) < 0)
				rc = kfq_error(err, "ledger %s, figure %s: the sum does not fit", d->name,
				               g->code);
			if (g->stock && g->until_field >= 0 && *v[g->until_field] &&
			    ym(v[g->until_field], &uy, &um) == 0 && uy <= ymax) {
				long k = uy < ymin ? 0 : (long)(uy - ymin) * 12 + um - 1;
				if (dec_sub(at[k], x, &at[k]) < 0)
					rc = kfq_error(err, "ledger %s, figure %s: the sum does not fit", d->name,
					               g->code);
			}
		}
		if (g->stock)   /* what stands at a month's end: everything up to it */
			for (size_t s = 0; rc == 0 && s < nused; s++)
				for (size_t k = 1; rc == 0 && k < per; k++)
					if (dec_add(cell[s * per + k], cell[s * per + k - 1], &cell[s * per + k]) < 0)
						rc = kfq_error(err, "ledger %s, figure %s: the sum does not fit",
						               d->name, g->code);
		for (int y = ymin; rc == 0 && y <= ymax; y++) {
			struct indicator t = { .id = ind };
			rollup_todo_data(todo, &t, y);
		}
		for (size_t s = 0; rc == 0 && s < nused; s++)
			for (size_t k = 0; rc == 0 && k < per; k++)
				if (obs_month_set(db, ind, ymin + (int)(k / 12), units->v[used[s]].id,
				                  (int)(k % 12) + 1, cell[s * per + k], import_id, err) < 0)
					rc = kfq_err_prefix(err, "writing ledger figures");
	}
	free(cell);
	free(slot);
	free(used);
	free(xs);
	free(month);
	return rc;
}

static int clear_one(struct kfq_db *db, const char *code, struct rollup_todo *todo,
                     struct kfq_err *err)
{
	struct kfq_stmt *st;
	int64_t ind;
	int rc;
	if (figure_id(db, code, &ind, err) < 0)
		return -1;
	if (db_prepare(db, "SELECT DISTINCT year FROM obs WHERE ind_id = ?", &st, err) < 0)
		return -1;
	st_bind_i64(st, 1, ind);
	while ((rc = st_step(st)) == ST_ROW) {
		struct indicator t = { .id = ind };
		rollup_todo_data(todo, &t, st_int(st, 0));
	}
	st_finalize(st);
	if (rc != ST_DONE)
		return db_fault(db, err, "reading ledger figures");
	if (db_prepare(db, "DELETE FROM obs WHERE ind_id = ?", &st, err) < 0)
		return -1;
	st_bind_i64(st, 1, ind);
	rc = st_step(st) == ST_DONE ? 0 : db_fault(db, err, "clearing ledger figures");
	st_finalize(st);
	return rc;
}

/* The figures from the rows in rs (every row of the ledger). */
static int derive_rows(struct kfq_db *db, const struct ledger_def *d, const struct rowset *rs,
                       int64_t import_id, struct rollup_todo *todo, struct kfq_err *err)
{
	struct unit_set units;
	long root;
	int rc = 0;

	if (units_load(db, &units, err) < 0)
		return -1;
	root = root_unit(&units);
	if (root < 0 && rs->n)
		rc = kfq_error(err, "ledger %s: rows need a unit tree (import units first)", d->name);
	long **ucache = xcalloc(d->nf + 1, sizeof *ucache);
	for (size_t i = 0; rc == 0 && i < d->nfig; i++) {
		if (d->fig[i].kind == LFIG_RATIO)
			continue;
		if ((rc = clear_one(db, d->fig[i].code, todo, err)) == 0)
			rc = derive_one(db, d, &d->fig[i], rs, &units, root, ucache, import_id, todo, err);
	}
	for (size_t f = 0; f <= d->nf; f++)
		free(ucache[f]);
	free(ucache);
	units_release(&units);
	return rc;
}

int ledger_derive(struct kfq_db *db, int64_t ledger, const struct ledger_def *d,
                  int64_t import_id, struct rollup_todo *todo, struct kfq_err *err)
{
	struct rowset rs;
	int rc;
	if (load_rows(db, ledger, d->nf, &rs, err) < 0) {
		rowset_release(&rs);
		return -1;
	}
	rc = derive_rows(db, d, &rs, import_id, todo, err);
	rowset_release(&rs);
	return rc;
}

int ledger_derive_given(struct kfq_db *db, const struct ledger_def *d, const char *const *v,
                        size_t n, int64_t import_id, struct rollup_todo *todo,
                        struct kfq_err *err)
{
	struct rowset rs = { NULL, NULL, v, n };
	return derive_rows(db, d, &rs, import_id, todo, err);
}

/* ---- the rows read back ---- */

/* The last day of a period as an ISO date, and its first. */
static void period_bounds(const struct period *p, char *from, char *to)
{
	snprintf(from, 11, "%04d-%02d-01", p->year, p->first);
	snprintf(to, 11, "%04d-%02d-%02d", p->year, p->last, date_month_days(p->year, p->last));
}

int ledger_rows_read(struct kfq_db *db, const struct ledger_query *q, struct ledger_rows *out,
                     struct kfq_err *err)
{
	struct unit_set units;
	struct rowset rs;
	int64_t id;
	long unit = -1, root;
	const struct ledger_figure *g = NULL;
	long date_field = -1, unit_field = -1;
	char from[16] = "", to[16] = "";
	struct { long f; char *v; } *wh = NULL;
	size_t cap = 0, nwh = 0;   /* the conditions read so far */
	int rc = 0;

	memset(out, 0, sizeof *out);
	if (q->figure) {
		if (ledger_of_figure(db, q->figure, &out->def, &id, &out->fig, err) < 0)
			return -1;
		g = &out->def.fig[out->fig];
		if (g->kind == LFIG_RATIO)
			return kfq_error(err, "%s is a ratio of two figures: list the rows of %s and of %s",
			                 g->code, g->num, g->den);
		date_field = g->date_field;
		unit_field = g->unit_field;
	} else {
		if (ledger_load(db, q->name, &out->def, &id, err) < 0)
			return -1;
		for (size_t i = 0; i < out->def.nf; i++) {
			if (date_field < 0 && out->def.f[i].type == LF_DATE)
				date_field = (long)i;
			if (unit_field < 0 && out->def.f[i].type == LF_UNIT)
				unit_field = (long)i;
		}
	}
	if (q->period.year) {
		if (date_field < 0)
			return kfq_error_field(err, "period", "ledger %s has no date field",
			                       out->def.name);
		period_bounds(&q->period, from, to);
	}
	for (size_t i = 0; i < q->nwhere; i++) {
		const char *eq = strchr(q->where[i], '=');
		char name[64], buf[4096];
		long f;
		if (!eq) {
			rc = kfq_error_field(err, "where", "\"%s\": expected FIELD=VALUE", q->where[i]);
			break;
		}
		snprintf(name, sizeof name, "%.*s", (int)(eq - q->where[i]), q->where[i]);
		if ((f = ledger_field_find(&out->def, name)) < 0) {
			rc = kfq_error_field(err, "where", "ledger %s has no field \"%s\"", out->def.name,
			                     name);
			break;
		}
		{
			struct ledger_field probe = out->def.f[f];
			probe.required = 0;
			if (ledger_value(&probe, eq + 1, NULL, buf, sizeof buf, err) < 0) {
				rc = kfq_err_set_field(err, "where");
				break;
			}
		}
		XGROW(wh, i + 1, cap);
		wh[i].f = f;
		wh[i].v = xstrdup(buf);
		nwh = i + 1;
	}
	if (rc < 0) {   /* (a bad condition after good ones: only those are there) */
		for (size_t i = 0; i < nwh; i++)
			free(wh[i].v);
		free(wh);
		return -1;
	}
	if (units_load(db, &units, err) < 0) {
		for (size_t i = 0; i < q->nwhere; i++)
			free(wh[i].v);
		free(wh);
		return -1;
	}
	root = root_unit(&units);
	if (q->unit && (unit = units_need(&units, q->unit, err)) < 0)
		rc = kfq_err_set_field(err, "unit");
	if (rc == 0)
		rc = load_rows(db, id, out->def.nf, &rs, err);
	else
		memset(&rs, 0, sizeof rs);
	for (size_t r = 0; rc == 0 && r < rs.n; r++) {
		const char *const *v = rs.v + r * out->def.nf;
		int keep = 1;
		dec x = 0;
		for (size_t i = 0; keep && i < q->nwhere; i++)
			keep = strcmp(v[wh[i].f], wh[i].v) == 0;
		if (keep && unit >= 0) {
			long u = unit_field >= 0 && *v[unit_field] ? units_find(&units, v[unit_field]) : root;
			keep = u >= 0 && units_within(&units, (size_t)u, (size_t)unit);
		}
		if (keep && g) {
			int c = contribution(&out->def, g, v, &x, err);
			if (c < 0) {
				rc = -1;
				break;
			}
			keep = c == 0;
		}
		if (keep && q->period.year) {
			const char *dt = v[date_field];
			if (g && g->stock) {
				keep = *dt && strcmp(dt, to) <= 0;
				if (keep && g->until_field >= 0 && *v[g->until_field]) {
					/* standing at the end of the period's last month */
					int uy, um;
					keep = ym(v[g->until_field], &uy, &um) == 0 &&
					       (uy > q->period.year || (uy == q->period.year && um > q->period.last));
				}
			} else
				keep = *dt && strcmp(dt, from) >= 0 && strcmp(dt, to) <= 0;
		}
		if (!keep)
			continue;
		out->vals = xrealloc(out->vals, (out->nrows + 1) * out->def.nf * sizeof *out->vals);
		for (size_t f = 0; f < out->def.nf; f++)
			out->vals[out->nrows * out->def.nf + f] = xstrdup(v[f]);
		out->nrows++;
		if (g && dec_add(out->total, x, &out->total) < 0)
			rc = kfq_error(err, "the total does not fit");
	}
	out->has_total = g != NULL;
	rowset_release(&rs);
	units_release(&units);
	for (size_t i = 0; i < q->nwhere; i++)
		free(wh[i].v);
	free(wh);
	return rc;
}

void ledger_rows_release(struct ledger_rows *r)
{
	for (size_t i = 0; i < r->nrows * r->def.nf; i++)
		free(r->vals[i]);
	free(r->vals);
	ledger_def_release(&r->def);
	memset(r, 0, sizeof *r);
}
