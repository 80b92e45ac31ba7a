/* opt.c: parsing a command's options from its table, and the help
 * generated from the same table (see opt.h). Depends on base only. */
#include "cli/opt.h"
#include "base/msg.h"
#include "base/sbuf.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* ---- did you mean ---- */

/* The Damerau–Levenshtein (optimal string alignment) distance of a and b,
 * by bytes; capped at 64 characters. */
static size_t distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	size_t d[65][65];
	if (la > 64)
		la = 64;
	if (lb > 64)
		lb = 64;
	for (size_t i = 0; i <= la; i++)
		d[i][0] = i;
	for (size_t j = 0; j <= lb; j++)
		d[0][j] = j;
	for (size_t i = 1; i <= la; i++)
		for (size_t j = 1; j <= lb; j++) {
			size_t cost = a[i - 1] != b[j - 1];
			size_t v = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < v)
				v = d[i][j - 1] + 1;
			if (d[i - 1][j - 1] + cost < v)
				v = d[i - 1][j - 1] + cost;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    d[i - 2][j - 2] + 1 < v)
				v = d[i - 2][j - 2] + 1;
			d[i][j] = v;
		}
	return d[la][lb];
}

const char *opt_closest(const char *s, const char *const *names, size_t n)
{
	const char *best = NULL;
	size_t bestd = (size_t)-1, limit = strlen(s) / 3;
	if (limit < 2)
		limit = 2;
	for (size_t i = 0; i < n; i++) {
		size_t d;
		if (!names[i])
			continue;
		d = distance(s, names[i]);
		if (d < bestd) {
			bestd = d;
			best = names[i];
		}
	}
	return bestd <= limit ? best : NULL;
}

/* ---- the table ---- */

static int nopts(const struct optcmd *c)
{
	int n = 0;
	while (c->opts[n].name)
		n++;
	return n;
}

static int find_opt(const struct optcmd *c, const char *name, size_t len)
{
	for (int i = 0; c->opts[i].name; i++)
		if (strlen(c->opts[i].name) == len && strncmp(c->opts[i].name, name, len) == 0)
			return i;
	return -1;
}

static int nsubs(const struct optcmd *c)
{
	int n = 0;
	while (c->subs && c->subs[n].name)
		n++;
	return n;
}

/* An option name of a subdef without its "!" (required) mark. */
static const char *bare(const char *name)
{
	return name[0] == '!' ? name + 1 : name;
}

static int sub_takes(const struct subdef *s, const char *opt)
{
	for (int k = 0; k < 16 && s->opts[k]; k++)
		if (strcmp(bare(s->opts[k]), opt) == 0)
			return 1;
	return 0;
}

/* "a, b, c" (or "a or b") from a NULL-terminated list. */
static void list_of(struct sbuf *sb, const char *const *v, const char *prefix)
{
	size_t n = 0;
	while (v[n])
		n++;
	for (size_t i = 0; i < n; i++)
		sbuf_addf(sb, "%s%s%s", i == 0 ? "" : n == 2 ? " or " : ", ", prefix, v[i]);
}

static int unknown_option(const struct optcmd *c, const char *sub, const char *name,
                          struct kfq_err *err)
{
	const char *names[OPT_MAX];
	int n = nopts(c);
	const char *near;
	for (int i = 0; i < n && i < OPT_MAX; i++)
		names[i] = c->opts[i].name;
	near = opt_closest(name, names, (size_t)(n < OPT_MAX ? n : OPT_MAX));
	if (near)
		return kfq_error(err, "%s%s%s: unknown option --%s (did you mean --%s?)", c->name,
		                 sub ? " " : "", sub ? sub : "", name, near);
	return kfq_error(err, "%s%s%s: unknown option --%s (see kfq %s --help)", c->name,
	                 sub ? " " : "", sub ? sub : "", name, c->name);
}

/* Store value into args for option k; -1 with the option, the value and
 * what was expected. */
static int store(const struct optcmd *c, const char *who, int k, const char *value, void *args,
                 struct kfq_err *err)
{
	const struct optdef *o = &c->opts[k];
	char *at = (char *)args + o->off;

