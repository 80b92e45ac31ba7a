/* test_msg.c: unit tests for the message catalogue (base/msg.c, msg_zh.c)
 * and the two languages of struct kfq_err (base/err.c): every translation
 * takes the same arguments as its English original, in the same order, so
 * that formatting one can never crash or put a value in the wrong place;
 * the catalogue is sorted for its binary search; a message and the
 * prefixes put on it later come out in both languages; a format missing
 * from the catalogue stays English. */
#include "testutil.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "base/dec.h"
#include "base/msg.h"
#include "base/period.h"

/* Every entry of the catalogue (po/zh_CN.po, in its own order): its
 * Chinese takes the English's arguments, its English is there once, and
 * the look-up finds it. */
static void test_catalogue_conversions_match(void **state)
{
	(void)state;
	assert_true(MSG_ZH_COUNT > 100);
	for (size_t i = 0; i < MSG_ZH_COUNT; i++) {
		if (!msg_same_conversions(MSG_ZH[i].en, MSG_ZH[i].zh))
			fail_msg("the conversions differ:\n  en: %s\n  zh: %s", MSG_ZH[i].en, MSG_ZH[i].zh);
		for (size_t j = 0; j < i; j++)
			if (!strcmp(MSG_ZH[j].en, MSG_ZH[i].en))
				fail_msg("given twice: \"%s\"", MSG_ZH[i].en);
		assert_ptr_equal(msg_zh(MSG_ZH[i].en), MSG_ZH[i].zh);
	}
}

/* The check itself: what consumes an argument must agree, kind and size;
 * the text around, flags and digit widths may differ. */
static void test_same_conversions(void **state)
{
	(void)state;
	assert_true(msg_same_conversions("a %s b %zu", "甲 %s 乙 %zu"));
	assert_true(msg_same_conversions("byte 0x%02X", "字节 0x%X"));        /* digits may differ */
	assert_true(msg_same_conversions("100%% of %d", "%d 的全部"));         /* %% takes nothing */
	assert_true(msg_same_conversions("no conversion", "无"));
	assert_true(msg_same_conversions("\"%.*s\"", "\"%.*s\""));
	assert_false(msg_same_conversions("%s then %d", "%d then %s"));      /* order */
	assert_false(msg_same_conversions("%zu", "%u"));                     /* size_t vs unsigned */
	assert_false(msg_same_conversions("%lld", "%ld"));
	assert_false(msg_same_conversions("\"%.*s\"", "\"%s\""));            /* .* takes an int */
	assert_false(msg_same_conversions("%s: %s", "%s"));                  /* one too few */
	assert_false(msg_same_conversions("%s", "%s %s"));                   /* one too many */
	assert_false(msg_same_conversions("%d", "%n"));
}

/* A parser's message, then the column and the file line an import puts in
 * front: both languages, each prefix translated as catalogued ("%s:%zu" is
 * the same in both). */
static void test_prefix_in_both_languages(void **state)
{
	struct kfq_err err;
	dec v;
	(void)state;

	kfq_err_clear(&err);
	assert_int_equal(dec_parse("12x", 0, &v, &err), -1);
	kfq_err_prefix(&err, "column \"%s\"", "value");
	kfq_err_prefix(&err, "%s:%zu", "bad.csv", (size_t)3);
	assert_string_equal(err.msg, "bad.csv:3: column \"value\": not a number: \"12x\" "
	                    "(expected digits such as 1234.5)");
	assert_string_equal(err.zh, "bad.csv:3: 列 \"value\": 不是数字: \"12x\"（应为 1234.5 这样的数字）");
	assert_string_equal(kfq_err_msg(&err, KFQ_EN), err.msg);
	assert_string_equal(kfq_err_msg(&err, KFQ_ZH), err.zh);
	assert_int_equal(err.kind, KFQ_EUSER);
}

/* A prefix whose format is not catalogued goes on the Chinese as it is. */
static void test_untranslated_prefix(void **state)
{
	struct kfq_err err;
	struct period p;
	(void)state;

	kfq_err_clear(&err);
	assert_int_equal(period_parse("2017-13", &p, &err), -1);
	assert_non_null(strstr(err.zh, "不是期间: \"2017-13\""));
	kfq_err_prefix(&err, "--%s", "period");
	assert_true(strncmp(err.zh, "--period: 不是期间", strlen("--period: 不是期间")) == 0);
	assert_true(strncmp(err.msg, "--period: not a period", strlen("--period: not a period")) == 0);
}

