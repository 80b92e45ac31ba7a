/* server.c: the libmicrohttpd daemon of kfq serve (see web.h): a pool of
 * worker threads, each with its own database connection; request bodies
 * gathered up to a limit; one log line per request; a clean stop on
 * SIGTERM or SIGINT. Requests are handed to web_dispatch (route.c). */
#include "web/http.h"
#include "web/mhd_lib.h"
#include "base/table.h"
#include "base/xalloc.h"
#include "model/model.h"

#include <arpa/inet.h>
#include <errno.h>
#include <malloc.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* One request in progress: its body so far, when it started. */
struct pending {
	struct sbuf body;
	int too_large;
	struct timespec start;
};

/* The server's state, shared by the worker threads. */
struct server {
	const struct web_opts *o;
	FILE *log;
	pthread_mutex_t lock;        /* the log and the list of connections */
	struct kfq_db **dbs;         /* every worker's connection, closed at the end */
	size_t ndbs, cap;
	int tls;
};

static __thread struct kfq_db *thread_db;

/* This worker thread's database connection, opened on its first request. */
static struct kfq_db *worker_db(struct server *s, struct kfq_err *err)
{
	if (thread_db)
		return thread_db;
	if (db_open(&thread_db, s->o->db_path, DB_EXISTING, err) < 0)
		return NULL;
	pthread_mutex_lock(&s->lock);
	XGROW(s->dbs, s->ndbs + 1, s->cap);
	s->dbs[s->ndbs++] = thread_db;
	pthread_mutex_unlock(&s->lock);
	return thread_db;
}

static void client_address(struct MHD_Connection *c, char *buf, size_t n)
{
	const union MHD_ConnectionInfo *ci =
		mhd.MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	const struct sockaddr *sa = ci ? ci->client_addr : NULL;
	snprintf(buf, n, "-");
	if (sa && sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, buf,
		          (socklen_t)n);
	else if (sa && sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, buf,
		          (socklen_t)n);
}

static void log_line(struct server *s, const struct web_req *q, unsigned status,
                     const struct timespec *start)
{
	struct timespec end;
	char at[32];
	time_t now = time(NULL);
	struct tm tm;
	long long us;
	clock_gettime(CLOCK_MONOTONIC, &end);
	us = (long long)(end.tv_sec - start->tv_sec) * 1000000 +
	     (end.tv_nsec - start->tv_nsec) / 1000;
	gmtime_r(&now, &tm);
	strftime(at, sizeof at, "%Y-%m-%dT%H:%M:%SZ", &tm);
	pthread_mutex_lock(&s->lock);
	fprintf(s->log, "%s %s %s %s %s %u %lld\n", at, q->address,
	        q->signed_in ? q->account.name : "-", q->method, q->path, status, us);
	fflush(s->log);
	pthread_mutex_unlock(&s->lock);
}

/* The pages' policy: scripts, styles, data and fonts from this server only,
 * no inline script, no plug-in, never framed. ECharts writes style
 * attributes in its tooltips, hence 'unsafe-inline' for styles alone. */
#define CSP "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " \
	"img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; " \
	"base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

