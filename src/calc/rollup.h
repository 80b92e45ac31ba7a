/* rollup.h: stored roll-ups, so that the figures of zones and parks are
 * read rather than recomputed from every enterprise's records.
 *
 * For a key (indicator, year, scope year) the store keeps, for every unit
 * with children, its value over each of the 78 spans of months (see
 * cube.h), computed by the same cube code that answers queries without
 * them. A key is used only while its rollup_state row exists; every import
 * rebuilds the keys it touched, inside its own transaction, so a committed
 * database never holds a stale roll-up. A key without roll-ups is computed
 * from the observations, which is always correct, only slower.
 * Depends on base, store, model, calc/cube. */
#ifndef KFQ_ROLLUP_H
#define KFQ_ROLLUP_H

#include <stddef.h>
#include <stdint.h>

#include "calc/cube.h"

struct rollup_key {
	int64_t ind_id;
	int year, scope_year;
	int partial;      /* 1: only the parents above the todo's units changed */
};

/* What an import has touched and must rebuild before it commits. */
struct rollup_todo {
	struct rollup_key *v;
	size_t n, cap;
	int all;          /* the tree or the indicators changed: rebuild everything */
	int strict;       /* values were written: a total they make too large for
	                   * kfq's exact figures refuses them (else the key is left
	                   * without roll-ups, and its figures report the overflow) */
	int64_t *unit_ids;   /* the units whose values changed, for partial keys */
	size_t nunit_ids, unit_ids_cap;
	/* when set: the values of an indicator-year the caller holds whole (an
	 * import's new indicator-years, obs_whole_source), as cube_build_from
	 * takes them; a key it does not hold is read from the store */
	obs_source_fn source;
	void *source_ctx;
};

void rollup_todo_init(struct rollup_todo *t);
void rollup_todo_release(struct rollup_todo *t);
/* Values of (ind, year) changed: its figures, and the comparable basis of
 * year + 1 when the indicator has a scope. */
void rollup_todo_data(struct rollup_todo *t, const struct indicator *ind, int year);
/* Values of (ind, year) changed only at the units given to
 * rollup_todo_unit: the same as rollup_todo_data, but only the parents
 * above them are computed again (all of them when many units changed). */
void rollup_todo_data_at(struct rollup_todo *t, const struct indicator *ind, int year);
/* A unit whose values changed (see rollup_todo_data_at); each once. */
void rollup_todo_unit(struct rollup_todo *t, int64_t unit_id);
/* Group membership of grp in year changed: every indicator scoped by it. */
void rollup_todo_group(struct rollup_todo *t, const struct indicator_set *inds, const char *grp,
                       int year);

/* Rebuild what t names (inside the caller's transaction). */
int rollup_rebuild(struct kfq_db *db, const struct rollup_todo *t, struct kfq_err *err);
/* The latest month any value of the indicator in year ends in, as its
 * stored roll-ups keep it (set by a build, raised by a rebuild above
 * changed units, never lowered: at least the true month): 1 with *month
 * when every key of it knows it, 0 when not known, -1 on error. */
int rollup_stored_latest(struct kfq_db *db, int64_t ind_id, int year, int *month,
                         struct kfq_err *err);
/* The latest month of year with a value of the indicator (the largest last
 * of its observations), from its stored roll-ups when every key of it
 * knows it, else from the observations (obs_latest_month): 1 with *month,
 * 0 none, -1 on error. */
int rollup_latest_month(struct kfq_db *db, int64_t ind_id, int year, int *month,
                        struct kfq_err *err);
/* The same with the units and indicators the caller has loaded in this
 * transaction (and not changed since: a change to them is t->all, for
 * which the caller reloads or calls rollup_rebuild). */
int rollup_rebuild_with(struct kfq_db *db, const struct unit_set *units,
                        const struct indicator_set *inds, const struct rollup_todo *t,
                        struct kfq_err *err);

/* Whether a unit under unit u (index in units; u itself files nothing of
 * ind that year) has a value of indicator ind in year: from u's stored
 * roll-up row when the key is stored (one look-up: a parent with nothing
 * under it has no row), else from the observations of its subtree. 1, 0,
 * -1 on a fault. */
int rollup_under_has(struct kfq_db *db, const struct unit_set *units, int64_t ind, int year,
                     size_t u, struct kfq_err *err);

/* A cube served from stored roll-ups: 1 with *out (the caller frees it), 0
 * when the key has none (build it from observations), -1 on error. */
int rollup_cube(struct kfq_db *db, const struct unit_set *units, const struct indicator *ind,
                int year, int scope_year, struct cube **out, struct kfq_err *err);

#endif
