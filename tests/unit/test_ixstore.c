/* test_ixstore.c: unit tests for the eyewear index's data (index/ixstore.c
 * through the import kinds of io/import_index.c): channel and reply names;
 * every row each kind refuses, with its line, column, value and what was
 * expected, and the field the puts name apart (err.field); values stored
 * exactly; a repeated import changes nothing; a change counted "changed"
 * and kept in history; the checks across rows
 * (weights adding up at every level, items in leaf categories only,
 * replacements in their item's category and channel, no parent cycles, a
 * month not both monthly and weekly); the note on quotes of published
 * months; a failed import writes nothing. The units: zone z, park p1,
 * enterprises e1 and e2, merchants m1 and m2. */
#include "testutil.h"
#include "testdb.h"

#include <stdio.h>
#include <stdlib.h>

#include "base/sbuf.h"
#include "index/ixstore.h"
#include "io/import.h"
#include "store/db.h"

#define ONE(x) ((dec)(x) * DEC_ONE)

struct fx {
	char path[TDB_PATH_MAX];
	struct kfq_db *db;
};

static const char UNITS[] =
	"code,name,kind,parent\n"
	"z,开发区,zone,\n"
	"p1,眼镜小镇,park,z\n"
	"e1,甲眼镜公司,enterprise,p1\n"
	"e2,乙眼镜公司,enterprise,p1\n"
	"m1,一号商户,merchant,p1\n"
	"m2,二号商户,merchant,p1\n";

/* frames (metal, plastic), lenses (resin, glass), sunglasses */
static const char CATS[] =
	"code,name,parent\n"
	"frames,镜架,\n"
	"frames_metal,金属镜架,frames\n"
	"frames_plastic,塑料镜架,frames\n"
	"lenses,镜片,\n"
	"lenses_resin,树脂镜片,lenses\n"
	"lenses_glass,玻璃镜片,lenses\n"
	"sunglasses,太阳镜,\n";

static const char ITEMS[] =
	"code,category,channel,reporter,brand,model,material,size,replaces,overlap\n"
	"f1,frames_metal,factory,e1,明月,M1,钛,52-18,,\n"
	"f2,frames_plastic,factory,e2,,,,,,\n"
	"w1,frames_metal,wholesale,m1,,,,,,\n"
	"l1,lenses_resin,online,m2,,,,,,\n";

static const char SURVEYS[] =
	"code,name,weight\n"
	"ent,企业景气调查,60\n"
	"mer,商户景气调查,40\n";

static const char QUESTIONS[] =
	"survey,code,name,inverted,weight\n"
	"ent,sales,销售额,0,50\n"
	"ent,inventory,库存,1,50\n"
	"mer,sales,销售额,no,100\n";

static const char *const COUNTED[] = {
	"ix_category", "ix_weight", "ix_item", "ix_quote", "ix_survey", "ix_question", "ix_answer",
	"history", NULL
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	if (!f)
		return -1;
	if (tdb_create(f->path, sizeof f->path, &f->db) != 0) {
		free(f);
		return -1;
	}
	tdb_load(f->db, "units", UNITS);
	tdb_load(f->db, "index-categories", CATS);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	tdb_destroy(f->db, f->path);
	free(f);
	return 0;
}

/* An import that must fail, writing nothing, with the message needle on
 * `line` (and nbad bad rows or problems). */
static void import_bad(struct kfq_db *db, const char *kind, const char *text, size_t nbad,
                       size_t line, const char *needle)
{
	struct tdb_counts before = tdb_counts_of(db, COUNTED), after;
	struct tdb_imp r;
	tdb_run_import(db, kind, text, 0, &r);
	if (r.rc == 0)
		fail_msg("import %s succeeded; expected \"%s\"", kind, needle);
	assert_int_equal(r.err.kind, KFQ_EUSER);
	if (r.res.bad_rows != nbad)
		fail_msg("%zu bad rows, expected %zu:\n%s", r.res.bad_rows, nbad,
		         r.res.messages ? r.res.messages : r.err.msg);
	tdb_assert_msg_line(&r, line, needle);
	tdb_imp_release(&r);
	after = tdb_counts_of(db, COUNTED);
	tdb_assert_counts_equal(&before, &after);
}

static void assert_sql_text(struct kfq_db *db, const char *sql, const char *want)
{
	struct kfq_stmt *st;
	const char *got;
	st = tdb_prepare(db, sql);
	assert_int_equal(st_step(st), ST_ROW);
	got = st_text(st, 0);
	if (!got || strcmp(got, want) != 0)
		fail_msg("%s:\n  got      \"%s\"\n  expected \"%s\"", sql, got ? got : "(null)", want);
	st_finalize(st);
}

/* ---- names ---- */

static void test_names(void **state)
{
	(void)state;
	assert_int_equal(ix_channel_parse("factory"), IX_FACTORY);
	assert_int_equal(ix_channel_parse("Wholesale"), IX_WHOLESALE);
	assert_int_equal(ix_channel_parse("online"), IX_ONLINE);
	assert_int_equal(ix_channel_parse("出厂"), IX_FACTORY);
	assert_int_equal(ix_channel_parse("批发市场"), IX_WHOLESALE);
	assert_int_equal(ix_channel_parse("批发"), IX_WHOLESALE);
	assert_int_equal(ix_channel_parse("网络零售"), IX_ONLINE);
	assert_int_equal(ix_channel_parse("网络"), IX_ONLINE);
	assert_int_equal(ix_channel_parse("retail"), -1);
	assert_int_equal(ix_channel_parse(""), -1);
	assert_int_equal(ix_channel_parse(NULL), -1);
	assert_null(IX_CHANNEL[IX_NCHANNEL]);
	assert_int_equal(ix_reply_parse("up"), IX_UP);
	assert_int_equal(ix_reply_parse("FLAT"), IX_FLAT);
	assert_int_equal(ix_reply_parse("down"), IX_DOWN);
	assert_int_equal(ix_reply_parse("none"), IX_NONE);
	assert_int_equal(ix_reply_parse("增长"), IX_UP);
	assert_int_equal(ix_reply_parse("不变"), IX_FLAT);
	assert_int_equal(ix_reply_parse("减少"), IX_DOWN);
	assert_int_equal(ix_reply_parse("未答"), IX_NONE);
	assert_int_equal(ix_reply_parse("空"), IX_NONE);
	assert_int_equal(ix_reply_parse("maybe"), -1);
	assert_int_equal(ix_reply_parse(""), -1);
}

