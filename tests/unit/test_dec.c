/* test_dec.c: unit tests for exact decimals (base/dec.c): parsing in every
 * accepted form and every rejected one with its message, exact conversion
 * between measures, checked arithmetic at the int64 limits, rounding half
 * away from zero in multiplication, division and formatting, and the
 * percent and growth helpers that reports print. */
#include "testutil.h"

#include <stdio.h>

#include "base/dec.h"

/* 1 in a measure 10^shift times the base unit, as stored. */
#define UNITS(x) ((dec)(x) * DEC_ONE)

static dec parse_ok(const char *s, int shift)
{
	struct kfq_err err;
	dec v = -42;

	kfq_err_clear(&err);
	if (dec_parse(s, shift, &v, &err) != 0)
		fail_msg("dec_parse(\"%s\", %d) failed: %s", s, shift, err.msg);
	return v;
}

/* Parse must fail with a message containing `needle` and the quoted value. */
static void parse_bad(const char *s, int shift, const char *needle, const char *quoted)
{
	struct kfq_err err;
	dec v = 42;

	kfq_err_clear(&err);
	assert_int_equal(dec_parse(s, shift, &v, &err), -1);
	assert_int_equal(err.kind, KFQ_EUSER);
	assert_err_has(&err, needle);
	if (quoted) {
		char q[128];
		snprintf(q, sizeof q, "\"%s\"", quoted);
		assert_err_has(&err, q);
	}
}

static void fmt_is(dec v, int shift, int decimals, const char *want)
{
	char buf[128];
	int n = dec_format(v, shift, decimals, buf, sizeof buf);

	assert_string_equal(buf, want);
	assert_int_equal(n, (int)strlen(want));
}

static void tenths_is(int64_t t, const char *want)
{
	char buf[64];
	int n = dec_format_tenths(t, buf, sizeof buf);

	assert_string_equal(buf, want);
	assert_int_equal(n, (int)strlen(want));
}

/* ---- parsing ---- */

static void test_parse_plain(void **state)
{
	(void)state;
	/* 349.42 亿元 = 34 942 000 000 元 */
	assert_true(parse_ok("349.42", 8) == (dec)34942000000 * DEC_ONE);
	assert_true(parse_ok("349.42", 4) == (dec)3494200 * DEC_ONE);
	assert_true(parse_ok("349.42", 0) == 3494200);
	assert_true(parse_ok("0", 0) == 0);
	assert_true(parse_ok("-0", 0) == 0);
	assert_true(parse_ok("+5", 0) == UNITS(5));
	assert_true(parse_ok("-0.5", 0) == -5000);
	assert_true(parse_ok(".5", 0) == 5000);
	assert_true(parse_ok("0.0001", 0) == 1);
	assert_true(parse_ok("007", 0) == UNITS(7));
}

static void test_parse_thousands(void **state)
{
	(void)state;
	assert_true(parse_ok("1,234,567.89", 0) == 12345678900);
	assert_true(parse_ok("1,234,567", 0) == UNITS(1234567));
	assert_true(parse_ok("-1,234", 0) == UNITS(-1234));
	assert_true(parse_ok("123,456.5", 4) == (dec)1234565000 * DEC_ONE);
}

static void test_parse_spaces(void **state)
{
	(void)state;
	assert_true(parse_ok(" 12 ", 0) == UNITS(12));
	assert_true(parse_ok("\t12\t", 0) == UNITS(12));
	assert_true(parse_ok("  -3.25  ", 0) == -32500);
}

static void test_parse_exponent(void **state)
{
	(void)state;
	assert_true(parse_ok("1.2E+07", 0) == UNITS(12000000));
	assert_true(parse_ok("1.2e7", 0) == UNITS(12000000));
	assert_true(parse_ok("1.2E+07", 4) == (dec)120000000000 * DEC_ONE);
	assert_true(parse_ok("1e-4", 0) == 1);
	assert_true(parse_ok("-2.5E-1", 0) == -2500);
	assert_true(parse_ok("1E0", 0) == UNITS(1));
	/* A small exponent is fine when the measure is large: 1e-8 亿元 = 1 元. */
	assert_true(parse_ok("1e-8", 8) == UNITS(1));
}

