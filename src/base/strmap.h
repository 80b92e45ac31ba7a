/* strmap.h: a hash map from strings to indexes (open addressing, FNV-1a).
 * Keys are not copied: they must outlive the map. Depends on xalloc. */
#ifndef KFQ_STRMAP_H
#define KFQ_STRMAP_H

#include <stddef.h>

struct strmap {
	const char **keys;
	size_t *vals;
	size_t cap;    /* power of two */
	size_t n;
};

void strmap_init(struct strmap *m);
void strmap_release(struct strmap *m);
/* Room for n keys in all, so that filling it does not grow it again. */
void strmap_reserve(struct strmap *m, size_t n);
/* Set key → val (replacing). */
void strmap_put(struct strmap *m, const char *key, size_t val);
/* Returns 1 and sets *val when found, else 0. */
int strmap_get(const struct strmap *m, const char *key, size_t *val);

#endif
