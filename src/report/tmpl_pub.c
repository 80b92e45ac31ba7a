/* tmpl_pub.c: a rendered report published (see template.h): the document
 * as it was (its Markdown and HTML), its template's text and every figure
 * it printed, kept as a revision that later corrections never change (the
 * tables report_pub and report_pub_figure refuse updates and deletes);
 * read back verbatim; compared with a new rendering, which says the
 * figures changed since (old → new). Depends on base, store, model and
 * report. */
#include "report/tmpl_part.h"

#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

/* The document as text in one of the writers' formats (new). */
static char *as_text(const struct tmpl_doc *d, int html)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&buf, &len);
	if (!mem)
		return NULL;
	if (html)
		tmpl_write_html(d, mem);
	else
		tmpl_write_md(d, mem);
	if (fclose(mem) != 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

char *tmpl_pub_name(const char *path)
{
	const char *b = strrchr(path, '/');
	size_t n;
	b = b ? b + 1 : path;
	n = strlen(b);
	if (n > 5 && strcmp(b + n - 5, ".tmpl") == 0)
		n -= 5;
	return xstrndup(b, n);
}

/* The stored key of a publication: the unit's id and the period's text. */
static void key(const struct kfq_model *m, const struct tmpl_opts *o, int64_t *unit,
                char *period, size_t n)
{
	*unit = m->units.v[o->unit].id;
	period_format(&o->period, period, n);
}

static const char SQL_LAST[] =
	"SELECT id, revision, at, who, reason, md, html FROM report_pub WHERE name = ? AND "
	"unit_id = ? AND period = ? AND (revision = ? OR ? = 0) ORDER BY revision DESC LIMIT 1";

static int read_pub(struct kfq_db *db, const char *name, int64_t unit, const char *period,
                    int revision, int64_t *id, struct tmpl_pub *p, struct kfq_err *err)
{
	struct kfq_stmt *st;
	int rc;
	memset(p, 0, sizeof *p);
	if (db_prepare(db, SQL_LAST, &st, err) < 0)
		return -1;
	st_bind_text(st, 1, name);
	st_bind_i64(st, 2, unit);
	st_bind_text(st, 3, period);
	st_bind_int(st, 4, revision);
	st_bind_int(st, 5, revision);
	if ((rc = st_step(st)) == ST_ROW) {
		*id = st_i64(st, 0);
		p->revision = st_int(st, 1);
		p->at = xstrdup(st_text(st, 2));
		p->who = xstrdup(st_text(st, 3));
		p->reason = st_text(st, 4) ? xstrdup(st_text(st, 4)) : NULL;
		p->md = xstrdup(st_text(st, 5));
		p->html = xstrdup(st_text(st, 6));
	}
	st_finalize(st);
	if (rc == ST_ERROR)
		return db_fault(db, err, "reading the published reports");
	if (rc != ST_ROW)
		return 0;
	if (db_prepare(db, "SELECT count(*) FROM report_pub_figure WHERE pub_id = ?", &st, err) < 0) {
		tmpl_pub_release(p);
		return -1;
	}
	st_bind_i64(st, 1, *id);
	rc = st_step(st);
	if (rc == ST_ROW)
		p->nfigures = (size_t)st_i64(st, 0);
	st_finalize(st);
	if (rc != ST_ROW) {
		tmpl_pub_release(p);
		return db_fault(db, err, "reading the published reports");
	}
	return 1;
}

void tmpl_pub_release(struct tmpl_pub *p)
{
	free(p->at);
	free(p->who);
	free(p->reason);
	free(p->md);
	free(p->html);
	memset(p, 0, sizeof *p);
}

int tmpl_pub_read(struct kfq_db *db, const struct kfq_model *m, const char *name,
                  const struct tmpl_opts *o, int revision, struct tmpl_pub *p,
                  struct kfq_err *err)
{
	char period[64];
	int64_t unit, id;
	key(m, o, &unit, period, sizeof period);
	return read_pub(db, name, unit, period, revision, &id, p, err);
}

/* Whether span i's reference is printed before it in doc (a figure is
 * kept once). */
static int ref_seen(const struct tmpl_doc *d, size_t i)
{
	for (size_t k = 0; k < i; k++)
		if ((d->v[k].kind == SP_NUM || d->v[k].kind == SP_GAP) &&
		    strcmp(d->v[k].ref, d->v[i].ref) == 0)
			return 1;
	return 0;
}

/* A span's figure as printed: its text, or the gap's mark. */
static const char *printed(const struct tspan *s, char *buf, size_t n)
{
	if (s->kind == SP_NUM)
		return s->text;
	snprintf(buf, n, "〔缺：%s〕", s->text);
	return buf;
}

static int store(struct kfq_db *db, const struct kfq_ctx *cx, const char *name, int64_t unit,
                 const char *period, int revision, const char *reason, const char *text,
                 const char *md, const char *html, const struct tmpl_doc *doc,
                 struct kfq_err *err)
{
	static const char INS[] =
		"INSERT INTO report_pub(name, unit_id, period, revision, at, who, reason, template, "
		"md, html) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
	static const char FIG[] = "INSERT INTO report_pub_figure(pub_id, ref, text) VALUES (?, ?, ?)";
	struct kfq_stmt *st;
	int64_t id = 0;
	int rc;
	if (db_prepare(db, INS, &st, err) < 0)
		return -1;
	st_bind_text(st, 1, name);
	st_bind_i64(st, 2, unit);
	st_bind_text(st, 3, period);
	st_bind_int(st, 4, revision);
	st_bind_text(st, 5, cx->now);
	st_bind_text(st, 6, cx->who);
	if (reason)
		st_bind_text(st, 7, reason);
	else
		st_bind_null(st, 7);
	st_bind_text(st, 8, text);
	st_bind_text(st, 9, md);
	st_bind_text(st, 10, html);
	if ((rc = st_step(st)) == ST_ROW) {
		id = st_i64(st, 0);
		rc = st_step(st);
	}
	st_finalize(st);
	if (rc != ST_DONE)
		return db_fault(db, err, "writing the published report");
	if (db_prepare(db, FIG, &st, err) < 0)
		return -1;
	for (size_t i = 0; i < doc->n; i++) {
		const struct tspan *s = &doc->v[i];
		char buf[512];
		if ((s->kind != SP_NUM && s->kind != SP_GAP) || !s->ref || ref_seen(doc, i))
			continue;
		st_bind_i64(st, 1, id);
		st_bind_text(st, 2, s->ref);
		st_bind_text(st, 3, printed(s, buf, sizeof buf));
		rc = st_step(st);
		st_reset(st);
		if (rc != ST_DONE) {
			st_finalize(st);
			return db_fault(db, err, "writing the published report's figures");
		}
	}
	st_finalize(st);
	return 0;
}

int tmpl_publish(const struct tmpl *t, const struct kfq_ctx *cx, struct kfq_db *db,
                 const struct kfq_model *m, const struct tmpl_opts *o,
                 const struct tmpl_doc *doc, const char *reason, int *revision,
                 int *unchanged, struct kfq_err *err)
{
	char period[64], *name = tmpl_pub_name(t->name);
	char *md = as_text(doc, 0), *html = as_text(doc, 1);
	struct tmpl_pub last;
	int64_t unit, id;
	int got, rc = -1;

	*revision = 0;
	*unchanged = 0;
	key(m, o, &unit, period, sizeof period);
	if (!md || !html) {
		kfq_fault(err, "report publish: the document could not be written out");
		goto out;
	}
	if (db_begin(db, cx, err) < 0)
		goto out;
	if ((got = read_pub(db, name, unit, period, 0, &id, &last, err)) < 0)
		goto fail;
	if (got && strcmp(last.md, md) == 0 && strcmp(last.html, html) == 0) {
		/* the same document: nothing to publish again */
		*revision = last.revision;
		*unchanged = 1;
		tmpl_pub_release(&last);
		db_rollback(db);
		rc = 0;
		goto out;
	}
	if (got && (!reason || !*reason)) {
		kfq_error(err, "report %s for %s %s is published (revision %d, %s by %s) and differs "
		          "now: publishing it again needs --reason (what was corrected)", name,
		          m->units.v[o->unit].code, period, last.revision, last.at, last.who);
		tmpl_pub_release(&last);
		goto fail;
	}
	*revision = got ? last.revision + 1 : 1;
	tmpl_pub_release(&last);
	if (store(db, cx, name, unit, period, *revision, reason && *reason ? reason : NULL, t->text,
	          md, html, doc, err) < 0)
		goto fail;
	rc = db_commit(db, err);
	goto out;
fail:
	db_rollback(db);
out:
	free(name);
	free(md);
	free(html);
	return rc;
}

int tmpl_pub_list(struct kfq_db *db, const struct kfq_model *m, const char *name,
                  const struct tmpl_opts *o, int people, struct grid *g, struct kfq_err *err)
{
	static const char *const KEYS[] = { "revision", "at", "who", "reason", "figures" };
	static const char *const HEADS[] = { "版本", "发布时间", "发布人", "理由", "数据个数" };
	static const char SQL[] =
		"SELECT p.revision, p.at, p.who, p.reason, (SELECT count(*) FROM report_pub_figure f "
		"WHERE f.pub_id = p.id) FROM report_pub p WHERE p.name = ? AND p.unit_id = ? AND "
		"p.period = ? ORDER BY p.revision";
	struct kfq_stmt *st;
	char period[64];
	int64_t unit;
	int rc;
	key(m, o, &unit, period, sizeof period);
	grid_init(g, 5, KEYS, people ? HEADS : NULL);
	grid_numeric(g, 0);
	grid_numeric(g, 4);
	if (db_prepare(db, SQL, &st, err) < 0)
		return -1;
	st_bind_text(st, 1, name);
	st_bind_i64(st, 2, unit);
	st_bind_text(st, 3, period);
	while ((rc = st_step(st)) == ST_ROW) {
		grid_row(g);
		grid_setf(g, 0, "%d", st_int(st, 0));
		grid_set(g, 1, st_text(st, 1));
		grid_set(g, 2, st_text(st, 2));
		grid_set(g, 3, st_text(st, 3));
		grid_setf(g, 4, "%lld", (long long)st_i64(st, 4));
	}
	st_finalize(st);
	return rc == ST_DONE ? 0 : db_fault(db, err, "reading the published reports");
}

int tmpl_pub_changes(struct kfq_db *db, const struct kfq_model *m, const char *name,
                     const struct tmpl_opts *o, const struct tmpl_doc *doc, int people,
                     struct grid *g, struct kfq_err *err)
{
	static const char *const KEYS[] = { "ref", "published", "now", "revision" };
	static const char *const HEADS[] = { "数据", "发布时", "现在", "版本" };
	static const char SQL[] = "SELECT text FROM report_pub_figure WHERE pub_id = ? AND ref = ?";
	struct tmpl_pub last;
	struct kfq_stmt *st;
	char period[64];
	int64_t unit, id;
	int got;
	key(m, o, &unit, period, sizeof period);
	grid_init(g, 4, KEYS, people ? HEADS : NULL);
	if ((got = read_pub(db, name, unit, period, 0, &id, &last, err)) <= 0)
		return got;
	if (db_prepare(db, SQL, &st, err) < 0) {
		tmpl_pub_release(&last);
		return -1;
	}
	for (size_t i = 0; i < doc->n; i++) {
		const struct tspan *s = &doc->v[i];
		char buf[512];
		const char *now;
		int rc;
		if ((s->kind != SP_NUM && s->kind != SP_GAP) || !s->ref || ref_seen(doc, i))
			continue;
		now = printed(s, buf, sizeof buf);
		st_bind_i64(st, 1, id);
		st_bind_text(st, 2, s->ref);
		rc = st_step(st);
		if (rc == ST_ERROR) {
			st_finalize(st);
			tmpl_pub_release(&last);
			return db_fault(db, err, "reading the published report's figures");
		}
		/* a figure the published document did not print is new, not changed */
		if (rc == ST_ROW && strcmp(st_text(st, 0), now) != 0) {
			grid_row(g);
			grid_set(g, 0, s->ref);
			grid_set(g, 1, st_text(st, 0));
			grid_set(g, 2, now);
			grid_setf(g, 3, "%d", last.revision);
		}
		st_reset(st);
	}
	st_finalize(st);
	tmpl_pub_release(&last);
	return 0;
}
