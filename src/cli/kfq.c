/* kfq.c: main: global options, the command table, and the dispatcher that
 * checks each command's preconditions (an open database) once. */
#include "cli/cli.h"
#include "base/outfile.h"
#include "base/xalloc.h"

#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const struct cmd *const COMMANDS[] = {
	&CMD_INIT, &CMD_IMPORT, &CMD_EXPORT, &CMD_SHOW, &CMD_EXPLAIN, &CMD_BULLETIN, &CMD_MISSING,
	&CMD_REPORT,
	&CMD_HISTORY, &CMD_PROJECT,
	&CMD_LEAD, &CMD_CASE, &CMD_LEDGER, &CMD_VISIT, &CMD_INDEX, &CMD_FINANCE, &CMD_ASSESS, &CMD_VALIDATE, &CMD_FINDINGS, &CMD_TARGET, &CMD_APPROVAL, &CMD_PUBLISH, &CMD_REVISIONS,
	&CMD_COPY, &CMD_DEMO, &CMD_USER,
	&CMD_AUDIT, &CMD_SERVE, &CMD_HELP,
	NULL,
};

const char *const CLI_FORMATS[] = { "table", "csv", "json", NULL };
const char *const CLI_FORMATS_MD[] = { "table", "csv", "json", "md", NULL };

const struct cmd *cmd_find(const char *name)
{
	for (size_t i = 0; COMMANDS[i]; i++)
		if (strcmp(COMMANDS[i]->o.name, name) == 0)
			return COMMANDS[i];
	return NULL;
}

void cli_field(struct kfq_err *err)
{
	char opt[sizeof err->field];
	if (!err->field[0])
		return;
	snprintf(opt, sizeof opt, "%s", err->field);
	for (char *p = opt; *p; p++)
		if (*p == '_')
			*p = '-';
	kfq_err_prefix(err, "--%s", opt);
	err->field[0] = '\0';
}

int cli_fail(struct cli *cli)
{
	fprintf(stderr, "kfq: %s\n", kfq_err_msg(&cli->err, cli->msg_lang));
	return cli->err.kind == KFQ_EFAULT ? EXIT_FAULT : EXIT_USER;
}

static void say(FILE *f, enum kfq_lang lang, const char *fmt, va_list ap)
{
	const char *zh = lang == KFQ_ZH ? msg_zh(fmt) : NULL;
	vfprintf(f, zh ? zh : fmt, ap);
}

void cli_say(struct cli *cli, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	say(cli->out, cli->msg_lang, fmt, ap);
	va_end(ap);
}

void cli_warn(const struct cli *cli, const char *fmt, ...)
{
	va_list ap;
	fputs("kfq: ", stderr);
	va_start(ap, fmt);
	say(stderr, cli->msg_lang, fmt, ap);
	va_end(ap);
}

static const char *os_user(void);

/* Told on standard error while a write waits for another kfq's. */
/* The language of the notice below (the store calls it with no context). */
static enum kfq_lang notice_lang;

static void busy_notice(const char *name, int seconds)
{
	struct cli c = { .msg_lang = notice_lang };
	cli_warn(&c, "another kfq is writing to %s; waiting for it (up to %d s)...\n", name, seconds);
}

/* How long a write waits for another writer: KFQ_BUSY_TIMEOUT seconds
 * (tests set a short one), else DB_BUSY_WAIT. */
static int busy_wait(struct kfq_err *err)
{
	const char *s = getenv("KFQ_BUSY_TIMEOUT");
	char *end;
	long n = DB_BUSY_WAIT;
	if (s && *s) {
		n = strtol(s, &end, 10);
		if (*end || n < 0 || n > 86400)
			return kfq_error(err, "KFQ_BUSY_TIMEOUT: \"%s\" is not a number of seconds "
			                 "(0 to 86400)", s);
	}
	db_busy_wait((int)n, busy_notice);
	return 0;
}

/* The context of this run: the account (KFQ_USER, else the OS user) and
 * the clock (KFQ_TODAY and KFQ_NOW, for tests and replays, else the
 * system's), and the wait for another writer. The command line is the one
 * place that reads them from the environment; the library gets them in the
 * context. */