	switch (o->type) {
	case OPT_FLAG:
		*(int *)at = 1;
		return 0;
	case OPT_TEXT:
		if (!*value)
			return kfq_error(err, "%s: --%s: the value is empty (expected %s)", c->name,
			                 o->name, o->arg);
		*(const char **)at = value;
		return 0;
	case OPT_INT: {
		char *end;
		long v;
		errno = 0;
		v = strtol(value, &end, 10);
		if (errno || end == value || *end || v < 0)
			return kfq_error(err, "%s: --%s: \"%s\" is not a whole number (expected %s, 0 or "
			                 "more)", who, o->name, value, o->arg);
		*(long *)at = v;
		return 0;
	}
	case OPT_DATE:
		if (date_parse(value, (struct date *)at, err) < 0)
			return kfq_err_prefix(err, "%s: --%s", who, o->name);
		return 0;
	case OPT_PERIOD:
		if (period_parse(value, (struct period *)at, err) < 0)
			return kfq_err_prefix(err, "%s: --%s", who, o->name);
		return 0;
	case OPT_CHOICE:
		for (int i = 0; o->choices[i]; i++)
			if (strcmp(value, o->choices[i]) == 0 ||
			    (o->choices_zh && strcmp(value, o->choices_zh[i]) == 0)) {
				*(int *)at = i;
				return 0;
			}
		{
			struct sbuf sb;
			size_t n = 0;
			const char *near;
			sbuf_init(&sb);
			list_of(&sb, o->choices, "");
			if (o->choices_zh) {
				sbuf_addf(&sb, "; or ");
				list_of(&sb, o->choices_zh, "");
			}
			while (o->choices[n])
				n++;
			near = opt_closest(value, o->choices, n);
			if (near)
				kfq_error(err, "%s: --%s: \"%s\" is not one of %s (did you mean %s?)", who,
				          o->name, value, sb.buf, near);
			else
				kfq_error(err, "%s: --%s: \"%s\" is not one of %s", who, o->name, value,
				          sb.buf);
			sbuf_release(&sb);
			return -1;
		}
	}
	return kfq_fault(err, "%s: --%s: unknown option type", who, o->name);
}

/* Option k given to subcommand s, which does not take it. */
static int not_taken(const struct optcmd *c, const struct subdef *s, int k, struct kfq_err *err)
{
	struct sbuf sb;
	sbuf_init(&sb);
	for (int j = 0; j < 16 && s->opts[j]; j++)
		sbuf_addf(&sb, "%s--%s", j ? ", " : "", bare(s->opts[j]));
	kfq_error(err, "%s %s: --%s does not apply (it takes %s)", c->name, s->name, c->opts[k].name,
	          s->opts[0] ? sb.buf : "no options");
	sbuf_release(&sb);
	return -1;
}

/* The subcommand named by the first positional argument: its index, or -1
 * with a message naming the valid ones and the closest. */
static int find_sub(const struct optcmd *c, const char *name, struct kfq_err *err)
{
	const char *names[32];
	int n = nsubs(c);
	struct sbuf sb;
	const char *near;

	for (int i = 0; i < n; i++) {
		if (strcmp(c->subs[i].name, name) == 0)
			return i;
		if (i < 32)
			names[i] = c->subs[i].name;
	}
	sbuf_init(&sb);
	for (int i = 0; i < n; i++)
		sbuf_addf(&sb, "%s%s", i == 0 ? "" : i + 1 == n ? " or " : ", ", c->subs[i].name);
	near = opt_closest(name, names, (size_t)(n < 32 ? n : 32));
	if (near)
		kfq_error(err, "%s: unknown subcommand \"%s\" (did you mean %s? expected %s)", c->name,
		          name, near, sb.buf);
	else
		kfq_error(err, "%s: unknown subcommand \"%s\" (expected %s; see kfq %s --help)",
		          c->name, name, sb.buf, c->name);
	sbuf_release(&sb);
	return -1;
}

/* How many positional arguments subcommand s takes: its posarg's words,
 * those in [brackets] optional, one ending in … or ... any number. */
