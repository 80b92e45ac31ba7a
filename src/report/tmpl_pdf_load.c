/* tmpl_pdf_load.c: tmpl_write_pdf (see template.h) through the PDF
 * renderer kept in its own shared object, kfq-pdf.so, beside the program.
 *
 * The renderer (tmpl_pdf.c) needs pango, cairo, fontconfig and glib: some
 * forty libraries that every start of kfq would otherwise map and
 * relocate, for a command that writes PDF now and then. So they are
 * loaded only when a PDF is written: the renderer is built as kfq-pdf.so
 * (`make` puts it beside ./kfq, the sanitizer build beside build/san/kfq)
 * and found beside the running program; the few kfq functions it calls
 * are exported to it by the program (the Makefile's --dynamic-list).
 * Depends on base and report (template.h). */
#include "report/template.h"

#include <dlfcn.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define PDF_PLUGIN "kfq-pdf.so"

/* The renderer's path: kfq-pdf.so in the running program's folder. */
static int plugin_path(char *buf, size_t size)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	char *slash;
	int w;

	if (n <= 0)
		return -1;
	exe[n] = '\0';
	if (!(slash = strrchr(exe, '/')))
		return -1;
	*slash = '\0';
	w = snprintf(buf, size, "%s/%s", exe, PDF_PLUGIN);
	return w > 0 && (size_t)w < size ? 0 : -1;
}

int tmpl_write_pdf(const struct tmpl_doc *doc, const char *header, const char *path,
                   struct kfq_err *err)
{
	char so[PATH_MAX + 16];
	void *h;
	tmpl_pdf_fn *write_pdf;
	int rc;

	if (plugin_path(so, sizeof so) < 0)
		return kfq_env(err, "%s: cannot write PDF: the folder of the kfq program is not known "
		               "(its renderer, %s, is looked for there)", path, PDF_PLUGIN);
	if (access(so, R_OK) != 0)
		return kfq_env(err, "%s: cannot write PDF: its renderer %s is missing (make builds it "
		               "beside kfq; install the two together)", path, so);
	if (!(h = dlopen(so, RTLD_NOW | RTLD_LOCAL)))
		return kfq_env(err, "%s: cannot write PDF: %s", path, dlerror());
	*(void **)(&write_pdf) = dlsym(h, "tmpl_pdf_write");
	if (!write_pdf) {
		rc = kfq_env(err, "%s: cannot write PDF: %s is not kfq's renderer (%s)", path, so,
		             dlerror());
	} else {
		rc = write_pdf(doc, header, path, err);
	}
	/* kept loaded: pango and glib cannot be unloaded safely */
	return rc;
}
