/* case_step.c: the changes a front end asks of a case, each one library
 * call with a transaction of its own on behalf of the context: registering
 * a problem (case_register) and applying a step (case_apply), the
 * published figures rewritten in the same transaction when something
 * changed, as an import of cases or case-events does. A transaction that a
 * concurrent writer made fail (a serialization failure on a server, a
 * database busy past its timeout) is run again from its start, as
 * io/import.c's import_run does: two people stepping the same case at the
 * same moment end with one step applied first and the other applied after
 * it, or refused as not allowed from the status it found, never a fault.
 * The day of a step or of a registration, when not given, is the
 * context's today. A step that would change a figure of a month approval
 * has locked is refused (model/lock.h). Depends on base, store, model,
 * calc/rollup and case/case.c;
 * it renders nothing. */
#include "case/case.h"
#include "case/case_part.h"
#include "calc/rollup.h"
#include "model/lock.h"

#include <stdio.h>
#include <string.h>

/* Rewrite the published figures (as an import of cases does) and commit:
 * refused when a figure of a month approval has locked would change
 * (model/lock.h), the change named by case code. */
static int derive_commit(struct kfq_db *db, const char *code, struct kfq_err *err)
{
	struct rollup_todo todo;
	struct derived_snap before;
	char source[160];
	int rc;
	if (derived_snap_read(db, &before, err) < 0)
		return -1;
	snprintf(source, sizeof source, "case \"%s\"", code ? code : "");
	rollup_todo_init(&todo);
	rc = case_ensure_indicators(db, err) < 0 || case_derive(db, &todo, err) < 0 ||
	     derived_hold(db, &before, source, err) < 0 || rollup_rebuild(db, &todo, err) < 0 ||
	     db_commit(db, err) < 0 ? -1 : 0;
	rollup_todo_release(&todo);
	derived_snap_release(&before);
	return rc;
}

/* The status of case code (enum case_status) into *status, -1 when there
 * is no such case. */
static int status_of(struct kfq_db *db, const char *code, int *status, struct kfq_err *err)
{
	static const char SQL[] = "SELECT status FROM kase WHERE code = ?";
	struct kfq_stmt *st;
	int rc;
	*status = -1;
	if (db_cached(db, SQL, &st, err) < 0)
		return -1;
	st_bind_text(st, 1, code ? code : "");
	if ((rc = st_step(st)) == ST_ROW)
		*status = case_name_index(st_text(st, 0), CASE_STATUS, NULL);
	else if (rc == ST_ERROR)
		db_fault(db, err, "reading a case's status");
	st_reset(st);
	return rc == ST_ERROR ? -1 : 0;
}

/* The stored deadline of case code into *d. */
static int deadline_of(struct kfq_db *db, const char *code, struct date *d, struct kfq_err *err)
{
	static const char SQL[] = "SELECT deadline FROM kase WHERE code = ?";
	struct kfq_stmt *st;
	int rc;
	if (db_cached(db, SQL, &st, err) < 0)
		return -1;
	st_bind_text(st, 1, code);
	if ((rc = st_step(st)) == ST_ROW)
		rc = case_col_date(st, 0, d, err);
	else
		rc = rc == ST_ERROR ? db_fault(db, err, "reading a case's deadline")
		     : kfq_fault(err, "case \"%s\" is missing after it was registered", code);
	st_reset(st);
	return rc < 0 ? -1 : 0;
}

typedef int once_fn(const struct kfq_ctx *cx, struct kfq_db *db, const void *req,
                    struct case_change *out, struct kfq_err *err);

/* Run fn's transaction, again from its start (after a growing pause) when
 * it failed because of a concurrent writer, at most DB_RETRIES times. */
static int with_retries(const struct kfq_ctx *cx, struct kfq_db *db, once_fn *fn,
                        const void *req, const char *code, struct case_change *out,
                        struct kfq_err *err)
{
	for (int attempt = 1;; attempt++) {
		int rc;
		memset(out, 0, sizeof *out);
		out->from = out->to = -1;
		kfq_err_clear(err);
		rc = fn(cx, db, req, out, err);
		if (rc == 0 || err->kind != KFQ_EFAULT || !db_retryable(db))
			return rc;
		if (attempt == DB_RETRIES)
			return kfq_err_prefix(err, "case \"%s\": other writers kept changing what this "
			                      "change reads; gave up after %d tries", code ? code : "",
			                      attempt);
		db_backoff(db, attempt);
	}
}

static int register_once(const struct kfq_ctx *cx, struct kfq_db *db, const void *req,
                         struct case_change *out, struct kfq_err *err)
{
	struct case_row r = *(const struct case_row *)req;
	r.raised = case_day(cx, &r.raised);
	if (db_begin(db, cx, err) < 0)
		return -1;
	if (case_add(db, NULL, &r, &out->changed, err) < 0 ||
	    deadline_of(db, r.code, &out->deadline, err) < 0 ||
	    (out->changed ? derive_commit(db, r.code, err) : db_commit(db, err)) < 0) {
		if (db_in_tx(db))
			db_rollback(db);
		return -1;
	}
	return 0;
}

int case_register(const struct kfq_ctx *cx, struct kfq_db *db, const struct case_row *r,
                  struct case_change *out, struct kfq_err *err)
{
	return with_retries(cx, db, register_once, r, r->code, out, err);
}

static int apply_once(const struct kfq_ctx *cx, struct kfq_db *db, const void *req,
                      struct case_change *out, struct kfq_err *err)
{
	const struct case_step_req *s = req;
	struct date day = case_day(cx, &s->date);
	if (db_begin(db, cx, err) < 0)
		return -1;
	if (status_of(db, s->code, &out->from, err) < 0 ||
	    case_act(db, s->code, CASE_ACTION[s->action], &day, s->dept, s->note, s->into, s->rating,
	             cx->who, &out->changed, err) < 0 ||
	    status_of(db, s->code, &out->to, err) < 0 ||
	    (out->changed ? derive_commit(db, s->code, err) : db_commit(db, err)) < 0) {
		if (db_in_tx(db))
			db_rollback(db);
		return -1;
	}
	return 0;
}

int case_apply(const struct kfq_ctx *cx, struct kfq_db *db, const struct case_step_req *s,
               struct case_change *out, struct kfq_err *err)
{
	if ((int)s->action < 0 || s->action >= CA_N) {
		memset(out, 0, sizeof *out);
		out->from = out->to = -1;
		return kfq_error_field(err, "action", "%d is not a step", (int)s->action);
	}
	return with_retries(cx, db, apply_once, s, s->code, out, err);
}