static enum MHD_Result respond(struct MHD_Connection *c, struct web_res *r, int tls)
{
	struct MHD_Response *resp;
	enum MHD_Result ret;
	char ra[24];
	if (r->is_file) {
		resp = mhd.MHD_create_response_from_fd64(r->fd_size, r->fd);   /* closes it */
		if (!resp) {
			close(r->fd);
			return MHD_NO;
		}
	} else if (r->mem) {
		resp = mhd.MHD_create_response_from_buffer(r->mem_size, (void *)r->mem,
		                                           MHD_RESPMEM_PERSISTENT);
		if (!resp)
			return MHD_NO;
	} else {
		size_t len = r->body.len;
		char *buf = sbuf_detach(&r->body);
		resp = mhd.MHD_create_response_from_buffer(len, buf, MHD_RESPMEM_MUST_FREE);
		if (!resp) {
			free(buf);
			return MHD_NO;
		}
	}
	mhd.MHD_add_response_header(resp, "Content-Type",
	                            r->type ? r->type : "application/json; charset=utf-8");
	mhd.MHD_add_response_header(resp, "Cache-Control",
	                            r->is_file || r->mem ? "no-cache" : "no-store");
	mhd.MHD_add_response_header(resp, "Content-Security-Policy", CSP);
	mhd.MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	mhd.MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	if (tls)
		mhd.MHD_add_response_header(resp, "Strict-Transport-Security", "max-age=31536000");
	if (r->cookie[0])
		mhd.MHD_add_response_header(resp, "Set-Cookie", r->cookie);
	if (r->etag[0])
		mhd.MHD_add_response_header(resp, "ETag", r->etag);
	if (r->allow[0])
		mhd.MHD_add_response_header(resp, "Allow", r->allow);
	if (r->total >= 0) {
		char n[24];
		snprintf(n, sizeof n, "%lld", r->total);
		mhd.MHD_add_response_header(resp, "X-Total-Count", n);
	}
	if (r->retry_after > 0) {
		snprintf(ra, sizeof ra, "%d", r->retry_after);
		mhd.MHD_add_response_header(resp, "Retry-After", ra);
	}
	ret = mhd.MHD_queue_response(c, r->status, resp);
	mhd.MHD_destroy_response(resp);
	return ret;
}

/* MHD's iterator: clears *ok at a query parameter (its name or value)
 * that is not UTF-8. */
static enum MHD_Result arg_utf8(void *ok, enum MHD_ValueKind kind, const char *key,
                                const char *value)
{
	(void)kind;
	if ((key && text_utf8_end(key, strlen(key)) != strlen(key)) ||
	    (value && text_utf8_end(value, strlen(value)) != strlen(value))) {
		*(int *)ok = 0;
		return MHD_NO;
	}
	return MHD_YES;
}

static int hex_digit(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
	       : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* MHD's unescaper for the path and the query: %HH as its byte, but %00 as
 * C0 80 (never UTF-8), so that a NUL cannot cut a path or a value short
 * ("/api/v1/units%00x" read as "/api/v1/units") and request_utf8 refuses
 * it. Never longer than the input, as MHD requires. */
static size_t unescape(void *cls, struct MHD_Connection *c, char *s)
{
	char *w = s;
	(void)cls;
	(void)c;
	for (const char *r = s; *r; r++) {
		int hi, lo;
		if (*r == '%' && (hi = hex_digit(r[1])) >= 0 && (lo = hex_digit(r[2])) >= 0) {
			int b = hi * 16 + lo;
			if (b) {
				*w++ = (char)b;
			} else {
				*w++ = (char)0xC0;
				*w++ = (char)0x80;
			}
			r += 2;
		} else {
			*w++ = *r;
		}
	}
	*w = '\0';
	return (size_t)(w - s);
}

/* Whether the path and every query parameter are UTF-8 (%ff in a name
 * would otherwise reach the store, or a message JSON cannot hold). */
static int request_utf8(struct MHD_Connection *c, const char *url)
{
	int ok = text_utf8_end(url, strlen(url)) == strlen(url);
	if (ok)
		mhd.MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, arg_utf8, &ok);
	return ok;
}

struct arg_names {
	const char **v;
	size_t n, cap;
};

static enum MHD_Result arg_name(void *cls, enum MHD_ValueKind kind, const char *key,
                                const char *value)
{
	struct arg_names *a = cls;
	(void)kind;
	(void)value;
	if (key && strcmp(key, "where") != 0) {   /* a ledger's conditions repeat */
		XGROW(a->v, a->n + 1, a->cap);
		a->v[a->n++] = key;
	}
	return MHD_YES;
}

static int name_cmp(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* A query parameter given twice (?unit=a&unit=b), or NULL: only the first
 * would be read, and the other dropped without a word. */
static const char *repeated_arg(struct MHD_Connection *c)
{
	struct arg_names a = { NULL, 0, 0 };
	const char *twice = NULL;
	mhd.MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, arg_name, &a);
	if (a.n > 1)
		qsort(a.v, a.n, sizeof *a.v, name_cmp);
	for (size_t i = 1; i < a.n && !twice; i++)
		if (strcmp(a.v[i - 1], a.v[i]) == 0)
			twice = a.v[i];
	free(a.v);
	return twice;
}