static int context(struct kfq_ctx *cx, struct kfq_err *err)
{
	const char *today = getenv("KFQ_TODAY"), *now = getenv("KFQ_NOW");
	ctx_init(cx, os_user());
	if (today && *today && ctx_set_today(cx, today, "KFQ_TODAY", err) < 0)
		return -1;
	if (now && *now && ctx_set_now(cx, now, "KFQ_NOW", err) < 0)
		return -1;
	return busy_wait(err);
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

static void usage(const struct cli *cli, FILE *out)
{
	int zh = cli->msg_lang == KFQ_ZH;
	fputs(opt_text(zh, "usage: kfq [--db FILE] [--lang zh|en] COMMAND [ARGS]\n\n"
	      "kfq keeps, checks and publishes the figures of an economic development zone.\n"
	      "The database is --db FILE, else $KFQ_DB, else ./kfq.db. Messages are in Chinese\n"
	      "unless the locale is English (LANG=en_US.UTF-8) or --lang en or KFQ_LANG=en\n"
	      "asks for English.\n\ncommands:\n"), out);
	for (size_t i = 0; COMMANDS[i]; i++)
		fprintf(out, "  %-10s %s\n", COMMANDS[i]->o.name, opt_text(zh, COMMANDS[i]->o.summary));
	fputs(opt_text(zh, "\nEvery command has --help. Exit codes: 0 success, 1 wrong input or the "
	      "machine's\n(a full disk, out of memory, a read-only database, another kfq "
	      "writing), 2 internal fault.\n"), out);
}

/* "unknown command", with the closest one. */
static int unknown_command(const struct cli *cli, const char *name)
{
	const char *names[32], *near;
	size_t n = 0;
	for (; COMMANDS[n] && n < 32; n++)
		names[n] = COMMANDS[n]->o.name;
	near = opt_closest(name, names, n);
	if (near)
		cli_warn(cli, "unknown command \"%s\" (did you mean %s? see kfq help)\n", name, near);
	else
		cli_warn(cli, "unknown command \"%s\" (see kfq help)\n", name);
	return EXIT_USER;
}

/* The language given by --lang or KFQ_LANG (s, named what): messages in
 * it, and the reports' headings too. -1 with a message when s is neither. */
static int set_lang(struct cli *cli, const char *s, const char *what, int *lang)
{
	struct kfq_ctx cx;
	if (ctx_set_lang(&cx, s, what, &cli->err) < 0)
		return -1;
	*lang = (int)cx.lang;
	cli->msg_lang = cx.lang;
	notice_lang = cx.lang;
	return 0;
}

/* The messages' language the locale asks for (LC_ALL, else LC_MESSAGES,
 * else LANG, as POSIX orders them): English for en_*, else Chinese, the
 * language of the offices kfq serves (C, POSIX and an unset locale too). */
static enum kfq_lang locale_lang(void)
{
	static const char *const VARS[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	for (size_t i = 0; i < sizeof VARS / sizeof VARS[0]; i++) {
		const char *v = getenv(VARS[i]);
		if (v && *v)
			return strncmp(v, "en", 2) == 0 ? KFQ_EN : KFQ_ZH;
	}
	return KFQ_ZH;
}

static int run(int argc, char **argv)
{
	struct cli cli;
	const struct cmd *c;
	const char *env_lang = getenv("KFQ_LANG");
	void *args;
	int i = 1, rc, lang = -1;

	memset(&cli, 0, sizeof cli);
	cli.out = stdout;
	cli.msg_lang = locale_lang();
	notice_lang = cli.msg_lang;
	if (env_lang && *env_lang && set_lang(&cli, env_lang, "KFQ_LANG", &lang) < 0)
		return cli_fail(&cli);
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
		} else if ((strcmp(argv[i], "--lang") == 0 && i + 1 < argc) ||
		           strncmp(argv[i], "--lang=", 7) == 0) {
			const char *v = argv[i][6] == '=' ? argv[i] + 7 : argv[i + 1];
			if (set_lang(&cli, v, "--lang", &lang) < 0)
				return cli_fail(&cli);
			i += argv[i][6] == '=' ? 1 : 2;
		} else if (strcmp(argv[i], "--help") == 0) {
			usage(&cli, stdout);
			return EXIT_OK;
		} else if (strcmp(argv[i], "--version") == 0) {
			printf("kfq 0.1 (schema %d)\n", db_schema_latest());
			return EXIT_OK;
		} else {
			cli_warn(&cli, "unknown option %s (usage: kfq [--db FILE] [--lang zh|en] "
			         "COMMAND)\n", argv[i]);
			return EXIT_USER;
		}
	}
	if (i >= argc) {
		usage(&cli, stderr);
		return EXIT_USER;
	}
	if (!(c = cmd_find(argv[i])))
		return unknown_command(&cli, argv[i]);
	args = xmalloc(c->args_size);
	memcpy(args, c->defaults, c->args_size);
	rc = opt_parse(&c->o, argc - i - 1, argv + i + 1, args, stdout, cli.msg_lang == KFQ_ZH,
	               &cli.err);
	if (rc != 0) {
		free(args);
		return rc > 0 ? EXIT_OK : cli_fail(&cli);
	}
	if (context(&cli.cx, &cli.err) < 0 ||
	    ((c->flags & (NEED_DB | CREATE_DB)) &&
	     db_open(&cli.db, cli.db_path, (c->flags & CREATE_DB) ? DB_CREATE : DB_EXISTING,
	             &cli.err) < 0)) {
		free(args);
		return cli_fail(&cli);
	}
	if (lang >= 0)
		cli.cx.lang = (enum kfq_lang)lang;
	rc = c->fn(&cli, args);
	db_close(cli.db);
	free(args);
	return rc;
}

