/* ledger.h: ledgers (台账): the long tail of an office's records, one row
 * per certification, tenant, approval, payment or event, each ledger
 * declared by a definition file (docs/formats.md, "Ledgers"): its fields
 * (text, date, unit, number with a measure, choice, yes/no), which are
 * required, its key, and the figures it publishes as derived indicators of
 * the core: counts or sums of its rows (filtered by field values), dated
 * in the month (flow) or standing at the month's end (stock), per unit;
 * and ratios of two of them (formula indicators). The figures are written
 * as month values (obs) of each row's unit in the transaction that changes
 * the rows, so show, bulletin, the reports and the assessment read them
 * like any other figure; `kfq ledger rows CODE` lists the rows behind one.
 * Parsing the definition (ledger_def.c) depends on base only; the rest on
 * base, store, model, calc/rollup. */
#ifndef KFQ_LEDGER_H
#define KFQ_LEDGER_H

#include <stddef.h>
#include <stdint.h>

#include "base/date.h"
#include "base/dec.h"
#include "base/measure.h"
#include "base/period.h"
#include "calc/rollup.h"
#include "store/db.h"

enum lf_type { LF_TEXT, LF_DATE, LF_UNIT, LF_NUMBER, LF_CHOICE, LF_YESNO, LF_NTYPE };
extern const char *const LEDGER_TYPES[];   /* "text" ... "yesno", NULL */

struct ledger_field {
	char *name, *title;          /* title: the Chinese column heading, or NULL */
	enum lf_type type;
	int required;
	const struct measure *measure;   /* number */
	char **choices;              /* choice */
	size_t nchoices;
	size_t line;
};

/* A filter of a figure: the row's field among values. */
struct ledger_where {
	size_t field;
	char **values;               /* canonical (yes/no as 是/否) */
	size_t n;
};

enum lfig_kind { LFIG_COUNT, LFIG_SUM, LFIG_RATIO };

struct ledger_figure {
	char *code, *title, *title_en;
	enum lfig_kind kind;
	int stock;                   /* 1: rows standing at the month's end; 0: dated in it */
	long sum_field;              /* LFIG_SUM: the number field; else -1 */
	long date_field;             /* the date that places a row in time; -1 for a ratio */
	long until_field;            /* stock: a date the row stops standing (after it), or -1 */
	long unit_field;             /* the unit a row counts in; -1: the top of the tree */
	struct ledger_where *where;
	size_t nwhere;
	const struct measure *measure;
	int decimals;
	char *num, *den, *scale;     /* ratio: num / den * scale */
	size_t line;
};

struct ledger_def {
	char *name, *title, *title_en;
	struct ledger_field *f;
	size_t nf;
	size_t key[8];
	size_t nkey;
	struct ledger_figure *fig;
	size_t nfig;
};

/* Parse a definition (text of len bytes, named path in messages): every
 * refusal names the line ("hightech.ledger:7: ..."). The caller releases
 * d, also after a failure. */
int ledger_def_parse(const char *path, const char *text, size_t len, struct ledger_def *d,
                     struct kfq_err *err);
void ledger_def_release(struct ledger_def *d);
long ledger_field_find(const struct ledger_def *d, const char *name);

/* The canonical text of a value of field f given as text in (measure: the
 * header's measure of a number, or NULL for the field's own) into buf:
 * text as given, a date as 2017-03-05, a number in the field's measure
 * exactly (12.5), a choice as listed, yes/no as 是/否; "" when empty. A
 * unit's code is taken as given (the caller checks it). -1 with err naming
 * the field and what was expected. */
int ledger_value(const struct ledger_field *f, const char *in, const char *measure, char *buf,
                 size_t n, struct kfq_err *err);

/* Rows are kept as their fields' canonical texts joined by \x1f, in the
 * order of the definition's fields. */
#define LEDGER_SEP '\x1f'
/* Split vals into n fields (pointers into the buffer copy, which the
 * caller frees). */
char *ledger_split(const char *vals, size_t n, const char **out);

/* ---- on the database (ledger.c) ---- */

struct define_result {
	int added;                   /* 1: a new ledger, 0: redefined */
	size_t rows;                 /* rows kept (and checked) */
	size_t figures;
};

