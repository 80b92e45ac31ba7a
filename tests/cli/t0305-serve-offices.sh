# t0305-serve-offices: the offices' detail reads through kfq serve
# (docs/web.md): one key project and one lead, as kfq project show and kfq
# lead show --format json, byte for byte; the ledgers defined (台账) and a
# ledger's rows, as kfq ledger list --format json. A project, lead or
# ledger row of a park outside the account's subtree is not found, as one
# that does not exist; hostile names and parameters are refused with 4xx,
# never 5xx.
top=$(cd "$DATA/../.." && pwd)
R=${KFQ_REL:-$KFQ}
demo_copy d.db
. "$top/tests/cli/serve_lib.sh"

echo "stat-password-1" | "$R" --db d.db user add stat --unit danyang --role statistician > /dev/null
echo "clerk-password-1" | "$R" --db d.db user add clerk_et --unit eyewear_town --role clerk > /dev/null
echo "clerk-password-2" | "$R" --db d.db user add clerk_jp --unit japan_park --role clerk > /dev/null
start_server d.db req.log
login stat stat-password-1 js
login clerk_et clerk-password-1 je
login clerk_jp clerk-password-2 jj

# ---- one key project ----
api_cli "a key project, as kfq project show" "/api/v1/projects/xm01" js project show xm01
api_cli "on a day" "/api/v1/projects/xm54?date=2017-06-30" js project show xm54 --date 2017-06-30
api_cli "the eyewear town's clerk reads its park's project" "/api/v1/projects/xm01" je project show xm01
get "/api/v1/projects/xm01" -b js
equal "$(jq -r '.[0].park_name' body.json)" "眼镜小镇" "the project's park by its name"
has body.json '"total_investment": 3.80,' "its investment in 亿元, as written (3.80)"
get "/api/v1/projects/xm01?sections=1" -b js -H 'Accept-Language: en'
equal "$code" 200 "a project with its sections"
jq .attributes body.json > part.json
"$R" --db d.db project show xm01 --format json > cli.json
if jq -S . part.json > a.json && jq -S . cli.json > b.json && cmp -s a.json b.json; then
	ok "its attributes are kfq project show's"
else
	bad "its attributes are not kfq project show's"
fi
equal "$(jq -c '.plans[0] | [.year, .completion]' body.json)" '["2017",108.7]' "the year's plan and its completion (108.7%)"
has body.json '"ytd_investment": 1.42,' "investment to date exactly (1.42 亿元), as written"
has body.json '"total_investment": 3.80,' "and the total (3.80, not 3.7999999999999998)"
equal "$(jq '.progress | length' body.json)" 12 "progress month by month (12)"
equal "$(jq -c '[.problems, .history] | map(type)' body.json)" '["array","array"]' "problems and history, as lists"
get "/api/v1/projects/xm54" -b je
equal "$code" 404 "another park's project is not found"
has body.json 'xm54' "and named as one that does not exist"
cp body.json other.json
get "/api/v1/projects/nosuch" -b je
equal "$code" 404 "an unknown project is 404"
equal "$(jq -r .error.message body.json | sed 's/nosuch/X/')" "$(jq -r .error.message other.json | sed 's/xm54/X/')" \
	"in the same words as another park's"
get "/api/v1/projects/nosuch" -b js -H 'Accept-Language: en'
has body.json 'unknown project' "in English when asked"
get "/api/v1/projects/stats?period=2017" -b js
equal "$code" 200 "/projects/stats is still the office's figures"
get "/api/v1/projects/xm01?date=2017-13-01" -b js
equal "$code" 400 "a bad date is 400"
get "/api/v1/projects/xm01"
equal "$code" 401 "one not signed in is asked to sign in (401)"

# ---- one lead ----
api_cli "a lead, as kfq lead show" "/api/v1/leads/zs15004" js lead show zs15004
api_cli "the eyewear town's clerk reads its park's lead" "/api/v1/leads/zs15004" je lead show zs15004
get "/api/v1/leads/zs15004" -b js
equal "$(jq -r '.[0].enterprise' body.json)" ent0135 "the lead names the enterprise it became"
get "/api/v1/leads/zs15004?sections=1" -b js
equal "$(jq -r '[.stages[].stage] | join(" ")' body.json)" "contact negotiation signed landed" "a lead's stages"
equal "$(jq -r '.stages[3].days_in_previous' body.json)" 71 "with the days spent in the one before (71)"
equal "$(jq '.changes | length' body.json)" 4 "and its changes"
equal "$(jq -r '.attributes[0].code' body.json)" zs15004 "and attributes"
get "/api/v1/leads/zs15001" -b je
equal "$code" 404 "another park's lead is not found"
get "/api/v1/leads/nosuch" -b js
equal "$code" 404 "an unknown lead is 404"
get "/api/v1/leads/funnel" -b js
equal "$code" 200 "/leads/funnel is still the funnel"

# ---- ledgers ----
get "/api/v1/ledgers" -b js
equal "$code" 200 "the ledgers defined"
equal "$(jq length body.json)" 14 "the demo's fourteen"
equal "$(jq -r '[.[].name] | join(" ")' body.json)" \
	"civil_affairs environment factories fire_safety innovation legal_aid ncms party plans social_security talent tenants villages works" \
	"by name"
"$R" --db d.db ledger list tenants --format json > cli.json
equal "$(jq '.[] | select(.name == "tenants") | .rows' body.json)" "$(jq length cli.json)" \
	"each with its rows (tenants: as many as kfq ledger list)"
equal "$(jq -r '.[] | select(.name == "tenants") | .title' body.json)" "园区入驻企业台账" "its title"
equal "$(jq -r '.[] | select(.name == "tenants") | [.fields[].name] | join(" ")' body.json)" \
	"ref enterprise park origin industry moved_in graduated_on left_on" "its fields in order"
