/* narrow.h: the full-width forms of ASCII (全角: ０-９, Ａ-Ｚ, ．, －, （ …,
 * U+FF01-FF5E) that a Chinese input method types in place of ASCII, the
 * ideographic space (U+3000) and the minus sign (U+2212), read as the ASCII
 * they stand for, so that ２０１７年８月 is a period and １２３４．５ a number.
 * Depends on nothing. */
#ifndef KFQ_NARROW_H
#define KFQ_NARROW_H

#include <stddef.h>

/* s with those forms made ASCII: s itself when it has none, else buf (n
 * bytes), or s when the narrowed text does not fit in buf. */
const char *text_narrow(const char *s, char *buf, size_t n);

#endif
