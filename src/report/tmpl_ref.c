/* tmpl_ref.c: one reference of a report template resolved to its value
 * (see template.h, docs/reports.md). An indicator's figures come from
 * calc/figure (what kfq show and the bulletin use); the modules' figures
 * are cells of the grids their stats commands print (report/<module>_grid.c),
 * built once per evaluation; nothing is computed a second way here. Every
 * refusal names the template's file and line and what was expected.
 * Depends on base, model, calc, the domain queries and report. */
#include "report/tmpl_part.h"

#include <stdlib.h>
#include <string.h>

#include "assess/assess.h"
#include "base/measure.h"
#include "base/sbuf.h"
#include "base/xalloc.h"
#include "case/case.h"
#include "case/case_query.h"
#include "index/ixcalc.h"
#include "lead/lead_query.h"
#include "quality/publish.h"
#include "project/project_query.h"
#include "report/assess_grid.h"
#include "report/case_grid.h"
#include "report/index_grid.h"
#include "report/lead_grid.h"
#include "report/project_grid.h"

int teval_error(struct teval *e, struct kfq_err *err, const char *what, const char *expected)
{
	return kfq_error(err, "%s:%d: %s (expected %s)", e->t->name, e->line, what, expected);
}

/* ---- an indicator's figures (calc/figure) ---- */

enum twhat { W_VALUE, W_YTD, W_PRIOR, W_PRIOR_YTD, W_TARGET, W_GROWTH, W_CGROWTH, W_YTD_GROWTH,
             W_YTD_CGROWTH, W_COMPLETION, W_TIMEPROP, W_SHARE, W_RANK, W_SIBLINGS, W_N };
static const char *const WHAT[W_N] = {
	"value", "ytd", "prior", "prior_ytd", "target", "growth", "cgrowth", "ytd_growth",
	"ytd_cgrowth", "completion", "timeprop", "share", "rank", "siblings",
};
static const char *const WHAT_ZH[W_N] = {
	"本期", "累计", "上年同期", "上年同期累计", "年度目标", "同比增长(%)", "同口径增长(%)",
	"累计同比增长(%)", "累计同口径增长(%)", "完成年度目标(%)", "序时进度(%)", "占上级比重(%)",
	"位次", "同级单位数",
};
static const unsigned WHAT_BIT[W_N] = {
	FIG_VALUE, FIG_YTD, FIG_PRIOR, FIG_PRIOR_YTD, FIG_TARGET, FIG_GROWTH, FIG_CGROWTH,
	FIG_YTD_GROWTH, FIG_YTD_CGROWTH, FIG_COMPLETION, FIG_TIMEPROP, FIG_SHARE, FIG_RANK, FIG_RANK,
};
#define WHAT_LIST "value, ytd, prior, prior_ytd, target, growth, cgrowth, ytd_growth, " \
                  "ytd_cgrowth, completion, timeprop, share, rank or siblings"

/* ---- the modules' grids ---- */

enum tsrc { S_PROJECT, S_REGISTER, S_LEAD, S_CASE, S_VISIT, S_INDEX, S_ASSESS, S_NSRC };
static const struct {
	const char *name;
	const char *row_col;     /* the column that names a row; NULL: one row */
	const char *cmd;         /* the command that prints the same grid */
} SRC[S_NSRC] = {
	{ "project", NULL, "kfq project stats" },
	{ "register", "code", "kfq project list" },
	{ "lead", NULL, "kfq lead stats" },
	{ "case", "group", "kfq case stats --by category" },
	{ "visit", NULL, "kfq visit stats" },
	{ "index", "period", "kfq index show" },
	{ "assess", "code", "kfq assess show" },
};
/* The columns that hold money, in the measure their grid writes. */
static const struct { enum tsrc s; const char *col, *measure; } COL_MEASURE[] = {
	{ S_PROJECT, "investment", "亿元" }, { S_PROJECT, "plan", "亿元" },
	{ S_REGISTER, "total_investment", "亿元" }, { S_REGISTER, "plan", "亿元" },
	{ S_REGISTER, "ytd_investment", "亿元" },
	{ S_LEAD, "landed_investment", "亿元" }, { S_LEAD, "pipeline_investment", "亿元" },
	{ S_LEAD, "fdi_arrived", "亿美元" }, { S_LEAD, "fdi_target", "亿美元" },
};

