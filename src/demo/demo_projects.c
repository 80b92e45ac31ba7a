/* demo_projects.c: the key projects of the demo zone (see demo_projects.h).
 *
 * The projects stand in a table below, each with its park, name, what
 * happens to it in 2017 and its planned start; totals, owners and days come
 * from a fixed-seed generator. The annual plans split 146.00 亿元 and the
 * year's investment 147.5 亿元 exactly (largest remainder), each project's
 * investment is spread over its months and filed as year-to-date totals.
 * The files go through import_run like a user's (demo_import). Depends on
 * base, store, io
 * (and on the demo's parks and enterprises being in the database). */
#include "demo/demo_projects.h"
#include "demo/demo_util.h"
#include "base/sbuf.h"
#include "base/xalloc.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define NKEY 55
#define NWORK 4
#define NPROJ (NKEY + NWORK)
#define KEY_PLAN 1460000     /* 万元: the key projects' 2017 plans, 146.00 亿元 */
#define KEY_ACTUAL 1475000   /* 万元: invested in 2017, 147.5 亿元 (101.0% of plan) */

/* The demo's parks (demo.c), their industry, and the largest project they
 * hold, in 0.1 亿元: the Japanese park is a park of small tenants. */
static const struct {
	const char *code, *industry;
	int64_t largest;
} PARK[] = {
	{ "eyewear_town", "3587", 300 }, { "precision_park", "3670", 300 },
	{ "life_science_park", "2710", 300 }, { "maker_park", "3400", 300 },
	{ "science_park", "6510", 300 }, { "japan_park", "3670", 30 },
};

/* What happens to a key project in 2017:
 *   S planned to start in 2017, started on time     L started late (by delay months)
 *   X started on time, suspended from August (资金链紧张)
 *   P started before 2017, under construction       B the same, behind schedule
 *   C started before 2017, completed in 2017        R completed and in production */
static const struct {
	int park;
	const char *name;
	char role;
	int planned;    /* planned start, yyyymm */
	int delay;
} KEY[NKEY] = {
	{ 0, "年产500万副光学镜片项目", 'S', 201703, 0 },
	{ 0, "年产300万副高档眼镜架项目", 'P', 201605, 0 },
	{ 0, "树脂镜片生产线技术改造项目", 'S', 201702, 0 },
	{ 0, "眼镜小镇创意设计中心", 'S', 201704, 0 },
	{ 0, "年产1000万片防蓝光镜片项目", 'L', 201704, 2 },
	{ 0, "钛架眼镜智能制造项目", 'C', 201510, 0 },
	{ 0, "隐形眼镜生产基地项目", 'S', 201705, 0 },
	{ 0, "眼镜电商物流中心", 'P', 201609, 0 },
	{ 0, "偏光太阳镜扩建项目", 'S', 201706, 0 },
	{ 0, "镜片镀膜生产线项目", 'R', 201603, 0 },
	{ 0, "年产200万副板材眼镜项目", 'S', 201708, 0 },
	{ 0, "眼镜检测认证中心", 'S', 201709, 0 },
	{ 0, "高折射率镜片新材料项目", 'S', 201703, 0 },
	{ 0, "眼镜智能仓储配送中心", 'S', 201710, 0 },
	{ 1, "精密轴承扩建项目", 'S', 201702, 0 },
	{ 1, "数控机床整机制造项目", 'P', 201604, 0 },
	{ 1, "精密齿轮箱生产线项目", 'S', 201703, 0 },
	{ 1, "高端液压件制造项目", 'B', 201608, 0 },
	{ 1, "精密铸造扩能项目", 'C', 201601, 0 },
	{ 1, "工业机器人减速器项目", 'S', 201704, 0 },
	{ 1, "精密模具产业化项目", 'S', 201705, 0 },
	{ 1, "汽车精密零部件项目", 'L', 201705, 1 },
	{ 1, "伺服电机生产基地", 'S', 201706, 0 },
	{ 1, "精密冲压件技改项目", 'R', 201511, 0 },
	{ 1, "高速主轴研发制造项目", 'S', 201707, 0 },
	{ 1, "碳纤维复合材料制品项目", 'P', 201606, 0 },
	{ 1, "精密刀具生产线项目", 'S', 201708, 0 },
	{ 1, "轨道交通零部件项目", 'S', 201709, 0 },
	{ 1, "年产10万台精密减速机项目", 'S', 201711, 0 },
	{ 2, "生物医药研发中心", 'S', 201702, 0 },
	{ 2, "医疗器械产业化基地", 'P', 201607, 0 },
	{ 2, "原料药GMP改造项目", 'C', 201604, 0 },
	{ 2, "体外诊断试剂生产项目", 'S', 201703, 0 },
	{ 2, "医用高分子材料项目", 'X', 201703, 0 },
	{ 2, "中药提取生产线项目", 'S', 201705, 0 },
	{ 2, "生物制剂中试基地", 'S', 201706, 0 },
	{ 2, "骨科植入物生产项目", 'R', 201610, 0 },
	{ 2, "医用敷料扩产项目", 'S', 201704, 0 },
	{ 2, "健康食品生产基地", 'S', 201708, 0 },
	{ 3, "智能装备产业园一期", 'P', 201603, 0 },
	{ 3, "新能源汽车电机项目", 'S', 201702, 0 },
	{ 3, "智能物流装备制造项目", 'L', 201707, 2 },
	{ 3, "3D打印装备产业化项目", 'S', 201704, 0 },
	{ 3, "智能焊接机器人项目", 'C', 201609, 0 },
	{ 3, "环保装备制造项目", 'S', 201705, 0 },
	{ 3, "光伏组件生产线项目", 'S', 201701, 0 },
	{ 3, "新型建材智能工厂", 'S', 201710, 0 },
	{ 4, "科创园孵化器二期", 'C', 201606, 0 },
	{ 4, "软件与服务外包基地", 'S', 201703, 0 },
	{ 4, "物联网传感器研发项目", 'S', 201704, 0 },
	{ 4, "大数据中心项目", 'P', 201611, 0 },
	{ 4, "集成电路封装测试项目", 'S', 201706, 0 },
	{ 4, "智能眼镜研发项目", 'S', 201701, 0 },
	{ 5, "日资汽车座椅部件项目", 'S', 201704, 0 },
	{ 5, "日资汽车线束生产项目", 'S', 201702, 0 },
};

