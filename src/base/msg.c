/* msg.c: looking a message up in the Chinese catalogue (msg_zh.c), and the
 * check that a translation takes the same arguments as its English
 * original. Depends on nothing but libc. */
#include "base/msg.h"

#include <stdlib.h>
#include <string.h>

static int by_en(const void *key, const void *elem)
{
	return strcmp(key, ((const struct msg *)elem)->en);
}

const char *msg_zh(const char *en)
{
	const struct msg *m;
	if (!en)
		return NULL;
	m = bsearch(en, MSG_ZH, MSG_ZH_COUNT, sizeof MSG_ZH[0], by_en);
	return m ? m->zh : NULL;
}

/* The next conversion of *p as a short signature ("*" per starred width or
 * precision, the length modifier, the conversion character) into sig;
 * *p moves past it. 0 at the end of the format. */
static int next_conv(const char **p, char sig[16])
{
	const char *s = *p;
	size_t n = 0;

	for (;;) {
		s = strchr(s, '%');
		if (!s) {
			*p = NULL;
			return 0;
		}
		if (s[1] == '%') {
			s += 2;
			continue;
		}
		break;
	}
	s++;
	s += strspn(s, "-+ #0'");
	if (*s == '*') {
		sig[n++] = '*';
		s++;
	} else {
		s += strspn(s, "0123456789");
	}
	if (*s == '.') {
		s++;
		if (*s == '*') {
			sig[n++] = '*';
			s++;
		} else {
			s += strspn(s, "0123456789");
		}
	}
	while (*s && strchr("hlLqjzt", *s) && n < 12)
		sig[n++] = *s++;
	if (*s)
		sig[n++] = *s++;
	sig[n] = '\0';
	*p = s;
	return 1;
}

int msg_same_conversions(const char *a, const char *b)
{
	char sa[16], sb[16];
	for (;;) {
		int ha = a ? next_conv(&a, sa) : 0, hb = b ? next_conv(&b, sb) : 0;
		if (ha != hb)
			return 0;
		if (!ha)
			return 1;
		if (strcmp(sa, sb) != 0)
			return 0;
	}
}
