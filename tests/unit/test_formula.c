/* test_formula.c: unit tests for the formula language (calc/formula.c):
 * precedence, exact decimals, ytd()/prior() dispatch, "no value" results,
 * and every compile error a user can trigger, with its column. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>

#include "base/xalloc.h"
#include "base/formula.h"

/* ---- a lookup over a small table ---- */

struct row {
	const char *code;
	enum formula_fn fn;
	dec value;
	int rc;               /* what the lookup returns for this row */
};

static const struct row rows[] = {
	{ "x", FORMULA_VALUE, 120 * DEC_ONE, 0 },
	{ "x", FORMULA_YTD, 500 * DEC_ONE, 0 },
	{ "x", FORMULA_PRIOR, 100 * DEC_ONE, 0 },
	{ "x", FORMULA_PREV, 110 * DEC_ONE, 0 },
	{ "x", FORMULA_YTD | FORMULA_PREV, 380 * DEC_ONE, 0 },
	{ "x", FORMULA_YTD | FORMULA_PRIOR, 400 * DEC_ONE, 0 },
	{ "y", FORMULA_VALUE, 3 * DEC_ONE, 0 },       /* y has no ytd or prior */
	{ "zero", FORMULA_VALUE, 0, 0 },
	{ "big", FORMULA_VALUE, INT64_MAX, 0 },
	{ "small", FORMULA_VALUE, INT64_MIN, 0 },
	{ "broken", FORMULA_VALUE, 0, -1 },
	{ "t", FORMULA_VALUE, 11313100, 0 },          /* 1131.31 */
	{ "g", FORMULA_VALUE, 25000 * DEC_ONE, 0 },   /* 25000 */
};

struct calls {
	int n;
	int by_fn[8];
	char last_code[32];
	enum formula_fn last_fn;
};

static int table_lookup(void *ctx, const char *code, enum formula_fn fn, dec *out,
                        struct kfq_err *err)
{
	struct calls *c = ctx;

	if (c) {
		c->n++;
		c->by_fn[fn]++;
		snprintf(c->last_code, sizeof c->last_code, "%s", code);
		c->last_fn = fn;
	}
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		if (strcmp(rows[i].code, code) != 0 || rows[i].fn != fn)
			continue;
		if (rows[i].rc < 0)
			return kfq_error(err, "lookup of %s failed", code);
		*out = rows[i].value;
		return rows[i].rc;
	}
	return 1;
}

/* Compile and evaluate; the formula must compile. */
static int eval_text(const char *text, dec *out, struct calls *calls, struct kfq_err *err)
{
	struct formula *f = NULL;
	int rc;

	if (formula_compile(text, &f, err) != 0)
		fail_msg("formula \"%s\" did not compile: %s", text, err->msg);
	rc = formula_eval(f, table_lookup, calls, DEC_SCALE, out, err);
	formula_free(f);
	return rc;
}

static dec value_of(const char *text)
{
	struct kfq_err err = { 0 };
	dec v = 0;
	int rc = eval_text(text, &v, NULL, &err);
	if (rc != 0)
		fail_msg("formula \"%s\" returned %d", text, rc);
	return v;
}

static int rc_of(const char *text)
{
	struct kfq_err err = { 0 };
	dec v = 0;
	return eval_text(text, &v, NULL, &err);
}

/* The formula must fail to compile with a message containing needle. */
static void compile_fails(const char *text, const char *needle)
{
	struct kfq_err err = { 0 };
	struct formula *f = NULL;

	if (formula_compile(text, &f, &err) != -1)
		fail_msg("formula \"%s\" compiled but should not", text);
	assert_int_equal(err.kind, KFQ_EUSER);
	assert_null(f);
	assert_err_has(&err, needle);
}

/* ---- evaluation ---- */

static void test_precedence(void **state)
{
	(void)state;
	assert_int_equal(value_of("1+2*3"), 7 * DEC_ONE);
	assert_int_equal(value_of("2*3+4*5"), 26 * DEC_ONE);
	assert_int_equal(value_of("1-2*3"), -5 * DEC_ONE);
	assert_int_equal(value_of("10-4-3"), 3 * DEC_ONE);        /* left associative */
	assert_int_equal(value_of("100/10/5"), 2 * DEC_ONE);
	assert_int_equal(value_of("8/4*2"), 4 * DEC_ONE);
	assert_int_equal(value_of(" 1 +\t2 *\n3 "), 7 * DEC_ONE);
}

