/* formula.c: compiling and evaluating formula indicators (see formula.h).
 *
 * A recursive-descent parser turns the text into a short postfix (RPN)
 * program; evaluation runs it over exact rationals (GMP's mpq_t: big
 * integer numerator and denominator), so no step rounds, and the result is
 * rounded once, half away from zero, to the places the caller asks for.
 * Only parentheses recurse, and their nesting is capped, so no input can
 * exhaust the C stack; unary minus is read in a loop. Every error names
 * the 1-based character column and says what was expected. Depends on base
 * only (dec, err, xalloc) and GMP: looking codes up is the caller's
 * business. */
#include "base/formula.h"

#include <gmp.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

#define FORMULA_MAX_CHARS 4096  /* longest formula accepted, in characters */
#define FORMULA_MAX_DEPTH 64    /* deepest nesting of parentheses */
/* Each open "(" leaves at most two operands pending (one of expr, one of
 * term), so the stack never holds more than 2 × (depth + 1) + 1 values. */
#define FORMULA_STACK 256
#define FORMULA_QUOTE 120       /* bytes of the formula quoted in errors */

static const char formula_expected_operand[] =
	"expected a number, an indicator code, ytd(...), prior(...), prev(...) or \"(\"";

enum formula_opkind { OP_NUM, OP_LOAD, OP_NEG, OP_ADD, OP_SUB, OP_MUL, OP_DIV };

struct formula_op {
	enum formula_opkind kind;
	unsigned fn;          /* OP_LOAD: enum formula_fn bits */
	size_t code;          /* OP_LOAD: index into codes */
	dec num;              /* OP_NUM */
};

struct formula {
	char *text;           /* as compiled, for messages */
	size_t maxsp;         /* the deepest evaluation stack */
	struct formula_op *ops;
	size_t nops, capops;
	char **codes;         /* distinct, in first-use order */
	size_t ncodes, capcodes;
};

enum formula_tokkind {
	TOK_END, TOK_NUM, TOK_CODE, TOK_PLUS, TOK_MINUS, TOK_STAR, TOK_SLASH,
	TOK_LPAREN, TOK_RPAREN,
};

struct formula_tok {
	enum formula_tokkind kind;
	size_t off, len;      /* byte offset and length in the text */
};

struct formula_parser {
	const char *text;
	size_t pos;           /* byte offset of the next unread character */
	struct formula_tok tok;
	int depth;            /* parentheses currently open */
	size_t sp, maxsp;     /* simulated evaluation stack */
	struct formula *f;
	struct kfq_err *err;
};

/* The 1-based character column of byte offset off: UTF-8 continuation
 * bytes do not start a character. */
static size_t formula_column(const char *text, size_t off)
{
	size_t col = 1;
	for (size_t i = 0; i < off; i++)
		if (((unsigned char)text[i] & 0xC0) != 0x80)
			col++;
	return col;
}

/* Quote at most FORMULA_QUOTE bytes of text for a message, cut on a
 * character boundary, control characters shown as spaces. */
static void formula_quote(const char *text, char *buf, size_t n)
{
	size_t len = strlen(text), k = 0, i;
	int cut = len > FORMULA_QUOTE;

	if (cut) {
		len = FORMULA_QUOTE;
		while (len > 0 && ((unsigned char)text[len] & 0xC0) == 0x80)
			len--;
	}
	for (i = 0; i < len && k + 4 < n; i++) {
		unsigned char c = (unsigned char)text[i];
		buf[k++] = (c < 0x20 || c == 0x7F) ? ' ' : (char)c;
	}
	if (cut && k + 4 < n) {
		memcpy(buf + k, "...", 3);
		k += 3;
	}
	buf[k] = '\0';
}

