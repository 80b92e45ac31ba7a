/* fin_query.c: the finance platform as the front ends read it (see
 * fin_query.h): funds, loans, meetings, the guarantee network, exposure
 * and the early-warning list. Reads only. Depends on base, store and the
 * rest of src/finance. */
#include "finance/fin_query.h"
#include "finance/fin_part.h"
#include "finance/guarantee.h"
#include "base/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const FIN_LOAN_STATUS[] = { "outstanding", "overdue", "repaid", "defaulted",
                                        "future", NULL };
const char *const FIN_LOAN_STATUS_ZH[] = { "在贷", "逾期", "已还", "代偿", "未发放", NULL };

static char *dup_col(struct kfq_stmt *st, int col)
{
	return st_null(st, col) ? NULL : xstrdup(st_text(st, col));
}

static struct date the_day(const struct kfq_ctx *cx, const struct date *day)
{
	return day && day->year ? *day : cx->today;
}

/* ---- funds ---- */

static int sum(dec *to, dec v)
{
	return dec_add(*to, v, to);
}

static dec pct(dec num, dec den)
{
	__int128 n = (__int128)num * 100 * DEC_ONE * 2 / den;
	return (dec)((n + (n >= 0 ? 1 : -1)) / 2);
}

static int fund_item(struct kfq_db *db, int64_t id, const char *iso, struct fin_fund_item *it,
                     struct kfq_err *err)
{
	struct fin_fund_mem f;
	int bad = 0;
	if (fin_fund_load(db, id, &f, err) < 0) {
		fin_fund_mem_release(&f);
		return -1;
	}
	it->leverage = f.leverage;
	memcpy(it->share, f.share, sizeof it->share);
	for (size_t i = 0; i < f.nmv; i++)
		if (strcmp(f.mv[i].date, iso) <= 0)
			bad |= f.mv[i].withdraw ? dec_sub(it->capital, f.mv[i].amount, &it->capital)
			                        : sum(&it->capital, f.mv[i].amount);
	for (size_t i = 0; i < f.nln; i++)
		if (strcmp(f.ln[i].granted, iso) <= 0) {
			bad |= sum(&it->granted, f.ln[i].amount);
			it->nloans++;
		}
	for (size_t i = 0; i < f.nev; i++) {
		const struct fin_event_mem *e = &f.ev[i];
		if (strcmp(e->date, iso) > 0)
			continue;
		bad |= sum(e->recover ? &it->recovered : &it->defaulted, e->amount);
		it->ndefaults += !e->recover;
		for (int p = 0; p < FP_N; p++)
			bad |= sum(e->recover ? &it->rec[p] : &it->comp[p], e->part[p]);
	}
	bad |= fin_fund_balance(&f, iso, &it->balance) | fin_fund_outstanding(&f, iso, 0,
	                                                                       &it->outstanding);
	bad |= dec_mul(f.leverage, it->balance > 0 ? it->balance : 0, &it->limit);
	bad |= dec_sub(it->limit, it->outstanding, &it->headroom);
	if ((it->has_used = it->limit > 0))
		it->used = pct(it->outstanding, it->limit);
	if ((it->has_rate = it->granted > 0))
		it->default_rate = pct(it->defaulted, it->granted);
	fin_fund_mem_release(&f);
	return bad ? kfq_error(err, "fund \"%s\": the amounts do not fit", it->code) : 0;
}

