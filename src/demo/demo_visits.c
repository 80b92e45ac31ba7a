/* demo_visits.c: the visited side of the demo zone's 2017 暖企惠民大走访
 * (see demo_cases.h): the 900 small enterprises the zone gains, listing the
 * enterprises to visit, the 50 360 households of its 38 villages and
 * communities, and the visits to both, placed on working days by the
 * campaign's pace and numbered in date order. Its random numbers and days
 * come from demo_cases.c through demo_cases_part.h, so the draws are the same
 * one fixed-seed sequence the cases take theirs from. Depends on base,
 * store and demo_util.h; must not depend on the cases part (problems,
 * steps), the demo's other builders or anything above store, and it
 * neither seeds the generator nor imports files. */
#include "demo/demo_cases_part.h"
#include "demo/demo_util.h"
#include "base/sbuf.h"
#include "base/xalloc.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NSMALL 900          /* small enterprises added: the zone has 1 320 */
#define NUNVISITED 8        /* of them not visited in 2017: 1 312 visited */

/* ---- small enterprises ---- */

static const char *const XX1[30] = {
	"永", "兴", "宏", "顺", "利", "恒", "鑫", "华", "建", "明", "金", "大", "新", "友", "立",
	"振", "国", "荣", "富", "春", "佳", "精", "海", "正", "祥", "福", "德", "益", "丰", "裕" };
static const char *const XX2[30] = {
	"达", "发", "昌", "盛", "源", "通", "泰", "和", "丰", "升", "隆", "宝", "鸿", "成", "业",
	"亮", "辉", "锋", "力", "瑞", "安", "信", "诚", "光", "伟", "峰", "创", "亿", "凯", "康" };

/* The kinds of small enterprise each park holds, with their industry. */
static const struct {
	int park, weight, prefix;   /* prefix: named 丹阳市XX… */
	const char *type, *industry;
} SMALL[] = {
	{ 0, 150, 1, "眼镜店", "5245" }, { 0, 90, 0, "眼镜配件厂", "3587" },
	{ 0, 60, 0, "镜片加工厂", "3587" }, { 0, 30, 1, "眼镜商行", "5245" },
	{ 1, 90, 0, "五金加工厂", "3389" }, { 1, 60, 0, "机械配件厂", "3484" },
	{ 1, 40, 0, "模具厂", "3525" }, { 2, 30, 1, "医疗器械经营部", "5254" },
	{ 2, 30, 0, "包装材料厂", "2231" }, { 3, 50, 0, "电子元件厂", "3989" },
	{ 3, 60, 0, "五金加工厂", "3389" }, { 4, 50, 1, "电脑商行", "5273" },
	{ 4, 40, 1, "网络科技工作室", "6510" }, { 5, 20, 0, "汽配加工厂", "3670" },
};
#define NSMALLKIND (sizeof SMALL / sizeof SMALL[0])

static const char *const PARKCODE[6] = { "eyewear_town", "precision_park", "life_science_park",
                                         "maker_park", "science_park", "japan_park" };

void campaign_make_small(struct sbuf *csv)
{
	int64_t w[NSMALLKIND], n[NSMALLKIND];
	size_t kind = 0;
	int64_t left;

	for (size_t k = 0; k < NSMALLKIND; k++)
		w[k] = SMALL[k].weight;
	demo_split(NSMALL, w, NSMALLKIND, n);
	left = n[0];
	sbuf_adds(csv, "code,name,kind,parent,industry,land_mu,hightech\n");
	for (int i = 0; i < NSMALL; i++) {
		int a = i % 30, b = (i / 30 + a * 7) % 30;   /* a different XX for each */
		while (!left)
			left = n[++kind];
		left--;
		sbuf_addf(csv, "sme%04d,%s%s%s%s,enterprise,%s,%s,,0\n", i + 1,
		          SMALL[kind].prefix || i % 2 ? "丹阳市" : "", XX1[a], XX2[b], SMALL[kind].type,
		          PARKCODE[SMALL[kind].park], SMALL[kind].industry);
	}
}

int campaign_load_enterprises(struct kfq_db *db, struct campaign_ent **out, int *n,
                              struct kfq_err *err)
{
	static const char SQL[] = "SELECT u.code, u.name, p.code FROM unit u JOIN unit p ON p.id = "
	                          "u.parent_id WHERE u.kind = 'enterprise' ORDER BY u.code";
	struct kfq_stmt *st;
	int cap = 2048, rc;
	struct campaign_ent *e = xcalloc((size_t)cap, sizeof *e);

