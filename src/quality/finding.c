/* finding.c: findings opened, closed and read (see finding.h).
 * Depends on base, store, model and quality/check. */
#include "quality/finding.h"
#include "base/sbuf.h"
#include "base/xalloc.h"
#include "store/history.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct finding_known {
	char *key;             /* rule, unit id, year, month */
	int64_t id;
	int open;              /* 1 open; 0 closed as confirmed (others are not kept) */
	int has_left, has_right;
	dec left, right;
};

static char *key_of(const char *rule, int64_t unit_id, int year, int month)
{
	struct sbuf sb;
	sbuf_init(&sb);
	sbuf_addf(&sb, "%s\t%" PRId64 "\t%d\t%d", rule, unit_id, year, month);
	return sbuf_detach(&sb);
}

int finding_rec_init(struct finding_rec *fr, struct kfq_db *db, const struct unit_set *units,
                     int64_t import_id, int year, struct kfq_err *err)
{
	static const char SQL[] =
		"SELECT id, rule_code, unit_id, year, month, status, closed_how, left_value, right_value "
		"FROM finding WHERE (?1 = 0 OR year = ?1) AND (status = 'open' OR closed_how = 'confirmed') "
		"ORDER BY id";
	struct kfq_stmt *st;
	int rc;

	memset(fr, 0, sizeof *fr);
	fr->db = db;
	fr->units = units;
	fr->import_id = import_id;
	strmap_init(&fr->known);
	fr->has = xcalloc(units->n ? units->n : 1, 1);
	if (db_prepare(db, SQL, &st, err) < 0) {
		finding_rec_release(fr);
		return -1;
	}
	st_bind_int(st, 1, year);
	while ((rc = st_step(st)) == ST_ROW) {
		struct finding_known *k;
		size_t at;
		int64_t uid = st_i64(st, 2);
		char *key = key_of(st_text(st, 1), uid, st_int(st, 3), st_int(st, 4));
		if (uid >= 0 && uid <= units->max_id && units->by_id[uid] >= 0)
			fr->has[units->by_id[uid]] = 1;
		if (strmap_get(&fr->known, key, &at)) {   /* a later one of the same key */
			free(key);
			k = &fr->v[at];
		} else {
			XGROW(fr->v, fr->n + 1, fr->cap);
			k = &fr->v[fr->n];
			k->key = key;
			strmap_put(&fr->known, key, fr->n++);
		}
		k->id = st_i64(st, 0);
		k->open = strcmp(st_text(st, 5), "open") == 0;
		k->has_left = !st_null(st, 7);
		k->left = st_i64(st, 7);
		k->has_right = !st_null(st, 8);
		k->right = st_i64(st, 8);
	}
	if (rc != ST_DONE)
		db_fault(db, err, "reading findings");
	st_finalize(st);
	if (rc != ST_DONE) {
		finding_rec_release(fr);
		return -1;
	}
	return 0;
}

void finding_rec_release(struct finding_rec *fr)
{
	for (size_t i = 0; i < fr->n; i++)
		free(fr->v[i].key);
	free(fr->v);
	free(fr->has);
	strmap_release(&fr->known);
	fr->v = NULL;
	fr->has = NULL;
	fr->n = fr->cap = 0;
}

/* Close finding id as how ("changed", "confirmed"), with a note. */
static int close_one(struct kfq_db *db, int64_t id, const char *how, const char *note,
                     struct kfq_err *err)
{
	static const char SQL[] = "UPDATE finding SET status = 'closed', closed_at = ?, closed_by = ?, "
	                          "closed_how = ?, note = ? WHERE id = ? AND status = 'open'";
	const struct kfq_ctx *cx = db_ctx(db);
	struct kfq_stmt *st;
	int rc;
	if (db_cached(db, SQL, &st, err) < 0)
		return -1;
	st_bind_text(st, 1, cx->now);
	st_bind_text(st, 2, cx->who);
	st_bind_text(st, 3, how);
	st_bind_text(st, 4, note);
	st_bind_i64(st, 5, id);
	rc = st_step(st);
	st_reset(st);
	return rc == ST_DONE ? 0 : db_fault(db, err, "closing a finding");
}

static int open_one(struct finding_rec *fr, const struct check_result *r, int64_t *id,
                    struct kfq_err *err)
{
	static const char SQL[] =
		"INSERT INTO finding(rule_code, unit_id, year, month, severity, left_value, right_value, "
		"detail, detail_zh, status, opened_at, opened_by, import_id) "
		"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?) RETURNING id";
	const struct kfq_ctx *cx = db_ctx(fr->db);
	struct kfq_stmt *st;
	int rc;
	if (db_cached(fr->db, SQL, &st, err) < 0)
		return -1;
	st_bind_text(st, 1, r->rule->code);
	st_bind_i64(st, 2, fr->units->v[r->unit].id);
	st_bind_int(st, 3, r->year);
	st_bind_int(st, 4, r->month);
	st_bind_text(st, 5, rule_severity_name(r->rule->severity));
	st_bind_i64(st, 6, r->left);
	if (r->has_right)
		st_bind_i64(st, 7, r->right);
	else
		st_bind_null(st, 7);
	st_bind_text(st, 8, r->detail);
	st_bind_text(st, 9, r->detail_zh);
	st_bind_text(st, 10, cx->now);
	st_bind_text(st, 11, cx->who);
	if (fr->import_id)
		st_bind_i64(st, 12, fr->import_id);
	else
		st_bind_null(st, 12);
	if ((rc = st_step(st)) == ST_ROW) {
		*id = st_i64(st, 0);
		rc = st_step(st);
	}
	st_reset(st);
	return rc == ST_DONE ? 0 : db_fault(fr->db, err, "writing a finding");
}

