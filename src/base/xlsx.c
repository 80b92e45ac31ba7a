/* xlsx.c: XLSX bytes in memory to rows, the XLSX half of table.h.
 *
 * An XLSX file is a ZIP archive of XML parts. libzip opens the bytes where
 * they lie; _rels/.rels names the workbook part, the workbook lists the
 * sheets (name and relationship id), the workbook's relationships give each
 * sheet's part and the shared-string table. Every part is streamed through
 * expat in chunks (xlsx_part.c), so a sheet is never held whole: one row at a
 * time goes to the caller. Cell text is passed exactly as stored (numbers are
 * not reformatted). A bad cell reference or shared-string index is an error,
 * never a crash. This file is the workbook, shared strings, rows and cells;
 * the ZIP and XML plumbing is in xlsx_part.c, reached only through the
 * private xlsx_part.h. Depends on base (err, sbuf, xalloc), libzip and expat
 * only. */
#include "base/table.h"
#include "base/sbuf.h"
#include "base/xalloc.h"
#include "base/xlsx_part.h"

#include <expat.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zip.h>

#define XLSX_MAX_COLS 16384                      /* XFD, Excel's last column */

/* ---- the workbook: sheet names and relationship ids ---- */

struct xlsx_sheet {
	char *name, *rid;
};

struct xlsx_book {
	struct xlsx_xml b;
	struct xlsx_sheet *v;
	size_t n, cap;
};

static void XMLCALL xlsx_book_start(void *ud, const XML_Char *el, const XML_Char **atts)
{
	struct xlsx_book *w = ud;
	const char *name, *rid;

	if (w->b.failed)
		return;
	if (strcmp(xlsx_local(el), "workbookPr") == 0) {
		const char *d = xlsx_attr(atts, "date1904");
		w->b.x->date1904 = d && (strcmp(d, "1") == 0 || strcmp(d, "true") == 0);
		return;
	}
	if (strcmp(xlsx_local(el), "sheet") != 0)
		return;
	name = xlsx_attr(atts, "name");
	rid = xlsx_attr(atts, "id");
	if (!name || !rid)
		return;
	XGROW(w->v, w->n + 1, w->cap);
	w->v[w->n].name = xstrdup(name);
	w->v[w->n].rid = xstrdup(rid);
	w->n++;
}

static void xlsx_book_release(struct xlsx_book *w)
{
	size_t i;
	for (i = 0; i < w->n; i++) {
		free(w->v[i].name);
		free(w->v[i].rid);
	}
	free(w->v);
}

/* ---- shared strings ---- */

struct xlsx_sst {
	struct xlsx_xml b;
	int in_si, in_t, rph;      /* rph: inside phonetic runs, not text */
	struct sbuf cur;
};

static void XMLCALL xlsx_sst_start(void *ud, const XML_Char *el, const XML_Char **atts)
{
	struct xlsx_sst *s = ud;
	const char *l = xlsx_local(el);

	(void)atts;
	if (s->b.failed)
		return;
	if (strcmp(l, "si") == 0) {
		s->in_si = 1;
		s->rph = 0;
		sbuf_reset(&s->cur);
	} else if (s->in_si && strcmp(l, "rPh") == 0) {
		s->rph++;
	} else if (s->in_si && !s->rph && strcmp(l, "t") == 0) {
		s->in_t = 1;
	}
}

static void XMLCALL xlsx_sst_end(void *ud, const XML_Char *el)
{
	struct xlsx_sst *s = ud;
	struct xlsx *x = s->b.x;
	const char *l = xlsx_local(el);

	if (s->b.failed)
		return;
	if (strcmp(l, "t") == 0) {
		s->in_t = 0;
	} else if (strcmp(l, "rPh") == 0) {
		if (s->rph)
			s->rph--;
	} else if (strcmp(l, "si") == 0 && s->in_si) {
		size_t n = xlsx_unescape(s->cur.buf, s->cur.len);
		XGROW(x->sst_off, x->sst_n + 1, x->sst_cap);
		x->sst_off[x->sst_n++] = x->sst.len;
		sbuf_add(&x->sst, s->cur.buf, n);
		sbuf_add(&x->sst, "", 1);
		s->in_si = 0;
	}
}

static void XMLCALL xlsx_sst_text(void *ud, const XML_Char *t, int len)
{
	struct xlsx_sst *s = ud;
	if (!s->b.failed && s->in_t)
		sbuf_add(&s->cur, t, (size_t)len);
}

