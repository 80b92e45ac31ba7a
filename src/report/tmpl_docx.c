/* tmpl_docx.c: a rendered report document as DOCX (see template.h), the
 * Office Open XML that Word and WPS open and edit: real headings (the
 * styles 标题, 标题 1-3, so that the navigation pane lists them),
 * paragraphs, bulleted items and tables (a header row repeated on every
 * page, numbers aligned right as the Markdown's alignment row says; a
 * chart is its caption and its data table here, as in the PDF); gaps
 * (〔缺：…〕) in red; the unit's name in the page header and the page
 * number in the footer; A4. Laid out from the Markdown rendering
 * (tmpl_write_md), so the formats cannot say different things. The
 * package is built in memory with libzip (every part deflated, every date
 * fixed so that the same document gives the same bytes) and written whole
 * or not at all (base/outfile). Depends on base and report. */
#include "report/tmpl_part.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "base/outfile.h"
#include "base/sbuf.h"
#include "base/xalloc.h"
#include "base/zip_lib.h"
#include "report/escape.h"

#define W_NS "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" " \
             "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
#define XML_HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
#define REL_NS "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
#define TEXT_TWIPS 9412   /* A4's 11 906 twips less two margins of 1 247 */
#define MAXC 16

static const char CONTENT_TYPES[] = XML_HEAD
	"<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
	"<Default Extension=\"rels\" ContentType=\"application/"
	"vnd.openxmlformats-package.relationships+xml\"/>"
	"<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
	"<Override PartName=\"/word/document.xml\" ContentType=\"application/"
	"vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
	"<Override PartName=\"/word/styles.xml\" ContentType=\"application/"
	"vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
	"<Override PartName=\"/word/header1.xml\" ContentType=\"application/"
	"vnd.openxmlformats-officedocument.wordprocessingml.header+xml\"/>"
	"<Override PartName=\"/word/footer1.xml\" ContentType=\"application/"
	"vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>"
	"<Override PartName=\"/docProps/core.xml\" ContentType=\"application/"
	"vnd.openxmlformats-package.core-properties+xml\"/>"
	"<Override PartName=\"/docProps/app.xml\" ContentType=\"application/"
	"vnd.openxmlformats-officedocument.extended-properties+xml\"/>"
	"</Types>";

static const char PACKAGE_RELS[] = XML_HEAD
	"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	"<Relationship Id=\"rId1\" Type=\"" REL_NS "officeDocument\" Target=\"word/document.xml\"/>"
	"<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/"
	"relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
	"<Relationship Id=\"rId3\" Type=\"" REL_NS "extended-properties\" "
	"Target=\"docProps/app.xml\"/>"
	"</Relationships>";

static const char DOCUMENT_RELS[] = XML_HEAD
	"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	"<Relationship Id=\"rId1\" Type=\"" REL_NS "styles\" Target=\"styles.xml\"/>"
	"<Relationship Id=\"rId2\" Type=\"" REL_NS "header\" Target=\"header1.xml\"/>"
	"<Relationship Id=\"rId3\" Type=\"" REL_NS "footer\" Target=\"footer1.xml\"/>"
	"</Relationships>";

static const char APP[] = XML_HEAD
	"<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/"
	"extended-properties\"><Application>kfq</Application></Properties>";

/* Body text 宋体 五号 (10.5 pt), headings 黑体, as Chinese reports are set;
 * the Latin fonts beside them for numbers. */
#define HEADING(id, name, size, level, before, after) \
	"<w:style w:type=\"paragraph\" w:styleId=\"" id "\"><w:name w:val=\"" name "\"/>" \
	"<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>" \
	"<w:pPr><w:keepNext/><w:spacing w:before=\"" before "\" w:after=\"" after "\"/>" \
	"<w:outlineLvl w:val=\"" level "\"/></w:pPr><w:rPr><w:rFonts w:ascii=\"Arial\" " \
	"w:hAnsi=\"Arial\" w:eastAsia=\"黑体\"/><w:b/><w:sz w:val=\"" size "\"/>" \
	"<w:szCs w:val=\"" size "\"/></w:rPr></w:style>"

