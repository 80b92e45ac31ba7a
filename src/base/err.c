/* err.c: filling struct kfq_err, in English and, through the catalogue
 * (base/msg.h), in Chinese. Depends on base/msg only. */
#include "base/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int set(struct kfq_err *err, enum kfq_errkind kind, const char *fmt, va_list ap)
{
	if (err) {
		const char *zh = msg_zh(fmt);
		va_list again;
		err->kind = kind;
		err->field[0] = '\0';
		va_copy(again, ap);
		vsnprintf(err->msg, sizeof err->msg, fmt, ap);
		if (zh)
			vsnprintf(err->zh, sizeof err->zh, zh, again);
		else
			err->zh[0] = '\0';
		va_end(again);
	}
	return -1;
}

int kfq_error(struct kfq_err *err, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	set(err, KFQ_EUSER, fmt, ap);
	va_end(ap);
	return -1;
}

int kfq_error_field(struct kfq_err *err, const char *field, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	set(err, KFQ_EUSER, fmt, ap);
	va_end(ap);
	if (err)
		snprintf(err->field, sizeof err->field, "%s", field ? field : "");
	return -1;
}

int kfq_err_set_field(struct kfq_err *err, const char *field)
{
	if (err) {
		snprintf(err->field, sizeof err->field, "%s", field ? field : "");
		if (err->kind == KFQ_OK)
			err->kind = KFQ_EFAULT;
	}
	return -1;
}

int kfq_fault(struct kfq_err *err, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	set(err, KFQ_EFAULT, fmt, ap);
	va_end(ap);
	return -1;
}

int kfq_env(struct kfq_err *err, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	set(err, KFQ_EENV, fmt, ap);
	va_end(ap);
	return -1;
}

/* msg (a buffer of size n) becomes "prefix: msg", cut to fit. */
static void put_prefix(char *msg, size_t n, const char *prefix)
{
	char old[sizeof ((struct kfq_err *)0)->msg];
	size_t pl = strnlen(prefix, n - 1);

	if (pl + 2 >= n)
		pl = 0;
	memcpy(old, msg, n < sizeof old ? n : sizeof old);
	memcpy(msg, prefix, pl);
	memcpy(msg + pl, ": ", 2);
	memcpy(msg + pl + 2, old, n - pl - 3);
	msg[n - 1] = '\0';
}

int kfq_err_prefix(struct kfq_err *err, const char *fmt, ...)
{
	char prefix[512];
	va_list ap;

	if (!err)
		return -1;
	if (err->zh[0]) {
		/* the Chinese message's prefix: translated when its format is
		 * catalogued, else the English one */
		const char *zh = msg_zh(fmt);
		char zprefix[512];
		va_start(ap, fmt);
		vsnprintf(zprefix, sizeof zprefix, zh ? zh : fmt, ap);
		va_end(ap);
		put_prefix(err->zh, sizeof err->zh, zprefix);
	}
	va_start(ap, fmt);
	vsnprintf(prefix, sizeof prefix, fmt, ap);
	va_end(ap);
	put_prefix(err->msg, sizeof err->msg, prefix);
	if (err->kind == KFQ_OK)
		err->kind = KFQ_EFAULT;
	return -1;
}

int kfq_err_zh(struct kfq_err *err, const char *fmt, ...)
{
	va_list ap;
	if (!err)
		return -1;
	va_start(ap, fmt);
	vsnprintf(err->zh, sizeof err->zh, fmt, ap);
	va_end(ap);
	return -1;
}

void kfq_err_clear(struct kfq_err *err)
{
	err->kind = KFQ_OK;
	err->msg[0] = '\0';
	err->zh[0] = '\0';
	err->field[0] = '\0';
}

const char *kfq_err_msg(const struct kfq_err *err, enum kfq_lang lang)
{
	return lang == KFQ_ZH && err->zh[0] ? err->zh : err->msg;
}
