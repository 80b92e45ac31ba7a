/* demo.h: the synthetic Danyang Economic Development Zone (丹阳经济开发区):
 * the parks the 2017 year-in-review names, 420 enterprises, monthly 2016
 * and 2017 data and 2017 targets, built deterministically. Enterprise data
 * is synthetic; it adds up exactly to the zone's published 2017 figures
 * (349.42 亿元 of taxable sales and so on), every headline indicator grows
 * by more than 8%, enterprises enter and leave 规上 so that growth and
 * comparable growth differ, and every target of the zone is met. Below the
 * zone the parks grow from 3% to 20% and two miss their targets, some lag
 * in mid-year and catch up, the months dip at the Spring Festival, and
 * about one enterprise in ten declines. The data goes in through the same
 * import as users' files. Depends on base, store, io. */
#ifndef KFQ_DEMO_H
#define KFQ_DEMO_H

#include <stddef.h>

#include "store/db.h"

/* What the demo zone holds, counted from the database once it is built:
 * units of every kind (the zone, parks, enterprises, projects), then
 * enterprises and projects among them, leads, indicators, observations
 * (values) and targets. */
struct demo_stats {
	size_t units, enterprises, projects, leads, indicators, values, targets;
};

/* Build the demo zone in db, which must hold no units yet, and fill s. */
int demo_build(const struct kfq_ctx *cx, struct kfq_db *db, struct demo_stats *s, struct kfq_err *err);

#endif