static const char STYLES[] = XML_HEAD
	"<w:styles " W_NS ">"
	"<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Times New Roman\" "
	"w:hAnsi=\"Times New Roman\" w:eastAsia=\"宋体\" w:cs=\"Times New Roman\"/>"
	"<w:sz w:val=\"21\"/><w:szCs w:val=\"21\"/><w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\"/>"
	"</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after=\"120\" "
	"w:line=\"360\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>"
	"<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\">"
	"<w:name w:val=\"Normal\"/><w:qFormat/></w:style>"
	"<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/>"
	"<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>"
	"<w:pPr><w:spacing w:before=\"240\" w:after=\"240\"/><w:jc w:val=\"center\"/>"
	"<w:outlineLvl w:val=\"0\"/></w:pPr><w:rPr><w:rFonts w:ascii=\"Arial\" "
	"w:hAnsi=\"Arial\" w:eastAsia=\"黑体\"/><w:b/><w:sz w:val=\"36\"/><w:szCs w:val=\"36\"/>"
	"</w:rPr></w:style>"
	HEADING("Heading1", "heading 1", "30", "1", "240", "120")
	HEADING("Heading2", "heading 2", "24", "2", "200", "100")
	HEADING("Heading3", "heading 3", "21", "3", "160", "80")
	"<w:style w:type=\"paragraph\" w:styleId=\"Body\"><w:name w:val=\"Body Text\"/>"
	"<w:basedOn w:val=\"Normal\"/><w:qFormat/><w:pPr><w:ind w:firstLineChars=\"200\" "
	"w:firstLine=\"420\"/><w:jc w:val=\"both\"/></w:pPr></w:style>"
	"<w:style w:type=\"paragraph\" w:styleId=\"Item\"><w:name w:val=\"List Bullet\"/>"
	"<w:basedOn w:val=\"Normal\"/><w:pPr><w:spacing w:after=\"60\"/>"
	"<w:ind w:left=\"420\" w:hanging=\"210\"/></w:pPr></w:style>"
	"<w:style w:type=\"paragraph\" w:styleId=\"Cell\"><w:name w:val=\"Table Text\"/>"
	"<w:basedOn w:val=\"Normal\"/><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" "
	"w:lineRule=\"auto\"/></w:pPr><w:rPr><w:sz w:val=\"18\"/><w:szCs w:val=\"18\"/></w:rPr>"
	"</w:style>"
	"<w:style w:type=\"table\" w:styleId=\"Grid\"><w:name w:val=\"Table Grid\"/>"
	"<w:tblPr><w:tblBorders><w:top w:val=\"single\" w:sz=\"4\" w:color=\"000000\"/>"
	"<w:left w:val=\"single\" w:sz=\"4\" w:color=\"000000\"/>"
	"<w:bottom w:val=\"single\" w:sz=\"4\" w:color=\"000000\"/>"
	"<w:right w:val=\"single\" w:sz=\"4\" w:color=\"000000\"/>"
	"<w:insideH w:val=\"single\" w:sz=\"4\" w:color=\"000000\"/>"
	"<w:insideV w:val=\"single\" w:sz=\"4\" w:color=\"000000\"/></w:tblBorders>"
	"<w:tblCellMar><w:left w:w=\"60\" w:type=\"dxa\"/><w:right w:w=\"60\" w:type=\"dxa\"/>"
	"</w:tblCellMar></w:tblPr></w:style>"
	"</w:styles>";

/* Text as runs: escaped, each gap in red. */
static void runs(struct sbuf *sb, const char *s, int bold)
{
	const char *q = s;
	const char *rpr = bold ? "<w:rPr><w:b/></w:rPr>" : "";
	for (;;) {
		const char *g = strstr(q, "〔缺：");
		const char *e = g ? strstr(g, "〕") : NULL;
		const char *end = e ? g : q + strlen(q);
		if (end > q) {
			char *t = xstrndup(q, (size_t)(end - q));
			sbuf_addf(sb, "<w:r>%s<w:t xml:space=\"preserve\">", rpr);
			escape_html(sb, t);
			sbuf_adds(sb, "</w:t></w:r>");
			free(t);
		}
		if (!e)
			break;
		e += strlen("〕");
		{
			char *t = xstrndup(g, (size_t)(e - g));
			sbuf_addf(sb, "<w:r><w:rPr>%s<w:color w:val=\"C00000\"/></w:rPr>"
			          "<w:t xml:space=\"preserve\">", bold ? "<w:b/>" : "");
			escape_html(sb, t);
			sbuf_adds(sb, "</w:t></w:r>");
			free(t);
		}
		q = e;
	}
}

