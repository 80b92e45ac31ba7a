/* banned.h: the C library's string functions that write past a buffer or
 * keep hidden state, made a compile error anywhere in kfq (git's way: the
 * Makefile includes this header before every source file, with -include).
 * Use snprintf, a struct sbuf (base/sbuf.h) or strtok_r instead. The
 * headers that declare them are included first, so that their declarations
 * are not touched. Depends on nothing. */
#ifndef KFQ_BANNED_H
#define KFQ_BANNED_H

#include <stdio.h>
#include <string.h>

#define BANNED(func) sorry_##func##_is_a_banned_function_in_kfq

#undef strcpy
#define strcpy(x, y) BANNED(strcpy)
#undef strcat
#define strcat(x, y) BANNED(strcat)
#undef sprintf
#define sprintf(...) BANNED(sprintf)
#undef vsprintf
#define vsprintf(...) BANNED(vsprintf)
#undef gets
#define gets(x) BANNED(gets)
#undef strtok
#define strtok(x, y) BANNED(strtok)

#endif