int fin_funds(const struct kfq_ctx *cx, struct kfq_db *db, const char *code,
              const struct date *day, struct fin_fund_res *out, struct kfq_err *err)
{
	struct kfq_stmt *st;
	char iso[16];
	size_t cap = 0;
	int64_t *ids = NULL;
	int rc;
	memset(out, 0, sizeof *out);
	out->day = the_day(cx, day);
	date_format(&out->day, iso, sizeof iso);
	if (db_prepare(db, code ? "SELECT f.id, f.code, f.name, u.code, f.bank FROM fin_fund f "
	               "JOIN unit u ON u.id = f.unit_id WHERE f.code = ?"
	               : "SELECT f.id, f.code, f.name, u.code, f.bank FROM fin_fund f JOIN unit u "
	               "ON u.id = f.unit_id ORDER BY f.code", &st, err) < 0)
		return -1;
	if (code)
		st_bind_text(st, 1, code);
	while ((rc = st_step(st)) == ST_ROW) {
		struct fin_fund_item *it;
		XGROW(out->v, out->n + 1, cap);
		ids = xrealloc(ids, (out->n + 1) * sizeof *ids);
		it = memset(&out->v[out->n], 0, sizeof *it);
		ids[out->n++] = st_i64(st, 0);
		it->code = dup_col(st, 1);
		it->name = dup_col(st, 2);
		it->unit = dup_col(st, 3);
		it->bank = dup_col(st, 4);
	}
	st_finalize(st);
	rc = rc == ST_DONE ? 0 : db_fault(db, err, "reading the funds");
	if (rc == 0 && code && !out->n)
		rc = kfq_error_field(err, "fund", "unknown fund \"%s\"", code);
	for (size_t i = 0; rc == 0 && i < out->n; i++)
		rc = fund_item(db, ids[i], iso, &out->v[i], err);
	free(ids);
	return rc;
}

void fin_fund_res_release(struct fin_fund_res *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->v[i].code);
		free(r->v[i].name);
		free(r->v[i].unit);
		free(r->v[i].bank);
	}
	free(r->v);
	memset(r, 0, sizeof *r);
}

/* ---- loans ---- */

int fin_loans(const struct kfq_ctx *cx, struct kfq_db *db, const char *fund,
              const struct date *day, struct fin_loan_res *out, struct kfq_err *err)
{
#define LOANS_SQL \
		"SELECT l.code, f.code, l.bank, u.code, u.name, l.product, l.amount, l.granted, l.due, " \
		"l.repaid, e.date, e.amount, e.fund_part, e.bank_part, e.insurer_part, (SELECT " \
		"group_concat(CAST(r.amount AS TEXT), ' ') FROM fin_loan_event r WHERE r.loan_id = l.id " \
		"AND r.kind = 'recover' AND r.date <= ?1) FROM fin_loan l JOIN fin_fund f ON " \
		"f.id = l.fund_id JOIN unit u ON u.id = l.unit_id LEFT JOIN fin_loan_event e ON " \
		"e.loan_id = l.id AND e.kind = 'default' AND e.date <= ?1 "
	static const char ALL[] = LOANS_SQL "ORDER BY l.granted, l.code";
	static const char ONE[] = LOANS_SQL "WHERE f.code = ?2 ORDER BY l.granted, l.code";
	struct kfq_stmt *st;
	char iso[16];
	size_t cap = 0;
	int rc;
	memset(out, 0, sizeof *out);
	out->day = the_day(cx, day);
	date_format(&out->day, iso, sizeof iso);
	if (fund) {
		int64_t id = fin_id_of(db, "fin_fund", fund, err);
		if (id < 0)
			return -1;
		if (!id)
			return kfq_error_field(err, "fund", "unknown fund \"%s\"", fund);
	}
	if (db_prepare(db, fund ? ONE : ALL, &st, err) < 0)
		return -1;
	st_bind_text(st, 1, iso);
	if (fund)
		st_bind_text(st, 2, fund);
	while ((rc = st_step(st)) == ST_ROW) {
		struct fin_loan_item *it;
		XGROW(out->v, out->n + 1, cap);
		it = memset(&out->v[out->n++], 0, sizeof *it);
		it->code = dup_col(st, 0);
		it->fund = dup_col(st, 1);
		it->bank = dup_col(st, 2);
		it->enterprise = dup_col(st, 3);
		it->ent_name = dup_col(st, 4);
		it->product = dup_col(st, 5);
		it->amount = st_i64(st, 6);
		snprintf(it->granted, sizeof it->granted, "%s", st_text(st, 7));
		snprintf(it->due, sizeof it->due, "%s", st_text(st, 8));
		if (!st_null(st, 9) && strcmp(st_text(st, 9), iso) <= 0)
			snprintf(it->repaid, sizeof it->repaid, "%s", st_text(st, 9));
		if (!st_null(st, 10)) {
			snprintf(it->defaulted, sizeof it->defaulted, "%s", st_text(st, 10));
			it->default_amount = st_i64(st, 11);
			for (int p = 0; p < FP_N; p++)
				it->part[p] = st_i64(st, 12 + p);
		}
		if (!st_null(st, 15)) {
			const char *s = st_text(st, 15);
			char *end;
			while (*s) {
				long long v = strtoll(s, &end, 10);
				if (end == s)
					break;
				it->recovered += v;
				s = end;
			}
		}
		it->status = strcmp(it->granted, iso) > 0 ? FL_FUTURE : it->defaulted[0] ? FL_DEFAULTED
		             : it->repaid[0] ? FL_REPAID : strcmp(it->due, iso) < 0 ? FL_OVERDUE
		             : FL_OUTSTANDING;
	}
	st_finalize(st);
	return rc == ST_DONE ? 0 : db_fault(db, err, "reading the loans");
}

