/* scheme_line.c: the lexical layer of the scheme parser: a line split into
 * words (positional words, key=value, double-quoted strings with \\" and \\\\,
 * `#` comments), the words a statement looks up (a key's value, the i-th
 * positional word, comma-separated lists), and the values they hold
 * (numbers, whole numbers, exact decimals, codes), each error
 * "FILE:LINE: ...". See scheme.c. Depends on base only. */
#include "assess/scheme_part.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/sbuf.h"
#include "base/xalloc.h"

/* ---- errors ---- */

int asl_line_error(const struct line *l, struct kfq_err *err, const char *fmt, ...)
{
	char what[1536];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	return kfq_error(err, "%s:%d: %s", l->file, l->no, what);
}

/* ---- splitting a line into words ---- */

void asl_free_words(struct line *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->w[i].key);
		free(l->w[i].value);
	}
	l->n = 0;
}

/* Read a quoted string starting at *pp (on the opening quote) into sb. */
static int read_quoted(struct line *l, const char **pp, const char *end, struct sbuf *sb,
                       struct kfq_err *err)
{
	const char *p = *pp + 1;
	while (p < end && *p != '"') {
		if (*p == '\\' && p + 1 < end && (p[1] == '"' || p[1] == '\\'))
			p++;
		sbuf_addc(sb, *p++);
	}
	if (p >= end)
		return asl_line_error(l, err, "unterminated quoted string \"%s: expected a closing \"",
		                  sb->buf);
	*pp = p + 1;
	return 0;
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

/* The buffer's string (the caller frees it); sb is ready for more. */
static char *take(struct sbuf *sb)
{
	char *s = sbuf_detach(sb);
	sbuf_init(sb);
	return s;
}

/* Split text[0..len) (one line, no newline) into l->w. */
int asl_split_line(struct line *l, const char *p, const char *end, struct kfq_err *err)
{
	struct sbuf sb;
	sbuf_init(&sb);
	for (;;) {
		while (p < end && is_blank(*p))
			p++;
		if (p >= end || *p == '#')
			break;
		if (l->n == MAX_WORDS) {
			sbuf_release(&sb);
			return asl_line_error(l, err, "more than %d words on one line", MAX_WORDS);
		}
		struct word *w = &l->w[l->n];
		w->key = NULL;
		sbuf_reset(&sb);
		if (*p == '"') {
			if (read_quoted(l, &p, end, &sb, err) != 0)
				goto fail;
		} else {
			while (p < end && !is_blank(*p) && *p != '=' && *p != '"' && *p != '#')
				sbuf_addc(&sb, *p++);
			if (p < end && *p == '"') {
				asl_line_error(l, err, "quote inside the word \"%s\": expected "
				           "a blank before a quoted string", sb.buf);
				goto fail;
			}
			if (p < end && *p == '=') {
				if (sb.len == 0) {
					asl_line_error(l, err, "\"=\" without a key: expected key=value");
					goto fail;
				}
				w->key = take(&sb);
				p++;
				if (p < end && *p == '"') {
					if (read_quoted(l, &p, end, &sb, err) != 0)
						goto fail;
				} else {
					while (p < end && !is_blank(*p) && *p != '"' && *p != '#')
						sbuf_addc(&sb, *p++);
				}
				if (p < end && !is_blank(*p) && *p != '#') {
					asl_line_error(l, err, "key %s: value \"%s\" runs into \"%c\": "
					           "expected a blank after the value", w->key,
					           sb.buf ? sb.buf : "", *p);
					goto fail;
				}
			}
		}
		w->value = take(&sb);
		l->n++;
	}
	sbuf_release(&sb);
	return 0;
fail:
	if (l->w[l->n].key) {
		free(l->w[l->n].key);
		l->w[l->n].key = NULL;
	}
	sbuf_release(&sb);
	return -1;
}

/* ---- values ---- */

/* A finite number, the whole of s. */
int asl_parse_num(const struct line *l, const char *key, const char *s, double *out,
                     struct kfq_err *err)
{
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	if (!*s || *end || errno == ERANGE || !isfinite(v))
		return asl_line_error(l, err, "%s: value \"%s\": expected a number", key, s);
	*out = v;
	return 0;
}

/* A whole number in [lo, hi]. */
int asl_parse_int(const struct line *l, const char *key, const char *s, int lo, int hi,
                     int *out, struct kfq_err *err)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (!*s || *end || errno == ERANGE || v < lo || v > hi)
		return asl_line_error(l, err, "%s: value \"%s\": expected a whole number from %d to %d",
		                  key, s, lo, hi);
	*out = (int)v;
	return 0;
}

/* An exact decimal (weights, shares, thresholds). */
int asl_parse_dec(const struct line *l, const char *key, const char *s, dec *out,
                     struct kfq_err *err)
{
	struct kfq_err e2 = { 0 };
	if (dec_parse(s, 0, out, &e2) != 0)
		return asl_line_error(l, err, "%s: value \"%s\": expected a number", key, s);
	return 0;
}

/* A code: letters, digits, _ - . (and any UTF-8 bytes). */
int asl_check_code(const struct line *l, const char *what, const char *s,
                      struct kfq_err *err)
{
	if (!*s)
		return asl_line_error(l, err, "%s: empty: expected a code", what);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (!(*p >= 0x80 || (*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'z') ||
		      (*p >= 'A' && *p <= 'Z') || *p == '_' || *p == '-' || *p == '.'))
			return asl_line_error(l, err, "%s: value \"%s\": expected a code "
			                  "(letters, digits, _ - .)", what, s);
	return 0;
}

char *asl_dec_text(dec v, char *buf, size_t n)
{
	dec_format(v, 0, -1, buf, n);
	return buf;
}

/* ---- a statement's words ---- */

/* The value of key k on the line, or NULL. */
const char *asl_get(const struct line *l, const char *k)
{
	for (size_t i = 1; i < l->n; i++)
		if (l->w[i].key && strcmp(l->w[i].key, k) == 0)
			return l->w[i].value;
	return NULL;
}

/* The i-th positional word (0 = first after the keyword), or NULL. */
const char *asl_pos(const struct line *l, size_t i)
{
	for (size_t j = 1; j < l->n; j++)
		if (!l->w[j].key && i-- == 0)
			return l->w[j].value;
	return NULL;
}

int asl_require(const struct line *l, const char *stmt, const char *k, const char **out,
                struct kfq_err *err)
{
	*out = asl_get(l, k);
	if (!*out || !**out)
		return asl_line_error(l, err, "%s: %s= missing: expected %s=VALUE", stmt, k, k);
	return 0;
}

/* Split a comma-separated list; returns the count. */
size_t asl_split_list(const char *s, char ***out)
{
	size_t n = 0, cap = 0;
	char **v = NULL;
	const char *p = s;
	for (;;) {
		const char *c = strchr(p, ',');
		size_t len = c ? (size_t)(c - p) : strlen(p);
		XGROW(v, n + 1, cap);
		v[n++] = xstrndup(p, len);
		if (!c)
			break;
		p = c + 1;
	}
	*out = v;
	return n;
}

void asl_free_list(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}
