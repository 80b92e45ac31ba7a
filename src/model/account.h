/* account.h: the accounts of the web server (kfq user, kfq serve): a name,
 * a password kept only as an argon2id hash (libsodium), the unit whose
 * subtree the account works in, its roles (model/rights.h), and whether it
 * is disabled. Every change is one transaction and goes to the audit log
 * (model/session.h) on behalf of the context's account. Depends on base,
 * store and model/rights. */
#ifndef KFQ_ACCOUNT_H
#define KFQ_ACCOUNT_H

#include <stddef.h>
#include <stdint.h>

#include "base/ctx.h"
#include "model/rights.h"
#include "store/db.h"

/* The shortest password accepted, in characters. */
#define ACCOUNT_PW_MIN 10

struct account {
	int64_t id;
	char name[64];
	int64_t unit_id;
	char unit[64];        /* the code of the unit it works in */
	int top;              /* that unit is a top-level one (no parent): the whole tree's */
	int disabled;
	char roles[160];      /* granted roles, comma-separated, in name order */
	char dept[64];        /* "": none; else the department whose cases it works */
	char created[32];
};

/* Whether a holds a role giving right r. */
int account_can(const struct account *a, enum right r);

/* Add an account working in unit (a code) with roles (comma-separated,
 * each one of ROLES) and password, and for a department's account the
 * department (NULL or "": none). Refused: a name in use or not a name
 * (1-63 bytes of UTF-8, no spaces, controls or the characters :/\"'),
 * an unknown unit or role, a password shorter than ACCOUNT_PW_MIN
 * characters, the same as the name, or not UTF-8. */
int account_add(struct kfq_db *db, const struct kfq_ctx *cx, const char *name,
                const char *password, const char *unit, const char *roles, const char *dept,
                struct kfq_err *err);
/* A new password; the account's sessions end (everywhere it is signed in). */
int account_passwd(struct kfq_db *db, const struct kfq_ctx *cx, const char *name,
                   const char *password, struct kfq_err *err);
/* Disable (1) or enable (0); disabling ends its sessions. */
int account_disable(struct kfq_db *db, const struct kfq_ctx *cx, const char *name, int disabled,
                    struct kfq_err *err);
/* Set the roles (comma-separated; NULL keeps them), the unit (NULL keeps
 * it) and the department (NULL keeps it, "" clears it) of an account. Its
 * sessions end. */
int account_grant(struct kfq_db *db, const struct kfq_ctx *cx, const char *name,
                  const char *roles, const char *unit, const char *dept, struct kfq_err *err);

/* The account named name into *a: 1 found, 0 none, -1 a fault. */
int account_get(struct kfq_db *db, const char *name, struct account *a, struct kfq_err *err);
/* Every account in name order (the caller frees *v). */
int account_list(struct kfq_db *db, struct account **v, size_t *n, struct kfq_err *err);

/* An argon2id hash of pw (libsodium's string form, at most 128 bytes with
 * its NUL) into out: 0, or -1 (out of memory). */
int account_hash(const char *pw, char out[128], struct kfq_err *err);
/* Tests only: hash at libsodium's minimal costs (minimal 1) instead of
 * those for interactive logins, so that a suite signing in hundreds of
 * times runs in seconds. Never called by kfq itself. */
void account_hash_costs_for_tests(int minimal);

/* Check a password against a stored hash: 1 it matches, 0 not. */
int account_password_ok(const char *pwhash, const char *password);
/* The account's stored hash into buf ("" when there is none): 0, or -1. */
int account_pwhash(struct kfq_db *db, int64_t id, char *buf, size_t n, struct kfq_err *err);

#endif
