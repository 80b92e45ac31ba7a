/* testutil.h: what every cmocka unit test includes. */
#ifndef KFQ_TESTUTIL_H
#define KFQ_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "base/err.h"

/* Assert that err holds a user error whose message contains `needle`. */
#define assert_err_has(errp, needle) do { \
	if (strstr((errp)->msg, (needle)) == NULL) \
		fail_msg("error message \"%s\" does not contain \"%s\"", (errp)->msg, (needle)); \
} while (0)

#endif
