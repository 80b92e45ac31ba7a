/* approval.c: the approval and locking of units' months (see approval.h).
 * Depends on base, store, model. */
#include "quality/approval.h"
#include "base/sbuf.h"
#include "base/xalloc.h"
#include "store/history.h"
#include "store/schema.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const APPROVAL_STATE[] = { "entered", "submitted", "approved", "certified", NULL };
const char *const APPROVAL_STATE_ZH[] = { "填报", "已提交", "已审核", "已核定", NULL };
const char *const APPROVAL_STEP[] = { "submit", "approve", "certify", "reopen", NULL };

/* The state each step leads to, and the states it is allowed from. */
static const struct {
	enum approval_state to;
	unsigned from;   /* bit per state */
} STEP[AP_N] = {
	[AP_SUBMIT] = { AS_SUBMITTED, 1u << AS_ENTERED },
	[AP_APPROVE] = { AS_APPROVED, 1u << AS_SUBMITTED },
	[AP_CERTIFY] = { AS_CERTIFIED, 1u << AS_APPROVED },
	[AP_REOPEN] = { AS_ENTERED, 1u << AS_SUBMITTED | 1u << AS_APPROVED | 1u << AS_CERTIFIED },
};

static int state_of(const char *s)
{
	for (int i = 0; APPROVAL_STATE[i]; i++)
		if (strcmp(s, APPROVAL_STATE[i]) == 0)
			return i;
	return AS_ENTERED;
}

/* ---- states of a month ---- */

struct month_states {
	unsigned char *state;    /* per unit: enum approval_state */
	unsigned char *has_row;  /* per unit: a state stored */
	unsigned char *data;     /* per unit: values filed in the month, in its subtree */
	unsigned char *errors;   /* per unit: open error findings, in its subtree */
	char (*who)[64];
	char (*at)[32];
};

static void month_release(struct month_states *m)
{
	free(m->state);
	free(m->has_row);
	free(m->data);
	free(m->errors);
	free(m->who);
	free(m->at);
}

/* Mark unit id and its ancestors in flags. */
static void mark_up(const struct unit_set *us, int64_t id, unsigned char *flags)
{
	if (id < 0 || id > us->max_id || us->by_id[id] < 0)
		return;
	for (long x = us->by_id[id]; x >= 0 && !flags[x]; x = us->v[x].parent)
		flags[x] = 1;
}

#define DATA_V(m) " WHEN " #m " THEN o.v" #m

/* m->data for the units of root's subtree alone, each looked up by its key
 * (any indicator, a value ending in the month): a zone of a province,
 * where reading the month's values of every unit would cost the province. */
static int data_under(struct kfq_db *db, const struct unit_set *us, const size_t *sub,
                      size_t nsub, int year, int month, struct month_states *m,
                      struct kfq_err *err)
{
	/* (a month's value in its row of twelve, obs_m; the others in obs_ytd) */
	static const char SQL[] = "SELECT 1 FROM obs_m o WHERE o.ind_id IN (SELECT id FROM "
	                          "indicator) AND o.year = ?1 AND o.unit_id = ?2 AND CASE ?3"
	                          SCHEMA_M12(DATA_V) " END IS NOT NULL UNION ALL SELECT 1 FROM "
	                          "obs_ytd WHERE ind_id IN (SELECT id FROM indicator) AND year = ?1 "
	                          "AND unit_id = ?2 AND last = ?3 LIMIT 1";
	for (size_t i = 0; i < nsub; i++) {
		struct kfq_stmt *st;
		int rc;
		if (db_cached(db, SQL, &st, err) < 0)
			return -1;
		st_bind_int(st, 1, year);
		st_bind_i64(st, 2, us->v[sub[i]].id);
		st_bind_int(st, 3, month);
		if ((rc = st_step(st)) == ST_ROW)
			mark_up(us, us->v[sub[i]].id, m->data);
		else if (rc != ST_DONE)
			db_fault(db, err, "reading approvals");
		st_reset(st);
		if (rc == ST_ERROR)
			return -1;
	}
	return 0;
}

/* The month's states; root >= 0: only root's subtree is asked about (its
 * units' data then read one by one when the subtree is less than an
 * eighth of the tree). */
