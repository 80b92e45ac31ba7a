/* check.c: running validation rules on units' months (see check.h).
 * Depends on base, store, model, calc. */
#include "quality/check_part.h"
#include "base/measure.h"
#include "base/period.h"
#include "base/xalloc.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HIST_MAX 120
/* A validation of more units than this reads whole cubes (figure.h: whole). */
#define WHOLE_MIN 200

struct lctx {
	struct run *run;
	size_t u;
	int year, month;
};

/* The indicator of a code of the rules' formulas: the codes stay where
 * they are for the run, found once each. */
static long code_index(struct run *run, const char *code, struct kfq_err *err)
{
	size_t slot = ((uintptr_t)code >> 3) % (sizeof run->codes / sizeof run->codes[0]);
	long i;
	if (run->codes[slot].code == code)
		return run->codes[slot].ind;
	if ((i = indicators_need(run->inds, code, err)) < 0)
		return -1;
	run->codes[slot].code = code;
	run->codes[slot].ind = i;
	return i;
}

static int lookup(void *ctx, const char *code, enum formula_fn fn, dec *out, struct kfq_err *err)
{
	struct lctx *x = ctx;
	long i = code_index(x->run, code, err);
	int year = x->year, first = x->month, last = x->month, r;
	if (i < 0)
		return -1;
	figure_shift((unsigned)fn, &year, &first, &last);
	if (x->run->tabs && !x->run->trace)
		r = check_tab_value(x->run, (size_t)i, x->u, year, first, last, out, err);
	else
		r = figure_value(&x->run->fc, (size_t)i, x->u, year, first, last, year, out, err);
	if (r >= 0 && x->run->trace && x->run->trace_side >= 0) {
		struct check_explain *t = x->run->trace;
		struct check_operand *o;
		XGROW(t->v, t->n + 1, t->cap);
		o = &t->v[t->n++];
		memset(o, 0, sizeof *o);
		o->side = x->run->trace_side;
		if (fn)
			snprintf(o->label, sizeof o->label, "%s%s%s%s%s%s%s",
			         fn & FORMULA_YTD ? "ytd(" : "", fn & FORMULA_PRIOR ? "prior(" : "",
			         fn & FORMULA_PREV ? "prev(" : "", code, fn & FORMULA_PREV ? ")" : "",
			         fn & FORMULA_PRIOR ? ")" : "", fn & FORMULA_YTD ? ")" : "");
		else
			snprintf(o->label, sizeof o->label, "%s", code);
		o->ind = &x->run->inds->v[i];
		o->has = r == 1;
		o->v = r == 1 ? *out : 0;
		o->unit = x->u;
		o->year = year;
		o->month = last;
	}
	return r < 0 ? -1 : r == 1 ? 0 : 1;
}

int check_eval(struct run *run, const struct formula *f, size_t u, int year, int month, dec *v,
               struct kfq_err *err)
{
	struct lctx x = { run, u, year, month };
	const char *code;
	enum formula_fn fn;
	/* one code alone is its value: looked up without the exact evaluator's
	 * rationals (most rules' left side; a third of validate's time) */
	if (formula_single(f, &code, &fn))
		return lookup(&x, code, fn, v, err);
	return formula_eval(f, lookup, &x, DEC_SCALE, v, err);
}

/* Whether u is in the rule's group in year (members loaded once per
 * group and year). */
static int in_group(struct run *run, const char *grp, int year, size_t u, struct kfq_err *err)
{
	if (!run->grp || strcmp(run->grp, grp) != 0 || run->grp_year != year) {
		struct kfq_stmt *st;
		int rc;
		free(run->grp);
		free(run->in_grp);
		run->grp = xstrdup(grp);
		run->grp_year = year;
		run->in_grp = xcalloc(run->units->n ? run->units->n : 1, 1);
		if (db_prepare(run->db, "SELECT unit_id FROM unit_group WHERE grp = ? AND year = ?", &st,
		               err) < 0)
			return -1;
		st_bind_text(st, 1, grp);
		st_bind_int(st, 2, year);
		while ((rc = st_step(st)) == ST_ROW) {
			int64_t id = st_i64(st, 0);
			if (id >= 0 && id <= run->units->max_id && run->units->by_id[id] >= 0)
				run->in_grp[run->units->by_id[id]] = 1;
		}
		if (rc != ST_DONE)
			db_fault(run->db, err, "reading groups");
		st_finalize(st);
		if (rc != ST_DONE) {
			free(run->grp);
			run->grp = NULL;
			return -1;
		}
	}
	return run->in_grp[u];
}

