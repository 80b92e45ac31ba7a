/* xlsx_part.c: the ZIP and XML plumbing of the XLSX reader (xlsx_part.h).
 *
 * Opens a part of the archive through libzip and streams it through expat in
 * chunks, refusing a part that would uncompress past what the file's size
 * allows (xlsx_part_max: a zip bomb) and any DOCTYPE (entity bombs); broken
 * XML is an error, never a crash. Also the small XML
 * helpers, the _xHHHH_ string escapes, and reading relationships (.rels) and
 * resolving their targets to part names. Knows nothing of workbooks, sheets
 * or cells (that is xlsx.c). Depends on base (err, xalloc), libzip and expat
 * only. */
#include "base/xlsx_part.h"
#include "base/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define XLSX_CHUNK 65536

/* What one part of a file of len bytes may uncompress to: XLSX_RATIO times
 * the file's size, at least XLSX_PART_FLOOR, at most XLSX_PART_MAX. Sheets
 * that Excel, WPS or libxlsxwriter write uncompress to about 10 times the
 * file's size, a sheet of one value repeated to some 50; deflate reaches
 * 1 000, which only a bomb has a use for (a 1 MB file that declares a
 * 1 000 MiB shared string). */
zip_uint64_t xlsx_part_max(size_t len)
{
	zip_uint64_t m = (zip_uint64_t)len * XLSX_RATIO;
	return m < XLSX_PART_FLOOR ? XLSX_PART_FLOOR : m > XLSX_PART_MAX ? XLSX_PART_MAX : m;
}

/* The refusal of a part that uncompresses past x->part_max (size: what it
 * declares, 0 when it was counted while reading). */
static int too_big(struct xlsx *x, const char *part, zip_uint64_t size)
{
	char declared[64] = "";
	if (size)
		snprintf(declared, sizeof declared, " (it declares %llu bytes)", (unsigned long long)size);
	return kfq_error(x->err, "%s: %s uncompresses to more than the %llu MiB a part of this "
	                 "file may%s: a part may be %d times the file's size, at least %d MiB and "
	                 "at most %d MiB (a damaged file or a zip bomb)", x->name, part,
	                 (unsigned long long)(x->part_max >> 20), declared, XLSX_RATIO,
	                 (int)(XLSX_PART_FLOOR >> 20), (int)(XLSX_PART_MAX >> 20));
}

const char *xlsx_local(const char *name)
{
	const char *c = strrchr(name, ':');
	return c ? c + 1 : name;
}

const char *xlsx_attr(const char **atts, const char *local)
{
	for (; *atts; atts += 2)
		if (strcmp(xlsx_local(atts[0]), local) == 0)
			return atts[1];
	return NULL;
}

void xlsx_stop(struct xlsx_xml *b)
{
	b->failed = 1;
	XML_StopParser(b->parser, XML_FALSE);
}

static void XMLCALL xlsx_no_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
                                    const XML_Char *pubid, int has_subset)
{
	struct xlsx_xml *b = ud;
	(void)name, (void)sysid, (void)pubid, (void)has_subset;
	if (b->failed)
		return;
	kfq_error(b->x->err, "%s: %s has a DOCTYPE declaration, which XLSX files never have "
	          "(the file is damaged or hostile)", b->x->name, b->part);
	xlsx_stop(b);
}

zip_int64_t xlsx_find(struct xlsx *x, const char *part)
{
	return libzip.zip_name_locate(x->zip, part, ZIP_FL_NOCASE);
}

/* Stream `part` through expat with the given handlers and context b (whose
 * first member is a struct xlsx_xml). */
int xlsx_parse(struct xlsx *x, const char *part, struct xlsx_xml *b,
               XML_StartElementHandler start, XML_EndElementHandler end,
               XML_CharacterDataHandler text)
{
	zip_int64_t idx = xlsx_find(x, part);
	zip_uint64_t total = 0;
	zip_stat_t zs;
	zip_file_t *zf;
	XML_Parser p;
	char *buf;
	int rc = 0;

	if (idx < 0)
		return kfq_error(x->err, "%s: not a valid XLSX file: the part %s is missing",
		                 x->name, part);
	libzip.zip_stat_init(&zs);
	if (libzip.zip_stat_index(x->zip, (zip_uint64_t)idx, 0, &zs) == 0 &&
	    (zs.valid & ZIP_STAT_SIZE) && zs.size > x->part_max)
		return too_big(x, part, zs.size);
	zf = libzip.zip_fopen_index(x->zip, (zip_uint64_t)idx, 0);
	if (!zf)
		return kfq_error(x->err, "%s: cannot read %s: %s", x->name, part,
		                 libzip.zip_strerror(x->zip));
	p = XML_ParserCreate(NULL);
	if (!p) {
		libzip.zip_fclose(zf);
		return kfq_fault(x->err, "%s: out of memory starting the XML parser", x->name);
	}
	b->parser = p;
	b->x = x;
	b->part = part;
	b->failed = 0;
	XML_SetUserData(p, b);
	XML_SetElementHandler(p, start, end);
	XML_SetCharacterDataHandler(p, text);
	XML_SetStartDoctypeDeclHandler(p, xlsx_no_doctype);
	buf = xmalloc(XLSX_CHUNK);
	for (;;) {
		zip_int64_t got = libzip.zip_fread(zf, buf, XLSX_CHUNK);
		if (got < 0) {
			rc = kfq_error(x->err, "%s: cannot read %s (the file is damaged): %s",
			               x->name, part,
			               libzip.zip_error_strerror(libzip.zip_file_get_error(zf)));
			break;
		}
		total += (zip_uint64_t)got;
		if (total > x->part_max) {   /* its header said less */
			rc = too_big(x, part, 0);
			break;
		}
		if (XML_Parse(p, buf, (int)got, got == 0) != XML_STATUS_OK || b->failed) {
			if (b->failed)
				rc = -1;
			else
				rc = kfq_error(x->err, "%s: %s: malformed XML at line %lu, column %lu: %s",
				               x->name, part, (unsigned long)XML_GetCurrentLineNumber(p),
				               (unsigned long)XML_GetCurrentColumnNumber(p),
				               XML_ErrorString(XML_GetErrorCode(p)));
			break;
		}
		if (got == 0)
			break;
	}
	free(buf);
	XML_ParserFree(p);
	libzip.zip_fclose(zf);
	return rc;
}

