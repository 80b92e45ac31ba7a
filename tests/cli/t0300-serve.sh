# t0300-serve: kfq serve through real HTTP on loopback (curl): accounts
# from kfq user, signing in and out, the session cookie, the CSRF token,
# the growing delay after failed sign-ins, the audit log, roles and unit
# scope, the API's figures against the command line's, hostile requests,
# session expiry, and a clean stop on SIGTERM (docs/web.md).
top=$(cd "$DATA/../.." && pwd)
# the command line's side of each comparison (and the accounts after the
# first) by the release build when one is given: the sanitizer
# build runs these commands in their own scripts, and the server here
R=${KFQ_REL:-$KFQ}
demo_copy d.db
. "$top/tests/cli/serve_lib.sh"

# ---- accounts ----
echo "stat-password-1" | check "user add: a statistician of the zone" \
	"$KFQ" --db d.db user add stat --unit danyang --role statistician
echo "clerk-password-1" | check "user add: a clerk of the eyewear town" \
	"$R" --db d.db user add clerk_et --unit eyewear_town --role clerk
echo "clerk-password-9" | check "user add: a second clerk of the eyewear town" \
	"$R" --db d.db user add clerk_et2 --unit eyewear_town --role clerk
echo "firm-password-1" | check "user add: an enterprise" \
	"$R" --db d.db user add firm1 --unit ent0001 --role enterprise
echo "admin-password-1" | check "user add: an administrator of the zone" \
	"$R" --db d.db user add admin --unit danyang --role admin
echo "admin-password-2" | check "user add: an administrator of the eyewear town" \
	"$R" --db d.db user add admin_et --unit eyewear_town --role admin
echo "office-password-1" | check "user add: the campaign's office" \
	"$R" --db d.db user add office --unit danyang --role cases
echo "index-password-1" | check "user add: the eyewear town's index office" \
	"$R" --db d.db user add ixo --unit eyewear_town --role index
echo "dept-password-01" | check "user add: a department's account (环保局)" \
	"$R" --db d.db user add hb --unit danyang --role cases --dept 环保局
echo "leader-password-1" | check "user add: a leader" \
	"$R" --db d.db user add boss --unit danyang --role leader
echo "short" | check_exit 1 "user add: a short password is refused" \
	"$KFQ" --db d.db user add shorty --unit danyang --role clerk
has err.txt "at least 10 characters" "the refusal says how long a password must be"
echo "good-password-1" | check_exit 1 "user add: an unknown role is refused" \
	"$KFQ" --db d.db user add x1 --unit danyang --role clrk
has err.txt 'unknown role "clrk"' "the refusal names the role"
echo "good-password-1" | check_exit 1 "user add: an unknown unit is refused" \
	"$KFQ" --db d.db user add x1 --unit nowhere --role clerk
has err.txt 'unknown unit "nowhere"' "the refusal names the unit"
echo "good-password-1" | check_exit 1 "user add: a name in use is refused" \
	"$KFQ" --db d.db user add stat --unit danyang --role clerk
check "user list" "$KFQ" --db d.db user list --format csv
has out.txt "clerk_et,eyewear_town,clerk,no," "the list shows the clerk's unit and role"
has out.txt ",环保局" "and the department of a department's account"
hasnt out.txt "password" "the list shows no password"
n=$(sqlite3 d.db "SELECT count(*) FROM account WHERE pwhash LIKE '\$argon2id\$%'")
equal "$n" 10 "passwords are stored as argon2id hashes"
n=$(sqlite3 d.db "SELECT count(*) FROM account WHERE pwhash LIKE '%stat-password%'")
equal "$n" 0 "no password is stored in clear"

# ---- the server ----
start_server d.db req.log
get /api/v1/me
equal "$code" 401 "without a session /me is 401"
has body.json '"status":401' "errors are JSON with their status"
login stat wrong-password-1 jar0
equal "$code" 401 "a wrong password is 401"
has body.json "账号名或密码错误" "the message does not say which was wrong (in Chinese by default)"
login nobody wrong-password-1 jar0
equal "$code" 401 "an unknown account is 401"
has body.json "账号名或密码错误" "with the same message"
login stat stat-password-1 jar
equal "$code" 200 "the statistician signs in"
equal "$(printf %s "$csrf" | wc -c)" 32 "sign-in gives a CSRF token"
has jar "#HttpOnly_" "the session cookie is HttpOnly"
curl -s -D headers.txt -o /dev/null -H 'Content-Type: application/json' \
	--data '{"name":"stat","password":"stat-password-1"}' "http://$A/api/v1/login"
has headers.txt "SameSite=Strict" "the session cookie is SameSite=Strict"
hasnt headers.txt "Secure" "no Secure flag without TLS"
get /api/v1/me -b jar
equal "$code" 200 "/me with the session"
equal "$(jq -r .unit body.json)" danyang "/me names the account's unit"
equal "$(jq -c .rights body.json)" '["read","data","setup","publish"]' "/me lists its rights"

# ---- the same figures as the command line ----
get "/api/v1/figures?period=2017-08" -b jar
equal "$code" 200 "the bulletin"
"$R" --db d.db bulletin --period 2017-08 --unit danyang --format json > cli.json
same body.json cli.json "the API's bulletin is the command line's, byte for byte"
get "/api/v1/figures?period=2017年1-8月&unit=eyewear_town&lang=en" -b jar
"$R" --db d.db bulletin --period 2017-08 --unit eyewear_town --lang en --format json > cli.json
same body.json cli.json "a park's bulletin in English is the command line's"
get "/api/v1/figures/taxable_sales?period=2017-08&by=children" -b jar
"$R" --db d.db show taxable_sales --period 2017-08 --by children --format json > cli.json
same body.json cli.json "one indicator's figures are kfq show's"
get "/api/v1/figures/taxable_sales?unit=eyewear_town&measure=万元" -b jar
"$R" --db d.db show taxable_sales --unit eyewear_town --measure 万元 --format json > cli.json
same body.json cli.json "the latest period in another measure is kfq show's"
get "/api/v1/figures?period=2017-13" -b jar
equal "$code" 400 "a bad period is 400"
has body.json '"field":"period"' "the error names the field"
get "/api/v1/figures" -b jar
equal "$code" 400 "a missing period is 400"
get "/api/v1/figures/no_such?period=2017" -b jar
equal "$code" 400 "an unknown indicator is 400"
has body.json 'no_such' "the error names it"

# ---- unit scope ----
login clerk_et clerk-password-1 jarc
equal "$code" 200 "the clerk signs in"
get "/api/v1/figures?period=2017-08" -b jarc
equal "$(jq -r '.[0].unit' body.json)" "眼镜小镇" "the clerk's bulletin is of its own park"
get "/api/v1/figures?period=2017-08&unit=danyang" -b jarc
equal "$code" 404 "the zone above the clerk's park is 404"
sed 's/danyang/X/' body.json > outside.json
get "/api/v1/figures?period=2017-08&unit=zzz_none" -b jarc
sed 's/zzz_none/X/' body.json > missing.json
same outside.json missing.json "a unit outside the subtree reads as one that does not exist"
get "/api/v1/units/japan_park" -b jarc
equal "$code" 404 "another park is 404"
get "/api/v1/units?per_page=1000" -b jarc
jq -r '.items[].code' body.json > codes.txt
has codes.txt eyewear_town "the clerk's unit list has its park"
hasnt codes.txt japan_park "and no other park"
hasnt codes.txt danyang "and not the zone"
n=$(sqlite3 d.db "WITH RECURSIVE t(id) AS (SELECT id FROM unit WHERE code = 'eyewear_town'
	UNION ALL SELECT u.id FROM unit u JOIN t ON u.parent_id = t.id) SELECT count(*) FROM t")
