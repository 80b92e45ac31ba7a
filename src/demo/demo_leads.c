/* demo_leads.c: the demo zone's investment-promotion pipeline (see
 * demo_leads.h).
 *
 * Every lead has one fate: landed in 2016, landed in 2017 (some of those
 * started as a key project), in the pipeline at the end of 2017 (under
 * negotiation or signed), dropped, or only contacted. Its stage dates come
 * from a fixed-seed generator: backwards from the landing for landed leads,
 * forwards from the first contact for the others, always moving forward.
 * Each fate's total investment is split exactly among its leads (largest
 * remainder, in steps of 500 万元), so the published figures come out as
 * they are. Landed leads become the newest enterprises of their park that
 * own no key project; started leads become key projects that started in
 * 2017, and their owners. Depends on base, store, lead (the stage names),
 * io (and on the demo's units and key projects being in the database). */
#include "demo/demo_leads.h"
#include "demo/demo_util.h"
#include "base/date.h"
#include "base/dec.h"
#include "base/sbuf.h"
#include "base/xalloc.h"
#include "lead/lead.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define STEP 500              /* 万元: investments are multiples of 0.05 亿元 */
#define STARTED_MAX 12        /* leads started as key projects, at most */
#define STARTED_ONE 80000     /* 万元: the largest key project a started lead may be */
#define STARTED_ALL 450000    /* 万元: the started leads' projects together, at most */
#define USD_RATE 680          /* 万元 per 100 万美元 */

enum fate { F_LANDED16, F_LANDED17, F_STARTED, F_NEGOTIATION, F_SIGNED, F_DROPPED, F_CONTACT,
            F_N };

/* How many leads of each fate and their total investment (万元). Landed
 * leads are counted by park (PARK); the started ones are among the 50 that
 * landed in 2017 (103 亿元 together); the negotiation and signed ones are
 * the pipeline at the end of 2017, 108 worth 215.6 亿元 together. */
static const struct {
	int n;
	int64_t total;
} FATE[F_N] = {
	[F_LANDED16] = { 0, 885000 },
	[F_LANDED17] = { 0, 1030000 },
	[F_STARTED] = { 0, 0 },
	[F_NEGOTIATION] = { 70, 2156000 },
	[F_SIGNED] = { 38, 0 },
	[F_DROPPED] = { 22, 330000 },
	[F_CONTACT] = { 25, 375000 },
};

#define NPARK 6

/* The parks (demo.c): the industry of their leads, the word investors put
 * in their names, the officer who follows them, how many of their leads
 * landed in 2016 and 2017, their share of the other leads, the relative
 * size of their investments, and what their leads are about. */
static const struct {
	const char *code, *industry, *trade, *officer;
	int landed16, landed17, weight, size;
	const char *const what[8];
} PARK[NPARK] = {
	{ "eyewear_town", "眼镜", "光学", "王强", 12, 12, 30, 10,
	  { "光学镜片生产项目", "高档眼镜架制造项目", "太阳镜生产项目", "眼镜设计研发中心",
	    "树脂镜片项目", "眼镜模具加工项目", "镜片镀膜材料项目", "钛金属镜架项目" } },
	{ "precision_park", "精密机械", "精密机械", "李明", 11, 12, 28, 10,
	  { "精密零部件加工项目", "数控装备制造项目", "精密轴承项目", "液压元件项目",
	    "精密铸件项目", "汽车零部件项目", "机器人关节减速器项目", "精密传动件项目" } },
	{ "life_science_park", "生物医药", "生物科技", "张华", 7, 8, 16, 10,
	  { "生物医药研发项目", "医疗器械生产项目", "体外诊断试剂项目", "中药饮片项目",
	    "医用耗材项目", "保健食品项目", "原料药中间体项目", "康复器械项目" } },
	{ "maker_park", "智能装备", "智能装备", "刘洋", 5, 7, 12, 10,
	  { "智能装备制造项目", "新能源电池项目", "机器人系统集成项目", "节能环保设备项目",
	    "智能仓储设备项目", "电动汽车零部件项目", "激光加工设备项目", "工业传感器项目" } },
	{ "science_park", "信息科技", "信息技术", "陈静", 6, 8, 10, 10,
	  { "软件研发中心项目", "物联网应用项目", "电子信息产品项目", "大数据服务项目",
	    "智能终端研发项目", "云计算服务项目", "电子商务平台项目", "集成电路设计项目" } },
	{ "japan_park", "汽配", "汽车部件", "周敏", 2, 3, 4, 3,
	  { "汽车座椅配件项目", "汽车线束项目", "汽车冲压件项目", "汽车内饰件项目",
	    "汽车紧固件项目", "汽车橡胶件项目", "汽车空调部件项目", "汽车电子部件项目" } },
};

