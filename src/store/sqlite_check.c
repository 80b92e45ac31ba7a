/* sqlite_check.c: whether a SQLite database's pages are whole before it is
 * written to (db.h, db_check_every; issue 13): PRAGMA quick_check inside
 * the handle's first write transaction, a damaged database refused with
 * nothing changed.
 *
 * A file up to db_check_every bytes is checked there and then (40 ms on
 * the demo). A bigger one is checked once a day, and that check (4.9 s on
 * a province's 1.1 GB) runs beside the write rather than before it: on a
 * second, reading connection whose snapshot is taken before the write
 * changes anything, so it sees the file as it was, which is what must be
 * whole; in its own thread, while the import parses and writes. The
 * commit waits for it (sq_check_end) and a damaged file is rolled back,
 * nothing committed, with the same message as the check before the write;
 * a rollback stops it. Part of the SQLite backend; depends on
 * store/backend.h and SQLite. */
#include "store/backend.h"
#include "store/schema.h"
#include "store/sqlite_part.h"
#include "base/sbuf.h"
#include "base/xalloc.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* A check running beside the write. */
struct sq_bg_check {
	sqlite3 *h;            /* its reading connection, in a read transaction */
	pthread_t thread;
	struct sbuf found;     /* what quick_check found, "; " between (empty: whole) */
	int n;                 /* how many things it found */
	int rc;                /* the last step's code */
	char *errmsg;          /* the connection's message when the step failed */
};

/* Add the lines of one row of quick_check's answer to what, without the
 * "*** in database main ***" before them; *n counts them. 1 when the row
 * is the first and says "ok": the pages are whole. */
static int found_add(const char *t, struct sbuf *what, int *n)
{
	if (*n == 0 && t && strcmp(t, "ok") == 0)
		return 1;
	for (const char *l = t ? t : "?", *e; *l; l = *e ? e + 1 : e) {
		e = strchr(l, '\n');
		if (!e)
			e = l + strlen(l);
		if (strncmp(l, "*** in database", 15) != 0 && e > l)
			sbuf_addf(what, "%s%.*s", (*n)++ ? "; " : "", (int)(e - l), l);
	}
	return 0;
}

/* Step st (PRAGMA quick_check) to its end, what it finds into what; the
 * last step's code. */
static int quick_check_run(sqlite3_stmt *st, struct sbuf *what, int *n)
{
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (found_add((const char *)sqlite3_column_text(st, 0), what, n))
			return SQLITE_DONE;
	return rc;
}

static int damaged(struct kfq_db *db, const char *what, struct kfq_err *err)
{
	return kfq_env(err, "%s: the database is damaged (PRAGMA quick_check: %s): nothing was "
	               "changed; restore it from a backup (kfq still reads what is whole, and "
	               "`sqlite3 %s .recover` salvages what it can)", db->name, what, db->name);
}

static void *bg_run(void *arg)
{
	struct sq_bg_check *bg = arg;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(bg->h, "PRAGMA quick_check(3)", -1, &st, NULL) != SQLITE_OK) {
		bg->rc = sqlite3_extended_errcode(bg->h);
		bg->errmsg = xstrdup(sqlite3_errmsg(bg->h));
		return NULL;
	}
	bg->rc = quick_check_run(st, &bg->found, &bg->n);
	if (bg->rc != SQLITE_DONE)
		bg->errmsg = xstrdup(sqlite3_errmsg(bg->h));
	sqlite3_finalize(st);
	return NULL;
}

static void bg_free(struct sq_bg_check *bg)
{
	sqlite3_close_v2(bg->h);
	sbuf_release(&bg->found);
	free(bg->errmsg);
	free(bg);
}

/* Start the check of db beside its write: 1 when it runs, 0 when it cannot
 * (no second connection, no thread), and the caller checks there and then. */
