/* demo_cases.h: the 2017 暖企惠民大走访 campaign of the synthetic Danyang
 * demo zone. The year-in-review: "共走访企业1300多家、群众5万多户" and
 * "党工委班子成员带头查摆问题51条". To have 1 300 enterprises to visit, the
 * zone gains 900 small enterprises (shops and workshops under the parks, no
 * economic data, in no group); 50 360 households live in its 38 villages and
 * communities. Eight teams visit every household (some twice) and 1 312
 * enterprises in 2017; the visits raise about 2 000 problems, a hotline
 * and letters some more, and the leadership lists its own 51. Every problem
 * goes through dated steps (assigned, accepted, resolved on time or late,
 * confirmed with a rating, some reopened, transferred, merged as duplicates
 * or closed with an explanation, a few still open at the end of the year),
 * with the 2017 holidays skipped in the deadlines. Synthetic apart from
 * those published figures. It goes in through the same import as users'
 * files. Depends on base, store, io. */
#ifndef KFQ_DEMO_CASES_H
#define KFQ_DEMO_CASES_H

#include "store/db.h"

/* Write the small enterprises (units), households, holidays, case-sla,
 * visits, cases and case-events files into the folder dir, import them in
 * that order, and remove them again. The demo's parks and enterprises must
 * be in db already. */
int demo_cases(const struct kfq_ctx *cx, struct kfq_db *db, const char *dir, struct kfq_err *err);

#endif
