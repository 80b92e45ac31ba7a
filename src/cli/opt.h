/* opt.h: the option tables of the command line and the one parser that
 * reads them.
 *
 * Every command declares its options in a table: the name, the type, where
 * the value goes in the command's argument struct (offsetof), the
 * placeholder and the help text, and for a choice the values it allows.
 * One function parses argv into that struct, refusing an unknown or
 * misspelt option with the closest valid one, a value of the wrong type
 * with what was expected, and an option its subcommand does not take; the
 * help is generated from the same tables, so it cannot go stale. Depends
 * on base only. */
#ifndef KFQ_OPT_H
#define KFQ_OPT_H

#include <stddef.h>   /* offsetof, for the tables */
#include <stdint.h>
#include <stdio.h>

#include "base/date.h"
#include "base/err.h"
#include "base/period.h"

#define OPT_MAX 48    /* options of one command */
#define POS_MAX 40    /* positional arguments */

enum opt_type {
	OPT_FLAG,     /* int: 1 when given */
	OPT_TEXT,     /* const char *: the value as given, NULL when not given */
	OPT_INT,      /* long: a whole number (the default stays when not given) */
	OPT_DATE,     /* struct date: any form date_parse takes (year 0 when not given) */
	OPT_PERIOD,   /* struct period: any form period_parse takes (year 0 when not given) */
	OPT_CHOICE,   /* int: the index of the value in choices (English or Chinese) */
};

struct optdef {
	const char *name;        /* "period" for --period */
	enum opt_type type;
	size_t off;              /* where the value goes in the argument struct */
	const char *arg;         /* the placeholder in the help ("P", "CODE"); NULL for a flag */
	const char *help;
	const char *const *choices;     /* OPT_CHOICE: the values, NULL-terminated */
	const char *const *choices_zh;  /* OPT_CHOICE: their Chinese names (also taken), or NULL */
};

/* Table entries: an option whose value goes to field of argument struct
 * T; a choice among the values en (and their Chinese names zh, or NULL);
 * the end of a table. */
#define OPTION(name, type, T, field, arg, help) \
	{ (name), (type), offsetof(T, field), (arg), (help), NULL, NULL }
#define OPTION_CHOICE(name, T, field, arg, help, en, zh) \
	{ (name), OPT_CHOICE, offsetof(T, field), (arg), (help), (en), (zh) }
#define OPTION_END { NULL, OPT_FLAG, 0, NULL, NULL, NULL, NULL }

/* The head of every command's argument struct: the positional arguments,
 * the subcommand and which options were given. */
struct cli_args {
	const char *pos[POS_MAX];
	int npos;
	int sub;            /* index of the subcommand in the command's table, -1 without */
	uint64_t given;     /* bit k: option k of the table was given */
};

/* A subcommand: its name, the positional arguments it takes (NULL: none;
 * "CODE": one; "NAME FILE": two; "[F]" optional; "F=V…" any number more),
 * the options it takes (names, NULL-terminated; all others are refused;
 * "!period": --period is required) and one line of help. */
struct subdef {
	const char *name;
	const char *posarg;          /* "CODE", or NULL */
	const char *opts[16];
	const char *summary;
};

/* What the parser needs to know of a command. */
struct optcmd {
	const char *name;            /* "project" */
	const char *usage;           /* what follows the name, when it has no subcommands */
	const char *summary;
	int min_pos, max_pos;        /* positional arguments, without subcommands */
	const struct optdef *opts;   /* terminated by a NULL name */
	const struct subdef *subs;   /* NULL, or terminated by a NULL name */
	const char *more;            /* more help text after the options (in the catalogue), or NULL */
	void (*extra)(FILE *out, int zh);  /* help from the program's own lists, or NULL */
};

/* Parse argv (after the command's name) into args (a struct whose head is
 * a struct cli_args, already holding the defaults). Returns 0, 1 when
 * --help was asked for (the help is on out), or -1 with a message naming
 * the option, the value and what was expected. */
int opt_parse(const struct optcmd *c, int argc, char **argv, void *args, FILE *out,
              int zh, struct kfq_err *err);

/* Whether option name was given (it must be in the table). */
int opt_given(const struct optcmd *c, const void *args, const char *name);

/* The help of a command (or of one subcommand, sub ≥ 0) on out; in
 * Chinese when zh, for what the catalogue (base/msg_zh.c) translates: the
 * headings and the summaries (an option's description stays English until
 * it has an entry). */
void opt_help(const struct optcmd *c, int sub, int zh, FILE *out);
/* text in Chinese when zh and the catalogue has it, else text. */
const char *opt_text(int zh, const char *text);

/* The closest of the NULL-terminated names to s, or NULL when none is
 * close (an edit distance of at most a third of the length, and 2 at
 * least): for "did you mean". */
const char *opt_closest(const char *s, const char *const *names, size_t n);

#endif
