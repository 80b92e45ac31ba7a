/* import_validate.c: the validation rules run on the months a data import
 * changed (quality/check.h, docs/quality.md "Where the rules run"): a
 * failed error rule is a bad row named by its line, a failed warning an
 * open finding and a line of the report. Private to the import
 * (import_kind.h). Depends on base, store, model, calc, quality. */
#include "io/import_kind.h"
#include "quality/check.h"
#include "quality/finding.h"
#include "quality/rule.h"

#include <stdio.h>

struct vctx {
	struct ictx *c;
	struct finding_rec fr;
};

/* A check of the import's months: a failed error rule is a bad row, a
 * failed warning a finding and a line of the report. */
static int on_check(void *ctx, const struct check_result *r, const struct check_key *k,
                    struct kfq_err *err)
{
	struct vctx *v = ctx;
	struct ictx *c = v->c;
	const struct unit *u = &c->units.v[r->unit];
	char period[16];

	if (finding_record(&v->fr, r, k, err) < 0)
		return -1;
	if (!r->failed)
		return 0;
	snprintf(period, sizeof period, "%04d-%02d", r->year, r->month);
	if (r->rule->severity == RULE_ERROR) {
		struct kfq_err e;
		kfq_error(&e, "rule %s: %s %s: %s", r->rule->code, u->code, period, r->detail);
		kfq_err_zh(&e, "规则 %s：%s %s：%s", r->rule->code, u->code, period, r->detail_zh);
		import_bad_row(c, k ? k->line : 0, &e);
		c->failed_checks++;
		return 0;
	}
	c->res->warnings++;
	sbuf_addf(&c->warn, "%s:%zu: warning: rule %s: %s %s: %s\n", c->o->path, k ? k->line : 0,
	          r->rule->code, u->code, period, r->detail);
	sbuf_addf(&c->warn_zh, "%s:%zu: 警告：规则 %s：%s %s：%s\n", c->o->path, k ? k->line : 0,
	          r->rule->code, u->code, period, r->detail_zh);
	return 0;
}

/* Run the validation rules on the months the rows changed (with the month
 * after each and their ancestors': check_keys_expand). The roll-ups are
 * rebuilt first (also on a dry run, which rolls back). */
int import_validate(struct ictx *c, int *refreshed, struct kfq_err *err)
{
	struct rule_set set;
	struct vctx v;
	struct check_opts o = { .unit = -1, .with_errors = 1, .with_warnings = 1 };
	long rc;

	if (rules_load(c->db, &c->inds, &set, err) < 0)
		return -1;
	if (!rules_active(&set)) {
		rules_release(&set);
		return 0;
	}
	check_keys_expand(&c->units, &c->vkeys, &c->nvkeys, &c->vkeys_cap);
	if (import_refresh_rollups(c, err) < 0) {
		rules_release(&set);
		return -1;
	}
	*refreshed = 1;
	if (finding_rec_init(&v.fr, c->db, &c->units, c->res->import_id, 0, err) < 0) {
		rules_release(&set);
		return -1;
	}
	v.c = c;
	o.keys = c->vkeys;
	o.nkeys = c->nvkeys;
	rc = check_run(c->db, &c->units, &c->inds, &set, &o, on_check, &v, err);
	finding_rec_release(&v.fr);
	rules_release(&set);
	return rc < 0 ? -1 : 0;
}