static int month_load(struct kfq_db *db, const struct unit_set *us, long root, int year,
                      int month, struct month_states *m, struct kfq_err *err)
{
	size_t *sub = NULL, nsub = 0;
	static const char *const SQL[3] = {
		"SELECT unit_id, state, who, at FROM approval WHERE year = ? AND month = ?",
		"SELECT o.unit_id FROM obs_m o WHERE o.year = ?1 AND CASE ?2" SCHEMA_M12(DATA_V)
		" END IS NOT NULL UNION SELECT unit_id FROM obs_ytd WHERE year = ?1 AND last = ?2",
		"SELECT unit_id FROM finding WHERE year = ? AND month = ? AND status = 'open' "
		"AND severity = 'error'",
	};
	size_t n = us->n ? us->n : 1;
	m->state = xcalloc(n, 1);
	m->has_row = xcalloc(n, 1);
	m->data = xcalloc(n, 1);
	m->errors = xcalloc(n, 1);
	m->who = xcalloc(n, sizeof *m->who);
	m->at = xcalloc(n, sizeof *m->at);
	if (root >= 0) {
		nsub = units_subtree(us, (size_t)root, &sub);
		if (nsub * 8 >= us->n) {
			free(sub);
			sub = NULL;
		}
	}
	if (sub) {
		int rc = data_under(db, us, sub, nsub, year, month, m, err);
		free(sub);
		if (rc < 0)
			return -1;
	}
	for (int q = 0; q < 3; q++) {
		struct kfq_stmt *st;
		int rc;
		if (q == 1 && root >= 0 && nsub * 8 < us->n)
			continue;   /* (read above) */
		if (db_prepare(db, SQL[q], &st, err) < 0)
			return -1;
		st_bind_int(st, 1, year);
		st_bind_int(st, 2, month);
		while ((rc = st_step(st)) == ST_ROW) {
			int64_t id = st_i64(st, 0);
			if (q == 0) {
				long x = id >= 0 && id <= us->max_id ? us->by_id[id] : -1;
				if (x < 0)
					continue;
				m->state[x] = (unsigned char)state_of(st_text(st, 1));
				m->has_row[x] = 1;
				snprintf(m->who[x], sizeof m->who[x], "%s", st_text(st, 2));
				snprintf(m->at[x], sizeof m->at[x], "%s", st_text(st, 3));
			} else {
				mark_up(us, id, q == 1 ? m->data : m->errors);
			}
		}
		if (rc != ST_DONE)
			db_fault(db, err, "reading approvals");
		st_finalize(st);
		if (rc != ST_DONE)
			return -1;
	}
	return 0;
}

/* What blocks approving or certifying unit u: children that take part
 * (a state stored, or values in their subtree) not yet approved, and open
 * error findings in its subtree; "" when nothing. */
static void blocks_of(const struct unit_set *us, const struct month_states *m, size_t u,
                      char *buf, size_t n)
{
	const struct unit *un = &us->v[u];
	struct sbuf sb;
	size_t waiting = 0;
	sbuf_init(&sb);
	for (size_t k = 0; k < un->nchildren; k++) {
		size_t c = un->children[k];
		if ((m->has_row[c] || m->data[c]) && m->state[c] < AS_APPROVED) {
			if (waiting < 5)
				sbuf_addf(&sb, "%s%s (%s)", waiting ? ", " : "", us->v[c].code,
				          APPROVAL_STATE[m->state[c]]);
			waiting++;
		}
	}
	buf[0] = '\0';
	if (waiting)
		snprintf(buf, n, "%zu child units not approved: %s%s", waiting, sb.buf,
		         waiting > 5 ? ", ..." : "");
	if (m->errors[u]) {
		size_t len = strlen(buf);
		snprintf(buf + len, n - len, "%sopen error findings in its units (kfq findings list "
		         "--severity error)", len ? "; " : "");
	}
	sbuf_release(&sb);
}

int approval_apply(struct kfq_db *db, const struct kfq_ctx *cx, const char *unit,
                   const struct period *p, enum approval_step step, const char *note,
                   struct kfq_err *err)
{
	static const char SQL_PUT[] =
		"INSERT INTO approval(unit_id, year, month, state, who, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
		"ON CONFLICT(unit_id, year, month) DO UPDATE SET state = ?4, who = ?5, at = ?6";
	struct unit_set us;
	struct month_states m = { 0 };
	struct kfq_stmt *st;
	enum approval_state from;
	char period[16], blocks[256];
	long u;
	int rc;

