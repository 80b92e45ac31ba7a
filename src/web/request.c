/* request.c: reading a request as every handler does (see http.h): its
 * query parameters (a switch, a period, a page; a change's parameter its
 * route does not take), headers, language (?lang=, else Accept-Language by
 * its weights) and JSON body (an object of known fields only), each
 * refusal a 400 naming what was wrong. The route table and the checks
 * before a handler are route.c's. */
#include "web/http.h"
#include "web/mhd_lib.h"
#include "base/period.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *web_query(const struct web_req *q, const char *name)
{
	return mhd.MHD_lookup_connection_value(q->conn, MHD_GET_ARGUMENT_KIND, name);
}

const char *web_header(const struct web_req *q, const char *name)
{
	return mhd.MHD_lookup_connection_value(q->conn, MHD_HEADER_KIND, name);
}

const char *web_text(const struct web_req *q, const char *zh, const char *en)
{
	return q->cx.lang == KFQ_EN ? en : zh;
}

const char *web_err_text(const struct web_req *q, const struct kfq_err *err)
{
	return kfq_err_msg(err, q->cx.lang);
}

/* Whether word w is one of the space-separated list's. */
static int takes_word(const char *list, const char *w)
{
	size_t n = strlen(w);
	for (const char *p = list; (p = strstr(p, w)); p += n)
		if ((p == list || p[-1] == ' ') && (p[n] == ' ' || !p[n]))
			return 1;
	return 0;
}

/* The language a language tag names (zh-CN, en-US, ZH …): KFQ_ZH or
 * KFQ_EN, -1 for another. */
static int tag_language(const char *tag, size_t n)
{
	size_t primary = 0;
	while (primary < n && tag[primary] != '-' && tag[primary] != '_')
		primary++;
	if (primary == 2 && strncasecmp(tag, "zh", 2) == 0)
		return KFQ_ZH;
	if (primary == 2 && strncasecmp(tag, "en", 2) == 0)
		return KFQ_EN;
	return -1;
}

/* Accept-Language's choice between Chinese and English: the one of the
 * higher weight (q=, 1 when not given; the first on a tie), Chinese when
 * it names neither ("fr", "*"). */
static int accept_language(const char *h)
{
	int best = KFQ_ZH;
	double best_q = 0;
	while (h && *h) {
		const char *end = h + strcspn(h, ",");
		size_t n;
		double w = 1;
		int lang;
		while (h < end && (*h == ' ' || *h == '\t'))
			h++;
		n = strcspn(h, ";, \t");
		if (n > (size_t)(end - h))
			n = (size_t)(end - h);
		for (const char *p = h + n; p < end; p++)
			if (p[0] == ';') {
				const char *v = p + 1;
				while (*v == ' ')
					v++;
				if ((v[0] == 'q' || v[0] == 'Q') && v[1] == '=')
					w = strtod(v + 2, NULL);
			}
		lang = tag_language(h, n);
		if (lang >= 0 && w > best_q && w <= 1) {
			best = lang;
			best_q = w;
		}
		h = *end ? end + 1 : end;
	}
	return best;
}

int web_language(struct web_req *q)
{
	const char *l = web_query(q, "lang");
	int lang = l ? tag_language(l, strlen(l)) : -1;
	if (lang >= 0) {
		q->cx.lang = lang;
		return 0;
	}
	q->cx.lang = accept_language(web_header(q, "Accept-Language"));
	return l ? -1 : 0;
}

int web_query_flag(struct web_req *q, struct web_res *r, const char *name, int *on)
{
	const char *v = web_query(q, name);
	*on = 0;
	if (!v)
		return 0;
	if (strcmp(v, "1") == 0 || strcmp(v, "true") == 0) {
		*on = 1;
		return 0;
	}
	if (strcmp(v, "0") == 0 || strcmp(v, "false") == 0)
		return 0;
	web_error_field(r, 400, name, "%s: \"%s\" %s", name, v,
	                web_text(q, "不是开关值（应为 1、true、0 或 false）",
	                         "is not a switch (expected 1, true, 0 or false)"));
	return -1;
}

/* A query parameter of a change that its route does not take (?dryrun=1
 * for ?dry_run=1): the first such name, or NULL. */
struct arg_check {
	const char *takes;       /* the route's, space-separated */
	const char *unknown;
};

static enum MHD_Result check_arg(void *cls, enum MHD_ValueKind kind, const char *key,
                                 const char *value)
{
	struct arg_check *a = cls;
	(void)kind;
	(void)value;
	if (!key || !*key || strcmp(key, "lang") == 0 || takes_word(a->takes, key))
		return MHD_YES;
	a->unknown = key;
	return MHD_NO;
}

