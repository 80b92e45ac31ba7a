/* test_template.c: unit tests for report templates (report/template.h,
 * tmpl_*.c) on a zone small enough to check by hand: zone z with parks p1
 * (e1) and p2 (e2), two headline indicators. The parser's refusals by
 * line; references resolved to the figures calc/figure gives; a figure
 * without a value written as a gap with a warning, never 0; a phrase that
 * flips when one growth rate falls below 8%; Markdown and HTML. Every
 * expectation is worked out in the comment beside it. */
#include "testutil.h"
#include "testdb.h"

#include <stdio.h>
#include <stdlib.h>

#include "base/xalloc.h"
#include "model/model.h"
#include "report/template.h"

struct fx {
	char path[TDB_PATH_MAX];
	struct kfq_db *db;
};

static const char UNITS[] =
	"code,name,kind,parent\n"
	"z,开发区,zone,\n"
	"p1,园区一,park,z\n"
	"p2,园区二,park,z\n"
	"e1,企业一,enterprise,p1\n"
	"e2,企业二,enterprise,p2\n";

static const char INDICATORS[] =
	"code,name_zh,measure,kind,agg,decimals,scope,formula,headline\n"
	"sales,应税销售,万元,flow,sum,1,,,1\n"
	"tax,税收,万元,flow,sum,1,,,2\n"
	"staff,从业人员,人,stock,sum,0,,,0\n";

/* January 2016 and 2017: sales of z 300 → 340 (+13.3%), tax 150 → 168
 * (+12.0%): both headline growth rates above 8. */
static const char DATA[] =
	"unit,indicator,period,value\n"
	"e1,sales,2016-01,100\n" "e1,sales,2017-01,110\n"
	"e2,sales,2016-01,200\n" "e2,sales,2017-01,230\n"
	"e1,tax,2016-01,50\n" "e1,tax,2017-01,56\n"
	"e2,tax,2016-01,100\n" "e2,tax,2017-01,112\n";

static const char TARGETS[] =
	"unit,indicator,year,value\n"
	"z,sales,2017,400\n";

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
	tdb_load(f->db, "indicators", INDICATORS);
	tdb_load(f->db, "data", DATA);
	tdb_load(f->db, "targets", TARGETS);
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

/* The template text rendered for z, 2017-01, as Markdown (a new string),
 * or NULL with err filled; *nwarn the warnings. */
static char *render(struct fx *f, const char *text, int html, size_t *nwarn, struct kfq_err *err)
{
	struct tmpl *t;
	struct kfq_model m;
	struct tmpl_opts o;
	struct tmpl_doc doc;
	char *buf = NULL;
	size_t len = 0;
	FILE *mem;
	if (tmpl_parse("t.tmpl", text, &t, err) < 0)
		return NULL;
	assert_int_equal(model_load(f->db, &m, err), 0);
	assert_int_equal(period_parse("2017-01", &o.period, err), 0);
	o.unit = (size_t)units_find(&m.units, "z");
	if (tmpl_eval(t, tdb_ctx(), f->db, &m, &o, &doc, err) == 0) {
		mem = open_memstream(&buf, &len);
		assert_non_null(mem);
		if (html)
			tmpl_write_html(&doc, mem);
		else
			tmpl_write_md(&doc, mem);
		fclose(mem);
		if (nwarn)
			*nwarn = doc.nwarn;
	}
	tmpl_doc_release(&doc);
	model_release(&m);
	tmpl_free(t);
	return buf;
}

static void expect(struct fx *f, const char *text, const char *want)
{
	struct kfq_err err = { 0 };
	char *got = render(f, text, 0, NULL, &err);
	if (!got)
		fail_msg("render: %s", err.msg);
	assert_string_equal(got, want);
	free(got);
}

static void expect_error(struct fx *f, const char *text, const char *needle)
{
	struct kfq_err err = { 0 };
	char *got = render(f, text, 0, NULL, &err);
	if (got)
		fail_msg("rendered \"%s\" instead of refusing with \"%s\"", got, needle);
	assert_int_equal(err.kind, KFQ_EUSER);
	assert_err_has(&err, needle);
}

/* ---- the parser: every refusal names its line ---- */

