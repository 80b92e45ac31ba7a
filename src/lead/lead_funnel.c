/* lead_funnel.c: the funnel of the pipeline's stages on a day (see
 * lead_query.h): per stage, how many leads reached it by the day, the share
 * of them that went on to the next stage, and the median days that took.
 * The funnel is not an indicator: it is read from the dated stage records.
 * A lead counts once per stage it reached, at its first arrival there; it
 * moved on when it reached the next stage on or after that day (a lead
 * that went back and forth counts once). Started and dropped have no next
 * stage. Reads and changes nothing. Depends on base, store and lead.h;
 * never on a front end. */
#include "lead/lead_query.h"
#include "base/xalloc.h"

#include <stdlib.h>
#include <string.h>

struct stage_rec {
	int64_t lead;
	int stage;
	struct date d;
};

/* Every stage record dated on or before day, by lead and date. */
static int read_stages(struct kfq_db *db, const struct date *day, struct stage_rec **out,
                       size_t *n, struct kfq_err *err)
{
	struct kfq_stmt *st;
	char iso[16];
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	date_format(day, iso, sizeof iso);
	if (db_prepare(db, "SELECT lead_id, stage, date FROM lead_stage WHERE date <= ? "
	               "ORDER BY lead_id, date, id", &st, err) < 0)
		return -1;
	st_bind_text(st, 1, iso);
	while ((rc = st_step(st)) == ST_ROW) {
		struct stage_rec *r;
		struct kfq_err e = { 0 };
		const char *s = st_text(st, 1), *d = st_text(st, 2);
		XGROW(*out, *n + 1, cap);
		r = &(*out)[*n];
		r->lead = st_i64(st, 0);
		/* the schema and lead_stage_put keep other stages and dates out */
		if ((r->stage = lead_stage_parse(s ? s : "")) < 0 || date_parse(d ? d : "", &r->d, &e) < 0) {
			kfq_fault(err, "reading lead stages: a stored stage \"%s\" on \"%s\" is none",
			          s ? s : "", d ? d : "");
			break;
		}
		(*n)++;
	}
	if (rc == ST_ERROR)
		db_fault(db, err, "reading lead stages");
	st_finalize(st);
	return rc == ST_DONE ? 0 : -1;
}

/* The first day lead's records [a, b) entered stage s on or after `after`
 * (NULL: any day); NULL when it did not. */
static const struct date *entered(const struct stage_rec *r, size_t a, size_t b, int s,
                                  const struct date *after)
{
	for (size_t i = a; i < b; i++)   /* in date order */
		if (r[i].stage == s && (!after || date_cmp(&r[i].d, after) >= 0))
			return &r[i].d;
	return NULL;
}

static int cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;
	return (x > y) - (x < y);
}

/* The median of days[0 .. n) (n > 0, sorted here) in tenths of a day:
 * the middle one, or the mean of the middle two. */
static int64_t median_tenths(long *days, long n)
{
	qsort(days, (size_t)n, sizeof *days, cmp_long);
	return n % 2 ? (int64_t)days[n / 2] * 10 : ((int64_t)days[n / 2 - 1] + days[n / 2]) * 5;
}

int lead_funnel(const struct kfq_ctx *cx, struct kfq_db *db, const struct lead_funnel_req *req,
                struct lead_funnel_res *out, struct kfq_err *err)
{
	struct stage_rec *r;
	long *days[LS_N];
	size_t n;

	memset(out, 0, sizeof *out);
	out->day = req->date.year ? req->date : cx->today;
	if (read_stages(db, &out->day, &r, &n, err) < 0) {
		free(r);
		return -1;
	}
	for (int s = 0; s < LS_N; s++)
		days[s] = xmalloc((n + 1) * sizeof **days);
	for (size_t a = 0, b; a < n; a = b) {
		for (b = a; b < n && r[b].lead == r[a].lead; b++)
			;
		for (int s = 0; s < LS_N; s++) {
			struct lead_funnel_stage *f = &out->stage[s];
			const struct date *in = entered(r, a, b, s, NULL), *next;
			if (!in)
				continue;
			f->reached++;
			if (s + 1 >= LS_DROPPED || !(next = entered(r, a, b, s + 1, in)))
				continue;
			days[s][f->moved++] = date_days(in, next);
		}
	}
	for (int s = 0; s < LS_N; s++) {
		struct lead_funnel_stage *f = &out->stage[s];
		if (s + 1 < LS_DROPPED)   /* started and dropped lead nowhere */
			f->has_conversion = dec_percent_tenths(f->moved, f->reached, &f->conversion) == 0;
		if ((f->has_median = f->moved > 0))
			f->median_days = median_tenths(days[s], f->moved);
		free(days[s]);
	}
	free(r);
	return 0;
}
