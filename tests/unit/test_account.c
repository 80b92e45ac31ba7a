/* test_account.c: unit tests for the web server's accounts and sessions
 * (model/account.c, model/session.c, model/rights.c): refusals of names,
 * passwords, roles and units; roles kept in name order; the rights table;
 * sign-in with the same message for a wrong name and a wrong password; the
 * delay after failures, worked out on a clock the test sets (30 s after the
 * 5th failure, doubling, capped at an hour, forgotten after an hour);
 * sessions by token, idle and absolute expiry, sign-out, and a new
 * password, disabling or a new grant ending them; the audit log, which
 * refuses changes. The tree: zone z with parks p1 (e1) and p2. */
#include "testutil.h"
#include "testdb.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/account.h"
#include "model/rights.h"
#include "model/session.h"

struct fx {
	char path[TDB_PATH_MAX];
	struct kfq_db *db;
};

static const char UNITS[] =
	"code,name,kind,parent\n"
	"z,开发区,zone,\n"
	"p1,园区一,park,z\n"
	"p2,园区二,park,z\n"
	"e1,企业一,enterprise,p1\n";

static const struct session_limits LIM = { 600, 3600 };
#define T0 1500000000   /* the test's clock, seconds since 1970 */

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	if (tdb_create(f->path, sizeof f->path, &f->db) < 0)
		return -1;
	tdb_load(f->db, "units", UNITS);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	tdb_destroy(f->db, f->path);
	free(f);
	return 0;
}

static void add_ok(struct fx *f, const char *name, const char *unit, const char *roles)
{
	struct kfq_err err = { 0 };
	int rc = account_add(f->db, tdb_ctx(), name, "a-good-password", unit, roles, NULL, &err);
	if (rc != 0)
		fail_msg("account_add %s: %s", name, err.msg);
}

static void add_refused(struct fx *f, const char *name, const char *pw, const char *unit,
                        const char *roles, const char *field, const char *needle)
{
	struct kfq_err err = { 0 };
	assert_int_equal(account_add(f->db, tdb_ctx(), name, pw, unit, roles, NULL, &err), -1);
	assert_int_equal(err.kind, KFQ_EUSER);
	assert_string_equal(err.field, field);
	if (!strstr(err.msg, needle))
		fail_msg("'%s' not in '%s'", needle, err.msg);
}

static void test_refusals(void **state)
{
	struct fx *f = *state;
	add_refused(f, "", "a-good-password", "z", "clerk", "name", "1 to 63 bytes");
	add_refused(f, "a b", "a-good-password", "z", "clerk", "name", "no spaces");
	add_refused(f, "a:b", "a-good-password", "z", "clerk", "name", "no spaces");
	add_refused(f, "bob", "short", "z", "clerk", "password", "at least 10 characters (this one has 5)");
	/* ten characters of Chinese are ten characters, not thirty bytes */
	add_refused(f, "bob", "密码密码密码密码密", "z", "clerk", "password", "this one has 9");
	add_refused(f, "bob-the-clerk", "bob-the-clerk", "z", "clerk", "password", "account name");
	add_refused(f, "bob", "a-good-pass\xff", "z", "clerk", "password", "not UTF-8");
	add_refused(f, "bob", "a-good-password", "nowhere", "clerk", "unit", "unknown unit \"nowhere\"");
	add_refused(f, "bob", "a-good-password", "z", "clerk,boss", "role", "unknown role \"boss\"");
	add_refused(f, "bob", "a-good-password", "z", " , ", "role", "at least one role");
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM account"), 0);
	add_ok(f, "bob", "p1", "leader, clerk,clerk");
	add_refused(f, "bob", "a-good-password", "z", "clerk", "name", "exists already");
}

