/* test_ixcalc.c: unit tests for the index computation from the store
 * (index/ixcalc*.c). Small data inserted with SQL; every expected level is
 * worked out by hand in the comment beside it.
 *
 * The fixture: categories frames (镜架) → frames_metal, frames_plastic, and
 * lenses (镜片); 2017 weights frames_metal/factory 30, frames_plastic/
 * factory 20, lenses/factory 30, lenses/online 20. Prices (元), December
 * 2016 → January 2017:
 *   a1, a2 (metal, factory)  100 → 121, 100 → 100: Jevons √1.21 = 1.1
 *   b1 (plastic, factory)    50 → weekly 40 and 62.5: geometric mean 50, 1.0
 *   c1 (lenses, factory)     200 → 210: 1.05
 *   c2 (lenses, online)      80 → 76: 0.95
 * January: total (30×1.1 + 20×1 + 30×1.05 + 20×0.95) / 100 = 1.035 → 103.5;
 * factory 84.5 / 80 → 105.625; online 95; frames 53 / 50 → 106; lenses
 * 50.5 / 50 → 101 (a Lowe of the two categories, 50/50: 103.5 again).
 * Contributions: frames 50 × 0.06 = 3 pp, lenses 0.5 pp; factory 4.5 pp,
 * online −1 pp; the total 3.5 %. */
#include "testutil.h"
#include "testdb.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "index/ixcalc.h"
#include "index/ixcalc_run.h"

#define EPS 1e-9

struct fx {
	char path[256];
	struct kfq_db *db;
	struct kfq_err err;
};

static void sql(struct kfq_db *db, const char *s)
{
	struct kfq_err err;
	if (db_exec(db, s, &err) < 0)
		fail_msg("%s: %s", s, err.msg);
}

static void item(struct kfq_db *db, const char *code, const char *cat, const char *ch)
{
	struct kfq_stmt *st;
	struct kfq_err err;
	assert_int_equal(db_prepare(db, "INSERT INTO ix_item(code, category_id, channel, unit_id) "
	                            "SELECT ?1, (SELECT id FROM ix_category WHERE code = ?2), ?3, id "
	                            "FROM unit WHERE code = 'm1'", &st, &err), 0);
	st_bind_text(st, 1, code);
	st_bind_text(st, 2, cat);
	st_bind_text(st, 3, ch);
	assert_int_equal(st_step(st), ST_DONE);
	st_finalize(st);
}

/* A quote: day 0 the month's price; price in 元 (as a double, exact in dec). */
static void quote(struct kfq_db *db, const char *code, int y, int m, int d, double price)
{
	struct kfq_stmt *st;
	struct kfq_err err;
	assert_int_equal(db_prepare(db, "INSERT INTO ix_quote(item_id, year, month, day, price) "
	                            "SELECT id, ?2, ?3, ?4, ?5 FROM ix_item WHERE code = ?1 "
	                            "ON CONFLICT(item_id, year, month, day) DO UPDATE SET "
	                            "price = excluded.price", &st, &err), 0);
	st_bind_text(st, 1, code);
	st_bind_int(st, 2, y);
	st_bind_int(st, 3, m);
	st_bind_int(st, 4, d);
	st_bind_i64(st, 5, llround(price * 10000));
	assert_int_equal(st_step(st), ST_DONE);
	assert_int_equal(st_changes(st), 1);
	st_finalize(st);
}

static void weight(struct kfq_db *db, int y, const char *cat, const char *ch, int w)
{
	struct kfq_stmt *st;
	struct kfq_err err;
	assert_int_equal(db_prepare(db, "INSERT INTO ix_weight(year, category_id, channel, weight) "
	                            "SELECT ?1, id, ?3, ?4 FROM ix_category WHERE code = ?2 "
	                            "ON CONFLICT(year, category_id, channel) DO UPDATE SET "
	                            "weight = excluded.weight", &st, &err), 0);
	st_bind_int(st, 1, y);
	st_bind_text(st, 2, cat);
	st_bind_text(st, 3, ch);
	st_bind_i64(st, 4, (int64_t)w * 10000);
	assert_int_equal(st_step(st), ST_DONE);
	st_finalize(st);
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	if (!f || tdb_create(f->path, sizeof f->path, &f->db) != 0)
		return -1;
	tdb_clock(NULL, "2018-02-10T08:00:00Z");
	sql(f->db, "INSERT INTO unit(code, name, kind) VALUES ('dy', '丹阳', 'zone');"
	    "INSERT INTO unit(code, name, kind, parent_id) VALUES ('m1', '商户一', 'enterprise', 1);"
	    "INSERT INTO ix_category(code, name, seq) VALUES ('frames', '镜架', 1);"
	    "INSERT INTO ix_category(code, name, parent_id, seq) VALUES ('frames_metal', '金属架', 1, 2);"
	    "INSERT INTO ix_category(code, name, parent_id, seq) VALUES ('frames_plastic', '板材架', 1, 3);"
	    "INSERT INTO ix_category(code, name, seq) VALUES ('lenses', '镜片', 4);");
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	tdb_destroy(f->db, f->path);
	free(f);
	tdb_clock_reset();
	return 0;
}

/* The fixture's data (see the top), with February 2017 too: a1 133.1 (×1.1),
 * a2 missing (imputed 100 × 1.1 = 110: metal √(1.331 × 1.1) = 1.21), b1 55
 * (1.1), c1 220.5 (1.1025), c2 76 (0.95): total (36.3 + 22 + 33.075 + 19)
 * / 100 → 110.375. */
