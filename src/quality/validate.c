/* validate.c: the validation rules run on stored data (see validate.h).
 * Depends on base, store, model, calc and quality. */
#include "quality/validate.h"
#include "base/xalloc.h"
#include "model/model.h"
#include "quality/finding.h"

#include <stdlib.h>
#include <string.h>

struct vctx {
	struct finding_rec fr;
	struct validate_res *res;
};

static int on_check(void *ctx, const struct check_result *r, const struct check_key *k,
                    struct kfq_err *err)
{
	struct vctx *v = ctx;
	v->res->checks++;
	if (r->failed) {
		v->res->failed++;
		if (r->rule->severity == RULE_ERROR)
			v->res->errors++;
		else
			v->res->warnings++;
	}
	return finding_record(&v->fr, r, k, err);
}

/* The years with data, ascending. */
static int data_years(struct kfq_db *db, int **years, size_t *n, struct kfq_err *err)
{
	struct kfq_stmt *st;
	size_t cap = 0;
	int rc;
	*years = NULL;
	*n = 0;
	if (db_prepare(db, "SELECT year FROM obs_m UNION SELECT year FROM obs_ytd ORDER BY 1", &st,
	               err) < 0)
		return -1;
	while ((rc = st_step(st)) == ST_ROW) {
		XGROW(*years, *n + 1, cap);
		(*years)[(*n)++] = st_int(st, 0);
	}
	if (rc != ST_DONE)
		db_fault(db, err, "reading the years with data");
	st_finalize(st);
	return rc == ST_DONE ? 0 : -1;
}

int validate_run(struct kfq_db *db, const struct kfq_ctx *cx, const struct validate_req *q,
                 struct validate_res *res, struct kfq_err *err)
{
	struct kfq_model m;
	struct rule_set set;
	struct check_opts o = { .rule = q->rule, .unit = -1, .with_errors = 1, .with_warnings = 1 };
	int *years = NULL;
	size_t ny = 0;
	struct vctx v;

	memset(res, 0, sizeof *res);
	if (db_begin(db, cx, err) < 0)
		return -1;
	if (model_load(db, &m, err) < 0)
		goto fail;
	if (rules_load(db, &m.inds, &set, err) < 0)
		goto fail_model;
	{
		int found = 0;
		for (size_t i = 0; i < set.n; i++) {
			int match = !q->rule || strcmp(q->rule, set.v[i].code) == 0;
			found |= match;
			res->rules += match && set.v[i].severity != RULE_OFF;
		}
		if (q->rule && !found) {
			kfq_error_field(err, "rule", "unknown rule \"%s\" (see `kfq export rules`)", q->rule);
			goto fail_rules;
		}
	}
	if (q->unit && (o.unit = units_need(&m.units, q->unit, err)) < 0) {
		kfq_err_set_field(err, "unit");
		goto fail_rules;
	}
	if (q->period) {
		years = xmalloc(sizeof *years);
		years[0] = q->period->year;
		ny = 1;
	} else if (data_years(db, &years, &ny, err) < 0) {
		goto fail_rules;
	}
	v.res = res;
	for (size_t y = 0; y < ny; y++) {
		o.year = years[y];
		o.first = q->period ? q->period->first : 1;
		o.last = q->period ? q->period->last : 12;
		if (finding_rec_init(&v.fr, db, &m.units, 0, o.year, err) < 0)
			goto fail_rules;
		v.fr.errors_too = 1;
		if (check_run(db, &m.units, &m.inds, &set, &o, on_check, &v, err) < 0) {
			finding_rec_release(&v.fr);
			goto fail_rules;
		}
		res->opened += v.fr.opened;
		res->closed += v.fr.closed;
		res->still_open += v.fr.still_open;
		res->confirmed += v.fr.confirmed;
		finding_rec_release(&v.fr);
		if (!res->first_year)
			res->first_year = o.year;
		res->last_year = o.year;
	}
	free(years);
	rules_release(&set);
	model_release(&m);
	return db_commit(db, err);
fail_rules:
	free(years);
	rules_release(&set);
fail_model:
	model_release(&m);
fail:
	db_rollback(db);
	return -1;
}
