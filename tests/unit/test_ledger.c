/* test_ledger.c: unit tests for ledgers (ledger/ledger_def.c, ledger.c,
 * ledger_figures.c, and their import kind io/import_ledger.c): every
 * definition a file can be refused for, naming its line; the canonical
 * value of each field type and every value refused; rows imported all or
 * nothing, each bad row named by line and field; the figures equal to the
 * rows counted here independently (a different computation: the rows kept
 * in the test, compared as ISO date strings against the period's bounds,
 * against derive's month buckets and running sums), for units at every
 * level and periods of every kind, flows, stocks with an end date and a
 * ratio; a redefinition the rows do not fit refused with the reason, one
 * they fit taken; a change kept in history; the catalogue of the ledgers
 * defined with their rows (ledger_catalogue_read). The tree: zone z with parks p1
 * (e1, e2) and p2 (e3, e4). */
#include "testutil.h"
#include "testdb.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "base/period.h"
#include "base/sbuf.h"
#include "calc/figure.h"
#include "io/import.h"
#include "ledger/ledger.h"
#include "model/model.h"
#include "store/db.h"

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
	"e2,企业二,enterprise,p1\n"
	"e3,企业三,enterprise,p2\n"
	"e4,企业四,enterprise,p2\n";

static const char DEF[] =
	"# a test ledger\n"
	"ledger certs title=\"认定台账\"\n"
	"field ref text required title=编号\n"
	"field ent unit required title=企业\n"
	"field kind choice required choices=新认定|复审\n"
	"field amount number measure=万元\n"
	"field active yesno\n"
	"field since date required\n"
	"field until date\n"
	"key ref\n"
	"figure new_certs count date=since where.kind=新认定 measure=家\n"
	"figure cert_amount sum=amount date=since measure=万元 decimals=4\n"
	"figure standing count stock date=since until=until measure=家\n"
	"figure standing_amt sum=amount stock date=since until=until measure=万元 decimals=4\n"
	"ratio new_share num=new_certs den=standing scale=100 measure=% decimals=1\n";

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	if (!f || tdb_create(f->path, sizeof f->path, &f->db) < 0)
		return -1;
	tdb_clock("2017-12-31", "2017-12-31T08:00:00Z");
	*state = f;
	tdb_load(f->db, "units", UNITS);
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

static void write_text(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	assert_int_equal(fwrite(text, 1, strlen(text), fp), strlen(text));
	assert_int_equal(fclose(fp), 0);
}

/* Define the ledger in text: 0, or -1 with err. */
static int define(struct fx *f, const char *text, struct kfq_err *err)
{
	char path[64];
	struct define_result r;
	int rc;
	snprintf(path, sizeof path, "/tmp/kfq-test-ledger-%d.ledger", (int)getpid());
	write_text(path, text);
	rc = ledger_define(tdb_ctx(), f->db, path, &r, err);
	unlink(path);
	return rc;
}

/* Import rows (csv) into ledger name; res released by the caller. */
static int import_rows(struct fx *f, const char *name, const char *csv, struct import_result *res,
                       struct kfq_err *err)
{
	char path[64];
	int rc;
	snprintf(path, sizeof path, "/tmp/kfq-test-ledger-%d.csv", (int)getpid());
	write_text(path, csv);
	struct import_opts o = { "ledger", path, NULL, 0, 0, NULL, NULL, NULL, name, 0 };
	rc = import_run(tdb_ctx(), f->db, &o, res, err);
	unlink(path);
	return rc;
}

static long count_rows(struct kfq_db *db, const char *sql)
{
	struct kfq_stmt *st = tdb_prepare(db, sql);
	long n;
	assert_int_equal(st_step(st), ST_ROW);
	n = (long)st_i64(st, 0);
	st_finalize(st);
	return n;
}

/* ---- the definition ---- */

static void test_def_parses(void **state)
{
	struct ledger_def d;
	struct kfq_err err = { 0 };
	(void)state;
	assert_int_equal(ledger_def_parse("t.ledger", DEF, strlen(DEF), &d, &err), 0);
	assert_string_equal(d.name, "certs");
	assert_string_equal(d.title, "认定台账");
	assert_int_equal(d.nf, 7);
	assert_int_equal(d.f[2].type, LF_CHOICE);
	assert_int_equal(d.f[2].nchoices, 2);
	assert_string_equal(d.f[3].measure->name, "万元");
	assert_int_equal(d.nkey, 1);
	assert_int_equal(d.key[0], 0);
	assert_int_equal(d.nfig, 5);
	/* defaults: a count has 0 decimals, counts in the first unit field (ent) */
	assert_int_equal(d.fig[0].kind, LFIG_COUNT);
	assert_int_equal(d.fig[0].decimals, 0);
	assert_int_equal(d.fig[0].unit_field, 1);
	assert_int_equal(d.fig[0].nwhere, 1);
	assert_int_equal(d.fig[2].stock, 1);
	assert_int_equal(d.fig[2].until_field, 6);
	assert_int_equal(d.fig[4].kind, LFIG_RATIO);
	assert_string_equal(d.fig[4].num, "new_certs");
	ledger_def_release(&d);
}

