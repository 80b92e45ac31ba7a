/* forms.c: /api/v1/forms/{unit}/{period}: a month's form of one unit (an
 * enterprise's 月报): its values read with their versions, last year's same
 * period beside them, and written together, all or nothing, through io/entry.h. A value someone changed
 * since it was read refuses the whole form with 409, listing each such
 * value with both versions of it. */
#include "web/http.h"
#include "base/period.h"
#include "base/xalloc.h"
#include "io/entry.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FORM_MAX 200

/* The unit of the path inside the account's subtree; its indicators. */
static int form_scope(struct web_req *q, struct web_res *r, const struct kfq_model **m)
{
	struct kfq_err err = { 0 };
	if (!(*m = model_get(q->db, &err)))
		return web_fail(q, r, &err), -1;
	if (web_unit(q, r, *m, q->params[0]) < 0) {
		model_put(*m);
		return -1;
	}
	return 0;
}

/* ?indicators=a,b: each a known indicator that takes data (not one computed
 * from its formula); else 400 into r naming it. 0 or -1. */
static int listed_fields(struct web_req *q, struct web_res *r, const struct kfq_model *m,
                         const char *want)
{
	for (const char *p = want; *p;) {
		size_t n = strcspn(p, ",");
		char code[128];
		long i;
		snprintf(code, sizeof code, "%.*s", (int)(n < sizeof code ? n : sizeof code - 1), p);
		i = *code ? indicators_find(&m->inds, code) : -1;
		if (i < 0)
			return web_error_field(r, 400, "indicators", "indicators: %s \"%s\"",
			                       web_text(q, "未知的指标", "unknown indicator"), code), -1;
		if (m->inds.v[i].formula)
			return web_error_field(r, 400, "indicators", "indicators: \"%s\" %s", code,
			                       web_text(q, "由公式计算，不在表中填报",
			                                "is computed from its formula: no form field")), -1;
		p += n;
		p += *p == ',';
	}
	return 0;
}

int web_form_get(struct web_req *q, struct web_res *r)
{
	struct kfq_err err = { 0 };
	const struct kfq_model *m;
	const char *want = web_query(q, "indicators");
	json_t *values;
	char value[64], version[ENTRY_VERSION_MAX], prior[64], pversion[ENTRY_VERSION_MAX];
	char last_year[32];
	struct period ly;

	if (form_scope(q, r, &m) < 0)
		return 0;
	/* the same period last year, whose value the form shows beside each field */
	if (period_parse(q->params[1], &ly, &err) < 0) {
		model_put(m);
		kfq_err_set_field(&err, "period");
		return web_fail(q, r, &err);
	}
	if (want && listed_fields(q, r, m, want) < 0) {
		model_put(m);
		return 0;
	}
	ly.year--;
	/* (the first year kfq knows has none before it: 1900-01's asked for 1899-01) */
	if (ly.year >= PERIOD_YEAR_MIN)
		period_format(&ly, last_year, sizeof last_year);
	else
		last_year[0] = '\0';
	values = json_array();
	for (size_t i = 0; i < m->inds.n; i++) {
		const struct indicator *d = &m->inds.v[i];
		json_t *o;
		if (want) {
			/* the listed ones: a comma-separated list of codes */
			const char *p = strstr(want, d->code);
			size_t n = strlen(d->code);
			int listed = 0;
			for (; p && !listed; p = strstr(p + 1, d->code))
				listed = (p == want || p[-1] == ',') && (p[n] == ',' || p[n] == '\0');
			if (!listed)
				continue;
		} else if (!d->headline || d->formula) {
			continue;   /* by default: the headline indicators that take data */
		}
		prior[0] = '\0';
		if (entry_get(q->db, q->params[0], d->code, q->params[1], value, sizeof value, version,
		              &err) < 0 ||
		    (last_year[0] && entry_get(q->db, q->params[0], d->code, last_year, prior,
		                               sizeof prior, pversion, &err) < 0)) {
			json_decref(values);
			model_put(m);
			return web_fail(q, r, &err);
		}
		o = json_pack("{s:s, s:s, s:s, s:s}", "indicator", d->code, "name",
		              web_text(q, d->name_zh, d->name_en), "measure", d->measure->name,
		              "version", version);
		json_object_set_new(o, "value", value[0] ? json_string(value) : json_null());
		json_object_set_new(o, "prior", prior[0] ? json_string(prior) : json_null());
		json_array_append_new(values, o);
	}
	model_put(m);
	return web_json(r, 200, json_pack("{s:s, s:s, s:o}", "unit", q->params[0], "period",
	                                  q->params[1], "values", values));
}

