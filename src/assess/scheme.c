/* scheme.c: parse and check an assessment scheme file (see scheme.h and
 * docs/formats.md, "Assessment schemes"): the file read line by line, each
 * line split into words (scheme_line.c), its first word the statement's
 * keyword. One table says, for each keyword, how many positional words it
 * takes, which keys it accepts, whether it may appear twice and which
 * function fills the scheme: the scheme's own statements are here (scheme,
 * version, name, entities, decimals, aggregate, min_data, impute), the
 * rating and ranking ones in scheme_rank.c, the tree's in scheme_node.c.
 * Everything the tree needs (parents, cycles, children, weight sums) is
 * checked by scheme_tree.c once every line has been read, so a pillar may
 * be declared after its children. Also the names of normalisations,
 * aggregations, imputations and directions, and releasing a scheme.
 * Depends on base only. */
#include "assess/scheme.h"
#include "base/table.h"
#include "assess/scheme_part.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/sbuf.h"
#include "base/xalloc.h"

/* ---- names ---- */

static const char *const norm_names[AS_N_NORMS] = {
	"minmax", "zscore", "rank", "ratio", "target", "goalposts",
};
static const char *const agg_names[] = { "arithmetic", "geometric" };
static const char *const impute_names[] = { "none", "mean", "median", "min" };
static const char *const dir_names[] = { "higher", "lower" };

const char *as_norm_name(enum as_norm n)
{
	return (unsigned)n < AS_N_NORMS ? norm_names[n] : NULL;
}

const char *as_agg_name(enum as_agg a)
{
	return (unsigned)a < 2 ? agg_names[a] : NULL;
}

const char *as_impute_name(enum as_impute i)
{
	return (unsigned)i < 4 ? impute_names[i] : NULL;
}

const char *as_dir_name(enum as_dir d)
{
	return (unsigned)d < 2 ? dir_names[d] : NULL;
}

/* Index of s in names[0..n), or -1. */
static int lookup(const char *const *names, int n, const char *s)
{
	for (int i = 0; i < n; i++)
		if (strcmp(names[i], s) == 0)
			return i;
	return -1;
}

int asp_norm_parse(const char *s)
{
	return lookup(norm_names, AS_N_NORMS, s);
}

int asp_agg_parse(const char *s)
{
	return lookup(agg_names, 2, s);
}

int asp_dir_parse(const char *s)
{
	return lookup(dir_names, 2, s);
}

/* ---- the statements ---- */

struct stmt {
	const char *name;
	int min_pos, max_pos;     /* positional words after the keyword */
	const char *keys;         /* accepted keys, space-separated, for the check and the message */
	int once;                 /* may appear only once */
	int (*fn)(struct parser *, const struct line *, struct kfq_err *);
};

static int st_scheme(struct parser *p, const struct line *l, struct kfq_err *err)
{
	if (asl_check_code(l, "scheme", asl_pos(l, 0), err) != 0)
		return -1;
	p->s->code = xstrdup(asl_pos(l, 0));
	p->s->code_line = l->no;
	return 0;
}

static int st_version(struct parser *p, const struct line *l, struct kfq_err *err)
{
	(void)err;
	p->s->version = xstrdup(asl_pos(l, 0));
	p->s->version_line = l->no;
	return 0;
}

static int st_name(struct parser *p, const struct line *l, struct kfq_err *err)
{
	(void)err;
	p->s->name = xstrdup(asl_pos(l, 0));
	return 0;
}

static int st_entities(struct parser *p, const struct line *l, struct kfq_err *err)
{
	struct as_entities *e = &p->s->entities;
	const char *kind, *v;
	if (asl_require(l, "entities", "kind", &kind, err) != 0 ||
	    asl_check_code(l, "entities kind", kind, err) != 0)
		return -1;
	if ((v = asl_get(l, "under")) && asl_check_code(l, "entities under", v, err) != 0)
		return -1;
	e->kind = xstrdup(kind);
	e->under = v ? xstrdup(v) : NULL;
	e->line = l->no;
	if ((v = asl_get(l, "also"))) {
		e->n_also = asl_split_list(v, &e->also);
		for (size_t i = 0; i < e->n_also; i++)
			if (asl_check_code(l, "entities also", e->also[i], err) != 0)
				return -1;
	}
	return 0;
}

