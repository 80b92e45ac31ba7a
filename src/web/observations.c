/* observations.c: /api/v1/observations/{unit}/{indicator}/{period}: one
 * value read (with its version, as an ETag) and written (a clerk's entry
 * or correction) through io/entry.h, with If-Match against two people
 * overwriting each other: the loser gets 409 with both values. */
#include "web/http.h"
#include "io/entry.h"

#include <string.h>

int web_obs_get(struct web_req *q, struct web_res *r)
{
	struct kfq_err err = { 0 };
	char value[64], version[ENTRY_VERSION_MAX];
	if (web_path_unit(q, r) < 0)
		return 0;
	if (entry_get(q->db, q->params[0], q->params[1], q->params[2], value, sizeof value,
	              version, &err) < 0)
		return web_fail(q, r, &err);
	return web_value_json(q, r, "period", value, version);
}

int web_obs_put(struct web_req *q, struct web_res *r)
{
	struct entry_req e = { 0 };
	struct entry_res res;
	struct kfq_err err = { 0 };
	const char *im = web_header(q, "If-Match");
	char version[ENTRY_VERSION_MAX];
	json_t *body, *v, *m, *note;

	if (web_path_unit(q, r) < 0 || web_body_object(q, r, "value measure note", "", &body) < 0)
		return 0;
	v = json_object_get(body, "value");
	m = json_object_get(body, "measure");
	note = json_object_get(body, "note");
	if (note && json_is_string(note) && strlen(json_string_value(note)) > NOTE_MAX) {
		json_decref(body);   /* (was answered with the value's message) */
		return web_error_field(r, 400, "note", "note: at most %d bytes", NOTE_MAX);
	}
	if (!json_is_string(v) || (m && !json_is_string(m)) || (note && !json_is_string(note))) {
		json_decref(body);
		return web_error_field(r, 400, "value", "%s", web_text(q,
			"value 须为字符串形式的数 (\"27.94\")，以保证精确；measure、note 可选，为字符串",
			"value must be a number as a string (\"27.94\"), so that it is exact; "
			"measure and note (why, kept in history), if given, strings"));
	}
	if (!im) {
		json_decref(body);
		return web_error(r, 428, "%s", web_text(q,
			"须带 If-Match 请求头：读取时得到的版本 (ETag)，无值时为 \"none\"",
			"send If-Match: the version (ETag) read with the value, \"none\" when it had none"));
	}
	web_etag_value(im, version, sizeof version);
	e.unit = q->params[0];
	e.indicator = q->params[1];
	e.period = q->params[2];
	e.value = json_string_value(v);
	e.measure = m ? json_string_value(m) : NULL;
	e.version = strcmp(version, "*") == 0 ? NULL : version;
	e.source = "web";
	e.note = note && *json_string_value(note) ? json_string_value(note) : NULL;
	e.parent_own = account_can(&q->account, RIGHT_SETUP);
	if (entry_put(q->db, &q->cx, &e, &res, &err) < 0) {
		json_decref(body);
		if (res.conflict && err.kind == KFQ_EUSER) {   /* not a busy database: 503 */
			json_t *o = json_pack("{s:i, s:s, s:s, s:s}", "status", 409, "message",
			                      web_err_text(q, &err),
			                      "yours", res.yours, "version", res.version);
			json_object_set_new(o, "stored", res.stored[0] ? json_string(res.stored)
			                                               : json_null());
			web_set_etag(r, res.version);
			return web_json(r, 409, json_pack("{s:o}", "error", o));
		}
		return web_fail(q, r, &err);
	}
	json_decref(body);
	web_set_etag(r, res.version);
	{
		json_t *o = json_pack("{s:s, s:s}", "result", res.put == PUT_SAME ? "unchanged"
		                      : res.put == PUT_ADDED ? "added" : "changed", "version",
		                      res.version);
		if (res.warnings)   /* failed warning rules, kept as open findings */
			json_object_set_new(o, "warning", json_string(res.warning));
		return web_json(r, 200, o);
	}
}
