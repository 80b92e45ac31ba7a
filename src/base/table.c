/* table.c: table_each, a tabular file on disk to rows.
 *
 * Maps the file into memory (or reads it whole when it cannot be mapped),
 * tells XLSX from CSV by the content ("PK\3\4" starts a ZIP archive), and
 * hands the bytes to csv.c or xlsx.c. Knows nothing of either format beyond
 * that. Depends on base (err, xalloc) only. */
#include "base/table.h"
#include "base/xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

/* Read what is left of fd (a pipe, a device: what cannot be mapped), at
 * most TABLE_SLURP_MAX bytes (/dev/zero would otherwise be read until
 * memory runs out); *out is a new buffer the caller frees. */
#define TABLE_SLURP_MAX ((size_t)1 << 30)
static int table_slurp(const char *path, int fd, char **out, size_t *len,
                       struct kfq_err *err)
{
	size_t cap = 1 << 16, n = 0;
	char *buf = xmalloc(cap);

	for (;;) {
		ssize_t got;
		if (n >= TABLE_SLURP_MAX) {
			free(buf);
			return kfq_error(err, "%s: more than 1 GiB from a pipe or a device, where kfq "
			                 "reads at most that much (expected a file: save it as one)", path);
		}
		if (n == cap) {
			cap *= 2;
			buf = xrealloc(buf, cap);
		}
		got = read(fd, buf + n, cap - n);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			free(buf);
			return kfq_error(err, "%s: cannot read: %s", path, strerror(errno));
		}
		if (got == 0)
			break;
		/* a NUL in what should be text: enough read for the CSV reader to
		   refuse it, naming where (the ZIP of an XLSX is binary) */
		if (memchr(buf + n, '\0', (size_t)got) && !(n + (size_t)got >= 4 &&
		    memcmp(buf, "PK\3\4", 4) == 0)) {
			n += (size_t)got;
			break;
		}
		n += (size_t)got;
	}
	*out = buf;
	*len = n;
	return 0;
}

int table_each(const char *path, const char *sheet, table_row_fn fn, void *ctx,
               struct kfq_err *err)
{
	struct stat st;
	char *data = NULL;
	void *map = MAP_FAILED;
	size_t len = 0;
	int fd, rc;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return kfq_error(err, "%s: cannot open: %s", path, strerror(errno));
	if (fstat(fd, &st) != 0) {
		rc = kfq_error(err, "%s: cannot open: %s", path, strerror(errno));
		close(fd);
		return rc;
	}
	if (S_ISDIR(st.st_mode)) {
		close(fd);
		return kfq_error(err, "%s: is a directory, not a CSV or XLSX file", path);
	}
	if (S_ISREG(st.st_mode) && st.st_size > 0) {
		map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
		if (map != MAP_FAILED) {
			madvise(map, (size_t)st.st_size, MADV_SEQUENTIAL);
			data = map;
			len = (size_t)st.st_size;
		}
	}
	if (map == MAP_FAILED && table_slurp(path, fd, &data, &len, err) != 0) {
		close(fd);
		return -1;
	}
	close(fd);

	if (len >= 4 && memcmp(data, "PK\3\4", 4) == 0)
		rc = table_each_xlsx(path, data, len, sheet, fn, ctx, err);
	else if (len >= 8 && memcmp(data, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0)
		rc = kfq_error(err, "%s: an old Excel .xls workbook; save it as .xlsx or as "
		               "\"CSV UTF-8\"", path);
	else if (sheet)
		rc = kfq_error(err, "%s: a sheet (\"%s\") was asked for, but this is a CSV file, "
		               "which has no sheets", path, sheet);
	else
		rc = table_each_csv(path, data, len, fn, ctx, err);

	if (map != MAP_FAILED)
		munmap(map, len);
	else
		free(data);
	return rc;
}