static void sub_pos(const struct subdef *s, int *min, int *max)
{
	const char *p = s->posarg;
	*min = *max = 0;
	while (p && *p) {
		size_t n = strcspn(p, " ");
		if (*p != '[')
			(*min)++;
		(*max)++;
		if ((n >= 3 && memcmp(p + n - 3, "...", 3) == 0) ||
		    (n >= 3 && memcmp(p + n - 3, "\xe2\x80\xa6", 3) == 0))
			*max = POS_MAX;
		p += n;
		p += strspn(p, " ");
	}
}

static int sub_max_pos(const struct subdef *s)
{
	int lo, hi;
	sub_pos(s, &lo, &hi);
	return hi;
}

static int sub_min_pos(const struct subdef *s)
{
	int lo, hi;
	sub_pos(s, &lo, &hi);
	return lo;
}

int opt_parse(const struct optcmd *c, int argc, char **argv, void *args, FILE *out,
              int zh, struct kfq_err *err)
{
	struct cli_args *h = args;
	int help = 0, n = nopts(c);
	const char *subname = NULL;
	char who[64];   /* "project list", for the messages */

	if (n > OPT_MAX || n > 64)
		return kfq_fault(err, "%s: the option table has %d options (at most %d)", c->name, n,
		                 OPT_MAX);
	h->npos = 0;
	h->sub = -1;
	h->given = 0;
	snprintf(who, sizeof who, "%s", c->name);
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			help = 1;
			continue;
		}
		if (strncmp(a, "--", 2) == 0 && a[2]) {
			const char *eq = strchr(a, '=');
			size_t len = eq ? (size_t)(eq - a - 2) : strlen(a + 2);
			int k = find_opt(c, a + 2, len);
			const char *value;
			if (k < 0) {
				char name[64];
				snprintf(name, sizeof name, "%.*s", (int)len, a + 2);
				return unknown_option(c, subname, name, err);
			}
			if (h->sub >= 0 && !sub_takes(&c->subs[h->sub], c->opts[k].name))
				return not_taken(c, &c->subs[h->sub], k, err);
			if (c->opts[k].type == OPT_FLAG) {
				if (eq)
					return kfq_error(err, "%s: --%s takes no value", c->name,
					                 c->opts[k].name);
				value = "";
			} else if (eq) {
				value = eq + 1;
			} else if (i + 1 < argc) {
				value = argv[++i];
			} else {
				return kfq_error(err, "%s: --%s needs a value (%s)", who, c->opts[k].name,
				                 c->opts[k].arg);
			}
			if (store(c, who, k, value, args, err) < 0)
				return -1;
			h->given |= (uint64_t)1 << k;
			continue;
		}
		if (c->subs && h->sub < 0 && !help) {
			if ((h->sub = find_sub(c, a, err)) < 0)
				return -1;
			subname = c->subs[h->sub].name;
			snprintf(who, sizeof who, "%s %s", c->name, subname);
			continue;
		}
		if (c->subs && h->sub < 0)
			continue;   /* --help on a command with a misspelt subcommand */
		if (h->npos == POS_MAX ||
		    h->npos >= (c->subs ? sub_max_pos(&c->subs[h->sub]) : c->max_pos)) {
			if (c->subs)
				return kfq_error(err, "%s %s: unexpected argument \"%s\" (usage: kfq %s %s%s%s)",
				                 c->name, subname, a, c->name, subname,
				                 c->subs[h->sub].posarg ? " " : "",
				                 c->subs[h->sub].posarg ? c->subs[h->sub].posarg : "");
			return kfq_error(err, "%s: unexpected argument \"%s\" (usage: kfq %s %s)", c->name,
			                 a, c->name, c->usage);
		}
		h->pos[h->npos++] = a;
	}
	if (help) {
		opt_help(c, h->sub, zh, out);
		return 1;
	}
	if (c->subs) {
		const struct subdef *s;
		if (h->sub < 0) {
			struct sbuf sb;
			sbuf_init(&sb);
			for (int i = 0; i < nsubs(c); i++)
				sbuf_addf(&sb, "%s%s", i == 0 ? "" : i + 1 == nsubs(c) ? " or " : ", ",
				          c->subs[i].name);
			kfq_error(err, "%s: missing subcommand (expected %s; see kfq %s --help)", c->name,
			          sb.buf, c->name);
			sbuf_release(&sb);
			return -1;
		}
		s = &c->subs[h->sub];
		if (s->posarg && h->npos < sub_min_pos(s))
			return kfq_error(err, "%s %s: missing argument (usage: kfq %s %s %s)", c->name,
			                 s->name, c->name, s->name, s->posarg);
		for (int k = 0; k < n; k++)
			if ((h->given & ((uint64_t)1 << k)) && !sub_takes(s, c->opts[k].name))
				return not_taken(c, s, k, err);
		for (int j = 0; j < 16 && s->opts[j]; j++) {
			int k = find_opt(c, bare(s->opts[j]), strlen(bare(s->opts[j])));
			if (s->opts[j][0] == '!' && k >= 0 && !(h->given & ((uint64_t)1 << k)))
				return kfq_error(err, "%s: --%s is required (%s%s%s)", who, c->opts[k].name,
				                 c->opts[k].arg, c->opts[k].type == OPT_PERIOD ? ": " : "",
				                 c->opts[k].type == OPT_PERIOD ? PERIOD_FORMS : "");
		}
		return 0;
	}
	if (h->npos < c->min_pos)
		return kfq_error(err, "%s: missing argument (usage: kfq %s %s)", c->name, c->name,
		                 c->usage);
	return 0;
}

