/* ixcalc_prosp.c: the prosperity part (景气指数) of one run (see
 * ixcalc_run.h): per month with answers, each survey's questions (diffusion
 * index, weighted by the respondents' sizes when every answer to the
 * question that month has one; inverted where "up" is bad news), each
 * survey's composite over its questions and the overall index over the
 * surveys, with the configured weights (pr_composite renormalises over what
 * is present). A question nobody answered that month (every reply none), or
 * whose answers are weighted and the weights of those who answered add up
 * to 0, keeps its counts (its non-responses are reported) with no index
 * (NAN), and is left out of its composite; it never stops the computation.
 * Depends on base, store and the prosperity engine. */
#include "index/ixcalc_run.h"
#include "index/prosperity.h"
#include "base/xalloc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct survey {
	char *code;
	double weight;
	size_t q0, nq;     /* its questions */
};

struct question {
	char *code;
	int inverted;
	double weight;
};

struct answer {
	int mi;
	size_t q;          /* index in the questions */
	char who[24];
	enum pr_reply reply;
	int has_weight;
	double weight;
};

void ixprosp_release(struct ixprosp *p)
{
	for (size_t i = 0; i < p->n; i++) {
		free(p->v[i].survey);
		free(p->v[i].question);
	}
	free(p->v);
	memset(p, 0, sizeof *p);
}

static struct ixprow *add_row(struct ixprosp *p, int mi, const char *survey,
                              const char *question, double idx)
{
	struct ixprow *w;
	XGROW(p->v, p->n + 1, p->cap);
	w = &p->v[p->n++];
	memset(w, 0, sizeof *w);
	w->year = mi / 12;
	w->month = mi % 12 + 1;
	w->survey = xstrdup(survey);
	w->question = xstrdup(question);
	w->idx = idx;
	return w;
}

static enum pr_reply reply_of(const char *s)
{
	if (strcmp(s, "up") == 0)
		return PR_UP;
	if (strcmp(s, "flat") == 0)
		return PR_FLAT;
	if (strcmp(s, "down") == 0)
		return PR_DOWN;
	return PR_NONE;
}

/* The rows of one month: answers a[0..n). */
static int month_rows(struct ixprosp *p, int mi, const struct survey *sv, size_t nsv,
                      const struct question *q, const struct answer *a, size_t n,
                      struct kfq_err *err)
{
	struct pr_answer *pa = xmalloc((n ? n : 1) * sizeof *pa);
	struct pr_part *sparts = xcalloc(nsv ? nsv : 1, sizeof *sparts);
	int rc = 0;

	for (size_t s = 0; s < nsv && rc == 0; s++) {
		struct pr_part *qparts = xcalloc(sv[s].nq ? sv[s].nq : 1, sizeof *qparts);
		size_t npresent = 0;
		for (size_t k = 0; k < sv[s].nq && rc == 0; k++) {
			const struct question *qq = &q[sv[s].q0 + k];
			size_t m = 0, answered = 0, weighted = 0;
			double wsum = 0;
			long cnt[4] = { 0, 0, 0, 0 };
			struct pr_result res;
			qparts[k].name = qq->code;
			qparts[k].weight = qq->weight;
			for (size_t i = 0; i < n; i++) {
				if (a[i].q != sv[s].q0 + k)
					continue;
				pa[m].question = qq->code;
				pa[m].respondent = a[i].who;
				pa[m].reply = a[i].reply;
				pa[m].weight = a[i].weight;
				answered += a[i].reply != PR_NONE;
				weighted += a[i].has_weight;
				if (a[i].reply != PR_NONE && a[i].has_weight)
					wsum += a[i].weight;
				cnt[a[i].reply <= PR_NONE ? a[i].reply : PR_NONE]++;
				m++;
			}
			if (m == 0)
				continue;
			if (answered == 0 || (weighted == m && !(wsum > 0))) {
				/* no index: the counts alone (non-responses reported) */
				struct ixprow *w = add_row(p, mi, sv[s].code, qq->code, NAN);
				w->has_counts = 1;
				memcpy(w->n, cnt, sizeof w->n);
				continue;
			}
			if (pr_diffusion(pa, m, qq->code, weighted == m, qq->inverted, &res, err) < 0) {
				rc = kfq_err_prefix(err, "survey \"%s\", %04d-%02d", sv[s].code, mi / 12,
				                    mi % 12 + 1);
				break;
			}
			struct ixprow *w = add_row(p, mi, sv[s].code, qq->code, res.index);
			w->has_counts = 1;
			w->n[0] = (long)res.n_up;
			w->n[1] = (long)res.n_flat;
			w->n[2] = (long)res.n_down;
			w->n[3] = (long)res.n_none;
			qparts[k].present = 1;
			qparts[k].index = res.index;
			npresent++;
		}
		if (rc == 0 && npresent) {
			struct pr_composite c;
			if (pr_composite(qparts, sv[s].nq, &c, err) < 0)
				rc = kfq_err_prefix(err, "survey \"%s\"", sv[s].code);
			else {
				add_row(p, mi, sv[s].code, "", c.index);
				sparts[s].present = 1;
				sparts[s].index = c.index;
			}
		}
		sparts[s].name = sv[s].code;
		sparts[s].weight = sv[s].weight;
		free(qparts);
	}
	if (rc == 0) {
		struct pr_composite c;
		size_t any = 0;
		for (size_t s = 0; s < nsv; s++)
			any += sparts[s].present;
		if (any) {
			if (pr_composite(sparts, nsv, &c, err) < 0)
				rc = kfq_err_prefix(err, "the overall prosperity index");
			else
				add_row(p, mi, "", "", c.index);
			p->nmonths++;
		}
	}
	free(sparts);
	free(pa);
	return rc;
}