/* Each definition, refused at the line and with the words given. */
static void test_def_refused_by_line(void **state)
{
	static const struct {
		const char *text, *want;
	} BAD[] = {
		{ "field a text\n", "t.ledger:1: the first statement must be \"ledger NAME" },
		{ "ledger 1x\n", "t.ledger:1: expected \"ledger NAME title=...\"" },
		{ "ledger a\nledger b\n", "t.ledger:2: a second \"ledger\" line" },
		{ "ledger a\nfield x blob\n", "t.ledger:2: field \"x\": unknown type \"blob\"" },
		{ "ledger a\nfield x text\nfield x date\n", "t.ledger:3: field \"x\" is already defined" },
		{ "ledger a\n\n# c\nfield n number\n", "t.ledger:4: number field \"n\" needs measure=" },
		{ "ledger a\nfield n number measure=斤\n", "t.ledger:2: field \"n\": unknown measure \"斤\"" },
		{ "ledger a\nfield c choice\n", "t.ledger:2: choice field \"c\" needs choices=" },
		{ "ledger a\nfield c choice choices=a||b\n", "t.ledger:2: choice field \"c\": an empty choice" },
		{ "ledger a\nfield t text measure=万元\n", "t.ledger:2: field \"t\": \"measure=万元\" is not" },
		{ "ledger a\nfield t text\nkey u\n", "t.ledger:3: key field \"u\" is not defined above" },
		{ "ledger a\nfield t text\nkey t\n", "t.ledger:3: key field \"t\" must be required" },
		{ "ledger a\nfield t text required\nkey t\nkey t\n", "t.ledger:4: a second \"key\" line" },
		{ "ledger a\nfield t text required\nkey t\nfigure f count measure=家\n",
		  "t.ledger:4: figure f needs date=FIELD" },
		{ "ledger a\nfield t text required\nfield d date\nkey t\nfigure f date=d measure=家\n",
		  "t.ledger:5: figure f: say what it is: count, or sum=FIELD" },
		{ "ledger a\nfield t text required\nfield d date\nkey t\nfigure f count date=d\n",
		  "t.ledger:5: figure f needs measure=" },
		{ "ledger a\nfield t text required\nfield d date\nkey t\nfigure f count date=t measure=家\n",
		  "t.ledger:5: figure f: date=t is a text field, not a date field" },
		{ "ledger a\nfield t text required\nfield d date\nkey t\nfigure f sum=t date=d measure=家\n",
		  "t.ledger:5: figure f: sum=t is a text field, not a number field" },
		{ "ledger a\nfield t text required\nfield d date\nfield n number measure=万元\nkey t\n"
		  "figure f sum=n date=d measure=家\n",
		  "t.ledger:6: figure f: measure 万元 cannot be converted to 家" },
		{ "ledger a\nfield t text required\nfield d date\nkey t\nfigure f count date=d measure=万元\n",
		  "t.ledger:5: figure f counts rows: measure 万元 is not a count" },
		{ "ledger a\nfield t text required\nfield d date\nkey t\nfigure f count date=d until=d "
		  "measure=家\n", "t.ledger:5: figure f: until= is for a stock figure" },
		{ "ledger a\nfield t text required\nfield d date\nkey t\nfigure f count date=d "
		  "where.x=1 measure=家\n", "t.ledger:5: figure f: where.x: \"x\" is not a field" },
		{ "ledger a\nfield t text required\nfield c choice choices=甲|乙\nfield d date\nkey t\n"
		  "figure f count date=d where.c=丙 measure=家\n",
		  "t.ledger:6: figure f: where.c: \"丙\" is not one of its choices (甲, 乙)" },
		{ "ledger a\nfield t text required\nfield d date\nkey t\nfigure f count date=d measure=家\n"
		  "figure f count date=d measure=家\n", "t.ledger:6: figure f is already defined" },
		{ "ledger a\nfield t text required\nfield d date\nkey t\nfigure f count date=d measure=家 "
		  "decimals=9\n", "t.ledger:5: figure f: decimals=\"9\": expected 0 to 6" },
		{ "ledger a\nfield t text required\nfield d date\nkey t\nfigure f count date=d measure=家 "
		  "colour=red\n", "t.ledger:5: figure f: \"colour=red\" is not something a figure takes" },
		{ "ledger a\nfield t text required\nfield d date\nkey t\nratio r num=f den=f measure=%\n",
		  "t.ledger:5: ratio r: num=f is not a count or sum figure defined above" },
		{ "ledger a\nfield t text required\nfield d date\nkey t\nfigure f count date=d measure=家\n"
		  "ratio r num=f measure=%\n", "t.ledger:6: ratio r needs num=CODE and den=CODE" },
		{ "ledger a\nfield t text required\nfield d date\nkey t\nfigure f count date=d measure=家\n"
		  "ratio r num=f den=f scale=-1 measure=%\n", "t.ledger:6: ratio r: scale=\"-1\"" },
		{ "ledger a\nfield t text title=\"unclosed\n", "t.ledger:2: a quote (\") is not closed" },
		{ "ledger a\nwhatever x\n", "t.ledger:2: unknown statement \"whatever\"" },
		{ "ledger a\n", "t.ledger: ledger a has no fields" },
		{ "ledger a\nfield t text\n", "t.ledger: ledger a has no \"key\" line" },
		{ "# nothing\n", "t.ledger: no \"ledger NAME\" line" },
		{ "ledger a\nfield t text title=\xff\n", "t.ledger: not UTF-8 text" },
	};
	(void)state;
	for (size_t i = 0; i < sizeof BAD / sizeof BAD[0]; i++) {
		struct ledger_def d;
		struct kfq_err err = { 0 };
		if (ledger_def_parse("t.ledger", BAD[i].text, strlen(BAD[i].text), &d, &err) == 0)
			fail_msg("accepted: %s", BAD[i].text);
		if (!strstr(err.msg, BAD[i].want))
			fail_msg("%s\n  got      %s\n  expected %s", BAD[i].text, err.msg, BAD[i].want);
		ledger_def_release(&d);
	}
}