/* The other works the year-in-review names, as published (万元). */
static const struct {
	const char *code, *name, *category;
	int park;
	int64_t total, plan, actual;   /* plan and actual: 2017 */
	int planned, day, planned_end;
	int end;                       /* completed in this month of 2017; 0 not yet */
	int physical;                  /* at December; -1: from the investment */
	const char *milestones, *note;
} WORK[NWORK] = {
	{ "yingchun_road", "迎春路延伸段改造工程", "urban", 1, 10000, 6000, 5800, 201704, 10,
	  201806, 0, -1, "路基及管网施工", "路基完成，预计2018年上半年完工" },
	{ "river_works", "河道水环境生态综合整治", "environmental", 0, 60000, 15000, 14300, 201703,
	  6, 201812, 0, 85, "拆迁完成85%", "已完成整个工程拆迁量的85%" },
	{ "old_communities", "老旧小区改造（4个）", "livelihood", 4, 5000, 4000, 3600, 201703, 20,
	  201806, 0, -1, "2个小区改造竣工，2个在建", "部分小区改造竣工，其余抓紧建设" },
	{ "heyang_works", "河阳集镇道路雨污水管网路灯改造", "infrastructure", 3, 3000, 3000, 2900,
	  201702, 20, 201709, 9, -1, "道路、雨污水管网、路灯改造", "9月竣工" },
};

/* Blocking problems: most solved, two still open past their deadline. */
static const struct {
	const char *project, *raised, *description, *dept, *deadline, *resolved;
} PROBLEM[] = {
	{ "xm05", "2017-03-10", "用地指标未落实", "国土分局", "2017-04-30", "2017-05-26" },
	{ "xm22", "2017-04-12", "规划许可证未核发", "规划局", "2017-05-15", "2017-06-05" },
	{ "xm42", "2017-06-20", "施工用电未接入", "供电公司", "2017-07-31", "2017-08-25" },
	{ "xm18", "2017-04-18", "扩建环评批复未下达", "环保局", "2017-06-30", "2017-10-16" },
	{ "xm34", "2017-08-15", "土地出让金未缴清", "国土分局", "2017-10-31", "" },
	{ "xm49", "2017-10-09", "施工许可证未办结", "住建局", "2017-11-30", "" },
	{ "river_works", "2017-05-08", "拆迁安置房源不足", "住建局", "2017-07-31", "2017-07-20" },
	{ "yingchun_road", "2017-06-01", "沿线电力管线迁移", "供电公司", "2017-08-31", "2017-08-18" },
};

/* Investment by month of a year of construction (January and February
 * slow for the Spring Festival). */
