/* period.c: parsing and printing reporting periods (see period.h).
 * Depends on err and date only. */
#include "base/period.h"
#include "base/narrow.h"
#include "base/date.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

static const char *const CN_DIGITS[] = { "一", "二", "三", "四" };

/* Read 1-2 ASCII digits as a number; advance *s. Returns -1 if none. */
static int read_num(const char **s, int maxdig)
{
	int v = 0, n = 0;
	while (n < maxdig && isdigit((unsigned char)**s)) {
		v = v * 10 + (**s - '0');
		(*s)++;
		n++;
	}
	return n ? v : -1;
}

static int eat(const char **s, const char *lit)
{
	size_t n = strlen(lit);
	if (strncmp(*s, lit, n) != 0)
		return 0;
	*s += n;
	return 1;
}

static void set(struct period *p, int year, enum period_kind k, int first, int last)
{
	p->year = year;
	p->kind = k;
	p->first = first;
	p->last = last;
}

/* The part after the year. Returns 0 when rest matched completely. */
static int parse_rest(const char *s, int year, int days, struct period *p)
{
	int a, b, q;
	char sep = 0;

	if (*s == '\0') {
		set(p, year, PERIOD_YEAR, 1, 12);
		return 0;
	}
	if (eat(&s, "年")) {
		if (*s == '\0' || strcmp(s, "全年") == 0 || strcmp(s, "度") == 0) {
			set(p, year, PERIOD_YEAR, 1, 12);
			return 0;
		}
		eat(&s, "第");
		q = -1;
		for (int i = 0; i < 4; i++)
			if (eat(&s, CN_DIGITS[i])) {
				q = i + 1;
				break;
			}
		if (q < 0 && (*s >= '1' && *s <= '4') && strncmp(s + 1, "季", 3) == 0)
			q = *s++ - '0';
		if (q > 0) {
			if (!eat(&s, "季度") && !eat(&s, "季"))
				return -1;
			if (*s)
				return -1;
			set(p, year, PERIOD_QUARTER, 3 * q - 2, 3 * q);
			return 0;
		}
		a = read_num(&s, 2);
		if (a < 1 || a > 12)
			return -1;
		if (eat(&s, "-") || eat(&s, "—") || eat(&s, "~") || eat(&s, "～")) {
			b = read_num(&s, 2);
			if (a != 1 || b < 1 || b > 12 || !eat(&s, "月"))
				return -1;
			/* 2017年1-8月, 2017年1-8月份, 2017年1-8月累计 */
			if (!eat(&s, "累计"))
				eat(&s, "份");
			if (*s)
				return -1;
			set(p, year, PERIOD_YTD, 1, b);
			return 0;
		}
		if (!eat(&s, "月"))
			return -1;
		/* 2017年8月累计: January to August, as the monthly reports say it */
		if (eat(&s, "累计")) {
			if (*s)
				return -1;
			set(p, year, PERIOD_YTD, 1, a);
			return 0;
		}
		eat(&s, "份");   /* 2017年8月份 */
		if (*s)
			return -1;
		set(p, year, PERIOD_MONTH, a, a);
		return 0;
	}
	if (*s == 'Q' || *s == 'q' || ((*s == '-') && (s[1] == 'Q' || s[1] == 'q'))) {
		s += *s == '-' ? 2 : 1;
		q = read_num(&s, 1);
		if (q < 1 || q > 4 || *s)
			return -1;
		set(p, year, PERIOD_QUARTER, 3 * q - 2, 3 * q);
		return 0;
	}
	if (*s == '.' && s[1] == '1' && s[2] == '\0')
		return 1;   /* 2017.1: January, or October as Excel shows 2017.10 */
	if (*s == '-' || *s == '/' || *s == '.')
		sep = *s++;
	a = read_num(&s, 2);
	if (a < 1 || a > 12)
		return -1;
	if (*s == '\0') {
		set(p, year, PERIOD_MONTH, a, a);
		return 0;
	}
	/* a day of the month (2017-08-01, 2017/8/1: an Excel date cell, or a
	 * CSV that Excel wrote from one): the month it falls in, when asked */
	if (days && sep && *s == sep && sep != '.') {
		int d;
		s++;
		d = read_num(&s, 2);
		if (*s || d < 1 || d > date_month_days(year, a))
			return -1;
		set(p, year, PERIOD_MONTH, a, a);
		return 0;
	}
	if (a == 1 && eat(&s, "..")) {
		b = read_num(&s, 2);
		if (b < 1 || b > 12 || *s)
			return -1;
		set(p, year, PERIOD_YTD, 1, b);
		return 0;
	}
	return -1;
}

