/* ixstore_survey.c: the prosperity surveys' data in the store: validated
 * puts of surveys, their questions and the answers (see ixstore.h).
 * Depends on base, store. */
#include "index/ixstore_part.h"
#include "base/date.h"
#include "base/period.h"
#include "base/sbuf.h"
#include "base/xalloc.h"
#include "store/history.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- surveys ---- */

int ix_survey_put(struct kfq_db *db, const struct ix_survey_row *r, int *changed,
                  struct kfq_err *err)
{
	static const char SQL_GET[] = "SELECT name, weight FROM ix_survey WHERE code = ?";
	static const char SQL_PUT[] =
		"INSERT INTO ix_survey(code, name, weight) VALUES (?1, ?2, ?3) "
		"ON CONFLICT(code) DO UPDATE SET name = ?2, weight = ?3";
	struct kfq_stmt *st;
	int exists = 0, rc, step;
	char was_name[256] = "";
	dec w, was_w = 0;
	struct sbuf note;

	if (ixs_need("code", r->code, "a survey code", err) < 0 ||
	    ixs_need("name", r->name, "the survey's name", err) < 0)
		return -1;
	if (ixs_parse_amount("weight", r->weight, 0, 0, "the survey's weight in the overall index, > 0",
	                 &w, err) < 0)
		return -1;
	if (db_cached(db, SQL_GET, &st, err) < 0)
		return -1;
	st_bind_text(st, 1, r->code);
	if ((step = ixs_step(st, "reading surveys", err)) < 0)
		return -1;
	if (step == ST_ROW) {
		exists = 1;
		snprintf(was_name, sizeof was_name, "%s", st_text(st, 0));
		was_w = st_i64(st, 1);
	}
	st_reset(st);
	sbuf_init(&note);
	if (exists) {
		char a[48], b[48];
		ixs_note_diff(&note, "name", was_name, r->name);
		ixs_fmt_dec(was_w, a, sizeof a);
		ixs_fmt_dec(w, b, sizeof b);
		ixs_note_diff(&note, "weight", a, b);
	}
	*changed = !exists ? 1 : note.len ? 2 : 0;
	rc = 0;
	if (*changed) {
		rc = -1;
		if (db_cached(db, SQL_PUT, &st, err) < 0)
			goto out;
		st_bind_text(st, 1, r->code);
		st_bind_text(st, 2, r->name);
		st_bind_i64(st, 3, w);
		if (st_step(st) != ST_DONE) {
			db_fault(db, err, "writing a survey");
			st_reset(st);
			goto out;
		}
		st_reset(st);
		rc = 0;
	}
	if (*changed == 2)
		rc = ixs_history_changed(db, "survey", NULL, "survey", r->code, NULL, &note, err);
out:
	sbuf_release(&note);
	return rc;
}

static int parse_flag(const char *s, int *v, struct kfq_err *err)
{
	static const char *const yes[] = { "1", "yes", "y", "true", "是", NULL };
	static const char *const no[] = { "0", "no", "n", "false", "否", NULL };
	if (!ixs_nz(s)) {
		*v = 0;
		return 0;
	}
	for (int i = 0; yes[i]; i++)
		if (ixs_same_word(s, yes[i])) {
			*v = 1;
			return 0;
		}
	for (int i = 0; no[i]; i++)
		if (ixs_same_word(s, no[i])) {
			*v = 0;
			return 0;
		}
	return kfq_error_field(err, "inverted", "\"%s\" (expected 1 or 0, yes or no, 是 or 否)", s);
}

int ix_question_put(struct kfq_db *db, const struct ix_question_row *r, int *changed,
                    struct kfq_err *err)
{
	static const char SQL_SURVEY[] = "SELECT count(*) FROM ix_survey WHERE code = ?";
	static const char SQL_GET[] =
		"SELECT name, inverted, weight, seq FROM ix_question WHERE survey = ? AND code = ?";
	static const char SQL_PUT[] =
		"INSERT INTO ix_question(survey, code, name, inverted, weight, seq) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(survey, code) DO UPDATE SET name = ?3, "
		"inverted = ?4, weight = ?5, seq = ?6";
	struct kfq_stmt *st;
	int64_t n;
	int inv = 0, exists = 0, seq = 0, rc, step;
	char was_name[256] = "", was_inv[4] = "", now_inv[4];
	dec w, was_w = 0;
	struct sbuf note;

