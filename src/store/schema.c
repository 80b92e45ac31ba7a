/* schema.c: the versioned schema migrations of the store.
 *
 * MIGRATIONS[i] brings a database from version i to i+1 (PRAGMA
 * user_version). Never edit a migration that has shipped: add a new one.
 * Depends on SQLite only. */
#include "store/schema.h"

#include <stddef.h>

/* The twelve months of a row of obs_m (version 23), written out. */
#define M12 SCHEMA_M12
#define OBS_M_COLUMN(m) "  v" #m " INTEGER, i" #m " INTEGER, l" #m " INTEGER, f" #m " INTEGER,"
#define OBS_M_NAMES(m) ", v" #m ", i" #m ", l" #m ", f" #m
#define OBS_M_PIVOT(m)                                                                     \
	", max(CASE WHEN last = " #m " THEN value END), max(CASE WHEN last = " #m             \
	" THEN import_id END), max(CASE WHEN last = " #m " THEN line END), max(CASE WHEN "   \
	"last = " #m " THEN first_import END)"

static const char *const MIGRATIONS[] = {
	/* 1: the core model. */
	"CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
	/* One row per import run: where every stored value came from. */
	"CREATE TABLE import_log("
	"  id INTEGER PRIMARY KEY,"
	"  at TEXT NOT NULL,"
	"  who TEXT NOT NULL,"
	"  kind TEXT NOT NULL,"
	"  file TEXT NOT NULL,"
	"  rows INTEGER NOT NULL DEFAULT 0,"
	"  added INTEGER NOT NULL DEFAULT 0,"
	"  changed INTEGER NOT NULL DEFAULT 0,"
	"  unchanged INTEGER NOT NULL DEFAULT 0);"
	"CREATE TABLE unit("
	"  id INTEGER PRIMARY KEY,"
	"  code TEXT NOT NULL UNIQUE,"
	"  name TEXT NOT NULL,"
	"  kind TEXT NOT NULL,"
	"  parent_id INTEGER REFERENCES unit(id),"
	"  industry TEXT,"
	"  land_mu INTEGER,"
	"  hightech INTEGER NOT NULL DEFAULT 0 CHECK (hightech IN (0, 1)),"
	"  synthetic INTEGER NOT NULL DEFAULT 0 CHECK (synthetic IN (0, 1)));"
	"CREATE INDEX unit_parent ON unit(parent_id);"
	"CREATE TABLE unit_group("
	"  grp TEXT NOT NULL,"
	"  year INTEGER NOT NULL,"
	"  unit_id INTEGER NOT NULL REFERENCES unit(id),"
	"  PRIMARY KEY (grp, year, unit_id)) WITHOUT ROWID;"
	"CREATE TABLE indicator("
	"  id INTEGER PRIMARY KEY,"
	"  code TEXT NOT NULL UNIQUE,"
	"  name_zh TEXT NOT NULL,"
	"  name_en TEXT NOT NULL DEFAULT '',"
	"  measure TEXT NOT NULL,"
	"  kind TEXT NOT NULL CHECK (kind IN ('flow', 'stock')),"
	"  agg TEXT NOT NULL CHECK (agg IN ('sum', 'mean', 'max', 'none')),"
	"  decimals INTEGER NOT NULL CHECK (decimals BETWEEN 0 AND 6),"
	"  scope TEXT,"
	"  formula TEXT,"
	"  headline INTEGER NOT NULL DEFAULT 0);"
	/* A value filed for months [first, last] of a year: a month's own value
	 * (first = last) or a year-to-date total (first = 1). Stored as DEC
	 * integers in the base unit of the indicator's measure family. */
	"CREATE TABLE obs("
	"  ind_id INTEGER NOT NULL REFERENCES indicator(id),"
	"  year INTEGER NOT NULL,"
	"  unit_id INTEGER NOT NULL REFERENCES unit(id),"
	"  last INTEGER NOT NULL CHECK (last BETWEEN 1 AND 12),"
	"  first INTEGER NOT NULL CHECK (first BETWEEN 1 AND last),"
	"  value INTEGER NOT NULL,"
	"  import_id INTEGER REFERENCES import_log(id),"
	"  PRIMARY KEY (ind_id, year, unit_id, last, first)) WITHOUT ROWID;"
	"CREATE TABLE target("
	"  ind_id INTEGER NOT NULL REFERENCES indicator(id),"
	"  year INTEGER NOT NULL,"
	"  unit_id INTEGER NOT NULL REFERENCES unit(id),"
	"  value INTEGER NOT NULL,"
	"  import_id INTEGER REFERENCES import_log(id),"
	"  PRIMARY KEY (ind_id, year, unit_id)) WITHOUT ROWID;"
	/* Append-only: every change to an observation or a target (and to units
	 * and indicators, with a note). */
	"CREATE TABLE history("
	"  id INTEGER PRIMARY KEY,"
	"  at TEXT NOT NULL,"
	"  who TEXT NOT NULL,"
	"  kind TEXT NOT NULL,"
	"  unit TEXT,"
	"  indicator TEXT,"
	"  period TEXT,"
	"  old_value INTEGER,"
	"  new_value INTEGER,"
	"  note TEXT,"
	"  source TEXT);"
	"CREATE INDEX history_key ON history(indicator, unit, period);"
	"CREATE TRIGGER history_no_update BEFORE UPDATE ON history"
	"  BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;"
	"CREATE TRIGGER history_no_delete BEFORE DELETE ON history"
	"  BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;",

	/* 2: stored roll-ups. For an indicator, a year and the year whose scope
	 * counts, every non-leaf unit's value over every span of months, so the
	 * figures of zones and parks are read, not recomputed from every
	 * enterprise. rollup_state lists the keys whose roll-ups are complete
	 * and current; a key without a state row is computed from obs. Imports
	 * rebuild what they touch in the same transaction. */
	"CREATE TABLE rollup("
	"  ind_id INTEGER NOT NULL REFERENCES indicator(id),"
	"  year INTEGER NOT NULL,"
	"  scope_year INTEGER NOT NULL,"
	"  unit_id INTEGER NOT NULL REFERENCES unit(id),"
	"  spans BLOB NOT NULL,"
	"  PRIMARY KEY (ind_id, year, scope_year, unit_id)) WITHOUT ROWID;"
	"CREATE TABLE rollup_state("
	"  ind_id INTEGER NOT NULL REFERENCES indicator(id),"
	"  year INTEGER NOT NULL,"
	"  scope_year INTEGER NOT NULL,"
	"  PRIMARY KEY (ind_id, year, scope_year)) WITHOUT ROWID;",

	/* 3: the line of the import's file each value came from, so a value
	 * traces to its file and line, and a key given twice in one file is
	 * caught without an index of its own. */
	"ALTER TABLE obs ADD COLUMN line INTEGER;"
	"ALTER TABLE target ADD COLUMN line INTEGER;",

	/* 4: key projects (重点项目). A project is a unit of kind "project"
	 * under its park, so its investment (indicator key_inv_actual) and
	 * annual plan (its target) roll up like any figure; this table holds
	 * what only projects have. Indicators marked derived are computed by
	 * kfq from these records (project counts) and take no imported data. */
	"ALTER TABLE indicator ADD COLUMN derived INTEGER NOT NULL DEFAULT 0;"
	"CREATE TABLE project("
	"  unit_id INTEGER PRIMARY KEY REFERENCES unit(id),"
	"  category TEXT NOT NULL CHECK (category IN ('industrial', 'infrastructure', 'urban',"
	"    'environmental', 'livelihood')),"
	"  owner_id INTEGER REFERENCES unit(id),"
	"  key_level TEXT NOT NULL CHECK (key_level IN ('province', 'city', 'zone')),"
	"  total_inv INTEGER NOT NULL,"
	"  planned_start TEXT,"
	"  actual_start TEXT,"
	"  planned_end TEXT,"
	"  actual_end TEXT,"
	"  production TEXT,"
	"  status TEXT NOT NULL CHECK (status IN ('reserve', 'approved', 'construction', 'completed',"
	"    'production', 'suspended')),"
	"  status_reason TEXT,"
	"  milestones TEXT);"
	"CREATE TABLE project_note("
	"  unit_id INTEGER NOT NULL REFERENCES unit(id),"
	"  year INTEGER NOT NULL,"
	"  month INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),"
	"  note TEXT NOT NULL,"
	"  PRIMARY KEY (unit_id, year, month)) WITHOUT ROWID;"
	"CREATE TABLE project_problem("
	"  id INTEGER PRIMARY KEY,"
	"  unit_id INTEGER NOT NULL REFERENCES unit(id),"
	"  raised TEXT NOT NULL,"
	"  description TEXT NOT NULL,"
	"  dept TEXT NOT NULL,"
	"  deadline TEXT NOT NULL,"
	"  resolved TEXT,"
	"  UNIQUE (unit_id, raised, description));",

	/* 5: the investment-promotion pipeline (招商引资). A lead moves through
	 * dated stages; the landed enterprise and the started project it became
	 * are linked, so one investment is counted once. */
	"CREATE TABLE lead("
	"  id INTEGER PRIMARY KEY,"
	"  code TEXT NOT NULL UNIQUE,"
	"  name TEXT NOT NULL,"
	"  investor TEXT,"
	"  origin TEXT,"
	"  industry TEXT,"
	"  park_id INTEGER REFERENCES unit(id),"
	"  total_inv INTEGER NOT NULL,"
	"  foreign_inv INTEGER,"
	"  officer TEXT,"
	"  source TEXT,"
	"  unit_id INTEGER REFERENCES unit(id),"
	"  project_id INTEGER REFERENCES unit(id));"
	"CREATE TABLE lead_stage("
	"  id INTEGER PRIMARY KEY,"
	"  lead_id INTEGER NOT NULL REFERENCES lead(id),"
	"  stage TEXT NOT NULL CHECK (stage IN ('contact', 'negotiation', 'signed', 'landed',"
	"    'started', 'dropped')),"
	"  date TEXT NOT NULL,"
	"  reason TEXT,"
	"  UNIQUE (lead_id, stage, date));"
	"CREATE INDEX lead_stage_date ON lead_stage(date);",

	/* 6: visits to enterprises and households, and the problems (cases)
	 * they raise, driven to a resolution (暖企惠民大走访). Every step of a case
	 * is an event; the case row holds its current state. Households keep no
	 * more personal data than a visit needs; phone numbers are left out of
	 * exports unless asked for. */
	"CREATE TABLE household("
	"  id INTEGER PRIMARY KEY,"
	"  code TEXT NOT NULL UNIQUE,"
	"  community TEXT NOT NULL,"
	"  address TEXT,"
	"  head TEXT,"
	"  phone TEXT);"
	"CREATE TABLE visit("
	"  id INTEGER PRIMARY KEY,"
	"  code TEXT NOT NULL UNIQUE,"
	"  date TEXT NOT NULL,"
	"  team TEXT NOT NULL,"
	"  unit_id INTEGER REFERENCES unit(id),"
	"  household_id INTEGER REFERENCES household(id),"
	"  campaign TEXT,"
	"  notes TEXT,"
	"  CHECK ((unit_id IS NULL) != (household_id IS NULL)));"
	"CREATE INDEX visit_date ON visit(date);"
	"CREATE TABLE case_sla("
	"  category TEXT NOT NULL,"
	"  priority TEXT NOT NULL,"
	"  route_days INTEGER NOT NULL CHECK (route_days > 0),"
	"  close_days INTEGER NOT NULL CHECK (close_days > 0),"
	"  PRIMARY KEY (category, priority)) WITHOUT ROWID;"
	"CREATE TABLE holiday(date TEXT PRIMARY KEY, name TEXT) WITHOUT ROWID;"
	/* who supervises a department's overdue problems (督办) */
	"CREATE TABLE case_dept(dept TEXT PRIMARY KEY, supervisor TEXT NOT NULL) WITHOUT ROWID;"
	"CREATE TABLE kase("
	"  id INTEGER PRIMARY KEY,"
	"  code TEXT NOT NULL UNIQUE,"
	"  raised TEXT NOT NULL,"
	"  channel TEXT NOT NULL,"
	"  visit_id INTEGER REFERENCES visit(id),"
	"  unit_id INTEGER REFERENCES unit(id),"
	"  household_id INTEGER REFERENCES household(id),"
	"  campaign TEXT,"
	"  category TEXT NOT NULL,"
	"  priority TEXT NOT NULL,"
	"  description TEXT NOT NULL,"
	"  raised_by TEXT,"
	"  dept TEXT,"
	"  deadline TEXT NOT NULL,"
	"  status TEXT NOT NULL,"
	"  resolved TEXT,"
	"  merged_into INTEGER REFERENCES kase(id),"
	"  rating INTEGER);"
	"CREATE TABLE case_event("
	"  id INTEGER PRIMARY KEY,"
	"  case_id INTEGER NOT NULL REFERENCES kase(id),"
	"  date TEXT NOT NULL,"
	"  action TEXT NOT NULL,"
	"  dept TEXT,"
	"  note TEXT,"
	"  rating INTEGER,"
	"  who TEXT NOT NULL);"
	"CREATE INDEX case_event_case ON case_event(case_id, date);",

	/* 7: the China Danyang Eyewear Index (中国丹阳眼镜指数). The price part: a
	 * tree of categories, yearly weights per category and channel, a sample
	 * of items (each priced by a reporting unit in one channel, a
	 * replacement linked to the item it replaces by an overlap month) and
	 * their quotes (day 0: the month's price; else a weekly quote). The
	 * prosperity part: surveys, their questions and the answers. Computed
	 * results are kept per month; a published month is frozen and changes
	 * only by a revision, recorded in history. Levels are the engine's
	 * unrounded doubles; published figures are rounded into the core. */
	"CREATE TABLE ix_category("
	"  id INTEGER PRIMARY KEY,"
	"  code TEXT NOT NULL UNIQUE,"
	"  name TEXT NOT NULL,"
	"  parent_id INTEGER REFERENCES ix_category(id),"
	"  seq INTEGER NOT NULL DEFAULT 0);"
	"CREATE TABLE ix_weight("
	"  year INTEGER NOT NULL,"
	"  category_id INTEGER NOT NULL REFERENCES ix_category(id),"
	"  channel TEXT NOT NULL CHECK (channel IN ('factory', 'wholesale', 'online')),"
	"  weight INTEGER NOT NULL CHECK (weight > 0),"
	"  import_id INTEGER REFERENCES import_log(id),"
	"  PRIMARY KEY (year, category_id, channel)) WITHOUT ROWID;"
	"CREATE TABLE ix_item("
	"  id INTEGER PRIMARY KEY,"
	"  code TEXT NOT NULL UNIQUE,"
	"  category_id INTEGER NOT NULL REFERENCES ix_category(id),"
	"  channel TEXT NOT NULL CHECK (channel IN ('factory', 'wholesale', 'online')),"
	"  unit_id INTEGER NOT NULL REFERENCES unit(id),"
	"  brand TEXT, model TEXT, material TEXT, size TEXT,"
	"  replaces_id INTEGER UNIQUE REFERENCES ix_item(id),"
	"  overlap_year INTEGER,"
	"  overlap_month INTEGER CHECK (overlap_month BETWEEN 1 AND 12),"
	"  CHECK ((replaces_id IS NULL) = (overlap_year IS NULL)),"
	"  CHECK ((overlap_year IS NULL) = (overlap_month IS NULL)));"
	"CREATE TABLE ix_quote("
	"  item_id INTEGER NOT NULL REFERENCES ix_item(id),"
	"  year INTEGER NOT NULL,"
	"  month INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),"
	"  day INTEGER NOT NULL DEFAULT 0 CHECK (day BETWEEN 0 AND 31),"
	"  price INTEGER NOT NULL CHECK (price > 0),"
	"  sales INTEGER CHECK (sales >= 0),"
	"  import_id INTEGER REFERENCES import_log(id),"
	"  PRIMARY KEY (item_id, year, month, day)) WITHOUT ROWID;"
	"CREATE INDEX ix_quote_month ON ix_quote(year, month);"
	"CREATE TABLE ix_survey("
	"  code TEXT PRIMARY KEY,"
	"  name TEXT NOT NULL,"
	"  weight INTEGER NOT NULL CHECK (weight > 0)) WITHOUT ROWID;"
	"CREATE TABLE ix_question("
	"  survey TEXT NOT NULL REFERENCES ix_survey(code),"
	"  code TEXT NOT NULL,"
	"  name TEXT NOT NULL,"
	"  inverted INTEGER NOT NULL DEFAULT 0 CHECK (inverted IN (0, 1)),"
	"  weight INTEGER NOT NULL CHECK (weight > 0),"
	"  seq INTEGER NOT NULL DEFAULT 0,"
	"  PRIMARY KEY (survey, code)) WITHOUT ROWID;"
	"CREATE TABLE ix_answer("
	"  survey TEXT NOT NULL,"
	"  question TEXT NOT NULL,"
	"  year INTEGER NOT NULL,"
	"  month INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),"
	"  unit_id INTEGER NOT NULL REFERENCES unit(id),"
	"  reply TEXT NOT NULL CHECK (reply IN ('up', 'flat', 'down', 'none')),"
	"  weight INTEGER CHECK (weight >= 0),"
	"  import_id INTEGER REFERENCES import_log(id),"
	"  PRIMARY KEY (survey, question, year, month, unit_id),"
	"  FOREIGN KEY (survey, question) REFERENCES ix_question(survey, code)) WITHOUT ROWID;"
	"CREATE TABLE ix_month("
	"  year INTEGER NOT NULL,"
	"  month INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),"
	"  computed_at TEXT NOT NULL,"
	"  settings TEXT NOT NULL,"
	"  published_at TEXT,"
	"  revision INTEGER NOT NULL DEFAULT 0,"
	"  PRIMARY KEY (year, month)) WITHOUT ROWID;"
	"CREATE TABLE ix_value("
	"  year INTEGER NOT NULL,"
	"  month INTEGER NOT NULL,"
	"  channel TEXT NOT NULL,"
	"  category TEXT NOT NULL,"
	"  level REAL NOT NULL,"
	"  mom REAL,"
	"  yoy REAL,"
	"  contrib REAL,"
	"  PRIMARY KEY (year, month, channel, category)) WITHOUT ROWID;"
	"CREATE TABLE ix_flag("
	"  year INTEGER NOT NULL,"
	"  month INTEGER NOT NULL,"
	"  kind TEXT NOT NULL CHECK (kind IN ('imputed', 'replaced', 'outlier')),"
	"  item_id INTEGER NOT NULL REFERENCES ix_item(id),"
	"  other_id INTEGER REFERENCES ix_item(id),"
	"  value REAL,"
	"  ref REAL);"
	"CREATE INDEX ix_flag_month ON ix_flag(year, month);"
	"CREATE TABLE ix_prosperity("
	"  year INTEGER NOT NULL,"
	"  month INTEGER NOT NULL,"
	"  survey TEXT NOT NULL,"
	"  question TEXT NOT NULL,"
	"  n_up INTEGER, n_flat INTEGER, n_down INTEGER, n_none INTEGER,"
	"  idx REAL NOT NULL,"
	"  PRIMARY KEY (year, month, survey, question)) WITHOUT ROWID;",
	/* 8: composite assessment (考核, 亩均评价) results. A run keeps the
	 * scheme's text and version and a hash of its inputs, so a published
	 * ranking can be shown again after the data changed. Entities and
	 * indicators are held by code: a run is a record of what was rated.
	 * left_out: units of the entities' kind with no value in the period. */
	"CREATE TABLE as_run("
	"  id INTEGER PRIMARY KEY,"
	"  scheme TEXT NOT NULL,"
	"  version TEXT NOT NULL,"
	"  period INTEGER NOT NULL,"
	"  at TEXT NOT NULL,"
	"  who TEXT NOT NULL,"
	"  scheme_text TEXT NOT NULL,"
	"  inputs_hash TEXT NOT NULL,"
	"  left_out INTEGER NOT NULL DEFAULT 0);"
	"CREATE INDEX as_run_scheme ON as_run(scheme, period);"
	"CREATE TABLE as_input("
	"  run INTEGER NOT NULL REFERENCES as_run(id),"
	"  entity TEXT NOT NULL,"
	"  indicator TEXT NOT NULL,"
	"  raw INTEGER,"
	"  imputed INTEGER NOT NULL DEFAULT 0 CHECK (imputed IN (0, 1)),"
	"  normalised REAL,"
	"  PRIMARY KEY (run, entity, indicator)) WITHOUT ROWID;"
	"CREATE TABLE as_result("
	"  run INTEGER NOT NULL REFERENCES as_run(id),"
	"  entity TEXT NOT NULL,"
	"  name TEXT NOT NULL,"
	"  industry TEXT,"
	"  region TEXT,"
	"  score REAL,"
	"  rank INTEGER,"
	"  class TEXT,"
	"  reason TEXT,"
	"  PRIMARY KEY (run, entity)) WITHOUT ROWID;"
	"CREATE TABLE as_part("
	"  run INTEGER NOT NULL REFERENCES as_run(id),"
	"  entity TEXT NOT NULL,"
	"  node TEXT NOT NULL,"
	"  score REAL,"
	"  contribution REAL,"
	"  PRIMARY KEY (run, entity, node)) WITHOUT ROWID;",
	/* 9: the web server's accounts (kfq user, kfq serve). An account
	 * works within one unit's subtree (scope) in the roles granted to it;
	 * its password is kept only as an argon2id hash (libsodium's string
	 * form, with its own salt and costs). A session is kept by the hash of
	 * its token, never the token; times are seconds since 1970 (UTC).
	 * login_fail counts the failures since the last success, per account
	 * ("account:NAME") and per client address ("address:IP"), for the
	 * growing delay. The audit log (logins, failures, logouts, changes to
	 * accounts) is append-only, as the history is. */
	"CREATE TABLE account("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL UNIQUE,"
	"  pwhash TEXT NOT NULL,"
	"  unit_id INTEGER NOT NULL REFERENCES unit(id),"
	"  disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),"
	"  created TEXT NOT NULL,"
	"  pw_changed INTEGER NOT NULL);"
	"CREATE TABLE account_role("
	"  account_id INTEGER NOT NULL REFERENCES account(id),"
	"  role TEXT NOT NULL,"
	"  PRIMARY KEY (account_id, role)) WITHOUT ROWID;"
	"CREATE TABLE session("
	"  token_hash TEXT NOT NULL PRIMARY KEY,"
	"  account_id INTEGER NOT NULL REFERENCES account(id),"
	"  csrf TEXT NOT NULL,"
	"  created INTEGER NOT NULL,"
	"  last_seen INTEGER NOT NULL,"
	"  address TEXT) WITHOUT ROWID;"
	"CREATE INDEX session_account ON session(account_id);"
	"CREATE TABLE login_fail("
	"  k TEXT NOT NULL PRIMARY KEY,"
	"  failures INTEGER NOT NULL,"
	"  last INTEGER NOT NULL) WITHOUT ROWID;"
	"CREATE TABLE audit("
	"  id INTEGER PRIMARY KEY,"
	"  at TEXT NOT NULL,"
	"  who TEXT NOT NULL,"
	"  address TEXT,"
	"  event TEXT NOT NULL,"
	"  account TEXT,"
	"  detail TEXT);"
	"CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit"
	"  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;"
	"CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit"
	"  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;",
	/* 10: a department's account (a cases role with a department) works
	 * only the cases assigned to its department (docs/web.md). */
	"ALTER TABLE account ADD COLUMN dept TEXT;",
	/* 11: a prosperity question may have counts and no index (every reply
	 * none, or the weights of those who answered add up to 0): idx NULL. */
	"CREATE TABLE ix_prosperity_new("
	"  year INTEGER NOT NULL,"
	"  month INTEGER NOT NULL,"
	"  survey TEXT NOT NULL,"
	"  question TEXT NOT NULL,"
	"  n_up INTEGER, n_flat INTEGER, n_down INTEGER, n_none INTEGER,"
	"  idx REAL,"
	"  PRIMARY KEY (year, month, survey, question)) WITHOUT ROWID;"
	"INSERT INTO ix_prosperity_new SELECT year, month, survey, question, n_up, n_flat, n_down, "
	"n_none, idx FROM ix_prosperity;"
	"DROP TABLE ix_prosperity;"
	"ALTER TABLE ix_prosperity_new RENAME TO ix_prosperity;",
	/* 12: data quality (docs/quality.md): validation rules, imported as
	 * `kfq import rules` (their changes in history), and the findings of
	 * their checks: a finding is opened by a failed check and closed when
	 * its values change (closed_how 'changed') or when someone confirms the
	 * value with a reason (closed_how 'confirmed', the reason in note).
	 * left_value and right_value are the values compared (the right one:
	 * the expected value), as DEC integers in the base unit. */
	"CREATE TABLE vrule("
	"  code TEXT PRIMARY KEY,"
	"  severity TEXT NOT NULL CHECK (severity IN ('error', 'warning', 'off')),"
	"  left_expr TEXT NOT NULL,"
	"  op TEXT NOT NULL,"
	"  right_expr TEXT NOT NULL,"
	"  unit_kind TEXT,"
	"  grp TEXT,"
	"  industry TEXT,"
	"  months TEXT NOT NULL,"
	"  params TEXT NOT NULL,"
	"  message TEXT NOT NULL);"
	"CREATE TABLE finding("
	"  id INTEGER PRIMARY KEY,"
	"  rule_code TEXT NOT NULL,"
	"  unit_id INTEGER NOT NULL REFERENCES unit(id),"
	"  year INTEGER NOT NULL,"
	"  month INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),"
	"  severity TEXT NOT NULL CHECK (severity IN ('error', 'warning')),"
	"  left_value INTEGER,"
	"  right_value INTEGER,"
	"  detail TEXT NOT NULL,"
	"  detail_zh TEXT NOT NULL,"
	"  status TEXT NOT NULL CHECK (status IN ('open', 'closed')),"
	"  opened_at TEXT NOT NULL,"
	"  opened_by TEXT NOT NULL,"
	"  import_id INTEGER REFERENCES import_log(id),"
	"  closed_at TEXT,"
	"  closed_by TEXT,"
	"  closed_how TEXT CHECK (closed_how IN ('changed', 'confirmed')),"
	"  note TEXT);"
	"CREATE INDEX finding_key ON finding(year, month, unit_id);"
	"CREATE INDEX finding_status ON finding(status);",
	/* 13: the approval of units' months (docs/quality.md, "Approval"): the
	 * state of a unit's month, who set it and when (every step is in
	 * history too); a month without a row is entered (填报). */
	"CREATE TABLE approval("
	"  unit_id INTEGER NOT NULL REFERENCES unit(id),"
	"  year INTEGER NOT NULL,"
	"  month INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),"
	"  state TEXT NOT NULL CHECK (state IN ('entered', 'submitted', 'approved', 'certified')),"
	"  who TEXT NOT NULL,"
	"  at TEXT NOT NULL,"
	"  PRIMARY KEY (unit_id, year, month)) WITHOUT ROWID;",
	/* 14: publication (docs/quality.md, "Publication and revisions"): each
	 * revision of a unit's published month, and the figures it froze (for
	 * the unit and each unit with children under it: the month's value and
	 * the year to date, as DEC integers in the base unit; NULL: none). */
	"CREATE TABLE publication("
	"  id INTEGER PRIMARY KEY,"
	"  unit_id INTEGER NOT NULL REFERENCES unit(id),"
	"  year INTEGER NOT NULL,"
	"  month INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),"
	"  revision INTEGER NOT NULL CHECK (revision >= 1),"
	"  at TEXT NOT NULL,"
	"  who TEXT NOT NULL,"
	"  reason TEXT,"
	"  UNIQUE (unit_id, year, month, revision));"
	"CREATE TABLE published_figure("
	"  publication_id INTEGER NOT NULL REFERENCES publication(id),"
	"  ind_id INTEGER NOT NULL REFERENCES indicator(id),"
	"  unit_id INTEGER NOT NULL REFERENCES unit(id),"
	"  value INTEGER,"
	"  ytd INTEGER,"
	"  PRIMARY KEY (publication_id, ind_id, unit_id)) WITHOUT ROWID;"
	"CREATE INDEX published_figure_key ON published_figure(ind_id, unit_id);"
	"CREATE TRIGGER publication_no_update BEFORE UPDATE ON publication"
	"  BEGIN SELECT RAISE(ABORT, 'a publication is kept as it was'); END;"
	"CREATE TRIGGER published_figure_no_update BEFORE UPDATE ON published_figure"
	"  BEGIN SELECT RAISE(ABORT, 'a published figure is kept as it was'); END;",
	/* 15: the finance platform (金融活水, docs/finance.md). A risk
	 * compensation fund (风险补偿基金): its capital and movements, the loans
	 * registered under it, their defaults (代偿) and recoveries (追偿),
	 * each split exactly among fund, bank and insurer by the fund's shares
	 * (percentages of 10^-4, adding up to 100); leverage: loans outstanding
	 * ≤ leverage × the fund's balance (leverage a dec). Bank–enterprise
	 * matching (银企对接): meetings with their banks and enterprises, the
	 * financing needs raised and what was matched and granted. Loan
	 * pressure (压贷抽贷): credit lines cut or called, guarantees between
	 * firms (a firm never guarantees itself), the zone's interventions.
	 * Money in 1/10 000 元 as everywhere, whole fen. */
	"CREATE TABLE fin_fund("
	"  id INTEGER PRIMARY KEY,"
	"  code TEXT NOT NULL UNIQUE,"
	"  name TEXT NOT NULL,"
	"  unit_id INTEGER NOT NULL REFERENCES unit(id),"
	"  bank TEXT,"
	"  leverage INTEGER NOT NULL,"
	"  share_fund INTEGER NOT NULL,"
	"  share_bank INTEGER NOT NULL,"
	"  share_insurer INTEGER NOT NULL);"
	"CREATE TABLE fin_fund_move("
	"  id INTEGER PRIMARY KEY,"
	"  fund_id INTEGER NOT NULL REFERENCES fin_fund(id),"
	"  date TEXT NOT NULL,"
	"  kind TEXT NOT NULL CHECK (kind IN ('inject', 'withdraw')),"
	"  amount INTEGER NOT NULL,"
	"  note TEXT,"
	"  UNIQUE (fund_id, date, kind));"
	"CREATE TABLE fin_loan("
	"  id INTEGER PRIMARY KEY,"
	"  code TEXT NOT NULL UNIQUE,"
	"  fund_id INTEGER NOT NULL REFERENCES fin_fund(id),"
	"  bank TEXT NOT NULL,"
	"  unit_id INTEGER NOT NULL REFERENCES unit(id),"
	"  product TEXT NOT NULL,"
	"  amount INTEGER NOT NULL,"
	"  granted TEXT NOT NULL,"
	"  due TEXT NOT NULL,"
	"  repaid TEXT);"
	"CREATE INDEX fin_loan_fund ON fin_loan(fund_id, granted);"
	"CREATE TABLE fin_loan_event("
	"  id INTEGER PRIMARY KEY,"
	"  loan_id INTEGER NOT NULL REFERENCES fin_loan(id),"
	"  date TEXT NOT NULL,"
	"  kind TEXT NOT NULL CHECK (kind IN ('default', 'recover')),"
	"  amount INTEGER NOT NULL,"
	"  fund_part INTEGER NOT NULL,"
	"  bank_part INTEGER NOT NULL,"
	"  insurer_part INTEGER NOT NULL,"
	"  note TEXT,"
	"  UNIQUE (loan_id, kind, date));"
	"CREATE TABLE fin_meeting("
	"  id INTEGER PRIMARY KEY,"
	"  code TEXT NOT NULL UNIQUE,"
	"  date TEXT NOT NULL,"
	"  title TEXT NOT NULL,"
	"  park_id INTEGER REFERENCES unit(id));"
	"CREATE TABLE fin_meeting_bank("
	"  meeting_id INTEGER NOT NULL REFERENCES fin_meeting(id),"
	"  bank TEXT NOT NULL,"
	"  PRIMARY KEY (meeting_id, bank)) WITHOUT ROWID;"
	"CREATE TABLE fin_meeting_ent("
	"  meeting_id INTEGER NOT NULL REFERENCES fin_meeting(id),"
	"  unit_id INTEGER NOT NULL REFERENCES unit(id),"
	"  PRIMARY KEY (meeting_id, unit_id)) WITHOUT ROWID;"
	"CREATE TABLE fin_need("
	"  id INTEGER PRIMARY KEY,"
	"  code TEXT NOT NULL UNIQUE,"
	"  meeting_id INTEGER REFERENCES fin_meeting(id),"
	"  unit_id INTEGER NOT NULL REFERENCES unit(id),"
	"  channel TEXT NOT NULL CHECK (channel IN ('loan', 'equity')),"
	"  lender TEXT,"
	"  raised TEXT NOT NULL,"
	"  amount INTEGER NOT NULL,"
	"  matched INTEGER,"
	"  granted INTEGER,"
	"  granted_date TEXT);"
	"CREATE TABLE fin_credit("
	"  id INTEGER PRIMARY KEY,"
	"  unit_id INTEGER NOT NULL REFERENCES unit(id),"
	"  bank TEXT NOT NULL,"
	"  date TEXT NOT NULL,"
	"  kind TEXT NOT NULL CHECK (kind IN ('cut', 'call')),"
	"  amount INTEGER NOT NULL,"
	"  note TEXT,"
	"  UNIQUE (unit_id, bank, date, kind));"
	"CREATE TABLE fin_guarantee("
	"  id INTEGER PRIMARY KEY,"
	"  code TEXT NOT NULL UNIQUE,"
	"  guarantor_id INTEGER NOT NULL REFERENCES unit(id),"
	"  borrower_id INTEGER NOT NULL REFERENCES unit(id),"
	"  bank TEXT,"
	"  amount INTEGER NOT NULL,"
	"  start TEXT,"
	"  ends TEXT,"
	"  CHECK (guarantor_id <> borrower_id));"
	"CREATE TABLE fin_intervention("
	"  id INTEGER PRIMARY KEY,"
	"  unit_id INTEGER NOT NULL REFERENCES unit(id),"
	"  date TEXT NOT NULL,"
	"  kind TEXT NOT NULL CHECK (kind IN ('meeting', 'restructure', 'bridge')),"
	"  bank TEXT,"
	"  outcome TEXT,"
	"  UNIQUE (unit_id, date, kind));",
	/* 16: ledgers (台账, docs/formats.md "Ledgers"): each ledger's
	 * definition file as text, its rows by key (the fields' canonical
	 * texts joined by \x1f, in the definition's order, and the import that
	 * last wrote each), and the indicators its figures publish. */
	"CREATE TABLE ledger("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL UNIQUE,"
	"  title TEXT NOT NULL,"
	"  def TEXT NOT NULL);"
	"CREATE TABLE ledger_row("
	"  ledger_id INTEGER NOT NULL REFERENCES ledger(id),"
	"  k TEXT NOT NULL,"
	"  vals TEXT NOT NULL,"
	"  import_id INTEGER REFERENCES import_log(id),"
	"  PRIMARY KEY (ledger_id, k)) WITHOUT ROWID;"
	"CREATE TABLE ledger_figure("
	"  code TEXT NOT NULL PRIMARY KEY,"
	"  ledger_id INTEGER NOT NULL REFERENCES ledger(id)) WITHOUT ROWID;",
	/* 17: the values filed over several months (a year to date, 1-8月),
	 * few beside the months, found at once for the import's check of
	 * mixed filings (io/import_mixed.c) */
	"CREATE INDEX obs_span ON obs(ind_id, year, unit_id) WHERE first <> last;",
	/* 18: a unit's unified social credit code (统一社会信用代码, GB
	 * 32100-2015), unique among units when given; and the import that
	 * first filed each value, never changed by a later one (late filers,
	 * kfq missing); the values stored before it: their last import. No
	 * foreign key: it is import_id's first value, which has one, and a
	 * second check per row cost PostgreSQL's COPY a sixth of its speed. */
	"ALTER TABLE unit ADD COLUMN uscc TEXT;"
	"CREATE UNIQUE INDEX unit_uscc ON unit(uscc) WHERE uscc IS NOT NULL;"
	"ALTER TABLE obs ADD COLUMN first_import INTEGER;"
	"UPDATE obs SET first_import = import_id WHERE import_id IS NOT NULL;"
	/* an import of values reported before kfq kept them (补录, --backfill):
	 * what it files first is never judged late */
	"ALTER TABLE import_log ADD COLUMN backfill INTEGER NOT NULL DEFAULT 0;",
	/* 19: published reports (kfq report publish, docs/reports.md): each
	 * revision of a template's document for a unit and a period as it was
	 * published (its Markdown and HTML, the template's text), and every
	 * figure it printed, by its reference, as it was written; kept as
	 * they were, whatever is corrected later. */
	"CREATE TABLE report_pub("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL,"
	"  unit_id INTEGER NOT NULL REFERENCES unit(id),"
	"  period TEXT NOT NULL,"
	"  revision INTEGER NOT NULL CHECK (revision >= 1),"
	"  at TEXT NOT NULL,"
	"  who TEXT NOT NULL,"
	"  reason TEXT,"
	"  template TEXT NOT NULL,"
	"  md TEXT NOT NULL,"
	"  html TEXT NOT NULL,"
	"  UNIQUE (name, unit_id, period, revision));"
	"CREATE TABLE report_pub_figure("
	"  pub_id INTEGER NOT NULL REFERENCES report_pub(id),"
	"  ref TEXT NOT NULL,"
	"  text TEXT NOT NULL,"
	"  PRIMARY KEY (pub_id, ref)) WITHOUT ROWID;"
	"CREATE TRIGGER report_pub_no_update BEFORE UPDATE ON report_pub"
	"  BEGIN SELECT RAISE(ABORT, 'a published report is kept as it was'); END;"
	"CREATE TRIGGER report_pub_no_delete BEFORE DELETE ON report_pub"
	"  BEGIN SELECT RAISE(ABORT, 'a published report is kept as it was'); END;"
	"CREATE TRIGGER report_pub_figure_no_update BEFORE UPDATE ON report_pub_figure"
	"  BEGIN SELECT RAISE(ABORT, 'a published report is kept as it was'); END;"
	"CREATE TRIGGER report_pub_figure_no_delete BEFORE DELETE ON report_pub_figure"
	"  BEGIN SELECT RAISE(ABORT, 'a published report is kept as it was'); END;",

	/* 20: a unit's roll-ups stored beside its siblings' (keyed by the
	 * parent, 0 for a top-level unit), so that the figures of a zone and
	 * of the zones it is ranked among are read from a few pages, not one
	 * page apart for every park between them. The spans keep their
	 * encoding (calc/rollup.c reads both). */
	"CREATE TABLE rollup_new("
	"  ind_id INTEGER NOT NULL REFERENCES indicator(id),"
	"  year INTEGER NOT NULL,"
	"  scope_year INTEGER NOT NULL,"
	"  parent_id INTEGER NOT NULL,"
	"  unit_id INTEGER NOT NULL REFERENCES unit(id),"
	"  spans BLOB NOT NULL,"
	"  PRIMARY KEY (ind_id, year, scope_year, parent_id, unit_id)) WITHOUT ROWID;"
	"INSERT INTO rollup_new(ind_id, year, scope_year, parent_id, unit_id, spans)"
	"  SELECT r.ind_id, r.year, r.scope_year, coalesce(u.parent_id, 0), r.unit_id, r.spans"
	"  FROM rollup r JOIN unit u ON u.id = r.unit_id;"
	"DROP TABLE rollup;"
	"ALTER TABLE rollup_new RENAME TO rollup;",

	/* 21: a version of the units and indicators, counted up by every
	 * change to either (an update that changes nothing counts nothing): a
	 * server's threads keep their model while it stands (model/model.c
	 * model_get). A column added to unit or indicator joins its WHEN
	 * here. Not copied by kfq copy: the copy's own writes count the
	 * target's. */
	"CREATE TABLE model_version(id INTEGER PRIMARY KEY CHECK (id = 1), n INTEGER NOT NULL);"
	"INSERT INTO model_version(id, n) VALUES (1, 0);"
	"CREATE TRIGGER unit_model_ins AFTER INSERT ON unit"
	"  BEGIN UPDATE model_version SET n = n + 1; END;"
	"CREATE TRIGGER unit_model_del AFTER DELETE ON unit"
	"  BEGIN UPDATE model_version SET n = n + 1; END;"
	"CREATE TRIGGER unit_model_upd AFTER UPDATE ON unit"
	"  WHEN OLD.id IS NOT NEW.id OR OLD.code IS NOT NEW.code "
	"  OR OLD.name IS NOT NEW.name OR OLD.kind IS NOT NEW.kind "
	"  OR OLD.parent_id IS NOT NEW.parent_id "
	"  OR OLD.industry IS NOT NEW.industry "
	"  OR OLD.land_mu IS NOT NEW.land_mu "
	"  OR OLD.hightech IS NOT NEW.hightech "
	"  OR OLD.synthetic IS NOT NEW.synthetic OR OLD.uscc IS NOT NEW.uscc "
	"  BEGIN UPDATE model_version SET n = n + 1; END;"
	"CREATE TRIGGER indicator_model_ins AFTER INSERT ON indicator"
	"  BEGIN UPDATE model_version SET n = n + 1; END;"
	"CREATE TRIGGER indicator_model_del AFTER DELETE ON indicator"
	"  BEGIN UPDATE model_version SET n = n + 1; END;"
	"CREATE TRIGGER indicator_model_upd AFTER UPDATE ON indicator"
	"  WHEN OLD.id IS NOT NEW.id OR OLD.code IS NOT NEW.code "
	"  OR OLD.name_zh IS NOT NEW.name_zh OR OLD.name_en IS NOT NEW.name_en "
	"  OR OLD.measure IS NOT NEW.measure OR OLD.kind IS NOT NEW.kind "
	"  OR OLD.agg IS NOT NEW.agg OR OLD.decimals IS NOT NEW.decimals "
	"  OR OLD.scope IS NOT NEW.scope OR OLD.formula IS NOT NEW.formula "
	"  OR OLD.headline IS NOT NEW.headline "
	"  OR OLD.derived IS NOT NEW.derived "
	"  BEGIN UPDATE model_version SET n = n + 1; END;",

	/* 22: the latest month with a value in a key (the largest last of its
	 * observations; 0 when it has none), kept with its roll-ups so that
	 * "the latest month with data" reads one row, not the indicator-year
	 * (kfq target list); filled here for the keys stored. NULL: not known
	 * (read from the observations). */
	"ALTER TABLE rollup_state ADD COLUMN latest INTEGER;"
	"UPDATE rollup_state SET latest = coalesce((SELECT max(o.last) FROM obs o WHERE"
	"  o.ind_id = rollup_state.ind_id AND o.year = rollup_state.year), 0);",

	/* 23: a unit's months of an indicator-year in one row (obs_m: month m's
	 * value vm, the import that last wrote it im, its line lm and the import
	 * that first filed it fm; NULL where the month has none), a twelfth of
	 * the rows to write and read; the values of several months (a year to
	 * date, a quarter) in obs_ytd, one a row as before. obs becomes a view
	 * of both, one row a value as the table was, for the readers: it and
	 * writing through it are in each engine's terms (store/schema_obs.c,
	 * schema_migration_triggers). The import ids
	 * have no foreign key, like first_import: 48 checks a row cost the
	 * import a fifth of its time, and they are import_log's own ids. */
	"CREATE TABLE month12(n INTEGER PRIMARY KEY);"
	"INSERT INTO month12(n) VALUES (1), (2), (3), (4), (5), (6), (7), (8), (9), (10), (11), (12);"
	"CREATE TABLE obs_m("
	"  ind_id INTEGER NOT NULL REFERENCES indicator(id),"
	"  year INTEGER NOT NULL,"
	"  unit_id INTEGER NOT NULL REFERENCES unit(id),"
	M12(OBS_M_COLUMN)
	"  PRIMARY KEY (ind_id, year, unit_id)) WITHOUT ROWID;"
	"INSERT INTO obs_m(ind_id, year, unit_id" M12(OBS_M_NAMES) ")"
	"  SELECT ind_id, year, unit_id" M12(OBS_M_PIVOT) " FROM obs WHERE first = last"
	"  GROUP BY ind_id, year, unit_id;"
	"CREATE TABLE obs_ytd("
	"  ind_id INTEGER NOT NULL REFERENCES indicator(id),"
	"  year INTEGER NOT NULL,"
	"  unit_id INTEGER NOT NULL REFERENCES unit(id),"
	"  last INTEGER NOT NULL CHECK (last BETWEEN 1 AND 12),"
	"  first INTEGER NOT NULL CHECK (first BETWEEN 1 AND last - 1),"
	"  value INTEGER NOT NULL,"
	"  import_id INTEGER REFERENCES import_log(id),"
	"  line INTEGER,"
	"  first_import INTEGER,"
	"  PRIMARY KEY (ind_id, year, unit_id, last, first)) WITHOUT ROWID;"
	"INSERT INTO obs_ytd SELECT ind_id, year, unit_id, last, first, value, import_id, line,"
	"  first_import FROM obs WHERE first <> last;"
	"DROP TABLE obs;",
};

