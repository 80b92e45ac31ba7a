#!/bin/sh
# run.sh: run every command-line test script (tests/cli/t*.sh) against
# $KFQ, each in a fresh folder, several at once (one per core, or $JOBS),
# and print each script's lines in order, then "N passed, N failed".
#
# The demo zone is built once, into $DEMO_DB, before the scripts start;
# a script that needs it copies it (demo_copy in lib.sh) instead of
# building it again. t0060-demo.sh builds it once more through the command
# (by the release build, $KFQ_REL, when given)
# and checks that both builds are the same database.
# Usage: run.sh [t0010-init.sh ...] (default: every script).
top=$(cd "$(dirname "$0")/../.." && pwd)
: "${KFQ:=$top/kfq}"
: "${JOBS:=$(nproc 2>/dev/null || echo 2)}"
DATA=$top/tests/data
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
DEMO_DB=$work/demo.db
export KFQ DATA DEMO_DB
unset KFQ_DB

if [ $# -gt 0 ]; then
	scripts=""
	for s in "$@"; do scripts="$scripts $top/tests/cli/$(basename "$s")"; done
else
	scripts=$(ls "$top"/tests/cli/t*.sh)
fi

# Every script runs $KFQ: the release build in make check, the sanitizer
# build in make check-sanitizers. $KFQ_REL, when given, names the release
# build for the few steps a script runs on it whatever $KFQ is (t0034's
# memory limit, t0060's comparison of two builds' demos, the PostgreSQL
# demo of t0200, the servers' accounts). Each script's line says which
# build it ran.
if grep -q __asan_init "$KFQ" 2>/dev/null; then KFQ_KIND=sanitizers; else KFQ_KIND=release; fi
export KFQ_KIND

# The shared demo: built with a fixed clock, and in a folder of its own for
# its temporary files (t0060 checks that none are left). A demo database
# given in $KFQ_DEMO_DB (make check builds one for this run and the
# PostgreSQL run) is used as it is.
if [ -n "${KFQ_DEMO_DB:-}" ] && [ -f "$KFQ_DEMO_DB" ]; then
	DEMO_DB=$KFQ_DEMO_DB
	DEMO_TMP=${KFQ_DEMO_TMP:-}
else
	mkdir "$work/demo.tmp"
	if ! (cd "$work" && TMPDIR=$work/demo.tmp KFQ_NOW=2018-01-31T00:00:00Z \
	      "$KFQ" --db "$DEMO_DB" demo > demo.out 2>&1); then
		echo "FAIL - building the shared demo database:"; sed 's/^/    /' "$work/demo.out"
		echo "command-line tests: 0 passed, 1 failed"
		exit 1
	fi
	DEMO_TMP=$work/demo.tmp
fi
export DEMO_DB DEMO_TMP


# LeakSanitizer costs about 35 ms at every exit of the sanitizer build, a
# sixth of the scripts' time. It stays on for the scripts whose work is
# the error paths (where a leak hides), for every kfq serve (started with
# it on: serve_lib.sh), and for the unit suites, which run the library's
# paths; KFQ_LEAKS=all turns it on for every script.
LEAKS="t0010-init t0020-import t0030-errors t0032-messages-zh t0034-full t0036-readonly t0037-busy t0038-output t0039-formulas t0040-roundtrip"
[ "${KFQ_LEAKS:-}" = all ] && LEAKS=all
export LEAKS

# The scripts, JOBS at a time (one.sh writes each one's lines to a file),
# the longest first so that no long one starts last and runs alone with a
# core idle (the seconds each took are printed beside its name: keep SLOW
# to the longest few, longest first); then their lines in order.
SLOW="t0300-serve t0310-browser t0312-browser-offices t0015-options t0301-serve-reads t0045-torture t0314-browser-targets t0307-serve-trees t0070-docs t0075-layers t0185-report-demo t0032-messages-zh t0210-finance-cli t0046-hostile t0035-once"
printf '%s\n' $scripts | awk -v slow="$SLOW" '
	BEGIN { n = split(slow, a, " "); for (i = 1; i <= n; i++) rank[a[i] ".sh"] = i }
	{ b = $0; sub(/.*\//, "", b); if (b in rank) first[rank[b]] = $0; else rest[++m] = $0 }
	END { for (i = 1; i <= n; i++) if (i in first) print first[i]; for (i = 1; i <= m; i++) print rest[i] }' \
	| xargs -P "$JOBS" -I{} sh "$top/tests/cli/one.sh" {} "$work"
total_pass=0
total_fail=0
for t in $scripts; do
	name=$(basename "$t" .sh)
	echo "== $name.sh ($(cat "$work/$name.sec" 2>/dev/null || echo ?) s, CPU $(cat "$work/$name.cpu" 2>/dev/null || echo ?) s, $(cat "$work/$name.build" 2>/dev/null || echo ?))"
	grep -v '^#counts' "$work/$name.out"
	counts=$(grep '^#counts' "$work/$name.out" | tail -1)
	if [ -z "$counts" ]; then
		echo "FAIL - $name.sh stopped before its end"
		total_fail=$((total_fail + 1))
	else
		set -- $counts
		total_pass=$((total_pass + $2))
		total_fail=$((total_fail + $3))
	fi
done
echo "command-line tests: $total_pass passed, $total_fail failed"
[ "$total_fail" = 0 ]
