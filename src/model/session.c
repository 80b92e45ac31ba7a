/* session.c: logins, the delay after failures, sessions and the audit log
 * (see session.h). Depends on base, store, model/account and libsodium. */
#include "model/session.h"
#include "base/xalloc.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A failure older than this no longer counts towards the delay. */
#define FAIL_MEMORY 3600
/* The delay after the free failures: 30 s, doubling with each further
 * failure, at most an hour. */
#define DELAY_FIRST 30
#define DELAY_MAX 3600

static void token_hash(const char *token, char out[65])
{
	unsigned char h[32];
	crypto_generichash(h, sizeof h, (const unsigned char *)token, strlen(token), NULL, 0);
	sodium_bin2hex(out, 65, h, sizeof h);
}

/* Seconds still to wait before key may try again (0: none). */
static int throttle_wait(struct kfq_db *db, const char *key, int free_tries, int64_t now,
                         int64_t *wait, struct kfq_err *err)
{
	static const char Q[] = "SELECT failures, last FROM login_fail WHERE k = ?";
	struct kfq_stmt *st;
	int rc;
	*wait = 0;
	if (db_cached(db, Q, &st, err) < 0)
		return -1;
	st_bind_text(st, 1, key);
	rc = st_step(st);
	if (rc == ST_ROW) {
		int64_t f = st_i64(st, 0), last = st_i64(st, 1), delay = DELAY_FIRST;
		if (now - last <= FAIL_MEMORY && f >= free_tries) {
			for (int64_t k = free_tries; k < f && delay < DELAY_MAX; k++)
				delay *= 2;
			if (delay > DELAY_MAX)
				delay = DELAY_MAX;
			if (last + delay > now)
				*wait = last + delay - now;
		}
	} else if (rc == ST_ERROR) {
		db_fault(db, err, "reading failed sign-ins");
	}
	st_reset(st);
	return rc == ST_ERROR ? -1 : 0;
}

static int fail_count(struct kfq_db *db, const char *key, int64_t now, struct kfq_err *err)
{
	static const char UP[] =
		"INSERT INTO login_fail(k, failures, last) VALUES (?1, 1, ?2) "
		"ON CONFLICT (k) DO UPDATE SET failures = CASE WHEN ?2 - login_fail.last > ?3 "
		"THEN 1 ELSE login_fail.failures + 1 END, last = ?2";
	struct kfq_stmt *st;
	int rc;
	if (db_cached(db, UP, &st, err) < 0)
		return -1;
	st_bind_text(st, 1, key);
	st_bind_i64(st, 2, now);
	st_bind_i64(st, 3, FAIL_MEMORY);
	rc = st_step(st) == ST_DONE ? 0 : db_fault(db, err, "counting a failed sign-in");
	st_reset(st);
	return rc;
}

static int fail_clear(struct kfq_db *db, const char *key, struct kfq_err *err)
{
	static const char DEL[] = "DELETE FROM login_fail WHERE k = ?";
	struct kfq_stmt *st;
	int rc;
	if (db_cached(db, DEL, &st, err) < 0)
		return -1;
	st_bind_text(st, 1, key);
	rc = st_step(st) == ST_DONE ? 0 : db_fault(db, err, "clearing failed sign-ins");
	st_reset(st);
	return rc;
}

/* Record a refused sign-in (event, and the failure counts when counted)
 * in a transaction of its own, then leave the refusal's message in err. */
static int refuse(struct kfq_db *db, const struct kfq_ctx *cx, const char *event,
                  const char *name, const char *address, const char *kacc, const char *kaddr,
                  int64_t now, int counted, struct kfq_err *err)
{
	struct kfq_err e2 = { 0 };
	int rc;
	if (db_begin(db, cx, &e2) < 0) {
		*err = e2;
		return -1;
	}
	rc = audit_add(db, event, name, address, NULL, &e2);
	if (rc == 0 && counted)
		rc = fail_count(db, kacc, now, &e2) < 0 || fail_count(db, kaddr, now, &e2) < 0 ? -1 : 0;
	if (rc < 0) {
		db_rollback(db);
		*err = e2;
		return -1;
	}
	if (db_commit(db, &e2) < 0)
		*err = e2;
	return -1;
}

