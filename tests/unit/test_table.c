/* test_table.c: unit tests for reading tables (base/table.c, csv.c, xlsx.c):
 * CSV encodings (UTF-8, BOM, GB18030), line ends, RFC 4180 quoting and the
 * line numbers of records after multi-line cells, skipped empty rows, every
 * quoting and encoding error; XLSX files written by libxlsxwriter and built
 * by hand with libzip (inline strings, rich text, booleans, gaps, sheets by
 * name), and every way an XLSX can be broken: not a ZIP, truncated, damaged,
 * no workbook, bad XML, a DOCTYPE, a zip bomb. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include <zip.h>

#include "base/sbuf.h"
#include "base/table.h"
#include "base/xalloc.h"

/* ---- collecting rows as "line:cell|cell\n" ---- */

struct got {
	struct sbuf out;
	size_t rows;
	size_t stop_at;       /* return -1 on this row (1-based); 0: never */
};

static int collect(void *ctx, size_t line, size_t ncells, const char *const *cells,
                   struct kfq_err *err)
{
	struct got *g = ctx;

	g->rows++;
	if (g->stop_at && g->rows == g->stop_at)
		return kfq_error(err, "stopped at line %zu", line);
	sbuf_addf(&g->out, "%zu:", line);
	for (size_t i = 0; i < ncells; i++) {
		if (i)
			sbuf_addc(&g->out, '|');
		sbuf_adds(&g->out, cells[i]);
	}
	sbuf_addc(&g->out, '\n');
	return 0;
}

static void got_init(struct got *g)
{
	memset(g, 0, sizeof *g);
	sbuf_init(&g->out);
}

/* Parse s as CSV; returns what table_each_csv returns, rows in g. */
static int csv(const char *s, size_t len, struct got *g, struct kfq_err *err)
{
	got_init(g);
	kfq_err_clear(err);
	return table_each_csv("t.csv", s, len, collect, g, err);
}

static void csv_ok(const char *s, size_t len, const char *want)
{
	struct got g;
	struct kfq_err err;

	if (csv(s, len, &g, &err) != 0)
		fail_msg("unexpected error: %s", err.msg);
	assert_string_equal(g.out.buf, want);
	sbuf_release(&g.out);
}

static void csv_bad(const char *s, size_t len, const char *needle)
{
	struct got g;
	struct kfq_err err;

	assert_int_equal(csv(s, len, &g, &err), -1);
	assert_int_equal(err.kind, KFQ_EUSER);
	assert_err_has(&err, "t.csv: ");
	assert_err_has(&err, needle);
	sbuf_release(&g.out);
}

#define CSV_OK(lit, want) csv_ok((lit), sizeof(lit) - 1, (want))
#define CSV_BAD(lit, needle) csv_bad((lit), sizeof(lit) - 1, (needle))

/* ---- CSV ---- */

static void test_csv_plain(void **state)
{
	(void)state;
	CSV_OK("a,b,c\n1,2,3\n", "1:a|b|c\n2:1|2|3\n");
	CSV_OK("a,b\n1,2", "1:a|b\n2:1|2\n");                 /* no final newline */
	CSV_OK("ent0001,taxable_sales,2017-08,12345.67\n",
	       "1:ent0001|taxable_sales|2017-08|12345.67\n");
	CSV_OK("单位,金额\n丹阳,1.5\n", "1:单位|金额\n2:丹阳|1.5\n");
	CSV_OK(" a , b \t\n", "1: a | b \t\n");               /* no trimming */
	CSV_OK("a,,c,\n", "1:a||c|\n");                       /* empty cells kept */
	CSV_OK("", "");
	assert_string_equal(table_csv_encoding("a,b\n", 4), "UTF-8");
	assert_string_equal(table_csv_encoding("单位\n", strlen("单位\n")), "UTF-8");
}

static void test_csv_bom(void **state)
{
	(void)state;
	CSV_OK("\xEF\xBB\xBFname,单位\nx,y\n", "1:name|单位\n2:x|y\n");
	CSV_OK("\xEF\xBB\xBF", "");
	assert_string_equal(table_csv_encoding("\xEF\xBB\xBF" "a\n", 5), "UTF-8");
	/* a BOM says UTF-8: bad bytes after it are not taken for GB18030 */
	CSV_BAD("\xEF\xBB\xBF" "a\n\xb5\xa5\n", "line 2, byte offset 5: byte 0xB5 is not valid UTF-8");
}

static void test_csv_line_ends(void **state)
{
	(void)state;
	CSV_OK("a,b\r\nc,d\r\n\r\ne,f", "1:a|b\n2:c|d\n4:e|f\n");
	CSV_OK("a,b\r\nc,d\r\n", "1:a|b\n2:c|d\n");
	CSV_OK("a\rb\r\rc", "1:a\n2:b\n4:c\n");               /* lone CR ends a line too */
	CSV_OK("\n\na\n", "3:a\n");
}

static void test_csv_quoting(void **state)
{
	(void)state;
	CSV_OK("h1,h2\n"
	       "\"a,b\",\"say \"\"hi\"\"\"\n"
	       "\"multi\nline\r\ntext\",x\n"
	       "last,row\n"
	       "\"\"\"\",\"\"\n"
	       "\"x\ny\",\"\n\"\n"
	       "end,\"q\"",
	       "1:h1|h2\n"
	       "2:a,b|say \"hi\"\n"
	       "3:multi\nline\r\ntext|x\n"
	       "6:last|row\n"
	       "7:\"|\n"
	       "8:x\ny|\n\n"
	       "11:end|q\n");
	/* a quoted cell ending the file without a newline */
	CSV_OK("a,\"b\nc\"", "1:a|b\nc\n");
}

