/* kfq.c: main: global options, the command table, and the dispatcher that
 * checks each command's preconditions (an open database) once. */
#include "cli/cli.h"
#include "base/xalloc.h"

#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const struct cmd COMMANDS[] = {
	{ "init", cmd_init, CREATE_DB, 0, 0, "",
	  "create a database (or upgrade an old one in place)", INIT_OPTS, NULL },
	{ "import", cmd_import, NEED_DB, 2, 2, "KIND FILE",
	  "import units, indicators, groups, data or targets from CSV or XLSX, all or nothing",
	  IMPORT_OPTS,
	  "KIND is units, indicators, groups, data or targets. Formats: docs/formats.md.\n"
	  "If any row is bad nothing is written, and every bad row is named.\n" },
	{ "export", cmd_export, NEED_DB, 1, 1, "KIND",
	  "write units, indicators, groups, data or targets in the format import reads",
	  EXPORT_OPTS, NULL },
	{ "show", cmd_show, NEED_DB, 1, 1, "INDICATOR",
	  "the figures of an indicator for a unit and period", SHOW_OPTS,
	  "Columns: value, year to date, same period last year, growth, comparable growth\n"
	  "(同口径), target, completion, share of the parent, rank among siblings.\n" },
	{ "bulletin", cmd_bulletin, NEED_DB, 0, 0, "--period P",
	  "the monthly economic bulletin (经济运行简报) of the headline indicators",
	  BULLETIN_OPTS, NULL },
	{ "history", cmd_history, NEED_DB, 0, 0, "",
	  "the change history of observations, targets, units and indicators", HISTORY_OPTS,
	  NULL },
	{ "project", cmd_project, NEED_DB, 1, 2, "SUBCOMMAND [CODE]",
	  "key projects (重点项目): list, show a project, the office's figures, warnings",
	  PROJECT_OPTS,
	  "Subcommands:\n"
	  "  list [--status S] [--park CODE] [--late] [--date D]\n"
	  "                                      the register, with this year's plan and\n"
	  "                                      investment to date\n"
	  "  show CODE [--date D]                a project: attributes, plans, progress, problems,\n"
	  "                                      history (csv/json: the attributes)\n"
	  "  stats --period P [--unit CODE]      key (industrial) projects, starts, start rate,\n"
	  "                                      investment against the plan, completed, in\n"
	  "                                      production (year to date)\n"
	  "  warn [--date D] [--threshold N] [--unit CODE]\n"
	  "                                      not started, behind schedule, overdue problems,\n"
	  "                                      suspended\n"
	  "Late to start: the planned month has passed without a start, or it started after it.\n"
	  "Behind schedule: the plan's completion is more than N points (default 10) below the\n"
	  "share of the year elapsed, at the latest month with investment to date.\n" },
	{ "lead", cmd_lead, NEED_DB, 1, 2, "SUBCOMMAND [CODE]",
	  "investment promotion (招商引资): leads, a lead's stages, the figures, the funnel",
	  LEAD_OPTS,
	  "Subcommands:\n"
	  "  list [--stage S] [--park CODE] [--date D]\n"
	  "                                      the leads, each with its stage as of D (default:\n"
	  "                                      the latest) and the day it began\n"
	  "  show CODE                           a lead: attributes, dated stages with the days in\n"
	  "                                      the previous one, links, history (csv/json: the\n"
	  "                                      attributes)\n"
	  "  stats --period P [--unit CODE] [--by industry|origin]\n"
	  "                                      leads landed in the period and their investment,\n"
	  "                                      the pipeline (signed or negotiating) at its end,\n"
	  "                                      foreign capital arrived (fdi_arrived) against its\n"
	  "                                      target; --by: the landed leads per industry or\n"
	  "                                      origin (csv/json: those rows only)\n"
	  "  funnel [--date D]                   per stage, the leads that reached it by D (default:\n"
	  "                                      today), the share that moved on to the next and the\n"
	  "                                      median days it took; and the leads dropped\n"
	  "Landed, pipeline and foreign-capital figures are the indicators landed_projects,\n"
	  "landed_investment, pipeline_projects, pipeline_investment and fdi_arrived, as kfq show\n"
	  "gives them.\n" },
	{ "case", cmd_case, NEED_DB, 1, 2, "SUBCOMMAND [CODE]",
	  "problems raised in the visiting campaign (暖企惠民大走访): steps, list, stats, overdue",
	  CASE_OPTS,
	  "Subcommands:\n"
	  "  add CODE --category C --description T [--raised D] [--priority P] [--channel CH]\n"
	  "      [--visit V] [--enterprise U] [--household H] [--campaign X] [--raised-by W]\n"
	  "                                      register a problem; its deadline is the date\n"
	  "                                      raised plus the service level's working days\n"
	  "  assign|accept|progress|resolve|confirm|reopen|transfer|merge|close CODE [--date D]\n"
	  "      [--dept X] [--note T] [--into CODE] [--rating N]\n"
	  "                                      a step (default date: today); one not allowed\n"
	  "                                      from the case's status is refused, naming those\n"
	  "                                      that are (the steps: docs/formats.md, case-events)\n"
	  "  list [--dept X] [--status S] [--category C] [--overdue] [--date D]\n"
	  "                                      the cases, with the days overdue on D\n"
	  "  show CODE [--show-phone]            a case, its steps and history (csv/json: the\n"
	  "                                      attributes); phone numbers only when asked\n"
	  "  stats --period P [--by dept|category] [--campaign X]\n"
	  "                                      raised, resolved, resolution, on-time,\n"
	  "                                      satisfaction (rating 4 or 5) and reopen rates,\n"
	  "                                      median days to resolve, overdue at the end\n"
	  "  overdue [--date D] [--days N]       open cases past their deadline on D (督办), per\n"
	  "                                      department; more than N days (default 5):\n"
	  "                                      escalate to the supervising office\n"
	  "Raised counts the cases raised in the period (merged duplicates excluded); resolved\n"
	  "those resolved in it, as the published cases_raised and cases_resolved do. Days\n"
	  "overdue are calendar days past the deadline.\n" },
	{ "visit", cmd_visit, NEED_DB, 1, 1, "stats --period P [--campaign X]",
	  "the visiting campaign: enterprises and households visited, visits, problems raised",
	  VISIT_OPTS, NULL },
	{ "index", cmd_index, NEED_DB, 1, 1, "SUBCOMMAND",
	  "the China Danyang Eyewear Index (中国丹阳眼镜指数): compute, publish, show, reports",
	  INDEX_OPTS,
	  "Subcommands:\n"
	  "  compute --period P [--base P] [--formula jevons|dutot|carli] [--outlier-k K]\n"
	  "      [--max-impute N] [--unit CODE] [--revise REASON]\n"
	  "                                      compute the price and prosperity indices for\n"
	  "                                      every month from the base (= 100) to P, store\n"
	  "                                      them and publish eyewear_pi, eyewear_pi_<channel>,\n"
	  "                                      eyewear_pi_<category> and eyewear_prosperity into\n"
	  "                                      the core; a published month that would change is\n"
	  "                                      refused unless --revise gives the reason\n"
	  "  publish --period P                  freeze every computed month up to P\n"
	  "  show [--category C] [--channel CH] [--from P] [--to P] [--rebase P]\n"
	  "                                      a series: level (2 decimals), month-on-month and\n"
	  "                                      year-on-year change (%, 1 decimal), published\n"
	  "  contributions --period P            each top-level category's and channel's\n"
	  "                                      contribution (percentage points) to the total's\n"
	  "                                      change; they add up to it exactly\n"
	  "  flags --period P                    outliers, imputed prices, replacements\n"
	  "  prosperity --period P               per survey and question: counts, shares,\n"
	  "                                      diffusion index; composites; the overall index\n"
	  "  superlative --period P              per elementary aggregate, month on month: the\n"
	  "                                      formula against Fisher and Törnqvist\n"
	  "The method: docs/index.md. Formats of the data: docs/formats.md.\n" },
	{ "assess", cmd_assess, NEED_DB, 2, 2, "SUBCOMMAND SCHEME --period P",
	  "composite assessments (综合考核, 亩均效益评价): rank, classes, why, robustness",
	  ASSESS_OPTS,
	  "SCHEME is a scheme file (docs/formats.md, \"Assessment schemes\"; examples in\n"
	  "docs/examples/schemes/). Subcommands:\n"
	  "  run SCHEME --period P               rate the entities on the period's figures and\n"
	  "                                      store the run (scheme text, version, inputs)\n"
	  "  show SCHEME --period P [--entity CODE] [--explain] [--run N]\n"
	  "                                      the ranking: score, rank, change on the previous\n"
	  "                                      year's stored run, class, pillar scores, rule\n"
	  "                                      breaches; --entity: its indicators beside the\n"
	  "                                      leader and the median; --explain: why\n"
	  "  classes SCHEME --period P [--run N] how many in each class, and the T (not rated)\n"
	  "                                      with their reasons\n"
	  "  sensitivity SCHEME --period P [--runs N] [--seed S] [--run N]\n"
	  "                                      Monte Carlo: median rank and 5-95% interval per\n"
	  "                                      entity; neighbours that cannot be told apart\n"
	  "show, classes and sensitivity read the latest stored run of the scheme for the\n"
	  "period (recomputed from what was stored) and say when today's inputs differ; with\n"
	  "no stored run they rate today's figures without storing them. Method:\n"
	  "docs/assess.md.\n" },
	{ "demo", cmd_demo, CREATE_DB, 0, 0, "",
	  "build the synthetic Danyang demo zone (丹阳经济开发区) in the database", DEMO_OPTS,
	  "The enterprise-level data is synthetic; the zone totals are the published 2017\n"
	  "figures of the zone's year-in-review.\n" },
	{ "help", cmd_help, 0, 0, 1, "[COMMAND]", "help on kfq or one command", HELP_OPTS, NULL },
	{ NULL, NULL, 0, 0, 0, NULL, NULL, NULL, NULL },
};