void fin_loan_res_release(struct fin_loan_res *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->v[i].code);
		free(r->v[i].fund);
		free(r->v[i].bank);
		free(r->v[i].enterprise);
		free(r->v[i].ent_name);
		free(r->v[i].product);
	}
	free(r->v);
	memset(r, 0, sizeof *r);
}

/* ---- meetings ---- */

static struct fin_match_sum *sum_of(struct fin_match_sum **v, size_t *n, const char *key)
{
	for (size_t i = 0; i < *n; i++)
		if (strcmp((*v)[i].key, key) == 0)
			return &(*v)[i];
	*v = xrealloc(*v, (*n + 1) * sizeof **v);
	memset(&(*v)[*n], 0, sizeof **v);
	(*v)[*n].key = xstrdup(key);
	return &(*v)[(*n)++];
}

static int cmp_sum(const void *a, const void *b)
{
	return strcmp(((const struct fin_match_sum *)a)->key, ((const struct fin_match_sum *)b)->key);
}

int fin_meetings(const struct kfq_ctx *cx, struct kfq_db *db, const struct period *p,
                 struct fin_meeting_res *out, struct kfq_err *err)
{
	static const char MEET[] =
		"SELECT m.id, m.code, m.date, m.title, p.code, (SELECT group_concat(b.bank, '、') FROM "
		"(SELECT bank FROM fin_meeting_bank WHERE meeting_id = m.id ORDER BY bank) b), (SELECT "
		"group_concat(e.code, '、') FROM (SELECT u.code FROM fin_meeting_ent x JOIN unit u ON "
		"u.id = x.unit_id WHERE x.meeting_id = m.id ORDER BY u.code) e) FROM fin_meeting m "
		"LEFT JOIN unit p ON p.id = m.park_id WHERE m.date >= ? AND m.date <= ? "
		"ORDER BY m.date, m.code";
	static const char BANKS[] = "SELECT bank FROM fin_meeting_bank WHERE meeting_id = ?";
	static const char NEEDS[] =
		"SELECT m.code, n.lender, pk.code, n.amount, n.matched, n.granted FROM fin_need n "
		"JOIN unit u ON u.id = n.unit_id LEFT JOIN unit pk ON pk.id = u.parent_id LEFT JOIN "
		"fin_meeting m ON m.id = n.meeting_id WHERE n.raised >= ? AND n.raised <= ?";
	struct kfq_stmt *st, *bk;
	char from[40] = "0000-00-00", to[40] = "9999-99-99";
	size_t cap = 0;
	int rc;
	(void)cx;
	memset(out, 0, sizeof *out);
	if (p && p->year) {
		out->period = *p;
		snprintf(from, sizeof from, "%04d-%02d-01", p->year, p->first);
		snprintf(to, sizeof to, "%04d-%02d-31", p->year, p->last);
	}
	if (db_prepare(db, MEET, &st, err) < 0)
		return -1;
	st_bind_text(st, 1, from);
	st_bind_text(st, 2, to);
	while ((rc = st_step(st)) == ST_ROW) {
		struct fin_meeting_item *it;
		int brc;
		XGROW(out->v, out->n + 1, cap);
		it = memset(&out->v[out->n++], 0, sizeof *it);
		it->code = dup_col(st, 1);
		it->date = dup_col(st, 2);
		it->title = dup_col(st, 3);
		it->park = dup_col(st, 4);
		it->banks = dup_col(st, 5);
		it->enterprises = dup_col(st, 6);
		sum_of(&out->park, &out->npark, it->park ? it->park : "")->meetings++;
		if (db_cached(db, BANKS, &bk, err) < 0) {
			st_finalize(st);
			return -1;
		}
		st_bind_i64(bk, 1, st_i64(st, 0));
		while ((brc = st_step(bk)) == ST_ROW)
			sum_of(&out->bank, &out->nbank, st_text(bk, 0))->meetings++;
		st_reset(bk);
		if (brc != ST_DONE) {
			st_finalize(st);
			return db_fault(db, err, "reading the meetings");
		}
	}
	st_finalize(st);
	if (rc != ST_DONE)
		return db_fault(db, err, "reading the meetings");
	if (db_prepare(db, NEEDS, &st, err) < 0)
		return -1;
	st_bind_text(st, 1, from);
	st_bind_text(st, 2, to);
	while ((rc = st_step(st)) == ST_ROW) {
		struct fin_match_sum *s[2];
		dec a = st_i64(st, 3), m = st_null(st, 4) ? 0 : st_i64(st, 4),
		    g = st_null(st, 5) ? 0 : st_i64(st, 5);
		s[0] = sum_of(&out->bank, &out->nbank, st_null(st, 1) ? "" : st_text(st, 1));
		s[1] = sum_of(&out->park, &out->npark, st_null(st, 2) ? "" : st_text(st, 2));
		for (int k = 0; k < 2; k++) {
			s[k]->nneeds++;
			if (sum(&s[k]->needs, a) | sum(&s[k]->matched, m) | sum(&s[k]->granted, g))
				rc = ST_ERROR;
		}
		for (size_t i = 0; !st_null(st, 0) && i < out->n; i++)
			if (strcmp(out->v[i].code, st_text(st, 0)) == 0) {
				out->v[i].nneeds++;
				if (sum(&out->v[i].needs, a) | sum(&out->v[i].matched, m) |
				    sum(&out->v[i].granted, g))
					rc = ST_ERROR;
			}
		if (rc == ST_ERROR)
			break;
	}
	st_finalize(st);
	if (rc != ST_DONE)
		return rc == ST_ERROR ? kfq_error(err, "the financing needs do not fit")
		       : db_fault(db, err, "reading the financing needs");
	qsort(out->bank, out->nbank, sizeof *out->bank, cmp_sum);
	qsort(out->park, out->npark, sizeof *out->park, cmp_sum);
	return 0;
}