static void paragraph(struct sbuf *sb, const char *style, const char *text)
{
	sbuf_addf(sb, "<w:p><w:pPr><w:pStyle w:val=\"%s\"/></w:pPr>", style);
	runs(sb, text, 0);
	sbuf_adds(sb, "</w:p>");
}

/* The columns a cell's text takes, Chinese counting two: for the widths. */
static size_t columns(const char *s)
{
	size_t w = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x80)
			w++;
		else if (*p >= 0xe0 && *p < 0xf0)
			w += 2;
		else if (*p >= 0xc0)
			w++;
	return w;
}

/* A Markdown table (its lines) as a table: the first row the header,
 * repeated on each page; the alignment row's right columns right. */
static void table(struct sbuf *sb, char **lines, size_t n)
{
	char *cells[MAXC];
	int right[MAXC] = { 0 };
	size_t width[MAXC] = { 0 }, ncol = 0, total = 0;
	for (size_t i = 0; i < n; i++) {
		size_t k = tmpl_md_cells(lines[i], strlen(lines[i]), cells, MAXC);
		int align = strncmp(lines[i], "| ---", 5) == 0 || strncmp(lines[i], "| :--", 5) == 0;
		for (size_t c = 0; c < k; c++) {
			size_t len = strlen(cells[c]);
			if (align)
				right[c] = len && cells[c][len - 1] == ':';
			else if (columns(cells[c]) > width[c])
				width[c] = columns(cells[c]);
			free(cells[c]);
		}
		if (k > ncol)
			ncol = k;
	}
	for (size_t c = 0; c < ncol; c++)
		total += width[c] + 2;
	sbuf_adds(sb, "<w:tbl><w:tblPr><w:tblStyle w:val=\"Grid\"/><w:tblW w:w=\"0\" "
	          "w:type=\"auto\"/><w:tblLook w:val=\"04A0\" w:firstRow=\"1\"/></w:tblPr><w:tblGrid>");
	for (size_t c = 0; c < ncol; c++)
		sbuf_addf(sb, "<w:gridCol w:w=\"%zu\"/>", total ? (width[c] + 2) * TEXT_TWIPS / total : 0);
	sbuf_adds(sb, "</w:tblGrid>");
	for (size_t i = 0, row = 0; i < n; i++) {
		size_t k;
		if (strncmp(lines[i], "| ---", 5) == 0 || strncmp(lines[i], "| :--", 5) == 0)
			continue;
		k = tmpl_md_cells(lines[i], strlen(lines[i]), cells, MAXC);
		sbuf_addf(sb, "<w:tr>%s", row == 0 ? "<w:trPr><w:tblHeader/></w:trPr>" : "");
		for (size_t c = 0; c < ncol; c++) {
			char *t = c < k ? tmpl_md_shown(cells[c]) : xstrdup("");
			sbuf_addf(sb, "<w:tc><w:tcPr><w:tcW w:w=\"%zu\" w:type=\"dxa\"/></w:tcPr><w:p><w:pPr>"
			          "<w:pStyle w:val=\"Cell\"/>%s</w:pPr>",
			          total ? (width[c] + 2) * TEXT_TWIPS / total : 0,
			          row == 0 ? "<w:jc w:val=\"center\"/>"
			                   : right[c] ? "<w:jc w:val=\"right\"/>" : "");
			runs(sb, t, row == 0);
			sbuf_adds(sb, "</w:p></w:tc>");
			free(t);
		}
		for (size_t c = 0; c < k; c++)
			free(cells[c]);
		sbuf_adds(sb, "</w:tr>");
		row++;
	}
	/* a table is followed by a paragraph (Word needs one before the next) */
	sbuf_adds(sb, "</w:tbl><w:p><w:pPr><w:pStyle w:val=\"Cell\"/></w:pPr></w:p>");
}

