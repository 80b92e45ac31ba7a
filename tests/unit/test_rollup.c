/* test_rollup.c: unit tests for stored roll-ups (calc/rollup.c) and the
 * lazy cubes that read them (calc/cube.c): every figure read from the
 * roll-ups equals the one computed from the observations, over a tree
 * with two top-level units, negative and very large values, means, maxima,
 * stock levels and an indicator with a scope; the layout of roll-ups
 * written before schema version 20 (1 062 bytes, keyed without the
 * parent) is read the same after the
 * upgrade; a damaged roll-up is a fault, never a wrong figure; a figure
 * reads its unit's and its siblings' rows, not the tree's; a parent with
 * nothing under it stores nothing. */
#include "testutil.h"
#include "testdb.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/period.h"
#include "base/sbuf.h"
#include "calc/cube.h"
#include "calc/figure.h"
#include "calc/rollup.h"
#include "model/model.h"
#include "store/db.h"

struct fx {
	char path[TDB_PATH_MAX];
	struct kfq_db *db;
};

/* Two top-level units (their roll-ups are siblings under parent 0), a
 * zone with a park that files its own value, and a deep branch. */
static const char UNITS[] =
	"code,name,kind,parent\n"
	"z,开发区,zone,\n"
	"w,新区,zone,\n"
	"p1,园区一,park,z\n"
	"p2,园区二,park,z\n"
	"p3,园区三,park,w\n"
	"e1,企业一,enterprise,p1\n"
	"e2,企业二,enterprise,p1\n"
	"e3,企业三,enterprise,p2\n"
	"e4,企业四,enterprise,p2\n"
	"e5,企业五,enterprise,p3\n"
	"g1,片区,park,p3\n"
	"e6,企业六,enterprise,g1\n";

static const char INDICATORS[] =
	"code,name_zh,measure,kind,agg,decimals,scope,formula\n"
	"sales,应税销售,万元,flow,sum,1,,\n"
	"staff,从业人员,人,stock,sum,0,,\n"
	"wage,平均工资,元,stock,mean,0,,\n"
	"peak,最高负荷,千瓦时,stock,max,0,,\n"
	"big,大数,元,flow,sum,0,,\n"
	"vadd,规上增加值,万元,flow,sum,0,above,\n";

/* The scope of vadd: e6 joins in 2017, e2 leaves (its values then count
 * in no total of 2017, but in 2016's comparable basis of 2017 neither). */
static const char GROUPS[] =
	"unit,group,year\n"
	"e1,above,2016\ne2,above,2016\ne3,above,2016\n"
	"e1,above,2017\ne3,above,2017\ne6,above,2017\n";

static const char *const INDS[] = { "sales", "staff", "wage", "peak", "big", "vadd" };
static const char *const CODES[] = { "z", "w", "p1", "p2", "p3", "g1", "e1", "e2", "e3", "e4",
	                             "e5", "e6" };
static const char *const PERIODS[] = { "2017-01", "2017-03", "2017-08", "2017Q2", "2017年1-8月",
	                               "2017-12", "2017" };

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	struct sbuf d;
	if (!f)
		return -1;
	if (tdb_create(f->path, sizeof f->path, &f->db) != 0) {
		free(f);
		return -1;
	}
	tdb_load(f->db, "units", UNITS);
	tdb_load(f->db, "indicators", INDICATORS);
	tdb_load(f->db, "groups", GROUPS);
	/* Months of 2016 and 2017 with values that go negative (a refund),
	 * big ones near the top of what fits, month values and year-to-date
	 * totals; p2 files its own sales; e4 stops in June. */
	sbuf_init(&d);
	sbuf_addf(&d, "unit,indicator,period,value\n");
	for (int y = 2016; y <= 2017; y++)
		for (int m = 1; m <= 12; m++) {
			for (int e = 1; e <= 6; e++) {
				long v = (long)(e * 1000 + m * 37 + (y - 2016) * 211);
				if (e == 5 && m % 4 == 0)
					v = -v;
				if (e == 4 && y == 2017 && m > 6)
					continue;
				if (e == 2)
					sbuf_addf(&d, "e2,sales,%d年1-%d月,%ld.%d\n", y, m,
					          (long)m * 2000 + y - 2016, m % 10);
				else
					sbuf_addf(&d, "e%d,sales,%d-%02d,%ld.%d\n", e, y, m, v, e);
				sbuf_addf(&d, "e%d,staff,%d-%02d,%d\n", e, y, m, 100 * e + m);
				sbuf_addf(&d, "e%d,wage,%d-%02d,%d\n", e, y, m, 5000 + 7 * e * m);
				sbuf_addf(&d, "e%d,peak,%d-%02d,%d\n", e, y, m, (e * 31 + m * 17) % 97);
				sbuf_addf(&d, "e%d,big,%d-%02d,%s%d00000000000\n", e, y, m,
				          e == 3 ? "-" : "", 7 + e + m);
				sbuf_addf(&d, "e%d,vadd,%d-%02d,%d\n", e, y, m, 300 * e + 11 * m + y - 2016);
			}
			sbuf_addf(&d, "p2,sales,%d-%02d,%d\n", y, m, 4242 + m);
		}
	tdb_load(f->db, "data", d.buf);
	sbuf_release(&d);
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

