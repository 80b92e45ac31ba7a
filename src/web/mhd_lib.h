/* mhd_lib.h: libmicrohttpd's functions, which the web server calls as
 * mhd.MHD_xxx. The library is loaded by kfq serve (web_serve), not at
 * every start of kfq: with GnuTLS and what it brings it was a sixth of
 * the loader's work at each start of the program. Depends on
 * libmicrohttpd's header. */
#ifndef KFQ_MHD_LIB_H
#define KFQ_MHD_LIB_H

#include <microhttpd.h>

#include "base/err.h"

struct mhd_lib {
	__typeof__(MHD_add_response_header) *MHD_add_response_header;
	__typeof__(MHD_create_post_processor) *MHD_create_post_processor;
	__typeof__(MHD_create_response_from_buffer) *MHD_create_response_from_buffer;
	__typeof__(MHD_create_response_from_fd64) *MHD_create_response_from_fd64;
	__typeof__(MHD_destroy_post_processor) *MHD_destroy_post_processor;
	__typeof__(MHD_destroy_response) *MHD_destroy_response;
	__typeof__(MHD_get_connection_info) *MHD_get_connection_info;
	__typeof__(MHD_get_connection_values) *MHD_get_connection_values;
	__typeof__(MHD_get_daemon_info) *MHD_get_daemon_info;
	__typeof__(MHD_is_feature_supported) *MHD_is_feature_supported;
	__typeof__(MHD_lookup_connection_value) *MHD_lookup_connection_value;
	__typeof__(MHD_post_process) *MHD_post_process;
	__typeof__(MHD_queue_response) *MHD_queue_response;
	__typeof__(MHD_start_daemon) *MHD_start_daemon;
	__typeof__(MHD_stop_daemon) *MHD_stop_daemon;
};
extern struct mhd_lib mhd;

/* 0, or -1 with the reason (an environment error: the library is not
 * installed). */
int mhd_lib_load(struct kfq_err *err);

#endif
