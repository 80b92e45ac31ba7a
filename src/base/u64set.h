/* u64set.h: a set of 64-bit keys (open addressing, Fibonacci hashing),
 * for "seen this one already?" over a file's rows. Zeroed is empty.
 * Depends on xalloc. */
#ifndef KFQ_U64SET_H
#define KFQ_U64SET_H

#include <stddef.h>
#include <stdint.h>

struct u64set {
	uint64_t *v;   /* key + 1 at its place, 0 empty */
	size_t cap;    /* power of two */
	size_t n;
};

/* Add key (any but UINT64_MAX): 1 when it was not there, 0 when it was. */
int u64set_add(struct u64set *s, uint64_t key);
/* Whether key is in s. */
int u64set_has(const struct u64set *s, uint64_t key);
void u64set_release(struct u64set *s);

#endif