int opt_given(const struct optcmd *c, const void *args, const char *name)
{
	const struct cli_args *h = args;
	int k = find_opt(c, name, strlen(name));
	return k >= 0 && (h->given & ((uint64_t)1 << k)) != 0;
}

/* ---- help ---- */

/* The usage of subcommand s: "list [--status S] [--late] ...". */
static void sub_usage(const struct optcmd *c, const struct subdef *s, struct sbuf *sb)
{
	sbuf_addf(sb, "%s%s%s", s->name, s->posarg ? " " : "", s->posarg ? s->posarg : "");
	for (int j = 0; j < 16 && s->opts[j]; j++) {
		int k = find_opt(c, bare(s->opts[j]), strlen(bare(s->opts[j])));
		int req = s->opts[j][0] == '!';
		if (k < 0)
			continue;
		/* NBSP (\x01, printed as a space) keeps "[--unit CODE]" on one line */
		if (c->opts[k].arg)
			sbuf_addf(sb, " %s--%s\x01%s%s", req ? "" : "[", c->opts[k].name, c->opts[k].arg,
			          req ? "" : "]");
		else
			sbuf_addf(sb, " %s--%s%s", req ? "" : "[", c->opts[k].name, req ? "" : "]");
	}
}

#define NBSP '\x01'   /* a space the wrapping does not break at */

/* The columns a UTF-8 text takes on a terminal: Chinese (three-byte
 * sequences) two, ASCII one. */
static int width(const char *p, int len)
{
	int w = 0;
	for (int i = 0; i < len; i++) {
		unsigned char b = (unsigned char)p[i];
		if (b < 0x80)
			w++;
		else if (b >= 0xe0 && b < 0xf0)
			w += 2;
		else if (b >= 0xc0)
			w++;
	}
	return w;
}

/* The bytes of the UTF-8 character at p (1 for a stray byte). */
static int u8len(const char *p)
{
	unsigned char b = (unsigned char)*p;
	int n = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
	for (int i = 1; i < n; i++)
		if (((unsigned char)p[i] & 0xc0) != 0x80)
			return 1;
	return n;
}

/* Whether the character at p is Chinese text or its full-width
 * punctuation (U+3000 to U+9FFF, U+FF00 to U+FF5F): a line may break
 * before or after one, as Chinese is set, with no space between. */
static int cjk(const char *p)
{
	unsigned char a = (unsigned char)p[0], b = a ? (unsigned char)p[1] : 0;
	return (a >= 0xe3 && a <= 0xe9) || (a == 0xef && (b == 0xbc || b == 0xbd));
}

/* Whether a line may not begin with the character at p (closing
 * punctuation, Chinese or ASCII) or end with it (opening). */
