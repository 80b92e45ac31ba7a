/* demo_cases.c: the 2017 暖企惠民大走访 campaign of the demo zone (see
 * demo_cases.h).
 *
 * Days are numbered from 2017-01-01 (day 0) into 2018; a calendar of
 * working days mirrors the one kfq keeps (weekends and the 2017 holidays
 * imported here), so the steps of a case can be placed on time or late
 * against the deadline kfq will compute. Visits fall on working days,
 * weighted by month (the campaign peaks in spring and winds down in
 * December); they are numbered in date order, and so are the cases. Every
 * step of a case comes strictly after the one before; steps that would fall
 * after the last working day of 2017 are left out, so the cases raised late
 * are still open. All numbers come from a fixed-seed generator. Depends on
 * base, store, io (and on the demo's parks and enterprises being in the
 * database). */
#include "demo/demo_cases.h"
#include "demo/demo_util.h"
#include "base/sbuf.h"
#include "base/xalloc.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SEED UINT64_C(0x2017CA5E5A11F1E1)

#define NSMALL 900          /* small enterprises added: the zone has 1 320 */
#define NUNVISITED 8        /* of them not visited in 2017: 1 312 visited */
#define NHH 50360           /* households */
#define NENT_CASE 1200      /* problems raised on enterprise visits */
#define NHH_CASE 800        /* on household visits */
#define NHOTLINE 70
#define NLETTER 40
#define NDUP 24             /* hotline calls repeating a problem raised already */
#define NLEAD 51            /* the leadership's own problems */
#define NDAYS 730           /* 2017 and 2018 */
#define LASTDAY 362         /* 2017-12-29, the last working day of 2017 */
#define CAMPAIGN "2017暖企惠民大走访"

static struct demo_rng rng;

static int64_t rnd(int64_t lo, int64_t hi)
{
	return demo_rng_in(&rng, lo, hi);
}

/* ---- the calendar ---- */

