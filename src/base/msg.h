/* msg.h: the language of what is shown, and the catalogue of the library's
 * messages in Chinese.
 *
 * A message's English printf format is its key; its Chinese format, with
 * the same conversions in the same order (test_msg checks every entry), is
 * the value. err.c looks a message up when it is set, so a struct kfq_err
 * carries both texts and each front end shows the one its user reads.
 * The catalogue is po/zh_CN.po, a GNU gettext PO file that translators
 * edit; the build makes it this C table (scripts/po2c, build/gen/msg_zh.c).
 * A format missing from it, or fuzzy there, stays English. Depends on nothing but libc. */
#ifndef KFQ_MSG_H
#define KFQ_MSG_H

#include <stddef.h>

enum kfq_lang { KFQ_ZH = 0, KFQ_EN = 1 };

struct msg {
	const char *en;   /* the English format, as passed to kfq_error() */
	const char *zh;   /* the Chinese format: the same conversions, in order */
};

/* The catalogue, in the PO file's order, and its length. */
extern const struct msg MSG_ZH[];
extern const size_t MSG_ZH_COUNT;

/* The Chinese format of English format en, or NULL when it has none. */
const char *msg_zh(const char *en);

/* 1 when formats a and b consume the same arguments in the same order
 * (each conversion's length modifier and kind, and every * width or
 * precision); flags, widths and precisions written as digits may differ,
 * as may everything between the conversions. */
int msg_same_conversions(const char *a, const char *b);

#endif