const char *const SCHEMA_TABLES[] = {
	"meta", "import_log", "unit", "unit_group", "indicator", "obs_m", "obs_ytd", "target",
	"history",
	"rollup", "rollup_state", "project", "project_note", "project_problem", "lead",
	"lead_stage", "household", "visit", "case_sla", "holiday", "case_dept", "kase",
	"case_event", "ix_category", "ix_weight", "ix_item", "ix_quote", "ix_survey",
	"ix_question", "ix_answer", "ix_month", "ix_value", "ix_flag", "ix_prosperity", "as_run",
	"as_input", "as_result", "as_part", "account", "account_role", "session", "login_fail",
	"audit", "vrule", "finding", "approval", "publication", "published_figure",
	"fin_fund", "fin_fund_move", "fin_loan", "fin_loan_event", "fin_meeting",
	"fin_meeting_bank", "fin_meeting_ent", "fin_need", "fin_credit", "fin_guarantee",
	"fin_intervention",
	"ledger", "ledger_row", "ledger_figure", "report_pub", "report_pub_figure", NULL,
};

const char *const SCHEMA_SELF_REFS[][2] = {
	{ "unit", "parent_id" }, { "kase", "merged_into" }, { "ix_category", "parent_id" },
	{ "ix_item", "replaces_id" }, { NULL, NULL },
};

const char *const SCHEMA_ID_TABLES[] = {
	"import_log", "unit", "indicator", "history", "project_problem", "lead", "lead_stage",
	"household", "visit", "kase", "case_event", "ix_category", "ix_item", "as_run", "account",
	"audit", "finding", "publication",
	"fin_fund", "fin_fund_move", "fin_loan", "fin_loan_event", "fin_meeting", "fin_need",
	"fin_credit", "fin_guarantee", "fin_intervention",
	"ledger", "report_pub", NULL,
};

int schema_count(void)
{
	return (int)(sizeof MIGRATIONS / sizeof MIGRATIONS[0]);
}

const char *schema_migration(int from_version)
{
	if (from_version < 0 || from_version >= schema_count())
		return 0;
	return MIGRATIONS[from_version];
}