int finding_record(void *ctx, const struct check_result *r, const struct check_key *k,
                   struct kfq_err *err)
{
	struct finding_rec *fr = ctx;
	struct finding_known *kn = NULL;
	char *key;
	size_t at;
	int64_t id = 0;
	(void)k;

	/* most checks pass on a unit without findings: nothing to open or close */
	if ((!r->failed && !fr->has[r->unit]) ||
	    (r->failed && r->rule->severity == RULE_ERROR && !fr->errors_too))
		return 0;
	key = key_of(r->rule->code, fr->units->v[r->unit].id, r->year, r->month);
	if (strmap_get(&fr->known, key, &at))
		kn = &fr->v[at];
	if (!r->failed || (r->rule->severity == RULE_ERROR && !fr->errors_too)) {
		free(key);
		if (!r->failed && kn && kn->open) {
			if (close_one(fr->db, kn->id, "changed", "the value changed: the rule passes",
			              err) < 0)
				return -1;
			kn->open = 0;
			kn->id = 0;
			fr->closed++;
		}
		return 0;
	}
	/* the same values: the finding stands (open, or confirmed). For a peer
	 * rule only the unit's own value counts: a correction of another
	 * enterprise moves the peers' median but not what was confirmed. */
	if (kn && kn->id && kn->left == r->left &&
	    (r->rule->op == ROP_PEER ||
	     (kn->has_right == r->has_right && (!r->has_right || kn->right == r->right)))) {
		free(key);
		if (kn->open)
			fr->still_open++;
		else
			fr->confirmed++;
		return 0;
	}
	if (kn && kn->open) {
		if (close_one(fr->db, kn->id, "changed", "the value changed", err) < 0) {
			free(key);
			return -1;
		}
		fr->closed++;
	}
	if (open_one(fr, r, &id, err) < 0) {
		free(key);
		return -1;
	}
	fr->opened++;
	if (!kn) {
		XGROW(fr->v, fr->n + 1, fr->cap);
		kn = &fr->v[fr->n];
		kn->key = key;
		strmap_put(&fr->known, key, fr->n++);
		fr->has[r->unit] = 1;
	} else {
		free(key);
	}
	kn->id = id;
	kn->open = 1;
	kn->has_left = 1;
	kn->left = r->left;
	kn->has_right = r->has_right;
	kn->right = r->right;
	return 0;
}

/* ---- reading ---- */

static char *dup(struct kfq_stmt *st, int col)
{
	const char *s = st_text(st, col);
	return s ? xstrdup(s) : NULL;
}

int finding_read(struct kfq_db *db, const struct finding_query *q, struct finding_list *out,
                 struct kfq_err *err)
{
	static const char SQL[] =
		"SELECT f.id, f.rule_code, f.severity, u.code, u.name, f.year, f.month, f.detail, "
		"f.detail_zh, f.status, f.opened_at, f.opened_by, f.closed_at, f.closed_by, "
		"f.closed_how, f.note, f.import_id FROM finding f JOIN unit u ON u.id = f.unit_id "
		"WHERE (?1 = '' OR f.status = ?1) AND (?2 = '' OR f.rule_code = ?2) "
		"AND (?3 = '' OR f.severity = ?3) AND (?4 = 0 OR (f.year = ?4 AND f.month BETWEEN ?5 AND ?6)) "
		"AND (?7 = 0 OR f.id = ?7) ORDER BY f.year, f.month, u.code, f.rule_code, f.id";
	struct unit_set units;
	struct kfq_stmt *st;
	size_t cap = 0;
	long root = -1;
	int rc;

