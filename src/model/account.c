/* account.c: accounts, their roles and passwords (see account.h). Depends
 * on base, store, model/rights, model/session (the audit log) and
 * libsodium. */
#include "model/account.h"
#include "base/table.h"
#include "base/xalloc.h"
#include "model/session.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int account_can(const struct account *a, enum right r)
{
	char roles[sizeof a->roles], *save = NULL;
	if (a->disabled)
		return 0;
	snprintf(roles, sizeof roles, "%s", a->roles);
	for (char *t = strtok_r(roles, ",", &save); t; t = strtok_r(NULL, ",", &save))
		if (role_gives(t, r))
			return 1;
	return 0;
}

static int name_ok(const char *name, struct kfq_err *err)
{
	size_t n = strlen(name);
	if (n == 0 || n > 63)
		return kfq_error_field(err, "name", "an account name is 1 to 63 bytes: \"%s\"", name);
	if (text_utf8_end(name, n) != n)
		return kfq_error_field(err, "name", "an account name must be UTF-8 text");
	for (const unsigned char *p = (const unsigned char *)name; *p; p++)
		if (*p <= ' ' || *p == 0x7f || strchr(":/\\\"'", *p))
			return kfq_error_field(err, "name", "an account name has no spaces, control "
			                       "characters or any of : / \\ \" ': \"%s\"", name);
	return 0;
}

static int password_ok(const char *name, const char *pw, struct kfq_err *err)
{
	size_t n = strlen(pw), chars = 0;
	if (text_utf8_end(pw, n) != n)
		return kfq_error_field(err, "password", "the password is not UTF-8 text");
	for (const unsigned char *p = (const unsigned char *)pw; *p; p++)
		chars += (*p & 0xc0) != 0x80;
	if (chars < ACCOUNT_PW_MIN)
		return kfq_error_field(err, "password", "a password has at least %d characters "
		                       "(this one has %zu)", ACCOUNT_PW_MIN, chars);
	if (strcmp(pw, name) == 0)
		return kfq_error_field(err, "password", "the password must not be the account name");
	return 0;
}

/* roles "clerk, leader" → "clerk,leader" in name order, each known. */
static int roles_norm(const char *roles, char *out, size_t n, struct kfq_err *err)
{
	char *copy = xstrdup(roles), *save = NULL, *list[16];
	size_t k = 0, len = 0;
	for (char *t = strtok_r(copy, ", ", &save); t; t = strtok_r(NULL, ", ", &save)) {
		int dup = 0;
		if (!role_known(t)) {
			kfq_error_field(err, "role", "unknown role \"%s\" (the roles: admin, statistician, "
			                "clerk, projects, promotion, cases, index, leader, enterprise)", t);
			free(copy);
			return -1;
		}
		for (size_t i = 0; i < k; i++)
			dup |= strcmp(list[i], t) == 0;
		if (!dup && k < 16)
			list[k++] = t;
	}
	if (k == 0) {
		free(copy);
		return kfq_error_field(err, "role", "give at least one role");
	}
	for (size_t i = 1; i < k; i++)   /* insertion sort: a handful */
		for (size_t j = i; j > 0 && strcmp(list[j - 1], list[j]) > 0; j--) {
			char *t = list[j];
			list[j] = list[j - 1];
			list[j - 1] = t;
		}
	out[0] = '\0';
	for (size_t i = 0; i < k; i++)
		len += (size_t)snprintf(out + len, len < n ? n - len : 0, "%s%s", i ? "," : "", list[i]);
	free(copy);
	return 0;
}

static int64_t unit_id(struct kfq_db *db, const char *code, struct kfq_err *err)
{
	static const char Q[] = "SELECT id FROM unit WHERE code = ?";
	struct kfq_stmt *st;
	int64_t id = -1;
	int rc;
	if (db_cached(db, Q, &st, err) < 0)
		return -1;
	st_bind_text(st, 1, code);
	rc = st_step(st);
	if (rc == ST_ROW)
		id = st_i64(st, 0);
	else if (rc == ST_ERROR)
		db_fault(db, err, "reading units");
	else
		kfq_error_field(err, "unit", "unknown unit \"%s\"", code);
	st_reset(st);
	return id;
}

/* The costs of new hashes: libsodium's for interactive logins (64 MiB, 2
 * passes), unless a test lowered them. A stored hash keeps its own costs,
 * so a password is checked at the costs it was hashed with. */
