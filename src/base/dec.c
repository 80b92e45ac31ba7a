/* dec.c: exact decimal parsing, arithmetic and formatting (see dec.h).
 * Intermediate products use 128-bit integers; results that do not fit in
 * 64 bits are reported, never wrapped. Depends on err only. */
#include "base/dec.h"
#include "base/narrow.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

typedef __int128 i128;

static const i128 I64MAX = INT64_MAX;
static const i128 I64MIN = INT64_MIN;

static int fits(i128 v)
{
	return v <= I64MAX && v >= I64MIN;
}

static i128 pow10i(int n)
{
	i128 p = 1;
	while (n-- > 0)
		p *= 10;
	return p;
}

/* Divide rounding half away from zero. d != 0. */
static i128 div_round(i128 n, i128 d)
{
	int neg = (n < 0) != (d < 0);
	i128 an = n < 0 ? -n : n, ad = d < 0 ? -d : d;
	i128 q = an / ad, r = an % ad;
	if (r * 2 >= ad)
		q++;
	return neg ? -q : q;
}

/* The text as given (orig), without the spaces around it, into buf: for
 * messages only (a value parsed well never pays for it). */
static const char *shown_of(const char *orig, char *buf, size_t n)
{
	const char *a = orig, *z;
	size_t len;
	while (*a == ' ' || *a == '\t')
		a++;
	for (z = a + strlen(a); z > a && (z[-1] == ' ' || z[-1] == '\t'); z--)
		;
	len = (size_t)(z - a);
	if (len > n - 1)   /* cut short at a character's start */
		for (len = n - 1; len && ((unsigned char)a[len] & 0xC0) == 0x80; len--)
			;
	snprintf(buf, n, "%.*s", (int)len, a);
	return buf;
}

/* dec_parse of ASCII text s; its messages name orig (the text as given). */
static int parse_ascii(const char *s, const char *orig, int shift, dec *out,
                       struct kfq_err *err)
{
	char shown[160];
	const char *p = s, *start;
	int neg = 0, ndig = 0, frac = 0, seen_point = 0, exp = 0, group = -1, zeros = 0;
	i128 mant = 0;
	size_t len;

	while (*p == ' ' || *p == '\t')
		p++;
	len = strlen(p);
	while (len && (p[len - 1] == ' ' || p[len - 1] == '\t'))
		len--;
	start = p;
	if (len == 0)
		return kfq_error(err, "empty value where a number was expected");
	if (*p == '+' || *p == '-') {
		neg = *p == '-';
		p++;
	}
	for (; p < start + len; p++) {
		if (isdigit((unsigned char)*p)) {
			ndig++;
			if (seen_point && *p == '0') {
				zeros++;   /* trailing zeros change nothing; kept for a digit after them */
				continue;
			}
			for (; zeros > 0; zeros--, frac++) {
				if (mant > I64MAX * 1000)
					goto too_big;
				mant *= 10;
			}
			if (mant > I64MAX * 1000)
				goto too_big;
			mant = mant * 10 + (*p - '0');
			if (seen_point)
				frac++;
			else if (group >= 0)
				group++;
		} else if (*p == ',' && !seen_point && ndig > 0 &&
		           (group == -1 ? ndig <= 3 : group == 3)) {
			group = 0;
		} else if (*p == '.' && !seen_point) {
			if (group >= 0 && group != 3)
				goto bad;
			seen_point = 1;
		} else if ((*p == 'e' || *p == 'E') && ndig > 0) {
			const char *q = p + 1;
			int eneg = 0, edig = 0;
			if (*q == '+' || *q == '-')
				eneg = *q++ == '-';
			for (; q < start + len && isdigit((unsigned char)*q); q++) {
				exp = exp * 10 + (*q - '0');
				if (++edig > 3)
					goto bad;
			}
			if (edig == 0 || q != start + len)
				goto bad;
			if (eneg)
				exp = -exp;
			p = q - 1;
		} else {
			goto bad;
		}
	}
	if (ndig == 0 || (group >= 0 && !seen_point && group != 3))
		goto bad;
	{
		/* value = mant × 10^(exp − frac) in the measure = mant × 10^(exp − frac + shift) base
		 * units; stored × 10^DEC_SCALE. */
		int e = exp - frac + shift + DEC_SCALE;
		if (e < 0) {
			i128 d = e < -36 ? 0 : pow10i(-e);
			if (d == 0 || mant % d != 0)
				return kfq_error(err, "\"%s\" has more decimal places than kfq keeps "
				                 "(%d in the base unit)", shown_of(orig, shown, sizeof shown),
				                 DEC_SCALE);
			mant /= d;
		} else {
			while (e-- > 0) {
				mant *= 10;
				if (mant > I64MAX)
					goto too_big;
			}
		}
		if (mant > I64MAX)
			goto too_big;
		*out = (dec)(neg ? -mant : mant);
	}
	return 0;
bad:
	return kfq_error(err, "not a number: \"%s\" (expected digits such as 1234.5)",
	                 shown_of(orig, shown, sizeof shown));
too_big:
	return kfq_error(err, "number too large: \"%s\"", shown_of(orig, shown, sizeof shown));
}

