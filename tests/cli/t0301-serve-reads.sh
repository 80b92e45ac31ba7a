# t0301-serve-reads: the rest of issue 14's reads through kfq serve (real
# HTTP on loopback, curl): the leads' stats and funnel, one case in full
# and the campaign's figures, the eyewear index's month reports and its
# computation, the assessment's ranking and explanations. Each answer is
# compared byte for byte with the command line's --format json of the same
# request (the grids are report/'s, built once for both); and the
# refusals: a unit outside the account's subtree (404, as one that does
# not exist), a role without the right (403), a bad period (400 with the
# command line's words), another department's case (404) (docs/web.md).
# the command line's side of each comparison by the release build when
# given (the sanitizer build runs those commands in their own scripts, and
# runs the server here)
top=$(cd "$DATA/../.." && pwd)
R=${KFQ_REL:-$KFQ}
demo_copy d.db
. "$top/tests/cli/serve_lib.sh"

# ---- accounts ----
echo "stat-password-1" | check "user add: a statistician of the zone" \
	"$R" --db d.db user add stat --unit danyang --role statistician
echo "clerk-password-1" | check "user add: a clerk of the eyewear town" \
	"$R" --db d.db user add clerk_et --unit eyewear_town --role clerk
echo "clerk-password-2" | check "user add: a clerk of the Japanese park" \
	"$R" --db d.db user add clerk_jp --unit japan_park --role clerk

start_server d.db req.log
login stat stat-password-1 jar
equal "$code" 200 "the statistician signs in"
login clerk_et clerk-password-1 jarc
equal "$code" 200 "the eyewear town's clerk signs in"
login clerk_jp clerk-password-2 jarj
equal "$code" 200 "the Japanese park's clerk signs in"

# ---- the leads' stats and funnel ----
api_cli "the bureau's figures are kfq lead stats's" "/api/v1/leads/stats?period=2017" jar \
	lead stats --period 2017
api_cli "per origin too" "/api/v1/leads/stats?period=2017&by=origin" jar \
	lead stats --period 2017 --by origin
api_cli "a park's, per industry, for 1-8月" \
	"/api/v1/leads/stats?period=2017%E5%B9%B41-8%E6%9C%88&unit=eyewear_town&by=industry" jar \
	lead stats --period 2017年1-8月 --unit eyewear_town --by industry
api_cli "a park's clerk gets its own park's figures by default" "/api/v1/leads/stats?period=2017" \
	jarc lead stats --period 2017 --unit eyewear_town
get "/api/v1/leads/stats?period=2017&unit=eyewear_town" -b jarj -H 'Accept-Language: en'
equal "$code" 404 "another park's figures are 404 to a park's clerk"
has body.json 'unknown unit \"eyewear_town\"' "as a unit that does not exist"
get "/api/v1/leads/stats?period=2017&unit=nowhere" -b jarj
equal "$code" 404 "and one that does not exist is 404 too"
get "/api/v1/leads/stats?period=2017-13" -b jar
equal "$code" 400 "a bad period is 400"
check_exit 1 "as on the command line" "$R" --db d.db --lang zh lead stats --period 2017-13
msg=$(jq -r .error.message body.json)
has err.txt "$msg" "with the command line's words ($msg)"
equal "$(jq -r .error.field body.json)" period "naming the field"
get "/api/v1/leads/stats" -b jar
equal "$code" 400 "no period is 400"
get "/api/v1/leads/stats?period=2017&by=colour" -b jar
equal "$code" 400 "an unknown breakdown is 400"
api_cli "the funnel is kfq lead funnel's" "/api/v1/leads/funnel?date=2017-12-31" jar \
	lead funnel --date 2017-12-31
api_cli "on another day too" "/api/v1/leads/funnel?date=2016-06-30" jar \
	lead funnel --date 2016-06-30
get "/api/v1/leads/funnel?date=2017-12-31" -b jarc
equal "$code" 403 "the zone's funnel is not a park clerk's"
get "/api/v1/leads/funnel?date=2017-13-01" -b jar
equal "$code" 400 "a bad date is 400"

