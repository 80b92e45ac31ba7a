/* tmpl_out.c: a rendered report document written as Markdown or as one
 * self-contained HTML file (see template.h, docs/reports.md). In HTML the
 * template's lines become headings (#), list items (- ) and paragraphs
 * (lines between blank ones); every number is a link to its entry in the
 * sources list at the end and carries its reference in data-ref; a gap is
 * marked, never a 0. User text goes through report/escape. Depends on
 * base and report. */
#include "report/tmpl_part.h"

#include <stdlib.h>
#include <string.h>

#include "base/sbuf.h"
#include "base/xalloc.h"
#include "report/escape.h"

/* The gaps of figures kfq does not hold ({{gap}}), each once, in order. */
static int gap_seen(const struct tmpl_doc *d, size_t i)
{
	for (size_t k = 0; k < i; k++)
		if (d->v[k].kind == SP_GAP && strcmp(d->v[k].ref, d->v[i].ref) == 0)
			return 1;
	return 0;
}

/* The revised figures, each note once, in order. */
static int rev_seen(const struct tmpl_doc *d, size_t i)
{
	for (size_t k = 0; k < i; k++)
		if (d->v[k].kind == SP_NUM && d->v[k].revised &&
		    strcmp(d->v[k].revised, d->v[i].revised) == 0)
			return 1;
	return 0;
}

static int is_revised(const struct tspan *s)
{
	return s->kind == SP_NUM && s->revised;
}

static int is_unheld(const struct tspan *s)
{
	return s->kind == SP_GAP && strncmp(s->ref, "gap ", 4) == 0;
}

void tmpl_write_md(const struct tmpl_doc *d, FILE *out)
{
	for (size_t i = 0; i < d->n; i++) {
		const struct tspan *s = &d->v[i];
		switch (s->kind) {
		case SP_TEXT:
		case SP_NUM:
			fputs(s->text, out);
			break;
		case SP_GAP:
			fprintf(out, "〔缺：%s〕", s->text);
			break;
		case SP_TABLE:
			if (s->caption)
				fprintf(out, "%s\n\n", s->caption);
			grid_write(s->g, GRID_MD, out);
			break;
		case SP_GAPLIST: {
			size_t listed = 0;
			for (size_t k = 0; k < d->n; k++)
				if (is_unheld(&d->v[k]) && !gap_seen(d, k)) {
					fprintf(out, "- %s（%s）\n", d->v[k].text, d->v[k].ref + 4);
					listed++;
				}
			if (!listed)
				fputs("- 无\n", out);   /* every figure is held */
			break;
		}
		case SP_REVLIST: {
			size_t listed = 0;
			for (size_t k = 0; k < d->n; k++)
				if (is_revised(&d->v[k]) && !rev_seen(d, k)) {
					fprintf(out, "- %s\n", d->v[k].revised);
					listed++;
				}
			if (!listed)
				fputs("- 无\n", out);   /* nothing printed has changed since published */
			break;
		}
		}
	}
}

/* ---- HTML ---- */

struct piece {
	size_t span;
	size_t off, len;   /* SP_TEXT: the part of its text */
};

struct hline {
	struct piece *v;
	size_t n;
	size_t block;      /* a table or the gap list: its span + 1; 0 for a line of text */
};

static const char STYLE[] =
	"body{font-family:\"Noto Serif CJK SC\",\"Source Han Serif SC\",\"SimSun\",serif;"
	"max-width:50em;margin:2em auto;padding:0 1em;line-height:1.8;color:#222}"
	"h1{text-align:center;font-size:1.6em}h2{font-size:1.25em;border-bottom:1px solid #ccc}"
	"p{text-indent:2em;margin:.6em 0}"
	"table{border-collapse:collapse;margin:1em 0;font-size:.9em}"
	"th,td{border:1px solid #999;padding:.2em .5em}td:first-child{white-space:nowrap}th{background:#eee}td.n{text-align:right}"
	"a.fig{color:inherit;text-decoration:none;border-bottom:1px dotted #36c}"
	"mark.gap{background:#fde2e2;color:#a00}"
	"a.fig.revised{border-bottom:2px solid #c60}"
	"section.sources{font-size:.8em;color:#555;margin-top:3em}"
	"section.sources code{color:#333}";

