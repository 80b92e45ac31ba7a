# serve_lib.sh: what the kfq serve scripts (t0300 to t0304) share,
# sourced after lib.sh: starting a server, asking it with curl, comparing its JSON with the command line's.
# start_server DB LOG [OPTIONS]: serve DB on a free port; $A is host:port,
# $pid the server's process (with leak checks and AddressSanitizer's whole
# quarantine: a server lives long, and a use after free may come requests
# later).
start_server() {
	db=$1 log=$2
	shift 2
	rm -f ready
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=1:quarantine_size_mb=256" "$KFQ" --db "$db" serve --listen 127.0.0.1:0 --ready-file ready --log "$log" "$@" \
		2>>serve.err &
	pid=$!
	n=0
	while [ ! -s ready ] && [ $n -lt 300 ] && kill -0 $pid 2>/dev/null; do
		sleep 0.1
		n=$((n + 1))
	done
	A=$(cat ready 2>/dev/null)
	[ -n "$A" ] && ok "the server listens ($A)" || { bad "the server did not start"; cat serve.err; }
}
stop_server() {
	kill -TERM $pid
	wait $pid
	equal "$?" 0 "$1"
}
# get PATH [CURL OPTIONS]: GET into body.json; $code is the status.
get() {
	p=$1
	shift
	code=$(curl -s -o body.json -w '%{http_code}' "$@" "http://$A$p")
}
# post PATH JSON [CURL OPTIONS]
post() {
	p=$1 j=$2
	shift 2
	code=$(curl -s -o body.json -w '%{http_code}' -H 'Content-Type: application/json' \
		--data-binary "$j" "$@" "http://$A$p")
}
# login NAME PASSWORD JAR: sign in, the cookie into JAR; $csrf its token.
login() {
	post /api/v1/login "{\"name\": \"$1\", \"password\": \"$2\"}" -c "$3"
	csrf=$(jq -r '.csrf_token // empty' body.json 2>/dev/null)
}
# api_cli WHAT PATH JAR KFQ-ARGS...: GET PATH as JAR's account (in English,
# as the scripts' command line speaks) and the command line's --format json
# of the same request (by $R, the release build when given) must be the
# same bytes.
api_cli() {
	what=$1 p=$2 jar=$3
	shift 3
	get "$p" -b "$jar" -H 'Accept-Language: en'
	"$R" --db d.db "$@" --format json > cli.json 2>cli.err
	if [ "$code" = 200 ] && cmp -s body.json cli.json; then
		ok "$what"
	else
		bad "$what: $p answered $code, not kfq $* --format json:"
		diff body.json cli.json | head -10 | sed 's/^/    /'
		sed 's/^/    /' cli.err | head -5
	fi
}
