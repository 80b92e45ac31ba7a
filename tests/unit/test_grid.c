/* test_grid.c: unit tests for tabular output (report/grid.c): CSV with
 * quoting, JSON with numeric columns and null for empty cells, Markdown,
 * aligned text with Chinese characters two columns wide, display widths,
 * the --format option, grids large enough to be written in pieces, and
 * rows written as they come (grid_stream). */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>

#include "base/sbuf.h"
#include "report/grid.h"

static const char *const KEYS[] = { "unit", "name", "value" };
static const char *const HEADS[] = { "代码", "单位", "数值" };

/* Render g as f into a new string; the caller frees it. */
static char *render(const struct grid *g, enum grid_format f)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);

	assert_non_null(out);
	grid_write(g, f, out);
	assert_int_equal(fclose(out), 0);
	return buf;
}

static void render_is(const struct grid *g, enum grid_format f, const char *want)
{
	char *got = render(g, f);

	assert_string_equal(got, want);
	free(got);
}

/* Three rows: plain, a comma, quotes and an empty value. */
static void sample(struct grid *g)
{
	grid_init(g, 3, KEYS, HEADS);
	grid_numeric(g, 2);
	grid_row(g);
	grid_set(g, 0, "321181");
	grid_set(g, 1, "丹阳");
	grid_set(g, 2, "349.42");
	grid_row(g);
	grid_set(g, 0, "321182");
	grid_set(g, 1, "扬中, 镇江");
	grid_set(g, 2, "-0.5");
	grid_row(g);
	grid_set(g, 0, "321183");
	grid_set(g, 1, "say \"x\"");
	grid_set(g, 2, NULL);
}

static void test_csv(void **state)
{
	struct grid g;

	(void)state;
	sample(&g);
	/* CSV uses the keys, not the headings, and quotes where RFC 4180 says. */
	render_is(&g, GRID_CSV,
	          "unit,name,value\n"
	          "321181,丹阳,349.42\n"
	          "321182,\"扬中, 镇江\",-0.5\n"
	          "321183,\"say \"\"x\"\"\",\n");
	grid_release(&g);
}

static void test_csv_newlines(void **state)
{
	static const char *const keys[] = { "a,b", "c" };
	struct grid g;

	(void)state;
	grid_init(&g, 2, keys, NULL);
	grid_row(&g);
	grid_set(&g, 0, "line1\nline2");
	grid_set(&g, 1, "cr\rhere");
	render_is(&g, GRID_CSV, "\"a,b\",c\n\"line1\nline2\",\"cr\rhere\"\n");
	grid_release(&g);
}

static void test_json(void **state)
{
	struct grid g;

	(void)state;
	sample(&g);
	/* Numeric columns are bare numbers; text, even digits, stays a string;
	 * an empty cell is null. */
	render_is(&g, GRID_JSON,
	          "[\n"
	          " {\"unit\": \"321181\", \"name\": \"丹阳\", \"value\": 349.42},\n"
	          " {\"unit\": \"321182\", \"name\": \"扬中, 镇江\", \"value\": -0.5},\n"
	          " {\"unit\": \"321183\", \"name\": \"say \\\"x\\\"\", \"value\": null}\n"
	          "]\n");
	grid_release(&g);
}

static void test_json_empty(void **state)
{
	struct grid g;

	(void)state;
	grid_init(&g, 3, KEYS, HEADS);
	render_is(&g, GRID_JSON, "[\n]\n");
	/* An empty string is an empty cell: null, in text columns as well. */
	grid_row(&g);
	grid_set(&g, 0, "");
	render_is(&g, GRID_JSON, "[\n {\"unit\": null, \"name\": null, \"value\": null}\n]\n");
	grid_release(&g);
}

static void test_md(void **state)
{
	struct grid g;

	(void)state;
	sample(&g);
	grid_row(&g);
	grid_set(&g, 1, "a|b");
	render_is(&g, GRID_MD,
	          "| 代码 | 单位 | 数值 |\n"
	          "| --- | --- | ---: |\n"
	          "| 321181 | 丹阳 | 349.42 |\n"
	          "| 321182 | 扬中, 镇江 | -0.5 |\n"
	          "| 321183 | say \"x\" |  |\n"
	          "|  | a&#124;b |  |\n");
	grid_release(&g);
}