/* ---- the sheet: rows of cells ---- */

enum xlsx_ctype { XC_PLAIN, XC_SST, XC_INLINE, XC_STR, XC_BOOL };

struct xlsx_rows {
	struct xlsx_xml b;
	const char *sheet;         /* its name, for messages */
	table_row_fn fn;
	void *ctx;
	int in_data, in_row, in_cell, in_v, in_is, in_t, rph;
	size_t row;                /* this row's number (1-based) */
	size_t col, next_col;      /* this cell's column, the next one's if unnamed */
	enum xlsx_ctype type;
	size_t xf;                 /* its style (s), SIZE_MAX: none */
	struct sbuf val;           /* this cell's text as read */
	struct sbuf text;          /* this row's cells, each NUL-terminated */
	size_t *off;               /* where column i starts in text; SIZE_MAX: empty */
	size_t ncols, off_cap;     /* ncols: one past the last non-empty column */
	const char **cells;
	size_t cells_cap;
};

static void xlsx_cell_error(struct xlsx_rows *s, const char *what)
{
	size_t c = s->col + 1, i = 0;
	char letters[8], ref[8];

	while (c && i < sizeof letters) {
		letters[i++] = (char)('A' + (c - 1) % 26);
		c = (c - 1) / 26;
	}
	for (c = 0; c < i; c++)
		ref[c] = letters[i - 1 - c];
	ref[i] = '\0';
	kfq_error(s->b.x->err, "%s: sheet \"%s\", cell %s%zu: %s", s->b.x->name, s->sheet,
	          ref, s->row, what);
	xlsx_stop(&s->b);
}

/* Parse a cell reference such as "C5" into a 0-based column; -1 if bad. */
static int xlsx_ref_col(const char *r, size_t *col)
{
	size_t c = 0;
	const char *p = r;

	for (; (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z'); p++) {
		c = c * 26 + (size_t)((*p | 0x20) - 'a' + 1);
		if (c > XLSX_MAX_COLS)
			return -1;
	}
	if (p == r || !(*p >= '1' && *p <= '9'))
		return -1;
	while (*p >= '0' && *p <= '9')
		p++;
	if (*p)
		return -1;
	*col = c - 1;
	return 0;
}

/* A positive decimal number with nothing around it; 0 if it is not one. */
static size_t xlsx_number(const char *s)
{
	size_t v = 0;

	if (!*s)
		return 0;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || v > (SIZE_MAX - 9) / 10)
			return 0;
		v = v * 10 + (size_t)(*s - '0');
	}
	return v;
}

static void xlsx_put(struct xlsx_rows *s, const char *v, size_t n)
{
	if (n == 0)
		return;
	XGROW(s->off, s->col + 1, s->off_cap);
	while (s->ncols <= s->col)
		s->off[s->ncols++] = SIZE_MAX;
	s->off[s->col] = s->text.len;
	sbuf_add(&s->text, v, n);
	sbuf_add(&s->text, "", 1);
}

/* A number cell holds a binary double written out in full
 * ("0.5580000000000001"); Excel shows and computes with 15 significant
 * digits, so that is what a user typed and sees. Rewrite a plain number of
 * more than 15 significant digits in place as Excel shows it; leave any
 * other text alone. Returns the new length. */
static size_t xlsx_excel_digits(char *buf, size_t n, size_t cap)
{
	size_t sig = 0, i = 0;
	int lead = 1;
	char tmp[40];
	int len;

	if (n == 0 || n >= sizeof tmp)
		return n;
	if (buf[i] == '-')
		i++;
	for (; i < n; i++) {
		if (buf[i] == 'E' || buf[i] == 'e')
			break;
		if (buf[i] == '.')
			continue;
		if (buf[i] < '0' || buf[i] > '9')
			return n;
		if (buf[i] != '0')
			lead = 0;
		if (!lead)
			sig++;
	}
	if (sig <= 15)
		return n;
	len = snprintf(tmp, sizeof tmp, "%.15g", strtod(buf, NULL));
	if (len <= 0 || (size_t)len >= cap)
		return n;
	memcpy(buf, tmp, (size_t)len + 1);
	return (size_t)len;
}

