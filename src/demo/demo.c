/* demo.c: building the synthetic Danyang demo zone (see demo.h).
 *
 * Totals are split exactly with the largest-remainder method, top down:
 * zone → parks (in steps that show exactly at the indicator's decimals, so
 * the parks add up to the zone in every report) → enterprises → months.
 * The zone's totals and growth are the published ones; its targets (the
 * review publishes only foreign capital's, exceeded) are completed each at
 * a share of its own (flow_cfg.completion: 97.8% to 106.8%, trade and GDP
 * short of theirs); below it the parks differ (PARKS: growth, target completion, and how
 * far their 2017 lags in mid-year), each enterprise has a growth of its own
 * (about one in ten declines), and the months follow the seasons (the
 * Spring Festival in January and February, the year's end strongest) with
 * a little noise per enterprise.
 * The files are written to a temporary folder and go through import_run,
 * the same path as a user's files (demo_import). The summary it returns is
 * counted from the database at the end, projects and leads included.
 * Depends on base, store, io. */
#include "demo/demo.h"
#include "demo/demo_projects.h"
#include "demo/demo_leads.h"
#include "demo/demo_finance.h"
#include "demo/demo_ledgers.h"
#include "demo/demo_cases.h"
#include "demo/demo_assess.h"
#include "demo/demo_index.h"
#include "demo/demo_util.h"
#include "base/sbuf.h"
#include "base/xalloc.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SEED UINT64_C(0x2017DA4A6C0FFEE)

#define NPARK 6
#define NENT 420

/* growth: 2016 → 2017 in per mille, before the parks are scaled together
 * to the zone's growth (which moves each a little); the Japanese park's
 * taxable sales are fixed instead. completion: of the park's 2017 target in
 * per mille for taxable sales; the other indicators are drawn within 2.5%
 * of it, so the zone meets its targets and two parks miss theirs. lag: how
 * far the park's 2017 months lean toward December (per mille of a month's
 * value at each end of the year), so that it is behind schedule in mid-year
 * and catches up by December (precision_park leans the other way). */
static const struct {
	const char *code, *name, *industry, *word;
	int nent;
	int weight;       /* share of the zone's 2017 figures */
	int growth, completion, lag;
} PARKS[NPARK] = {
	{ "eyewear_town", "眼镜小镇", "3587", "眼镜", 148, 31, 80, 1031, 150 },
	{ "precision_park", "精密制造产业园", "3670", "精密机械", 100, 34, 135, 1076, -60 },
	{ "life_science_park", "生命科学产业园", "2710", "生物医药", 60, 15, 200, 1112, 260 },
	{ "maker_park", "众创产业园", "3400", "智能装备", 50, 11, 35, 958, 80 },
	{ "science_park", "科创园", "6510", "信息科技", 50, 9, 50, 987, 0 },
	/* sales fixed: 2.5 亿元, up from 1.66; new tenants through the year */
	{ "japan_park", "日产业园", "3670", "汽配", 12, 0, 120, 1042, 300 },
};

/* A year's months in per mille: the Spring Festival's January and February
 * 13.4% of the year together, the last quarter 29.2%. */
static const int SEASON[12] = { 75, 59, 82, 80, 82, 84, 80, 82, 84, 88, 94, 110 };

struct ent {
	int park;
	char code[16];
	int64_t w;            /* size weight in 2017 */
	int64_t w16;          /* size weight in 2016: its own growth (larger if it shrank) */
	int jitter[2][12];    /* its months against its park's, per mille */
	int64_t sales[2];     /* annual taxable sales, 万元, [0] 2016 [1] 2017 */
	int above[2];         /* 规上 in 2016, 2017 */
	int exporter, investor, hightech;
};

static struct demo_rng rng;

/* The enterprises' growth and months, and the parks' targets, draw from
 * generators of their own: what rng draws (names, land, sizes) stays. */
#define SEED_MOOD UINT64_C(0x2017DA4A6B00F001)
#define SEED_TARGET UINT64_C(0x2017DA4A67A26E70)
static struct demo_rng mood, aim;