static void load_basic(struct kfq_db *db)
{
	weight(db, 2017, "frames_metal", "factory", 30);
	weight(db, 2017, "frames_plastic", "factory", 20);
	weight(db, 2017, "lenses", "factory", 30);
	weight(db, 2017, "lenses", "online", 20);
	item(db, "a1", "frames_metal", "factory");
	item(db, "a2", "frames_metal", "factory");
	item(db, "b1", "frames_plastic", "factory");
	item(db, "c1", "lenses", "factory");
	item(db, "c2", "lenses", "online");
	quote(db, "a1", 2016, 12, 0, 100);
	quote(db, "a2", 2016, 12, 0, 100);
	quote(db, "b1", 2016, 12, 0, 50);
	quote(db, "c1", 2016, 12, 0, 200);
	quote(db, "c2", 2016, 12, 0, 80);
	quote(db, "a1", 2017, 1, 0, 121);
	quote(db, "a2", 2017, 1, 0, 100);
	quote(db, "b1", 2017, 1, 7, 40);
	quote(db, "b1", 2017, 1, 14, 62.5);
	quote(db, "c1", 2017, 1, 0, 210);
	quote(db, "c2", 2017, 1, 0, 76);
	quote(db, "a1", 2017, 2, 0, 133.1);
	quote(db, "b1", 2017, 2, 0, 55);
	quote(db, "c1", 2017, 2, 0, 220.5);
	quote(db, "c2", 2017, 2, 0, 76);
}

static int compute(struct fx *f, int y, int m, const char *revise)
{
	struct ixcalc_settings s;
	ixcalc_settings_default(&s);
	s.year = y;
	s.month = m;
	s.revise = revise;
	return ixcalc_compute(tdb_ctx(), f->db, &s, NULL, &f->err);
}

static void ok_compute(struct fx *f, int y, int m)
{
	if (compute(f, y, m, NULL) < 0)
		fail_msg("compute: %s", f->err.msg);
}

/* A stored level. */
static double level(struct kfq_db *db, int y, int m, const char *ch, const char *cat)
{
	struct kfq_stmt *st;
	struct kfq_err err;
	double v = NAN;
	assert_int_equal(db_prepare(db, "SELECT level FROM ix_value WHERE year = ? AND month = ? AND "
	                            "channel = ? AND category = ?", &st, &err), 0);
	st_bind_int(st, 1, y);
	st_bind_int(st, 2, m);
	st_bind_text(st, 3, ch);
	st_bind_text(st, 4, cat);
	if (st_step(st) == ST_ROW)
		v = st_double(st, 0);
	st_finalize(st);
	if (isnan(v))
		fail_msg("no level for %d-%d %s/%s", y, m, ch, cat);
	return v;
}

static double contrib(struct kfq_db *db, int y, int m, const char *ch, const char *cat)
{
	struct kfq_stmt *st;
	struct kfq_err err;
	double v = NAN;
	assert_int_equal(db_prepare(db, "SELECT contrib FROM ix_value WHERE year = ? AND month = ? "
	                            "AND channel = ? AND category = ?", &st, &err), 0);
	st_bind_int(st, 1, y);
	st_bind_int(st, 2, m);
	st_bind_text(st, 3, ch);
	st_bind_text(st, 4, cat);
	if (st_step(st) == ST_ROW)
		v = st_double(st, 0);
	st_finalize(st);
	return v;
}

/* The engine's months are rewritten as calendar months, the second of a
 * pair too: with the base 2016-12, months 1 and 2 are 2017-01 and 2017-02
 * (the message once said "months 2017-01 and 2"). */
static void test_err_months(void **state)
{
	struct ixrun r;
	struct kfq_err err = { 0 };
	(void)state;
	memset(&r, 0, sizeof r);
	r.set.base_year = 2016;
	r.set.base_month = 12;
	kfq_error(&err, "ea \"x\", month 2: no other item is priced in months 1 and 2");
	ixrun_err_months(&r, &err);
	assert_string_equal(err.msg, "ea \"x\", 2017-02: no other item is priced in months "
	                    "2017-01 and 2017-02");
	kfq_error(&err, "rebasing to months 0 to 13: no month 14");
	ixrun_err_months(&r, &err);
	assert_string_equal(err.msg, "rebasing to months 2016-12 to 2018-01: no 2018-02");
}

