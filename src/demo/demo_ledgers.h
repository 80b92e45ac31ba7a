/* demo_ledgers.h: the demo zone's ledgers (台账): the definitions and rows
 * of docs/examples/ledgers/ (built into kfq), defined and imported as a
 * user's files are, producing the year-in-review's figures that the other
 * records do not (certifications, talents, tenants, factories, approvals,
 * works, social security, civil affairs, facilities, party building and
 * the 2018 plan). Depends on base, store, io, ledger. */
#ifndef KFQ_DEMO_LEDGERS_H
#define KFQ_DEMO_LEDGERS_H

#include "store/db.h"

/* Define and import every ledger, each through files written to dir. */
int demo_ledgers(const struct kfq_ctx *cx, struct kfq_db *db, const char *dir,
                 struct kfq_err *err);

#endif
