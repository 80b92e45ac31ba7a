/* header.c: header matching for imports (see header.h). Base only. */
#include "io/header.h"
#include "base/sbuf.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

/* Copy the measure between b and e into measure, trimming spaces. One too
 * long to keep is cut at a character boundary, never dropped: the importer
 * then reports it as unknown instead of reading the values in another
 * measure. */
static void copy_measure(const char *b, const char *e, char *measure, size_t mn)
{
	size_t len;

	while (b < e && (*b == ' ' || *b == '\t'))
		b++;
	while (e > b && (e[-1] == ' ' || e[-1] == '\t'))
		e--;
	len = (size_t)(e - b);
	if (len >= mn)
		for (len = mn - 1; len > 0 && ((unsigned char)b[len] & 0xC0) == 0x80; len--)
			;
	memcpy(measure, b, len);
	measure[len] = '\0';
}

/* Split "value(万元)" into name "value" and measure "万元" (ASCII or
 * full-width brackets), trimming spaces. */
static void split(const char *cell, char *name, size_t nn, char *measure, size_t mn)
{
	const char *s = cell, *e, *open = NULL;
	size_t len;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
		e--;
	measure[0] = '\0';
	if (e > s && e[-1] == ')') {
		for (const char *p = e - 1; p >= s; p--)
			if (*p == '(') {
				open = p;
				break;
			}
		if (open) {
			copy_measure(open + 1, e - 1, measure, mn);
			e = open;
		}
	} else if (e - s > 3 && strncmp(e - 3, "）", 3) == 0) {
		const char *p = strstr(s, "（");
		if (p) {
			copy_measure(p + 3, e - 3, measure, mn);
			e = p;
		}
	}
	while (e > s && e[-1] == ' ')
		e--;
	len = (size_t)(e - s) < nn - 1 ? (size_t)(e - s) : nn - 1;
	memcpy(name, s, len);
	name[len] = '\0';
}

static int matches(const struct column_def *d, const char *name)
{
	const char *a = d->aliases;
	size_t n = strlen(name);

	if (strcasecmp(d->name, name) == 0)
		return 1;
	while (a && *a) {
		const char *bar = strchr(a, '|');
		size_t len = bar ? (size_t)(bar - a) : strlen(a);
		if (len == n && strncasecmp(a, name, n) == 0)
			return 1;
		a = bar ? bar + 1 : NULL;
	}
	return 0;
}

static void expected(const struct column_def *defs, size_t n, struct sbuf *sb)
{
	for (size_t i = 0; i < n; i++)
		sbuf_addf(sb, "%s%s%s", i ? ", " : "", defs[i].name, defs[i].required ? "" : " (optional)");
}

/* The same in Chinese: each column with its first Chinese name, if it has
 * one: "unit（单位）、measure（计量单位，可选）". */
static void expected_zh(const struct column_def *defs, size_t n, struct sbuf *sb)
{
	for (size_t i = 0; i < n; i++) {
		const char *a = defs[i].aliases, *zh = NULL;
		size_t len = 0;
		while (a && *a && !zh) {
			const char *bar = strchr(a, '|');
			len = bar ? (size_t)(bar - a) : strlen(a);
			if ((unsigned char)*a >= 0x80)
				zh = a;
			a = bar ? bar + 1 : NULL;
		}
		sbuf_addf(sb, "%s%s", i ? "、" : "", defs[i].name);
		if (zh)
			sbuf_addf(sb, "（%.*s%s）", (int)len, zh, defs[i].required ? "" : "，可选");
		else if (!defs[i].required)
			sbuf_adds(sb, "（可选）");
	}
}

int header_map(const struct column_def *defs, size_t n, size_t ncells,
               const char *const *cells, struct header_map *map, struct kfq_err *err)
{
	struct sbuf sb;

	if (n > HEADER_MAX_COLS)
		return kfq_fault(err, "a file kind with %zu columns (at most %d)", n, HEADER_MAX_COLS);
	for (size_t i = 0; i < HEADER_MAX_COLS; i++) {
		map->col[i] = -1;
		map->measure[i][0] = '\0';
	}
	for (size_t c = 0; c < ncells; c++) {
		char name[128], measure[32];
		size_t i;
		split(cells[c], name, sizeof name, measure, sizeof measure);
		if (!*name)
			continue;          /* an unnamed column: Excel's trailing empties */
		for (i = 0; i < n; i++)
			if (matches(&defs[i], name))
				break;
		sbuf_init(&sb);
		if (i == n) {
			expected(defs, n, &sb);
			kfq_error(err, "column %zu: unknown column \"%s\" (expected %s)", c + 1, cells[c], sb.buf);
			sbuf_release(&sb);
			sbuf_init(&sb);
			expected_zh(defs, n, &sb);
			kfq_err_zh(err, "第 %zu 列: 未知的列 \"%s\"（应为 %s）", c + 1, cells[c], sb.buf);
			sbuf_release(&sb);
			return -1;
		}
		sbuf_release(&sb);
		if (map->col[i] >= 0)
			return kfq_error(err, "column %zu: \"%s\" repeats column %d", c + 1, cells[c],
			                 map->col[i] + 1);
		map->col[i] = (int)c;
		memcpy(map->measure[i], measure, sizeof measure);
	}
	for (size_t i = 0; i < n; i++)
		if (defs[i].required && map->col[i] < 0) {
			sbuf_init(&sb);
			expected(defs, n, &sb);
			kfq_error(err, "missing column \"%s\" (expected %s)", defs[i].name, sb.buf);
			sbuf_release(&sb);
			sbuf_init(&sb);
			expected_zh(defs, n, &sb);
			kfq_err_zh(err, "缺少列 \"%s\"（应有 %s）", defs[i].name, sb.buf);
			sbuf_release(&sb);
			return -1;
		}
	return 0;
}
