/* indicator.h: indicators: what is measured, in which measure, how it
 * rolls up over months (flow or stock) and over units (sum, mean, max,
 * none), to how many decimals it is shown, over which unit group (scope),
 * and, for computed indicators, from which formula. Depends on base, store
 * and calc/formula (compiling a formula is validating it). */
#ifndef KFQ_INDICATOR_H
#define KFQ_INDICATOR_H

#include <stddef.h>
#include <stdint.h>

#include "base/measure.h"
#include "base/strmap.h"
#include "base/formula.h"
#include "store/db.h"

enum ind_kind { IND_FLOW, IND_STOCK };
enum ind_agg { AGG_SUM, AGG_MEAN, AGG_MAX, AGG_NONE };

struct indicator {
	int64_t id;
	char *code;
	char *name_zh;
	char *name_en;
	const struct measure *measure;   /* the display measure */
	enum ind_kind kind;
	enum ind_agg agg;
	int decimals;                    /* shown in the display measure */
	char *scope;                     /* unit group code, or NULL */
	char *formula_text;              /* NULL unless computed */
	struct formula *formula;
	int headline;                    /* 1..n: order in the bulletin; 0 not in it */
	int derived;                     /* computed by kfq from other records (projects) */
};

struct indicator_set {
	struct indicator *v;             /* ordered by code */
	size_t n;
	struct strmap by_code;
};

int indicators_load(struct kfq_db *db, struct indicator_set *set, struct kfq_err *err);
void indicators_release(struct indicator_set *set);
long indicators_find(const struct indicator_set *set, const char *code);
long indicators_need(const struct indicator_set *set, const char *code, struct kfq_err *err);

const char *ind_kind_name(enum ind_kind k);
const char *ind_agg_name(enum ind_agg a);

struct indicator_row {
	const char *code, *name_zh, *name_en, *measure, *kind, *agg, *decimals, *scope,
	           *formula, *headline;
};
/* Insert or update one indicator after validating every field (a formula
 * must compile and refer only to known indicators). *changed: 0 same,
 * 1 added, 2 changed. Changing the measure family of an indicator that has
 * data is refused. A refusal names its field apart (err->field: "measure",
 * "formula" ...). */
/* An indicator that a module computes (lead, case and project figures):
 * added as row when missing (a user's own definition of the code is
 * kept), then marked derived or not (derived values take no data). */
int indicator_ensure(struct kfq_db *db, const struct indicator_row *row, int derived,
                     struct kfq_err *err);
int indicator_put(struct kfq_db *db, const struct indicator_row *row, int *changed,
                  struct kfq_err *err);

#endif