void XMLCALL xlsx_no_end(void *ud, const XML_Char *el)
{
	(void)ud, (void)el;
}

/* Turn the _xHHHH_ escapes of OOXML strings back into characters, in place;
 * returns the new length. */
size_t xlsx_unescape(char *s, size_t n)
{
	size_t i = 0, o = 0;

	if (!memchr(s, '_', n))
		return n;
	while (i < n) {
		unsigned cp = 0;
		size_t j;
		if (s[i] == '_' && n - i >= 7 && s[i + 1] == 'x' && s[i + 6] == '_') {
			for (j = 2; j < 6; j++) {
				char c = s[i + j];
				if (c >= '0' && c <= '9')
					cp = cp * 16 + (unsigned)(c - '0');
				else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
					cp = cp * 16 + (unsigned)((c | 0x20) - 'a' + 10);
				else
					break;
			}
			if (j == 6) {
				if (cp >= 0xD800 && cp <= 0xDFFF)
					cp = 0xFFFD;
				if (cp == 0) {
					/* a NUL would cut the cell short: drop it */
				} else if (cp < 0x80) {
					s[o++] = (char)cp;
				} else if (cp < 0x800) {
					s[o++] = (char)(0xC0 | (cp >> 6));
					s[o++] = (char)(0x80 | (cp & 0x3F));
				} else {
					s[o++] = (char)(0xE0 | (cp >> 12));
					s[o++] = (char)(0x80 | ((cp >> 6) & 0x3F));
					s[o++] = (char)(0x80 | (cp & 0x3F));
				}
				i += 7;
				continue;
			}
		}
		s[o++] = s[i++];
	}
	s[o] = '\0';
	return o;
}

/* ---- relationships (_rels/.rels, xl/_rels/workbook.xml.rels) ---- */

void XMLCALL xlsx_rels_start(void *ud, const XML_Char *el, const XML_Char **atts)
{
	struct xlsx_rels *r = ud;
	const char *id, *target, *type, *mode;

	if (r->b.failed || strcmp(xlsx_local(el), "Relationship") != 0)
		return;
	id = xlsx_attr(atts, "Id");
	target = xlsx_attr(atts, "Target");
	type = xlsx_attr(atts, "Type");
	mode = xlsx_attr(atts, "TargetMode");
	if (!id || !target || (mode && strcmp(mode, "External") == 0))
		return;
	XGROW(r->v, r->n + 1, r->cap);
	r->v[r->n].id = xstrdup(id);
	r->v[r->n].target = xstrdup(target);
	r->v[r->n].type = xstrdup(type ? type : "");
	r->n++;
}

void xlsx_rels_release(struct xlsx_rels *r)
{
	size_t i;
	for (i = 0; i < r->n; i++) {
		free(r->v[i].id);
		free(r->v[i].target);
		free(r->v[i].type);
	}
	free(r->v);
}

/* The first relationship whose type ends with "/suffix", or NULL. */
const struct xlsx_rel *xlsx_rel_of_type(const struct xlsx_rels *r, const char *suffix)
{
	size_t i, sl = strlen(suffix);
	for (i = 0; i < r->n; i++) {
		size_t tl = strlen(r->v[i].type);
		if (tl > sl && r->v[i].type[tl - sl - 1] == '/' &&
		    strcmp(r->v[i].type + tl - sl, suffix) == 0)
			return &r->v[i];
	}
	return NULL;
}

/* The part a relationship target names, seen from directory dir ("xl/").
 * Returns a new string; the caller frees it. */
char *xlsx_resolve(const char *dir, const char *target)
{
	char *in = target[0] == '/' ? xstrdup(target + 1) : xasprintf("%s%s", dir, target);
	char *out = xmalloc(strlen(in) + 1);
	const char *p = in;
	size_t o = 0;

	while (*p) {
		const char *slash = strchr(p, '/');
		size_t n = slash ? (size_t)(slash - p) : strlen(p);
		if (n == 2 && p[0] == '.' && p[1] == '.') {
			while (o > 0 && out[o - 1] != '/')
				o--;
			if (o > 0)
				o--;
		} else if (n > 0 && !(n == 1 && p[0] == '.')) {
			if (o > 0)
				out[o++] = '/';
			memcpy(out + o, p, n);
			o += n;
		}
		p += n;
		if (*p)
			p++;
	}
	out[o] = '\0';
	free(in);
	return out;
}
