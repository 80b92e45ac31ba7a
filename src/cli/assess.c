/* assess.c: kfq assess run|show|classes|sensitivity: composite assessments
 * (综合考核, 亩均效益评价) of a scheme file for a period. run rates the
 * entities on today's figures and stores the run; the others read the
 * latest stored run of the scheme for the period (or --run N), recomputed
 * from what was stored, and say when today's inputs differ; with no stored
 * run they rate today's figures without storing them. This file holds the
 * option table, the dispatcher, the shared helpers (assess_cmd.h), run,
 * classes and sensitivity; show is in assess_show.c. Depends on libkfq. */
#include "cli/assess_cmd.h"
#include "base/xalloc.h"
#include "report/assess_grid.h"
#include "report/xlsx_out.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

static const char *const FORMATS[] = { "table", "csv", "json", "xlsx", NULL };
enum { F_XLSX = 3 };

#define A struct assess_args
static const struct optdef OPTS[] = {
	OPTION("period", OPT_TEXT, A, period, "P", "the year rated (2017)"),
	OPTION("entity", OPT_TEXT, A, entity, "CODE",
	  "show: one entity in full (each indicator's value and contribution)"),
	OPTION("explain", OPT_FLAG, A, explain, NULL,
	  "show: why the entity ranks where it does (with --entity; without it, every "
	  "ranked entity's sentence)"),
	OPTION("run", OPT_TEXT, A, run, "N",
	  "show, classes, sensitivity: stored run N (default: the latest of the scheme for "
	  "the period)"),
	OPTION("runs", OPT_TEXT, A, runs, "N", "sensitivity: Monte Carlo runs (default 1000)"),
	OPTION("seed", OPT_TEXT, A, seed, "S",
	  "sensitivity: the random seed (default 1); the same seed, the same output"),
	OPTION_CHOICE("format", A, format, "F",
	  "the format (default table; xlsx needs --output)", FORMATS, NULL),
	OPTION("output", OPT_TEXT, A, output, "FILE", "xlsx: the workbook to write"),
	OPTION_END,
};
#undef A
static const struct assess_args DEFAULTS = { .h = { .sub = -1 }, .format = GRID_TABLE };

int assess_emit(struct actx *x, const struct grid *g, const char *sheet)
{
	if (x->xlsx)
		return xlsx_write_grid(g, x->a->output, sheet, 0644, &x->cli->err);
	grid_write(g, x->f, x->cli->out);
	return 0;
}

void assess_header(struct actx *x, const char *what)
{
	const struct as_scheme *s = &x->d.scheme;
	FILE *out = x->cli->out;
	if (x->f != GRID_TABLE || x->xlsx)
		return;
	fprintf(out, "%s %d年 %s（%s，版本 %s）\n", s->name ? s->name : s->code, x->period, what,
	        s->code, s->version);
	if (x->d.run)
		cli_say(x->cli, "stored run %" PRId64 " of %s by %s; inputs %s\n", x->d.run, x->d.at,
		        x->d.who, x->d.stored_hash);
	else
		cli_say(x->cli, "today's figures, not stored (kfq assess run stores a run); inputs "
		        "%s\n", x->d.hash);
	if (x->d.run && x->current_ok && x->changed)
		cli_say(x->cli, "note: today's inputs differ from the stored run's in %zu value%s; this "
		        "is the run as stored (kfq assess run rates today's figures)\n", x->changed,
		        x->changed == 1 ? "" : "s");
	else if (x->d.run && x->current_ok)
		cli_say(x->cli, "today's inputs are the stored run's\n");
	if (x->text_differs)
		cli_say(x->cli, "note: the scheme file is not the text stored with the run; the stored "
		        "text is used\n");
	if (x->d.n_nodata)
		cli_say(x->cli, "%zu unit%s of kind %s with no value in %d left out\n", x->d.n_nodata,
		        x->d.n_nodata == 1 ? "" : "s", s->entities.kind, x->period);
	fprintf(out, "\n");
}

/* ---- loading ---- */

static int parse_int(const char *opt, const char *v, int64_t lo, int64_t hi, int64_t *out,
                     struct kfq_err *err)
{
	char *end;
	long long n;
	errno = 0;
	n = strtoll(v, &end, 10);
	if (!*v || *end || errno || n < lo || n > hi)
		return kfq_error(err, "assess: --%s \"%s\": expected a whole number from %" PRId64
		                 " to %" PRId64, opt, v, lo, hi);
	*out = n;
	return 0;
}