int check_applies(struct run *run, const struct rule *r, size_t u, int year, int month,
                  struct kfq_err *err)
{
	const struct unit *un = &run->units->v[u];
	if (month < r->month_lo || month > r->month_hi)
		return 0;
	if (r->kind && strcmp(un->kind, r->kind) != 0)
		return 0;
	if (r->industry && (!un->industry || strncmp(un->industry, r->industry,
	                                             strlen(r->industry)) != 0))
		return 0;
	if (r->group)
		return in_group(run, r->group, year, u, err);
	return 1;
}

/* ---- words ---- */

/* Shown in the measure of the left expression's first indicator when the
 * expression keeps it (formula_degree 1), else as a plain number. */
void check_show(const struct rule *r, const struct formula *f, dec v, char *buf, size_t n)
{
	const struct indicator *d = r->shown;
	if (d && formula_degree(f) == 1) {
		int len = dec_format(v, d->measure->shift, d->decimals + 2, buf, n);
		if (len > 0 && (size_t)len < n)
			snprintf(buf + len, n - (size_t)len, " %s", d->measure->name);
	} else {
		dec_format(v, 0, 4, buf, n);
		/* no trailing zeros */
		if (strchr(buf, '.')) {
			char *e = buf + strlen(buf) - 1;
			while (*e == '0')
				*e-- = '\0';
			if (*e == '.')
				*e = '\0';
		}
	}
}

void check_times(dec a, dec b, char *buf, size_t n)
{
	dec q;
	if (b == 0 || dec_div(a, b, &q) != 0)
		snprintf(buf, n, "∞");
	else
		dec_format(q, 0, 2, buf, n);
}

/* Fill message template t into out, placeholders from the result. */
static void fill(const char *t, const struct rule *r, const struct unit *un, const char *period,
                 const struct words *w, int zh, char *out, size_t n)
{
	size_t k = 0;
	out[0] = '\0';
	for (const char *p = t; *p && k + 1 < n;) {
		const char *q = *p == '{' ? strchr(p, '}') : NULL;
		const char *v = NULL;
		if (q) {
			size_t len = (size_t)(q - p - 1);
#define IS(s) (len == strlen(s) && memcmp(p + 1, s, len) == 0)
			v = IS("rule") ? r->code : IS("unit") ? un->code : IS("name") ? un->name
			    : IS("period") ? period : IS("left") ? w->left : IS("right") ? w->right
			    : IS("expected") ? (zh ? w->expected_zh : w->expected)
			    : IS("off") ? (zh ? w->off_zh : w->off) : NULL;
#undef IS
		}
		if (v) {
			int m = snprintf(out + k, n - k, "%s", v);
			k += m > 0 ? (size_t)m : 0;
			if (k >= n)
				k = n - 1;
			p = q + 1;
		} else {
			out[k++] = *p++;
			out[k] = '\0';
		}
	}
}

static const char *op_zh(enum rule_op op)
{
	switch (op) {
	case ROP_LT: return "<";
	case ROP_LE: return "≤";
	case ROP_GT: return ">";
	case ROP_GE: return "≥";
	case ROP_EQ: return "=";
	case ROP_NE: return "≠";
	default: return rule_op_name(op);
	}
}

/* The result's detail: the rule's message (if any), then what was
 * compared, the expected range and how far off, in both languages. */
