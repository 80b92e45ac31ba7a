/* check_cross.c: the checks that look beyond the unit's own month and
 * history (see check_part.h): against its peers (the units under the same
 * parent the rule applies to, optionally of the same industry: the median
 * and MAD of their values, the unit itself left out), and the ratio of two
 * indicators from different sources (taxable sales from the tax bureau
 * against the output the enterprise reports) against a fixed band or
 * against the same ratio in the unit's own history. Arithmetic is exact
 * (decimals and 128-bit integers). Depends on base, store, model, calc. */
#include "quality/check_part.h"
#include "base/period.h"
#include "base/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HIST_MAX 120

void check_show_ratio(int64_t q, char *buf, size_t n)
{
	dec_format(q, 4, 4, buf, n);
	if (strchr(buf, '.')) {
		char *e = buf + strlen(buf) - 1;
		while (*e == '0')
			*e-- = '\0';
		if (*e == '.')
			*e = '\0';
	}
}

/* ---- peers ---- */

/* The rule's left expression at peer c in (year, month), read once per
 * run (the memo holds one rule's year): 0 with *v, 1 none, -1 error. */
static int peer_value(struct run *run, const struct rule *r, size_t c, int year, int month,
                      dec *v, struct kfq_err *err)
{
	size_t at = c * 12 + (size_t)(month - 1);
	int rc;
	if (run->peers.rule != r || run->peers.year != year) {
		size_t n = run->units->n * 12;
		free(run->peers.v);
		free(run->peers.st);
		run->peers.v = xmalloc((n ? n : 1) * sizeof *run->peers.v);
		run->peers.st = xcalloc(n ? n : 1, 1);
		run->peers.rule = r;
		run->peers.year = year;
	}
	if (run->peers.st[at] == 0) {
		if ((rc = check_eval(run, r->left, c, year, month, &run->peers.v[at], err)) < 0)
			return -1;
		run->peers.st[at] = rc == 0 ? 1 : 2;
	}
	*v = run->peers.v[at];
	return run->peers.st[at] == 1 ? 0 : 1;
}

/* Whether peer c shares the first d characters of the industry code s. */
static int same_industry(const struct unit *c, const char *s, int d)
{
	return c->industry && strlen(c->industry) >= (size_t)d &&
	       strncmp(c->industry, s, (size_t)d) == 0;
}

int check_peer(struct run *run, struct check_result *res, struct words *w,
               struct kfq_err *err)
{
	const struct rule *r = res->rule;
	const struct unit *un = &run->units->v[res->unit], *par;
	dec *h;
	size_t n = 0;
	char basis[320], basis_zh[320], ind[64] = "", ind_zh[64] = "";
	int rc = 0;

	if (un->parent < 0)
		return 0;   /* a root has no peers */
	if (r->same_industry && (!un->industry || strlen(un->industry) < (size_t)r->same_industry))
		return 0;   /* no industry code to match */
	par = &run->units->v[un->parent];
	h = xmalloc((par->nchildren ? par->nchildren : 1) * sizeof *h);
	for (size_t i = 0; i < par->nchildren; i++) {
		size_t c = par->children[i];
		int a;
		if (c == res->unit ||
		    (r->same_industry && !same_industry(&run->units->v[c], un->industry,
		                                        r->same_industry)))
			continue;
		if ((a = check_applies(run, r, c, res->year, res->month, err)) < 0)
			goto out;
		if (!a)
			continue;
		if ((a = peer_value(run, r, c, res->year, res->month, &h[n], err)) < 0)
			goto out;
		if (a == 0) {
			if (run->trace) {
				char label[96];
				snprintf(label, sizeof label, "%s %s", run->units->v[c].code,
				         run->units->v[c].name);
				check_trace_sample(run, label, c, res->year, res->month, h[n]);
			}
			n++;
		}
	}
	if ((int)n < r->min) {
		rc = 0;     /* too few peers: not checked */
		goto out;
	}
	if (w) {
		if (r->same_industry) {
			snprintf(ind, sizeof ind, " of industry %.*s", r->same_industry, un->industry);
			snprintf(ind_zh, sizeof ind_zh, "行业 %.*s 的", r->same_industry, un->industry);
		}
		snprintf(basis, sizeof basis, "%zu peers (the %ss%s under %s)", n,
		         r->kind ? r->kind : "unit", ind, par->code);
		snprintf(basis_zh, sizeof basis_zh, "%s 下%s %zu 个同类单位", par->code, ind_zh, n);
	}
	rc = check_robust(r, res, w, h, n, basis, basis_zh, 1);
out:
	free(h);
	return rc;
}

/* ---- two sources ---- */

/* left ÷ right at CHECK_RQ, rounded half away from zero (right > 0). */
static int64_t rq(dec left, dec right)
{
	__int128 a = (__int128)left * CHECK_RQ, q = a / right, m = a % right;
	if ((m < 0 ? -m : m) * 2 >= right)
		q += a < 0 ? -1 : 1;
	return check_clamp(q);
}

/* The fixed band: lo ≤ left ÷ right ≤ hi, compared as left × 1 against
 * lo × right (DEC × DEC). */
