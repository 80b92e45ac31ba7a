/* project.c: kfq project list|show|stats|warn: the key-project register
 * (重点项目) as a project office reads it. This file holds the option
 * table, the dispatcher (cmd_project), the helpers the subcommands share
 * (project_cmd.h), and the two short subcommands: list (the projects) and
 * stats (the office's figures for a unit and period); show is in
 * project_show.c, warn in project_warn.c. Every figure comes from
 * calc/figure (figure_get, figure_value); this command counts nothing
 * itself, it reads the register and prints. Depends on libkfq. */
#include "cli/project_cmd.h"
#include "base/xalloc.h"
#include "project/project.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define A struct project_args
static const struct optdef OPTS[] = {
	OPTION_CHOICE("status", A, status, "S",
	  "list: only this status", PROJECT_STATUS, PROJECT_STATUS_ZH),
	OPTION("park", OPT_TEXT, A, park, "CODE", "list: only the projects under this park"),
	OPTION("late", OPT_FLAG, A, late, NULL, "list: only projects late to start"),
	OPTION("period", OPT_PERIOD, A, period, "P",
	  "stats: the period (2017, 2017-08, 2017年1-8月 ...)"),
	OPTION("unit", OPT_TEXT, A, unit, "CODE",
	  "stats, warn: the unit (default: the top-level unit)"),
	OPTION("date", OPT_DATE, A, date, "D",
	  "list, show, warn: the day to judge on (default: today, or $KFQ_TODAY)"),
	OPTION("threshold", OPT_INT, A, threshold, "N",
	  "warn: points behind the share of the year elapsed (0 to 100, default 10)"),
	OPTION_CHOICE("format", A, format, "F", "the format; table by default", CLI_FORMATS, NULL),
	OPTION_END,
};
#undef A
static const struct project_args DEFAULTS = { { .sub = -1 }, -1, NULL, 0, { 0 }, NULL, { 0 }, 10,
                                              GRID_TABLE };

/* The register: one row per project, in the columns Q_CODE ... of project_cmd.h. */
static const char SQL_PROJECTS[] =
	"SELECT u.code, u.name, p.category, pu.code, pu.name, o.code, u.industry, p.key_level, "
	"p.total_inv, p.planned_start, p.planned_end, p.actual_start, p.actual_end, p.production, "
	"p.status, p.status_reason, p.milestones FROM project p JOIN unit u ON u.id = p.unit_id "
	"LEFT JOIN unit pu ON pu.id = u.parent_id LEFT JOIN unit o ON o.id = p.owner_id "
	"WHERE ?1 IS NULL OR u.code = ?1 ORDER BY u.code";

int project_load(struct pctx *x, const char *code)
{
	struct kfq_stmt *st;
	size_t cap = 0;
	int rc;

	if (db_prepare(x->cli->db, SQL_PROJECTS, &st, &x->cli->err) < 0)
		return -1;
	if (code)
		st_bind_text(st, 1, code);
	while ((rc = st_step(st)) == ST_ROW) {
		struct prow *r;
		XGROW(x->rows, x->nrows + 1, cap);
		r = &x->rows[x->nrows++];
		for (int k = 0; k < Q_N; k++) {
			const char *s = st_text(st, k);
			r->col[k] = s && *s ? xstrdup(s) : NULL;
		}
		r->u = units_find(&x->m.units, r->col[Q_CODE]);
		r->inv = indicators_find(&x->m.inds, project_inv_indicator(r->col[Q_CAT]));
	}
	st_finalize(st);
	return rc == ST_DONE ? 0 : db_fault(x->cli->db, &x->cli->err, "reading projects");
}

void project_put_money(const struct pctx *x, struct grid *g, size_t col, dec v)
{
	char buf[64];
	dec_format(v, x->shift, x->decimals, buf, sizeof buf);
	grid_set(g, col, buf);
}

const char *project_status_text(const struct pctx *x, const char *s)
{
	for (int i = 0; s && PROJECT_STATUS[i]; i++)
		if (strcmp(s, PROJECT_STATUS[i]) == 0)
			return x->f == GRID_TABLE ? PROJECT_STATUS_ZH[i] : s;
	return s;
}

