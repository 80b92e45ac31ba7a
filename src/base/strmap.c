/* strmap.c: string → index hash map (see strmap.h). Depends on xalloc. */
#include "base/strmap.h"
#include "base/xalloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static uint64_t hash(const char *s)
{
	uint64_t h = UINT64_C(1469598103934665603);
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * UINT64_C(1099511628211);
	return h;
}

void strmap_init(struct strmap *m)
{
	m->cap = 64;
	m->n = 0;
	m->keys = xcalloc(m->cap, sizeof *m->keys);
	m->vals = xcalloc(m->cap, sizeof *m->vals);
}

void strmap_release(struct strmap *m)
{
	free(m->keys);
	free(m->vals);
	m->keys = NULL;
	m->vals = NULL;
	m->cap = m->n = 0;
}

static void rehash(struct strmap *m)
{
	struct strmap big = { xcalloc(m->cap * 2, sizeof(char *)), xcalloc(m->cap * 2, sizeof(size_t)),
	                      m->cap * 2, 0 };
	for (size_t i = 0; i < m->cap; i++)
		if (m->keys[i])
			strmap_put(&big, m->keys[i], m->vals[i]);
	strmap_release(m);
	*m = big;
}

void strmap_reserve(struct strmap *m, size_t n)
{
	size_t cap = m->cap ? m->cap : 64;
	struct strmap big;
	while (cap < n * 2 + 2)
		cap *= 2;
	if (cap == m->cap)
		return;
	big = (struct strmap){ xcalloc(cap, sizeof(char *)), xcalloc(cap, sizeof(size_t)), cap, 0 };
	for (size_t i = 0; i < m->cap; i++)
		if (m->keys[i])
			strmap_put(&big, m->keys[i], m->vals[i]);
	strmap_release(m);
	*m = big;
}

void strmap_put(struct strmap *m, const char *key, size_t val)
{
	size_t i;
	if ((m->n + 1) * 2 > m->cap)
		rehash(m);
	for (i = hash(key) & (m->cap - 1); m->keys[i]; i = (i + 1) & (m->cap - 1))
		if (strcmp(m->keys[i], key) == 0) {
			m->vals[i] = val;
			return;
		}
	m->keys[i] = key;
	m->vals[i] = val;
	m->n++;
}

int strmap_get(const struct strmap *m, const char *key, size_t *val)
{
	for (size_t i = hash(key) & (m->cap - 1); m->keys[i]; i = (i + 1) & (m->cap - 1))
		if (strcmp(m->keys[i], key) == 0) {
			*val = m->vals[i];
			return 1;
		}
	return 0;
}