static void xlsx_cell_end(struct xlsx_rows *s)
{
	struct xlsx *x = s->b.x;
	const char *v = s->val.buf;
	size_t n = s->val.len, i;
	char shown[80];

	switch (s->type) {
	case XC_SST:
		if (n == 0)
			return;
		i = xlsx_number(v);
		if ((i == 0 && strcmp(v, "0") != 0) || i >= x->sst_n) {
			xlsx_cell_error(s, "refers to a shared string that does not exist");
			return;
		}
		v = x->sst.buf + x->sst_off[i];
		n = strlen(v);
		break;
	case XC_BOOL:
		if (strcmp(v, "1") == 0)
			v = "TRUE";
		else if (strcmp(v, "0") == 0)
			v = "FALSE";
		n = strlen(v);
		break;
	case XC_INLINE:
	case XC_STR:
		n = xlsx_unescape(s->val.buf, n);
		break;
	case XC_PLAIN:
		n = xlsx_excel_digits(s->val.buf, n, s->val.len + 1);
		v = s->val.buf;
		if (s->xf != SIZE_MAX && n)
			v = xlsx_style_apply(x, s->xf, v, &n, shown, sizeof shown);
		break;
	}
	xlsx_put(s, v, n);
}

static void xlsx_row_end(struct xlsx_rows *s)
{
	size_t i;

	if (s->ncols == 0)
		return;
	XGROW(s->cells, s->ncols, s->cells_cap);
	for (i = 0; i < s->ncols; i++)
		s->cells[i] = s->off[i] == SIZE_MAX ? "" : s->text.buf + s->off[i];
	if (s->fn(s->ctx, s->row, s->ncols, s->cells, s->b.x->err) != 0)
		xlsx_stop(&s->b);
}

static void XMLCALL xlsx_rows_start(void *ud, const XML_Char *el, const XML_Char **atts)
{
	struct xlsx_rows *s = ud;
	const char *l = xlsx_local(el), *a;

	if (s->b.failed)
		return;
	if (strcmp(l, "sheetData") == 0) {
		s->in_data = 1;
	} else if (s->in_data && strcmp(l, "row") == 0) {
		a = xlsx_attr(atts, "r");
		if (a) {
			s->row = xlsx_number(a);
			if (s->row == 0) {
				kfq_error(s->b.x->err, "%s: sheet \"%s\": bad row number \"%s\"",
				          s->b.x->name, s->sheet, a);
				xlsx_stop(&s->b);
				return;
			}
		} else {
			s->row++;
		}
		s->in_row = 1;
		s->ncols = s->next_col = 0;
		sbuf_reset(&s->text);
	} else if (s->in_row && strcmp(l, "c") == 0) {
		a = xlsx_attr(atts, "r");
		if (a && xlsx_ref_col(a, &s->col) != 0) {
			kfq_error(s->b.x->err, "%s: sheet \"%s\", row %zu: bad cell reference \"%s\"",
			          s->b.x->name, s->sheet, s->row, a);
			xlsx_stop(&s->b);
			return;
		}
		if (!a) {
			if (s->next_col >= XLSX_MAX_COLS) {
				kfq_error(s->b.x->err, "%s: sheet \"%s\", row %zu: more than %d columns",
				          s->b.x->name, s->sheet, s->row, XLSX_MAX_COLS);
				xlsx_stop(&s->b);
				return;
			}
			s->col = s->next_col;
		}
		s->next_col = s->col + 1;
		a = xlsx_attr(atts, "t");
		s->type = !a ? XC_PLAIN : strcmp(a, "s") == 0 ? XC_SST :
		          strcmp(a, "inlineStr") == 0 ? XC_INLINE : strcmp(a, "str") == 0 ? XC_STR :
		          strcmp(a, "b") == 0 ? XC_BOOL : XC_PLAIN;
		a = xlsx_attr(atts, "s");
		s->xf = a && *a ? xlsx_number(a) : SIZE_MAX;
		if (a && strcmp(a, "0") == 0)
			s->xf = 0;
		s->in_cell = 1;
		s->in_v = s->in_is = s->in_t = s->rph = 0;
		sbuf_reset(&s->val);
	} else if (s->in_cell && strcmp(l, "v") == 0) {
		s->in_v = 1;
	} else if (s->in_cell && strcmp(l, "is") == 0) {
		s->in_is = 1;
	} else if (s->in_is && strcmp(l, "rPh") == 0) {
		s->rph++;
	} else if (s->in_is && !s->rph && strcmp(l, "t") == 0) {
		s->in_t = 1;
	}
}