static void document(struct sbuf *sb, char *md)
{
	size_t n;
	char **lines = tmpl_md_lines(md, &n);
	sbuf_adds(sb, XML_HEAD "<w:document " W_NS "><w:body>");
	for (size_t i = 0; i < n; i++) {
		const char *s = lines[i];
		if (!*s)
			continue;
		if (s[0] == '|') {
			size_t j = i;
			while (j < n && lines[j][0] == '|')
				j++;
			table(sb, lines + i, j - i);
			i = j - 1;
		} else if (strncmp(s, "# ", 2) == 0)
			paragraph(sb, "Title", s + 2);
		else if (strncmp(s, "## ", 3) == 0)
			paragraph(sb, "Heading1", s + 3);
		else if (strncmp(s, "### ", 4) == 0)
			paragraph(sb, "Heading2", s + 4);
		else if (strncmp(s, "#### ", 5) == 0)
			paragraph(sb, "Heading3", s + 5);
		else if (strncmp(s, "- ", 2) == 0) {
			struct sbuf item;
			sbuf_init(&item);
			sbuf_adds(&item, "• ");
			sbuf_adds(&item, s + 2);
			paragraph(sb, "Item", item.buf);
			sbuf_release(&item);
		} else
			paragraph(sb, "Body", s);
	}
	free(lines);
	sbuf_adds(sb, "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rId2\"/>"
	          "<w:footerReference w:type=\"default\" r:id=\"rId3\"/>"
	          "<w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1440\" w:right=\"1247\" "
	          "w:bottom=\"1440\" w:left=\"1247\" w:header=\"851\" w:footer=\"992\" "
	          "w:gutter=\"0\"/></w:sectPr></w:body></w:document>");
}

static void header_part(struct sbuf *sb, const char *header)
{
	sbuf_adds(sb, XML_HEAD "<w:hdr " W_NS "><w:p><w:pPr><w:pBdr><w:bottom w:val=\"single\" "
	          "w:sz=\"4\" w:space=\"1\" w:color=\"808080\"/></w:pBdr><w:jc w:val=\"center\"/>"
	          "</w:pPr><w:r><w:rPr><w:color w:val=\"606060\"/><w:sz w:val=\"18\"/></w:rPr>"
	          "<w:t xml:space=\"preserve\">");
	escape_html(sb, header ? header : "");
	sbuf_adds(sb, "</w:t></w:r></w:p></w:hdr>");
}

static const char FOOTER[] = XML_HEAD
	"<w:ftr " W_NS "><w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr>"
	"<w:r><w:rPr><w:sz w:val=\"18\"/></w:rPr><w:t xml:space=\"preserve\">第 </w:t></w:r>"
	"<w:r><w:rPr><w:sz w:val=\"18\"/></w:rPr><w:fldChar w:fldCharType=\"begin\"/></w:r>"
	"<w:r><w:rPr><w:sz w:val=\"18\"/></w:rPr><w:instrText xml:space=\"preserve\"> PAGE "
	"</w:instrText></w:r>"
	"<w:r><w:rPr><w:sz w:val=\"18\"/></w:rPr><w:fldChar w:fldCharType=\"separate\"/></w:r>"
	"<w:r><w:rPr><w:sz w:val=\"18\"/></w:rPr><w:t>1</w:t></w:r>"
	"<w:r><w:rPr><w:sz w:val=\"18\"/></w:rPr><w:fldChar w:fldCharType=\"end\"/></w:r>"
	"<w:r><w:rPr><w:sz w:val=\"18\"/></w:rPr><w:t xml:space=\"preserve\"> 页</w:t></w:r>"
	"</w:p></w:ftr>";

static void core_part(struct sbuf *sb, const struct tmpl_doc *d, const char *created)
{
	sbuf_adds(sb, XML_HEAD "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/"
	          "package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/"
	          "1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" xmlns:xsi=\"http://www.w3.org/"
	          "2001/XMLSchema-instance\"><dc:title>");
	escape_html(sb, d->title ? d->title : "");
	sbuf_adds(sb, "</dc:title><dc:creator>kfq</dc:creator>");
	if (created && *created) {
		sbuf_adds(sb, "<dcterms:created xsi:type=\"dcterms:W3CDTF\">");
		escape_html(sb, created);
		sbuf_adds(sb, "</dcterms:created>");
	}
	sbuf_adds(sb, "</cp:coreProperties>");
}

/* The package's parts, in the order they are stored. */
enum { P_TYPES, P_RELS, P_DOC_RELS, P_DOC, P_STYLES, P_HEADER, P_FOOTER, P_CORE, P_APP, P_N };
static const char *const PART[P_N] = {
	"[Content_Types].xml", "_rels/.rels", "word/_rels/document.xml.rels", "word/document.xml",
	"word/styles.xml", "word/header1.xml", "word/footer1.xml", "docProps/core.xml",
	"docProps/app.xml",
};

