# t0306-serve-targets: the statistician's targets through kfq serve
# (docs/web.md, issue 15): GET /api/v1/targets is kfq target list --format
# json byte for byte, and its figures are those of kfq show and kfq
# bulletin; a target set with PUT /api/v1/targets/{unit}/{indicator}/{year}
# (the right setup, If-Match, a reason) is in the list, the bulletin and the
# history as kfq target set's; and the refusals: no right (403), a value
# that is not a number or a JSON number, no reason, an unknown indicator, a
# bad year (400, in the command line's words), a unit outside the account's
# subtree (404, as one that does not exist), no If-Match (428), a target
# changed since it was read (409 with both values, nothing written).
top=$(cd "$DATA/../.." && pwd)
R=${KFQ_REL:-$KFQ}
demo_copy d.db
. "$top/tests/cli/serve_lib.sh"

echo "stat-password-1" | "$R" --db d.db user add stat --unit danyang --role statistician > /dev/null
echo "stat-password-2" | "$R" --db d.db user add stat_et --unit eyewear_town --role statistician > /dev/null
echo "stat-password-3" | "$R" --db d.db user add stat_et2 --unit eyewear_town --role statistician > /dev/null
echo "clerk-password-1" | "$R" --db d.db user add clerk_et --unit eyewear_town --role clerk > /dev/null
echo "leader-password" | "$R" --db d.db user add boss --unit danyang --role leader > /dev/null
start_server d.db req.log
login stat stat-password-1 js; cs=$csrf
login stat_et stat-password-2 je; ce=$csrf
login stat_et2 stat-password-3 je2; ce2=$csrf
login clerk_et clerk-password-1 jc; cc=$csrf
login boss leader-password jb; cb=$csrf

# put PATH JSON JAR CSRF [If-Match value]
put() {
	if [ -n "${5:-}" ]; then
		code=$(curl -s -o body.json -w '%{http_code}' -X PUT -H 'Content-Type: application/json' \
			-H 'Accept-Language: en' -H "X-CSRF-Token: $4" -H "If-Match: \"$5\"" \
			--data-binary "$2" -b "$3" "http://$A$1")
	else
		code=$(curl -s -o body.json -w '%{http_code}' -X PUT -H 'Content-Type: application/json' \
			-H 'Accept-Language: en' -H "X-CSRF-Token: $4" --data-binary "$2" -b "$3" "http://$A$1")
	fi
}
# row FILE INDICATOR FIELD: a field of an indicator's row of a targets list
row() {
	jq -r --arg i "$2" ".[] | select(.indicator == \$i) | .$3" "$1"
}

# ---- the list: the command line's, and the figures of show and bulletin ----
api_cli "the zone's targets are kfq target list's" "/api/v1/targets?year=2017" js \
	target list --year 2017
cp body.json zone.json
api_cli "a park's" "/api/v1/targets?year=2017&unit=eyewear_town" js \
	target list --year 2017 --unit eyewear_town
api_cli "a park's statistician gets its own park's by default" "/api/v1/targets?year=2017" je \
	target list --year 2017 --unit eyewear_town
api_cli "an enterprise's: the headline indicators, without targets" \
	"/api/v1/targets?year=2017&unit=ent0001" js target list --year 2017 --unit ent0001
equal "$(jq '[.[] | select(.target != null)] | length' body.json)" 0 "ent0001 has no target"
equal "$(jq length body.json)" 6 "and its six headline indicators are listed"
"$R" --db d.db show taxable_sales --unit danyang --period 2017 --format json > show.json
equal "$(row zone.json taxable_sales target)" "$(jq -r '.[0].target' show.json)" \
	"the zone's target of taxable sales is kfq show's ($(jq -r '.[0].target' show.json))"
equal "$(row zone.json taxable_sales completion)" "$(jq -r '.[0].completion' show.json)" \
	"so is its completion"
equal "$(row zone.json taxable_sales ytd)" "$(jq -r '.[0].ytd' show.json)" "and its year to date"
"$R" --db d.db bulletin --period 2017 --format json > bull.json
# the bulletin names its units and indicators: the zone's rows first, in
# the headline order
for k in 0:taxable_sales 3:gdp 5:import_export; do
	equal "$(row zone.json ${k#*:} time_progress)" "$(jq -r ".[${k%%:*}].time_progress" bull.json)" \
		"${k#*:}: 序时进度 as the bulletin's"
done
equal "$(row zone.json taxable_sales source)" own "the zone's taxable sales target is its own"
equal "$(row zone.json key_inv_actual source)" children "the key projects' plan is its projects' sum"
equal "$(row zone.json key_inv_actual version)" none "which has no version of its own"
equal "$(jq -r '.[0].indicator' zone.json)" taxable_sales "the headline indicators first"

