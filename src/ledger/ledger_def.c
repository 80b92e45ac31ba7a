/* ledger_def.c: a ledger's definition file read line by line (see
 * ledger.h; the format is docs/formats.md, "Ledgers"): one statement a
 * line (ledger, field, key, figure, ratio), words and key=value words,
 * "quoted" values with spaces, # comments; every refusal names its line.
 * Also the canonical values of a row's cells. Depends on base only. */
#include "ledger/ledger.h"
#include "base/table.h"
#include "base/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *const LEDGER_TYPES[] = { "text", "date", "unit", "number", "choice", "yesno", NULL };

#define MAXW 48

struct line {
	char *w[MAXW];      /* the words, unquoted; key=value kept whole */
	size_t n;
	const char *path;
	size_t no;
};

/* Split s (modified in place) into words. */
static int split_words(char *s, struct line *l, struct kfq_err *err)
{
	char *p = s;
	l->n = 0;
	for (;;) {
		char *out;
		while (*p == ' ' || *p == '\t' || *p == '\r')
			p++;
		if (!*p || *p == '#')
			return 0;
		if (l->n == MAXW)
			return kfq_error(err, "%s:%zu: more than %d words on a line", l->path, l->no, MAXW);
		l->w[l->n++] = out = p;
		while (*p && *p != ' ' && *p != '\t' && *p != '\r') {
			if (*p == '"') {
				char *q = strchr(p + 1, '"');
				if (!q)
					return kfq_error(err, "%s:%zu: a quote (\") is not closed", l->path, l->no);
				memmove(out, p + 1, (size_t)(q - p - 1));
				out += q - p - 1;
				p = q + 1;
			} else
				*out++ = *p++;
		}
		if (*p)
			p++;
		*out = 0;
	}
}

static int is_ident(const char *s)
{
	if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')))
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
		      *s == '_'))
			return 0;
	return 1;
}

/* The value of word w when it is key=..., else NULL. */
static const char *kv(const char *w, const char *key)
{
	size_t n = strlen(key);
	return strncmp(w, key, n) == 0 && w[n] == '=' ? w + n + 1 : NULL;
}

static char **split_list(const char *s, size_t *n)
{
	char **v = NULL;
	size_t cap = 0;
	*n = 0;
	for (;;) {
		const char *e = strchr(s, '|');
		size_t len = e ? (size_t)(e - s) : strlen(s);
		XGROW(v, *n + 1, cap);
		v[(*n)++] = xstrndup(s, len);
		if (!e)
			return v;
		s = e + 1;
	}
}

long ledger_field_find(const struct ledger_def *d, const char *name)
{
	for (size_t i = 0; i < d->nf; i++)
		if (strcmp(d->f[i].name, name) == 0)
			return (long)i;
	return -1;
}

static long fig_find(const struct ledger_def *d, const char *code)
{
	for (size_t i = 0; i < d->nfig; i++)
		if (strcmp(d->fig[i].code, code) == 0)
			return (long)i;
	return -1;
}

static int yesno(const char *s)
{
	static const char *const YES[] = { "是", "yes", "y", "1", "true", "有", NULL };
	static const char *const NO[] = { "否", "no", "n", "0", "false", "无", NULL };
	for (size_t i = 0; YES[i]; i++)
		if (strcasecmp(s, YES[i]) == 0)
			return 1;
	for (size_t i = 0; NO[i]; i++)
		if (strcasecmp(s, NO[i]) == 0)
			return 0;
	return -1;
}

