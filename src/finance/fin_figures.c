/* fin_figures.c: the finance platform's figures, published through the
 * core as derived indicators (see finance.h), written as month values of
 * each fund's unit (the fund's capital, balance, loans outstanding,
 * granted, defaulted, compensation, recoveries, leverage used and the
 * default rate) and of each meeting's park (or the top unit): meetings,
 * needs raised, matched and granted. Rewritten from the records after
 * every import of a finance kind. Depends on base, store, model,
 * calc/rollup. */
#include "finance/fin_part.h"
#include "base/xalloc.h"
#include "model/indicator.h"
#include "model/obs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { F_CAPITAL, F_BALANCE, F_OUTSTANDING, F_GRANTED, F_COUNT, F_DEFAULTED, F_COMPENSATION,
       F_RECOVERED, F_LEVERAGE, F_DEFAULT_RATE, F_MEETINGS, F_NEEDS, F_MATCHED, F_NEED_GRANTED,
       F_N };

static const struct {
	const char *code, *zh, *en, *measure, *kind, *agg, *decimals;
} INDICATORS[F_N] = {
	{ "risk_fund", "风险补偿基金", "risk compensation fund (capital)", "万元", "stock", "sum",
	  "0" },
	{ "risk_fund_balance", "风险补偿基金余额", "risk compensation fund balance", "万元",
	  "stock", "sum", "2" },
	{ "fund_loans_outstanding", "基金支持贷款余额", "loans outstanding under the fund", "万元",
	  "stock", "sum", "2" },
	{ "fund_loans_granted", "基金支持贷款发放额", "loans granted under the fund", "万元", "flow",
	  "sum", "2" },
	{ "fund_loans_count", "基金支持贷款笔数", "loans granted under the fund (count)", "个",
	  "flow", "sum", "0" },
	{ "fund_defaulted", "代偿贷款本金", "defaulted principal", "万元", "flow", "sum", "2" },
	{ "fund_compensation", "基金代偿支出", "compensation paid by the fund", "万元", "flow", "sum",
	  "2" },
	{ "fund_recovered", "基金追偿收回", "recoveries returned to the fund", "万元", "flow", "sum",
	  "2" },
	{ "fund_leverage_used", "放大倍数使用率", "leverage used (outstanding ÷ leverage × balance)",
	  "%", "stock", "none", "1" },
	{ "fund_default_rate", "代偿率", "default rate (defaulted ÷ granted, since the start)", "%",
	  "stock", "none", "1" },
	{ "bank_meetings", "银企对接会", "bank–enterprise meetings", "场", "flow", "sum", "0" },
	{ "financing_needs", "企业融资需求", "financing needs raised", "万元", "flow", "sum", "2" },
	{ "financing_matched", "对接融资金额", "financing matched", "万元", "flow", "sum", "2" },
	{ "financing_granted", "融资到位金额", "financing granted", "万元", "flow", "sum", "2" },
};

int fin_ensure_indicators(struct kfq_db *db, struct kfq_err *err)
{
	for (size_t i = 0; i < F_N; i++) {
		struct indicator_row r = { INDICATORS[i].code, INDICATORS[i].zh, INDICATORS[i].en,
		                           INDICATORS[i].measure, INDICATORS[i].kind,
		                           INDICATORS[i].agg, INDICATORS[i].decimals, NULL, NULL,
		                           NULL };
		if (indicator_ensure(db, &r, 1, err) < 0)
			return -1;
	}
	return 0;
}

/* One unit's figures: [year - y0][month 1..12][figure]; the two ratios as
 * numerator and denominator (num, den). */
struct unit_figs {
	int64_t unit;
	dec (*v)[13][F_N];
	dec (*num)[13][2], (*den)[13][2];
	unsigned char (*has)[13];   /* a fund existed: stocks written */
	int fund;                   /* a fund's unit: the fund's figures written */
};