static void describe(struct run *run, struct check_result *res, const struct words *w)
{
	const struct rule *r = res->rule;
	const struct unit *un = &run->units->v[res->unit];
	struct period p = { res->year, PERIOD_MONTH, res->month, res->month };
	char period[32], msg[300], msg_zh[300];

	period_format(&p, period, sizeof period);
	fill(r->message, r, un, period, w, 0, msg, sizeof msg);
	fill(r->message, r, un, period, w, 1, msg_zh, sizeof msg_zh);
	const char *subject = *w->subject ? w->subject : r->left_text;
	snprintf(res->detail, sizeof res->detail, "%s%s%s = %s, expected %s (%s)", msg,
	         *msg ? ": " : "", subject, w->left, w->expected, w->off);
	snprintf(res->detail_zh, sizeof res->detail_zh, "%s%s%s = %s，应为 %s（%s）", msg,
	         *msg ? "：" : "", subject, w->left, w->expected_zh, w->off_zh);
}

static int cmp_dec(const void *a, const void *b)
{
	dec x = *(const dec *)a, y = *(const dec *)b;
	return x < y ? -1 : x > y;
}

/* Twelve values sorted by a fixed network of 39 compare-exchanges (each a
 * minimum and a maximum, no branch to mispredict; every one of the 4 096
 * inputs of 0s and 1s comes out sorted, so every input does): a year's
 * history, the common sample, in a fifth of an insertion sort's time. */
#define CX(i, j) { dec a_ = v[i], b_ = v[j]; v[i] = a_ < b_ ? a_ : b_; v[j] = a_ < b_ ? b_ : a_; }
static void sort12(dec *v)
{
	CX(0, 1) CX(2, 3) CX(4, 5) CX(6, 7) CX(8, 9) CX(10, 11)
	CX(1, 3) CX(5, 7) CX(9, 11) CX(0, 2) CX(4, 6) CX(8, 10)
	CX(1, 2) CX(5, 6) CX(9, 10) CX(0, 4) CX(7, 11)
	CX(1, 5) CX(6, 10) CX(3, 7) CX(4, 8)
	CX(5, 9) CX(2, 6) CX(0, 4) CX(7, 11) CX(3, 8)
	CX(1, 5) CX(6, 10) CX(2, 3) CX(8, 9)
	CX(1, 4) CX(7, 10) CX(3, 5) CX(6, 8)
	CX(2, 4) CX(7, 9) CX(5, 6)
	CX(3, 4) CX(7, 8)
}
#undef CX

dec check_median(dec *v, size_t n)
{
	if (n == 12) {
		sort12(v);
	} else if (n <= 32) {
		/* a few values (a park's peers): sorted in place, no calls */
		for (size_t i = 1; i < n; i++) {
			dec x = v[i];
			size_t j = i;
			for (; j > 0 && v[j - 1] > x; j--)
				v[j] = v[j - 1];
			v[j] = x;
		}
	} else {
		qsort(v, n, sizeof *v, cmp_dec);
	}
	if (n % 2)
		return v[n / 2];
	return (dec)(((__int128)v[n / 2 - 1] + v[n / 2]) / 2);
}

dec check_clamp(__int128 x)
{
	return x > INT64_MAX ? INT64_MAX : x < INT64_MIN ? INT64_MIN : (dec)x;
}

void check_trace_sample(struct run *run, const char *label, size_t unit, int year, int month,
                        dec v)
{
	struct check_explain *t = run->trace;
	struct check_operand *o;
	if (!t)
		return;
	XGROW(t->v, t->n + 1, t->cap);
	o = &t->v[t->n++];
	memset(o, 0, sizeof *o);
	o->side = 2;
	snprintf(o->label, sizeof o->label, "%s", label);
	o->has = 1;
	o->v = v;
	o->unit = unit;
	o->year = year;
	o->month = month;
}

/* The month i months (or years, for same_month) before (year, month). */
static void back(const struct rule *r, int i, int *year, int *month)
{
	if (r->history == RHIST_SAME_MONTH) {
		*year -= i;
		return;
	}
	*month -= i;
	while (*month < 1) {
		*month += 12;
		(*year)--;
	}
}

