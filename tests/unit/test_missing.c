/* test_missing.c: unit tests for who has not reported and who reported
 * late (report/missing.c, kfq missing): a value first filed after the
 * deadline (the end, in Beijing time, of day N of the next month; 10 by
 * default) is 迟报 with its filing time; a correction after the deadline of
 * a value filed on time does not make it late; nor does a re-import; the
 * first filing is kept on every write path (the bulk load of a fresh
 * indicator-year, a single insert, a value entered by hand); units that
 * never filed stay 未报. The tree: zone z, park p1 with e1 … e5; one
 * indicator, sales (万元). Runs on both engines (KFQ_TEST_PG). */
#include "testutil.h"
#include "testdb.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/entry.h"
#include "model/model.h"
#include "report/missing.h"

struct fx {
	char path[TDB_PATH_MAX];
	struct kfq_db *db;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	if (tdb_create(f->path, sizeof f->path, &f->db) < 0)
		return -1;
	tdb_load(f->db, "units", "code,name,kind,parent\nz,区,zone,\np1,园一,park,z\n"
	         "e1,企一,enterprise,p1\ne2,企二,enterprise,p1\ne3,企三,enterprise,p1\n"
	         "e4,企四,enterprise,p1\ne5,企五,enterprise,p1\n");
	tdb_load(f->db, "indicators", "code,name_zh,measure,kind,agg\n"
	         "sales,应税销售,万元,flow,sum\n");
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	tdb_clock_reset();
	tdb_destroy(f->db, f->path);
	free(f);
	return 0;
}

/* A data file imported at instant now (UTC). */
static void file_at(struct fx *f, const char *now, const char *rows)
{
	char text[1024];
	snprintf(text, sizeof text, "unit,indicator,period,value\n%s", rows);
	tdb_clock("2017-12-31", now);
	tdb_load(f->db, "data", text);
}

/* kfq missing --period P --deadline-day day --format csv, with the time
 * zone tz (minutes east; INT32_MIN: the default, Beijing) */
static char *missing_csv_at(struct fx *f, const char *unit, const char *period, int day, int tz)
{
	struct kfq_err err = { 0 };
	struct missing_opts o = { 0 };
	struct kfq_model m;
	struct grid g;
	size_t n, len;
	char *buf = NULL;
	FILE *out = open_memstream(&buf, &len);

	assert_int_equal(model_load(f->db, &m, &err), 0);
	assert_int_equal(period_parse(period, &o.period, &err), 0);
	o.unit = (size_t)units_find(&m.units, unit);
	o.deadline_day = day;
	if (tz != INT32_MIN) {
		o.tz_given = 1;
		o.tz_minutes = tz;
	}
	if (missing_build(f->db, &m, &o, &g, &n, &err) < 0)
		fail_msg("missing_build: %s", err.msg);
	grid_write(&g, GRID_CSV, out);
	fclose(out);
	grid_release(&g);
	model_release(&m);
	return buf;
}

static char *missing_csv(struct fx *f, const char *period, int day, int tz)
{
	return missing_csv_at(f, "z", period, day, tz);
}

static void expect(struct fx *f, const char *period, int day, int tz, const char *want)
{
	char *got = missing_csv(f, period, day, tz);
	assert_string_equal(got, want);
	free(got);
}

#define HEAD "unit,unit_name,parent,indicator,status,last_report,filed\n"

/* July filed by all five on 2017-08-05 (on time); August: e1 on 09-05,
 * e2 on 09-12 10:00 Beijing (late), e3 at 09-10 23:59:59 Beijing
 * (15:59:59Z, the deadline's last second: on time), e4 at 09-11 00:00:00
 * Beijing (16:00:00Z on the 10th: late), e5 never (未报). */
static void load_year(struct fx *f)
{
	file_at(f, "2017-08-05T01:00:00Z", "e1,sales,2017-07,10\ne2,sales,2017-07,10\n"
	        "e3,sales,2017-07,10\ne4,sales,2017-07,10\ne5,sales,2017-07,10\n");
	file_at(f, "2017-09-05T01:00:00Z", "e1,sales,2017-08,11\n");
	file_at(f, "2017-09-12T02:00:00Z", "e2,sales,2017-08,12\n");
	file_at(f, "2017-09-10T15:59:59Z", "e3,sales,2017-08,13\n");
	file_at(f, "2017-09-10T16:00:00Z", "e4,sales,2017-08,14\n");
}

