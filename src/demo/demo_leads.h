/* demo_leads.h: the investment-promotion pipeline (招商引资) of the synthetic
 * Danyang demo zone, 2015 to 2017. 50 leads landed in 2017 with 103 亿元 of
 * total investment, each linked to the enterprise it became (3 of them
 * Japanese, in the Japanese park), some of them started as key projects;
 * 108 leads signed or under negotiation at the end of 2017, worth 215.6
 * 亿元; and the rest of a funnel: landings in 2016, leads dropped with their
 * reasons, one signed lead back in negotiation, fresh contacts. The leads
 * are synthetic apart from those published figures. They go in through
 * the same import as users' files. Depends on base, store, io. */
#ifndef KFQ_DEMO_LEADS_H
#define KFQ_DEMO_LEADS_H

#include "store/db.h"

/* Write leads.csv and lead-stages.csv into the folder dir, import them in
 * that order, and remove them again. The demo's parks, enterprises and key
 * projects must be in db already: landed leads become the parks' newest
 * enterprises, started ones key projects that started in 2017 (and their
 * owners). */
int demo_leads(const struct kfq_ctx *cx, struct kfq_db *db, const char *dir, struct kfq_err *err);

#endif
