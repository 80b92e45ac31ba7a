/* audit.c: kfq audit [--account NAME] [--limit N] [--format F]: the audit
 * log of sign-ins, failures, sign-outs, changes to accounts and the
 * households' personal information shown, newest first (model/session.h). */
#include "cli/cli.h"
#include "model/session.h"
#include "report/grid.h"

struct audit_args {
	struct cli_args h;
	const char *account;
	long limit;
	int format;   /* enum grid_format */
};

#define A struct audit_args
static const struct optdef OPTS[] = {
	OPTION("account", OPT_TEXT, A, account, "NAME", "only the entries about this account"),
	OPTION("limit", OPT_INT, A, limit, "N", "at most N entries (default 100)"),
	OPTION_CHOICE("format", A, format, "F", "the format; table by default", CLI_FORMATS, NULL),
	OPTION_END,
};
#undef A
static const struct audit_args DEFAULTS = { { .sub = -1 }, NULL, 100, GRID_TABLE };

static int run(struct cli *cli, void *args)
{
	static const char *const KEYS[] = { "at", "who", "address", "event", "account", "detail" };
	static const char *const HEADS[] = { "时间", "操作人", "地址", "事件", "账号", "说明" };
	struct audit_args *a = args;
	enum grid_format f = (enum grid_format)a->format;
	struct audit_list l;
	struct grid g;

	if (a->limit <= 0) {
		kfq_error(&cli->err, "audit: --limit %ld: expected a positive number", a->limit);
		return cli_fail(cli);
	}
	if (audit_read(cli->db, a->account, a->limit, &l, &cli->err) < 0) {
		audit_list_release(&l);
		return cli_fail(cli);
	}
	grid_init(&g, 6, KEYS, f == GRID_TABLE ? HEADS : KEYS);
	for (size_t i = 0; i < l.n; i++) {
		grid_row(&g);
		grid_set(&g, 0, l.v[i].at);
		grid_set(&g, 1, l.v[i].who);
		grid_set(&g, 2, l.v[i].address);
		grid_set(&g, 3, l.v[i].event);
		grid_set(&g, 4, l.v[i].account);
		grid_set(&g, 5, l.v[i].detail);
	}
	grid_write(&g, f, cli->out);
	grid_release(&g);
	audit_list_release(&l);
	return EXIT_OK;
}

const struct cmd CMD_AUDIT = {
	{ "audit", "", "the audit log: sign-ins, failures, sign-outs, changes to accounts, "
	  "households' personal information shown", 0, 0,
	  OPTS, NULL, NULL, NULL },
	run, NEED_DB, sizeof(struct audit_args), &DEFAULTS,
};
