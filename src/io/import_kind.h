/* import_kind.h: private to the import: the context every row function
 * gets, the table entry of an import kind, and the helpers kinds share.
 * The driver is io/import.c; the project kinds are io/import_project.c.
 * Depends on base, store, model, calc/rollup. */
#ifndef KFQ_IMPORT_KIND_H
#define KFQ_IMPORT_KIND_H

#include "base/period.h"
#include "base/sbuf.h"
#include "base/strmap.h"
#include "base/u64set.h"
#include "calc/rollup.h"
#include "io/header.h"
#include "io/import.h"
#include "model/indicator.h"
#include "model/obs.h"
#include "model/unit.h"
#include "quality/approval.h"
#include "quality/check.h"

struct ictx;
struct case_cache;
typedef int (*row_fn)(struct ictx *c, const char *const *cell, struct kfq_err *err);

struct kind_def {
	const char *name;
	const struct column_def *cols;
	size_t ncols;
	row_fn row;
	int needs_model;     /* load units and indicators first */
	/* Before the rows (e.g. create a module's indicators), and after them
	 * (e.g. derive a module's figures); NULL when none. */
	int (*before)(struct kfq_db *db, struct kfq_err *err);
	int (*after)(struct ictx *c, struct kfq_err *err);
};

struct pending_unit {
	char *cell[8];       /* the units file's columns (io/import.c UNIT_COLS) */
	size_t line;
};

struct ictx {
	struct kfq_db *db;
	const struct import_opts *o;
	const struct kind_def *k;
	struct import_result *res;
	struct header_map map;
	int have_header;
	size_t ncells_header;
	unsigned char unnamed[HEADER_MAX_COLS];   /* 1: the header's cell there is empty */
	size_t line;
	struct sbuf msgs, msgs_zh;   /* the bad rows' messages, in English and in Chinese */
	struct unit_set units;
	long scope;               /* the unit of o->scope, -1 when none */
	struct indicator_set inds;
	struct obs_writer w;
	char last_period[40];
	struct period last_p;
	struct pending_unit *pend;
	size_t npend, pend_cap;
	char *scratch;       /* the trimmed cells of the current row */
	size_t scratch_cap;
	unsigned char *touched;   /* per indicator, a bit per year 1900..2999 whose values changed */
	unsigned char *touched_units;   /* a bit per unit whose values changed (data rows) */
	int touched_whole;        /* values changed with no unit kept: rebuild whole keys */
	struct rollup_todo todo;  /* roll-ups to rebuild before committing */
	char **derive;            /* projects whose counts must be derived again */
	size_t nderive, derive_cap;
	struct key_line { char *key; size_t line; } *keys;   /* rows by key (mark_key) */
	size_t nkeys, keys_cap;
	struct strmap keymap;     /* key → its place in keys; cap 0 until the first key */
	struct check_key *vkeys;  /* units' months whose values changed (validation rules) */
	size_t nvkeys, vkeys_cap;
	struct u64set vseen;      /* those months as a set: each once, at its first line,
	                             not once per value */
	uint64_t vlast;           /* the last month added to it (a file's values of a
	                             unit's month come together) */
	char last_ucode[64];      /* the unit code of the row before, and its unit */
	long last_u;
	size_t failed_checks;     /* error rules failed (counted among the bad rows) */
	struct approval_locks locks;  /* approved months (data rows are refused there) */
	int locks_loaded;
	struct sbuf warn, warn_zh;   /* failed warning rules' lines */
	void *kind_data;          /* a kind's own state (a ledger's definition), or NULL */
	struct case_cache *case_cache;   /* what the campaign's rows look up, read once */
	struct scope_state *scope_state;   /* values outside their scope (import_scope.c) */
};


#define YEAR_BITS 1100
#define YEAR_BYTES (YEAR_BITS / 8 + 1)
#define NCOLS(a) (sizeof a / sizeof a[0])

/* Shared checks of a row's cells; each fills err naming the column. */
long need_unit(struct ictx *c, const char *code, struct kfq_err *err);
long need_ind(struct ictx *c, const char *code, struct kfq_err *err);
int need_year(const char *s, const char *col, int *year, struct kfq_err *err);
/* A value in the row's measure column, else the header's, else the
 * indicator's own. */
int parse_value(struct ictx *c, const struct indicator *ind, const char *text,
                const char *row_measure, int value_col, dec *v, struct kfq_err *err);