	memset(out, 0, sizeof *out);
	if (q->unit) {
		if (units_load(db, &units, err) < 0)
			return -1;
		if ((root = units_need(&units, q->unit, err)) < 0) {
			units_release(&units);
			return kfq_err_set_field(err, "unit");
		}
	}
	if (db_prepare(db, SQL, &st, err) < 0)
		goto fail_units;
	/* "" for any: a NULL parameter has no type a server can infer */
	st_bind_text(st, 1, q->status ? q->status : "");
	st_bind_text(st, 2, q->rule ? q->rule : "");
	st_bind_text(st, 3, q->severity ? q->severity : "");
	st_bind_int(st, 4, q->period ? q->period->year : 0);
	st_bind_int(st, 5, q->period ? q->period->first : 0);
	st_bind_int(st, 6, q->period ? q->period->last : 0);
	st_bind_i64(st, 7, q->id);
	while ((rc = st_step(st)) == ST_ROW) {
		struct finding *f;
		if (root >= 0) {
			long u = units_find(&units, st_text(st, 3));
			if (u < 0 || !units_within(&units, (size_t)u, (size_t)root))
				continue;
		}
		XGROW(out->v, out->n + 1, cap);
		f = &out->v[out->n++];
		f->id = st_i64(st, 0);
		f->rule = dup(st, 1);
		f->severity = dup(st, 2);
		f->unit = dup(st, 3);
		f->unit_name = dup(st, 4);
		f->year = st_int(st, 5);
		f->month = st_int(st, 6);
		f->detail = dup(st, 7);
		f->detail_zh = dup(st, 8);
		f->status = dup(st, 9);
		f->opened_at = dup(st, 10);
		f->opened_by = dup(st, 11);
		f->closed_at = dup(st, 12);
		f->closed_by = dup(st, 13);
		f->closed_how = dup(st, 14);
		f->note = dup(st, 15);
		f->import_id = st_null(st, 16) ? 0 : st_i64(st, 16);
	}
	if (rc != ST_DONE)
		db_fault(db, err, "reading findings");
	st_finalize(st);
	if (q->unit)
		units_release(&units);
	if (rc != ST_DONE) {
		finding_list_release(out);
		return -1;
	}
	return 0;
fail_units:
	if (q->unit)
		units_release(&units);
	return -1;
}

void finding_list_release(struct finding_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		struct finding *f = &l->v[i];
		char **s[] = { &f->rule, &f->severity, &f->unit, &f->unit_name, &f->detail, &f->detail_zh,
		               &f->status, &f->opened_at, &f->opened_by, &f->closed_at, &f->closed_by,
		               &f->closed_how, &f->note };
		for (size_t k = 0; k < sizeof s / sizeof s[0]; k++)
			free(*s[k]);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}

int finding_close(struct kfq_db *db, const struct kfq_ctx *cx, int64_t id, const char *note,
                  struct kfq_err *err)
{
	struct finding_query q = { .id = id };
	struct finding_list l;
	char period[16], text[1200];

	if (!note || !*note)
		return kfq_error_field(err, "note", "required: why the value stands (what was "
		                       "confirmed, with whom)");
	if (db_begin(db, cx, err) < 0)
		return -1;
	if (finding_read(db, &q, &l, err) < 0)
		goto fail;
	if (l.n == 0) {
		finding_list_release(&l);
		kfq_error(err, "no finding %" PRId64 " (see kfq findings list)", id);
		goto fail;
	}
	if (strcmp(l.v[0].status, "open") != 0) {
		kfq_error(err, "finding %" PRId64 " is already closed (%s by %s at %s)", id,
		          l.v[0].closed_how ? l.v[0].closed_how : "", l.v[0].closed_by ? l.v[0].closed_by : "",
		          l.v[0].closed_at ? l.v[0].closed_at : "");
		finding_list_release(&l);
		goto fail;
	}
	if (close_one(db, id, "confirmed", note, err) < 0) {
		finding_list_release(&l);
		goto fail;
	}
	snprintf(period, sizeof period, "%04d-%02d", l.v[0].year, l.v[0].month);
	snprintf(text, sizeof text, "finding %" PRId64 " (rule %s) closed: the value is confirmed: %s",
	         id, l.v[0].rule, note);
	{
		struct history_entry h = { "finding", l.v[0].unit, NULL, period, NULL, NULL, text, NULL };
		if (history_add(db, &h, err) < 0) {
			finding_list_release(&l);
			goto fail;
		}
	}
	finding_list_release(&l);
	return db_commit(db, err);
fail:
	db_rollback(db);
	return -1;
}

int finding_explain(struct kfq_db *db, int64_t id, struct finding_explanation *e,
                    struct kfq_err *err)
{
	struct finding_query q = { .id = id };
	const struct finding *f;
	long u;

	memset(e, 0, sizeof *e);
	if (finding_read(db, &q, &e->l, err) < 0)
		return -1;
	if (!e->l.n)
		return kfq_error(err, "no finding %" PRId64 " (see kfq findings list)", id);
	f = &e->l.v[0];
	if (model_load(db, &e->m, err) < 0)
		return -1;
	if (rules_load(db, &e->m.inds, &e->set, err) < 0)
		return -1;
	for (size_t i = 0; i < e->set.n; i++)
		if (strcmp(e->set.v[i].code, f->rule) == 0)
			e->rule = &e->set.v[i];
	if (!e->rule)
		return kfq_error(err, "the rule \"%s\" of this finding is no longer stored (see kfq "
		                 "export rules)", f->rule);
	if ((u = units_need(&e->m.units, f->unit, err)) < 0)
		return -1;
	return check_explain(db, &e->m.units, &e->m.inds, e->rule, (size_t)u, f->year, f->month,
	                     &e->x, err);
}

void finding_explanation_release(struct finding_explanation *e)
{
	check_explain_release(&e->x);
	rules_release(&e->set);
	if (e->m.units.v || e->m.inds.v)
		model_release(&e->m);
	finding_list_release(&e->l);
	memset(e, 0, sizeof *e);
}
