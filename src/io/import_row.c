/* import_row.c: the checks and bookkeeping every import kind's row
 * function shares (import_kind.h): a unit, an indicator, a year or a value
 * in a cell, each refused naming its column (a unit outside the importer's
 * subtree as one that does not exist); a key given once per file; what was
 * touched, to derive and to count. Depends on base, store, model, calc. */
#include "io/import.h"
#include "io/import_kind.h"
#include "base/measure.h"
#include "base/period.h"
#include "base/sbuf.h"
#include "base/strmap.h"
#include "base/xalloc.h"
#include "calc/rollup.h"
#include "model/indicator.h"
#include "model/obs.h"
#include "model/unit.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

long need_unit(struct ictx *c, const char *code, struct kfq_err *err)
{
	long u;
	size_t n;
	if (!*code)
		return kfq_error(err, "column \"unit\": empty (expected a unit code)");
	if (c->last_ucode[0] && strcmp(code, c->last_ucode) == 0)
		return c->last_u;   /* the unit of the row before (a unit's rows come together) */
	if ((u = units_need(&c->units, code, err)) < 0)
		kfq_err_prefix(err, "column \"unit\"");
	else if (c->scope >= 0 && !units_within(&c->units, (size_t)u, (size_t)c->scope))
		/* outside the importer's subtree: as if there were no such unit */
		u = kfq_error(err, "column \"unit\": unknown unit \"%s\" (import it in a units file "
		              "first)", code);
	else if ((n = strlen(code)) < sizeof c->last_ucode) {
		memcpy(c->last_ucode, code, n + 1);
		c->last_u = u;
	}
	return u;
}

long need_ind(struct ictx *c, const char *code, struct kfq_err *err)
{
	long i;
	if (!*code)
		return kfq_error(err, "column \"indicator\": empty (expected an indicator code)");
	if ((i = indicators_need(&c->inds, code, err)) < 0)
		kfq_err_prefix(err, "column \"indicator\"");
	return i;
}

int need_year(const char *s, const char *col, int *year, struct kfq_err *err)
{
	struct period p;
	if (period_parse(s, &p, err) < 0 || p.kind != PERIOD_YEAR)
		return kfq_error(err, "column \"%s\": \"%s\" is not a year (expected 2017 or 2017年)",
		                 col, s);
	*year = p.year;
	return 0;
}

/* Parse a value given in the row's measure column, else the header's, else
 * the indicator's own measure. */
int parse_value(struct ictx *c, const struct indicator *ind, const char *text,
                       const char *row_measure, int value_col, dec *v, struct kfq_err *err)
{
	const struct measure *m = ind->measure;
	const char *given = row_measure && *row_measure ? row_measure
	                    : c->map.measure[value_col][0] ? c->map.measure[value_col] : NULL;
	if (given) {
		const char *col = row_measure && *row_measure ? "measure" : c->k->cols[value_col].name;
		if (row_measure && *row_measure && strspn(row_measure, "0123456789.") ==
		    strlen(row_measure) && strspn(text, "0123456789-") == strlen(text)) {
			/* 1,234.5 unquoted: 1 the value, 234.5 the measure */
			kfq_error(err, "\"%s\" is a number, not a measure: a comma inside the value split "
			          "it (a comma inside a value needs quotes: \"%s,%s\")", row_measure, text,
			          row_measure);
			return kfq_err_prefix(err, "column \"%s\"", col);
		}
		if (!(m = measure_find(given, err)))
			return kfq_err_prefix(err, "column \"%s\"", col);
		if (measure_compatible(m, ind->measure, err) < 0)
			return kfq_err_prefix(err, "column \"%s\": indicator \"%s\"", col, ind->code);
	}
	if (dec_parse(text, m->shift, v, err) < 0 || measure_count_check(m, *v, text, err) < 0)
		return kfq_err_prefix(err, "column \"%s\"", c->k->cols[value_col].name);
	return 0;
}

static void touch(struct ictx *c, size_t i, int year)
{
	unsigned y = (unsigned)(year - 1900);
	c->touched[i * YEAR_BYTES + y / 8] |= (unsigned char)(1u << (y % 8));
}

void mark_touched(struct ictx *c, size_t i, int year)
{
	touch(c, i, year);
	c->touched_whole = 1;
}

void mark_touched_at(struct ictx *c, size_t i, int year, size_t u)
{
	touch(c, i, year);
	if (!c->touched_units)
		c->touched_units = xcalloc(c->units.n / 8 + 1, 1);
	c->touched_units[u / 8] |= (unsigned char)(1u << (u % 8));
}

void mark_derive(struct ictx *c, const char *code)
{
	for (size_t i = 0; i < c->nderive; i++)
		if (strcmp(c->derive[i], code) == 0)
			return;
	XGROW(c->derive, c->nderive + 1, c->derive_cap);
	c->derive[c->nderive++] = xstrdup(code);
}

int row_once(struct ictx *c, const char *key, const char *what, struct kfq_err *err)
{
	size_t prev = obs_seen_once(&c->w, key, c->line);
	if (prev)
		return kfq_error(err, "%s is already given on line %zu (expected once per file)", what,
		                 prev);
	return 0;
}

int row_once_of(struct ictx *c, const char *what, struct kfq_err *err, const char *tag, ...)
{
	struct sbuf sb;
	va_list ap;
	int rc;
	sbuf_init(&sb);
	sbuf_addf(&sb, "%s", tag);
	va_start(ap, tag);
	for (const char *s; (s = va_arg(ap, const char *));)
		sbuf_addf(&sb, "\t%s", s);
	va_end(ap);
	rc = row_once(c, sb.buf, what, err);
	sbuf_release(&sb);
	return rc;
}

void mark_key(struct ictx *c, const char *key)
{
	size_t i;
	if (!c->keymap.cap)
		strmap_init(&c->keymap);
	if (strmap_get(&c->keymap, key, &i)) {
		c->keys[i].line = c->line;
		return;
	}
	XGROW(c->keys, c->nkeys + 1, c->keys_cap);
	c->keys[c->nkeys].key = xstrdup(key);
	c->keys[c->nkeys].line = c->line;
	strmap_put(&c->keymap, c->keys[c->nkeys].key, c->nkeys);
	c->nkeys++;
}

size_t key_line(const struct ictx *c, const char *keys)
{
	char one[512];
	if (!c->keymap.cap)
		return 0;
	for (const char *k = keys; *k;) {
		const char *end = strchr(k, '\t');
		size_t len = end ? (size_t)(end - k) : strlen(k), i;
		if (len < sizeof one) {
			memcpy(one, k, len);
			one[len] = '\0';
			if (strmap_get(&c->keymap, one, &i))
				return c->keys[i].line;
		}
		k += len + (end != NULL);
	}
	return 0;
}

void count(struct ictx *c, enum put_result r)
{
	c->res->added += r == PUT_ADDED;
	c->res->changed += r == PUT_CHANGED;
	c->res->unchanged += r == PUT_SAME;
}