void count(struct ictx *c, enum put_result r);
/* Note that values of indicator i in year changed (roll-ups to rebuild). */
void mark_touched(struct ictx *c, size_t i, int year);
/* The same, for a value of unit u: the roll-ups above u alone are built
 * again (unless some value changed through mark_touched). */
void mark_touched_at(struct ictx *c, size_t i, int year, size_t u);
/* Note that a project's counts must be derived again. */
void mark_derive(struct ictx *c, const char *code);
/* A key (a code, an item's month …) given twice in one file is refused,
 * naming the first line; `what` names it in the message. row_once_of: the
 * key made of tag and the texts after it (up to a NULL), whole, however
 * long. */
int row_once(struct ictx *c, const char *key, const char *what, struct kfq_err *err);
int row_once_of(struct ictx *c, const char *what, struct kfq_err *err, const char *tag, ...)
	__attribute__((sentinel));
/* Remember the current line as the row of key (a later one replaces it), for
 * problems found after the rows; key_line: the line of the first of the
 * tab-separated keys given in this file, 0 when none is. */
void mark_key(struct ictx *c, const char *key);
size_t key_line(const struct ictx *c, const char *keys);
/* Note that unit u's values of (year, month) changed on line `line`: the
 * validation rules check that month (and the next) after the rows. */
void mark_checked(struct ictx *c, size_t u, int year, int month, size_t line);
/* Record a bad row (line 0: the file as a whole). */
void import_bad_row(struct ictx *c, size_t line, const struct kfq_err *err);

/* A data import's totals over several months (1-8月) against the months
 * filed one by one (import_mixed.c): each disagreement a bad row naming
 * both. */
int import_mixed_check(struct ictx *c, struct kfq_err *err);

/* Values outside their indicator's scope (import_scope.c): note the value
 * of indicator i, unit u in year (-1: a fault reading the group); after
 * the rows, one warning per indicator and year with such values; release. */
int import_scope_note(struct ictx *c, size_t i, size_t u, int year, struct kfq_err *err);
void import_scope_warn(struct ictx *c);
/* A unit with children given its first own value of indicator i in year
 * while units under it have values of it (its figures then stop being
 * their sum, in every month): every month of the year must be open (-1
 * naming the locked one), and it is said once, at its first line. */
int import_parent_note(struct ictx *c, size_t i, size_t u, int year, struct kfq_err *err);
void import_scope_release(struct ictx *c);

/* Rebuild the roll-ups of what the import touched (import.c). */
int import_refresh_rollups(struct ictx *c, struct kfq_err *err);
/* The validation rules on the months the rows changed, with the month
 * after each and their ancestors' (import_validate.c); the roll-ups are
 * rebuilt first (*refreshed set), also on a dry run. */
int import_validate(struct ictx *c, int *refreshed, struct kfq_err *err);

/* Run c's after() step (import_lock.c): refused, changing nothing, when a
 * derived figure of an approved or certified month would change. */
int import_after_locked(struct ictx *c, struct kfq_err *err);

extern const struct kind_def RULE_KINDS[];
extern const size_t NRULE_KINDS;
/* A ledger's rows as an import kind (io/import_ledger.c): its columns
 * made from the ledger's fields, opened before the import and released
 * after it. */
struct ledger_kind;
struct ledger_kind *ledger_kind_open(struct kfq_db *db, const char *name, struct kfq_err *err);
const struct kind_def *ledger_kind_def(const struct ledger_kind *lk);
void ledger_kind_free(struct ledger_kind *lk);

extern const struct kind_def UNIT_KINDS[];
extern const size_t NUNIT_KINDS;
/* Write a units file's rows held back by its row function (import_unit.c):
 * parents first, in as many passes as the tree is deep; what is left names
 * an unknown parent or a cycle. */
int import_finish_units(struct ictx *c, struct kfq_err *err);
extern const struct kind_def PROJECT_KINDS[];
extern const size_t NPROJECT_KINDS;
extern const struct kind_def LEAD_KINDS[];
extern const size_t NLEAD_KINDS;
extern const struct kind_def CASE_KINDS[];
extern const size_t NCASE_KINDS;
extern const struct kind_def INDEX_KINDS[];
extern const size_t NINDEX_KINDS;
extern const struct kind_def FINANCE_KINDS[];
extern const size_t NFINANCE_KINDS;

#endif
