/* test_period.c: unit tests for reporting periods (base/period.c): every
 * accepted form and what it means, every rejected form with its message,
 * canonical text that parses back, Chinese labels, the prior year and year
 * to date. */
#include "testutil.h"

#include <stdio.h>

#include "base/date.h"
#include "base/period.h"

static void parse_is(const char *s, int year, enum period_kind kind, int first, int last)
{
	struct period p = { 0, PERIOD_YEAR, 0, 0 };
	struct kfq_err err;

	kfq_err_clear(&err);
	if (period_parse(s, &p, &err) != 0)
		fail_msg("period_parse(\"%s\") failed: %s", s, err.msg);
	if (p.year != year || p.kind != kind || p.first != first || p.last != last)
		fail_msg("\"%s\": got year %d kind %d months %d-%d, want %d kind %d months %d-%d", s,
		         p.year, (int)p.kind, p.first, p.last, year, (int)kind, first, last);
}

static void parse_bad(const char *s)
{
	struct period p;
	struct kfq_err err;
	char quoted[128];

	kfq_err_clear(&err);
	if (period_parse(s, &p, &err) != -1)
		fail_msg("period_parse(\"%s\") accepted it", s);
	assert_int_equal(err.kind, KFQ_EUSER);
	snprintf(quoted, sizeof quoted, "not a period: \"%s\"", s);
	assert_err_has(&err, quoted);
	assert_err_has(&err, PERIOD_FORMS);
}

static struct period mk(int year, enum period_kind kind, int first, int last)
{
	struct period p = { year, kind, first, last };
	return p;
}

static void text_is(const struct period *p, int (*fn)(const struct period *, char *, size_t),
                    const char *want)
{
	char buf[64];
	int n = fn(p, buf, sizeof buf);

	assert_string_equal(buf, want);
	assert_int_equal(n, (int)strlen(want));
}

/* ---- accepted forms ---- */

static void test_parse_year(void **state)
{
	(void)state;
	parse_is("2017", 2017, PERIOD_YEAR, 1, 12);
	parse_is("2017年", 2017, PERIOD_YEAR, 1, 12);
	parse_is("2017年度", 2017, PERIOD_YEAR, 1, 12);
	parse_is("2017年全年", 2017, PERIOD_YEAR, 1, 12);
	parse_is("1900", 1900, PERIOD_YEAR, 1, 12);
	parse_is("2999", 2999, PERIOD_YEAR, 1, 12);
}

static void test_parse_quarter(void **state)
{
	(void)state;
	parse_is("2017Q3", 2017, PERIOD_QUARTER, 7, 9);
	parse_is("2017q3", 2017, PERIOD_QUARTER, 7, 9);
	parse_is("2017-Q3", 2017, PERIOD_QUARTER, 7, 9);
	parse_is("2017-q3", 2017, PERIOD_QUARTER, 7, 9);
	parse_is("2017Q1", 2017, PERIOD_QUARTER, 1, 3);
	parse_is("2017Q2", 2017, PERIOD_QUARTER, 4, 6);
	parse_is("2017Q4", 2017, PERIOD_QUARTER, 10, 12);
	parse_is("2017年第三季度", 2017, PERIOD_QUARTER, 7, 9);
	parse_is("2017年第一季度", 2017, PERIOD_QUARTER, 1, 3);
	parse_is("2017年第二季度", 2017, PERIOD_QUARTER, 4, 6);
	parse_is("2017年第四季度", 2017, PERIOD_QUARTER, 10, 12);
	parse_is("2017年三季度", 2017, PERIOD_QUARTER, 7, 9);
	parse_is("2017年3季度", 2017, PERIOD_QUARTER, 7, 9);
	parse_is("2017年第3季度", 2017, PERIOD_QUARTER, 7, 9);
	parse_is("2017年4季", 2017, PERIOD_QUARTER, 10, 12);
}