static const int64_t BUILD[12] = { 5, 4, 8, 9, 9, 9, 8, 8, 9, 10, 10, 11 };

struct proj {
	char code[16], owner[16];
	const char *name, *category, *park, *industry, *status, *reason, *milestones;
	char role;
	int64_t total, plan, actual, before;   /* 万元; before: invested before 2017 */
	int planned, start, start_day, planned_end;   /* yyyymm */
	int end, end_day, production, production_day; /* months of 2017; 0 none */
	int first, last;         /* the months of 2017 with investment */
	int physical_end;        /* physical progress at December, -1 from the investment */
	int64_t ytd[12];
	const char *note[12];
};

#define SEED UINT64_C(0x2017C0DE55391475)

static struct demo_rng rng;

static int add_months(int yyyymm, int k)
{
	int m = yyyymm % 100 - 1 + k;
	return (yyyymm / 100 + m / 12) * 100 + m % 12 + 1;
}

/* Spread amount over months from..to of 2017 (1-based) by BUILD, the
 * first month at half pace, adding to the year-to-date totals. */
static void spread(int64_t amount, int from, int to, int64_t *ytd)
{
	int64_t w[12] = { 0 }, part[12];
	for (int m = from; m <= to; m++)
		w[m - 1] = m == from && m > 1 ? (BUILD[m - 1] + 1) / 2 : BUILD[m - 1];
	demo_split(amount, w, 12, part);
	for (int64_t m = 1, cum = 0; m <= 12; m++) {
		cum += part[m - 1];
		ytd[m - 1] += cum;
	}
}

/* An enterprise of the park (the pick-th, modulo their number, by code)
 * into buf; "" when the park has none. */
static int park_owner(struct kfq_db *db, const char *park, uint64_t pick, char *buf, size_t n,
                      struct kfq_err *err)
{
	static const char COUNT[] = "SELECT count(*) FROM unit u JOIN unit p ON p.id = u.parent_id "
	                            "WHERE p.code = ? AND u.kind = 'enterprise'";
	static const char NTH[] = "SELECT u.code FROM unit u JOIN unit p ON p.id = u.parent_id "
	                          "WHERE p.code = ? AND u.kind = 'enterprise' ORDER BY u.code "
	                          "LIMIT 1 OFFSET ?";
	struct kfq_stmt *st;
	int64_t count;
	int rc;

	buf[0] = '\0';
	if (db_cached(db, COUNT, &st, err) < 0)
		return -1;
	st_bind_text(st, 1, park);
	if (st_step(st) != ST_ROW) {
		rc = db_fault(db, err, "counting a park's enterprises");
		st_reset(st);
		return rc;
	}
	count = st_i64(st, 0);
	st_reset(st);
	if (count == 0)
		return 0;
	if (db_cached(db, NTH, &st, err) < 0)
		return -1;
	st_bind_text(st, 1, park);
	st_bind_i64(st, 2, (int64_t)(pick % (uint64_t)count));
	if ((rc = st_step(st)) == ST_ROW)
		snprintf(buf, n, "%s", st_text(st, 0));
	else
		db_fault(db, err, "choosing a project owner");
	st_reset(st);
	return rc == ST_ROW ? 0 : -1;
}

