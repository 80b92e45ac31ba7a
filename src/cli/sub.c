/* sub.c: what the commands with subcommands share (kfq project list,
 * kfq lead funnel ...): finding the subcommand, checking its arguments and
 * options, and the sections of a table-format report. */
#include "cli/cli.h"
#include "report/grid.h"

#include <string.h>

int subcmd_takes(const struct subcmd *s, const char *opt)
{
	for (int k = 0; s->opts[k]; k++)
		if (strcmp(s->opts[k], opt) == 0)
			return 1;
	return 0;
}

int subcmd_find(const struct cmd *c, const struct optv *ov, const struct subcmd *subs, size_t n,
                struct kfq_err *err)
{
	const struct subcmd *s = NULL;
	char names[160] = "";
	size_t i;

	for (i = 0; i < n; i++) {
		snprintf(names + strlen(names), sizeof names - strlen(names), "%s%s",
		         i == 0 ? "" : i + 1 == n ? " or " : ", ", subs[i].name);
		if (!s && strcmp(subs[i].name, ov->pos[0]) == 0)
			s = &subs[i];
	}
	if (!s)
		return kfq_error(err, "%s: unknown subcommand \"%s\" (expected %s; see kfq %s --help)",
		                 c->name, ov->pos[0], names, c->name);
	if (ov->npos - 1 != s->npos)
		return kfq_error(err, "%s %s: %s (usage: kfq %s %s%s)", c->name, s->name,
		                 ov->npos - 1 < s->npos ? "missing argument" : "unexpected argument",
		                 c->name, s->name, s->npos ? " CODE" : "");
	for (int k = 0; c->opts[k].name; k++) {
		char list[160] = "";
		if (!ov->val[k] || subcmd_takes(s, c->opts[k].name))
			continue;
		for (int j = 0; s->opts[j]; j++)
			snprintf(list + strlen(list), sizeof list - strlen(list), "%s--%s", j ? ", " : "",
			         s->opts[j]);
		return kfq_error(err, "%s %s: --%s does not apply (it takes %s)", c->name, s->name,
		                 c->opts[k].name, list);
	}
	return (int)(s - subs);
}

void cli_section(FILE *out, const char *title, const struct grid *g)
{
	fprintf(out, "\n%s\n", title);
	if (g->nrows)
		grid_write(g, GRID_TABLE, out);
	else
		fprintf(out, "无\n");
}
