/* sqlite_part.h: private to the SQLite backend (sqlite.c, sqlite_vfs.c):
 * the file layer every database is opened through. Depends on nothing. */
#ifndef KFQ_SQLITE_PART_H
#define KFQ_SQLITE_PART_H

/* The name of kfq's VFS (registered on first use), or NULL when it could
 * not be (then the system's is used). */
const char *sq_vfs(void);
/* The n-th write, sync or truncate from now fails as a full disk; 0: off. */
void sq_vfs_fault(long n);
/* The errno of this thread's last write, sync or truncate that failed
 * (EFBIG past ulimit -f, ENOSPC ...), then 0 until another fails. */
int sq_vfs_errno(void);

#endif
