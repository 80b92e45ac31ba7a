/* template.h: report templates (docs/reports.md): a document's text
 * written once, each number in it a reference to a figure that kfq holds
 * ({{taxable_sales ytd 亿元 2}}), phrases chosen by the data ({{#if ...}}
 * ... {{else}} ... {{/if}}), tables ({{table bulletin}}) and the figures
 * kfq does not hold yet named as visible gaps ({{gap code "名称"}}).
 *
 * A template is parsed (syntax: file:line for an unclosed tag or block),
 * then evaluated for a unit and a period into a document (every reference
 * resolved through the library functions that kfq show, bulletin and the
 * modules' stats commands use: calc/figure and the grids of report/<module>_grid.c;
 * an unknown indicator, unit, measure or field is refused with file:line
 * and what was expected), then written as Markdown or HTML. A figure
 * without a value is written as a visible gap and reported as a warning,
 * never as 0. Depends on base, store, model, calc, the domain modules'
 * queries and report. */
#ifndef KFQ_TEMPLATE_H
#define KFQ_TEMPLATE_H

#include <stddef.h>
#include <stdio.h>

#include "base/ctx.h"
#include "base/err.h"
#include "base/period.h"
#include "model/model.h"
#include "report/grid.h"
#include "store/db.h"

struct tmpl;   /* a parsed template (tmpl_parse.c) */

/* Parse text (the file's contents, name for messages); *out is new (the
 * caller frees it with tmpl_free). -1 with "name:line: ..." in err. */
int tmpl_parse(const char *name, const char *text, struct tmpl **out, struct kfq_err *err);
void tmpl_free(struct tmpl *t);
/* The file a template was read from (the name given to tmpl_parse). */
const char *tmpl_file(const struct tmpl *t);
/* The same for the file at path (UTF-8 text). */
int tmpl_load(const char *path, struct tmpl **out, struct kfq_err *err);

/* What a rendered document holds: spans in order. */
enum tspan_kind {
	SP_TEXT,     /* the template's own text */
	SP_NUM,      /* a figure: its text, reference and explanation */
	SP_GAP,      /* a figure without a value (or kfq does not hold it): shown as a gap */
	SP_TABLE,    /* a table (grid) */
	SP_GAPLIST,  /* the list of every gap of the document ({{gaps}}) */
	SP_REVLIST,  /* the figures revised since published ({{revised}}) */
};

struct tspan {
	enum tspan_kind kind;
	char *text;      /* TEXT, NUM: what is written; GAP: the name shown */
	char *ref;       /* NUM, GAP, TABLE: the reference in its full form */
	char *id;        /* NUM: the template's id=NAME, or NULL */
	char *explain;   /* NUM, TABLE: where the figure comes from, in words and as a command */
	struct grid *g;  /* TABLE: the table, or a chart's data */
	int chart;       /* TABLE: 0 a table; 1 a monthly trend, 2 bars compared (HTML draws them) */
	char *caption;   /* TABLE of a chart: its caption */
	int line;        /* the template's line */
	long ind;        /* NUM, GAP of an indicator's figure: the indicator, else -1 */
	size_t unit;     /* and its unit, period and figure (for kfq report trace) */
	struct period period;
	int what;
	char *revised;   /* NUM: the figure was published and differs now: what was
	                    published, when, by whom, each change (publish_note) */
};

struct tmpl_doc {
	struct tspan *v;
	size_t n, cap;
	char *title;               /* the first heading's text, for HTML */
	struct kfq_err *warn;      /* warnings: figures without a value, undecided conditions */
	size_t nwarn;
	size_t ngaps, nnums, nrevised;
};

struct tmpl_opts {
	struct period period;      /* the report's period */
	size_t unit;               /* the report's unit (index in the model's units) */
};

/* Evaluate t for o into doc (initialised here; release it with
 * tmpl_doc_release, also after a failure). -1 with "file:line: ..." in err. */
int tmpl_eval(const struct tmpl *t, const struct kfq_ctx *cx, struct kfq_db *db,
              const struct kfq_model *m, const struct tmpl_opts *o, struct tmpl_doc *doc,
              struct kfq_err *err);
void tmpl_doc_release(struct tmpl_doc *doc);

/* The document as Markdown, or as one self-contained HTML file (styles
 * inline, no scripts; every number in an element that carries its
 * reference in data-ref and links to its explanation in the sources list
 * at the end). */
