/* test_header.c: unit tests for matching header rows (io/header.c): English
 * and Chinese names in any order and case, spaces, a measure in ASCII or
 * full-width brackets, empty header cells, and the errors for unknown,
 * repeated and missing columns. */
#include "testutil.h"

#include <stdio.h>

#include "io/header.h"

/* The columns of a data file, as the importer declares them. */
enum { UNIT, INDICATOR, PERIOD, VALUE, MEASURE, NDEFS };
static const struct column_def DEFS[] = {
	{ "unit", "单位|单位代码", 1 },
	{ "indicator", "指标|指标代码", 1 },
	{ "period", "期间|时期|报告期", 1 },
	{ "value", "数值|值|本期值|累计值", 1 },
	{ "measure", "计量单位", 0 },
};
#define EXPECTED "expected unit, indicator, period, value, measure (optional)"

#define NCELLS(a) (sizeof (a) / sizeof (a)[0])

static void map_ok(size_t ncells, const char *const *cells, struct header_map *map)
{
	struct kfq_err err;

	kfq_err_clear(&err);
	if (header_map(DEFS, NDEFS, ncells, cells, map, &err) != 0)
		fail_msg("header_map failed: %s", err.msg);
}

static void map_bad(size_t ncells, const char *const *cells, struct kfq_err *err)
{
	struct header_map map;

	kfq_err_clear(err);
	assert_int_equal(header_map(DEFS, NDEFS, ncells, cells, &map, err), -1);
	assert_int_equal(err->kind, KFQ_EUSER);
}

static void cols_are(const struct header_map *map, int unit, int ind, int period, int value,
                     int measure)
{
	assert_int_equal(map->col[UNIT], unit);
	assert_int_equal(map->col[INDICATOR], ind);
	assert_int_equal(map->col[PERIOD], period);
	assert_int_equal(map->col[VALUE], value);
	assert_int_equal(map->col[MEASURE], measure);
}

static void test_english(void **state)
{
	static const char *const cells[] = { "unit", "indicator", "period", "value" };
	struct header_map map;

	(void)state;
	map_ok(NCELLS(cells), cells, &map);
	cols_are(&map, 0, 1, 2, 3, -1);
	for (int i = 0; i < NDEFS; i++)
		assert_string_equal(map.measure[i], "");
}

static void test_chinese_any_order(void **state)
{
	static const char *const cells[] = { "数值", "报告期", "计量单位", "单位代码", "指标" };
	static const char *const cells2[] = { "时期", "单位", "累计值", "指标代码" };
	struct header_map map;

	(void)state;
	map_ok(NCELLS(cells), cells, &map);
	cols_are(&map, 3, 4, 1, 0, 2);
	map_ok(NCELLS(cells2), cells2, &map);
	cols_are(&map, 1, 3, 0, 2, -1);
}

static void test_any_case_and_spaces(void **state)
{
	static const char *const cells[] = { "UNIT", " Indicator ", "\tPeriod", "vAlUe  ", "Measure" };
	struct header_map map;

	(void)state;
	map_ok(NCELLS(cells), cells, &map);
	cols_are(&map, 0, 1, 2, 3, 4);
}

static void test_measure_in_brackets(void **state)
{
	static const char *const cells[] = { "unit", "indicator", "period", "value(万元)" };
	static const char *const spaced[] = { "unit", "indicator", "period", " Value ( 万元 ) " };
	static const char *const wide[] = { "单位", "指标", "期间", "数值（亿元）" };
	static const char *const wide_spaced[] = { "单位", "指标", "期间", " 数值 （ 亿元 ） " };
	static const char *const ascii_zh[] = { "单位", "指标", "期间", "本期值(万美元)" };
	struct header_map map;

	(void)state;
	map_ok(NCELLS(cells), cells, &map);
	cols_are(&map, 0, 1, 2, 3, -1);
	assert_string_equal(map.measure[VALUE], "万元");
	assert_string_equal(map.measure[UNIT], "");
	map_ok(NCELLS(spaced), spaced, &map);
	assert_int_equal(map.col[VALUE], 3);
	assert_string_equal(map.measure[VALUE], "万元");
	map_ok(NCELLS(wide), wide, &map);
	assert_int_equal(map.col[VALUE], 3);
	assert_string_equal(map.measure[VALUE], "亿元");
	map_ok(NCELLS(wide_spaced), wide_spaced, &map);
	assert_int_equal(map.col[VALUE], 3);
	assert_string_equal(map.measure[VALUE], "亿元");
	map_ok(NCELLS(ascii_zh), ascii_zh, &map);
	assert_int_equal(map.col[VALUE], 3);
	assert_string_equal(map.measure[VALUE], "万美元");
}

