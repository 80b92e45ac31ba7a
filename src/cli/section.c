/* section.c: a report section in the table format (kfq project warn,
 * kfq case show ...): a heading, then the table or 无. */
#include "cli/cli.h"
#include "report/grid.h"

void cli_section(FILE *out, const char *title, const struct grid *g)
{
	fprintf(out, "\n%s\n", title);
	if (g->nrows)
		grid_write(g, GRID_TABLE, out);
	else
		fprintf(out, "无\n");
}
