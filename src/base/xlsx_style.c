/* xlsx_style.c: what a number cell's format says, so that a cell reads as
 * Excel shows it (private to the XLSX reader, xlsx_part.h). A number cell
 * holds only the number; its style (the s attribute, an index into
 * styles.xml's cellXfs) names a number format. Two kinds matter to an
 * import: a date format, whose cell holds days since 1900 (42948 is
 * 2017-08-01) and is read as the ISO date; and a format with a fixed
 * number of decimals ("0.00"), whose cell holding 2017.1 shows 2017.10 and
 * is read so, padded with zeros, never rounded (a period column typed as a
 * number), and one whose integer part shows a fixed number of digits
 * ("000000": an enterprise's code typed as a number) gets its leading
 * zeros back. Anything else is read as the number stored. Depends on base,
 * libzip and expat. */
#include "base/xalloc.h"
#include "base/xlsx_part.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A custom format (numFmt) by id. */
struct fmt {
	long id;
	unsigned char kind;   /* XF_* */
	signed char dec;
	unsigned char width;  /* the integer part's digits shown at least ("000000": 6) */
};

struct styles {
	struct xlsx_xml b;
	struct fmt *f;
	size_t nf, fcap;
	int in_xfs;
	size_t xcap;
};

/* A format code's kind and decimals: dates and times by their letters
 * outside quoted text and [..] sections; fixed decimals by the 0s after the
 * point of its first section; a percent or an exponent is neither. */
static unsigned char classify(const char *code, signed char *dec, unsigned char *width)
{
	int quoted = 0, bracket = 0, point = 0, zeros = 0, izeros = 0;
	*dec = 0;
	*width = 0;
	for (const char *p = code; *p && *p != ';'; p++) {
		char c = *p;
		if (quoted) {
			quoted = c != '"';
			continue;
		}
		if (bracket) {
			bracket = c != ']';
			continue;
		}
		switch (c) {
		case '"':
			quoted = 1;
			break;
		case '[':
			bracket = 1;
			break;
		case '\\':
		case '_':
		case '*':
			if (p[1])
				p++;
			break;
		case 'y': case 'Y': case 'd': case 'D': case 'h': case 'H': case 's': case 'S':
		case 'm': case 'M':
			return XF_DATE;
		case '%': case 'E': case 'e':
			return XF_GENERAL;
		case '.':
			point = 1;
			break;
		case '0': case '#': case '?':
			if (point && c == '0')
				zeros++;
			else if (!point && c == '0')
				izeros++;
			break;
		default:
			break;
		}
	}
	*dec = (signed char)(zeros > 30 ? 30 : zeros);
	*width = (unsigned char)(izeros > 30 ? 30 : izeros);
	return zeros || izeros > 1 ? XF_FIXED : XF_GENERAL;
}

/* Excel's built-in formats that matter: 2 "0.00", 4 "#,##0.00", 7 and 8
 * money with 2 decimals; dates and times 14-22, 45-47, and the East Asian
 * dates 27-36 and 50-58 (年月日 in a Chinese Excel). */
