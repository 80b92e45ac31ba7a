/* obs_part.h: private to model/obs*.c: the values an
 * import holds for a bulk write, and how a held value that turns out to be
 * new or changed is written. Depends on model/obs. */
#ifndef KFQ_OBS_PART_H
#define KFQ_OBS_PART_H

#include "model/obs.h"

/* A new value waiting for the bulk write (obs_flush). */
struct obs_row {
	int64_t ind, unit, value, line;
	int year, last, first;
};

struct obs_pending {
	struct obs_row *v;
	size_t n, cap;
};

/* model/obs_fresh.c: per (indicator, year) of a batch (struct obs_fresh). */
struct obs_fresh *obs_fresh_new(void);
void obs_fresh_free(struct obs_fresh *f);
/* Whether (ind_id, year) had no stored value when the batch first asked
 * (asked before the batch writes it): 1 fresh, 0 not, -1 on error. With
 * w->stored_latest, the latest month its stored values end in is kept. */
int obs_fresh_is_new(struct obs_writer *w, int64_t ind_id, int year, struct kfq_err *err);
/* Whether no value of (ind_id, year) stored before the batch can end in
 * month last (obs_fresh_is_new has asked). */
int obs_fresh_after(struct obs_writer *w, int64_t ind_id, int year, int last);
/* The month after which no value stored before the batch ends: 0 when
 * (ind_id, year) had none, 12 when not known (obs_fresh_is_new has asked). */
int obs_fresh_bound(struct obs_writer *w, int64_t ind_id, int year);
/* The batch gives a value of several months of (ind_id, year). */
void obs_fresh_spans(struct obs_writer *w, int64_t ind_id, int year);
/* Whether (ind_id, year) had no stored value and the batch gave it single
 * months only: all its values are then the batch's rows of months. */
int obs_fresh_only_months(struct obs_writer *w, int64_t ind_id, int year);

/* model/obs_seen.c: the keys given so far in a batch (struct obs_seen). */
struct obs_seen;
/* Ask for huge pages for the block at p (a large table touched at random). */
void obs_huge(void *p, size_t bytes);
/* A 64-bit mix of two words (a hash). */
uint64_t obs_mix(uint64_t a, uint64_t b);
/* Returns the earlier line when (a, b) was seen before ((size_t)-1 when it
 * has none), else records it with line and returns 0. */
size_t obs_seen_check(struct obs_seen *s, uint64_t a, uint64_t b, size_t line);
struct obs_seen *obs_seen_new(void);
void obs_seen_free(struct obs_seen *s);

/* Queue a value known to be new for the bulk write (no check, no flush). */
void obs_pend(struct obs_writer *w, const struct indicator *ind, const struct unit *u,
              const struct period *p, dec value, size_t line);
/* Replace the stored value old of a key by value; history keeps the old
 * one (with the warning when it puts back an earlier change). */
int obs_change(struct obs_writer *w, const struct indicator *ind, const struct unit *u,
               const struct period *p, dec old, dec value, size_t line, struct kfq_err *err);

/* model/obs_year.c: an import's month values gathered by unit ×
 * indicator × year, each row written once (obs_m). */
/* A row being built: the months this writer gave (given), those known to
 * be new when given (known), those written already (done). */
struct yrow {
	const struct indicator *ind;
	const struct unit *u;
	int32_t year;
	uint16_t given, known, done;
	unsigned char fresh;   /* its indicator-year had no value: the row is not stored */
	unsigned char bound;   /* a month after this one is known to be new (12: none) */
	dec v[12];
	uint32_t line[12];
};

enum { LOOK_SIZES = 9, LOOK_BATCH = 1 << (LOOK_SIZES - 1) };   /* 1, 2 ... 256 rows */
enum { PUT_SIZES = 7, PUT_BATCH = 1 << (PUT_SIZES - 1) };       /* 1, 2 ... 64 rows */

/* An indicator-year's rows. */
struct ygroup {
	int64_t ind;
	int year;
	size_t at, n;
};

/* A row waiting for its upsert: the months to write. */
struct queued {
	uint32_t row;
	uint16_t mask;
};

struct obs_year {
	struct yrow *rows;
	size_t n, cap;
	/* a row's index + 1 in the low half, 0 empty, its hash's high bits in
	 * the high half (a probe passes other rows without reading them); at
	 * most three quarters full */
	uint64_t *slot;
	size_t nslot;
	size_t last;      /* the row of the value before */
	struct kfq_stmt *look[LOOK_SIZES];
	char *sql[LOOK_SIZES];
	struct kfq_stmt *put[PUT_SIZES];   /* upserts of 1, 2 ... 64 rows */
	char *put_sql[PUT_SIZES];
	struct queued q[PUT_BATCH];
	size_t nq;
	/* the rows by indicator-year (obs_whole.c), built on first use for
	 * the rows there were then (grouped of them): group g's rows are
	 * by_group[group[g].at .. + group[g].n - 1] */
	struct ygroup *group;
	size_t ngroup, grouped;
	uint32_t *by_group;
};

struct obs_year *obs_year_new(void);
void obs_year_free(struct obs_year *y);
/* Room for about keys month values (an estimate). */
void obs_year_expect(struct obs_year *y, size_t keys);
/* A month value of an import into its row: a month given twice is refused
 * naming its first line; *res is PUT_ADDED when it is known to be new,
 * else PUT_HELD (answered by obs_year_flush). */
int obs_year_put(struct obs_writer *w, const struct indicator *ind, const struct unit *u,
                 const struct period *p, dec value, size_t line, enum put_result *res,
                 struct kfq_err *err);
/* Look up and write the rows' months not written yet, keep the changes in
 * history, answer the held ones through w->resolved (in line order). */
int obs_year_flush(struct obs_writer *w, struct kfq_err *err);
/* Write month `month` of (ind, u, year) as value, the row's other months
 * as they are (its first import set only when the month had no value). */
int obs_month_write(struct obs_writer *w, const struct indicator *ind, const struct unit *u,
                    int year, int month, dec value, size_t line, struct kfq_err *err);
/* History's entry for a value added (old NULL) or changed (model/obs.c). */
int obs_remember(struct obs_writer *w, const struct indicator *ind, const struct unit *u,
                 const struct period *p, const dec *old, dec value, size_t line,
                 struct kfq_err *err);

/* model/obs_held.c: values of several months (obs_ytd) held until a batch
 * of them is looked up. */
struct held_row {
	const struct indicator *ind;
	const struct unit *u;
	struct period p;
	dec value;
	size_t line;
};

enum { OBS_HELD_SIZES = 9 };   /* statements of 1, 2, 4 ... 256 keys */
struct obs_held {
	struct held_row *v;
	size_t n, cap;
	/* look[s] joins 2^s keys (1, 2, 4 ... HELD_BATCH): a batch is looked up
	 * by the smallest that holds it, so that a few values (a clerk's entry,
	 * a small file) do not make the engine parse a statement of 1 536
	 * parameters; each prepared on first use, on the writer's database */
	struct kfq_stmt *look[OBS_HELD_SIZES];
	char *sql[OBS_HELD_SIZES];
};

void obs_held_add(struct obs_writer *w, const struct indicator *ind, const struct unit *u,
                  const struct period *p, dec value, size_t line);
/* Look the held values up, queue the new ones, write the changed ones,
 * answer each through w->resolved; the held list is empty afterwards,
 * also after a failure. */
int obs_held_resolve(struct obs_writer *w, struct kfq_err *err);
void obs_held_release(struct obs_writer *w);

#endif