int session_login(struct kfq_db *db, const struct kfq_ctx *cx, const char *name,
                  const char *password, const char *address, int64_t now,
                  struct session_new *out, struct account *a, int64_t *retry_after,
                  struct kfq_err *err)
{
	static const char INS[] = "INSERT INTO session(token_hash, account_id, csrf, created, "
	                          "last_seen, address) VALUES (?, ?, ?, ?, ?, ?)";
	char cut[96], *kacc, *kaddr;
	char stored[256], th[65];
	unsigned char raw[32];
	int64_t wa, wd;
	struct kfq_stmt *st;
	int found, ok, rc = -1;

	/* No account's name is longer than 63 bytes: a longer one (anyone may
	 * send one, before signing in) is kept in the audit and the throttle
	 * cut short, so that the failures stored grow with their number, not
	 * with what was sent. */
	if (strlen(name) > 63) {
		size_t k = 60;
		while (k > 0 && ((unsigned char)name[k] & 0xc0) == 0x80)
			k--;
		snprintf(cut, sizeof cut, "%.*s… (%zu bytes)", (int)k, name, strlen(name));
		name = cut;
	}
	kacc = xasprintf("account:%s", name);
	kaddr = xasprintf("address:%s", address);
	*retry_after = 0;
	if (sodium_init() < 0) {
		kfq_fault(err, "libsodium could not start");
		goto out;
	}
	if (throttle_wait(db, kacc, LOGIN_FREE_ACCOUNT, now, &wa, err) < 0 ||
	    throttle_wait(db, kaddr, LOGIN_FREE_ADDRESS, now, &wd, err) < 0)
		goto out;
	if (wa > 0 || wd > 0) {
		*retry_after = wa > wd ? wa : wd;
		kfq_error(err, "too many failed sign-ins %s; try again in %lld seconds",
		          wa > 0 ? "for this account" : "from this address", (long long)*retry_after);
		kfq_err_zh(err, "%s登录失败次数过多，请 %lld 秒后再试", wa > 0 ? "此账号" : "此地址",
		           (long long)*retry_after);
		refuse(db, cx, "login-throttled", name, address, kacc, kaddr, now, 0, err);
		goto out;
	}
	if ((found = account_get(db, name, a, err)) < 0 ||
	    (found && account_pwhash(db, a->id, stored, sizeof stored, err) < 0))
		goto out;
	if (!found) {
		/* the same work as for an account that exists: the time taken
		 * does not tell whether the name is one */
		char dummy[crypto_pwhash_STRBYTES];
		if (account_hash("-", dummy, err) < 0)
			goto out;
		ok = 0;
	} else {
		ok = account_password_ok(stored, password);
	}
	if (!ok) {
		kfq_error(err, "wrong account name or password");
		refuse(db, cx, "login-failed", name, address, kacc, kaddr, now, 1, err);
		goto out;
	}
	if (a->disabled) {
		kfq_error(err, "account \"%s\" is disabled; ask an administrator", name);
		refuse(db, cx, "login-disabled", name, address, kacc, kaddr, now, 0, err);
		goto out;
	}
	randombytes_buf(raw, sizeof raw);
	sodium_bin2hex(out->token, sizeof out->token, raw, sizeof raw);
	randombytes_buf(raw, 16);
	sodium_bin2hex(out->csrf, sizeof out->csrf, raw, 16);
	token_hash(out->token, th);
	if (db_begin(db, cx, err) < 0)
		goto out;
	if (fail_clear(db, kacc, err) == 0 && db_cached(db, INS, &st, err) == 0) {
		st_bind_text(st, 1, th);
		st_bind_i64(st, 2, a->id);
		st_bind_text(st, 3, out->csrf);
		st_bind_i64(st, 4, now);
		st_bind_i64(st, 5, now);
		st_bind_text(st, 6, address);
		rc = st_step(st) == ST_DONE ? 0 : db_fault(db, err, "starting a session");
		st_reset(st);
	}
	if (rc == 0)
		rc = audit_add(db, "login", name, address, NULL, err);
	if (rc < 0)
		db_rollback(db);
	else
		rc = db_commit(db, err);
out:
	sodium_memzero(raw, sizeof raw);
	free(kacc);
	free(kaddr);
	return rc;
}

