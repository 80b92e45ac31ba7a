/* csv.c: CSV bytes in memory to rows, the CSV half of table.h.
 *
 * Decides the encoding first (a UTF-8 byte-order mark means UTF-8; bytes that
 * are valid UTF-8 are UTF-8; anything else is taken as GB18030 and converted
 * with iconv before parsing, so that no row is handed on from a file that
 * turns out to be unreadable), then walks the bytes once as strict RFC 4180
 * CSV. One record is held at a time, in buffers reused from record to
 * record; records are never collected. The parser is written here rather
 * than taken from libcsv, which tops out near 100 MB/s (a call per byte);
 * fuzz/fuzz_csv.c checks it against libcsv in strict mode on every input.
 * Depends on base (err, xalloc) and iconv only. */
#include "base/table.h"
#include "base/xalloc.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* One record's cells, in buffers reused from record to record. */
struct csv_row {
	char *text;          /* the cells, each NUL-terminated */
	size_t len, cap;
	size_t *off;         /* where each cell starts in text */
	size_t n, off_cap;
	const char **cells;  /* handed to the callback */
	size_t cells_cap;
};

/* The bytes that end an unquoted cell (a quote there is an error). */
static const unsigned char csv_special[256] = {
	[','] = 1, ['"'] = 1, ['\n'] = 1, ['\r'] = 1,
};

/* The first byte from i on that ends an unquoted cell, or n. Eight bytes
 * at a time where the byte order allows it (the lowest flagged byte of the
 * zero-byte test is exact). */
static inline size_t csv_scan(const char *s, size_t n, size_t i)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	const uint64_t ones = UINT64_C(0x0101010101010101), highs = ones << 7;

	while (i + 8 <= n) {
		uint64_t x, a, b, c, d, hit;
		memcpy(&x, s + i, 8);
		a = x ^ (ones * ',');
		b = x ^ (ones * '"');
		c = x ^ (ones * '\n');
		d = x ^ (ones * '\r');
		hit = ((a - ones) & ~a) | ((b - ones) & ~b) | ((c - ones) & ~c) | ((d - ones) & ~d);
		hit &= highs;
		if (hit)
			return i + (size_t)__builtin_ctzll(hit) / 8;
		i += 8;
	}
#endif
	while (i < n && !csv_special[(unsigned char)s[i]])
		i++;
	return i;
}

/* Room for n more bytes and a NUL in r->text. */
static void csv_grow(struct csv_row *r, size_t n)
{
	size_t cap = r->cap ? r->cap : 256;

	while (cap < r->len + n + 1)
		cap *= 2;
	r->text = xrealloc(r->text, cap);
	r->cap = cap;
}

static inline void csv_add(struct csv_row *r, const char *s, size_t n)
{
	if (r->len + n + 1 > r->cap)
		csv_grow(r, n);
	memcpy(r->text + r->len, s, n);
	r->len += n;
}

static inline void csv_cell_begin(struct csv_row *r)
{
	if (r->n == r->off_cap)
		XGROW(r->off, r->n + 1, r->off_cap);
	r->off[r->n++] = r->len;
}

/* Ends the cell: csv_add always leaves room for this NUL. */
static inline void csv_cell_end(struct csv_row *r)
{
	if (r->len + 1 > r->cap)
		csv_grow(r, 0);
	r->text[r->len++] = '\0';
}

/* Line breaks in s: LF, CRLF and a lone CR each count once. */
static size_t csv_count_breaks(const char *s, size_t n)
{
	size_t count = 0, i;

	if (!memchr(s, '\n', n) && !memchr(s, '\r', n))
		return 0;
	for (i = 0; i < n; i++) {
		if (s[i] == '\n')
			count++;
		else if (s[i] == '\r' && (i + 1 == n || s[i + 1] != '\n'))
			count++;
	}
	return count;
}

/* Line (1-based) and column (1-based, in characters) of byte offset pos,
 * which is inside s. */
