/* rule.c: validation rules checked, stored and loaded (see rule.h).
 * Depends on base, store and model. */
#include "quality/rule.h"
#include "base/sbuf.h"
#include "base/xalloc.h"
#include "store/history.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct { const char *name; enum rule_op op; } OPS[] = {
	{ "<", ROP_LT }, { "<=", ROP_LE }, { ">", ROP_GT }, { ">=", ROP_GE }, { "=", ROP_EQ },
	{ "!=", ROP_NE }, { "within", ROP_WITHIN }, { "outlier", ROP_OUTLIER },
	{ "magnitude", ROP_MAGNITUDE }, { "peer", ROP_PEER }, { "ratio", ROP_RATIO },
	/* also taken */
	{ "==", ROP_EQ }, { "<>", ROP_NE }, { "≤", ROP_LE }, { "≥", ROP_GE }, { "≠", ROP_NE },
};
#define NOPS (sizeof OPS / sizeof OPS[0])
#define OPS_EXPECTED "<, <=, >, >=, =, !=, within, outlier, magnitude, peer or ratio"

/* The placeholders a message may hold (docs/quality.md). */
static const char *const PLACEHOLDERS[] = { "rule", "unit", "name", "period", "left", "right",
                                            "expected", "off", NULL };

const char *rule_op_name(enum rule_op op)
{
	for (size_t i = 0; i < NOPS; i++)
		if (OPS[i].op == op)
			return OPS[i].name;
	return "?";
}

const char *rule_severity_name(enum rule_severity s)
{
	return s == RULE_ERROR ? "error" : s == RULE_WARNING ? "warning" : "off";
}

static const char *nz(const char *s)
{
	return s ? s : "";
}

void rule_release(struct rule *r)
{
	free(r->code);
	free(r->left_text);
	free(r->right_text);
	formula_free(r->left);
	formula_free(r->right);
	free(r->kind);
	free(r->group);
	free(r->industry);
	free(r->months_text);
	free(r->params_text);
	free(r->message);
	memset(r, 0, sizeof *r);
}

static int valid_code(const char *s)
{
	if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')))
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
		      *s == '_' || *s == '-'))
			return 0;
	return 1;
}

/* Compile text as field's expression and check its indicators. */
static int compile(const char *field, const char *text, const struct indicator_set *inds,
                   struct formula **out, struct kfq_err *err)
{
	const char *const *codes;
	size_t n;

	if (formula_compile(text, out, err) < 0)
		return kfq_err_set_field(err, field);
	n = formula_codes(*out, &codes);
	for (size_t i = 0; i < n; i++)
		if (indicators_find(inds, codes[i]) < 0) {
			kfq_error_field(err, field, "unknown indicator \"%s\" in \"%s\" (see `kfq "
			                "export indicators`)", codes[i], text);
			formula_free(*out);
			*out = NULL;
			return -1;
		}
	return 0;
}

/* "", "8" or "2-12" into [lo, hi]. */
static int parse_months(const char *s, int *lo, int *hi, struct kfq_err *err)
{
	char *end;
	long a, b;

	*lo = 1;
	*hi = 12;
	if (!*s)
		return 0;
	a = strtol(s, &end, 10);
	b = a;
	if (end != s && *end == '-') {
		const char *t = end + 1;
		b = strtol(t, &end, 10);
		if (end == t)
			b = -1;
	}
	if (end == s || *end || a < 1 || b > 12 || a > b)
		return kfq_error_field(err, "months", "\"%s\" (expected a month 1 to 12 or a range "
		                       "such as 2-12)", s);
	*lo = (int)a;
	*hi = (int)b;
	return 0;
}

/* A positive decimal parameter. */
static int param_dec(const char *key, const char *v, dec *out, struct kfq_err *err)
{
	if (dec_parse(v, 0, out, err) < 0 || *out <= 0)
		return kfq_error_field(err, "params", "%s=\"%s\" (expected a number greater than 0)",
		                       key, v);
	return 0;
}