int check_robust(const struct rule *r, struct check_result *res, struct words *w, dec *h,
                 size_t n, const char *basis, const char *basis_zh, int peers)
{
	dec *dev = xmalloc(n * sizeof *dev), med, mad, x = res->left;
	/* scale = max(1.4826 × MAD, 5% of |median|), in DEC × 10 000 */
	__int128 am, scale, floor5, d, ad, reach, band;
	char a[80], b[80], kk[32], z[32], mm[80], md[80];

	med = check_median(h, n);
	for (size_t i = 0; i < n; i++) {
		__int128 e = (__int128)h[i] - med;
		dev[i] = check_clamp(e < 0 ? -e : e);
	}
	mad = check_median(dev, n);
	free(dev);
	res->right = med;
	res->has_right = 1;
	am = med < 0 ? -(__int128)med : med;
	scale = (__int128)mad * 14826;
	floor5 = am * 500;
	d = (__int128)x - med;
	ad = d < 0 ? -d : d;
	reach = scale > floor5 ? scale : floor5;    /* one unit of deviation */
	band = reach * r->k / DEC_ONE / 10000;      /* k units, in DEC */
	if (reach == 0)
		return 1;
	res->failed = ad * 10000 * DEC_ONE > reach * r->k;
	if (!w)
		return 1;
	check_show(r, r->left, med, w->right, sizeof w->right);
	check_show(r, r->left, check_clamp(med - band), a, sizeof a);
	check_show(r, r->left, check_clamp(med + band), b, sizeof b);
	dec_format(r->k, 0, -1, kk, sizeof kk);
	check_show(r, r->left, med, mm, sizeof mm);
	check_show(r, r->left, mad, md, sizeof md);
	snprintf(w->expected, sizeof w->expected, "%s to %s (median %s, MAD %s of %s; k = %s)",
	         a, b, mm, md, basis, kk);
	snprintf(w->expected_zh, sizeof w->expected_zh, "%s 至 %s（%s的中位数 %s，MAD %s；k = %s）",
	         a, b, basis_zh, mm, md, kk);
	/* in tenths, rounded half away from zero */
	dec_format_tenths(check_clamp((ad * 200000 + reach) / (2 * reach) * (d < 0 ? -1 : 1)), z,
	                  sizeof z);
	snprintf(w->off, sizeof w->off, "%s robust deviations from the %smedian", z,
	         peers ? "peers' " : "");
	snprintf(w->off_zh, sizeof w->off_zh, "偏离%s中位数 %s 个稳健标准差", peers ? "同类单位" : "",
	         z);
	return 1;
}

/* A statistical check: the history of left at u before (year, month). */
static int check_history(struct run *run, struct check_result *res, struct words *w,
                         struct kfq_err *err)
{
	const struct rule *r = res->rule;
	dec h[HIST_MAX], med, x = res->left;
	size_t n = 0;
	char a[80], b[80], basis[80] = "", basis_zh[80] = "";