/* Every figure of every unit, indicator and period, read from the stored
 * roll-ups (whole = 0) or computed from the observations (whole = 1),
 * printed into out one per line. */
static void all_figures(struct kfq_db *db, int whole, struct sbuf *out)
{
	struct kfq_model m;
	struct figure_ctx fc;
	struct kfq_err err = { 0 };

	assert_int_equal(model_load(db, &m, &err), 0);
	figure_ctx_init(&fc, db, &m.units, &m.inds);
	fc.whole = whole;
	for (size_t i = 0; i < sizeof INDS / sizeof INDS[0]; i++)
		for (size_t p = 0; p < sizeof PERIODS / sizeof PERIODS[0]; p++)
			for (size_t u = 0; u < sizeof CODES / sizeof CODES[0]; u++) {
				struct period per;
				struct figure g;
				long ii = indicators_find(&m.inds, INDS[i]);
				long uu = units_find(&m.units, CODES[u]);
				assert_true(ii >= 0 && uu >= 0);
				assert_int_equal(period_parse(PERIODS[p], &per, &err), 0);
				if (figure_get(&fc, (size_t)ii, (size_t)uu, &per, &g, &err) != 0)
					fail_msg("%s %s %s: %s", INDS[i], CODES[u], PERIODS[p], err.msg);
				sbuf_addf(out, "%s %s %s has=%x v=%lld ytd=%lld prior=%lld pytd=%lld "
				          "g=%lld share=%lld rank=%d/%d cov=%u/%u/%u\n", INDS[i], CODES[u],
				          PERIODS[p], g.has, (long long)g.value, (long long)g.ytd,
				          (long long)g.prior, (long long)g.prior_ytd, (long long)g.growth,
				          (long long)g.share, g.rank, g.nsiblings, g.reported, g.expected,
				          g.ytd_reported);
			}
	figure_ctx_release(&fc);
	model_release(&m);
}

static void assert_same_figures(struct kfq_db *db)
{
	struct sbuf stored, computed;
	sbuf_init(&stored);
	sbuf_init(&computed);
	all_figures(db, 0, &stored);
	all_figures(db, 1, &computed);
	if (strcmp(stored.buf, computed.buf) != 0) {
		const char *a = stored.buf, *b = computed.buf;
		while (*a && *a == *b)
			a++, b++;
		while (a > stored.buf && a[-1] != '\n')
			a--, b--;
		fail_msg("from roll-ups:\n%.200s\nfrom observations:\n%.200s", a, b);
	}
	sbuf_release(&stored);
	sbuf_release(&computed);
}

static void test_stored_equals_computed(void **state)
{
	struct fx *f = *state;
	/* every key stored: 6 indicators × 2 years, and the scoped one's
	 * comparable basis of each next year */
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM rollup_state"), 14);
	/* the top-level units are siblings under parent 0 */
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM rollup WHERE parent_id = 0 AND "
	                 "ind_id = (SELECT id FROM indicator WHERE code = 'sales') AND year = 2017"),
	                 2);
	/* a zone's row fits in its page: well under SQLite's 1 002 bytes */
	assert_true(tdb_scalar(f->db, "SELECT max(length(spans)) FROM rollup") < 1000);
	assert_same_figures(f->db);
}