/* Store the definition in file path (its text) as the ledger it names, in
 * one transaction: a new ledger, or a change to one, refused with the
 * reason when the stored rows do not fit it (a field with values removed,
 * a value the new type or choices do not take, a required field empty, a
 * key given twice) or when it would break a figure (one removed that a
 * formula uses, a code another indicator or ledger holds). Its figures are
 * derived again. */
int ledger_define(const struct kfq_ctx *cx, struct kfq_db *db, const char *path,
                  struct define_result *res, struct kfq_err *err);
/* The same, naming the file `as` in messages and the history (the demo's
 * files are written to a temporary folder but come from
 * docs/examples/ledgers/). */
int ledger_define_as(const struct kfq_ctx *cx, struct kfq_db *db, const char *path,
                     const char *as, struct define_result *res, struct kfq_err *err);

/* The definition of ledger name (loaded from the database) and its id. */
int ledger_load(struct kfq_db *db, const char *name, struct ledger_def *d, int64_t *id,
                struct kfq_err *err);
/* The ledger whose figure code is, as ledger_load does. */
int ledger_of_figure(struct kfq_db *db, const char *code, struct ledger_def *d, int64_t *id,
                     size_t *fig, struct kfq_err *err);

/* One row (canonical values, in field order) put by key: *changed 0 same,
 * 1 added, 2 changed (history keeps the old values). import_id 0: not from
 * an import (history records who added it); file and line: where it came
 * from (NULL, 0: by hand). fresh: the ledger held no rows when the import
 * began, so the row is inserted without a look-up, and a key given twice
 * is caught by the table's key: 1 is returned then, with nothing written
 * and no error (the caller names the earlier line; on PostgreSQL the
 * transaction can take no more writes). */
int ledger_row_put(struct kfq_db *db, int64_t ledger, const struct ledger_def *d,
                   const char *const *vals, int64_t import_id, const char *file, size_t line,
                   int fresh, int *changed, struct kfq_err *err);
/* Whether ledger holds no rows: 1, 0, or -1 with err. */
int ledger_empty(struct kfq_db *db, int64_t ledger, struct kfq_err *err);

/* The figures of ledger d derived again from its rows: month values of
 * each row's unit for every year its rows reach (a stock on to today's
 * year), zeros included; the years noted in todo. */
int ledger_derive(struct kfq_db *db, int64_t ledger, const struct ledger_def *d,
                  int64_t import_id, struct rollup_todo *todo, struct kfq_err *err);
/* The same from the ledger's rows as given: v holds n rows of d->nf
 * canonical values each (ledger_value's), which must be every row the
 * ledger holds (an import into an empty ledger keeps them as it goes,
 * rather than read them back). */
int ledger_derive_given(struct kfq_db *db, const struct ledger_def *d, const char *const *v,
                        size_t n, int64_t import_id, struct rollup_todo *todo,
                        struct kfq_err *err);

/* `kfq ledger add`: one row from field=value words, checked as an import
 * checks it, in its own transaction with its figures. */
int ledger_add(const struct kfq_ctx *cx, struct kfq_db *db, const char *name,
               const char *const *assign, size_t n, int *changed, struct kfq_err *err);

/* Rows read back for list, rows and export. */
struct ledger_rows {
	struct ledger_def def;
	size_t nrows;
	char **vals;                 /* nrows × def.nf canonical texts, row-major */
	dec total;                   /* rows CODE: the figure's value over them */
	int has_total;
	size_t fig;                  /* rows CODE: the figure */
};

struct ledger_query {
	const char *name;            /* list/export: the ledger */
	const char *figure;          /* rows: the figure's code (the ledger is its own) */
	const char *unit;            /* rows in this unit's subtree, or NULL */
	struct period period;        /* year 0: any */
	const char *const *where;    /* field=value words */
	size_t nwhere;
};

int ledger_rows_read(struct kfq_db *db, const struct ledger_query *q, struct ledger_rows *out,
                     struct kfq_err *err);
void ledger_rows_release(struct ledger_rows *r);

/* The ledgers defined, by name: each one's definition and how many rows
 * it holds (the whole zone's). */
struct ledger_entry {
	struct ledger_def def;
	size_t rows;
};
struct ledger_catalogue {
	struct ledger_entry *v;
	size_t n;
};
int ledger_catalogue_read(struct kfq_db *db, struct ledger_catalogue *out, struct kfq_err *err);
void ledger_catalogue_release(struct ledger_catalogue *c);

#endif
