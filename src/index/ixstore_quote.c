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

int ix_quote_put(struct kfq_db *db, const struct ix_quote_row *r, int64_t import_id,
                 int *changed, struct kfq_err *err)
{
	static const char SQL_ITEM[] =
		"SELECT i.id, u.code FROM ix_item i JOIN unit u ON u.id = i.unit_id WHERE i.code = ?";
	static const char SQL_OTHER[] =
		"SELECT count(*) FROM ix_quote WHERE item_id = ?1 AND year = ?2 AND month = ?3 AND "
		"(CASE WHEN ?4 = 0 THEN day > 0 ELSE day = 0 END)";
	static const char SQL_GET[] =
		"SELECT price, sales FROM ix_quote WHERE item_id = ? AND year = ? AND month = ? AND day = ?";
	static const char SQL_PUT[] =
		"INSERT INTO ix_quote(item_id, year, month, day, price, sales, import_id) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT(item_id, year, month, day) "
		"DO UPDATE SET price = ?5, sales = ?6, import_id = ?7";
	struct kfq_stmt *st;
	int64_t item = 0, other;
	int y, m, d = 0, exists = 0, has_sales = ixs_nz(r->sales) != NULL, had_sales = 0, step;
	char reporter[128] = "", period[16];
	dec price, sales = 0, was_price = 0, was_sales = 0;
	struct date dt;
	struct kfq_err e;

	if (ixs_need("item", r->item, "an item code", err) < 0)
		return -1;
	if (db_cached(db, SQL_ITEM, &st, err) < 0)
		return -1;
	st_bind_text(st, 1, r->item);
	if ((step = ixs_step(st, "reading index items", err)) < 0)
		return -1;
	if (step == ST_ROW) {
		item = st_i64(st, 0);
		snprintf(reporter, sizeof reporter, "%s", st_text(st, 1));
	}
	st_reset(st);
	if (!item)
		return kfq_error(err, "column \"item\": unknown item \"%s\" (expected an item of the "
		                 "sample; import index-items first)", r->item);
	if (ixs_need("period", r->period, "a month 2017-03 or a date 2017-03-08", err) < 0)
		return -1;
	/* a month first: date_parse would take 201703 for an Excel day number */
	{
		struct period p;
		if (period_parse(r->period, &p, &e) == 0 && p.kind == PERIOD_MONTH) {
			y = p.year;
			m = p.first;
			snprintf(period, sizeof period, "%04d-%02d", y, m);
		} else if (date_parse(r->period, &dt, &e) == 0) {
			y = dt.year;
			m = dt.month;
			d = dt.day;
			snprintf(period, sizeof period, "%04d-%02d-%02d", y, m, d);
		} else {
			return kfq_error(err, "column \"period\": \"%s\" (expected a month 2017-03 for the "
			                 "month's price, or a date 2017-03-08 for a weekly quote)", r->period);
		}
	}
	if (ixs_parse_amount("price", r->price, r->price_shift, 0, "a price > 0", &price, err) < 0)
		return -1;
	if (has_sales &&
	    ixs_parse_amount("sales", r->sales, r->sales_shift, 1, "a sales value ≥ 0", &sales, err) < 0)
		return -1;
	if (db_cached(db, SQL_OTHER, &st, err) < 0)
		return -1;
	st_bind_i64(st, 1, item);
	st_bind_int(st, 2, y);
	st_bind_int(st, 3, m);
	st_bind_int(st, 4, d);
	if ((step = ixs_step(st, "reading price quotes", err)) < 0)
		return -1;
	other = step == ST_ROW ? st_i64(st, 0) : 0;
	st_reset(st);
	if (other)
		return kfq_error(err, "column \"period\": \"%s\": item %s has %s for %04d-%02d (expected "
		                 "either a monthly price or weekly quotes in a month, not both)",
		                 r->period, r->item, d ? "a monthly price" : "weekly quotes", y, m);
	if (db_cached(db, SQL_GET, &st, err) < 0)
		return -1;
	st_bind_i64(st, 1, item);
	st_bind_int(st, 2, y);
	st_bind_int(st, 3, m);
	st_bind_int(st, 4, d);
	if ((step = ixs_step(st, "reading price quotes", err)) < 0)
		return -1;
	if (step == ST_ROW) {
		exists = 1;
		was_price = st_i64(st, 0);
		had_sales = !st_null(st, 1);
		was_sales = st_i64(st, 1);
	}
	st_reset(st);
	*changed = !exists ? 1
	           : was_price != price || had_sales != has_sales || was_sales != sales ? 2 : 0;
	if (!*changed)
		return 0;
	if (db_cached(db, SQL_PUT, &st, err) < 0)
		return -1;
	st_bind_i64(st, 1, item);
	st_bind_int(st, 2, y);
	st_bind_int(st, 3, m);
	st_bind_int(st, 4, d);
	st_bind_i64(st, 5, price);
	if (has_sales)
		st_bind_i64(st, 6, sales);
	if (import_id)
		st_bind_i64(st, 7, import_id);
	if (st_step(st) != ST_DONE) {
		db_fault(db, err, "writing a price quote");
		st_reset(st);
		return -1;
	}
	st_reset(st);
	if (*changed == 2) {
		struct sbuf n;
		char a[48], b[48];
		int rc;
		sbuf_init(&n);
		sbuf_addf(&n, "item %s", r->item);
		if (was_price != price) {
			ixs_fmt_dec(was_price, a, sizeof a);
			ixs_fmt_dec(price, b, sizeof b);
			sbuf_addf(&n, ": price(元) %s → %s", a, b);
		}
		if (had_sales != has_sales || was_sales != sales) {
			a[0] = b[0] = '\0';
			if (had_sales)
				ixs_fmt_dec(was_sales, a, sizeof a);
			if (has_sales)
				ixs_fmt_dec(sales, b, sizeof b);
			sbuf_addf(&n, "%ssales(元) %s → %s", was_price != price ? "; " : ": ", a, b);
		}
		rc = ixs_add_history(db, "quote", reporter, period, &was_price, &price, n.buf, r->source, err);
		sbuf_release(&n);
		return rc;
	}
	return 0;
}