/* The layout of before version 20, as that kfq wrote it: a flag byte, a
 * 4-byte count and an 8-byte value per span, then 12 × 4 bytes. */
static void old_blob(const struct cube_spans *sp, unsigned char *b)
{
	for (int i = 0; i < CUBE_NSPANS; i++) {
		uint64_t v = (uint64_t)sp->v[i];
		b[i * 13] = sp->has[i];
		for (int k = 0; k < 4; k++)
			b[i * 13 + 1 + k] = (unsigned char)(sp->n[i] >> (8 * k));
		for (int k = 0; k < 8; k++)
			b[i * 13 + 5 + k] = (unsigned char)(v >> (8 * k));
	}
	for (int m = 0; m < 12; m++)
		for (int k = 0; k < 4; k++)
			b[CUBE_NSPANS * 13 + m * 4 + k] = (unsigned char)(sp->expected[m] >> (8 * k));
}

/* Every key's latest month is the largest last of its observations, and
 * rollup_latest_month answers it, also when a key does not know it (NULL:
 * stored before schema 22) and from the observations then. */
static void assert_latest(struct kfq_db *db)
{
	struct kfq_err err = { 0 };
	struct kfq_stmt *st;
	assert_int_equal(tdb_scalar(db, "SELECT count(*) FROM rollup_state s WHERE latest IS NULL OR "
	                            "latest <> coalesce((SELECT max(last) FROM obs o WHERE "
	                            "o.ind_id = s.ind_id AND o.year = s.year), 0)"), 0);
	st = tdb_prepare(db, "SELECT ind_id, year, max(last) FROM obs GROUP BY ind_id, year");
	while (st_step(st) == ST_ROW) {
		int month = 0;
		assert_int_equal(rollup_latest_month(db, st_i64(st, 0), st_int(st, 1), &month, &err), 1);
		assert_int_equal(month, st_int(st, 2));
	}
	st_finalize(st);
}

/* A checksum of every value of obs, its key, import, line and first import. */
#define OBS_SUM                                                                            \
	"SELECT sum(value % 1000003 * 7 + last * 131 + first * 17 + coalesce(line, 0) * 3 + " \
	"coalesce(import_id, 0) * 5 + coalesce(first_import, 0) * 11 + unit_id * 13 + "       \
	"ind_id * 19 + year) FROM obs"

/* A database of schema version 19 with its roll-ups in the old layout:
 * opened by this kfq, it is upgraded, and every figure is the same. */