/* The request as a handler reads it, in the client's language. */
static void request_init(struct server *s, struct MHD_Connection *c, const char *url,
                         const char *method, struct pending *p, struct web_req *q,
                         struct web_res *r)
{
	memset(q, 0, sizeof *q);
	q->method = method;
	q->path = url;
	q->conn = c;
	q->body = p->body.buf;
	q->body_len = p->body.len;
	q->opts = s->o;
	q->tls = s->tls;
	client_address(c, q->address, sizeof q->address);
	ctx_init(&q->cx, "-");
	snprintf(q->cx.address, sizeof q->cx.address, "%s", q->address);
	(void)web_language(q);   /* the answers below in the client's language too */
	r->lang = q->cx.lang;
}

/* MHD's iterator: the first Content-Length into *first, and sets
 * first[1] when another differs from it. */
static enum MHD_Result length_header(void *cls, enum MHD_ValueKind kind, const char *key,
                                     const char *value)
{
	const char **v = cls;
	(void)kind;
	if (!key || strcasecmp(key, "Content-Length") != 0)
		return MHD_YES;
	if (!v[0])
		v[0] = value ? value : "";
	else if (strcmp(v[0], value ? value : "") != 0)
		v[1] = value ? value : "";
	return MHD_YES;
}

/* A request whose headers give two different lengths of its body, or NULL
 * (its second length): read by the first, the rest of the body would be
 * taken for the next request on the connection. */
static const char *two_lengths(struct MHD_Connection *c)
{
	const char *v[2] = { NULL, NULL };
	mhd.MHD_get_connection_values(c, MHD_HEADER_KIND, length_header, v);
	return v[1];
}

/* An upload (up to --upload-max) from no session, or without its CSRF
 * token, is answered before its body is read (it was read into memory
 * first, then refused), and so is a request of two lengths: 1 with r
 * filled, 0 to read it. */
static int upload_refused(struct server *s, struct MHD_Connection *c, const char *url,
                          const char *method, struct pending *p, struct web_res *r)
{
	struct kfq_err err = { 0 };
	struct web_req q;
	const char *second = two_lengths(c);
	int in;
	if (!second && (strcmp(method, "POST") != 0 || web_body_limit(s->o, url) <= s->o->body_max))
		return 0;
	request_init(s, c, url, method, p, &q, r);
	if (second)
		web_error(r, 400, "Content-Length is given twice, as %s and as %s: send one",
		          mhd.MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length"),
		          second);
	else if (!(q.db = worker_db(s, &err)))
		web_fail(&q, r, &err);
	else if ((in = web_sign_in(&q, r)) > 0)
		return 0;
	else if (in == 0)
		web_not_signed_in(&q, r);
	log_line(s, &q, r->status, &p->start);
	return 1;
}

static void request(struct server *s, struct MHD_Connection *c, const char *url,
                    const char *method, struct pending *p, struct web_res *r)
{
	struct kfq_err err = { 0 };
	struct web_req q;
	const char *twice;

	request_init(s, c, url, method, p, &q, r);
	if (p->too_large)
		web_error(r, 413, "%s (%zu bytes)", "the request body is over the limit",
		          web_body_limit(s->o, url));
	else if (!request_utf8(c, url))
		web_error(r, 400, "the address or a query parameter is not UTF-8 or holds %%00 "
		          "(percent-encode UTF-8 bytes: %%E4%%B8%%AD for 中)");
	else if ((twice = repeated_arg(c)))
		web_error(r, 400, "query parameter \"%s\" is given twice", twice);
	else if (!(q.db = worker_db(s, &err)))
		web_fail(&q, r, &err);
	else
		web_dispatch(&q, r);
	log_line(s, &q, r->status, &p->start);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version,
                                  const char *upload, size_t *upload_size, void **state)
{
	struct server *s = cls;
	struct pending *p = *state;
	struct web_res r;
	enum MHD_Result ret;
	(void)version;

	if (!p) {
		const char *cl =
			mhd.MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
		p = xcalloc(1, sizeof *p);
		sbuf_init(&p->body);
		clock_gettime(CLOCK_MONOTONIC, &p->start);
		*state = p;
		memset(&r, 0, sizeof r);
		r.total = -1;
		sbuf_init(&r.body);
		if (upload_refused(s, c, url, method, p, &r)) {
			ret = respond(c, &r, s->tls);
			sbuf_release(&r.body);
			return ret;
		}
		sbuf_release(&r.body);
		/* a body declared too large is refused before it is read */
		if (cl && strtoull(cl, NULL, 10) > web_body_limit(s->o, url))
			p->too_large = 1;
		else
			return MHD_YES;
	} else if (*upload_size > 0) {
		if (!p->too_large && p->body.len + *upload_size <= web_body_limit(s->o, url))
			sbuf_add(&p->body, upload, *upload_size);
		else
			p->too_large = 1;
		*upload_size = 0;
		return MHD_YES;
	}
	memset(&r, 0, sizeof r);
	r.total = -1;
	sbuf_init(&r.body);
	request(s, c, url, method, p, &r);
	ret = respond(c, &r, s->tls);
	sbuf_release(&r.body);
	return ret;
}