static long find_src(const char *w)
{
	for (int s = 0; s < S_NSRC; s++)
		if (strcmp(w, SRC[s].name) == 0)
			return s;
	return -1;
}

int tref_is_source(const struct teval *e, const char *w)
{
	return find_src(w) >= 0 || indicators_find(&e->m->inds, w) >= 0;
}

static struct date period_end(const struct period *p)
{
	struct date d = { p->year, p->last, date_month_days(p->year, p->last) };
	return d;
}

static int build_src(struct teval *e, enum tsrc s, const char *arg, size_t u,
                     const struct period *p, struct grid *g, struct kfq_err *err)
{
	const char *code = e->m->units.v[u].code;
	int rc = 0;
	switch (s) {
	case S_PROJECT: {
		struct project_stats_req rq = { *p, code };
		struct project_stats r;
		memset(&r, 0, sizeof r);
		if ((rc = project_stats(e->cx, e->db, &rq, &r, err)) == 0)
			project_stats_grid(&r, g);
		project_stats_release(&r);
		break;
	}
	case S_REGISTER: {
		struct project_list_req rq = { -1, NULL, 0, period_end(p) };
		struct project_list l;
		memset(&l, 0, sizeof l);
		if ((rc = project_list(e->cx, e->db, &rq, &l, err)) == 0)
			project_list_grid(&l, 0, g);
		project_list_release(&l);
		break;
	}
	case S_LEAD: {
		struct lead_stats_req rq = { *p, code, LEAD_BY_NONE };
		struct lead_stats_res r;
		memset(&r, 0, sizeof r);
		if ((rc = lead_stats(e->cx, e->db, &rq, &r, err)) == 0)
			lead_stats_grid(&r, g);
		lead_stats_release(&r);
		break;
	}
	case S_CASE: {
		struct case_stats_req rq = { *p, CASE_BY_CATEGORY, NULL };
		struct case_stats r;
		memset(&r, 0, sizeof r);
		if ((rc = case_stats(e->cx, e->db, &rq, &r, err)) == 0)
			case_stats_grid(&r, CASE_BY_CATEGORY, 0, g);
		case_stats_release(&r);
		break;
	}
	case S_VISIT: {
		struct visit_counts n;
		if ((rc = visit_stats(e->db, p, NULL, &n, err)) == 0)
			visit_stats_grid(&n, p, 0, g);
		break;
	}
	case S_INDEX: {
		struct ixcalc_point *v = NULL;
		size_t n = 0;
		if ((rc = ixcalc_series(e->db, "", "", NULL, 0, 0, &v, &n, err)) == 0)
			index_series_grid(v, n, 0, g);
		free(v);
		break;
	}
	case S_ASSESS: {
		struct assess_view v;
		memset(&v, 0, sizeof v);
		if ((rc = assess_view_open(e->db, arg, p->year, 0, &v, err)) == 0)
			assess_ranking_grid(&v.d, &v.r, v.has_prev ? v.prev : NULL, 0, g);
		assess_view_release(&v);
		break;
	}
	default:
		rc = kfq_fault(err, "template: no source %d", (int)s);
	}
	return rc;
}