static void test_levels(void **state)
{
	struct fx *f = *state;
	load_basic(f->db);
	ok_compute(f, 2017, 2);
	assert_true(fabs(level(f->db, 2016, 12, "", "") - 100) < EPS);
	assert_true(fabs(level(f->db, 2017, 1, "", "") - 103.5) < EPS);
	assert_true(fabs(level(f->db, 2017, 1, "factory", "") - 105.625) < EPS);
	assert_true(fabs(level(f->db, 2017, 1, "online", "") - 95) < EPS);
	assert_true(fabs(level(f->db, 2017, 1, "", "frames") - 106) < EPS);
	assert_true(fabs(level(f->db, 2017, 1, "", "lenses") - 101) < EPS);
	/* Jevons of two items; the weekly quotes' geometric mean shows no change */
	assert_true(fabs(level(f->db, 2017, 1, "factory", "frames_metal") - 110) < EPS);
	assert_true(fabs(level(f->db, 2017, 1, "factory", "frames_plastic") - 100) < EPS);
	assert_true(fabs(level(f->db, 2017, 1, "factory", "frames") - 106) < EPS);
	/* February: a2 imputed from a1's change, never carried forward */
	assert_true(fabs(level(f->db, 2017, 2, "factory", "frames_metal") - 121) < EPS);
	assert_true(fabs(level(f->db, 2017, 2, "", "") - 110.375) < EPS);
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM ix_flag WHERE kind = 'imputed' AND "
	                            "year = 2017 AND month = 2 AND item_id = (SELECT id FROM ix_item "
	                            "WHERE code = 'a2') AND abs(value - 110) < 1e-9 AND "
	                            "abs(ref - 1.1) < 1e-9"), 1);
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM ix_flag"), 1);
	/* month on month and contributions (pp of the total's change) */
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM ix_value WHERE year = 2017 AND "
	                            "month = 1 AND channel = '' AND category = '' AND "
	                            "abs(mom - 3.5) < 1e-9 AND yoy IS NULL AND contrib IS NULL"), 1);
	assert_true(fabs(contrib(f->db, 2017, 1, "", "frames") - 3) < EPS);
	assert_true(fabs(contrib(f->db, 2017, 1, "", "lenses") - 0.5) < EPS);
	assert_true(fabs(contrib(f->db, 2017, 1, "", "frames_metal") - 3) < EPS);   /* 30 × 0.1 */
	assert_true(fabs(contrib(f->db, 2017, 1, "factory", "") - 4.5) < EPS);
	assert_true(fabs(contrib(f->db, 2017, 1, "online", "") - -1) < EPS);
	/* the months, and the published core figures at 2 decimals */
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM ix_month WHERE published_at IS NULL "
	                            "AND revision = 0 AND settings LIKE 'base=2016-12 period=2017-02 "
	                            "formula=jevons%'"), 3);
	assert_int_equal(tdb_scalar(f->db, "SELECT o.value FROM obs o JOIN indicator i ON i.id = "
	                            "o.ind_id WHERE i.code = 'eyewear_pi' AND o.year = 2017 AND "
	                            "o.first = 1 AND o.last = 1"), 1035000);
	assert_int_equal(tdb_scalar(f->db, "SELECT o.value FROM obs o JOIN indicator i ON i.id = "
	                            "o.ind_id WHERE i.code = 'eyewear_pi_factory' AND o.year = 2017 "
	                            "AND o.last = 1 AND o.unit_id = 1"), 1056300);   /* 105.63 */
	assert_int_equal(tdb_scalar(f->db, "SELECT o.value FROM obs o JOIN indicator i ON i.id = "
	                            "o.ind_id WHERE i.code = 'eyewear_pi_frames' AND o.year = 2017 "
	                            "AND o.last = 2"), 1166000);   /* (36.3 + 22) / 50 = 116.6 */
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM indicator WHERE code LIKE "
	                            "'eyewear%' AND derived = 1 AND measure = '点' AND agg = 'none'"),
	                 7);   /* pi, 3 channels, 2 top categories, prosperity */
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM obs o JOIN indicator i ON i.id = "
	                            "o.ind_id WHERE i.code = 'eyewear_prosperity'"), 0);
	/* computing again changes nothing */
	ok_compute(f, 2017, 2);
	assert_true(fabs(level(f->db, 2017, 2, "", "") - 110.375) < EPS);
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM history"), 0);
}

/* The other elementary formulas on request, stored with the month's
 * settings: metal a1 100 → 121, a2 100 → 100: Dutot 221 / 200 = 1.105, Carli
 * (1.21 + 1) / 2 = 1.105 (equal base prices make them equal), above Jevons'
 * 1.1 as the arithmetic mean is above the geometric. */
static void test_formulas(void **state)
{
	struct fx *f = *state;
	struct ixcalc_settings s;
	load_basic(f->db);
	for (int k = PI_DUTOT; k <= PI_CARLI; k++) {
		ixcalc_settings_default(&s);
		s.year = 2017;
		s.month = 1;
		s.formula = (enum pi_formula)k;
		assert_int_equal(ixcalc_compute(tdb_ctx(), f->db, &s, NULL, &f->err), 0);
		assert_true(fabs(level(f->db, 2017, 1, "factory", "frames_metal") - 110.5) < EPS);
		assert_true(level(f->db, 2017, 1, "factory", "frames_metal") > 110);
	}
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM ix_month WHERE settings = "
	                            "'base=2016-12 period=2017-01 formula=carli outlier_k=2 "
	                            "max_impute=2'"), 2);
	assert_int_equal(ixcalc_formula_parse("mean"), -1);
	assert_string_equal(ixcalc_formula_name(PI_DUTOT), "dutot");
}

/* The total is the same Lowe index whether the tree is cut by channel
 * first or by category first. */
static void test_two_trees(void **state)
{
	struct fx *f = *state;
	struct ixcalc_settings s;
	struct ixrun r;
	load_basic(f->db);
	ixcalc_settings_default(&s);
	s.year = 2017;
	s.month = 2;
	assert_int_equal(ixrun_build(f->db, &s, &r, &f->err), 0);
	assert_int_equal(r.nper, 3);
	assert_int_equal(r.panel.nea, 4);
	for (size_t t = 0; t < r.nper; t++)
		assert_true(fabs(r.chm.s.level[t] - r.cm.s.level[t]) < 1e-12 * r.cm.s.level[t]);
	assert_true(fabs(r.cm.s.level[1] - 103.5) < EPS);
	ixrun_release(&r);
}

/* Contributions rounded to hundredths add up to the total's change as
 * published; January: frames 3.00, lenses 0.50, total 3.50. */
