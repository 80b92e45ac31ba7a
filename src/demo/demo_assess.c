/* demo_assess.c: the demo's composite assessments (see demo_assess.h).
 *
 * The enterprises first: each of the 420 with economic data files its tax,
 * employees, energy use, emissions and R&D spending for 2016 and 2017, drawn
 * around its taxable sales (a firm's own tax rate, productivity, energy and
 * emission intensity), so they roll up to the zone as every other figure.
 *
 * Then the province: a synthetic root unit `jiangsu` of kind province with
 * 21 zones (regions 苏南, 苏中, 苏北 as unit groups), and the Danyang zone's
 * land area. Every other zone's figures are drawn relative to Danyang's own
 * (read back from the database after the enterprises' figures are in): per
 * scheme indicator, the zone's ratio is Danyang's × its strength that year ×
 * a draw in [0.88, 1.12] × the indicator's bias (Danyang is weaker in
 * openness and greenery, stronger in patents and sales per mu); inverted for
 * lower-is-better ones. The strengths put one zone ahead of Danyang in 2017
 * and three in 2016, 灌云 last in both years; 新沂 has a major accident in
 * 2017 (disqualified by the 2017 scheme).
 *
 * Finally the three assessments run and are stored through assess.h, with
 * the scheme texts of docs/examples/schemes (demo_schemes.c). */
#include "demo/demo_assess.h"
#include "demo/demo_util.h"
#include "assess/assess.h"
#include "base/sbuf.h"
#include "base/xalloc.h"
#include "calc/figure.h"
#include "model/model.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SEED UINT64_C(0x2017A55E55D0A1E5)

static struct demo_rng rng;

/* A draw in [lo, hi] in steps of 1/1000. */
static double draw(double lo, double hi)
{
	int64_t k = demo_rng_in(&rng, 0, 1000);
	return lo + (hi - lo) * (double)k / 1000.0;
}

static const char INDICATORS[] =
	"code,name_zh,name_en,measure,kind,agg,decimals,scope,formula,headline\n"
	"tax_paid,税收,taxes paid,万元,flow,sum,1,,,0\n"
	"employees,从业人员,employees at year end,人,stock,sum,0,,,0\n"
	"energy_use,综合能耗（吨标准煤）,energy use (tonnes of standard coal),吨,flow,sum,1,,,0\n"
	"emissions,主要污染物排放量,main pollutants emitted,吨,flow,sum,2,,,0\n"
	"rd_spend,研发经费支出,R&D spending,万元,flow,sum,1,,,0\n"
	"population,常住人口,resident population,万人,stock,sum,2,,,0\n"
	"hightech_share,高新技术产业产值占比,share of high-tech output,%,stock,none,1,,,0\n"
	"foreign_firms,外资企业数,foreign-invested enterprises,家,stock,sum,0,,,0\n"
	"green_cover,绿化覆盖率,green cover,%,stock,none,1,,,0\n"
	"land_dev_rate,土地开发率,share of the land developed,%,stock,none,1,,,0\n"
	"new_jobs,新增就业,new jobs,人,flow,sum,0,,,0\n"
	"mgmt_score,管理工作评议得分,management review score,点,stock,none,1,,,0\n"
	"service_score,营商环境评价得分,business environment score,点,stock,none,1,,,0\n";

/* ---- the enterprises ---- */

struct firm {
	size_t u;
	double sales[2], va[2];   /* 万元 */
	int hightech;
};

static void put(struct sbuf *b, const char *unit, const char *ind, int year, int stock, double v,
                int decimals)
{
	if (stock)
		sbuf_addf(b, "%s,%s,%d-12,%.*f\n", unit, ind, year, decimals, v);
	else
		sbuf_addf(b, "%s,%s,%d年1-12月,%.*f\n", unit, ind, year, decimals, v);
}

/* Read a flow's yearly value in 万元 (0 when none). */
static double wan(struct figure_ctx *fc, long ind, size_t u, int year, struct kfq_err *err,
                  int *fail)
{
	dec v;
	int r = figure_value(fc, (size_t)ind, u, year, 1, 12, year, &v, err);
	if (r < 0)
		*fail = 1;
	return r == 1 ? (double)v / (double)DEC_ONE / 10000.0 : 0;
}