static int param_int(const char *key, const char *v, int lo, int hi, int *out,
                     struct kfq_err *err)
{
	char *end;
	long n = strtol(v, &end, 10);
	if (end == v || *end || n < lo || n > hi)
		return kfq_error_field(err, "params", "%s=\"%s\" (expected a whole number %d to %d)",
		                       key, v, lo, hi);
	*out = (int)n;
	return 0;
}

/* The keys the rule's operator takes, for messages. */
static const char *param_keys(enum rule_op op)
{
	switch (op) {
	case ROP_WITHIN: return "factor";
	case ROP_OUTLIER: return "history, n, min, k";
	case ROP_MAGNITUDE: return "history, n, min, factor";
	case ROP_PEER: return "k, min, same_industry";
	case ROP_RATIO: return "lo and hi, or history, n, min, factor";
	default: return "none";
	}
}

/* A decimal parameter of at least 0 (a ratio's band). */
static int param_nonneg(const char *key, const char *v, dec *out, struct kfq_err *err)
{
	if (dec_parse(v, 0, out, err) < 0 || *out < 0)
		return kfq_error_field(err, "params", "%s=\"%s\" (expected a number, 0 or more)", key,
		                       v);
	return 0;
}

/* "key=value key=value" for the rule's operator. */
static int parse_params(struct rule *r, const char *s, struct kfq_err *err)
{
	char *copy = xstrdup(s), *p = copy;
	int rc = 0, n_given = 0, min_given = 0, hist_given = 0;
	int hist = r->op == ROP_OUTLIER || r->op == ROP_MAGNITUDE || r->op == ROP_RATIO;

	r->factor = r->op == ROP_MAGNITUDE ? 1000 * DEC_ONE
	            : r->op == ROP_RATIO ? 3 * DEC_ONE / 2 : 3 * DEC_ONE;
	r->k = 5 * DEC_ONE;
	r->history = RHIST_MONTHS;
	while (rc == 0) {
		char *key, *eq, *v;
		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p)
			break;
		key = p;
		while (*p && *p != ' ' && *p != '\t')
			p++;
		if (*p)
			*p++ = '\0';
		if (!(eq = strchr(key, '='))) {
			rc = kfq_error_field(err, "params", "\"%s\" (expected key=value: %s)", key,
			                     param_keys(r->op));
			break;
		}
		*eq = '\0';
		v = eq + 1;
		if (strcmp(key, "factor") == 0 &&
		    (r->op == ROP_WITHIN || r->op == ROP_MAGNITUDE || r->op == ROP_RATIO)) {
			rc = param_dec(key, v, &r->factor, err);
			if (rc == 0 && r->factor <= DEC_ONE)
				rc = kfq_error_field(err, "params", "factor=\"%s\" (expected a number "
				                     "greater than 1)", v);
			hist_given |= r->op == ROP_RATIO;
		} else if (strcmp(key, "k") == 0 && (r->op == ROP_OUTLIER || r->op == ROP_PEER)) {
			rc = param_dec(key, v, &r->k, err);
		} else if (strcmp(key, "n") == 0 && hist) {
			rc = param_int(key, v, 1, 120, &r->n, err);
			n_given = hist_given = 1;
		} else if (strcmp(key, "min") == 0 && (hist || r->op == ROP_PEER)) {
			rc = param_int(key, v, 1, r->op == ROP_PEER ? 100000 : 120, &r->min, err);
			min_given = hist_given = 1;
		} else if (strcmp(key, "history") == 0 && hist) {
			hist_given = 1;
			if (strcmp(v, "months") == 0)
				r->history = RHIST_MONTHS;
			else if (strcmp(v, "same_month") == 0)
				r->history = RHIST_SAME_MONTH;
			else
				rc = kfq_error_field(err, "params", "history=\"%s\" (expected months or "
				                     "same_month)", v);
		} else if (strcmp(key, "same_industry") == 0 && r->op == ROP_PEER) {
			rc = param_int(key, v, 0, 20, &r->same_industry, err);
		} else if (strcmp(key, "lo") == 0 && r->op == ROP_RATIO) {
			rc = param_nonneg(key, v, &r->lo, err);
			r->has_lo = r->band = 1;
		} else if (strcmp(key, "hi") == 0 && r->op == ROP_RATIO) {
			rc = param_nonneg(key, v, &r->hi, err);
			r->has_hi = r->band = 1;
		} else {
			rc = kfq_error_field(err, "params", "unknown parameter \"%s\" for %s (expected %s)",
			                     key, rule_op_name(r->op), param_keys(r->op));
		}
	}
	free(copy);
	if (rc < 0)
		return -1;
	if (r->op == ROP_PEER) {
		r->n = 0;
		if (!min_given)
			r->min = 5;
		return 0;
	}
	if (r->band) {
		if (hist_given)
			return kfq_error_field(err, "params", "\"%s\": lo and hi make a fixed band "
			                       "(expected either lo and hi, or history, n, min and factor "
			                       "for a band from the unit's own ratio)", s);
		if (r->has_lo && r->has_hi && r->lo >= r->hi)
			return kfq_error_field(err, "params", "\"%s\": lo is not below hi (expected "
			                       "lo < hi)", s);
		r->n = r->min = 0;
		return 0;
	}
	if (!n_given)
		r->n = r->history == RHIST_MONTHS ? 12 : 3;
	if (!min_given)
		r->min = r->op == ROP_MAGNITUDE ? (r->n < 3 ? r->n : 3)
		         : r->history == RHIST_MONTHS ? (r->n < 6 ? r->n : 6) : (r->n < 2 ? r->n : 2);
	if (r->min > r->n)
		return kfq_error_field(err, "params", "min=%d is more than n=%d (expected min ≤ n)",
		                       r->min, r->n);
	return 0;
}