const struct cmd *cmd_find(const char *name)
{
	for (const struct cmd *c = COMMANDS; c->name; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

int opt_index(const struct opt *opts, const char *name)
{
	for (int i = 0; opts[i].name; i++)
		if (strcmp(opts[i].name, name) == 0)
			return i;
	return -1;
}

const char *opt_get(const struct cmd *c, const struct optv *ov, const char *name)
{
	int i = opt_index(c->opts, name);
	return i < 0 ? NULL : ov->val[i];
}

int cli_fail(struct cli *cli)
{
	fprintf(stderr, "kfq: %s\n", cli->err.msg);
	return cli->err.kind == KFQ_EFAULT ? EXIT_FAULT : EXIT_USER;
}

void cli_help(const struct cmd *c, FILE *out)
{
	fprintf(out, "usage: kfq [--db FILE] %s %s\n\n%s\n", c->name, c->usage, c->summary);
	if (c->more)
		fprintf(out, "\n%s", c->more);
	fprintf(out, "\noptions:\n");
	for (int i = 0; c->opts[i].name; i++) {
		char left[64];
		snprintf(left, sizeof left, "--%s%s%s", c->opts[i].name, c->opts[i].arg ? " " : "",
		         c->opts[i].arg ? c->opts[i].arg : "");
		fprintf(out, "  %-22s %s\n", left, c->opts[i].help);
	}
	fprintf(out, "  %-22s %s\n", "--help", "show this help");
}

/* Parse argv after the command name. Returns 0, 1 when --help was shown, -1
 * on a usage error. */
static int parse(const struct cmd *c, int argc, char **argv, struct optv *ov, struct kfq_err *err)
{
	memset(ov, 0, sizeof *ov);
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			cli_help(c, stdout);
			return 1;
		}
		if (strncmp(a, "--", 2) == 0 && a[2]) {
			const char *eq = strchr(a, '=');
			char name[64];
			size_t len = eq ? (size_t)(eq - a - 2) : strlen(a + 2);
			int k;
			snprintf(name, sizeof name, "%.*s", (int)len, a + 2);
			if ((k = opt_index(c->opts, name)) >= OPT_MAX)
				return kfq_fault(err, "%s: option --%s is past the option table's limit (%d)",
				                 c->name, name, OPT_MAX);
			if (k < 0)
				return kfq_error(err, "%s: unknown option --%s (see kfq %s --help)", c->name,
				                 name, c->name);
			if (c->opts[k].arg) {
				if (eq)
					ov->val[k] = eq + 1;
				else if (i + 1 < argc)
					ov->val[k] = argv[++i];
				else
					return kfq_error(err, "%s: --%s needs a value (%s)", c->name, name,
					                 c->opts[k].arg);
			} else {
				if (eq)
					return kfq_error(err, "%s: --%s takes no value", c->name, name);
				ov->val[k] = "1";
			}
			continue;
		}
		if (ov->npos == POS_MAX || ov->npos >= c->max_pos)
			return kfq_error(err, "%s: unexpected argument \"%s\" (usage: kfq %s %s)", c->name,
			                 a, c->name, c->usage);
		ov->pos[ov->npos++] = a;
	}
	if (ov->npos < c->min_pos)
		return kfq_error(err, "%s: missing argument (usage: kfq %s %s)", c->name, c->name,
		                 c->usage);
	return 0;
}

