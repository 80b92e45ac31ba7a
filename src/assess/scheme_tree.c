/* scheme_tree.c: the tree of an assessment scheme, built and checked once
 * every line has been read (see scheme.h): parents resolved, cycles, pillars
 * without children, the weights under each node summing to exactly 100, the
 * leaves (input columns) and a post order. Also the look-ups on a parsed
 * scheme. Depends on base only. */
#include "assess/scheme.h"
#include "assess/scheme_part.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/sbuf.h"
#include "base/xalloc.h"

static char *dec_text(dec v, char *buf, size_t n)
{
	dec_format(v, 0, -1, buf, n);
	return buf;
}

static int node_error(const struct as_scheme *s, int line, struct kfq_err *err,
                      const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static int node_error(const struct as_scheme *s, int line, struct kfq_err *err,
                      const char *fmt, ...)
{
	char what[1536];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	return kfq_error(err, "%s:%d: %s", s->file, line, what);
}

/* The sum of weights w[] of the children of `parent` (-1 = root) must be
 * 100; rg names the region (NULL: the base weights), wline the region's
 * weights statement. */
static int check_weights(const struct as_scheme *s, const dec *w, const char *rg, int wline,
                         int parent, const size_t *kids, size_t n, struct kfq_err *err)
{
	dec sum = 0;
	struct sbuf lines, what;
	char b[64];
	for (size_t i = 0; i < n; i++)
		if (dec_add(sum, w[kids[i]], &sum) != 0)
			return node_error(s, rg ? wline : s->nodes[kids[i]].line, err,
			                  "weights too large");
	if (sum == 100 * DEC_ONE)
		return 0;
	sbuf_init(&lines);
	sbuf_init(&what);
	for (size_t i = 0; i < n; i++)
		sbuf_addf(&lines, "%s%d", i ? ", " : "", s->nodes[kids[i]].line);
	if (rg)
		sbuf_addf(&what, "region %s: ", rg);
	if (parent < 0)
		sbuf_adds(&what, "the weights of the top-level pillars and indicators");
	else
		sbuf_addf(&what, "the weights of the children of pillar %s", s->nodes[parent].code);
	if (rg)
		sbuf_addf(&lines, "; overrides at line %d", wline);
	node_error(s, rg ? wline : parent < 0 ? s->nodes[kids[0]].line : s->nodes[parent].line,
	           err, "%s sum to %s (lines %s): expected 100", what.buf,
	           dec_text(sum, b, sizeof b), lines.buf);
	sbuf_release(&lines);
	sbuf_release(&what);
	return -1;
}

/* Every node's children's weights w[] sum to 100. */
static int check_all(const struct as_scheme *s, const dec *w, const char *rg, int wline,
                     struct kfq_err *err)
{
	if (check_weights(s, w, rg, wline, -1, s->roots, s->n_roots, err) != 0)
		return -1;
	for (size_t i = 0; i < s->n_nodes; i++)
		if (s->nodes[i].kind == AS_PILLAR &&
		    check_weights(s, w, rg, wline, (int)i, s->nodes[i].children,
		                  s->nodes[i].n_children, err) != 0)
			return -1;
	return 0;
}

int as_scheme_tree(struct as_scheme *s, char *const *parents, struct kfq_err *err)
{
	size_t n = s->n_nodes;
	/* parents */
	for (size_t i = 0; i < n; i++) {
		const char *pc = parents[i];
		if (!pc)
			continue;
		int j = as_scheme_find(s, pc);
		if (j < 0)
			return node_error(s, s->nodes[i].line, err, "%s: parent \"%s\": no pillar of "
			                  "that code in the scheme", s->nodes[i].code, pc);
		if (s->nodes[j].kind != AS_PILLAR)
			return node_error(s, s->nodes[i].line, err, "%s: parent \"%s\" is an "
			                  "indicator (line %d): expected a pillar", s->nodes[i].code,
			                  pc, s->nodes[j].line);
		s->nodes[i].parent = j;
	}
	/* cycles: walking up from any node must reach the root within n steps */
	for (size_t i = 0; i < n; i++) {
		int at = (int)i;
		size_t steps = 0;
		while (at >= 0 && steps <= n) {
			at = s->nodes[at].parent;
			steps++;
		}
		if (at >= 0) {
			struct sbuf path;
			sbuf_init(&path);
			sbuf_adds(&path, s->nodes[i].code);
			at = s->nodes[i].parent;
			for (size_t k = 0; k < n && at != (int)i; k++) {
				sbuf_addf(&path, " → %s", s->nodes[at].code);
				at = s->nodes[at].parent;
			}
			sbuf_addf(&path, " → %s", s->nodes[i].code);
			node_error(s, s->nodes[i].line, err, "pillar %s: parents form a cycle (%s): "
			           "expected a tree", s->nodes[i].code, path.buf);
			sbuf_release(&path);
			return -1;
		}
	}
	/* children, leaves, depths */
	size_t nroots = 0, nleaves = 0;
	for (size_t i = 0; i < n; i++) {
		struct as_node *nd = &s->nodes[i];
		if (nd->parent < 0)
			nroots++;
		else
			s->nodes[nd->parent].n_children++;
		if (nd->kind == AS_INDICATOR)
			nleaves++;
	}
	if (nleaves == 0)
		return node_error(s, s->code_line, err, "scheme %s has no indicator: expected at "
		                  "least one indicator statement", s->code);
	s->roots = xcalloc(nroots, sizeof *s->roots);
	s->leaves = xcalloc(nleaves, sizeof *s->leaves);
	for (size_t i = 0; i < n; i++) {
		struct as_node *nd = &s->nodes[i];
		if (nd->kind == AS_PILLAR) {
			if (nd->n_children == 0)
				return node_error(s, nd->line, err, "pillar %s has no children: expected "
				                  "pillars or indicators with parent=%s", nd->code,
				                  nd->code);
			nd->children = xcalloc(nd->n_children, sizeof *nd->children);
			nd->n_children = 0;
		}
	}
	for (size_t i = 0; i < n; i++) {
		struct as_node *nd = &s->nodes[i];
		if (nd->parent < 0) {
			s->roots[s->n_roots++] = i;
		} else {
			struct as_node *pa = &s->nodes[nd->parent];
			pa->children[pa->n_children++] = i;
		}
		if (nd->kind == AS_INDICATOR) {
			nd->leaf = (int)s->n_leaves;
			s->leaves[s->n_leaves++] = i;
		}
		nd->wnorm = (double)nd->weight / (100.0 * DEC_ONE);
		nd->depth = 0;
		for (int at = (int)i; at >= 0; at = s->nodes[at].parent)
			nd->depth++;
	}
	/* post order: the deepest nodes first, so every child comes before its parent */
	s->post = xcalloc(n, sizeof *s->post);
	size_t npost = 0;
	for (int d = 0; (size_t)d <= n; d++)
		for (size_t i = 0; i < n; i++)
			if (s->nodes[i].depth == (int)n + 1 - d)
				s->post[npost++] = i;
	/* weights */
	dec *w = xcalloc(n, sizeof *w);
	for (size_t i = 0; i < n; i++)
		w[i] = s->nodes[i].weight;
	int rc = check_all(s, w, NULL, 0, err);
	free(w);
	return rc;
}

int as_scheme_regions(struct as_scheme *s, const struct as_wstmt *ws, size_t nw,
                      struct kfq_err *err)
{
	size_t n = s->n_nodes;
	s->wnorm = xcalloc(n ? n : 1, sizeof *s->wnorm);
	for (size_t i = 0; i < n; i++)
		s->wnorm[i] = s->nodes[i].wnorm;
	for (size_t k = 0; k < s->n_regions; k++) {
		struct as_region *rg = &s->regions[k];
		rg->weight = xcalloc(n ? n : 1, sizeof *rg->weight);
		rg->wnorm = xcalloc(n ? n : 1, sizeof *rg->wnorm);
		for (size_t i = 0; i < n; i++) {
			rg->weight[i] = s->nodes[i].weight;
			rg->wnorm[i] = s->nodes[i].wnorm;
		}
	}
	for (size_t k = 0; k < nw; k++) {
		const struct as_wstmt *x = &ws[k];
		if (!s->n_regions)
			return node_error(s, x->line, err, "weights: region \"%s\": the scheme has no "
			                  "regions statement: expected \"regions group=A,B,...\" first",
			                  x->region);
		int r = as_scheme_region(s, x->region);
		if (r < 0) {
			struct sbuf names;
			sbuf_init(&names);
			for (size_t q = 0; q < s->n_regions; q++)
				sbuf_addf(&names, "%s%s", q ? ", " : "", s->regions[q].code);
			node_error(s, x->line, err, "weights: region \"%s\": not in the regions "
			           "statement (line %d): expected one of %s", x->region,
			           s->regions_line, names.buf);
			sbuf_release(&names);
			return -1;
		}
		struct as_region *rg = &s->regions[r];
		rg->line = x->line;
		for (size_t q = 0; q < x->n; q++) {
			int i = as_scheme_find(s, x->codes[q]);
			if (i < 0)
				return node_error(s, x->line, err, "weights region=%s: \"%s\": no pillar "
				                  "or indicator of that code in the scheme", x->region,
				                  x->codes[q]);
			rg->weight[i] = x->w[q];
		}
		if (check_all(s, rg->weight, rg->code, rg->line, err) != 0)
			return -1;
		for (size_t i = 0; i < n; i++)
			rg->wnorm[i] = (double)rg->weight[i] / (100.0 * DEC_ONE);
	}
	return 0;
}

int as_scheme_region(const struct as_scheme *s, const char *code)
{
	if (!code)
		return -1;
	for (size_t k = 0; k < s->n_regions; k++)
		if (strcmp(s->regions[k].code, code) == 0)
			return (int)k;
	return -1;
}

const double *as_scheme_wnorm(const struct as_scheme *s, int r)
{
	return r >= 0 && (size_t)r < s->n_regions ? s->regions[r].wnorm : s->wnorm;
}

double as_node_share_in(const struct as_scheme *s, int r, size_t i)
{
	const double *wn = as_scheme_wnorm(s, r);
	double w = 1;
	for (int at = (int)i; at >= 0; at = s->nodes[at].parent)
		w *= wn[at];
	return w;
}

int as_scheme_find(const struct as_scheme *s, const char *code)
{
	for (size_t i = 0; i < s->n_nodes; i++)
		if (strcmp(s->nodes[i].code, code) == 0)
			return (int)i;
	return -1;
}

const char *as_node_label(const struct as_node *n)
{
	return n->name && n->name[0] ? n->name : n->code;
}

double as_node_share(const struct as_scheme *s, size_t i)
{
	double w = 1;
	for (int at = (int)i; at >= 0; at = s->nodes[at].parent)
		w *= s->nodes[at].wnorm;
	return w;
}