	*n = 0;
	if (db_prepare(db, SQL, &st, err) < 0) {
		free(e);
		return -1;
	}
	while ((rc = st_step(st)) == ST_ROW) {
		const char *park = st_text(st, 2);
		if (*n == cap)
			e = xrealloc(e, (size_t)(cap *= 2) * sizeof *e);
		snprintf(e[*n].code, sizeof e[*n].code, "%s", st_text(st, 0));
		snprintf(e[*n].name, sizeof e[*n].name, "%s", st_text(st, 1));
		e[*n].park = 0;
		for (int p = 0; p < 6; p++)
			if (strcmp(park, PARKCODE[p]) == 0)
				e[*n].park = p;
		(*n)++;
	}
	if (rc != ST_DONE)
		db_fault(db, err, "listing the demo's enterprises");
	st_finalize(st);
	*out = e;
	if (rc != ST_DONE)
		return -1;
	return 0;
}

/* ---- households ---- */

/* The zone's 38 villages (村) and communities (社区), the roads of the
 * communities, and the households' share. */
static const struct {
	const char *name, *road;
	int weight;
} COMMUNITY[38] = {
	{ "前艾村", NULL, 16 }, { "庄城村", NULL, 12 }, { "金山村", NULL, 11 }, { "荆林村", NULL, 13 },
	{ "东庄村", NULL, 10 }, { "丁家村", NULL, 9 }, { "周家村", NULL, 11 }, { "张巷村", NULL, 12 },
	{ "新桥村", NULL, 14 }, { "石桥村", NULL, 10 }, { "西湖村", NULL, 9 }, { "东湖村", NULL, 10 },
	{ "马家村", NULL, 8 }, { "大泊村", NULL, 15 }, { "涧西村", NULL, 9 }, { "中心村", NULL, 12 },
	{ "王庄村", NULL, 10 }, { "沈巷村", NULL, 9 }, { "塘头村", NULL, 8 }, { "宏伟村", NULL, 11 },
	{ "长春村", NULL, 10 }, { "姚家村", NULL, 8 }, { "华甸村", NULL, 9 }, { "华山村", NULL, 12 },
	{ "丰乐村", NULL, 10 }, { "祥和村", NULL, 9 }, { "建新村", NULL, 11 }, { "蒋墅村", NULL, 10 },
	{ "河阳社区", "河阳路", 24 }, { "前艾社区", "前艾路", 22 }, { "大泊社区", "大泊中路", 20 },
	{ "新城社区", "新城路", 28 }, { "迎春社区", "迎春路", 26 }, { "凤凰社区", "凤凰路", 22 },
	{ "开元社区", "开元大道", 20 }, { "眼镜城社区", "光明路", 25 }, { "丹凤社区", "丹凤南路", 21 },
	{ "金鹰社区", "金鹰路", 18 },
};

static const char *const SURNAME[30] = {
	"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡",
	"郭", "何", "高", "林", "蒋", "贺", "束", "眭", "汤", "殷", "荆", "丁", "姜", "严", "曹" };
static const char *const GIVEN1[20] = {
	"建", "国", "秀", "志", "金", "玉", "明", "永", "桂", "春", "小", "红", "德", "文", "海",
	"美", "荣", "爱", "友", "保" };
static const char *const GIVEN2[20] = {
	"华", "平", "英", "军", "兰", "芳", "林", "根", "生", "宝", "珍", "明", "强", "娣", "忠",
	"琴", "富", "明", "祥", "新" };

void campaign_make_households(struct campaign_hh *h, struct sbuf *csv)
{
	int64_t w[38], n[38];
	int i = 0;

	for (int c = 0; c < 38; c++)
		w[c] = COMMUNITY[c].weight;
	demo_split(CAMPAIGN_NHH, w, 38, n);
	sbuf_adds(csv, "code,community,address,head,phone\n");
	for (int c = 0; c < 38; c++)
		for (int k = 0; k < n[c]; k++, i++) {
			h[i].comm = c;
			/* one draw per statement, so that every compiler draws in this order */
			const char *g2 = campaign_rnd(0, 3) ? GIVEN2[campaign_rnd(0, 19)] : "";
			const char *g1 = GIVEN1[campaign_rnd(0, 19)];
			const char *sur = SURNAME[campaign_rnd(0, 29)];
			snprintf(h[i].head, sizeof h[i].head, "%s%s%s", sur, g1, g2);
			sbuf_addf(csv, "h%05d,%s,", i + 1, COMMUNITY[c].name);
			if (COMMUNITY[c].road)
				sbuf_addf(csv, "%s%d号%d幢%d%02d室", COMMUNITY[c].road, k / 120 + 1,
				          k / 12 % 10 + 1, k % 6 + 1, k % 2 + 1);
			else
				sbuf_addf(csv, "%s%d组%d号", COMMUNITY[c].name, k / 60 + 1, k % 60 + 1);
			sbuf_addf(csv, ",%s,", h[i].head);
			if (campaign_rnd(1, 100) <= 60) {
				long long num = (long long)campaign_rnd(0, 999999999);
				char second = "3589"[campaign_rnd(0, 3)];
				sbuf_addf(csv, "1%c%09lld", second, num);
			}
			sbuf_addc(csv, '\n');
		}
}