static const char *os_user(void);

/* The context of this run: the account (KFQ_USER, else the OS user) and
 * the clock (KFQ_TODAY and KFQ_NOW, for tests and replays, else the
 * system's). The command line is the one place that reads them from the
 * environment; the library gets them in the context. */
static int context(struct kfq_ctx *cx, struct kfq_err *err)
{
	const char *today = getenv("KFQ_TODAY"), *now = getenv("KFQ_NOW");
	ctx_init(cx, os_user());
	if (today && *today && ctx_set_today(cx, today, "KFQ_TODAY", err) < 0)
		return -1;
	if (now && *now && ctx_set_now(cx, now, "KFQ_NOW", err) < 0)
		return -1;
	return 0;
}

static const char *os_user(void)
{
	const char *u = getenv("KFQ_USER");
	struct passwd *pw;
	if (u && *u)
		return u;
	pw = getpwuid(getuid());
	if (pw && pw->pw_name)
		return pw->pw_name;
	u = getenv("USER");
	return u && *u ? u : "unknown";
}

static void usage(FILE *out)
{
	fprintf(out, "usage: kfq [--db FILE] COMMAND [ARGS]\n\n"
	        "kfq keeps, checks and publishes the figures of an economic development zone.\n"
	        "The database is --db FILE, else $KFQ_DB, else ./kfq.db.\n\ncommands:\n");
	for (const struct cmd *c = COMMANDS; c->name; c++)
		fprintf(out, "  %-10s %s\n", c->name, c->summary);
	fprintf(out, "\nEvery command has --help. Exit codes: 0 success, 1 wrong input, "
	        "2 internal fault.\n");
}

