/* openapi.c: /api/v1/openapi.json, the OpenAPI 3 document of the API,
 * written from the route table itself (route.c), so that every route is
 * in it and nothing else is. */
#include "web/http.h"
#include "model/rights.h"

#include <ctype.h>
#include <string.h>

static json_t *param(const char *name, const char *in)
{
	return json_pack("{s:s, s:s, s:b, s:{s:s}}", "name", name, "in", in, "required",
	                 strcmp(in, "path") == 0, "schema", "type", "string");
}

static json_t *operation(const struct route *rt)
{
	json_t *params = json_array(), *op, *responses;
	char name[64];
	/* the path's {…} parts */
	for (const char *p = strchr(rt->path, '{'); p; p = strchr(p + 1, '{')) {
		size_t n = strcspn(p + 1, "}");
		snprintf(name, sizeof name, "%.*s", (int)n, p + 1);
		json_array_append_new(params, param(name, "path"));
	}
	/* the query's */
	for (const char *p = rt->query; *p;) {
		size_t n = strcspn(p, " ");
		snprintf(name, sizeof name, "%.*s", (int)n, p);
		json_array_append_new(params, param(name, "query"));
		p += n;
		while (*p == ' ')
			p++;
	}
	responses = json_pack("{s:{s:s}, s:{s:s}}", "200", "description", "OK", "default",
	                      "description", "{\"error\": {\"status\", \"message\", \"field\"?}}");
	op = json_pack("{s:s, s:o, s:o}", "summary", rt->summary, "parameters", params,
	               "responses", responses);
	if (rt->right >= 0) {
		char desc[96];
		snprintf(desc, sizeof desc, "needs the right \"%s\"", right_name((enum right)rt->right));
		json_object_set_new(op, "description", json_string(desc));
		json_object_set_new(op, "security", json_pack("[{s:[]}]", "session"));
	} else {
		json_object_set_new(op, "security", json_array());
	}
	return op;
}

int web_openapi(struct web_req *q, struct web_res *r)
{
	json_t *paths = json_object(), *doc;
	(void)q;
	for (size_t i = 0; ROUTES[i].method; i++) {
		const struct route *rt = &ROUTES[i];
		char method[8];
		json_t *item = json_object_get(paths, rt->path);
		size_t k;
		if (!item) {
			item = json_object();
			json_object_set_new(paths, rt->path, item);
		}
		for (k = 0; rt->method[k] && k + 1 < sizeof method; k++)
			method[k] = (char)tolower((unsigned char)rt->method[k]);
		method[k] = '\0';
		json_object_set_new(item, method, operation(rt));
	}
	doc = json_pack("{s:s, s:{s:s, s:s}, s:o, s:{s:{s:{s:s, s:s, s:s}}}}", "openapi", "3.0.3",
	                "info", "title", "kfq API", "version", "1", "paths", paths, "components",
	                "securitySchemes", "session", "type", "apiKey", "in", "cookie", "name",
	                "kfq_session");
	return web_json(r, 200, doc);
}
