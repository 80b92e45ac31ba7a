/* fuzz_import.c: libFuzzer harness for an import as a whole (io/import.c
 * and every kind's rows), into a small database of its own.
 *
 * The input's first line names the kind (units, data, case-events ... as
 * kfq import takes it; another word: data); the rest is the file, CSV or
 * XLSX. Each input gets a fresh database in memory holding a zone, a park,
 * two enterprises, a project and three indicators, and is imported twice
 * (a dry run, then for real) and, when it was taken, once more. Checked:
 * nothing crashes or leaks; a refusal says something and changes nothing
 * (every row of every table as before); the dry run refuses exactly what
 * the import refuses; a file taken once is taken again with nothing added
 * or changed (importing the same file twice changes nothing). Depends on
 * io, store and base. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/sbuf.h"
#include "io/import.h"
#include "store/db.h"
#include "store/schema.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char UNITS[] =
	"code,name,kind,parent\n"
	"z,开发区,zone,\np,一园,park,z\ne1,甲公司,enterprise,p\ne2,乙公司,enterprise,p\n";
static const char INDS[] =
	"code,name_zh,measure,kind,agg,decimals\n"
	"sales,销售收入,万元,flow,sum,2\nstaff,从业人员,人,stock,sum,0\n"
	"rate,增长率,%,stock,none,1\n";

/* Write bytes to a new temporary file; its name into path. */
static int put_file(char *path, size_t n, const void *bytes, size_t len)
{
	const char *dir = getenv("TMPDIR");
	FILE *f;
	int fd;
	snprintf(path, n, "%s/kfq_fuzz_XXXXXX", dir && *dir ? dir : "/tmp");
	if ((fd = mkstemp(path)) < 0)
		return -1;
	if (!(f = fdopen(fd, "wb"))) {
		close(fd);
		unlink(path);
		return -1;
	}
	if (len && fwrite(bytes, 1, len, f) != len) {
		fclose(f);
		unlink(path);
		return -1;
	}
	return fclose(f) == 0 ? 0 : -1;
}

static int run(struct kfq_db *db, const struct kfq_ctx *cx, const char *kind, const void *bytes,
               size_t len, int dry, struct import_result *res, struct kfq_err *err)
{
	struct import_opts o = { 0 };
	char path[512];
	int rc;
	memset(res, 0, sizeof *res);
	kfq_err_clear(err);
	if (put_file(path, sizeof path, bytes, len) < 0)
		abort();
	o.kind = kind;
	o.path = path;
	o.dry_run = dry;
	rc = import_run(cx, db, &o, res, err);
	unlink(path);
	if (rc != 0 && rc != -1)
		abort();
	if (rc < 0 && !err->msg[0])
		abort();   /* a refusal always says why */
	return rc;
}

/* Every row of every table but the import log, as text. */
static char *content(struct kfq_db *db)
{
	struct sbuf sb;
	sbuf_init(&sb);
	for (size_t t = 0; SCHEMA_TABLES[t]; t++) {
		char sql[128];
		struct kfq_stmt *st;
		struct kfq_err err;
		int rc;
		if (strcmp(SCHEMA_TABLES[t], "import_log") == 0)
			continue;
		snprintf(sql, sizeof sql, "SELECT * FROM %s", SCHEMA_TABLES[t]);
		if (db_prepare(db, sql, &st, &err) < 0)
			abort();
		sbuf_addf(&sb, "%s\n", SCHEMA_TABLES[t]);
		while ((rc = st_step(st)) == ST_ROW) {
			for (int c = 0; c < st_columns(st); c++)
				sbuf_addf(&sb, "%s\t", st_null(st, c) ? "\\N" : st_text(st, c));
			sbuf_addc(&sb, '\n');
		}
		st_finalize(st);
		if (rc != ST_DONE)
			abort();
	}
	return sbuf_detach(&sb);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nl = memchr(data, '\n', size);
	char kind[32] = "data";
	const uint8_t *file = nl ? nl + 1 : data + size;
	size_t flen = (size_t)(data + size - file), klen = nl ? (size_t)(nl - data) : size;
	struct import_result res;
	struct kfq_err err = { 0 };
	struct kfq_ctx cx;
	struct kfq_db *db;
	char *before, *after;
	int rc, dry;

	for (size_t i = 0; IMPORT_KINDS[i]; i++)
		if (strlen(IMPORT_KINDS[i]) == klen && memcmp(IMPORT_KINDS[i], data, klen) == 0)
			snprintf(kind, sizeof kind, "%s", IMPORT_KINDS[i]);
	ctx_init(&cx, "fuzz");
	if (ctx_set_now(&cx, "2018-01-31T00:00:00Z", "now", &err) < 0 ||
	    ctx_set_today(&cx, "2018-01-31", "today", &err) < 0)
		abort();
	if (db_open(&db, ":memory:", DB_CREATE, &err) < 0)
		abort();
	if (run(db, &cx, "units", UNITS, sizeof UNITS - 1, 0, &res, &err) < 0)
		abort();
	import_result_release(&res);
	if (run(db, &cx, "indicators", INDS, sizeof INDS - 1, 0, &res, &err) < 0)
		abort();
	import_result_release(&res);

	before = content(db);
	dry = run(db, &cx, kind, file, flen, 1, &res, &err);
	import_result_release(&res);
	after = content(db);
	if (strcmp(before, after) != 0)
		abort();   /* a dry run writes nothing */
	free(after);
	rc = run(db, &cx, kind, file, flen, 0, &res, &err);
	import_result_release(&res);
	if (rc != dry)
		abort();   /* the dry run takes the same path */
	if (rc < 0) {
		after = content(db);
		if (strcmp(before, after) != 0)
			abort();   /* all or nothing */
		free(after);
	} else {
		if (run(db, &cx, kind, file, flen, 0, &res, &err) != 0 || res.added || res.changed)
			abort();   /* the same file again changes nothing */
		import_result_release(&res);
	}
	free(before);
	db_close(db);
	return 0;
}