# ---- one case, and the campaign's figures ----
"$R" --db d.db case list --format json > cases.json
c1=$(jq -r '[.[] | select(.dept == "环保局")][0].code' cases.json)
c2=$(jq -r '[.[] | select(.dept != "环保局" and .dept != null)][0].code' cases.json)
c3=$(jq -r '[.[] | select(.household != null)][0].code' cases.json)
api_cli "a case is kfq case show's" "/api/v1/cases/$c1" jar case show "$c1"
api_cli "a household's case too (without its phone)" "/api/v1/cases/$c3" jar case show "$c3"
hasnt body.json '"phone": "1' "no phone number in it"
# the head's name and the address only when asked for, the asking recorded
# with the account and its address (issue 13, defect 9)
equal "$(jq -r '.[0].head' body.json)$(jq -r '.[0].address' body.json)" nullnull "nor the head's name and the address"
api_cli "?contacts=1: with the head, the address and the phone" "/api/v1/cases/$c3?contacts=1" jar case show "$c3" --with-contacts
equal "$(jq -r '.[0].head | length > 0' body.json)" true "the head's name is there"
get "/api/v1/cases/$c3?contacts=1" -b jar
get "/api/v1/cases/$c3?contacts=yes" -b jar
equal "$code" 400 "?contacts=yes is 400"
"$R" --db d.db audit --format csv --limit 1000 > audit.csv
equal "$(grep -c ",127.0.0.1,personal-data,stat,\"case $c3: the name, address and phone of household " audit.csv)" 2 \
	"each asking through the API is in the audit log, with the account and its address (none kept in a cache)"
get /api/v1/cases/nope -b jar -H 'Accept-Language: en'
equal "$code" 404 "a case that does not exist is 404"
has body.json 'unknown case \"nope\"' "in the command line's words"
get "/api/v1/cases/$c1" -b jarc
equal "$code" 404 "a park's clerk does not read the zone's cases (404, as one that does not exist)"
# an enterprise sees the problems it raised, and takes no step
fe=$(jq -r '[.[] | select(.enterprise != null)][0].enterprise' cases.json)
echo "firm-password-7" | "$R" --db d.db user add firm7 --unit "$fe" --role enterprise >/dev/null 2>&1
login firm7 firm-password-7 jare
api_cli "an enterprise's list is its own problems, as kfq case list --enterprise" /api/v1/cases jare \
	case list --enterprise "$fe"
equal "$(jq length body.json)" "$(jq --arg e "$fe" '[.[] | select(.enterprise == $e)] | length' cases.json)" \
	"every one of them"
ce=$(jq -r '.[0].code' body.json)
api_cli "and one of them in full" "/api/v1/cases/$ce" jare case show "$ce"
get "/api/v1/cases/$ce/steps" -b jare
equal "$(jq -c .actions body.json)" '[]' "with no step to take"
get "/api/v1/cases/$c2" -b jare
equal "$code" 404 "another's problem is 404 to it"
api_cli "the campaign's figures are kfq case stats's" "/api/v1/cases/stats?period=2017" jar \
	case stats --period 2017
api_cli "per department too" "/api/v1/cases/stats?period=2017&by=dept" jar \
	case stats --period 2017 --by dept
api_cli "per category in a quarter too" "/api/v1/cases/stats?period=2017Q3&by=category" jar \
	case stats --period 2017Q3 --by category
api_cli "and one campaign's" \
	"/api/v1/cases/stats?period=2017&campaign=2017%E6%9A%96%E4%BC%81%E6%83%A0%E6%B0%91%E5%A4%A7%E8%B5%B0%E8%AE%BF" \
	jar case stats --period 2017 --campaign 2017暖企惠民大走访
