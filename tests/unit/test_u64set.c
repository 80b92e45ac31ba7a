/* test_u64set.c: unit tests for the set of 64-bit keys (base/u64set.c):
 * a key is new once, 0 and large keys are keys like any other, and
 * 200 000 keys that collide in their low bits survive every rehash and are
 * found (u64set_has), a key not added is not. */
#include "testutil.h"

#include "base/u64set.h"

static void test_once(void **state)
{
	struct u64set s = { 0 };
	(void)state;
	assert_int_equal(u64set_add(&s, 0), 1);
	assert_int_equal(u64set_add(&s, 0), 0);
	assert_int_equal(u64set_add(&s, UINT64_MAX - 1), 1);
	assert_int_equal(u64set_add(&s, UINT64_MAX - 1), 0);
	assert_int_equal(u64set_add(&s, 1), 1);
	assert_int_equal(s.n, 3);
	assert_true(u64set_has(&s, 0) && u64set_has(&s, 1) && u64set_has(&s, UINT64_MAX - 1));
	assert_false(u64set_has(&s, 2));
	assert_int_equal(s.n, 3);   /* a look does not add */
	u64set_release(&s);
	assert_int_equal(s.n, 0);
	assert_int_equal(u64set_add(&s, 0), 1);   /* usable again */
	u64set_release(&s);
}

static void test_many(void **state)
{
	struct u64set s = { 0 };
	(void)state;
	/* keys as the import makes them: the unit in the high bits, the low
	   bits mostly the same */
	for (uint64_t u = 0; u < 200000; u++)
		assert_int_equal(u64set_add(&s, u << 24 | 2017u << 8 | 12u), 1);
	assert_int_equal(s.n, 200000);
	assert_true(s.cap >= 2 * s.n);
	for (uint64_t u = 0; u < 200000; u++)
		if (u64set_add(&s, u << 24 | 2017u << 8 | 12u) != 0)
			fail_msg("key %llu added twice", (unsigned long long)u);
	for (uint64_t u = 0; u < 200000; u += 997)
		assert_true(u64set_has(&s, u << 24 | 2017u << 8 | 12u));
	assert_false(u64set_has(&s, 200000ull << 24 | 2017u << 8 | 12u));
	assert_int_equal(u64set_add(&s, 200000ull << 24 | 2017u << 8 | 12u), 1);
	u64set_release(&s);
	assert_false(u64set_has(&s, 0));   /* empty: nothing */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_once),
		cmocka_unit_test(test_many),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
