/* period.h: reporting periods: month, quarter, year and year to date.
 *
 * Chinese monthly reports are filed as year-to-date totals (2017年1-8月), so
 * a period is a year and a span of months [first, last] within it: a month
 * is [m, m], a quarter [3q−2, 3q], a year [1, 12], a year to date [1, m].
 * Accepted forms: 2017, 2017年, 2017Q3, 2017-Q3, 2017年第三季度,
 * 2017年3季度, 2017-08, 201708, 2017年8月, 2017年1-8月 (and 2017-01..08),
 * and as monthly reports write them 2017年8月份, 2017年1-8月累计 (also
 * 2017年8月累计: January to August), 17年8月 (a two-digit year before 年:
 * 2000-2099). 2017.1 is refused as ambiguous: January, or October as Excel
 * shows a number cell holding 2017.10.
 * Depends on err only. */
#ifndef KFQ_PERIOD_H
#define KFQ_PERIOD_H

#include <stddef.h>

#include "base/err.h"

enum period_kind { PERIOD_MONTH, PERIOD_QUARTER, PERIOD_YEAR, PERIOD_YTD };

struct period {
	int year;
	enum period_kind kind;
	int first;   /* first month, 1..12 */
	int last;    /* last month, first..12 */
};

/* The years a period may name. */
#define PERIOD_YEAR_MIN 1900
#define PERIOD_YEAR_MAX 2999
#define PERIOD_FORMS "2017, 2017年, 2017Q3, 2017年第三季度, 2017-08, 201708, " \
                     "2017年8月, 2017年1-8月"

/* Parse s (spaces around it allowed). On error returns -1; the message quotes
 * s and lists the accepted forms. */
int period_parse(const char *s, struct period *p, struct kfq_err *err);
/* The same, and a day (2017-08-01, 2017/8/1: an Excel date cell, or the CSV
 * Excel writes from one) as the month it falls in: for a data file's
 * period column, where a day can mean nothing else (a price quote's day is
 * a weekly quote: period_parse refuses it there). */
int period_parse_or_day(const char *s, struct period *p, struct kfq_err *err);

/* Canonical text: "2017", "2017Q3", "2017-08", "2017年1-8月". Returns the
 * length (snprintf style). Every canonical form parses back to p. */
int period_format(const struct period *p, char *buf, size_t n);
/* Chinese label for reports: "2017年", "2017年第三季度", "2017年8月",
 * "2017年1-8月" (January's year to date: "2017年1月"). */
int period_label_zh(const struct period *p, char *buf, size_t n);

/* The same period one year earlier. */
struct period period_prior(const struct period *p);
/* Year to date at the end of p: [1, p->last]. */
struct period period_ytd(const struct period *p);
/* Months first to last of year, as a stored value's span is told: one
 * month, the year, a year to date (from January), else a quarter. */
struct period period_span(int year, int first, int last);
int period_equal(const struct period *a, const struct period *b);

#endif