static int firm_figures(struct kfq_db *db, struct sbuf *data, struct kfq_err *err)
{
	struct kfq_model m;
	struct figure_ctx fc;
	long ts, va;
	int fail = 0;

	if (model_load(db, &m, err) < 0)
		return -1;
	ts = indicators_find(&m.inds, "taxable_sales");
	va = indicators_find(&m.inds, "ind_value_added");
	figure_ctx_init(&fc, db, &m.units, &m.inds);
	for (size_t i = 0; i < m.units.n && !fail; i++) {
		const struct unit *u = &m.units.v[i];
		struct firm f;
		double tax_rate, prod, energy, emis, rd;
		if (strcmp(u->kind, "enterprise") != 0 || strncmp(u->code, "ent", 3) != 0)
			continue;
		f.u = i;
		f.hightech = u->hightech;
		for (int y = 0; y < 2; y++) {
			f.sales[y] = wan(&fc, ts, i, 2016 + y, err, &fail);
			f.va[y] = wan(&fc, va, i, 2016 + y, err, &fail);
			if (f.va[y] == 0)
				f.va[y] = f.sales[y] * 0.3;   /* outside 规上: what it filed */
		}
		/* the firm's character: drawn one by one, the same both years */
		tax_rate = draw(0.025, 0.10);
		prod = draw(35, 160);          /* 万元 of sales per employee */
		energy = draw(0.12, 1.1);      /* tonnes per 万元 of value added */
		emis = draw(0.0015, 0.0070);   /* tonnes per tonne of energy */
		rd = draw(0.004, 0.035);
		if (f.hightech)
			rd *= 1.8;
		for (int y = 0; y < 2; y++) {
			double s = f.sales[y], g = y ? 1.0 : 0.97;
			if (s <= 0)
				continue;
			put(data, u->code, "tax_paid", 2016 + y, 0, s * tax_rate * g, 1);
			put(data, u->code, "employees", 2016 + y, 1, ceil(s / prod) + 3, 0);
			put(data, u->code, "energy_use", 2016 + y, 0, f.va[y] * energy / g, 1);
			put(data, u->code, "emissions", 2016 + y, 0, f.va[y] * energy * emis / g, 2);
			put(data, u->code, "rd_spend", 2016 + y, 0, s * rd * g, 1);
		}
	}
	figure_ctx_release(&fc);
	model_release(&m);
	return fail ? -1 : 0;
}

/* ---- the province ---- */

#define NZONE 21

static const struct {
	const char *code, *name, *region;
	double s16, s17;         /* strength against Danyang (1) */
	int land;                /* 亩 */
} ZONE[NZONE] = {
	{ "jiangyin", "江阴经济开发区", "sunan", 1.25, 1.22, 96000 },
	{ "wujin", "武进经济开发区", "sunan", 1.10, 0.90, 120000 },
	{ "zhangjiagang", "张家港经济开发区", "sunan", 1.07, 0.88, 84000 },
	{ "liyang", "溧阳经济开发区", "sunan", 0.86, 0.84, 66000 },
	{ "jintan", "金坛经济开发区", "sunan", 0.84, 0.86, 58000 },
	{ "jurong", "句容经济开发区", "sunan", 0.78, 0.80, 45000 },
	{ "yangzhong", "扬中经济开发区", "sunan", 0.82, 0.80, 30000 },
	{ "gaochun", "高淳经济开发区", "sunan", 0.74, 0.76, 36000 },
	{ "haimen", "海门经济技术开发区", "suzhong", 0.80, 0.82, 72000 },
	{ "rugao", "如皋经济技术开发区", "suzhong", 0.76, 0.78, 90000 },
	{ "taixing", "泰兴经济开发区", "suzhong", 0.72, 0.74, 81000 },
	{ "jingjiang", "靖江经济技术开发区", "suzhong", 0.75, 0.73, 68000 },
	{ "gaoyou", "高邮经济开发区", "suzhong", 0.68, 0.70, 42000 },
	{ "yizheng", "仪征经济开发区", "suzhong", 0.70, 0.69, 54000 },
	{ "xinghua", "兴化经济开发区", "suzhong", 0.66, 0.67, 48000 },
	{ "pizhou", "邳州经济开发区", "subei", 0.64, 0.66, 75000 },
	{ "xinyi", "新沂经济开发区", "subei", 0.66, 0.68, 60000 },
	{ "shuyang", "沭阳经济开发区", "subei", 0.62, 0.64, 63000 },
	{ "siyang", "泗阳经济开发区", "subei", 0.58, 0.63, 40000 },
	{ "binhai", "滨海经济开发区", "subei", 0.57, 0.61, 52000 },
	{ "guanyun", "灌云经济开发区", "subei", 0.52, 0.54, 46000 },
};

#define DANYANG_LAND 88500   /* 亩 */

/* Danyang's own values of the zone-only indicators: 2016, 2017. */
static const struct {
	const char *code;
	double v[2];
	int stock, decimals;
	double cap;              /* other zones at most this */
} OWN[] = {
	{ "population", { 12.32, 12.61 }, 1, 2, 0 },
	{ "hightech_share", { 41.6, 45.2 }, 1, 1, 78 },
	{ "foreign_firms", { 82, 86 }, 1, 0, 0 },
	{ "green_cover", { 40.1, 41.3 }, 1, 1, 55 },
	{ "land_dev_rate", { 84.2, 86.0 }, 1, 1, 98 },
	{ "new_jobs", { 5840, 6210 }, 0, 0, 0 },
	{ "mgmt_score", { 91.0, 93.5 }, 1, 1, 99.5 },
	{ "service_score", { 89.5, 92.0 }, 1, 1, 99.5 },
};
#define NOWN (sizeof OWN / sizeof OWN[0])

