/* validate.h: `kfq validate`: the validation rules run on stored data in
 * one transaction, their findings opened and closed (quality/finding.h).
 * Depends on base, store, model, calc and quality. */
#ifndef KFQ_VALIDATE_H
#define KFQ_VALIDATE_H

#include <stddef.h>

#include "base/ctx.h"
#include "base/period.h"
#include "store/db.h"

struct validate_req {
	const struct period *period;   /* its months; NULL: every month of every year with data */
	const char *unit;              /* its subtree, or NULL */
	const char *rule;              /* one rule, or NULL */
};

struct validate_res {
	size_t rules;                  /* rules run (not off) */
	size_t checks, failed, errors, warnings;
	size_t opened, closed, still_open, confirmed;
	int first_year, last_year;     /* the years checked (0 when none) */
};

int validate_run(struct kfq_db *db, const struct kfq_ctx *cx, const struct validate_req *q,
                 struct validate_res *res, struct kfq_err *err);

#endif
