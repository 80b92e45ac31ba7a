/* visit.c: households and visits written, a row at a time, as their
 * imports give them (case.h: household_put, visit_put). Depends on base,
 * store. */
#include "case/case.h"
#include "case/case_part.h"

#include <stdio.h>
#include <string.h>

int household_put(struct kfq_db *db, struct case_cache *cc, const char *code,
                  const char *community, const char *address, const char *head,
                  const char *phone, int *changed, struct kfq_err *err)
{
	/* address, head and phone: NULL keeps the stored one (a file without
	   the column: an export without contacts), "" clears it */
	static const char SEL[] = "SELECT community, address, head, phone FROM household "
	                          "WHERE code = ?";
	static const char PUT[] =
		"INSERT INTO household(code, community, address, head, phone) VALUES (?1, ?2, ?3, ?4, "
		"?5) ON CONFLICT(code) DO UPDATE SET community = ?2, address = CASE WHEN ?6 = 1 THEN ?3 "
		"ELSE household.address END, head = CASE WHEN ?7 = 1 THEN ?4 ELSE household.head END, "
		"phone = CASE WHEN ?8 = 1 "
		"THEN ?5 ELSE household.phone END";
	const char *v[4] = { community, address, head, phone };
	struct kfq_stmt *st;
	int rc, found, same = 1;
	if (!case_nz(code))
		return kfq_error_field(err, "code", "empty (every household needs a code)");
	if (!case_nz(community))
		return kfq_error_field(err, "community", "empty (the village or community)");
	if (cc) {
		const char *cell[4];
		if ((found = case_cache_get(db, cc, CC_HOUSEHOLD, code, cell, err)) < 0)
			return -1;
		for (int i = 0; found && i < 4; i++)
			if (v[i] && strcmp(cell[i], v[i]) != 0)
				same = 0;
	} else {
		if (db_cached(db, SEL, &st, err) < 0)
			return -1;
		st_bind_text(st, 1, code);
		if ((rc = st_step(st)) == ST_ROW) {
			for (int i = 0; i < 4; i++) {
				const char *o = st_text(st, i);
				if (v[i] && strcmp(o ? o : "", v[i]) != 0)
					same = 0;
			}
		} else if (rc == ST_ERROR) {
			db_fault(db, err, "reading a household");
		}
		st_reset(st);
		if (rc == ST_ERROR)
			return -1;
		found = rc == ST_ROW;
	}
	if (found && same) {
		*changed = 0;
		return 0;
	}
	*changed = found ? 2 : 1;
	if (db_cached(db, PUT, &st, err) < 0)
		return -1;
	st_bind_text(st, 1, code);
	for (int i = 0; i < 4; i++) {
		if (case_nz(v[i]))
			st_bind_text(st, i + 2, v[i]);
		if (i)
			st_bind_int(st, i + 5, v[i] != NULL);
	}
	rc = st_step(st) == ST_DONE ? 0 : db_fault(db, err, "writing a household");
	st_reset(st);
	return rc;
}

int visit_put(struct kfq_db *db, struct case_cache *cc, const char *code, const struct date *date,
              const char *team, const char *unit, const char *household, const char *campaign,
              const char *notes, int *changed, struct kfq_err *err)
{
	char iso[16], uid[24] = "", hid[24] = "";
	const char *v[7];
	int exists, same;

	if (!case_nz(code))
		return kfq_error_field(err, "code", "empty (every visit needs a code)");
	if (!case_nz(team))
		return kfq_error_field(err, "team", "empty (who visited)");
	if (!case_nz(unit) == !case_nz(household))
		return kfq_error(err, "a visit is to an enterprise (column enterprise) or a household "
		                 "(column household): give exactly one");
	if (case_nz(unit)) {
		int64_t id = case_id_of(db, cc, CC_UNIT_ID, "SELECT id FROM unit WHERE code = ?", unit,
		                   err);
		if (id < 0)
			return -1;
		if (id == 0)
			return kfq_error_field(err, "enterprise", "unknown unit \"%s\"", unit);
		snprintf(uid, sizeof uid, "%lld", (long long)id);
	} else {
		int64_t id = case_id_of(db, cc, CC_HOUSEHOLD_ID,
		                   "SELECT id FROM household WHERE code = ?", household, err);
		if (id < 0)
			return -1;
		if (id == 0)
			return kfq_error_field(err, "household", "unknown household \"%s\" (import it in "
			                 "a households file first)", household);
		snprintf(hid, sizeof hid, "%lld", (long long)id);
	}
	date_format(date, iso, sizeof iso);
	v[0] = code; v[1] = iso; v[2] = team; v[3] = uid[0] ? uid : NULL; v[4] = hid[0] ? hid : NULL;
	v[5] = campaign; v[6] = notes;
	same = case_same_row(db, cc, CC_VISIT, "SELECT code, date, team, unit_id, household_id, "
	                "campaign, notes FROM visit WHERE code = ?", code, v, 7, &exists, err);
	if (same < 0)
		return -1;
	if (same) {
		*changed = 0;
		return 0;
	}
	*changed = exists ? 2 : 1;
	return case_exec_text(db, "INSERT INTO visit(code, date, team, unit_id, household_id, campaign, "
	                 "notes) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT(code) DO UPDATE SET "
	                 "date = ?2, team = ?3, unit_id = ?4, household_id = ?5, campaign = ?6, "
	                 "notes = ?7", v, 7, err);
}