equal "$(jq .total body.json)" "$n" "the park and every unit under it ($n)"
get "/api/v1/units?per_page=2&page=2&kind=park" -b jar
equal "$(jq '.items | length' body.json)" 2 "a page holds per_page units"
equal "$(jq .page body.json)" 2 "and says which page it is"
get "/api/v1/units?per_page=0" -b jar
equal "$code" 400 "per_page 0 is 400"
get "/api/v1/units?page=abc" -b jar
equal "$code" 400 "a page that is not a number is 400"
get "/api/v1/indicators?per_page=1000" -b jarc
n=$("$R" --db d.db export indicators | tail -n +2 | wc -l)
equal "$(jq .total body.json)" "$n" "the indicators, all $n"

# ---- one value entered: versions, conflicts, rights, scope ----
O=/api/v1/observations/ent0001/taxable_sales/2017-08
# put PATH JSON JAR CSRF [If-Match value]
put() {
	if [ -n "${5:-}" ]; then
		code=$(curl -s -o body.json -w '%{http_code}' -X PUT -H 'Content-Type: application/json' \
			-H "X-CSRF-Token: $4" -H "If-Match: \"$5\"" --data-binary "$2" -b "$3" "http://$A$1")
	else
		code=$(curl -s -o body.json -w '%{http_code}' -X PUT -H 'Content-Type: application/json' \
			-H "X-CSRF-Token: $4" --data-binary "$2" -b "$3" "http://$A$1")
	fi
}
login clerk_et clerk-password-1 jarc
c1=$csrf
login clerk_et2 clerk-password-9 jarc2
c2=$csrf
curl -s -D headers.txt -o body.json -b jarc "http://$A$O"
v1=$(jq -r .version body.json)
has headers.txt "ETag: \"$v1\"" "a value comes with its version as the ETag"
equal "$(jq -r .value body.json)" "$("$R" --db d.db export data | awk -F, '$1 == "ent0001" && $2 == "taxable_sales" && $3 == "2017-08" { print $4 }')" \
	"the value read is the one stored"
equal "$(jq -r .measure body.json)" "$(sqlite3 d.db "SELECT measure FROM indicator WHERE code = 'taxable_sales'")" \
	"in its indicator's measure, which the answer names"
put $O '{"value": "0.2000"}' jarc "$c1"
equal "$code" 428 "a change without If-Match is refused (428)"
put $O '{"value": "0.2000", "note": 17}' jarc2 "$c2" "$v1"
equal "$code" 400 "a note that is not text is refused"
equal "$(jq -r .error.field body.json)" note "naming the field"
put $O '{"value": 0.2}' jarc2 "$c2" "$v1"
equal "$code,$(jq -r .error.field body.json)" "400,value" "a value as a JSON number is refused, naming it"
put $O '{"value": "0.2", "measure": 10000}' jarc2 "$c2" "$v1"
equal "$code,$(jq -r .error.field body.json)" "400,measure" "so is a measure that is not text"
put $O "{\"value\": \"0.2000\", \"note\": \"$(head -c 1001 /dev/zero | tr '\0' x)\"}" jarc2 "$c2" "$v1"
equal "$code" 400 "so is a note over 1 000 bytes"
put $O '{"value": "0.2000", "note": "财务更正 <b>"}' jarc2 "$c2" "$v1"
equal "$code" 200 "the second clerk corrects the value, with a note"
equal "$(jq -r .result body.json)" changed "and it is changed"
"$R" --db d.db history --unit ent0001 --indicator taxable_sales --period 2017-08 --format json \
	> hist.json
equal "$(jq -r '.[0].note' hist.json)" "财务更正 <b>" "history keeps the note as written"
equal "$(jq -r '.[0].who' hist.json)" clerk_et2 "beside the account"
put $O '{"value": "2100", "measure": "万元"}' jarc "$c1" "$v1"
equal "$code" 409 "the first clerk, writing over a value it has not seen, gets 409"
equal "$(jq -r .error.stored body.json)" "2000" "409 gives the stored value (in the request's measure)"
equal "$(jq -r .error.yours body.json)" "2100" "and the refused one"
has body.json "已被他人修改" "and says what happened"
"$R" --db d.db show taxable_sales --unit ent0001 --period 2017-08 --format csv > cli.csv
equal "$(csv_field cli.csv ent0001 value)" "0.20" "the stored value is the second clerk's"
check "history" "$R" --db d.db history --unit ent0001 --indicator taxable_sales --format csv --limit 1
has out.txt ",clerk_et2,obs,ent0001,taxable_sales,2017-08," "history names the account behind the web change"
has out.txt ",web" "and the web as its source"
get "/api/v1/figures/taxable_sales?period=2017-08&unit=eyewear_town" -b jarc
"$R" --db d.db show taxable_sales --unit eyewear_town --period 2017-08 --format json > cli.json
same body.json cli.json "the park's roll-up after the change is the command line's"
put $O '{"value": "12,3x"}' jarc "$c1" '*'
equal "$code" 400 "a value that is not a number is 400"
has body.json '"field":"value"' "naming the field"
put $O '{"value": 0.2}' jarc "$c1" '*'
equal "$code" 400 "a value as a JSON number (inexact) is 400"
put $O '{"value": "612000", "mesure": "元"}' jarc "$c1" '*'
equal "$code" 400 "a misspelt field (mesure) is 400, not a value taken in the indicator's measure"
has body.json '"field":"mesure"' "naming it"
other=$(sqlite3 d.db "SELECT u.code FROM unit u JOIN unit p ON p.id = u.parent_id WHERE p.code = 'japan_park' LIMIT 1")
put "/api/v1/observations/$other/taxable_sales/2017-08" '{"value": "1"}' jarc "$c1" '*'
equal "$code" 404 "a clerk cannot write another park's enterprise (404)"
# a park's own value would replace its enterprises' sum in every month of
# the year: not a clerk's to enter
dump d.db before.sql
put /api/v1/observations/eyewear_town/taxable_sales/2017-01 '{"value": "1"}' jarc "$c1" none
equal "$code" 400 "a clerk cannot give the park a first value of its own (400)"
has body.json "eyewear_town 为其" "saying it is the sum of its units"
has body.json '"field":"unit"' "naming the field"
dump d.db after.sql
same before.sql after.sql "nothing was written"
login boss leader-password-1 jarb
put $O '{"value": "1"}' jarb "$csrf" '*'
equal "$code" 403 "a leader cannot write (403)"
has body.json '\"data\"' "the refusal names the right"
login firm1 firm-password-1 jarf
cf=$csrf
get "$O" -b jarf
equal "$code" 200 "an enterprise reads its own value"
get "/api/v1/observations/ent0002/taxable_sales/2017-08" -b jarf
equal "$code" 404 "but not another enterprise's"
v=$(curl -s -b jarf "http://$A$O" | jq -r .version)
put $O '{"value": "0.2001"}' jarf "$cf" "$v"
equal "$code" 200 "an enterprise corrects its own value"
put "/api/v1/observations/ent0001/no_such/2017-08" '{"value": "1"}' jarf "$cf" '*'
equal "$code" 400 "an unknown indicator is 400"
has body.json '"field":"indicator"' "naming the field"
long=$(head -c 1001 /dev/zero | tr '\0' x)
put $O "{\"value\": \"0.2001\", \"note\": \"$long\"}" jarf "$cf" "*"
equal "$code" 400 "a note over 1 000 bytes is refused"
has body.json "1000" "saying how long a note may be (was the value's message)"

