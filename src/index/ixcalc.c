/* ixcalc.c: one run of the price index, from the store into memory (see
 * ixcalc_run.h): the settings checked, the panel read (ixcalc_panel.c),
 * imputation and outlier flags (pi_prepare), the weights, trees and series
 * (ixcalc_tree.c); and what every part of the computation shares: the
 * formula and settings names, months of the run and the engine's messages
 * in calendar months. Storing is ixcalc_write.c. Depends on base, store and
 * the price engine. */
#include "index/ixcalc_run.h"
#include "base/sbuf.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const FORMULA[] = { "jevons", "dutot", "carli" };

int ixcalc_formula_parse(const char *s)
{
	for (int i = 0; i < 3; i++)
		if (s && strcmp(s, FORMULA[i]) == 0)
			return i;
	return -1;
}

const char *ixcalc_formula_name(enum pi_formula f)
{
	return (unsigned)f < 3 ? FORMULA[f] : "?";
}

void ixcalc_settings_default(struct ixcalc_settings *s)
{
	memset(s, 0, sizeof *s);
	s->base_year = 2016;
	s->base_month = 12;
	s->formula = PI_JEVONS;
	s->outlier_k = 2;
	s->max_impute = 2;
}

void ixcalc_settings_text(const struct ixcalc_settings *s, char *buf, size_t n)
{
	snprintf(buf, n, "base=%04d-%02d period=%04d-%02d formula=%s outlier_k=%.17g max_impute=%d",
	         s->base_year, s->base_month, s->year, s->month, ixcalc_formula_name(s->formula),
	         s->outlier_k, s->max_impute);
}

int ixcalc_settings_read(const char *text, struct ixcalc_settings *s, struct kfq_err *err)
{
	char f[16];
	ixcalc_settings_default(s);
	if (sscanf(text, "base=%d-%d period=%d-%d formula=%15s outlier_k=%lf max_impute=%d",
	           &s->base_year, &s->base_month, &s->year, &s->month, f, &s->outlier_k,
	           &s->max_impute) != 7 || ixcalc_formula_parse(f) < 0)
		return kfq_fault(err, "ix_month: settings \"%s\" are damaged", text);
	s->formula = (enum pi_formula)ixcalc_formula_parse(f);
	return 0;
}

void ixrun_month(const struct ixrun *r, size_t t, int *year, int *month)
{
	int mi = ix_mi(r->set.base_year, r->set.base_month) + (int)t;
	*year = mi / 12;
	*month = mi % 12 + 1;
}

void ixrun_err_months(const struct ixrun *r, struct kfq_err *err)
{
	struct sbuf out;
	const char *p = err->msg;
	sbuf_init(&out);
	while (*p) {
		int plural = strncmp(p, "months ", 7) == 0;
		if ((plural || strncmp(p, "month ", 6) == 0) && isdigit((unsigned char)p[6 + plural])) {
			char *end;
			unsigned long t = strtoul(p + 6 + plural, &end, 10);
			int y, m;
			if (t < 100000) {
				ixrun_month(r, t, &y, &m);
				sbuf_addf(&out, "%s%04d-%02d", plural ? "months " : "", y, m);
				p = end;
				/* "months 3 to 5", "months 3 and 4": the second is a month too */
				if ((strncmp(p, " to ", 4) == 0 || strncmp(p, " and ", 5) == 0) &&
				    isdigit((unsigned char)p[p[1] == 't' ? 4 : 5])) {
					int to = p[1] == 't';
					t = strtoul(p + (to ? 4 : 5), &end, 10);
					ixrun_month(r, t < 100000 ? t : 0, &y, &m);
					sbuf_addf(&out, " %s %04d-%02d", to ? "to" : "and", y, m);
					p = end;
				}
				continue;
			}
		}
		sbuf_addf(&out, "%c", *p++);
	}
	snprintf(err->msg, sizeof err->msg, "%s", out.buf ? out.buf : "");
	err->zh[0] = '\0';   /* the Chinese text, if any, still names internal months */
	sbuf_release(&out);
}

void ixrun_release(struct ixrun *r)
{
	for (size_t i = 0; i < r->ncat; i++) {
		free(r->cat[i].code);
		free(r->cat[i].name);
	}
	free(r->cat);
	free(r->ea_cat);
	free(r->ea_ch);
	free(r->item_id);
	free(r->seg_year);
	ixtree_release(&r->chm);
	ixtree_release(&r->cm);
	pi_panel_release(&r->panel);
	pi_report_release(&r->rep);
	memset(r, 0, sizeof *r);
}

int ixrun_build(struct kfq_db *db, const struct ixcalc_settings *s, struct ixrun *r,
                struct kfq_err *err)
{
	int b, p;

	memset(r, 0, sizeof *r);
	r->set = *s;
	r->set.unit = r->set.revise = NULL;
	if (s->base_month < 1 || s->base_month > 12 || s->month < 1 || s->month > 12)
		return kfq_fault(err, "index: month out of range");
	if ((unsigned)s->formula > PI_CARLI)
		return kfq_fault(err, "index: unknown formula %d", (int)s->formula);
	if (s->outlier_k != 0 && !(s->outlier_k > 1 && isfinite(s->outlier_k)))
		return kfq_error(err, "outlier bound k = %g: expected a number greater than 1 (or 0: "
		                 "no outlier flags)", s->outlier_k);
	if (s->max_impute < 0)
		return kfq_error(err, "max_impute %d: expected 0 (no limit) or more", s->max_impute);
	b = ix_mi(s->base_year, s->base_month);
	p = ix_mi(s->year, s->month);
	if (p < b)
		return kfq_error(err, "period %04d-%02d is before the base %04d-%02d (the index starts "
		                 "at its base = 100)", s->year, s->month, s->base_year, s->base_month);
	if (p - b >= 12 * 100)
		return kfq_error(err, "period %04d-%02d is more than a hundred years after the base "
		                 "%04d-%02d", s->year, s->month, s->base_year, s->base_month);
	r->nper = (size_t)(p - b + 1);
	pi_panel_init(&r->panel, r->nper, s->base_month);
	pi_report_init(&r->rep);
	if (ixrun_panel(db, r, err) < 0)
		goto fail;
	if (pi_prepare(&r->panel, s->formula, s->max_impute, s->outlier_k, &r->rep, err) < 0) {
		ixrun_err_months(r, err);
		goto fail;
	}
	if (ixrun_trees(db, r, err) < 0)
		goto fail;
	return 0;
fail:
	ixrun_release(r);
	return -1;
}
