/* ctx.c: the context of a call: account, clock, language (see ctx.h).
 * Reads the system clock, never the environment. Depends on base/date and
 * base/err. */
#include "base/ctx.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

void ctx_init(struct kfq_ctx *cx, const char *who)
{
	time_t t = time(NULL);
	struct tm tm;

	memset(cx, 0, sizeof *cx);
	snprintf(cx->who, sizeof cx->who, "%s", who && *who ? who : "unknown");
	gmtime_r(&t, &tm);
	cx->today.year = tm.tm_year + 1900;
	cx->today.month = tm.tm_mon + 1;
	cx->today.day = tm.tm_mday;
	strftime(cx->now, sizeof cx->now, "%Y-%m-%dT%H:%M:%SZ", &tm);
	cx->lang = KFQ_ZH;
}

int ctx_set_today(struct kfq_ctx *cx, const char *iso, const char *what, struct kfq_err *err)
{
	struct date d;
	if (date_parse(iso, &d, err) < 0)
		return kfq_err_prefix(err, "%s", what);
	cx->today = d;
	return 0;
}

/* Whether s is hh:mm:ss followed by Z or nothing. */
static int is_time(const char *s)
{
	int h, m, sec, n = 0;
	if (sscanf(s, "%2d:%2d:%2d%n", &h, &m, &sec, &n) != 3 || n != 8)
		return 0;
	if (h > 23 || m > 59 || sec > 60)
		return 0;
	return strcmp(s + n, "Z") == 0 || s[n] == '\0';
}

int ctx_set_now(struct kfq_ctx *cx, const char *iso, const char *what, struct kfq_err *err)
{
	char day[16];
	const char *t = strchr(iso, 'T');
	size_t len = t ? (size_t)(t - iso) : strlen(iso);
	struct date d;

	if (len >= sizeof day || (t && !is_time(t + 1)))
		return kfq_error(err, "%s: \"%s\" is not a time (expected 2017-10-01T08:00:00Z or "
		                 "2017-10-01)", what, iso);
	memcpy(day, iso, len);
	day[len] = '\0';
	if (date_parse(day, &d, err) < 0)
		return kfq_error(err, "%s: \"%s\" is not a time (expected 2017-10-01T08:00:00Z or "
		                 "2017-10-01)", what, iso);
	if (t)
		snprintf(cx->now, sizeof cx->now, "%04d-%02d-%02dT%.8sZ", d.year, d.month, d.day,
		         t + 1);
	else
		snprintf(cx->now, sizeof cx->now, "%04d-%02d-%02dT00:00:00Z", d.year, d.month, d.day);
	return 0;
}

int ctx_set_lang(struct kfq_ctx *cx, const char *s, const char *what, struct kfq_err *err)
{
	if (strncasecmp(s, "zh", 2) == 0 && (s[2] == '\0' || s[2] == '_' || s[2] == '-'))
		cx->lang = KFQ_ZH;
	else if (strncasecmp(s, "en", 2) == 0 && (s[2] == '\0' || s[2] == '_' || s[2] == '-'))
		cx->lang = KFQ_EN;
	else
		return kfq_error(err, "%s: \"%s\" is not a language (expected zh or en)", what, s);
	return 0;
}

void ctx_today_iso(const struct kfq_ctx *cx, char *buf, size_t n)
{
	date_format(&cx->today, buf, n);
}