static void test_parentheses(void **state)
{
	(void)state;
	assert_int_equal(value_of("(1+2)*3"), 9 * DEC_ONE);
	assert_int_equal(value_of("((2))"), 2 * DEC_ONE);
	assert_int_equal(value_of("10-(4-3)"), 9 * DEC_ONE);
	assert_int_equal(value_of("100/(10/5)"), 50 * DEC_ONE);
}

static void test_unary_minus(void **state)
{
	(void)state;
	assert_int_equal(value_of("-3"), -3 * DEC_ONE);
	assert_int_equal(value_of("--3"), 3 * DEC_ONE);
	assert_int_equal(value_of("- - -3"), -3 * DEC_ONE);
	assert_int_equal(value_of("2*-3"), -6 * DEC_ONE);
	assert_int_equal(value_of("-2*3"), -6 * DEC_ONE);
	assert_int_equal(value_of("-(1+2)"), -3 * DEC_ONE);
	assert_int_equal(value_of("1 - -1"), 2 * DEC_ONE);
	assert_int_equal(value_of("-x"), -120 * DEC_ONE);
	assert_int_equal(value_of("-0"), 0);
}

static void test_decimals_exact(void **state)
{
	(void)state;
	assert_int_equal(value_of("0.1+0.2"), 3000);
	assert_int_equal(value_of("0.3-0.1-0.2"), 0);
	assert_int_equal(value_of("1.5*1.5"), 22500);
	assert_int_equal(value_of("1/3"), 3333);
	assert_int_equal(value_of("2/3"), 6667);               /* half away from zero */
	assert_int_equal(value_of("-2/3"), -6667);
	assert_int_equal(value_of("0.0001"), 1);
	assert_int_equal(value_of("922337203685477.5807"), INT64_MAX);
}

static void test_fn_dispatch(void **state)
{
	struct kfq_err err = { 0 };
	struct calls c = { 0 };
	dec v = 0;

	(void)state;
	assert_int_equal(eval_text("ytd(x)", &v, &c, &err), 0);
	assert_int_equal(v, 500 * DEC_ONE);
	assert_string_equal(c.last_code, "x");
	assert_int_equal(c.last_fn, FORMULA_YTD);

	memset(&c, 0, sizeof c);
	assert_int_equal(eval_text("prior( x )", &v, &c, &err), 0);
	assert_int_equal(v, 100 * DEC_ONE);
	assert_int_equal(c.last_fn, FORMULA_PRIOR);

	memset(&c, 0, sizeof c);
	assert_int_equal(eval_text("x", &v, &c, &err), 0);
	assert_int_equal(v, 120 * DEC_ONE);
	assert_int_equal(c.last_fn, FORMULA_VALUE);

	memset(&c, 0, sizeof c);
	assert_int_equal(eval_text("x + ytd(x) + prior(x)", &v, &c, &err), 0);
	assert_int_equal(v, 720 * DEC_ONE);
	assert_int_equal(c.n, 3);
	assert_int_equal(c.by_fn[FORMULA_VALUE], 1);
	assert_int_equal(c.by_fn[FORMULA_YTD], 1);
	assert_int_equal(c.by_fn[FORMULA_PRIOR], 1);
}

/* Period functions nest: ytd(prev(x)) and prev(ytd(x)) are one lookup of
 * x with both bits (the year to date at the month before: 380 in the
 * table), prior(ytd(x)) last year's year to date (400); prev alone the
 * month before (110). x - prev(x) = 120 - 110 = 10. */
