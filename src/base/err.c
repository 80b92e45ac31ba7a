/* err.c: filling struct kfq_err, in English and, through the catalogue
 * (base/msg.h), in Chinese. Depends on base/msg only. */
#include "base/err.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* The system's words for the errors a user can act on (strerror's, which
 * kfq, running in the C locale, gets in English) in Chinese. */
static const struct {
	int e;
	const char *zh;
} SYS_ZH[] = {
	{ ENOENT, "没有该文件或目录" }, { EACCES, "没有权限" }, { EPERM, "不允许的操作" },
	{ ENOSPC, "磁盘空间不足" }, { EDQUOT, "超出磁盘配额" }, { EROFS, "只读文件系统" },
	{ EISDIR, "是一个文件夹" }, { ENOTDIR, "不是文件夹" }, { EEXIST, "文件已存在" },
	{ ENOMEM, "内存不足" }, { EIO, "输入输出错误" }, { ENAMETOOLONG, "文件名太长" },
	{ EMFILE, "打开的文件太多" }, { EBUSY, "设备或资源忙" }, { ETXTBSY, "文件正被使用" },
	{ EFBIG, "文件太大" }, { ECONNREFUSED, "连接被拒绝" }, { EADDRINUSE, "地址已被占用" },
	{ ETIMEDOUT, "连接超时" }, { EHOSTUNREACH, "无法访问该主机" },
};

/* In the Chinese message s (a buffer of n bytes), the system's English
 * words for an error in Chinese, the first that is found: 1 when one
 * was. */
static int sys_words_zh(char *s, size_t n)
{
	for (size_t i = 0; i < sizeof SYS_ZH / sizeof SYS_ZH[0]; i++) {
		char buf[128];
		const char *en = strerror_r(SYS_ZH[i].e, buf, sizeof buf);
		char *p = en && *en ? strstr(s, en) : NULL;
		if (p) {
			char rest[sizeof ((struct kfq_err *)0)->zh];
			snprintf(rest, sizeof rest, "%s", p + strlen(en));
			snprintf(p, n - (size_t)(p - s), "%s%s", SYS_ZH[i].zh, rest);
			return 1;
		}
	}
	return 0;
}

static int set(struct kfq_err *err, enum kfq_errkind kind, const char *fmt, va_list ap)
{
	if (err) {
		const char *zh = msg_zh(fmt);
		va_list again;
		err->kind = kind;
		err->field[0] = '\0';
		va_copy(again, ap);
		vsnprintf(err->msg, sizeof err->msg, fmt, ap);
		if (zh) {
			vsnprintf(err->zh, sizeof err->zh, zh, again);
			sys_words_zh(err->zh, sizeof err->zh);
		} else {
			/* untranslated, but a file's error ("%s: %s", the path and
			 * the system's words) is Chinese with the words in Chinese */
			memcpy(err->zh, err->msg, sizeof err->zh);
			if (!sys_words_zh(err->zh, sizeof err->zh))
				err->zh[0] = '\0';
		}
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
