/* findings.c: kfq findings list|show|explain|close: the findings of the validation
 * rules (quality/finding.h): listed by status, period, unit, rule and
 * severity; one in full; one explained (every value its check read);
 * closed as confirmed with a reason. Depends on
 * libkfq. */
#include "cli/cli.h"
#include "quality/finding.h"
#include "report/quality_grid.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

static const char *const STATUS[] = { "open", "closed", "all", NULL };
static const char *const STATUS_ZH[] = { "未关闭", "已关闭", "全部", NULL };
static const char *const SEVERITY[] = { "error", "warning", NULL };
static const char *const SEVERITY_ZH[] = { "错误", "警告", NULL };

struct findings_args {
	struct cli_args h;
	int status, severity;
	struct period period;
	const char *unit, *rule, *note;
	int format;   /* enum grid_format */
};

#define A struct findings_args
static const struct optdef OPTS[] = {
	OPTION_CHOICE("status", A, status, "S", "list: open (default), closed or all", STATUS,
	  STATUS_ZH),
	OPTION_CHOICE("severity", A, severity, "S", "list: only error or only warning", SEVERITY,
	  SEVERITY_ZH),
	OPTION("period", OPT_PERIOD, A, period, "P", "list: only the months of this period"),
	OPTION("unit", OPT_TEXT, A, unit, "CODE", "list: only this unit and the units under it"),
	OPTION("rule", OPT_TEXT, A, rule, "CODE", "list: only this rule's"),
	OPTION("note", OPT_TEXT, A, note, "T", "close: why the value stands (required)"),
	OPTION_CHOICE("format", A, format, "F", "the format; table by default", CLI_FORMATS, NULL),
	OPTION_END,
};
#undef A
static const struct findings_args DEFAULTS = { .h = { .sub = -1 }, .status = 0, .severity = -1,
                                               .format = GRID_TABLE };

static const struct subdef SUBS[] = {
	{ "list", NULL, { "status", "severity", "period", "unit", "rule", "format", NULL },
	  "the findings (open ones by default)" },
	{ "show", "ID", { "format", NULL }, "one finding in full" },
	{ "explain", "ID", { "format", NULL }, "why: the rule, every value its check read now (the "
	  "months or peers it compared with), the range and the verdict" },
	{ "close", "ID", { "!note", NULL }, "close a finding: the value is confirmed, for a reason" },
	{ NULL },
};

enum { SUB_LIST, SUB_SHOW, SUB_EXPLAIN, SUB_CLOSE };

static int parse_id(struct cli *cli, const char *s, int64_t *id)
{
	char *end;
	long long v;
	errno = 0;
	v = strtoll(s ? s : "", &end, 10);
	if (!s || end == s || *end || errno || v <= 0)
		return kfq_error(&cli->err, "findings: \"%s\" is not a finding's number (see kfq "
		                 "findings list)", s ? s : "");
	*id = v;
	return 0;
}

static int run(struct cli *cli, void *args)
{
	struct findings_args *a = args;
	enum grid_format f = (enum grid_format)a->format;
	int zh = f == GRID_TABLE && cli->cx.lang == KFQ_ZH;
	struct finding_query q = { 0 };
	struct finding_list l;
	struct grid g;
	int64_t id = 0;

	if (a->h.sub != SUB_LIST && parse_id(cli, a->h.pos[0], &id) < 0)
		return cli_fail(cli);
	if (a->h.sub == SUB_CLOSE) {
		if (finding_close(cli->db, &cli->cx, id, a->note, &cli->err) < 0) {
			cli_field(&cli->err);
			return cli_fail(cli);
		}
		cli_say(cli, "finding %" PRId64 " closed: the value is confirmed\n", id);
		return EXIT_OK;
	}
	if (a->h.sub == SUB_EXPLAIN) {
		struct finding_explanation e;
		if (finding_explain(cli->db, id, &e, &cli->err) < 0) {
			finding_explanation_release(&e);
			cli_field(&cli->err);
			return cli_fail(cli);
		}
		finding_explain_grid(&e, zh, &g);
		grid_write(&g, f, cli->out);
		grid_release(&g);
		finding_explanation_release(&e);
		return EXIT_OK;
	}
	if (a->h.sub == SUB_SHOW) {
		q.id = id;
	} else {
		q.status = a->status == 2 ? NULL : STATUS[a->status];
		q.severity = a->severity >= 0 ? SEVERITY[a->severity] : NULL;
		q.period = a->period.year ? &a->period : NULL;
		q.unit = a->unit;
		q.rule = a->rule;
	}
	if (finding_read(cli->db, &q, &l, &cli->err) < 0) {
		cli_field(&cli->err);
		return cli_fail(cli);
	}
	if (a->h.sub == SUB_SHOW) {
		if (!l.n) {
			finding_list_release(&l);
			kfq_error(&cli->err, "no finding %" PRId64 " (see kfq findings list)", id);
			return cli_fail(cli);
		}
		finding_show_grid(&l.v[0], zh, &g);
	} else {
		finding_grid(&l, zh, &g);
	}
	grid_write(&g, f, cli->out);
	grid_release(&g);
	finding_list_release(&l);
	return EXIT_OK;
}

const struct cmd CMD_FINDINGS = {
	{ "findings", NULL, "the findings of the validation rules: list, show, explain, close", 0, 0, OPTS,
	  SUBS, NULL, NULL },
	run, NEED_DB, sizeof(struct findings_args), &DEFAULTS,
};
