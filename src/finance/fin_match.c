/* fin_match.c: bank–enterprise matching (银企对接, see finance.h):
 * meetings with the banks and enterprises that came, and the financing
 * needs raised (a loan from a bank, or equity from a venture fund's
 * follow-on investment), with what was matched and granted. Depends on
 * base, store. */
#include "finance/fin_part.h"
#include "base/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The items of a list separated by ; , 、 ， or ；, trimmed, into
 * out[] (pointers into buf, a copy of s); their count, or -1 when one
 * is given twice (err naming field). */
static int split_list(const char *s, const char *field, char *buf, size_t n, const char **out,
                      int max, struct kfq_err *err)
{
	static const char *const SEPS[] = { ";", ",", "、", "，", "；" };
	int k = 0;
	char *p = buf;
	snprintf(buf, n, "%s", s ? s : "");
	while (*p) {
		char *end = NULL, *q;
		size_t seplen = 0;
		for (size_t i = 0; i < sizeof SEPS / sizeof SEPS[0]; i++) {
			char *hit = strstr(p, SEPS[i]);
			if (hit && (!end || hit < end))
				end = hit, seplen = strlen(SEPS[i]);
		}
		if (end)
			*end = '\0';
		while (*p == ' ')
			p++;
		for (q = p + strlen(p); q > p && q[-1] == ' '; q--)
			q[-1] = '\0';
		if (*p) {
			for (int i = 0; i < k; i++)
				if (strcmp(out[i], p) == 0)
					return kfq_error_field(err, field, "\"%s\" is listed twice", p);
			if (k == max)
				return kfq_error_field(err, field, "more than %d names", max);
			out[k++] = p;
		}
		if (!end)
			break;
		p = end + seplen;
	}
	return k;
}

#define MAX_LIST 200

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int fin_meeting_put(struct kfq_db *db, const struct fin_meeting_row *r, int *changed,
                    struct kfq_err *err)
{
	static const char GET[] =
		"SELECT m.date, m.title, p.code, (SELECT group_concat(b.bank, ';') FROM (SELECT bank "
		"FROM fin_meeting_bank WHERE meeting_id = m.id ORDER BY bank) b), (SELECT "
		"group_concat(e.code, ';') FROM (SELECT u.code FROM fin_meeting_ent x JOIN unit u ON "
		"u.id = x.unit_id WHERE x.meeting_id = m.id ORDER BY u.code) e) FROM fin_meeting m "
		"LEFT JOIN unit p ON p.id = m.park_id WHERE m.code = ?";
	static const char *const NAMES[] = { "date", "title", "park", "banks", "enterprises" };
	const char **banks = xcalloc(MAX_LIST, sizeof *banks), **ents = xcalloc(MAX_LIST, sizeof *ents);
	char *bbuf = NULL, *ebuf = NULL, iso[16];
	int64_t park = 0, id = 0, *ent_ids = NULL;
	int nb, ne = 0, exists, rc = -1;
	struct sbuf note, bl, el;
	struct date d;