hasnt body.json '"raised": 0,' "which has the problems raised"
get "/api/v1/cases/stats?period=2017-00" -b jar
equal "$code" 400 "a bad period is 400"
check_exit 1 "as on the command line" "$R" --db d.db --lang zh case stats --period 2017-00
msg=$(jq -r .error.message body.json)
has err.txt "$msg" "with the command line's words ($msg)"
get "/api/v1/cases/stats?period=2017&by=street" -b jar -H 'Accept-Language: en'
equal "$code" 400 "an unknown breakdown is 400"
"$R" --db d.db --lang en case stats --period 2017 --by street 2>err.txt
has err.txt "$(jq -r .error.message body.json | sed 's/^by: //')" "in the command line's words"
get "/api/v1/cases/stats?period=2017" -b jarc
equal "$code" 403 "nor the campaign's figures"
echo "dept-password-01" | check "user add: a department's account (环保局)" \
	"$R" --db d.db user add hb --unit danyang --role cases --dept 环保局
login hb dept-password-01 jarh
equal "$code" 200 "it signs in"
api_cli "a department's account reads its department's case" "/api/v1/cases/$c1" jarh \
	case show "$c1"
get "/api/v1/cases/$c2" -b jar
equal "$code" 200 "another department's case is there for the zone's accounts"
get "/api/v1/cases/$c2" -b jarh -H 'Accept-Language: en'
equal "$code" 404 "but 404 to the department's account"
has body.json 'unknown case \"'"$c2"'\"' "as a case that does not exist"
get "/api/v1/cases/stats" -b jar
equal "$code" 400 "the figures without a period are 400"

# the campaign's visits
api_cli "the visits of a year are kfq visit stats's" "/api/v1/visits/stats?period=2017" jar \
	visit stats --period 2017
api_cli "of a month" "/api/v1/visits/stats?period=2017-03" jar visit stats --period 2017-03
get "/api/v1/visits/stats" -b jar
equal "$code" 400 "without a period it is 400"
get "/api/v1/visits/stats?period=2017" -b jarc
equal "$code" 403 "a park's clerk does not read the zone's campaign"

# the cases to chase (督办)
api_cli "the list to chase is kfq case overdue's" "/api/v1/cases/overdue?date=2018-01-20" jar \
	case overdue --date 2018-01-20
api_cli "with its days and soon" "/api/v1/cases/overdue?date=2018-01-10&days=2&soon=10" jar \
	case overdue --date 2018-01-10 --days 2 --soon 10
get "/api/v1/cases/overdue?date=2018-01-20&by=dept" -b jar
equal "$(jq '[.[].overdue] | add' body.json)" \
	"$("$R" --db d.db case overdue --date 2018-01-20 --format json | jq '[.[] | select(.days_overdue > 0)] | length')" \
	"per department: the overdue cases add up to the list's"
get "/api/v1/cases/overdue?days=3651" -b jar -H 'Accept-Language: en'
equal "$code" 400 "more than 3 650 days is 400"
has body.json "0 to 3650" "saying the range"
get "/api/v1/cases/overdue?soon=x" -b jar
equal "$code" 400 "a soon that is not a number is 400"
get "/api/v1/cases/overdue" -b jarh
equal "$code" 403 "a department's account is sent to its own overdue list"

# a list a page at a time: the same rows as the whole list, and how many in all
curl -s -D headers.txt -o body.json -b jar "http://$A/api/v1/cases?page=3&per_page=7"
equal "$(jq -c '[.[].code]' body.json)" "$(jq -c '[.[14:21][].code]' cases.json)" \
	"page 3 of 7 cases a page is the list's 15th to 21st"
has headers.txt "X-Total-Count: $(jq length cases.json)" "X-Total-Count says how many there are"
get "/api/v1/cases?page=1000&per_page=1000" -b jar
equal "$(jq -c . body.json)" "[]" "a page past the end is empty"
get "/api/v1/cases?page=0" -b jar
equal "$code" 400 "page 0 is 400"
get "/api/v1/projects?per_page=5" -b jar
equal "$(jq length body.json)" 5 "the register a page at a time"
get "/api/v1/leads?per_page=1001" -b jar
equal "$code" 400 "more than 1 000 a page is 400"