struct derive {
	int y0, y1;
	struct unit_figs *u;
	size_t nu, ucap;
};

static struct unit_figs *unit_of(struct derive *d, int64_t unit)
{
	size_t ny = (size_t)(d->y1 - d->y0 + 1);
	struct unit_figs *u;
	for (size_t i = 0; i < d->nu; i++)
		if (d->u[i].unit == unit)
			return &d->u[i];
	XGROW(d->u, d->nu + 1, d->ucap);
	u = &d->u[d->nu++];
	u->unit = unit;
	u->v = xcalloc(ny, sizeof *u->v);
	u->num = xcalloc(ny, sizeof *u->num);
	u->den = xcalloc(ny, sizeof *u->den);
	u->has = xcalloc(ny, sizeof *u->has);
	u->fund = 0;
	return u;
}

static int add(dec *to, dec v, struct kfq_err *err)
{
	return dec_add(*to, v, to) < 0 ? kfq_error(err, "a finance figure does not fit") : 0;
}

/* Year and month of an ISO date; 0 when it is not one. */
static int ym(const char *iso, int *y, int *m)
{
	return sscanf(iso, "%4d-%2d", y, m) == 2 && *m >= 1 && *m <= 12;
}

/* A flow on day iso into u. */
static int flow(struct derive *d, struct unit_figs *u, const char *iso, int f, dec v,
                struct kfq_err *err)
{
	int y, m;
	if (!ym(iso, &y, &m) || y < d->y0 || y > d->y1)
		return 0;
	return add(&u->v[y - d->y0][m][f], v, err);
}

static int fund_figures(struct derive *d, const struct fin_fund_mem *f, struct kfq_err *err)
{
	struct unit_figs *u = unit_of(d, f->unit);
	char first[11] = "9999-99-99";
	u->fund = 1;
	for (size_t i = 0; i < f->nmv; i++)
		if (strcmp(f->mv[i].date, first) < 0)
			snprintf(first, sizeof first, "%s", f->mv[i].date);
	for (size_t i = 0; i < f->nln; i++) {
		if (strcmp(f->ln[i].granted, first) < 0)
			snprintf(first, sizeof first, "%s", f->ln[i].granted);
		if (flow(d, u, f->ln[i].granted, F_GRANTED, f->ln[i].amount, err) < 0 ||
		    flow(d, u, f->ln[i].granted, F_COUNT, DEC_ONE, err) < 0)
			return -1;
	}
	for (size_t i = 0; i < f->nev; i++) {
		const struct fin_event_mem *e = &f->ev[i];
		if (e->recover ? flow(d, u, e->date, F_RECOVERED, e->part[FP_FUND], err) < 0
		    : flow(d, u, e->date, F_DEFAULTED, e->amount, err) < 0 ||
		      flow(d, u, e->date, F_COMPENSATION, e->part[FP_FUND], err) < 0)
			return -1;
	}
	for (int y = d->y0; y <= d->y1; y++)
		for (int m = 1; m <= 12; m++) {
			char iso[40], ym0[40];
			dec bal, out, cap = 0, limit, granted = 0, dflt = 0;
			dec *v = u->v[y - d->y0][m];
			snprintf(iso, sizeof iso, "%04d-%02d-%02d", y, m, date_month_days(y, m));
			snprintf(ym0, sizeof ym0, "%04d-%02d-99", y, m);
			if (strcmp(first, ym0) > 0)
				continue;   /* the fund had nothing yet */
			u->has[y - d->y0][m] = 1;
			for (size_t i = 0; i < f->nmv; i++)
				if (strcmp(f->mv[i].date, iso) <= 0 &&
				    (f->mv[i].withdraw ? dec_sub(cap, f->mv[i].amount, &cap)
				                       : dec_add(cap, f->mv[i].amount, &cap)) < 0)
					return kfq_error(err, "a finance figure does not fit");
			for (size_t i = 0; i < f->nln; i++)
				if (strcmp(f->ln[i].granted, iso) <= 0 && add(&granted, f->ln[i].amount, err) < 0)
					return -1;
			for (size_t i = 0; i < f->nev; i++)
				if (!f->ev[i].recover && strcmp(f->ev[i].date, iso) <= 0 &&
				    add(&dflt, f->ev[i].amount, err) < 0)
					return -1;
			if (fin_fund_balance(f, iso, &bal) < 0 || fin_fund_outstanding(f, iso, 0, &out) < 0 ||
			    dec_mul(f->leverage, bal > 0 ? bal : 0, &limit) < 0)
				return kfq_error(err, "a finance figure does not fit");
			if (add(&v[F_CAPITAL], cap, err) < 0 || add(&v[F_BALANCE], bal, err) < 0 ||
			    add(&v[F_OUTSTANDING], out, err) < 0 ||
			    add(&u->num[y - d->y0][m][0], out, err) < 0 ||
			    add(&u->den[y - d->y0][m][0], limit, err) < 0 ||
			    add(&u->num[y - d->y0][m][1], dflt, err) < 0 ||
			    add(&u->den[y - d->y0][m][1], granted, err) < 0)
				return -1;
		}
	return 0;
}