static int parse(const char *s, int days, struct period *p, struct kfq_err *err)
{
	const char *orig = s, *q;
	char buf[64], narrow[64];
	size_t len;
	int year;

	s = text_narrow(s, narrow, sizeof narrow);   /* ２０１７年８月 as 2017年8月 */

	while (*s == ' ' || *s == '\t')
		s++;
	len = strlen(s);
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	if (len == 0 || len >= sizeof buf)
		goto bad;
	memcpy(buf, s, len);
	buf[len] = '\0';
	q = buf;
	/* 201708: six digits, no separator. */
	if (len == 6 && strspn(buf, "0123456789") == 6) {
		year = (buf[0] - '0') * 1000 + (buf[1] - '0') * 100 + (buf[2] - '0') * 10 + (buf[3] - '0');
		q = buf + 4;
	} else {
		year = read_num(&q, 4);
		/* 17年8月: a two-digit year, only before 年 (2000-2099) */
		if (q - buf == 2 && strncmp(q, "年", strlen("年")) == 0)
			year += 2000;
		else if (q - buf != 4)
			goto bad;
	}
	if (year < PERIOD_YEAR_MIN || year > PERIOD_YEAR_MAX)
		goto bad;
	switch (parse_rest(q, year, days, p)) {
	case 0:
		return 0;
	case 1:
		return kfq_error(err, "ambiguous period: \"%s\" may be January (%d-01) or October "
		                 "(%d-10: Excel shows 2017.10 in a number cell as 2017.1): write "
		                 "%d-01 or %d-10, or format the cell as text", orig, year, year, year,
		                 year);
	default:
		break;
	}
bad:
	return kfq_error(err, "not a period: \"%s\" (expected one of %s)", orig, PERIOD_FORMS);
}

int period_parse(const char *s, struct period *p, struct kfq_err *err)
{
	return parse(s, 0, p, err);
}

int period_parse_or_day(const char *s, struct period *p, struct kfq_err *err)
{
	return parse(s, 1, p, err);
}

int period_format(const struct period *p, char *buf, size_t n)
{
	switch (p->kind) {
	case PERIOD_YEAR:
		return snprintf(buf, n, "%04d", p->year);
	case PERIOD_QUARTER:
		return snprintf(buf, n, "%04dQ%d", p->year, p->last / 3);
	case PERIOD_MONTH:
		return snprintf(buf, n, "%04d-%02d", p->year, p->last);
	case PERIOD_YTD:
		break;
	}
	return snprintf(buf, n, "%04d年1-%d月", p->year, p->last);
}

int period_label_zh(const struct period *p, char *buf, size_t n)
{
	switch (p->kind) {
	case PERIOD_YEAR:
		return snprintf(buf, n, "%04d年", p->year);
	case PERIOD_QUARTER:
		return snprintf(buf, n, "%04d年第%s季度", p->year, CN_DIGITS[p->last / 3 - 1]);
	case PERIOD_MONTH:
		return snprintf(buf, n, "%04d年%d月", p->year, p->last);
	case PERIOD_YTD:
		break;
	}
	if (p->last == 1)   /* January's year to date is January */
		return snprintf(buf, n, "%04d年1月", p->year);
	return snprintf(buf, n, "%04d年1-%d月", p->year, p->last);
}

struct period period_prior(const struct period *p)
{
	struct period r = *p;
	r.year--;
	return r;
}

struct period period_ytd(const struct period *p)
{
	struct period r = *p;
	r.first = 1;
	r.kind = p->last == 12 ? PERIOD_YEAR : PERIOD_YTD;
	return r;
}

struct period period_span(int year, int first, int last)
{
	struct period p = { year, PERIOD_QUARTER, first, last };
	if (first == last)
		p.kind = PERIOD_MONTH;
	else if (first == 1)
		p.kind = last == 12 ? PERIOD_YEAR : PERIOD_YTD;
	return p;
}

int period_equal(const struct period *a, const struct period *b)
{
	return a->year == b->year && a->first == b->first && a->last == b->last;
}
