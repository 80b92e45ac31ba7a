/* import_scope.c: values outside their indicator's scope, said. An
 * indicator with a scope (口径, a unit group: above_scale 规上) counts
 * only the enterprises in that group in the value's year; a value of one
 * that is not is kept, but no total counts it (a parent's own value still
 * counts). A data file with such values imports as before, with one
 * warning per indicator and year naming the first line and unit, how many
 * more units, and when the group has no members that year at all, that
 * too: the usual cause is the groups file not imported yet. What it keeps
 * grows with the file, not with its years: a group's members a bit per
 * unit for each group and year met, and the units outside a set of pairs.
 * Also said here: a unit with children given its first own value of a
 * year while units under it have values of it (stored before this
 * import, or given in it), which replaces their sum in every month of the
 * year (import_parent_note; refused when one of those months is locked and
 * values under it are stored).
 * Depends on io/import_kind.h, model/unit, model/obs, model/lock and
 * calc/rollup. */
#include "io/import_kind.h"
#include "base/xalloc.h"
#include "model/lock.h"
#include "model/obs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NYEARS 1100   /* 1900 … 2999 */

/* A group's members in a year: a bit per unit. */
struct scope_grp {
	const char *grp;
	int year;
	unsigned char *in;
	int members;       /* whether it has any */
};

/* An indicator-year with values: its group, and the units outside it. */
struct scope_ind {
	size_t ind;
	int year;
	size_t grp;        /* its place in the state's grps */
	size_t nout;       /* units outside the group with values of it */
	size_t line;       /* the first such value's line */
	size_t unit;       /* and its unit */
};

/* A unit with children that files its first own value of an
 * indicator-year with nothing stored under it: said when units under it
 * give values in the same file (import_scope_warn). */
struct parent_first {
	size_t unit, ind, line;
	int year;
};

struct scope_state {
	uint32_t *slot;    /* per indicator and year: 1 + its place in inds, 0 none */
	struct scope_ind *inds;
	size_t n, cap;
	struct scope_grp *grps;
	size_t ngrps, grps_cap;
	struct u64set pairs;   /* (indicator-year, unit) outside the scope, seen */
	struct u64set parents; /* (unit, indicator, year) of units with children, seen */
	struct parent_first *firsts;
	size_t nfirsts, firsts_cap;
	struct u64set given;   /* (unit, indicator, year): a child of the unit has a value
	                          of it in this file (few keys: the parents') */
	uint64_t last_given;   /* the last added, + 1 (a unit's months come together) */
};

static struct scope_state *state(struct ictx *c)
{
	if (!c->scope_state)
		c->scope_state = xcalloc(1, sizeof *c->scope_state);
	return c->scope_state;
}

/* The members of grp in year, read once per import. */
static long grp_of(struct ictx *c, const char *grp, int year, struct kfq_err *err)
{
	struct scope_state *s = c->scope_state;
	struct scope_grp *g;
	size_t bytes = c->units.n / 8 + 1;
	unsigned char *in;
	for (size_t k = 0; k < s->ngrps; k++)
		if (s->grps[k].year == year && strcmp(s->grps[k].grp, grp) == 0)
			return (long)k;
	in = xcalloc(c->units.n ? c->units.n : 1, 1);
	if (units_in_group(c->db, &c->units, grp, year, in, err) < 0) {
		free(in);
		return -1;
	}
	XGROW(s->grps, s->ngrps + 1, s->grps_cap);
	g = &s->grps[s->ngrps];
	g->grp = grp;
	g->year = year;
	g->in = xcalloc(bytes, 1);
	g->members = 0;
	for (size_t u = 0; u < c->units.n; u++)
		if (in[u]) {
			g->in[u / 8] |= (unsigned char)(1u << (u % 8));
			g->members = 1;
		}
	free(in);
	return (long)s->ngrps++;
}