	sbuf_init(&note);
	sbuf_init(&bl);
	sbuf_init(&el);
	if (fin_need_text(r->code, "code", err) < 0 || fin_date(r->date, "date", &d, iso, err) < 0 ||
	    fin_need_text(r->title, "title", err) < 0 ||
	    (fin_nz(r->park) && fin_unit(db, "park", r->park, "park", &park, err) < 0) ||
	    fin_need_text(r->banks, "banks", err) < 0)
		goto out;
	bbuf = xmalloc(strlen(r->banks) + 1);
	if ((nb = split_list(r->banks, "banks", bbuf, strlen(r->banks) + 1, banks, MAX_LIST, err)) < 0)
		goto out;
	if (nb == 0) {
		kfq_error_field(err, "banks", "empty");
		goto out;
	}
	if (fin_nz(r->enterprises)) {
		ebuf = xmalloc(strlen(r->enterprises) + 1);
		if ((ne = split_list(r->enterprises, "enterprises", ebuf, strlen(r->enterprises) + 1,
		                     ents, MAX_LIST, err)) < 0)
			goto out;
	}
	ent_ids = xcalloc((size_t)ne + 1, sizeof *ent_ids);
	for (int i = 0; i < ne; i++)
		if (fin_unit(db, "enterprises", ents[i], "enterprise", &ent_ids[i], err) < 0)
			goto out;
	/* the lists as the store gives them back: sorted */
	qsort(banks, (size_t)nb, sizeof *banks, cmp_str);
	qsort(ents, (size_t)ne, sizeof *ents, cmp_str);
	for (int i = 0; i < nb; i++)
		sbuf_addf(&bl, "%s%s", i ? ";" : "", banks[i]);
	for (int i = 0; i < ne; i++)
		sbuf_addf(&el, "%s%s", i ? ";" : "", ents[i]);
	{
		const char *now[] = { iso, r->title, fin_nz(r->park), bl.buf, ne ? el.buf : NULL };
		const char *keys[] = { r->code };
		if (fin_compare(db, GET, keys, 1, NAMES, now, 5, &exists, &note, err) < 0)
			goto out;
	}
	*changed = !exists ? 1 : note.len ? 2 : 0;
	rc = 0;
	if (*changed) {
		struct kfq_stmt *st;
		if (db_prepare(db, "INSERT INTO fin_meeting(code, date, title, park_id) VALUES (?1, ?2, "
		               "?3, ?4) ON CONFLICT(code) DO UPDATE SET date = ?2, title = ?3, "
		               "park_id = ?4", &st, err) < 0)
			goto fail;
		st_bind_text(st, 1, r->code);
		st_bind_text(st, 2, iso);
		st_bind_text(st, 3, r->title);
		if (park)
			st_bind_i64(st, 4, park);
		rc = st_step(st) == ST_DONE ? 0 : db_fault(db, err, "writing a meeting");
		st_finalize(st);
		if (rc < 0 || (id = fin_id_of(db, "fin_meeting", r->code, err)) <= 0)
			goto fail;
		if (db_prepare(db, "DELETE FROM fin_meeting_bank WHERE meeting_id = ?", &st, err) < 0)
			goto fail;
		st_bind_i64(st, 1, id);
		rc = st_step(st) == ST_DONE ? 0 : db_fault(db, err, "writing a meeting");
		st_finalize(st);
		if (rc < 0 || db_prepare(db, "DELETE FROM fin_meeting_ent WHERE meeting_id = ?", &st,
		                         err) < 0)
			goto fail;
		st_bind_i64(st, 1, id);
		rc = st_step(st) == ST_DONE ? 0 : db_fault(db, err, "writing a meeting");
		st_finalize(st);
		for (int i = 0; rc == 0 && i < nb; i++) {
			if (db_cached(db, "INSERT INTO fin_meeting_bank(meeting_id, bank) VALUES (?, ?)",
			              &st, err) < 0)
				goto fail;
			st_bind_i64(st, 1, id);
			st_bind_text(st, 2, banks[i]);
			rc = st_step(st) == ST_DONE ? 0 : db_fault(db, err, "writing a meeting");
			st_reset(st);
		}
		for (int i = 0; rc == 0 && i < ne; i++) {
			int64_t eid = 0;
			if (fin_unit(db, "enterprises", ents[i], "enterprise", &eid, err) < 0 ||
			    db_cached(db, "INSERT INTO fin_meeting_ent(meeting_id, unit_id) VALUES (?, ?)",
			              &st, err) < 0)
				goto fail;
			st_bind_i64(st, 1, id);
			st_bind_i64(st, 2, eid);
			rc = st_step(st) == ST_DONE ? 0 : db_fault(db, err, "writing a meeting");
			st_reset(st);
		}
		if (rc == 0)
			rc = fin_history(db, "bank-meeting", r->code, NULL, *changed, note.buf, err);
	}
	goto out;
fail:
	rc = -1;
out:
	free(banks);
	free(ents);
	free(bbuf);
	free(ebuf);
	free(ent_ids);
	sbuf_release(&note);
	sbuf_release(&bl);
	sbuf_release(&el);
	return rc;
}