# a year with data to March only: the year to date at its latest month
printf 'unit,indicator,period,value(万元)\nent0001,taxable_sales,2018-01,150\nent0001,taxable_sales,2018-02,160\nent0001,taxable_sales,2018-03,230\n' > y18.csv
check "2018's first months of ent0001 imported" "$R" --db d.db import data y18.csv
check "a 2018 target of ent0001 set by the command line" "$R" --db d.db target set ent0001 taxable_sales \
	2018 0.2 --note "the 2018 plan (年初目标)"
api_cli "2018's targets of ent0001" "/api/v1/targets?year=2018&unit=ent0001" js \
	target list --year 2018 --unit ent0001
equal "$(row body.json taxable_sales period)" "2018年1-3月" "the year to date at March"
"$R" --db d.db show taxable_sales --unit ent0001 --period 2018年1-3月 --format json > show.json
equal "$(row body.json taxable_sales ytd)/$(row body.json taxable_sales completion)" \
	"$(jq -r '.[0].ytd' show.json)/$(jq -r '.[0].completion' show.json)" \
	"540 万元 of 0.2 亿元: kfq show's year to date and completion ($(jq -r '.[0].completion' show.json)%)"
equal "$(row body.json taxable_sales time_progress)" 108 "序时进度: the completion over a quarter of the year"
api_cli "2018's targets of the zone" "/api/v1/targets?year=2018" js target list --year 2018
equal "$(row body.json taxable_sales source)/$(row body.json taxable_sales target)" children/0.2 \
	"the zone's is its enterprise's sum"
equal "$(row body.json gdp target)" null "no target of GDP in 2018"

# ---- refusals of the list ----
get "/api/v1/targets" -b js -H 'Accept-Language: en'
equal "$code" 400 "no year is 400"
has body.json "give the year" "and says so"
get "/api/v1/targets?year=2017-13" -b js -H 'Accept-Language: en'
equal "$code" 400 "a bad year is 400"
equal "$(jq -r .error.field body.json)" year "naming the field"
get "/api/v1/targets?year=2017-08" -b js -H 'Accept-Language: en'
equal "$code" 400 "a month is not a year"
jq -r .error.message body.json > msg.txt
has msg.txt '"2017-08" is not a year (expected 2017 or 2017年)' "in the import's words"
get "/api/v1/targets?year=2017&unit=japan_park" -b je -H 'Accept-Language: en'
equal "$code" 404 "another park's targets are 404 to a park's statistician"
has body.json 'unknown unit \"japan_park\"' "as a unit that does not exist"

# ---- one target set: versions, history, the bulletin ----
T=/api/v1/targets/eyewear_town/taxable_sales/2017
curl -s -D headers.txt -o body.json -b je "http://$A$T"
v1=$(jq -r .version body.json)
equal "$(jq -r .value body.json)" "$("$R" --db d.db export targets | grep '^eyewear_town,taxable_sales,2017,' | cut -d, -f4 | sed 's/0*$//; s/\.$//')" \
	"the park's own target, exact, as exported"
