/* ixstore.h: the data of the China Danyang Eyewear Index (中国丹阳眼镜指数)
 * in the store (migration 7): categories, weights, items, price quotes,
 * surveys, their questions and the answers. One validated put function a
 * row of each import kind (formats: docs/formats.md); each reports
 * *changed 0 same, 1 added, 2 changed, and keeps a change in history
 * (kinds "index-category", "index-weight", "index-item", "quote", "survey",
 * "survey-question", "answer"). The checks that span rows (weights adding
 * up at every level, items only in leaf categories, a replacement in the
 * category and channel of the item it replaces) run after an import over
 * the whole store (ix_check). The computation is index/ixcalc.
 * Depends on base, store. */
#ifndef KFQ_IXSTORE_H
#define KFQ_IXSTORE_H

#include <stdint.h>

#include "base/dec.h"
#include "store/db.h"

enum ix_channel { IX_FACTORY, IX_WHOLESALE, IX_ONLINE, IX_NCHANNEL };
extern const char *const IX_CHANNEL[];      /* "factory", "wholesale", "online", NULL */
extern const char *const IX_CHANNEL_ZH[];   /* "出厂", "批发市场", "网络零售", NULL */
/* A channel in English or Chinese (also 批发, 网络); -1 when unknown. */
int ix_channel_parse(const char *s);

enum ix_reply { IX_UP, IX_FLAT, IX_DOWN, IX_NONE, IX_NREPLY };
extern const char *const IX_REPLY[];        /* "up", "flat", "down", "none", NULL */
/* A reply in English or Chinese (上升|增加|增长, 持平|不变, 下降|减少, 未答|空);
 * -1 when unknown. */
int ix_reply_parse(const char *s);

/* The rows of the import kinds, as text ("" or NULL for an empty cell). */
struct ix_category_row {
	const char *code, *name, *parent;   /* parent "" = a top-level category */
	int seq;                            /* its place in the file: the order of listings */
};
struct ix_weight_row {
	const char *year, *category, *channel, *weight;
	int weight_shift;                   /* the weight given in 10^shift (万元: 4); 0 */
};
struct ix_item_row {
	const char *code, *category, *channel, *reporter, *brand, *model, *material, *size;
	const char *replaces, *overlap;     /* an item code and YYYY-MM, both or neither */
};
struct ix_quote_row {
	const char *item, *period;          /* YYYY-MM: the month's price; a date: a weekly quote */
	const char *price, *sales;          /* price > 0, sales optional (≥ 0) */
	int price_shift, sales_shift;       /* their measure: 10^shift 元 (0: 元) */
	const char *source;                 /* "file:line" for history, or NULL */
};
struct ix_survey_row {
	const char *code, *name, *weight;
};
struct ix_question_row {
	const char *survey, *code, *name, *inverted, *weight;
	int seq;
};
struct ix_answer_row {
	const char *survey, *period, *respondent, *question, *reply, *weight;
	const char *source;
};

/* Insert or update one row. import_id (0: none) is recorded with weights,
 * quotes and answers that are added or changed. A refusal names its field
 * apart (err->field: "channel", the import's column) and says the value
 * and what was expected. */
int ix_category_put(struct kfq_db *db, const struct ix_category_row *r, int *changed,
                    struct kfq_err *err);
int ix_weight_put(struct kfq_db *db, const struct ix_weight_row *r, int64_t import_id,
                  int *changed, struct kfq_err *err);
int ix_item_put(struct kfq_db *db, const struct ix_item_row *r, int *changed,
                struct kfq_err *err);
int ix_quote_put(struct kfq_db *db, const struct ix_quote_row *r, int64_t import_id,
                 int *changed, struct kfq_err *err);
int ix_survey_put(struct kfq_db *db, const struct ix_survey_row *r, int *changed,
                  struct kfq_err *err);
int ix_question_put(struct kfq_db *db, const struct ix_question_row *r, int *changed,
                    struct kfq_err *err);
int ix_answer_put(struct kfq_db *db, const struct ix_answer_row *r, int64_t import_id,
                  int *changed, struct kfq_err *err);

/* The checks over the whole store. */
enum {
	IX_CHECK_WEIGHTS = 1,   /* an inner category's weight = the sum of its children's */
	IX_CHECK_ITEMS = 2,     /* items in leaf categories; replacements in the same category
	                         * and channel as the item they replace */
	IX_CHECK_ALL = 3,
};
/* Called once a problem: keys names the rows that show it, most telling
 * first, separated by tabs: "weight 2017 lenses factory", "item i12",
 * "category c3". */
typedef void (*ix_report_fn)(void *ctx, const char *keys, const struct kfq_err *problem);
/* Run the checks; returns the number of problems reported, -1 on a fault. */
int ix_check(struct kfq_db *db, unsigned what, ix_report_fn report, void *ctx,
             struct kfq_err *err);

/* The quotes and answers written by an import (import_id) that fall in
 * published months (ix_month.published_at set): their counts, and the
 * months in months[n] ("2017-03, 2017-04", the first six, then " …"). -1
 * on a fault. */
int ix_published_touched(struct kfq_db *db, int64_t import_id, int64_t *quotes,
                         int64_t *answers, char *months, size_t n, struct kfq_err *err);

#endif
