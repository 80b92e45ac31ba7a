/* tmpl_trace.c: how a template's figures were made (kfq report trace; see
 * template.h): the template evaluated as render does, then for the figures
 * of a line, or the one named, the reference and the command that shows
 * it; for an indicator's figure its formula, the units it sums (their
 * figures from calc/figure, as kfq show --by children gives them), and the
 * stored values behind it (model/obs.h: obs_sources) grouped by the import
 * they came from (file, lines, time, account), with the changes made to
 * them since (store/history). Depends on base, store, model, calc and
 * report. */
#include "report/tmpl_part.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "model/obs.h"
#include "model/unit.h"
#include "store/history.h"

/* enum twhat of tmpl_ref.c: the figures that are amounts, and the growth rates */
enum { TW_VALUE, TW_YTD, TW_PRIOR, TW_PRIOR_YTD, TW_TARGET, TW_GROWTH, TW_CGROWTH, TW_YTD_GROWTH,
       TW_YTD_CGROWTH, TW_COMPLETION, TW_TIMEPROP };

/* A line of the trace in the reader's language: fmt's Chinese from the
 * catalogue (base/msg.h) when zh and it has one. */
static void say(FILE *out, int zh, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void say(FILE *out, int zh, const char *fmt, ...)
{
	const char *t = zh ? msg_zh(fmt) : NULL;
	va_list ap;
	va_start(ap, fmt);
	vfprintf(out, t ? t : fmt, ap);
	va_end(ap);
}

static void period_text(int year, int first, int last, char *buf, size_t n)
{
	if (first == last)
		snprintf(buf, n, "%04d-%02d", year, last);
	else
		snprintf(buf, n, "%d年%d-%d月", year, first, last);
}

/* The stored values of the span's indicator within its unit over [first,
 * last] of year, grouped by import (or each one, with records). */
static int records(struct kfq_db *db, const struct kfq_model *m, const struct tspan *s, int year,
                   int first, int last, int each, FILE *out, int zh, struct kfq_err *err)
{
	const struct indicator *d = &m->inds.v[s->ind];
	struct obs_source *v;
	size_t n, nunits = 0, *seen;
	char a[32], b[32], val[64];
	int wide = first > 1 && d->kind == IND_FLOW, from = first;
	/* A flow's span after January: a unit that files totals to date
	 * reaching into it has its value as the difference of two of them
	 * (1-8月 less 1-7月), so its totals ending in the month before the
	 * span or in it are behind it too. */
	if (obs_sources(db, &m->units, d->id, s->unit, year, wide ? 1 : first, last, &v, &n,
	                err) < 0)
		return -1;
	if (wide) {
		size_t k = 0;
		for (size_t i = 0, j; i < n; i = j) {
			int totals = 0;
			for (j = i; j < n && v[j].unit == v[i].unit; j++)
				totals |= v[j].first < first && v[j].last >= first;
			for (size_t x = i; x < j; x++) {
				if (v[x].first >= first || (totals && v[x].last >= first - 1)) {
					struct obs_source t = v[k];
					v[k++] = v[x];
					v[x] = t;
				}
			}
		}
		for (size_t x = k; x < n; x++) {
			free(v[x].file);
			free(v[x].at);
			free(v[x].who);
		}
		n = k;
		for (size_t i = 0; i < n; i++)
			if (v[i].last < first)
				from = v[i].last;   /* a total to the month before */
	}
	seen = xcalloc(m->units.n ? m->units.n : 1, sizeof *seen);
	for (size_t i = 0; i < n; i++)
		if (!seen[v[i].unit]++)
			nunits++;
	period_text(year, from, from, a, sizeof a);
	period_text(year, last, last, b, sizeof b);
	say(out, zh, "  stored values behind it, %s … %s: %zu values of %zu units within %s\n", a, b, n,
	        nunits, m->units.v[s->unit].name);
	/* grouped by source: each import once, in the order first met */
	for (size_t i = 0; i < n; i++) {
		size_t k, cnt = 0;
		int64_t lo = INT64_MAX, hi = 0;
		for (k = 0; k < i; k++)
			if ((v[k].file == NULL) == (v[i].file == NULL) &&
			    (!v[i].file || (strcmp(v[k].file, v[i].file) == 0 &&
			                    strcmp(v[k].at, v[i].at) == 0)))
				break;
		if (k < i)
			continue;
		for (k = i; k < n; k++)
			if ((v[k].file == NULL) == (v[i].file == NULL) &&
			    (!v[i].file || (strcmp(v[k].file, v[i].file) == 0 &&
			                    strcmp(v[k].at, v[i].at) == 0))) {
				cnt++;
				if (v[k].line && v[k].line < lo)
					lo = v[k].line;
				if (v[k].line > hi)
					hi = v[k].line;
			}
		if (v[i].file)
			say(out, zh, "    %s (imported %s by %s): %zu values, lines %lld-%lld\n", v[i].file,
			        v[i].at, v[i].who, cnt, (long long)(lo == INT64_MAX ? 0 : lo), (long long)hi);
		else
			say(out, zh, "    entered by hand: %zu values (kfq history)\n", cnt);
	}
	for (size_t i = 0; each && i < n; i++) {
		period_text(year, v[i].first, v[i].last, a, sizeof a);
		dec_format(v[i].value, d->measure->shift, -1, val, sizeof val);
		if (v[i].file)
			say(out, zh, "    %s %s %s %s %s %s:%lld\n", m->units.v[v[i].unit].code,
			        m->units.v[v[i].unit].name, a, val, d->measure->name, v[i].file,
			        (long long)v[i].line);
		else
			say(out, zh, "    %s %s %s %s %s (entered by hand)\n", m->units.v[v[i].unit].code,
			        m->units.v[v[i].unit].name, a, val, d->measure->name);
	}
	free(seen);
	obs_sources_free(v, n);
	return 0;
}

/* The changes to the indicator's stored values within the unit in year. */
static int changes(struct kfq_db *db, const struct kfq_model *m, const struct tspan *s, int year,
                   FILE *out, int zh, struct kfq_err *err)
{
	const struct indicator *d = &m->inds.v[s->ind];
	struct history_query q = { NULL, d->code, NULL, 1000000 };
	struct history_list l;
	size_t cnt = 0;
	char y[8];
	memset(&l, 0, sizeof l);
	snprintf(y, sizeof y, "%04d", year);
	if (history_read(db, &q, &l, err) < 0) {
		history_list_release(&l);
		return -1;
	}
	for (size_t i = 0; i < l.n; i++) {
		long u = l.v[i].unit ? units_find(&m->units, l.v[i].unit) : -1;
		if (u >= 0 && units_within(&m->units, (size_t)u, s->unit) && l.v[i].period &&
		    strncmp(l.v[i].period, y, 4) == 0 && l.v[i].has_old) {
			if (!cnt)
				say(out, zh, "  changed since their import (kfq history --unit CODE):\n");
			cnt++;
			if (l.v[i].source)
				say(out, zh, "    %s %s %s by %s from %s\n", l.v[i].at, l.v[i].unit,
				    l.v[i].period, l.v[i].who, l.v[i].source);
			else
				say(out, zh, "    %s %s %s by %s\n", l.v[i].at, l.v[i].unit, l.v[i].period,
				    l.v[i].who);
		}
	}
	if (!cnt)
		say(out, zh, "  none of them changed since their import\n");
	history_list_release(&l);
	return 0;
}

/* An indicator's scope: the group's members within unit u in year, said. */
static int trace_scope(struct kfq_db *db, const struct kfq_model *m, const struct indicator *d,
                       size_t u, int year, FILE *out, int zh, struct kfq_err *err)
{
	unsigned char *in = xcalloc(m->units.n ? m->units.n : 1, 1);
	size_t n = 0;
	if (units_in_group(db, &m->units, d->scope, year, in, err) < 0) {
		free(in);
		return -1;
	}
	for (size_t i = 0; i < m->units.n; i++)
		n += in[i] && units_within(&m->units, i, u);
	free(in);
	if (n)
		say(out, zh, "  counts only the units in group %s in %d (its scope): within %s, %zu of "
		    "them\n", d->scope, year, m->units.v[u].code, n);
	else
		say(out, zh, "  counts only the units in group %s in %d (its scope), and none within "
		    "%s is in it: no enterprise's value counts (kfq import groups)\n", d->scope, year,
		    m->units.v[u].code);
	return 0;
}

/* A figure left out: say so when it is a partial one, withheld (a growth,
 * a completion, a rate of partial inputs), not one without data. */
static int partial_note(struct figure_ctx *fc, const struct tspan *s, FILE *out, int zh,
                        struct kfq_err *err)
{
	struct figure f;
	char p[32];
	int ytd = s->what == TW_YTD || s->what == TW_YTD_GROWTH || s->what == TW_YTD_CGROWTH ||
	          s->what == TW_COMPLETION || s->what == TW_TIMEPROP;
	uint32_t reported;
	if (figure_get(fc, (size_t)s->ind, s->unit, &s->period, &f, err) < 0)
		return -1;
	reported = ytd ? f.ytd_reported : f.reported;
	if (!(f.has & FIG_COVERAGE) || reported >= f.expected)
		return 0;
	period_format(&s->period, p, sizeof p);
	say(out, zh, "  withheld: a partial figure, %u of the %u units expected have reported "
	    "(kfq missing --period %s lists the others; kfq show --partial gives it)\n",
	    (unsigned)reported, (unsigned)f.expected, p);
	return 0;
}

static int trace_span(struct kfq_db *db, const struct kfq_model *m, struct figure_ctx *fc,
                      const struct tmpl *t, const struct tspan *s, int each, FILE *out,
                      int zh, struct kfq_err *err)
{
	const struct indicator *d;
	const struct unit *u;
	int year, last;
	if (*t->name)
		fprintf(out, "%s:%d: ", t->name, s->line);
	fprintf(out, "%s = %s\n", s->ref, s->kind == SP_NUM ? s->text : zh ? "〔缺〕（无数据）"
	        : "〔缺〕 (no value)");
	if (s->explain)
		say(out, zh, "  %s\n", s->explain);
	if (s->ind < 0)
		return 0;
	if (s->kind != SP_NUM && s->what != TW_TARGET && s->what != TW_PRIOR &&
	    s->what != TW_PRIOR_YTD && partial_note(fc, s, out, zh, err) < 0)
		return -1;
	d = &m->inds.v[s->ind];
	u = &m->units.v[s->unit];
	year = s->period.year;
	last = s->period.last;
	if (d->formula_text)
		say(out, zh, "  formula: %s = %s (its inputs' figures for the same unit and period)\n",
		        d->code, d->formula_text);
	if (d->scope && trace_scope(db, m, d, (size_t)s->unit, year, out, zh, err) < 0)
		return -1;
	if (u->nchildren && !d->formula_text) {
		char buf[64];
		size_t none = 0;
		/* the children's figures of the kind summed: the period's own
		 * (a month, a quarter) or the year to date */
		int own = (s->what == TW_VALUE || s->what == TW_GROWTH || s->what == TW_CGROWTH ||
		           s->what > TW_TIMEPROP) &&
		          (s->period.first > 1 || s->period.kind == PERIOD_MONTH ||
		           s->period.kind == PERIOD_QUARTER);
		if (own)
			say(out, zh, "  the units it sums (kfq show %s --unit %s --by children), the "
			    "period's own:\n", d->code, u->code);
		else
			say(out, zh, "  the units it sums (kfq show %s --unit %s --by children), year to "
			    "date:\n", d->code, u->code);
		for (size_t k = 0; k < u->nchildren; k++) {
			struct figure f;
			if (figure_get(fc, (size_t)s->ind, u->children[k], &s->period, &f, err) < 0)
				return -1;
			if (!(f.has & (own ? FIG_VALUE : FIG_YTD))) {
				none++;
				continue;
			}
			dec_format(own ? f.value : f.ytd, d->measure->shift, d->decimals, buf, sizeof buf);
			say(out, zh, "    %s %s %s %s\n", m->units.v[u->children[k]].code,
			        m->units.v[u->children[k]].name, buf, d->measure->name);
		}
		if (none)
			say(out, zh, "    (%zu more without a value)\n", none);
	}
	if (d->formula_text)
		return 0;
	if (s->what == TW_TARGET) {
		say(out, zh, "  the target of %d: kfq export targets\n", year);
		return 0;
	}
	if (s->what != TW_PRIOR && s->what != TW_PRIOR_YTD &&
	    (records(db, m, s, year, s->what == TW_VALUE || s->what == TW_GROWTH ||
	             s->what == TW_CGROWTH ? s->period.first : 1, last, each, out,
	             zh, err) < 0 || changes(db, m, s, year, out, zh, err) < 0))
		return -1;
	if (s->what == TW_PRIOR || s->what == TW_PRIOR_YTD ||
	    (s->what >= TW_GROWTH && s->what <= TW_YTD_CGROWTH)) {
		int first = s->what == TW_PRIOR || s->what == TW_GROWTH || s->what == TW_CGROWTH
		            ? s->period.first : 1;
		if (records(db, m, s, year - 1, first, last, each, out, zh, err) < 0 ||
		    changes(db, m, s, year - 1, out, zh, err) < 0)
			return -1;
	}
	return 0;
}

int tmpl_trace(const struct tmpl *t, const struct kfq_ctx *cx, struct kfq_db *db,
               const struct kfq_model *m, const struct tmpl_opts *o, int line,
               const char *figure, int each, FILE *out, int zh, struct kfq_err *err)
{
	struct tmpl_doc doc;
	struct figure_ctx fc;
	size_t found = 0;
	int rc = 0;
	if (tmpl_eval(t, cx, db, m, o, &doc, err) < 0) {
		tmpl_doc_release(&doc);
		return -1;
	}
	figure_ctx_init(&fc, db, &m->units, &m->inds);
	for (size_t i = 0; rc == 0 && i < doc.n; i++) {
		const struct tspan *s = &doc.v[i];
		size_t fl = figure ? strlen(figure) : 0;
		if (s->kind != SP_NUM && s->kind != SP_GAP && s->kind != SP_TABLE)
			continue;
		if (line > 0 ? s->line != line
		             : !((s->id && strcmp(s->id, figure) == 0) ||
		                 (s->ref && strncmp(s->ref, figure, fl) == 0 &&
		                  (s->ref[fl] == ' ' || !s->ref[fl]))))
			continue;
		if (found++)
			fputc('\n', out);
		rc = trace_span(db, m, &fc, t, s, each, out, zh, err);
	}
	figure_ctx_release(&fc);
	tmpl_doc_release(&doc);
	if (rc == 0 && !found) {
		char what[160];
		if (line > 0)
			snprintf(what, sizeof what, "no figure on line %d", line);
		else
			snprintf(what, sizeof what, "no figure \"%s\"", figure);
		return kfq_error(err, "%s: %s (expected %s)", t->name, what,
		                 line > 0 ? "a line with a reference" : "an id= of the template, or a "
		                 "reference as the HTML's data-ref gives it");
	}
	return rc;
}
