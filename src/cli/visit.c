/* visit.c: kfq visit stats --period P [--campaign X]: the visiting
 * campaign (暖企惠民大走访) in a period: the enterprises and households
 * visited (each once), the visits, and the problems raised at them (merged
 * duplicates excluded). Over a year these are the published
 * visited_enterprises and visited_households; over a shorter period they
 * count that period's visits only. Reads the visit records and changes
 * nothing. Depends on libkfq. */
#include "cli/cli.h"
#include "base/date.h"
#include "base/period.h"
#include "report/grid.h"

#include <string.h>

const struct opt VISIT_OPTS[] = {
	{ "period", "P", "stats: the period (2017, 2017Q1, 2017-03, 2017年1-8月 ...)" },
	{ "campaign", "X", "stats: only the visits of this campaign" },
	{ "format", "F", "table, csv or json" },
	{ NULL, NULL, NULL },
};

static const struct subcmd SUBS[] = {
	{ "stats", 0, { "period", "campaign", "format", NULL } },
};

enum { V_PERIOD, V_ENT, V_HH, V_VISITS, V_CASES, V_N };
static const char *const V_KEYS[V_N] = {
	"period", "enterprises", "households", "visits", "cases_raised",
};
static const char *const V_HEADS[V_N] = {
	"期间", "走访企业(家)", "走访群众(户)", "走访(次)", "收集问题(件)",
};

/* ?1, ?2: the period's first and last day; ?3: the campaign or NULL. */
static const char SQL_VISITS[] =
	"SELECT count(DISTINCT unit_id), count(DISTINCT household_id), count(*), "
	"(SELECT count(*) FROM kase k JOIN visit w ON w.id = k.visit_id WHERE k.raised BETWEEN ?1 "
	"AND ?2 AND k.status <> 'merged' AND (?3 IS NULL OR w.campaign = ?3)) "
	"FROM visit WHERE date BETWEEN ?1 AND ?2 AND (?3 IS NULL OR campaign = ?3)";

static int visit_stats(struct cli *cli, const struct cmd *c, const struct optv *ov,
                       enum grid_format f)
{
	static const char *const KV[2] = { "figure", "value" }, *const KV_ZH[2] = { "指标", "数值" };
	const char *ps = opt_get(c, ov, "period"), *campaign = opt_get(c, ov, "campaign");
	char from[16], to[16], label[64];
	struct period p;
	struct kfq_stmt *st;
	struct grid g;
	int rc;

	if (!ps)
		return kfq_error(&cli->err, "visit stats: --period is required (%s)", PERIOD_FORMS);
	if (period_parse(ps, &p, &cli->err) < 0)
		return kfq_err_prefix(&cli->err, "visit stats: --period");
	snprintf(from, sizeof from, "%04d-%02d-01", p.year, p.first);
	snprintf(to, sizeof to, "%04d-%02d-%02d", p.year, p.last, date_month_days(p.year, p.last));
	if (db_prepare(cli->db, SQL_VISITS, &st, &cli->err) < 0)
		return -1;
	st_bind_text(st, 1, from);
	st_bind_text(st, 2, to);
	if (campaign)
		st_bind_text(st, 3, campaign);
	if ((rc = st_step(st)) != ST_ROW) {
		st_finalize(st);
		return db_fault(cli->db, &cli->err, "reading visits");
	}
	if (f == GRID_TABLE) {
		period_label_zh(&p, label, sizeof label);
		fprintf(cli->out, "走访（%s%s%s）\n\n", label, campaign ? "，" : "",
		        campaign ? campaign : "");
		grid_init(&g, 2, KV, KV_ZH);
		grid_numeric(&g, 1);
		for (int k = V_ENT; k < V_N; k++) {
			grid_row(&g);
			grid_set(&g, 0, V_HEADS[k]);
			grid_setf(&g, 1, "%lld", (long long)st_i64(st, k - V_ENT));
		}
	} else {
		grid_init(&g, V_N, V_KEYS, V_KEYS);
		grid_row(&g);
		period_format(&p, label, sizeof label);
		grid_set(&g, V_PERIOD, label);
		for (int k = V_ENT; k < V_N; k++) {
			grid_numeric(&g, (size_t)k);
			grid_setf(&g, (size_t)k, "%lld", (long long)st_i64(st, k - V_ENT));
		}
	}
	st_finalize(st);
	grid_write(&g, f, cli->out);
	grid_release(&g);
	return 0;
}

int cmd_visit(struct cli *cli, const struct optv *ov)
{
	const struct cmd *c = cmd_find("visit");
	enum grid_format f;
	if (subcmd_find(c, ov, SUBS, sizeof SUBS / sizeof SUBS[0], &cli->err) < 0 ||
	    grid_parse_format(opt_get(c, ov, "format"), 0, &f, &cli->err) < 0 ||
	    visit_stats(cli, c, ov, f) < 0)
		return cli_fail(cli);
	return EXIT_OK;
}
