# t0310-browser: kfq's pages in a real browser (docs/web.md "Pages"):
# Debian's Chromium driven by puppeteer-core (tests/web/browser.mjs)
# against kfq serve on a copy of the demo: signing in as each kind of
# account, the dashboard's figures and charts, the monthly form with its
# checks and two clerks at once, an upload with bad rows, the registers,
# the administrator's page, a unit named <script>, a phone's screen.
# KFQ_SCREENSHOTS=DIR keeps the pages' screenshots (docs/screenshots/).
top=$(cd "$DATA/../.." && pwd)
R=${KFQ_REL:-$KFQ}
chromium=${CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$chromium" ] || [ ! -d "$top/node_modules/puppeteer-core" ]; then
	bad "the browser tests need $chromium and puppeteer-core (scripts/deps installs both)"
	return 0 2>/dev/null || exit 0
fi
fc-list :lang=zh family 2>/dev/null | grep -q 'Noto Sans CJK' \
	&& ok "the pages' Chinese font is on the machine (Noto Sans CJK, fonts-noto-cjk)" \
	|| bad "no Noto Sans CJK font: Chinese would show as empty boxes (scripts/deps --check installs fonts-noto-cjk)"
demo_copy d.db
# make demo's accounts (scripts/demo-accounts), documented in the README
cp d.db accounts.db
KFQ=$R check "scripts/demo-accounts adds the demo's accounts" sh "$top/scripts/demo-accounts" accounts.db
"$R" --db accounts.db user list --format csv > users.csv 2>&1
for u in leader stat clerk firm projects promotion office hb ixo admin; do
	grep -q "^$u," users.csv || bad "demo account $u is missing"
done
equal "$(tail -n +2 users.csv | wc -l | tr -d ' ')" 10 "ten of them, each as the README's table lists"
for a in "boss danyang leader leader-password-1" "stat danyang statistician stat-password-1" \
	"clerk_et eyewear_town clerk clerk-password-1" "clerk_et2 eyewear_town clerk clerk-password-9" \
	"office danyang cases office-password-1" "admin danyang admin admin-password-1" \
	"ixo eyewear_town index index-password-1"; do
	set -- $a
	echo "$4" | "$R" --db d.db user add "$1" --unit "$2" --role "$3" >/dev/null 2>&1 \
		|| bad "user add $1"
done
printf 'code,name,kind,parent,industry,land_mu,hightech\nxss_park,<script>alert(1)</script>园,park,danyang,,,0\n' > xss.csv
printf 'unit,indicator,period,value,measure\nent0001,taxable_sales,2017-07,abc,亿元\nent0002,taxable_sales,2017-07,0.0180,亿元\nent0001,nosuch,2017-07,1,亿元\n' > bad.csv
# good.csv passes the demo's rules: ent0002's July value added is 0.0225 亿元,
# and rule va_le_sales wants taxable sales at least that; ent0002 files
# year-to-date totals, so its July comes as 1-7月 (after 1-6月 0.2871:
# July 0.0489): a month value would have to agree with them (mixed filings)
printf 'unit,indicator,period,value,measure\nent0001,taxable_sales,2017-07,0.0171,亿元\nent0002,taxable_sales,2017年1-7月,0.3360,亿元\n' > good.csv

rm -f ready
# the server by the release build when one is given (t0300 and
# t0301 run it under the sanitizers): a page asks for many figures at once
"$R" --db d.db serve --listen 127.0.0.1:0 --ready-file ready --log serve.log 2>serve.err &
pid=$!
wait_for ready || { bad "the server did not start"; cat serve.err; }
A=$(cat ready)
mkdir -p "${KFQ_SCREENSHOTS:-$PWD/shots}"
BAD_CSV=$PWD/bad.csv GOOD_CSV=$PWD/good.csv XSS_CSV=$PWD/xss.csv CHROMIUM=$chromium \
	node "$top/tests/web/browser.mjs" "http://$A" "${KFQ_SCREENSHOTS:-$PWD/shots}" > browser.out 2> browser.err
rc=$?
while IFS= read -r line; do
	case $line in
	"ok - "*) ok "${line#ok - }" ;;
	"FAIL - "*) bad "${line#FAIL - }" ;;
	first-paint* | page-ready*) echo "# $line" ;;
	esac
done < browser.out
[ $rc = 0 ] || { bad "the browser test exited $rc"; sed 's/^/    /' browser.err | head -20; }
grep -q ' 500 ' serve.log && bad "the server answered 500" || ok "the server never answered 500"
kill -TERM $pid
wait $pid
equal "$?" 0 "the server stops cleanly"
