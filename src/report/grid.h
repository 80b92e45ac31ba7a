/* grid.h: a table of text cells and its renderings: aligned text for
 * people (CJK characters count two columns), CSV, JSON and Markdown for
 * scripts and documents. Every command's tabular output goes through here.
 * Depends on base and report/escape. */
#ifndef KFQ_GRID_H
#define KFQ_GRID_H

#include <stddef.h>
#include <stdio.h>

#include "base/err.h"

enum grid_format { GRID_TABLE, GRID_CSV, GRID_JSON, GRID_MD };

struct grid {
	size_t ncols;
	char **heads;       /* shown headings (table, md) */
	char **keys;        /* csv header and json keys */
	unsigned char *numeric;  /* json: write the cell as a number */
	char **cells;       /* nrows × ncols, NULL = empty */
	size_t nrows, cap;
	FILE *stream;       /* grid_stream: where each row goes when finished */
	enum grid_format stream_format;
	size_t streamed;    /* rows written there */
	struct sbuf *stream_buf;
};

/* keys: the csv/json names; heads: the headings people read (NULL: keys). */
void grid_init(struct grid *g, size_t ncols, const char *const *keys, const char *const *heads);
void grid_release(struct grid *g);
void grid_numeric(struct grid *g, size_t col);
/* Start a new row; returns its index. */
size_t grid_row(struct grid *g);
/* Set a cell of the last row (copied; NULL or "" leaves it empty). */
void grid_set(struct grid *g, size_t col, const char *text);
void grid_setf(struct grid *g, size_t col, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

int grid_parse_format(const char *s, int allow_md, enum grid_format *f, struct kfq_err *err);
void grid_write(const struct grid *g, enum grid_format f, FILE *out);
/* From now on each row of g is written to out (f: GRID_CSV or GRID_JSON)
 * when the next is started, and not kept: an output of millions of rows
 * in the memory of one. The heading is written here; grid_stream_end
 * writes the last row and JSON's closing bracket, the bytes grid_write
 * would have written, in all. g->streamed counts the rows written. Errors
 * writing are the stream's (ferror). */
void grid_stream(struct grid *g, enum grid_format f, FILE *out);
void grid_stream_end(struct grid *g);
/* The JSON rendering (an array of objects, one per row, keyed by the
 * keys), appended to sb: what grid_write writes for GRID_JSON. */
struct sbuf;
void grid_json(const struct grid *g, struct sbuf *sb);

/* Display width of UTF-8 text in a terminal (wide East Asian = 2). */
size_t grid_text_width(const char *s);

#endif
