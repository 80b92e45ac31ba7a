/* ixcalc_core.c: the eyewear index's figures in the core (see ixcalc.h):
 * the derived indicators eyewear_pi, eyewear_pi_<channel>,
 * eyewear_pi_<top-level category> and eyewear_prosperity (measure 点),
 * created when missing and written as month values of the index unit from
 * ix_value and ix_prosperity, with their roll-ups rebuilt. Depends on base,
 * store, model, calc/rollup. */
#include "index/ixcalc_run.h"
#include "index/prosperity.h"
#include "base/dec.h"
#include "model/obs.h"
#include "base/sbuf.h"
#include "base/xalloc.h"
#include "calc/rollup.h"
#include "model/indicator.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct coreind {
	char code[96];
	char zh[192];
	char en[192];
	const char *decimals;
	int64_t id;
};

/* The indicator code of a top-level category: eyewear_pi_<code>, letters,
 * digits and _ kept, anything else _. */
static void top_code(const char *cat, char *buf, size_t n)
{
	size_t k = (size_t)snprintf(buf, n, "eyewear_pi_");
	for (const char *p = cat; *p && k + 1 < n; p++, k++)
		buf[k] = ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		          (*p >= '0' && *p <= '9')) ? *p : '_';
	buf[k < n ? k : n - 1] = 0;
}

/* The id of indicator code in *id, 0 when there is none; -1 on a fault. */
static int indicator_id(struct kfq_db *db, const char *code, int64_t *id, struct kfq_err *err)
{
	struct kfq_stmt *st;
	int rc;
	*id = 0;
	if (db_prepare(db, "SELECT id FROM indicator WHERE code = ?", &st, err) < 0)
		return -1;
	st_bind_text(st, 1, code);
	if ((rc = st_step(st)) == ST_ROW)
		*id = st_i64(st, 0);
	else if (rc != ST_DONE)
		db_fault(db, err, "reading indicators");
	st_finalize(st);
	return rc == ST_ROW || rc == ST_DONE ? 0 : -1;
}

static int ensure(struct kfq_db *db, struct coreind *c, struct kfq_err *err)
{
	struct indicator_row row = { c->code, c->zh, c->en, "点", "stock", "none", c->decimals,
	                             NULL, NULL, NULL };
	struct kfq_stmt *st;
	int changed, rc;
	if (indicator_id(db, c->code, &c->id, err) < 0)
		return -1;
	if (!c->id) {
		if (indicator_put(db, &row, &changed, err) < 0)
			return kfq_err_prefix(err, "creating indicator %s", c->code);
		if (indicator_id(db, c->code, &c->id, err) < 0)
			return -1;
		if (!c->id)
			return kfq_fault(err, "indicator %s was not created", c->code);
	}
	if (db_prepare(db, "UPDATE indicator SET derived = 1 WHERE id = ?", &st, err) < 0)
		return -1;
	st_bind_i64(st, 1, c->id);
	if ((rc = st_step(st)) != ST_DONE)
		db_fault(db, err, "marking index indicators");
	st_finalize(st);
	return rc == ST_DONE ? 0 : -1;
}

/* The unit the figures are published for: --unit, meta index.unit, else
 * the first root. */
int ixcore_unit(struct kfq_db *db, const char *given, int64_t *id, char *code, size_t n,
                struct kfq_err *err)
{
	struct kfq_stmt *st;
	char *meta = given ? NULL : db_meta_get(db, "index.unit");
	const char *want = given ? given : meta;
	int rc;
	*id = 0;
	if (want) {
		if (db_prepare(db, "SELECT id, code FROM unit WHERE code = ?", &st, err) < 0) {
			free(meta);
			return -1;
		}
		st_bind_text(st, 1, want);
	} else if (db_prepare(db, "SELECT id, code FROM unit WHERE parent_id IS NULL ORDER BY id "
	                      "LIMIT 1", &st, err) < 0)
		return -1;
	if ((rc = st_step(st)) == ST_ROW) {
		*id = st_i64(st, 0);
		snprintf(code, n, "%s", st_text(st, 1));
	} else if (rc == ST_ERROR)
		db_fault(db, err, "reading the index unit");
	st_finalize(st);
	if (rc == ST_ERROR) {
		free(meta);
		return -1;
	}
	if (!*id) {
		if (given)
			kfq_error(err, "unknown unit \"%s\" (the unit the index is published for)", given);
		else if (meta)
			kfq_error(err, "the index unit \"%s\" (remembered from an earlier computation) no "
			          "longer exists: give the unit", meta);
		else
			kfq_error(err, "no unit to publish the index for: import units first");
		free(meta);
		return -1;
	}
	free(meta);
	return 0;
}

