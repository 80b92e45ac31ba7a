/* demo_index.c: the demo zone's China Danyang Eyewear Index data (see
 * demo_index.h).
 *
 * Every item has a base price (its leaf's typical price in its channel
 * times a factor of 0.6 … 1.6) and follows its leaf × channel's trend in
 * basis points a month (lenses +45, online −45, the two added) with its
 * own noise of ±60 bp each month, in fen. Replacements start at the
 * overlap month at another price level; outliers are one month's price
 * off by a factor (a keying error or a clearance sale); missing prices are
 * item-months left out. Survey replies are drawn from shares of up and
 * down that drift through the year per question; 3% do not answer. The
 * files go through demo_import; then the index is computed (index/ixcalc,
 * the defaults: Jevons, base 2016-12, k = 2) for every month to 2017-12,
 * published into the core for the eyewear town, and frozen. Depends on
 * base, store, index, io (and on the demo's eyewear town and its
 * enterprises being in the database). */
#include "demo/demo_index.h"
#include "demo/demo_util.h"
#include "base/sbuf.h"
#include "base/xalloc.h"
#include "index/ixcalc.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SEED UINT64_C(0x1DE7E3EA2017)
#define NMONTH 13          /* 2016-12 … 2017-12: t = 0 … 12 */
#define NFACTORY 30        /* enterprises quoting factory prices */
#define NSTALL 30          /* wholesale stalls of the eyewear market */
#define NSHOP 20           /* online shops */
#define NMERCHANT (NSTALL + NSHOP)
#define NRESP_ENT 40       /* enterprises answering the survey */
#define NMISSING 8

enum { CH_FACTORY, CH_WHOLESALE, CH_ONLINE, NCH };
static const char *const CHANNEL[NCH] = { "factory", "wholesale", "online" };

static const struct {
	const char *code, *name;
} GROUP[] = {
	{ "frames", "镜架" },
	{ "lenses", "镜片" },
	{ "sunglasses", "太阳镜" },
	{ "contact", "隐形眼镜" },
	{ "accessories", "配件与设备" },
};
#define NGROUP (sizeof GROUP / sizeof GROUP[0])

/* The leaves: group (-1: sunglasses is a leaf at the top), typical prices
 * (元) and 2017 sales (万元) per channel, the trend (bp a month), the
 * materials and the size or specification of their items. */
static const struct {
	const char *code, *name;
	int group;
	int64_t price[NCH];
	int64_t sales[NCH];
	int trend;
	const char *material[3];
	const char *size[3];
} LEAF[] = {
	{ "frames_metal", "金属镜架", 0, { 38, 60, 128 }, { 52000, 18000, 9000 }, 0,
	  { "不锈钢", "铜合金", "β钛" }, { "52-18-140", "54-17-142", "50-20-138" } },
	{ "frames_plastic", "板材镜架", 0, { 26, 45, 99 }, { 40000, 15000, 8000 }, 0,
	  { "醋酸纤维板材", "TR90", "超轻塑钢" }, { "53-18-145", "51-19-140", "55-16-145" } },
	{ "frames_titanium", "钛架", 0, { 95, 150, 298 }, { 30000, 8000, 5000 }, 0,
	  { "纯钛", "记忆钛", "钛合金" }, { "52-18-140", "54-17-145", "49-20-140" } },
	{ "lenses_resin", "树脂镜片", 1, { 9, 16, 59 }, { 90000, 30000, 15000 }, 45,
	  { "树脂 1.56", "树脂 1.61", "树脂 1.67" }, { "Φ65", "Φ70", "Φ75" } },
	{ "lenses_glass", "玻璃镜片", 1, { 6, 10, 39 }, { 12000, 4000, 1500 }, 45,
	  { "光学玻璃 1.523", "光学玻璃 1.7", "光学玻璃 1.8" }, { "Φ60", "Φ65", "Φ70" } },
	{ "lenses_pc", "PC镜片", 1, { 15, 24, 79 }, { 20000, 7000, 4000 }, 45,
	  { "聚碳酸酯 1.59", "聚碳酸酯 防蓝光", "聚碳酸酯 变色" }, { "Φ65", "Φ70", "Φ72" } },
	{ "lenses_progressive", "渐进多焦点镜片", 1, { 120, 200, 680 }, { 25000, 9000, 3500 }, 45,
	  { "树脂 1.60 渐进", "树脂 1.67 渐进", "树脂 1.74 渐进" }, { "Φ70", "Φ72", "Φ75" } },
	{ "sunglasses", "太阳镜", -1, { 35, 60, 139 }, { 45000, 16000, 14000 }, 0,
	  { "偏光 TAC", "尼龙片", "PC" }, { "58-16-140", "60-15-142", "62-14-145" } },
	{ "contact_soft", "软性隐形眼镜", 3, { 22, 35, 69 }, { 15000, 6000, 12000 }, 0,
	  { "水凝胶", "硅水凝胶", "水凝胶 日抛" }, { "6片装", "30片装", "2片装" } },
	{ "contact_color", "彩色隐形眼镜", 3, { 18, 30, 59 }, { 10000, 4000, 10000 }, 0,
	  { "水凝胶 彩片", "硅水凝胶 彩片", "水凝胶 日抛彩片" }, { "2片装", "10片装", "30片装" } },
	{ "accessories_parts", "配件", 4, { 3, 5, 12 }, { 12000, 5000, 3000 }, 0,
	  { "镜盒", "鼻托", "镜布" }, { "标准", "大号", "套装" } },
	{ "accessories_equipment", "验光与加工设备", 4, { 18000, 25000, 32000 },
	  { 8000, 2000, 1000 }, 0,
	  { "电脑验光仪", "全自动磨边机", "综合验光仪" }, { "台", "台", "台" } },
};
#define NLEAF (sizeof LEAF / sizeof LEAF[0])
#define ONLINE_TREND (-45)

