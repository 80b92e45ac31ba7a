/* demo_assess.h: the demo's composite assessments (see demo_assess.c): a
 * Jiangsu-like province of 22 provincial zones ranked in 2016 and 2017, and
 * the per-mu rating (亩均效益评价) of the Danyang zone's enterprises in 2017.
 * Depends on base, store, model, calc, assess, io. */
#ifndef KFQ_DEMO_ASSESS_H
#define KFQ_DEMO_ASSESS_H

#include "store/db.h"

/* The scheme texts the demo runs, the same as the files in
 * docs/examples/schemes/ (a test compares them). */
extern const char DEMO_SCHEME_ZONES_2016[];
extern const char DEMO_SCHEME_ZONES_2017[];
extern const char DEMO_SCHEME_PER_MU_2017[];

/* Import the province, its zones and their figures, the enterprises'
 * per-mu figures, then run and store the three assessments. Needs the
 * demo zone (demo.c) and its leads in the database; dir is the demo's
 * temporary folder. */
int demo_assess(const struct kfq_ctx *cx, struct kfq_db *db, const char *dir, struct kfq_err *err);

#endif