/* Where investors come from; weight 0: only where PARK_ORIGIN says. */
static const struct {
	const char *name, *suffix;
	const char *const place[4];
	int foreign, weight;
} ORIGIN[] = {
	{ "江苏", "有限公司", { "苏州", "无锡", "常州", "南京" }, 0, 24 },
	{ "浙江", "有限公司", { "温州", "台州", "宁波", "杭州" }, 0, 14 },
	{ "上海", "有限公司", { "上海" }, 0, 14 },
	{ "广东", "有限公司", { "深圳", "东莞", "广州" }, 0, 10 },
	{ "北京", "有限公司", { "北京" }, 0, 4 },
	{ "山东", "有限公司", { "青岛", "济南" }, 0, 4 },
	{ "福建", "有限公司", { "厦门", "泉州" }, 0, 3 },
	{ "香港", "有限公司", { "香港" }, 1, 6 },
	{ "台湾", "股份有限公司", { "台湾" }, 1, 5 },
	{ "德国", "集团", { "德国" }, 1, 4 },
	{ "美国", "公司", { "美国" }, 1, 4 },
	{ "韩国", "株式会社", { "韩国" }, 1, 3 },
	{ "新加坡", "私人有限公司", { "新加坡" }, 1, 2 },
	{ "意大利", "集团", { "意大利" }, 1, 0 },
	{ "日本", "株式会社", { "日本" }, 1, 0 },
};
#define NORIGIN (sizeof ORIGIN / sizeof ORIGIN[0])
#define O_ITALY 13
#define O_JAPAN 14

static const char *const BRAND[] = { "恒达", "华晟", "博远", "鼎盛", "瑞丰", "金诺", "永信",
                                     "天成", "汇宇", "明德", "嘉禾", "康泰", "中鑫", "新锐",
                                     "宏远", "联创" };
static const char *const BRAND_JP[] = { "大和", "三和", "东洋", "丰和", "日新", "富士见" };
static const char *const OFFICER[] = { "王强", "李明", "张华", "刘洋", "陈静", "周敏" };
static const char *const SOURCE[] = { "展会", "以商引商", "赴外招商", "中介推荐", "网上洽谈" };
static const char *const DROPPED[] = { "投资方战略调整", "用地条件不满足", "环评未通过",
                                       "投资方资金不足", "产业定位不符", "项目选址外地" };
#define BACK_REASON "投资方调整投资规模，重新洽谈"

struct stage {
	int stage, day;       /* enum lead_stage; days since 2015-01-01 */
	const char *reason;
};

struct lead {
	char code[16], name[96], investor[128], ent[16], proj[16];
	int fate, park, origin, idx, n;
	int64_t w, total, foreign;     /* weight; 万元; 万美元, 0 none */
	const char *officer, *source;
	struct stage st[6];
};

/* A key project a lead may have become (started in 2017). */
struct key {
	char code[16], name[96], owner[16];
	int park, day;
	int64_t total;     /* 万元 */
};

#define SEED UINT64_C(0x2017A77AC7105EED)

static struct demo_rng rng;

/* Days since 2015-01-01, and back. */
static int day_of(int y, int m, int d)
{
	int n = d - 1;
	for (int k = 2015; k < y; k++)
		n += 365 + (k % 4 == 0);
	for (int k = 1; k < m; k++)
		n += date_month_days(y, k);
	return n;
}

static void day_text(int n, char *buf, size_t len)
{
	struct date d = { 2015, 1, 1 };
	while (n >= 365 + (d.year % 4 == 0))
		n -= 365 + (d.year++ % 4 == 0);
	while (n >= date_month_days(d.year, d.month))
		n -= date_month_days(d.year, d.month++);
	d.day = n + 1;
	date_format(&d, buf, len);
}

#define END day_of(2017, 12, 31)