/* The run to show: --run N, else the latest stored for the scheme and
 * period, else today's figures. */
static int load(struct actx *x, int stored_ok)
{
	struct kfq_db *db = x->cli->db;
	struct kfq_err *err = &x->cli->err;
	struct as_scheme s;
	struct as_input in;
	const char *runopt = x->a->run;
	int64_t run = 0;
	int found = 0;

	if (assess_load_scheme(db, x->a->h.pos[0], &s, err) < 0)
		return -1;
	if (stored_ok && runopt) {
		if (parse_int("run", runopt, 1, INT64_MAX, &run, err) < 0) {
			as_scheme_release(&s);
			return -1;
		}
		found = 1;
	} else if (stored_ok && (found = assess_latest_run(db, s.code, x->period, &run, err)) < 0) {
		as_scheme_release(&s);
		return -1;
	}
	if (found) {
		struct assess_data cur;
		struct kfq_err e2 = { 0 };
		if (assess_stored(db, run, &x->d, err) < 0) {
			as_scheme_release(&s);
			return -1;
		}
		if (strcmp(x->d.scheme.code, s.code) != 0 || x->d.period != x->period) {
			kfq_error(err, "assess: run %" PRId64 " rated %s for %d, not %s for %d", run,
			          x->d.scheme.code, x->d.period, s.code, x->period);
			as_scheme_release(&s);
			return -1;
		}
		x->text_differs = strcmp(x->d.scheme.text, s.text) != 0;
		/* today's inputs, to say whether they changed since */
		if (assess_gather(db, &s, x->period, &cur, &e2) == 0) {
			x->current_ok = 1;
			x->changed = strcmp(cur.hash, x->d.stored_hash) == 0 ? 0 : assess_diff(&cur, &x->d);
			if (strcmp(cur.hash, x->d.stored_hash) != 0 && x->changed == 0)
				x->changed = 1;   /* an industry changed: the exclusions may differ */
			assess_data_release(&cur);
		} else {
			as_scheme_release(&s);
		}
	} else if (assess_gather(db, &s, x->period, &x->d, err) < 0) {
		as_scheme_release(&s);
		return -1;
	}
	in = assess_input(&x->d);
	if (as_compute(&x->d.scheme, &in, &x->r, err) < 0)
		return -1;
	x->have_r = 1;
	x->prev = xcalloc(x->d.n ? x->d.n : 1, sizeof *x->prev);
	x->has_prev = assess_period_ranks(db, &x->d, x->period - 1, x->prev, &x->prev_n, err);
	return x->has_prev < 0 ? -1 : 0;
}

/* ---- run ---- */

static int sub_run(struct actx *x)
{
	struct kfq_db *db = x->cli->db;
	int64_t run;
	if (load(x, 0) < 0 || assess_store(&x->cli->cx, db, &x->d, &x->r, &run, &x->cli->err) < 0)
		return -1;
	x->d.run = run;
	snprintf(x->d.stored_hash, sizeof x->d.stored_hash, "%s", x->d.hash);
	snprintf(x->d.at, sizeof x->d.at, "%s", x->cli->cx.now);
	snprintf(x->d.who, sizeof x->d.who, "%s", x->cli->cx.who);
	x->current_ok = 1;
	if (x->f != GRID_TABLE && !x->xlsx)
		cli_warn(x->cli, "stored run %" PRId64 "\n", run);
	return assess_sub_show(x);
}

static int sub_show(struct actx *x)
{
	return load(x, 1) < 0 ? -1 : assess_sub_show(x);
}

/* ---- classes ---- */