int web_query_taken(struct web_req *q, struct web_res *r, const char *takes)
{
	struct arg_check a = { takes, NULL };
	mhd.MHD_get_connection_values(q->conn, MHD_GET_ARGUMENT_KIND, check_arg, &a);
	if (!a.unknown)
		return 0;
	if (*takes)
		web_error_field(r, 400, a.unknown, "%s \"%s\" (%s: %s)",
		                web_text(q, "未知的查询参数", "unknown query parameter"), a.unknown,
		                web_text(q, "此地址接受", "this address takes"), takes);
	else
		web_error_field(r, 400, a.unknown, "%s \"%s\" (%s)",
		                web_text(q, "未知的查询参数", "unknown query parameter"), a.unknown,
		                web_text(q, "此地址不接受查询参数", "this address takes none"));
	return -1;
}

int web_body_keys(struct web_req *q, struct web_res *r, json_t *o, const char *keys,
                  const char *where)
{
	const char *key;
	json_t *v;
	json_object_foreach(o, key, v) {
		if (takes_word(keys, key))
			continue;
		/* a misspelt field ("mesure") would be left out, and the value
		 * taken in the indicator's own measure */
		web_error_field(r, 400, key, "%s%s%s \"%s\" (%s: %s)", where ? where : "",
		                where ? ": " : "", web_text(q, "未知的字段", "unknown field"), key,
		                web_text(q, "应为", "expected"), keys);
		return -1;
	}
	return 0;
}

/* 0 when each of keys (space-separated) that object o has is a string (or
 * null: none); -1 with 400 into r naming the first that is not. */
static int body_texts(struct web_req *q, struct web_res *r, json_t *o, const char *keys)
{
	const char *key;
	json_t *v;
	json_object_foreach(o, key, v) {
		if (!takes_word(keys, key) || json_is_string(v) || json_is_null(v))
			continue;
		/* ({"note": 5} was taken for no note, {"dept": 1} for none) */
		web_error_field(r, 400, key, "%s: %s", key,
		                web_text(q, "须为字符串（加引号的文字）", "expected a string (text in quotes)"));
		return -1;
	}
	return 0;
}

int web_body_object(struct web_req *q, struct web_res *r, const char *texts, const char *others,
                    json_t **out)
{
	char keys[512];
	json_error_t je;
	const char *type = web_header(q, "Content-Type");
	/* a form on another site cannot send JSON without asking first (CORS) */
	if (!type || strncmp(type, "application/json", 16) != 0) {
		web_error(r, 415, "%s", web_text(q, "请求体须为 JSON (Content-Type: application/json)",
		                                 "the body must be JSON (Content-Type: application/json)"));
		return -1;
	}
	*out = json_loadb(q->body ? q->body : "", q->body_len, JSON_REJECT_DUPLICATES, &je);
	if (!*out) {
		web_error(r, 400, "malformed JSON at line %d, column %d: %s", je.line, je.column,
		          je.text);
		return -1;
	}
	if (!json_is_object(*out)) {
		json_decref(*out);
		web_error(r, 400, "%s", web_text(q, "请求体须为 JSON 对象 {…}",
		                                 "the body must be a JSON object {…}"));
		return -1;
	}
	snprintf(keys, sizeof keys, "%s%s%s", texts, *texts && *others ? " " : "", others);
	if (web_body_keys(q, r, *out, keys, NULL) < 0 || body_texts(q, r, *out, texts) < 0) {
		json_decref(*out);
		return -1;
	}
	return 0;
}

static int number_param(struct web_req *q, struct web_res *r, const char *name, size_t dflt,
                        size_t max, size_t *out)
{
	const char *s = web_query(q, name);
	char *end;
	unsigned long long v;
	*out = dflt;
	if (!s)
		return 0;
	v = strtoull(s, &end, 10);
	if (!*s || *end || *s == '-' || v < 1 || v > max) {
		web_error_field(r, 400, name, "%s: \"%s\": expected a whole number from 1 to %zu", name,
		                s, max);
		return -1;
	}
	*out = (size_t)v;
	return 0;
}

int web_period(struct web_req *q, struct web_res *r, int need, struct period *p)
{
	struct kfq_err err = { 0 };
	const char *s = web_query(q, "period");
	memset(p, 0, sizeof *p);
	if (!s) {
		if (need)
			web_error_field(r, 400, "period", "period: %s (%s)",
			                web_text(q, "须给出期间", "required"), PERIOD_FORMS);
		return need ? -1 : 0;
	}
	if (period_parse(s, p, &err) < 0) {
		kfq_err_set_field(&err, "period");
		web_fail(q, r, &err);
		return -1;
	}
	return 0;
}

int web_page(struct web_req *q, struct web_res *r, size_t *page, size_t *per_page)
{
	if (number_param(q, r, "page", 1, 1000000, page) < 0 ||
	    number_param(q, r, "per_page", 100, 1000, per_page) < 0)
		return -1;
	return 0;
}

void web_etag_value(const char *h, char *out, size_t n)
{
	size_t len;
	if (strncmp(h, "W/", 2) == 0)
		h += 2;
	len = strlen(h);
	if (len >= 2 && h[0] == '"' && h[len - 1] == '"')
		snprintf(out, n, "%.*s", (int)(len - 2), h + 1);
	else
		snprintf(out, n, "%s", h);
}