/* Danyang's core values, in display measures (and 万元 for tax and R&D). */
struct dy {
	double gdp, budget, fai, sales, fdi, trade, patents, tax, jobs, energy, emis, rd;
};

static int danyang_values(struct kfq_db *db, struct dy v[2], struct kfq_err *err)
{
	static const char *const code[] = { "gdp", "budget_revenue", "fixed_asset_inv",
	                                     "taxable_sales", "fdi_arrived", "import_export",
	                                     "patents_granted", "tax_paid", "employees",
	                                     "energy_use", "emissions", "rd_spend" };
	struct kfq_model m;
	struct figure_ctx fc;
	long dy;
	int rc = 0;

	if (model_load(db, &m, err) < 0)
		return -1;
	dy = units_find(&m.units, "danyang");
	figure_ctx_init(&fc, db, &m.units, &m.inds);
	for (int y = 0; y < 2 && rc == 0; y++) {
		double *out[] = { &v[y].gdp, &v[y].budget, &v[y].fai, &v[y].sales, &v[y].fdi,
		                  &v[y].trade, &v[y].patents, &v[y].tax, &v[y].jobs, &v[y].energy,
		                  &v[y].emis, &v[y].rd };
		for (size_t k = 0; k < sizeof code / sizeof code[0] && rc == 0; k++) {
			long i = indicators_find(&m.inds, code[k]);
			dec x;
			int r = i < 0 ? -1 : figure_value(&fc, (size_t)i, (size_t)dy, 2016 + y, 1, 12,
			                                   2016 + y, &x, err);
			if (r != 1) {
				rc = r < 0 && i >= 0 ? -1 : kfq_fault(err, "demo: Danyang has no %s in %d",
				                                      code[k], 2016 + y);
				break;
			}
			*out[k] = (double)x / (double)DEC_ONE /
			          pow(10, m.inds.v[i].measure->shift);
		}
	}
	figure_ctx_release(&fc);
	model_release(&m);
	return rc;
}

/* The factor of a zone for one indicator: strength × noise × bias. */
static double factor(double strength, double bias)
{
	double noise = draw(0.88, 1.12);
	return strength * noise * bias;
}

static void zone_figures(struct sbuf *units, struct sbuf *groups, struct sbuf *data,
                         const struct dy dyv[2])
{
	sbuf_adds(units, "code,name,kind,parent,land_mu\n");
	sbuf_adds(units, "jiangsu,江苏省（演示）,province,,\n");
	sbuf_addf(units, "danyang,丹阳经济开发区,zone,,%d\n", DANYANG_LAND);
	for (int y = 0; y < 2; y++)
		sbuf_addf(groups, "danyang,sunan,%d\n", 2016 + y);
	for (int z = 0; z < NZONE; z++) {
		const char *c = ZONE[z].code;
		double land = ZONE[z].land, dl = DANYANG_LAND, gdp[2];
		sbuf_addf(units, "%s,%s,zone,jiangsu,%d\n", c, ZONE[z].name, ZONE[z].land);
		for (int y = 0; y < 2; y++) {
			const struct dy *d = &dyv[y];
			double s = y ? ZONE[z].s17 : ZONE[z].s16, pop, f;
			int yr = 2016 + y;
			sbuf_addf(groups, "%s,%s,%d\n", c, ZONE[z].region, yr);
			/* economy: per mu like Danyang's × factor; 2017 GDP grows from 2016's
			 * by Danyang's growth × the 2017 factor */
			if (y == 0)
				gdp[0] = d->gdp / dl * land * factor(s, 1.0);
			else {
				double g = (dyv[1].gdp / dyv[0].gdp - 1) * factor(s, 1.0);
				gdp[1] = gdp[0] * (1 + g);
			}
			put(data, c, "gdp", yr, 0, gdp[y], 2);
			put(data, c, "budget_revenue", yr, 0, d->budget / dl * land * factor(s, 1.0), 2);
			put(data, c, "fixed_asset_inv", yr, 0, d->fai / dl * land * factor(s, 1.0), 2);
			put(data, c, "taxable_sales", yr, 0, d->sales / dl * land * factor(s, 0.88), 2);
			put(data, c, "tax_paid", yr, 0, d->tax / dl * land * factor(s, 1.0), 1);
			f = factor(s, 1.0);
			put(data, c, "employees", yr, 1, floor(d->jobs / dl * land * f), 0);
			/* innovation */
			put(data, c, "rd_spend", yr, 0, d->rd / d->gdp * gdp[y] * factor(s, 1.0), 1);
			pop = OWN[0].v[y] / dl * land * draw(0.8, 1.2);
			put(data, c, "population", yr, 1, pop, 2);
			put(data, c, "patents_granted", yr, 0,
			    floor(d->patents / OWN[0].v[y] * pop * factor(s, 0.8)), 0);
			/* openness: Danyang is weaker here */
			put(data, c, "fdi_arrived", yr, 0, d->fdi * factor(s, 1.3), 2);
			put(data, c, "import_export", yr, 0, floor(d->trade * factor(s, 1.25)), 0);
			/* ecology: lower is better */
			put(data, c, "energy_use", yr, 0, d->energy / d->gdp * gdp[y] / factor(s, 1.0), 1);
			put(data, c, "emissions", yr, 0, d->emis / d->gdp * gdp[y] / factor(s, 1.0), 2);
			for (size_t k = 1; k < NOWN; k++) {
				double bias = strcmp(OWN[k].code, "green_cover") == 0 ? 1.15 : 1.0;
				double v = OWN[k].v[y] * factor(s, bias);
				if (strcmp(OWN[k].code, "mgmt_score") == 0 ||
				    strcmp(OWN[k].code, "service_score") == 0)
					v = 100 - (100 - OWN[k].v[y]) / factor(s, 1.0);
				if (OWN[k].cap > 0 && v > OWN[k].cap)
					v = OWN[k].cap - draw(0, 1.5);
				if (v < 0)
					v = 0;
				put(data, c, OWN[k].code, yr, OWN[k].stock, v, OWN[k].decimals);
			}
		}
	}
	for (size_t k = 0; k < NOWN; k++)
		for (int y = 0; y < 2; y++)
			put(data, "danyang", OWN[k].code, 2016 + y, OWN[k].stock, OWN[k].v[y],
			    OWN[k].decimals);
}

