/* narrow.c: full-width forms read as ASCII (see narrow.h). Depends on
 * nothing. */
#include "base/narrow.h"

/* The ASCII character the UTF-8 sequence at p stands for, 0 for none. */
static char ascii_of(const unsigned char *p)
{
	if (p[0] == 0xEF && p[1] == 0xBC && p[2] >= 0x81 && p[2] <= 0xBF)
		return (char)(0x21 + (p[2] - 0x81));          /* U+FF01-FF3F: ！ … ＿ */
	if (p[0] == 0xEF && p[1] == 0xBD && p[2] >= 0x80 && p[2] <= 0x9E)
		return (char)(0x60 + (p[2] - 0x80));          /* U+FF40-FF5E: ｀ … ～ */
	if (p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80)
		return ' ';                                    /* U+3000 */
	if (p[0] == 0xE2 && p[1] == 0x88 && p[2] == 0x92)
		return '-';                                    /* U+2212 − */
	return 0;
}

const char *text_narrow(const char *s, char *buf, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t o = 0;
	int changed = 0;
	while (*p && *p < 0x80)   /* ASCII only, most often: nothing to copy */
		p++;
	if (!*p)
		return s;
	p = (const unsigned char *)s;
	while (*p) {
		char c = *p >= 0x80 && p[1] && p[2] ? ascii_of(p) : 0;
		size_t take = c ? 3 : 1;
		if (o + 2 > n)
			return s;
		if (c) {
			buf[o++] = c;
			changed = 1;
		} else {
			buf[o++] = (char)*p;
		}
		p += take;
	}
	if (!changed)
		return s;
	buf[o] = '\0';
	return buf;
}