static void test_fn_nesting(void **state)
{
	struct kfq_err err = { 0 };
	struct calls c = { 0 };
	dec v = 0;

	(void)state;
	assert_int_equal(eval_text("ytd(prev(x))", &v, &c, &err), 0);
	assert_int_equal(v, 380 * DEC_ONE);
	assert_int_equal(c.last_fn, FORMULA_YTD | FORMULA_PREV);
	assert_int_equal(value_of("prev( ytd( x ) )"), 380 * DEC_ONE);
	assert_int_equal(value_of("prior(ytd(x))"), 400 * DEC_ONE);
	assert_int_equal(value_of("x - prev(x)"), 10 * DEC_ONE);
	assert_int_equal(rc_of("prev(y)"), 1);   /* y has no previous period: no value */
}

static int degree_of(const char *text)
{
	struct kfq_err err = { 0 };
	struct formula *f = NULL;
	int d;
	if (formula_compile(text, &f, &err) != 0)
		fail_msg("formula \"%s\" did not compile: %s", text, err.msg);
	d = formula_degree(f);
	formula_free(f);
	return d;
}

/* Whether a result is in its codes' measure: a sum of codes scaled by
 * numbers is (1), a ratio of codes or a number is not (0), a product of
 * two codes is 2. */
static void test_degree(void **state)
{
	(void)state;
	assert_int_equal(degree_of("x"), 1);
	assert_int_equal(degree_of("3 * prior(x)"), 1);
	assert_int_equal(degree_of("a + b - 2"), 1);
	assert_int_equal(degree_of("x / 3"), 1);
	assert_int_equal(degree_of("-(a + b)"), 1);
	assert_int_equal(degree_of("va / sales * 100"), 0);
	assert_int_equal(degree_of("100"), 0);
	assert_int_equal(degree_of("a * b"), 2);
}

/* One code alone, with its period functions, is a single look-up (the
 * validation rules' shortcut); anything else is not. */
static int single_of(const char *text, const char **code, enum formula_fn *fn)
{
	struct kfq_err err = { 0 };
	struct formula *f = NULL;
	static char kept[32];
	int r;
	if (formula_compile(text, &f, &err) != 0)
		fail_msg("formula \"%s\" did not compile: %s", text, err.msg);
	r = formula_single(f, code, fn);
	if (r) {
		snprintf(kept, sizeof kept, "%s", *code);
		*code = kept;
	}
	formula_free(f);
	return r;
}

static void test_single(void **state)
{
	const char *code = NULL;
	enum formula_fn fn = FORMULA_VALUE;
	(void)state;
	assert_int_equal(single_of("x", &code, &fn), 1);
	assert_string_equal(code, "x");
	assert_int_equal(fn, FORMULA_VALUE);
	assert_int_equal(single_of("ytd(prev(sales))", &code, &fn), 1);
	assert_string_equal(code, "sales");
	assert_int_equal(fn, FORMULA_YTD | FORMULA_PREV);
	assert_int_equal(single_of("(x)", &code, &fn), 1);
	assert_int_equal(single_of("-x", &code, &fn), 0);
	assert_int_equal(single_of("1 * x", &code, &fn), 0);
	assert_int_equal(single_of("x / y", &code, &fn), 0);
	assert_int_equal(single_of("3", &code, &fn), 0);
}

static void test_growth(void **state)
{
	(void)state;
	/* (120 - 100) / 100 * 100 = 20 */
	assert_int_equal(value_of("(x - prior(x)) / prior(x) * 100"), 20 * DEC_ONE);
	/* 3 / 120 * 100 = 2.5 */
	assert_int_equal(value_of("y / x * 100"), 25000);
}

static void test_division_by_zero(void **state)
{
	struct kfq_err err = { 0 };
	dec v = 0;

	(void)state;
	/* no value, and the error says why, quoting the formula */
	assert_int_equal(eval_text("x / zero", &v, NULL, &err), 1);
	assert_err_has(&err, "formula \"x / zero\": division by zero");
	assert_int_equal(rc_of("1/0"), 1);
	assert_int_equal(rc_of("x / zero"), 1);
	assert_int_equal(rc_of("x / (x - x)"), 1);
	assert_int_equal(rc_of("1/0 * 0"), 1);           /* no value stays no value */
}

