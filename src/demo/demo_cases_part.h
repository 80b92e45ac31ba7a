/* demo_cases_part.h: private to the demo's campaign (demo_cases.c and
 * demo_visits.c): what the cases part and the visits part of the 2017
 * 暖企惠民大走访 share. demo_cases.c owns the one fixed-seed generator and
 * the calendar of working days, so every draw comes from the same sequence
 * in the same order; demo_visits.c makes the small enterprises, households
 * and visits that the cases are raised on. Nothing else includes this: the
 * campaign's public face is demo_cases.h. Depends on base and store. */
#ifndef KFQ_DEMO_CASES_PART_H
#define KFQ_DEMO_CASES_PART_H

#include <stddef.h>
#include <stdint.h>

#include "base/sbuf.h"
#include "store/db.h"

#define CAMPAIGN_NHH 50360        /* households */
#define CAMPAIGN_LASTDAY 362      /* 2017-12-29, the last working day of 2017 */
#define CAMPAIGN_NAME "2017暖企惠民大走访"

/* The zone's enterprises, by code: the 420 with data, then the small ones. */
struct campaign_ent {
	char code[16], name[96];
	int park;
};

struct campaign_hh {
	int comm;
	char head[16];
};

struct campaign_visit {
	int day, ent, hh;      /* ent or hh: -1 for the other */
	int cases;             /* problems raised */
	char code[16];
};

/* In demo_cases.c: the generator and the calendar. Days are numbered from
 * 2017-01-01 (day 0); the calendar must be set up (and the generator
 * seeded) by demo_cases() before any of these is called. */

/* A number from lo to hi, both included, from the campaign's generator. */
int64_t campaign_rnd(int64_t lo, int64_t hi);
/* Day d as YYYY-MM-DD in buf (n bytes); returns buf. */
const char *campaign_day_text(int d, char *buf, size_t n);
/* The day n working days after d (as kfq counts them). */
int campaign_wd_add(int d, int n);
/* A working day from `from` to `to` (both of 2017), by the pace. */
int campaign_pick_day(int from, int to);

/* In demo_visits.c: what is visited, and the visits. */

/* Append the units file of the 900 small enterprises to csv. */
void campaign_make_small(struct sbuf *csv);
/* List the zone's enterprises into *out (*n of them), by code. The caller
 * frees *out, which is set even when the listing fails part-way (and left
 * alone when the query cannot be prepared). */
int campaign_load_enterprises(struct kfq_db *db, struct campaign_ent **out, int *n,
                              struct kfq_err *err);
/* Fill h (CAMPAIGN_NHH of them) and append the households file to csv. */
void campaign_make_households(struct campaign_hh *h, struct sbuf *csv);
/* The visits to the nent enterprises and every household, in date order
 * and numbered; *nv of them. Returns a new array; the caller frees it. */
struct campaign_visit *campaign_make_visits(int nent, int *nv);
/* Append the visits file of the nv visits v to csv. */
void campaign_write_visits(const struct campaign_visit *v, int nv,
                           const struct campaign_ent *ents, const struct campaign_hh *h,
                           struct sbuf *csv);

#endif
