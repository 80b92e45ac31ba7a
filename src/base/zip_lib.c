/* zip_lib.c: libzip, loaded when kfq first reads an XLSX or writes a DOCX
 * (zip_lib.h). Its functions are taken from the installed library (its
 * soname, the one the Debian package libzip4 installs), once for the
 * process; their types are zip.h's, so a call is checked by the compiler
 * as a direct call would be. Depends on base and libzip's header. */
#include "base/zip_lib.h"

#include "base/dynlib.h"

#include <stddef.h>

#define ZIP_SONAME "libzip.so.4"

struct zip_lib libzip;

static const struct dynlib_sym SYMS[] = {
	DYNLIB_SYM(libzip, zip_close),
	DYNLIB_SYM(libzip, zip_discard),
	DYNLIB_SYM(libzip, zip_error_code_zip),
	DYNLIB_SYM(libzip, zip_error_fini),
	DYNLIB_SYM(libzip, zip_error_init),
	DYNLIB_SYM(libzip, zip_error_set),
	DYNLIB_SYM(libzip, zip_error_strerror),
	DYNLIB_SYM(libzip, zip_fclose),
	DYNLIB_SYM(libzip, zip_file_add),
	DYNLIB_SYM(libzip, zip_file_get_error),
	DYNLIB_SYM(libzip, zip_file_set_mtime),
	DYNLIB_SYM(libzip, zip_fopen_index),
	DYNLIB_SYM(libzip, zip_fread),
	DYNLIB_SYM(libzip, zip_get_error),
	DYNLIB_SYM(libzip, zip_name_locate),
	DYNLIB_SYM(libzip, zip_open_from_source),
	DYNLIB_SYM(libzip, zip_source_buffer),
	DYNLIB_SYM(libzip, zip_source_buffer_create),
	DYNLIB_SYM(libzip, zip_source_close),
	DYNLIB_SYM(libzip, zip_source_free),
	DYNLIB_SYM(libzip, zip_source_keep),
	DYNLIB_SYM(libzip, zip_source_open),
	DYNLIB_SYM(libzip, zip_source_read),
	DYNLIB_SYM(libzip, zip_source_stat),
	DYNLIB_SYM(libzip, zip_stat_index),
	DYNLIB_SYM(libzip, zip_stat_init),
	DYNLIB_SYM(libzip, zip_strerror),
	{ NULL, NULL },
};

static struct dynlib lib = DYNLIB_INIT(ZIP_SONAME, SYMS);

int zip_lib_load(const char *what, struct kfq_err *err)
{
	const char *why = dynlib_need(&lib);
	if (why)
		return kfq_env(err, "%s: cannot read or write XLSX or DOCX: the ZIP library "
		               "could not be loaded (%s; the Debian package libzip4 installs it)",
		               what, why);
	return 0;
}
