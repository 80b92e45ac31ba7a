/* uscc.h: the unified social credit code (统一社会信用代码, GB 32100-2015)
 * that names an organisation in China: 18 characters of the 31-character
 * set 0-9 A-H J-N P-R T U W-Y (no I, O, Z, S, V), the last a check
 * character over the other 17. A pure function, no database. Depends on
 * base/err only. */
#ifndef KFQ_USCC_H
#define KFQ_USCC_H

#include "base/err.h"

#define USCC_LEN 18

/* Check text as a USCC: spaces around it are dropped, lower-case letters
 * taken as upper-case; the 18 characters are written to out (NUL-ended).
 * Returns 0, or -1 with err saying what is wrong (the length, a character
 * outside the set, or the check character, naming the expected one). */
int uscc_parse(const char *text, char out[USCC_LEN + 1], struct kfq_err *err);

/* The check character of the first 17 characters of code (each in the
 * set, upper-case); 0 when one is not. */
char uscc_check_char(const char *code17);

#endif