static const char *const BRAND[] = { "明月", "万新", "鸿晨", "宏达", "康视", "博视", "精益",
                                     "视佳", "亮视", "圣大", "华光", "美视" };
#define NBRAND (sizeof BRAND / sizeof BRAND[0])

/* Items of each leaf in each channel: 9 at the factory gate, 8 in the
 * other channels; the accessories have one fewer (296, and 4
 * replacements: 300). */
static int items_of(size_t leaf, int ch)
{
	int n = ch == CH_FACTORY ? 9 : 8;
	if (ch == CH_FACTORY && leaf >= NLEAF - 2)
		n--;
	if (ch != CH_FACTORY && leaf == NLEAF - 1)
		n--;
	return n;
}

/* The special items, by leaf, channel and place in their aggregate. */
static const struct {
	const char *leaf;
	int ch, k;
	int overlap;         /* t of the overlap month */
	int level;           /* the new item's price level against the old, permille */
} REPLACED[] = {
	{ "frames_metal", CH_FACTORY, 2, 5, 1120 },
	{ "lenses_resin", CH_WHOLESALE, 3, 6, 920 },
	{ "sunglasses", CH_ONLINE, 1, 7, 1200 },
	{ "contact_soft", CH_FACTORY, 4, 9, 1050 },
};
#define NREPLACED (sizeof REPLACED / sizeof REPLACED[0])

static const struct {
	const char *leaf;
	int ch, k, t;
	int factor;          /* permille of the right price */
} OUTLIER[] = {
	{ "frames_plastic", CH_WHOLESALE, 2, 4, 3000 },
	{ "contact_color", CH_ONLINE, 0, 8, 300 },
	{ "accessories_parts", CH_FACTORY, 5, 10, 2600 },
};
#define NOUTLIER (sizeof OUTLIER / sizeof OUTLIER[0])

/* Stalls quoting weekly: item 0 of these leaves in the wholesale market. */
static const char *const WEEKLY[] = { "frames_metal", "frames_titanium", "lenses_pc",
                                      "sunglasses", "contact_soft" };
#define NWEEKLY (sizeof WEEKLY / sizeof WEEKLY[0])

struct item {
	char code[16];
	size_t leaf;
	int ch, k;
	int64_t base;        /* fen, at t = 0 */
	int reporter;        /* factory: an enterprise; else a merchant */
	int first, last;     /* the months it is quoted */
	int weekly;
	int outlier_t, outlier_factor;
	int replaces;        /* the item it replaces, -1 none */
	int overlap;
	unsigned missing;    /* bit t: no price in month t */
	char brand[16], model[24];
	int variant;
};

static struct demo_rng rng;

static int leaf_index(const char *code)
{
	for (size_t i = 0; i < NLEAF; i++)
		if (strcmp(LEAF[i].code, code) == 0)
			return (int)i;
	return -1;
}

static void month_of(int t, int *y, int *m)
{
	*y = t == 0 ? 2016 : 2017;
	*m = t == 0 ? 12 : t;
}