/* The grid of source s for (arg, u, p), built once per evaluation. */
static const struct grid *src_grid(struct teval *e, enum tsrc s, const char *arg, size_t u,
                                   const struct period *p, struct kfq_err *err)
{
	char pf[32], *key;
	struct tsrc_cache *c;
	period_format(p, pf, sizeof pf);
	key = xasprintf("%d|%s|%zu|%s", (int)s, arg ? arg : "", u, pf);
	for (size_t i = 0; i < e->ncache; i++)
		if (strcmp(e->cache[i].key, key) == 0) {
			free(key);
			return &e->cache[i].g;
		}
	e->cache = xrealloc(e->cache, (e->ncache + 1) * sizeof *e->cache);
	c = &e->cache[e->ncache];
	memset(c, 0, sizeof *c);
	if (build_src(e, s, arg, u, p, &c->g, err) < 0) {
		free(key);
		kfq_err_prefix(err, "%s:%d: %s", e->t->name, e->line, SRC[s].name);
		return NULL;
	}
	c->key = key;
	e->ncache++;
	return &c->g;
}

static long grid_col(const struct grid *g, const char *key)
{
	for (size_t c = 0; c < g->ncols; c++)
		if (strcmp(g->keys[c], key) == 0)
			return (long)c;
	return -1;
}

/* ---- the words of a reference ---- */

struct twords {
	long unit;                 /* -1: the report's */
	struct period period;      /* year 0: the report's */
	const struct measure *measure;
	int decimals;              /* -1: the figure's own */
	const char *id;
	char **rest;               /* words left for the source to place */
	size_t nrest;
};

static int is_period_word(const char *w)
{
	size_t n = strlen(w);
	if (n == 4 && strspn(w, "0123456789") == 4)
		return 1;
	return strstr(w, "年") || (n >= 6 && strspn(w, "0123456789") == 4 && (w[4] == '-' || w[4] == 'Q'));
}

/* The words the reference kinds share: unit (unit=CODE, or a unit's code
 * alone when bare_units: a module's rows may be units' codes), period,
 * measure, decimals, id; the others into rest. */
static int read_words(struct teval *e, char **w, size_t nw, int bare_units, struct twords *tw,
                      struct kfq_err *err)
{
	memset(tw, 0, sizeof *tw);
	tw->unit = -1;
	tw->decimals = -1;
	tw->rest = xcalloc(nw ? nw : 1, sizeof *tw->rest);
	for (size_t i = 0; i < nw; i++) {
		const char *x = w[i];
		struct kfq_err e2 = { 0 };
		if (strncmp(x, "unit=", 5) == 0 || (bare_units && units_find(&e->m->units, x) >= 0 && find_src(x) < 0 &&
		    indicators_find(&e->m->inds, x) < 0)) {
			const char *c = strncmp(x, "unit=", 5) == 0 ? x + 5 : x;
			if ((tw->unit = units_find(&e->m->units, c)) < 0) {
				char what[160];
				snprintf(what, sizeof what, "unknown unit \"%s\"", c);
				return teval_error(e, err, what, "a unit's code (kfq export units)");
			}
		} else if (strncmp(x, "period=", 7) == 0 || is_period_word(x)) {
			const char *c = strncmp(x, "period=", 7) == 0 ? x + 7 : x;
			if (period_parse(c, &tw->period, &e2) < 0) {
				char what[160];
				snprintf(what, sizeof what, "not a period: \"%s\"", c);
				return teval_error(e, err, what, PERIOD_FORMS);
			}
		} else if (strncmp(x, "id=", 3) == 0 && x[3]) {
			tw->id = x + 3;
		} else if ((strncmp(x, "decimals=", 9) == 0 && x[9] >= '0' && x[9] <= '6' && !x[10]) ||
		           (x[0] >= '0' && x[0] <= '6' && !x[1])) {
			tw->decimals = x[strlen(x) - 1] - '0';
		} else if (strncmp(x, "measure=", 8) == 0 || measure_find(x, &e2)) {
			const char *c = strncmp(x, "measure=", 8) == 0 ? x + 8 : x;
			if (!(tw->measure = measure_find(c, &e2))) {
				char what[160];
				snprintf(what, sizeof what, "unknown measure \"%s\"", c);
				return teval_error(e, err, what, "a measure such as 亿元, 万元, 万美元, 件");
			}
		} else
			tw->rest[tw->nrest++] = w[i];
	}
	return 0;
}

