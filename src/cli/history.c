/* history.c: kfq history [--unit CODE] [--indicator CODE] [--period P]
 * [--limit N] [--format F]: the append-only change history, newest first,
 * values in each indicator's measure. */
#include "cli/cli.h"
#include "base/period.h"
#include "model/model.h"
#include "report/bulletin.h"
#include "report/grid.h"

#include <stdlib.h>
#include <string.h>

const struct opt HISTORY_OPTS[] = {
	{ "unit", "CODE", "only this unit" },
	{ "indicator", "CODE", "only this indicator" },
	{ "period", "P", "only this period" },
	{ "limit", "N", "at most N entries (default 100)" },
	{ "format", "F", "table, csv or json" },
	{ NULL, NULL, NULL },
};

enum { H_AT, H_WHO, H_KIND, H_UNIT, H_IND, H_PERIOD, H_OLD, H_NEW, H_NOTE, H_SOURCE, H_NCOLS };
static const char *const KEYS[H_NCOLS] = {
	"at", "who", "kind", "unit", "indicator", "period", "old_value", "new_value", "note", "source",
};
static const char *const HEADS[H_NCOLS] = {
	"时间", "操作人", "类别", "单位", "指标", "期间", "原值", "新值", "说明", "来源",
};

static void put_value(struct grid *g, size_t col, struct kfq_stmt *st, int i,
                      const struct indicator *d)
{
	char buf[64];
	if (st_null(st, i))
		return;
	if (d)
		dec_format(st_i64(st, i), d->measure->shift, -1, buf, sizeof buf);
	else
		dec_format(st_i64(st, i), 0, -1, buf, sizeof buf);
	grid_set(g, col, buf);
}

int cmd_history(struct cli *cli, const struct optv *ov)
{
	const struct cmd *c = cmd_find("history");
	const char *lim = opt_get(c, ov, "limit"), *ps = opt_get(c, ov, "period");
	struct kfq_model m;
	enum grid_format f;
	struct kfq_stmt *st;
	struct grid g;
	char per[32] = "";
	long limit = 100;
	int rc;

	if (grid_parse_format(opt_get(c, ov, "format"), 0, &f, &cli->err) < 0)
		return cli_fail(cli);
	if (lim) {
		char *end;
		limit = strtol(lim, &end, 10);
		if (*end || limit <= 0) {
			kfq_error(&cli->err, "history: --limit \"%s\" (expected a positive number)", lim);
			return cli_fail(cli);
		}
	}
	if (ps) {
		struct period p;
		if (period_parse(ps, &p, &cli->err) < 0)
			return cli_fail(cli);
		period_format(&p, per, sizeof per);
	}
	if (model_load(cli->db, &m, &cli->err) < 0)
		return cli_fail(cli);
	if (db_prepare(cli->db, "SELECT at, who, kind, unit, indicator, period, old_value, new_value, "
	               "note, source FROM history WHERE (?1 IS NULL OR unit = ?1) AND "
	               "(?2 IS NULL OR indicator = ?2) AND (?3 IS NULL OR period = ?3) "
	               "ORDER BY id DESC LIMIT ?4", &st, &cli->err) < 0) {
		model_release(&m);
		return cli_fail(cli);
	}
	if (opt_get(c, ov, "unit"))
		st_bind_text(st, 1, opt_get(c, ov, "unit"));
	if (opt_get(c, ov, "indicator"))
		st_bind_text(st, 2, opt_get(c, ov, "indicator"));
	if (ps)
		st_bind_text(st, 3, per);
	st_bind_i64(st, 4, limit);
	grid_init(&g, H_NCOLS, KEYS, f == GRID_TABLE ? HEADS : KEYS);
	while ((rc = st_step(st)) == ST_ROW) {
		const char *ic = st_text(st, 4);
		long i = ic ? indicators_find(&m.inds, ic) : -1;
		const struct indicator *d = i >= 0 ? &m.inds.v[i] : NULL;
		grid_row(&g);
		for (int k = 0; k < H_NCOLS; k++)
			if (k != H_OLD && k != H_NEW)
				grid_set(&g, (size_t)k, st_text(st, k));
		put_value(&g, H_OLD, st, H_OLD, d);
		put_value(&g, H_NEW, st, H_NEW, d);
	}
	st_finalize(st);
	if (rc == ST_DONE)
		grid_write(&g, f, cli->out);
	else
		db_fault(cli->db, &cli->err, "reading history");
	grid_release(&g);
	model_release(&m);
	return rc == ST_DONE ? EXIT_OK : cli_fail(cli);
}