int ixprosp_compute(struct kfq_db *db, int y0, int m0, int y1, int m1, struct ixprosp *p,
                    struct kfq_err *err)
{
	struct survey *sv = NULL;
	struct question *q = NULL;
	struct answer *a = NULL;
	size_t nsv = 0, svcap = 0, nq = 0, qcap = 0, na = 0, acap = 0;
	struct kfq_stmt *st;
	int rc;

	memset(p, 0, sizeof *p);
	if (db_prepare(db, "SELECT code, weight FROM ix_survey ORDER BY code", &st, err) < 0)
		return -1;
	while ((rc = st_step(st)) == ST_ROW) {
		XGROW(sv, nsv + 1, svcap);
		sv[nsv].code = xstrdup(st_text(st, 0));
		sv[nsv].weight = (double)st_i64(st, 1) / 10000;
		sv[nsv].q0 = sv[nsv].nq = 0;
		nsv++;
	}
	if (rc != ST_DONE) {
		db_fault(db, err, "reading surveys");
		st_finalize(st);
		rc = -1;
		goto out;
	}
	st_finalize(st);
	if (db_prepare(db, "SELECT survey, code, inverted, weight FROM ix_question "
	               "ORDER BY survey, seq, code", &st, err) < 0) {
		rc = -1;
		goto out;
	}
	while ((rc = st_step(st)) == ST_ROW) {
		const char *s = st_text(st, 0);
		size_t k;
		for (k = 0; k < nsv && strcmp(sv[k].code, s) != 0; k++)
			;
		if (k == nsv)
			continue;
		XGROW(q, nq + 1, qcap);
		q[nq].code = xstrdup(st_text(st, 1));
		q[nq].inverted = st_int(st, 2);
		q[nq].weight = (double)st_i64(st, 3) / 10000;
		if (!sv[k].nq)
			sv[k].q0 = nq;
		sv[k].nq++;
		nq++;
	}
	if (rc != ST_DONE) {
		db_fault(db, err, "reading survey questions");
		st_finalize(st);
		rc = -1;
		goto out;
	}
	st_finalize(st);
	if (db_prepare(db, "SELECT survey, question, year * 12 + month - 1, unit_id, reply, weight "
	               "FROM ix_answer WHERE year * 12 + month - 1 BETWEEN ? AND ? "
	               "ORDER BY year, month, survey, question", &st, err) < 0) {
		rc = -1;
		goto out;
	}
	st_bind_int(st, 1, ix_mi(y0, m0));
	st_bind_int(st, 2, ix_mi(y1, m1));
	while ((rc = st_step(st)) == ST_ROW) {
		const char *s = st_text(st, 0);
		const char *qc = st_text(st, 1);
		size_t k, j;
		for (k = 0; k < nsv && strcmp(sv[k].code, s) != 0; k++)
			;
		if (k == nsv)
			continue;
		for (j = sv[k].q0; j < sv[k].q0 + sv[k].nq && strcmp(q[j].code, qc) != 0; j++)
			;
		if (j == sv[k].q0 + sv[k].nq)
			continue;
		XGROW(a, na + 1, acap);
		a[na].mi = st_int(st, 2);
		a[na].q = j;
		snprintf(a[na].who, sizeof a[na].who, "%lld", (long long)st_i64(st, 3));
		a[na].reply = reply_of(st_text(st, 4));
		a[na].has_weight = !st_null(st, 5);
		a[na].weight = a[na].has_weight ? (double)st_i64(st, 5) / 10000 : 0;
		na++;
	}
	if (rc != ST_DONE) {
		db_fault(db, err, "reading survey answers");
		st_finalize(st);
		rc = -1;
		goto out;
	}
	st_finalize(st);
	rc = 0;
	for (size_t i = 0; i < na && rc == 0;) {
		size_t j = i;
		while (j < na && a[j].mi == a[i].mi)
			j++;
		rc = month_rows(p, a[i].mi, sv, nsv, q, a + i, j - i, err);
		i = j;
	}
out:
	for (size_t i = 0; i < nsv; i++)
		free(sv[i].code);
	for (size_t i = 0; i < nq; i++)
		free(q[i].code);
	free(sv);
	free(q);
	free(a);
	if (rc < 0)
		ixprosp_release(p);
	return rc;
}
