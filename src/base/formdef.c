/* formdef.c: reading a report form's definition (see formdef.h).
 * Depends on base only. */
#include "base/formdef.h"
#include "base/measure.h"
#include "base/table.h"
#include "base/xalloc.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the definition ---- */

void form_col_name(int col, char *buf, size_t n)
{
	char tmp[8];
	int i = 0;
	col++;
	while (col > 0 && i < (int)sizeof tmp) {
		tmp[i++] = (char)('A' + (col - 1) % 26);
		col = (col - 1) / 26;
	}
	if (n == 0)
		return;
	for (size_t k = 0; k + 1 < n && i > 0; k++) {
		buf[k] = tmp[--i];
		buf[k + 1] = '\0';
	}
}

/* "C" → 2; -1 when not a column letter (A to XFD). */
static int col_of(const char *s)
{
	int c = 0;
	if (!*s || strlen(s) > 3)
		return -1;
	for (; *s; s++) {
		char ch = *s >= 'a' && *s <= 'z' ? (char)(*s - 32) : *s;
		if (ch < 'A' || ch > 'Z')
			return -1;
		c = c * 26 + (ch - 'A' + 1);
	}
	return c - 1 < 16384 ? c - 1 : -1;
}

static int line_error(const char *path, int no, struct kfq_err *err, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static int line_error(const char *path, int no, struct kfq_err *err, const char *fmt, ...)
{
	char what[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	return kfq_error(err, "%s:%d: %s", path, no, what);
}

/* Split s into words (blanks between; "double quoted" with \" kept whole).
 * Returns the count, -1 on an unterminated quote. */
static int words(char *s, char **w, int max)
{
	int n = 0;
	while (*s) {
		while (*s == ' ' || *s == '\t')
			s++;
		if (!*s)
			break;
		if (n == max)
			return max + 1;
		if (*s == '"') {
			char *out = ++s;
			w[n++] = out;
			while (*s && *s != '"') {
				if (*s == '\\' && (s[1] == '"' || s[1] == '\\'))
					s++;
				*out++ = *s++;
			}
			if (*s != '"')
				return -1;
			s++;
			*out = '\0';
			continue;
		}
		w[n++] = s;
		while (*s && *s != ' ' && *s != '\t')
			s++;
		if (*s)
			*s++ = '\0';
	}
	return n;
}

static char *trim(char *s)
{
	size_t n;
	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
		s[--n] = '\0';
	return s;
}

static int basis_of(const char *s, enum form_basis *b)
{
	if (!strcmp(s, "month") || !strcmp(s, "本月") || !strcmp(s, "当月")) {
		*b = FORM_MONTH;
		return 0;
	}
	if (!strcmp(s, "ytd") || !strcmp(s, "累计") || !strcmp(s, "本年累计")) {
		*b = FORM_YTD;
		return 0;
	}
	return -1;
}

static int parse_line(struct form *f, int no, char *line, struct kfq_err *err)
{
	char *eq = strchr(line, '='), *key, *val, *w[8];
	int n;

	if (!eq)
		return line_error(f->path, no, err, "\"%s\" (expected KEY = VALUE: name, header_rows, "
		                  "unit, name_column, measure, total or column X)", line);
	*eq = '\0';
	key = trim(line);
	val = trim(eq + 1);
	if (!*val)
		return line_error(f->path, no, err, "%s: no value after =", key);
	if (!strcmp(key, "name")) {
		if ((n = words(val, w, 1)) != 1)
			return line_error(f->path, no, err, "name: one title (in double quotes when "
			                  "it has blanks)");
		free(f->name);
		f->name = xstrdup(w[0]);
	} else if (!strcmp(key, "header_rows")) {
		char *end;
		long v = strtol(val, &end, 10);
		if (*end || v < 0 || v > 100)
			return line_error(f->path, no, err, "header_rows: \"%s\" (expected the number "
			                  "of title and heading rows above the first enterprise, 0 to 100)",
			                  val);
		f->header_rows = (int)v;
	} else if (!strcmp(key, "unit")) {
		char given[256];   /* the value as written: words() cuts it up */
		snprintf(given, sizeof given, "%s", val);
		if ((n = words(val, w, 2)) < 1 || n > 2 || (f->unit_col = col_of(w[0])) < 0 ||
		    (n == 2 && strcmp(w[1], "code") && strcmp(w[1], "name") && strcmp(w[1], "uscc")))
			return line_error(f->path, no, err, "unit: \"%s\" (expected the column and how "
			                  "it names the enterprise: B code, B name or B uscc)", given);
		f->by = n < 2 || !strcmp(w[1], "code") ? FORM_BY_CODE
		        : !strcmp(w[1], "name") ? FORM_BY_NAME : FORM_BY_USCC;
	} else if (!strcmp(key, "name_column")) {
		if ((f->name_col = col_of(val)) < 0)
			return line_error(f->path, no, err, "name_column: \"%s\" (expected a column "
			                  "letter, A to XFD)", val);
	} else if (!strcmp(key, "measure")) {
		free(f->measure);
		f->measure = xstrdup(val);
	} else if (!strcmp(key, "total")) {
		if ((n = words(val, w, 1)) != 1)
			return line_error(f->path, no, err, "total: one label (合计)");
		free(f->total);
		f->total = xstrdup(w[0]);
	} else if (!strncmp(key, "column", 6) && (key[6] == ' ' || key[6] == '\t')) {
		struct form_col c = { 0 };
		char *letter = trim(key + 6);
		int i = 2;
		if ((c.col = col_of(letter)) < 0)
			return line_error(f->path, no, err, "column \"%s\" (expected a column letter, "
			                  "A to XFD)", letter);
		n = words(val, w, 4);
		if (n < 0)
			return line_error(f->path, no, err, "an unterminated quoted heading (expected a "
			                  "closing \")");
		if (n < 2 || n > 4 || basis_of(w[1], &c.basis) < 0)
			return line_error(f->path, no, err, "column %s = \"%s\" (expected INDICATOR "
			                  "本月|累计 [MEASURE] [\"heading\"], e.g. taxable_sales 本月)",
			                  letter, val);
		for (size_t k = 0; k < f->ncols; k++)
			if (f->cols[k].col == c.col)
				return line_error(f->path, no, err, "column %s is given twice (first as %s)",
				                  letter, f->cols[k].indicator);
		c.indicator = xstrdup(w[0]);
		for (; i < n; i++) {
			if (w[i] > val && w[i][-1] == '"') {   /* it was quoted: the heading */
				free(c.heading);
				c.heading = xstrdup(w[i]);
			} else {
				free(c.measure);
				c.measure = xstrdup(w[i]);
			}
		}
		f->cols = xrealloc(f->cols, (f->ncols + 1) * sizeof *f->cols);
		f->cols[f->ncols++] = c;
	} else {
		return line_error(f->path, no, err, "unknown key \"%s\" (expected name, header_rows, "
		                  "unit, name_column, measure, total or column X)", key);
	}
	return 0;
}

int form_load(const char *path, struct form *f, struct kfq_err *err)
{
	FILE *in;
	char buf[4096];
	int no = 0, rc = 0;

	memset(f, 0, sizeof *f);
	f->path = xstrdup(path);
	f->unit_col = -1;
	f->name_col = -1;
	if (!(in = fopen(path, "r"))) {
		kfq_error(err, "%s: cannot read the form: %s", path, strerror(errno));
		form_release(f);
		return -1;
	}
	while (rc == 0 && fgets(buf, sizeof buf, in)) {
		char *s = buf, *hash;
		int inq = 0;
		no++;
		if (!strchr(buf, '\n') && !feof(in)) {
			rc = line_error(path, no, err, "a line longer than %zu bytes", sizeof buf - 1);
			break;
		}
		if (no == 1 && !strncmp(s, "\xEF\xBB\xBF", 3))
			s += 3;   /* a BOM, as Notepad writes */
		if (text_utf8_end(s, strlen(s)) != strlen(s)) {
			rc = line_error(path, no, err, "a byte that is not UTF-8 (save the form as UTF-8)");
			break;
		}
		for (hash = s; *hash; hash++) {
			if (*hash == '"')
				inq = !inq;
			else if (*hash == '#' && !inq)
				break;
		}
		*hash = '\0';
		s = trim(s);
		if (*s)
			rc = parse_line(f, no, s, err);
	}
	if (rc == 0 && ferror(in))
		rc = kfq_error(err, "%s: cannot read the form", path);
	fclose(in);
	if (rc == 0 && f->unit_col < 0)
		rc = kfq_error(err, "%s: no \"unit = COLUMN code|name|uscc\" line (which column names the "
		               "enterprise)", path);
	if (rc == 0 && f->ncols == 0)
		rc = kfq_error(err, "%s: no \"column X = INDICATOR 本月|累计\" line", path);
	for (size_t k = 0; rc == 0 && k < f->ncols; k++)
		if (f->cols[k].col == f->unit_col || f->cols[k].col == f->name_col) {
			char c[8];
			form_col_name(f->cols[k].col, c, sizeof c);
			rc = kfq_error(err, "%s: column %s holds the enterprise, not %s", path, c,
			               f->cols[k].indicator);
		}
	if (rc < 0)
		form_release(f);
	return rc;
}

void form_release(struct form *f)
{
	for (size_t k = 0; k < f->ncols; k++) {
		free(f->cols[k].indicator);
		free(f->cols[k].measure);
		free(f->cols[k].heading);
	}
	free(f->cols);
	free(f->path);
	free(f->name);
	free(f->measure);
	free(f->total);
	memset(f, 0, sizeof *f);
}


const struct measure *form_measure(const struct form *f, size_t k, const struct measure *ind,
                                   struct kfq_err *err)
{
	const char *name = f->cols[k].measure ? f->cols[k].measure : f->measure;
	const struct measure *m;
	if (!name)
		return ind;
	if (!(m = measure_find(name, err)) || measure_compatible(m, ind, err) < 0)
		return NULL;
	return m;
}
