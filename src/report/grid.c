/* grid.c: rendering tables as text, CSV, JSON and Markdown (see grid.h).
 * Depends on base and report/escape. */
#include "report/grid.h"
#include "report/escape.h"
#include "base/sbuf.h"
#include "base/xalloc.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void grid_init(struct grid *g, size_t ncols, const char *const *keys, const char *const *heads)
{
	memset(g, 0, sizeof *g);
	g->ncols = ncols;
	g->heads = xcalloc(ncols, sizeof *g->heads);
	g->keys = xcalloc(ncols, sizeof *g->keys);
	g->numeric = xcalloc(ncols, 1);
	for (size_t i = 0; i < ncols; i++) {
		g->keys[i] = xstrdup(keys[i]);
		g->heads[i] = xstrdup(heads ? heads[i] : keys[i]);
	}
}

void grid_release(struct grid *g)
{
	if (g->stream_buf) {
		sbuf_release(g->stream_buf);
		free(g->stream_buf);
	}
	for (size_t i = 0; i < g->ncols; i++) {
		free(g->heads[i]);
		free(g->keys[i]);
	}
	for (size_t i = 0; i < g->nrows * g->ncols; i++)
		free(g->cells[i]);
	free(g->heads);
	free(g->keys);
	free(g->numeric);
	free(g->cells);
	memset(g, 0, sizeof *g);
}

void grid_numeric(struct grid *g, size_t col)
{
	g->numeric[col] = 1;
}

static void stream_row(struct grid *g);

size_t grid_row(struct grid *g)
{
	size_t need;
	if (g->stream && g->nrows)
		stream_row(g);
	need = (g->nrows + 1) * g->ncols;
	XGROW(g->cells, need, g->cap);
	memset(&g->cells[g->nrows * g->ncols], 0, g->ncols * sizeof *g->cells);
	return g->nrows++;
}

void grid_set(struct grid *g, size_t col, const char *text)
{
	char **c = &g->cells[(g->nrows - 1) * g->ncols + col];
	free(*c);
	*c = text && *text ? xstrdup(text) : NULL;
}