/* Split into parts that are multiples of q. */
static void split_q(int64_t total, int64_t q, const int64_t *w, size_t n, int64_t *out)
{
	demo_split(total / q, w, n, out);
	for (size_t i = 0; i < n; i++)
		out[i] *= q;
	out[0] += total % q;
}

/* A 2016 total from a 2017 total and growth in per mille, in steps of q. */
static int64_t prior_total(int64_t t17, int permille, int64_t q)
{
	int64_t v = (int64_t)(((__int128)t17 * 1000 / (1000 + permille) + q / 2) / q) * q;
	return v;
}

/* The first n parks' shares of zone[y] (2016, 2017), in steps of q: 2017's
 * by the weights w17, 2016's by each park's 2017 share over its growth, so
 * that the parks grow at different rates and add up to the zone both years. */
static void park_split(const int64_t zone[2], int64_t q, const int64_t *w17, size_t n, int y,
                       int64_t *pt)
{
	int64_t p17[NPARK], w16[NPARK];
	split_q(zone[1], q, w17, n, p17);
	for (size_t p = 0; p < n; p++) {
		w16[p] = p17[p] * 1000 / (1000 + PARKS[p].growth);
		pt[p] = p17[p];
	}
	if (y == 0)
		split_q(zone[0], q, w16, n, pt);
}

/* A park's months in year y (weights): the seasons, and its lag, a ramp
 * from -lag in January to +lag in December (in 2016 half of 2017's: the
 * park leaned the same way, less). */
static void park_season(int p, int y, int64_t out[12])
{
	int lag = y ? PARKS[p].lag : PARKS[p].lag / 2;
	for (int m = 0; m < 12; m++)
		out[m] = (int64_t)SEASON[m] * (11000 + lag * (2 * m - 11));
}

/* An enterprise's months: its park's, each moved by its own jitter. */
static void ent_season(const struct ent *e, int y, int64_t out[12])
{
	park_season(e->park, y, out);
	for (int m = 0; m < 12; m++)
		out[m] = out[m] * e->jitter[y][m] / 1000;
}

/* Each enterprise's growth and months. About one in eleven declined, by 6
 * to 30%; the others grow around their park's rate, a few of those in the
 * slow parks a little below nothing: about one in ten declines. */
static void draw_moods(struct ent *ents)
{
	mood.state = SEED_MOOD;
	for (int i = 0; i < NENT; i++) {
		struct ent *e = &ents[i];
		int64_t g = demo_rng_in(&mood, 1, 100) <= 9 ? demo_rng_in(&mood, -300, -60)
		            : PARKS[e->park].growth + demo_rng_in(&mood, -40, 90);
		e->w16 = e->w * 1000 / (1000 + g);
		for (int y = 0; y < 2; y++)
			for (int m = 0; m < 12; m++)
				e->jitter[y][m] = (int)demo_rng_in(&mood, 920, 1080);
	}
}

struct files {
	char dir[256];
	struct sbuf units, groups, data_m, targets, inds;
};

/* One unit-year of a flow: months split by the weights season, filed as
 * month values (even enterprises) or year-to-date totals (odd ones). */
static void put_months(struct files *f, const char *unit, const char *ind, int year,
                       int64_t annual, int ytd_form, const int64_t season[12])
{
	int64_t m[12], cum = 0;
	demo_split(annual, season, 12, m);
	for (int i = 0; i < 12; i++) {
		cum += m[i];
		if (ytd_form)
			sbuf_addf(&f->data_m, "%s,%s,%d年1-%d月,%lld\n", unit, ind, year, i + 1, (long long)cum);
		else
			sbuf_addf(&f->data_m, "%s,%s,%d-%02d,%lld\n", unit, ind, year, i + 1, (long long)m[i]);
	}
}

static void put_target(struct files *f, const char *unit, const char *ind, int64_t v)
{
	sbuf_addf(&f->targets, "%s,%s,2017,%lld\n", unit, ind, (long long)v);
}