/* Delete the session whose token hashes to th, recording event (NULL:
 * nothing) in the audit log, in a transaction of its own. */
static int drop(struct kfq_db *db, const struct kfq_ctx *cx, const char *th, const char *event,
                const char *address, struct kfq_err *err)
{
	static const char DEL[] = "DELETE FROM session WHERE token_hash = ?";
	struct kfq_stmt *st;
	int rc = -1;
	if (db_begin(db, cx, err) < 0)
		return -1;
	if (db_cached(db, DEL, &st, err) == 0) {
		st_bind_text(st, 1, th);
		rc = st_step(st) == ST_DONE ? 0 : db_fault(db, err, "ending a session");
		st_reset(st);
	}
	if (rc == 0 && event)
		rc = audit_add(db, event, cx->who, address, NULL, err);
	if (rc < 0) {
		db_rollback(db);
		return -1;
	}
	return db_commit(db, err);
}

int session_check(struct kfq_db *db, const struct kfq_ctx *cx, const char *token, int64_t now,
                  const struct session_limits *lim, struct account *a, char csrf[33],
                  struct kfq_err *err)
{
	static const char Q[] = "SELECT a.name, s.csrf, s.created, s.last_seen FROM session s "
	                        "JOIN account a ON a.id = s.account_id WHERE s.token_hash = ?";
	static const char TOUCH[] = "UPDATE session SET last_seen = ? WHERE token_hash = ?";
	char th[65], name[64] = "";
	int64_t created = 0, seen = 0;
	struct kfq_stmt *st;
	int rc;

	if (strlen(token) != 64 || strspn(token, "0123456789abcdef") != 64)
		return 0;
	token_hash(token, th);
	if (db_cached(db, Q, &st, err) < 0)
		return -1;
	st_bind_text(st, 1, th);
	rc = st_step(st);
	if (rc == ST_ROW) {
		snprintf(name, sizeof name, "%s", st_text(st, 0));
		snprintf(csrf, 33, "%s", st_text(st, 1));
		created = st_i64(st, 2);
		seen = st_i64(st, 3);
	} else if (rc == ST_ERROR) {
		db_fault(db, err, "reading sessions");
	}
	st_reset(st);
	if (rc != ST_ROW)
		return rc == ST_DONE ? 0 : -1;
	if (now - seen > lim->idle || now - created > lim->absolute)
		return drop(db, cx, th, NULL, NULL, err) < 0 ? -1 : 0;
	if ((rc = account_get(db, name, a, err)) <= 0)
		return rc;
	if (a->disabled)
		return 0;
	/* last_seen written at most once a minute, and at least four times
	 * within the idle limit, so that a session in use is never ended as
	 * idle (--session-idle 20: every 5 s) */
	if (now - seen >= (lim->idle / 4 < 60 ? (lim->idle / 4 > 0 ? lim->idle / 4 : 1) : 60)) {
		if (db_begin(db, cx, err) < 0 || db_cached(db, TOUCH, &st, err) < 0) {
			if (db_in_tx(db))
				db_rollback(db);
			return -1;
		}
		st_bind_i64(st, 1, now);
		st_bind_text(st, 2, th);
		rc = st_step(st) == ST_DONE ? 0 : db_fault(db, err, "keeping a session");
		st_reset(st);
		if (rc < 0) {
			db_rollback(db);
			return -1;
		}
		if (db_commit(db, err) < 0)
			return -1;
	}
	return 1;
}