	const char *code;
	enum formula_fn fn;
	/* one code alone, read as tables: the months' tables found once for
	 * the rule's month, for every unit it checks */
	int fast = run->tabs && !run->trace && r->n <= (int)(sizeof run->hist.tb /
	                                                     sizeof run->hist.tb[0]) &&
	           formula_single(r->left, &code, &fn);
	if (fast && (run->hist.rule != r || run->hist.year != res->year ||
	             run->hist.month != res->month || run->hist.epoch != check_tab_epoch(run))) {
		long ind = code_index(run, code, err);
		if (ind < 0)
			return -1;
		/* again when making a table dropped those before it (n tables fit) */
		fast = 0;
		for (int pass = 0; pass < 2 && !fast; pass++) {
			unsigned epoch = check_tab_epoch(run);
			for (int i = 1; i <= r->n; i++) {
				int y = res->year, m = res->month, first, last;
				back(r, i, &y, &m);
				first = last = m;
				figure_shift((unsigned)fn, &y, &first, &last);
				run->hist.tb[i - 1] = check_tab_get(run, (size_t)ind, y, first, last);
			}
			fast = check_tab_epoch(run) == epoch;
		}
		run->hist.rule = fast ? r : NULL;
		run->hist.year = res->year;
		run->hist.month = res->month;
		run->hist.epoch = check_tab_epoch(run);
	}
	for (int i = 1; i <= r->n; i++) {
		int y = res->year, m = res->month, rc;
		back(r, i, &y, &m);
		if (fast && run->hist.epoch == check_tab_epoch(run)) {
			rc = check_tab_read(run, run->hist.tb[i - 1], res->unit, &h[n], err);
			rc = rc < 0 ? -1 : rc == 1 ? 0 : 1;
		} else {
			rc = check_eval(run, r->left, res->unit, y, m, &h[n], err);
		}
		if (rc < 0)
			return -1;
		if (rc == 0) {
			if (run->trace) {
				struct period p = { y, PERIOD_MONTH, m, m };
				period_format(&p, a, sizeof a);
				check_trace_sample(run, a, res->unit, y, m, h[n]);
			}
			n++;
		}
	}
	if ((int)n < r->min)
		return 0;   /* too little history: not checked */
	if (w && r->history == RHIST_SAME_MONTH) {
		snprintf(basis, sizeof basis, "the same month of %zu earlier years", n);
		snprintf(basis_zh, sizeof basis_zh, "此前 %zu 年同月", n);
	} else if (w) {
		snprintf(basis, sizeof basis, "the %zu months before", n);
		snprintf(basis_zh, sizeof basis_zh, "此前 %zu 个月", n);
	}
	if (r->op == ROP_OUTLIER)
		return check_robust(r, res, w, h, n, basis, basis_zh, 0);
	med = check_median(h, n);
	res->right = med;
	res->has_right = 1;
	if (w)
		check_show(r, r->left, med, w->right, sizeof w->right);
	{
		/* the magnitude slip */
		__int128 ax = x < 0 ? -(__int128)x : x, am = med < 0 ? -(__int128)med : med;
		__int128 f = r->factor;   /* DEC: factor × DEC_ONE */
		if (am == 0 || ax == 0)
			return 1;
		/* |x| ≥ factor × |median|, or |x| × factor ≤ |median| */
		res->failed = ax * DEC_ONE >= f * am || ax * f <= am * DEC_ONE;
		if (!w)
			return 1;
		check_show(r, r->left, med, a, sizeof a);
		dec_format(r->factor, 0, -1, b, sizeof b);
		snprintf(w->expected, sizeof w->expected, "about %s (the median of %s; flagged at %s "
		         "times or less than 1/%s of it)", a, basis, b, b);
		snprintf(w->expected_zh, sizeof w->expected_zh, "约 %s（%s的中位数；达到其 %s 倍或不足 "
		         "1/%s 即提示）", a, basis_zh, b, b);
		check_times(x, med, a, sizeof a);
		snprintf(w->off, sizeof w->off, "%s times the median: a value in 元 for 万元, or the "
		         "reverse?", a);
		snprintf(w->off_zh, sizeof w->off_zh, "为中位数的 %s 倍：是否把万元填成了元，或相反？", a);
	}
	return 1;
}

/* Evaluate rule r at (u, year, month) into res: 1 checked, 0 not (a side
 * without value, too little history), -1 error. With w, a failed check's
 * words are written too (the verdict alone costs no formatting). */
static int judge(struct run *run, const struct rule *r, size_t u, int year, int month,
                 struct check_result *res, struct words *w, struct kfq_err *err)
{
	int rc;