/* Canonical values: a date as ISO, a number in the field's measure exactly
 * (from the header's measure when one is given), yes/no as 是/否. */
static void test_values(void **state)
{
	struct ledger_def d;
	struct kfq_err err = { 0 };
	char buf[64];
	(void)state;
	assert_int_equal(ledger_def_parse("t", DEF, strlen(DEF), &d, &err), 0);
	assert_int_equal(ledger_value(&d.f[5], "2017年3月5日", NULL, buf, sizeof buf, &err), 0);
	assert_string_equal(buf, "2017-03-05");
	assert_int_equal(ledger_value(&d.f[3], "1,234.50", NULL, buf, sizeof buf, &err), 0);
	assert_string_equal(buf, "1234.5");
	/* 1.5 亿元 = 15 000 万元; 12 345 元 = 1.2345 万元 */
	assert_int_equal(ledger_value(&d.f[3], "1.5", "亿元", buf, sizeof buf, &err), 0);
	assert_string_equal(buf, "15000");
	assert_int_equal(ledger_value(&d.f[3], "12345", "元", buf, sizeof buf, &err), 0);
	assert_string_equal(buf, "1.2345");
	assert_int_equal(ledger_value(&d.f[4], "yes", NULL, buf, sizeof buf, &err), 0);
	assert_string_equal(buf, "是");
	assert_int_equal(ledger_value(&d.f[4], "0", NULL, buf, sizeof buf, &err), 0);
	assert_string_equal(buf, "否");
	assert_int_equal(ledger_value(&d.f[4], "", NULL, buf, sizeof buf, &err), 0);
	assert_string_equal(buf, "");
	/* refusals, each naming the field apart */
	assert_int_equal(ledger_value(&d.f[5], "2017-02-30", NULL, buf, sizeof buf, &err), -1);
	assert_string_equal(err.field, "since");
	assert_int_equal(ledger_value(&d.f[5], "", NULL, buf, sizeof buf, &err), -1);
	assert_non_null(strstr(err.msg, "empty, but the ledger requires it"));
	assert_int_equal(ledger_value(&d.f[3], "12,3x", NULL, buf, sizeof buf, &err), -1);
	assert_string_equal(err.field, "amount");
	assert_int_equal(ledger_value(&d.f[3], "1", "美元", buf, sizeof buf, &err), -1);
	assert_non_null(strstr(err.msg, "cannot be converted"));
	assert_int_equal(ledger_value(&d.f[2], "新", NULL, buf, sizeof buf, &err), -1);
	assert_non_null(strstr(err.msg, "\"新\" is not one of its choices (新认定, 复审)"));
	assert_int_equal(ledger_value(&d.f[4], "maybe", NULL, buf, sizeof buf, &err), -1);
	assert_non_null(strstr(err.msg, "is not yes or no"));
	assert_int_equal(ledger_value(&d.f[0], "a\x1f" "b", NULL, buf, sizeof buf, &err), -1);
	assert_non_null(strstr(err.msg, "a control character"));
	ledger_def_release(&d);
}

/* ---- rows ---- */

/* A fresh import (the ledger holds no rows) puts its rows without a
 * look-up and lets the table's key catch a key given twice: every repeat
 * is still named with its first line, those after the first repeat too,
 * a bad row after them is named as well, and nothing is written. Then the
 * same file without its repeats goes in whole. */