static void test_roles_and_rights(void **state)
{
	struct fx *f = *state;
	struct kfq_err err = { 0 };
	struct account a;
	add_ok(f, "bob", "p1", "leader, clerk,clerk");
	assert_int_equal(account_get(f->db, "bob", &a, &err), 1);
	assert_string_equal(a.roles, "clerk,leader");
	assert_string_equal(a.unit, "p1");
	assert_false(a.top);   /* a park: the zone is above it */
	assert_true(account_can(&a, RIGHT_READ));
	assert_true(account_can(&a, RIGHT_DATA));
	assert_false(account_can(&a, RIGHT_SETUP));
	assert_false(account_can(&a, RIGHT_ACCOUNTS));
	assert_int_equal(account_grant(f->db, tdb_ctx(), "bob", "leader", "z", NULL, &err), 0);
	assert_int_equal(account_get(f->db, "bob", &a, &err), 1);
	assert_string_equal(a.roles, "leader");
	assert_string_equal(a.unit, "z");
	assert_true(a.top);    /* the zone is the top of the tree */
	assert_false(account_can(&a, RIGHT_DATA));
	assert_int_equal(account_get(f->db, "nobody", &a, &err), 0);
	/* a department: set, kept by a grant of roles alone, cleared by "" */
	assert_string_equal(a.dept, "");
	assert_int_equal(account_grant(f->db, tdb_ctx(), "bob", NULL, NULL, "环保局", &err), 0);
	assert_int_equal(account_grant(f->db, tdb_ctx(), "bob", "leader,cases", NULL, NULL, &err), 0);
	assert_int_equal(account_get(f->db, "bob", &a, &err), 1);
	assert_string_equal(a.dept, "环保局");
	assert_int_equal(account_grant(f->db, tdb_ctx(), "bob", NULL, NULL, "a\tb", &err), -1);
	assert_string_equal(err.field, "dept");
	assert_int_equal(account_grant(f->db, tdb_ctx(), "bob", NULL, NULL, "", &err), 0);
	assert_int_equal(account_get(f->db, "bob", &a, &err), 1);
	assert_string_equal(a.dept, "");
	/* every role reads; only admin has accounts; a disabled account nothing */
	for (int i = 0; ROLES[i]; i++) {
		assert_true(role_gives(ROLES[i], RIGHT_READ));
		assert_int_equal(role_gives(ROLES[i], RIGHT_ACCOUNTS), strcmp(ROLES[i], "admin") == 0);
	}
	assert_false(role_known("root"));
	assert_int_equal(account_disable(f->db, tdb_ctx(), "bob", 1, &err), 0);
	assert_int_equal(account_get(f->db, "bob", &a, &err), 1);
	assert_false(account_can(&a, RIGHT_READ));
	assert_int_equal(account_disable(f->db, tdb_ctx(), "nobody", 1, &err), -1);
	assert_string_equal(err.msg, "unknown account \"nobody\"");
}

/* Sign in at time t: 0 or -1, with the wait in *retry. */
static int login(struct fx *f, const char *name, const char *pw, const char *addr, int64_t t,
                 struct session_new *s, int64_t *retry, struct kfq_err *err)
{
	struct account a;
	memset(err, 0, sizeof *err);
	return session_login(f->db, tdb_ctx(), name, pw, addr, t, s, &a, retry, err);
}