equal "$(jq -r '.[] | select(.name == "tenants") | .fields[] | select(.name == "origin") | .choices | join("|")' body.json)" \
	"内资|日资|其他外资" "a choice field's choices"
equal "$(jq -r '.[] | select(.name == "tenants") | .fields[] | select(.key) | .name' body.json)" "ref" "its key"
equal "$(jq -r '.[] | select(.name == "tenants") | [.figures[].code] | join(" ")' body.json)" \
	"incubator_new_ent incubator_graduated jp_new_ent park_tenants" "and the figures it publishes"
equal "$(jq -r '.[] | select(.name == "tenants") | .figures[] | select(.code == "park_tenants") | "\(.kind) \(.stock) \(.measure)"' body.json)" \
	"count true 家" "a figure's kind, whether a stock, its measure"

api_cli "a ledger's rows, as kfq ledger list" "/api/v1/ledgers/tenants/rows" js ledger list tenants
api_cli "of a unit's subtree" "/api/v1/ledgers/tenants/rows?unit=japan_park" js ledger list tenants --unit japan_park
api_cli "dated in a period" "/api/v1/ledgers/tenants/rows?period=2017" js ledger list tenants --period 2017
api_cli "with a field's value" "/api/v1/ledgers/tenants/rows?where=origin%3D%E6%97%A5%E8%B5%84" js \
	ledger list tenants origin=日资
api_cli "with two" "/api/v1/ledgers/tenants/rows?where=origin%3D%E5%86%85%E8%B5%84&where=park%3Dscience_park&period=2017" js \
	ledger list tenants origin=内资 --where park=science_park --period 2017
api_cli "the Japanese park's clerk: its own park's rows" "/api/v1/ledgers/tenants/rows" jj \
	ledger list tenants --unit japan_park
n=$(jq length body.json)
[ "$n" -gt 0 ] && ok "which are some ($n)" || bad "the Japanese park has no tenants"
get "/api/v1/ledgers/tenants/rows?unit=science_park" -b jj
equal "$code" 404 "another park's rows: a unit outside the subtree is 404"
get "/api/v1/ledgers/tenants/rows?page=1&per_page=5" -b js
equal "$code:$(jq length body.json)" "200:5" "a page of rows"
total=$("$R" --db d.db ledger list tenants --format json | jq length)
curl -s -D hdr.txt -o /dev/null -b js "http://$A/api/v1/ledgers/tenants/rows?page=2&per_page=5"
equal "$(tr -d '\r' < hdr.txt | sed -n 's/^[Xx]-[Tt]otal-[Cc]ount: //p')" "$total" \
	"and how many in all (X-Total-Count)"
get "/api/v1/ledgers/nosuch/rows" -b js
equal "$code" 404 "an unknown ledger is 404"
get "/api/v1/ledgers/tenants/rows?where=nosuch%3D1" -b js -H 'Accept-Language: en'
equal "$code" 400 "a field the ledger lacks is 400"
has body.json 'nosuch' "and named"
get "/api/v1/ledgers/tenants/rows?where=origin" -b js
equal "$code" 400 "a condition without = is 400"
get "/api/v1/ledgers/tenants/rows?period=2017-13" -b js
equal "$code" 400 "a bad period is 400"
get "/api/v1/ledgers/tenants/rows?where=moved_in%3D2017-02-30" -b js
equal "$code" 400 "a bad date in a condition is 400"
get "/api/v1/ledgers"
equal "$code" 401 "the ledgers need signing in"

# ---- hostile names and parameters: 4xx, never 5xx ----
hostile() {
	for p in "$@"; do
		c=$(curl -s -o h.json -w '%{http_code}' -b js --path-as-is "http://$A$p")
		case $c in
		4??) ;;
		*) bad "$p answered $c"; return ;;
		esac
	done
	ok "hostile requests are refused with 4xx ($#)"
}
hostile "/api/v1/projects/..%2F..%2Fetc" "/api/v1/projects/%3Cscript%3Ealert(1)%3C%2Fscript%3E" \
	"/api/v1/projects/%FF%FE" "/api/v1/projects/xm01?date=%FF" "/api/v1/projects/x'%20OR%201=1--" \
	"/api/v1/leads/..%2Fleads" "/api/v1/leads/%3Cscript%3E" "/api/v1/leads/%C3%28" \
	"/api/v1/ledgers/..%2Ftenants/rows" "/api/v1/ledgers/%3Cscript%3E/rows" "/api/v1/ledgers/%FF/rows" \
	"/api/v1/ledgers/tenants/rows?unit=%3Cscript%3E" "/api/v1/ledgers/tenants/rows?unit=%FF%FE" \
	"/api/v1/ledgers/tenants/rows?where=origin%3D%FF" "/api/v1/ledgers/tenants/rows?where=%FF%3D1" \
	"/api/v1/ledgers/tenants/rows?where=%3Cscript%3E%3D1" "/api/v1/ledgers/tenants/rows?period=%FF" \
	"/api/v1/ledgers/tenants/rows?page=0" "/api/v1/ledgers/tenants/rows?per_page=100000" \
	"/api/v1/ledgers/tenants/rows?where=origin%3D$(printf 'x%.0s' $(seq 1 5000))" \
	"/api/v1/ledgers/tenants/rows?$(for i in $(seq 1 40); do printf 'where=park%%3Dx&'; done)"
get "/api/v1/projects/%3Cscript%3E" -b js
has body.json '<script>' "a name with <script> comes back as JSON text (the pages write it as text)"
grep -qE ' 5[0-9]{2} [0-9]+$' req.log && bad "the server answered 5xx" || ok "the server never answered 5xx"
stop_server "the server stops cleanly"
