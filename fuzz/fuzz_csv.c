/* fuzz_csv.c: libFuzzer harness for CSV reading (base/csv.c).
 *
 * Reads arbitrary bytes as CSV and checks what comes out: every cell is
 * NUL-terminated valid UTF-8 whatever the input encoding, no row is all
 * empty, line numbers start at 1 and only go up, every error says
 * something. Plain UTF-8 input is also parsed by libcsv in strict mode (the
 * library csv.c stands in for, for speed) and the two must agree on every
 * row, every line number, and where the input is broken. Finally a stop
 * from the callback, at a row chosen by the first byte, must be obeyed.
 * Depends on base (table, sbuf) and libcsv. */
#include <csv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/sbuf.h"
#include "base/table.h"
#include "base/xalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Whether s is valid UTF-8 (shortest forms, no surrogates, <= U+10FFFF). */
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

/* ---- what table_each_csv hands on, written down unambiguously ---- */

struct fuzz_seen {
	struct sbuf out;      /* "line:ncells:" then "len:bytes" per cell */
	size_t rows, last_line, stop_at;
};

static int fuzz_row(void *ctx, size_t line, size_t ncells, const char *const *cells,
                    struct kfq_err *err)
{
	struct fuzz_seen *seen = ctx;
	size_t i, total = 0;

	if (line < 1 || line <= seen->last_line || ncells == 0)
		abort();
	seen->last_line = line;
	sbuf_addf(&seen->out, "%zu:%zu:", line, ncells);
	for (i = 0; i < ncells; i++) {
		size_t n = strlen(cells[i]);
		if (!fuzz_utf8((const unsigned char *)cells[i]))
			abort();
		total += n;
		sbuf_addf(&seen->out, "%zu:", n);
		sbuf_add(&seen->out, cells[i], n);
	}
	if (total == 0)
		abort();                                 /* empty rows are skipped */
	if (++seen->rows == seen->stop_at)
		return kfq_error(err, "stop");
	return 0;
}

/* ---- the same through libcsv, strict, nothing trimmed ---- */

struct fuzz_ref {
	struct sbuf out, cells;
	size_t line, rec_line, ncells;
	int after_cr, nonempty;
};

static size_t fuzz_breaks(const char *s, size_t n)
{
	size_t i, count = 0;
	for (i = 0; i < n; i++)
		if (s[i] == '\n' || (s[i] == '\r' && (i + 1 == n || s[i + 1] != '\n')))
			count++;
	return count;
}

static void fuzz_ref_field(void *s, size_t n, void *data)
{
	struct fuzz_ref *r = data;

	const char *cell = s;
	size_t len = n;

	if (r->ncells++ == 0)
		r->rec_line = r->line;
	r->after_cr = 0;
	r->line += fuzz_breaks(s, n);
	if (n > 1 && cell[0] == '\'' && !memchr(cell, '\0', n)) {
		/* the apostrophe that guards a formula-like text is dropped */
		char *text = xstrndup(cell + 1, n - 1);
		if (csv_guarded(text))
			cell++, len--;
		free(text);
	}
	sbuf_addf(&r->cells, "%zu:", len);
	sbuf_add(&r->cells, cell, len);
	r->nonempty |= len > 0;
}

static void fuzz_ref_row(int c, void *data)
{
	struct fuzz_ref *r = data;

	if (r->ncells && r->nonempty) {
		sbuf_addf(&r->out, "%zu:%zu:", r->rec_line, r->ncells);
		sbuf_add(&r->out, r->cells.buf, r->cells.len);
	}
	sbuf_reset(&r->cells);
	r->ncells = 0;
	r->nonempty = 0;
	if (c == '\n') {
		if (!r->after_cr)
			r->line++;
		r->after_cr = 0;
	} else if (c == '\r') {
		r->line++;
		r->after_cr = 1;
	}
}

static int fuzz_no_space(unsigned char c)
{
	(void)c;
	return 0;
}

/* Parse with libcsv into r->out. Returns 0, or 1 with *at the offset of a
 * misplaced quote, or 2 for a quoted cell never closed. */
static int fuzz_ref(const char *s, size_t n, struct fuzz_ref *r, size_t *at)
{
	struct csv_parser p;
	size_t done;
	int rc = 0;

	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL | CSV_APPEND_NULL) != 0)
		abort();
	csv_set_space_func(&p, fuzz_no_space);
	done = csv_parse(&p, s, n, fuzz_ref_field, fuzz_ref_row, r);
	if (done != n) {
		if (csv_error(&p) != CSV_EPARSE)
			abort();
		*at = done;
		rc = 1;
	} else if (csv_fini(&p, fuzz_ref_field, fuzz_ref_row, r) != 0) {
		rc = 2;
	}
	csv_free(&p);
	return rc;
}

static void fuzz_compare(const char *s, size_t n)
{
	struct fuzz_seen seen = { .rows = 0 };
	struct fuzz_ref ref = { .line = 1 };
	struct kfq_err err = { 0 };
	size_t at = 0;
	int rc, want;

	sbuf_init(&seen.out);
	sbuf_init(&ref.out);
	sbuf_init(&ref.cells);
	rc = table_each_csv("fuzz.csv", s, n, fuzz_row, &seen, &err);
	if (rc != 0 && strstr(err.msg, "reads two ways")) {
		if (seen.out.len)
			abort();                         /* refused, yet rows were handed on */
		sbuf_release(&seen.out);
		sbuf_release(&ref.out);
		sbuf_release(&ref.cells);
		return;                                  /* doubtful UTF-8: refused first */
	}
	want = fuzz_ref(s, n, &ref, &at);
	if (seen.out.len != ref.out.len || memcmp(seen.out.buf, ref.out.buf, ref.out.len) != 0)
		abort();                                 /* different rows */
	if ((rc == 0) != (want == 0))
		abort();
	if (want == 2 && !strstr(err.msg, "never closed"))
		abort();
	if (want == 1) {
		char where[64];
		size_t i, line = 1, start = 0, col = 1;
		for (i = 0; i < at; i++)
			if (s[i] == '\n' || (s[i] == '\r' && s[i + 1] != '\n'))
				line++, start = i + 1;
		for (i = start; i < at; i++)
			col += ((unsigned char)s[i] & 0xC0) != 0x80;
		snprintf(where, sizeof where, "line %zu, column %zu:", line, col);
		if (!strstr(err.msg, where))
			abort();
	}
	sbuf_release(&seen.out);
	sbuf_release(&ref.out);
	sbuf_release(&ref.cells);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	struct fuzz_seen seen = { .rows = 0 };
	struct kfq_err err = { 0 };
	const char *enc = table_csv_encoding(s, size);

	if (strcmp(enc, "UTF-8") != 0 && strcmp(enc, "GB18030") != 0)
		abort();
	if (strcmp(enc, "UTF-8") == 0 && !memchr(s, '\0', size) &&
	    !(size >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) &&
	    !(size >= 2 && (memcmp(s, "\xFF\xFE", 2) == 0 || memcmp(s, "\xFE\xFF", 2) == 0)))
		fuzz_compare(s, size);

	sbuf_init(&seen.out);
	seen.stop_at = size > 0 ? data[0] % 8 : 0;   /* 0: never stop */
	if (table_each_csv("fuzz.csv", s, size, fuzz_row, &seen, &err) != 0) {
		if (err.msg[0] == '\0')
			abort();
		if (seen.stop_at && seen.rows > seen.stop_at)
			abort();                         /* rows after a stop */
	}
	sbuf_release(&seen.out);
	return 0;
}