/* ---- visits ---- */

static int visit_cmp(const void *pa, const void *pb)
{
	const struct campaign_visit *a = pa, *b = pb;
	if (a->day != b->day)
		return a->day - b->day;
	if (a->ent != b->ent)
		return a->ent - b->ent;
	return a->hh - b->hh;
}

static const char *const TEAM[8] = { "党工委第一组", "党工委第二组", "党工委第三组", "党工委第四组",
                                     "党工委第五组", "党工委第六组", "党工委第七组", "党工委第八组" };

struct campaign_visit *campaign_make_visits(int nent, int *nv)
{
	int cap = CAMPAIGN_NHH + CAMPAIGN_NHH / 8 + nent * 3, n = 0;
	struct campaign_visit *v = xcalloc((size_t)cap, sizeof *v);

	/* the enterprises with data two or three times, the small ones once or twice */
	for (int e = 0; e < nent - NUNVISITED; e++) {
		int k;
		if (e < nent - NSMALL) {
			k = (int)campaign_rnd(2, 3);
			k -= campaign_rnd(1, 100) <= 15;
		} else {
			k = 1 + (campaign_rnd(1, 100) <= 30);
		}
		int d = campaign_pick_day(0, CAMPAIGN_LASTDAY - 20 * (k - 1));
		for (int j = 0; j < k; j++) {
			v[n++] = (struct campaign_visit){ d, e, -1, 0, "" };
			d = campaign_pick_day(campaign_wd_add(d, 15) < CAMPAIGN_LASTDAY
			                      ? campaign_wd_add(d, 15) : CAMPAIGN_LASTDAY,
			                      CAMPAIGN_LASTDAY);
		}
	}
	/* every household, one in ten twice */
	for (int h = 0; h < CAMPAIGN_NHH; h++) {
		int d = campaign_pick_day(0, CAMPAIGN_LASTDAY);
		v[n++] = (struct campaign_visit){ d, -1, h, 0, "" };
		if (campaign_rnd(1, 10) == 1 && d < CAMPAIGN_LASTDAY - 30)
			v[n++] = (struct campaign_visit){ campaign_pick_day(campaign_wd_add(d, 10),
			                                                    CAMPAIGN_LASTDAY), -1, h, 0, "" };
	}
	qsort(v, (size_t)n, sizeof *v, visit_cmp);
	for (int i = 0; i < n; i++)
		snprintf(v[i].code, sizeof v[i].code, "zf%05d", i + 1);
	*nv = n;
	return v;
}

void campaign_write_visits(const struct campaign_visit *v, int nv,
                           const struct campaign_ent *ents, const struct campaign_hh *h,
                           struct sbuf *csv)
{
	static const char *const ENOTE[] = { "了解生产经营情况", "宣讲惠企政策", "走访座谈",
	                                     "收集发展难题", "" };
	static const char *const HNOTE[] = { "宣传惠民政策", "了解生产生活情况", "征求意见建议",
	                                     "入户走访", "" };
	char t[48];
	sbuf_adds(csv, "code,date,team,enterprise,household,campaign,notes\n");
	for (int i = 0; i < nv; i++) {
		const struct campaign_visit *x = &v[i];
		int team = x->ent >= 0 ? (ents[x->ent].park + x->ent) % 8 : h[x->hh].comm % 8;
		sbuf_addf(csv, "%s,%s,%s,", x->code, campaign_day_text(x->day, t, sizeof t),
		          TEAM[team]);
		if (x->ent >= 0)
			sbuf_addf(csv, "%s,,", ents[x->ent].code);
		else
			sbuf_addf(csv, ",h%05d,", x->hh + 1);
		sbuf_addf(csv, "%s,%s\n", CAMPAIGN_NAME, x->cases ? "收集问题"
		          : x->ent >= 0 ? ENOTE[(i / 3) % 5] : HNOTE[(i / 3) % 5]);
	}
}
