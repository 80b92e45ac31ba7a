/* err.c: filling struct kfq_err. Depends on nothing but libc. */
#include "base/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int set(struct kfq_err *err, enum kfq_errkind kind, const char *fmt, va_list ap)
{
	if (err) {
		err->kind = kind;
		err->field[0] = '\0';
		vsnprintf(err->msg, sizeof err->msg, fmt, ap);
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

int kfq_err_prefix(struct kfq_err *err, const char *fmt, ...)
{
	char prefix[512], old[sizeof err->msg];
	va_list ap;

	if (!err)
		return -1;
	va_start(ap, fmt);
	vsnprintf(prefix, sizeof prefix, fmt, ap);
	va_end(ap);
	memcpy(old, err->msg, sizeof old);
	{
		size_t pl = strnlen(prefix, sizeof prefix - 1);
		if (pl + 2 >= sizeof err->msg)
			pl = 0;
		memcpy(err->msg, prefix, pl);
		memcpy(err->msg + pl, ": ", 2);
		memcpy(err->msg + pl + 2, old, sizeof err->msg - pl - 3);
		err->msg[sizeof err->msg - 1] = '\0';
	}
	if (err->kind == KFQ_OK)
		err->kind = KFQ_EFAULT;
	return -1;
}

void kfq_err_clear(struct kfq_err *err)
{
	err->kind = KFQ_OK;
	err->msg[0] = '\0';
	err->field[0] = '\0';
}