static void test_late_filers(void **state)
{
	struct fx *f = *state;
	load_year(f);
	expect(f, "2017-08", 10, INT32_MIN, HEAD
	       "e2,企二,p1,sales,late,2017-08,2017-09-12T02:00:00Z\n"
	       "e4,企四,p1,sales,late,2017-08,2017-09-10T16:00:00Z\n"
	       "e5,企五,p1,sales,missing,2017-07,\n");
	/* the year to date 1-8月 is judged by August's filing too */
	expect(f, "2017年1-8月", 10, INT32_MIN, HEAD
	       "e2,企二,p1,sales,late,2017-08,2017-09-12T02:00:00Z\n"
	       "e4,企四,p1,sales,late,2017-08,2017-09-10T16:00:00Z\n"
	       "e5,企五,p1,sales,missing,2017-07,\n");
	/* July: everyone on time */
	expect(f, "2017-07", 10, INT32_MIN, HEAD);
	/* deadline the 12th: e2's 10:00 on the 12th is on time, e4 too */
	expect(f, "2017-08", 12, INT32_MIN, HEAD "e5,企五,p1,sales,missing,2017-07,\n");
	/* deadline the 5th: e1 (09-05 09:00 Beijing) on time, e3 late */
	expect(f, "2017-08", 5, INT32_MIN, HEAD
	       "e2,企二,p1,sales,late,2017-08,2017-09-12T02:00:00Z\n"
	       "e3,企三,p1,sales,late,2017-08,2017-09-10T15:59:59Z\n"
	       "e4,企四,p1,sales,late,2017-08,2017-09-10T16:00:00Z\n"
	       "e5,企五,p1,sales,missing,2017-07,\n");
	/* in UTC (KFQ_TZ=+00:00) e4's 16:00 on the 10th is on time */
	expect(f, "2017-08", 10, 0, HEAD
	       "e2,企二,p1,sales,late,2017-08,2017-09-12T02:00:00Z\n"
	       "e5,企五,p1,sales,missing,2017-07,\n");
}

/* A back-fill (kfq import --backfill: values reported before kfq kept
 * them, loaded months later) is never late, nor is a later correction of
 * its values; a value it did not hold, filed late afterwards, is. */
static void test_backfill_never_late(void **state)
{
	struct fx *f = *state;
	struct tdb_imp r;
	tdb_clock("2017-12-31", "2018-01-31T01:00:00Z");
	tdb_run_import(f->db, "data", "unit,indicator,period,value\ne1,sales,2017-07,10\n"
	               "e2,sales,2017-07,10\ne3,sales,2017-07,10\ne4,sales,2017-07,10\n"
	               "e1,sales,2017-08,11\ne2,sales,2017-08,12\ne3,sales,2017-08,13\n",
	               TDB_BACKFILL, &r);
	assert_int_equal(r.rc, 0);
	tdb_imp_release(&r);
	file_at(f, "2018-02-01T01:00:00Z", "e1,sales,2017-08,15\ne4,sales,2017-08,14\n");
	expect(f, "2017-08", 10, INT32_MIN, HEAD
	       "e4,企四,p1,sales,late,2017-08,2018-02-01T01:00:00Z\n");
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM import_log WHERE backfill = 1"), 1);
}

/* A correction after the deadline of a value filed on time, and the same
 * file again, leave it on time; a late one stays late when corrected. */
static void test_correction_not_late(void **state)
{
	struct fx *f = *state;
	int64_t first;
	load_year(f);
	first = tdb_scalar(f->db, "SELECT first_import FROM obs o JOIN unit u ON u.id = o.unit_id "
	                   "WHERE u.code = 'e1' AND o.last = 8");
	file_at(f, "2017-10-20T01:00:00Z", "e1,sales,2017-08,15\ne2,sales,2017-08,16\n");
	file_at(f, "2017-10-21T01:00:00Z", "e3,sales,2017-08,13\n");   /* unchanged */
	/* the correction is e1's last import, not its first */
	assert_int_equal(tdb_scalar(f->db, "SELECT first_import FROM obs o JOIN unit u ON "
	                            "u.id = o.unit_id WHERE u.code = 'e1' AND o.last = 8"), first);
	assert_true(tdb_scalar(f->db, "SELECT import_id FROM obs o JOIN unit u ON u.id = o.unit_id "
	                       "WHERE u.code = 'e1' AND o.last = 8") > first);
	expect(f, "2017-08", 10, INT32_MIN, HEAD
	       "e2,企二,p1,sales,late,2017-08,2017-09-12T02:00:00Z\n"
	       "e4,企四,p1,sales,late,2017-08,2017-09-10T16:00:00Z\n"
	       "e5,企五,p1,sales,missing,2017-07,\n");
}