static void test_csv_empty_rows(void **state)
{
	(void)state;
	CSV_OK("a,b\n,,,,\n\n\r\n\"\",\"\"\n,\nx,y\n,,,\n", "1:a|b\n7:x|y\n");
	CSV_OK(",,,,\r\n,,,,\r\n", "");
}

static void test_csv_gb18030(void **state)
{
	static const char gb[] = "\xb5\xa5\xce\xbb,\xbd\xf0\xb6\xee\n"
	                         "\"a\n\xb5\xa5\",1\n"
	                         "x,2\n";
	(void)state;
	assert_string_equal(table_csv_encoding(gb, sizeof gb - 1), "GB18030");
	CSV_OK(gb, "1:单位|金额\n2:a\n单|1\n4:x|2\n");
}

/* GB18030 that is also valid UTF-8 (伟业: CE B0 D2 B5, "ΰҵ") is refused
 * with both readings, not read as Greek and Cyrillic; UTF-8 with accents
 * only, or with Chinese beside such letters, is UTF-8. */
static void test_csv_two_readings(void **state)
{
	(void)state;
	CSV_BAD("code,name\nz,\xce\xb0\xd2\xb5\n",
	        "line 2: the file reads two ways: as UTF-8 \"\xce\xb0\xd2\xb5\", as GB18030 "
	        "\"\xe4\xbc\x9f\xe4\xb8\x9a\"");
	CSV_BAD("code,name\nabcdefghijklmnop,x\nz,q\xce\xb0\xd2\xb5,\xce\xb0\n", "line 3: the file reads two ways");
	CSV_OK("name\nCaf\xc3\xa9 m\xc2\xb2 25\xc2\xb0\n", "1:name\n2:Caf\xc3\xa9 m\xc2\xb2 25\xc2\xb0\n");
	CSV_OK("name\n\xce\xb1\xce\xb2 \xe5\x8d\x95\n", "1:name\n2:\xce\xb1\xce\xb2 \xe5\x8d\x95\n");
	/* with the byte-order mark the file says it is UTF-8 */
	CSV_OK("\xef\xbb\xbfname\n\xce\xb0\xd2\xb5\n", "1:name\n2:\xce\xb0\xd2\xb5\n");
	/* a lone Greek letter is doubtful too: α (CE B1) is GB18030's 伪 */
	CSV_BAD("name\n\xce\xb1\n", "as GB18030 \"\xe4\xbc\xaa\"");
}

static void test_csv_bad_encoding(void **state)
{
	(void)state;
	CSV_BAD("ok,1\nab\xff\xff,2\n", "line 2, byte offset 7: byte 0xFF is not valid");
	CSV_BAD("ok,1\nab\xff\xff,2\n", "neither UTF-8 (first bad byte 0xFF at line 2, byte offset 7) nor GB18030");
	/* a GB18030 lead byte cut off by the end of the file */
	CSV_BAD("a\n\xb5", "line 2, byte offset 2: byte 0xB5 is not valid");
	CSV_BAD("\xFF\xFE" "a\0,\0", "UTF-16");
	CSV_BAD("a,b\nc\0,d\n", "line 2, byte offset 5: a NUL byte; this is not a text CSV file");
	assert_string_equal(table_csv_encoding("\xff", 1), "GB18030");
}

static void test_csv_bad_quoting(void **state)
{
	(void)state;
	CSV_BAD("a,b\nc,\"open\nmore\nstuff\n", "line 2, column 3: this quoted cell is never closed");
	CSV_BAD("\"a\nb", "line 1, column 1: this quoted cell is never closed");
	CSV_BAD("x\n\n\"a\",\"b\n", "line 3, column 5: this quoted cell is never closed");
	CSV_BAD("a,b\"c\n", "line 1, column 4: a double quote (\") inside a cell");
	CSV_BAD("h\n\"a\"b,c\n", "line 2, column 4: text after the closing quote");
	CSV_BAD("单位,\"金额\" ,x\n", "line 1, column 8: text after the closing quote");
	CSV_BAD("\"multi\nline\",ok\nx\"y\n", "line 3, column 2: a double quote");
}

/* Long unquoted cells are scanned eight bytes at a time: a comma, a line
 * break or a stray quote at every offset must be found. */
static void test_csv_scan(void **state)
{
	static const char stops[] = ",\n\r\"";
	char in[64], want[80], needle[64];

	(void)state;
	for (int k = 0; k < 30; k++) {
		for (int t = 0; t < 4; t++) {
			char c = stops[t];
			memset(in, 'x', 40);
			in[k] = c;
			in[40] = '\0';
			if (c == '"') {
				snprintf(needle, sizeof needle, k ? "line 1, column %d: a double quote" :
				         "line 1, column %d: this quoted cell is never closed", k + 1);
				csv_bad(in, 40, needle);
				continue;
			}
			snprintf(want, sizeof want, "1:%.*s%s%.*s\n", k, in,
			         c == ',' ? "|" : k ? "\n2:" : "2:", 39 - k, in + k + 1);
			if (k == 39)               /* the break ends the file: no second row */
				snprintf(want, sizeof want, "1:%.*s%s\n", k, in, c == ',' ? "|" : "");
			csv_ok(in, 40, k == 0 && c != ',' ? want + 2 : want);
		}
	}
}

