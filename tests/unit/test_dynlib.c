/* test_dynlib.c: unit tests for a shared library's functions taken when
 * first needed (base/dynlib.c): each typed pointer filled with the
 * library's function; a library that is not there, or that lacks one of
 * the functions, refused with the reason, naming the function; loaded
 * once for the process, whichever thread asks first. */
#include "testutil.h"

#include <pthread.h>
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

/* dynlib_need: loaded by the first caller of any thread, the others
 * given the same outcome; a library that is not there stays refused,
 * with its reason, at every call. */
static struct libc_api once_api;
static const struct dynlib_sym ONCE_SYMS[] = {
	DYNLIB_SYM(once_api, strlen), DYNLIB_SYM(once_api, abs), { NULL, NULL },
};
static struct dynlib libc_once = DYNLIB_INIT("libc.so.6", ONCE_SYMS);

static void *need_libc(void *arg)
{
	(void)arg;
	return (void *)dynlib_need(&libc_once);
}

static void test_need(void **state)
{
	static void *slot;
	static const struct dynlib_sym missing[] = { { "kfq_no_such_function", &slot },
	                                             { NULL, NULL } };
	static struct dynlib absent = DYNLIB_INIT("libkfq-not-installed.so.9", missing);
	pthread_t t[4];
	void *why[4];
	(void)state;
	for (int i = 0; i < 4; i++)
		assert_int_equal(pthread_create(&t[i], NULL, need_libc, NULL), 0);
	for (int i = 0; i < 4; i++) {
		assert_int_equal(pthread_join(t[i], &why[i]), 0);
		assert_null(why[i]);
	}
	assert_null(dynlib_need(&libc_once));
	assert_int_equal(once_api.abs(-3), 3);
	assert_non_null(dynlib_need(&absent));
	assert_non_null(strstr(dynlib_need(&absent), "libkfq-not-installed.so.9"));
	assert_null(slot);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_taken),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_need),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
