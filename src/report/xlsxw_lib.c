/* xlsxw_lib.c: libxlsxwriter, loaded when kfq first writes a workbook
 * (xlsxw_lib.h). Its functions are taken from the installed library (its
 * soname, the one the Debian package libxlsxwriter4 installs), once for
 * the process; their types are xlsxwriter.h's, so a call is checked by the
 * compiler as a direct call would be. Depends on base and libxlsxwriter's
 * header. */
#include "report/xlsxw_lib.h"

#include "base/dynlib.h"

#include <stddef.h>

#define XLSXW_SONAME "libxlsxwriter.so.4"

struct xlsxw_lib lxw;

static const struct dynlib_sym SYMS[] = {
	DYNLIB_SYM(lxw, format_set_align),
	DYNLIB_SYM(lxw, format_set_bg_color),
	DYNLIB_SYM(lxw, format_set_bold),
	DYNLIB_SYM(lxw, format_set_border),
	DYNLIB_SYM(lxw, format_set_font_size),
	DYNLIB_SYM(lxw, format_set_num_format),
	DYNLIB_SYM(lxw, format_set_text_wrap),
	DYNLIB_SYM(lxw, format_set_unlocked),
	DYNLIB_SYM(lxw, lxw_strerror),
	DYNLIB_SYM(lxw, workbook_add_format),
	DYNLIB_SYM(lxw, workbook_add_worksheet),
	DYNLIB_SYM(lxw, workbook_close),
	DYNLIB_SYM(lxw, workbook_new),
	DYNLIB_SYM(lxw, worksheet_data_validation_range),
	DYNLIB_SYM(lxw, worksheet_fit_to_pages),
	DYNLIB_SYM(lxw, worksheet_freeze_panes),
	DYNLIB_SYM(lxw, worksheet_merge_range),
	DYNLIB_SYM(lxw, worksheet_protect),
	DYNLIB_SYM(lxw, worksheet_set_column),
	DYNLIB_SYM(lxw, worksheet_set_paper),
	DYNLIB_SYM(lxw, worksheet_set_row),
	DYNLIB_SYM(lxw, worksheet_write_blank),
	DYNLIB_SYM(lxw, worksheet_write_comment),
	DYNLIB_SYM(lxw, worksheet_write_formula_num),
	DYNLIB_SYM(lxw, worksheet_write_number),
	DYNLIB_SYM(lxw, worksheet_write_string),
	{ NULL, NULL },
};

static struct dynlib lib = DYNLIB_INIT(XLSXW_SONAME, SYMS);

int xlsxw_lib_load(const char *path, struct kfq_err *err)
{
	const char *why = dynlib_need(&lib);
	if (why)
		return kfq_env(err, "%s: cannot write a workbook: its library could not be loaded "
		               "(%s; the Debian package libxlsxwriter4 installs it)", path, why);
	return 0;
}
