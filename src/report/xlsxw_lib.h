/* xlsxw_lib.h: libxlsxwriter's functions, which kfq calls as lxw.xxx (a
 * workbook written: report/xlsx_out.c, report/form_out.c). The library is
 * loaded when kfq first writes a workbook, not at every start: with the
 * ZIP and crypto libraries it brings it was half of the loader's work at
 * each start, for every command. Depends on base and libxlsxwriter's
 * header. */
#ifndef KFQ_XLSXW_LIB_H
#define KFQ_XLSXW_LIB_H

#include <xlsxwriter.h>

#include "base/err.h"

struct xlsxw_lib {
	__typeof__(format_set_align) *format_set_align;
	__typeof__(format_set_bg_color) *format_set_bg_color;
	__typeof__(format_set_bold) *format_set_bold;
	__typeof__(format_set_border) *format_set_border;
	__typeof__(format_set_font_size) *format_set_font_size;
	__typeof__(format_set_num_format) *format_set_num_format;
	__typeof__(format_set_text_wrap) *format_set_text_wrap;
	__typeof__(format_set_unlocked) *format_set_unlocked;
	__typeof__(lxw_strerror) *lxw_strerror;
	__typeof__(workbook_add_format) *workbook_add_format;
	__typeof__(workbook_add_worksheet) *workbook_add_worksheet;
	__typeof__(workbook_close) *workbook_close;
	__typeof__(workbook_new) *workbook_new;
	__typeof__(worksheet_data_validation_range) *worksheet_data_validation_range;
	__typeof__(worksheet_fit_to_pages) *worksheet_fit_to_pages;
	__typeof__(worksheet_freeze_panes) *worksheet_freeze_panes;
	__typeof__(worksheet_merge_range) *worksheet_merge_range;
	__typeof__(worksheet_protect) *worksheet_protect;
	__typeof__(worksheet_set_column) *worksheet_set_column;
	__typeof__(worksheet_set_paper) *worksheet_set_paper;
	__typeof__(worksheet_set_row) *worksheet_set_row;
	__typeof__(worksheet_write_blank) *worksheet_write_blank;
	__typeof__(worksheet_write_comment) *worksheet_write_comment;
	__typeof__(worksheet_write_formula_num) *worksheet_write_formula_num;
	__typeof__(worksheet_write_number) *worksheet_write_number;
	__typeof__(worksheet_write_string) *worksheet_write_string;
};
extern struct xlsxw_lib lxw;

/* 0, or -1 with the reason (an environment error: the library is not
 * installed); path names the workbook being written. */
int xlsxw_lib_load(const char *path, struct kfq_err *err);

#endif