static void test_parse_month(void **state)
{
	(void)state;
	parse_is("2017-08", 2017, PERIOD_MONTH, 8, 8);
	parse_is("2017-8", 2017, PERIOD_MONTH, 8, 8);
	parse_is("201708", 2017, PERIOD_MONTH, 8, 8);
	parse_is("2017年8月", 2017, PERIOD_MONTH, 8, 8);
	parse_is("2017年08月", 2017, PERIOD_MONTH, 8, 8);
	parse_is("2017-01", 2017, PERIOD_MONTH, 1, 1);
	parse_is("2017-12", 2017, PERIOD_MONTH, 12, 12);
	parse_is("201712", 2017, PERIOD_MONTH, 12, 12);
	parse_is("2017年10月", 2017, PERIOD_MONTH, 10, 10);
	parse_is("2017年12月", 2017, PERIOD_MONTH, 12, 12);
	parse_is("2017/08", 2017, PERIOD_MONTH, 8, 8);
	parse_is("2017.08", 2017, PERIOD_MONTH, 8, 8);
	for (int m = 1; m <= 12; m++) {
		char s[32];
		snprintf(s, sizeof s, "2017年%d月", m);
		parse_is(s, 2017, PERIOD_MONTH, m, m);
		snprintf(s, sizeof s, "2017%02d", m);
		parse_is(s, 2017, PERIOD_MONTH, m, m);
	}
}

static void test_parse_ytd(void **state)
{
	(void)state;
	parse_is("2017年1-8月", 2017, PERIOD_YTD, 1, 8);
	parse_is("2017年1-12月", 2017, PERIOD_YTD, 1, 12);
	parse_is("2017年1—8月", 2017, PERIOD_YTD, 1, 8);
	parse_is("2017年1~8月", 2017, PERIOD_YTD, 1, 8);
	parse_is("2017年1～8月", 2017, PERIOD_YTD, 1, 8);
	parse_is("2017-01..08", 2017, PERIOD_YTD, 1, 8);
	parse_is("2017-1..8", 2017, PERIOD_YTD, 1, 8);
	parse_is("2017-01..12", 2017, PERIOD_YTD, 1, 12);
}

/* As monthly reports write them (issue 12, item 4): 月份, 累计, 17年. */
static void test_parse_report_forms(void **state)
{
	struct period p;
	struct kfq_err err;
	(void)state;
	parse_is("2017年8月份", 2017, PERIOD_MONTH, 8, 8);
	parse_is("2017年12月份", 2017, PERIOD_MONTH, 12, 12);
	parse_is("2017年1-8月累计", 2017, PERIOD_YTD, 1, 8);
	parse_is("2017年1-8月份", 2017, PERIOD_YTD, 1, 8);
	parse_is("2017年8月累计", 2017, PERIOD_YTD, 1, 8);
	parse_is("17年8月", 2017, PERIOD_MONTH, 8, 8);
	parse_is("17年1-8月累计", 2017, PERIOD_YTD, 1, 8);
	parse_is("17年", 2017, PERIOD_YEAR, 1, 12);
	parse_is("2017.10", 2017, PERIOD_MONTH, 10, 10);
	parse_is("2017.01", 2017, PERIOD_MONTH, 1, 1);
	parse_is("2017.2", 2017, PERIOD_MONTH, 2, 2);
	/* 2017.1: January, or 2017.10 as an Excel number cell keeps it */
	kfq_err_clear(&err);
	assert_int_equal(period_parse("2017.1", &p, &err), -1);
	assert_err_has(&err, "ambiguous period: \"2017.1\" may be January (2017-01) or October "
	               "(2017-10");
	parse_bad("17-08");
	parse_bad("17");
	parse_bad("2017年8月累");
	parse_bad("2017年8月份累计");
	parse_bad("7年8月");
}


static void test_parse_spaces(void **state)
{
	(void)state;
	parse_is("  2017Q3  ", 2017, PERIOD_QUARTER, 7, 9);
	parse_is("\t2017-08\t", 2017, PERIOD_MONTH, 8, 8);
	parse_is(" 2017年1-8月 ", 2017, PERIOD_YTD, 1, 8);
	parse_is(" 2017 ", 2017, PERIOD_YEAR, 1, 12);
	parse_is(" 201708 ", 2017, PERIOD_MONTH, 8, 8);
}

/* ---- rejected forms ---- */

/* A data file's period column takes a day as the month it falls in (an
 * Excel date cell, a CSV Excel wrote); period_parse does not. */