static void on_completed(void *cls, struct MHD_Connection *c, void **state,
                         enum MHD_RequestTerminationCode why)
{
	struct pending *p = *state;
	(void)cls;
	(void)c;
	(void)why;
	if (p) {
		sbuf_release(&p->body);
		free(p);
		*state = NULL;
	}
}

static char *slurp(const char *path, struct kfq_err *err)
{
	FILE *f = fopen(path, "rb");
	struct sbuf sb;
	char buf[4096];
	size_t n;
	if (!f) {
		kfq_error(err, "%s: %s", path, strerror(errno));
		return NULL;
	}
	sbuf_init(&sb);
	while ((n = fread(buf, 1, sizeof buf, f)) > 0 && sb.len < (1 << 20))
		sbuf_add(&sb, buf, n);
	fclose(f);
	return sbuf_detach(&sb);
}

static void log_mhd(void *cls, const char *fmt, va_list ap)
{
	struct server *s = cls;
	pthread_mutex_lock(&s->lock);
	fputs("kfq serve: ", s->log);
	vfprintf(s->log, fmt, ap);
	fflush(s->log);
	pthread_mutex_unlock(&s->lock);
}

static struct MHD_Daemon *start(struct server *s, struct sockaddr_in *sa, char *cert, char *key)
{
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG | MHD_USE_AUTO;
	if (cert)
		flags |= MHD_USE_TLS;
	return mhd.MHD_start_daemon(
		flags, 0, NULL, NULL, on_request, s,
		MHD_OPTION_EXTERNAL_LOGGER, log_mhd, s,
		MHD_OPTION_SOCK_ADDR, (struct sockaddr *)sa,
		MHD_OPTION_THREAD_POOL_SIZE, s->o->threads,
		MHD_OPTION_CONNECTION_TIMEOUT, s->o->timeout,
		/* 32 KiB of request headers, and room beside them for the answer
		     * (at 32 KiB a request of 16-32 KiB got none: the connection closed) */
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(64 * 1024),
		MHD_OPTION_CONNECTION_LIMIT, 1000u,
		MHD_OPTION_UNESCAPE_CALLBACK, unescape, NULL,
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, s,
		cert ? MHD_OPTION_HTTPS_MEM_CERT : MHD_OPTION_END, cert,
		MHD_OPTION_HTTPS_MEM_KEY, key,
		MHD_OPTION_END);
}

/* The port the daemon got (when 0 was asked for). */
static unsigned bound_port(struct MHD_Daemon *d)
{
	const union MHD_DaemonInfo *di = mhd.MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	return di ? di->port : 0;
}

static int wait_for_signal(void)
{
	sigset_t set;
	int sig = 0;
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	return sigwait(&set, &sig) == 0 ? sig : -1;
}