/* ---- categories ---- */

static void test_categories(void **state)
{
	struct fx *f = *state;
	/* the same file again changes nothing */
	tdb_import_ok(f->db, "index-categories", CATS, 0, 0, 7);
	assert_int_equal(tdb_scalar(f->db, "SELECT seq FROM ix_category WHERE code = 'lenses'"), 4);
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM ix_category c JOIN ix_category p "
	                            "ON p.id = c.parent_id WHERE p.code = 'frames'"), 2);
	/* a new name and a move: changed, kept in history; Chinese headers */
	tdb_import_ok(f->db, "index-categories",
	              "分类代码,分类名称,上级分类\nsunglasses,太阳眼镜,\nlenses_glass,光学玻璃镜片,frames\n",
	              0, 2, 0);
	assert_sql_text(f->db, "SELECT p.code FROM ix_category c JOIN ix_category p ON "
	                "p.id = c.parent_id WHERE c.code = 'lenses_glass'", "frames");
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM history WHERE kind = "
	                            "'index-category'"), 2);
	assert_sql_text(f->db, "SELECT note FROM history WHERE kind = 'index-category' AND note LIKE "
	                "'%lenses_glass%'", "category lenses_glass: name: 玻璃镜片 → 光学玻璃镜片; "
	                "parent: lenses → frames");
	/* a new top-level category and its child in one file */
	tdb_import_ok(f->db, "index-categories", "code,name,parent\ncontact,隐形眼镜,\n"
	              "contact_soft,软性隐形眼镜,contact\n", 2, 0, 0);
}

static void test_categories_refused(void **state)
{
	struct fx *f = *state;
	import_bad(f->db, "index-categories", "code,name,parent\nx,某类,nowhere\n", 1, 2,
	           "column \"parent\": unknown category \"nowhere\" (expected a category imported "
	           "before or given on an earlier line)");
	/* a parent given on a later line is not known yet */
	import_bad(f->db, "index-categories", "code,name,parent\nkid,子类,mom\nmom,母类,\n", 1, 2,
	           "column \"parent\": unknown category \"mom\"");
	import_bad(f->db, "index-categories", "code,name,parent\nframes,镜架,frames\n", 1, 2,
	           "column \"parent\": \"frames\" is the category itself (expected another category");
	/* frames under its own child: a cycle */
	import_bad(f->db, "index-categories", "code,name,parent\nframes,镜架,frames_metal\n", 1, 2,
	           "column \"parent\": \"frames_metal\" lies below \"frames\" (expected a parent "
	           "outside the category's own branch: no cycles)");
	import_bad(f->db, "index-categories", "code,name,parent\n,无代码,\n", 1, 2,
	           "column \"code\": empty (expected a category code)");
	import_bad(f->db, "index-categories", "code,name,parent\nx,,\n", 1, 2,
	           "column \"name\": empty (expected the category's name)");
}

/* ---- weights ---- */

static const char WEIGHTS[] =
	"year,category,channel,weight\n"
	"2017,frames,factory,50\n"
	"2017,frames_metal,factory,30\n"
	"2017,frames_plastic,factory,20\n"
	"2017,lenses_resin,factory,12.5\n"
	"2017,sunglasses,online,7.25\n";

static void test_weights(void **state)
{
	struct fx *f = *state;
	tdb_import_ok(f->db, "index-weights", WEIGHTS, 5, 0, 0);
	tdb_import_ok(f->db, "index-weights", WEIGHTS, 0, 0, 5);
	/* exact: 12.5 and 7.25 in 1/10000 */
	assert_int_equal(tdb_scalar(f->db, "SELECT weight FROM ix_weight w JOIN ix_category c ON "
	                            "c.id = w.category_id WHERE c.code = 'lenses_resin'"), 125000);
	assert_int_equal(tdb_scalar(f->db, "SELECT weight FROM ix_weight w JOIN ix_category c ON "
	                            "c.id = w.category_id WHERE c.code = 'sunglasses'"), 72500);
	/* the import that wrote them is recorded */
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM ix_weight WHERE import_id IS NULL"),
	                 0);
	/* a change of a leaf and its parent together: changed, in history with old and new */
	tdb_import_ok(f->db, "index-weights", "年度,分类,渠道,权数\n2017,frames_metal,出厂,31\n"
	              "2017,frames,出厂,51\n", 0, 2, 0);
	assert_int_equal(tdb_scalar(f->db, "SELECT old_value FROM history WHERE kind = "
	                            "'index-weight' AND note LIKE '%frames_metal%'"), ONE(30));
	assert_int_equal(tdb_scalar(f->db, "SELECT new_value FROM history WHERE kind = "
	                            "'index-weight' AND note LIKE '%frames_metal%'"), ONE(31));
	assert_sql_text(f->db, "SELECT period FROM history WHERE kind = 'index-weight' LIMIT 1",
	                "2017");
	/* a measure in the header scales the weights: 0.003 万元 = 30 */
	tdb_import_ok(f->db, "index-weights", "year,category,channel,weight(万元)\n"
	              "2017,frames_metal,factory,0.0031\n2017,frames,factory,0.0051\n", 0, 0, 2);
	import_bad(f->db, "index-weights", "year,category,channel,weight(万元)\n"
	           "2017,frames_metal,factory,31\n", 1, 2, "category \"frames\", 2017, channel "
	           "factory: weight 51, but its sub-categories' weights add up to 310020");
	import_bad(f->db, "index-weights", "year,category,channel,weight(斤)\n"
	           "2017,frames_metal,factory,31\n", 1, 2, "column \"weight\": ");
	/* another year stands on its own */
	tdb_import_ok(f->db, "index-weights", "year,category,channel,weight\n2018,frames,factory,10\n"
	              "2018,frames_metal,factory,4\n2018,frames_plastic,factory,6\n", 3, 0, 0);
}

