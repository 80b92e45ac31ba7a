/* index_grid.c: the index series as a grid (see index_grid.h). */
#include "report/index_grid.h"
#include "index/priceindex.h"

#include <stdio.h>

void index_fmt(char *buf, size_t n, double x, int decimals)
{
	double r = pi_round(x, decimals);
	if (r == 0)
		r = 0;   /* no "-0.0" */
	snprintf(buf, n, "%.*f", decimals, r);
}

enum { V_PERIOD, V_LEVEL, V_MOM, V_YOY, V_PUBLISHED, V_REVISION, V_N };
static const char *const V_KEYS[V_N] = { "period", "level", "mom", "yoy", "published",
                                         "revision" };
static const char *const V_HEADS[V_N] = { "期间", "指数", "环比(%)", "同比(%)", "已发布",
                                          "修订" };

void index_series_grid(const struct ixcalc_point *v, size_t n, int people, struct grid *g)
{
	char buf[32];
	grid_init(g, V_N, V_KEYS, people ? V_HEADS : V_KEYS);
	for (int k = V_LEVEL; k < V_N; k++)
		grid_numeric(g, (size_t)k);
	for (size_t i = 0; i < n; i++) {
		grid_row(g);
		grid_setf(g, V_PERIOD, "%04d-%02d", v[i].year, v[i].month);
		index_fmt(buf, sizeof buf, v[i].level, 2);
		grid_set(g, V_LEVEL, buf);
		if (v[i].has_mom) {
			index_fmt(buf, sizeof buf, v[i].mom, 1);
			grid_set(g, V_MOM, buf);
		}
		if (v[i].has_yoy) {
			index_fmt(buf, sizeof buf, v[i].yoy, 1);
			grid_set(g, V_YOY, buf);
		}
		if (people)
			grid_set(g, V_PUBLISHED, v[i].published ? "是" : "");
		else
			grid_setf(g, V_PUBLISHED, "%d", v[i].published);
		grid_setf(g, V_REVISION, "%d", v[i].revision);
	}
}