static void test_parse_too_many_decimals(void **state)
{
	(void)state;
	parse_bad("0.00001", 0, "more decimal places", "0.00001");
	parse_bad("1e-5", 0, "more decimal places", "1e-5");
	parse_bad("0.000000001", 4, "more decimal places", "0.000000001");
	/* ... but the same text in a larger measure is exact. */
	assert_true(parse_ok("0.00001", 4) == 1000);
	/* A huge negative exponent is an error, not undefined behaviour. */
	parse_bad("1e-999", 0, "more decimal places", "1e-999");
	parse_bad("5e-40", 8, "more decimal places", "5e-40");
}

static void test_parse_zeros_are_exact(void **state)
{
	(void)state;
	/* Zeros after the point never change the value, however many. */
	assert_true(parse_ok("1.000000000000000000000000000000", 0) == UNITS(1));
	assert_true(parse_ok("349.4200000000000000000000000000", 8) == (dec)34942000000 * DEC_ONE);
	assert_true(parse_ok("0.00000000000000000000000000000", 0) == 0);
	/* ... while a non-zero digit after them is still too precise. */
	parse_bad("1.00000000000000000001", 0, "more decimal places", NULL);
}

static void test_parse_not_a_number(void **state)
{
	static const char *const bad[] = {
		"12,3x", "12,3", "1,23,456", "1234,567", ",123", "1,", "abc", "1.2.3",
		"--1", "+-1", "-", ".", "1 2", "12a", "1e", "1e+", "e5", "1.5e3x",
		"0x10", "1,234.5.6", "一二", "１２元", "（１２）",
	};
	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		parse_bad(bad[i], 0, "not a number", bad[i]);
	/* The message quotes the value without the surrounding spaces. */
	parse_bad("  abc  ", 0, "not a number: \"abc\"", NULL);
}

/* The full-width forms an input method types (Excel keeps them as text)
 * are the same digits; a message names the value as it was given. */
static void test_parse_full_width(void **state)
{
	(void)state;
	assert_int_equal(parse_ok("１２３４．５", 0), 12345 * DEC_ONE / 10);
	assert_int_equal(parse_ok("－３", 0), -3 * DEC_ONE);
	assert_int_equal(parse_ok("−3", 0), -3 * DEC_ONE);   /* U+2212 */
	assert_int_equal(parse_ok("１，２３４", 4), 12340000 * DEC_ONE);
	assert_int_equal(parse_ok("\u3000１２\u3000", 0), 12 * DEC_ONE);
	assert_int_equal(parse_ok("１2．5", 0), 125 * DEC_ONE / 10);
	parse_bad("１２ｘ", 0, "not a number", "１２ｘ");
	parse_bad("０．１２３４５", 0, "more decimal places", "０．１２３４５");
}

static void test_parse_empty(void **state)
{
	(void)state;
	parse_bad("", 0, "a number was expected", NULL);
	parse_bad("   ", 0, "a number was expected", NULL);
}

static void test_parse_too_large(void **state)
{
	(void)state;
	parse_bad("99999999999999999999", 0, "too large", "99999999999999999999");
	parse_bad("-99999999999999999999", 0, "too large", "-99999999999999999999");
	/* INT64_MAX ten-thousandths is the largest value; one more is too large. */
	assert_true(parse_ok("922337203685477.5807", 0) == INT64_MAX);
	parse_bad("922337203685477.5808", 0, "too large", "922337203685477.5808");
	/* In 亿元 the limit is 10^8 times smaller. */
	assert_true(parse_ok("9223372", 8) == (dec)922337200000000 * DEC_ONE);
	parse_bad("9223373", 8, "too large", "9223373");
	parse_bad("1e30", 0, "too large", "1e30");
	parse_bad("1e15", 4, "too large", "1e15");
}

/* 1 亿元 is exactly 10 000 万元 and 10^8 元: conversion only moves the point. */
static void test_parse_exact_conversion(void **state)
{
	(void)state;
	assert_true(parse_ok("1", 8) == parse_ok("10000", 4));
	assert_true(parse_ok("1", 8) == parse_ok("100000000", 0));
	assert_true(parse_ok("349.42", 8) == parse_ok("3494200", 4));
	assert_true(parse_ok("0.0001", 4) == parse_ok("1", 0));
	fmt_is(parse_ok("1", 8), 4, -1, "10000");
	fmt_is(parse_ok("3494200", 4), 8, -1, "349.42");
	fmt_is(parse_ok("12345.6789", 4), 4, -1, "12345.6789");
}