static int ratio_band(const struct rule *r, struct check_result *res, struct words *w)
{
	__int128 l = (__int128)res->left * DEC_ONE;
	int below = r->has_lo && l < (__int128)r->lo * res->right;
	int above = r->has_hi && l > (__int128)r->hi * res->right;
	char lo[64], hi[64], q[64], d[64];

	res->failed = below || above;
	if (!w)
		return 1;
	dec_format(r->lo, 0, -1, lo, sizeof lo);
	dec_format(r->hi, 0, -1, hi, sizeof hi);
	if (r->has_lo && r->has_hi) {
		snprintf(w->expected, sizeof w->expected, "%s to %s (the configured band)", lo, hi);
		snprintf(w->expected_zh, sizeof w->expected_zh, "%s 至 %s（设定的区间）", lo, hi);
	} else if (r->has_lo) {
		snprintf(w->expected, sizeof w->expected, "at least %s (the configured band)", lo);
		snprintf(w->expected_zh, sizeof w->expected_zh, "不低于 %s（设定的区间）", lo);
	} else {
		snprintf(w->expected, sizeof w->expected, "at most %s (the configured band)", hi);
		snprintf(w->expected_zh, sizeof w->expected_zh, "不高于 %s（设定的区间）", hi);
	}
	{
		int64_t x = rq(res->left, res->right);
		__int128 edge = (__int128)(below ? r->lo : r->hi) * (CHECK_RQ / DEC_ONE);
		__int128 dd = x - edge;
		check_show_ratio(x, q, sizeof q);
		check_show_ratio(check_clamp(dd < 0 ? -dd : dd), d, sizeof d);
		if (!res->failed) {
			snprintf(w->off, sizeof w->off, "the ratio %s is inside the band", q);
			snprintf(w->off_zh, sizeof w->off_zh, "比值 %s 在区间内", q);
		} else {
			snprintf(w->off, sizeof w->off, "%s the band by %s: the two sources disagree",
			         below ? "below" : "above", d);
			snprintf(w->off_zh, sizeof w->off_zh, "%s区间 %s：两个来源的数据不一致",
			         below ? "低于" : "高于", d);
		}
	}
	return 1;
}

int check_ratio(struct run *run, struct check_result *res, struct words *w,
                struct kfq_err *err)
{
	const struct rule *r = res->rule;
	int64_t h[HIST_MAX], x, med;
	size_t n = 0;
	int rc;
	char a[80], b[80], f[32], basis[80], basis_zh[80];

	run->trace_side = 1;
	rc = check_eval(run, r->right, res->unit, res->year, res->month, &res->right, err);
	run->trace_side = -1;
	if (rc != 0)
		return rc < 0 ? -1 : 0;
	if (res->right <= 0)
		return 0;   /* a ratio to nothing, or to a negative: not checked */
	res->has_right = 1;
	x = rq(res->left, res->right);
	if (w) {
		snprintf(w->subject, sizeof w->subject, "%s / %s", r->left_text, r->right_text);
		check_show(r, r->left, res->left, a, sizeof a);
		check_show(r, r->right, res->right, b, sizeof b);
		check_show_ratio(x, f, sizeof f);
		snprintf(w->left, sizeof w->left, "%s", f);
		snprintf(w->right, sizeof w->right, "%s", b);
	}
	if (r->band)
		return ratio_band(r, res, w);
	for (int i = 1; i <= r->n; i++) {
		int y = res->year, m = res->month;
		dec lv, rv;
		if (r->history == RHIST_SAME_MONTH) {
			y -= i;
		} else {
			m -= i;
			while (m < 1) {
				m += 12;
				y--;
			}
		}
		if ((rc = check_eval(run, r->left, res->unit, y, m, &lv, err)) < 0 ||
		    (rc == 0 && (rc = check_eval(run, r->right, res->unit, y, m, &rv, err)) < 0))
			return -1;
		if (rc != 0 || rv <= 0)
			continue;
		h[n] = rq(lv, rv);
		if (run->trace) {
			struct period p = { y, PERIOD_MONTH, m, m };
			period_format(&p, a, sizeof a);
			check_trace_sample(run, a, res->unit, y, m, h[n]);
		}
		n++;
	}
	if ((int)n < r->min)
		return 0;   /* too little history: not checked */
	med = check_median(h, n);
	if (med <= 0)
		return 0;   /* no ratio to move apart from */
	/* x × F against med and x against med × F (F: DEC) */
	res->failed = (__int128)x * DEC_ONE > (__int128)med * r->factor ||
	              (__int128)x * r->factor < (__int128)med * DEC_ONE;
	if (!w)
		return 1;
	if (r->history == RHIST_SAME_MONTH) {
		snprintf(basis, sizeof basis, "the same month of %zu earlier years", n);
		snprintf(basis_zh, sizeof basis_zh, "此前 %zu 年同月", n);
	} else {
		snprintf(basis, sizeof basis, "the %zu months before", n);
		snprintf(basis_zh, sizeof basis_zh, "此前 %zu 个月", n);
	}
	dec_format(r->factor, 0, -1, f, sizeof f);
	{
		char lo[64], hi[64], m[64];
		check_show_ratio(check_clamp((__int128)med * DEC_ONE / r->factor), lo, sizeof lo);
		check_show_ratio(check_clamp((__int128)med * r->factor / DEC_ONE), hi, sizeof hi);
		check_show_ratio(med, m, sizeof m);
		snprintf(w->expected, sizeof w->expected, "%s to %s (within a factor of %s of %s, the "
		         "median ratio of %s)", lo, hi, f, m, basis);
		snprintf(w->expected_zh, sizeof w->expected_zh, "%s 至 %s（%s比值的中位数 %s 的 %s 倍以内）",
		         lo, hi, basis_zh, m, f);
	}
	check_times(x, med, a, sizeof a);
	snprintf(w->off, sizeof w->off, "%s times its usual ratio: the two sources move apart", a);
	snprintf(w->off_zh, sizeof w->off_zh, "为平常比值的 %s 倍：两个来源的数据背离", a);
	return 1;
}
