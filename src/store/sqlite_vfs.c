/* sqlite_vfs.c: the SQLite backend's file layer (SQLite's own way of
 * simulating faults): every database is opened through a VFS that passes
 * each call to the system's, except that, when a test asks for it
 * (db_inject_io_fault), the n-th write, sync or truncate from then on
 * fails as a full disk would. What SQLite does then (roll back, keep the
 * file whole) is what the tests check. Part of the SQLite backend; depends
 * on SQLite only. */
#include "store/sqlite_part.h"

#include <errno.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#define KFQ_VFS "kfq"

/* The n-th write, sync or truncate from now fails; 0: none. One countdown
 * for the process (the tests that use it run one database at a time). */
static long countdown;

struct kfile {
	sqlite3_file base;       /* must be first: SQLite's view */
	sqlite3_file *real;      /* the system VFS's file, allocated after this */
};

static sqlite3_vfs *real_vfs;

static int strikes(void)
{
	return countdown > 0 && --countdown == 0;
}

static struct kfile *kf(sqlite3_file *f)
{
	return (struct kfile *)f;
}

static int x_close(sqlite3_file *f)
{
	return kf(f)->real->pMethods->xClose(kf(f)->real);
}

static int x_read(sqlite3_file *f, void *buf, int n, sqlite3_int64 off)
{
	return kf(f)->real->pMethods->xRead(kf(f)->real, buf, n, off);
}

/* The errno of the last failed write, sync or truncate (sq_vfs_errno):
 * what SQLite's unix VFS saw, kept before anything else changes errno. */
static _Thread_local int failed_errno;

static int kept(int rc)
{
	if ((rc & 0xff) == SQLITE_IOERR || rc == SQLITE_FULL)
		failed_errno = errno;
	return rc;
}

int sq_vfs_errno(void)
{
	int e = failed_errno;
	failed_errno = 0;
	return e;
}

static int x_write(sqlite3_file *f, const void *buf, int n, sqlite3_int64 off)
{
	if (strikes())
		return SQLITE_FULL;
	return kept(kf(f)->real->pMethods->xWrite(kf(f)->real, buf, n, off));
}

static int x_truncate(sqlite3_file *f, sqlite3_int64 size)
{
	if (strikes())
		return SQLITE_IOERR_TRUNCATE;
	return kept(kf(f)->real->pMethods->xTruncate(kf(f)->real, size));
}

static int x_sync(sqlite3_file *f, int flags)
{
	if (strikes())
		return SQLITE_IOERR_FSYNC;
	return kept(kf(f)->real->pMethods->xSync(kf(f)->real, flags));
}

static int x_size(sqlite3_file *f, sqlite3_int64 *size)
{
	return kf(f)->real->pMethods->xFileSize(kf(f)->real, size);
}

static int x_lock(sqlite3_file *f, int lock)
{
	return kf(f)->real->pMethods->xLock(kf(f)->real, lock);
}

static int x_unlock(sqlite3_file *f, int lock)
{
	return kf(f)->real->pMethods->xUnlock(kf(f)->real, lock);
}

static int x_check_lock(sqlite3_file *f, int *out)
{
	return kf(f)->real->pMethods->xCheckReservedLock(kf(f)->real, out);
}

static int x_control(sqlite3_file *f, int op, void *arg)
{
	return kf(f)->real->pMethods->xFileControl(kf(f)->real, op, arg);
}

static int x_sector(sqlite3_file *f)
{
	return kf(f)->real->pMethods->xSectorSize(kf(f)->real);
}

static int x_device(sqlite3_file *f)
{
	return kf(f)->real->pMethods->xDeviceCharacteristics(kf(f)->real);
}

static int x_shm_map(sqlite3_file *f, int pg, int size, int extend, void volatile **p)
{
	return kf(f)->real->pMethods->xShmMap(kf(f)->real, pg, size, extend, p);
}

static int x_shm_lock(sqlite3_file *f, int off, int n, int flags)
{
	return kf(f)->real->pMethods->xShmLock(kf(f)->real, off, n, flags);
}

static void x_shm_barrier(sqlite3_file *f)
{
	kf(f)->real->pMethods->xShmBarrier(kf(f)->real);
}

