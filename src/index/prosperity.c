/* prosperity.c: diffusion indices and their composites for the prosperity
 * part of the eyewear index (see prosperity.h). Pure computation on arrays
 * the caller owns; depends on base (err, xalloc) only. */
#include "index/prosperity.h"
#include "base/xalloc.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const REPLY_NAME[] = { [PR_UP] = "up", [PR_FLAT] = "flat",
                                          [PR_DOWN] = "down", [PR_NONE] = "none" };

const char *pr_reply_name(enum pr_reply r)
{
	return (unsigned)r <= PR_NONE ? REPLY_NAME[r] : NULL;
}

double pr_round1(double x)
{
	return round(x * 10.0) / 10.0;   /* round(): half away from zero */
}

/* The respondent of answer `i`, for messages. */
static const char *who(const struct pr_answer *a)
{
	return a->respondent && a->respondent[0] ? a->respondent : "(none)";
}

/* One answer to the question: its position, for the duplicate check. */
struct seen {
	const char *respondent;
	size_t at;
};

static int seen_cmp(const void *pa, const void *pb)
{
	const struct seen *a = pa, *b = pb;
	int c = strcmp(a->respondent, b->respondent);
	if (c)
		return c;
	return (a->at > b->at) - (a->at < b->at);
}

/* Fail if one respondent answered the question twice. */
static int check_twice(const struct pr_answer *answers, size_t n, const char *question,
                       size_t count, struct kfq_err *err)
{
	struct seen *s = xmalloc(count * sizeof *s);
	size_t k = 0;
	int rc = 0;

	for (size_t i = 0; i < n; i++)
		if (strcmp(answers[i].question, question) == 0)
			s[k++] = (struct seen){ answers[i].respondent, i };
	qsort(s, k, sizeof *s, seen_cmp);
	for (size_t i = 1; i < k; i++)
		if (strcmp(s[i - 1].respondent, s[i].respondent) == 0) {
			rc = kfq_error(err, "respondent \"%s\" answered question \"%s\" twice "
			               "(answers %zu and %zu); keep one answer per respondent",
			               s[i].respondent, question, s[i - 1].at + 1, s[i].at + 1);
			break;
		}
	free(s);
	return rc;
}

/* Check every answer to the question and count them into out. */
static int tally(const struct pr_answer *answers, size_t n, const char *question,
                 int weighted, struct pr_result *out, struct kfq_err *err)
{
	size_t count = 0;

	for (size_t i = 0; i < n; i++) {
		const struct pr_answer *a = &answers[i];
		double w;
		if (!a->question || !a->question[0])
			return kfq_error(err, "answer %zu (respondent %s) names no question",
			                 i + 1, who(a));
		if (strcmp(a->question, question) != 0)
			continue;
		if (!a->respondent || !a->respondent[0])
			return kfq_error(err, "answer %zu to question \"%s\" names no respondent",
			                 i + 1, question);
		if ((unsigned)a->reply > PR_NONE)
			return kfq_error(err, "answer %zu to question \"%s\" (respondent %s): reply %d "
			                 "is not up, flat, down or none", i + 1, question, who(a),
			                 (int)a->reply);
		w = 1.0;
		if (weighted) {
			w = a->weight;
			if (!isfinite(w))
				return kfq_error(err, "answer %zu to question \"%s\" (respondent %s): "
				                 "weight %g is not a number", i + 1, question, who(a), w);
			if (w < 0)
				return kfq_error(err, "answer %zu to question \"%s\" (respondent %s): "
				                 "weight %g is negative; a size is 0 or more",
				                 i + 1, question, who(a), w);
		}
		count++;
		switch (a->reply) {
		case PR_UP: out->n_up++; out->w_up += w; break;
		case PR_FLAT: out->n_flat++; out->w_flat += w; break;
		case PR_DOWN: out->n_down++; out->w_down += w; break;
		case PR_NONE: out->n_none++; out->w_none += w; break;
		}
	}
	if (count == 0)
		return kfq_error(err, "no answers to question \"%s\" among the %zu answers",
		                 question, n);
	return check_twice(answers, n, question, count, err);
}

/* The unweighted index in tenths, rounded half away from zero, exactly:
 * 1000 × (good + flat / 2) / answered, all integers. */