static void test_version_19_rollups_upgrade(void **state)
{
	struct fx *f = *state;
	struct kfq_model m;
	struct kfq_err err = { 0 };
	struct sbuf before, after;
	sqlite3 *h;
	sqlite3_stmt *ins;
	enum { BLOB = CUBE_NSPANS * 13 + 48 };
	unsigned char blob[BLOB];
	int64_t nobs, sum;

	if (tdb_pg())
		skip();   /* a version-19 file made by hand with SQLite */
	sbuf_init(&before);
	all_figures(f->db, 1, &before);
	nobs = tdb_scalar(f->db, "SELECT count(*) FROM obs");
	sum = tdb_scalar(f->db, OBS_SUM);
	assert_true(tdb_scalar(f->db, "SELECT count(*) FROM obs WHERE first < last") > 0);
	/* the spans of every parent, computed as that kfq computed them */
	assert_int_equal(model_load(f->db, &m, &err), 0);
	assert_int_equal(sqlite3_open(f->path, &h), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h, "DROP TABLE rollup; DROP TABLE rollup_state;"
	                 "CREATE TABLE rollup_state(ind_id INTEGER NOT NULL REFERENCES indicator(id),"
	                 " year INTEGER NOT NULL, scope_year INTEGER NOT NULL,"
	                 " PRIMARY KEY (ind_id, year, scope_year)) WITHOUT ROWID;"
	                 "CREATE TABLE rollup(ind_id INTEGER NOT NULL REFERENCES indicator(id),"
	                 " year INTEGER NOT NULL, scope_year INTEGER NOT NULL,"
	                 " unit_id INTEGER NOT NULL REFERENCES unit(id), spans BLOB NOT NULL,"
	                 " PRIMARY KEY (ind_id, year, scope_year, unit_id)) WITHOUT ROWID;"
	                 /* and what migration 21 added */
	                 "DROP TRIGGER unit_model_ins; DROP TRIGGER unit_model_del;"
	                 "DROP TRIGGER unit_model_upd; DROP TRIGGER indicator_model_ins;"
	                 "DROP TRIGGER indicator_model_del; DROP TRIGGER indicator_model_upd;"
	                 "DROP TABLE model_version;"
	                 "PRAGMA user_version = 19;", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(h, "INSERT INTO rollup VALUES (?, ?, ?, ?, ?)", -1, &ins,
	                                    NULL), SQLITE_OK);
	for (size_t i = 0; i < m.inds.n; i++)
		for (int y = 2016; y <= 2017; y++) {
			struct cube *cb;
			struct cube_spans *sp = calloc(m.units.n, sizeof *sp);
			char sql[128];
			assert_non_null(sp);
			assert_int_equal(cube_build(f->db, &m.units, &m.inds.v[i], y, y, &cb, &err), 0);
			assert_int_equal(cube_all_spans(cb, sp), 0);
			for (size_t u = 0; u < m.units.n; u++) {
				if (!m.units.v[u].nchildren)
					continue;
				old_blob(&sp[u], blob);
				sqlite3_bind_int64(ins, 1, m.inds.v[i].id);
				sqlite3_bind_int(ins, 2, y);
				sqlite3_bind_int(ins, 3, y);
				sqlite3_bind_int64(ins, 4, m.units.v[u].id);
				sqlite3_bind_blob(ins, 5, blob, BLOB, SQLITE_STATIC);
				assert_int_equal(sqlite3_step(ins), SQLITE_DONE);
				sqlite3_reset(ins);
			}
			snprintf(sql, sizeof sql, "INSERT INTO rollup_state VALUES (%lld, %d, %d)",
			         (long long)m.inds.v[i].id, y, y);
			assert_int_equal(sqlite3_exec(h, sql, NULL, NULL, NULL), SQLITE_OK);
			cube_free(cb);
			free(sp);
		}
	sqlite3_finalize(ins);
	model_release(&m);
	/* and migration 23 undone (after the spans, which read its tables):
	 * the values one a row again */
	assert_int_equal(sqlite3_exec(h,
	                 "CREATE TABLE obs_v22(ind_id INTEGER NOT NULL REFERENCES indicator(id),"
	                 " year INTEGER NOT NULL, unit_id INTEGER NOT NULL REFERENCES unit(id),"
	                 " last INTEGER NOT NULL CHECK (last BETWEEN 1 AND 12),"
	                 " first INTEGER NOT NULL CHECK (first BETWEEN 1 AND last),"
	                 " value INTEGER NOT NULL, import_id INTEGER REFERENCES import_log(id),"
	                 " line INTEGER, first_import INTEGER,"
	                 " PRIMARY KEY (ind_id, year, unit_id, last, first)) WITHOUT ROWID;"
	                 "INSERT INTO obs_v22 SELECT * FROM obs;"
	                 "DROP VIEW obs; DROP TABLE obs_m; DROP TABLE obs_ytd; DROP TABLE month12;"
	                 "ALTER TABLE obs_v22 RENAME TO obs;"
	                 "CREATE INDEX obs_span ON obs(ind_id, year, unit_id) WHERE first <> last;",
	                 NULL, NULL, NULL), SQLITE_OK);
	db_close(f->db);
	f->db = NULL;
	sqlite3_close(h);

	assert_int_equal(db_open(&f->db, f->path, DB_EXISTING, &err), 0);
	assert_int_equal(db_schema_version(f->db), db_schema_latest());
	/* every row kept, now beside its siblings */
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM rollup WHERE length(spans) = 1062"),
	                 tdb_scalar(f->db, "SELECT count(*) FROM rollup"));
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM rollup r JOIN unit u ON "
	                 "u.id = r.unit_id WHERE r.parent_id = coalesce(u.parent_id, 0)"),
	                 tdb_scalar(f->db, "SELECT count(*) FROM rollup"));
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM rollup_state"), 12);
	assert_latest(f->db);   /* filled by migration 22 */
	/* every value kept by migration 23, with its import, line and first import */
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM obs"), nobs);
	assert_int_equal(tdb_scalar(f->db, OBS_SUM), sum);
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM obs_ytd"),
	                 tdb_scalar(f->db, "SELECT count(*) FROM obs WHERE first < last"));
	sbuf_init(&after);
	all_figures(f->db, 0, &after);
	assert_string_equal(after.buf, before.buf);
	sbuf_release(&after);
	sbuf_release(&before);
	/* a later import writes its keys in the new layout */
	tdb_load(f->db, "data", "unit,indicator,period,value\ne1,sales,2017-05,1\n");
	assert_true(tdb_scalar(f->db, "SELECT count(*) FROM rollup WHERE length(spans) < 1000 AND "
	                       "year = 2017 AND ind_id = (SELECT id FROM indicator WHERE "
	                       "code = 'sales')") > 0);
	assert_same_figures(f->db);
}

