/* escape.h: the one place that writes user text into CSV, JSON, Markdown
 * and HTML. Covers & < > " ' for markup, quotes for CSV (RFC 4180), control
 * characters for JSON, | for Markdown tables. Depends on base/sbuf. */
#ifndef KFQ_ESCAPE_H
#define KFQ_ESCAPE_H

#include "base/sbuf.h"

void escape_csv(struct sbuf *sb, const char *s);
void escape_json(struct sbuf *sb, const char *s);   /* with the quotes */
void escape_md(struct sbuf *sb, const char *s);
void escape_html(struct sbuf *sb, const char *s);

#endif