int ledger_value(const struct ledger_field *f, const char *in, const char *measure, char *buf,
                 size_t n, struct kfq_err *err)
{
	struct date d;
	dec v;
	size_t len;
	int rc = 0;
	buf[0] = 0;
	for (const char *p = in; *p; p++)
		if ((unsigned char)*p < 0x20 && *p != '\t' && *p != '\n')
			return kfq_error_field(err, f->name, "a control character (byte %d) in \"%s\"",
			                       *p, in);
	if (!*in) {
		if (f->required)
			return kfq_error_field(err, f->name, "empty, but the ledger requires it");
		return 0;
	}
	switch (f->type) {
	case LF_TEXT:
	case LF_UNIT:
		if ((len = strlen(in)) >= n)
			return kfq_error_field(err, f->name, "longer than %zu bytes", n - 1);
		memcpy(buf, in, len + 1);
		break;
	case LF_DATE:
		if (date_parse(in, &d, err) < 0)
			return kfq_err_set_field(err, f->name);
		date_format(&d, buf, n);
		break;
	case LF_NUMBER: {
		const struct measure *m = f->measure;
		if (measure && *measure) {
			if (!(m = measure_find(measure, err)) ||
			    measure_compatible(m, f->measure, err) < 0)
				return kfq_err_set_field(err, f->name);
		}
		if (dec_parse(in, m->shift, &v, err) < 0)
			return kfq_err_set_field(err, f->name);
		dec_format(v, f->measure->shift, -1, buf, n);
		break;
	}
	case LF_CHOICE:
		for (size_t i = 0; i < f->nchoices; i++)
			if (strcmp(in, f->choices[i]) == 0) {
				if ((len = strlen(in)) >= n)
					return kfq_error_field(err, f->name, "longer than %zu bytes", n - 1);
				memcpy(buf, in, len + 1);
				return 0;
			}
		{
			char list[512] = "";
			size_t k = 0;
			for (size_t i = 0; i < f->nchoices && k < sizeof list; i++)
				k += (size_t)snprintf(list + k, sizeof list - k, "%s%s", i ? ", " : "",
				                      f->choices[i]);
			return kfq_error_field(err, f->name, "\"%s\" is not one of its choices (%s)", in,
			                       list);
		}
	case LF_YESNO:
		if ((rc = yesno(in)) < 0)
			return kfq_error_field(err, f->name, "\"%s\" is not yes or no (是/否)", in);
		snprintf(buf, n, "%s", rc ? "是" : "否");
		break;
	default:
		break;
	}
	return 0;
}

char *ledger_split(const char *vals, size_t n, const char **out)
{
	char *copy = xstrdup(vals), *p = copy;
	for (size_t i = 0; i < n; i++) {
		char *e = p ? strchr(p, LEDGER_SEP) : NULL;
		out[i] = p ? p : "";
		if (e)
			*e = 0;
		p = e ? e + 1 : NULL;
	}
	return copy;
}

/* ---- statements ---- */

static int st_ledger(struct ledger_def *d, struct line *l, struct kfq_err *err)
{
	if (d->name)
		return kfq_error(err, "%s:%zu: a second \"ledger\" line (a file defines one ledger)",
		                 l->path, l->no);
	if (l->n < 2 || !is_ident(l->w[1]))
		return kfq_error(err, "%s:%zu: expected \"ledger NAME title=...\" with NAME of letters, "
		                 "digits and _", l->path, l->no);
	d->name = xstrdup(l->w[1]);
	for (size_t i = 2; i < l->n; i++) {
		const char *v;
		if ((v = kv(l->w[i], "title"))) {
			free(d->title);   /* a word given twice: the last one */
			d->title = xstrdup(v);
		} else if ((v = kv(l->w[i], "en"))) {
			free(d->title_en);
			d->title_en = xstrdup(v);
		}
		else
			return kfq_error(err, "%s:%zu: \"%s\": expected title=... or en=...", l->path,
			                 l->no, l->w[i]);
	}
	if (!d->title)
		d->title = xstrdup(d->name);
	return 0;
}

