/* normalise.h: one indicator's column of values put on a common scale (the
 * six normalisations of docs/assess.md, with direction and cap), and the
 * statistics they need (mean, median, numpy-style linear quantiles). Used
 * by the composite engine and by the Monte Carlo runs (normalised once per
 * normalisation, before the runs). Depends on base and assess/scheme. */
#ifndef KFQ_AS_NORMALISE_H
#define KFQ_AS_NORMALISE_H

#include <stddef.h>

#include "assess/scheme.h"
#include "base/err.h"

/* Normalise x[0..n) (finite; the rated entities that have a value) with
 * `norm` and nd's direction (and nd's parameters: benchmark, target, lo, hi;
 * and its cap when use_cap). who[i] names x[i]'s entity in messages. Writes
 * out[0..n) and, for ratio, the benchmark used to *bench (NAN otherwise).
 * Errors name s->file and nd->line: minmax or zscore over values that are
 * all equal ("divides by zero: every entity has the value V"), rank with
 * one value, a ratio benchmark of 0, a lower-is-better ratio of a 0 value
 * without cap, a negative value under ratio or target (named with its
 * entity). */
int as_normalise(const struct as_scheme *s, const struct as_node *nd, enum as_norm norm,
                 int use_cap, const double *x, size_t n, const char *const *who, double *out,
                 double *bench, struct kfq_err *err);

/* The p-th percentile (0 ≤ p ≤ 100) of sorted[0..n), n ≥ 1, by linear
 * interpolation between closest ranks: position (n − 1)·p/100 (numpy's
 * default "linear" method). */
double as_quantile(const double *sorted, size_t n, double p);

/* Sort x[0..n) ascending in place. */
void as_sort_doubles(double *x, size_t n);

/* Mean and median of x[0..n), n ≥ 1 (median: the mean of the two middle
 * values when n is even). as_median uses scratch[0..n). */
double as_mean(const double *x, size_t n);
double as_median(const double *x, size_t n, double *scratch);

#endif