/* A day lo..hi days after from, but no later than last (> from). */
static int after(int from, int lo, int hi, int last)
{
	if (hi > last - from)
		hi = last - from;
	if (lo > hi)
		lo = hi;
	return from + demo_rng_in(&rng, lo, hi);
}

static void add_stage(struct lead *l, int stage, int day, const char *reason)
{
	l->st[l->n++] = (struct stage){ stage, day, reason };
}

/* contact → negotiation → signed → landed on day landed, drawn backwards. */
static void landed_path(struct lead *l, int landed)
{
	int s = landed - (int)demo_rng_in(&rng, 20, 90);
	int n = s - (int)demo_rng_in(&rng, 30, 150);
	int c = n - (int)demo_rng_in(&rng, 15, 90);
	add_stage(l, LS_CONTACT, c, NULL);
	add_stage(l, LS_NEGOTIATION, n, NULL);
	add_stage(l, LS_SIGNED, s, NULL);
	add_stage(l, LS_LANDED, landed, NULL);
}

static void other_path(struct lead *l, int k)
{
	const char *why;
	int c, n, s;
	switch (l->fate) {
	case F_NEGOTIATION:
		if (k == 0) {   /* signed, then back to negotiation */
			c = day_of(2016, 9, 1) + demo_rng_in(&rng, 0, 40);
			n = c + demo_rng_in(&rng, 20, 60);
			s = n + demo_rng_in(&rng, 60, 150);
			add_stage(l, LS_CONTACT, c, NULL);
			add_stage(l, LS_NEGOTIATION, n, NULL);
			add_stage(l, LS_SIGNED, s, NULL);
			add_stage(l, LS_NEGOTIATION, s + demo_rng_in(&rng, 60, 120), BACK_REASON);
			break;
		}
		c = END - demo_rng_in(&rng, 30, 720);
		add_stage(l, LS_CONTACT, c, NULL);
		add_stage(l, LS_NEGOTIATION, after(c, 10, 90, END), NULL);
		break;
	case F_SIGNED:
		c = END - demo_rng_in(&rng, 90, 800);
		n = after(c, 15, 60, END - 1);
		add_stage(l, LS_CONTACT, c, NULL);
		add_stage(l, LS_NEGOTIATION, n, NULL);
		add_stage(l, LS_SIGNED, after(n, 20, 200, END), NULL);
		break;
	case F_DROPPED:
		/* a fifth dropped after the first contact, a fifth after signing */
		c = demo_rng_in(&rng, day_of(2015, 1, 10), day_of(2017, 9, 30));
		add_stage(l, LS_CONTACT, c, NULL);
		if (k % 5) {
			c = after(c, 15, 90, END - 2);
			add_stage(l, LS_NEGOTIATION, c, NULL);
		}
		if (k % 5 == 4) {
			c = after(c, 30, 150, END - 1);
			add_stage(l, LS_SIGNED, c, NULL);
		}
		/* the reason drawn before the day: the order the demo has always drawn them in */
		why = k % 5 == 0 ? DROPPED[k % 2 ? 4 : 0]
		      : k % 5 == 4 ? DROPPED[k % 2 ? 1 : 0] : DROPPED[demo_rng_next(&rng) % 6];
		add_stage(l, LS_DROPPED, after(c, 30, 240, END), why);
		break;
	default:   /* contacted lately */
		add_stage(l, LS_CONTACT, END - demo_rng_in(&rng, 5, 150), NULL);
		break;
	}
}

static int pick_origin(int park)
{
	int total = 0, r;
	if (strcmp(PARK[park].code, "japan_park") == 0)
		return O_JAPAN;
	for (size_t o = 0; o < NORIGIN; o++)
		total += ORIGIN[o].weight + (o == O_ITALY && park == 0 ? 3 : 0);
	r = demo_rng_in(&rng, 1, total);
	for (size_t o = 0; o < NORIGIN; o++)
		if ((r -= ORIGIN[o].weight + (o == O_ITALY && park == 0 ? 3 : 0)) <= 0)
			return (int)o;
	return 0;
}