/* A roll-up cut short is a fault naming the unit, never a wrong figure. */
static void test_damaged_rollup_is_a_fault(void **state)
{
	struct fx *f = *state;
	struct kfq_model m;
	struct figure_ctx fc;
	struct kfq_err err = { 0 };
	struct period p;
	struct figure g;
	struct kfq_stmt *st;

	st = tdb_prepare(f->db, "UPDATE rollup SET spans = substr(spans, 1, length(spans) - 1) "
	                 "WHERE unit_id = (SELECT id FROM unit WHERE code = 'p1')");
	assert_int_equal(st_step(st), ST_DONE);
	st_finalize(st);
	assert_int_equal(model_load(f->db, &m, &err), 0);
	assert_int_equal(period_parse("2017-08", &p, &err), 0);
	figure_ctx_init(&fc, f->db, &m.units, &m.inds);
	assert_int_equal(figure_get(&fc, (size_t)indicators_find(&m.inds, "sales"),
	                            (size_t)units_find(&m.units, "p1"), &p, &g, &err), -1);
	assert_int_equal(err.kind, KFQ_EFAULT);
	assert_err_has(&err, "\"p1\"");
	assert_err_has(&err, "damaged");
	figure_ctx_release(&fc);
	model_release(&m);
}

/* A figure of a park reads its own and its siblings' rows only: with a
 * thousand other parks' rows damaged, p1's figures still come. */
static void test_reads_only_the_family(void **state)
{
	struct fx *f = *state;
	struct sbuf u, d;
	struct figure g;
	struct kfq_model m;
	struct figure_ctx fc;
	struct kfq_err err = { 0 };
	struct period p;
	struct kfq_stmt *st;

	sbuf_init(&u);
	sbuf_init(&d);
	sbuf_addf(&u, "code,name,kind,parent\nfar,远区,zone,\n");
	sbuf_addf(&d, "unit,indicator,period,value\n");
	for (int i = 0; i < 1000; i++) {
		sbuf_addf(&u, "fp%d,园%d,park,far\nfe%d,企%d,enterprise,fp%d\n", i, i, i, i, i);
		sbuf_addf(&d, "fe%d,sales,2017-08,%d\n", i, i + 1);
	}
	tdb_load(f->db, "units", u.buf);
	tdb_load(f->db, "data", d.buf);
	sbuf_release(&u);
	sbuf_release(&d);
	st = tdb_prepare(f->db, "UPDATE rollup SET spans = substr(spans, 1, length(spans) - 1) "
	                 "WHERE unit_id IN (SELECT id FROM unit WHERE code LIKE 'fp%')");
	assert_int_equal(st_step(st), ST_DONE);
	st_finalize(st);
	assert_int_equal(model_load(f->db, &m, &err), 0);
	assert_int_equal(period_parse("2017-08", &p, &err), 0);
	figure_ctx_init(&fc, f->db, &m.units, &m.inds);
	assert_int_equal(figure_get(&fc, (size_t)indicators_find(&m.inds, "sales"),
	                            (size_t)units_find(&m.units, "p1"), &p, &g, &err), 0);
	assert_true(g.has & FIG_VALUE);
	assert_int_equal(g.rank, 2);   /* p2's own 4 250 万元 is more */
	/* and a park of the far zone does read its damaged siblings */
	assert_int_equal(figure_get(&fc, (size_t)indicators_find(&m.inds, "sales"),
	                            (size_t)units_find(&m.units, "fp3"), &p, &g, &err), -1);
	assert_int_equal(err.kind, KFQ_EFAULT);
	figure_ctx_release(&fc);
	model_release(&m);
}