/* Every {name} in the message is one of PLACEHOLDERS. */
static int check_message(const char *s, struct kfq_err *err)
{
	for (const char *p = strchr(s, '{'); p; p = strchr(p + 1, '{')) {
		const char *q = strchr(p, '}');
		int known = 0;
		if (!q)
			return kfq_error_field(err, "message", "\"{\" without \"}\" in \"%s\" (expected "
			                       "{rule}, {unit}, {name}, {period}, {left}, {right}, "
			                       "{expected} or {off})", s);
		for (size_t i = 0; PLACEHOLDERS[i]; i++)
			if ((size_t)(q - p - 1) == strlen(PLACEHOLDERS[i]) &&
			    memcmp(p + 1, PLACEHOLDERS[i], (size_t)(q - p - 1)) == 0)
				known = 1;
		if (!known)
			return kfq_error_field(err, "message", "unknown placeholder \"%.*s\" (expected "
			                       "{rule}, {unit}, {name}, {period}, {left}, {right}, "
			                       "{expected} or {off})", (int)(q - p + 1), p);
	}
	return 0;
}

static char *dup_or_null(const char *s)
{
	return s && *s ? xstrdup(s) : NULL;
}

int rule_parse(const struct rule_row *row, const struct indicator_set *inds, struct rule *r,
               struct kfq_err *err)
{
	const char *sev = nz(row->severity), *op = nz(row->op), *right = nz(row->right);
	const char *const *codes;
	size_t i;