static void test_weights_refused(void **state)
{
	struct fx *f = *state;
	tdb_load(f->db, "index-weights", WEIGHTS);
	/* a child changed alone: the sum no longer holds; named at the child's line */
	import_bad(f->db, "index-weights", "year,category,channel,weight\n2017,frames_metal,factory,31\n",
	           1, 2, "category \"frames\", 2017, channel factory: weight 50, but its "
	           "sub-categories' weights add up to 51 (frames_metal 31, frames_plastic 20) "
	           "(expected the weight of a category to equal the sum of its sub-categories' "
	           "weights)");
	/* the parent's line when it is in the file */
	import_bad(f->db, "index-weights", "year,category,channel,weight\n2017,lenses_glass,factory,1\n"
	           "2017,lenses,factory,14\n", 1, 3, "category \"lenses\", 2017, channel factory: "
	           "weight 14, but its sub-categories' weights add up to 13.5 (lenses_resin 12.5, "
	           "lenses_glass 1)");
	/* an upper weight with none below */
	import_bad(f->db, "index-weights", "year,category,channel,weight\n2017,lenses,online,3\n", 1, 2,
	           "weight 3, but its sub-categories' weights add up to 0 (none given)");
	import_bad(f->db, "index-weights", "year,category,channel,weight\n2017,sunglasses,online,0\n",
	           1, 2, "column \"weight\": \"0\" is not positive (expected a sales value or share > 0)");
	import_bad(f->db, "index-weights", "year,category,channel,weight\n2017,sunglasses,online,-2\n",
	           1, 2, "column \"weight\": \"-2\" is not positive");
	import_bad(f->db, "index-weights", "year,category,channel,weight\n2017,sunglasses,online,abc\n",
	           1, 2, "column \"weight\": ");
	import_bad(f->db, "index-weights", "year,category,channel,weight\n2017,sunglasses,online,\n",
	           1, 2, "column \"weight\": empty (expected a sales value or share > 0)");
	import_bad(f->db, "index-weights", "year,category,channel,weight\n2017,sunglasses,retail,1\n",
	           1, 2, "column \"channel\": \"retail\" is not a channel (expected factory, "
	           "wholesale or online");
	import_bad(f->db, "index-weights", "year,category,channel,weight\n2017,hats,online,1\n", 1, 2,
	           "column \"category\": unknown category \"hats\" (expected a category of the index");
	import_bad(f->db, "index-weights", "year,category,channel,weight\n2017-03,sunglasses,online,1\n",
	           1, 2, "column \"year\": \"2017-03\" is not a year (expected 2017 or 2017年)");
	/* a category moved under frames breaks frames' sum: the categories import is refused */
	import_bad(f->db, "index-categories", "code,name,parent\nlenses_resin,树脂镜片,frames\n", 1, 2,
	           "category \"frames\", 2017, channel factory: weight 50, but its sub-categories' "
	           "weights add up to 62.5");
}

/* ---- items ---- */

static void test_items(void **state)
{
	struct fx *f = *state;
	tdb_import_ok(f->db, "index-items", ITEMS, 4, 0, 0);
	tdb_import_ok(f->db, "index-items", ITEMS, 0, 0, 4);
	assert_sql_text(f->db, "SELECT brand || '/' || model || '/' || material || '/' || size FROM "
	                "ix_item WHERE code = 'f1'", "明月/M1/钛/52-18");
	assert_int_equal(tdb_scalar(f->db, "SELECT brand IS NULL FROM ix_item WHERE code = 'f2'"), 1);
	/* a replacement with its overlap month; Chinese channel names */
	tdb_import_ok(f->db, "index-items", "code,category,channel,reporter,replaces,overlap\n"
	              "f1b,frames_metal,出厂,e1,f1,2017-06\n", 1, 0, 0);
	assert_int_equal(tdb_scalar(f->db, "SELECT overlap_year * 100 + overlap_month FROM ix_item "
	                            "WHERE code = 'f1b'"), 201706);
	assert_int_equal(tdb_scalar(f->db, "SELECT o.code = 'f1' FROM ix_item i JOIN ix_item o ON "
	                            "o.id = i.replaces_id WHERE i.code = 'f1b'"), 1);
	/* a changed reporter: changed, in history */
	tdb_import_ok(f->db, "index-items", "code,category,channel,reporter\n"
	              "w1,frames_metal,wholesale,m2\n", 0, 1, 0);
	assert_sql_text(f->db, "SELECT note FROM history WHERE kind = 'index-item'",
	                "item w1: reporter: m1 → m2");
}