static void add_piece(struct hline *l, size_t span, size_t off, size_t len)
{
	l->v = xrealloc(l->v, (l->n + 1) * sizeof *l->v);
	l->v[l->n].span = span;
	l->v[l->n].off = off;
	l->v[l->n].len = len;
	l->n++;
}

static struct hline *lines_of(const struct tmpl_doc *d, size_t *nl)
{
	struct hline *v = xcalloc(1, sizeof *v);
	size_t n = 1;
#define NEWLINE() (v = xrealloc(v, (n + 1) * sizeof *v), memset(&v[n], 0, sizeof v[n]), n++)
	for (size_t i = 0; i < d->n; i++) {
		const struct tspan *s = &d->v[i];
		if (s->kind == SP_TABLE || s->kind == SP_GAPLIST || s->kind == SP_REVLIST) {
			if (v[n - 1].n)
				NEWLINE();
			v[n - 1].block = i + 1;
			NEWLINE();
		} else if (s->kind == SP_TEXT) {
			size_t b = 0, k;
			for (k = 0; s->text[k]; k++)
				if (s->text[k] == '\n') {
					if (k > b)
						add_piece(&v[n - 1], i, b, k - b);
					NEWLINE();
					b = k + 1;
				}
			if (k > b)
				add_piece(&v[n - 1], i, b, k - b);
		} else
			add_piece(&v[n - 1], i, 0, 0);
	}
#undef NEWLINE
	*nl = n;
	return v;
}

/* The text of a line's first piece when it is text, else "". */
static const char *line_start(const struct tmpl_doc *d, const struct hline *l, size_t *len)
{
	if (!l->n || d->v[l->v[0].span].kind != SP_TEXT) {
		*len = 0;
		return "";
	}
	*len = l->v[0].len;
	return d->v[l->v[0].span].text + l->v[0].off;
}

static int line_blank(const struct tmpl_doc *d, const struct hline *l)
{
	for (size_t k = 0; k < l->n; k++) {
		const struct tspan *s = &d->v[l->v[k].span];
		if (s->kind != SP_TEXT)
			return 0;
		for (size_t j = 0; j < l->v[k].len; j++)
			if (!strchr(" \t\r", s->text[l->v[k].off + j]))
				return 0;
	}
	return 1;
}

/* The pieces of l from the skip'th byte of its first piece, as inline HTML. */
static void inline_html(const struct tmpl_doc *d, const struct hline *l, size_t skip,
                        const size_t *srcno, struct sbuf *sb)
{
	for (size_t k = 0; k < l->n; k++) {
		const struct piece *pc = &l->v[k];
		const struct tspan *s = &d->v[pc->span];
		if (s->kind == SP_TEXT) {
			size_t off = pc->off + (k == 0 ? skip : 0), len = pc->len - (k == 0 ? skip : 0);
			char *t = xstrndup(s->text + off, len);
			escape_html(sb, t);
			free(t);
		} else if (s->kind == SP_NUM) {
			sbuf_addf(sb, "<a class=\"fig%s\" href=\"#src-%zu\"", s->revised ? " revised" : "",
			          srcno[pc->span]);
			if (s->id) {
				sbuf_adds(sb, " id=\"");
				escape_html(sb, s->id);
				sbuf_adds(sb, "\"");
			}
			sbuf_adds(sb, " data-ref=\"");
			escape_html(sb, s->ref);
			sbuf_adds(sb, "\" title=\"");
			escape_html(sb, s->explain);
			if (s->revised) {
				sbuf_adds(sb, "\n");
				escape_html(sb, s->revised);
			}
			sbuf_adds(sb, "\">");
			escape_html(sb, s->text);
			sbuf_adds(sb, "</a>");
		} else if (s->kind == SP_GAP) {
			sbuf_adds(sb, "<mark class=\"gap\" data-ref=\"");
			escape_html(sb, s->ref);
			sbuf_adds(sb, "\">〔缺：");
			escape_html(sb, s->text);
			sbuf_adds(sb, "〕</mark>");
		}
	}
}