# a case's steps, and those the account may take next
ca=$(jq -r '[.[] | select(.status == "assigned")][0].code' cases.json)
da=$(jq -r '[.[] | select(.status == "assigned")][0].dept' cases.json)
cr=$(jq -r '[.[] | select(.status == "resolved")][0].code' cases.json)
get "/api/v1/cases/$c1/steps" -b jar
equal "$code" 200 "a case's steps are read"
equal "$(jq -r '.steps | length' body.json)" \
	"$("$R" --db d.db case show "$c1" | grep -cE '^ *20[0-9]{2}-[0-9]{2}-[0-9]{2} ')" \
	"as many steps as kfq case show lists"
equal "$(jq -r '.steps[0].action' body.json)" assign "the first is its assignment"
equal "$(jq -c .actions body.json)" '[]' "a statistician takes no step (no role cases)"
echo "office-password-1" | "$R" --db d.db user add office --unit danyang --role cases >/dev/null 2>&1
login office office-password-1 jaro
get "/api/v1/cases/$ca/steps" -b jaro
equal "$(jq -c .actions body.json)" '["accept","transfer","merge","close"]' \
	"an assigned case: the office may accept, transfer, merge or close it"
echo "dept-password-02" | "$R" --db d.db user add da --unit danyang --role cases --dept "$da" \
	>/dev/null 2>&1
login da dept-password-02 jard
get "/api/v1/cases/$ca/steps" -b jard
equal "$(jq -c .actions body.json)" '["accept"]' "its department ($da) may only accept it"
get "/api/v1/cases/$cr/steps" -b jaro
equal "$(jq -c .actions body.json)" '["confirm","reopen"]' "a resolved case: confirm or reopen"
get "/api/v1/cases/$c2/steps" -b jarh
equal "$code" 404 "another department's case's steps are 404 to a department"

# ---- the eyewear index: a month's reports, and its computation ----
for rep in contributions prosperity superlative; do
	api_cli "the index's $rep are kfq index $rep's" "/api/v1/index/$rep?period=2017-08" jarj \
		index $rep --period 2017-08
done
api_cli "in another month too" "/api/v1/index/contributions?period=2017%E5%B9%B412%E6%9C%88" jar \
	index contributions --period 2017年12月
api_cli "the base month's prosperity too" "/api/v1/index/prosperity?period=2016-12" jar \
	index prosperity --period 2016-12
get "/api/v1/index/flags?period=2017-08" -b jar
equal "$code" 403 "the flags (reporters and their prices) are not a statistician's"
has body.json '\"index\"' "the refusal names the right"
echo "index-password-1" | check "user add: the eyewear town's index office" \
	"$R" --db d.db user add ixo --unit eyewear_town --role index
login ixo index-password-1 jari
ci=$csrf
api_cli "the index office reads the flags, as kfq index flags" "/api/v1/index/flags?period=2017-08" \
	jari index flags --period 2017-08
get "/api/v1/index/contributions?period=2017" -b jar
equal "$code" 400 "a year is not a month for a report"
check_exit 1 "nor on the command line" "$R" --db d.db --lang zh index contributions --period 2017
msg=$(jq -r .error.message body.json)
has err.txt "$msg" "in the command line's words ($msg)"
get "/api/v1/index/prosperity?period=2017-14" -b jar
equal "$code" 400 "a bad period is 400"
check_exit 1 "as on the command line" "$R" --db d.db --lang zh index prosperity --period 2017-14
msg=$(jq -r .error.message body.json)
has err.txt "$msg" "in its words"
get "/api/v1/index/superlative?period=2015-01" -b jar
equal "$code" 400 "a month not computed is 400"
check_exit 1 "as on the command line" "$R" --db d.db --lang zh index superlative --period 2015-01
has err.txt "$(jq -r .error.message body.json)" "in its words"
get "/api/v1/index/contributions" -b jar
equal "$code" 400 "a report without a period is 400"
login stat stat-password-1 jar
post /api/v1/index/compute '{"period": "2017-12"}' -b jar -H "X-CSRF-Token: $csrf"
equal "$code" 403 "a statistician cannot compute the index"
has body.json '\"index\"' "the refusal names the right"
dump d.db before.sql
post /api/v1/index/compute '{"period": "2017-12", "formula": "dutot"}' -b jari -H "X-CSRF-Token: $ci" \
	-H 'Accept-Language: en'