static void test_table_alignment(void **state)
{
	static const char *const keys[] = { "name", "value" };
	static const char *const heads[] = { "单位", "数值" };
	struct grid g;
	char *got, *line, *nl;

	(void)state;
	grid_init(&g, 2, keys, heads);
	grid_numeric(&g, 1);
	grid_row(&g);
	grid_set(&g, 0, "丹阳");
	grid_set(&g, 1, "349.42");
	grid_row(&g);
	grid_set(&g, 0, "Total");
	grid_set(&g, 1, "1.5");
	/* Text left-aligned, numbers right-aligned, Chinese two columns wide. */
	got = render(&g, GRID_TABLE);
	assert_string_equal(got,
	                    "单位     数值\n"
	                    "丹阳   349.42\n"
	                    "Total     1.5\n");
	/* Every line is as wide on screen. */
	for (line = got; *line; line = nl + 1) {
		nl = strchr(line, '\n');
		assert_non_null(nl);
		*nl = '\0';
		assert_int_equal(grid_text_width(line), 13);
	}
	free(got);
	grid_release(&g);
}

static void test_table_headings_default_to_keys(void **state)
{
	static const char *const keys[] = { "code", "n" };
	struct grid g;

	(void)state;
	grid_init(&g, 2, keys, NULL);
	grid_numeric(&g, 1);
	grid_row(&g);
	grid_set(&g, 0, "a");
	grid_set(&g, 1, "12345");
	render_is(&g, GRID_TABLE, "code      n\na     12345\n");
	grid_release(&g);
}

static void test_text_width(void **state)
{
	(void)state;
	assert_int_equal(grid_text_width(""), 0);
	assert_int_equal(grid_text_width("abc"), 3);
	assert_int_equal(grid_text_width("丹阳"), 4);
	assert_int_equal(grid_text_width("丹阳abc"), 7);
	assert_int_equal(grid_text_width("349.42"), 6);
	assert_int_equal(grid_text_width("（万元）"), 8);     /* full-width brackets */
	assert_int_equal(grid_text_width("，。"), 4);
	assert_int_equal(grid_text_width("한국"), 4);
	assert_int_equal(grid_text_width("é"), 1);
	assert_int_equal(grid_text_width("–"), 1);           /* en dash: narrow */
	/* Broken UTF-8 never reads past the end. */
	assert_int_equal(grid_text_width("\xe4"), 1);
	assert_int_equal(grid_text_width("a\xe4\xb8"), 2);
}

static void format_ok(const char *s, int allow_md, enum grid_format want)
{
	enum grid_format f = (enum grid_format)99;
	struct kfq_err err;

	kfq_err_clear(&err);
	assert_int_equal(grid_parse_format(s, allow_md, &f, &err), 0);
	assert_int_equal(f, want);
}

static void format_bad(const char *s, int allow_md, const char *needle)
{
	enum grid_format f = GRID_CSV;
	struct kfq_err err;
	char quoted[64];

	kfq_err_clear(&err);
	assert_int_equal(grid_parse_format(s, allow_md, &f, &err), -1);
	assert_int_equal(err.kind, KFQ_EUSER);
	snprintf(quoted, sizeof quoted, "\"%s\"", s);
	assert_err_has(&err, "--format");
	assert_err_has(&err, quoted);
	assert_err_has(&err, needle);
	assert_int_equal(f, GRID_CSV);
}

static void test_parse_format(void **state)
{
	struct kfq_err err;

	(void)state;
	format_ok(NULL, 0, GRID_TABLE);
	format_ok("table", 0, GRID_TABLE);
	format_ok("csv", 0, GRID_CSV);
	format_ok("json", 0, GRID_JSON);
	format_ok("md", 1, GRID_MD);
	format_ok("csv", 1, GRID_CSV);
	format_bad("xml", 1, "expected table, csv, json or md");
	format_bad("xml", 0, "expected table, csv or json)");
	format_bad("md", 0, "expected table, csv or json)");
	format_bad("", 1, "expected table, csv, json or md");
	format_bad("csv ", 0, "expected");
	/* Where markdown is not allowed, the message does not offer it. */
	kfq_err_clear(&err);
	grid_parse_format("md", 0, &(enum grid_format){ GRID_TABLE }, &err);
	assert_null(strstr(err.msg, "or md"));
}

static void test_setf(void **state)
{
	static const char *const keys[] = { "a", "b" };
	struct grid g;
	char big[1500];
	char *got;
	struct sbuf want;

	(void)state;
	memset(big, 'x', sizeof big - 4);
	memcpy(big + sizeof big - 4, "丹", 4);     /* ends in a 3-byte character */
	grid_init(&g, 2, keys, NULL);
	grid_row(&g);
	grid_setf(&g, 0, "%s=%d", "n", 42);
	grid_setf(&g, 1, "%s", big);
	got = render(&g, GRID_CSV);
	/* Formatted cells are kept whole, however long. */
	sbuf_init(&want);
	sbuf_addf(&want, "a,b\nn=42,%s\n", big);
	assert_string_equal(got, want.buf);
	sbuf_release(&want);
	free(got);
	/* Formatting to nothing leaves the cell empty. */
	grid_setf(&g, 1, "%s", "");
	render_is(&g, GRID_JSON, "[\n {\"a\": \"n=42\", \"b\": null}\n]\n");
	grid_release(&g);
}