static unsigned long long hash_ops = crypto_pwhash_OPSLIMIT_INTERACTIVE;
static size_t hash_mem = crypto_pwhash_MEMLIMIT_INTERACTIVE;

void account_hash_costs_for_tests(int minimal)
{
	hash_ops = minimal ? crypto_pwhash_OPSLIMIT_MIN : crypto_pwhash_OPSLIMIT_INTERACTIVE;
	hash_mem = minimal ? crypto_pwhash_MEMLIMIT_MIN : crypto_pwhash_MEMLIMIT_INTERACTIVE;
}

int account_hash(const char *pw, char out[crypto_pwhash_STRBYTES], struct kfq_err *err)
{
	if (sodium_init() < 0)
		return kfq_fault(err, "libsodium could not start");
	if (crypto_pwhash_str(out, pw, strlen(pw), hash_ops, hash_mem) != 0)
		return kfq_fault(err, "hashing a password: out of memory");
	return 0;
}

int account_password_ok(const char *pwhash, const char *password)
{
	if (sodium_init() < 0)
		return 0;
	return crypto_pwhash_str_verify(pwhash, password, strlen(password)) == 0;
}

static int set_roles(struct kfq_db *db, int64_t id, const char *roles, struct kfq_err *err)
{
	static const char DEL[] = "DELETE FROM account_role WHERE account_id = ?";
	static const char ADD[] = "INSERT INTO account_role(account_id, role) VALUES (?, ?)";
	char *copy = xstrdup(roles), *save = NULL;
	struct kfq_stmt *st;
	int rc = 0;
	if (db_cached(db, DEL, &st, err) < 0) {
		free(copy);
		return -1;
	}
	st_bind_i64(st, 1, id);
	if (st_step(st) != ST_DONE)
		rc = db_fault(db, err, "writing roles");
	st_reset(st);
	for (char *t = strtok_r(copy, ",", &save); t && rc == 0; t = strtok_r(NULL, ",", &save)) {
		if (db_cached(db, ADD, &st, err) < 0) {
			rc = -1;
			break;
		}
		st_bind_i64(st, 1, id);
		st_bind_text(st, 2, t);
		if (st_step(st) != ST_DONE)
			rc = db_fault(db, err, "writing roles");
		st_reset(st);
	}
	free(copy);
	return rc;
}

/* The end of a change's transaction: commit it when its body (rc) went
 * well, else roll it back. */
static int finish(struct kfq_db *db, int rc, struct kfq_err *err)
{
	if (rc < 0) {
		db_rollback(db);
		return -1;
	}
	return db_commit(db, err);
}

/* A department's name: "" (none) or printable UTF-8 text of 1 to 63 bytes. */
static int dept_ok(const char *dept, struct kfq_err *err)
{
	size_t n = dept ? strlen(dept) : 0;
	if (n > 63 || text_utf8_end(dept ? dept : "", n) != n)
		return kfq_error_field(err, "dept", "a department is UTF-8 text of at most 63 bytes");
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)dept[i] < ' ')
			return kfq_error_field(err, "dept", "a department has no control characters");
	return 0;
}

int account_add(struct kfq_db *db, const struct kfq_ctx *cx, const char *name,
                const char *password, const char *unit, const char *roles, const char *dept,
                struct kfq_err *err)
{
	static const char INS[] = "INSERT INTO account(name, pwhash, unit_id, created, pw_changed, "
	                          "dept) VALUES (?, ?, ?, ?, 0, ?)";
	char h[crypto_pwhash_STRBYTES], norm[160], detail[400];
	struct account old;
	struct kfq_stmt *st;
	int64_t uid;
	int rc, found;