equal "$code" 400 "computing with another formula would change the published months: refused"
has body.json "published months would change" "saying so"
post /api/v1/index/compute '{"period": "2017-12", "formula": "median"}' -b jari -H "X-CSRF-Token: $ci"
equal "$code" 400 "an unknown formula is 400"
post /api/v1/index/compute '{"period": "2017"}' -b jari -H "X-CSRF-Token: $ci"
equal "$code" 400 "a year is not a month to compute up to"
post /api/v1/index/compute '{"period": "2017-12", "unit": "japan_park"}' -b jari -H "X-CSRF-Token: $ci"
equal "$code" 404 "a unit outside the index office's subtree is 404"
dump d.db after.sql
same before.sql after.sql "and the refusals wrote nothing"
post /api/v1/index/compute '{"period": "2017-12"}' -b jari -H "X-CSRF-Token: $ci"
equal "$code" 200 "the index office computes the index up to 2017-12"
"$R" --db d.db index compute --period 2017-12 > cli.txt
has cli.txt "computed $(jq -r '.base + " to " + .period' body.json) ($(jq -r .months body.json) months" \
	"the months the command line computes"
has cli.txt "$(jq -r '"\(.items) items in \(.elementary_aggregates) elementary aggregates, \(.quotes) quotes"' body.json)" \
	"the same items, aggregates and quotes"
has cli.txt "$(jq -r '"flags: \(.outliers) outliers, \(.imputed) imputed prices, \(.replaced) replacements"' body.json)" \
	"the same flags"
has cli.txt "core figures of unit $(jq -r .unit body.json) " "for the same unit"
api_cli "and the series is unchanged" "/api/v1/index?from=2017-01&to=2017-12" jar \
	index show --from 2017-01 --to 2017-12

# ---- the assessments' stored runs ----
S=$(cd "$DATA/../.." && pwd)/docs/examples/schemes
api_cli "a stored run's ranking is kfq assess show's" /api/v1/assessments/jiangsu_zones/2017 jar \
	assess show "$S/jiangsu-zones-2017.scheme" --period 2017
api_cli "the year before's too" /api/v1/assessments/jiangsu_zones/2016 jar \
	assess show "$S/jiangsu-zones-2016.scheme" --period 2016
api_cli "the enterprises per mu too" /api/v1/assessments/danyang_per_mu/2017 jar \
	assess show "$S/danyang-per-mu-2017.scheme" --period 2017
api_cli "each rank's interval is kfq assess sensitivity's" /api/v1/assessments/jiangsu_zones/2017/sensitivity \
	jar assess sensitivity "$S/jiangsu-zones-2017.scheme" --period 2017
api_cli "with another number of runs and seed" "/api/v1/assessments/jiangsu_zones/2017/sensitivity?runs=200&seed=7" \
	jar assess sensitivity "$S/jiangsu-zones-2017.scheme" --period 2017 --runs 200 --seed 7
get "/api/v1/assessments/jiangsu_zones/2017/sensitivity?runs=100000" -b jar -H 'Accept-Language: en'
equal "$code" 400 "more than 10 000 runs is refused"
has body.json 'runs: \"100000\": expected a whole number from 1 to 10000' "saying how many may be asked"
run=$(sqlite3 d.db "SELECT min(id) FROM as_run WHERE scheme = 'jiangsu_zones' AND period = 2017")
api_cli "a run by its number (?run=$run)" "/api/v1/assessments/jiangsu_zones/2017?run=$run" jar \
	assess show "$S/jiangsu-zones-2017.scheme" --period 2017 --run "$run"
