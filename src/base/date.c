/* date.c: parsing and printing dates (see date.h). Depends on err only. */
#include "base/date.h"
#include "base/narrow.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

int date_month_days(int year, int month)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
	return month == 2 && leap ? 29 : days[month - 1];
}

/* Days since 1970-01-01 (proleptic Gregorian). */
static long days_from_civil(int y, int m, int d)
{
	long era, yoe, doy, doe;
	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, struct date *d)
{
	long era, doe, yoe, y, doy, mp;
	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d->day = (int)(doy - (153 * mp + 2) / 5 + 1);
	d->month = (int)(mp < 10 ? mp + 3 : mp - 9);
	d->year = (int)(y + (d->month <= 2));
}

struct date date_add_days(const struct date *d, long n)
{
	struct date r;
	civil_from_days(days_from_civil(d->year, d->month, d->day) + n, &r);
	return r;
}

long date_days(const struct date *a, const struct date *b)
{
	return days_from_civil(b->year, b->month, b->day) - days_from_civil(a->year, a->month, a->day);
}

int date_cmp(const struct date *a, const struct date *b)
{
	if (a->year != b->year)
		return a->year < b->year ? -1 : 1;
	if (a->month != b->month)
		return a->month < b->month ? -1 : 1;
	return a->day < b->day ? -1 : a->day > b->day;
}

int date_format(const struct date *d, char *buf, size_t n)
{
	/* by hand where it fits (a ledger's import formats millions) */
	if (n >= 11 && d->year >= 0 && d->year <= 9999 && d->month >= 0 && d->month <= 99 &&
	    d->day >= 0 && d->day <= 99) {
		buf[0] = (char)('0' + d->year / 1000);
		buf[1] = (char)('0' + d->year / 100 % 10);
		buf[2] = (char)('0' + d->year / 10 % 10);
		buf[3] = (char)('0' + d->year % 10);
		buf[4] = '-';
		buf[5] = (char)('0' + d->month / 10);
		buf[6] = (char)('0' + d->month % 10);
		buf[7] = '-';
		buf[8] = (char)('0' + d->day / 10);
		buf[9] = (char)('0' + d->day % 10);
		buf[10] = 0;
		return 10;
	}
	return snprintf(buf, n, "%04d-%02d-%02d", d->year, d->month, d->day);
}

static int num(const char **s, int maxdig)
{
	int v = 0, n = 0;
	while (n < maxdig && isdigit((unsigned char)**s)) {
		v = v * 10 + (**s - '0');
		(*s)++;
		n++;
	}
	return n ? v : -1;
}

#define SERIAL_MIN 32874   /* 1990-01-01 */
#define SERIAL_MAX 73050   /* 2099-12-31 */

int date_parse(const char *s, struct date *d, struct kfq_err *err)
{
	char buf[48], narrow[48];
	const char *p, *orig = s;
	size_t len;
	int y, m, dd, narrowed;

	s = text_narrow(s, narrow, sizeof narrow);   /* ２０１７－０３－０５ as 2017-03-05 */
	narrowed = s != orig;
	while (*s == ' ' || *s == '\t')
		s++;
	len = strlen(s);
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	if (len == 0 || len >= sizeof buf)
		goto bad;
	memcpy(buf, s, len);
	buf[len] = '\0';
	p = buf;
	if (strspn(buf, "0123456789") == len && len == 8) {
		y = (buf[0] - '0') * 1000 + (buf[1] - '0') * 100 + (buf[2] - '0') * 10 + (buf[3] - '0');
		m = (buf[4] - '0') * 10 + (buf[5] - '0');
		dd = (buf[6] - '0') * 10 + (buf[7] - '0');
	} else if (strspn(buf, "0123456789") == len && len == 5) {
		/* an Excel date serial: days since 1899-12-30, of 1990-01-01 to
		   2099-12-31 only (32874 to 73050), the dates a zone's records
		   hold: a bare 2017 or 201703 (a year or a month written in a
		   date column) is refused, never read as 1905-07-09 or
		   2452-03-28 */
		long serial = 0;
		struct date t;
		for (size_t i = 0; i < len; i++)
			serial = serial * 10 + (buf[i] - '0');
		if (serial < SERIAL_MIN || serial > SERIAL_MAX)
			goto bad;
		civil_from_days(days_from_civil(1899, 12, 30) + serial, &t);
		y = t.year, m = t.month, dd = t.day;
	} else {
		y = num(&p, 4);
		if (p - buf != 4)
			goto bad;
		if (*p == '-' || *p == '/' || *p == '.')
			p++;
		else if (strncmp(p, "年", 3) == 0)
			p += 3;
		else
			goto bad;
		m = num(&p, 2);
		if (*p == '-' || *p == '/' || *p == '.')
			p++;
		else if (strncmp(p, "月", 3) == 0)
			p += 3;
		else
			goto bad;
		dd = num(&p, 2);
		if (strncmp(p, "日", 3) == 0)
			p += 3;
		if (*p)
			goto bad;
	}
	if (y < 1900 || y > 2999 || m < 1 || m > 12 || dd < 1 || dd > date_month_days(y, m))
		goto bad;
	d->year = y;
	d->month = m;
	d->day = dd;
	return 0;
bad:
	if (narrowed) {   /* named as given */
		s = orig;
		while (*s == ' ' || *s == '\t')
			s++;
		len = strlen(s);
		while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
			len--;
		return kfq_error(err, "not a date: \"%.*s\" (expected %s)", (int)len, s, DATE_FORMS);
	}
	if (len && strspn(s, "0123456789") >= len)   /* a year, a month, a count */
		return kfq_error(err, "not a date: \"%.*s\" (expected %s; a bare number only as "
		                 "an Excel date cell's day number, 32874-73050: 1990 to 2099)",
		                 (int)len, s, DATE_FORMS);
	return kfq_error(err, "not a date: \"%.*s\" (expected %s)", (int)len, s, DATE_FORMS);
}
