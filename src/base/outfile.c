/* outfile.c: an output file written whole or not at all (outfile.h). */
#include "base/outfile.h"
#include "base/xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void reset(struct outfile *o)
{
	free(o->target);
	free(o->tmp);
	memset(o, 0, sizeof *o);
}

/* Create the temporary file (or open a target that is not a regular file
 * in place); *fd the open descriptor. */
static int create(struct outfile *o, const char *path, unsigned mode, int *fd,
                  struct kfq_err *err)
{
	struct stat st;
	char *real;
	memset(o, 0, sizeof *o);
	if (!path || !*path)
		return kfq_error(err, "no output file named");
	/* a link to a file: the file it names is replaced, the link kept */
	o->target = lstat(path, &st) == 0 && S_ISLNK(st.st_mode) && (real = realpath(path, NULL))
	            ? real : xstrdup(path);
	path = o->target;
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		if ((*fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC)) < 0) {
			kfq_error(err, "%s: %s", path, strerror(errno));
			reset(o);
			return -1;
		}
		o->write_path = o->target;
		return 0;
	}
	o->tmp = xasprintf("%s.kfq-XXXXXX", path);
	if ((*fd = mkostemp(o->tmp, O_CLOEXEC)) < 0) {
		kfq_error(err, "%s: %s", path, strerror(errno));
		reset(o);
		return -1;
	}
	/* the mode as open(2) would give it, under the process's umask (read
	   back at once: kfq sets no umask of its own) */
	mode_t um = umask(022);
	umask(um);
	if (fchmod(*fd, (mode_t)mode & ~um) != 0) {
		kfq_error(err, "%s: %s", path, strerror(errno));
		close(*fd);
		unlink(o->tmp);
		reset(o);
		return -1;
	}
	o->write_path = o->tmp;
	return 0;
}

/* The stream's writes, keeping the first failure's errno (stdio keeps only
 * an error flag, and errno is long gone by the time the file is closed). */
static ssize_t cookie_write(void *cookie, const char *buf, size_t n)
{
	struct outfile *o = cookie;
	size_t done = 0;
	while (done < n) {
		ssize_t w = write(o->fd, buf + done, n - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			if (!o->failed)
				o->failed = w < 0 ? errno : ENOSPC;
			return done ? (ssize_t)done : -1;
		}
		done += (size_t)w;
	}
	return (ssize_t)done;
}

static int cookie_close(void *cookie)
{
	struct outfile *o = cookie;
	int rc = 0;
	if (o->tmp && fsync(o->fd) != 0 && errno != EINVAL && !o->failed)
		o->failed = errno;
	if (close(o->fd) != 0 && !o->failed)
		o->failed = errno;
	o->fd = -1;
	if (o->failed)
		rc = -1;
	return rc;
}

int outfile_open(struct outfile *o, const char *path, unsigned mode, struct kfq_err *err)
{
	cookie_io_functions_t io = { NULL, cookie_write, NULL, cookie_close };
	int fd;
	if (create(o, path, mode, &fd, err) < 0)
		return -1;
	o->fd = fd;
	if (!(o->fp = fopencookie(o, "w", io))) {
		kfq_error(err, "%s: %s", path, strerror(errno));
		close(fd);
		o->fd = -1;
		outfile_abort(o);
		return -1;
	}
	return 0;
}

int outfile_open_named(struct outfile *o, const char *path, unsigned mode, struct kfq_err *err)
{
	int fd;
	if (create(o, path, mode, &fd, err) < 0)
		return -1;
	close(fd);   /* the writer opens it by name */
	return 0;
}

int outfile_commit(struct outfile *o, struct kfq_err *err)
{
	int e = 0;
	if (o->fp) {
		int lost = ferror(o->fp);
		if (fclose(o->fp) != 0 || lost)   /* flushes, syncs, closes (cookie_close) */
			e = o->failed ? o->failed : -1;
		o->fp = NULL;
	} else if (o->tmp) {
		int fd = open(o->tmp, O_WRONLY | O_CLOEXEC);
		if (fd < 0 || fsync(fd) != 0)
			e = errno;
		if (fd >= 0)
			close(fd);
	}
	if (!e && o->tmp && rename(o->tmp, o->target) != 0)
		e = errno;
	if (e) {
		if (e < 0)
			kfq_error(err, "%s: not everything could be written (is the disk full?)", o->target);
		else
			kfq_error(err, "%s: %s", o->target, strerror(e));
		outfile_abort(o);
		return -1;
	}
	reset(o);
	return 0;
}

void outfile_abort(struct outfile *o)
{
	if (o->fp)
		fclose(o->fp);
	if (o->tmp)
		unlink(o->tmp);
	reset(o);
}

int stream_check(FILE *fp, const char *name, struct kfq_err *err)
{
	int lost = ferror(fp);
	errno = 0;
	if (fflush(fp) != 0)
		return kfq_error(err, "%s: %s", name, strerror(errno ? errno : EIO));
	if (lost)
		return kfq_error(err, "%s: not everything could be written (is the disk full?)", name);
	return 0;
}
