/* import.h: importing units, indicators, groups, data and targets from
 * CSV or XLSX files, all or nothing.
 *
 * Every row is validated and written inside one transaction; if any row is
 * bad, the transaction is rolled back and every bad row is reported (the
 * first IMPORT_MAX_MESSAGES lines, then a count). --dry-run takes the same
 * path and always rolls back. Importing the same file twice changes
 * nothing; a corrected value is updated and history keeps the old one.
 * Headers are matched by name (English or Chinese, any order, any case); a
 * measure may stand in a header: "value(万元)". Formats: docs/formats.md.
 * A data import runs the validation rules (docs/quality.md) on the units'
 * months it changed: a failed error rule refuses the import like a bad row
 * (file:line: rule …), a failed warning rule is stored as an open finding
 * and reported. Depends on base, store, model, calc and quality. */
#ifndef KFQ_IMPORT_H
#define KFQ_IMPORT_H

#include <stddef.h>
#include <stdint.h>

#include "base/table.h"
#include "store/db.h"

#define IMPORT_MAX_MESSAGES 50

struct import_opts {
	const char *kind;     /* "units", "indicators", "groups", "data", "targets" */
	const char *path;
	const char *sheet;    /* XLSX sheet name, or NULL for the first */
	int dry_run;
	int synthetic;        /* mark imported units as synthetic (the demo) */
	const char *scope;    /* a unit's code: rows naming a unit outside its subtree are
	                         refused as unknown units, and a units or projects file
	                         changes that subtree only (a web account's scope); NULL: all */
	/* Rows from elsewhere than a file (a report form, io/form.h): when set,
	 * called with the row callback instead of reading path, which still
	 * names the source in messages; the first row is the header. */
	int (*rows)(void *rows_ctx, table_row_fn fn, void *fn_ctx, struct kfq_err *err);
	void *rows_ctx;
	const char *ledger;   /* a ledger's rows (kfq ledger import NAME): its name; kind unused */
	int backfill;         /* values reported before kfq kept them (补录): the values it
	                         files first are never judged late (kfq missing) */
};

struct import_result {
	size_t rows, added, changed, unchanged, bad_rows;
	char *messages;       /* "file:line: ..." lines; NULL when none; the caller frees */
	char *messages_zh;    /* the same lines in Chinese (a line whose message has no
	                         translation stays English); NULL when none; freed as above */
	char *note;           /* something to know about a good import, or NULL; freed as above */
	size_t warnings;      /* warning rules failed (stored as open findings unless a dry run) */
	size_t reverts;       /* values put back to what a later correction replaced (in warn) */
	char *warn;           /* their "file:line: rule …" lines, NULL when none; freed as above */
	char *warn_zh;        /* the same in Chinese; freed as above */
	int64_t import_id;    /* 0 for a dry run or a failed import */
};

/* Run one import. Returns 0 when every row was good (and, unless a dry
 * run, committed). Returns -1 with err filled when the file could not be
 * read, or rows were bad (then res->messages names each one and nothing
 * was written). */
int import_run(const struct kfq_ctx *cx, struct kfq_db *db, const struct import_opts *o, struct import_result *res,
               struct kfq_err *err);
void import_result_release(struct import_result *res);

/* The kinds import_run knows, NULL-terminated. */
extern const char *const IMPORT_KINDS[];

/* The columns of import kind `kind` (their English names, the aliases a
 * heading may use instead, which are required), n of them; NULL for a kind
 * there is not (a ledger's columns are its fields). */
struct column_def;
const struct column_def *import_kind_columns(const char *kind, size_t *n);

#endif