/* num ÷ den × 100 in 1/10 000 of a percent, rounded half away from zero. */
static dec percent(dec num, dec den)
{
	__int128 n = (__int128)num * 100 * DEC_ONE * 2 / den;
	return (dec)((n + (n >= 0 ? 1 : -1)) / 2);
}

/* The matching figures: meetings (in their park, else the top unit) and
 * needs (in the enterprise's park: the unit above it). */
static int matching_figures(struct kfq_db *db, struct derive *d, int64_t root,
                            struct kfq_err *err)
{
	struct kfq_stmt *st;
	int rc;
	if (db_prepare(db, "SELECT coalesce(park_id, ?), date FROM fin_meeting", &st, err) < 0)
		return -1;
	st_bind_i64(st, 1, root);
	while ((rc = st_step(st)) == ST_ROW)
		if (flow(d, unit_of(d, st_i64(st, 0)), st_text(st, 1), F_MEETINGS, DEC_ONE, err) < 0)
			break;
	st_finalize(st);
	if (rc == ST_ROW)
		return -1;
	if (rc != ST_DONE)
		return db_fault(db, err, "reading the meetings");
	if (db_prepare(db, "SELECT coalesce(u.parent_id, u.id), n.raised, n.amount, n.matched, "
	               "n.granted, n.granted_date FROM fin_need n JOIN unit u ON u.id = n.unit_id",
	               &st, err) < 0)
		return -1;
	while ((rc = st_step(st)) == ST_ROW) {
		struct unit_figs *u = unit_of(d, st_i64(st, 0));
		const char *when = st_null(st, 5) ? st_text(st, 1) : st_text(st, 5);
		if (flow(d, u, st_text(st, 1), F_NEEDS, st_i64(st, 2), err) < 0 ||
		    (!st_null(st, 3) && flow(d, u, st_text(st, 1), F_MATCHED, st_i64(st, 3), err) < 0) ||
		    (!st_null(st, 4) && flow(d, u, when, F_NEED_GRANTED, st_i64(st, 4), err) < 0))
			break;
	}
	st_finalize(st);
	if (rc == ST_ROW)
		return -1;
	return rc == ST_DONE ? 0 : db_fault(db, err, "reading the financing needs");
}

/* A unit that holds a matching figure of its own (a meeting of the whole
 * zone, a need of an enterprise outside the parks) is not summed from its
 * children by the core: add to it what the units below it hold. */
