/* assess_show.c: kfq assess show (and the table kfq assess run prints): the
 * ranking with each entity's score, class, rank change and first-level
 * pillar scores (and its region when the scheme has regions), the rule
 * breaches; --entity: one entity's indicators with the weights it was rated
 * with (its region's);
 * --explain: why it ranks where it does. The grids are
 * report/assess_grid.c's (the web's /api/v1/assessments/... answer the
 * same); this file prints them with the table format's headers and
 * sections. Depends on libkfq. */
#include "cli/assess_cmd.h"
#include "report/assess_grid.h"

#include <string.h>

static int ranking(struct actx *x)
{
	struct grid g;
	int rc;

	assess_ranking_grid(&x->d, &x->r, x->has_prev ? x->prev : NULL, x->f == GRID_TABLE, &g);
	rc = assess_emit(x, &g, "ranking");
	grid_release(&g);
	return rc;
}

/* The rule breaches (table format: a section). */
static int breaches(struct actx *x)
{
	static const char *const keys[] = { "code", "name", "rank", "rule" };
	static const char *const heads[] = { "代码", "名称", "名次", "规则" };
	const struct as_scheme *s = &x->d.scheme;
	struct as_rule_check rc;
	struct grid g;

	if (!s->n_rules || x->f != GRID_TABLE || x->xlsx)
		return 0;
	if (assess_rules(x->cli->db, &x->d, &x->r, &rc, &x->cli->err) < 0)
		return -1;
	grid_init(&g, 4, keys, heads);
	for (size_t k = 0; k < rc.n_breaches; k++) {
		size_t e = rc.breaches[k].entity;
		grid_row(&g);
		grid_set(&g, 0, x->d.ents[e].code);
		grid_set(&g, 1, x->d.ents[e].name);
		grid_setf(&g, 2, "%d", x->r.ent[e].rank);
		grid_set(&g, 3, s->rules[rc.breaches[k].rule].reason);
	}
	cli_section(x->cli->out, opt_text(x->cli->msg_lang == KFQ_ZH, "rules breached"), &g);
	for (size_t k = 0; k < rc.n_rules; k++)
		if (!rc.checked[k])
				fprintf(x->cli->out, "(the rule of line %d, %d years, is not checked: no stored "
			        "run of %d)\n", s->rules[k].line, s->rules[k].years,
			        x->period - s->rules[k].years + 1);
	grid_release(&g);
	as_rule_check_release(&rc);
	return 0;
}

/* One entity: its indicators beside the leader and the median. */
static int entity(struct actx *x, size_t e, int explain)
{
	const struct as_scheme *s = &x->d.scheme;
	struct as_input in = assess_input(&x->d);
	struct as_explain ex;
	struct grid g;
	int rc;

	if (as_explain(s, &in, &x->r, e, &ex, &x->cli->err) < 0)
		return -1;
	assess_entity_grid(&x->d, &x->r, e, &ex, x->f == GRID_TABLE, &g);
	if (x->f == GRID_TABLE && !x->xlsx) {
		const struct as_entity_result *er = &x->r.ent[e];
		char buf[64] = "";
		if (er->status == AS_RATED)
			as_format_score(&x->r, e, buf, sizeof buf);
		int zh = x->cli->msg_lang == KFQ_ZH;
		cli_say(x->cli, "%s %s: score %s, ", x->d.ents[e].code, x->d.ents[e].name,
		        *buf ? buf : "-");
		if (er->rank > 0)
			cli_say(x->cli, "rank %d of %zu", er->rank, x->r.n_ranked);
		else
			cli_say(x->cli, "not ranked");
		cli_say(x->cli, ", class %s", er->class_name ? er->class_name : "-");
		if (x->has_prev && er->rank > 0 && x->prev[e] > 0)
			cli_say(x->cli, " (%d in %d: %+d)", x->prev[e], x->period - 1,
			        x->prev[e] - er->rank);
		fprintf(x->cli->out, "%s%s\n", er->reason ? (zh ? "；" : "; ") : "",
		        er->reason ? er->reason : "");
		if (s->n_regions) {
			if (er->region >= 0 && s->regions[er->region].line)
				cli_say(x->cli, "region %s: rated with its regional weights (line %d)\n",
				        s->regions[er->region].code, s->regions[er->region].line);
			else
				cli_say(x->cli, "region %s: rated with the base weights\n",
				        er->region >= 0 ? s->regions[er->region].code : "-");
		}
		if (explain)
			fprintf(x->cli->out, "%s\n", zh ? ex.sentence_zh : ex.sentence_en);
		cli_say(x->cli, "leader: %s, median: %s\n\n", x->d.ents[ex.leader].name,
		        x->d.ents[ex.median].name);
	}
	rc = assess_emit(x, &g, "entity");
	if (rc == 0 && explain && x->f != GRID_TABLE && !x->xlsx)
		fprintf(stderr, "%s\n%s\n", ex.sentence_zh, ex.sentence_en);
	grid_release(&g);
	as_explain_release(&ex);
	return rc;
}

/* --explain without --entity: every ranked entity's sentence. */
static int sentences(struct actx *x)
{
	struct grid g;
	int rc;

	if (assess_sentences_grid(&x->d, &x->r, x->f == GRID_TABLE ? 1 + (x->cli->msg_lang == KFQ_EN)
	                          : 0, &g, &x->cli->err) < 0)
		return -1;
	rc = assess_emit(x, &g, "explain");
	grid_release(&g);
	return rc;
}

int assess_sub_show(struct actx *x)
{
	const char *code = x->a->entity;
	int explain = x->a->explain;

	if (code) {
		for (size_t e = 0; e < x->d.n; e++)
			if (strcmp(x->d.ents[e].code, code) == 0) {
				assess_header(x, "评价");
				return entity(x, e, explain);
			}
		return kfq_error(&x->cli->err, "assess: --entity \"%s\": not among the %zu entities "
		                 "rated", code, x->d.n);
	}
	assess_header(x, "排名");
	if (explain)
		return sentences(x);
	if (ranking(x) < 0)
		return -1;
	return breaches(x);
}