static void test_contributions(void **state)
{
	struct fx *f = *state;
	struct ixcalc_contrib c;
	load_basic(f->db);
	ok_compute(f, 2017, 2);
	assert_int_equal(ixcalc_contributions(f->db, 2017, 1, &c, &f->err), 0);
	assert_int_equal(c.ncat, 2);
	assert_string_equal(c.cat[0].code, "frames");
	assert_int_equal(c.cat[0].mom_units, 300);
	assert_int_equal(c.cat[1].mom_units, 50);
	assert_int_equal(c.mom_units, 350);
	assert_int_equal(c.nchan, 2);
	assert_int_equal(c.chan[0].mom_units, 450);
	assert_int_equal(c.chan[1].mom_units, -100);
	assert_false(c.has_yoy);
	ixcalc_contrib_release(&c);
	/* February on January: 110.375 / 103.5 − 1 = 6.642512…%; frames
	 * (58.3 − 53) / 103.5 = 5.120773 pp, lenses (52.075 − 50.5) / 103.5 =
	 * 1.521739 pp: rounded 5.12 + 1.52 = 6.64 */
	assert_int_equal(ixcalc_contributions(f->db, 2017, 2, &c, &f->err), 0);
	assert_int_equal(c.mom_units, 664);
	assert_int_equal(c.cat[0].mom_units + c.cat[1].mom_units, 664);
	assert_int_equal(c.chan[0].mom_units + c.chan[1].mom_units, 664);
	assert_true(fabs(c.cat[0].mom - 530 / 103.5) < 1e-9);
	ixcalc_contrib_release(&c);
	assert_int_equal(ixcalc_contributions(f->db, 2017, 3, &c, &f->err), -1);
	assert_err_has(&f->err, "2017-03 has not been computed (computed: 2016-12 to 2017-02");
	/* computing through an earlier month drops the later months not
	 * published; the unit used is remembered */
	ok_compute(f, 2017, 1);
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM ix_month"), 2);
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM ix_value WHERE month = 2"), 0);
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM ix_flag"), 0);
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM obs o JOIN indicator i ON "
	                            "i.id = o.ind_id WHERE i.code = 'eyewear_pi' AND o.last = 2"), 0);
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM meta WHERE key = 'index.unit' AND "
	                            "value = 'dy'"), 1);
}

/* Chain-linking at December 2017 with 2018's weights (50/50, reference
 * period 2017, price-updated to December 2017): the engine's own golden case
 * (test_priceindex.c, test_chain_new_weights_contributions) through the store:
 * metal 100 101 … 113, lenses 50 50 49 48 48 47 46 46 45 45 44 44 44 45;
 * 2017 weights 60/40. January 2018 = 103.984770134341. */
static void test_chain_link(void **state)
{
	struct fx *f = *state;
	static const double A[] = { 100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112, 113 };
	static const double B[] = { 50, 50, 49, 48, 48, 47, 46, 46, 45, 45, 44, 44, 44, 45 };
	struct ixcalc_contrib c;
	weight(f->db, 2017, "frames_metal", "factory", 60);
	weight(f->db, 2017, "lenses", "factory", 40);
	weight(f->db, 2018, "frames_metal", "factory", 50);
	weight(f->db, 2018, "lenses", "factory", 50);
	item(f->db, "a1", "frames_metal", "factory");
	item(f->db, "c1", "lenses", "factory");
	for (int t = 0; t < 14; t++) {
		int y = t == 0 ? 2016 : t <= 12 ? 2017 : 2018, m = t == 0 ? 12 : t <= 12 ? t : 1;
		quote(f->db, "a1", y, m, 0, A[t]);
		quote(f->db, "c1", y, m, 0, B[t]);
	}
	ok_compute(f, 2018, 1);
	assert_true(fabs(level(f->db, 2017, 12, "", "") - 102.4) < EPS);
	assert_true(fabs(level(f->db, 2018, 1, "", "") - 103.984770134341) < 1e-9);
	assert_true(fabs(contrib(f->db, 2018, 1, "", "frames") - 0.46918247485316794) < 1e-9);
	assert_true(fabs(contrib(f->db, 2018, 1, "", "lenses") - 1.0784446094646585) < 1e-9);
	/* year on year by Eurostat's Ribe decomposition (computed independently,
	 * see test_priceindex.c): 7.038213572812773 and −3.673630934302375,
	 * total 3.364582638510398: in hundredths the floors 703 (.82 left) and
	 * −368 (.64 left) add up to 335; the total's 336 takes the hundredth
	 * to the largest remainder, metal: 7.04 and −3.68 */
	assert_int_equal(ixcalc_contributions(f->db, 2018, 1, &c, &f->err), 0);
	assert_true(c.has_yoy);
	assert_true(fabs(c.cat[0].yoy - 7.038213572812773) < 1e-9);
	assert_true(fabs(c.cat[1].yoy - -3.673630934302375) < 1e-9);
	assert_int_equal(c.yoy_units, 336);
	assert_int_equal(c.cat[0].yoy_units, 704);
	assert_int_equal(c.cat[1].yoy_units, -368);
	ixcalc_contrib_release(&c);
	/* rebasing to December 2017 = 100, and to 2017's average */
	struct ixcalc_point *v;
	size_t n;
	struct period p = { 2017, PERIOD_MONTH, 12, 12 };
	assert_int_equal(ixcalc_series(f->db, "", "", &p, 201701, 0, &v, &n, &f->err), 0);
	assert_int_equal(n, 13);
	assert_true(fabs(v[0].level - 100.6 / 102.4 * 100) < 1e-9);
	assert_true(fabs(v[11].level - 100) < 1e-9);
	free(v);
	p = (struct period){ 2017, PERIOD_YEAR, 1, 12 };
	assert_int_equal(ixcalc_series(f->db, NULL, NULL, &p, 0, 0, &v, &n, &f->err), 0);
	double mean = 0;
	for (size_t i = 1; i <= 12; i++)
		mean += v[i].level / 12;
	assert_true(fabs(mean - 100) < 1e-9);
	free(v);
	p = (struct period){ 2016, PERIOD_YEAR, 1, 12 };
	assert_int_equal(ixcalc_series(f->db, NULL, NULL, &p, 0, 0, &v, &n, &f->err), -1);
	assert_err_has(&f->err, "rebasing to 2016: not every month of it is computed");
	/* no weights for 2018's lenses: named with channel and year */
	sql(f->db, "DELETE FROM ix_weight WHERE year = 2018 AND category_id = 4");
	assert_int_equal(compute(f, 2018, 1, NULL), -1);
	assert_err_has(&f->err, "no weight for category \"lenses\" (镜片), channel factory, year 2018");
	assert_true(fabs(level(f->db, 2018, 1, "", "") - 103.984770134341) < 1e-9);   /* untouched */
}