static double exact_published(size_t good, size_t flat, size_t answered)
{
	uint64_t num = 2000 * (uint64_t)good + 1000 * (uint64_t)flat;  /* 2 × tenths × answered */
	uint64_t den = 2 * (uint64_t)answered;
	return (double)((num + answered) / den) / 10.0;
}

int pr_diffusion(const struct pr_answer *answers, size_t n, const char *question,
                 int weighted, int inverted, struct pr_result *out, struct kfq_err *err)
{
	struct pr_result r = { .question = question, .weighted = !!weighted,
	                       .inverted = !!inverted };
	size_t good;
	double w_good;

	if (!question || !question[0])
		return kfq_error(err, "no question given for the diffusion index");
	if (n == 0 || !answers)
		return kfq_error(err, "no answers: the survey for question \"%s\" is empty", question);
	if (tally(answers, n, question, weighted, &r, err) < 0)
		return -1;
	r.n_answered = r.n_up + r.n_flat + r.n_down;
	r.w_answered = r.w_up + r.w_flat + r.w_down;
	r.nonresponse = 100.0 * (double)r.n_none / (double)(r.n_answered + r.n_none);
	if (r.n_answered == 0)
		return kfq_error(err, "question \"%s\": all %zu answers are non-responses; "
		                 "there is no index", question, r.n_none);
	if (!isfinite(r.w_answered))
		return kfq_error(err, "question \"%s\": the weights sum beyond the range of a "
		                 "number; use smaller units for the sizes", question);
	if (r.w_answered <= 0)
		return kfq_error(err, "question \"%s\": the weights of the %zu respondents who "
		                 "answered sum to zero; there is no weighted index",
		                 question, r.n_answered);
	r.share_up = 100.0 * r.w_up / r.w_answered;
	r.share_flat = 100.0 * r.w_flat / r.w_answered;
	r.share_down = 100.0 * r.w_down / r.w_answered;
	good = inverted ? r.n_down : r.n_up;
	w_good = inverted ? r.w_down : r.w_up;
	r.index = (100.0 * w_good + 50.0 * r.w_flat) / r.w_answered;
	r.index = fmin(100.0, fmax(0.0, r.index));   /* rounding in the sums only */
	r.published = weighted ? pr_round1(r.index)
	                       : exact_published(good, r.n_flat, r.n_answered);
	*out = r;
	return 0;
}

/* A part's name, for messages. */
static const char *part_name(const struct pr_part *p, size_t i, char *buf, size_t size)
{
	if (p->name && p->name[0])
		return p->name;
	snprintf(buf, size, "#%zu", i + 1);
	return buf;
}

int pr_composite(const struct pr_part *parts, size_t n, struct pr_composite *out,
                 struct kfq_err *err)
{
	struct pr_composite c = { 0 };
	double sum = 0;
	char buf[32];

	if (n == 0 || !parts)
		return kfq_error(err, "no questions to combine into a composite index");
	for (size_t i = 0; i < n; i++) {
		const struct pr_part *p = &parts[i];
		if (!isfinite(p->weight) || p->weight <= 0)
			return kfq_error(err, "weight of \"%s\" is %g; weights must be positive",
			                 part_name(p, i, buf, sizeof buf), p->weight);
		c.weight_total += p->weight;
		if (!p->present) {
			c.n_missing++;
			continue;
		}
		if (!(p->index >= 0 && p->index <= 100))   /* NaN fails too */
			return kfq_error(err, "index of \"%s\" is %g; a diffusion index lies "
			                 "between 0 and 100", part_name(p, i, buf, sizeof buf),
			                 p->index);
		c.n_present++;
		c.weight_present += p->weight;
		sum += p->weight * p->index;
	}
	if (!isfinite(c.weight_total) || !isfinite(sum))
		return kfq_error(err, "the weights sum beyond the range of a number; "
		                 "use smaller weights");
	if (c.n_present == 0)
		return kfq_error(err, "none of the %zu questions has an index; there is no "
		                 "composite", n);
	c.index = sum / c.weight_present;
	if (c.index > 100)          /* rounding in the sums; the true value is ≤ 100 */
		c.index = 100;
	c.published = pr_round1(c.index);
	c.coverage = 100.0 * c.weight_present / c.weight_total;
	*out = c;
	return 0;
}
