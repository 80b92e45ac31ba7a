/* tmpl_eval.c: a parsed report template evaluated for a unit and a period
 * into a document (see template.h, docs/reports.md): the text kept, each
 * reference's value written (tmpl_ref.c), tables built (tmpl_table.c), the
 * {{#if}} blocks decided on the data. A figure without a value becomes a
 * visible gap and a warning, never 0; so does a condition that a missing
 * figure leaves undecided. Depends on base, model, calc and report. */
#include "report/tmpl_part.h"

#include <stdlib.h>
#include <string.h>

#include "base/sbuf.h"
#include "base/xalloc.h"

static struct tspan *add_span(struct tmpl_doc *d, enum tspan_kind k, int line)
{
	struct tspan *s;
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 64;
		d->v = xrealloc(d->v, d->cap * sizeof *d->v);
	}
	s = &d->v[d->n++];
	memset(s, 0, sizeof *s);
	s->kind = k;
	s->line = line;
	s->ind = -1;
	return s;
}

static void warn(struct teval *e, const char *ref, const char *why)
{
	struct tmpl_doc *d = e->doc;
	d->warn = xrealloc(d->warn, (d->nwarn + 1) * sizeof *d->warn);
	memset(&d->warn[d->nwarn], 0, sizeof d->warn[d->nwarn]);
	kfq_error(&d->warn[d->nwarn], "%s:%d: %s: %s", e->t->name, e->line, ref, why);
	d->nwarn++;
}

static void add_text(struct teval *e, const char *s)
{
	add_span(e->doc, SP_TEXT, e->line)->text = xstrdup(s);
}

/* ---- conditions ---- */

static const char *const OPS[] = { ">", ">=", "<", "<=", "==", "!=", NULL };

static int is_op(const char *w)
{
	for (int k = 0; OPS[k]; k++)
		if (strcmp(w, OPS[k]) == 0)
			return k;
	return -1;
}

static int compare(dec a, int op, dec b)
{
	switch (op) {
	case 0: return a > b;
	case 1: return a >= b;
	case 2: return a < b;
	case 3: return a <= b;
	case 4: return a == b;
	default: return a != b;
	}
}

#define COND_EXPECTED "REFERENCE OP NUMBER or REFERENCE OP REFERENCE (OP one of > >= < <= == !=), " \
                      "all headline FIGURE OP NUMBER, has REFERENCE, joined by and or by or"

/* One comparison: lhs words [0, nl), op, rhs words. 1 true, 0 false, 2
 * undecided (a figure without a value, named in *missing), -1 error. */
static int compare_refs(struct teval *e, char **l, size_t nl, int op, char **r, size_t nr,
                        char **missing, struct kfq_err *err)
{
	struct tval a, b;
	int rc;
	if (tref_value(e, l, nl, &a, err) < 0)
		return -1;
	if (a.has != 1) {
		rc = a.has == 2 ? teval_error(e, err, "a condition on a figure that is not a number",
		                              "a figure with a numeric value") : 2;
		if (rc == 2 && !*missing)
			*missing = xstrdup(a.ref);
		tval_release(&a);
		return rc;
	}
	if (nr == 1 && !tref_is_source(e, r[0])) {
		dec x;
		struct kfq_err e2 = { 0 };
		if (dec_parse(r[0], a.shift, &x, &e2) < 0) {
			char what[160];
			snprintf(what, sizeof what, "not a number: \"%s\"", r[0]);
			tval_release(&a);
			return teval_error(e, err, what, "a number in the figure's measure, or a reference");
		}
		rc = compare(a.v, op, x);
		tval_release(&a);
		return rc;
	}
	if (tref_value(e, r, nr, &b, err) < 0) {
		tval_release(&a);
		return -1;
	}
	if (b.has != 1) {
		rc = b.has == 2 ? teval_error(e, err, "a condition on a figure that is not a number",
		                              "a figure with a numeric value") : 2;
		if (rc == 2 && !*missing)
			*missing = xstrdup(b.ref);
	} else
		rc = compare(a.v, op, b.v);
	tval_release(&a);
	tval_release(&b);
	return rc;
}

