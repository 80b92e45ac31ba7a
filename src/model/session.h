/* session.h: signing in to the web server: logins checked against the
 * accounts (model/account.h) with a growing delay after failures, per
 * account and per client address; sessions kept by the hash of a random
 * token (256 bits from libsodium) with idle and absolute expiry; the
 * append-only audit log of logins, failures, logouts, account changes and
 * the personal data shown.
 * Times are seconds since 1970, given by the caller (the clock is the
 * front end's). Depends on base, store and model/account. */
#ifndef KFQ_SESSION_H
#define KFQ_SESSION_H

#include <stdint.h>

#include "model/account.h"

/* How long sessions live, in seconds. */
struct session_limits {
	int64_t idle;       /* since the last request (default 30 minutes) */
	int64_t absolute;   /* since the login (default 12 hours) */
};
#define SESSION_IDLE_DEFAULT (30 * 60)
#define SESSION_ABSOLUTE_DEFAULT (12 * 3600)

/* Failures allowed before the delay starts: per account, per address. */
#define LOGIN_FREE_ACCOUNT 5
#define LOGIN_FREE_ADDRESS 20

/* A new session: the token the client keeps (hex, 64 characters) and the
 * token it sends back with every change (X-CSRF-Token, hex, 32). */
struct session_new {
	char token[65];
	char csrf[33];
};

/* Sign in name with password from address at now. 0 with a new session in
 * *out and the account in *a. -1 with a user error: a wrong name or
 * password (one message for both), a disabled account, or too many
 * failures (then *retry_after is the seconds to wait, else 0). Every
 * attempt is recorded in the audit log. */
int session_login(struct kfq_db *db, const struct kfq_ctx *cx, const char *name,
                  const char *password, const char *address, int64_t now,
                  struct session_new *out, struct account *a, int64_t *retry_after,
                  struct kfq_err *err);

/* The session of token at now: 1 valid (the account in *a, its CSRF token
 * in csrf), 0 none, expired or its account disabled, -1 a fault. A valid
 * session's idle clock restarts (written at most once a minute). */
int session_check(struct kfq_db *db, const struct kfq_ctx *cx, const char *token, int64_t now,
                  const struct session_limits *lim, struct account *a, char csrf[33],
                  struct kfq_err *err);

/* End the session of token (logout), recorded in the audit log. */
int session_end(struct kfq_db *db, const struct kfq_ctx *cx, const char *token,
                const char *address, struct kfq_err *err);

/* End every session of an account; inside the caller's transaction. */
int session_end_all(struct kfq_db *db, int64_t account_id, struct kfq_err *err);

/* Append to the audit log inside the caller's transaction: event ("login",
 * "login-failed", "logout", "account-added" ...), the account it is about,
 * the client address and a detail (each may be NULL). Stamped with the
 * transaction's context (who, when, and its client address when address
 * is NULL). */
int audit_add(struct kfq_db *db, const char *event, const char *account, const char *address,
              const char *detail, struct kfq_err *err);

/* Personal information (households' names, addresses and phones, under the
 * Personal Information Protection Law) is shown only when asked for, and
 * only after the asking is recorded: event "personal-data", by and about
 * the account that asked (cx->who), at cx->now, from address (the client's;
 * NULL on the command line), detail what was asked. In a transaction of
 * its own. -1 when it cannot be recorded (a read-only database, ...), the
 * message saying so: then nothing personal may be shown. */
int audit_personal(struct kfq_db *db, const struct kfq_ctx *cx, const char *address,
                   const char *detail, struct kfq_err *err);

struct audit_row {
	char *at, *who, *address, *event, *account, *detail;
};
struct audit_list {
	struct audit_row *v;
	size_t n;
};
/* The newest limit entries (about account when not NULL), newest first;
 * released with audit_list_release, also after a failure. */
int audit_read(struct kfq_db *db, const char *account, long limit, struct audit_list *out,
               struct kfq_err *err);
void audit_list_release(struct audit_list *l);

#endif
