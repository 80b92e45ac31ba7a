/* assess_cmd.h: private to kfq assess, included by cli/assess.c (options,
 * dispatcher, run, classes, sensitivity) and cli/assess_show.c (show and
 * explain), and by nothing else: the context the dispatcher prepares and
 * the helpers the subcommands share. Depends on libkfq and cli/cli.h. */
#ifndef KFQ_ASSESS_CMD_H
#define KFQ_ASSESS_CMD_H

#include <stddef.h>
#include <stdint.h>

#include "assess/assess.h"
#include "cli/cli.h"
#include "report/grid.h"

/* kfq assess's arguments (the option table is assess.c's). */
struct assess_args {
	struct cli_args h;
	const char *period, *entity, *run, *runs, *seed, *output;
	int explain;
	int format;   /* table, csv, json (enum grid_format) or 3: xlsx */
};

struct actx {
	struct cli *cli;
	const struct assess_args *a;
	enum grid_format f;
	int xlsx;                 /* --format xlsx: the main grid goes to --output */
	int period;
	struct assess_data d;     /* the run shown: stored, or today's data */
	struct as_result r;
	int have_r;
	size_t changed;           /* stored run: inputs that differ from today's */
	int current_ok;           /* stored run: today's inputs could be read */
	int text_differs;         /* stored run: the file's scheme text is not the stored one */
	int *prev;                /* [d.n]: rank in the previous period's stored run, 0 none */
	size_t prev_n;
	int has_prev;
};

/* Print the run's header lines (table format only). */
void assess_header(struct actx *x, const char *what);
/* Write g in x's format (xlsx: to --output, sheet named sheet). */
int assess_emit(struct actx *x, const struct grid *g, const char *sheet);

/* The ranking (or --entity, --explain) of the loaded run x->d, x->r. */
int assess_sub_show(struct actx *x);

#endif