/* ---- the figures ---- */

struct coreinds {
	struct coreind *v;
	size_t n, cap;
};

static struct coreind *coreind_add(struct coreinds *ci, const char *decimals)
{
	struct coreind *c;
	XGROW(ci->v, ci->n + 1, ci->cap);
	c = &ci->v[ci->n++];
	memset(c, 0, sizeof *c);
	c->decimals = decimals;
	return c;
}

/* The indicators every index publishes: the total, one a channel, the
 * prosperity index. */
static void fixed_indicators(struct coreinds *ci)
{
	struct coreind *c = coreind_add(ci, "2");
	snprintf(c->code, sizeof c->code, "eyewear_pi");
	snprintf(c->zh, sizeof c->zh, "丹阳眼镜价格指数");
	snprintf(c->en, sizeof c->en, "China Danyang Eyewear Index: prices");
	for (int ch = 0; ch < IX_NCHANNEL; ch++) {
		c = coreind_add(ci, "2");
		snprintf(c->code, sizeof c->code, "eyewear_pi_%s", IX_CHANNEL[ch]);
		snprintf(c->zh, sizeof c->zh, "丹阳眼镜%s价格指数", IX_CHANNEL_ZH[ch]);
		snprintf(c->en, sizeof c->en, "China Danyang Eyewear Index: %s prices",
		         IX_CHANNEL[ch]);
	}
	c = coreind_add(ci, "1");
	snprintf(c->code, sizeof c->code, "eyewear_prosperity");
	snprintf(c->zh, sizeof c->zh, "丹阳眼镜景气指数");
	snprintf(c->en, sizeof c->en, "China Danyang Eyewear Index: prosperity");
}

/* One indicator a top-level category with a computed series; a category
 * whose code would publish as another series' indicator is refused. */
static int top_indicators(struct kfq_db *db, struct coreinds *ci, struct kfq_err *err)
{
	struct kfq_stmt *st;
	int rc = 0, step = ST_DONE;
	if (db_prepare(db, "SELECT code, name FROM ix_category WHERE parent_id IS NULL AND code IN "
	               "(SELECT category FROM ix_value WHERE channel = '') ORDER BY seq, code", &st,
	               err) < 0)
		return -1;
	while (rc == 0 && (step = st_step(st)) == ST_ROW) {
		struct coreind *c = coreind_add(ci, "2");
		top_code(st_text(st, 0), c->code, sizeof c->code);
		snprintf(c->zh, sizeof c->zh, "丹阳眼镜价格指数：%s",
		         st_text(st, 1));
		snprintf(c->en, sizeof c->en, "China Danyang Eyewear Index: %s prices",
		         st_text(st, 0));
		for (size_t k = 0; k + 1 < ci->n && rc == 0; k++)
			if (strcmp(ci->v[k].code, c->code) == 0)
				rc = kfq_error(err, "top-level index category \"%s\" would publish as %s, "
				               "which is another series' indicator: rename the category",
				               st_text(st, 0), c->code);
	}
	if (rc == 0 && step != ST_DONE)
		rc = db_fault(db, err, "reading index categories");
	st_finalize(st);
	return rc;
}

/* Clear every derived eyewear figure (a category renamed leaves none
 * behind), their roll-ups noted in todo to be rebuilt. */