int session_end(struct kfq_db *db, const struct kfq_ctx *cx, const char *token,
                const char *address, struct kfq_err *err)
{
	char th[65];
	token_hash(token, th);
	return drop(db, cx, th, "logout", address, err);
}

int session_end_all(struct kfq_db *db, int64_t account_id, struct kfq_err *err)
{
	static const char DEL[] = "DELETE FROM session WHERE account_id = ?";
	struct kfq_stmt *st;
	int rc;
	if (db_cached(db, DEL, &st, err) < 0)
		return -1;
	st_bind_i64(st, 1, account_id);
	rc = st_step(st) == ST_DONE ? 0 : db_fault(db, err, "ending sessions");
	st_reset(st);
	return rc;
}

int audit_add(struct kfq_db *db, const char *event, const char *account, const char *address,
              const char *detail, struct kfq_err *err)
{
	static const char INS[] = "INSERT INTO audit(at, who, address, event, account, detail) "
	                          "VALUES (?, ?, ?, ?, ?, ?)";
	const struct kfq_ctx *cx = db_ctx(db);
	struct kfq_stmt *st;
	int rc;
	if (!cx)
		return kfq_fault(err, "audit_add outside a transaction");
	if (db_cached(db, INS, &st, err) < 0)
		return -1;
	st_bind_text(st, 1, cx->now);
	st_bind_text(st, 2, cx->who);
	st_bind_text(st, 3, address ? address : cx->address[0] ? cx->address : NULL);
	st_bind_text(st, 4, event);
	st_bind_text(st, 5, account);
	st_bind_text(st, 6, detail);
	rc = st_step(st) == ST_DONE ? 0 : db_fault(db, err, "writing the audit log");
	st_reset(st);
	return rc;
}

int audit_personal(struct kfq_db *db, const struct kfq_ctx *cx, const char *address,
                   const char *detail, struct kfq_err *err)
{
	if (db_begin(db, cx, err) < 0 || audit_add(db, "personal-data", cx->who, address, detail,
	                                           err) < 0 || db_commit(db, err) < 0) {
		if (db_in_tx(db))
			db_rollback(db);
		return kfq_err_prefix(err, "households' names, addresses and phones are shown only "
		                      "when the asking is recorded in the audit log, and it cannot be");
	}
	return 0;
}

static char *dup_col(struct kfq_stmt *st, int i)
{
	const char *t = st_text(st, i);
	return t ? xstrdup(t) : NULL;
}

int audit_read(struct kfq_db *db, const char *account, long limit, struct audit_list *out,
               struct kfq_err *err)
{
	static const char Q[] = "SELECT at, who, address, event, account, detail FROM audit "
	                        "WHERE ?1 IS NULL OR account = ?1 ORDER BY id DESC LIMIT ?2";
	struct kfq_stmt *st;
	size_t cap = 0;
	int rc;
	memset(out, 0, sizeof *out);
	if (db_prepare(db, Q, &st, err) < 0)
		return -1;
	st_bind_text(st, 1, account);
	st_bind_i64(st, 2, limit > 0 ? limit : 100);
	while ((rc = st_step(st)) == ST_ROW) {
		struct audit_row *r;
		XGROW(out->v, out->n + 1, cap);
		r = &out->v[out->n++];
		r->at = dup_col(st, 0);
		r->who = dup_col(st, 1);
		r->address = dup_col(st, 2);
		r->event = dup_col(st, 3);
		r->account = dup_col(st, 4);
		r->detail = dup_col(st, 5);
	}
	if (rc == ST_ERROR)
		db_fault(db, err, "reading the audit log");
	st_finalize(st);
	return rc == ST_DONE ? 0 : -1;
}

void audit_list_release(struct audit_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].at);
		free(l->v[i].who);
		free(l->v[i].address);
		free(l->v[i].event);
		free(l->v[i].account);
		free(l->v[i].detail);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}
