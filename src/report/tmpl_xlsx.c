/* tmpl_xlsx.c: a rendered report document as an XLSX workbook (see
 * template.h): one sheet in the document's order, its title in the first
 * row, each heading and paragraph a row of its own in column A, each table
 * row across the columns with its numbers as numbers (exactly as printed:
 * xlsx_out writes a number a spreadsheet cannot hold exactly as text), a
 * chart its caption and its data. Laid out from the Markdown, as the PDF
 * and the DOCX are; written whole or not at all, read back and counted
 * (report/xlsx_out.c). The statistical report's own layout of the bulletin
 * is kfq bulletin --format xlsx. Depends on base and report. */
#include "report/tmpl_part.h"

#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "report/xlsx_out.h"

#define MAXC 16

/* The places of a decimal as printed ("91.50": 2), or -1 for text. */
static signed char places(const char *s)
{
	const char *dot = strchr(s, '.');
	size_t digits = 0;
	for (const char *p = s; *p; p++)
		if ((*p < '0' || *p > '9') && *p != '.' && !(p == s && *p == '-'))
			return -1;
		else if (*p >= '0' && *p <= '9')
			digits++;
	if (!digits || (dot && strchr(dot + 1, '.')))
		return -1;
	return dot ? (signed char)(strlen(dot + 1) > 6 ? -1 : (int)strlen(dot + 1)) : 0;
}

int tmpl_write_xlsx(const struct tmpl_doc *d, const char *path, struct kfq_err *err)
{
	char *md = NULL, **lines, *cells[MAXC];
	const char *keys[MAXC], *title = NULL;
	unsigned char *band = NULL;
	signed char *places_of = NULL;
	size_t len = 0, n, ncol = 1, bcap = 0, dcap = 0;
	struct xlsx_sheet sh = { 0 };
	struct grid g;
	FILE *mem = open_memstream(&md, &len);
	int rc;

	if (!mem)
		return kfq_fault(err, "report render: the document could not be written out");
	tmpl_write_md(d, mem);
	fclose(mem);
	lines = tmpl_md_lines(md, &n);
	for (size_t i = 0; i < n; i++)
		if (!title && strncmp(lines[i], "# ", 2) == 0)
			title = lines[i] + 2;
		else if (lines[i][0] == '|') {
			size_t k = tmpl_md_cells(lines[i], strlen(lines[i]), cells, MAXC);
			for (size_t c = 0; c < k; c++)
				free(cells[c]);
			if (k > ncol)
				ncol = k;
		}
	for (size_t c = 0; c < ncol; c++)
		keys[c] = "";
	grid_init(&g, ncol, keys, NULL);
	for (size_t i = 0; i < n; i++) {
		const char *s = lines[i];
		if (!*s || s + 2 == title)
			continue;   /* a blank line; the title, the sheet's own */
		XGROW(band, g.nrows + 1, bcap);
		XGROW(places_of, (g.nrows + 1) * ncol, dcap);
		memset(places_of + g.nrows * ncol, -1, ncol);
		if (s[0] == '|') {
			size_t k;
			if (strncmp(s, "| ---", 5) == 0 || strncmp(s, "| :--", 5) == 0)
				continue;
			k = tmpl_md_cells(s, strlen(s), cells, MAXC);
			band[g.nrows] = 0;
			grid_row(&g);
			for (size_t c = 0; c < k; c++) {
				char *t = tmpl_md_shown(cells[c]);
				grid_set(&g, c, t);
				places_of[(g.nrows - 1) * ncol + c] = places(t);
				free(t);
				free(cells[c]);
			}
			continue;
		}
		/* a heading (a band) or a paragraph or an item (merged, wrapped) */
		band[g.nrows] = s[0] == '#' ? 1 : 2;
		while (*s == '#')
			s++;
		while (*s == ' ')
			s++;
		grid_row(&g);
		grid_set(&g, 0, strncmp(s, "- ", 2) == 0 ? s + 2 : s);
	}
	sh.title = title && *title ? title : "报告";
	sh.g = &g;
	sh.band = band;
	sh.decimals = places_of;
	sh.no_heads = 1;
	rc = xlsx_write_sheet(&sh, path, "文稿", 0644, err);
	grid_release(&g);
	free(band);
	free(places_of);
	free(lines);
	free(md);
	return rc;
}
