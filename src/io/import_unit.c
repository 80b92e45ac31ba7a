/* import_unit.c: the import kind units (docs/formats.md): the rows held
 * back and written parents first, so that a child may come before its
 * parent; an account's import (a web one) changes its own tree only. The
 * driver is io/import.c. Depends on base, store, model. */
#include "io/import_kind.h"
#include "base/strmap.h"
#include "base/xalloc.h"
#include "model/unit.h"

#include <stdlib.h>
#include <string.h>

enum { U_CODE, U_NAME, U_KIND, U_PARENT, U_INDUSTRY, U_LAND, U_HIGHTECH, U_USCC, U_NCOLS };
static const struct column_def UNIT_COLS[] = {
	{ "code", "代码|单位代码|unit", 1 },
	{ "name", "名称|单位名称", 1 },
	{ "kind", "类型|单位类型", 1 },
	{ "parent", "上级|上级代码|上级单位", 0 },
	{ "industry", "行业|行业代码", 0 },
	{ "land_mu", "用地面积|用地|land_area|亩", 0 },
	{ "hightech", "高新技术企业|高新", 0 },
	{ "uscc", "统一社会信用代码|信用代码", 0 },
};

static int unit_row(struct ictx *c, const char *const *cell, struct kfq_err *err)
{
	struct pending_unit *p;
	(void)err;
	/* Held back so that a child may come before its parent in the file. */
	XGROW(c->pend, c->npend + 1, c->pend_cap);
	p = &c->pend[c->npend++];
	for (int i = 0; i < U_NCOLS; i++)
		p->cell[i] = c->map.col[i] >= 0 ? xstrdup(cell[i]) : NULL;
	p->line = c->line;
	return 0;
}

/* A row as an account of unit top may give it (a web import): the unit
 * under top (or top itself, kept at the top), its parent (NULL: the column
 * is not in the file) in top's tree; set: the units before the file. */
static int in_tree(const struct unit_set *set, size_t top, const char *code, const char *parent,
                   struct kfq_err *err)
{
	const char *name = set->v[top].code;
	long u = units_find(set, code), pu;
	if (!*code)
		return 0;   /* unit_put says what is wrong with it */
	if (u >= 0 && !units_within(set, (size_t)u, top))
		return kfq_error(err, "column \"code\": unit \"%s\" is not under %s, this account's "
		                 "unit (an account changes the units of its own tree only)", code, name);
	if (u == (long)top)
		return parent && *parent ? kfq_error(err, "column \"parent\": %s is this account's "
		                                     "own unit, at the top of its tree: it has no "
		                                     "parent", code) : 0;
	if (!parent) {
		if (u >= 0)
			return 0;   /* stays where it is, under top */
		parent = "";
	}
	if (!*parent)
		return kfq_error(err, "column \"parent\": empty would put %s at the top of a tree of "
		                 "its own, outside %s, this account's unit (expected a unit of %s's "
		                 "tree)", code, name, name);
	pu = units_find(set, parent);
	if (pu >= 0 && !units_within(set, (size_t)pu, top))
		return kfq_error(err, "column \"parent\": unit \"%s\" is not under %s, this "
		                 "account's unit (expected a unit of %s's tree)", parent, name, name);
	/* a parent new in this file was held to the tree on its own line
	 * (written first); an unknown one is said by unit_put */
	return 0;
}

/* Write the held-back units parents first, in as many passes as the tree
 * is deep; what is left names an unknown parent or a cycle. */
int import_finish_units(struct ictx *c, struct kfq_err *err)
{
	int progress = 1;
	char *done = xcalloc(c->npend ? c->npend : 1, 1);
	struct strmap first;     /* code → the first row that gives it */
	struct unit_set before = { 0 };   /* an account's import: its tree as it was */
	long top = -1;
	int rc = 0;

	if (c->o->scope) {
		if (units_load(c->db, &before, err) < 0 ||
		    (top = units_need(&before, c->o->scope, err)) < 0) {
			units_release(&before);
			free(done);
			return -1;
		}
	}
	strmap_init(&first);
	for (size_t i = c->npend; i-- > 0;)
		if (*c->pend[i].cell[0])
			strmap_put(&first, c->pend[i].cell[0], i);
	while (progress) {
		progress = 0;
		for (size_t i = 0; i < c->npend; i++) {
			struct pending_unit *p = &c->pend[i];
			struct unit_row r = { p->cell[0], p->cell[1], p->cell[2], p->cell[3], p->cell[4],
			                      p->cell[5], p->cell[6], p->cell[7] };
			struct kfq_err rowerr;
			int changed, waiting = 0;
			if (done[i])
				continue;
			/* A parent given later in this file is waited for. */
			if (p->cell[3] && *p->cell[3]) {
				size_t j;
				if (strmap_get(&first, p->cell[3], &j) && j != i && !done[j])
					waiting = 1;
			}
			if (waiting)
				continue;
			if (*p->cell[0]) {
				size_t j;
				if (strmap_get(&first, p->cell[0], &j) && j < i) {
					kfq_error(&rowerr, "unit \"%s\" is already given on line %zu", p->cell[0],
					          c->pend[j].line);
					goto bad;
				}
			}
			kfq_err_clear(&rowerr);
			if (top >= 0 && in_tree(&before, (size_t)top, r.code, p->cell[3], &rowerr) < 0)
				goto bad;
			if (unit_put(c->db, &r, c->o->synthetic, &changed, &rowerr) < 0) {
				if (rowerr.kind != KFQ_EUSER) {
					*err = rowerr;
					rc = -1;
					goto out;
				}
				goto bad;
			}
			c->res->added += changed == 1;
			c->res->changed += changed == 2;
			c->res->unchanged += changed == 0;
			if (changed)
				c->todo.all = 1;
			done[i] = progress = 1;
			continue;
bad:
			import_bad_row(c, p->line, &rowerr);
			done[i] = progress = 1;
		}
	}
	for (size_t i = 0; i < c->npend; i++)
		if (!done[i]) {
			struct kfq_err rowerr;
			kfq_error(&rowerr, "column \"parent\": \"%s\" and its descendants in this file form "
			          "a cycle", c->pend[i].cell[3] ? c->pend[i].cell[3] : "");
			import_bad_row(c, c->pend[i].line, &rowerr);
		}
out:
	strmap_release(&first);
	units_release(&before);
	free(done);
	return rc;
}

const struct kind_def UNIT_KINDS[] = {
	{ "units", UNIT_COLS, NCOLS(UNIT_COLS), unit_row, 0, NULL, NULL },
};
const size_t NUNIT_KINDS = NCOLS(UNIT_KINDS);
