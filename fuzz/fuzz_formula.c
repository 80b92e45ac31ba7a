/* fuzz_formula.c: libFuzzer harness for the formula language.
 *
 * Compiles arbitrary bytes as a formula and, when that succeeds, evaluates
 * it with a lookup whose answer (a value, "no value" or an error) follows
 * deterministically from a hash of the code and the function, then lists
 * its codes and frees everything. Depends only on calc/formula and base. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "base/formula.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static uint64_t fuzz_hash(const char *s, enum formula_fn fn)
{
	uint64_t h = 1469598103934665603ULL ^ (uint64_t)fn;   /* FNV-1a */
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return h;
}

static int fuzz_lookup(void *ctx, const char *code, enum formula_fn fn, dec *out,
                       struct kfq_err *err)
{
	uint64_t h = fuzz_hash(code, fn);

	(void)ctx;
	switch (h % 16) {
	case 0:
		return 1;                                /* no value */
	case 1:
		return kfq_error(err, "lookup of %s failed", code);
	case 2:
		*out = INT64_MAX;
		return 0;
	case 3:
		*out = INT64_MIN;
		return 0;
	case 4:
		*out = 0;
		return 0;
	default: {                                   /* every size and sign */
		dec m = (dec)(h >> 1) >> ((h >> 8) % 48);
		*out = ((h >> 7) & 1) ? -m : m;
		return 0;
	}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = xmalloc(size + 1);
	struct formula *f = NULL;
	struct kfq_err err = { 0 };
	const char *const *codes;
	dec v = 0;

	memcpy(text, data, size);
	text[size] = '\0';
	if (formula_compile(text, &f, &err) == 0) {
		size_t n = formula_codes(f, &codes);
		for (size_t i = 0; i < n; i++)
			if (codes[i][0] == '\0')
				abort();
		(void)formula_eval(f, fuzz_lookup, NULL, DEC_SCALE, &v, &err);
		formula_free(f);
	} else if (err.msg[0] == '\0') {
		abort();                                 /* every error says something */
	}
	free(text);
	return 0;
}
