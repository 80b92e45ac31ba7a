/* sbuf.h: a growable string buffer, always NUL-terminated.
 *
 * Depends on xalloc only. */
#ifndef KFQ_SBUF_H
#define KFQ_SBUF_H

#include <stddef.h>

struct sbuf {
	char *buf;   /* always NUL-terminated once initialised */
	size_t len;
	size_t cap;
};

void sbuf_init(struct sbuf *sb);
void sbuf_release(struct sbuf *sb);       /* frees the contents */
void sbuf_reset(struct sbuf *sb);         /* length 0, keeps the memory */
void sbuf_add(struct sbuf *sb, const char *s, size_t n);
void sbuf_adds(struct sbuf *sb, const char *s);
void sbuf_addc(struct sbuf *sb, char c);
void sbuf_addf(struct sbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Returns the string and leaves sb empty; the caller frees it. */
char *sbuf_detach(struct sbuf *sb);

#endif