static void test_missing_input(void **state)
{
	struct kfq_err err = { 0 };
	dec v = 0;

	(void)state;
	assert_int_equal(eval_text("x + nothing", &v, NULL, &err), 1);
	assert_err_has(&err, "formula \"x + nothing\": nothing has no value");
	assert_int_equal(rc_of("x + nothing"), 1);
	assert_int_equal(rc_of("ytd(y)"), 1);            /* y has a value but no ytd */
	assert_int_equal(rc_of("prior(y) * 0"), 1);
	assert_int_equal(rc_of("-nothing"), 1);
}

/* A result that does not fit in a dec is an error naming the formula; an
 * intermediate step may be as large as it likes. */
static void test_overflow(void **state)
{
	static const char *const over[] = {
		"922337203685477 * 10", "922337203685477 + 922337203685477",
		"-922337203685477 - 922337203685477", "922337203685477 / 0.0001",
		"big + 0.0001", "-small", "0 - small",
	};
	(void)state;
	for (size_t i = 0; i < sizeof over / sizeof over[0]; i++) {
		struct kfq_err err = { 0 };
		dec v = 0;
		assert_int_equal(eval_text(over[i], &v, NULL, &err), -1);
		assert_int_equal(err.kind, KFQ_EUSER);
		assert_err_has(&err, over[i]);
		assert_err_has(&err, "does not fit in kfq's exact figures");
	}
	assert_int_equal(value_of("big - big"), 0);
	/* big × 10 ÷ 10 is big: no step overflows */
	assert_int_equal(value_of("big * 10 / 10"), INT64_MAX);
	assert_int_equal(value_of("big * big * big / big / big"), INT64_MAX);
	assert_int_equal(value_of("small * 3 / 3"), INT64_MIN);
}

/* Formulas that are algebraically equal give the same figure: t / g * 100
 * with t = 1131.31 and g = 25000 is exactly 4.52524 (1131.31 × 100 =
 * 113131, ÷ 25000 = 4.52524), rounded once: 4.5252 at 4 places, 4.53 at
 * 2. Rounding t / g to 4 places first (0.0453) gave 4.5300. */
static void test_algebraically_equal(void **state)
{
	static const char *const forms[] = {
		"t / g * 100", "t * 100 / g", "100 * t / g", "t / (g / 100)", "(t / g) * 100",
		"t / g / 0.01", "100 / (g / t)", "(t + t) / (2 * g) * 100", "t / 3 / g * 300",
		"(t / 7 + t * 6 / 7) / g * 100", "1 / (g / t / 100)", "-(-t) / g * 100",
		"t / g * 100 + 1 / 3 - 1 / 3",
	};
	(void)state;
	for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
		struct formula *f = NULL;
		struct kfq_err err = { 0 };
		dec v4 = 0, v2 = 0, v6 = 0;
		assert_int_equal(formula_compile(forms[i], &f, &err), 0);
		assert_int_equal(formula_eval(f, table_lookup, NULL, DEC_SCALE, &v4, &err), 0);
		assert_int_equal(formula_eval(f, table_lookup, NULL, 2, &v2, &err), 0);
		assert_int_equal(formula_eval(f, table_lookup, NULL, 6, &v6, &err), 0);
		if (v4 != 45252 || v2 != 45300 || v6 != 45252)
			fail_msg("\"%s\" gave %lld, %lld (2 places), %lld (6 places, kept at 4)",
			         forms[i], (long long)v4, (long long)v2, (long long)v6);
		formula_free(f);
	}
}

/* The result is rounded once, to the places asked for, half away from
 * zero: 1.2345 / 10 = 0.12345 is 0.123 at 3 places (rounding to 4 first,
 * 0.1235, and then to 3 would give 0.124). */