static void test_login_and_delay(void **state)
{
	struct fx *f = *state;
	struct kfq_err err;
	struct session_new s;
	int64_t retry, t = T0;
	add_ok(f, "bob", "p1", "clerk");
	assert_int_equal(login(f, "bob", "a-good-password", "10.0.0.1", t, &s, &retry, &err), 0);
	assert_int_equal(strlen(s.token), 64);
	assert_int_equal(strlen(s.csrf), 32);
	assert_int_equal(login(f, "bob", "wrong-password", "10.0.0.1", t, &s, &retry, &err), -1);
	assert_string_equal(err.msg, "wrong account name or password");
	assert_int_equal(login(f, "nobody", "wrong-password", "10.0.0.1", t, &s, &retry, &err), -1);
	assert_string_equal(err.msg, "wrong account name or password");
	/* four more failures for bob: five in all, and then the wait */
	for (int i = 0; i < 4; i++)
		assert_int_equal(login(f, "bob", "x", "10.0.0.1", t, &s, &retry, &err), -1);
	assert_int_equal(retry, 0);
	assert_int_equal(login(f, "bob", "a-good-password", "10.0.0.1", t + 10, &s, &retry, &err), -1);
	assert_int_equal(retry, 20);   /* 30 s after the 5th failure at t */
	assert_string_equal(err.msg, "too many failed sign-ins for this account; try again in 20 seconds");
	/* from another address too: the count is the account's */
	assert_int_equal(login(f, "bob", "a-good-password", "10.0.0.2", t + 10, &s, &retry, &err), -1);
	assert_int_equal(retry, 20);
	/* after the wait a 6th failure doubles it */
	assert_int_equal(login(f, "bob", "x", "10.0.0.1", t + 30, &s, &retry, &err), -1);
	assert_string_equal(err.msg, "wrong account name or password");
	assert_int_equal(login(f, "bob", "a-good-password", "10.0.0.1", t + 31, &s, &retry, &err), -1);
	assert_int_equal(retry, 59);   /* 60 s after the 6th failure at t + 30 */
	/* the right password after the wait: in, and the count is cleared */
	assert_int_equal(login(f, "bob", "a-good-password", "10.0.0.1", t + 90, &s, &retry, &err), 0);
	assert_int_equal(login(f, "bob", "x", "10.0.0.1", t + 91, &s, &retry, &err), -1);
	assert_int_equal(login(f, "bob", "a-good-password", "10.0.0.1", t + 92, &s, &retry, &err), 0);
	/* the audit log has every attempt, and refuses to be changed */
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM audit WHERE event = 'login'"), 3);
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM audit WHERE event = 'login-failed'"),
	                 8);
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM audit WHERE event = "
	                            "'login-throttled'"), 3);
	assert_int_equal(db_begin(f->db, tdb_ctx(), &err), 0);
	assert_int_equal(db_exec(f->db, "DELETE FROM audit", &err), -1);
	db_rollback(f->db);
}

static void test_delay_cap_and_memory(void **state)
{
	struct fx *f = *state;
	struct kfq_err err;
	struct session_new s;
	int64_t retry, t = T0;
	add_ok(f, "bob", "p1", "clerk");
	/* failures each after the wait before them: 30, 60, ... capped at 3600 */
	for (int i = 0; i < 5; i++)
		assert_int_equal(login(f, "bob", "x", "a", t, &s, &retry, &err), -1);
	for (int64_t want = 30; want <= 3600; want = want * 2 > 3600 ? 3600 : want * 2) {
		assert_int_equal(login(f, "bob", "a-good-password", "a", t, &s, &retry, &err), -1);
		assert_int_equal(retry, want);
		t += want;
		assert_int_equal(login(f, "bob", "x", "a", t, &s, &retry, &err), -1);
		assert_int_equal(retry, 0);
		if (want == 3600)
			break;
	}
	assert_int_equal(login(f, "bob", "a-good-password", "a", t, &s, &retry, &err), -1);
	assert_int_equal(retry, 3600);
	/* after an hour and more without failures, the count is forgotten */
	assert_int_equal(login(f, "bob", "a-good-password", "a", t + 3601, &s, &retry, &err), 0);
	/* per address: 20 failures over several accounts, then the address waits */
	for (int i = 0; i < 20; i++) {
		char name[24];
		snprintf(name, sizeof name, "guess%d", i);
		assert_int_equal(login(f, name, "x", "10.9.9.9", t + 4000, &s, &retry, &err), -1);
		assert_int_equal(retry, 0);
	}
	assert_int_equal(login(f, "bob", "a-good-password", "10.9.9.9", t + 4001, &s, &retry, &err),
	                 -1);
	assert_int_equal(retry, 29);
	assert_string_equal(err.msg, "too many failed sign-ins from this address; try again in 29 seconds");
	assert_int_equal(login(f, "bob", "a-good-password", "10.1.1.1", t + 4001, &s, &retry, &err), 0);
}

static int check(struct fx *f, const char *token, int64_t t, struct account *a)
{
	struct kfq_err err = { 0 };
	char csrf[33];
	int rc = session_check(f->db, tdb_ctx(), token, t, &LIM, a, csrf, &err);
	assert_true(rc >= 0);
	return rc;
}