/* Every write path keeps the first import: the bulk load of a fresh
 * indicator-year (2016 here: many values at once), a value added to a
 * year that has data, an update. A year to date filed late makes the
 * month late; a month filed on time beside a later year to date is on
 * time (the earliest filing of the month counts). */
static void test_every_path(void **state)
{
	struct fx *f = *state;
	char rows[1024] = "";
	for (int m = 1; m <= 12; m++)
		snprintf(rows + strlen(rows), sizeof rows - strlen(rows), "e1,sales,2016-%02d,1\n"
		         "e2,sales,2016-%02d,2\n", m, m);
	file_at(f, "2017-01-20T01:00:00Z", rows);   /* bulk: a fresh year */
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM obs WHERE year = 2016 AND "
	                            "(first_import IS NULL OR first_import <> import_id)"), 0);
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM obs WHERE year = 2016"), 24);
	/* December 2016 (deadline 2017-01-10) filed on 01-20: both late */
	expect(f, "2016-12", 10, INT32_MIN, HEAD
	       "e1,企一,p1,sales,late,2016-12,2017-01-20T01:00:00Z\n"
	       "e2,企二,p1,sales,late,2016-12,2017-01-20T01:00:00Z\n");
	/* the deadline day past the month's end: the last day of January */
	expect(f, "2016-12", 31, INT32_MIN, HEAD);
	expect(f, "2016-11", 31, INT32_MIN, HEAD
	       "e1,企一,p1,sales,late,2016-11,2017-01-20T01:00:00Z\n"
	       "e2,企二,p1,sales,late,2016-11,2017-01-20T01:00:00Z\n");
	/* 2017: e1 files 1-3月 as a total late, e2 March on time and then the
	 * total late too */
	file_at(f, "2017-03-02T01:00:00Z", "e1,sales,2017-01,1\ne2,sales,2017-01,1\n");
	file_at(f, "2017-04-09T01:00:00Z", "e2,sales,2017-03,1\n");
	file_at(f, "2017-04-15T01:00:00Z", "e1,sales,2017年1-3月,3\ne2,sales,2017年1-3月,3\n");
	expect(f, "2017-03", 10, INT32_MIN, HEAD
	       "e1,企一,p1,sales,late,2017-03,2017-04-15T01:00:00Z\n");
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM obs WHERE first_import IS NULL"),
	                 0);
}

/* A value entered by hand (the web's forms) has no import: its first
 * filing is the first history of its key; an import correcting it later
 * does not move it. */
static void test_entered_by_hand(void **state)
{
	struct fx *f = *state;
	struct kfq_err err = { 0 };
	struct entry_res res;
	struct entry_req q1 = { "e1", "sales", "2017-08", "11", NULL, NULL, "web", NULL, 0 };
	struct entry_req q2 = { "e2", "sales", "2017-08", "12", NULL, NULL, "web", NULL, 0 };

	file_at(f, "2017-08-05T01:00:00Z", "e1,sales,2017-07,10\ne2,sales,2017-07,10\n");
	tdb_clock("2017-09-08", "2017-09-08T03:00:00Z");
	assert_int_equal(entry_put(f->db, tdb_ctx(), &q1, &res, &err), 0);
	tdb_clock("2017-09-15", "2017-09-15T03:00:00Z");
	assert_int_equal(entry_put(f->db, tdb_ctx(), &q2, &res, &err), 0);
	file_at(f, "2017-09-20T01:00:00Z", "e1,sales,2017-08,20\n");
	expect(f, "2017-08", 10, INT32_MIN, HEAD
	       "e2,企二,p1,sales,late,2017-08,2017-09-15T03:00:00Z\n");
}