static int sub_classes(struct actx *x)
{
	static const char *const keys[] = { "class", "count", "share", "lowest", "highest" };
	static const char *const heads[] = { "类别", "个数", "占比%", "最低分", "最高分" };
	const struct as_scheme *s = &x->d.scheme;
	size_t nc, *count, nt = 0;
	double *lo, *hi;
	struct grid g;
	int rc;

	if (load(x, 1) < 0)
		return -1;
	if (s->class_rule == AS_CLASSES_NONE)
		return kfq_error(&x->cli->err, "%s: the scheme has no classes statement",
		                 x->a->h.pos[0]);
	nc = s->n_classes;
	count = xcalloc(nc + 1, sizeof *count);
	lo = xcalloc(nc + 1, sizeof *lo);
	hi = xcalloc(nc + 1, sizeof *hi);
	for (size_t e = 0; e < x->d.n; e++) {
		const struct as_entity_result *er = &x->r.ent[e];
		double sc = (double)er->published;
		if (er->class_ix < 0) {
			nt++;
			continue;
		}
		if (!count[er->class_ix] || sc < lo[er->class_ix])
			lo[er->class_ix] = sc;
		if (!count[er->class_ix] || sc > hi[er->class_ix])
			hi[er->class_ix] = sc;
		count[er->class_ix]++;
	}
	grid_init(&g, 5, keys, x->f == GRID_TABLE ? heads : NULL);
	grid_numeric(&g, 1);
	grid_numeric(&g, 2);
	grid_numeric(&g, 3);
	grid_numeric(&g, 4);
	for (size_t k = 0; k <= nc; k++) {
		size_t n = k < nc ? count[k] : nt;
		double scale = pow(10, x->r.decimals);
		grid_row(&g);
		grid_set(&g, 0, k < nc ? s->classes[k].name : "T");
		grid_setf(&g, 1, "%zu", n);
		grid_setf(&g, 2, "%.1f", x->d.n ? 100.0 * (double)n / (double)x->d.n : 0.0);
		if (k < nc && n) {
			grid_setf(&g, 3, "%.*f", x->r.decimals, lo[k] / scale);
			grid_setf(&g, 4, "%.*f", x->r.decimals, hi[k] / scale);
		}
	}
	assess_header(x, "分类");
	rc = assess_emit(x, &g, "classes");
	grid_release(&g);
	if (rc == 0 && x->f == GRID_TABLE && !x->xlsx) {
		static const char *const tk[] = { "code", "name", "reason" };
		static const char *const th[] = { "代码", "名称", "原因" };
		grid_init(&g, 3, tk, th);
		for (size_t i = 0; i < x->d.n; i++) {
			size_t e = x->r.order[i];
			if (x->r.ent[e].class_ix >= 0)
				continue;
			grid_row(&g);
			grid_set(&g, 0, x->d.ents[e].code);
			grid_set(&g, 1, x->d.ents[e].name);
			grid_set(&g, 2, x->r.ent[e].reason);
		}
		cli_section(x->cli->out, "不参评（T 类）", &g);
		grid_release(&g);
	}
	free(count);
	free(lo);
	free(hi);
	return rc;
}

/* ---- sensitivity ---- */

static int sub_sensitivity(struct actx *x)
{
	struct as_sens_opts o = { 1000, 1 };
	struct as_sens_result sr;
	struct as_input in;
	struct grid g;
	int zh;
	const char *v;
	int64_t n;
	int rc;

	if ((v = x->a->runs) != NULL) {
		if (parse_int("runs", v, 1, 1000000, &n, &x->cli->err) < 0)
			return -1;
		o.runs = (size_t)n;
	}
	if ((v = x->a->seed) != NULL) {
		if (parse_int("seed", v, 0, INT64_MAX, &n, &x->cli->err) < 0)
			return -1;
		o.seed = (uint64_t)n;
	}
	if (load(x, 1) < 0)
		return -1;
	in = assess_input(&x->d);
	if (as_sensitivity(&x->d.scheme, &in, &x->r, &o, &sr, &x->cli->err) < 0)
		return -1;
	zh = x->cli->msg_lang == KFQ_ZH;
	assess_sensitivity_grid(&x->d, &x->r, &sr, x->f == GRID_TABLE, &g);
	assess_header(x, "稳健性分析");
	if (x->f == GRID_TABLE && !x->xlsx)
		cli_say(x->cli, "Monte Carlo: %zu runs, seed %" PRIu64 ", weights ±%g%%%s%s; %zu runs "
		        "discarded\n\n", sr.runs, sr.seed, sr.weights,
		        sr.norms ? opt_text(zh, ", normalisations switched") : "",
		        sr.aggs ? opt_text(zh, ", aggregations switched") : "", sr.discarded);
	rc = assess_emit(x, &g, "sensitivity");
	grid_release(&g);
	if (rc == 0 && x->f == GRID_TABLE && !x->xlsx) {
		static const char *const pk[] = { "better", "worse", "ahead" };
		static const char *const ph[] = { "前者", "后者", "前者领先的比例%" };
		grid_init(&g, 3, pk, ph);
		for (size_t k = 0; k < sr.n_pairs; k++) {
			const struct as_sens_pair *p = &sr.pairs[k];
			grid_row(&g);
			grid_setf(&g, 0, "%d %s", x->r.ent[p->better].rank, x->d.ents[p->better].name);
			grid_setf(&g, 1, "%d %s", x->r.ent[p->worse].rank, x->d.ents[p->worse].name);
			grid_setf(&g, 2, "%.1f", 100.0 * p->ahead);
		}
		cli_section(x->cli->out, opt_text(zh, "cannot be told apart (the one above is ahead in "
		                                  "fewer than 95 runs in 100)"), &g);
		grid_release(&g);
	}
	as_sens_release(&sr);
	return rc;
}

