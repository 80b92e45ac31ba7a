/* date.h: calendar dates as users write them and as Excel stores them.
 *
 * Accepted: 2017-03-05, 2017/3/5, 2017.3.5, 20170305, 2017年3月5日 (years
 * 1900 to 2999), and a bare number from an Excel date cell (days since
 * 1899-12-30, the 1900 date system) of 1990-01-01 to 2099-12-31 only
 * (32874 ≤ n ≤ 73050), so that a year or a month written in a date column
 * (2017, 201703) is refused rather than read as a day of 1905 or 2452.
 * Printed as ISO 8601 (2017-03-05). Depends on err only. */
#ifndef KFQ_DATE_H
#define KFQ_DATE_H

#include <stddef.h>

#include "base/err.h"

struct date {
	int year, month, day;
};

#define DATE_FORMS "2017-03-05, 2017/3/5, 20170305, 2017年3月5日"

/* Parse s (surrounding spaces allowed); -1 with a message quoting s and
 * listing the accepted forms. */
int date_parse(const char *s, struct date *d, struct kfq_err *err);
int date_format(const struct date *d, char *buf, size_t n);
/* Negative, zero or positive as a is before, equal to or after b. */
int date_cmp(const struct date *a, const struct date *b);
/* Days from a to b (b − a). */
long date_days(const struct date *a, const struct date *b);
/* The day n days after d (before it when n < 0). */
struct date date_add_days(const struct date *d, long n);
/* Days in a month of a year. */
int date_month_days(int year, int month);

#endif