static void test_csv_stop(void **state)
{
	struct got g;
	struct kfq_err err;

	(void)state;
	got_init(&g);
	g.stop_at = 2;
	assert_int_equal(table_each_csv("t.csv", "a\nb\nc\n", 6, collect, &g, &err), -1);
	assert_string_equal(err.msg, "stopped at line 2");
	assert_int_equal(g.rows, 2);
	sbuf_release(&g.out);
}

/* Records spanning libcsv's chunks keep their lines and content. */
static void test_csv_big(void **state)
{
	struct sbuf in, want;
	struct got g;
	struct kfq_err err;
	char *cell = xmalloc(200001);

	(void)state;
	memset(cell, 'x', 200000);
	cell[100000] = '\n';
	cell[200000] = '\0';
	sbuf_init(&in);
	sbuf_init(&want);
	for (int i = 1; i <= 20000; i++) {
		sbuf_addf(&in, "r%d,%d.5\r\n", i, i);
		sbuf_addf(&want, "%d:r%d|%d.5\n", i, i, i);
	}
	sbuf_addf(&in, "\"%s\",end\r\n", cell);
	sbuf_addf(&want, "20001:%s|end\n", cell);
	sbuf_adds(&in, "after,1\r\n");
	sbuf_adds(&want, "20003:after|1\n");
	assert_int_equal(csv(in.buf, in.len, &g, &err), 0);
	assert_int_equal(g.rows, 20002);
	assert_true(strcmp(g.out.buf, want.buf) == 0);
	sbuf_release(&g.out);
	sbuf_release(&in);
	sbuf_release(&want);
	free(cell);
}

/* ---- files ---- */

static char *temp_path(void)
{
	char *path = xstrdup("/tmp/kfq-test-table-XXXXXX");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	return path;
}

static char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n >= 0);
	rewind(f);
	buf = xmalloc((size_t)n + 1);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return buf;
}

static void write_all(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

/* ---- XLSX written by libxlsxwriter ---- */

/* Sheet1 with shared strings, numbers, a gap in row 2 and a missing row 3;
 * a second sheet "Data". constant_memory makes inline strings instead. */
static char *make_book(int constant_memory)
{
	char *path = temp_path();
	lxw_workbook_options opt = { .constant_memory = (uint8_t)constant_memory };
	lxw_workbook *wb = workbook_new_opt(path, &opt);
	lxw_worksheet *ws, *data;

	assert_non_null(wb);
	ws = workbook_add_worksheet(wb, NULL);
	data = workbook_add_worksheet(wb, "Data");
	worksheet_write_string(ws, 0, 0, "name", NULL);
	worksheet_write_string(ws, 0, 1, "value", NULL);
	worksheet_write_string(ws, 0, 2, "note", NULL);
	worksheet_write_string(ws, 1, 0, "ent0001", NULL);
	worksheet_write_number(ws, 1, 1, 349.42, NULL);
	worksheet_write_string(ws, 1, 3, "far", NULL);
	worksheet_write_string(ws, 3, 0, "单位", NULL);
	worksheet_write_number(ws, 3, 1, 0.0015, NULL);
	worksheet_write_boolean(ws, 3, 2, 1, NULL);
	worksheet_write_formula_str(ws, 3, 3, "=\"a\"&\"b\"", NULL, "ab");
	worksheet_write_string(ws, 4, 0, "", NULL);           /* an empty row: skipped */
	worksheet_write_string(ws, 5, 1, "last", NULL);
	worksheet_write_string(data, 0, 0, "x", NULL);
	worksheet_write_number(data, 1, 0, 42, NULL);
	worksheet_write_string(data, 1, 2, "name", NULL);
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
	return path;
}

static const char book_sheet1[] = "1:name|value|note\n"
                                  "2:ent0001|349.42||far\n"
                                  "4:单位|0.0015|TRUE|ab\n"
                                  "6:|last\n";

static void xlsx_ok(const char *data, size_t len, const char *sheet, const char *want)
{
	struct got g;
	struct kfq_err err;

	got_init(&g);
	kfq_err_clear(&err);
	if (table_each_xlsx("t.xlsx", data, len, sheet, collect, &g, &err) != 0)
		fail_msg("unexpected error: %s", err.msg);
	assert_string_equal(g.out.buf, want);
	sbuf_release(&g.out);
}

static void xlsx_bad(const char *data, size_t len, const char *sheet, const char *needle)
{
	struct got g;
	struct kfq_err err;

	got_init(&g);
	kfq_err_clear(&err);
	assert_int_equal(table_each_xlsx("t.xlsx", data, len, sheet, collect, &g, &err), -1);
	assert_int_equal(err.kind, KFQ_EUSER);
	assert_err_has(&err, "t.xlsx: ");
	assert_err_has(&err, needle);
	sbuf_release(&g.out);
}

static void test_xlsx_book(void **state)
{
	char *path = make_book(0), *data;
	size_t len;

	(void)state;
	data = read_all(path, &len);
	xlsx_ok(data, len, NULL, book_sheet1);
	xlsx_ok(data, len, "Data", "1:x\n2:42||name\n");
	xlsx_ok(data, len, "data", "1:x\n2:42||name\n");      /* as Excel: case does not matter */
	xlsx_ok(data, len, "Sheet1", book_sheet1);
	xlsx_bad(data, len, "Nope", "no sheet named \"Nope\"; the sheets are: \"Sheet1\", \"Data\"");
	free(data);
	unlink(path);
	free(path);
}

static void test_xlsx_inline_strings(void **state)
{
	char *path = make_book(1), *data;
	size_t len;

	(void)state;
	data = read_all(path, &len);
	xlsx_ok(data, len, NULL, book_sheet1);
	xlsx_ok(data, len, "Data", "1:x\n2:42||name\n");
	free(data);
	unlink(path);
	free(path);
}

static void test_xlsx_stop(void **state)
{
	char *path = make_book(0), *data;
	struct got g;
	struct kfq_err err;
	size_t len;

	(void)state;
	data = read_all(path, &len);
	got_init(&g);
	g.stop_at = 2;
	assert_int_equal(table_each_xlsx("t.xlsx", data, len, NULL, collect, &g, &err), -1);
	assert_string_equal(err.msg, "stopped at line 2");
	assert_int_equal(g.rows, 2);
	sbuf_release(&g.out);
	free(data);
	unlink(path);
	free(path);
}

/* ---- XLSX built by hand ---- */

struct part {
	const char *name, *text;
};

static char *make_zip(const struct part *parts, size_t *len)
{
	char *path = temp_path(), *data;
	int zerr = 0;
	zip_t *za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &zerr);

	assert_non_null(za);
	for (; parts->name; parts++) {
		zip_source_t *src = zip_source_buffer(za, parts->text, strlen(parts->text), 0);
		assert_non_null(src);
		assert_true(zip_file_add(za, parts->name, src, ZIP_FL_ENC_UTF_8) >= 0);
	}
	assert_int_equal(zip_close(za), 0);
	data = read_all(path, len);
	unlink(path);
	free(path);
	return data;
}