static void XMLCALL xlsx_rows_end(void *ud, const XML_Char *el)
{
	struct xlsx_rows *s = ud;
	const char *l = xlsx_local(el);

	if (s->b.failed)
		return;
	if (strcmp(l, "v") == 0) {
		s->in_v = 0;
	} else if (strcmp(l, "t") == 0) {
		s->in_t = 0;
	} else if (strcmp(l, "rPh") == 0) {
		if (s->rph)
			s->rph--;
	} else if (strcmp(l, "is") == 0) {
		s->in_is = 0;
	} else if (strcmp(l, "c") == 0 && s->in_cell) {
		s->in_cell = s->in_v = s->in_is = s->in_t = 0;
		xlsx_cell_end(s);
	} else if (strcmp(l, "row") == 0 && s->in_row) {
		s->in_row = s->in_cell = 0;
		xlsx_row_end(s);
	} else if (strcmp(l, "sheetData") == 0) {
		s->in_data = s->in_row = s->in_cell = 0;
	}
}

static void XMLCALL xlsx_rows_text(void *ud, const XML_Char *t, int len)
{
	struct xlsx_rows *s = ud;
	if (!s->b.failed && (s->in_v || s->in_t))
		sbuf_add(&s->val, t, (size_t)len);
}

/* ---- putting it together ---- */

/* The workbook part named by _rels/.rels; a new string the caller frees. */
static char *xlsx_book_part(struct xlsx *x, int *rc)
{
	struct xlsx_rels r;
	const struct xlsx_rel *doc;
	char *part;

	*rc = 0;
	if (xlsx_find(x, "_rels/.rels") < 0)
		return xstrdup("xl/workbook.xml");
	memset(&r, 0, sizeof r);
	*rc = xlsx_parse(x, "_rels/.rels", &r.b, xlsx_rels_start, xlsx_no_end, NULL);
	doc = xlsx_rel_of_type(&r, "officeDocument");
	part = *rc == 0 && doc ? xlsx_resolve("", doc->target) : xstrdup("xl/workbook.xml");
	xlsx_rels_release(&r);
	return part;
}

static const struct xlsx_sheet *xlsx_pick(struct xlsx *x, const struct xlsx_book *w,
                                          const char *sheet)
{
	struct sbuf names;
	size_t i;

	if (!sheet)
		return &w->v[0];
	for (i = 0; i < w->n; i++)
		if (strcmp(w->v[i].name, sheet) == 0)
			return &w->v[i];
	for (i = 0; i < w->n; i++)
		if (strcasecmp(w->v[i].name, sheet) == 0)
			return &w->v[i];
	sbuf_init(&names);
	for (i = 0; i < w->n; i++)
		sbuf_addf(&names, "%s\"%s\"", i ? ", " : "", w->v[i].name);
	kfq_error(x->err, "%s: no sheet named \"%s\"; the sheets are: %s", x->name, sheet,
	          names.buf);
	sbuf_release(&names);
	return NULL;
}