int fin_need_put(struct kfq_db *db, const struct fin_need_row *r, int *changed,
                 struct kfq_err *err)
{
	static const char GET[] =
		"SELECT m.code, u.code, n.channel, n.lender, n.raised, CAST(n.amount AS TEXT), "
		"CAST(n.matched AS TEXT), CAST(n.granted AS TEXT), n.granted_date FROM fin_need n "
		"JOIN unit u ON u.id = n.unit_id LEFT JOIN fin_meeting m ON m.id = n.meeting_id "
		"WHERE n.code = ?";
	static const char PUT[] =
		"INSERT INTO fin_need(code, meeting_id, unit_id, channel, lender, raised, amount, "
		"matched, granted, granted_date) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) "
		"ON CONFLICT(code) DO UPDATE SET meeting_id = ?2, unit_id = ?3, channel = ?4, "
		"lender = ?5, raised = ?6, amount = ?7, matched = ?8, granted = ?9, granted_date = ?10";
	static const char *const NAMES[] = { "meeting", "enterprise", "channel", "lender", "raised",
	                                     "amount(元)", "matched(元)", "granted(元)",
	                                     "granted_date" };
	int64_t meeting = 0, unit;
	int channel = 0, exists, rc;
	dec amount, matched = -1, granted = -1;
	struct date raised, gd;
	char riso[16], giso[16] = "", t[3][24];
	struct sbuf note;
	struct kfq_stmt *st;

	if (fin_need_text(r->code, "code", err) < 0)
		return -1;
	if (fin_nz(r->meeting)) {
		if ((meeting = fin_id_of(db, "fin_meeting", r->meeting, err)) < 0)
			return -1;
		if (!meeting)
			return kfq_error_field(err, "meeting", "unknown meeting \"%s\"", r->meeting);
	}
	if (fin_unit(db, "enterprise", r->enterprise, "enterprise", &unit, err) < 0 ||
	    (fin_nz(r->channel) &&
	     fin_kind(r->channel, "channel", FIN_CHANNEL, FIN_CHANNEL_ZH, &channel, err) < 0) ||
	    fin_date(r->raised, "raised", &raised, riso, err) < 0 ||
	    fin_money(r->amount, r->shift, "amount", &amount, err) < 0 ||
	    (fin_nz(r->matched) && fin_money(r->matched, r->shift, "matched", &matched, err) < 0) ||
	    (fin_nz(r->granted) && fin_money(r->granted, r->shift, "granted", &granted, err) < 0))
		return -1;
	if (matched > amount)
		return kfq_error_field(err, "matched", "more than the need raised");
	if (granted >= 0 && matched < 0)
		return kfq_error_field(err, "matched", "empty, but something was granted");
	if (granted > matched)
		return kfq_error_field(err, "granted", "more than was matched");
	if (fin_nz(r->granted_date)) {
		if (granted < 0)
			return kfq_error_field(err, "granted", "empty, but a day granted is given");
		if (fin_date(r->granted_date, "granted_date", &gd, giso, err) < 0)
			return -1;
		if (date_cmp(&gd, &raised) < 0)
			return kfq_error_field(err, "granted_date", "%s is before the need was raised, %s",
			                       giso, riso);
	} else if (granted > 0) {
		return kfq_error_field(err, "granted_date", "empty, but something was granted");
	}
	fin_i64_text(amount, t[0]);
	fin_i64_text(matched, t[1]);
	fin_i64_text(granted, t[2]);
	{
		const char *now[] = { fin_nz(r->meeting), r->enterprise, FIN_CHANNEL[channel],
		                      fin_nz(r->lender), riso, t[0], matched >= 0 ? t[1] : NULL,
		                      granted >= 0 ? t[2] : NULL, giso[0] ? giso : NULL };
		const char *keys[] = { r->code };
		sbuf_init(&note);
		rc = fin_compare(db, GET, keys, 1, NAMES, now, 9, &exists, &note, err);
	}
	*changed = rc < 0 ? 0 : !exists ? 1 : note.len ? 2 : 0;
	if (rc == 0 && *changed) {
		if ((rc = db_prepare(db, PUT, &st, err)) == 0) {
			st_bind_text(st, 1, r->code);
			if (meeting)
				st_bind_i64(st, 2, meeting);
			st_bind_i64(st, 3, unit);
			st_bind_text(st, 4, FIN_CHANNEL[channel]);
			if (fin_nz(r->lender))
				st_bind_text(st, 5, r->lender);
			st_bind_text(st, 6, riso);
			st_bind_i64(st, 7, amount);
			if (matched >= 0)
				st_bind_i64(st, 8, matched);
			if (granted >= 0)
				st_bind_i64(st, 9, granted);
			if (giso[0])
				st_bind_text(st, 10, giso);
			rc = st_step(st) == ST_DONE ? 0 : db_fault(db, err, "writing a financing need");
			st_finalize(st);
		}
		if (rc == 0)
			rc = fin_history(db, "financing-need", r->code, NULL, *changed, note.buf, err);
	}
	sbuf_release(&note);
	return rc;
}
