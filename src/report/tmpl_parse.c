/* tmpl_parse.c: a report template's text into nodes (see template.h and
 * docs/reports.md): text, {{references}}, {{#if}} {{else}} {{/if}} paired
 * on a stack, {{! comments}} dropped. A line holding nothing but a block
 * tag or a comment leaves no blank line behind. Every error names the
 * file and the line. Depends on base and report/tmpl_part.h. */
#include "report/tmpl_part.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/sbuf.h"
#include "base/xalloc.h"

static struct tnode *add_node(struct tmpl *t, size_t *cap, enum tnode_kind k, int line)
{
	struct tnode *n;
	if (t->n == *cap) {
		*cap = *cap ? *cap * 2 : 32;
		t->v = xrealloc(t->v, *cap * sizeof *t->v);
	}
	n = &t->v[t->n++];
	memset(n, 0, sizeof *n);
	n->kind = k;
	n->line = line;
	return n;
}

/* The words of a tag's inside [s, e): split at spaces, "quoted words"
 * kept whole (without their quotes). -1 for an unclosed quote. */
static int split_words(const char *s, const char *e, struct tnode *n)
{
	size_t cap = 0;
	while (s < e) {
		const char *b;
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
			s++;
			continue;
		}
		if (n->nw == cap) {
			cap = cap ? cap * 2 : 8;
			n->w = xrealloc(n->w, cap * sizeof *n->w);
		}
		if (*s == '"') {
			b = ++s;
			while (s < e && *s != '"')
				s++;
			if (s == e)
				return -1;
			n->w[n->nw++] = xstrndup(b, (size_t)(s - b));
			s++;
			continue;
		}
		b = s;
		while (s < e && *s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			s++;
		n->w[n->nw++] = xstrndup(b, (size_t)(s - b));
	}
	return 0;
}

static int lines_in(const char *s, const char *e)
{
	int k = 0;
	for (; s < e; s++)
		k += *s == '\n';
	return k;
}

/* Whether [s, e) is spaces and tabs only. */
static int blank(const char *s, const char *e)
{
	for (; s < e; s++)
		if (*s != ' ' && *s != '\t' && *s != '\r')
			return 0;
	return 1;
}