/* A field of item k that must be a string (or absent when optional). */
static int field(json_t *item, const char *key, int need, const char **out)
{
	json_t *v = json_object_get(item, key);
	*out = json_string_value(v);
	return (v && !*out) || (need && !*out) ? -1 : 0;
}

int web_form_put(struct web_req *q, struct web_res *r)
{
	struct kfq_err err = { 0 };
	struct entry_req *items = NULL;
	struct entry_res *res = NULL;
	const struct kfq_model *m;
	json_t *body, *vals, *out;
	size_t n, bad;

	if (form_scope(q, r, &m) < 0)
		return 0;
	model_put(m);
	if (web_body_object(q, r, "", "values", &body) < 0)
		return 0;
	vals = json_object_get(body, "values");
	n = json_array_size(vals);
	if (!json_is_array(vals) || n == 0 || n > FORM_MAX) {
		json_decref(body);
		return web_error_field(r, 400, "values",
		                       "values: expected an array of 1 to %d values "
		                       "({\"indicator\", \"value\", \"measure\"?, \"version\"})", FORM_MAX);
	}
	items = xcalloc(n, sizeof *items);
	res = xcalloc(n, sizeof *res);
	for (size_t k = 0; k < n; k++) {
		json_t *it = json_array_get(vals, k);
		const char *ind, *val, *meas, *ver, *note;
		if (!json_is_object(it) || field(it, "indicator", 1, &ind) < 0 ||
		    field(it, "value", 1, &val) < 0 || field(it, "measure", 0, &meas) < 0 ||
		    field(it, "version", 1, &ver) < 0 || field(it, "note", 0, &note) < 0 ||
		    (note && strlen(note) > NOTE_MAX)) {
			web_error_field(r, 400, "values",
			                "values[%zu]: expected {\"indicator\", \"value\" (a number as a "
			                "string, so that it is exact), \"measure\"?, \"version\" (as read, or "
			                "\"*\"), \"note\"? (why, at most %d bytes)}, all strings", k, NOTE_MAX);
			goto out;
		}
		{
			char where[32];
			snprintf(where, sizeof where, "values[%zu]", k);
			if (web_body_keys(q, r, it, "indicator value measure version note", where) < 0)
				goto out;
		}
		for (size_t j = 0; j < k; j++)
			if (strcmp(items[j].indicator, ind) == 0) {
				/* once each, as a file gives each key once */
				web_error_field(r, 400, "values",
				                "values[%zu]: %s %s values[%zu])", k, ind,
				                web_text(q, "重复给出（首次见于", "is given twice (first in"), j);
				goto out;
			}
		items[k] = (struct entry_req){ q->params[0], ind, q->params[1], val, meas,
		                               strcmp(ver, "*") == 0 ? NULL : ver, "web",
		                               note && *note ? note : NULL,
		                               account_can(&q->account, RIGHT_SETUP) };
	}
	if (entry_put_form(q->db, &q->cx, items, n, res, &bad, &err) == 0) {
		out = json_array();
		for (size_t k = 0; k < n; k++) {
			json_t *o = json_pack("{s:s, s:s, s:s}", "indicator",
				items[k].indicator, "result", res[k].put == PUT_SAME ? "unchanged"
				: res[k].put == PUT_ADDED ? "added" : "changed", "version", res[k].version);
			if (res[k].warnings)   /* failed warning rules, kept as open findings */
				json_object_set_new(o, "warning", json_string(res[k].warning));
			json_array_append_new(out, o);
		}
		web_json(r, 200, json_pack("{s:s, s:s, s:o}", "unit", q->params[0], "period",
		                           q->params[1], "results", out));
	} else if (bad == n && err.kind == KFQ_EUSER) {
		json_t *conf = json_array();
		for (size_t k = 0; k < n; k++)
			if (res[k].conflict) {
				json_t *c = json_pack("{s:s, s:s, s:s}", "indicator", items[k].indicator,
				                      "yours", res[k].yours, "version", res[k].version);
				json_object_set_new(c, "stored", res[k].stored[0] ? json_string(res[k].stored)
				                                                  : json_null());
				json_array_append_new(conf, c);
			}
		web_json(r, 409, json_pack("{s:{s:i, s:s, s:o}}", "error", "status", 409, "message",
		                           web_err_text(q, &err), "conflicts", conf));
	} else {
		if (bad < n)
			kfq_err_prefix(&err, "values[%zu] (%s)", bad, items[bad].indicator);
		web_fail(q, r, &err);
	}
out:
	free(items);
	free(res);
	json_decref(body);
	return 0;
}
