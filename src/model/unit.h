/* unit.h: units: anything that reports or is reported on (zone, park,
 * enterprise ...), a tree of any depth, loaded whole into memory for
 * look-ups and roll-ups. Depends on base and store. */
#ifndef KFQ_UNIT_H
#define KFQ_UNIT_H

#include <stddef.h>
#include <stdint.h>

#include "base/dec.h"
#include "base/strmap.h"
#include "store/db.h"

struct unit {
	int64_t id;
	char *code;
	char *name;
	char *kind;          /* "zone", "park", "enterprise", ... */
	long parent;         /* index in the set, -1 for a root */
	char *industry;      /* NULL when unset */
	dec land_mu;         /* land area in 亩 (DEC), valid when has_land */
	int has_land;
	int hightech;
	char *uscc;          /* 统一社会信用代码 (18 characters), NULL when unset */
	int synthetic;
	size_t *children;    /* indexes, in code order */
	size_t nchildren;
};

struct unit_set {
	struct unit *v;      /* ordered by code */
	size_t n;
	struct strmap by_code;
	struct strmap by_uscc;   /* 统一社会信用代码 → index, of the units that have one */
	long *by_id;         /* id → index, -1 where none */
	int64_t max_id;
	struct unit_texts *texts;   /* where the units' strings are kept (unit.c) */
};

int units_load(struct kfq_db *db, struct unit_set *set, struct kfq_err *err);
void units_release(struct unit_set *set);
/* Index of the unit with this code, or -1. */
long units_find(const struct unit_set *set, const char *code);
/* Index of the unit with this code; -1 with "unknown unit" (naming the
 * code) in err when there is none. */
long units_need(const struct unit_set *set, const char *code, struct kfq_err *err);
/* Index of the unit with this 统一社会信用代码 (18 characters, upper-case),
 * or -1. */
long units_find_uscc(const struct unit_set *set, const char *uscc);
/* Whether unit a is b or lies under it. */
int units_within(const struct unit_set *set, size_t a, size_t b);
/* The units of root's subtree, root first (a preorder), into a new array
 * *out (the caller frees it); returns their count. */
size_t units_subtree(const struct unit_set *set, size_t root, size_t **out);

/* in[u] = 1 for each unit u of set that is a member of group grp in year
 * (table unit_group; an indicator's scope, 口径). */
int units_in_group(struct kfq_db *db, const struct unit_set *set, const char *grp, int year,
                   unsigned char *in, struct kfq_err *err);

/* One row of a units file, as text. A NULL parent, industry, land_mu,
 * hightech or uscc (a column the file does not have) keeps what is stored;
 * an empty one clears it. A uscc is checked (base/uscc.h: lower case and
 * spaces around taken) and must be no other unit's. */
struct unit_row {
	const char *code, *name, *kind, *parent, *industry, *land_mu, *hightech, *uscc;
};
/* Insert or update one unit (the parent must already exist); history keeps
 * what changed. *changed is set to 0 (the same), 1 (added) or 2 (changed).
 * A refusal names its field apart (err->field: "parent", "land_mu",
 * "uscc" ...). */
int unit_put(struct kfq_db *db, const struct unit_row *row, int synthetic, int *changed,
             struct kfq_err *err);

#endif