static void csv_locate(const char *s, size_t pos, size_t *line, size_t *col)
{
	size_t i, start = 0, c = 1;

	*line = 1;
	for (i = 0; i < pos; i++) {
		if (s[i] == '\n' || (s[i] == '\r' && s[i + 1] != '\n')) {
			(*line)++;
			start = i + 1;
		}
	}
	for (i = start; i < pos; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			c++;
	*col = c;
}

/* The offset just past the line break at s[i] (LF, CRLF or CR). */
static size_t csv_skip_break(const char *s, size_t n, size_t i)
{
	if (s[i] == '\r' && i + 1 < n && s[i + 1] == '\n')
		return i + 2;
	return i + 1;
}

static int csv_bad_quote(const char *name, const char *s, size_t pos, struct kfq_err *err)
{
	size_t line, col;

	csv_locate(s, pos, &line, &col);
	if (s[pos] == '"')
		return kfq_error(err, "%s: line %zu, column %zu: a double quote (\") inside a "
		                 "cell that does not start with one; quote the whole cell and "
		                 "double the inner quotes (\"\")", name, line, col);
	return kfq_error(err, "%s: line %zu, column %zu: text after the closing quote of "
	                 "a quoted cell (a quote inside a quoted cell must be doubled: \"\")",
	                 name, line, col);
}

static int csv_unclosed(const char *name, const char *s, size_t open, struct kfq_err *err)
{
	size_t line, col;

	csv_locate(s, open, &line, &col);
	return kfq_error(err, "%s: line %zu, column %zu: this quoted cell is never closed "
	                 "(a closing \" is missing, so the rest of the file ran into it)",
	                 name, line, col);
}

/* Parse the UTF-8 bytes s[0..n) as RFC 4180 CSV, strictly: a quote may
 * only open a cell, and inside a quoted cell only be doubled or close it.
 * Line breaks may be LF, CRLF or CR. Hands every record with a non-empty
 * cell to fn, with the line where the record starts. */
static int csv_records(const char *name, const char *s, size_t n, struct csv_row *r,
                       table_row_fn fn, void *ctx, struct kfq_err *err)
{
	size_t i = 0, line = 1;

	while (i < n) {
		size_t rec_line = line;
		int nonempty = 0;

		if (s[i] == '\n' || s[i] == '\r') {          /* a blank line */
			i = csv_skip_break(s, n, i);
			line++;
			continue;
		}
		r->n = r->len = 0;
		for (;;) {                                  /* one cell */
			csv_cell_begin(r);
			if (i < n && s[i] == '"') {
				size_t open = i++;
				for (;;) {
					const char *q = memchr(s + i, '"', n - i);
					size_t k;
					if (!q)
						return csv_unclosed(name, s, open, err);
					k = (size_t)(q - (s + i));
					csv_add(r, s + i, k);
					line += csv_count_breaks(s + i, k);
					nonempty |= k > 0;
					i += k + 1;
					if (i < n && s[i] == '"') {      /* "" is one quote */
						csv_add(r, "\"", 1);
						nonempty = 1;
						i++;
						continue;
					}
					break;
				}
				if (i < n && s[i] != ',' && s[i] != '\n' && s[i] != '\r')
					return csv_bad_quote(name, s, i, err);
			} else {
				size_t j = csv_scan(s, n, i);
				if (j < n && s[j] == '"')
					return csv_bad_quote(name, s, j, err);
				csv_add(r, s + i, j - i);
				nonempty |= j > i;
				i = j;
			}
			csv_cell_end(r);
			if (i < n && s[i] == ',') {
				i++;
				continue;
			}
			break;                                  /* a line break or the end */
		}
		if (i < n) {
			i = csv_skip_break(s, n, i);
			line++;
		}
		if (nonempty) {
			size_t c;
			XGROW(r->cells, r->n, r->cells_cap);
			for (c = 0; c < r->n; c++) {
				r->cells[c] = r->text + r->off[c];
				if (r->cells[c][0] == '\'' && csv_guarded(r->cells[c] + 1))
					r->cells[c]++;   /* the guard of a formula-like text */
			}
			if (fn(ctx, rec_line, r->n, r->cells, err) != 0)
				return -1;
		}
	}
	return 0;
}

/* Offset of the first byte that is not valid UTF-8, or n if all are. */
static size_t csv_utf8_check(const unsigned char *s, size_t n);

size_t text_utf8_end(const char *s, size_t n)
{
	return csv_utf8_check((const unsigned char *)s, n);
}

static size_t csv_utf8_check(const unsigned char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		unsigned c;
		size_t k, j;
		unsigned char lo = 0x80, hi = 0xBF;

		while (i + 16 <= n) {
			uint64_t a, b;
			memcpy(&a, s + i, 8);
			memcpy(&b, s + i + 8, 8);
			if ((a | b) & UINT64_C(0x8080808080808080))
				break;
			i += 16;
		}
		if (i >= n)
			break;
		c = s[i];
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF) {
			k = 1;
		} else if (c >= 0xE0 && c <= 0xEF) {
			k = 2;
			if (c == 0xE0)
				lo = 0xA0;
			else if (c == 0xED)
				hi = 0x9F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			k = 3;
			if (c == 0xF0)
				lo = 0x90;
			else if (c == 0xF4)
				hi = 0x8F;
		} else {
			return i;
		}
		if (n - i <= k)
			return i;
		if (s[i + 1] < lo || s[i + 1] > hi)
			return i;
		for (j = 2; j <= k; j++)
			if ((s[i + j] & 0xC0) != 0x80)
				return i;
		i += k + 1;
	}
	return n;
}