	if (name_ok(name, err) < 0 || password_ok(name, password, err) < 0 ||
	    roles_norm(roles, norm, sizeof norm, err) < 0 || dept_ok(dept, err) < 0)
		return -1;
	if (account_hash(password, h, err) < 0 || db_begin(db, cx, err) < 0)
		return -1;
	rc = -1;
	if ((found = account_get(db, name, &old, err)) != 0) {
		if (found > 0)
			kfq_error_field(err, "name", "account \"%s\" exists already", name);
	} else if ((uid = unit_id(db, unit, err)) >= 0 && db_cached(db, INS, &st, err) == 0) {
		st_bind_text(st, 1, name);
		st_bind_text(st, 2, h);
		st_bind_i64(st, 3, uid);
		st_bind_text(st, 4, cx->now);
		st_bind_text(st, 5, dept && *dept ? dept : NULL);
		rc = st_step(st) == ST_DONE ? 0 : db_fault(db, err, "adding an account");
		st_reset(st);
		if (rc == 0 && account_get(db, name, &old, err) != 1)
			rc = -1;
		snprintf(detail, sizeof detail, "unit %s, roles %s%s%s", unit, norm,
		         dept && *dept ? ", department " : "", dept && *dept ? dept : "");
		if (rc == 0)
			rc = set_roles(db, old.id, norm, err);
		if (rc == 0)
			rc = audit_add(db, "account-added", name, NULL, detail, err);
	}
	return finish(db, rc, err);
}

/* The account by name inside the transaction, or a user error. */
static int need(struct kfq_db *db, const char *name, struct account *a, struct kfq_err *err)
{
	int found = account_get(db, name, a, err);
	if (found == 0)
		kfq_error_field(err, "name", "unknown account \"%s\"", name);
	return found == 1 ? 0 : -1;
}

int account_passwd(struct kfq_db *db, const struct kfq_ctx *cx, const char *name,
                   const char *password, struct kfq_err *err)
{
	static const char UPD[] = "UPDATE account SET pwhash = ?, pw_changed = pw_changed + 1 "
	                          "WHERE id = ?";
	char h[crypto_pwhash_STRBYTES];
	struct account a;
	struct kfq_stmt *st;
	int rc = -1;
	if (password_ok(name, password, err) < 0 || account_hash(password, h, err) < 0 ||
	    db_begin(db, cx, err) < 0)
		return -1;
	if (need(db, name, &a, err) == 0 && db_cached(db, UPD, &st, err) == 0) {
		st_bind_text(st, 1, h);
		st_bind_i64(st, 2, a.id);
		rc = st_step(st) == ST_DONE ? 0 : db_fault(db, err, "changing a password");
		st_reset(st);
		if (rc == 0)
			rc = session_end_all(db, a.id, err);
		if (rc == 0)
			rc = audit_add(db, "password-changed", name, NULL, NULL, err);
	}
	return finish(db, rc, err);
}

int account_disable(struct kfq_db *db, const struct kfq_ctx *cx, const char *name, int disabled,
                    struct kfq_err *err)
{
	static const char UPD[] = "UPDATE account SET disabled = ? WHERE id = ?";
	struct account a;
	struct kfq_stmt *st;
	int rc = -1;
	if (db_begin(db, cx, err) < 0)
		return -1;
	if (need(db, name, &a, err) == 0 && db_cached(db, UPD, &st, err) == 0) {
		st_bind_int(st, 1, disabled ? 1 : 0);
		st_bind_i64(st, 2, a.id);
		rc = st_step(st) == ST_DONE ? 0 : db_fault(db, err, "disabling an account");
		st_reset(st);
		if (rc == 0 && disabled)
			rc = session_end_all(db, a.id, err);
		if (rc == 0)
			rc = audit_add(db, disabled ? "account-disabled" : "account-enabled", name, NULL,
			               NULL, err);
	}
	return finish(db, rc, err);
}

int account_grant(struct kfq_db *db, const struct kfq_ctx *cx, const char *name,
                  const char *roles, const char *unit, const char *dept, struct kfq_err *err)
{
	static const char UPD[] = "UPDATE account SET unit_id = ? WHERE id = ?";
	static const char DEPT[] = "UPDATE account SET dept = ? WHERE id = ?";
	char norm[160] = "", detail[400];
	struct account a;
	struct kfq_stmt *st;
	int64_t uid;
	int rc = -1;
	if (!roles && !unit && !dept)
		return kfq_error(err, "give the roles, the unit or the department");
	if ((roles && roles_norm(roles, norm, sizeof norm, err) < 0) || dept_ok(dept, err) < 0)
		return -1;
	if (db_begin(db, cx, err) < 0)
		return -1;
	if (need(db, name, &a, err) == 0) {
		rc = 0;
		if (roles)
			rc = set_roles(db, a.id, norm, err);
		if (rc == 0 && unit) {
			rc = -1;
			if ((uid = unit_id(db, unit, err)) >= 0 && db_cached(db, UPD, &st, err) == 0) {
				st_bind_i64(st, 1, uid);
				st_bind_i64(st, 2, a.id);
				rc = st_step(st) == ST_DONE ? 0 : db_fault(db, err, "changing a unit");
				st_reset(st);
			}
		}
		if (rc == 0 && dept && db_cached(db, DEPT, &st, err) == 0) {
			st_bind_text(st, 1, *dept ? dept : NULL);
			st_bind_i64(st, 2, a.id);
			rc = st_step(st) == ST_DONE ? 0 : db_fault(db, err, "changing a department");
			st_reset(st);
		} else if (rc == 0 && dept) {
			rc = -1;
		}
		if (rc == 0)
			rc = session_end_all(db, a.id, err);
		snprintf(detail, sizeof detail, "unit %s, roles %s%s%s", unit ? unit : a.unit,
		         roles ? norm : a.roles, (dept ? *dept : *a.dept) ? ", department " : "",
		         dept ? dept : a.dept);
		if (rc == 0)
			rc = audit_add(db, "account-granted", name, NULL, detail, err);
	}
	return finish(db, rc, err);
}

