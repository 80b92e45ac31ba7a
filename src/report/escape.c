/* escape.c: escaping user text for CSV, JSON, Markdown and HTML (see
 * escape.h). Depends on base/sbuf and base/table (the CSV formula guard). */
#include "report/escape.h"
#include "base/table.h"

#include <stdio.h>
#include <string.h>

void escape_csv(struct sbuf *sb, const char *s)
{
	int guard = csv_guarded(s);   /* not a formula for Excel (base/table.h) */
	if (strpbrk(s, ",\"\r\n") == NULL) {
		if (guard)
			sbuf_addc(sb, '\'');
		sbuf_adds(sb, s);
		return;
	}
	sbuf_addc(sb, '"');
	if (guard)
		sbuf_addc(sb, '\'');
	for (; *s; s++) {
		if (*s == '"')
			sbuf_addc(sb, '"');
		sbuf_addc(sb, *s);
	}
	sbuf_addc(sb, '"');
}

void escape_json(struct sbuf *sb, const char *s)
{
	sbuf_addc(sb, '"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		switch (c) {
		case '"': sbuf_adds(sb, "\\\""); break;
		case '\\': sbuf_adds(sb, "\\\\"); break;
		case '\n': sbuf_adds(sb, "\\n"); break;
		case '\r': sbuf_adds(sb, "\\r"); break;
		case '\t': sbuf_adds(sb, "\\t"); break;
		default:
			if (c < 0x20)
				sbuf_addf(sb, "\\u%04x", c);
			else
				sbuf_addc(sb, (char)c);
		}
	}
	sbuf_addc(sb, '"');
}

void escape_md(struct sbuf *sb, const char *s)
{
	for (; *s; s++) {
		if (*s == '|' || *s == '\\' || *s == '<' || *s == '>' || *s == '&')
			sbuf_addf(sb, "&#%d;", *s);
		else if (*s == '\n' || *s == '\r')
			sbuf_addc(sb, ' ');
		else
			sbuf_addc(sb, *s);
	}
}

void escape_html(struct sbuf *sb, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': sbuf_adds(sb, "&amp;"); break;
		case '<': sbuf_adds(sb, "&lt;"); break;
		case '>': sbuf_adds(sb, "&gt;"); break;
		case '"': sbuf_adds(sb, "&quot;"); break;
		case '\'': sbuf_adds(sb, "&#39;"); break;
		default: sbuf_addc(sb, *s);
		}
	}
}
