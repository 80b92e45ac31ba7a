/* import_index.c: the import kinds of the China Danyang Eyewear Index:
 * index-categories, index-weights, index-items, price-quotes, surveys,
 * survey-questions and survey-answers (formats: docs/formats.md). Rows go
 * through index/ixstore's puts; after the rows, the checks that span rows
 * (ix_check) name the lines that show a problem. The driver is io/import.c.
 * Depends on base, store, index/ixstore. */
#include "io/import_kind.h"
#include "base/date.h"
#include "base/measure.h"
#include "base/xalloc.h"
#include "index/ixstore.h"

#include <stdio.h>
#include <string.h>

static void tally(struct ictx *c, int changed)
{
	c->res->added += changed == 1;
	c->res->changed += changed == 2;
	c->res->unchanged += changed == 0;
}

/* A problem found after the rows: reported at the line of its row in this
 * file, else for the file as a whole. */
static void report(void *ctx, const char *keys, const struct kfq_err *problem)
{
	struct ictx *c = ctx;
	import_bad_row(c, key_line(c, keys), problem);
}

static int check(struct ictx *c, unsigned what, struct kfq_err *err)
{
	return ix_check(c->db, what, report, c, err) < 0 ? -1 : 0;
}

/* The data rows so far: the order of a listing (seq). */
/* A period or date cell in one spelling, for the once-per-file keys:
 * "2017-01" for any month form, "2017-01-06" for a date; else as written. */
static void canon_when(const char *cell, char *buf, size_t n)
{
	struct period p;
	struct date d;
	struct kfq_err e;
	/* a month first, as the store reads it (ixstore_quote.c): date_parse
	 * would take 201701 for an Excel day number and give another key than
	 * 2017-01's */
	if (period_parse(cell, &p, &e) == 0 && p.kind == PERIOD_MONTH)
		snprintf(buf, n, "%04d-%02d-%02d", p.year, p.first, p.last);
	else if (date_parse(cell, &d, &e) == 0)
		snprintf(buf, n, "%04d-%02d-%02d", d.year, d.month, d.day);
	else if (period_parse(cell, &p, &e) == 0)
		snprintf(buf, n, "%04d-%02d-%02d", p.year, p.first, p.last);
	else
		snprintf(buf, n, "%s", cell);
}

static int row_seq(struct ictx *c)
{
	return (int)c->res->rows;
}

/* ---- index-categories ---- */

enum { C_CODE, C_NAME, C_PARENT };
static const struct column_def CAT_COLS[] = {
	{ "code", "代码|分类代码|类别代码", 1 },
	{ "name", "名称|分类名称|类别名称", 1 },
	{ "parent", "上级|上级分类|上级代码", 0 },
};

static int cat_row(struct ictx *c, const char *const *cell, struct kfq_err *err)
{
	struct ix_category_row r = { cell[C_CODE], cell[C_NAME], cell[C_PARENT], row_seq(c) };
	char key[300];
	int changed;
	snprintf(key, sizeof key, "ixc\t%s", cell[C_CODE]);
	if (row_once(c, key, "this category", err) < 0)
		return -1;
	if (ix_category_put(c->db, &r, &changed, err) < 0)
		return -1;
	snprintf(key, sizeof key, "category %s", cell[C_CODE]);
	mark_key(c, key);
	tally(c, changed);
	return 0;
}

static int cat_after(struct ictx *c, struct kfq_err *err)
{
	return check(c, IX_CHECK_ALL, err);
}

/* ---- index-weights ---- */

enum { W_YEAR, W_CAT, W_CHANNEL, W_WEIGHT };
static const struct column_def WEIGHT_COLS[] = {
	{ "year", "年度|年份", 1 },
	{ "category", "分类|类别|分类代码", 1 },
	{ "channel", "渠道|流通渠道", 1 },
	{ "weight", "权数|权重|销售额", 1 },
};

static int weight_row(struct ictx *c, const char *const *cell, struct kfq_err *err)
{
	struct ix_weight_row r = { cell[W_YEAR], cell[W_CAT], cell[W_CHANNEL], cell[W_WEIGHT], 0 };
	struct period p;
	struct kfq_err e;
	char key[300];
	int changed;
	/* a measure in the header scales the weights: weight(万元) */
	if (c->map.measure[W_WEIGHT][0]) {
		const struct measure *m = measure_find(c->map.measure[W_WEIGHT], err);
		if (!m)
			return kfq_err_prefix(err, "column \"weight\"");
		r.weight_shift = m->shift;
	}
	if (ix_weight_put(c->db, &r, c->res->import_id, &changed, err) < 0)
		return -1;
	if (period_parse(cell[W_YEAR], &p, &e) == 0) {
		snprintf(key, sizeof key, "ixw\t%d\t%s\t%s", p.year, cell[W_CAT],
		         IX_CHANNEL[ix_channel_parse(cell[W_CHANNEL])]);
		if (row_once(c, key, "a weight for this year, category and channel", err) < 0)
			return -1;
		snprintf(key, sizeof key, "weight %d %s %s", p.year, cell[W_CAT],
		         IX_CHANNEL[ix_channel_parse(cell[W_CHANNEL])]);
		mark_key(c, key);
	}
	tally(c, changed);
	return 0;
}