/* ---- running the assessments ---- */

static int run_one(const struct kfq_ctx *cx, struct kfq_db *db, const char *text, const char *file, int period,
                   struct kfq_err *err)
{
	struct as_scheme s;
	struct assess_data d;
	struct as_result r;
	struct as_input in;
	int64_t run;
	int rc;

	if (assess_parse_scheme(db, text, strlen(text), file, &s, err) < 0)
		return -1;
	if (assess_gather(db, &s, period, &d, err) < 0) {
		as_scheme_release(&s);
		return -1;
	}
	in = assess_input(&d);
	if (as_compute(&d.scheme, &in, &r, err) < 0) {
		assess_data_release(&d);
		return -1;
	}
	rc = assess_store(cx, db, &d, &r, &run, err);
	as_result_release(&r);
	assess_data_release(&d);
	return rc;
}

int demo_assess(const struct kfq_ctx *cx, struct kfq_db *db, const char *dir, struct kfq_err *err)
{
	struct sbuf inds, data, units, groups;
	struct dy dyv[2];
	int rc = -1;

	rng.state = SEED;
	sbuf_init(&inds);
	sbuf_init(&data);
	sbuf_init(&units);
	sbuf_init(&groups);
	sbuf_adds(&inds, INDICATORS);
	sbuf_adds(&data, "unit,indicator,period,value\n");
	sbuf_adds(&groups, "unit,group,year\n");
	if (demo_import(cx, db, dir, "assess_indicators.csv", "indicators", &inds, 0, err) < 0 ||
	    firm_figures(db, &data, err) < 0 ||
	    demo_import(cx, db, dir, "assess_firms.csv", "data", &data, 0, err) < 0 ||
	    danyang_values(db, dyv, err) < 0)
		goto out;
	sbuf_reset(&data);
	sbuf_adds(&data, "unit,indicator,period,value\n");
	zone_figures(&units, &groups, &data, dyv);
	if (demo_import(cx, db, dir, "zones.csv", "units", &units, 1, err) < 0 ||
	    demo_import(cx, db, dir, "zone_groups.csv", "groups", &groups, 0, err) < 0 ||
	    demo_import(cx, db, dir, "zone_data.csv", "data", &data, 0, err) < 0)
		goto out;
	if (run_one(cx, db, DEMO_SCHEME_ZONES_2016, "jiangsu-zones-2016.scheme", 2016, err) < 0 ||
	    run_one(cx, db, DEMO_SCHEME_ZONES_2017, "jiangsu-zones-2017.scheme", 2017, err) < 0 ||
	    run_one(cx, db, DEMO_SCHEME_PER_MU_2017, "danyang-per-mu-2017.scheme", 2017, err) < 0)
		goto out;
	rc = 0;
out:
	sbuf_release(&inds);
	sbuf_release(&data);
	sbuf_release(&units);
	sbuf_release(&groups);
	return rc;
}
