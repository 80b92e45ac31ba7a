/* assess.h: composite assessments on the database: a scheme's inputs read
 * from the core's figures, the engine run on them (assess/composite.h), and
 * the results stored (tables as_run, as_input, as_result, as_part) so that a
 * published ranking can be shown again after the data changed.
 *
 * Inputs. The rated entities are the units of the scheme's kind in the
 * subtree of `under`, plus the `also` units. An indicator's value for the
 * period P is its source over months 1-12 of P (figure_value, scope year P):
 * a core indicator in its display measure (亿元, 万元, 人 ...), or a formula
 * of core indicators evaluated on their stored base units (元, 人 ...), then
 * divided by `per` (another indicator, in its display measure, or the unit's
 * land area in 亩). No value, or a divisor that is missing or zero, is a
 * missing value. Every input is rounded to 4 decimals (a dec) before the
 * engine sees it, so a stored run is recomputed exactly from what is stored.
 * A unit of the kind without a single value in the period (a firm that filed
 * nothing) is left out and counted, not rated as T. When the scheme has a
 * regions statement, an entity's region is the first of its regions (unit
 * groups) that the unit belongs to in the period's year (table unit_group);
 * an entity in none is rated with the base weights.
 *
 * Stored runs. A run stores the scheme's text and version, the period, who
 * and when, a hash of the inputs (entities, industries, values), every input
 * (raw, imputed flag, normalised), every entity's score, rank, class and
 * reason, and every node's score and contribution. assess_stored reads a run
 * back by recomputing it from its stored scheme text and inputs (the engine
 * is deterministic; the regions are read again from unit_group, and are in
 * the inputs hash, so a changed region shows as changed inputs), which gives the explanation and the sensitivity of a
 * published run, not of today's data.
 *
 * Depends on base, store, model, calc and assess/scheme, assess/composite. */
#ifndef KFQ_ASSESS_H
#define KFQ_ASSESS_H

#include <stddef.h>
#include <stdint.h>

#include "assess/composite.h"
#include "assess/scheme.h"
#include "base/dec.h"
#include "store/db.h"

/* A scheme with its inputs for one period: the engine's input, owned. */
struct assess_data {
	struct as_scheme scheme;
	int period;
	struct as_entity *ents;     /* [n]: code, name, industry (owned strings), region
	                             * (the scheme's string, or NULL) */
	size_t n;
	dec *raw;                   /* [n * n_leaves]: the inputs as stored */
	double *values;             /* [n * n_leaves]: raw / 10 000 */
	unsigned char *present;     /* [n * n_leaves] */
	size_t n_nodata;            /* units of the kind left out: no value at all */
	char hash[17];              /* FNV-1a 64 of the inputs, hex */
	int64_t run;                /* the stored run read back; 0 = today's data */
	char at[32];                /* stored run: when and by whom */
	char who[64];
	char stored_hash[17];       /* stored run: its inputs hash */
};

/* Read and parse the scheme file at path, then check it against the
 * database: every source and per names a known indicator (or is a formula
 * of known indicators, or unit.land_mu), and the entities statement's
 * under/also units exist. Errors name "FILE:LINE". */
int assess_load_scheme(struct kfq_db *db, const char *path, struct as_scheme *s,
                       struct kfq_err *err);
/* As assess_load_scheme, on a text in memory (`file` names it). */
int assess_parse_scheme(struct kfq_db *db, const char *text, size_t len, const char *file,
                        struct as_scheme *s, struct kfq_err *err);

/* Gather the inputs of scheme *s (moved into d->scheme: *s is left empty)
 * for period from the core's figures. On error d is left empty. */
int assess_gather(struct kfq_db *db, struct as_scheme *s, int period, struct assess_data *d,
                  struct kfq_err *err);
void assess_data_release(struct assess_data *d);

/* The engine's input view of d. */
struct as_input assess_input(const struct assess_data *d);

/* Store a run of d with its result r in one transaction on behalf of cx
 * (its account and time are the run's); *run its id. */
int assess_store(const struct kfq_ctx *cx, struct kfq_db *db, const struct assess_data *d,
                 const struct as_result *r, int64_t *run, struct kfq_err *err);

/* The id of the latest stored run of scheme code for period: 1 with *run,
 * 0 when there is none. */
int assess_latest_run(struct kfq_db *db, const char *code, int period, int64_t *run,
                      struct kfq_err *err);
/* Read stored run `run` back into d (scheme parsed from the stored text,
 * inputs from as_input). Returns 0, or -1 (an unknown run is a user error). */
int assess_stored(struct kfq_db *db, int64_t run, struct assess_data *d, struct kfq_err *err);

/* The ranks of d's entities in the latest stored run of the same scheme
 * code for period `period` (0 where not ranked or absent): 1 with rank[]
 * (n entries) and *n_ranked filled, 0 when there is no such run. */
int assess_period_ranks(struct kfq_db *db, const struct assess_data *d, int period, int *rank,
                        size_t *n_ranked, struct kfq_err *err);

/* The stored runs, newest first (of one period, or of all when period is
 * 0): what a front end without the scheme files can offer to show. */
struct assess_run_row {
	int64_t id;
	char *scheme, *version, *name, *at, *who;   /* name: the scheme's, or NULL */
	int period;
};
struct assess_runs {
	struct assess_run_row *v;
	size_t n;
};
int assess_runs(struct kfq_db *db, int period, struct assess_runs *out, struct kfq_err *err);
void assess_runs_release(struct assess_runs *l);

/* A stored run as a front end without the scheme file shows it (the web):
 * run `run` (0: the latest stored run of scheme `code` for period), read
 * back and recomputed (assess_stored), with the ranks of the previous
 * period's latest run of the same scheme. No such run, or a run of another
 * scheme or period, is a user error about the field "run". Release with
 * assess_view_release, also after a failure. */
struct assess_view {
	struct assess_data d;
	struct as_result r;
	int have_r;
	int *prev;                  /* [d.n]: rank in the previous period's run, 0 none */
	int has_prev;               /* 0: there is no previous run (prev all 0) */
};
int assess_view_open(struct kfq_db *db, const char *code, int period, int64_t run,
                     struct assess_view *v, struct kfq_err *err);
void assess_view_release(struct assess_view *v);

/* The scheme's rules checked against the stored runs of the previous
 * periods (as many as the longest rule needs). */
int assess_rules(struct kfq_db *db, const struct assess_data *d, const struct as_result *r,
                 struct as_rule_check *out, struct kfq_err *err);

/* How many of d's inputs differ from other's (same scheme, entities by code,
 * indicators by column): entities added or gone count one each. */
size_t assess_diff(const struct assess_data *d, const struct assess_data *other);

#endif