/* The key projects: register, plans and the year's investment. */
static int make_key(struct kfq_db *db, struct proj *p, struct kfq_err *err)
{
	int64_t w[NKEY], part[NKEY], rest = KEY_ACTUAL;

	for (int i = 0; i < NKEY; i++) {
		struct proj *q = &p[i];
		int64_t r = demo_rng_in(&rng, 0, 1000);
		int in2017 = KEY[i].planned / 100 == 2017;

		snprintf(q->code, sizeof q->code, "xm%02d", i + 1);
		q->name = KEY[i].name;
		q->category = "industrial";
		q->park = PARK[KEY[i].park].code;
		q->industry = PARK[KEY[i].park].industry;
		q->role = KEY[i].role;
		/* 0.5 亿元 to the park's largest, in steps of 0.1, most of them small */
		q->total = (5 + r * r * (PARK[KEY[i].park].largest - 5) / 1000000) * 1000;
		q->planned = KEY[i].planned;
		q->start = add_months(q->planned, KEY[i].delay);
		q->start_day = (int)demo_rng_in(&rng, 1, 28);
		q->planned_end = in2017 ? add_months(q->planned, (int)demo_rng_in(&rng, 14, 30))
		                 : add_months(201712, (int)demo_rng_in(&rng, 3, 18));
		q->first = in2017 ? q->start % 100 : 1;
		q->last = 12;
		q->physical_end = -1;
		q->status = "construction";
		if (demo_rng_in(&rng, 1, 100) <= 88 &&
		    park_owner(db, q->park, demo_rng_next(&rng), q->owner, sizeof q->owner, err) < 0)
			return -1;
		if (q->role == 'C' || q->role == 'R') {
			q->end = (int)(q->role == 'C' ? demo_rng_in(&rng, 3, 11) : demo_rng_in(&rng, 2, 8));
			q->end_day = (int)demo_rng_in(&rng, 1, 28);
			q->planned_end = 201700 + q->end;
			q->last = q->end;
			q->status = "completed";
			q->milestones = "竣工验收";
			q->note[q->end - 1] = "竣工验收";
		}
		if (q->role == 'R') {
			q->production = q->end + (int)demo_rng_in(&rng, 1, 3);
			q->production_day = (int)demo_rng_in(&rng, 1, 28);
			q->status = "production";
			q->milestones = "竣工投产";
			q->note[q->production - 1] = "投产";
		}
		if (q->role == 'X') {
			q->last = 7;
			q->status = "suspended";
			q->reason = "资金链紧张";
			q->note[7] = "资金链紧张，8月起停工";
		}
		if (q->role == 'L')
			q->note[q->first - 1] = "前期手续延误，推迟开工";
		if (q->role == 'B')
			q->note[8] = "进度滞后：设备到货延迟，仅完成年度计划的30%";
		if (q->role == 'P' && i % 2)
			q->note[11] = "主体结构封顶";
		/* the plan: the share of the total due this year */
		w[i] = q->total * (q->role == 'C' || q->role == 'R' ? 300
		                   : q->role == 'P' || q->role == 'B' ? 350
		                   : 450 * (13 - q->planned % 100) / 12);
	}
	demo_split(KEY_PLAN / 100, w, NKEY, part);
	for (int i = 0; i < NKEY; i++)
		p[i].plan = part[i] * 100;
	/* troubled projects fall short; the others make up the 147.5 亿元 */
	for (int i = 0; i < NKEY; i++) {
		struct proj *q = &p[i];
		w[i] = 0;
		switch (q->role) {
		case 'X': q->actual = q->plan * 40 / 100; break;
		case 'B': q->actual = q->plan * 55 / 100; break;
		case 'L': q->actual = q->plan * 90 / 100; break;
		default: w[i] = q->plan * demo_rng_in(&rng, 980, 1060); continue;
		}
		rest -= q->actual;
	}
	demo_split(rest, w, NKEY, part);
	for (int i = 0; i < NKEY; i++) {
		struct proj *q = &p[i];
		if (w[i])
			q->actual = part[i];
		if (q->role == 'C' || q->role == 'R')
			q->before = q->total - q->actual;
		else if (q->role == 'P' || q->role == 'B')
			q->before = q->total * demo_rng_in(&rng, 20, 45) / 100;
		if (q->role == 'B') {
			/* 30% of the plan by September, against 9/12 due */
			int64_t sep = q->plan * 30 / 100;
			spread(sep, q->first, 9, q->ytd);
			spread(q->actual - sep, 10, 12, q->ytd);
		} else {
			spread(q->actual, q->first, q->last, q->ytd);
		}
	}
	return 0;
}

static void make_works(struct proj *p)
{
	for (int i = 0; i < NWORK; i++) {
		struct proj *q = &p[i];
		snprintf(q->code, sizeof q->code, "%s", WORK[i].code);
		q->name = WORK[i].name;
		q->category = WORK[i].category;
		q->park = PARK[WORK[i].park].code;
		q->industry = "";
		q->total = WORK[i].total;
		q->plan = WORK[i].plan;
		q->actual = WORK[i].actual;
		q->planned = q->start = WORK[i].planned;
		q->start_day = WORK[i].day;
		q->planned_end = WORK[i].planned_end;
		q->first = q->start % 100;
		q->last = WORK[i].end ? WORK[i].end : 12;
		q->end = WORK[i].end;
		q->end_day = WORK[i].end ? 28 : 0;
		q->physical_end = WORK[i].physical;
		q->status = WORK[i].end ? "completed" : "construction";
		q->milestones = WORK[i].milestones;
		q->note[q->last - 1] = WORK[i].note;
		spread(q->actual, q->first, q->last, q->ytd);
	}
}

