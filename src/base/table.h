/* table.h: reading a tabular file (CSV in any encoding Excel writes, or XLSX)
 * row by row.
 *
 * One entry point for every import: the file's kind is told by its content
 * (an XLSX file is a ZIP archive, "PK\3\4"), not only its name. CSV may be
 * UTF-8 with or without BOM, or GB18030/GBK (detected when the bytes are not
 * valid UTF-8, and converted); LF or CRLF; strict RFC 4180 quoting (src/base/csv.c; fuzz_csv
 * checks it against libcsv on every input). XLSX:
 * the first sheet, or the sheet named by `sheet` (libzip + expat).
 * Every row reaches the callback with its cells as NUL-terminated UTF-8 and
 * its line number (CSV: the physical line where the record starts; XLSX: the
 * sheet row number), header row included. Rows whose cells are all empty are
 * skipped. Cells are passed as written (no trimming).
 * Depends on base only. */
#ifndef KFQ_TABLE_H
#define KFQ_TABLE_H

#include <stddef.h>

#include "base/err.h"

/* Called once per row. Return 0 to go on, -1 to stop (with err filled). */
typedef int (*table_row_fn)(void *ctx, size_t line, size_t ncells,
                            const char *const *cells, struct kfq_err *err);

/* Read path and call fn for every row. Errors (unreadable file, bad
 * encoding, broken quoting, not an XLSX, no such sheet) name the file and,
 * where there is one, the line. `sheet` is NULL for the first sheet and is
 * an error for CSV. */
int table_each(const char *path, const char *sheet, table_row_fn fn, void *ctx,
               struct kfq_err *err);

/* The same on bytes in memory; name is used in messages. */
int table_each_csv(const char *name, const char *data, size_t len,
                   table_row_fn fn, void *ctx, struct kfq_err *err);
int table_each_xlsx(const char *name, const char *data, size_t len, const char *sheet,
                    table_row_fn fn, void *ctx, struct kfq_err *err);

/* Spreadsheet formulas in CSV (OWASP's CSV injection): a text written to a
 * CSV cell that Excel or WPS would run (it begins with = + - @, a tab or a
 * carriage return, and is not a plain number such as -12.5) is written
 * with an apostrophe before it, and so is a text that would read back as
 * one (an apostrophe, then such a text); table_each_csv drops that
 * apostrophe again, so every text imports back as it was. csv_guarded:
 * whether s needs the apostrophe. */
int csv_guarded(const char *s);

/* The offset of the first byte of s[0..n) that is not valid UTF-8 (an
 * overlong form, a surrogate, a truncated sequence …), or n when all are;
 * for other text files kfq reads (schemes). */
size_t text_utf8_end(const char *s, size_t n);

/* Which encoding table_each_csv took the bytes to be: "UTF-8" or "GB18030".
 * Exposed for tests and `--dry-run` reports. */
const char *table_csv_encoding(const char *data, size_t len);

#endif