static int csv_has_bom(const char *data, size_t len)
{
	return len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0;
}

const char *table_csv_encoding(const char *data, size_t len)
{
	if (csv_has_bom(data, len))
		return "UTF-8";
	if (csv_utf8_check((const unsigned char *)data, len) == len)
		return "UTF-8";
	return "GB18030";
}

/* Convert s (not valid UTF-8; the first bad byte at utf8_bad) from GB18030.
 * base is the offset of s in the file, for messages. On success *out is a
 * new buffer the caller frees. */
static int csv_from_gb18030(const char *name, const char *s, size_t n, size_t base,
                            size_t utf8_bad, char **out, size_t *out_len,
                            struct kfq_err *err)
{
	iconv_t cd = iconv_open("UTF-8", "GB18030");
	size_t cap = n + n / 2 + 16, in_left = n, out_left;
	char *buf, *in = (char *)s, *o;

	if (cd == (iconv_t)-1)
		return kfq_fault(err, "%s: cannot convert from GB18030: %s", name, strerror(errno));
	buf = xmalloc(cap);
	o = buf;
	out_left = cap;
	while (in_left > 0) {
		size_t bad, line, col, uline, ucol;

		if (iconv(cd, &in, &in_left, &o, &out_left) != (size_t)-1)
			break;
		if (errno == E2BIG) {
			size_t used = (size_t)(o - buf);
			cap *= 2;
			buf = xrealloc(buf, cap);
			o = buf + used;
			out_left = cap - used;
			continue;
		}
		bad = (size_t)(in - s);
		csv_locate(s, bad, &line, &col);
		csv_locate(s, utf8_bad, &uline, &ucol);
		kfq_error(err, "%s: line %zu, byte offset %zu: byte 0x%02X is not valid; the file "
		          "is neither UTF-8 (first bad byte 0x%02X at line %zu, byte offset %zu) "
		          "nor GB18030; save it as \"CSV UTF-8\"",
		          name, line, base + bad, (unsigned char)s[bad],
		          (unsigned char)s[utf8_bad], uline, base + utf8_bad);
		iconv_close(cd);
		free(buf);
		return -1;
	}
	iconv_close(cd);
	*out = buf;
	*out_len = cap - out_left;
	return 0;
}

/* The offset of the first character of valid UTF-8 s (no byte-order mark)
 * that makes its encoding doubtful, or n. Chinese in UTF-8 takes three
 * bytes; Chinese in GB18030 takes two, and a pair with its first byte
 * 0xCA-0xDF and its second 0x80-0xBF is also a valid two-byte UTF-8
 * letter of Greek, Cyrillic, Hebrew or Arabic (伟业, CE B0 D2 B5, reads
 * "ΰҵ"). A file with such letters and no three- or four-byte character is
 * doubtful; one with accents alone (é, ², °: lead bytes up to 0xC9) is
 * not. */
static size_t csv_doubtful(const unsigned char *s, size_t n)
{
	size_t first = n;
	for (size_t i = 0; i < n; i++) {
		uint64_t w;
		if (i + 8 <= n && (memcpy(&w, s + i, 8), !(w & UINT64_C(0x8080808080808080)))) {
			i += 7;   /* eight ASCII bytes at once */
			continue;
		}
		if (s[i] >= 0xE0)
			return n;
		if (s[i] >= 0xCA && s[i] <= 0xDF && first == n)
			first = i;
	}
	return first;
}

/* A doubtful file (csv_doubtful: the first such character at at) that is
 * also valid GB18030 is refused with both readings of its first non-ASCII
 * run: kfq does not guess. */