static int st_field(struct ledger_def *d, struct line *l, struct kfq_err *err)
{
	struct ledger_field *f;
	long t = -1;
	if (l->n < 3 || !is_ident(l->w[1]))
		return kfq_error(err, "%s:%zu: expected \"field NAME TYPE ...\" with NAME of letters, "
		                 "digits and _", l->path, l->no);
	if (ledger_field_find(d, l->w[1]) >= 0)
		return kfq_error(err, "%s:%zu: field \"%s\" is already defined", l->path, l->no, l->w[1]);
	for (size_t i = 0; LEDGER_TYPES[i]; i++)
		if (strcmp(l->w[2], LEDGER_TYPES[i]) == 0)
			t = (long)i;
	if (t < 0)
		return kfq_error(err, "%s:%zu: field \"%s\": unknown type \"%s\" (expected text, date, "
		                 "unit, number, choice or yesno)", l->path, l->no, l->w[1], l->w[2]);
	d->f = xrealloc(d->f, (d->nf + 1) * sizeof *d->f);
	f = &d->f[d->nf++];
	memset(f, 0, sizeof *f);
	f->name = xstrdup(l->w[1]);
	f->type = (enum lf_type)t;
	f->line = l->no;
	for (size_t i = 3; i < l->n; i++) {
		const char *v;
		if (strcmp(l->w[i], "required") == 0)
			f->required = 1;
		else if ((v = kv(l->w[i], "title"))) {
			free(f->title);
			f->title = xstrdup(v);
		}
		else if ((v = kv(l->w[i], "measure")) && f->type == LF_NUMBER) {
			if (!(f->measure = measure_find(v, err)))
				return kfq_err_prefix(err, "%s:%zu: field \"%s\"", l->path, l->no, f->name);
		} else if ((v = kv(l->w[i], "choices")) && f->type == LF_CHOICE) {
			for (size_t k = 0; k < f->nchoices; k++)
				free(f->choices[k]);
			free(f->choices);
			f->choices = split_list(v, &f->nchoices);
		}
		else
			return kfq_error(err, "%s:%zu: field \"%s\": \"%s\" is not something a %s field "
			                 "takes (required, title=…%s)", l->path, l->no, f->name, l->w[i],
			                 LEDGER_TYPES[t], t == LF_NUMBER ? ", measure=…" :
			                 t == LF_CHOICE ? ", choices=a|b|…" : "");
	}
	if (f->type == LF_NUMBER && !f->measure)
		return kfq_error(err, "%s:%zu: number field \"%s\" needs measure=… (万元, 平方米, 个 …)",
		                 l->path, l->no, f->name);
	if (f->type == LF_CHOICE && !f->nchoices)
		return kfq_error(err, "%s:%zu: choice field \"%s\" needs choices=a|b|…", l->path, l->no,
		                 f->name);
	for (size_t i = 0; i < f->nchoices; i++)
		if (!*f->choices[i])
			return kfq_error(err, "%s:%zu: choice field \"%s\": an empty choice", l->path, l->no,
			                 f->name);
	return 0;
}

static int st_key(struct ledger_def *d, struct line *l, struct kfq_err *err)
{
	if (d->nkey)
		return kfq_error(err, "%s:%zu: a second \"key\" line", l->path, l->no);
	if (l->n < 2 || l->n > 1 + sizeof d->key / sizeof d->key[0])
		return kfq_error(err, "%s:%zu: expected \"key FIELD [FIELD …]\" (one to 8 fields)",
		                 l->path, l->no);
	for (size_t i = 1; i < l->n; i++) {
		long f = ledger_field_find(d, l->w[i]);
		if (f < 0)
			return kfq_error(err, "%s:%zu: key field \"%s\" is not defined above", l->path,
			                 l->no, l->w[i]);
		if (!d->f[f].required)
			return kfq_error(err, "%s:%zu: key field \"%s\" must be required", l->path, l->no,
			                 l->w[i]);
		d->key[d->nkey++] = (size_t)f;
	}
	return 0;
}

static int field_of(struct ledger_def *d, struct line *l, const char *code, const char *what,
                    const char *name, enum lf_type type, long *out, struct kfq_err *err)
{
	long f = ledger_field_find(d, name);
	if (f < 0)
		return kfq_error(err, "%s:%zu: figure %s: %s=\"%s\" is not a field of the ledger",
		                 l->path, l->no, code, what, name);
	if (d->f[f].type != type)
		return kfq_error(err, "%s:%zu: figure %s: %s=%s is a %s field, not a %s field",
		                 l->path, l->no, code, what, name, LEDGER_TYPES[d->f[f].type],
		                 LEDGER_TYPES[type]);
	*out = f;
	return 0;
}