static void test_rounded_once(void **state)
{
	struct formula *f = NULL;
	struct kfq_err err = { 0 };
	dec v = 0;
	static const struct { const char *text; int places; dec want; } cases[] = {
		{ "1.2345 / 10", 3, 1230 },         /* 0.12345 → 0.123 */
		{ "1.2345 / 10", 4, 1235 },         /* → 0.1235 (half away) */
		{ "-1.2345 / 10", 4, -1235 },
		{ "1 / 8", 2, 1300 },               /* 0.125 → 0.13 */
		{ "-1 / 8", 2, -1300 },
		{ "1 / 3", 0, 0 },
		{ "2 / 3", 0, DEC_ONE },
		{ "15", -1, 20 * DEC_ONE },         /* to tens */
		{ "-15", -1, -20 * DEC_ONE },
		{ "14.9999", -1, 10 * DEC_ONE },
		{ "12345678 / 100", -6, 0 },        /* 123456.78 to millions */
		{ "x * 5000 / 3", -5, 2 * 100000 * DEC_ONE },   /* 200 000 */
	};
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		assert_int_equal(formula_compile(cases[i].text, &f, &err), 0);
		assert_int_equal(formula_eval(f, table_lookup, NULL, cases[i].places, &v, &err), 0);
		if (v != cases[i].want)
			fail_msg("\"%s\" at %d places: %lld, expected %lld", cases[i].text,
			         cases[i].places, (long long)v, (long long)cases[i].want);
		formula_free(f);
	}
	/* an indicator's decimals in its measure: 2 in 亿元 (10^8 元) keep -6
	 * places of 元; 1 in % keeps 1; 6 in 元 keep the 4 there are */
	assert_int_equal(formula_places(2, 8), -6);
	assert_int_equal(formula_places(1, 0), 1);
	assert_int_equal(formula_places(6, 0), DEC_SCALE);
}

/* Divided by a per exactly: 120 ÷ 2.5 亩 = 48; 120 ÷ 3 万人 (30 000) =
 * 0.004; t / g × 100 ÷ 3 = 1.50841333… → 1.5084. */
static void test_per(void **state)
{
	struct formula *f = NULL;
	struct kfq_err err = { 0 };
	dec v = 0;

	(void)state;
	assert_int_equal(formula_compile("x", &f, &err), 0);
	assert_int_equal(formula_eval_per(f, table_lookup, NULL, 25000, 0, 4, &v, &err), 0);
	assert_int_equal(v, 48 * DEC_ONE);
	assert_int_equal(formula_eval_per(f, table_lookup, NULL, 3 * DEC_ONE, 4, 4, &v, &err), 0);
	assert_int_equal(v, 40);
	assert_int_equal(formula_eval_per(f, table_lookup, NULL, 0, 0, 4, &v, &err), 1);
	assert_err_has(&err, "division by zero");
	formula_free(f);
	assert_int_equal(formula_compile("t / g * 100", &f, &err), 0);
	assert_int_equal(formula_eval_per(f, table_lookup, NULL, 3 * DEC_ONE, 0, 4, &v, &err), 0);
	assert_int_equal(v, 15084);
	formula_free(f);
}

static void test_lookup_error(void **state)
{
	struct kfq_err err = { 0 };
	dec v = 0;

	(void)state;
	assert_int_equal(eval_text("x + broken", &v, NULL, &err), -1);
	assert_err_has(&err, "lookup of broken failed");
	/* A missing input earlier does not hide a later error. */
	assert_int_equal(eval_text("nothing + broken", &v, NULL, &err), -1);
	assert_int_equal(eval_text("1/0 + broken", &v, NULL, &err), -1);
}

/* ---- compile errors ---- */

static void test_err_exact_message(void **state)
{
	struct kfq_err err = { 0 };
	struct formula *f = NULL;

	(void)state;
	assert_int_equal(formula_compile("a + * b", &f, &err), -1);
	assert_string_equal(err.msg, "formula \"a + * b\": column 5: expected a number, an "
	                    "indicator code, ytd(...), prior(...), prev(...) or \"(\"");
}

static void test_err_empty(void **state)
{
	(void)state;
	compile_fails("", "formula \"\": column 1: the formula is empty");
	compile_fails("   ", "column 4: the formula is empty");
}

static void test_err_operand(void **state)
{
	(void)state;
	compile_fails("a + ", "column 5: expected a number, an indicator code");
	compile_fails("a + ", "the formula ends here");
	compile_fails("+a", "column 1: expected a number");
	compile_fails("()", "column 2: expected a number");
	compile_fails("2 * / 3", "column 5: expected a number");
}