/* The zone's target: the actual figure over the indicator's completion
 * (per mille), to the nearest step of q, so that each indicator completes
 * its own share of its target (flow_cfg.completion). */
static int64_t target_for(int64_t actual, int completion, int64_t q)
{
	return (int64_t)(((__int128)actual * 1000 / completion + q / 2) / q * q);
}

/* The zone's completion of its taxable sales target (per mille): the
 * parks' completions (PARKS) are of that indicator. */
#define TS_COMPLETION 1032

/* A park's target: the actual figure over the park's completion, for
 * taxable sales (exact) or another indicator (drawn within 25 per mille of
 * it, moved as the zone's completion of that indicator is from its taxable
 * sales': where the zone falls short, so do most parks), in steps of q. */
static int64_t park_target(int p, int64_t actual, int exact, int zone_completion, int64_t q)
{
	int64_t c = exact ? PARKS[p].completion
	            : ((int64_t)PARKS[p].completion * zone_completion + TS_COMPLETION / 2) / TS_COMPLETION +
	              demo_rng_in(&aim, -25, 25);
	return (int64_t)((__int128)actual * 1000 / c / q * q);
}

/* A flow filed by enterprises: zone totals for both years split to parks
 * (steps of q), then to the enterprises that `take` it, then to months. */
struct flow_cfg {
	const char *code;
	int64_t total17;
	int permille;        /* growth 2016 → 2017 */
	int64_t q;           /* park step: what shows at the indicator's decimals */
	int scoped;          /* above_scale: only 规上 enterprises count */
	int completion;      /* the zone's 2017 target completion, per mille */
};

static int takes(const struct ent *e, const struct flow_cfg *c)
{
	if (strcmp(c->code, "import_export") == 0)
		return e->exporter;
	if (strcmp(c->code, "fixed_asset_inv") == 0)
		return e->investor;
	return 1;
}

static void enterprise_flow(struct files *f, struct ent *ents, const struct flow_cfg *c,
                            int64_t park_target_share)
{
	int64_t zone[2] = { prior_total(c->total17, c->permille, c->q), c->total17 };
	int64_t *w = xcalloc(NENT, sizeof *w), *val = xcalloc(NENT, sizeof *val);
	int64_t pw[NPARK], pt[NPARK];

	for (int y = 0; y < 2; y++) {
		/* park weights: the enterprises that count, by size */
		for (int p = 0; p < NPARK; p++)
			pw[p] = 0;
		for (int i = 0; i < NENT; i++)
			if (takes(&ents[i], c) && (!c->scoped || ents[i].above[y]))
				pw[ents[i].park] += ents[i].sales[y];
		if (strcmp(c->code, "taxable_sales") == 0) {
			/* the parks' shares; the Japanese park's tenants sold 2.5 亿元 in 2017 */
			int64_t jp[2] = { 16600, 25000 }, rest[2] = { zone[0] - jp[0], zone[1] - jp[1] };
			int64_t pw5[NPARK];
			for (int p = 0; p < NPARK; p++)
				pw5[p] = PARKS[p].weight;
			park_split(rest, c->q, pw5, NPARK - 1, y, pt);
			pt[NPARK - 1] = jp[y];
		} else {
			split_q(zone[y], c->q, pw, NPARK, pt);
		}
		for (int p = 0; p < NPARK; p++) {
			size_t n = 0, first = 0;
			for (int i = 0; i < NENT; i++)
				if (ents[i].park == p) {
					if (!n)
						first = (size_t)i;
					w[n++] = takes(&ents[i], c) && (!c->scoped || ents[i].above[y])
					         ? (strcmp(c->code, "taxable_sales") == 0 ? (y ? ents[i].w : ents[i].w16)
					            : ents[i].sales[y]) : 0;
				}
			demo_split(pt[p], w, n, val);
			for (size_t k = 0; k < n; k++) {
				struct ent *e = &ents[first + k];
				int64_t v = val[k], season[12];
				if (strcmp(c->code, "taxable_sales") == 0)
					e->sales[y] = v;
				if (c->scoped && !e->above[y])
					v = e->sales[y] * 3 / 10;    /* filed, but outside 规上 */
				if (!takes(e, c) && !c->scoped)
					continue;
				ent_season(e, y, season);
				put_months(f, e->code, c->code, 2016 + y, v, (int)((first + k) & 1), season);
			}
			if (y == 1 && park_target_share) {
				int64_t t = park_target(p, pt[p], strcmp(c->code, "taxable_sales") == 0,
				                        c->completion, c->q);
				if (t > 0)
					put_target(f, PARKS[p].code, c->code, t);
			}
		}
	}
	put_target(f, "danyang", c->code, target_for(c->total17, c->completion, c->q));
	free(w);
	free(val);
}