/* ---- a terminal is not driven by the data ---- */

/* A unit's name, a note or a value can hold control characters (ESC [2J
 * clears a screen, ESC ] sets a terminal's title, a carriage return
 * overwrites a line): what kfq writes to a terminal shows each of them
 * (C0 but tab and newline, DEL, C1) as '?', so that the data cannot drive
 * it. Pipes and files get the bytes as they are (exports round-trip). */
struct guard {
	int fd;
	int c2;   /* a 0xC2 byte held back: a C1 control (0xC2 0x80-0x9F) may follow */
};

static int put_all(int fd, const char *b, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, b, n);
		if (w < 0)
			return -1;
		b += w;
		n -= (size_t)w;
	}
	return 0;
}

static ssize_t guard_write(void *cookie, const char *buf, size_t n)
{
	struct guard *g = cookie;
	char out[4096];
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)buf[i];
		if (k + 2 > sizeof out) {
			if (put_all(g->fd, out, k) < 0)
				return -1;
			k = 0;
		}
		if (g->c2) {
			g->c2 = 0;
			if (c >= 0x80 && c <= 0x9F) {
				out[k++] = '?';
				continue;
			}
			out[k++] = (char)0xC2;
		}
		if (c == 0xC2)
			g->c2 = 1;
		else
			out[k++] = (c < 0x20 && c != '\t' && c != '\n') || c == 0x7F ? '?' : (char)c;
	}
	return put_all(g->fd, out, k) < 0 ? -1 : (ssize_t)n;
}

/* stdout and stderr, when they are terminals, through the guard. */
static void guard_terminals(void)
{
	static struct guard g1 = { STDOUT_FILENO, 0 }, g2 = { STDERR_FILENO, 0 };
	cookie_io_functions_t io = { NULL, guard_write, NULL, NULL };
	FILE *f;
	if (isatty(STDOUT_FILENO) && (f = fopencookie(&g1, "w", io))) {
		setvbuf(f, NULL, _IOLBF, 0);
		stdout = f;
	}
	if (isatty(STDERR_FILENO) && (f = fopencookie(&g2, "w", io))) {
		setvbuf(f, NULL, _IONBF, 0);
		stderr = f;
	}
}

/* Every command's standard output checked at the end, help and all: a
 * failed write (a full disk, /dev/full, a closed pipe) is an error, never
 * an exit 0. */
int main(int argc, char **argv)
{
	struct kfq_err err = { 0 };
	int rc;
	guard_terminals();
	rc = run(argc, argv);
	if (stream_check(stdout, "standard output", &err) < 0) {
		fprintf(stderr, "kfq: %s\n", err.msg);
		if (rc == EXIT_OK)
			rc = EXIT_USER;
	}
	return rc;
}