void fin_meeting_res_release(struct fin_meeting_res *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->v[i].code);
		free(r->v[i].date);
		free(r->v[i].title);
		free(r->v[i].park);
		free(r->v[i].banks);
		free(r->v[i].enterprises);
	}
	for (size_t i = 0; i < r->nbank; i++)
		free(r->bank[i].key);
	for (size_t i = 0; i < r->npark; i++)
		free(r->park[i].key);
	free(r->v);
	free(r->bank);
	free(r->park);
	memset(r, 0, sizeof *r);
}

/* ---- the guarantee network ---- */

static long firm_index(const struct fin_net_res *r, const char *code)
{
	for (size_t i = 0; i < r->nfirm; i++)
		if (strcmp(r->firm[i].code, code) == 0)
			return (long)i;
	return -1;
}

/* The network in force at the end of iso (NULL: every guarantee) into r
 * and its edges into *e (the caller frees it). */
static int load_net(struct kfq_db *db, const char *iso, struct fin_net_res *r,
                    struct gnet_edge **e, size_t *ne, struct kfq_err *err)
{
#define NET_SQL \
		"SELECT a.code, a.name, b.code, b.name, g.amount FROM fin_guarantee g JOIN unit a ON " \
		"a.id = g.guarantor_id JOIN unit b ON b.id = g.borrower_id "
	static const char ALL[] = NET_SQL "ORDER BY g.code";
	static const char AT[] = NET_SQL "WHERE (g.start IS NULL OR g.start <= ?1) AND "
		"(g.ends IS NULL OR g.ends >= ?1) ORDER BY g.code";
	struct kfq_stmt *st;
	size_t fcap = 0, ecap = 0;
	int rc;
	*e = NULL;
	*ne = 0;
	if (db_prepare(db, iso ? AT : ALL, &st, err) < 0)
		return -1;
	if (iso)
		st_bind_text(st, 1, iso);
	while ((rc = st_step(st)) == ST_ROW) {
		long ends[2];
		for (int k = 0; k < 2; k++) {
			if ((ends[k] = firm_index(r, st_text(st, 2 * k))) < 0) {
				XGROW(r->firm, r->nfirm + 1, fcap);
				memset(&r->firm[r->nfirm], 0, sizeof r->firm[0]);
				r->firm[r->nfirm].code = xstrdup(st_text(st, 2 * k));
				r->firm[r->nfirm].name = xstrdup(st_text(st, 2 * k + 1));
				ends[k] = (long)r->nfirm++;
			}
		}
		XGROW(*e, *ne + 1, ecap);
		(*e)[*ne].from = (size_t)ends[0];
		(*e)[*ne].to = (size_t)ends[1];
		(*e)[*ne].amount = st_i64(st, 4);
		if (dec_add(r->total, (*e)[*ne].amount, &r->total) < 0)
			rc = ST_ERROR;
		(*ne)++;
		r->nguarantees++;
		if (rc == ST_ERROR)
			break;
	}
	st_finalize(st);
	return rc == ST_DONE ? 0 : db_fault(db, err, "reading the guarantees");
}

