/* demo_finance.h: the finance platform (金融活水) of the synthetic Danyang
 * demo zone in 2017: the committee's 1000 万元 risk compensation fund with
 * the Agricultural Bank (农业银行), leverage 10 and shares 40/40/20 with an
 * insurer; 苏微贷 loans to the zone's enterprises through the year, some
 * repaid, one defaulted and partly recovered; bank–enterprise meetings
 * with the needs raised, matched and granted, venture funds' follow-on
 * investments (跟投) among them; a guarantee network with one circle of
 * three firms, chains into and out of it and a firm in two chains; a firm
 * whose bank cut and called its loans and that the zone helped (a meeting
 * with the bank, a bridging loan), and one cut later without help yet.
 * Synthetic apart from the published 1000 万元. Through the same import
 * as users' files. Depends on base, store, io. */
#ifndef KFQ_DEMO_FINANCE_H
#define KFQ_DEMO_FINANCE_H

#include "base/ctx.h"
#include "store/db.h"

/* Write the finance kinds' files into dir, import them in order, remove
 * them. The demo's units must be in db already. */
int demo_finance(const struct kfq_ctx *cx, struct kfq_db *db, const char *dir,
                 struct kfq_err *err);

#endif