static void test_items_refused(void **state)
{
	struct fx *f = *state;
	const char *h = "code,category,channel,reporter,replaces,overlap\n";
	char text[512];
	tdb_load(f->db, "index-items", ITEMS);
#define BAD(row, needle) do { \
	snprintf(text, sizeof text, "%s%s\n", h, row); \
	import_bad(f->db, "index-items", text, 1, 2, needle); \
} while (0)
	BAD("x,frames,factory,e1,,", "column \"category\": \"frames\" has sub-categories "
	    "(frames_metal, frames_plastic) (expected a leaf category");
	BAD("x,hats,factory,e1,,", "column \"category\": unknown category \"hats\"");
	BAD("x,sunglasses,retail,e1,,", "column \"channel\": \"retail\" is not a channel");
	BAD("x,sunglasses,factory,e9,,", "column \"reporter\": unknown unit \"e9\" (expected the "
	    "unit code of an enterprise or a market merchant");
	BAD("x,sunglasses,factory,p1,,", "column \"reporter\": \"p1\" is a unit of kind park "
	    "(expected an enterprise or a merchant)");
	BAD("x,sunglasses,factory,,,", "column \"reporter\": empty");
	BAD("x,frames_metal,wholesale,m1,f1,2017-06", "column \"replaces\": \"f1\" is priced in "
	    "category frames_metal, channel factory (expected a replacement in the same category "
	    "and channel: frames_metal, wholesale)");
	BAD("x,frames_plastic,factory,e1,f1,2017-06", "column \"replaces\": \"f1\" is priced in "
	    "category frames_metal, channel factory (expected a replacement in the same category");
	BAD("x,frames_metal,factory,e1,f1,", "column \"overlap\": empty (expected the month YYYY-MM "
	    "in which both \"x\" and \"f1\" are priced)");
	BAD("x,frames_metal,factory,e1,f1,2017", "column \"overlap\": \"2017\" is not a month");
	BAD("x,frames_metal,factory,e1,,2017-06", "column \"overlap\": \"2017-06\" without a "
	    "replaced item (expected it only with column replaces)");
	BAD("x,frames_metal,factory,e1,f9,2017-06", "column \"replaces\": unknown item \"f9\"");
	BAD("f1,frames_metal,factory,e1,f1,2017-06", "column \"replaces\": \"f1\" is the item itself");
#undef BAD
	/* one replacement an item; and no chain back to itself */
	tdb_load(f->db, "index-items", "code,category,channel,reporter,replaces,overlap\n"
	         "f1b,frames_metal,factory,e1,f1,2017-06\n");
	import_bad(f->db, "index-items", "code,category,channel,reporter,replaces,overlap\n"
	           "f1c,frames_metal,factory,e1,f1,2017-07\n", 1, 2,
	           "column \"replaces\": \"f1\" is already replaced by \"f1b\" (expected one "
	           "replacement an item)");
	import_bad(f->db, "index-items", "code,category,channel,reporter,replaces,overlap\n"
	           "f1,frames_metal,factory,e1,f1b,2017-07\n", 1, 2,
	           "column \"replaces\": \"f1b\" already follows \"f1\" in a chain of replacements");
	/* an item moved to another category than the item it replaced: named after the rows */
	import_bad(f->db, "index-items", "code,category,channel,reporter\n"
	           "f1,frames_plastic,factory,e1\n", 1, 2, "item \"f1b\" (category frames_metal, "
	           "channel factory) replaces \"f1\" (category frames_plastic, channel factory) "
	           "(expected a replacement in the same category and channel)");
	/* a category with items cannot get sub-categories */
	import_bad(f->db, "index-categories", "code,name,parent\nsun_polar,偏光太阳镜,sunglasses\n"
	           "metal_ti,钛架,frames_metal\n", 3, 3, "item \"f1\": its category \"frames_metal\" "
	           "has sub-categories (metal_ti) (expected items in leaf categories only)");
}

/* ---- quotes ---- */

static void test_quotes(void **state)
{
	struct fx *f = *state;
	static const char Q[] =
		"item,period,price(元),sales(万元)\n"
		"f1,2017-01,85.5,12\n"
		"f1,201702,86,\n"
		"w1,2017-01-06,120,\n"
		"w1,2017/1/13,118,\n"
		"l1,2017年1月,0.0001,0\n";
	tdb_load(f->db, "index-items", ITEMS);
	tdb_import_ok(f->db, "price-quotes", Q, 5, 0, 0);
	tdb_import_ok(f->db, "price-quotes", Q, 0, 0, 5);
	assert_int_equal(tdb_scalar(f->db, "SELECT price FROM ix_quote WHERE year = 2017 AND "
	                            "month = 1 AND day = 0 AND item_id = (SELECT id FROM ix_item "
	                            "WHERE code = 'f1')"), 855000);
	/* 12 万元 = 120 000 元 */
	assert_int_equal(tdb_scalar(f->db, "SELECT sales FROM ix_quote WHERE month = 1 AND day = 0 "
	                            "AND item_id = (SELECT id FROM ix_item WHERE code = 'f1')"),
	                 ONE(120000));
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM ix_quote WHERE sales IS NULL"), 3);
	assert_int_equal(tdb_scalar(f->db, "SELECT sum(day) FROM ix_quote WHERE item_id = (SELECT id "
	                            "FROM ix_item WHERE code = 'w1')"), 6 + 13);
	assert_int_equal(tdb_scalar(f->db, "SELECT price FROM ix_quote WHERE item_id = (SELECT id "
	                            "FROM ix_item WHERE code = 'l1')"), 1);
	/* a corrected price: changed, in history with the reporter, period, old and new price */
	tdb_import_ok(f->db, "price-quotes", "item,period,price\nf1,2017-02,87\nw1,2017-01-13,118\n",
	              0, 1, 1);
	assert_int_equal(tdb_scalar(f->db, "SELECT old_value FROM history WHERE kind = 'quote'"),
	                 ONE(86));
	assert_int_equal(tdb_scalar(f->db, "SELECT new_value FROM history WHERE kind = 'quote'"),
	                 ONE(87));
	assert_sql_text(f->db, "SELECT unit || ' ' || period || ' ' || note FROM history WHERE "
	                "kind = 'quote'", "e1 2017-02 item f1: price(元) 86 → 87");
	assert_int_equal(tdb_scalar(f->db, "SELECT source LIKE '%:2' FROM history WHERE kind = "
	                            "'quote'"), 1);
}