static int bg_start(struct kfq_db *db)
{
	struct sq_bg_check *bg;
	if (!sqlite3_threadsafe())
		return 0;
	bg = xcalloc(1, sizeof *bg);
	sbuf_init(&bg->found);
	/* the snapshot is taken here, before the write changes a page */
	if (sqlite3_open_v2(db->name, &bg->h, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX,
	                    sq_vfs()) != SQLITE_OK ||
	    sqlite3_busy_timeout(bg->h, 5000) != SQLITE_OK ||
	    sqlite3_exec(bg->h, "BEGIN; SELECT count(*) FROM sqlite_schema", NULL, NULL,
	                 NULL) != SQLITE_OK) {
		bg_free(bg);
		return 0;
	}
	if (pthread_create(&bg->thread, NULL, bg_run, bg) != 0) {
		bg_free(bg);
		return 0;
	}
	((struct sq_db *)db->be)->bg = bg;
	return 1;
}

int sq_check(struct kfq_db *db, const struct kfq_ctx *cx, struct kfq_err *err)
{
	struct stat fs;
	sqlite3_stmt *st;
	struct sbuf what;
	char today[16] = "";
	int rc, n = 0, daily;

	if (strcmp(db->name, ":memory:") == 0 || stat(db->name, &fs) != 0)
		return 0;
	/* (while the schema is migrated, meta may not be there yet) */
	daily = (int64_t)fs.st_size > db_check_every && sq_version(db) == schema_count();
	if (daily) {
		char *last = db_meta_get(db, "quick_check");
		int done;
		if (cx)
			ctx_today_iso(cx, today, sizeof today);
		done = last && strcmp(last, today) == 0;
		free(last);
		if (done)
			return 0;
		/* started before this transaction writes anything (its snapshot);
		   the day is marked now and kept only if the commit finds the
		   pages whole (a failure here: the rollback stops the check) */
		if (bg_start(db))
			return today[0] ? db_meta_set(db, "quick_check", today, err) : 0;
	}
	/* with a small page cache: filling the big one with every page costs
	   more than reading them (60 of the 100 ms on the demo) */
	if (sq_exec(db, "PRAGMA cache_size = -2000", err) < 0)
		return -1;
	if (sqlite3_prepare_v2(sq_handle(db), "PRAGMA quick_check(3)", -1, &st, NULL) != SQLITE_OK)
		return db_fault(db, err, "checking the database's pages");
	sbuf_init(&what);
	rc = quick_check_run(st, &what, &n);
	if (rc != SQLITE_DONE) {
		/* a page too damaged to check: said below as what the check found */
		if ((sqlite3_extended_errcode(sq_handle(db)) & 0xff) != SQLITE_CORRUPT &&
		    sq_env_error(db, err) < 0) {
			sqlite3_finalize(st);
			sbuf_release(&what);
			return -1;
		}
		sbuf_addf(&what, "%s%s", n++ ? "; " : "", sqlite3_errmsg(sq_handle(db)));
	}
	sqlite3_finalize(st);
	if (sq_exec(db, CACHE_WRITING, err) < 0) {
		sbuf_release(&what);
		return -1;
	}
	if (n)
		damaged(db, what.buf, err);
	sbuf_release(&what);
	if (n)
		return -1;
	return daily && today[0] ? db_meta_set(db, "quick_check", today, err) : 0;
}

int sq_check_end(struct kfq_db *db, int commit, struct kfq_err *err)
{
	struct sq_db *s = db->be;
	struct sq_bg_check *bg = s ? s->bg : NULL;
	int rc = 0;
	if (!bg)
		return 0;
	if (!commit)
		sqlite3_interrupt(bg->h);
	pthread_join(bg->thread, NULL);
	s->bg = NULL;
	if (!commit) {
		/* stopped, and the day's mark rolled back with the transaction:
		   the handle's next write is checked again */
		rc = 1;
	} else if (bg->rc == SQLITE_NOMEM) {
		rc = kfq_env(err, "%s: out of memory: the change was not saved", db->name);
	} else {
		if (bg->rc != SQLITE_DONE)   /* a page too damaged to check */
			sbuf_addf(&bg->found, "%s%s", bg->n++ ? "; " : "",
			          bg->errmsg ? bg->errmsg : "?");
		if (bg->n)
			rc = damaged(db, bg->found.buf, err);
	}
	bg_free(bg);
	return rc;
}