static const int MDAYS[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

static const struct {
	int month, from, to;
	const char *name;
} HOLIDAY[] = {
	{ 1, 2, 2, "元旦" }, { 1, 27, 31, "春节" }, { 2, 1, 2, "春节" }, { 4, 3, 4, "清明节" },
	{ 5, 1, 1, "劳动节" }, { 5, 29, 30, "端午节" }, { 10, 2, 6, "国庆节、中秋节" },
};

static unsigned char work[NDAYS];

static int day_of(int month, int day)
{
	int d = day - 1;
	for (int m = 1; m < month; m++)
		d += MDAYS[m - 1];
	return d;
}

static const char *day_text(int d, char *buf, size_t n)
{
	int y = 2017 + d / 365, m = 0;
	d %= 365;
	while (d >= MDAYS[m])
		d -= MDAYS[m++];
	snprintf(buf, n, "%04d-%02d-%02d", y, m + 1, d + 1);
	return buf;
}

static void calendar(struct sbuf *csv)
{
	char t[48];
	for (int d = 0; d < NDAYS; d++)
		work[d] = d % 7 != 0 && d % 7 != 6;   /* 2017-01-01 was a Sunday */
	sbuf_adds(csv, "date,name\n");
	for (size_t i = 0; i < sizeof HOLIDAY / sizeof HOLIDAY[0]; i++)
		for (int k = HOLIDAY[i].from; k <= HOLIDAY[i].to; k++) {
			int d = day_of(HOLIDAY[i].month, k);
			work[d] = 0;
			sbuf_addf(csv, "%s,%s\n", day_text(d, t, sizeof t), HOLIDAY[i].name);
		}
}

/* The day n working days after d (as kfq counts them). */
static int wd_add(int d, int n)
{
	while (n > 0 && d < NDAYS - 1)
		if (work[++d])
			n--;
	return d;
}

/* The working days after a and up to b. */
static int workdays(int a, int b)
{
	int n = 0;
	while (a < b)
		n += work[++a];
	return n;
}

/* Visits per working day, by month. */
static const int64_t PACE[12] = { 4, 7, 12, 12, 11, 10, 9, 9, 9, 8, 5, 1 };
static int64_t cum[LASTDAY + 1];   /* the weights of days 0..d */

static void pace_init(void)
{
	for (int d = 0, m = 0, left = MDAYS[0]; d <= LASTDAY; d++) {
		if (!left--) {
			m++;
			left = MDAYS[m] - 1;
		}
		cum[d] = (d ? cum[d - 1] : 0) + (work[d] ? PACE[m] : 0);
	}
}

/* A working day from `from` to `to` (both of 2017), by the pace. */
static int pick_day(int from, int to)
{
	int64_t lo = from ? cum[from - 1] : 0, r;
	int a = from, b = to;
	if (cum[to] <= lo)
		return to;
	r = lo + rnd(0, cum[to] - lo - 1);
	while (a < b) {            /* the first day whose cum exceeds r */
		int mid = (a + b) / 2;
		if (cum[mid] > r)
			b = mid;
		else
			a = mid + 1;
	}
	return a;
}

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

static void make_small(struct sbuf *csv)
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

/* The zone's enterprises, by code: the 420 with data, then the small ones. */
struct ent {
	char code[16], name[96];
	int park;
};

static int load_enterprises(struct kfq_db *db, struct ent **out, int *n, struct kfq_err *err)
{
	static const char SQL[] = "SELECT u.code, u.name, p.code FROM unit u JOIN unit p ON p.id = "
	                          "u.parent_id WHERE u.kind = 'enterprise' ORDER BY u.code";
	sqlite3_stmt *st;
	int cap = 2048, rc;
	struct ent *e = xcalloc((size_t)cap, sizeof *e);

	*n = 0;
	if (db_prepare(db, SQL, &st, err) < 0) {
		free(e);
		return -1;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *park = (const char *)sqlite3_column_text(st, 2);
		if (*n == cap)
			e = xrealloc(e, (size_t)(cap *= 2) * sizeof *e);
		snprintf(e[*n].code, sizeof e[*n].code, "%s", sqlite3_column_text(st, 0));
		snprintf(e[*n].name, sizeof e[*n].name, "%s", sqlite3_column_text(st, 1));
		e[*n].park = 0;
		for (int p = 0; p < 6; p++)
			if (strcmp(park, PARKCODE[p]) == 0)
				e[*n].park = p;
		(*n)++;
	}
	sqlite3_finalize(st);
	*out = e;
	if (rc != SQLITE_DONE)
		return db_fault(db, err, "listing the demo's enterprises");
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

struct hh {
	int comm;
	char head[16];
};

static void make_households(struct hh *h, struct sbuf *csv)
{
	int64_t w[38], n[38];
	int i = 0;

	for (int c = 0; c < 38; c++)
		w[c] = COMMUNITY[c].weight;
	demo_split(NHH, w, 38, n);
	sbuf_adds(csv, "code,community,address,head,phone\n");
	for (int c = 0; c < 38; c++)
		for (int k = 0; k < n[c]; k++, i++) {
			h[i].comm = c;
			snprintf(h[i].head, sizeof h[i].head, "%s%s%s", SURNAME[rnd(0, 29)],
			         GIVEN1[rnd(0, 19)], rnd(0, 3) ? GIVEN2[rnd(0, 19)] : "");
			sbuf_addf(csv, "h%05d,%s,", i + 1, COMMUNITY[c].name);
			if (COMMUNITY[c].road)
				sbuf_addf(csv, "%s%d号%d幢%d%02d室", COMMUNITY[c].road, k / 120 + 1,
				          k / 12 % 10 + 1, k % 6 + 1, k % 2 + 1);
			else
				sbuf_addf(csv, "%s%d组%d号", COMMUNITY[c].name, k / 60 + 1, k % 60 + 1);
			sbuf_addf(csv, ",%s,", h[i].head);
			if (rnd(1, 100) <= 60)
				sbuf_addf(csv, "1%c%09lld", "3589"[rnd(0, 3)], (long long)rnd(0, 999999999));
			sbuf_addc(csv, '\n');
		}
}

/* ---- visits ---- */

struct visit {
	int day, ent, hh;      /* ent or hh: -1 for the other */
	int cases;             /* problems raised */
	char code[16];
};

static int visit_cmp(const void *pa, const void *pb)
{
	const struct visit *a = pa, *b = pb;
	if (a->day != b->day)
		return a->day - b->day;
	if (a->ent != b->ent)
		return a->ent - b->ent;
	return a->hh - b->hh;
}

static const char *const TEAM[8] = { "党工委第一组", "党工委第二组", "党工委第三组", "党工委第四组",
                                     "党工委第五组", "党工委第六组", "党工委第七组", "党工委第八组" };

static struct visit *make_visits(int nent, int *nv)
{
	int cap = NHH + NHH / 8 + nent * 3, n = 0;
	struct visit *v = xcalloc((size_t)cap, sizeof *v);

	/* the enterprises with data two or three times, the small ones once or twice */
	for (int e = 0; e < nent - NUNVISITED; e++) {
		int k = e < nent - NSMALL ? (int)rnd(2, 3) - (rnd(1, 100) <= 15)
		        : 1 + (rnd(1, 100) <= 30);
		int d = pick_day(0, LASTDAY - 20 * (k - 1));
		for (int j = 0; j < k; j++) {
			v[n++] = (struct visit){ d, e, -1, 0, "" };
			d = pick_day(wd_add(d, 15) < LASTDAY ? wd_add(d, 15) : LASTDAY, LASTDAY);
		}
	}
	/* every household, one in ten twice */
	for (int h = 0; h < NHH; h++) {
		int d = pick_day(0, LASTDAY);
		v[n++] = (struct visit){ d, -1, h, 0, "" };
		if (rnd(1, 10) == 1 && d < LASTDAY - 30)
			v[n++] = (struct visit){ pick_day(wd_add(d, 10), LASTDAY), -1, h, 0, "" };
	}
	qsort(v, (size_t)n, sizeof *v, visit_cmp);
	for (int i = 0; i < n; i++)
		snprintf(v[i].code, sizeof v[i].code, "zf%05d", i + 1);
	*nv = n;
	return v;
}

static void write_visits(const struct visit *v, int nv, const struct ent *ents,
                         const struct hh *h, struct sbuf *csv)
{
	static const char *const ENOTE[] = { "了解生产经营情况", "宣讲惠企政策", "走访座谈",
	                                     "收集发展难题", "" };
	static const char *const HNOTE[] = { "宣传惠民政策", "了解生产生活情况", "征求意见建议",
	                                     "入户走访", "" };
	char t[48];
	sbuf_adds(csv, "code,date,team,enterprise,household,campaign,notes\n");
	for (int i = 0; i < nv; i++) {
		const struct visit *x = &v[i];
		int team = x->ent >= 0 ? (ents[x->ent].park + x->ent) % 8 : h[x->hh].comm % 8;
		sbuf_addf(csv, "%s,%s,%s,", x->code, day_text(x->day, t, sizeof t), TEAM[team]);
		if (x->ent >= 0)
			sbuf_addf(csv, "%s,,", ents[x->ent].code);
		else
			sbuf_addf(csv, ",h%05d,", x->hh + 1);
		sbuf_addf(csv, "%s,%s\n", CAMPAIGN, x->cases ? "收集问题"
		          : x->ent >= 0 ? ENOTE[(i / 3) % 5] : HNOTE[(i / 3) % 5]);
	}
}

/* ---- problems ---- */

/* What enterprises and households raise: category, description, the
 * department that handles it, what was done, and how often. */
struct problem {
	const char *category, *text, *dept, *done;
	int weight;
};

static const struct problem ENT_PROBLEM[] = {
	{ "land", "扩建用地指标未落实", "国土分局", "调剂用地指标，用地手续已报批", 6 },
	{ "land", "厂房土地证办理滞后", "国土分局", "补齐材料，不动产权证已办结", 5 },
	{ "land", "租用厂房权属不清", "国土分局", "核清权属，协助签订规范租赁合同", 3 },
	{ "finance", "流动资金贷款到期续贷困难", "金融办", "协调银行办理无还本续贷", 8 },
	{ "finance", "技改项目融资需求", "金融办", "组织银企对接，获得技改贷款", 7 },
	{ "finance", "应收账款回笼慢，资金周转紧张", "金融办", "推荐应收账款质押融资", 5 },
	{ "labour", "招工难，一线普工缺口大", "人社局", "组织专场招聘会，招到所需工人", 8 },
	{ "labour", "缺少熟练技术工人", "人社局", "对接职业院校，开展订单式培训", 6 },
	{ "labour", "职工子女入学需协调", "人社局", "协调就近学校安排入学", 4 },
	{ "approvals", "技改项目备案审批时间长", "行政审批局", "开通绿色通道，备案已办结", 6 },
	{ "approvals", "消防验收手续办理慢", "行政审批局", "联合踏勘，消防验收已通过", 5 },
	{ "approvals", "施工许可证办理", "行政审批局", "容缺受理，施工许可证已核发", 4 },
	{ "infrastructure", "用电增容需求", "供电公司", "完成线路改造，增容到位", 5 },
	{ "infrastructure", "厂区周边道路破损", "住建局", "道路已修复", 4 },
	{ "infrastructure", "天然气管道未接通", "住建局", "协调燃气公司，管道已接通", 3 },
	{ "environment", "环评批复办理", "环保局", "指导编制环评报告，批复已下达", 4 },
	{ "environment", "废气治理设施改造需技术指导", "环保局", "组织专家上门指导，设施已改造", 4 },
	{ "policy", "工业经济奖励资金兑现", "经发局", "奖励资金已拨付到位", 5 },
	{ "policy", "高新技术企业认定政策咨询", "经发局", "上门讲解政策，协助申报", 4 },
	{ "policy", "出口退税办理进度慢", "经发局", "协调税务部门加快办理", 3 },
	{ "other", "门前占道经营影响通行", "城管局", "整治占道经营，恢复通行", 2 },
};

static const struct problem HH_PROBLEM[] = {
	{ "infrastructure", "村组道路破损需修缮", "住建局", "道路已修缮", 8 },
	{ "infrastructure", "路灯不亮", "城管局", "路灯已修复", 7 },
	{ "infrastructure", "自来水水压低", "住建局", "更换管网，水压恢复正常", 5 },
	{ "infrastructure", "低压线路老化", "供电公司", "线路已改造", 4 },
	{ "infrastructure", "沟渠淤塞排水不畅", "社区", "沟渠已疏浚", 5 },
	{ "environment", "生活垃圾清运不及时", "城管局", "增加清运频次", 8 },
	{ "environment", "河塘水质差有异味", "环保局", "河塘清淤，水质改善", 5 },
	{ "environment", "周边企业噪声扰民", "环保局", "责令企业整改，噪声达标", 4 },
	{ "policy", "失地农民社保办理", "人社局", "社保手续已办结", 6 },
	{ "policy", "低保申请", "社区", "入户核查，符合条件的已纳入低保", 4 },
	{ "policy", "新农合报销咨询", "社区", "上门解答，协助办理报销", 3 },
	{ "labour", "就业技能培训需求", "人社局", "安排参加技能培训", 3 },
	{ "other", "邻里纠纷需调解", "社区", "调解员上门调解，双方达成一致", 4 },
	{ "other", "独居老人照料", "社区", "落实志愿者结对帮扶", 4 },
};

/* The leadership's own problems: 17 fields, three problems each. */
static const struct {
	const char *area, *dept;
} LEAD_AREA[17] = {
	{ "联系服务企业", "经发局" }, { "项目建设推进", "经发局" }, { "招商引资", "招商局" },
	{ "安全生产监管", "安监局" }, { "环境综合整治", "环保局" }, { "征地拆迁", "国土分局" },
	{ "民生实事", "社会事业局" }, { "基层党建", "党群工作部" }, { "党风廉政建设", "纪工委" },
	{ "干部作风", "党群工作部" }, { "信访维稳", "党政办" }, { "财政资金管理", "财政局" },
	{ "村级集体经济", "农村工作局" }, { "社会保障", "人社局" }, { "文明城市创建", "党政办" },
	{ "城市管理", "城管局" }, { "政务服务", "行政审批局" },
};
static const char *const LEAD_ISSUE[3] = { "方面深入基层调研不够", "方面工作推进不够有力",
                                           "方面制度执行和督查不到位" };

static const char *const PRIORITY[4] = { "urgent", "high", "normal", "low" };
static const char *const CATEGORY[9] = { "land", "finance", "labour", "approvals",
                                         "infrastructure", "environment", "policy",
                                         "leadership", "other" };
/* The service level: working days to close, by category and priority. */
static const int CLOSE[9][4] = {
	{ 5, 10, 20, 30 }, { 5, 7, 15, 20 }, { 5, 7, 10, 15 }, { 5, 7, 10, 15 }, { 5, 7, 15, 20 },
	{ 5, 7, 10, 15 }, { 5, 7, 10, 15 }, { 10, 20, 30, 40 }, { 5, 7, 10, 15 },
};

static void write_sla(struct sbuf *csv)
{
	sbuf_adds(csv, "category,priority,route_days,close_days\n");
	for (int c = 0; c < 9; c++)
		for (int p = 0; p < 4; p++)
			sbuf_addf(csv, "%s,%s,%d,%d\n", CATEGORY[c], PRIORITY[p], p == 0 ? 1 : 2, CLOSE[c][p]);
}

enum source { SRC_VISIT, SRC_HOTLINE, SRC_LETTER, SRC_MEETING, SRC_DUP };

struct kase {
	int raised, src, visit, ent, hh, pri, orig;
	const struct problem *p;
	int lead;              /* the leadership's: area * 3 + issue */
	char code[16];
};

static const struct problem *pick_problem(const struct problem *t, size_t n)
{
	int64_t total = 0, r;
	for (size_t i = 0; i < n; i++)
		total += t[i].weight;
	r = rnd(0, total - 1);
	for (size_t i = 0; i < n; i++)
		if ((r -= t[i].weight) < 0)
			return &t[i];
	return &t[n - 1];
}

static int pick_priority(void)
{
	int64_t r = rnd(1, 100);
	return r <= 5 ? 0 : r <= 25 ? 1 : r <= 90 ? 2 : 3;
}

static int category_of(const struct kase *k)
{
	const char *c = k->lead >= 0 ? "leadership" : k->p->category;
	for (int i = 0; i < 9; i++)
		if (strcmp(c, CATEGORY[i]) == 0)
			return i;
	return 8;
}

/* Pick n of the visits to enterprises (ent) or households (!ent), each
 * raising one problem. */
static int pick_visits(struct visit *v, int nv, int ent, int n, struct kase *k, int nk)
{
	int *idx = xcalloc((size_t)nv, sizeof *idx), m = 0;
	for (int i = 0; i < nv; i++)
		if ((v[i].ent >= 0) == ent)
			idx[m++] = i;
	for (int i = 0; i < n && i < m; i++) {
		int j = i + (int)rnd(0, m - i - 1), t = idx[i];
		struct visit *x;
		idx[i] = idx[j];
		idx[j] = t;
		x = &v[idx[i]];
		x->cases++;
		k[nk++] = (struct kase){ x->day, SRC_VISIT, idx[i], x->ent, x->hh, pick_priority(), -1,
		                         ent ? pick_problem(ENT_PROBLEM, sizeof ENT_PROBLEM /
		                                            sizeof ENT_PROBLEM[0])
		                         : pick_problem(HH_PROBLEM, sizeof HH_PROBLEM /
		                                        sizeof HH_PROBLEM[0]), -1, "" };
	}
	free(idx);
	return nk;
}

static int kase_cmp(const void *pa, const void *pb)
{
	const struct kase *const *a = pa, *const *b = pb;
	if ((*a)->raised != (*b)->raised)
		return (*a)->raised - (*b)->raised;
	return *a < *b ? -1 : *a > *b;
}

/* All the problems, numbered in the order raised; *order points into k. */
static struct kase *make_cases(struct visit *v, int nv, int nent, int *nk, struct kase ***order)
{
	int cap = NENT_CASE + NHH_CASE + NHOTLINE + NLETTER + NDUP + NLEAD, n = 0;
	struct kase *k = xcalloc((size_t)cap, sizeof *k);
	struct kase **o = xcalloc((size_t)cap, sizeof *o);

	n = pick_visits(v, nv, 1, NENT_CASE, k, n);
	n = pick_visits(v, nv, 0, NHH_CASE, k, n);
	for (int i = 0; i < NHOTLINE + NLETTER; i++) {
		int ent = rnd(1, 100) <= (i < NHOTLINE ? 40 : 20);
		k[n++] = (struct kase){ pick_day(0, LASTDAY), i < NHOTLINE ? SRC_HOTLINE : SRC_LETTER,
		                        -1, ent ? (int)rnd(0, nent - 1) : -1,
		                        ent ? -1 : (int)rnd(0, NHH - 1), pick_priority(), -1,
		                        ent ? pick_problem(ENT_PROBLEM, sizeof ENT_PROBLEM /
		                                           sizeof ENT_PROBLEM[0])
		                        : pick_problem(HH_PROBLEM, sizeof HH_PROBLEM /
		                                       sizeof HH_PROBLEM[0]), -1, "" };
	}
	/* calls repeating a problem raised on a visit a little earlier */
	for (int i = 0; i < NDUP; i++) {
		int o0 = (int)rnd(0, NENT_CASE + NHH_CASE - 1);
		struct kase *x = &k[o0];
		if (x->raised > LASTDAY - 40) {
			i--;
			continue;
		}
		k[n++] = (struct kase){ wd_add(x->raised, (int)rnd(2, 8)), SRC_DUP, -1, x->ent, x->hh,
		                        x->pri, o0, x->p, -1, "" };
	}
	/* the leadership's own, listed at the start of the campaign */
	for (int i = 0; i < NLEAD; i++)
		k[n++] = (struct kase){ pick_day(day_of(2, 13), day_of(3, 10)), SRC_MEETING, -1, -1, -1,
		                        rnd(1, 100) <= 30 ? 1 : 2, -1, NULL, i, "" };
	for (int i = 0; i < n; i++)
		o[i] = &k[i];
	qsort(o, (size_t)n, sizeof *o, kase_cmp);
	for (int i = 0; i < n; i++)
		snprintf(o[i]->code, sizeof o[i]->code, "wt%04d", i + 1);
	*nk = n;
	*order = o;
	return k;
}

static void write_cases(struct kase *const *o, int nk, const struct visit *v,
                        const struct ent *ents, const struct hh *h, struct sbuf *csv)
{
	static const char *const CHANNEL[] = { "visit", "hotline", "letter", "meeting", "hotline" };
	char t[48];
	sbuf_adds(csv, "code,raised,channel,visit,enterprise,household,campaign,category,priority,"
	          "description,raised_by\n");
	for (int i = 0; i < nk; i++) {
		const struct kase *k = o[i];
		sbuf_addf(csv, "%s,%s,%s,%s,%s,", k->code, day_text(k->raised, t, sizeof t),
		          CHANNEL[k->src], k->visit >= 0 ? v[k->visit].code : "",
		          k->ent >= 0 ? ents[k->ent].code : "");
		if (k->hh >= 0)
			sbuf_addf(csv, "h%05d", k->hh + 1);
		sbuf_addf(csv, ",%s,%s,%s,", k->src == SRC_VISIT || k->src == SRC_MEETING ? CAMPAIGN : "",
		          CATEGORY[category_of(k)], PRIORITY[k->pri]);
		if (k->lead >= 0)
			sbuf_addf(csv, "%s%s,党工委班子\n", LEAD_AREA[k->lead / 3].area,
			          LEAD_ISSUE[k->lead % 3]);
		else
			sbuf_addf(csv, "%s,%s\n", k->p->text,
			          k->ent >= 0 ? ents[k->ent].name : h[k->hh].head);
	}
}

/* ---- the steps ---- */

struct steps {
	struct sbuf *csv;
	const char *code;
	int last;              /* the day of the last step written */
	int stopped;           /* a step fell after 2017: no more */
};

/* One step on day d (after the last); left out from 2018 on. */
static int step(struct steps *s, int d, const char *action, const char *dept, const char *note,
                const char *into, int rating, const char *who)
{
	char t[48];
	if (d <= s->last)
		d = wd_add(s->last, 1);
	if (s->stopped || d > LASTDAY) {
		s->stopped = 1;
		return d;
	}
	s->last = d;
	sbuf_addf(s->csv, "%s,%s,%s,%s,%s,%s,", s->code, day_text(d, t, sizeof t), action,
	          dept ? dept : "", note ? note : "", into ? into : "");
	if (rating)
		sbuf_addf(s->csv, "%d", rating);
	sbuf_addf(s->csv, ",%s\n", who);
	return d;
}

static int pick_rating(void)
{
	int64_t r = rnd(1, 100);
	return r <= 62 ? 5 : r <= 90 ? 4 : r <= 97 ? 3 : r <= 99 ? 2 : 1;
}

static const char *const DEPTS[] = { "国土分局", "金融办", "人社局", "行政审批局", "住建局",
                                     "环保局", "经发局", "供电公司", "城管局", "社区" };

static void write_steps(struct kase *const *o, int nk, const struct kase *k0,
                        const struct ent *ents, const struct hh *h, struct sbuf *csv)
{
	static const char *const PROGRESS[] = { "现场查看，制定解决方案", "召开协调会", "联系相关单位协办",
	                                        "上门沟通情况" };
	static const char *const CLOSE_NOTE[] = {
		"经核实，诉求不符合政策规定，已向当事人解释说明",
		"涉及历史遗留问题，暂不具备解决条件，已做好解释工作",
		"属司法程序处理事项，已引导通过法律途径解决" };
	char note[160];

	sbuf_adds(csv, "case,date,action,dept,note,into,rating,who\n");
	for (int i = 0; i < nk; i++) {
		const struct kase *k = o[i];
		struct steps s = { csv, k->code, k->raised, 0 };
		int cat = category_of(k);
		int deadline = wd_add(k->raised, CLOSE[cat][k->pri]);
		const char *dept = k->lead >= 0 ? LEAD_AREA[k->lead / 3].dept : k->p->dept;
		const char *who = k->lead >= 0 ? "党工委班子" : k->ent >= 0 ? ents[k->ent].name
		                  : h[k->hh].head;
		const char *done = k->lead >= 0 ? "制定整改措施，建立长效机制，已整改到位" : k->p->done;
		int64_t r = rnd(1, 1000);
		int d, late, rating;

		if (k->src == SRC_DUP) {
			snprintf(note, sizeof note, "与%s反映的问题重复", k0[k->orig].code);
			step(&s, wd_add(k->raised, (int)rnd(1, 2)), "merge", NULL, note, k0[k->orig].code,
			     0, "走访办");
			continue;
		}
		d = wd_add(k->raised, k->pri == 0 ? 1 : rnd(1, 10) <= 9 ? (int)rnd(1, 2) : 3);
		if (k->lead < 0 && rnd(1, 100) <= 3) {
			/* sent to the wrong department first */
			const char *wrong = DEPTS[rnd(0, 9)];
			if (strcmp(wrong, dept) == 0)
				wrong = strcmp(dept, "社区") ? "社区" : "城管局";
			step(&s, d, "assign", wrong, NULL, NULL, 0, "走访办");
			snprintf(note, sizeof note, "不属本部门职责，转%s办理", dept);
			d = step(&s, wd_add(d, (int)rnd(1, 2)), "transfer", dept, note, NULL, 0, wrong);
		} else {
			d = step(&s, d, "assign", dept, NULL, NULL, 0, "走访办");
		}
		d = step(&s, wd_add(d, 1), "accept", NULL, NULL, NULL, 0, dept);
		if (k->lead < 0 && r <= 15) {
			step(&s, wd_add(d, (int)rnd(1, 5)), "close", NULL, CLOSE_NOTE[r % 3], NULL, 0, dept);
			continue;
		}
		if (k->lead < 0 && r <= 24 && k->raised >= day_of(8, 1) && k->raised < day_of(11, 1)) {
			/* still in hand at the end of the year, past its deadline */
			step(&s, wd_add(d, (int)rnd(2, 8)), "progress", NULL, "问题复杂，正在协调解决", NULL, 0,
			     dept);
			continue;
		}
		if (k->pri > 0 && rnd(1, 100) <= 40)
			d = step(&s, wd_add(d, (int)rnd(1, 3)), "progress", NULL, PROGRESS[rnd(0, 3)], NULL, 0,
			         dept);
		late = k->lead >= 0 ? rnd(1, 100) <= 4 : rnd(1, 100) <= 8;
		if (late || d >= deadline)
			d = wd_add(deadline, (int)rnd(1, 12));
		else
			d = wd_add(d, (int)rnd(1, workdays(d, deadline)));
		step(&s, d, "resolve", NULL, done, NULL, 0, dept);
		rating = k->lead >= 0 ? (rnd(1, 100) <= 80 ? 5 : 4) : pick_rating();
		d = step(&s, wd_add(d, (int)rnd(1, 3)), "confirm", NULL, NULL, NULL, rating, who);
		if (k->lead < 0 && (rating <= 2 || (rating == 3 && rnd(1, 100) <= 10))) {
			d = step(&s, wd_add(d, (int)rnd(1, 3)), "reopen", NULL, "当事人对处理结果不满意，要求重新办理",
			         NULL, 0, "走访办");
			d = step(&s, wd_add(d, (int)rnd(2, 8)), "resolve", NULL, done, NULL, 0, dept);
			step(&s, wd_add(d, (int)rnd(1, 3)), "confirm", NULL, NULL, NULL, (int)rnd(4, 5), who);
		}
	}
}

int demo_cases(struct kfq_db *db, const char *dir, struct kfq_err *err)
{
	static const char *const KINDS[] = { "households", "holidays", "case-sla", "visits", "cases",
	                                     "case-events" };
	static const char *const FILES[] = { "households.csv", "holidays.csv", "case-sla.csv",
	                                     "visits.csv", "cases.csv", "case-events.csv" };
	struct sbuf units, sb[6];
	struct ent *ents = NULL;
	struct hh *h = xcalloc(NHH, sizeof *h);
	struct visit *v = NULL;
	struct kase *k = NULL, **order = NULL;
	int nent = 0, nv = 0, nk = 0, rc = -1;

	rng.state = SEED;
	sbuf_init(&units);
	for (int i = 0; i < 6; i++)
		sbuf_init(&sb[i]);
	make_small(&units);
	if (demo_import(db, dir, "units-small.csv", "units", &units, 1, err) < 0 ||
	    load_enterprises(db, &ents, &nent, err) < 0)
		goto out;
	calendar(&sb[1]);
	pace_init();
	make_households(h, &sb[0]);
	write_sla(&sb[2]);
	v = make_visits(nent, &nv);
	k = make_cases(v, nv, nent, &nk, &order);
	write_visits(v, nv, ents, h, &sb[3]);
	write_cases(order, nk, v, ents, h, &sb[4]);
	write_steps(order, nk, k, ents, h, &sb[5]);
	rc = 0;
	for (int i = 0; i < 6 && rc == 0; i++)
		rc = demo_import(db, dir, FILES[i], KINDS[i], &sb[i], 0, err);
out:
	sbuf_release(&units);
	for (int i = 0; i < 6; i++)
		sbuf_release(&sb[i]);
	free(ents);
	free(h);
	free(v);
	free(k);
	free(order);
	return rc;
}
