#!/bin/sh
# bench/web.sh: kfq serve under load (docs/benchmarks.md, "Web server").
# On the demo database, wrk drives over loopback, with BENCH_WEB_CONNS
# connections (default 200) for BENCH_WEB_SECONDS each (default 30):
#   1. the zone's bulletin, GET /api/v1/figures?period=2017-08 (signed in);
#   2. the baseline: the same JSON as a static file from the same server
#      (--static), so that the ratio says what computing the figures costs;
#   3. a mix: 9 bulletins to 1 single-value write (PUT /api/v1/observations/…).
# For each: requests per second, p50 and p99 latency, errors (non-2xx and
# socket errors), and the server's resident memory before and after.
# Environment: KFQ (default ./kfq). Output: stdout and bench/out/web-results.txt.
set -eu
cd "$(dirname "$0")/.."
OUT=bench/out
SECS=${BENCH_WEB_SECONDS:-30}
CONNS=${BENCH_WEB_CONNS:-200}
K=${KFQ:-./kfq}
die() { echo "bench/web: $*" >&2; exit 1; }
[ -x "$K" ] || die "$K is missing: run make kfq"
command -v wrk >/dev/null || die "wrk is missing (Debian: wrk)"
mkdir -p "$OUT"
T=$(mktemp -d /tmp/kfq-webbench.XXXXXX)
pid=
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; rm -rf "$T"' EXIT INT TERM
echo "bench/web: building the demo database" >&2
KFQ_NOW=2018-01-31T00:00:00Z "$K" --db "$T/web.db" demo > /dev/null
printf '%s\n' 'bench-password-1' | "$K" --db "$T/web.db" user add bench --unit danyang \
	--role statistician > /dev/null
mkdir "$T/static"
"$K" --db "$T/web.db" serve --listen 127.0.0.1:0 --ready-file "$T/ready" --static "$T/static" \
	--log "$T/requests.log" --session-idle 86400 2> "$T/serve.err" &
pid=$!
n=0
while [ ! -s "$T/ready" ] && [ $n -lt 100 ]; do sleep 0.1; n=$((n + 1)); done
A=$(cat "$T/ready") || die "the server did not start: $(cat "$T/serve.err")"
curl -s -c "$T/jar" -H 'Content-Type: application/json' \
	-d '{"name": "bench", "password": "bench-password-1"}' "http://$A/api/v1/login" > "$T/me.json"
TOKEN=$(awk '$6 == "kfq_session" { print $7 }' "$T/jar")
CSRF=$(sed -n 's/.*"csrf_token":"\([0-9a-f]*\)".*/\1/p' "$T/me.json")
[ -n "$TOKEN" ] && [ -n "$CSRF" ] || die "cannot sign in: $(cat "$T/me.json")"
FIG="/api/v1/figures?period=2017-08"
curl -s -b "$T/jar" "http://$A$FIG" > "$T/static/bulletin.json"
BYTES=$(wc -c < "$T/static/bulletin.json")
cat > "$T/mix.lua" <<LUA
counter = 0
request = function()
	counter = counter + 1
	if counter % 10 == 0 then
		-- ent0001's August about as large as its months are (0.0100 to
		-- 0.0299 亿元): the demo's rule sales_magnitude refuses a value
		-- 1000 times the firm's median, as it should
		local v = string.format('{"value": "0.%04d"}', 100 + counter % 200)
		return wrk.format("PUT", "/api/v1/observations/ent0001/taxable_sales/2017-08",
			{ ["Content-Type"] = "application/json", ["X-CSRF-Token"] = "$CSRF",
			  ["If-Match"] = "*", ["Cookie"] = "kfq_session=$TOKEN" }, v)
	end
	return wrk.format("GET", "$FIG", { ["Cookie"] = "kfq_session=$TOKEN" })
end
LUA
rss() { awk '/^VmRSS/ { print $2 }' /proc/$pid/status; }
# run NAME PATH [wrk options]: one run, one line of results
run() {
	name=$1 path=$2
	shift 2
	r0=$(rss)
	wrk -t2 -c"$CONNS" -d"${SECS}s" --latency -H "Cookie: kfq_session=$TOKEN" "$@" \
		"http://$A$path" > "$T/$name.txt"
	r1=$(rss)
	awk -v name="$name" -v r0="$r0" -v r1="$r1" '
		/Requests\/sec/ { rps = $2 }
		/^ +50%/ { p50 = $2 } /^ +99%/ { p99 = $2 }
		/Non-2xx/ { non2xx = $NF }
		/Socket errors/ { sock = $0; sub(/.*Socket errors: /, "", sock) }
		END { printf "%-10s %10s req/s  p50 %8s  p99 %8s  non-2xx %s  socket errors: %s  RSS %d -> %d KiB\n",
			name, rps, p50, p99, non2xx == "" ? 0 : non2xx, sock == "" ? "none" : sock, r0, r1 }' \
		"$T/$name.txt"
}
{
	echo "kfq serve on $(nproc) cores, $(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -1)"
	echo "wrk -t2 -c$CONNS -d${SECS}s over loopback; the bulletin is $BYTES bytes of JSON"
	run static /bulletin.json
	run bulletin "$FIG"
	run mix "$FIG" -s "$T/mix.lua"
	# the same again: whether the server's memory levels off
	run bulletin2 "$FIG"
	run mix2 "$FIG" -s "$T/mix.lua"
} | tee "$OUT/web-results.txt"
awk '/^static/ { s = $2 } /^bulletin / { b = $2 }
	END { if (s > 0 && b > 0) printf "bulletin / static throughput: %.3f\n", b / s }' \
	"$OUT/web-results.txt" | tee -a "$OUT/web-results.txt"
kill -TERM $pid
wait $pid || die "the server did not stop cleanly"
pid=
grep -c ' 500 ' "$T/requests.log" | sed 's/^/requests answered 500: /' | tee -a "$OUT/web-results.txt"