/* ---- the dispatcher ---- */

static const struct subdef SUBS[] = {
	{ "run", "SCHEME", { "!period", "format", "output", NULL },
	  "rate the entities on the period's figures and store the run (scheme text, version, "
	  "inputs)" },
	{ "show", "SCHEME", { "!period", "entity", "explain", "run", "format", "output", NULL },
	  "the ranking: score, rank, change on the previous year's stored run, class, pillar "
	  "scores, rule breaches; --entity: its indicators beside the leader and the median; "
	  "--explain: why" },
	{ "classes", "SCHEME", { "!period", "run", "format", "output", NULL },
	  "how many in each class, and the T (not rated) with their reasons" },
	{ "sensitivity", "SCHEME", { "!period", "run", "runs", "seed", "format", "output", NULL },
	  "Monte Carlo: median rank and its 5th to 95th percentile per entity; neighbours that cannot be told "
	  "apart" },
	{ NULL },
};
static int (*const SUB_FN[])(struct actx *x) = {
	sub_run, sub_show, sub_classes, sub_sensitivity,
};

static int run(struct cli *cli, void *args)
{
	struct actx x;
	const char *sub;
	int64_t year;
	int rc;

	memset(&x, 0, sizeof x);
	x.cli = cli;
	x.a = args;
	sub = SUBS[x.a->h.sub].name;
	if (x.a->format == F_XLSX) {
		x.xlsx = 1;
		x.f = GRID_CSV;
		if (!x.a->output) {
			kfq_error(&cli->err, "assess %s: --format xlsx needs --output FILE", sub);
			return cli_fail(cli);
		}
	} else if (x.a->output) {
		kfq_error(&cli->err, "assess %s: --output is for --format xlsx", sub);
		return cli_fail(cli);
	} else {
		x.f = (enum grid_format)x.a->format;
	}
	if (!x.a->period) {
		kfq_error(&cli->err, "assess %s: --period is required (the year rated, e.g. 2017)", sub);
		return cli_fail(cli);
	}
	if (parse_int("period", x.a->period, 1900, 2999, &year, &cli->err) < 0)
		return cli_fail(cli);
	x.period = (int)year;
	rc = SUB_FN[x.a->h.sub](&x);
	if (x.have_r)
		as_result_release(&x.r);
	if (x.d.ents || x.d.scheme.code)
		assess_data_release(&x.d);
	free(x.prev);
	return rc == 0 ? EXIT_OK : cli_fail(cli);
}

const struct cmd CMD_ASSESS = {
	{ "assess", NULL,
	  "composite assessments (综合考核, 亩均效益评价): rank, classes, why, robustness", 0, 0,
	  OPTS, SUBS,
	  "SCHEME is a scheme file (docs/formats.md, \"Assessment schemes\"; examples in\n"
	  "docs/examples/schemes/). show, classes and sensitivity read the latest stored run of\n"
	  "the scheme for the period (recomputed from what was stored) and say when today's inputs\n"
	  "differ; with no stored run they rate today's figures without storing them. Method:\n"
	  "docs/assess.md.\n", NULL },
	run, NEED_DB, sizeof(struct assess_args), &DEFAULTS,
};
