/* test_measure.c: unit tests for measures (base/measure.c): canonical names
 * and aliases, their families and scales, the error for an unknown measure,
 * which measures can be converted into which, and what counts a counted
 * noun's value may be. */
#include "testutil.h"

#include <stdio.h>
#include <string.h>

#include "base/measure.h"

static const struct measure *find_ok(const char *name)
{
	struct kfq_err err;
	const struct measure *m;

	kfq_err_clear(&err);
	m = measure_find(name, &err);
	if (!m)
		fail_msg("measure_find(\"%s\") failed: %s", name, err.msg);
	return m;
}

static void is(const char *name, const char *canon, const char *family, int shift)
{
	const struct measure *m = find_ok(name);

	assert_string_equal(m->name, canon);
	assert_string_equal(m->family, family);
	assert_int_equal(m->shift, shift);
	/* An alias finds the very entry its canonical name finds. */
	assert_ptr_equal(m, find_ok(canon));
}

static void test_names(void **state)
{
	(void)state;
	is("元", "元", "元", 0);
	is("万元", "万元", "元", 4);
	is("亿元", "亿元", "元", 8);
	is("美元", "美元", "美元", 0);
	is("万美元", "万美元", "美元", 4);
	is("亿美元", "亿美元", "美元", 8);
	is("%", "%", "%", 0);
	is("亩", "亩", "亩", 0);
	is("万亩", "万亩", "亩", 4);
	is("平方米", "平方米", "平方米", 0);
	is("万平方米", "万平方米", "平方米", 4);
	is("公里", "公里", "公里", 0);
	is("件", "件", "件", 0);
	is("万件", "万件", "件", 4);
	is("人", "人", "人", 0);
	is("万人", "万人", "人", 4);
	is("人次", "人次", "人次", 0);
	is("户", "户", "户", 0);
	is("万户", "万户", "户", 4);
	is("吨", "吨", "吨", 0);
	is("万吨", "万吨", "吨", 4);
	is("千瓦时", "千瓦时", "千瓦时", 0);
	is("万千瓦时", "万千瓦时", "千瓦时", 4);
	is("家", "家", "家", 0);
	is("个", "个", "个", 0);
	is("项", "项", "项", 0);
	is("点", "点", "点", 0);
}

static void test_aliases(void **state)
{
	(void)state;
	is("yuan", "元", "元", 0);
	is("CNY", "元", "元", 0);
	is("RMB", "元", "元", 0);
	is("wan yuan", "万元", "元", 4);
	is("10k CNY", "万元", "元", 4);
	is("10k yuan", "万元", "元", 4);
	is("yi yuan", "亿元", "元", 8);
	is("100m CNY", "亿元", "元", 8);
	is("100m yuan", "亿元", "元", 8);
	is("USD", "美元", "美元", 0);
	is("10k USD", "万美元", "美元", 4);
	is("100m USD", "亿美元", "美元", 8);
	is("percent", "%", "%", 0);
	is("％", "%", "%", 0);
	is("mu", "亩", "亩", 0);
	is("m2", "平方米", "平方米", 0);
	is("㎡", "平方米", "平方米", 0);
	is("m²", "平方米", "平方米", 0);
	is("万㎡", "万平方米", "平方米", 4);
	is("km", "公里", "公里", 0);
	is("千米", "公里", "公里", 0);
	is("pieces", "件", "件", 0);
	is("firms", "家", "家", 0);
	is("persons", "人", "人", 0);
	is("index", "点", "点", 0);
}

static void test_aliases_any_case(void **state)
{
	(void)state;
	is("cny", "元", "元", 0);
	is("Cny", "元", "元", 0);
	is("Wan Yuan", "万元", "元", 4);
	is("10K cny", "万元", "元", 4);
	is("100M USD", "亿美元", "美元", 8);
	is("usd", "美元", "美元", 0);
	is("KM", "公里", "公里", 0);
}

static void unknown(const char *name)
{
	struct kfq_err err;
	char quoted[128];

	kfq_err_clear(&err);
	assert_null(measure_find(name, &err));
	assert_int_equal(err.kind, KFQ_EUSER);
	snprintf(quoted, sizeof quoted, "unknown measure \"%s\"", name);
	assert_err_has(&err, quoted);
	/* The message lists the measures kfq knows. */
	assert_err_has(&err, "元 万元 亿元");
	assert_err_has(&err, "万美元");
	assert_err_has(&err, "% 亩 平方米");
	assert_err_has(&err, "千瓦时");
}

static void test_unknown(void **state)
{
	(void)state;
	unknown("万公斤");
	unknown("公斤");
	unknown("");
	unknown("yuan ");
	unknown("wanyuan");
	unknown("千元");
	unknown("EUR");
}

static void test_compatible(void **state)
{
	struct kfq_err err;

	(void)state;
	kfq_err_clear(&err);
	assert_int_equal(measure_compatible(find_ok("万元"), find_ok("亿元"), &err), 0);
	assert_int_equal(measure_compatible(find_ok("亿元"), find_ok("元"), &err), 0);
	assert_int_equal(measure_compatible(find_ok("元"), find_ok("元"), &err), 0);
	assert_int_equal(measure_compatible(find_ok("万亩"), find_ok("亩"), &err), 0);
	assert_int_equal(measure_compatible(find_ok("㎡"), find_ok("万平方米"), &err), 0);
	assert_int_equal(measure_compatible(find_ok("万人"), find_ok("人"), &err), 0);
}

static void incompatible(const char *from, const char *to)
{
	struct kfq_err err;

	kfq_err_clear(&err);
	assert_int_equal(measure_compatible(find_ok(from), find_ok(to), &err), -1);
	assert_int_equal(err.kind, KFQ_EUSER);
	assert_err_has(&err, find_ok(from)->name);
	assert_err_has(&err, find_ok(to)->name);
	assert_err_has(&err, "cannot be converted");
}

static void test_incompatible(void **state)
{
	(void)state;
	incompatible("元", "万美元");
	incompatible("万美元", "亿元");
	incompatible("亩", "平方米");
	incompatible("人", "人次");
	incompatible("万元", "%");
	incompatible("件", "个");
}

/* A counted noun's value: whole and not below zero; other measures any. */
static void count_is(const char *name, const char *text, int ok, const char *says)
{
	const struct measure *m = find_ok(name);
	struct kfq_err err = { 0 };
	dec v;
	assert_int_equal(dec_parse(text, m->shift, &v, &err), 0);
	assert_int_equal(measure_count_check(m, v, text, &err), ok ? 0 : -1);
	if (!ok)
		assert_non_null(strstr(err.msg, says));
}

static void test_counts(void **state)
{
	(void)state;
	count_is("家", "12", 1, NULL);
	count_is("人", "30.00", 1, NULL);
	count_is("家", "0", 1, NULL);
	count_is("万人", "1.25", 1, NULL);    /* 12 500 人 */
	count_is("件", "2.5", 0, "\"2.5\" is not a whole number of 件 (expected a count)");
	count_is("万人", "1.00005", 0, "not a whole number of 人");
	count_is("家", "-1", 0, "\"-1\" is below zero (expected a count of 家: 0 or more)");
	count_is("万元", "-2.5", 1, NULL);    /* money, a rate, an index: any value */
	count_is("%", "-0.3", 1, NULL);
	count_is("点", "101.37", 1, NULL);
	count_is("吨", "0.5", 1, NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_aliases),
		cmocka_unit_test(test_aliases_any_case),
		cmocka_unit_test(test_unknown),
		cmocka_unit_test(test_compatible),
		cmocka_unit_test(test_incompatible),
		cmocka_unit_test(test_counts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
