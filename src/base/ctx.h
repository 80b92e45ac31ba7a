/* ctx.h: the context of one call into the library: who acts, what day and
 * time it is, and the language of what is shown.
 *
 * Nothing in the library reads these from the environment or fixes them
 * when a database opens: a front end fills a context for each call (the
 * command line from the OS user and the system clock, or KFQ_USER,
 * KFQ_TODAY and KFQ_NOW; the web server from the logged-in account of each
 * request) and the library passes it on. Tests set the clock through it.
 * Depends on base/date and base/err (whose base/msg names the
 * languages) only. */
#ifndef KFQ_CTX_H
#define KFQ_CTX_H

#include "base/date.h"
#include "base/err.h"

struct kfq_ctx {
	char who[64];          /* the acting account, recorded in the history */
	struct date today;     /* "today": lateness, deadlines, the year's elapsed share */
	char now[32];          /* the instant, ISO 8601 UTC (2017-10-01T08:00:00Z): history stamps */
	enum kfq_lang lang;    /* Chinese by default */
	char address[64];      /* the client's address (a web request's) for the audit log;
	                          "" on the command line */
};

/* A context for account who (NULL or "": "unknown") on the system clock
 * (UTC), in Chinese. */
void ctx_init(struct kfq_ctx *cx, const char *who);

/* Set the clock's day from text (any form date_parse accepts); -1 with a
 * message naming what when it is not a date. The instant is left alone. */
int ctx_set_today(struct kfq_ctx *cx, const char *iso, const char *what, struct kfq_err *err);

/* Set the instant (2017-10-01T08:00:00Z, or a day alone: its midnight);
 * -1 with a message naming what when it is not one. The day is left alone. */
int ctx_set_now(struct kfq_ctx *cx, const char *iso, const char *what, struct kfq_err *err);

/* Set the language from "zh" or "en" (also zh_CN, en_US.UTF-8 ...); -1
 * with a message naming what when it is neither. */
int ctx_set_lang(struct kfq_ctx *cx, const char *s, const char *what, struct kfq_err *err);

/* today as ISO 8601 (2017-10-01) into buf (at least 11 bytes). */
void ctx_today_iso(const struct kfq_ctx *cx, char *buf, size_t n);

#endif