static void test_set_replaces(void **state)
{
	static const char *const keys[] = { "a", "b" };
	struct grid g;
	char text[] = "first";

	(void)state;
	grid_init(&g, 2, keys, NULL);
	grid_row(&g);
	grid_set(&g, 0, text);
	text[0] = 'F';                               /* the grid holds its own copy */
	grid_set(&g, 1, "old");
	grid_set(&g, 1, "new");
	render_is(&g, GRID_CSV, "a,b\nfirst,new\n");
	grid_set(&g, 1, NULL);
	render_is(&g, GRID_CSV, "a,b\nfirst,\n");
	grid_release(&g);
}

/* Enough rows that CSV output is written in several pieces, and the cell
 * array grows many times; rows never set stay empty. */
static void test_large(void **state)
{
	struct grid g;
	struct sbuf want;
	char *got;
	const size_t rows = 10000;

	(void)state;
	grid_init(&g, 3, KEYS, HEADS);
	sbuf_init(&want);
	sbuf_adds(&want, "unit,name,value\n");
	for (size_t r = 0; r < rows; r++) {
		assert_int_equal(grid_row(&g), r);
		if (r % 7 == 3) {
			sbuf_adds(&want, ",,\n");
			continue;
		}
		grid_setf(&g, 0, "U%05zu", r);
		grid_setf(&g, 1, "单位%zu, 分组", r);
		grid_setf(&g, 2, "%zu.%zu", r, r % 10);
		sbuf_addf(&want, "U%05zu,\"单位%zu, 分组\",%zu.%zu\n", r, r, r, r % 10);
	}
	assert_true(want.len > 3 * (1 << 16));   /* written in at least three pieces */
	got = render(&g, GRID_CSV);
	assert_int_equal(strlen(got), want.len);
	assert_string_equal(got, want.buf);
	free(got);
	sbuf_release(&want);
	grid_release(&g);
}

/* Row r of the streaming test: empty cells, commas, quotes, a newline. */
static void fill(struct grid *g, size_t r)
{
	grid_row(g);
	if (r % 7 == 3)
		return;
	grid_setf(g, 0, "U%05zu", r);
	grid_setf(g, 1, r % 5 == 1 ? "单位%zu, \"分组\"\n第二行" : "单位%zu", r);
	if (r % 4)
		grid_setf(g, 2, "%zu.%zu", r, r % 10);
}

/* Rows streamed as they come give the bytes grid_write gives for the same
 * grid, CSV and JSON, none to many pieces, and hold one row at a time. */
static void test_stream(void **state)
{
	static const size_t COUNTS[] = { 0, 1, 3, 10000 };
	(void)state;
	for (int f = 0; f < 2; f++) {
		enum grid_format fmt = f ? GRID_JSON : GRID_CSV;
		for (size_t k = 0; k < sizeof COUNTS / sizeof COUNTS[0]; k++) {
			struct grid whole, g;
			char *want, *got = NULL;
			size_t len = 0;
			FILE *out = open_memstream(&got, &len);

			assert_non_null(out);
			grid_init(&whole, 3, KEYS, HEADS);
			grid_numeric(&whole, 2);
			grid_init(&g, 3, KEYS, HEADS);
			grid_numeric(&g, 2);
			grid_stream(&g, fmt, out);
			for (size_t r = 0; r < COUNTS[k]; r++) {
				fill(&whole, r);
				fill(&g, r);
				assert_true(g.nrows == 1);
			}
			grid_stream_end(&g);
			assert_int_equal(g.streamed, COUNTS[k]);
			assert_int_equal(g.nrows, 0);
			assert_int_equal(fclose(out), 0);
			want = render(&whole, fmt);
			assert_int_equal(len, strlen(want));
			assert_string_equal(got, want);
			if (COUNTS[k] == 10000)
				assert_true(len > 3 * (1 << 16));   /* written in pieces */
			free(want);
			free(got);
			grid_release(&whole);
			grid_release(&g);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv),
		cmocka_unit_test(test_csv_newlines),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_json_empty),
		cmocka_unit_test(test_md),
		cmocka_unit_test(test_table_alignment),
		cmocka_unit_test(test_table_headings_default_to_keys),
		cmocka_unit_test(test_text_width),
		cmocka_unit_test(test_parse_format),
		cmocka_unit_test(test_setf),
		cmocka_unit_test(test_set_replaces),
		cmocka_unit_test(test_large),
		cmocka_unit_test(test_stream),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
