/* targets.c: /api/v1/targets (a unit's annual targets beside the year to
 * date, the grid kfq target list builds) and
 * /api/v1/targets/{unit}/{indicator}/{year}: one unit's own target read
 * (its version as the ETag) and set through io/entry.h, as kfq target set,
 * with If-Match against two people overwriting each other: the loser
 * gets 409 with both values. */
#include "web/http.h"
#include "io/entry.h"
#include "report/target_grid.h"

#include <string.h>

int web_targets(struct web_req *q, struct web_res *r)
{
	const char *ys = web_query(q, "year");
	struct target_opts o = { 0 };
	struct kfq_err err = { 0 };
	const struct kfq_model *m;
	struct period y;
	struct grid g;
	long u;

	if (!ys)
		return web_error(r, 400, "%s", web_text(q, "须给出年度：?year=2017",
		                                        "give the year: ?year=2017"));
	if (period_parse(ys, &y, &err) < 0 || y.kind != PERIOD_YEAR) {
		kfq_error_field(&err, "year", "\"%s\" is not a year (expected 2017 or 2017年)", ys);
		return web_fail(q, r, &err);
	}
	if (!(m = model_get(q->db, &err)))
		return web_fail(q, r, &err);
	if ((u = web_unit(q, r, m, web_query(q, "unit"))) < 0) {
		model_put(m);
		return 0;
	}
	o.unit = (size_t)u;
	o.year = y.year;
	o.versions = 1;
	if (target_grid_build(q->db, m, &o, &g, &err) < 0) {
		model_put(m);
		return web_fail(q, r, &err);
	}
	model_put(m);
	return web_grid(r, &g);
}

int web_target_get(struct web_req *q, struct web_res *r)
{
	struct kfq_err err = { 0 };
	char value[64], version[ENTRY_VERSION_MAX];
	if (web_path_unit(q, r) < 0)
		return 0;
	if (entry_target_get(q->db, q->params[0], q->params[1], q->params[2], value, sizeof value,
	                     version, &err) < 0)
		return web_fail(q, r, &err);
	return web_value_json(q, r, "year", value, version);
}

int web_target_put(struct web_req *q, struct web_res *r)
{
	struct entry_target_req e = { 0 };
	struct entry_res res;
	struct kfq_err err = { 0 };
	const char *im = web_header(q, "If-Match");
	char version[ENTRY_VERSION_MAX];
	json_t *body, *v, *m, *note, *o;

	if (web_path_unit(q, r) < 0 || web_body_object(q, r, "value measure note", "", &body) < 0)
		return 0;
	v = json_object_get(body, "value");
	m = json_object_get(body, "measure");
	note = json_object_get(body, "note");
	if (!json_is_string(v) || (m && !json_is_string(m)) || (note && !json_is_string(note))) {
		json_decref(body);
		return web_error_field(r, 400, "value", "%s", web_text(q,
			"value 须为字符串形式的数 (\"350\")，以保证精确；note（理由）为字符串；measure 可选，为字符串",
			"value must be a number as a string (\"350\"), so that it is exact; note (why) a "
			"string; measure, if given, a string"));
	}
	if (!im) {
		json_decref(body);
		return web_error(r, 428, "%s", web_text(q,
			"须带 If-Match 请求头：读取时得到的版本 (ETag)，无目标时为 \"none\"",
			"send If-Match: the version (ETag) read with the target, \"none\" when it had none"));
	}
	web_etag_value(im, version, sizeof version);
	e.unit = q->params[0];
	e.indicator = q->params[1];
	e.year = q->params[2];
	e.value = json_string_value(v);
	e.measure = m ? json_string_value(m) : NULL;
	e.version = strcmp(version, "*") == 0 ? NULL : version;
	e.source = "web";
	e.note = note ? json_string_value(note) : NULL;
	if (entry_target_put(q->db, &q->cx, &e, &res, &err) < 0) {
		json_decref(body);
		if (res.conflict) {
			o = json_pack("{s:i, s:s, s:s, s:s}", "status", 409, "message",
			              web_err_text(q, &err), "yours", res.yours, "version", res.version);
			json_object_set_new(o, "stored", res.stored[0] ? json_string(res.stored)
			                                               : json_null());
			web_set_etag(r, res.version);
			return web_json(r, 409, json_pack("{s:o}", "error", o));
		}
		return web_fail(q, r, &err);
	}
	json_decref(body);
	web_set_etag(r, res.version);
	o = json_pack("{s:s, s:s}", "result", res.put == PUT_SAME ? "unchanged"
	              : res.put == PUT_ADDED ? "added" : "changed", "version", res.version);
	return web_json(r, 200, o);
}
