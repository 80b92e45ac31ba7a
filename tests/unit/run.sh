#!/bin/sh
# run.sh SUITE...: run the cmocka suites, $JOBS at a time, then print each
# one's output in order, after "== SUITE (N s, CPU N s)" (the seconds it
# took and the CPU seconds it used), and "unit tests: N passed, N failed".
# A suite that crashes or exits non-zero without a cmocka count counts as
# one failure.
: "${JOBS:=$(nproc 2>/dev/null || echo 2)}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
# The longest suites start first (test_torture alone is a third of the
# phase's CPU: started last, as its name sorts, it ran alone at the end
# with a core idle; the same suite of two builds both, one after the
# other); the others in order. The output keeps the order given.
SLOW="test_torture test_ixcalc test_case_query test_ixstore"
i=0
for t in "$@"; do
	i=$((i + 1))
	echo "$i $t"
done | awk -v slow="$SLOW" '
	BEGIN { n = split(slow, a, " "); for (i = 1; i <= n; i++) rank[a[i]] = i }
	{ b = $2; sub(/.*\//, "", b)
	  if (b in rank) first[rank[b]] = first[rank[b]] $0 "\n"; else rest[++m] = $0 }
	END { for (i = 1; i <= n; i++) printf "%s", first[i]; for (i = 1; i <= m; i++) print rest[i] }' \
	| xargs -P "$JOBS" -L1 sh -c 's=$(date +%s); "$2" > "$0/$1.out" 2>&1; echo $? > "$0/$1.rc"
		echo $(($(date +%s) - s)) > "$0/$1.sec"; times > "$0/$1.times"' "$work"
pass=0
fail=0
i=0
for t in "$@"; do
	i=$((i + 1))
	# the seconds it took, and its CPU seconds (user and system: times'
	# second line, "0m1.234s 0m0.567s", as tests/cli/one.sh)
	cpu=$(awk 'NR == 2 { gsub(/[ms]/, " "); printf "%.1f", $1 * 60 + $2 + $3 * 60 + $4 }' \
		"$work/$i.times" 2>/dev/null)
	echo "== $t ($(cat "$work/$i.sec" 2>/dev/null || echo ?) s, CPU ${cpu:-?} s)"
	cat "$work/$i.out"
	p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$work/$i.out")
	f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$work/$i.out")
	pass=$((pass + ${p:-0}))
	fail=$((fail + ${f:-0}))
	[ "$(cat "$work/$i.rc")" = 0 ] || [ -n "$f" ] || fail=$((fail + 1))
done
echo "unit tests: $pass passed, $fail failed"
[ "$fail" = 0 ]
