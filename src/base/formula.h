/* formula.h: the small, safe expression language of formula indicators.
 *
 * Grammar: expr = term { ("+"|"-") term }; term = unary { ("*"|"/") unary };
 * unary = "-" unary | primary; primary = number | code | call | "(" expr ")";
 * call = fn "(" (code | call) ")"; fn = "ytd" | "prior" | "prev";
 * code = [A-Za-z_][A-Za-z0-9_]*. The period functions nest, each at most
 * once in a call: ytd(prev(x)) is the year to date at the previous month.
 * Numbers are decimals ("100", "0.5"). The inputs are exact decimals (dec)
 * and every step is exact (rationals with big integers, GMP), so formulas
 * that are algebraically equal give equal results ("t / g * 100" and
 * "t * 100 / g"); the result is rounded once, at the end, half away from
 * zero (四舍五入) to the places the caller asks for: an indicator's decimals
 * in its measure. A division by zero or a missing input makes the whole
 * result "no value" (err says which), never a crash; a result that does not
 * fit in a dec is an error. A malformed formula is rejected at compile time
 * with the position (1-based character column) of the error.
 * Depends on base and GMP only: looking codes up is the caller's business. */
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

/* Whether the formula is one code alone, with its period functions
 * (`x`, `ytd(prev(x))`): 1 with *code and *fn set, else 0. Its value is
 * then exactly the code's, and a caller may look it up without evaluating. */
int formula_single(const struct formula *f, const char **code, enum formula_fn *fn);

/* Look a code up. Return 0 and set *out when there is a value, 1 when there
 * is none, -1 on an error (err filled). */
typedef int (*formula_lookup_fn)(void *ctx, const char *code, enum formula_fn fn,
                                 dec *out, struct kfq_err *err);

/* Evaluate exactly and round once to `places` decimals of the base unit
 * (at most DEC_SCALE; 0 rounds to units, -2 to hundreds). Returns 0 with
 * *out set; 1 for "no value" (a missing input or a division by zero: err
 * says which, for callers that show why); -1 when a lookup failed or the
 * result does not fit in a dec (err names the formula and the result). */
int formula_eval(const struct formula *f, formula_lookup_fn lookup, void *ctx, int places,
                 dec *out, struct kfq_err *err);
/* The same divided by per / 10^DEC_SCALE × 10^shift (a dec in a measure
 * 10^shift times the base unit: land in 亩, population in 万人), still
 * exactly, rounded once. 1 (no value) when per is 0. */
int formula_eval_per(const struct formula *f, formula_lookup_fn lookup, void *ctx, dec per,
                     int shift, int places, dec *out, struct kfq_err *err);
/* The places of the base unit that `decimals` places in a measure 10^shift
 * times the base unit keep (DEC_SCALE at most). */
int formula_places(int decimals, int shift);

#endif
