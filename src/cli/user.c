/* user.c: kfq user add|list|passwd|disable|enable|grant: the accounts of
 * the web server (model/account.h). A password is read from standard input
 * (one line; typed without echo at a terminal), never from the command
 * line, where other users of the machine could see it. */
#include "cli/cli.h"
#include "base/xalloc.h"
#include "model/account.h"
#include "report/grid.h"

#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

struct user_args {
	struct cli_args h;
	const char *unit, *role, *dept;
	int format;   /* enum grid_format */
};

#define A struct user_args
static const struct optdef OPTS[] = {
	OPTION("unit", OPT_TEXT, A, unit, "CODE", "the unit whose subtree the account works in"),
	OPTION("role", OPT_TEXT, A, role, "R[,R]",
	  "roles: admin, statistician, clerk, projects, promotion, cases, index, leader, "
	  "enterprise"),
	OPTION("dept", OPT_TEXT, A, dept, "D",
	  "a department's account (role cases): only the cases assigned to D; \"\" clears it"),
	OPTION_CHOICE("format", A, format, "F", "the format; table by default", CLI_FORMATS, NULL),
	OPTION_END,
};
#undef A
static const struct user_args DEFAULTS = { { .sub = -1 }, NULL, NULL, NULL, GRID_TABLE };

enum { U_ADD, U_LIST, U_PASSWD, U_DISABLE, U_ENABLE, U_GRANT };
static const struct subdef SUBS[] = {
	{ "add", "NAME", { "unit", "role", "dept", NULL },
	  "add an account (--unit and --role required; the password from standard input)" },
	{ "list", NULL, { "format", NULL }, "every account: its unit, roles, whether disabled" },
	{ "passwd", "NAME", { NULL },
	  "a new password from standard input; the account's sessions end" },
	{ "disable", "NAME", { NULL }, "the account can no longer sign in; its sessions end" },
	{ "enable", "NAME", { NULL }, "the account can sign in again" },
	{ "grant", "NAME", { "unit", "role", "dept", NULL },
	  "set the account's roles (--role, all of them), its unit or its department; its "
	  "sessions end" },
	{ NULL },
};

/* One line of standard input as the password (the line end dropped); at a
 * terminal, asked for with the echo off. */
static char *read_password(struct kfq_err *err)
{
	struct termios old, quiet;
	int tty = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &old) == 0;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	if (tty) {
		fputs("password: ", stderr);
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
	}
	n = getline(&line, &cap, stdin);
	if (tty) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
		fputc('\n', stderr);
	}
	if (n < 0) {
		free(line);
		kfq_error(err, "no password on standard input (give it as one line)");
		return NULL;
	}
	while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		line[--n] = '\0';
	if (strlen(line) != (size_t)n) {
		free(line);
		kfq_error(err, "the password holds a NUL byte");
		return NULL;
	}
	return line;
}

static int list(struct cli *cli, enum grid_format f)
{
	static const char *const KEYS[] = { "name", "unit", "roles", "disabled", "created", "dept" };
	static const char *const HEADS[] = { "账号", "单位", "角色", "停用", "创建时间", "部门" };
	struct account *v;
	size_t n;
	struct grid g;
	if (account_list(cli->db, &v, &n, &cli->err) < 0)
		return cli_fail(cli);
	grid_init(&g, 6, KEYS, f == GRID_TABLE ? HEADS : KEYS);
	for (size_t i = 0; i < n; i++) {
		grid_row(&g);
		grid_set(&g, 0, v[i].name);
		grid_set(&g, 1, v[i].unit);
		grid_set(&g, 2, v[i].roles);
		grid_set(&g, 3, v[i].disabled ? "yes" : "no");
		grid_set(&g, 4, v[i].created);
		grid_set(&g, 5, v[i].dept);
	}
	grid_write(&g, f, cli->out);
	grid_release(&g);
	free(v);
	return EXIT_OK;
}

static int run(struct cli *cli, void *args)
{
	struct user_args *a = args;
	const char *name = a->h.npos > 0 ? a->h.pos[0] : NULL;
	char *pw = NULL;
	int rc = 0;

	switch (a->h.sub) {
	case U_LIST:
		return list(cli, (enum grid_format)a->format);
	case U_ADD:
		if (!a->unit || !a->role) {
			kfq_error(&cli->err, "user add: --unit and --role are required");
			return cli_fail(cli);
		}
		if (!(pw = read_password(&cli->err)))
			return cli_fail(cli);
		rc = account_add(cli->db, &cli->cx, name, pw, a->unit, a->role, a->dept, &cli->err);
		break;
	case U_PASSWD:
		if (!(pw = read_password(&cli->err)))
			return cli_fail(cli);
		rc = account_passwd(cli->db, &cli->cx, name, pw, &cli->err);
		break;
	case U_DISABLE:
	case U_ENABLE:
		rc = account_disable(cli->db, &cli->cx, name, a->h.sub == U_DISABLE, &cli->err);
		break;
	case U_GRANT:
		rc = account_grant(cli->db, &cli->cx, name, a->role, a->unit, a->dept, &cli->err);
		break;
	}
	if (pw) {
		memset(pw, 0, strlen(pw));
		free(pw);
	}
	if (rc < 0) {
		/* the password and the name are not options: their messages say
		 * what they are about */
		if (strcmp(cli->err.field, "password") == 0 || strcmp(cli->err.field, "name") == 0)
			cli->err.field[0] = '\0';
		cli_field(&cli->err);
		return cli_fail(cli);
	}
	if (a->h.sub == U_ADD)
		cli_say(cli, "account %s: added\n", name);
	else if (a->h.sub == U_PASSWD)
		cli_say(cli, "account %s: password changed\n", name);
	else if (a->h.sub == U_DISABLE)
		cli_say(cli, "account %s: disabled\n", name);
	else if (a->h.sub == U_ENABLE)
		cli_say(cli, "account %s: enabled\n", name);
	else
		cli_say(cli, "account %s: granted\n", name);
	return EXIT_OK;
}

const struct cmd CMD_USER = {
	{ "user", NULL, "the web server's accounts: add, list, passwd, disable, enable, grant",
	  0, 0, OPTS, SUBS,
	  "An account works in one unit's subtree, in the roles granted to it (docs/web.md\n"
	  "lists what each role may do). Passwords: at least 10 characters, read from\n"
	  "standard input, kept only as an argon2id hash.\n", NULL },
	run, NEED_DB, sizeof(struct user_args), &DEFAULTS,
};