#define RELS_NS "http://schemas.openxmlformats.org/package/2006/relationships"
#define DOC_REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

static const char root_rels[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
	"<Relationships xmlns=\"" RELS_NS "\">"
	"<Relationship Id=\"rId1\" Type=\"" DOC_REL "/officeDocument\" Target=\"xl/workbook.xml\"/>"
	"</Relationships>";

/* A prefixed namespace, as some producers write. */
static const char workbook[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
	"<x:workbook xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
	"xmlns:r=\"" DOC_REL "\"><x:sheets>"
	"<x:sheet name=\"汇总\" sheetId=\"1\" r:id=\"rId7\"/>"
	"<x:sheet name=\"Other\" sheetId=\"2\" r:id=\"rId8\"/>"
	"</x:sheets></x:workbook>";

static const char book_rels[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
	"<Relationships xmlns=\"" RELS_NS "\">"
	"<Relationship Id=\"rId8\" Type=\"" DOC_REL "/worksheet\" Target=\"worksheets/../worksheets/s2.xml\"/>"
	"<Relationship Id=\"rId7\" Type=\"" DOC_REL "/worksheet\" Target=\"/xl/worksheets/s1.xml\"/>"
	"<Relationship Id=\"rId9\" Type=\"" DOC_REL "/sharedStrings\" Target=\"strings.xml\"/>"
	"<Relationship Id=\"rIdX\" Type=\"" DOC_REL "/hyperlink\" Target=\"http://x\" TargetMode=\"External\"/>"
	"</Relationships>";

static const char strings[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
	"<x:sst xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"3\">"
	"<x:si><x:t>plain</x:t></x:si>"
	"<x:si><x:r><x:rPr><x:b/></x:rPr><x:t>rich </x:t></x:r><x:r><x:t xml:space=\"preserve\">text &amp; more</x:t></x:r>"
	"<x:rPh sb=\"0\" eb=\"1\"><x:t>phonetic</x:t></x:rPh></x:si>"
	"<x:si><x:t>two_x000D_\nlines _x005F_x0041_</x:t></x:si>"
	"</x:sst>";

static const char sheet1[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
	"<x:worksheet xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
	"<x:sheetData>"
	"<x:row r=\"2\"><x:c r=\"A2\" t=\"s\"><x:v>0</x:v></x:c><x:c r=\"C2\" t=\"s\"><x:v>1</x:v></x:c></x:row>"
	"<x:row r=\"3\"><x:c r=\"B3\"><x:v>1.2E-3</x:v></x:c><x:c t=\"inlineStr\"><x:is><x:t>inl</x:t></x:is></x:c>"
	"<x:c t=\"inlineStr\"><x:is><x:r><x:t>ri</x:t></x:r><x:r><x:t>ch</x:t></x:r></x:is></x:c></x:row>"
	"<x:row><x:c r=\"A4\" t=\"b\"><x:v>0</x:v></x:c><x:c r=\"B4\" t=\"e\"><x:v>#DIV/0!</x:v></x:c>"
	"<x:c r=\"C4\" t=\"str\"><x:f>A1&amp;\"\"</x:f><x:v>f_x0031_</x:v></x:c><x:c r=\"D4\" t=\"s\"><x:v>2</x:v></x:c></x:row>"
	"<x:row r=\"9\"><x:c r=\"A9\" s=\"1\"/><x:c r=\"B9\" t=\"s\"/></x:row>"
	"<x:row r=\"10\"><x:c r=\"AA10\"><x:v>-12345.678901234567</x:v></x:c></x:row>"
	"</x:sheetData></x:worksheet>";

static const char sheet2[] =
	"<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>other</t></is></c></row>"
	"</sheetData></worksheet>";

static void test_xlsx_by_hand(void **state)
{
	const struct part parts[] = {
		{ "_rels/.rels", root_rels },
		{ "xl/workbook.xml", workbook },
		{ "xl/_rels/workbook.xml.rels", book_rels },
		{ "xl/strings.xml", strings },
		{ "xl/worksheets/s1.xml", sheet1 },
		{ "xl/worksheets/s2.xml", sheet2 },
		{ NULL, NULL },
	};
	size_t len;
	char *data = make_zip(parts, &len);
	struct sbuf want;

	(void)state;
	sbuf_init(&want);
	sbuf_adds(&want, "2:plain||rich text & more\n"
	                 "3:|1.2E-3|inl|rich\n"
	                 "4:FALSE|#DIV/0!|f1|two\r\nlines _x0041_\n"
	                 "10:");
	for (int i = 0; i < 26; i++)                       /* AA is the 27th column */
		sbuf_addc(&want, '|');
	/* a stored double of 17 digits reads as Excel shows it: 15 significant digits */
	sbuf_adds(&want, "-12345.6789012346\n");
	xlsx_ok(data, len, NULL, want.buf);
	xlsx_ok(data, len, "汇总", want.buf);
	sbuf_release(&want);
	xlsx_ok(data, len, "Other", "1:other\n");
	xlsx_bad(data, len, "Missing", "the sheets are: \"汇总\", \"Other\"");
	free(data);
}

/* Number cells read as their style shows them: a date format's serial as
 * the ISO date (built-in 14, a Chinese custom 年月 format, a time of day),
 * a fixed-decimals format padded to its places but never rounded, a code's
 * leading zeros ("000000") back, anything else as stored; a workbook
 * counting from 1904 too. */
static const char styles_xml[] =
	"<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
	"<numFmts count=\"3\"><numFmt numFmtId=\"164\" formatCode=\"yyyy&quot;年&quot;m&quot;月&quot;\"/>"
	"<numFmt numFmtId=\"165\" formatCode=\"#,##0.000_ ;[Red]\\-#,##0.000\"/>"
	"<numFmt numFmtId=\"166\" formatCode=\"0.0%\"/><numFmt numFmtId=\"167\" formatCode=\"000000\"/>"
	"</numFmts>"
	"<cellXfs count=\"8\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"164\"/>"
	"<xf numFmtId=\"2\"/><xf numFmtId=\"165\"/><xf numFmtId=\"166\"/><xf numFmtId=\"21\"/>"
	"<xf numFmtId=\"167\"/></cellXfs></styleSheet>";

static const char styled_sheet[] =
	"<worksheet><sheetData>"
	"<row r=\"1\"><c r=\"A1\" s=\"1\"><v>42948</v></c><c r=\"B1\" s=\"2\"><v>42979</v></c>"
	"<c r=\"C1\" s=\"1\"><v>42948.75</v></c><c r=\"D1\" s=\"1\"><v>59</v></c>"
	"<c r=\"E1\" s=\"1\"><v>61</v></c><c r=\"F1\" s=\"6\"><v>0.5</v></c></row>"
	"<row r=\"2\"><c r=\"A2\" s=\"3\"><v>2017.1</v></c><c r=\"B2\" s=\"3\"><v>5</v></c>"
	"<c r=\"C2\" s=\"3\"><v>1.23456</v></c><c r=\"D2\" s=\"4\"><v>-2.5</v></c>"
	"<c r=\"E2\" s=\"5\"><v>0.25</v></c><c r=\"F2\" s=\"0\"><v>2017.1</v></c>"
	"<c r=\"G2\" s=\"1\" t=\"inlineStr\"><is><t>42948</t></is></c><c r=\"H2\" s=\"99\"><v>7</v></c>"
	"<c r=\"I2\" s=\"7\"><v>1234</v></c><c r=\"J2\" s=\"7\"><v>1234567</v></c>"
	"<c r=\"K2\" s=\"7\"><v>-12</v></c></row>"
	"</sheetData></worksheet>";

static void styled(const char *workbook_xml, const char *want)
{
	const struct part parts[] = {
		{ "xl/workbook.xml", workbook_xml },
		{ "xl/_rels/workbook.xml.rels", "<Relationships><Relationship Id=\"rId1\" "
		  "Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" "
		  "Type=\"" DOC_REL "/styles\" Target=\"styles.xml\"/></Relationships>" },
		{ "xl/worksheets/sheet1.xml", styled_sheet },
		{ "xl/styles.xml", styles_xml },
		{ NULL, NULL },
	};
	size_t len;
	char *data = make_zip(parts, &len);
	xlsx_ok(data, len, NULL, want);
	free(data);
}

static void test_xlsx_number_formats(void **state)
{
	(void)state;
	styled("<workbook><sheets><sheet name=\"S\" r:id=\"rId1\"/></sheets></workbook>",
	       "1:2017-08-01|2017-09-01|2017-08-01 18:00:00|1900-02-28|1900-03-01|12:00:00\n"
	       "2:2017.10|5.00|1.23456|-2.500|0.25|2017.1|42948|7|001234|1234567|-000012\n");
	/* counted from 1904-01-01: 42948 is four years and a day later */
	styled("<workbook><workbookPr date1904=\"1\"/><sheets><sheet name=\"S\" r:id=\"rId1\"/>"
	       "</sheets></workbook>",
	       "1:2021-08-02|2021-09-02|2021-08-02 18:00:00|1904-02-29|1904-03-02|1904-01-01 12:00:00\n"
	       "2:2017.10|5.00|1.23456|-2.500|0.25|2017.1|42948|7|001234|1234567|-000012\n");
}

/* A workbook of one sheet whose XML is `sheet`. */
static char *one_sheet(const char *sheet, const char *sst, size_t *len)
{
	const struct part parts[] = {
		{ "xl/workbook.xml", "<workbook><sheets><sheet name=\"S\" r:id=\"rId1\"/></sheets></workbook>" },
		{ "xl/_rels/workbook.xml.rels", "<Relationships><Relationship Id=\"rId1\" "
		  "Target=\"worksheets/sheet1.xml\"/></Relationships>" },
		{ "xl/worksheets/sheet1.xml", sheet },
		{ sst ? "xl/sharedStrings.xml" : NULL, sst },
		{ NULL, NULL },
	};
	return make_zip(parts, len);
}

static void sheet_bad(const char *sheet, const char *sst, const char *needle)
{
	size_t len;
	char *data = one_sheet(sheet, sst, &len);
	xlsx_bad(data, len, NULL, needle);
	free(data);
}

static void test_xlsx_bad_parts(void **state)
{
	size_t len;
	char *data;

	(void)state;
	/* no _rels/.rels: xl/workbook.xml is assumed; no sharedStrings part */
	data = one_sheet("<worksheet><sheetData><row><c><v>1</v></c></row></sheetData></worksheet>",
	                 NULL, &len);
	xlsx_ok(data, len, NULL, "1:1\n");
	free(data);
	sheet_bad("<worksheet><sheetData><row><c><v>1</v></row></sheetData></worksheet>", NULL,
	          "xl/worksheets/sheet1.xml: malformed XML at line 1");
	sheet_bad("<worksheet><sheetData>", NULL, "malformed XML");
	sheet_bad("", NULL, "malformed XML");
	sheet_bad("<!DOCTYPE x [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;\">]><x>&b;</x>", NULL,
	          "DOCTYPE");
	sheet_bad("<worksheet><sheetData><row r=\"1\"><c r=\"A0\"/></row></sheetData></worksheet>",
	          NULL, "row 1: bad cell reference \"A0\"");
	sheet_bad("<worksheet><sheetData><row r=\"1\"><c r=\"XFE1\"/></row></sheetData></worksheet>",
	          NULL, "bad cell reference \"XFE1\"");
	sheet_bad("<worksheet><sheetData><row r=\"x\"/></sheetData></worksheet>", NULL,
	          "sheet \"S\": bad row number \"x\"");
	sheet_bad("<worksheet><sheetData><row r=\"3\"><c r=\"B3\" t=\"s\"><v>1</v></c></row>"
	          "</sheetData></worksheet>", "<sst><si><t>a</t></si></sst>",
	          "sheet \"S\", cell B3: refers to a shared string that does not exist");
	sheet_bad("<worksheet><sheetData><row r=\"3\"><c r=\"AB3\" t=\"s\"><v>-1</v></c></row>"
	          "</sheetData></worksheet>", NULL, "cell AB3: refers to a shared string");
	sheet_bad("<worksheet/>", "<sst><si><t>a</si></sst>", "xl/sharedStrings.xml: malformed XML");
}

static void test_xlsx_not_xlsx(void **state)
{
	const struct part no_book[] = { { "word/document.xml", "<w/>" }, { NULL, NULL } };
	const struct part no_sheets[] = {
		{ "xl/workbook.xml", "<workbook><sheets/></workbook>" },
		{ "xl/_rels/workbook.xml.rels", "<Relationships/>" },
		{ NULL, NULL },
	};
	const struct part no_rel[] = {
		{ "xl/workbook.xml", "<workbook><sheets><sheet name=\"S\" r:id=\"rId1\"/></sheets></workbook>" },
		{ "xl/_rels/workbook.xml.rels", "<Relationships/>" },
		{ NULL, NULL },
	};
	const struct part no_part[] = {
		{ "xl/workbook.xml", "<workbook><sheets><sheet name=\"S\" r:id=\"rId1\"/></sheets></workbook>" },
		{ "xl/_rels/workbook.xml.rels", "<Relationships><Relationship Id=\"rId1\" "
		  "Target=\"worksheets/gone.xml\"/></Relationships>" },
		{ NULL, NULL },
	};
	size_t len;
	char *data;

	(void)state;
	xlsx_bad("hello, world", 12, NULL, "not an XLSX file: it is not a ZIP archive");
	xlsx_bad("", 0, NULL, "not an XLSX file");
	data = make_zip(no_book, &len);
	xlsx_bad(data, len, NULL, "a ZIP archive but not an XLSX workbook (it has no xl/workbook.xml)");
	free(data);
	data = make_zip(no_sheets, &len);
	xlsx_bad(data, len, NULL, "the workbook has no sheets");
	free(data);
	data = make_zip(no_rel, &len);
	xlsx_bad(data, len, NULL, "sheet \"S\" has no part in the workbook");
	free(data);
	data = make_zip(no_part, &len);
	xlsx_bad(data, len, NULL, "the part xl/worksheets/gone.xml is missing");
	free(data);
}

static void test_xlsx_truncated(void **state)
{
	char *path = make_book(0), *data;
	size_t len;

	(void)state;
	data = read_all(path, &len);
	xlsx_bad(data, len / 2, NULL, "not an XLSX file");
	xlsx_bad(data, len - 1, NULL, "not an XLSX file");
	free(data);
	unlink(path);
	free(path);
}

/* Damage the compressed bytes of every part: an error, never a crash. */
static void test_xlsx_damaged(void **state)
{
	char *path = make_book(0), *data, *copy;
	size_t len, at;

	(void)state;
	data = read_all(path, &len);
	copy = xmalloc(len);
	for (at = 0; at + 4 < len; at += 7) {
		struct got g;
		struct kfq_err err;
		memcpy(copy, data, len);
		copy[at] ^= 0x55;
		copy[at + 3] ^= 0xAA;
		got_init(&g);
		kfq_err_clear(&err);
		if (table_each_xlsx("t.xlsx", copy, len, NULL, collect, &g, &err) != 0)
			assert_err_has(&err, "t.xlsx");
		sbuf_release(&g.out);
	}
	free(copy);
	free(data);
	unlink(path);
	free(path);
}

static void put_le32(char *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (char)(v >> (8 * i));
}

/* A part that claims to uncompress to 2 GiB is refused before reading. */
static void test_xlsx_bomb(void **state)
{
	const char *sheet = "<worksheet><sheetData/></worksheet>";
	const char *name = "xl/worksheets/sheet1.xml";
	size_t len, nl = strlen(name), i, patched = 0;
	char *data = one_sheet(sheet, NULL, &len);

	(void)state;
	for (i = 0; i + 46 + nl <= len; i++) {
		if (memcmp(data + i, "PK\3\4", 4) == 0 && memcmp(data + i + 30, name, nl) == 0) {
			put_le32(data + i + 22, 0x80000000u);
			patched++;
		} else if (memcmp(data + i, "PK\1\2", 4) == 0 && memcmp(data + i + 46, name, nl) == 0) {
			put_le32(data + i + 24, 0x80000000u);
			patched++;
		}
	}
	assert_int_equal(patched, 2);
	xlsx_bad(data, len, NULL, "xl/worksheets/sheet1.xml uncompresses to more than the 16 MiB a "
	         "part of this file may (it declares 2147483648 bytes)");
	free(data);
}

/* A workbook whose shared strings are one string of n bytes of 'a' (which
 * deflate shrinks a thousand times), with pad bytes that do not compress
 * stored beside it (to make the file bigger). */
static char *sst_bomb(size_t n, size_t pad, size_t *len)
{
	static const char head[] = "<sst><si><t>", tail[] = "</t></si></sst>";
	char *path = temp_path(), *data, *sst = xmalloc(sizeof head + n + sizeof tail);
	char *padding = xmalloc(pad + 1);
	const struct part parts[] = {
		{ "xl/workbook.xml", "<workbook><sheets><sheet name=\"S\" r:id=\"rId1\"/></sheets></workbook>" },
		{ "xl/_rels/workbook.xml.rels", "<Relationships><Relationship Id=\"rId1\" "
		  "Target=\"worksheets/sheet1.xml\"/></Relationships>" },
		{ "xl/worksheets/sheet1.xml", "<worksheet><sheetData><row><c t=\"s\"><v>0</v></c></row>"
		  "</sheetData></worksheet>" },
		{ NULL, NULL },
	};
	int zerr = 0;
	zip_t *za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
	zip_source_t *src;
	zip_int64_t at;
	uint64_t h = 88172645463325252ULL;

	assert_non_null(za);
	for (const struct part *p = parts; p->name; p++) {
		assert_non_null(src = zip_source_buffer(za, p->text, strlen(p->text), 0));
		assert_true(zip_file_add(za, p->name, src, ZIP_FL_ENC_UTF_8) >= 0);
	}
	memcpy(sst, head, sizeof head - 1);
	memset(sst + sizeof head - 1, 'a', n);
	memcpy(sst + sizeof head - 1 + n, tail, sizeof tail);
	assert_non_null(src = zip_source_buffer(za, sst, strlen(sst), 0));
	assert_true(zip_file_add(za, "xl/sharedStrings.xml", src, ZIP_FL_ENC_UTF_8) >= 0);
	if (pad) {
		for (size_t i = 0; i < pad; i++) {   /* xorshift: bytes deflate cannot shrink */
			h ^= h << 13, h ^= h >> 7, h ^= h << 17;
			padding[i] = (char)(h >> 24);
		}
		assert_non_null(src = zip_source_buffer(za, padding, pad, 0));
		assert_true((at = zip_file_add(za, "xl/media/image1.png", src, 0)) >= 0);
		assert_int_equal(zip_set_file_compression(za, (zip_uint64_t)at, ZIP_CM_STORE, 0), 0);
	}
	assert_int_equal(zip_close(za), 0);
	data = read_all(path, len);
	unlink(path);
	free(path);
	free(sst);
	free(padding);
	return data;
}

/* What a part may uncompress to follows the file's size (issue 13, item
 * 10): a 1 MB file that declared a 1 000 MiB shared string was read, with
 * 2 GB of memory. A part may be 100 times the file, at least 16 MiB. */
static void test_xlsx_part_cap(void **state)
{
	size_t len, i, patched = 0;
	const char *name = "xl/sharedStrings.xml";
	size_t nl = strlen(name);
	char *data;

	(void)state;
	/* a small file: the floor, 16 MiB */
	data = sst_bomb((size_t)17 << 20, 0, &len);
	assert_true(len < 100000);
	xlsx_bad(data, len, NULL, "t.xlsx: xl/sharedStrings.xml uncompresses to more than the 16 MiB "
	         "a part of this file may (it declares 17825819 bytes): a part may be 100 times the "
	         "file's size, at least 16 MiB");
	/* the same with its header saying 1 000 bytes: counted while reading */
	for (i = 0; i + 46 + nl <= len; i++) {
		if (memcmp(data + i, "PK\3\4", 4) == 0 && memcmp(data + i + 30, name, nl) == 0) {
			put_le32(data + i + 22, 1000);
			patched++;
		} else if (memcmp(data + i, "PK\1\2", 4) == 0 && memcmp(data + i + 46, name, nl) == 0) {
			put_le32(data + i + 24, 1000);
			patched++;
		}
	}
	assert_int_equal(patched, 2);
	xlsx_bad(data, len, NULL, "t.xlsx: xl/sharedStrings.xml ");
	free(data);
	/* a file of some 280 KB: 100 times its size, some 26 MiB; its 30 MiB
	   string is refused, a 20 MiB one (past the floor) read */
	data = sst_bomb((size_t)30 << 20, 250000, &len);
	assert_true(len > 250000 && len < 300000);
	xlsx_bad(data, len, NULL, "xl/sharedStrings.xml uncompresses to more than the 2");
	xlsx_bad(data, len, NULL, "MiB a part of this file may (it declares 31457307 bytes)");
	free(data);
	data = sst_bomb((size_t)20 << 20, 250000, &len);
	{
		struct got g;
		struct kfq_err err;
		got_init(&g);
		kfq_err_clear(&err);
		if (table_each_xlsx("t.xlsx", data, len, NULL, collect, &g, &err) != 0)
			fail_msg("a 20 MiB string in a file of %zu bytes: %s", len, err.msg);
		assert_int_equal(g.out.len, strlen("1:") + ((size_t)20 << 20) + 1);
		sbuf_release(&g.out);
	}
	free(data);
}

/* ---- table_each on files ---- */

static int each(const char *path, const char *sheet, struct got *g, struct kfq_err *err)
{
	got_init(g);
	kfq_err_clear(err);
	return table_each(path, sheet, collect, g, err);
}

static void test_each_files(void **state)
{
	char *book = make_book(0), *path = temp_path();
	struct got g;
	struct kfq_err err;

	(void)state;
	assert_int_equal(each(book, NULL, &g, &err), 0);
	assert_string_equal(g.out.buf, book_sheet1);
	sbuf_release(&g.out);
	assert_int_equal(each(book, "Data", &g, &err), 0);
	assert_string_equal(g.out.buf, "1:x\n2:42||name\n");
	sbuf_release(&g.out);

	write_all(path, "\xb5\xa5\xce\xbb,v\nx,1\n", 11);
	assert_int_equal(each(path, NULL, &g, &err), 0);
	assert_string_equal(g.out.buf, "1:单位|v\n2:x|1\n");
	sbuf_release(&g.out);

	assert_int_equal(each(path, "Data", &g, &err), -1);
	assert_err_has(&err, path);
	assert_err_has(&err, "a sheet (\"Data\") was asked for, but this is a CSV file");
	sbuf_release(&g.out);

	write_all(path, "", 0);
	assert_int_equal(each(path, NULL, &g, &err), 0);
	assert_string_equal(g.out.buf, "");
	sbuf_release(&g.out);

	write_all(path, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest", 12);
	assert_int_equal(each(path, NULL, &g, &err), -1);
	assert_err_has(&err, "an old Excel .xls workbook");
	sbuf_release(&g.out);

	write_all(path, "PK\3\4 but not really a zip", 26);
	assert_int_equal(each(path, NULL, &g, &err), -1);
	assert_err_has(&err, path);
	assert_err_has(&err, "not an XLSX file");
	sbuf_release(&g.out);

	assert_int_equal(each("/nonexistent/dir/x.csv", NULL, &g, &err), -1);
	assert_int_equal(err.kind, KFQ_EUSER);
	assert_err_has(&err, "/nonexistent/dir/x.csv: cannot open: No such file or directory");
	sbuf_release(&g.out);

	assert_int_equal(each("/tmp", NULL, &g, &err), -1);
	assert_err_has(&err, "/tmp: is a directory");
	sbuf_release(&g.out);

	unlink(path);
	unlink(book);
	free(path);
	free(book);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv_plain),
		cmocka_unit_test(test_csv_bom),
		cmocka_unit_test(test_csv_line_ends),
		cmocka_unit_test(test_csv_quoting),
		cmocka_unit_test(test_csv_empty_rows),
		cmocka_unit_test(test_csv_gb18030),
		cmocka_unit_test(test_csv_two_readings),
		cmocka_unit_test(test_csv_bad_encoding),
		cmocka_unit_test(test_csv_bad_quoting),
		cmocka_unit_test(test_csv_scan),
		cmocka_unit_test(test_csv_stop),
		cmocka_unit_test(test_csv_big),
		cmocka_unit_test(test_xlsx_book),
		cmocka_unit_test(test_xlsx_inline_strings),
		cmocka_unit_test(test_xlsx_stop),
		cmocka_unit_test(test_xlsx_by_hand),
		cmocka_unit_test(test_xlsx_number_formats),
		cmocka_unit_test(test_xlsx_bad_parts),
		cmocka_unit_test(test_xlsx_not_xlsx),
		cmocka_unit_test(test_xlsx_truncated),
		cmocka_unit_test(test_xlsx_damaged),
		cmocka_unit_test(test_xlsx_bomb),
		cmocka_unit_test(test_xlsx_part_cap),
		cmocka_unit_test(test_each_files),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