static int weight_after(struct ictx *c, struct kfq_err *err)
{
	return check(c, IX_CHECK_WEIGHTS, err);
}

/* ---- index-items ---- */

enum { I_CODE, I_CAT, I_CHANNEL, I_REPORTER, I_BRAND, I_MODEL, I_MATERIAL, I_SIZE, I_REPLACES,
       I_OVERLAP };
static const struct column_def ITEM_COLS[] = {
	{ "code", "代码|规格品代码|样本代码|商品代码", 1 },
	{ "category", "分类|类别|分类代码", 1 },
	{ "channel", "渠道|流通渠道", 1 },
	{ "reporter", "报价单位|报价企业|报价商户|单位代码", 1 },
	{ "brand", "品牌", 0 },
	{ "model", "型号|款式", 0 },
	{ "material", "材质|材料", 0 },
	{ "size", "规格|尺寸", 0 },
	{ "replaces", "替代|替换|替代规格品", 0 },
	{ "overlap", "重叠期|重叠月份", 0 },
};

static int item_row(struct ictx *c, const char *const *cell, struct kfq_err *err)
{
	struct ix_item_row r = { cell[I_CODE], cell[I_CAT], cell[I_CHANNEL], cell[I_REPORTER],
	                         cell[I_BRAND], cell[I_MODEL], cell[I_MATERIAL], cell[I_SIZE],
	                         cell[I_REPLACES], cell[I_OVERLAP] };
	char key[300];
	int changed;
	snprintf(key, sizeof key, "ixi\t%s", cell[I_CODE]);
	if (row_once(c, key, "this item", err) < 0)
		return -1;
	if (ix_item_put(c->db, &r, &changed, err) < 0)
		return -1;
	snprintf(key, sizeof key, "item %s", cell[I_CODE]);
	mark_key(c, key);
	tally(c, changed);
	return 0;
}

static int item_after(struct ictx *c, struct kfq_err *err)
{
	return check(c, IX_CHECK_ITEMS, err);
}

/* ---- price-quotes ---- */

enum { Q_ITEM, Q_PERIOD, Q_PRICE, Q_SALES };
static const struct column_def QUOTE_COLS[] = {
	{ "item", "规格品|规格品代码|商品|商品代码", 1 },
	{ "period", "期间|时期|报告期|日期", 1 },
	{ "price", "价格|单价|报价", 1 },
	{ "sales", "销售额", 0 },
};

/* The shift of a money column's header measure (元 when none). */
static int money_shift(struct ictx *c, int col, int *shift, struct kfq_err *err)
{
	const struct measure *m;
	const char *name = c->map.measure[col][0] ? c->map.measure[col] : "元";
	if (!(m = measure_find(name, err)))
		return kfq_err_prefix(err, "column \"%s\"", c->k->cols[col].name);
	if (strcmp(m->family, "元") != 0)
		return kfq_error(err, "column \"%s\": %s is not a measure in 元 (expected 元, 万元 …)",
		                 c->k->cols[col].name, m->name);
	*shift = m->shift;
	return 0;
}

static int quote_row(struct ictx *c, const char *const *cell, struct kfq_err *err)
{
	char source[300];
	struct ix_quote_row r = { cell[Q_ITEM], cell[Q_PERIOD], cell[Q_PRICE], cell[Q_SALES], 0, 0,
	                          source };
	int changed;
	snprintf(source, sizeof source, "%s:%zu", c->o->path, c->line);
	if (money_shift(c, Q_PRICE, &r.price_shift, err) < 0 ||
	    money_shift(c, Q_SALES, &r.sales_shift, err) < 0)
		return -1;
	char key[300], when[40], what[300];
	if (ix_quote_put(c->db, &r, c->res->import_id, &changed, err) < 0)
		return -1;
	canon_when(cell[Q_PERIOD], when, sizeof when);
	snprintf(key, sizeof key, "ixq\t%s\t%s", cell[Q_ITEM], when);
	snprintf(what, sizeof what, "a price of item \"%s\" for %s", cell[Q_ITEM], cell[Q_PERIOD]);
	if (row_once(c, key, what, err) < 0)
		return -1;
	tally(c, changed);
	return 0;
}

/* Quotes and answers of published months change the index only by a revision. */
static int published_note(struct ictx *c, struct kfq_err *err)
{
	int64_t q, a;
	char months[128];
	struct sbuf sb;
	if (ix_published_touched(c->db, c->res->import_id, &q, &a, months, sizeof months, err) < 0)
		return -1;
	if (!q && !a)
		return 0;
	sbuf_init(&sb);
	if (q)
		sbuf_addf(&sb, "%lld quote%s", (long long)q, q == 1 ? "" : "s");
	if (a)
		sbuf_addf(&sb, "%s%lld answer%s", q ? " and " : "", (long long)a, a == 1 ? "" : "s");
	sbuf_addf(&sb, " fall%s in published months (%s): the index changes only with kfq index "
	          "compute --revise", q + a == 1 ? "s" : "", months);
	c->res->note = sbuf_detach(&sb);
	return 0;
}