/* The zip of the parts, in memory: 0 and *out (new, *len bytes), or -1. */
static int package(const struct sbuf *parts, char **out, size_t *len, struct kfq_err *err)
{
	zip_error_t ze;
	zip_source_t *src;
	zip_stat_t zs;
	zip_t *za;
	*out = NULL;
	libzip.zip_error_init(&ze);
	if (!(src = libzip.zip_source_buffer_create(NULL, 0, 0, &ze)))
		goto fail;
	libzip.zip_source_keep(src);
	if (!(za = libzip.zip_open_from_source(src, ZIP_TRUNCATE, &ze))) {
		libzip.zip_source_free(src);
		goto fail;
	}
	for (size_t i = 0; i < P_N; i++) {
		zip_source_t *s = libzip.zip_source_buffer(za, parts[i].buf, parts[i].len, 0);
		zip_int64_t idx = s ? libzip.zip_file_add(za, PART[i], s, ZIP_FL_ENC_UTF_8) : -1;
		if (idx < 0) {
			libzip.zip_source_free(s);
			libzip.zip_error_set(&ze, libzip.zip_error_code_zip(libzip.zip_get_error(za)),
			                     0);
			libzip.zip_discard(za);
			libzip.zip_source_free(src);
			goto fail;
		}
		/* the same document, the same bytes: a fixed date (1980-01-01) */
		libzip.zip_file_set_mtime(za, (zip_uint64_t)idx, 315532800, 0);
	}
	if (libzip.zip_close(za) < 0) {
		libzip.zip_error_set(&ze, libzip.zip_error_code_zip(libzip.zip_get_error(za)), 0);
		libzip.zip_discard(za);
		libzip.zip_source_free(src);
		goto fail;
	}
	if (libzip.zip_source_stat(src, &zs) < 0 || libzip.zip_source_open(src) < 0) {
		libzip.zip_source_free(src);
		return kfq_fault(err, "reading back the DOCX package built in memory");
	}
	*len = (size_t)zs.size;
	*out = xmalloc(*len ? *len : 1);
	if (libzip.zip_source_read(src, *out, *len) != (zip_int64_t)*len) {
		libzip.zip_source_close(src);
		libzip.zip_source_free(src);
		free(*out);
		*out = NULL;
		return kfq_fault(err, "reading back the DOCX package built in memory");
	}
	libzip.zip_source_close(src);
	libzip.zip_source_free(src);
	return 0;
fail:
	kfq_fault(err, "building the DOCX package: %s", libzip.zip_error_strerror(&ze));
	libzip.zip_error_fini(&ze);
	return -1;
}

int tmpl_write_docx(const struct tmpl_doc *d, const char *header, const char *created,
                    const char *path, struct kfq_err *err)
{
	struct sbuf parts[P_N];
	struct outfile of;
	char *md = NULL, *zip = NULL;
	size_t len = 0;
	FILE *mem;
	int rc = -1;

	for (size_t i = 0; i < P_N; i++)
		sbuf_init(&parts[i]);
	if (!(mem = open_memstream(&md, &len)))
		return kfq_env(err, "%s: %s", path, strerror(errno));
	tmpl_write_md(d, mem);
	fclose(mem);
	sbuf_adds(&parts[P_TYPES], CONTENT_TYPES);
	sbuf_adds(&parts[P_RELS], PACKAGE_RELS);
	sbuf_adds(&parts[P_DOC_RELS], DOCUMENT_RELS);
	document(&parts[P_DOC], md);
	sbuf_adds(&parts[P_STYLES], STYLES);
	header_part(&parts[P_HEADER], header);
	sbuf_adds(&parts[P_FOOTER], FOOTER);
	core_part(&parts[P_CORE], d, created);
	sbuf_adds(&parts[P_APP], APP);
	free(md);
	if (zip_lib_load(path, err) == 0 && package(parts, &zip, &len, err) == 0 &&
	    outfile_open(&of, path, 0644, err) == 0) {
		fwrite(zip, 1, len, of.fp);
		rc = outfile_commit(&of, err);
	}
	free(zip);
	for (size_t i = 0; i < P_N; i++)
		sbuf_release(&parts[i]);
	return rc;
}