static int closing(const char *p)
{
	static const char *const CL[] = { "，", "。", "、", "；", "：", "？", "！", "）", "」",
	                                  "』", "》", "〉", "】", NULL };
	if (strchr(",.;:!?)]", *p) && *p)
		return 1;
	for (int i = 0; CL[i]; i++)
		if (!strncmp(p, CL[i], strlen(CL[i])))
			return 1;
	return 0;
}

static int opening(const char *p)
{
	static const char *const OP[] = { "（", "「", "『", "《", "〈", "【", NULL };
	for (int i = 0; OP[i]; i++)
		if (!strncmp(p, OP[i], strlen(OP[i])))
			return 1;
	return 0;
}

/* The bytes of the piece at p that a line cannot break inside: an ASCII
 * word (up to a space or Chinese text), or one Chinese character; with
 * the opening punctuation before it and the closing after it. */
static int piece(const char *p)
{
	const char *q = p;
	while (opening(q))
		q += u8len(q);
	if (*q && cjk(q))
		q += u8len(q);
	else
		while (*q && *q != ' ' && !cjk(q))
			q += u8len(q);
	while (*q && *q != ' ' && closing(q))
		q += u8len(q);
	return q > p ? (int)(q - p) : u8len(p);
}

/* text wrapped at 78 columns, from column col, every line after the first
 * indented by indent spaces: at spaces, and between Chinese characters
 * (never before closing punctuation nor after opening). */
static void wrapped(FILE *out, const char *text, int col, int indent)
{
	int first = 1;
	for (const char *p = text; *p;) {
		int len, space = 0;
		while (*p == ' ') {
			p++;
			space = 1;
		}
		if (!*p)
			break;
		len = piece(p);
		if (!first) {
			if (col + space + width(p, len) > 78) {
				fprintf(out, "\n%*s", indent, "");
				col = indent;
			} else if (space) {
				fputc(' ', out);
				col++;
			}
		}
		for (int i = 0; i < len; i++)
			fputc(p[i] == NBSP ? ' ' : p[i], out);
		col += width(p, len);
		p += len;
		first = 0;
	}
	fputc('\n', out);
}

/* Whether the text p .. p+len is a list of subcommand names ("list, show")
 * that holds sub; *is_list says whether it is such a list at all. "steps"
 * stands for every subcommand whose summary starts "a step". */
static int names_sub(const struct optcmd *c, int sub, const char *p, size_t len, int *is_list)
{
	const char *end = p + len;
	int holds = 0;
	*is_list = 1;
	while (p < end) {
		size_t n = strcspn(p, ",");
		int known = 0;
		if (p + n > end)
			n = (size_t)(end - p);
		if (n == 5 && strncmp(p, "steps", 5) == 0) {
			known = 1;
			holds |= strncmp(c->subs[sub].summary, "a step", 6) == 0;
		}
		for (int i = 0; c->subs[i].name; i++)
			if (strlen(c->subs[i].name) == n && strncmp(c->subs[i].name, p, n) == 0) {
				known = 1;
				holds |= i == sub;
			}
		if (!known) {
			*is_list = 0;
			return 0;
		}
		p += n;
		while (p < end && (*p == ',' || *p == ' '))
			p++;
	}
	return holds;
}

/* The help of o into sb; for one subcommand's help (sub ≥ 0) only the
 * parts for it: "add: the campaign; stats: only its cases" is "the
 * campaign" for add. A part runs from a "names: " prefix to the next. */
static void help_text(const struct optcmd *c, int sub, const struct optdef *o, struct sbuf *sb)
{
	const char *p = o->help;
	int any = 0, keep = 1;   /* a part before any "names: " is for every subcommand */
	if (sub < 0 || !c->subs) {
		sbuf_adds(sb, o->help);
		return;
	}
	while (*p) {
		const char *semi = strstr(p, "; "), *colon = strstr(p, ": ");
		const char *end = semi ? semi : p + strlen(p);
		int is_list = 0, holds = 0;
		if (colon && colon < end)
			holds = names_sub(c, sub, p, (size_t)(colon - p), &is_list);
		if (is_list) {
			keep = holds;
			if (keep) {
				if (any)
					sbuf_adds(sb, "; ");
				sbuf_add(sb, colon + 2, (size_t)(end - colon - 2));
				any = 1;
			}
		} else if (keep) {
			/* a part with no prefix, or the continuation of a kept one */
			if (any)
				sbuf_adds(sb, "; ");
			sbuf_add(sb, p, (size_t)(end - p));
			any = 1;
		}
		p = semi ? semi + 2 : end;
	}
	if (!any)
		sbuf_adds(sb, o->help);
}