/* a1 (100, 110) is replaced by a3 with overlap January 2017: a3 220, then
 * 242 in February; a2 stays at 100. a1 continues as a3 × 110/220 = 121: a
 * rise of 10 %, not the jump from 110 to 242. Metal: January √1.1,
 * February √(1.21 × 1) = 1.1. */
static void test_replacement(void **state)
{
	struct fx *f = *state;
	weight(f->db, 2017, "frames_metal", "factory", 100);
	item(f->db, "a1", "frames_metal", "factory");
	item(f->db, "a2", "frames_metal", "factory");
	item(f->db, "a3", "frames_metal", "factory");
	sql(f->db, "UPDATE ix_item SET replaces_id = (SELECT id FROM ix_item WHERE code = 'a1'), "
	    "overlap_year = 2017, overlap_month = 1 WHERE code = 'a3'");
	quote(f->db, "a1", 2016, 12, 0, 100);
	quote(f->db, "a2", 2016, 12, 0, 100);
	quote(f->db, "a1", 2017, 1, 0, 110);
	quote(f->db, "a3", 2017, 1, 0, 220);
	quote(f->db, "a2", 2017, 1, 0, 100);
	quote(f->db, "a3", 2017, 2, 0, 242);
	quote(f->db, "a2", 2017, 2, 0, 100);
	/* through January only the replacement is not yet linked: left out */
	ok_compute(f, 2017, 1);
	assert_true(fabs(level(f->db, 2017, 1, "", "") - 100 * sqrt(1.1)) < 1e-9);
	ok_compute(f, 2017, 2);
	assert_true(fabs(level(f->db, 2017, 1, "", "") - 100 * sqrt(1.1)) < 1e-9);
	assert_true(fabs(level(f->db, 2017, 2, "", "") - 110) < 1e-9);
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM ix_flag WHERE kind = 'replaced' AND "
	                            "year = 2017 AND month = 1 AND abs(value - 0.5) < 1e-12 AND "
	                            "item_id = (SELECT id FROM ix_item WHERE code = 'a1') AND other_id "
	                            "= (SELECT id FROM ix_item WHERE code = 'a3')"), 1);
	struct ixcalc_flag *fl;
	size_t n;
	assert_int_equal(ixcalc_flags(f->db, 2017, 1, &fl, &n, &f->err), 0);
	assert_int_equal(n, 1);
	assert_string_equal(fl[0].kind, "replaced");
	assert_string_equal(fl[0].item, "a1");
	assert_string_equal(fl[0].other, "a3");
	assert_string_equal(fl[0].reporter, "m1");
	free(fl);
}

/* Three items, relatives 1.0, 1.02 and 3.0: median 1.02, k = 2 bounds
 * 0.51 … 2.04, so 3.0 is flagged, and kept: Jevons ∛3.06. */
static void test_outlier(void **state)
{
	struct fx *f = *state;
	weight(f->db, 2017, "lenses", "online", 7);
	item(f->db, "x1", "lenses", "online");
	item(f->db, "x2", "lenses", "online");
	item(f->db, "x3", "lenses", "online");
	quote(f->db, "x1", 2016, 12, 0, 10);
	quote(f->db, "x2", 2016, 12, 0, 10);
	quote(f->db, "x3", 2016, 12, 0, 10);
	quote(f->db, "x1", 2017, 1, 0, 10);
	quote(f->db, "x2", 2017, 1, 0, 10.2);
	quote(f->db, "x3", 2017, 1, 0, 30);
	ok_compute(f, 2017, 1);
	assert_true(fabs(level(f->db, 2017, 1, "online", "lenses") - 100 * cbrt(3.06)) < 1e-9);
	struct ixcalc_flag *fl;
	size_t n;
	assert_int_equal(ixcalc_flags(f->db, 2017, 1, &fl, &n, &f->err), 0);
	assert_int_equal(n, 1);
	assert_string_equal(fl[0].kind, "outlier");
	assert_string_equal(fl[0].item, "x3");
	assert_true(fabs(fl[0].value - 3) < 1e-12);
	assert_true(fabs(fl[0].ref - 1.02) < 1e-12);
	free(fl);
}

/* A published month refuses a changed quote; with a reason the revision
 * is made and history keeps the before and after. c1's January quote 210 →
 * 220 (1.1): total (33 + 20 + 33 + 19) / 100 → 105. */