	res->rule = r;
	res->unit = u;
	res->year = year;
	res->month = month;
	res->failed = 0;
	res->has_right = 0;
	res->detail[0] = res->detail_zh[0] = '\0';
	run->trace_side = 0;
	rc = check_eval(run, r->left, u, year, month, &res->left, err);
	run->trace_side = -1;
	if (rc != 0)
		return rc < 0 ? -1 : 0;
	if (w)
		check_show(r, r->left, res->left, w->left, sizeof w->left);
	if (r->op == ROP_OUTLIER || r->op == ROP_MAGNITUDE)
		return check_history(run, res, w, err);
	if (r->op == ROP_PEER)
		return check_peer(run, res, w, err);
	if (r->op == ROP_RATIO)
		return check_ratio(run, res, w, err);
	{
		dec x = res->left, y;
		char a[80], b[80];
		run->trace_side = 1;
		rc = check_eval(run, r->right, u, year, month, &res->right, err);
		run->trace_side = -1;
		if (rc != 0)
			return rc < 0 ? -1 : 0;
		res->has_right = 1;
		y = res->right;
		switch (r->op) {
		case ROP_LT: res->failed = !(x < y); break;
		case ROP_LE: res->failed = !(x <= y); break;
		case ROP_GT: res->failed = !(x > y); break;
		case ROP_GE: res->failed = !(x >= y); break;
		case ROP_EQ: res->failed = x != y; break;
		case ROP_NE: res->failed = x == y; break;
		default: {
			/* within: y ÷ F ≤ x ≤ y × F, compared as x × F against y and x against y × F */
			__int128 xf = (__int128)x * r->factor, yf = (__int128)y * r->factor;
			__int128 xs = (__int128)x * DEC_ONE, ys = (__int128)y * DEC_ONE;
			if (y < 0)
				return 0;   /* a factor of a negative value: not checked */
			res->failed = xf < ys || xs > yf;
			if (!w)
				break;
			check_show(r, r->right, y, w->right, sizeof w->right);
			dec_format(r->factor, 0, -1, a, sizeof a);
			check_show(r, r->right, check_clamp(ys / r->factor), b, sizeof b);
			snprintf(w->expected, sizeof w->expected, "within a factor of %s of %s = %s: %s to ",
			         a, r->right_text, w->right, b);
			snprintf(w->expected_zh, sizeof w->expected_zh, "在 %s = %s 的 %s 倍以内：%s 至 ",
			         r->right_text, w->right, a, b);
			check_show(r, r->right, check_clamp(yf / DEC_ONE), b, sizeof b);
			strncat(w->expected, b, sizeof w->expected - strlen(w->expected) - 1);
			strncat(w->expected_zh, b, sizeof w->expected_zh - strlen(w->expected_zh) - 1);
			check_times(x, y, a, sizeof a);
			snprintf(w->off, sizeof w->off, "%s times %s", a, r->right_text);
			snprintf(w->off_zh, sizeof w->off_zh, "为 %s 的 %s 倍", r->right_text, a);
			break;
		}
		}
		if (w && r->op != ROP_WITHIN) {
			__int128 d = (__int128)x - y;
			check_show(r, r->right, y, w->right, sizeof w->right);
			snprintf(w->expected, sizeof w->expected, "%s %s = %s", rule_op_name(r->op),
			         r->right_text, w->right);
			snprintf(w->expected_zh, sizeof w->expected_zh, "%s %s = %s", op_zh(r->op),
			         r->right_text, w->right);
			check_show(r, r->left, check_clamp(d < 0 ? -d : d), a, sizeof a);
			snprintf(w->off, sizeof w->off, "%s by %s", d < 0 ? "below" : d > 0 ? "above" : "equal",
			         a);
			snprintf(w->off_zh, sizeof w->off_zh, "%s %s", d < 0 ? "低" : d > 0 ? "高" : "相等", a);
		}
	}
	return 1;
}

/* judge, then for a failed check again with its words, and the detail. */
static int check_one(struct run *run, const struct rule *r, size_t u, int year, int month,
                     struct check_result *res, struct kfq_err *err)
{
	struct words w;
	int rc = judge(run, r, u, year, month, res, NULL, err);
	if (rc <= 0 || !res->failed)
		return rc;
	memset(&w, 0, sizeof w);
	if ((rc = judge(run, r, u, year, month, res, &w, err)) <= 0)
		return rc;
	describe(run, res, &w);
	return 1;
}

static int key_cmp(const void *a, const void *b)
{
	const struct check_key *x = a, *y = b;
	if (x->unit != y->unit)
		return x->unit < y->unit ? -1 : 1;
	if (x->year != y->year)
		return x->year < y->year ? -1 : 1;
	if (x->month != y->month)
		return x->month < y->month ? -1 : 1;
	if (x->derived != y->derived)
		return x->derived - y->derived;
	return x->line < y->line ? -1 : x->line > y->line;
}