static void test_err_unexpected_char(void **state)
{
	(void)state;
	compile_fails("a + $", "column 5: unexpected character \"$\"");
	compile_fails("a + \"b\"", "column 5: unexpected character \"\\\"\"");
	compile_fails("x + \xE4\xB8\xAD", "column 5: unexpected character \"\xE4\xB8\xAD\"");
	compile_fails("\xEF\xBC\x88x)", "column 1: unexpected character \"\xEF\xBC\x88\"");
	compile_fails("a\x01", "column 2: unexpected character \\x01");
	compile_fails("1,000", "column 2: unexpected character \",\"");
	compile_fails(".5", "column 1: unexpected character \".\"");
	compile_fails("1.2.3", "column 4: unexpected character \".\"");
	compile_fails("a\n+ %", "column 5: unexpected character \"%\"");
}

static void test_err_parentheses(void **state)
{
	(void)state;
	compile_fails("(a + b", "column 7: missing \")\" to close \"(\" at column 1");
	compile_fails("1 + (2 * (3 + 4)", "column 17: missing \")\" to close \"(\" at column 5");
	compile_fails("a + b)", "column 6: \")\" has no matching \"(\"");
	compile_fails("(a b)", "column 4: expected an operator (+ - * /) or \")\" to close "
	              "\"(\" at column 1");
}

static void test_err_trailing(void **state)
{
	(void)state;
	compile_fails("a b", "column 3: expected an operator (+ - * /) or the end of the formula");
	compile_fails("12abc", "column 3: expected an operator");
	compile_fails("x 1", "column 3: expected an operator");
}

static void test_err_functions(void **state)
{
	(void)state;
	compile_fails("ytd + 1", "column 5: expected \"(\" after ytd");
	compile_fails("ytd", "column 4: expected \"(\" after ytd");
	compile_fails("prior x", "column 7: expected \"(\" after prior");
	compile_fails("ytd(1)", "column 5: expected an indicator code inside ytd(...)");
	compile_fails("ytd()", "column 5: expected an indicator code inside ytd(...)");
	compile_fails("ytd(prior(1))", "column 11: expected an indicator code inside prior(...)");
	compile_fails("ytd(prev(ytd(x)))", "column 10: ytd(...) inside ytd(...) again");
	compile_fails("prev(prev(x))", "column 6: prev(...) inside prev(...) again");
	compile_fails("ytd(prev(x)", "column 12: missing \")\" to close \"(\" at column 4");
	compile_fails("ytd((x))", "column 5: expected an indicator code inside ytd(...)");
	compile_fails("prior(a+b)", "column 8: expected \")\": prior(...) takes a single "
	              "indicator code");
	compile_fails("ytd(x", "column 6: missing \")\" to close \"(\" at column 4");
	compile_fails("foo(x)", "column 1: \"foo\" is not a function");
	compile_fails("YTD(x)", "column 1: \"YTD\" is not a function");
}

static void test_err_numbers(void **state)
{
	(void)state;
	compile_fails("99999999999999999999", "column 1: number too large");
	compile_fails("1 + 922337203685478", "column 5: number too large");
	compile_fails("0.00001", "column 1: \"0.00001\" has more decimal places");
	compile_fails("1. + 2", "column 3: expected a digit after the decimal point in \"1.\"");
}

static char *repeat(const char *head, char c, size_t n, const char *tail)
{
	size_t hl = strlen(head), tl = strlen(tail);
	char *s = xmalloc(hl + n + tl + 1);
	memcpy(s, head, hl);
	memset(s + hl, c, n);
	memcpy(s + hl + n, tail, tl + 1);
	return s;
}

