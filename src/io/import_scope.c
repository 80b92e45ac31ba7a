/* import_scope.c: values outside their indicator's scope, said. An
 * indicator with a scope (口径, a unit group: above_scale 规上) counts
 * only the enterprises in that group in the value's year; a value of one
 * that is not is kept, but no total counts it (a parent's own value still
 * counts). A data file with such values imports as before, with one
 * warning per indicator and year naming the first line and unit, how many
 * more units, and when the group has no members that year at all, that
 * too: the usual cause is the groups file not imported yet. Depends on
 * io/import_kind.h and model/unit. */
#include "io/import_kind.h"
#include "base/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct scope_out {
	size_t ind;
	int year;
	unsigned char *in;     /* per unit: a member of the scope's group that year */
	int members;           /* whether the group has any member that year */
	unsigned char *out;    /* per unit: a value of it outside the scope, seen */
	size_t nout;           /* how many such units */
	size_t line;           /* the first such value's line */
	size_t unit;           /* and its unit */
};

/* The scope of indicator i in year, loaded on first use. */
static struct scope_out *scope_of(struct ictx *c, size_t i, int year, struct kfq_err *err)
{
	struct scope_out *s;
	size_t n = c->units.n ? c->units.n : 1;
	if (c->scope_last < c->nscopes && c->scopes[c->scope_last].ind == i &&
	    c->scopes[c->scope_last].year == year)
		return &c->scopes[c->scope_last];
	for (size_t k = 0; k < c->nscopes; k++)
		if (c->scopes[k].ind == i && c->scopes[k].year == year) {
			c->scope_last = k;
			return &c->scopes[k];
		}
	XGROW(c->scopes, c->nscopes + 1, c->scopes_cap);
	s = &c->scopes[c->nscopes];
	memset(s, 0, sizeof *s);
	s->ind = i;
	s->year = year;
	s->in = xcalloc(n, 1);
	s->out = xcalloc(n, 1);
	c->scope_last = c->nscopes++;
	if (units_in_group(c->db, &c->units, c->inds.v[i].scope, year, s->in, err) < 0)
		return NULL;
	s->members = memchr(s->in, 1, c->units.n) != NULL;
	return s;
}

int import_scope_note(struct ictx *c, size_t i, size_t u, int year, struct kfq_err *err)
{
	struct scope_out *s;
	if (!c->inds.v[i].scope || c->units.v[u].nchildren)
		return 0;
	if (!(s = scope_of(c, i, year, err)))
		return -1;
	if (s->in[u] || s->out[u])
		return 0;
	s->out[u] = 1;
	if (!s->nout++) {
		s->line = c->line;
		s->unit = u;
	}
	return 0;
}

void import_scope_warn(struct ictx *c)
{
	for (size_t k = 0; k < c->nscopes; k++) {
		const struct scope_out *s = &c->scopes[k];
		const char *file = c->o->path ? c->o->path : "-", *ind = c->inds.v[s->ind].code;
		const char *grp = c->inds.v[s->ind].scope, *unit = c->units.v[s->unit].code;
		char more[64] = "", who_zh[sizeof more + 80];
		if (!s->nout)
			continue;
		snprintf(who_zh, sizeof who_zh, "%s ", unit);
		if (s->nout > 1) {
			snprintf(more, sizeof more, " and %zu more unit%s", s->nout - 1,
			         s->nout > 2 ? "s" : "");
			snprintf(who_zh, sizeof who_zh, "%s 等 %zu 个单位", unit, s->nout);
		}
		sbuf_addf(&c->warn, "%s:%zu: warning: %s counts only the units in group %s in %d (its "
		          "scope)%s; %s%s in this file %s not in it: what %s filed is kept, but no "
		          "total counts it until %s in the group (kfq import groups)\n", file, s->line,
		          ind, grp, s->year, s->members ? "" : ", which has no members that year", unit,
		          more, s->nout > 1 ? "are" : "is", s->nout > 1 ? "they" : "it",
		          s->nout > 1 ? "they are" : "it is");
		sbuf_addf(&c->warn_zh, "%s:%zu: 警告：%s 只计入 %d 年分组 %s 中的单位（口径）%s；本文件中的 "
		          "%s不在其中：所报数值已保存，但在加入该分组之前不计入任何合计（kfq import "
		          "groups）\n", file, s->line, ind, s->year, grp,
		          s->members ? "" : "，而该分组当年没有成员", who_zh);
	}
}

void import_scope_release(struct ictx *c)
{
	for (size_t k = 0; k < c->nscopes; k++) {
		free(c->scopes[k].in);
		free(c->scopes[k].out);
	}
	free(c->scopes);
	c->scopes = NULL;
	c->nscopes = c->scopes_cap = 0;
}