/* A park of less than an eighth of the tree is read unit by unit
 * (cube_build_under, obs_first_filed_of): its list is the zone's, read
 * with everything, cut to the park's units, in every case the list has
 * (late, 未报, none this year, a park filing its own, a value entered by
 * hand), for months and a year to date. */
static void test_subtree_equals_whole(void **state)
{
	static const char *const PERIODS[] = { "2017-07", "2017-08", "2017-09", "2017年1-8月",
	                                       "2017年1-9月" };
	struct fx *f = *state;
	struct kfq_err err = { 0 };
	struct entry_res res;
	struct entry_req q = { "e3", "sales", "2017-09", "9", NULL, NULL, "web", NULL, 0 };
	char units[4096] = "code,name,kind,parent\ne6,企六,enterprise,p1\np2,园二,park,z\n";
	char rows[4096] = "unit,indicator,period,value\n";
	int statuses = 0;

	for (int k = 1; k <= 60; k++) {
		snprintf(units + strlen(units), sizeof units - strlen(units),
		         "f%02d,他企%d,enterprise,p2\n", k, k);
		snprintf(rows + strlen(rows), sizeof rows - strlen(rows), "f%02d,sales,2017-%02d,%d\n",
		         k, 7 + k % 3, k);
	}
	tdb_load(f->db, "units", units);
	load_year(f);
	file_at(f, "2017-01-05T01:00:00Z", "e6,sales,2016-08,5\ne1,sales,2016-08,5\n");
	file_at(f, "2017-09-30T01:00:00Z", "p1,sales,2017-08,100\np1,sales,2017-09,90\n");
	tdb_clock("2017-12-31", "2017-10-09T01:00:00Z");
	tdb_load(f->db, "data", rows);
	tdb_clock("2017-10-15", "2017-10-15T03:00:00Z");
	assert_int_equal(entry_put(f->db, tdb_ctx(), &q, &res, &err), 0);
	for (size_t i = 0; i < sizeof PERIODS / sizeof PERIODS[0]; i++) {
		char *whole = missing_csv_at(f, "z", PERIODS[i], 10, INT32_MIN);
		char *part = missing_csv_at(f, "p1", PERIODS[i], 10, INT32_MIN);
		char cut[8192] = "";
		for (char *line = whole, *nl; *line; line = nl + 1) {
			nl = strchr(line, '\n');
			assert_non_null(nl);
			if (line == whole || ((line[0] == 'e' || line[0] == 'p') && line[1] == '1') ||
			    (line[0] == 'e' && line[2] == ','))
				snprintf(cut + strlen(cut), sizeof cut - strlen(cut), "%.*s",
				         (int)(nl - line + 1), line);
		}
		assert_string_equal(part, cut);
		statuses |= (strstr(part, ",late,") ? 1 : 0) | (strstr(part, ",missing,") ? 2 : 0) |
		            (strstr(part, ",none_this_year,") ? 4 : 0) | (strstr(part, "\np1,") ? 8 : 0);
		free(whole);
		free(part);
	}
	assert_int_equal(statuses, 15);   /* every kind of row compared at least once */
}

static void test_deadline_day_refused(void **state)
{
	struct fx *f = *state;
	struct kfq_err err = { 0 };
	struct missing_opts o = { 0 };
	struct kfq_model m;
	struct grid g;
	size_t n;
	assert_int_equal(model_load(f->db, &m, &err), 0);
	assert_int_equal(period_parse("2017-08", &o.period, &err), 0);
	o.deadline_day = 0;
	assert_int_equal(missing_build(f->db, &m, &o, &g, &n, &err), -1);
	assert_string_equal(err.field, "deadline_day");
	assert_string_equal(err.msg, "0 (expected a day of the month, 1 to 31: the deadline is the "
	                    "end of that day of the next month)");
	o.deadline_day = 32;
	assert_int_equal(missing_build(f->db, &m, &o, &g, &n, &err), -1);
	assert_err_has(&err, "32 (expected a day of the month, 1 to 31");
	model_release(&m);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_late_filers),
		T(test_correction_not_late),
		T(test_backfill_never_late),
		T(test_every_path),
		T(test_entered_by_hand),
		T(test_deadline_day_refused),
		T(test_subtree_equals_whole),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
