/* xalloc.c: allocation wrappers that stop the program on out-of-memory.
 * libc only. */
#include "base/xalloc.h"
#include "base/msg.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Out of memory is the machine's limit, not a fault of kfq: said plainly,
 * exit 1 like a full disk (no abort and its core dump, exit 134). _exit,
 * not exit: nothing more is allocated or flushed (half a report on
 * standard output); a transaction in progress is undone by SQLite, and a
 * server, as after a kill. */
static void oom(size_t n)
{
	fprintf(stderr, "kfq: out of memory (%zu bytes more were needed): stopped; "
	        "what it was changing was not saved\n", n);
	_exit(1);
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		oom(n);
	return p;
}

void *xcalloc(size_t count, size_t size)
{
	void *p = calloc(count ? count : 1, size ? size : 1);
	if (!p)
		oom(count * size);
	return p;
}

void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		oom(n);
	return q;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

static char *vxasprintf(const char *fmt, va_list ap)
{
	va_list again;
	char *p;
	int n;

	va_copy(again, ap);
	n = vsnprintf(NULL, 0, fmt, ap);
	if (n < 0)
		oom(0);
	p = xmalloc((size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, again);
	va_end(again);
	return p;
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *p;
	va_start(ap, fmt);
	p = vxasprintf(fmt, ap);
	va_end(ap);
	return p;
}

char *xasprintf_zh(const char *fmt, ...)
{
	const char *zh = msg_zh(fmt);
	va_list ap;
	char *p;
	va_start(ap, fmt);
	p = vxasprintf(zh ? zh : fmt, ap);
	va_end(ap);
	return p;
}