/* ---- arithmetic ---- */

static void test_add_sub(void **state)
{
	dec r = 7;

	(void)state;
	assert_int_equal(dec_add(UNITS(2), UNITS(3), &r), 0);
	assert_true(r == UNITS(5));
	assert_int_equal(dec_sub(UNITS(2), UNITS(3), &r), 0);
	assert_true(r == UNITS(-1));
	assert_int_equal(dec_add(INT64_MAX - 1, 1, &r), 0);
	assert_true(r == INT64_MAX);
	assert_int_equal(dec_add(INT64_MIN, INT64_MAX, &r), 0);
	assert_true(r == -1);
	assert_int_equal(dec_sub(-1, INT64_MAX, &r), 0);
	assert_true(r == INT64_MIN);
}

static void test_add_sub_overflow(void **state)
{
	dec r = 7;

	(void)state;
	assert_int_equal(dec_add(INT64_MAX, 1, &r), -1);
	assert_int_equal(dec_add(INT64_MIN, -1, &r), -1);
	assert_int_equal(dec_add(INT64_MAX, INT64_MAX, &r), -1);
	assert_int_equal(dec_add(INT64_MIN, INT64_MIN, &r), -1);
	assert_int_equal(dec_sub(INT64_MIN, 1, &r), -1);
	assert_int_equal(dec_sub(INT64_MAX, -1, &r), -1);
	assert_int_equal(dec_sub(0, INT64_MIN, &r), -1);
	/* The output is left unchanged on overflow. */
	assert_true(r == 7);
}

static void test_mul(void **state)
{
	dec r = 7;

	(void)state;
	assert_int_equal(dec_mul(UNITS(2), UNITS(3), &r), 0);
	assert_true(r == UNITS(6));
	assert_int_equal(dec_mul(15000, -20000, &r), 0);     /* 1.5 × −2 */
	assert_true(r == UNITS(-3));
	/* 0.0001 × 0.5 = 0.00005: half, rounded away from zero. */
	assert_int_equal(dec_mul(1, 5000, &r), 0);
	assert_true(r == 1);
	assert_int_equal(dec_mul(-1, 5000, &r), 0);
	assert_true(r == -1);
	assert_int_equal(dec_mul(1, 4999, &r), 0);
	assert_true(r == 0);
	assert_int_equal(dec_mul(-1, 4999, &r), 0);
	assert_true(r == 0);
	/* Overflow leaves r alone. */
	r = 7;
	assert_int_equal(dec_mul(INT64_MAX, UNITS(2), &r), -1);
	assert_int_equal(dec_mul(INT64_MIN, UNITS(2), &r), -1);
	assert_true(r == 7);
	assert_int_equal(dec_mul(INT64_MAX, UNITS(1), &r), 0);
	assert_true(r == INT64_MAX);
}

static void test_div(void **state)
{
	dec r = 7;

	(void)state;
	assert_int_equal(dec_div(UNITS(1), UNITS(3), &r), 0);
	assert_true(r == 3333);
	assert_int_equal(dec_div(UNITS(2), UNITS(3), &r), 0);
	assert_true(r == 6667);
	assert_int_equal(dec_div(UNITS(-2), UNITS(3), &r), 0);
	assert_true(r == -6667);
	assert_int_equal(dec_div(UNITS(2), UNITS(-3), &r), 0);
	assert_true(r == -6667);
	assert_int_equal(dec_div(UNITS(-2), UNITS(-3), &r), 0);
	assert_true(r == 6667);
	assert_int_equal(dec_div(UNITS(6), UNITS(4), &r), 0);
	assert_true(r == 15000);
	/* 0.0001 ÷ 2 = 0.00005 → 0.0001, and its negative. */
	assert_int_equal(dec_div(1, UNITS(2), &r), 0);
	assert_true(r == 1);
	assert_int_equal(dec_div(-1, UNITS(2), &r), 0);
	assert_true(r == -1);
	/* Division by zero is "no value" (1), not an error, and r is untouched. */
	r = 7;
	assert_int_equal(dec_div(UNITS(5), 0, &r), 1);
	assert_int_equal(dec_div(0, 0, &r), 1);
	assert_true(r == 7);
	/* Overflow: dividing by 0.0001 multiplies by 10 000. */
	assert_int_equal(dec_div(INT64_MAX, 1, &r), -1);
	assert_true(r == 7);
}