void check_keys_expand(const struct unit_set *units, struct check_key **keys, size_t *n,
                       size_t *cap)
{
	size_t m = *n, w = 0;
	for (size_t i = 0; i < m; i++) {
		struct check_key k = (*keys)[i];
		if (k.month < 12) {
			k.month++;
			k.derived = 1;
			XGROW(*keys, *n + 1, *cap);
			(*keys)[(*n)++] = k;
		}
	}
	m = *n;
	for (size_t i = 0; i < m; i++) {
		struct check_key k = (*keys)[i];
		k.derived = 1;
		for (long p = units->v[k.unit].parent; p >= 0; p = units->v[p].parent) {
			k.unit = (size_t)p;
			XGROW(*keys, *n + 1, *cap);
			(*keys)[(*n)++] = k;
		}
	}
	qsort(*keys, *n, sizeof **keys, key_cmp);
	for (size_t i = 0; i < *n; i++)
		if (w == 0 || (*keys)[i].unit != (*keys)[w - 1].unit ||
		    (*keys)[i].year != (*keys)[w - 1].year || (*keys)[i].month != (*keys)[w - 1].month)
			(*keys)[w++] = (*keys)[i];
	*n = w;
}

static void run_init(struct run *run, struct kfq_db *db, const struct unit_set *units,
                     const struct indicator_set *inds)
{
	memset(run, 0, sizeof *run);
	run->units = units;
	run->inds = inds;
	run->db = db;
	run->trace_side = -1;
	figure_ctx_init(&run->fc, db, units, inds);
}

static void run_release(struct run *run)
{
	figure_ctx_release(&run->fc);
	free(run->grp);
	free(run->in_grp);
	free(run->peers.v);
	free(run->peers.st);
}

/* The units rule r checks (in unit order) into mask: the keys' units, or
 * every unit of the subtree it applies to in o's months. */
static int rule_units(struct run *run, const struct rule *r, const struct check_opts *o,
                      size_t *mask, size_t *nmask, unsigned char *seen, struct kfq_err *err)
{
	const struct unit_set *units = run->units;
	size_t n = 0;
	int a;
	if (o->keys) {
		for (size_t k = 0; k < o->nkeys; k++) {
			const struct check_key *key = &o->keys[k];
			if (seen[key->unit])
				continue;
			if ((a = check_applies(run, r, key->unit, key->year, key->month, err)) < 0)
				goto fail;
			if (a) {
				seen[key->unit] = 1;
				mask[n++] = key->unit;
			}
		}
		for (size_t i = 0; i < n; i++)
			seen[mask[i]] = 0;
	} else {
		/* the months the rule applies to are the same for every unit */
		int m = o->first > r->month_lo ? o->first : r->month_lo;
		if (m <= o->last && m <= r->month_hi)
			for (size_t u = 0; u < units->n; u++) {
				if (o->unit >= 0 && !units_within(units, u, (size_t)o->unit))
					continue;
				if ((a = check_applies(run, r, u, o->year, m, err)) < 0)
					goto fail;
				if (a)
					mask[n++] = u;
			}
	}
	*nmask = n;
	return 0;
fail:
	for (size_t i = 0; i < n; i++)
		seen[mask[i]] = 0;
	return -1;
}