static void test_err_nesting(void **state)
{
	struct kfq_err err = { 0 };
	struct formula *f = NULL;
	char *s, *t;

	(void)state;
	/* 64 levels compile ... */
	s = repeat("", '(', 64, "1");
	t = repeat(s, ')', 64, "");
	assert_int_equal(formula_compile(t, &f, &err), 0);
	formula_free(f);
	free(s);
	free(t);
	/* ... 65 do not. */
	s = repeat("", '(', 65, "1");
	t = repeat(s, ')', 65, "");
	compile_fails(t, "column 65: parentheses nested deeper than 64 levels");
	free(s);
	free(t);
	/* A fuzzer's wall of "(" is refused at the same place. */
	s = repeat("", '(', 4000, "");
	compile_fails(s, "column 65: parentheses nested deeper than 64 levels");
	free(s);
	/* The deepest stack a legal formula needs evaluates. */
	{
		size_t n = 0;
		char buf[1024];
		for (int i = 0; i < 64; i++)
			n += (size_t)snprintf(buf + n, sizeof buf - n, "1-1*(");
		n += (size_t)snprintf(buf + n, sizeof buf - n, "1");
		memset(buf + n, ')', 64);
		buf[n + 64] = '\0';
		assert_int_equal(formula_compile(buf, &f, &err), 0);
		dec v = 0;
		assert_int_equal(formula_eval(f, table_lookup, NULL, DEC_SCALE, &v, &err), 0);
		assert_int_equal(v, DEC_ONE);
		formula_free(f);
	}
	/* Long runs of unary minus are fine. */
	s = repeat("", '-', 1001, "1");
	assert_int_equal(value_of(s), -DEC_ONE);
	free(s);
}

static void test_err_too_long(void **state)
{
	struct kfq_err err = { 0 };
	struct formula *f = NULL;
	char *s;

	(void)state;
	/* 4096 characters: "1+1+...+1" */
	s = xmalloc(4097);
	for (int i = 0; i < 4096; i++)
		s[i] = (i % 2) ? '+' : '1';
	s[4095] = ' ';
	s[4096] = '\0';
	assert_int_equal(formula_compile(s, &f, &err), 0);
	formula_free(f);
	free(s);

	s = repeat("", ' ', 4096, "1");
	compile_fails(s, "column 4097: the formula is longer than 4096 characters");
	compile_fails(s, "...\"");        /* the quote is cut short */
	free(s);
}

/* ---- codes ---- */

static void test_codes(void **state)
{
	struct kfq_err err = { 0 };
	struct formula *f = NULL;
	const char *const *codes;
	size_t n;

	(void)state;
	assert_int_equal(formula_compile("x + ytd(x) * prior(y) - z / x + y_2", &f, &err), 0);
	n = formula_codes(f, &codes);
	assert_int_equal(n, 4);
	assert_string_equal(codes[0], "x");
	assert_string_equal(codes[1], "y");
	assert_string_equal(codes[2], "z");
	assert_string_equal(codes[3], "y_2");
	formula_free(f);

	assert_int_equal(formula_compile("prior(b) + a", &f, &err), 0);
	n = formula_codes(f, &codes);
	assert_int_equal(n, 2);
	assert_string_equal(codes[0], "b");
	assert_string_equal(codes[1], "a");
	formula_free(f);

	assert_int_equal(formula_compile("1 + 2", &f, &err), 0);
	assert_int_equal(formula_codes(f, &codes), 0);
	formula_free(f);

	formula_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_precedence),
		cmocka_unit_test(test_parentheses),
		cmocka_unit_test(test_unary_minus),
		cmocka_unit_test(test_decimals_exact),
		cmocka_unit_test(test_fn_dispatch),
		cmocka_unit_test(test_fn_nesting),
		cmocka_unit_test(test_degree),
		cmocka_unit_test(test_single),
		cmocka_unit_test(test_growth),
		cmocka_unit_test(test_division_by_zero),
		cmocka_unit_test(test_missing_input),
		cmocka_unit_test(test_overflow),
		cmocka_unit_test(test_algebraically_equal),
		cmocka_unit_test(test_rounded_once),
		cmocka_unit_test(test_per),
		cmocka_unit_test(test_lookup_error),
		cmocka_unit_test(test_err_exact_message),
		cmocka_unit_test(test_err_empty),
		cmocka_unit_test(test_err_operand),
		cmocka_unit_test(test_err_unexpected_char),
		cmocka_unit_test(test_err_parentheses),
		cmocka_unit_test(test_err_trailing),
		cmocka_unit_test(test_err_functions),
		cmocka_unit_test(test_err_numbers),
		cmocka_unit_test(test_err_nesting),
		cmocka_unit_test(test_err_too_long),
		cmocka_unit_test(test_codes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
