/* xalloc.h: allocation that never returns NULL.
 *
 * Out of memory stops the program here, in one place (a plain message,
 * exit 1), so callers never check for NULL.
 * Depends on base/msg (xasprintf_zh) and libc. */
#ifndef KFQ_XALLOC_H
#define KFQ_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
/* Grow or shrink; n may be 0 (returns a valid minimal block). */
void *xrealloc(void *p, size_t n);
/* Returns a new copy; the caller frees it. */
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* Returns a new printf-formatted string; the caller frees it. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The same in Chinese: English format fmt's translation (the catalogue,
 * base/msg.h) formatted with the arguments, or fmt's text when the
 * catalogue lacks it. A sentence a module writes for people is made
 * with both: XASPRINTF_BOTH gives the English, then the Chinese. */
char *xasprintf_zh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
#define XASPRINTF_BOTH(...) xasprintf(__VA_ARGS__), xasprintf_zh(__VA_ARGS__)

/* Grow an array of elements of size `size` so that it holds at least `need`. */
#define XGROW(ptr, need, cap) do { \
	if ((need) > (cap)) { \
		size_t xg_n_ = (cap) ? (cap) * 2 : 16; \
		while (xg_n_ < (need)) xg_n_ *= 2; \
		(ptr) = xrealloc((ptr), xg_n_ * sizeof *(ptr)); \
		(cap) = xg_n_; \
	} \
} while (0)

#endif
