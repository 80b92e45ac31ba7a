/* schema_obs.c: the view obs of schema 23 and writing through it, in each
 * engine's own terms (schema.h, schema_migration_triggers): the values one
 * row each as the table obs had them, from obs_m (a unit's twelve months of
 * an indicator-year in a row) and obs_ytd (values of several months).
 * Depends on nothing. */
#include "store/schema.h"

#define M12 SCHEMA_M12
/* column c of month m.n of the row o */
#define OBS_M_WHEN(c, m) " WHEN " #m " THEN o." #c #m
#define OBS_M_WHEN_v(m) OBS_M_WHEN(v, m)
#define OBS_M_WHEN_i(m) OBS_M_WHEN(i, m)
#define OBS_M_WHEN_l(m) OBS_M_WHEN(l, m)
#define OBS_M_WHEN_f(m) OBS_M_WHEN(f, m)
#define OBS_M_CASE(c) "CASE m.n" M12(OBS_M_WHEN_##c) " END"
#define OBS_M_WHEN_NEW(m) " WHEN " #m " THEN o.v" #m
#define OBS_M_NEW_CASE(c) "CASE NEW.last" M12(OBS_M_WHEN_NEW) " END"
/* the month NEW.last of the row set to NEW's, OLD.last's emptied */
#define OBS_M_SET1(m, R, V, I, L, F)                                                       \
	"v" #m " = CASE WHEN " #R ".last = " #m " THEN " V " ELSE v" #m " END, i" #m          \
	" = CASE WHEN " #R ".last = " #m " THEN " I " ELSE i" #m " END, l" #m " = CASE WHEN " \
	#R ".last = " #m " THEN " L " ELSE l" #m " END, f" #m " = CASE WHEN " #R ".last = "   \
	#m " THEN " F " ELSE f" #m " END"
#define OBS_M_SETN(m) OBS_M_SET1(m, NEW, "NEW.value", "NEW.import_id", "NEW.line",          \
                                 "NEW.first_import") ","
#define OBS_M_SETO(m) OBS_M_SET1(m, OLD, "NULL", "NULL", "NULL", "NULL") ","
#define OBS_M_SET_NEW M12(OBS_M_SETN) " ind_id = ind_id"
#define OBS_M_SET_OLD M12(OBS_M_SETO) " ind_id = ind_id"
#define OBS_M_NULL(m) " AND v" #m " IS NULL"
#define OBS_M_EMPTY "1 = 1" M12(OBS_M_NULL)

/* The view obs (version 23), one row a value as the table was: on SQLite
 * the months of a row by a join with month12 (one seek of the row for a
 * key, a month's constraint taken by the join); on PostgreSQL a branch a
 * month, each of one table, which its planner can take apart and seek by
 * the keys of a join (a branch that is a join it scans whole). */
#define OBS_VIEW_HEAD                                                                       \
	"CREATE VIEW obs AS"                                                                    \
	"  SELECT ind_id, year, unit_id, last, first, value, import_id, line, first_import"     \
	"  FROM obs_ytd"
#define OBS_VIEW_MONTH(m)                                                                   \
	" UNION ALL SELECT ind_id, year, unit_id, CAST(" #m " AS BIGINT), CAST(" #m " AS "       \
	"BIGINT), v" #m ", i" #m ", l" #m ", f" #m " FROM obs_m WHERE v" #m " IS NOT NULL"
#define OBS_VIEW_SQLITE                                                                     \
	OBS_VIEW_HEAD " UNION ALL"                                                              \
	"  SELECT o.ind_id, o.year, o.unit_id, m.n, m.n, " OBS_M_CASE(v) ", " OBS_M_CASE(i)    \
	", " OBS_M_CASE(l) ", " OBS_M_CASE(f) "  FROM obs_m o CROSS JOIN month12 m WHERE "     \
	OBS_M_CASE(v) " IS NOT NULL;"
#define OBS_VIEW_PG OBS_VIEW_HEAD M12(OBS_VIEW_MONTH) ";"

/* The view obs (version 23) and writing through it: a value inserted goes to its
 * table, a month given again is refused as the table refused it, a value
 * deleted empties its month (and the row with no month left). What the
 * store writes itself goes to the tables (model/obs.c); these keep the
 * writers of derived figures and older tools working unchanged. */
