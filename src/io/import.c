/* import.c: the all-or-nothing import (see import.h) and its kinds
 * indicators, groups, data and targets (units: import_unit.c). One table of
 * kinds; each kind a column list and a row function. Depends on base,
 * store and model. */
#include "io/import.h"
#include "io/header.h"
#include "io/import_kind.h"
#include "base/period.h"
#include "base/sbuf.h"
#include "base/strmap.h"
#include "base/table.h"
#include "base/xalloc.h"
#include "calc/rollup.h"
#include "case/case.h"
#include "model/indicator.h"
#include "model/obs.h"
#include "model/unit.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

const char *const IMPORT_KINDS[] = { "units", "indicators", "groups", "data", "targets",
                                     "projects", "project-plan", "progress", "project-problems",
                                     "leads", "lead-stages", "households", "visits", "cases",
                                     "case-events", "case-sla", "holidays", "case-depts",
                                     "index-categories", "index-weights", "index-items",
                                     "price-quotes", "surveys", "survey-questions",
                                     "survey-answers", "funds", "fund-moves", "fund-loans",
                                     "fund-events", "bank-meetings", "financing-needs",
                                     "credit-actions", "guarantees", "interventions", "rules", NULL };

/* ---- indicators ---- */
static const struct column_def IND_COLS[] = {
	{ "code", "代码|指标代码|indicator", 1 },
	{ "name_zh", "名称|指标名称|中文名称", 1 },
	{ "name_en", "英文名称|name", 0 },
	{ "measure", "计量单位|单位", 1 },
	{ "kind", "类型|flow_or_stock", 0 },
	{ "agg", "汇总|汇总方式|aggregation", 0 },
	{ "decimals", "小数位|小数位数", 0 },
	{ "scope", "口径|统计口径", 0 },
	{ "formula", "公式|计算公式", 0 },
	{ "headline", "主要指标|简报顺序", 0 },
};

static int ind_row(struct ictx *c, const char *const *cell, struct kfq_err *err)
{
	struct indicator_row r = { cell[0], cell[1], cell[2], cell[3], cell[4], cell[5], cell[6],
	                           cell[7], cell[8], cell[9] };
	int changed;
	if (row_once_of(c, "this indicator", err, "ind", cell[0], NULL) < 0)
		return -1;
	if (indicator_put(c->db, &r, &changed, err) < 0)
		return -1;
	if (changed)
		c->todo.all = 1;
	c->res->added += changed == 1;
	c->res->changed += changed == 2;
	c->res->unchanged += changed == 0;
	return 0;
}

/* ---- groups ---- */
static const struct column_def GROUP_COLS[] = {
	{ "unit", "单位|单位代码|code", 1 },
	{ "group", "分组|组|grp", 1 },
	{ "year", "年度|年份", 1 },
};

