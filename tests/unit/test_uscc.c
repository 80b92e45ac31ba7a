/* test_uscc.c: unit tests for the unified social credit code (base/uscc.c,
 * GB 32100-2015): public codes of real enterprises pass, every change of one
 * character of them is refused, lower case and spaces around are accepted,
 * and hostile strings (a length of 17 or 19, I and O, multibyte, empty) are
 * refused saying why. */
#include "testutil.h"

#include <stdio.h>

#include "base/uscc.h"

/* Codes published on the enterprises' business licences (and so in the
 * National Enterprise Credit Information Publicity System): Huawei
 * Technologies (Shenzhen), Alibaba (China) (Hangzhou), Shenzhen Tencent
 * Computer Systems, Tencent Technology (Shenzhen), Beijing Xiaomi
 * Technology. Each check character worked out by hand for the first:
 * 9 1 4 4 0 3 0 0 1 9 2 2 0 3 8 2 1 weighted 1 3 9 27 19 26 16 17 20 29 25
 * 13 8 24 10 30 28 give 9+3+36+108+0+78+0+0+20+261+50+26+0+72+80+60+28 =
 * 831 = 26 × 31 + 25; 31 - 25 = 6: the code ends in 6. */
static const char *const REAL[] = {
	"914403001922038216", "91330100716105852F", "91440300708461136T",
	"9144030071526726XG", "91110108551385082Q",
};
#define NREAL (sizeof REAL / sizeof REAL[0])
static const char SET[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

static void refused(const char *s, const char *needle)
{
	char out[USCC_LEN + 1];
	struct kfq_err err;
	kfq_err_clear(&err);
	if (uscc_parse(s, out, &err) == 0)
		fail_msg("\"%s\" was accepted", s);
	assert_int_equal(err.kind, KFQ_EUSER);
	assert_err_has(&err, needle);
}

static void test_real_codes(void **state)
{
	char out[USCC_LEN + 1];
	struct kfq_err err;
	(void)state;
	for (size_t i = 0; i < NREAL; i++) {
		kfq_err_clear(&err);
		if (uscc_parse(REAL[i], out, &err) < 0)
			fail_msg("%s: %s", REAL[i], err.msg);
		assert_string_equal(out, REAL[i]);
		assert_int_equal(uscc_check_char(REAL[i]), REAL[i][17]);
	}
}

static void test_lower_case_and_spaces(void **state)
{
	char out[USCC_LEN + 1];
	struct kfq_err err;
	(void)state;
	kfq_err_clear(&err);
	assert_int_equal(uscc_parse("  9144030071526726xg\t", out, &err), 0);
	assert_string_equal(out, "9144030071526726XG");
	assert_int_equal(uscc_parse("91330100716105852f", out, &err), 0);
	assert_string_equal(out, "91330100716105852F");
}

/* Every change of one character to another of the set is refused: in the
 * first 17 positions it moves the weighted sum by d × w with d and w in
 * 1 … 30, never a multiple of the prime 31; in the 18th it is the check
 * character itself. */
static void test_every_corruption(void **state)
{
	(void)state;
	for (size_t i = 0; i < NREAL; i++)
		for (int pos = 0; pos < USCC_LEN; pos++)
			for (const char *c = SET; *c; c++) {
				char bad[USCC_LEN + 1];
				if (*c == REAL[i][pos])
					continue;
				memcpy(bad, REAL[i], sizeof bad);
				bad[pos] = *c;
				refused(bad, "fails its check character: expected ");
			}
}

static void test_expected_named(void **state)
{
	(void)state;
	/* 91321181MA1XXXXXX: M is worth 21, A 10, X 29: 9+3+27+54+19+26+128+17+
	 * 420+290+25+377+232+696+290+870+812 = 4295 = 138 × 31 + 17; 31 - 17 =
	 * 14: E */
	assert_int_equal(uscc_check_char("91321181MA1XXXXXX"), 'E');
	refused("91321181MA1XXXXXX3",
	        "统一社会信用代码 91321181MA1XXXXXX3 fails its check character: expected E");
	refused("91321181ma1xxxxxx3", "91321181MA1XXXXXX3 fails its check character: expected E");
}

static void test_hostile(void **state)
{
	(void)state;
	refused("91440300708461136", "\"91440300708461136\" has 17 characters (expected 18)");
	refused("91440300708461136TT", "has 19 characters (expected 18)");
	refused("", "统一社会信用代码 is empty (expected 18 characters)");
	refused("   ", "is empty");
	refused("9144030070846113IT", "character 17 \"I\" is not allowed");
	refused("91440300708461136O", "character 18 \"O\" is not allowed");
	refused("Z1440300708461136T", "character 1 \"Z\" is not allowed");
	refused("9144030070846113ST", "character 17 \"S\" is not allowed");
	refused("914403007084611V6T", "character 16 \"V\" is not allowed");
	refused("91440300-708461136", "character 9 \"-\" is not allowed");
	refused("9144 0300708461136T", "character 5 \" \" is not allowed");
	/* multibyte: named whole, counted as one character */
	refused("914403007084611３6T", "character 16 \"３\" is not allowed");
	refused("统一社会信用代码", "character 1 \"统\" is not allowed");
	refused("\xff\xfe", "character 1 \"\xff\" is not allowed");
	assert_int_equal(uscc_check_char("9144030070846113I"), 0);
	assert_int_equal(uscc_check_char("9144030070846113"), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_real_codes),
		cmocka_unit_test(test_lower_case_and_spaces),
		cmocka_unit_test(test_every_corruption),
		cmocka_unit_test(test_expected_named),
		cmocka_unit_test(test_hostile),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
