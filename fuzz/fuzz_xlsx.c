/* fuzz_xlsx.c: libFuzzer harness for XLSX reading (base/xlsx.c).
 *
 * Input that starts like a ZIP archive is read as an XLSX file as it is,
 * first sheet and a sheet by name. Any other input is split at its first
 * NUL byte into a sheet part and the rest, the rest at its first NUL into a
 * shared-strings part and a styles part (the number formats: dates, fixed
 * decimals), which are stored (uncompressed) in a small workbook built here
 * with libzip, so that the fuzzer reaches the XML handling without having
 * to forge ZIP checksums.
 * Every cell must come out as valid UTF-8, every row at a line >= 1, every
 * error with a message. Depends on base/table and libzip. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "base/table.h"
#include "base/xalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int fuzz_utf8(const unsigned char *s)
{
	while (*s) {
		unsigned c = *s, cp, k, i;
		if (c < 0x80) {
			s++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF)
			k = 1, cp = c & 0x1F;
		else if (c >= 0xE0 && c <= 0xEF)
			k = 2, cp = c & 0x0F;
		else if (c >= 0xF0 && c <= 0xF4)
			k = 3, cp = c & 0x07;
		else
			return 0;
		for (i = 1; i <= k; i++) {
			if ((s[i] & 0xC0) != 0x80)
				return 0;
			cp = cp << 6 | (s[i] & 0x3F);
		}
		if ((k == 2 && cp < 0x800) || (k == 3 && cp < 0x10000) || cp > 0x10FFFF ||
		    (cp >= 0xD800 && cp <= 0xDFFF))
			return 0;
		s += k + 1;
	}
	return 1;
}

static int fuzz_row(void *ctx, size_t line, size_t ncells, const char *const *cells,
                    struct kfq_err *err)
{
	size_t i, total = 0;

	(void)ctx, (void)err;
	if (line < 1 || ncells == 0)
		abort();
	for (i = 0; i < ncells; i++) {
		if (!fuzz_utf8((const unsigned char *)cells[i]))
			abort();
		total += strlen(cells[i]);
	}
	if (total == 0)
		abort();
	return 0;
}

static void fuzz_read(const char *data, size_t size, const char *sheet)
{
	struct kfq_err err = { 0 };

	if (table_each_xlsx("fuzz.xlsx", data, size, sheet, fuzz_row, NULL, &err) != 0 &&
	    err.msg[0] == '\0')
		abort();
}

static void fuzz_add(zip_t *za, const char *name, const void *text, size_t len)
{
	zip_source_t *src = zip_source_buffer(za, text, len, 0);
	zip_int64_t idx;

	if (!src || (idx = zip_file_add(za, name, src, 0)) < 0)
		abort();
	zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_STORE, 0);
}

/* A workbook whose sheet1 and sharedStrings parts are the given bytes;
 * returns a new buffer the caller frees. */
static char *fuzz_book(const char *sheet, size_t sheet_len, const char *sst, size_t sst_len,
                       const char *styles, size_t styles_len, size_t *len)
{
	static const char book[] =
		"<workbook><sheets><sheet name=\"S1\" r:id=\"rId1\"/>"
		"<sheet name=\"S2\" r:id=\"rId2\"/></sheets></workbook>";
	static const char rels[] =
		"<Relationships><Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\"/>"
		"<Relationship Id=\"rId2\" Target=\"/xl/worksheets/../sheet2.xml\"/>"
		"<Relationship Id=\"rId3\" Type=\"x/sharedStrings\" Target=\"sharedStrings.xml\"/>"
		"<Relationship Id=\"rId4\" Type=\"x/styles\" Target=\"styles.xml\"/>"
		"</Relationships>";
	zip_error_t ze;
	zip_source_t *src;
	zip_t *za;
	zip_int64_t n;
	char *out;

	zip_error_init(&ze);
	src = zip_source_buffer_create(NULL, 0, 0, &ze);
	if (!src)
		abort();
	zip_source_keep(src);
	za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
	if (!za)
		abort();
	fuzz_add(za, "xl/workbook.xml", book, sizeof book - 1);
	fuzz_add(za, "xl/_rels/workbook.xml.rels", rels, sizeof rels - 1);
	fuzz_add(za, "xl/worksheets/sheet1.xml", sheet, sheet_len);
	fuzz_add(za, "xl/sheet2.xml", sheet, sheet_len);
	if (sst)
		fuzz_add(za, "xl/sharedStrings.xml", sst, sst_len);
	if (styles)
		fuzz_add(za, "xl/styles.xml", styles, styles_len);
	if (zip_close(za) != 0)
		abort();
	if (zip_source_open(src) != 0 || zip_source_seek(src, 0, SEEK_END) != 0 ||
	    (n = zip_source_tell(src)) < 0 || zip_source_seek(src, 0, SEEK_SET) != 0)
		abort();
	out = xmalloc((size_t)n + 1);
	if (zip_source_read(src, out, (zip_uint64_t)n) != n)
		abort();
	zip_source_close(src);
	zip_source_free(src);
	zip_error_fini(&ze);
	*len = (size_t)n;
	return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	const char *nul;
	char *book;
	size_t len;

	if (size >= 2 && memcmp(s, "PK", 2) == 0) {
		fuzz_read(s, size, NULL);
		fuzz_read(s, size, "Data");
		return 0;
	}
	nul = memchr(s, '\0', size);
	if (nul) {
		const char *rest = nul + 1, *nul2;
		size_t rest_len = size - (size_t)(nul - s) - 1;
		nul2 = memchr(rest, '\0', rest_len);
		if (nul2)
			book = fuzz_book(s, (size_t)(nul - s), rest, (size_t)(nul2 - rest), nul2 + 1,
			                 rest_len - (size_t)(nul2 - rest) - 1, &len);
		else
			book = fuzz_book(s, (size_t)(nul - s), rest, rest_len, NULL, 0, &len);
	} else {
		book = fuzz_book(s, size, NULL, 0, NULL, 0, &len);
	}
	fuzz_read(book, len, NULL);
	fuzz_read(book, len, "s2");
	free(book);
	return 0;
}