/* A component as text: a firm's code, or a circle 〔A ⇄ B ⇄ C〕. */
static void comp_text(const struct fin_net_res *r, const struct gnet *g, size_t c,
                      struct sbuf *sb)
{
	int first = 1;
	if (g->comp_size[c] > 1)
		sbuf_addf(sb, "〔");
	for (size_t i = 0; i < r->nfirm; i++)
		if (g->comp[i] == c) {
			sbuf_addf(sb, "%s%s", first ? "" : " ⇄ ", r->firm[i].code);
			first = 0;
		}
	if (g->comp_size[c] > 1)
		sbuf_addf(sb, "〕");
}

static int cmp_firm(const void *a, const void *b)
{
	return strcmp(((const struct fin_net_firm *)a)->code, ((const struct fin_net_firm *)b)->code);
}

int fin_network(const struct kfq_ctx *cx, struct kfq_db *db, const struct date *day,
                const char *firm, struct fin_net_res *out, struct kfq_err *err)
{
	struct gnet_edge *e = NULL;
	struct gnet g;
	size_t ne = 0;
	char iso[16];
	(void)cx;
	memset(out, 0, sizeof *out);
	out->target = -1;
	if (day && day->year)
		date_format(day, iso, sizeof iso);
	if (load_net(db, day && day->year ? iso : NULL, out, &e, &ne, err) < 0) {
		free(e);
		return -1;
	}
	/* firms by code: sort them and renumber the edges */
	{
		size_t *order = xmalloc((out->nfirm + 1) * sizeof *order);
		struct fin_net_firm *copy = xmalloc((out->nfirm + 1) * sizeof *copy);
		if (out->nfirm) {   /* (none before the first record: firm is NULL) */
			memcpy(copy, out->firm, out->nfirm * sizeof *copy);
			qsort(out->firm, out->nfirm, sizeof *out->firm, cmp_firm);
		}
		for (size_t i = 0; i < out->nfirm; i++)
			order[i] = (size_t)firm_index(out, copy[i].code);
		for (size_t i = 0; i < ne; i++) {
			e[i].from = order[e[i].from];
			e[i].to = order[e[i].to];
		}
		free(order);
		free(copy);
	}
	gnet_analyse(&g, out->nfirm, e, ne);
	for (size_t i = 0; i < out->nfirm; i++)
		out->firm[i].comp = g.comp[i];
	for (size_t c = 0; c < g.ncomp; c++) {
		size_t k = 0;
		if (g.comp_size[c] < 2)
			continue;
		out->circle = xrealloc(out->circle, (out->ncircle + 1) * sizeof *out->circle);
		out->circle_n = xrealloc(out->circle_n, (out->ncircle + 1) * sizeof *out->circle_n);
		out->circle[out->ncircle] = xmalloc(g.comp_size[c] * sizeof **out->circle);
		for (size_t i = 0; i < out->nfirm; i++)
			if (g.comp[i] == c)
				out->circle[out->ncircle][k++] = i;
		out->circle_n[out->ncircle++] = k;
	}
	out->chain = xcalloc(g.nchains + 1, sizeof *out->chain);
	for (size_t k = 0; k < g.nchains; k++) {
		struct sbuf sb;
		sbuf_init(&sb);
		for (size_t j = g.chain_at[k]; j < g.chain_at[k + 1]; j++) {
			if (j > g.chain_at[k])
				sbuf_addf(&sb, " → ");
			comp_text(out, &g, g.cs[j], &sb);
		}
		out->chain[out->nchain++] = xstrdup(sb.buf);
		sbuf_release(&sb);
	}
	out->truncated = g.truncated;
	if (firm) {
		int *up = xcalloc(out->nfirm + 1, sizeof *up), *down = xcalloc(out->nfirm + 1,
		                                                               sizeof *down);
		int rc = 0;
		if ((out->target = firm_index(out, firm)) < 0)
			rc = day && day->year
			     ? kfq_error(err, "\"%s\" is in no guarantee in force that day", firm)
			     : kfq_error(err, "\"%s\" is in no guarantee", firm);
		else if (gnet_exposure(&g, (size_t)out->target, up, down, &out->amount_up,
		                       &out->amount_down) < 0)
			rc = kfq_error(err, "the guarantees do not fit");
		for (size_t i = 0; rc == 0 && i < out->nfirm; i++) {
			out->firm[i].dist_up = up[i];
			out->firm[i].dist_down = down[i];
		}
		free(up);
		free(down);
		if (rc < 0) {
			gnet_release(&g);
			free(e);
			return -1;
		}
	}
	gnet_release(&g);
	free(e);
	return 0;
}

