/* prosperity.h: the prosperity part (景气指数) of the China Danyang Eyewear
 * Index, computed from survey answers: a diffusion index per question and a
 * weighted composite of those indices.
 *
 * Each period, enterprises and market merchants answer questions (sales, new
 * orders, selling prices, raw-material cost, inventory, employment, profit,
 * expectations ...) with up, flat or down, or give no answer.
 *
 *   diffusion index = 100 × (up + 0.5 × flat) / (up + flat + down)
 *
 * between 0 and 100, 50 the neutral line. Counted per respondent, or with
 * each respondent's size as its weight. Non-responses are counted and
 * reported but are never "flat": they are left out of the shares and the
 * index. A question where "up" is bad news (inventory, costs) is inverted:
 * up and down swap roles, giving (down + 0.5 × flat) / answered, which is
 * exactly 100 − the plain index. The counts and shares stay as answered.
 *
 * The composite is Σ wᵢ·indexᵢ / Σ wᵢ over the questions present, with the
 * configured weights (positive). A question missing from a survey is left
 * out and the weights of the others renormalised; the number missing and the
 * share of the configured weight present are reported. The same function
 * combines the surveys' composites into the overall index.
 *
 * Rounding: `index` is never rounded; `published` is the index rounded once,
 * to one decimal, half away from zero. Unweighted, the counts are integers
 * and the rounding is exact (integer arithmetic); with weights, and for
 * composites, the double is rounded (pr_round1). Composites are made from
 * the unrounded indices.
 *
 * No database, import or output here. Depends on base (err, xalloc) only. */
#ifndef KFQ_PROSPERITY_H
#define KFQ_PROSPERITY_H

#include <stddef.h>

#include "base/err.h"

enum pr_reply { PR_UP, PR_FLAT, PR_DOWN, PR_NONE };

/* One respondent's answer to one question. The strings are borrowed. */
struct pr_answer {
	const char *question;     /* e.g. "sales", "inventory" */
	const char *respondent;   /* required; one answer per question */
	enum pr_reply reply;      /* PR_NONE: no answer given */
	double weight;            /* size (e.g. sales or staff); read only when weighted */
};

/* One question's diffusion index and what it was made of. */
struct pr_result {
	const char *question;     /* borrowed from the call */
	int weighted, inverted;
	size_t n_up, n_flat, n_down, n_none;   /* respondents, always counted */
	size_t n_answered;                     /* up + flat + down */
	/* The mass each reply carries: the weights summed when weighted, else
	 * the counts. w_none is reported, never used. */
	double w_up, w_flat, w_down, w_none, w_answered;
	/* Percent of those who answered (non-responses left out), as answered
	 * (not swapped by inversion); they sum to 100. */
	double share_up, share_flat, share_down;
	double nonresponse;       /* percent of all answers (by count) with no reply */
	double index;             /* 0-100, unrounded; inverted if asked */
	double published;         /* index to one decimal, half away from zero */
};

/* The diffusion index of `question` over the answers to it among answers[0..n)
 * (answers to other questions are skipped). Weighted: each answer counts
 * with its weight (0 or more; a 0 weight counts in n_* but moves nothing).
 * Unweighted: weights are ignored. Fails, naming the answer, on: no answers
 * at all or none to this question, an answer without a question or a
 * respondent, a reply that is not up/flat/down/none, a respondent answering
 * twice, every answer a non-response; and when weighted, a weight that is
 * negative or not finite, or weights of those who answered summing to zero
 * (or beyond a double). */
int pr_diffusion(const struct pr_answer *answers, size_t n, const char *question,
                 int weighted, int inverted, struct pr_result *out, struct kfq_err *err);

/* One part of a composite: a question's index in a survey, or a survey's
 * composite in the overall index. */
struct pr_part {
	const char *name;         /* for messages; may be NULL */
	double weight;            /* configured weight, > 0 */
	int present;              /* 0: missing this period (index not read) */
	double index;             /* 0-100 when present */
};

struct pr_composite {
	double index;             /* Σ w·index / Σ w over the parts present */
	double published;         /* pr_round1(index) */
	size_t n_present, n_missing;
	double weight_present;    /* Σ w over the parts present */
	double weight_total;      /* Σ w over all parts */
	double coverage;          /* 100 × weight_present / weight_total */
};

/* The composite of parts[0..n), renormalised over the parts present. Fails
 * on: no parts, a weight that is not positive and finite, weights summing
 * beyond a double, a present index outside 0-100, no part present. */
int pr_composite(const struct pr_part *parts, size_t n, struct pr_composite *out,
                 struct kfq_err *err);

/* x rounded to one decimal, half away from zero (55.05 → 55.1, as the
 * decimal is written; -0.05 → -0.1). */
double pr_round1(double x);

/* "up", "flat", "down", "none"; NULL for anything else. */
const char *pr_reply_name(enum pr_reply r);

#endif