static void test_frozen_revise(void **state)
{
	struct fx *f = *state;
	int *mv;
	size_t n;
	load_basic(f->db);
	ok_compute(f, 2017, 1);
	assert_int_equal(ixcalc_publish(tdb_ctx(), f->db, 2017, 2, &mv, &n, &f->err), -1);
	assert_err_has(&f->err, "2017-02 has not been computed (computed: 2016-12 to 2017-01");
	assert_int_equal(ixcalc_publish(tdb_ctx(), f->db, 2017, 1, &mv, &n, &f->err), 0);
	assert_int_equal(n, 2);
	assert_int_equal(mv[0], 201612);
	assert_int_equal(mv[1], 201701);
	free(mv);
	assert_int_equal(ixcalc_publish(tdb_ctx(), f->db, 2017, 1, &mv, &n, &f->err), 0);
	assert_int_equal(n, 0);
	free(mv);
	/* the same data again: nothing changes, nothing refused */
	ok_compute(f, 2017, 2);
	quote(f->db, "c1", 2017, 1, 0, 220);
	assert_int_equal(compute(f, 2017, 2, NULL), -1);
	assert_err_has(&f->err, "published months would change");
	assert_err_has(&f->err, "2017-01: total 103.5000 → 105.0000");
	assert_err_has(&f->err, "--revise REASON");
	assert_true(fabs(level(f->db, 2017, 1, "", "") - 103.5) < EPS);
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM history"), 0);
	assert_int_equal(compute(f, 2017, 2, ""), -1);
	assert_err_has(&f->err, "needs its reason");
	assert_int_equal(compute(f, 2017, 2, "late quote from c1"), 0);
	assert_true(fabs(level(f->db, 2017, 1, "", "") - 105) < EPS);
	assert_int_equal(tdb_scalar(f->db, "SELECT revision FROM ix_month WHERE year = 2017 AND "
	                            "month = 1"), 1);
	assert_int_equal(tdb_scalar(f->db, "SELECT revision FROM ix_month WHERE year = 2016"), 0);
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM history WHERE kind = 'index' AND "
	                            "indicator = 'eyewear_pi' AND period = '2017-01' AND unit = 'dy' "
	                            "AND old_value = 1035000 AND new_value = 1050000 AND "
	                            "note = 'late quote from c1'"), 1);
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM history WHERE indicator = "
	                            "'eyewear_pi_factory_lenses' AND old_value = 1050000 AND "
	                            "new_value = 1100000"), 1);
	assert_int_equal(tdb_scalar(f->db, "SELECT o.value FROM obs o JOIN indicator i ON i.id = "
	                            "o.ind_id WHERE i.code = 'eyewear_pi' AND o.year = 2017 AND "
	                            "o.last = 1"), 1050000);
	/* a published month before a new base */
	struct ixcalc_settings s;
	ixcalc_settings_default(&s);
	s.base_year = 2017;
	s.base_month = 1;
	s.year = 2017;
	s.month = 2;
	assert_int_equal(ixcalc_compute(tdb_ctx(), f->db, &s, NULL, &f->err), -1);
	assert_err_has(&f->err, "month 2016-12 is published, so the base cannot be after it");
}

/* Surveys: ent (weight 2): sales up, up, flat, none → (2 + 0.5) / 3 =
 * 83.333…, the non-response left out; inventory (inverted) up, down, down:
 * plain 33.333…, inverted 66.666…; composite 75. mer (weight 1): orders
 * flat, down → 25. Overall (2 × 75 + 25) / 3 = 58.333… → 58.3. */
static void test_prosperity(void **state)
{
	struct fx *f = *state;
	load_basic(f->db);
	sql(f->db, "INSERT INTO unit(code, name, kind, parent_id) VALUES ('m2', '二', 'enterprise', 1),"
	    " ('m3', '三', 'enterprise', 1), ('m4', '四', 'enterprise', 1);"
	    "INSERT INTO ix_survey VALUES ('ent', '企业', 20000), ('mer', '商户', 10000);"
	    "INSERT INTO ix_question VALUES ('ent', 'sales', '销售', 0, 10000, 1),"
	    " ('ent', 'inventory', '库存', 1, 10000, 2), ('mer', 'orders', '订单', 0, 10000, 1);"
	    "INSERT INTO ix_answer(survey, question, year, month, unit_id, reply) VALUES"
	    " ('ent', 'sales', 2017, 1, 2, 'up'), ('ent', 'sales', 2017, 1, 3, 'up'),"
	    " ('ent', 'sales', 2017, 1, 4, 'flat'), ('ent', 'sales', 2017, 1, 5, 'none'),"
	    " ('ent', 'inventory', 2017, 1, 2, 'up'), ('ent', 'inventory', 2017, 1, 3, 'down'),"
	    " ('ent', 'inventory', 2017, 1, 4, 'down'),"
	    " ('mer', 'orders', 2017, 1, 2, 'flat'), ('mer', 'orders', 2017, 1, 3, 'down');");
	ok_compute(f, 2017, 2);
	struct ixcalc_prow *v;
	size_t n;
	assert_int_equal(ixcalc_prosperity(f->db, 2017, 1, &v, &n, &f->err), 0);
	assert_int_equal(n, 6);
	assert_string_equal(v[0].question, "sales");
	assert_int_equal(v[0].n_up, 2);
	assert_int_equal(v[0].n_flat, 1);
	assert_int_equal(v[0].n_none, 1);
	assert_true(fabs(v[0].idx - 250.0 / 3) < 1e-9);
	assert_string_equal(v[1].question, "inventory");
	assert_true(v[1].inverted);
	assert_true(fabs(v[1].idx - 200.0 / 3) < 1e-9);
	assert_string_equal(v[2].question, "");
	assert_true(fabs(v[2].idx - 75) < 1e-9);
	assert_false(v[2].has_counts);
	assert_string_equal(v[3].survey, "mer");
	assert_true(fabs(v[3].idx - 25) < 1e-9);
	assert_string_equal(v[5].survey, "");
	assert_true(fabs(v[5].idx - 175.0 / 3) < 1e-9);
	free(v);
	assert_int_equal(ixcalc_prosperity(f->db, 2017, 2, &v, &n, &f->err), 0);
	assert_int_equal(n, 0);
	free(v);
	assert_int_equal(tdb_scalar(f->db, "SELECT o.value FROM obs o JOIN indicator i ON i.id = "
	                            "o.ind_id WHERE i.code = 'eyewear_prosperity' AND o.year = 2017 "
	                            "AND o.last = 1"), 583000);
	assert_int_equal(tdb_scalar(f->db, "SELECT decimals FROM indicator WHERE code = "
	                            "'eyewear_prosperity'"), 1);
}

