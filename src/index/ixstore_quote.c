/* ixstore_quote.c: price quotes in the store (see ixstore.h): the put of
 * one row of price-quotes, a month's price (YYYY-MM) or a weekly quote (a
 * date), never both in one month of an item; a changed price or sales
 * value kept in history under the item's reporter. Depends on base and
 * store; it must not depend on the computation (ixcalc). */
#include "index/ixstore_part.h"
#include "base/date.h"
#include "base/period.h"
#include "base/sbuf.h"

#include <stdio.h>
#include <string.h>

/* ---- quotes ---- */

/* A quote row read: its item, when, price and sales value. */
struct quote {
	int64_t item;
	char reporter[128];    /* the item's reporting unit, for history */
	int y, m, d;           /* d 0: the month's price; else a weekly quote */
	char period[16];       /* "2017-03" or "2017-03-08" */
	dec price, sales;
	int has_sales;
};

/* The stored quote of the same item and day, if any. */
struct quote_was {
	int exists, had_sales;
	dec price, sales;
};

/* The quote's item: known, with its reporter. */
static int quote_item(struct kfq_db *db, const struct ix_quote_row *r, struct quote *q,
                      struct kfq_err *err)
{
	static const char SQL_ITEM[] =
		"SELECT i.id, u.code FROM ix_item i JOIN unit u ON u.id = i.unit_id WHERE i.code = ?";
	struct kfq_stmt *st;
	int step;
	if (ixs_need("item", r->item, "an item code", err) < 0)
		return -1;
	if (db_cached(db, SQL_ITEM, &st, err) < 0)
		return -1;
	st_bind_text(st, 1, r->item);
	if ((step = ixs_step(st, "reading index items", err)) < 0)
		return -1;
	if (step == ST_ROW) {
		q->item = st_i64(st, 0);
		snprintf(q->reporter, sizeof q->reporter, "%s", st_text(st, 1));
	}
	st_reset(st);
	if (!q->item)
		return kfq_error_field(err, "item", "unknown item \"%s\" (expected an item of the "
		                       "sample; import index-items first)", r->item);
	return 0;
}

/* Column period: a month (the month's price) or a date (a weekly quote);
 * a month first: date_parse would take 201703 for an Excel day number. */
static int quote_period(const struct ix_quote_row *r, struct quote *q, struct kfq_err *err)
{
	struct period p;
	struct date dt;
	struct kfq_err e;
	if (ixs_need("period", r->period, "a month 2017-03 or a date 2017-03-08", err) < 0)
		return -1;
	if (period_parse(r->period, &p, &e) == 0 && p.kind == PERIOD_MONTH) {
		q->y = p.year;
		q->m = p.first;
		snprintf(q->period, sizeof q->period, "%04d-%02d", q->y, q->m);
	} else if (date_parse(r->period, &dt, &e) == 0) {
		q->y = dt.year;
		q->m = dt.month;
		q->d = dt.day;
		snprintf(q->period, sizeof q->period, "%04d-%02d-%02d", q->y, q->m, q->d);
	} else {
		return kfq_error_field(err, "period", "\"%s\" (expected a month 2017-03 for the "
		                       "month's price, or a date 2017-03-08 for a weekly quote)",
		                       r->period);
	}
	return 0;
}

/* The stored quotes of the item's month, in one query: a month of an item
 * has a monthly price or weekly quotes, not both (refused, naming what it
 * has); *w the quote of the same day, if any. One query, not two: on a
 * PostgreSQL server each is a round trip, for every row of the file. */
