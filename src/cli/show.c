/* show.c: kfq show INDICATOR [--unit CODE] [--period P] [--by children]
 * [--measure M] [--format table|csv|json]. */
#include "cli/cli.h"
#include "calc/figure.h"
#include "model/model.h"
#include "model/obs.h"
#include "report/bulletin.h"
#include "report/grid.h"

#include <stddef.h>
#include <string.h>

struct show_args {
	struct cli_args h;
	const char *unit;
	struct period period;
	int by;           /* -1, or BY_CHILDREN */
	const char *measure;
	int format;       /* enum grid_format */
};

static const char *const BY[] = { "children", NULL };

#define A struct show_args
static const struct optdef OPTS[] = {
	OPTION("unit", OPT_TEXT, A, unit, "CODE", "the unit (default: the top-level unit)"),
	OPTION("period", OPT_PERIOD, A, period, "P",
	  "2017, 2017Q3, 2017-08, 2017年1-8月 ... (default: the latest data)"),
	OPTION_CHOICE("by", A, by, "children", "also a row for each child unit", BY, NULL),
	OPTION("measure", OPT_TEXT, A, measure, "M", "show values in this measure (万元, 亿元 ...)"),
	OPTION_CHOICE("format", A, format, "F", "the format; table by default", CLI_FORMATS, NULL),
	OPTION_END,
};
#undef A
static const struct show_args DEFAULTS = { { .sub = -1 }, NULL, { 0 }, -1, NULL, GRID_TABLE };

enum { S_UNIT, S_IND, S_PERIOD, S_MEASURE, S_VALUE, S_YTD, S_PRIOR, S_GROWTH, S_CGROWTH,
       S_TARGET, S_COMPLETION, S_RANK, S_SHARE, S_NCOLS };
static const char *const KEYS[S_NCOLS] = {
	"unit", "indicator", "period", "measure", "value", "ytd", "prior", "growth",
	"comparable_growth", "target", "completion", "rank", "share",
};
static const char *const HEADS[S_NCOLS] = {
	"单位", "指标", "期间", "计量单位", "本期", "累计", "上年同期", "同比(%)", "同口径(%)",
	"目标", "完成(%)", "位次", "占比(%)",
};

static void put_tenths(struct grid *g, size_t col, int ok, int64_t t)
{
	char buf[32];
	if (ok) {
		dec_format_tenths(t, buf, sizeof buf);
		grid_set(g, col, buf);
	}
}

static int add_row(struct figure_ctx *fc, size_t ind, size_t u, const struct period *p,
                   const struct measure *m, int decimals, struct grid *g, enum grid_format f,
                   struct kfq_err *err)
{
	const struct indicator *d = &fc->inds->v[ind];
	struct figure fig;
	char buf[64];

	if (figure_get(fc, ind, u, p, &fig, err) < 0)
		return -1;
	grid_row(g);
	grid_set(g, S_UNIT, f == GRID_TABLE ? fc->units->v[u].name : fc->units->v[u].code);
	grid_set(g, S_IND, f == GRID_TABLE ? d->name_zh : d->code);
	period_format(p, buf, sizeof buf);
	grid_set(g, S_PERIOD, buf);
	grid_set(g, S_MEASURE, m->name);
#define VAL(bit, col, v) if (fig.has & (bit)) { \
		dec_format((v), m->shift, decimals, buf, sizeof buf); grid_set(g, (col), buf); }
	VAL(FIG_VALUE, S_VALUE, fig.value);
	VAL(FIG_YTD, S_YTD, fig.ytd);
	VAL(FIG_PRIOR, S_PRIOR, fig.prior);
	VAL(FIG_TARGET, S_TARGET, fig.target);
#undef VAL
	put_tenths(g, S_GROWTH, fig.has & FIG_GROWTH, fig.growth);
	put_tenths(g, S_CGROWTH, fig.has & FIG_CGROWTH, fig.cgrowth);
	put_tenths(g, S_COMPLETION, fig.has & FIG_COMPLETION, fig.completion);
	if (fig.has & FIG_RANK)
		grid_setf(g, S_RANK, "%d", fig.rank);
	if (f != GRID_CSV)
		put_tenths(g, S_SHARE, fig.has & FIG_SHARE, fig.share);
	return 0;
}

static int run(struct cli *cli, void *args)
{
	struct show_args *a = args;
	const int by = a->by >= 0;
	const char *ms = a->measure;
	struct kfq_model m;
	struct figure_ctx fc;
	struct period p = a->period;
	struct grid g;
	enum grid_format f = (enum grid_format)a->format;
	const struct measure *meas;
	long ind, u;
	int rc = EXIT_OK, decimals;

	if (model_load(cli->db, &m, &cli->err) < 0)
		return cli_fail(cli);
	if ((ind = indicators_need(&m.inds, a->h.pos[0], &cli->err)) < 0 ||
	    (u = model_unit_or_root(&m, a->unit, &cli->err)) < 0)
		goto fail;
	if (!p.year) {
		/* the latest data: the year to date at its latest month */
		int found = obs_latest_period(cli->db, m.inds.v[ind].id, &p, &cli->err);
		if (found < 0)
			goto fail;
		if (!found) {
			kfq_error(&cli->err, "indicator \"%s\" has no data yet; give --period",
			          m.inds.v[ind].code);
			goto fail;
		}
	}
	meas = m.inds.v[ind].measure;
	decimals = m.inds.v[ind].decimals;
	if (ms) {
		const struct measure *want = measure_find(ms, &cli->err);
		if (!want || measure_compatible(meas, want, &cli->err) < 0)
			goto fail;
		meas = want;
	}
	figure_ctx_init(&fc, cli->db, &m.units, &m.inds);
	grid_init(&g, f == GRID_CSV ? S_NCOLS - 1 : S_NCOLS, KEYS, f == GRID_TABLE ? HEADS : KEYS);
	for (int k = S_VALUE; k < (int)g.ncols; k++)
		if (k != S_RANK || f != GRID_TABLE)
			grid_numeric(&g, (size_t)k);
	if (add_row(&fc, (size_t)ind, (size_t)u, &p, meas, decimals, &g, f, &cli->err) < 0)
		rc = -1;
	if (by && rc == 0)
		for (size_t k = 0; k < m.units.v[u].nchildren; k++)
			if (add_row(&fc, (size_t)ind, m.units.v[u].children[k], &p, meas, decimals, &g, f,
			            &cli->err) < 0) {
				rc = -1;
				break;
			}
	if (rc == 0)
		grid_write(&g, f, cli->out);
	grid_release(&g);
	figure_ctx_release(&fc);
	model_release(&m);
	return rc == 0 ? EXIT_OK : cli_fail(cli);
fail:
	model_release(&m);
	return cli_fail(cli);
}

const struct cmd CMD_SHOW = {
	{ "show", "INDICATOR", "the figures of an indicator for a unit and period", 1, 1, OPTS, NULL,
	  "Columns: value, year to date, same period last year, growth, comparable growth\n"
	  "(同口径), target, completion, share of the parent, rank among siblings.\n", NULL },
	run, NEED_DB, sizeof(struct show_args), &DEFAULTS,
};