static void test_quotes_refused(void **state)
{
	struct fx *f = *state;
	tdb_load(f->db, "index-items", ITEMS);
	tdb_load(f->db, "price-quotes", "item,period,price\nf1,2017-01,85\nw1,2017-01-06,120\n");
	import_bad(f->db, "price-quotes", "item,period,price\nf1,2017-01-13,85\n", 1, 2,
	           "column \"period\": \"2017-01-13\": item f1 has a monthly price for 2017-01 "
	           "(expected either a monthly price or weekly quotes in a month, not both)");
	import_bad(f->db, "price-quotes", "item,period,price\nw1,2017-01,85\n", 1, 2,
	           "column \"period\": \"2017-01\": item w1 has weekly quotes for 2017-01");
	/* both in one file: the second line is named */
	import_bad(f->db, "price-quotes", "item,period,price\nf2,2017-03,40\nf2,2017-03-10,41\n", 1, 3,
	           "item f2 has a monthly price for 2017-03");
	import_bad(f->db, "price-quotes", "item,period,price\nf1,2017-02,0\n", 1, 2,
	           "column \"price\": \"0\" is not positive (expected a price > 0)");
	import_bad(f->db, "price-quotes", "item,period,price\nf1,2017-02,-5\n", 1, 2,
	           "column \"price\": \"-5\" is not positive");
	import_bad(f->db, "price-quotes", "item,period,price\nf1,2017-02,\n", 1, 2,
	           "column \"price\": empty (expected a price > 0)");
	import_bad(f->db, "price-quotes", "item,period,price\nf1,2017-02,八十\n", 1, 2,
	           "column \"price\": ");
	import_bad(f->db, "price-quotes", "item,period,price,sales\nf1,2017-02,8,-1\n", 1, 2,
	           "column \"sales\": \"-1\" is not zero or more");
	import_bad(f->db, "price-quotes", "item,period,price\nf1,2017Q1,8\n", 1, 2,
	           "column \"period\": \"2017Q1\" (expected a month 2017-03 for the month's price, "
	           "or a date 2017-03-08 for a weekly quote)");
	import_bad(f->db, "price-quotes", "item,period,price\nf1,2017-02-30,8\n", 1, 2,
	           "column \"period\": \"2017-02-30\"");
	import_bad(f->db, "price-quotes", "item,period,price\nzz,2017-02,8\n", 1, 2,
	           "column \"item\": unknown item \"zz\" (expected an item of the sample");
	import_bad(f->db, "price-quotes", "item,period,price(万美元)\nf1,2017-02,8\n", 1, 2,
	           "column \"price\": 万美元 is not a measure in 元");
}

static void test_quotes_published_month(void **state)
{
	struct fx *f = *state;
	struct tdb_imp r;
	struct kfq_err err = { 0 };
	tdb_load(f->db, "index-items", ITEMS);
	tdb_load(f->db, "price-quotes", "item,period,price\nf1,2017-01,85\nf1,2017-02,86\n");
	assert_int_equal(db_exec(f->db, "INSERT INTO ix_month(year, month, computed_at, settings, "
	                         "published_at) VALUES (2017, 2, 'x', 'x', 'y'), (2017, 3, 'x', 'x', "
	                         "NULL)", &err), 0);
	/* a quote of an unpublished month: nothing to say */
	tdb_run_import(f->db, "price-quotes", "item,period,price\nf1,2017-03,86\n", 0, &r);
	tdb_check_ok(&r, "price-quotes", 1, 0, 0);
	assert_null(r.res.note);
	tdb_imp_release(&r);
	/* a late quote and a correction in February, published: stored, and said */
	tdb_run_import(f->db, "price-quotes", "item,period,price\nf1,2017-02,88\nf2,2017-02,40\n"
	               "f1,2017-01,85\n", 0, &r);
	tdb_check_ok(&r, "price-quotes", 1, 1, 1);
	assert_non_null(r.res.note);
	assert_string_equal(r.res.note, "2 quotes fall in published months (2017-02): the index "
	                    "changes only with kfq index compute --revise");
	tdb_imp_release(&r);
	/* the same file again: nothing written, nothing to say */
	tdb_run_import(f->db, "price-quotes", "item,period,price\nf1,2017-02,88\n", 0, &r);
	tdb_check_ok(&r, "price-quotes", 0, 0, 1);
	assert_null(r.res.note);
	tdb_imp_release(&r);
}

/* ---- surveys ---- */