int main(int argc, char **argv)
{
	struct cli cli;
	const struct cmd *c;
	struct optv ov;
	int i = 1, rc;

	memset(&cli, 0, sizeof cli);
	cli.out = stdout;
	cli.db_path = getenv("KFQ_DB");
	if (!cli.db_path || !*cli.db_path)
		cli.db_path = "kfq.db";
	while (i < argc && strncmp(argv[i], "--", 2) == 0) {
		if (strcmp(argv[i], "--db") == 0 && i + 1 < argc) {
			cli.db_path = argv[i + 1];
			i += 2;
		} else if (strncmp(argv[i], "--db=", 5) == 0) {
			cli.db_path = argv[i] + 5;
			i++;
		} else if (strcmp(argv[i], "--help") == 0) {
			usage(stdout);
			return EXIT_OK;
		} else if (strcmp(argv[i], "--version") == 0) {
			printf("kfq 0.1 (schema %d)\n", db_schema_latest());
			return EXIT_OK;
		} else {
			fprintf(stderr, "kfq: unknown option %s (usage: kfq [--db FILE] COMMAND)\n", argv[i]);
			return EXIT_USER;
		}
	}
	if (i >= argc) {
		usage(stderr);
		return EXIT_USER;
	}
	if (!(c = cmd_find(argv[i]))) {
		fprintf(stderr, "kfq: unknown command \"%s\" (see kfq help)\n", argv[i]);
		return EXIT_USER;
	}
	rc = parse(c, argc - i - 1, argv + i + 1, &ov, &cli.err);
	if (rc > 0)
		return EXIT_OK;
	if (rc < 0)
		return cli_fail(&cli);
	if (context(&cli.cx, &cli.err) < 0)
		return cli_fail(&cli);
	if (c->flags & (NEED_DB | CREATE_DB)) {
		if (db_open(&cli.db, cli.db_path, (c->flags & CREATE_DB) ? DB_CREATE : DB_EXISTING,
		            &cli.err) < 0)
			return cli_fail(&cli);
	}
	rc = c->fn(&cli, &ov);
	db_close(cli.db);
	if (fflush(stdout) != 0 && rc == EXIT_OK) {
		fprintf(stderr, "kfq: writing the output failed\n");
		rc = EXIT_FAULT;
	}
	return rc;
}