/* The item's price in month t, in fen: its trend, its noise, its outlier. */
static int64_t price_at(const struct item *it, int t)
{
	int trend = LEAF[it->leaf].trend + (it->ch == CH_ONLINE ? ONLINE_TREND : 0);
	int64_t noise = demo_rng_in(&rng, -60, 60);
	int64_t p = (it->base * (10000 + trend * t + noise) + 5000) / 10000;
	if (t == it->outlier_t)
		p = (p * it->outlier_factor + 500) / 1000;
	return p > 0 ? p : 1;
}

static void put_fen(struct sbuf *sb, int64_t fen)
{
	sbuf_addf(sb, "%lld.%02lld", (long long)(fen / 100), (long long)(fen % 100));
}

/* The eyewear town's enterprises (the first NRESP_ENT by code). */
static int load_enterprises(struct kfq_db *db, char (*code)[16], struct kfq_err *err)
{
	static const char SQL[] =
		"SELECT u.code FROM unit u JOIN unit p ON p.id = u.parent_id WHERE p.code = "
		"'eyewear_town' AND u.kind = 'enterprise' AND u.code LIKE 'ent%' ORDER BY u.code LIMIT ?";
	struct kfq_stmt *st;
	int n = 0, rc = ST_DONE;
	if (db_prepare(db, SQL, &st, err) < 0)
		return -1;
	st_bind_int(st, 1, NRESP_ENT);
	while (n < NRESP_ENT && (rc = st_step(st)) == ST_ROW)
		snprintf(code[n++], 16, "%s", st_text(st, 0));
	if (n < NRESP_ENT && rc != ST_DONE) {
		db_fault(db, err, "demo index: reading the eyewear town's enterprises");
		st_finalize(st);
		return -1;
	}
	st_finalize(st);
	if (n < NRESP_ENT)
		return kfq_fault(err, "demo index: the eyewear town has %d enterprises, %d needed", n,
		                 NRESP_ENT);
	return 0;
}

static void make_merchants(struct sbuf *sb)
{
	static const char *const word[] = { "明", "亮", "视", "晶", "华", "新", "宏", "美", "佳",
	                                    "瑞", "恒", "远", "康", "诚", "鑫", "达" };
	sbuf_adds(sb, "code,name,kind,parent,industry,land_mu,hightech\n");
	for (int i = 0; i < NMERCHANT; i++) {
		const char *a = word[demo_rng_next(&rng) % 16];
		const char *b = word[demo_rng_next(&rng) % 16];
		if (i < NSTALL)
			sbuf_addf(sb, "m%03d,丹阳眼镜城%s%s眼镜商行（%c区%02d号）,merchant,eyewear_town,5137,,0\n",
			          i + 1, a, b, 'A' + i % 4, i / 4 + 1);
		else
			sbuf_addf(sb, "m%03d,%s%s眼镜网络旗舰店,merchant,eyewear_town,5293,,0\n", i + 1, a, b);
	}
}

static void make_categories(struct sbuf *sb)
{
	sbuf_adds(sb, "code,name,parent\n");
	for (size_t g = 0; g < NGROUP; g++) {
		sbuf_addf(sb, "%s,%s,\n", GROUP[g].code, GROUP[g].name);
		for (size_t i = 0; i < NLEAF; i++)
			if (LEAF[i].group == (int)g)
				sbuf_addf(sb, "%s,%s,%s\n", LEAF[i].code, LEAF[i].name, GROUP[g].code);
	}
}

/* Sales in 万元 per leaf and channel, and the groups' sums: 2017's, and
 * 2016's 8% lower (lenses 12%: they grew faster). */
static int64_t sales_of(size_t leaf, int ch, int year)
{
	int64_t s = LEAF[leaf].sales[ch];
	return year == 2017 ? s : s * (LEAF[leaf].group == 1 ? 88 : 92) / 100;
}

static void make_weights(struct sbuf *sb)
{
	sbuf_adds(sb, "year,category,channel,weight(万元)\n");
	for (int year = 2016; year <= 2017; year++)
		for (int ch = 0; ch < NCH; ch++)
			for (size_t g = 0; g < NGROUP; g++) {
				int64_t sum = 0;
				int kids = 0;
				for (size_t i = 0; i < NLEAF; i++)
					if (LEAF[i].group == (int)g) {
						sum += sales_of(i, ch, year);
						kids++;
					}
				if (kids)
					sbuf_addf(sb, "%d,%s,%s,%lld\n", year, GROUP[g].code, CHANNEL[ch],
					          (long long)sum);
				for (size_t i = 0; i < NLEAF; i++)
					if (LEAF[i].group == (int)g ||
					    (!kids && strcmp(LEAF[i].code, GROUP[g].code) == 0))
						sbuf_addf(sb, "%d,%s,%s,%lld\n", year, LEAF[i].code, CHANNEL[ch],
						          (long long)sales_of(i, ch, year));
			}
}

