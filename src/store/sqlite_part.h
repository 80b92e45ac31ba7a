/* sqlite_part.h: private to the SQLite backend (sqlite.c, sqlite_check.c,
 * sqlite_vfs.c): a database's state, the functions its files share, and
 * the file layer every database is opened through. Depends on SQLite. */
#ifndef KFQ_SQLITE_PART_H
#define KFQ_SQLITE_PART_H

#include <sqlite3.h>
#include <time.h>

struct kfq_db;
struct kfq_ctx;
struct kfq_err;
struct sq_bg_check;

/* The backend's state of one database. */
struct sq_db {
	sqlite3 *h;
	struct timespec wait_start;   /* when the current wait for a writer began */
	int told;                     /* that wait's notice was given */
	int gave_up;                  /* the last wait ran past db_wait.seconds */
	struct timespec queued;       /* when this writer began to wait among the
	                                 process's writers (sqlite.c writers) */
	int queued_told;              /* that wait's notice was given */
	int in_queue;                 /* queued holds: SQLite's wait counts from it */
	struct sq_bg_check *bg;       /* the pages' check running beside the first
	                                 write (sqlite_check.c), or NULL */
};

/* The page cache of a connection: 2 MiB (SQLite's default) while it has
 * only read, up to 256 MiB from its first write transaction on, which an
 * import of a province fills. A reader's pages come from the system's
 * file cache at the cost of a copy; each page of a big cache is new memory
 * to fault in, which cost a province's bulletin a third of its time (0.13
 * → 0.09 s, 27 → 20 MB: docs/benchmarks.md). */
#define CACHE_READING "PRAGMA cache_size = -2000"
#define CACHE_WRITING "PRAGMA cache_size = -262144"
/* What a sort may hold in memory before it spills to a temporary file
 * (sqlite_vfs.c): what the 256 MiB cache gave it. */
#define SORT_MEMORY (256L << 20)

/* sqlite.c: the connection of db (NULL when not open); sql run on it, a
 * failure into err (the machine's errors told plainly); the schema
 * version; when the last error is the machine's, err filled and -1. */
sqlite3 *sq_handle(struct kfq_db *db);
int sq_exec(struct kfq_db *db, const char *sql, struct kfq_err *err);
int sq_version(struct kfq_db *db);
int sq_env_error(struct kfq_db *db, struct kfq_err *err);

/* sqlite_check.c: whether the database's pages are whole (backend.h, check
 * and check_end). */
int sq_check(struct kfq_db *db, const struct kfq_ctx *cx, struct kfq_err *err);
int sq_check_end(struct kfq_db *db, int commit, struct kfq_err *err);

/* The name of kfq's VFS (registered on first use), or NULL when it could
 * not be (then the system's is used). */
const char *sq_vfs(void);
/* The n-th write, sync or truncate from now fails as a full disk; 0: off. */
void sq_vfs_fault(long n);
/* The errno of this thread's last write, sync or truncate that failed
 * (EFBIG past ulimit -f, ENOSPC ...), then 0 until another fails. */
int sq_vfs_errno(void);

#endif