int dec_parse(const char *s, int shift, dec *out, struct kfq_err *err)
{
	char narrow[128];
	return parse_ascii(text_narrow(s, narrow, sizeof narrow), s, shift, out, err);
}

int dec_add(dec a, dec b, dec *out)
{
	i128 r = (i128)a + b;
	if (!fits(r))
		return -1;
	*out = (dec)r;
	return 0;
}

int dec_sub(dec a, dec b, dec *out)
{
	i128 r = (i128)a - b;
	if (!fits(r))
		return -1;
	*out = (dec)r;
	return 0;
}

int dec_mul(dec a, dec b, dec *out)
{
	i128 r = div_round((i128)a * b, DEC_ONE);
	if (!fits(r))
		return -1;
	*out = (dec)r;
	return 0;
}

int dec_div(dec a, dec b, dec *out)
{
	i128 r;
	if (b == 0)
		return 1;
	r = div_round((i128)a * DEC_ONE, b);
	if (!fits(r))
		return -1;
	*out = (dec)r;
	return 0;
}

int dec_format(dec v, int shift, int decimals, char *buf, size_t n)
{
	/* v / 10^(DEC_SCALE + shift) in the measure. */
	int places = DEC_SCALE + shift;
	i128 m = v, ip, fp, p;
	int neg, dp;
	char frac[64];

	if (places < 0) {           /* measure smaller than the stored scale */
		m *= pow10i(-places);
		places = 0;
	}
	if (decimals >= 0 && decimals < places) {
		m = div_round(m, pow10i(places - decimals));
		places = decimals;
	}
	neg = m < 0;
	if (neg)
		m = -m;
	p = pow10i(places);
	ip = m / p;
	fp = m % p;
	dp = places;
	/* digits by 64-bit division where they fit (nearly always: an import
	 * formats millions), else by 128-bit */
	if (fp <= (i128)UINT64_MAX) {
		uint64_t f = (uint64_t)fp;
		for (int i = places - 1; i >= 0; i--) {
			frac[i] = (char)('0' + (int)(f % 10));
			f /= 10;
		}
	} else {
		for (int i = places - 1; i >= 0; i--) {
			frac[i] = (char)('0' + (int)(fp % 10));
			fp /= 10;
		}
	}
	if (decimals < 0)
		while (dp > 0 && frac[dp - 1] == '0')
			dp--;
	else
		for (; dp < decimals && dp < (int)sizeof frac - 1; dp++)
			frac[dp] = '0';
	{
		char out[48 + 2 + sizeof frac];
		int k = 48, len = 0;
		/* the integer part right-aligned in out[0..48), then moved */
		if (ip <= (i128)UINT64_MAX) {
			uint64_t a = (uint64_t)ip;
			do {
				out[--k] = (char)('0' + (int)(a % 10));
				a /= 10;
			} while (a > 0);
		} else {
			do {
				out[--k] = (char)('0' + (int)(ip % 10));
				ip /= 10;
			} while (ip > 0);
		}
		if (neg && m != 0)
			out[--k] = '-';
		len = 48 - k;
		memmove(out, out + k, (size_t)len);
		if (dp) {
			out[len++] = '.';
			memcpy(out + len, frac, (size_t)dp);
			len += dp;
		}
		if (n) {
			size_t c = (size_t)len < n - 1 ? (size_t)len : n - 1;
			memcpy(buf, out, c);
			buf[c] = '\0';
		}
		return len;
	}
}

int dec_percent_tenths(dec a, dec b, int64_t *tenths)
{
	i128 r;
	if (b == 0)
		return 1;
	r = div_round((i128)a * 1000, b);
	if (!fits(r))
		return 1;
	*tenths = (int64_t)r;
	return 0;
}

int dec_growth_tenths(dec a, dec b, int64_t *tenths)
{
	i128 r;
	if (b == 0)
		return 1;
	r = div_round(((i128)a - b) * 1000, b < 0 ? -(i128)b : (i128)b);
	if (!fits(r))
		return 1;
	*tenths = (int64_t)r;
	return 0;
}

int dec_format_tenths(int64_t tenths, char *buf, size_t n)
{
	uint64_t a = tenths < 0 ? -(uint64_t)tenths : (uint64_t)tenths;
	return snprintf(buf, n, "%s%llu.%llu", tenths < 0 ? "-" : "", (unsigned long long)(a / 10),
	                (unsigned long long)(a % 10));
}