# ---- a month's form: all or nothing, every stale value named ----
FM=/api/v1/forms/ent0005/2017-10
get "$FM" -b jarc
equal "$code" 200 "a clerk reads an enterprise's month as a form"
nh=$(sqlite3 d.db "SELECT count(*) FROM indicator WHERE headline > 0 AND formula IS NULL")
equal "$(jq '.values | length' body.json)" "$nh" "with every headline indicator that takes data ($nh)"
equal "$(jq -r '.values[] | select(.indicator == "taxable_sales") | .prior' body.json)" \
	"$("$R" --db d.db export data | awk -F, '$1 == "ent0005" && $2 == "taxable_sales" && $3 == "2016-10" { print $4 }')" \
	"each beside the same month last year's stored value, exactly"
vs=$(jq -r '.values[] | select(.indicator == "taxable_sales") | .version' body.json)
ve=$(jq -r '.values[] | select(.indicator == "ind_value_added") | .version' body.json)
form="{\"values\": [{\"indicator\": \"taxable_sales\", \"value\": \"1234\", \"measure\": \"万元\", \"version\": \"$vs\"},
	{\"indicator\": \"ind_value_added\", \"value\": \"321\", \"measure\": \"万元\", \"version\": \"$ve\"}]}"
code=$(curl -s -o body.json -w '%{http_code}' -X PUT -H 'Content-Type: application/json' \
	-H "X-CSRF-Token: $c1" -b jarc --data "$form" "http://$A$FM")
equal "$code" 200 "the clerk writes two values of the form"
"$R" --db d.db show taxable_sales --unit ent0005 --period 2017-10 --measure 万元 --format csv > cli.csv
equal "$(csv_field cli.csv ent0005 value)" "1234.00" "the first is stored"
"$R" --db d.db show ind_value_added --unit ent0005 --period 2017-10 --measure 万元 --format csv > cli.csv
equal "$(csv_field cli.csv ent0005 value)" "321.00" "and the second"
dump d.db before.sql
code=$(curl -s -o body.json -w '%{http_code}' -X PUT -H 'Content-Type: application/json' \
	-H "X-CSRF-Token: $c2" -b jarc2 --data "$form" "http://$A$FM")
equal "$code" 409 "the second clerk, with the versions read before, gets 409"
equal "$(jq '.error.conflicts | length' body.json)" 2 "listing both values changed since"
equal "$(jq -r '.error.conflicts[0].stored' body.json)" 1234 "each with the stored value"
get /api/v1/forms/ent0005/2017-13 -b jarc
equal "$code" 400 "a form of a month that does not exist is 400"
get "$FM?indicators=taxable_sales,no_such" -b jarc
equal "$code,$(jq -r .error.field body.json)" "400,indicators" "a form of an unknown indicator is 400"
has body.json '\"no_such\"' "naming it"
fi=$(sqlite3 d.db "SELECT code FROM indicator WHERE formula IS NOT NULL LIMIT 1")
get "$FM?indicators=$fi" -b jarc
equal "$code" 400 "a form field of an indicator computed from its formula is 400"
get "$FM?indicators=taxable_sales" -b jarc
equal "$code,$(jq '.values | length' body.json)" "200,1" "a form of the indicators asked for"
get "/api/v1/forms/ent0005/1900-01?indicators=taxable_sales" -b jarc
equal "$code,$(jq -r '.values[0].prior' body.json)" "200,null" "a form of 1900-01 has no year before it (was 400 naming 1899-01)"
bad_form="{\"values\": [{\"indicator\": \"taxable_sales\", \"value\": \"1\", \"version\": \"*\"},
	{\"indicator\": \"ind_value_added\", \"value\": \"3x\", \"version\": \"*\"}]}"
code=$(curl -s -o body.json -w '%{http_code}' -X PUT -H 'Content-Type: application/json' \
	-H "X-CSRF-Token: $c2" -b jarc2 --data "$bad_form" "http://$A$FM")
equal "$code" 400 "a form with a bad value is 400"
has body.json 'values[1] (ind_value_added)' "naming the value"
twice="{\"values\": [{\"indicator\": \"taxable_sales\", \"value\": \"1\", \"version\": \"*\"},
	{\"indicator\": \"taxable_sales\", \"value\": \"2\", \"version\": \"*\"}]}"
code=$(curl -s -o body.json -w '%{http_code}' -X PUT -H 'Content-Type: application/json' \
	-H "X-CSRF-Token: $c2" -b jarc2 --data "$twice" "http://$A$FM")
equal "$code" 400 "a form giving one indicator twice is 400"
has body.json 'values[1]: taxable_sales' "naming the second"
dump d.db after.sql
same before.sql after.sql "no refused form wrote anything"
code=$(curl -s -o body.json -w '%{http_code}' -X PUT -H 'Content-Type: application/json' \
	-H "X-CSRF-Token: $c1" -b jarc --data "$form" "http://$A/api/v1/forms/$other/2017-10")
equal "$code" 404 "another park's enterprise's form is 404"

# ---- uploads: all or nothing, every bad row named, held to the subtree ----
login stat stat-password-1 jar
cs=$csrf
# upload KIND FILE JAR CSRF [QUERY]: multipart, as a browser's form sends it
upload() {
	code=$(curl -s -o body.json -w '%{http_code}' -H "X-CSRF-Token: $4" -b "$3" \
		-F "file=@$2" "http://$A/api/v1/imports/$1${5:-}")
}
printf 'unit,indicator,period,value\nent0003,taxable_sales,2017-09,1.5\nent0003,taxable_sales,2017-09x,2\nent0004,no_such,2017-09,1\n' > 9月报表.csv
dump d.db before.sql
upload data 9月报表.csv jar "$cs" "?dry_run=1"
equal "$code" 400 "an upload with bad rows is refused (400)"
has body.json '"9月报表.csv:3: 列 \"period\": 不是期间' "each bad row is named by the file's own name and line"
has body.json '"9月报表.csv:4: 列 \"indicator\": 未知的指标' "every one of them"
hasnt body.json "/tmp" "the server's temporary folder shows nowhere"
"$KFQ" --db d.db --lang zh import data 9月报表.csv 2> cli.err
sed -n 's/^kfq: //p' cli.err | sed '$d' > cli.lines
jq -r '.error.details[]' body.json > api.lines
same api.lines cli.lines "the bad rows are named as kfq import names them"
dump d.db after.sql
same before.sql after.sql "nothing was written"
printf 'unit,indicator,period,value(万元)\nent0003,taxable_sales,2017-09,15000\n' > good.csv
upload data good.csv jar "$cs" "?dry_run=1"
equal "$code" 200 "a good file checks out in a dry run"
equal "$(jq -r .dry_run body.json),$(jq -r .rows body.json)" "true,1" "the dry run says so, with its rows"
dump d.db after.sql
same before.sql after.sql "and writes nothing"
# an XLSX upload (the ZIP library loaded by the worker that reads it) reads
# as kfq import reads the same workbook
"$R" --db d.db export targets --format xlsx --output 目标.xlsx
n=$("$R" --db d.db export targets --format csv | tail -n +2 | wc -l)
upload targets 目标.xlsx jar "$cs" "?dry_run=1"
equal "$code" 200 "an XLSX upload checks out in a dry run"
equal "$(jq -r '"\(.rows),\(.unchanged)"' body.json)" "$n,$n" "every row of the workbook read, as the command line reads them"
head -c 300 目标.xlsx > 坏.xlsx
upload targets 坏.xlsx jar "$cs" "?dry_run=1"
equal "$code" 400 "a truncated XLSX is refused (400)"
has body.json '坏.xlsx' "naming the file"
# a switch is 1, true, 0 or false: anything else, or a misspelt parameter
# of a change, is refused rather than taken for a real import
code=$(curl -s -o body.json -w '%{http_code}' -H "X-CSRF-Token: $cs" -b jar \
	-F "file=@good.csv" -F "file=@9月报表.csv" "http://$A/api/v1/imports/data?dry_run=1")
equal "$code" 400 "two parts named file are refused, not read as one file"
for q in "?dry_run=TRUE" "?dry_run=yes" "?dry_run=" "?dryrun=1" "?backfill=on"; do
	upload data good.csv jar "$cs" "$q"
	equal "$code" 400 "$q is refused (400)"
done
has body.json '"message":"backfill: \"on\"' "naming the parameter and its value"
upload data good.csv jar "$cs" "?dryrun=1"
has body.json '未知的查询参数 \"dryrun\"' "a parameter the route does not take is named"
dump d.db after.sql
same before.sql after.sql "none of them wrote"
# a read's misspelt parameter: the latest month's figures were answered
get "/api/v1/figures/taxable_sales?unit=eyewear_town&perid=2017-08" -b jar
equal "$code,$(jq -r .error.field body.json)" "400,perid" "a read with a parameter its route does not take is 400 naming it"
has body.json "period" "and the parameters it takes"
# the same figures asked for twice, before and after a change: never stale
F="/api/v1/figures/taxable_sales?unit=eyewear_town&period=2017-09&by=children"
for i in 1 2 3 4; do get "$F" -b jar; done
cp body.json before.json
printf '单位,指标,期间,数值(万元)\r\nent0003,taxable_sales,2017-09,15000\r\n' | iconv -f UTF-8 -t GB18030 > gb.csv
upload data gb.csv jar "$cs"
equal "$code" 200 "a GB18030 file from Excel with Chinese headings is imported"
equal "$(jq '.added + .changed' body.json)" 1 "its value is written"
"$R" --db d.db show taxable_sales --unit ent0003 --period 2017-09 --format csv > cli.csv
equal "$(csv_field cli.csv ent0003 value)" "1.50" "the command line shows the uploaded value (亿元)"
for i in 1 2 3 4; do get "$F" -b jar; done
"$R" --db d.db show taxable_sales --unit eyewear_town --period 2017-09 --by children --format json > cli.json
same body.json cli.json "the park's figures asked for again after the upload are the new ones on every worker"
printf 'unit,indicator,period,value(万元)\nent0003,taxable_sales,2017-09,15001\n' > cli.csv
"$KFQ" --db d.db import data cli.csv > /dev/null
for i in 1 2 3 4; do get "$F" -b jar; done
"$R" --db d.db show taxable_sales --unit eyewear_town --period 2017-09 --by children --format json > cli.json
same body.json cli.json "and after a change by the command line (another connection)"
if cmp -s before.json body.json; then bad "the figures did not change"; else ok "the figures changed"; fi
code=$(curl -s -o body.json -w '%{http_code}' -H "X-CSRF-Token: $cs" -b jar \
	-H 'Content-Type: text/csv' --data-binary @good.csv "http://$A/api/v1/imports/data?name=raw.csv")
equal "$code" 200 "a file sent as the body itself is imported too"
other=$(sqlite3 d.db "SELECT u.code FROM unit u JOIN unit p ON p.id = u.parent_id WHERE p.code = 'japan_park' LIMIT 1")
printf 'unit,indicator,period,value\n%s,taxable_sales,2017-09,1\nzzz_none,taxable_sales,2017-09,1\n' "$other" > other.csv
upload data other.csv jarc "$c1"
equal "$code" 400 "a clerk's upload naming another park's enterprise is refused"
jq -r '.error.details[]' body.json | sed "s/$other/X/; s/zzz_none/X/; s/:[23]:/:N:/" | sort -u > scope.lines
equal "$(wc -l < scope.lines)" 1 "another park's enterprise reads as a unit that does not exist"
printf 'code,name_zh,measure,kind,agg\nx1,某指标,万元,flow,sum\n' > ind.csv
upload indicators ind.csv jarc "$c1"
equal "$code" 403 "a clerk cannot import indicators (403)"
has body.json '\"setup\"' "the refusal names the right"
upload nothing good.csv jar "$cs"
equal "$code" 404 "an unknown kind is 404"
code=$(curl -s -o body.json -w '%{http_code}' -H "X-CSRF-Token: $cs" -b jar \
	-F "other=@good.csv" "http://$A/api/v1/imports/data")
equal "$code" 400 "a multipart body without a file part is 400"
# a file from no session, or without the session's CSRF token, is refused
# before it is read (it was read into memory first, up to --upload-max)
head -c 3000000 /dev/zero | tr '\0' 'a' > big.csv
out=$(curl -s -o body.json -w '%{http_code} %{size_upload}' -F "file=@big.csv" "http://$A/api/v1/imports/data")
equal "$out" "401 0" "a 3 MB upload from no session is 401 before a byte of it is sent"
has body.json "请先登录" "saying to sign in first"
out=$(curl -s -o body.json -w '%{http_code} %{size_upload}' -b jar -F "file=@big.csv" "http://$A/api/v1/imports/data")
equal "$out" "403 0" "and one without the CSRF token 403"

# ---- history ----
get "/api/v1/history?unit=ent0001&indicator=taxable_sales&limit=5" -b jarc
"$R" --db d.db history --unit ent0001 --indicator taxable_sales --limit 5 --format json > cli.json
same body.json cli.json "the API's history of an enterprise is kfq history's"
get "/api/v1/history?unit=$other" -b jarc
equal "$code" 404 "another park's history is 404"

# ---- key projects ----
get /api/v1/projects -b jar
"$R" --db d.db project list --format json > cli.json
same body.json cli.json "the register is kfq project list's"
get "/api/v1/projects?status=construction&late=1&date=2017-10-01" -b jar
"$R" --db d.db project list --status construction --late --date 2017-10-01 --format json > cli.json
same body.json cli.json "filtered, it is the filtered list's"
get "/api/v1/projects/stats?period=2017年1-8月" -b jar
"$R" --db d.db project stats --period 2017年1-8月 --format json > cli.json
same body.json cli.json "the office's figures are kfq project stats'"
get /api/v1/projects -b jarc
"$R" --db d.db project list --park eyewear_town --format json > cli.json
same body.json cli.json "a clerk of a park sees its park's projects"
get "/api/v1/projects?park=japan_park" -b jarc
equal "$code" 404 "and not another park's"
get "/api/v1/projects?status=flying" -b jar
equal "$code" 400 "an unknown status is 400"

# ---- investment-promotion leads ----
get /api/v1/leads -b jar
"$R" --db d.db lead list --format json > cli.json
same body.json cli.json "the leads are kfq lead list's"
get "/api/v1/leads?stage=signed&date=2017-12-31" -b jar
"$R" --db d.db lead list --stage signed --date 2017-12-31 --format json > cli.json
same body.json cli.json "those signed at the end of 2017 too"
get /api/v1/leads -b jarc
"$R" --db d.db lead list --park eyewear_town --format json > cli.json
same body.json cli.json "a park's clerk sees the leads of its park"
get "/api/v1/leads?park=japan_park" -b jarc
equal "$code" 404 "and not another park's"

# ---- the eyewear index ----
get "/api/v1/index?from=2017-01&to=2017-12" -b jarc
"$R" --db d.db index show --from 2017-01 --to 2017-12 --format json > cli.json
same body.json cli.json "the index series is kfq index show's"
get "/api/v1/index?channel=online&category=lenses&rebase=2017" -b jarc
"$R" --db d.db index show --channel online --category lenses --rebase 2017 --format json > cli.json
same body.json cli.json "a channel's category rebased to 2017 too"
get "/api/v1/index?category=no_such" -b jarc
equal "$code" 400 "an unknown category is 400"
post /api/v1/index/publish '{"period": "2017-12"}' -b jar -H "X-CSRF-Token: $cs"
equal "$code" 403 "a statistician cannot publish the index"
has body.json '\"index\"' "the refusal names the right"
login ixo index-password-1 jari
post /api/v1/index/publish '{"period": "2017-12"}' -b jari -H "X-CSRF-Token: $csrf"
equal "$code" 200 "the index office publishes up to 2017-12"
equal "$(jq -c .published body.json)" "[]" "every month was published already (the demo's)"
post /api/v1/index/publish '{"period": "2017"}' -b jari -H "X-CSRF-Token: $csrf"
equal "$code" 400 "a year is not a month to publish up to"

# ---- the campaign's cases ----
get "/api/v1/cases?status=registered&date=2018-01-20" -b jar
"$R" --db d.db case list --status registered --date 2018-01-20 --format json > cli.json
same body.json cli.json "the open cases are kfq case list's"
get /api/v1/cases -b jarc
equal "$code $(jq -c . body.json)" "200 []" "a park's clerk sees none of the zone's cases (only its own unit's: none)"
c0=$(jq -r '.[0].code' cli.json)
post "/api/v1/cases/$c0/steps" '{"action": "assign", "dept": "环保局", "date": "2018-01-02"}' -b jar -H "X-CSRF-Token: $cs"
equal "$code" 403 "a statistician cannot step a case"
has body.json '\"cases\"' "the refusal names the right"
login office office-password-1 jaro
co=$csrf
post "/api/v1/cases/$c0/steps" '{"action": "accept", "date": "2018-01-02"}' -b jaro -H "X-CSRF-Token: $co"
equal "$code" 400 "a step the case's status does not allow is 400"
has body.json "可做: 交办" "naming the steps it allows"
post "/api/v1/cases/$c0/steps" '{"action": "dance"}' -b jaro -H "X-CSRF-Token: $co"
equal "$code" 400 "an unknown step is 400"
post "/api/v1/cases/$c0/steps" '{"action": "assign", "dept": "环保局", "date": "2018-01-02"}' -b jaro -H "X-CSRF-Token: $co"
equal "$code" 200 "the office assigns the case"
equal "$(jq -r '.from + " " + .to' body.json)" "registered assigned" "from registered to assigned"
w=$(sqlite3 d.db "SELECT e.who FROM case_event e JOIN kase k ON k.id = e.case_id WHERE k.code = '$c0' AND e.action = 'assign'")
equal "$w" office "the step is recorded as the account's"
post "/api/v1/cases/$c0/steps" '{"action": "confirm", "rating": 9}' -b jaro -H "X-CSRF-Token: $co"
equal "$code" 400 "a rating outside 1-5 is 400"
login hb dept-password-01 jarh
ch=$csrf
equal "$(jq -r .dept body.json)" 环保局 "a department's account signs in with its department"
equal "$(jq -r .top body.json)" true "and says its unit is the top-level one"
for i in 1 2 3 4; do get /api/v1/cases -b jar; done   # every worker has the zone's list
get /api/v1/cases -b jarh
"$R" --db d.db case list --dept 环保局 --format json > cli.json
same body.json cli.json "it sees its department's cases, as kfq case list --dept (not the zone's list another account of its unit was given)"
post "/api/v1/cases/$c0/steps" '{"action": "accept", "date": "2018-01-03"}' -b jarh -H "X-CSRF-Token: $ch"
equal "$code" 200 "it accepts a case assigned to it"
post "/api/v1/cases/$c0/steps" '{"action": "transfer", "dept": "住建局", "note": "x"}' -b jarh -H "X-CSRF-Token: $ch"
equal "$code" 403 "but does not transfer it (the office does)"
c9=$("$R" --db d.db case list --status assigned --format json | jq -r '[.[] | select(.dept != "环保局")][0].code')
post "/api/v1/cases/$c9/steps" '{"action": "accept"}' -b jarh -H "X-CSRF-Token: $ch"
equal "$code" 404 "another department's case is as one that does not exist"

# ---- accounts through the API ----
login admin admin-password-1 jara
ca=$csrf
get /api/v1/users -b jara
equal "$code" 200 "an administrator lists the accounts"
has body.json '"name":"clerk_et"' "the list has the clerk"
hasnt body.json 'pwhash' "and no password hash"
get /api/v1/users -b jar
equal "$code" 403 "a statistician cannot (403)"
has body.json '\"accounts\"' "the refusal names the right"
post /api/v1/users '{"name": "clerk_jp", "password": "clerk-jp-pass-1", "unit": "japan_park", "roles": "clerk"}' -b jara -H "X-CSRF-Token: $ca"
equal "$code" 201 "the administrator adds a clerk of another park"
login clerk_jp clerk-jp-pass-1 jarj
equal "$code" 200 "the new clerk signs in"
post /api/v1/users '{"name": "x2", "password": "short", "unit": "japan_park", "roles": "clerk"}' -b jara -H "X-CSRF-Token: $ca"
equal "$code" 400 "a short password is refused through the API too"
has body.json '"field":"password"' "naming the field"
login admin_et admin-password-2 jare
get /api/v1/users -b jare
hasnt body.json '"name":"clerk_jp"' "an administrator of the eyewear town does not see another park's accounts"
post /api/v1/users '{"name": "x3", "password": "good-password-3", "unit": "japan_park", "roles": "clerk"}' -b jare -H "X-CSRF-Token: $csrf"
equal "$code" 404 "nor adds one there"
code=$(curl -s -o body.json -w '%{http_code}' -X PUT -H 'Content-Type: application/json' -H "X-CSRF-Token: $csrf" \
	-b jare --data '{"disabled": true}' "http://$A/api/v1/users/clerk_jp")
equal "$code" 404 "nor disables one"
code=$(curl -s -o body.json -w '%{http_code}' -X PUT -H 'Content-Type: application/json' -H "X-CSRF-Token: $ca" \
	-b jara --data '{"disabled": true}' "http://$A/api/v1/users/clerk_jp")
equal "$code" 200 "the zone's administrator disables the clerk"
get /api/v1/me -b jarj
equal "$code" 401 "whose session ends"
get "/api/v1/audit?account=clerk_jp" -b jara
has body.json '"event":"account-added"' "the audit log through the API has the account's addition"
has body.json '"event":"account-disabled"' "and its disabling"
has body.json '"who":"admin"' "by the administrator"
equal "$(sqlite3 d.db "SELECT count(*) FROM audit WHERE event IN ('account-added', 'account-disabled') AND account = 'clerk_jp' AND address = '127.0.0.1'")" 2 "from the client's address"
# (a hostile trial: an admin of accounts alone gave itself statistician)
code=$(curl -s -o body.json -w '%{http_code}' -X PUT -H 'Content-Type: application/json' -H "X-CSRF-Token: $csrf" \
	-b jare --data '{"roles": "admin,statistician"}' "http://$A/api/v1/users/admin_et")
equal "$code" 403 "an administrator does not change its own roles"
has body.json "另一位管理员" "another one does"
code=$(curl -s -o body.json -w '%{http_code}' -X PUT -H 'Content-Type: application/json' -H "X-CSRF-Token: $ca" \
	-b jara --data '{"roles": 5}' "http://$A/api/v1/users/admin_et")
equal "$code" 400 "roles that are not a string are refused, not ignored"
"$R" --db d.db user list --format csv > users.csv
has users.csv "admin_et" "and the account is there"
hasnt users.csv "admin_et,eyewear_town,\"admin,statistician\"" "with its roles unchanged"
# a path or a query parameter that is not UTF-8: a 400 that says so, in JSON
get "/api/v1/units/%ff" -b jar
equal "$code" 400 "a path that is not UTF-8 is 400 (was a 404 with an empty body)"
has body.json "不是 UTF-8" "saying so"
get "/api/v1/figures?period=%ff" -b jar
equal "$code" 400 "a query parameter that is not UTF-8 too"
# %00 cut the path or a value short: /api/v1/units%00x was the list of units
get "/api/v1/units%00x" -b jar
equal "$code" 400 "a path holding %00 is 400, not the path before it"
has body.json "%00" "naming it"
get "/api/v1/units?parent=z%00x" -b jar
equal "$code" 400 "a query value holding %00 too"
# ?parent=a&parent=b read the first and dropped the second without a word
get "/api/v1/units?parent=eyewear_town&per_page=5&parent=zone" -b jar
equal "$code" 400 "a query parameter given twice is 400"
has body.json "parent" "naming it"
# two lengths of one body: read by the first, the rest of it would be
# taken for the connection's next request
code=$(curl -s -o body.json -w '%{http_code}' -H 'Content-Type: application/json' -H 'Accept-Language: en' \
	-H 'Content-Length: 37' -H 'Content-Length: 5' --data-binary '{"name": "stat", "password": "xxxxx"}' \
	"http://$A/api/v1/login")
equal "$code" 400 "a request giving Content-Length twice, differently, is 400"
has body.json "Content-Length is given twice, as 37 and as 5" "saying so"

# ---- CSRF, sign-out ----
post /api/v1/logout '{}' -b jar
equal "$code" 403 "sign-out without the CSRF token is 403"
has body.json "X-CSRF-Token" "the refusal names the header"
post /api/v1/logout '{}' -b jar -H "X-CSRF-Token: 0123456789abcdef0123456789abcdef"
equal "$code" 403 "with a wrong CSRF token 403"
get /api/v1/me -b jar
equal "$code" 200 "the session is still there"
login stat stat-password-1 jar
get /api/v1/me -b jar
get /api/v1/me -b jar
post /api/v1/logout '{}' -b jar -H "X-CSRF-Token: $csrf"
equal "$code" 200 "sign-out with the token"
get /api/v1/me -b jar
equal "$code" 401 "after sign-out the session is gone"

# ---- the delay after failed sign-ins ----
for i in 1 2 3 4 5; do login boss wrong-password-$i jarb; done
equal "$code" 401 "five failed sign-ins are refused as wrong"
curl -s -D headers.txt -o body.json -H 'Content-Type: application/json' \
	--data '{"name":"boss","password":"leader-password-1"}' "http://$A/api/v1/login"
has headers.txt "HTTP/1.1 429" "the sixth, with the right password, must wait (429)"
ra=$(sed -n 's/^Retry-After: \([0-9]*\).*/\1/p' headers.txt)
[ -n "$ra" ] && [ "$ra" -ge 25 ] && [ "$ra" -le 30 ] && ok "Retry-After says how long ($ra s)" \
	|| bad "Retry-After: '$ra', wanted 25 to 30 seconds"
has body.json "请 $ra 秒后再试" "and so does the message"
# a name no account can have, however long, is kept cut short
python3 -c 'import json; print(json.dumps({"name": "m" * 200000, "password": "x"}))' > big.json
for i in 1 2 3; do
	code=$(curl -s -o body.json -w '%{http_code}' -H 'Content-Type: application/json' --data-binary @big.json "http://$A/api/v1/login")
done
equal "$code" 401 "a 200 000-byte name is refused"
equal "$(sqlite3 d.db "SELECT max(length(account)) < 100, count(*) FROM audit WHERE account LIKE 'mmm%'")" "1|3" "and each attempt keeps under 100 bytes of it"
check "kfq audit" "$KFQ" --db d.db audit --format csv --limit 1000
has out.txt ",login-failed,boss," "the audit log has the failures"
has out.txt ",login-throttled,boss," "and the refusal to try"
has out.txt ",logout,stat," "and the sign-out"
has out.txt ",login,clerk_et," "and the sign-ins"
hasnt out.txt "password-" "and no password"

# ---- units and indicators changed by another process ----
# (each worker keeps the units and indicators while their version stands:
# read a few times first, so that every worker holds them)
login stat stat-password-1 jars
for i in 1 2 3 4; do get /api/v1/forms/ent0005/2017-10 -b jars; done
equal "$code" 200 "the statistician reads a form"
get /api/v1/forms/ent9001/2017-10 -b jars
equal "$code" 404 "an enterprise not there yet is 404"
printf 'code,name,kind,parent\nent9001,新入驻眼镜企业,enterprise,eyewear_town\n' > newunit.csv
check "import units: a new enterprise, from another process" "$R" --db d.db import units newunit.csv
for i in 1 2 3 4; do
	get /api/v1/forms/ent9001/2017-10 -b jars
	equal "$code" 200 "the server reads the new enterprise's form at once ($i)"
done
"$R" --db d.db export indicators | sed 's/^taxable_sales,工业应税销售,/taxable_sales,工业应税销售额,/' > inds.csv
check "import indicators: a name changed, from another process" "$R" --db d.db import indicators inds.csv
for i in 1 2 3 4; do
	get /api/v1/forms/ent0005/2017-10 -b jars
	equal "$(jq -r '.values[] | select(.indicator == "taxable_sales") | .name' body.json)" \
		"工业应税销售额" "and shows the indicator's new name ($i)"
done

# ---- a changed password, a disabled account end their sessions ----
login clerk_et clerk-password-1 jarc
# (read twice first: a worker keeps a session it found valid for the
# second, while nothing is written; a change from another process must end
# it at once all the same)
get /api/v1/me -b jarc
get /api/v1/me -b jarc
equal "$code" 200 "signed in, and read"
echo "clerk-password-2" | check "user passwd" "$KFQ" --db d.db user passwd clerk_et
get /api/v1/me -b jarc
equal "$code" 401 "a changed password ends the account's sessions"
login clerk_et clerk-password-1 jarc
equal "$code" 401 "the old password no longer works"
login clerk_et clerk-password-2 jarc
equal "$code" 200 "the new one does"
get /api/v1/me -b jarc
get /api/v1/me -b jarc
equal "$code" 200 "and reads"
check "user disable" "$KFQ" --db d.db user disable clerk_et
get /api/v1/me -b jarc
equal "$code" 401 "disabling ends the sessions"
login clerk_et clerk-password-2 jarc
equal "$code" 401 "a disabled account cannot sign in"
has body.json "已停用" "and is told so"

# ---- hostile requests ----
post /api/v1/login '{"name": "stat", "password": ' 
equal "$code" 400 "malformed JSON is 400"
has body.json "JSON 格式错误（第 1 行" "the message says where (in Chinese by default)"
post /api/v1/login '{"name": "stat", "password": ' -H 'Accept-Language: en'
has body.json "malformed JSON at line 1" "and in English when asked"
post /api/v1/login '{"name": "stat", "name": "x", "password": "y"}'
equal "$code" 400 "a key given twice is 400"
post /api/v1/login '["stat"]'
equal "$code" 400 "JSON that is not an object is 400"
printf '{"name": "st\377at", "password": "x"}' > badutf8.json
code=$(curl -s -o body.json -w '%{http_code}' -H 'Content-Type: application/json' \
	--data-binary @badutf8.json "http://$A/api/v1/login")
equal "$code" 400 "bad UTF-8 is 400"
code=$(curl -s -o body.json -w '%{http_code}' --data 'name=stat&password=x' \
	"http://$A/api/v1/login")
equal "$code" 415 "a form post (what another site could send) is 415"
head -c 2000000 /dev/zero | tr '\0' 'a' > big.txt
code=$(curl -s -o body.json -w '%{http_code}' -H 'Content-Type: application/json' \
	--data-binary @big.txt "http://$A/api/v1/login")
equal "$code" 413 "a body over the limit is 413"
get "/api/v1/../../etc/passwd" --path-as-is
equal "$code" 404 "a path with .. is 404"
get "/api/v1/nothing"
equal "$code" 404 "an unknown path is 404"
code=$(curl -s -D headers.txt -o body.json -w '%{http_code}' -X DELETE "http://$A/api/v1/me")
equal "$code" 405 "a method a path does not take is 405"
has headers.txt "Allow: GET, HEAD" "with the methods it does take (Allow, as HTTP requires)"
code=$(curl -s -D headers.txt -o body.json -w '%{http_code}' -X DELETE "http://$A/api/v1/users")
has headers.txt "Allow: GET, HEAD, POST" "all of them"
login clerk_et x jarx
login stat stat-password-1 jar
for u in "' OR 1=1 --" '"; DROP TABLE unit; --' '%00' '..%2f..%2f' "$(head -c 3000 big.txt)"; do
	get "/api/v1/figures?period=2017&unit=$(printf %s "$u" | jq -sRr @uri)" -b jar
	[ "$code" = 404 ] || bad "unit=$u gave $code"
done
ok "injection strings as a unit are unknown units (404)"
n=$(sqlite3 d.db "SELECT count(*) FROM unit")
[ "$n" -gt 100 ] && ok "the units are all still there ($n)" || bad "units: $n"
code=$(curl -s -o /dev/null -w '%{http_code}' -b jar "http://$A/api/v1/units/$(head -c 70000 big.txt)")
equal "$code" 414 "a 70 KB path is refused (414)"
H=""
for i in $(seq 300); do H="$H -H X-$i:$(head -c 200 big.txt)"; done
code=$(curl -s -o /dev/null -w '%{http_code}' $H "http://$A/api/v1/openapi.json")
equal "$code" 431 "60 KB of headers are refused (431)"
get "/api/v1/units/%00" -b jar
equal "$code" 400 "a NUL in the path is 400 (it was read as /api/v1/units/, a 404)"
awk 'BEGIN { for (i = 0; i < 100000; i++) printf "["; for (i = 0; i < 100000; i++) printf "]" }' > deep.json
code=$(curl -s -o body.json -w '%{http_code}' -H 'Content-Type: application/json' \
	--data-binary @deep.json "http://$A/api/v1/login")
equal "$code" 400 "JSON nested 100 000 deep is 400, not a crash"
head -c 1000 big.txt > slow.txt
curl -s -o /dev/null --limit-rate 100 -H 'Content-Type: application/json' \
	--data-binary @slow.txt "http://$A/api/v1/login" &
slow=$!
sleep 0.5
get /api/v1/openapi.json
equal "$code" 200 "a slow client holds no one up"
kill $slow 2>/dev/null
wait $slow 2>/dev/null

# ---- the OpenAPI document matches the routes and the docs ----
jq -r '.paths | to_entries[] | .key as $p | .value | keys[] | "\(.) \($p)"' body.json > routes.txt
[ "$(wc -l < routes.txt)" -ge 9 ] && ok "the OpenAPI document lists $(wc -l < routes.txt) routes" \
	|| bad "routes in openapi.json: $(cat routes.txt)"
undoc=0
while read -r m p; do
	url=$(echo "$p" | sed 's/{[a-z]*}/danyang/')
	code=$(curl -s -o body.json -w '%{http_code}' -X "$(echo "$m" | tr a-z A-Z)" \
		-H 'Content-Type: application/json' -d '{}' "http://$A$url")
	case $code in 404|405) grep -q "no such path\|没有这个地址\|不支持\|not allowed" body.json \
		&& { bad "$m $p is in the OpenAPI document but not served ($code)"; undoc=1; } ;; esac
	M=$(echo "$m" | tr a-z A-Z)
	grep -qF -- "$M $p" "$top/docs/web.md" || { bad "$M $p is not in docs/web.md"; undoc=1; }
done < routes.txt
[ $undoc = 0 ] && ok "every route of the OpenAPI document is served and in docs/web.md"

# ---- the log, a clean stop ----
has req.log "stat GET /api/v1/figures 200" "the log has one line per request: account, method, path, status"
hasnt req.log "stat-password-1" "the log has no password"
stop_server "SIGTERM stops the server with exit 0"
has req.log "kfq serve: stopped" "and it says so"

# ---- session expiry ----
check "user enable" "$KFQ" --db d.db user enable clerk_et
start_server d.db req2.log --session-idle 3
login clerk_et clerk-password-2 jarc
get /api/v1/me -b jarc
equal "$code" 200 "a fresh session works"
# in use, it lasts past the idle limit (its last use kept often enough)
for i in 1 2 3 4; do sleep 1; get /api/v1/me -b jarc; [ "$code" = 200 ] || break; done
equal "$code" 200 "a session used every second lasts past --session-idle 3"
sleep 4.2
get /api/v1/me -b jarc
equal "$code" 401 "a session idle past --session-idle has ended"
stop_server "the second server stops"
# ---- a server killed with SIGKILL in the middle of writes ----
start_server d.db req3.log
login stat stat-password-1 jar
h0=$(sqlite3 d.db "SELECT count(*) FROM history WHERE unit = 'ent0002' AND source = 'web'")
: > acked.txt
(
	i=1
	while [ $i -le 200 ]; do
		# ent0002 files year-to-date totals: its 1-8月 (2017年1-8月 in the
		# URL), 0.3801 to 0.4000 亿元: between what 1-7月 (0.3371, plus
		# August's value added of 0.0236) and 1-9月 (0.4524, less
		# September's 0.0282) allow
		c=$(curl -s -o /dev/null -w '%{http_code}' -X PUT -H 'Content-Type: application/json' \
			-H "X-CSRF-Token: $csrf" -H 'If-Match: *' -b jar \
			--data "{\"value\": \"$(printf '0.%04d' $((3800 + i)))\"}" \
			"http://$A/api/v1/observations/ent0002/taxable_sales/2017%E5%B9%B41-8%E6%9C%88") || break
		[ "$c" = 200 ] && echo $i >> acked.txt
		i=$((i + 1))
	done
) &
writer=$!
n=0
while [ "$(wc -l < acked.txt)" -lt 5 ] && [ $n -lt 300 ]; do sleep 0.05; n=$((n + 1)); done
kill -KILL $pid
wait $pid 2>/dev/null
wait $writer 2>/dev/null
acked=$(wc -l < acked.txt)
last=$(tail -1 acked.txt)
[ "$acked" -ge 5 ] && ok "$acked writes were acknowledged before the kill" || bad "only $acked acknowledged"
equal "$(sqlite3 d.db 'PRAGMA integrity_check')" ok "after SIGKILL the database is whole"
h1=$(sqlite3 d.db "SELECT count(*) FROM history WHERE unit = 'ent0002' AND source = 'web'")
[ $((h1 - h0)) -ge "$acked" ] && [ $((h1 - h0)) -le $((acked + 1)) ] \
	&& ok "every acknowledged write is in the history ($((h1 - h0)) for $acked acknowledged)" \
	|| bad "history has $((h1 - h0)) web writes for $acked acknowledged"
v=$("$R" --db d.db export data | awk -F, '$1 == "ent0002" && $2 == "taxable_sales" && $3 == "2017年1-8月" { print $4 }')
v=$(awk -v v="$v" 'BEGIN { printf "%d", v * 10000 - 3800 + 0.5 }')
[ "$v" = "$last" ] || [ "$v" = "$((last + 1))" ] \
	&& ok "the stored value is the last acknowledged one or the one in flight ($v, last $last)" \
	|| bad "stored $v, last acknowledged $last"
"$R" --db d.db show taxable_sales --unit eyewear_town --period 2017-08 --format json > a.json
start_server d.db req4.log
login stat stat-password-1 jar
get "/api/v1/figures/taxable_sales?unit=eyewear_town&period=2017-08" -b jar
same body.json a.json "a new server gives the same roll-up as the command line after the kill"
stop_server "and stops"

# ---- TLS ----
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 \
	-subj /CN=127.0.0.1 -keyout key.pem -out cert.pem 2>/dev/null \
	&& ok "a self-signed certificate" || bad "openssl could not make a certificate"
start_server d.db req5.log --tls-cert cert.pem --tls-key key.pem
code=$(curl -s -k -D headers.txt -o body.json -w '%{http_code}' -H 'Content-Type: application/json' \
	--data '{"name":"stat","password":"stat-password-1"}' "https://$A/api/v1/login")
equal "$code" 200 "sign-in over HTTPS"
has headers.txt "Secure" "the cookie is Secure under TLS"
has headers.txt "Strict-Transport-Security" "and the server asks for HTTPS from now on"
code=$(curl -s -o /dev/null -w '%{http_code}' "http://$A/api/v1/openapi.json")
[ "$code" != 200 ] && ok "plain HTTP to the TLS port gets no answer ($code)" || bad "plain HTTP answered 200"
stop_server "the TLS server stops"
check_exit 1 "a certificate without its key is refused" \
	"$KFQ" --db d.db serve --listen 127.0.0.1:0 --tls-cert cert.pem
check_exit 1 "an unreadable key is refused" \
	"$KFQ" --db d.db serve --listen 127.0.0.1:0 --tls-cert cert.pem --tls-key nothing.pem
has err.txt "nothing.pem" "naming the file"
echo "not a key" > bad.pem
check_exit 1 "a key that is not PEM is refused" \
	"$KFQ" --db d.db serve --listen 127.0.0.1:0 --tls-cert cert.pem --tls-key bad.pem
has err.txt "PEM" "and the message says what may be wrong"

check_exit 1 "serve refuses a listen address that is not one" \
	"$KFQ" --db d.db serve --listen nowhere
has err.txt "HOST:PORT" "and says what it expected"
check_exit 1 "serve refuses a database that is not there" \
	"$KFQ" --db missing.db serve --listen 127.0.0.1:0

# ---- --static DIR: a link to a folder in the middle of a path, a FIFO
# (a hostile trial: /etclink/passwd served /etc/passwd; two requests for a
# FIFO held both workers until something wrote to it) ----
mkdir -p st/sub
echo '<p>kfq</p>' > st/index.html
echo 'ok' > st/sub/a.txt
mkdir -p outside
echo 'secret' > outside/s.txt
ln -s "$PWD/outside" st/link
ln -s "$PWD/outside/s.txt" st/sub/flink
mkfifo st/fifo
start_server d.db req6.log --static st
get /
equal "$code" 200 "the static index"
get /sub/a.txt
equal "$code" 200 "a file in a folder"
get /link/s.txt
equal "$code" 404 "a link to a folder outside DIR, in the middle of the path, is not followed"
hasnt body.json "secret" "and the file outside is not served"
get /sub/flink
equal "$code" 404 "a link as the last segment is not followed"
code=$(curl -s -m 5 -o body.json -w '%{http_code}' "http://$A/fifo")
equal "$code" 404 "a FIFO is 404, at once"
code=$(curl -s -m 5 -o body.json -w '%{http_code}' "http://$A/fifo")
equal "$code" 404 "again: no worker is left waiting on it"
get /sub/a.txt
equal "$code" 200 "and the server still answers"
stop_server "the static server stops"