	if (ixs_need("survey", r->survey, "a survey code", err) < 0)
		return -1;
	if ((n = ixs_int_of(db, SQL_SURVEY, r->survey, err)) < 0)
		return -1;
	if (!n)
		return kfq_error_field(err, "survey", "unknown survey \"%s\" (expected a survey "
		                       "imported before; import surveys first)", r->survey);
	if (ixs_need("code", r->code, "a question code", err) < 0 ||
	    ixs_need("name", r->name, "the question's name", err) < 0)
		return -1;
	if (parse_flag(r->inverted, &inv, err) < 0)
		return -1;
	if (ixs_parse_amount("weight", r->weight, 0, 0, "the question's weight in the survey's "
	                 "composite, > 0", &w, err) < 0)
		return -1;
	if (db_cached(db, SQL_GET, &st, err) < 0)
		return -1;
	st_bind_text(st, 1, r->survey);
	st_bind_text(st, 2, r->code);
	if ((step = ixs_step(st, "reading survey questions", err)) < 0)
		return -1;
	if (step == ST_ROW) {
		exists = 1;
		snprintf(was_name, sizeof was_name, "%s", st_text(st, 0));
		snprintf(was_inv, sizeof was_inv, "%d", st_int(st, 1));
		was_w = st_i64(st, 2);
		seq = st_int(st, 3);
	}
	st_reset(st);
	snprintf(now_inv, sizeof now_inv, "%d", inv);
	sbuf_init(&note);
	if (exists) {
		char a[48], b[48];
		ixs_note_diff(&note, "name", was_name, r->name);
		ixs_note_diff(&note, "inverted", was_inv, now_inv);
		ixs_fmt_dec(was_w, a, sizeof a);
		ixs_fmt_dec(w, b, sizeof b);
		ixs_note_diff(&note, "weight", a, b);
	}
	*changed = !exists ? 1 : note.len ? 2 : 0;
	rc = 0;
	if (*changed || seq != r->seq) {
		rc = -1;
		if (db_cached(db, SQL_PUT, &st, err) < 0)
			goto out;
		st_bind_text(st, 1, r->survey);
		st_bind_text(st, 2, r->code);
		st_bind_text(st, 3, r->name);
		st_bind_int(st, 4, inv);
		st_bind_i64(st, 5, w);
		st_bind_int(st, 6, r->seq);
		if (st_step(st) != ST_DONE) {
			db_fault(db, err, "writing a survey question");
			st_reset(st);
			goto out;
		}
		st_reset(st);
		rc = 0;
	}
	if (*changed == 2)
		rc = ixs_history_changed(db, "survey-question", NULL, "question", r->survey, r->code,
		                         &note, err);
out:
	sbuf_release(&note);
	return rc;
}