static struct item *make_items(size_t *n)
{
	struct item *it = xcalloc(320, sizeof *it);
	int next[NCH] = { 0, 0, 0 };
	size_t k = 0;

	for (int ch = 0; ch < NCH; ch++)
		for (size_t l = 0; l < NLEAF; l++)
			for (int j = 0; j < items_of(l, ch); j++) {
				struct item *x = &it[k];
				int64_t factor = demo_rng_in(&rng, 600, 1600);
				x->leaf = l;
				x->ch = ch;
				x->k = j;
				x->base = (LEAF[l].price[ch] * 100 * factor + 500) / 1000;
				x->reporter = ch == CH_FACTORY ? next[ch]++ % NFACTORY
				              : ch == CH_WHOLESALE ? next[ch]++ % NSTALL
				              : NSTALL + next[ch]++ % NSHOP;
				x->first = 0;
				x->last = NMONTH - 1;
				x->outlier_t = -1;
				x->replaces = -1;
				x->variant = (int)demo_rng_in(&rng, 0, 2);
				snprintf(x->brand, sizeof x->brand, "%s", BRAND[demo_rng_next(&rng) % NBRAND]);
				snprintf(x->model, sizeof x->model, "%c%c-%lld", "FLSCA"[LEAF[l].group < 0 ? 2
				         : LEAF[l].group], "FWO"[ch], (long long)demo_rng_in(&rng, 1000, 9999));
				for (size_t w = 0; w < NWEEKLY; w++)
					if (ch == CH_WHOLESALE && j == 0 && strcmp(LEAF[l].code, WEEKLY[w]) == 0)
						x->weekly = 1;
				for (size_t o = 0; o < NOUTLIER; o++)
					if (leaf_index(OUTLIER[o].leaf) == (int)l && OUTLIER[o].ch == ch &&
					    OUTLIER[o].k == j) {
						x->outlier_t = OUTLIER[o].t;
						x->outlier_factor = OUTLIER[o].factor;
					}
				k++;
			}
	/* the replacements, quoted from the overlap month on */
	for (size_t r = 0; r < NREPLACED; r++)
		for (size_t i = 0; i < k; i++)
			if (it[i].replaces < 0 && (int)it[i].leaf == leaf_index(REPLACED[r].leaf) &&
			    it[i].ch == REPLACED[r].ch && it[i].k == REPLACED[r].k && it[i].last == NMONTH - 1) {
				struct item *x = &it[k + r];
				*x = it[i];
				it[i].last = REPLACED[r].overlap;
				x->k = items_of(x->leaf, x->ch) + (int)r;
				x->base = (it[i].base * REPLACED[r].level + 500) / 1000;
				x->first = REPLACED[r].overlap;
				x->replaces = (int)i;
				x->overlap = REPLACED[r].overlap;
				x->variant = (x->variant + 1) % 3;
				snprintf(x->model + strlen(x->model), sizeof x->model - strlen(x->model), "N");
				break;
			}
	k += NREPLACED;
	for (size_t i = 0; i < k; i++)
		snprintf(it[i].code, sizeof it[i].code, "ew%04d", (int)i + 1);
	/* a handful of missing prices: monthly items, not the special ones */
	for (int m = 0; m < NMISSING;) {
		size_t i = (size_t)demo_rng_in(&rng, 0, (int64_t)k - NREPLACED - 1);
		int t = (int)demo_rng_in(&rng, 1, NMONTH - 2);
		struct item *x = &it[i];
		if (x->weekly || x->outlier_t >= 0 || x->last != NMONTH - 1 || x->missing)
			continue;
		x->missing |= 1u << t;
		m++;
	}
	*n = k;
	return it;
}

