/* test_bulletin_xlsx.c: the XLSX bulletin (report/bulletin.c's sheet,
 * report/xlsx_out.c's writer) written for a small zone and read back with
 * kfq's own XLSX reader (base/table.h): the merged title, the period, the
 * headings 指标名称 | 计量单位 | 本月 | 1-N月累计 | 同比增长% | 年度目标 |
 * 完成% | 序时进度%, a band row per unit, the figures as calc/figure gives
 * them, an empty cell for a figure without a value, the footnotes. Every
 * expectation is worked out in the comment beside it. */
#include "testutil.h"
#include "testdb.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "base/table.h"
#include "base/xalloc.h"
#include "model/model.h"
#include "report/bulletin.h"
#include "report/xlsx_out.h"

struct fx {
	char path[TDB_PATH_MAX];
	struct kfq_db *db;
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
	tdb_load(f->db, "units", "code,name,kind,parent\nz,开发区,zone,\np1,园区一,park,z\n"
	         "e1,企业一,enterprise,p1\n");
	tdb_load(f->db, "indicators", "code,name_zh,measure,kind,agg,decimals,scope,formula,headline\n"
	         "sales,应税销售,亿元,flow,sum,2,,,1\n"
	         "gdp,地区生产总值,亿元,flow,sum,2,,,2\n");
	/* e1's sales: 2016-01 and 02 1.00 亿元 each, 2017-01 1.10, 2017-02 1.20
	 * (万元 in the file); no gdp */
	tdb_load(f->db, "data", "unit,indicator,period,value(万元)\n"
	         "e1,sales,2016-01,10000\ne1,sales,2016-02,10000\n"
	         "e1,sales,2017-01,11000\ne1,sales,2017-02,12000\n");
	tdb_load(f->db, "targets", "unit,indicator,year,value(万元)\nz,sales,2017,120000\n");
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

struct rows {
	char *line[64];
	size_t n;
};

/* Each row read back as its cells joined by "|". */
static int keep_row(void *ctx, size_t line, size_t ncells, const char *const *cells,
                    struct kfq_err *err)
{
	struct rows *r = ctx;
	char buf[1024] = "";
	size_t len = 0;
	(void)line;
	(void)err;
	for (size_t c = 0; c < ncells && len < sizeof buf; c++)
		len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s", c ? "|" : "", cells[c]);
	if (r->n < 64)
		r->line[r->n++] = xstrdup(buf);
	return 0;
}

static void test_bulletin_workbook_read_back(void **state)
{
	struct fx *f = *state;
	struct kfq_err err = { 0 };
	struct kfq_model m;
	struct figure_ctx fc;
	struct bulletin_opts o = { 0 };
	struct bulletin_sheet s;
	struct xlsx_sheet xs;
	struct period p;
	struct rows r = { { 0 }, 0 };
	const char *notes[3];
	char path[] = "/tmp/kfq-bulletin-XXXXXX.xlsx";
	int fd = mkstemps(path, 5);

	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(model_load(f->db, &m, &err), 0);
	assert_int_equal(period_parse("2017年1-2月", &p, &err), 0);
	o.period = &p;
	o.unit = (size_t)units_find(&m.units, "z");
	o.children = 1;
	figure_ctx_init(&fc, f->db, &m.units, &m.inds);
	assert_int_equal(bulletin_sheet_build(&fc, &o, &s, &err), 0);
	for (size_t k = 0; k < s.nnotes; k++)
		notes[k] = s.notes[k];
	xs = (struct xlsx_sheet){ s.title, s.subtitle, &s.g, s.band, s.decimals, notes, s.nnotes, 0 };
	if (xlsx_write_sheet(&xs, path, "简报", 0644, &err) < 0)
		fail_msg("xlsx_write_sheet: %s", err.msg);
	assert_int_equal(table_each(path, "简报", keep_row, &r, &err), 0);
	/* title, period, headings, 开发区 + 2 indicators, 园区一 + 2, three notes */
	assert_int_equal(r.n, 12);
	assert_string_equal(r.line[0], "开发区主要经济指标完成情况");
	assert_string_equal(r.line[1], "2017年1-2月");
	assert_string_equal(r.line[2], "指标名称|计量单位|本月|1-2月累计|同比增长%|年度目标|完成%|序时进度%");
	assert_string_equal(r.line[3], "开发区");
	/* February 1.20; 1-2月 1.10 + 1.20 = 2.30 亿元 against 2.00: +15.0%;
	 * target 12.00, completion 2.30 / 12 = 19.17% → 19.2; 序时进度: the
	 * completion over the 2/12 of the year elapsed, (2.3/12) ÷ (2/12) =
	 * 1.15 → 115.0; read as the sheet shows them, each at its decimals */
	assert_string_equal(r.line[4], "应税销售|亿元|1.20|2.30|15.0|12.00|19.2|115.0");
	/* no gdp: its name and measure, empty cells (the reader drops them at the end of a row), never 0 */
	assert_string_equal(r.line[5], "地区生产总值|亿元");
	assert_string_equal(r.line[6], "园区一");
	/* p1 has no target of its own: no target, completion nor 序时进度 */
	assert_string_equal(r.line[7], "应税销售|亿元|1.20|2.30|15.0");
	assert_non_null(strstr(r.line[9], "注：1. 本月为2017年2月当月数"));
	assert_non_null(strstr(r.line[11], "3. 空格为本期无数据"));
	for (size_t k = 0; k < r.n; k++)
		free(r.line[k]);
	bulletin_sheet_release(&s);
	figure_ctx_release(&fc);
	model_release(&m);
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_bulletin_workbook_read_back, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
