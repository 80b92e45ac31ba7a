/* web.h: kfq serve, the web server: the JSON API under /api/v1/ over
 * libmicrohttpd, a second thin front end over the same library as the
 * command line (docs/web.md). Depends on libkfq, libmicrohttpd, jansson. */
#ifndef KFQ_WEB_H
#define KFQ_WEB_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"

struct web_opts {
	const char *db_path;      /* the database (a file or a PostgreSQL URL) */
	const char *host;         /* the address to listen on (default 127.0.0.1) */
	unsigned port;            /* default 8080; 0: any free port (printed) */
	unsigned threads;         /* worker threads (default: the cores, at least 2) */
	const char *log_path;     /* one line per request; NULL: standard error */
	const char *tls_cert, *tls_key;   /* PEM files; both or neither */
	int64_t session_idle, session_absolute;   /* seconds */
	size_t body_max;          /* the largest request body taken, in bytes */
	size_t upload_max;        /* the same for a file uploaded to /api/v1/imports/ */
	unsigned timeout;         /* seconds an idle or slow connection is kept */
	const char *ready_file;   /* when set, "host:port" is written there once listening */
	const char *static_dir;   /* files served under every path outside /api/, or NULL */
};

/* Serve until SIGTERM or SIGINT, then stop cleanly (requests in progress
 * finish; committed writes are kept). 0 after a clean stop; -1 with err
 * when the server cannot start (the address is taken, a TLS file is
 * unreadable, the database cannot be opened). */
int web_serve(const struct web_opts *o, struct kfq_err *err);

#endif