static struct ledger_figure *fig_new(struct ledger_def *d, struct line *l, struct kfq_err *err)
{
	struct ledger_figure *g;
	if (l->n < 2 || !is_ident(l->w[1])) {
		kfq_error(err, "%s:%zu: expected \"%s CODE ...\" with CODE an indicator code (letters, "
		          "digits and _)", l->path, l->no, l->w[0]);
		return NULL;
	}
	if (fig_find(d, l->w[1]) >= 0) {
		kfq_error(err, "%s:%zu: figure %s is already defined", l->path, l->no, l->w[1]);
		return NULL;
	}
	d->fig = xrealloc(d->fig, (d->nfig + 1) * sizeof *d->fig);
	g = &d->fig[d->nfig++];
	memset(g, 0, sizeof *g);
	g->code = xstrdup(l->w[1]);
	g->sum_field = g->date_field = g->until_field = g->unit_field = -1;
	g->decimals = -1;
	g->line = l->no;
	return g;
}

/* The words figures and ratios share: title, en, measure, decimals. */
static int fig_common(struct ledger_figure *g, struct line *l, const char *w, int *taken,
                      struct kfq_err *err)
{
	const char *v;
	*taken = 1;
	if ((v = kv(w, "title"))) {
		free(g->title);
		g->title = xstrdup(v);
	} else if ((v = kv(w, "en"))) {
		free(g->title_en);
		g->title_en = xstrdup(v);
	}
	else if ((v = kv(w, "measure"))) {
		if (!(g->measure = measure_find(v, err)))
			return kfq_err_prefix(err, "%s:%zu: figure %s", l->path, l->no, g->code);
	} else if ((v = kv(w, "decimals"))) {
		if (strlen(v) != 1 || *v < '0' || *v > '6')
			return kfq_error(err, "%s:%zu: figure %s: decimals=\"%s\": expected 0 to 6",
			                 l->path, l->no, g->code, v);
		g->decimals = *v - '0';
	} else
		*taken = 0;
	return 0;
}