void fin_net_res_release(struct fin_net_res *r)
{
	for (size_t i = 0; i < r->nfirm; i++) {
		free(r->firm[i].code);
		free(r->firm[i].name);
	}
	for (size_t i = 0; i < r->ncircle; i++)
		free(r->circle[i]);
	for (size_t i = 0; i < r->nchain; i++)
		free(r->chain[i]);
	free(r->firm);
	free(r->circle);
	free(r->circle_n);
	free(r->chain);
	memset(r, 0, sizeof *r);
}

/* ---- early warning ---- */

int fin_warn(const struct kfq_ctx *cx, struct kfq_db *db, const struct date *day,
             struct fin_warn_res *out, struct kfq_err *err)
{
	static const char CREDIT[] =
		"SELECT u.code, u.name, c.kind, c.amount, c.date FROM fin_credit c JOIN unit u ON "
		"u.id = c.unit_id WHERE c.date <= ? ORDER BY u.code, c.date";
	static const char ACTS[] =
		"SELECT i.date, i.kind, i.outcome FROM fin_intervention i JOIN unit u ON "
		"u.id = i.unit_id WHERE u.code = ? AND i.date <= ? ORDER BY i.date, i.kind";
	struct fin_net_res net;
	struct kfq_stmt *st;
	char iso[16];
	size_t cap = 0;
	int rc;
	memset(out, 0, sizeof *out);
	out->day = the_day(cx, day);
	date_format(&out->day, iso, sizeof iso);
	if (db_prepare(db, CREDIT, &st, err) < 0)
		return -1;
	st_bind_text(st, 1, iso);
	while ((rc = st_step(st)) == ST_ROW) {
		struct fin_warn_item *it = out->n ? &out->v[out->n - 1] : NULL;
		if (!it || strcmp(it->code, st_text(st, 0)) != 0) {
			XGROW(out->v, out->n + 1, cap);
			it = memset(&out->v[out->n++], 0, sizeof *it);
			it->code = dup_col(st, 0);
			it->name = dup_col(st, 1);
		}
		if (sum(strcmp(st_text(st, 2), "call") == 0 ? &it->called : &it->cut, st_i64(st, 3)))
			rc = ST_ERROR;
		snprintf(it->last, sizeof it->last, "%s", st_text(st, 4));
		if (rc == ST_ERROR)
			break;
	}
	st_finalize(st);
	if (rc != ST_DONE)
		return db_fault(db, err, "reading the credit actions");
	if (fin_network(cx, db, &out->day, NULL, &net, err) < 0)
		return -1;
	for (size_t i = 0; i < out->n; i++) {
		struct fin_warn_item *it = &out->v[i];
		struct fin_net_res one;
		struct sbuf sb;
		long k = firm_index(&net, it->code);
		if (k >= 0) {
			struct kfq_err e2 = { 0 };
			it->in_circle = 0;
			for (size_t c = 0; c < net.ncircle; c++)
				for (size_t j = 0; j < net.circle_n[c]; j++)
					it->in_circle |= net.circle[c][j] == (size_t)k;
			if (fin_network(cx, db, &out->day, it->code, &one, &e2) == 0) {
				for (size_t j = 0; j < one.nfirm; j++) {
					it->exposed += (long)j != one.target &&
					               (one.firm[j].dist_up || one.firm[j].dist_down);
					it->guarantors += one.firm[j].dist_up > 0;
				}
			}
			fin_net_res_release(&one);
		}
		if (db_cached(db, ACTS, &st, err) < 0) {
			fin_net_res_release(&net);
			return -1;
		}
		st_bind_text(st, 1, it->code);
		st_bind_text(st, 2, iso);
		sbuf_init(&sb);
		while ((rc = st_step(st)) == ST_ROW) {
			int kind = fin_kind_parse(st_text(st, 1), FIN_INTERVENTION_KIND,
			                          FIN_INTERVENTION_KIND_ZH);
			sbuf_addf(&sb, "%s%s %s%s%s", sb.len ? "; " : "", st_text(st, 0),
			          kind >= 0 ? FIN_INTERVENTION_KIND_ZH[kind] : st_text(st, 1),
			          st_null(st, 2) ? "" : ": ", st_null(st, 2) ? "" : st_text(st, 2));
			if (strcmp(st_text(st, 0), it->last) >= 0)
				it->helped = 1;
		}
		st_reset(st);
		it->interventions = sb.len ? xstrdup(sb.buf) : NULL;
		sbuf_release(&sb);
		if (rc != ST_DONE) {
			fin_net_res_release(&net);
			return db_fault(db, err, "reading the interventions");
		}
	}
	fin_net_res_release(&net);
	return 0;
}

void fin_warn_res_release(struct fin_warn_res *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->v[i].code);
		free(r->v[i].name);
		free(r->v[i].interventions);
	}
	free(r->v);
	memset(r, 0, sizeof *r);
}
