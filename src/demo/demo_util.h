/* demo_util.h: what the demo's builders share (demo.c, demo_projects.c,
 * demo_leads.c): a fixed-seed random generator, an exact largest-remainder
 * split, and importing a generated CSV text through the import a user's
 * files take. Private to src/demo: nothing outside it includes this.
 * Depends on base, store, io. */
#ifndef KFQ_DEMO_UTIL_H
#define KFQ_DEMO_UTIL_H

#include <stddef.h>
#include <stdint.h>

#include "base/sbuf.h"
#include "store/db.h"

/* A splitmix64 generator. Each builder seeds its own, so the numbers one
 * draws do not depend on what the others drew. */
struct demo_rng {
	uint64_t state;
};

/* The next 64 random bits. */
uint64_t demo_rng_next(struct demo_rng *r);
/* A number from lo to hi, both included (lo ≤ hi). */
int64_t demo_rng_in(struct demo_rng *r, int64_t lo, int64_t hi);

/* Split total (≥ 0) into n integer parts out[] proportional to the weights
 * w (≥ 0), exactly: every part gets its share rounded down, then the units
 * left go one each to the largest remainders, ties to the lower index.
 * Σ out = total; a part of weight 0 gets 0, and all parts are 0 when every
 * weight is. */
void demo_split(int64_t total, const int64_t *w, size_t n, int64_t *out);

/* Write csv to dir/name, import it as kind (synthetic: mark the units it
 * adds as synthetic), and remove the file again, whether or not that
 * worked. A file the import rejects is a fault (the demo's data is wrong),
 * reported with the first of the import's messages. */
int demo_import(const struct kfq_ctx *cx, struct kfq_db *db, const char *dir, const char *name, const char *kind,
                const struct sbuf *csv, int synthetic, struct kfq_err *err);

/* The demo's validation rules (demo_rules.c), imported after its data. */
int demo_rules(const struct kfq_ctx *cx, struct kfq_db *db, const char *dir, struct kfq_err *err);

#endif