static void test_fresh_keys_given_twice(void **state)
{
	struct fx *f = *state;
	struct import_result res;
	struct kfq_err err = { 0 };
	assert_int_equal(define(f, DEF, &err), 0);
	assert_int_equal(import_rows(f, "certs",
		"编号,企业,kind,amount,active,since,until\n"
		"r1,e1,新认定,10,是,2017-01-05,\n"
		"r2,e1,新认定,10,是,2017-01-05,\n"
		"r1,e2,复审,11,是,2017-02-05,\n"
		"r3,e2,新认定,12,是,2017-03-05,\n"
		"r2,e2,复审,13,是,2017-04-05,\n"
		"r3,e1,新认定,14,是,2017-05-05,\n"
		"r4,nowhere,新认定,15,是,2017-06-05,\n"
		"r4,e1,新认定,16,是,2017-07-05,\n", &res, &err), -1);
	assert_non_null(res.messages);
	assert_non_null(strstr(res.messages, ":4: this key is already given on line 2"));
	assert_non_null(strstr(res.messages, ":6: this key is already given on line 3"));
	assert_non_null(strstr(res.messages, ":7: this key is already given on line 5"));
	assert_non_null(strstr(res.messages, ":8: column \"ent\": unknown unit \"nowhere\""));
	assert_null(strstr(res.messages, ":9:"));   /* r4's first good row */
	assert_non_null(strstr(err.msg, "4 of 8 rows are bad; nothing was imported"));
	import_result_release(&res);
	assert_int_equal(count_rows(f->db, "SELECT count(*) FROM ledger_row"), 0);
	assert_int_equal(count_rows(f->db, "SELECT count(*) FROM obs"), 0);
	assert_int_equal(import_rows(f, "certs",
		"编号,企业,kind,amount,active,since,until\n"
		"r1,e1,新认定,10,是,2017-01-05,\n"
		"r2,e1,新认定,10,是,2017-01-05,\n"
		"r3,e2,新认定,12,是,2017-03-05,\n", &res, &err), 0);
	assert_int_equal(res.added, 3);
	import_result_release(&res);
	assert_int_equal(count_rows(f->db, "SELECT count(*) FROM ledger_row"), 3);
}

static void test_bad_rows_named(void **state)
{
	struct fx *f = *state;
	struct import_result res;
	struct kfq_err err = { 0 };
	assert_int_equal(define(f, DEF, &err), 0);
	assert_int_equal(import_rows(f, "certs",
		"编号,企业,kind,amount,active,since,until\n"
		"c1,e1,新认定,10,是,2017-01-05,\n"
		"c2,nowhere,新认定,10,是,2017-01-05,\n"
		"c3,e1,新,10,是,2017-01-05,\n"
		"c4,e1,复审,abc,是,2017-01-05,\n"
		"c5,e1,复审,1,也许,2017-01-05,\n"
		"c6,e1,复审,1,是,2017-13-05,\n"
		"c7,e1,复审,1,是,,\n"
		"c1,e2,复审,1,是,2017-01-06,\n"
		",e2,复审,1,是,2017-01-06,\n", &res, &err), -1);
	assert_non_null(res.messages);
	assert_non_null(strstr(res.messages, ":3: column \"ent\": unknown unit \"nowhere\""));
	assert_non_null(strstr(res.messages, ":4: column \"kind\": \"新\" is not one of its choices"));
	assert_non_null(strstr(res.messages, ":5: column \"amount\": "));
	assert_non_null(strstr(res.messages, ":6: column \"active\": \"也许\" is not yes or no"));
	assert_non_null(strstr(res.messages, ":7: column \"since\": "));
	assert_non_null(strstr(res.messages, ":8: column \"since\": empty, but the ledger requires"));
	assert_non_null(strstr(res.messages, ":9: this key is already given on line 2"));
	assert_non_null(strstr(res.messages, ":10: column \"ref\": empty"));
	assert_non_null(strstr(err.msg, "8 of 9 rows are bad; nothing was imported"));
	import_result_release(&res);
	/* all or nothing: not even the good row, and no figure */
	assert_int_equal(count_rows(f->db, "SELECT count(*) FROM ledger_row"), 0);
	assert_int_equal(count_rows(f->db, "SELECT count(*) FROM obs"), 0);
	/* a required column missing from the header is refused as a whole */
	assert_int_equal(import_rows(f, "certs", "ref,ent,kind\nc1,e1,复审\n", &res, &err), -1);
	assert_non_null(strstr(err.msg, "since"));
	import_result_release(&res);
	assert_int_equal(import_rows(f, "nosuch", "ref\nx\n", &res, &err), -1);
	assert_non_null(strstr(err.msg, "unknown ledger \"nosuch\""));
	import_result_release(&res);
}

/* A changed row keeps its old values in history; the same file again
 * changes nothing. */