static int clear_figures(struct kfq_db *db, struct rollup_todo *todo, struct kfq_err *err)
{
	struct kfq_stmt *st;
	int step;
	if (db_prepare(db, "SELECT DISTINCT o.ind_id, o.year FROM obs o WHERE o.ind_id IN "
	               "(SELECT id FROM indicator i WHERE i.derived = 1 AND (i.code = "
	               "'eyewear_prosperity' OR i.code = 'eyewear_pi' OR i.code LIKE "
	               "'eyewear\\_pi\\_%' ESCAPE '\\'))", &st, err) < 0)
		return -1;
	while ((step = st_step(st)) == ST_ROW) {
		struct indicator d = { .id = st_i64(st, 0) };
		rollup_todo_data(todo, &d, st_int(st, 1));
	}
	if (step != ST_DONE) {
		db_fault(db, err, "reading index figures");
		st_finalize(st);
		return -1;
	}
	st_finalize(st);
	return db_exec(db, "DELETE FROM obs WHERE ind_id IN (SELECT id FROM indicator WHERE "
	               "derived = 1 AND (code = 'eyewear_prosperity' OR code = 'eyewear_pi' OR "
	               "code LIKE 'eyewear\\_pi\\_%' ESCAPE '\\'))", err);
}

/* The indicator of a stored series: channel ch ("*": prosperity) and
 * category cat ("": all); 0 when it publishes none. */
static int64_t series_indicator(const struct coreinds *ci, const char *ch, const char *cat)
{
	char code[96];
	if (strcmp(ch, "*") == 0)
		snprintf(code, sizeof code, "eyewear_prosperity");
	else if (*cat)
		top_code(cat, code, sizeof code);
	else
		snprintf(code, sizeof code, "eyewear_pi%s%s", *ch ? "_" : "", ch);
	for (size_t k = 0; k < ci->n; k++)
		if (strcmp(ci->v[k].code, code) == 0)
			return ci->v[k].id;
	return 0;
}

/* Every month of the total, the channels, the top-level categories and
 * prosperity as month values of unit: price levels at 2 decimals,
 * prosperity at 1. */
static int write_figures(struct kfq_db *db, int64_t unit, const struct coreinds *ci,
                         struct rollup_todo *todo, struct kfq_err *err)
{
	struct kfq_stmt *st;
	int rc = 0, step = ST_DONE;
	if (db_prepare(db, "SELECT year, month, channel, category, level FROM ix_value "
	               "WHERE category = '' OR (channel = '' AND category IN (SELECT code "
	               "FROM ix_category WHERE parent_id IS NULL)) UNION ALL SELECT year, "
	               "month, '*', '', idx FROM ix_prosperity WHERE survey = '' AND "
	               "question = ''", &st, err) < 0)
		return -1;
	while (rc == 0 && (step = st_step(st)) == ST_ROW) {
		const char *ch = st_text(st, 2);
		double x = st_double(st, 4);
		int64_t id = series_indicator(ci, ch, st_text(st, 3));
		int y = st_int(st, 0), m = st_int(st, 1);
		if (!id)
			continue;
		struct indicator d = { .id = id };
		rollup_todo_data(todo, &d, y);
		if (obs_month_set(db, id, y, unit, m, (dec)llround(strcmp(ch, "*") == 0
		                                                  ? pr_round1(x) * 10000
		                                                  : pi_round(x, 2) * 10000), 0, err) < 0)
			rc = kfq_err_prefix(err, "writing index figures");
	}
	if (rc == 0 && step != ST_DONE)
		rc = db_fault(db, err, "reading index values");
	st_finalize(st);
	return rc;
}

/* Rewrite every eyewear_* figure of the core from ix_value and
 * ix_prosperity (all stored months, frozen ones included). */
int ixcore_publish(struct kfq_db *db, int64_t unit, struct kfq_err *err)
{
	struct coreinds ci = { NULL, 0, 0 };
	struct rollup_todo todo;
	int rc;

	rollup_todo_init(&todo);
	fixed_indicators(&ci);
	rc = top_indicators(db, &ci, err);
	for (size_t k = 0; k < ci.n && rc == 0; k++)
		rc = ensure(db, &ci.v[k], err);
	if (rc == 0)
		rc = clear_figures(db, &todo, err);
	if (rc == 0)
		rc = write_figures(db, unit, &ci, &todo, err);
	if (rc == 0)
		rc = rollup_rebuild(db, &todo, err);
	rollup_todo_release(&todo);
	free(ci.v);
	return rc;
}