/* A flow filed by the parks (quarterly: GDP; monthly year to date: budget
 * revenue) or by the zone itself (foreign capital arrived). */
static void park_flow(struct files *f, const char *code, int64_t total17, int permille,
                      int64_t q, int quarterly, int completion)
{
	int64_t zone[2] = { prior_total(total17, permille, q), total17 };
	int64_t pw[NPARK], pt[NPARK];
	for (int p = 0; p < NPARK; p++)
		pw[p] = PARKS[p].weight ? PARKS[p].weight : 1;
	for (int y = 0; y < 2; y++) {
		park_split(zone, q, pw, NPARK, y, pt);
		for (int p = 0; p < NPARK; p++) {
			int64_t season[12];
			park_season(p, y, season);
			if (quarterly) {
				int64_t qw[4], qv[4];
				for (int k = 0; k < 4; k++)
					qw[k] = season[3 * k] + season[3 * k + 1] + season[3 * k + 2];
				demo_split(pt[p], qw, 4, qv);
				for (int k = 0; k < 4; k++) {
					sbuf_addf(&f->data_m, "%s,%s,%dQ%d,%lld\n", PARKS[p].code, code, 2016 + y,
					          k + 1, (long long)qv[k]);
				}
			} else {
				put_months(f, PARKS[p].code, code, 2016 + y, pt[p], 1, season);
			}
			if (y == 1)
				put_target(f, PARKS[p].code, code, park_target(p, pt[p], 0, completion, q));
		}
	}
	put_target(f, "danyang", code, target_for(total17, completion, q));
}

static const char INDICATORS[] =
	"code,name_zh,name_en,measure,kind,agg,decimals,scope,formula,headline\n"
	"taxable_sales,工业应税销售,industrial taxable sales,亿元,flow,sum,2,,,1\n"
	"ind_value_added,规模以上工业增加值,value added of above-scale industry,亿元,flow,sum,2,above_scale,,2\n"
	"fixed_asset_inv,规模以上固定资产投资,fixed-asset investment (above scale),亿元,flow,sum,2,,,3\n"
	"gdp,地区生产总值,gross regional product,亿元,flow,sum,2,,,4\n"
	"budget_revenue,公共财政预算收入,general public budget revenue,亿元,flow,sum,2,,,5\n"
	"import_export,进出口总额,total imports and exports,万美元,flow,sum,0,,,6\n"
	"fdi_arrived,外资到账,foreign capital actually arrived,亿美元,flow,sum,2,,,0\n"
	"patent_applications,专利申请量,patent applications,件,flow,sum,0,,,0\n"
	"patents_granted,专利授权量,patents granted,件,flow,sum,0,,,0\n"
	"va_rate,工业增加值率,value-added rate of above-scale industry,%,flow,none,1,,"
	"ind_value_added / taxable_sales * 100,0\n";

/* The zone's utilities: public services, not rated per mu (class T). */
static const struct utility {
	int n;
	const char *name, *industry;
} UTILITY[] = {
	{ 200, "丹阳开发区热电有限公司", "4430" },
	{ 330, "丹阳开发区燃气有限公司", "4500" },
	{ 380, "丹阳开发区自来水有限公司", "4610" },
};