/* ---- surveys ---- */

enum { S_CODE, S_NAME, S_WEIGHT };
static const struct column_def SURVEY_COLS[] = {
	{ "code", "代码|调查代码", 1 },
	{ "name", "名称|调查名称", 1 },
	{ "weight", "权数|权重", 1 },
};

static int survey_row(struct ictx *c, const char *const *cell, struct kfq_err *err)
{
	struct ix_survey_row r = { cell[S_CODE], cell[S_NAME], cell[S_WEIGHT] };
	char key[300];
	int changed;
	snprintf(key, sizeof key, "ixs\t%s", cell[S_CODE]);
	if (row_once(c, key, "this survey", err) < 0)
		return -1;
	if (ix_survey_put(c->db, &r, &changed, err) < 0)
		return -1;
	tally(c, changed);
	return 0;
}

/* ---- survey-questions ---- */

enum { QU_SURVEY, QU_CODE, QU_NAME, QU_INVERTED, QU_WEIGHT };
static const struct column_def QUESTION_COLS[] = {
	{ "survey", "调查|调查代码", 1 },
	{ "code", "代码|问题代码", 1 },
	{ "name", "名称|问题名称|问题", 1 },
	{ "inverted", "逆指标|反向|反向指标", 0 },
	{ "weight", "权数|权重", 1 },
};

static int question_row(struct ictx *c, const char *const *cell, struct kfq_err *err)
{
	struct ix_question_row r = { cell[QU_SURVEY], cell[QU_CODE], cell[QU_NAME],
	                             cell[QU_INVERTED], cell[QU_WEIGHT], row_seq(c) };
	char key[300];
	int changed;
	snprintf(key, sizeof key, "ixqu\t%s\t%s", cell[QU_SURVEY], cell[QU_CODE]);
	if (row_once(c, key, "this survey's question", err) < 0)
		return -1;
	if (ix_question_put(c->db, &r, &changed, err) < 0)
		return -1;
	tally(c, changed);
	return 0;
}

/* ---- survey-answers ---- */

enum { A_SURVEY, A_PERIOD, A_RESPONDENT, A_QUESTION, A_REPLY, A_WEIGHT };
static const struct column_def ANSWER_COLS[] = {
	{ "survey", "调查|调查代码", 1 },
	{ "period", "期间|时期|报告期", 1 },
	{ "respondent", "被调查单位|填报单位|单位|单位代码", 1 },
	{ "question", "问题代码|指标", 1 },
	{ "reply", "回答|答案|判断", 1 },
	{ "weight", "权数|权重|规模", 0 },
};

static int answer_row(struct ictx *c, const char *const *cell, struct kfq_err *err)
{
	char source[300];
	struct ix_answer_row r = { cell[A_SURVEY], cell[A_PERIOD], cell[A_RESPONDENT],
	                           cell[A_QUESTION], cell[A_REPLY], cell[A_WEIGHT], source };
	int changed;
	snprintf(source, sizeof source, "%s:%zu", c->o->path, c->line);
	char key[400], when[40], what[400];
	if (ix_answer_put(c->db, &r, c->res->import_id, &changed, err) < 0)
		return -1;
	canon_when(cell[A_PERIOD], when, sizeof when);
	snprintf(key, sizeof key, "ixa\t%s\t%s\t%s\t%s", cell[A_SURVEY], cell[A_QUESTION], when,
	         cell[A_RESPONDENT]);
	snprintf(what, sizeof what, "the answer of \"%s\" to %s/%s for %s", cell[A_RESPONDENT],
	         cell[A_SURVEY], cell[A_QUESTION], cell[A_PERIOD]);
	if (row_once(c, key, what, err) < 0)
		return -1;
	tally(c, changed);
	return 0;
}

const struct kind_def INDEX_KINDS[] = {
	{ "index-categories", CAT_COLS, NCOLS(CAT_COLS), cat_row, 0, NULL, cat_after },
	{ "index-weights", WEIGHT_COLS, NCOLS(WEIGHT_COLS), weight_row, 0, NULL, weight_after },
	{ "index-items", ITEM_COLS, NCOLS(ITEM_COLS), item_row, 0, NULL, item_after },
	{ "price-quotes", QUOTE_COLS, NCOLS(QUOTE_COLS), quote_row, 0, NULL, published_note },
	{ "surveys", SURVEY_COLS, NCOLS(SURVEY_COLS), survey_row, 0, NULL, NULL },
	{ "survey-questions", QUESTION_COLS, NCOLS(QUESTION_COLS), question_row, 0, NULL, NULL },
	{ "survey-answers", ANSWER_COLS, NCOLS(ANSWER_COLS), answer_row, 0, NULL, published_note },
};
const size_t NINDEX_KINDS = NCOLS(INDEX_KINDS);
