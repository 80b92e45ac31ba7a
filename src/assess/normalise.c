/* normalise.c: the six normalisations and their statistics (see
 * normalise.h; the formulas are in docs/assess.md). Depends on base and
 * assess/scheme only. */
#include "assess/normalise.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

static int cmp_double(const void *pa, const void *pb)
{
	double a = *(const double *)pa, b = *(const double *)pb;
	return (a > b) - (a < b);
}

void as_sort_doubles(double *x, size_t n)
{
	if (n > 1)
		qsort(x, n, sizeof *x, cmp_double);
}

double as_quantile(const double *sorted, size_t n, double p)
{
	double h = (double)(n - 1) * p / 100.0;
	size_t lo = (size_t)floor(h);
	if (lo + 1 >= n)
		return sorted[n - 1];
	return sorted[lo] + (h - (double)lo) * (sorted[lo + 1] - sorted[lo]);
}

double as_mean(const double *x, size_t n)
{
	double sum = 0;
	for (size_t i = 0; i < n; i++)
		sum += x[i];
	return sum / (double)n;
}

double as_median(const double *x, size_t n, double *scratch)
{
	memcpy(scratch, x, n * sizeof *x);
	as_sort_doubles(scratch, n);
	return n % 2 ? scratch[n / 2] : (scratch[n / 2 - 1] + scratch[n / 2]) / 2;
}

/* "minmax divides by zero: every entity has the value V" */
static int all_equal(const struct as_scheme *s, const struct as_node *nd, enum as_norm norm,
                     double v, size_t n, struct kfq_err *err)
{
	return kfq_error(err, "%s:%d: indicator %s: %s divides by zero: every entity has the "
	                 "value %.10g (%zu rated): expected values that differ, or another "
	                 "normalisation", s->file, nd->line, nd->code, as_norm_name(norm), v, n);
}

/* Ascending ranks of x with ties averaged, 1-based, into r. */
struct ix {
	double v;
	size_t i;
};

static int cmp_ix(const void *pa, const void *pb)
{
	const struct ix *a = pa, *b = pb;
	if (a->v != b->v)
		return (a->v > b->v) - (a->v < b->v);
	return (a->i > b->i) - (a->i < b->i);
}

static void ranks_averaged(const double *x, size_t n, double *r)
{
	struct ix *t = xcalloc(n, sizeof *t);
	for (size_t i = 0; i < n; i++)
		t[i] = (struct ix){ x[i], i };
	qsort(t, n, sizeof *t, cmp_ix);
	for (size_t i = 0; i < n;) {
		size_t j = i;
		while (j + 1 < n && t[j + 1].v == t[i].v)
			j++;
		double avg = ((double)(i + 1) + (double)(j + 1)) / 2;
		for (size_t k = i; k <= j; k++)
			r[t[k].i] = avg;
		i = j + 1;
	}
	free(t);
}

int as_normalise(const struct as_scheme *s, const struct as_node *nd, enum as_norm norm,
                 int use_cap, const double *x, size_t n, const char *const *who, double *out,
                 double *bench, struct kfq_err *err)
{
	int lower = nd->dir == AS_LOWER;
	double lo = INFINITY, hi = -INFINITY;
	*bench = NAN;
	if (n == 0)
		return kfq_error(err, "%s:%d: indicator %s: no rated entity has a value: expected "
		                 "at least one", s->file, nd->line, nd->code);
	for (size_t i = 0; i < n; i++) {
		lo = fmin(lo, x[i]);
		hi = fmax(hi, x[i]);
	}
	if ((norm == AS_RATIO || norm == AS_TARGET) && lo < 0)
		for (size_t i = 0; i < n; i++)
			if (x[i] < 0)
				return kfq_error(err, "%s:%d: indicator %s: norm=%s needs values of 0 or more "
				                 "(a ratio to a benchmark or a target assumes positive data): "
				                 "entity %s has %.4f: expected norm=minmax, zscore, rank or "
				                 "goalposts for an indicator that can be negative", s->file,
				                 nd->line, nd->code, norm == AS_RATIO ? "ratio" : "target",
				                 who[i], x[i]);
	switch (norm) {
	case AS_MINMAX:
		if (hi == lo)
			return all_equal(s, nd, norm, lo, n, err);
		for (size_t i = 0; i < n; i++)
			out[i] = lower ? 100 * (hi - x[i]) / (hi - lo) : 100 * (x[i] - lo) / (hi - lo);
		break;
	case AS_ZSCORE: {
		if (hi == lo)
			return all_equal(s, nd, norm, lo, n, err);
		double mean = as_mean(x, n), ss = 0;
		for (size_t i = 0; i < n; i++)
			ss += (x[i] - mean) * (x[i] - mean);
		double sd = sqrt(ss / (double)n);
		if (!(sd > 0))
			return all_equal(s, nd, norm, lo, n, err);
		for (size_t i = 0; i < n; i++)
			out[i] = lower ? -(x[i] - mean) / sd : (x[i] - mean) / sd;
		break;
	}
	case AS_RANK:
		if (n < 2)
			return kfq_error(err, "%s:%d: indicator %s: rank divides by zero: only one "
			                 "rated entity (%s) has a value: expected at least two",
			                 s->file, nd->line, nd->code, who[0]);
		ranks_averaged(x, n, out);
		for (size_t i = 0; i < n; i++) {
			double v = 100 * (out[i] - 1) / (double)(n - 1);
			out[i] = lower ? 100 - v : v;
		}
		break;
	case AS_RATIO: {
		double b = nd->benchmark;
		if (nd->bench == AS_BENCH_MEAN) {
			b = as_mean(x, n);
		} else if (nd->bench == AS_BENCH_MEDIAN) {
			double *scratch = xcalloc(n, sizeof *scratch);
			b = as_median(x, n, scratch);
			free(scratch);
		}
		if (b == 0)
			return kfq_error(err, "%s:%d: indicator %s: ratio divides by zero: the benchmark "
			                 "(%s of %zu rated) is 0: expected a benchmark ≠ 0", s->file,
			                 nd->line, nd->code, nd->bench == AS_BENCH_MEAN ? "mean" :
			                 "median", n);
		*bench = b;
		for (size_t i = 0; i < n; i++) {
			if (!lower) {
				out[i] = 100 * x[i] / b;
			} else if (x[i] != 0) {
				out[i] = 100 * b / x[i];
			} else if (use_cap && nd->has_cap) {
				out[i] = nd->cap;
			} else {
				return kfq_error(err, "%s:%d: indicator %s: ratio (lower is better) divides "
				                 "by zero: entity %s has the value 0: expected a value "
				                 "≠ 0, or cap= to give it", s->file, nd->line, nd->code,
				                 who[i]);
			}
		}
		break;
	}
	case AS_TARGET:
		for (size_t i = 0; i < n; i++) {
			if (!lower)
				out[i] = fmin(100, 100 * x[i] / nd->target);
			else   /* 0: the best possible value; the limit of min(100, 100t/x) */
				out[i] = x[i] == 0 ? 100 : fmin(100, 100 * nd->target / x[i]);
		}
		break;
	case AS_GOALPOSTS:
		for (size_t i = 0; i < n; i++) {
			double v = lower ? 100 * (nd->hi - x[i]) / (nd->hi - nd->lo)
			                 : 100 * (x[i] - nd->lo) / (nd->hi - nd->lo);
			out[i] = fmin(100, fmax(0, v));
		}
		break;
	}
	if (use_cap && nd->has_cap)
		for (size_t i = 0; i < n; i++)
			out[i] = fmin(out[i], nd->cap);
	return 0;
}
