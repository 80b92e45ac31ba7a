/* obs.h: observations (unit × indicator × period → value) and annual
 * targets (unit × indicator × year → value), written with their history.
 *
 * A value is filed for a span of months of one year: a month's own value
 * ([m, m]), a year-to-date total ([1, m], how Chinese monthly reports are
 * filed), a quarter or a year. Writing the value a key already has changes
 * nothing; a different value is updated and history keeps the old one.
 * Depends on base, store and model/unit, model/indicator. */
#ifndef KFQ_OBS_H
#define KFQ_OBS_H

#include <stddef.h>
#include <stdint.h>

#include "base/dec.h"
#include "base/period.h"
#include "model/indicator.h"
#include "model/unit.h"
#include "base/sbuf.h"
#include "store/db.h"

/* PUT_HELD: not known yet; answered later through obs_writer.resolved */
enum put_result { PUT_SAME = 0, PUT_ADDED = 1, PUT_CHANGED = 2, PUT_HELD = 3 };

/* Writes many values in one transaction (the caller's), catching a key
 * given twice in the same import (each stored value keeps its import and
 * line, so the first line can be named). */
struct obs_writer {
	struct kfq_db *db;
	int64_t import_id;        /* 0 when not from an import */
	const char *file;         /* the source file, named in history with the line */
	const char *note;         /* a note kept in history with each change, or NULL */
	struct obs_seen *seen;    /* group memberships written so far, with their lines */
	struct obs_fresh *fresh;  /* per (indicator, year): had no data when first seen */
	int bulk;                 /* new values held and written in bulk (obs_flush) */
	struct obs_pending *pending;
	struct obs_held *held;    /* values of indicator-years with values, not looked up yet */
	struct obs_year *year;    /* an import's month values by unit × indicator × year */
	/* With bulk set, an import's value of an indicator-year that already has
	 * values is held too (obs_put answers PUT_HELD) and looked up with a
	 * batch of others, one statement per few hundred values rather than one
	 * per value (a round trip each on a server); obs_flush then calls this
	 * with what it was, in the order the values were given. Without it,
	 * such a value is looked up as it comes. */
	void (*resolved)(void *ctx, const struct indicator *ind, const struct unit *u,
	                 const struct period *p, size_t line, enum put_result r);
	void *resolved_ctx;
	/* When set (with resolved): the latest month any stored value of the
	 * indicator-year ends in, as the roll-ups keep it (1 with *month, 0
	 * when not known). A value ending after it cannot be stored: it is new,
	 * written in bulk with no look-up (a province's next month). */
	int (*stored_latest)(struct kfq_db *db, int64_t ind_id, int year, int *month,
	                     struct kfq_err *err);
	/* when set: a line for each change that puts back the value an earlier
	 * change replaced (an old file imported over a later correction),
	 * "FILE:LINE: warning: …", in English and Chinese */
	struct sbuf *reverts, *reverts_zh;
	size_t nreverts;
};

void obs_writer_init(struct obs_writer *w, struct kfq_db *db, int64_t import_id);
void obs_writer_release(struct obs_writer *w);
/* Room for an import of about `keys` values at once: the rows of its month values
 * (a row per twelve values, model/obs_year.c), rather than growing
 * them as they come (an estimate: too few only costs the growth). */
void obs_writer_expect(struct obs_writer *w, size_t keys);

/* Write one value. `line` (the source line in w->file, 0 if none) names
 * the first line when a key comes twice, and goes to history as
 * "file:line". */
int obs_put(struct obs_writer *w, const struct indicator *ind, const struct unit *u,
            const struct period *p, dec value, size_t line, enum put_result *res,
            struct kfq_err *err);

/* With w->bulk and w->resolved set (an import), the month values are held
 * in their rows of twelve until obs_flush, which the caller calls before
 * anything reads the values back (roll-ups, figures) and before commit: a
 * row of an indicator-year that had none is written at the engine's
 * fastest (COPY on PostgreSQL), the others looked up a batch of rows at a
 * time and upserted. Values of several months are held the same way and
 * written every OBS_BULK of them. A value given twice is caught as it
 * comes, naming the first line. */