grep -qi "^etag: \"$v1\"" headers.txt && ok "its version is the ETag ($v1)" || bad "no ETag $v1"
put $T '{"value": "110", "note": "raised at the mid-year review (年中调整)"}' je "$ce"
equal "$code" 428 "without If-Match: 428"
put $T '{"value": "110", "note": "raised"}' jc "$cc" "$v1"
equal "$code" 403 "a clerk may not set a target"
has body.json setup "told the right it needs"
put $T '{"value": "110", "note": "raised"}' jb "$cb" "$v1"
equal "$code" 403 "nor may a leader"
put $T '{"value": "110"}' je "$ce" "$v1"
equal "$code" 400 "no reason is 400"
equal "$(jq -r .error.field body.json)" note "naming the note"
check_exit 1 "as on the command line" "$R" --db d.db --lang en target set eyewear_town taxable_sales 2017 110 --note ""
put $T '{"value": "110", "note": " \t　"}' je "$ce" "$v1"
equal "$code/$(jq -r .error.field body.json)" 400/note "a reason of blanks (a full-width space too) is none"
put $T "{\"value\": \"110\", \"note\": \"$(head -c 1001 /dev/zero | tr '\0' x)\"}" je "$ce" "$v1"
equal "$code/$(jq -r .error.field body.json)" 400/note "a reason over 1 000 bytes is 400"
put $T '{"value": "12,3x", "note": "raised"}' je "$ce" "$v1"
equal "$code" 400 "a value that is not a number is 400"
equal "$(jq -r .error.field body.json)" value "naming the value"
check_exit 1 "the command line refuses it too" "$R" --db d.db --lang en target set eyewear_town taxable_sales 2017 12,3x --note raised
msg=$(jq -r .error.message body.json)
has err.txt "$msg" "in the same words ($msg)"
put $T '{"value": "1.123456789012345", "note": "raised"}' je "$ce" "$v1"
equal "$code" 400 "more places than kfq keeps is 400"
has body.json "more decimal places than kfq keeps" "as the targets import says"
put $T '{"value": 110, "note": "raised"}' je "$ce" "$v1"
equal "$code" 400 "a JSON number is 400 (it would not stay exact)"
put /api/v1/targets/eyewear_town/nosuch/2017 '{"value": "1", "note": "raised"}' je "$ce" none
equal "$code" 400 "an unknown indicator is 400"
has body.json 'unknown indicator \"nosuch\"' "naming it"
put /api/v1/targets/eyewear_town/taxable_sales/2017-08 '{"value": "1", "note": "raised"}' je "$ce" none
equal "$code" 400 "a month is not a target's year"
equal "$(jq -r .error.field body.json)" year "naming the year"
put /api/v1/targets/japan_park/taxable_sales/2017 '{"value": "1", "note": "raised"}' je "$ce" '*'
equal "$code" 404 "another park's target is 404 to a park's statistician"
has body.json 'unknown unit \"japan_park\"' "as a unit that does not exist"
put /api/v1/targets/nowhere/taxable_sales/2017 '{"value": "1", "note": "raised"}' je "$ce" '*'
equal "$code" 404 "and one that does not exist is 404 too"
dump d.db before.sql
put $T '{"value": "110", "note": "raised at the mid-year review (年中调整)"}' je "$ce" "$v1"
equal "$code" 200 "the park's statistician sets its target"
equal "$(jq -r .result body.json)" changed "changed"
v2=$(jq -r .version body.json)
equal "$v2" v110000000000000 "its new version"
# the other statistician read it before the change: told, nothing written
put $T '{"value": "108.5", "note": "my figure"}' je2 "$ce2" "$v1"
equal "$code" 409 "a second statistician who read it before is told (409)"
equal "$(jq -r .error.stored body.json)/$(jq -r .error.yours body.json)" 110/108.5 "with both values"
equal "$(jq -r .error.version body.json)" "$v2" "and the version now"
has body.json "changed by someone else since you read it" "in words"
"$R" --db d.db export targets | grep '^eyewear_town,taxable_sales,2017,' > t.csv
has t.csv ",110" "nothing was overwritten"
"$R" --db d.db --lang en history --unit eyewear_town --indicator taxable_sales --format json > h.json
equal "$(jq -r '[.[] | select(.kind == "target")] | last | .note' h.json)" "raised at the mid-year review (年中调整)" \
	"history keeps the reason"
equal "$(jq -r '[.[] | select(.kind == "target")] | last | .who' h.json)" stat_et "and who"
equal "$(jq -r '[.[] | select(.kind == "target")] | last | .source' h.json)" web "from the web"
api_cli "the list has it" "/api/v1/targets?year=2017&unit=eyewear_town" je \
	target list --year 2017 --unit eyewear_town
equal "$(row body.json taxable_sales target)" 110 "110 亿元"
"$R" --db d.db bulletin --period 2017 --unit eyewear_town --format json > bull.json
equal "$(jq -r '.[0].target' bull.json)/$(jq -r '.[0].completion' bull.json)" \
	"110/$(row body.json taxable_sales completion)" "the bulletin shows the new target and its completion"
put $T '{"value": "110", "note": "again"}' je "$ce" "$v2"
equal "$(jq -r .result body.json)" unchanged "the same value again: unchanged"

# a target of its own where it was the children's sum
K=/api/v1/targets/danyang/key_inv_actual/2017
put $K '{"value": "150", "note": "the committee own plan"}' js "$cs" none
equal "$code" 200 "the zone's own plan of key projects is set"
equal "$(jq -r .result body.json)" added "added"
get "/api/v1/targets?year=2017" -b js
equal "$(row body.json key_inv_actual source)/$(row body.json key_inv_actual target)" own/150 \
	"it is the zone's own now, not its projects' sum"
"$R" --db d.db --lang en history --unit danyang --indicator key_inv_actual --format json > h.json
equal "$(jq -r 'last | .note' h.json)" "the committee own plan" "an added target is in history too"
put $K '{"value": "151", "note": "again"}' js "$cs" none
equal "$code" 409 "\"none\" once it has one: 409"
equal "$(jq -r .error.stored body.json)" 150 "naming what is there"

stop_server "the server stops cleanly"
grep -qE ' 5[0-9]{2} [0-9]+$' req.log && bad "the server answered 5xx" || ok "the server never answered 5xx"