static void table_html(const struct tspan *s, size_t no, struct sbuf *sb)
{
	const struct grid *g = s->g;
	sbuf_addf(sb, "<table id=\"tab-%zu\" data-ref=\"", no);
	escape_html(sb, s->ref);
	sbuf_adds(sb, "\" title=\"");
	escape_html(sb, s->explain);
	sbuf_adds(sb, "\">\n<thead><tr>");
	for (size_t c = 0; c < g->ncols; c++) {
		sbuf_adds(sb, "<th>");
		escape_html(sb, g->heads[c]);
		sbuf_adds(sb, "</th>");
	}
	sbuf_adds(sb, "</tr></thead>\n<tbody>\n");
	for (size_t r = 0; r < g->nrows; r++) {
		sbuf_adds(sb, "<tr>");
		for (size_t c = 0; c < g->ncols; c++) {
			const char *x = g->cells[r * g->ncols + c];
			sbuf_addf(sb, "<td%s data-col=\"%s\">", g->numeric[c] ? " class=\"n\"" : "",
			          g->keys[c]);
			escape_html(sb, x ? x : "");
			sbuf_adds(sb, "</td>");
		}
		sbuf_adds(sb, "</tr>\n");
	}
	sbuf_adds(sb, "</tbody></table>\n");
}