static unsigned char builtin(long id, signed char *dec)
{
	*dec = 0;
	if (id == 2 || id == 4 || id == 7 || id == 8 || id == 39 || id == 40) {
		*dec = 2;
		return XF_FIXED;
	}
	if ((id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
	    (id >= 50 && id <= 58))
		return XF_DATE;
	return XF_GENERAL;
}

static void XMLCALL styles_start(void *ud, const XML_Char *el, const XML_Char **atts)
{
	struct styles *s = ud;
	struct xlsx *x = s->b.x;
	const char *l = xlsx_local(el), *a;

	if (s->b.failed)
		return;
	if (strcmp(l, "numFmt") == 0 && !s->in_xfs) {
		const char *id = xlsx_attr(atts, "numFmtId"), *code = xlsx_attr(atts, "formatCode");
		if (!id || !code)
			return;
		XGROW(s->f, s->nf + 1, s->fcap);
		s->f[s->nf].id = strtol(id, NULL, 10);
		s->f[s->nf].kind = classify(code, &s->f[s->nf].dec, &s->f[s->nf].width);
		s->nf++;
	} else if (strcmp(l, "cellXfs") == 0) {
		s->in_xfs = 1;
	} else if (s->in_xfs && strcmp(l, "xf") == 0) {
		long id = (a = xlsx_attr(atts, "numFmtId")) ? strtol(a, NULL, 10) : 0;
		unsigned char kind, width = 0;
		signed char dec;
		size_t i;
		for (i = 0; i < s->nf && s->f[i].id != id; i++)
			;
		if (i < s->nf) {
			kind = s->f[i].kind;
			dec = s->f[i].dec;
			width = s->f[i].width;
		} else
			kind = builtin(id, &dec);
		XGROW(x->xf_kind, x->nxf + 1, s->xcap);
		x->xf_dec = xrealloc(x->xf_dec, s->xcap * sizeof *x->xf_dec);
		x->xf_width = xrealloc(x->xf_width, s->xcap * sizeof *x->xf_width);
		x->xf_kind[x->nxf] = kind;
		x->xf_dec[x->nxf] = dec;
		x->xf_width[x->nxf] = width;
		x->nxf++;
	}
}

static void XMLCALL styles_end(void *ud, const XML_Char *el)
{
	struct styles *s = ud;
	if (strcmp(xlsx_local(el), "cellXfs") == 0)
		s->in_xfs = 0;
}

int xlsx_styles_read(struct xlsx *x, const char *part)
{
	struct styles s;
	int rc;
	if (xlsx_find(x, part) < 0)
		return 0;   /* no styles: every number as stored */
	memset(&s, 0, sizeof s);
	rc = xlsx_parse(x, part, &s.b, styles_start, styles_end, NULL);
	free(s.f);
	return rc;
}

void xlsx_styles_release(struct xlsx *x)
{
	free(x->xf_kind);
	free(x->xf_dec);
	free(x->xf_width);
	x->xf_width = NULL;
	x->xf_kind = NULL;
	x->xf_dec = NULL;
	x->nxf = 0;
}

/* The civil date of days since 1970-01-01 (proleptic Gregorian). */
static void civil(long z, int *y, int *m, int *d)
{
	long era, doe, yoe, doy, mp;
	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

/* A plain decimal number: [-]digits[.digits], nothing else. */
static int plain_number(const char *v, size_t n, size_t *point)
{
	size_t i = v[0] == '-';
	int digits = 0;
	*point = 0;
	if (i >= n)
		return 0;
	for (; i < n; i++) {
		if (v[i] == '.' && !*point)
			*point = i;
		else if (v[i] >= '0' && v[i] <= '9')
			digits = 1;
		else
			return 0;
	}
	return digits;
}

const char *xlsx_style_apply(const struct xlsx *x, size_t xf, const char *v, size_t *n,
                             char *buf, size_t cap)
{
	size_t point;
	if (xf >= x->nxf || x->xf_kind[xf] == XF_GENERAL || !plain_number(v, *n, &point))
		return v;
	if (x->xf_kind[xf] == XF_DATE) {
		/* days since 1899-12-30 (1900 system, Excel's 29 February 1900
		 * counted: serials from 61 on), or since 1904-01-01 */
		double serial = strtod(v, NULL);
		long days = (long)serial;
		double frac = serial - (double)days;
		long secs = (long)(frac * 86400.0 + 0.5);
		int y, m, d, len;
		if (serial < 0 || serial > 2958465.0)   /* 9999-12-31 */
			return v;
		if (secs >= 86400) {
			days++;
			secs -= 86400;
		}
		if (x->date1904)
			days += 1462;            /* 1904-01-01 is serial 1462 of 1900 */
		else if (days < 61)
			days += 1;               /* before the phantom 1900-02-29 */
		civil(days - 25569, &y, &m, &d);   /* 1899-12-30 is day -25569 */
		if (serial < 1 && !x->date1904)
			len = snprintf(buf, cap, "%02ld:%02ld:%02ld", secs / 3600, secs / 60 % 60,
			               secs % 60);
		else if (secs)
			len = snprintf(buf, cap, "%04d-%02d-%02d %02ld:%02ld:%02ld", y, m, d,
			               secs / 3600, secs / 60 % 60, secs % 60);
		else
			len = snprintf(buf, cap, "%04d-%02d-%02d", y, m, d);
		if (len <= 0 || (size_t)len >= cap)
			return v;
		*n = (size_t)len;
		return buf;
	}
	/* fixed digits: pad what the format shows, never round */
	{
		size_t have = point ? *n - point - 1 : 0, want = (size_t)x->xf_dec[xf];
		size_t neg = v[0] == '-', idigits = (point ? point : *n) - neg;
		size_t width = x->xf_width[xf], lead = width > idigits ? width - idigits : 0;
		size_t len = 0;
		if ((have >= want && !lead) || *n + want + lead + 2 > cap)
			return v;
		if (neg)
			buf[len++] = '-';
		for (size_t k = 0; k < lead; k++)
			buf[len++] = '0';
		memcpy(buf + len, v + neg, *n - neg);
		len += *n - neg;
		if (have < want && !point)
			buf[len++] = '.';
		for (; have < want; have++)
			buf[len++] = '0';
		buf[len] = 0;
		*n = len;
		return buf;
	}
}
