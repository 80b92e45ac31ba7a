/* mhd_lib.c: libmicrohttpd, loaded when kfq serve starts (mhd_lib.h).
 * Its functions are taken from the installed library (its soname, the one
 * the Debian package libmicrohttpd12 installs), once for the process; their
 * types are microhttpd.h's, so a call is checked by the compiler as a
 * direct call would be. Depends on base and libmicrohttpd's header. */
#include "web/mhd_lib.h"

#include "base/dynlib.h"

#include <stddef.h>

#define MHD_SONAME "libmicrohttpd.so.12"

struct mhd_lib mhd;

static const struct dynlib_sym SYMS[] = {
	DYNLIB_SYM(mhd, MHD_add_response_header),
	DYNLIB_SYM(mhd, MHD_create_post_processor),
	DYNLIB_SYM(mhd, MHD_create_response_from_buffer),
	DYNLIB_SYM(mhd, MHD_create_response_from_fd64),
	DYNLIB_SYM(mhd, MHD_destroy_post_processor),
	DYNLIB_SYM(mhd, MHD_destroy_response),
	DYNLIB_SYM(mhd, MHD_get_connection_info),
	DYNLIB_SYM(mhd, MHD_get_connection_values),
	DYNLIB_SYM(mhd, MHD_get_daemon_info),
	DYNLIB_SYM(mhd, MHD_is_feature_supported),
	DYNLIB_SYM(mhd, MHD_lookup_connection_value),
	DYNLIB_SYM(mhd, MHD_post_process),
	DYNLIB_SYM(mhd, MHD_queue_response),
	DYNLIB_SYM(mhd, MHD_start_daemon),
	DYNLIB_SYM(mhd, MHD_stop_daemon),
	{ NULL, NULL },
};

static struct dynlib lib = DYNLIB_INIT(MHD_SONAME, SYMS);

int mhd_lib_load(struct kfq_err *err)
{
	const char *why = dynlib_need(&lib);
	if (why)
		return kfq_env(err, "kfq serve: its HTTP library could not be loaded (%s; the Debian "
		               "package libmicrohttpd12 installs it)", why);
	return 0;
}