/* Every row of the tables the operations read or write, as text. */
static char *content(struct kfq_db *db)
{
	static const char *const tables[] = { "ix_value", "ix_flag", "ix_prosperity", "ix_month",
	                                      "obs", "indicator", "history", "meta", "rollup",
	                                      "rollup_state", NULL };
	return tdb_content(db, tables);
}

/* ---- faults ---- */


/* One operation under test: 0 or -1 with f->err. */
typedef int (*fault_op)(struct fx *f);

/* Run op with a fault at operation n = 1, 2, ... until it gets through:
 * every failed attempt is a fault (a simulated one, never the user's error)
 * and leaves every table of content() exactly as it was; a fault is never
 * swallowed by an operation that succeeds. Returns the failed attempts. */
static long torture(struct fx *f, fault_op op, const char *what)
{
	long n, failures = 0;
	for (n = 1; n < 5000; n += tdb_fault_stride()) {
		char *before = content(f->db), *after;
		int rc;
		kfq_err_clear(&f->err);
		db_inject_fault(f->db, n);
		rc = op(f);
		if (rc == 0) {
			tdb_assert_fault_pending(f->db, n, what);
			db_inject_fault(f->db, 0);
			free(before);
			break;
		}
		db_inject_fault(f->db, 0);
		failures++;
		if (f->err.kind != KFQ_EFAULT)
			fail_msg("%s: a fault at operation %ld was not told as a fault (kind %d): %s", what,
			         n, (int)f->err.kind, f->err.msg);
		if (!strstr(f->err.msg, "simulated fault"))
			fail_msg("%s: a fault at operation %ld was told as another fault: %s", what, n,
			         f->err.msg);
		after = content(f->db);
		if (strcmp(before, after) != 0)
			fail_msg("%s: a fault at operation %ld changed the database", what, n);
		free(before);
		free(after);
	}
	assert_true(n < 5000);
	return failures * tdb_fault_stride();   /* about the operations it took */
}

static int compute_feb(struct fx *f)
{
	return compute(f, 2017, 2, NULL);
}

static int revise_feb(struct fx *f)
{
	return compute(f, 2017, 2, "late quote");
}

static int publish_jan(struct fx *f)
{
	int *mv = NULL;
	size_t n;
	int rc = ixcalc_publish(tdb_ctx(), f->db, 2017, 1, &mv, &n, &f->err);
	free(mv);
	return rc;
}

/* load_basic's data, a replacement (b3 for b2 in frames_plastic, overlap
 * January) and a survey, so that a computation reads and writes every kind
 * of row. */
static void load_all(struct kfq_db *db)
{
	load_basic(db);
	item(db, "b2", "frames_plastic", "factory");
	item(db, "b3", "frames_plastic", "factory");
	sql(db, "UPDATE ix_item SET replaces_id = (SELECT id FROM ix_item WHERE code = 'b2'), "
	    "overlap_year = 2017, overlap_month = 1 WHERE code = 'b3'");
	quote(db, "b2", 2016, 12, 0, 50);
	quote(db, "b2", 2017, 1, 0, 52);
	quote(db, "b3", 2017, 1, 0, 104);
	quote(db, "b3", 2017, 2, 0, 110);
	sql(db, "INSERT INTO unit(code, name, kind, parent_id) VALUES ('m2', '二', 'enterprise', 1);"
	    "INSERT INTO ix_survey VALUES ('ent', '企业', 20000);"
	    "INSERT INTO ix_question VALUES ('ent', 'sales', '销售', 0, 10000, 1);"
	    "INSERT INTO ix_answer(survey, question, year, month, unit_id, reply) VALUES"
	    " ('ent', 'sales', 2017, 1, 2, 'up'), ('ent', 'sales', 2017, 1, 3, 'flat');");
}

/* A computation again after a quote changed: the core's indicators exist,
 * their figures are replaced. (The first computation creates them through
 * model/indicator.c's indicator_put, whose read of the existing indicator
 * does not yet tell a failed step from "none": not tortured here.) */
static void test_fault_compute(void **state)
{
	struct fx *f = *state;
	load_all(f->db);
	ok_compute(f, 2017, 2);
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM indicator WHERE code LIKE "
	                            "'eyewear%'"), 7);
	quote(f->db, "c1", 2017, 2, 0, 230);
	assert_true(torture(f, compute_feb, "compute again") > 20);
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM ix_flag WHERE kind = 'replaced'"),
	                 1);
}

/* A failure at any statement of a revision of a published month writes
 * nothing: all or nothing. */
