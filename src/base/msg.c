/* msg.c: looking a message up in the Chinese catalogue (po/zh_CN.po, made
 * C by scripts/po2c), and the
 * check that a translation takes the same arguments as its English
 * original. Depends on nothing but libc. */
#include "base/msg.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

static int by_en(const void *key, const void *elem)
{
	return strcmp(key, (*(const struct msg *const *)elem)->en);
}

static int en_order(const void *a, const void *b)
{
	return strcmp((*(const struct msg *const *)a)->en, (*(const struct msg *const *)b)->en);
}

/* The catalogue in the order of its English (the PO file's order is the
 * translators'), sorted once, at the first look-up of any thread. */
static const struct msg **sorted;
static pthread_once_t sorted_once = PTHREAD_ONCE_INIT;

static void sort_catalogue(void)
{
	const struct msg **s = malloc(MSG_ZH_COUNT * sizeof *s);
	if (!s)
		return;   /* no memory for the index: every message stays English */
	for (size_t i = 0; i < MSG_ZH_COUNT; i++)
		s[i] = &MSG_ZH[i];
	qsort(s, MSG_ZH_COUNT, sizeof *s, en_order);
	sorted = s;
}

const char *msg_zh(const char *en)
{
	const struct msg *const *m;
	if (!en)
		return NULL;
	pthread_once(&sorted_once, sort_catalogue);
	if (!sorted)
		return NULL;
	m = bsearch(en, sorted, MSG_ZH_COUNT, sizeof *sorted, by_en);
	return m ? (*m)->zh : NULL;
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
