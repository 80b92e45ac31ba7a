/* fuzz_date.c: libFuzzer harness for dates and periods (base/date.c,
 * base/period.c) read from the same text, as the case steps' and the data's
 * columns are.
 *
 * Checked: a refusal always says something; an accepted date is a day of
 * the calendar (month 1 to 12, day within the month), written as ISO 8601
 * it reads back as the same day, and n days after it (n from the text, up
 * to ±400 years) is n days away and n days back is the same day; an
 * accepted period has months within 1 to 12 and reads back from its own
 * form. Depends on base only. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/period.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char buf[256], out[64];
	struct kfq_err err = { 0 };
	struct date d, e, back;
	struct period p, q;
	uint64_t h = 1469598103934665603ULL;
	long n;

	if (size >= sizeof buf)
		return 0;
	memcpy(buf, data, size);
	buf[size] = '\0';
	for (size_t i = 0; i < size; i++)
		h = (h ^ data[i]) * 1099511628211ULL;
	if (date_parse(buf, &d, &err) < 0) {
		if (!err.msg[0])
			abort();
	} else {
		if (d.month < 1 || d.month > 12 || d.day < 1 || d.day > date_month_days(d.year, d.month))
			abort();
		if (date_format(&d, out, sizeof out) <= 0 || date_parse(out, &back, &err) < 0 ||
		    date_cmp(&d, &back) != 0)
			abort();
		n = (long)(h % 292200) - 146100;   /* ±400 years */
		e = date_add_days(&d, n);
		if (date_days(&d, &e) != n)
			abort();
		back = date_add_days(&e, -n);
		if (date_cmp(&d, &back) != 0)
			abort();
		if ((n > 0 && date_cmp(&e, &d) <= 0) || (n < 0 && date_cmp(&e, &d) >= 0))
			abort();
	}
	err.msg[0] = '\0';
	if (period_parse(buf, &p, &err) < 0) {
		if (!err.msg[0])
			abort();
	} else {
		if (p.first < 1 || p.last > 12 || p.first > p.last)
			abort();
		period_format(&p, out, sizeof out);
		if (period_parse(out, &q, &err) < 0 || !period_equal(&p, &q))
			abort();
	}
	return 0;
}
