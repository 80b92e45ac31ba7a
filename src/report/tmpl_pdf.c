/* tmpl_pdf.c: a rendered report document as PDF (see template.h): A4,
 * Chinese set by pango in a CJK font (fonts-noto-cjk), drawn by cairo as
 * vectors; the unit's name in the header, page numbers in the footer. The
 * document is laid out from its Markdown rendering (tmpl_write_md), so the
 * two cannot say different things: headings (#), list items (- ),
 * paragraphs, tables (| … |), charts (the doc's chart whose caption a
 * line is: drawn as vectors, then its caption and its data table
 * here), gaps (〔缺：…〕) in red. Written whole or not at all
 * (base/outfile). Built on its own as kfq-pdf.so, the only part of kfq
 * that links pango and cairo, and loaded by tmpl_pdf_load.c when a PDF is
 * written; the kfq functions it calls come from the program (the
 * Makefile's PDF_SYMS). Depends on base and report. */
#include "report/tmpl_part.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <errno.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <stdlib.h>
#include <string.h>

#include "base/outfile.h"
#include "base/sbuf.h"
#include "base/xalloc.h"
#include "report/escape.h"

#define PAGE_W 595.28    /* A4 in points */
#define PAGE_H 841.89
#define MARGIN 56.0
#define TEXT_W (PAGE_W - 2 * MARGIN)
#define FONT "Noto Serif CJK SC"

struct pdf {
	cairo_t *cr;
	PangoContext *ctx;    /* of a font map of its own, released at the end */
	double y;
	int page;
	const char *header;
};

static void page_furniture(struct pdf *p)
{
	PangoLayout *l = pango_layout_new(p->ctx);
	PangoFontDescription *fd = pango_font_description_from_string(FONT " 8");
	char num[32];
	int w, h;
	pango_layout_set_font_description(l, fd);
	cairo_set_source_rgb(p->cr, 0.4, 0.4, 0.4);
	pango_layout_set_text(l, p->header, -1);
	cairo_move_to(p->cr, MARGIN, MARGIN / 2);
	pango_cairo_show_layout(p->cr, l);
	cairo_move_to(p->cr, MARGIN, MARGIN / 2 + 12);
	cairo_line_to(p->cr, PAGE_W - MARGIN, MARGIN / 2 + 12);
	cairo_set_line_width(p->cr, 0.5);
	cairo_stroke(p->cr);
	snprintf(num, sizeof num, "第 %d 页", p->page);
	pango_layout_set_text(l, num, -1);
	pango_layout_get_size(l, &w, &h);
	cairo_move_to(p->cr, (PAGE_W - w / (double)PANGO_SCALE) / 2, PAGE_H - MARGIN / 2 - 8);
	pango_cairo_show_layout(p->cr, l);
	cairo_set_source_rgb(p->cr, 0, 0, 0);
	pango_font_description_free(fd);
	g_object_unref(l);
}

static void new_page(struct pdf *p)
{
	if (p->page)
		cairo_show_page(p->cr);
	p->page++;
	p->y = MARGIN;
	page_furniture(p);
}

/* Draw a laid-out block line by line at x, breaking pages between lines. */
static void draw_layout(struct pdf *p, PangoLayout *l, double x)
{
	PangoLayoutIter *it = pango_layout_get_iter(l);
	double top = -1;
	do {
		PangoRectangle r;
		PangoLayoutLine *line = pango_layout_iter_get_line_readonly(it);
		int base = pango_layout_iter_get_baseline(it);
		double ly, lh;
		pango_layout_iter_get_line_extents(it, NULL, &r);
		ly = r.y / (double)PANGO_SCALE;
		lh = r.height / (double)PANGO_SCALE;
		if (top < 0)
			top = ly;
		if (p->y + (ly - top) + lh > PAGE_H - MARGIN) {
			new_page(p);
			p->y -= ly - top;   /* the rest continues from the top */
		}
		cairo_move_to(p->cr, x + r.x / (double)PANGO_SCALE, p->y + (base / (double)PANGO_SCALE - top));
		pango_cairo_show_layout_line(p->cr, line);
	} while (pango_layout_iter_next_line(it));
	{
		PangoRectangle r;
		pango_layout_get_extents(l, NULL, &r);
		p->y += (r.y + r.height) / (double)PANGO_SCALE - top;
	}
	pango_layout_iter_free(it);
}

