/* assess_part.h: private to assess.c and assess_run.c: the parts of an
 * assess_data that gathering today's inputs and reading a stored run both
 * build. Depends on assess/assess.h. */
#ifndef KFQ_ASSESS_PART_H
#define KFQ_ASSESS_PART_H

#include "assess/assess.h"

/* d's entities and input matrices (ents, raw, values, present) for n
 * entities and d's scheme's leaves, zeroed; never empty allocations. */
void assess_alloc_matrix(struct assess_data *d, size_t n);
/* d->hash: FNV-1a 64 of d's inputs (scheme code, period, entities with
 * their industry and region, every value or its absence). */
void assess_hash_inputs(struct assess_data *d);

#endif