void grid_setf(struct grid *g, size_t col, const char *fmt, ...)
{
	va_list ap;
	char *s;
	int n;
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	s = xmalloc(n < 0 ? 1 : (size_t)n + 1);
	*s = '\0';
	va_start(ap, fmt);
	if (n >= 0)
		vsnprintf(s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	grid_set(g, col, s);
	free(s);
}

int grid_parse_format(const char *s, int allow_md, enum grid_format *f, struct kfq_err *err)
{
	if (!s || strcmp(s, "table") == 0)
		*f = GRID_TABLE;
	else if (strcmp(s, "csv") == 0)
		*f = GRID_CSV;
	else if (strcmp(s, "json") == 0)
		*f = GRID_JSON;
	else if (allow_md && strcmp(s, "md") == 0)
		*f = GRID_MD;
	else
		return allow_md ? kfq_error(err, "--format: \"%s\" (expected table, csv, json or md)", s)
		                : kfq_error(err, "--format: \"%s\" (expected table, csv or json)", s);
	return 0;
}

size_t grid_text_width(const char *s)
{
	size_t w = 0;
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		unsigned cp;
		int len;
		if (*p < 0x80) { cp = *p; len = 1; }
		else if ((*p & 0xE0) == 0xC0) { cp = *p & 0x1F; len = 2; }
		else if ((*p & 0xF0) == 0xE0) { cp = *p & 0x0F; len = 3; }
		else { cp = *p & 0x07; len = 4; }
		for (int i = 1; i < len; i++) {
			if ((p[i] & 0xC0) != 0x80) { len = i; break; }
			cp = (cp << 6) | (p[i] & 0x3F);
		}
		p += len;
		w += (cp >= 0x1100 && (cp <= 0x115F || (cp >= 0x2E80 && cp <= 0xA4CF) ||
		      (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
		      (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
		      (cp >= 0xFFE0 && cp <= 0xFFE6))) ? 2 : 1;
	}
	return w;
}

static const char *cell(const struct grid *g, size_t r, size_t c)
{
	const char *s = g->cells[r * g->ncols + c];
	return s ? s : "";
}

static void pad(FILE *out, size_t n)
{
	while (n-- > 0)
		fputc(' ', out);
}

static void write_table(const struct grid *g, FILE *out)
{
	size_t *w = xcalloc(g->ncols, sizeof *w);
	for (size_t c = 0; c < g->ncols; c++) {
		w[c] = grid_text_width(g->heads[c]);
		for (size_t r = 0; r < g->nrows; r++) {
			size_t x = grid_text_width(cell(g, r, c));
			if (x > w[c])
				w[c] = x;
		}
	}
	for (size_t c = 0; c < g->ncols; c++) {
		size_t x = grid_text_width(g->heads[c]);
		if (g->numeric[c])
			pad(out, w[c] - x);
		fputs(g->heads[c], out);
		if (c + 1 < g->ncols) {
			if (!g->numeric[c])
				pad(out, w[c] - x);
			fputs("  ", out);
		}
	}
	fputc('\n', out);
	for (size_t r = 0; r < g->nrows; r++) {
		for (size_t c = 0; c < g->ncols; c++) {
			const char *s = cell(g, r, c);
			size_t x = grid_text_width(s);
			if (g->numeric[c])
				pad(out, w[c] - x);
			fputs(s, out);
			if (c + 1 < g->ncols) {
				if (!g->numeric[c])
					pad(out, w[c] - x);
				fputs("  ", out);
			}
		}
		fputc('\n', out);
	}
	free(w);
}

/* Row r of g as JSON, the first of the array or a later one. */
static void json_row(const struct grid *g, size_t r, int first, struct sbuf *sb)
{
	sbuf_adds(sb, first ? "\n {" : ",\n {");
	for (size_t c = 0; c < g->ncols; c++) {
		const char *s = g->cells[r * g->ncols + c];
		if (c)
			sbuf_adds(sb, ", ");
		escape_json(sb, g->keys[c]);
		sbuf_adds(sb, ": ");
		if (!s)
			sbuf_adds(sb, "null");
		else if (g->numeric[c])
			sbuf_adds(sb, s);
		else
			escape_json(sb, s);
	}
	sbuf_addc(sb, '}');
}

/* The keys as CSV's header line (r = -1), or row r. */
static void csv_line(const struct grid *g, long r, struct sbuf *sb)
{
	for (size_t c = 0; c < g->ncols; c++) {
		if (c)
			sbuf_addc(sb, ',');
		escape_csv(sb, r < 0 ? g->keys[c] : cell(g, (size_t)r, c));
	}
	sbuf_addc(sb, '\n');
}

void grid_json(const struct grid *g, struct sbuf *sb)
{
	sbuf_addc(sb, '[');
	for (size_t r = 0; r < g->nrows; r++)
		json_row(g, r, r == 0, sb);
	sbuf_adds(sb, "\n]\n");
}

void grid_stream(struct grid *g, enum grid_format f, FILE *out)
{
	g->stream = out;
	g->stream_format = f;
	g->streamed = 0;
	g->stream_buf = xmalloc(sizeof *g->stream_buf);
	sbuf_init(g->stream_buf);
	if (f == GRID_JSON)
		sbuf_addc(g->stream_buf, '[');
	else
		csv_line(g, -1, g->stream_buf);
}

/* The one row held, written (into the buffer, emptied past 64 KiB) and
 * let go. */
static void stream_row(struct grid *g)
{
	struct sbuf *sb = g->stream_buf;
	if (g->stream_format == GRID_JSON)
		json_row(g, 0, g->streamed == 0, sb);
	else
		csv_line(g, 0, sb);
	g->streamed++;
	for (size_t c = 0; c < g->ncols; c++) {
		free(g->cells[c]);
		g->cells[c] = NULL;
	}
	g->nrows = 0;
	if (sb->len > 1 << 16) {
		fwrite(sb->buf, 1, sb->len, g->stream);
		sbuf_reset(sb);
	}
}

void grid_stream_end(struct grid *g)
{
	if (!g->stream)
		return;
	if (g->nrows)
		stream_row(g);
	if (g->stream_format == GRID_JSON)
		sbuf_adds(g->stream_buf, "\n]\n");
	fwrite(g->stream_buf->buf, 1, g->stream_buf->len, g->stream);
	sbuf_reset(g->stream_buf);
	g->stream = NULL;
}

void grid_write(const struct grid *g, enum grid_format f, FILE *out)
{
	struct sbuf sb;
	sbuf_init(&sb);
	switch (f) {
	case GRID_TABLE:
		write_table(g, out);
		break;
	case GRID_CSV:
		csv_line(g, -1, &sb);
		for (size_t r = 0; r < g->nrows; r++) {
			csv_line(g, (long)r, &sb);
			if (sb.len > 1 << 16) {
				fwrite(sb.buf, 1, sb.len, out);
				sbuf_reset(&sb);
			}
		}
		break;
	case GRID_JSON:
		grid_json(g, &sb);
		break;
	case GRID_MD:
		sbuf_addc(&sb, '|');
		for (size_t c = 0; c < g->ncols; c++) {
			sbuf_addc(&sb, ' ');
			escape_md(&sb, g->heads[c]);
			sbuf_adds(&sb, " |");
		}
		sbuf_adds(&sb, "\n|");
		for (size_t c = 0; c < g->ncols; c++)
			sbuf_adds(&sb, g->numeric[c] ? " ---: |" : " --- |");
		sbuf_addc(&sb, '\n');
		for (size_t r = 0; r < g->nrows; r++) {
			sbuf_addc(&sb, '|');
			for (size_t c = 0; c < g->ncols; c++) {
				sbuf_addc(&sb, ' ');
				escape_md(&sb, cell(g, r, c));
				sbuf_adds(&sb, " |");
			}
			sbuf_addc(&sb, '\n');
		}
		break;
	}
	fwrite(sb.buf, 1, sb.len, out);
	sbuf_release(&sb);
}