static void words_release(struct twords *tw)
{
	free(tw->rest);
}

static void canon_common(struct sbuf *sb, const struct teval *e, size_t u, const struct period *p)
{
	char pf[32];
	period_format(p, pf, sizeof pf);
	sbuf_addf(sb, " unit=%s period=%s", e->m->units.v[u].code, pf);
}

/* An indicator's figure. */
static int core_value(struct teval *e, long ind, char **w, size_t nw, struct tval *v,
                      struct kfq_err *err)
{
	const struct indicator *d = &e->m->inds.v[ind];
	struct twords tw;
	struct figure f;
	struct period p;
	size_t u;
	int what = W_YTD, dp, pct;
	const struct measure *meas;
	struct sbuf sb;
	char pf[32], lab[64];

	if (read_words(e, w, nw, 1, &tw, err) < 0)
		return words_release(&tw), -1;
	for (size_t i = 0; i < tw.nrest; i++) {
		int k;
		for (k = 0; k < W_N && strcmp(tw.rest[i], WHAT[k]) != 0; k++)
			;
		if (k == W_N) {
			char what_s[200];
			snprintf(what_s, sizeof what_s, "unknown word \"%s\" in the reference to %s",
			         tw.rest[i], d->code);
			words_release(&tw);
			return teval_error(e, err, what_s, "a figure (" WHAT_LIST "), a unit's code, "
			                   "a period, a measure, decimals (0 to 6) or id=NAME");
		}
		what = k;
	}
	u = tw.unit >= 0 ? (size_t)tw.unit : e->o.unit;
	p = tw.period.year ? tw.period : e->o.period;
	pct = what >= W_GROWTH && what <= W_SHARE;
	meas = d->measure;
	if (tw.measure) {
		if (pct || what >= W_RANK || measure_compatible(d->measure, tw.measure, err) < 0) {
			char what_s[200];
			snprintf(what_s, sizeof what_s, "measure %s does not fit %s %s", tw.measure->name,
			         d->code, WHAT[what]);
			words_release(&tw);
			kfq_err_clear(err);
			return teval_error(e, err, what_s, pct ? "no measure: it is a percentage" :
			                   "a measure of the indicator's family");
		}
		meas = tw.measure;
	}
	dp = tw.decimals >= 0 ? tw.decimals : pct ? 1 : what >= W_RANK ? 0 : d->decimals;
	if (figure_get(&e->fc, (size_t)ind, u, &p, &f, err) < 0) {
		words_release(&tw);
		return kfq_err_prefix(err, "%s:%d", e->t->name, e->line);
	}
	memset(v, 0, sizeof *v);
	v->has = (f.has & WHAT_BIT[what]) != 0;
	if (what <= W_TARGET) {
		const dec x[] = { f.value, f.ytd, f.prior, f.prior_ytd, f.target };
		v->v = x[what];
		v->shift = meas->shift;
		dec_format(v->v, meas->shift, dp, v->text, sizeof v->text);
	} else if (pct) {
		const int64_t t[] = { f.growth, f.cgrowth, f.ytd_growth, f.ytd_cgrowth, f.completion,
		                      f.timeprop, f.share };
		v->v = t[what - W_GROWTH] * (DEC_ONE / 10);
		dec_format(v->v, 0, dp, v->text, sizeof v->text);
	} else {
		v->v = (dec)(what == W_RANK ? f.rank : f.nsiblings) * DEC_ONE;
		snprintf(v->text, sizeof v->text, "%d", what == W_RANK ? f.rank : f.nsiblings);
	}
	sbuf_init(&sb);
	sbuf_addf(&sb, "%s %s", d->code, WHAT[what]);
	canon_common(&sb, e, u, &p);
	if (!pct && what < W_RANK)
		sbuf_addf(&sb, " measure=%s", meas->name);
	sbuf_addf(&sb, " decimals=%d", dp);
	v->ref = sbuf_detach(&sb);
	period_format(&p, pf, sizeof pf);
	period_label_zh(&p, lab, sizeof lab);
	v->explain = xasprintf("%s · %s · %s · %s%s%s — kfq show %s --unit %s --period %s%s%s",
	                       d->name_zh, e->m->units.v[u].name, lab, WHAT_ZH[what],
	                       !pct && what < W_RANK ? " · " : "",
	                       !pct && what < W_RANK ? meas->name : "", d->code,
	                       e->m->units.v[u].code, pf, d->formula_text ? " (formula: " : "",
	                       d->formula_text ? d->formula_text : "");
	if (d->formula_text) {
		char *x = xasprintf("%s)", v->explain);
		free(v->explain);
		v->explain = x;
	}
	v->id = tw.id ? xstrdup(tw.id) : NULL;
	v->ind = ind;
	v->unit = u;
	v->period = p;
	v->what = what;
	words_release(&tw);
	/* a value or year to date published for its month and changed since */
	if (v->has && (what == W_VALUE || what == W_YTD)) {
		struct period pp = what == W_YTD ? period_ytd(&p) : p;
		struct figure t = f;
		struct sbuf note;
		if (what == W_YTD) {
			t.has = FIG_VALUE;
			t.value = f.ytd;
		}
		sbuf_init(&note);
		if (publish_note(e->db, &e->m->units, &e->m->inds, (size_t)ind, u, &pp, &t, 1, &note,
		                 err) < 0) {
			sbuf_release(&note);
			return kfq_err_prefix(err, "%s:%d", e->t->name, e->line);
		}
		if (note.len) {
			note.buf[--note.len] = 0;   /* the newline */
			v->revised = sbuf_detach(&note);
		} else
			sbuf_release(&note);
	}
	return 0;
}

