/* outfile.h: an output file written whole or not at all.
 *
 * outfile_open creates a temporary file beside the target (the same
 * folder, so that the rename cannot cross file systems); the caller writes
 * to o->fp (or, for a library that opens the file by name such as
 * libxlsxwriter, to the file named o->write_path after outfile_open_named);
 * outfile_commit checks every write, flushes, syncs and closes, then
 * renames the file onto the target. On any error the temporary file is
 * removed and the target is left as it was: never a partial file under the
 * target's name, never an exit 0 after a failed write. A target that exists
 * and is not a regular file (/dev/stdout, /dev/full, a pipe) is written in
 * place, its errors checked the same way; a target that is a link to a
 * file replaces the file it names and keeps the link.
 *
 * mode is the new file's permissions (0644, or 0600 for a file that holds
 * personal data) under the umask; an existing target's own mode is not
 * kept. The stream writes through the struct: keep it in place (no copy)
 * until outfile_commit or outfile_abort. */
#ifndef KFQ_OUTFILE_H
#define KFQ_OUTFILE_H

#include "base/err.h"

#include <stdio.h>

struct outfile {
	FILE *fp;                 /* after outfile_open; NULL after outfile_open_named */
	const char *write_path;   /* the file to write: the temporary one, or the target */
	char *target;
	char *tmp;                /* NULL when the target is written in place */
	int fd;                   /* under fp */
	int failed;               /* the errno of the first write that failed, 0 */
};

int outfile_open(struct outfile *o, const char *path, unsigned mode, struct kfq_err *err);
/* The same without a stream: whoever writes opens o->write_path itself. */
int outfile_open_named(struct outfile *o, const char *path, unsigned mode, struct kfq_err *err);
/* Finish: 0, or -1 with err ("PATH: No space left on device") and nothing
 * left under the target's name that was not there before. */
int outfile_commit(struct outfile *o, struct kfq_err *err);
/* Give up (after an error of the caller's): the temporary file removed. */
void outfile_abort(struct outfile *o);

/* Whether everything written to fp (standard output …) reached it: its
 * error flag and a last flush. 0, or -1 with err naming `name`. */
int stream_check(FILE *fp, const char *name, struct kfq_err *err);

#endif
