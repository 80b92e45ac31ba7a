/* test_dynlib.c: unit tests for a shared library's functions taken when
 * first needed (base/dynlib.c): each typed pointer filled with the
 * library's function; a library that is not there, or that lacks one of
 * the functions, refused with the reason, naming the function. */
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

#include "base/dynlib.h"

struct libc_api {
	__typeof__(strlen) *strlen;
	__typeof__(abs) *abs;
};

static void test_taken(void **state)
{
	struct libc_api api = { 0 };
	const struct dynlib_sym syms[] = {
		DYNLIB_SYM(api, strlen), DYNLIB_SYM(api, abs), { NULL, NULL },
	};
	char why[256] = "";
	(void)state;
	assert_int_equal(dynlib_load("libc.so.6", syms, why, sizeof why), 0);
	assert_string_equal(why, "");
	assert_non_null(api.strlen);
	assert_int_equal(api.strlen("丹阳"), 6);
	assert_int_equal(api.abs(-7), 7);
}

static void test_refused(void **state)
{
	void *slot = NULL;
	const struct dynlib_sym missing[] = { { "kfq_no_such_function", &slot }, { NULL, NULL } };
	char why[256] = "";
	(void)state;
	assert_int_equal(dynlib_load("libkfq-not-installed.so.9", missing, why, sizeof why), -1);
	assert_non_null(strstr(why, "libkfq-not-installed.so.9"));
	why[0] = '\0';
	assert_int_equal(dynlib_load("libc.so.6", missing, why, sizeof why), -1);
	assert_non_null(strstr(why, "libc.so.6 has no kfq_no_such_function"));
	assert_null(slot);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_taken),
		cmocka_unit_test(test_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