static void test_fault_all_or_nothing(void **state)
{
	struct fx *f = *state;
	load_basic(f->db);
	ok_compute(f, 2017, 2);
	assert_int_equal(publish_jan(f), 0);
	quote(f->db, "c1", 2017, 1, 0, 220);
	assert_true(torture(f, revise_feb, "revise") > 20);
	assert_true(fabs(level(f->db, 2017, 1, "", "") - 105) < EPS);
	/* January's changed series: the total, factory, lenses, factory/lenses */
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM history WHERE kind = 'index'"), 4);
}

static void test_fault_publish(void **state)
{
	struct fx *f = *state;
	load_basic(f->db);
	ok_compute(f, 2017, 2);
	assert_true(torture(f, publish_jan, "publish") >= 4);
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM ix_month WHERE published_at IS NOT "
	                            "NULL"), 2);
}

static int read_series(struct fx *f)
{
	struct ixcalc_point *v = NULL;
	size_t n;
	int rc = ixcalc_series(f->db, "factory", "frames", NULL, 0, 0, &v, &n, &f->err);
	free(v);
	return rc;
}

static int read_contributions(struct fx *f)
{
	struct ixcalc_contrib c;
	int rc = ixcalc_contributions(f->db, 2017, 2, &c, &f->err);
	if (rc == 0)
		ixcalc_contrib_release(&c);
	return rc;
}

static int read_superlative(struct fx *f)
{
	struct ixcalc_super *v = NULL;
	size_t n;
	enum pi_formula fm;
	int rc = ixcalc_superlative(f->db, 2017, 2, &v, &n, &fm, &f->err);
	free(v);
	return rc;
}

static int read_flags(struct fx *f)
{
	struct ixcalc_flag *v = NULL;
	size_t n;
	int rc = ixcalc_flags(f->db, 2017, 1, &v, &n, &f->err);
	free(v);
	return rc;
}

static int read_prosperity(struct fx *f)
{
	struct ixcalc_prow *v = NULL;
	size_t n;
	int rc = ixcalc_prosperity(f->db, 2017, 1, &v, &n, &f->err);
	free(v);
	return rc;
}

/* What kfq index shows: a fault while reading is a fault, never "unknown
 * category" or "the quotes have changed since" (and the store stays as it
 * was). */
static void test_fault_reads(void **state)
{
	struct fx *f = *state;
	load_all(f->db);
	ok_compute(f, 2017, 2);
	assert_true(torture(f, read_series, "series") >= 3);
	assert_true(torture(f, read_contributions, "contributions") >= 5);
	assert_true(torture(f, read_superlative, "superlative") >= 5);
	assert_true(torture(f, read_flags, "flags") >= 3);
	assert_true(torture(f, read_prosperity, "prosperity") >= 3);
}

static void test_bad_paths(void **state)
{
	struct fx *f = *state;
	/* nothing to compute */
	assert_int_equal(compute(f, 2017, 1, NULL), -1);
	assert_err_has(&f->err, "no price quotes from the base 2016-12 to 2017-01");
	load_basic(f->db);
	assert_int_equal(compute(f, 2016, 11, NULL), -1);
	assert_err_has(&f->err, "period 2016-11 is before the base 2016-12");
	/* no weights for a year */
	sql(f->db, "DELETE FROM ix_weight WHERE channel = 'online'");
	assert_int_equal(compute(f, 2017, 2, NULL), -1);
	assert_err_has(&f->err, "no weight for category \"lenses\" (镜片), channel online, year 2017");
	weight(f->db, 2017, "lenses", "online", 20);
	/* no quote at the base month */
	item(f->db, "d1", "frames_plastic", "online");
	weight(f->db, 2017, "frames_plastic", "online", 5);
	quote(f->db, "d1", 2017, 1, 0, 10);
	assert_int_equal(compute(f, 2017, 2, NULL), -1);
	assert_err_has(&f->err, "category \"frames_plastic\", channel online: no item has a price in "
	               "the base month 2016-12");
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM ix_month"), 0);
	/* an unknown unit, channel, category; a month not computed */
	sql(f->db, "DELETE FROM ix_item WHERE code = 'd1' AND 1 = 0");
	struct ixcalc_settings s;
	ixcalc_settings_default(&s);
	s.year = 2017;
	s.month = 1;
	s.unit = "nowhere";
	assert_int_equal(ixcalc_compute(tdb_ctx(), f->db, &s, NULL, &f->err), -1);
	assert_err_has(&f->err, "unknown unit \"nowhere\"");
	struct ixcalc_point *v;
	size_t n;
	assert_int_equal(ixcalc_series(f->db, "", "", NULL, 0, 0, &v, &n, &f->err), -1);
	assert_err_has(&f->err, "nothing has been computed yet");
	assert_int_equal(ixcalc_series(f->db, "retail", "", NULL, 0, 0, &v, &n, &f->err), -1);
	assert_err_has(&f->err, "unknown channel \"retail\"");
	assert_int_equal(ixcalc_series(f->db, "", "hats", NULL, 0, 0, &v, &n, &f->err), -1);
	assert_err_has(&f->err, "unknown category \"hats\" (expected one of: frames, frames_metal");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
		cmocka_unit_test(test_err_months),
		T(test_levels),
		T(test_two_trees),
		T(test_formulas),
		T(test_contributions),
		T(test_chain_link),
		T(test_replacement),
		T(test_outlier),
		T(test_frozen_revise),
		T(test_prosperity),
		T(test_fault_compute),
		T(test_fault_all_or_nothing),
		T(test_fault_publish),
		T(test_fault_reads),
		T(test_bad_paths),
#undef T
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