static int matching_up(struct kfq_db *db, struct derive *d, struct kfq_err *err)
{
	size_t ny = (size_t)(d->y1 - d->y0 + 1), n = d->nu;
	dec (*own)[13][F_N] = xcalloc(n * ny + 1, sizeof *own);
	int rc = 0;
	for (size_t k = 0; k < n; k++)
		memcpy(own[k * ny], d->u[k].v, ny * sizeof *own);
	for (size_t k = 0; rc == 0 && k < n; k++) {
		int64_t at = d->u[k].unit;
		for (int depth = 0; rc == 0 && depth < 64; depth++) {
			struct kfq_stmt *st;
			int s;
			if (db_cached(db, "SELECT parent_id FROM unit WHERE id = ?", &st, err) < 0) {
				rc = -1;
				break;
			}
			st_bind_i64(st, 1, at);
			s = st_step(st);
			at = s == ST_ROW && !st_null(st, 0) ? st_i64(st, 0) : 0;
			st_reset(st);
			if (s == ST_ERROR)
				rc = db_fault(db, err, "reading the unit tree");
			if (!at)
				break;
			for (size_t a = 0; rc == 0 && a < n; a++)
				if (d->u[a].unit == at)
					for (size_t y = 0; rc == 0 && y < ny; y++)
						for (int m = 1; m <= 12; m++)
							for (int f = F_MEETINGS; f < F_N; f++)
								if (add(&d->u[a].v[y][m][f], own[k * ny + y][m][f],
								        err) < 0)
									rc = -1;
		}
	}
	free(own);
	return rc;
}

/* The years the records span (and on to today's). */
static int year_span(struct kfq_db *db, int *y0, int *y1, struct kfq_err *err)
{
	static const char SQL[] =
		"SELECT min(d), max(d) FROM (SELECT date AS d FROM fin_fund_move UNION ALL "
		"SELECT granted FROM fin_loan UNION ALL SELECT date FROM fin_loan_event UNION ALL "
		"SELECT date FROM fin_meeting UNION ALL SELECT raised FROM fin_need UNION ALL "
		"SELECT granted_date FROM fin_need) t";
	struct kfq_stmt *st;
	int rc;
	*y0 = *y1 = 0;
	if (db_prepare(db, SQL, &st, err) < 0)
		return -1;
	if ((rc = st_step(st)) == ST_ROW && !st_null(st, 0)) {
		*y0 = atoi(st_text(st, 0));
		*y1 = atoi(st_text(st, 1));
	}
	st_finalize(st);
	if (rc == ST_ERROR)
		return db_fault(db, err, "reading the finance records");
	if (*y0 && db_ctx(db) && db_ctx(db)->today.year > *y1 && db_ctx(db)->today.year < *y0 + 100)
		*y1 = db_ctx(db)->today.year;
	return 0;
}

static int write_figures(struct kfq_db *db, const int64_t ids[F_N], const struct derive *d,
                         struct rollup_todo *todo, struct kfq_err *err)
{
	for (int y = d->y0; y <= d->y1; y++) {
		for (size_t f = 0; f < F_N; f++) {
			struct indicator ind = { .id = ids[f] };
			rollup_todo_data(todo, &ind, y);
		}
		for (size_t k = 0; k < d->nu; k++) {
			const struct unit_figs *u = &d->u[k];
			for (int m = 1; m <= 12; m++)
				for (size_t f = 0; f < F_N; f++) {
					dec v = u->v[y - d->y0][m][f];
					int r = f == F_LEVERAGE ? 0 : 1;
					int stock = f <= F_OUTSTANDING || f == F_LEVERAGE || f == F_DEFAULT_RATE;
					int fund = f < F_MEETINGS;
					if (fund && (!u->fund || (!u->has[y - d->y0][m] &&
					                             (stock || f >= F_LEVERAGE))))
						continue;   /* a unit without a fund, or before it began */
					if (f == F_LEVERAGE || f == F_DEFAULT_RATE) {
						dec den = u->den[y - d->y0][m][r];
						if (den <= 0)
							continue;
						v = percent(u->num[y - d->y0][m][r], den);
					}
					if (obs_month_set(db, ids[f], y, u->unit, m, v, 0, err) < 0)
						return kfq_err_prefix(err, "writing finance figures");
				}
		}
	}
	return 0;
}

