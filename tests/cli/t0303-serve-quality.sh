# t0303-serve-quality: approval and publication through the API
# (docs/web.md, docs/quality.md): a clerk submits its enterprises' month but
# may not approve it (403 naming the right); a unit outside its subtree is
# 404; the statistician approves, publishes and, after a correction,
# publishes revision 2 with a reason; the tree and the revisions are the
# command line's JSON; without the CSRF token nothing changes.
R=${KFQ_REL:-$KFQ}
top=$(cd "$DATA/../.." && pwd)
. "$top/tests/cli/serve_lib.sh"
# step UNIT PERIOD JSON JAR CSRF
step() {
	post "/api/v1/approval/$1/$2" "$3" -b "$4" -H "X-CSRF-Token: $5"
}

$KFQ --db z.db init > /dev/null
printf 'code,name,kind,parent\nz,开发区,zone,\np1,园区一,park,z\np2,园区二,park,z\ne1,企业一,enterprise,p1\ne2,企业二,enterprise,p1\ne3,企业三,enterprise,p2\n' > units.csv
printf 'code,name_zh,measure,kind,agg,decimals\nsales,应税销售,万元,flow,sum,1\n' > inds.csv
printf 'unit,indicator,period,value\ne1,sales,2017-08,11.5\ne2,sales,2017-08,21.25\ne3,sales,2017-08,8\n' > data.csv
for k in "units units.csv" "indicators inds.csv" "data data.csv"; do
	$KFQ --db z.db import $k > /dev/null || bad "import $k"
done
echo "stat-password-1" | "$R" --db z.db user add stat --unit z --role statistician > /dev/null
echo "clerk-password-1" | "$R" --db z.db user add clerk --unit p1 --role clerk > /dev/null
echo "leader-password-1" | "$R" --db z.db user add boss --unit z --role leader > /dev/null
start_server z.db req.log
login clerk clerk-password-1 jc; cc=$csrf
login stat stat-password-1 js; cs=$csrf
login boss leader-password-1 jb; cb=$csrf

step e1 2017-08 '{"step": "submit"}' jc "$cc"
equal "$code" 200 "the clerk submits e1's August"
equal "$(jq -r .step body.json)" submit "and is told the step"
step e1 2017-08 '{"step": "approve"}' jc "$cc"
equal "$code" 403 "the clerk may not approve it"
jq -r .error.message body.json > msg.txt
has msg.txt '"publish"' "the message names the right it lacks"
step e3 2017-08 '{"step": "submit"}' jc "$cc"
equal "$code" 404 "e3 (under p2) is outside the clerk's subtree: 404"
step e2 2017-08 '{"step": "submit"}' jc
equal "$code" 403 "without the CSRF token: 403"
step e2 2017-08 '{"step": "bless"}' jc "$cc"
equal "$code" 400 "an unknown step is 400"
has body.json "step：应为 submit、approve、certify 或 reopen" "naming the steps (in Chinese, the API's first language)"
step e2 2017-08 '{"step": "submit"}' jc "$cc"
step e1 2017-08 '{"step": "approve"}' js "$cs"
equal "$code" 200 "the statistician approves e1"
step p1 2017-08 '{"step": "submit"}' js "$cs"
step p1 2017-08 '{"step": "approve"}' js "$cs"
equal "$code" 400 "p1 cannot be approved while e2 is only submitted"
has body.json "1 child units not approved: e2 (submitted)" "it says which"
for u in e2 p1; do step $u 2017-08 '{"step": "approve"}' js "$cs"; equal "$code" 200 "approve $u"; done
for u in e3 p2 z; do
	step $u 2017-08 '{"step": "submit"}' js "$cs"; step $u 2017-08 '{"step": "approve"}' js "$cs"
	equal "$code" 200 "submit and approve $u"
done

get "/api/v1/approval?period=2017-08&unit=z" -b js
equal "$code" 200 "the approval tree"
jq -S . body.json > api.json
"$R" --db z.db approval status --period 2017-08 --unit z --format json | jq -S . > cli.json
same api.json cli.json "as kfq approval status --format json"
get "/api/v1/approval?period=2017-08" -b jc
equal "$(jq -r '.[0].unit' body.json)" p1 "a clerk's tree starts at its own unit"

post /api/v1/publications/z/2017-08 '{}' -b jb -H "X-CSRF-Token: $cb"
equal "$code" 403 "the leader may read but not publish"
post /api/v1/publications/z/2017-08 '{}' -b js -H "X-CSRF-Token: $cs"
equal "$code" 200 "the statistician publishes August"
equal "$(jq -r '.revision, .figures, .units' body.json | tr '\n' ' ')" "1 3 3 " "revision 1: 3 figures of 3 units"

# a correction, then revision 2
step z 2017-08 '{"step": "reopen"}' js "$cs"
equal "$code" 400 "a reopen needs a note"
equal "$(jq -r '.error.message, .error.field' body.json | tr '\n' ' ')" "必填：为何重新打开该月 note " "saying so (in Chinese by default), naming the field"
for u in z p1 e1; do step $u 2017-08 '{"step": "reopen", "note": "企业一更正"}' js "$cs"; equal "$code" 200 "reopen $u"; done
printf 'unit,indicator,period,value\ne1,sales,2017-08,15\n' > fix.csv
$KFQ --db z.db import data fix.csv > /dev/null || bad "the correction"
for u in e1 p1 z; do
	step $u 2017-08 '{"step": "submit"}' js "$cs"; step $u 2017-08 '{"step": "approve"}' js "$cs"
	equal "$code" 200 "approve $u again"
done
post /api/v1/publications/z/2017-08 '{}' -b js -H "X-CSRF-Token: $cs"
equal "$code" 400 "revision 2 needs a reason"
post /api/v1/publications/z/2017-08 '{"reason": "企业一更正8月开票"}' -b js -H "X-CSRF-Token: $cs"
equal "$(jq -r '.revision, .changed' body.json | tr '\n' ' ')" "2 2 " "revision 2, two figures changed (z and p1)"
get /api/v1/publications/z/2017-08 -b jb
equal "$code" 200 "the leader reads the revisions"
equal "$(jq -r '[.revisions[].revision] | join(",")' body.json)" "1,2" "both revisions listed"
equal "$(jq -r '.revisions[1].reason' body.json)" "企业一更正8月开票" "with the reason"
jq -S .changes body.json > api.json
"$R" --db z.db revisions --unit z --period 2017-08 --format json | jq -S . > cli.json
same api.json cli.json "the changes as kfq revisions --format json"
equal "$(jq -r '.changes[] | select(.unit == "z") | "\(.old) \(.new)"' body.json)" "40.8 44.3" "z: 40.8 → 44.3"
get "/api/v1/publications/z/2017-08?revision=1" -b jb
equal "$(jq -r '.[] | select(.unit == "z") | .value' body.json)" "40.8" "revision 1 as published"
get "/api/v1/publications/p2/2017-08" -b jc
equal "$code" 404 "another park's publication is outside the clerk's subtree"
get "/api/v1/publications/z/2017-08?revision=x" -b jb
equal "$code" 400 "a revision that is not a number is 400"
stop_server "the server stops"