/* A thousand parents with a child each and no data cost their units' rows
 * and nothing more: no roll-up row, a few hundred bytes each. */
static void test_empty_parents_cost_little(void **state)
{
	struct fx *f = *state;
	struct sbuf u;
	int64_t rows = tdb_scalar(f->db, "SELECT count(*) FROM rollup"), before, after;

	if (tdb_pg())
		skip();   /* pages counted as SQLite keeps them */
	before = tdb_scalar(f->db, "PRAGMA page_count") * tdb_scalar(f->db, "PRAGMA page_size");
	sbuf_init(&u);
	sbuf_addf(&u, "code,name,kind,parent\n");
	for (int i = 0; i < 1000; i++)
		sbuf_addf(&u, "ep%d,空园%d,park,z\nee%d,空企%d,enterprise,ep%d\n", i, i, i, i, i);
	tdb_load(f->db, "units", u.buf);
	sbuf_release(&u);
	after = tdb_scalar(f->db, "PRAGMA page_count") * tdb_scalar(f->db, "PRAGMA page_size");
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM rollup"), rows);
	/* 2 000 units (rows of unit and history): under 1 KB a parent */
	if (after - before > 1000 * 1024)
		fail_msg("1 000 empty parents added %lld bytes", (long long)(after - before));
	assert_same_figures(f->db);
}

/* Every roll-up row (key, parent, unit, spans) as text, in key order, and
 * every key's state (its latest month). */
static char *rollup_rows(struct kfq_db *db)
{
	struct sbuf out;
	struct kfq_stmt *st = tdb_prepare(db, "SELECT ind_id, year, scope_year, parent_id, unit_id, "
	                                  "hex(spans) FROM rollup ORDER BY 1, 2, 3, 4, 5");
	sbuf_init(&out);
	while (st_step(st) == ST_ROW)
		sbuf_addf(&out, "%lld %lld %lld %lld %lld %s\n", (long long)st_i64(st, 0),
		          (long long)st_i64(st, 1), (long long)st_i64(st, 2), (long long)st_i64(st, 3),
		          (long long)st_i64(st, 4), st_text(st, 5));
	st_finalize(st);
	st = tdb_prepare(db, "SELECT ind_id, year, scope_year, latest FROM rollup_state "
	                 "ORDER BY 1, 2, 3");
	while (st_step(st) == ST_ROW)
		sbuf_addf(&out, "state %lld %lld %lld %lld\n", (long long)st_i64(st, 0),
		          (long long)st_i64(st, 1), (long long)st_i64(st, 2), (long long)st_i64(st, 3));
	st_finalize(st);
	return sbuf_detach(&out);
}


/* The roll-up rows as they are equal, byte for byte, those a rebuild of
 * every key from the stored values writes (after a unit is renamed). */
static void assert_rows_as_rebuilt(struct kfq_db *db)
{
	char *before = rollup_rows(db), *after;
	tdb_load(db, "units", "code,name,kind,parent\ne1,企业一（更名）,enterprise,p1\n");
	after = rollup_rows(db);
	assert_string_equal(before, after);
	free(before);
	free(after);
}

/* An import of new indicator-years for many units (more than an eighth of
 * the tree: each key built whole) has its roll-ups built from its rows in
 * memory, except an indicator-year it gives a year to date of; the rows
 * are those a rebuild from the stored values writes, byte for byte. */