static int st_decimals(struct parser *p, const struct line *l, struct kfq_err *err)
{
	return asl_parse_int(l, "decimals", asl_pos(l, 0), 0, 4, &p->s->decimals, err);
}

int asp_parse_agg(const struct line *l, const char *what, const char *v, enum as_agg *out,
                  struct kfq_err *err)
{
	int i = asp_agg_parse(v);
	if (i < 0)
		return asl_line_error(l, err, "%s: value \"%s\": expected arithmetic or geometric",
		                  what, v);
	*out = (enum as_agg)i;
	return 0;
}

static int st_aggregate(struct parser *p, const struct line *l, struct kfq_err *err)
{
	p->s->aggregate_line = l->no;
	return asp_parse_agg(l, "aggregate", asl_pos(l, 0), &p->s->aggregate, err);
}

static int st_min_data(struct parser *p, const struct line *l, struct kfq_err *err)
{
	dec v;
	if (asl_parse_dec(l, "min_data", asl_pos(l, 0), &v, err) != 0)
		return -1;
	if (v < 0 || v > 100 * DEC_ONE)
		return asl_line_error(l, err, "min_data: value \"%s\": expected a percent from 0 to 100",
		                  asl_pos(l, 0));
	p->s->min_data = v;
	return 0;
}

static int st_impute(struct parser *p, const struct line *l, struct kfq_err *err)
{
	int i = lookup(impute_names, 4, asl_pos(l, 0));
	if (i < 0)
		return asl_line_error(l, err, "impute: value \"%s\": expected none, mean, median or min",
		                  asl_pos(l, 0));
	p->s->impute = (enum as_impute)i;
	return 0;
}

static const struct stmt stmts[] = {
	{ "scheme", 1, 1, "", 1, st_scheme },
	{ "version", 1, 1, "", 1, st_version },
	{ "name", 1, 1, "", 1, st_name },
	{ "entities", 0, 0, "kind under also", 1, st_entities },
	{ "decimals", 1, 1, "", 1, st_decimals },
	{ "aggregate", 1, 1, "", 1, st_aggregate },
	{ "min_data", 1, 1, "", 1, st_min_data },
	{ "impute", 1, 1, "", 1, st_impute },
	{ "classes", 1, 1, "", 1, asp_classes },   /* NAME=VALUE keys, checked by asp_classes */
	{ "exclude", 0, 1, "industry reason", 0, asp_exclude },
	{ "disqualify", 1, 1, "reason", 0, asp_disqualify },
	{ "rule", 0, 0, "last years reason", 0, asp_rule },
	{ "sensitivity", 0, 0, "weights norm agg", 1, asp_sensitivity },
	{ "regions", 0, 0, "group", 1, asp_regions },
	{ "weights", 0, 0, "region", 0, asp_weights },   /* CODE=W keys, checked by asp_weights */
	{ "pillar", 1, 1, "parent weight name agg", 0, asp_pillar },
	{ "indicator", 1, 1,
	  "parent weight name source per dir norm benchmark target lo hi cap winsor", 0,
	  asp_indicator },
};
#define N_STMTS (sizeof stmts / sizeof stmts[0])

/* Is k one of the space-separated words of list? */
static int in_list(const char *list, const char *k)
{
	size_t n = strlen(k);
	for (const char *p = list; *p;) {
		const char *e = strchr(p, ' ');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		if (len == n && memcmp(p, k, n) == 0)
			return 1;
		p += len;
		while (*p == ' ')
			p++;
	}
	return 0;
}