/* One term: [all|any headline] REF OP (NUMBER | REF), or has REF. */
static int term(struct teval *e, char **w, size_t nw, char **missing, struct kfq_err *err)
{
	size_t opat = 0;
	int op = -1, quant = 0;   /* 1 all, 2 any */
	if (nw > 1 && strcmp(w[0], "has") == 0) {
		/* has REFERENCE: whether the figure has a value */
		struct tval v;
		int has;
		if (tref_value(e, w + 1, nw - 1, &v, err) < 0)
			return -1;
		has = v.has != 0;
		tval_release(&v);
		return has;
	}
	if (nw && (strcmp(w[0], "all") == 0 || strcmp(w[0], "any") == 0)) {
		quant = w[0][1] == 'l' ? 1 : 2;
		w++, nw--;
		if (!nw || strcmp(w[0], "headline") != 0)
			return teval_error(e, err, "all or any without headline", COND_EXPECTED);
	}
	for (size_t i = 0; i < nw; i++)
		if ((op = is_op(w[i])) >= 0) {
			opat = i;
			break;
		}
	if (op < 0 || opat == 0 || opat + 1 >= nw)
		return teval_error(e, err, "not a condition", COND_EXPECTED);
	if (!quant)
		return compare_refs(e, w, opat, op, w + opat + 1, nw - opat - 1, missing, err);
	{
		int all = 1, any = 0, undecided = 0, n = 0;
		char *w0 = w[0];
		for (int pos = 1; pos < 100; pos++)
			for (size_t k = 0; k < e->m->inds.n; k++) {
				int rc;
				if (e->m->inds.v[k].headline != pos)
					continue;
				w[0] = e->m->inds.v[k].code;
				rc = compare_refs(e, w, opat, op, w + opat + 1, nw - opat - 1, missing, err);
				w[0] = w0;
				if (rc < 0)
					return -1;
				n++;
				if (rc == 2)
					undecided = 1;
				else if (rc)
					any = 1;
				else
					all = 0;
			}
		if (!n)
			return teval_error(e, err, "no headline indicators",
			                   "indicators with a headline position (kfq bulletin)");
		if (quant == 1)
			return !all ? 0 : undecided ? 2 : 1;
		return any ? 1 : undecided ? 2 : 0;
	}
}

static int condition(struct teval *e, char **w, size_t nw, char **missing, struct kfq_err *err)
{
	int joiner = 0, result = -1;   /* joiner: 1 and, 2 or */
	size_t b = 0;
	for (size_t i = 0; i <= nw; i++) {
		int j = i == nw ? 0 : strcmp(w[i], "and") == 0 ? 1 : strcmp(w[i], "or") == 0 ? 2 : -1;
		int rc;
		if (j < 0)
			continue;
		if (j && joiner && j != joiner)
			return teval_error(e, err, "and and or mixed in one condition",
			                   "only and, or only or (nest {{#if}} blocks for both)");
		if (j)
			joiner = j;
		if ((rc = term(e, w + b, i - b, missing, err)) < 0)
			return -1;
		if (result < 0)
			result = rc;
		else if (joiner == 1)
			result = result == 0 || rc == 0 ? 0 : result == 2 || rc == 2 ? 2 : 1;
		else
			result = result == 1 || rc == 1 ? 1 : result == 2 || rc == 2 ? 2 : 0;
		b = i + 1;
	}
	return result;
}

/* ---- the nodes ---- */

static int eval_ref(struct teval *e, const struct tnode *n, struct kfq_err *err)
{
	const char *w0 = n->w[0];
	char buf[64];
	if (strcmp(w0, "period") == 0 || strcmp(w0, "year") == 0 || strcmp(w0, "month") == 0 ||
	    strcmp(w0, "unit") == 0) {
		if (n->nw > 2 || (n->nw == 2 && !(w0[0] == 'p' && strcmp(n->w[1], "ytd") == 0)))
			return teval_error(e, err, "too many words", "{{period}}, {{period ytd}}, {{year}}, "
			                   "{{month}} or {{unit}}");
		if (w0[0] == 'p') {
			struct period p = n->nw == 2 ? period_ytd(&e->o.period) : e->o.period;
			period_label_zh(&p, buf, sizeof buf);
		} else if (w0[0] == 'y')
			snprintf(buf, sizeof buf, "%d", e->o.period.year);
		else if (w0[0] == 'm')
			snprintf(buf, sizeof buf, "%d", e->o.period.last);
		else
			snprintf(buf, sizeof buf, "%s", e->m->units.v[e->o.unit].name);
		add_text(e, buf);
		return 0;
	}
	if (strcmp(w0, "gap") == 0) {
		struct tspan *s;
		if (n->nw != 3)
			return teval_error(e, err, "gap needs a code and a name",
			                   "{{gap new_hightech_ent \"新认定高新技术企业\"}}");
		s = add_span(e->doc, SP_GAP, n->line);
		s->text = xstrdup(n->w[2]);
		s->ref = xasprintf("gap %s", n->w[1]);
		e->doc->ngaps++;
		warn(e, s->ref, "kfq does not hold this figure");
		return 0;
	}
	if (strcmp(w0, "revised") == 0) {
		if (n->nw != 1)
			return teval_error(e, err, "too many words", "{{revised}}");
		add_span(e->doc, SP_REVLIST, n->line);
		return 0;
	}
	if (strcmp(w0, "gaps") == 0) {
		if (n->nw != 1)
			return teval_error(e, err, "too many words", "{{gaps}}");
		add_span(e->doc, SP_GAPLIST, n->line);
		return 0;
	}
	if (strcmp(w0, "chart") == 0) {
		struct grid *g = xcalloc(1, sizeof *g);
		char *ref = NULL, *ex = NULL, *cap = NULL;
		int kind = 0;
		struct tspan *s;
		if (tref_chart(e, n->w + 1, n->nw - 1, g, &kind, &ref, &ex, &cap, err) < 0) {
			free(g);
			return -1;
		}
		s = add_span(e->doc, SP_TABLE, n->line);
		s->g = g;
		s->chart = kind;
		s->caption = cap;
		s->ref = ref;
		s->explain = ex;
		return 0;
	}
	if (strcmp(w0, "table") == 0) {
		struct grid *g = xcalloc(1, sizeof *g);
		char *ref = NULL, *ex = NULL;
		struct tspan *s;
		if (tref_table(e, n->w + 1, n->nw - 1, g, &ref, &ex, err) < 0) {
			free(g);
			return -1;
		}
		s = add_span(e->doc, SP_TABLE, n->line);
		s->g = g;
		s->ref = ref;
		s->explain = ex;
		return 0;
	}
	{
		struct tval v;
		struct tspan *s;
		if (tref_value(e, n->w, n->nw, &v, err) < 0)
			return -1;
		if (v.has) {
			s = add_span(e->doc, SP_NUM, n->line);
			s->text = xstrdup(v.text);
			e->doc->nnums++;
		} else {
			s = add_span(e->doc, SP_GAP, n->line);
			s->text = xstrdup("无数据");
			warn(e, v.ref, "no value");
		}
		s->ref = v.ref;
		s->explain = v.explain;
		s->id = v.id;
		s->ind = v.ind;
		s->unit = v.unit;
		s->period = v.period;
		s->what = v.what;
		if ((s->revised = v.revised)) {
			e->doc->nrevised++;
			warn(e, s->ref, "revised since published ({{revised}} lists it)");
		}
		return 0;
	}
}