	if (p->first != p->last)
		return kfq_error_field(err, "period", "a month is approved, not a span of months "
		                       "(expected 2017-08)");
	if (step == AP_REOPEN && (!note || !*note))
		return kfq_error_field(err, "note", "required: why the month is opened again");
	snprintf(period, sizeof period, "%04d-%02d", p->year, p->last);
	if (db_begin(db, cx, err) < 0)
		return -1;
	if (units_load(db, &us, err) < 0)
		goto fail;
	if ((u = units_need(&us, unit, err)) < 0) {
		kfq_err_set_field(err, "unit");
		goto fail_units;
	}
	if (month_load(db, &us, u, p->year, p->last, &m, err) < 0)
		goto fail_units;
	from = (enum approval_state)m.state[u];
	if (!(STEP[step].from & (1u << from))) {
		struct sbuf ok;
		sbuf_init(&ok);
		for (int s = 0; s < AP_N; s++)
			if (STEP[s].from & (1u << from))
				sbuf_addf(&ok, "%s%s", ok.len ? ", " : "", APPROVAL_STEP[s]);
		kfq_error(err, "%s %s is %s: %s is not allowed (allowed: %s)", unit, period,
		          APPROVAL_STATE[from], APPROVAL_STEP[step], ok.buf);
		sbuf_release(&ok);
		goto fail_units;
	}
	if (step == AP_APPROVE || step == AP_CERTIFY) {
		blocks_of(&us, &m, (size_t)u, blocks, sizeof blocks);
		if (blocks[0]) {
			kfq_error(err, "%s %s cannot be %s: %s", unit, period,
			          APPROVAL_STATE[STEP[step].to], blocks);
			goto fail_units;
		}
	}
	if (step == AP_REOPEN && us.v[u].parent >= 0 &&
	    m.state[us.v[u].parent] >= AS_APPROVED) {
		kfq_error(err, "%s %s: its parent %s is %s; reopen the parent first", unit, period,
		          us.v[us.v[u].parent].code, APPROVAL_STATE[m.state[us.v[u].parent]]);
		goto fail_units;
	}
	if (db_cached(db, SQL_PUT, &st, err) < 0)
		goto fail_units;
	st_bind_i64(st, 1, us.v[u].id);
	st_bind_int(st, 2, p->year);
	st_bind_int(st, 3, p->last);
	st_bind_text(st, 4, APPROVAL_STATE[STEP[step].to]);
	st_bind_text(st, 5, cx->who);
	st_bind_text(st, 6, cx->now);
	rc = st_step(st);
	st_reset(st);
	if (rc != ST_DONE) {
		db_fault(db, err, "writing an approval");
		goto fail_units;
	}
	{
		char text[600];
		struct history_entry h = { "approval", unit, NULL, period, NULL, NULL, text, NULL };
		snprintf(text, sizeof text, "%s: %s → %s%s%s", APPROVAL_STEP[step], APPROVAL_STATE[from],
		         APPROVAL_STATE[STEP[step].to], note && *note ? ": " : "", note ? note : "");
		if (history_add(db, &h, err) < 0)
			goto fail_units;
	}
	month_release(&m);
	units_release(&us);
	return db_commit(db, err);
fail_units:
	month_release(&m);
	units_release(&us);
fail:
	db_rollback(db);
	return -1;
}

static void walk(struct approval_tree *t, const struct month_states *m, size_t u, int depth,
                 size_t *cap)
{
	const struct unit *un = &t->units.v[u];
	struct approval_row *r;
	if (!un->nchildren && !m->has_row[u] && !m->data[u])
		return;   /* takes no part this month */
	XGROW(t->v, t->n + 1, *cap);
	r = &t->v[t->n++];
	memset(r, 0, sizeof *r);
	r->unit = u;
	r->depth = depth;
	r->state = (enum approval_state)m->state[u];
	snprintf(r->who, sizeof r->who, "%s", m->who[u]);
	snprintf(r->at, sizeof r->at, "%s", m->at[u]);
	if (r->state == AS_SUBMITTED || r->state == AS_APPROVED)
		blocks_of(&t->units, m, u, r->blocks, sizeof r->blocks);
	for (size_t k = 0; k < un->nchildren; k++)
		walk(t, m, un->children[k], depth + 1, cap);
}

int approval_status(struct kfq_db *db, const char *unit, const struct period *p,
                    struct approval_tree *t, struct kfq_err *err)
{
	struct month_states m = { 0 };
	size_t cap = 0;
	long root = -1;

	memset(t, 0, sizeof *t);
	if (p->first != p->last)
		return kfq_error_field(err, "period", "a month is approved, not a span of months "
		                       "(expected 2017-08)");
	if (units_load(db, &t->units, err) < 0)
		return -1;
	if (unit && (root = units_need(&t->units, unit, err)) < 0) {
		units_release(&t->units);
		return kfq_err_set_field(err, "unit");
	}
	if (month_load(db, &t->units, root, p->year, p->last, &m, err) < 0) {
		month_release(&m);
		units_release(&t->units);
		return -1;
	}
	for (size_t u = 0; u < t->units.n; u++)
		if (root >= 0 ? (long)u == root : t->units.v[u].parent < 0)
			walk(t, &m, u, 0, &cap);
	month_release(&m);
	return 0;
}

void approval_tree_release(struct approval_tree *t)
{
	free(t->v);
	units_release(&t->units);
	memset(t, 0, sizeof *t);
}