static int run_statement(struct parser *p, const struct line *l, int first,
                         struct kfq_err *err)
{
	const char *kw = l->w[0].value;
	size_t i;
	if (l->w[0].key)
		return asl_line_error(l, err, "\"%s=%s\": expected a statement keyword first",
		                  l->w[0].key, l->w[0].value);
	for (i = 0; i < N_STMTS; i++)
		if (strcmp(stmts[i].name, kw) == 0)
			break;
	if (i == N_STMTS)
		return asl_line_error(l, err, "unknown statement \"%s\": expected scheme, version, name, "
		                  "entities, decimals, aggregate, min_data, impute, classes, "
		                  "exclude, disqualify, rule, sensitivity, regions, weights, pillar or "
		                  "indicator", kw);
	const struct stmt *st = &stmts[i];
	if (first && i != 0)
		return asl_line_error(l, err, "first statement \"%s\": expected \"scheme CODE\" first",
		                  kw);
	if (st->once && p->seen[i])
		return asl_line_error(l, err, "%s given twice (first at line %d): expected it once",
		                  kw, p->seen[i]);
	p->seen[i] = l->no;
	int npos = 0;
	for (size_t j = 1; j < l->n; j++) {
		const struct word *w = &l->w[j];
		if (!w->key) {
			npos++;
			continue;
		}
		if (st->fn != asp_classes && st->fn != asp_weights && !in_list(st->keys, w->key))
			return asl_line_error(l, err, "%s: unknown key \"%s\": expected %s%s", kw, w->key,
			                  *st->keys ? "one of: " : "no keys", st->keys);
		for (size_t k = 1; k < j; k++)
			if (l->w[k].key && strcmp(l->w[k].key, w->key) == 0)
				return asl_line_error(l, err, "%s: key \"%s\" given twice: expected it once",
				                  kw, w->key);
	}
	if (npos < st->min_pos || npos > st->max_pos) {
		if (st->max_pos == 0)
			return asl_line_error(l, err, "%s: word \"%s\": expected only key=value pairs "
			                  "(%s)", kw, asl_pos(l, 0), st->keys);
		if (npos > st->max_pos)
			return asl_line_error(l, err, "%s: extra word \"%s\": expected %d word%s after "
			                  "\"%s\"", kw, asl_pos(l, (size_t)st->max_pos), st->max_pos,
			                  st->max_pos == 1 ? "" : "s", kw);
		return asl_line_error(l, err, "%s: missing value: expected \"%s VALUE\"", kw, kw);
	}
	return st->fn(p, l, err);
}

/* ---- the whole file ---- */

int as_scheme_parse(const char *text, size_t len, const char *file, struct as_scheme *out,
                    struct kfq_err *err)
{
	struct as_scheme s = { 0 };
	struct parser p = { 0 };
	struct line l = { 0 };
	const char *at = text, *end = text + len;
	int first = 1, no = 0, first_line = 1;

