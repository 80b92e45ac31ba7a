/* test_narrow.c: unit tests for full-width forms read as ASCII
 * (base/narrow.c): digits, signs, letters, the ideographic space and the
 * minus sign narrowed, other text kept, the text itself returned when it
 * has none of them or does not fit. */
#include "testutil.h"

#include <string.h>

#include "base/narrow.h"

static void test_narrowed(void **state)
{
	char buf[64];
	(void)state;
	assert_string_equal(text_narrow("１２３４．５", buf, sizeof buf), "1234.5");
	assert_string_equal(text_narrow("－３，０００", buf, sizeof buf), "-3,000");
	assert_string_equal(text_narrow("２０１７Ｑ３", buf, sizeof buf), "2017Q3");
	assert_string_equal(text_narrow("\u3000１２\u3000", buf, sizeof buf), " 12 ");
	assert_string_equal(text_narrow("−5", buf, sizeof buf), "-5");
	assert_string_equal(text_narrow("～！", buf, sizeof buf), "~!");
	/* other characters stay as they are */
	assert_string_equal(text_narrow("２０１７年８月", buf, sizeof buf), "2017年8月");
	assert_string_equal(text_narrow("一二", buf, sizeof buf), "一二");
}

static void test_unchanged(void **state)
{
	static const char ascii[] = "1234.5", han[] = "丹阳", cut[] = "\xEF\xBC", four[] = "１２３４";
	char buf[64], small[4];
	(void)state;
	assert_ptr_equal(text_narrow(ascii, buf, sizeof buf), ascii);
	assert_ptr_equal(text_narrow(han, buf, sizeof buf), han);
	assert_ptr_equal(text_narrow(cut, buf, sizeof buf), cut);   /* a cut sequence */
	/* too long for buf: the text itself, whose parse then refuses it */
	assert_ptr_equal(text_narrow(four, small, sizeof small), four);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_narrowed),
		cmocka_unit_test(test_unchanged),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
