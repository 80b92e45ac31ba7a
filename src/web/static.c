/* static.c: the browser pages under every path outside /api/: those
 * built into the binary (assets.h), or the files of --static DIR instead.
 * Read-only and public (a page must load before its user signs in); a
 * built-in file carries an ETag of its bytes, so that a browser asks again
 * with If-None-Match and is answered 304. Never outside DIR: a path with a
 * "." or ".." segment or a hidden name, a link or anything but a regular
 * file is 404. */
#include "web/assets.h"
#include "web/http.h"

#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const struct {
	const char *ext, *type;
} TYPES[] = {
	{ ".html", "text/html; charset=utf-8" },
	{ ".css", "text/css; charset=utf-8" },
	{ ".js", "text/javascript; charset=utf-8" },
	{ ".json", "application/json; charset=utf-8" },
	{ ".svg", "image/svg+xml" },
	{ ".png", "image/png" },
	{ ".ico", "image/x-icon" },
	{ ".woff2", "font/woff2" },
	{ ".txt", "text/plain; charset=utf-8" },
};

static const char *type_of(const char *path)
{
	const char *dot = strrchr(path, '.');
	for (size_t i = 0; dot && i < sizeof TYPES / sizeof TYPES[0]; i++)
		if (strcmp(dot, TYPES[i].ext) == 0)
			return TYPES[i].type;
	return "application/octet-stream";
}

/* Whether every segment of rel is a plain name: no "", ".", ".." or
 * hidden one, no backslash or control character. */
int web_static_path_ok(const char *rel)
{
	if (!*rel || *rel == '/')
		return 0;
	for (const char *p = rel; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == '\\' || (*p == '/' && p[1] == '/'))
			return 0;
	for (const char *seg = rel; seg; seg = strchr(seg, '/') ? strchr(seg, '/') + 1 : NULL)
		if (*seg == '.' || *seg == '\0')
			return 0;
	return 1;
}

/* The built-in files' ETags: FNV-1a of their bytes, computed once. */
static char (*etags)[24];
static pthread_once_t etags_once = PTHREAD_ONCE_INIT;

static void etags_make(void)
{
	size_t n = 0;
	while (WEB_ASSETS[n].name)
		n++;
	if (!(etags = calloc(n + 1, sizeof *etags)))
		return;
	for (size_t i = 0; i < n; i++) {
		uint64_t h = 14695981039346656037ULL;
		for (const unsigned char *p = WEB_ASSETS[i].start; p < WEB_ASSETS[i].end; p++)
			h = (h ^ *p) * 1099511628211ULL;
		snprintf(etags[i], sizeof etags[i], "\"%016llx\"", (unsigned long long)h);
	}
}

/* Whether the If-None-Match header inm names tag (or is *). */
static int matches(const char *inm, const char *tag)
{
	size_t n = strlen(tag);
	if (!inm)
		return 0;
	if (strcmp(inm, "*") == 0)
		return 1;
	for (const char *p = strstr(inm, tag); p; p = strstr(p + 1, tag))
		if ((p == inm || p[-1] == ' ' || p[-1] == ',' || p[-1] == '/') &&
		    (p[n] == '\0' || p[n] == ',' || p[n] == ' '))
			return 1;
	return 0;
}

static int builtin(struct web_req *q, struct web_res *r, const char *rel)
{
	pthread_once(&etags_once, etags_make);
	for (size_t i = 0; WEB_ASSETS[i].name; i++) {
		if (strcmp(WEB_ASSETS[i].name, rel) != 0)
			continue;
		r->type = type_of(rel);
		if (etags) {
			snprintf(r->etag, sizeof r->etag, "%s", etags[i]);
			if (matches(web_header(q, "If-None-Match"), etags[i])) {
				r->status = 304;
				return 0;
			}
		}
		r->status = 200;
		r->mem = WEB_ASSETS[i].start;
		r->mem_size = (size_t)(WEB_ASSETS[i].end - WEB_ASSETS[i].start);
		return 0;
	}
	return web_error(r, 404, "%s: %s", q->path, web_text(q, "没有这个地址", "no such path"));
}

/* rel under dir, a segment at a time, following no link on the way (a
 * link to a folder in the middle of the path would leave DIR) and not
 * waiting on a FIFO (O_NONBLOCK: its open would block the worker until a
 * writer came); dir is closed. -1 when any of it fails. */
static int open_beneath(int dir, const char *rel)
{
	char seg[256];
	const char *p = rel, *slash;
	int fd;
	while ((slash = strchr(p, '/')) != NULL) {
		int sub;
		if ((size_t)(slash - p) >= sizeof seg) {
			close(dir);
			return -1;
		}
		memcpy(seg, p, (size_t)(slash - p));
		seg[slash - p] = '\0';
		sub = openat(dir, seg, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		close(dir);
		if (sub < 0)
			return -1;
		dir = sub;
		p = slash + 1;
	}
	fd = openat(dir, p, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	close(dir);
	return fd;
}

int web_static(struct web_req *q, struct web_res *r)
{
	char rel[1024];
	struct stat sb;
	int dir, fd;

	snprintf(rel, sizeof rel, "%s", q->path + 1);
	if (!rel[0] || rel[strlen(rel) - 1] == '/')
		snprintf(rel + strlen(rel), sizeof rel - strlen(rel), "index.html");
	if (strlen(q->path) >= sizeof rel - 16 || !web_static_path_ok(rel))
		return web_error(r, 404, "%s: %s", q->path, web_text(q, "没有这个地址", "no such path"));
	if (!q->opts->static_dir)
		return builtin(q, r, rel);
	dir = open(q->opts->static_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dir < 0)
		return web_error(r, 404, "%s: %s", q->path, web_text(q, "没有这个地址", "no such path"));
	fd = open_beneath(dir, rel);
	if (fd < 0 || fstat(fd, &sb) < 0 || !S_ISREG(sb.st_mode)) {
		if (fd >= 0)
			close(fd);
		return web_error(r, 404, "%s: %s", q->path, web_text(q, "没有这个地址", "no such path"));
	}
	r->status = 200;
	r->is_file = 1;
	r->fd = fd;
	r->fd_size = (uint64_t)sb.st_size;
	r->type = type_of(rel);
	return 0;
}