static void test_parse_errors_name_the_line(void **state)
{
	struct fx *f = *state;
	expect_error(f, "a\nb {{sales ytd\n", "t.tmpl:2: \"{{\" is not closed");
	expect_error(f, "a\n\n{{/if}}\n", "t.tmpl:3: {{/if}} without {{#if}}");
	expect_error(f, "{{else}}", "t.tmpl:1: {{else}} outside {{#if}}");
	expect_error(f, "x\n{{#if sales growth > 8}}\ny\n", "t.tmpl:2: {{#if}} is not closed");
	expect_error(f, "{{#if sales growth > 8}}a{{else}}b{{else}}c{{/if}}",
	             "t.tmpl:1: a second {{else}}");
	expect_error(f, "\n{{#each x}}", "t.tmpl:2: unknown block");
	expect_error(f, "{{gap x \"名称}}", "t.tmpl:1: a quote is not closed");
	expect_error(f, "{{ }}", "t.tmpl:1: an empty {{}}");
	expect_error(f, "{{#if}}{{/if}}", "t.tmpl:1: {{#if}} without a condition");
}

/* ---- references: unknown names refused with what was expected ---- */

static void test_unknown_names_refused(void **state)
{
	struct fx *f = *state;
	expect_error(f, "a\nb\n{{salez ytd}}", "t.tmpl:3: unknown indicator \"salez\" (expected "
	             "an indicator's code");
	expect_error(f, "{{sales ytdd}}", "t.tmpl:1: unknown word \"ytdd\" in the reference to "
	             "sales (expected a figure (value, ytd,");
	expect_error(f, "{{sales unit=p9}}", "t.tmpl:1: unknown unit \"p9\"");
	expect_error(f, "{{sales measure=斤}}", "t.tmpl:1: unknown measure \"斤\"");
	/* 万美元 is money in dollars: not a measure of 万元's family */
	expect_error(f, "{{sales 万美元}}", "t.tmpl:1: measure 万美元 does not fit sales ytd");
	expect_error(f, "{{sales growth 亿元}}", "measure 亿元 does not fit sales growth "
	             "(expected no measure: it is a percentage)");
	expect_error(f, "{{sales period=2017年13月}}", "t.tmpl:1: not a period");
	expect_error(f, "{{table pie}}", "t.tmpl:1: unknown table \"pie\" (expected bulletin,");
	expect_error(f, "{{table parks salez}}", "unknown indicator \"salez\"");
	expect_error(f, "{{#if sales growth >}}x{{/if}}", "t.tmpl:1: not a condition");
	expect_error(f, "{{#if sales growth > 8 and tax growth > 8 or sales ytd > 1}}x{{/if}}",
	             "and and or mixed");
	expect_error(f, "{{#if sales growth > eight}}x{{/if}}", "not a number: \"eight\"");
	expect_error(f, "{{gap x}}", "t.tmpl:1: gap needs a code and a name");
}

/* ---- values ---- */

static void test_figures(void **state)
{
	struct fx *f = *state;
	/* z: 110 + 230 = 340 万元 = 0.034 亿元 (4 decimals: 0.0340); growth
	 * 340 on 300 = +13.3%; p1: 110 on 100 = +10.0%; target 400, completion
	 * 340 / 400 = 85.0%; rank of p2 (230) among z's parks: 1; January
	 * 2016: 100 + 200 = 300, the same as the prior period's */
	expect(f, "{{sales ytd}} {{sales ytd 亿元 4}} {{sales growth}} {{sales p1 growth}} "
	       "{{sales target 0}} {{sales completion}} {{sales unit=p2 rank}}/{{sales p2 siblings}} "
	       "{{sales 2016-01 ytd}} {{sales prior}}",
	       "340.0 0.0340 13.3 10.0 400 85.0 1/2 300.0 300.0");
	expect(f, "{{unit}} {{period}} {{year}} {{month}}", "开发区 2017年1月 2017 1");
}

/* A figure without a value: a visible gap and a warning, never 0. */
static void test_missing_value_is_a_gap(void **state)
{
	struct fx *f = *state;
	struct kfq_err err = { 0 };
	size_t nw = 0;
	char *got = render(f, "员工{{staff value}}人。{{gap patents \"专利授权\"}}\n{{gaps}}", 0,
	                   &nw, &err);
	assert_non_null(got);
	assert_string_equal(got, "员工〔缺：无数据〕人。〔缺：专利授权〕\n- 专利授权（patents）\n");
	assert_int_equal(nw, 2);
	free(got);
	/* a condition on it is undecided: a gap, neither branch */
	got = render(f, "{{#if staff value > 0}}有{{else}}无{{/if}}", 0, &nw, &err);
	assert_string_equal(got, "〔缺：无法判断〕");
	assert_int_equal(nw, 1);
	free(got);
}