static void test_sessions(void **state)
{
	struct fx *f = *state;
	struct kfq_err err;
	struct session_new s, s2;
	struct account a;
	int64_t retry, t = T0;
	add_ok(f, "bob", "p1", "clerk");
	add_ok(f, "ann", "z", "statistician");
	assert_int_equal(login(f, "bob", "a-good-password", "a", t, &s, &retry, &err), 0);
	assert_int_equal(login(f, "ann", "a-good-password", "a", t, &s2, &retry, &err), 0);
	assert_int_equal(check(f, s.token, t + 1, &a), 1);
	assert_string_equal(a.name, "bob");
	/* the token is not stored, only its hash */
	assert_int_equal(tdb_scalar(f->db, "SELECT count(*) FROM session"), 2);
	{
		struct kfq_stmt *st = tdb_prepare(f->db, "SELECT count(*) FROM session WHERE token_hash = ?");
		st_bind_text(st, 1, s.token);
		assert_int_equal(st_step(st), ST_ROW);
		assert_int_equal(st_i64(st, 0), 0);
		st_finalize(st);
	}
	/* a token that is not one, or a changed one */
	assert_int_equal(check(f, "x", t, &a), 0);
	{
		char c0 = s2.token[0];
		s2.token[0] = c0 == 'a' ? 'b' : 'a';
		assert_int_equal(check(f, s2.token, t, &a), 0);
		s2.token[0] = c0;
	}
	/* idle: used at t + 500 (kept), t + 1000 is within 600 of that, t + 1700 not */
	assert_int_equal(check(f, s.token, t + 500, &a), 1);
	assert_int_equal(check(f, s.token, t + 1000, &a), 1);
	assert_int_equal(check(f, s.token, t + 1700, &a), 0);
	assert_int_equal(check(f, s.token, t + 1701, &a), 0);   /* and it is gone */
	/* absolute: used every 500 s, it still ends an hour after sign-in */
	for (int64_t k = 500; k <= 3500; k += 500)
		assert_int_equal(check(f, s2.token, t + k, &a), 1);
	assert_int_equal(check(f, s2.token, t + 3601, &a), 0);
	/* sign-out */
	assert_int_equal(login(f, "bob", "a-good-password", "a", t, &s, &retry, &err), 0);
	assert_int_equal(session_end(f->db, tdb_ctx(), s.token, "a", &err), 0);
	assert_int_equal(check(f, s.token, t + 1, &a), 0);
	/* a new password, a grant, disabling: every session of the account ends,
	 * the others' stay */
	assert_int_equal(login(f, "bob", "a-good-password", "a", t, &s, &retry, &err), 0);
	assert_int_equal(login(f, "ann", "a-good-password", "a", t, &s2, &retry, &err), 0);
	assert_int_equal(account_passwd(f->db, tdb_ctx(), "bob", "another-password", &err), 0);
	assert_int_equal(check(f, s.token, t + 1, &a), 0);
	assert_int_equal(check(f, s2.token, t + 1, &a), 1);
	assert_int_equal(login(f, "bob", "a-good-password", "a", t, &s, &retry, &err), -1);
	assert_int_equal(login(f, "bob", "another-password", "a", t, &s, &retry, &err), 0);
	assert_int_equal(account_grant(f->db, tdb_ctx(), "bob", NULL, "p2", NULL, &err), 0);
	assert_int_equal(check(f, s.token, t + 1, &a), 0);
	assert_int_equal(login(f, "bob", "another-password", "a", t, &s, &retry, &err), 0);
	assert_int_equal(account_disable(f->db, tdb_ctx(), "bob", 1, &err), 0);
	assert_int_equal(check(f, s.token, t + 1, &a), 0);
	assert_int_equal(login(f, "bob", "another-password", "a", t, &s, &retry, &err), -1);
	assert_string_equal(err.msg, "account \"bob\" is disabled; ask an administrator");
	assert_int_equal(retry, 0);
}

int main(void)
{
	/* hundreds of hashes: at libsodium's minimal costs (the costs are
	 * not what these tests are about; t0300 signs in at the real ones) */
	account_hash_costs_for_tests(1);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_refusals, setup, teardown),
		cmocka_unit_test_setup_teardown(test_roles_and_rights, setup, teardown),
		cmocka_unit_test_setup_teardown(test_login_and_delay, setup, teardown),
		cmocka_unit_test_setup_teardown(test_delay_cap_and_memory, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sessions, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
