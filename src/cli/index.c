/* index.c: kfq index compute|publish|show|contributions|flags|prosperity|
 * superlative: the China Danyang Eyewear Index (中国丹阳眼镜指数). This file
 * holds the option table, the dispatcher (cmd_index) and three
 * subcommands: compute (index/ixcalc computes and stores), publish (freezes
 * months) and show (one stored series, rebased on request); the reports
 * are in index_report.c. It computes no figure itself. Depends on libkfq. */
#include "cli/index_cmd.h"
#include "base/period.h"
#include "index/ixcalc.h"
#include "index/priceindex.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#define A struct index_args
static const struct optdef OPTS[] = {
	OPTION("period", OPT_PERIOD, A, period, "P", "the month (2017-08, 2017年8月 ...)"),
	OPTION("base", OPT_PERIOD, A, base, "P",
	  "compute: the reference month = 100 (default 2016-12)"),
	OPTION("formula", OPT_TEXT, A, formula, "F",
	  "compute: jevons (default), dutot or carli, for elementary aggregates"),
	OPTION("outlier-k", OPT_TEXT, A, outlier_k, "K",
	  "compute: flag relatives outside median ÷ K … median × K (default 2; 0: none)"),
	OPTION("max-impute", OPT_TEXT, A, max_impute, "N",
	  "compute: an item missing more than N months in a row drops out (default 2; 0: no "
	  "limit)"),
	OPTION("unit", OPT_TEXT, A, unit, "CODE",
	  "compute: the unit the core figures belong to (default: the one used before, else "
	  "the top-level unit)"),
	OPTION("revise", OPT_TEXT, A, revise, "REASON",
	  "compute: revise published months, with this reason (kept in history)"),
	OPTION("category", OPT_TEXT, A, category, "C",
	  "show: a category code (default: the total)"),
	OPTION("channel", OPT_TEXT, A, channel, "CH",
	  "show: factory, wholesale or online (出厂, 批发市场, 网络零售; default: all)"),
	OPTION("from", OPT_PERIOD, A, from, "P", "show: the first month"),
	OPTION("to", OPT_PERIOD, A, to, "P", "show: the last month"),
	OPTION("rebase", OPT_PERIOD, A, rebase, "P",
	  "show: levels rebased so that this month, quarter or year (average) is 100"),
	OPTION_CHOICE("format", A, format, "F", "the format; table by default", CLI_FORMATS, NULL),
	OPTION_END,
};
#undef A
static const struct index_args DEFAULTS = { .h = { .sub = -1 }, .format = GRID_TABLE };

/* A month option's period: 0 with *year, *month; -1 with a message. */
static int month_opt(struct ictx *x, const char *name, const struct period *p, int *year,
                     int *month)
{
	char text[32];
	if (p->kind != PERIOD_MONTH) {
		period_format(p, text, sizeof text);
		return kfq_error(&x->cli->err, "index %s: --%s \"%s\": expected a month (2017-08, "
		                 "2017年8月)", x->sub, name, text);
	}
	*year = p->year;
	*month = p->first;
	return 0;
}

/* ---- compute ---- */

static int parse_number(struct ictx *x, const char *name, const char *s, double *v)
{
	char *end;
	if (!s)
		return 0;
	*v = strtod(s, &end);
	if (end == s || *end || !isfinite(*v))
		return kfq_error(&x->cli->err, "index compute: --%s \"%s\": expected a number", name, s);
	return 0;
}

/* Append "%" to the text in buf. */
static void add_pct(char *buf, size_t n)
{
	size_t len = strlen(buf);
	if (len + 1 < n) {
		buf[len] = '%';
		buf[len + 1] = 0;
	}
}

