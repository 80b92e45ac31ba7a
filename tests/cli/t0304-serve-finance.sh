# t0304-serve-finance: the finance platform and the validation findings
# through kfq serve (docs/web.md): each answer is the command line's --format
# json of the same request, byte for byte (the meetings' and the network's
# tables together in one object, each its command's table); the platform is
# the zone's (a park's account gets 403); a finding of another park is 404,
# as one that does not exist, and a finding's explanation is kfq findings
# explain's.
top=$(cd "$DATA/../.." && pwd)
R=${KFQ_REL:-$KFQ}
demo_copy d.db
. "$top/tests/cli/serve_lib.sh"
# same_as WHAT FILE: FILE (a part of an answer, by jq) against cli.json.
same_as() {
	if jq -S . "$2" > a.json && jq -S . cli.json > b.json && cmp -s a.json b.json; then
		ok "$1"
	else
		bad "$1:"
		diff a.json b.json | head -10 | sed 's/^/    /'
	fi
}

echo "stat-password-1" | "$R" --db d.db user add stat --unit danyang --role statistician > /dev/null
echo "clerk-password-1" | "$R" --db d.db user add clerk_et --unit eyewear_town --role clerk > /dev/null
echo "clerk-password-2" | "$R" --db d.db user add clerk_jp --unit japan_park --role clerk > /dev/null
# open findings to read: the planted hundredfold jump, warnings only
head -1 "$top/docs/examples/planted-errors.csv" > warn.csv
grep '^ent0003,' "$top/docs/examples/planted-errors.csv" >> warn.csv
check "a file with warnings only goes in, leaving open findings" "$R" --db d.db import data warn.csv
start_server d.db req.log
login stat stat-password-1 js; cs=$csrf
login clerk_et clerk-password-1 je; ce=$csrf
login clerk_jp clerk-password-2 jj

# ---- the finance platform ----
D=2017-12-31
api_cli "the fund, as kfq finance fund" "/api/v1/finance/fund?date=$D" js finance fund --date $D
api_cli "the fund's loans" "/api/v1/finance/loans?date=$D" js finance loans --date $D
api_cli "the loans of one fund" "/api/v1/finance/loans?fund=rcf&date=$D" js finance loans --fund rcf --date $D
api_cli "the firms under loan pressure" "/api/v1/finance/warn?date=$D" js finance warn --date $D
api_cli "ent0103's exposure" "/api/v1/finance/exposure/ent0103?date=$D" js finance exposure ent0103 --date $D
get "/api/v1/finance/meetings?period=2017" -b js
equal "$code" 200 "the meetings"
jq .meetings body.json > part.json
"$R" --db d.db finance meetings --period 2017 --format json > cli.json
same_as "their table is kfq finance meetings'" part.json
has body.json '"by_bank"' "with the figures per bank"
has body.json '"by_park"' "and per park"
get "/api/v1/finance/network?date=$D" -b js
equal "$code" 200 "the guarantee network"
jq .chains body.json > part.json
"$R" --db d.db finance network --date $D --format json > cli.json
same_as "its chains are kfq finance network's" part.json
equal "$(jq '.circles | length' body.json)" 1 "and it has the demo's one circle"
get "/api/v1/finance/fund?date=$D" -b je
equal "$code" 403 "a park's account may not read the zone's platform"
has body.json "顶层单位" "and is told why (in Chinese by default)"
get "/api/v1/finance/exposure/nosuch?date=$D" -b js
equal "$code" 400 "an unknown firm"
has body.json "nosuch" "is named"
get "/api/v1/finance/fund?date=2017-13-01" -b js
equal "$code" 400 "a bad date is 400"

# ---- the findings ----
get "/api/v1/findings" -b js -H 'Accept-Language: en'
equal "$code" 200 "the zone's open findings"
"$R" --db d.db findings list --format json > cli.json
cp body.json part.json
same_as "as kfq findings list" part.json
n=$(jq length body.json)
[ "$n" -ge 2 ] && ok "the jump left $n findings" || bad "the jump left $n findings"
id=$(jq -r '.[0].id' body.json)
unit=$(jq -r '.[0].unit' body.json)
equal "$unit" ent0003 "ent0003's"
api_cli "one finding, as kfq findings show" "/api/v1/findings/$id" js findings show "$id"
api_cli "why, as kfq findings explain" "/api/v1/findings/$id/explain" js findings explain "$id"
get "/api/v1/findings/$id/explain" -b js
has body.json "规则" "in Chinese by default"
get "/api/v1/findings?unit=eyewear_town" -b je
equal "$code" 200 "the eyewear town's clerk reads its park's findings"
equal "$(jq length body.json)" "$n" "ent0003 is in the eyewear town"
get "/api/v1/findings" -b jj
equal "$code" 200 "the Japanese park's clerk reads its own"
equal "$(jq length body.json)" 0 "which are none"
get "/api/v1/findings/$id" -b jj
equal "$code" 404 "another park's finding is not found"
get "/api/v1/findings/99999" -b js
equal "$code" 404 "nor one that does not exist"
get "/api/v1/findings/abc" -b js
equal "$code" 400 "a finding's number is a number"
get "/api/v1/findings?status=maybe" -b js
equal "$code" 400 "an unknown status is 400"
get "/api/v1/findings?status=closed" -b js
equal "$(jq length body.json)" 0 "no closed finding yet"
get "/api/v1/findings?unit=japan_park" -b je
equal "$code" 404 "a unit outside the subtree is 404"
# ---- a finding closed as confirmed, as kfq findings close --note ----
post "/api/v1/findings/$id/close" '{"note": "企业核实：确有大额订单"}' -b je -H "X-CSRF-Token: $ce"
equal "$code" 403 "a clerk may not confirm a finding"
has body.json 'publish' "naming the right it lacks"
post "/api/v1/findings/$id/close" '{}' -b js -H "X-CSRF-Token: $cs" -H 'Accept-Language: en'
equal "$code" 400 "confirming without a reason is refused"
has body.json "why the value stands" "saying what it needs"
post "/api/v1/findings/$id/close" '{"note": "企业核实：确有大额订单"}' -b js
equal "$code" 403 "without the CSRF token nothing is closed"
post "/api/v1/findings/$id/close" '{"note": "企业核实：确有大额订单"}' -b js -H "X-CSRF-Token: $cs"
equal "$code" 200 "the statistician confirms it"
equal "$(jq -r .status body.json)" closed "and it is closed"
"$R" --db d.db findings show "$id" --format json > show.json
has show.json "企业核实：确有大额订单" "kfq findings show has its reason"
has show.json "stat" "and who closed it"
post "/api/v1/findings/$id/close" '{"note": "again"}' -b js -H "X-CSRF-Token: $cs" -H 'Accept-Language: en'
equal "$code" 400 "a finding closed already cannot be closed again"
has body.json "already closed" "saying so"
id2=$(jq -r '.[1].id' part.json)
post "/api/v1/findings/$id2/close" "{\"note\": \"$(head -c 1200 /dev/zero | tr '\0' x)\"}" -b js -H "X-CSRF-Token: $cs" -H 'Accept-Language: en'
equal "$code" 400 "a reason over 1 000 bytes is refused"
has body.json "note: at most 1000 bytes" "saying the limit"
stop_server "the server stops cleanly"
