/* fuzz_web.c: libFuzzer harness for what the web server makes of a
 * request before any handler runs (src/web/route.c, static.c): the route
 * table's matching of a method and a path, the path's {…} parameters, the
 * static files' path check, and a JSON body read as web_body_object reads
 * it (jansson, duplicate keys refused).
 *
 * The input is split at its first two NUL bytes into method, path and
 * body. Checked: no crash or leak; a matched route's method is the
 * request's (or GET for HEAD); every parameter is non-empty and holds no
 * '/'; re-substituting the parameters into the route's pattern gives the
 * path back; a path the static check accepts has no "", "." or ".."
 * segment, no hidden name, no backslash and no control character.
 * Depends on the web front end and jansson. */
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/sbuf.h"
#include "web/http.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_route(const char *method, const char *path)
{
	struct web_req q;
	const struct route *rt;
	unsigned known;
	memset(&q, 0, sizeof q);
	q.method = method;
	q.path = path;
	rt = web_route(&q, &known);
	if (rt) {
		struct sbuf sb;
		int k = 0;
		if (!known || (strcmp(rt->method, method) != 0 &&
		               !(strcmp(method, "HEAD") == 0 && strcmp(rt->method, "GET") == 0)))
			abort();
		sbuf_init(&sb);
		for (const char *p = rt->path; *p;) {
			if (*p == '{') {
				const char *v = q.params[k++];
				if (!v || !*v || strchr(v, '/'))
					abort();
				sbuf_adds(&sb, v);
				p = strchr(p, '}') + 1;
			} else {
				sbuf_addc(&sb, *p++);
			}
		}
		if (strcmp(sb.buf, path) != 0)
			abort();
		sbuf_release(&sb);
	}
	web_params_release(&q);
}

static void check_static(const char *path)
{
	const char *rel = path[0] == '/' ? path + 1 : path;
	if (!web_static_path_ok(rel))
		return;
	if (strstr(rel, "..") && (strncmp(rel, "..", 2) == 0 || strstr(rel, "/..")))
		abort();
	if (rel[0] == '.' || strstr(rel, "/.") || strstr(rel, "//") || strchr(rel, '\\'))
		abort();
	for (const char *p = rel; *p; p++)
		if ((unsigned char)*p < 0x20)
			abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = malloc(size + 3), *method, *path, *body;
	const char *end;
	json_error_t je;
	json_t *v;
	memcpy(buf, data, size);
	buf[size] = buf[size + 1] = buf[size + 2] = '\0';
	method = buf;
	path = method + strlen(method) + 1;
	end = buf + size;
	if (path > end)
		path = buf + size + 1;
	body = path + strlen(path) + 1;
	if (body > end)
		body = buf + size + 2;
	check_route(method, path);
	check_static(path);
	v = json_loadb(body, (size_t)(buf + size - body > 0 ? buf + size - body : 0),
	               JSON_REJECT_DUPLICATES, &je);
	if (!v && !je.text[0])
		abort();   /* a refusal always says why */
	json_decref(v);
	free(buf);
	return 0;
}