static int csv_two_readings(const char *name, const char *s, size_t n, size_t base, size_t at,
                            struct kfq_err *err)
{
	char *conv, gb[64], u8[40];
	size_t conv_n, from = at, to = at, line, col, k = 0;
	struct kfq_err ignored = { 0 };
	iconv_t cd;
	char *in, *o;
	size_t in_left, out_left;

	if (csv_from_gb18030(name, s, n, base, at, &conv, &conv_n, &ignored) != 0) {
		kfq_err_clear(&ignored);
		return 0;   /* not GB18030: UTF-8 it is */
	}
	free(conv);
	while (from > 0 && (unsigned char)s[from - 1] >= 0x80)
		from--;
	while (to < n && (unsigned char)s[to] >= 0x80 && to - from < 24)
		to += (unsigned char)s[to] >= 0xC0 ? 2 : 1;
	if (to > n)
		to = n;
	memcpy(u8, s + from, to - from);
	u8[to - from] = '\0';
	gb[0] = '\0';
	if ((cd = iconv_open("UTF-8", "GB18030")) != (iconv_t)-1) {
		in = u8;
		in_left = to - from;
		o = gb;
		out_left = sizeof gb - 1;
		if (iconv(cd, &in, &in_left, &o, &out_left) != (size_t)-1)
			k = (size_t)(o - gb);
		gb[k] = '\0';
		iconv_close(cd);
	}
	csv_locate(s, at, &line, &col);
	return kfq_error(err, "%s: line %zu: the file reads two ways: as UTF-8 \"%s\", as GB18030 "
	                 "\"%s\"; save it as \"CSV UTF-8\" (Excel writes its byte-order mark) so "
	                 "that its encoding is known", name, line, u8, gb);
}

static int plain_number(const char *s)
{
	size_t i = (*s == '-' || *s == '+'), d = 0;
	while (s[i] >= '0' && s[i] <= '9')
		i++, d++;
	if (!d)
		return 0;
	if (s[i] == '.') {
		size_t f = 0;
		for (i++; s[i] >= '0' && s[i] <= '9'; i++)
			f++;
		if (!f)
			return 0;
	}
	return s[i] == '\0';
}

int csv_guarded(const char *s)
{
	if (*s && strchr("=+-@\t\r", *s))
		return !plain_number(s);
	return *s == '\'' && csv_guarded(s + 1);
}

int table_each_csv(const char *name, const char *data, size_t len,
                   table_row_fn fn, void *ctx, struct kfq_err *err)
{
	struct csv_row r;
	const char *s = data, *nul;
	size_t n = len, base = 0, bad;
	char *conv = NULL;
	int rc;

	if (len >= 2 && (memcmp(data, "\xFF\xFE", 2) == 0 || memcmp(data, "\xFE\xFF", 2) == 0))
		return kfq_error(err, "%s: the file is UTF-16 (Excel's \"Unicode Text\"); "
		                 "save it as \"CSV UTF-8\" instead", name);
	if (csv_has_bom(data, len)) {
		s += 3;
		n -= 3;
		base = 3;
	}
	if ((nul = memchr(s, '\0', n)) != NULL) {
		size_t line, col;
		csv_locate(s, (size_t)(nul - s), &line, &col);
		return kfq_error(err, "%s: line %zu, byte offset %zu: a NUL byte; this is not a "
		                 "text CSV file (is it UTF-16, or binary?)", name, line,
		                 base + (size_t)(nul - s));
	}
	bad = csv_utf8_check((const unsigned char *)s, n);
	if (bad < n) {
		size_t line, col;
		if (base) {
			csv_locate(s, bad, &line, &col);
			return kfq_error(err, "%s: line %zu, byte offset %zu: byte 0x%02X is not valid "
			                 "UTF-8, though the file starts with a UTF-8 byte-order mark",
			                 name, line, base + bad, (unsigned char)s[bad]);
		}
		if (csv_from_gb18030(name, s, n, base, bad, &conv, &n, err) != 0)
			return -1;
		s = conv;
	} else if (!base && (bad = csv_doubtful((const unsigned char *)s, n)) < n &&
	           csv_two_readings(name, s, n, base, bad, err) < 0) {
		return -1;
	}

	memset(&r, 0, sizeof r);
	rc = csv_records(name, s, n, &r, fn, ctx, err);
	free(r.text);
	free(r.off);
	free(r.cells);
	free(conv);
	return rc;
}
