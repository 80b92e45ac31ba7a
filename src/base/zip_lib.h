/* zip_lib.h: libzip's functions, which kfq calls as libzip.zip_xxx (an
 * XLSX read, base/xlsx.c; a DOCX written, report/tmpl_docx.c). libzip is
 * loaded when first needed, not at every start of kfq: with OpenSSL's
 * libcrypto, which it brings, it was half of the loader's work at each
 * start, for every command. Depends on base and libzip's header. */
#ifndef KFQ_ZIP_LIB_H
#define KFQ_ZIP_LIB_H

#include <zip.h>

#include "base/err.h"

struct zip_lib {
	__typeof__(zip_close) *zip_close;
	__typeof__(zip_discard) *zip_discard;
	__typeof__(zip_error_code_zip) *zip_error_code_zip;
	__typeof__(zip_error_fini) *zip_error_fini;
	__typeof__(zip_error_init) *zip_error_init;
	__typeof__(zip_error_set) *zip_error_set;
	__typeof__(zip_error_strerror) *zip_error_strerror;
	__typeof__(zip_fclose) *zip_fclose;
	__typeof__(zip_file_add) *zip_file_add;
	__typeof__(zip_file_get_error) *zip_file_get_error;
	__typeof__(zip_file_set_mtime) *zip_file_set_mtime;
	__typeof__(zip_fopen_index) *zip_fopen_index;
	__typeof__(zip_fread) *zip_fread;
	__typeof__(zip_get_error) *zip_get_error;
	__typeof__(zip_name_locate) *zip_name_locate;
	__typeof__(zip_open_from_source) *zip_open_from_source;
	__typeof__(zip_source_buffer) *zip_source_buffer;
	__typeof__(zip_source_buffer_create) *zip_source_buffer_create;
	__typeof__(zip_source_close) *zip_source_close;
	__typeof__(zip_source_free) *zip_source_free;
	__typeof__(zip_source_keep) *zip_source_keep;
	__typeof__(zip_source_open) *zip_source_open;
	__typeof__(zip_source_read) *zip_source_read;
	__typeof__(zip_source_stat) *zip_source_stat;
	__typeof__(zip_stat_index) *zip_stat_index;
	__typeof__(zip_stat_init) *zip_stat_init;
	__typeof__(zip_strerror) *zip_strerror;
};
extern struct zip_lib libzip;

/* 0, or -1 with the reason (an environment error: the library is not
 * installed); what names the file being read or written. */
int zip_lib_load(const char *what, struct kfq_err *err);

#endif
