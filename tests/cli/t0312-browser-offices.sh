# t0312-browser-offices: the offices' pages in a real browser (docs/web.md
# "Pages"): Debian's Chromium driven by puppeteer-core (tests/web/offices.mjs)
# against kfq serve on a copy of the demo with make demo's accounts
# (scripts/demo-accounts): 金融活水 for the leadership, 台账 and 问题数据 for
# the statistician and a park's clerk, a key project's and a lead's detail
# from the registers, a phone's width, English, a ledger row naming
# <script> shown as text. KFQ_SCREENSHOTS=DIR keeps the screenshots
# (docs/screenshots/).
top=$(cd "$DATA/../.." && pwd)
R=${KFQ_REL:-$KFQ}
chromium=${CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$chromium" ] || [ ! -d "$top/node_modules/puppeteer-core" ]; then
	bad "the browser tests need $chromium and puppeteer-core (scripts/deps installs both)"
	return 0 2>/dev/null || exit 0
fi
demo_copy d.db
KFQ=$R check "scripts/demo-accounts adds the demo's accounts" sh "$top/scripts/demo-accounts" d.db
# open findings: the planted hundredfold jump of ent0003, warnings only
head -1 "$top/docs/examples/planted-errors.csv" > warn.csv
grep '^ent0003,' "$top/docs/examples/planted-errors.csv" >> warn.csv
check "a file with warnings only goes in, leaving open findings" "$R" --db d.db import data warn.csv
# a ledger row naming <script>: shown as text
check "a tenant named <script> is added to the ledger" "$R" --db d.db ledger add tenants ref=XSS1 \
	'enterprise=<script>alert(1)</script>科技有限公司' park=science_park origin=内资 moved_in=2016-05-01

rm -f ready
"$R" --db d.db serve --listen 127.0.0.1:0 --ready-file ready --log serve.log 2>serve.err &
pid=$!
wait_for ready || { bad "the server did not start"; cat serve.err; }
A=$(cat ready)
mkdir -p "${KFQ_SCREENSHOTS:-$PWD/shots}"
CHROMIUM=$chromium node "$top/tests/web/offices.mjs" "http://$A" "${KFQ_SCREENSHOTS:-$PWD/shots}" \
	> browser.out 2> browser.err
rc=$?
while IFS= read -r line; do
	case $line in
	"ok - "*) ok "${line#ok - }" ;;
	"FAIL - "*) bad "${line#FAIL - }" ;;
	page-ready*) echo "# $line" ;;
	esac
done < browser.out
[ $rc = 0 ] || { bad "the browser test exited $rc"; sed 's/^/    /' browser.err | head -20; }
grep -qE ' 5[0-9]{2} [0-9]+$' serve.log && bad "the server answered 5xx" || ok "the server never answered 5xx"
kill -TERM $pid
wait $pid
equal "$?" 0 "the server stops cleanly"