/* Fill the error as `formula "TEXT": column N: MESSAGE`; returns -1. */
static int formula_fail(struct formula_parser *p, size_t off, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int formula_fail(struct formula_parser *p, size_t off, const char *fmt, ...)
{
	char quoted[FORMULA_QUOTE + 8], msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	formula_quote(p->text, quoted, sizeof quoted);
	return kfq_error(p->err, "formula \"%s\": column %zu: %s", quoted,
	                 formula_column(p->text, off), msg);
}

static int formula_is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int formula_is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int formula_is_code_start(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
}

static int formula_is_code_char(char c)
{
	return formula_is_code_start(c) || formula_is_digit(c);
}

/* Report the character at off as unexpected, quoting it readably. */
static int formula_bad_char(struct formula_parser *p, size_t off)
{
	const unsigned char *s = (const unsigned char *)p->text + off;
	size_t n = 1;

	if (s[0] >= 0xC0) {
		while (n < 4 && (s[n] & 0xC0) == 0x80)
			n++;
		return formula_fail(p, off, "unexpected character \"%.*s\" (operators and "
		                    "parentheses must be ASCII: + - * / ( ))", (int)n,
		                    (const char *)s);
	}
	if (s[0] < 0x20 || s[0] >= 0x7F)
		return formula_fail(p, off, "unexpected character \\x%02X", s[0]);
	if (s[0] == '"' || s[0] == '\\')
		return formula_fail(p, off, "unexpected character \"\\%c\"", s[0]);
	return formula_fail(p, off, "unexpected character \"%c\"", s[0]);
}

/* Read the next token into p->tok. */
static int formula_next(struct formula_parser *p)
{
	const char *t = p->text;
	size_t i = p->pos;
	enum formula_tokkind kind;

	while (formula_is_space(t[i]))
		i++;
	p->tok.off = i;
	if (t[i] == '\0') {
		kind = TOK_END;
	} else if (formula_is_digit(t[i])) {
		while (formula_is_digit(t[i]))
			i++;
		if (t[i] == '.') {
			if (!formula_is_digit(t[i + 1]))
				return formula_fail(p, i + 1, "expected a digit after the "
				                    "decimal point in \"%.*s\"",
				                    (int)(i + 1 - p->tok.off), t + p->tok.off);
			i++;
			while (formula_is_digit(t[i]))
				i++;
		}
		p->tok.kind = TOK_NUM;
		p->tok.len = i - p->tok.off;
		p->pos = i;
		return 0;
	} else if (formula_is_code_start(t[i])) {
		while (formula_is_code_char(t[i]))
			i++;
		p->tok.kind = TOK_CODE;
		p->tok.len = i - p->tok.off;
		p->pos = i;
		return 0;
	} else {
		switch (t[i]) {
		case '+': kind = TOK_PLUS; break;
		case '-': kind = TOK_MINUS; break;
		case '*': kind = TOK_STAR; break;
		case '/': kind = TOK_SLASH; break;
		case '(': kind = TOK_LPAREN; break;
		case ')': kind = TOK_RPAREN; break;
		default: return formula_bad_char(p, i);
		}
	}
	p->tok.kind = kind;
	p->tok.len = kind == TOK_END ? 0 : 1;
	p->pos = i + p->tok.len;
	return 0;
}

static int formula_tok_is(const struct formula_parser *p, const char *word)
{
	size_t n = strlen(word);
	return p->tok.kind == TOK_CODE && p->tok.len == n &&
	       memcmp(p->text + p->tok.off, word, n) == 0;
}

static int formula_tok_is_fn(const struct formula_parser *p)
{
	return formula_tok_is(p, "ytd") || formula_tok_is(p, "prior") || formula_tok_is(p, "prev");
}

/* The bit of the function named by the current token. */
static unsigned formula_tok_fn(const struct formula_parser *p)
{
	return formula_tok_is(p, "ytd") ? FORMULA_YTD : formula_tok_is(p, "prior") ? FORMULA_PRIOR
	       : FORMULA_PREV;
}

/* The index of the current code token in f->codes, adding it if new. */
static size_t formula_intern(struct formula_parser *p)
{
	struct formula *f = p->f;
	const char *s = p->text + p->tok.off;
	size_t n = p->tok.len;

	for (size_t i = 0; i < f->ncodes; i++)
		if (strlen(f->codes[i]) == n && memcmp(f->codes[i], s, n) == 0)
			return i;
	XGROW(f->codes, f->ncodes + 1, f->capcodes);
	f->codes[f->ncodes] = xstrndup(s, n);
	return f->ncodes++;
}

/* Append an op; `push` is its effect on the stack (+1, 0 or -1). */
static void formula_emit(struct formula_parser *p, struct formula_op op, int push)
{
	struct formula *f = p->f;

	XGROW(f->ops, f->nops + 1, f->capops);
	f->ops[f->nops++] = op;
	if (push > 0) {
		p->sp++;
		if (p->sp > p->maxsp)
			p->maxsp = p->sp;
	} else if (push < 0) {
		p->sp--;
	}
}

static int formula_expr(struct formula_parser *p);

/* ytd(code), prior(code) or prev(code), or such calls nested (each
 * function once); the current token is the function name. */
static int formula_call(struct formula_parser *p)
{
	struct formula_op op = { .kind = OP_LOAD };
	size_t opens[3], nopen = 0, name_off = 0, name_len = 0;
	const char *name = p->text;

	while (formula_tok_is_fn(p)) {
		unsigned bit = formula_tok_fn(p);
		name_off = p->tok.off;
		name_len = p->tok.len;
		name = p->text + name_off;
		if (op.fn & bit)
			return formula_fail(p, name_off, "%.*s(...) inside %.*s(...) again (each of "
			                    "ytd, prior and prev at most once)", (int)name_len, name,
			                    (int)name_len, name);
		op.fn |= bit;
		if (formula_next(p) < 0)
			return -1;
		if (p->tok.kind != TOK_LPAREN)
			return formula_fail(p, p->tok.off, "expected \"(\" after %.*s "
			                    "(write %.*s(code) with one indicator code)",
			                    (int)name_len, name, (int)name_len, name);
		opens[nopen++] = p->tok.off;
		if (formula_next(p) < 0)
			return -1;
		if (p->tok.kind == TOK_END)
			return formula_fail(p, p->tok.off, "missing \")\" to close \"(\" at column %zu",
			                    formula_column(p->text, opens[nopen - 1]));
	}
	if (p->tok.kind != TOK_CODE)
		return formula_fail(p, p->tok.off, "expected an indicator code inside "
		                    "%.*s(...) (it takes one code, not an expression)",
		                    (int)name_len, name);
	op.code = formula_intern(p);
	while (nopen > 0) {
		if (formula_next(p) < 0)
			return -1;
		if (p->tok.kind == TOK_END)
			return formula_fail(p, p->tok.off, "missing \")\" to close \"(\" at column %zu",
			                    formula_column(p->text, opens[nopen - 1]));
		if (p->tok.kind != TOK_RPAREN)
			return formula_fail(p, p->tok.off, "expected \")\": %.*s(...) takes a "
			                    "single indicator code, not an expression",
			                    (int)name_len, name);
		nopen--;
	}
	formula_emit(p, op, 1);
	return formula_next(p);
}

/* primary = number | code | fn "(" code ")" | "(" expr ")" */
static int formula_primary(struct formula_parser *p)
{
	struct formula_op op = { .kind = OP_NUM };
	size_t open_off;

	switch (p->tok.kind) {
	case TOK_NUM: {
		struct kfq_err perr;
		char *lit = xstrndup(p->text + p->tok.off, p->tok.len);
		int rc = dec_parse(lit, 0, &op.num, &perr);
		free(lit);
		if (rc < 0)
			return formula_fail(p, p->tok.off, "%s", perr.msg);
		formula_emit(p, op, 1);
		return formula_next(p);
	}
	case TOK_CODE:
		if (formula_tok_is_fn(p))
			return formula_call(p);
		op.kind = OP_LOAD;
		op.fn = FORMULA_VALUE;
		op.code = formula_intern(p);
		open_off = p->tok.off;
		if (formula_next(p) < 0)
			return -1;
		if (p->tok.kind == TOK_LPAREN)
			return formula_fail(p, open_off, "\"%s\" is not a function (the "
			                    "functions are ytd(code), prior(code) and prev(code))",
			                    p->f->codes[op.code]);
		formula_emit(p, op, 1);
		return 0;
	case TOK_LPAREN:
		if (p->depth >= FORMULA_MAX_DEPTH)
			return formula_fail(p, p->tok.off, "parentheses nested deeper than %d levels",
			                    FORMULA_MAX_DEPTH);
		open_off = p->tok.off;
		p->depth++;
		if (formula_next(p) < 0 || formula_expr(p) < 0)
			return -1;
		if (p->tok.kind == TOK_END)
			return formula_fail(p, p->tok.off, "missing \")\" to close \"(\" at column %zu",
			                    formula_column(p->text, open_off));
		if (p->tok.kind != TOK_RPAREN)
			return formula_fail(p, p->tok.off, "expected an operator (+ - * /) or "
			                    "\")\" to close \"(\" at column %zu",
			                    formula_column(p->text, open_off));
		p->depth--;
		return formula_next(p);
	case TOK_END:
		return formula_fail(p, p->tok.off, "%s, but the formula ends here",
		                    formula_expected_operand);
	default:
		return formula_fail(p, p->tok.off, "%s", formula_expected_operand);
	}
}

/* unary = "-" unary | primary, read as a run of minus signs. */
static int formula_unary(struct formula_parser *p)
{
	int neg = 0;

	while (p->tok.kind == TOK_MINUS) {
		neg = !neg;
		if (formula_next(p) < 0)
			return -1;
	}
	if (formula_primary(p) < 0)
		return -1;
	if (neg)
		formula_emit(p, (struct formula_op){ .kind = OP_NEG }, 0);
	return 0;
}

/* term = unary { ("*"|"/") unary } */
static int formula_term(struct formula_parser *p)
{
	if (formula_unary(p) < 0)
		return -1;
	while (p->tok.kind == TOK_STAR || p->tok.kind == TOK_SLASH) {
		enum formula_opkind k = p->tok.kind == TOK_STAR ? OP_MUL : OP_DIV;
		if (formula_next(p) < 0 || formula_unary(p) < 0)
			return -1;
		formula_emit(p, (struct formula_op){ .kind = k }, -1);
	}
	return 0;
}

/* expr = term { ("+"|"-") term } */
static int formula_expr(struct formula_parser *p)
{
	if (formula_term(p) < 0)
		return -1;
	while (p->tok.kind == TOK_PLUS || p->tok.kind == TOK_MINUS) {
		enum formula_opkind k = p->tok.kind == TOK_PLUS ? OP_ADD : OP_SUB;
		if (formula_next(p) < 0 || formula_term(p) < 0)
			return -1;
		formula_emit(p, (struct formula_op){ .kind = k }, -1);
	}
	return 0;
}

static int formula_parse(struct formula_parser *p)
{
	size_t nchars = 0, i;

	for (i = 0; p->text[i] != '\0'; i++) {
		if (((unsigned char)p->text[i] & 0xC0) != 0x80 &&
		    ++nchars > FORMULA_MAX_CHARS)
			return formula_fail(p, i, "the formula is longer than %d characters",
			                    FORMULA_MAX_CHARS);
	}
	if (formula_next(p) < 0)
		return -1;
	if (p->tok.kind == TOK_END)
		return formula_fail(p, p->tok.off, "the formula is empty: %s",
		                    formula_expected_operand);
	if (formula_expr(p) < 0)
		return -1;
	if (p->tok.kind == TOK_RPAREN)
		return formula_fail(p, p->tok.off, "\")\" has no matching \"(\"");
	if (p->tok.kind != TOK_END)
		return formula_fail(p, p->tok.off, "expected an operator (+ - * /) or the "
		                    "end of the formula");
	if (p->maxsp > FORMULA_STACK)   /* cannot happen with the nesting cap */
		return kfq_fault(p->err, "formula needs %zu stack slots (at most %d)",
		                 p->maxsp, FORMULA_STACK);
	return 0;
}

int formula_compile(const char *text, struct formula **out, struct kfq_err *err)
{
	struct formula_parser p = { .text = text, .err = err };

	p.f = xcalloc(1, sizeof *p.f);
	if (formula_parse(&p) < 0) {
		formula_free(p.f);
		return -1;
	}
	p.f->text = xstrdup(text);
	p.f->maxsp = p.maxsp;
	*out = p.f;
	return 0;
}

void formula_free(struct formula *f)
{
	if (!f)
		return;
	for (size_t i = 0; i < f->ncodes; i++)
		free(f->codes[i]);
	free(f->codes);
	free(f->ops);
	free(f->text);
	free(f);
}

size_t formula_codes(const struct formula *f, const char *const **codes)
{
	*codes = (const char *const *)f->codes;
	return f->ncodes;
}

int formula_single(const struct formula *f, const char **code, enum formula_fn *fn)
{
	if (f->nops != 1 || f->ops[0].kind != OP_LOAD)
		return 0;
	*code = f->codes[f->ops[0].code];
	*fn = (enum formula_fn)f->ops[0].fn;
	return 1;
}

int formula_degree(const struct formula *f)
{
	int st[FORMULA_STACK];
	size_t sp = 0;

	for (size_t i = 0; i < f->nops; i++) {
		switch (f->ops[i].kind) {
		case OP_NUM: st[sp++] = 0; break;
		case OP_LOAD: st[sp++] = 1; break;
		case OP_NEG: break;
		case OP_ADD:
		case OP_SUB: sp--; if (st[sp] > st[sp - 1]) st[sp - 1] = st[sp]; break;
		case OP_MUL: sp--; st[sp - 1] += st[sp]; break;
		case OP_DIV: sp--; st[sp - 1] -= st[sp]; break;
		}
	}
	return sp ? st[0] : 0;
}

/* ---- evaluation ---- */

/* x = v / 10^DEC_SCALE exactly. */
static void formula_q_dec(mpq_t x, dec v)
{
	mpz_set_si(mpq_numref(x), (long)v);
	mpz_ui_pow_ui(mpq_denref(x), 10, DEC_SCALE);
	mpq_canonicalize(x);
}

/* Run the program into res, exactly. Once any step has no value the result
 * has none, but the remaining lookups still run so that a lookup error is
 * never hidden by it. Returns 0, 1 (no value: err says why) or -1. */
static int formula_run(const struct formula *f, formula_lookup_fn lookup, void *ctx, mpq_t res,
                       struct kfq_err *err)
{
	char quoted[FORMULA_QUOTE + 8];
	mpq_t st[FORMULA_STACK];
	size_t sp = 0, nst = f->maxsp ? f->maxsp : 1;
	int none = 0, rc = 0;

	for (size_t i = 0; i < nst; i++)
		mpq_init(st[i]);
	formula_quote(f->text, quoted, sizeof quoted);
	for (size_t i = 0; i < f->nops && rc >= 0; i++) {
		const struct formula_op *op = &f->ops[i];
		dec a = 0;

		switch (op->kind) {
		case OP_NUM:
			formula_q_dec(st[sp++], op->num);
			continue;
		case OP_LOAD:
			rc = lookup(ctx, f->codes[op->code], (enum formula_fn)op->fn, &a, err);
			if (rc < 0)
				break;
			if (rc > 0 && !none) {
				none = 1;
				kfq_error(err, "formula \"%s\": %s has no value", quoted,
				          f->codes[op->code]);
			}
			rc = 0;
			formula_q_dec(st[sp++], a);
			continue;
		case OP_NEG:
			mpq_neg(st[sp - 1], st[sp - 1]);
			continue;
		default:
			break;
		}
		sp--;
		if (none)
			continue;
		switch (op->kind) {
		case OP_ADD: mpq_add(st[sp - 1], st[sp - 1], st[sp]); break;
		case OP_SUB: mpq_sub(st[sp - 1], st[sp - 1], st[sp]); break;
		case OP_MUL: mpq_mul(st[sp - 1], st[sp - 1], st[sp]); break;
		case OP_DIV:
			if (mpq_sgn(st[sp]) == 0) {
				none = 1;
				kfq_error(err, "formula \"%s\": division by zero", quoted);
			} else {
				mpq_div(st[sp - 1], st[sp - 1], st[sp]);
			}
			break;
		default: break;
		}
	}
	if (rc >= 0 && !none)
		mpq_set(res, st[0]);
	for (size_t i = 0; i < nst; i++)
		mpq_clear(st[i]);
	return rc < 0 ? -1 : none;
}

/* *out = x rounded half away from zero to `places` decimals (at most
 * DEC_SCALE; fewer, or negative, round to tens, hundreds ...), as a dec.
 * -1 when it does not fit. */
static int formula_round(const mpq_t x, int places, dec *out)
{
	mpz_t n, d, q, r;
	int rc = 0;

	if (places > DEC_SCALE)
		places = DEC_SCALE;
	if (places < DEC_SCALE - 30)
		places = DEC_SCALE - 30;
	mpz_inits(n, d, q, r, NULL);
	mpz_set(n, mpq_numref(x));
	mpz_set(d, mpq_denref(x));
	if (places >= 0) {
		mpz_ui_pow_ui(q, 10, (unsigned long)places);
		mpz_mul(n, n, q);
	} else {
		mpz_ui_pow_ui(q, 10, (unsigned long)-places);
		mpz_mul(d, d, q);
	}
	mpz_tdiv_qr(q, r, n, d);            /* d > 0: r has n's sign */
	mpz_mul_2exp(r, r, 1);
	mpz_abs(r, r);
	if (mpz_cmp(r, d) >= 0) {
		if (mpz_sgn(n) < 0)
			mpz_sub_ui(q, q, 1);
		else
			mpz_add_ui(q, q, 1);
	}
	mpz_ui_pow_ui(d, 10, (unsigned long)(DEC_SCALE - places));
	mpz_mul(q, q, d);
	if (mpz_fits_slong_p(q) && sizeof(long) >= sizeof(dec))
		*out = (dec)mpz_get_si(q);
	else
		rc = -1;
	mpz_clears(n, d, q, r, NULL);
	return rc;
}

int formula_eval(const struct formula *f, formula_lookup_fn lookup, void *ctx, int places,
                 dec *out, struct kfq_err *err)
{
	return formula_eval_per(f, lookup, ctx, DEC_ONE, 0, places, out, err);
}

int formula_eval_per(const struct formula *f, formula_lookup_fn lookup, void *ctx, dec per,
                     int shift, int places, dec *out, struct kfq_err *err)
{
	char quoted[FORMULA_QUOTE + 8];
	mpq_t x, y;
	mpz_t p;
	int rc;

	formula_quote(f->text, quoted, sizeof quoted);
	mpq_init(x);
	rc = formula_run(f, lookup, ctx, x, err);
	if (rc == 0 && per == 0) {
		kfq_error(err, "formula \"%s\": division by zero", quoted);
		rc = 1;
	}
	if (rc == 0 && (per != DEC_ONE || shift != 0)) {
		/* x ÷ (per / 10^DEC_SCALE × 10^shift) */
		mpq_init(y);
		mpz_init(p);
		formula_q_dec(y, per);
		if (shift < -40 || shift > 40)
			shift = shift < 0 ? -40 : 40;
		mpz_ui_pow_ui(p, 10, (unsigned long)(shift < 0 ? -shift : shift));
		if (shift < 0)
			mpz_mul(mpq_denref(y), mpq_denref(y), p);
		else
			mpz_mul(mpq_numref(y), mpq_numref(y), p);
		mpq_canonicalize(y);
		mpq_div(x, x, y);
		mpz_clear(p);
		mpq_clear(y);
	}
	if (rc == 0 && formula_round(x, places, out) < 0) {
		/* the integer part, in the base unit: GMP allocates it with malloc */
		char *whole;
		mpz_t q;
		mpz_init(q);
		mpz_tdiv_q(q, mpq_numref(x), mpq_denref(x));
		whole = mpz_get_str(NULL, 10, q);
		kfq_error(err, "formula \"%s\": the result (%.40s%s in the base unit) does not fit "
		          "in kfq's exact figures (at most 922337203685477.5807)", quoted, whole,
		          strlen(whole) > 40 ? "..." : "");
		free(whole);
		mpz_clear(q);
		rc = -1;
	}
	mpq_clear(x);
	return rc;
}

int formula_places(int decimals, int shift)
{
	int p = decimals - shift;
	return p > DEC_SCALE ? DEC_SCALE : p;
}