api_cli "why each ranks where it does, as --explain" /api/v1/assessments/jiangsu_zones/2017/explain \
	jar assess show "$S/jiangsu-zones-2017.scheme" --period 2017 --explain
api_cli "one zone's indicators, as --entity" /api/v1/assessments/jiangsu_zones/2017/entities/pizhou \
	jar assess show "$S/jiangsu-zones-2017.scheme" --period 2017 --entity pizhou
api_cli "Danyang's, with --explain the same grid" \
	/api/v1/assessments/jiangsu_zones/2017/entities/danyang jar \
	assess show "$S/jiangsu-zones-2017.scheme" --period 2017 --entity danyang --explain
e_et=$(sqlite3 d.db "SELECT u.code FROM unit u JOIN unit p ON p.id = u.parent_id WHERE p.code = 'eyewear_town' AND u.kind = 'enterprise' ORDER BY u.code LIMIT 1")
api_cli "a park's clerk reads an enterprise of its park ($e_et)" \
	"/api/v1/assessments/danyang_per_mu/2017/entities/$e_et" jarc \
	assess show "$S/danyang-per-mu-2017.scheme" --period 2017 --entity "$e_et"
get "/api/v1/assessments/danyang_per_mu/2017/entities/$e_et" -b jarj -H 'Accept-Language: en'
equal "$code" 404 "but another park's clerk does not"
has body.json 'unknown unit \"'"$e_et"'\"' "as a unit that does not exist"
get /api/v1/assessments/danyang_per_mu/2017 -b jarc
equal "$code" 403 "nor does a park's clerk read the whole zone's ranking"
get /api/v1/assessments/danyang_per_mu/2017/explain -b jarc
equal "$code" 403 "nor its sentences"
get /api/v1/assessments/jiangsu_zones/2017/entities/ent0001 -b jar -H 'Accept-Language: en'
equal "$code" 404 "an entity the run did not rate is 404"
check_exit 1 "as on the command line" "$R" --db d.db assess show "$S/jiangsu-zones-2017.scheme" \
	--period 2017 --entity ent0001
has err.txt "$(jq -r .error.message body.json)" "in its words"
get "/api/v1/assessments/jiangsu_zones/2017?run=1" -b jar
if [ "$run" != 1 ]; then
	equal "$code" 404 "a run of another year is 404"
	check_exit 1 "as on the command line" "$R" --db d.db --lang zh assess show \
		"$S/jiangsu-zones-2017.scheme" --period 2017 --run 1
	has err.txt "$(jq -r .error.message body.json)" "in its words"
fi
get /api/v1/assessments/jiangsu_zones/2015 -b jar
equal "$code" 404 "a year with no stored run is 404"
get /api/v1/assessments/jiangsu_zones/17 -b jar -H 'Accept-Language: en'
equal "$code" 400 "a bad year is 400"
check_exit 1 "as on the command line" "$R" --db d.db assess show "$S/jiangsu-zones-2017.scheme" \
	--period 17
has err.txt "$(jq -r .error.message body.json | sed 's/^period: //')" "in its words"
get "/api/v1/assessments/jiangsu_zones/2017?run=x" -b jar
equal "$code" 400 "a bad run is 400"
get "/api/v1/assessments?period=2017" -b jar
equal "$code" 200 "the stored runs of a year are listed"
equal "$(jq -r '[.[].scheme] | sort | join(" ")' body.json)" "danyang_per_mu jiangsu_zones" \
	"both of 2017's schemes"
equal "$(jq -r '.[] | select(.scheme == "jiangsu_zones") | .name' body.json)" \
	"$(sed -n 's/^name "\(.*\)"$/\1/p' "$S/jiangsu-zones-2017.scheme")" "with the scheme's name"
get "/api/v1/assessments" -b jar
equal "$(jq length body.json)" 3 "all years': three runs"
get "/api/v1/assessments?period=x" -b jar
equal "$code" 400 "a bad year is 400"

stop_server "the server stops cleanly"