#define OBS_BULK 50000
int obs_flush(struct obs_writer *w, struct kfq_err *err);

/* Write one annual target. Outside an import (w->import_id 0) history
 * keeps the target added too, with w->note; an import's log records what
 * it added. */
int target_put(struct obs_writer *w, const struct indicator *ind, const struct unit *u, int year,
               dec value, size_t line, enum put_result *res, struct kfq_err *err);

/* A key of another kind (a project code ...) seen in this batch: returns
 * the line it was first given on, or 0 (and records it) the first time. */
size_t obs_seen_once(struct obs_writer *w, const char *key, size_t line);

/* Put unit u in group grp for year (e.g. above_scale 规上 in 2017). */
int group_put(struct obs_writer *w, const char *grp, int year, const struct unit *u,
              size_t line, enum put_result *res, struct kfq_err *err);

/* Add delta to the value of month `month` of year (0 when it has none), a
 * count kfq derives itself (no history: its records have it). */
int obs_month_add(struct kfq_db *db, int64_t ind, int year, int64_t unit, int month, dec delta,
                  struct kfq_err *err);

/* Store value as month `month` of year, a figure kfq derives itself from
 * its records (their import, or 0; no line, no first filing), its month
 * cleared before: a month that has a value already is a fault (given
 * twice). No history: the records have it. */
int obs_month_set(struct kfq_db *db, int64_t ind, int year, int64_t unit, int month, dec value,
                  int64_t import_id, struct kfq_err *err);

/* The value stored for exactly this key (the span of p's months): 1 with
 * *v, 0 when there is none. */
int obs_get(struct kfq_db *db, int64_t ind, int64_t unit, const struct period *p, dec *v,
            struct kfq_err *err);

/* The annual target stored for exactly unit's own key (not its
 * children's sum): 1 with *v, 0 when there is none. */
int target_get(struct kfq_db *db, int64_t ind, int64_t unit, int year, dec *v,
               struct kfq_err *err);

/* The indicators (ids, ascending) with a target of any unit in year: *ids
 * is new (free it). */
int target_indicators(struct kfq_db *db, int year, int64_t **ids, size_t *n, struct kfq_err *err);

/* The latest month of year with a stored value of indicator ind (any
 * unit): 1 with *month; 0 when the year has none. */
int obs_latest_month(struct kfq_db *db, int64_t ind, int year, int *month, struct kfq_err *err);

/* Whether unit `unit` (an id) has a stored value of indicator ind in year:
 * 1, 0, -1 on a fault. A unit with children that has one files its own
 * values that year, which replace its children's sum (calc/cube.h). */
int obs_unit_files(struct kfq_db *db, int64_t ind, int year, int64_t unit, struct kfq_err *err);
/* Whether a unit under unit u (index in units, u itself not counted) has a
 * stored value of indicator ind in year: 1, 0, -1 on a fault. */
int obs_under_files(struct kfq_db *db, const struct unit_set *units, int64_t ind, int year,
                    size_t u, struct kfq_err *err);

/* The latest period with data of indicator ind: the year to date at its
 * latest month (the year itself when that is December). 1 with *p; 0 when
 * it has no data yet. */
int obs_latest_period(struct kfq_db *db, int64_t ind, struct period *p, struct kfq_err *err);
/* The same for indicator i of inds, stored or a formula: a formula's is
 * the earliest of its inputs' latest periods (the latest at which every
 * input with data has it), 0 when none of them has data. */
int obs_latest_period_of(struct kfq_db *db, const struct indicator_set *inds, size_t i,
                         struct period *p, struct kfq_err *err);

/* When each unit first filed indicator ind's values ending in month
 * `last` of year (a month's own value, a year to date, a quarter): the
 * earliest of their first filings, as stored (ISO 8601 UTC,
 * "2017-09-12T02:00:00Z"). A value's first filing is the import that first
 * wrote it, never changed by later ones (obs.first_import; for a value
 * stored before kfq kept it, its last import), or for a value entered by
 * hand the first history kept of its key. at has an entry per unit of
 * units, NULL on the call; each unit's is set to a new string (the caller
 * frees it) or left NULL when it has no such value; "" when the first
 * filing was back-filled (kfq import --backfill: reported before kfq kept
 * it, never late). */
