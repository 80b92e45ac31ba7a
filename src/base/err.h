/* err.h: the error value every library function fills.
 *
 * Library functions return 0 on success and -1 on failure, after filling a
 * struct kfq_err with a message a user can act on (file, line, column, value,
 * what was expected). Only front ends turn errors into exit codes.
 *
 * A user error about one input field names the field apart from its
 * message (kfq_error_field): the library says "rating" and what is wrong
 * with it, and each front end names the field its own way in front of the
 * message before it adds its own context (an import: file.csv:12: column
 * "rating": ...; the command line: --rating: ...).
 *
 * Every message is kept in English and, when its format is in the
 * catalogue (base/msg.h), in Chinese, formatted from the same arguments;
 * a prefix goes on both (translated when its own format is catalogued).
 * A front end shows kfq_err_msg(err, lang). Depends on base/msg only. */
#ifndef KFQ_ERR_H
#define KFQ_ERR_H

#include <stddef.h>

#include "base/msg.h"

enum kfq_errkind {
	KFQ_OK = 0,
	KFQ_EUSER = 1,   /* the user's input was wrong: exit 1 */
	KFQ_EFAULT = 2,  /* an internal or system fault: exit 2 */
	KFQ_EENV = 3,    /* the machine stopped the work, not the input nor kfq: a full
	                    disk, out of memory, a read-only database, another writer
	                    past the wait; exit 1. Like a fault it is no row's error:
	                    the work stops and its transaction is undone. */
};

struct kfq_err {
	enum kfq_errkind kind;
	char msg[2048];  /* the message in English */
	char zh[2048];   /* the message in Chinese, "" when its format has no translation */
	char field[48];  /* the input field a user error is about ("rating"), "" when none */
};

/* Set a user error (kind KFQ_EUSER); returns -1 so callers can `return kfq_error(...)`. */
int kfq_error(struct kfq_err *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Set a user error about input field `field` (an identifier: "rating",
 * "raised_by"); the message says what is wrong without naming the field.
 * Returns -1. */
int kfq_error_field(struct kfq_err *err, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Name the input field the current error is about, keeping its message
 * and kind: a parser's message about a value ("not a number: \"12,3x\"")
 * becomes a message about field `field`. Returns -1. */
int kfq_err_set_field(struct kfq_err *err, const char *field);
/* Set an internal fault (kind KFQ_EFAULT); returns -1. */
int kfq_fault(struct kfq_err *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Set an error of the environment (kind KFQ_EENV); returns -1. */
int kfq_env(struct kfq_err *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Put "prefix: " before the current message, keeping its kind and field.
 * Returns -1. */
int kfq_err_prefix(struct kfq_err *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Set the current message's Chinese text outright, for a message whose
 * arguments are words themselves (a status, a step) that the catalogue
 * cannot translate: call it after kfq_error() with the Chinese format and
 * the Chinese words. Returns -1. */
int kfq_err_zh(struct kfq_err *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void kfq_err_clear(struct kfq_err *err);
/* The message in language lang: the Chinese text when there is one,
 * else the English. */
const char *kfq_err_msg(const struct kfq_err *err, enum kfq_lang lang);

#endif
