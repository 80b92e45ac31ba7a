/* serve.c: kfq serve [--listen HOST:PORT] [--threads N] [--log FILE]
 * [--tls-cert F --tls-key F] ...: the web server (src/web/, docs/web.md). */
#include "cli/cli.h"
#include "model/session.h"
#include "web/web.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct serve_args {
	struct cli_args h;
	const char *listen, *log, *tls_cert, *tls_key, *ready_file, *static_dir;
	long threads, idle, absolute, body_max, upload_max, timeout;
};

#define A struct serve_args
static const struct optdef OPTS[] = {
	OPTION("listen", OPT_TEXT, A, listen, "HOST:PORT",
	  "the address and port to listen on (default 127.0.0.1:8080; port 0: any free one)"),
	OPTION("threads", OPT_INT, A, threads, "N", "worker threads (default: the cores, at least 2)"),
	OPTION("log", OPT_TEXT, A, log, "FILE", "append one line per request here (default: stderr)"),
	OPTION("tls-cert", OPT_TEXT, A, tls_cert, "FILE", "serve HTTPS with this PEM certificate"),
	OPTION("tls-key", OPT_TEXT, A, tls_key, "FILE", "and this PEM private key"),
	OPTION("session-idle", OPT_INT, A, idle, "SECONDS",
	  "a session ends after this long without a request (default 1800)"),
	OPTION("session-max", OPT_INT, A, absolute, "SECONDS",
	  "a session ends this long after sign-in (default 43200)"),
	OPTION("body-max", OPT_INT, A, body_max, "BYTES", "the largest request body (default 1048576)"),
	OPTION("upload-max", OPT_INT, A, upload_max, "BYTES",
	  "the largest file uploaded to /api/v1/imports/ (default 67108864)"),
	OPTION("timeout", OPT_INT, A, timeout, "SECONDS",
	  "an idle or slow connection is closed after this long (default 30)"),
	OPTION("static", OPT_TEXT, A, static_dir, "DIR",
	  "serve the files of DIR (pages, scripts) under every path outside /api/"),
	OPTION("ready-file", OPT_TEXT, A, ready_file, "FILE",
	  "write HOST:PORT here once listening (for scripts and tests)"),
	OPTION_END,
};
#undef A
static const struct serve_args DEFAULTS = {
	{ .sub = -1 }, "127.0.0.1:8080", NULL, NULL, NULL, NULL, NULL, 0, SESSION_IDLE_DEFAULT,
	SESSION_ABSOLUTE_DEFAULT, 1 << 20, 64 << 20, 30,
};

static int positive(struct cli *cli, const char *opt, long v, long max)
{
	if (v < 1 || v > max) {
		kfq_error(&cli->err, "--%s %ld: expected a whole number from 1 to %ld", opt, v, max);
		return -1;
	}
	return 0;
}

static int run(struct cli *cli, void *args)
{
	struct serve_args *a = args;
	struct web_opts o = { 0 };
	char host[64];
	const char *colon = strrchr(a->listen, ':');
	char *end;
	long port;

	if (!colon || (size_t)(colon - a->listen) >= sizeof host || colon == a->listen) {
		kfq_error(&cli->err, "--listen \"%s\": expected HOST:PORT (127.0.0.1:8080)", a->listen);
		return cli_fail(cli);
	}
	snprintf(host, sizeof host, "%.*s", (int)(colon - a->listen), a->listen);
	port = strtol(colon + 1, &end, 10);
	if (!colon[1] || *end || port < 0 || port > 65535) {
		kfq_error(&cli->err, "--listen \"%s\": the port is a number from 0 to 65535", a->listen);
		return cli_fail(cli);
	}
	if (a->threads == 0) {
		long n = sysconf(_SC_NPROCESSORS_ONLN);
		a->threads = n < 2 ? 2 : n;
	}
	if (positive(cli, "threads", a->threads, 256) < 0 ||
	    positive(cli, "session-idle", a->idle, 30L * 86400) < 0 ||
	    positive(cli, "session-max", a->absolute, 365L * 86400) < 0 ||
	    positive(cli, "body-max", a->body_max, 1L << 30) < 0 ||
	    positive(cli, "upload-max", a->upload_max, 1L << 30) < 0 ||
	    positive(cli, "timeout", a->timeout, 3600) < 0)
		return cli_fail(cli);
	o.db_path = cli->db_path;
	o.host = host;
	o.port = (unsigned)port;
	o.threads = (unsigned)a->threads;
	o.log_path = a->log;
	o.tls_cert = a->tls_cert;
	o.tls_key = a->tls_key;
	o.session_idle = a->idle;
	o.session_absolute = a->absolute;
	o.body_max = (size_t)a->body_max;
	o.upload_max = (size_t)a->upload_max;
	o.timeout = (unsigned)a->timeout;
	o.ready_file = a->ready_file;
	o.static_dir = a->static_dir;
	if (web_serve(&o, &cli->err) < 0) {
		cli_field(&cli->err);
		return cli_fail(cli);
	}
	return EXIT_OK;
}

const struct cmd CMD_SERVE = {
	{ "serve", "", "the web server: the JSON API under /api/v1/ (docs/web.md)", 0, 0, OPTS,
	  NULL,
	  "Accounts come from kfq user. Stop it with SIGTERM or Ctrl-C: requests in progress\n"
	  "finish, and nothing committed is lost.\n", NULL },
	run, 0, sizeof(struct serve_args), &DEFAULTS,
};