int obs_first_filed(struct kfq_db *db, const struct unit_set *units, const struct indicator *ind,
                    int year, int last, char **at, struct kfq_err *err);
/* The same for the units only[0 .. nonly - 1] alone, each read by its key
 * (a zone of a province, where reading the indicator-year would cost the
 * province). */
int obs_first_filed_of(struct kfq_db *db, const struct unit_set *units,
                       const struct indicator *ind, int year, int last, const size_t *only,
                       size_t nonly, char **at, struct kfq_err *err);

/* Every unit's values of indicator ind filed for one month alone ([m, m])
 * in year, for the months lo..hi (1 ≤ lo ≤ hi ≤ 12), in one pass (for a
 * reader of most units: kfq validate's tables, quality/check_table.c):
 * mon[u * 12 + m - 1] and bit m of got[u] for each value (got and other
 * zeroed by the caller); other[u] = 1 for a unit with a value of more than
 * one month that year (a year to date, a quarter: any month, not only
 * lo..hi). Units not in units are skipped. */
int obs_month_values(struct kfq_db *db, const struct unit_set *units, int64_t ind, int year,
                     int lo, int hi, dec *mon, uint16_t *got, unsigned char *other,
                     struct kfq_err *err);

/* A value of a unit over months [first, last] of a year. */
struct obs_rec {
	int first, last;
	dec v;
};

/* The values of indicator ind in year, unit by unit (ascending ids; only
 * unit when unit >= 0): each(ctx, unit id, its values sorted by last month
 * then first, n) for every unit with a value; each returning < 0 stops the
 * scan (the scan returns -1, err untouched). each must not use db. */
int obs_year_scan(struct kfq_db *db, int64_t ind, int year, int64_t unit,
                  int (*each)(void *ctx, int64_t unit_id, const struct obs_rec *r, size_t n),
                  void *ctx, struct kfq_err *err);

/* The values of (ind, year) from w's rows in memory, when they are all the
 * indicator-year has: it had no stored value before w's batch, the batch
 * gave it single months only, and obs_flush has written them. Then
 * each(ctx, unit id, its months in order, n) for every unit with a value,
 * in the order the batch gave them (not by id), and 1; 0 when w does not
 * hold them all (read them with obs_year_scan), -1 when each returned < 0.
 * The roll-ups of an import's new indicator-years are built so, without
 * reading back what it has just written. */
typedef int (*obs_each_fn)(void *ctx, int64_t unit_id, const struct obs_rec *r, size_t n);
int obs_writer_whole(struct obs_writer *w, int64_t ind, int year, obs_each_fn each, void *ctx);
/* A source of an indicator-year's values held whole (struct rollup_todo,
 * cube_build_from): 1 when it gave them through each, 0 when it does not
 * hold them, -1 when each failed. */
typedef int (*obs_source_fn)(void *ctx, int64_t ind, int year, obs_each_fn each,
                             void *each_ctx);
/* obs_writer_whole as such a source: w is ctx. */
int obs_whole_source(void *w, int64_t ind, int year, obs_each_fn each, void *ctx);

/* One stored value behind a figure (kfq report trace): its unit, its
 * months, its value and where it came from. */
struct obs_source {
	size_t unit;          /* index in the unit set */
	int first, last;      /* its months */
	dec value;
	char *file;           /* the file it was imported from; NULL: entered by hand */
	int64_t line;         /* its line in that file, 0 when none */
	char *at, *who;       /* the import's time and account (NULL when entered by hand) */
};

/* The values of indicator ind stored in year for the units within unit
 * `scope` (the unit itself and its subtree) whose months lie within
 * [first, last]: month values and year-to-date filings alike, in unit and
 * month order. *v is new (obs_sources_free). */
int obs_sources(struct kfq_db *db, const struct unit_set *units, int64_t ind, size_t scope,
                int year, int first, int last, struct obs_source **v, size_t *n,
                struct kfq_err *err);
void obs_sources_free(struct obs_source *v, size_t n);

#endif