int project_latest_ytd(struct pctx *x, long ind, size_t u, int year, int month,
                       struct figure *f, struct period *at)
{
	int m = month, r = 0;
	dec v;
	for (; m >= 1; m--)
		if ((r = figure_value(&x->fc, (size_t)ind, u, year, 1, m, year, &v, &x->cli->err)) != 0)
			break;
	if (r < 0)
		return -1;
	if (!r)
		m = month;
	at->year = year;
	at->kind = m == 12 ? PERIOD_YEAR : PERIOD_YTD;
	at->first = 1;
	at->last = m;
	return figure_get(&x->fc, (size_t)ind, u, at, f, &x->cli->err) < 0 ? -1 : r;
}

/* ---- list ---- */

enum { L_CODE, L_NAME, L_CAT, L_PARK, L_STATUS, L_PSTART, L_ASTART, L_TOTAL, L_PLAN, L_YTD,
       L_THROUGH, L_N };
static const char *const L_KEYS[L_N] = {
	"code", "name", "category", "park", "status", "planned_start", "actual_start",
	"total_investment", "plan", "ytd_investment", "ytd_period",
};
static const char *const L_HEADS[L_N] = {
	"项目代码", "项目名称", "类别", "所在园区", "状态", "计划开工", "实际开工", "总投资(亿元)",
	"年度计划(亿元)", "累计完成(亿元)", "截至",
};

/* Late to start at today: the planned month has passed without a start, or
 * it started after the planned month. */
static int is_late(const struct pctx *x, const struct prow *r)
{
	char month[16], day[16];
	const char *ps = r->col[Q_PSTART], *as = r->col[Q_ASTART];
	if (!ps)
		return 0;
	snprintf(month, sizeof month, "%04d-%02d", x->today.year, x->today.month);
	date_format(&x->today, day, sizeof day);
	if (!as || strcmp(as, day) > 0)
		return strcmp(ps, month) < 0;
	return strncmp(as, ps, 7) > 0;
}

/* The park named by --park: a unit of kind park, or one that has projects. */
static int list_park(struct pctx *x, long *park)
{
	const char *s = x->a->park;
	const struct unit_set *us = &x->m.units;
	char *known = xstrdup("");
	*park = -1;
	if (!s) {
		free(known);
		return 0;
	}
	for (size_t i = 0; i < us->n; i++) {
		int has_projects = 0;
		for (size_t k = 0; k < us->v[i].nchildren && !has_projects; k++)
			has_projects = strcmp(us->v[us->v[i].children[k]].kind, "project") == 0;
		if (!has_projects && strcmp(us->v[i].kind, "park") != 0)
			continue;
		if (strcmp(us->v[i].code, s) == 0) {
			*park = (long)i;
			free(known);
			return 0;
		}
		char *more = xasprintf("%s%s%s", known, *known ? ", " : "", us->v[i].code);
		free(known);
		known = more;
	}
	kfq_error(&x->cli->err, "project list: --park \"%s\" is not a park (expected one of: %s)", s,
	          *known ? known : "none yet; import units first");
	free(known);
	return -1;
}

static int sub_list(struct pctx *x)
{
	const char *status = x->a->status >= 0 ? PROJECT_STATUS[x->a->status] : NULL;
	long park;
	struct grid g;
	int rc = 0;

	if (list_park(x, &park) < 0 || project_load(x, NULL) < 0)
		return -1;
	grid_init(&g, L_N, L_KEYS, x->f == GRID_TABLE ? L_HEADS : L_KEYS);
	for (int k = L_TOTAL; k <= L_YTD; k++)
		grid_numeric(&g, (size_t)k);
	for (size_t i = 0; i < x->nrows && rc == 0; i++) {
		const struct prow *r = &x->rows[i];
		char buf[64];
		if ((status && strcmp(r->col[Q_STATUS], status) != 0) ||
		    (park >= 0 && (r->u < 0 || !units_within(&x->m.units, (size_t)r->u, (size_t)park))) ||
		    (x->a->late && !is_late(x, r)))
			continue;
		grid_row(&g);
		grid_set(&g, L_CODE, r->col[Q_CODE]);
		grid_set(&g, L_NAME, r->col[Q_NAME]);
		grid_set(&g, L_CAT, r->col[Q_CAT]);
		grid_set(&g, L_PARK, r->col[x->f == GRID_TABLE ? Q_PARKNAME : Q_PARK]);
		grid_set(&g, L_STATUS, project_status_text(x, r->col[Q_STATUS]));
		grid_set(&g, L_PSTART, r->col[Q_PSTART]);
		grid_set(&g, L_ASTART, r->col[Q_ASTART]);
		project_put_money(x, &g, L_TOTAL,
		                  r->col[Q_TOTAL] ? strtoll(r->col[Q_TOTAL], NULL, 10) : 0);
		if (r->inv >= 0 && r->u >= 0) {
			struct figure f;
			struct period at;
			int got = project_latest_ytd(x, r->inv, (size_t)r->u, x->today.year,
			                             x->today.month, &f, &at);
			if (got < 0) {
				rc = -1;
				break;
			}
			if (f.has & FIG_TARGET)
				project_put_money(x, &g, L_PLAN, f.target);
			if (got) {
				project_put_money(x, &g, L_YTD, f.ytd);
				period_format(&at, buf, sizeof buf);
				grid_set(&g, L_THROUGH, buf);
			}
		}
	}
	if (rc == 0)
		grid_write(&g, x->f, x->cli->out);
	grid_release(&g);
	return rc;
}

