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
#include <stdlib.h>
#include <string.h>

const struct opt INDEX_OPTS[] = {
	{ "period", "P", "the month (2017-08, 2017年8月 ...)" },
	{ "base", "P", "compute: the reference month = 100 (default 2016-12)" },
	{ "formula", "F", "compute: jevons (default), dutot or carli, for elementary aggregates" },
	{ "outlier-k", "K", "compute: flag relatives outside median ÷ K … median × K (default 2; "
	  "0: none)" },
	{ "max-impute", "N", "compute: an item missing more than N months in a row drops out "
	  "(default 2; 0: no limit)" },
	{ "unit", "CODE", "compute: the unit the core figures belong to (default: the one used "
	  "before, else the top-level unit)" },
	{ "revise", "REASON", "compute: revise published months, with this reason (kept in "
	  "history)" },
	{ "category", "C", "show: a category code (default: the total)" },
	{ "channel", "CH", "show: factory, wholesale or online (出厂, 批发市场, 网络零售; default: "
	  "all)" },
	{ "from", "P", "show: the first month" },
	{ "to", "P", "show: the last month" },
	{ "rebase", "P", "show: levels rebased so that this month, quarter or year (average) is 100" },
	{ "format", "F", "table, csv or json" },
	{ NULL, NULL, NULL },
};

const char *index_opt(const struct ictx *x, const char *name)
{
	return opt_get(x->c, x->ov, name);
}

void index_fmt(char *buf, size_t n, double x, int decimals)
{
	double r = pi_round(x, decimals);
	if (r == 0)
		r = 0;   /* no "-0.0" */
	snprintf(buf, n, "%.*f", decimals, r);
}

/* A month option: 0 with *year, *month; -1 with a message. */
static int month_opt(struct ictx *x, const char *name, int *year, int *month)
{
	const char *s = index_opt(x, name);
	struct period p;
	if (period_parse(s, &p, &x->cli->err) < 0)
		return kfq_err_prefix(&x->cli->err, "index %s: --%s", x->sub, name);
	if (p.kind != PERIOD_MONTH)
		return kfq_error(&x->cli->err, "index %s: --%s \"%s\": expected a month (2017-08, "
		                 "2017年8月)", x->sub, name, s);
	*year = p.year;
	*month = p.first;
	return 0;
}

/* ---- compute ---- */