static int sub_compute(struct ictx *x)
{
	struct ixcalc_settings s;
	struct ixcalc_summary sum;
	struct ixcalc_point *v;
	const char *fs = x->a->formula;
	double k, mi;
	size_t n;
	int f;

	ixcalc_settings_default(&s);
	s.year = x->year;
	s.month = x->month;
	if (x->a->base.year && month_opt(x, "base", &x->a->base, &s.base_year, &s.base_month) < 0)
		return -1;
	if (fs) {
		if ((f = ixcalc_formula_parse(fs)) < 0)
			return kfq_error(&x->cli->err, "index compute: --formula \"%s\" (expected jevons, "
			                 "dutot or carli)", fs);
		s.formula = (enum pi_formula)f;
	}
	k = s.outlier_k;
	mi = s.max_impute;
	if (parse_number(x, "outlier-k", x->a->outlier_k, &k) < 0 ||
	    parse_number(x, "max-impute", x->a->max_impute, &mi) < 0)
		return -1;
	if (k != 0 && !(k > 1))
		return kfq_error(&x->cli->err, "index compute: --outlier-k %g: expected a number "
		                 "greater than 1, or 0 for no outlier flags", k);
	if (mi < 0 || mi != floor(mi) || mi > 1000)
		return kfq_error(&x->cli->err, "index compute: --max-impute %g: expected a whole number "
		                 "from 0 (no limit) to 1000", mi);
	s.outlier_k = k;
	s.max_impute = (int)mi;
	s.unit = x->a->unit;
	s.revise = x->a->revise;
	if (ixcalc_compute(&x->cli->cx, x->cli->db, &s, &sum, &x->cli->err) < 0)
		return kfq_err_prefix(&x->cli->err, "index compute");
	fprintf(x->cli->out, "computed %04d-%02d to %04d-%02d (%zu months, base %04d-%02d = 100, "
	        "%s): %zu items in %zu elementary aggregates, %zu quotes\n", s.base_year,
	        s.base_month, s.year, s.month, sum.nmonths, s.base_year, s.base_month,
	        ixcalc_formula_name(s.formula), sum.nitems, sum.nea, sum.nquotes);
	fprintf(x->cli->out, "flags: %zu outliers, %zu imputed prices, %zu replacements "
	        "(kfq index flags --period P)\n", sum.noutliers, sum.nimputed, sum.nreplaced);
	fprintf(x->cli->out, "prosperity: %zu month%s with survey answers\n", sum.nprosperity,
	        sum.nprosperity == 1 ? "" : "s");
	if (sum.nrevised)
		fprintf(x->cli->out, "revised %zu published month%s (%zu series; kept in history)\n",
		        sum.nrevised, sum.nrevised == 1 ? "" : "s", sum.nrevised_series);
	fprintf(x->cli->out, "core figures of unit %s (kfq show): eyewear_pi, eyewear_pi_<channel>, "
	        "eyewear_pi_<category>, eyewear_prosperity\n", sum.unit);
	if (ixcalc_series(x->cli->db, "", "", NULL, 0, 0, &v, &n, &x->cli->err) == 0 && n) {
		char lv[32], mom[32], yoy[32];
		const struct ixcalc_point *p = &v[n - 1];
		index_fmt(lv, sizeof lv, p->level, 2);
		index_fmt(mom, sizeof mom, p->mom, 1);
		index_fmt(yoy, sizeof yoy, p->yoy, 1);
		if (p->has_mom)
			add_pct(mom, sizeof mom);
		if (p->has_yoy)
			add_pct(yoy, sizeof yoy);
		fprintf(x->cli->out, "%04d-%02d: total %s (month on month %s, year on year %s)\n",
		        p->year, p->month, lv, p->has_mom ? mom : "-", p->has_yoy ? yoy : "-");
	}
	free(v);
	return 0;
}

/* ---- publish ---- */

static int sub_publish(struct ictx *x)
{
	int *mv;
	size_t n;
	if (ixcalc_publish(&x->cli->cx, x->cli->db, x->year, x->month, &mv, &n, &x->cli->err) < 0)
		return kfq_err_prefix(&x->cli->err, "index publish");
	if (n == 0)
		fprintf(x->cli->out, "nothing to freeze: every computed month up to %04d-%02d is "
		        "published already\n", x->year, x->month);
	else
		fprintf(x->cli->out, "published (frozen) %zu month%s: %04d-%02d to %04d-%02d; they "
		        "change only by kfq index compute --revise REASON\n", n, n == 1 ? "" : "s",
		        mv[0] / 100, mv[0] % 100, mv[n - 1] / 100, mv[n - 1] % 100);
	free(mv);
	return 0;
}

/* ---- show ---- */

