/* copy.c: kfq copy --from DB --to DB: a whole database copied into a new,
 * empty one, either way between a SQLite file and a PostgreSQL server
 * (store/copy.c does it), then the rows of every table printed. */
#include "cli/cli.h"
#include "store/copy.h"

#include <stddef.h>

struct copy_args {
	struct cli_args h;
	const char *from, *to;
};

#define A struct copy_args
static const struct optdef OPTS[] = {
	OPTION("from", OPT_TEXT, A, from, "DB",
	  "the database to copy: a file, or postgresql://..."),
	OPTION("to", OPT_TEXT, A, to, "DB",
	  "the new database: a file or a server's (created when missing; it must hold no data)"),
	OPTION_END,
};
#undef A
static const struct copy_args DEFAULTS = { .h = { .sub = -1 } };

static int run(struct cli *cli, void *args)
{
	struct copy_args *a = args;
	struct kfq_db *from = NULL, *to = NULL;
	struct copy_result res = { 0 };
	int rc = EXIT_OK;

	if (!a->from || !a->to) {
		kfq_error(&cli->err, "copy: --%s is required (usage: kfq copy --from DB --to DB)",
		          a->from ? "to" : "from");
		return cli_fail(cli);
	}
	if (db_open(&from, a->from, DB_EXISTING, &cli->err) < 0 ||
	    db_open(&to, a->to, DB_CREATE, &cli->err) < 0 ||
	    db_copy(&cli->cx, from, to, &res, &cli->err) < 0) {
		rc = cli_fail(cli);
	} else {
		for (size_t t = 0; t < res.n; t++)
			if (res.rows[t])
				fprintf(cli->out, "%-16s %lld\n", res.table[t], (long long)res.rows[t]);
		cli_say(cli, "copied %lld rows from %s to %s\n", (long long)res.total, db_name(from),
		        db_name(to));
	}
	copy_result_release(&res);
	db_close(to);
	db_close(from);
	return rc;
}

const struct cmd CMD_COPY = {
	{ "copy", "--from DB --to DB",
	  "copy a whole database, history included, into a new one (SQLite file ↔ PostgreSQL)", 0,
	  0, OPTS, NULL,
	  "All or nothing: the new database holds every row of the old, table by table, or\n"
	  "nothing. A zone joins a province's server with kfq copy --from zone.db --to\n"
	  "postgresql://host/province?options=-csearch_path%3Dzone1.\n", NULL },
	run, 0, sizeof(struct copy_args), &DEFAULTS,
};
