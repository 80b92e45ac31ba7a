# t0200-postgres: the same kfq on a PostgreSQL server (run by tests/pg.sh
# with $KFQ_TEST_PG, the URL of a throwaway server's database): the demo
# built there equals the SQLite one in every export and every report;
# kfq copy takes it SQLite → PostgreSQL → SQLite and back to the same
# database; concurrent imports into different parks both commit, with the
# totals of both; a client killed in the middle of an import, or its
# server process terminated, leaves nothing half-written.
if [ -z "${KFQ_TEST_PG:-}" ]; then
	ok "no PostgreSQL server for this run (tests/pg.sh runs this script on one)"
	return 0 2>/dev/null || exit 0
fi
S=$DATA/../../docs/examples/schemes
# the URL of a database (a schema) of this script's own
pg() { echo "$KFQ_TEST_PG&options=-csearch_path%3D$1"; }
psqlq() { psql -X -q -At "$KFQ_TEST_PG" -c "SET search_path = $1" -c "$2"; }
NOW=2018-01-31T00:00:00Z
# a server this script ran on before holds its schemas: start afresh
psql -X -q -At "$KFQ_TEST_PG" -c "DROP SCHEMA IF EXISTS demo, copied, conc CASCADE" > /dev/null 2>&1

# the demo, built on the server with the clock of the shared SQLite build;
# by the release build when one is given ($KFQ_REL): some 300 000
# statements, each a round trip, 32 s under the sanitizers against 22 s
# (the unit suites run the PostgreSQL backend under them on this server)
check "kfq demo on PostgreSQL" env KFQ_NOW=$NOW ${KFQ_REL:-$KFQ} --db "$(pg demo)" demo
has out.txt " 1320 enterprises" "the same zone"
KINDS=$($KFQ import --help | sed -n '/^KIND/,/^$/p' | tail -n +2)
# The SQLite side of each comparison (the demo file, and the copy brought
# back) is read by the release build when given ($KFQ_REL): the SQLite
# scripts run these commands under the sanitizers, and here some 75 runs
# of them took 20 s of CPU beside the other phases; the server's side is
# read by $KFQ, the PostgreSQL backend under ASan and UBSan.
S_KFQ=${KFQ_REL:-$KFQ}
for k in $KINDS; do
	$S_KFQ --db "$DEMO_DB" export $k --output s-$k.csv
	$KFQ --db "$(pg demo)" export $k --output p-$k.csv 2> err.txt
	same s-$k.csv p-$k.csv "export $k: the same on both"
done
n=0
while IFS= read -r cmd; do
	n=$((n + 1))
	KFQ_TODAY=2017-12-31 $S_KFQ --db "$DEMO_DB" $cmd > s-$n.txt 2>&1
	KFQ_TODAY=2017-12-31 $KFQ --db "$(pg demo)" $cmd > p-$n.txt 2>&1
	same s-$n.txt p-$n.txt "kfq $cmd: the same on both"
done <<LIST
bulletin --period 2017 --unit danyang
bulletin --period 2017-08 --format csv --lang en
show taxable_sales --period 2017 --by children --format csv
show ind_value_added --period 2017年1-8月 --format json
project list --format csv
project stats --period 2017 --format csv
project warn --date 2017-10-01 --format csv
project show xm01
lead list --format csv
lead stats --period 2017 --format csv
lead stats --period 2017 --by origin --format csv
lead funnel --date 2017-12-31 --format csv
case list --format csv
case stats --period 2017 --by dept --format csv
case overdue --date 2017-12-31 --format csv
case show wt0017
visit stats --period 2017 --format csv
index show --category lenses --format csv
index contributions --period 2017-12 --format csv
index flags --period 2017-04 --format csv
index prosperity --period 2017-12 --format csv
index superlative --period 2017-12 --format csv
finance fund --date 2017-12-31 --format csv
finance loans --date 2017-12-31 --format csv
finance meetings
finance network
finance exposure ent0103 --format csv
finance warn --date 2017-12-31 --format csv
show risk_fund --unit danyang --period 2017
show fund_leverage_used --unit danyang --period 2017-10 --format csv
assess show $S/jiangsu-zones-2017.scheme --period 2017 --format csv
assess show $S/jiangsu-zones-2017.scheme --period 2017 --entity danyang --explain
assess classes $S/danyang-per-mu-2017.scheme --period 2017 --format csv
assess sensitivity $S/jiangsu-zones-2017.scheme --period 2017 --seed 7 --runs 200 --format csv
history --limit 300 --format csv
LIST

