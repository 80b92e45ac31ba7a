/* history_grid.c: the change history as a grid (see history_grid.h). */
#include "report/history_grid.h"

#include "base/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { H_AT, H_WHO, H_KIND, H_UNIT, H_IND, H_PERIOD, H_OLD, H_NEW, H_NOTE, H_SOURCE,
       H_MEASURE, H_NCOLS };
static const char *const KEYS[H_NCOLS] = {
	"at", "who", "kind", "unit", "indicator", "period", "old_value", "new_value", "note", "source",
	"measure",
};
static const char *const HEADS[H_NCOLS] = {
	"时间", "操作人", "类别", "单位", "指标", "期间", "原值", "新值", "说明", "来源", "计量单位",
};

int history_tz_parse(const char *s, int *minutes)
{
	int sign, h = 0, m = 0, n = 0;
	if (!s || (*s != '+' && *s != '-'))
		return -1;
	sign = *s++ == '-' ? -1 : 1;
	if (sscanf(s, "%2d%n", &h, &n) != 1)
		return -1;
	s += n;
	if (*s == ':' && sscanf(s + 1, "%2d%n", &m, &n) == 1 && n == 2)
		s += 3;
	if (*s || h > 14 || m > 59)
		return -1;
	*minutes = sign * (h * 60 + m);
	return 0;
}

void history_local_time(const char *at, int tz_minutes, char *buf, size_t n)
{
	struct date d, back;
	struct kfq_err err;
	int hh, mm, ss;
	char day[11];
	long secs;
	if (!at || strlen(at) != 20 || at[10] != 'T' || at[19] != 'Z' ||
	    sscanf(at + 11, "%2d:%2d:%2d", &hh, &mm, &ss) != 3) {
		snprintf(buf, n, "%s", at ? at : "");
		return;
	}
	snprintf(day, sizeof day, "%.10s", at);
	if (date_parse(day, &d, &err) < 0) {
		snprintf(buf, n, "%s", at);
		return;
	}
	secs = (long)hh * 3600 + mm * 60 + ss + (long)tz_minutes * 60;
	back = date_add_days(&d, secs < 0 ? -1 : secs >= 86400 ? 1 : 0);
	secs = (secs % 86400 + 86400) % 86400;
	date_format(&back, day, sizeof day);
	snprintf(buf, n, "%s %02ld:%02ld:%02ld", day, secs / 3600, secs / 60 % 60, secs % 60);
}

/* A value in its indicator's measure (the base unit when there is none). */
static void put_value(struct grid *g, size_t col, int has, dec v, const struct indicator *d)
{
	char buf[64];
	if (!has)
		return;
	dec_format(v, d ? d->measure->shift : 0, -1, buf, sizeof buf);
	grid_set(g, col, buf);
}

int history_build(struct kfq_db *db, const struct kfq_model *m, const struct history_query *q,
                  int heads, int tz_minutes, struct grid *g, struct kfq_err *err)
{
	struct history_list l;
	if (history_read(db, q, &l, err) < 0) {
		history_list_release(&l);
		return -1;
	}
	grid_init(g, H_NCOLS, KEYS, heads ? HEADS : KEYS);
	for (size_t i = 0; i < l.n; i++) {
		const struct history_row *r = &l.v[i];
		long k = r->indicator ? indicators_find(&m->inds, r->indicator) : -1;
		const struct indicator *d = k >= 0 ? &m->inds.v[k] : NULL;
		grid_row(g);
		if (heads) {
			char at[32];
			history_local_time(r->at, tz_minutes, at, sizeof at);
			grid_set(g, H_AT, at);
		} else {
			grid_set(g, H_AT, r->at);
		}
		grid_set(g, H_WHO, r->who);
		grid_set(g, H_KIND, r->kind);
		grid_set(g, H_UNIT, r->unit);
		grid_set(g, H_IND, r->indicator);
		grid_set(g, H_PERIOD, r->period);
		put_value(g, H_OLD, r->has_old, r->old_value, d);
		put_value(g, H_NEW, r->has_new, r->new_value, d);
		grid_set(g, H_NOTE, r->note);
		grid_set(g, H_SOURCE, r->source);
		if (d && (r->has_old || r->has_new))
			grid_set(g, H_MEASURE, d->measure->name);
	}
	history_list_release(&l);
	return 0;
}