/* Text as Pango markup: escaped, each gap in red. */
static void markup(struct sbuf *sb, const char *s, size_t n)
{
	char *t = xstrndup(s, n), *g;
	const char *q = t;
	while ((g = strstr(q, "〔缺：")) != NULL) {
		char *e = strstr(g, "〕"), c;
		if (!e)
			break;
		e += strlen("〕");
		c = *g;
		*g = '\0';
		escape_html(sb, q);
		*g = c;
		c = *e;
		*e = '\0';
		sbuf_adds(sb, "<span foreground=\"#aa0000\">");
		escape_html(sb, g);
		sbuf_adds(sb, "</span>");
		*e = c;
		q = e;
	}
	escape_html(sb, q);
	free(t);
}

static PangoLayout *layout(struct pdf *p, const char *mk, const char *font, double width,
                           double indent)
{
	PangoLayout *l = pango_layout_new(p->ctx);
	PangoFontDescription *fd = pango_font_description_from_string(font);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	pango_layout_set_width(l, (int)(width * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_indent(l, (int)(indent * PANGO_SCALE));
	pango_layout_set_spacing(l, 4 * PANGO_SCALE);
	pango_layout_set_markup(l, mk, -1);
	return l;
}

static void text_block(struct pdf *p, const char *s, size_t n, const char *font, double x,
                       double indent, double before, double after)
{
	struct sbuf sb;
	PangoLayout *l;
	sbuf_init(&sb);
	markup(&sb, s, n);
	l = layout(p, sb.buf, font, TEXT_W - (x - MARGIN), indent);
	if (strstr(font, " 18"))   /* the title, centred */
		pango_layout_set_alignment(l, PANGO_ALIGN_CENTER);
	p->y += before;
	draw_layout(p, l, x);
	p->y += after;
	g_object_unref(l);
	sbuf_release(&sb);
}

#define MAXC 16
#define MAXR 512

static void table(struct pdf *p, char **lines, size_t n)
{
	char *cells[MAXR][MAXC];
	size_t nc[MAXR], nr = 0, ncol = 0;
	double w[MAXC] = { 0 }, total = 0;
	for (size_t i = 0; i < n && nr < MAXR; i++) {
		if (strncmp(lines[i], "| ---", 5) == 0 || strncmp(lines[i], "| :--", 5) == 0)
			continue;
		nc[nr] = tmpl_md_cells(lines[i], strlen(lines[i]), cells[nr], MAXC);
		if (nc[nr] > ncol)
			ncol = nc[nr];
		nr++;
	}
	/* natural widths, scaled to the text's width when wider */
	for (size_t r = 0; r < nr; r++)
		for (size_t c = 0; c < nc[r]; c++) {
			PangoLayout *l = layout(p, "", FONT " 8", -1, 0);
			int tw, th;
			pango_layout_set_width(l, -1);
			pango_layout_set_text(l, cells[r][c], -1);
			pango_layout_get_size(l, &tw, &th);
			if (tw / (double)PANGO_SCALE + 8 > w[c])
				w[c] = tw / (double)PANGO_SCALE + 8;
			g_object_unref(l);
		}
	for (size_t c = 0; c < ncol; c++)
		total += w[c];
	if (total > TEXT_W)
		for (size_t c = 0; c < ncol; c++)
			w[c] *= TEXT_W / total;
	p->y += 4;
	for (size_t r = 0; r < nr; r++) {
		PangoLayout *ls[MAXC];
		double h = 0, x = MARGIN;
		for (size_t c = 0; c < ncol; c++) {
			struct sbuf sb;
			int tw, th;
			sbuf_init(&sb);
			if (r == 0)
				sbuf_adds(&sb, "<b>");
			if (c < nc[r])
				markup(&sb, cells[r][c], strlen(cells[r][c]));
			if (r == 0)
				sbuf_adds(&sb, "</b>");
			ls[c] = layout(p, sb.buf, FONT " 8", w[c] - 6, 0);
			pango_layout_set_spacing(ls[c], 0);
			pango_layout_get_size(ls[c], &tw, &th);
			if (th / (double)PANGO_SCALE + 4 > h)
				h = th / (double)PANGO_SCALE + 4;
			sbuf_release(&sb);
		}
		if (p->y + h > PAGE_H - MARGIN)
			new_page(p);
		for (size_t c = 0; c < ncol; c++) {
			cairo_rectangle(p->cr, x, p->y, w[c], h);
			cairo_set_line_width(p->cr, 0.4);
			cairo_stroke(p->cr);
			cairo_move_to(p->cr, x + 3, p->y + 2);
			pango_cairo_show_layout(p->cr, ls[c]);
			g_object_unref(ls[c]);
			x += w[c];
		}
		p->y += h;
	}
	p->y += 8;
	for (size_t r = 0; r < nr; r++)
		for (size_t c = 0; c < nc[r]; c++)
			free(cells[r][c]);
}

/* ---- charts, drawn as vectors (the HTML's are SVG: tmpl_svg.c) ---- */

static double cell_value(const struct grid *g, size_t r, size_t c, int *has)
{
	const char *x = g->cells[r * g->ncols + c];
	*has = x && *x;
	return *has ? strtod(x, NULL) : 0;
}

/* Text of size 7 at (x, y) (its top), centred on x or ending at it
 * (align 0 centre, 1 end, -1 start). */
static void small_text(struct pdf *p, const char *t, double x, double y, int align)
{
	PangoLayout *l = layout(p, "", FONT " 7", -1, 0);
	int tw, th;
	pango_layout_set_width(l, -1);
	pango_layout_set_text(l, t ? t : "", -1);
	pango_layout_get_size(l, &tw, &th);
	cairo_move_to(p->cr, align == 0 ? x - tw / (2.0 * PANGO_SCALE)
	                     : align > 0 ? x - tw / (double)PANGO_SCALE : x, y);
	pango_cairo_show_layout(p->cr, l);
	g_object_unref(l);
}

static void fill_rect(struct pdf *p, double x, double y, double w, double h, double r,
                      double g, double b)
{
	cairo_set_source_rgb(p->cr, r, g, b);
	cairo_rectangle(p->cr, x, y, w, h < 0 ? 0 : h);
	cairo_fill(p->cr);
	cairo_set_source_rgb(p->cr, 0, 0, 0);
}

/* A monthly trend: this year's months (blue) beside last year's (grey). */
static double draw_trend(struct pdf *p, const struct grid *g)
{
	const double H = 180, B = 30, T = 14;
	double max = 0, gw = g->nrows ? TEXT_W / (double)g->nrows : 1, y0 = p->y;
	int has;
	for (size_t r = 0; r < g->nrows; r++)
		for (size_t c = 1; c < 3 && c < g->ncols; c++) {
			double v = cell_value(g, r, c, &has);
			if (has && v > max)
				max = v;
		}
	if (max <= 0)
		max = 1;
	for (size_t r = 0; r < g->nrows; r++) {
		double x = MARGIN + gw * (double)r, v, h;
		if (g->ncols > 2 && (v = cell_value(g, r, 2, &has), has)) {
			h = (H - B - T) * v / max;
			fill_rect(p, x + gw * 0.15, y0 + H - B - h, gw * 0.33, h, 0.73, 0.73, 0.73);
		}
		if ((v = cell_value(g, r, 1, &has), has)) {
			h = (H - B - T) * v / max;
			fill_rect(p, x + gw * 0.5, y0 + H - B - h, gw * 0.33, h, 0.2, 0.4, 0.8);
			small_text(p, g->cells[r * g->ncols + 1], x + gw * 0.66, y0 + H - B - h - 10, 0);
		}
		small_text(p, g->cells[r * g->ncols], x + gw * 0.5, y0 + H - B + 3, 0);
	}
	cairo_set_line_width(p->cr, 0.6);
	cairo_move_to(p->cr, MARGIN, y0 + H - B);
	cairo_line_to(p->cr, MARGIN + TEXT_W, y0 + H - B);
	cairo_stroke(p->cr);
	fill_rect(p, MARGIN, y0 + H - 9, 7, 7, 0.2, 0.4, 0.8);
	small_text(p, "本年", MARGIN + 10, y0 + H - 10, -1);
	fill_rect(p, MARGIN + 50, y0 + H - 9, 7, 7, 0.73, 0.73, 0.73);
	small_text(p, "上年同期", MARGIN + 60, y0 + H - 10, -1);
	return H;
}

/* Bars compared (the parks): a name, its bar and its value on each row. */
static double draw_bars(struct pdf *p, const struct grid *g)
{
	const double RH = 16, LW = 110, BW = TEXT_W - LW - 60;
	double max = 0, y0 = p->y;
	int has = 0;
	for (size_t r = 0; r < g->nrows; r++) {
		double v = g->ncols > 1 ? cell_value(g, r, 1, &has) : 0;
		if (g->ncols > 1 && has && v > max)
			max = v;
	}
	if (max <= 0)
		max = 1;
	for (size_t r = 0; r < g->nrows; r++) {
		double y = y0 + RH * (double)r, v = g->ncols > 1 ? cell_value(g, r, 1, &has) : 0;
		double w = g->ncols > 1 && has ? BW * v / max : 0;
		small_text(p, g->cells[r * g->ncols], MARGIN + LW - 4, y + 3, 1);
		if (g->ncols > 1 && has) {
			fill_rect(p, MARGIN + LW, y + 3, w, RH - 6, 0.2, 0.4, 0.8);
			small_text(p, g->cells[r * g->ncols + 1], MARGIN + LW + w + 3, y + 3, -1);
		} else {
			small_text(p, "〔缺：无数据〕", MARGIN + LW + 3, y + 3, -1);
		}
	}
	return RH * (double)g->nrows + 4;
}

/* The chart whose caption is the line s, or NULL. */
static const struct tspan *chart_of(const struct tmpl_doc *d, const char *s)
{
	for (size_t i = 0; d && i < d->n; i++)
		if (d->v[i].kind == SP_TABLE && d->v[i].chart && d->v[i].g && d->v[i].caption &&
		    strcmp(d->v[i].caption, s) == 0)
			return &d->v[i];
	return NULL;
}

static void draw_chart(struct pdf *p, const struct tspan *c)
{
	double h = c->chart == 1 ? 180 : 16.0 * (double)c->g->nrows + 4;
	if (p->y + h + 20 > PAGE_H - MARGIN)
		new_page(p);
	p->y += 4;
	p->y += c->chart == 1 ? draw_trend(p, c->g) : draw_bars(p, c->g);
}

static void draw_doc(struct pdf *p, const struct tmpl_doc *d, char *md)
{
	size_t n;
	char **lines = tmpl_md_lines(md, &n);
	new_page(p);
	for (size_t i = 0; i < n; i++) {
		const char *s = lines[i];
		if (!*s)
			continue;
		if (s[0] == '|') {
			size_t j = i;
			while (j < n && lines[j][0] == '|')
				j++;
			table(p, lines + i, j - i);
			i = j - 1;
		} else if (chart_of(d, s)) {
			/* a chart: drawn, then its caption, then its data (as printed) */
			draw_chart(p, chart_of(d, s));
			text_block(p, s, strlen(s), FONT " 9", MARGIN, 0, 2, 2);
		} else if (strncmp(s, "# ", 2) == 0)
			text_block(p, s + 2, strlen(s + 2), FONT " Bold 18", MARGIN, 0, 6, 10);
		else if (strncmp(s, "## ", 3) == 0)
			text_block(p, s + 3, strlen(s + 3), FONT " Bold 13", MARGIN, 0, 8, 6);
		else if (strncmp(s, "### ", 4) == 0 || strncmp(s, "#### ", 5) == 0)
			text_block(p, s + 4, strlen(s + 4), FONT " Bold 11", MARGIN, 0, 6, 4);
		else if (strncmp(s, "- ", 2) == 0) {
			struct sbuf sb;
			sbuf_init(&sb);
			sbuf_adds(&sb, "• ");
			sbuf_adds(&sb, s + 2);
			text_block(p, sb.buf, sb.len, FONT " 10", MARGIN + 10, 0, 0, 2);
			sbuf_release(&sb);
		} else
			text_block(p, s, strlen(s), FONT " 10.5", MARGIN, 21, 0, 6);
	}
	free(lines);
}

int tmpl_pdf_write(const struct tmpl_doc *d, const char *header, const char *path,
                   struct kfq_err *err)
{
	struct outfile of;
	cairo_surface_t *sf;
	cairo_status_t st;
	struct pdf p = { NULL, NULL, 0, 0, header };
	PangoFontMap *fm;
	char *md = NULL;
	size_t len = 0;
	FILE *mem;

	if (outfile_open_named(&of, path, 0644, err) < 0)
		return -1;
	if (!(mem = open_memstream(&md, &len))) {
		outfile_abort(&of);
		return kfq_env(err, "%s: %s", path, strerror(errno));
	}
	tmpl_write_md(d, mem);
	fclose(mem);
	sf = cairo_pdf_surface_create(of.write_path, PAGE_W, PAGE_H);
	p.cr = cairo_create(sf);
	fm = pango_cairo_font_map_new();
	p.ctx = pango_font_map_create_context(fm);
	pango_cairo_update_context(p.cr, p.ctx);
	draw_doc(&p, d, md);
	cairo_show_page(p.cr);
	cairo_destroy(p.cr);
	cairo_surface_finish(sf);
	st = cairo_surface_status(sf);
	cairo_surface_destroy(sf);
	free(md);
	/* the font map and the caches fontconfig and cairo keep for the process,
	 * released: kfq renders once and ends, and the sanitizers see no leak */
	g_object_unref(p.ctx);
	g_object_unref(fm);
	cairo_debug_reset_static_data();
	FcFini();
	if (st != CAIRO_STATUS_SUCCESS) {
		outfile_abort(&of);
		if (st == CAIRO_STATUS_WRITE_ERROR)
			return kfq_env(err, "%s: %s", path, "the PDF could not be written (is the disk full?)");
		return kfq_error(err, "%s: writing the PDF failed: %s", path, cairo_status_to_string(st));
	}
	return outfile_commit(&of, err);
}