static void test_new_years_from_memory(void **state)
{
	struct fx *f = *state;
	struct sbuf u, g, d;

	sbuf_init(&u);
	sbuf_init(&g);
	sbuf_init(&d);
	sbuf_addf(&u, "code,name,kind,parent\ny,三区,zone,\nyp1,园区甲,park,y\nyp2,园区乙,park,y\n");
	sbuf_addf(&g, "unit,group,year\n");
	sbuf_addf(&d, "unit,indicator,period,value\n");
	/* one indicator unit after unit (an indicator-year's rows one after
	 * another), then the others unit by unit */
	for (int e = 1; e <= 100; e++)
		for (int m = 1; m <= 12; m++)
			sbuf_addf(&d, "ye%d,peak,2018-%02d,%d\n", e, m, (e * 17 + m * 29) % 101);
	for (int e = 1; e <= 100; e++) {
		sbuf_addf(&u, "ye%d,企业%d,enterprise,yp%d\n", e, e, 1 + e % 2);
		if (e % 3 == 0)
			sbuf_addf(&g, "ye%d,above,2018\n", e);
		for (int m = 1; m <= 12; m++) {
			if (e % 7 == 0 && m > 8)
				continue;   /* stops filing in August */
			if (e % 5 != 0 || m % 2)   /* every other month missing */
				sbuf_addf(&d, "ye%d,sales,2018-%02d,%d.%d\n", e, m, e * 10 + m, m % 10);
			sbuf_addf(&d, "ye%d,staff,2018-%02d,%d\n", e, m, 50 + e + m);
			sbuf_addf(&d, "ye%d,wage,2018-%02d,%d\n", e, m, 4000 + 13 * e * m);
			sbuf_addf(&d, "ye%d,big,2018-%02d,%s%d000000000\n", e, m, e % 4 ? "" : "-",
			          e + m);
			sbuf_addf(&d, "ye%d,vadd,2018-%02d,%d\n", e, m, 200 * e + m);
		}
	}
	/* the old units too, and a year to date of one: sales read back */
	for (int e = 1; e <= 6; e++)
		sbuf_addf(&d, "e%d,staff,2018-01,%d\ne%d,vadd,2018-02,%d\n", e, e, e, 10 * e);
	sbuf_addf(&d, "e2,sales,2018年1-3月,33.3\ne1,sales,2018-01,1.5\n");
	tdb_load(f->db, "units", u.buf);
	tdb_load(f->db, "groups", g.buf);
	tdb_load(f->db, "data", d.buf);
	sbuf_release(&u);
	sbuf_release(&g);
	sbuf_release(&d);
	assert_true(tdb_scalar(f->db, "SELECT count(*) FROM rollup WHERE year = 2018") > 6 * 3);
	assert_latest(f->db);
	assert_rows_as_rebuilt(f->db);
	assert_same_figures(f->db);
}

/* An import that changes a few units' values builds again only the
 * parents above them; the rows are those a whole rebuild writes, byte for
 * byte, and every figure is the one computed from the records. */
static void test_partial_rebuild_equals_whole(void **state)
{
	struct fx *f = *state;
	static const char *const STEPS[] = {
		/* a leaf deep down (e6 under g1 under p3 under w), a stock and a mean */
		"e6,sales,2017-03,99.9\ne6,staff,2017-03,1\ne6,wage,2017-03,123456\n",
		/* a parent that files its own, and a leaf under it */
		"p2,sales,2017-05,1.5\ne3,sales,2017-05,-77.7\n",
		/* a first value of a year (a new row above it) and a max */
		"e1,sales,2015-06,10\ne4,peak,2017-11,1000\n",
		/* a year to date replaced, and one at the other top-level unit */
		"e2,sales,2017年1-8月,1.0\ne5,big,2016-02,-1\n",
		/* a later month of the year begun above: its latest month 6 -> 9 */
		"e6,sales,2015-09,2\n",
	};

	for (size_t i = 0; i < sizeof STEPS / sizeof STEPS[0]; i++) {
		struct sbuf d;
		sbuf_init(&d);
		sbuf_addf(&d, "unit,indicator,period,value\n%s", STEPS[i]);
		tdb_load(f->db, "data", d.buf);
		sbuf_release(&d);
		assert_same_figures(f->db);
		assert_latest(f->db);
	}
	assert_rows_as_rebuilt(f->db);
	/* a key that does not know its latest month: read from the values */
	{
		struct kfq_err err = { 0 };
		int month = 0;
		assert_int_equal(db_begin(f->db, tdb_ctx(), &err), 0);
		assert_int_equal(db_exec(f->db, "UPDATE rollup_state SET latest = NULL WHERE year = 2017",
		                         &err), 0);
		assert_int_equal(db_commit(f->db, &err), 0);
		assert_int_equal(rollup_latest_month(f->db, tdb_scalar(f->db, "SELECT id FROM indicator "
		                                     "WHERE code = 'peak'"), 2017, &month, &err), 1);
		assert_int_equal(month, tdb_scalar(f->db, "SELECT max(last) FROM obs WHERE year = 2017 "
		                                   "AND ind_id = (SELECT id FROM indicator WHERE "
		                                   "code = 'peak')"));
		assert_int_equal(rollup_latest_month(f->db, tdb_scalar(f->db, "SELECT id FROM indicator "
		                                     "WHERE code = 'peak'"), 2019, &month, &err), 0);
	}
}

