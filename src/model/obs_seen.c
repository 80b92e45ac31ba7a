/* obs_seen.c: the keys an import has given so far, with their lines (see
 * obs_part.h), so that a key given twice names its first line. Depends on
 * base. */
#include "model/obs.h"
#include "model/obs_part.h"
#include "base/xalloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>

/* Keys seen in this batch: open addressing over 16-byte slots, each the
 * key's 96-bit hash (two independent mixes of its two words: a false
 * "given twice" among 33 million keys has odds of about 10^-14) and its
 * line + 1 (0: an empty slot; UINT32_MAX: a line too large to keep, named
 * as "given twice in this file"). Half the memory of the keys themselves,
 * so half the cache misses and page faults of a large import; at most
 * three quarters full (a probe past the first slot is mostly in the same
 * cache line). A data file's months are not kept here but in their rows
 * (obs_year.c). */
struct seen_slot {
	uint64_t h;
	uint32_t h2, line;
};

struct obs_seen {
	struct seen_slot *v;
	size_t cap, n;
};

uint64_t obs_mix(uint64_t a, uint64_t b)
{
	uint64_t h = a * UINT64_C(0x9E3779B97F4A7C15) ^ (b + UINT64_C(0x632BE59BD9B4E019));
	h ^= h >> 31;
	h *= UINT64_C(0xBF58476D1CE4E5B9);
	return h ^ (h >> 29);
}

static uint32_t mix2(uint64_t a, uint64_t b)
{
	uint64_t h = (b * UINT64_C(0xD6E8FEB86659FD93)) ^ (a + UINT64_C(0x2545F4914F6CDD1D));
	h ^= h >> 32;
	h *= UINT64_C(0x94D049BB133111EB);
	return (uint32_t)(h >> 32);
}

/* A table of many megabytes is probed at random, one slot a key: in pages
 * of 4 KB nearly every probe misses the TLB and every page's first touch is
 * a fault (16 000 of them for the city's 2.9 million keys). Huge pages
 * (2 MB, where the kernel gives them on request) take both away; the
 * block's aligned interior is asked for, and a refusal changes nothing. */
void obs_huge(void *p, size_t bytes)
{
#ifdef MADV_HUGEPAGE
	const uintptr_t huge = (uintptr_t)2 << 20;
	uintptr_t lo = ((uintptr_t)p + huge - 1) & ~(huge - 1);
	uintptr_t hi = ((uintptr_t)p + bytes) & ~(huge - 1);
	if (hi > lo)
		(void)madvise((void *)lo, hi - lo, MADV_HUGEPAGE);
#else
	(void)p;
	(void)bytes;
#endif
}

static void *slots_alloc(size_t cap)
{
	void *v = xcalloc(cap, sizeof(struct seen_slot));
	obs_huge(v, cap * sizeof(struct seen_slot));
	return v;
}

static void seen_grow(struct obs_seen *s, size_t cap)
{
	struct obs_seen big = { slots_alloc(cap), cap, s->n };
	for (size_t i = 0; i < s->cap; i++)
		if (s->v[i].line) {
			size_t j = s->v[i].h & (cap - 1);
			while (big.v[j].line)
				j = (j + 1) & (cap - 1);
			big.v[j] = s->v[i];
		}
	free(s->v);
	*s = big;
}

size_t obs_seen_check(struct obs_seen *s, uint64_t a, uint64_t b, size_t line)
{
	uint64_t h = obs_mix(a, b);
	uint32_t h2 = mix2(a, b);
	size_t i;
	if ((s->n + 1) * 4 > s->cap * 3)
		seen_grow(s, s->cap ? s->cap * 2 : 1024);
	for (i = h & (s->cap - 1); s->v[i].line; i = (i + 1) & (s->cap - 1))
		if (s->v[i].h == h && s->v[i].h2 == h2)
			return s->v[i].line > 1 && s->v[i].line < UINT32_MAX ? s->v[i].line - 1
			                                                       : (size_t)-1;
	s->v[i].h = h;
	s->v[i].h2 = h2;
	s->v[i].line = line < UINT32_MAX - 1 ? (uint32_t)line + 1 : UINT32_MAX;
	s->n++;
	return 0;
}

void obs_writer_expect(struct obs_writer *w, size_t keys)
{
	obs_year_expect(w->year, keys);
}

struct obs_seen *obs_seen_new(void)
{
	return xcalloc(1, sizeof(struct obs_seen));
}

void obs_seen_free(struct obs_seen *s)
{
	if (s)
		free(s->v);
	free(s);
}