/* Physical progress at the end of month m of 2017 (started projects). */
static int64_t physical(const struct proj *q, int m)
{
	int64_t v;
	if (q->end && m >= q->end)
		return 100;
	if (q->physical_end >= 0)
		return q->actual ? q->physical_end * q->ytd[m - 1] / q->actual : 0;
	v = (q->before + q->ytd[m - 1]) * 100 / q->total;
	return v > 95 ? 95 : v;
}

static const char *month_text(int yyyymm, char *buf, size_t n)
{
	snprintf(buf, n, "%04d-%02d", yyyymm / 100, yyyymm % 100);
	return buf;
}

static const char *date_text(int yyyymm, int day, char *buf, size_t n)
{
	if (!day)
		buf[0] = '\0';
	else
		snprintf(buf, n, "%04d-%02d-%02d", yyyymm / 100, yyyymm % 100, day);
	return buf;
}

static void write_projects(const struct proj *p, struct sbuf *sb)
{
	sbuf_adds(sb, "code,name,category,park,owner,industry,key_level,total_investment(万元),"
	          "planned_start,actual_start,planned_end,actual_end,production,status,reason,"
	          "milestones\n");
	for (int i = 0; i < NPROJ; i++) {
		const struct proj *q = &p[i];
		char ps[48], as[48], pe[48], ae[48], pr[48];
		sbuf_addf(sb, "%s,%s,%s,%s,%s,%s,%s,%lld,%s,%s,%s,%s,%s,%s,%s,%s\n", q->code, q->name,
		          q->category, q->park, q->owner, q->industry,
		          q->total >= 250000 ? "province" : q->total >= 100000 ? "city" : "zone",
		          (long long)q->total, month_text(q->planned, ps, sizeof ps),
		          date_text(q->start, q->start_day, as, sizeof as),
		          month_text(q->planned_end, pe, sizeof pe),
		          date_text(201700 + q->end, q->end_day, ae, sizeof ae),
		          date_text(201700 + q->production, q->production_day, pr, sizeof pr), q->status,
		          q->reason ? q->reason : "", q->milestones ? q->milestones : "");
	}
}

/* Year-to-date investment for every month of 2017 (zeros before the
 * start), physical progress from the start, the notes. */
static void write_progress(const struct proj *p, struct sbuf *plan, struct sbuf *prog)
{
	sbuf_adds(plan, "project,year,planned(万元)\n");
	sbuf_adds(prog, "project,period,investment(万元),physical,note\n");
	for (int i = 0; i < NPROJ; i++) {
		const struct proj *q = &p[i];
		sbuf_addf(plan, "%s,2017,%lld\n", q->code, (long long)q->plan);
		for (int m = 1; m <= 12; m++) {
			sbuf_addf(prog, "%s,2017年1-%d月,%lld,", q->code, m, (long long)q->ytd[m - 1]);
			if (m >= q->first)
				sbuf_addf(prog, "%lld", (long long)physical(q, m));
			sbuf_addf(prog, ",%s\n", q->note[m - 1] ? q->note[m - 1] : "");
		}
	}
}

static void write_problems(struct sbuf *sb)
{
	sbuf_adds(sb, "project,raised,description,dept,deadline,resolved\n");
	for (size_t i = 0; i < sizeof PROBLEM / sizeof PROBLEM[0]; i++)
		sbuf_addf(sb, "%s,%s,%s,%s,%s,%s\n", PROBLEM[i].project, PROBLEM[i].raised,
		          PROBLEM[i].description, PROBLEM[i].dept, PROBLEM[i].deadline,
		          PROBLEM[i].resolved);
}

int demo_projects(const struct kfq_ctx *cx, struct kfq_db *db, const char *dir, struct kfq_err *err)
{
	static const char *const KINDS[] = { "projects", "project-plan", "progress",
	                                     "project-problems" };
	static const char *const FILES[] = { "projects.csv", "project-plan.csv", "progress.csv",
	                                     "project-problems.csv" };
	struct proj *p = xcalloc(NPROJ, sizeof *p);
	struct sbuf sb[4];
	int rc = -1;

	rng.state = SEED;
	for (int k = 0; k < 4; k++)
		sbuf_init(&sb[k]);
	if (make_key(db, p, err) < 0)
		goto out;
	make_works(p + NKEY);
	write_projects(p, &sb[0]);
	write_progress(p, &sb[1], &sb[2]);
	write_problems(&sb[3]);
	rc = 0;
	for (int k = 0; k < 4 && rc == 0; k++)
		rc = demo_import(cx, db, dir, FILES[k], KINDS[k], &sb[k], 1, err);
out:
	for (int k = 0; k < 4; k++)
		sbuf_release(&sb[k]);
	free(p);
	return rc;
}
