/* measure.c: the table of measures kfq knows (see measure.h).
 * Depends on dec and err only. */
#include "base/measure.h"

#include <string.h>
#include <strings.h>

static const struct measure MEASURES[] = {
	{ "元", "元", 0, 0 }, { "万元", "元", 4, 0 }, { "亿元", "元", 8, 0 },
	{ "美元", "美元", 0, 0 }, { "万美元", "美元", 4, 0 }, { "亿美元", "美元", 8, 0 },
	{ "%", "%", 0, 0 },
	{ "亩", "亩", 0, 0 }, { "万亩", "亩", 4, 0 },
	{ "平方米", "平方米", 0, 0 }, { "万平方米", "平方米", 4, 0 },
	{ "公里", "公里", 0, 0 },
	{ "件", "件", 0, 1 }, { "万件", "件", 4, 1 },
	{ "个", "个", 0, 1 }, { "家", "家", 0, 1 }, { "项", "项", 0, 1 },
	{ "人", "人", 0, 1 }, { "万人", "人", 4, 1 }, { "人次", "人次", 0, 1 },
	{ "户", "户", 0, 1 }, { "万户", "户", 4, 1 }, { "名", "名", 0, 1 },
	{ "张", "张", 0, 1 }, { "万张", "张", 4, 1 }, { "株", "株", 0, 1 }, { "万株", "株", 4, 1 },
	{ "场", "场", 0, 1 }, { "条", "条", 0, 1 }, { "份", "份", 0, 1 },
	{ "吨", "吨", 0, 0 }, { "万吨", "吨", 4, 0 }, { "千瓦时", "千瓦时", 0, 0 },
	{ "万千瓦时", "千瓦时", 4, 0 }, { "点", "点", 0, 0 },
};

static const struct { const char *alias, *name; } ALIASES[] = {
	{ "yuan", "元" }, { "CNY", "元" }, { "RMB", "元" },
	{ "wan yuan", "万元" }, { "10k CNY", "万元" }, { "10k yuan", "万元" },
	{ "yi yuan", "亿元" }, { "100m CNY", "亿元" }, { "100m yuan", "亿元" },
	{ "USD", "美元" }, { "10k USD", "万美元" }, { "100m USD", "亿美元" },
	{ "percent", "%" }, { "％", "%" }, { "mu", "亩" },
	{ "m2", "平方米" }, { "㎡", "平方米" }, { "m²", "平方米" }, { "万㎡", "万平方米" },
	{ "km", "公里" }, { "千米", "公里" },
	{ "pieces", "件" }, { "items", "个" }, { "firms", "家" }, { "persons", "人" },
	{ "index", "点" },
};

const struct measure *measure_find(const char *name, struct kfq_err *err)
{
	size_t n = sizeof MEASURES / sizeof MEASURES[0];

	for (size_t i = 0; i < sizeof ALIASES / sizeof ALIASES[0]; i++)
		if (strcasecmp(name, ALIASES[i].alias) == 0) {
			name = ALIASES[i].name;
			break;
		}
	for (size_t i = 0; i < n; i++)
		if (strcmp(name, MEASURES[i].name) == 0)
			return &MEASURES[i];
	kfq_error(err, "unknown measure \"%s\" (expected one of 元 万元 亿元 美元 万美元 亿美元 "
	          "%% 亩 平方米 万平方米 公里 件 个 家 项 人 人次 户 名 张 株 场 条 份 吨 千瓦时 点, "
	          "or 万 before a counted noun where kfq lists it)", name);
	return NULL;
}

int measure_count_check(const struct measure *m, dec v, const char *text, struct kfq_err *err)
{
	if (!m->counted)
		return 0;
	if (v < 0)
		return kfq_error(err, "\"%s\" is below zero (expected a count of %s: 0 or more)", text,
		                 m->family);
	if (v % DEC_ONE != 0)
		return kfq_error(err, "\"%s\" is not a whole number of %s (expected a count)", text,
		                 m->family);
	return 0;
}

int measure_compatible(const struct measure *from, const struct measure *to,
                       struct kfq_err *err)
{
	if (strcmp(from->family, to->family) == 0)
		return 0;
	return kfq_error(err, "measure %s cannot be converted to %s (a %s figure is not a %s figure)",
	                 from->name, to->name, from->family, to->family);
}