/* The seed's phrase comes from the data: both headline growth rates are
 * above 8 (13.3, 12.0); when e1's tax falls to 52, z's tax is 164 on 150
 * (+9.3) and still above 8; at 40 it is 152 on 150 (+1.3) and the phrase
 * changes. A control tag alone on its line leaves no blank line. */
static void test_phrase_flips_with_the_data(void **state)
{
	struct fx *f = *state;
	static const char T[] =
		"主要经济指标\n"
		"{{#if all headline growth > 8}}\n"
		"完成均超过去年,增幅在8%以上。\n"
		"{{else}}\n"
		"增幅有升有降。\n"
		"{{/if}}\n"
		"{{#if sales ytd > sales target}}超额完成全年目标任务{{else}}尚未完成全年目标{{/if}}";
	expect(f, T, "主要经济指标\n完成均超过去年,增幅在8%以上。\n尚未完成全年目标");
	tdb_load(f->db, "data", "unit,indicator,period,value\ne1,tax,2017-01,52\n");
	expect(f, T, "主要经济指标\n完成均超过去年,增幅在8%以上。\n尚未完成全年目标");
	tdb_load(f->db, "data", "unit,indicator,period,value\ne1,tax,2017-01,40\n"
	         "e2,sales,2017-01,300\n");
	/* sales 110 + 300 = 410 > the target 400 */
	expect(f, T, "主要经济指标\n增幅有升有降。\n超额完成全年目标任务");
	expect(f, "{{#if any headline growth < 2}}有指标低于2%{{/if}}", "有指标低于2%");
	/* has: staff has no value, sales has */
	expect(f, "{{#if has staff value}}a{{else}}b{{/if}}{{#if has sales ytd}}c{{/if}}", "bc");
}

static void test_tables_and_html(void **state)
{
	struct fx *f = *state;
	struct kfq_err err = { 0 };
	char *md = render(f, "# 简报\n\n{{table parks sales}}\n", 0, NULL, &err), *html;
	/* the parks ranked on sales: p2 (230) before p1 (110) */
	assert_non_null(md);
	assert_non_null(strstr(md, "| 园区二 | 230.0 |"));
	assert_true(strstr(md, "园区二") < strstr(md, "园区一"));
	free(md);
	html = render(f, "# 简报<x>\n\n销售{{sales ytd id=s}}万元，{{staff value}}。\n", 1, NULL, &err);
	assert_non_null(html);
	assert_non_null(strstr(html, "<title>简报&lt;x&gt;</title>"));
	assert_non_null(strstr(html, "<a class=\"fig\" href=\"#src-1\" id=\"s\" data-ref=\"sales ytd "
	                       "unit=z period=2017-01 measure=万元 decimals=1\""));
	assert_non_null(strstr(html, ">340.0</a>万元"));
	assert_non_null(strstr(html, "<mark class=\"gap\""));
	assert_non_null(strstr(html, "<li id=\"src-1\">"));
	assert_null(strstr(html, "<script"));
	free(html);
	/* a chart: January 340.0 beside 2016's 300.0; the parks p1 110.0, p2 230.0 */
	md = render(f, "{{chart trend sales}}\n", 0, NULL, &err);
	assert_non_null(md);
	assert_non_null(strstr(md, "开发区应税销售逐月（万元，2017年与2016年）"));
	assert_non_null(strstr(md, "| 1月 | 340.0 | 300.0 |"));
	free(md);
	html = render(f, "{{chart parks sales}}\n", 1, NULL, &err);
	assert_non_null(html);
	assert_non_null(strstr(html, "<title>园区二 230.0</title>"));
	assert_non_null(strstr(html, "<figcaption>各园区应税销售（2017年1月，万元）</figcaption>"));
	free(html);
	expect_error(f, "{{chart pie sales}}", "t.tmpl:1: unknown chart");
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_parse_errors_name_the_line),
		T(test_unknown_names_refused),
		T(test_figures),
		T(test_missing_value_is_a_gap),
		T(test_phrase_flips_with_the_data),
		T(test_tables_and_html),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
