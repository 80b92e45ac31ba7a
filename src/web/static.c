/* static.c: the files of --static DIR (the pages, their scripts and
 * styles) under every path outside /api/: read-only, public (a page must
 * load before its user signs in), never outside DIR: a path with a "." or
 * ".." segment or a hidden name, a link or anything but a regular file is
 * 404. */
#include "web/http.h"

#include <fcntl.h>
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
	dir = open(q->opts->static_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dir < 0)
		return web_error(r, 404, "%s: %s", q->path, web_text(q, "没有这个地址", "no such path"));
	fd = openat(dir, rel, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	close(dir);
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
