/* ixcalc_run.h: private to the index computation (ixcalc*.c), included by
 * nothing else: the price index of one run held in memory (read from the
 * store, prepared and computed by the engine: ixcalc.c, ixcalc_panel.c,
 * ixcalc_tree.c) and the prosperity rows of one run, before they are
 * stored or shown. Depends on what ixcalc.h does. */
#ifndef KFQ_IXCALC_RUN_H
#define KFQ_IXCALC_RUN_H

#include "index/ixcalc.h"
#include "index/priceindex.h"

struct ixcat {
	int64_t id;
	char *code, *name;
	long parent;        /* index in the run's categories, -1 top level */
	int seq;
	size_t nchild;
};

/* One tree over the elementary aggregates with the (channel, category) of
 * each node: ch -1 = all channels, cat -1 = the total. */
struct ixtree {
	struct pi_node *node;
	size_t n, cap;
	int *ch;
	long *cat;
	double *w;                 /* [segment * n + node] */
	struct pi_weights *seg;    /* [segment] */
	struct pi_series s;
};

struct ixrun {
	struct ixcalc_settings set;
	size_t nper;               /* months base … period */
	struct ixcat *cat;         /* in tree order: a parent before its children, siblings
	                              by seq then code */
	size_t ncat;
	long *ea_cat;              /* [ea]: the leaf category */
	int *ea_ch;                /* [ea]: the channel */
	int64_t *item_id;          /* [panel item]: ix_item.id */
	struct pi_panel panel;
	struct pi_report rep;
	size_t nquotes;
	size_t nseg;
	int *seg_year;             /* [segment]: the year whose weights it uses */
	struct ixtree chm;         /* channel-major: total → channel → categories → leaves */
	struct ixtree cm;          /* category-major: total → categories → leaf × channel */
};

/* Read and compute the price index of s (base … s->year/month) into r.
 * On error r is released. */
int ixrun_build(struct kfq_db *db, const struct ixcalc_settings *s, struct ixrun *r,
                struct kfq_err *err);
void ixrun_release(struct ixrun *r);

/* ---- the parts of ixrun_build ---- */

/* ixcalc_panel.c: r's categories (in tree order), its panel of items and
 * monthly prices with the replacements linked, and its elementary
 * aggregates (ea_cat, ea_ch, item_id), for r->nper months from the base.
 * On error the caller releases r. */
int ixrun_panel(struct kfq_db *db, struct ixrun *r, struct kfq_err *err);
/* The run's category of a stored category id, -1 when none. */
long ixrun_cat_of(const struct ixrun *r, int64_t id);

/* ixcalc_tree.c: the segments and their weights, both trees and their
 * series for r's prepared panel; a fault when their totals differ. On
 * error the caller releases r. */
int ixrun_trees(struct kfq_db *db, struct ixrun *r, struct kfq_err *err);
void ixtree_release(struct ixtree *tr);
/* The calendar month of panel month t. */
void ixrun_month(const struct ixrun *r, size_t t, int *year, int *month);

/* Months as one number: year * 12 + month - 1. */
static inline int ix_mi(int year, int month)
{
	return year * 12 + month - 1;
}

/* "base=2016-12 period=2017-12 formula=jevons outlier_k=2 max_impute=2":
 * the settings as stored in ix_month, and back (the unit and reason are not
 * part of it). */
void ixcalc_settings_text(const struct ixcalc_settings *s, char *buf, size_t n);
int ixcalc_settings_read(const char *text, struct ixcalc_settings *s, struct kfq_err *err);

/* The month must be computed: 0 (with *m), or a user error naming the
 * months that are. */
int ixrun_need_month(struct kfq_db *db, int year, int month, struct ixcalc_month *m,
                     struct kfq_err *err);

/* Rewrite "month N", "months N to M" and "months N and M" of the engine's
 * messages as calendar months. */
void ixrun_err_months(const struct ixrun *r, struct kfq_err *err);

/* ---- prosperity (ixcalc_prosp.c) ---- */

struct ixprow {
	int year, month;
	char *survey, *question;   /* "" overall / composite */
	int has_counts;
	long n[4];                 /* up, flat, down, none */
	double idx;                /* NAN: no index (every reply none, or weights
	                              adding up to 0); stored as NULL */
};

struct ixprosp {
	struct ixprow *v;
	size_t n, cap;
	size_t nmonths;            /* months with answers */
};

/* The diffusion indices, composites and overall index of every month from
 * (y0, m0) through (y1, m1) that has answers. */
int ixprosp_compute(struct kfq_db *db, int y0, int m0, int y1, int m1, struct ixprosp *p,
                    struct kfq_err *err);
void ixprosp_release(struct ixprosp *p);

/* ---- the core's figures (ixcalc_core.c) ---- */

/* The unit the figures are published for: given (--unit), else meta
 * index.unit, else the first root; its id and code. */
int ixcore_unit(struct kfq_db *db, const char *given, int64_t *id, char *code, size_t n,
                struct kfq_err *err);
/* Rewrite every eyewear_* figure of the core from ix_value and
 * ix_prosperity (all stored months, frozen ones included). */
int ixcore_publish(struct kfq_db *db, int64_t unit, struct kfq_err *err);

#endif