static void test_history_and_unchanged(void **state)
{
	struct fx *f = *state;
	struct import_result res;
	struct kfq_err err = { 0 };
	static const char A[] = "ref,ent,kind,amount,since\nc1,e1,新认定,10,2017-01-05\n";
	static const char B[] = "ref,ent,kind,amount,since\nc1,e1,新认定,12.5,2017-01-05\n";
	assert_int_equal(define(f, DEF, &err), 0);
	assert_int_equal(import_rows(f, "certs", A, &res, &err), 0);
	assert_int_equal(res.added, 1);
	import_result_release(&res);
	assert_int_equal(import_rows(f, "certs", A, &res, &err), 0);
	assert_int_equal(res.unchanged, 1);
	import_result_release(&res);
	assert_int_equal(import_rows(f, "certs", B, &res, &err), 0);
	assert_int_equal(res.changed, 1);
	import_result_release(&res);
	assert_int_equal(count_rows(f->db, "SELECT count(*) FROM history WHERE kind = 'ledger' AND "
	                            "note LIKE '%row c1: amount: 10 → 12.5%' AND unit = 'e1'"), 1);
	/* ledger_add: a new row by hand, recorded with who added it */
	{
		const char *kv[] = { "ref=c2", "ent=e3", "kind=复审", "since=2017-02-01" };
		int changed;
		assert_int_equal(ledger_add(tdb_ctx(), f->db, "certs", kv, 4, &changed, &err), 0);
		assert_int_equal(changed, 1);
		assert_int_equal(count_rows(f->db, "SELECT count(*) FROM history WHERE note LIKE "
		                            "'%row c2: added%' AND who = 'tester'"), 1);
		const char *bad[] = { "ref=c3", "ent=e3", "colour=red" };
		assert_int_equal(ledger_add(tdb_ctx(), f->db, "certs", bad, 3, &changed, &err), -1);
		assert_non_null(strstr(err.msg, "ledger certs has no field \"colour\""));
	}
}

/* ---- the figures against an independent count ---- */

struct trow {
	char ref[16], ent[4], kind[16], amount[16], since[11], until[11];
	long cents;              /* amount in 1/100 万元 */
};

/* Whether unit code u lies in the subtree of `at` (z, p1, p2, or e*). */
static int within(const char *u, const char *at)
{
	if (strcmp(at, "z") == 0 || strcmp(u, at) == 0)
		return 1;
	if (strcmp(at, "p1") == 0)
		return strcmp(u, "e1") == 0 || strcmp(u, "e2") == 0;
	if (strcmp(at, "p2") == 0)
		return strcmp(u, "e3") == 0 || strcmp(u, "e4") == 0;
	return 0;
}

static dec fig_value(struct fx *f, const char *ind, const char *unit, const char *period,
                     int *has)
{
	struct kfq_model m;
	struct figure_ctx fc;
	struct figure out;
	struct period p;
	struct kfq_err err = { 0 };
	long i, u;
	assert_int_equal(period_parse(period, &p, &err), 0);
	assert_int_equal(model_load(f->db, &m, &err), 0);
	i = indicators_find(&m.inds, ind);
	u = units_find(&m.units, unit);
	assert_true(i >= 0 && u >= 0);
	figure_ctx_init(&fc, f->db, &m.units, &m.inds);
	if (figure_get(&fc, (size_t)i, (size_t)u, &p, &out, &err) != 0)
		fail_msg("figure_get(%s, %s, %s): %s", ind, unit, period, err.msg);
	figure_ctx_release(&fc);
	model_release(&m);
	*has = (out.has & FIG_VALUE) != 0;
	return out.value;
}

/* The figures against the rows counted here, for rows imported into the
 * empty ledger in one file (halves = 0: the figures from the rows the
 * import kept) or in two (halves = 1: the second import adds to stored
 * rows, and the figures come from every row read back). */