/* ---- stats ---- */

static int ind_need(const struct pctx *x, const char *code, long *i)
{
	if ((*i = indicators_find(&x->m.inds, code)) >= 0)
		return 0;
	return kfq_error(&x->cli->err, "project: no project figures yet (indicator \"%s\" is "
	                 "missing): import projects first (kfq import projects FILE)", code);
}

enum { S_UNIT, S_PERIOD, S_KEY, S_PLANNED, S_STARTED, S_ONTIME, S_LATE, S_RATE, S_INV, S_PLAN,
       S_COMPLETION, S_TIMEPROP, S_COMPLETED, S_PRODUCTION, S_N };
static const char *const S_KEYS[S_N] = {
	"unit", "period", "key_projects", "planned_starts", "started", "started_on_time",
	"started_late", "start_rate", "investment", "plan", "completion", "time_progress",
	"completed", "in_production",
};
static const char *const S_HEADS[S_N] = {
	"单位", "期间", "重点项目", "计划开工", "已开工", "其中按期", "其中延期", "开工率(%)",
	"完成投资(亿元)", "年度计划(亿元)", "完成年度计划(%)", "序时进度(%)", "竣工", "投产",
};
/* The indicator behind each figure column (NULL: from key_inv_actual's figure). */
static const char *const S_IND[S_N] = {
	NULL, NULL, "key_projects", "planned_starts", "started", "started_on_time", "started_late",
	"start_rate", "key_inv_actual", NULL, NULL, NULL, "projects_completed",
	"projects_in_production",
};

static int sub_stats(struct pctx *x)
{
	static const char *const KV[2] = { "figure", "value" }, *const KV_ZH[2] = { "指标", "数值" };
	char *cell[S_N] = { NULL };
	struct period p = x->a->period, ytd;
	struct figure inv = { 0 };
	struct grid g;
	long u, ind[S_N];
	char buf[64];

	if (!p.year)
		return kfq_error(&x->cli->err, "project stats: --period is required (%s)", PERIOD_FORMS);
	if ((u = model_unit_or_root(&x->m, x->a->unit, &x->cli->err)) < 0)
		return -1;
	for (int k = 0; k < S_N; k++)
		if (S_IND[k] && ind_need(x, S_IND[k], &ind[k]) < 0)
			return -1;
	ytd = period_ytd(&p);
	/* counts at the period's end: key projects are a level, the rest year to date */
	for (int k = S_KEY; k < S_N; k++) {
		const struct indicator *d;
		struct figure f;
		if (!S_IND[k])
			continue;
		d = &x->m.inds.v[ind[k]];
		if (figure_get(&x->fc, (size_t)ind[k], (size_t)u, &p, &f, &x->cli->err) < 0)
			goto fail;
		if (k == S_INV)
			inv = f;
		if (f.has & FIG_YTD) {
			dec_format(f.ytd, d->measure->shift, d->decimals, buf, sizeof buf);
			cell[k] = xstrdup(buf);
		}
	}
	if (inv.has & FIG_TARGET) {
		dec_format(inv.target, x->shift, x->decimals, buf, sizeof buf);
		cell[S_PLAN] = xstrdup(buf);
	}
	if (inv.has & FIG_COMPLETION) {
		dec_format_tenths(inv.completion, buf, sizeof buf);
		cell[S_COMPLETION] = xstrdup(buf);
	}
	if (inv.has & FIG_TIMEPROP) {
		dec_format_tenths(inv.timeprop, buf, sizeof buf);
		cell[S_TIMEPROP] = xstrdup(buf);
	}
	cell[S_UNIT] = xstrdup(x->m.units.v[u].code);
	period_format(&ytd, buf, sizeof buf);
	cell[S_PERIOD] = xstrdup(buf);
	if (x->f == GRID_TABLE) {
		period_label_zh(&ytd, buf, sizeof buf);
		fprintf(x->cli->out, "%s重点项目（%s）\n\n", x->m.units.v[u].name, buf);
		grid_init(&g, 2, KV, KV_ZH);
		grid_numeric(&g, 1);
		for (int k = S_KEY; k < S_N; k++) {
			grid_row(&g);
			grid_set(&g, 0, S_HEADS[k]);
			grid_set(&g, 1, cell[k]);
		}
	} else {
		grid_init(&g, S_N, S_KEYS, S_KEYS);
		for (int k = S_KEY; k < S_N; k++)
			grid_numeric(&g, (size_t)k);
		grid_row(&g);
		for (int k = 0; k < S_N; k++)
			grid_set(&g, (size_t)k, cell[k]);
	}
	grid_write(&g, x->f, x->cli->out);
	grid_release(&g);
	for (int k = 0; k < S_N; k++)
		free(cell[k]);
	return 0;
fail:
	for (int k = 0; k < S_N; k++)
		free(cell[k]);
	return -1;
}