static const struct utility *utility(int n)
{
	for (size_t k = 0; k < sizeof UTILITY / sizeof UTILITY[0]; k++)
		if (UTILITY[k].n == n)
			return &UTILITY[k];
	return NULL;
}

static void make_enterprises(struct files *f, struct ent *ents)
{
	static const char *const pre[] = { "丹阳", "江苏", "镇江", "华", "恒", "奇", "又一", "明",
	                                   "宏", "万", "金", "新", "东", "鑫", "天", "瑞" };
	static const char *const mid[] = { "光", "晶", "达", "盛", "德", "泰", "远", "博", "诚",
	                                   "信", "鼎", "华", "欣", "力", "海", "美" };
	int i = 0;

	sbuf_adds(&f->units, "code,name,kind,parent,industry,land_mu,hightech\n");
	sbuf_adds(&f->units, "danyang,丹阳经济开发区,zone,,,,0\n");
	for (int p = 0; p < NPARK; p++)
		sbuf_addf(&f->units, "%s,%s,park,danyang,,,0\n", PARKS[p].code, PARKS[p].name);
	for (int p = 0; p < NPARK; p++)
		for (int k = 0; k < PARKS[p].nent; k++, i++) {
			struct ent *e = &ents[i];
			int64_t r = demo_rng_in(&rng, 1, 100), land, land10;
			const char *name[3];
			const struct utility *u;
			e->park = p;
			snprintf(e->code, sizeof e->code, "ent%04d", i + 1);
			e->w = demo_rng_in(&rng, 30, 160);
			e->w = e->w * e->w * (r > 95 ? 6 : 1);
			e->exporter = p == 0 || p == NPARK - 1 ? demo_rng_in(&rng, 1, 100) <= 70
			              : demo_rng_in(&rng, 1, 100) <= 35;
			e->investor = demo_rng_in(&rng, 1, 100) <= 30;
			e->hightech = demo_rng_in(&rng, 1, 100) <= 15;
			/* drawn last to first: the order the demo has always drawn them in */
			land10 = demo_rng_in(&rng, 0, 9);
			land = demo_rng_in(&rng, 8, 150);
			name[2] = mid[demo_rng_next(&rng) % 16];
			name[1] = mid[demo_rng_next(&rng) % 16];
			name[0] = pre[demo_rng_next(&rng) % 16];
			if ((u = utility(i + 1)) != NULL)
				sbuf_addf(&f->units, "%s,%s,enterprise,%s,%s,%lld.%lld,0\n", e->code, u->name,
				          PARKS[p].code, u->industry, (long long)land, (long long)land10);
			else
				sbuf_addf(&f->units, "%s,%s%s%s%s有限公司,enterprise,%s,%s,%lld.%lld,%d\n",
				          e->code, name[0], name[1], name[2], PARKS[p].word, PARKS[p].code,
				          PARKS[p].industry, (long long)land, (long long)land10, e->hightech);
		}
}

/* Which file a line of values goes to: 0 万元, 1 万美元, 2 counts. */
static int family_of(const char *line, const char *end)
{
	const char *ind = memchr(line, ',', (size_t)(end - line));
	if (!ind)
		return -1;
	ind++;
	if (strncmp(ind, "import_export,", 14) == 0 || strncmp(ind, "fdi_arrived,", 12) == 0)
		return 1;
	if (strncmp(ind, "patent", 6) == 0)
		return 2;
	return 0;
}

/* The files the values and the targets go in as, by family_of. */
static const char *const DATA_HEADER[3] = { "unit,indicator,period,value(万元)\n",
                                            "unit,indicator,period,value(万美元)\n",
                                            "unit,indicator,period,value\n" };
static const char *const DATA_FILE[3] = { "data_cny.csv", "data_usd.csv", "data_n.csv" };
static const char *const TARGET_HEADER[3] = { "unit,indicator,year,value(万元)\n",
                                              "unit,indicator,year,value(万美元)\n",
                                              "unit,indicator,year,value\n" };