static void test_surveys(void **state)
{
	struct fx *f = *state;
	static const char A[] =
		"survey,period,respondent,question,reply,weight\n"
		"ent,2017-03,e1,sales,up,120\n"
		"ent,2017-03,e1,inventory,上升,120\n"
		"ent,2017-03,e2,sales,持平,\n"
		"ent,2017-03,e2,inventory,未答,0\n"
		"mer,2017年3月,m1,sales,减少,\n";
	tdb_import_ok(f->db, "surveys", SURVEYS, 2, 0, 0);
	tdb_import_ok(f->db, "survey-questions", QUESTIONS, 3, 0, 0);
	tdb_import_ok(f->db, "surveys", SURVEYS, 0, 0, 2);
	tdb_import_ok(f->db, "survey-questions", QUESTIONS, 0, 0, 3);
	assert_int_equal(tdb_scalar(f->db, "SELECT weight FROM ix_survey WHERE code = 'ent'"),
	                 ONE(60));
	assert_int_equal(tdb_scalar(f->db, "SELECT inverted * 10 + seq FROM ix_question WHERE "
	                            "survey = 'ent' AND code = 'inventory'"), 12);
	assert_int_equal(tdb_scalar(f->db, "SELECT inverted FROM ix_question WHERE survey = 'mer'"), 0);
	tdb_import_ok(f->db, "survey-answers", A, 5, 0, 0);
	tdb_import_ok(f->db, "survey-answers", A, 0, 0, 5);
	assert_sql_text(f->db, "SELECT group_concat(reply, ' ') FROM (SELECT reply FROM ix_answer "
	                "ORDER BY survey, unit_id, question) a", "up up none flat down");
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM ix_answer WHERE weight IS NULL"), 2);
	assert_int_equal(tdb_scalar(f->db, "SELECT weight FROM ix_answer WHERE question = 'inventory' "
	                            "AND reply = 'none'"), 0);
	/* a corrected answer: changed, in history */
	tdb_import_ok(f->db, "survey-answers", "survey,period,respondent,question,reply\n"
	              "ent,2017-03,e2,sales,down\n", 0, 1, 0);
	assert_sql_text(f->db, "SELECT unit || ' ' || period || ' ' || note FROM history WHERE "
	                "kind = 'answer'", "e2 2017-03 ent/sales: reply flat → down");
	/* changed survey weight and question inversion: changed, in history */
	tdb_import_ok(f->db, "surveys", "code,name,weight\nent,企业景气调查,70\n", 0, 1, 0);
	tdb_import_ok(f->db, "survey-questions", "调查,问题代码,问题名称,逆指标,权数\n"
	              "mer,sales,销售额,是,100\n", 0, 1, 0);
	assert_sql_text(f->db, "SELECT note FROM history WHERE kind = 'survey'",
	                "survey ent: weight: 60 → 70");
	assert_sql_text(f->db, "SELECT note FROM history WHERE kind = 'survey-question'",
	                "question mer/sales: inverted: 0 → 1");
}

static void test_surveys_refused(void **state)
{
	struct fx *f = *state;
	tdb_load(f->db, "surveys", SURVEYS);
	tdb_load(f->db, "survey-questions", QUESTIONS);
	import_bad(f->db, "surveys", "code,name,weight\nx,某调查,0\n", 1, 2,
	           "column \"weight\": \"0\" is not positive (expected the survey's weight in the "
	           "overall index, > 0)");
	import_bad(f->db, "survey-questions", "survey,code,name,inverted,weight\nzz,sales,销售,0,1\n",
	           1, 2, "column \"survey\": unknown survey \"zz\" (expected a survey imported before");
	import_bad(f->db, "survey-questions", "survey,code,name,inverted,weight\nent,x,某,maybe,1\n",
	           1, 2, "column \"inverted\": \"maybe\" (expected 1 or 0, yes or no, 是 or 否)");
	import_bad(f->db, "survey-questions", "survey,code,name,inverted,weight\nent,x,某,0,-1\n",
	           1, 2, "column \"weight\": \"-1\" is not positive");
#define A_BAD(row, needle) import_bad(f->db, "survey-answers", \
	"survey,period,respondent,question,reply,weight\n" row "\n", 1, 2, needle)
	A_BAD("ent,2017-03,e1,salez,up,", "column \"question\": unknown question \"salez\" of survey "
	      "\"ent\" (expected one of: sales, inventory)");
	A_BAD("ent,2017-03,e1,sales,maybe,", "column \"reply\": \"maybe\" (expected up, flat, down "
	      "or none");
	A_BAD("ent,2017-03,e1,sales,,", "column \"reply\": empty (expected up, flat, down or none");
	A_BAD("ent,2017-03,e9,sales,up,", "column \"respondent\": unknown unit \"e9\"");
	A_BAD("ent,2017-03,z,sales,up,", "column \"respondent\": \"z\" is a unit of kind zone");
	A_BAD("ent,2017,e1,sales,up,", "column \"period\": \"2017\" is not a month (expected "
	      "2017-03");
	A_BAD("ent,2017-03,e1,sales,up,-3", "column \"weight\": \"-3\" is not zero or more");
	A_BAD("xx,2017-03,e1,sales,up,", "column \"survey\": unknown survey \"xx\"");
#undef A_BAD
}

/* ---- the checks, called directly ---- */

struct seen {
	int n;
	char keys[512];
	char msg[2048];
};

static void collect(void *ctx, const char *keys, const struct kfq_err *problem)
{
	struct seen *s = ctx;
	if (s->n++ == 0) {
		snprintf(s->keys, sizeof s->keys, "%s", keys);
		snprintf(s->msg, sizeof s->msg, "%s", problem->msg);
	}
}

static void test_check_direct(void **state)
{
	struct fx *f = *state;
	struct kfq_err err = { 0 };
	struct seen s = { 0 };
	int changed = -1;
	struct ix_weight_row w = { "2017", "lenses", "factory", "10", 0 };
	struct ix_weight_row k = { "2017", "lenses_resin", "factory", "7", 0 };

	assert_int_equal(db_begin(f->db, tdb_ctx(), &err), 0);
	assert_int_equal(ix_weight_put(f->db, &w, 0, &changed, &err), 0);
	assert_int_equal(changed, 1);
	assert_int_equal(ix_weight_put(f->db, &k, 0, &changed, &err), 0);
	assert_int_equal(ix_weight_put(f->db, &k, 0, &changed, &err), 0);
	assert_int_equal(changed, 0);
	assert_int_equal(ix_check(f->db, IX_CHECK_ALL, collect, &s, &err), 1);
	assert_int_equal(s.n, 1);
	assert_string_equal(s.keys, "weight 2017 lenses factory\tweight 2017 lenses_resin factory"
	                    "\tcategory lenses_resin\tcategory lenses_glass\tcategory lenses");
	assert_err_has(&s, "weight 10, but its sub-categories' weights add up to 7 (lenses_resin 7)");
	/* the items check alone sees nothing */
	assert_int_equal(ix_check(f->db, IX_CHECK_ITEMS, collect, &s, &err), 0);
	db_rollback(f->db);
}