int import_scope_note(struct ictx *c, size_t i, size_t u, int year, struct kfq_err *err)
{
	struct scope_state *s;
	struct scope_ind *si;
	uint32_t *slot;
	if (!c->inds.v[i].scope || c->units.v[u].nchildren || year < 1900 || year >= 1900 + NYEARS)
		return 0;
	s = state(c);
	if (!s->slot)
		s->slot = xcalloc(c->inds.n * NYEARS, sizeof *s->slot);
	slot = &s->slot[i * NYEARS + (size_t)(year - 1900)];
	if (!*slot) {
		long g = grp_of(c, c->inds.v[i].scope, year, err);
		if (g < 0)
			return -1;
		XGROW(s->inds, s->n + 1, s->cap);
		memset(&s->inds[s->n], 0, sizeof s->inds[s->n]);
		s->inds[s->n].ind = i;
		s->inds[s->n].year = year;
		s->inds[s->n].grp = (size_t)g;
		*slot = (uint32_t)++s->n;
	}
	si = &s->inds[*slot - 1];
	if (s->grps[si->grp].in[u / 8] & (1u << (u % 8)) ||
	    !u64set_add(&s->pairs, (uint64_t)(*slot - 1) << 32 | (uint64_t)u))
		return 0;
	if (!si->nout++) {
		si->line = c->line;
		si->unit = u;
	}
	return 0;
}

static void parents_warn(struct ictx *c);

void import_scope_warn(struct ictx *c)
{
	const struct scope_state *st = c->scope_state;
	size_t said = 0, unsaid = 0;
	for (size_t k = 0; st && k < st->n; k++) {
		const struct scope_ind *s = &st->inds[k];
		const char *file = c->o->path ? c->o->path : "-", *ind = c->inds.v[s->ind].code;
		const char *grp = c->inds.v[s->ind].scope, *unit = c->units.v[s->unit].code;
		int members = st->grps[s->grp].members;
		char more[64] = "", who_zh[sizeof more + 80];
		if (!s->nout)
			continue;
		if (said++ == IMPORT_MAX_MESSAGES) {
			said--;
			unsaid++;
			continue;
		}
		snprintf(who_zh, sizeof who_zh, "%s ", unit);
		if (s->nout > 1) {
			snprintf(more, sizeof more, " and %zu more unit%s", s->nout - 1,
			         s->nout > 2 ? "s" : "");
			snprintf(who_zh, sizeof who_zh, "%s 等 %zu 个单位", unit, s->nout);
		}
		sbuf_addf(&c->warn, "%s:%zu: warning: %s counts only the units in group %s in %d (its "
		          "scope)%s; %s%s in this file %s not in it: what %s filed is kept, but no "
		          "total counts it until %s in the group (kfq import groups)\n", file, s->line,
		          ind, grp, s->year, members ? "" : ", which has no members that year", unit,
		          more, s->nout > 1 ? "are" : "is", s->nout > 1 ? "they" : "it",
		          s->nout > 1 ? "they are" : "it is");
		sbuf_addf(&c->warn_zh, "%s:%zu: 警告：%s 只计入 %d 年分组 %s 中的单位（口径）%s；本文件中的 "
		          "%s不在其中：所报数值已保存，但在加入该分组之前不计入任何合计（kfq import "
		          "groups）\n", file, s->line, ind, s->year, grp,
		          members ? "" : "，而该分组当年没有成员", who_zh);
	}
	if (unsaid) {
		sbuf_addf(&c->warn, "%s: warning: ... and %zu more indicators and years with values "
		          "outside their scope\n", c->o->path ? c->o->path : "-", unsaid);
		sbuf_addf(&c->warn_zh, "%s: 警告：…… 另有 %zu 个指标年度有口径之外的数值\n",
		          c->o->path ? c->o->path : "-", unsaid);
	}
	parents_warn(c);
}

