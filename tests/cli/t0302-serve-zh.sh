# t0302-serve-zh: kfq serve answers the library's messages in Chinese
# unless the request asks for English (?lang=en, or an Accept-Language that
# weighs en above zh; ?lang= naming another language is 400):
# a wrong sign-in, a bad period (400, the field still named in English),
# an upload with bad rows (every detail, at the file's own line, as
# kfq --lang zh import names it), a value changed since it was read (409)
# (docs/web.md, "The API").
R=${KFQ_REL:-$KFQ}
demo_copy d.db

top=$(cd "$DATA/../.." && pwd)
. "$top/tests/cli/serve_lib.sh"
# put PATH JSON JAR CSRF VERSION [CURL OPTIONS]
put() {
	p=$1 j=$2 jar=$3 t=$4 v=$5
	shift 5
	code=$(curl -s -o body.json -w '%{http_code}' -X PUT -H 'Content-Type: application/json' \
		-H "X-CSRF-Token: $t" -H "If-Match: \"$v\"" --data-binary "$j" -b "$jar" "$@" "http://$A$p")
}
# upload KIND FILE JAR CSRF [QUERY [CURL OPTIONS]]
upload() {
	k=$1 f=$2 jar=$3 t=$4 qs=${5:-}
	shift 4
	[ $# -gt 0 ] && shift
	code=$(curl -s -o body.json -w '%{http_code}' -H "X-CSRF-Token: $t" -b "$jar" \
		-F "file=@$f" "$@" "http://$A/api/v1/imports/$k$qs")
}

echo "stat-password-1" | check "user add: a statistician" \
	"$R" --db d.db user add stat --unit danyang --role statistician
echo "clerk-password-1" | check "user add: a clerk" \
	"$R" --db d.db user add clerk_a --unit eyewear_town --role clerk
echo "clerk-password-2" | check "user add: a second clerk" \
	"$R" --db d.db user add clerk_b --unit eyewear_town --role clerk
start_server d.db req.log

# ---- a wrong sign-in ----
login stat wrong-password-1 jar0
equal "$code" 401 "a wrong password is 401"
equal "$(jq -r .error.message body.json)" "账号名或密码错误" "in Chinese by default"
post /api/v1/login '{"name": "stat", "password": "wrong-password-1"}' \
	-H 'Accept-Language: en-US,en;q=0.9'
equal "$(jq -r .error.message body.json)" "wrong account name or password" \
	"in English with Accept-Language: en"
post "/api/v1/login?lang=en" '{"name": "stat", "password": "wrong-password-1"}'
equal "$(jq -r .error.message body.json)" "wrong account name or password" "and with ?lang=en"
post /api/v1/login '{"name": "stat", "password": "wrong-password-1"}' \
	-H 'Accept-Language: zh-CN,zh;q=0.9,en;q=0.8'
equal "$(jq -r .error.message body.json)" "账号名或密码错误" "Chinese first when a browser prefers it"
# (asked of /me before sign-in: failed sign-ins would make the account wait)
get /api/v1/me -H 'Accept-Language: fr-FR,fr;q=0.9,en;q=0.8'
equal "$(jq -r .error.message body.json)" "sign in first (POST /api/v1/login)" \
	"English for a browser that prefers it to Chinese after French"
get /api/v1/me -H 'Accept-Language: en;q=0.2, zh-TW'
equal "$(jq -r .error.message body.json)" "请先登录 (POST /api/v1/login)" \
	"Chinese when it weighs more than English"
get /api/v1/me -H 'Accept-Language: de, fr'
equal "$(jq -r .error.message body.json)" "请先登录 (POST /api/v1/login)" \
	"Chinese for a browser that names neither"
get "/api/v1/me?lang=fr" -H 'Accept-Language: en'
equal "$code,$(jq -r .error.field body.json)" "400,lang" "?lang=fr is 400, not Chinese without a word"
has body.json "is not a language kfq speaks (expected zh or en)" "said in the header's language"
get "/api/v1/me?lang=en-GB"
equal "$(jq -r .error.message body.json)" "sign in first (POST /api/v1/login)" "?lang= with a region"
login stat stat-password-1 jar
cs=$csrf
equal "$code" 200 "the statistician signs in"

# ---- a bad period: 400, the message in the request's language ----
get "/api/v1/figures/taxable_sales?period=2017-13" -b jar
equal "$code" 400 "a bad period is 400"
has body.json '不是期间: \"2017-13\"（应为以下形式之一' "in Chinese"
"$R" --db d.db --lang zh show taxable_sales --period 2017-13 2> err.txt
has err.txt "$(jq -r .error.message body.json)" "in the command line's Chinese words"
get "/api/v1/figures/taxable_sales?period=2017-13" -b jar -H 'Accept-Language: en'
has body.json 'not a period: \"2017-13\"' "in English on request"
"$R" --db d.db show taxable_sales --period 2017-13 2> err.txt
has err.txt "$(jq -r .error.message body.json)" "in the command line's English words"

# ---- an upload with bad rows ----
printf 'unit,indicator,period,value\nent0003,taxable_sales,2017-09,1.5\nent0003,taxable_sales,2017-09x,2\nent0004,no_such,2017-09,1\nent0003,taxable_sales,2017-10,12x\n' > 十月报表.csv
dump d.db before.sql
upload data 十月报表.csv jar "$cs"
equal "$code" 400 "an upload with bad rows is refused (400)"
equal "$(jq -r .error.message body.json)" "十月报表.csv: 3 行有错（共 4 行），未导入任何数据" \
	"its message in Chinese"
has body.json '"十月报表.csv:3: 列 \"period\": 不是期间: \"2017-09x\"' "each bad row in Chinese at its line"
has body.json '"十月报表.csv:4: 列 \"indicator\": 未知的指标 \"no_such\"' "every one"
has body.json '"十月报表.csv:5: 列 \"value\": 不是数字: \"12x\"' "of them"
jq -r '.error.details[]' body.json > api.lines
"$R" --db d.db --lang zh import data 十月报表.csv 2> cli.err
sed -n 's/^kfq: //p' cli.err | sed '$d' > cli.lines
same api.lines cli.lines "the rows named as kfq --lang zh import names them"
upload data 十月报表.csv jar "$cs" "" -H 'Accept-Language: en'
equal "$code" 400 "asked in English, the same refusal"
equal "$(jq -r .error.message body.json)" "十月报表.csv: 3 of 4 rows are bad; nothing was imported" \
	"its message in English"
jq -r '.error.details[]' body.json > api.lines
"$R" --db d.db import data 十月报表.csv 2> cli.err
sed -n 's/^kfq: //p' cli.err | sed '$d' > cli.lines
same api.lines cli.lines "the rows named as kfq import names them"
upload data 十月报表.csv jar "$cs" "?dry_run=1&lang=en"
has body.json '"十月报表.csv:5: column \"value\": not a number: \"12x\"' "?lang=en as well"
hasnt body.json "/tmp" "the server's temporary folder shows nowhere"
dump d.db after.sql
same before.sql after.sql "nothing was written"

# ---- a value changed since it was read: 409 ----
O=/api/v1/observations/ent0001/taxable_sales/2017-08
login clerk_a clerk-password-1 jara
ca=$csrf
login clerk_b clerk-password-2 jarb
cb=$csrf
get $O -b jara
v1=$(jq -r .version body.json)
put $O '{"value": "2000", "measure": "万元"}' jarb "$cb" "$v1"
equal "$code" 200 "the second clerk corrects the value"
put $O '{"value": "2100", "measure": "万元"}' jara "$ca" "$v1"
equal "$code" 409 "the first, writing over what it has not seen, gets 409"
equal "$(jq -r .error.message body.json)" \
	"您读取之后此数值已被他人修改: 现为 2000，您填的是 2100（万元）；请重新读取后再决定" \
	"its message in Chinese, with both values"
put $O '{"value": "2100", "measure": "万元"}' jara "$ca" "$v1" -H 'Accept-Language: en'
equal "$code" 409 "asked in English, the same 409"
has body.json "the value was changed by someone else since you read it: now 2000, yours 2100" \
	"its message in English"

# the server's own refusals (not the library's) through the same catalogue
get "/api/v1/history?limit=0" -b jara
equal "$code $(jq -r .error.message body.json)" '400 limit: "0": 应为 1 到 10000 的整数' \
	"a refusal of the server's own in Chinese"
get "/api/v1/history?limit=0&lang=en" -b jara
equal "$(jq -r .error.message body.json)" 'limit: "0": expected a whole number from 1 to 10000' \
	"and in English when asked"
get "/api/v1/imports/nope" -b jara
equal "$code" 405 "a route that takes another method"

kill -TERM $pid
wait $pid
equal "$?" 0 "the server stops cleanly"