static const char OBS_TRIGGERS_SQLITE[] =
	OBS_VIEW_SQLITE
	"CREATE TRIGGER obs_insert INSTEAD OF INSERT ON obs BEGIN"
	"  INSERT INTO obs_ytd(ind_id, year, unit_id, last, first, value, import_id, line,"
	"    first_import) SELECT NEW.ind_id, NEW.year, NEW.unit_id, NEW.last, NEW.first,"
	"    NEW.value, NEW.import_id, NEW.line, NEW.first_import WHERE NEW.first <> NEW.last;"
	"  SELECT RAISE(ABORT, 'UNIQUE constraint failed: obs') FROM obs_m o WHERE"
	"    NEW.first = NEW.last AND o.ind_id = NEW.ind_id AND o.year = NEW.year AND"
	"    o.unit_id = NEW.unit_id AND " OBS_M_NEW_CASE(v) " IS NOT NULL;"
	"  INSERT INTO obs_m(ind_id, year, unit_id) SELECT NEW.ind_id, NEW.year, NEW.unit_id"
	"    WHERE NEW.first = NEW.last ON CONFLICT DO NOTHING;"
	"  UPDATE obs_m SET " OBS_M_SET_NEW " WHERE NEW.first = NEW.last AND"
	"    ind_id = NEW.ind_id AND year = NEW.year AND unit_id = NEW.unit_id;"
	"END;"
	"CREATE TRIGGER obs_delete INSTEAD OF DELETE ON obs BEGIN"
	"  DELETE FROM obs_ytd WHERE OLD.first <> OLD.last AND ind_id = OLD.ind_id AND"
	"    year = OLD.year AND unit_id = OLD.unit_id AND last = OLD.last AND first = OLD.first;"
	"  UPDATE obs_m SET " OBS_M_SET_OLD " WHERE OLD.first = OLD.last AND"
	"    ind_id = OLD.ind_id AND year = OLD.year AND unit_id = OLD.unit_id;"
	"  DELETE FROM obs_m WHERE ind_id = OLD.ind_id AND year = OLD.year AND"
	"    unit_id = OLD.unit_id AND " OBS_M_EMPTY ";"
	"END;";

/* The same in PostgreSQL's terms (an update too, as a delete and an insert). */
static const char OBS_TRIGGERS_PG[] =
	OBS_VIEW_PG
	"CREATE OR REPLACE FUNCTION kfq_obs_write() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
	"  IF TG_OP IN ('DELETE', 'UPDATE') THEN"
	"    IF OLD.first <> OLD.last THEN"
	"      DELETE FROM obs_ytd WHERE ind_id = OLD.ind_id AND year = OLD.year AND"
	"        unit_id = OLD.unit_id AND last = OLD.last AND first = OLD.first;"
	"    ELSE"
	"      UPDATE obs_m SET " OBS_M_SET_OLD " WHERE ind_id = OLD.ind_id AND"
	"        year = OLD.year AND unit_id = OLD.unit_id;"
	"      DELETE FROM obs_m WHERE ind_id = OLD.ind_id AND year = OLD.year AND"
	"        unit_id = OLD.unit_id AND " OBS_M_EMPTY ";"
	"    END IF;"
	"  END IF;"
	"  IF TG_OP IN ('INSERT', 'UPDATE') THEN"
	"    IF NEW.first <> NEW.last THEN"
	"      INSERT INTO obs_ytd(ind_id, year, unit_id, last, first, value, import_id, line,"
	"        first_import) VALUES (NEW.ind_id, NEW.year, NEW.unit_id, NEW.last, NEW.first,"
	"        NEW.value, NEW.import_id, NEW.line, NEW.first_import);"
	"    ELSE"
	"      IF EXISTS (SELECT 1 FROM obs_m o WHERE o.ind_id = NEW.ind_id AND"
	"          o.year = NEW.year AND o.unit_id = NEW.unit_id AND "
	OBS_M_NEW_CASE(v) " IS NOT NULL) THEN"
	"        RAISE EXCEPTION 'duplicate key value violates unique constraint \"obs\"'"
	"          USING ERRCODE = 'unique_violation';"
	"      END IF;"
	"      INSERT INTO obs_m(ind_id, year, unit_id) VALUES (NEW.ind_id, NEW.year,"
	"        NEW.unit_id) ON CONFLICT DO NOTHING;"
	"      UPDATE obs_m SET " OBS_M_SET_NEW " WHERE ind_id = NEW.ind_id AND"
	"        year = NEW.year AND unit_id = NEW.unit_id;"
	"    END IF;"
	"  END IF;"
	"  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;"
	"  RETURN NEW;"
	"END $$;"
	"CREATE TRIGGER obs_write INSTEAD OF INSERT OR UPDATE OR DELETE ON obs FOR EACH ROW"
	"  EXECUTE FUNCTION kfq_obs_write();";

const char *schema_migration_triggers(int from_version, int postgres)
{
	if (from_version == 22)
		return postgres ? OBS_TRIGGERS_PG : OBS_TRIGGERS_SQLITE;
	return "";
}