# kfq copy: SQLite → PostgreSQL → SQLite gives the same database
check "copy the SQLite demo to the server" $KFQ copy --from "$DEMO_DB" --to "$(pg copied)"
has out.txt "copied " "it says how many rows"
check "and back to a file" $KFQ copy --from "$(pg copied)" --to back.db
dump "$DEMO_DB" a.sql; dump back.db b.sql
# rows of ix_flag (no key of their own) may come back in another order;
# the model version (a count of the changes to units and indicators that
# each database made itself) is not copied
grep -v "^INSERT INTO model_version " a.sql | sort > a.sorted
grep -v "^INSERT INTO model_version " b.sql | sort > b.sorted
same a.sorted b.sorted "SQLite → PostgreSQL → SQLite: the same rows in every table"
grep -c "^INSERT INTO model_version " b.sql > n.txt
equal "$(cat n.txt)" 1 "the copy has its model version"
for k in $KINDS; do
	$S_KFQ --db back.db export $k --output b-$k.csv
	same s-$k.csv b-$k.csv "export $k after the round trip"
done
check_exit 1 "a copy into a database that holds data is refused" \
	$KFQ copy --from "$DEMO_DB" --to "$(pg copied)"
has err.txt "already holds data" "it says why"
equal "$(psqlq copied "SELECT count(*) FROM unit")" "$(sqlite3 "$DEMO_DB" "SELECT count(*) FROM unit")" \
	"and the copy is untouched"

# concurrent imports into two parks of one zone: both commit
{ echo "code,name,kind,parent"; echo "z,开发区,zone,"; echo "p1,一园,park,z"; echo "p2,二园,park,z"
  i=1; while [ $i -le 200 ]; do echo "a$i,甲$i,enterprise,p1"; echo "b$i,乙$i,enterprise,p2"; i=$((i + 1)); done
} > units.csv
printf 'code,name_zh,measure,kind,agg,decimals\nsales,销售,万元,flow,sum,2\n' > inds.csv
for p in a b; do
	{ echo "unit,indicator,period,value"; i=1
	  while [ $i -le 200 ]; do for m in 1 2 3 4 5 6; do echo "$p$i,sales,2017-0$m,$i.5"; done; i=$((i + 1)); done
	} > data_$p.csv
done
$KFQ --db "$(pg conc)" init > /dev/null
$KFQ --db "$(pg conc)" import units units.csv > /dev/null
$KFQ --db "$(pg conc)" import indicators inds.csv > /dev/null
( $KFQ --db "$(pg conc)" import data data_a.csv > a.out 2>&1; echo $? > a.rc ) &
( $KFQ --db "$(pg conc)" import data data_b.csv > b.out 2>&1; echo $? > b.rc ) &
wait
equal "$(cat a.rc) $(cat b.rc)" "0 0" "two imports at once into two parks both commit"
$KFQ --db "$(pg conc)" show sales --unit z --period 2017年1-6月 --by children --format csv > conc.csv
# Σ (i + 0.5), i = 1..200, is 20 200, times 6 months: 121 200 per park
equal "$(csv_field conc.csv z, value)" "242400.00" "the zone's total holds both parks (2 × 121 200)"
equal "$(csv_field conc.csv p1, value)" "121200.00" "and each park its own"

# a client killed mid-import, or its server process terminated: nothing
# half-written. To catch the import in the middle on any machine, another
# session holds the roll-up table against writers: the import has logged
# itself and written every value, uncommitted, when it stops there to
# rebuild the roll-ups; then it is killed.
# 400 enterprises × 8 years × 12 months: 38 400 values
for y in 2018 2019 2020 2021 2022 2023 2024 2025; do
	for m in 01 02 03 04 05 06 07 08 09 10 11 12; do
		i=1; while [ $i -le 200 ]; do echo "a$i,sales,$y-$m,1"; echo "b$i,sales,$y-$m,1"; i=$((i + 1)); done
	done