int tmpl_parse(const char *name, const char *text, struct tmpl **out, struct kfq_err *err)
{
	struct tmpl *t = xcalloc(1, sizeof *t);
	size_t cap = 0, *stack = NULL, depth = 0, scap = 0;
	const char *p = text;
	int line = 1;

	t->name = xstrdup(name);
	t->text = xstrdup(text);
	while (*p) {
		const char *open = strstr(p, "{{"), *close, *in, *in_end, *ls, *after;
		struct tnode *n;
		int tline, control;

		if (!open) {
			add_node(t, &cap, TN_TEXT, line)->text = xstrdup(p);
			break;
		}
		tline = line + lines_in(p, open);
		close = strstr(open + 2, "}}");
		if (!close) {
			kfq_error(err, "%s:%d: %s (expected %s)", name, tline, "\"{{\" is not closed",
			          "\"}}\" on the same tag");
			goto fail;
		}
		in = open + 2;
		in_end = close;
		while (in < in_end && (*in == ' ' || *in == '\t'))
			in++;
		control = *in == '#' || *in == '/' || *in == '!' ||
		          (in_end - in >= 4 && strncmp(in, "else", 4) == 0 && blank(in + 4, in_end));
		after = close + 2;
		/* A control tag alone on its line takes the line with it. */
		ls = open;
		while (ls > text && ls[-1] != '\n')
			ls--;
		if (control && ls >= p && blank(ls, open)) {
			const char *le = after;
			while (*le == ' ' || *le == '\t' || *le == '\r')
				le++;
			if (*le == '\n' || !*le)
				after = *le ? le + 1 : le;
			else
				ls = open;
		} else
			ls = open;
		if (ls > p)
			add_node(t, &cap, TN_TEXT, line)->text = xstrndup(p, (size_t)(ls - p));
		line = tline + lines_in(open, after);
		p = after;
		if (*in == '!')
			continue;
		if (*in == '#') {
			if (in_end - in < 3 || strncmp(in, "#if", 3) != 0 ||
			    !(in[3] == ' ' || in[3] == '\t' || in + 3 == in_end)) {
				kfq_error(err, "%s:%d: %s (expected %s)", name, tline, "unknown block",
				          "{{#if CONDITION}}, {{else}}, {{/if}}");
				goto fail;
			}
			n = add_node(t, &cap, TN_IF, tline);
			if (split_words(in + 3, in_end, n) < 0 || n->nw == 0) {
				kfq_error(err, "%s:%d: %s (expected %s)", name, tline,
				          "{{#if}} without a condition", "{{#if taxable_sales growth > 8}}");
				goto fail;
			}
			if (depth == scap) {
				scap = scap ? scap * 2 : 8;
				stack = xrealloc(stack, scap * sizeof *stack);
			}
			stack[depth++] = t->n - 1;
			t->v[t->n - 1].mid = t->n - 1;
			continue;
		}
		if (*in == '/' || strncmp(in, "else", 4) == 0) {
			int is_else = *in != '/';
			if (!is_else && !(blank(in + 1, in_end) || (in_end - in >= 3 &&
			    strncmp(in, "/if", 3) == 0 && blank(in + 3, in_end)))) {
				kfq_error(err, "%s:%d: %s (expected %s)", name, tline, "unknown block end",
				          "{{/if}}");
				goto fail;
			}
			if (depth == 0) {
				kfq_error(err, "%s:%d: %s (expected %s)", name, tline,
				          is_else ? "{{else}} outside {{#if}}" : "{{/if}} without {{#if}}",
				          "{{#if ...}} before it");
				goto fail;
			}
			n = add_node(t, &cap, is_else ? TN_ELSE : TN_END, tline);
			if (is_else) {
				struct tnode *f = &t->v[stack[depth - 1]];
				if (f->mid != stack[depth - 1]) {
					kfq_error(err, "%s:%d: %s (expected %s)", name, tline,
					          "a second {{else}}", "one {{else}} in an {{#if}}");
					goto fail;
				}
				f->mid = t->n - 1;
			} else {
				struct tnode *f = &t->v[stack[--depth]];
				if (f->mid == (size_t)(f - t->v))
					f->mid = t->n - 1;
				f->end = t->n - 1;
			}
			continue;
		}
		n = add_node(t, &cap, TN_REF, tline);
		if (split_words(in, in_end, n) < 0) {
			kfq_error(err, "%s:%d: %s (expected %s)", name, tline, "a quote is not closed",
			          "\"name\" in quotes");
			goto fail;
		}
		if (n->nw == 0) {
			kfq_error(err, "%s:%d: %s (expected %s)", name, tline, "an empty {{}}",
			          "a reference such as {{taxable_sales ytd}}");
			goto fail;
		}
	}
	if (depth) {
		kfq_error(err, "%s:%d: %s (expected %s)", name, t->v[stack[depth - 1]].line,
		          "{{#if}} is not closed", "{{/if}} after it");
		goto fail;
	}
	free(stack);
	*out = t;
	return 0;
fail:
	free(stack);
	tmpl_free(t);
	return -1;
}

const char *tmpl_file(const struct tmpl *t)
{
	return t->name;
}

void tmpl_free(struct tmpl *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->n; i++) {
		free(t->v[i].text);
		for (size_t k = 0; k < t->v[i].nw; k++)
			free(t->v[i].w[k]);
		free(t->v[i].w);
	}
	free(t->v);
	free(t->name);
	free(t->text);
	free(t);
}

int tmpl_load(const char *path, struct tmpl **out, struct kfq_err *err)
{
	FILE *fp = fopen(path, "rb");
	struct sbuf sb;
	char buf[8192];
	size_t got;
	int rc;
	if (!fp)
		return kfq_error(err, "%s: cannot open: %s", path, strerror(errno));
	sbuf_init(&sb);
	while ((got = fread(buf, 1, sizeof buf, fp)) > 0)
		sbuf_add(&sb, buf, got);
	if (ferror(fp)) {
		rc = kfq_error(err, "%s: cannot read: %s", path, strerror(errno));
		fclose(fp);
		sbuf_release(&sb);
		return rc;
	}
	fclose(fp);
	if (strlen(sb.buf) != sb.len) {
		sbuf_release(&sb);
		return kfq_error(err, "%s: %s (expected %s)", path, "a NUL byte in the template",
		                 "UTF-8 text");
	}
	rc = tmpl_parse(path, sb.buf, out, err);
	sbuf_release(&sb);
	return rc;
}