static void test_parse_or_day(void **state)
{
	static const struct { const char *in; int year, month; } OK[] = {
		{ "2017-08-01", 2017, 8 }, { "2017-8-1", 2017, 8 }, { "2017/8/31", 2017, 8 },
		{ "2016-02-29", 2016, 2 }, { " 2017/12/1 ", 2017, 12 }, { "2017-08", 2017, 8 },
	};
	static const char *const BAD[] = {
		"2017-02-29", "2017-02-30", "2017-08-32", "2017-08-00", "2017.08.01", "2017-08/01",
		"2017/8/1x", "42948", "2017-13-01",
	};
	struct period p;
	struct kfq_err err;
	(void)state;
	for (size_t i = 0; i < sizeof OK / sizeof OK[0]; i++) {
		if (period_parse_or_day(OK[i].in, &p, &err) != 0)
			fail_msg("period_parse_or_day(\"%s\"): %s", OK[i].in, err.msg);
		if (p.year != OK[i].year || p.kind != PERIOD_MONTH || p.first != OK[i].month ||
		    p.last != OK[i].month)
			fail_msg("\"%s\": got %d %d-%d", OK[i].in, p.year, p.first, p.last);
	}
	for (size_t i = 0; i < sizeof BAD / sizeof BAD[0]; i++)
		if (period_parse_or_day(BAD[i], &p, &err) == 0)
			fail_msg("period_parse_or_day(\"%s\") took it", BAD[i]);
	assert_int_equal(period_parse("2017-08-01", &p, &err), -1);
}

static void test_parse_bad(void **state)
{
	static const char *const bad[] = {
		"2017-13", "2017-00", "201713", "201700", "2017年13月", "2017年0月", "2017年2-8月",
		"2017年1-13月", "2017年1-8", "2017Q5", "2017Q0", "2017Q", "2017Q12", "17-08", "",
		"   ", "abc", "2017年第五季度", "2017年5季度", "2017-8-1", "2017-08-01", "20170",
		"2017081", "2017-", "2017-01..13", "2017-02..08", "2017 Q3", "1899", "3000",
		"二〇一七", "２０１７ｘ", "2017年8月份x", "2017x", "2017年1-8月累计x", "117年8月",
	};
	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		parse_bad(bad[i]);
}

/* The full-width forms an input method types are the same digits (Excel
 * keeps them as text); a refusal names the text as given. */
static void test_parse_full_width(void **state)
{
	struct date d;
	struct kfq_err err = { 0 };
	(void)state;
	parse_is("２０１７年８月", 2017, PERIOD_MONTH, 8, 8);
	parse_is("２０１７－０８", 2017, PERIOD_MONTH, 8, 8);
	parse_is("２０１７Ｑ３", 2017, PERIOD_QUARTER, 7, 9);
	parse_is("\u3000２０１７年１－８月\u3000", 2017, PERIOD_YTD, 1, 8);
	assert_int_equal(date_parse("２０１７－０３－０５", &d, &err), 0);
	assert_int_equal(d.year * 10000 + d.month * 100 + d.day, 20170305);
	assert_int_equal(date_parse("２０１７－１３－０１", &d, &err), -1);
	assert_non_null(strstr(err.msg, "not a date: \"２０１７－１３－０１\""));
	assert_int_equal(period_parse("２０１７－１３", &(struct period){ 0 }, &err), -1);
	assert_non_null(strstr(err.msg, "not a period: \"２０１７－１３\""));
}

static void test_parse_too_long(void **state)
{
	char s[200];

	(void)state;
	memset(s, '1', sizeof s - 1);
	s[sizeof s - 1] = '\0';
	parse_bad(s);
}

/* ---- text ---- */

static void test_format_round_trip(void **state)
{
	struct period ps[30];
	size_t n = 0;

	(void)state;
	ps[n++] = mk(2017, PERIOD_YEAR, 1, 12);
	for (int q = 1; q <= 4; q++)
		ps[n++] = mk(2018, PERIOD_QUARTER, 3 * q - 2, 3 * q);
	for (int m = 1; m <= 12; m++)
		ps[n++] = mk(2019, PERIOD_MONTH, m, m);
	for (int m = 2; m <= 12; m++)
		ps[n++] = mk(2020, PERIOD_YTD, 1, m);
	for (size_t i = 0; i < n; i++) {
		char buf[64];
		struct period back;
		struct kfq_err err;

		period_format(&ps[i], buf, sizeof buf);
		kfq_err_clear(&err);
		if (period_parse(buf, &back, &err) != 0)
			fail_msg("canonical \"%s\" does not parse: %s", buf, err.msg);
		assert_int_equal(back.kind, ps[i].kind);
		assert_true(period_equal(&back, &ps[i]));
		/* The Chinese label parses back too. */
		period_label_zh(&ps[i], buf, sizeof buf);
		kfq_err_clear(&err);
		if (period_parse(buf, &back, &err) != 0)
			fail_msg("label \"%s\" does not parse: %s", buf, err.msg);
		assert_int_equal(back.kind, ps[i].kind);
		assert_true(period_equal(&back, &ps[i]));
	}
}