/* The key of unit u's values of indicator i in year, in the state's sets. */
static uint64_t given_key(size_t u, size_t i, int year)
{
	return (uint64_t)u << 32 | (uint64_t)i << 12 | (uint64_t)(year - 1900) % 4096;
}

/* A parent's first own value of year, at line: it replaces the sum of its
 * units in every month. */
static void parent_warning(struct ictx *c, size_t line, const struct unit *x,
                           const struct indicator *d, int year)
{
	const char *file = c->o->path ? c->o->path : "-";
	sbuf_addf(&c->warn, "%s:%zu: warning: %s had no %s of its own in %d: from this line it "
	          "files its own, which replace the sum of its %zu units in every month of %d\n",
	          file, line, x->code, d->code, year, x->nchildren, year);
	sbuf_addf(&c->warn_zh, "%s:%zu: 警告：%s 在 %d 年本无自报的 %s：自此行起为自报数，全年各月不再"
	          "汇总其 %zu 个下级单位\n", file, line, x->code, year, d->code, x->nchildren);
}

int import_parent_note(struct ictx *c, size_t i, size_t u, int year, struct kfq_err *err)
{
	const struct unit *x = &c->units.v[u];
	const struct indicator *d = &c->inds.v[i];
	struct scope_state *st = state(c);
	uint64_t key = given_key(u, i, year);
	int own;
	if (x->parent >= 0) {   /* for parents_warn */
		uint64_t up = given_key((size_t)x->parent, i, year);
		if (up + 1 != st->last_given) {
			u64set_add(&st->given, up);
			st->last_given = up + 1;
		}
	}
	if (!x->nchildren || d->agg == AGG_NONE || d->formula || !u64set_add(&st->parents, key))
		return 0;
	if ((own = obs_unit_files(c->db, d->id, year, x->id, err)) != 0)
		return own < 0 ? -1 : 0;   /* its own already */
	if ((own = rollup_under_has(c->db, &c->units, d->id, year, u, err)) <= 0) {
		if (own < 0)
			return -1;
		/* nothing stored under it: its units may give values in this file */
		XGROW(st->firsts, st->nfirsts + 1, st->firsts_cap);
		st->firsts[st->nfirsts++] = (struct parent_first){ u, i, c->line, year };
		return 0;
	}
	/* its figures of every month of the year change: none may be locked */
	for (int month = 1; month <= 12; month++)
		if (approval_check(&c->locks, &c->units, u, year, month, err) < 0)
			return kfq_err_prefix(err, "%s files its first own %s of %d, which replaces the sum "
			                      "of its units in every month", x->code, d->code, year);
	parent_warning(c, c->line, x, d, year);
	return 0;
}

/* Parents whose first own value came in this file with their units'
 * values (earlier in it or later): said as above. */
static void parents_warn(struct ictx *c)
{
	const struct scope_state *st = c->scope_state;
	for (size_t k = 0; st && k < st->nfirsts; k++) {
		const struct parent_first *f = &st->firsts[k];
		size_t *sub, n = units_subtree(&c->units, f->unit, &sub);
		int given = 0;
		/* a unit under it with a value: its parent, the first or one under it */
		for (size_t j = 0; j < n && !given; j++)
			given = c->units.v[sub[j]].nchildren &&
			        u64set_has(&st->given, given_key(sub[j], f->ind, f->year));
		free(sub);
		if (given)
			parent_warning(c, f->line, &c->units.v[f->unit], &c->inds.v[f->ind], f->year);
	}
}

void import_scope_release(struct ictx *c)
{
	struct scope_state *s = c->scope_state;
	if (!s)
		return;
	for (size_t k = 0; k < s->ngrps; k++)
		free(s->grps[k].in);
	free(s->grps);
	free(s->inds);
	free(s->slot);
	u64set_release(&s->pairs);
	u64set_release(&s->parents);
	u64set_release(&s->given);
	free(s->firsts);
	free(s);
	c->scope_state = NULL;
}