/* A new lead of a fate in a park: who, what, whence, its weight. */
static void lead_init(struct lead *l, int fate, int park, int idx)
{
	int x = demo_rng_in(&rng, 30, 160), places = 0;
	const char *brand;

	memset(l, 0, sizeof *l);
	l->fate = fate;
	l->park = park;
	l->idx = idx;
	l->origin = pick_origin(park);
	brand = l->origin == O_JAPAN ? BRAND_JP[demo_rng_next(&rng) % 6]
	        : BRAND[demo_rng_next(&rng) % 16];
	while (places < 4 && ORIGIN[l->origin].place[places])
		places++;
	snprintf(l->name, sizeof l->name, "%s%s", brand, PARK[park].what[demo_rng_next(&rng) % 8]);
	snprintf(l->investor, sizeof l->investor, "%s%s%s%s",
	         ORIGIN[l->origin].place[demo_rng_next(&rng) % (uint64_t)places], brand,
	         PARK[park].trade, ORIGIN[l->origin].suffix);
	l->w = (int64_t)x * x * PARK[park].size;
	l->officer = demo_rng_in(&rng, 1, 100) <= 80 ? PARK[park].officer
	             : OFFICER[demo_rng_next(&rng) % 6];
	if (l->origin == O_JAPAN)
		l->source = SOURCE[demo_rng_in(&rng, 1, 2)];
	else if (ORIGIN[l->origin].foreign)
		l->source = SOURCE[(int[]){ 0, 2, 3 }[demo_rng_next(&rng) % 3]];
	else
		l->source = SOURCE[demo_rng_next(&rng) % 5];
}

static int park_index(const char *code)
{
	for (int p = 0; p < NPARK; p++)
		if (strcmp(PARK[p].code, code) == 0)
			return p;
	return -1;
}

/* The key projects that started from March to December 2017, new ones
 * (no 改造, 扩建 ...), with an owner who owns no other key project, in the
 * order they started. Returns their number; *out is new, the caller frees. */
static int load_keys(struct kfq_db *db, struct key **out, struct kfq_err *err)
{
	static const char SQL[] =
		"SELECT u.code, u.name, pk.code, o.code, p.total_inv, p.actual_start FROM project p "
		"JOIN unit u ON u.id = p.unit_id JOIN unit pk ON pk.id = u.parent_id "
		"JOIN unit o ON o.id = p.owner_id WHERE p.category = 'industrial' "
		"AND p.actual_start >= '2017-03-01' AND p.actual_start < '2018-01-01' "
		"AND u.name NOT LIKE '%改%' AND u.name NOT LIKE '%扩%' "
		"AND (SELECT count(*) FROM project q WHERE q.owner_id = p.owner_id) = 1 "
		"ORDER BY p.actual_start, u.code";
	struct kfq_stmt *st;
	size_t n = 0, cap = 0;
	int rc, y, m, d;
	struct key *k = NULL;

	if (db_prepare(db, SQL, &st, err) < 0)
		return -1;
	while ((rc = st_step(st)) == ST_ROW) {
		int park = park_index(st_text(st, 2));
		if (park < 0 || sscanf(st_text(st, 5), "%d-%d-%d", &y, &m, &d)
		    != 3)
			continue;
		XGROW(k, n + 1, cap);
		snprintf(k[n].code, sizeof k[n].code, "%s", st_text(st, 0));
		snprintf(k[n].name, sizeof k[n].name, "%s", st_text(st, 1));
		snprintf(k[n].owner, sizeof k[n].owner, "%s", st_text(st, 3));
		k[n].park = park;
		k[n].day = day_of(y, m, d);
		k[n].total = st_i64(st, 4) / (DEC_ONE * 10000);
		n++;
	}
	if (rc != ST_DONE)
		db_fault(db, err, "reading the key projects");
	st_finalize(st);
	if (rc != ST_DONE) {
		free(k);
		return -1;
	}
	*out = k;
	return (int)n;
}

/* The enterprises of each park that own no key project, newest first. */
struct pool {
	char (*code)[16];
	size_t n, next;
};

static int load_pool(struct kfq_db *db, int park, struct pool *pl, struct kfq_err *err)
{
	static const char SQL[] =
		"SELECT u.code FROM unit u JOIN unit p ON p.id = u.parent_id WHERE p.code = ? "
		"AND u.kind = 'enterprise' AND NOT EXISTS (SELECT 1 FROM project q "
		"WHERE q.owner_id = u.id) ORDER BY u.code DESC";
	struct kfq_stmt *st;
	size_t cap = 0;
	int rc;

	if (db_prepare(db, SQL, &st, err) < 0)
		return -1;
	st_bind_text(st, 1, PARK[park].code);
	while ((rc = st_step(st)) == ST_ROW) {
		XGROW(pl->code, pl->n + 1, cap);
		snprintf(pl->code[pl->n++], 16, "%s", st_text(st, 0));
	}
	if (rc != ST_DONE)
		db_fault(db, err, "reading the parks' enterprises");
	st_finalize(st);
	return rc == ST_DONE ? 0 : -1;
}

