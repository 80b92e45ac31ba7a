/* units.c: /api/v1/units, /api/v1/units/{code} and /api/v1/indicators:
 * the units of the account's subtree and the indicators. */
#include "web/http.h"

#include <string.h>

static json_t *unit_json(const struct unit_set *us, size_t i)
{
	const struct unit *u = &us->v[i];
	json_t *o = json_pack("{s:s, s:s, s:s}", "code", u->code, "name", u->name, "kind", u->kind);
	char buf[64];
	json_object_set_new(o, "parent", u->parent >= 0 ? json_string(us->v[u->parent].code)
	                                                : json_null());
	json_object_set_new(o, "industry", u->industry ? json_string(u->industry) : json_null());
	if (u->has_land) {
		dec_format(u->land_mu, 0, -1, buf, sizeof buf);
		json_object_set_new(o, "land_mu", json_string(buf));
	} else {
		json_object_set_new(o, "land_mu", json_null());
	}
	json_object_set_new(o, "hightech", json_boolean(u->hightech));
	json_object_set_new(o, "uscc", u->uscc ? json_string(u->uscc) : json_null());
	return o;
}

/* {"items": [...], "page": P, "per_page": N, "total": T} */
static json_t *page_json(json_t *items, size_t page, size_t per, size_t total)
{
	return json_pack("{s:o, s:I, s:I, s:I}", "items", items, "page", (json_int_t)page,
	                 "per_page", (json_int_t)per, "total", (json_int_t)total);
}

int web_units(struct web_req *q, struct web_res *r)
{
	const char *parent = web_query(q, "parent"), *kind = web_query(q, "kind");
	struct kfq_err err = { 0 };
	const struct kfq_model *m;
	size_t page, per, total = 0;
	long scope, p = -1;
	json_t *items;

	if (web_page(q, r, &page, &per) < 0)
		return 0;
	if (!(m = model_get(q->db, &err)))
		return web_fail(q, r, &err);
	if ((scope = web_unit(q, r, m, NULL)) < 0 || (parent && (p = web_unit(q, r, m, parent)) < 0)) {
		model_put(m);
		return 0;
	}
	items = json_array();
	for (size_t i = 0; i < m->units.n; i++) {
		const struct unit *u = &m->units.v[i];
		if (!units_within(&m->units, i, (size_t)scope) || (p >= 0 && u->parent != p) ||
		    (kind && strcmp(u->kind, kind) != 0))
			continue;
		if (total >= (page - 1) * per && total < page * per)
			json_array_append_new(items, unit_json(&m->units, i));
		total++;
	}
	model_put(m);
	return web_json(r, 200, page_json(items, page, per, total));
}

int web_unit_one(struct web_req *q, struct web_res *r)
{
	struct kfq_err err = { 0 };
	const struct kfq_model *m;
	json_t *o, *kids;
	long u;
	if (!(m = model_get(q->db, &err)))
		return web_fail(q, r, &err);
	if ((u = web_unit(q, r, m, q->params[0])) < 0) {
		model_put(m);
		return 0;
	}
	o = unit_json(&m->units, (size_t)u);
	kids = json_array();
	for (size_t k = 0; k < m->units.v[u].nchildren; k++)
		json_array_append_new(kids, json_string(m->units.v[m->units.v[u].children[k]].code));
	json_object_set_new(o, "children", kids);
	model_put(m);
	return web_json(r, 200, o);
}

int web_indicators(struct web_req *q, struct web_res *r)
{
	struct kfq_err err = { 0 };
	struct indicator_set is;
	size_t page, per, total = 0;
	json_t *items;
	if (web_page(q, r, &page, &per) < 0)
		return 0;
	if (indicators_load(q->db, &is, &err) < 0)
		return web_fail(q, r, &err);
	items = json_array();
	for (size_t i = 0; i < is.n; i++, total++) {
		const struct indicator *d = &is.v[i];
		if (total < (page - 1) * per || total >= page * per)
			continue;
		json_array_append_new(items, json_pack(
			"{s:s, s:s, s:s?, s:s, s:s, s:s, s:i, s:s?, s:s?, s:i}", "code", d->code,
			"name_zh", d->name_zh, "name_en", d->name_en, "measure", d->measure->name,
			"kind", ind_kind_name(d->kind), "agg", ind_agg_name(d->agg), "decimals",
			d->decimals, "scope", d->scope, "formula", d->formula_text, "headline",
			d->headline));
	}
	indicators_release(&is);
	return web_json(r, 200, page_json(items, page, per, total));
}