static void figures_equal_rows_counted(void **state, int halves)
{
	struct fx *f = *state;
	struct import_result res;
	struct kfq_err err = { 0 };
	struct sbuf csv;
	enum { N = 600 };
	struct trow *r = calloc(N, sizeof *r);
	static const char *const ENTS[] = { "e1", "e2", "e3", "e4" };
	static const char *const UNITS_AT[] = { "z", "p1", "p2", "e3" };
	static const struct { const char *text, *from, *to; } PERIODS[] = {
		{ "2017", "2017-01-01", "2017-12-31" }, { "2017-03", "2017-03-01", "2017-03-31" },
		{ "2017年1-8月", "2017-01-01", "2017-08-31" }, { "2017Q2", "2017-04-01", "2017-06-30" },
		{ "2016-12", "2016-12-01", "2016-12-31" },
	};
	uint64_t seed = 12345;

	assert_int_equal(define(f, DEF, &err), 0);
	sbuf_init(&csv);
	sbuf_adds(&csv, "ref,ent,kind,amount,since,until\n");
	for (int i = 0; i < N; i++) {
		int y, m, d, uy, um, ud;
		seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
		y = 2016 + (int)((seed >> 33) % 2);
		m = 1 + (int)((seed >> 40) % 12);
		d = 1 + (int)((seed >> 20) % 28);
		snprintf(r[i].ref, sizeof r[i].ref, "r%04d", i);
		snprintf(r[i].ent, sizeof r[i].ent, "%s", ENTS[(seed >> 50) % 4]);
		snprintf(r[i].kind, sizeof r[i].kind, "%s", (seed >> 45) % 3 ? "新认定" : "复审");
		r[i].cents = (long)((seed >> 10) % 100000);
		snprintf(r[i].amount, sizeof r[i].amount, "%ld.%02ld", r[i].cents / 100, r[i].cents % 100);
		snprintf(r[i].since, sizeof r[i].since, "%04d-%02d-%02d", y, m, d);
		r[i].until[0] = 0;
		if ((seed >> 30) % 4 == 0) {   /* a quarter of the rows end, some months later */
			uy = y + (m + 5 > 12);
			um = (m + 5 - 1) % 12 + 1;
			ud = 1 + (int)((seed >> 24) % 28);
			snprintf(r[i].until, sizeof r[i].until, "%04d-%02d-%02d", uy, um, ud);
		}
		sbuf_addf(&csv, "%s,%s,%s,%s,%s,%s\n", r[i].ref, r[i].ent, r[i].kind, r[i].amount,
		          r[i].since, r[i].until);
	}
	if (halves) {
		/* the header and the first half of the rows */
		const char *p = csv.buf;
		for (int nl = 0; nl < 1 + N / 2; p++)
			nl += *p == '\n';
		char *first = strndup(csv.buf, (size_t)(p - csv.buf));
		assert_int_equal(import_rows(f, "certs", first, &res, &err), 0);
		assert_int_equal(res.added, N / 2);
		import_result_release(&res);
		free(first);
	}
	assert_int_equal(import_rows(f, "certs", csv.buf, &res, &err), 0);
	assert_int_equal(res.added, halves ? N - N / 2 : N);
	assert_int_equal(res.unchanged, halves ? N / 2 : 0);
	import_result_release(&res);
	sbuf_release(&csv);

	for (size_t ui = 0; ui < sizeof UNITS_AT / sizeof UNITS_AT[0]; ui++)
		for (size_t pi = 0; pi < sizeof PERIODS / sizeof PERIODS[0]; pi++) {
			const char *from = PERIODS[pi].from, *to = PERIODS[pi].to;
			long n_new = 0, stand = 0, cents = 0, stand_cents = 0;
			char end_month[8];
			int has;
			dec v;
			/* a row stands at the end of the period's last month when it
			 * began by then and its until is in a later month */
			snprintf(end_month, sizeof end_month, "%.7s", to);
			for (int i = 0; i < N; i++) {
				if (!within(r[i].ent, UNITS_AT[ui]))
					continue;
				if (strcmp(r[i].since, from) >= 0 && strcmp(r[i].since, to) <= 0) {
					n_new += strcmp(r[i].kind, "新认定") == 0;
					cents += r[i].cents;
				}
				if (strcmp(r[i].since, to) <= 0 &&
				    (!r[i].until[0] || strncmp(r[i].until, end_month, 7) > 0)) {
					stand++;
					stand_cents += r[i].cents;
				}
			}
			v = fig_value(f, "new_certs", UNITS_AT[ui], PERIODS[pi].text, &has);
			if (v != (dec)n_new * DEC_ONE)
				fail_msg("new_certs %s %s: %lld, counted %ld", UNITS_AT[ui], PERIODS[pi].text,
				         (long long)v, n_new);
			/* 万元 → 元 × 10^4, stored × 10^4: a cent of 万元 is 100 元 */
			v = fig_value(f, "cert_amount", UNITS_AT[ui], PERIODS[pi].text, &has);
			assert_int_equal(v, (dec)cents * 100 * DEC_ONE);
			v = fig_value(f, "standing", UNITS_AT[ui], PERIODS[pi].text, &has);
			if (v != (dec)stand * DEC_ONE)
				fail_msg("standing %s %s: %lld, counted %ld", UNITS_AT[ui], PERIODS[pi].text,
				         (long long)v, stand);
			v = fig_value(f, "standing_amt", UNITS_AT[ui], PERIODS[pi].text, &has);
			assert_int_equal(v, (dec)stand_cents * 100 * DEC_ONE);
			/* the ratio: new ÷ standing × 100 at one decimal, 四舍五入 */
			v = fig_value(f, "new_share", UNITS_AT[ui], PERIODS[pi].text, &has);
			if (stand) {
				long tenths = (n_new * 2000 + stand) / (2 * stand);
				assert_true(has);
				assert_int_equal(v, (dec)tenths * DEC_ONE / 10);
			}
		}
	/* the same definition again: every row checked and kept, by its key */
	assert_int_equal(define(f, DEF, &err), 0);
	assert_int_equal(count_rows(f->db, "SELECT count(*) FROM ledger_row"), N);
	/* the rows behind one figure, read back with their total */
	{
		struct ledger_rows rows;
		struct ledger_query q = { NULL, "new_certs", "p2", { 2017, PERIOD_YEAR, 1, 12 }, NULL, 0 };
		long n = 0;
		for (int i = 0; i < N; i++)
			n += within(r[i].ent, "p2") && strncmp(r[i].since, "2017", 4) == 0 &&
			     strcmp(r[i].kind, "新认定") == 0;
		assert_int_equal(ledger_rows_read(f->db, &q, &rows, &err), 0);
		assert_int_equal(rows.nrows, n);
		assert_int_equal(rows.total, (dec)n * DEC_ONE);
		ledger_rows_release(&rows);
	}
	free(r);
}

