/* tmpl_svg.c: a report's charts drawn as inline SVG in its HTML (see
 * template.h, docs/reports.md): a monthly trend (this year's months as
 * bars beside last year's) and bars compared (the parks). The numbers
 * written are the chart's cells as calc/figure gave them; the cells are
 * read as doubles only to place the bars. Each bar carries its value in a
 * <title>. User text goes through report/escape. Depends on base and
 * report. */
#include "report/tmpl_part.h"

#include <stdlib.h>

#include "base/sbuf.h"
#include "report/escape.h"

static double cell(const struct grid *g, size_t r, size_t c, int *has)
{
	const char *x = g->cells[r * g->ncols + c];
	*has = x && *x;
	return *has ? strtod(x, NULL) : 0;
}

static void text(struct sbuf *sb, double x, double y, const char *anchor, const char *t)
{
	sbuf_addf(sb, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">", x, y, anchor);
	escape_html(sb, t);
	sbuf_adds(sb, "</text>");
}

static void bar(struct sbuf *sb, double x, double y, double w, double h, const char *fill,
                const char *label, const char *value)
{
	sbuf_addf(sb, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\">"
	          "<title>", x, y, w, h < 0 ? 0 : h, fill);
	escape_html(sb, label);
	sbuf_adds(sb, " ");
	escape_html(sb, value);
	sbuf_adds(sb, "</title></rect>");
}

static void trend(const struct grid *g, struct sbuf *sb)
{
	const double W = 640, H = 260, L = 20, B = 40, T = 30;
	double max = 0, gw = g->nrows ? (W - 2 * L) / (double)g->nrows : 1;
	int has;
	for (size_t r = 0; r < g->nrows; r++)
		for (size_t c = 1; c < 3; c++) {
			double v = cell(g, r, c, &has);
			if (has && v > max)
				max = v;
		}
	if (max <= 0)
		max = 1;
	sbuf_addf(sb, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %.0f %.0f\" "
	          "width=\"%.0f\" height=\"%.0f\" font-size=\"11\">", W, H, W, H);
	for (size_t r = 0; r < g->nrows; r++) {
		double x = L + gw * (double)r, v, h;
		const char *m = g->cells[r * g->ncols];
		v = cell(g, r, 2, &has);
		if (has) {
			h = (H - B - T) * v / max;
			bar(sb, x + gw * 0.15, H - B - h, gw * 0.33, h, "#bbb", m,
			    g->cells[r * g->ncols + 2]);
		}
		v = cell(g, r, 1, &has);
		if (has) {
			h = (H - B - T) * v / max;
			bar(sb, x + gw * 0.5, H - B - h, gw * 0.33, h, "#36c", m, g->cells[r * g->ncols + 1]);
			text(sb, x + gw * 0.66, H - B - h - 3, "middle", g->cells[r * g->ncols + 1]);
		}
		text(sb, x + gw * 0.5, H - B + 14, "middle", m ? m : "");
	}
	sbuf_addf(sb, "<line x1=\"%.0f\" y1=\"%.0f\" x2=\"%.0f\" y2=\"%.0f\" stroke=\"#333\"/>", L,
	          H - B, W - L, H - B);
	sbuf_addf(sb, "<rect x=\"%.0f\" y=\"%.0f\" width=\"10\" height=\"10\" fill=\"#36c\"/>", L, H - 16);
	text(sb, L + 14, H - 7, "start", "本年");
	sbuf_addf(sb, "<rect x=\"%.0f\" y=\"%.0f\" width=\"10\" height=\"10\" fill=\"#bbb\"/>", L + 60,
	          H - 16);
	text(sb, L + 74, H - 7, "start", "上年同期");
	sbuf_adds(sb, "</svg>");
}

static void bars(const struct grid *g, struct sbuf *sb)
{
	const double W = 640, RH = 26, LW = 130, BW = 400, T = 10;
	double max = 0, H = T * 2 + RH * (double)g->nrows;
	int has;
	for (size_t r = 0; r < g->nrows; r++) {
		double v = cell(g, r, 1, &has);
		if (has && v > max)
			max = v;
	}
	if (max <= 0)
		max = 1;
	sbuf_addf(sb, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %.0f %.0f\" "
	          "width=\"%.0f\" height=\"%.0f\" font-size=\"12\">", W, H, W, H);
	for (size_t r = 0; r < g->nrows; r++) {
		double y = T + RH * (double)r, v = cell(g, r, 1, &has), w = has ? BW * v / max : 0;
		const char *name = g->cells[r * g->ncols], *val = g->cells[r * g->ncols + 1];
		text(sb, LW - 6, y + RH * 0.65, "end", name ? name : "");
		if (has) {
			bar(sb, LW, y + 4, w, RH - 8, "#36c", name ? name : "", val);
			text(sb, LW + w + 4, y + RH * 0.65, "start", val);
		} else
			text(sb, LW + 4, y + RH * 0.65, "start", "〔缺：无数据〕");
	}
	sbuf_adds(sb, "</svg>");
}

void tmpl_svg(const struct tspan *s, size_t no, struct sbuf *sb)
{
	sbuf_addf(sb, "<figure id=\"tab-%zu\" data-ref=\"", no);
	escape_html(sb, s->ref);
	sbuf_adds(sb, "\" title=\"");
	escape_html(sb, s->explain);
	sbuf_adds(sb, "\">");
	if (s->chart == 1)
		trend(s->g, sb);
	else
		bars(s->g, sb);
	sbuf_adds(sb, "<figcaption>");
	escape_html(sb, s->caption ? s->caption : "");
	sbuf_adds(sb, "</figcaption></figure>\n");
}