/* A format missing from the catalogue: no Chinese text, so both languages
 * read the English, prefixes and all; a field is kept apart as before. */
static void test_unknown_format_falls_back(void **state)
{
	struct kfq_err err;
	(void)state;

	kfq_err_clear(&err);
	kfq_error_field(&err, "rating", "no such message in the catalogue: %d", 7);
	assert_string_equal(err.zh, "");
	assert_string_equal(kfq_err_msg(&err, KFQ_ZH), "no such message in the catalogue: 7");
	kfq_err_prefix(&err, "%s:%zu", "f.csv", (size_t)2);    /* a catalogued prefix */
	assert_string_equal(err.zh, "");
	assert_string_equal(kfq_err_msg(&err, KFQ_ZH), "f.csv:2: no such message in the catalogue: 7");
	assert_string_equal(err.field, "rating");
	assert_null(msg_zh("no such message in the catalogue: %d"));
	assert_null(msg_zh(NULL));
}

/* A message set again drops the Chinese of the one before; kfq_err_zh
 * gives a message its Chinese outright; clearing clears both. */
static void test_set_again_and_clear(void **state)
{
	struct kfq_err err;
	(void)state;

	kfq_err_clear(&err);
	kfq_error(&err, "unknown unit \"%s\"", "p9");
	assert_string_equal(err.zh, "未知的单位 \"p9\"");
	kfq_error(&err, "not in the catalogue");
	assert_string_equal(err.zh, "");
	kfq_err_zh(&err, "不在目录中: %s", "甲");
	assert_string_equal(kfq_err_msg(&err, KFQ_ZH), "不在目录中: 甲");
	assert_string_equal(kfq_err_msg(&err, KFQ_EN), "not in the catalogue");
	kfq_err_clear(&err);
	assert_string_equal(err.zh, "");
	assert_string_equal(err.msg, "");
	assert_int_equal(kfq_error(NULL, "unknown unit \"%s\"", "p9"), -1);   /* no err: fine */
}

/* The system's words for an error (strerror's English) read in Chinese
 * in a Chinese message, translated or not; the English keeps them. */
static void test_system_errors_in_chinese(void **state)
{
	struct kfq_err err;
	char longname[2100];
	(void)state;

	kfq_err_clear(&err);
	kfq_error(&err, "%s: cannot open: %s", "9月.csv", strerror(ENOENT));
	assert_string_equal(err.msg, "9月.csv: cannot open: No such file or directory");
	assert_non_null(strstr(err.zh, "9月.csv"));
	assert_non_null(strstr(err.zh, "没有该文件或目录"));
	assert_null(strstr(err.zh, "No such file"));
	kfq_env(&err, "%s: %s", "out.csv", strerror(ENOSPC));   /* no entry for "%s: %s" */
	assert_string_equal(kfq_err_msg(&err, KFQ_ZH), "out.csv: 磁盘空间不足");
	assert_string_equal(kfq_err_msg(&err, KFQ_EN), "out.csv: No space left on device");
	kfq_env(&err, "%s: %s", "out.csv", "an English sentence");   /* nothing to translate */
	assert_string_equal(err.zh, "");
	memset(longname, 'x', sizeof longname - 1);   /* the words past the end: cut, no overrun */
	longname[sizeof longname - 1] = '\0';
	kfq_env(&err, "%s: %s", longname, strerror(EACCES));
	assert_true(strlen(err.zh) < sizeof err.zh);
}

/* A long Chinese message is cut, never overrun, and stays a string. */
static void test_long_message_is_cut(void **state)
{
	struct kfq_err err;
	char big[3000];
	(void)state;

	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	kfq_err_clear(&err);
	kfq_error(&err, "unknown unit \"%s\"", big);
	assert_int_equal(strlen(err.zh), sizeof err.zh - 1);
	kfq_err_prefix(&err, "column \"%s\"", "unit");
	assert_int_equal(strlen(err.zh), sizeof err.zh - 1);
	assert_true(strncmp(err.zh, "列 \"unit\": 未知的单位", strlen("列 \"unit\": 未知的单位")) == 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_catalogue_conversions_match),
		cmocka_unit_test(test_same_conversions),
		cmocka_unit_test(test_prefix_in_both_languages),
		cmocka_unit_test(test_untranslated_prefix),
		cmocka_unit_test(test_unknown_format_falls_back),
		cmocka_unit_test(test_set_again_and_clear),
		cmocka_unit_test(test_system_errors_in_chinese),
		cmocka_unit_test(test_long_message_is_cut),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