static void make_item_file(struct sbuf *sb, const struct item *it, size_t n,
                           char (*ent)[16])
{
	sbuf_adds(sb, "code,category,channel,reporter,brand,model,material,size,replaces,overlap\n");
	for (size_t i = 0; i < n; i++) {
		const struct item *x = &it[i];
		char rep[16];
		if (x->ch == CH_FACTORY)
			snprintf(rep, sizeof rep, "%s", ent[x->reporter]);
		else
			snprintf(rep, sizeof rep, "m%03d", x->reporter + 1);
		sbuf_addf(sb, "%s,%s,%s,%s,%s,%s,%s,%s,", x->code, LEAF[x->leaf].code, CHANNEL[x->ch], rep,
		          x->brand, x->model, LEAF[x->leaf].material[x->variant],
		          LEAF[x->leaf].size[x->variant]);
		if (x->replaces >= 0) {
			int y, m;
			month_of(x->overlap, &y, &m);
			sbuf_addf(sb, "%s,%04d-%02d\n", it[x->replaces].code, y, m);
		} else {
			sbuf_adds(sb, ",\n");
		}
	}
}

static void make_quotes(struct sbuf *sb, const struct item *it, size_t n)
{
	sbuf_adds(sb, "item,period,price(元),sales(元)\n");
	for (size_t i = 0; i < n; i++) {
		const struct item *x = &it[i];
		for (int t = x->first; t <= x->last; t++) {
			int y, m;
			int64_t p = price_at(x, t);
			month_of(t, &y, &m);
			if (x->missing & (1u << t))
				continue;
			if (!x->weekly) {
				sbuf_addf(sb, "%s,%04d-%02d,", x->code, y, m);
				put_fen(sb, p);
				sbuf_addc(sb, ',');
				/* online shops report each item's monthly sales (the
				 * platform's figures), so the superlative indices can be
				 * compared there; no random draw, so the rest of the
				 * demo is unchanged */
				if (x->ch == CH_ONLINE)
					put_fen(sb, p * (int64_t)(40 + (i * 37 + (size_t)t * 11) % 60));
				sbuf_addc(sb, '\n');
				continue;
			}
			/* four Friday-ish quotes around the month's price */
			for (int w = 0; w < 4; w++) {
				int64_t d = demo_rng_in(&rng, -30, 30);
				sbuf_addf(sb, "%s,%04d-%02d-%02d,", x->code, y, m, 6 + 7 * w);
				put_fen(sb, (p * (10000 + d) + 5000) / 10000);
				sbuf_adds(sb, ",\n");
			}
		}
	}
}

/* ---- surveys ---- */

static const struct {
	const char *code, *name_ent, *name_mer;
	int inverted, weight;
	/* shares of up and down in percent at t = 0, and their drift in
	 * tenths of a point a month: enterprises, then merchants */
	int up[2], up_drift[2], down[2], down_drift[2];
} QUESTION[] = {
	{ "sales", "销售额", "销售额", 0, 20, { 38, 34 }, { 10, 5 }, { 22, 28 }, { -5, 0 } },
	{ "new_orders", "新订单", "新订单（进货订单）", 0, 15, { 36, 30 }, { 10, 4 }, { 24, 25 },
	  { -5, 0 } },
	{ "selling_prices", "产品销售价格", "商品销售价格", 0, 10, { 30, 22 }, { 10, 0 }, { 15, 30 },
	  { 0, 5 } },
	{ "raw_material_cost", "原材料购进价格", "进货成本", 1, 10, { 45, 40 }, { 0, 0 }, { 10, 12 },
	  { 0, 0 } },
	{ "inventory", "产成品库存", "商品库存", 1, 10, { 25, 28 }, { 0, 0 }, { 25, 22 },
	  { -5, 0 } },
	{ "employment", "从业人员", "从业人员", 0, 10, { 25, 18 }, { 0, 0 }, { 15, 20 },
	  { 0, 0 } },
	{ "profit", "利润", "利润", 0, 15, { 32, 28 }, { 5, 0 }, { 25, 32 }, { 0, -5 } },
	{ "expectations", "下季度预期", "下季度经营预期", 0, 10, { 48, 40 }, { 5, 5 }, { 12, 18 },
	  { 0, 0 } },
};
#define NQUESTION (sizeof QUESTION / sizeof QUESTION[0])

static void make_surveys(struct sbuf *s, struct sbuf *q)
{
	sbuf_adds(s, "code,name,weight\n"
	          "enterprises,眼镜生产企业景气调查,60\n"
	          "merchants,眼镜城商户景气调查,40\n");
	sbuf_adds(q, "survey,code,name,inverted,weight\n");
	for (int v = 0; v < 2; v++)
		for (size_t i = 0; i < NQUESTION; i++)
			sbuf_addf(q, "%s,%s,%s,%d,%d\n", v ? "merchants" : "enterprises", QUESTION[i].code,
			          v ? QUESTION[i].name_mer : QUESTION[i].name_ent, QUESTION[i].inverted,
			          QUESTION[i].weight);
}

