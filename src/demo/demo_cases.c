/* demo_cases.c: the 2017 暖企惠民大走访 campaign of the demo zone (see
 * demo_cases.h): the calendar and the random numbers the whole campaign
 * draws from, the problems raised and their steps, and demo_cases(), which
 * builds and imports every file in turn. The small enterprises, households
 * and visits are made in demo_visits.c; what the two share is in
 * demo_cases_part.h.
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
 * database); must not depend on the demo's other builders (demo.c,
 * demo_projects.c, demo_leads.c) nor on anything above io. */
#include "demo/demo_cases.h"
#include "demo/demo_cases_part.h"
#include "demo/demo_util.h"
#include "base/sbuf.h"
#include "base/xalloc.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SEED UINT64_C(0x2017CA5E5A11F1E1)

#define NENT_CASE 1200      /* problems raised on enterprise visits */
#define NHH_CASE 800        /* on household visits */
#define NHOTLINE 70
#define NLETTER 40
#define NDUP 24             /* hotline calls repeating a problem raised already */
#define NLEAD 51            /* the leadership's own problems */
#define NDAYS 730           /* 2017 and 2018 */

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
static int64_t cum[CAMPAIGN_LASTDAY + 1];   /* the weights of days 0..d */

static void pace_init(void)
{
	for (int d = 0, m = 0, left = MDAYS[0]; d <= CAMPAIGN_LASTDAY; d++) {
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

/* ---- what demo_visits.c draws on (see demo_cases_part.h) ---- */

int64_t campaign_rnd(int64_t lo, int64_t hi)
{
	return rnd(lo, hi);
}

const char *campaign_day_text(int d, char *buf, size_t n)
{
	return day_text(d, buf, n);
}

int campaign_wd_add(int d, int n)
{
	return wd_add(d, n);
}

int campaign_pick_day(int from, int to)
{
	return pick_day(from, to);
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
static int pick_visits(struct campaign_visit *v, int nv, int ent, int n, struct kase *k, int nk)
{
	int *idx = xcalloc((size_t)nv, sizeof *idx), m = 0;
	for (int i = 0; i < nv; i++)
		if ((v[i].ent >= 0) == ent)
			idx[m++] = i;
	for (int i = 0; i < n && i < m; i++) {
		int j = i + (int)rnd(0, m - i - 1), t = idx[i];
		struct campaign_visit *x;
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
static struct kase *make_cases(struct campaign_visit *v, int nv, int nent, int *nk,
                               struct kase ***order)
{
	int cap = NENT_CASE + NHH_CASE + NHOTLINE + NLETTER + NDUP + NLEAD, n = 0;
	struct kase *k = xcalloc((size_t)cap, sizeof *k);
	struct kase **o = xcalloc((size_t)cap, sizeof *o);

	n = pick_visits(v, nv, 1, NENT_CASE, k, n);
	n = pick_visits(v, nv, 0, NHH_CASE, k, n);
	for (int i = 0; i < NHOTLINE + NLETTER; i++) {
		/* one draw per statement, so that every compiler draws in this order */
		int ent = rnd(1, 100) <= (i < NHOTLINE ? 40 : 20);
		int day = pick_day(0, CAMPAIGN_LASTDAY);
		int who = ent ? (int)rnd(0, nent - 1) : (int)rnd(0, CAMPAIGN_NHH - 1);
		int pri = pick_priority();
		const struct problem *pb = ent ? pick_problem(ENT_PROBLEM, sizeof ENT_PROBLEM /
		                                                           sizeof ENT_PROBLEM[0])
		                               : pick_problem(HH_PROBLEM, sizeof HH_PROBLEM /
		                                                          sizeof HH_PROBLEM[0]);
		k[n++] = (struct kase){ day, i < NHOTLINE ? SRC_HOTLINE : SRC_LETTER, -1,
		                        ent ? who : -1, ent ? -1 : who, pri, -1, pb, -1, "" };
	}
	/* calls repeating a problem raised on a visit a little earlier */
	for (int i = 0; i < NDUP; i++) {
		int o0 = (int)rnd(0, NENT_CASE + NHH_CASE - 1);
		struct kase *x = &k[o0];
		if (x->raised > CAMPAIGN_LASTDAY - 40) {
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

static void write_cases(struct kase *const *o, int nk, const struct campaign_visit *v,
                        const struct campaign_ent *ents, const struct campaign_hh *h,
                        struct sbuf *csv)
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
		sbuf_addf(csv, ",%s,%s,%s,", k->src == SRC_VISIT || k->src == SRC_MEETING ? CAMPAIGN_NAME : "",
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
	if (s->stopped || d > CAMPAIGN_LASTDAY) {
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
                        const struct campaign_ent *ents, const struct campaign_hh *h,
                        struct sbuf *csv)
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
			/* a merge keeps the case it goes into, and no note */
			step(&s, wd_add(k->raised, (int)rnd(1, 2)), "merge", NULL, NULL, k0[k->orig].code,
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
		if (k->pri > 0 && rnd(1, 100) <= 40) {
			const char *what = PROGRESS[rnd(0, 3)];
			d = step(&s, wd_add(d, (int)rnd(1, 3)), "progress", NULL, what, NULL, 0, dept);
		}
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
			rating = (int)rnd(4, 5);
			step(&s, wd_add(d, (int)rnd(1, 3)), "confirm", NULL, NULL, NULL, rating, who);
		}
	}
}

int demo_cases(const struct kfq_ctx *cx, struct kfq_db *db, const char *dir, struct kfq_err *err)
{
	static const char *const KINDS[] = { "households", "holidays", "case-sla", "visits", "cases",
	                                     "case-events" };
	static const char *const FILES[] = { "households.csv", "holidays.csv", "case-sla.csv",
	                                     "visits.csv", "cases.csv", "case-events.csv" };
	struct sbuf units, sb[6];
	struct campaign_ent *ents = NULL;
	struct campaign_hh *h = xcalloc(CAMPAIGN_NHH, sizeof *h);
	struct campaign_visit *v = NULL;
	struct kase *k = NULL, **order = NULL;
	int nent = 0, nv = 0, nk = 0, rc = -1;

	rng.state = SEED;
	sbuf_init(&units);
	for (int i = 0; i < 6; i++)
		sbuf_init(&sb[i]);
	campaign_make_small(&units);
	if (demo_import(cx, db, dir, "units-small.csv", "units", &units, 1, err) < 0 ||
	    campaign_load_enterprises(db, &ents, &nent, err) < 0)
		goto out;
	calendar(&sb[1]);
	pace_init();
	campaign_make_households(h, &sb[0]);
	write_sla(&sb[2]);
	v = campaign_make_visits(nent, &nv);
	k = make_cases(v, nv, nent, &nk, &order);
	campaign_write_visits(v, nv, ents, h, &sb[3]);
	write_cases(order, nk, v, ents, h, &sb[4]);
	write_steps(order, nk, k, ents, h, &sb[5]);
	rc = 0;
	for (int i = 0; i < 6 && rc == 0; i++)
		rc = demo_import(cx, db, dir, FILES[i], KINDS[i], &sb[i], 0, err);
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