static int parse_number(struct ictx *x, const char *name, double *v)
{
	const char *s = index_opt(x, name);
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
	const char *fs = index_opt(x, "formula");
	double k, mi;
	size_t n;
	int f;

	ixcalc_settings_default(&s);
	s.year = x->year;
	s.month = x->month;
	if (index_opt(x, "base") && month_opt(x, "base", &s.base_year, &s.base_month) < 0)
		return -1;
	if (fs) {
		if ((f = ixcalc_formula_parse(fs)) < 0)
			return kfq_error(&x->cli->err, "index compute: --formula \"%s\" (expected jevons, "
			                 "dutot or carli)", fs);
		s.formula = (enum pi_formula)f;
	}
	k = s.outlier_k;
	mi = s.max_impute;
	if (parse_number(x, "outlier-k", &k) < 0 || parse_number(x, "max-impute", &mi) < 0)
		return -1;
	if (k != 0 && !(k > 1))
		return kfq_error(&x->cli->err, "index compute: --outlier-k %g: expected a number "
		                 "greater than 1, or 0 for no outlier flags", k);
	if (mi < 0 || mi != floor(mi) || mi > 1000)
		return kfq_error(&x->cli->err, "index compute: --max-impute %g: expected a whole number "
		                 "from 0 (no limit) to 1000", mi);
	s.outlier_k = k;
	s.max_impute = (int)mi;
	s.unit = index_opt(x, "unit");
	s.revise = index_opt(x, "revise");
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

enum { V_PERIOD, V_LEVEL, V_MOM, V_YOY, V_PUBLISHED, V_REVISION, V_N };
static const char *const V_KEYS[V_N] = { "period", "level", "mom", "yoy", "published",
                                         "revision" };
static const char *const V_HEADS[V_N] = { "期间", "指数", "环比(%)", "同比(%)", "已发布",
                                          "修订" };

static int sub_show(struct ictx *x)
{
	const char *rb = index_opt(x, "rebase"), *ch = index_opt(x, "channel"),
	           *cat = index_opt(x, "category");
	struct period rp;
	int from = 0, to = 0, y, m;
	struct ixcalc_point *v;
	size_t n;
	struct grid g;
	char buf[32];

	if (index_opt(x, "from")) {
		if (month_opt(x, "from", &y, &m) < 0)
			return -1;
		from = y * 100 + m;
	}
	if (index_opt(x, "to")) {
		if (month_opt(x, "to", &y, &m) < 0)
			return -1;
		to = y * 100 + m;
	}
	if (rb && period_parse(rb, &rp, &x->cli->err) < 0)
		return kfq_err_prefix(&x->cli->err, "index show: --rebase");
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
	grid_init(&g, V_N, V_KEYS, x->f == GRID_TABLE ? V_HEADS : V_KEYS);
	for (int k = V_LEVEL; k < V_N; k++)
		grid_numeric(&g, (size_t)k);
	for (size_t i = 0; i < n; i++) {
		grid_row(&g);
		grid_setf(&g, V_PERIOD, "%04d-%02d", v[i].year, v[i].month);
		index_fmt(buf, sizeof buf, v[i].level, 2);
		grid_set(&g, V_LEVEL, buf);
		if (v[i].has_mom) {
			index_fmt(buf, sizeof buf, v[i].mom, 1);
			grid_set(&g, V_MOM, buf);
		}
		if (v[i].has_yoy) {
			index_fmt(buf, sizeof buf, v[i].yoy, 1);
			grid_set(&g, V_YOY, buf);
		}
		if (x->f == GRID_TABLE)
			grid_set(&g, V_PUBLISHED, v[i].published ? "是" : "");
		else
			grid_setf(&g, V_PUBLISHED, "%d", v[i].published);
		grid_setf(&g, V_REVISION, "%d", v[i].revision);
	}
	grid_write(&g, x->f, x->cli->out);
	grid_release(&g);
	free(v);
	return 0;
}

/* ---- the subcommands ---- */

static const struct subcmd SUBS[] = {
	{ "compute", 0, { "period", "base", "formula", "outlier-k", "max-impute", "unit", "revise",
	                  NULL } },
	{ "publish", 0, { "period", NULL } },
	{ "show", 0, { "category", "channel", "from", "to", "rebase", "format", NULL } },
	{ "contributions", 0, { "period", "format", NULL } },
	{ "flags", 0, { "period", "format", NULL } },
	{ "prosperity", 0, { "period", "format", NULL } },
	{ "superlative", 0, { "period", "format", NULL } },
};
static int (*const SUB_FN[])(struct ictx *x) = {
	sub_compute, sub_publish, sub_show, index_sub_contributions, index_sub_flags,
	index_sub_prosperity, index_sub_superlative,
};
#define NSUBS (sizeof SUBS / sizeof SUBS[0])

int cmd_index(struct cli *cli, const struct optv *ov)
{
	struct ictx x;
	int si;

	memset(&x, 0, sizeof x);
	x.cli = cli;
	x.c = cmd_find("index");
	x.ov = ov;
	if ((si = subcmd_find(x.c, ov, SUBS, NSUBS, &cli->err)) < 0)
		return cli_fail(cli);
	x.sub = SUBS[si].name;
	if (grid_parse_format(index_opt(&x, "format"), 0, &x.f, &cli->err) < 0)
		return cli_fail(cli);
	if (subcmd_takes(&SUBS[si], "period")) {
		if (!index_opt(&x, "period")) {
			kfq_error(&cli->err, "index %s: --period is required (a month: 2017-08)", x.sub);
			return cli_fail(cli);
		}
		if (month_opt(&x, "period", &x.year, &x.month) < 0)
			return cli_fail(cli);
	}
	return SUB_FN[si](&x) == 0 ? EXIT_OK : cli_fail(cli);
}