static const char *const TARGET_FILE[3] = { "t_cny.csv", "t_usd.csv", "t_n.csv" };

/* Import the lines of all (a header line, then rows) as kind in three
 * files, one a measure family, each under its own header. */
static int import_families(const struct kfq_ctx *cx, struct kfq_db *db, const char *dir, const char *kind,
                           const struct sbuf *all, const char *const header[3],
                           const char *const file[3], struct kfq_err *err)
{
	const char *rows = strchr(all->buf, '\n') + 1;
	struct sbuf d;
	int rc = 0;

	sbuf_init(&d);
	for (int fam = 0; fam < 3 && rc == 0; fam++) {
		sbuf_reset(&d);
		sbuf_adds(&d, header[fam]);
		for (const char *line = rows; *line;) {
			const char *end = strchr(line, '\n');
			if (family_of(line, end) == fam)
				sbuf_add(&d, line, (size_t)(end - line + 1));
			line = end + 1;
		}
		rc = demo_import(cx, db, dir, file[fam], kind, &d, 0, err);
	}
	sbuf_release(&d);
	return rc;
}

/* What the demo holds, counted from the database. */
static int count_stats(struct kfq_db *db, struct demo_stats *s, struct kfq_err *err)
{
	static const char SQL[] =
		"SELECT (SELECT count(*) FROM unit), "
		"(SELECT count(*) FROM unit WHERE kind = 'enterprise'), "
		"(SELECT count(*) FROM project), (SELECT count(*) FROM lead), "
		"(SELECT count(*) FROM indicator), (SELECT count(*) FROM obs), "
		"(SELECT count(*) FROM target)";
	size_t *const field[] = { &s->units, &s->enterprises, &s->projects, &s->leads,
	                          &s->indicators, &s->values, &s->targets };
	struct kfq_stmt *st;
	int rc;

	if (db_prepare(db, SQL, &st, err) < 0)
		return -1;
	if ((rc = st_step(st)) == ST_ROW)
		for (int k = 0; k < (int)(sizeof field / sizeof field[0]); k++)
			*field[k] = (size_t)st_i64(st, k);
	else
		db_fault(db, err, "counting the demo zone");
	st_finalize(st);
	return rc == ST_ROW ? 0 : -1;
}