static void test_figures_equal_rows_counted(void **state)
{
	figures_equal_rows_counted(state, 0);
}

static void test_figures_from_stored_rows(void **state)
{
	figures_equal_rows_counted(state, 1);
}

/* Rows counted in a unit and in one under it would lose the latter's
 * (a unit's own figure stands for its subtree): refused. */
static void test_rows_at_two_levels_refused(void **state)
{
	struct fx *f = *state;
	struct import_result res;
	struct kfq_err err = { 0 };
	assert_int_equal(define(f, DEF, &err), 0);
	assert_int_equal(import_rows(f, "certs", "ref,ent,kind,since\nc1,p1,复审,2017-01-05\n"
	                             "c2,e1,复审,2017-01-05\n", &res, &err), -1);
	assert_non_null(strstr(err.msg, "rows count in p1 and in e1 under it"));
	import_result_release(&res);
	assert_int_equal(count_rows(f->db, "SELECT count(*) FROM ledger_row"), 0);
}

/* ---- redefinition ---- */

static void test_redefine(void **state)
{
	struct fx *f = *state;
	struct import_result res;
	struct kfq_err err = { 0 };
	struct sbuf d2;
	assert_int_equal(define(f, DEF, &err), 0);
	assert_int_equal(import_rows(f, "certs", "ref,ent,kind,amount,active,since\n"
	                             "c1,e1,新认定,10,是,2017-01-05\nc2,e3,复审,,,2017-02-05\n", &res,
	                             &err), 0);
	import_result_release(&res);

	/* a field with values removed */
	sbuf_init(&d2);
	sbuf_adds(&d2, "ledger certs\nfield ref text required\nfield ent unit required\n"
	               "field kind choice required choices=新认定|复审\nfield since date required\n"
	               "key ref\n");
	assert_int_equal(define(f, d2.buf, &err), -1);
	assert_non_null(strstr(err.msg, "field \"amount\" would be removed, but row c1 holds a value "
	                       "in it (\"10\")"));
	/* a choice the rows use removed */
	sbuf_reset(&d2);
	sbuf_adds(&d2, "ledger certs\nfield ref text required\nfield ent unit required\n"
	               "field kind choice required choices=新认定\nfield amount number measure=万元\n"
	               "field active yesno\nfield since date required\nfield until date\nkey ref\n");
	assert_int_equal(define(f, d2.buf, &err), -1);
	assert_non_null(strstr(err.msg, "row c2 does not fit the new definition: field \"kind\": "
	                       "\"复审\" is not one of its choices"));
	/* a new required field the rows leave empty */
	sbuf_reset(&d2);
	sbuf_adds(&d2, DEF);
	sbuf_adds(&d2, "field note text required\n");
	assert_int_equal(define(f, d2.buf, &err), -1);
	assert_non_null(strstr(err.msg, "field \"note\": empty, but the ledger requires it"));
	/* a key under which two rows would be one */
	sbuf_reset(&d2);
	sbuf_adds(&d2, "ledger certs\nfield ref text required\nfield ent unit required\n"
	               "field kind choice required choices=新认定|复审\nfield amount number measure=万元\n"
	               "field active yesno\nfield since date required\nfield until date\nkey since\n");
	assert_int_equal(define(f, d2.buf, &err), 0);   /* distinct dates: taken */
	sbuf_reset(&d2);
	sbuf_adds(&d2, "ledger certs\nfield ref text required\nfield ent unit required\n"
	               "field kind choice required choices=新认定|复审\nfield amount number measure=万元\n"
	               "field active yesno\nfield since date required\nfield until date\n"
	               "field grp text required\nkey grp\n");
	assert_int_equal(define(f, d2.buf, &err), -1);   /* grp empty anyway */
	/* a figure a formula of another indicator uses cannot go */
	assert_int_equal(define(f, DEF, &err), 0);
	tdb_load(f->db, "indicators", "code,name_zh,measure,formula\nmine,我的,家,new_certs * 2\n");
	sbuf_reset(&d2);
	sbuf_adds(&d2, "ledger certs\nfield ref text required\nfield ent unit required\n"
	               "field kind choice required choices=新认定|复审\nfield amount number measure=万元\n"
	               "field active yesno\nfield since date required\nfield until date\nkey ref\n");
	assert_int_equal(define(f, d2.buf, &err), -1);
	assert_non_null(strstr(err.msg, "figure new_certs would be removed, but indicator mine's "
	                       "formula \"new_certs * 2\" uses it"));
	/* nothing changed by the refusals: both rows, the figure still there */
	assert_int_equal(count_rows(f->db, "SELECT count(*) FROM ledger_row"), 2);
	assert_int_equal(count_rows(f->db, "SELECT count(*) FROM ledger_figure"), 5);
	/* the fields in another order, a new optional one: taken, rows moved */
	sbuf_reset(&d2);
	sbuf_adds(&d2, "ledger certs\nfield note text\nfield since date required\nfield ref text "
	               "required\nfield ent unit required\nfield kind choice required "
	               "choices=新认定|复审\nfield amount number measure=万元\nfield active yesno\n"
	               "field until date\nkey ref\nfigure new_certs count date=since "
	               "where.kind=新认定 measure=家\n");
	assert_int_equal(define(f, d2.buf, &err), 0);
	assert_int_equal(count_rows(f->db, "SELECT count(*) FROM ledger_row WHERE vals LIKE "
	                            "'\x1f" "2017-01-05\x1f" "c1\x1f" "e1\x1f新认定\x1f" "10\x1f是\x1f'"), 1);
	assert_int_equal(count_rows(f->db, "SELECT count(*) FROM ledger_figure"), 1);
	/* the figure of another ledger, or an indicator with data, is not taken */
	tdb_load(f->db, "indicators", "code,name_zh,measure\nsales,销售,万元\n");
	tdb_load(f->db, "data", "unit,indicator,period,value\ne1,sales,2017-01,5\n");
	assert_int_equal(define(f, "ledger other\nfield t text required\nfield d date\nkey t\n"
	                           "figure new_certs count date=d measure=家\n", &err), -1);
	assert_non_null(strstr(err.msg, "figure new_certs is already ledger certs's"));
	assert_int_equal(define(f, "ledger other\nfield t text required\nfield d date\nkey t\n"
	                           "figure sales count date=d measure=家\n", &err), -1);
	assert_non_null(strstr(err.msg, "indicator sales already exists with data or targets"));
	sbuf_release(&d2);
}