static void test_format(void **state)
{
	struct period p;

	(void)state;
	p = mk(2017, PERIOD_YEAR, 1, 12);
	text_is(&p, period_format, "2017");
	p = mk(2017, PERIOD_QUARTER, 7, 9);
	text_is(&p, period_format, "2017Q3");
	p = mk(2017, PERIOD_MONTH, 8, 8);
	text_is(&p, period_format, "2017-08");
	p = mk(2017, PERIOD_YTD, 1, 8);
	text_is(&p, period_format, "2017年1-8月");
}

static void test_label_zh(void **state)
{
	struct period p;

	(void)state;
	p = mk(2017, PERIOD_YEAR, 1, 12);
	text_is(&p, period_label_zh, "2017年");
	p = mk(2017, PERIOD_QUARTER, 1, 3);
	text_is(&p, period_label_zh, "2017年第一季度");
	p = mk(2017, PERIOD_QUARTER, 4, 6);
	text_is(&p, period_label_zh, "2017年第二季度");
	p = mk(2017, PERIOD_QUARTER, 7, 9);
	text_is(&p, period_label_zh, "2017年第三季度");
	p = mk(2017, PERIOD_QUARTER, 10, 12);
	text_is(&p, period_label_zh, "2017年第四季度");
	p = mk(2017, PERIOD_MONTH, 8, 8);
	text_is(&p, period_label_zh, "2017年8月");
	p = mk(2017, PERIOD_MONTH, 12, 12);
	text_is(&p, period_label_zh, "2017年12月");
	p = mk(2017, PERIOD_YTD, 1, 8);
	text_is(&p, period_label_zh, "2017年1-8月");
	/* January's year to date reads as January, not 1-1月 */
	p = mk(2017, PERIOD_YTD, 1, 1);
	text_is(&p, period_label_zh, "2017年1月");
}

/* ---- arithmetic on periods ---- */

static void test_prior(void **state)
{
	struct period p = mk(2017, PERIOD_QUARTER, 7, 9), r;

	(void)state;
	r = period_prior(&p);
	assert_int_equal(r.year, 2016);
	assert_int_equal(r.kind, PERIOD_QUARTER);
	assert_int_equal(r.first, 7);
	assert_int_equal(r.last, 9);
	p = mk(2017, PERIOD_YTD, 1, 8);
	r = period_prior(&p);
	assert_int_equal(r.year, 2016);
	assert_int_equal(r.kind, PERIOD_YTD);
	assert_int_equal(r.first, 1);
	assert_int_equal(r.last, 8);
	/* p itself is not changed. */
	assert_int_equal(p.year, 2017);
}

/* A stored span told as its kind: a month, the year, a year to date
 * (January's own month stays a month), else a quarter; each formats and
 * parses back to itself. */
static void test_span(void **state)
{
	static const struct { int first, last; enum period_kind kind; const char *text; } C[] = {
		{ 8, 8, PERIOD_MONTH, "2017-08" },   { 1, 1, PERIOD_MONTH, "2017-01" },
		{ 1, 12, PERIOD_YEAR, "2017" },      { 1, 8, PERIOD_YTD, "2017年1-8月" },
		{ 1, 3, PERIOD_YTD, "2017年1-3月" }, { 7, 9, PERIOD_QUARTER, "2017Q3" },
	};
	(void)state;
	for (size_t i = 0; i < sizeof C / sizeof C[0]; i++) {
		struct period p = period_span(2017, C[i].first, C[i].last), back;
		struct kfq_err err = { 0 };
		char buf[32];
		assert_int_equal(p.year, 2017);
		assert_int_equal(p.kind, C[i].kind);
		assert_int_equal(p.first, C[i].first);
		assert_int_equal(p.last, C[i].last);
		period_format(&p, buf, sizeof buf);
		assert_string_equal(buf, C[i].text);
		assert_int_equal(period_parse(buf, &back, &err), 0);
		assert_true(period_equal(&p, &back));
	}
}

