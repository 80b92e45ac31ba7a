/* u64set.c: a set of 64-bit keys (see u64set.h). */
#include "base/u64set.h"
#include "base/xalloc.h"

#include <stdlib.h>

/* Put stored (a key + 1) at its place in v: 1 when it was not there. */
static int place(uint64_t *v, size_t cap, uint64_t stored)
{
	size_t i = (size_t)((stored * UINT64_C(0x9E3779B97F4A7C15)) >> 20) & (cap - 1);
	for (; v[i]; i = (i + 1) & (cap - 1))
		if (v[i] == stored)
			return 0;
	v[i] = stored;
	return 1;
}

int u64set_add(struct u64set *s, uint64_t key)
{
	if ((s->n + 1) * 2 > s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 1024;
		uint64_t *v = xcalloc(cap, sizeof *v);
		for (size_t i = 0; i < s->cap; i++)
			if (s->v[i])
				place(v, cap, s->v[i]);
		free(s->v);
		s->v = v;
		s->cap = cap;
	}
	if (!place(s->v, s->cap, key + 1))
		return 0;
	s->n++;
	return 1;
}

int u64set_has(const struct u64set *s, uint64_t key)
{
	uint64_t stored = key + 1;
	if (!s->cap)
		return 0;
	for (size_t i = (size_t)((stored * UINT64_C(0x9E3779B97F4A7C15)) >> 20) & (s->cap - 1);
	     s->v[i]; i = (i + 1) & (s->cap - 1))
		if (s->v[i] == stored)
			return 1;
	return 0;
}

void u64set_release(struct u64set *s)
{
	free(s->v);
	s->v = NULL;
	s->cap = s->n = 0;
}