static void test_empty_cells_ignored(void **state)
{
	static const char *const cells[] = { "", "unit", " ", "indicator", "period", "value", "", "\t" };
	struct header_map map;

	(void)state;
	map_ok(NCELLS(cells), cells, &map);
	cols_are(&map, 1, 3, 4, 5, -1);
}

static void test_unknown_column(void **state)
{
	static const char *const cells[] = { "unit", "indicator", "period", "value", "remark" };
	static const char *const near[] = { "units", "indicator", "period", "value" };
	static const char *const prefix[] = { "unit", "指标名称", "period", "value" };
	struct kfq_err err;

	(void)state;
	map_bad(NCELLS(cells), cells, &err);
	assert_err_has(&err, "column 5: unknown column \"remark\"");
	assert_err_has(&err, EXPECTED);
	/* Near misses are not guessed at. */
	map_bad(NCELLS(near), near, &err);
	assert_err_has(&err, "column 1: unknown column \"units\"");
	assert_err_has(&err, EXPECTED);
	map_bad(NCELLS(prefix), prefix, &err);
	assert_err_has(&err, "column 2: unknown column \"指标名称\"");
}

static void test_unknown_column_with_measure(void **state)
{
	static const char *const cells[] = { "unit", "indicator", "period", "amount(万元)" };
	struct kfq_err err;

	(void)state;
	/* The message quotes the cell as the user wrote it. */
	map_bad(NCELLS(cells), cells, &err);
	assert_err_has(&err, "column 4: unknown column \"amount(万元)\"");
	assert_err_has(&err, EXPECTED);
}

static void test_repeated_column(void **state)
{
	static const char *const cells[] = { "unit", "indicator", "单位", "period", "value" };
	static const char *const values[] = { "unit", "indicator", "period", "value(万元)", "数值（亿元）" };
	struct kfq_err err;

	(void)state;
	map_bad(NCELLS(cells), cells, &err);
	assert_err_has(&err, "column 3: \"单位\" repeats column 1");
	map_bad(NCELLS(values), values, &err);
	assert_err_has(&err, "column 5: \"数值（亿元）\" repeats column 4");
}

static void test_missing_column(void **state)
{
	static const char *const cells[] = { "unit", "indicator", "value" };
	static const char *const none[] = { "", " " };
	struct kfq_err err;

	(void)state;
	map_bad(NCELLS(cells), cells, &err);
	assert_err_has(&err, "missing column \"period\"");
	assert_err_has(&err, EXPECTED);
	/* A header of empty cells lacks the first required column. */
	map_bad(NCELLS(none), none, &err);
	assert_err_has(&err, "missing column \"unit\"");
	map_bad(0, none, &err);
	assert_err_has(&err, "missing column \"unit\"");
}

/* A measure too long to keep is cut at a character boundary, never dropped
 * (the importer would otherwise read the values in the indicator's own
 * measure instead of reporting an unknown one); the column still matches. */
static void test_measure_too_long(void **state)
{
	static const char *const cells[] = { "unit", "indicator", "period",
	                                     "value(一二三四五六七八九十万元)" };
	static const char *const wide[] = { "unit", "indicator", "period",
	                                    "数值（一二三四五六七八九十万元）" };
	struct header_map map;

	(void)state;
	map_ok(NCELLS(cells), cells, &map);
	assert_int_equal(map.col[VALUE], 3);
	assert_string_equal(map.measure[VALUE], "一二三四五六七八九十");
	map_ok(NCELLS(wide), wide, &map);
	assert_int_equal(map.col[VALUE], 3);
	assert_string_equal(map.measure[VALUE], "一二三四五六七八九十");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_english),
		cmocka_unit_test(test_chinese_any_order),
		cmocka_unit_test(test_any_case_and_spaces),
		cmocka_unit_test(test_measure_in_brackets),
		cmocka_unit_test(test_empty_cells_ignored),
		cmocka_unit_test(test_unknown_column),
		cmocka_unit_test(test_unknown_column_with_measure),
		cmocka_unit_test(test_repeated_column),
		cmocka_unit_test(test_missing_column),
		cmocka_unit_test(test_measure_too_long),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
