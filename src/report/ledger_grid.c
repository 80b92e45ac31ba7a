/* ledger_grid.c: a ledger's rows as a grid (see ledger_grid.h). Depends
 * on base, ledger/ledger.h and report/grid. */
#include "report/ledger_grid.h"
#include "base/xalloc.h"

#include <stdio.h>
#include <stdlib.h>

void ledger_rows_grid(const struct ledger_rows *r, struct grid *g)
{
	const struct ledger_def *d = &r->def;
	char **keys = xcalloc(d->nf ? d->nf : 1, sizeof *keys);
	char **heads = xcalloc(d->nf ? d->nf : 1, sizeof *heads);
	for (size_t f = 0; f < d->nf; f++) {
		const struct ledger_field *x = &d->f[f];
		if (x->type == LF_NUMBER) {
			keys[f] = xasprintf("%s(%s)", x->name, x->measure->name);
			heads[f] = xasprintf("%s(%s)", x->title ? x->title : x->name, x->measure->name);
		} else {
			keys[f] = xstrdup(x->name);
			heads[f] = xstrdup(x->title ? x->title : x->name);
		}
	}
	grid_init(g, d->nf, (const char *const *)keys, (const char *const *)heads);
	for (size_t f = 0; f < d->nf; f++)
		if (d->f[f].type == LF_NUMBER)
			grid_numeric(g, f);
	for (size_t i = 0; i < r->nrows; i++) {
		grid_row(g);
		for (size_t f = 0; f < d->nf; f++)
			grid_set(g, f, r->vals[i * d->nf + f]);
	}
	for (size_t f = 0; f < d->nf; f++) {
		free(keys[f]);
		free(heads[f]);
	}
	free(keys);
	free(heads);
}