int web_serve(const struct web_opts *o, struct kfq_err *err)
{
	struct server s;
	struct sockaddr_in sa;
	struct MHD_Daemon *d;
	struct kfq_db *probe;
	char *cert = NULL, *key = NULL;
	sigset_t set;
	int rc = 0;

	if (mhd_lib_load(err) < 0)
		return -1;
	memset(&s, 0, sizeof s);
	s.o = o;
	s.log = stderr;
	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_port = htons((uint16_t)o->port);
	if (inet_pton(AF_INET, o->host, &sa.sin_addr) != 1)
		return kfq_error_field(err, "listen", "\"%s\" is not an IPv4 address "
		                       "(127.0.0.1, 0.0.0.0 ...)", o->host);
	if ((o->tls_cert != NULL) != (o->tls_key != NULL))
		return kfq_error(err, "give both --tls-cert and --tls-key, or neither");
	if (o->tls_cert) {
		if (!mhd.MHD_is_feature_supported(MHD_FEATURE_TLS))
			return kfq_error(err, "this libmicrohttpd was built without TLS; serve plain "
			                 "HTTP behind a reverse proxy (docs/web.md)");
		if (!(cert = slurp(o->tls_cert, err)) || !(key = slurp(o->tls_key, err))) {
			free(cert);
			return -1;
		}
		s.tls = 1;
	}
	if (o->static_dir) {
		struct stat sb;
		if (stat(o->static_dir, &sb) < 0 || !S_ISDIR(sb.st_mode))
			return kfq_error_field(err, "static", "\"%s\" is not a folder", o->static_dir);
	}
	/* each worker keeps the units and indicators while they stand */
	model_keep();
	/* the database must open before anyone is told the server is up */
	if (db_open(&probe, o->db_path, DB_EXISTING, err) < 0) {
		free(cert);
		free(key);
		return -1;
	}
	db_close(probe);
	if (o->log_path && !(s.log = fopen(o->log_path, "a"))) {
		kfq_error(err, "--log %s: %s", o->log_path, strerror(errno));
		free(cert);
		free(key);
		return -1;
	}
	/* A figure request allocates and frees a few megabytes of working
	 * arrays (calc/cube.c). Past glibc's default threshold (128 KiB) each
	 * would be a fresh mmap and munmap, whose page faults and TLB
	 * shootdowns across the worker threads cost more than the figures
	 * (measured: docs/benchmarks.md, "Web server"); kept in the heap they
	 * are reused. */
	mallopt(M_MMAP_THRESHOLD, 64 << 20);
	mallopt(M_TRIM_THRESHOLD, 256 << 20);
	/* a request waits at most 15 s (KFQ_BUSY_TIMEOUT when set) for another
	 * writer (a long import), then answers 503 with Retry-After rather
	 * than hold its client longer; nothing is said on the terminal */
	db_busy_wait(getenv("KFQ_BUSY_TIMEOUT") ? db_busy_seconds() : 15, NULL);
	pthread_mutex_init(&s.lock, NULL);
	/* the workers inherit a mask without SIGINT and SIGTERM: only the
	 * main thread takes them, and stops the daemon */
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);
	d = start(&s, &sa, cert, key);
	if (!d) {
		rc = kfq_error(err, "cannot listen on %s:%u (in use, or not allowed%s)", o->host, o->port,
		               s.tls ? "; or the certificate and key are not a PEM pair" : "");
	} else {
		unsigned port = bound_port(d);
		fprintf(s.log, "kfq serve: listening on %s://%s:%u/ (database %s, %u threads)\n",
		        s.tls ? "https" : "http", o->host, port, o->db_path, o->threads);
		fflush(s.log);
		if (o->ready_file) {
			FILE *f = fopen(o->ready_file, "w");
			if (f) {
				fprintf(f, "%s:%u\n", o->host, port);
				fclose(f);
			}
		}
		int sig = wait_for_signal();
		fprintf(s.log, "kfq serve: %s, stopping\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
		mhd.MHD_stop_daemon(d);
		fprintf(s.log, "kfq serve: stopped\n");
	}
	for (size_t i = 0; i < s.ndbs; i++)
		db_close(s.dbs[i]);
	free(s.dbs);
	pthread_mutex_destroy(&s.lock);
	if (s.log != stderr)
		fclose(s.log);
	free(cert);
	free(key);
	return rc;
}
