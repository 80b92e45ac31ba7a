/* xlsx_part.h: private to the XLSX reader (xlsx.c, xlsx_part.c); nothing
 * else includes it. The public face is table_each_xlsx() in table.h.
 *
 * The state of one workbook being read, what every expat handler context
 * starts with, and the ZIP and XML plumbing both halves share: finding and
 * streaming a part through expat, element and attribute names, OOXML string
 * escapes, and relationships (.rels). Depends on base (err, sbuf), libzip and
 * expat only. */
#ifndef KFQ_XLSX_PART_H
#define KFQ_XLSX_PART_H

#include <stddef.h>

#include <expat.h>
#include <zip.h>

#include "base/err.h"
#include "base/sbuf.h"
#include "base/zip_lib.h"

/* What a part may uncompress to (xlsx_part_max): XLSX_RATIO times the
 * file's size, at least XLSX_PART_FLOOR, at most XLSX_PART_MAX. */
#define XLSX_RATIO 100
#define XLSX_PART_FLOOR ((zip_uint64_t)16 << 20)   /* 16 MiB */
#define XLSX_PART_MAX ((zip_uint64_t)1 << 30)      /* 1 GiB */
zip_uint64_t xlsx_part_max(size_t len);

/* What a cell style's number format says (xlsx_style.c). */
enum { XF_GENERAL, XF_DATE, XF_FIXED };

/* One workbook being read. */
struct xlsx {
	const char *name;          /* the file, for messages */
	zip_t *zip;
	zip_uint64_t part_max;     /* what a part may uncompress to */
	struct kfq_err *err;
	struct sbuf sst;           /* shared strings, each NUL-terminated */
	size_t *sst_off;           /* where string i starts in sst */
	size_t sst_n, sst_cap;
	unsigned char *xf_kind;    /* per cell style (cellXfs): XF_* */
	signed char *xf_dec;       /* and for XF_FIXED its decimals */
	unsigned char *xf_width;   /* and its integer part's digits shown at least */
	size_t nxf;
	int date1904;              /* the workbook counts dates from 1904 */
};

/* What every expat handler context starts with. */
struct xlsx_xml {
	XML_Parser parser;
	struct xlsx *x;
	const char *part;
	int failed;                /* a handler filled x->err and stopped */
};

struct xlsx_rel {
	char *id, *target, *type;
};

/* The relationships of one .rels part; fill with xlsx_rels_start through
 * xlsx_parse, free the contents with xlsx_rels_release. */
struct xlsx_rels {
	struct xlsx_xml b;
	struct xlsx_rel *v;
	size_t n, cap;
};

/* An element or attribute name without its namespace prefix. */
const char *xlsx_local(const char *name);
/* The value of the attribute whose local name is `local`, or NULL. */
const char *xlsx_attr(const char **atts, const char *local);
/* Stop the parse from a handler that has filled x->err. */
void xlsx_stop(struct xlsx_xml *b);
/* The index of `part` in the archive (any case), or -1 if it is missing. */
zip_int64_t xlsx_find(struct xlsx *x, const char *part);
/* Stream `part` through expat with the given handlers and context b (whose
 * first member is a struct xlsx_xml). Returns 0, or -1 with x->err filled. */
int xlsx_parse(struct xlsx *x, const char *part, struct xlsx_xml *b,
               XML_StartElementHandler start, XML_EndElementHandler end,
               XML_CharacterDataHandler text);
/* An end-element handler that does nothing. */
void XMLCALL xlsx_no_end(void *ud, const XML_Char *el);
/* Turn the _xHHHH_ escapes of OOXML strings back into characters, in place;
 * returns the new length. */
size_t xlsx_unescape(char *s, size_t n);

/* The start-element handler for a .rels part; its context is a struct xlsx_rels. */
void XMLCALL xlsx_rels_start(void *ud, const XML_Char *el, const XML_Char **atts);
void xlsx_rels_release(struct xlsx_rels *r);
/* The first relationship whose type ends with "/suffix", or NULL. */
const struct xlsx_rel *xlsx_rel_of_type(const struct xlsx_rels *r, const char *suffix);
/* The part a relationship target names, seen from directory dir ("xl/").
 * Returns a new string; the caller frees it. */
char *xlsx_resolve(const char *dir, const char *target);

/* The cell styles of styles part `part` into x (none when it is missing):
 * 0, or -1 with x->err. */
int xlsx_styles_read(struct xlsx *x, const char *part);
void xlsx_styles_release(struct xlsx *x);
/* A number cell's text v (n bytes) as style xf shows it: a date format's
 * serial as the ISO date (2017-08-01, with the time when it has one), a
 * fixed-decimals format's number padded with zeros to them (2017.1 with
 * "0.00": 2017.10); written to buf (cap bytes) and returned with *n its
 * length, or v itself when the style says nothing more. */
const char *xlsx_style_apply(const struct xlsx *x, size_t xf, const char *v, size_t *n,
                             char *buf, size_t cap);

#endif