int ix_answer_put(struct kfq_db *db, const struct ix_answer_row *r, int64_t import_id,
                  int *changed, struct kfq_err *err)
{
	/* the survey and its question known, in one query (a round trip each on
	   a server, for every answer), checked in the order of the columns */
	static const char SQL_KNOWN[] =
		"SELECT (SELECT count(*) FROM ix_survey WHERE code = ?1), "
		"(SELECT count(*) FROM ix_question WHERE survey = ?1 AND code = ?2)";
	static const char SQL_QS[] =
		"SELECT group_concat(code, ', ') FROM (SELECT code FROM ix_question WHERE survey = ? "
		"ORDER BY seq, code) q";
	static const char SQL_GET[] =
		"SELECT reply, weight FROM ix_answer WHERE survey = ? AND question = ? AND year = ? AND "
		"month = ? AND unit_id = ?";
	static const char SQL_PUT[] =
		"INSERT INTO ix_answer(survey, question, year, month, unit_id, reply, weight, import_id) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT(survey, question, year, month, "
		"unit_id) DO UPDATE SET reply = ?6, weight = ?7, import_id = ?8";
	struct kfq_stmt *st;
	int64_t survey_n, question_n, unit;
	int y, m, reply, exists = 0, has_w = ixs_nz(r->weight) != NULL, had_w = 0, step;
	char was_reply[16] = "";
	dec w = 0, was_w = 0;

	if (ixs_need("survey", r->survey, "a survey code", err) < 0)
		return -1;
	if (db_cached(db, SQL_KNOWN, &st, err) < 0)
		return -1;
	st_bind_text(st, 1, r->survey);
	st_bind_text(st, 2, r->question ? r->question : "");
	if ((step = ixs_step(st, "reading surveys", err)) < 0)
		return -1;
	survey_n = step == ST_ROW ? st_i64(st, 0) : 0;
	question_n = step == ST_ROW ? st_i64(st, 1) : 0;
	st_reset(st);
	if (!survey_n)
		return kfq_error_field(err, "survey", "unknown survey \"%s\" (expected a survey "
		                       "imported before; import surveys first)", r->survey);
	if (ixs_parse_month("period", r->period, &y, &m, err) < 0)
		return -1;
	if ((unit = ixs_reporter_id(db, "respondent", r->respondent, err)) < 0)
		return -1;
	if (ixs_need("question", r->question, "a question code of the survey", err) < 0)
		return -1;
	if (!question_n) {
		if (db_cached(db, SQL_QS, &st, err) < 0)
			return -1;
		st_bind_text(st, 1, r->survey);
		if (ixs_step(st, "reading survey questions", err) < 0)
			return -1;
		kfq_error_field(err, "question", "unknown question \"%s\" of survey \"%s\" "
		                "(expected one of: %s)", r->question, r->survey,
		                ixs_txt(st_text(st, 0)));
		st_reset(st);
		return -1;
	}
	if (ixs_need("reply", r->reply, REPLY_FORMS, err) < 0)
		return -1;
	if ((reply = ix_reply_parse(r->reply)) < 0)
		return kfq_error_field(err, "reply", "\"%s\" (expected %s)", r->reply, REPLY_FORMS);
	if (has_w && ixs_parse_amount("weight", r->weight, 0, 1, "the respondent's size ≥ 0", &w, err) < 0)
		return -1;
	if (db_cached(db, SQL_GET, &st, err) < 0)
		return -1;
	st_bind_text(st, 1, r->survey);
	st_bind_text(st, 2, r->question);
	st_bind_int(st, 3, y);
	st_bind_int(st, 4, m);
	st_bind_i64(st, 5, unit);
	if ((step = ixs_step(st, "reading survey answers", err)) < 0)
		return -1;
	if (step == ST_ROW) {
		exists = 1;
		snprintf(was_reply, sizeof was_reply, "%s", st_text(st, 0));
		had_w = !st_null(st, 1);
		was_w = st_i64(st, 1);
	}
	st_reset(st);
	*changed = !exists ? 1 : strcmp(was_reply, IX_REPLY[reply]) != 0 || had_w != has_w ||
	           was_w != w ? 2 : 0;
	if (!*changed)
		return 0;
	if (db_cached(db, SQL_PUT, &st, err) < 0)
		return -1;
	st_bind_text(st, 1, r->survey);
	st_bind_text(st, 2, r->question);
	st_bind_int(st, 3, y);
	st_bind_int(st, 4, m);
	st_bind_i64(st, 5, unit);
	st_bind_text(st, 6, IX_REPLY[reply]);
	if (has_w)
		st_bind_i64(st, 7, w);
	if (import_id)
		st_bind_i64(st, 8, import_id);
	if (st_step(st) != ST_DONE) {
		db_fault(db, err, "writing a survey answer");
		st_reset(st);
		return -1;
	}
	st_reset(st);
	if (*changed == 2) {
		struct sbuf h;
		char period[16], a[48] = "", b[48] = "";
		int rc;
		snprintf(period, sizeof period, "%04d-%02d", y, m);
		sbuf_init(&h);
		sbuf_addf(&h, "%s/%s", r->survey, r->question);
		if (strcmp(was_reply, IX_REPLY[reply]) != 0)
			sbuf_addf(&h, ": reply %s → %s", was_reply, IX_REPLY[reply]);
		if (had_w != has_w || was_w != w) {
			if (had_w)
				ixs_fmt_dec(was_w, a, sizeof a);
			if (has_w)
				ixs_fmt_dec(w, b, sizeof b);
			sbuf_addf(&h, "%sweight %s → %s", strchr(h.buf, ':') ? "; " : ": ", a, b);
		}
		rc = ixs_add_history(db, "answer", r->respondent, period, NULL, NULL, h.buf, r->source, err);
		sbuf_release(&h);
		return rc;
	}
	return 0;
}