static int st_figure(struct ledger_def *d, struct line *l, struct kfq_err *err)
{
	struct ledger_figure *g = fig_new(d, l, err);
	int have_kind = 0;
	if (!g)
		return -1;
	for (size_t i = 2; i < l->n; i++) {
		const char *w = l->w[i], *v;
		int taken;
		if (fig_common(g, l, w, &taken, err) < 0)
			return -1;
		if (taken)
			continue;
		if (strcmp(w, "count") == 0) {
			g->kind = LFIG_COUNT;
			have_kind = 1;
		} else if ((v = kv(w, "sum"))) {
			g->kind = LFIG_SUM;
			have_kind = 1;
			if (field_of(d, l, g->code, "sum", v, LF_NUMBER, &g->sum_field, err) < 0)
				return -1;
		} else if (strcmp(w, "stock") == 0)
			g->stock = 1;
		else if (strcmp(w, "flow") == 0)
			g->stock = 0;
		else if ((v = kv(w, "date"))) {
			if (field_of(d, l, g->code, "date", v, LF_DATE, &g->date_field, err) < 0)
				return -1;
		} else if ((v = kv(w, "until"))) {
			if (field_of(d, l, g->code, "until", v, LF_DATE, &g->until_field, err) < 0)
				return -1;
		} else if ((v = kv(w, "unit"))) {
			if (field_of(d, l, g->code, "unit", v, LF_UNIT, &g->unit_field, err) < 0)
				return -1;
		} else if (strncmp(w, "where.", 6) == 0 && (v = strchr(w, '='))) {
			char name[64];
			long f;
			struct ledger_where *wh;
			snprintf(name, sizeof name, "%.*s", (int)(v - w - 6), w + 6);
			if ((f = ledger_field_find(d, name)) < 0)
				return kfq_error(err, "%s:%zu: figure %s: where.%s: \"%s\" is not a field of "
				                 "the ledger", l->path, l->no, g->code, name, name);
			g->where = xrealloc(g->where, (g->nwhere + 1) * sizeof *g->where);
			wh = &g->where[g->nwhere++];
			wh->field = (size_t)f;
			wh->values = split_list(v + 1, &wh->n);
			for (size_t k = 0; k < wh->n; k++) {
				char buf[512];
				struct ledger_field probe = d->f[f];
				probe.required = 1;
				if (d->f[f].type == LF_UNIT || d->f[f].type == LF_TEXT)
					continue;
				if (ledger_value(&probe, wh->values[k], NULL, buf, sizeof buf, err) < 0)
					return kfq_err_prefix(err, "%s:%zu: figure %s: where.%s", l->path, l->no,
					                      g->code, name);
				free(wh->values[k]);
				wh->values[k] = xstrdup(buf);
			}
		} else
			return kfq_error(err, "%s:%zu: figure %s: \"%s\" is not something a figure takes "
			                 "(count, sum=FIELD, flow, stock, date=FIELD, until=FIELD, "
			                 "unit=FIELD, where.FIELD=V|V, measure=, decimals=, title=, en=)",
			                 l->path, l->no, g->code, w);
	}
	if (!have_kind)
		return kfq_error(err, "%s:%zu: figure %s: say what it is: count, or sum=FIELD", l->path,
		                 l->no, g->code);
	if (g->date_field < 0)
		return kfq_error(err, "%s:%zu: figure %s needs date=FIELD: the date field that places a "
		                 "row in a month", l->path, l->no, g->code);
	if (g->until_field >= 0 && !g->stock)
		return kfq_error(err, "%s:%zu: figure %s: until= is for a stock figure (rows standing "
		                 "at the period's end)", l->path, l->no, g->code);
	if (!g->measure)
		return kfq_error(err, "%s:%zu: figure %s needs measure=… (家, 个, 万元 …)", l->path,
		                 l->no, g->code);
	if (g->kind == LFIG_SUM) {
		struct kfq_err e2;
		if (measure_compatible(d->f[g->sum_field].measure, g->measure, &e2) < 0)
			return kfq_error(err, "%s:%zu: figure %s: %s", l->path, l->no, g->code, e2.msg);
	} else if (!strcmp(g->measure->family, "元") || !strcmp(g->measure->family, "美元") ||
	           !strcmp(g->measure->family, "%"))
		return kfq_error(err, "%s:%zu: figure %s counts rows: measure %s is not a count (家, "
		                 "个, 项 …)", l->path, l->no, g->code, g->measure->name);
	if (g->unit_field < 0)
		for (size_t i = 0; i < d->nf; i++)
			if (d->f[i].type == LF_UNIT) {
				g->unit_field = (long)i;
				break;
			}
	if (g->decimals < 0)
		g->decimals = g->kind == LFIG_COUNT ? 0 : 2;
	if (!g->title)
		g->title = xstrdup(g->code);
	return 0;
}

static int st_ratio(struct ledger_def *d, struct line *l, struct kfq_err *err)
{
	struct ledger_figure *g = fig_new(d, l, err);
	if (!g)
		return -1;
	g->kind = LFIG_RATIO;
	for (size_t i = 2; i < l->n; i++) {
		const char *w = l->w[i], *v;
		int taken;
		long f;
		dec s;
		if (fig_common(g, l, w, &taken, err) < 0)
			return -1;
		if (taken)
			continue;
		if ((v = kv(w, "num")) || (v = kv(w, "den"))) {
			if ((f = fig_find(d, v)) < 0 || d->fig[f].kind == LFIG_RATIO)
				return kfq_error(err, "%s:%zu: ratio %s: %.3s=%s is not a count or sum figure "
				                 "defined above", l->path, l->no, g->code, w, v);
			char **to = w[0] == 'n' ? &g->num : &g->den;
			free(*to);
			*to = xstrdup(v);
		} else if ((v = kv(w, "scale"))) {
			if (dec_parse(v, 0, &s, err) < 0 || s <= 0)
				return kfq_error(err, "%s:%zu: ratio %s: scale=\"%s\": expected a positive "
				                 "number (100 for a percentage)", l->path, l->no, g->code, v);
			free(g->scale);
			g->scale = xstrdup(v);
		} else
			return kfq_error(err, "%s:%zu: ratio %s: \"%s\" is not something a ratio takes "
			                 "(num=CODE, den=CODE, scale=, measure=, decimals=, title=, en=)",
			                 l->path, l->no, g->code, w);
	}
	if (!g->num || !g->den)
		return kfq_error(err, "%s:%zu: ratio %s needs num=CODE and den=CODE", l->path, l->no,
		                 g->code);
	if (!g->measure)
		return kfq_error(err, "%s:%zu: ratio %s needs measure=… (%% for a percentage)", l->path,
		                 l->no, g->code);
	if (g->decimals < 0)
		g->decimals = 1;
	if (!g->scale)
		g->scale = xstrdup("1");
	if (!g->title)
		g->title = xstrdup(g->code);
	return 0;
}