/* The puts name the field a refusal is about apart from its message
 * (err.field); the import puts it in front as column "x" (the messages
 * above). Called directly, in a transaction rolled back. */
static void test_refusals_name_field(void **state)
{
	struct fx *f = *state;
	struct kfq_err err = { 0 };
	struct tdb_counts before = tdb_counts_of(f->db, COUNTED), after;
	struct ix_weight_row w = { "2017", "lenses_resin", "retail", "7", 0 };
	struct ix_item_row it = { "f9", "frames_metal", "factory", "e1", NULL, NULL, NULL, NULL,
	                          "f9", "2017-03" };
	int changed = -1;

	assert_int_equal(db_begin(f->db, tdb_ctx(), &err), 0);
	/* channel "retail": the field, the value and the channels expected */
	assert_int_equal(ix_weight_put(f->db, &w, 0, &changed, &err), -1);
	assert_int_equal(err.kind, KFQ_EUSER);
	assert_string_equal(err.field, "channel");
	assert_string_equal(err.msg, "\"retail\" is not a channel (expected factory, wholesale or "
	                    "online; or 出厂, 批发市场 (批发), 网络零售 (网络))");
	/* a weight of 0: the field is the one the shared check was given */
	w.channel = "factory";
	w.weight = "0";
	assert_int_equal(ix_weight_put(f->db, &w, 0, &changed, &err), -1);
	assert_string_equal(err.field, "weight");
	assert_string_equal(err.msg, "\"0\" is not positive (expected a sales value or share > 0)");
	/* a weight the number parser refuses keeps the parser's words */
	w.weight = "七";
	assert_int_equal(ix_weight_put(f->db, &w, 0, &changed, &err), -1);
	assert_string_equal(err.field, "weight");
	assert_string_equal(err.msg, "not a number: \"七\" (expected digits such as 1234.5)");
	/* an item that replaces itself */
	assert_int_equal(ix_item_put(f->db, &it, &changed, &err), -1);
	assert_int_equal(err.kind, KFQ_EUSER);
	assert_string_equal(err.field, "replaces");
	assert_string_equal(err.msg, "\"f9\" is the item itself (expected the code of the item it "
	                    "replaces)");
	db_rollback(f->db);
	after = tdb_counts_of(f->db, COUNTED);
	tdb_assert_counts_equal(&before, &after);
}

/* A failed import of many kinds leaves every table as it was (also history). */
static void test_failed_import_changes_nothing(void **state)
{
	struct fx *f = *state;
	tdb_load(f->db, "index-items", ITEMS);
	tdb_load(f->db, "price-quotes", "item,period,price\nf1,2017-01,85\n");
	/* a good correction before a bad row: neither is written */
	import_bad(f->db, "price-quotes", "item,period,price\nf1,2017-01,90\nf1,2017-02,0\n", 1, 3,
	           "column \"price\"");
	assert_int_equal(tdb_scalar(f->db, "SELECT price FROM ix_quote"), ONE(85));
}

/* ---- faults ---- */

/* Every row of the tables the operations read or write, as text. */
static char *content(struct kfq_db *db)
{
	static const char *const tables[] = { "ix_category", "ix_weight", "ix_item", "ix_quote",
	                                      "ix_survey", "ix_question", "ix_answer", "ix_month",
	                                      "history", "import_log", "unit", "meta", NULL };
	return tdb_content(db, tables);
}


/* Import text of kind with a fault at operation n = 1, 2, ... until it gets
 * through: every failed attempt is a fault (never the user's error) and
 * leaves every table exactly as it was. Returns the attempts that failed. */
static long torture(struct kfq_db *db, const char *kind, const char *text)
{
	long n, failures = 0;
	for (n = 1; n < 5000; n += tdb_fault_stride()) {
		char *before = content(db), *after;
		struct tdb_imp r;
		db_inject_fault(db, n);
		tdb_run_import(db, kind, text, 0, &r);
		if (r.rc == 0) {
			tdb_assert_fault_pending(db, n, kind);
			db_inject_fault(db, 0);
			tdb_imp_release(&r);
			free(before);
			break;
		}
		db_inject_fault(db, 0);
		failures++;
		if (r.err.kind != KFQ_EFAULT)
			fail_msg("%s: a fault at operation %ld was told as the user's error: %s\n%s", kind,
			         n, r.err.msg, r.res.messages ? r.res.messages : "");
		if (!strstr(r.err.msg, "simulated fault"))
			fail_msg("%s: a fault at operation %ld was told as another fault: %s", kind, n,
			         r.err.msg);
		tdb_imp_release(&r);
		after = content(db);
		if (strcmp(before, after) != 0)
			fail_msg("%s: a fault at operation %ld changed the database:\nbefore:\n%s\n"
			         "after:\n%s", kind, n, before, after);
		free(before);
		free(after);
	}
	assert_true(n < 5000);
	return failures * tdb_fault_stride();   /* about the operations it took */
}

/* A renamed category, one moved (lenses_glass, without weights, under
 * frames, whose weight 50 stays the sum of its sub-categories': the new
 * parent's ancestors are walked for a cycle) and a new one; the checks after
 * the rows walk every inner category's weights (WEIGHTS). */
static void test_fault_categories(void **state)
{
	struct fx *f = *state;
	tdb_load(f->db, "index-weights", WEIGHTS);
	tdb_load(f->db, "index-items", ITEMS);
	assert_true(torture(f->db, "index-categories", "code,name,parent\n"
	                    "frames_metal,金属架,frames\nlenses_glass,玻璃镜片,frames\n"
	                    "cases,眼镜盒,\n") >= 10);
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM history WHERE kind = "
	                            "'index-category'"), 2);
}

