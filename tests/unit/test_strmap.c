/* test_strmap.c: unit tests for the string → index map (base/strmap.c):
 * lookups by content, replacing, misses, 100 000 keys across many
 * rehashes, and room reserved once. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>

#include "base/strmap.h"
#include "base/xalloc.h"

static void test_put_get(void **state)
{
	struct strmap m;
	size_t v = 99;
	char key[] = "丹阳";

	(void)state;
	strmap_init(&m);
	assert_int_equal(strmap_get(&m, "丹阳", &v), 0);
	assert_int_equal(v, 99);               /* untouched on a miss */
	strmap_put(&m, key, 3);
	strmap_put(&m, "扬中", 4);
	strmap_put(&m, "", 5);
	assert_int_equal(m.n, 3);
	/* Found by content, not by pointer. */
	assert_int_equal(strmap_get(&m, "丹阳", &v), 1);
	assert_int_equal(v, 3);
	assert_int_equal(strmap_get(&m, "扬中", &v), 1);
	assert_int_equal(v, 4);
	assert_int_equal(strmap_get(&m, "", &v), 1);
	assert_int_equal(v, 5);
	v = 99;
	assert_int_equal(strmap_get(&m, "丹", &v), 0);
	assert_int_equal(strmap_get(&m, "丹阳市", &v), 0);
	assert_int_equal(v, 99);
	strmap_release(&m);
	assert_null(m.keys);
	assert_int_equal(m.n, 0);
}

static void test_replace(void **state)
{
	struct strmap m;
	size_t v = 0;
	char k1[] = "321181", k2[] = "321181";

	(void)state;
	strmap_init(&m);
	strmap_put(&m, k1, 1);
	strmap_put(&m, k2, 2);               /* same text, another pointer */
	assert_int_equal(m.n, 1);
	assert_int_equal(strmap_get(&m, "321181", &v), 1);
	assert_int_equal(v, 2);
	strmap_put(&m, "321181", 0);
	assert_int_equal(m.n, 1);
	assert_int_equal(strmap_get(&m, "321181", &v), 1);
	assert_int_equal(v, 0);
	strmap_release(&m);
}

#define NKEYS 100000

static void test_many(void **state)
{
	struct strmap m;
	char (*keys)[16] = xcalloc(NKEYS, sizeof *keys);
	size_t v;

	(void)state;
	strmap_init(&m);
	for (size_t i = 0; i < NKEYS; i++) {
		snprintf(keys[i], sizeof keys[i], "k%zu", i);
		strmap_put(&m, keys[i], i);
	}
	assert_int_equal(m.n, NKEYS);
	assert_true(m.cap >= 2 * m.n);              /* at most half full */
	assert_int_equal(m.cap & (m.cap - 1), 0);   /* a power of two */
	for (size_t i = 0; i < NKEYS; i++) {
		char probe[16];
		snprintf(probe, sizeof probe, "k%zu", i);
		v = NKEYS;
		if (!strmap_get(&m, probe, &v) || v != i)
			fail_msg("key %s: got %zu, want %zu", probe, v, i);
	}
	assert_int_equal(strmap_get(&m, "k100000", &v), 0);
	assert_int_equal(strmap_get(&m, "k", &v), 0);
	assert_int_equal(strmap_get(&m, "x1", &v), 0);
	/* Replacing after many rehashes keeps one entry per key. */
	for (size_t i = 0; i < NKEYS; i += 2)
		strmap_put(&m, keys[i], i + 1);
	assert_int_equal(m.n, NKEYS);
	for (size_t i = 0; i < NKEYS; i++) {
		assert_int_equal(strmap_get(&m, keys[i], &v), 1);
		assert_int_equal(v, i % 2 ? i : i + 1);
	}
	strmap_release(&m);
	free(keys);
}

/* Reserved once: filling it to what was reserved never grows it again, and
 * what it held before the reserve is still found. */
static void test_reserve(void **state)
{
	struct strmap m;
	char (*keys)[16] = xcalloc(NKEYS, sizeof *keys);
	size_t v, cap;

	(void)state;
	strmap_init(&m);
	for (size_t i = 0; i < NKEYS; i++)
		snprintf(keys[i], sizeof keys[i], "r%zu", i);
	for (size_t i = 0; i < 100; i++)
		strmap_put(&m, keys[i], i);
	strmap_reserve(&m, NKEYS);
	cap = m.cap;
	assert_true(cap >= 2 * NKEYS);
	assert_int_equal(m.n, 100);
	for (size_t i = 0; i < 100; i++)
		assert_true(strmap_get(&m, keys[i], &v) && v == i);
	for (size_t i = 100; i < NKEYS; i++)
		strmap_put(&m, keys[i], i);
	assert_int_equal(m.cap, cap);               /* not grown */
	for (size_t i = 0; i < NKEYS; i++)
		if (!strmap_get(&m, keys[i], &v) || v != i)
			fail_msg("key %s: got %zu, want %zu", keys[i], v, i);
	strmap_reserve(&m, 10);                     /* less than it has: nothing */
	assert_int_equal(m.cap, cap);
	strmap_release(&m);
	free(keys);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_put_get),
		cmocka_unit_test(test_replace),
		cmocka_unit_test(test_many),
		cmocka_unit_test(test_reserve),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