static int quote_stored(struct kfq_db *db, const struct ix_quote_row *r, const struct quote *q,
                        struct quote_was *w, struct kfq_err *err)
{
	static const char SQL_MONTH[] =
		"SELECT day, price, sales FROM ix_quote WHERE item_id = ? AND year = ? AND month = ?";
	struct kfq_stmt *st;
	int step, other = 0;
	memset(w, 0, sizeof *w);
	if (db_cached(db, SQL_MONTH, &st, err) < 0)
		return -1;
	st_bind_i64(st, 1, q->item);
	st_bind_int(st, 2, q->y);
	st_bind_int(st, 3, q->m);
	while ((step = ixs_step(st, "reading price quotes", err)) == ST_ROW) {
		int day = st_int(st, 0);
		if ((day == 0) != (q->d == 0))
			other = 1;
		if (day == q->d) {
			w->exists = 1;
			w->price = st_i64(st, 1);
			w->had_sales = !st_null(st, 2);
			w->sales = st_i64(st, 2);
		}
	}
	if (step < 0)   /* ixs_step reset it */
		return -1;
	st_reset(st);
	if (other)
		return kfq_error_field(err, "period", "\"%s\": item %s has %s for %04d-%02d "
		                       "(expected either a monthly price or weekly quotes in a "
		                       "month, not both)", r->period, r->item,
		                       q->d ? "a monthly price" : "weekly quotes", q->y, q->m);
	return 0;
}

static int quote_write(struct kfq_db *db, const struct quote *q, int64_t import_id,
                       struct kfq_err *err)
{
	static const char SQL_PUT[] =
		"INSERT INTO ix_quote(item_id, year, month, day, price, sales, import_id) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT(item_id, year, month, day) "
		"DO UPDATE SET price = ?5, sales = ?6, import_id = ?7";
	struct kfq_stmt *st;
	if (db_cached(db, SQL_PUT, &st, err) < 0)
		return -1;
	st_bind_i64(st, 1, q->item);
	st_bind_int(st, 2, q->y);
	st_bind_int(st, 3, q->m);
	st_bind_int(st, 4, q->d);
	st_bind_i64(st, 5, q->price);
	if (q->has_sales)
		st_bind_i64(st, 6, q->sales);
	if (import_id)
		st_bind_i64(st, 7, import_id);
	if (st_step(st) != ST_DONE) {
		db_fault(db, err, "writing a price quote");
		st_reset(st);
		return -1;
	}
	st_reset(st);
	return 0;
}

/* History of a changed quote: "item CODE: price(元) A → B; sales(元) C → D",
 * old and new price, under the item's reporter and the quote's period. */
static int quote_history(struct kfq_db *db, const struct ix_quote_row *r, const struct quote *q,
                         const struct quote_was *w, struct kfq_err *err)
{
	struct sbuf n;
	char a[48], b[48];
	int rc;
	sbuf_init(&n);
	sbuf_addf(&n, "item %s", r->item);
	if (w->price != q->price) {
		ixs_fmt_dec(w->price, a, sizeof a);
		ixs_fmt_dec(q->price, b, sizeof b);
		sbuf_addf(&n, ": price(元) %s → %s", a, b);
	}
	if (w->had_sales != q->has_sales || w->sales != q->sales) {
		a[0] = b[0] = '\0';
		if (w->had_sales)
			ixs_fmt_dec(w->sales, a, sizeof a);
		if (q->has_sales)
			ixs_fmt_dec(q->sales, b, sizeof b);
		sbuf_addf(&n, "%ssales(元) %s → %s", w->price != q->price ? "; " : ": ", a, b);
	}
	rc = ixs_add_history(db, "quote", q->reporter, q->period, &w->price, &q->price, n.buf,
	                     r->source, err);
	sbuf_release(&n);
	return rc;
}

int ix_quote_put(struct kfq_db *db, const struct ix_quote_row *r, int64_t import_id,
                 int *changed, struct kfq_err *err)
{
	struct quote q = { 0 };
	struct quote_was w;

	if (quote_item(db, r, &q, err) < 0 || quote_period(r, &q, err) < 0)
		return -1;
	if (ixs_parse_amount("price", r->price, r->price_shift, 0, "a price > 0", &q.price, err) < 0)
		return -1;
	q.has_sales = ixs_nz(r->sales) != NULL;
	if (q.has_sales && ixs_parse_amount("sales", r->sales, r->sales_shift, 1,
	                                    "a sales value ≥ 0", &q.sales, err) < 0)
		return -1;
	if (quote_stored(db, r, &q, &w, err) < 0)
		return -1;
	*changed = !w.exists ? 1
	           : w.price != q.price || w.had_sales != q.has_sales || w.sales != q.sales ? 2 : 0;
	if (!*changed)
		return 0;
	if (quote_write(db, &q, import_id, err) < 0)
		return -1;
	return *changed == 2 ? quote_history(db, r, &q, &w, err) : 0;
}
