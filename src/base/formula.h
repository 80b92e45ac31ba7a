/* formula.h: the small, safe expression language of formula indicators.
 *
 * Grammar: expr = term { ("+"|"-") term }; term = unary { ("*"|"/") unary };
 * unary = "-" unary | primary; primary = number | code | call | "(" expr ")";
 * call = fn "(" (code | call) ")"; fn = "ytd" | "prior" | "prev";
 * code = [A-Za-z_][A-Za-z0-9_]*. The period functions nest, each at most
 * once in a call: ytd(prev(x)) is the year to date at the previous month.
 * Numbers are decimals ("100", "0.5"). Values are exact decimals (dec);
 * multiplication and division round half away from zero to DEC_SCALE places.
 * A division by zero or a missing input makes the whole result "no value",
 * never a crash. A malformed formula is rejected at compile time with the
 * position (1-based character column) of the error.
 * Depends on base only: looking codes up is the caller's business. */
#ifndef KFQ_FORMULA_H
#define KFQ_FORMULA_H

#include <stddef.h>

#include "base/dec.h"
#include "base/err.h"

/* Which period a code is read in: bits, combined by nesting
 * (prior(ytd(x)) is FORMULA_YTD | FORMULA_PRIOR); the lookup applies prev
 * first, then ytd, then prior, whatever the order written. */
enum formula_fn {
	FORMULA_VALUE = 0,  /* code      : the value in the period */
	FORMULA_YTD = 1,    /* ytd(code) : year to date at the period's end */
	FORMULA_PRIOR = 2,  /* prior(code): the same period last year */
	FORMULA_PREV = 4,   /* prev(code): the previous period (the month before a
	                       month, the quarter before a quarter, the year to date
	                       at the month before; December before January) */
};

struct formula;

/* Compile text. On error returns -1 with a message such as
 * `formula "a + * b": column 5: expected a number, a code, a function or "("`. */
int formula_compile(const char *text, struct formula **out, struct kfq_err *err);
void formula_free(struct formula *f);

/* The distinct codes the formula refers to, in first-use order; the array
 * and strings belong to f. */
size_t formula_codes(const struct formula *f, const char *const **codes);

/* Whether the result is in the measure of the codes: 1 for a sum of
 * codes scaled by numbers (x, 3 * prior(x), a + b, x / 3), 0 for a pure
 * number (x / y, 100), another degree for a product of codes. */
int formula_degree(const struct formula *f);

/* Look a code up. Return 0 and set *out when there is a value, 1 when there
 * is none, -1 on an error (err filled). */
typedef int (*formula_lookup_fn)(void *ctx, const char *code, enum formula_fn fn,
                                 dec *out, struct kfq_err *err);

/* Evaluate. Returns 0 with *out set, 1 for "no value" (missing input,
 * division by zero, overflow), -1 when the lookup failed. */
int formula_eval(const struct formula *f, formula_lookup_fn lookup, void *ctx,
                 dec *out, struct kfq_err *err);

#endif