/* Split a fate's total among its leads (at least one step each). */
static void share(struct lead *L, size_t n, int fate, int fate2, int64_t total)
{
	int64_t *w = xmalloc((n ? n : 1) * sizeof *w), *part = xmalloc((n ? n : 1) * sizeof *part);
	size_t k = 0, first = n;
	for (size_t i = 0; i < n; i++)
		if (L[i].fate == fate || L[i].fate == fate2)
			w[k++] = L[i].w;
	demo_split(total / STEP - (int64_t)k, w, k, part);
	k = 0;
	for (size_t i = 0; i < n; i++)
		if (L[i].fate == fate || L[i].fate == fate2) {
			L[i].total = (part[k++] + 1) * STEP;
			if (first == n)
				first = i;
		}
	if (first < n)
		L[first].total += total % STEP;
	free(w);
	free(part);
}

static int by_contact(const void *a, const void *b)
{
	const struct lead *x = a, *y = b;
	if (x->st[0].day != y->st[0].day)
		return x->st[0].day < y->st[0].day ? -1 : 1;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/* Build the leads into *out; returns their number, -1 on error. */
static int make_leads(struct kfq_db *db, struct lead **out, struct kfq_err *err)
{
	struct pool pool[NPARK];
	struct key *keys = NULL;
	struct lead *L;
	size_t n = 0, cap = 0;
	int nkeys, started[NPARK] = { 0 }, nstarted = 0, seq = 0, year = 0, rc = -1;
	int64_t started_inv = 0;

	memset(pool, 0, sizeof pool);
	L = xcalloc(1, sizeof *L);
	for (int p = 0; p < NPARK; p++)
		if (load_pool(db, p, &pool[p], err) < 0)
			goto out;
	if ((nkeys = load_keys(db, &keys, err)) < 0)
		goto out;
	/* started: key projects in the order they started, within each park's
	 * landings of 2017 */
	for (int i = 0; i < nkeys && nstarted < STARTED_MAX; i++) {
		struct key *k = &keys[i];
		struct lead *l;
		int s;
		if (k->total > STARTED_ONE || started_inv + k->total > STARTED_ALL ||
		    started[k->park] >= PARK[k->park].landed17 / 3)
			continue;
		XGROW(L, n + 1, cap);
		l = &L[n];
		lead_init(l, F_STARTED, k->park, (int)n);
		n++;
		snprintf(l->name, sizeof l->name, "%s", k->name);
		snprintf(l->ent, sizeof l->ent, "%s", k->owner);
		snprintf(l->proj, sizeof l->proj, "%s", k->code);
		l->total = k->total;
		s = k->day - demo_rng_in(&rng, 20, 75);
		landed_path(l, s < day_of(2017, 1, 3) ? day_of(2017, 1, 3) : s);
		add_stage(l, LS_STARTED, k->day, NULL);
		started[k->park]++;
		started_inv += k->total;
		nstarted++;
	}
	/* the other landings: 2017 first, so they take the newest enterprises */
	for (int f = F_LANDED17; f >= F_LANDED16; f--)
		for (int p = 0; p < NPARK; p++) {
			int want = f == F_LANDED17 ? PARK[p].landed17 - started[p] : PARK[p].landed16;
			for (int i = 0; i < want; i++) {
				struct lead *l;
				if (pool[p].next >= pool[p].n) {
					kfq_fault(err, "demo leads: %s has too few enterprises", PARK[p].code);
					goto out;
				}
				XGROW(L, n + 1, cap);
				l = &L[n];
				lead_init(l, f, p, (int)n);
				n++;
				snprintf(l->ent, sizeof l->ent, "%s", pool[p].code[pool[p].next++]);
				landed_path(l, (int)(f == F_LANDED17
				                     ? demo_rng_in(&rng, day_of(2017, 1, 5), day_of(2017, 12, 25))
				                     : demo_rng_in(&rng, day_of(2016, 2, 1), day_of(2016, 12, 20))));
			}
		}
	/* the rest of the funnel, in the parks by their weights */
	for (int f = F_NEGOTIATION; f < F_N; f++)
		for (int i = 0; i < FATE[f].n; i++) {
			int r = demo_rng_in(&rng, 1, 100), p = 0;
			while (p < NPARK - 1 && (r -= PARK[p].weight) > 0)
				p++;
			XGROW(L, n + 1, cap);
			lead_init(&L[n], f, p, (int)n);
			other_path(&L[n], i);
			n++;
		}
	share(L, n, F_LANDED17, F_LANDED17, FATE[F_LANDED17].total - started_inv);
	share(L, n, F_LANDED16, F_LANDED16, FATE[F_LANDED16].total);
	share(L, n, F_NEGOTIATION, F_SIGNED, FATE[F_NEGOTIATION].total);
	share(L, n, F_DROPPED, F_DROPPED, FATE[F_DROPPED].total);
	share(L, n, F_CONTACT, F_CONTACT, FATE[F_CONTACT].total);
	for (size_t i = 0; i < n; i++)
		if (ORIGIN[L[i].origin].foreign) {
			int64_t usd = L[i].total * demo_rng_in(&rng, 40, 100) / USD_RATE / 10 * 10;
			L[i].foreign = usd < 10 ? 10 : usd;
		}
	/* codes by first contact: zs, the year, a number within it */
	qsort(L, n, sizeof *L, by_contact);
	for (size_t i = 0; i < n; i++) {
		char d[32];
		day_text(L[i].st[0].day, d, sizeof d);
		if (atoi(d) != year) {
			year = atoi(d);
			seq = 0;
		}
		snprintf(L[i].code, sizeof L[i].code, "zs%02d%03d", year % 100, ++seq);
	}
	*out = L;
	L = NULL;
	rc = (int)n;
out:
	for (int p = 0; p < NPARK; p++)
		free(pool[p].code);
	free(keys);
	free(L);
	return rc;
}

static void write_leads(const struct lead *L, size_t n, struct sbuf *sb)
{
	sbuf_adds(sb, "code,name,investor,origin,industry,park,total_investment(万元),"
	          "foreign_investment(万美元),officer,source,enterprise,project\n");
	for (size_t i = 0; i < n; i++) {
		const struct lead *l = &L[i];
		sbuf_addf(sb, "%s,%s,%s,%s,%s,%s,%lld,", l->code, l->name, l->investor,
		          ORIGIN[l->origin].name, PARK[l->park].industry, PARK[l->park].code,
		          (long long)l->total);
		if (l->foreign)
			sbuf_addf(sb, "%lld", (long long)l->foreign);
		sbuf_addf(sb, ",%s,%s,%s,%s\n", l->officer, l->source, l->ent, l->proj);
	}
}

static void write_stages(const struct lead *L, size_t n, struct sbuf *sb)
{
	sbuf_adds(sb, "lead,stage,date,reason\n");
	for (size_t i = 0; i < n; i++)
		for (int k = 0; k < L[i].n; k++) {
			char d[32];
			day_text(L[i].st[k].day, d, sizeof d);
			sbuf_addf(sb, "%s,%s,%s,%s\n", L[i].code, LEAD_STAGE[L[i].st[k].stage], d,
			          L[i].st[k].reason ? L[i].st[k].reason : "");
		}
}

int demo_leads(const struct kfq_ctx *cx, struct kfq_db *db, const char *dir, struct kfq_err *err)
{
	static const char *const KINDS[] = { "leads", "lead-stages" };
	static const char *const FILES[] = { "leads.csv", "lead-stages.csv" };
	struct lead *L = NULL;
	struct sbuf sb[2];
	int n, rc = -1;

	rng.state = SEED;
	for (int k = 0; k < 2; k++)
		sbuf_init(&sb[k]);
	if ((n = make_leads(db, &L, err)) < 0)
		goto out;
	write_leads(L, (size_t)n, &sb[0]);
	write_stages(L, (size_t)n, &sb[1]);
	rc = 0;
	for (int k = 0; k < 2 && rc == 0; k++)
		rc = demo_import(cx, db, dir, FILES[k], KINDS[k], &sb[k], 1, err);
out:
	for (int k = 0; k < 2; k++)
		sbuf_release(&sb[k]);
	free(L);
	return rc;
}