static const struct {
	const char *word;
	int (*fn)(struct ledger_def *d, struct line *l, struct kfq_err *err);
} STATEMENTS[] = {
	{ "ledger", st_ledger }, { "field", st_field }, { "key", st_key },
	{ "figure", st_figure }, { "ratio", st_ratio },
};

int ledger_def_parse(const char *path, const char *text, size_t len, struct ledger_def *d,
                     struct kfq_err *err)
{
	struct line l = { .path = path };
	size_t at = 0;
	memset(d, 0, sizeof *d);
	if (text_utf8_end(text, len) != len)
		return kfq_error(err, "%s: not UTF-8 text (byte %zu)", path, text_utf8_end(text, len) + 1);
	while (at < len) {
		const char *nl = memchr(text + at, '\n', len - at);
		size_t n = nl ? (size_t)(nl - text - at) : len - at;
		char *s = xstrndup(text + at, n);
		int rc = 0, known = 0;
		l.no++;
		at += n + 1;
		if (memchr(text + at - n - 1, 0, n)) {
			free(s);
			return kfq_error(err, "%s:%zu: a NUL byte", path, l.no);
		}
		if (split_words(s, &l, err) < 0) {
			free(s);
			return -1;
		}
		if (l.n) {
			if (!d->name && strcmp(l.w[0], "ledger") != 0)
				rc = kfq_error(err, "%s:%zu: the first statement must be \"ledger NAME "
				               "title=...\"", path, l.no);
			for (size_t i = 0; rc == 0 && !known && i < sizeof STATEMENTS / sizeof STATEMENTS[0];
			     i++)
				if (strcmp(l.w[0], STATEMENTS[i].word) == 0) {
					known = 1;
					rc = STATEMENTS[i].fn(d, &l, err);
				}
			if (rc == 0 && !known)
				rc = kfq_error(err, "%s:%zu: unknown statement \"%s\" (expected ledger, field, "
				               "key, figure or ratio)", path, l.no, l.w[0]);
		}
		free(s);
		if (rc < 0)
			return -1;
	}
	if (!d->name)
		return kfq_error(err, "%s: no \"ledger NAME\" line", path);
	if (!d->nf)
		return kfq_error(err, "%s: ledger %s has no fields", path, d->name);
	if (!d->nkey)
		return kfq_error(err, "%s: ledger %s has no \"key\" line (the fields that tell its rows "
		                 "apart)", path, d->name);
	return 0;
}

void ledger_def_release(struct ledger_def *d)
{
	for (size_t i = 0; i < d->nf; i++) {
		free(d->f[i].name);
		free(d->f[i].title);
		for (size_t k = 0; k < d->f[i].nchoices; k++)
			free(d->f[i].choices[k]);
		free(d->f[i].choices);
	}
	for (size_t i = 0; i < d->nfig; i++) {
		struct ledger_figure *g = &d->fig[i];
		for (size_t w = 0; w < g->nwhere; w++) {
			for (size_t k = 0; k < g->where[w].n; k++)
				free(g->where[w].values[k]);
			free(g->where[w].values);
		}
		free(g->where);
		free(g->code);
		free(g->title);
		free(g->title_en);
		free(g->num);
		free(g->den);
		free(g->scale);
	}
	free(d->f);
	free(d->fig);
	free(d->name);
	free(d->title);
	free(d->title_en);
	memset(d, 0, sizeof *d);
}