/* An account's columns, its roles in name order in one text. */
#define ACCOUNT_SELECT \
	"SELECT a.id, a.name, a.unit_id, u.code, a.disabled, a.created, " \
	"(SELECT group_concat(role, ',') FROM (SELECT role FROM account_role r " \
	" WHERE r.account_id = a.id ORDER BY role) x), a.dept, " \
	"CASE WHEN u.parent_id IS NULL THEN 1 ELSE 0 END " \
	"FROM account a JOIN unit u ON u.id = a.unit_id "

static void row(struct kfq_stmt *st, struct account *a)
{
	const char *t;
	memset(a, 0, sizeof *a);
	a->id = st_i64(st, 0);
	snprintf(a->name, sizeof a->name, "%s", st_text(st, 1));
	a->unit_id = st_i64(st, 2);
	snprintf(a->unit, sizeof a->unit, "%s", st_text(st, 3));
	a->disabled = st_int(st, 4);
	snprintf(a->created, sizeof a->created, "%s", st_text(st, 5));
	t = st_text(st, 6);
	snprintf(a->roles, sizeof a->roles, "%s", t ? t : "");
	t = st_text(st, 7);
	snprintf(a->dept, sizeof a->dept, "%s", t ? t : "");
	a->top = st_int(st, 8);
}

int account_get(struct kfq_db *db, const char *name, struct account *a, struct kfq_err *err)
{
	static const char Q[] = ACCOUNT_SELECT "WHERE a.name = ?";
	struct kfq_stmt *st;
	int rc;
	if (db_cached(db, Q, &st, err) < 0)
		return -1;
	st_bind_text(st, 1, name);
	rc = st_step(st);
	if (rc == ST_ROW)
		row(st, a);
	else if (rc == ST_ERROR)
		db_fault(db, err, "reading accounts");
	st_reset(st);
	return rc == ST_ROW ? 1 : rc == ST_DONE ? 0 : -1;
}

int account_list(struct kfq_db *db, struct account **v, size_t *n, struct kfq_err *err)
{
	struct kfq_stmt *st;
	size_t cap = 0;
	int rc;
	static const char Q[] = ACCOUNT_SELECT "ORDER BY a.name";
	*v = NULL;
	*n = 0;
	if (db_prepare(db, Q, &st, err) < 0)
		return -1;
	while ((rc = st_step(st)) == ST_ROW) {
		XGROW(*v, *n + 1, cap);
		row(st, &(*v)[(*n)++]);
	}
	if (rc == ST_ERROR)
		db_fault(db, err, "reading accounts");
	st_finalize(st);
	return rc == ST_DONE ? 0 : -1;
}

int account_pwhash(struct kfq_db *db, int64_t id, char *buf, size_t n, struct kfq_err *err)
{
	static const char Q[] = "SELECT pwhash FROM account WHERE id = ?";
	struct kfq_stmt *st;
	int rc;
	buf[0] = '\0';
	if (db_cached(db, Q, &st, err) < 0)
		return -1;
	st_bind_i64(st, 1, id);
	rc = st_step(st);
	if (rc == ST_ROW)
		snprintf(buf, n, "%s", st_text(st, 0));
	else if (rc == ST_ERROR)
		db_fault(db, err, "reading accounts");
	st_reset(st);
	return rc == ST_ERROR ? -1 : 0;
}