static void option_line(FILE *out, const struct optcmd *c, int sub, const struct optdef *o,
                        int zh)
{
	char left[64];
	struct sbuf sb;
	const char *t = zh && o->help ? msg_zh(o->help) : NULL;
	snprintf(left, sizeof left, "--%s%s%s", o->name, o->arg ? " " : "", o->arg ? o->arg : "");
	sbuf_init(&sb);
	if (t)
		sbuf_adds(&sb, t);   /* translated whole, for every subcommand */
	else
		help_text(c, sub, o, &sb);
	if (o->type == OPT_CHOICE) {
		sbuf_addf(&sb, " (");
		list_of(&sb, o->choices, "");
		if (o->choices_zh) {
			sbuf_addf(&sb, "; ");
			list_of(&sb, o->choices_zh, "");
		}
		sbuf_addf(&sb, ")");
	}
	if (strlen(left) > 22)
		fprintf(out, "  %s\n  %-22s ", left, "");
	else
		fprintf(out, "  %-22s ", left);
	wrapped(out, sb.buf, 25, 25);
	sbuf_release(&sb);
}

const char *opt_text(int zh, const char *text)
{
	const char *t = zh && text ? msg_zh(text) : NULL;
	return t ? t : text;
}

void opt_help(const struct optcmd *c, int sub, int zh, FILE *out)
{
	const char *usage = zh ? "用法：" : "usage: ";
	if (c->subs && sub >= 0) {
		const struct subdef *s = &c->subs[sub];
		struct sbuf sb;
		sbuf_init(&sb);
		sub_usage(c, s, &sb);
		fprintf(out, "%skfq [--db FILE] %s ", usage, c->name);
		wrapped(out, sb.buf, 24 + (int)strlen(c->name), 8);
		fprintf(out, "\n");
		wrapped(out, opt_text(zh, s->summary), 0, 0);
		sbuf_release(&sb);
		if (s->opts[0])
			fprintf(out, zh ? "\n选项：\n" : "\noptions:\n");
		for (int j = 0; j < 16 && s->opts[j]; j++) {
			int k = find_opt(c, bare(s->opts[j]), strlen(bare(s->opts[j])));
			if (k >= 0)
				option_line(out, c, sub, &c->opts[k], zh);
		}
		fprintf(out, "  %-22s %s\n", "--help", opt_text(zh, "show this help"));
		return;
	}
	if (c->subs)
		fprintf(out, "%skfq [--db FILE] %s SUBCOMMAND ...\n\n", usage, c->name);
	else
		fprintf(out, "%skfq [--db FILE] %s %s\n\n", usage, c->name, c->usage);
	wrapped(out, opt_text(zh, c->summary), 0, 0);
	if (c->subs) {
		if (zh)
			fprintf(out, "\n子命令（kfq %s 子命令 --help 查看其帮助）：\n", c->name);
		else
			fprintf(out, "\nsubcommands (kfq %s SUBCOMMAND --help for one):\n", c->name);
		for (int i = 0; c->subs[i].name; i++) {
			struct sbuf sb;
			sbuf_init(&sb);
			sub_usage(c, &c->subs[i], &sb);
			fprintf(out, "  ");
			wrapped(out, sb.buf, 2, 6);
			fprintf(out, "      ");
			wrapped(out, opt_text(zh, c->subs[i].summary), 6, 6);
			sbuf_release(&sb);
		}
	}
	fprintf(out, zh ? "\n选项：\n" : "\noptions:\n");
	for (int k = 0; c->opts[k].name; k++)
		option_line(out, c, -1, &c->opts[k], zh);
	fprintf(out, "  %-22s %s\n", "--help", opt_text(zh, "show this help"));
	if (c->more)
		fprintf(out, "\n%s", opt_text(zh, c->more));
	if (c->extra)
		c->extra(out, zh);
}
