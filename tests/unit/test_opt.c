/* test_opt.c: unit tests for the command line's option tables
 * (src/cli/opt.c): typed values into an argument struct, subcommands and
 * the options each takes, required options, "did you mean", and the help
 * generated from the same table. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>

#include "cli/opt.h"

struct targs {
	struct cli_args h;
	const char *unit;
	struct period period;
	struct date date;
	long limit;
	int late;
	int fmt;
};

static const char *const FMTS[] = { "table", "csv", "json", NULL };
static const char *const FMTS_ZH[] = { "表格", "逗号分隔", "JSON", NULL };

#define A struct targs
static const struct optdef OPTS[] = {
	OPTION("unit", OPT_TEXT, A, unit, "CODE", "the unit"),
	OPTION("period", OPT_PERIOD, A, period, "P", "stats: the period"),
	OPTION("date", OPT_DATE, A, date, "D", "list, stats: the day"),
	OPTION("limit", OPT_INT, A, limit, "N", "list: at most N"),
	OPTION("late", OPT_FLAG, A, late, NULL, "list: only the late ones"),
	OPTION_CHOICE("format", A, fmt, "F", "the format", FMTS, FMTS_ZH),
	OPTION_END,
};
#undef A

static const struct subdef SUBS[] = {
	{ "list", NULL, { "date", "limit", "late", "format", NULL }, "the list" },
	{ "stats", NULL, { "!period", "date", "unit", NULL }, "the figures" },
	{ "show", "CODE", { "format", NULL }, "one of them" },
	{ NULL, NULL, { NULL }, NULL },
};

static const struct optcmd PLAIN = { "thing", "NAME", "a thing", 1, 1, OPTS, NULL, NULL, NULL };
static const struct optcmd WITH_SUBS = { "things", NULL, "things", 0, 0, OPTS, SUBS,
                                         "More words.\n", NULL };

/* Parse a NULL-terminated argv into a fresh struct with defaults. */
static int parse(const struct optcmd *c, struct targs *a, struct kfq_err *err, ...)
{
	char *argv[16];
	int argc = 0;
	va_list ap;
	memset(a, 0, sizeof *a);
	a->limit = 100;
	a->fmt = -1;
	va_start(ap, err);
	for (char *s; argc < 16 && (s = va_arg(ap, char *)) != NULL;)
		argv[argc++] = s;
	va_end(ap);
	kfq_err_clear(err);
	return opt_parse(c, argc, argv, a, stdout, 0, err);
}

static void test_typed_values(void **state)
{
	struct targs a;
	struct kfq_err err;
	(void)state;
	assert_int_equal(parse(&PLAIN, &a, &err, "x", "--unit", "dy", "--period=2017年1-8月",
	                       "--date", "2017/3/5", "--limit", "7", "--late", "--format", "csv",
	                       NULL), 0);
	assert_int_equal(a.h.npos, 1);
	assert_string_equal(a.h.pos[0], "x");
	assert_string_equal(a.unit, "dy");
	/* 1-8月: a year to date, January to August */
	assert_int_equal(a.period.year, 2017);
	assert_int_equal(a.period.first, 1);
	assert_int_equal(a.period.last, 8);
	assert_int_equal(a.date.day, 5);
	assert_int_equal(a.limit, 7);
	assert_int_equal(a.late, 1);
	assert_int_equal(a.fmt, 1);   /* csv */
	assert_true(opt_given(&PLAIN, &a, "limit"));
	assert_true(opt_given(&PLAIN, &a, "date"));
	/* a choice by its Chinese name */
	assert_int_equal(parse(&PLAIN, &a, &err, "x", "--format", "逗号分隔", NULL), 0);
	assert_int_equal(a.fmt, 1);
	/* not given: the defaults stay */
	assert_int_equal(parse(&PLAIN, &a, &err, "x", NULL), 0);
	assert_int_equal(a.limit, 100);
	assert_int_equal(a.fmt, -1);
	assert_null(a.unit);
	assert_int_equal(a.period.year, 0);
	assert_false(opt_given(&PLAIN, &a, "limit"));
}

static void test_bad_values(void **state)
{
	struct targs a;
	struct kfq_err err;
	(void)state;
	assert_int_equal(parse(&PLAIN, &a, &err, "x", "--limit", "7x", NULL), -1);
	assert_int_equal(err.kind, KFQ_EUSER);
	assert_err_has(&err, "thing: --limit: \"7x\" is not a whole number");
	assert_int_equal(parse(&PLAIN, &a, &err, "x", "--limit", "-1", NULL), -1);
	assert_err_has(&err, "\"-1\" is not a whole number (expected N, 0 or more)");
	assert_int_equal(parse(&PLAIN, &a, &err, "x", "--date", "2017-02-30", NULL), -1);
	assert_err_has(&err, "thing: --date");
	assert_int_equal(parse(&PLAIN, &a, &err, "x", "--period", "2017-13", NULL), -1);
	assert_err_has(&err, "thing: --period");
	assert_int_equal(parse(&PLAIN, &a, &err, "x", "--format", "jsno", NULL), -1);
	assert_err_has(&err, "--format: \"jsno\" is not one of table, csv, json; or 表格, 逗号分隔, "
	               "JSON (did you mean json?)");
	assert_int_equal(parse(&PLAIN, &a, &err, "x", "--unit", NULL), -1);
	assert_err_has(&err, "--unit needs a value (CODE)");
	assert_int_equal(parse(&PLAIN, &a, &err, "x", "--unit=", NULL), -1);
	assert_err_has(&err, "--unit: the value is empty");
	assert_int_equal(parse(&PLAIN, &a, &err, "x", "--late=1", NULL), -1);
	assert_err_has(&err, "--late takes no value");
	assert_int_equal(parse(&PLAIN, &a, &err, NULL), -1);
	assert_err_has(&err, "thing: missing argument (usage: kfq thing NAME)");
	assert_int_equal(parse(&PLAIN, &a, &err, "x", "y", NULL), -1);
	assert_err_has(&err, "unexpected argument \"y\"");
}