int demo_build(const struct kfq_ctx *cx, struct kfq_db *db, struct demo_stats *s, struct kfq_err *err)
{
	struct ent *ents = xcalloc(NENT, sizeof *ents);
	struct files f;
	const char *tmp = getenv("TMPDIR");
	int rc = -1;
	struct kfq_stmt *st;
	int has_units;

	if (db_prepare(db, "SELECT 1 FROM unit LIMIT 1", &st, err) < 0) {
		free(ents);
		return -1;
	}
	if ((has_units = st_step(st)) == ST_ERROR)
		db_fault(db, err, "reading units");
	st_finalize(st);
	if (has_units == ST_ERROR) {
		free(ents);
		return -1;
	}
	if (has_units == ST_ROW) {
		free(ents);
		return kfq_error(err, "%s already holds units; build the demo in a new database "
		                 "(kfq --db demo.db demo)", db_name(db));
	}
	memset(&f, 0, sizeof f);
	memset(s, 0, sizeof *s);
	rng.state = SEED;
	aim.state = SEED_TARGET;
	snprintf(f.dir, sizeof f.dir, "%s/kfq-demo-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(f.dir)) {
		free(ents);
		return kfq_fault(err, "creating a temporary folder: %s", strerror(errno));
	}
	sbuf_init(&f.units);
	sbuf_init(&f.groups);
	sbuf_init(&f.data_m);
	sbuf_init(&f.targets);
	sbuf_init(&f.inds);
	sbuf_adds(&f.inds, INDICATORS);
	sbuf_adds(&f.data_m, "unit,indicator,period,value\n");
	sbuf_adds(&f.targets, "unit,indicator,year,value\n");
	sbuf_adds(&f.groups, "unit,group,year\n");

	make_enterprises(&f, ents);
	draw_moods(ents);
	/* Taxable sales first: it sizes the enterprises, and 规上 follows from it
	 * (annual sales of 2 000 万元 or more). The parks grow at different rates
	 * between the years, so enterprises near the threshold move in and out
	 * of 规上. */
	{
		struct flow_cfg ts = { "taxable_sales", 3494200, 103, 100, 0, TS_COMPLETION };
		enterprise_flow(&f, ents, &ts, 1);
		for (int i = 0; i < NENT; i++)
			for (int y = 0; y < 2; y++)
				if ((ents[i].above[y] = ents[i].sales[y] >= 2000))
					sbuf_addf(&f.groups, "%s,above_scale,%d\n", ents[i].code, 2016 + y);
	}
	{
		static const struct flow_cfg flows[] = {
			{ "ind_value_added", 1514000, 118, 100, 1, 1015 },
			{ "fixed_asset_inv", 1857000, 121, 100, 0, 1068 },
			/* trade misses its target (exports of eyewear slowed late in
			   the year), as GDP does by a little */
			{ "import_export", 89959, 112, 1, 0, 978 },
			{ "patent_applications", 2045, 150, 1, 0, 1023 },
			{ "patents_granted", 871, 130, 1, 0, 1052 },
		};
		for (size_t k = 0; k < sizeof flows / sizeof flows[0]; k++)
			enterprise_flow(&f, ents, &flows[k], k < 3);
	}
	park_flow(&f, "gdp", 3399600, 89, 100, 1, 987);
	park_flow(&f, "budget_revenue", 162000, 94, 100, 0, 1041);
	/* Foreign capital arrived: filed by the zone itself, 2.1 亿美元 in 2017
	 * against a target of 2 亿美元. */
	{
		int64_t season[12];
		for (int m = 0; m < 12; m++)
			season[m] = SEASON[m];
		put_months(&f, "danyang", "fdi_arrived", 2016, 19000, 0, season);
		put_months(&f, "danyang", "fdi_arrived", 2017, 21000, 0, season);
	}
	put_target(&f, "danyang", "fdi_arrived", 20000);

	/* Values and targets go in as three files each, by measure family: in
	 * 万元, 万美元 and counts (the headers say so). */
	if (demo_import(cx, db, f.dir, "indicators.csv", "indicators", &f.inds, 0, err) < 0 ||
	    demo_import(cx, db, f.dir, "units.csv", "units", &f.units, 1, err) < 0 ||
	    demo_import(cx, db, f.dir, "groups.csv", "groups", &f.groups, 0, err) < 0 ||
	    import_families(cx, db, f.dir, "data", &f.data_m, DATA_HEADER, DATA_FILE, err) < 0 ||
	    import_families(cx, db, f.dir, "targets", &f.targets, TARGET_HEADER, TARGET_FILE, err) < 0 ||
	    demo_projects(cx, db, f.dir, err) < 0 || demo_leads(cx, db, f.dir, err) < 0 ||
	    demo_cases(cx, db, f.dir, err) < 0 || demo_index(cx, db, f.dir, err) < 0 ||
	    demo_ledgers(cx, db, f.dir, err) < 0 || demo_assess(cx, db, f.dir, err) < 0 ||
	    demo_finance(cx, db, f.dir, err) < 0 || demo_rules(cx, db, f.dir, err) < 0)
		goto out;
	if (db_meta_set(db, "synthetic", "The enterprise-level data of the demo zone is synthetic; "
	                "its zone totals are the published 2017 figures.", err) < 0)
		goto out;
	rc = count_stats(db, s, err);
out:
	rmdir(f.dir);
	sbuf_release(&f.units);
	sbuf_release(&f.groups);
	sbuf_release(&f.data_m);
	sbuf_release(&f.targets);
	sbuf_release(&f.inds);
	free(ents);
	return rc;
}