void tmpl_write_md(const struct tmpl_doc *doc, FILE *out);
void tmpl_write_html(const struct tmpl_doc *doc, FILE *out);
/* The document as PDF at path (A4, header on each page, page numbers),
 * written whole or not at all: 0, or -1 with err. The renderer is
 * tmpl_pdf.c, built as kfq-pdf.so beside the program and loaded only here
 * (tmpl_pdf_load.c): without it this says so and writes nothing. */
int tmpl_write_pdf(const struct tmpl_doc *doc, const char *header, const char *path,
                   struct kfq_err *err);
/* The document as DOCX at path (tmpl_docx.c), the Office Open XML that
 * Word and WPS open and edit: headings, paragraphs and tables, the header
 * and page numbers, created (ISO 8601: a publication's time; NULL for a
 * rendering, which then gives the same bytes each time) in its properties; written
 * whole or not at all: 0, or -1 with err. */
int tmpl_write_docx(const struct tmpl_doc *doc, const char *header, const char *created,
                    const char *path, struct kfq_err *err);
/* The document as an XLSX workbook at path (tmpl_xlsx.c): one sheet, its
 * title, then each heading and paragraph a row, each table row across the
 * columns, numbers as numbers; written whole or not at all: 0, or -1. */
int tmpl_write_xlsx(const struct tmpl_doc *doc, const char *path, struct kfq_err *err);
/* The renderer's entry point in kfq-pdf.so, tmpl_pdf_write: the same. */
typedef int tmpl_pdf_fn(const struct tmpl_doc *doc, const char *header, const char *path,
                        struct kfq_err *err);
int tmpl_pdf_write(const struct tmpl_doc *doc, const char *header, const char *path,
                   struct kfq_err *err);

/* ---- publication (tmpl_pub.c) ---- */

/* The document of template t (its name: the file's, without folders and
 * .tmpl) for o's unit and period published as a new revision: its
 * Markdown and HTML, the template's text and every figure it printed,
 * kept as they are (kfq report publish). A document published before is
 * published again only when it differs, and then only with a reason (what
 * was corrected): *revision is the new revision, or the last one and
 * *unchanged 1 when the document is the same. 0, or -1 with err. */
int tmpl_publish(const struct tmpl *t, const struct kfq_ctx *cx, struct kfq_db *db,
                 const struct kfq_model *m, const struct tmpl_opts *o,
                 const struct tmpl_doc *doc, const char *reason, int *revision,
                 int *unchanged, struct kfq_err *err);

/* A published revision, as it was published. */
struct tmpl_pub {
	int revision;
	char *at, *who, *reason;
	char *md, *html;
	size_t nfigures;
};
void tmpl_pub_release(struct tmpl_pub *p);

/* The template named name's document for o published as revision
 * (0: the last): 1 and *p, 0 when there is none, -1 with err. */
int tmpl_pub_read(struct kfq_db *db, const struct kfq_model *m, const char *name,
                  const struct tmpl_opts *o, int revision, struct tmpl_pub *p,
                  struct kfq_err *err);
/* Every revision of it, oldest first (revision, at, who, reason, figures)
 * into g (initialised here; people: Chinese headings). 0, or -1 with err. */
int tmpl_pub_list(struct kfq_db *db, const struct kfq_model *m, const char *name,
                  const struct tmpl_opts *o, int people, struct grid *g, struct kfq_err *err);
/* The figures of doc that its last publication printed otherwise (the
 * reference, as published, now, the revision) into g (initialised here):
 * 0 (g empty when it was never published, or nothing changed), or -1. */
int tmpl_pub_changes(struct kfq_db *db, const struct kfq_model *m, const char *name,
                     const struct tmpl_opts *o, const struct tmpl_doc *doc, int people,
                     struct grid *g, struct kfq_err *err);
/* The name a template is published under: its file's name without the
 * folders and .tmpl (new). */
char *tmpl_pub_name(const char *path);

/* How the figures of a template's line (line > 0), or the figure whose id
 * or reference is `figure`, were made (kfq report trace, tmpl_trace.c):
 * the reference, the value, the command that shows it; for an indicator's
 * figure its formula, the units it sums with their values, the stored
 * values behind it grouped by the import (file, lines, time, account) or
 * as entered by hand, each value with records set, and the changes made
 * to them since. Written to out, in Chinese when zh; -1 with err when
 * nothing matches. A template parsed with the name "" (kfq explain) prints
 * no file:line before each figure. */
int tmpl_trace(const struct tmpl *t, const struct kfq_ctx *cx, struct kfq_db *db,
               const struct kfq_model *m, const struct tmpl_opts *o, int line,
               const char *figure, int records, FILE *out, int zh, struct kfq_err *err);

#endif
