/* ledgers.c: /api/v1/ledgers (the ledgers defined, 台账: each one's
 * fields, figures and how many rows it holds, as ledger/ledger.h's
 * catalogue gives them) and /api/v1/ledgers/{name}/rows (a ledger's rows,
 * filtered, as kfq ledger list NAME --format json: the same query and the
 * command line's grid, report/ledger_grid.c), held to the account's
 * subtree: an account below the top level reads the rows of its own
 * units only. */
#include "web/http.h"
#include "web/mhd_lib.h"
#include "ledger/ledger.h"
#include "report/ledger_grid.h"

#include <jansson.h>
#include <string.h>

static const char *const TYPES[LF_NTYPE] = { "text", "date", "unit", "number", "choice", "yesno" };
static const char *const KINDS[] = { "count", "sum", "ratio" };

static json_t *text_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *fields_json(const struct ledger_def *d)
{
	json_t *a = json_array();
	for (size_t i = 0; i < d->nf; i++) {
		const struct ledger_field *f = &d->f[i];
		json_t *o = json_pack("{s:s, s:o, s:s, s:b, s:o}", "name", f->name, "title",
		                      text_or_null(f->title), "type", TYPES[f->type], "required",
		                      f->required, "measure",
		                      text_or_null(f->type == LF_NUMBER && f->measure ? f->measure->name
		                                                                      : NULL));
		int key = 0;
		for (size_t k = 0; k < d->nkey; k++)
			key |= d->key[k] == i;
		json_object_set_new(o, "key", json_boolean(key));
		if (f->type == LF_CHOICE) {
			json_t *c = json_array();
			for (size_t k = 0; k < f->nchoices; k++)
				json_array_append_new(c, json_string(f->choices[k]));
			json_object_set_new(o, "choices", c);
		}
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *figures_json(const struct ledger_def *d)
{
	json_t *a = json_array();
	for (size_t i = 0; i < d->nfig; i++) {
		const struct ledger_figure *g = &d->fig[i];
		json_array_append_new(a, json_pack("{s:s, s:o, s:o, s:s, s:b, s:o}", "code", g->code,
		                                   "title", text_or_null(g->title), "title_en",
		                                   text_or_null(g->title_en), "kind", KINDS[g->kind],
		                                   "stock", g->stock, "measure",
		                                   text_or_null(g->measure ? g->measure->name : NULL)));
	}
	return a;
}

int web_ledgers(struct web_req *q, struct web_res *r)
{
	struct ledger_catalogue c;
	struct kfq_err err = { 0 };
	json_t *a;
	if (ledger_catalogue_read(q->db, &c, &err) < 0) {
		ledger_catalogue_release(&c);
		return web_fail(q, r, &err);
	}
	a = json_array();
	for (size_t i = 0; i < c.n; i++) {
		const struct ledger_def *d = &c.v[i].def;
		json_array_append_new(a, json_pack("{s:s, s:o, s:o, s:I, s:o, s:o}", "name", d->name,
		                                   "title", text_or_null(d->title), "title_en",
		                                   text_or_null(d->title_en), "rows",
		                                   (json_int_t)c.v[i].rows, "fields", fields_json(d),
		                                   "figures", figures_json(d)));
	}
	ledger_catalogue_release(&c);
	return web_json(r, 200, a);
}

/* The ?where=F=V parameters (any number of them), as the command line's
 * words after NAME. */
struct wheres {
	const char *v[32];
	size_t n;
	int over;
};

static enum MHD_Result collect(void *cls, enum MHD_ValueKind kind, const char *key,
                               const char *value)
{
	struct wheres *w = cls;
	(void)kind;
	if (strcmp(key, "where") != 0)
		return MHD_YES;
	if (w->n == sizeof w->v / sizeof w->v[0]) {
		w->over = 1;
		return MHD_NO;
	}
	w->v[w->n++] = value ? value : "";
	return MHD_YES;
}

int web_ledger_rows(struct web_req *q, struct web_res *r)
{
	struct ledger_query lq = { q->params[0], NULL, NULL, { 0 }, NULL, 0 };
	struct ledger_rows rows;
	struct ledger_def d;
	struct kfq_err err = { 0 };
	struct wheres w = { { 0 }, 0, 0 };
	const struct kfq_model *m;
	const char *unit = web_query(q, "unit");
	struct grid g;
	int64_t id;

	if (web_period(q, r, 0, &lq.period) < 0)
		return 0;
	mhd.MHD_get_connection_values(q->conn, MHD_GET_ARGUMENT_KIND, collect, &w);
	if (w.over)
		return web_error_field(r, 400, "where",
		                       "where: at most %zu conditions", sizeof w.v / sizeof w.v[0]);
	lq.where = w.v;
	lq.nwhere = w.n;
	if (ledger_load(q->db, q->params[0], &d, &id, &err) < 0) {
		ledger_def_release(&d);
		if (err.kind == KFQ_EUSER)
			return web_error(r, 404, "unknown ledger \"%s\"", q->params[0]);
		return web_fail(q, r, &err);
	}
	ledger_def_release(&d);
	/* the unit asked for inside the subtree; none: the whole ledger for a
	 * top-level account, else the account's own unit's rows */
	if (!(m = model_get(q->db, &err)))
		return web_fail(q, r, &err);
	if (unit || !q->account.top) {
		long u = web_unit(q, r, m, unit);
		if (u < 0) {
			model_put(m);
			return 0;
		}
		lq.unit = m->units.v[u].code;
	}
	if (ledger_rows_read(q->db, &lq, &rows, &err) < 0) {
		ledger_rows_release(&rows);
		model_put(m);
		return web_fail(q, r, &err);
	}
	model_put(m);
	ledger_rows_grid(&rows, &g);
	ledger_rows_release(&rows);
	return web_grid_list(q, r, &g);
}