static int x_shm_unmap(sqlite3_file *f, int del)
{
	return kf(f)->real->pMethods->xShmUnmap(kf(f)->real, del);
}

static int x_fetch(sqlite3_file *f, sqlite3_int64 off, int n, void **p)
{
	return kf(f)->real->pMethods->xFetch(kf(f)->real, off, n, p);
}

static int x_unfetch(sqlite3_file *f, sqlite3_int64 off, void *p)
{
	return kf(f)->real->pMethods->xUnfetch(kf(f)->real, off, p);
}

static const sqlite3_io_methods METHODS = {
	3, x_close, x_read, x_write, x_truncate, x_sync, x_size, x_lock, x_unlock, x_check_lock,
	x_control, x_sector, x_device, x_shm_map, x_shm_lock, x_shm_barrier, x_shm_unmap, x_fetch,
	x_unfetch,
};

static int x_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *f, int flags, int *out)
{
	struct kfile *k = kf(f);
	int rc;
	(void)vfs;
	k->real = (sqlite3_file *)(k + 1);
	rc = real_vfs->xOpen(real_vfs, name, k->real, flags, out);
	/* pass the real methods' version on: fewer than 3 means no shared memory */
	k->base.pMethods = rc == SQLITE_OK && k->real->pMethods ? &METHODS : NULL;
	return rc;
}

static int x_delete(sqlite3_vfs *vfs, const char *name, int sync)
{
	(void)vfs;
	return real_vfs->xDelete(real_vfs, name, sync);
}

static int x_access(sqlite3_vfs *vfs, const char *name, int flags, int *out)
{
	(void)vfs;
	return real_vfs->xAccess(real_vfs, name, flags, out);
}

static int x_full(sqlite3_vfs *vfs, const char *name, int n, char *out)
{
	(void)vfs;
	return real_vfs->xFullPathname(real_vfs, name, n, out);
}

static int x_random(sqlite3_vfs *vfs, int n, char *out)
{
	(void)vfs;
	return real_vfs->xRandomness(real_vfs, n, out);
}

static int x_sleep(sqlite3_vfs *vfs, int us)
{
	(void)vfs;
	return real_vfs->xSleep(real_vfs, us);
}

static int x_time(sqlite3_vfs *vfs, double *t)
{
	(void)vfs;
	return real_vfs->xCurrentTime(real_vfs, t);
}

static int x_error(sqlite3_vfs *vfs, int n, char *out)
{
	(void)vfs;
	return real_vfs->xGetLastError ? real_vfs->xGetLastError(real_vfs, n, out) : 0;
}

static int x_time64(sqlite3_vfs *vfs, sqlite3_int64 *t)
{
	(void)vfs;
	return real_vfs->xCurrentTimeInt64(real_vfs, t);
}

static sqlite3_vfs vfs = {
	2, 0, 1024, NULL, KFQ_VFS, NULL, x_open, x_delete, x_access, x_full, NULL, NULL, NULL,
	NULL, x_random, x_sleep, x_time, x_error, x_time64, NULL, NULL, NULL,
};

const char *sq_vfs(void)
{
	if (!real_vfs) {
		/* Before SQLite starts (sqlite3_vfs_find starts it): a sort keeps
		   up to SORT_MEMORY in memory before it spills to a temporary
		   file, as it did when every connection's page cache was 256 MiB
		   (SQLite sizes a sort's memory by the cache, by default, and a
		   connection that has only read now has 2 MiB: sqlite_part.h).
		   Refused when SQLite was started already: sorts spill sooner. */
		sqlite3_config(SQLITE_CONFIG_PMASZ, (unsigned)(SORT_MEMORY / 4096));
		real_vfs = sqlite3_vfs_find(NULL);
		if (!real_vfs)
			return NULL;
		vfs.szOsFile = (int)sizeof(struct kfile) + real_vfs->szOsFile;
		vfs.mxPathname = real_vfs->mxPathname;
		if (sqlite3_vfs_register(&vfs, 0) != SQLITE_OK) {
			real_vfs = NULL;
			return NULL;
		}
	}
	return KFQ_VFS;
}

void sq_vfs_fault(long n)
{
	countdown = n;
}
