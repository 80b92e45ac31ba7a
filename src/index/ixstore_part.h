/* ixstore_part.h: private to ixstore*.c: the helpers the eyewear index's
 * puts share (parsing cells, reporters, history notes). Depends on base,
 * store. */
#ifndef KFQ_IXSTORE_PART_H
#define KFQ_IXSTORE_PART_H

#include <stdint.h>

#include "base/dec.h"
#include "base/sbuf.h"
#include "index/ixstore.h"
#include "store/db.h"

#define REPLY_FORMS "up, flat, down or none; or 上升|增加|增长, 持平|不变, 下降|减少, 未答|空"

int ixs_same_word(const char *a, const char *b);
const char *ixs_nz(const char *s);
const char *ixs_txt(const char *s);
int64_t ixs_int_of(struct kfq_db *db, const char *sql, const char *code, struct kfq_err *err);
/* Step a statement that reads at most one row: ST_ROW or ST_DONE; a failed
 * step is a fault about what (db_fault), st reset, -1. Never "no row". */
int ixs_step(struct kfq_stmt *st, const char *what, struct kfq_err *err);
/* The id of a category code (ixs_int_of). */
extern const char IXS_SQL_CAT_ID[];
/* The longest chain of parents or replacements walked. */
#define IXS_MAX_DEPTH 1000

int ixs_need(const char *col, const char *v, const char *what, struct kfq_err *err);
/* Column channel: an IX_CHANNEL index, or -1 (a user error). */
int ixs_parse_channel(const char *s, struct kfq_err *err);
int ixs_parse_month(const char *col, const char *s, int *y, int *m, struct kfq_err *err);
int ixs_parse_amount(const char *col, const char *s, int shift, int zero_ok, const char *what,
                     dec *v, struct kfq_err *err);
int64_t ixs_reporter_id(struct kfq_db *db, const char *col, const char *code, struct kfq_err *err);
int ixs_add_history(struct kfq_db *db, const char *kind, const char *unit, const char *period,
                    const dec *old_v, const dec *new_v, const char *note, const char *source,
                    struct kfq_err *err);
/* History of a changed row: note "WHAT CODE[/CODE2]: diffs" (the diffs
 * from ixs_note_diff), under kind and unit. */
int ixs_history_changed(struct kfq_db *db, const char *kind, const char *unit, const char *what,
                        const char *code, const char *code2, const struct sbuf *diffs,
                        struct kfq_err *err);
void ixs_note_diff(struct sbuf *note, const char *name, const char *was, const char *now);
void ixs_fmt_dec(dec v, char *buf, size_t n);

#endif