long check_run(struct kfq_db *db, const struct unit_set *units,
               const struct indicator_set *inds, const struct rule_set *set,
               const struct check_opts *o, check_fn fn, void *ctx, struct kfq_err *err)
{
	struct run run;
	long checked = 0;
	int found = !o->rule;
	struct check_result res;
	size_t *mask = xmalloc((units->n ? units->n : 1) * sizeof *mask), nmask = 0;
	unsigned char *seen = xcalloc(units->n ? units->n : 1, 1);

	run_init(&run, db, units, inds);
	check_tabs_init(&run, o->keys ? 0 : o->year);
	if (!o->keys) {
		/* most leaves will be read: one pass over each indicator's year beats
		 * a query per leaf (roll-ups are for the parks' and zones' sums) */
		size_t n = 0;
		for (size_t u = 0; u < units->n && n <= WHOLE_MIN; u++)
			n += o->unit < 0 || units_within(units, u, (size_t)o->unit);
		run.fc.whole = n > WHOLE_MIN;
	}
	for (size_t ri = 0; ri < set->n; ri++) {
		const struct rule *r = &set->v[ri];
		if (o->rule && strcmp(o->rule, r->code) != 0)
			continue;
		found = 1;
		if (r->severity == RULE_OFF || (r->severity == RULE_ERROR && !o->with_errors) ||
		    (r->severity == RULE_WARNING && !o->with_warnings))
			continue;
		if (rule_units(&run, r, o, mask, &nmask, seen, err) < 0)
			goto fail;
		run.mask = mask;
		run.nmask = nmask;
		run.mask_gen++;
		if (o->keys) {
			for (size_t k = 0; k < o->nkeys; k++) {
				const struct check_key *key = &o->keys[k];
				int a = check_applies(&run, r, key->unit, key->year, key->month, err), rc;
				if (a < 0)
					goto fail;
				if (!a)
					continue;
				if ((rc = check_one(&run, r, key->unit, key->year, key->month, &res, err)) < 0)
					goto fail;
				if (rc && (checked++, fn(ctx, &res, key, err) < 0))
					goto fail;
			}
			continue;
		}
		/* the units it applies to in one month apply in every month of its range */
		for (int m = o->first; m <= o->last; m++) {
			if (m < r->month_lo || m > r->month_hi)
				continue;
			for (size_t i = 0; i < nmask; i++) {
				int rc;
				if ((rc = check_one(&run, r, mask[i], o->year, m, &res, err)) < 0)
					goto fail;
				if (rc && (checked++, fn(ctx, &res, NULL, err) < 0))
					goto fail;
			}
		}
	}
	if (!found) {
		kfq_error_field(err, "rule", "unknown rule \"%s\" (see `kfq export rules`)", o->rule);
		goto fail;
	}
	check_tabs_release(&run);
	run_release(&run);
	free(mask);
	free(seen);
	return checked;
fail:
	check_tabs_release(&run);
	run_release(&run);
	free(mask);
	free(seen);
	return -1;
}

int check_explain(struct kfq_db *db, const struct unit_set *units,
                  const struct indicator_set *inds, const struct rule *r, size_t u, int year,
                  int month, struct check_explain *x, struct kfq_err *err)
{
	struct run run;
	struct words w;
	int rc;

	memset(x, 0, sizeof *x);
	run_init(&run, db, units, inds);
	run.trace = x;
	x->ratio_sample = r->op == ROP_RATIO && !r->band;
	if ((rc = check_applies(&run, r, u, year, month, err)) < 0)
		goto out;
	x->applies = rc;
	memset(&w, 0, sizeof w);
	if ((rc = judge(&run, r, u, year, month, &x->res, &w, err)) < 0)
		goto out;
	x->checked = rc;
	if (rc && x->res.failed)
		describe(&run, &x->res, &w);
	snprintf(x->subject, sizeof x->subject, "%s", *w.subject ? w.subject : r->left_text);
	if (rc)
		check_show(r, r->left, x->res.left, x->left_value, sizeof x->left_value);
	if (rc && r->right && x->res.has_right && r->op != ROP_OUTLIER && r->op != ROP_MAGNITUDE &&
	    r->op != ROP_PEER)
		check_show(r, r->right, x->res.right, x->right_value, sizeof x->right_value);
	memcpy(x->left, w.left, sizeof x->left);
	memcpy(x->right, w.right, sizeof x->right);
	memcpy(x->expected, w.expected, sizeof x->expected);
	memcpy(x->expected_zh, w.expected_zh, sizeof x->expected_zh);
	memcpy(x->off, w.off, sizeof x->off);
	memcpy(x->off_zh, w.off_zh, sizeof x->off_zh);
	rc = 0;
out:
	run_release(&run);
	if (rc < 0)
		check_explain_release(x);
	return rc;
}

void check_explain_release(struct check_explain *x)
{
	free(x->v);
	memset(x, 0, sizeof *x);
}