static int xlsx_read(struct xlsx *x, const char *sheet, table_row_fn fn, void *ctx)
{
	struct xlsx_book w;
	struct xlsx_rels r;
	struct xlsx_sst sst;
	struct xlsx_rows rows;
	const struct xlsx_sheet *sh = NULL;
	const struct xlsx_rel *rel = NULL;
	char *book, *dir = NULL, *rels = NULL, *part = NULL, *sst_part = NULL;
	const char *slash;
	size_t i;
	int rc;

	memset(&w, 0, sizeof w);
	memset(&r, 0, sizeof r);
	book = xlsx_book_part(x, &rc);
	if (rc == 0 && xlsx_find(x, book) < 0)
		rc = kfq_error(x->err, "%s: a ZIP archive but not an XLSX workbook (it has no %s)",
		               x->name, book);
	if (rc == 0)
		rc = xlsx_parse(x, book, &w.b, xlsx_book_start, xlsx_no_end, NULL);
	if (rc == 0 && w.n == 0)
		rc = kfq_error(x->err, "%s: the workbook has no sheets", x->name);
	if (rc == 0) {
		slash = strrchr(book, '/');
		dir = xstrndup(book, slash ? (size_t)(slash - book) + 1 : 0);
		rels = xasprintf("%s_rels/%s.rels", dir, slash ? slash + 1 : book);
		rc = xlsx_parse(x, rels, &r.b, xlsx_rels_start, xlsx_no_end, NULL);
	}
	if (rc == 0 && !(sh = xlsx_pick(x, &w, sheet)))
		rc = -1;
	for (i = 0; rc == 0 && i < r.n && !rel; i++)
		if (strcmp(r.v[i].id, sh->rid) == 0)
			rel = &r.v[i];
	if (rc == 0 && !rel)
		rc = kfq_error(x->err, "%s: sheet \"%s\" has no part in the workbook (relationship "
		               "%s is missing)", x->name, sh->name, sh->rid);
	if (rc == 0) {
		const struct xlsx_rel *srel = xlsx_rel_of_type(&r, "sharedStrings");
		part = xlsx_resolve(dir, rel->target);
		sst_part = srel ? xlsx_resolve(dir, srel->target) : xasprintf("%ssharedStrings.xml", dir);
		if (xlsx_find(x, sst_part) >= 0) {
			memset(&sst, 0, sizeof sst);
			sbuf_init(&sst.cur);
			rc = xlsx_parse(x, sst_part, &sst.b, xlsx_sst_start, xlsx_sst_end, xlsx_sst_text);
			sbuf_release(&sst.cur);
		}
	}
	if (rc == 0) {
		/* the cell styles: dates and fixed decimals as Excel shows them */
		const struct xlsx_rel *st = xlsx_rel_of_type(&r, "styles");
		char *sp = st ? xlsx_resolve(dir, st->target) : xasprintf("%sstyles.xml", dir);
		rc = xlsx_styles_read(x, sp);
		free(sp);
	}
	if (rc == 0) {
		memset(&rows, 0, sizeof rows);
		rows.sheet = sh->name;
		rows.fn = fn;
		rows.ctx = ctx;
		sbuf_init(&rows.val);
		sbuf_init(&rows.text);
		rc = xlsx_parse(x, part, &rows.b, xlsx_rows_start, xlsx_rows_end, xlsx_rows_text);
		sbuf_release(&rows.val);
		sbuf_release(&rows.text);
		free(rows.off);
		free(rows.cells);
	}
	xlsx_book_release(&w);
	xlsx_rels_release(&r);
	free(book);
	free(dir);
	free(rels);
	free(part);
	free(sst_part);
	return rc;
}

int table_each_xlsx(const char *name, const char *data, size_t len, const char *sheet,
                    table_row_fn fn, void *ctx, struct kfq_err *err)
{
	struct xlsx x;
	zip_error_t ze;
	zip_source_t *src;
	int rc;

	memset(&x, 0, sizeof x);
	x.name = name;
	x.err = err;
	x.part_max = xlsx_part_max(len);
	/* libzip takes no bytes for an empty archive; an XLSX starts with a part */
	if (len < 30 || memcmp(data, "PK\3\4", 4) != 0)
		return kfq_error(err, "%s: not an XLSX file: it is not a ZIP archive", name);
	if (zip_lib_load(name, err) < 0)
		return -1;
	libzip.zip_error_init(&ze);
	src = libzip.zip_source_buffer_create(data, len, 0, &ze);
	if (!src) {
		rc = kfq_fault(err, "%s: cannot open as XLSX: %s", name,
		               libzip.zip_error_strerror(&ze));
		libzip.zip_error_fini(&ze);
		return rc;
	}
	x.zip = libzip.zip_open_from_source(src, ZIP_RDONLY, &ze);
	if (!x.zip) {
		if (libzip.zip_error_code_zip(&ze) == ZIP_ER_NOZIP)
			rc = kfq_error(err, "%s: not an XLSX file: it is not a ZIP archive, or it is "
			               "truncated", name);
		else
			rc = kfq_error(err, "%s: not a readable XLSX file: %s", name,
			               libzip.zip_error_strerror(&ze));
		libzip.zip_source_free(src);
		libzip.zip_error_fini(&ze);
		return rc;
	}
	libzip.zip_error_fini(&ze);
	sbuf_init(&x.sst);
	rc = xlsx_read(&x, sheet, fn, ctx);
	libzip.zip_discard(x.zip);
	sbuf_release(&x.sst);
	free(x.sst_off);
	xlsx_styles_release(&x);
	return rc;
}