	/* UTF-8, with or without the BOM that Windows editors write */
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
		text += 3;
		len -= 3;
		at = text;
	}
	{
		size_t bad = text_utf8_end(text, len), line = 1, col = 1;
		if (bad < len) {
			for (size_t i = 0; i < bad; i++, col++)
				if (text[i] == '\n')
					line++, col = 0;
			return kfq_error(err, "%s:%zu: byte %zu of the line (0x%02X) is not UTF-8 (expected "
			                 "the scheme saved as UTF-8)", file ? file : "(scheme)", line, col,
			                 (unsigned char)text[bad]);
		}
	}
	s.file = xstrdup(file ? file : "(scheme)");
	s.text = xstrndup(text, len);
	s.decimals = 2;
	s.min_data = 100 * DEC_ONE;
	s.sens.weights = 20;
	p.s = &s;
	l.file = s.file;
	memset(out, 0, sizeof *out);
	while (at < end) {
		const char *nl = memchr(at, '\n', (size_t)(end - at));
		const char *eol = nl ? nl : end;
		no++;
		l.no = no;
		if (memchr(at, '\0', (size_t)(eol - at))) {
			asl_line_error(&l, err, "a NUL byte: expected text");
			goto fail;
		}
		if (asl_split_line(&l, at, eol, err) != 0)
			goto fail;
		at = nl ? nl + 1 : end;
		if (l.n == 0)
			continue;
		if (first)
			first_line = no;
		if (run_statement(&p, &l, first, err) != 0)
			goto fail;
		first = 0;
		asl_free_words(&l);
	}
	l.no = first_line;
	if (first) {
		asl_line_error(&l, err, "empty scheme: expected \"scheme CODE\" first");
		goto fail;
	}
	if (!s.version) {
		asl_line_error(&l, err, "scheme %s has no version statement: expected \"version V\"",
		           s.code);
		goto fail;
	}
	if (as_scheme_tree(&s, p.parents, err) != 0 ||
	    as_scheme_regions(&s, p.ws, p.n_ws, err) != 0)
		goto fail;
	for (size_t i = 0; i < s.n_nodes; i++)
		free(p.parents[i]);
	free(p.parents);
	asp_free_ws(&p);
	*out = s;
	return 0;
fail:
	asl_free_words(&l);
	for (size_t i = 0; i < s.n_nodes; i++)
		free(p.parents[i]);
	free(p.parents);
	asp_free_ws(&p);
	as_scheme_release(&s);
	return -1;
}

int as_scheme_load(const char *path, struct as_scheme *out, struct kfq_err *err)
{
	FILE *f = fopen(path, "rb");
	struct sbuf sb;
	char buf[8192];
	size_t n;
	memset(out, 0, sizeof *out);
	if (!f)
		return kfq_error(err, "%s: cannot open the scheme: %s", path, strerror(errno));
	sbuf_init(&sb);
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		sbuf_add(&sb, buf, n);
	if (ferror(f)) {
		int e = errno;
		fclose(f);
		sbuf_release(&sb);
		return kfq_error(err, "%s: cannot read the scheme: %s", path, strerror(e));
	}
	fclose(f);
	int rc = as_scheme_parse(sb.buf ? sb.buf : "", sb.len, path, out, err);
	sbuf_release(&sb);
	return rc;
}

void as_scheme_release(struct as_scheme *s)
{
	free(s->file);
	free(s->text);
	free(s->code);
	free(s->version);
	free(s->name);
	free(s->entities.kind);
	free(s->entities.under);
	asl_free_list(s->entities.also, s->entities.n_also);
	for (size_t i = 0; i < s->n_classes; i++)
		free(s->classes[i].name);
	free(s->classes);
	for (size_t i = 0; i < s->n_exclusions; i++) {
		free(s->exclusions[i].unit);
		free(s->exclusions[i].industry);
		free(s->exclusions[i].reason);
	}
	free(s->exclusions);
	for (size_t i = 0; i < s->n_disqualified; i++) {
		free(s->disqualified[i].unit);
		free(s->disqualified[i].reason);
	}
	free(s->disqualified);
	for (size_t i = 0; i < s->n_rules; i++)
		free(s->rules[i].reason);
	free(s->rules);
	for (size_t i = 0; i < s->n_nodes; i++) {
		struct as_node *n = &s->nodes[i];
		free(n->code);
		free(n->name);
		free(n->children);
		free(n->source);
		free(n->per);
	}
	for (size_t k = 0; k < s->n_regions; k++) {
		free(s->regions[k].code);
		free(s->regions[k].weight);
		free(s->regions[k].wnorm);
	}
	free(s->regions);
	free(s->wnorm);
	free(s->nodes);
	free(s->roots);
	free(s->leaves);
	free(s->post);
	memset(s, 0, sizeof *s);
}