/* Decimals written in text "12.30": 2. */
static int text_decimals(const char *s)
{
	const char *d = strchr(s, '.');
	return d ? (int)strspn(d + 1, "0123456789") : 0;
}

static const struct measure *col_measure(const struct teval *e, enum tsrc s, const char *col)
{
	struct kfq_err e2 = { 0 };
	for (size_t i = 0; i < sizeof COL_MEASURE / sizeof COL_MEASURE[0]; i++)
		if (COL_MEASURE[i].s == s && strcmp(COL_MEASURE[i].col, col) == 0) {
			if (s == S_LEAD && strncmp(col, "fdi", 3) == 0) {
				long k = indicators_find(&e->m->inds, "fdi_arrived");
				if (k >= 0)
					return e->m->inds.v[k].measure;
			}
			return measure_find(COL_MEASURE[i].measure, &e2);
		}
	return NULL;
}

/* The columns of the campaign's grid that count cases (the others are
 * rates and days: no value where there is no case). */
static const char *const CASE_COUNT_COLS[] = { "raised", "resolved", "overdue", NULL };

static long strv_index(const char *const *v, const char *s)
{
	for (long i = 0; v[i]; i++)
		if (strcmp(v[i], s) == 0)
			return i;
	return -1;
}

/* A module's figure: a cell of its grid. */
static int module_value(struct teval *e, enum tsrc s, char **w, size_t nw, struct tval *v,
                        struct kfq_err *err)
{
	struct twords tw;
	const struct grid *g;
	const char *arg = NULL, *cell;
	const struct measure *m0;
	struct period p;
	size_t u;
	long col = -1, row = -1;
	const char *absent = NULL;   /* a case category with no row in the period */
	char defrow[64], pf[32];
	struct sbuf sb;
	struct kfq_err e2 = { 0 };