static int sub_show(struct ictx *x)
{
	const int rb = x->a->rebase.year != 0;
	const char *ch = x->a->channel, *cat = x->a->category;
	struct period rp = x->a->rebase;
	int from = 0, to = 0, y = 0, m = 0;
	struct ixcalc_point *v;
	size_t n;
	struct grid g;

	if (x->a->from.year) {
		if (month_opt(x, "from", &x->a->from, &y, &m) < 0)
			return -1;
		from = y * 100 + m;
	}
	if (x->a->to.year) {
		if (month_opt(x, "to", &x->a->to, &y, &m) < 0)
			return -1;
		to = y * 100 + m;
	}
	if (ixcalc_series(x->cli->db, ch, cat, rb ? &rp : NULL, from, to, &v, &n, &x->cli->err) < 0)
		return kfq_err_prefix(&x->cli->err, "index show");
	if (x->f == GRID_TABLE) {
		struct ixcalc_month *mv;
		size_t nm;
		char base[32] = "";
		if (rb)
			period_label_zh(&rp, base, sizeof base);
		else if (ixcalc_months(x->cli->db, &mv, &nm, &x->cli->err) == 0) {
			if (nm)
				snprintf(base, sizeof base, "%.7s", strstr(mv[nm - 1].settings, "base=") ?
				         strstr(mv[nm - 1].settings, "base=") + 5 : "");
			free(mv);
		}
		int ci = ch ? ix_channel_parse(ch) : -1;
		fprintf(x->cli->out, "中国丹阳眼镜价格指数 %s%s%s%s（%s = 100）\n",
		        ch ? "渠道 " : "", ci >= 0 ? IX_CHANNEL_ZH[ci] : ch ? ch : "",
		        cat ? (ch ? "，类别 " : "类别 ") : "",
		        cat ? cat : (ch ? "" : "总指数"), base);
	}
	index_series_grid(v, n, x->f == GRID_TABLE, &g);
	grid_write(&g, x->f, x->cli->out);
	grid_release(&g);
	free(v);
	return 0;
}

/* ---- the subcommands ---- */

static const struct subdef SUBS[] = {
	{ "compute", NULL, { "!period", "base", "formula", "outlier-k", "max-impute", "unit", "revise",
	                     NULL },
	  "compute the price and prosperity indices for every month from the base (= 100) to P, "
	  "store them and publish eyewear_pi, eyewear_pi_<channel>, eyewear_pi_<category> and "
	  "eyewear_prosperity into the core; a published month that would change is refused unless "
	  "--revise gives the reason" },
	{ "publish", NULL, { "!period", NULL }, "freeze every computed month up to P" },
	{ "show", NULL, { "category", "channel", "from", "to", "rebase", "format", NULL },
	  "a series: level (2 decimals), month-on-month and year-on-year change (%, 1 decimal), "
	  "published" },
	{ "contributions", NULL, { "!period", "format", NULL },
	  "each top-level category's and channel's contribution (percentage points) to the total's "
	  "change; they add up to it exactly" },
	{ "flags", NULL, { "!period", "format", NULL }, "outliers, imputed prices, replacements" },
	{ "prosperity", NULL, { "!period", "format", NULL },
	  "per survey and question: counts, shares, diffusion index; composites; the overall index" },
	{ "superlative", NULL, { "!period", "format", NULL },
	  "per elementary aggregate, month on month: the formula against Fisher and Törnqvist" },
	{ NULL },
};
static int (*const SUB_FN[])(struct ictx *x) = {
	sub_compute, sub_publish, sub_show, index_sub_contributions, index_sub_flags,
	index_sub_prosperity, index_sub_superlative,
};

static int run(struct cli *cli, void *args)
{
	struct ictx x;
	const struct subdef *s;

	memset(&x, 0, sizeof x);
	x.cli = cli;
	x.a = args;
	s = &SUBS[x.a->h.sub];
	x.sub = s->name;
	x.f = (enum grid_format)x.a->format;
	if (strcmp(s->opts[0], "!period") == 0) {
		if (month_opt(&x, "period", &x.a->period, &x.year, &x.month) < 0)
			return cli_fail(cli);
	}
	return SUB_FN[x.a->h.sub](&x) == 0 ? EXIT_OK : cli_fail(cli);
}

const struct cmd CMD_INDEX = {
	{ "index", NULL,
	  "the China Danyang Eyewear Index (中国丹阳眼镜指数): compute, publish, show, reports", 0,
	  0, OPTS, SUBS, "The method: docs/index.md. Formats of the data: docs/formats.md.\n",
	  NULL },
	run, NEED_DB, sizeof(struct index_args), &DEFAULTS,
};