done > rows.csv
{ echo "unit,indicator,period,value"; cat rows.csv; } > big.csv
before=$(psqlq conc "SELECT count(*) || '/' || (SELECT count(*) FROM import_log) FROM obs")
# hold: the roll-ups locked against writers until released
hold() {
	psql -X -q -At "$(pg conc)&application_name=kfq-hold" -c \
		"BEGIN; LOCK TABLE rollup_state IN SHARE ROW EXCLUSIVE MODE; SELECT pg_sleep(300); COMMIT" \
		> /dev/null 2>&1 &
	holder=$!
	waitfor "SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a USING (pid) WHERE a.application_name = 'kfq-hold' AND l.relation = 'rollup_state'::regclass AND l.granted"
}
release() {
	psqlq conc "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'kfq-hold'" > /dev/null
	wait $holder 2>/dev/null
}
# waitfor SQL: until SQL counts at least one row (a minute at most)
waitfor() {
	local t=0
	while [ "$(psqlq conc "$1")" = 0 ] && [ $t -lt 600 ]; do sleep 0.1; t=$((t + 1)); done
}
# the named client's server process, waiting for the roll-ups
stuck() { echo "SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a USING (pid) WHERE a.application_name = '$1' AND l.relation = 'rollup_state'::regclass AND NOT l.granted"; }
gone() { echo "SELECT (count(*) = 0)::int FROM pg_stat_activity WHERE application_name = '$1'"; }

hold
$KFQ --db "$(pg conc)&application_name=kfq-victim" import data big.csv > /dev/null 2>&1 &
victim=$!
waitfor "$(stuck kfq-victim)"
equal "$(psqlq conc "$(stuck kfq-victim)")" 1 "the import is caught in the middle, its rows written"
kill -9 $victim
wait $victim 2>/dev/null
release
waitfor "$(gone kfq-victim)"   # the server notices the lost client and rolls back
equal "$(psqlq conc "SELECT count(*) || '/' || (SELECT count(*) FROM import_log) FROM obs")" \
	"$before" "a client killed mid-import wrote nothing"

hold
( $KFQ --db "$(pg conc)&application_name=kfq-term" import data big.csv > term.out 2>&1; echo $? > term.rc ) &
term=$!
waitfor "$(stuck kfq-term)"
equal "$(psqlq conc "$(stuck kfq-term)")" 1 "the second import is caught in the middle too"
psqlq conc "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'kfq-term'" > /dev/null
wait $term
release
equal "$(cat term.rc)" 2 "a terminated server process is an internal fault (exit 2)"
equal "$(psqlq conc "SELECT count(*) || '/' || (SELECT count(*) FROM import_log) FROM obs")" "$before" \
	"and wrote nothing"
check "the same import, undisturbed" $KFQ --db "$(pg conc)" import data big.csv
has out.txt "38400 added" "adds every row"

# ---- kfq serve on the server: the same figures as the command line, a
# write through the API seen by both ----
echo "server-password-1" | check "user add on PostgreSQL" \
	$KFQ --db "$(pg copied)" user add stat --unit danyang --role statistician
rm -f ready
$KFQ --db "$(pg copied)" serve --listen 127.0.0.1:0 --ready-file ready --log serve.log 2> serve.err &
srv=$!
n=0
while [ ! -s ready ] && [ $n -lt 300 ] && kill -0 $srv 2>/dev/null; do sleep 0.1; n=$((n + 1)); done
A=$(cat ready 2>/dev/null)
[ -n "$A" ] && ok "kfq serve on PostgreSQL listens" || { bad "kfq serve on PostgreSQL did not start"; cat serve.err; }
curl -s -c jar -o me.json -H 'Content-Type: application/json' \
	-d '{"name": "stat", "password": "server-password-1"}' "http://$A/api/v1/login"
csrf=$(jq -r '.csrf_token // empty' me.json)
equal "$(printf %s "$csrf" | wc -c)" 32 "signing in on PostgreSQL"
curl -s -b jar -o api.json "http://$A/api/v1/figures?period=2017-08"
$KFQ --db "$(pg copied)" bulletin --period 2017-08 --format json > cli.json
same api.json cli.json "the API's bulletin on PostgreSQL is the command line's"
code=$(curl -s -o put.json -w '%{http_code}' -b jar -X PUT -H "X-CSRF-Token: $csrf" \
	-H 'Content-Type: application/json' -H 'If-Match: *' --data '{"value": "1"}' \
	"http://$A/api/v1/observations/ent0001/taxable_sales/2017-08")
equal "$code" 200 "a value written through the API on PostgreSQL"
curl -s -b jar -o api.json "http://$A/api/v1/figures?period=2017-08"
$KFQ --db "$(pg copied)" bulletin --period 2017-08 --format json > cli.json
same api.json cli.json "and the bulletin after it is the command line's"
hasnt cli.json '"ytd": 216.65' "which shows the change"
kill -TERM $srv
wait $srv
equal "$?" 0 "the server stops"