	memset(r, 0, sizeof *r);
	if (!row->code || !valid_code(row->code))
		return kfq_error_field(err, "code", "\"%s\" is not a rule code (expected letters, "
		                       "digits, _ and -, starting with a letter: va_le_sales)",
		                       nz(row->code));
	if (strcmp(sev, "error") == 0 || strcmp(sev, "错误") == 0)
		r->severity = RULE_ERROR;
	else if (strcmp(sev, "warning") == 0 || strcmp(sev, "警告") == 0)
		r->severity = RULE_WARNING;
	else if (strcmp(sev, "off") == 0 || strcmp(sev, "停用") == 0)
		r->severity = RULE_OFF;
	else
		return kfq_error_field(err, "severity", "\"%s\" (expected error, warning or off; or "
		                       "错误, 警告, 停用)", sev);
	for (i = 0; i < NOPS; i++)
		if (strcmp(op, OPS[i].name) == 0)
			break;
	if (i == NOPS)
		return kfq_error_field(err, "op", "\"%s\" (expected %s)", op, OPS_EXPECTED);
	r->op = OPS[i].op;
	r->code = xstrdup(row->code);
	if (!row->left || !*row->left) {
		kfq_error_field(err, "left", "empty (expected an expression: taxable_sales, "
		                "ytd(taxable_sales), ind_value_added / taxable_sales ...)");
		goto fail;
	}
	if (compile("left", row->left, inds, &r->left, err) < 0)
		goto fail;
	r->left_text = xstrdup(row->left);
	if (r->op == ROP_OUTLIER || r->op == ROP_MAGNITUDE || r->op == ROP_PEER) {
		if (*right) {
			if (r->op == ROP_PEER)
				kfq_error_field(err, "right", "\"%s\": peer compares the left expression with "
				                "its peers' (expected no right expression)", right);
			else
				kfq_error_field(err, "right", "\"%s\": %s compares the left expression with its "
				                "own history (expected no right expression)", right,
				                rule_op_name(r->op));
			goto fail;
		}
	} else {
		if (!*right) {
			if (r->op == ROP_RATIO)
				kfq_error_field(err, "right", "empty (expected the other source's indicator "
				                "to divide by: taxable_sales ...)");
			else
				kfq_error_field(err, "right", "empty (expected an expression to compare with: "
				                "taxable_sales, 3 * prior(taxable_sales) ...)");
			goto fail;
		}
		if (compile("right", right, inds, &r->right, err) < 0)
			goto fail;
	}
	r->right_text = xstrdup(right);
	r->kind = dup_or_null(row->kind);
	r->group = dup_or_null(row->group);
	r->industry = dup_or_null(row->industry);
	if (parse_months(nz(row->months), &r->month_lo, &r->month_hi, err) < 0)
		goto fail;
	r->months_text = xstrdup(nz(row->months));
	if (parse_params(r, nz(row->params), err) < 0)
		goto fail;
	r->params_text = xstrdup(nz(row->params));
	if (check_message(nz(row->message), err) < 0)
		goto fail;
	r->message = xstrdup(nz(row->message));
	if (formula_codes(r->left, &codes) > 0)
		r->shown = &inds->v[indicators_find(inds, codes[0])];
	return 0;
fail:
	rule_release(r);
	return -1;
}

/* ---- the store ---- */

#define NFIELDS 10
static void fields_of(const struct rule *r, const char *v[NFIELDS])
{
	v[0] = rule_severity_name(r->severity);
	v[1] = r->left_text;
	v[2] = rule_op_name(r->op);
	v[3] = r->right_text;
	v[4] = nz(r->kind);
	v[5] = nz(r->group);
	v[6] = nz(r->industry);
	v[7] = r->months_text;
	v[8] = r->params_text;
	v[9] = r->message;
}

static const char *const FIELD_NAMES[NFIELDS] = { "severity", "left", "op", "right", "kind",
                                                  "group", "industry", "months", "params",
                                                  "message" };