/* The ids of the indicators, and their stored figures cleared (the years
 * noted in todo). */
static int clear_figures(struct kfq_db *db, int64_t ids[F_N], struct rollup_todo *todo,
                         struct kfq_err *err)
{
	for (size_t i = 0; i < F_N; i++) {
		struct kfq_stmt *st;
		int rc;
		if (db_prepare(db, "SELECT id FROM indicator WHERE code = ?", &st, err) < 0)
			return -1;
		st_bind_text(st, 1, INDICATORS[i].code);
		ids[i] = (rc = st_step(st)) == ST_ROW ? st_i64(st, 0) : 0;
		st_finalize(st);
		if (rc == ST_ERROR)
			return db_fault(db, err, "reading finance indicators");
		if (!ids[i])
			return kfq_fault(err, "indicator \"%s\" is missing", INDICATORS[i].code);
		if (db_prepare(db, "SELECT DISTINCT year FROM obs WHERE ind_id = ?", &st, err) < 0)
			return -1;
		st_bind_i64(st, 1, ids[i]);
		while ((rc = st_step(st)) == ST_ROW) {
			struct indicator d = { .id = ids[i] };
			rollup_todo_data(todo, &d, st_int(st, 0));
		}
		st_finalize(st);
		if (rc != ST_DONE)
			return db_fault(db, err, "reading finance figures");
		if (db_prepare(db, "DELETE FROM obs WHERE ind_id = ?", &st, err) < 0)
			return -1;
		st_bind_i64(st, 1, ids[i]);
		rc = st_step(st);
		st_finalize(st);
		if (rc != ST_DONE)
			return db_fault(db, err, "clearing finance figures");
	}
	return 0;
}

int fin_derive(struct kfq_db *db, struct rollup_todo *todo, struct kfq_err *err)
{
	struct derive d = { 0 };
	int64_t ids[F_N], root = 0, *funds = NULL;
	size_t nf = 0, fcap = 0;
	struct kfq_stmt *st;
	int rc;

	if (clear_figures(db, ids, todo, err) < 0 || year_span(db, &d.y0, &d.y1, err) < 0)
		return -1;
	if (!d.y0)
		return 0;
	if (db_prepare(db, "SELECT id FROM unit WHERE parent_id IS NULL ORDER BY id LIMIT 1", &st,
	               err) < 0)
		return -1;
	if ((rc = st_step(st)) == ST_ROW)
		root = st_i64(st, 0);
	st_finalize(st);
	if (rc == ST_ERROR)
		return db_fault(db, err, "reading the unit tree");
	if (db_prepare(db, "SELECT id FROM fin_fund ORDER BY id", &st, err) < 0)
		return -1;
	while ((rc = st_step(st)) == ST_ROW) {
		XGROW(funds, nf + 1, fcap);
		funds[nf++] = st_i64(st, 0);
	}
	st_finalize(st);
	rc = rc == ST_DONE ? 0 : db_fault(db, err, "reading the funds");
	for (size_t i = 0; rc == 0 && i < nf; i++) {
		struct fin_fund_mem f;
		if ((rc = fin_fund_load(db, funds[i], &f, err)) == 0)
			rc = fund_figures(&d, &f, err);
		fin_fund_mem_release(&f);
	}
	if (rc == 0 && root && (rc = matching_figures(db, &d, root, err)) == 0)
		rc = matching_up(db, &d, err);
	if (rc == 0)
		rc = write_figures(db, ids, &d, todo, err);
	for (size_t i = 0; i < d.nu; i++) {
		free(d.u[i].v);
		free(d.u[i].num);
		free(d.u[i].den);
		free(d.u[i].has);
	}
	free(d.u);
	free(funds);
	return rc;
}
