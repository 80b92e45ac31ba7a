/* lead_funnel.c: kfq lead funnel: the funnel of the pipeline's stages on
 * a day: how many leads reached each stage, the share that went on to the
 * next, and the median days it took them. It reads the stage records
 * itself (the funnel is not an indicator); the dispatcher and the shared
 * helpers are lead.c's (lead_cmd.h), and nothing but the dispatcher uses
 * this file. Depends on libkfq. */
#include "cli/lead_cmd.h"
#include "base/xalloc.h"
#include "lead/lead.h"

#include <stdlib.h>

struct stage_rec {
	int64_t lead;
	int stage;
	struct date d;
};

static int cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;
	return (x > y) - (x < y);
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

enum { F_STAGE, F_LEADS, F_CONV, F_DAYS, F_N };
static const char *const F_KEYS[F_N] = { "stage", "leads", "conversion", "median_days" };
static const char *const F_HEADS[F_N] = { "阶段", "项目数", "转入下一阶段(%)",
                                          "转入下一阶段天数(中位数)" };

int lead_sub_funnel(struct lctx *x)
{
	struct stage_rec *r = NULL;
	size_t n = 0, cap = 0;
	long reached[LS_N] = { 0 }, moved[LS_N] = { 0 };
	long *days[LS_N] = { NULL };
	struct kfq_stmt *st;
	struct grid g;
	char iso[16];
	int rc;

	date_format(&x->day, iso, sizeof iso);
	if (db_prepare(x->cli->db, "SELECT lead_id, stage, date FROM lead_stage WHERE date <= ? "
	               "ORDER BY lead_id, date, id", &st, &x->cli->err) < 0)
		return -1;
	st_bind_text(st, 1, iso);
	while ((rc = st_step(st)) == ST_ROW) {
		XGROW(r, n + 1, cap);
		r[n].lead = st_i64(st, 0);
		r[n].stage = lead_stage_parse(st_text(st, 1));
		if (r[n].stage < 0 ||
		    date_parse(st_text(st, 2), &r[n].d, &x->cli->err) < 0)
			continue;   /* the schema's checks keep these out */
		n++;
	}
	st_finalize(st);
	if (rc != ST_DONE) {
		free(r);
		return db_fault(x->cli->db, &x->cli->err, "reading lead stages");
	}
	for (int s = 0; s < LS_N; s++)
		days[s] = xmalloc((n + 1) * sizeof **days);
	for (size_t a = 0, b; a < n; a = b) {
		for (b = a; b < n && r[b].lead == r[a].lead; b++)
			;
		for (int s = 0; s < LS_N; s++) {
			const struct date *in = entered(r, a, b, s, NULL), *next;
			if (!in)
				continue;
			reached[s]++;
			if (s + 1 >= LS_DROPPED || !(next = entered(r, a, b, s + 1, in)))
				continue;
			days[s][moved[s]++] = date_days(in, next);
		}
	}
	grid_init(&g, F_N, F_KEYS, x->f == GRID_TABLE ? F_HEADS : F_KEYS);
	for (int k = F_LEADS; k < F_N; k++)
		grid_numeric(&g, (size_t)k);
	for (int s = 0; s < LS_N; s++) {
		int64_t t;
		grid_row(&g);
		grid_set(&g, F_STAGE, lead_stage_text(x, s));
		grid_setf(&g, F_LEADS, "%ld", reached[s]);
		if (s + 1 >= LS_DROPPED)
			continue;
		if (dec_percent_tenths(moved[s], reached[s], &t) == 0)
			lead_put_tenths(&g, F_CONV, t);
		if (moved[s]) {
			long m = moved[s];
			qsort(days[s], (size_t)m, sizeof **days, cmp_long);
			t = m % 2 ? days[s][m / 2] * 10 : (days[s][m / 2 - 1] + days[s][m / 2]) * 5;
			lead_put_tenths(&g, F_DAYS, t);
		}
	}
	if (x->f == GRID_TABLE)
		fprintf(x->cli->out, "招商引资漏斗（截至 %s）\n\n", iso);
	grid_write(&g, x->f, x->cli->out);
	grid_release(&g);
	for (int s = 0; s < LS_N; s++)
		free(days[s]);
	free(r);
	return 0;
}