int rule_put(struct kfq_db *db, const struct rule *r, int *changed, struct kfq_err *err)
{
	static const char SQL_GET[] = "SELECT severity, left_expr, op, right_expr, unit_kind, grp, "
	                              "industry, months, params, message FROM vrule WHERE code = ?";
	static const char SQL_PUT[] =
		"INSERT INTO vrule(code, severity, left_expr, op, right_expr, unit_kind, grp, industry, "
		"months, params, message) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) "
		"ON CONFLICT(code) DO UPDATE SET severity = ?2, left_expr = ?3, op = ?4, "
		"right_expr = ?5, unit_kind = ?6, grp = ?7, industry = ?8, months = ?9, params = ?10, "
		"message = ?11";
	const char *v[NFIELDS];
	struct kfq_stmt *st;
	struct sbuf note;
	int rc, exists = 0, changes = 0;

	fields_of(r, v);
	sbuf_init(&note);
	sbuf_addf(&note, "rule %s: ", r->code);
	if (db_cached(db, SQL_GET, &st, err) < 0) {
		sbuf_release(&note);
		return -1;
	}
	st_bind_text(st, 1, r->code);
	if ((rc = st_step(st)) == ST_ROW) {
		exists = 1;
		for (int i = 0; i < NFIELDS; i++) {
			const char *old = nz(st_text(st, i));
			if (strcmp(old, v[i]) != 0)
				sbuf_addf(&note, "%s%s: %s → %s", changes++ ? "; " : "", FIELD_NAMES[i],
				          *old ? old : "\"\"", *v[i] ? v[i] : "\"\"");
		}
	}
	st_reset(st);
	if (rc == ST_ERROR) {
		sbuf_release(&note);
		return db_fault(db, err, "reading rules");
	}
	if (exists && !changes) {
		*changed = 0;
		sbuf_release(&note);
		return 0;
	}
	if (!exists)
		sbuf_addf(&note, "%s %s %s (%s)", v[1], v[2], v[3], v[0]);
	if (db_cached(db, SQL_PUT, &st, err) < 0) {
		sbuf_release(&note);
		return -1;
	}
	st_bind_text(st, 1, r->code);
	for (int i = 0; i < NFIELDS; i++) {
		if (*v[i] || i == 1 || i == 3 || i == 7 || i == 8 || i == 9)
			st_bind_text(st, i + 2, v[i]);
		else
			st_bind_null(st, i + 2);
	}
	rc = st_step(st);
	st_reset(st);
	if (rc != ST_DONE) {
		sbuf_release(&note);
		return db_fault(db, err, "writing a rule");
	}
	{
		struct history_entry h = { "rule", NULL, NULL, NULL, NULL, NULL, note.buf, NULL };
		rc = history_add(db, &h, err);
	}
	sbuf_release(&note);
	*changed = exists ? 2 : 1;
	return rc;
}

int rules_load(struct kfq_db *db, const struct indicator_set *inds, struct rule_set *set,
               struct kfq_err *err)
{
	static const char SQL[] = "SELECT code, severity, left_expr, op, right_expr, unit_kind, grp, "
	                          "industry, months, params, message FROM vrule ORDER BY code";
	struct kfq_stmt *st;
	size_t cap = 0;
	int rc;

	memset(set, 0, sizeof *set);
	if (db_prepare(db, SQL, &st, err) < 0)
		return -1;
	while ((rc = st_step(st)) == ST_ROW) {
		struct rule_row row = { st_text(st, 0), st_text(st, 1), st_text(st, 2), st_text(st, 3),
		                        st_text(st, 4), st_text(st, 5), st_text(st, 6), st_text(st, 7),
		                        st_text(st, 8), st_text(st, 9), st_text(st, 10) };
		XGROW(set->v, set->n + 1, cap);
		if (rule_parse(&row, inds, &set->v[set->n], err) < 0) {
			kfq_err_prefix(err, "stored rule \"%s\": %s", row.code, err->field);
			st_finalize(st);
			rules_release(set);
			return -1;
		}
		set->n++;
	}
	if (rc != ST_DONE)
		db_fault(db, err, "reading rules");
	st_finalize(st);
	if (rc != ST_DONE) {
		rules_release(set);
		return -1;
	}
	return 0;
}

void rules_release(struct rule_set *set)
{
	for (size_t i = 0; i < set->n; i++)
		rule_release(&set->v[i]);
	free(set->v);
	memset(set, 0, sizeof *set);
}

int rules_active(const struct rule_set *set)
{
	for (size_t i = 0; i < set->n; i++)
		if (set->v[i].severity != RULE_OFF)
			return 1;
	return 0;
}
