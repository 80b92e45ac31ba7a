/* fuzz_dec.c: libFuzzer harness for decimal numbers (base/dec.c), as every
 * value of an import is read.
 *
 * The first byte chooses the measure's shift (0 元 to 8 亿元); the rest is
 * split at its first NUL into two texts a and b (at most 255 bytes each).
 * Checked: a refusal always says something; an accepted number, written
 * exactly (dec_format, -1 decimals), reads back as the same number in the
 * same measure, and written with 0 to 4 decimals reads back within half of
 * the last place; when both read, a + b − b is a whenever a + b fits, and
 * a × b, a ÷ b, percent and growth never crash. Depends on base only. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/dec.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int text(const uint8_t *p, size_t n, char *buf, size_t cap)
{
	size_t len = 0;
	while (len < n && p[len])
		len++;
	if (len >= cap)
		return -1;
	memcpy(buf, p, len);
	buf[len] = '\0';
	return (int)len;
}

static int read_back(const char *s, int shift, dec *v)
{
	struct kfq_err err = { 0 };
	if (dec_parse(s, shift, v, &err) < 0) {
		if (!err.msg[0])
			abort();   /* a refusal always says why */
		return -1;
	}
	return 0;
}

static void exact(dec v, int shift)
{
	char out[128];
	dec w;
	for (int d = -1; d <= 4; d++) {
		int n = dec_format(v, shift, d, out, sizeof out);
		if (n <= 0 || (size_t)n >= sizeof out)
			abort();
		if (d < 0) {
			if (read_back(out, shift, &w) < 0 || w != v)
				abort();   /* exactly what was read */
		} else if (read_back(out, shift, &w) == 0) {
			/* rounded to d places of the measure: within half of one */
			int places = DEC_SCALE + shift - d;
			__int128 half = 1, diff = (__int128)w - v;
			for (int i = 0; i < places; i++)
				half *= 10;
			half = places > 0 ? half / 2 : 0;
			if (diff < 0)
				diff = -diff;
			if (diff > half)
				abort();
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char a[256], b[256];
	int shift, la, lb;
	dec va, vb, c, back;
	int64_t t;
	int oka, okb;

	if (size < 1)
		return 0;
	shift = data[0] % 9;
	data++, size--;
	if ((la = text(data, size, a, sizeof a)) < 0)
		return 0;
	if ((size_t)la < size) {
		if ((lb = text(data + la + 1, size - (size_t)la - 1, b, sizeof b)) < 0)
			return 0;
	} else {
		memcpy(b, "1", 2);
	}
	oka = read_back(a, shift, &va) == 0;
	okb = read_back(b, shift, &vb) == 0;
	if (oka)
		exact(va, shift);
	if (okb)
		exact(vb, shift);
	if (oka && okb) {
		if (dec_add(va, vb, &c) == 0 && (dec_sub(c, vb, &back) != 0 || back != va))
			abort();
		if (dec_sub(va, vb, &c) == 0 && (dec_add(c, vb, &back) != 0 || back != va))
			abort();
		(void)dec_mul(va, vb, &c);
		(void)dec_div(va, vb, &c);
		(void)dec_percent_tenths(va, vb, &t);
		(void)dec_growth_tenths(va, vb, &t);
	}
	return 0;
}