/* ---- the subcommands ---- */

static const struct subdef SUBS[] = {
	{ "list", NULL, { "status", "park", "late", "date", "format", NULL },
	  "the register, with this year's plan and investment to date" },
	{ "show", "CODE", { "date", "format", NULL },
	  "a project: attributes, plans, progress, problems, history (csv/json: the attributes)" },
	{ "stats", NULL, { "!period", "unit", "format", NULL },
	  "key (industrial) projects, starts, start rate, investment against the plan, completed, "
	  "in production (year to date)" },
	{ "warn", NULL, { "date", "threshold", "unit", "format", NULL },
	  "not started, behind schedule, overdue problems, suspended" },
	{ NULL },
};
/* The handler of each subcommand, in the order of SUBS. */
static int (*const SUB_FN[])(struct pctx *x) = {
	sub_list, project_sub_show, sub_stats, project_sub_warn,
};

static int run(struct cli *cli, void *args)
{
	struct pctx x;
	long inv;
	int rc;

	memset(&x, 0, sizeof x);
	x.cli = cli;
	x.a = args;
	x.f = (enum grid_format)x.a->format;
	x.today = x.a->date.year ? x.a->date : cli->cx.today;
	if (x.a->threshold > 100) {
		kfq_error(&cli->err, "project warn: --threshold %ld: expected whole percentage points "
		          "from 0 to 100", x.a->threshold);
		return cli_fail(cli);
	}
	if (model_load(cli->db, &x.m, &cli->err) < 0)
		return cli_fail(cli);
	inv = indicators_find(&x.m.inds, "key_inv_actual");
	x.shift = 8;   /* 亿元 */
	x.decimals = inv >= 0 ? x.m.inds.v[inv].decimals : 2;
	figure_ctx_init(&x.fc, cli->db, &x.m.units, &x.m.inds);
	rc = SUB_FN[x.a->h.sub](&x);
	for (size_t i = 0; i < x.nrows; i++)
		for (int k = 0; k < Q_N; k++)
			free(x.rows[i].col[k]);
	free(x.rows);
	figure_ctx_release(&x.fc);
	model_release(&x.m);
	return rc == 0 ? EXIT_OK : cli_fail(cli);
}

const struct cmd CMD_PROJECT = {
	{ "project", NULL,
	  "key projects (重点项目): list, show a project, the office's figures, warnings", 0, 0, OPTS,
	  SUBS,
	  "Late to start: the planned month has passed without a start, or it started after it.\n"
	  "Behind schedule: the plan's completion is more than N points (default 10) below the\n"
	  "share of the year elapsed, at the latest month with investment to date.\n", NULL },
	run, NEED_DB, sizeof(struct project_args), &DEFAULTS,
};
