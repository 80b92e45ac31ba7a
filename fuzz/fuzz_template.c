/* fuzz_template.c: libFuzzer harness for the report template parser
 * (report/tmpl_parse.c). Parses arbitrary bytes as a template. An error
 * must name the file and a line within the input; a template that parses
 * must be well formed: every {{#if}} with its {{else}} (or none) before
 * its {{/if}}, blocks nested inside their parent, each node's line within
 * the input, every reference with words, and the text nodes with the tags'
 * text together no longer than the input. Depends only on report/tmpl_part.h
 * and base. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/tmpl_part.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	struct kfq_err err = { 0 };
	struct tmpl *t = NULL;
	int lines = 1;
	size_t textlen = 0;

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	for (size_t i = 0; i < size && text[i]; i++)
		lines += text[i] == '\n';
	if (tmpl_parse("fuzz.tmpl", text, &t, &err) < 0) {
		int line = 0;
		if (strncmp(err.msg, "fuzz.tmpl:", 10) != 0 || sscanf(err.msg + 10, "%d", &line) != 1 ||
		    line < 1 || line > lines || err.kind != KFQ_EUSER)
			abort();
		free(text);
		return 0;
	}
	for (size_t i = 0; i < t->n; i++) {
		const struct tnode *n = &t->v[i];
		if (n->line < 1 || n->line > lines)
			abort();
		switch (n->kind) {
		case TN_TEXT:
			if (!n->text || !*n->text)
				abort();
			textlen += strlen(n->text);
			break;
		case TN_REF:
		case TN_IF:
			if (n->nw == 0)
				abort();
			for (size_t k = 0; k < n->nw; k++)
				if (!n->w[k])
					abort();
			if (n->kind == TN_IF) {
				if (!(i < n->mid && n->mid <= n->end && n->end < t->n) ||
				    t->v[n->end].kind != TN_END ||
				    (n->mid != n->end && t->v[n->mid].kind != TN_ELSE))
					abort();
				/* a block inside it ends inside it */
				for (size_t k = i + 1; k < n->end; k++)
					if (t->v[k].kind == TN_IF && t->v[k].end >= n->end)
						abort();
			}
			break;
		default:
			break;
		}
	}
	if (textlen > size)
		abort();
	tmpl_free(t);
	free(text);
	return 0;
}