static void test_ytd(void **state)
{
	struct period p, r;

	(void)state;
	p = mk(2017, PERIOD_MONTH, 8, 8);
	r = period_ytd(&p);
	assert_int_equal(r.year, 2017);
	assert_int_equal(r.kind, PERIOD_YTD);
	assert_int_equal(r.first, 1);
	assert_int_equal(r.last, 8);
	p = mk(2017, PERIOD_QUARTER, 7, 9);
	r = period_ytd(&p);
	assert_int_equal(r.kind, PERIOD_YTD);
	assert_int_equal(r.first, 1);
	assert_int_equal(r.last, 9);
	/* Year to date at December is the year. */
	p = mk(2017, PERIOD_MONTH, 12, 12);
	r = period_ytd(&p);
	assert_int_equal(r.kind, PERIOD_YEAR);
	assert_int_equal(r.first, 1);
	assert_int_equal(r.last, 12);
	p = mk(2017, PERIOD_QUARTER, 10, 12);
	r = period_ytd(&p);
	assert_int_equal(r.kind, PERIOD_YEAR);
	assert_int_equal(r.first, 1);
	p = mk(2017, PERIOD_YEAR, 1, 12);
	r = period_ytd(&p);
	assert_int_equal(r.kind, PERIOD_YEAR);
	p = mk(2017, PERIOD_YTD, 1, 5);
	r = period_ytd(&p);
	assert_int_equal(r.kind, PERIOD_YTD);
	assert_int_equal(r.last, 5);
}

static void test_equal(void **state)
{
	struct period a = mk(2017, PERIOD_MONTH, 8, 8), b = a;

	(void)state;
	assert_true(period_equal(&a, &b));
	b.year = 2016;
	assert_false(period_equal(&a, &b));
	b = mk(2017, PERIOD_YTD, 1, 8);
	assert_false(period_equal(&a, &b));
	b = mk(2017, PERIOD_MONTH, 9, 9);
	assert_false(period_equal(&a, &b));
}

/* An Excel date serial reads as a date whose ISO form reads back (fuzz_date
 * found 2022770 read as 7438-02-25, a date the text forms refuse, and 1 as
 * 1899-12-31), and only one of 1990 to 2099: a year or a month written in
 * a date column (2017, 201703, found by a hostile trial) is refused, never
 * read as 1905-07-09 or 2452-03-28, and told what a bare number may be. */
static void test_date_serials(void **state)
{
	static const struct { const char *in, *out; } OK[] = {
		{ "42799", "2017-03-05" }, { "32874", "1990-01-01" }, { "73050", "2099-12-31" },
		{ " 43101 ", "2018-01-01" }, { "20170305", "2017-03-05" },
	};
	static const char *const BAD[] = { "60", "61", "1", "0", "2017", "9999", "201703",
	                                   "32873", "73051", "401768", "2022770", "2958465",
	                                   "9999999", "017" };
	struct date d, back;
	struct kfq_err err;
	char out[16];
	(void)state;
	for (size_t i = 0; i < sizeof OK / sizeof OK[0]; i++) {
		if (date_parse(OK[i].in, &d, &err) != 0)
			fail_msg("date_parse(%s): %s", OK[i].in, err.msg);
		date_format(&d, out, sizeof out);
		assert_string_equal(out, OK[i].out);
		assert_int_equal(date_parse(out, &back, &err), 0);
		assert_int_equal(date_cmp(&d, &back), 0);
	}
	for (size_t i = 0; i < sizeof BAD / sizeof BAD[0]; i++) {
		if (date_parse(BAD[i], &d, &err) == 0)
			fail_msg("date_parse(%s) took it as %d-%d-%d", BAD[i], d.year, d.month, d.day);
		assert_non_null(strstr(err.msg, "not a date"));
		assert_non_null(strstr(err.msg, "a bare number only as an Excel date cell"));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_report_forms),
		cmocka_unit_test(test_parse_year),
		cmocka_unit_test(test_parse_quarter),
		cmocka_unit_test(test_parse_month),
		cmocka_unit_test(test_parse_ytd),
		cmocka_unit_test(test_parse_spaces),
		cmocka_unit_test(test_parse_bad),
		cmocka_unit_test(test_parse_or_day),
		cmocka_unit_test(test_parse_full_width),
		cmocka_unit_test(test_parse_too_long),
		cmocka_unit_test(test_format_round_trip),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_label_zh),
		cmocka_unit_test(test_prior),
		cmocka_unit_test(test_ytd),
		cmocka_unit_test(test_span),
		cmocka_unit_test(test_equal),
		cmocka_unit_test(test_date_serials),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