/* ---- formatting ---- */

static void test_format_decimals(void **state)
{
	(void)state;
	fmt_is((dec)34942000000 * DEC_ONE, 8, 2, "349.42");
	fmt_is((dec)34942000000 * DEC_ONE, 8, 0, "349");
	fmt_is((dec)34942000000 * DEC_ONE, 4, 1, "3494200.0");
	fmt_is(UNITS(1234), 0, 2, "1234.00");
	fmt_is(UNITS(1), 0, 6, "1.000000");
	fmt_is(0, 0, 2, "0.00");
	fmt_is(0, 0, 0, "0");
	fmt_is(0, 4, -1, "0");
	fmt_is(INT64_MAX, 0, -1, "922337203685477.5807");
	fmt_is(INT64_MIN, 0, -1, "-922337203685477.5808");
	fmt_is(INT64_MAX, 8, -1, "9223372.036854775807");
}

static void test_format_rounding(void **state)
{
	(void)state;
	fmt_is(50, 0, 2, "0.01");          /* 0.005 → 0.01 */
	fmt_is(-50, 0, 2, "-0.01");
	fmt_is(49, 0, 2, "0.00");
	fmt_is(-49, 0, 2, "0.00");         /* no "-0.00" */
	fmt_is(12345, 0, 3, "1.235");      /* 1.2345 */
	fmt_is(-12345, 0, 3, "-1.235");
	fmt_is(-12345, 0, 2, "-1.23");
	fmt_is(99995, 0, 3, "10.000");     /* carry into the integer part */
	fmt_is(UNITS(5), 1, 0, "1");       /* 0.5 of 10 units */
	fmt_is(UNITS(-5), 1, 0, "-1");
	fmt_is(UNITS(4), 1, 0, "0");
	fmt_is((dec)34942000000 * DEC_ONE + UNITS(50000000), 8, 0, "350");  /* 349.92 → 350 */
}

static void test_format_exact(void **state)
{
	(void)state;
	fmt_is(UNITS(1234) + 5000, 0, -1, "1234.5");
	fmt_is(UNITS(10), 0, -1, "10");
	fmt_is(-5000, 0, -1, "-0.5");
	fmt_is(1, 0, -1, "0.0001");
	fmt_is(UNITS(12345), 4, -1, "1.2345");
	fmt_is(UNITS(10000), 4, -1, "1");
	fmt_is(UNITS(-12340000), 8, -1, "-0.1234");
}

/* 1 元 shown in 亿元: smaller than the measure, still visible with enough places. */
static void test_format_small(void **state)
{
	(void)state;
	fmt_is(UNITS(1), 8, 8, "0.00000001");
	fmt_is(UNITS(1), 8, -1, "0.00000001");
	fmt_is(UNITS(-1), 8, 8, "-0.00000001");
	fmt_is(UNITS(1), 8, 4, "0.0000");
	fmt_is(1, 8, -1, "0.000000000001");   /* 0.0001 元 */
	fmt_is(UNITS(5000), 8, 4, "0.0001");   /* 0.00005 亿元 rounds up */
	fmt_is(UNITS(4999), 8, 4, "0.0000");
}

static void test_format_truncates_like_snprintf(void **state)
{
	char buf[5];

	(void)state;
	memset(buf, 'x', sizeof buf);
	assert_int_equal(dec_format(UNITS(1234567), 0, 2, buf, sizeof buf), 10);
	assert_string_equal(buf, "1234");
}

/* ---- percents ---- */