static int eval_range(struct teval *e, size_t from, size_t to, struct kfq_err *err)
{
	for (size_t i = from; i < to; i++) {
		const struct tnode *n = &e->t->v[i];
		e->line = n->line;
		switch (n->kind) {
		case TN_TEXT:
			add_text(e, n->text);
			break;
		case TN_REF:
			if (eval_ref(e, n, err) < 0)
				return -1;
			break;
		case TN_IF: {
			char *missing = NULL;
			int rc = condition(e, n->w, n->nw, &missing, err);
			if (rc < 0)
				return -1;
			if (rc == 2) {
				struct tspan *s = add_span(e->doc, SP_GAP, n->line);
				struct sbuf sb;
				sbuf_init(&sb);
				for (size_t k = 0; k < n->nw; k++)
					sbuf_addf(&sb, "%s%s", k ? " " : "", n->w[k]);
				s->text = xstrdup("无法判断");
				s->ref = xasprintf("if %s", sb.buf);
				warn(e, s->ref, missing ? missing : "undecided");
				sbuf_release(&sb);
			} else if (rc == 1) {
				if (eval_range(e, i + 1, n->mid, err) < 0)
					return -1;
			} else if (n->mid != n->end) {
				if (eval_range(e, n->mid + 1, n->end, err) < 0)
					return -1;
			}
			free(missing);
			i = n->end;
			break;
		}
		default:
			break;
		}
	}
	return 0;
}

int tmpl_eval(const struct tmpl *t, const struct kfq_ctx *cx, struct kfq_db *db,
              const struct kfq_model *m, const struct tmpl_opts *o, struct tmpl_doc *doc,
              struct kfq_err *err)
{
	struct teval e;
	int rc;
	memset(doc, 0, sizeof *doc);
	memset(&e, 0, sizeof e);
	e.t = t;
	e.cx = cx;
	e.db = db;
	e.m = m;
	e.o = *o;
	e.doc = doc;
	figure_ctx_init(&e.fc, db, &m->units, &m->inds);
	rc = eval_range(&e, 0, t->n, err);
	figure_ctx_release(&e.fc);
	for (size_t i = 0; i < e.ncache; i++) {
		free(e.cache[i].key);
		grid_release(&e.cache[i].g);
	}
	free(e.cache);
	return rc;
}

void tmpl_doc_release(struct tmpl_doc *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->v[i].text);
		free(d->v[i].ref);
		free(d->v[i].id);
		free(d->v[i].explain);
		free(d->v[i].caption);
		free(d->v[i].revised);
		if (d->v[i].g) {
			grid_release(d->v[i].g);
			free(d->v[i].g);
		}
	}
	free(d->v);
	free(d->title);
	free(d->warn);
	memset(d, 0, sizeof *d);
}