static int group_row(struct ictx *c, const char *const *cell, struct kfq_err *err)
{
	enum put_result r;
	long u;
	int year = 0;
	const char *g = cell[1];

	if ((u = need_unit(c, cell[0], err)) < 0)
		return -1;
	if (!*g)
		return kfq_error(err, "column \"group\": empty (expected a group code such as above_scale)");
	for (const char *p = g; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_'))
			return kfq_error(err, "column \"group\": \"%s\" is not a group code (expected "
			                 "lower-case letters, digits and _)", g);
	if (need_year(cell[2], "year", &year, err) < 0)
		return -1;
	if (group_put(&c->w, g, year, &c->units.v[u], c->line, &r, err) < 0)
		return -1;
	if (r != PUT_SAME)
		rollup_todo_group(&c->todo, &c->inds, g, year);
	count(c, r);
	return 0;
}

/* ---- data ---- */
enum { D_UNIT, D_IND, D_PERIOD, D_VALUE, D_MEASURE };
static const struct column_def DATA_COLS[] = {
	{ "unit", "单位|单位代码", 1 },
	{ "indicator", "指标|指标代码", 1 },
	{ "period", "期间|时期|报告期", 1 },
	{ "value", "数值|值|本期值|累计值", 1 },
	{ "measure", "计量单位", 0 },
};

/* What a value turned out to be: counted; a new or changed value marks its
 * roll-ups and its unit-month's checks to do. */
static void data_resolved(void *ctx, const struct indicator *ind, const struct unit *u,
                          const struct period *p, size_t line, enum put_result r)
{
	struct ictx *c = ctx;
	if (r != PUT_SAME) {
		mark_touched_at(c, (size_t)(ind - c->inds.v), p->year, (size_t)(u - c->units.v));
		mark_checked(c, (size_t)(u - c->units.v), p->year, p->last, line);
	}
	count(c, r);
}

static int data_row(struct ictx *c, const char *const *cell, struct kfq_err *err)
{
	enum put_result r;
	long u, i;
	dec v;

	if ((u = need_unit(c, cell[D_UNIT], err)) < 0 || (i = need_ind(c, cell[D_IND], err)) < 0)
		return -1;
	if (!*cell[D_PERIOD])
		return kfq_error(err, "column \"period\": empty (expected one of %s)", PERIOD_FORMS);
	if (strcmp(cell[D_PERIOD], c->last_period) != 0) {
		if (period_parse_or_day(cell[D_PERIOD], &c->last_p, err) < 0) {
			c->last_period[0] = '\0';
			return kfq_err_prefix(err, "column \"period\"");
		}
		snprintf(c->last_period, sizeof c->last_period, "%s", cell[D_PERIOD]);
	}
	if (parse_value(c, &c->inds.v[i], cell[D_VALUE], cell[D_MEASURE], D_VALUE, &v, err) < 0)
		return -1;
	if (!c->locks_loaded) {
		c->locks_loaded = 1;   /* released with the import, also after a failure */
		if (approval_locks_load(c->db, &c->locks, err) < 0)
			return -1;   /* a fault: the import stops */
	}
	if (approval_check(&c->locks, &c->units, (size_t)u, c->last_p.year, c->last_p.last, err) < 0 ||
	    import_parent_note(c, (size_t)i, (size_t)u, c->last_p.year, err) < 0)
		return -1;
	if (obs_put(&c->w, &c->inds.v[i], &c->units.v[u], &c->last_p, v, c->line, &r,
	            err) < 0)
		return -1;
	if (r != PUT_HELD)   /* else answered by data_resolved */
		data_resolved(c, &c->inds.v[i], &c->units.v[u], &c->last_p, c->line, r);
	return import_scope_note(c, (size_t)i, (size_t)u, c->last_p.year, err);
}

/* ---- targets ---- */
enum { T_UNIT, T_IND, T_YEAR, T_VALUE, T_MEASURE };
static const struct column_def TARGET_COLS[] = {
	{ "unit", "单位|单位代码", 1 },
	{ "indicator", "指标|指标代码", 1 },
	{ "year", "年度|年份", 1 },
	{ "value", "目标|目标值|数值", 1 },
	{ "measure", "计量单位", 0 },
};

static int target_row(struct ictx *c, const char *const *cell, struct kfq_err *err)
{
	enum put_result r;
	long u, i;
	int year = 0;
	dec v;

	if ((u = need_unit(c, cell[T_UNIT], err)) < 0 || (i = need_ind(c, cell[T_IND], err)) < 0)
		return -1;
	if (need_year(cell[T_YEAR], "year", &year, err) < 0)
		return -1;
	if (parse_value(c, &c->inds.v[i], cell[T_VALUE], cell[T_MEASURE], T_VALUE, &v, err) < 0)
		return -1;
	if (target_put(&c->w, &c->inds.v[i], &c->units.v[u], year, v, c->line, &r, err) < 0)
		return -1;
	count(c, r);
	return 0;
}

static const struct kind_def KINDS[] = {
	{ "indicators", IND_COLS, NCOLS(IND_COLS), ind_row, 0, NULL, NULL },
	{ "groups", GROUP_COLS, NCOLS(GROUP_COLS), group_row, 1, NULL, NULL },
	{ "data", DATA_COLS, NCOLS(DATA_COLS), data_row, 1, NULL, NULL },
	{ "targets", TARGET_COLS, NCOLS(TARGET_COLS), target_row, 1, NULL, NULL },
};

/* An account's import (a web one): a unit its row names in a column of
 * units (unit, park, enterprise) outside the account's subtree is as one
 * that does not exist, whatever the kind does with it (a lead's park, a
 * loan's firm, a visit's enterprise). */
static int outside_tree(struct ictx *c, const char *const *cell, struct kfq_err *err)
{
	for (size_t i = 0; i < c->k->ncols; i++) {
		const char *name = c->k->cols[i].name;
		long u;
		if (!*cell[i] || (strcmp(name, "unit") != 0 && strcmp(name, "park") != 0 &&
		                  strcmp(name, "enterprise") != 0))
			continue;
		u = units_find(&c->units, cell[i]);
		if (u >= 0 && !units_within(&c->units, (size_t)u, (size_t)c->scope)) {
			kfq_error(err, "unknown unit \"%s\" (import it in a units file first)", cell[i]);
			return kfq_err_prefix(err, "column \"%s\"", name);
		}
	}
	return 0;
}

/* Record a bad row: keep the first IMPORT_MAX_MESSAGES messages, count all,
 * in English and in Chinese. A message about a field names it as the file
 * does: column "rating" (列 "rating"). */
static void bad_row(struct ictx *c, size_t line, const struct kfq_err *err)
{
	char column[sizeof err->field + 16] = "", column_zh[sizeof err->field + 16] = "";
	const char *zh = kfq_err_msg(err, KFQ_ZH);
	c->res->bad_rows++;
	if (c->res->bad_rows > IMPORT_MAX_MESSAGES)
		return;
	if (err->field[0]) {
		snprintf(column, sizeof column, "column \"%s\": ", err->field);
		snprintf(column_zh, sizeof column_zh, "%s\"%s\": ", err->zh[0] ? "列 " : "column ",
		         err->field);
	}
	if (line) {
		sbuf_addf(&c->msgs, "%s:%zu: %s%s\n", c->o->path, line, column, err->msg);
		sbuf_addf(&c->msgs_zh, "%s:%zu: %s%s\n", c->o->path, line, column_zh, zh);
	} else {
		sbuf_addf(&c->msgs, "%s: %s%s\n", c->o->path, column, err->msg);
		sbuf_addf(&c->msgs_zh, "%s: %s%s\n", c->o->path, column_zh, zh);
	}
}

void import_bad_row(struct ictx *c, size_t line, const struct kfq_err *err)
{
	bad_row(c, line, err);
}

/* Copy s without surrounding blanks into the row's scratch space (sized for
 * the whole row before the first call). */
static const char *trim(const char *s, char **scratch, size_t *used, size_t *cap)
{
	size_t len, at;
	while (*s == ' ' || *s == '\t')
		s++;
	len = strlen(s);
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\r'))
		len--;
	at = *used;
	if (at + len + 1 > *cap)
		return "";
	memcpy(*scratch + at, s, len);
	(*scratch)[at + len] = '\0';
	*used += len + 1;
	return *scratch + at;
}

static int on_row(void *ctx, size_t line, size_t ncells, const char *const *cells,
                  struct kfq_err *err)
{
	struct ictx *c = ctx;
	const char *cell[HEADER_MAX_COLS];
	size_t need = 1, used = 0;
	struct kfq_err rowerr;

	c->line = line;
	if (!c->have_header) {
		if (header_map(c->k->cols, c->k->ncols, ncells, cells, &c->map, err) < 0)
			return kfq_err_prefix(err, "%s:%zu", c->o->path, line);
		c->have_header = 1;
		c->ncells_header = ncells;
		for (size_t i = 0; i < ncells && i < HEADER_MAX_COLS; i++)
			c->unnamed[i] = cells[i][strspn(cells[i], " \t")] == '\0';
		return 0;
	}
	c->res->rows++;
	for (size_t i = 0; i < ncells; i++)
		need += strlen(cells[i]) + 1;
	if (need > c->scratch_cap) {
		free(c->scratch);
		c->scratch_cap = need * 2;
		c->scratch = xmalloc(c->scratch_cap);
	}
	for (size_t i = 0; i < c->k->ncols; i++) {
		int col = c->map.col[i];
		cell[i] = col >= 0 && (size_t)col < ncells ? trim(cells[col], &c->scratch, &used, &c->scratch_cap)
		          : "";
	}
	kfq_err_clear(&rowerr);
	for (size_t i = 0; i < ncells; i++)
		if (cells[i][0] && (i >= c->ncells_header || (i < HEADER_MAX_COLS && c->unnamed[i]))) {
			if (i >= c->ncells_header)
				kfq_error(&rowerr, "column %zu: \"%s\" stands where the header has no column "
				          "(a comma inside a value needs quotes)", i + 1, cells[i]);
			else
				kfq_error(&rowerr, "column %zu: \"%s\" stands under a column the header does "
				          "not name (name it, or leave it empty)", i + 1, cells[i]);
			bad_row(c, line, &rowerr);
			return 0;
		}
	if (c->scope >= 0 && outside_tree(c, cell, &rowerr) < 0) {
		bad_row(c, line, &rowerr);
		return 0;
	}
	if (c->k->row(c, cell, &rowerr) < 0) {
		if (rowerr.kind != KFQ_EUSER) {
			*err = rowerr;
			return -1;
		}
		bad_row(c, line, &rowerr);
	}
	return 0;
}

/* Rebuild the roll-ups of what this import changed, in its transaction. */
int import_refresh_rollups(struct ictx *c, struct kfq_err *err)
{
	/* when every changed value's unit is known, only the parents above
	 * those units are built again */
	for (size_t i = 0; i < c->inds.n; i++)
		for (unsigned y = 0; y < YEAR_BITS; y++)
			if (c->touched[i * YEAR_BYTES + y / 8] & (1u << (y % 8))) {
				if (c->touched_whole)
					rollup_todo_data(&c->todo, &c->inds.v[i], (int)y + 1900);
				else
					rollup_todo_data_at(&c->todo, &c->inds.v[i], (int)y + 1900);
			}
	if (!c->touched_whole && c->touched_units)
		for (size_t u = 0; u < c->units.n; u++)
			if (c->touched_units[u / 8] & (1u << (u % 8)))
				rollup_todo_unit(&c->todo, c->units.v[u].id);
	return rollup_rebuild(c->db, &c->todo, err);
}

static int log_import(struct ictx *c, struct kfq_err *err)
{
	const struct kfq_ctx *cx = db_ctx(c->db);
	struct kfq_stmt *st;
	int rc;
	if (db_prepare(c->db, "INSERT INTO import_log(at, who, kind, file, backfill) VALUES (?, ?, "
	               "?, ?, ?) RETURNING id", &st, err) < 0)
		return -1;
	st_bind_text(st, 1, cx->now);
	st_bind_text(st, 2, cx->who);
	st_bind_text(st, 3, c->k->name);
	st_bind_text(st, 4, c->o->path);
	st_bind_int(st, 5, c->o->backfill != 0);
	if ((rc = st_step(st)) == ST_ROW) {
		c->res->import_id = st_i64(st, 0);
		rc = st_step(st);
	}
	if (rc != ST_DONE)
		db_fault(c->db, err, "logging the import");
	st_finalize(st);
	return rc == ST_DONE ? 0 : -1;
}

static int log_counts(struct ictx *c, struct kfq_err *err)
{
	struct kfq_stmt *st;
	if (db_prepare(c->db, "UPDATE import_log SET rows = ?, added = ?, changed = ?, unchanged = ? "
	               "WHERE id = ?", &st, err) < 0)
		return -1;
	st_bind_i64(st, 1, (int64_t)c->res->rows);
	st_bind_i64(st, 2, (int64_t)c->res->added);
	st_bind_i64(st, 3, (int64_t)c->res->changed);
	st_bind_i64(st, 4, (int64_t)c->res->unchanged);
	st_bind_i64(st, 5, c->res->import_id);
	if (st_step(st) != ST_DONE) {
		db_fault(c->db, err, "logging the import");
		st_finalize(st);
		return -1;
	}
	st_finalize(st);
	return 0;
}

void mark_checked(struct ictx *c, size_t u, int year, int month, size_t line)
{
	/* the first line of a unit's month is the one a check names (as
	 * check_keys_expand keeps it): later values of the month add nothing */
	uint64_t key = (uint64_t)u << 24 | (uint64_t)(year & 0xffff) << 8 | (uint64_t)month;
	if (key == c->vlast)
		return;
	c->vlast = key;
	if (!u64set_add(&c->vseen, key))
		return;
	XGROW(c->vkeys, c->nvkeys + 1, c->vkeys_cap);
	c->vkeys[c->nvkeys++] = (struct check_key){ u, year, month, line, 0 };
}


/* The kind named name, or NULL. */
static const struct kind_def *find_kind(const char *name)
{
	const struct { const struct kind_def *v; size_t n; } all[] = {
		{ UNIT_KINDS, NUNIT_KINDS }, { KINDS, NCOLS(KINDS) }, { PROJECT_KINDS, NPROJECT_KINDS }, { LEAD_KINDS, NLEAD_KINDS },
		{ CASE_KINDS, NCASE_KINDS }, { INDEX_KINDS, NINDEX_KINDS },
		{ FINANCE_KINDS, NFINANCE_KINDS }, { RULE_KINDS, NRULE_KINDS },
	};
	for (size_t a = 0; a < NCOLS(all); a++)
		for (size_t i = 0; i < all[a].n; i++)
			if (strcmp(all[a].v[i].name, name) == 0)
				return &all[a].v[i];
	return NULL;
}

const struct column_def *import_kind_columns(const char *kind, size_t *n)
{
	const struct kind_def *k = find_kind(kind);
	*n = k ? k->ncols : 0;
	return k ? k->cols : NULL;
}

/* "unknown import kind", with the kinds there are (IMPORT_KINDS). */
static int unknown_kind(const char *name, struct kfq_err *err)
{
	struct sbuf sb;
	sbuf_init(&sb);
	for (size_t i = 0; IMPORT_KINDS[i]; i++)
		sbuf_addf(&sb, "%s%s", i == 0 ? "" : IMPORT_KINDS[i + 1] ? ", " : " or ", IMPORT_KINDS[i]);
	kfq_error(err, "unknown import kind \"%s\" (expected %s)", name, sb.buf);
	sbuf_release(&sb);
	return -1;
}

/* About how many rows a file of size bytes holds, from the lines in its
 * first 64 KB (a tenth more, for longer rows further on); size / 20 when
 * that tells nothing (a row of a data file takes 20 bytes and more). Too
 * few only costs the keys' table a doubling. */
static size_t rows_estimate(const char *path, off_t size)
{
	enum { HEAD = 65536 };
	char *buf = xmalloc(HEAD);   /* (the server imports in several threads) */
	size_t n = 0, lines = 0;
	FILE *fp = fopen(path, "rb");
	if (fp) {
		n = fread(buf, 1, HEAD, fp);
		fclose(fp);
	}
	for (size_t i = 0; i < n; i++)
		lines += buf[i] == '\n';
	free(buf);
	if (lines < 16 || (off_t)n >= size)
		return (size_t)(size / 20);
	return (size_t)((double)size / (double)n * (double)lines * 1.1);
}

/* One attempt at the import, in one transaction. */
static int import_once(const struct kfq_ctx *cx, struct kfq_db *db, const struct import_opts *o,
                       struct import_result *res, struct kfq_err *err)
{
	struct stat fst;
	struct ictx c;
	struct ledger_kind *lk = NULL;
	int rc = -1, refreshed = 0;

	memset(res, 0, sizeof *res);
	memset(&c, 0, sizeof c);
	c.db = db;
	c.o = o;
	c.res = res;
	c.scope = -1;
	if (o->ledger) {
		if (!(lk = ledger_kind_open(db, o->ledger, err)))
			return -1;
		c.k = ledger_kind_def(lk);
		c.kind_data = lk;
	} else if (!(c.k = find_kind(o->kind)))
		return unknown_kind(o->kind, err);
	sbuf_init(&c.msgs);
	sbuf_init(&c.msgs_zh);
	sbuf_init(&c.warn);
	sbuf_init(&c.warn_zh);
	/* an import waits its turn among the writers of the database rather
	 * than race them over the roll-ups */
	if (db_begin_writer(db, cx, err) < 0)
		goto out_nomodel;
	if (log_import(&c, err) < 0)
		goto rollback_nomodel;
	if (c.k->before && c.k->before(db, err) < 0)
		goto rollback_nomodel;
	if (c.k->needs_model) {
		if (units_load(db, &c.units, err) < 0)
			goto rollback_nomodel;
		if (indicators_load(db, &c.inds, err) < 0) {
			units_release(&c.units);
			goto rollback_nomodel;
		}
		if (o->scope && (c.scope = units_need(&c.units, o->scope, err)) < 0) {
			units_release(&c.units);
			indicators_release(&c.inds);
			goto rollback_nomodel;
		}
	}
	obs_writer_init(&c.w, db, res->import_id);
	c.w.file = o->path;
	c.w.reverts = &c.warn;      /* an old file over a later correction: said */
	c.w.reverts_zh = &c.warn_zh;
	/* the keys' table sized once for the file rather than doubled a dozen
	 * times (and not for twice the rows it has: 1 GB too many for a
	 * province's file) */
	if (!o->rows && o->path && stat(o->path, &fst) == 0 && S_ISREG(fst.st_mode))
		obs_writer_expect(&c.w, rows_estimate(o->path, fst.st_size));
	/* a data file's new values are written in bulk (COPY on PostgreSQL) */
	c.w.bulk = c.k->row == data_row;
	if (c.w.bulk) {   /* the values of indicator-years with values: a batch at a time */
		c.w.resolved = data_resolved;
		c.w.resolved_ctx = &c;
		c.w.stored_latest = rollup_stored_latest;
	}
	rollup_todo_init(&c.todo);
	c.todo.strict = c.k->row == data_row;   /* a total its values overflow refuses them */
	if (c.w.bulk) {   /* a new indicator-year's roll-ups from the rows in memory */
		c.todo.source = obs_whole_source;
		c.todo.source_ctx = &c.w;
	}
	c.touched = xcalloc(c.inds.n ? c.inds.n : 1, YEAR_BYTES);
	if ((o->rows ? o->rows(o->rows_ctx, on_row, &c, err)
	             : table_each(o->path, o->sheet, on_row, &c, err)) < 0)
		goto rollback;
	if (!c.have_header) {
		kfq_error(err, "%s: no header row (the file is empty)", o->path);
		goto rollback;
	}
	import_scope_warn(&c);
	if (c.npend && import_finish_units(&c, err) < 0)
		goto rollback;
	if (!res->bad_rows && obs_flush(&c.w, err) < 0)
		goto rollback;
	if (!res->bad_rows && c.k->row == data_row && import_mixed_check(&c, err) < 0)
		goto rollback;
	if (c.k->after && !res->bad_rows && import_after_locked(&c, err) < 0)
		goto rollback;
	if (!res->bad_rows && c.nvkeys && import_validate(&c, &refreshed, err) < 0)
		goto rollback;
	if (res->bad_rows) {
		if (res->bad_rows > IMPORT_MAX_MESSAGES) {
			sbuf_addf(&c.msgs, "... and %zu more bad rows\n", res->bad_rows - IMPORT_MAX_MESSAGES);
			sbuf_addf(&c.msgs_zh, "…… 另有 %zu 行有错\n", res->bad_rows - IMPORT_MAX_MESSAGES);
		}
		if (res->bad_rows <= res->rows && !c.failed_checks)
			kfq_error(err, "%s: %zu of %zu rows are bad; nothing was imported", o->path,
			          res->bad_rows, res->rows);
		else   /* problems found across rows, after them (failed rules too) */
			kfq_error(err, "%s: %zu problems in %zu rows; nothing was imported", o->path,
			          res->bad_rows, res->rows);
		goto rollback;
	}
	if (!o->dry_run && !refreshed && import_refresh_rollups(&c, err) < 0)
		goto rollback;
	if (log_counts(&c, err) < 0)
		goto rollback;
	if (o->dry_run) {
		db_rollback(db);
		res->import_id = 0;
	} else if (db_commit(db, err) < 0) {
		res->import_id = 0;
		goto out;
	}
	rc = 0;
	goto out;
rollback:
	db_rollback(db);
	res->import_id = 0;
out:
	obs_writer_release(&c.w);
	import_scope_release(&c);
	rollup_todo_release(&c.todo);
	free(c.touched);
	if (c.k->needs_model) {
		units_release(&c.units);
		indicators_release(&c.inds);
	}
	goto done;
rollback_nomodel:
	db_rollback(db);
	res->import_id = 0;
out_nomodel:
done:
	for (size_t i = 0; i < c.npend; i++)
		for (int j = 0; j < 8; j++)
			free(c.pend[i].cell[j]);
	free(c.pend);
	free(c.scratch);
	if (lk)
		ledger_kind_free(lk);
	case_cache_free(c.case_cache);
	for (size_t i = 0; i < c.nderive; i++)
		free(c.derive[i]);
	free(c.derive);
	for (size_t i = 0; i < c.nkeys; i++)
		free(c.keys[i].key);
	free(c.keys);
	if (c.keymap.cap)
		strmap_release(&c.keymap);
	if (c.msgs.len)
		res->messages = sbuf_detach(&c.msgs);
	else
		sbuf_release(&c.msgs);
	if (c.msgs_zh.len)
		res->messages_zh = sbuf_detach(&c.msgs_zh);
	else
		sbuf_release(&c.msgs_zh);
	free(c.vkeys);
	u64set_release(&c.vseen);
	free(c.touched_units);
	if (c.locks_loaded)
		approval_locks_release(&c.locks);
	res->reverts = c.w.nreverts;
	if (c.warn.len) {   /* shown also when the import is refused, as a dry run shows them */
		res->warn = sbuf_detach(&c.warn);
		res->warn_zh = sbuf_detach(&c.warn_zh);
	} else {
		sbuf_release(&c.warn);
		sbuf_release(&c.warn_zh);
	}
	return rc;
}

int import_run(const struct kfq_ctx *cx, struct kfq_db *db, const struct import_opts *o,
               struct import_result *res, struct kfq_err *err)
{
	/* A transaction a concurrent writer made impossible (a serialization
	 * failure on a server) is run again from the start, a few times. */
	for (int attempt = 1;; attempt++) {
		int rc = import_once(cx, db, o, res, err);
		if (rc == 0 || err->kind != KFQ_EFAULT || !db_retryable(db))
			return rc;
		if (attempt == DB_RETRIES)
			return kfq_err_prefix(err, "%s: other writers kept changing what this import reads; "
			                      "gave up after %d tries", o->path, attempt);
		import_result_release(res);
		db_backoff(db, attempt);
	}
}

void import_result_release(struct import_result *res)
{
	free(res->messages);
	res->messages = NULL;
	free(res->messages_zh);
	res->messages_zh = NULL;
	free(res->note);
	res->note = NULL;
	free(res->warn);
	res->warn = NULL;
	free(res->warn_zh);
	res->warn_zh = NULL;
}