static void test_percent_tenths(void **state)
{
	int64_t t = 7;

	(void)state;
	assert_int_equal(dec_percent_tenths(UNITS(1), UNITS(3), &t), 0);
	assert_true(t == 333);                       /* 33.3% */
	assert_int_equal(dec_percent_tenths(UNITS(2), UNITS(3), &t), 0);
	assert_true(t == 667);
	assert_int_equal(dec_percent_tenths(UNITS(-2), UNITS(3), &t), 0);
	assert_true(t == -667);
	assert_int_equal(dec_percent_tenths(UNITS(3), UNITS(2), &t), 0);
	assert_true(t == 1500);
	assert_int_equal(dec_percent_tenths(1, 2000, &t), 0);  /* 0.05% → 0.1% */
	assert_true(t == 1);
	assert_int_equal(dec_percent_tenths(0, UNITS(5), &t), 0);
	assert_true(t == 0);
	t = 7;
	assert_int_equal(dec_percent_tenths(UNITS(1), 0, &t), 1);
	assert_int_equal(dec_percent_tenths(INT64_MAX, 1, &t), 1);   /* does not fit */
	assert_true(t == 7);
}

static void test_growth_tenths(void **state)
{
	int64_t t = 7;

	(void)state;
	assert_int_equal(dec_growth_tenths(UNITS(110), UNITS(100), &t), 0);
	assert_true(t == 100);                       /* +10.0% */
	assert_int_equal(dec_growth_tenths(UNITS(90), UNITS(100), &t), 0);
	assert_true(t == -100);
	assert_int_equal(dec_growth_tenths(UNITS(100), UNITS(100), &t), 0);
	assert_true(t == 0);
	/* A negative base: from −100 to −90 is an improvement of 10%. */
	assert_int_equal(dec_growth_tenths(UNITS(-90), UNITS(-100), &t), 0);
	assert_true(t == 100);
	assert_int_equal(dec_growth_tenths(UNITS(-110), UNITS(-100), &t), 0);
	assert_true(t == -100);
	assert_int_equal(dec_growth_tenths(UNITS(50), UNITS(-100), &t), 0);
	assert_true(t == 1500);
	/* Rounding half away from zero: +0.05% → 0.1%, −0.05% → −0.1%. */
	assert_int_equal(dec_growth_tenths(UNITS(10005), UNITS(10000), &t), 0);
	assert_true(t == 1);
	assert_int_equal(dec_growth_tenths(UNITS(9995), UNITS(10000), &t), 0);
	assert_true(t == -1);
	assert_int_equal(dec_growth_tenths(UNITS(4), UNITS(3), &t), 0);
	assert_true(t == 333);
	/* Zero base: no growth rate. */
	t = 7;
	assert_int_equal(dec_growth_tenths(UNITS(5), 0, &t), 1);
	assert_int_equal(dec_growth_tenths(0, 0, &t), 1);
	assert_int_equal(dec_growth_tenths(INT64_MAX, 1, &t), 1);
	assert_true(t == 7);
}

static void test_format_tenths(void **state)
{
	(void)state;
	tenths_is(-5, "-0.5");
	tenths_is(123, "12.3");
	tenths_is(0, "0.0");
	tenths_is(-123, "-12.3");
	tenths_is(1000, "100.0");
	tenths_is(7, "0.7");
	tenths_is(INT64_MAX, "922337203685477580.7");
	tenths_is(INT64_MIN, "-922337203685477580.8");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_plain),
		cmocka_unit_test(test_parse_thousands),
		cmocka_unit_test(test_parse_spaces),
		cmocka_unit_test(test_parse_exponent),
		cmocka_unit_test(test_parse_too_many_decimals),
		cmocka_unit_test(test_parse_zeros_are_exact),
		cmocka_unit_test(test_parse_not_a_number),
		cmocka_unit_test(test_parse_full_width),
		cmocka_unit_test(test_parse_empty),
		cmocka_unit_test(test_parse_too_large),
		cmocka_unit_test(test_parse_exact_conversion),
		cmocka_unit_test(test_add_sub),
		cmocka_unit_test(test_add_sub_overflow),
		cmocka_unit_test(test_mul),
		cmocka_unit_test(test_div),
		cmocka_unit_test(test_format_decimals),
		cmocka_unit_test(test_format_rounding),
		cmocka_unit_test(test_format_exact),
		cmocka_unit_test(test_format_small),
		cmocka_unit_test(test_format_truncates_like_snprintf),
		cmocka_unit_test(test_percent_tenths),
		cmocka_unit_test(test_growth_tenths),
		cmocka_unit_test(test_format_tenths),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