/* Two weights changed (frames still 50), two added in a new channel. */
static void test_fault_weights(void **state)
{
	struct fx *f = *state;
	tdb_load(f->db, "index-weights", WEIGHTS);
	assert_true(torture(f->db, "index-weights", "year,category,channel,weight\n"
	                    "2017,frames_metal,factory,25\n2017,frames_plastic,factory,25\n"
	                    "2017,lenses,online,10\n2017,lenses_resin,online,10\n") >= 10);
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM history WHERE kind = "
	                            "'index-weight'"), 2);
}

/* A chain of replacements f0 ← f1 ← f2: f1 changes its model, f2 its
 * overlap (the chain is walked from f1 back to f0), a new item f4. */
static void test_fault_items(void **state)
{
	struct fx *f = *state;
	static const char HEAD[] =
		"code,category,channel,reporter,brand,model,material,size,replaces,overlap\n";
	char text[512];
	snprintf(text, sizeof text, "%sf0,frames_metal,factory,e1,,,,,,\n"
	         "f1,frames_metal,factory,e1,明月,M1,钛,52-18,f0,2017-02\n"
	         "f2,frames_metal,factory,e1,,,,,f1,2017-03\n", HEAD);
	tdb_load(f->db, "index-items", text);
	snprintf(text, sizeof text, "%sf1,frames_metal,factory,e1,明月,M9,钛,52-18,f0,2017-02\n"
	         "f2,frames_metal,factory,e1,,,,,f1,2017-04\n"
	         "f4,frames_plastic,factory,e2,,,,,,\n", HEAD);
	assert_true(torture(f->db, "index-items", text) >= 10);
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM history WHERE kind = "
	                            "'index-item'"), 2);
}

/* A corrected price and sales, a new monthly price, a new weekly quote;
 * January is published, so the import notes it. */
static void test_fault_quotes(void **state)
{
	struct fx *f = *state;
	struct kfq_err err = { 0 };
	tdb_load(f->db, "index-items", ITEMS);
	tdb_load(f->db, "price-quotes", "item,period,price\nf1,2017-01,85\nw1,2017-01-06,40\n");
	assert_int_equal(db_exec(f->db, "INSERT INTO ix_month(year, month, computed_at, settings, "
	                         "published_at) VALUES (2017, 1, 'x', 'x', 'y')", &err), 0);
	assert_true(torture(f->db, "price-quotes", "item,period,price,sales\nf1,2017-01,90,1000\n"
	                    "f1,2017-02,88,\nw1,2017-01-13,41,\n") >= 10);
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM history WHERE kind = 'quote'"), 1);
}

/* A survey's weight changed, a new survey. */
static void test_fault_surveys(void **state)
{
	struct fx *f = *state;
	tdb_load(f->db, "surveys", SURVEYS);
	assert_true(torture(f->db, "surveys", "code,name,weight\nmer,商户景气调查,50\n"
	                    "new,新调查,10\n") >= 5);
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM history WHERE kind = 'survey'"), 1);
}

/* A question renamed, a new one. */
static void test_fault_questions(void **state)
{
	struct fx *f = *state;
	tdb_load(f->db, "surveys", SURVEYS);
	tdb_load(f->db, "survey-questions", QUESTIONS);
	assert_true(torture(f->db, "survey-questions", "survey,code,name,inverted,weight\n"
	                    "ent,sales,营业收入,0,50\nmer,orders,订单,0,100\n") >= 5);
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM history WHERE kind = "
	                            "'survey-question'"), 1);
}

/* An answer changed, a new one; January is published. */
static void test_fault_answers(void **state)
{
	struct fx *f = *state;
	struct kfq_err err = { 0 };
	tdb_load(f->db, "surveys", SURVEYS);
	tdb_load(f->db, "survey-questions", QUESTIONS);
	tdb_load(f->db, "survey-answers", "survey,period,respondent,question,reply\n"
	         "ent,2017-01,e1,sales,up\n");
	assert_int_equal(db_exec(f->db, "INSERT INTO ix_month(year, month, computed_at, settings, "
	                         "published_at) VALUES (2017, 1, 'x', 'x', 'y')", &err), 0);
	assert_true(torture(f->db, "survey-answers", "survey,period,respondent,question,reply,weight\n"
	                    "ent,2017-01,e1,sales,down,\nent,2017-01,e2,inventory,flat,3\n") >= 5);
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM history WHERE kind = 'answer'"), 1);
}

/* --dry-run checks and reports, but writes nothing. */
static void test_dry_run(void **state)
{
	struct fx *f = *state;
	struct tdb_counts before = tdb_counts_of(f->db, COUNTED), after;
	struct tdb_imp r;
	tdb_run_import(f->db, "index-items", ITEMS, 1, &r);
	tdb_check_ok(&r, "index-items", 4, 0, 0);
	tdb_imp_release(&r);
	after = tdb_counts_of(f->db, COUNTED);
	tdb_assert_counts_equal(&before, &after);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		T(test_categories),
		T(test_categories_refused),
		T(test_weights),
		T(test_weights_refused),
		T(test_items),
		T(test_items_refused),
		T(test_quotes),
		T(test_quotes_refused),
		T(test_quotes_published_month),
		T(test_surveys),
		T(test_surveys_refused),
		T(test_check_direct),
		T(test_refusals_name_field),
		T(test_failed_import_changes_nothing),
		T(test_dry_run),
		T(test_fault_categories),
		T(test_fault_weights),
		T(test_fault_items),
		T(test_fault_quotes),
		T(test_fault_surveys),
		T(test_fault_questions),
		T(test_fault_answers),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