	if (s == S_ASSESS) {
		if (nw < 1 || strchr(w[0], '='))
			return teval_error(e, err, "assess without its scheme",
			                   "{{assess SCHEME rank}}: a scheme's code with stored runs");
		arg = w[0];
		w++, nw--;
	}
	if (read_words(e, w, nw, 0, &tw, err) < 0)
		return words_release(&tw), -1;
	u = tw.unit >= 0 ? (size_t)tw.unit : e->o.unit;
	p = tw.period.year ? tw.period : e->o.period;
	if (!(g = src_grid(e, s, arg, u, &p, err)))
		return words_release(&tw), -1;
	if (s == S_INDEX)
		snprintf(defrow, sizeof defrow, "%04d-%02d", p.year, p.last);
	else if (s == S_ASSESS)
		snprintf(defrow, sizeof defrow, "%s", e->m->units.v[u].code);
	else
		snprintf(defrow, sizeof defrow, "%s", s == S_CASE ? "total" : "");
	for (size_t i = 0; i < tw.nrest; i++) {
		long c = grid_col(g, tw.rest[i]), rc = SRC[s].row_col ? grid_col(g, SRC[s].row_col) : -1;
		if (c >= 0 && col < 0) {
			col = c;
			continue;
		}
		if (rc >= 0) {
			for (size_t r = 0; r < g->nrows; r++) {
				const char *x = g->cells[r * g->ncols + (size_t)rc];
				if (x && strcmp(x, tw.rest[i]) == 0) {
					row = (long)r;
					break;
				}
			}
			if (row >= 0)
				continue;
			/* a category the campaign knows with no case in the period: no
			 * row in the grid, its counts 0 and its rates gaps */
			if (s == S_CASE && !absent && strv_index(CASE_CATEGORY, tw.rest[i]) >= 0) {
				absent = tw.rest[i];
				continue;
			}
		}
		{
			char what_s[200];
			struct sbuf ex;
			sbuf_init(&ex);
			sbuf_adds(&ex, "a field of ");
			sbuf_adds(&ex, SRC[s].name);
			sbuf_adds(&ex, ":");
			for (size_t k = 0; k < g->ncols; k++)
				sbuf_addf(&ex, " %s", g->keys[k]);
			if (rc >= 0)
				sbuf_addf(&ex, "; or a row's %s", SRC[s].row_col);
			snprintf(what_s, sizeof what_s, "unknown field \"%s\" of %s", tw.rest[i],
			         SRC[s].name);
			teval_error(e, err, what_s, ex.buf);
			sbuf_release(&ex);
			words_release(&tw);
			return -1;
		}
	}
	if (col < 0) {
		struct sbuf ex;
		sbuf_init(&ex);
		for (size_t k = 0; k < g->ncols; k++)
			sbuf_addf(&ex, "%s%s", k ? ", " : "", g->keys[k]);
		teval_error(e, err, "which field?", ex.buf);
		sbuf_release(&ex);
		words_release(&tw);
		return -1;
	}
	if (row < 0 && SRC[s].row_col) {
		long rc = grid_col(g, SRC[s].row_col);
		for (size_t r = 0; rc >= 0 && r < g->nrows; r++) {
			const char *x = g->cells[r * g->ncols + (size_t)rc];
			if (x && strcmp(x, defrow) == 0)
				row = (long)r;
		}
	} else if (row < 0 && g->nrows)
		row = 0;
	memset(v, 0, sizeof *v);
	v->ind = -1;
	if (absent)
		cell = strv_index(CASE_COUNT_COLS, g->keys[col]) >= 0 ? "0" : NULL;
	else
		cell = row >= 0 ? g->cells[(size_t)row * g->ncols + (size_t)col] : NULL;
	m0 = col_measure(e, s, g->keys[col]);
	if (tw.measure && (!m0 || measure_compatible(m0, tw.measure, &e2) < 0)) {
		char what_s[200];
		snprintf(what_s, sizeof what_s, "measure %s does not fit %s %s", tw.measure->name,
		         SRC[s].name, g->keys[col]);
		words_release(&tw);
		return teval_error(e, err, what_s, m0 ? m0->name : "no measure: it is a count or a rate");
	}
	v->shift = m0 ? m0->shift : 0;
	if (cell && *cell) {
		v->has = 1;
		if (dec_parse(cell, v->shift, &v->v, &e2) < 0)
			v->has = 2;   /* text, not a number */
		if (v->has == 1 && (tw.measure || tw.decimals >= 0)) {
			int shift = tw.measure ? tw.measure->shift : v->shift;
			int dp = tw.decimals >= 0 ? tw.decimals
			         : text_decimals(cell) + (shift - v->shift > 0 ? 0 : v->shift - shift);
			if (dp < 0)
				dp = 0;
			v->shift = shift;
			dec_format(v->v, shift, dp, v->text, sizeof v->text);
		} else
			snprintf(v->text, sizeof v->text, "%s", cell);
	}
	sbuf_init(&sb);
	sbuf_addf(&sb, "%s%s%s", SRC[s].name, arg ? " " : "", arg ? arg : "");
	if (absent)
		sbuf_addf(&sb, " %s", absent);
	else if (row >= 0 && SRC[s].row_col)
		sbuf_addf(&sb, " %s", g->cells[(size_t)row * g->ncols + (size_t)grid_col(g, SRC[s].row_col)]);
	sbuf_addf(&sb, " %s", g->keys[col]);
	canon_common(&sb, e, u, &p);
	if (tw.measure)
		sbuf_addf(&sb, " measure=%s", tw.measure->name);
	if (tw.decimals >= 0)
		sbuf_addf(&sb, " decimals=%d", tw.decimals);
	v->ref = sbuf_detach(&sb);
	period_format(&p, pf, sizeof pf);
	switch (s) {
	case S_PROJECT:
	case S_LEAD:
		v->explain = xasprintf("%s --unit %s --period %s --format csv", SRC[s].cmd,
		                       e->m->units.v[u].code, pf);
		break;
	case S_REGISTER:
		v->explain = xasprintf("%s --date %04d-%02d-%02d --format csv", SRC[s].cmd, p.year,
		                       p.last, date_month_days(p.year, p.last));
		break;
	case S_CASE:
	case S_VISIT:
		v->explain = xasprintf("%s --period %s --format csv", SRC[s].cmd, pf);
		break;
	case S_INDEX:
		v->explain = xasprintf("%s --format csv", SRC[s].cmd);
		break;
	default:
		v->explain = xasprintf("%s SCHEME --period %d --format csv (the stored run of %s)",
		                       SRC[s].cmd, p.year, arg);
	}
	{
		char *x = xasprintf("%s: %s%s%s", v->explain, g->keys[col], m0 ? " " : "",
		                    m0 ? m0->name : "");
		free(v->explain);
		v->explain = x;
	}
	v->id = tw.id ? xstrdup(tw.id) : NULL;
	words_release(&tw);
	return 0;
}

int tref_value(struct teval *e, char **w, size_t nw, struct tval *v, struct kfq_err *err)
{
	long s = find_src(w[0]), ind;
	memset(v, 0, sizeof *v);
	if (s >= 0)
		return module_value(e, (enum tsrc)s, w + 1, nw - 1, v, err);
	if ((ind = indicators_find(&e->m->inds, w[0])) >= 0)
		return core_value(e, ind, w + 1, nw - 1, v, err);
	{
		char what[200];
		snprintf(what, sizeof what, "unknown indicator \"%s\"", w[0]);
		return teval_error(e, err, what, "an indicator's code (kfq export indicators), "
		                   "a source (project, register, lead, case, visit, index, assess "
		                   "SCHEME), table, gap, gaps, revised, period, unit, year or month");
	}
}

void tval_release(struct tval *v)
{
	free(v->ref);
	free(v->explain);
	free(v->id);
	free(v->revised);
	memset(v, 0, sizeof *v);
}