/* A total that a later import would make too large, above the units it
 * changed: the import is refused. One that stops fitting when the tree
 * changes (not refused: the units are right, the values were): the key is
 * left unstored and the figure is refused. */
static void test_partial_rebuild_overflow(void **state)
{
	struct fx *f = *state;
	struct kfq_model m;
	struct figure_ctx fc;
	struct kfq_err err = { 0 };
	struct period p;
	struct figure g;

	/* big: e1 and e6 at nearly 2^63 / 2 in 1/10 000 元 each */
	tdb_load(f->db, "data", "unit,indicator,period,value\ne1,big,2018-01,460000000000000\n");
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM rollup_state WHERE year = 2018"), 1);
	tdb_load(f->db, "data", "unit,indicator,period,value\ne6,big,2018-01,460000000000000\n");
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM rollup_state WHERE year = 2018"), 1);
	tdb_load(f->db, "data", "unit,indicator,period,value\nw,big,2018-01,1\n");
	/* every total fits and the key stays stored; e5's value would make p3
	 * too big (w files its own, so w itself is not summed): the import is
	 * refused naming p3, nothing kept */
	{
		struct tdb_imp r;
		tdb_run_import(f->db, "data", "unit,indicator,period,value\n"
		               "e5,big,2018-01,470000000000000\n", 0, &r);
		assert_int_equal(r.rc, -1);
		assert_err_has(&r.err, "the total of unit \"p3\" in 2018 does not fit");
		tdb_imp_release(&r);
	}
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM rollup_state WHERE year = 2018"), 1);
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM obs WHERE year = 2018"), 3);
	/* filed while e5 stood under w (which files its own: not summed), then
	 * e5 moved back under p3 by a units file: the key no longer fits, is
	 * left unstored, and the figure is refused */
	tdb_load(f->db, "units", "code,name,kind,parent\ne5,企业五,enterprise,w\n");
	tdb_load(f->db, "data", "unit,indicator,period,value\ne5,big,2018-01,470000000000000\n");
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM rollup_state WHERE year = 2018"), 1);
	tdb_load(f->db, "units", "code,name,kind,parent\ne5,企业五,enterprise,p3\n");
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM rollup_state WHERE year = 2018"), 0);
	assert_int_equal(model_load(f->db, &m, &err), 0);
	assert_int_equal(period_parse("2018-01", &p, &err), 0);
	figure_ctx_init(&fc, f->db, &m.units, &m.inds);
	assert_int_equal(figure_get(&fc, (size_t)indicators_find(&m.inds, "big"),
	                            (size_t)units_find(&m.units, "p3"), &p, &g, &err), -1);
	assert_err_has(&err, "does not fit");
	figure_ctx_release(&fc);
	model_release(&m);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_stored_equals_computed),
		T(test_version_19_rollups_upgrade),
		T(test_damaged_rollup_is_a_fault),
		T(test_reads_only_the_family),
		T(test_empty_parents_cost_little),
		T(test_partial_rebuild_equals_whole),
		T(test_new_years_from_memory),
		T(test_partial_rebuild_overflow),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