static void test_did_you_mean(void **state)
{
	static const char *const NAMES[] = { "period", "unit", "date", "limit" };
	struct targs a;
	struct kfq_err err;
	(void)state;
	/* one letter dropped, two swapped, one changed */
	assert_string_equal(opt_closest("perod", NAMES, 4), "period");
	assert_string_equal(opt_closest("uint", NAMES, 4), "unit");
	assert_string_equal(opt_closest("dote", NAMES, 4), "date");
	/* nothing near */
	assert_null(opt_closest("zzzzzz", NAMES, 4));
	assert_int_equal(parse(&PLAIN, &a, &err, "x", "--perod", "2017", NULL), -1);
	assert_err_has(&err, "thing: unknown option --perod (did you mean --period?)");
	assert_int_equal(parse(&PLAIN, &a, &err, "x", "--zzzzzz", NULL), -1);
	assert_err_has(&err, "unknown option --zzzzzz (see kfq thing --help)");
	assert_int_equal(parse(&WITH_SUBS, &a, &err, "lsit", NULL), -1);
	assert_err_has(&err, "unknown subcommand \"lsit\" (did you mean list? expected list, stats "
	               "or show)");
}

static void test_subcommands(void **state)
{
	struct targs a;
	struct kfq_err err;
	(void)state;
	assert_int_equal(parse(&WITH_SUBS, &a, &err, "show", "p1", "--format", "json", NULL), 0);
	assert_int_equal(a.h.sub, 2);
	assert_int_equal(a.h.npos, 1);
	assert_string_equal(a.h.pos[0], "p1");
	/* an option the subcommand does not take, before or after it */
	assert_int_equal(parse(&WITH_SUBS, &a, &err, "show", "p1", "--late", NULL), -1);
	assert_err_has(&err, "things show: --late does not apply (it takes --format)");
	assert_int_equal(parse(&WITH_SUBS, &a, &err, "--late", "show", "p1", NULL), -1);
	assert_err_has(&err, "things show: --late does not apply");
	/* a required option */
	assert_int_equal(parse(&WITH_SUBS, &a, &err, "stats", NULL), -1);
	assert_err_has(&err, "things stats: --period is required (P: ");
	assert_int_equal(parse(&WITH_SUBS, &a, &err, "stats", "--period", "2017", NULL), 0);
	assert_int_equal(a.h.sub, 1);
	/* the positional argument: required by show, refused by list */
	assert_int_equal(parse(&WITH_SUBS, &a, &err, "show", NULL), -1);
	assert_err_has(&err, "things show: missing argument (usage: kfq things show CODE)");
	assert_int_equal(parse(&WITH_SUBS, &a, &err, "list", "p1", NULL), -1);
	assert_err_has(&err, "things list: unexpected argument \"p1\"");
	assert_int_equal(parse(&WITH_SUBS, &a, &err, NULL), -1);
	assert_err_has(&err, "things: missing subcommand (expected list, stats or show");
}

/* The help, into a string (the caller frees it). */
static char *help_of(const struct optcmd *c, int sub)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_non_null(f);
	opt_help(c, sub, 0, f);
	fclose(f);
	return buf;
}

static void test_help(void **state)
{
	char *h;
	(void)state;
	h = help_of(&WITH_SUBS, -1);
	/* every subcommand with its generated usage; required options unbracketed */
	assert_non_null(strstr(h, "  list [--date D] [--limit N] [--late] [--format F]\n"));
	assert_non_null(strstr(h, "  stats --period P [--date D] [--unit CODE]\n"));
	assert_non_null(strstr(h, "  show CODE [--format F]\n"));
	/* every option with its help, a choice with its values */
	assert_non_null(strstr(h, "--format F             the format (table, csv, json; 表格, "));
	assert_non_null(strstr(h, "More words.\n"));
	free(h);
	/* one subcommand: its own options, their help without the "list: " */
	h = help_of(&WITH_SUBS, 0);
	assert_non_null(strstr(h, "usage: kfq [--db FILE] things list [--date D]"));
	assert_non_null(strstr(h, "--limit N              at most N\n"));
	assert_non_null(strstr(h, "--date D               the day\n"));
	assert_null(strstr(h, "--unit"));
	assert_null(strstr(h, "--period"));
	free(h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_typed_values),
		cmocka_unit_test(test_bad_values),
		cmocka_unit_test(test_did_you_mean),
		cmocka_unit_test(test_subcommands),
		cmocka_unit_test(test_help),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
