# t0314-browser-targets: the targets page (目标管理, docs/web.md "Pages") in
# a real browser: Debian's Chromium driven by puppeteer-core
# (tests/web/targets.mjs) against kfq serve on a copy of the demo with make
# demo's accounts (scripts/demo-accounts): the zone's targets and their
# figures, sorting, a park picked, a target changed with its reason and a
# second statistician told of it, a leader and a clerk offered no change, a
# phone's width, English. KFQ_SCREENSHOTS=DIR keeps the screenshots
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

rm -f ready
"$R" --db d.db serve --listen 127.0.0.1:0 --ready-file ready --log serve.log 2>serve.err &
pid=$!
wait_for ready || { bad "the server did not start"; cat serve.err; }
A=$(cat ready)
mkdir -p "${KFQ_SCREENSHOTS:-$PWD/shots}"
CHROMIUM=$chromium node "$top/tests/web/targets.mjs" "http://$A" "${KFQ_SCREENSHOTS:-$PWD/shots}" \
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
grep -q ' PUT /api/v1/targets/eyewear_town/taxable_sales/2017 409 ' serve.log \
	&& ok "the server refused the second change (409)" || bad "no 409 in the server's log"
kill -TERM $pid
wait $pid
equal "$?" 0 "the server stops cleanly"
