/* dec.h: exact decimal figures.
 *
 * Every value kfq holds is a 64-bit integer count of 1/10 000 of its measure
 * family's base unit (元, 美元, 件, %, 亩 ...): DEC_SCALE decimal places, so
 * 1 亿元 is exactly 10^8 × 10^4 and converting 万元 ↔ 亿元 ↔ 元 only moves the
 * decimal point. Every operation detects overflow and reports it; nothing
 * wraps. Rounding, where a figure is shown with fewer decimals or a division
 * is inexact, is half away from zero (四舍五入) and happens only in the
 * functions that say so. Depends on err only. */
#ifndef KFQ_DEC_H
#define KFQ_DEC_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"

#define DEC_SCALE 4
#define DEC_ONE   INT64_C(10000)

typedef int64_t dec;

/* Parse decimal text s (optional sign, digits with optional thousands
 * separators "1,234,567.8", optional fraction, optional exponent "1.2E+07";
 * surrounding spaces allowed) given in a measure 10^shift times the base
 * unit (shift 4 for 万元). On error returns -1 with a message that quotes
 * the value and says what was expected. */
int dec_parse(const char *s, int shift, dec *out, struct kfq_err *err);

/* Checked arithmetic: return -1 on overflow, leaving *out unchanged. */
int dec_add(dec a, dec b, dec *out);
int dec_sub(dec a, dec b, dec *out);
/* a × b and a ÷ b as decimals (both at DEC_SCALE), rounded half away from
 * zero to DEC_SCALE places. dec_div returns 1 (no value) when b is 0. */
int dec_mul(dec a, dec b, dec *out);
int dec_div(dec a, dec b, dec *out);

/* Write v in a measure 10^shift times the base unit with `decimals` places,
 * rounded half away from zero; exact when decimals is -1 (as many places as
 * needed, none trailing). Returns the length written (snprintf style). */
int dec_format(dec v, int shift, int decimals, char *buf, size_t n);

/* Ratio a ÷ b × 100 as a percent with one decimal, in tenths (rounded half
 * away from zero). Returns 1 when b is 0 or the result does not fit. */
int dec_percent_tenths(dec a, dec b, int64_t *tenths);
/* Growth (a − b) ÷ |b| × 100 in tenths of a percent; 1 when b is 0. */
int dec_growth_tenths(dec a, dec b, int64_t *tenths);
/* Write a tenths value as "12.3" (or "-0.5"). */
int dec_format_tenths(int64_t tenths, char *buf, size_t n);

#endif
