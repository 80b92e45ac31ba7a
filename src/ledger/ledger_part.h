/* ledger_part.h: private to src/ledger: what ledger.c (rows) and
 * ledger_define.c (definitions) share. */
#ifndef KFQ_LEDGER_PART_H
#define KFQ_LEDGER_PART_H

#include <stddef.h>
#include <stdint.h>

#include "base/sbuf.h"
#include "ledger/ledger.h"
#include "store/db.h"

#define DEF_MAX (1 << 20)   /* the longest definition file (bytes) */
#define VAL_MAX 4096        /* the longest value of a field (bytes) */

/* The stored definition text of ledger name (a new string) and its id:
 * 0 (*text NULL when there is no such ledger), or -1 on a fault. */
int ledger_load_text(struct kfq_db *db, const char *name, char **text, int64_t *id, struct kfq_err *err);
/* A row's values, and its key, joined as stored (\x1f between fields). */
void ledger_join_vals(const struct ledger_def *d, const char *const *vals, struct sbuf *sb);
void ledger_join_key(const struct ledger_def *d, const char *const *vals, struct sbuf *sb);
/* A stored key as a person reads it: "a / b". */
void ledger_key_shown(const char *k, char *buf, size_t n);

#endif
