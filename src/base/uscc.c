/* uscc.c: the unified social credit code's check (see uscc.h).
 *
 * GB 32100-2015: the characters are worth 0-30 in the order of SET;
 * position i (1-based, i = 1 … 17) is weighted 3^(i-1) mod 31; the check
 * character is worth 31 - (the weighted sum mod 31), 31 read as 0.
 * Depends on base/err only. */
#include "base/uscc.h"

#include <string.h>

static const char SET[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
static const int WEIGHT[USCC_LEN - 1] = { 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8,
                                          24, 10, 30, 28 };

/* The worth of c (upper-case) in SET, -1 when it is not in it. */
static int worth(char c)
{
	const char *p = c ? strchr(SET, c) : NULL;
	return p ? (int)(p - SET) : -1;
}

char uscc_check_char(const char *code17)
{
	int sum = 0;
	for (int i = 0; i < USCC_LEN - 1; i++) {
		int w = worth(code17[i]);
		if (w < 0)
			return 0;
		sum += w * WEIGHT[i];
	}
	return SET[(31 - sum % 31) % 31];
}

/* The number of UTF-8 characters in s[0, n). */
static size_t chars(const char *s, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += ((unsigned char)s[i] & 0xC0) != 0x80;
	return k;
}

int uscc_parse(const char *text, char out[USCC_LEN + 1], struct kfq_err *err)
{
	const char *s = text;
	size_t n;
	char want;

	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n == 0)
		return kfq_error(err, "统一社会信用代码 is empty (expected 18 characters)");
	for (size_t i = 0, k = 1; i < n; k++) {
		unsigned char c = (unsigned char)s[i];
		size_t len = 1;
		if (c >= 0x80) {
			/* a multibyte character: named whole */
			while (i + len < n && ((unsigned char)s[i + len] & 0xC0) == 0x80)
				len++;
		} else if (c >= 'a' && c <= 'z') {
			c = (unsigned char)(c - 'a' + 'A');
		}
		if (c >= 0x80 || worth((char)c) < 0)
			return kfq_error(err, "统一社会信用代码 \"%.*s\": character %zu \"%.*s\" is not "
			                 "allowed (expected 0-9 and the capital letters but I, O, S, V "
			                 "and Z)", (int)n, s, k, (int)len, s + i);
		i += len;
	}
	if (n != USCC_LEN)
		return kfq_error(err, "统一社会信用代码 \"%.*s\" has %zu characters (expected 18)",
		                 (int)n, s, chars(s, n));
	for (size_t i = 0; i < USCC_LEN; i++)
		out[i] = s[i] >= 'a' && s[i] <= 'z' ? (char)(s[i] - 'a' + 'A') : s[i];
	out[USCC_LEN] = '\0';
	want = uscc_check_char(out);
	if (out[USCC_LEN - 1] != want)
		return kfq_error(err, "统一社会信用代码 %s fails its check character: expected %c",
		                 out, want);
	return 0;
}