static void make_answers(struct sbuf *sb, char (*ent)[16])
{
	int64_t size[NRESP_ENT];
	sbuf_adds(sb, "survey,period,respondent,question,reply,weight\n");
	for (int r = 0; r < NRESP_ENT; r++)
		size[r] = demo_rng_in(&rng, 50, 300);      /* employees */
	for (int t = 0; t < NMONTH; t++) {
		int y, m;
		month_of(t, &y, &m);
		for (int v = 0; v < 2; v++) {
			int nresp = v ? NMERCHANT : NRESP_ENT;
			for (int r = 0; r < nresp; r++)
				for (size_t i = 0; i < NQUESTION; i++) {
					int64_t x = demo_rng_in(&rng, 1, 1000);
					int64_t up = QUESTION[i].up[v] * 10 + QUESTION[i].up_drift[v] * t;
					int64_t down = QUESTION[i].down[v] * 10 + QUESTION[i].down_drift[v] * t;
					const char *reply = x <= 30 ? "none"
					                    : x <= 30 + up * 97 / 100 ? "up"
					                    : x <= 30 + (up + down) * 97 / 100 ? "down" : "flat";
					if (v)
						sbuf_addf(sb, "merchants,%04d-%02d,m%03d,%s,%s,\n", y, m, r + 1,
						          QUESTION[i].code, reply);
					else
						sbuf_addf(sb, "enterprises,%04d-%02d,%s,%s,%s,%lld\n", y, m, ent[r],
						          QUESTION[i].code, reply, (long long)size[r]);
				}
		}
	}
}

int demo_index(const struct kfq_ctx *cx, struct kfq_db *db, const char *dir, struct kfq_err *err)
{
	enum { F_UNITS, F_CATS, F_WEIGHTS, F_ITEMS, F_QUOTES, F_SURVEYS, F_QUESTIONS, F_ANSWERS, NF };
	static const char *const FILES[NF] = { "merchants.csv", "index-categories.csv",
	                                       "index-weights.csv", "index-items.csv",
	                                       "price-quotes.csv", "surveys.csv",
	                                       "survey-questions.csv", "survey-answers.csv" };
	static const char *const KINDS[NF] = { "units", "index-categories", "index-weights",
	                                       "index-items", "price-quotes", "surveys",
	                                       "survey-questions", "survey-answers" };
	char (*ent)[16] = xcalloc(NRESP_ENT, sizeof *ent);
	struct sbuf sb[NF];
	struct item *it = NULL;
	size_t n = 0;
	int rc = -1;

	for (int k = 0; k < NF; k++)
		sbuf_init(&sb[k]);
	rng.state = SEED;
	if (load_enterprises(db, ent, err) < 0)
		goto out;
	make_merchants(&sb[F_UNITS]);
	make_categories(&sb[F_CATS]);
	make_weights(&sb[F_WEIGHTS]);
	it = make_items(&n);
	make_item_file(&sb[F_ITEMS], it, n, ent);
	make_quotes(&sb[F_QUOTES], it, n);
	make_surveys(&sb[F_SURVEYS], &sb[F_QUESTIONS]);
	make_answers(&sb[F_ANSWERS], ent);
	rc = 0;
	for (int k = 0; k < NF && rc == 0; k++)
		rc = demo_import(cx, db, dir, FILES[k], KINDS[k], &sb[k], k == F_UNITS, err);
	if (rc == 0) {
		struct ixcalc_settings set;
		int *frozen = NULL;
		size_t nfrozen = 0;
		ixcalc_settings_default(&set);
		set.year = 2017;
		set.month = 12;
		set.unit = "eyewear_town";
		rc = ixcalc_compute(cx, db, &set, NULL, err);
		if (rc == 0)
			rc = ixcalc_publish(cx, db, 2017, 12, &frozen, &nfrozen, err);
		free(frozen);
		if (rc < 0 && err->kind == KFQ_EUSER) {
			kfq_err_prefix(err, "demo index (a bug)");
			err->kind = KFQ_EFAULT;
		}
	}
out:
	for (int k = 0; k < NF; k++)
		sbuf_release(&sb[k]);
	free(it);
	free(ent);
	return rc;
}