/* The catalogue of ledgers: none at first; then each by name with its
 * definition and how many rows it holds. */
static void test_catalogue(void **state)
{
	struct fx *f = *state;
	struct ledger_catalogue c;
	struct import_result res;
	struct kfq_err err = { 0 };
	assert_int_equal(ledger_catalogue_read(f->db, &c, &err), 0);
	assert_int_equal(c.n, 0);
	ledger_catalogue_release(&c);
	assert_int_equal(define(f, DEF, &err), 0);
	assert_int_equal(define(f, "ledger acts title=\"活动台账\"\nfield t text required\nfield d date\n"
	                           "key t\nfigure acts_n count date=d measure=个\n", &err), 0);
	assert_int_equal(import_rows(f, "certs", "ref,ent,kind,since\nc1,e1,新认定,2017-01-05\n"
	                             "c2,e3,复审,2017-02-05\n", &res, &err), 0);
	import_result_release(&res);
	assert_int_equal(ledger_catalogue_read(f->db, &c, &err), 0);
	assert_int_equal(c.n, 2);
	assert_string_equal(c.v[0].def.name, "acts");
	assert_string_equal(c.v[0].def.title, "活动台账");
	assert_int_equal(c.v[0].rows, 0);
	assert_int_equal(c.v[0].def.nfig, 1);
	assert_string_equal(c.v[1].def.name, "certs");
	assert_int_equal(c.v[1].rows, 2);
	assert_int_equal(c.v[1].def.nf, 7);
	assert_string_equal(c.v[1].def.f[2].name, "kind");
	assert_int_equal(c.v[1].def.f[2].nchoices, 2);
	assert_int_equal(c.v[1].def.nfig, 5);
	assert_string_equal(c.v[1].def.fig[4].code, "new_share");
	ledger_catalogue_release(&c);
	assert_int_equal(c.n, 0);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_def_parses),
		cmocka_unit_test(test_def_refused_by_line),
		cmocka_unit_test(test_values),
		T(test_bad_rows_named),
		T(test_fresh_keys_given_twice),
		T(test_history_and_unchanged),
		T(test_figures_equal_rows_counted),
		T(test_figures_from_stored_rows),
		T(test_rows_at_two_levels_refused),
		T(test_redefine),
		T(test_catalogue),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