void tmpl_write_html(const struct tmpl_doc *d, FILE *out)
{
	size_t nl, *srcno = xcalloc(d->n ? d->n : 1, sizeof *srcno), nsrc = 0;
	struct hline *l = lines_of(d, &nl);
	struct sbuf body, title;
	int in_p = 0, in_ul = 0;

	for (size_t i = 0; i < d->n; i++)
		if (d->v[i].kind == SP_NUM || d->v[i].kind == SP_TABLE)
			srcno[i] = ++nsrc;
	sbuf_init(&body);
	sbuf_init(&title);
	for (size_t i = 0; i < nl; i++) {
		size_t len, h = 0;
		const char *st = line_start(d, &l[i], &len);
		int close = l[i].block || line_blank(d, &l[i]) || (len && st[0] == '#') ||
		            (len >= 2 && st[0] == '-' && st[1] == ' ');
		if (close && in_p) {
			sbuf_adds(&body, "</p>\n");
			in_p = 0;
		}
		if (in_ul && !(len >= 2 && st[0] == '-' && st[1] == ' ')) {
			sbuf_adds(&body, "</ul>\n");
			in_ul = 0;
		}
		if (l[i].block) {
			const struct tspan *s = &d->v[l[i].block - 1];
			if (s->kind == SP_TABLE && s->chart)
				tmpl_svg(s, srcno[l[i].block - 1], &body);
			else if (s->kind == SP_TABLE)
				table_html(s, srcno[l[i].block - 1], &body);
			else if (s->kind == SP_REVLIST) {
				size_t listed = 0;
				sbuf_adds(&body, "<ul class=\"revised\">\n");
				for (size_t k = 0; k < d->n; k++)
					if (is_revised(&d->v[k]) && !rev_seen(d, k)) {
						sbuf_adds(&body, "<li data-ref=\"");
						escape_html(&body, d->v[k].ref);
						sbuf_adds(&body, "\">");
						escape_html(&body, d->v[k].revised);
						sbuf_adds(&body, "</li>\n");
						listed++;
					}
				if (!listed)
					sbuf_adds(&body, "<li>无</li>\n");
				sbuf_adds(&body, "</ul>\n");
			} else {
				sbuf_adds(&body, "<ul class=\"gaps\">\n");
				for (size_t k = 0; k < d->n; k++)
					if (is_unheld(&d->v[k]) && !gap_seen(d, k)) {
						sbuf_adds(&body, "<li data-ref=\"");
						escape_html(&body, d->v[k].ref);
						sbuf_adds(&body, "\">");
						escape_html(&body, d->v[k].text);
						sbuf_adds(&body, "（");
						escape_html(&body, d->v[k].ref + 4);
						sbuf_adds(&body, "）</li>\n");
					}
				sbuf_adds(&body, "</ul>\n");
			}
			continue;
		}
		if (line_blank(d, &l[i]))
			continue;
		while (h < len && st[h] == '#')
			h++;
		if (h && h <= 4 && h < len && st[h] == ' ') {
			size_t at = body.len;
			sbuf_addf(&body, "<h%zu>", h);
			inline_html(d, &l[i], h + 1, srcno, &body);
			sbuf_addf(&body, "</h%zu>\n", h);
			if (!title.len)
				sbuf_add(&title, body.buf + at + 4, body.len - at - 10);
			continue;
		}
		if (len >= 2 && st[0] == '-' && st[1] == ' ') {
			if (!in_ul)
				sbuf_adds(&body, "<ul>\n");
			in_ul = 1;
			sbuf_adds(&body, "<li>");
			inline_html(d, &l[i], 2, srcno, &body);
			sbuf_adds(&body, "</li>\n");
			continue;
		}
		sbuf_adds(&body, in_p ? "\n" : "<p>");
		in_p = 1;
		inline_html(d, &l[i], 0, srcno, &body);
	}
	if (in_p)
		sbuf_adds(&body, "</p>\n");
	if (in_ul)
		sbuf_adds(&body, "</ul>\n");
	fprintf(out, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
	        "<title>%s</title>\n<style>%s</style>\n</head>\n<body>\n%s",
	        title.len ? title.buf : "kfq", STYLE, body.buf);
	if (nsrc) {
		fputs("<section class=\"sources\">\n<h2>数据来源</h2>\n<ol>\n", out);
		for (size_t i = 0; i < d->n; i++) {
			struct sbuf sb;
			if (!srcno[i])
				continue;
			sbuf_init(&sb);
			sbuf_addf(&sb, "<li id=\"src-%zu\"><code>", srcno[i]);
			escape_html(&sb, d->v[i].ref);
			sbuf_adds(&sb, "</code> ");
			escape_html(&sb, d->v[i].explain);
			sbuf_adds(&sb, "</li>\n");
			fputs(sb.buf, out);
			sbuf_release(&sb);
		}
		fputs("</ol>\n</section>\n", out);
	}
	fputs("</body>\n</html>\n", out);
	for (size_t i = 0; i < nl; i++)
		free(l[i].v);
	free(l);
	free(srcno);
	sbuf_release(&body);
	sbuf_release(&title);
}

/* ---- the Markdown rendering, read back by the PDF and DOCX writers ---- */

char **tmpl_md_lines(char *md, size_t *n)
{
	char **lines = NULL;
	size_t cap = 0;
	*n = 0;
	for (char *s = md; *s;) {
		char *e = strchr(s, '\n');
		XGROW(lines, *n + 1, cap);
		lines[(*n)++] = s;
		if (!e)
			break;
		*e = '\0';
		s = e + 1;
	}
	return lines;
}

size_t tmpl_md_cells(const char *s, size_t n, char **cells, size_t max)
{
	size_t k = 0, i = 1, b = 1;
	for (; i < n && k < max; i++)
		if (s[i] == '|' && s[i - 1] != '\\') {
			size_t lo = b, hi = i;
			while (lo < hi && s[lo] == ' ')
				lo++;
			while (hi > lo && s[hi - 1] == ' ')
				hi--;
			cells[k++] = xstrndup(s + lo, hi - lo);
			b = i + 1;
		}
	return k;
}

char *tmpl_md_shown(const char *s)
{
	char *t = xstrdup(s), *o = t;
	for (const char *p = s; *p; p++)
		if (!(p[0] == '\\' && p[1] == '|'))
			*o++ = *p;
	*o = '\0';
	return t;
}
